# -*- perl -*-
#
# Sys::Virt (the connection) on the mock driver test:///default, and the
# Sys::Virt::Domain constructors it drives.

use strict;
use warnings;

use FindBin;
use lib "$FindBin::Bin/lib";

use Test::More;
use POSIX ();
use Scalar::Util qw(blessed reftype);

use SVTest;

like($INC{'Sys/Virt.pm'}, qr{(?:\A|/)blib/lib/Sys/Virt\.pm\z}, 'Sys::Virt comes from this build');

my $XML_DEF = "<domain type='test'><name>def1</name>"
    . "<uuid>0b2f7c1e-5a8d-4c3b-9e6f-1a2b3c4d5e6f</uuid>"
    . "<memory unit='KiB'>524288</memory><currentMemory unit='KiB'>262144</currentMemory>"
    . "<vcpu>1</vcpu><os><type arch='i686'>hvm</type></os></domain>";
my $XML_TRANS = "<domain type='test'><name>trans1</name>"
    . "<uuid>0b2f7c1e-5a8d-4c3b-9e6f-aaaaaaaaaaaa</uuid>"
    . "<memory unit='KiB'>262144</memory><vcpu>1</vcpu><os><type arch='i686'>hvm</type></os></domain>";

# ---------------------------------------------------------------------------
# Opening connections
# ---------------------------------------------------------------------------

my $c = Sys::Virt->new(uri => TEST_URI);
isa_ok($c, 'Sys::Virt', 'new(uri => ...)');
is(ref $c, 'Sys::Virt', 'ref of a connection');
is(reftype $c, 'SCALAR', 'a connection is a blessed scalar ref');
is($c->get_uri, TEST_URI, 'get_uri');

my $caddr = Sys::Virt->new(address => TEST_URI);
isa_ok($caddr, 'Sys::Virt', 'new(address => ...)');
is($caddr->get_uri, TEST_URI, 'get_uri of an address connection');

{
    my $auth = Sys::Virt->new(uri => TEST_URI, auth => 1);
    is($auth->get_uri, TEST_URI, 'new(auth => 1) without credentials or callback opens the mock driver');
}

{
    # address wins over uri when both are given.
    my $both = Sys::Virt->new(address => TEST_URI, uri => 'test:///nonexistent/none.xml');
    is($both->get_uri, TEST_URI, 'address is used before uri');
}

{
    package My::Conn;
    our @ISA = ('Sys::Virt');
}
my $sub = My::Conn->new(uri => TEST_URI);
is(ref $sub, 'My::Conn', 'new blesses into a subclass');
is($sub->get_type, 'TEST', 'a subclass connection works');

my $ro = Sys::Virt->new(uri => TEST_URI, readonly => 1);
isa_ok($ro, 'Sys::Virt', 'new(readonly => 1)');
{
    my $rod = $ro->get_domain_by_name('test');
    ok($rod->is_active, 'reads work on a read-only connection');
    my $e = virt_error_ok(sub { $rod->suspend }, 'ERR_OPERATIONED_DENIED', 'FROM_DOMAIN', 'suspend on a read-only connection');
    is($e && $e->code, 29, 'read-only refusal is code 29');
    like($e && $e->message, qr/read only access prevents virDomainSuspend/, 'read-only message names the call');
    virt_error_ok(sub { $ro->define_domain($XML_DEF) }, 29, 'FROM_DOMAIN', 'define_domain on a read-only connection');
    virt_error_ok(sub { $ro->create_domain($XML_TRANS) }, 29, 'FROM_DOMAIN', 'create_domain on a read-only connection');
    my ($state) = $c->get_domain_by_name('test')->get_state;
    is($state, DOM('STATE_RUNNING'), 'the refused suspend did not happen');
}
{
    my $ro2 = Sys::Virt->new(uri => TEST_URI, flags => Sys::Virt::CONNECT_RO());
    virt_error_ok(sub { $ro2->get_domain_by_name('test')->suspend }, 29, 'FROM_DOMAIN', 'flags => CONNECT_RO is read-only too');
}

