# -*- perl -*-
#
# Snapshot flags on test:///default: every LIST_* filter, alone and in every
# combination, against a model of the snapshots kept here; CREATE_*,
# DELETE_* and REVERT_* flags and their effect on the tree and the domain.

use strict;
use warnings;

use FindBin;
use lib "$FindBin::Bin/lib";

use Test::More;

use SVTest;

my ($c, $d) = test_domain();

my ($RUNNING, $PAUSED, $SHUTOFF) = (DOM('STATE_RUNNING'), DOM('STATE_PAUSED'), DOM('STATE_SHUTOFF'));
my ($R_SNAP, $P_SNAP, $S_SNAP) =
    (DOM('STATE_RUNNING_FROM_SNAPSHOT'), DOM('STATE_PAUSED_FROM_SNAPSHOT'), DOM('STATE_SHUTOFF_FROM_SNAPSHOT'));

sub state_is {
    my ($dom, $state, $reason, $name) = @_;
    local $Test::Builder::Level = $Test::Builder::Level + 1;
    is_deeply([$dom->get_state], [$state, $reason], $name);
}

# ---------------------------------------------------------------------------
# The model: parent and state ('running', 'paused', 'shutoff') of each
# ---------------------------------------------------------------------------

my (%parent, %state, %obj);
my $current;

sub create {
    my ($name, $flags) = @_;
    my ($st) = $d->get_state;
    $obj{$name} = mksnap($d, $name, $flags);
    $state{$name} = $st == $RUNNING ? 'running' : $st == $PAUSED ? 'paused' : 'shutoff';
    $parent{$name} = $current;
    $current = $name;
}

# Tree (state in brackets):
#   a[running] -+- b[running] --- p[paused] --- off[shutoff]
#               +- c[running] --- h[running, CREATE_HALT] --- off2[shutoff]
#   r[shutoff]  (a second root, redefined)
create('a');
create('b');
$d->suspend;
create('p');
$d->resume;
$d->destroy;
create('off');
$d->create;
$obj{a}->revert_to(0);
$current = 'a';
create('c');
state_is($d, $RUNNING, $R_SNAP, 'domain running before CREATE_HALT');
create('h', SS('CREATE_HALT'));
state_is($d, $SHUTOFF, $S_SNAP, 'CREATE_HALT: the domain is shut off, reason SHUTOFF_FROM_SNAPSHOT');
$state{h} = 'running';    # taken while the domain ran
create('off2');
{
    my $x = $obj{off}->get_xml_description;
    $x =~ s{<name>off</name>}{<name>r</name>} or die;
    $x =~ s{\s*<parent>\s*<name>p</name>\s*</parent>}{} or die "no parent in off's XML";
    $obj{r} = $d->create_snapshot($x, SS('CREATE_REDEFINE'));
    $parent{r} = undef;
    $state{r} = 'shutoff';
}

my @all = sort keys %parent;
for my $n (@all) {
    my ($xs) = $obj{$n}->get_xml_description =~ m{<state>(\w+)</state>};
    is($xs, $state{$n}, "model check: $n was taken in state $state{$n}");
}

sub kids {
    my ($n) = @_;
    return grep { defined $parent{$_} && $parent{$_} eq $n } @all;
}
sub desc {
    my ($n) = @_;
    return map { ($_, desc($_)) } kids($n);
}

my %F = map { $_ => SS($_) } qw(LIST_ROOTS LIST_DESCENDANTS LIST_METADATA LIST_LEAVES LIST_NO_LEAVES
                                LIST_NO_METADATA LIST_INACTIVE LIST_ACTIVE LIST_DISK_ONLY LIST_INTERNAL
                                LIST_EXTERNAL LIST_TOPOLOGICAL);

