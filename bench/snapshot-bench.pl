#!/usr/bin/perl
# Benchmark worker for Sys::Virt: snapshots, networks, storage pools and
# volumes, domain statistics, typed parameters, domain and node queries.
#
# bench/run starts this script twice, once with the installed reference
# module and once with our build (-Mblib), plus bench/floor.c's program,
# and sends the same requests to each. It is not meant to be run by hand,
# but it can be:
#
#   perl -Mblib=/work/main/blib bench/snapshot-bench.pl --serve --trees 1000
#   > run one.get_name 1000
#   ok 0.000412 18432 18432
#
# Modes:
#   --serve            read "run CASE N" / "cases" / "quit" lines on stdin,
#                      answer "ok CPU_SECONDS RSS_KB_BEFORE RSS_KB_AFTER",
#                      "na" for an unknown case, or "error MESSAGE".
#   --callgrind PLAN   PLAN is CASE:N,CASE:N,...; for each entry run the case
#                      N times (a warm-up), N times again and then 2N times,
#                      with getppid() called just
#                      before and just after each timed body, so that
#                      valgrind --tool=callgrind --dump-before=getppid writes
#                      one profile per timed body. Fixtures are built with
#                      instrumentation off (--instr-atstart=no), which is
#                      switched on afterwards with callgrind_control.
# Common options:
#   --list             print the case names and exit
#   --trees LIST       tree sizes to build (default 1000,10000)
#   --objects N        storage pools and volumes to make (default 10000)
#   --networks N       networks to make (default 2000; see bench/README.md)
#
# Every case runs on the test driver's private in-process state of
# test:///default, so each process has fixtures of its own.

use strict;
use warnings;

use POSIX ();
use Time::HiRes qw(clock_gettime CLOCK_PROCESS_CPUTIME_ID);
use Sys::Virt;

$| = 1;

my %opt = (trees => '1000,10000', objects => 10000, networks => 2000);
while (@ARGV) {
    my $a = shift @ARGV;
    if    ($a eq '--serve')     { $opt{serve} = 1 }
    elsif ($a eq '--callgrind') { $opt{callgrind} = shift @ARGV }
    elsif ($a eq '--trees')     { $opt{trees} = shift @ARGV }
    elsif ($a eq '--objects')   { $opt{objects} = shift @ARGV }
    elsif ($a eq '--networks')  { $opt{networks} = shift @ARGV }
    elsif ($a eq '--list')      { $opt{list} = 1 }
    else { die "snapshot-bench.pl: unknown argument '$a'\n" }
}
die "snapshot-bench.pl: give --serve, --callgrind PLAN or --list\n"
    unless $opt{serve} || $opt{list} || defined $opt{callgrind};

my $LIST_DESCENDANTS = Sys::Virt::DomainSnapshot::LIST_DESCENDANTS();
my $DELETE_CHILDREN  = Sys::Virt::DomainSnapshot::DELETE_CHILDREN();
my $CREATE_REDEFINE  = Sys::Virt::DomainSnapshot::CREATE_REDEFINE();
my $ALL_CPUS         = Sys::Virt::NODE_CPU_STATS_ALL_CPUS();

my $PAGE_KB = (eval { POSIX::sysconf(POSIX::_SC_PAGESIZE()) } || 4096) / 1024;
sub rss_kb {
    open my $fh, '<', '/proc/self/statm' or return 0;
    my (undef, $resident) = split ' ', scalar <$fh>;
    return $resident * $PAGE_KB;
}

sub cpu { clock_gettime(CLOCK_PROCESS_CPUTIME_ID) }

# ------------------------------------------------------------- fixtures

my $conn = Sys::Virt->new(uri => 'test:///default');
my $test = $conn->get_domain_by_name('test');

# The template for our own domains: the test domain, renamed, without uuid.
my $dom_xml = $test->get_xml_description;
$dom_xml =~ s{\s*<uuid>[^<]*</uuid>}{};

sub new_domain {
    my ($name) = @_;
    (my $xml = $dom_xml) =~ s{<name>test</name>}{<name>$name</name>} or die "no <name> in the test domain\n";
    return $conn->create_domain($xml);
}

sub snap_xml { "<domainsnapshot><name>$_[0]</name></domainsnapshot>" }

