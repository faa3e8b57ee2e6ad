package Sys::Virt::StorageVol;

use strict;
use warnings;

sub _new {
    my ($proto, %params) = @_;
    my $class = ref($proto) || $proto;
    my $self;
    if (exists $params{name}) {
        my $pool = exists $params{pool} ? $params{pool} : die "pool parameter is required";
        $self = _lookup_by_name($pool, $params{name});
    } elsif (exists $params{key}) {
        my $con = exists $params{connection} ? $params{connection} : die "connection parameter is required";
        $self = _lookup_by_key($con, $params{key});
    } elsif (exists $params{path}) {
        my $con = exists $params{connection} ? $params{connection} : die "connection parameter is required";
        $self = _lookup_by_path($con, $params{path});
    } elsif (exists $params{xml}) {
        my $pool = exists $params{pool} ? $params{pool} : die "pool parameter is required";
        my $flags = $params{flags} || 0;
        $self = $params{clone}
            ? _create_xml_from($pool, $params{xml}, $params{clone}, $flags)
            : _create_xml($pool, $params{xml}, $flags);
    } else {
        die "name, key, path or xml parameters are required";
    }
    return bless $self, $class;
}

1;

__END__

=head1 NAME

Sys::Virt::StorageVol - a libvirt storage volume: one piece of a storage pool

=head1 SYNOPSIS

  use Sys::Virt;

  my $conn = Sys::Virt->new(uri => 'test:///default');
  my $pool = $conn->get_storage_pool_by_name('default-pool');
  my $vol = $pool->create_volume(q{
      <volume>
        <name>data.img</name>
        <capacity unit='MiB'>16</capacity>
      </volume>
  });

  my $info = $vol->get_info;
  printf "%s holds %d bytes\n", $vol->get_path, $info->{capacity};

  # Resizing and wiping need a real storage driver (qemu:///system...).
  $vol->delete;

=head1 DESCRIPTION

A C<Sys::Virt::StorageVol> object stands for one volume of a storage
pool (L<Sys::Virt::StoragePool>): a disk image file, a logical volume,
a partition, an RBD image. Volumes are created and listed through their
pool (C<create_volume>, C<clone_volume>, C<list_all_volumes>,
C<get_volume_by_name>) and found by path or key through the connection
(C<get_storage_volume_by_path>, C<get_storage_volume_by_key> in
L<Sys::Virt>); C<get_storage_pool_by_volume> there gives a volume's
pool.

A volume has a name, unique in its pool; a path, by which guests and
tools reach it on the host; and a key, unique on the host, which stays
the same when the volume is reached by another path.

Every method throws a L<Sys::Virt::Error> when libvirt refuses it (for
instance with code C<Sys::Virt::Error::ERR_NO_STORAGE_VOL> once the
volume has been deleted) and croaks with a plain message when an
argument is unusable (see L<Sys::Virt/ARGUMENTS>). Every flags argument
is optional and defaults to 0.

=head1 METHODS

=over 4

=item my $name = $vol->get_name();

Returns the volume's name, unique in its pool.

=item my $key = $vol->get_key();

Returns the volume's key, unique on the host (for a file, usually its
path).

=item my $path = $vol->get_path();

Returns the path of the volume on the host.

=item my $xml = $vol->get_xml_description($flags);

Returns the volume's XML description: name, key, sizes, and its target
(path, format, permissions). C<$flags> must be 0.

=item my $info = $vol->get_info($flags);

Returns a hash reference with the keys

=over 4

=item type

One of the C<TYPE_*> constants.

=item capacity

The size guests see, in bytes.

=item allocation

The bytes the volume takes on the host: less than C<capacity> for a
sparse file, more when a format adds metadata.

=back

C<$flags> may be C<USE_ALLOCATION> (the default meaning of
C<allocation>) or C<GET_PHYSICAL> (report the size of the file or
device itself in C<allocation>).

=item $vol->resize($capacity, $flags);

