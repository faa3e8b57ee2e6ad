# -*- perl -*-
#
# Snapshot errors on test:///default: every refusal comes back as a
# Sys::Virt::Error with libvirt's code and domain (never swallowed), and
# bad argument values croak with a message naming the sub and argument.

use strict;
use warnings;

use FindBin;
use lib "$FindBin::Bin/lib";

use Test::More;

use SVTest;

my ($c, $d) = test_domain();
my $a = mksnap($d, 'a');
my $b = mksnap($d, 'b');

sub unchanged {
    my ($what) = @_;
    local $Test::Builder::Level = $Test::Builder::Level + 1;
    same_names([$d->list_snapshot_names], [qw(a b)], "$what: snapshots unchanged");
    is($d->current_snapshot->get_name, 'b', "$what: current unchanged");
}

# ---------------------------------------------------------------------------
# Bad snapshot XML and names
# ---------------------------------------------------------------------------

{
    my $e = virt_error_ok(sub { mksnap($d, 'a') }, 'ERR_OPERATION_FAILED', 'FROM_DOMAIN', 'duplicate name');
    like($e && $e->message, qr/\ba already exists\b/, 'duplicate name: message names it');
    unchanged('duplicate name');
}

my @bad_xml = (
    [ 'malformed XML', '<domainsnapshot><name>bad', 'ERR_XML_DETAIL', 'FROM_DOMAIN_SNAPSHOT' ],
    [ 'unclosed root', '<domainsnapshot><name>x</name>', 'ERR_XML_DETAIL', 'FROM_DOMAIN_SNAPSHOT' ],
    [ 'trailing content', '<domainsnapshot><name>x</name></domainsnapshot><extra/>', 'ERR_XML_DETAIL', 'FROM_DOMAIN_SNAPSHOT' ],
    [ 'not XML', 'not xml at all', 'ERR_XML_DETAIL', 'FROM_DOMAIN_SNAPSHOT' ],
    [ 'empty XML', '', 'ERR_XML_DETAIL', 'FROM_DOMAIN_SNAPSHOT' ],
    [ 'wrong root element', '<foo/>', 'ERR_XML_ERROR', 'FROM_XML' ],
    [ 'wrong root element with a name', '<domain><name>x</name></domain>', 'ERR_XML_ERROR', 'FROM_XML' ],
    [ 'unknown disk', "<domainsnapshot><name>x</name><disks><disk name='nosuch'/></disks></domainsnapshot>",
      'ERR_CONFIG_UNSUPPORTED', 'FROM_DOMAIN_SNAPSHOT' ],
    [ 'external disk', "<domainsnapshot><name>x</name><disks><disk name='vda' snapshot='external'/></disks></domainsnapshot>",
      'ERR_CONFIG_UNSUPPORTED', 'FROM_DOMAIN_SNAPSHOT' ],
);
for my $case (@bad_xml) {
    my ($name, $xml, $code, $dom) = @$case;
    virt_error_ok(sub { $d->create_snapshot($xml) }, $code, $dom, "create_snapshot: $name");
    virt_error_ok(sub { $d->create_snapshot($xml, 0) }, $code, $dom, "create_snapshot(..., 0): $name");
    virt_error_ok(sub { Sys::Virt::DomainSnapshot->_new(domain => $d, xml => $xml) }, $code, $dom, "_new(xml): $name");
}
{
    my $e = virt_error_ok(sub { $d->create_snapshot('<foo/>') }, 'ERR_XML_ERROR', 'FROM_XML', 'wrong root (message)');
    like($e && $e->message, qr/expecting root element of 'domainsnapshot', not 'foo'/, 'wrong root: message');
    $e = virt_error_ok(sub { $d->create_snapshot('') }, 'ERR_XML_DETAIL', 'FROM_DOMAIN_SNAPSHOT', 'empty (message)');
    like($e && $e->message, qr/Document is empty/, 'empty XML: message');
}
unchanged('bad XML');

