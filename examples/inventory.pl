#!/usr/bin/perl
#
# Prints a host's networks (with their DHCP leases) and storage pools
# (with their volumes and how full they are). Run with --help for the manual.

use strict;
use warnings;

use Getopt::Long qw(GetOptions);
use Pod::Usage qw(pod2usage);

use Sys::Virt;

my %opt = (uri => 'test:///default');
GetOptions(\%opt, 'uri|c=s', 'help|h') or pod2usage(-exitval => 2, -verbose => 0);
pod2usage(-exitval => 0, -verbose => 2, -noperldoc => 1) if $opt{help};
pod2usage(-exitval => 2, -verbose => 0, -message => 'No arguments are taken, only options.') if @ARGV;

my $ok = eval {
    my $conn = Sys::Virt->new(uri => $opt{uri});
    printf "Host %s (%s driver)\n", $conn->get_hostname, $conn->get_type;
    show_networks($conn);
    show_pools($conn);
    1;
};
unless ($ok) {
    my $err = $@;
    my $text = ref $err && $err->isa('Sys::Virt::Error') ? $err->message : "$err";
    $text =~ s/\s+\z//;
    print STDERR "inventory: $text\n";
    exit 1;
}
exit 0;

sub show_networks {
    my ($conn) = @_;
    my @networks = sort { $a->get_name cmp $b->get_name } $conn->list_all_networks;
    printf "\nNetworks: %d\n", scalar @networks;
    for my $net (@networks) {
        my $active = $net->is_active;
        my $bridge = eval { $net->get_bridge_name };
        printf "  %-20s %-8s %-10s bridge %s\n", $net->get_name, $active ? 'active' : 'inactive',
            $net->is_persistent ? 'persistent' : 'transient', defined $bridge && length $bridge ? $bridge : '-';
        next unless $active;
        # Not every driver keeps leases: say so rather than fail.
        my @leases = eval { $net->get_dhcp_leases };
        if ($@) {
            my $why = ref $@ ? $@->message : $@;
            $why =~ s/\s+\z//;
            print "      leases unknown: $why\n";
            next;
        }
        print "      no DHCP leases\n" unless @leases;
        for my $lease (sort { ($a->{ipaddr} // '') cmp($b->{ipaddr} // '') } @leases) {
            printf "      %-18s %-17s %-16s expires %s\n", "$lease->{ipaddr}/$lease->{prefix}",
                $lease->{mac} // '-', $lease->{hostname} // '-', scalar localtime($lease->{expirytime});
        }
    }
}

sub show_pools {
    my ($conn) = @_;
    my @pools = sort { $a->get_name cmp $b->get_name } $conn->list_all_storage_pools;
    printf "\nStorage pools: %d\n", scalar @pools;
    for my $pool (@pools) {
        my $info = $pool->get_info;
        my $active = $pool->is_active;
        printf "  %-20s %-8s %s of %s used (%s)\n", $pool->get_name, $active ? 'active' : 'inactive',
            size($info->{allocation}), size($info->{capacity}), percent($info->{allocation}, $info->{capacity});
        next unless $active;
        my @volumes = sort { $a->get_name cmp $b->get_name } $pool->list_all_volumes;
        print "      no volumes\n" unless @volumes;
        for my $vol (@volumes) {
            my $vinfo = $vol->get_info;
            printf "      %-24s %9s allocated of %9s  %s\n", $vol->get_name, size($vinfo->{allocation}),
                size($vinfo->{capacity}), $vol->get_path;
        }
    }
}

sub size {
    my ($bytes) = @_;
    my @units = qw(B KiB MiB GiB TiB PiB);
    my $unit = 0;
    while ($bytes >= 1024 && $unit < $#units) {
        $bytes /= 1024;
        $unit++;
    }
    return $unit ? sprintf('%.1f %s', $bytes, $units[$unit]) : "$bytes B";
}

sub percent {
    my ($part, $whole) = @_;
    return $whole ? sprintf('%.0f%%', 100 * $part / $whole) : '-';
}

__END__

=head1 NAME

inventory.pl - list a host's networks, DHCP leases, storage pools and volumes

=head1 SYNOPSIS

  perl examples/inventory.pl [--uri URI]

=head1 DESCRIPTION

Connects to a libvirt host and prints, one block each:

=over 4

=item *

every virtual network, whether it is active and persistent, its bridge,
and for active ones the DHCP leases the network's DHCP server has handed
out (address and prefix, MAC address, host name, expiry time);

=item *

every storage pool with its allocation and capacity, and for active pools
each volume with its allocation, capacity and path.

=back

Drivers that keep no leases (the test driver, for one) get a line saying
why instead.

=head1 OPTIONS

=over 4

=item B<--uri>, B<-c> URI

The libvirt URI to connect to; C<test:///default> (libvirt's built-in
test driver) by default.

=item B<--help>, B<-h>

This manual.

=back

=head1 EXIT STATUS

0 when everything was listed, 1 when libvirt refused (the message is
printed on standard error), 2 for wrong options.

=cut
