# -*- perl -*-
#
# A snapshot forest with depth and breadth on test:///default, checked node
# by node against a model of the tree kept here (parent links), and the
# domain-level snapshot listing calls.

use strict;
use warnings;

use FindBin;
use lib "$FindBin::Bin/lib";

use Test::More;

use SVTest;

my ($c, $d) = test_domain();

# ---------------------------------------------------------------------------
# The model: parent of every snapshot (undef for a root), and the current one
# ---------------------------------------------------------------------------

my %parent;
my $current;
my %obj;    # name => the object create_snapshot returned

sub create {
    my ($name) = @_;
    $obj{$name} = mksnap($d, $name);
    $parent{$name} = $current;    # a new snapshot hangs under the current one
    $current = $name;
    return $obj{$name};
}

sub revert {
    my ($name) = @_;
    $obj{$name}->revert_to(0);
    $current = $name;
}

sub children {
    my ($name) = @_;
    return grep { defined $parent{$_} && $parent{$_} eq $name } keys %parent;
}

sub descendants {
    my ($name) = @_;
    return map { ($_, descendants($_)) } children($name);
}

sub depth {
    my ($name) = @_;
    my $n = 0;
    $n++ while defined($name = $parent{$name});
    return $n;
}

is($d->num_of_snapshots, 0, 'no snapshots at start');
is($d->has_current_snapshot, 0, 'has_current_snapshot: none at start');
virt_error_ok(sub { $d->current_snapshot }, 'ERR_NO_DOMAIN_SNAPSHOT', 'FROM_TEST', 'current_snapshot without snapshots');
is_deeply([$d->list_snapshot_names], [], 'list_snapshot_names: none');
is_deeply([$d->list_all_snapshots], [], 'list_all_snapshots: none');
is_deeply([$d->list_snapshots], [], 'list_snapshots: none');

# First tree:            s1
#                      /    \
#                    s2      s4
#                   /  \    /  \
#                 s3   s6  s5   s7
#                       |
#                      s8
#                       |
#                      s9
create($_) for qw(s1 s2 s3);
revert('s1');
create($_) for qw(s4 s5);
revert('s2');
create('s6');
revert('s4');
create('s7');
revert('s6');
create($_) for qw(s8 s9);

# Second root, redefined from s1's XML under a new name (so no parent):
#                      r2
#                     /  \
#                   r2a   r2b
#                    |
#                   r2a1
{
    my $x = $obj{s1}->get_xml_description;
    unlike($x, qr/<parent>/, 'a root snapshot has no <parent> in its XML');
    $x =~ s{<name>s1</name>}{<name>r2</name>} or die "no name in s1's XML";
    $obj{r2} = $d->create_snapshot($x, SS('CREATE_REDEFINE', 'CREATE_CURRENT'));
    $parent{r2} = undef;
    $current = 'r2';
}
create('r2a');
revert('r2');
create('r2b');
revert('r2a');
create('r2a1');

my @all = sort keys %parent;
is(scalar @all, 13, 'the model has 13 snapshots');
is_deeply([sort grep { !defined $parent{$_} } @all], [qw(r2 s1)], 'the model has two roots');
is(depth('s9'), 4, 's9 is four levels down');

# ---------------------------------------------------------------------------
# Every node
# ---------------------------------------------------------------------------