{
    # libxml2 reports the missing file on STDERR by itself; keep that out of the test output.
    my $e;
    capture_stderr(sub {
        $e = virt_error_ok(sub { Sys::Virt->new(uri => 'test:///nonexistent/no-such-file.xml') },
                           'ERR_XML_ERROR', 'FROM_TEST', 'new with a missing test driver file');
    });
    like($e && $e->message, qr{/nonexistent/no-such-file\.xml}, 'the message names the file');
}

# Missing and empty URIs mean libvirt's default URI. Without a daemon the
# only default that can be reached is one given in LIBVIRT_DEFAULT_URI.
{
    local $ENV{LIBVIRT_DEFAULT_URI} = TEST_URI;
    my $d1 = Sys::Virt->new();
    is($d1->get_uri, TEST_URI, 'no uri: LIBVIRT_DEFAULT_URI is used');
    my $d2 = Sys::Virt->new(uri => undef);
    is($d2->get_uri, TEST_URI, 'uri => undef: LIBVIRT_DEFAULT_URI is used');
    my $d3 = Sys::Virt->new(uri => '');
    is($d3->get_uri, TEST_URI, "uri => '': LIBVIRT_DEFAULT_URI is used");
}
SKIP: {
    skip 'a missing or empty URI without LIBVIRT_DEFAULT_URI probes for a running libvirtd '
       . '(qemu:///system or a session daemon); this test runs no daemon', 1;
}

# ---------------------------------------------------------------------------
# Connection information
# ---------------------------------------------------------------------------

is($c->get_type, 'TEST', 'get_type');

my $ver = $c->get_version;
like($ver, qr/\A\d+\z/, 'get_version is a number');
is($c->get_major_version * 1_000_000 + $c->get_minor_version * 1000 + $c->get_micro_version,
   $ver, 'major/minor/micro make up get_version');
ok($c->get_minor_version < 1000 && $c->get_micro_version < 1000, 'minor and micro are below 1000');
is($c->get_version, 2, 'the test driver reports hypervisor version 2');

my $lib = $c->get_library_version;
like($lib, qr/\A\d+\z/, 'get_library_version is a number');
cmp_ok($lib, '>=', 9_000_000, 'libvirt is at least 9.0.0');
is(Sys::Virt->get_version, $lib, 'Sys::Virt->get_version (class method) is the library version');
is(Sys::Virt::get_version(), $lib, 'Sys::Virt::get_version() (function) is the library version');
{
    my $pc = `pkg-config --modversion libvirt 2>/dev/null`;
    chomp $pc;
    SKIP: {
        skip 'pkg-config does not know libvirt', 1 unless $pc =~ /\A(\d+)\.(\d+)\.(\d+)\z/;
        is($lib, $1 * 1_000_000 + $2 * 1000 + $3, 'library version matches pkg-config');
    }
}

{
    my $h = $c->get_hostname;
    ok(defined $h && length $h, 'get_hostname is not empty');
    my $node = (POSIX::uname())[1];
    ok($h eq $node || index($h, "$node.") == 0 || index($node, "$h.") == 0,
       "get_hostname ($h) is this machine ($node)");
}

is($c->is_alive, 1, 'is_alive');
is($c->is_secure, 1, 'is_secure (in-process driver)');
is($c->is_encrypted, 0, 'is_encrypted');

my $caps = $c->get_capabilities;
like($caps, qr/\A<capabilities>/, 'get_capabilities is a capabilities document');

