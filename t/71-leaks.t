# -*- perl -*-
#
# Nothing leaks: the resident memory of this process (/proc/self/statm)
# stays flat over long loops of creating, looking up, listing and dropping
# objects, and of failing calls (libvirt errors become Sys::Virt::Error
# objects, our own argument checks croak).
#
# Each workload runs a warm-up first (caches, arenas and the test driver's
# own tables reach their steady size), then N iterations in two halves;
# the smaller growth of the resident set over a half, scaled to 100,000
# iterations, must stay under $LIMIT. A leak of 20 bytes per iteration
# would already exceed it. Workloads that make libvirt parse XML (define, create
# snapshots) are slower and run fewer iterations, scaled the same way.
#
# The first check proves the measurement can fail: a workload that keeps
# ~100 bytes per iteration must be reported as growing.

use strict;
use warnings;

use FindBin;
use lib "$FindBin::Bin/lib";

use POSIX ();
use Test::More;
use Time::HiRes ();

use Crash ();
use Sys::Virt;
BEGIN { Crash::assert_our_build() }

plan skip_all => 'needs /proc/self/statm (Linux) to read the resident set size'
    unless -r '/proc/self/statm';

my $URI = 'test:///default';
my $LIMIT = 2 * 1024 * 1024;    # bytes of growth allowed per 100k iterations
my $PAGE = POSIX::sysconf(POSIX::_SC_PAGESIZE()) || 4096;

sub rss {
    open my $fh, '<', '/proc/self/statm' or die "cannot read /proc/self/statm: $!";
    my @f = split ' ', scalar <$fh>;
    return $f[1] * $PAGE;
}

my %growth;

# Runs $code $n times after a warm-up, in two halves; returns the growth
# per 100k iterations, in bytes, of the half that grew less. A leak grows
# both halves alike; a one-off allocation (a buffer reaching its final
# size, a malloc arena being extended) shows in one half only.
sub measure {
    my ($name, $n, $code) = @_;
    my $warm = $n < 20_000 ? int($n / 2) : 10_000;
    my $half = int($n / 2);
    $code->() for 1 .. $warm;
    my $t0 = Time::HiRes::time();
    my $r0 = rss();
    $code->() for 1 .. $half;
    my $r1 = rss();
    $code->() for 1 .. $half;
    my $r2 = rss();
    my $elapsed = Time::HiRes::time() - $t0;
    my ($g1, $g2) = ($r1 - $r0, $r2 - $r1);
    my $grown = $g1 < $g2 ? $g1 : $g2;
    my $per100k = $grown * 100_000 / $half;
    $growth{$name} = $per100k;
    note sprintf '%-45s %7d iterations in %5.2fs: halves %+6.0f KB, %+6.0f KB; %+8.0f KB per 100k',
        $name, 2 * $half, $elapsed, $g1 / 1024, $g2 / 1024, $per100k / 1024;
    return $per100k;
}

sub no_leak {
    my ($name, $n, $code) = @_;
    my $per100k = measure($name, $n, $code);
    cmp_ok($per100k, '<', $LIMIT, sprintf '%s: %.0f KB growth per 100k iterations', $name, $per100k / 1024);
}

# ------------------------------------------------ the measurement works

{
    my @kept;
    my $per100k = measure('self-check: keeping 100 bytes each time', 50_000, sub { push @kept, 'x' x 100 });
    cmp_ok($per100k, '>', $LIMIT, 'a real leak (100 bytes per iteration) is seen as growth');
}

# ---------------------------------------------------------- fixtures

my $con = Sys::Virt->new(uri => $URI);
my $dom = $con->get_domain_by_name('test');
my $root = $dom->create_snapshot('<domainsnapshot><name>leak-root</name></domainsnapshot>');
my $mid  = $dom->create_snapshot('<domainsnapshot><name>leak-mid</name></domainsnapshot>');
my $leaf = $dom->create_snapshot('<domainsnapshot><name>leak-leaf</name></domainsnapshot>');
my $domxml = "<domain type='test'><name>leak-dom</name><memory>1024</memory><os><type>hvm</type></os></domain>";

# ---------------------------------------- objects: create, use, drop

no_leak('open and drop a connection', 100_000, sub {
    my $c = Sys::Virt->new(uri => $URI);
});

no_leak('look up and drop a domain', 100_000, sub {
    my $d = $con->get_domain_by_name('test');
    $d->get_name;
});

