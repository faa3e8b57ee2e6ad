# -*- perl -*-
#
# Storage on a real daemon: a private libvirtd's storage driver with a
# directory pool in a temporary directory. What the calls do is checked
# on disk: the pool's directory is made and removed, volumes are files
# whose bytes are copied by cloning, whose size changes with resize, and
# which wiping overwrites; a deleted volume's file is gone.

use strict;
use warnings;

use FindBin;
use lib "$FindBin::Bin/lib";

use Crash ();
use Sys::Virt;
BEGIN { Crash::assert_our_build() }

use File::Temp ();
use POSIX ();
use Test::More;
use PrivateLibvirtd;
use SVTest qw(error_of error_code_is ERRC names sorted);

my $d = PrivateLibvirtd->start_or_skip;
PrivateLibvirtd->watchdog(240, '111-storage-libvirtd.t');

my $conn = Sys::Virt->new(uri => $d->uri);
my $dir = $d->dir . '/pool111';
ok(!-e $dir, 'the pool directory does not exist yet');

sub SP { my $v = 0; $v |= Sys::Virt::StoragePool->can($_)->() for @_; $v }
sub SV { my $v = 0; $v |= Sys::Virt::StorageVol->can($_)->() for @_; $v }
sub vol_xml {
    my ($name, $bytes) = @_;
    return "<volume><name>$name</name><capacity unit='bytes'>$bytes</capacity>"
         . "<target><format type='raw'/></target></volume>";
}
sub slurp { my ($path) = @_; open my $fh, '<:raw', $path or die "$path: $!"; local $/; return scalar <$fh> }
sub spew { my ($path, $data) = @_; open my $fh, '+<:raw', $path or die "$path: $!"; print $fh $data; close $fh or die "$path: $!" }

my $SIZE = 1 << 20;
my $PATTERN = join('', map { chr } 0 .. 255) x ($SIZE / 256);

# ------------------------------------------------------------ the pool

my $pool = $conn->define_storage_pool(
    "<pool type='dir'><name>p111</name><target><path>$dir</path></target></pool>");
is(ref $pool, 'Sys::Virt::StoragePool', 'define_storage_pool');
ok(!$pool->is_active, 'defined, inactive');
is_deeply([$conn->list_defined_storage_pool_names], ['p111'], 'list_defined_storage_pool_names');
$pool->build;
ok(-d $dir, 'build makes the directory');
$pool->create;
ok($pool->is_active, 'create starts the pool');
my $info = $pool->get_info;
is($info->{state}, SP('STATE_RUNNING'), 'get_info: running');
ok($info->{capacity} > 0 && $info->{available} > 0 && $info->{available} <= $info->{capacity},
   'get_info: the file system\'s sizes') or diag explain $info;
is($conn->get_storage_pool_by_target_path($dir)->get_name, 'p111', 'get_storage_pool_by_target_path');
error_code_is(error_of { $conn->get_storage_pool_by_target_path("$dir/nowhere") }, ERRC('ERR_NO_STORAGE_POOL'),
              'get_storage_pool_by_target_path: unknown path');
like($conn->get_storage_pool_capabilities, qr{<storagepoolCapabilities>.*<pool type='dir' supported='yes'>}s,
     'get_storage_pool_capabilities');
is_deeply([names($conn->list_all_storage_pools(SP('LIST_DIR') | SP('LIST_ACTIVE')))], ['p111'], 'list_all_storage_pools with flags');
is_deeply([names($conn->list_storage_pools)], ['p111'], 'list_storage_pools');
$pool->set_autostart(1);
is($pool->get_autostart, 1, 'set_autostart');
is_deeply([names($conn->list_all_storage_pools(SP('LIST_AUTOSTART')))], ['p111'], 'LIST_AUTOSTART');
$pool->set_autostart(0);
like($pool->get_xml_description, qr{<path>\Q$dir\E</path>}, 'the pool XML has its path');

# ------------------------------------------------------------ volumes

my $src = $pool->create_volume(vol_xml('src.img', $SIZE));
my $src_path = "$dir/src.img";
is($src->get_path, $src_path, 'create_volume: path');
is($src->get_key, $src_path, 'key');
ok(-f $src_path, 'the file exists');
is(-s $src_path, $SIZE, 'with the capacity as its size');
is($src->get_info->{type}, SV('TYPE_FILE'), 'get_info: a file');
is($src->get_info->{capacity}, $SIZE, 'get_info: capacity');
my $phys = $src->get_info(SV('GET_PHYSICAL'));
is($phys->{allocation}, $SIZE, 'get_info(GET_PHYSICAL): the file\'s size');
spew($src_path, $PATTERN);
is(slurp($src_path), $PATTERN, 'a pattern written into the source volume');