for my $name (@all) {
    my $s = $d->get_snapshot_by_name($name);
    isa_ok($s, 'Sys::Virt::DomainSnapshot', "get_snapshot_by_name($name)");
    is($s->get_name, $name, "$name: get_name");
    is($obj{$name}->get_name, $name, "$name: get_name of the created object");

    if (defined $parent{$name}) {
        my $p = $s->get_parent;
        isa_ok($p, 'Sys::Virt::DomainSnapshot', "$name: get_parent");
        is($p->get_name, $parent{$name}, "$name: parent is $parent{$name}");
        is($s->get_parent(0)->get_name, $parent{$name}, "$name: get_parent(0)");
        like($s->get_xml_description, qr{<parent>\s*<name>\Q$parent{$name}\E</name>\s*</parent>}, "$name: XML names the parent");
    } else {
        my $e = virt_error_ok(sub { $s->get_parent }, 'ERR_NO_DOMAIN_SNAPSHOT', 'FROM_TEST', "$name: root has no parent");
        like($e && $e->message, qr/'\Q$name\E' does not have a parent/, "$name: root's error message");
    }

    my $is_cur = $name eq $current ? 1 : 0;
    is($s->is_current, $is_cur, "$name: is_current is $is_cur");
    is($s->is_current(0), $is_cur, "$name: is_current(0)");
    is($s->has_metadata, 1, "$name: has_metadata");
    is($s->has_metadata(0), 1, "$name: has_metadata(0)");
    like($s->get_xml_description, qr{<name>\Q$name\E</name>}, "$name: get_xml_description");

    my @kids = children($name);
    my @desc = descendants($name);
    my $nk = @kids;
    my $nd = @desc;
    is($s->num_of_child_snapshots, $nk, "$name: num_of_child_snapshots() = $nk");
    is($s->num_of_child_snapshots(0), $nk, "$name: num_of_child_snapshots(0) = $nk");
    is($s->num_of_child_snapshots(SS('LIST_DESCENDANTS')), $nd, "$name: num_of_child_snapshots(LIST_DESCENDANTS) = $nd");

    for my $case ([0, \@kids, 'children'], [SS('LIST_DESCENDANTS'), \@desc, 'descendants']) {
        my ($flags, $want, $what) = @$case;
        my $n = @$want;
        my $fl = $flags ? ', LIST_DESCENDANTS' : '';
        same_names([$s->list_child_snapshot_names(undef, $flags)], $want, "$name: list_child_snapshot_names(undef$fl): $what");
        same_names([$s->list_child_snapshot_names($n, $flags)], $want, "$name: list_child_snapshot_names($n$fl) (exact)");
        same_names([$s->list_child_snapshot_names($n + 5, $flags)], $want, "$name: list_child_snapshot_names(" . ($n + 5) . "$fl)");
        same_names([$s->list_child_snapshot_names(2**40, $flags)], $want, "$name: list_child_snapshot_names(2**40$fl)");
        is_deeply([$s->list_child_snapshot_names(0, $flags)], [], "$name: list_child_snapshot_names(0$fl)");
        for my $max (1 .. $n - 1) {
            my @got = $s->list_child_snapshot_names($max, $flags);
            is(scalar @got, $max, "$name: list_child_snapshot_names($max$fl) gives $max of $n");
            my %ok = map { $_ => 1 } @$want;
            is(scalar(grep { $ok{$_} } @got), $max, "$name: list_child_snapshot_names($max$fl): all are $what");
            my %seen;
            is(scalar(grep { !$seen{$_}++ } @got), $max, "$name: list_child_snapshot_names($max$fl): no repeats");
        }
        same_names([names($s->list_all_children($flags))], $want, "$name: list_all_children($flags): $what");
    }
    same_names([$s->list_child_snapshot_names], \@kids, "$name: list_child_snapshot_names() (maxnames missing)");
    same_names([names($s->list_all_children)], \@kids, "$name: list_all_children()");

    my @objs = $s->list_child_snapshots;
    is(scalar(grep { ref $_ eq 'Sys::Virt::DomainSnapshot' } @objs), $nk, "$name: list_child_snapshots gives $nk objects");
    same_names([names(@objs)], [names($s->list_all_children)], "$name: list_child_snapshots names = list_all_children names");
    if (@objs) {
        is($objs[0]->get_parent->get_name, $name, "$name: a child object's parent is $name");
    }
}

# ---------------------------------------------------------------------------
# Domain level
# ---------------------------------------------------------------------------