# undef XML: Perl's warning, then libvirt sees an empty document.
{
    my @w;
    local $SIG{__WARN__} = sub { push @w, @_ };
    my $line = __LINE__ + 1;
    virt_error_ok(sub { $d->create_snapshot(undef) }, 'ERR_XML_DETAIL', 'FROM_DOMAIN_SNAPSHOT', 'create_snapshot(undef)');
    is(scalar @w, 1, 'create_snapshot(undef) warns once');
    like($w[0], qr/\AUse of uninitialized value in subroutine entry at \Q$0\E line $line\.$/,
         'the warning is "uninitialized value", at the caller');
    @w = ();
    {
        no warnings 'uninitialized';
        virt_error_ok(sub { $d->create_snapshot(undef, 0) }, 'ERR_XML_DETAIL', 'FROM_DOMAIN_SNAPSHOT',
                      'create_snapshot(undef) under no warnings');
    }
    is_deeply(\@w, [], "no warning under no warnings 'uninitialized'");
    @w = ();
    virt_error_ok(sub { $d->get_snapshot_by_name(undef) }, 'ERR_NO_DOMAIN_SNAPSHOT', 'FROM_TEST', 'get_snapshot_by_name(undef)');
    is(scalar(grep { /uninitialized/ } @w), 1, 'get_snapshot_by_name(undef) warns');
}

# Missing names: looking up fails; creating without a name lets libvirt pick one.
{
    for my $n ('nosuch', '', 'A', 'a ', ' a') {
        my $e = virt_error_ok(sub { $d->get_snapshot_by_name($n) }, 'ERR_NO_DOMAIN_SNAPSHOT', 'FROM_TEST', "get_snapshot_by_name('$n')");
        like($e && $e->message, qr/no domain snapshot with matching name '\Q$n\E'/, "get_snapshot_by_name('$n'): message");
        virt_error_ok(sub { Sys::Virt::DomainSnapshot->_new(domain => $d, name => $n) }, 'ERR_NO_DOMAIN_SNAPSHOT', 'FROM_TEST',
                      "_new(name => '$n')");
    }
    my $t0 = time;
    my $s = $d->create_snapshot('<domainsnapshot><description>no name</description></domainsnapshot>');
    my $t1 = time;
    like($s->get_name, qr/\A\d+\z/, 'a snapshot without a name is named by libvirt (its creation time)');
    ok($s->get_name >= $t0 && $s->get_name <= $t1, 'the name is the creation time in seconds');
    like($s->get_xml_description, qr{<name>\Q${\ $s->get_name}\E</name>}, 'the chosen name is in the XML');
    $s->delete;
    $b->revert_to(0);
}
unchanged('names');

# ---------------------------------------------------------------------------
# Flags the test driver refuses, and flag conflicts
# ---------------------------------------------------------------------------

for my $f (qw(CREATE_DISK_ONLY CREATE_REUSE_EXT CREATE_NO_METADATA)) {
    my $e = virt_error_ok(sub { mksnap($d, 'refused', SS($f)) }, 'ERR_INVALID_ARG', 'FROM_TEST', "create_snapshot($f)");
    like($e && $e->message, qr/unsupported flags \(0x${\ sprintf('%x', SS($f))}\) in function testDomainSnapshotCreateXML/,
         "create_snapshot($f): message");
    virt_error_ok(sub { Sys::Virt::DomainSnapshot->_new(domain => $d, xml => snapxml('refused'), flags => SS($f)) },
                  'ERR_INVALID_ARG', 'FROM_TEST', "_new(xml, flags => $f)");
}
virt_error_ok(sub { mksnap($d, 'refused', 1 << 31) }, 'ERR_INVALID_ARG', 'FROM_TEST', 'create_snapshot(1 << 31): unknown flag');
virt_error_ok(sub { mksnap($d, 'refused', 2**32 - 1) }, 'ERR_INVALID_ARG', 'FROM_DOMAIN_SNAPSHOT',
              'create_snapshot(2**32 - 1): every flag (conflicting flags are found first)');
{
    my $e = virt_error_ok(sub { $a->delete(SS('DELETE_METADATA_ONLY')) }, 'ERR_INVALID_ARG', 'FROM_TEST', 'delete(DELETE_METADATA_ONLY)');
    like($e && $e->message, qr/unsupported flags \(0x2\) in function testDomainSnapshotDelete/, 'DELETE_METADATA_ONLY: message');
}
virt_error_ok(sub { $a->delete(SS('DELETE_CHILDREN', 'DELETE_CHILDREN_ONLY')) }, 'ERR_INVALID_ARG', 'FROM_DOMAIN_SNAPSHOT',
              'delete(DELETE_CHILDREN|DELETE_CHILDREN_ONLY)');
