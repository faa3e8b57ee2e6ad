package Sys::Virt;

use strict;
use warnings;

use Sys::Virt::Error;
use Sys::Virt::Domain;
use Sys::Virt::DomainSnapshot;

our $VERSION = '9.0.0';
require XSLoader;
XSLoader::load('Sys::Virt', $VERSION);

sub new {
    my ($proto, %params) = @_;
    my $class = ref($proto) || $proto;
    my $uri = exists $params{address} ? $params{address} : $params{uri};
    my $flags = $params{flags} || 0;
    $flags |= CONNECT_RO() if $params{readonly};
    my $self = $params{auth}
        ? _open_auth($uri, $params{credlist}, $params{callback}, $flags)
        : _open($uri, $flags);
    return bless $self, $class;
}

sub create_domain {
    my ($self, $xml, $flags) = @_;
    return Sys::Virt::Domain->_new(connection => $self, xml => $xml, flags => $flags || 0);
}

sub define_domain {
    my ($self, $xml, $flags) = @_;
    return Sys::Virt::Domain->_new(connection => $self, xml => $xml, nocreate => 1, flags => $flags || 0);
}

# Domains that vanish between listing and lookup are skipped.
sub list_domains {
    my $self = shift;
    my @ids = $self->list_domain_ids($self->num_of_domains);
    my @domains = grep { defined }
        map { my $id = $_; eval { Sys::Virt::Domain->_new(connection => $self, id => $id) } } @ids;
    return @domains;
}

sub list_defined_domains {
    my $self = shift;
    my @names = $self->list_defined_domain_names($self->num_of_defined_domains);
    my @domains = grep { defined }
        map { my $name = $_; eval { Sys::Virt::Domain->_new(connection => $self, name => $name) } } @names;
    return @domains;
}

sub get_domain_by_name {
    my ($self, $name) = @_;
    return Sys::Virt::Domain->_new(connection => $self, name => $name);
}

sub get_domain_by_id {
    my ($self, $id) = @_;
    return Sys::Virt::Domain->_new(connection => $self, id => $id);
}

sub get_domain_by_uuid {
    my ($self, $uuid) = @_;
    return Sys::Virt::Domain->_new(connection => $self, uuid => $uuid);
}

# Called on a connection: the hypervisor's version; called as a class
# method or function: the libvirt library's.
sub get_version {
    my $self = shift;
    return ref($self) ? $self->_get_conn_version : _get_library_version();
}

sub get_library_version {
    my $self = shift;
    return $self->_get_conn_library_version;
}

sub get_major_version { return int($_[0]->get_version / 1_000_000) }
sub get_minor_version { return int(($_[0]->get_version % 1_000_000) / 1000) }
sub get_micro_version { return $_[0]->get_version % 1000 }

1;