# 'test': a chain one-a <- one-b <- one-c; the cheap calls use one-b,
# which has a parent and a child and is not current.
$test->create_snapshot(snap_xml($_)) for qw(one-a one-b one-c);
my $one = $test->get_snapshot_by_name('one-b');

# Snapshots created by the create_snapshot case go to a domain of their own.
my $create_dom = new_domain('bench-create');
my $create_seq = 0;

# Trees: deep = a chain of N (each the child of the one before),
# wide = one root with N-1 children (made with CREATE_REDEFINE, which lets
# the XML name the parent; plain creation always hangs the new snapshot
# under the current one).
my %tree;
sub build_tree {
    my ($shape, $size) = @_;
    my $key = "$shape" . ($size >= 1000 && $size % 1000 == 0 ? ($size / 1000) . 'k' : $size);
    return if $tree{$key};
    my $dom = new_domain("bench-$key");
    my $root;
    if ($shape eq 'deep') {
        for my $i (1 .. $size) {
            my $s = $dom->create_snapshot(snap_xml("d$i"));
            $root = $s if $i == 1;
        }
    } else {
        $root = $dom->create_snapshot(snap_xml('w0'));
        my $xml = $root->get_xml_description;
        my ($pre, $post) = $xml =~ m{^(.*?)<name>w0</name>(.*)$}s or die "no <name> in the snapshot XML\n";
        for my $i (1 .. $size - 1) {
            $dom->create_snapshot("$pre<name>w$i</name><parent><name>w0</name></parent>$post", $CREATE_REDEFINE);
        }
    }
    my $count = $dom->num_of_snapshots;
    die "tree $key has $count snapshots, not $size\n" unless $count == $size;
    $tree{$key} = { dom => $dom, root => $root, count => $count };
}

# ---------------------------------------------------------------- cases
#
# Each case: body($n) runs the operation $n times; prep($n) and cleanup($n)
# run untimed around it. The loop shapes are the same for both modules.

my (%case, @order);
sub add_case {
    my ($name, %c) = @_;
    push @order, $name;
    $case{$name} = \%c;
}

my $held;    # state handed from prep to body to cleanup

add_case('one.get_name', body => sub {
    my ($n, $s, $x) = ($_[0], $one);
    $x = $s->get_name for 1 .. $n;
});
add_case('one.is_current', body => sub {
    my ($n, $s, $x) = ($_[0], $one);
    $x = $s->is_current for 1 .. $n;
});
add_case('one.has_metadata', body => sub {
    my ($n, $s, $x) = ($_[0], $one);
    $x = $s->has_metadata for 1 .. $n;
});
add_case('one.num_of_child_snapshots', body => sub {
    my ($n, $s, $x) = ($_[0], $one);
    $x = $s->num_of_child_snapshots for 1 .. $n;
});
add_case('one.get_parent', body => sub {
    my ($n, $s, $x) = ($_[0], $one);
    $x = $s->get_parent for 1 .. $n;
});
add_case('one.get_xml_description', body => sub {
    my ($n, $s, $x) = ($_[0], $one);
    $x = $s->get_xml_description for 1 .. $n;
});
add_case('dom.get_snapshot_by_name', body => sub {
    my ($n, $d, $x) = ($_[0], $test);
    $x = $d->get_snapshot_by_name('one-b') for 1 .. $n;
});
add_case('dom.get_snapshot_by_name_missing', body => sub {
    my ($n, $d) = ($_[0], $test);
    for (1 .. $n) {
        eval { $d->get_snapshot_by_name('no-such-snapshot') };
    }
    die "the missing snapshot was found\n" unless ref $@;
    $@ = '';
});
add_case('dom.create_snapshot',
    prep => sub {
        my $first = $create_seq;
        $held = { first => "c$first", xml => [map { snap_xml('c' . $create_seq++) } 1 .. $_[0]] };
    },
    body => sub {
        my ($d, $x) = ($create_dom);
        $x = $d->create_snapshot($_) for @{ $held->{xml} };
    },
    cleanup => sub {
        # Each new snapshot became the child of the one before it.
        $create_dom->get_snapshot_by_name($held->{first})->delete($DELETE_CHILDREN);
        $held = undef;
        my $left = $create_dom->num_of_snapshots;
        die "create_snapshot left $left snapshots\n" if $left;
    });

