#!/usr/bin/perl
#
# A top-like view of every domain's CPU, memory, disk and network figures,
# refreshed every few seconds. Run with --help for the manual.

use strict;
use warnings;

use Getopt::Long qw(GetOptions);
use Pod::Usage qw(pod2usage);
use Time::HiRes qw(time sleep);

use Sys::Virt;

my %opt = (uri => 'test:///default', interval => 2);
GetOptions(\%opt, 'uri|c=s', 'interval|d=f', 'iterations|n=i', 'help|h')
    or pod2usage(-exitval => 2, -verbose => 0);
pod2usage(-exitval => 0, -verbose => 2, -noperldoc => 1) if $opt{help};
pod2usage(-exitval => 2, -verbose => 0, -message => 'The interval must be positive.') unless $opt{interval} > 0;
pod2usage(-exitval => 2, -verbose => 0, -message => 'No arguments are taken, only options.') if @ARGV;

my $stats = Sys::Virt::Domain::STATS_STATE() | Sys::Virt::Domain::STATS_CPU_TOTAL()
    | Sys::Virt::Domain::STATS_BALLOON() | Sys::Virt::Domain::STATS_VCPU()
    | Sys::Virt::Domain::STATS_BLOCK() | Sys::Virt::Domain::STATS_INTERFACE();
my $clear = -t STDOUT ? "\e[H\e[2J" : '';
my $stop = 0;
$SIG{INT} = $SIG{TERM} = sub { $stop = 1 };

my $ok = eval {
    my $conn = Sys::Virt->new(uri => $opt{uri});
    my ($previous, $then);
    for (my $round = 1; !$stop; $round++) {
        my $now = time;
        my %sample = map { $_->{dom}->get_name => $_->{data} } $conn->get_all_domain_stats($stats);
        print $clear, screen(\%sample, $previous, defined $then ? $now - $then : undef);
        ($previous, $then) = (\%sample, $now);
        last if $opt{iterations} && $round >= $opt{iterations};
        sleep $opt{interval};
    }
    1;
};
unless ($ok) {
    my $err = $@;
    my $text = ref $err && $err->isa('Sys::Virt::Error') ? $err->message : "$err";
    $text =~ s/\s+\z//;
    print STDERR "domain-top: $text\n";
    exit 1;
}
exit 0;

my %STATE;
BEGIN {
    %STATE = (
        Sys::Virt::Domain::STATE_NOSTATE() => 'none',     Sys::Virt::Domain::STATE_RUNNING() => 'running',
        Sys::Virt::Domain::STATE_BLOCKED() => 'blocked',  Sys::Virt::Domain::STATE_PAUSED() => 'paused',
        Sys::Virt::Domain::STATE_SHUTDOWN() => 'stopping', Sys::Virt::Domain::STATE_SHUTOFF() => 'shut off',
        Sys::Virt::Domain::STATE_CRASHED() => 'crashed',  Sys::Virt::Domain::STATE_PMSUSPENDED() => 'suspended',
    );
}

# The sum of one figure over every disk or interface ("block.N.rd.bytes").
sub total {
    my ($data, $group, $field) = @_;
    my $sum = 0;
    for my $i (0 .. ($data->{"$group.count"} || 0) - 1) {
        $sum += $data->{"$group.$i.$field"} || 0;
    }
    return $sum;
}

sub rate {
    my ($now, $before, $seconds) = @_;
    return '-' unless defined $before && $seconds;
    return human(($now - $before) / $seconds) . '/s';
}

sub screen {
    my ($sample, $previous, $seconds) = @_;
    my $out = sprintf "%s  %d domains%s\n\n", scalar(localtime), scalar(keys %$sample),
        defined $seconds ? sprintf('  (rates over %.1f s)', $seconds) : '';
    $out .= sprintf "%-20s %-9s %5s %6s %10s %10s %10s %10s %10s\n",
        qw(DOMAIN STATE VCPUS CPU% MEMORY DISK-READ DISK-WRITE NET-RX NET-TX);
    for my $name (sort keys %$sample) {
        my $data = $sample->{$name};
        my $before = $previous && $previous->{$name};
        my $vcpus = $data->{'vcpu.current'} // '-';
        my $cpu = '-';
        if ($before && $seconds && defined $data->{'cpu.time'} && defined $before->{'cpu.time'}) {
            $cpu = sprintf '%.1f', 100 * ($data->{'cpu.time'} - $before->{'cpu.time'}) / ($seconds * 1e9);
        }
        my $memory = $data->{'balloon.current'};
        $out .= sprintf "%-20s %-9s %5s %6s %10s %10s %10s %10s %10s\n", $name,
            $STATE{ $data->{'state.state'} // -1 } // '?', $vcpus, $cpu,
            defined $memory ? human($memory * 1024) : '-',
            map { rate(total($data, @$_), $before ? total($before, @$_) : undef, $seconds) }
                ['block', 'rd.bytes'], ['block', 'wr.bytes'], ['net', 'rx.bytes'], ['net', 'tx.bytes'];
    }
    return $out;
}

sub human {
    my ($bytes) = @_;
    my @units = ('B', 'K', 'M', 'G', 'T');
    my $unit = 0;
    while ($bytes >= 1024 && $unit < $#units) {
        $bytes /= 1024;
        $unit++;
    }
    return $unit ? sprintf('%.1f%s', $bytes, $units[$unit]) : sprintf('%dB', $bytes);
}

__END__

=head1 NAME

domain-top.pl - a top-like view of every domain's figures

=head1 SYNOPSIS

  perl examples/domain-top.pl [--uri URI] [--interval SECONDS] [--iterations N]

=head1 DESCRIPTION

Asks libvirt for the statistics of every domain at once
(C<get_all_domain_stats> with the state, CPU, balloon, vCPU, block and
interface groups) and shows, one line per domain: its state, its vCPUs,
the share of one host CPU it used since the last refresh, its current
memory, and its disk and network throughput summed over all its disks and
interfaces. The first screen has no rates yet: they need two samples.

On a terminal the screen is cleared before each refresh; otherwise each
refresh is printed after the last. Ctrl-C ends it.

=head1 OPTIONS

=over 4

=item B<--uri>, B<-c> URI

The libvirt URI to connect to; C<test:///default> by default.

=item B<--interval>, B<-d> SECONDS

Seconds between refreshes (2 by default; fractions allowed).

=item B<--iterations>, B<-n> N

Stop after N screens instead of running until interrupted.

=item B<--help>, B<-h>

This manual.

=back

=head1 EXIT STATUS

0 when stopped by Ctrl-C or after the iterations asked for, 1 when libvirt
refused (the message is printed on standard error), 2 for wrong options.

=cut
