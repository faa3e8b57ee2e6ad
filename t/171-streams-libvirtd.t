# -*- perl -*-
#
# Streams on a real daemon (a private libvirtd with the QEMU driver):
# uploading a 128 MiB file into a volume of a directory pool and
# downloading it back byte for byte, whole and by range; sparse uploads
# and downloads that keep the holes (through the sparse handlers and
# through recv's stop-at-hole); send_all handlers that lie about what they
# supplied; examples/volume-transfer.pl run on a sparse file; and a
# guest's serial console, opened while the guest is
# paused, read in non-blocking mode from an event callback while SeaBIOS
# writes to it, plus its VNC server through open_graphics and
# open_graphics_fd.

use strict;
use warnings;

use FindBin;
use lib "$FindBin::Bin/lib";

use Crash ();
use Sys::Virt;
BEGIN { Crash::assert_our_build() }

use Test::More;
use Digest::SHA;
use Fcntl qw(SEEK_SET SEEK_CUR SEEK_END);
use Socket qw(AF_UNIX SOCK_STREAM PF_UNSPEC);
use IO::Handle;
use PrivateLibvirtd;
use SVTest qw(error_of error_code_is ERRC);

my $d = PrivateLibvirtd->start_or_skip;
PrivateLibvirtd->watchdog(300, '171-streams-libvirtd.t');

# Stream callbacks need the event loop in place before connecting.
Sys::Virt::Event::register_default();
my $conn = Sys::Virt->new(uri => $d->uri);

use constant MiB => 1 << 20;
use constant { SEEK_DATA => 3, SEEK_HOLE => 4 };    # Linux's lseek whences

my $work = $d->dir . '/work171';
mkdir $work or die "$work: $!";
my $dir = $d->dir . '/pool171';

{ package Guard171; sub DESTROY { $_[0][0]->() } }

