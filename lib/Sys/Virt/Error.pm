package Sys::Virt::Error;

use strict;
use warnings;

# As a number an error is its code, so `$@ == ERR_NO_DOMAIN` reads naturally;
# fallback lets eq, ne and friends work through the string form.
use overload
    '""' => \&stringify,
    '0+' => sub { $_[0]->{code} },
    fallback => 1;

sub stringify {
    my $self = shift;
    my $message = $self->{message};
    $message = '' unless defined $message;
    return "libvirt error code: $self->{code}, message: $message"
        . ($message =~ /\n\z/ ? '' : "\n");
}

sub level   { return $_[0]->{level} }
sub code    { return $_[0]->{code} }
sub domain  { return $_[0]->{domain} }
sub message { return $_[0]->{message} }

1;

__END__

=head1 NAME

Sys::Virt::Error - the exception thrown when libvirt refuses a call

=head1 SYNOPSIS

  use Sys::Virt;

  my $conn = Sys::Virt->new(uri => 'test:///default');
  my $dom = eval { $conn->get_domain_by_name('no-such-domain') };
  if (my $err = $@) {
      die $err unless ref $err && $err->isa('Sys::Virt::Error');
      if ($err->code == Sys::Virt::Error::ERR_NO_DOMAIN) {
          warn "no such domain\n";
      } else {
          die $err;    # prints "libvirt error code: ..., message: ..."
      }
  }

=head1 DESCRIPTION

When libvirt reports that a call failed, the method dies with a
C<Sys::Virt::Error> object in C<$@>. It carries the details libvirt gave:
how serious the problem is (C<level>), what went wrong (C<code>), which
part of libvirt noticed (C<domain>), and a message for people
(C<message>).

The object is a blessed hash with the keys C<level>, C<code>, C<domain>
and C<message>, which the methods below read. Printed or used as a
string, it reads C<libvirt error code: CODE, message: MESSAGE> followed
by a newline, so an uncaught error ends the program with a readable
line.

Mistakes that never reach libvirt, such as a negative flags value or a
method called on something that is not an object of its class, are
reported with a plain string instead (see L<Sys::Virt/ERRORS>).

=head1 METHODS

=over 4

=item my $level = $err->level();

Returns how serious the problem is: one of the C<LEVEL_*> constants
(C<LEVEL_ERROR> for a failed call). The C module returns the error code
here instead; see L<Sys::Virt/DIFFERENCES FROM THE C MODULE>.

=item my $code = $err->code();

Returns what went wrong: one of the C<ERR_*> constants (or C<WAR_*> for
a warning).

=item my $domain = $err->domain();

Returns the part of libvirt that reported the problem: one of the
C<FROM_*> constants, such as C<FROM_TEST> for the test driver or
C<FROM_DOMAIN_SNAPSHOT> for snapshot XML. (This "domain" is an error
domain, unrelated to L<Sys::Virt::Domain>.)

=item my $message = $err->message();

Returns libvirt's explanation, such as C<Domain not found: no domain
with matching name 'web'>.

=item my $text = $err->stringify();

Returns the text used when the object is printed:
C<libvirt error code: CODE, message: MESSAGE>, ending with a newline.

=back

=head2 Comparing errors

As a string the object is its printed form, so C<eq>, C<ne> and regular
expressions work on it. As a number it is its C<code>, so
C<< $@ == Sys::Virt::Error::ERR_NO_DOMAIN >> tests for one particular
error (the C module dies on C<eq>, C<ne> and C<==>). Where the part of
libvirt matters too, compare C<domain> as well; avoid matching the
message text, which changes between libvirt versions and languages.

  use Sys::Virt;

  my $conn = Sys::Virt->new(uri => 'test:///default');
  my $dom = $conn->get_domain_by_name('test');
  for my $name (qw(first second)) {
      my $snap = eval { $dom->get_snapshot_by_name($name) };
      next if $snap;
      my $err = $@;
      if (ref $err && $err->code == Sys::Virt::Error::ERR_NO_DOMAIN_SNAPSHOT) {
          $dom->create_snapshot("<domainsnapshot><name>$name</name></domainsnapshot>");
      } else {
          die $err;
      }
  }

