# -*- perl -*-
#
# Sys::Virt::Domain on the mock driver test:///default: identity, state,
# life cycle, and the errors libvirt reports, as Sys::Virt::Error objects.

use strict;
use warnings;

use FindBin;
use lib "$FindBin::Bin/lib";

use Test::More;
use Scalar::Util qw(reftype);

use SVTest;

my ($c, $d) = test_domain();

sub state_is {
    my ($dom, $state, $reason, $name) = @_;
    local $Test::Builder::Level = $Test::Builder::Level + 1;
    is_deeply([$dom->get_state], [$state, $reason], "$name: get_state");
}

# ---------------------------------------------------------------------------
# Identity of the built-in domain
# ---------------------------------------------------------------------------

is($d->get_name, 'test', 'get_name');
my $id = $d->get_id;
like($id, qr/\A[1-9]\d*\z/, 'get_id of a running domain is a positive integer');
is_deeply([$c->list_domain_ids], [$id], 'get_id matches list_domain_ids');

my $uuid = $d->get_uuid;
is(length $uuid, 16, 'get_uuid gives 16 bytes');
ok(!utf8::is_utf8($uuid), 'get_uuid is a byte string');
is($d->get_uuid_string, TEST_UUID, 'get_uuid_string');
is(join('-', unpack('H8 H4 H4 H4 H12', $uuid)), $d->get_uuid_string, 'get_uuid and get_uuid_string agree');
is($d->get_os_type, 'linux', 'get_os_type (the test driver answers "linux")');

my $xml = $d->get_xml_description;
like($xml, qr{\A<domain type='test' id='$id'>}, 'get_xml_description: live XML carries the id');
like($xml, qr{<name>test</name>}, 'get_xml_description: name');
like($xml, qr{<uuid>${\ TEST_UUID}</uuid>}, 'get_xml_description: uuid');
is($d->get_xml_description(0), $xml, 'get_xml_description(0) is the default');
is($d->get_xml_description(undef), $xml, 'get_xml_description(undef) is the default');
my $inactive = $d->get_xml_description(DOM('XML_INACTIVE'));
like($inactive, qr{\A<domain type='test'>}, 'get_xml_description(XML_INACTIVE): no id');
like($inactive, qr{<name>test</name>}, 'get_xml_description(XML_INACTIVE): name');
like($d->get_xml_description(DOM('XML_SECURE')), qr{<name>test</name>}, 'get_xml_description(XML_SECURE)');
croaks_ok(sub { $d->get_xml_description(-1) },
          qr/\ASys::Virt::Domain::get_xml_description: argument 'flags' /, 'get_xml_description(-1)');

{
    my $info = $d->get_info;
    is(ref $info, 'HASH', 'get_info returns a hash ref');
    is_deeply([sort keys %$info], [sort qw(state maxMem memory nrVirtCpu cpuTime)], 'get_info keys');
    is($info->{state}, DOM('STATE_RUNNING'), 'get_info state: running');
    my ($maxmem) = $xml =~ m{<memory unit='KiB'>(\d+)</memory>};
    my ($mem)    = $xml =~ m{<currentMemory unit='KiB'>(\d+)</currentMemory>};
    my ($vcpu)   = $xml =~ m{<vcpu[^>]*>(\d+)</vcpu>};
    is($info->{maxMem}, $maxmem, 'get_info maxMem is the XML memory');
    is($info->{memory}, $mem, 'get_info memory is the XML currentMemory');
    is($info->{nrVirtCpu}, $vcpu, 'get_info nrVirtCpu is the XML vcpu');
    like($info->{cpuTime}, qr/\A\d+\z/, 'get_info cpuTime is an integer');
    is($d->get_max_memory, $maxmem, 'get_max_memory');
    is($d->get_max_vcpus, $vcpu, 'get_max_vcpus of a running domain');
    my @l = $d->get_info;
    is(scalar @l, 1, 'get_info returns one value in list context');
}

is_deeply([$d->get_state], [DOM('STATE_RUNNING'), DOM('STATE_RUNNING_UNKNOWN')], 'get_state at start: running, reason unknown');
is(scalar($d->get_state), DOM('STATE_RUNNING_UNKNOWN'), 'get_state in scalar context gives the reason');
is($d->is_active, 1, 'is_active');
is($d->is_persistent, 1, 'is_persistent');
is($d->is_updated, 0, 'is_updated');
is($d->get_autostart, 0, 'get_autostart');