my $clone = $pool->clone_volume(vol_xml('clone.img', $SIZE), $src);
my $clone_path = "$dir/clone.img";
is($clone->get_path, $clone_path, 'clone_volume');
ok(slurp($clone_path) eq $PATTERN, 'the clone holds the source\'s bytes');
my $copy = $pool->create_volume(vol_xml('copy.img', $SIZE), $src);
ok(slurp("$dir/copy.img") eq $PATTERN, 'create_volume with a clone volume copies too');

is($pool->num_of_storage_volumes, 3, 'three volumes');
is_deeply([sorted($pool->list_storage_vol_names)], [qw(clone.img copy.img src.img)], 'list_storage_vol_names');
is_deeply([sorted(names($pool->list_all_volumes))], [qw(clone.img copy.img src.img)], 'list_all_volumes');
is_deeply([sorted(names($pool->list_volumes))], [qw(clone.img copy.img src.img)], 'list_volumes');
is($conn->get_storage_volume_by_path($clone_path)->get_name, 'clone.img', 'get_storage_volume_by_path');
is($conn->get_storage_volume_by_key($src_path)->get_name, 'src.img', 'get_storage_volume_by_key');
is($conn->get_storage_pool_by_volume($clone)->get_name, 'p111', 'get_storage_pool_by_volume');

# A file made behind libvirt's back shows up after refresh.
{
    open my $fh, '>', "$dir/outside.img" or die $!;
    print $fh 'x' x 4096;
    close $fh;
    $pool->refresh;
    my $out = $pool->get_volume_by_name('outside.img');
    is($out->get_info->{capacity}, 4096, 'refresh finds a file made outside libvirt');
    $out->delete;
    ok(!-e "$dir/outside.img", 'and delete removes it');
}

# Resizing.
$clone->resize(2 * $SIZE);
is(-s $clone_path, 2 * $SIZE, 'resize grows the file');
is($clone->get_info->{capacity}, 2 * $SIZE, 'and the capacity');
ok(substr(slurp($clone_path), 0, $SIZE) eq $PATTERN, 'keeping its data');
$clone->resize($SIZE / 2, SV('RESIZE_DELTA'));
is(-s $clone_path, 2 * $SIZE + $SIZE / 2, 'RESIZE_DELTA adds');
$clone->resize($SIZE, SV('RESIZE_SHRINK'));
is(-s $clone_path, $SIZE, 'RESIZE_SHRINK shrinks');
error_code_is(error_of { $clone->resize($SIZE / 4) }, ERRC('ERR_INVALID_ARG'), 'shrinking without RESIZE_SHRINK');
is(-s $clone_path, $SIZE, 'the file is left alone');

# Wiping: the bytes really change.
$clone->wipe;
is(-s $clone_path, $SIZE, 'wipe keeps the size');
ok(slurp($clone_path) eq "\0" x $SIZE, 'wipe zeroes the data');
ok(slurp($src_path) eq $PATTERN, 'the source is untouched');
$copy->wipe_pattern(SV('WIPE_ALG_ZERO'));
ok(slurp("$dir/copy.img") eq "\0" x $SIZE, 'wipe_pattern(WIPE_ALG_ZERO) zeroes the data');
spew("$dir/copy.img", $PATTERN);
{
    my $err = error_of { $copy->wipe_pattern(SV('WIPE_ALG_RANDOM')) };
    if (!$err) {
        my $data = slurp("$dir/copy.img");
        ok($data ne $PATTERN && $data ne "\0" x $SIZE, 'wipe_pattern(WIPE_ALG_RANDOM) overwrites the data');
    } else {
        # Every algorithm but ZERO and TRIM runs the scrub program.
        isa_ok($err, 'Sys::Virt::Error', 'wipe_pattern(WIPE_ALG_RANDOM) without scrub');
        like($err->message, qr/scrub|wipe/i, 'the message says why');
        ok(slurp("$dir/copy.img") eq $PATTERN, 'and the data is left as it was');
    }
}