no_leak('look up domains by uuid and id', 30_000, sub {
    my $d = $con->get_domain_by_uuid($dom->get_uuid_string);
    my $e = $con->get_domain_by_id(1);
});

no_leak('look up and drop snapshots', 100_000, sub {
    my $s = $dom->get_snapshot_by_name('leak-mid');
    my $p = $s->get_parent;
});

no_leak('list domains and ids', 100_000, sub {
    my @a = $con->list_all_domains;
    my @i = $con->list_domain_ids;
});

no_leak('list snapshots and names', 100_000, sub {
    my @a = $dom->list_all_snapshots;
    my @n = $root->list_child_snapshot_names;
});

no_leak('list defined domains and children (Perl wrappers)', 30_000, sub {
    my @n = $con->list_defined_domain_names;
    my @d = $con->list_domains;
    my @c = $root->list_child_snapshots;
});

no_leak('strings, hashes and lists returned', 30_000, sub {
    my $x = $dom->get_xml_description;
    my $i = $dom->get_info;
    my @s = $dom->get_state;
    my $n = $con->get_node_info;
    my $u = $dom->get_uuid;
});

no_leak('records of vCPUs, file systems, interfaces, disk errors, free pages', 30_000, sub {
    my @v = $dom->get_vcpu_info;
    my @f = $dom->get_fs_info;
    my @i = $dom->get_interface_addresses(0);
    my @e = $dom->get_disk_errors;
    my @p = $con->get_node_free_pages([4, 2048], 0, 1);
    my @m = $con->get_node_cpu_map;
    my $t = $dom->get_time;
    my $l = $dom->get_security_label;
});

$dom->set_metadata(Sys::Virt::Domain::METADATA_DESCRIPTION(), 'd' x 500);
no_leak('strings libvirt hands over (metadata, host name, sysinfo, CPU models)', 30_000, sub {
    my $m = $dom->get_metadata(Sys::Virt::Domain::METADATA_DESCRIPTION());
    my $h = $dom->get_hostname;
    my $s = $con->get_sysinfo;
    my @n = $con->get_cpu_model_names('x86_64');
});

no_leak('array arguments refused element by element', 30_000, sub {
    my @sparse;
    $sparse[3] = 1;
    eval { $dom->send_key(0, 10, \@sparse) };
    eval { $dom->fs_freeze(['/', undef]) };
    eval { $con->node_alloc_pages([[2048]], 0, 0) };
    eval { $con->baseline_cpu({}) };
});

no_leak('define and undefine a domain', 5_000, sub {
    my $d = $con->define_domain($domxml);
    $d->undefine;
});

no_leak('start and destroy a transient domain', 5_000, sub {
    my $d = $con->create_domain($domxml);
    $d->destroy;
});

no_leak('create and delete a snapshot', 5_000, sub {
    my $s = $dom->create_snapshot('<domainsnapshot><name>leak-tmp</name></domainsnapshot>');
    $s->delete;
});

no_leak('explicit DESTROY, twice, then drop', 100_000, sub {
    my $d = $con->get_domain_by_name('test');
    $d->DESTROY;
    $d->DESTROY;
});

# ------------------------------------------------------------ networks

my $net = $con->get_network_by_name('default');
my $netxml = "<network><name>leak-net</name><bridge name='leakbr0'/></network>";

no_leak('look up, list and drop networks', 30_000, sub {
    my $n = $con->get_network_by_name('default');
    my $u = $con->get_network_by_uuid($net->get_uuid);
    my @a = $con->list_all_networks;
    my @r = $con->list_networks;
    my @n = $con->list_network_names;
});

no_leak('network strings returned', 30_000, sub {
    my $x = $net->get_xml_description;
    my $b = $net->get_bridge_name;
    my $u = $net->get_uuid_string;
});

no_leak('define, start, stop and undefine a network', 5_000, sub {
    my $n = $con->define_network($netxml);
    $n->create;
    $n->destroy;
    $n->undefine;
});

no_leak('network calls failing', 30_000, sub {
    eval { $con->get_network_by_name('no-such-network') };
    eval { $net->get_dhcp_leases };
    eval { $net->update(0, 0, 2**31, '') };
});

# ------------------------------------------------------ typed parameters

my @tp_doms = map {
    $con->define_domain("<domain type='test'><name>leak-tp-$_</name><memory>1024</memory><os><type>hvm</type></os></domain>")
} 1 .. 3;
$_->create for @tp_doms[0, 1];

