# -*- perl -*-
#
# The domain and host calls on a real hypervisor: a private libvirtd with
# the QEMU driver and one guest that boots nothing (KVM when /dev/kvm is
# usable, TCG otherwise). A raw disk is attached live, read with
# block_peek, resized and detached; vCPUs, the emulator and an I/O thread
# are pinned and read back; memory_peek is checked against the QEMU
# monitor's own view of guest memory; keys, NMIs and resets are sent; the
# guest agent calls give libvirt's "agent not responding" error, with an
# agent channel and no agent behind it.

use strict;
use warnings;

use FindBin;
use lib "$FindBin::Bin/lib";

use Crash ();
use Sys::Virt;
BEGIN { Crash::assert_our_build() }

use Test::More;
use PrivateLibvirtd;
use SVTest qw(error_of error_code_is croaks_ok);

my $d = PrivateLibvirtd->start_or_skip;
PrivateLibvirtd->watchdog(240, '152-domain-libvirtd.t');

use constant DOM => 'Sys::Virt::Domain';
use constant {
    LIVE  => Sys::Virt::Domain::DEVICE_MODIFY_LIVE(),
    PHYS  => Sys::Virt::Domain::MEMORY_PHYSICAL(),
    AGENT => Sys::Virt::Error::ERR_AGENT_UNRESPONSIVE(),
};

my $conn = Sys::Virt->new(uri => $d->uri);
is($conn->get_type, 'QEMU', 'connected to the QEMU driver of the private daemon');

my $disk = $d->make_disk('g152');
my $xml = $d->guest_xml('g152', $disk);
# A SCSI controller (SCSI disks unplug without the guest's help) and an
# agent channel with no agent behind it.
$xml =~ s{<memballoon}{<controller type='scsi' index='0' model='virtio-scsi'/>
    <channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/></channel>
    <memballoon} or die 'guest XML changed';
my $dom = $conn->define_domain($xml);
$dom->create;
is($dom->get_info->{state}, Sys::Virt::Domain::STATE_RUNNING, 'the guest runs');

sub live_xml { return $dom->get_xml_description }

# Waits up to $seconds for the XML to match (or not) $re.
sub xml_settles {
    my ($re, $want, $seconds) = @_;
    for (1 .. $seconds * 10) {
        return 1 if (live_xml() =~ $re ? 1 : 0) == $want;
        select(undef, undef, undef, 0.1);
    }
    return 0;
}

# The QEMU monitor's view of guest physical memory, as bytes.
sub monitor_bytes {
    my ($address, $count) = @_;
    my $out = $d->run('virsh', '-c', $d->uri, 'qemu-monitor-command', 'g152', '--hmp',
                      sprintf('xp /%dxb 0x%x', $count, $address));
    return join '', map { chr hex } $out =~ /0x([0-9a-f]{2})\b/g;
}

# ------------------------------------------------------------- block devices

