# -*- perl -*-
#
# Typed parameters on a real hypervisor: a private libvirtd with the QEMU
# driver and cgroup controllers, and one running guest that boots nothing
# (its BIOS reads the first sector of the disk, which is real I/O).
# Scheduler, memory, block I/O weight and disk throttling parameters
# round trip through the remote protocol; block_stats and
# get_all_domain_stats report on the live guest; the host's counters and
# shared memory tuning; the guest agent calls without an agent give
# libvirt's error; bad values croak before anything reaches the daemon.

use strict;
use warnings;

use FindBin;
use lib "$FindBin::Bin/lib";

use Test::More;

use Crash ();
use Sys::Virt;
BEGIN { Crash::assert_our_build() }

use PrivateLibvirtd;
use SVTest qw(error_of error_code_is croaks_ok);

my $d = PrivateLibvirtd->start_or_skip(cgroup_controllers => [qw(cpu cpuacct memory blkio)]);
PrivateLibvirtd->watchdog(240, '141-tuning-libvirtd.t');

sub DOM { my $n = shift; return Sys::Virt::Domain->can($n)->() }
sub ERR { my $n = shift; return Sys::Virt::Error->can($n)->() }

my $conn = Sys::Virt->new(uri => $d->uri);
is($conn->get_type, 'QEMU', 'connected to the QEMU driver of the private daemon');

my $disk = $d->make_disk('g141');
my $dom = $conn->define_domain($d->guest_xml('g141', $disk));
$dom->create;
ok($dom->is_active, 'the guest runs');

# -------------------------------------------------------------- scheduler

is($dom->get_scheduler_type, 'posix', 'get_scheduler_type');
{
    my $p = $dom->get_scheduler_parameters;
    ok(exists $p->{$_}, "scheduler parameter $_") for qw(cpu_shares vcpu_period vcpu_quota emulator_period);
    is($p->{vcpu_quota}, -1, 'vcpu_quota: LLONG -1 (no quota) comes back negative');

    $dom->set_scheduler_parameters({ cpu_shares => 2048, vcpu_period => 200000, vcpu_quota => 50000 });
    my $q = $dom->get_scheduler_parameters;
    is_deeply([@$q{qw(cpu_shares vcpu_period vcpu_quota)}], [2048, 200000, 50000],
              'set_scheduler_parameters round trip (ULLONG, ULLONG, LLONG)');
    $dom->set_scheduler_parameters({ vcpu_quota => -1 }, DOM('AFFECT_LIVE'));
    is($dom->get_scheduler_parameters(DOM('AFFECT_LIVE'))->{vcpu_quota}, -1, 'with AFFECT_LIVE: quota removed');
    is($dom->get_scheduler_parameters->{cpu_shares}, 2048, 'fields left out keep their value');
    croaks_ok(sub { $dom->set_scheduler_parameters({ cpu_shares => -5 }) },
              qr/set_scheduler_parameters: parameter 'cpu_shares' must be an integer within 0\.\./, 'negative cpu_shares');
    croaks_ok(sub { $dom->set_scheduler_parameters({ vcpu_quota => 'lots' }) },
              qr/parameter 'vcpu_quota' must be an integer, not 'lots'/, 'non-numeric vcpu_quota');
    is($dom->get_scheduler_parameters->{cpu_shares}, 2048, 'nothing was set by the bad calls');
}

# ----------------------------------------------------------------- memory

{
    my $p = $dom->get_memory_parameters;
    is($p->{hard_limit}, DOM('MEMORY_PARAM_UNLIMITED'), 'hard_limit unlimited at first');
    $dom->set_memory_parameters({ hard_limit => 1_048_576, soft_limit => 524_288 });
    my $q = $dom->get_memory_parameters;
    is_deeply([@$q{qw(hard_limit soft_limit)}], [1_048_576, 524_288], 'set_memory_parameters round trip');
    $dom->set_memory_parameters({ hard_limit => DOM('MEMORY_PARAM_UNLIMITED') });
    is($dom->get_memory_parameters->{hard_limit}, DOM('MEMORY_PARAM_UNLIMITED'), 'back to unlimited');
    croaks_ok(sub { $dom->set_memory_parameters({ soft_limit => [] }) },
              qr/set_memory_parameters: parameter 'soft_limit' must be an integer, not a reference/, 'a reference as a limit');
    is($dom->get_memory_parameters->{soft_limit}, 524_288, 'nothing was set by the bad call');
}

# ------------------------------------------------------------------ blkio