my $n = @all;
is($d->num_of_snapshots, $n, "num_of_snapshots() = $n");
is($d->num_of_snapshots(0), $n, "num_of_snapshots(0) = $n");
same_names([$d->list_snapshot_names], \@all, 'list_snapshot_names() (maxnames missing)');
same_names([$d->list_snapshot_names(undef)], \@all, 'list_snapshot_names(undef)');
same_names([$d->list_snapshot_names($n)], \@all, "list_snapshot_names($n) (exact)");
same_names([$d->list_snapshot_names(100, 0)], \@all, 'list_snapshot_names(100, 0)');
same_names([$d->list_snapshot_names(2**40)], \@all, 'list_snapshot_names(2**40)');
is_deeply([$d->list_snapshot_names(0)], [], 'list_snapshot_names(0)');
for my $max (1, 2, $n - 1) {
    my @got = $d->list_snapshot_names($max);
    is(scalar @got, $max, "list_snapshot_names($max) gives $max");
    is(scalar(grep { exists $parent{$_} } @got), $max, "list_snapshot_names($max): all are snapshots");
    my %seen;
    is(scalar(grep { !$seen{$_}++ } @got), $max, "list_snapshot_names($max): no repeats");
}
croaks_ok(sub { $d->list_snapshot_names(-1) },
          qr/\ASys::Virt::Domain::list_snapshot_names: argument 'maxnames' must not be negative/, 'list_snapshot_names(-1)');
croaks_ok(sub { $obj{s1}->list_child_snapshot_names(-1) },
          qr/\ASys::Virt::DomainSnapshot::list_child_snapshot_names: argument 'maxnames' must not be negative/,
          'list_child_snapshot_names(-1)');

my @objs = $d->list_all_snapshots;
is(scalar @objs, $n, 'list_all_snapshots: count');
is(scalar(grep { ref $_ eq 'Sys::Virt::DomainSnapshot' } @objs), $n, 'list_all_snapshots: objects');
same_names([names(@objs)], \@all, 'list_all_snapshots: names');
same_names([names($d->list_all_snapshots(0))], \@all, 'list_all_snapshots(0)');
same_names([names($d->list_snapshots)], \@all, 'list_snapshots');
is(scalar(my @tmp = $d->list_snapshots), $n, 'list_snapshots count');

is($d->has_current_snapshot, 1, 'has_current_snapshot');
is($d->has_current_snapshot(0), 1, 'has_current_snapshot(0)');
is($d->current_snapshot->get_name, $current, "current_snapshot is $current");
is($d->current_snapshot(0)->get_name, $current, 'current_snapshot(0)');
virt_error_ok(sub { $d->get_snapshot_by_name('nosuch') }, 'ERR_NO_DOMAIN_SNAPSHOT', 'FROM_TEST', 'get_snapshot_by_name(missing)');
is($d->get_snapshot_by_name('s5', 0)->get_name, 's5', 'get_snapshot_by_name(name, 0)');

# ---------------------------------------------------------------------------
# Sys::Virt::DomainSnapshot->_new
# ---------------------------------------------------------------------------

