# -*- perl -*-
#
# libvirt's typed parameters on the mock driver test:///default: every
# getter and setter the driver implements, with values asserted (types
# kept, unsigned values positive, 64-bit values exact), the statistics
# calls of domains and of the host, get_all_domain_stats over several
# domains, and bad values for every setter, which croak naming the field
# and send nothing.

use strict;
use warnings;

use FindBin;
use lib "$FindBin::Bin/lib";

use B ();
use Test::More;

use Crash ();
use Sys::Virt;
BEGIN { Crash::assert_our_build() }

use SVTest;

my ($c, $d) = test_domain();

# What a scalar holds, by its flags: 'int', 'num' or 'str'.
sub kind_of {
    my ($v) = @_;
    my $f = B::svref_2object(\$v)->FLAGS;
    return 'int' if $f & B::SVf_IOK && !($f & B::SVf_POK);
    return 'num' if $f & B::SVf_NOK && !($f & B::SVf_POK);
    return 'str' if $f & B::SVf_POK;
    return 'other';
}

sub kinds_are {
    my ($hash, $want, $name) = @_;
    local $Test::Builder::Level = $Test::Builder::Level + 1;
    is_deeply({ map { $_ => kind_of($hash->{$_}) } keys %$want }, $want, "$name: value types");
}

# --------------------------------------------------------------- scheduler

is($d->get_scheduler_type, 'fair', 'get_scheduler_type');
{
    my $p = $d->get_scheduler_parameters;
    is_deeply($p, { weight => 50 }, 'get_scheduler_parameters');
    kinds_are($p, { weight => 'int' }, 'get_scheduler_parameters');
    is_deeply($d->get_scheduler_parameters(DOM('AFFECT_CURRENT')), { weight => 50 },
              'get_scheduler_parameters with flags');
    # The test driver accepts the set and keeps nothing.
    lives_fine(sub { $d->set_scheduler_parameters({ weight => 2**32 - 1, unknown => 'ignored' }) },
               'set_scheduler_parameters with the largest UINT and an unknown key');
    virt_error_ok(sub { $d->set_scheduler_parameters({ weight => 10 }, DOM('AFFECT_LIVE')) },
                  'ERR_INVALID_ARG', 'FROM_TEST', 'set_scheduler_parameters with flags the driver refuses');
}

# ------------------------------------------------------------------ memory

{
    my $unlimited = DOM('MEMORY_PARAM_UNLIMITED');
    is($unlimited, 9007199254740991, 'MEMORY_PARAM_UNLIMITED');
    my $p = $d->get_memory_parameters;
    is_deeply($p, { hard_limit => $unlimited, soft_limit => $unlimited, swap_hard_limit => $unlimited },
              'get_memory_parameters: unlimited');
    kinds_are($p, { hard_limit => 'int', soft_limit => 'int', swap_hard_limit => 'int' }, 'get_memory_parameters');

    $d->set_memory_parameters({ hard_limit => 4_000_000_000, soft_limit => 3_000_000_000 });
    is_deeply($d->get_memory_parameters,
              { hard_limit => 4_000_000_000, soft_limit => 3_000_000_000, swap_hard_limit => $unlimited },
              'set_memory_parameters round trip; the field left out is unchanged');

    # ULLONG values beyond 2**53 go in from strings and come back exact.
    $d->set_memory_parameters({ swap_hard_limit => '18446744073709551615', hard_limit => '9007199254740993' });
    my $q = $d->get_memory_parameters;
    is($q->{swap_hard_limit}, '18446744073709551615', 'ULLONG 2**64-1 round trip, exact');
    is($q->{hard_limit}, '9007199254740993', 'ULLONG 2**53+1 round trip, exact');
    cmp_ok($q->{swap_hard_limit}, '>', 0, 'ULLONG 2**64-1 is positive');

    $d->set_memory_parameters({ bogus => 1, 'hard limit' => 2, soft_limit => 77 });
    is($d->get_memory_parameters->{hard_limit}, '9007199254740993', 'unknown keys are ignored');
    is($d->get_memory_parameters->{soft_limit}, 77, 'known keys beside them are set');
    # With nothing to set, libvirt is asked with no parameters, and says so.
    my $e = virt_error_ok(sub { $d->set_memory_parameters({ bogus => 1 }) }, 'ERR_INVALID_ARG', 'FROM_DOMAIN',
                          'set_memory_parameters with only unknown keys');
    like($e && $e->message, qr/nparams .* must be greater than zero/, "libvirt's message") if $e;
    lives_fine(sub { $d->set_blkio_parameters({}) }, 'set_blkio_parameters with an empty hash (the driver accepts it)');

    virt_error_ok(sub { $d->set_memory_parameters({ hard_limit => 10, swap_hard_limit => 5 }) },
                  'ERR_INVALID_ARG', 'FROM_TEST', "libvirt's own check of the values");
    $d->set_memory_parameters({ hard_limit => $unlimited, soft_limit => $unlimited, swap_hard_limit => $unlimited });
}