{
    my $p = $dom->get_blkio_parameters;
    ok(exists $p->{weight}, 'blkio weight');
    is($p->{device_weight}, '', 'device_weight is a string');
    my $err = error_of { $dom->set_blkio_parameters({ weight => 300 }) };
    SKIP: {
        skip "the host's blkio controller takes no weight: " . (ref $err ? $err->message : $err), 1 if $err;
        is($dom->get_blkio_parameters->{weight}, 300, 'set_blkio_parameters round trip');
    }
    croaks_ok(sub { $dom->set_blkio_parameters({ weight => 2**32 }) },
              qr/set_blkio_parameters: parameter 'weight' must be an integer within 0\.\.4294967295/, 'weight above UINT');
}

# ------------------------------------------------------------------- disk

{
    my $p = $dom->get_block_iotune('vda');
    is(scalar(keys %$p), 20, 'get_block_iotune: 20 fields over the remote protocol');
    $dom->set_block_iotune('vda', { total_bytes_sec => 10_000_000, read_iops_sec_max => 500,
                                     read_iops_sec => 100, group_name => 'slow' });
    my $q = $dom->get_block_iotune('vda');
    is_deeply([@$q{qw(total_bytes_sec read_iops_sec read_iops_sec_max group_name)}], [10_000_000, 100, 500, 'slow'],
              'set_block_iotune round trip, with a string field');
    $dom->set_block_iotune('vda', { total_bytes_sec => 0, read_iops_sec => 0, read_iops_sec_max => 0 });
    is($dom->get_block_iotune('vda')->{total_bytes_sec}, 0, 'throttling removed');
    error_code_is(error_of { $dom->get_block_iotune('vdz') }, ERR('ERR_INVALID_ARG'), 'get_block_iotune of no such disk');

    # The BIOS reads the boot sector from the disk.
    my $s;
    for (1 .. 100) {
        $s = $dom->block_stats('vda');
        last if $s->{rd_req} > 0;
        select undef, undef, undef, 0.1;
    }
    cmp_ok($s->{rd_req}, '>=', 1, 'block_stats: the guest read from its disk');
    cmp_ok($s->{rd_bytes}, '>=', 512, 'block_stats: at least a sector');
    ok(exists $s->{$_}, "block_stats: $_ (renamed from libvirt's field)") for qw(rd_req wr_req flush_reqs);
    ok(!exists $s->{rd_operations}, 'block_stats: libvirt\'s own name is not kept beside it');
    cmp_ok($s->{rd_total_times}, '>', 0, 'block_stats: time spent reading');
    is($s->{wr_req}, 0, 'block_stats: nothing written');

    my ($rec) = $conn->get_all_domain_stats(DOM('STATS_BLOCK') | DOM('STATS_STATE') | DOM('STATS_VCPU')
                                            | DOM('STATS_BALLOON') | DOM('STATS_CPU_TOTAL'), [$dom]);
    my $data = $rec->{data};
    is($rec->{dom}->get_name, 'g141', 'get_all_domain_stats: the guest');
    is($data->{'state.state'}, DOM('STATE_RUNNING'), 'state.state');
    is($data->{'block.count'}, 1, 'block.count');
    is($data->{'block.0.name'}, 'vda', 'block.0.name is a string');
    is($data->{'block.0.path'}, $disk, 'block.0.path');
    is($data->{'block.0.capacity'}, 16 * 1024 * 1024, 'block.0.capacity: the 16 MiB image');
    cmp_ok($data->{'block.0.rd.reqs'}, '>=', $s->{rd_req}, 'block.0.rd.reqs agrees with block_stats');
    is($data->{'vcpu.current'}, 1, 'vcpu.current');
    is($data->{'balloon.maximum'}, 48 * 1024, 'balloon.maximum: 48 MiB');
    cmp_ok($data->{'cpu.time'}, '>', 0, 'cpu.time');
    my @all = $conn->get_all_domain_stats(DOM('STATS_STATE'));
    is_deeply([map { $_->{dom}->get_name } @all], ['g141'], 'get_all_domain_stats: every domain');
}

# --------------------------------------------------------- other getters

{
    my $m = $dom->memory_stats;
    cmp_ok($m->{rss}, '>', 0, 'memory_stats: rss of the running guest');
    my $perf = $dom->get_perf_events;
    is(scalar(grep { $_ ne '0' } values %$perf), 0, 'get_perf_events: none enabled');
    is_deeply($dom->get_launch_security_info, {}, 'get_launch_security_info of a guest without SEV');
    my @total = eval { $dom->get_cpu_stats(-1, 1) };
    if (@total) {
        cmp_ok($total[0]{cpu_time}, '>', 0, 'get_cpu_stats(-1, 1): cpu_time');
    } else {
        ok(ref $@ && $@->isa('Sys::Virt::Error'), "get_cpu_stats(-1, 1): libvirt's error on this host: "
           . (ref $@ ? $@->message : $@));
    }
    my $numa = $dom->get_numa_parameters;
    ok(exists $numa->{numa_nodeset}, 'get_numa_parameters');
}

# ------------------------------------------------- the guest agent calls