virt_error_ok(sub { $a->revert_to(SS('REVERT_RUNNING', 'REVERT_PAUSED')) }, 'ERR_INVALID_ARG', 'FROM_DOMAIN_SNAPSHOT',
              'revert_to(REVERT_RUNNING|REVERT_PAUSED)');
virt_error_ok(sub { mksnap($d, 'refused', SS('CREATE_CURRENT')) }, 'ERR_INVALID_ARG', 'FROM_DOMAIN_SNAPSHOT',
              'CREATE_CURRENT without CREATE_REDEFINE');
virt_error_ok(sub { mksnap($d, 'refused', SS('CREATE_REDEFINE')) }, 'ERR_INTERNAL_ERROR', 'FROM_DOMAIN_SNAPSHOT',
              'CREATE_REDEFINE of XML without a creation time');
virt_error_ok(sub { $a->get_parent(1) }, 'ERR_INVALID_ARG', 'FROM_TEST', 'get_parent(1): no flag is supported');
virt_error_ok(sub { $a->is_current(1) }, 'ERR_INVALID_ARG', 'FROM_TEST', 'is_current(1)');
virt_error_ok(sub { $a->has_metadata(1) }, 'ERR_INVALID_ARG', 'FROM_TEST', 'has_metadata(1)');
virt_error_ok(sub { $d->has_current_snapshot(1) }, 'ERR_INVALID_ARG', 'FROM_TEST', 'has_current_snapshot(1)');
virt_error_ok(sub { $d->current_snapshot(1) }, 'ERR_INVALID_ARG', 'FROM_TEST', 'current_snapshot(1)');
virt_error_ok(sub { $d->get_snapshot_by_name('a', 1) }, 'ERR_INVALID_ARG', 'FROM_TEST', 'get_snapshot_by_name(a, 1)');
virt_error_ok(sub { $d->num_of_snapshots(1 << 20) }, 'ERR_INVALID_ARG', 'FROM_TEST', 'num_of_snapshots(1 << 20)');
virt_error_ok(sub { $d->list_snapshot_names(10, 1 << 20) }, 'ERR_INVALID_ARG', 'FROM_TEST', 'list_snapshot_names(10, 1 << 20)');
virt_error_ok(sub { $d->list_all_snapshots(1 << 20) }, 'ERR_INVALID_ARG', 'FROM_TEST', 'list_all_snapshots(1 << 20)');
virt_error_ok(sub { $a->num_of_child_snapshots(1 << 20) }, 'ERR_INVALID_ARG', 'FROM_TEST', 'num_of_child_snapshots(1 << 20)');
virt_error_ok(sub { $a->list_child_snapshot_names(10, 1 << 20) }, 'ERR_INVALID_ARG', 'FROM_TEST', 'list_child_snapshot_names(10, 1 << 20)');
virt_error_ok(sub { $a->list_all_children(1 << 20) }, 'ERR_INVALID_ARG', 'FROM_TEST', 'list_all_children(1 << 20)');
virt_error_ok(sub { $a->revert_to(1 << 20) }, 'ERR_INVALID_ARG', 'FROM_TEST', 'revert_to(1 << 20)');
unchanged('refused flags');
is_deeply([$d->get_state], [DOM('STATE_RUNNING'), DOM('STATE_RUNNING_FROM_SNAPSHOT')], 'domain state untouched by refused calls');

