package Sys::Virt::Network;

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
            : _create_xml($con, $params{xml}, $params{flags});
    } else {
        die "address, id or uuid parameters are required";
    }
    return bless $self, $class;
}

sub create_port {
    my ($self, $xml, $flags) = @_;
    return Sys::Virt::NetworkPort->_new(network => $self, xml => $xml, flags => $flags || 0);
}

sub get_port_by_uuid {
    my ($self, $uuid) = @_;
    return Sys::Virt::NetworkPort->_new(network => $self, uuid => $uuid);
}

1;

__END__

=head1 NAME

Sys::Virt::Network - a virtual network managed by libvirt

=head1 SYNOPSIS

  use Sys::Virt;

  my $conn = Sys::Virt->new(uri => 'test:///default');
  my $net = $conn->get_network_by_name('default');
  printf "%s on bridge %s is %s\n", $net->get_name, $net->get_bridge_name,
      $net->is_active ? 'running' : 'stopped';

  # Give a guest a fixed address, in the running network and its config.
  $net->update(Sys::Virt::Network::UPDATE_COMMAND_ADD_LAST,
               Sys::Virt::Network::SECTION_IP_DHCP_HOST, -1,
               "<host mac='52:54:00:12:34:56' ip='192.168.122.10'/>",
               Sys::Virt::Network::UPDATE_AFFECT_LIVE
               | Sys::Virt::Network::UPDATE_AFFECT_CONFIG);

=head1 DESCRIPTION

A C<Sys::Virt::Network> object stands for one virtual network of a
connection: a bridge that guests' interfaces attach to, with its
addressing, DHCP, DNS and forwarding set up by libvirt. Networks are
found, listed, defined and created with the network methods of
L<Sys::Virt> (C<get_network_by_name>, C<list_all_networks>,
C<define_network>, C<create_network>...); the ports that guests plug into
a network are L<Sys::Virt::NetworkPort> objects.

Every method throws a L<Sys::Virt::Error> when libvirt refuses it, and
croaks with a plain message when an argument is unusable (see
L<Sys::Virt/ARGUMENTS>). Flags arguments are optional and default to 0.

=head1 METHODS

=head2 Identity and configuration

=over 4

=item my $name = $net->get_name();

The network's name, unique on its host.

=item my $uuid = $net->get_uuid();

The network's UUID as 16 raw bytes.

=item my $uuid = $net->get_uuid_string();

The network's UUID in its printed form, 36 characters with dashes
(C<xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx>).

=item my $xml = $net->get_xml_description($flags=0);

The network's XML document. With C<Sys::Virt::Network::XML_INACTIVE>,
the configuration the network will have when next started rather than
the one it runs with.

=item my $bridge = $net->get_bridge_name();

The name of the host bridge device the network's guests attach to.

=item $net->update($command, $section, $parent_index, $xml, $flags=0);

Changes one part of the network's configuration without redefining it
all. C<$section> (a C<SECTION_*> constant) says which kind of element
C<$xml> holds, and C<$command> (an C<UPDATE_COMMAND_*> constant) whether
it is added at the start or the end, replaces the matching element, or
deletes it. C<$parent_index> picks the parent element when there are several
(the C<< <ip> >> element a DHCP host belongs to, say); -1 means the
first one that fits. C<$flags> (C<UPDATE_AFFECT_*>) says whether the
running network, its persistent configuration, or both change.

=back

=head2 State and lifecycle

=over 4

=item my $bool = $net->is_active();

True while the network is running.

=item my $bool = $net->is_persistent();

True when the network has a persistent configuration; a network that
was only created (C<create_network>) is transient and goes away when it
stops.

=item $net->create();

Starts a defined network.

=item $net->destroy();

Stops the network. A persistent network stays defined and can be started
again; a transient one is gone, and the object can only report errors
from then on.

=item $net->undefine();