Changes the volume's capacity to C<$capacity> bytes (an integer from 0
to 2**64-1). With C<RESIZE_DELTA> the number is added to the current
capacity; with C<RESIZE_SHRINK> as well, it is taken away (shrinking
must always be asked for with C<RESIZE_SHRINK>). C<RESIZE_ALLOCATE>
allocates the new space at once rather than leaving the file sparse.

=item $vol->wipe($flags);

Overwrites the volume's data with zeros, so that whatever it held
cannot be read back through it. C<$flags> must be 0.

=item $vol->wipe_pattern($algorithm, $flags);

Overwrites the volume's data following C<$algorithm>, one of the
C<WIPE_ALG_*> constants (all but C<WIPE_ALG_ZERO> and C<WIPE_ALG_TRIM>
need the C<scrub> program on the host). C<$flags> must be 0.

=item $vol->delete($flags);

Removes the volume and frees its storage. C<$flags> takes the
C<DELETE_*> constants.

=back

=head2 Transferring data

A volume's bytes go in and out through a L<Sys::Virt::Stream> made with
L<C<new_stream>|Sys::Virt/Streams>: the call attaches the stream to the volume,
and the data is then written or read with the stream's methods, which
end with C<< $st->finish >> (or C<< $st->abort >>).

=over 4

=item $vol->upload($st, $offset, $length, $flags);

Attaches C<$st> for writing into the volume from byte C<$offset> on;
C<$length> bytes at most, or up to the end when C<$length> is 0. The
data is then sent with C<send> or C<send_all>. With
C<Sys::Virt::StorageVol::VOL_UPLOAD_SPARSE_STREAM> in C<$flags> the
stream also takes holes (C<send_hole>, C<sparse_send_all>), which are
left unallocated in the volume.

=item $vol->download($st, $offset, $length, $flags);

Attaches C<$st> for reading the volume from byte C<$offset> on;
C<$length> bytes at most, or up to the end when C<$length> is 0. The
data is then read with C<recv> or C<recv_all>. With
C<Sys::Virt::StorageVol::VOL_DOWNLOAD_SPARSE_STREAM> in C<$flags> the
volume's holes come as holes rather than zeros: read them with
C<sparse_recv_all>, or with C<recv> and C<RECV_STOP_AT_HOLE> followed
by C<recv_hole>.

  use Sys::Virt;

  my $conn = Sys::Virt->new(uri => 'qemu:///system');
  my $vol = $conn->get_storage_volume_by_path('/var/lib/libvirt/images/disk.img');
  open my $out, '>:raw', 'disk.copy' or die "disk.copy: $!";
  my $st = $conn->new_stream();
  $vol->download($st, 0, 0);
  $st->recv_all(sub { my (undef, $data, $n) = @_; return syswrite($out, $data, $n) });
  $st->finish();
  close $out or die "disk.copy: $!";

=back

=head1 CONSTANTS

Constants are called with their full name, such as
C<Sys::Virt::StorageVol::TYPE_FILE>; nothing is exported.

=head2 Volume types

The C<type> of C<get_info>.

=over 4

=item Sys::Virt::StorageVol::TYPE_FILE

A regular file.

=item Sys::Virt::StorageVol::TYPE_BLOCK

A block device.

=item Sys::Virt::StorageVol::TYPE_DIR

A directory.

=item Sys::Virt::StorageVol::TYPE_NETWORK

Storage reached over the network (RBD, Gluster, iSCSI direct).

=item Sys::Virt::StorageVol::TYPE_NETDIR

A directory on network storage.

=item Sys::Virt::StorageVol::TYPE_PLOOP

A Virtuozzo ploop image.

=back

=head2 Creating volumes

Flags for C<create_volume> and C<clone_volume> (in
L<Sys::Virt::StoragePool>).

=over 4

=item Sys::Virt::StorageVol::CREATE_PREALLOC_METADATA

Allocate the image format's metadata (such as qcow2's tables) at once.

=item Sys::Virt::StorageVol::CREATE_REFLINK

When cloning, share the source's blocks copy-on-write (a reflink) where
the file system can.

=item Sys::Virt::StorageVol::CREATE_VALIDATE

