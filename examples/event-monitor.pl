#!/usr/bin/perl
#
# Prints domain events as they happen, until interrupted.
# Run with --help for the manual.

use strict;
use warnings;

use Getopt::Long qw(GetOptions);
use Pod::Usage qw(pod2usage);
use POSIX qw(strftime);

use Sys::Virt;
use Sys::Virt::Event;

my %opt = (uri => 'test:///default');
GetOptions(\%opt, 'uri|c=s', 'count|n=i', 'demo', 'help|h') or pod2usage(-exitval => 2, -verbose => 0);
pod2usage(-exitval => 0, -verbose => 2, -noperldoc => 1) if $opt{help};
pod2usage(-exitval => 2, -verbose => 0, -message => 'No arguments are taken, only options.') if @ARGV;

# Names of the lifecycle events and their details, from the constants.
my (%EVENT, %DETAIL);
{
    no strict 'refs';
    my $stash = \%{'Sys::Virt::Domain::'};
    my %event_of = map { $_ => Sys::Virt::Domain->$_() }
        grep { /^EVENT_[A-Z]+$/ && !/^EVENT_ID_/ && defined &{"Sys::Virt::Domain::$_"} } keys %$stash;
    %EVENT = reverse %event_of;
    for my $name (keys %$stash) {
        next unless $name =~ /^EVENT_([A-Z]+)_([A-Z_]+)$/ && exists $event_of{"EVENT_$1"};
        next unless defined &{"Sys::Virt::Domain::$name"};
        $DETAIL{ $event_of{"EVENT_$1"} }{ Sys::Virt::Domain->$name() } = lc $2;
    }
}

my $seen = 0;
my $stop = 0;
$SIG{INT} = $SIG{TERM} = sub { $stop = 1 };

sub report {
    my ($dom, $what) = @_;
    printf "%s %-12s %s\n", strftime('%H:%M:%S', localtime), $dom->get_name, $what;
    $stop = 1 if $opt{count} && ++$seen >= $opt{count};
}

my %HANDLERS = (
    LIFECYCLE => sub {
        my ($conn, $dom, $event, $detail) = @_;
        my $name = lc($EVENT{$event} // "event $event") =~ s/^event_//r;
        report($dom, "$name (" . ($DETAIL{$event}{$detail} // "detail $detail") . ')');
    },
    REBOOT      => sub { report($_[1], 'rebooted') },
    RTC_CHANGE  => sub { report($_[1], "clock moved by $_[2] s") },
    WATCHDOG    => sub { report($_[1], "watchdog fired (action $_[2])") },
    IO_ERROR    => sub { report($_[1], "I/O error on $_[2] ($_[3])") },
    BLOCK_JOB   => sub { report($_[1], "block job on $_[2]: type $_[3], status $_[4]") },
    DEVICE_ADDED   => sub { report($_[1], "device $_[2] added") },
    DEVICE_REMOVED => sub { report($_[1], "device $_[2] removed") },
    BALLOON_CHANGE => sub { report($_[1], "balloon now $_[2] KiB") },
    TUNABLE     => sub { report($_[1], 'tuned: ' . join(', ', map { "$_=$_[2]{$_}" } sort keys %{ $_[2] })) },
    METADATA_CHANGE => sub { report($_[1], 'metadata changed' . (defined $_[3] ? " ($_[3])" : '')) },
);

my $ok = eval {
    Sys::Virt::Event::register_default();
    my $conn = Sys::Virt->new(uri => $opt{uri});
    my @ids;
    for my $kind (sort keys %HANDLERS) {
        my $id = Sys::Virt::Domain->can("EVENT_ID_$kind")->();
        push @ids, $conn->domain_event_register_any(undef, $id, $HANDLERS{$kind});
    }
    # A remote connection that breaks ends the monitor instead of leaving it waiting.
    eval {
        $conn->register_close_callback(sub { print "connection closed (reason $_[1])\n"; $stop = 1 });
        $conn->set_keep_alive(5, 3) if $conn->get_uri !~ /^test:/;
    };
    print "Watching domain events on ", $conn->get_uri, "\n";
    demo($conn) if $opt{demo};
    Sys::Virt::Event::run_default() until $stop;
    $conn->domain_event_deregister_any($_) for @ids;
    1;
};
unless ($ok) {
    my $err = $@;
    my $text = ref $err && $err->isa('Sys::Virt::Error') ? $err->message : "$err";
    $text =~ s/\s+\z//;
    print STDERR "event-monitor: $text\n";
    exit 1;
}
exit 0;

# The test driver only reports what this process does to it: a few
# changes to the domain "test", one every tenth of a second.
sub demo {
    my ($conn) = @_;
    my $dom = $conn->get_domain_by_name('test');
    my @steps = (sub { $dom->suspend }, sub { $dom->resume }, sub { $dom->destroy }, sub { $dom->create });
    my $timer;
    $timer = Sys::Virt::Event::add_timeout(100, sub {
        my $step = shift @steps;
        if ($step) { $step->() } else { Sys::Virt::Event::remove_timeout($timer) }
    });
}

__END__

=head1 NAME

event-monitor.pl - print domain events as they happen

=head1 SYNOPSIS

  perl examples/event-monitor.pl [--uri URI] [--count N] [--demo]

=head1 DESCRIPTION

Registers libvirt's default event loop, asks the connection for the
domain events of every domain (lifecycle changes, reboots, clock changes,
watchdogs, I/O errors, block jobs, devices added and removed, balloon
changes, tuning and metadata changes), and prints one line per event with
its time, the domain's name and what happened, until Ctrl-C.

When the connection closes (the daemon goes away, a keepalive times out)
the monitor says why and ends.

=head1 OPTIONS

=over 4

=item B<--uri>, B<-c> URI

The libvirt URI to connect to; C<test:///default> by default. On the test
driver nothing happens unless this process makes it happen: see
B<--demo>.

=item B<--count>, B<-n> N

Stop after N events.

=item B<--demo>

Suspend, resume, stop and start the domain C<test> (of the test driver),
one step every tenth of a second, to have something to watch.

=item B<--help>, B<-h>

This manual.

=back

=head1 EXIT STATUS

0 after Ctrl-C, the events asked for, or the connection's end; 1 when
libvirt refused (the message is printed on standard error); 2 for wrong
options.

=cut
