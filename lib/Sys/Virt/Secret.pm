package Sys::Virt::Secret;

use strict;
use warnings;

sub _new {
    my ($proto, %params) = @_;
    my $class = ref($proto) || $proto;
    my $con = exists $params{connection} ? $params{connection}
        : die "connection parameter is required";
    my $self;
    if (exists $params{usageID} || exists $params{usageType}) {
        die "usageID parameter must be provided with usageType" unless exists $params{usageID};
        die "usageType parameter must be provided with usageID" unless exists $params{usageType};
        $self = _lookup_by_usage($con, $params{usageType}, $params{usageID});
    } elsif (exists $params{uuid}) {
        # 16 bytes, or 32 or 36 characters: the lookup tells them apart.
        $self = Sys::Virt::get_secret_by_uuid($con, $params{uuid});
    } elsif (exists $params{xml}) {
        $self = _define_xml($con, $params{xml}, $params{flags});
    } else {
        die "usageID, xml or uuid parameters are required";
    }
    return bless $self, $class;
}

1;

__END__

=head1 NAME

Sys::Virt::Secret - a secret kept by libvirt

=head1 SYNOPSIS

  use Sys::Virt;
  use Sys::Virt::Secret;

  my $conn = Sys::Virt->new(uri => 'qemu:///system');
  my $secret = $conn->define_secret(q{
      <secret ephemeral='no' private='yes'>
        <usage type='ceph'><name>client.admin</name></usage>
      </secret>
  });
  $secret->set_value($key_bytes);

  my $same = $conn->get_secret_by_usage(
      Sys::Virt::Secret::USAGE_TYPE_CEPH, 'client.admin');
  print $same->get_uuid_string, "\n";

=head1 DESCRIPTION

A C<Sys::Virt::Secret> object stands for one secret that libvirt keeps
on the host: a passphrase, a key or a password, with its UUID and its
usage (what it is meant for: an encrypted volume, a Ceph or iSCSI
server, a TLS setup, a virtual TPM). Guests and storage pools refer to
secrets by UUID or by usage, so the value never appears in their XML.