# ---------------------------------------------------------------------------
# Life cycle of the built-in domain
# ---------------------------------------------------------------------------

is(scalar($d->suspend), undef, 'suspend returns nothing');
state_is($d, DOM('STATE_PAUSED'), DOM('STATE_PAUSED_USER'), 'after suspend');
is($d->get_info->{state}, DOM('STATE_PAUSED'), 'get_info state after suspend');
is($d->is_active, 1, 'a paused domain is active');
virt_error_ok(sub { $d->suspend }, 'ERR_INTERNAL_ERROR', 'FROM_TEST', 'suspend when paused');
is(scalar($d->resume), undef, 'resume returns nothing');
state_is($d, DOM('STATE_RUNNING'), DOM('STATE_RUNNING_UNPAUSED'), 'after resume');
virt_error_ok(sub { $d->resume }, 'ERR_INTERNAL_ERROR', 'FROM_TEST', 'resume when running');
virt_error_ok(sub { $d->create }, 'ERR_INTERNAL_ERROR', 'FROM_TEST', 'create when running');

$d->destroy;
state_is($d, DOM('STATE_SHUTOFF'), DOM('STATE_SHUTOFF_DESTROYED'), 'after destroy');
is($d->get_id, -1, 'get_id of an inactive domain is -1');
is($d->is_active, 0, 'is_active after destroy');
is($d->get_info->{state}, DOM('STATE_SHUTOFF'), 'get_info state after destroy');
virt_error_ok(sub { $d->destroy }, 'ERR_OPERATION_INVALID', 'FROM_DOMAIN', 'destroy when shut off');
virt_error_ok(sub { $d->suspend }, 'ERR_INTERNAL_ERROR', 'FROM_TEST', 'suspend when shut off');
virt_error_ok(sub { $d->shutdown }, 'ERR_INTERNAL_ERROR', 'FROM_TEST', 'shutdown when shut off');

$d->create;
state_is($d, DOM('STATE_RUNNING'), DOM('STATE_RUNNING_BOOTED'), 'after create');
cmp_ok($d->get_id, '>', 0, 'get_id after create');
isnt($d->get_id, $id, 'a restarted domain has a new id');
is_deeply([$c->list_domain_ids], [$d->get_id], 'the new id is listed');

$d->shutdown;
state_is($d, DOM('STATE_SHUTOFF'), DOM('STATE_SHUTOFF_SHUTDOWN'), 'after shutdown');
$d->create(0);
state_is($d, DOM('STATE_RUNNING'), DOM('STATE_RUNNING_BOOTED'), 'after create(0)');
$d->reboot;
state_is($d, DOM('STATE_RUNNING'), DOM('STATE_RUNNING_BOOTED'), 'after reboot');
$d->reboot(0);
ok($d->is_active, 'reboot(0)');
virt_error_ok(sub { $d->shutdown(1 << 20) }, 'ERR_INVALID_ARG', 'FROM_TEST', 'shutdown with an unsupported flag');
virt_error_ok(sub { $d->create(DOM('START_PAUSED')) }, 'ERR_INVALID_ARG', 'FROM_TEST', 'create(START_PAUSED) is refused by the test driver');
virt_error_ok(sub { $d->get_state(1) }, 'ERR_INVALID_ARG', 'FROM_TEST', 'get_state with an unsupported flag');

# ---------------------------------------------------------------------------
# A domain of our own: define, autostart, start/stop, undefine
# ---------------------------------------------------------------------------

my $XML = "<domain type='test'><name>dom20</name>"
    . "<uuid>20202020-2020-2020-2020-202020202020</uuid>"
    . "<memory unit='KiB'>524288</memory><currentMemory unit='KiB'>262144</currentMemory>"
    . "<vcpu>3</vcpu><os><type arch='i686'>hvm</type></os></domain>";
my $x = $c->define_domain($XML);
is($x->get_name, 'dom20', 'defined domain: get_name');
is($x->get_id, -1, 'defined domain: get_id is -1');
is($x->get_uuid_string, '20202020-2020-2020-2020-202020202020', 'defined domain: get_uuid_string');
is(unpack('H*', $x->get_uuid), '20' x 16, 'defined domain: get_uuid');
state_is($x, DOM('STATE_SHUTOFF'), DOM('STATE_SHUTOFF_UNKNOWN'), 'defined domain');
is($x->is_active, 0, 'defined domain: not active');
is($x->is_persistent, 1, 'defined domain: persistent');
is($x->get_max_memory, 524288, 'defined domain: get_max_memory');
is($x->get_max_vcpus, -1, 'defined domain: get_max_vcpus is -1 while inactive');
is($x->get_info->{nrVirtCpu}, 3, 'defined domain: nrVirtCpu');
is($x->get_info->{memory}, 262144, 'defined domain: memory');

