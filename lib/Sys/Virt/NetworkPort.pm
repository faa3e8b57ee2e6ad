package Sys::Virt::NetworkPort;

use strict;
use warnings;

sub _new {
    my ($proto, %params) = @_;
    my $class = ref($proto) || $proto;
    my $net = exists $params{network} ? $params{network}
        : die "network parameter is required";
    my $self;
    if (exists $params{uuid}) {
        my $len = length $params{uuid};
        if ($len == 16) {
            $self = _lookup_by_uuid($net, $params{uuid});
        } elsif ($len == 32 || $len == 36) {
            $self = _lookup_by_uuid_string($net, $params{uuid});
        } else {
            die "UUID must be either 16 unsigned bytes, or 32/36 hex characters long";
        }
    } elsif (exists $params{xml}) {
        $self = _create_xml($net, $params{xml}, $params{flags} || 0);
    } else {
        die "uuid or xml parameters are required";
    }
    return bless $self, $class;
}

1;

__END__

=head1 NAME

Sys::Virt::NetworkPort - a port of a libvirt virtual network

=head1 SYNOPSIS

  use Sys::Virt;

  my $conn = Sys::Virt->new(uri => 'qemu:///system');
  my $net = $conn->get_network_by_name('lan');
  my $port = $net->create_port(q{
      <networkport>
        <uuid>5ab8c4a1-3c1e-4a8e-9d55-0c5b7e2a41f0</uuid>
        <owner>
          <name>guest1</name>
          <uuid>c7a5fdbd-cdaf-9455-926a-d65c16db1809</uuid>
        </owner>
        <mac address='52:54:00:9a:bc:de'/>
      </networkport>
  });
  print $port->get_uuid_string, "\n";
  $port->delete;

=head1 DESCRIPTION

A C<Sys::Virt::NetworkPort> object stands for one port of a virtual
network: the place where one guest interface is plugged in, with its
MAC address, its owner and its bandwidth limits. Ports are created,
found and listed with the port methods of L<Sys::Virt::Network>
(C<create_port>, C<get_port_by_uuid>, C<list_all_ports>). libvirt's
network driver makes them itself when it starts a guest; creating one
by hand reserves a place on the network for an interface that is
managed some other way.

Every method throws a L<Sys::Virt::Error> when libvirt refuses it, and
croaks with a plain message when an argument is unusable (see
L<Sys::Virt/ARGUMENTS>). Flags arguments are optional and default to 0.

=head1 METHODS

=over 4

=item my $uuid = $port->get_uuid();

The port's UUID as 16 raw bytes.

=item my $uuid = $port->get_uuid_string();

The port's UUID in its printed form, 36 characters with dashes.

=item my $xml = $port->get_xml_description($flags=0);

The port's XML document: its owner, MAC address, the way it is plugged
into the host (a bridge, a direct device...) and its bandwidth.
C<$flags> is reserved and must be 0.

=item my $params = $port->get_parameters($flags=0);

The port's bandwidth limits, as a hash reference of typed parameters
whose keys are the C<BANDWIDTH_*> constants below (C<inbound.average>,
C<outbound.peak>...); a limit that is not set reads as 0, and a port
without any limits gives an empty hash. C<$flags> is reserved and must
be 0.

=item $port->set_parameters($params, $flags=0);

Sets the port's bandwidth from the hash reference C<$params>. Only the
keys that C<get_parameters> reports can be set (others are ignored, so
on a port without limits nothing can be), and their values must be
unsigned integers (see L<Sys::Virt/ARGUMENTS>). libvirt's network driver
replaces the port's whole bandwidth: limits left out of C<$params> are
cleared, and an empty hash clears them all. C<$flags> is reserved and
must be 0.

  my $bw = $port->get_parameters;
  $bw->{Sys::Virt::NetworkPort::BANDWIDTH_IN_AVERAGE} = 2048;
  $port->set_parameters($bw);

=item $port->delete($flags=0);

Removes the port from its network. C<$flags> is reserved and must be 0.

=back

=head1 CONSTANTS

The constants are functions in this package, called with their full
name (C<Sys::Virt::NetworkPort::CREATE_VALIDATE>) or as class methods.

=head2 Creating ports

Flags for C<create_port> in L<Sys::Virt::Network>.

=over 4

=item Sys::Virt::NetworkPort::CREATE_VALIDATE

Check the XML against libvirt's schema first.

=item Sys::Virt::NetworkPort::CREATE_RECLAIM

Take back a port that existed before (after the daemon restarted, say)
with the configuration given, rather than make a new one.

=back

=head2 Bandwidth parameters

The names of the port's bandwidth limits, as typed parameters.
Averages, peaks and floors are in kibibytes per second, bursts in
kibibytes.

=over 4

=item Sys::Virt::NetworkPort::BANDWIDTH_IN_AVERAGE

The average rate of traffic into the guest.

=item Sys::Virt::NetworkPort::BANDWIDTH_IN_PEAK

The highest rate of traffic into the guest.

=item Sys::Virt::NetworkPort::BANDWIDTH_IN_BURST

How much traffic into the guest may go at the peak rate.

=item Sys::Virt::NetworkPort::BANDWIDTH_IN_FLOOR

The rate of traffic into the guest that is guaranteed.

=item Sys::Virt::NetworkPort::BANDWIDTH_OUT_AVERAGE

The average rate of traffic out of the guest.

=item Sys::Virt::NetworkPort::BANDWIDTH_OUT_PEAK

The highest rate of traffic out of the guest.

=item Sys::Virt::NetworkPort::BANDWIDTH_OUT_BURST

How much traffic out of the guest may go at the peak rate.

=back

=head1 DIFFERENCES FROM THE C MODULE

Besides those of every package (L<Sys::Virt/DIFFERENCES FROM THE C MODULE>):

=over 4

=item C<set_parameters> checks its values

A value that is not an unsigned integer croaks naming the method and
the field. The C module sends C<'fast'> as 0, which clears the limit,
and a negative number wrapped around.

=back

=head1 SEE ALSO

L<Sys::Virt>, L<Sys::Virt::Network>, and libvirt's network port XML
format at L<https://libvirt.org/formatnetworkport.html>.

=cut