# ---------------------------------------------------------------------------
# Read-only connection
# ---------------------------------------------------------------------------

{
    my $ro = conn(readonly => 1);
    my $rd = $ro->get_domain_by_name('test');
    my $ra = $rd->get_snapshot_by_name('a');
    is($ra->get_name, 'a', 'read-only: lookup works');
    like($ra->get_xml_description, qr{<name>a</name>}, 'read-only: get_xml_description works');
    same_names([$rd->list_snapshot_names], [qw(a b)], 'read-only: list_snapshot_names works');
    is($rd->current_snapshot->get_name, 'b', 'read-only: current_snapshot works');
    is($ra->num_of_child_snapshots, 1, 'read-only: num_of_child_snapshots works');
    for my $case (
        [ 'create_snapshot', sub { mksnap($rd, 'ro') }, 'FROM_DOMAIN_SNAPSHOT', qr/read only access prevents virDomainSnapshotCreateXML/ ],
        [ 'delete', sub { $ra->delete }, 'FROM_DOMAIN_SNAPSHOT', qr/read only access prevents virDomainSnapshotDelete/ ],
        [ 'revert_to', sub { $ra->revert_to }, 'FROM_DOMAIN_SNAPSHOT', qr/read only access prevents virDomainRevertToSnapshot/ ],
        [ 'get_xml_description(XML_SECURE)', sub { $ra->get_xml_description(SS('XML_SECURE')) }, 'FROM_DOMAIN_SNAPSHOT',
          qr/virDomainSnapshotGetXMLDesc with secure flag/ ],
        [ 'Domain get_xml_description(XML_SECURE)', sub { $rd->get_xml_description(DOM('XML_SECURE')) }, 'FROM_DOMAIN',
          qr/virDomainGetXMLDesc with secure flag/ ],
        [ '_new(xml)', sub { Sys::Virt::DomainSnapshot->_new(domain => $rd, xml => snapxml('ro')) }, 'FROM_DOMAIN_SNAPSHOT',
          qr/read only access prevents virDomainSnapshotCreateXML/ ],
    ) {
        my ($name, $code, $dom, $re) = @$case;
        my $e = virt_error_ok($code, 'ERR_OPERATIONED_DENIED', $dom, "read-only $name");
        like($e && $e->message, $re, "read-only $name: message");
    }
    unchanged('read-only');
    ok(eval { $a->get_xml_description(SS('XML_SECURE')); 1 }, 'XML_SECURE on a read-write connection works');
}

# ---------------------------------------------------------------------------
# Argument values that are not valid flags: our own croak, nothing done
# ---------------------------------------------------------------------------

