# -*- perl -*-
#
# Snapshot objects that outlive their snapshot, their domain object or
# their connection object on test:///default.

use strict;
use warnings;

use FindBin;
use lib "$FindBin::Bin/lib";

use Test::More;

use SVTest;

my ($c, $d) = test_domain();

# Every call on a snapshot object except get_name, with a label.
my @calls = (
    [ 'get_xml_description',          sub { $_[0]->get_xml_description } ],
    [ 'get_xml_description(0)',       sub { $_[0]->get_xml_description(0) } ],
    [ 'delete',                       sub { $_[0]->delete } ],
    [ 'delete(DELETE_CHILDREN)',      sub { $_[0]->delete(SS('DELETE_CHILDREN')) } ],
    [ 'revert_to',                    sub { $_[0]->revert_to } ],
    [ 'get_parent',                   sub { $_[0]->get_parent } ],
    [ 'is_current',                   sub { $_[0]->is_current } ],
    [ 'has_metadata',                 sub { $_[0]->has_metadata } ],
    [ 'num_of_child_snapshots',       sub { $_[0]->num_of_child_snapshots } ],
    [ 'num_of_child_snapshots(DESC)', sub { $_[0]->num_of_child_snapshots(SS('LIST_DESCENDANTS')) } ],
    [ 'list_child_snapshot_names',    sub { $_[0]->list_child_snapshot_names } ],
    [ 'list_child_snapshot_names(5)', sub { $_[0]->list_child_snapshot_names(5) } ],
    [ 'list_all_children',            sub { $_[0]->list_all_children } ],
    [ 'list_child_snapshots',         sub { $_[0]->list_child_snapshots } ],
);

sub stale_ok {
    my ($s, $name, $what) = @_;
    local $Test::Builder::Level = $Test::Builder::Level + 1;
    is($s->get_name, $name, "$what: get_name still answers");
    for my $call (@calls) {
        my ($label, $code) = @$call;
        my $e = virt_error_ok(sub { $code->($s) }, 'ERR_NO_DOMAIN_SNAPSHOT', 'FROM_TEST', "$what: $label");
        like($e && $e->message, qr/no domain snapshot with matching name '\Q$name\E'/, "$what: $label message") if $e;
    }
    is($s->get_name, $name, "$what: get_name after the failures");
}

# Deleted through the object itself.
{
    my $s = mksnap($d, 'self');
    $s->delete;
    stale_ok($s, 'self', 'deleted by itself');
    is($d->num_of_snapshots, 0, 'the snapshot is gone');
}

# Deleted through another object for the same snapshot.
{
    my $s = mksnap($d, 'twin');
    my $t = $d->get_snapshot_by_name('twin');
    my ($u) = $d->list_all_snapshots;
    is($u->get_name, 'twin', 'a third object from list_all_snapshots');
    $t->delete;
    stale_ok($s, 'twin', 'deleted by a second object (first)');
    stale_ok($t, 'twin', 'deleted by a second object (the deleter)');
    stale_ok($u, 'twin', 'deleted by a second object (from the list)');
}

# Deleted through another connection: test:///default connections in one
# process share their state.
{
    my $s = mksnap($d, 'remote');
    my $c2 = conn();
    my $d2 = $c2->get_domain_by_name('test');
    is($d2->get_snapshot_by_name('remote')->get_name, 'remote', 'the second connection sees the snapshot');
    $d2->get_snapshot_by_name('remote')->delete;
    stale_ok($s, 'remote', 'deleted through another connection');
    undef $d2;
    undef $c2;
    stale_ok($s, 'remote', 'after the other connection is gone');
}

# A parent deleted with DELETE_CHILDREN takes its children's objects with it.
{
    my $p = mksnap($d, 'p');
    my $k = mksnap($d, 'k');
    my $g = mksnap($d, 'g');
    $p->delete(SS('DELETE_CHILDREN'));
    stale_ok($_->[0], $_->[1], "deleted with its parent ($_->[1])") for [$p, 'p'], [$k, 'k'], [$g, 'g'];
}

# A stale object comes back to life when a snapshot of that name exists again.
{
    my $s = mksnap($d, 'phoenix');
    my $xml = $s->get_xml_description;
    $s->delete;
    stale_ok($s, 'phoenix', 'before redefinition');
    $d->create_snapshot($xml, SS('CREATE_REDEFINE'));
    is($s->get_xml_description, $xml, 'the old object reads the redefined snapshot');
    is($s->has_metadata, 1, 'has_metadata on the revived object');
    $s->delete;
    stale_ok($s, 'phoenix', 'deleted again');
}

