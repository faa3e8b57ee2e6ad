# -*- perl -*-
#
# Network filters and their bindings on a private libvirtd (the test
# driver has neither): filters defined, redefined, looked up by name and
# by UUID in both forms, listed and undefined with their XML checked; a
# filter that refers to another; bindings created on port device names
# that no interface has, found, listed and deleted; stale and bad objects.

use strict;
use warnings;

use FindBin;
use lib "$FindBin::Bin/lib";

use Test::More;

use Crash ();
use Sys::Virt;
BEGIN { Crash::assert_our_build() }

use PrivateLibvirtd;
use SVTest qw(error_of error_code_is croaks_ok sorted same_names);

use constant { NWF => 'Sys::Virt::NWFilter', NWB => 'Sys::Virt::NWFilterBinding' };

my $d = PrivateLibvirtd->start_or_skip;
PrivateLibvirtd->watchdog(120, '123-nwfilter.t');

my $c = Sys::Virt->new(uri => $d->uri);
my $NO_FILTER  = Sys::Virt::Error::ERR_NO_NWFILTER();
my $NO_BINDING = Sys::Virt::Error::ERR_NO_NWFILTER_BINDING();

is($c->num_of_nwfilters, 0, 'a fresh daemon has no filters');
is_deeply([$c->list_nwfilter_names], [], 'list_nwfilter_names: none');
is_deeply([$c->list_all_nwfilter_bindings], [], 'list_all_nwfilter_bindings: none');

# ------------------------------------------------------------- filters

my $ssh_xml = q{<filter name='t123-ssh' chain='ipv4'>
  <rule action='accept' direction='in' priority='100'>
    <tcp dstportstart='22'/>
  </rule>
  <rule action='drop' direction='inout'>
    <all/>
  </rule>
</filter>};

my $ssh = $c->define_nwfilter($ssh_xml);
isa_ok($ssh, NWF, 'define_nwfilter');
is($ssh->get_name, 't123-ssh', 'get_name');
my $uuid = $ssh->get_uuid_string;
like($uuid, qr/\A[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}\z/, 'get_uuid_string');
is(length $ssh->get_uuid, 16, 'get_uuid: 16 bytes');
is(join('-', unpack('H8 H4 H4 H4 H12', $ssh->get_uuid)), $uuid, 'get_uuid and get_uuid_string agree');

my $xml = $ssh->get_xml_description;
like($xml, qr{\A<filter name='t123-ssh' chain='ipv4' priority='-700'>}, 'XML: name, chain and the chain\'s default priority');
like($xml, qr{<uuid>\Q$uuid\E</uuid>}, 'XML: the UUID');
like($xml, qr{<rule action='accept' direction='in' priority='100'>\s*<tcp dstportstart='22'/>\s*</rule>}, 'XML: the first rule');
like($xml, qr{<rule action='drop' direction='inout' priority='500'>\s*<all/>\s*</rule>}, 'XML: the second rule, default priority');
is($ssh->get_xml_description(0), $xml, 'get_xml_description(0)');

my $top = $c->define_nwfilter(q{<filter name='t123-top' chain='root'>
  <filterref filter='t123-ssh'/>
  <rule action='accept' direction='out'><all/></rule>
</filter>}, 0);
is($top->get_name, 't123-top', 'define_nwfilter($xml, 0): a filter that refers to another');
like($top->get_xml_description, qr{<filterref filter='t123-ssh'/>}, 'its XML has the reference');

is($c->num_of_nwfilters, 2, 'num_of_nwfilters: two');
is_deeply([sorted($c->list_nwfilter_names)], [qw(t123-ssh t123-top)], 'list_nwfilter_names');
is_deeply([sorted($c->list_nwfilter_names(10))], [qw(t123-ssh t123-top)], 'list_nwfilter_names(10)');
is(scalar(() = $c->list_nwfilter_names(1)), 1, 'list_nwfilter_names(1): one');
is_deeply([$c->list_nwfilter_names(0)], [], 'list_nwfilter_names(0): none');
croaks_ok(sub { $c->list_nwfilter_names(-1) }, qr/\ASys::Virt::list_nwfilter_names: argument 'maxnames' must not be negative/,
          'list_nwfilter_names(-1)');
same_names([map { $_->get_name } $c->list_nwfilters], [qw(t123-ssh t123-top)], 'list_nwfilters');
isa_ok($_, NWF) for $c->list_nwfilters;
is(scalar($c->list_nwfilters), 2, 'list_nwfilters in scalar context: how many, as the C module\'s Perl version');
same_names([map { $_->get_name } $c->list_all_nwfilters], [qw(t123-ssh t123-top)], 'list_all_nwfilters');
same_names([map { $_->get_name } $c->list_all_nwfilters(0)], [qw(t123-ssh t123-top)], 'list_all_nwfilters(0)');

