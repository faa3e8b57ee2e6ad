# -*- perl -*-
#
# The domain calls of the devices, vCPU, memory, block, guest agent,
# control and metadata groups on libvirt's mock driver test:///default:
# the values it reports, changes read back through get_info and the XML,
# libvirt's errors for what the mock driver does not implement, and our
# checks of array and numeric arguments.

use strict;
use warnings;

use FindBin;
use lib "$FindBin::Bin/lib";

use Crash ();
use Sys::Virt;
BEGIN { Crash::assert_our_build() }

use Test::More;
use SVTest;

my ($c, $d) = test_domain();

use constant NO_SUPPORT => Sys::Virt::Error::ERR_NO_SUPPORT;

# The mock driver's answer to a call it lacks.
sub unsupported {
    my ($code, $name) = @_;
    local $Test::Builder::Level = $Test::Builder::Level + 1;
    my $err = error_of { $code->() };
    error_code_is($err, NO_SUPPORT, "$name: not supported by the test driver");
}

sub xml { return $d->get_xml_description(@_) }

# ---------------------------------------------------------------- devices

{
    my $disk = "<disk type='file' device='disk'><source file='/tmp/sv-extra.img'/>"
             . "<target dev='vdb' bus='virtio'/></disk>";
    unsupported(sub { $d->attach_device($disk) }, 'attach_device');
    unsupported(sub { $d->attach_device($disk, DOM('DEVICE_MODIFY_CONFIG')) }, 'attach_device with flags');
    unsupported(sub { $d->detach_device($disk) }, 'detach_device');
    unsupported(sub { $d->detach_device($disk, DOM('DEVICE_MODIFY_LIVE')) }, 'detach_device with flags');
    unsupported(sub { $d->detach_device_alias('ua-disk1') }, 'detach_device_alias');
    unsupported(sub { $d->update_device($disk) }, 'update_device');
    like(error_of { $d->attach_device($disk) }->message, qr/virDomainAttachDevice\b/,
         'attach_device without flags is virDomainAttachDevice');
    like(error_of { $d->attach_device($disk, 2) }->message, qr/virDomainAttachDeviceFlags/,
         'attach_device with flags is virDomainAttachDeviceFlags');
    unlike(xml(), qr/vdb/, 'the XML has no new disk');
    croaks_ok(sub { $d->attach_device($disk, -1) }, qr/attach_device: argument 'flags'/, 'attach_device: bad flags');
}

# ------------------------------------------------------ vCPUs and I/O threads

