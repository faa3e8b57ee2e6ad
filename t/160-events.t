# -*- perl -*-
#
# Events on the mock driver with libvirt's default event loop: the exact
# arguments of lifecycle events (define, start, suspend, resume, destroy,
# undefine, snapshot revert), filters by domain, the legacy interface,
# watches and timers, failures in callbacks, deregistering from inside a
# callback, and every callback's code freed exactly once.

use strict;
use warnings;

use FindBin;
use lib "$FindBin::Bin/lib";

use Test::More;
use Crash ();
use Sys::Virt;
BEGIN { Crash::assert_our_build() }
use SVTest qw(error_of in_child);

use constant {
    DOM => 'Sys::Virt::Domain',
};

# Counts DESTROYs, by name.
package Guard {
    our %freed;
    sub new { my ($class, $name) = @_; return bless { name => $name }, $class }
    sub DESTROY { $freed{ $_[0]{name} }++ }
}

# An exception object that is false in boolean context.
package FalseError {
    use overload 'bool' => sub { 0 }, '""' => sub { 'FalseError' }, fallback => 1;
    sub new { return bless { code => 42 }, shift }
}

package main;

Sys::Virt::Event::register_default();
my $conn = Sys::Virt->new(uri => 'test:///default');

# Runs the default loop for $ms milliseconds.
sub spin {
    my $ms = shift // 30;
    my $done = 0;
    my $timer = Sys::Virt::Event::add_timeout($ms, sub { $done = 1 });
    Sys::Virt::Event::run_default() until $done;
    Sys::Virt::Event::remove_timeout($timer);
}

sub guest_xml {
    my $name = shift;
    return "<domain type='test'><name>$name</name><memory>65536</memory><os><type>hvm</type></os></domain>";
}

my %EV = (
    DEFINED   => [DOM->EVENT_DEFINED,   DOM->EVENT_DEFINED_ADDED],
    STARTED   => [DOM->EVENT_STARTED,   DOM->EVENT_STARTED_BOOTED],
    SUSPENDED => [DOM->EVENT_SUSPENDED, DOM->EVENT_SUSPENDED_PAUSED],
    RESUMED   => [DOM->EVENT_RESUMED,   DOM->EVENT_RESUMED_UNPAUSED],
    DESTROYED => [DOM->EVENT_STOPPED,   DOM->EVENT_STOPPED_DESTROYED],
    UNDEFINED => [DOM->EVENT_UNDEFINED, DOM->EVENT_UNDEFINED_REMOVED],
    SNAP_STARTED => [DOM->EVENT_STARTED, DOM->EVENT_STARTED_FROM_SNAPSHOT],
    SNAP_STOPPED => [DOM->EVENT_STOPPED, DOM->EVENT_STOPPED_FROM_SNAPSHOT],
    SNAP_SUSPENDED => [DOM->EVENT_SUSPENDED, DOM->EVENT_SUSPENDED_FROM_SNAPSHOT],
);

# ------------------------------------------------------ lifecycle events

{
    my @got;
    my $id = $conn->domain_event_register_any(undef, DOM->EVENT_ID_LIFECYCLE, sub {
        my ($c, $dom, $event, $detail, @rest) = @_;
        push @got, [ref $c, $c->get_uri, ref $dom, $dom->get_name, $event, $detail, scalar @rest];
    });
    like($id, qr/^\d+$/, 'domain_event_register_any returns a callback id');

    my $dom = $conn->define_domain(guest_xml('ev1'));
    $dom->create;
    $dom->suspend;
    $dom->resume;
    my $snap = $dom->create_snapshot('<domainsnapshot><name>running</name></domainsnapshot>');
    $dom->destroy;
    $snap->revert_to;              # stopped -> the running snapshot
    $dom->destroy;
    $dom->undefine(DOM->UNDEFINE_SNAPSHOTS_METADATA);
    spin();

    my @want = map { ['Sys::Virt', 'test:///default', DOM, 'ev1', @{ $EV{$_} }, 0] }
        qw(DEFINED STARTED SUSPENDED RESUMED DESTROYED SNAP_STARTED DESTROYED UNDEFINED);
    is_deeply(\@got, \@want, 'define, start, suspend, resume, destroy, revert, destroy, undefine: exact arguments');

    # Reverting between running, paused and shut-off snapshots.
    $dom = $conn->define_domain(guest_xml('ev2'));
    $dom->create;
    $dom->suspend;
    my $paused = $dom->create_snapshot('<domainsnapshot><name>paused</name></domainsnapshot>');
    $dom->resume;
    my $running = $dom->create_snapshot('<domainsnapshot><name>running</name></domainsnapshot>');
    $dom->destroy;
    my $off = $dom->create_snapshot('<domainsnapshot><name>off</name></domainsnapshot>');
    spin();
    my %reverts;
    for my $step ([paused => $paused], [running => $running], [off => $off]) {
        @got = ();
        $step->[1]->revert_to;
        spin();
        $reverts{ $step->[0] } = [map { [ @$_[4, 5] ] } @got];
    }
    is_deeply(\%reverts, {
        paused  => [$EV{SNAP_STARTED}, $EV{SNAP_SUSPENDED}],
        running => [$EV{SNAP_STOPPED}, $EV{SNAP_STARTED}],
        off     => [$EV{SNAP_STOPPED}],
    }, 'reverting: shut off -> paused, paused -> running, running -> shut off: the FROM_SNAPSHOT details');
    $dom->undefine(DOM->UNDEFINE_SNAPSHOTS_METADATA);
    spin();

    $conn->domain_event_deregister_any($id);
    @got = ();
    $dom = $conn->define_domain(guest_xml('ev3'));
    $dom->undefine;
    spin();
    is(scalar @got, 0, 'no events after domain_event_deregister_any');
}

