#!/usr/bin/perl
# Event delivery: lifecycle events per CPU second through libvirt's default
# loop on test:///default, this build against the reference C module.
#
#   bench/events-bench.pl [EVENTS_PER_ROUND] [ROUNDS]
#
# Each round queues EVENTS_PER_ROUND events (suspend/resume pairs), then
# times only their delivery: run_default until the callback has seen them
# all. The callback does what most do: looks at its arguments and returns.
# Run from the build directory after `make`.

use strict;
use warnings;

use FindBin;

my ($per_round, $rounds) = (shift // 40000, shift // 6);

if (($ENV{EVENTS_BENCH_WORKER} // '') eq '') {
    my %rate;
    for my $impl (qw(ref ours ref ours)) {
        local %ENV = %ENV;
        delete @ENV{qw(PERL5LIB PERLLIB PERL5OPT)};
        $ENV{EVENTS_BENCH_WORKER} = $impl;
        my @perl = ($^X, $impl eq 'ours' ? ('-Mblib') : ());
        my $out = `@perl $0 $per_round $rounds`;
        die "worker $impl failed\n" if $?;
        my ($from, $rate) = $out =~ /^(\S+) (\d+)$/ or die "worker $impl said: $out";
        die "worker $impl loaded $from\n" if ($impl eq 'ours') != ($from =~ m{blib/lib/Sys/Virt\.pm$});
        push @{ $rate{$impl} }, $rate;
    }
    my %best = map { my @r = sort { $b <=> $a } @{ $rate{$_} }; ($_ => $r[0]) } keys %rate;
    printf "reference: %d events/s\nthis build: %d events/s\nratio: %.2f\n", $best{ref}, $best{ours}, $best{ours} / $best{ref};
    exit 0;
}

require Sys::Virt;
Sys::Virt::Event::register_default();
my $conn = Sys::Virt->new(uri => 'test:///default');
my $seen = 0;
$conn->domain_event_register_any(undef, Sys::Virt::Domain::EVENT_ID_LIFECYCLE(), sub {
    my ($c, $dom, $event, $detail) = @_;
    $seen++;
});
my $dom = $conn->get_domain_by_name('test');
my ($cpu, $events) = (0, 0);
for my $round (1 .. $rounds) {
    $seen = 0;
    for (1 .. $per_round / 2) { $dom->suspend; $dom->resume }
    my @t0 = times;
    Sys::Virt::Event::run_default() while $seen < $per_round;
    my @t1 = times;
    next if $round == 1;    # warm-up
    $cpu += ($t1[0] + $t1[1]) - ($t0[0] + $t0[1]);
    $events += $seen;
}
printf "%s %d\n", $INC{'Sys/Virt.pm'}, $events / ($cpu || 1e-9);
