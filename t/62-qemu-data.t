# -*- perl -*-
#
# Snapshots keep the data: a known pattern is written into the guest's
# qcow2 image with qemu-io while the guest is off, a snapshot is taken,
# the image is overwritten with another pattern, and after a revert the
# first pattern reads back.  Done for an internal snapshot of the shut-off
# guest, for one with memory state of the running guest, and checked for
# an external disk-only snapshot (the base keeps the old data, the overlay
# has the new).  Private libvirtd + QEMU: see t/lib/PrivateLibvirtd.pm.

use strict;
use warnings;

use FindBin;
use lib "$FindBin::Bin/lib";

use Test::More;
use PrivateLibvirtd;
use Sys::Virt;

my $d = PrivateLibvirtd->start_or_skip;
PrivateLibvirtd->watchdog(240, '62-qemu-data.t');

use constant SNAP => 'Sys::Virt::DomainSnapshot';

my $conn = Sys::Virt->new(uri => $d->uri);
my $disk = $d->make_disk('g62');
my $dom  = $conn->define_domain($d->guest_xml('g62', $disk));

# write/read 64 KiB of one byte value at offset 0 of an image.
sub write_pattern {
    my ($image, $byte, $offset) = @_;
    $offset ||= 0;
    my ($ok, $out) = $d->qemu_io($image, sprintf('write -P 0x%02x %d 64k', $byte, $offset));
    ok($ok, sprintf('qemu-io wrote 0x%02x at %d into %s', $byte, $offset, $image =~ s{.*/}{}r))
        or diag($out);
}

sub reads_pattern {
    my ($image, $byte, $offset) = @_;
    my ($ok) = $d->qemu_io($image, sprintf('read -P 0x%02x %d 64k', $byte, $offset || 0));
    return $ok;
}

sub pattern_is {
    my ($image, $byte, $name, $offset) = @_;
    my ($ok, $out) = $d->qemu_io($image, sprintf('read -P 0x%02x %d 64k', $byte, $offset || 0));
    ok($ok, $name) or diag($out);
}

# --------------------------------------------------------------------------
# Internal snapshot of the shut-off guest
# --------------------------------------------------------------------------

write_pattern($disk, 0xab);
pattern_is($disk, 0xab, 'the image holds 0xab');
my $snap = $dom->create_snapshot('<domainsnapshot><name>pat-ab</name></domainsnapshot>', 0);
is($snap->get_name, 'pat-ab', 'snapshot of the shut-off guest');

write_pattern($disk, 0xcd);
pattern_is($disk, 0xcd, 'after overwriting, the image holds 0xcd');
ok(!reads_pattern($disk, 0xab), '... and no longer 0xab (the check can fail)');

$snap->revert_to(0);
is(($dom->get_state)[0], Sys::Virt::Domain::STATE_SHUTOFF, 'reverted, still shut off');
pattern_is($disk, 0xab, 'after revert_to the first pattern is back');
ok(!reads_pattern($disk, 0xcd), '... and the second one is gone');

# --------------------------------------------------------------------------
# Snapshot with memory state of the running guest
# --------------------------------------------------------------------------

$dom->create;
my $live = $dom->create_snapshot('<domainsnapshot><name>live-ab</name></domainsnapshot>', 0);
like($live->get_xml_description(0), qr{<state>running</state>}, 'snapshot of the running guest');
$dom->destroy;

write_pattern($disk, 0x5a);
pattern_is($disk, 0x5a, 'guest off, image overwritten with 0x5a');

$live->revert_to(0);
is_deeply([$dom->get_state],
    [Sys::Virt::Domain::STATE_RUNNING, Sys::Virt::Domain::STATE_RUNNING_FROM_SNAPSHOT],
    'revert to the running snapshot: running, from snapshot');
$dom->destroy;
pattern_is($disk, 0xab, 'the disk state of the running snapshot is back (0xab)');

# --------------------------------------------------------------------------
# External disk-only snapshot: old data below, new data in the overlay
# --------------------------------------------------------------------------

my $overlay = $d->image_path('g62-ext.qcow2');
write_pattern($disk, 0x11, 1048576);
my $ext = $dom->create_snapshot(
    "<domainsnapshot><name>ext</name><disks><disk name='vda' snapshot='external'>"
        . "<source file='$overlay'/></disk></disks></domainsnapshot>",
    SNAP->CREATE_DISK_ONLY | SNAP->CREATE_ATOMIC);
ok(-f $overlay, 'external disk-only snapshot: overlay made');
pattern_is($overlay, 0x11, 'the overlay reads the base data through its backing file', 1048576);

write_pattern($overlay, 0x22, 1048576);
pattern_is($overlay, 0x22, 'the overlay now reads 0x22', 1048576);
pattern_is($disk, 0x11, 'the base image still holds 0x11', 1048576);
pattern_is($overlay, 0xab, 'untouched areas still come from the base', 0);

# --------------------------------------------------------------------------

$dom->undefine(Sys::Virt::Domain::UNDEFINE_SNAPSHOTS_METADATA);
undef $_ for $snap, $live, $ext, $dom, $conn;
my @left = $d->stop;
is_deeply(\@left, [], 'daemons and guests stopped: nothing left running');
ok(!-e $d->dir, 'private directory removed');

done_testing;