{
    my $ni = $c->get_node_info;
    is(ref $ni, 'HASH', 'get_node_info returns a hash ref');
    is_deeply([sort keys %$ni], [sort qw(model memory cpus mhz nodes sockets cores threads)], 'get_node_info keys');
    for my $k (qw(memory cpus mhz nodes sockets cores threads)) {
        like($ni->{$k}, qr/\A[1-9]\d*\z/, "node info $k is a positive integer");
    }
    is($ni->{cpus}, $ni->{nodes} * $ni->{sockets} * $ni->{cores} * $ni->{threads},
       'cpus = nodes * sockets * cores * threads');
    my ($arch) = $caps =~ m{<arch>([^<]+)</arch>};
    is($ni->{model}, $arch, 'model is the capabilities host arch');
    my ($cells) = $caps =~ m{<cells num='(\d+)'>};
    is($ni->{nodes}, $cells, 'nodes is the number of NUMA cells');
    my $ncpu = 0;
    $ncpu += $_ for $caps =~ m{<cpus num='(\d+)'>}g;
    is($ni->{cpus}, $ncpu, 'cpus is the number of CPUs in the capabilities');
    my $mem = 0;
    $mem += $_ for $caps =~ m{<cell id='\d+'>\s*<memory unit='KiB'>(\d+)</memory>}g;
    cmp_ok($ni->{memory}, '>', 0, 'memory is positive');
    ok($mem > 0, 'capabilities give cell memory');
    is_deeply({ %$ni, memory => 0 },
              { model => 'i686', memory => 0, cpus => 16, mhz => 1400, nodes => 2, sockets => 2, cores => 2, threads => 2 },
              'the test driver node (values from its built-in configuration)');
}

is($c->get_max_vcpus('test'), 32, 'get_max_vcpus(test)');

# ---------------------------------------------------------------------------
# Listing domains
# ---------------------------------------------------------------------------

is($c->num_of_domains, 1, 'num_of_domains: the one running domain');
my $test_id = $c->get_domain_by_name('test')->get_id;
is_deeply([$c->list_domain_ids], [$test_id], 'list_domain_ids() (maxids missing): all');
is_deeply([$c->list_domain_ids(undef)], [$test_id], 'list_domain_ids(undef): all');
is_deeply([$c->list_domain_ids(0)], [], 'list_domain_ids(0): none');
is_deeply([$c->list_domain_ids(1)], [$test_id], 'list_domain_ids(1)');
is_deeply([$c->list_domain_ids(100)], [$test_id], 'list_domain_ids(100)');
{
    # A large maxids asks for "all"; it must not size a buffer by it. Under
    # a 1 GiB address-space limit an 8 GiB buffer cannot be had.
    my $prog = 'my $c = Sys::Virt->new(uri => "test:///default"); '
             . 'print join(",", $c->list_domain_ids(2**40)), ";", join(",", $c->list_domain_ids(2**31 - 1)), "\n"';
    my ($status, $out) = perl_child_vmem(1024 * 1024, $prog);
    child_status_ok($status, 'list_domain_ids(2**40) with 1 GiB of address space: no abort', $out);
    is($out, "$test_id;$test_id\n", 'list_domain_ids(2**40) and (2**31-1) with 1 GiB of address space: all ids');
}
croaks_ok(sub { $c->list_domain_ids(-1) }, qr/\ASys::Virt::list_domain_ids: argument 'maxids' must not be negative/,
          'list_domain_ids(-1)');

is_deeply([names($c->list_domains)], ['test'], 'list_domains');
isa_ok(($c->list_domains)[0], 'Sys::Virt::Domain', 'list_domains element');
is($c->num_of_defined_domains, 0, 'num_of_defined_domains: none at start');
is_deeply([$c->list_defined_domain_names], [], 'list_defined_domain_names: none');
is_deeply([$c->list_defined_domains], [], 'list_defined_domains: none');
is_deeply([names($c->list_all_domains)], ['test'], 'list_all_domains()');
is_deeply([names($c->list_all_domains(0))], ['test'], 'list_all_domains(0)');
is_deeply([names($c->list_all_domains(DOM('LIST_ACTIVE')))], ['test'], 'list_all_domains(LIST_ACTIVE)');
is_deeply([names($c->list_all_domains(DOM('LIST_INACTIVE')))], [], 'list_all_domains(LIST_INACTIVE)');

# ---------------------------------------------------------------------------
# Looking domains up
# ---------------------------------------------------------------------------