my @tree_keys;
for my $size (split /,/, $opt{trees}) {
    for my $shape (qw(deep wide)) {
        my $key = "$shape" . ($size % 1000 == 0 ? ($size / 1000) . 'k' : $size);
        push @tree_keys, [$key, $shape, $size];
        my $t = sub { $tree{$key} or die "tree $key was not built\n" };
        add_case("$key.list_all_snapshots", tree => $key, body => sub {
            my ($n, $d) = ($_[0], $t->()->{dom});
            for (1 .. $n) { my @l = $d->list_all_snapshots; }
        });
        add_case("$key.drop_objects", tree => $key,
            prep => sub {
                my $d = $t->()->{dom};
                $held = [map { [$d->list_all_snapshots] } 1 .. $_[0]];
            },
            body => sub { $held = undef });
        add_case("$key.list_snapshot_names", tree => $key, body => sub {
            # Always the exact count: the reference overruns its buffer
            # when maxnames is smaller than the number of snapshots.
            my ($n, $d, $c) = ($_[0], $t->()->{dom}, $t->()->{count});
            for (1 .. $n) { my @l = $d->list_snapshot_names($c); }
        });
        add_case("$key.list_all_children", tree => $key, body => sub {
            my ($n, $r, $f) = ($_[0], $t->()->{root}, $LIST_DESCENDANTS);
            for (1 .. $n) { my @l = $r->list_all_children($f); }
        });
        add_case("$key.num_of_snapshots", tree => $key, body => sub {
            my ($n, $d, $x) = ($_[0], $t->()->{dom});
            $x = $d->num_of_snapshots for 1 .. $n;
        });
    }
}

# Churn: one unit is 1000 objects (lookups by name over the 1000-snapshot
# chain, each object dropped when the next replaces it), or 1000 failing
# lookups, each error object dropped by the next eval.
my $churn_tree = 'deep1k';
push @tree_keys, ['deep1k', 'deep', 1000] unless grep { $_->[0] eq 'deep1k' } @tree_keys;
my @churn_names = map { "d$_" } 1 .. 1000;
add_case('churn.objects', tree => $churn_tree, body => sub {
    my ($n, $d, $x) = ($_[0], $tree{$churn_tree}{dom});
    for (1 .. $n) {
        $x = $d->get_snapshot_by_name($_) for @churn_names;
    }
});
add_case('churn.errors', body => sub {
    my ($n, $d) = ($_[0], $test);
    for (1 .. $n * 1000) {
        eval { $d->get_snapshot_by_name('no-such-snapshot') };
    }
    $@ = '';
});

# Networks, storage pools and volumes, domains for the statistics, and
# the calls on one domain and on the node. Each group of fixtures is made
# only when a chosen case needs it.
#
# nets:  N networks bn1..bnN, all running (list_networks names only the
#        running ones), plus the test driver's 'default'
# pools: N storage pools bp1..bpN, defined and not started, plus the
#        running 'default-pool'
# vols:  N volumes bv1..bvN in 'default-pool'
# doms:  1,000 running domains bench-s1..bench-s1000 beside the others
my $STATS_DOMAINS = 1000;
my (%built, %fixture_count, $vol_pool);
my $mid_net  = 'bn' . int(($opt{networks} + 1) / 2);
my $mid_pool = 'bp' . int(($opt{objects} + 1) / 2);
my $mid_vol  = 'bv' . int(($opt{objects} + 1) / 2);
sub build_fixture {
    my ($what) = @_;
    return if $built{$what}++;
    if ($what eq 'nets') {
        $conn->create_network("<network><name>bn$_</name></network>") for 1 .. $opt{networks};
        $fixture_count{nets} = $opt{networks} + 1;
    } elsif ($what eq 'pools') {
        $conn->define_storage_pool("<pool type='dir'><name>bp$_</name><target><path>/bench/bp$_</path></target></pool>")
            for 1 .. $opt{objects};
        $fixture_count{pools} = $opt{objects};
    } elsif ($what eq 'vols') {
        $vol_pool = $conn->get_storage_pool_by_name('default-pool');
        $vol_pool->create_volume("<volume><name>bv$_</name><capacity>1048576</capacity></volume>") for 1 .. $opt{objects};
        $fixture_count{vols} = $opt{objects};
    } elsif ($what eq 'doms') {
        new_domain("bench-s$_") for 1 .. $STATS_DOMAINS;
    } else {
        die "no fixture '$what'\n";
    }
}

