# -*- perl -*-
#
# Registered callbacks misused, each case in a new perl: run_default with
# no loop, exit / last / next / nested croaks in callbacks, threads that
# register and exit or run another thread's callbacks, fork, global
# destruction with registrations left, and no growth over many
# registrations.

use strict;
use warnings;

use FindBin;
use lib "$FindBin::Bin/lib";

use Config;
use Test::More;
use Crash ();
use Sys::Virt;
BEGIN { Crash::assert_our_build() }
use SVTest qw(perl_child child_status_ok);

# Prepended to each child program.
my $PRELUDE = <<'PERL';
use strict; use warnings;
use Sys::Virt;
$| = 1;
sub spin {
    my $ms = shift // 30;
    my $done = 0;
    my $timer = Sys::Virt::Event::add_timeout($ms, sub { $done = 1 });
    Sys::Virt::Event::run_default() until $done;
    Sys::Virt::Event::remove_timeout($timer);
}
package Guard { sub new { bless { name => $_[1] }, $_[0] } sub DESTROY { print "freed $_[0]{name}\n" } }
package main;
PERL

$ENV{SV_TLIB} = "$FindBin::Bin/lib";
sub child { my ($program) = @_; return perl_child($PRELUDE . $program) }

# ----------------------------------------------------- no loop at all

{
    my ($status, $out) = child(<<'PERL');
alarm 10;
eval { Sys::Virt::Event::run_default() };
print "error: $@";
eval { Sys::Virt::Event::add_timeout(10, sub { }) };
print "add: $@";
PERL
    child_status_ok($status, 'run_default with no loop registered returns', $out);
    like($out, qr/^error: Sys::Virt::Event::run_default: the default event loop is not registered/m, 'it croaks, saying why');
    like($out, qr/^add: Sys::Virt::Event::add_timeout: no event loop is registered/m, 'add_timeout without a loop croaks');
}

# ------------------------------------------------ Ctrl-C in run_default

{
    my ($status, $out) = child(<<'PERL');
require POSIX;
alarm 20;
Sys::Virt::Event::register_default();
my $idle = Sys::Virt::Event::add_timeout(-1, sub { });
$SIG{INT} = sub { die "interrupted\n" };
my $pid = fork // die "fork: $!";
if (!$pid) { select(undef, undef, undef, 0.3); kill 'INT', getppid(); POSIX::_exit(0) }
eval { Sys::Virt::Event::run_default() while 1 };
print "got: $@";
waitpid($pid, 0);
spin(5);
print "loop still works\n";
PERL
    child_status_ok($status, 'SIGINT while run_default waits', $out);
    like($out, qr/\Agot: interrupted\nloop still works\n\z/, 'the handler runs when the iteration returns; the loop still works');
}

# ----------------------------------------------------- exit in a callback

{
    my ($status, $out) = child(<<'PERL');
END { print "END block ran, status $?\n" }
Sys::Virt::Event::register_default();
my $c = Sys::Virt->new(uri => 'test:///default');
my $later = 0;
$c->domain_event_register_any(undef, 0, sub { print "callback\n"; exit 7 });
$c->domain_event_register_any(undef, 2, sub { $later++ });
my $d = $c->get_domain_by_name('test');
$d->destroy; $d->create;
spin();
print "not reached\n";
PERL
    is($status >> 8, 7, 'exit 7 in an event callback ends the program with status 7');
    is($status & 127, 0, 'no signal');
    like($out, qr/\Acallback\nEND block ran, status 7\n\z/, 'once libvirt has returned: END blocks run, nothing after exit');
}

# ------------------------------------------- loop control in a callback