# A volume deleted through another connection.
{
    my $other = Sys::Virt->new(uri => $d->uri);
    $other->get_storage_volume_by_path("$dir/copy.img")->delete;
    ok(!-e "$dir/copy.img", 'deleted through another connection: the file is gone');
    error_code_is(error_of { $copy->get_info }, ERRC('ERR_NO_STORAGE_VOL'), 'the stale object: get_info');
    error_code_is(error_of { $copy->wipe }, ERRC('ERR_NO_STORAGE_VOL'), 'the stale object: wipe');
    error_code_is(error_of { $copy->resize(1) }, ERRC('ERR_NO_STORAGE_VOL'), 'the stale object: resize');
    error_code_is(error_of { $copy->delete }, ERRC('ERR_NO_STORAGE_VOL'), 'the stale object: delete');
    error_code_is(error_of { $pool->clone_volume(vol_xml('x.img', 1), $copy) }, ERRC('ERR_NO_STORAGE_VOL'),
                  'cloning the stale object');
    ok(!-e "$dir/x.img", 'makes no file');
}

$clone->delete;
ok(!-e $clone_path, 'delete removes the clone\'s file');
$src->delete(SV('DELETE_NORMAL'));
ok(!-e $src_path, 'and the source\'s');
is($pool->num_of_storage_volumes, 0, 'no volumes left');

# ------------------------------------------------------------ the pool goes

$pool->destroy;
ok(!$pool->is_active, 'destroy');
ok(-d $dir, 'leaves the directory');
$pool->delete;
ok(!-e $dir, 'delete removes the directory');
$pool->create(SP('CREATE_WITH_BUILD'));
ok($pool->is_active && -d $dir, 'create(CREATE_WITH_BUILD) builds and starts');
$pool->destroy;
$pool->delete;
$pool->undefine;
error_code_is(error_of { $pool->get_info }, ERRC('ERR_NO_STORAGE_POOL'), 'undefine: the pool is gone');
is_deeply([names($conn->list_all_storage_pools)], [], 'no pools left');

# A transient pool with a build flag on creation.
my $tp = $conn->create_storage_pool(
    "<pool type='dir'><name>t111</name><target><path>$dir</path></target></pool>", SP('CREATE_WITH_BUILD'));
ok($tp->is_active && !$tp->is_persistent && -d $dir, 'create_storage_pool(CREATE_WITH_BUILD)');
$tp->destroy;
rmdir $dir;
error_code_is(error_of { $tp->get_info }, ERRC('ERR_NO_STORAGE_POOL'), 'a destroyed transient pool is gone');

# ------------------------------------------------------------ parity
#
# The same program under the C module (when installed) and under this
# build, on this daemon, each with a pool of its own: the same answers,
# errors and files.