add_case('net.list_all_networks', needs => 'nets', body => sub {
    my ($n, $c) = ($_[0], $conn);
    for (1 .. $n) { my @l = $c->list_all_networks; }
});
add_case('net.list_networks', needs => 'nets', body => sub {
    my ($n, $c) = ($_[0], $conn);
    for (1 .. $n) { my @l = $c->list_networks; }
});
# The test driver finds a network by name with a linear search in the
# order of a hash table whose seed is random per process, so one name
# costs each process a different amount; one operation here is a lookup
# of every one of the N names (dropping each object at once), whose sum
# does not depend on the order.
my @net_names = map { "bn$_" } 1 .. $opt{networks};
add_case('net.get_network_by_name', needs => 'nets', body => sub {
    my ($n, $c, $x) = ($_[0], $conn);
    for (1 .. $n) {
        $x = $c->get_network_by_name($_) for @net_names;
    }
});
add_case('pool.list_all_storage_pools', needs => 'pools', body => sub {
    my ($n, $c) = ($_[0], $conn);
    for (1 .. $n) { my @l = $c->list_all_storage_pools; }
});
add_case('pool.list_defined_storage_pools', needs => 'pools', body => sub {
    my ($n, $c) = ($_[0], $conn);
    for (1 .. $n) { my @l = $c->list_defined_storage_pools; }
});
add_case('pool.get_storage_pool_by_name', needs => 'pools', body => sub {
    my ($n, $c, $x) = ($_[0], $conn);
    $x = $c->get_storage_pool_by_name($mid_pool) for 1 .. $n;
});
add_case('vol.list_all_volumes', needs => 'vols', body => sub {
    my ($n, $p) = ($_[0], $vol_pool);
    for (1 .. $n) { my @l = $p->list_all_volumes; }
});
add_case('vol.list_volumes', needs => 'vols', body => sub {
    my ($n, $p) = ($_[0], $vol_pool);
    for (1 .. $n) { my @l = $p->list_volumes; }
});
add_case('vol.get_volume_by_name', needs => 'vols', body => sub {
    my ($n, $p, $x) = ($_[0], $vol_pool);
    $x = $p->get_volume_by_name($mid_vol) for 1 .. $n;
});
add_case('stats.get_all_domain_stats', needs => 'doms', body => sub {
    my ($n, $c) = ($_[0], $conn);
    for (1 .. $n) { my @l = $c->get_all_domain_stats(0); }
});
add_case('dom.get_info', body => sub {
    my ($n, $d, $x) = ($_[0], $test);
    $x = $d->get_info for 1 .. $n;
});
add_case('dom.get_scheduler_parameters', body => sub {
    my ($n, $d, $x) = ($_[0], $test);
    $x = $d->get_scheduler_parameters for 1 .. $n;
});
add_case('dom.set_scheduler_parameters', body => sub {
    my ($n, $d, $p) = ($_[0], $test, { weight => 50 });
    $d->set_scheduler_parameters($p) for 1 .. $n;
});
add_case('dom.get_memory_parameters', body => sub {
    my ($n, $d, $x) = ($_[0], $test);
    $x = $d->get_memory_parameters for 1 .. $n;
});
add_case('node.get_node_info', body => sub {
    my ($n, $c, $x) = ($_[0], $conn);
    $x = $c->get_node_info for 1 .. $n;
});
add_case('node.get_node_cpu_stats', body => sub {
    my ($n, $c, $x, $cpu) = ($_[0], $conn, undef, $ALL_CPUS);
    $x = $c->get_node_cpu_stats($cpu) for 1 .. $n;
});

