# -*- perl -*-
#
# examples/snapshot-tree.pl on a real hypervisor: an external snapshot
# taken with "take --external" puts the guest's disk on an overlay, and
# "merge" commits the overlay back into the base image, switches the disk
# back to it and drops the snapshot; the refusals of "merge" say why.

use strict;
use warnings;

use FindBin;
use lib "$FindBin::Bin/lib";

use Test::More;
use POSIX ();
use PrivateLibvirtd;
use Crash ();
use Sys::Virt;
BEGIN { Crash::assert_our_build() }

my $d = PrivateLibvirtd->start_or_skip;
PrivateLibvirtd->watchdog(240, '64-qemu-example-merge.t');

my $conn = Sys::Virt->new(uri => $d->uri);
my $disk = $d->make_disk('g64');
my $dom = $conn->define_domain($d->guest_xml('g64', $disk));

# Runs the example with our build first on @INC: (exit code, what it
# printed on stdout and stderr), so that a failure shows the reason.
sub tree {
    my @args = @_;
    my @inc = map { "-I$_" } grep { !ref } @INC;
    my $pid = open(my $fh, '-|') // die "cannot fork: $!";
    unless ($pid) {
        open(STDERR, '>&', \*STDOUT) or POSIX::_exit(126);
        exec($^X, @inc, "$FindBin::Bin/../examples/snapshot-tree.pl", "--uri", $d->uri, "g64", @args)
            or POSIX::_exit(127);
    }
    my $out = do { local $/; <$fh> };
    close $fh;
    return ($? >> 8, $out // '');
}

sub disk_source {
    my ($source) = $dom->get_xml_description =~ m{<disk\b.*?<source file='([^']+)'}s;
    return $source;
}

$dom->create;
my ($rc, $out) = tree('take', 'ext1', '--external');
is($rc, 0, 'take --external exits 0') or diag $out;
like($out, qr/^Took external snapshot 'ext1' of domain 'g64'\.$/m, 'and says what it took');
my $overlay = disk_source();
isnt($overlay, $disk, 'the disk now runs on an overlay');
ok(-e $overlay, 'which exists as a file');
($rc, $out) = tree('tree');
like($out, qr/^ext1 \(\S+ \S+, disk-snapshot\) \*$/m, 'the tree shows the disk-only snapshot as current');

($rc, $out) = tree('merge', 'ext1');
is($rc, 0, 'merge exits 0')
    or diag $out, join '', $dom->get_xml_description =~ m{(<disk\b.*?</disk>)}s;
like($out, qr/^Merged snapshot 'ext1' into the base images \(disks: vda\)\.$/m, 'and says what it merged');
is(disk_source(), $disk, 'the disk runs on its base image again');
is($dom->num_of_snapshots, 0, 'the snapshot is gone');
my ($backing) = $dom->get_xml_description =~ m{<disk\b.*?</disk>}s ? $& =~ m{<backingStore\b[^/]*>.*?<source file='([^']+)'}s : ();
ok(!defined $backing || $backing ne $disk, 'the base image is no longer below an overlay');
is($dom->get_info->{state}, Sys::Virt::Domain::STATE_RUNNING(), 'the guest kept running');

# Refusals.
tree('take', 'ext2', '--external');
tree('take', 'ext3', '--external');
($rc, $out) = tree('merge', 'ext2');
is($rc, 1, 'merging a snapshot that is not the current one exits 1');
like($out, qr/^snapshot-tree: snapshot 'ext2' is not the current one/m, 'and says so');
$dom->destroy;
($rc, $out) = tree('merge', 'ext3');
is($rc, 1, 'merging on a stopped guest exits 1');
like($out, qr/^snapshot-tree: merging needs the domain running$/m, 'and says so');
tree('delete', $_) for qw(ext3 ext2);

$dom->undefine(Sys::Virt::Domain::UNDEFINE_SNAPSHOTS_METADATA());
undef $_ for $dom, $conn;
my @left = $d->stop;
is_deeply(\@left, [], 'daemons and guests stopped: nothing left running');
done_testing();
