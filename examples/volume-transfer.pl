#!/usr/bin/perl
#
# Copies a storage volume's contents to a local file or back, with a
# progress bar, keeping holes and resuming an interrupted copy on request.
# Run with --help for the manual.

use strict;
use warnings;

use Fcntl qw(O_RDONLY O_WRONLY O_CREAT SEEK_SET SEEK_CUR);
use Getopt::Long qw(GetOptions);
use Pod::Usage qw(pod2usage);
use Time::HiRes qw(time);

use Sys::Virt;

# Linux's lseek whence values for finding data and holes in a file.
use constant { SEEK_DATA => 3, SEEK_HOLE => 4 };

my %opt = (uri => 'test:///default');
GetOptions(\%opt, 'uri|c=s', 'sparse', 'resume', 'quiet|q', 'help|h')
    or pod2usage(-exitval => 2, -verbose => 0);
pod2usage(-exitval => 0, -verbose => 2, -noperldoc => 1) if $opt{help};
my ($command, @args) = @ARGV;
pod2usage(-exitval => 2, -verbose => 0, -message => 'Say download POOL VOLUME FILE or upload FILE POOL VOLUME.')
    unless defined $command && $command =~ /\A(?:download|upload)\z/ && @args == 3;

my $ok = eval {
    my $conn = Sys::Virt->new(uri => $opt{uri});
    if ($command eq 'download') {
        my ($pool, $volume, $file) = @args;
        download($conn, $conn->get_storage_pool_by_name($pool)->get_volume_by_name($volume), $file);
    } else {
        my ($file, $pool, $volume) = @args;
        upload($conn, $file, $conn->get_storage_pool_by_name($pool)->get_volume_by_name($volume));
    }
    1;
};
unless ($ok) {
    my $err = $@;
    my $text = ref $err && $err->isa('Sys::Virt::Error') ? $err->message : "$err";
    $text =~ s/\s+\z//;
    print STDERR "volume-transfer: $text\n";
    exit 1;
}
exit 0;

# ------------------------------------------------------------- progress

# A bar on a terminal, one line per tenth of the way otherwise.
{
    my ($total, $done, $started, $last_tenth, $last_draw) = (0, 0, 0, -1, 0);

    sub progress_start {
        ($total, $done, $started, $last_tenth, $last_draw) = (shift, shift, time, -1, 0);
        progress(0);
    }

    sub progress {
        $done += shift;
        return if $opt{quiet};
        my $fraction = $total ? $done / $total : 1;
        $fraction = 1 if $fraction > 1;
        my $rate = $done / ((time - $started) || 1e-6);
        if (-t STDERR) {
            return if time - $last_draw < 0.1 && $done < $total;
            $last_draw = time;
            my $width = 40;
            my $filled = int($fraction * $width);
            printf STDERR "\r[%s%s] %5.1f%% %s/s ", '#' x $filled, ' ' x ($width - $filled), 100 * $fraction, human($rate);
        } else {
            my $tenth = int($fraction * 10);
            return if $tenth == $last_tenth;
            $last_tenth = $tenth;
            printf STDERR "%3d%% %s of %s\n", 10 * $tenth, human($done), human($total);
        }
    }

    sub progress_end {
        print STDERR "\n" if -t STDERR && !$opt{quiet};
    }
}

sub human {
    my ($bytes) = @_;
    my @units = qw(B KiB MiB GiB TiB);
    my $unit = 0;
    while ($bytes >= 1024 && $unit < $#units) {
        $bytes /= 1024;
        $unit++;
    }
    return $unit ? sprintf('%.1f %s', $bytes, $units[$unit]) : sprintf('%d B', $bytes);
}

# ------------------------------------------------------------- download

sub download {
    my ($conn, $vol, $file) = @_;
    my $capacity = $vol->get_info->{capacity};
    my $offset = 0;
    if ($opt{resume} && -e $file) {
        $offset = -s _;
        die "$file is already as large as the volume\n" if $offset >= $capacity;
        print STDERR "resuming at byte $offset\n" unless $opt{quiet};
    }
    sysopen(my $out, $file, O_WRONLY | O_CREAT) or die "$file: $!\n";
    binmode $out;
    truncate($out, $offset) or die "$file: $!\n";
    sysseek($out, $offset, SEEK_SET) or die "$file: $!\n";
    my $stream = $conn->new_stream;
    my $flags = $opt{sparse} ? Sys::Virt::StorageVol::VOL_DOWNLOAD_SPARSE_STREAM() : 0;
    $vol->download($stream, $offset, 0, $flags);
    progress_start($capacity, $offset);
    my $write = sub {
        my ($st, $data, $n) = @_;
        my $written = syswrite($out, $data, $n);
        return -1 unless defined $written && $written == $n;
        progress($n);
        return $n;
    };
    if ($opt{sparse}) {
        # A hole is skipped over; the file grows to cover it.
        my $skip = sub {
            my ($st, $length) = @_;
            my $at = sysseek($out, $length, SEEK_CUR) or return -1;
            truncate($out, $at) or return -1;
            progress($length);
            return 0;
        };
        $stream->sparse_recv_all($write, $skip);
    } else {
        $stream->recv_all($write);
    }
    $stream->finish;
    close $out or die "$file: $!\n";
    progress_end();
}