# The domain object and the connection object can go first.
{
    my ($c3, $d3) = test_domain(conn());
    my $s = mksnap($d3, 'orphan');
    my $child = mksnap($d3, 'orphan-child');
    undef $d3;
    is($s->get_name, 'orphan', 'domain object freed: get_name');
    like($s->get_xml_description, qr{<name>orphan</name>}, 'domain object freed: get_xml_description');
    is($child->get_parent->get_name, 'orphan', 'domain object freed: get_parent');
    is($s->num_of_child_snapshots, 1, 'domain object freed: num_of_child_snapshots');
    is_deeply([names($s->list_child_snapshots)], ['orphan-child'], 'domain object freed: list_child_snapshots');
    undef $c3;
    is($child->is_current, 1, 'connection object freed too: is_current');
    $s->revert_to(0);
    is($s->is_current, 1, 'connection object freed: revert_to works');
    is_deeply([$d->get_state], [DOM('STATE_RUNNING'), DOM('STATE_RUNNING_FROM_SNAPSHOT')], 'and the domain was reverted');
    $s->delete(SS('DELETE_CHILDREN'));
    stale_ok($s, 'orphan', 'orphan deleted with no domain or connection object left');
    stale_ok($child, 'orphan-child', 'its child');
}

# The domain itself undefined: the snapshot calls report the domain missing.
{
    my $dx = $c->define_domain("<domain type='test'><name>gone33</name><memory unit='KiB'>262144</memory>"
                               . "<vcpu>1</vcpu><os><type arch='i686'>hvm</type></os></domain>");
    my $s = mksnap($dx, 'lost');
    $dx->undefine(DOM('UNDEFINE_SNAPSHOTS_METADATA'));
    undef $dx;
    is($s->get_name, 'lost', 'domain undefined: get_name');
    for my $call (@calls) {
        virt_error_ok(sub { $call->[1]->($s) }, 'ERR_NO_DOMAIN', 'FROM_TEST', "domain undefined: $call->[0]");
    }
}

is($d->num_of_snapshots, 0, 'no snapshots left on test');

# Objects are freed: making and dropping many of them (live and stale, from
# lists, lookups and failures) does not make the process grow.
SKIP: {
    skip 'no /proc/self/status to read the resident size from', 1 unless -r '/proc/self/status';
    my $rss = sub {
        open(my $f, '<', '/proc/self/status') or return 0;
        while (<$f>) { return $1 if /^VmRSS:\s+(\d+)/ }
        return 0;
    };
    my @keep = map { mksnap($d, "m$_") } 1 .. 10;
    my $gone = mksnap($d, 'mgone');
    $gone->delete;
    my $round = sub {
        my @l = $d->list_all_snapshots;
        my @n = $d->list_snapshot_names;
        my @k = $keep[0]->list_child_snapshots;
        my $p = $keep[5]->get_parent;
        my $x = $d->get_snapshot_by_name('m3');
        eval { $gone->get_xml_description };
        eval { $d->get_snapshot_by_name('nosuch') };
        my $c2 = conn();
        my $d2 = $c2->get_domain_by_name('test');
        my $s2 = $d2->current_snapshot;
    };
    $round->() for 1 .. 300;
    my $before = $rss->();
    $round->() for 1 .. 3000;
    my $grew = $rss->() - $before;
    # 3000 rounds make about 60000 objects; a leak of even one small
    # allocation per object would show as megabytes.
    cmp_ok($grew, '<', 2048, "3000 rounds of object churn: resident size grew by $grew KiB");
    $_->delete for @keep;
}

# Stale objects, objects whose domain and connection objects were freed
# first, and objects in a reference cycle that only global destruction
# frees: the process still exits cleanly.
{
    my ($status, $out) = perl_child(<<'PERL');
use strict;
use warnings;
use Sys::Virt;
our ($C, $D, $S, $T, %CYCLE);
$C = Sys::Virt->new(uri => 'test:///default');
$D = $C->get_domain_by_name('test');
$S = $D->create_snapshot('<domainsnapshot><name>g1</name></domainsnapshot>');
$T = $D->create_snapshot('<domainsnapshot><name>g2</name></domainsnapshot>');
$T->delete;
my $c2 = Sys::Virt->new(uri => 'test:///default');
my $u = $c2->get_domain_by_name('test')->create_snapshot('<domainsnapshot><name>g3</name></domainsnapshot>');
undef $c2;
$CYCLE{self} = \%CYCLE;
$CYCLE{snap} = $u;
$CYCLE{dom} = $u->get_parent;
$CYCLE{conn} = Sys::Virt->new(uri => 'test:///default');
$CYCLE{stale} = $T;
# The connection goes first, then the snapshots at global destruction.
undef $C;
print "ok\n";
PERL
    child_status_ok($status, 'a program leaving snapshot objects to global destruction exits with 0', $out);
    is($out, "ok\n", 'and prints nothing else');
}

done_testing();