my $d = $c->get_domain_by_name('test');
isa_ok($d, 'Sys::Virt::Domain', 'get_domain_by_name');
is($d->get_name, 'test', 'get_domain_by_name: right domain');
virt_error_ok(sub { $c->get_domain_by_name('no-such-domain') }, 'ERR_NO_DOMAIN', 'FROM_TEST', 'get_domain_by_name(missing)');
{
    my @w;
    local $SIG{__WARN__} = sub { push @w, @_ };
    virt_error_ok(sub { $c->get_domain_by_name(undef) }, 'ERR_NO_DOMAIN', 'FROM_TEST', 'get_domain_by_name(undef)');
    ok((grep { /uninitialized/ } @w), 'get_domain_by_name(undef) warns about an uninitialized value');
}

is($c->get_domain_by_id($test_id)->get_name, 'test', 'get_domain_by_id');
virt_error_ok(sub { $c->get_domain_by_id(4242) }, 'ERR_NO_DOMAIN', 'FROM_TEST', 'get_domain_by_id(missing)');
virt_error_ok(sub { $c->get_domain_by_id(-1) }, 'ERR_INVALID_ARG', 'FROM_DOMAIN', 'get_domain_by_id(-1)');

(my $hex = TEST_UUID) =~ s/-//g;
my $raw = pack 'H*', $hex;
is(length $raw, 16, '16 raw bytes');
is($c->get_domain_by_uuid($raw)->get_name, 'test', 'get_domain_by_uuid(16 raw bytes)');
is($c->get_domain_by_uuid($hex)->get_name, 'test', 'get_domain_by_uuid(32 hex)');
is($c->get_domain_by_uuid(TEST_UUID)->get_name, 'test', 'get_domain_by_uuid(36 hex)');
is($c->get_domain_by_uuid(uc TEST_UUID)->get_name, 'test', 'get_domain_by_uuid(36 upper-case hex)');
is($c->get_domain_by_uuid($d->get_uuid)->get_uuid_string, TEST_UUID, 'get_domain_by_uuid(get_uuid) round trip');
for my $bad ('', 'abc', 'x' x 15, 'x' x 17, 'x' x 31, 'x' x 33, 'x' x 35, 'x' x 37) {
    croaks_ok(sub { $c->get_domain_by_uuid($bad) },
              qr/\AUUID must be either 16 unsigned bytes, or 32\/36 hex characters long at /,
              'get_domain_by_uuid(length ' . length($bad) . ')');
}
virt_error_ok(sub { $c->get_domain_by_uuid("\x01" x 16) }, 'ERR_NO_DOMAIN', 'FROM_TEST', 'get_domain_by_uuid(missing raw)');
virt_error_ok(sub { $c->get_domain_by_uuid('00000000-0000-0000-0000-000000000001') }, 'ERR_NO_DOMAIN', 'FROM_TEST',
              'get_domain_by_uuid(missing 36)');
virt_error_ok(sub { $c->get_domain_by_uuid('zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz') }, 'ERR_INVALID_ARG', 'FROM_DOMAIN',
              'get_domain_by_uuid(36 non-hex)');

# ---------------------------------------------------------------------------
# Defining and creating domains
# ---------------------------------------------------------------------------

my $def = $c->define_domain($XML_DEF);
isa_ok($def, 'Sys::Virt::Domain', 'define_domain');
is($def->get_name, 'def1', 'define_domain: name');
is($def->is_active, 0, 'define_domain: inactive');
is($def->is_persistent, 1, 'define_domain: persistent');
is($c->num_of_defined_domains, 1, 'num_of_defined_domains after define');
is_deeply([$c->list_defined_domain_names], ['def1'], 'list_defined_domain_names after define');
is_deeply([$c->list_defined_domain_names(1)], ['def1'], 'list_defined_domain_names(1)');
is_deeply([$c->list_defined_domain_names(0)], [], 'list_defined_domain_names(0)');
is_deeply([names($c->list_defined_domains)], ['def1'], 'list_defined_domains after define');
is($c->define_domain($XML_DEF)->get_name, 'def1', 'define_domain again (same uuid) redefines');
is($c->num_of_defined_domains, 1, 'still one defined domain');
virt_error_ok(sub { $c->define_domain('<domain') }, 'ERR_XML_DETAIL', 'FROM_DOMAIN', 'define_domain(malformed)');
virt_error_ok(sub { $c->define_domain('') }, 'ERR_XML_DETAIL', 'FROM_DOMAIN', 'define_domain(empty)');
{
    (my $clash = $XML_DEF) =~ s/def1/test/;
    virt_error_ok(sub { $c->define_domain($clash) }, 'ERR_OPERATION_FAILED', 'FROM_DOMAIN',
                  'define_domain with the name of another domain');
}

