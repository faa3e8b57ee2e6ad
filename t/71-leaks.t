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

# ----------------------------------------------------------- summary

diag join "\n", 'resident memory growth per 100k iterations:',
    map { sprintf '  %-55s %+8.0f KB', $_, $growth{$_} / 1024 } sort keys %growth;

done_testing;