{
    my $info = $dom->get_block_info('vda');
    is($info->{capacity}, 16 << 20, 'get_block_info: capacity of the 16 MiB qcow2 disk');
    ok($info->{allocation} > 0 && $info->{physical} > 0, 'get_block_info: allocation and physical size');
    error_code_is(error_of { $dom->block_peek('vda', 0, 16) }, Sys::Virt::Error::ERR_OPERATION_UNSUPPORTED,
                  'block_peek of a qcow2 disk: only raw disks can be read');

    my $raw = $d->image_path('extra.raw');
    $d->run('qemu-img', 'create', '-q', '-f', 'raw', $raw, '1M');
    $d->run('qemu-io', '-f', 'raw', '-c', 'write -P 0xab 0 4k', '-c', 'write -P 0x5c 65536 512', $raw);
    my $extra = "<disk type='file' device='disk'><driver name='qemu' type='raw'/>"
              . "<source file='$raw'/><target dev='sdb' bus='scsi'/><alias name='ua-extra'/></disk>";

    $dom->attach_device($extra, LIVE);
    like(live_xml(), qr{<target dev='sdb' bus='scsi'/>}, 'attach_device(DEVICE_MODIFY_LIVE): the disk is in the live XML');
    unlike($dom->get_xml_description(Sys::Virt::Domain::XML_INACTIVE()), qr{dev='sdb'}, '... and not in the configuration');
    is($dom->block_peek('sdb', 0, 16), "\xab" x 16, 'block_peek: the pattern written at 0');
    is($dom->block_peek('sdb', 4090, 12), ("\xab" x 6) . ("\0" x 6), 'block_peek across the pattern\'s end');
    is($dom->block_peek('sdb', 65536, 512), "\x5c" x 512, 'block_peek: the pattern written at 64 KiB');
    is($dom->block_peek($raw, 65536, 4), "\x5c" x 4, 'block_peek by source path');
    is($dom->get_block_info('sdb')->{capacity}, 1 << 20, 'get_block_info of the new disk');

    $dom->block_resize('sdb', 2 << 20, Sys::Virt::Domain::BLOCK_RESIZE_BYTES());
    is($dom->get_block_info('sdb')->{capacity}, 2 << 20, 'block_resize(BLOCK_RESIZE_BYTES): read back');
    $dom->block_resize('sdb', 3072);
    is($dom->get_block_info('sdb')->{capacity}, 3 << 20, 'block_resize in KiB: read back');
    $dom->set_block_threshold('sdb', 1 << 20);
    pass('set_block_threshold accepted');

    $dom->detach_device($extra, LIVE);
    ok(xml_settles(qr{dev='sdb'}, 0, 10), 'detach_device: the disk leaves the live XML');
    error_code_is(error_of { $dom->block_peek('sdb', 0, 1) }, Sys::Virt::Error::ERR_INVALID_ARG, 'block_peek of the detached disk');

    $dom->attach_device($extra);
    like(live_xml(), qr{dev='sdb'}, 'attach_device without flags: attached to the running guest');
    $dom->detach_device_alias('ua-extra', LIVE);
    ok(xml_settles(qr{dev='sdb'}, 0, 10), 'detach_device_alias: gone again');
    error_code_is(error_of { $dom->detach_device_alias('ua-extra', LIVE) }, Sys::Virt::Error::ERR_INTERNAL_ERROR,
                  'detach_device_alias of a device that is gone');
}

# ---------------------------------------------------------- vCPUs, pinning