=head1 CONSTANTS

Constants are called with their full name, such as
C<Sys::Virt::Error::ERR_NO_DOMAIN>; nothing is exported.

=head2 Levels

The values of C<level>.

=over 4

=item Sys::Virt::Error::LEVEL_NONE

No level (used for an empty error).

=item Sys::Virt::Error::LEVEL_WARNING

A warning: the call may still have done its work.

=item Sys::Virt::Error::LEVEL_ERROR

An error: the call failed.

=back

=head2 Error domains

The values of C<domain>: the part of libvirt (driver, subsystem or library) that reported the error. The name after C<FROM_> is the part's name.

=over 4

=item Sys::Virt::Error::FROM_ACCESS

=item Sys::Virt::Error::FROM_ADMIN

=item Sys::Virt::Error::FROM_AUDIT

=item Sys::Virt::Error::FROM_AUTH

=item Sys::Virt::Error::FROM_BHYVE

=item Sys::Virt::Error::FROM_BPF

=item Sys::Virt::Error::FROM_CAPABILITIES

=item Sys::Virt::Error::FROM_CGROUP

=item Sys::Virt::Error::FROM_CH

=item Sys::Virt::Error::FROM_CONF

=item Sys::Virt::Error::FROM_CPU

=item Sys::Virt::Error::FROM_CRYPTO

=item Sys::Virt::Error::FROM_DBUS

=item Sys::Virt::Error::FROM_DEVICE

=item Sys::Virt::Error::FROM_DOM

=item Sys::Virt::Error::FROM_DOMAIN

=item Sys::Virt::Error::FROM_DOMAIN_CHECKPOINT

=item Sys::Virt::Error::FROM_DOMAIN_SNAPSHOT

=item Sys::Virt::Error::FROM_ESX

=item Sys::Virt::Error::FROM_EVENT

=item Sys::Virt::Error::FROM_FIREWALL

=item Sys::Virt::Error::FROM_FIREWALLD

=item Sys::Virt::Error::FROM_HOOK

=item Sys::Virt::Error::FROM_HYPERV

=item Sys::Virt::Error::FROM_IDENTITY

=item Sys::Virt::Error::FROM_INITCTL

=item Sys::Virt::Error::FROM_INTERFACE

=item Sys::Virt::Error::FROM_LIBSSH

=item Sys::Virt::Error::FROM_LIBXL

=item Sys::Virt::Error::FROM_LOCKING

=item Sys::Virt::Error::FROM_LOCKSPACE

=item Sys::Virt::Error::FROM_LOGGING

=item Sys::Virt::Error::FROM_LXC

=item Sys::Virt::Error::FROM_NET

=item Sys::Virt::Error::FROM_NETWORK

=item Sys::Virt::Error::FROM_NODEDEV

=item Sys::Virt::Error::FROM_NONE

=item Sys::Virt::Error::FROM_NWFILTER

=item Sys::Virt::Error::FROM_ONE

=item Sys::Virt::Error::FROM_OPENVZ

=item Sys::Virt::Error::FROM_PARALLELS

=item Sys::Virt::Error::FROM_PERF

=item Sys::Virt::Error::FROM_PHYP

=item Sys::Virt::Error::FROM_POLKIT

=item Sys::Virt::Error::FROM_PROXY

=item Sys::Virt::Error::FROM_QEMU

=item Sys::Virt::Error::FROM_REMOTE

=item Sys::Virt::Error::FROM_RESCTRL

=item Sys::Virt::Error::FROM_RPC

=item Sys::Virt::Error::FROM_SECRET

=item Sys::Virt::Error::FROM_SECURITY

=item Sys::Virt::Error::FROM_SEXPR

=item Sys::Virt::Error::FROM_SSH

=item Sys::Virt::Error::FROM_STATS_LINUX

=item Sys::Virt::Error::FROM_STORAGE

=item Sys::Virt::Error::FROM_STREAMS

=item Sys::Virt::Error::FROM_SYSINFO

=item Sys::Virt::Error::FROM_SYSTEMD

=item Sys::Virt::Error::FROM_TEST