{
    my $s = Sys::Virt::DomainSnapshot->_new(domain => $d, name => 's7');
    is(ref $s, 'Sys::Virt::DomainSnapshot', '_new(domain, name)');
    is($s->get_parent->get_name, 's4', '_new(domain, name): the right snapshot');
    virt_error_ok(sub { Sys::Virt::DomainSnapshot->_new(domain => $d, name => 'nosuch') },
                  'ERR_NO_DOMAIN_SNAPSHOT', 'FROM_TEST', '_new(domain, missing name)');
    croaks_ok(sub { Sys::Virt::DomainSnapshot->_new(domain => $d) }, qr/\Aname or xml parameters are required at /,
              '_new without name or xml');
    croaks_ok(sub { Sys::Virt::DomainSnapshot->_new(name => 's1') }, qr/\Adomain parameter is required at /,
              '_new without a domain');

    my @w;
    local $SIG{__WARN__} = sub { push @w, @_ };
    my $x = Sys::Virt::DomainSnapshot->_new(domain => $d, xml => snapxml('viaxml', 'made by _new'), flags => 0);
    is(ref $x, 'Sys::Virt::DomainSnapshot', '_new(domain, xml, flags)');
    is($x->get_name, 'viaxml', '_new(domain, xml, flags): name');
    like($x->get_xml_description, qr{<description>made by _new</description>}, '_new(domain, xml, flags): description kept');
    is($x->get_parent->get_name, $current, '_new(domain, xml): child of the current snapshot');
    is($x->is_current, 1, '_new(domain, xml): now current');
    my $y = Sys::Virt::DomainSnapshot->_new(domain => $d, xml => snapxml('viaxml2'));
    is($y->get_parent->get_name, 'viaxml', '_new(domain, xml) without flags');
    is_deeply(\@w, [], '_new(domain, xml) without flags does not warn');
    virt_error_ok(sub { Sys::Virt::DomainSnapshot->_new(domain => $d, xml => snapxml('viaxml')) },
                  'ERR_OPERATION_FAILED', 'FROM_DOMAIN', '_new(domain, xml) with a name in use');

    package My::Snap;
    our @ISA = ('Sys::Virt::DomainSnapshot');
    package main;
    my $m = My::Snap->_new(domain => $d, name => 's2');
    is(ref $m, 'My::Snap', '_new blesses into a subclass');
    is($m->num_of_child_snapshots, 2, 'subclass object works');

    $parent{viaxml} = $current;
    $parent{viaxml2} = 'viaxml';
    $current = 'viaxml2';
}

# ---------------------------------------------------------------------------
# A wide node: more children than the first name buffer holds
# ---------------------------------------------------------------------------

{
    my $W = 70;
    for my $i (1 .. $W) {
        revert('r2b');
        create(sprintf 'w%02d', $i);
    }
    my @w = map { sprintf 'w%02d', $_ } 1 .. $W;
    my $r2b = $obj{r2b};
    is($r2b->num_of_child_snapshots, $W, "wide node: $W children");
    same_names([$r2b->list_child_snapshot_names], \@w, 'wide node: list_child_snapshot_names()');
    same_names([$r2b->list_child_snapshot_names($W)], \@w, "wide node: list_child_snapshot_names($W)");
    same_names([$r2b->list_child_snapshot_names(1000)], \@w, 'wide node: list_child_snapshot_names(1000)');
    for my $max (1, 63, 64, 65, $W - 1) {
        my @got = $r2b->list_child_snapshot_names($max);
        is(scalar @got, $max, "wide node: list_child_snapshot_names($max) gives $max");
        my %seen;
        is(scalar(grep { /\Aw\d\d\z/ && !$seen{$_}++ } @got), $max, "wide node: list_child_snapshot_names($max): distinct children");
    }
    same_names([names($r2b->list_all_children)], \@w, 'wide node: list_all_children');
    same_names([names($r2b->list_child_snapshots)], \@w, 'wide node: list_child_snapshots');

    my @every = sort keys %parent;
    my $total = @every;
    is($d->num_of_snapshots, $total, "domain now has $total snapshots");
    same_names([$d->list_snapshot_names], \@every, 'list_snapshot_names() with more than 64');
    for my $max (63, 64, 65, $total - 1) {
        my @got = $d->list_snapshot_names($max);
        is(scalar @got, $max, "list_snapshot_names($max) of $total");
        my %seen;
        is(scalar(grep { exists $parent{$_} && !$seen{$_}++ } @got), $max, "list_snapshot_names($max): distinct snapshots");
    }
    same_names([$d->list_snapshot_names($total)], \@every, "list_snapshot_names($total) (exact)");
    same_names([names($d->list_all_snapshots)], \@every, 'list_all_snapshots with more than 64');
    same_names([$r2b->list_child_snapshot_names(undef, SS('LIST_DESCENDANTS'))], \@w, 'wide node: descendants');
    same_names([$obj{r2}->list_child_snapshot_names(undef, SS('LIST_DESCENDANTS'))], [descendants('r2')],
               'r2: descendants, the wide node included');
    ok(scalar(grep { /\Aw/ } descendants('r2')) == $W, 'the model agrees: the wide node is under r2');
}

done_testing();
