# -*- perl -*-
#
# External snapshots on a real hypervisor (private libvirtd + QEMU, see
# t/lib/PrivateLibvirtd.pm): disk-only snapshots of a shut-off and of a
# running guest (CREATE_DISK_ONLY|CREATE_ATOMIC), CREATE_REUSE_EXT onto an
# overlay made beforehand with qemu-img, CREATE_NO_METADATA, the
# CREATE_QUIESCE and CREATE_LIVE rules, the INTERNAL/EXTERNAL/DISK_ONLY/
# ACTIVE/INACTIVE list filters on a guest that has both kinds, metadata
# removal and redefinition, and deleting external snapshots.

use strict;
use warnings;

use FindBin;
use lib "$FindBin::Bin/lib";

use Test::More;
use PrivateLibvirtd;
use SVTest qw(error_of error_code_is);
use Sys::Virt;

my $d = PrivateLibvirtd->start_or_skip;
PrivateLibvirtd->watchdog(300, '61-qemu-external.t');

use constant SNAP => 'Sys::Virt::DomainSnapshot';



sub names { return join ' ', sort map { $_->get_name } @_ }

my $conn = Sys::Virt->new(uri => $d->uri);
my $base = $d->make_disk('g61');
my $dom  = $conn->define_domain($d->guest_xml('g61', $base));
my $img  = $d->dir . '/images';

# The file the guest's (only) disk reads and writes now.
sub disk_source {
    my ($xml) = @_;
    $xml = $dom->get_xml_description(0) unless defined $xml;
    my ($devices) = $xml =~ m{<devices>(.*?)</devices>}s;
    my ($src) = ($devices || '') =~ m{<disk\b.*?<source file=['"]([^'"]+)['"]}s;
    return $src;
}

sub backing_of {
    my ($file) = @_;
    return $d->image_info($file)->{'backing-filename'};
}

sub external_xml {
    my ($name, $file, $memory) = @_;
    my $mem = defined $memory ? "<memory snapshot='external' file='$memory'/>" : '';
    return "<domainsnapshot><name>$name</name>$mem<disks>"
        . "<disk name='vda' snapshot='external'><source file='$file'/></disk>"
        . "</disks></domainsnapshot>";
}

sub state_of { return ($dom->get_state)[0] }

# --------------------------------------------------------------------------
# Shut-off guest: an internal root, then a disk-only external snapshot
# --------------------------------------------------------------------------

my $root = $dom->create_snapshot('<domainsnapshot><name>base</name></domainsnapshot>', 0);
is($root->get_name, 'base', 'internal snapshot "base" of the shut-off guest');

ok(!-e "$img/e1.qcow2", 'no overlay e1 yet');
my $e1 = $dom->create_snapshot(external_xml('e1', "$img/e1.qcow2"),
    SNAP->CREATE_DISK_ONLY | SNAP->CREATE_ATOMIC);
