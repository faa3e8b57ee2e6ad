package Sys::Virt::NWFilter;

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
        # 16 bytes, or 32 or 36 characters: the lookup tells them apart.
        $self = Sys::Virt::get_nwfilter_by_uuid($con, $params{uuid});
    } elsif (exists $params{xml}) {
        $self = _define_xml($con, $params{xml}, $params{flags});
    } else {
        die "address, id or uuid parameters are required";
    }
    return bless $self, $class;
}

1;

__END__

=head1 NAME

Sys::Virt::NWFilter - a network filter (firewall rules for guests)

=head1 SYNOPSIS

  use Sys::Virt;

  my $conn = Sys::Virt->new(uri => 'qemu:///system');
  my $filter = $conn->define_nwfilter(q{
      <filter name='ssh-only' chain='root'>
        <rule action='accept' direction='in'><tcp dstportstart='22'/></rule>
        <rule action='drop' direction='in'><all/></rule>
      </filter>
  });
  print $filter->get_uuid_string, "\n";

=head1 DESCRIPTION

A C<Sys::Virt::NWFilter> object stands for one network filter: a named
set of firewall rules (and references to other filters) that libvirt
applies to the traffic of the guest interfaces that name it in a
C<< <filterref> >>. Filters are defined and found with the network
filter methods of L<Sys::Virt> (C<define_nwfilter>,
C<list_all_nwfilters>, C<get_nwfilter_by_name>,
C<get_nwfilter_by_uuid>); libvirt ships a set of them (C<clean-traffic>,
C<no-ip-spoofing>...). The test driver (C<test:///default>) has no
network filter driver; a libvirtd connection has.

Every method throws a L<Sys::Virt::Error> when libvirt refuses it (for
instance code C<Sys::Virt::Error::ERR_NO_NWFILTER> once the filter is
undefined) and croaks with a plain message when an argument is unusable
(see L<Sys::Virt/ARGUMENTS>). Every flags argument is optional and
defaults to 0.

=head1 METHODS

=over 4

=item my $name = $filter->get_name();

Returns the filter's name.

=item my $uuid = $filter->get_uuid();

Returns the filter's UUID as 16 raw bytes.

=item my $uuid = $filter->get_uuid_string();

Returns the filter's UUID in its printed form of 36 characters.

=item my $xml = $filter->get_xml_description($flags);

Returns the filter's XML description: its rules (with the priorities
libvirt gives them) and the filters it refers to. C<$flags> must be 0.

=item $filter->undefine();

Deletes the filter. libvirt refuses while a guest interface or another
filter still uses it. The object cannot be used afterwards.

=back

=head1 CONSTANTS

=over 4

=item Sys::Virt::NWFilter::DEFINE_VALIDATE

For C<define_nwfilter> in L<Sys::Virt>: check the XML against libvirt's
schema first.

=back

=head1 DIFFERENCES FROM THE C MODULE

=over 4

=item Forged objects and undef croak

A forged object, an object of another class, or undef as the filter
croaks with a message; the C module crashes the process.

=back

=head1 SEE ALSO

L<Sys::Virt>, L<Sys::Virt::NWFilterBinding>, and libvirt's network
filter XML format at L<https://libvirt.org/formatnwfilter.html>.

=head1 LICENSE

This program is free software, distributed under the terms of the GNU
General Public License, version 2.

=cut
