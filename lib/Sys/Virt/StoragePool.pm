package Sys::Virt::StoragePool;

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
        my $length = length $params{uuid};
        if ($length == 16) {
            $self = _lookup_by_uuid($con, $params{uuid});
        } elsif ($length == 32 || $length == 36) {
            $self = _lookup_by_uuid_string($con, $params{uuid});
        } else {
            die "UUID must be either 16 unsigned bytes, or 32/36 hex characters long";
        }
    } elsif (exists $params{volume}) {
        $self = _lookup_by_volume($params{volume});
    } elsif (exists $params{target_path}) {
        $self = _lookup_by_target_path($con, $params{target_path});
    } elsif (exists $params{xml}) {
        $self = $params{nocreate}
            ? _define_xml($con, $params{xml}, $params{flags})
            : _create_xml($con, $params{xml}, $params{flags});
    } else {
        die "address, id or uuid parameters are required";
    }
    return bless $self, $class;
}

# An array, so that the scalar value is the count, as the C module's Perl
# code gives; the lookups are made by _list_volumes in one call.
sub list_volumes {
    my ($self) = @_;
    my @volumes = _list_volumes($self);
    return @volumes;
}

# A volume from XML, copied from $clonevol when one is given.
sub create_volume {
    my ($self, $xml, $clonevol, $flags) = @_;
    return Sys::Virt::StorageVol->_new(pool => $self, xml => $xml, clone => $clonevol, flags => $flags);
}

sub clone_volume {
    my ($self, $xml, $clonevol, $flags) = @_;
    return Sys::Virt::StorageVol->_new(pool => $self, xml => $xml, clone => $clonevol, flags => $flags);
}

1;

__END__

=head1 NAME

Sys::Virt::StoragePool - a libvirt storage pool: a place where volumes live

=head1 SYNOPSIS

  use Sys::Virt;

  my $conn = Sys::Virt->new(uri => 'test:///default');
  my $pool = $conn->define_storage_pool(q{
      <pool type='dir'>
        <name>scratch</name>
        <target><path>/var/tmp/scratch</path></target>
      </pool>
  });
  $pool->build;
  $pool->create;

  my $vol = $pool->create_volume(q{
      <volume>
        <name>disk0.img</name>
        <capacity unit='MiB'>64</capacity>
      </volume>
  });
  printf "%s: %d bytes\n", $vol->get_path, $vol->get_info->{capacity};

=head1 DESCRIPTION

A C<Sys::Virt::StoragePool> object stands for one storage pool of the
host: a directory, a file system, an LVM volume group, an iSCSI target,
a Ceph pool and so on, whose pieces of storage are the pool's volumes
(L<Sys::Virt::StorageVol>). Pools are found, listed, defined and
created through the storage methods of L<Sys::Virt>
(C<get_storage_pool_by_name>, C<list_all_storage_pools>,
C<define_storage_pool>, C<create_storage_pool>...).

A pool is I<persistent> when its configuration is kept by libvirt
(C<define_storage_pool>) and I<transient> when it exists only while it
is active (C<create_storage_pool>). An inactive pool's volumes cannot
be listed or used.

Every method throws a L<Sys::Virt::Error> when libvirt refuses it (for
instance with code C<Sys::Virt::Error::ERR_NO_STORAGE_POOL> once the
pool has been undefined) and croaks with a plain message when an
argument is unusable (see L<Sys::Virt/ARGUMENTS>). Every flags argument
is optional and defaults to 0.

=head1 METHODS

=head2 Identity

=over 4

=item my $name = $pool->get_name();

Returns the pool's name, unique on the host.

=item my $uuid = $pool->get_uuid();

Returns the pool's UUID as a string of 16 raw bytes.

=item my $uuid = $pool->get_uuid_string();

Returns the pool's UUID in its printable form of 36 characters, such
as C<dfe224cb-28fb-8dd0-c4b2-64eb3f0f4566>.

=item my $xml = $pool->get_xml_description($flags);

