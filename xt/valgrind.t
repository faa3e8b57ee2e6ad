# -*- perl -*-
#
# valgrind memcheck over a representative workload (xt/valgrind/workload.pl):
# no definite leak, no invalid read or write, no use of uninitialised
# memory, no bad free, in any process of the run (the workload forks once;
# each process gets its own log). Not part of `make test`; run it with
#
#     prove -b xt/valgrind.t        (or: prove -b xt/)
#
# The workload runs twice: with ithreads (loading threads.pm makes perl
# free everything at exit) and without (perl leaves its own interpreter
# buffers to the OS; xt/valgrind/perl-libvirt.supp suppresses exactly
# those, each entry explained there). Nothing in our library is
# suppressed.
#
# A third run, xt/valgrind/freeing.pl, frees the invocant from a tied
# argument's FETCH during the call: the handle must not be read after free.

use strict;
use warnings;

use Config;
use File::Spec;
use File::Temp ();
use FindBin;
use Test::More;

use Sys::Virt;

my $where = $INC{'Sys/Virt.pm'};
plan skip_all => "Sys::Virt was loaded from $where, not from a build's blib: run with 'prove -b'"
    unless $where =~ m{(?:\A|/)blib/lib/Sys/Virt\.pm\z};

my ($valgrind) = grep { -x } map { File::Spec->catfile($_, 'valgrind') } File::Spec->path;
plan skip_all => 'valgrind is not installed (Debian: apt-get install valgrind)' unless $valgrind;

my ($lib) = $where =~ m{^(.*)/Sys/Virt\.pm\z};
my ($arch) = grep { -e File::Spec->catfile($_, qw(auto Sys Virt Virt.so)) } @INC;
my $dir = $FindBin::Bin;
my $supp = "$dir/valgrind/perl-libvirt.supp";

# Runs $script under memcheck; returns (exit status, stdout, [per-process
# summaries]), each summary { pid, errors, definite, suppressed, text }.
sub memcheck {
    my ($script, %env) = @_;
    my $tmp = File::Temp->newdir;
    my @cmd = ($valgrind, '--tool=memcheck', '--leak-check=full',
        '--show-leak-kinds=definite', '--errors-for-leak-kinds=definite',
        '--track-origins=yes', '--num-callers=40', "--suppressions=$supp",
        "--log-file=$tmp/vg.%p.log",
        $^X, "-I$arch", "-I$lib", $script);
    local @ENV{ keys %env } = values %env;
    local $ENV{PERL_DESTRUCT_LEVEL};
    delete $ENV{PERL_DESTRUCT_LEVEL};
    my $out = qx{@{[ join ' ', map { quotemeta } @cmd ]} 2>&1};
    my $status = $?;
    my @procs;
    for my $log (sort glob "$tmp/vg.*.log") {
        open my $fh, '<', $log or die "$log: $!";
        my $text = do { local $/; <$fh> };
        my ($pid) = $log =~ /vg\.(\d+)\.log$/;
        my ($errors, $suppressed) = $text =~ /ERROR SUMMARY: ([\d,]+) errors from [\d,]+ contexts \(suppressed: ([\d,]+)/;
        my ($definite) = $text =~ /definitely lost: ([\d,]+) bytes/;
        s/,//g for grep { defined } $errors, $suppressed, $definite;
        push @procs, { pid => $pid, errors => $errors, suppressed => $suppressed,
                       definite => $definite // 0, text => $text };
    }
    return ($status, $out, \@procs);
}

# The error records of a log, without valgrind's preamble and summaries.
sub findings {
    my ($text) = @_;
    my @lines = grep { !/^==\d+== (?:Memcheck|Copyright|Using Valgrind|Command|Parent PID|HEAP SUMMARY|LEAK SUMMARY|ERROR SUMMARY|For lists|Reachable|To see them|   (?:in use|total heap|definitely|indirectly|possibly|still reachable|suppressed))/ } split /\n/, $text;
    my $s = join "\n", grep { /\S/ && !/^==\d+== $/ } @lines;
    return length $s > 6000 ? substr($s, 0, 6000) . "\n[...]" : $s;
}

my @summary;
for my $mode ('with threads', 'without threads') {
    next if $mode eq 'with threads' && !$Config{useithreads};
    my ($status, $out, $procs) = memcheck("$dir/valgrind/workload.pl",
        ($mode eq 'without threads' ? (WORKLOAD_NO_THREADS => 1) : ()));
    like($out, qr/workload done/, "workload ($mode) ran to the end under valgrind")
        or diag $out;
    is($status, 0, "workload ($mode) exited 0") or diag $out;
    cmp_ok(scalar(@$procs), '>=', 2, "workload ($mode): a log from the parent and from the forked child");
    for my $p (@$procs) {
        ok(defined $p->{errors} && $p->{errors} == 0 && $p->{definite} == 0,
           "workload ($mode), process $p->{pid}: no memcheck errors, no definite leak")
            or diag findings($p->{text});
        push @summary, sprintf '%-16s pid %-7s %s errors, %s bytes definitely lost, %s suppressed (perl\'s own)',
            $mode, $p->{pid}, $p->{errors} // '?', $p->{definite}, $p->{suppressed} // '?';
    }
}

{
    my ($status, $out, $procs) = memcheck("$dir/valgrind/freeing.pl");
    like($out, qr/freeing done/, 'the use-after-free reproducer ran to the end');
    my $invalid = grep { $_->{text} =~ /Invalid (?:read|write)/ } @$procs;
    push @summary, sprintf 'freeing.pl       %d process(es) with invalid reads/writes', $invalid;
    ok(!$invalid, 'an invocant freed by a tied argument during the call is not read after free')
        or diag join "\n", map { findings($_->{text}) } @$procs;
}

diag join "\n", 'valgrind memcheck:', map { "  $_" } @summary;

done_testing;
