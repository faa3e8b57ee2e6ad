package Sys::Virt::Interface;

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
    } elsif (exists $params{mac}) {
        $self = _lookup_by_mac($con, $params{mac});
    } elsif (exists $params{xml}) {
        $self = _define_xml($con, $params{xml}, $params{flags});
    } else {
        die "name, mac or xml parameters are required";
    }
    return bless $self, $class;
}

1;

__END__

=head1 NAME

Sys::Virt::Interface - a network interface of the host

=head1 SYNOPSIS

  use Sys::Virt;

  my $conn = Sys::Virt->new(uri => 'test:///default');
  for my $iface ($conn->list_all_interfaces) {
      printf "%-8s %s %s\n", $iface->get_name, $iface->get_mac,
          $iface->is_active ? 'up' : 'down';
  }

=head1 DESCRIPTION

A C<Sys::Virt::Interface> object stands for one network interface of the
host as libvirt's interface driver configures it: an Ethernet card, a
bridge, a bond or a VLAN, with its addresses and start mode. Interfaces
are found and defined with the host interface methods of L<Sys::Virt>
(C<list_all_interfaces>, C<get_interface_by_name>,
C<get_interface_by_mac>, C<define_interface>); a defined interface is
brought up with C<create> and down with C<destroy>.

Every method throws a L<Sys::Virt::Error> when libvirt refuses it (for
instance code C<Sys::Virt::Error::ERR_NO_INTERFACE> once the interface
is undefined) and croaks with a plain message when an argument is
unusable (see L<Sys::Virt/ARGUMENTS>). Every flags argument is optional
and defaults to 0.

=head1 METHODS

=over 4

=item my $name = $iface->get_name();

Returns the interface's name, such as C<eth0> or C<br0>.

=item my $mac = $iface->get_mac();

Returns the interface's hardware address as text, such as
C<aa:bb:cc:dd:ee:ff>.

=item my $xml = $iface->get_xml_description($flags);

Returns the interface's XML description. With C<XML_INACTIVE> in
C<$flags>, the configuration it will have when next started rather than
its current state.

=item my $bool = $iface->is_active();

True when the interface is up.

=item $iface->create($flags);

Brings the defined interface up. C<$flags> must be 0.

=item $iface->destroy($flags);

Takes the interface down; it stays defined. C<$flags> must be 0.

=item $iface->undefine();

Deletes the interface's configuration. The object cannot be used
afterwards.

=back

  use Sys::Virt;

  my $conn = Sys::Virt->new(uri => 'test:///default');
  my $iface = $conn->define_interface(q{
      <interface type='ethernet' name='eth7'>
        <start mode='onboot'/>
        <mac address='52:54:00:aa:bb:07'/>
      </interface>
  });
  $iface->create;
  print $iface->get_name, " is ", ($iface->is_active ? 'up' : 'down'), "\n";
  $iface->destroy;
  $iface->undefine;

=head1 CONSTANTS

Constants are called with their full name, such as
C<Sys::Virt::Interface::LIST_ACTIVE>; nothing is exported.

=over 4

=item Sys::Virt::Interface::LIST_ACTIVE

For C<list_all_interfaces> in L<Sys::Virt>: interfaces that are up.

=item Sys::Virt::Interface::LIST_INACTIVE

For C<list_all_interfaces>: interfaces that are down.

=item Sys::Virt::Interface::DEFINE_VALIDATE

For C<define_interface>: check the XML against libvirt's schema first.

=item Sys::Virt::Interface::XML_INACTIVE

For C<get_xml_description>: the configuration the interface will have
when next started.

=back

=head1 DIFFERENCES FROM THE C MODULE

=over 4

=item Forged objects and undef croak

A forged object, an object of another class, or undef as the interface
(C<Sys::Virt::Interface::destroy(undef)>) croaks with a message; the C
module crashes the process.

=back

=head1 SEE ALSO

L<Sys::Virt>, and libvirt's XML formats at
L<https://libvirt.org/format.html>.

=head1 LICENSE

This program is free software, distributed under the terms of the GNU
General Public License, version 2.

=cut
