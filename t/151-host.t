# -*- perl -*-
#
# The host calls of Sys::Virt (free memory, NUMA cells, huge pages, CPU
# map, security model, system information, domain capabilities, native
# configurations) and the CPU model calls, on test:///default: the mock
# driver's figures, libvirt's errors for what it lacks, and our checks of
# array arguments and cell ranges.

use strict;
use warnings;

use FindBin;
use lib "$FindBin::Bin/lib";

use Crash ();
use Sys::Virt;
BEGIN { Crash::assert_our_build() }

use Test::More;
use SVTest;

my $c = conn();
my $node = $c->get_node_info;

sub unsupported {
    my ($code, $name) = @_;
    local $Test::Builder::Level = $Test::Builder::Level + 1;
    error_code_is(error_of { $code->() }, Sys::Virt::Error::ERR_NO_SUPPORT, "$name: not supported by the test driver");
}

# ------------------------------------------------------------ free memory

{
    my $free = $c->get_node_free_memory;
    is($free, 3145728, 'get_node_free_memory: the test driver\'s figure');
    my @cells = $c->get_node_cells_free_memory(0, $node->{nodes} - 1);
    is_deeply(\@cells, [2097152, 4194304], 'get_node_cells_free_memory: one figure per cell');
    is_deeply([$c->get_node_cells_free_memory(1, 1)], [4194304], 'get_node_cells_free_memory of one cell');
    is_deeply([$c->get_node_cells_free_memory(0, 9)], \@cells, 'a range past the last cell stops there');
    error_code_is(error_of { $c->get_node_cells_free_memory(5, 6) }, Sys::Virt::Error::ERR_INVALID_ARG,
                  'get_node_cells_free_memory: no such cells');
    error_code_is(error_of { $c->get_node_cells_free_memory(1, 0) }, Sys::Virt::Error::ERR_INVALID_ARG,
                  'get_node_cells_free_memory: end before start is libvirt\'s error');
    error_code_is(error_of { $c->get_node_cells_free_memory(1, -5) }, Sys::Virt::Error::ERR_INVALID_ARG,
                  'get_node_cells_free_memory: far backward range');
    croaks_ok(sub { $c->get_node_cells_free_memory(0, 2**31 - 1) }, qr/argument 'end' asks about cells 0 to \d+, more than one call can/,
              'get_node_cells_free_memory: two thousand million cells');
    croaks_ok(sub { $c->get_node_cells_free_memory(0, 2**31) }, qr/argument 'end' is out of range/,
              'get_node_cells_free_memory: end beyond an int');
}

# ------------------------------------------------------------- huge pages