# --------------------------------------------------- a filter by domain

{
    my $a = $conn->define_domain(guest_xml('only'));
    my $b = $conn->define_domain(guest_xml('other'));
    my @got;
    my $id = $conn->domain_event_register_any($a, DOM->EVENT_ID_LIFECYCLE, sub { push @got, $_[1]->get_name });
    $b->create; $a->create; $b->destroy; $a->destroy;
    spin();
    is_deeply(\@got, ['only', 'only'], 'a domain filter delivers only that domain\'s events');
    $conn->domain_event_deregister_any($id);
    $_->undefine for $a, $b;
}

# ------------------------------------------------------- the legacy API

{
    my @got;
    $conn->domain_event_register(sub { push @got, [ref $_[0], $_[1]->get_name, @_[2, 3]] });
    my $err = error_of { $conn->domain_event_register(sub { }) };
    isa_ok($err, 'Sys::Virt::Error', 'a second legacy registration on one connection');
    my $dom = $conn->define_domain(guest_xml('legacy'));
    $dom->create;
    spin();
    is_deeply(\@got, [['Sys::Virt', 'legacy', @{ $EV{DEFINED} }], ['Sys::Virt', 'legacy', @{ $EV{STARTED} }]],
              'domain_event_register: ($conn, $dom, $event, $detail)');
    $conn->domain_event_deregister;
    @got = ();
    $dom->destroy;
    $dom->undefine;
    spin();
    is(scalar @got, 0, 'no events after domain_event_deregister');
    is(error_of { $conn->domain_event_deregister }, undef, 'deregistering again is harmless');
}

# -------------------------------------- other event IDs and duplicates