=item Sys::Virt::Error::FROM_THREAD

=item Sys::Virt::Error::FROM_TPM

=item Sys::Virt::Error::FROM_UML

=item Sys::Virt::Error::FROM_URI

=item Sys::Virt::Error::FROM_VBOX

=item Sys::Virt::Error::FROM_VMWARE

=item Sys::Virt::Error::FROM_XEN

=item Sys::Virt::Error::FROM_XENAPI

=item Sys::Virt::Error::FROM_XEND

=item Sys::Virt::Error::FROM_XENSTORE

=item Sys::Virt::Error::FROM_XENXL

=item Sys::Virt::Error::FROM_XENXM

=item Sys::Virt::Error::FROM_XEN_INOTIFY

=item Sys::Virt::Error::FROM_XML

=back

=head2 Error codes

The values of C<code> for errors.

=over 4

=item Sys::Virt::Error::ERR_OK

No error.

=item Sys::Virt::Error::ERR_INTERNAL_ERROR

A failure inside libvirt itself.

=item Sys::Virt::Error::ERR_NO_MEMORY

Memory could not be allocated.

=item Sys::Virt::Error::ERR_NO_SUPPORT

The driver does not implement this call.

=item Sys::Virt::Error::ERR_UNKNOWN_HOST

The host name could not be resolved.

=item Sys::Virt::Error::ERR_NO_CONNECT

No connection could be made to the hypervisor.

=item Sys::Virt::Error::ERR_INVALID_CONN

The connection object is not valid.

=item Sys::Virt::Error::ERR_INVALID_DOMAIN

The domain object is not valid.

=item Sys::Virt::Error::ERR_INVALID_ARG

An argument has a value the call does not accept.

=item Sys::Virt::Error::ERR_OPERATION_FAILED

The command was run and failed.

=item Sys::Virt::Error::ERR_GET_FAILED

An HTTP GET failed.

=item Sys::Virt::Error::ERR_POST_FAILED

An HTTP POST failed.

=item Sys::Virt::Error::ERR_HTTP_ERROR

An unexpected HTTP status.

=item Sys::Virt::Error::ERR_SEXPR_SERIAL

An S-expression could not be serialized.

=item Sys::Virt::Error::ERR_NO_XEN

The Xen hypervisor could not be reached.

=item Sys::Virt::Error::ERR_XEN_CALL

A Xen hypervisor call failed.

=item Sys::Virt::Error::ERR_OS_TYPE

The operating system type is unknown or unsupported.

=item Sys::Virt::Error::ERR_NO_KERNEL

No kernel image was given.

=item Sys::Virt::Error::ERR_NO_ROOT

No root device was given.

=item Sys::Virt::Error::ERR_NO_SOURCE

No source device was given.

=item Sys::Virt::Error::ERR_NO_TARGET

No target device was given.

=item Sys::Virt::Error::ERR_NO_NAME

No name was given.

=item Sys::Virt::Error::ERR_NO_OS

No operating system description was given.

=item Sys::Virt::Error::ERR_NO_DEVICE

No device was given.

=item Sys::Virt::Error::ERR_NO_XENSTORE

The Xen store could not be reached.

=item Sys::Virt::Error::ERR_DRIVER_FULL

Too many drivers are registered.

=item Sys::Virt::Error::ERR_CALL_FAILED

The call is not available or failed.

=item Sys::Virt::Error::ERR_XML_ERROR

The XML is malformed or describes something invalid.

=item Sys::Virt::Error::ERR_DOM_EXIST

The domain already exists.

=item Sys::Virt::Error::ERR_OPERATIONED_DENIED

The operation was refused, for instance on a read-only connection. (The misspelt name is the one the C module exports.)

=item Sys::Virt::Error::ERR_OPEN_FAILED

A file could not be opened.

=item Sys::Virt::Error::ERR_READ_FAILED

A file could not be read.

=item Sys::Virt::Error::ERR_PARSE_FAILED

A file could not be parsed.

=item Sys::Virt::Error::ERR_CONF_SYNTAX

A configuration file has a syntax error.