# Lookups.
is($c->get_nwfilter_by_name('t123-ssh')->get_uuid_string, $uuid, 'get_nwfilter_by_name');
(my $hex = $uuid) =~ tr/-//d;
for my $case (['16 bytes', $ssh->get_uuid], ['36 characters', $uuid], ['32 hex digits', $hex]) {
    my ($label, $u) = @$case;
    is($c->get_nwfilter_by_uuid($u)->get_name, 't123-ssh', "get_nwfilter_by_uuid: $label");
    is(NWF->_new(connection => $c, uuid => $u)->get_name, 't123-ssh', "_new(uuid => $label)");
}
is(NWF->_new(connection => $c, name => 't123-top')->get_name, 't123-top', '_new(name => ...)');
croaks_ok(sub { $c->get_nwfilter_by_uuid('x' x 20) }, qr/\AUUID must be either 16 unsigned bytes, or 32\/36 hex characters long/,
          'get_nwfilter_by_uuid with 20 characters');
croaks_ok(sub { NWF->_new(connection => $c, uuid => '') }, qr/\AUUID must be /, '_new with an empty UUID');
croaks_ok(sub { NWF->_new(connection => $c) }, qr/\Aaddress, id or uuid parameters are required/, '_new without a key');
error_code_is(error_of { $c->get_nwfilter_by_name('t123-none') }, $NO_FILTER, 'get_nwfilter_by_name of a missing filter');
error_code_is(error_of { $c->get_nwfilter_by_uuid('00000000-0000-0000-0000-0000000000aa') }, $NO_FILTER,
              'get_nwfilter_by_uuid of a missing filter');

# Redefining (same name, same UUID) replaces the rules; the same name
# with a new UUID is refused.
error_code_is(error_of { $c->define_nwfilter($ssh_xml) }, Sys::Virt::Error::ERR_OPERATION_FAILED(),
              'define_nwfilter of an existing name without its UUID');
{
    (my $changed = $ssh_xml) =~ s/dstportstart='22'/dstportstart='2222'/;
    $changed =~ s{chain='ipv4'>}{chain='ipv4'><uuid>$uuid</uuid>};
    my $again = $c->define_nwfilter($changed);
    is($again->get_uuid_string, $uuid, 'redefining keeps the UUID');
    like($ssh->get_xml_description, qr{dstportstart='2222'}, 'the old object sees the new rules');
    is($c->num_of_nwfilters, 2, 'and adds no filter');
}

error_code_is(error_of { $c->define_nwfilter('<filter/>') }, Sys::Virt::Error::ERR_INTERNAL_ERROR(), 'define_nwfilter without a name');
ok(ref error_of { $c->define_nwfilter('not xml') }, 'define_nwfilter of malformed XML is a libvirt error');
croaks_ok(sub { $c->define_nwfilter($ssh_xml, -1) }, qr/\ASys::Virt::NWFilter::_define_xml: argument 'flags' /, 'define_nwfilter: bad flags');
ok(ref error_of { $c->define_nwfilter(q{<filter name='t123-bad'><rule action='accept' direction='in'><tcp dstportstart='x'/></rule></filter>},
                                      NWF->DEFINE_VALIDATE) }, 'DEFINE_VALIDATE rejects a port that is not a number');

# ------------------------------------------------------------- bindings

sub binding_xml {
    my ($dev, $filter, $mac) = @_;
    return qq{<filterbinding>
  <owner><name>t123-guest</name><uuid>6a2a2d36-3b5c-4f0a-9f8e-0c1f4e7b2a11</uuid></owner>
  <portdev name='$dev'/>
  <mac address='$mac'/>
  <filterref filter='$filter'>
    <parameter name='IP' value='192.0.2.7'/>
  </filterref>
</filterbinding>};
}

# No interface of that name exists: libvirtd 9.0.0 does not ask for one.
my $b1 = $c->create_nwfilter_binding(binding_xml('t123tap0', 't123-top', '52:54:00:12:34:01'));
isa_ok($b1, NWB, 'create_nwfilter_binding on a port device no interface has');
is($b1->get_port_dev, 't123tap0', 'get_port_dev');
is($b1->get_filter_name, 't123-top', 'get_filter_name');
my $bxml = $b1->get_xml_description;
like($bxml, qr{<owner>\s*<name>t123-guest</name>\s*<uuid>6a2a2d36-3b5c-4f0a-9f8e-0c1f4e7b2a11</uuid>\s*</owner>}, 'binding XML: owner');
like($bxml, qr{<portdev name='t123tap0'/>}, 'binding XML: port device');
like($bxml, qr{<mac address='52:54:00:12:34:01'/>}, 'binding XML: MAC');
like($bxml, qr{<filterref filter='t123-top'>\s*<parameter name='IP' value='192\.0\.2\.7'/>}, 'binding XML: filter and parameter');
is($b1->get_xml_description(0), $bxml, 'get_xml_description(0)');

