# -*- perl -*-
#
# Host interfaces on the mock driver test:///default: its one interface
# (eth1, up), lookups by name and MAC, the name lists and their caps, an
# interface defined, started, stopped and undefined, the change
# transactions, stale and bad objects.

use strict;
use warnings;

use FindBin;
use lib "$FindBin::Bin/lib";

use Test::More;

use Crash ();
use Sys::Virt;
BEGIN { Crash::assert_our_build() }

use SVTest;

use constant IF => 'Sys::Virt::Interface';

my $c = conn();

# ------------------------------------------------------------- eth1

is($c->num_of_interfaces, 1, 'num_of_interfaces: one up');
is($c->num_of_defined_interfaces, 0, 'num_of_defined_interfaces: none down');
is_deeply([$c->list_interface_names], ['eth1'], 'list_interface_names: maxnames left out');
is_deeply([$c->list_interface_names(1)], ['eth1'], 'list_interface_names(1)');
is_deeply([$c->list_interface_names(0)], [], 'list_interface_names(0)');
is_deeply([$c->list_defined_interface_names(10)], [], 'list_defined_interface_names: none');
croaks_ok(sub { $c->list_interface_names(-1) }, qr/\ASys::Virt::list_interface_names: argument 'maxnames' must not be negative/,
          'list_interface_names(-1)');
croaks_ok(sub { $c->list_defined_interface_names(-5) }, qr/\ASys::Virt::list_defined_interface_names: argument 'maxnames' /,
          'list_defined_interface_names(-5)');

my $eth1 = $c->get_interface_by_name('eth1');
isa_ok($eth1, IF);
is($eth1->get_name, 'eth1', 'get_name');
is($eth1->get_mac, 'aa:bb:cc:dd:ee:ff', 'get_mac');
is($eth1->is_active, 1, 'is_active: 1');
my $xml = $eth1->get_xml_description;
like($xml, qr{\A<interface type='ethernet' name='eth1'>}, 'get_xml_description: type and name');
like($xml, qr{<mac address='aa:bb:cc:dd:ee:ff'/>}, 'get_xml_description: MAC');
like($xml, qr{<ip address='192\.168\.0\.5' prefix='24'/>}, 'get_xml_description: address');
error_code_is(error_of { $eth1->get_xml_description(IF->XML_INACTIVE) }, ERRC('ERR_INVALID_ARG'),
              'get_xml_description(XML_INACTIVE): the test driver refuses the flag');

my $by_mac = $c->get_interface_by_mac('aa:bb:cc:dd:ee:ff');
is($by_mac->get_name, 'eth1', 'get_interface_by_mac');
is(IF->_new(connection => $c, mac => 'aa:bb:cc:dd:ee:ff')->get_name, 'eth1', '_new(mac => ...)');
is(IF->_new(connection => $c, name => 'eth1')->get_mac, 'aa:bb:cc:dd:ee:ff', '_new(name => ...)');

same_names([names($c->list_interfaces)], ['eth1'], 'list_interfaces');
isa_ok(($c->list_interfaces)[0], IF);
is_deeply([$c->list_defined_interfaces], [], 'list_defined_interfaces: none');
# As the C module's Perl versions, which return an array: the count.
is(scalar($c->list_interfaces), 1, 'list_interfaces in scalar context: how many');
is(scalar($c->list_defined_interfaces), 0, 'list_defined_interfaces in scalar context: 0');
same_names([names($c->list_all_interfaces)], ['eth1'], 'list_all_interfaces');
same_names([names($c->list_all_interfaces(IF->LIST_ACTIVE))], ['eth1'], 'list_all_interfaces(LIST_ACTIVE)');
is_deeply([$c->list_all_interfaces(IF->LIST_INACTIVE)], [], 'list_all_interfaces(LIST_INACTIVE)');

error_code_is(error_of { $c->get_interface_by_name('eth9') }, ERRC('ERR_NO_INTERFACE'), 'a missing name');
error_code_is(error_of { $c->get_interface_by_mac('00:00:00:00:00:01') }, ERRC('ERR_NO_INTERFACE'), 'a missing MAC');

# ------------------------------------------------------------- eth2

my $eth2_xml = q{
<interface type='ethernet' name='eth2'>
  <start mode='onboot'/>
  <mac address='aa:bb:cc:ff:ee:ff'/>
  <mtu size='1492'/>
  <protocol family='ipv4'>
    <ip address='192.168.0.6' prefix='24'/>
    <route gateway='192.168.0.1'/>
  </protocol>
</interface>};

my $eth2 = $c->define_interface($eth2_xml);
isa_ok($eth2, IF, 'define_interface');
is($eth2->get_name, 'eth2', 'the new interface');
is($eth2->is_active, 0, 'defined, not started');
is($c->num_of_defined_interfaces, 1, 'one interface down');
is_deeply([$c->list_defined_interface_names], ['eth2'], 'list_defined_interface_names');
same_names([names($c->list_defined_interfaces)], ['eth2'], 'list_defined_interfaces');
same_names([names($c->list_all_interfaces)], [qw(eth1 eth2)], 'list_all_interfaces: both');
same_names([names($c->list_all_interfaces(IF->LIST_INACTIVE))], ['eth2'], 'list_all_interfaces(LIST_INACTIVE)');
is($c->get_interface_by_mac('aa:bb:cc:ff:ee:ff')->get_name, 'eth2', 'found by its MAC');

