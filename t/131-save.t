# -*- perl -*-
#
# Saving and restoring on a real hypervisor (private libvirtd, QEMU, a
# guest that boots nothing): save to a file by name and by a hash of
# SAVE_PARAM_* fields, restore_domain, the XML kept in a save image,
# managed save (create resumes from the image, has_managed_save_image and
# managed_save_remove), and core dumps in each format QEMU offers here,
# checked by their magic bytes.  The caller's variables and hashes are
# left as they were; bad arguments croak or raise Sys::Virt::Error and
# leak no file descriptor.  Last, the calls that hand open files to
# libvirt (fd_associate on QEMU; create_domain_with_files and
# create_with_files, which only the test driver and LXC implement, on
# test:///default), with file handles and descriptor numbers.

use strict;
use warnings;

use FindBin;
use lib "$FindBin::Bin/lib";

use Test::More;
use Crash ();
use Sys::Virt;
BEGIN { Crash::assert_our_build() }
use PrivateLibvirtd;
use SVTest qw(error_of error_code_is croaks_ok);

my $d = PrivateLibvirtd->start_or_skip;
PrivateLibvirtd->watchdog(85, '131-save.t');

use constant DOM => 'Sys::Virt::Domain';
my $RUNNING = Sys::Virt::Domain::STATE_RUNNING();
my $PAUSED  = Sys::Virt::Domain::STATE_PAUSED();
my $SHUTOFF = Sys::Virt::Domain::STATE_SHUTOFF();
my $FILE = Sys::Virt::Domain::SAVE_PARAM_FILE();
my $DXML = Sys::Virt::Domain::SAVE_PARAM_DXML();

sub magic {
    my ($path, $n) = @_;
    open(my $fh, '<:raw', $path) or return '';
    read($fh, my $bytes, $n || 16);
    return $bytes;
}

sub open_fds {
    opendir(my $dh, '/proc/self/fd') or return -1;
    my $n = grep { /^\d+$/ } readdir $dh;
    return $n;
}

my $conn = Sys::Virt->new(uri => $d->uri);
my $dir  = $d->dir;
my $disk = $d->make_disk('g131');
my $dom  = $conn->define_domain($d->guest_xml('g131', $disk));
my $uuid = $dom->get_uuid_string;

# A marker in the disk, written while nothing holds the image.
my ($ok, $out) = $d->qemu_io($disk, 'write -P 0x5a 1M 64k');
ok($ok, 'a marker is written into the guest disk') or diag $out;
$dom->create;
is(($dom->get_state)[0], $RUNNING, 'the guest runs');

# ------------------------------------------------------------ save by name

my $file1 = "$dir/save1.img";
is($dom->save($file1), undef, 'save by file name returns nothing');
ok(-s $file1, 'the save file is written');
is(magic($file1, 16), 'LibvirtQemudSave', 'it is a libvirt QEMU save image');
ok(!$dom->is_active, 'the guest stopped when saved');
is(($dom->get_state)[0], $SHUTOFF, 'shut off');
($ok, $out) = $d->qemu_io($disk, 'read -P 0x5a 1M 64k');
ok($ok, 'the marker is on the disk while the guest is saved') or diag $out;

my $image_xml = $conn->get_save_image_xml_description($file1);
like($image_xml, qr{<name>g131</name>}, 'the save image holds the domain XML');
like($image_xml, qr{<uuid>\Q$uuid\E</uuid>}, 'with the domain\'s UUID');

# The save image's XML round trips.
(my $described = $image_xml) =~ s{</name>}{</name>\n  <description>saved once</description>};
is($conn->define_save_image_xml($file1, $described), undef, 'define_save_image_xml');
like($conn->get_save_image_xml_description($file1), qr{<description>saved once</description>},
    'the new XML is in the image');

is($conn->restore_domain($file1), undef, 'restore_domain by file name returns nothing');
ok($dom->is_active, 'the guest runs again');
is(($dom->get_state)[0], $RUNNING, 'in the running state');
is($dom->get_uuid_string, $uuid, 'the same domain');
like($dom->get_xml_description, qr{<description>saved once</description>},
    'with the XML stored in the image');

# ------------------------------------------------------------ flags and dxml

my $file2 = "$dir/save2.img";
$dom->save($file2, undef, undef, Sys::Virt::Domain::SAVE_PAUSED());
ok(-s $file2, 'save with flags');
(my $dxml = $conn->get_save_image_xml_description($file2)) =~ s{<description>saved once</description>}{<description>restored with dxml</description>};
$conn->restore_domain($file2, $dxml);
like($dom->get_xml_description, qr{<description>restored with dxml</description>}, 'restore_domain with a dxml');
is(($dom->get_state)[0], $PAUSED, 'SAVE_PAUSED in the image restores a paused guest');
$dom->resume;

