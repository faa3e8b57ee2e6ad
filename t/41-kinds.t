# -*- perl -*-
#
# Every class in the table of object kinds behaves as an object class:
# it has an empty DESTROY, refuses to be serialized, refuses forged
# objects and objects of another class with a clear message, and its real
# objects are blessed into it, work, survive being cloned into a thread
# and stay usable in the parent. Before the table, the shim cached class
# stashes for only 8 kinds, and an object of a later kind (a storage
# volume, a node device, an interface, a stream) was blessed into nothing
# and crashed the process: the real objects below are made in a child
# first, so such a crash is a failure, not the end of the file.

use strict;
use warnings;

use FindBin;
use lib "$FindBin::Bin/lib";

use Config;
use Storable ();
use Test::More;

use Crash ();
use Sys::Virt;
BEGIN { Crash::assert_our_build() }
use SVTest qw(in_child child_status_ok);

my @classes = Sys::Virt::_object_classes();
is_deeply([sort @classes], [sort map { "Sys::Virt$_" } '', map { "::$_" } qw(Domain DomainSnapshot
    DomainCheckpoint Network NetworkPort StoragePool StorageVol NodeDevice Interface Secret NWFilter
    NWFilterBinding Stream)], 'the kinds table has the 14 object classes');

# A method of each class that takes the object first and nothing else.
my %METHOD = (
    'Sys::Virt'                   => 'get_uri',
    'Sys::Virt::Domain'           => 'get_name',
    'Sys::Virt::DomainSnapshot'   => 'get_name',
    'Sys::Virt::DomainCheckpoint' => 'get_name',
    'Sys::Virt::Network'          => 'get_name',
    'Sys::Virt::NetworkPort'      => 'get_uuid_string',
    'Sys::Virt::StoragePool'      => 'get_name',
    'Sys::Virt::StorageVol'       => 'get_name',
    'Sys::Virt::NodeDevice'       => 'get_name',
    'Sys::Virt::Interface'        => 'get_name',
    'Sys::Virt::Secret'           => 'get_uuid_string',
    'Sys::Virt::NWFilter'         => 'get_name',
    'Sys::Virt::NWFilterBinding'  => 'get_port_dev',
    'Sys::Virt::Stream'           => 'finish',
);

my $conn = Sys::Virt->new(uri => 'test:///default');
my $dom = $conn->get_domain_by_name('test');

for my $class (@classes) {
    my $method = $METHOD{$class};
    ok(defined $method, "$class: a method to try") or next;
    ok($class->can('DESTROY'), "$class can DESTROY");
    my $forged = bless \(my $n = 1234), $class;
    my $e = do { local $@; eval { $forged->$method }; $@ };
    like($e, qr/^\Q${class}::$method\E: argument '\w+' is not a \Q$class\E object/, "$class: a forged object is refused");
    my $other = $class eq 'Sys::Virt' ? $dom : $conn;
    $e = do { local $@; eval { no strict 'refs'; &{"${class}::$method"}($other) }; $@ };
    like($e, qr/^\Q${class}::$method\E: argument '\w+' is a \Q${\ ref $other}\E object, not a \Q$class\E object/,
        "$class: an object of another class is refused");
    $e = do { local $@; eval { Storable::freeze(\ bless(\(my $m = 1), $class)) }; $@ };
    like($e, qr/\Q$class\E objects hold live libvirt handles and cannot be serialized/, "$class refuses Storable");
    undef $forged;
}

sub checkpointed_domain {
    return eval { $conn->get_domain_by_name('kinds-cp') } || $conn->create_domain(
        "<domain type='test'><name>kinds-cp</name><memory>8192</memory><os><type>hvm</type></os>"
        . "<devices><disk type='file' device='disk'><source file='/guest/kinds-cp.img'/><target dev='hda'/></disk></devices></domain>");
}

# Real objects of the kinds the test driver has, each with what its method
# should answer.
my %MAKE = (
    'Sys::Virt'                   => [sub { $conn }, 'test:///default'],
    'Sys::Virt::Domain'           => [sub { $dom }, 'test'],
    'Sys::Virt::DomainSnapshot'   => [sub { $dom->create_snapshot('<domainsnapshot><name>k1</name></domainsnapshot>') }, 'k1'],
    # On a domain of its own: the test driver takes no snapshot of a domain with checkpoints.
    'Sys::Virt::DomainCheckpoint' => [sub { checkpointed_domain()->create_checkpoint('<domaincheckpoint><name>c1</name></domaincheckpoint>') }, 'c1'],
    'Sys::Virt::Network'          => [sub { $conn->get_network_by_name('default') }, 'default'],
    'Sys::Virt::StoragePool'      => [sub { $conn->get_storage_pool_by_name('default-pool') }, 'default-pool'],
    'Sys::Virt::StorageVol'       => [sub { $conn->get_storage_pool_by_name('default-pool')->create_volume(
        "<volume><name>k.img</name><capacity>1048576</capacity></volume>") }, 'k.img'],
    'Sys::Virt::NodeDevice'       => [sub { $conn->get_node_device_by_name('computer') }, 'computer'],
    'Sys::Virt::Interface'        => [sub { $conn->get_interface_by_name('eth1') }, 'eth1'],
    'Sys::Virt::Stream'           => [sub { $conn->new_stream }, undef],
);

# The object took the call: it answered, or libvirt refused the operation
# (a new stream has nothing to finish), but the object itself was accepted.
sub accepted {
    my ($obj, $method) = @_;
    local $@;
    return 'ok' if eval { $obj->$method; 1 };
    return ref $@ && $@->isa('Sys::Virt::Error') ? 'ok' : "died: $@";
}

for my $class (sort keys %MAKE) {
    my ($make, $answer) = @{ $MAKE{$class} };
    my $method = $METHOD{$class};
    my ($status, $out) = in_child(sub { my $obj = $make->(); ref($obj) . ' ' . accepted($obj, $method) });
    child_status_ok($status, "$class: making and using an object in a child", $out);
    is($out, "$class ok", "$class: the child's object was blessed and worked");
    my $obj = $make->();
    is(ref $obj, $class, "$class: a real object is blessed into its class");
    is(scalar $obj->$method, $answer, "$class: $method answers") if defined $answer;
    SKIP: {
        skip 'perl without threads', 2 unless $Config{useithreads};
        require threads;
        is(threads->create(sub { accepted($obj, $method) })->join, 'ok', "$class: the object works in a thread");
        is(accepted($obj, $method), 'ok', "$class: and still in the parent after the thread has gone");
    }
}

done_testing();