{
    my (@reboot, @any);
    my $sub = sub { push @any, $_[2] };
    my $id1 = $conn->domain_event_register_any(undef, DOM->EVENT_ID_LIFECYCLE, $sub);
    my $err = error_of { $conn->domain_event_register_any(undef, DOM->EVENT_ID_LIFECYCLE, $sub) };
    isa_ok($err, 'Sys::Virt::Error', 'the same event ID twice on one connection (libvirt refuses)');
    is($err && $err->code, Sys::Virt::Error::ERR_INVALID_ARG, 'as an invalid argument');
    my $id2 = $conn->domain_event_register_any(undef, DOM->EVENT_ID_REBOOT, sub { push @reboot, [scalar @_, ref $_[1]] });
    isnt($id2, $id1, 'the same sub for another event ID gets its own id');
    my $dom = $conn->get_domain_by_name('test');
    if (DOM->can('set_metadata')) {
        my @meta;
        my $id3 = $conn->domain_event_register_any(undef, DOM->EVENT_ID_METADATA_CHANGE, sub { push @meta, [ref $_[1], @_[2 .. $#_]] });
        $dom->set_metadata(DOM->METADATA_DESCRIPTION, 'described', undef, undef, 0);
        spin();
        is_deeply(\@meta, [[DOM, DOM->METADATA_DESCRIPTION, undef]], 'metadata change: ($conn, $dom, $type, $nsuri)');
        $conn->domain_event_deregister_any($id3);
    }
    $conn->domain_event_deregister_any($_) for $id1, $id2;
    is(error_of { $conn->domain_event_deregister_any(123456) }, undef, 'deregistering an unknown id is harmless');
    is(error_of { $conn->domain_event_deregister_any($id1) }, undef, 'and so is deregistering twice');
}

# --------------------------------------------- failures in callbacks

{
    my @seen;
    my @throw = ("plain string\n", { reason => 'hash' }, FalseError->new);
    my $id = $conn->domain_event_register_any(undef, DOM->EVENT_ID_LIFECYCLE, sub {
        push @seen, $_[2];
        die shift @throw if @throw && $_[2] == DOM->EVENT_STARTED;
    });
    my $dom = $conn->get_domain_by_name('test');
    $dom->destroy;

    $dom->create;
    my $err = error_of { spin() };
    is($err, "plain string\n", 'a die with a string comes out of run_default unchanged');
    $dom->destroy; $dom->create;
    $err = error_of { spin() };
    is(ref $err, 'HASH', 'a die with a reference');
    is($err->{reason}, 'hash', 'the same reference');
    $dom->destroy; $dom->create;
    eval { spin() };
    $err = $@;
    isa_ok($err, 'FalseError', 'a die with an object that is false');
    is(scalar(@seen), 6, 'every event was delivered');

    $dom->destroy;
    $dom->create;
    is(error_of { spin() }, undef, 'the loop keeps working after callbacks died');
    is(scalar(@seen), 8, 'and still delivers');

    # Two failures in one iteration: the first is rethrown, the second warned.
    @throw = ("first\n", "second\n");
    my @warnings;
    local $SIG{__WARN__} = sub { push @warnings, $_[0] };
    $dom->destroy; $dom->create; $dom->destroy; $dom->create;
    $err = error_of { spin() };
    is($err, "first\n", 'the first of two failures is rethrown');
    like(join('', @warnings), qr/second/, 'the second is a warning');
    $conn->domain_event_deregister_any($id);
}

# ----------------------------------- deregistering inside a callback

{
    my ($self_id, $other_id, @got);
    my $conn2 = Sys::Virt->new(uri => 'test:///default');
    $other_id = $conn2->domain_event_register_any(undef, DOM->EVENT_ID_LIFECYCLE, sub { push @got, 'other' });
    $self_id = $conn->domain_event_register_any(undef, DOM->EVENT_ID_LIFECYCLE, sub {
        push @got, 'self';
        $_[0]->domain_event_deregister_any($self_id);
        $conn2->domain_event_deregister_any($other_id);
    });
    my $dom = $conn->get_domain_by_name('test');
    $dom->suspend;
    spin();
    @got = grep { $_ eq 'self' } @got;     # the other may have run first
    $dom->resume;
    spin();
    is_deeply(\@got, ['self'], 'a callback deregisters itself and another; neither runs again');
}

# ---------------------------------------- every closure freed once

{
    %Guard::freed = ();
    my $id = do {
        my $guard = Guard->new('deregistered');
        $conn->domain_event_register_any(undef, DOM->EVENT_ID_LIFECYCLE, sub { my $keep = $guard });
    };
    is($Guard::freed{deregistered}, undef, 'a registered closure is kept');
    $conn->domain_event_deregister_any($id);
    is($Guard::freed{deregistered}, 1, 'and freed once by the time deregister returns');

    my $timer = do {
        my $guard = Guard->new('timer');
        Sys::Virt::Event::add_timeout(1000, sub { my $keep = $guard });
    };
    Sys::Virt::Event::remove_timeout($timer);
    spin(5);
    is($Guard::freed{timer}, 1, 'a removed timer\'s closure is freed once by the next iteration');

    my $watch = do {
        my $guard = Guard->new('handle');
        pipe(my $r, my $w) or die "pipe: $!";
        my $w_id = Sys::Virt::Event::add_handle(fileno($r), Sys::Virt::Event::HANDLE_READABLE, sub { my $keep = [$guard, $r] });
        $w_id;
    };
    Sys::Virt::Event::remove_handle($watch);
    spin(5);
    is($Guard::freed{handle}, 1, 'a removed watch\'s closure is freed once');

    do {
        my $guard = Guard->new('close');
        $conn->register_close_callback(sub { my $keep = $guard });
    };
    $conn->unregister_close_callback;
    is($Guard::freed{close}, 1, 'an unregistered close callback is freed once');

    do {
        my $guard = Guard->new('failed');
        my $bad = error_of { $conn->domain_event_register_any(undef, -5, sub { my $keep = $guard }) };
        isa_ok($bad, 'Sys::Virt::Error', 'an event ID libvirt refuses');
    };
    is($Guard::freed{failed}, 1, 'the closure of a refused registration is freed once');

    is_deeply([sort keys %Guard::freed], [qw(close deregistered failed handle timer)], 'nothing else was freed');
    is_deeply([grep { $_ != 1 } values %Guard::freed], [], 'nothing was freed twice');
}

# ----------------------------------------------- watches and timers

{
    pipe(my $r, my $w) or die "pipe: $!";
    my @got;
    my $watch = Sys::Virt::Event::add_handle(fileno($r), Sys::Virt::Event::HANDLE_READABLE, sub {
        push @got, [@_];
        sysread($r, my $buf, 100);
    });
    like($watch, qr/^\d+$/, 'add_handle returns a watch number');
    syswrite($w, "x");
    spin(20);
    is_deeply(\@got, [[$watch, fileno($r), Sys::Virt::Event::HANDLE_READABLE]], 'handle callback: ($watch, $fd, $events)');
    Sys::Virt::Event::update_handle($watch, 0);
    syswrite($w, "y");
    spin(20);
    is(scalar @got, 1, 'update_handle to no events: the watch is quiet');
    Sys::Virt::Event::update_handle($watch, Sys::Virt::Event::HANDLE_READABLE);
    spin(20);
    is(scalar @got, 2, 'and wakes up again with READABLE');
    Sys::Virt::Event::remove_handle($watch);
    ok(defined error_of { Sys::Virt::Event::remove_handle(987654) }, 'removing an unknown watch croaks');

    my @ticks;
    my $timer = Sys::Virt::Event::add_timeout(5, sub { push @ticks, [@_] });
    spin(60);
    ok(@ticks >= 2, 'a 5 ms timer fires repeatedly in 60 ms') or diag scalar @ticks;
    is_deeply($ticks[0], [$timer], 'timer callback: ($timer)');
    Sys::Virt::Event::update_timeout($timer, -1);
    my $n = @ticks;
    spin(30);
    is(scalar @ticks, $n, 'update_timeout to -1 disables it');
    Sys::Virt::Event::remove_timeout($timer);
    ok(defined error_of { Sys::Virt::Event::remove_timeout(987654) }, 'removing an unknown timer croaks');

    like(error_of { Sys::Virt::Event::add_timeout(5, [1]) }, qr/add_timeout: argument 'cb' must be a code reference/,
         'a non-code argument is refused');
}

# ------------------------------------- run_default inside a callback

{
    my @order;
    my $inner = Sys::Virt::Event::add_timeout(0, sub { push @order, 'inner'; Sys::Virt::Event::update_timeout($_[0], -1) });
    Sys::Virt::Event::update_timeout($inner, -1);
    my $outer = Sys::Virt::Event::add_timeout(0, sub {
        Sys::Virt::Event::update_timeout($_[0], -1);
        push @order, 'outer';
        Sys::Virt::Event::update_timeout($inner, 0);
        Sys::Virt::Event::run_default();
        push @order, 'outer done';
    });
    spin(20);
    is_deeply(\@order, ['outer', 'inner', 'outer done'], 'run_default inside a callback runs the other callbacks due');
    Sys::Virt::Event::remove_timeout($_) for $inner, $outer;
}

# --------------------------------------------- signals and run_default

{
    my $timer = Sys::Virt::Event::add_timeout(-1, sub { });
    local $SIG{ALRM} = sub { die "alarm\n" };
    alarm 1;
    my $err = error_of { Sys::Virt::Event::run_default() while 1; };
    alarm 0;
    is($err, "alarm\n", 'alarm interrupts a run_default loop and its handler runs');
    Sys::Virt::Event::remove_timeout($timer);
}

# ------------------------------------ the connection inside callbacks

{
    my ($status, $out) = in_child(sub {
        my $c = Sys::Virt->new(uri => 'test:///default');
        my $got = '';
        my $id = $c->domain_event_register_any(undef, DOM->EVENT_ID_LIFECYCLE, sub {
            my ($cc, $dom, $event) = @_;
            $got .= ref($cc) . ':' . $dom->get_name . ":$event;";
            $cc->domain_event_deregister_any($_) for 1 .. 20;
        });
        my $dom = $c->get_domain_by_name('test');
        undef $c;                        # the registration keeps the connection
        $dom->destroy;
        spin();
        undef $dom;
        return "ok $got";
    });
    is($status, 0, 'a callback that drops the last reference to its connection: no crash');
    like($out, qr/^ok Sys::Virt:test:5;$/, 'and it got the event');
}

{
    my $c2 = Sys::Virt->new(uri => 'test:///default');
    my $got;
    my $id = $c2->domain_event_register_any(undef, DOM->EVENT_ID_LIFECYCLE, sub { $got = $_[0] });
    my $saved = $c2;
    $c2 = 'reassigned';
    $saved->get_domain_by_name('test')->destroy;
    spin();
    isa_ok($got, 'Sys::Virt', 'reassigning the registering variable changes nothing: the callback gets the connection');
    $saved->domain_event_deregister_any($id);
}

my $ka = error_of { $conn->set_keep_alive(5, 3) };
isa_ok($ka, 'Sys::Virt::Error', 'set_keep_alive on the mock driver');
is($ka && $ka->code, Sys::Virt::Error::ERR_NO_SUPPORT, 'is not supported');

done_testing;