Returns the pool's XML description: its type, name, UUID, sizes, source
and target. With C<XML_INACTIVE> in C<$flags>, the configuration the
pool will have when next started.

=back

=head2 State

=over 4

=item my $bool = $pool->is_active();

True while the pool is started.

=item my $bool = $pool->is_persistent();

True when libvirt keeps the pool's configuration (the pool was defined
rather than only created).

=item my $info = $pool->get_info();

Returns a hash reference with the keys

=over 4

=item state

One of the C<STATE_*> constants.

=item capacity

The pool's size in bytes.

=item allocation

The bytes taken by its volumes (and their metadata).

=item available

The bytes free for new volumes, which may be less than C<capacity>
minus C<allocation>.

=back

Sizes are 0 for an inactive pool.

=item my $bool = $pool->get_autostart();

True when the pool is started when libvirt's storage driver starts.

=item $pool->set_autostart($bool);

Turns starting with the storage driver on or off, by Perl's idea of
truth. Only persistent pools can be autostarted.

=back

=head2 Lifecycle

=over 4

=item $pool->build($flags);

Makes the underlying storage: creates the directory, formats the file
system or writes the partition table, as the pool type needs.
C<$flags> takes the C<BUILD_*> constants.

=item $pool->create($flags);

Starts a defined, inactive pool. C<$flags> takes the C<CREATE_*>
constants, which can build the pool first.

=item $pool->refresh($flags);

Looks at the underlying storage again, so that volumes created or
removed outside libvirt are seen and the sizes are up to date.
C<$flags> must be 0.

=item $pool->destroy();

Stops the pool. A transient pool disappears; a persistent one stays
defined, inactive. The storage itself and its data are left alone.

=item $pool->delete($flags);

Removes the underlying storage of an inactive pool (its directory,
volume group and so on); the opposite of C<build>. C<$flags> takes the
C<DELETE_*> constants.

=item $pool->undefine();

Removes the configuration of an inactive persistent pool.

=back

=head2 Volumes

=over 4

=item my $count = $pool->num_of_storage_volumes();

Returns how many volumes the (active) pool has.

=item my @names = $pool->list_storage_vol_names($maxnames);

Returns the names of the pool's volumes, at most C<$maxnames> of them.
C<$maxnames> is optional: missing or undef returns every name; a
negative number croaks.

=item my @vols = $pool->list_volumes();

Returns a L<Sys::Virt::StorageVol> object for each volume of the pool,
looked up one by one by name; a volume that is deleted meanwhile is
left out. In scalar context, how many.

=item my @vols = $pool->list_all_volumes($flags);

Returns a L<Sys::Virt::StorageVol> object for each volume of the pool,
in one call. C<$flags> must be 0.

=item my $vol = $pool->get_volume_by_name($name);

Returns the volume of this pool called C<$name>; throws a
L<Sys::Virt::Error> with code C<Sys::Virt::Error::ERR_NO_STORAGE_VOL>
when there is none.

=item my $vol = $pool->create_volume($xml, $clonevol, $flags);

Creates a volume in the pool from its XML description C<$xml> and
returns it as a L<Sys::Virt::StorageVol>. When C<$clonevol> (a
L<Sys::Virt::StorageVol>, possibly of another pool) is given and not
undef, the new volume starts as a copy of its data, as with
C<clone_volume>. C<$flags> takes the
C<Sys::Virt::StorageVol::CREATE_*> constants.

=item my $vol = $pool->clone_volume($xml, $clonevol, $flags);

Creates a volume in the pool from C<$xml>, filled with a copy of the
data of the volume C<$clonevol>. C<$flags> takes the
C<Sys::Virt::StorageVol::CREATE_*> constants.

  use Sys::Virt;

  my $conn = Sys::Virt->new(uri => 'test:///default');
  my $pool = $conn->get_storage_pool_by_name('default-pool');
  my $base = $pool->create_volume(
      "<volume><name>base</name><capacity>1048576</capacity></volume>");
  my $copy = $pool->clone_volume(
      "<volume><name>copy</name><capacity>1048576</capacity></volume>", $base);
  print join(' ', sort $pool->list_storage_vol_names), "\n";