Secrets are defined and found with the secret methods of L<Sys::Virt>
(C<define_secret>, C<list_all_secrets>, C<get_secret_by_uuid>,
C<get_secret_by_usage>). The test driver (C<test:///default>) has no
secret driver; a libvirtd connection has.

Every method throws a L<Sys::Virt::Error> when libvirt refuses it (for
instance code C<Sys::Virt::Error::ERR_NO_SECRET> once the secret is
undefined) and croaks with a plain message when an argument is
unusable (see L<Sys::Virt/ARGUMENTS>). Every flags argument is optional
and defaults to 0.

=head1 METHODS

=over 4

=item my $uuid = $secret->get_uuid();

Returns the secret's UUID as 16 raw bytes.

=item my $uuid = $secret->get_uuid_string();

Returns the secret's UUID in its printed form of 36 characters
(C<xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx>).

=item my $type = $secret->get_usage_type();

Returns the secret's usage type, one of the C<USAGE_TYPE_*> constants
(C<USAGE_TYPE_NONE>, 0, for a secret not tied to anything).

=item my $id = $secret->get_usage_id();

Returns what the secret is used for, in the form its usage type gives:
the path of an encrypted volume, the name of a Ceph user or iSCSI
target, a free-form name for TLS and vTPM secrets; an empty string for a
secret of usage type C<USAGE_TYPE_NONE>.

=item my $xml = $secret->get_xml_description($flags);

Returns the secret's XML description (never its value). C<$flags> must
be 0.

=item my $bytes = $secret->get_value($flags);

Returns the secret's value as a byte string, exactly as it was set
(it may hold any byte, NUL included), or undef when no value has been
set yet. A secret defined with C<private='yes'> does not give its value
out: libvirt refuses. C<$flags> must be 0.

=item $secret->set_value($bytes, $flags);

Sets the secret's value to C<$bytes>, a byte string. A string of
characters above 255 croaks: encode it first (with
C<Encode::encode_utf8>, for instance). C<$flags> must be 0.

=item $secret->undefine();

Deletes the secret and its value. The object cannot be used afterwards.

=back

  use Sys::Virt;

  my $conn = Sys::Virt->new(uri => 'qemu:///system');
  my $secret = $conn->define_secret(q{
      <secret ephemeral='yes' private='no'>
        <usage type='tls'><name>scratch</name></usage>
      </secret>
  });
  $secret->set_value("\x00\x01\xfe\xff");
  printf "%d bytes\n", length $secret->get_value;
  $secret->undefine;

=head1 CONSTANTS

Constants are called with their full name, such as
C<Sys::Virt::Secret::USAGE_TYPE_VOLUME>; nothing is exported.

=head2 Usage types

The values of C<get_usage_type> and the first argument of
C<get_secret_by_usage> in L<Sys::Virt>.

=over 4

=item Sys::Virt::Secret::USAGE_TYPE_NONE

Not tied to any object.

=item Sys::Virt::Secret::USAGE_TYPE_VOLUME

The key of an encrypted storage volume; the usage id is the volume's path.

=item Sys::Virt::Secret::USAGE_TYPE_CEPH

A Ceph user's key; the usage id is the name given in the XML.

=item Sys::Virt::Secret::USAGE_TYPE_ISCSI

The password of an iSCSI target; the usage id is the name given in the XML.

=item Sys::Virt::Secret::USAGE_TYPE_TLS

The passphrase of TLS credentials; the usage id is any name.

=item Sys::Virt::Secret::USAGE_TYPE_VTPM

The key that encrypts a virtual TPM's state; the usage id is any name.

=back

=head2 Listing secrets

Flags for C<list_all_secrets> in L<Sys::Virt>.

=over 4

=item Sys::Virt::Secret::LIST_EPHEMERAL

Secrets kept only in memory.

=item Sys::Virt::Secret::LIST_NO_EPHEMERAL

Secrets saved to disk.

=item Sys::Virt::Secret::LIST_PRIVATE

Secrets whose value cannot be read back.

=item Sys::Virt::Secret::LIST_NO_PRIVATE

Secrets whose value can be read back.

=back

=head2 Defining secrets

=over 4

=item Sys::Virt::Secret::DEFINE_VALIDATE

For C<define_secret>: check the XML against libvirt's schema first.

=back

=head2 Events

Identifiers of secret events, and the kinds of lifecycle event.
C<secret_event_register_any> takes the identifiers, and its callback
gets the lifecycle events and their details (see L<Sys::Virt/Events>).

=over 4

=item Sys::Virt::Secret::EVENT_ID_LIFECYCLE

The event for a secret being defined or undefined.

=item Sys::Virt::Secret::EVENT_ID_VALUE_CHANGED

The event for a secret's value being set.

=item Sys::Virt::Secret::EVENT_DEFINED

A secret was defined.

=item Sys::Virt::Secret::EVENT_UNDEFINED

A secret was undefined.

=back

=head1 DIFFERENCES FROM THE C MODULE

=over 4

=item C<get_usage_type> returns C<USAGE_TYPE_NONE>

The C module takes the value 0 for a failure, so for a secret of usage
type C<USAGE_TYPE_NONE> it throws an empty error (code 0, "Unknown
problem"), and for a real failure (-1) it returns -1. Here 0 is
returned, and -1 throws the libvirt error.

=item C<get_value> returns undef when there is no value

As documented: libvirt 9.0.0 answers with C<ERR_NO_SECRET> ("does not
have a value"), which the C module throws. Here undef is returned when
the secret still exists; when the secret itself has gone, the error is
thrown, as in the C module. The C module also never frees the copy of the value
it gets from libvirt.

=item C<set_value> takes bytes

A string with characters above 255 croaks instead of being stored as its
internal UTF-8 encoding; a character string whose characters are all
below 256 is stored as those bytes (the C module stores its UTF-8
encoding, so the value read back differs from the one set).

=item Forged objects and undef croak

A forged object, an object of another class, or undef as the secret
croaks with a message; the C module crashes the process.

=back

=head1 SEE ALSO

L<Sys::Virt>, and libvirt's secret XML format at
L<https://libvirt.org/formatsecret.html>.

=head1 LICENSE

This program is free software, distributed under the terms of the GNU
General Public License, version 2.

=cut