{
    my ($cpus) = $conn->get_node_cpu_map;
    my $maplen = int(($cpus + 7) / 8);
    my @vcpus = $dom->get_vcpu_info;
    is(scalar @vcpus, 1, 'get_vcpu_info: one vCPU');
    is($vcpus[0]{state}, Sys::Virt::Domain::VCPU_RUNNING(), 'get_vcpu_info: running');
    ok($vcpus[0]{cpu} >= 0 && $vcpus[0]{cpu} < $cpus, 'get_vcpu_info: on a host CPU');
    ok($vcpus[0]{cpuTime} > 0, 'get_vcpu_info: cpuTime');
    ok(length $vcpus[0]{affinity} >= $maplen, 'get_vcpu_info: affinity covers the host CPUs');

    my $cpu0 = "\x01";
    $dom->pin_vcpu(0, $cpu0);
    my $aff = ($dom->get_vcpu_info)[0]{affinity};
    is(unpack('b*', $aff) =~ tr/1//, 1, 'pin_vcpu: one CPU allowed');
    ok(vec($aff, 0, 1), 'pin_vcpu: CPU 0, read back by get_vcpu_info');
    like(live_xml(), qr{<vcpupin vcpu='0' cpuset='0'/>}, 'pin_vcpu: in the XML');
    is(($dom->get_vcpu_info(Sys::Virt::Domain::AFFECT_LIVE()))[0]{affinity}, $aff, 'get_vcpu_info(AFFECT_LIVE) agrees');

    my $last = "\0" x $maplen;
    vec($last, $cpus - 1, 1) = 1;
    $dom->pin_emulator($last);
    my $emu = $dom->get_emulator_pin_info;
    ok(vec($emu, $cpus - 1, 1) && unpack('b*', $emu) =~ tr/1// == 1, 'pin_emulator: read back by get_emulator_pin_info');

    $dom->add_iothread(7, Sys::Virt::Domain::AFFECT_LIVE());
    is_deeply([map { $_->{number} } $dom->get_iothread_info], [7], 'add_iothread: a live I/O thread');
    $dom->pin_iothread(7, $cpu0, Sys::Virt::Domain::AFFECT_LIVE());
    my ($thread) = $dom->get_iothread_info;
    ok(vec($thread->{affinity}, 0, 1) && unpack('b*', $thread->{affinity}) =~ tr/1// == 1, 'pin_iothread: read back');
    $dom->del_iothread(7, Sys::Virt::Domain::AFFECT_LIVE());
    is_deeply([$dom->get_iothread_info], [], 'del_iothread: gone');

    is($dom->get_vcpus, 1, 'get_vcpus');
    error_code_is(error_of { $dom->set_vcpus(2) }, Sys::Virt::Error::ERR_INVALID_ARG, 'set_vcpus above the maximum');
    error_code_is(error_of { $dom->set_max_memory(100_000) }, Sys::Virt::Error::ERR_OPERATION_INVALID,
                  'set_max_memory of a running guest');
}

# ------------------------------------------------------------- memory_peek

{
    $dom->suspend;    # nothing changes guest memory meanwhile
    my $reset_vector = 0xfffffff0;
    my $bytes = $dom->memory_peek($reset_vector, 16, PHYS);
    is(length $bytes, 16, 'memory_peek: 16 bytes');
    is($bytes, monitor_bytes($reset_vector, 16), 'memory_peek: the bytes the QEMU monitor sees at the reset vector');
    is(substr($bytes, 0, 1), "\xea", 'memory_peek: a far jump there');
    is($dom->memory_peek(0x1000, 64, PHYS), monitor_bytes(0x1000, 64), 'memory_peek of low memory');
    my $high = (1 << 32) + $reset_vector;
    my $above = $dom->memory_peek($high, 16, PHYS);
    is(length $above, 16, 'memory_peek above 4 GiB');
    isnt($above, $bytes, '... reads there, not at the address cut to 32 bits');
    error_code_is(error_of { $dom->memory_peek(0, 16, 0) }, Sys::Virt::Error::ERR_INVALID_ARG, 'memory_peek without flags');
    $dom->resume;
}

# ----------------------------------------------------- keys, NMI, reset

{
    $dom->send_key(Sys::Virt::Domain::KEYCODE_SET_LINUX(), 50, [29, 56, 111]);
    pass('send_key accepted');
    $dom->inject_nmi;
    pass('inject_nmi accepted');
    $dom->reset;
    is($dom->get_info->{state}, Sys::Virt::Domain::STATE_RUNNING, 'reset accepted: the guest runs');
    is_deeply([sort keys %{ $dom->get_control_info }], [qw(details state stateTime)], 'get_control_info: keys');
    error_code_is(error_of { $dom->send_process_signal(1, 0) }, Sys::Virt::Error::ERR_NO_SUPPORT, 'send_process_signal');
}

# ----------------------------------------------- guest agent (none running)

{
    my %calls = (
        get_time             => sub { $dom->get_time },
        set_time             => sub { $dom->set_time(1_700_000_000, 0) },
        get_hostname         => sub { $dom->get_hostname },
        get_fs_info          => sub { $dom->get_fs_info },
        fs_freeze            => sub { $dom->fs_freeze([]) },
        fs_thaw              => sub { $dom->fs_thaw([]) },
        get_interface_addresses => sub { $dom->get_interface_addresses(Sys::Virt::Domain::INTERFACE_ADDRESSES_SRC_AGENT()) },
        authorized_ssh_keys_get => sub { $dom->authorized_ssh_keys_get('root') },
        authorized_ssh_keys_set => sub { $dom->authorized_ssh_keys_set('root', ['ssh-ed25519 AAAA test']) },
        set_user_password    => sub { $dom->set_user_password('root', 'secret') },
        set_guest_vcpus      => sub { $dom->set_guest_vcpus('0', 1) },
        pm_suspend_for_duration => sub { $dom->pm_suspend_for_duration(Sys::Virt::NODE_SUSPEND_TARGET_MEM(), 0) },
    );
    for my $name (sort keys %calls) {
        error_code_is(error_of { $calls{$name}->() }, AGENT, "$name: the agent does not answer");
    }
    like(error_of { $dom->get_hostname }->message, qr/guest agent is not connected/, 'the message says so');
    $dom->set_agent_response_timeout(Sys::Virt::Domain::AGENT_RESPONSE_TIMEOUT_NOWAIT());
    pass('set_agent_response_timeout accepted');
    is_deeply([$dom->get_interface_addresses(Sys::Virt::Domain::INTERFACE_ADDRESSES_SRC_LEASE())], [],
              'get_interface_addresses from leases: the guest has no interface');
}

# --------------------------------------------- metadata, labels, messages

{
    my $ns = 'http://example.org/sv152/';
    $dom->set_metadata(Sys::Virt::Domain::METADATA_ELEMENT(), '<tag>x</tag>', 't', $ns, Sys::Virt::Domain::AFFECT_LIVE());
    is($dom->get_metadata(Sys::Virt::Domain::METADATA_ELEMENT(), $ns), '<tag>x</tag>', 'metadata round trip on the live guest');
    my @labels = $dom->get_security_label_list;
    ok(@labels >= 1, 'get_security_label_list: a label per security driver');
    is_deeply([sort keys %{ $labels[0] }], [qw(enforcing label)], 'get_security_label_list: keys');
    is_deeply([sort keys %{ $dom->get_security_label }], [qw(enforcing label)], 'get_security_label: keys');
    my @messages = $dom->get_messages;
    ok((grep { /custom-monitor|monitor/ } @messages), 'get_messages: the monitor commands above tainted the guest')
        or diag explain \@messages;
    $dom->start_dirty_rate_calc(1);
    pass('start_dirty_rate_calc accepted');
}

# ------------------------------------------------------------------- host

{
    my ($cpus, $map, $online) = $conn->get_node_cpu_map;
    ok($cpus >= 1 && $online >= 1 && $online <= $cpus, 'get_node_cpu_map: counts');
    is(unpack('b*', $map) =~ tr/1//, $online, 'get_node_cpu_map: the map agrees with the count');
    like($conn->get_domain_capabilities(undef, undef, undef, undef), qr{<domainCapabilities>}, 'get_domain_capabilities');
    my ($host_cpu) = $conn->get_capabilities =~ m{(<cpu>.*?</cpu>)}s;
    my $cmp = $conn->compare_cpu($host_cpu);
    ok($cmp == Sys::Virt::CPU_COMPARE_IDENTICAL() || $cmp == Sys::Virt::CPU_COMPARE_SUPERSET(), 'compare_cpu of the host CPU with the host');
    like($conn->baseline_cpu([$host_cpu]), qr{<cpu\b}, 'baseline_cpu of the host CPU');
    like($conn->baseline_hypervisor_cpu(undef, undef, undef, undef, [$host_cpu]), qr{<cpu\b}, 'baseline_hypervisor_cpu');
    my $hv = $conn->compare_hypervisor_cpu(undef, undef, undef, undef, $host_cpu);
    ok($hv >= Sys::Virt::CPU_COMPARE_INCOMPATIBLE() && $hv <= Sys::Virt::CPU_COMPARE_SUPERSET(), 'compare_hypervisor_cpu answers');
    like($conn->domain_xml_to_native('qemu-argv', live_xml()), qr{-name guest=g152}, 'domain_xml_to_native');
    ok($conn->get_node_free_memory > 0, 'get_node_free_memory');
}

$dom->destroy;
$dom->rename('g152-renamed');
is($conn->get_domain_by_name('g152-renamed')->get_uuid_string, $dom->get_uuid_string, 'rename of the stopped guest');
$conn->get_domain_by_name('g152-renamed')->undefine;

undef $dom;
undef $conn;
my @left = $d->stop;
is_deeply(\@left, [], 'daemons and guests stopped: nothing left running');

done_testing;
