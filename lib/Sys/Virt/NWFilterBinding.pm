package Sys::Virt::NWFilterBinding;

use strict;
use warnings;

sub _new {
    my ($proto, %params) = @_;
    my $class = ref($proto) || $proto;
    my $con = exists $params{connection} ? $params{connection}
        : die "connection parameter is required";
    my $self;
    if (exists $params{portdev}) {
        $self = _lookup_by_port_dev($con, $params{portdev});
    } elsif (exists $params{xml}) {
        $self = _create_xml($con, $params{xml}, $params{flags});
    } else {
        die "portdev or xml parameters are required";
    }
    return bless $self, $class;
}

1;

__END__

=head1 NAME

Sys::Virt::NWFilterBinding - a network filter applied to a port device

=head1 SYNOPSIS

  use Sys::Virt;

  my $conn = Sys::Virt->new(uri => 'qemu:///system');
  for my $binding ($conn->list_all_nwfilter_bindings) {
      printf "%s: %s\n", $binding->get_port_dev, $binding->get_filter_name;
  }

=head1 DESCRIPTION

A C<Sys::Virt::NWFilterBinding> object stands for one use of a network
filter (L<Sys::Virt::NWFilter>): the filter's rules applied to the
traffic of one port device, named like a guest's tap device
(C<vnet0>). libvirt makes a binding for each guest interface with a
C<< <filterref> >> while the guest runs; C<create_nwfilter_binding> in
L<Sys::Virt> makes one by hand, for a port managed outside libvirt.

Bindings are found with C<list_all_nwfilter_bindings> and
C<get_nwfilter_binding_by_port_dev> in L<Sys::Virt>.

Every method throws a L<Sys::Virt::Error> when libvirt refuses it (for
instance code C<Sys::Virt::Error::ERR_NO_NWFILTER_BINDING> once the
binding is deleted) and croaks with a plain message when an argument is
unusable (see L<Sys::Virt/ARGUMENTS>). Every flags argument is optional
and defaults to 0.

=head1 METHODS

=over 4

=item my $dev = $binding->get_port_dev();

Returns the name of the port device the filter is applied to.

=item my $name = $binding->get_filter_name();

Returns the name of the filter applied.

=item my $xml = $binding->get_xml_description($flags);

Returns the binding's XML description: the owner (a name and UUID), the
port device, its MAC address, and the filter with its parameters.
C<$flags> must be 0.

=item $binding->delete();

Removes the filter from the port device. The object cannot be used
afterwards.

=back

  use Sys::Virt;

  my $conn = Sys::Virt->new(uri => 'qemu:///system');
  my $binding = $conn->create_nwfilter_binding(q{
      <filterbinding>
        <owner>
          <name>outside</name>
          <uuid>6a2a2d36-3b5c-4f0a-9f8e-0c1f4e7b2a11</uuid>
        </owner>
        <portdev name='tap-outside'/>
        <mac address='52:54:00:12:34:56'/>
        <filterref filter='clean-traffic'/>
      </filterbinding>
  });
  print $binding->get_filter_name, "\n";
  $binding->delete;

=head1 CONSTANTS

=over 4

=item Sys::Virt::NWFilterBinding::CREATE_VALIDATE

For C<create_nwfilter_binding> in L<Sys::Virt>: check the XML against
libvirt's schema first.

=back

=head1 DIFFERENCES FROM THE C MODULE

=over 4

=item Forged objects and undef croak

A forged object, an object of another class, or undef as the binding
croaks with a message; the C module crashes the process.

=back

=head1 SEE ALSO

L<Sys::Virt>, L<Sys::Virt::NWFilter>, and libvirt's binding XML format
at L<https://libvirt.org/formatnwfilter.html>.

=head1 LICENSE

This program is free software, distributed under the terms of the GNU
General Public License, version 2.

=cut
