# -*- perl -*-
#
# Migration between two private libvirtds on this host (QEMU, a guest
# that boots nothing).  The second daemon passes for another host: its
# own host UUID (libvirtd.conf) and its own host name (a UTS namespace);
# the guests' disk is in a directory both can reach, and QEMU's
# migration stream goes over tcp://127.0.0.1.  The guest goes there with
# migrate (hash and positional forms) and comes back with migrate_to_uri
# and migrate_to_uri2 (peer to peer); migrate2 is used too.  The tuning
# calls round trip, and every call's error path raises a Sys::Virt::Error
# or croaks, without a leaked file descriptor.

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

my $d1 = PrivateLibvirtd->start_or_skip;
PrivateLibvirtd->watchdog(88, '133-migrate.t');
my $d2 = PrivateLibvirtd->start(host_uuid => '5d2c7a1e-8f3b-4c61-9e0a-133133133133', hostname => 'migration-target');

use constant DOM => 'Sys::Virt::Domain';
my $FLAGS = Sys::Virt::Domain::MIGRATE_LIVE() | Sys::Virt::Domain::MIGRATE_UNSAFE();
my $P2P   = Sys::Virt::Domain::MIGRATE_PEER2PEER();
my $TCP   = 'tcp://127.0.0.1';
my $URI   = Sys::Virt::Domain::MIGRATE_PARAM_URI();

sub open_fds {
    opendir(my $dh, '/proc/self/fd') or return -1;
    return scalar grep { /^\d+$/ } readdir $dh;
}

my $c1 = Sys::Virt->new(uri => $d1->uri);
my $c2 = Sys::Virt->new(uri => $d2->uri);
isnt($c2->get_hostname, $c1->get_hostname, 'the second daemon has a host name of its own');
is($c2->get_hostname, 'migration-target', 'the one it was given');

my $disk = $d1->make_disk('g133');
my ($ok, $out) = $d1->qemu_io($disk, 'write -P 0x7e 0 64k');
ok($ok, 'a marker in the disk') or diag $out;
my $dom = $c1->define_domain($d1->guest_xml('g133', $disk));
my $uuid = $dom->get_uuid_string;
$dom->create;

# ------------------------------------------------------------ tuning

is($dom->migrate_get_max_downtime, 300, 'the default maximum downtime: 300 ms');
is($dom->migrate_set_max_downtime(750), undef, 'migrate_set_max_downtime');
is($dom->migrate_get_max_downtime, 750, 'it round trips');
is($dom->migrate_set_max_speed(123), undef, 'migrate_set_max_speed');
is($dom->migrate_get_max_speed, 123, 'it round trips (MiB/s)');
$dom->migrate_set_max_speed(8 << 20, Sys::Virt::Domain::MIGRATE_MAX_SPEED_POSTCOPY());
is($dom->migrate_get_max_speed(Sys::Virt::Domain::MIGRATE_MAX_SPEED_POSTCOPY()), 8 << 20,
    'the post-copy speed is its own setting');
$dom->migrate_set_max_speed(0);
is($dom->migrate_get_max_speed, 0, 'speed 0 (no limit) round trips');
my $cache = $dom->migrate_get_compression_cache;
ok($cache > 0, "a compression cache size ($cache bytes)");
is($dom->migrate_set_compression_cache(32 << 20), undef, 'migrate_set_compression_cache');
is($dom->migrate_get_compression_cache, 32 << 20, 'it round trips');
error_code_is(error_of { $dom->migrate_start_post_copy }, Sys::Virt::Error::ERR_OPERATION_INVALID(),
    'migrate_start_post_copy without a migration');
croaks_ok(sub { $dom->migrate_set_max_downtime(-1) }, qr/downtime/, 'a negative downtime');
croaks_ok(sub { $dom->migrate_set_max_speed('fast') }, qr/bandwidth/, 'a non-numeric speed');
croaks_ok(sub { $dom->migrate_set_compression_cache(2**64) }, qr/cachesize/, 'a cache size beyond 64 bits');

# ------------------------------------------------------------ error paths

my $fds = open_fds();
croaks_ok(sub { $dom->migrate($c2, { Sys::Virt::Domain::MIGRATE_PARAM_MIGRATE_DISKS() => 'vda' }) },
    qr/parameter 'migrate_disks' must be an array reference/, 'migrate: a string where the list of disks belongs');