my $tr = $c->create_domain($XML_TRANS);
isa_ok($tr, 'Sys::Virt::Domain', 'create_domain');
is($tr->get_name, 'trans1', 'create_domain: name');
is($tr->is_active, 1, 'create_domain: running');
is($tr->is_persistent, 0, 'create_domain: transient');
virt_error_ok(sub { $c->create_domain($XML_TRANS) }, 'ERR_OPERATION_INVALID', 'FROM_DOMAIN', 'create_domain twice');
my $def_running = $c->create_domain($XML_DEF, 0);
is($def_running->get_name, 'def1', 'create_domain starts a defined domain from its XML');
ok($def->is_active, 'the defined domain is now running');
cmp_ok($def_running->get_id, '>', 0, 'the started domain has an id');

is($c->num_of_domains, 3, 'num_of_domains after create');
my @ids = sort { $a <=> $b } map { $_->get_id } $d, $tr, $def_running;
is_deeply([sort { $a <=> $b } $c->list_domain_ids], \@ids, 'list_domain_ids: all three');
is_deeply([sort { $a <=> $b } $c->list_domain_ids(3)], \@ids, 'list_domain_ids(3): exactly all');
is_deeply([sort { $a <=> $b } $c->list_domain_ids(50)], \@ids, 'list_domain_ids(50)');
for my $n (0, 1, 2) {
    my @got = $c->list_domain_ids($n);
    is(scalar @got, $n, "list_domain_ids($n) gives $n ids");
    my %known = map { $_ => 1 } @ids;
    is(scalar(grep { $known{$_} } @got), $n, "list_domain_ids($n): ids of running domains");
}
is_deeply([sort(names($c->list_domains))], [qw(def1 test trans1)], 'list_domains after create');
is_deeply([$c->list_defined_domain_names], [], 'no inactive domain left');
is_deeply([sort(names($c->list_all_domains))], [qw(def1 test trans1)], 'list_all_domains()');
is_deeply([sort(names($c->list_all_domains(DOM('LIST_PERSISTENT'))))], [qw(def1 test)], 'list_all_domains(LIST_PERSISTENT)');
is_deeply([sort(names($c->list_all_domains(DOM('LIST_TRANSIENT'))))], [qw(trans1)], 'list_all_domains(LIST_TRANSIENT)');
$def->destroy;
is_deeply([sort(names($c->list_all_domains(DOM('LIST_ACTIVE'))))], [qw(test trans1)], 'list_all_domains(LIST_ACTIVE)');
is_deeply([sort(names($c->list_all_domains(DOM('LIST_INACTIVE'))))], [qw(def1)], 'list_all_domains(LIST_INACTIVE)');
is_deeply([sort(names($c->list_all_domains(DOM('LIST_ACTIVE', 'LIST_PERSISTENT'))))], [qw(test)],
          'list_all_domains(LIST_ACTIVE|LIST_PERSISTENT)');
is_deeply([sort(names($c->list_all_domains(DOM('LIST_SHUTOFF'))))], [qw(def1)], 'list_all_domains(LIST_SHUTOFF)');
is_deeply([sort(names($caddr->list_all_domains))], [qw(def1 test trans1)],
          'another connection to test:///default sees the same domains');
croaks_ok(sub { $c->list_all_domains(-1) }, qr/\ASys::Virt::list_all_domains: argument 'flags' /, 'list_all_domains(-1)');

# ---------------------------------------------------------------------------
# Sys::Virt::Domain->_new
# ---------------------------------------------------------------------------