=back

=head1 CONSTANTS

Constants are called with their full name, such as
C<Sys::Virt::StoragePool::STATE_RUNNING>; nothing is exported.

=head2 Pool states

The C<state> of C<get_info>.

=over 4

=item Sys::Virt::StoragePool::STATE_INACTIVE

Not started.

=item Sys::Virt::StoragePool::STATE_BUILDING

Being built.

=item Sys::Virt::StoragePool::STATE_RUNNING

Started and usable.

=item Sys::Virt::StoragePool::STATE_DEGRADED

Started, but some of its storage is missing or failing.

=item Sys::Virt::StoragePool::STATE_INACCESSIBLE

Started, but its storage cannot be reached.

=back

=head2 Defining pools

Flags for C<define_storage_pool> (in L<Sys::Virt>).

=over 4

=item Sys::Virt::StoragePool::DEFINE_VALIDATE

Check the XML against libvirt's schema first.

=back

=head2 Building pools

Flags for C<build>.

=over 4

=item Sys::Virt::StoragePool::BUILD_NEW

Make the storage from nothing (the default).

=item Sys::Virt::StoragePool::BUILD_REPAIR

Repair a degraded pool.

=item Sys::Virt::StoragePool::BUILD_RESIZE

Grow or shrink the storage to the configured size, keeping data where
the pool type allows.

=item Sys::Virt::StoragePool::BUILD_NO_OVERWRITE

Refuse to build over storage that already holds data (such as a file
system or partition table).

=item Sys::Virt::StoragePool::BUILD_OVERWRITE

Build even over existing data, destroying it.

=back

=head2 Starting pools

Flags for C<create> and C<create_storage_pool> (in L<Sys::Virt>).

=over 4

=item Sys::Virt::StoragePool::CREATE_NORMAL

Start without building.

=item Sys::Virt::StoragePool::CREATE_WITH_BUILD

Build the pool (without build flags), then start it.

=item Sys::Virt::StoragePool::CREATE_WITH_BUILD_OVERWRITE

Build with C<BUILD_OVERWRITE>, then start.

=item Sys::Virt::StoragePool::CREATE_WITH_BUILD_NO_OVERWRITE

Build with C<BUILD_NO_OVERWRITE>, then start.

=back

=head2 Deleting pools

Flags for C<delete>.

=over 4

=item Sys::Virt::StoragePool::DELETE_NORMAL

Remove the storage without touching its data first.

=item Sys::Virt::StoragePool::DELETE_ZEROED

Overwrite the storage with zeros before removing it.

=back

=head2 Pool XML

Flags for C<get_xml_description>.

=over 4

=item Sys::Virt::StoragePool::XML_INACTIVE

Describe the configuration used at the next start rather than the
running one.

=back

=head2 Listing pools

Flags for C<list_all_storage_pools> (in L<Sys::Virt>). Flags of one
group (state, persistence, autostart) select pools having any of them;
the groups combine with "and"; the pool type flags select pools of any
of the given types. No flags: every pool.

=over 4

=item Sys::Virt::StoragePool::LIST_ACTIVE

Started pools.

=item Sys::Virt::StoragePool::LIST_INACTIVE

Pools not started.

=item Sys::Virt::StoragePool::LIST_PERSISTENT

Pools whose configuration libvirt keeps.

=item Sys::Virt::StoragePool::LIST_TRANSIENT

Pools that exist only while started.

=item Sys::Virt::StoragePool::LIST_AUTOSTART

Pools started with the storage driver.

=item Sys::Virt::StoragePool::LIST_NO_AUTOSTART

Pools not started with the storage driver.

=item Sys::Virt::StoragePool::LIST_DIR

Directory pools.

=item Sys::Virt::StoragePool::LIST_FS

Pools on a local file system that libvirt mounts.

=item Sys::Virt::StoragePool::LIST_NETFS

Pools on a network file system (NFS, CIFS, GlusterFS mount).

=item Sys::Virt::StoragePool::LIST_LOGICAL

LVM volume groups.

