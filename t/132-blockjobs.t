# -*- perl -*-
#
# Jobs and block jobs on a real hypervisor (private libvirtd, QEMU, a
# guest that boots nothing).  Data goes into images with qemu-io while no
# guest holds them, and is read back after each job:
#   - an external disk-only snapshot onto an overlay holding new data,
#     then block_commit ACTIVE and a pivot: the overlay leaves the XML and
#     its data is in the base;
#   - block_pull and block_rebase flatten an overlay: the backing file
#     goes, the base's data is in the overlay;
#   - block_copy (with its typed tuning parameters) and a pivot onto the
#     copy, which holds every byte;
#   - get_block_job_info shows a slow job's progress and bandwidth,
#     set_block_job_speed changes it, abort_block_job stops it;
#   - backup_begin to a file target, with and without a checkpoint; the
#     target holds the disk's data; get_job_info / get_job_stats /
#     abort_job around it.

use strict;
use warnings;

use FindBin;
use lib "$FindBin::Bin/lib";

use Test::More;
use Time::HiRes qw(sleep time);
use Crash ();
use Sys::Virt;
BEGIN { Crash::assert_our_build() }
use PrivateLibvirtd;
use SVTest qw(error_of error_code_is croaks_ok);

my $d = PrivateLibvirtd->start_or_skip;
PrivateLibvirtd->watchdog(88, '132-blockjobs.t');

my $conn = Sys::Virt->new(uri => $d->uri);
my $dir = $d->dir;

sub pattern_ok {
    my ($image, $byte, $offset, $len, $name) = @_;
    my ($ok, $out) = $d->qemu_io($image, sprintf('read -P 0x%02x %s %s', $byte, $offset, $len));
    ok($ok, $name) or diag $out;
}

sub write_ok {
    my ($image, $byte, $offset, $len) = @_;
    my ($ok, $out) = $d->qemu_io($image, sprintf('write -P 0x%02x %s %s', $byte, $offset, $len));
    ok($ok, sprintf('0x%02x written at %s of %s', $byte, $offset, $image =~ s{.*/}{}r)) or diag $out;
}

sub overlay {
    my ($name, $backing) = @_;
    return $d->make_disk($name, backing => $backing);
}

sub source_of {
    my ($dom) = @_;
    my ($src) = $dom->get_xml_description =~ m{<disk[^>]*device='disk'.*?<source file='([^']+)'}s;
    return $src;
}

# Waits until the job on vda is gone (or READY, for a mirror), returns the last info.
sub wait_job {
    my ($dom, $until_ready, $what) = @_;
    my $deadline = time + 30;
    my $info;
    while (time < $deadline) {
        $info = $dom->get_block_job_info('vda');
        return $info if !$info->{type};
        return $info if $until_ready && $info->{end} && $info->{cur} == $info->{end};
        sleep 0.05;
    }
    fail("$what did not finish within 30 s");
    return $info;
}

sub snapshot_onto {
    my ($dom, $file) = @_;
    $dom->create_snapshot(
        "<domainsnapshot><disks><disk name='vda' snapshot='external'><driver type='qcow2'/>"
        . "<source file='$file'/></disk></disks></domainsnapshot>",
        Sys::Virt::DomainSnapshot::CREATE_DISK_ONLY() | Sys::Virt::DomainSnapshot::CREATE_REUSE_EXT()
        | Sys::Virt::DomainSnapshot::CREATE_NO_METADATA());
}

# ------------------------------------------------------------ commit

my $base = $d->make_disk('b132', size => '16M');
write_ok($base, 0x11, 0, '4M');
my $ov = overlay('ov132', $base);
write_ok($ov, 0x22, '1M', '64k');     # data the commit must carry down
my $dom = $conn->define_domain($d->guest_xml('g132', $base));
$dom->create;

my $info = $dom->get_block_job_info('vda');
is_deeply($info, { type => 0, bandwidth => 0, cur => 0, end => 0 }, 'no block job: all zeros');
my @stats = $dom->get_job_stats;
is(scalar @stats, 2, 'get_job_stats returns two values');
is($stats[0], Sys::Virt::Domain::JOB_NONE(), 'the job type is a plain number: JOB_NONE');
is(ref $stats[1], 'HASH', 'and the stats a hash reference');
my $ji = $dom->get_job_info;
is($ji->{type}, Sys::Virt::Domain::JOB_NONE(), 'get_job_info: no job');
is_deeply([sort keys %$ji], [sort qw(type timeElapsed timeRemaining dataTotal dataProcessed dataRemaining
    memTotal memProcessed memRemaining fileTotal fileProcessed fileRemaining)], 'get_job_info keys');