sub sha_of { my $sha = Digest::SHA->new(256); $sha->addfile($_[0], 'b'); return $sha->hexdigest }
sub allocated { my @st = stat $_[0] or die "$_[0]: $!"; return $st[12] * 512 }
sub vol_xml {
    my ($name, $bytes, $allocation) = @_;
    return "<volume><name>$name</name><capacity unit='bytes'>$bytes</capacity>"
         . "<allocation unit='bytes'>" . ($allocation // $bytes) . "</allocation>"
         . "<target><format type='raw'/></target></volume>";
}

my $pool = $conn->define_storage_pool(
    "<pool type='dir'><name>p171</name><target><path>$dir</path></target></pool>");
$pool->build;
$pool->create;
ok($pool->is_active, 'a directory pool to transfer volumes in');

# ------------------------------------------------- 128 MiB, byte for byte

my $SIZE = 128 * MiB;
my $source = "$work/source.bin";
{
    open my $rand, '<:raw', '/dev/urandom' or die "urandom: $!";
    read($rand, my $block, MiB) == MiB or die "urandom: short read";
    open my $out, '>:raw', $source or die "$source: $!";
    # Every MiB differs from the others (its number in front), so that a
    # misplaced block is seen.
    for my $i (0 .. $SIZE / MiB - 1) {
        substr($block, 0, 8) = pack 'Q>', $i;
        print {$out} $block;
    }
    close $out or die "$source: $!";
}
my $source_sha = sha_of($source);

my $vol = $pool->create_volume(vol_xml('dense.img', $SIZE));
{
    my $st = $conn->new_stream;
    open my $in, '<:raw', $source or die "$source: $!";
    my ($calls, $sent) = (0, 0);
    $vol->upload($st, 0, 0);
    $st->send_all(sub {
        my ($self, undef, $nbytes) = @_;
        $calls++;
        my $n = sysread($in, $_[1], $nbytes);
        $sent += $n if $n;
        return $n;
    });
    $st->finish;
    is($sent, $SIZE, "upload: send_all sent 128 MiB ($calls calls)");
    is(sha_of("$dir/dense.img"), $source_sha, 'upload: the volume holds the same bytes (sha256)');
}
{
    my $copy = "$work/dense.copy";
    open my $out, '>:raw', $copy or die "$copy: $!";
    my $st = $conn->new_stream;
    $vol->download($st, 0, 0);
    $st->recv_all(sub { my ($self, $data, $n) = @_; return syswrite($out, $data, $n) });
    $st->finish;
    close $out or die "$copy: $!";
    is(-s $copy, $SIZE, 'download: recv_all wrote 128 MiB');
    is(sha_of($copy), $source_sha, 'download: the same bytes (sha256)');
    unlink $copy;
}
{
    # A range, read with recv.
    my $st = $conn->new_stream;
    $vol->download($st, 5 * MiB + 100, 3000);
    my ($got, $buf) = ('');
    while ((my $n = $st->recv($buf, 1024)) > 0) { $got .= $buf }
    $st->finish;
    open my $in, '<:raw', $source or die;
    sysseek($in, 5 * MiB + 100, SEEK_SET);
    sysread($in, my $want, 3000);
    is(length $got, 3000, 'download of a range: its length');
    ok($got eq $want, 'download of a range: its bytes');
}

# --------------------------------------- send_all handlers that misbehave

my $small = $pool->create_volume(vol_xml('small.img', MiB));
for my $case (
    ['claims more than it supplied', sub { $_[1] = 'x' x 10; return 4096 },
     qr/^Sys::Virt::Stream::send_all: the handler returned 4096 but put only 10 bytes in its buffer/],
    ['returns undef', sub { return undef }, qr/^Sys::Virt::Stream::send_all: the handler returned undef/],
    ['returns a word', sub { $_[1] = 'abc'; return 'three' }, qr/^Sys::Virt::Stream::send_all: value 'handler' must be a number/],
    ['dies', sub { die "handler gave up\n" }, qr/^handler gave up$/],
) {
    my ($label, $handler, $re) = @$case;
    my $st = $conn->new_stream;
    $small->upload($st, 0, 0);
    my $err = error_of { $st->send_all($handler) };
    like(ref $err ? "$err" : $err // 'no error', $re, "send_all, handler $label: croaks");
    eval { $st->abort };
}
{
    # Only what the handler supplied reaches the volume.
    my $st = $conn->new_stream;
    $small->upload($st, 0, 0);
    my $calls = 0;
    $st->send_all(sub { return 0 if $calls++; $_[1] = 'ten bytes!'; return 10 });
    $st->finish;
    open my $in, '<:raw', "$dir/small.img" or die;
    sysread($in, my $head, 64);
    is(substr($head, 0, 10), 'ten bytes!', 'send_all: the bytes the handler supplied');
    is(substr($head, 10), "\0" x 54, 'send_all: and nothing after them');
}

# -------------------------------------------------------- sparse volumes

my $SPARSE = 64 * MiB;
my @extents = ([0, MiB], [20 * MiB + 4096, 2 * MiB], [$SPARSE - MiB, MiB]);
my $sparse_src = "$work/sparse.bin";
{
    open my $out, '+>:raw', $sparse_src or die "$sparse_src: $!";
    for my $e (@extents) {
        my ($at, $len) = @$e;
        sysseek($out, $at, SEEK_SET);
        syswrite($out, chr(0x41 + $at % 26) x $len);
    }
    truncate($out, $SPARSE);
    close $out;
}
my $data_bytes = 0;
$data_bytes += $_->[1] for @extents;
ok(allocated($sparse_src) < 8 * MiB, 'a 64 MiB sparse file with 4 MiB of data');
my $sparse_sha = sha_of($sparse_src);

# The hole and skip handlers of sparse_send_all, over a file handle.
sub sparse_handlers {
    my ($fh) = @_;
    my $data = sub { return sysread($fh, $_[1], $_[2]) };
    my $hole = sub {
        my $cur = sysseek($fh, 0, SEEK_CUR);
        my $next_data = sysseek($fh, $cur, SEEK_DATA);
        my ($in_data, $len);
        if (!defined $next_data) {        # in the trailing hole
            my $end = sysseek($fh, 0, SEEK_END);
            ($in_data, $len) = (0, $end - $cur);
        } elsif ($next_data > $cur) {     # in a hole before more data
            ($in_data, $len) = (0, $next_data - $cur);
        } else {                          # in data
            ($in_data, $len) = (1, sysseek($fh, $cur, SEEK_HOLE) - $cur);
        }
        sysseek($fh, $cur, SEEK_SET);
        return ($in_data, $len);
    };
    my $skip = sub { return sysseek($fh, $_[1], SEEK_CUR) ? 0 : -1 };
    return ($data, $hole, $skip);
}

my $svol = $pool->create_volume(vol_xml('sparse.img', $SPARSE, 0));
{
    open my $in, '<:raw', $sparse_src or die;
    my $st = $conn->new_stream;
    $svol->upload($st, 0, 0, Sys::Virt::StorageVol::VOL_UPLOAD_SPARSE_STREAM());
    my ($data, $hole, $skip) = sparse_handlers($in);
    my @skips;
    $st->sparse_send_all($data, $hole, sub { push @skips, $_[1]; $skip->(@_) });
    $st->finish;
    is(-s "$dir/sparse.img", $SPARSE, 'sparse upload: the volume has the full size');
    is(sha_of("$dir/sparse.img"), $sparse_sha, 'sparse upload: the same bytes (sha256)');
    ok(allocated("$dir/sparse.img") < 8 * MiB, 'sparse upload: the holes stay holes ('
       . allocated("$dir/sparse.img") . ' bytes allocated)');
    ok(@skips >= 2, 'sparse upload: the skip handler was asked to skip the holes (' . join(',', @skips) . ')');
}
{
    my $copy = "$work/sparse.copy";
    open my $out, '+>:raw', $copy or die;
    my $st = $conn->new_stream;
    $svol->download($st, 0, 0, Sys::Virt::StorageVol::VOL_DOWNLOAD_SPARSE_STREAM());
    my @holes;
    $st->sparse_recv_all(
        sub { return syswrite($out, $_[1], $_[2]) },
        sub {
            my ($self, $len) = @_;
            push @holes, $len;
            my $pos = sysseek($out, $len, SEEK_CUR) or return -1;
            truncate($out, $pos) or return -1;
            return 0;
        });
    $st->finish;
    close $out;
    is(-s $copy, $SPARSE, 'sparse download: the full size');
    is(sha_of($copy), $sparse_sha, 'sparse download: the same bytes (sha256)');
    ok(allocated($copy) < 8 * MiB, 'sparse download: the holes stay holes (' . allocated($copy) . ' bytes allocated)');
    ok(@holes >= 2, 'sparse download: the hole handler got the holes (' . join(',', @holes) . ')');
    unlink $copy;
}
{
    # The same with recv stopping at holes, and recv_hole.
    my $st = $conn->new_stream;
    $svol->download($st, 0, 0, Sys::Virt::StorageVol::VOL_DOWNLOAD_SPARSE_STREAM());
    my ($pos, $data, @holes, $buf) = (0, 0);
    my $sha = Digest::SHA->new(256);
    while (1) {
        my $n = $st->recv($buf, 256 * 1024, Sys::Virt::Stream::RECV_STOP_AT_HOLE());
        last if $n == 0;
        if ($n == -3) {
            my $len = $st->recv_hole;
            push @holes, $len;
            $sha->add("\0" x $len);
            $pos += $len;
            next;
        }
        $sha->add($buf);
        $pos += $n;
        $data += $n;
    }
    $st->finish;
    is($pos, $SPARSE, 'recv(RECV_STOP_AT_HOLE): data and holes add up to the size');
    is($data, $data_bytes, 'recv(RECV_STOP_AT_HOLE): only the data came as bytes');
    is($sha->hexdigest, $sparse_sha, 'recv(RECV_STOP_AT_HOLE) and recv_hole: the same volume');
}
{
    # send_hole by hand: a 1 MiB volume that is one hole after 4 bytes.
    my $st = $conn->new_stream;
    my $hvol = $pool->create_volume(vol_xml('hole.img', MiB, 0));
    $hvol->upload($st, 0, 0, Sys::Virt::StorageVol::VOL_UPLOAD_SPARSE_STREAM());
    is($st->send('abcd', 4), 4, 'send: returns the count');
    $st->send_hole(MiB - 4);
    $st->finish;
    open my $in, '<:raw', "$dir/hole.img" or die;
    local $/;
    my $all = <$in>;
    ok($all eq 'abcd' . ("\0" x (MiB - 4)), 'send and send_hole: the bytes and then zeros');
    ok(allocated("$dir/hole.img") < MiB, 'send_hole: left a hole');
}

# ------------------------------------------ examples/volume-transfer.pl

{
    # The example program, run as a user would, on the sparse file above.
    my $script = "$FindBin::Bin/../examples/volume-transfer.pl";
    my @perl = ($^X, map { "-I$_" } grep { !ref } @INC);
    my $tvol = $pool->create_volume(vol_xml('example.img', $SPARSE, 0));
    my $back = "$work/example.back";
    for my $run (['--sparse', 'upload', $sparse_src, 'p171', 'example.img'],
                 ['--sparse', 'download', 'p171', 'example.img', $back]) {
        my $pid = open(my $fh, '-|') // die "fork: $!";
        if (!$pid) { open(STDERR, '>&', \*STDOUT); exec(@perl, $script, '-q', '--uri', $d->uri, @$run) or exit 127 }
        local $/;
        my $out = <$fh>;
        close $fh;
        is($?, 0, "examples/volume-transfer.pl $run->[1]") or diag $out;
    }
    is(sha_of("$dir/example.img"), $sparse_sha, 'the example uploads the file whole');
    ok(allocated("$dir/example.img") < 8 * MiB, 'keeping its holes');
    is(sha_of($back), $sparse_sha, 'and downloads it back whole');
    ok(allocated($back) < 8 * MiB, 'keeping its holes again');
    unlink $back;
}

# ------------------------------------------------------- a serial console

my $disk = $d->make_disk('g171');
# The suite's guest, with SeaBIOS writing to a serial console, and VNC.
my $xml = $d->guest_xml('g171', $disk);
$xml =~ s{(<boot dev='hd'/>)}{$1<bios useserial='yes' rebootTimeout='0'/>} or die "no <boot> in the guest XML";
$xml =~ s{(<memballoon )}{<serial type='pty'><target port='0'/></serial>
    <console type='pty'><target type='serial' port='0'/></console>
    <graphics type='vnc' autoport='yes' listen='127.0.0.1'/>
    <video><model type='cirrus'/></video>
    $1} or die "no <memballoon> in the guest XML";
my $dom = $conn->define_domain($xml);
$dom->create(Sys::Virt::Domain::START_PAUSED());
{
    my $st = $conn->new_stream(Sys::Virt::Stream::NONBLOCK());
    $dom->open_console($st, undef);
    is($st->recv(my $nothing, 100), -2, 'console of a paused guest: recv would block (-2)');
    my ($out, @counts, $hangup) = ('');
    my $sub_freed = 0;
    my $guard = bless [sub { $sub_freed++ }], 'Guard171';
    $st->add_callback(Sys::Virt::Stream::EVENT_READABLE(), sub {
        my ($self, $events) = @_;
        my $keep = $guard;
        $hangup = 1 if $events & (Sys::Virt::Stream::EVENT_HANGUP() | Sys::Virt::Stream::EVENT_ERROR());
        my $n = $self->recv(my $buf, 1024);
        push @counts, $n;
        $out .= $buf if $n > 0;
    });
    $dom->resume;
    my $uuid = $dom->get_uuid_string;
    my $until = time + 60;
    Sys::Virt::Event::run_default() while time < $until && !$hangup && $out !~ /Machine UUID \Q$uuid\E/i;
    like($out, qr/SeaBIOS \(version /, 'the console callback read what SeaBIOS wrote');
    like($out, qr/Machine UUID \Q$uuid\E/i, 'including the guest\'s UUID');
    ok(!grep({ $_ < 0 && $_ != -2 } @counts), 'recv in the callback: counts or -2 (' . scalar(@counts) . ' calls)');
    $st->remove_callback;
    $st->abort;
    # libvirt's remote driver never frees a removed callback's data: the
    # sub and the stream object are let go of by remove_callback itself.
    Scalar::Util::weaken(my $weak = $st);
    undef $st;
    ok(!defined $weak, 'the console stream, its callback removed, is freed');
    undef $guard;
    is($sub_freed, 1, 'and so is the callback sub, once');

    my $again = $conn->new_stream;
    $dom->open_console($again, 'serial0', Sys::Virt::Domain::OPEN_CONSOLE_FORCE());
    pass('open_console by alias, with OPEN_CONSOLE_FORCE');
    $again->abort;
    error_code_is(error_of { $dom->open_console($conn->new_stream, 'no-such-console') }, ERRC('ERR_INTERNAL_ERROR'),
                  'open_console: unknown device');
    error_code_is(error_of { $dom->open_channel($conn->new_stream, 'no-such-channel') }, ERRC('ERR_INTERNAL_ERROR'),
                  'open_channel: unknown channel');
}

# -------------------------------------------------- graphics and screens

{
    my $fd = $dom->open_graphics_fd(0);
    ok($fd > 2, "open_graphics_fd: a new descriptor ($fd)");
    open(my $fh, '+<&=', $fd) or die "fdopen $fd: $!";
    my $got = '';
    my $rin = '';
    vec($rin, $fd, 1) = 1;
    select(my $rout = $rin, undef, undef, 10) and sysread($fh, $got, 12);
    is($got, "RFB 003.008\n", 'open_graphics_fd: the VNC server greets us on it');
    close $fh;
}
{
    socketpair(my $ours, my $theirs, AF_UNIX, SOCK_STREAM, PF_UNSPEC) or die "socketpair: $!";
    $dom->open_graphics(0, fileno $theirs);
    close $theirs;
    my $got = '';
    my $rin = '';
    vec($rin, fileno $ours, 1) = 1;
    select(my $rout = $rin, undef, undef, 10) and sysread($ours, $got, 12);
    is($got, "RFB 003.008\n", 'open_graphics: the VNC server greets us on our socket');
}
{
    # Read through an event callback.
    my $st = $conn->new_stream(Sys::Virt::Stream::NONBLOCK());
    my $mime = $dom->screenshot($st, 0);
    my ($image, $done) = ('', 0);
    $st->add_callback(Sys::Virt::Stream::EVENT_READABLE() | Sys::Virt::Stream::EVENT_HANGUP(), sub {
        my ($self, $events) = @_;
        my $n = $self->recv(my $buf, 65536);
        $image .= $buf if $n > 0;
        $done = 1 if $n == 0 || $events & Sys::Virt::Stream::EVENT_HANGUP();
    });
    my $until = time + 30;
    Sys::Virt::Event::run_default() while !$done && time < $until;
    $st->remove_callback;
    $st->finish;
    my %signature = ('image/png' => qr/\A\x89PNG\r\n\x1a\n/, 'image/x-portable-pixmap' => qr/\AP6\s+\d+\s+\d+\s+255\s/);
    ok($signature{$mime}, "screenshot: QEMU's MIME type ($mime)");
    like($image, $signature{$mime} || qr/^(?!)/, 'screenshot, read from an event callback: an image of that type');
}

$dom->destroy;
$dom->undefine;
for my $v ($pool->list_all_volumes) { $v->delete }
$pool->destroy;
$pool->undefine;

done_testing;
