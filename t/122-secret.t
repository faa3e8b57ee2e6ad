# -*- perl -*-
#
# Secrets on a private libvirtd (the test driver has no secret driver):
# defining secrets of each usage type, values set and read back byte for
# byte (NULs, bytes that are not UTF-8, a large value), the lookups by
# UUID in both forms and by usage, the lists, private and ephemeral
# secrets, undefining, stale and bad objects.

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

use constant SEC => 'Sys::Virt::Secret';

my $d = PrivateLibvirtd->start_or_skip;
PrivateLibvirtd->watchdog(120, '122-secret.t');

my $c = Sys::Virt->new(uri => $d->uri);
my $NO_SECRET = Sys::Virt::Error::ERR_NO_SECRET();

sub secret_xml {
    my (%o) = @_;
    my $attrs = join ' ', map { "$_='$o{$_}'" } grep { exists $o{$_} } qw(ephemeral private);
    my $uuid = $o{uuid} ? "<uuid>$o{uuid}</uuid>" : '';
    my $usage = !$o{type} ? ''
        : $o{type} eq 'volume' ? "<usage type='volume'><volume>$o{id}</volume></usage>"
        : $o{type} eq 'iscsi'  ? "<usage type='iscsi'><target>$o{id}</target></usage>"
        :                        "<usage type='$o{type}'><name>$o{id}</name></usage>";
    return "<secret $attrs>$uuid<description>t122</description>$usage</secret>";
}

is($c->num_of_secrets, 0, 'a fresh daemon has no secrets');
is_deeply([$c->list_secret_uuids], [], 'list_secret_uuids: none');
is_deeply([$c->list_all_secrets], [], 'list_all_secrets: none');

# ------------------------------------------------------------- usage types