{
    my ($cpus, $online_map, $online) = $c->get_node_cpu_map;
    my $info = $c->get_node_info;
    my $maplen = int(($info->{nodes} * $info->{sockets} * $info->{cores} * $info->{threads} + 7) / 8);

    is($d->get_vcpus, 2, 'get_vcpus: 2');
    is($d->get_vcpus(DOM('VCPU_MAXIMUM')), 2, 'get_vcpus(VCPU_MAXIMUM): 2');
    my @vcpus = $d->get_vcpu_info;
    is(scalar @vcpus, 2, 'get_vcpu_info: one record per vCPU');
    is_deeply([sort keys %{ $vcpus[0] }], [qw(affinity cpu cpuTime number state)], 'get_vcpu_info: keys');
    is_deeply([map { $_->{number} } @vcpus], [0, 1], 'get_vcpu_info: numbers');
    is($vcpus[0]{state}, DOM('VCPU_RUNNING'), 'get_vcpu_info: running');
    ok($vcpus[0]{cpuTime} > 0, 'get_vcpu_info: cpuTime is filled in for a running domain');
    is(length $vcpus[0]{affinity}, $maplen, "get_vcpu_info: affinity has one bit per possible host CPU ($maplen bytes)");
    is($vcpus[0]{affinity}, "\xff" x $maplen, 'get_vcpu_info: unpinned vCPU may run anywhere');
    ok(!utf8::is_utf8($vcpus[0]{affinity}), 'affinity is a byte string');

    my @config = $d->get_vcpu_info(DOM('AFFECT_CONFIG'));
    is(scalar @config, 2, 'get_vcpu_info(AFFECT_CONFIG): two records');
    is_deeply([map { [$_->{state}, $_->{cpu}, $_->{cpuTime}] } @config], [[0, 0, 0], [0, 0, 0]],
              'get_vcpu_info(AFFECT_CONFIG): state, cpu and cpuTime are 0');

    $d->pin_vcpu(1, "\x03");
    is(($d->get_vcpu_info)[1]{affinity}, "\x03" . ("\0" x ($maplen - 1)), 'pin_vcpu: read back by get_vcpu_info');
    like(xml(), qr{<vcpupin vcpu='1' cpuset='0-1'/>}, 'pin_vcpu: in the XML');
    error_code_is(error_of { $d->pin_vcpu(0, '') }, Sys::Virt::Error::ERR_INVALID_ARG, 'pin_vcpu with an empty map');
    my $upgraded = "\x84";
    utf8::upgrade($upgraded);
    $d->pin_vcpu(0, $upgraded);
    is(($d->get_vcpu_info)[0]{affinity}, "\x84" . ("\0" x ($maplen - 1)), 'pin_vcpu: a character-string map is read as its bytes');
    croaks_ok(sub { $d->pin_vcpu(0, "\x{100}") }, qr/pin_vcpu: argument 'mask' must be a byte string/, 'pin_vcpu: a wide character');
    croaks_ok(sub { $d->pin_vcpu(-1, "\x01") }, qr/pin_vcpu: argument 'vcpu' is out of range/, 'pin_vcpu: negative vCPU');

    is($d->get_emulator_pin_info, "\xff" x $maplen, 'get_emulator_pin_info: all CPUs at first');
    $d->pin_emulator("\x05");
    is($d->get_emulator_pin_info, "\x05" . ("\0" x ($maplen - 1)), 'pin_emulator: read back');
    like(xml(), qr{<emulatorpin cpuset='0,2'/>}, 'pin_emulator: in the XML');

    is_deeply([$d->get_iothread_info], [], 'get_iothread_info: none at first');
    $d->add_iothread(3);
    $d->add_iothread(5);
    my @threads = $d->get_iothread_info;
    is_deeply([map { $_->{number} } @threads], [3, 5], 'add_iothread: read back');
    ok(length $threads[0]{affinity} >= 1, 'get_iothread_info: affinity is a CPU map');
    $d->pin_iothread(3, "\x02");
    is(unpack('b*', ($d->get_iothread_info)[0]{affinity}) =~ tr/1//, 1, 'pin_iothread: one CPU left');
    ok(vec(($d->get_iothread_info)[0]{affinity}, 1, 1), 'pin_iothread: CPU 1');
    $d->del_iothread(3);
    is_deeply([map { $_->{number} } $d->get_iothread_info], [5], 'del_iothread: read back');
    error_code_is(error_of { $d->pin_iothread(42, "\x01") }, Sys::Virt::Error::ERR_INVALID_ARG, 'pin_iothread: no such thread');

    $d->set_vcpus(1);
    is($d->get_vcpus, 1, 'set_vcpus(1): get_vcpus');
    is($d->get_info->{nrVirtCpu}, 1, 'set_vcpus(1): get_info');
    is(scalar(my @one = $d->get_vcpu_info), 1, 'set_vcpus(1): get_vcpu_info');
    like(xml(), qr{<vcpu placement='static' current='1'>2</vcpu>}, 'set_vcpus(1): the XML');
    $d->set_vcpus(2, DOM('VCPU_LIVE'));
    is($d->get_info->{nrVirtCpu}, 2, 'set_vcpus(2, VCPU_LIVE)');
    error_code_is(error_of { $d->set_vcpus(64) }, Sys::Virt::Error::ERR_INVALID_ARG, 'set_vcpus above the maximum');
    croaks_ok(sub { $d->set_vcpus(-1) }, qr/set_vcpus: argument 'count' is out of range/, 'set_vcpus(-1)');

    unsupported(sub { $d->set_vcpu('1', 0) }, 'set_vcpu');
    unsupported(sub { $d->set_guest_vcpus('1', 0) }, 'set_guest_vcpus');
}

# ----------------------------------------------------------------- memory

{
    $d->set_memory(300_000);
    is($d->get_info->{memory}, 300_000, 'set_memory: get_info');
    like(xml(), qr{<currentMemory unit='KiB'>300000</currentMemory>}, 'set_memory: the XML');
    $d->set_memory(400_000, DOM('MEM_CONFIG'));
    like(xml(DOM('XML_INACTIVE')), qr{<currentMemory unit='KiB'>400000</currentMemory>}, 'set_memory(MEM_CONFIG): the inactive XML');
    is($d->get_info->{memory}, 300_000, 'set_memory(MEM_CONFIG): the running domain keeps its memory');
    error_code_is(error_of { $d->set_max_memory(1 << 21) }, Sys::Virt::Error::ERR_OPERATION_INVALID,
                  'set_max_memory on a running domain');
    croaks_ok(sub { $d->set_memory(-1) }, qr/set_memory: argument 'kib' is out of range/, 'set_memory(-1)');

    my $off = $c->define_domain("<domain type='test'><name>sv150-off</name><memory>100000</memory><os><type>hvm</type></os></domain>");
    $off->set_max_memory(200_000);
    is($off->get_max_memory, 200_000, 'set_max_memory: get_max_memory');
    like($off->get_xml_description, qr{<memory unit='KiB'>200000</memory>}, 'set_max_memory: the XML');
    is($off->get_info->{maxMem}, 200_000, 'set_max_memory: get_info');

    my $bytes = $d->memory_peek(0, 16, DOM('MEMORY_VIRTUAL'));
    is($bytes, join('', map { chr } 0 .. 15), 'memory_peek: the test driver\'s pattern (each byte its address)');
    ok(!utf8::is_utf8($bytes), 'memory_peek: bytes');
    is($d->memory_peek(100, 4, DOM('MEMORY_PHYSICAL')), 'defg', 'memory_peek at an offset');
    is($d->memory_peek(0, 0, DOM('MEMORY_VIRTUAL')), '', 'memory_peek of no bytes');
    error_code_is(error_of { $d->memory_peek(0, 4) }, Sys::Virt::Error::ERR_INVALID_ARG, 'memory_peek without flags');
    croaks_ok(sub { $d->memory_peek(0, 2**40, 1) }, qr/memory_peek: argument 'size' must be at most 4194304/, 'memory_peek of 1 TiB');
    is(length $d->memory_peek(0, 4 << 20, 1), 4 << 20, 'memory_peek of 4 MiB, the most allowed');

    unsupported(sub { $d->start_dirty_rate_calc(1) }, 'start_dirty_rate_calc');
    $off->undefine;
}

# ---------------------------------------------------------- block devices

{
    is_deeply($d->get_block_info('vda'),
              { capacity => 1099506450432, allocation => 1099511627776, physical => 1099511627776 },
              'get_block_info: the test driver\'s figures');
    is_deeply($d->get_block_info('/guest/diskimage1', 0), $d->get_block_info('vda'), 'get_block_info by source path');
    error_code_is(error_of { $d->get_block_info('vdz') }, Sys::Virt::Error::ERR_INVALID_ARG, 'get_block_info: no such disk');
    is_deeply([$d->get_disk_errors], [{ path => 'vda', error => DOM('DISK_ERROR_UNSPEC') }],
              'get_disk_errors: the test driver\'s one error');
    unsupported(sub { $d->block_peek('vda', 0, 512) }, 'block_peek');
    croaks_ok(sub { $d->block_peek('vda', 0, 5 << 20) }, qr/block_peek: argument 'size' must be at most 4194304/, 'block_peek of 5 MiB');
    unsupported(sub { $d->block_resize('vda', 1 << 20) }, 'block_resize');
    unsupported(sub { $d->set_block_threshold('vda', 1 << 20) }, 'set_block_threshold');
}

# ------------------------------------------------------------ guest agent

{
    is_deeply($d->get_time, [627319920, 0], 'get_time: an array ref of seconds and nanoseconds');
    $d->set_time(1_000_000, 5);
    $d->set_time(0, 0, DOM('TIME_SYNC'));
    pass('set_time accepted');
    croaks_ok(sub { $d->set_time('soon', 0) }, qr/set_time: argument 'secs' must be a number/, 'set_time: non-numeric seconds');
    is($d->get_hostname, 'testhost', 'get_hostname');

    my @fs = $d->get_fs_info;
    is_deeply(\@fs, [
        { mountpoint => '/',     name => 'vda1', fstype => 'ext4', devalias => ['vda'] },
        { mountpoint => '/boot', name => 'vda2', fstype => 'ext4', devalias => ['vda'] },
    ], 'get_fs_info');

    $d->fs_freeze([]);
    $d->fs_thaw([]);
    $d->fs_freeze(['/', '/boot']);
    $d->fs_thaw(['/']);
    pass('fs_freeze and fs_thaw accepted');
    error_code_is(error_of { $d->fs_freeze(['/nope']) }, Sys::Virt::Error::ERR_OPERATION_INVALID, 'fs_freeze of an unknown mount point');
    croaks_ok(sub { $d->fs_freeze({}) }, qr/fs_freeze: argument 'mountpoints' must be an array reference/, 'fs_freeze of a hash ref');
    croaks_ok(sub { $d->fs_thaw('/') }, qr/fs_thaw: argument 'mountpoints' must be an array reference/, 'fs_thaw of a string');
    croaks_ok(sub { my @a; $a[1] = '/'; $d->fs_freeze(\@a) }, qr/fs_freeze: argument 'mountpoints\[0\]' must be a string, not undef/, 'fs_freeze of a sparse array');
    croaks_ok(sub { $d->fs_freeze([['/']]) }, qr/'mountpoints\[0\]' must be a string, not a reference/, 'fs_freeze of nested arrays');

    $d->fs_trim('/', 0);
    pass('fs_trim accepted');
    error_code_is(error_of { $d->fs_trim('/nope', 0) }, Sys::Virt::Error::ERR_OPERATION_INVALID, 'fs_trim of an unknown mount point');

    my $iface = [{ name => 'testnet0', hwaddr => 'aa:bb:cc:dd:ee:ff',
                   addrs => [{ type => Sys::Virt::IP_ADDR_TYPE_IPV4(), addr => '192.168.122.3', prefix => 24 }] }];
    is_deeply([$d->get_interface_addresses(DOM('INTERFACE_ADDRESSES_SRC_LEASE'))], $iface, 'get_interface_addresses (leases)');
    is_deeply([$d->get_interface_addresses(DOM('INTERFACE_ADDRESSES_SRC_AGENT'))], $iface, 'get_interface_addresses (agent)');

    unsupported(sub { $d->authorized_ssh_keys_get('root') }, 'authorized_ssh_keys_get');
    unsupported(sub { $d->authorized_ssh_keys_set('root', ['ssh-ed25519 AAAA x']) }, 'authorized_ssh_keys_set');
    croaks_ok(sub { $d->authorized_ssh_keys_set('root', 'ssh-ed25519 AAAA x') }, qr/argument 'keys' must be an array reference/,
              'authorized_ssh_keys_set of a string');
    $d->set_user_password('root', 'secret');
    pass('set_user_password accepted');
    unsupported(sub { $d->set_agent_response_timeout(5) }, 'set_agent_response_timeout');
}

# -------------------------------------------------------- control and power

{
    is_deeply($d->get_control_info, { state => DOM('CONTROL_OK'), details => 0, stateTime => 0 }, 'get_control_info');

    $d->send_key(DOM('KEYCODE_SET_LINUX'), 10, [29, 56, 111]);
    pass('send_key accepted');
    error_code_is(error_of { $d->send_key(DOM('KEYCODE_SET_LINUX'), 10, [(1) x 17]) },
                  Sys::Virt::Error::ERR_INVALID_ARG, 'send_key of 17 keys');
    croaks_ok(sub { my @a; $a[2] = 30; $d->send_key(0, 10, \@a) }, qr/send_key: argument 'keycodes\[0\]' must be a number, not undef/,
              'send_key of a sparse array');
    croaks_ok(sub { $d->send_key(0, 10, 'abc') }, qr/send_key: argument 'keycodes' must be an array reference/, 'send_key of a string');
    croaks_ok(sub { $d->send_key(0, 10, { 1 => 2 }) }, qr/argument 'keycodes' must be an array reference/, 'send_key of a hash ref');
    croaks_ok(sub { $d->send_key(0, 10, ['a']) }, qr/argument 'keycodes\[0\]' must be a number/, 'send_key of a string key');
    croaks_ok(sub { $d->send_key(0, 10, [-1]) }, qr/argument 'keycodes\[0\]' is out of range/, 'send_key of a negative key');
    croaks_ok(sub { $d->send_key(0, 10, [2**32]) }, qr/argument 'keycodes\[0\]' is out of range/, 'send_key of key 2**32');

    $d->send_process_signal(1, DOM('PROCESS_SIGNAL_TERM'));
    $d->inject_nmi;
    $d->reset;
    pass('send_process_signal, inject_nmi and reset accepted');
    is($d->get_info->{state}, DOM('STATE_RUNNING'), 'still running after reset');
    unsupported(sub { $d->pm_suspend_for_duration(Sys::Virt::NODE_SUSPEND_TARGET_MEM(), 0) }, 'pm_suspend_for_duration');
    unsupported(sub { $d->pm_wakeup }, 'pm_wakeup');

    $d->set_lifecycle_action(DOM('LIFECYCLE_POWEROFF'), DOM('LIFECYCLE_ACTION_RESTART'));
    like(xml(), qr{<on_poweroff>restart</on_poweroff>}, 'set_lifecycle_action: the XML');

    error_code_is(error_of { $d->rename('test-renamed') }, Sys::Virt::Error::ERR_OPERATION_INVALID, 'rename of a running domain');
    my $off = $c->define_domain("<domain type='test'><name>sv150-a</name><memory>100000</memory><os><type>hvm</type></os></domain>");
    $off->rename('sv150-b');
    is($c->get_domain_by_name('sv150-b')->get_uuid_string, $off->get_uuid_string, 'rename: found by its new name');
    error_code_is(error_of { $c->get_domain_by_name('sv150-a') }, Sys::Virt::Error::ERR_NO_DOMAIN, 'rename: the old name is gone');
    $c->get_domain_by_name('sv150-b')->undefine;
}

# ------------------------------------------ metadata, security labels, messages

{
    my $title = DOM('METADATA_TITLE');
    error_code_is(error_of { $d->get_metadata($title) }, Sys::Virt::Error::ERR_NO_DOMAIN_METADATA, 'get_metadata: no title yet');
    $d->set_metadata($title, "A \x{263a} title");
    is($d->get_metadata($title), "A \x{263a} title", 'set_metadata/get_metadata: title round trip');
    like(xml(), qr{<title>A \x{263a} title</title>}, 'the title is in the XML');
    $d->set_metadata(DOM('METADATA_DESCRIPTION'), 'what it is for', undef, undef, 0);
    is($d->get_metadata(DOM('METADATA_DESCRIPTION'), undef, 0), 'what it is for', 'description round trip');
    $d->set_metadata($title, undef);
    error_code_is(error_of { $d->get_metadata($title) }, Sys::Virt::Error::ERR_NO_DOMAIN_METADATA, 'set_metadata(undef) removes it');

    my $ns = 'http://example.org/sv150/';
    $d->set_metadata(DOM('METADATA_ELEMENT'), '<owner>alice</owner>', 'app', $ns);
    is($d->get_metadata(DOM('METADATA_ELEMENT'), $ns), '<owner>alice</owner>', 'element metadata round trip');
    like(xml(), qr{<app:owner xmlns:app="\Q$ns\E">alice</app:owner>}, 'element metadata in the XML');
    error_code_is(error_of { $d->get_metadata(DOM('METADATA_ELEMENT'), 'http://example.org/other/') },
                  Sys::Virt::Error::ERR_NO_DOMAIN_METADATA, 'element metadata of another namespace');

    is_deeply($d->get_security_label, { label => 'libvirt-test', enforcing => 1 }, 'get_security_label');
    unsupported(sub { $d->get_security_label_list }, 'get_security_label_list');
    is_deeply([$d->get_messages], [], 'get_messages: none');
}

done_testing;