my $b2 = $c->create_nwfilter_binding(binding_xml('t123tap1', 't123-ssh', '52:54:00:12:34:02'), 0);
is($b2->get_filter_name, 't123-ssh', 'create_nwfilter_binding($xml, 0)');
my $b3 = NWB->_new(connection => $c, xml => binding_xml('t123tap2', 't123-ssh', '52:54:00:12:34:03'), flags => 0);
is($b3->get_port_dev, 't123tap2', '_new(xml => ...)');

same_names([map { $_->get_port_dev } $c->list_all_nwfilter_bindings], [qw(t123tap0 t123tap1 t123tap2)], 'list_all_nwfilter_bindings');
same_names([map { $_->get_port_dev } $c->list_all_nwfilter_bindings(0)], [qw(t123tap0 t123tap1 t123tap2)], 'list_all_nwfilter_bindings(0)');
isa_ok($_, NWB) for $c->list_all_nwfilter_bindings;
is($c->get_nwfilter_binding_by_port_dev('t123tap1')->get_filter_name, 't123-ssh', 'get_nwfilter_binding_by_port_dev');
is(NWB->_new(connection => $c, portdev => 't123tap0')->get_filter_name, 't123-top', '_new(portdev => ...)');
croaks_ok(sub { NWB->_new(connection => $c) }, qr/\Aportdev or xml parameters are required/, '_new without a key');
error_code_is(error_of { $c->get_nwfilter_binding_by_port_dev('t123none') }, $NO_BINDING, 'a port device without a binding');
error_code_is(error_of { $c->create_nwfilter_binding(binding_xml('t123tap0', 't123-ssh', '52:54:00:12:34:09')) },
              Sys::Virt::Error::ERR_OPERATION_FAILED(), 'a second binding on the same port device');
error_code_is(error_of { $c->create_nwfilter_binding(q{<filterbinding><portdev name='t123x'/><filterref filter='t123-ssh'/></filterbinding>}) },
              Sys::Virt::Error::ERR_INTERNAL_ERROR(), 'a binding without an owner');
croaks_ok(sub { $c->create_nwfilter_binding(binding_xml('t123tap5', 't123-ssh', '52:54:00:12:34:05'), -1) },
          qr/\ASys::Virt::NWFilterBinding::_create_xml: argument 'flags' /, 'create_nwfilter_binding: bad flags');

$b1->delete;
error_code_is(error_of { $c->get_nwfilter_binding_by_port_dev('t123tap0') }, $NO_BINDING, 'delete: the binding is gone');
error_code_is(error_of { $b1->delete }, $NO_BINDING, 'a deleted binding: delete again');
error_code_is(error_of { $b1->get_xml_description }, $NO_BINDING, 'a deleted binding: get_xml_description');
is($b1->get_port_dev, 't123tap0', 'a deleted binding keeps its port device name');
is($b1->get_filter_name, 't123-top', 'and its filter name');
$_->delete for $b2, $b3;
is_deeply([$c->list_all_nwfilter_bindings], [], 'every binding deleted');

# ------------------------------------------------------------- undefine

$top->undefine;
$ssh->undefine;
is($c->num_of_nwfilters, 0, 'both filters undefined');
error_code_is(error_of { $c->get_nwfilter_by_name('t123-ssh') }, $NO_FILTER, 'an undefined filter is not found');
error_code_is(error_of { $ssh->get_xml_description }, $NO_FILTER, 'an undefined filter: get_xml_description');
error_code_is(error_of { $ssh->undefine }, $NO_FILTER, 'an undefined filter: undefine');
is($ssh->get_name, 't123-ssh', 'an undefined filter keeps its name');
is($ssh->get_uuid_string, $uuid, 'and its UUID');

# ------------------------------------------------------------- bad objects

croaks_ok(sub { Sys::Virt::NWFilter::undefine(undef) }, qr/\ASys::Virt::NWFilter::undefine: argument 'filter' is not a Sys::Virt::NWFilter object/,
          'undefine(undef)');
croaks_ok(sub { Sys::Virt::NWFilterBinding::delete($ssh) },
          qr/\ASys::Virt::NWFilterBinding::delete: argument 'binding' is a Sys::Virt::NWFilter object, not a Sys::Virt::NWFilterBinding object/,
          'a filter as a binding');
croaks_ok(sub { Sys::Virt::NWFilterBinding::get_port_dev(bless \(my $x = 1), NWB) }, qr/\ASys::Virt::NWFilterBinding::get_port_dev: /,
          'a forged binding');
croaks_ok(sub { Sys::Virt::NWFilter::get_name($c) }, qr/\ASys::Virt::NWFilter::get_name: argument 'filter' is a Sys::Virt object/,
          'a connection as the filter');

# ------------------------------------------------------------- the end

undef $_ for $ssh, $top, $b1, $b2, $b3, $c;
my @left = $d->stop;
is_deeply(\@left, [], 'the daemons stopped: nothing left running');

done_testing;