# ------------------------------------------------------- blkio, numa, perf

{
    my $p = $d->get_blkio_parameters;
    is_deeply($p, { weight => 0, device_weight => '', device_read_bytes_sec => '',
                    device_read_iops_sec => '', device_write_bytes_sec => '', device_write_iops_sec => '' },
              'get_blkio_parameters');
    kinds_are($p, { weight => 'int', device_weight => 'str' }, 'get_blkio_parameters');
    $d->set_blkio_parameters({ weight => 500, device_weight => '/dev/sda,100' });
    my $q = $d->get_blkio_parameters;
    is($q->{weight}, 500, 'set_blkio_parameters: UINT weight');
    is($q->{device_weight}, '/dev/sda,100', 'set_blkio_parameters: string field');
    is($q->{device_read_bytes_sec}, '', 'set_blkio_parameters: other string fields unchanged');
}

{
    is_deeply($d->get_numa_parameters, { numa_mode => 0, numa_nodeset => '' }, 'get_numa_parameters');
    $d->set_numa_parameters({ numa_mode => DOM('NUMATUNE_MEM_PREFERRED'), numa_nodeset => '0-1' });
    my $p = $d->get_numa_parameters;
    is_deeply($p, { numa_mode => DOM('NUMATUNE_MEM_PREFERRED'), numa_nodeset => '0-1' }, 'set_numa_parameters round trip');
    kinds_are($p, { numa_mode => 'int', numa_nodeset => 'str' }, 'get_numa_parameters');
}

{
    my $p = $d->get_perf_events;
    is(scalar(keys %$p), 22, 'get_perf_events: every event of libvirt 9.0.0');
    is($p->{cmt}, 0, 'get_perf_events: off is 0');
    $d->set_perf_events({ cmt => 'yes', cpu_cycles => 1, instructions => '' });
    $p = $d->get_perf_events;
    is_deeply([@$p{qw(cmt cpu_cycles instructions)}], [1, 1, 0], 'set_perf_events: booleans by truth, read back 1/0');
    kinds_are($p, { cmt => 'int', instructions => 'int' }, 'get_perf_events');
    $d->set_perf_events({ cmt => 0, cpu_cycles => 0 });
    is_deeply([@{ $d->get_perf_events }{qw(cmt cpu_cycles)}], [0, 0], 'set_perf_events: off again');
}

# ------------------------------------------------- interface and disk tuning

{
    my $p = $d->get_interface_parameters('testnet0');
    is_deeply($p, { map { $_ => 0 } qw(inbound.average inbound.peak inbound.burst inbound.floor
                                         outbound.average outbound.peak outbound.burst) },
              'get_interface_parameters');
    $d->set_interface_parameters('testnet0', { 'inbound.average' => 3_000_000_000,
                                               'outbound.average' => 10, 'outbound.peak' => 2**32 - 1 });
    $p = $d->get_interface_parameters('testnet0');
    is($p->{'inbound.average'}, 3_000_000_000, 'UINT 3e9 reads back positive');
    is($p->{'outbound.peak'}, 4294967295, 'UINT 2**32-1 reads back positive');
    is($p->{'outbound.average'}, 10, 'set_interface_parameters: outbound.average');
    kinds_are($p, { 'inbound.average' => 'int' }, 'get_interface_parameters');
    virt_error_ok(sub { $d->get_interface_parameters('nosuch0') }, 'ERR_INVALID_ARG', 'FROM_DOMAIN',
                  'get_interface_parameters of an unknown interface');
}