# Every set reads the current parameters first: string fields among them
# (device_weight, numa_nodeset, group_name) exercise both the strings
# libvirt hands over and the ones we pass in.
no_leak('set typed parameters (numbers and strings)', 10_000, sub {
    $dom->set_memory_parameters({ hard_limit => 4_000_000_000, soft_limit => 3_000_000_000 });
    $dom->set_blkio_parameters({ weight => 500, device_weight => '/dev/sda,100' });
    $dom->set_numa_parameters({ numa_nodeset => '0-1' });
    $dom->set_block_iotune('vda', { total_bytes_sec => 10, total_bytes_sec_max => 20, group_name => "grp-\x{263a}" });
    $dom->set_interface_parameters('testnet0', { 'inbound.average' => 3_000_000_000 });
    $dom->set_perf_events({ cmt => 1 });
    $dom->set_scheduler_parameters({ weight => 10 });
});

no_leak('get typed parameters', 30_000, sub {
    my $m = $dom->get_memory_parameters;
    my $b = $dom->get_blkio_parameters;
    my $t = $dom->get_block_iotune('vda');
    my $p = $dom->get_perf_events;
    my $s = $dom->get_scheduler_parameters;
});

no_leak('domain and host statistics', 30_000, sub {
    my $b = $dom->block_stats('vda');
    my $i = $dom->interface_stats('testnet0');
    my $m = $dom->memory_stats;
    my @c = $dom->get_cpu_stats(0, 0);
    my @t = $dom->get_cpu_stats(-1, 1);
    my $n = $con->get_node_cpu_stats;
});

no_leak('get_all_domain_stats over several domains', 30_000, sub {
    my @all = $con->get_all_domain_stats(0);
    my @some = $con->get_all_domain_stats(0, [$dom, @tp_doms]);
});

no_leak('typed parameter values croaking', 30_000, sub {
    eval { $dom->set_memory_parameters({ hard_limit => 'lots' }) };
    eval { $dom->set_blkio_parameters({ weight => 1, device_weight => [] }) };
    eval { $dom->set_iothread(1, { poll_grow => -1 }) };
    eval { $con->set_identity({ 'user-name' => 'x', 'unix-user-id' => 1.5 }) };
    eval { $con->get_all_domain_stats(0, [$dom, 12345]) };
});

no_leak('typed parameter calls failing in libvirt', 30_000, sub {
    eval { $dom->get_block_iotune('nosuch') };
    eval { $dom->set_launch_security_state({ 'sev-secret' => 'x' }) };
    eval { $con->set_identity({ 'user-name' => 'x' }) };
    eval { $dom->get_guest_info };
});

$_->destroy for grep { $_->is_active } @tp_doms;
$_->undefine for @tp_doms;

# ------------------------------------------------------- failing calls

no_leak('libvirt errors (Sys::Virt::Error objects)', 100_000, sub {
    eval { $con->get_domain_by_name('no-such-domain') };
    my $m = "$@";
});

no_leak('more libvirt errors', 30_000, sub {
    eval { $dom->get_snapshot_by_name('no-such-snapshot') };
    eval { $dom->get_xml_description(2**31) };
});

no_leak('our own argument checks croaking', 100_000, sub {
    eval { $dom->get_xml_description(-1) };
    eval { Sys::Virt::Domain::get_name(bless \(my $x = 12345), 'Sys::Virt::Domain') };
});

no_leak('more argument checks croaking', 30_000, sub {
    eval { $dom->get_xml_description('abc') };
    eval { $dom->list_snapshot_names(-5) };
    eval { $con->get_domain_by_name("a\0b") };
    eval { Sys::Virt::Domain::get_name($con) };
    eval { Sys::Virt::Domain::get_name() };
});

{
    package Leak::DyingTie;
    sub TIESCALAR { bless {}, shift }
    sub FETCH { die "tied value died\n" }
}
no_leak('exceptions thrown while reading arguments', 100_000, sub {
    tie my $flags, 'Leak::DyingTie';
    eval { $dom->get_xml_description($flags) };
});

no_leak('failed connection attempts', 30_000, sub {
    eval { Sys::Virt->new(uri => 'no/such/driver') };
});

# ------------------------------------------- storage pools and volumes

my $pool = $con->get_storage_pool_by_name('default-pool');
my $lvol = $pool->create_volume('<volume><name>leak.img</name><capacity>1024</capacity></volume>');

no_leak('look up pools and volumes, read their strings', 100_000, sub {
    my $p = $con->get_storage_pool_by_name('default-pool');
    my $v = $p->get_volume_by_name('leak.img');
    my $path = $v->get_path;
    my $key = $v->get_key;
    my $q = $con->get_storage_pool_by_volume($v);
});