{
    my @pages = $c->get_node_free_pages([4, 2048], 0, 1);
    is_deeply(\@pages, [
        { cell => 0, pages => { 4 => 19, 2048 => 45 } },
        { cell => 1, pages => { 4 => 97, 2048 => 201 } },
    ], 'get_node_free_pages: a record per cell, pages by size');
    is_deeply([$c->get_node_free_pages([4], 1, 1)], [{ cell => 1, pages => { 4 => 19 } }],
              'get_node_free_pages: cell numbers start from $start');
    error_code_is(error_of { $c->get_node_free_pages([], 0, 0) }, Sys::Virt::Error::ERR_INVALID_ARG,
                  'get_node_free_pages: no page sizes');
    error_code_is(error_of { $c->get_node_free_pages([4], 1, 0) }, Sys::Virt::Error::ERR_INVALID_ARG,
                  'get_node_free_pages: end before start is libvirt\'s error');
    error_code_is(error_of { $c->get_node_free_pages([4], 0, -100) }, Sys::Virt::Error::ERR_INVALID_ARG,
                  'get_node_free_pages: far backward range');
    croaks_ok(sub { $c->get_node_free_pages([4], 0, 2**31 - 2) }, qr/argument 'end' asks about cells 0 to \d+, more than one call can/,
              'get_node_free_pages: two thousand million cells');
    croaks_ok(sub { $c->get_node_free_pages('4', 0, 0) }, qr/get_node_free_pages: argument 'pagesizes' must be an array reference/,
              'get_node_free_pages: a string');
    croaks_ok(sub { my @a; $a[1] = 4; $c->get_node_free_pages(\@a, 0, 0) }, qr/argument 'pagesizes\[0\]' must be a number, not undef/,
              'get_node_free_pages: a sparse array');
    croaks_ok(sub { $c->get_node_free_pages(['huge'], 0, 0) }, qr/argument 'pagesizes\[0\]' must be a number/,
              'get_node_free_pages: a page size that is not a number');

    unsupported(sub { $c->node_alloc_pages([[2048, 10]], 0, 1) }, 'node_alloc_pages');
    unsupported(sub { $c->node_alloc_pages([[2048, 10], [1048576, 1]], -1, -1, Sys::Virt::NODE_ALLOC_PAGES_ADD()) },
                'node_alloc_pages on every cell');
    croaks_ok(sub { $c->node_alloc_pages([[2048]], 0, 0) }, qr/node_alloc_pages: argument 'pages\[0\]' must be a \[page size, page count\] pair/,
              'node_alloc_pages: a pair with one element');
    croaks_ok(sub { $c->node_alloc_pages([[2048, 1, 2]], 0, 0) }, qr/argument 'pages\[0\]' must be a \[page size, page count\] pair/,
              'node_alloc_pages: three elements');
    croaks_ok(sub { $c->node_alloc_pages([2048, 10], 0, 0) }, qr/argument 'pages\[0\]' must be an array reference/,
              'node_alloc_pages: a flat list');
    croaks_ok(sub { $c->node_alloc_pages([[2048, undef]], 0, 0) }, qr/argument 'pages\[0\]\[1\]' must be a number, not undef/,
              'node_alloc_pages: an undef count');
    croaks_ok(sub { $c->node_alloc_pages({}, 0, 0) }, qr/argument 'pages' must be an array reference/,
              'node_alloc_pages: a hash ref');
}

# ------------------------------------------------- CPUs, security, sysinfo