{
    my $p = $d->get_block_iotune('vda');
    is(scalar(keys %$p), 20, 'get_block_iotune: all 20 fields (more than one remote call carried before 9.0.0)');
    is($p->{group_name}, '', 'get_block_iotune: group_name');
    is($p->{total_bytes_sec}, 0, 'get_block_iotune: total_bytes_sec');
    $d->set_block_iotune('vda', { total_bytes_sec => 1_000_000, total_bytes_sec_max => 2_000_000,
                                   group_name => "grp-\x{263a}" });
    $p = $d->get_block_iotune('vda');
    is_deeply([@$p{qw(total_bytes_sec total_bytes_sec_max read_iops_sec)}], [1_000_000, 2_000_000, 0],
              'set_block_iotune round trip');
    is($p->{group_name}, "grp-\x{263a}", 'set_block_iotune: a character string comes back as one');
    ok(utf8::is_utf8($p->{group_name}), 'string values are character strings');
    virt_error_ok(sub { $d->set_block_iotune('vda', { total_bytes_sec => 5, total_bytes_sec_max => 1 }) },
                  'ERR_INVALID_ARG', 'FROM_TEST', "set_block_iotune: libvirt's check");
    virt_error_ok(sub { $d->get_block_iotune('vdz') }, 'ERR_INVALID_ARG', 'FROM_TEST',
                  'get_block_iotune of an unknown disk');
}

# --------------------------------------------- calls the driver lacks

virt_error_ok(sub { $d->set_iothread(1, { poll_max_ns => 1000 }) }, 'ERR_INVALID_ARG', 'FROM_TEST',
              'set_iothread: no such iothread');
virt_error_ok(sub { $d->get_launch_security_info }, 'ERR_INVALID_ARG', 'FROM_TEST',
              'get_launch_security_info: the driver refuses the string flag libvirt adds');
virt_error_ok(sub { $d->set_launch_security_state({ 'sev-secret' => 'x' }) }, 'ERR_NO_SUPPORT', 'FROM_DOMAIN',
              'set_launch_security_state');
virt_error_ok(sub { $d->get_guest_info }, 'ERR_NO_SUPPORT', 'FROM_DOMAIN', 'get_guest_info');
virt_error_ok(sub { $d->get_guest_vcpus }, 'ERR_NO_SUPPORT', 'FROM_DOMAIN', 'get_guest_vcpus');
virt_error_ok(sub { $c->get_node_memory_stats }, 'ERR_NO_SUPPORT', 'FROM_DOMAIN', 'get_node_memory_stats');
virt_error_ok(sub { $c->get_node_memory_parameters }, 'ERR_NO_SUPPORT', 'FROM_DOMAIN', 'get_node_memory_parameters');
virt_error_ok(sub { $c->set_node_memory_parameters({ shm_pages_to_scan => 10 }) }, 'ERR_NO_SUPPORT', 'FROM_DOMAIN',
              'set_node_memory_parameters');
virt_error_ok(sub { $c->get_node_sev_info }, 'ERR_NO_SUPPORT', 'FROM_DOMAIN', 'get_node_sev_info');
virt_error_ok(sub { $c->set_identity({ 'user-name' => 'someone', 'unix-user-id' => 1000 }) },
              'ERR_NO_SUPPORT', 'FROM_DOMAIN', 'set_identity');
lives_fine(sub { $d->set_memory_stats_period(5) }, 'set_memory_stats_period');
croaks_ok(sub { $d->set_memory_stats_period(2**31) }, qr/set_memory_stats_period: argument 'period'/,
          'set_memory_stats_period out of range');

# --------------------------------------------------------------- statistics