# --------------------------------------------------------------- upload

sub upload {
    my ($conn, $file, $vol) = @_;
    my $size = -s $file;
    die "$file: $!\n" unless defined $size;
    my $offset = 0;
    if ($opt{resume}) {
        # What the volume already holds is taken as copied.
        $offset = $vol->get_info(Sys::Virt::StorageVol::GET_PHYSICAL())->{allocation};
        $offset = $size if $offset > $size;
        print STDERR "resuming at byte $offset\n" unless $opt{quiet};
    }
    sysopen(my $in, $file, O_RDONLY) or die "$file: $!\n";
    binmode $in;
    sysseek($in, $offset, SEEK_SET) or die "$file: $!\n";
    my $stream = $conn->new_stream;
    my $flags = $opt{sparse} ? Sys::Virt::StorageVol::VOL_UPLOAD_SPARSE_STREAM() : 0;
    $vol->upload($stream, $offset, $size - $offset, $flags);
    progress_start($size, $offset);
    my $read = sub {
        my ($st, undef, $n) = @_;
        my $got = sysread($in, $_[1], $n);
        return -1 unless defined $got;
        progress($got);
        return $got;
    };
    if ($opt{sparse}) {
        # Where the file's cursor is: (1, bytes of data left) or (0, bytes of hole left).
        my $section = sub {
            my $at = sysseek($in, 0, SEEK_CUR);
            my $data = sysseek($in, $at, SEEK_DATA);
            my @answer;
            if (!defined $data) {
                @answer = (0, $size - $at);            # a hole up to the end
            } elsif ($data > $at) {
                @answer = (0, $data - $at);
            } else {
                my $hole = sysseek($in, $at, SEEK_HOLE) // $size;
                @answer = (1, $hole - $at);
            }
            sysseek($in, $at, SEEK_SET);
            return @answer;
        };
        my $skip = sub {
            my ($st, $length) = @_;
            sysseek($in, $length, SEEK_CUR) or return -1;
            progress($length);
            return 0;
        };
        $stream->sparse_send_all($read, $section, $skip);
    } else {
        $stream->send_all($read);
    }
    $stream->finish;
    close $in;
    progress_end();
}

__END__

=head1 NAME

volume-transfer.pl - copy a storage volume to a file or a file to a volume

=head1 SYNOPSIS

  perl examples/volume-transfer.pl [--uri URI] [--sparse] [--resume] download POOL VOLUME FILE
  perl examples/volume-transfer.pl [--uri URI] [--sparse] [--resume] upload FILE POOL VOLUME

=head1 DESCRIPTION

B<download> copies the contents of the volume VOLUME of the storage pool
POOL into the local file FILE; B<upload> copies FILE into the volume.
Both go through a libvirt stream (C<< $vol->download >> or
C<< $vol->upload >> with C<recv_all>/C<send_all>, or their sparse
versions), so they work the same on a remote host.

On a terminal a progress bar shows how far the copy is and how fast it
goes; otherwise a line is printed at every tenth of the way.

=head1 OPTIONS

=over 4

=item B<--uri>, B<-c> URI

The libvirt URI to connect to; C<test:///default> by default (whose
driver has no volume streams: use a real one).

=item B<--sparse>

Keep holes: the stream carries the lengths of the holes of the source
instead of their zeros, and the copy gets the same holes.

=item B<--resume>

Continue an interrupted copy: a download starts at the size FILE already
has; an upload starts at what the volume has already allocated.

=item B<--quiet>, B<-q>

No progress.

=item B<--help>, B<-h>

This manual.

=back

=head1 EXIT STATUS

0 when the copy is complete, 1 when libvirt refused or a file could not be
read or written (the message is printed on standard error), 2 for wrong
arguments.

=cut