=item Sys::Virt::Error::ERR_WRITE_FAILED

A file could not be written.

=item Sys::Virt::Error::ERR_XML_DETAIL

The XML is invalid; the message says where.

=item Sys::Virt::Error::ERR_INVALID_NETWORK

The network object is not valid.

=item Sys::Virt::Error::ERR_NETWORK_EXIST

The network already exists.

=item Sys::Virt::Error::ERR_SYSTEM_ERROR

A system call failed.

=item Sys::Virt::Error::ERR_RPC

A remote procedure call failed.

=item Sys::Virt::Error::ERR_GNUTLS_ERROR

A TLS error.

=item Sys::Virt::Error::ERR_NO_DOMAIN

No domain matches the name, ID or UUID.

=item Sys::Virt::Error::ERR_NO_NETWORK

No network matches.

=item Sys::Virt::Error::ERR_INVALID_MAC

The MAC address is not valid.

=item Sys::Virt::Error::ERR_AUTH_FAILED

Authentication failed.

=item Sys::Virt::Error::ERR_INVALID_STORAGE_POOL

The storage pool object is not valid.

=item Sys::Virt::Error::ERR_INVALID_STORAGE_VOL

The storage volume object is not valid.

=item Sys::Virt::Error::ERR_NO_STORAGE_POOL

No storage pool matches.

=item Sys::Virt::Error::ERR_NO_STORAGE_VOL

No storage volume matches.

=item Sys::Virt::Error::ERR_INVALID_NODE_DEVICE

The node device object is not valid.

=item Sys::Virt::Error::ERR_NO_NODE_DEVICE

No node device matches.

=item Sys::Virt::Error::ERR_NO_SECURITY_MODEL

No security model matches.

=item Sys::Virt::Error::ERR_OPERATION_INVALID

The call is not valid in the object's current state (for instance, resuming a domain that is not paused).

=item Sys::Virt::Error::ERR_NO_INTERFACE

No host interface matches.

=item Sys::Virt::Error::ERR_INVALID_INTERFACE

The host interface object is not valid.

=item Sys::Virt::Error::ERR_MULTIPLE_INTERFACES

More than one host interface matches.

=item Sys::Virt::Error::ERR_INVALID_NWFILTER

The network filter object is not valid.

=item Sys::Virt::Error::ERR_NO_NWFILTER

No network filter matches.

=item Sys::Virt::Error::ERR_BUILD_FIREWALL

Firewall rules could not be built.

=item Sys::Virt::Error::ERR_INVALID_SECRET

The secret object is not valid.

=item Sys::Virt::Error::ERR_NO_SECRET

No secret matches.

=item Sys::Virt::Error::ERR_CONFIG_UNSUPPORTED

The configuration asks for something the driver does not support.

=item Sys::Virt::Error::ERR_OPERATION_TIMEOUT

The operation timed out.

=item Sys::Virt::Error::ERR_MIGRATE_PERSIST_FAILED

Migration succeeded but the domain could not be made persistent at the destination.

=item Sys::Virt::Error::ERR_HOOK_SCRIPT_FAILED

A hook script failed.

=item Sys::Virt::Error::ERR_INVALID_DOMAIN_SNAPSHOT

The snapshot object is not valid.

=item Sys::Virt::Error::ERR_NO_DOMAIN_SNAPSHOT

No snapshot matches.

=item Sys::Virt::Error::ERR_INVALID_STREAM

The stream object is not valid.

=item Sys::Virt::Error::ERR_ARGUMENT_UNSUPPORTED

The driver does not support this argument or flag.

=item Sys::Virt::Error::ERR_STORAGE_PROBE_FAILED

Probing storage failed.

=item Sys::Virt::Error::ERR_STORAGE_POOL_BUILT

The storage pool is already built.

=item Sys::Virt::Error::ERR_SNAPSHOT_REVERT_RISKY

Reverting to the snapshot is risky; it takes C<Sys::Virt::DomainSnapshot::REVERT_FORCE>.

=item Sys::Virt::Error::ERR_OPERATION_ABORTED

The operation was cancelled.

=item Sys::Virt::Error::ERR_AUTH_CANCELLED

