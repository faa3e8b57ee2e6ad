# -*- perl -*-
#
# An event loop written in Perl (a small Sys::Virt::Event subclass over
# IO::Select) drives the mock driver's events: the same lifecycle events
# as with libvirt's loop, the tokens it is handed, forged and mismatched
# tokens refused, freeing twice harmless, and a loop method that dies
# leaving libvirt usable.

use strict;
use warnings;

use FindBin;
use lib "$FindBin::Bin/lib";

use File::Temp qw(tempdir);
use Test::More;
use Crash ();
use Sys::Virt;
BEGIN { Crash::assert_our_build() }
use SVTest qw(error_of);
use SelectLoop;

use constant DOM => 'Sys::Virt::Domain';

my $loop = SelectLoop->new;
my $conn = Sys::Virt->new(uri => 'test:///default');

# ------------------------------------------------------------ lifecycle

my @got;
my $id = $conn->domain_event_register_any(undef, DOM->EVENT_ID_LIFECYCLE, sub {
    my ($c, $dom, $event, $detail) = @_;
    push @got, [ref $c, $dom->get_name, $event, $detail];
});
my @adds = grep { $_->[0] eq 'add_timeout' } @{ $loop->{calls} };
is(scalar @adds, 1, 'registering the first callback made libvirt add its event timer through the Perl loop');
my (undef, $interval, $cb, $opaque, $ff) = @{ $adds[0] };
is($interval, -1, 'the timer starts disabled');
is(ref $cb, 'SCALAR', '$cb is a reference to a scalar');
is(ref $opaque, 'SCALAR', '$opaque too');
ok(!defined $ff || ref $ff eq 'SCALAR', '$ff is a token or undef');
eval { ${$cb} = 0 };
like($@, qr/read-only/, 'a token cannot be changed');

my $dom = $conn->define_domain("<domain type='test'><name>impl</name><memory>65536</memory><os><type>hvm</type></os></domain>");
$dom->create;
$dom->destroy;
$dom->undefine;
$loop->spin(50);
is_deeply(\@got, [
    ['Sys::Virt', 'impl', DOM->EVENT_DEFINED, DOM->EVENT_DEFINED_ADDED],
    ['Sys::Virt', 'impl', DOM->EVENT_STARTED, DOM->EVENT_STARTED_BOOTED],
    ['Sys::Virt', 'impl', DOM->EVENT_STOPPED, DOM->EVENT_STOPPED_DESTROYED],
    ['Sys::Virt', 'impl', DOM->EVENT_UNDEFINED, DOM->EVENT_UNDEFINED_REMOVED],
], 'the Perl loop delivers the lifecycle events with their arguments');
ok(grep({ $_->[0] eq 'update_timeout' } @{ $loop->{calls} }), 'libvirt armed its timer with update_timeout');

# Failures in event callbacks come out of the helper the loop called.
my $bad = $conn->domain_event_register_any(undef, DOM->EVENT_ID_REBOOT, sub { });
$conn->domain_event_deregister_any($id);
$id = $conn->domain_event_register_any(undef, DOM->EVENT_ID_LIFECYCLE, sub { die "from the event\n" });
$conn->get_domain_by_name('test')->destroy;
is(error_of { $loop->spin(50) }, "from the event\n", 'a die in an event callback comes out of _run_timeout_callback');
$conn->get_domain_by_name('test')->create;
is(error_of { $loop->spin(50) }, "from the event\n", 'and again: the loop keeps working');
$conn->domain_event_deregister_any($_) for $id, $bad;

# ------------------------------------- watches and timers of our own

{
    my @ticks;
    my $timer = Sys::Virt::Event::add_timeout(5, sub { push @ticks, $_[0] });
    my ($t) = grep { $_->[0] eq 'add_timeout' } reverse @{ $loop->{calls} };
    is($t->[1], 5, 'add_timeout reaches the Perl loop with the frequency');
    $loop->spin(40);
    ok(@ticks >= 2, 'and its callback runs from the Perl loop') or diag scalar @ticks;
    is($ticks[0], $timer, 'with the timer number the loop chose');
    Sys::Virt::Event::remove_timeout($timer);
    ok(!exists $loop->{timeouts}{$timer}, 'remove_timeout reaches the loop');

    pipe(my $r, my $w) or die "pipe: $!";
    my @seen;
    my $watch = Sys::Virt::Event::add_handle(fileno($r), Sys::Virt::Event::HANDLE_READABLE, sub { push @seen, [@_]; sysread($r, my $b, 10) });
    syswrite($w, 'z');
    $loop->spin(20);
    is_deeply(\@seen, [[$watch, fileno($r), Sys::Virt::Event::HANDLE_READABLE]], 'a watch through the Perl loop: ($watch, $fd, $events)');
    Sys::Virt::Event::remove_handle($watch);
}