Removes the network's persistent configuration. A running network keeps
running, as a transient one, until it is stopped.

=item my $bool = $net->get_autostart();

True when the network starts with the host.

=item $net->set_autostart($bool);

Sets whether the network starts with the host. Only persistent networks
can. C<$bool> is read with Perl's idea of truth.

=back

=head2 Addresses handed out

=over 4

=item my @leases = $net->get_dhcp_leases($mac=undef, $flags=0);

The DHCP leases that the network's DHCP server has given out and that
have not expired, each as a hash reference; with C<$mac>, only those of
the interface with that MAC address. C<$flags> is reserved and must be
0. Each hash has these keys:

=over 4

=item iface

The network's bridge.

=item expirytime

When the lease expires, in seconds since the epoch (0 for a lease that
never does).

=item type

C<Sys::Virt::IP_ADDR_TYPE_IPV4> or C<Sys::Virt::IP_ADDR_TYPE_IPV6>.

=item mac

The MAC address of the guest's interface.

=item iaid

The identity association of an IPv6 lease, or undef.

=item ipaddr

The address leased.

=item prefix

The prefix length of the network's address range of that family (0
when the network has none).

=item hostname

The host name the guest gave, or undef.

=item clientid

The client identifier (the DUID for IPv6), or undef.

=back

=back

=head2 Ports

=over 4

=item my @ports = $net->list_all_ports($flags=0);

A L<Sys::Virt::NetworkPort> object for every port of the network.
C<$flags> is reserved and must be 0.

=item my $port = $net->create_port($xml, $flags=0);

Creates a port from the port XML document C<$xml> (which gives the
port's UUID, the owning guest and the interface's MAC address) and
returns it as a
L<Sys::Virt::NetworkPort>. C<$flags> takes the
C<Sys::Virt::NetworkPort::CREATE_*> constants.

=item my $port = $net->get_port_by_uuid($uuid);

Returns the port with the UUID C<$uuid>, given as 16 raw bytes or as 32
or 36 characters of text. Any other length dies with a plain message.

=back

=head1 CONSTANTS

The constants are functions in this package, called with their full
name (C<Sys::Virt::Network::LIST_ACTIVE>) or as class methods.

=head2 Creating and defining networks

=over 4

=item Sys::Virt::Network::CREATE_VALIDATE

For C<create_network>: check the XML against libvirt's schema first.

=item Sys::Virt::Network::DEFINE_VALIDATE

For C<define_network>: check the XML against libvirt's schema first.

=back

=head2 Listing networks

Flags for C<list_all_networks> in L<Sys::Virt>. The two flags of a pair
are alternatives; flags of different pairs narrow the list together.

=over 4

=item Sys::Virt::Network::LIST_ACTIVE

Networks that are running.

=item Sys::Virt::Network::LIST_INACTIVE

Networks that are not.

=item Sys::Virt::Network::LIST_PERSISTENT

Networks with a persistent configuration.

=item Sys::Virt::Network::LIST_TRANSIENT

Networks without one.

=item Sys::Virt::Network::LIST_AUTOSTART

Networks that start with the host.

=item Sys::Virt::Network::LIST_NO_AUTOSTART

Networks that do not.

=back

=head2 Network XML

=over 4

=item Sys::Virt::Network::XML_INACTIVE

For C<get_xml_description>: the persistent configuration, not the live
one.

=back

=head2 Update sections

The C<$section> of C<update>: which element the XML given holds.

=over 4

=item Sys::Virt::Network::SECTION_NONE

No section (invalid in a real update).

=item Sys::Virt::Network::SECTION_BRIDGE

The C<< <bridge> >> element.

=item Sys::Virt::Network::SECTION_DOMAIN

The C<< <domain> >> element (the DNS domain).

=item Sys::Virt::Network::SECTION_IP

An C<< <ip> >> element.

=item Sys::Virt::Network::SECTION_IP_DHCP_HOST