no_leak('list pools and volumes, by name and all at once', 30_000, sub {
    my @a = $con->list_all_storage_pools;
    my @p = $con->list_storage_pools;
    my @n = $con->list_storage_pool_names;
    my @v = $pool->list_all_volumes;
    my @w = $pool->list_volumes;
});

no_leak('storage XML and info', 30_000, sub {
    my $x = $pool->get_xml_description;
    my $i = $pool->get_info;
    my $y = $lvol->get_xml_description;
    my $j = $lvol->get_info;
});

no_leak('create, clone and delete volumes', 5_000, sub {
    my $v = $pool->create_volume('<volume><name>leak2.img</name><capacity>1024</capacity></volume>');
    my $w = $pool->clone_volume('<volume><name>leak3.img</name><capacity>1024</capacity></volume>', $v);
    $w->delete;
    $v->delete;
});

no_leak('storage errors and croaks', 30_000, sub {
    eval { $con->get_storage_pool_by_name('no-such-pool') };
    eval { $pool->get_volume_by_name('no-such-vol') };
    eval { $pool->list_storage_vol_names(-1) };
    eval { Sys::Virt::StorageVol::get_path($pool) };
});

# ------------------------------------------------------------ streams

sub shot { my $st = $con->new_stream; $dom->screenshot($st, 0); return $st }

no_leak('a screenshot through a stream and recv_all', 20_000, sub {
    my $st = shot();
    my $size = 0;
    $st->recv_all(sub { $size += $_[2]; $_[2] });
    $st->finish;
});

no_leak('recv into a scalar, then abort', 20_000, sub {
    my $st = shot();
    my $buf = 'old';
    $st->recv($buf, 4096);
    $st->abort;
});

no_leak('recv_all handlers dying and returning 0', 10_000, sub {
    my $st = shot();
    eval { $st->recv_all(sub { die "handler died\n" }) };
    $st = shot();
    eval { $st->recv_all(sub { 0 }) };
});

no_leak('add_callback failing (no event loop)', 100_000, sub {
    my $st = $con->new_stream;
    my $held = [1 .. 10];
    eval { $st->add_callback(1, sub { my $x = $held }) };
});

# The rest with libvirt's event loop registered.
Sys::Virt::Event::register_default();
# libvirt's loop purges removed handles when it runs: once an iteration
# (the screenshot's file is readable at once, so it does not wait).
no_leak('add_callback, an event, remove_callback', 20_000, sub {
    my $st = shot();
    my $held = [1 .. 10];
    $st->add_callback(1, sub { my $x = $held });
    Sys::Virt::Event::run_default();
    $st->remove_callback;
    $st->abort;
});

no_leak('a second add_callback refused', 30_000, sub {
    my $st = shot();
    my $held = [1 .. 10];
    $st->add_callback(1, sub { my $x = $held });
    eval { $st->add_callback(1, sub { my $y = $held }) };
    Sys::Virt::Event::run_default();
    $st->remove_callback;
    $st->abort;
});

no_leak('node devices: list, look up, parent and capabilities', 30_000, sub {
    my @devs = $con->list_node_devices;
    my @names = $con->list_node_device_names(undef);
    my $d = $con->get_node_device_by_name('scsi_host11');
    my @caps = $d->list_capabilities;
    my $p = $d->get_parent;
    my $none = $con->get_node_device_by_name('computer')->get_parent;
});

no_leak('create and destroy a vHBA', 30_000, sub {
    $con->create_node_device("<device><parent>scsi_host1</parent><capability type='scsi_host'>"
        . "<capability type='fc_host'><wwnn>2000000012345678</wwnn><wwpn>1000000012345678</wwpn>"
        . "</capability></capability></device>")->destroy;
});

no_leak('interfaces: list, look up by name and MAC, define and undefine', 30_000, sub {
    my @ifaces = $con->list_interfaces;
    my $i = $con->get_interface_by_mac('aa:bb:cc:dd:ee:ff');
    my $mac = $i->get_mac;
    $con->define_interface("<interface type='ethernet' name='leak0'><mac address='52:54:00:00:71:01'/></interface>")->undefine;
    eval { $con->get_interface_by_name('leak0') };
});

# ----------------------------------------------------------- summary

diag join "\n", 'resident memory growth per 100k iterations:',
    map { sprintf '  %-55s %+8.0f KB', $_, $growth{$_} / 1024 } sort keys %growth;

done_testing;