my $PROBE = <<'PERL';
use strict; use warnings;
use Sys::Virt;
use Digest::MD5 qw(md5_hex);
$| = 1;
my ($uri, $dir, $name) = @ARGV;
my $c = Sys::Virt->new(uri => $uri);
sub file { my $p = shift; return -e $p ? (-s $p) . ':' . do { open my $f, '<:raw', $p; local $/; md5_hex(<$f>) } : 'none' }
sub obs {
    my ($label, $code) = @_;
    my @r = eval { $code->() };
    my $e = $@;
    print "$label: ", ($e ? (ref $e ? "ERROR code=$e->{code} domain=$e->{domain}" : 'DIED')
                          : join(' ', map { !defined $_ ? 'undef' : ref $_ ? ref $_ : $_ } @r)), "\n";
}
sub vinfo { my $i = shift->get_info(@_); return "type=$i->{type} capacity=$i->{capacity}" }
my $p = $c->define_storage_pool("<pool type='dir'><name>$name</name><target><path>$dir</path></target></pool>");
obs('define', sub { ($p->is_active, $p->is_persistent, -e $dir ? 'dir' : 'nodir') });
obs('build', sub { $p->build(0); -d $dir ? 'dir' : 'nodir' });
obs('create', sub { $p->create; ($p->is_active, $p->get_info->{state}) });
obs('by target', sub { $c->get_storage_pool_by_target_path($dir)->get_name eq $name ? 'same' : 'other' });
my $xml = sub { "<volume><name>$_[0]</name><capacity unit='bytes'>$_[1]</capacity><target><format type='raw'/></target></volume>" };
my $v = $p->create_volume($xml->('a.img', 65536));
obs('volume', sub { ($v->get_name, $v->get_path eq "$dir/a.img" ? 'path' : 'otherpath', vinfo($v), file("$dir/a.img")) });
{ open my $f, '+<:raw', "$dir/a.img" or die; print $f join('', map { chr($_ % 251) } 0 .. 65535); close $f }
my $w = $p->clone_volume($xml->('b.img', 65536), $v);
obs('clone', sub { (vinfo($w), file("$dir/b.img")) });
obs('resize', sub { $w->resize(131072); (vinfo($w), file("$dir/b.img")) });
obs('resize delta', sub { $w->resize(4096, Sys::Virt::StorageVol::RESIZE_DELTA()); (vinfo($w), file("$dir/b.img")) });
obs('shrink', sub { $w->resize(65536, Sys::Virt::StorageVol::RESIZE_SHRINK()); (vinfo($w), file("$dir/b.img")) });
obs('bad shrink', sub { $w->resize(10) });
obs('physical', sub { vinfo($w, Sys::Virt::StorageVol::GET_PHYSICAL()) });
obs('wipe', sub { $w->wipe; file("$dir/b.img") });
obs('wipe zero', sub { $v->wipe_pattern(Sys::Virt::StorageVol::WIPE_ALG_ZERO()); file("$dir/a.img") });
obs('names', sub { sort $p->list_storage_vol_names(10) });
obs('by path', sub { $c->get_storage_volume_by_path("$dir/b.img")->get_name });
obs('by key', sub { $c->get_storage_volume_by_key("$dir/a.img")->get_name });
obs('unknown path', sub { $c->get_storage_volume_by_path("$dir/none.img") });
obs('delete', sub { $w->delete(0); file("$dir/b.img") });
obs('stale', sub { $w->get_info });
obs('stale wipe', sub { $w->wipe });
obs('caps', sub { $c->get_storage_pool_capabilities =~ /<storagepoolCapabilities>/ ? 'caps' : 'nocaps' });
obs('delete active', sub { $p->delete(0) });
obs('destroy', sub { $v->delete; $p->destroy; ($p->is_active, -d $dir ? 'dir' : 'nodir') });
obs('delete', sub { $p->delete(0); -e $dir ? 'dir' : 'nodir' });
obs('undefine', sub { $p->undefine; 'done' });
obs('gone', sub { $p->get_info });
PERL

sub run_probe {
    my ($reference, $name) = @_;
    my $out = File::Temp->new;
    my $pdir = $d->dir . "/$name";
    my $pid = fork;
    die "fork: $!" unless defined $pid;
    if (!$pid) {
        open STDOUT, '>&', $out or POSIX::_exit(126);
        open STDERR, '>', '/dev/null' or POSIX::_exit(126);
        my @perl = $reference ? ($^X) : ($^X, map { "-I$_" } grep { !ref } @INC);
        if ($reference) {
            delete @ENV{qw(PERL5LIB PERLLIB PERL5OPT)};
            chdir '/';
        }
        exec @perl, '-e', $PROBE, $d->uri, $pdir, $name or POSIX::_exit(127);
    }
    waitpid $pid, 0;
    my $status = $?;
    open my $in, '<', $out->filename or die $!;
    return ($status, [map { chomp; $_ } <$in>]);
}

my ($ours_status, $ours) = run_probe(0, 'parity-ours');
is($ours_status, 0, 'parity probe: runs under this build');
is(scalar @$ours, 26, 'parity probe: prints its observations') or diag join "\n", @$ours;
SKIP: {
    my $ref_pm = '/usr/lib/x86_64-linux-gnu/perl5/5.36/Sys/Virt.pm';
    skip "the C module ($ref_pm, libsys-virt-perl) is not installed", 2 unless -f $ref_pm;
    my ($ref_status, $ref) = run_probe(1, 'parity-ref');
    is($ref_status, 0, 'parity probe: runs under the C module');
    is_deeply($ours, $ref, 'parity probe: the same answers, errors and files as the C module')
        or diag join "\n", map { "ours: $ours->[$_]\nref:  " . ($ref->[$_] // '(none)') }
                           grep { ($ours->[$_] // '') ne ($ref->[$_] // '') } 0 .. $#$ours;
}

done_testing;