A C<< <host> >> of an C<< <ip> >> element's C<< <dhcp> >>.

=item Sys::Virt::Network::SECTION_IP_DHCP_RANGE

A C<< <range> >> of an C<< <ip> >> element's C<< <dhcp> >>.

=item Sys::Virt::Network::SECTION_FORWARD

The C<< <forward> >> element.

=item Sys::Virt::Network::SECTION_FORWARD_INTERFACE

An C<< <interface> >> of C<< <forward> >>.

=item Sys::Virt::Network::SECTION_FORWARD_PF

The C<< <pf> >> (physical function) of C<< <forward> >>.

=item Sys::Virt::Network::SECTION_PORTGROUP

A C<< <portgroup> >> element.

=item Sys::Virt::Network::SECTION_DNS_HOST

A C<< <host> >> of C<< <dns> >>.

=item Sys::Virt::Network::SECTION_DNS_TXT

A C<< <txt> >> record of C<< <dns> >>.

=item Sys::Virt::Network::SECTION_DNS_SRV

An C<< <srv> >> record of C<< <dns> >>.

=back

=head2 Update commands

The C<$command> of C<update>.

=over 4

=item Sys::Virt::Network::UPDATE_COMMAND_NONE

No command (invalid in a real update).

=item Sys::Virt::Network::UPDATE_COMMAND_MODIFY

Replace the existing element that matches the one given.

=item Sys::Virt::Network::UPDATE_COMMAND_DELETE

Remove the element that matches the one given.

=item Sys::Virt::Network::UPDATE_COMMAND_ADD_FIRST

Add the element before the others of its kind.

=item Sys::Virt::Network::UPDATE_COMMAND_ADD_LAST

Add the element after the others of its kind.

=back

=head2 Update scope

The C<$flags> of C<update>.

=over 4

=item Sys::Virt::Network::UPDATE_AFFECT_CURRENT

The running network if it runs, its configuration otherwise.

=item Sys::Virt::Network::UPDATE_AFFECT_LIVE

The running network.

=item Sys::Virt::Network::UPDATE_AFFECT_CONFIG

The persistent configuration.

=back

=head2 Events

Network events (delivered through the event calls of L<Sys::Virt>).

=over 4

=item Sys::Virt::Network::EVENT_ID_LIFECYCLE

The event of a network starting, stopping, being defined or undefined.

=item Sys::Virt::Network::EVENT_DEFINED

A lifecycle event: the network got a persistent configuration.

=item Sys::Virt::Network::EVENT_UNDEFINED

It lost its persistent configuration.

=item Sys::Virt::Network::EVENT_STARTED

It started.

=item Sys::Virt::Network::EVENT_STOPPED

It stopped.

=back

=head1 DIFFERENCES FROM THE C MODULE

Besides those of every package (L<Sys::Virt/DIFFERENCES FROM THE C MODULE>):

=over 4

=item C<destroy> checks its invocant

The C module's C<destroy> reads the handle out of whatever it is given:
called on undef or a plain string it crashes the process, and on an
unblessed or forged reference it hands libvirt whatever number the
referent holds. Here it croaks like every other method.

=item DHCP leases are not leaked

The C module never frees the hashes C<get_dhcp_leases> returns (each
lease keeps its memory for the life of the process). Here they are
ordinary values, freed when no longer used.

=item Integer arguments are checked

C<update>'s C<$command>, C<$section> and C<$parent_index> must be
integers that fit (unsigned for the first two); the C module reads any
string as a number, so that C<'abc'> becomes 0 with a warning.

=item C<set_autostart> reads a truth value

C<'yes'> turns autostart on; the C module reads the argument as an
integer, which turns C<'yes'> into 0.

=back

=head1 SEE ALSO

L<Sys::Virt>, L<Sys::Virt::NetworkPort>, and libvirt's network XML
format at L<https://libvirt.org/formatnetwork.html>.

=cut
