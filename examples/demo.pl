#!/usr/bin/perl
#
# A short tour of Sys::Virt: connect, list domains, take snapshots of the
# domain "test", list them, revert, delete, and look at an error.
#
#   perl -Mblib examples/demo.pl [URI]
#
# The default URI, test:///default, is libvirt's built-in test driver: it
# needs no daemon, and whatever this script changes is gone when it exits.

use strict;
use warnings;

use Sys::Virt;

my $uri = shift // 'test:///default';

my %state_name = (
    Sys::Virt::Domain::STATE_NOSTATE()     => 'no state',
    Sys::Virt::Domain::STATE_RUNNING()     => 'running',
    Sys::Virt::Domain::STATE_BLOCKED()     => 'blocked',
    Sys::Virt::Domain::STATE_PAUSED()      => 'paused',
    Sys::Virt::Domain::STATE_SHUTDOWN()    => 'shutting down',
    Sys::Virt::Domain::STATE_SHUTOFF()     => 'shut off',
    Sys::Virt::Domain::STATE_CRASHED()     => 'crashed',
    Sys::Virt::Domain::STATE_PMSUSPENDED() => 'suspended by the guest',
);

sub version_string {
    my $v = shift;
    return sprintf '%d.%d.%d', int($v / 1_000_000), int($v / 1000) % 1000, $v % 1000;
}

sub xml_escape {
    my $text = shift;
    $text =~ s/&/&amp;/g;
    $text =~ s/</&lt;/g;
    $text =~ s/>/&gt;/g;
    return $text;
}

# --- connecting
my $conn = Sys::Virt->new(uri => $uri);
printf "Connected to %s\n", $conn->get_uri;
printf "Hypervisor type: %s (version %s, libvirt %s)\n",
    $conn->get_type, version_string($conn->get_version),
    version_string(Sys::Virt->get_version);

# --- domains and their states
print "Domains:\n";
for my $dom (sort { $a->get_name cmp $b->get_name } $conn->list_all_domains) {
    my ($state) = $dom->get_state;
    printf "  %-12s %s\n", $dom->get_name, $state_name{$state} // "state $state";
}

# --- snapshots of the domain "test"
my $dom = $conn->get_domain_by_name('test');

my @taken;
for my $spec (['before-upgrade', 'the system as installed'],
              ['after-upgrade', 'after applying updates']) {
    my ($name, $description) = @$spec;
    push @taken, $dom->create_snapshot(sprintf
        '<domainsnapshot><name>%s</name><description>%s</description></domainsnapshot>',
        xml_escape($name), xml_escape($description));
    print "Took snapshot '$name'\n";
}

sub show_snapshots {
    my @snaps = $dom->list_all_snapshots(Sys::Virt::DomainSnapshot::LIST_TOPOLOGICAL);
    printf "Snapshots of '%s' (%d, * = current):\n", $dom->get_name, scalar @snaps;
    for my $snap (@snaps) {
        my $parent = eval { $snap->get_parent->get_name } // '-';
        printf "  %s %-16s (parent: %s)\n", $snap->is_current ? '*' : ' ',
            $snap->get_name, $parent;
    }
}
show_snapshots();

# --- reverting makes the first snapshot current again
$taken[0]->revert_to;
printf "Reverted to '%s'; current snapshot is now '%s'\n",
    $taken[0]->get_name, $dom->current_snapshot->get_name;

# --- deleting the newer snapshot; the older one stays
my $gone = $taken[1]->get_name;
$taken[1]->delete;
print "Deleted snapshot '$gone'\n";
show_snapshots();

# --- errors are Sys::Virt::Error objects
eval { $dom->get_snapshot_by_name($gone) };
my $err = $@;
die "looking up a deleted snapshot should have failed\n" unless $err;
die $err unless ref $err && $err->isa('Sys::Virt::Error');
print "Looking up '$gone' again failed, as it should:\n";
printf "  level %d, code %d%s, domain %d\n", $err->level, $err->code,
    ($err->code == Sys::Virt::Error::ERR_NO_DOMAIN_SNAPSHOT ? ' (no such snapshot)' : ''),
    $err->domain;
printf "  message: %s\n", $err->message;
print "  printed: $err";

# Remove the snapshot this script still owns, so that a real hypervisor
# is left as it was found.
$taken[0]->delete;