{
    my $n = Sys::Virt::Domain->_new(connection => $c, name => 'test');
    is(ref $n, 'Sys::Virt::Domain', '_new(name)');
    is($n->get_name, 'test', '_new(name): right domain');
    is(Sys::Virt::Domain->_new(connection => $c, id => $test_id)->get_name, 'test', '_new(id)');
    is(Sys::Virt::Domain->_new(connection => $c, uuid => TEST_UUID)->get_name, 'test', '_new(uuid, 36)');
    is(Sys::Virt::Domain->_new(connection => $c, uuid => $hex)->get_name, 'test', '_new(uuid, 32)');
    is(Sys::Virt::Domain->_new(connection => $c, uuid => $raw)->get_name, 'test', '_new(uuid, 16)');
    croaks_ok(sub { Sys::Virt::Domain->_new(connection => $c, uuid => 'short') },
              qr/\AUUID must be either 16 unsigned bytes, or 32\/36 hex characters long at /, '_new(bad uuid)');
    croaks_ok(sub { Sys::Virt::Domain->_new(connection => $c) },
              qr/\Aaddress, id or uuid parameters are required at /, '_new without a key');
    croaks_ok(sub { Sys::Virt::Domain->_new(name => 'test') },
              qr/\Aconnection parameter is required at /, '_new without a connection');
    virt_error_ok(sub { Sys::Virt::Domain->_new(connection => $c, name => 'nope') }, 'ERR_NO_DOMAIN', 'FROM_TEST', '_new(missing name)');

    # name wins over id, id over uuid, uuid over xml
    is(Sys::Virt::Domain->_new(connection => $c, name => 'trans1', id => $test_id)->get_name, 'trans1', '_new: name before id');
    is(Sys::Virt::Domain->_new(connection => $c, id => $test_id, uuid => '0b2f7c1e-5a8d-4c3b-9e6f-aaaaaaaaaaaa')->get_name,
       'test', '_new: id before uuid');

    my $XML3 = "<domain type='test'><name>new3</name><uuid>0b2f7c1e-5a8d-4c3b-9e6f-333333333333</uuid><memory unit='KiB'>262144</memory>"
        . "<vcpu>1</vcpu><os><type arch='i686'>hvm</type></os></domain>";
    my @w;
    local $SIG{__WARN__} = sub { push @w, @_ };
    my $n3 = Sys::Virt::Domain->_new(connection => $c, xml => $XML3, nocreate => 1);
    is($n3->get_name, 'new3', '_new(xml, nocreate) defines');
    is($n3->is_active, 0, '_new(xml, nocreate): inactive');
    is($n3->is_persistent, 1, '_new(xml, nocreate): persistent');
    my $n3b = Sys::Virt::Domain->_new(connection => $c, xml => $XML3);
    is($n3b->get_name, 'new3', '_new(xml) creates');
    is($n3b->is_active, 1, '_new(xml): running');
    is_deeply(\@w, [], '_new(xml) without flags does not warn');
    my $n4 = Sys::Virt::Domain->_new(connection => $c, xml => $XML3 =~ s/new3/new4/r =~ s/-333333333333/-444444444444/r, flags => 0);
    is($n4->is_persistent, 0, '_new(xml, flags => 0): transient');
    croaks_ok(sub { Sys::Virt::Domain->_new(connection => $c, xml => $XML3 =~ s/new3/new5/r =~ s/-333333333333/-555555555555/r, flags => -1) },
              qr/\ASys::Virt::Domain::_create: argument 'flags' /, '_new(xml, flags => -1)');

    package My::Dom;
    our @ISA = ('Sys::Virt::Domain');
    package main;
    my $md = My::Dom->_new(connection => $c, name => 'test');
    is(ref $md, 'My::Dom', '_new blesses into the invocant class');
    is($md->get_name, 'test', 'subclass object works');
    my $md2 = $md->_new(connection => $c, name => 'trans1');
    is(ref $md2, 'My::Dom', '_new called on an object uses its class');
}

# The connection object stays usable after every domain is gone.
undef $d;
undef $tr;
undef $def;
undef $def_running;
ok($c->is_alive, 'connection alive after its domains were freed');

done_testing();
