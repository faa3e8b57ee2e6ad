# -*- perl -*-
#
# Behavioural parity with the C XS Sys::Virt 9.0.0 on test:///default.
#
# t/lib/parity.pl prints one line per observation. t/data/parity-reference.txt
# is its output under the reference module; t/data/parity-expected.txt is
# its output under this build. The two differ only where this build departs
# from the reference on purpose:
#
#  1. maxnames / maxids may be left out, meaning "all":
#       list_domain_ids(), list_snapshot_names(), list_child_snapshot_names()
#     return every id or name, where the reference croaks with its usage
#     message.
#  2. A flags argument left out or undef is 0 without a warning:
#       Sys::Virt::Domain->_new(connection => ..., xml => ...) without flags
#     does not print "Use of uninitialized value" (the reference does, twice).
#  3. Domain::get_snapshot_by_name and Domain::create_snapshot are XSUBs, so
#     the "Use of uninitialized value" warning for an undef name or XML points
#     at the caller (parity.pl), not at a line of DomainSnapshot.pm.
#  4. list_child_snapshots returns the child snapshot objects (the reference
#     always returns an empty list, and 0 in scalar context).
#  5. Sys::Virt::Error->level returns the error level (2, VIR_ERR_ERROR); the
#     reference returns the error code.
#
# This test runs parity.pl under this build and compares with
# parity-expected.txt; checks that every line where parity-expected.txt and
# parity-reference.txt differ is one of the differences above (and that our
# side of each is right); and, when the reference module is installed, runs
# parity.pl under it and compares with parity-reference.txt, so that the
# recorded reference output stays true.

use strict;
use warnings;

use FindBin;
use lib "$FindBin::Bin/lib";

use Test::More;
use File::Temp ();
use Cwd ();
use POSIX ();

use SVTest;

my $TOP      = Cwd::abs_path("$FindBin::Bin/..");
my $SCRIPT   = "$TOP/t/lib/parity.pl";
my $EXPECTED = "$TOP/t/data/parity-expected.txt";
my $RECORDED = "$TOP/t/data/parity-reference.txt";
my $REF_PM   = '/usr/lib/x86_64-linux-gnu/perl5/5.36/Sys/Virt.pm';

sub slurp {
    my $f = shift;
    open(my $fh, '<', $f) or die "$f: $!";
    local $/;
    return scalar <$fh>;
}

# Runs a command in $TOP with the environment changed by %$env (undef
# values delete); returns (wait status, stdout, stderr).
sub run {
    my ($env, @cmd) = @_;
    my $out = File::Temp->new;
    my $err = File::Temp->new;
    my $pid = fork;
    die "fork: $!" unless defined $pid;
    if ($pid == 0) {
        chdir $TOP or POSIX::_exit(126);
        for my $k (keys %$env) {
            if (defined $env->{$k}) { $ENV{$k} = $env->{$k} } else { delete $ENV{$k} }
        }
        open(STDOUT, '>&', $out) or POSIX::_exit(126);
        open(STDERR, '>&', $err) or POSIX::_exit(126);
        exec(@cmd) or POSIX::_exit(127);
    }
    waitpid($pid, 0);
    my $status = $?;
    return ($status, slurp($out->filename), slurp($err->filename));
}

# Line diff (longest common subsequence): a list of hunks [\@old, \@new].
sub hunks {
    my ($a, $b) = @_;
    my ($n, $m) = (scalar @$a, scalar @$b);
    my @l;
    for (my $i = $n; $i >= 0; $i--) {
        for (my $j = $m; $j >= 0; $j--) {
            $l[$i][$j] = ($i == $n || $j == $m) ? 0
                : $a->[$i] eq $b->[$j] ? $l[$i + 1][$j + 1] + 1
                : $l[$i + 1][$j] >= $l[$i][$j + 1] ? $l[$i + 1][$j] : $l[$i][$j + 1];
        }
    }
    my @h;
    my ($i, $j) = (0, 0);
    my (@o, @w);
    while ($i < $n || $j < $m) {
        if ($i < $n && $j < $m && $a->[$i] eq $b->[$j]) {
            push @h, [[@o], [@w]] if @o || @w;
            @o = @w = ();
            $i++;
            $j++;
        } elsif ($j < $m && ($i == $n || $l[$i][$j + 1] >= $l[$i + 1][$j])) {
            push @w, $b->[$j++];
        } else {
            push @o, $a->[$i++];
        }
    }
    push @h, [[@o], [@w]] if @o || @w;
    return @h;
}