my @flag_calls = (
    [ 'Sys::Virt::Domain::create_snapshot',          sub { $d->create_snapshot(snapxml('viaflags'), $_[0]) } ],
    [ 'Sys::Virt::Domain::num_of_snapshots',         sub { $d->num_of_snapshots($_[0]) } ],
    [ 'Sys::Virt::Domain::list_snapshot_names',      sub { $d->list_snapshot_names(10, $_[0]) } ],
    [ 'Sys::Virt::Domain::list_all_snapshots',       sub { $d->list_all_snapshots($_[0]) } ],
    [ 'Sys::Virt::Domain::has_current_snapshot',     sub { $d->has_current_snapshot($_[0]) } ],
    [ 'Sys::Virt::Domain::current_snapshot',         sub { $d->current_snapshot($_[0]) } ],
    [ 'Sys::Virt::Domain::get_snapshot_by_name',     sub { $d->get_snapshot_by_name('a', $_[0]) } ],
    [ 'Sys::Virt::Domain::get_xml_description',      sub { $d->get_xml_description($_[0]) } ],
    [ 'Sys::Virt::Domain::destroy',                  sub { $d->destroy($_[0]) } ],
    [ 'Sys::Virt::Domain::undefine',                 sub { $d->undefine($_[0]) } ],
    [ 'Sys::Virt::DomainSnapshot::get_xml_description',       sub { $a->get_xml_description($_[0]) } ],
    [ 'Sys::Virt::DomainSnapshot::delete',                    sub { $a->delete($_[0]) } ],
    [ 'Sys::Virt::DomainSnapshot::revert_to',                 sub { $a->revert_to($_[0]) } ],
    [ 'Sys::Virt::DomainSnapshot::get_parent',                sub { $b->get_parent($_[0]) } ],
    [ 'Sys::Virt::DomainSnapshot::is_current',                sub { $a->is_current($_[0]) } ],
    [ 'Sys::Virt::DomainSnapshot::has_metadata',              sub { $a->has_metadata($_[0]) } ],
    [ 'Sys::Virt::DomainSnapshot::num_of_child_snapshots',    sub { $a->num_of_child_snapshots($_[0]) } ],
    [ 'Sys::Virt::DomainSnapshot::list_child_snapshot_names', sub { $a->list_child_snapshot_names(10, $_[0]) } ],
    [ 'Sys::Virt::DomainSnapshot::list_all_children',         sub { $a->list_all_children($_[0]) } ],
    [ 'Sys::Virt::list_all_domains',                          sub { $c->list_all_domains($_[0]) } ],
);
my @bad_flags = (
    [ 'negative',   -1,       qr/is out of range/ ],
    [ '-2**31',     -2**31,   qr/is out of range/ ],
    [ '2**32',      2**32,    qr/is out of range/ ],
    [ '2**40',      2**40,    qr/is out of range/ ],
    [ '1.5',        1.5,      qr/must be an integer/ ],
    [ '"1.5"',      '1.5',    qr/must be an integer/ ],
    [ '"abc"',      'abc',    qr/must be a number/ ],
    [ '"4abc"',     '4abc',   qr/must be a number/ ],
    [ '""',         '',       qr/must be a number/ ],
    [ 'inf',        9**9**9,  qr/must be an integer/ ],
    [ 'array ref',  [],       qr/reference/ ],
    [ 'hash ref',   {},       qr/reference/ ],
    [ 'code ref',   sub { 0 }, qr/reference/ ],
    [ 'scalar ref', \0,       qr/reference/ ],
);
for my $call (@flag_calls) {
    my ($sub, $code) = @$call;
    for my $bad (@bad_flags) {
        my ($what, $value, $re) = @$bad;
        my $ok = eval { $code->($value); 1 };
        my $err = $@;
        ok(!$ok && !ref($err) && $err =~ /\A\Q$sub\E: argument 'flags' / && $err =~ $re, "$sub(flags = $what) croaks")
            or diag("got: " . ($ok ? 'no error' : ref($err) ? ref($err) . ": $err" : $err));
    }
}
{
    # The bad calls did nothing.
    unchanged('bad flag values');
    ok($d->is_active, 'domain not destroyed by destroy(bad flags)');
    ok($d->is_persistent, 'domain not undefined by undefine(bad flags)');
}

# Values that are fine as flags.
{
    package Flag::Num;
    use overload '0+' => sub { ${ $_[0] } }, fallback => 1;
}
is($d->num_of_snapshots(bless(\(my $z = 0), 'Flag::Num')), 2, 'an object overloading 0+ is a number');
is($d->num_of_snapshots('0'), 2, "'0' is 0");
is($d->num_of_snapshots(' 0'), 2, "' 0' is 0");
is($d->num_of_snapshots('4.0'), 1, "'4.0' is LIST_LEAVES");
is($d->num_of_snapshots(4.0), 1, '4.0 is LIST_LEAVES');
is($d->num_of_snapshots('0 but true'), 2, "'0 but true' is 0");
{
    my @w;
    local $SIG{__WARN__} = sub { push @w, @_ };
    is($d->num_of_snapshots(undef), 2, 'undef flags are 0');
    is_deeply(\@w, [], 'undef flags do not warn');
}