$eth2->create;
is($eth2->is_active, 1, 'create: up');
is($c->num_of_interfaces, 2, 'two up');
is_deeply([sorted($c->list_interface_names)], [qw(eth1 eth2)], 'list_interface_names: both');
is(scalar(() = $c->list_interface_names(1)), 1, 'list_interface_names(1): one name');
same_names([names($c->list_interfaces)], [qw(eth1 eth2)], 'list_interfaces: both');
error_code_is(error_of { $eth2->create }, ERRC('ERR_OPERATION_INVALID'), 'create twice');

$eth2->destroy;
is($eth2->is_active, 0, 'destroy: down');
is($c->num_of_interfaces, 1, 'one up again');
error_code_is(error_of { $eth2->destroy(0) }, ERRC('ERR_OPERATION_INVALID'), 'destroy twice');

$eth2->undefine;
is($c->num_of_defined_interfaces, 0, 'undefine: gone');
error_code_is(error_of { $eth2->is_active }, ERRC('ERR_NO_INTERFACE'), 'an undefined interface: is_active');
error_code_is(error_of { $eth2->get_xml_description }, ERRC('ERR_NO_INTERFACE'), 'an undefined interface: get_xml_description');
error_code_is(error_of { $eth2->undefine }, ERRC('ERR_NO_INTERFACE'), 'an undefined interface: undefine');
is($eth2->get_name, 'eth2', 'an undefined interface keeps its name');
is($eth2->get_mac, 'aa:bb:cc:ff:ee:ff', 'and its MAC');

# create_interface defines, as the C module's does.
{
    my $if = $c->create_interface($eth2_xml =~ s/eth2/eth3/r =~ s/ff:ee:ff/ff:ee:03/r);
    is($if->get_name, 'eth3', 'create_interface');
    is($if->is_active, 0, 'create_interface defines without starting');
    $if->undefine;
    my $v = IF->_new(connection => $c, xml => $eth2_xml, flags => 0);
    is($v->get_name, 'eth2', '_new(xml => ..., flags => 0)');
    $v->undefine;
}

error_code_is(error_of { $c->define_interface('<interface/>') }, ERRC('ERR_XML_ERROR'), 'define_interface: incomplete XML');
croaks_ok(sub { $c->define_interface($eth2_xml, -1) }, qr/\ASys::Virt::Interface::_define_xml: argument 'flags' /, 'define_interface: bad flags');

# ------------------------------------------------------------- transactions

$c->interface_change_begin;
error_code_is(error_of { $c->interface_change_begin(0) }, ERRC('ERR_OPERATION_INVALID'), 'interface_change_begin twice');
my $tmp = $c->define_interface($eth2_xml);
$c->interface_change_rollback;
error_code_is(error_of { $c->get_interface_by_name('eth2') }, ERRC('ERR_NO_INTERFACE'), 'interface_change_rollback undoes the define');
# libvirt 9.0.0's test driver restores the saved interfaces as down.
is($c->get_interface_by_name('eth1')->get_name, 'eth1', 'eth1 is still there after the rollback');
is($c->num_of_interfaces + $c->num_of_defined_interfaces, 1, 'and it is the only interface');
$c->get_interface_by_name('eth1')->create unless $c->get_interface_by_name('eth1')->is_active;
is($c->num_of_interfaces, 1, 'eth1 up again');

$c->interface_change_begin(0);
$c->define_interface($eth2_xml);
$c->interface_change_commit(0);
is($c->get_interface_by_name('eth2')->get_name, 'eth2', 'interface_change_commit keeps the define');
$c->get_interface_by_name('eth2')->undefine;
error_code_is(error_of { $c->interface_change_commit }, ERRC('ERR_OPERATION_INVALID'), 'commit without a transaction');
error_code_is(error_of { $c->interface_change_rollback }, ERRC('ERR_OPERATION_INVALID'), 'rollback without a transaction');
croaks_ok(sub { $c->interface_change_begin(-1) }, qr/\ASys::Virt::interface_change_begin: argument 'flags' /, 'bad flags');

# ------------------------------------------------------------- bad objects

croaks_ok(sub { Sys::Virt::Interface::destroy(undef) }, qr/\ASys::Virt::Interface::destroy: argument 'iface' is not a Sys::Virt::Interface object/,
          'destroy(undef)');
croaks_ok(sub { Sys::Virt::Interface::get_name($c) }, qr/\ASys::Virt::Interface::get_name: argument 'iface' is a Sys::Virt object/,
          'a connection as the interface');
croaks_ok(sub { Sys::Virt::Interface::get_mac(bless \(my $x = 0 + ${$eth1}), IF) }, qr/\ASys::Virt::Interface::get_mac: /,
          'a forged copy of a live interface');
croaks_ok(sub { IF->_new(connection => $c) }, qr/\Aname, mac or xml parameters are required/, '_new without a key');
croaks_ok(sub { $eth1->undefine(0) }, qr/\AUsage: Sys::Virt::Interface::undefine\(iface\)/, 'undefine takes no flags');
is($eth1->get_name, 'eth1', 'eth1 still works');

done_testing;