{
    my ($cpus, $map, $online) = $c->get_node_cpu_map;
    is($cpus, 8, 'get_node_cpu_map: number of CPUs');
    is($map, "\x15", 'get_node_cpu_map: map of the online CPUs (0, 2 and 4)');
    ok(!utf8::is_utf8($map), 'the map is a byte string');
    is($online, 3, 'get_node_cpu_map: number online');
    is(unpack('b*', $map) =~ tr/1//, $online, 'the map and the count agree');
    is(scalar(my @all = $c->get_node_cpu_map(0)), 3, 'get_node_cpu_map returns three values');

    is_deeply($c->get_node_security_model, { model => 'testSecurity', doi => '' }, 'get_node_security_model');

    my $sysinfo = $c->get_sysinfo;
    like($sysinfo, qr{\A<sysinfo type='smbios'>}, 'get_sysinfo: SMBIOS XML');
    like($sysinfo, qr{<entry name='vendor'>LENOVO</entry>}, 'get_sysinfo: the test driver\'s BIOS vendor');
    is($c->get_sysinfo(0), $sysinfo, 'get_sysinfo(0)');
    my @got = $c->get_sysinfo(1 << 20);
    is_deeply(\@got, [undef], 'get_sysinfo with bad flags: undef, as the C module answers, without an exception');

    unsupported(sub { $c->node_suspend_for_duration(Sys::Virt::NODE_SUSPEND_TARGET_MEM(), 60) }, 'node_suspend_for_duration');
}

# ------------------------------------------- capabilities and conversion

{
    unsupported(sub { $c->get_domain_capabilities(undef, undef, undef, undef) }, 'get_domain_capabilities');
    unsupported(sub { $c->get_domain_capabilities('/usr/bin/qemu-system-x86_64', 'x86_64', 'pc', 'kvm', 0) },
                'get_domain_capabilities with every argument');
    croaks_ok(sub { $c->get_domain_capabilities(undef) }, qr/\AUsage: Sys::Virt::get_domain_capabilities\(/,
              'get_domain_capabilities needs all four');
    unsupported(sub { $c->domain_xml_from_native('qemu-argv', 'qemu-system-x86_64 -m 64') }, 'domain_xml_from_native');
    unsupported(sub { $c->domain_xml_to_native('qemu-argv', $c->get_domain_by_name('test')->get_xml_description) },
                'domain_xml_to_native');
}

# ------------------------------------------------------------- CPU models

{
    my @models = $c->get_cpu_model_names('x86_64');
    ok(scalar(@models) > 20, 'get_cpu_model_names: many x86_64 models');
    ok((grep { $_ eq 'Nehalem' } @models), 'get_cpu_model_names: Nehalem among them');
    ok((grep { $_ eq 'qemu64' } @models), 'get_cpu_model_names: qemu64 among them');
    error_code_is(error_of { $c->get_cpu_model_names('no-such-arch') }, Sys::Virt::Error::ERR_INVALID_ARG,
                  'get_cpu_model_names: unknown architecture');

    my ($host_cpu) = $c->get_capabilities =~ m{(<cpu>.*?</cpu>)}s;
    like($host_cpu, qr{<arch>i686</arch>}, 'the host CPU from get_capabilities');
    unsupported(sub { $c->compare_cpu($host_cpu) }, 'compare_cpu');
    unsupported(sub { $c->compare_cpu($host_cpu, Sys::Virt::COMPARE_CPU_FAIL_INCOMPATIBLE()) }, 'compare_cpu with flags');
    unsupported(sub { $c->compare_hypervisor_cpu(undef, undef, undef, undef, $host_cpu) }, 'compare_hypervisor_cpu');
    unsupported(sub { $c->baseline_hypervisor_cpu(undef, 'x86_64', undef, undef, [$host_cpu]) }, 'baseline_hypervisor_cpu');
    error_code_is(error_of { $c->baseline_cpu([$host_cpu]) }, Sys::Virt::Error::ERR_XML_ERROR,
                  'baseline_cpu of the test host CPU, which names no model');

    my $nehalem  = "<cpu><arch>x86_64</arch><model>Nehalem</model></cpu>";
    my $westmere = "<cpu><arch>x86_64</arch><model>Westmere</model></cpu>";
    my $base = $c->baseline_cpu([$nehalem, $westmere]);
    like($base, qr{<model fallback='allow'>Nehalem</model>}, 'baseline_cpu of Nehalem and Westmere: Nehalem');
    my $expanded = $c->baseline_cpu([$nehalem], Sys::Virt::BASELINE_CPU_EXPAND_FEATURES());
    like($expanded, qr{<feature policy='require' name='sse4.2'/>}, 'baseline_cpu(BASELINE_CPU_EXPAND_FEATURES) lists features');
    error_code_is(error_of { $c->baseline_cpu([]) }, Sys::Virt::Error::ERR_INVALID_ARG, 'baseline_cpu of no CPUs');
    error_code_is(error_of { $c->baseline_cpu(['not xml']) }, Sys::Virt::Error::ERR_XML_DETAIL, 'baseline_cpu of broken XML');
    croaks_ok(sub { $c->baseline_cpu($nehalem) }, qr/baseline_cpu: argument 'xml' must be an array reference/,
              'baseline_cpu of a string');
    croaks_ok(sub { my @a; $a[1] = $nehalem; $c->baseline_cpu(\@a) }, qr/argument 'xml\[0\]' must be a string, not undef/,
              'baseline_cpu of a sparse array');
    croaks_ok(sub { $c->baseline_hypervisor_cpu(undef, undef, undef, undef, {}) }, qr/argument 'xml' must be an array reference/,
              'baseline_hypervisor_cpu of a hash ref');
}

done_testing;