croaks_ok(sub { $dom->_migrate($c2, 'not a hash') }, qr/_migrate: argument 'params' must be a hash reference/,
    '_migrate: the parameters must be a hash');
croaks_ok(sub { $dom->migrate($c2, { Sys::Virt::Domain::MIGRATE_PARAM_BANDWIDTH() => -5 }) },
    qr/parameter 'bandwidth' must be an integer/, 'a negative bandwidth parameter');
croaks_ok(sub { $dom->migrate('not a connection', {}) }, qr/_migrate: argument 'destcon'/, 'a string as destination');
croaks_ok(sub { $dom->_migrate_to_uri(undef) }, qr/^Usage: Sys::Virt::Domain::_migrate_to_uri/, '_migrate_to_uri without parameters');
isa_ok(error_of { $dom->migrate_to_uri('bogus://no where/', {}, $P2P) }, 'Sys::Virt::Error', 'migrate_to_uri: a bogus URI');
isa_ok(error_of { $dom->migrate_to_uri('qemu+unix:///system?socket=/nonexistent/sock', {}, $FLAGS | $P2P) },
    'Sys::Virt::Error', 'migrate_to_uri: an unreachable daemon');
isa_ok(error_of { $dom->migrate_to_uri($d2->uri, { Sys::Virt::Domain::MIGRATE_PARAM_MIGRATE_DISKS() => ['nope'] }, $FLAGS | $P2P) },
    'Sys::Virt::Error', 'migrate_to_uri: a list of disks naming no disk');
isa_ok(error_of { $dom->migrate_to_uri2('bogus://x/', undef, undef, $P2P) }, 'Sys::Virt::Error',
    'migrate_to_uri2 reaches libvirt');
my $err = error_of { $dom->migrate($c1, { $URI => $TCP }, $FLAGS) };
isa_ok($err, 'Sys::Virt::Error', 'migrating to the same daemon');
like(ref $err ? $err->message : '', qr/same host/, 'libvirt says it is the same host');
isa_ok(error_of { $dom->migrate2($c2, '<domain', $FLAGS, undef, $TCP) }, 'Sys::Virt::Error', 'migrate2 with a malformed XML');
is(open_fds(), $fds, 'no file descriptor leaked');
ok($dom->is_active, 'the guest still runs at home');

# ------------------------------------------------------------ there and back

my $there = $dom->migrate($c2, { $URI => $TCP }, $FLAGS);
isa_ok($there, DOM, 'migrate with a hash returns the domain on the destination');
is($there->get_uuid_string, $uuid, 'the same guest');
ok($there->is_active, 'running there');
ok(!$dom->is_active, 'and no longer at home');
is($c2->get_domain_by_name('g133')->get_uuid_string, $uuid, 'the destination knows it by name');

is($there->migrate_to_uri($d1->uri, { $URI => $TCP }, $FLAGS | $P2P), undef, 'migrate_to_uri with a hash, peer to peer');
ok($dom->is_active, 'the guest is home again');
error_code_is(error_of { $c2->get_domain_by_name('g133') }, Sys::Virt::Error::ERR_NO_DOMAIN(), 'and gone from there');

my $renamed = $dom->migrate($c2, $FLAGS, 'g133-moved', $TCP, 0);
is($renamed->get_name, 'g133-moved', 'migrate, positional: with a new name');
is($renamed->migrate_to_uri2($d1->uri, $TCP, undef, $FLAGS | $P2P, 'g133', 0), undef,
    'migrate_to_uri2 (libvirt URI, migration URI, ...) brings it back under its name');
ok($dom->is_active, 'home again');

my $dxml = $dom->get_xml_description(Sys::Virt::Domain::XML_MIGRATABLE());
$dxml =~ s{</name>}{</name>\n  <description>moved by migrate2</description>};
my $m2 = $dom->migrate2($c2, $dxml, $FLAGS, undef, $TCP, 0);
like($m2->get_xml_description, qr{<description>moved by migrate2</description>}, 'migrate2 with a destination XML');
$m2->migrate_to_uri($d1->uri, $FLAGS | $P2P, undef, $TCP, 0);
ok($dom->is_active, 'migrate_to_uri, positional: home again');

$dom->destroy;
($ok, $out) = $d1->qemu_io($disk, 'read -P 0x7e 0 64k');
ok($ok, 'the marker is still in the disk') or diag $out;
$dom->undefine;
undef $_ for $dom, $there, $renamed, $m2;
undef $c1;
undef $c2;

done_testing;
