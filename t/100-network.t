# -*- perl -*-
#
# Virtual networks on libvirt's test driver: the default network's
# identity, XML and bridge; lookups by name and by both UUID forms;
# defining, creating, starting, stopping and undefining networks; update
# with a change seen in the XML; autostart; the listing calls with their
# filters and name caps; stale objects; the port and lease calls that the
# test driver does not support; argument checks.

use strict;
use warnings;

use FindBin;
use lib "$FindBin::Bin/lib";

use Test::More;

use Crash ();
use Sys::Virt;
BEGIN { Crash::assert_our_build() }

use SVTest qw(conn error_of error_code_is croaks_ok in_child child_status_ok);

use constant {
    NET          => 'Sys::Virt::Network',
    DEFAULT_UUID => 'dd8fe884-6c02-601e-7551-cca97df1c5df',
};

sub NETC { my $n = shift; return Sys::Virt::Network->$n() }
sub ERR  { my $n = shift; return Sys::Virt::Error->$n() }

sub net_xml {
    my ($name, $bridge, $extra) = @_;
    return "<network><name>$name</name><bridge name='$bridge'/>"
         . "<ip address='10.77.0.1' prefix='24'><dhcp><range start='10.77.0.10' end='10.77.0.20'/></dhcp></ip>"
         . ($extra // '') . '</network>';
}

sub sorted_names { return join ' ', sort map { $_->get_name } @_ }

my $c = conn();

# ---------------------------------------------------------------------------
# The default network
# ---------------------------------------------------------------------------

my $def = $c->get_network_by_name('default');
is(ref $def, NET, 'get_network_by_name gives a Sys::Virt::Network');
is($def->get_name, 'default', 'get_name');
is($def->get_uuid_string, DEFAULT_UUID, 'get_uuid_string');
my $raw = $def->get_uuid;
is(length $raw, 16, 'get_uuid: 16 bytes');
is(unpack('H*', $raw), DEFAULT_UUID =~ tr/-//dr, 'get_uuid: the bytes of the printed UUID');
ok(!utf8::is_utf8($raw), 'get_uuid: a byte string');
is($def->get_bridge_name, 'virbr0', 'get_bridge_name');
is($def->is_active, 1, 'is_active');
is($def->is_persistent, 1, 'is_persistent');
is($def->get_autostart, 0, 'get_autostart');

my $xml = $def->get_xml_description;
like($xml, qr{\A<network>}, 'get_xml_description: a network document');
like($xml, qr{<name>default</name>}, 'XML: name');
like($xml, qr{<uuid>\Q${\DEFAULT_UUID}\E</uuid>}, 'XML: uuid');
like($xml, qr{<bridge name='virbr0'}, 'XML: bridge');
like($xml, qr{<forward mode='nat'/>}, 'XML: forward mode');
error_code_is(error_of { $def->get_xml_description(NETC('XML_INACTIVE')) }, ERR('ERR_INVALID_ARG'),
              'get_xml_description(XML_INACTIVE): a flag the test driver refuses');

for my $uuid ([raw => $raw], [string => DEFAULT_UUID], ['32 hex digits' => DEFAULT_UUID =~ tr/-//dr]) {
    my $n = $c->get_network_by_uuid($uuid->[1]);
    is(ref $n, NET, "get_network_by_uuid($uuid->[0]): class");
    is($n->get_name, 'default', "get_network_by_uuid($uuid->[0]): the default network");
}
is(Sys::Virt::Network->_new(connection => $c, uuid => $raw)->get_uuid, $raw, '_new(uuid => raw) round trip');
is(Sys::Virt::Network::_lookup_by_uuid($c, $raw)->get_name, 'default', '_lookup_by_uuid');
is(Sys::Virt::Network::_lookup_by_uuid_string($c, DEFAULT_UUID)->get_name, 'default', '_lookup_by_uuid_string');
is(Sys::Virt::Network::_lookup_by_name($c, 'default')->get_uuid_string, DEFAULT_UUID, '_lookup_by_name');

error_code_is(error_of { $c->get_network_by_name('no-such-net') }, ERR('ERR_NO_NETWORK'), 'unknown name: ERR_NO_NETWORK');
error_code_is(error_of { $c->get_network_by_uuid('0' x 32) }, ERR('ERR_NO_NETWORK'), 'unknown UUID string: ERR_NO_NETWORK');
error_code_is(error_of { $c->get_network_by_uuid("\0" x 16) }, ERR('ERR_NO_NETWORK'), 'unknown raw UUID: ERR_NO_NETWORK');
error_code_is(error_of { $c->get_network_by_uuid('z' x 36) }, ERR('ERR_INVALID_ARG'), 'malformed UUID string: ERR_INVALID_ARG');
like(error_of { $c->get_network_by_uuid('abc') }, qr/\AUUID must be either 16 unsigned bytes, or 32\/36 hex characters long at /,
     'a UUID of another length dies with the plain message');
like(error_of { Sys::Virt::Network->_new(name => 'default') }, qr/\Aconnection parameter is required at /, '_new without a connection');
like(error_of { Sys::Virt::Network->_new(connection => $c) }, qr/\Aaddress, id or uuid parameters are required at /, '_new without a key');
{
    package My::Net;
    our @ISA = ('Sys::Virt::Network');
}
is(ref(My::Net->_new(connection => $c, name => 'default')), 'My::Net', '_new blesses into a subclass');

# ---------------------------------------------------------------------------
# Counting and listing
# ---------------------------------------------------------------------------

is($c->num_of_networks, 1, 'num_of_networks: the default network');
is($c->num_of_defined_networks, 0, 'num_of_defined_networks: none');
is_deeply([$c->list_network_names], ['default'], 'list_network_names without maxnames');
is_deeply([$c->list_network_names(10)], ['default'], 'list_network_names(10)');
is_deeply([$c->list_network_names(0)], [], 'list_network_names(0)');
is_deeply([$c->list_defined_network_names(10)], [], 'list_defined_network_names: none');
croaks_ok(sub { $c->list_network_names(-1) }, qr/\ASys::Virt::list_network_names: argument 'maxnames' must not be negative/,
          'list_network_names(-1)');
croaks_ok(sub { $c->list_defined_network_names(-1) }, qr/\ASys::Virt::list_defined_network_names: argument 'maxnames' must not be negative/,
          'list_defined_network_names(-1)');

# A persistent inactive one, a persistent running one with autostart, a transient one.
my $idle = $c->define_network(net_xml('t100-idle', 't100br0'));
is(ref $idle, NET, 'define_network: a Sys::Virt::Network');
is($idle->is_active, 0, 'a defined network is not running');
is($idle->is_persistent, 1, 'a defined network is persistent');
my $up = $c->define_network(net_xml('t100-up', 't100br1'), NETC('DEFINE_VALIDATE'));
$up->create;
is($up->is_active, 1, 'create starts a defined network');
$up->set_autostart(1);
is($up->get_autostart, 1, 'set_autostart(1)');
my $trans = $c->create_network(net_xml('t100-trans', 't100br2'));
is(ref $trans, NET, 'create_network: a Sys::Virt::Network');
is($trans->is_active, 1, 'a created network runs');
is($trans->is_persistent, 0, 'a created network is transient');
is($trans->get_bridge_name, 't100br2', 'its bridge');

is($c->num_of_networks, 3, 'num_of_networks: three running');
is($c->num_of_defined_networks, 1, 'num_of_defined_networks: one');
is(join(' ', sort $c->list_network_names), 'default t100-trans t100-up', 'list_network_names');
is(scalar(my @one = $c->list_network_names(1)), 1, 'list_network_names(1): one name');
is_deeply([$c->list_defined_network_names], ['t100-idle'], 'list_defined_network_names');
my @running = $c->list_networks;
is(sorted_names(@running), 'default t100-trans t100-up', 'list_networks');
is_deeply([map { ref } @running], [(NET) x 3], 'list_networks: objects of the class');
is(sorted_names($c->list_defined_networks), 't100-idle', 'list_defined_networks');
is(sorted_names($c->list_all_networks), 'default t100-idle t100-trans t100-up', 'list_all_networks()');
my %filter = (
    LIST_ACTIVE       => 'default t100-trans t100-up',
    LIST_INACTIVE     => 't100-idle',
    LIST_PERSISTENT   => 'default t100-idle t100-up',
    LIST_TRANSIENT    => 't100-trans',
    LIST_AUTOSTART    => 't100-up',
    LIST_NO_AUTOSTART => 'default t100-idle t100-trans',
);
for my $flag (sort keys %filter) {
    is(sorted_names($c->list_all_networks(NETC($flag))), $filter{$flag}, "list_all_networks($flag)");
}
is(sorted_names($c->list_all_networks(NETC('LIST_ACTIVE') | NETC('LIST_PERSISTENT'))), 'default t100-up',
   'list_all_networks(LIST_ACTIVE | LIST_PERSISTENT)');
is(scalar(my @none = $c->list_all_networks(NETC('LIST_INACTIVE') | NETC('LIST_TRANSIENT'))), 0,
   'list_all_networks(LIST_INACTIVE | LIST_TRANSIENT): none');
error_code_is(error_of { $c->list_all_networks(1 << 20) }, ERR('ERR_INVALID_ARG'), 'list_all_networks with an unknown flag');

# ---------------------------------------------------------------------------
# update
# ---------------------------------------------------------------------------

my $host = "<host mac='52:54:00:aa:bb:cc' name='h1' ip='10.77.0.50'/>";
$idle->update(NETC('UPDATE_COMMAND_ADD_LAST'), NETC('SECTION_IP_DHCP_HOST'), -1, $host, NETC('UPDATE_AFFECT_CONFIG'));
like($idle->get_xml_description, qr{<host mac='52:54:00:aa:bb:cc' name='h1' ip='10.77.0.50'/>}, 'update ADD_LAST: the host is in the XML');
$idle->update(NETC('UPDATE_COMMAND_MODIFY'), NETC('SECTION_IP_DHCP_HOST'), -1,
              "<host mac='52:54:00:aa:bb:cc' name='h1' ip='10.77.0.51'/>");
like($idle->get_xml_description, qr{ip='10\.77\.0\.51'}, 'update MODIFY: the address changed');
unlike($idle->get_xml_description, qr{10\.77\.0\.50}, 'update MODIFY: the old address is gone');
$idle->update(NETC('UPDATE_COMMAND_ADD_FIRST'), NETC('SECTION_IP_DHCP_RANGE'), 0,
              "<range start='10.77.0.100' end='10.77.0.110'/>", NETC('UPDATE_AFFECT_CURRENT'));
like($idle->get_xml_description, qr{<range start='10\.77\.0\.100' end='10\.77\.0\.110'/>\s*<range start='10\.77\.0\.10'}, 'update ADD_FIRST: the range comes first');
$idle->update(NETC('UPDATE_COMMAND_DELETE'), NETC('SECTION_IP_DHCP_HOST'), -1, "<host mac='52:54:00:aa:bb:cc'/>");
unlike($idle->get_xml_description, qr{52:54:00:aa:bb:cc}, 'update DELETE: the host is gone');
error_code_is(error_of { $idle->update(NETC('UPDATE_COMMAND_DELETE'), NETC('SECTION_IP_DHCP_HOST'), -1, "<host mac='52:54:00:00:00:99'/>") },
              ERR('ERR_OPERATION_INVALID'), 'update DELETE of a host that is not there');
error_code_is(error_of { $idle->update(NETC('UPDATE_COMMAND_ADD_LAST'), NETC('SECTION_IP_DHCP_HOST'), -1, '<host') },
              ERR('ERR_XML_DETAIL'), 'update with malformed XML');
$up->update(NETC('UPDATE_COMMAND_ADD_LAST'), NETC('SECTION_IP_DHCP_HOST'), -1, $host,
            NETC('UPDATE_AFFECT_LIVE') | NETC('UPDATE_AFFECT_CONFIG'));
like($up->get_xml_description, qr{name='h1'}, 'update of a running network, live and config');
croaks_ok(sub { $idle->update(-1, 0, 0, '<x/>') }, qr/\ASys::Virt::Network::update: argument 'command' is out of range/, 'update: negative command');
croaks_ok(sub { $idle->update(0, 'abc', 0, '<x/>') }, qr/\ASys::Virt::Network::update: argument 'section' must be a number/, 'update: section not a number');
croaks_ok(sub { $idle->update(0, 0, 2**31, '<x/>') }, qr/\ASys::Virt::Network::update: argument 'parent_index' is out of range/, 'update: index beyond int');
croaks_ok(sub { $idle->update(0, 0, 0) }, qr/\AUsage: Sys::Virt::Network::update\(net, command, section, parent_index, xml, flags=0\)/, 'update: too few arguments');

# ---------------------------------------------------------------------------
# Lifecycle and autostart
# ---------------------------------------------------------------------------

$idle->set_autostart('yes');
is($idle->get_autostart, 1, "set_autostart('yes'): on (a truth value)");
$idle->set_autostart(0);
is($idle->get_autostart, 0, 'set_autostart(0): off');
# The test driver (unlike the network driver) lets a transient network
# autostart and "stops" a stopped one.
$trans->set_autostart(1);
is($trans->get_autostart, 1, 'set_autostart on a transient network (test driver)');
error_code_is(error_of { $up->create }, ERR('ERR_OPERATION_INVALID'), 'create of a running network');
$idle->destroy;
is($idle->is_persistent, 1, 'destroy of a stopped network leaves it defined (test driver)');
$up->destroy;
is($up->is_active, 0, 'destroy stops the network');
is($up->is_persistent, 1, 'and keeps it defined');
is($up->get_name, 't100-up', 'the object still works');
$up->create;
error_code_is(error_of { $up->undefine }, ERR('ERR_OPERATION_INVALID'), 'undefine of a running network (test driver)');
$up->destroy;
$up->undefine;
error_code_is(error_of { $c->get_network_by_name('t100-up') }, ERR('ERR_NO_NETWORK'), 'undefine of a stopped network removes it');
error_code_is(error_of { $up->create }, ERR('ERR_NO_NETWORK'), 'the undefined network object reports ERR_NO_NETWORK');
$trans->destroy;
error_code_is(error_of { $c->get_network_by_name('t100-trans') }, ERR('ERR_NO_NETWORK'), 'destroy removes a transient network');
error_code_is(error_of { $trans->is_active }, ERR('ERR_NO_NETWORK'), 'the destroyed transient network object reports ERR_NO_NETWORK');

error_code_is(error_of { $c->define_network('<network>') }, ERR('ERR_XML_DETAIL'), 'define_network with malformed XML');
error_code_is(error_of { $c->create_network('') }, ERR('ERR_XML_DETAIL'), 'create_network with empty XML');
error_code_is(error_of { $c->define_network(net_xml('t100-idle', 't100br9')) }, ERR('ERR_OPERATION_FAILED'),
              'define_network of a name in use with another UUID');
{
    my $re = $c->define_network($idle->get_xml_description =~ s{</network>}{<domain name='example.org'/></network>}r);
    is($re->get_uuid_string, $idle->get_uuid_string, 'define_network with the same name and UUID replaces the config');
    like($idle->get_xml_description, qr{<domain name='example\.org'/>}, 'seen through the first object');
}

# ---------------------------------------------------------------------------
# Stale objects: undefined through another connection
# ---------------------------------------------------------------------------

{
    my $gone = $c->define_network(net_xml('t100-gone', 't100br3'));
    my $uuid = $gone->get_uuid_string;
    my $other = Sys::Virt->new(uri => 'test:///default');
    $other->get_network_by_name('t100-gone')->undefine;
    is($gone->get_name, 't100-gone', 'stale: get_name still answers (kept in the object)');
    is($gone->get_uuid_string, $uuid, 'stale: get_uuid_string still answers');
    is(length $gone->get_uuid, 16, 'stale: get_uuid still answers');
    for my $call (
        [get_xml_description => sub { $gone->get_xml_description }],
        [get_bridge_name     => sub { $gone->get_bridge_name }],
        [is_active           => sub { $gone->is_active }],
        [is_persistent       => sub { $gone->is_persistent }],
        [get_autostart       => sub { $gone->get_autostart }],
        [set_autostart       => sub { $gone->set_autostart(1) }],
        [create              => sub { $gone->create }],
        [destroy             => sub { $gone->destroy }],
        [undefine            => sub { $gone->undefine }],
        [update              => sub { $gone->update(NETC('UPDATE_COMMAND_ADD_LAST'), NETC('SECTION_IP_DHCP_HOST'), -1, $host) }],
    ) {
        error_code_is(error_of { $call->[1]->() }, ERR('ERR_NO_NETWORK'), "stale: $call->[0] gives ERR_NO_NETWORK");
    }
}

# ---------------------------------------------------------------------------
# Leases and ports: not in the test driver
# ---------------------------------------------------------------------------

for my $call (
    [get_dhcp_leases            => sub { $def->get_dhcp_leases }],
    ['get_dhcp_leases($mac, 0)' => sub { $def->get_dhcp_leases('52:54:00:00:00:01', 0) }],
    [list_all_ports             => sub { $def->list_all_ports }],
    [create_port                => sub { $def->create_port('<networkport/>') }],
    [get_port_by_uuid           => sub { $def->get_port_by_uuid(DEFAULT_UUID) }],
    ['get_port_by_uuid(raw)'    => sub { $def->get_port_by_uuid($raw) }],
) {
    error_code_is(error_of { $call->[1]->() }, ERR('ERR_NO_SUPPORT'), "$call->[0]: not supported by the test driver");
}
like(error_of { $def->get_port_by_uuid('short') }, qr/\AUUID must be either 16 unsigned bytes, or 32\/36 hex characters long at /,
     'get_port_by_uuid with a UUID of another length');
like(error_of { Sys::Virt::NetworkPort->_new(uuid => $raw) }, qr/\Anetwork parameter is required at /, 'NetworkPort->_new without a network');
like(error_of { Sys::Virt::NetworkPort->_new(network => $def) }, qr/\Auuid or xml parameters are required at /, 'NetworkPort->_new without a key');
croaks_ok(sub { $def->get_dhcp_leases([]) }, qr/\ASys::Virt::Network::get_dhcp_leases: argument 'mac' must be a string, not a reference/,
          'get_dhcp_leases: a reference as the MAC');

# ---------------------------------------------------------------------------
# Invocants
# ---------------------------------------------------------------------------

for my $bad ([undef => undef], [string => 'default'], ['array ref' => []], ['a domain' => $c->get_domain_by_name('test')],
             [forged => bless(\(my $x = 0 + $$def), NET)]) {
    my ($status, $out) = in_child(sub {
        my $e = error_of { Sys::Virt::Network::destroy($bad->[1]) };
        return defined $e ? (ref $e ? 'REF ' . ref $e : "CROAK $e") : 'NO ERROR';
    });
    child_status_ok($status, "destroy on $bad->[0]: no crash", $out);
    like($out, qr/\ACROAK Sys::Virt::Network::destroy: argument 'net' (?:is not a|is a \S+ object, not a) Sys::Virt::Network object/,
         "destroy on $bad->[0]: croaks");
}
is($def->is_active, 1, 'the default network still runs after the forged destroy');
croaks_ok(sub { Sys::Virt::list_all_networks($def) },
          qr/\ASys::Virt::list_all_networks: argument 'con' is a Sys::Virt::Network object, not a Sys::Virt object/, 'list_all_networks on a network');
croaks_ok(sub { Sys::Virt::get_network_by_name(undef, 'default') },
          qr/\ASys::Virt::get_network_by_name: argument 'con' is not a Sys::Virt object/, 'get_network_by_name on undef');
croaks_ok(sub { Sys::Virt::Network->_new(connection => $def, name => 'default') },
          qr/\ASys::Virt::Network::_lookup_by_name: argument 'con' is a Sys::Virt::Network object, not a Sys::Virt object/,
          '_new with a network as the connection');

# ---------------------------------------------------------------------------
# The same answers as the C module
# ---------------------------------------------------------------------------

# A probe run under this build and under the installed C module (when
# there is one): every value, class, error code and message it prints
# must be the same.
my $PROBE = <<'PERL';
use strict;
use warnings;
use Sys::Virt;
$SIG{__WARN__} = sub { (my $w = shift) =~ s/ at \S+ line \d+\.?\n//; print "WARN $w\n" };
my $c = Sys::Virt->new(uri => 'test:///default');
sub show {
    my ($label, $code) = @_;
    my @r = eval { $code->() };
    if ($@) {
        my $e = $@;
        if (ref $e) { print "$label: ERROR code=$e->{code} domain=$e->{domain} $e->{message}\n" }
        else { $e =~ s/ at \S+ line \d+\.?\n//; print "$label: DIE $e\n" }
        return;
    }
    print "$label: ", join(',', map { !defined $_ ? 'undef' : ref $_ ? ref($_) . (eval { '<' . $_->get_name . '>' } // '') : $_ } @r), "\n";
}
sub names { join ' ', sort map { $_->get_name } @_ }
my $net = $c->get_network_by_name('default');
show(name => sub { $net->get_name });
show(uuid => sub { unpack 'H*', $net->get_uuid });
show(uuid_string => sub { $net->get_uuid_string });
show(bridge => sub { $net->get_bridge_name });
show(xml => sub { $net->get_xml_description =~ tr/\n/|/r });
show(state => sub { ($net->is_active, $net->is_persistent, $net->get_autostart) });
show(by_uuid => sub { $c->get_network_by_uuid($net->get_uuid) });
show(by_uuid_string => sub { $c->get_network_by_uuid($net->get_uuid_string) });
show(by_uuid_short => sub { $c->get_network_by_uuid('abc') });
show(by_name_missing => sub { $c->get_network_by_name('nope') });
show(by_uuid_missing => sub { $c->get_network_by_uuid('1' x 32) });
show(by_uuid_bad => sub { $c->get_network_by_uuid('z' x 36) });
show(new_no_con => sub { Sys::Virt::Network->_new(name => 'x') });
show(new_no_key => sub { Sys::Virt::Network->_new(connection => $c) });
show(port_no_net => sub { Sys::Virt::NetworkPort->_new(uuid => 'x') });
show(port_no_key => sub { Sys::Virt::NetworkPort->_new(network => $net) });
show(port_short => sub { $net->get_port_by_uuid('abc') });
show(port_lookup => sub { $net->get_port_by_uuid('1' x 36) });
show(port_create => sub { $net->create_port('<networkport/>') });
show(ports => sub { $net->list_all_ports });
show(leases => sub { $net->get_dhcp_leases });
show(leases_mac => sub { $net->get_dhcp_leases('52:54:00:00:00:01') });
show(define_bad => sub { $c->define_network('<network>') });
show(create_empty => sub { $c->create_network('') });
show(define_undef => sub { $c->define_network(undef) });
my $xml = "<network><name>p1</name><uuid>0a1b2c3d-4e5f-4a6b-8c7d-000000000100</uuid><bridge name='pbr1'/><ip address='10.5.0.1' prefix='24'><dhcp><range start='10.5.0.2' end='10.5.0.9'/></dhcp></ip></network>";
show(define => sub { $c->define_network($xml) });
my $p1 = $c->get_network_by_name('p1');
show(p1_state => sub { ($p1->is_active, $p1->is_persistent) });
show(define_again => sub { $c->define_network($xml =~ s/pbr1/pbr2/r) });
show(counts => sub { ($c->num_of_networks, $c->num_of_defined_networks) });
show(names => sub { sort $c->list_network_names(10) });
show(names0 => sub { $c->list_network_names(0) });
show(defined_names => sub { sort $c->list_defined_network_names(10) });
show(list_networks => sub { names($c->list_networks) });
show(list_defined => sub { names($c->list_defined_networks) });
show("list_all $_" => sub { names($c->list_all_networks($_)) }) for 0, 1, 2, 4, 8, 16, 32, 1 | 16;
show(list_all_bad => sub { $c->list_all_networks(1 << 20) });
show(create => sub { $p1->create });
show(create_again => sub { $p1->create });
show(autostart => sub { $p1->set_autostart(1); $p1->get_autostart });
show(update_add => sub { $p1->update(3, 4, -1, "<host mac='52:54:00:aa:bb:cc' ip='10.5.0.5'/>") });
show(update_xml => sub { $p1->get_xml_description =~ /(<host [^>]*>)/ });
show(update_bad => sub { $p1->update(2, 4, -1, "<host mac='52:54:00:00:00:99'/>") });
show(update_section => sub { $p1->update(3, 99, -1, '<x/>') });
show(undefine_running => sub { $p1->undefine });
show(destroy => sub { $p1->destroy; $p1->is_active });
my $t = $c->create_network($xml =~ s/p1/p2/r =~ s/pbr1/pbr3/r =~ s/100</101</r);
show(transient => sub { ($t->is_active, $t->is_persistent, $t->get_bridge_name) });
show(transient_destroy => sub { $t->destroy; $t->is_active });
my $other = Sys::Virt->new(uri => 'test:///default');
$other->get_network_by_name('p1')->undefine;
show("stale $_" => eval "sub { \$p1->$_ }") for qw(get_name get_uuid_string get_xml_description get_bridge_name is_active
    is_persistent get_autostart create destroy undefine);
show(stale_update => sub { $p1->update(3, 4, -1, "<host mac='52:54:00:aa:bb:cd' ip='10.5.0.6'/>") });
show(end => sub { names($c->list_all_networks) });
PERL

SKIP: {
    my $ref_pm = '/usr/lib/x86_64-linux-gnu/perl5/5.36/Sys/Virt.pm';
    skip 'the C module is not installed (Debian: libsys-virt-perl)', 3 unless -f $ref_pm;
    require File::Temp;
    my $file = File::Temp->new(SUFFIX => '.pl');
    print $file $PROBE;
    close $file;
    my $run = sub {
        my @inc = @_;
        local %ENV = %ENV;
        delete @ENV{qw(PERL5LIB PERL5OPT PERLLIB)};
        open(my $fh, '-|', $^X, @inc, $file->filename) or die "run the probe: $!";
        local $/;
        my $out = <$fh>;
        close $fh;
        return ($?, $out);
    };
    my ($ref_status, $ref) = $run->();
    my ($our_status, $ours) = $run->('-Mblib');
    is($ref_status, 0, 'the probe runs under the C module');
    is($our_status, 0, 'the probe runs under this build');
    my @ref = split /\n/, $ref;
    my @ours = split /\n/, $ours;
    my @differ = grep { ($ref[$_] // '') ne ($ours[$_] // '') } 0 .. ($#ref > $#ours ? $#ref : $#ours);
    ok(@ref > 60 && !@differ, sprintf('the same %d answers as the C module', scalar @ref))
        or diag join "\n", map { "C module: " . ($ref[$_] // '(none)') . "\nours:     " . ($ours[$_] // '(none)') } @differ[0 .. ($#differ < 9 ? $#differ : 9)];
}

# ---------------------------------------------------------------------------
# Clean up
# ---------------------------------------------------------------------------

$idle->undefine;
error_code_is(error_of { $c->get_network_by_name('t100-idle') }, ERR('ERR_NO_NETWORK'), 'undefine removes a stopped network');
is(sorted_names($c->list_all_networks), 'default', 'only the default network is left');

# The legacy lists are Perl subs in the C module: in scalar context they
# give the count.
{
    my @all = $c->list_networks;
    is(scalar($c->list_networks), scalar(@all), 'list_networks in scalar context: the count');
    my @defined = $c->list_defined_networks;
    is(scalar($c->list_defined_networks), scalar(@defined), 'list_defined_networks in scalar context: the count');
}

done_testing();
