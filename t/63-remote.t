# -*- perl -*-
#
# Through the daemon: the private libvirtd (t/lib/PrivateLibvirtd.pm)
# reached over its UNIX socket, with the QEMU driver
# (qemu+unix:///system?socket=PATH) and with the test driver running inside
# the daemon (test+unix:///default?socket=PATH), which unlike the
# in-process test:///default is shared by every client of the daemon.
# Then the daemon is killed with SIGKILL in the middle of a session: calls
# must croak with a Sys::Virt::Error (neither hang nor crash), is_alive
# turns false, and after a restart a new connection works and finds the
# guest that kept running.

use strict;
use warnings;

use FindBin;
use lib "$FindBin::Bin/lib";

use Test::More;
use PrivateLibvirtd;
use SVTest qw(error_of error_code_is);
use Sys::Virt;

my $d = PrivateLibvirtd->start_or_skip;
PrivateLibvirtd->watchdog(240, '63-remote.t');

# libvirt's RPC client writes to its socket with plain write(2), so a
# write to a daemon that has died raises SIGPIPE; libvirt expects client
# programs to ignore that signal (virsh does), and then reports EPIPE as
# an error.  The reference Sys::Virt behaves the same way.
$SIG{PIPE} = 'IGNORE';

use constant SNAP => 'Sys::Virt::DomainSnapshot';



# A call that must fail quickly: the script bails out if it blocks.
sub guarded_error {
    my ($label, $code) = @_;
    return PrivateLibvirtd->guard(20, $label, sub { error_of { $code->() } });
}

# --------------------------------------------------------------------------
# The test driver inside the daemon
# --------------------------------------------------------------------------

my $t1 = Sys::Virt->new(uri => $d->test_uri);
is($t1->get_type, 'TEST', 'test+unix: the test driver, through the daemon');
is($t1->get_uri, $d->test_uri, 'get_uri gives the URI back');
ok($t1->is_alive, 'alive');
ok($t1->is_secure, 'a UNIX socket counts as secure');
ok(!$t1->is_encrypted, 'but not encrypted');

my $tdom = $t1->get_domain_by_name('test');
is($tdom->num_of_snapshots, 0, 'the test domain starts without snapshots');
my $ts = $tdom->create_snapshot('<domainsnapshot><name>t1</name></domainsnapshot>', 0);
is($ts->get_name, 't1', 'snapshot made through the daemon');
ok($ts->is_current, 'current');

my $t2 = Sys::Virt->new(uri => $d->test_uri);
my $tdom2 = $t2->get_domain_by_name('test');
is(join(' ', $tdom2->list_snapshot_names), 't1', 'a second client of the daemon sees it');
{
    my $local = Sys::Virt->new(uri => 'test:///default');
    is($local->get_domain_by_name('test')->num_of_snapshots, 0,
        'the in-process test:///default has its own state');
}

$tdom2->get_snapshot_by_name('t1')->delete(0);
is($tdom->num_of_snapshots, 0, 'deleted by the second client');
error_code_is(error_of { $ts->delete(0) }, Sys::Virt::Error::ERR_NO_DOMAIN_SNAPSHOT,
    'the first client\'s object is stale: no such snapshot');
error_code_is(error_of { $ts->revert_to(0) }, Sys::Virt::Error::ERR_NO_DOMAIN_SNAPSHOT,
    'nor can it be reverted to');
undef $_ for $ts, $tdom2, $t2;

# --------------------------------------------------------------------------
# The QEMU driver through the daemon
# --------------------------------------------------------------------------

my $q1 = Sys::Virt->new(uri => $d->uri);
is($q1->get_type, 'QEMU', 'qemu+unix: the QEMU driver');
is($q1->get_uri, $d->uri, 'get_uri gives the URI back');
my $disk = $d->make_disk('g63');
my $dom  = $q1->define_domain($d->guest_xml('g63', $disk));
my $off  = $dom->create_snapshot('<domainsnapshot><name>s-off</name></domainsnapshot>', 0);
$dom->create;
my $run = $dom->create_snapshot('<domainsnapshot><name>s-run</name></domainsnapshot>', 0);
is($run->get_parent->get_name, 's-off', 'two snapshots, one of the running guest');

my $q2 = Sys::Virt->new(uri => $d->uri);
my $dom2 = $q2->get_domain_by_name('g63');
is(join(' ', sort $dom2->list_snapshot_names), 's-off s-run', 'a second connection lists them');
is($dom2->current_snapshot->get_name, 's-run', 'and agrees on the current one');
ok($dom2->is_active, 'and sees the guest running');

# --------------------------------------------------------------------------
# SIGKILL the daemon in the middle of the session
# --------------------------------------------------------------------------

my $killed = $d->kill_libvirtd;
ok(!kill(0, $killed), "libvirtd (pid $killed) is gone");

my $err = guarded_error('get_state after the daemon died', sub { $dom->get_state });
error_code_is($err, Sys::Virt::Error::ERR_SYSTEM_ERROR,
    'the next call croaks a Sys::Virt::Error (system error: the socket broke)');
is(ref $err && $err->domain, Sys::Virt::Error::FROM_RPC, 'raised by the RPC layer');
like(ref $err ? $err->message : '', qr/Broken pipe|end of file|reset/i, 'message says why');
ok(!$q1->is_alive, 'is_alive is false now');