sub show_hunks {
    my @h = @_;
    my @t;
    for my $h (@h[0 .. ($#h < 5 ? $#h : 5)]) {
        push @t, map({ "- $_" } @{ $h->[0] }), map({ "+ $_" } @{ $h->[1] }), '';
    }
    return join "\n", @t;
}

my @expected = split /\n/, slurp($EXPECTED);
my @recorded = split /\n/, slurp($RECORDED);
ok(@expected > 500, 'parity-expected.txt is there') or BAIL_OUT('no expected output');
ok(@recorded > 500, 'parity-reference.txt is there');

# ---------------------------------------------------------------------------
# 1. Our build against parity-expected.txt
# ---------------------------------------------------------------------------

{
    my ($status, $out, $err) = run({ PERL5OPT => undef }, $^X, '-Mblib', $SCRIPT);
    child_status_ok($status, 'parity.pl runs under this build', $err);
    like($err, qr{^Sys::Virt loaded from: \Q$TOP\E/blib/lib/Sys/Virt\.pm$}m, 'parity.pl loaded this build');
    my @got = split /\n/, $out;
    my @h = hunks(\@expected, \@got);
    is(scalar @h, 0, 'output under this build matches t/data/parity-expected.txt')
        or diag("expected (-) vs this build (+):\n" . show_hunks(@h));
    my ($status2, $out2) = run({ PERL5OPT => undef }, $^X, '-Mblib', $SCRIPT);
    is($out2, $out, 'parity.pl output is the same on a second run');
}

# ---------------------------------------------------------------------------
# 2. parity-expected.txt against parity-reference.txt: only the intended
#    differences
# ---------------------------------------------------------------------------

my $UNINIT = 'WARN: "Use of uninitialized value in subroutine entry at';
my @rules = (
    [ '1: list_domain_ids() without maxids',
      sub { $_[0] =~ /\Alist_domain_ids\(\) usage: ERROR die str="Usage: Sys::Virt::list_domain_ids\(con, maxids\) at / },
      sub { $_[0] =~ /\Alist_domain_ids\(\) usage: (\[.*\] n=\d+)\z/ && $1 eq value_of('list_domain_ids(100)') } ],
    [ '1: list_snapshot_names() without maxnames',
      sub { $_[0] =~ /\Alist_snapshot_names\(\) usage: ERROR die str="Usage: Sys::Virt::Domain::list_snapshot_names\(dom, maxnames, flags=0\)/ },
      sub { $_[0] =~ /\Alist_snapshot_names\(\) usage: (\[.*\] n=\d+)\z/ && $1 eq value_of('list_snapshot_names(100)') } ],
    [ '1: list_child_snapshot_names() without maxnames',
      sub { $_[0] =~ /\As1 list_child_snapshot_names\(\) usage: ERROR die str="Usage: Sys::Virt::DomainSnapshot::list_child_snapshot_names\(domss, maxnames, flags=0\)/ },
      sub { $_[0] =~ /\As1 list_child_snapshot_names\(\) usage: (\[.*\] n=\d+)\z/ && $1 eq value_of('s1 list_child_snapshot_names(100)') } ],
    [ '2: no warning for flags left out of Domain->_new(xml)',
      sub { $_[0] eq qq{$UNINIT Domain.pm line <N>.\\n"} },
      sub { 0 } ],
    [ '3: uninitialized-value warning at the caller',
      sub { $_[0] eq qq{$UNINIT DomainSnapshot.pm line <N>.\\n"} },
      sub { $_[0] eq qq{$UNINIT parity.pl line <N>.\\n"} } ],
    [ '4: list_child_snapshots returns the children',
      sub { $_[0] =~ /\As\d list_child_snapshots(?: scalar)?: (?:\[\] n=0|"0")\z/ },
      sub {
          my ($n, $scalar, $v) = $_[0] =~ /\A(s\d) list_child_snapshots( scalar)?: (.*)\z/ or return 0;
          my ($list, $count) = value_of("$n list_all_children()") =~ /\A(\[.*\]) n=(\d+)\z/ or return 0;
          return $scalar ? $v eq $count && $count > 0 : $v eq "$list n=$count" && $count > 0;
      } ],
    [ '5: Sys::Virt::Error->level is the level',
      sub { $_[0] =~ /\A(?:snapshot |resume )?error ->level: (\d+)\z/ && $1 ne '2' },
      sub { $_[0] =~ /\A(?:snapshot |resume )?error ->level: 2\z/ } ],
);

my %ours = map { /\A(.*?): (.*)\z/ ? ($1 => $2) : () } @expected;
sub value_of { my $k = shift; return exists $ours{$k} ? $ours{$k} : "<no line '$k'>" }

{
    my @h = hunks(\@recorded, \@expected);
    ok(@h > 0, 'parity-expected.txt differs from the reference output where intended');
    my %used;
    my @unexplained;
    for my $h (@h) {
        my ($old, $new) = @$h;
        for my $side ([$old, 1, '-'], [$new, 2, '+']) {
            my ($lines, $k, $mark) = @$side;
            for my $line (@$lines) {
                my @r = grep { $_->[$k]->($line) } @rules;
                if (@r) {
                    $used{ $r[0][0] }++;
                } else {
                    push @unexplained, "$mark $line";
                }
            }
        }
    }
    is_deeply(\@unexplained, [], 'every difference from the reference is an intended one')
        or diag(join "\n", @unexplained);
    is_deeply([sort keys %used], [sort map { $_->[0] } @rules], 'every intended difference shows in the output');
    # The reference warns twice more than we do at Domain.pm (for
    # Domain->_new(xml) without flags), and twice at DomainSnapshot.pm where
    # we warn at the caller. (get_domain_by_name(undef) warns at Domain.pm
    # on both sides.)
    my $at = sub { my ($where, @l) = @_; scalar grep { $_ eq qq{$UNINIT $where line <N>.\\n"} } @l };
    is($at->('Domain.pm', @recorded) - $at->('Domain.pm', @expected), 2, 'two flag warnings fewer at Domain.pm');
    is($at->('DomainSnapshot.pm', @recorded), 2, 'reference: two warnings at DomainSnapshot.pm');
    is($at->('DomainSnapshot.pm', @expected), 0, 'this build: none at DomainSnapshot.pm');
    is($at->('parity.pl', @expected) - $at->('parity.pl', @recorded), 2, 'this build: two more at the caller');
    is(scalar(@recorded) - scalar(@expected), 2, 'the outputs differ in length by the two flag warnings');
    # Same sections, same observations otherwise.
    my @labels_r = map { /\A(.*?): / ? $1 : $_ } grep { !/\AWARN: / } @recorded;
    my @labels_e = map { /\A(.*?): / ? $1 : $_ } grep { !/\AWARN: / } @expected;
    is_deeply(\@labels_e, \@labels_r, 'the same observations in the same order');
}

# ---------------------------------------------------------------------------
# 3. The reference module against parity-reference.txt
# ---------------------------------------------------------------------------

SKIP: {
    skip "the reference Sys::Virt ($REF_PM, Debian package libsys-virt-perl) is not installed", 4
        unless -f $REF_PM;
    # A clean @INC: no blib, nothing from the harness.
    my %clean = (PERL5LIB => undef, PERLLIB => undef, PERL5OPT => undef, HARNESS_PERL_SWITCHES => undef);
    my ($s0, $where) = run(\%clean, $^X, '-e', 'require Sys::Virt; print $INC{"Sys/Virt.pm"}');
    skip "a plain perl loads Sys::Virt from $where, not the reference $REF_PM", 4 unless $s0 == 0 && $where eq $REF_PM;
    my ($status, $out, $err) = run(\%clean, $^X, $SCRIPT);
    child_status_ok($status, 'parity.pl runs under the reference module', $err);
    like($err, qr{^Sys::Virt loaded from: \Q$REF_PM\E$}m, 'parity.pl loaded the reference module');
    my @got = split /\n/, $out;
    my @h = hunks(\@recorded, \@got);
    is(scalar @h, 0, 'output under the reference matches t/data/parity-reference.txt')
        or diag("recorded (-) vs reference now (+):\n" . show_hunks(@h));
    ok(scalar(@got) == scalar(@recorded), 'same number of lines');
}

done_testing();
