# -*- perl -*-
#
# Network ports and DHCP leases on a real network driver: a private
# libvirtd (t/lib/PrivateLibvirtd.pm) runs a network in bridge mode over
# a Linux bridge made for the test (NAT networks would need iptables).
# Ports are created, found by both UUID forms, listed, described, have
# their bandwidth read and set as typed parameters, cross threads and
# Storable, and are deleted; stale port objects give libvirt errors. The
# leases come from the lease status file that libvirt keeps for
# dnsmasq's leases, so that get_dhcp_leases returns real records,
# filtered by MAC, with the optional fields undef where the lease has
# none, and freed.

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

use constant {
    NET  => 'Sys::Virt::Network',
    PORT => 'Sys::Virt::NetworkPort',
};

sub ERR { my $n = shift; return Sys::Virt::Error->$n() }

# The bridge first: a skip must not leave a daemon behind.
my $why = PrivateLibvirtd::why_not();
$why //= 'the ip command (iproute2) is missing' unless PrivateLibvirtd::_which('ip');
my $BRIDGE = sprintf 'svt101b%d', $$ % 100000;
my $made_bridge;
if (!defined $why) {
    my $out = `ip link add $BRIDGE type bridge 2>&1`;
    if ($? == 0) { $made_bridge = 1 }
    else { chomp $out; $why = "cannot create a bridge with ip link: $out" }
}
END { system('ip', 'link', 'del', $BRIDGE) if $made_bridge }
if (defined $why) {
    if ($ENV{SYS_VIRT_REQUIRE_LIBVIRTD}) {
        plan tests => 1;
        fail("network ports need a private libvirtd and a bridge (required by SYS_VIRT_REQUIRE_LIBVIRTD): $why");
        exit 1;
    }
    plan skip_all => "network ports need a private libvirtd and a bridge: $why";
}
system('ip', 'link', 'set', $BRIDGE, 'up');

my $d = PrivateLibvirtd->start_or_skip;
PrivateLibvirtd->watchdog(120, '101-network-ports.t');

my $conn = Sys::Virt->new(uri => $d->uri);
my $net = $conn->define_network(
    "<network><name>t101</name><forward mode='bridge'/><bridge name='$BRIDGE'/></network>");
isa_ok($net, NET);
$net->create;
is($net->is_active, 1, 'the bridge network runs on the real network driver');
is($net->get_bridge_name, $BRIDGE, 'get_bridge_name');
like($net->get_xml_description, qr{<forward mode='bridge'/>}, 'its XML');
is(scalar(my @none = $net->list_all_ports), 0, 'list_all_ports: no ports yet');

# ---------------------------------------------------------------------------
# Ports
# ---------------------------------------------------------------------------