my %USAGE = (
    volume => [SEC->USAGE_TYPE_VOLUME, '/var/lib/libvirt/images/t122.img'],
    ceph   => [SEC->USAGE_TYPE_CEPH,   'client.t122'],
    iscsi  => [SEC->USAGE_TYPE_ISCSI,  'iqn.2026-01.org.example:t122'],
    tls    => [SEC->USAGE_TYPE_TLS,    't122-tls'],
    vtpm   => [SEC->USAGE_TYPE_VTPM,   't122-vtpm'],
);
my %sec;
for my $type (sort keys %USAGE) {
    my ($const, $id) = @{ $USAGE{$type} };
    my $s = $c->define_secret(secret_xml(ephemeral => 'no', private => 'no', type => $type, id => $id));
    isa_ok($s, SEC, "define_secret ($type)");
    is($s->get_usage_type, $const, "$type: get_usage_type");
    is($s->get_usage_id, $id, "$type: get_usage_id");
    like($s->get_uuid_string, qr/\A[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\z/, "$type: get_uuid_string");
    is(join('-', unpack('H8 H4 H4 H4 H12', $s->get_uuid)), $s->get_uuid_string, "$type: get_uuid is the same UUID in 16 bytes");
    my $xml = $s->get_xml_description;
    like($xml, qr{<usage type='$type'>}, "$type: XML has the usage");
    like($xml, qr{\Q$id\E}, "$type: XML has the usage id");
    is($c->get_secret_by_usage($const, $id)->get_uuid_string, $s->get_uuid_string, "$type: get_secret_by_usage");
    $sec{$type} = $s;
}

# A secret tied to nothing: usage type NONE (0) is an answer, not an error.
my $plain = $c->define_secret(secret_xml(ephemeral => 'no', private => 'no'));
is($plain->get_usage_type, SEC->USAGE_TYPE_NONE, 'no usage: get_usage_type is USAGE_TYPE_NONE (0)');
is($plain->get_usage_type, 0, 'which is 0');
is($plain->get_usage_id, '', 'no usage: get_usage_id is empty');
unlike($plain->get_xml_description, qr{<usage}, 'no usage: none in the XML');

is($c->num_of_secrets, 6, 'num_of_secrets: six');
my @uuids = map { $_->get_uuid_string } values(%sec), $plain;
same_names([$c->list_secret_uuids], \@uuids, 'list_secret_uuids');
same_names([$c->list_secret_uuids(100)], \@uuids, 'list_secret_uuids(100)');
is(scalar(() = $c->list_secret_uuids(2)), 2, 'list_secret_uuids(2): two');
is_deeply([$c->list_secret_uuids(0)], [], 'list_secret_uuids(0): none');
croaks_ok(sub { $c->list_secret_uuids(-1) }, qr/\ASys::Virt::list_secret_uuids: argument 'maxuuids' must not be negative/,
          'list_secret_uuids(-1)');
same_names([map { $_->get_uuid_string } $c->list_secrets], \@uuids, 'list_secrets: an object per secret');
isa_ok($_, SEC) for $c->list_secrets;
is(scalar($c->list_secrets), 6, 'list_secrets in scalar context: how many, as the C module\'s Perl version');
same_names([map { $_->get_uuid_string } $c->list_all_secrets], \@uuids, 'list_all_secrets');

# ------------------------------------------------------------- lookups

{
    my $s = $sec{ceph};
    my $str = $s->get_uuid_string;
    (my $hex = $str) =~ tr/-//d;
    for my $case (['16 bytes', $s->get_uuid], ['36 characters', $str], ['32 hex digits', $hex],
                  ['upper case', uc $str]) {
        my ($label, $uuid) = @$case;
        is($c->get_secret_by_uuid($uuid)->get_usage_id, 'client.t122', "get_secret_by_uuid: $label");
        is(SEC->_new(connection => $c, uuid => $uuid)->get_uuid_string, $str, "_new(uuid => $label)");
    }
    for my $bad ('', 'abc', 'x' x 17, 'f' x 33) {
        croaks_ok(sub { $c->get_secret_by_uuid($bad) }, qr/\AUUID must be either 16 unsigned bytes, or 32\/36 hex characters long/,
                  'get_secret_by_uuid of length ' . length $bad);
    }
    croaks_ok(sub { $c->get_secret_by_uuid(undef) }, qr/\AUUID must be /, 'get_secret_by_uuid(undef)');
    croaks_ok(sub { SEC->_new(connection => $c, uuid => 'abc') }, qr/\AUUID must be /, '_new with a bad UUID');
    error_code_is(error_of { $c->get_secret_by_uuid('00000000-0000-0000-0000-000000000001') }, $NO_SECRET,
                  'get_secret_by_uuid of an unknown UUID');
    error_code_is(error_of { $c->get_secret_by_uuid("\0" x 16) }, $NO_SECRET, 'get_secret_by_uuid of 16 NUL bytes');
    error_code_is(error_of { $c->get_secret_by_uuid('z' x 36) }, Sys::Virt::Error::ERR_INVALID_ARG(),
                  'get_secret_by_uuid of 36 characters that are not a UUID');
    error_code_is(error_of { $c->get_secret_by_usage(SEC->USAGE_TYPE_CEPH, 'client.nobody') }, $NO_SECRET,
                  'get_secret_by_usage of an unknown id');
    error_code_is(error_of { $c->get_secret_by_usage(SEC->USAGE_TYPE_TLS, 'client.t122') }, $NO_SECRET,
                  'get_secret_by_usage with the id under another type');
    is(SEC->_new(connection => $c, usageType => SEC->USAGE_TYPE_CEPH, usageID => 'client.t122')->get_uuid_string, $str,
       '_new(usageType, usageID)');
    croaks_ok(sub { SEC->_new(connection => $c, usageType => 2) }, qr/\AusageID parameter must be provided with usageType/,
              '_new with usageType only');
    croaks_ok(sub { SEC->_new(connection => $c, usageID => 'x') }, qr/\AusageType parameter must be provided with usageID/,
              '_new with usageID only');
    croaks_ok(sub { SEC->_new(connection => $c) }, qr/\AusageID, xml or uuid parameters are required/, '_new without a key');
    croaks_ok(sub { $c->get_secret_by_usage('ceph', 'client.t122') }, qr/\ASys::Virt::get_secret_by_usage: argument 'usage_type' /,
              'get_secret_by_usage with a type name instead of a number');
}

# ------------------------------------------------------------- values

{
    my $s = $sec{tls};
    is($s->get_value, undef, 'get_value before any value is set: undef');
    my @ok = $s->get_value;
    is_deeply(\@ok, [undef], 'get_value in list context: one undef');

    my %values = (
        'NULs and high bytes' => "a\0b\xff\xfe\0\x80z",
        'only NULs'           => "\0" x 32,
        'one byte'            => "\xff",
        'every byte value'    => join('', map { chr } 0 .. 255) x 2,
        'UTF-8 text as bytes' => "caf\xc3\xa9 \xe2\x98\xba",
        '64 KiB'              => join('', map { chr($_ % 251) } 1 .. 65536),
    );
    for my $label (sort keys %values) {
        my $v = $values{$label};
        $s->set_value($v);
        my $got = $s->get_value;
        ok(!utf8::is_utf8($got), "$label: get_value is a byte string");
        is(length $got, length $v, "$label: same length (" . length($v) . ")");
        ok($got eq $v, "$label: the same bytes");
        is($s->get_value(0), $v, "$label: get_value(0)");
        # Another connection sees the same value.
        ok(Sys::Virt->new(uri => $d->uri)->get_secret_by_uuid($s->get_uuid)->get_value eq $v, "$label: seen by another connection");
    }

    # The copy of the value libvirt hands over is freed: 2000 reads of
    # 64 KiB would keep 128 MB otherwise.
    SKIP: {
        skip 'needs /proc/self/statm to read the resident set size', 1 unless -r '/proc/self/statm';
        my $rss = sub { open my $fh, '<', '/proc/self/statm' or die $!; (split ' ', <$fh>)[1] * 4096 };
        $s->set_value($values{'64 KiB'});
        my $v = $s->get_value for 1 .. 200;
        my $before = $rss->();
        $v = $s->get_value for 1 .. 2000;
        my $grown = $rss->() - $before;
        cmp_ok($grown, '<', 16 << 20, sprintf 'get_value: %.1f MB growth after 2000 reads of 64 KiB', $grown / (1 << 20));
    }

    # A character string whose characters all fit a byte is those bytes.
    my $up = "\xe9\xff\x00A";
    utf8::upgrade($up);
    $s->set_value($up, 0);
    is(unpack('H*', $s->get_value), 'e9ff0041', 'an upgraded string is stored as its characters, one byte each');
    croaks_ok(sub { $s->set_value("caf\x{e9} \x{263a}") }, qr/\ASys::Virt::Secret::set_value: argument 'value' must be a byte string/,
              'set_value of wide characters croaks');
    is(unpack('H*', $s->get_value), 'e9ff0041', 'and leaves the value as it was');

    # An empty value reaches libvirtd as no value at all, which it refuses.
    error_code_is(error_of { $s->set_value('') }, Sys::Virt::Error::ERR_INVALID_ARG(), 'set_value of an empty string: refused by libvirtd');
    is(unpack('H*', $s->get_value), 'e9ff0041', 'the value is unchanged');
    croaks_ok(sub { $s->set_value('x', -1) }, qr/\ASys::Virt::Secret::set_value: argument 'flags' /, 'set_value: bad flags');
    croaks_ok(sub { $s->set_value }, qr/\AUsage: Sys::Virt::Secret::set_value\(/, 'set_value without a value');
    croaks_ok(sub { $s->set_value([]) }, qr/\ASys::Virt::Secret::set_value: argument 'value' must be a byte string, not a reference/,
              'set_value of a reference');
}

# Private secrets do not give their value out.
{
    my $priv = $c->define_secret(secret_xml(ephemeral => 'no', private => 'yes', type => 'tls', id => 't122-private'));
    $priv->set_value("hidden\0value");
    my $e = error_of { $priv->get_value };
    ok(ref $e && $e->isa('Sys::Virt::Error'), 'get_value of a private secret is refused') or diag $e;
    same_names([map { $_->get_usage_id } $c->list_all_secrets(SEC->LIST_PRIVATE)], ['t122-private'], 'list_all_secrets(LIST_PRIVATE)');
    ok(!grep({ $_->get_usage_id eq 't122-private' } $c->list_all_secrets(SEC->LIST_NO_PRIVATE)), 'LIST_NO_PRIVATE leaves it out');
    $priv->undefine;
}

# Ephemeral secrets.
{
    my $eph = $c->define_secret(secret_xml(ephemeral => 'yes', private => 'no', type => 'tls', id => 't122-eph'));
    same_names([map { $_->get_usage_id } $c->list_all_secrets(SEC->LIST_EPHEMERAL)], ['t122-eph'], 'list_all_secrets(LIST_EPHEMERAL)');
    is(scalar(() = $c->list_all_secrets(SEC->LIST_NO_EPHEMERAL)), 6, 'LIST_NO_EPHEMERAL: the other six');
    $eph->undefine;
}

# Redefining with the same UUID changes the secret in place, value kept.
{
    my $s = $sec{vtpm};
    $s->set_value("\x01\x02");
    my $again = $c->define_secret(secret_xml(uuid => $s->get_uuid_string, ephemeral => 'no', private => 'no',
                                             type => 'vtpm', id => 't122-vtpm'));
    is($again->get_uuid_string, $s->get_uuid_string, 'define_secret with the same UUID');
    is($again->get_value, "\x01\x02", 'keeps the value');
    is($c->num_of_secrets, 6, 'and adds no secret');
}

error_code_is(error_of { $c->define_secret('<secret><usage type="nonsense"/></secret>') }, Sys::Virt::Error::ERR_CONFIG_UNSUPPORTED(),
              'define_secret with an unknown usage type');
ok(ref error_of { $c->define_secret('not xml') }, 'define_secret of malformed XML is a libvirt error');
error_code_is(error_of { $c->define_secret(secret_xml(ephemeral => 'no', private => 'no', type => 'ceph', id => 'client.t122')) },
              Sys::Virt::Error::ERR_INTERNAL_ERROR(), 'define_secret with a usage another secret has');
croaks_ok(sub { $c->define_secret(secret_xml(), -1) }, qr/\ASys::Virt::Secret::_define_xml: argument 'flags' /, 'define_secret: bad flags');
is(SEC->_new(connection => $c, xml => secret_xml(uuid => $plain->get_uuid_string), flags => 0)->get_uuid_string,
   $plain->get_uuid_string, '_new(xml => ..., flags => 0)');

# ------------------------------------------------------------- undefine

{
    my $s = $sec{volume};
    $s->set_value('gone soon');
    my $str = $s->get_uuid_string;
    $s->undefine;
    error_code_is(error_of { $c->get_secret_by_uuid($str) }, $NO_SECRET, 'undefine: the UUID is not found');
    error_code_is(error_of { $s->get_value }, $NO_SECRET, 'an undefined secret: get_value throws (not undef)');
    error_code_is(error_of { $s->set_value('x') }, $NO_SECRET, 'an undefined secret: set_value');
    error_code_is(error_of { $s->get_xml_description }, $NO_SECRET, 'an undefined secret: get_xml_description');
    error_code_is(error_of { $s->undefine }, $NO_SECRET, 'an undefined secret: undefine');
    is($s->get_uuid_string, $str, 'an undefined secret keeps its UUID');
    is($s->get_usage_type, SEC->USAGE_TYPE_VOLUME, 'and its usage type');
    is($c->num_of_secrets, 5, 'five secrets left');
}
$_->undefine for $c->list_all_secrets;
is($c->num_of_secrets, 0, 'all undefined');

# ------------------------------------------------------------- bad objects

croaks_ok(sub { Sys::Virt::Secret::get_value(undef) }, qr/\ASys::Virt::Secret::get_value: argument 'sec' is not a Sys::Virt::Secret object/,
          'get_value(undef)');
croaks_ok(sub { Sys::Virt::Secret::set_value(bless(\(my $x = 0), SEC), 'x') }, qr/\ASys::Virt::Secret::set_value: argument 'sec' /,
          'set_value on a forged secret');
croaks_ok(sub { Sys::Virt::Secret::undefine($c) }, qr/\ASys::Virt::Secret::undefine: argument 'sec' is a Sys::Virt object/,
          'a connection as the secret');

# ------------------------------------------------------------- the end

undef $_ for values %sec;
undef $plain;
undef $c;
my @left = $d->stop;
is_deeply(\@left, [], 'the daemons stopped: nothing left running');

done_testing;