# Does snapshot $n pass the filter bits of $flags? ($roots: bit 1 means
# LIST_ROOTS, at the domain level; for children it means LIST_DESCENDANTS.)
sub passes {
    my ($n, $flags, $roots) = @_;
    return 0 if $roots && ($flags & $F{LIST_ROOTS}) && defined $parent{$n};
    # leaves group: each flag is a condition of its own
    my $has_kids = kids($n) ? 1 : 0;
    return 0 if ($flags & $F{LIST_LEAVES}) && $has_kids;
    return 0 if ($flags & $F{LIST_NO_LEAVES}) && !$has_kids;
    # metadata group: either flag selects its kind; every snapshot here has metadata
    my $meta = $flags & ($F{LIST_METADATA} | $F{LIST_NO_METADATA});
    return 0 if $meta && !($meta & $F{LIST_METADATA});
    # state group: either flag selects its kind
    my $st = $flags & ($F{LIST_ACTIVE} | $F{LIST_INACTIVE} | $F{LIST_DISK_ONLY});
    if ($st) {
        my $want = $state{$n} eq 'shutoff' ? $F{LIST_INACTIVE} : $F{LIST_ACTIVE};
        return 0 unless $st & $want;
    }
    # location group: every snapshot on the test driver is internal
    my $loc = $flags & ($F{LIST_INTERNAL} | $F{LIST_EXTERNAL});
    return 0 if $loc && !($loc & $F{LIST_INTERNAL});
    return 1;
}

sub flag_names {
    my ($flags, $roots) = @_;
    my @n;
    for my $k (sort { $F{$a} <=> $F{$b} } keys %F) {
        next if $k eq ($roots ? 'LIST_DESCENDANTS' : 'LIST_ROOTS');
        push @n, $k if $flags & $F{$k};
    }
    return @n ? join('|', @n) : '0';
}

# Every parent listed before its children.
sub topological_ok {
    my @names = @_;
    my %pos;
    @pos{@names} = 0 .. $#names;
    for my $n (@names) {
        my $p = $parent{$n};
        return 0 if defined $p && exists $pos{$p} && $pos{$p} > $pos{$n};
    }
    return 1;
}

# ---------------------------------------------------------------------------
# Single filters and pairs, one assertion each; every combination at once
# ---------------------------------------------------------------------------

my @bits = map { $F{$_} } qw(LIST_ROOTS LIST_METADATA LIST_LEAVES LIST_NO_LEAVES LIST_NO_METADATA
                             LIST_INACTIVE LIST_ACTIVE LIST_DISK_ONLY LIST_INTERNAL LIST_EXTERNAL LIST_TOPOLOGICAL);

my @some = (0);
for my $i (0 .. $#bits) {
    push @some, $bits[$i];
    push @some, $bits[$i] | $bits[$_] for $i + 1 .. $#bits;
}

for my $flags (@some) {
    my $fn = flag_names($flags, 1);
    my @want = grep { passes($_, $flags, 1) } @all;
    my $n = @want;
    is($d->num_of_snapshots($flags), $n, "num_of_snapshots($fn) = $n");
    same_names([$d->list_snapshot_names(undef, $flags)], \@want, "list_snapshot_names(undef, $fn)");
    same_names([names($d->list_all_snapshots($flags))], \@want, "list_all_snapshots($fn)");
}