The user cancelled authentication.

=item Sys::Virt::Error::ERR_NO_DOMAIN_METADATA

The domain has no metadata of the requested kind.

=item Sys::Virt::Error::ERR_MIGRATE_UNSAFE

Migrating would be unsafe.

=item Sys::Virt::Error::ERR_OVERFLOW

A value is out of range.

=item Sys::Virt::Error::ERR_BLOCK_COPY_ACTIVE

A block copy job is running on the disk.

=item Sys::Virt::Error::ERR_OPERATION_UNSUPPORTED

The operation is not supported.

=item Sys::Virt::Error::ERR_SSH

An SSH transport error.

=item Sys::Virt::Error::ERR_AGENT_UNRESPONSIVE

The guest agent does not answer.

=item Sys::Virt::Error::ERR_RESOURCE_BUSY

The resource is in use.

=item Sys::Virt::Error::ERR_ACCESS_DENIED

The access control policy refuses the call.

=item Sys::Virt::Error::ERR_DBUS_SERVICE

A D-Bus service reported an error.

=item Sys::Virt::Error::ERR_STORAGE_VOL_EXIST

The storage volume already exists.

=item Sys::Virt::Error::ERR_CPU_INCOMPATIBLE

The host CPU cannot provide what the guest needs.

=item Sys::Virt::Error::ERR_INVALID_SCHEMA

The XML does not match the schema.

=item Sys::Virt::Error::ERR_MIGRATE_FINISH_OK

Migration completed, but a later step failed.

=item Sys::Virt::Error::ERR_AUTH_UNAVAILABLE

The authentication method is not available.

=item Sys::Virt::Error::ERR_NO_SERVER

No server with that name exists (administration API).

=item Sys::Virt::Error::ERR_NO_CLIENT

No client with that ID exists (administration API).

=item Sys::Virt::Error::ERR_AGENT_UNSYNCED

The guest agent is out of sync.

=item Sys::Virt::Error::ERR_LIBSSH

An error from the libssh transport.

=item Sys::Virt::Error::ERR_DEVICE_MISSING

The device is not present.

=item Sys::Virt::Error::ERR_INVALID_NWFILTER_BINDING

The network filter binding object is not valid.

=item Sys::Virt::Error::ERR_NO_NWFILTER_BINDING

No network filter binding matches.

=item Sys::Virt::Error::ERR_INVALID_DOMAIN_CHECKPOINT

The checkpoint object is not valid.

=item Sys::Virt::Error::ERR_NO_DOMAIN_CHECKPOINT

No checkpoint matches.

=item Sys::Virt::Error::ERR_NO_DOMAIN_BACKUP

No backup job is running.

=item Sys::Virt::Error::ERR_INVALID_NETWORK_PORT

The network port object is not valid.

=item Sys::Virt::Error::ERR_NETWORK_PORT_EXIST

The network port already exists.

=item Sys::Virt::Error::ERR_NO_NETWORK_PORT

No network port matches.

=item Sys::Virt::Error::ERR_NO_HOSTNAME

No host name is known for the domain.

=item Sys::Virt::Error::ERR_CHECKPOINT_INCONSISTENT

The checkpoint is inconsistent with the disks.

=item Sys::Virt::Error::ERR_MULTIPLE_DOMAINS

More than one domain matches.

=back

=head2 Warning codes

The values of C<code> for warnings, given when a driver for a kind of object is missing.

=over 4

=item Sys::Virt::Error::WAR_NO_NETWORK

No network driver is available.

=item Sys::Virt::Error::WAR_NO_STORAGE

No storage driver is available.

=item Sys::Virt::Error::WAR_NO_NODE

No node device driver is available.

=item Sys::Virt::Error::WAR_NO_INTERFACE

No host interface driver is available.

=item Sys::Virt::Error::WAR_NO_NWFILTER

No network filter driver is available.

=item Sys::Virt::Error::WAR_NO_SECRET

No secret driver is available.

=back

=head1 SEE ALSO

L<Sys::Virt>, and libvirt's list of error codes and domains at
L<https://libvirt.org/html/libvirt-virterror.html>.

=cut
