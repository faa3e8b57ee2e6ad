# -*- perl -*-
#
# fork: a child process gets a copy of every object. Parent and child both
# use their objects and drop them, in any order and in different ways,
# without disturbing each other. Each child must exit 0 without a signal,
# a hang, or anything on STDERR; the parent checks its own objects after
# every child.
#
# The test driver (test:///default) lives inside the process, so after the
# fork each side has its own copy of the driver's state as well: changes
# made in a child are not seen by the parent.

use strict;
use warnings;

use FindBin;
use lib "$FindBin::Bin/lib";

use POSIX ();
use Test::More;

use Crash ();
use Sys::Virt;
BEGIN { Crash::assert_our_build() }

my $URI = 'test:///default';

sub snap_xml { return "<domainsnapshot><name>$_[0]</name></domainsnapshot>" }

my $con = Sys::Virt->new(uri => $URI);
my $dom = $con->get_domain_by_name('test');
my $root = $dom->create_snapshot(snap_xml('fork-root'));
my $leaf = $dom->create_snapshot(snap_xml('fork-leaf'));
my @many = map { $con->get_domain_by_name('test') } 1 .. 100;
my $err = eval { $con->get_domain_by_name('no-such-domain'); 1 } ? undef : $@;
my $destroyed = $con->get_domain_by_name('test');
$destroyed->DESTROY;

sub parent_state {
    return join '|',
        $con->get_uri, $dom->get_name, $root->get_name, $leaf->get_parent->get_name,
        join(',', sort $dom->list_snapshot_names),
        scalar(grep { $_->get_name eq 'test' } @many),
        ref($err) . ':' . $err->code;
}

my $expect = parent_state();
is($expect, "$URI|test|fork-root|fork-root|fork-leaf,fork-root|100|Sys::Virt::Error:42", 'the parent\'s objects before any fork');

# Runs $code in a forked child; it must exit cleanly with empty STDERR and
# print "ok" last. Then the parent's objects must be as they were.
sub in_child {
    my ($name, $code, %opt) = @_;
    my $r = Crash::run_in_child(sub { $code->(); print "ok\n" }, timeout => 30, %opt);
    ok($r->{ok} && $r->{stdout} =~ /(?:\A|\n)ok\n\z/ && $r->{stderr} eq '', "child: $name")
        or diag "stdout: $r->{stdout}\n" . Crash::describe($r);
    is(parent_state(), $expect, "parent after child: $name");
}

in_child('uses every inherited object, then exits with everything alive', sub {
    die "child state\n" unless parent_state() eq $expect;
    my $x = $dom->get_xml_description;
    my @all = $dom->list_all_snapshots;
    # DESTROY is empty: called by hand, it leaves the object usable.
    die "object after an explicit DESTROY\n" unless eval { $destroyed->get_name } eq 'test';
});

in_child('drops inherited objects with undef, DESTROY and scope exit', sub {
    undef $root;
    $leaf->DESTROY;
    @many = ();
    undef $con;
    # The domain still works without the connection object.
    die "domain without its connection object\n" unless $dom->get_name eq 'test';
    $dom->DESTROY;
    undef $dom;
});

in_child('makes new objects and leaves them to global destruction', sub {
    our @keep = map { Sys::Virt->new(uri => $URI) } 1 .. 10;
    our @doms = map { $_->get_domain_by_name('test') } @keep;
    our @snaps = map { $_->get_snapshot_by_name('fork-leaf') } @doms;
    our %cycle;
    $cycle{self} = \%cycle;
    $cycle{dom} = $dom;
});

in_child('changes the driver state in the child only', sub {
    $leaf->delete;
    my $s = $dom->create_snapshot(snap_xml('child-only'));
    $dom->suspend;
    die "child did not see its own change\n" if grep { $_ eq 'fork-leaf' } $dom->list_snapshot_names;
});
is(($dom->get_state)[0], Sys::Virt::Domain::STATE_RUNNING(), 'the domain suspended in the child still runs in the parent');

in_child('leaves with _exit, skipping all destruction', sub {
    my $c = Sys::Virt->new(uri => $URI);
    my $d = $c->get_domain_by_name('test');
    print "ok\n";
    POSIX::_exit(0);
});

in_child('forks again: a grandchild uses and drops the objects', sub {
    my $r = Crash::run_in_child(sub {
        die "grandchild state\n" unless parent_state() eq $expect;
        undef $dom;
        @many = ();
    }, timeout => 20);
    die "grandchild: " . Crash::describe($r) . "\n" unless $r->{ok} && $r->{stderr} eq '';
    die "child after grandchild\n" unless parent_state() eq $expect;
});

# Many children in a row, with the parent working between them.
my $failed = 0;
for my $i (1 .. 20) {
    my $r = Crash::run_in_child(sub {
        my $d = $con->get_domain_by_name('test');
        my @s = $d->list_all_snapshots;
        $_->get_xml_description for @s;
        undef $dom if $i % 2;
        $_->DESTROY for @many[0 .. $i];
    }, timeout => 20);
    $failed++, diag("child $i: " . Crash::describe($r)) unless $r->{ok} && $r->{stderr} eq '';
    my $d = $con->get_domain_by_name('test');
    $failed++, diag("parent after child $i") unless parent_state() eq $expect;
}
is($failed, 0, '20 children in a row, the parent working between them');

# The parent drops everything at the end, in an order of its own.
undef $con;
is($dom->get_name, 'test', 'the parent\'s domain works after its connection object is gone');
@many = ();
undef $_ for $leaf, $root, $dom;
pass('the parent dropped its objects');

done_testing;
