package Sys::Virt::DomainSnapshot;

use strict;
use warnings;

sub _new {
    my ($proto, %params) = @_;
    my $class = ref($proto) || $proto;
    my $dom = exists $params{domain} ? $params{domain}
        : die "domain parameter is required";
    my $self;
    if (exists $params{name}) {
        $self = _lookup_by_name($dom, $params{name});
    } elsif (exists $params{xml}) {
        $self = _create_xml($dom, $params{xml}, $params{flags});
    } else {
        die "name or xml parameters are required";
    }
    return bless $self, $class;
}

sub list_child_snapshots {
    my $self = shift;
    my @children = $self->list_all_children;
    return @children;
}

1;