$dom->save($file2);
$conn->restore_domain($file2, undef, undef, Sys::Virt::Domain::SAVE_PAUSED());
is(($dom->get_state)[0], $PAUSED, 'restore_domain with SAVE_PAUSED');
$dom->resume;

# ------------------------------------------------------------ the hash forms

my $file3 = "$dir/save3.img";
my %params = ($FILE => $file3);
$dom->save(undef, undef, \%params);
ok(-s $file3, 'save with a hash of SAVE_PARAM_FILE');
ok(!$dom->is_active, 'the guest stopped');
is_deeply(\%params, { $FILE => $file3 }, 'the hash is unchanged');
my %rparams = ($FILE => $file3);
$conn->restore_domain(undef, undef, \%rparams);
ok($dom->is_active, 'restore_domain with a hash');

# Both a file and a hash: the file argument wins, the caller's variable and
# hash stay as they were (the C module frees the variable).
my $file4 = "$dir/save4.img";
my $elsewhere = "$dir/not-used.img";
my $name = $file4;
my %both = ($FILE => $elsewhere);
$dom->save($name, undef, \%both);
ok(-s $file4 && !-e $elsewhere, 'with a file and a hash the file argument is used');
is($name, $file4, 'the file variable keeps its value');
is_deeply(\%both, { $FILE => $elsewhere }, 'the hash is unchanged');
(my $xml4 = $conn->get_save_image_xml_description($file4)) =~ s{<description>[^<]*</description>}{<description>by hash</description>};
my %rboth = ($DXML => $xml4);
$conn->restore_domain($name, undef, \%rboth);
like($dom->get_xml_description, qr{<description>by hash</description>}, 'restore with a file and a hash holding the dxml');
is_deeply([sort keys %rboth], [$DXML], 'the restore hash is unchanged');
is($name, $file4, 'and the file variable too');
$dom->save($file4, undef, {});
ok(!$dom->is_active, 'save with an empty hash and a file');
$conn->restore_domain($file4, undef, { $FILE => $elsewhere, unknown_field => 1 });
ok($dom->is_active, 'restore: unknown fields are ignored, the file argument wins');

# ------------------------------------------------------------ managed save

is($dom->has_managed_save_image, 0, 'no managed save image yet');
is($dom->managed_save, undef, 'managed_save');
ok(!$dom->is_active, 'the guest stopped');
is($dom->has_managed_save_image, 1, 'has_managed_save_image says 1');
is(($dom->get_state)[1], Sys::Virt::Domain::STATE_SHUTOFF_SAVED(), 'the shut-off reason is "saved"');
my $mxml = $dom->managed_save_get_xml_description;
like($mxml, qr{<name>g131</name>}, 'managed_save_get_xml_description');
(my $mxml2 = $mxml) =~ s{<description>[^<]*</description>}{<description>managed</description>};
$dom->managed_save_define_xml($mxml2);
like($dom->managed_save_get_xml_description, qr{<description>managed</description>}, 'managed_save_define_xml');
$dom->create;
is(($dom->get_state)[0], $RUNNING, 'create resumes from the managed save image');
is(($dom->get_state)[1], Sys::Virt::Domain::STATE_RUNNING_RESTORED(), 'the running reason is "restored"');
like($dom->get_xml_description, qr{<description>managed</description>}, 'with the XML of the image');
is($dom->has_managed_save_image, 0, 'the image is used up');

$dom->managed_save(Sys::Virt::Domain::SAVE_PAUSED());
is($dom->has_managed_save_image, 1, 'managed save again');
is($dom->managed_save_remove, undef, 'managed_save_remove');
is($dom->has_managed_save_image, 0, 'the image is gone');
$dom->create;
is(($dom->get_state)[1], Sys::Virt::Domain::STATE_RUNNING_BOOTED(), 'create now boots afresh');
error_code_is(error_of { $dom->managed_save_get_xml_description }, Sys::Virt::Error::ERR_OPERATION_INVALID(),
    'no managed save image to describe');

# ------------------------------------------------------------ core dumps