is($x->get_autostart, 0, 'get_autostart: off');
is(scalar($x->set_autostart(1)), undef, 'set_autostart(1) returns nothing');
is($x->get_autostart, 1, 'get_autostart after set_autostart(1)');
$x->set_autostart(0);
is($x->get_autostart, 0, 'get_autostart after set_autostart(0)');
$x->set_autostart(7);
is($x->get_autostart, 1, 'set_autostart(7) is true');
$x->set_autostart(!!0);
is($x->get_autostart, 0, 'set_autostart(!!0) is false');
$x->set_autostart(1);
{
    # The flag is read with Perl's idea of truth.
    ok(eval { $x->set_autostart(''); 1 }, "set_autostart('') is accepted");
    is($x->get_autostart, 0, "set_autostart('') is false");
    $x->set_autostart('yes');
    is($x->get_autostart, 1, "set_autostart('yes') is true");
    $x->set_autostart('0.0');
    is($x->get_autostart, 1, "set_autostart('0.0') is true, as Perl says");
}
$x->set_autostart(0);

$x->create;
state_is($x, DOM('STATE_RUNNING'), DOM('STATE_RUNNING_BOOTED'), 'own domain after create');
is($x->get_max_vcpus, 3, 'get_max_vcpus while running');
$x->suspend;
$x->reboot;
state_is($x, DOM('STATE_RUNNING'), DOM('STATE_RUNNING_BOOTED'), 'reboot of a paused domain');
$x->suspend;
$x->shutdown;
state_is($x, DOM('STATE_SHUTOFF'), DOM('STATE_SHUTOFF_SHUTDOWN'), 'shutdown of a paused domain');

# undefine: refused with snapshots, accepted with UNDEFINE_SNAPSHOTS_METADATA
my $snap = mksnap($x, 'only');
{
    my $e = virt_error_ok(sub { $x->undefine }, 'ERR_OPERATION_INVALID', 'FROM_TEST', 'undefine of an inactive domain with a snapshot');
    like($e && $e->message, qr/cannot delete inactive domain with 1 snapshots/, 'undefine refusal message');
    virt_error_ok(sub { $x->undefine(0) }, 'ERR_OPERATION_INVALID', 'FROM_TEST', 'undefine(0) with a snapshot');
    ok($x->is_persistent, 'still defined after the refusals');
    is($x->num_of_snapshots, 1, 'snapshot still there');
}
is(scalar($x->undefine(DOM('UNDEFINE_SNAPSHOTS_METADATA'))), undef, 'undefine(UNDEFINE_SNAPSHOTS_METADATA)');
virt_error_ok(sub { $c->get_domain_by_name('dom20') }, 'ERR_NO_DOMAIN', 'FROM_TEST', 'undefined domain is gone');
is($x->get_name, 'dom20', 'get_name still answers on an undefined domain');
is($x->get_uuid_string, '20202020-2020-2020-2020-202020202020', 'get_uuid_string still answers on an undefined domain');
virt_error_ok(sub { $x->get_info }, 'ERR_NO_DOMAIN', 'FROM_TEST', 'get_info of an undefined domain');
virt_error_ok(sub { $x->undefine }, 'ERR_NO_DOMAIN', 'FROM_TEST', 'undefine twice');
is($snap->get_name, 'only', 'the snapshot object still answers get_name');
virt_error_ok(sub { $snap->get_xml_description }, 'ERR_NO_DOMAIN', 'FROM_TEST', 'snapshot of an undefined domain');

# undefine without snapshots, and of a transient domain
{
    my $y = $c->define_domain($XML);
    is($y->undefine, undef, 'undefine() of an inactive domain without snapshots');
    is($c->num_of_defined_domains, 0, 'nothing left defined');
    my $z = $c->create_domain($XML);
    ok(!$z->is_persistent, 'created domain is transient');
    is($z->get_autostart, 0, 'transient domain: autostart off');
    $z->destroy;
    virt_error_ok(sub { $z->get_info }, 'ERR_NO_DOMAIN', 'FROM_TEST', 'a destroyed transient domain is gone');
    is($z->get_name, 'dom20', 'get_name of a vanished transient domain');
}