error_code_is(error_of { $dom->abort_job }, Sys::Virt::Error::ERR_OPERATION_INVALID(), 'abort_job without a job');
error_code_is(error_of { $dom->abort_block_job('vda') }, Sys::Virt::Error::ERR_INVALID_ARG(),
    'abort_block_job without a job');

snapshot_onto($dom, $ov);
is(source_of($dom), $ov, 'the guest now writes to the overlay');
like($dom->get_xml_description, qr{<backingStore type='file'[^>]*>\s*<format type='qcow2'/>\s*<source file='\Q$base\E'/>}s,
    'with the base behind it');

$dom->block_commit('vda', undef, undef, 0, Sys::Virt::Domain::BLOCK_COMMIT_ACTIVE());
$info = wait_job($dom, 1, 'active commit');
is($info->{type}, Sys::Virt::Domain::BLOCK_JOB_TYPE_ACTIVE_COMMIT(), 'get_block_job_info: an active commit');
ok($info->{end} > 0 && $info->{cur} == $info->{end}, "it is ready ($info->{cur} of $info->{end})");
$dom->abort_block_job('vda', Sys::Virt::Domain::BLOCK_JOB_ABORT_PIVOT());
wait_job($dom, 0, 'pivot');
is(source_of($dom), $base, 'after the pivot the guest writes to the base again');
unlike($dom->get_xml_description, qr{\Q$ov\E}, 'the overlay is gone from the XML');

# ------------------------------------------------------------ pull, rebase

my $ov2 = overlay('ov132b', $base);
snapshot_onto($dom, $ov2);
is(source_of($dom), $ov2, 'a new overlay');
$dom->block_pull('vda', 0);
wait_job($dom, 0, 'block pull');
unlike($dom->get_xml_description, qr{<backingStore type='file'}, 'block_pull: no backing file in the XML');

my $ov3 = overlay('ov132c', $ov2);
snapshot_onto($dom, $ov3);
$dom->block_rebase('vda', undef, 0);
wait_job($dom, 0, 'block rebase');
is(source_of($dom), $ov3, 'block_rebase keeps the top image');
unlike($dom->get_xml_description, qr{<backingStore type='file'}, 'and flattens the chain');

# ------------------------------------------------------------ progress, speed, abort

my $ov4 = overlay('ov132d', $ov3);
snapshot_onto($dom, $ov4);
$dom->block_pull('vda', 1);        # 1 MiB/s: 16 MiB to go
$info = $dom->get_block_job_info('vda');
is($info->{type}, Sys::Virt::Domain::BLOCK_JOB_TYPE_PULL(), 'a slow pull is running');
is($info->{bandwidth}, 1, 'at 1 MiB/s');
ok($info->{end} > 0 && $info->{cur} < $info->{end}, "it reports progress ($info->{cur} of $info->{end})");
$dom->set_block_job_speed('vda', 2);
is($dom->get_block_job_info('vda')->{bandwidth}, 2, 'set_block_job_speed: 2 MiB/s');
$dom->set_block_job_speed('vda', 3 << 20, Sys::Virt::Domain::BLOCK_JOB_SPEED_BANDWIDTH_BYTES());
is($dom->get_block_job_info('vda', Sys::Virt::Domain::BLOCK_JOB_INFO_BANDWIDTH_BYTES())->{bandwidth}, 3 << 20,
    'in bytes, both ways');
is($dom->abort_block_job('vda'), undef, 'abort_block_job');
is(wait_job($dom, 0, 'abort')->{type}, 0, 'the job is gone');
like($dom->get_xml_description, qr{<backingStore type='file'[^>]*>\s*<format type='qcow2'/>\s*<source file='\Q$ov3\E'/>}s,
    'the aborted pull left the backing file');

# ------------------------------------------------------------ copy

my $copy = "$dir/images/copy132.qcow2";
$dom->block_copy('vda', "<disk type='file'><driver type='qcow2'/><source file='$copy'/></disk>",
    { Sys::Virt::Domain::BLOCK_COPY_BANDWIDTH() => 64 << 20,
      Sys::Virt::Domain::BLOCK_COPY_GRANULARITY() => 65536,
      Sys::Virt::Domain::BLOCK_COPY_BUF_SIZE() => 1 << 20 },
    Sys::Virt::Domain::BLOCK_COPY_TRANSIENT_JOB());
$info = wait_job($dom, 1, 'block copy');
is($info->{type}, Sys::Virt::Domain::BLOCK_JOB_TYPE_COPY(), 'block_copy runs, with typed tuning parameters');
$dom->abort_block_job('vda', Sys::Virt::Domain::BLOCK_JOB_ABORT_PIVOT());
wait_job($dom, 0, 'copy pivot');
is(source_of($dom), $copy, 'after the pivot the guest uses the copy');

# ------------------------------------------------------------ backup