for my $call (['get_guest_info', sub { $dom->get_guest_info }],
              ['get_guest_vcpus', sub { $dom->get_guest_vcpus }]) {
    my ($name, $code) = @$call;
    my $err = error_of { $code->() };
    error_code_is($err, ERR('ERR_ARGUMENT_UNSUPPORTED'), "$name without an agent");
    like(ref $err ? $err->message : '', qr/guest agent is not configured/, "$name: libvirt's message");
    is(ref $err ? $err->domain : -1, ERR('FROM_QEMU'), "$name: from the QEMU driver");
}

# A guest with the agent's channel but no agent answering on it.
{
    my $adisk = $d->make_disk('g141a');
    my $xml = $d->guest_xml('g141a', $adisk);
    $xml =~ s{</devices>}{<channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/></channel></devices>};
    my $adom = $conn->create_domain($xml);
    for my $call (['get_guest_info', sub { $adom->get_guest_info }],
                  ['get_guest_vcpus', sub { $adom->get_guest_vcpus }]) {
        my ($name, $code) = @$call;
        my $err = PrivateLibvirtd->guard(60, $name, sub { error_of { $code->() } });
        error_code_is($err, ERR('ERR_AGENT_UNRESPONSIVE'), "$name with a channel but no agent");
        like(ref $err ? $err->message : '', qr/agent is not (connected|responding)/i, "$name: libvirt's message");
    }
    $adom->destroy;
}

# ------------------------------------------------------------------ host

{
    my $cpu = $conn->get_node_cpu_stats;
    is_deeply([sort keys %$cpu], [qw(idle iowait kernel user)], 'get_node_cpu_stats keys');
    cmp_ok($cpu->{idle} + $cpu->{user}, '>', 0, 'get_node_cpu_stats: the host has run');
    my $cpu0 = $conn->get_node_cpu_stats(0);
    cmp_ok($cpu0->{idle}, '<=', $cpu->{idle} + 1e12, 'get_node_cpu_stats(0): one CPU');
    my $mem = $conn->get_node_memory_stats;
    is_deeply([sort keys %$mem], [qw(buffers cached free total)], 'get_node_memory_stats keys');
    cmp_ok($mem->{total}, '>', $mem->{free}, 'get_node_memory_stats: total above free');
    my $ksm = $conn->get_node_memory_parameters;
    ok(exists $ksm->{shm_pages_to_scan}, 'get_node_memory_parameters: shm_pages_to_scan');
    croaks_ok(sub { $conn->set_node_memory_parameters({ shm_pages_to_scan => 'many' }) },
              qr/set_node_memory_parameters: parameter 'shm_pages_to_scan' must be an integer/, 'a bad KSM value');
    my $err = error_of { $conn->get_node_sev_info };
    error_code_is($err, ERR('ERR_OPERATION_UNSUPPORTED'), 'get_node_sev_info on a host without SEV');
}

# ------------------------- the test driver, through the remote protocol

{
    my $tc = Sys::Virt->new(uri => $d->test_uri);
    my $td = $tc->get_domain_by_name('test');
    is_deeply($td->get_scheduler_parameters, { weight => 50 }, 'remote: get_scheduler_parameters');
    is(scalar(keys %{ $td->get_blkio_parameters }), 6, 'remote: get_blkio_parameters');
    is(scalar(keys %{ $td->get_block_iotune('vda') }), 20, 'remote: get_block_iotune, 20 fields');
    $td->set_interface_parameters('testnet0', { 'inbound.average' => 4_000_000_000 });
    is($td->get_interface_parameters('testnet0')->{'inbound.average'}, 4_000_000_000,
       'remote: UINT above 2**31 round trip');
    $td->set_memory_parameters({ swap_hard_limit => '18446744073709551615' });
    is($td->get_memory_parameters->{swap_hard_limit}, '18446744073709551615', 'remote: ULLONG 2**64-1 round trip');
    $td->set_block_iotune('vda', { total_bytes_sec => 5, total_bytes_sec_max => 10, group_name => "g\x{e9}" });
    is($td->get_block_iotune('vda')->{group_name}, "g\x{e9}", 'remote: a string field round trip');
    is_deeply([sort keys %{ $td->block_stats('vda') }], [qw(errs rd_bytes rd_req wr_bytes wr_req)], 'remote: block_stats');
    my @recs = $tc->get_all_domain_stats(DOM('STATS_STATE'));
    is_deeply([map { $_->{dom}->get_name } @recs], ['test'], 'remote: get_all_domain_stats');
}

$dom->destroy;
$dom->undefine;
undef $_ for $dom, $conn;
my @left = $d->stop;
is_deeply(\@left, [], 'daemons and guests stopped: nothing left running');
ok(!-e $d->dir, 'private directory removed');

done_testing;