{
    my $s = $d->block_stats('vda');
    is_deeply([sort keys %$s], [qw(errs rd_bytes rd_req wr_bytes wr_req)], 'block_stats keys');
    ok(!(grep { !/\A\d+\z/ } values %$s), 'block_stats values are counts') or diag explain $s;
    kinds_are($s, { rd_req => 'int', errs => 'int' }, 'block_stats');
    my $t = $d->block_stats('vda');
    cmp_ok($t->{rd_req}, '>=', $s->{rd_req}, 'block_stats counters do not go back');
    virt_error_ok(sub { $d->block_stats('nosuch') }, 'ERR_INVALID_ARG', 'FROM_TEST', 'block_stats of an unknown disk');

    my $i = $d->interface_stats('testnet0');
    is_deeply([sort keys %$i], [sort map { ("rx_$_", "tx_$_") } qw(bytes packets errs drop)], 'interface_stats keys');
    ok(!(grep { !/\A\d+\z/ } values %$i), 'interface_stats values are counts') or diag explain $i;
    virt_error_ok(sub { $d->interface_stats('vda') }, 'ERR_INVALID_ARG', 'FROM_DOMAIN', 'interface_stats of a disk');

    my $m = $d->memory_stats;
    is_deeply({ map { $_ => $m->{$_} } qw(actual_balloon available rss unused usable disk_caches swap_in
                                           swap_out major_fault minor_fault hugetlb_pgalloc hugetlb_pgfail) },
              { actual_balloon => 2097152, available => 2097152, rss => 1048576, unused => 1048576,
                usable => 1048576, disk_caches => 262144, swap_in => 0, swap_out => 0, major_fault => 0,
                minor_fault => 0, hugetlb_pgalloc => 0, hugetlb_pgfail => 0 },
              'memory_stats: the test driver\'s values');
    like($m->{last_update}, qr/\A\d+\z/, 'memory_stats: last_update');

    my @total = $d->get_cpu_stats(-1, 1);
    is(scalar(@total), 1, 'get_cpu_stats(-1, 1): one hash of totals');
    is_deeply([sort keys %{ $total[0] }], [qw(cpu_time system_time user_time)], 'get_cpu_stats totals: every field');
    is($total[0]{user_time}, 5540000000, 'get_cpu_stats totals: user_time');
    is($total[0]{system_time}, 6460000000, 'get_cpu_stats totals: system_time');
    is(scalar(my @t0 = $d->get_cpu_stats(-1, 0)), 1, 'get_cpu_stats(-1, 0): ncpus 0 means 1 for the totals');
    virt_error_ok(sub { $d->get_cpu_stats(-1, 2**32 - 1) }, 'ERR_INVALID_ARG', 'FROM_DOMAIN',
                  "get_cpu_stats(-1, 2**32-1): libvirt's refusal, before any buffer is sized from it");
    my @cpus = $d->get_cpu_stats(0, 0);
    is(scalar(@cpus), 2, 'get_cpu_stats(0, 0): a hash per host CPU the driver reports');
    is_deeply([map { [sort keys %$_] } @cpus], [([qw(cpu_time vcpu_time)]) x 2], 'get_cpu_stats: per-CPU fields');
    is(scalar(my @one = $d->get_cpu_stats(1, 1)), 1, 'get_cpu_stats(1, 1): one CPU');
    is($one[0]{cpu_time}, $cpus[1]{cpu_time}, 'get_cpu_stats(1, 1) is CPU 1');
    is(scalar(my @many = $d->get_cpu_stats(0, 2**32 - 1)), 2, 'get_cpu_stats: a huge ncpus is cut to the host');
    virt_error_ok(sub { $d->get_cpu_stats(5, 1) }, 'ERR_INVALID_ARG', 'FROM_TEST', 'get_cpu_stats beyond the host');

    my $n = $c->get_node_cpu_stats;
    is_deeply($n, { kernel => 34678723400000, user => 9797400000, idle => 87264900000, iowait => 763600000 },
              'get_node_cpu_stats: the test driver\'s values');
    kinds_are($n, { kernel => 'int' }, 'get_node_cpu_stats');
    is_deeply($c->get_node_cpu_stats(Sys::Virt::NODE_CPU_STATS_ALL_CPUS()), $n, 'get_node_cpu_stats(NODE_CPU_STATS_ALL_CPUS)');
    is_deeply($c->get_node_cpu_stats(-1), $n, 'get_node_cpu_stats(-1)');
    is_deeply([sort keys %{ $c->get_node_cpu_stats(0) }], [qw(idle iowait kernel user)], 'get_node_cpu_stats(0)');
    croaks_ok(sub { $c->get_node_cpu_stats(2**40) }, qr/get_node_cpu_stats: argument 'cpu' is out of range/,
              'get_node_cpu_stats of CPU 2**40');
    virt_error_ok(sub { $c->get_node_memory_stats(Sys::Virt::NODE_MEMORY_STATS_ALL_CELLS()) }, 'ERR_NO_SUPPORT', 'FROM_DOMAIN',
                  'get_node_memory_stats(NODE_MEMORY_STATS_ALL_CELLS)');
}

# ----------------------------------------------------- get_all_domain_stats