# Checks that the names above mean what they say, once per process.
sub self_check {
    die "get_name\n" unless $one->get_name eq 'one-b';
    die "get_parent\n" unless $one->get_parent->get_name eq 'one-a';
    die "num_of_child_snapshots\n" unless $one->num_of_child_snapshots == 1;
    for my $t (values %tree) {
        my $n = () = $t->{root}->list_all_children($LIST_DESCENDANTS);
        die "list_all_children\n" unless $n == $t->{count} - 1;
        my @names = $t->{dom}->list_snapshot_names($t->{count});
        die "list_snapshot_names\n" unless @names == $t->{count};
    }
    if ($built{nets}) {
        my $n = () = $conn->list_all_networks;
        die "list_all_networks: $n\n" unless $n == $fixture_count{nets};
        $n = () = $conn->list_networks;
        die "list_networks: $n\n" unless $n == $fixture_count{nets};
        die "get_network_by_name\n" unless $conn->get_network_by_name($mid_net)->get_name eq $mid_net;
    }
    if ($built{pools}) {
        my $n = () = $conn->list_defined_storage_pools;
        die "list_defined_storage_pools: $n\n" unless $n == $fixture_count{pools};
        $n = () = $conn->list_all_storage_pools;
        die "list_all_storage_pools: $n\n" unless $n == $fixture_count{pools} + 1;
    }
    if ($built{vols}) {
        my $n = () = $vol_pool->list_all_volumes;
        die "list_all_volumes: $n\n" unless $n == $fixture_count{vols};
        $n = () = $vol_pool->list_volumes;
        die "list_volumes: $n\n" unless $n == $fixture_count{vols};
    }
    if ($built{doms}) {
        my $n = () = $conn->get_all_domain_stats(0);
        die "get_all_domain_stats: $n\n" unless $n > $STATS_DOMAINS;
    }
    die "get_scheduler_parameters\n" unless exists $test->get_scheduler_parameters->{weight};
    die "get_node_cpu_stats\n" unless exists $conn->get_node_cpu_stats($ALL_CPUS)->{kernel};
}

sub needed_trees {
    my %need;
    for my $name (@_) {
        my $c = $case{$name} or next;
        $need{ $c->{tree} } = 1 if $c->{tree};
        build_fixture($c->{needs}) if $c->{needs};
    }
    for my $t (@tree_keys) {
        build_tree($t->[1], $t->[2]) if $need{ $t->[0] };
    }
}

if ($opt{list}) {
    print join(' ', @order), "\n";
    exit 0;
}

# One timed run. The two getppid() calls are the callgrind markers.
my $marker;
sub run_case {
    my ($name, $n) = @_;
    my $c = $case{$name};
    $c->{prep}->($n) if $c->{prep};
    my $rss0 = rss_kb();
    $marker = getppid();
    my $t0 = cpu();
    $c->{body}->($n);
    my $t1 = cpu();
    $marker = getppid();
    my $rss1 = rss_kb();
    $c->{cleanup}->($n) if $c->{cleanup};
    return ($t1 - $t0, $rss0, $rss1);
}

if (defined $opt{callgrind}) {
    my @plan = map { [split /:/] } split /,/, $opt{callgrind};
    for (@plan) {
        die "unknown case '$_->[0]'\n" unless $case{ $_->[0] };
    }
    needed_trees(map { $_->[0] } @plan);
    self_check();
    system('callgrind_control', '-i', 'on', $$) == 0
        or print STDERR "snapshot-bench.pl: callgrind_control -i on $$ failed\n";
    for (@plan) {
        my ($name, $n) = @$_;
        run_case($name, $n);        # warm-up: the heap as this case leaves it
        run_case($name, $n);
        run_case($name, 2 * $n);
    }
    print "done\n";
    exit 0;
}

needed_trees(@order);
self_check();
printf "ready %s %s\n", $INC{'Sys/Virt.pm'}, $Sys::Virt::VERSION;
while (my $line = <STDIN>) {
    my ($cmd, @arg) = split ' ', $line;
    next unless defined $cmd;
    if ($cmd eq 'quit') {
        last;
    } elsif ($cmd eq 'cases') {
        print join(' ', @order), "\n";
    } elsif ($cmd eq 'run') {
        my ($name, $n) = @arg;
        if (!$case{$name}) {
            print "na\n";
            next;
        }
        my @r = eval { run_case($name, $n) };
        if ($@) {
            (my $msg = "$@") =~ s/\s+/ /g;
            print "error $msg\n";
        } else {
            printf "ok %.9f %d %d\n", @r;
        }
    } else {
        print "error unknown command '$cmd'\n";
    }
}
exit 0;