=item Sys::Virt::StoragePool::LIST_DISK

Partitioned disks.

=item Sys::Virt::StoragePool::LIST_ISCSI

iSCSI targets, through the host's initiator.

=item Sys::Virt::StoragePool::LIST_ISCSI_DIRECT

iSCSI targets reached directly by libvirt.

=item Sys::Virt::StoragePool::LIST_SCSI

SCSI host adapters.

=item Sys::Virt::StoragePool::LIST_MPATH

Multipath devices.

=item Sys::Virt::StoragePool::LIST_RBD

Ceph RBD pools.

=item Sys::Virt::StoragePool::LIST_SHEEPDOG

Sheepdog clusters.

=item Sys::Virt::StoragePool::LIST_GLUSTER

GlusterFS volumes reached through libgfapi.

=item Sys::Virt::StoragePool::LIST_ZFS

ZFS pools.

=item Sys::Virt::StoragePool::LIST_VSTORAGE

Virtuozzo storage clusters.

=back

=head2 Events

Identifiers of storage pool events, and the kinds of lifecycle event.

=over 4

=item Sys::Virt::StoragePool::EVENT_ID_LIFECYCLE

A pool was defined, started, stopped, undefined, built or deleted.

=item Sys::Virt::StoragePool::EVENT_ID_REFRESH

A pool was refreshed.

=item Sys::Virt::StoragePool::EVENT_DEFINED

The pool's configuration was defined.

=item Sys::Virt::StoragePool::EVENT_UNDEFINED

The pool's configuration was removed.

=item Sys::Virt::StoragePool::EVENT_STARTED

The pool was started.

=item Sys::Virt::StoragePool::EVENT_STOPPED

The pool was stopped.

=item Sys::Virt::StoragePool::EVENT_CREATED

The pool's storage was built.

=item Sys::Virt::StoragePool::EVENT_DELETED

The pool's storage was deleted.

=back

=head1 DIFFERENCES FROM THE C MODULE

=over 4

=item C<create> and pool creation take flags

The C module documents the C<CREATE_*> constants but its C<create>
takes no flags and C<create_storage_pool> (through C<_create_xml>)
always passes 0. Here C<create($flags)>, C<create_storage_pool($xml,
$flags)> and C<< _new(connection => $conn, xml => $xml, flags =>
$flags) >> pass them on.

=item C<create_volume> takes the clone volume it documents, and flags

The C module's C<create_volume($xml)> ignores the optional
C<$clonevol> its documentation describes, and neither it nor
C<clone_volume> can pass the C<Sys::Virt::StorageVol::CREATE_*> flags.
Here C<create_volume($xml, $clonevol, $flags)> and
C<clone_volume($xml, $clonevol, $flags)> take both.

=item C<destroy> checks its invocant

The C module's C<destroy> takes any scalar as the pool's address, so a
forged object or a plain number crashes the process. Here it croaks like
every other method given something that is not a live pool.

=item C<set_autostart> reads a Perl boolean

The C module reads the flag as an integer, so that C<'yes'> turns
autostart off. Here any true value turns it on.

=item The legacy list and the name lookup are direct calls

C<list_volumes> looks the volumes up in one call of the XS half, and
C<get_volume_by_name> is an XSUB, rather than each going through
C<< Sys::Virt::StorageVol->_new >> (and C<eval>): the results are the
same, in list and scalar context. Argument errors of
C<get_volume_by_name> name it, and extra arguments croak with a usage
message instead of being ignored.

=item C<list_storage_vol_names>' C<maxnames> is optional and checked

As for the other name lists (see L<Sys::Virt/DIFFERENCES FROM THE C
MODULE>): a negative value croaks instead of ending the process with
C<Out of memory!>, and undef or a missing value means every name.

=back

=head1 SEE ALSO

L<Sys::Virt>, L<Sys::Virt::StorageVol>, and libvirt's storage pool XML
format at L<https://libvirt.org/formatstorage.html>.

=head1 LICENSE

This program is free software, distributed under the terms of the GNU
General Public License, version 2.

=cut