Check the XML against libvirt's schema first.

=back

=head2 Deleting volumes

Flags for C<delete>.

=over 4

=item Sys::Virt::StorageVol::DELETE_NORMAL

Remove the volume without touching its data first.

=item Sys::Virt::StorageVol::DELETE_ZEROED

Overwrite the volume with zeros before removing it.

=item Sys::Virt::StorageVol::DELETE_WITH_SNAPSHOTS

Remove the volume's snapshots too, where the pool type has them.

=back

=head2 Wiping algorithms

The C<$algorithm> of C<wipe_pattern>.

=over 4

=item Sys::Virt::StorageVol::WIPE_ALG_ZERO

One pass of zeros.

=item Sys::Virt::StorageVol::WIPE_ALG_NNSA

The 4-pass NNSA Policy Letter NAP-14.1-C method.

=item Sys::Virt::StorageVol::WIPE_ALG_DOD

The 4-pass US DoD 5220.22-M method.

=item Sys::Virt::StorageVol::WIPE_ALG_BSI

The 9-pass method of Germany's BSI.

=item Sys::Virt::StorageVol::WIPE_ALG_GUTMANN

Peter Gutmann's 35-pass method.

=item Sys::Virt::StorageVol::WIPE_ALG_SCHNEIER

Bruce Schneier's 7-pass method.

=item Sys::Virt::StorageVol::WIPE_ALG_PFITZNER7

Roy Pfitzner's 7 random passes.

=item Sys::Virt::StorageVol::WIPE_ALG_PFITZNER33

Roy Pfitzner's 33 random passes.

=item Sys::Virt::StorageVol::WIPE_ALG_RANDOM

One pass of random data.

=item Sys::Virt::StorageVol::WIPE_ALG_TRIM

Discard the blocks (trim), where the storage supports it.

=back

=head2 Resizing

Flags for C<resize>.

=over 4

=item Sys::Virt::StorageVol::RESIZE_ALLOCATE

Allocate the added space at once.

=item Sys::Virt::StorageVol::RESIZE_DELTA

The capacity given is a change, not the new size.

=item Sys::Virt::StorageVol::RESIZE_SHRINK

Allow the volume to get smaller (with C<RESIZE_DELTA>: the change is
taken away).

=back

=head2 Volume information

Flags for C<get_info>.

=over 4

=item Sys::Virt::StorageVol::USE_ALLOCATION

Report the allocated bytes in C<allocation>.

=item Sys::Virt::StorageVol::GET_PHYSICAL

Report the physical size of the file or device in C<allocation>.

=back

=head2 Streaming data

Flags for sending a volume's data to or from a L<Sys::Virt::Stream>.

=over 4

=item Sys::Virt::StorageVol::VOL_DOWNLOAD_SPARSE_STREAM

When reading a volume's data, send its holes as holes rather than as
zeros.

=item Sys::Virt::StorageVol::VOL_UPLOAD_SPARSE_STREAM

When writing a volume's data, accept holes and keep them sparse.

=back

=head1 DIFFERENCES FROM THE C MODULE

=over 4

=item C<get_path> frees the path

libvirt hands the path over to its caller; the C module never frees it,
losing its size in memory at every call.

=item C<resize> and C<wipe_pattern> check their numbers

A capacity that is not an integer from 0 to 2**64-1, or an algorithm
that is not one from 0 to 2**32-1 (undef included), croaks; the C
module converts them without checking, so that a capacity of -1
becomes 2**64-1.

=item C<_new> passes C<flags> on

C<< _new(pool => $pool, xml => $xml, flags => $flags) >> (and with
C<< clone => $vol >>) passes the flags to libvirt; the C module always
passed 0.

=back

=head1 SEE ALSO

L<Sys::Virt>, L<Sys::Virt::StoragePool>, and libvirt's storage volume
XML format at L<https://libvirt.org/formatstorage.html#storage-volume-xml>.

=head1 LICENSE

This program is free software, distributed under the terms of the GNU
General Public License, version 2.

=cut