{
    my ($status, $out) = child(<<'PERL');
Sys::Virt::Event::register_default();
my $c = Sys::Virt->new(uri => 'test:///default');
my @how = ('last', 'next');
no warnings 'exiting';
$c->domain_event_register_any(undef, 0, sub {
    return unless $_[2] == 2;            # started
    my $how = shift @how or return;
    if ($how eq 'last') { last } else { next }
});
my $d = $c->get_domain_by_name('test');
my $rounds = 0;
for my $round (1 .. 3) {
    $rounds++;
    $d->destroy; $d->create;
    eval { spin() };
    (my $e = $@) =~ s/ at .*//s;
    print "round $round: ", ($e || 'ok'), "\n";
}
print "rounds $rounds\n";
PERL
    child_status_ok($status, 'last and next in a callback: the program goes on', $out);
    like($out, qr/round 1: Can't "last" outside a loop block/, '"last" is an ordinary error out of run_default');
    like($out, qr/round 2: Can't "next" outside a loop block/, '"next" too');
    like($out, qr/round 3: ok\nrounds 3/, 'and the caller\'s loop went round every time');
}

{
    my ($status, $out) = child(<<'PERL');
Sys::Virt::Event::register_default();
my $c = Sys::Virt->new(uri => 'test:///default');
no warnings 'exiting';
$c->domain_event_register_any(undef, 0, sub { for (1) { } last if $_[2] == 2 });
my $d = $c->get_domain_by_name('test');
for my $i (1 .. 2) {
    $d->destroy; $d->create;
    eval { spin() };
    print "caught: ", ($@ =~ /outside a loop block/ ? 'loop control' : $@), "\n";
}
print "done\n";
PERL
    child_status_ok($status, 'a bare last in a callback inside the caller\'s loop', $out);
    like($out, qr/\A(?:caught: loop control\n){2}done\n\z/, 'never leaves the caller\'s loop');
}

# ------------------------------------ a callback whose XSUB call croaks

{
    my ($status, $out) = child(<<'PERL');
Sys::Virt::Event::register_default();
my $c = Sys::Virt->new(uri => 'test:///default');
my $first = $c->domain_event_register_any(undef, 0, sub { $_[0]->get_domain_by_name('no-such-domain') });
my $d = $c->get_domain_by_name('test');
$d->destroy;
eval { spin() };
print ref($@), " ", $@->code, "\n";
my $c2 = Sys::Virt->new(uri => 'test:///default');
$c->domain_event_deregister_any($first);
$c2->domain_event_register_any(undef, 0, sub { Sys::Virt::get_uri(undef) });
$d->create;
eval { spin() };
print "plain: $@";
PERL
    child_status_ok($status, 'an XSUB that croaks inside a callback', $out);
    like($out, qr/^Sys::Virt::Error 42$/m, 'its libvirt error comes out of run_default');
    like($out, qr/^plain: Sys::Virt::get_uri: argument 'con' is not a Sys::Virt object/m, 'and so does its own croak');
}

# ---------------------------------------------- global destruction

{
    my ($status, $out) = child(<<'PERL');
Sys::Virt::Event::register_default();
my $c = Sys::Virt->new(uri => 'test:///default');
{ my $g = Guard->new('event'); $c->domain_event_register_any(undef, 0, sub { my $k = $g }); }
{ my $g = Guard->new('timer'); Sys::Virt::Event::add_timeout(1000, sub { my $k = $g }); }
{ my $g = Guard->new('close'); $c->register_close_callback(sub { my $k = $g }); }
our $global = $c;
print "exiting\n";
PERL
    child_status_ok($status, 'exit with registrations left', $out);
    my %n;
    $n{$1}++ while $out =~ /^freed (\w+)$/mg;
    is_deeply(\%n, { event => 1, timer => 1, close => 1 }, 'each closure freed exactly once, at global destruction');
}

# ------------------------------------------------------------ fork

{
    my ($status, $out) = child(<<'PERL');
Sys::Virt::Event::register_default();
my $c = Sys::Virt->new(uri => 'test:///default');
my @got;
$c->domain_event_register_any(undef, 0, sub { push @got, $_[2] });
my $pid = fork // die "fork: $!";
if (!$pid) {
    # The child leaves its copies alone and goes.
    require POSIX;
    POSIX::_exit(0);
}
waitpid($pid, 0);
print "child status $?\n";
my $d = $c->get_domain_by_name('test');
$d->destroy;
spin();
print "parent got @got\n";
PERL
    child_status_ok($status, 'fork with callbacks registered', $out);
    like($out, qr/child status 0\nparent got 5\n/, 'the parent keeps getting its events');
}

# ---------------------------------------------------------- threads

SKIP: {
    skip 'this perl has no ithreads', 7 unless $Config{useithreads};
    my ($status, $out) = child(<<'PERL');
use threads;
Sys::Virt::Event::register_default();
my $c = Sys::Virt->new(uri => 'test:///default');
my @warnings;
$SIG{__WARN__} = sub { push @warnings, $_[0] };

# A thread registers a timer and an event callback, then ends.
my $ran = 0;
threads->create(sub {
    my $g = Guard->new('thread-timer');
    Sys::Virt::Event::add_timeout(1, sub { my $k = $g; print "thread timer ran\n" });
    $c->domain_event_register_any(undef, 0, sub { print "thread event ran\n" });
    return;
})->join;
print "thread joined\n";
my $d = $c->get_domain_by_name('test');
$d->destroy;
my $iterations = 0;
my $done = 0;
my $t = Sys::Virt::Event::add_timeout(50, sub { $done = 1 });
$iterations++, Sys::Virt::Event::run_default() until $done;
Sys::Virt::Event::remove_timeout($t);
print "main survived\n";
print "iterations $iterations\n";

# A callback of the main thread, while another thread runs the loop.
my $mine = 0;
my $timer = Sys::Virt::Event::add_timeout(1, sub { $mine++ });
threads->create(sub {
    local $SIG{__WARN__} = sub { print "thread warned: $_[0]" };
    my $done = 0;
    my $t = Sys::Virt::Event::add_timeout(20, sub { $done = 1 });
    Sys::Virt::Event::run_default() until $done;
    Sys::Virt::Event::remove_timeout($t);
    return;
})->join;
print "main callback ran in the other thread: $mine\n";
spin(10);
print "main callback ran at home: ", ($mine > 0 ? 'yes' : 'no'), "\n";
Sys::Virt::Event::remove_timeout($timer);
print "warnings: ", scalar(@warnings), "\n";
PERL
    child_status_ok($status, 'threads with callbacks: no crash', $out);
    like($out, qr/freed thread-timer\n(?:.*\n)*thread joined/, 'a thread\'s closure is freed once, when the thread ends');
    unlike($out, qr/thread (?:timer|event) ran/, 'its callbacks never run after the thread has ended');
    like($out, qr/main survived/, 'and firing them later does not crash');
    my ($iterations) = $out =~ /iterations (\d+)/;
    ok(defined $iterations && $iterations <= 3, 'the ended thread\'s 1 ms timer was removed from the loop') or diag $out;
    like($out, qr/thread warned: Sys::Virt: a callback registered by another thread was not run/, 'another thread\'s loop skips our callback, with a warning');
    like($out, qr/main callback ran in the other thread: 0\nmain callback ran at home: yes/, 'the callback runs in its own thread only');
}

SKIP: {
    skip 'this perl has no ithreads', 3 unless $Config{useithreads};
    my ($status, $out) = child(<<'PERL');
use threads;
use lib "$ENV{SV_TLIB}";
use SelectLoop;
my $loop = SelectLoop->new;
my $timer = Sys::Virt::Event::add_timeout(1000, sub { });
threads->create(sub {
    Sys::Virt::Event::update_timeout($timer, 5);
    Sys::Virt::Event::remove_timeout($timer);
    return;
})->join;
print "after join: ", (exists $loop->{timeouts}{$timer} ? 'still there' : 'gone'), "\n";
eval { Sys::Virt->new(uri => 'test:///default')->get_uri };   # any call: a safe point
print "after a call: ", (exists $loop->{timeouts}{$timer} ? 'still there' : 'gone'), "\n";
my @ops = map { $_->[0] } grep { $_->[0] =~ /timeout/ } @{ $loop->{calls} };
print "ops @ops\n";
PERL
    child_status_ok($status, 'another thread updates and removes a timer of a Perl loop', $out);
    like($out, qr/after join: still there\nafter a call: gone/, 'the changes reach the loop at its thread\'s next call');
    like($out, qr/ops add_timeout update_timeout remove_timeout/, 'in order, on the loop\'s own thread');
}

SKIP: {
    skip 'this perl has no ithreads', 2 unless $Config{useithreads};
    my ($status, $out) = child(<<'PERL');
use threads;
Sys::Virt::Event::register_default();
my $thr = threads->create(sub {
    Sys::Virt::Event::add_timeout(5, sub { print "callback in thread\n"; threads->exit(4) });
    Sys::Virt::Event::run_default() for 1 .. 5;
    print "after threads->exit\n";
    return 1;
});
my @r = $thr->join;
print "joined (@r)\n";
spin(10);
print "main goes on\n";
PERL
    child_status_ok($status, 'threads->exit in a callback run by that thread', $out);
    like($out, qr/\Acallback in thread\njoined \(\)\nmain goes on\n\z/, 'ends that thread only, after libvirt has returned');
}

# ------------------------------------------------------- no growth

{
    my ($status, $out) = child(<<'PERL');
Sys::Virt::Event::register_default();
my $c = Sys::Virt->new(uri => 'test:///default');
sub rss { open my $f, '<', '/proc/self/statm' or return 0; my @f = split ' ', <$f>; return $f[1] * 4 }
sub round {
    for (1 .. 500) {
        my $t = Sys::Virt::Event::add_timeout(1000, sub { my $x = [1 .. 10] });
        Sys::Virt::Event::remove_timeout($t);
        my $id = $c->domain_event_register_any(undef, 0, sub { my $x = [1 .. 10] });
        $c->domain_event_deregister_any($id);
    }
    spin(1);
}
round() for 1 .. 3;
my $before = rss();
round() for 1 .. 6;
my $after = rss();
print "growth ", $after - $before, " KiB\n";
PERL
    child_status_ok($status, '6000 registrations and removals', $out);
    my ($growth) = $out =~ /growth (-?\d+) KiB/;
    ok(defined $growth && $growth < 512, 'memory does not grow with them') or diag $out;
}

done_testing;