my $dump = "$dir/core0";
is($dom->core_dump($dump), undef, 'core_dump');
is(magic($dump, 4), 'QEVM', 'without DUMP_MEMORY_ONLY it is QEMU\'s migration stream');
$dom->core_dump("$dir/core1", Sys::Virt::Domain::DUMP_MEMORY_ONLY());
is(magic("$dir/core1", 4), "\x7fELF", 'with DUMP_MEMORY_ONLY an ELF core');
$dom->core_dump_format("$dir/core2", Sys::Virt::Domain::CORE_DUMP_FORMAT_RAW(), Sys::Virt::Domain::DUMP_MEMORY_ONLY());
is(magic("$dir/core2", 4), "\x7fELF", 'CORE_DUMP_FORMAT_RAW: ELF');
$dom->core_dump_format("$dir/core3", Sys::Virt::Domain::CORE_DUMP_FORMAT_KDUMP_ZLIB(), Sys::Virt::Domain::DUMP_MEMORY_ONLY());
is(magic("$dir/core3", 12), 'makedumpfile', 'CORE_DUMP_FORMAT_KDUMP_ZLIB: makedumpfile\'s flattened kdump');
for my $f (['KDUMP_LZO', 'kdump-lzo'], ['KDUMP_SNAPPY', 'kdump-snappy']) {
    my ($const, $name) = @$f;
    my $path = "$dir/core-$name";
    my $err = error_of { $dom->core_dump_format($path, Sys::Virt::Domain->can("CORE_DUMP_FORMAT_$const")->(),
        Sys::Virt::Domain::DUMP_MEMORY_ONLY()) };
    if ($err) {
        error_code_is($err, Sys::Virt::Error::ERR_INVALID_ARG(), "CORE_DUMP_FORMAT_$const: this QEMU lacks $name");
        like($err->message, qr/\Q$name\E/, 'the error names the format');
    } else {
        is(magic($path, 12), 'makedumpfile', "CORE_DUMP_FORMAT_$const: flattened kdump");
        pass('(this QEMU has it)');
    }
}
my $err = error_of { $dom->core_dump_format("$dir/core-win", Sys::Virt::Domain::CORE_DUMP_FORMAT_WIN_DMP(),
    Sys::Virt::Domain::DUMP_MEMORY_ONLY()) };
isa_ok($err, 'Sys::Virt::Error', 'CORE_DUMP_FORMAT_WIN_DMP of a guest that is not Windows');
error_code_is(error_of { $dom->core_dump_format("$dir/core-k", Sys::Virt::Domain::CORE_DUMP_FORMAT_KDUMP_ZLIB()) },
    Sys::Virt::Error::ERR_OPERATION_UNSUPPORTED(), 'kdump needs DUMP_MEMORY_ONLY');
error_code_is(error_of { $dom->core_dump_format("$dir/core-x", 99, Sys::Virt::Domain::DUMP_MEMORY_ONLY()) },
    Sys::Virt::Error::ERR_INVALID_ARG(), 'an unknown format');
ok($dom->is_active, 'the guest still runs after the dumps');

# ------------------------------------------------------------ bad input

my $fds = open_fds();
croaks_ok(sub { $dom->save }, qr/^Sys::Virt::Domain::save: Either \$to or \$params parameter must be supplied/,
    'save without a file or a hash');
croaks_ok(sub { $dom->save(undef, undef, undef) }, qr/Either \$to or \$params/, 'save with undef file and hash');
croaks_ok(sub { $conn->restore_domain }, qr/^Sys::Virt::restore_domain: Either \$from or \$params parameter must be supplied/,
    'restore_domain without a file or a hash');
croaks_ok(sub { $dom->save($file1, undef, 'not a hash') }, qr/params.*hash reference/, 'save with a string for the hash');
croaks_ok(sub { $dom->save($file1, undef, [1]) }, qr/params.*hash reference/, 'save with an array for the hash');
croaks_ok(sub { $conn->restore_domain(undef, undef, { $FILE => [] }) }, qr/'file' must be a string/,
    'a reference as the hash\'s file');
croaks_ok(sub { $dom->save("a\0b") }, qr/NUL/, 'a NUL in the file name');
croaks_ok(sub { $dom->core_dump_format($dump, -1) }, qr/format/, 'a negative core dump format');
croaks_ok(sub { $dom->core_dump }, qr/^Usage: Sys::Virt::Domain::core_dump\(dom, to, flags=0\)/, 'core_dump without a file');
isa_ok(error_of { $dom->save("$dir/no/such/dir/x.img") }, 'Sys::Virt::Error', 'saving into a missing directory');
ok($dom->is_active, 'the failed save left the guest running');
isa_ok(error_of { $conn->restore_domain("$dir/missing.img") }, 'Sys::Virt::Error', 'restoring a missing file');
isa_ok(error_of { $conn->restore_domain($disk) }, 'Sys::Virt::Error', 'restoring a file that is no save image');
isa_ok(error_of { $conn->get_save_image_xml_description("$dir/missing.img") }, 'Sys::Virt::Error',
    'the XML of a missing save image');