# Perl code run while reading an argument (a tie's FETCH, an overloaded
# conversion) dies: that die comes through unchanged, and nothing is done.
{
    package Boom::Tie;
    sub TIESCALAR { return bless {}, shift }
    sub FETCH { die "tie fetch died\n" }
    package Boom::Obj;
    sub TIESCALAR { return bless {}, shift }
    sub FETCH { die bless { why => 'object' }, 'Boom::Error' }
    package Boom::Num;
    use overload '0+' => sub { die "numify died\n" }, '""' => sub { die "stringify died\n" }, fallback => 1;
}
{
    tie my $t, 'Boom::Tie';
    tie my $o, 'Boom::Obj';
    my $n = bless {}, 'Boom::Num';
    for my $case (
        [ 'tied flags',           sub { $d->num_of_snapshots($t) },         "tie fetch died\n" ],
        [ 'tied XML',             sub { $d->create_snapshot($t) },          "tie fetch died\n" ],
        [ 'tied name',            sub { $d->get_snapshot_by_name($t) },     "tie fetch died\n" ],
        [ 'tied maxnames',        sub { $a->list_child_snapshot_names($t) }, "tie fetch died\n" ],
        [ 'tied delete flags',    sub { $a->delete($t) },                   "tie fetch died\n" ],
        [ 'overloaded flags',     sub { $d->list_all_snapshots($n) },       "numify died\n" ],
        [ 'overloaded XML',       sub { $d->create_snapshot($n) },          "stringify died\n" ],
    ) {
        my ($label, $code, $want) = @$case;
        ok(!eval { $code->(); 1 }, "$label: dies");
        is($@, $want, "$label: with the die from Perl code");
    }
    ok(!eval { $d->num_of_snapshots($o); 1 }, 'a tie dying with an object: dies');
    is(ref $@, 'Boom::Error', 'with that object');
    for (1 .. 200) { eval { $a->revert_to($t) } }
    is($@, "tie fetch died\n", 'repeated dies from argument magic');
    unchanged('dying argument magic');
}

# maxnames that are not counts.
for my $m ([ '1.5', 1.5, qr/must be an integer/ ], [ '"abc"', 'abc', qr/must be a number/ ], [ 'array ref', [], qr/must be a number, not a reference/ ],
           [ 'negative', -1, qr/must not be negative/ ], [ '-2**40', -2**40, qr/must not be negative/ ]) {
    my ($what, $value, $re) = @$m;
    croaks_ok(sub { $d->list_snapshot_names($value) }, qr/\ASys::Virt::Domain::list_snapshot_names: argument 'maxnames' $re/,
              "list_snapshot_names(maxnames = $what)");
    croaks_ok(sub { $a->list_child_snapshot_names($value) },
              qr/\ASys::Virt::DomainSnapshot::list_child_snapshot_names: argument 'maxnames' $re/,
              "list_child_snapshot_names(maxnames = $what)");
}

# Too many arguments.
croaks_ok(sub { $a->get_name(1) }, qr/\AUsage: Sys::Virt::DomainSnapshot::get_name\(domss\)/, 'get_name(1): usage');
croaks_ok(sub { $a->delete(0, 1) }, qr/\AUsage: Sys::Virt::DomainSnapshot::delete\(domss, flags=0\)/, 'delete(0, 1): usage');
croaks_ok(sub { $d->create_snapshot() }, qr/\AUsage: Sys::Virt::Domain::create_snapshot\(dom, xml, flags=0\)/,
          'create_snapshot(): usage');

done_testing();
