package Sys::Virt::Domain;

use strict;
use warnings;

sub _new {
    my ($proto, %params) = @_;
    my $class = ref($proto) || $proto;
    my $con = exists $params{connection} ? $params{connection}
        : die "connection parameter is required";
    my $self;
    if (exists $params{name}) {
        $self = _lookup_by_name($con, $params{name});
    } elsif (exists $params{id}) {
        $self = _lookup_by_id($con, $params{id});
    } elsif (exists $params{uuid}) {
        my $len = length $params{uuid};
        if ($len == 16) {
            $self = _lookup_by_uuid($con, $params{uuid});
        } elsif ($len == 32 || $len == 36) {
            $self = _lookup_by_uuid_string($con, $params{uuid});
        } else {
            die "UUID must be either 16 unsigned bytes, or 32/36 hex characters long";
        }
    } elsif (exists $params{xml}) {
        $self = $params{nocreate}
            ? _define_xml($con, $params{xml}, $params{flags})
            : _create($con, $params{xml}, $params{flags});
    } else {
        die "address, id or uuid parameters are required";
    }
    return bless $self, $class;
}

sub list_snapshots {
    my $self = shift;
    my @snapshots = $self->list_all_snapshots;
    return @snapshots;
}

1;