my $target = "$dir/images/backup132.qcow2";
$dom->backup_begin("<domainbackup mode='push'><disks><disk name='vda' type='file'>"
    . "<driver type='qcow2'/><target file='$target'/></disk></disks></domainbackup>",
    '<domaincheckpoint><name>bk1</name></domaincheckpoint>');
# A 16 MiB backup may be over before the next call.
my $bxml = eval { $dom->backup_get_xml_description };
if (defined $bxml) {
    like($bxml, qr{<domainbackup mode='push'>.*\Q$target\E}s, 'backup_get_xml_description during the backup');
} else {
    error_code_is($@, Sys::Virt::Error::ERR_NO_DOMAIN_BACKUP(), 'backup_get_xml_description: the backup was already over');
}
my $deadline = time + 30;
my @js;
while (time < $deadline) {
    @js = $dom->get_job_stats;
    last if $js[0] == Sys::Virt::Domain::JOB_NONE();
    sleep 0.05;
}
is($js[0], Sys::Virt::Domain::JOB_NONE(), 'the backup job ends');
my @done = $dom->get_job_stats(Sys::Virt::Domain::JOB_STATS_COMPLETED());
is($done[0], Sys::Virt::Domain::JOB_COMPLETED(), 'JOB_STATS_COMPLETED: it completed');
is($done[1]{Sys::Virt::Domain::JOB_OPERATION()}, Sys::Virt::Domain::JOB_OPERATION_BACKUP(), 'it was a backup');
ok(defined $done[1]{Sys::Virt::Domain::JOB_TIME_ELAPSED()}, 'with its elapsed time');
is($dom->get_checkpoint_by_name('bk1')->get_name, 'bk1', 'the checkpoint made with the backup');
error_code_is(error_of { $dom->backup_get_xml_description }, Sys::Virt::Error::ERR_NO_DOMAIN_BACKUP(),
    'no backup to describe afterwards');

# ------------------------------------------------------------ bad input

sub open_fds {
    opendir(my $dh, '/proc/self/fd') or return -1;
    return scalar grep { /^\d+$/ } readdir $dh;
}
my $fds = open_fds();
croaks_ok(sub { $dom->block_pull('vda', -1) }, qr/bandwidth/, 'a negative bandwidth');
croaks_ok(sub { $dom->block_pull('vda') }, qr/^Usage: Sys::Virt::Domain::block_pull\(dom, path, bandwidth, flags=0\)/,
    'block_pull without a bandwidth');
croaks_ok(sub { $dom->block_copy('vda', '<disk/>', { Sys::Virt::Domain::BLOCK_COPY_GRANULARITY() => 'lots' }) },
    qr/parameter 'granularity' must be an integer/, 'a non-numeric copy parameter');
croaks_ok(sub { $dom->block_copy('vda', '<disk/>', 'not a hash') }, qr/hash reference/, 'a string for the copy parameters');
isa_ok(error_of { $dom->block_commit('nope', undef, undef, 0) }, 'Sys::Virt::Error', 'commit of an unknown disk');
isa_ok(error_of { $dom->get_block_job_info('nope') }, 'Sys::Virt::Error', 'job info of an unknown disk');
isa_ok(error_of { $dom->backup_begin('<domainbackup') }, 'Sys::Virt::Error', 'malformed backup XML');
isa_ok(error_of { $dom->block_copy('vda', "<disk type='file'><source file='$dir/no/such/dir/x'/></disk>", {},
    Sys::Virt::Domain::BLOCK_COPY_TRANSIENT_JOB()) }, 'Sys::Virt::Error', 'a copy into a missing directory');
isa_ok(error_of { $dom->block_rebase('vda', "$dir/not-in-the-chain.qcow2", 0) }, 'Sys::Virt::Error',
    'a rebase onto an image outside the chain');
isa_ok(error_of { $dom->set_block_job_speed('vda', 1) }, 'Sys::Virt::Error', 'the speed of no job');
is(open_fds(), $fds, 'no file descriptor leaked by the refused calls');

$dom->destroy;
pattern_ok($copy, 0x11, 0, '1M', 'the copy holds the base\'s data');
pattern_ok($copy, 0x22, '1M', '64k', 'and the data committed from the first overlay');
pattern_ok($base, 0x22, '1M', '64k', 'block_commit put the overlay\'s data into the base');
pattern_ok($target, 0x11, 0, '1M', 'the backup target holds the disk\'s data');
pattern_ok($target, 0x22, '1M', '64k', 'all of it');
is($d->image_info($ov2)->{'backing-filename'}, undef, 'block_pull left the overlay without a backing file');
pattern_ok($ov2, 0x11, 0, '1M', 'and with the base\'s data');
$dom->get_checkpoint_by_name('bk1')->delete(Sys::Virt::DomainCheckpoint::DELETE_METADATA_ONLY());
$dom->undefine;

done_testing;