my @extra = map {
    $c->define_domain("<domain type='test'><name>tp-$_</name><memory>$_</memory><os><type>hvm</type></os></domain>")
} 1024, 2048, 4096;
$extra[0]->create;
$extra[1]->create;
$extra[1]->suspend;
{
    my $state = DOM('STATS_STATE');
    my @all = $c->get_all_domain_stats($state);
    is_deeply([sort map { $_->{dom}->get_name } @all], [qw(test tp-1024 tp-2048 tp-4096)],
              'get_all_domain_stats: every domain');
    my %by = map { $_->{dom}->get_name => $_->{data} } @all;
    is_deeply($by{test}, { 'state.state' => DOM('STATE_RUNNING'), 'state.reason' => ($d->get_state)[1] },
              'get_all_domain_stats: running domain');
    is($by{'tp-2048'}{'state.state'}, DOM('STATE_PAUSED'), 'get_all_domain_stats: paused domain');
    is($by{'tp-4096'}{'state.state'}, DOM('STATE_SHUTOFF'), 'get_all_domain_stats: inactive domain');
    isa_ok($all[0]{dom}, 'Sys::Virt::Domain', 'the record\'s dom');

    my @running = $c->get_all_domain_stats($state, undef, DOM('GET_ALL_STATS_RUNNING'));
    is_deeply([sort map { $_->{dom}->get_name } @running], [qw(test tp-1024)], 'GET_ALL_STATS_RUNNING filter');

    my @two = $c->get_all_domain_stats($state, [$extra[2], $d]);
    is_deeply([map { $_->{dom}->get_name } @two], [qw(tp-4096 test)], 'get_all_domain_stats for a list, in order');
    is_deeply([map { $_->{dom}->get_uuid_string } @two], [$extra[2]->get_uuid_string, $d->get_uuid_string],
              'the records\' domains are those asked about');
    is(scalar(my @e = $c->get_all_domain_stats($state, [])), 4, 'an empty list means every domain');
    is(scalar(my @z = $c->get_all_domain_stats(0)), 4, 'stats 0: every group the driver has');

    # A record's domain object lives on its own.
    my $kept = ($c->get_all_domain_stats($state, [$d]))[0]{dom};
    is($kept->get_name, 'test', 'a record\'s domain object outlives the records');

    for my $bad (['a number', 12345], ['a string', 'test'], ['undef', undef], ['a connection', $c],
                 ['a forged domain', bless(\(my $x = 12345), 'Sys::Virt::Domain')], ['an array', []]) {
        my ($label, $v) = @$bad;
        croaks_ok(sub { $c->get_all_domain_stats($state, [$d, $v]) }, qr/get_all_domain_stats: argument 'domains\[1\]'/,
                  "get_all_domain_stats with $label in the list");
    }
    croaks_ok(sub { $c->get_all_domain_stats($state, 'test') }, qr/'domains' must be an array reference/,
              'get_all_domain_stats with a string for the list');
    croaks_ok(sub { $c->get_all_domain_stats(-1) }, qr/get_all_domain_stats: argument 'stats'/,
              'get_all_domain_stats with negative stats');
    is(scalar(my @after = $c->get_all_domain_stats($state)), 4, 'the process lives on after bad lists');
}

# ------------------------------------------------------------ bad values

# [label, value, what the message says]
my @BAD_INT = (
    ['a word',        'lots',   qr/must be an integer, not 'lots'/],
    ['a fraction',    1.5,      qr/must be an integer, not 1\.5/],
    ['a reference',   [],       qr/must be an integer, not a reference/],
    ['a hash ref',    {},       qr/must be an integer, not a reference/],
    ['undef',         undef,    qr/must be an integer, not undef/],
    ['negative',      -1,       qr/must be an integer within 0\.\./],
    ['beyond 2**64',  2**70,    qr/must be an integer within -?\d+\.\./],
    ['digits beyond 2**64', '18446744073709551616', qr/must be an integer within -?\d+\.\./],
    ['infinity',      9**9**9,  qr/must be an integer/],
    ['empty string',  '',       qr/must be an integer, not ''/],
);

# [method, fixed arguments before the hash, field, a good hash to add to, the field's range]
my @SETTERS = (
    ['set_scheduler_parameters', [], 'weight', 'u32'],
    ['set_memory_parameters', [], 'hard_limit', 'u64'],
    ['set_blkio_parameters', [], 'weight', 'u32'],
    ['set_numa_parameters', [], 'numa_mode', 'i32'],
    ['set_interface_parameters', ['testnet0'], 'inbound.average', 'u32'],
    ['set_block_iotune', ['vda'], 'total_bytes_sec', 'u64'],
    ['set_iothread', [1], 'poll_grow', 'u32'],
    ['set_iothread', [1], 'thread_pool_min', 'i32'],
    ['set_launch_security_state', [], 'sev-secret-set-address', 'u64'],
);

