# -*- perl -*-
#
# Internal snapshots on a real hypervisor: a private libvirtd with the
# QEMU driver (KVM when /dev/kvm is usable, TCG otherwise) and one tiny
# guest that boots nothing.  Covers snapshots of a shut-off and of a
# running guest, reverting to running and paused states, the flags that
# only a real driver honours (NO_METADATA, DELETE_METADATA_ONLY +
# REDEFINE, CURRENT, LIVE, QUIESCE), the ACTIVE/INACTIVE/INTERNAL/
# EXTERNAL/DISK_ONLY list filters, deleting subtrees, stale snapshot
# objects and undefining a guest that has snapshots.

use strict;
use warnings;

use FindBin;
use lib "$FindBin::Bin/lib";

use Test::More;
use PrivateLibvirtd;
use SVTest qw(error_of error_code_is);
use Sys::Virt;

my $d = PrivateLibvirtd->start_or_skip;
PrivateLibvirtd->watchdog(300, '60-qemu-snapshots.t');

use constant {
    SNAP => 'Sys::Virt::DomainSnapshot',
    DOM  => 'Sys::Virt::Domain',
};

my %STATE_NAME = (
    Sys::Virt::Domain::STATE_RUNNING() => 'running',
    Sys::Virt::Domain::STATE_PAUSED()  => 'paused',
    Sys::Virt::Domain::STATE_SHUTOFF() => 'shutoff',
);

sub state_is {
    my ($dom, $state, $reason, $name) = @_;
    my @got = $dom->get_state;
    is_deeply(\@got, [$state, $reason], $name)
        or diag("state $got[0] (" . ($STATE_NAME{ $got[0] } || '?') . "), reason $got[1]");
}

sub snap_xml {
    my ($name, $body) = @_;
    return "<domainsnapshot><name>$name</name>" . ($body || '') . "</domainsnapshot>";
}



sub names { return join ' ', sort map { $_->get_name } @_ }

my $conn = Sys::Virt->new(uri => $d->uri);
is($conn->get_type, 'QEMU', 'connected to the QEMU driver of the private daemon');
note('guest domain type: ' . $d->domain_type);

my $disk = $d->make_disk('g60');
my $dom  = $conn->define_domain($d->guest_xml('g60', $disk));
isa_ok($dom, DOM);

# --------------------------------------------------------------------------
# A shut-off guest
# --------------------------------------------------------------------------

my @defined_state = $dom->get_state;
is($defined_state[0], Sys::Virt::Domain::STATE_SHUTOFF, 'a defined guest starts shut off');

my $off = $dom->create_snapshot(snap_xml('off1'), 0);
isa_ok($off, SNAP, 'snapshot of the shut-off guest');
is($off->get_name, 'off1', 'its name');
like($off->get_xml_description(0), qr{<state>shutoff</state>}, 'its XML says shutoff');
is($dom->num_of_snapshots, 1, 'one snapshot');
ok($off->is_current, 'it is the current snapshot');
ok($off->has_metadata, 'it has metadata');
is_deeply([$d->image_snapshots($disk)], ['off1'], 'qemu-img sees it inside the qcow2 image');

$off->revert_to(0);
state_is($dom, @defined_state,
    'reverting a shut-off guest to a shut-off snapshot leaves its state and reason');

$off->revert_to(SNAP->REVERT_RUNNING);
state_is($dom, Sys::Virt::Domain::STATE_RUNNING, Sys::Virt::Domain::STATE_RUNNING_BOOTED,
    'REVERT_RUNNING to a snapshot without memory state boots the guest');

# --------------------------------------------------------------------------
# A running guest: snapshots with memory state
# --------------------------------------------------------------------------