{
    my @bad;
    for my $flags (0 .. 2**@bits - 1) {
        my $f = 0;
        for my $i (0 .. $#bits) { $f |= $bits[$i] if $flags & (1 << $i) }
        my $want = join ',', grep { passes($_, $f, 1) } @all;
        my $num = $d->num_of_snapshots($f);
        my $names = join ',', sorted($d->list_snapshot_names(undef, $f));
        my @objs = $d->list_all_snapshots($f);
        my $all = join ',', sorted(names(@objs));
        my $nw = grep { length } split /,/, $want;
        push @bad, flag_names($f, 1) . ": want [$want], num $num, names [$names], all [$all]"
            unless $num == $nw && $names eq $want && $all eq $want;
        push @bad, flag_names($f, 1) . ': not topological' if ($f & $F{LIST_TOPOLOGICAL}) && !topological_ok(names(@objs));
    }
    is(scalar @bad, 0, 'all ' . 2**@bits . ' filter combinations on the domain agree with the model');
    diag($_) for @bad[0 .. ($#bad < 9 ? $#bad : 9)];
}

# Children of every snapshot, with and without LIST_DESCENDANTS.
{
    my @bad;
    my $checked = 0;
    for my $n (@all) {
        my $s = $obj{$n};
        for my $flags (0 .. 2**@bits - 1) {
            my $f = 0;
            for my $i (0 .. $#bits) { $f |= $bits[$i] if $flags & (1 << $i) }
            # $f's bit 1 is LIST_DESCENDANTS here
            my @base = ($f & $F{LIST_DESCENDANTS}) ? desc($n) : kids($n);
            my $want = join ',', sorted(grep { passes($_, $f, 0) } @base);
            my $nw = grep { length } split /,/, $want;
            my $num = $s->num_of_child_snapshots($f);
            my $names = join ',', sorted($s->list_child_snapshot_names(undef, $f));
            my @objs = $s->list_all_children($f);
            my $all = join ',', sorted(names(@objs));
            $checked++;
            push @bad, "$n " . flag_names($f, 0) . ": want [$want], num $num, names [$names], all [$all]"
                unless $num == $nw && $names eq $want && $all eq $want;
            push @bad, "$n " . flag_names($f, 0) . ': not topological'
                if ($f & $F{LIST_TOPOLOGICAL}) && !topological_ok(names(@objs));
        }
    }
    is(scalar @bad, 0, "children: all $checked snapshot/filter combinations agree with the model");
    diag($_) for @bad[0 .. ($#bad < 9 ? $#bad : 9)];
}

# A few children cases spelled out.
same_names([$obj{a}->list_child_snapshot_names(undef, SS('LIST_LEAVES'))], [], 'a: no child is a leaf');
same_names([$obj{a}->list_child_snapshot_names(undef, SS('LIST_DESCENDANTS', 'LIST_LEAVES'))], [qw(off off2)],
           'a: leaves among descendants');
same_names([$obj{a}->list_child_snapshot_names(undef, SS('LIST_DESCENDANTS', 'LIST_INACTIVE'))], [qw(off off2)],
           'a: inactive descendants');
same_names([$obj{c}->list_child_snapshot_names(undef, SS('LIST_DESCENDANTS', 'LIST_NO_LEAVES'))], [qw(h)],
           'c: descendants with children');
same_names([$obj{a}->list_child_snapshot_names(undef, SS('LIST_DESCENDANTS', 'LIST_ACTIVE'))], [qw(b c h p)],
           'a: active descendants');
same_names([$obj{a}->list_child_snapshot_names(1, SS('LIST_DESCENDANTS', 'LIST_INACTIVE')) ? 'one' : ()], ['one'],
           'a: list_child_snapshot_names(1, DESCENDANTS|INACTIVE) gives one');
is(scalar(my @one = $d->list_snapshot_names(1, SS('LIST_INACTIVE'))), 1, 'list_snapshot_names(1, LIST_INACTIVE) gives one');
ok(passes($one[0], SS('LIST_INACTIVE'), 1), 'and it is inactive');

# Topological order, explicitly.
{
    my @topo = names($d->list_all_snapshots(SS('LIST_TOPOLOGICAL')));
    same_names(\@topo, \@all, 'LIST_TOPOLOGICAL lists every snapshot');
    ok(topological_ok(@topo), 'list_all_snapshots(LIST_TOPOLOGICAL): parents first') or diag("@topo");
    my @tn = $d->list_snapshot_names(undef, SS('LIST_TOPOLOGICAL'));
    ok(topological_ok(@tn), 'list_snapshot_names(LIST_TOPOLOGICAL): parents first') or diag("@tn");
    my @tc = $obj{a}->list_child_snapshot_names(undef, SS('LIST_DESCENDANTS', 'LIST_TOPOLOGICAL'));
    same_names(\@tc, [desc('a')], 'a: topological descendants');
    ok(topological_ok(@tc), 'list_child_snapshot_names(DESCENDANTS|TOPOLOGICAL): parents first') or diag("@tc");
    my @to = names($obj{a}->list_all_children(SS('LIST_DESCENDANTS', 'LIST_TOPOLOGICAL')));
    ok(topological_ok(@to), 'list_all_children(DESCENDANTS|TOPOLOGICAL): parents first') or diag("@to");
    my @roots = names($d->list_all_snapshots(SS('LIST_ROOTS', 'LIST_TOPOLOGICAL')));
    same_names(\@roots, [qw(a r)], 'LIST_ROOTS|LIST_TOPOLOGICAL');
}

# ---------------------------------------------------------------------------
# CREATE_* flags
# ---------------------------------------------------------------------------

$d->create;
$obj{c}->revert_to(0);
$current = 'c';
state_is($d, $RUNNING, $R_SNAP, 'revert to c: running');

# CREATE_REDEFINE round trip
{
    my $xml = $obj{off2}->get_xml_description;
    my $cur = $d->current_snapshot->get_name;
    $obj{off2}->delete;
    virt_error_ok(sub { $d->get_snapshot_by_name('off2') }, 'ERR_NO_DOMAIN_SNAPSHOT', 'FROM_TEST', 'off2 deleted');
    my $back = $d->create_snapshot($xml, SS('CREATE_REDEFINE'));
    is($back->get_name, 'off2', 'CREATE_REDEFINE: name');
    is($back->get_xml_description, $xml, 'CREATE_REDEFINE: the XML comes back unchanged');
    is($back->get_parent->get_name, 'h', 'CREATE_REDEFINE: parent restored');
    is($back->is_current, 0, 'CREATE_REDEFINE alone does not make it current');
    is($d->current_snapshot->get_name, $cur, 'current snapshot unchanged by CREATE_REDEFINE');
    state_is($d, $RUNNING, $R_SNAP, 'CREATE_REDEFINE does not touch the domain');
    is($obj{h}->num_of_child_snapshots, 1, 'h has its child back');

    # redefining an existing snapshot replaces its definition
    (my $x2 = $xml) =~ s{<name>off2</name>}{<name>off2</name>\n  <description>redefined</description>};
    my $re = $d->create_snapshot($x2, SS('CREATE_REDEFINE'));
    like($re->get_xml_description, qr{<description>redefined</description>}, 'CREATE_REDEFINE over an existing snapshot');
    like($obj{off2}->get_xml_description, qr{<description>redefined</description>}, 'the old object sees the new definition');

    # CREATE_CURRENT with CREATE_REDEFINE
    my $cc = $d->create_snapshot($xml, SS('CREATE_REDEFINE', 'CREATE_CURRENT'));
    is($cc->is_current, 1, 'CREATE_REDEFINE|CREATE_CURRENT: current');
    is($d->current_snapshot->get_name, 'off2', 'current_snapshot follows CREATE_CURRENT');
    is($obj{$cur}->is_current, 0, "$cur is no longer current");
    state_is($d, $RUNNING, $R_SNAP, 'CREATE_CURRENT does not touch the domain');
    virt_error_ok(sub { $d->create_snapshot(snapxml('cur'), SS('CREATE_CURRENT')) }, 'ERR_INVALID_ARG', 'FROM_DOMAIN_SNAPSHOT',
                  'CREATE_CURRENT without CREATE_REDEFINE');
    virt_error_ok(sub { $d->create_snapshot(snapxml('nodom'), SS('CREATE_REDEFINE')) }, 'ERR_INTERNAL_ERROR', 'FROM_DOMAIN_SNAPSHOT',
                  'CREATE_REDEFINE of XML that never came from a snapshot');
    $obj{c}->revert_to(0);
    $current = 'c';
}

# CREATE_VALIDATE, CREATE_LIVE, CREATE_ATOMIC, CREATE_QUIESCE: accepted; the
# new snapshot is the child of the current one and the domain keeps running.
for my $f (qw(CREATE_VALIDATE CREATE_LIVE CREATE_ATOMIC CREATE_QUIESCE)) {
    my $name = lc $f;
    my $s = mksnap($d, $name, SS($f));
    is($s->get_name, $name, "$f: created");
    is($s->get_parent->get_name, $current, "$f: child of $current");
    is($s->is_current, 1, "$f: current");
    state_is($d, $RUNNING, $R_SNAP, "$f: domain still running");
    $s->delete;
}
{
    $d->suspend;
    my $s = mksnap($d, 'livepaused', SS('CREATE_LIVE'));
    like($s->get_xml_description, qr{<state>paused</state>}, 'CREATE_LIVE of a paused domain');
    state_is($d, $PAUSED, DOM('STATE_PAUSED_USER'), 'CREATE_LIVE leaves a paused domain paused');
    $d->resume;
    $s->delete;
}

# CREATE_HALT of a running domain (its snapshot records "running"), then revert.
{
    $obj{c}->revert_to(0);
    my $s = mksnap($d, 'halt2', SS('CREATE_HALT'));
    state_is($d, $SHUTOFF, $S_SNAP, 'CREATE_HALT: shut off');
    is($d->is_active, 0, 'CREATE_HALT: not active');
    is($d->get_id, -1, 'CREATE_HALT: no id');
    like($s->get_xml_description, qr{<state>running</state>}, 'CREATE_HALT: snapshot state is running');
    $s->revert_to(0);
    state_is($d, $RUNNING, $R_SNAP, 'revert to the halted snapshot: running again');
    $s->delete;
}

# ---------------------------------------------------------------------------
# REVERT_* flags: from each starting state, to each kind of snapshot
# ---------------------------------------------------------------------------

{
    my %start = (
        running => sub { $obj{c}->revert_to(SS('REVERT_RUNNING')) },
        paused  => sub { $obj{c}->revert_to(SS('REVERT_PAUSED')) },
        shutoff => sub { $obj{r}->revert_to(0) },
    );
    my %code = (running => [$RUNNING, $R_SNAP], paused => [$PAUSED, $P_SNAP], shutoff => [$SHUTOFF, $S_SNAP]);
    for my $target (qw(b p off)) {    # running, paused and shutoff snapshots
        for my $flag (qw(0 REVERT_RUNNING REVERT_PAUSED REVERT_FORCE)) {
            for my $from (qw(running paused shutoff)) {
                $start{$from}->();
                is(($d->get_state)[0], $code{$from}[0], "start $from");
                my $fl = $flag ? SS($flag) : 0;
                $obj{$target}->revert_to($fl);
                # A running or paused snapshot comes back in its own state
                # unless REVERT_RUNNING/REVERT_PAUSED say otherwise. The test
                # driver leaves the domain shut off after reverting to a
                # shut-off snapshot, whatever the flags.
                my $want = $state{$target};
                if ($want ne 'shutoff') {
                    $want = 'running' if $flag eq 'REVERT_RUNNING';
                    $want = 'paused'  if $flag eq 'REVERT_PAUSED';
                }
                state_is($d, @{ $code{$want} }, "revert $target ($state{$target}) with " . ($flag || 0) . " from $from: $want");
                is($d->current_snapshot->get_name, $target, "revert $target: now current");
            }
        }
    }
    virt_error_ok(sub { $obj{b}->revert_to(SS('REVERT_RUNNING', 'REVERT_PAUSED')) }, 'ERR_INVALID_ARG', 'FROM_DOMAIN_SNAPSHOT',
                  'REVERT_RUNNING|REVERT_PAUSED');
    is(scalar($obj{b}->revert_to), undef, 'revert_to() returns nothing');
    state_is($d, $RUNNING, $R_SNAP, 'revert_to() without flags');
    $obj{b}->revert_to(SS('REVERT_RUNNING', 'REVERT_FORCE'));
    state_is($d, $RUNNING, $R_SNAP, 'REVERT_RUNNING|REVERT_FORCE');
}

# A snapshot of a shut-off domain, reverted to.
{
    $d->destroy;
    state_is($d, $SHUTOFF, DOM('STATE_SHUTOFF_DESTROYED'), 'domain destroyed');
    my $s = mksnap($d, 'cold');
    like($s->get_xml_description, qr{<state>shutoff</state>}, 'snapshot of a shut-off domain records shutoff');
    is($d->num_of_snapshots(SS('LIST_INACTIVE')), grep({ $state{$_} eq 'shutoff' } @all) + 1, 'it is listed as inactive');
    $d->create;
    state_is($d, $RUNNING, DOM('STATE_RUNNING_BOOTED'), 'domain started');
    $s->revert_to(0);
    state_is($d, $SHUTOFF, $S_SNAP, 'revert to the shut-off snapshot stops the domain');
    is($s->is_current, 1, 'and makes it current');
    $s->delete;
    $d->create;
}

# ---------------------------------------------------------------------------
# DELETE_* flags, on a domain of its own
# ---------------------------------------------------------------------------

{
    my $dx = $c->define_domain("<domain type='test'><name>del31</name><memory unit='KiB'>262144</memory>"
                               . "<vcpu>1</vcpu><os><type arch='i686'>hvm</type></os></domain>");
    my (%p, %o);
    my $cur;
    my $mk = sub { my $n = shift; $o{$n} = mksnap($dx, $n); $p{$n} = $cur; $cur = $n };
    my $rv = sub { my $n = shift; $o{$n}->revert_to(0); $cur = $n };
    my $alive = sub { sorted(keys %p) };
    my $sub_of;
    $sub_of = sub { my $n = shift; map { ($_, $sub_of->($_)) } grep { defined $p{$_} && $p{$_} eq $n } keys %p };
    # Deletion: which names go, and the current snapshot moves to the
    # nearest ancestor still there.
    my $drop = sub {
        my @gone = @_;
        my %g = map { $_ => 1 } @gone;
        if (defined $cur && $g{$cur}) {
            my $a = $cur;
            $a = $p{$a} while defined $a && $g{$a};
            $cur = $a;
        }
        for my $n (keys %p) {    # children of a deleted snapshot move up
            next if $g{$n};
            my $a = $p{$n};
            $a = $p{$a} while defined $a && $g{$a};
            $p{$n} = $a;
        }
        delete @p{@gone};
    };
    my $check = sub {
        my $what = shift;
        local $Test::Builder::Level = $Test::Builder::Level + 1;
        same_names([$dx->list_snapshot_names], [$alive->()], "$what: remaining snapshots");
        for my $n ($alive->()) {
            my $s = $dx->get_snapshot_by_name($n);
            if (defined $p{$n}) {
                is($s->get_parent->get_name, $p{$n}, "$what: parent of $n is $p{$n}");
            } else {
                ok(!eval { $s->get_parent; 1 }, "$what: $n is a root");
            }
        }
        if (defined $cur) {
            is($dx->current_snapshot->get_name, $cur, "$what: current is $cur");
        } else {
            is($dx->has_current_snapshot, 0, "$what: no current snapshot");
        }
    };

    #   x1 - x2 - x3 - x4
    #         \- y1 - y2
    #              \- z1
    $mk->($_) for qw(x1 x2 x3 x4);
    $rv->('x2');
    $mk->($_) for qw(y1 y2);
    $rv->('y1');
    $mk->('z1');
    $rv->('y2');
    $check->('built');

    virt_error_ok(sub { $o{x2}->delete(SS('DELETE_CHILDREN', 'DELETE_CHILDREN_ONLY')) }, 'ERR_INVALID_ARG', 'FROM_DOMAIN_SNAPSHOT',
                  'DELETE_CHILDREN|DELETE_CHILDREN_ONLY');
    $check->('after the refused delete');

    # DELETE_CHILDREN_ONLY on y1: y2 (current) and z1 go, y1 stays and becomes current
    is(scalar($o{y1}->delete(SS('DELETE_CHILDREN_ONLY'))), undef, 'delete(DELETE_CHILDREN_ONLY) returns nothing');
    $drop->($sub_of->('y1'));
    $check->('y1 DELETE_CHILDREN_ONLY');
    is($o{y1}->num_of_child_snapshots, 0, 'y1 has no children left');
    is($o{y1}->get_name, 'y1', 'y1 object still fine');

    # plain delete of x3 (a middle node): x4 moves up to x2
    $rv->('x4');
    $o{x3}->delete(0);
    $drop->('x3');
    $check->('x3 deleted');

    # DELETE_CHILDREN on x2: x2 and everything below go; x1 becomes current
    $o{x2}->delete(SS('DELETE_CHILDREN'));
    $drop->('x2', $sub_of->('x2'));
    $check->('x2 DELETE_CHILDREN');
    is($cur, 'x1', 'the model moved current to x1');

    # DELETE_CHILDREN_ONLY on a leaf: nothing changes
    $o{x1}->delete(SS('DELETE_CHILDREN_ONLY'));
    $check->('x1 DELETE_CHILDREN_ONLY on a leaf');

    # DELETE_CHILDREN on the last root: nothing left
    $o{x1}->delete(SS('DELETE_CHILDREN'));
    $drop->('x1');
    $check->('x1 DELETE_CHILDREN');
    is($dx->num_of_snapshots, 0, 'no snapshots left');

    virt_error_ok(sub { $o{x1}->delete(SS('DELETE_CHILDREN')) }, 'ERR_NO_DOMAIN_SNAPSHOT', 'FROM_TEST', 'deleting again');
    $dx->undefine;
}

done_testing();
