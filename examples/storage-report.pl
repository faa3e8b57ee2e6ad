#!/usr/bin/perl
#
# Shows the storage of a host: every pool with its state and sizes, and
# the volumes of each active pool with their sizes and paths.
#
#   perl -Mblib examples/storage-report.pl [--demo] [URI]
#
# With --demo, a directory pool "demo" with two volumes (one a clone of
# the other) is made first. The default URI, test:///default, is
# libvirt's built-in test driver: it needs no daemon, keeps its storage in
# memory, and forgets whatever this script changes when it exits.

use strict;
use warnings;

use Sys::Virt;

my $demo = @ARGV && $ARGV[0] eq '--demo' ? shift : undef;
my $uri = shift // 'test:///default';

my %pool_state = (
    Sys::Virt::StoragePool::STATE_INACTIVE()     => 'inactive',
    Sys::Virt::StoragePool::STATE_BUILDING()     => 'building',
    Sys::Virt::StoragePool::STATE_RUNNING()      => 'running',
    Sys::Virt::StoragePool::STATE_DEGRADED()     => 'degraded',
    Sys::Virt::StoragePool::STATE_INACCESSIBLE() => 'inaccessible',
);
my %vol_type = (
    Sys::Virt::StorageVol::TYPE_FILE()    => 'file',
    Sys::Virt::StorageVol::TYPE_BLOCK()   => 'block',
    Sys::Virt::StorageVol::TYPE_DIR()     => 'dir',
    Sys::Virt::StorageVol::TYPE_NETWORK() => 'network',
    Sys::Virt::StorageVol::TYPE_NETDIR()  => 'netdir',
    Sys::Virt::StorageVol::TYPE_PLOOP()   => 'ploop',
);

# Bytes in the largest binary unit that keeps the number at 1 or more.
sub human {
    my $bytes = shift;
    my @units = qw(B KiB MiB GiB TiB PiB);
    my $unit = 0;
    while ($bytes >= 1024 && $unit < $#units) {
        $bytes /= 1024;
        $unit++;
    }
    return $unit ? sprintf('%.1f %s', $bytes, $units[$unit]) : "$bytes B";
}

my $conn = Sys::Virt->new(uri => $uri);

if ($demo) {
    my $pool = $conn->define_storage_pool(
        "<pool type='dir'><name>demo</name><target><path>/demo</path></target></pool>");
    $pool->build;
    $pool->create;
    my $base = $pool->create_volume(
        "<volume><name>base.img</name><capacity unit='MiB'>64</capacity></volume>");
    $pool->clone_volume(
        "<volume><name>copy.img</name><capacity unit='MiB'>64</capacity></volume>", $base);
    print "Made pool 'demo' with base.img and its clone copy.img\n";
}

my @pools = sort { $a->get_name cmp $b->get_name } $conn->list_all_storage_pools;
printf "%d storage pool%s on %s\n", scalar @pools, @pools == 1 ? '' : 's', $conn->get_uri;
for my $pool (@pools) {
    my $info = $pool->get_info;
    printf "\n%s (%s%s%s)\n", $pool->get_name, $pool_state{ $info->{state} } // "state $info->{state}",
        $pool->is_persistent ? '' : ', transient', $pool->get_autostart ? ', autostart' : '';
    next unless $pool->is_active;
    printf "  capacity %s, allocated %s, available %s\n",
        map { human($info->{$_}) } qw(capacity allocation available);
    my @vols = sort { $a->get_name cmp $b->get_name } $pool->list_all_volumes;
    print "  no volumes\n" unless @vols;
    for my $vol (@vols) {
        my $vi = $vol->get_info;
        printf "  %-12s %-5s %10s (%s allocated)  %s\n", $vol->get_name, $vol_type{ $vi->{type} } // $vi->{type},
            human($vi->{capacity}), human($vi->{allocation}), $vol->get_path;
    }
}

# A lookup that fails throws a Sys::Virt::Error.
my $missing = eval { $conn->get_storage_pool_by_name('no-such-pool') };
if (!$missing && ref $@ && $@->code == Sys::Virt::Error::ERR_NO_STORAGE_POOL) {
    print "\nNo pool called 'no-such-pool' (", $@->message, ")\n";
}