# A running persistent domain: undefine makes it transient.
{
    my $w = $c->define_domain($XML);
    $w->create;
    $w->undefine;
    is($w->is_persistent, 0, 'undefine of a running domain leaves it transient');
    is($w->is_active, 1, '... and running');
    $w->destroy;
    virt_error_ok(sub { $w->is_active }, 'ERR_NO_DOMAIN', 'FROM_TEST', '... until it stops');
}

# ---------------------------------------------------------------------------
# Errors: class, fields, string form, no noise on STDERR
# ---------------------------------------------------------------------------

{
    ok(!eval { $c->get_domain_by_name('no-such-domain'); 1 }, 'lookup of a missing domain fails');
    my $e = $@;
    is(ref $e, 'Sys::Virt::Error', 'ref $@ is Sys::Virt::Error');
    isa_ok($e, 'Sys::Virt::Error');
    is(reftype $e, 'HASH', 'an error is a blessed hash');
    is_deeply([sort keys %$e], [qw(code domain level message)], 'error fields');
    is($e->code, ERRC('ERR_NO_DOMAIN'), 'code');
    is($e->{code}, $e->code, '{code} and ->code agree');
    is($e->domain, ERRC('FROM_TEST'), 'domain');
    is($e->level, ERRC('LEVEL_ERROR'), 'level is VIR_ERR_ERROR');
    is($e->level, 2, 'level is 2');
    is($e->message, 'Domain not found', 'message');
    is("$e", "libvirt error code: 42, message: Domain not found\n", 'string form');
    is($e->stringify, "$e", 'stringify is the string form');
}
{
    # A message over several lines still ends with exactly one newline.
    eval { $d->create_snapshot('<domainsnapshot><name>bad') };
    my $e = $@;
    is(ref $e, 'Sys::Virt::Error', 'malformed XML: Sys::Virt::Error');
    like($e->message, qr/\n/, 'malformed XML: message spans several lines');
    unlike($e->message, qr/\n\z/, 'the message has no trailing newline');
    is("$e", 'libvirt error code: ' . $e->code . ', message: ' . $e->message . "\n", 'string form of a multi-line message');
}

{
    my $ro = conn(readonly => 1);
    my $rd = $ro->get_domain_by_name('test');
    my @calls = (
        [ 'get_domain_by_name(missing)', sub { $c->get_domain_by_name('nope') }, 'ERR_NO_DOMAIN', 'FROM_TEST' ],
        [ 'resume of a running domain', sub { $d->resume }, 'ERR_INTERNAL_ERROR', 'FROM_TEST' ],
        [ 'destroy of an inactive domain', sub { $c->define_domain($XML =~ s/dom20/dom20b/r =~ s/-202020202020</-20202020202b</r)->destroy },
          'ERR_OPERATION_INVALID', 'FROM_DOMAIN' ],
        [ 'suspend on a read-only connection', sub { $rd->suspend }, 'ERR_OPERATIONED_DENIED', 'FROM_DOMAIN' ],
        [ 'define_domain(malformed)', sub { $c->define_domain('<domain') }, 'ERR_XML_DETAIL', 'FROM_DOMAIN' ],
        [ 'current_snapshot without snapshots', sub { $d->current_snapshot }, 'ERR_NO_DOMAIN_SNAPSHOT', 'FROM_TEST' ],
        [ 'get_snapshot_by_name(missing)', sub { $d->get_snapshot_by_name('nope') }, 'ERR_NO_DOMAIN_SNAPSHOT', 'FROM_TEST' ],
    );
    for my $call (@calls) {
        my ($name, $code, $ecode, $edom) = @$call;
        my $e;
        my ($stderr) = capture_stderr(sub { $e = virt_error_ok($code, $ecode, $edom, $name) });
        is($stderr, '', "$name: nothing printed on STDERR");
        is($e && $e->level, 2, "$name: level 2");
        is($e && "$e", $e && ('libvirt error code: ' . $e->code . ', message: ' . $e->message . "\n"), "$name: string form");
    }
}

# Errors do not linger: a successful call after a failure leaves $@ alone.
{
    eval { $c->get_domain_by_name('nope') };
    ok(ref $@, 'failure sets $@');
    my $ok = eval { $d->get_name; 1 };
    ok($ok, 'next call succeeds');
    is($@, '', '$@ is empty after a successful eval');
}

done_testing();
