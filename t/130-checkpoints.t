# -*- perl -*-
#
# Checkpoints on a real hypervisor: a private libvirtd with the QEMU
# driver and a running guest (that boots nothing) with one qcow2 disk.
# A chain of checkpoints is made; their names, parents, children and XML
# are checked, as are the bitmaps QEMU keeps in the image, and every
# delete flag the QEMU driver honours.  The checkpoint calls' errors
# (unknown names, a root's parent, stale objects) are Sys::Virt::Errors.

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
PrivateLibvirtd->watchdog(85, '130-checkpoints.t');

use constant CHK => 'Sys::Virt::DomainCheckpoint';
my $NO_CHK = Sys::Virt::Error::ERR_NO_DOMAIN_CHECKPOINT();

sub chk_xml { "<domaincheckpoint><name>$_[0]</name>" . ($_[1] // '') . '</domaincheckpoint>' }
sub names { join ' ', sort map { $_->get_name } @_ }

# Bitmap names stored in the image. QEMU writes its persistent bitmaps
# into the qcow2 file when it closes the image, so read this after the
# guest has stopped.
sub bitmaps {
    my ($image) = @_;
    my $info = $d->image_info($image);
    my $bitmaps = $info->{'format-specific'}{data}{bitmaps} || [];
    return join ' ', sort map { $_->{name} } @$bitmaps;
}

my $conn = Sys::Virt->new(uri => $d->uri);
my $disk = $d->make_disk('g130');
my $dom  = $conn->define_domain($d->guest_xml('g130', $disk));
$dom->create;
ok($dom->is_active, 'the guest runs');

is_deeply([$dom->list_all_checkpoints], [], 'no checkpoints at first');

# ------------------------------------------------------------ a chain

my $c1 = $dom->create_checkpoint(chk_xml('c1', '<description>first</description>'));
isa_ok($c1, CHK, 'create_checkpoint');
is($c1->get_name, 'c1', 'its name');
my $xml = $c1->get_xml_description;
like($xml, qr{<name>c1</name>}, 'its XML has the name');
like($xml, qr{<description>first</description>}, 'and the description');
like($xml, qr{<disk name='vda' checkpoint='bitmap'}, 'and covers vda with a bitmap');
like($xml, qr{<domain\b}, 'and the domain configuration');
unlike($c1->get_xml_description(Sys::Virt::DomainCheckpoint::XML_NO_DOMAIN), qr{<domain\b},
    'XML_NO_DOMAIN leaves the domain out');
like($c1->get_xml_description(Sys::Virt::DomainCheckpoint::XML_SIZE), qr{<disk name='vda'[^>]*size='\d+'},
    'XML_SIZE reports the changed size of a running guest\'s disk');
error_code_is(error_of { $c1->get_parent }, $NO_CHK, 'the first checkpoint has no parent');

my $c2 = $dom->create_checkpoint(chk_xml('c2'));
my $c3 = Sys::Virt::DomainCheckpoint->_new(domain => $dom, xml => chk_xml('c3'));
isa_ok($c3, CHK, '_new with xml');
is($c2->get_parent->get_name, 'c1', 'c2 is a child of c1');
is($c3->get_parent->get_name, 'c2', 'c3 is a child of c2');
isa_ok($c3->get_parent, CHK, 'get_parent');
like($c3->get_xml_description, qr{<parent>\s*<name>c2</name>\s*</parent>}, 'c3\'s XML names its parent');

is(names($dom->list_all_checkpoints), 'c1 c2 c3', 'list_all_checkpoints');
is(names($dom->list_all_checkpoints(Sys::Virt::DomainCheckpoint::LIST_ROOTS)), 'c1', 'LIST_ROOTS');
is(names($dom->list_all_checkpoints(Sys::Virt::DomainCheckpoint::LIST_LEAVES)), 'c3', 'LIST_LEAVES');
is(names($dom->list_all_checkpoints(Sys::Virt::DomainCheckpoint::LIST_NO_LEAVES)), 'c1 c2', 'LIST_NO_LEAVES');
is(join(' ', map { $_->get_name } $dom->list_all_checkpoints(Sys::Virt::DomainCheckpoint::LIST_TOPOLOGICAL)),
    'c1 c2 c3', 'LIST_TOPOLOGICAL puts parents first');
is(names($c1->list_all_children), 'c2', 'c1\'s children');
is(names($c1->list_all_children(Sys::Virt::DomainCheckpoint::LIST_DESCENDANTS)), 'c2 c3', 'c1\'s descendants');
is(names($c3->list_all_children), '', 'c3 has no children');
my @kids = $c1->list_all_children;
isa_ok($kids[0], CHK, 'list_all_children');
is(scalar(my $n = () = $c2->list_all_children), 1, 'list_all_children is a list');

my $found = $dom->get_checkpoint_by_name('c2');
isa_ok($found, CHK, 'get_checkpoint_by_name');
is($found->get_name, 'c2', 'finds c2');
is(Sys::Virt::DomainCheckpoint->_new(domain => $dom, name => 'c3')->get_name, 'c3', '_new with name');
error_code_is(error_of { $dom->get_checkpoint_by_name('nope') }, $NO_CHK, 'an unknown name');
like(error_of { Sys::Virt::DomainCheckpoint->_new(domain => $dom) }, qr/^name or xml parameters are required/,
    '_new without name or xml');
like(error_of { Sys::Virt::DomainCheckpoint->_new(name => 'c1') }, qr/^domain parameter is required/,
    '_new without domain');
error_code_is(error_of { $dom->create_checkpoint(chk_xml('c1')) }, Sys::Virt::Error::ERR_OPERATION_FAILED(),
    'a name in use is refused');
error_code_is(error_of { $dom->create_checkpoint('<domaincheckpoint><name>x</name>') },
    Sys::Virt::Error::ERR_XML_DETAIL(), 'malformed XML');

# ------------------------------------------------------------ delete flags

# DELETE_METADATA_ONLY: libvirt forgets c3, the bitmap stays; REDEFINE brings it back.
my $c3xml = $c3->get_xml_description(Sys::Virt::DomainCheckpoint::XML_SECURE);
$c3->delete(Sys::Virt::DomainCheckpoint::DELETE_METADATA_ONLY);
is(names($dom->list_all_checkpoints), 'c1 c2', 'DELETE_METADATA_ONLY: the record is gone');
error_code_is(error_of { $c3->get_xml_description }, $NO_CHK, 'the deleted checkpoint\'s object is stale');
my $back = $dom->create_checkpoint($c3xml, Sys::Virt::DomainCheckpoint::CREATE_REDEFINE);
is($back->get_name, 'c3', 'CREATE_REDEFINE brings the record back');
is($back->get_parent->get_name, 'c2', 'with its parent');
ok(eval { $c3->get_name; 1 }, 'the old object\'s name is still readable');
is($c3->get_parent->get_name, 'c2', 'and it stands for the redefined checkpoint again');

# Deleting the middle one: its child moves up, its bitmap is merged away.
$c2->delete;
is(names($dom->list_all_checkpoints), 'c1 c3', 'plain delete removes only c2');
is($back->get_parent->get_name, 'c1', 'c3 is now a child of c1');
error_code_is(error_of { $c2->delete }, $NO_CHK, 'deleting it twice');

# DELETE_CHILDREN_ONLY keeps c1, drops c3 and c4.
my $c4 = $dom->create_checkpoint(chk_xml('c4'));
is($c4->get_parent->get_name, 'c3', 'c4 under c3');
$c1->delete(Sys::Virt::DomainCheckpoint::DELETE_CHILDREN_ONLY);
is(names($dom->list_all_checkpoints), 'c1', 'DELETE_CHILDREN_ONLY keeps only c1');

# DELETE_CHILDREN: the whole subtree.
$dom->create_checkpoint(chk_xml($_)) for qw(c5 c6);
$c1->delete(Sys::Virt::DomainCheckpoint::DELETE_CHILDREN);
is(names($dom->list_all_checkpoints), '', 'DELETE_CHILDREN removes c1 and its descendants');

# A default checkpoint: libvirt picks the name, the qcow2 disk is covered.
my $auto = $dom->create_checkpoint('<domaincheckpoint/>');
like($auto->get_name, qr/^\d+$/, 'an unnamed checkpoint is named after its creation time');
$auto->delete;

# What reaches the image: QEMU stores the bitmaps of live checkpoints when
# it stops; a metadata-only delete leaves its bitmap behind, a full delete
# does not.
$dom->create_checkpoint(chk_xml($_)) for qw(k1 k2 k3);
$dom->get_checkpoint_by_name('k3')->delete;
$dom->get_checkpoint_by_name('k2')->delete(Sys::Virt::DomainCheckpoint::DELETE_METADATA_ONLY);
$dom->destroy;
is(bitmaps($disk), 'k1 k2', 'the image keeps the bitmaps of k1 and of the forgotten k2, not of the deleted ones');
is(names($dom->list_all_checkpoints), 'k1', 'libvirt keeps k1 for the stopped guest');
$dom->create;

# ------------------------------------------------------------ argument errors

sub open_fds {
    opendir(my $dh, '/proc/self/fd') or return -1;
    return scalar grep { /^\d+$/ } readdir $dh;
}
my $fds = open_fds();
croaks_ok(sub { $dom->create_checkpoint(chk_xml('x'), -1) }, qr/flags/, 'negative flags');
croaks_ok(sub { Sys::Virt::DomainCheckpoint::get_name($dom) }, qr/DomainCheckpoint::get_name/,
    'a domain is not a checkpoint');
croaks_ok(sub { $dom->get_checkpoint_by_name("a\0b") }, qr/NUL/, 'a NUL in the name');
croaks_ok(sub { $dom->create_checkpoint([]) }, qr/create_checkpoint: argument 'xml' must be a string/, 'a list as XML');
croaks_ok(sub { Sys::Virt::DomainCheckpoint::get_parent(bless \(my $x = 0), 'Sys::Virt::DomainCheckpoint') },
    qr/DomainCheckpoint::get_parent/, 'a forged checkpoint');
error_code_is(error_of { $dom->create_checkpoint(chk_xml('nodisk', "<disks><disk name='vdz' checkpoint='bitmap'/></disks>")) },
    Sys::Virt::Error::ERR_CONFIG_UNSUPPORTED(), 'a checkpoint of a disk the guest lacks');
is(open_fds(), $fds, 'no file descriptor leaked by the refused calls');

# An inactive guest: QEMU needs a running one to make checkpoints.
$dom->destroy;
my $err = error_of { $dom->create_checkpoint(chk_xml('off')) };
isa_ok($err, 'Sys::Virt::Error', 'a checkpoint of a shut-off guest');
is(names($dom->list_all_checkpoints), 'k1', 'none was made');
$dom->get_checkpoint_by_name('k1')->delete(Sys::Virt::DomainCheckpoint::DELETE_METADATA_ONLY);
$dom->undefine;

done_testing;