# ------------------------------------------------- forged tokens

{
    my $live = Sys::Virt::Event::add_timeout(-1, sub { });
    my ($cb, $opaque) = @{ $loop->{timeouts}{$live} }{qw(cb opaque)};
    like(error_of { Sys::Virt::Event::_run_timeout_callback_helper(1, \(my $x = 12345), \(my $y = 12345)) },
         qr/_run_timeout_callback_helper: argument 'cbref' is not a live callback handed out by Sys::Virt::Event/, 'a forged token is refused');
    like(error_of { Sys::Virt::Event::_run_timeout_callback_helper(1, 0x401000, 0x401000) },
         qr/is not a live callback/, 'so is a bare address');
    like(error_of { Sys::Virt::Event::_run_timeout_callback_helper(1, bless(\(my $z = $$cb), 'Foo'), $opaque) },
         qr/is not a live callback/, 'and a blessed copy');
    my @other = grep { $_->[0] eq 'add_handle' } @{ $loop->{calls} };
    like(error_of { Sys::Virt::Event::_run_timeout_callback_helper(1, $cb, $other[0][4]) },
         qr/argument 'opaqueref' is not the opaque value handed out with this callback/, 'a mismatched opaque is refused');
    like(error_of { Sys::Virt::Event::_run_handle_callback_helper(1, 0, 1, $cb, $opaque) },
         qr/not a handle callback/, 'a timeout token given to the handle helper is refused');
    like(error_of { Sys::Virt::Event::_run_timeout_callback_helper(1, undef, undef) }, qr/is not a live callback/, 'undef is refused');

    # A freed token: the handle removed above.
    my ($h) = @other;
    like(error_of { Sys::Virt::Event::_run_handle_callback_helper(1, 0, 1, $h->[3], $h->[4]) },
         qr/is not a live callback/, 'a freed token is refused');
    is(error_of { Sys::Virt::Event::_free_callback_opaque_helper($h->[5], $h->[4]) }, undef, 'freeing it again is harmless');
    is(error_of { Sys::Virt::Event::_free_callback_opaque_helper(undef, undef) }, undef, 'and freeing undef');
    is(error_of { Sys::Virt::Event::_free_callback_opaque_helper(\(my $q = 77), \(my $p = 77)) }, undef, 'and a forged one');
    Sys::Virt::Event::remove_timeout($live);
}

# ----------------------------------- a loop method that dies

{
    # A connection to its own mock node gets its own event timer, added
    # when its first callback is registered.
    my $dir = tempdir(CLEANUP => 1);
    open my $fh, '>', "$dir/node.xml" or die;
    print $fh "<node><domain type='test'><name>n1</name><memory>65536</memory><os><type>hvm</type></os></domain></node>";
    close $fh;
    my $c2 = Sys::Virt->new(uri => "test://$dir/node.xml");
    $loop->{die_in} = 'add_timeout';
    my $err = error_of { $c2->domain_event_register_any(undef, DOM->EVENT_ID_LIFECYCLE, sub { }) };
    is($err, "loop method add_timeout failed\n", 'a die in the loop\'s add_timeout comes out of the XSUB that reached it');
    $loop->{die_in} = '';
    my @events;
    my $id2 = eval { $c2->domain_event_register_any(undef, DOM->EVENT_ID_LIFECYCLE, sub { push @events, $_[2] }) };
    ok(defined $id2, 'the next registration works: no libvirt lock was left held') or diag $@;
    $c2->get_domain_by_name('n1')->destroy;
    $loop->spin(50);
    is_deeply(\@events, [DOM->EVENT_STOPPED], 'and delivers');

    $loop->{die_in} = 'update_timeout';
    my $t = Sys::Virt::Event::add_timeout(1000, sub { });
    is(error_of { Sys::Virt::Event::update_timeout($t, 10) }, "loop method update_timeout failed\n",
       'a die in update_timeout comes out of update_timeout');
    $loop->{die_in} = '';
    Sys::Virt::Event::remove_timeout($t);
    $c2->domain_event_deregister_any($id2);
}

# ------------------------------------------- register's own checks

like(error_of { Sys::Virt::Event::register('SelectLoop') }, qr/^event implementation must be a subclass of Sys::Virt::Event/,
     'register refuses a class name');
like(error_of { Sys::Virt::Event::register(bless {}, 'Other') }, qr/must be a subclass/, 'and an object of another class');

$conn->domain_event_deregister_any($_) for 1 .. 5;
done_testing;
