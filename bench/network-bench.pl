#!/usr/bin/perl
# bench/network-bench.pl: the network calls of this build against the
# reference C module, on test:///default with 100 extra networks (50
# running, 50 defined only). See "Network benchmarks" in bench/README.md.
#
#   bench/network-bench.pl              both measures, every case
#   bench/network-bench.pl --cpu-only   CPU time only (no valgrind)
#   bench/network-bench.pl --ir-only    instruction counts only
#   bench/network-bench.pl --cases RE   only the cases whose name matches
#   bench/network-bench.pl --worker CASE N [--cpu]   one measured loop (internal)

use strict;
use warnings;

use Cwd qw(abs_path);
use File::Basename qw(dirname);
use File::Temp ();
use Time::HiRes ();

my $ROOT = dirname(dirname(abs_path($0)));
my $REFERENCE_PM = '/usr/lib/x86_64-linux-gnu/perl5/5.36/Sys/Virt.pm';

# Each case: the Perl run per operation.
my %CASES = (
    list_all_networks     => sub { my @l = $_[0]->list_all_networks },
    list_networks         => sub { my @l = $_[0]->list_networks },
    list_defined_networks => sub { my @l = $_[0]->list_defined_networks },
    get_network_by_name   => sub { my $n = $_[0]->get_network_by_name('bench50') },
    get_network_by_uuid   => sub { my $n = $_[0]->get_network_by_uuid('0a1b2c3d-4e5f-4a6b-8c7d-000000000050') },
    network_get_xml       => sub { my $x = $_[1]->get_xml_description },
);
my @ORDER = qw(list_all_networks list_networks list_defined_networks get_network_by_name get_network_by_uuid network_get_xml);

if (@ARGV && $ARGV[0] eq '--worker') {
    my (undef, $case, $n, $cpu) = @ARGV;
    require Sys::Virt;
    my $con = Sys::Virt->new(uri => 'test:///default');
    for my $i (1 .. 100) {
        my $net = $con->define_network(sprintf "<network><name>bench%d</name><uuid>0a1b2c3d-4e5f-4a6b-8c7d-%012d</uuid>"
            . "<bridge name='bbr%d'/></network>", $i, $i, $i);
        $net->create if $i % 2;
    }
    my $net = $con->get_network_by_name('bench50');
    my $code = $CASES{$case} or die "no case $case\n";
    $code->($con, $net) for 1 .. 100;
    # Under callgrind, --dump-before=getppid writes the timed loop alone
    # into the profile's second part.
    my $mark = getppid();
    my $t0 = Time::HiRes::clock_gettime(Time::HiRes::CLOCK_PROCESS_CPUTIME_ID());
    $code->($con, $net) for 1 .. $n;
    my $t1 = Time::HiRes::clock_gettime(Time::HiRes::CLOCK_PROCESS_CPUTIME_ID());
    $mark = getppid();
    print STDERR "loaded $INC{'Sys/Virt.pm'}\n";
    printf "%.9f\n", ($t1 - $t0) / $n if $cpu;
    exit 0;
}

my %opt;
while (my $arg = shift @ARGV) {
    if ($arg eq '--cpu-only' || $arg eq '--ir-only') { $opt{$arg} = 1 }
    elsif ($arg eq '--cases') { $opt{cases} = shift @ARGV }
    else { die "bench/network-bench.pl: unknown option $arg\n" }
}
my ($cpu_only, $ir_only) = @opt{qw(--cpu-only --ir-only)};
die "bench/network-bench.pl: --cpu-only and --ir-only exclude each other\n" if $cpu_only && $ir_only;
die "bench/network-bench.pl: the reference module is not installed ($REFERENCE_PM)\n" unless -f $REFERENCE_PM;
die "bench/network-bench.pl: no build in $ROOT/blib (perl Makefile.PL && make)\n" unless -d "$ROOT/blib";

# (command prefix, expected module path) of each side.
my %SIDE = (
    ref  => [[$^X], $REFERENCE_PM],
    ours => [[$^X, "-Mblib=$ROOT/blib"], "$ROOT/blib/lib/Sys/Virt.pm"],
);

sub run_worker {
    my ($side, $case, $n, @wrap) = @_;
    my ($cmd, $pm) = @{ $SIDE{$side} };
    local %ENV = %ENV;
    delete @ENV{qw(PERL5LIB PERL5OPT PERLLIB)};
    # Perl's hash order and layout, fixed, so that two runs do the same work.
    @ENV{qw(PERL_HASH_SEED PERL_PERTURB_KEYS)} = (0, 0);
    my $err = File::Temp->new;
    my $pid = open(my $fh, '-|') // die "fork: $!";
    if (!$pid) {
        open STDERR, '>&', $err or die;
        exec @wrap, @$cmd, abs_path($0), '--worker', $case, $n, (@wrap ? () : ('cpu'));
        die "exec: $!";
    }
    local $/;
    my $out = <$fh>;
    close $fh;
    my $log = do { local @ARGV = ($err->filename); local $/; <> } // '';
    die "$side $case: the worker loaded the wrong module:\n$log" unless $log =~ /^loaded \Q$pm\E$/m;
    return ($out, $log);
}

sub cpu_per_op {
    my ($side, $case, $n) = @_;
    my @t = map { (run_worker($side, $case, $n))[0] + 0 } 1 .. 5;
    @t = sort { $a <=> $b } @t;
    return $t[2];
}

sub ir_per_op {
    my ($side, $case, $n) = @_;
    my $dir = File::Temp->newdir;
    run_worker($side, $case, $n, 'valgrind', '--tool=callgrind', '--dump-before=getppid',
               "--callgrind-out-file=$dir/cg.out");
    open(my $fh, '<', "$dir/cg.out.2") or die "$side $case: no profile of the timed loop: $!\n";
    my ($ir) = map { /^(?:summary|totals): (\d+)/ ? $1 : () } <$fh>;
    die "$side $case: no instruction count in the profile\n" unless defined $ir;
    return $ir / $n;
}

printf "%-24s", 'case';
printf " %12s %12s %7s", 'ref us/op', 'ours us/op', 'ratio' unless $ir_only;
printf " %12s %12s %7s", 'ref Ir/op', 'ours Ir/op', 'ratio' unless $cpu_only;
print "\n";
for my $case (grep { !defined $opt{cases} || /$opt{cases}/ } @ORDER) {
    printf "%-24s", $case;
    unless ($ir_only) {
        my $n = $case =~ /list/ ? 2000 : 50_000;
        my %cpu = map { $_ => cpu_per_op($_, $case, $n) } qw(ref ours);
        printf " %12.2f %12.2f %7.2f", $cpu{ref} * 1e6, $cpu{ours} * 1e6, $cpu{ours} / $cpu{ref};
    }
    unless ($cpu_only) {
        my $m = $case =~ /list/ ? 200 : 5000;
        # A lookup's cost differs from process to process by up to a third
        # (libvirt's and the allocator's state), the same for both sides:
        # the median of five processes, alternating.
        my %runs;
        for (1 .. 5) { push @{ $runs{$_} }, ir_per_op($_, $case, $m) for qw(ref ours) }
        my %ir = map { $_ => (sort { $a <=> $b } @{ $runs{$_} })[2] } qw(ref ours);
        printf " %12.0f %12.0f %7.2f", $ir{ref}, $ir{ours}, $ir{ours} / $ir{ref};
    }
    print "\n";
}