isa_ok(error_of { $conn->define_save_image_xml($file1, '<domain') }, 'Sys::Virt::Error', 'malformed save image XML');
isa_ok(error_of { $dom->core_dump("$dir/no/such/dir/core") }, 'Sys::Virt::Error', 'a core dump into a missing directory');
isa_ok(error_of { $dom->managed_save_define_xml('<domain') }, 'Sys::Virt::Error', 'malformed managed save XML');
is(open_fds(), $fds, 'no file descriptor leaked by the failing calls');

# ------------------------------------------------------------ file descriptors

open(my $fh, '+>', "$dir/fd-file") or die "open: $!";
$fds = open_fds();
is($dom->fd_associate('vfd1', [$fh]), undef, 'fd_associate with a file handle');
is($dom->fd_associate('vfd2', [fileno $fh], Sys::Virt::Domain::FD_ASSOCIATE_SECLABEL_WRITABLE()), undef,
    'fd_associate with a descriptor number and a flag');
is($dom->fd_associate('vfd3', [$fh, fileno $fh]), undef, 'fd_associate with two');
ok(defined fileno($fh) && print({$fh} "still mine\n"), 'the handle is still open and usable');
is(open_fds(), $fds, 'no descriptor gained or lost');
my $closed = do { open(my $c, '<', '/dev/null') or die; close $c; $c };
croaks_ok(sub { $dom->fd_associate('bad', [$closed]) }, qr/fd_associate: argument 'fds\[0\]' is a closed file handle/,
    'a closed file handle');
croaks_ok(sub { $dom->fd_associate('bad', [-1]) }, qr/fds\[0\]' must be an open file handle or a descriptor number/,
    'a negative descriptor');
croaks_ok(sub { $dom->fd_associate('bad', [$fh, 'three']) }, qr/fds\[1\]'/, 'a word among the descriptors');
croaks_ok(sub { $dom->fd_associate('bad', fileno $fh) }, qr/'fds' must be an array reference/,
    'a number instead of a list');
croaks_ok(sub { $dom->fd_associate('bad', [undef]) }, qr/not undef/, 'undef in the list');
isa_ok(error_of { $dom->fd_associate('bad', [1000]) }, 'Sys::Virt::Error', 'a descriptor that is not open');
isa_ok(error_of { $dom->fd_associate('empty', []) }, 'Sys::Virt::Error', 'no descriptors at all');
is(open_fds(), $fds, 'no descriptor leaked by the refused calls');
error_code_is(error_of { $dom->create_with_files([$fh]) }, Sys::Virt::Error::ERR_NO_SUPPORT(),
    'create_with_files is for containers: QEMU has no such call');
error_code_is(error_of { $conn->create_domain_with_files($d->guest_xml('g131b', $disk), [$fh]) },
    Sys::Virt::Error::ERR_NO_SUPPORT(), 'nor create_domain_with_files');

{
    my $test = Sys::Virt->new(uri => 'test:///default');
    my $xml = "<domain type='test'><name>withfiles</name><memory>1024</memory><os><type>hvm</type></os></domain>";
    my $new = $test->create_domain_with_files($xml, [$fh, fileno $fh]);
    isa_ok($new, DOM, 'create_domain_with_files on the test driver');
    ok($new->is_active && !$new->is_persistent, 'a running transient domain');
    $new->destroy;
    my $via_new = Sys::Virt::Domain->_new(connection => $test, xml => $xml, fds => []);
    ok($via_new->is_active, 'Sys::Virt::Domain->_new with fds');
    $via_new->destroy;
    my $defined = $test->define_domain($xml);
    is($defined->create_with_files([$fh]), undef, 'create_with_files starts a defined domain');
    ok($defined->is_active, 'it runs');
    error_code_is(error_of { $defined->create_with_files([$fh]) }, Sys::Virt::Error::ERR_INTERNAL_ERROR(),
        'starting it twice (the test driver says so as an internal error)');
    $defined->destroy;
    croaks_ok(sub { $test->create_domain_with_files($xml, 'not a list') }, qr/_create_with_files: argument 'fds'/,
        'create_domain_with_files without a list');
    croaks_ok(sub { $defined->create_with_files([$closed]) }, qr/closed file handle/, 'create_with_files with a closed handle');
    croaks_ok(sub { $defined->create_with_files({}) }, qr/array reference/, 'create_with_files with a hash');
    $defined->undefine;
}
is(open_fds(), $fds, 'no descriptor leaked by any of it');
close $fh;

$dom->destroy;
isa_ok(error_of { $dom->save($file1) }, 'Sys::Virt::Error', 'saving a shut-off guest');
isa_ok(error_of { $dom->managed_save }, 'Sys::Virt::Error', 'managed save of a shut-off guest');
isa_ok(error_of { $dom->core_dump($dump) }, 'Sys::Virt::Error', 'a core dump of a shut-off guest');
$dom->undefine;

done_testing;
