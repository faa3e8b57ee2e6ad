package Sys::Virt;

use strict;
use warnings;

use Sys::Virt::Error;
use Sys::Virt::Domain;
use Sys::Virt::DomainSnapshot;
use Sys::Virt::Stream;
use Sys::Virt::StoragePool;
use Sys::Virt::StorageVol;
use Sys::Virt::Network;
use Sys::Virt::NetworkPort;
use Sys::Virt::Event;
use Sys::Virt::NodeDevice;
use Sys::Virt::Interface;
use Sys::Virt::Secret;
use Sys::Virt::NWFilter;
use Sys::Virt::NWFilterBinding;
use Sys::Virt::DomainCheckpoint;

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

sub create_domain_with_files {
    my ($self, $xml, $fds, $flags) = @_;
    return Sys::Virt::Domain->_new(connection => $self, xml => $xml, fds => $fds, flags => $flags || 0);
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

# Storage: the calls the C module writes in Perl (the name lookup is an
# XSUB, and the legacy lists look their pools up in one XSUB call).
sub create_storage_pool {
    my ($self, $xml, $flags) = @_;
    return Sys::Virt::StoragePool->_new(connection => $self, xml => $xml, flags => $flags || 0);
}

sub define_storage_pool {
    my ($self, $xml, $flags) = @_;
    return Sys::Virt::StoragePool->_new(connection => $self, xml => $xml, nocreate => 1, flags => $flags || 0);
}

# Arrays, so that the scalar value is the count, as the C module's Perl
# code gives; the lookups are made in one call of the XS half.
sub list_storage_pools {
    my ($self) = @_;
    my @pools = _list_storage_pools($self);
    return @pools;
}

sub list_defined_storage_pools {
    my ($self) = @_;
    my @pools = _list_defined_storage_pools($self);
    return @pools;
}

sub get_storage_pool_by_uuid {
    my ($self, $uuid) = @_;
    return Sys::Virt::StoragePool->_new(connection => $self, uuid => $uuid);
}

sub get_storage_pool_by_volume {
    my ($self, $volume) = @_;
    return Sys::Virt::StoragePool->_new(connection => $self, volume => $volume);
}

sub get_storage_pool_by_target_path {
    my ($self, $path) = @_;
    return Sys::Virt::StoragePool->_new(connection => $self, target_path => $path);
}

sub get_storage_volume_by_path {
    my ($self, $path) = @_;
    return Sys::Virt::StorageVol->_new(connection => $self, path => $path);
}

sub get_storage_volume_by_key {
    my ($self, $key) = @_;
    return Sys::Virt::StorageVol->_new(connection => $self, key => $key);
}

# Networks (the other network methods are XSUBs).
sub create_network {
    my ($self, $xml, $flags) = @_;
    return Sys::Virt::Network->_new(connection => $self, xml => $xml, flags => $flags || 0);
}

sub define_network {
    my ($self, $xml, $flags) = @_;
    return Sys::Virt::Network->_new(connection => $self, xml => $xml, nocreate => 1, flags => $flags || 0);
}

sub get_network_by_uuid {
    my ($self, $uuid) = @_;
    return Sys::Virt::Network->_new(connection => $self, uuid => $uuid);
}

# Host devices, interfaces, secrets and network filters: the lookups and
# lists are XSUBs; making an object goes through its class's constructor.
sub create_node_device {
    my ($self, $xml, $flags) = @_;
    return Sys::Virt::NodeDevice->_new(connection => $self, xml => $xml, flags => $flags || 0);
}

sub define_node_device {
    my ($self, $xml, $flags) = @_;
    return Sys::Virt::NodeDevice->_new(connection => $self, xml => $xml, nocreate => 1, flags => $flags || 0);
}

# Defines the interface (without starting it), as the C module's does.
sub create_interface {
    my ($self, $xml) = @_;
    return Sys::Virt::Interface->_new(connection => $self, xml => $xml);
}

sub define_interface {
    my ($self, $xml, $flags) = @_;
    return Sys::Virt::Interface->_new(connection => $self, xml => $xml, nocreate => 1, flags => $flags || 0);
}

sub define_secret {
    my ($self, $xml, $flags) = @_;
    return Sys::Virt::Secret->_new(connection => $self, xml => $xml, nocreate => 1, flags => $flags || 0);
}

sub define_nwfilter {
    my ($self, $xml, $flags) = @_;
    return Sys::Virt::NWFilter->_new(connection => $self, xml => $xml, nocreate => 1, flags => $flags || 0);
}

sub create_nwfilter_binding {
    my ($self, $xml, $flags) = @_;
    return Sys::Virt::NWFilterBinding->_new(connection => $self, xml => $xml, flags => $flags || 0);
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

# For every class of object (the kinds table of the XS half):
#  - an object is a live libvirt handle; a serialized copy could only come
#    back as a forgery, so serializing one is refused outright;
#  - DESTROY is empty: the object's magic gives the libvirt reference back,
#    once, when the last Perl reference goes. Perl skips calling an empty
#    DESTROY, which saves a method call per object; it is still there for
#    can() and SUPER::DESTROY.
my $no_destroy = sub { };
for my $class (_object_classes()) {
    no strict 'refs';
    *{"${class}::STORABLE_freeze"} = sub {
        require Carp;
        Carp::croak("$class objects hold live libvirt handles and cannot be serialized");
    };
    *{"${class}::DESTROY"} = $no_destroy;
}

sub get_major_version { return int($_[0]->get_version / 1_000_000) }
sub get_minor_version { return int(($_[0]->get_version % 1_000_000) / 1000) }
sub get_micro_version { return $_[0]->get_version % 1000 }

1;

__END__

=head1 NAME

Sys::Virt - manage virtual machines through libvirt

=head1 SYNOPSIS

  use Sys::Virt;

  my $conn = Sys::Virt->new(uri => 'qemu:///system');

  printf "%s hypervisor, version %d.%d.%d\n", $conn->get_type,
      $conn->get_major_version, $conn->get_minor_version,
      $conn->get_micro_version;

  for my $dom ($conn->list_all_domains) {
      my ($state) = $dom->get_state;
      printf "%-20s %s\n", $dom->get_name,
          $state == Sys::Virt::Domain::STATE_RUNNING ? 'running' : 'not running';
  }

=head1 DESCRIPTION

Sys::Virt is the Perl interface to libvirt, the library that manages
virtual machines and containers on many hypervisors (QEMU/KVM, Xen, LXC,
bhyve, VirtualBox, ESX, Hyper-V, and a built-in test driver) through one
API.

This distribution is a drop-in replacement for Sys::Virt 9.0.0 built
against libvirt 9.0.0: the package names, methods, argument order,
defaults, return values, constants and error objects are the same, so
programs written for that release run unchanged. Its compiled half is
written in Rust, over libvirt's C API, instead of C. Where the C module
crashes or does something other than what its documentation promises,
this one does what is documented; each such case is listed in
L</DIFFERENCES FROM THE C MODULE> and in the page of its package.

The objects are:

=over 4

=item Sys::Virt

A connection to one hypervisor, described on this page.

=item L<Sys::Virt::Domain>

A virtual machine (a "domain" in libvirt's words), running or merely
defined.

=item L<Sys::Virt::DomainSnapshot>

A saved state of a domain's disks and, optionally, memory.

=item L<Sys::Virt::StoragePool>

A storage pool of the host: a directory, file system, volume group,
iSCSI target... holding volumes.

=item L<Sys::Virt::StorageVol>

One volume of a pool, such as a disk image file.

=item L<Sys::Virt::Network>

A virtual network that guests' interfaces attach to.

=item L<Sys::Virt::NetworkPort>

A port of a virtual network, where one guest interface is plugged in.

=item L<Sys::Virt::NodeDevice>

A device of the host: the machine itself, PCI and USB devices, SCSI
hosts, network cards, mediated devices.

=item L<Sys::Virt::Interface>

A network interface of the host, as libvirt's interface driver
configures it.

=item L<Sys::Virt::Secret>

A secret (a key or a passphrase) kept by libvirt for guests and storage.

=item L<Sys::Virt::NWFilter>

A network filter: firewall rules for the traffic of guest interfaces.

=item L<Sys::Virt::NWFilterBinding>

A network filter applied to one port device.

=item L<Sys::Virt::DomainCheckpoint>

A point in time from which backups of a domain's disks copy only what
changed.

=item L<Sys::Virt::Stream>

A channel of data to or from libvirt: a volume's contents, a console, a
screenshot.

=item L<Sys::Virt::Event>

Not an object, but the event loop that delivers events and stream
callbacks: libvirt's own, or one written in Perl.

=item L<Sys::Virt::Error>

The object thrown by any call that libvirt refuses.

=back

An object holds its own reference to the libvirt object behind it, so a
domain stays usable after the variable holding its connection has gone
out of scope; libvirt's object is released when the last Perl object
using it is destroyed.

=head1 CONNECTING

A connection is named by a URI whose scheme picks the driver, for
example C<qemu:///system> (the system-wide QEMU/KVM daemon),
C<qemu:///session> (the current user's), C<qemu+ssh://root@host/system>
(a remote host over SSH), C<lxc:///system>, or C<test:///default>.

C<test:///default> is a driver inside libvirt itself that needs no
daemon and no privileges. It starts with one running domain called
C<test> and keeps every change in the memory of the process that made
it: a new process sees the original state again. It is handy for trying
things out, and the examples in these pages use it.

  use Sys::Virt;

  # the test driver: always available
  my $test = Sys::Virt->new(uri => 'test:///default');

  # the local system daemon, read-only (no root needed on most hosts)
  my $ro = Sys::Virt->new(uri => 'qemu:///system', readonly => 1);

  # libvirt's default: $ENV{LIBVIRT_DEFAULT_URI}, the client
  # configuration file, or a guess from the running daemons
  my $default = Sys::Virt->new();

=head1 METHODS

=head2 Connection

=over 4

=item my $conn = Sys::Virt->new(uri => $uri, readonly => $bool, flags => $flags, auth => $bool, credlist => \@types, callback => \&callback);

Opens a connection and returns it. Every parameter is optional.

C<uri> names the hypervisor (C<address> is accepted as an older name for
it). When it is missing or undef, libvirt picks the default as described
under L</CONNECTING>.

A true C<readonly> opens a read-only connection, the same as adding
C<Sys::Virt::CONNECT_RO> to C<flags>. C<flags> takes the C<CONNECT_*>
constants.

Without C<auth>, libvirt authenticates without asking anything: SSH
keys, permissions on a local socket, polkit rules, or credentials
stored in the client's C<auth.conf>. A connection that would need an
answer fails.

A true C<auth> lets libvirt ask for credentials (user name, password,
and so on). Without a C<callback>, libvirt asks on the terminal itself.
With one, C<callback> is called with a reference to an array of hashes,
one per credential wanted, each with the keys C<type> (a C<CRED_*>
constant), C<prompt> (the text to show), C<challenge> (extra text from
the server, or undef) and C<result> (a default answer, or undef). The
callback stores each answer in the C<result> of its hash and returns 0;
returning -1 makes the connection fail. If the callback dies, C<new>
dies with the same error. C<credlist> is a reference to an array of the
C<CRED_*> types the callback can answer; when it is left out, the
callback is offered every type.

  use Sys::Virt;

  my $conn = Sys::Virt->new(
      uri      => 'qemu+tcp://virthost.example.com/system',
      auth     => 1,
      credlist => [Sys::Virt::CRED_AUTHNAME, Sys::Virt::CRED_PASSPHRASE],
      callback => sub {
          my ($creds) = @_;
          for my $cred (@$creds) {
              $cred->{result} = $cred->{type} == Sys::Virt::CRED_AUTHNAME
                  ? 'admin' : $ENV{VIRT_PASSWORD};
          }
          return 0;
      },
  );

If the connection cannot be opened, a L<Sys::Virt::Error> is thrown.

=item my $uri = $conn->get_uri();

Returns the canonical URI of the connection, which is the one libvirt
actually chose when C<new> was given none.

=item my $type = $conn->get_type();

Returns the name of the driver behind the connection, such as C<QEMU>,
C<LXC> or C<TEST>.

=item my $host = $conn->get_hostname();

Returns the name of the host the hypervisor runs on.

=item my $version = $conn->get_version();

=item my $version = Sys::Virt->get_version();

Called on a connection, returns the hypervisor's version; called on the
class, returns the version of the libvirt library this module is
running with. Both are encoded as C<major * 1_000_000 + minor * 1000 +
micro>, so libvirt 9.0.0 is C<9000000>.

=item my $version = $conn->get_library_version();

Returns the version of libvirt on the side that serves the connection
(the daemon for a remote or daemon-based driver), encoded as for
C<get_version>.

=item my $major = $conn->get_major_version();

=item my $minor = $conn->get_minor_version();

=item my $micro = $conn->get_micro_version();

Return one part of C<get_version>: the millions, the thousands and the
units. Like C<get_version>, they describe the hypervisor when called on
a connection and the library when called on the class.

=item my $max = $conn->get_max_vcpus($type);

Returns the largest number of virtual CPUs a guest can have on this
connection. C<$type> is a domain type as used in domain XML (such as
C<kvm>); leave it out or pass undef for the driver's default.

=item my $bool = $conn->is_alive();

True while the connection is usable. A remote connection whose transport
broke, or whose server stopped answering keepalive messages, is not.

=item my $bool = $conn->is_secure();

True when nobody can eavesdrop on the connection: a local socket, or a
remote transport that encrypts.

=item my $bool = $conn->is_encrypted();

True when the connection's traffic is encrypted (TLS, SSH, or SASL with
an encrypting mechanism). A local connection is secure but not
encrypted.

=item my $info = $conn->get_node_info();

Returns a hash reference describing the host: C<model> (the CPU
architecture), C<memory> (in KiB), C<cpus> (active CPUs), C<mhz>
(their expected frequency), C<nodes> (NUMA cells), C<sockets> (per
cell), C<cores> (per socket) and C<threads> (per core).

=item my $xml = $conn->get_capabilities();

Returns the hypervisor's capabilities as an XML document: the host's
CPU and NUMA layout, and for each guest architecture the emulators,
machine types and features available.

=back

=head2 Finding domains

=over 4

=item my $count = $conn->num_of_domains();

Returns how many domains are running (or paused).

=item my @ids = $conn->list_domain_ids($maxids);

Returns the numeric IDs of the running domains, at most C<$maxids> of
them. C<$maxids> is optional: missing or undef returns every ID; a
negative number croaks. Domains have IDs only while they run.

=item my @doms = $conn->list_domains();

Returns a L<Sys::Virt::Domain> object for each running domain. A domain
that stops between being counted and being looked up is left out. In
scalar context, how many.

=item my $count = $conn->num_of_defined_domains();

Returns how many persistent domains are defined but not running.

=item my @names = $conn->list_defined_domain_names($maxnames);

Returns the names of the defined domains that are not running, at most
C<$maxnames> of them. As with C<list_domain_ids>, C<$maxnames> is
optional and must not be negative.

=item my @doms = $conn->list_defined_domains();

Returns a L<Sys::Virt::Domain> object for each defined domain that is not
running, leaving out any that disappear while the list is made; in
scalar context, how many.

=item my @doms = $conn->list_all_domains($flags);

Returns a L<Sys::Virt::Domain> object for every domain, running or not,
in one call that cannot miss a domain changing state meanwhile. The
C<Sys::Virt::Domain::LIST_*> flags select a subset; with no flags every
domain is returned.

  use Sys::Virt;

  my $conn = Sys::Virt->new(uri => 'test:///default');
  my @running = $conn->list_all_domains(
      Sys::Virt::Domain::LIST_ACTIVE | Sys::Virt::Domain::LIST_PERSISTENT);
  print $_->get_name, "\n" for @running;

=item my $dom = $conn->get_domain_by_name($name);

Returns the domain called C<$name>.

=item my $dom = $conn->get_domain_by_id($id);

Returns the running domain with the ID C<$id>.

=item my $dom = $conn->get_domain_by_uuid($uuid);

Returns the domain with the UUID C<$uuid>, given either as 16 raw bytes
or as 32 hexadecimal digits with or without the four dashes (36
characters). Any other length dies with a plain message.

The three lookups throw a L<Sys::Virt::Error> whose C<code> is
C<Sys::Virt::Error::ERR_NO_DOMAIN> when no domain matches.

  use Sys::Virt;

  my $conn = Sys::Virt->new(uri => 'test:///default');
  my $dom = $conn->get_domain_by_name('test');
  my $same = $conn->get_domain_by_uuid($dom->get_uuid_string);
  my $again = $conn->get_domain_by_id($dom->get_id);

  my $missing = eval { $conn->get_domain_by_name('no-such-guest') };
  print "not found\n"
      if !$missing && ref $@ && $@->code == Sys::Virt::Error::ERR_NO_DOMAIN;

=back

=head2 Creating domains

=over 4

=item my $dom = $conn->create_domain($xml, $flags);

Creates a domain from the XML description C<$xml> and starts it at once.
Unless it is defined as well, the domain is transient: it disappears
when it stops. C<$flags> takes the C<Sys::Virt::Domain::START_*>
constants.

=item my $dom = $conn->create_domain_with_files($xml, \@fds, $flags);

Like C<create_domain>, handing the open files in C<\@fds> (Perl file
handles or descriptor numbers, which stay open and the caller's) to the
domain's first process; for container drivers (LXC) and the test driver
only. See L<Sys::Virt::Domain/Passing file descriptors>.

=item my $dom = $conn->define_domain($xml, $flags);

Defines a persistent domain from C<$xml> without starting it, or
replaces the configuration of the existing domain with the same name
and UUID. C<$flags> may be C<Sys::Virt::Domain::DEFINE_VALIDATE>. Start
the domain with its C<create> method.

  use Sys::Virt;

  my $conn = Sys::Virt->new(uri => 'test:///default');
  my $dom = $conn->define_domain(q{
      <domain type='test'>
        <name>scratch</name>
        <memory unit='MiB'>256</memory>
        <os><type>hvm</type></os>
      </domain>
  });
  $dom->create;
  print $dom->get_name, " is ", ($dom->is_active ? 'up' : 'down'), "\n";

=back

=head2 Storage pools and volumes

Pools are L<Sys::Virt::StoragePool> objects and their volumes
L<Sys::Virt::StorageVol> objects. Lookups throw a L<Sys::Virt::Error>
with code C<Sys::Virt::Error::ERR_NO_STORAGE_POOL> (or
C<ERR_NO_STORAGE_VOL>) when nothing matches.

=over 4

=item my $count = $conn->num_of_storage_pools();

Returns how many storage pools are active.

=item my @names = $conn->list_storage_pool_names($maxnames);

Returns the names of the active pools, at most C<$maxnames> of them.
C<$maxnames> is optional: missing or undef returns every name; a
negative number croaks.

=item my @pools = $conn->list_storage_pools();

Returns a pool object for each active pool, looked up one by one by
name; a pool that is removed meanwhile (undefined, or destroyed when
transient) is left out. In scalar context, how many.

=item my $count = $conn->num_of_defined_storage_pools();

Returns how many persistent pools are defined but inactive.

=item my @names = $conn->list_defined_storage_pool_names($maxnames);

Returns the names of the inactive pools, at most C<$maxnames> of them,
with C<$maxnames> as for C<list_storage_pool_names>.

=item my @pools = $conn->list_defined_storage_pools();

Returns a pool object for each inactive pool, leaving out any that
are undefined while the list is made; in scalar context, how many.

=item my @pools = $conn->list_all_storage_pools($flags);

Returns a pool object for every pool, active or not, in one call. The
C<Sys::Virt::StoragePool::LIST_*> flags select a subset (by state,
persistence, autostart and pool type); with no flags every pool is
returned.

=item my $pool = $conn->get_storage_pool_by_name($name);

Returns the pool called C<$name>.

=item my $pool = $conn->get_storage_pool_by_uuid($uuid);

Returns the pool with the UUID C<$uuid>, given as 16 raw bytes or as 32
hexadecimal digits with or without the four dashes (36 characters).
Any other length dies with a plain message.

=item my $pool = $conn->get_storage_pool_by_volume($vol);

Returns the pool that the L<Sys::Virt::StorageVol> C<$vol> belongs to.

=item my $pool = $conn->get_storage_pool_by_target_path($path);

Returns the pool whose target (its directory, or device directory) is
C<$path>.

=item my $vol = $conn->get_storage_volume_by_path($path);

Returns the volume whose path on the host is C<$path>, in whichever
pool it is.

=item my $vol = $conn->get_storage_volume_by_key($key);

Returns the volume whose key is C<$key>.

=item my $pool = $conn->create_storage_pool($xml, $flags);

Creates a transient pool from the XML description C<$xml> and starts
it: it goes away when it is destroyed. C<$flags> takes the
C<Sys::Virt::StoragePool::CREATE_*> constants (to build it first).

=item my $pool = $conn->define_storage_pool($xml, $flags);

Defines a persistent pool from C<$xml> without starting it (see its
C<build> and C<create> methods), or replaces the configuration of the
pool with the same name and UUID. C<$flags> may be
C<Sys::Virt::StoragePool::DEFINE_VALIDATE>.

  use Sys::Virt;

  my $conn = Sys::Virt->new(uri => 'test:///default');
  my $pool = $conn->define_storage_pool(q{
      <pool type='dir'>
        <name>images</name>
        <target><path>/srv/images</path></target>
      </pool>
  });
  $pool->create;
  my @active = $conn->list_all_storage_pools(Sys::Virt::StoragePool::LIST_ACTIVE);
  print $_->get_name, "\n" for @active;

=item my $xml = $conn->find_storage_pool_sources($type, $srcspec, $flags);

Asks libvirt which sources a pool of type C<$type> (such as
C<logical>, C<netfs> or C<iscsi>) could use, and returns them as an
XML document of C<< <source> >> elements. C<$srcspec> is undef, or an
XML C<< <source> >> document narrowing the search (such as the NFS
server's C<< <host name='...'/> >>). C<$flags> must be 0.

=item my $xml = $conn->get_storage_pool_capabilities($flags);

Returns an XML document describing the pool types that the storage
driver supports, with the source and volume formats of each. C<$flags>
must be 0.

=back

=head2 Networks

=over 4

=item my $count = $conn->num_of_networks();

Returns how many virtual networks are running.

=item my @names = $conn->list_network_names($maxnames);

Returns the names of the running networks, at most C<$maxnames> of
them. As with C<list_domain_ids>, C<$maxnames> is optional and must not
be negative.

=item my @nets = $conn->list_networks();

Returns a L<Sys::Virt::Network> object for each running network, leaving
out any that disappears between being listed and being looked up; in
scalar context, how many.

=item my $count = $conn->num_of_defined_networks();

Returns how many persistent networks are defined but not running.

=item my @names = $conn->list_defined_network_names($maxnames);

Returns the names of the defined networks that are not running, at most
C<$maxnames> of them (optional, not negative).

=item my @nets = $conn->list_defined_networks();

Returns a L<Sys::Virt::Network> object for each defined network that is
not running, leaving out any that disappears meanwhile; in scalar
context, how many.

=item my @nets = $conn->list_all_networks($flags);

Returns a L<Sys::Virt::Network> object for every network, running or
not, in one call. The C<Sys::Virt::Network::LIST_*> flags select a
subset; with no flags every network is returned.

  use Sys::Virt;

  my $conn = Sys::Virt->new(uri => 'test:///default');
  for my $net ($conn->list_all_networks(Sys::Virt::Network::LIST_ACTIVE)) {
      printf "%s (bridge %s)\n", $net->get_name, $net->get_bridge_name;
  }

=item my $net = $conn->get_network_by_name($name);

Returns the network called C<$name>.

=item my $net = $conn->get_network_by_uuid($uuid);

Returns the network with the UUID C<$uuid>, given either as 16 raw bytes
or as 32 hexadecimal digits with or without the four dashes (36
characters). Any other length dies with a plain message.

Both lookups throw a L<Sys::Virt::Error> whose C<code> is
C<Sys::Virt::Error::ERR_NO_NETWORK> when no network matches.

=item my $net = $conn->create_network($xml, $flags);

Creates a network from the XML document C<$xml> and starts it. The
network is transient: it disappears when it stops. C<$flags> may be
C<Sys::Virt::Network::CREATE_VALIDATE>.

=item my $net = $conn->define_network($xml, $flags);

Defines a persistent network from C<$xml> without starting it, or
replaces the configuration of the existing network with the same name
and UUID. C<$flags> may be C<Sys::Virt::Network::DEFINE_VALIDATE>.
Start the network with its C<create> method.

  use Sys::Virt;

  my $conn = Sys::Virt->new(uri => 'test:///default');
  my $net = $conn->define_network(q{
      <network>
        <name>isolated</name>
        <bridge name='virbr9'/>
        <ip address='10.9.0.1' prefix='24'/>
      </network>
  });
  $net->create;
  $net->set_autostart(1);

=back

=head2 Restoring domains

=over 4

=item $conn->restore_domain($file, $dxml, \%params, $flags);

Starts a domain again from the file that L<C<save>|Sys::Virt::Domain/Saving and core dumps>
wrote, in the state it was saved in. C<$dxml>, when given, replaces the
domain XML stored in the file (only in what the guest cannot notice).
C<\%params> is a hash with the keys
C<Sys::Virt::Domain::SAVE_PARAM_FILE> and C<SAVE_PARAM_DXML>, the
alternative to the positional arguments; a C<$file> or C<$dxml>
argument takes the place of the hash's field, and the hash is never
changed. Either C<$file> or C<\%params> is required. C<$flags> takes
C<Sys::Virt::Domain::SAVE_BYPASS_CACHE>, C<SAVE_RUNNING>,
C<SAVE_PAUSED> and C<SAVE_RESET_NVRAM>. Returns nothing; find the domain
by name afterwards.

=item my $xml = $conn->get_save_image_xml_description($file, $flags);

Returns the domain XML stored in the save file C<$file>.
C<Sys::Virt::Domain::SAVE_IMAGE_XML_SECURE> in C<$flags> includes
secrets.

=item $conn->define_save_image_xml($file, $xml, $flags);

Replaces the domain XML stored in the save file C<$file> with C<$xml>.
C<$flags> may be C<Sys::Virt::Domain::SAVE_RUNNING> or C<SAVE_PAUSED>,
changing the state the domain will be restored in.

  use Sys::Virt;

  my $conn = Sys::Virt->new(uri => 'qemu:///system');
  my $dom = $conn->get_domain_by_name('web');
  $dom->save('/srv/web.img');
  (my $xml = $conn->get_save_image_xml_description('/srv/web.img'))
      =~ s{</name>}{</name><description>saved before the upgrade</description>};
  $conn->define_save_image_xml('/srv/web.img', $xml);
  $conn->restore_domain('/srv/web.img');

=back

=head2 Host statistics and tuning

=over 4

=item my $stats = $conn->get_node_cpu_stats($cpu, $flags);

Returns the host's CPU time counters, in nanoseconds, as a hash with
C<kernel>, C<user>, C<idle> and C<iowait> (and C<intr> or
C<utilization> where the platform reports them). C<$cpu> is a CPU number,
or C<Sys::Virt::NODE_CPU_STATS_ALL_CPUS> (the default) for the sum over
all CPUs. C<$flags> must be 0.

=item my $stats = $conn->get_node_memory_stats($cell, $flags);

Returns the host's memory counters, in KiB, as a hash with C<total>,
C<free>, C<buffers> and C<cached>. C<$cell> is a NUMA cell number, or
C<Sys::Virt::NODE_MEMORY_STATS_ALL_CELLS> (the default) for the whole
host. C<$flags> must be 0.

=item my $params = $conn->get_node_memory_parameters($flags);

Returns the host's shared memory (KSM) tuning as a hash of typed
parameters, such as C<shm_pages_to_scan>, C<shm_sleep_millisecs> and
C<shm_pages_shared> (see L</Shared memory tuning>). Values keep their
type, as for the domain tuning methods (L<Sys::Virt::Domain/Tuning>).
C<$flags> must be 0.

=item $conn->set_node_memory_parameters($params, $flags);

Changes shared memory tuning. The fields and their types are those the
host reports; other keys are ignored, and a value that does not suit its
field croaks naming it. C<$flags> must be 0.

=item my $info = $conn->get_node_sev_info($flags);

Returns the host's AMD SEV capabilities as a hash, with keys such as
C<pdh>, C<cert-chain>, C<cbitpos> and C<reduced-phys-bits> (see
L</AMD SEV>). C<$flags> must be 0.

=back

=head2 Domain statistics

=over 4

=item my @records = $conn->get_all_domain_stats($stats, \@domains, $flags);

Returns statistics of many domains in one call: one hash reference per
domain, C<< { dom => $domain, data => \%stats } >>, where C<$domain> is a
L<Sys::Virt::Domain> object and C<%stats> a flat hash of typed values with
keys such as C<state.state>, C<cpu.time>, C<balloon.current>,
C<vcpu.0.time> or C<block.0.rd.bytes>. C<$stats> selects the groups with
the C<Sys::Virt::Domain::STATS_*> constants (0 asks for every group the
driver has). C<\@domains> is a list of domain objects to report on; undef
(the default) or an empty list means every domain of the connection,
filtered by the C<Sys::Virt::Domain::GET_ALL_STATS_*> constants in
C<$flags>. An entry of C<\@domains> that is not a domain object croaks
naming its position.

  use Sys::Virt;

  my $conn = Sys::Virt->new(uri => 'test:///default');
  for my $rec ($conn->get_all_domain_stats(Sys::Virt::Domain::STATS_STATE)) {
      printf "%s: state %d\n", $rec->{dom}->get_name, $rec->{data}{'state.state'};
  }

=back

=head2 Acting for another client

=over 4

=item $conn->set_identity(\%identity, $flags);

Tells the daemon who the client really is, for a privileged proxy that
opens connections on behalf of others. The keys are C<user-name>,
C<group-name>, C<sasl-user-name>, C<x509-distinguished-name> and
C<selinux-context> (strings), C<unix-user-id>, C<unix-group-id> and
C<process-time> (unsigned 64-bit numbers) and C<process-id> (a signed
64-bit number); other keys are ignored (the L</Client identity> constants name them). C<$flags> must be 0.

=back

=head2 Host

=over 4

=item my $bytes = $conn->get_node_free_memory();

Returns the host's free memory, in bytes.

=item my @free = $conn->get_node_cells_free_memory($start, $end);

Returns the free memory, in bytes, of each NUMA cell from C<$start> to
C<$end> inclusive, as a list (shorter when the host has fewer cells).

=item my @cells = $conn->get_node_free_pages(\@pagesizes, $start, $end, $flags);

Returns one hash reference per NUMA cell from C<$start> to C<$end>
inclusive, with C<cell> (its number) and C<pages>, a hash reference from
each page size of C<@pagesizes> (in KiB, as the capabilities XML lists
them) to the number of such pages free. Every element of C<@pagesizes>
must be a number.

=item $conn->node_alloc_pages(\@pages, $start, $end, $flags);

Reserves huge pages on each NUMA cell from C<$start> to C<$end> (a
C<$start> of -1 means every cell). C<@pages> holds one C<[$size, $count]>
array reference per page size (size in KiB); any other element croaks.
C<$flags> is C<NODE_ALLOC_PAGES_ADD> (add to the pages reserved) or
C<NODE_ALLOC_PAGES_SET> (make the reservation this many, the default).

=item my ($cpus, $online_map, $online) = $conn->get_node_cpu_map($flags);

Returns the number of host CPUs, a CPU map (one bit per CPU, see
L<Sys::Virt::Domain/Virtual CPUs and I/O threads>) of the ones online,
and how many are online.

  my ($cpus, $map, $online) = $conn->get_node_cpu_map;
  my @up = grep { vec($map, $_, 1) } 0 .. $cpus - 1;

=item my $model = $conn->get_node_security_model();

Returns a hash reference with the C<model> of the host's security driver
(C<selinux>, C<apparmor> ...; empty when there is none) and its C<doi>
(domain of interpretation).

=item $conn->node_suspend_for_duration($target, $seconds, $flags);

Suspends the host to memory, disk or both (C<$target> is one of the
L</Host suspend targets>) and wakes it after C<$seconds>.

=item my $xml = $conn->get_sysinfo($flags);

Returns the host's SMBIOS information as XML (C<< <sysinfo> >>), or undef
when the driver cannot tell; no exception is raised then.

=item my $xml = $conn->get_domain_capabilities($emulator, $arch, $machine, $virttype, $flags);

Returns an XML document (C<< <domainCapabilities> >>) describing what
domains of the given kind can have. Each of the four (the emulator
binary, the CPU architecture, the machine type, the virtualization type
such as C<kvm>) may be undef for the driver's default, but all four must
be passed.

=item my $xml = $conn->domain_xml_from_native($format, $config, $flags);

Converts a configuration in the hypervisor's own format (for QEMU,
C<qemu-argv>) into domain XML.

=item my $config = $conn->domain_xml_to_native($format, $xml, $flags);

Converts domain XML into the hypervisor's own format.

=back

=head2 CPU models

CPU descriptions are C<< <cpu> >> elements, such as the host's from
C<get_capabilities>. The C<hypervisor> variants take the same four
leading arguments as C<get_domain_capabilities> to say which hypervisor
is meant.

=over 4

=item my @names = $conn->get_cpu_model_names($arch, $flags);

Returns the names of the CPU models libvirt knows for architecture
C<$arch> (C<x86_64> ...).

=item my $result = $conn->compare_cpu($xml, $flags);

Compares the CPU described by C<$xml> with the host's and returns one of
the L</CPU comparison and baselines> results (C<CPU_COMPARE_IDENTICAL>,
C<CPU_COMPARE_SUPERSET> when the host can run it, C<CPU_COMPARE_INCOMPATIBLE>).
C<$flags> takes C<COMPARE_CPU_FAIL_INCOMPATIBLE> (an incompatible CPU is
an error) and C<COMPARE_CPU_VALIDATE_XML>.

=item my $result = $conn->compare_hypervisor_cpu($emulator, $arch, $machine, $virttype, $xml, $flags);

Compares the CPU with what the hypervisor can give a guest on this host.

=item my $xml = $conn->baseline_cpu(\@xml, $flags);

Returns the description of the most capable CPU that every CPU in
C<@xml> (an array reference of descriptions, each a string) can run as.
C<$flags> takes C<BASELINE_CPU_EXPAND_FEATURES> and
C<BASELINE_CPU_MIGRATABLE>.

  use Sys::Virt;

  my $conn = Sys::Virt->new(uri => 'qemu:///system');
  my ($host_cpu) = $conn->get_capabilities =~ m{(<cpu>.*?</cpu>)}s;
  print $conn->baseline_cpu([$host_cpu]);

=item my $xml = $conn->baseline_hypervisor_cpu($emulator, $arch, $machine, $virttype, \@xml, $flags);

The baseline of the CPUs in C<@xml> that the hypervisor can give a
guest.

=back

=head2 Streams

=over 4

=item my $st = $conn->new_stream($flags);

Returns a new L<Sys::Virt::Stream> on the connection, for a volume
transfer, a console or a screenshot. C<$flags> may be
C<Sys::Virt::Stream::NONBLOCK> for a stream that never waits, and
defaults to 0.

  use Sys::Virt;

  my $conn = Sys::Virt->new(uri => 'test:///default');
  my $st = $conn->new_stream();
  my $mime = $conn->get_domain_by_name('test')->screenshot($st, 0);
  my $png = '';
  $st->recv_all(sub { $png .= $_[1]; return $_[2] });
  $st->finish();

=back

=head2 Events

Events are delivered by an event loop, which must be registered before
the connection is opened (L<Sys::Virt::Event>: C<register_default> and
then C<run_default> in a loop, or a loop written in Perl). Callbacks run
inside C<run_default>, in the thread that registered them. Each
registration keeps its connection (and, through the sub, whatever the
sub refers to) until it is deregistered; a callback may deregister
itself or others. When a callback dies, C<run_default> dies with that
error once libvirt has returned; see L<Sys::Virt::Event/libvirt's default loop>.

libvirt accepts one callback per connection, event ID and object
filter: registering a second one for the same combination croaks with
C<ERR_INVALID_ARG> ("event callback already tracked"); open another
connection, or dispatch from one sub.

=over 4

=item my $id = $conn->domain_event_register_any($dom, $eventID, $callback)

Calls C<$callback> for each event of kind C<$eventID> (one of the
C<Sys::Virt::Domain::EVENT_ID_*> constants) on domain C<$dom>, or on
every domain when C<$dom> is undef. Returns the callback id for
C<domain_event_deregister_any>. The callback gets the connection, the
domain (a L<Sys::Virt::Domain>) and then, by event ID:

=over 4

=item EVENT_ID_LIFECYCLE

C<$event, $detail>: one of the C<EVENT_*> lifecycle constants of
L<Sys::Virt::Domain> and the matching C<EVENT_*_*> detail.

=item EVENT_ID_REBOOT, EVENT_ID_CONTROL_ERROR

nothing more.

=item EVENT_ID_RTC_CHANGE

C<$utcoffset>, seconds.

=item EVENT_ID_WATCHDOG

C<$action>, a C<EVENT_WATCHDOG_*> constant.

=item EVENT_ID_IO_ERROR

C<$srcPath, $devAlias, $action>.

=item EVENT_ID_IO_ERROR_REASON

C<$srcPath, $devAlias, $action, $reason>.

=item EVENT_ID_GRAPHICS

C<$phase, \%local, \%remote, $authScheme, \@subject>: the addresses are
hashes with keys C<family>, C<node> and C<service>; the subject is a list
of hashes with keys C<type> and C<name>.

=item EVENT_ID_BLOCK_JOB, EVENT_ID_BLOCK_JOB_2

C<$path, $type, $status> (the disk's path, or its target name for
BLOCK_JOB_2).

=item EVENT_ID_DISK_CHANGE

C<$oldSrcPath, $newSrcPath, $devAlias, $reason>.

=item EVENT_ID_TRAY_CHANGE

C<$devAlias, $reason>.

=item EVENT_ID_PMWAKEUP, EVENT_ID_PMSUSPEND, EVENT_ID_PMSUSPEND_DISK

C<$reason>.

=item EVENT_ID_BALLOON_CHANGE

C<$actual>, the new balloon size in KiB.

=item EVENT_ID_DEVICE_ADDED, EVENT_ID_DEVICE_REMOVED, EVENT_ID_DEVICE_REMOVAL_FAILED

C<$devAlias>.

=item EVENT_ID_TUNABLE, EVENT_ID_JOB_COMPLETED

C<\%params>: the typed parameters as a hash of name to value.

=item EVENT_ID_AGENT_LIFECYCLE

C<$state, $reason>.

=item EVENT_ID_MIGRATION_ITERATION

C<$iteration>.

=item EVENT_ID_METADATA_CHANGE

C<$type, $nsuri> (a C<METADATA_*> constant; the namespace URI, undef
unless the type is METADATA_ELEMENT).

=item EVENT_ID_BLOCK_THRESHOLD

C<$dev, $path, $threshold, $excess>.

=item EVENT_ID_MEMORY_FAILURE

C<$recipient, $action, $flags>.

=item EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE

C<$alias, $size> (KiB).

=back

Any other event ID libvirt knows gets the connection and the domain only.

  use Sys::Virt;

  Sys::Virt::Event::register_default();
  my $conn = Sys::Virt->new(uri => 'test:///default');
  my $id = $conn->domain_event_register_any(undef,
      Sys::Virt::Domain::EVENT_ID_LIFECYCLE,
      sub {
          my ($conn, $dom, $event, $detail) = @_;
          print $dom->get_name, ": event $event, detail $detail\n";
      });
  $conn->get_domain_by_name('test')->destroy;
  Sys::Virt::Event::run_default();    # prints "test: event 5, detail 1"
  $conn->domain_event_deregister_any($id);

=item $conn->domain_event_deregister_any($id)

Removes the callback with id C<$id>; its sub is released before this
returns. An unknown id is ignored, as in the C module.

=item $conn->domain_event_register($callback)

The older interface for lifecycle events of every domain:
C<$callback> gets C<$conn, $dom, $event, $detail>. One such callback
per connection.

=item $conn->domain_event_deregister()

Removes the callback of C<domain_event_register>; harmless when there
is none.

=item my $id = $conn->network_event_register_any($net, $eventID, $callback)

Network events (C<Sys::Virt::Network::EVENT_ID_*>) of network C<$net>,
or of every network when it is undef. The callback gets the connection,
the network (a L<Sys::Virt::Network>) and, for EVENT_ID_LIFECYCLE,
C<$event, $detail>.

=item $conn->network_event_deregister_any($id)

=item my $id = $conn->storage_pool_event_register_any($pool, $eventID, $callback)

Storage pool events (C<Sys::Virt::StoragePool::EVENT_ID_*>): the
connection, the pool and, for EVENT_ID_LIFECYCLE, C<$event, $detail>;
EVENT_ID_REFRESH gives nothing more.

=item $conn->storage_pool_event_deregister_any($id)

=item my $id = $conn->node_device_event_register_any($dev, $eventID, $callback)

Node device events (C<Sys::Virt::NodeDevice::EVENT_ID_*>): the
connection, the device and, for EVENT_ID_LIFECYCLE, C<$event, $detail>;
EVENT_ID_UPDATE gives nothing more.

=item $conn->node_device_event_deregister_any($id)

=item my $id = $conn->secret_event_register_any($secret, $eventID, $callback)

Secret events (C<Sys::Virt::Secret::EVENT_ID_*>): the connection, the
secret and, for EVENT_ID_LIFECYCLE, C<$event, $detail>;
EVENT_ID_VALUE_CHANGED gives nothing more.

=item $conn->secret_event_deregister_any($id)

=item $conn->register_close_callback($callback)

Calls C<< $callback->($conn, $reason) >> when the connection is closed
other than by this program (a C<CLOSE_REASON_*> constant: the daemon
went away, keepalive timed out...). One per connection. Drivers that
run inside the process (test, for instance) accept it and never call it.

=item $conn->unregister_close_callback()

Removes the close callback (and releases its sub).

=item $conn->set_keep_alive($interval, $count)

Sends a keepalive message every C<$interval> seconds when the
connection is idle, and closes it after C<$count> unanswered ones
(C<$interval> 0 or less turns keepalive off). Needs a running event
loop. Remote connections only: other drivers croak with
C<ERR_NO_SUPPORT>.

=back

=head2 Host devices

The devices of the host machine, as L<Sys::Virt::NodeDevice> objects.
A C<$capability> argument names a capability (such as C<pci>, C<net>,
C<scsi_host>, C<storage>) and keeps only the devices that have it; undef
(or leaving it out) means every device.

=over 4

=item my $count = $conn->num_of_node_devices($capability, $flags);

Returns how many devices the host has (with C<$capability>). C<$flags>
must be 0.

=item my @names = $conn->list_node_device_names($capability, $maxnames, $flags);

Returns the names of the devices (with C<$capability>), at most
C<$maxnames> of them; C<$maxnames> is optional, as for
C<list_defined_domain_names>. C<$flags> must be 0.

=item my @devs = $conn->list_node_devices($capability);

Returns an object for each device (with C<$capability>), leaving out any
that disappears while the list is made; in scalar context, how many.

=item my @devs = $conn->list_all_node_devices($flags);

Returns an object for every device in one call. The
C<Sys::Virt::NodeDevice::LIST_CAP_*> flags keep the devices with any of
the capabilities given, C<LIST_ACTIVE> and C<LIST_INACTIVE> by state;
without flags every device is returned.

=item my $dev = $conn->get_node_device_by_name($name);

Returns the device called C<$name>, or throws a L<Sys::Virt::Error> with
code C<Sys::Virt::Error::ERR_NO_NODE_DEVICE>.

=item my $dev = $conn->get_node_device_scsihost_by_wwn($wwnn, $wwpn, $flags);

Returns the SCSI host (a Fibre Channel adapter or a vHBA) whose world
wide node and port names are C<$wwnn> and C<$wwpn> (16 hexadecimal
digits each). C<$flags> must be 0.

=item my $dev = $conn->create_node_device($xml, $flags);

Creates a device from the XML description C<$xml> (a vHBA on a SCSI
host that can make virtual ports, or a mediated device) and returns it.
The device lasts until it is destroyed or the host reboots. C<$flags>
may be C<Sys::Virt::NodeDevice::CREATE_XML_VALIDATE>.

=item my $dev = $conn->define_node_device($xml, $flags);

Defines a persistent device (a mediated device) from C<$xml> without
creating it; its C<create> method starts it. C<$flags> may be
C<Sys::Virt::NodeDevice::DEFINE_XML_VALIDATE>.

  use Sys::Virt;

  my $conn = Sys::Virt->new(uri => 'test:///default');
  my $vhba = $conn->create_node_device(q{
      <device>
        <parent>scsi_host1</parent>
        <capability type='scsi_host'>
          <capability type='fc_host'>
            <wwnn>2000000012345678</wwnn>
            <wwpn>1000000012345678</wwpn>
          </capability>
        </capability>
      </device>
  });
  print $vhba->get_name, " on ", $vhba->get_parent, "\n";
  $vhba->destroy;

=back

=head2 Host interfaces

The host's network interfaces, as L<Sys::Virt::Interface> objects.

=over 4

=item my $count = $conn->num_of_interfaces();

Returns how many interfaces are up.

=item my @names = $conn->list_interface_names($maxnames);

Returns the names of the interfaces that are up, at most C<$maxnames>
of them (optional, as for C<list_defined_domain_names>).

=item my @ifaces = $conn->list_interfaces();

Returns an object for each interface that is up, leaving out any that
disappears while the list is made; in scalar context, how many.

=item my $count = $conn->num_of_defined_interfaces();

Returns how many defined interfaces are down.

=item my @names = $conn->list_defined_interface_names($maxnames);

Returns the names of the defined interfaces that are down, at most
C<$maxnames> of them.

=item my @ifaces = $conn->list_defined_interfaces();

Returns an object for each defined interface that is down; in scalar context, how many.

=item my @ifaces = $conn->list_all_interfaces($flags);

Returns an object for every interface, up or down, in one call.
C<Sys::Virt::Interface::LIST_ACTIVE> or C<LIST_INACTIVE> keep one kind.

=item my $iface = $conn->get_interface_by_name($name);

Returns the interface called C<$name>, or throws a L<Sys::Virt::Error>
with code C<Sys::Virt::Error::ERR_NO_INTERFACE>.

=item my $iface = $conn->get_interface_by_mac($mac);

Returns the interface with the hardware address C<$mac> (as text, such
as C<aa:bb:cc:dd:ee:ff>).

=item my $iface = $conn->define_interface($xml, $flags);

Defines an interface from the XML description C<$xml>, or replaces the
configuration of the one with the same name, without bringing it up.
C<$flags> may be C<Sys::Virt::Interface::DEFINE_VALIDATE>.

=item my $iface = $conn->create_interface($xml);

The same as C<define_interface> without flags: the interface is defined,
not brought up (call its C<create> method for that).

=item $conn->interface_change_begin($flags);

Saves the host's current interface configuration, so that the changes
made from now on can be kept with C<interface_change_commit> or undone
with C<interface_change_rollback> (which also happens when the host
reboots before a commit). C<$flags> must be 0.

=item $conn->interface_change_commit($flags);

Keeps the changes made since C<interface_change_begin>.

=item $conn->interface_change_rollback($flags);

Restores the configuration saved by C<interface_change_begin>.

=back

=head2 Secrets

The secrets libvirt keeps, as L<Sys::Virt::Secret> objects (not on the
test driver, which has no secret driver).

=over 4

=item my $count = $conn->num_of_secrets();

Returns how many secrets there are.

=item my @uuids = $conn->list_secret_uuids($maxuuids);

Returns the printed UUIDs of the secrets, at most C<$maxuuids> of them
(optional, as the C<$maxnames> of C<list_defined_domain_names>).

=item my @secrets = $conn->list_secrets();

Returns an object for each secret, leaving out any that is undefined
while the list is made; in scalar context, how many.

=item my @secrets = $conn->list_all_secrets($flags);

Returns an object for every secret in one call; the
C<Sys::Virt::Secret::LIST_*> flags keep a subset.

=item my $secret = $conn->get_secret_by_uuid($uuid);

Returns the secret with the UUID C<$uuid>, given as 16 raw bytes or in
its printed form (32 hexadecimal digits, with or without the four
dashes). Any other length dies with a plain message; no such secret
throws a L<Sys::Virt::Error> with code C<Sys::Virt::Error::ERR_NO_SECRET>.

=item my $secret = $conn->get_secret_by_usage($type, $id);

Returns the secret used for C<$id> under the usage type C<$type> (a
C<Sys::Virt::Secret::USAGE_TYPE_*> constant): a volume's path, a Ceph or
iSCSI name, a TLS or vTPM name.

=item my $secret = $conn->define_secret($xml, $flags);

Defines a secret from the XML description C<$xml> (its usage, and
whether it is ephemeral or private), or changes the one with the same
UUID. The value is set afterwards with its C<set_value> method.
C<$flags> may be C<Sys::Virt::Secret::DEFINE_VALIDATE>.

=back

=head2 Network filters

Network filters (L<Sys::Virt::NWFilter>) and their bindings to port
devices (L<Sys::Virt::NWFilterBinding>); not on the test driver, which
has no network filter driver.

=over 4

=item my $count = $conn->num_of_nwfilters();

Returns how many filters are defined.

=item my @names = $conn->list_nwfilter_names($maxnames);

Returns the names of the filters, at most C<$maxnames> of them
(optional, as for C<list_defined_domain_names>).

=item my @filters = $conn->list_nwfilters();

Returns an object for each filter, leaving out any that is undefined
while the list is made; in scalar context, how many.

=item my @filters = $conn->list_all_nwfilters($flags);

Returns an object for every filter in one call. C<$flags> must be 0.

=item my $filter = $conn->get_nwfilter_by_name($name);

Returns the filter called C<$name>, or throws a L<Sys::Virt::Error> with
code C<Sys::Virt::Error::ERR_NO_NWFILTER>.

=item my $filter = $conn->get_nwfilter_by_uuid($uuid);

Returns the filter with the UUID C<$uuid>, in either form accepted by
C<get_secret_by_uuid>.

=item my $filter = $conn->define_nwfilter($xml, $flags);

Defines a filter from the XML description C<$xml>, or replaces the
rules of the one with the same name. C<$flags> may be
C<Sys::Virt::NWFilter::DEFINE_VALIDATE>.

=item my @bindings = $conn->list_all_nwfilter_bindings($flags);

Returns an object for every binding of a filter to a port device.
C<$flags> must be 0.

=item my $binding = $conn->get_nwfilter_binding_by_port_dev($name);

Returns the binding of the port device called C<$name>, or throws a
L<Sys::Virt::Error> with code C<Sys::Virt::Error::ERR_NO_NWFILTER_BINDING>.

=item my $binding = $conn->create_nwfilter_binding($xml, $flags);

Applies a filter to a port device as the XML description C<$xml> says
(see L<Sys::Virt::NWFilterBinding>): the owner's name and UUID, the
port device, its MAC address and the filter's name are required.
libvirtd 9.0.0 checks neither that the port device nor that the filter
exists. C<$flags> may be
C<Sys::Virt::NWFilterBinding::CREATE_VALIDATE>.

=back

=head1 CONSTANTS

The constants are functions in the package they belong to, called with
their full name, for example C<Sys::Virt::CONNECT_RO>. Nothing is
exported. The constants of the other packages are described on their
own pages (such as L<Sys::Virt::Domain/CONSTANTS> and
L<Sys::Virt::Error/CONSTANTS>; the packages are listed under
L</DESCRIPTION>). The connection's own are these; each group says which
methods take or return them.

=head2 Opening a connection

Flags for the C<flags> parameter of C<new> (see L</Connection>).

=over 4

=item Sys::Virt::CONNECT_RO

Open a read-only connection: queries work, changes are refused by the daemon.

=item Sys::Virt::CONNECT_NO_ALIASES

Take the URI literally, without expanding aliases from the client configuration.

=back

=head2 Credential types

The kinds of credential an authentication callback can be asked for: the C<credlist> parameter of C<new> lists them, and its C<callback> gets them (see L</Connection>).

=over 4

=item Sys::Virt::CRED_USERNAME

A user name.

=item Sys::Virt::CRED_AUTHNAME

The name to authorize as.

=item Sys::Virt::CRED_LANGUAGE

The language to use (RFC 1766 tag).

=item Sys::Virt::CRED_CNONCE

A client-supplied nonce.

=item Sys::Virt::CRED_PASSPHRASE

A passphrase or password.

=item Sys::Virt::CRED_ECHOPROMPT

An answer to a challenge, shown while typed.

=item Sys::Virt::CRED_NOECHOPROMPT

An answer to a challenge, hidden while typed.

=item Sys::Virt::CRED_REALM

The authentication realm.

=item Sys::Virt::CRED_EXTERNAL

Something obtained from outside, such as a one-time token.

=back

=head2 Connection close reasons

Why a connection was closed, as reported to the callback of C<register_close_callback> (see L</Events>).

=over 4

=item Sys::Virt::CLOSE_REASON_ERROR

A transport or protocol error.

=item Sys::Virt::CLOSE_REASON_EOF

The server closed the connection.

=item Sys::Virt::CLOSE_REASON_KEEPALIVE

The server stopped answering keepalive messages.

=item Sys::Virt::CLOSE_REASON_CLIENT

This client closed it.

=back

=head2 CPU comparison and baselines

Results and flags of comparing a CPU description with the host, and flags for computing a baseline CPU from several descriptions. C<compare_cpu> and C<compare_hypervisor_cpu> return the results and take the comparison flags; C<baseline_cpu> and C<baseline_hypervisor_cpu> take the baseline flags (see L</CPU models>).

=over 4

=item Sys::Virt::BASELINE_CPU_EXPAND_FEATURES

List every feature of the baseline, including those implied by its model.

=item Sys::Virt::BASELINE_CPU_MIGRATABLE

Leave out features that prevent migration.

=item Sys::Virt::COMPARE_CPU_FAIL_INCOMPATIBLE

Report an incompatible CPU as an error rather than a result.

=item Sys::Virt::COMPARE_CPU_VALIDATE_XML

Check the CPU description against the schema first.

=item Sys::Virt::CPU_COMPARE_IDENTICAL

The host CPU is the described CPU.

=item Sys::Virt::CPU_COMPARE_INCOMPATIBLE

The host cannot provide the described CPU.

=item Sys::Virt::CPU_COMPARE_SUPERSET

The host CPU offers everything described, and more.

=back

=head2 Client identity

Keys of the identity a privileged client can claim on behalf of another process. C<set_identity> takes them (see L</Acting for another client>).

=over 4

=item Sys::Virt::IDENTITY_GROUP_NAME

=item Sys::Virt::IDENTITY_PROCESS_ID

=item Sys::Virt::IDENTITY_PROCESS_TIME

=item Sys::Virt::IDENTITY_SASL_USER_NAME

=item Sys::Virt::IDENTITY_SELINUX_CONTEXT

=item Sys::Virt::IDENTITY_UNIX_GROUP_ID

=item Sys::Virt::IDENTITY_UNIX_USER_ID

=item Sys::Virt::IDENTITY_USER_NAME

=item Sys::Virt::IDENTITY_X509_DISTINGUISHED_NAME

=back

=head2 Address families

The family of an IP address in interface address listings: the C<type> of each address that C<get_interface_addresses> of L<Sys::Virt::Domain> returns (see L<Sys::Virt::Domain/Guest agent calls>).

=over 4

=item Sys::Virt::IP_ADDR_TYPE_IPV4

=item Sys::Virt::IP_ADDR_TYPE_IPV6

=back

=head2 Huge page allocation

Whether a huge page request adds to the pool or sets its size. C<node_alloc_pages> takes them (see L</Host>).

=over 4

=item Sys::Virt::NODE_ALLOC_PAGES_ADD

=item Sys::Virt::NODE_ALLOC_PAGES_SET

=back

=head2 Host CPU statistics

Keys of host CPU statistics, and the value that asks for all CPUs together. C<get_node_cpu_stats> takes the value and returns the keys (see L</Host statistics and tuning>).

=over 4

=item Sys::Virt::NODE_CPU_STATS_ALL_CPUS

=item Sys::Virt::NODE_CPU_STATS_IDLE

=item Sys::Virt::NODE_CPU_STATS_INTR

=item Sys::Virt::NODE_CPU_STATS_IOWAIT

=item Sys::Virt::NODE_CPU_STATS_KERNEL

=item Sys::Virt::NODE_CPU_STATS_USER

=item Sys::Virt::NODE_CPU_STATS_UTILIZATION

=back

=head2 Host memory statistics

Keys of host memory statistics, and the value that asks for all NUMA cells together. C<get_node_memory_stats> takes the value and returns the keys (see L</Host statistics and tuning>).

=over 4

=item Sys::Virt::NODE_MEMORY_STATS_ALL_CELLS

=item Sys::Virt::NODE_MEMORY_STATS_BUFFERS

=item Sys::Virt::NODE_MEMORY_STATS_CACHED

=item Sys::Virt::NODE_MEMORY_STATS_FREE

=item Sys::Virt::NODE_MEMORY_STATS_TOTAL

=back

=head2 Shared memory tuning

Names of the host's same-page merging (KSM) parameters. C<get_node_memory_parameters> and C<set_node_memory_parameters> take them (see L</Host statistics and tuning>).

=over 4

=item Sys::Virt::NODE_MEMORY_SHARED_FULL_SCANS

=item Sys::Virt::NODE_MEMORY_SHARED_MERGE_ACROSS_NODES

=item Sys::Virt::NODE_MEMORY_SHARED_PAGES_SHARED

=item Sys::Virt::NODE_MEMORY_SHARED_PAGES_SHARING

=item Sys::Virt::NODE_MEMORY_SHARED_PAGES_TO_SCAN

=item Sys::Virt::NODE_MEMORY_SHARED_PAGES_UNSHARED

=item Sys::Virt::NODE_MEMORY_SHARED_PAGES_VOLATILE

=item Sys::Virt::NODE_MEMORY_SHARED_SLEEP_MILLISECS

=back

=head2 Host suspend targets

Where the host keeps its state when it suspends: memory, disk, or both. C<node_suspend_for_duration> takes them (see L</Host>), and so does C<pm_suspend_for_duration> of L<Sys::Virt::Domain> for a guest (see L<Sys::Virt::Domain/Control and power>).

=over 4

=item Sys::Virt::NODE_SUSPEND_TARGET_DISK

=item Sys::Virt::NODE_SUSPEND_TARGET_HYBRID

=item Sys::Virt::NODE_SUSPEND_TARGET_MEM

=back

=head2 AMD SEV

Keys of the host's AMD Secure Encrypted Virtualization capabilities. C<get_node_sev_info> returns them (see L</Host statistics and tuning>).

=over 4

=item Sys::Virt::SEV_CBITPOS

=item Sys::Virt::SEV_CERT_CHAIN

=item Sys::Virt::SEV_CPU0_ID

=item Sys::Virt::SEV_MAX_ES_GUESTS

=item Sys::Virt::SEV_MAX_GUESTS

=item Sys::Virt::SEV_PDH

=item Sys::Virt::SEV_REDUCED_PHYS_BITS

=back

=head1 ERRORS

Two kinds of failure are reported, both with C<die>:

=over 4

=item *

When libvirt refuses a call, the exception is a L<Sys::Virt::Error>
object with the libvirt error's C<level>, C<code>, C<domain> (the part
of libvirt that complained) and C<message>. It turns into a readable
message when printed, compares with C<eq> and C<ne> as that string, and
with C<==> as its code.

=item *

When an argument cannot be passed to libvirt at all (a flags value that
is negative, fractional, too large, not a number or a reference; a
negative C<maxnames>; an object of the wrong class), the exception is a
plain string that names the method and the argument, for example
C<Sys::Virt::Domain::get_snapshot_by_name: argument 'flags' is out of
range (-1 is not within 0..4294967295)>. A wrong number of arguments
gives a C<Usage:> message.

=back

  use Sys::Virt;

  my $conn = Sys::Virt->new(uri => 'test:///default');
  eval { $conn->get_domain_by_name('ghost') };
  if (my $err = $@) {
      if (ref $err && $err->isa('Sys::Virt::Error')) {
          printf "libvirt said %s (code %d, from %d)\n",
              $err->message, $err->code, $err->domain;
      } else {
          die $err;    # a programming error, not a libvirt one
      }
  }

libvirt's own printing of errors to standard error is switched off when
the module loads: an error reaches the program only as an exception.

=head1 ARGUMENTS

These rules hold for every method of every package.

=over 4

=item Flags

A C<$flags> argument is an unsigned 32-bit number made by or-ing the
constants that the method documents. Leaving it out, or passing undef,
means 0, silently. A negative or fractional number, one above
4294967295, a string that is not a number, or a reference that does not
overload numbers croaks with a message naming the method and the
argument; nothing is silently truncated.

=item Name counts

The C<$maxnames> (or C<$maxids>) argument of the C<list_*_names> and
C<list_domain_ids> methods caps the length of the list returned. It may
be left out or undef to get every name, is never exceeded, and croaks
when negative. A number larger than libvirt can take (2**31-1) also
means every name. Zero gives an empty list without asking libvirt at
all (libvirtd 9.0.0 crashes when a client asks it for zero snapshot
names).

=item Strings

A required string given as undef is read as the empty string, with
Perl's "Use of uninitialized value" warning, and libvirt decides what an
empty name or document means. Character strings are passed to libvirt as
UTF-8.

=item Parameter hashes

The methods that take a hash reference of libvirt's typed parameters
(C<set_memory_parameters>, C<set_identity> and the like) read only the
keys they know, without iterating over the hash, and ignore the others.
Each value must suit its field's type: integers (a number without a
fraction, or a string of decimal digits, read exactly even beyond 2**53)
within the field's range, numbers for floating-point fields, strings for
string fields, any true or false value for booleans. Anything else,
including undef and references, croaks with a message naming the method
and the field, and nothing is sent to libvirt.

=item Objects

The object a method is called on must be a genuine object of the right
class, made by this module: a forged one (such as C<bless \(my $x = 1),
'Sys::Virt::Domain'>), an object of another class, a plain string,
undef, or an unblessed reference croaks with a message such as
C<Sys::Virt::DomainSnapshot::get_name: argument 'domss' is not a
Sys::Virt::DomainSnapshot object>, instead of crashing the process.

=back

=head1 THREADS

Perl interpreter threads (L<threads>) may be created while objects of
this module exist: each new thread's copies of the objects take their
own references to the libvirt objects, and each copy can be used and
destroyed independently in its thread. libvirt's objects are
thread-safe, so the same connection can be used from several threads.
Callbacks (events, close callbacks, watches, timers) run only in the
thread that registered them; see L<Sys::Virt::Event/THREADS>.

=head1 SERIALIZATION

=over 4

=item STORABLE_freeze

Connection, domain and snapshot objects stand for live libvirt handles,
which cannot be written out and read back. L<Storable>'s C<freeze>,
C<nstore> and C<dclone> therefore croak on them with a message naming
the class, rather than producing a copy that could only fail later. To
keep a reference to a domain or snapshot, store its name (or UUID) and
look it up again.

=back

=head1 DIFFERENCES FROM THE C MODULE

Everything not listed here behaves as in Sys::Virt 9.0.0. The
differences are cases where the C module crashes, misbehaves, or
contradicts its own documentation.

=over 4

=item Failures in callbacks stay out of libvirt

A die in an event, close or authentication callback does not jump over
libvirt's frames, as it does in the C module: the error comes back unchanged from the call libvirt
came through (C<run_default>, C<new>) once libvirt has returned, and
libvirt keeps working. An C<exit> in a callback ends the program after
libvirt has returned. C<last> and C<next> in a callback are errors ("Can't
"last" outside a loop block") and never reach the caller's loops. See
L<Sys::Virt::Event/DIFFERENCES FROM THE C MODULE> for the event loop.

=item Event callbacks are freed, once, on their own thread

The sub of a deregistered callback is released before the deregistering
call returns, and never from inside libvirt; the values passed to
graphics, tunable and job-completed callbacks are freed after the call
(the C module leaks them); close callbacks on drivers that do not keep
them are released by C<unregister_close_callback>. Callbacks run only in
the thread that registered them.

=item Unsigned event values stay positive

The unsigned typed parameters of tunable and job-completed events, and
the threshold and excess of block-threshold events, come as positive
numbers even above the signed range (the C module makes them negative).

=item C<< Sys::Virt::Error->level >> returns the level

The C module returns the error code from C<level>. Here C<level> returns
one of the C<Sys::Virt::Error::LEVEL_*> values, as documented.

=item Error objects can be compared

The C module overloads only stringification, without fallback, so
comparing an error object with C<eq>, C<ne> or C<==> dies with "no
method found". Here C<eq> and C<ne> compare the object's printed form, and
numeric operators see its C<code>.

=item C<list_child_snapshots> returns the children

The C module always returns an empty list from
L<C<list_child_snapshots>|Sys::Virt::DomainSnapshot/The snapshot tree>. Here it returns an
object for each direct child of the snapshot.

=item C<maxnames> is a cap, optional, and checked

For C<list_snapshot_names>, C<list_child_snapshot_names>,
C<list_domain_ids>, C<list_defined_domain_names>, C<list_network_names>,
C<list_defined_network_names>, C<list_storage_pool_names>,
C<list_defined_storage_pool_names>, C<list_storage_vol_names> of
L<Sys::Virt::StoragePool>, C<list_node_device_names>,
C<list_interface_names>, C<list_defined_interface_names>,
C<list_secret_uuids> and C<list_nwfilter_names>: the argument may be
left out or undef (meaning every name); the list returned never has
more than C<maxnames> entries (the C module can return more when a
driver reports a larger count than it filled in); a negative value
croaks, and a value above 2**31-1 means every name (for both, the C
module tries to allocate an impossible amount and exits with C<Out of
memory!>).

=item Flags are checked

A flags argument that does not fit an unsigned 32-bit number croaks
with a message naming the method and the argument; the C module
converts it without checking, so that -1 becomes 4294967295 (every bit
set) and 1.5 becomes 1. Missing or undef flags are 0 without a
warning.

=item Forged and mismatched objects croak

A method called on something that is not a genuine object of its class
(see L</ARGUMENTS>) croaks with a clear message; the C module
dereferences whatever number the scalar holds and usually crashes the
process.

=item Objects survive thread creation

In the C module, a new Perl thread gets copies of each object's raw
pointer without a reference of their own, so when the thread ends it
frees libvirt objects that the other threads still use, and their next
call fails ("invalid domain pointer") or crashes. Here each copy holds
its own reference (see L</THREADS>).

=item Strings are character strings

Names, XML and messages from libvirt (which are UTF-8) come back as Perl
character strings, so C<length> counts characters; the C module returns
the raw UTF-8 bytes. Going in, character strings are passed as UTF-8,
byte strings that are valid UTF-8 are passed unchanged, and other byte
strings are taken as Latin-1 text.

=item Object arguments stay alive during the call

A method holds its object arguments until it returns. In the C module, a
tied or overloaded argument whose reading drops the last reference to
the object (or calls its C<DESTROY>) makes the method hand libvirt a
freed handle.

=item Asking for no names asks libvirt nothing

A C<maxnames> of 0 returns an empty list at once. The C module passes
the request on, and libvirtd 9.0.0 crashes when a remote client asks it
for zero snapshot names.

=item Error objects are freed

The C module keeps about 500 bytes for every error object it raises.

=item Calling DESTROY by hand does nothing

An object's libvirt reference is given back when its last Perl reference
goes, exactly once, by the object itself; its C<DESTROY> method is empty
(which also spares perl a method call per object freed). The C module's
C<DESTROY> frees the handle, so calling it by hand leaves an object whose
next use reads freed memory.

=item Serializing an object croaks

See L</SERIALIZATION>. The C module writes out the raw address, and a
copy read back refers to whatever that memory holds by then.

=item Snapshot and checkpoint lookup and creation are direct calls

C<Sys::Virt::Domain::get_snapshot_by_name> and
C<Sys::Virt::Domain::create_snapshot> are implemented directly rather
than through the Perl constructor C<< Sys::Virt::DomainSnapshot->_new >>,
so their argument errors name them. C<< _new(domain => $dom, name => $name) >>
and C<< _new(domain => $dom, xml => $xml, flags => $flags) >> still work
for programs that call it. The same holds for
C<Sys::Virt::Domain::get_checkpoint_by_name>,
C<Sys::Virt::Domain::create_checkpoint> and
C<< Sys::Virt::DomainCheckpoint->_new >>.

=item Streams never crash and never run away

C<new_stream>, every L<Sys::Virt::Stream> method and the calls taking a
stream croak on undef or forged objects; C<recv> neither exits the
program on a huge size nor copies through a buffer; C<recv_all> handlers
cannot loop for ever; C<send_all> sends only what its handler supplied;
handler and callback exceptions come back from the call; callbacks are
freed. See L<Sys::Virt::Stream/DIFFERENCES FROM THE C MODULE>.

=item Storage: flags where the constants are documented, srcspec may be undef

C<create_storage_pool($xml, $flags)> and
L<C<create>|Sys::Virt::StoragePool/Lifecycle> pass C<$flags> on (the C module
documents the C<CREATE_*> constants but always passes 0);
C<find_storage_pool_sources> passes an undef C<$srcspec> to libvirt as
no hint, as documented, where the C module passed an empty string
(with a warning), which libvirt then fails to parse. See also the
differences listed in L<Sys::Virt::StoragePool> and
L<Sys::Virt::StorageVol>.

=item Storage name lookups and legacy lists are direct calls

C<get_storage_pool_by_name> is an XSUB, and C<list_storage_pools> and
C<list_defined_storage_pools> look their pools up in one call of the XS
half, rather than each going through C<< Sys::Virt::StoragePool->_new >>
(and C<eval>), with the same results in list and scalar context.
Argument errors of C<get_storage_pool_by_name> name it (and extra
arguments croak with a usage message).

=item Network lookups and lists are direct calls

C<get_network_by_name>, C<list_networks> and C<list_defined_networks>
call libvirt directly rather than through the Perl constructor
C<< Sys::Virt::Network->_new >> and an C<eval> per network, which makes
them faster; they return the same objects (and leave out the same
networks that vanish while the list is made), but their argument errors
name them, and a replacement of C<Sys::Virt::Network::_new> does not
see them. C<< _new(connection => $conn, name => $name) >> still works for
programs that call it.

=item get_job_stats returns the job type itself

L<C<get_job_stats>|Sys::Virt::Domain/Jobs and backups> returns the type as a number, as its
documentation says. The C module returns a reference to a scalar
holding it (and leaks both values it returns).

=item block_copy takes BLOCK_COPY_BUF_SIZE

The C module hands C<BLOCK_COPY_BUF_SIZE> to libvirt as a 32-bit
number, which libvirt refuses ("invalid type 'uint' for parameter
'buf-size', expected 'ullong'"); here it is the 64-bit number libvirt
expects.

=item migrate_to_uri2 works

L<C<migrate_to_uri2>|Sys::Virt::Domain/Migration> takes its arguments in the
documented order (destination URI, migration URI, XML, flags, name,
bandwidth) and migrates. The C module's always dies, calling a method
C<_migrate_to_uri2> that does not exist (and reads the migration URI
and the XML in the wrong order).

=item A list of disks must be a list

C<MIGRATE_PARAM_MIGRATE_DISKS> given as anything but an array
reference croaks; the C module crashes with a segmentation fault. The
other parameters must be numbers or strings as their field says, and
the parameter hash itself a hash reference.

=item Lists of file descriptors are checked

C<create_domain_with_files>, C<Sys::Virt::Domain::create_with_files> and
C<fd_associate> croak when the descriptors are not an array reference of
open file handles or descriptor numbers. The C module returns nothing
without doing anything when the argument is not a reference (even from
C<create_domain_with_files>, which then fails to bless undef), and passes
whatever number Perl makes of each element, so a file handle becomes a
meaningless descriptor; here a file handle stands for its descriptor.

=item Missing images in block jobs are NULL

An undef C<$base> or C<$top> in C<block_rebase> and C<block_commit>
reaches libvirt as NULL, its "default" (the whole chain, the top image);
the C module passes an empty string, with a warning. C<block_copy>'s
parameter hash and C<backup_begin>'s checkpoint XML may be left out.

=item Saving and restoring leave the caller's arguments alone

Given both a file name and a hash of parameters,
L<C<save>|Sys::Virt::Domain/Saving and core dumps> and C<restore_domain> (see L</Restoring domains>) use the file name in
place of the hash's C<SAVE_PARAM_FILE> (and a C<$dxml> argument in place
of C<SAVE_PARAM_DXML>) without writing to the hash. The C module stores
the caller's own file name scalar into the hash without a reference of
its own, so the variable is freed while the caller still uses it, and it
crashes when the hash argument is not a hash reference; here that
croaks.

=item Typed parameters keep their type

In the hashes of typed parameters (C<get_memory_parameters>,
C<get_all_domain_stats> and the like), unsigned 32-bit values of 2**31
and more are returned as the positive numbers they are; the C module
returns them negative.

=item Typed parameter values are checked

The setters croak, naming the method and the field, when a value does
not suit its field (see L</ARGUMENTS>). The C module converts whatever
it is given: a reference becomes its memory address, undef and
non-numeric strings become 0, fractions are truncated, and numbers out
of range wrap around, and the result is sent to libvirt. Boolean fields
(C<set_perf_events>) are read with Perl's idea of truth, as
C<set_autostart> is; the C module reads an integer, so C<'yes'> meant
off.

=item Typed parameter setters do not leak

The C module loses a copy of every string field it sets, and of every
string field of the current parameters that the caller does not set.

=item Typed parameters are fetched in one call

Where libvirt's call fills at most as many entries as it is given
(memory, block I/O, NUMA and interface parameters, C<block_stats>, the
host's memory parameters), the getters ask once with room for as many
entries as the remote protocol carries, and again only when that was
not enough. The C module asks for the count first and then for the
values, two round trips on a remote connection. Disk throttling
(C<get_block_iotune>) and the host's CPU and memory counters still take
two calls: the remote protocol's limit for the first grew between
libvirt releases, and the host driver accepts no other size than its
count for the others.

=item C<get_all_domain_stats> frees its records and checks its domains

The C module never frees the hashes it returns, and crashes when the
domain list holds something other than domain objects (a number, a
string, a forged object). Here every entry is checked, and a bad one
croaks naming its position.

=item C<get_cpu_stats> returns one hash per CPU

The C module returns as many hashes as there are statistics per CPU
rather than one per CPU asked for, so that with two statistics and four
CPUs only the first two CPUs are reported. For the totals
(C<$start_cpu> -1) it allocates room for the per-CPU statistics only, so
C<system_time> goes missing, and returns a second hash read from
uninitialized memory. Here the result has one hash per CPU (a single
hash for the totals), and an C<$ncpus> beyond the host's CPUs is cut to
them rather than sizing a buffer from it (the C module tries to allocate
C<$ncpus> times the statistics and dies for large values).

=item Host records are freed and array arguments checked

The hash references returned by C<get_node_free_pages> are freed with
their last reference; the C module leaks them. The array arguments of
C<get_node_free_pages>, C<node_alloc_pages> (each element a C<[$size,
$count]> pair), C<baseline_cpu> and C<baseline_hypervisor_cpu> are
checked element by element and croak on holes, undef and wrong types,
where the C module crashes. See also
L<Sys::Virt::Domain/DIFFERENCES FROM THE C MODULE>.

=item Cell ranges are checked

C<get_node_cells_free_memory> and C<get_node_free_pages> give libvirt's
error for an end cell before the start cell and croak for ranges of
more than a million cells (counted once per page size), instead of
exiting with "Out of memory!" or crashing.

=item Host object lookups and lists are direct calls

The C<get_*_by_*> lookups of node devices, interfaces, secrets, network
filters and bindings, and C<list_node_devices>, C<list_interfaces>,
C<list_defined_interfaces>, C<list_secrets> and C<list_nwfilters>, are
implemented directly rather than through the classes' Perl constructors
(C<list_interfaces> asks libvirt for the names and looks each one up in
a single call, without a Perl C<eval> per name). The results, and the
errors of a failed lookup, are the same; argument errors name the
method called, and extra arguments croak with a usage message instead
of being ignored. The capability
of C<num_of_node_devices> and C<list_node_device_names> may be left out
(the C module requires it, undef allowed).

=item C<get_node_device_scsihost_by_wwn> passes its flags on

The C module's version drops its documented C<$flags> argument; here it
reaches libvirt, which (as of 9.0.0) accepts only 0.

=back

=head1 SEE ALSO

L<Sys::Virt::Domain>, L<Sys::Virt::DomainSnapshot>,
L<Sys::Virt::DomainCheckpoint>, L<Sys::Virt::Network>,
L<Sys::Virt::NetworkPort>, L<Sys::Virt::StoragePool>,
L<Sys::Virt::StorageVol>, L<Sys::Virt::NodeDevice>,
L<Sys::Virt::Interface>, L<Sys::Virt::Secret>, L<Sys::Virt::NWFilter>,
L<Sys::Virt::NWFilterBinding>, L<Sys::Virt::Stream>, L<Sys::Virt::Event>,
L<Sys::Virt::Error>, the libvirt API reference at
L<https://libvirt.org/html/index.html>, and the XML formats at
L<https://libvirt.org/format.html>.

=head1 LICENSE

This program is free software, distributed under the terms of the GNU
General Public License, version 2.

=cut