sub port_xml {
    my ($uuid, $owner, $mac, $extra) = @_;
    return "<networkport><uuid>$uuid</uuid>"
         . "<owner><name>$owner</name><uuid>c7a5fdbd-cdaf-9455-926a-d65c16db1809</uuid></owner>"
         . "<mac address='$mac'/>" . ($extra // '') . '</networkport>';
}

my $UUID1 = '0a1b2c3d-4e5f-4a6b-8c7d-000000000101';
my $UUID2 = '0a1b2c3d-4e5f-4a6b-8c7d-000000000102';
my $p1 = $net->create_port(port_xml($UUID1, 'guest1', '52:54:00:10:01:01',
    "<bandwidth><inbound average='1000' peak='2000' burst='1024'/><outbound average='500'/></bandwidth>"));
is(ref $p1, PORT, 'create_port: a Sys::Virt::NetworkPort');
is($p1->get_uuid_string, $UUID1, 'get_uuid_string');
my $raw1 = $p1->get_uuid;
is(length $raw1, 16, 'get_uuid: 16 bytes');
is(unpack('H*', $raw1), $UUID1 =~ tr/-//dr, 'get_uuid: the bytes of the printed UUID');
my $xml = $p1->get_xml_description;
like($xml, qr{\A<networkport>}, 'get_xml_description: a port document');
like($xml, qr{<uuid>$UUID1</uuid>}, 'port XML: uuid');
like($xml, qr{<name>guest1</name>}, 'port XML: owner');
like($xml, qr{<mac address='52:54:00:10:01:01'/>}, 'port XML: MAC');
like($xml, qr{<inbound average='1000' peak='2000' burst='1024'/>}, 'port XML: bandwidth');
like($xml, qr{<plug type='bridge' bridge='$BRIDGE'}, 'port XML: plugged into the bridge');

# Bandwidth as typed parameters.
my %BW = ('inbound.average' => 1000, 'inbound.peak' => 2000, 'inbound.burst' => 1024, 'inbound.floor' => 0,
          'outbound.average' => 500, 'outbound.peak' => 0, 'outbound.burst' => 0);
is_deeply($p1->get_parameters, \%BW, 'get_parameters: the bandwidth of the port XML');
is_deeply($p1->get_parameters(0), \%BW, 'get_parameters(0)');
is_deeply([sort keys %BW], [sort map { Sys::Virt::NetworkPort->$_() } grep { /^BANDWIDTH_/ } qw(
    BANDWIDTH_IN_AVERAGE BANDWIDTH_IN_PEAK BANDWIDTH_IN_BURST BANDWIDTH_IN_FLOOR
    BANDWIDTH_OUT_AVERAGE BANDWIDTH_OUT_PEAK BANDWIDTH_OUT_BURST)], 'the fields are the BANDWIDTH_* constants');
# libvirt's network driver sets the port's whole bandwidth from the fields
# given: those left out are cleared.
croaks_ok(sub { $p1->set_parameters({ 'inbound.average' => 'fast' }) },
          qr/\ASys::Virt::NetworkPort::set_parameters: parameter 'inbound\.average' must be an integer/, 'set_parameters: a value that is not a number');
croaks_ok(sub { $p1->set_parameters({ 'inbound.average' => -1 }) },
          qr/\ASys::Virt::NetworkPort::set_parameters: parameter 'inbound\.average' /, 'set_parameters: a negative value for an unsigned field');
croaks_ok(sub { $p1->set_parameters([]) }, qr/\ASys::Virt::NetworkPort::set_parameters: argument 'params' must be a hash reference/,
          'set_parameters: not a hash');
error_code_is(error_of { $p1->get_parameters(1) }, ERR('ERR_INVALID_ARG'), 'get_parameters with an unknown flag');
error_code_is(error_of { $p1->set_parameters({ 'inbound.average' => 1000 }, 1) }, ERR('ERR_INVALID_ARG'), 'set_parameters with an unknown flag');
is_deeply($p1->get_parameters, \%BW, 'the refused sets changed nothing');
my %NEW = ('inbound.average' => 3000, 'inbound.peak' => 4000, 'inbound.burst' => 2048, 'outbound.average' => 600);
$p1->set_parameters({ (map { ($_ => "$NEW{$_}") } keys %NEW), 'no.such.field' => 5 });
is_deeply($p1->get_parameters, { %NEW, 'inbound.floor' => 0, 'outbound.peak' => 0, 'outbound.burst' => 0 },
          'set_parameters: the fields given, unknown ones ignored, numeric strings taken');
like($p1->get_xml_description, qr{<inbound average='3000' peak='4000' burst='2048'/>\s*<outbound average='600'/>}, 'the change is in the port XML');
$p1->set_parameters({});
is_deeply($p1->get_parameters, {}, 'set_parameters({}) clears the bandwidth');
unlike($p1->get_xml_description, qr{<(?:in|out)bound}, 'and the port XML has no limits');

my $p2 = $net->create_port(port_xml($UUID2, 'guest2', '52:54:00:10:01:02'), Sys::Virt::NetworkPort::CREATE_VALIDATE());
is($p2->get_uuid_string, $UUID2, 'create_port with CREATE_VALIDATE');
is(join(' ', sort map { $_->get_uuid_string } $net->list_all_ports), "$UUID1 $UUID2", 'list_all_ports: both ports');
is_deeply([map { ref } $net->list_all_ports(0)], [PORT, PORT], 'list_all_ports: objects of the class');

for my $form ([raw => $raw1], [string => $UUID1], ['32 hex digits' => $UUID1 =~ tr/-//dr]) {
    my $p = $net->get_port_by_uuid($form->[1]);
    is(ref $p, PORT, "get_port_by_uuid($form->[0]): class");
    is($p->get_uuid_string, $UUID1, "get_port_by_uuid($form->[0]): the port");
}
is(Sys::Virt::NetworkPort::_lookup_by_uuid($net, $raw1)->get_uuid, $raw1, '_lookup_by_uuid');
is(Sys::Virt::NetworkPort::_lookup_by_uuid_string($net, $UUID2)->get_uuid_string, $UUID2, '_lookup_by_uuid_string');
is(Sys::Virt::NetworkPort->_new(network => $net, uuid => $UUID2)->get_uuid_string, $UUID2, '_new(uuid)');

error_code_is(error_of { $net->get_port_by_uuid('0' x 32) }, ERR('ERR_NO_NETWORK_PORT'), 'unknown port UUID: ERR_NO_NETWORK_PORT');
error_code_is(error_of { $net->create_port(port_xml($UUID1, 'guest3', '52:54:00:10:01:03')) }, ERR('ERR_NETWORK_PORT_EXIST'),
              'create_port with a UUID in use');
error_code_is(error_of { $net->create_port('<networkport>') }, ERR('ERR_XML_DETAIL'), 'create_port with malformed XML');
error_code_is(error_of { $net->create_port("<networkport><owner><name>x</name></owner></networkport>") }, ERR('ERR_INTERNAL_ERROR'),
              'create_port without a UUID');
croaks_ok(sub { $p1->get_xml_description(-1) }, qr/\ASys::Virt::NetworkPort::get_xml_description: argument 'flags' is out of range/,
          'get_xml_description(-1)');
croaks_ok(sub { Sys::Virt::NetworkPort::get_uuid($net) },
          qr/\ASys::Virt::NetworkPort::get_uuid: argument 'port' is a Sys::Virt::Network object, not a Sys::Virt::NetworkPort object/,
          'a network as a port');

# A port object stays usable while the network object that made it is gone.
{
    my $again = $conn->get_network_by_name('t101')->get_port_by_uuid($UUID2);
    is($again->get_uuid_string, $UUID2, 'a port outlives its network object');
    like($again->get_xml_description, qr{guest2}, 'and still reaches libvirt');
}

$p2->delete;
is(join(' ', map { $_->get_uuid_string } $net->list_all_ports), $UUID1, 'delete removes the port');
error_code_is(error_of { $p2->get_xml_description }, ERR('ERR_NO_NETWORK_PORT'), 'stale port: get_xml_description');
error_code_is(error_of { $p2->get_parameters }, ERR('ERR_NO_NETWORK_PORT'), 'stale port: get_parameters');
error_code_is(error_of { $p2->set_parameters({ 'inbound.average' => 1 }) }, ERR('ERR_NO_NETWORK_PORT'), 'stale port: set_parameters');
error_code_is(error_of { $p2->delete }, ERR('ERR_NO_NETWORK_PORT'), 'stale port: delete again');
is($p2->get_uuid_string, $UUID2, 'stale port: its UUID is still known');
error_code_is(error_of { $net->get_port_by_uuid($UUID2) }, ERR('ERR_NO_NETWORK_PORT'), 'the deleted port is not found');

# ---------------------------------------------------------------------------
# DHCP leases
# ---------------------------------------------------------------------------

{
    my $dir = $d->dir . '/lib/dnsmasq';
    mkdir $dir;
    my $soon = time + 3600;
    open(my $fh, '>', "$dir/$BRIDGE.status") or die "write $dir/$BRIDGE.status: $!";
    print $fh qq{[
      {"ip-address": "10.101.0.7", "mac-address": "52:54:00:10:01:01", "hostname": "guest1",
       "client-id": "01:52:54:00:10:01:01", "expiry-time": $soon},
      {"ip-address": "fd00:101::7", "mac-address": "52:54:00:10:01:02", "iaid": "4711",
       "client-id": "00:04:aa:bb", "expiry-time": $soon},
      {"ip-address": "10.101.0.8", "mac-address": "52:54:00:10:01:03", "expiry-time": 5}
    ]};
    close $fh;

    my @leases = $net->get_dhcp_leases;
    is(scalar @leases, 2, 'get_dhcp_leases: the two leases that have not expired');
    is_deeply([sort keys %{ $leases[0] }], [sort qw(iface expirytime type mac iaid ipaddr prefix hostname clientid)],
              'a lease has the keys of the C module');
    my %by_mac = map { $_->{mac} => $_ } @leases;
    is_deeply($by_mac{'52:54:00:10:01:01'}, {
        iface => $BRIDGE, expirytime => $soon, type => Sys::Virt::IP_ADDR_TYPE_IPV4(), mac => '52:54:00:10:01:01',
        iaid => undef, ipaddr => '10.101.0.7', prefix => 0, hostname => 'guest1', clientid => '01:52:54:00:10:01:01',
    }, 'the IPv4 lease, without an IAID');
    is_deeply($by_mac{'52:54:00:10:01:02'}, {
        iface => $BRIDGE, expirytime => $soon, type => Sys::Virt::IP_ADDR_TYPE_IPV6(), mac => '52:54:00:10:01:02',
        iaid => '4711', ipaddr => 'fd00:101::7', prefix => 0, hostname => undef, clientid => '00:04:aa:bb',
    }, 'the IPv6 lease, without a host name');
    my @one = $net->get_dhcp_leases('52:54:00:10:01:02');
    is_deeply([map { $_->{ipaddr} } @one], ['fd00:101::7'], 'get_dhcp_leases($mac): only that interface');
    is(scalar(my @no = $net->get_dhcp_leases('52:54:00:10:01:03')), 0, 'get_dhcp_leases($mac) of an expired lease: none');
    is(scalar(my @undef_mac = $net->get_dhcp_leases(undef, 0)), 2, 'get_dhcp_leases(undef, 0): all');
    error_code_is(error_of { $net->get_dhcp_leases('not a mac') }, ERR('ERR_INVALID_MAC'), 'get_dhcp_leases with a malformed MAC');
    error_code_is(error_of { $net->get_dhcp_leases(undef, 1) }, ERR('ERR_INVALID_ARG'), 'get_dhcp_leases with an unknown flag');

    # The C module never frees the lease hashes (about 900 bytes a lease).
    my $rss = sub {
        open my $statm, '<', '/proc/self/statm' or return 0;
        return (split ' ', scalar <$statm>)[1] * 4096;
    };
    my @warm = map { [$net->get_dhcp_leases] } 1 .. 500;
    @warm = ();
    my $before = $rss->();
    my @got = $net->get_dhcp_leases for 1 .. 3000;
    my $grown = $rss->() - $before;
    cmp_ok($grown, '<', 1 << 20, sprintf 'get_dhcp_leases 3000 times: the leases are freed (%d KB growth)', $grown / 1024);
}

# ---------------------------------------------------------------------------
# Port objects copied: into threads, through Storable
# ---------------------------------------------------------------------------

SKIP: {
    require Config;
    skip 'this perl is built without ithreads', 2 unless $Config::Config{useithreads};
    # The child has a connection of its own (the parent's socket is not
    # to be shared) and leaves without closing anything the parent has.
    my $r = Crash::run_in_child(sub {
        require threads;
        my $c2 = Sys::Virt->new(uri => $d->uri);
        my $n2 = $c2->get_network_by_name('t101');
        my $port = $n2->get_port_by_uuid($UUID1);
        my @ports = map { $n2->get_port_by_uuid($UUID1) } 1 .. 20;
        my @thr = map {
            threads->create(sub {
                my $same = grep { $_->get_uuid eq $raw1 } @ports;
                my $x = $port->get_xml_description =~ /guest1/ ? 'xml' : 'no xml';
                @ports = ();
                return "$same $x " . join(',', map { $_->get_uuid_string } $n2->list_all_ports);
            });
        } 1 .. 3;
        my @got = map { $_->join } @thr;
        print "$_\n" for @got;
        print 'parent ', scalar(grep { $_->get_uuid_string eq $UUID1 } @ports), "\n";
        @ports = ();
        undef $port;
        undef $n2;
        undef $c2;
    }, timeout => 60, hard_exit => 1);
    ok($r->{ok} && $r->{stderr} eq '', 'port objects in threads: no crash, no warning') or diag Crash::describe($r);
    is($r->{stdout}, "20 xml $UUID1\n" x 3 . "parent 20\n", 'every thread and the parent use their copies of the ports');
}
# (In a child: a croak inside Storable leaves the object it was copying
# with one reference too many, which would outlive the daemon.)
{
    my $r = Crash::run_in_child(sub {
        require Storable;
        require Data::Dumper;
        my $c2 = Sys::Virt->new(uri => $d->uri);
        my $port = $c2->get_network_by_name('t101')->get_port_by_uuid($UUID1);
        my $e = error_of { Storable::dclone($port) };
        print defined $e && !ref $e ? "refused: $e" : "not refused\n";
        my $copy = eval(Data::Dumper::Dumper($port) =~ s/\A\$VAR1 = //r);
        print 'copy: ', ref $copy, "\n";
        $e = error_of { $copy->get_uuid_string };
        print defined $e && !ref $e ? "copy used: $e" : "copy not refused\n";
        undef $copy;
        print 'original: ', $port->get_uuid_string, "\n";
    }, timeout => 30, hard_exit => 1);
    ok($r->{ok}, 'port objects through Storable and Data::Dumper: no crash') or diag Crash::describe($r);
    my @lines = split /\n/, $r->{stdout};
    like($lines[0] // '', qr/\Arefused: Sys::Virt::NetworkPort objects hold live libvirt handles and cannot be serialized at /,
         'Storable refuses a port');
    is($lines[1] // '', 'copy: ' . PORT, 'a Data::Dumper copy of a port');
    like($lines[2] // '', qr/\Acopy used: Sys::Virt::NetworkPort::get_uuid_string: argument 'port' is not a Sys::Virt::NetworkPort object/,
         'is refused');
    is($lines[3] // '', "original: $UUID1", 'and the original lives on');
}

# ---------------------------------------------------------------------------
# Stopping the network
# ---------------------------------------------------------------------------

$p1->delete;
$net->destroy;
is($net->is_active, 0, 'destroy stops the network');
error_code_is(error_of { $net->list_all_ports }, ERR('ERR_OPERATION_INVALID'), 'list_all_ports of a stopped network');
error_code_is(error_of { $net->create_port(port_xml($UUID1, 'guest1', '52:54:00:10:01:01')) }, ERR('ERR_OPERATION_INVALID'),
              'create_port on a stopped network');
$net->undefine;
error_code_is(error_of { $net->is_active }, ERR('ERR_NO_NETWORK'), 'undefined: the object reports ERR_NO_NETWORK');

# Every object goes before the daemon does (a write to a daemon that has
# gone raises SIGPIPE).
undef $_ for $p1, $p2, $net, $conn;
is_deeply([$d->stop], [], 'the private daemon stopped: nothing left running');

done_testing();