$err = guarded_error('second call after the daemon died', sub { $run->get_xml_description(0) });
error_code_is($err, Sys::Virt::Error::ERR_INTERNAL_ERROR, 'later calls croak too: the client socket is closed');
like(ref $err ? $err->message : '', qr/closed/, '... and say so');
is($run->get_name, 's-run', 'a snapshot object still knows its name (no RPC needed)');

$err = guarded_error('second connection after the daemon died', sub { $dom2->num_of_snapshots });
ok(ref $err && $err->isa('Sys::Virt::Error'), 'the other QEMU connection croaks as well');
ok(!$q2->is_alive, 'and is no longer alive');
$err = guarded_error('test driver connection after the daemon died', sub { $tdom->num_of_snapshots });
ok(ref $err && $err->isa('Sys::Virt::Error'), 'so does the test driver connection');
ok(!$t1->is_alive, 'not alive either');

$err = guarded_error('connecting to a dead daemon', sub { Sys::Virt->new(uri => $d->uri) });
error_code_is($err, Sys::Virt::Error::ERR_SYSTEM_ERROR, 'a new connection is refused');
like(ref $err ? $err->message : '', qr/Connection refused|No such file/, '... by the socket');

# --------------------------------------------------------------------------
# Restart
# --------------------------------------------------------------------------

my $pid = $d->start_libvirtd;
isnt($pid, $killed, "libvirtd restarted (pid $pid)");
my $q3 = PrivateLibvirtd->guard(30, 'connecting to the restarted daemon',
    sub { Sys::Virt->new(uri => $d->uri) });
ok($q3->is_alive, 'a new connection works');
my $dom3 = $q3->get_domain_by_name('g63');
ok($dom3->is_active, 'the guest survived the daemon');
is(($dom3->get_state)[0], Sys::Virt::Domain::STATE_RUNNING, 'and is still running');
is(join(' ', sort $dom3->list_snapshot_names), 's-off s-run', 'its snapshot metadata was kept');
is($dom3->current_snapshot->get_name, 's-run', 'current snapshot too');
my $after = $dom3->create_snapshot('<domainsnapshot><name>s-after</name></domainsnapshot>', 0);
is($after->get_parent->get_name, 's-run', 'a snapshot made after the restart hangs under s-run');
$dom3->get_snapshot_by_name('s-off')->revert_to(0);
is_deeply([$dom3->get_state],
    [Sys::Virt::Domain::STATE_SHUTOFF, Sys::Virt::Domain::STATE_SHUTOFF_FROM_SNAPSHOT],
    'revert through the new daemon works');

my $t3 = Sys::Virt->new(uri => $d->test_uri);
is($t3->get_domain_by_name('test')->num_of_snapshots, 0, 'the restarted daemon has a fresh test driver');

$err = guarded_error('old connection after the restart', sub { $dom->get_state });
ok(ref $err && $err->isa('Sys::Virt::Error'), 'the old connection stays dead (no silent reconnect)');

$dom3->undefine(Sys::Virt::Domain::UNDEFINE_SNAPSHOTS_METADATA);

# --------------------------------------------------------------------------
# maxnames 0 through the daemon (last: it may take the daemon down)
# --------------------------------------------------------------------------

# libvirtd 9.0.0 dies of SIGSEGV when a client asks for snapshot names with
# maxnames 0 (the in-process drivers cope).  Asking for at most zero names
# needs no call at all, so the module should answer () without one.
{
    my $tdom3 = $t3->get_domain_by_name('test');
    my $ts3 = $tdom3->create_snapshot('<domainsnapshot><name>z</name></domainsnapshot>', 0);
    my @names = eval { PrivateLibvirtd->guard(20, 'list_snapshot_names(0)',
        sub { $tdom3->list_snapshot_names(0) }) };
    ok(!$@ && !@names, 'list_snapshot_names(0) through the daemon: an empty list')
        or diag("error: $@");
    ok($d->libvirtd_alive(1), '... and the daemon survives')
        or diag('libvirtd wait status ' . $d->{libvirtd_status});
    $d->start_libvirtd unless $d->libvirtd_alive;
    my $t4 = Sys::Virt->new(uri => $d->test_uri);
    my $tdom4 = $t4->get_domain_by_name('test');
    my $ts4 = $tdom4->create_snapshot('<domainsnapshot><name>z2</name></domainsnapshot>', 0);
    $tdom4->create_snapshot('<domainsnapshot><name>z2-child</name></domainsnapshot>', 0);
    @names = eval { PrivateLibvirtd->guard(20, 'list_child_snapshot_names(0)',
        sub { $ts4->list_child_snapshot_names(0) }) };
    ok(!$@ && !@names, 'list_child_snapshot_names(0) through the daemon: an empty list')
        or diag("error: $@");
    ok($d->libvirtd_alive(1), '... and the daemon survives')
        or diag('libvirtd wait status ' . $d->{libvirtd_status});
}

# --------------------------------------------------------------------------

undef $_ for $off, $run, $after, $dom, $dom2, $dom3, $tdom, $q1, $q2, $q3, $t1, $t3;
my @left = $d->stop;
is_deeply(\@left, [], 'daemons and guests stopped: nothing left running');
ok(!-e $d->dir, 'private directory removed');

done_testing;
