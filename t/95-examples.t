# -*- perl -*-
#
# The scripts in examples/ run against our build on libvirt's test driver
# and print what they promise.

use strict;
use warnings;

use Test::More;
use File::Spec;
use File::Temp qw(tempfile);
use IPC::Open3 qw(open3);
use Symbol qw(gensym);

use Sys::Virt;

-d 'blib/lib' or BAIL_OUT('blib is missing: run "perl Makefile.PL && make" first');

# Runs a script with our blib first on @INC; returns (exit code, stdout, stderr).
sub run_script {
    my @cmd = ($^X, '-Mblib', @_);
    my ($err_fh) = tempfile(UNLINK => 1);
    my $pid = open3(my $in, my $out, '>&' . fileno($err_fh), @cmd);
    close $in;
    my $stdout = do { local $/; <$out> };
    waitpid $pid, 0;
    my $status = $? >> 8;
    seek $err_fh, 0, 0;
    my $stderr = do { local $/; <$err_fh> };
    return ($status, $stdout // '', $stderr // '');
}

# The child processes load the same Sys::Virt as this test: ours.
{
    my ($rc, $out) = run_script('-MSys::Virt', '-e', 'print $INC{"Sys/Virt.pm"}');
    my $blib = File::Spec->rel2abs('blib/lib');
    is($rc, 0, 'a child perl loads Sys::Virt');
    like(File::Spec->rel2abs($out), qr{^\Q$blib\E/}, 'from our build');
}

# ------------------------------------------------------------------ demo.pl

subtest 'examples/demo.pl' => sub {
    my ($rc, $out, $err) = run_script('examples/demo.pl', 'test:///default');
    is($rc, 0, 'exits 0') or diag($err);
    is($err, '', 'prints nothing on stderr');

    like($out, qr/^Connected to test:\/\/\/default$/m, 'connects');
    like($out, qr/^Hypervisor type: TEST \(version \d+\.\d+\.\d+, libvirt \d+\.\d+\.\d+\)$/m,
         'prints the hypervisor type');
    like($out, qr/^Domains:\n  test +running$/m, 'lists the domain "test" as running');
    like($out, qr/^Took snapshot 'before-upgrade'\nTook snapshot 'after-upgrade'$/m, 'takes two snapshots');

    my @listings = $out =~ /^Snapshots of 'test' \((\d+), \* = current\):\n((?:  .*\n)*)/mg;
    is(scalar @listings, 4, 'lists the snapshots twice');
    my ($n1, $first, $n2, $second) = @listings;
    is($n1, 2, 'first listing: two snapshots');
    like($first, qr/^    before-upgrade +\(parent: -\)\n  \* after-upgrade +\(parent: before-upgrade\)\n\z/,
         'first listing: the second is a child of the first and current');
    like($out, qr/^Reverted to 'before-upgrade'; current snapshot is now 'before-upgrade'$/m, 'reverts');
    like($out, qr/^Deleted snapshot 'after-upgrade'$/m, 'deletes');
    is($n2, 1, 'second listing: one snapshot');
    like($second, qr/^  \* before-upgrade +\(parent: -\)\n\z/, 'second listing: the first, current again');

    my $code = Sys::Virt::Error::ERR_NO_DOMAIN_SNAPSHOT();
    my $level = Sys::Virt::Error::LEVEL_ERROR();
    like($out, qr/^  level $level, code $code \(no such snapshot\), domain \d+$/m,
         'shows the error object: level, code, domain');
    like($out, qr/^  message: .*'after-upgrade'$/m, 'shows its message');
    like($out, qr/^  printed: libvirt error code: $code, message: .*'after-upgrade'$/m, 'shows it printed');
};

# --------------------------------------------------------- snapshot-tree.pl

my $TIME = qr/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/;

# Parses the output of "tree" into one record per snapshot line, checking
# that the drawing is consistent: every line is well formed, a snapshot's
# depth is one more than its parent's, and only the last child of a
# parent is drawn with "`-- ".
sub parse_tree {
    my ($out, $domain) = @_;
    my @lines = split /\n/, $out;
    my $header = shift @lines;
    is($header, "Snapshots of domain '$domain' (* = current):", 'tree header');
    my (@nodes, @stack);
    for my $line (@lines) {
        my ($indent, $branch, $name, $when, $state, $mark) =
            $line =~ /^((?:\|   |    )*)(\|-- |`-- )?(\S+) \(($TIME), (\w+)\)( \*)?$/;
        unless (defined $name) {
            fail("tree line is well formed: '$line'");
            next;
        }
        my $depth = defined $branch ? length($indent) / 4 + 1 : 0;
        ok(defined $branch || $indent eq '', "$name: an indented line has a branch");
        $#stack = $depth - 1;
        my $parent = $depth ? $stack[-1] : undef;
        push @nodes, { name => $name, depth => $depth, parent => $parent && $parent->{name},
                       last => ($branch // '') eq '`-- ', when => $when, state => $state,
                       current => defined $mark };
        push @{ $parent->{children} }, $nodes[-1] if $parent;
        push @stack, $nodes[-1];
    }
    for my $node (@nodes) {
        my @kids = @{ $node->{children} || [] };
        next unless @kids;
        is_deeply([map { $_->{last} ? 1 : 0 } @kids], [(0) x $#kids, 1],
                  "$node->{name}: only the last child is drawn with `--");
        is_deeply([map { $_->{name} } @kids],
                  [map { $_->{name} } sort { $a->{when} cmp $b->{when} or $a->{name} cmp $b->{name} } @kids],
                  "$node->{name}: children oldest first, then by name");
    }
    return @nodes;
}

sub shape {
    my @nodes = @_;
    return { map { $_->{name} => $_->{parent} // '' } @nodes };
}

sub current { join ',', map { $_->{name} } grep { $_->{current} } @_ }

my $script = 'examples/snapshot-tree.pl';

subtest 'snapshot-tree.pl --demo test tree' => sub {
    my ($rc, $out, $err) = run_script($script, '--demo', 'test', 'tree');
    is($rc, 0, 'exits 0') or diag($err);
    my @nodes = parse_tree($out, 'test');
    is(scalar @nodes, 5, 'five snapshots');
    is_deeply(shape(@nodes),
              { base => '', installed => 'base', minimal => 'base',
                experiment => 'installed', updated => 'installed' },
              'the sample tree');
    is_deeply({ map { $_->{name} => $_->{depth} } @nodes },
              { base => 0, installed => 1, minimal => 1, experiment => 2, updated => 2 },
              'indentation follows depth');
    is(current(@nodes), 'updated', 'the current snapshot carries the * marker');
    is_deeply([sort map { $_->{state} } @nodes], [('running') x 5], 'the state comes from the XML');
    like($out, qr/^\|   \|-- experiment \($TIME, running\)$/m, 'exact line of a grandchild');
};

subtest 'default command is tree, and state does not outlive the process' => sub {
    my ($rc, $out, $err) = run_script($script, '--uri', 'test:///default', 'test');
    is($rc, 0, 'exits 0') or diag($err);
    is($out, "Domain 'test' has no snapshots.\n", 'a fresh test driver has no snapshots');
};

subtest 'take' => sub {
    my ($rc, $out, $err) = run_script($script, '--demo', '--description', 'a <note> & more', 'test', 'take', 'extra');
    is($rc, 0, 'exits 0') or diag($err);
    my ($msg, $tree) = split /\n/, $out, 2;
    is($msg, "Took snapshot 'extra' of domain 'test'.", 'reports the new snapshot');
    my @nodes = parse_tree($tree, 'test');
    is(shape(@nodes)->{extra}, 'updated', 'the new snapshot is a child of the current one');
    is(current(@nodes), 'extra', 'and becomes current');
};

subtest 'revert' => sub {
    my ($rc, $out, $err) = run_script($script, '--demo', 'test', 'revert', 'minimal');
    is($rc, 0, 'exits 0') or diag($err);
    my ($msg, $tree) = split /\n/, $out, 2;
    is($msg, "Reverted domain 'test' to snapshot 'minimal'.", 'reports the revert');
    is(current(parse_tree($tree, 'test')), 'minimal', 'the * moves to the snapshot reverted to');
};

subtest 'prune' => sub {
    my ($rc, $out, $err) = run_script($script, '--demo', 'test', 'prune', 'installed');
    is($rc, 0, 'exits 0') or diag($err);
    my ($msg, $tree) = split /\n/, $out, 2;
    is($msg, "Deleted 2 snapshots below 'installed'.", 'reports how many went');
    my @nodes = parse_tree($tree, 'test');
    is_deeply(shape(@nodes), { base => '', installed => 'base', minimal => 'base' },
              'the children of installed are gone, installed stays');
};

subtest 'delete' => sub {
    my ($rc, $out, $err) = run_script($script, '--demo', 'test', 'delete', 'installed');
    is($rc, 0, 'exits 0') or diag($err);
    my ($msg, $tree) = split /\n/, $out, 2;
    is($msg, "Deleted snapshot 'installed'.", 'reports the deletion');
    is_deeply(shape(parse_tree($tree, 'test')),
              { base => '', experiment => 'base', updated => 'base', minimal => 'base' },
              'the children move up to the parent');

    ($rc, $out, $err) = run_script($script, '--demo', 'test', 'delete', '--children', 'installed');
    is($rc, 0, 'with --children: exits 0') or diag($err);
    ($msg, $tree) = split /\n/, $out, 2;
    is($msg, "Deleted snapshot 'installed' and 2 snapshots below it.", 'reports the deletion');
    is_deeply(shape(parse_tree($tree, 'test')), { base => '', minimal => 'base' },
              'the children go too');
};

subtest 'errors' => sub {
    my ($rc, $out, $err) = run_script($script, 'test', 'revert', 'nope');
    is($rc, 1, 'a libvirt error exits 1');
    like($err, qr/^snapshot-tree: .*'nope'$/m, 'and prints the message');

    ($rc, $out, $err) = run_script($script, 'no-such-domain');
    is($rc, 1, 'an unknown domain exits 1');
    like($err, qr/^snapshot-tree: Domain not found/m, 'and says so');

    ($rc, $out, $err) = run_script($script);
    is($rc, 2, 'no domain: usage error');
    like($err . $out, qr/Usage:/, 'prints the usage');

    ($rc, $out, $err) = run_script($script, 'test', 'take');
    is($rc, 2, 'take without a name: usage error');

    ($rc, $out, $err) = run_script($script, 'test', 'frobnicate');
    is($rc, 2, 'unknown command: usage error');
};

# -------------------------------------------------------- storage-report.pl

subtest 'examples/storage-report.pl' => sub {
    my ($rc, $out, $err) = run_script('examples/storage-report.pl');
    is($rc, 0, 'exits 0') or diag($err);
    is($err, '', 'prints nothing on stderr');
    like($out, qr/^1 storage pool on test:\/\/\/default$/m, 'counts the pools');
    like($out, qr/^default-pool \(running\)\n  capacity 100\.0 GiB, allocated 0 B, available 100\.0 GiB\n  no volumes$/m,
         'the default pool, its sizes and no volumes');
    like($out, qr/^No pool called 'no-such-pool' \(.*'no-such-pool'\)$/m, 'the failed lookup');

    ($rc, $out, $err) = run_script('examples/storage-report.pl', '--demo', 'test:///default');
    is($rc, 0, '--demo exits 0') or diag($err);
    like($out, qr/^Made pool 'demo' with base\.img and its clone copy\.img\n2 storage pools on test:\/\/\/default$/m,
         '--demo makes a second pool');
    like($out, qr/^demo \(running\)\n  capacity 100\.0 GiB, allocated 128\.0 MiB, available 99\.9 GiB\n/m,
         'the demo pool counts its volumes');
    like($out, qr{^  base\.img +file +64\.0 MiB \(64\.0 MiB allocated\)  /demo/base\.img\n  copy\.img +file +64\.0 MiB \(64\.0 MiB allocated\)  /demo/copy\.img$}m,
         'lists both volumes with type, sizes and path');
};

# ---------------------------------------------------------- event-monitor.pl

subtest 'examples/event-monitor.pl' => sub {
    my ($rc, $out, $err) = run_script('examples/event-monitor.pl', '--demo', '--count', 4);
    is($rc, 0, 'exits 0 after the events asked for') or diag($err);
    is($err, '', 'prints nothing on stderr');
    my $t = qr/\d\d:\d\d:\d\d/;
    like($out, qr/\AWatching domain events on test:\/\/\/default\n$t test +suspended \(paused\)\n$t test +resumed \(unpaused\)\n$t test +stopped \(destroyed\)\n$t test +started \(booted\)\n\z/,
         'prints the four lifecycle events of the demo, with their details');

    ($rc, $out, $err) = run_script('examples/event-monitor.pl', '--uri', 'test:///no/such/node.xml');
    is($rc, 1, 'exits 1 when libvirt refuses');
    like($err, qr/^event-monitor: /m, 'and says so on stderr');
};

subtest 'examples/inventory.pl' => sub {
    my ($rc, $out, $err) = run_script('examples/inventory.pl');
    is($rc, 0, 'exits 0') or diag($err);
    like($out, qr/^Host \S+ \(TEST driver\)$/m, 'names the host and its driver');
    like($out, qr/^Networks: 1\n  default +active +persistent bridge virbr0\n/m, 'lists the default network with its bridge');
    like($out, qr/^      leases unknown: .*not supported/m, 'says why the test driver shows no leases');
    like($out, qr/^Storage pools: 1\n  default-pool +active +0 B of 100\.0 GiB used \(0%\)\n      no volumes$/m,
         'lists the default pool with its usage');

    ($rc, $out, $err) = run_script('examples/inventory.pl', '--uri', 'test:///no/such/node.xml');
    is($rc, 1, 'exits 1 when libvirt refuses');
    like($err, qr/^inventory: /m, 'and says so on stderr');
    ($rc) = run_script('examples/inventory.pl', 'extra');
    is($rc, 2, 'exits 2 for a stray argument');
};

subtest 'examples/domain-top.pl' => sub {
    my ($rc, $out, $err) = run_script('examples/domain-top.pl', '--iterations', 2, '--interval', 0.1);
    is($rc, 0, 'exits 0 after the screens asked for') or diag($err);
    my @screens = split /^(?=\w{3} \w{3} +\d+ [\d:]+ \d{4}  \d+ domains)/m, $out;
    is(scalar @screens, 2, 'prints two screens');
    like($screens[0], qr/^DOMAIN +STATE +VCPUS +CPU% +MEMORY +DISK-READ +DISK-WRITE +NET-RX +NET-TX$/m, 'with the column heads');
    like($screens[0], qr/^test +running /m, 'and the running domain test');
    unlike($screens[0], qr/rates over/, 'the first screen has no rates yet');
    like($screens[1], qr/\(rates over 0\.\d s\)/, 'the second one has');
    like($screens[1], qr/^test +running .* 0B\/s +0B\/s +0B\/s +0B\/s$/m, 'with zero throughput on the idle test domain');

    ($rc) = run_script('examples/domain-top.pl', '--interval', 0);
    is($rc, 2, 'exits 2 for an interval that is not positive');
    ($rc, $out, $err) = run_script('examples/domain-top.pl', '--uri', 'test:///no/such/node.xml', '-n', 1);
    is($rc, 1, 'exits 1 when libvirt refuses');
    like($err, qr/^domain-top: /m, 'and says so on stderr');
};

done_testing();