is($e1->get_name, 'e1', 'DISK_ONLY|ATOMIC on the shut-off guest');
ok(-f "$img/e1.qcow2", 'the overlay file appeared');
is(disk_source(), "$img/e1.qcow2", 'the domain XML now points the disk at the overlay');
is(backing_of("$img/e1.qcow2"), $base, 'the overlay is backed by the original image');
my $e1_xml = $e1->get_xml_description(0);
like($e1_xml, qr{<disk name=['"]vda['"] snapshot=['"]external['"]}, 'snapshot XML: external disk');
is(disk_source($e1_xml), $base, 'the domain saved in the snapshot still used the original image');
is($e1->get_parent->get_name, 'base', 'parent: base');

# --------------------------------------------------------------------------
# Running guest
# --------------------------------------------------------------------------

$dom->create;
is(state_of(), Sys::Virt::Domain::STATE_RUNNING, 'guest started');

my $e2 = $dom->create_snapshot(external_xml('e2', "$img/e2.qcow2"),
    SNAP->CREATE_DISK_ONLY | SNAP->CREATE_ATOMIC);
ok(-f "$img/e2.qcow2", 'DISK_ONLY|ATOMIC on the running guest: overlay made');
is(disk_source(), "$img/e2.qcow2", 'the running guest now writes to it');
is(backing_of("$img/e2.qcow2"), "$img/e1.qcow2", 'on top of e1');
like($e2->get_xml_description(0), qr{<state>disk-snapshot</state>}, 'state: disk-snapshot');
is(state_of(), Sys::Virt::Domain::STATE_RUNNING, 'the guest keeps running');

# CREATE_REUSE_EXT: an overlay made beforehand.
$d->run(qw(qemu-img create -q -f qcow2 -F qcow2 -b), "$img/e2.qcow2", "$img/e3.qcow2");
my $premade_inode = (stat "$img/e3.qcow2")[1];
my $count = $dom->num_of_snapshots;
error_code_is(error_of {
    $dom->create_snapshot(external_xml('e3', "$img/e3.qcow2"), SNAP->CREATE_DISK_ONLY) },
    Sys::Virt::Error::ERR_CONFIG_UNSUPPORTED, 'an existing overlay file without CREATE_REUSE_EXT is refused');
my $e3 = $dom->create_snapshot(external_xml('e3', "$img/e3.qcow2"),
    SNAP->CREATE_DISK_ONLY | SNAP->CREATE_REUSE_EXT);
is($e3->get_name, 'e3', 'CREATE_REUSE_EXT onto the pre-made overlay');
is(disk_source(), "$img/e3.qcow2", 'the guest uses it');
is((stat "$img/e3.qcow2")[1], $premade_inode, 'the very file made by qemu-img (not recreated)');
is($dom->num_of_snapshots, $count + 1, 'one more snapshot');
error_code_is(error_of {
    $dom->create_snapshot(external_xml('e9', "$img/missing.qcow2"),
        SNAP->CREATE_DISK_ONLY | SNAP->CREATE_REUSE_EXT) },
    Sys::Virt::Error::ERR_SYSTEM_ERROR, 'CREATE_REUSE_EXT with no such file');
ok(!-e "$img/missing.qcow2", 'the file was not created');

# CREATE_NO_METADATA
$count = $dom->num_of_snapshots;
my $e4 = $dom->create_snapshot(external_xml('e4', "$img/e4.qcow2"),
    SNAP->CREATE_DISK_ONLY | SNAP->CREATE_NO_METADATA);
is($e4->get_name, 'e4', 'DISK_ONLY|NO_METADATA made a snapshot');
ok(-f "$img/e4.qcow2", 'its overlay exists');
is(disk_source(), "$img/e4.qcow2", 'and the guest writes to it');
is($dom->num_of_snapshots, $count, 'but num_of_snapshots is unchanged');
error_code_is(error_of { $dom->get_snapshot_by_name('e4') },
    Sys::Virt::Error::ERR_NO_DOMAIN_SNAPSHOT, 'and it has no metadata to look up');

# CREATE_QUIESCE needs a guest agent, which this guest does not have.
my $quiesce = error_of {
    $dom->create_snapshot(external_xml('q', "$img/q.qcow2"),
        SNAP->CREATE_DISK_ONLY | SNAP->CREATE_QUIESCE) };
error_code_is($quiesce, Sys::Virt::Error::ERR_ARGUMENT_UNSUPPORTED, 'CREATE_QUIESCE without a guest agent');
like(ref $quiesce ? $quiesce->message : '', qr/guest agent is not configured/, '... says why');
ok(!-e "$img/q.qcow2", 'no overlay was made');
is(disk_source(), "$img/e4.qcow2", 'the disk is unchanged');
is($dom->num_of_snapshots, $count, 'no snapshot');

# CREATE_LIVE: only for snapshots with memory state.
error_code_is(error_of {
    $dom->create_snapshot(external_xml('l', "$img/l.qcow2"), SNAP->CREATE_DISK_ONLY | SNAP->CREATE_LIVE) },
    Sys::Virt::Error::ERR_OPERATION_UNSUPPORTED, 'CREATE_LIVE with CREATE_DISK_ONLY is refused');
ok(!-e "$img/l.qcow2", 'no overlay was made');
my $e6 = $dom->create_snapshot(external_xml('e6', "$img/e6.qcow2", "$img/e6.mem"), SNAP->CREATE_LIVE);
is($e6->get_name, 'e6', 'CREATE_LIVE with external memory and disk');
ok(-s "$img/e6.mem", 'memory saved to its file');
is(disk_source(), "$img/e6.qcow2", 'new overlay in use');
like($e6->get_xml_description(0), qr{<state>running</state>}, 'snapshot state: running');
is(state_of(), Sys::Virt::Domain::STATE_RUNNING, 'the guest is still running');
is($e6->get_parent->get_name, 'e3', 'parent: e3 (e4 has no metadata)');
ok($e6->is_current, 'e6 is current');

# --------------------------------------------------------------------------
# List filters on a guest with internal and external snapshots
# --------------------------------------------------------------------------

my %expect = (
    LIST_INTERNAL  => 'base',
    LIST_EXTERNAL  => 'e1 e2 e3 e6',
    LIST_DISK_ONLY => 'e2 e3',
    LIST_ACTIVE    => 'e6',
    LIST_INACTIVE  => 'base e1',
);
for my $filter (sort keys %expect) {
    my $flag = SNAP->can($filter)->();
    is(names($dom->list_all_snapshots($flag)), $expect{$filter}, "list_all_snapshots($filter)");
    is(join(' ', sort $dom->list_snapshot_names(undef, $flag)), $expect{$filter},
        "list_snapshot_names($filter)");
    is($dom->num_of_snapshots($flag), scalar(split ' ', $expect{$filter}), "num_of_snapshots($filter)");
}
is(names($dom->list_all_snapshots(SNAP->LIST_INTERNAL | SNAP->LIST_EXTERNAL)), 'base e1 e2 e3 e6',
    'INTERNAL|EXTERNAL: all');
is(names($dom->list_all_snapshots(SNAP->LIST_DISK_ONLY | SNAP->LIST_ACTIVE)), 'e2 e3 e6',
    'DISK_ONLY|ACTIVE: union of the two');
is(names($root->list_all_children(SNAP->LIST_DESCENDANTS | SNAP->LIST_DISK_ONLY)), 'e2 e3',
    'descendants of base, disk-only');

# --------------------------------------------------------------------------
# Metadata of an external snapshot: delete it, redefine it
# --------------------------------------------------------------------------

my $saved = $e6->get_xml_description(0);
$count = $dom->num_of_snapshots;
$e6->delete(SNAP->DELETE_METADATA_ONLY);
is($dom->num_of_snapshots, $count - 1, 'DELETE_METADATA_ONLY on e6');
ok(-f "$img/e6.qcow2" && -f "$img/e6.mem", 'its files stay');
is(disk_source(), "$img/e6.qcow2", 'and the guest still writes to its overlay');
ok(!(grep { $_ eq 'e6' } $dom->list_snapshot_names), 'no longer listed');

my $re = $dom->create_snapshot($saved, SNAP->CREATE_REDEFINE | SNAP->CREATE_CURRENT);
is($re->get_name, 'e6', 'REDEFINE|CURRENT from the saved XML');
is($dom->num_of_snapshots, $count, 'count restored');
ok($re->is_current, 'current again');
is($re->get_parent->get_name, 'e3', 'with its parent');
is(names($dom->list_all_snapshots(SNAP->LIST_EXTERNAL)), 'e1 e2 e3 e6', 'listed as external again');
is(names($dom->list_all_snapshots(SNAP->LIST_ACTIVE | SNAP->LIST_EXTERNAL)), 'e6',
    'ACTIVE|EXTERNAL: filters of different groups must both hold');

# --------------------------------------------------------------------------
# Deleting external snapshots
# --------------------------------------------------------------------------

error_code_is(error_of { $e1->delete(SNAP->DELETE_CHILDREN) },
    Sys::Virt::Error::ERR_CONFIG_UNSUPPORTED, 'DELETE_CHILDREN of external disk snapshots is refused');
error_code_is(error_of { $e2->delete(SNAP->DELETE_CHILDREN_ONLY) },
    Sys::Virt::Error::ERR_CONFIG_UNSUPPORTED, 'DELETE_CHILDREN_ONLY too');
is($dom->num_of_snapshots, $count, 'nothing was deleted');

$re->delete(0);
is($dom->num_of_snapshots, $count - 1, 'a leaf external snapshot (e6) deleted');
ok(!-e "$img/e6.qcow2", 'its overlay was merged and removed');
is(disk_source(), "$img/e4.qcow2", 'the guest writes to the overlay below again');
is(state_of(), Sys::Virt::Domain::STATE_RUNNING, 'and keeps running');

$e3->delete(0);
ok(!-e "$img/e3.qcow2", 'e3 (below the overlay without metadata) deleted and merged');
is(backing_of("$img/e4.qcow2"), "$img/e2.qcow2", 'e4 is now backed by e2');

$count = $dom->num_of_snapshots;
$e1->delete(SNAP->DELETE_CHILDREN | SNAP->DELETE_METADATA_ONLY);
is(names($dom->list_all_snapshots), 'base', 'DELETE_CHILDREN|DELETE_METADATA_ONLY: only base left');
ok(-f "$img/e1.qcow2" && -f "$img/e2.qcow2", 'the overlays stay');
is(disk_source(), "$img/e4.qcow2", 'the disk is unchanged');

# A stale object for a snapshot already gone.
error_code_is(error_of { $e2->delete(0) }, Sys::Virt::Error::ERR_NO_DOMAIN_SNAPSHOT,
    'deleting e2 again: no such snapshot');

# --------------------------------------------------------------------------

$dom->destroy;
is(state_of(), Sys::Virt::Domain::STATE_SHUTOFF, 'guest destroyed');
$dom->undefine(Sys::Virt::Domain::UNDEFINE_SNAPSHOTS_METADATA);
error_code_is(error_of { $conn->get_domain_by_name('g61') }, Sys::Virt::Error::ERR_NO_DOMAIN,
    'undefined with its snapshot metadata');

undef $_ for $root, $e1, $e2, $e3, $e4, $e6, $re, $dom, $conn;
my @left = $d->stop;
is_deeply(\@left, [], 'daemons and guests stopped: nothing left running');
ok(!-e $d->dir, 'private directory removed');

done_testing;