my $run = $dom->create_snapshot(snap_xml('run1'), 0);
is($run->get_name, 'run1', 'snapshot of the running guest');
my $run_xml = $run->get_xml_description(0);
like($run_xml, qr{<state>running</state>}, 'its XML says running');
like($run_xml, qr{<memory snapshot=['"]internal['"]}, 'memory state saved internally');
is($run->get_parent->get_name, 'off1', 'its parent is the snapshot reverted to');
ok($run->is_current, 'the new snapshot is current');
ok(!$off->is_current, 'the old one no longer is');
is_deeply([$d->image_snapshots($disk)], [qw(off1 run1)], 'both are in the image');

$dom->destroy;
state_is($dom, Sys::Virt::Domain::STATE_SHUTOFF, Sys::Virt::Domain::STATE_SHUTOFF_DESTROYED,
    'guest destroyed');

$run->revert_to(0);
state_is($dom, Sys::Virt::Domain::STATE_RUNNING, Sys::Virt::Domain::STATE_RUNNING_FROM_SNAPSHOT,
    'revert of a shut-off guest to a running snapshot: running, from snapshot');

$run->revert_to(SNAP->REVERT_PAUSED);
state_is($dom, Sys::Virt::Domain::STATE_PAUSED, Sys::Virt::Domain::STATE_PAUSED_FROM_SNAPSHOT,
    'REVERT_PAUSED: paused, from snapshot');

$run->revert_to(SNAP->REVERT_RUNNING);
state_is($dom, Sys::Virt::Domain::STATE_RUNNING, Sys::Virt::Domain::STATE_RUNNING_FROM_SNAPSHOT,
    'REVERT_RUNNING from paused: running, from snapshot');

error_code_is(error_of { $run->revert_to(SNAP->REVERT_RUNNING | SNAP->REVERT_PAUSED) },
    Sys::Virt::Error::ERR_INVALID_ARG, 'REVERT_RUNNING|REVERT_PAUSED is refused');
state_is($dom, Sys::Virt::Domain::STATE_RUNNING, Sys::Virt::Domain::STATE_RUNNING_FROM_SNAPSHOT,
    '... and the guest is left alone');

$dom->suspend;
my $paused = $dom->create_snapshot(snap_xml('paused1'), 0);
like($paused->get_xml_description(0), qr{<state>paused</state>}, 'snapshot of a paused guest');
$dom->resume;
state_is($dom, Sys::Virt::Domain::STATE_RUNNING, Sys::Virt::Domain::STATE_RUNNING_UNPAUSED,
    'guest resumed');
$paused->revert_to(0);
state_is($dom, Sys::Virt::Domain::STATE_PAUSED, Sys::Virt::Domain::STATE_PAUSED_FROM_SNAPSHOT,
    'reverting to a paused snapshot without flags: paused, from snapshot');

$off->revert_to(0);
state_is($dom, Sys::Virt::Domain::STATE_SHUTOFF, Sys::Virt::Domain::STATE_SHUTOFF_FROM_SNAPSHOT,
    'reverting an active guest to a shut-off snapshot: shut off, from snapshot');
ok($off->is_current, 'the snapshot reverted to becomes current');

$off->revert_to(SNAP->REVERT_PAUSED);
state_is($dom, Sys::Virt::Domain::STATE_PAUSED, Sys::Virt::Domain::STATE_PAUSED_USER,
    'REVERT_PAUSED to a snapshot without memory state: started paused');

$run->revert_to(0);
state_is($dom, Sys::Virt::Domain::STATE_RUNNING, Sys::Virt::Domain::STATE_RUNNING_FROM_SNAPSHOT,
    'back to the running snapshot');

# --------------------------------------------------------------------------
# Flags the QEMU driver refuses for internal snapshots
# --------------------------------------------------------------------------

my $count = $dom->num_of_snapshots;
is($count, 3, 'three snapshots so far');
error_code_is(error_of { $dom->create_snapshot(snap_xml('live'), SNAP->CREATE_LIVE) },
    Sys::Virt::Error::ERR_OPERATION_UNSUPPORTED, 'CREATE_LIVE: not for internal snapshots');
error_code_is(error_of { $dom->create_snapshot(snap_xml('quiesce'), SNAP->CREATE_QUIESCE) },
    Sys::Virt::Error::ERR_INVALID_ARG, 'CREATE_QUIESCE without CREATE_DISK_ONLY');
error_code_is(error_of { $dom->create_snapshot(snap_xml('cur'), SNAP->CREATE_CURRENT) },
    Sys::Virt::Error::ERR_INVALID_ARG, 'CREATE_CURRENT without CREATE_REDEFINE');
is($dom->num_of_snapshots, $count, 'no snapshot was made by the refused calls');
is_deeply([$d->image_snapshots($disk)], [qw(off1 paused1 run1)], 'nor in the image');

# --------------------------------------------------------------------------
# CREATE_NO_METADATA
# --------------------------------------------------------------------------

my $nometa = $dom->create_snapshot(snap_xml('nometa'), SNAP->CREATE_NO_METADATA);
isa_ok($nometa, SNAP, 'CREATE_NO_METADATA still returns an object');
is($nometa->get_name, 'nometa', 'named as asked');
is($dom->num_of_snapshots, $count, 'num_of_snapshots unchanged');
ok(!(grep { $_ eq 'nometa' } $dom->list_snapshot_names), 'not listed');
ok((grep { $_ eq 'nometa' } $d->image_snapshots($disk)), 'but the snapshot is in the image');
error_code_is(error_of { $dom->get_snapshot_by_name('nometa') },
    Sys::Virt::Error::ERR_NO_DOMAIN_SNAPSHOT, 'lookup by name fails');
error_code_is(error_of { $nometa->has_metadata },
    Sys::Virt::Error::ERR_NO_DOMAIN_SNAPSHOT, 'the object itself finds no metadata either');
is($dom->current_snapshot->get_name, 'run1', 'current snapshot unchanged');

# --------------------------------------------------------------------------
# DELETE_METADATA_ONLY, then CREATE_REDEFINE (+ CREATE_CURRENT)
# --------------------------------------------------------------------------

my $saved = $run->get_xml_description(0);
$run->delete(SNAP->DELETE_METADATA_ONLY);
is($dom->num_of_snapshots, $count - 1, 'DELETE_METADATA_ONLY: one snapshot less');
error_code_is(error_of { $dom->get_snapshot_by_name('run1') },
    Sys::Virt::Error::ERR_NO_DOMAIN_SNAPSHOT, 'run1 can no longer be looked up');
ok((grep { $_ eq 'run1' } $d->image_snapshots($disk)), 'its data stays in the image');
is($dom->current_snapshot->get_name, 'off1', 'the current snapshot moved to its parent');

my $redef = $dom->create_snapshot($saved, SNAP->CREATE_REDEFINE);
is($redef->get_name, 'run1', 'CREATE_REDEFINE from the saved XML');
is($dom->num_of_snapshots, $count, 'the count is back');
is($redef->get_parent->get_name, 'off1', 'with its parent');
ok(!$redef->is_current, 'redefined without CREATE_CURRENT: not current');

$redef = $dom->create_snapshot($saved, SNAP->CREATE_REDEFINE | SNAP->CREATE_CURRENT);
ok($redef->is_current, 'redefined again with CREATE_CURRENT: current');
is($dom->current_snapshot->get_name, 'run1', 'current_snapshot agrees');

$dom->destroy;
$redef->revert_to(0);
state_is($dom, Sys::Virt::Domain::STATE_RUNNING, Sys::Virt::Domain::STATE_RUNNING_FROM_SNAPSHOT,
    'the redefined snapshot reverts (its memory state was kept)');
$run = $redef;

# --------------------------------------------------------------------------
# List filters that only a real driver tells apart
# --------------------------------------------------------------------------

my %expect = (
    LIST_ACTIVE    => 'paused1 run1',
    LIST_INACTIVE  => 'off1',
    LIST_INTERNAL  => 'off1 paused1 run1',
    LIST_EXTERNAL  => '',
    LIST_DISK_ONLY => '',
    LIST_ROOTS     => 'off1',
);
for my $filter (sort keys %expect) {
    my $flag = SNAP->can($filter)->();
    is(names($dom->list_all_snapshots($flag)), $expect{$filter}, "list_all_snapshots($filter)");
    is(join(' ', sort $dom->list_snapshot_names(undef, $flag)), $expect{$filter},
        "list_snapshot_names($filter)");
    my @n = split ' ', $expect{$filter};
    is($dom->num_of_snapshots($flag), scalar(@n), "num_of_snapshots($filter)");
}
is(names($dom->list_all_snapshots(SNAP->LIST_ACTIVE | SNAP->LIST_INACTIVE)), 'off1 paused1 run1',
    'ACTIVE|INACTIVE: all of them');

# --------------------------------------------------------------------------
# A snapshot deleted through another connection
# --------------------------------------------------------------------------

{
    my $other = Sys::Virt->new(uri => $d->uri);
    $other->get_domain_by_name('g60')->get_snapshot_by_name('paused1')->delete(0);
}
error_code_is(error_of { $paused->delete(0) }, Sys::Virt::Error::ERR_NO_DOMAIN_SNAPSHOT,
    'deleting a snapshot already deleted elsewhere');
error_code_is(error_of { $paused->get_xml_description(0) }, Sys::Virt::Error::ERR_NO_DOMAIN_SNAPSHOT,
    'its XML is gone too');
my $stale = error_of { $paused->revert_to(0) };
error_code_is($stale, Sys::Virt::Error::ERR_NO_DOMAIN_SNAPSHOT, 'and it cannot be reverted to');
is(ref $stale && $stale->domain, Sys::Virt::Error::FROM_QEMU, 'raised by the QEMU driver');
is($paused->get_name, 'paused1', 'the stale object still knows its name');
ok(!(grep { $_ eq 'paused1' } $d->image_snapshots($disk)), 'the image no longer has it');
state_is($dom, Sys::Virt::Domain::STATE_RUNNING, Sys::Virt::Domain::STATE_RUNNING_FROM_SNAPSHOT,
    'the guest was not touched');

# --------------------------------------------------------------------------
# DELETE_CHILDREN_ONLY and DELETE_CHILDREN (running guest)
# --------------------------------------------------------------------------

my $c1 = $dom->create_snapshot(snap_xml('c1'), 0);
my $c2 = $dom->create_snapshot(snap_xml('c2'), 0);
is($c2->get_parent->get_name, 'c1', 'c2 is a child of c1');
is($run->num_of_child_snapshots, 1, 'run1 has one child');
is($off->num_of_child_snapshots(SNAP->LIST_DESCENDANTS), 3, 'off1 has three descendants');

$run->delete(SNAP->DELETE_CHILDREN_ONLY);
is(join(' ', sort $dom->list_snapshot_names), 'off1 run1', 'DELETE_CHILDREN_ONLY: run1 stays, c1 and c2 go');
is($run->num_of_child_snapshots, 0, 'run1 has no child left');
is_deeply([grep { /^c\d/ } $d->image_snapshots($disk)], [], 'the image lost c1 and c2');

$dom->create_snapshot(snap_xml('c3'), 0);
$off->delete(SNAP->DELETE_CHILDREN);
is($dom->num_of_snapshots, 0, 'DELETE_CHILDREN on the root: everything with metadata is gone');
ok(!$dom->has_current_snapshot, 'no current snapshot');
is_deeply([$d->image_snapshots($disk)], ['nometa'],
    'only the snapshot without metadata is left in the image');
# (QEMU pauses the guest around internal snapshot operations, hence the
# "unpaused" reason.)
state_is($dom, Sys::Virt::Domain::STATE_RUNNING, Sys::Virt::Domain::STATE_RUNNING_UNPAUSED,
    'the guest keeps running');

# --------------------------------------------------------------------------
# Undefining a guest that has snapshots
# --------------------------------------------------------------------------

$dom->destroy;
$dom->create_snapshot(snap_xml('last'), 0);
error_code_is(error_of { $dom->undefine(0) }, Sys::Virt::Error::ERR_OPERATION_INVALID,
    'undefine without UNDEFINE_SNAPSHOTS_METADATA is refused');
ok(eval { $conn->get_domain_by_name('g60') }, 'the guest is still defined');
$dom->undefine(Sys::Virt::Domain::UNDEFINE_SNAPSHOTS_METADATA);
error_code_is(error_of { $conn->get_domain_by_name('g60') }, Sys::Virt::Error::ERR_NO_DOMAIN,
    'UNDEFINE_SNAPSHOTS_METADATA: the guest is gone');
is_deeply([$d->image_snapshots($disk)], [qw(last nometa)],
    'the snapshots themselves stay in the image (only metadata was dropped)');

# --------------------------------------------------------------------------

undef $_ for $off, $run, $redef, $paused, $nometa, $c1, $c2, $dom, $conn;
my @left = $d->stop;
is_deeply(\@left, [], 'daemons and guests stopped: nothing left running');
ok(!-e $d->dir, 'private directory removed');

done_testing;