for my $s (@SETTERS) {
    my ($method, $fixed, $field, $range) = @$s;
    my $before = $method =~ /^set_(memory|blkio|numa|scheduler)_parameters$/
        ? $d->${\ ($method =~ s/^set/get/r)}() : undef;
    for my $b (@BAD_INT) {
        my ($label, $v, $re) = @$b;
        next if $range eq 'i32' && $label eq 'negative';
        croaks_ok(sub { $d->$method(@$fixed, { $field => $v }) },
                  qr/\ASys::Virt::Domain::$method: parameter '\Q$field\E' $re/, "$method $field = $label");
    }
    my $over = $range eq 'u32' ? 2**32 : $range eq 'i32' ? 2**31 : '18446744073709551616';
    croaks_ok(sub { $d->$method(@$fixed, { $field => $over }) }, qr/parameter '\Q$field\E' must be an integer within/,
              "$method $field = one above its range");
    croaks_ok(sub { $d->$method(@$fixed, [$field => 1]) }, qr/\ASys::Virt::Domain::$method: argument '\w+' must be a hash reference/,
              "$method with an array ref for the hash");
    is_deeply($d->${\ ($method =~ s/^set/get/r)}(), $before, "$method: nothing was set by the bad calls")
        if $before;
}

# String, boolean and double fields.
croaks_ok(sub { $d->set_blkio_parameters({ device_weight => ['/dev/sda,1'] }) },
          qr/set_blkio_parameters: parameter 'device_weight' must be a string, not a reference/, 'string field given a reference');
croaks_ok(sub { $d->set_blkio_parameters({ device_weight => undef }) },
          qr/parameter 'device_weight' must be a string, not undef/, 'string field given undef');
croaks_ok(sub { $d->set_block_iotune('vda', { group_name => "a\0b" }) },
          qr/set_block_iotune: parameter 'group_name' must not contain a NUL/, 'string field with a NUL');
croaks_ok(sub { $d->set_numa_parameters({ numa_nodeset => {} }) },
          qr/parameter 'numa_nodeset' must be a string, not a reference/, 'numa_nodeset given a hash');
croaks_ok(sub { $d->set_perf_events({ cmt => [] }) },
          qr/set_perf_events: parameter 'cmt' must be a boolean, not a reference/, 'boolean field given a reference');
croaks_ok(sub { $d->set_launch_security_state({ 'sev-secret' => [] }) },
          qr/parameter 'sev-secret' must be a string, not a reference/, 'set_launch_security_state string field');
croaks_ok(sub { $c->set_identity({ 'unix-user-id' => -5 }) },
          qr/\ASys::Virt::set_identity: parameter 'unix-user-id' must be an integer within 0\.\./, 'set_identity ULLONG field');
croaks_ok(sub { $c->set_identity({ 'process-id' => 'abc' }) },
          qr/set_identity: parameter 'process-id' must be an integer/, 'set_identity LLONG field');
croaks_ok(sub { $c->set_identity({ 'user-name' => \'x' }) },
          qr/set_identity: parameter 'user-name' must be a string, not a reference/, 'set_identity string field');
is($d->get_blkio_parameters->{device_weight}, '/dev/sda,100', 'the string field is unchanged after the bad calls');

{
    package TP::Dies;
    sub TIESCALAR { bless {}, shift }
    sub FETCH { die "tied value died\n" }
}
{
    tie my $v, 'TP::Dies';
    my %h;
    $h{hard_limit} = 0;
    tie $h{hard_limit}, 'TP::Dies';
    my $err = error_of { $d->set_memory_parameters(\%h) };
    is($err, "tied value died\n", 'a value that dies while read: its exception, unchanged');
}

# Numeric strings, overloaded numbers and floats with no fraction are integers.
{
    package TP::Num;
    use overload '0+' => sub { ${ $_[0] } }, '""' => sub { ${ $_[0] } }, fallback => 1;
}
$d->set_memory_parameters({ hard_limit => ' 1234 ', soft_limit => 1e3 });
is_deeply([@{ $d->get_memory_parameters }{qw(hard_limit soft_limit)}], [1234, 1000],
          'a numeric string with spaces and a whole float are accepted');
$d->set_memory_parameters({ hard_limit => bless(\(my $n = 4321), 'TP::Num') });
is($d->get_memory_parameters->{hard_limit}, 4321, 'an object overloading numbers is accepted');
$d->set_memory_parameters({ hard_limit => DOM('MEMORY_PARAM_UNLIMITED'), soft_limit => DOM('MEMORY_PARAM_UNLIMITED') });

$_->destroy for grep { $_->is_active } @extra;
$_->undefine for @extra;

done_testing;
