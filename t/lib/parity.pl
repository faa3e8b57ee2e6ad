#!/usr/bin/perl
#
# parity.pl - behavioural parity probe for Sys::Virt on the libvirt mock
# driver test:///default (one running domain named "test").
#
# How to run:
#   Reference (Debian libsys-virt-perl 9.0.0 XS module; make sure no blib is
#   on @INC -- the loaded module path is printed on STDERR, it must be
#   /usr/lib/x86_64-linux-gnu/perl5/5.36/Sys/Virt.pm):
#       perl t/lib/parity.pl > /tmp/ref.txt
#   Our build (from the top of /work/main, after building blib):
#       perl -Mblib t/lib/parity.pl > /tmp/ours.txt
#   Then:
#       diff -u t/data/parity-reference.txt /tmp/ours.txt
#
# Output conventions (one line per observation, STDOUT only):
#   label: VALUE
#   label: ERROR <ref> code=.. domain=.. level=.. message=".." str=".."
#   Scalars: numbers (created as numbers) are printed bare, strings are
#   printed double-quoted with escapes, booleans (PL_sv_yes/no) as
#   true/false, undef as undef.  Lists are printed as [a,b] n=COUNT.  Hashes
#   as {k=v, ...} with sorted keys.  Objects as Class<name>.
#   Values that vary run to run are replaced by placeholders such as
#   <int> (number) or <int:str> (string holding an integer).
#   Die-string locations are normalised to "at <basename> line <N>.".
#
# The script is deterministic: it never prints addresses, timestamps or
# other volatile data, and sorts every list whose order the API does not
# define.

use strict;
use warnings;
no warnings 'experimental::builtin';
use Sys::Virt;
use Scalar::Util ();

$| = 1;
print STDERR "Sys::Virt loaded from: $INC{'Sys/Virt.pm'}\n";

# Perl-level warnings (e.g. "Use of uninitialized value in subroutine entry"
# raised by argument conversion) are part of the observable behaviour: print
# them on STDOUT, normalised, right after the call that raised them.
$SIG{__WARN__} = sub { print 'WARN: ', qstr(norm_die($_[0])), "\n" };

# ---------------------------------------------------------------------------
# Formatting helpers
# ---------------------------------------------------------------------------

sub _is_number {
    my $v = shift;
    return builtin::created_as_number($v) if defined &builtin::created_as_number;
    require B;
    my $f = B::svref_2object(\$v)->FLAGS;
    return (($f & (B::SVf_IOK() | B::SVf_NOK())) && !($f & B::SVf_POK())) ? 1 : 0;
}

sub _is_bool {
    my $v = shift;
    return builtin::is_bool($v) if defined &builtin::is_bool;
    return 0;
}

sub qstr {
    my $s = shift;
    $s =~ s/\\/\\\\/g;
    $s =~ s/"/\\"/g;
    $s =~ s/\n/\\n/g;
    $s =~ s/\t/\\t/g;
    $s =~ s/([^\x20-\x7e])/sprintf("\\x{%02x}", ord($1))/ge;
    return "\"$s\"";
}

# Placeholder for volatile values.
package Parity::Ph { sub new { my ($c, $s) = @_; return bless { s => $s }, $c } }

sub ph_int {
    my $v = shift;
    return Parity::Ph->new('undef') unless defined $v;
    my $num = _is_number($v);
    my $ok = ($v =~ /^-?\d+$/) ? 'int' : 'NOT-INT';
    return Parity::Ph->new("<$ok" . ($num ? '' : ':str') . ">");
}

sub obj_name {
    my $o = shift;
    my $n = eval { $o->get_name };
    return defined $n ? $n : '?';
}

sub fmt {
    my $v = shift;
    return 'undef' unless defined $v;
    if (my $r = ref $v) {
        return $v->{s} if $r eq 'Parity::Ph';
        if ($r eq 'HASH') {
            return '{' . join(', ', map { "$_=" . fmt($v->{$_}) } sort keys %$v) . '}';
        }
        if ($r eq 'ARRAY') {
            return '[' . join(',', map { fmt($_) } @$v) . ']';
        }
        if ($r eq 'Sys::Virt') {
            return 'Sys::Virt<conn>';
        }
        if ($r eq 'Sys::Virt::Domain' || $r eq 'Sys::Virt::DomainSnapshot') {
            return "$r<" . obj_name($v) . ">";
        }
        if ($r eq 'Sys::Virt::Error') {
            return 'Sys::Virt::Error{' . join(', ', map { "$_=" . fmt($v->{$_}) } sort keys %$v) . '}';
        }
        return "REF($r)";
    }
    return ($v ? 'true' : 'false') if _is_bool($v);
    return "$v" if _is_number($v);
    return qstr($v);
}

sub fmtlist {
    my @l = @_;
    return '[' . join(',', map { fmt($_) } @l) . '] n=' . scalar(@l);
}

sub out { print join('', @_), "\n" }

sub norm_die {
    my $s = shift;
    $s =~ s{ at (\S+) line \d+\.}{
        my $f = $1; $f =~ s{.*/}{}; " at $f line <N>."
    }ge;
    return $s;
}

sub errstr {
    my $e = shift;
    if (ref($e) && ref($e) eq 'Sys::Virt::Error') {
        return sprintf('ERROR %s code=%s domain=%s level=%s message=%s str=%s',
                       ref($e), fmt($e->{code}), fmt($e->{domain}),
                       fmt($e->{level}), fmt($e->{message}), qstr("$e"));
    }
    if (ref $e) {
        return 'ERROR ' . ref($e) . ' str=' . qstr(norm_die("$e"));
    }
    return 'ERROR die str=' . qstr(norm_die("$e"));
}

# L: call in list context, print the list.  Returns the list (or () on error).
# Optional $post transforms the result list (for normalisation / sorting)
# before printing; it receives and returns a list.
sub L {
    my ($label, $code, $post) = @_;
    my @r;
    my $ok = eval { @r = $code->(); 1 };
    if (!$ok) { out("$label: ", errstr($@)); return (); }
    my @p = $post ? $post->(@r) : @r;
    out("$label: ", fmtlist(@p));
    return @r;
}

# S: call in scalar context, print the scalar.  Returns it (undef on error).
sub S {
    my ($label, $code, $post) = @_;
    my $r;
    my $ok = eval { $r = $code->(); 1 };
    if (!$ok) { out("$label: ", errstr($@)); return undef; }
    out("$label: ", fmt($post ? $post->($r) : $r));
    return $r;
}

# V: call in void context; print "ok" or the error.
sub V {
    my ($label, $code) = @_;
    my $ok = eval { $code->(); 1 };
    out("$label: ", $ok ? 'ok' : errstr($@));
    return $ok;
}

sub names { return map { ref($_) ? obj_name($_) : fmt($_) } @_ }
sub snames { return sort { $a cmp $b } names(@_) }
sub sorted { return sort { $a cmp $b } @_ }
sub sorted_num { return sort { $a <=> $b } @_ }

sub section { out(''); out("=== $_[0] ===") }

my $TEST_UUID = '6695eb01-f6a4-8304-79aa-97f2502e193f';

# ---------------------------------------------------------------------------
# 1. Connection
# ---------------------------------------------------------------------------
section('1. Sys::Virt connection');

my $c = S('new(uri)', sub { Sys::Virt->new(uri => 'test:///default') });
die "cannot open test:///default\n" unless $c;
out('new(uri) ref: ', ref($c));
out('new(uri) isa Sys::Virt: ', $c->isa('Sys::Virt') ? 1 : 0);
out('new(uri) reftype: ', Scalar::Util::reftype($c));
my $caddr = S('new(address)', sub { Sys::Virt->new(address => 'test:///default') });
my $cro = S('new(uri, readonly=>1)', sub { Sys::Virt->new(uri => 'test:///default', readonly => 1) });
S('new(bad file uri)', sub { Sys::Virt->new(uri => 'test:///nonexistent/parity-no-such-file.xml') });

S('get_uri', sub { $c->get_uri });
S('get_uri(address conn)', sub { $caddr->get_uri }) if $caddr;
S('get_uri(readonly conn)', sub { $cro->get_uri }) if $cro;
S('get_type', sub { $c->get_type });
S('get_version', sub { $c->get_version });
S('get_major_version', sub { $c->get_major_version });
S('get_minor_version', sub { $c->get_minor_version });
S('get_micro_version', sub { $c->get_micro_version });
S('get_library_version > 0', sub { my $v = $c->get_library_version; (defined $v && $v =~ /^\d+$/ && $v > 0) ? 1 : 0 });
S('get_library_version is_number', sub { _is_number($c->get_library_version) ? 1 : 0 });
S('get_hostname non-empty', sub { my $h = $c->get_hostname; (defined $h && length $h) ? 1 : 0 });
S('is_alive', sub { $c->is_alive });
S('is_secure', sub { $c->is_secure });
S('is_encrypted', sub { $c->is_encrypted });
S('get_node_info', sub { $c->get_node_info });
S('get_capabilities starts <capabilities', sub { my $x = $c->get_capabilities; ($x =~ /^<capabilities/) ? 1 : 0 });
S('get_max_vcpus(test)', sub { $c->get_max_vcpus('test') });
S('num_of_domains', sub { $c->num_of_domains });
L('list_domain_ids(100)', sub { $c->list_domain_ids(100) });
S('list_domain_ids(100) scalar', sub { $c->list_domain_ids(100) });
L('list_domain_ids() usage', sub { $c->list_domain_ids() }, \&sorted_num);
L('list_domains', sub { $c->list_domains }, \&names);
S('list_domains scalar', sub { $c->list_domains });
S('num_of_defined_domains', sub { $c->num_of_defined_domains });
L('list_defined_domain_names(100)', sub { $c->list_defined_domain_names(100) }, \&sorted);
L('list_defined_domains', sub { $c->list_defined_domains }, \&snames);
L('list_all_domains(0)', sub { $c->list_all_domains(0) }, \&snames);
S('list_all_domains(0) scalar', sub { $c->list_all_domains(0) });
L('list_all_domains()', sub { $c->list_all_domains() }, \&snames);
L('list_all_domains(LIST_ACTIVE)', sub { $c->list_all_domains(Sys::Virt::Domain::LIST_ACTIVE()) }, \&snames);
L('list_all_domains(LIST_INACTIVE)', sub { $c->list_all_domains(Sys::Virt::Domain::LIST_INACTIVE()) }, \&snames);

my $d = S('get_domain_by_name(test)', sub { $c->get_domain_by_name('test') });
out('get_domain_by_name(test) ref: ', ref($d));
out('get_domain_by_name(test) reftype: ', Scalar::Util::reftype($d));
S('get_domain_by_name(nope)', sub { $c->get_domain_by_name('nope') });
S('get_domain_by_name(undef)', sub { $c->get_domain_by_name(undef) });
S('get_domain_by_id(1)', sub { $c->get_domain_by_id(1) });
S('get_domain_by_id(999)', sub { $c->get_domain_by_id(999) });
S('get_domain_by_id(-1)', sub { $c->get_domain_by_id(-1) });
(my $hex = $TEST_UUID) =~ s/-//g;
my $raw = pack('H*', $hex);
S('get_domain_by_uuid(16 raw bytes)', sub { $c->get_domain_by_uuid($raw) });
S('get_domain_by_uuid(32 hex)', sub { $c->get_domain_by_uuid($hex) });
S('get_domain_by_uuid(36 hex)', sub { $c->get_domain_by_uuid($TEST_UUID) });
S('get_domain_by_uuid(36 upper hex)', sub { $c->get_domain_by_uuid(uc $TEST_UUID) });
S('get_domain_by_uuid(bad length)', sub { $c->get_domain_by_uuid('abc') });
S('get_domain_by_uuid(missing 36)', sub { $c->get_domain_by_uuid('00000000-0000-0000-0000-000000000001') });
S('get_domain_by_uuid(missing 16 raw)', sub { $c->get_domain_by_uuid("\x01" x 16) });
S('get_domain_by_uuid(36 non-hex)', sub { $c->get_domain_by_uuid('zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz') });

my $XML1 = "<domain type='test'><name>parity1</name>"
         . "<uuid>11111111-2222-3333-4444-555555555555</uuid>"
         . "<memory unit='KiB'>1048576</memory><currentMemory unit='KiB'>524288</currentMemory>"
         . "<vcpu>1</vcpu><os><type arch='i686'>hvm</type></os></domain>";
my $XML2 = "<domain type='test'><name>parity2</name>"
         . "<uuid>11111111-2222-3333-4444-666666666666</uuid>"
         . "<memory unit='KiB'>262144</memory><vcpu>1</vcpu><os><type arch='i686'>hvm</type></os></domain>";
my $XML3 = "<domain type='test'><name>parity3</name>"
         . "<uuid>11111111-2222-3333-4444-777777777777</uuid>"
         . "<memory unit='KiB'>262144</memory><vcpu>1</vcpu><os><type arch='i686'>hvm</type></os></domain>";

my $d1 = S('define_domain(parity1)', sub { $c->define_domain($XML1) });
S('define_domain(parity1 again, same uuid)', sub { $c->define_domain($XML1) });
S('define_domain(malformed)', sub { $c->define_domain('<domain') });
S('define_domain(empty)', sub { $c->define_domain('') });
my $d2 = S('create_domain(parity2 transient)', sub { $c->create_domain($XML2) });
S('create_domain(parity2 again)', sub { $c->create_domain($XML2) });
S('define_domain(readonly conn)', sub { $cro->define_domain($XML3) }) if $cro;

S('num_of_domains after', sub { $c->num_of_domains });
L('list_domain_ids(100) after', sub { $c->list_domain_ids(100) }, \&sorted_num);
L('list_domains after', sub { $c->list_domains }, \&snames);
S('num_of_defined_domains after', sub { $c->num_of_defined_domains });
L('list_defined_domain_names(100) after', sub { $c->list_defined_domain_names(100) }, \&sorted);
L('list_defined_domain_names(0) after (count=1)', sub { $c->list_defined_domain_names(0) }, \&sorted);
L('list_domain_ids(0) after (count=2)', sub { $c->list_domain_ids(0) });
L('list_domain_ids(1) after (count=2) n', sub { scalar(my @x = $c->list_domain_ids(1)) });
L('list_defined_domains after', sub { $c->list_defined_domains }, \&snames);
L('list_all_domains(0) after', sub { $c->list_all_domains(0) }, \&snames);
L('list_all_domains(LIST_ACTIVE) after', sub { $c->list_all_domains(Sys::Virt::Domain::LIST_ACTIVE()) }, \&snames);
L('list_all_domains(LIST_INACTIVE) after', sub { $c->list_all_domains(Sys::Virt::Domain::LIST_INACTIVE()) }, \&snames);
L('list_all_domains(LIST_PERSISTENT) after', sub { $c->list_all_domains(Sys::Virt::Domain::LIST_PERSISTENT()) }, \&snames);
L('list_all_domains(LIST_TRANSIENT) after', sub { $c->list_all_domains(Sys::Virt::Domain::LIST_TRANSIENT()) }, \&snames);
L('list_all_domains via address conn', sub { $caddr->list_all_domains(0) }, \&snames) if $caddr;
L('list_all_domains via readonly conn', sub { $cro->list_all_domains(0) }, \&snames) if $cro;

S('Domain->_new(name)', sub { Sys::Virt::Domain->_new(connection => $c, name => 'test') });
S('Domain->_new(id)', sub { Sys::Virt::Domain->_new(connection => $c, id => 1) });
S('Domain->_new(uuid)', sub { Sys::Virt::Domain->_new(connection => $c, uuid => $TEST_UUID) });
S('Domain->_new(no key)', sub { Sys::Virt::Domain->_new(connection => $c) });
S('Domain->_new(no connection)', sub { Sys::Virt::Domain->_new(name => 'test') });
S('Domain->_new(xml, nocreate)', sub { Sys::Virt::Domain->_new(connection => $c, xml => $XML3, nocreate => 1) });
S('Domain->_new(xml) create', sub { Sys::Virt::Domain->_new(connection => $c, xml => $XML3) });
S('get_domain_by_name(parity3)', sub { my $x = $c->get_domain_by_name('parity3'); [$x->get_name, $x->is_active, $x->is_persistent] });

# ---------------------------------------------------------------------------
# 2. Domain
# ---------------------------------------------------------------------------
section('2. Sys::Virt::Domain');

S('test get_name', sub { $d->get_name });
S('test get_id', sub { $d->get_id });
S('test get_uuid hex', sub { unpack('H*', $d->get_uuid) });
S('test get_uuid length', sub { length($d->get_uuid) });
S('test get_uuid_string', sub { $d->get_uuid_string });
S('test get_os_type', sub { $d->get_os_type });
S('test get_xml_description contains <domain', sub { ($d->get_xml_description =~ /<domain/) ? 1 : 0 });
S('test get_xml_description(0) contains <domain', sub { ($d->get_xml_description(0) =~ /<domain/) ? 1 : 0 });
S('test get_info', sub { my $i = $d->get_info; $i->{cpuTime} = ph_int($i->{cpuTime}) if ref $i eq 'HASH'; $i });
L('test get_info list', sub { $d->get_info }, sub { map { ref $_ eq 'HASH' ? 'HASH' : $_ } @_ });
L('test get_state', sub { $d->get_state });
S('test get_state scalar', sub { $d->get_state });
S('test is_active', sub { $d->is_active });
S('test is_persistent', sub { $d->is_persistent });
S('test is_updated', sub { $d->is_updated });
S('test get_autostart', sub { $d->get_autostart });
S('test get_max_memory', sub { $d->get_max_memory });
S('test get_max_vcpus', sub { $d->get_max_vcpus });
S('test resume (running)', sub { $d->resume });
L('test suspend list ret', sub { $d->suspend });
L('test get_state after suspend', sub { $d->get_state });
S('test suspend (paused)', sub { $d->suspend });
S('test resume scalar ret', sub { $d->resume });
L('test get_state after resume', sub { $d->get_state });
S('test create (running)', sub { $d->create });
S('test undefine? skipped', sub { 'skipped' });

if ($d1) {
    S('parity1 get_name', sub { $d1->get_name });
    S('parity1 get_id (inactive)', sub { $d1->get_id });
    S('parity1 get_uuid_string', sub { $d1->get_uuid_string });
    S('parity1 get_uuid hex', sub { unpack('H*', $d1->get_uuid) });
    S('parity1 get_os_type', sub { $d1->get_os_type });
    S('parity1 get_info', sub { my $i = $d1->get_info; $i->{cpuTime} = ph_int($i->{cpuTime}) if ref $i eq 'HASH'; $i });
    L('parity1 get_state', sub { $d1->get_state });
    S('parity1 is_active', sub { $d1->is_active });
    S('parity1 is_persistent', sub { $d1->is_persistent });
    S('parity1 is_updated', sub { $d1->is_updated });
    S('parity1 get_max_memory', sub { $d1->get_max_memory });
    S('parity1 get_max_vcpus (inactive)', sub { $d1->get_max_vcpus });
    S('parity1 resume (inactive)', sub { $d1->resume });
    S('parity1 suspend (inactive)', sub { $d1->suspend });
    S('parity1 destroy (inactive)', sub { $d1->destroy });
    S('parity1 shutdown (inactive)', sub { $d1->shutdown });
    S('parity1 get_autostart', sub { $d1->get_autostart });
    S('parity1 set_autostart(1)', sub { $d1->set_autostart(1) });
    S('parity1 get_autostart after set', sub { $d1->get_autostart });
    S('parity1 set_autostart(0)', sub { $d1->set_autostart(0) });
    S('parity1 get_autostart after unset', sub { $d1->get_autostart });
    S('parity1 create', sub { $d1->create });
    S('parity1 get_id (active)', sub { $d1->get_id });
    L('parity1 get_state after create', sub { $d1->get_state });
    S('parity1 create (already running)', sub { $d1->create });
    S('parity1 suspend', sub { $d1->suspend });
    L('parity1 get_state after suspend', sub { $d1->get_state });
    S('parity1 resume', sub { $d1->resume });
    S('parity1 resume (running)', sub { $d1->resume });
    S('parity1 reboot', sub { $d1->reboot });
    S('parity1 reboot(0)', sub { $d1->reboot(0) });
    L('parity1 get_state after reboot', sub { $d1->get_state });
    S('parity1 shutdown', sub { $d1->shutdown });
    L('parity1 get_state after shutdown', sub { $d1->get_state });
    S('parity1 is_active after shutdown', sub { $d1->is_active });
    S('parity1 get_id after shutdown', sub { $d1->get_id });
    S('parity1 create again', sub { $d1->create });
    S('parity1 destroy', sub { $d1->destroy });
    L('parity1 get_state after destroy', sub { $d1->get_state });
    S('parity1 create(0)', sub { $d1->create(0) });
    S('parity1 suspend via readonly conn', sub { $cro->get_domain_by_name('parity1')->suspend }) if $cro;
    S('parity1 destroy again', sub { $d1->destroy });
}
if ($d2) {
    S('parity2 get_name', sub { $d2->get_name });
    S('parity2 get_id', sub { $d2->get_id });
    S('parity2 is_persistent', sub { $d2->is_persistent });
    S('parity2 is_active', sub { $d2->is_active });
    S('parity2 get_autostart', sub { $d2->get_autostart });
    S('parity2 set_autostart(1) transient', sub { $d2->set_autostart(1) });
    S('parity2 undefine (transient)', sub { $d2->undefine });
    S('parity2 destroy', sub { $d2->destroy });
    S('parity2 get_name after destroy', sub { $d2->get_name });
    S('parity2 get_info after destroy', sub { $d2->get_info });
    S('get_domain_by_name(parity2) after destroy', sub { $c->get_domain_by_name('parity2') });
}
my $d3 = eval { $c->get_domain_by_name('parity3') };
if ($d3) {
    S('parity3 destroy', sub { $d3->destroy });
    S('parity3 undefine', sub { $d3->undefine });
    S('parity3 get_name after undefine', sub { $d3->get_name });
    S('parity3 get_uuid_string after undefine', sub { $d3->get_uuid_string });
    S('parity3 get_info after undefine', sub { $d3->get_info });
    S('parity3 undefine again', sub { $d3->undefine });
}
S('get_domain_by_name(missing)', sub { $c->get_domain_by_name('no-such-domain') });
S('get_domain_by_id(missing)', sub { $c->get_domain_by_id(4242) });
S('get_domain_by_uuid(missing)', sub { $c->get_domain_by_uuid('deadbeef-dead-beef-dead-beefdeadbeef') });

# ---------------------------------------------------------------------------
# 3. Snapshots
# ---------------------------------------------------------------------------
section('3. Sys::Virt::DomainSnapshot');

my @SNAP_CONSTS = qw(CREATE_ATOMIC CREATE_CURRENT CREATE_DISK_ONLY CREATE_HALT
    CREATE_LIVE CREATE_NO_METADATA CREATE_QUIESCE CREATE_REDEFINE CREATE_REUSE_EXT
    CREATE_VALIDATE DELETE_CHILDREN DELETE_CHILDREN_ONLY DELETE_METADATA_ONLY
    LIST_ACTIVE LIST_DESCENDANTS LIST_DISK_ONLY LIST_EXTERNAL LIST_INACTIVE
    LIST_INTERNAL LIST_LEAVES LIST_METADATA LIST_NO_LEAVES LIST_NO_METADATA
    LIST_ROOTS LIST_TOPOLOGICAL REVERT_FORCE REVERT_PAUSED REVERT_RESET_NVRAM
    REVERT_RUNNING XML_SECURE);
for my $k (@SNAP_CONSTS) {
    S("const DomainSnapshot::$k", sub { no strict 'refs'; &{"Sys::Virt::DomainSnapshot::$k"}() });
}

sub snapxml { my ($n, $desc) = @_; return "<domainsnapshot><name>$n</name>" . (defined $desc ? "<description>$desc</description>" : '') . "</domainsnapshot>" }
sub SS { no strict 'refs'; return &{"Sys::Virt::DomainSnapshot::$_[0]"}() }

S('has_current_snapshot (none yet)', sub { $d->has_current_snapshot });
S('has_current_snapshot(0) (none yet)', sub { $d->has_current_snapshot(0) });
S('current_snapshot (none yet)', sub { $d->current_snapshot });
S('num_of_snapshots (none yet)', sub { $d->num_of_snapshots });
L('list_snapshot_names(100) (none yet)', sub { $d->list_snapshot_names(100) });
L('list_all_snapshots (none yet)', sub { $d->list_all_snapshots });
L('list_snapshots (none yet)', sub { $d->list_snapshots });

my %snap;
$snap{s1} = S('create_snapshot(s1, 0)', sub { $d->create_snapshot(snapxml('s1', 'first'), 0) });
out('create_snapshot ref: ', ref($snap{s1}));
out('create_snapshot reftype: ', Scalar::Util::reftype($snap{s1}));
$snap{s2} = S('create_snapshot(s2) no flags arg', sub { $d->create_snapshot(snapxml('s2')) });
$snap{s3} = S('create_snapshot(s3, 0)', sub { $d->create_snapshot(snapxml('s3'), 0) });
S('current_snapshot after s3', sub { $d->current_snapshot });
S('s1 revert_to(0)', sub { $snap{s1}->revert_to(0) });
L('test get_state after revert s1', sub { $d->get_state });
S('current_snapshot after revert s1', sub { $d->current_snapshot });
$snap{s4} = S('create_snapshot(s4, 0)', sub { $d->create_snapshot(snapxml('s4'), 0) });
$snap{s5} = S('create_snapshot(s5, 0)', sub { $d->create_snapshot(snapxml('s5'), 0) });

my @LISTF = qw(LIST_ROOTS LIST_DESCENDANTS LIST_LEAVES LIST_NO_LEAVES LIST_METADATA
               LIST_NO_METADATA LIST_ACTIVE LIST_INACTIVE LIST_INTERNAL LIST_EXTERNAL
               LIST_DISK_ONLY LIST_TOPOLOGICAL);
S('num_of_snapshots()', sub { $d->num_of_snapshots });
S('num_of_snapshots(0)', sub { $d->num_of_snapshots(0) });
for my $f (@LISTF) {
    S("num_of_snapshots($f)", sub { $d->num_of_snapshots(SS($f)) });
}
S('num_of_snapshots(LIST_LEAVES|LIST_NO_LEAVES)', sub { $d->num_of_snapshots(SS('LIST_LEAVES') | SS('LIST_NO_LEAVES')) });
S('num_of_snapshots(LIST_ROOTS|LIST_LEAVES)', sub { $d->num_of_snapshots(SS('LIST_ROOTS') | SS('LIST_LEAVES')) });

L('list_snapshot_names(100)', sub { $d->list_snapshot_names(100) }, \&sorted);
L('list_snapshot_names(100, 0)', sub { $d->list_snapshot_names(100, 0) }, \&sorted);
S('list_snapshot_names(100) scalar is string', sub { my $x = $d->list_snapshot_names(100); (defined $x && $x =~ /^s[1-5]$/) ? 1 : 0 });
L('list_snapshot_names(5) exact', sub { $d->list_snapshot_names(5) }, \&sorted);
L('list_snapshot_names() usage', sub { $d->list_snapshot_names() }, \&sorted);
for my $f (@LISTF) {
    L("list_snapshot_names(100, $f)", sub { $d->list_snapshot_names(100, SS($f)) }, \&sorted);
}
L('list_all_snapshots()', sub { $d->list_all_snapshots() }, \&snames);
L('list_all_snapshots(0)', sub { $d->list_all_snapshots(0) }, \&snames);
S('list_all_snapshots(0) scalar is object', sub { my $x = $d->list_all_snapshots(0); ref($x) });
for my $f (@LISTF) {
    L("list_all_snapshots($f)", sub { $d->list_all_snapshots(SS($f)) }, \&snames);
}
L('list_all_snapshots(LIST_TOPOLOGICAL) parent-before-child', sub {
    my @l = $d->list_all_snapshots(SS('LIST_TOPOLOGICAL'));
    my %pos; my $i = 0; $pos{$_->get_name} = $i++ for @l;
    my $ok = 1;
    for my $s (@l) {
        my $p = eval { $s->get_parent };
        $ok = 0 if $p && $pos{$p->get_name} > $pos{$s->get_name};
    }
    ($ok);
});
L('list_snapshots', sub { $d->list_snapshots }, \&snames);
S('list_snapshots scalar', sub { $d->list_snapshots });
S('has_current_snapshot', sub { $d->has_current_snapshot });
S('has_current_snapshot(0)', sub { $d->has_current_snapshot(0) });
S('current_snapshot', sub { $d->current_snapshot });
S('current_snapshot(0)', sub { $d->current_snapshot(0) });
S('current_snapshot ref', sub { ref($d->current_snapshot) });
S('get_snapshot_by_name(s3)', sub { $d->get_snapshot_by_name('s3') });
S('get_snapshot_by_name(s3) ref', sub { ref($d->get_snapshot_by_name('s3')) });
S('get_snapshot_by_name(missing)', sub { $d->get_snapshot_by_name('nosuch') });
S('get_snapshot_by_name(undef)', sub { $d->get_snapshot_by_name(undef) });
S('DomainSnapshot->_new(no key)', sub { Sys::Virt::DomainSnapshot->_new(domain => $d) });
S('DomainSnapshot->_new(no domain)', sub { Sys::Virt::DomainSnapshot->_new(name => 's1') });
S('DomainSnapshot->_new(name)', sub { Sys::Virt::DomainSnapshot->_new(domain => $d, name => 's1') });

sub per_snapshot {
    my ($n, $s) = @_;
    S("$n get_name", sub { $s->get_name });
    S("$n get_xml_description contains <domainsnapshot", sub { ($s->get_xml_description =~ /<domainsnapshot>/) ? 1 : 0 });
    S("$n get_xml_description(0) has <name>$n</name>", sub { ($s->get_xml_description(0) =~ m{<name>\Q$n\E</name>}) ? 1 : 0 });
    S("$n get_xml_description(XML_SECURE) contains <domainsnapshot", sub { ($s->get_xml_description(SS('XML_SECURE')) =~ /<domainsnapshot>/) ? 1 : 0 });
    S("$n get_parent", sub { $s->get_parent });
    S("$n get_parent ref", sub { ref($s->get_parent) });
    S("$n is_current", sub { $s->is_current });
    S("$n is_current(0)", sub { $s->is_current(0) });
    S("$n has_metadata", sub { $s->has_metadata });
    S("$n has_metadata(0)", sub { $s->has_metadata(0) });
    S("$n num_of_child_snapshots()", sub { $s->num_of_child_snapshots() });
    S("$n num_of_child_snapshots(0)", sub { $s->num_of_child_snapshots(0) });
    S("$n num_of_child_snapshots(LIST_DESCENDANTS)", sub { $s->num_of_child_snapshots(SS('LIST_DESCENDANTS')) });
    S("$n num_of_child_snapshots(LIST_LEAVES)", sub { $s->num_of_child_snapshots(SS('LIST_LEAVES')) });
    S("$n num_of_child_snapshots(LIST_DESCENDANTS|LIST_LEAVES)", sub { $s->num_of_child_snapshots(SS('LIST_DESCENDANTS') | SS('LIST_LEAVES')) });
    L("$n list_child_snapshot_names(100)", sub { $s->list_child_snapshot_names(100) }, \&sorted);
    L("$n list_child_snapshot_names(100, 0)", sub { $s->list_child_snapshot_names(100, 0) }, \&sorted);
    L("$n list_child_snapshot_names(100, LIST_DESCENDANTS)", sub { $s->list_child_snapshot_names(100, SS('LIST_DESCENDANTS')) }, \&sorted);
    L("$n list_child_snapshot_names(100, LIST_LEAVES)", sub { $s->list_child_snapshot_names(100, SS('LIST_LEAVES')) }, \&sorted);
    L("$n list_all_children()", sub { $s->list_all_children() }, \&snames);
    L("$n list_all_children(0)", sub { $s->list_all_children(0) }, \&snames);
    L("$n list_all_children(LIST_DESCENDANTS)", sub { $s->list_all_children(SS('LIST_DESCENDANTS')) }, \&snames);
    L("$n list_all_children(LIST_LEAVES)", sub { $s->list_all_children(SS('LIST_LEAVES')) }, \&snames);
    L("$n list_child_snapshots", sub { $s->list_child_snapshots }, \&snames);
    S("$n list_child_snapshots scalar", sub { $s->list_child_snapshots });
}
for my $n (qw(s1 s2 s3 s4 s5)) {
    per_snapshot($n, $snap{$n}) if $snap{$n};
}
L('s1 list_child_snapshot_names() usage', sub { $snap{s1}->list_child_snapshot_names() }, \&sorted);

# Errors on creation
S('create_snapshot(duplicate s1)', sub { $d->create_snapshot(snapxml('s1'), 0) });
S('create_snapshot(malformed)', sub { $d->create_snapshot('<domainsnapshot><name>bad', 0) });
S('create_snapshot(empty)', sub { $d->create_snapshot('', 0) });
S('create_snapshot(undef xml)', sub { $d->create_snapshot(undef, 0) });
S('create_snapshot(wrong root)', sub { $d->create_snapshot('<foo/>', 0) });
S('create_snapshot(CREATE_DISK_ONLY)', sub { $d->create_snapshot(snapxml('sdisk'), SS('CREATE_DISK_ONLY')) });
S('create_snapshot(CREATE_CURRENT without REDEFINE)', sub { $d->create_snapshot(snapxml('scur'), SS('CREATE_CURRENT')) });
S('create_snapshot(CREATE_REDEFINE missing domain)', sub { $d->create_snapshot(snapxml('snodom'), SS('CREATE_REDEFINE')) });
S('create_snapshot(CREATE_LIVE|CREATE_QUIESCE)', sub { $d->create_snapshot(snapxml('slive'), SS('CREATE_LIVE') | SS('CREATE_QUIESCE')) });
S('create_snapshot via readonly conn', sub { $cro->get_domain_by_name('test')->create_snapshot(snapxml('sro'), 0) }) if $cro;
L('list_snapshot_names(100) after errors', sub { $d->list_snapshot_names(100) }, \&sorted);
S('current_snapshot after errors', sub { $d->current_snapshot });

# No-metadata snapshot
my $snm = S('create_snapshot(snm, CREATE_NO_METADATA)', sub { $d->create_snapshot(snapxml('snm'), SS('CREATE_NO_METADATA')) });
if ($snm) {
    S('snm get_name', sub { $snm->get_name });
    S('snm get_xml_description contains <domainsnapshot', sub { ($snm->get_xml_description =~ /<domainsnapshot>/) ? 1 : 0 });
    S('snm has_metadata', sub { $snm->has_metadata });
    S('snm is_current', sub { $snm->is_current });
}
L('list_snapshot_names(100) after NO_METADATA', sub { $d->list_snapshot_names(100) }, \&sorted);
S('current_snapshot after NO_METADATA', sub { $d->current_snapshot });

# Redefine from saved XML
my $s5xml = eval { $snap{s5}->get_xml_description };
out('saved s5 xml: ', defined $s5xml ? 'yes' : 'no');
S('s5 delete(0)', sub { $snap{s5}->delete(0) });
S('s5 (deleted) get_name', sub { $snap{s5}->get_name });
S('s5 (deleted) get_xml_description', sub { $snap{s5}->get_xml_description });
S('s5 (deleted) get_parent', sub { $snap{s5}->get_parent });
S('s5 (deleted) is_current', sub { $snap{s5}->is_current });
S('s5 (deleted) delete again', sub { $snap{s5}->delete(0) });
S('s5 (deleted) revert_to', sub { $snap{s5}->revert_to(0) });
S('get_snapshot_by_name(s5) after delete', sub { $d->get_snapshot_by_name('s5') });
S('s4 is_current after s5 delete', sub { $snap{s4}->is_current });
S('has_current_snapshot after s5 delete', sub { $d->has_current_snapshot });
S('current_snapshot after s5 delete', sub { $d->current_snapshot });
L('list_snapshot_names(100) after s5 delete', sub { $d->list_snapshot_names(100) }, \&sorted);
my $s5r = S('create_snapshot(s5 xml, CREATE_REDEFINE)', sub { $d->create_snapshot($s5xml, SS('CREATE_REDEFINE')) });
S('s5r is_current', sub { $s5r->is_current }) if $s5r;
S('s5r get_parent', sub { $s5r->get_parent }) if $s5r;
S('s5 old object get_xml_description after redefine', sub { ($snap{s5}->get_xml_description =~ /<domainsnapshot>/) ? 1 : 0 });
S('has_current_snapshot after REDEFINE', sub { $d->has_current_snapshot });
S('current_snapshot after REDEFINE', sub { $d->current_snapshot });
my $s5c = S('create_snapshot(s5 xml, CREATE_REDEFINE|CREATE_CURRENT)', sub { $d->create_snapshot($s5xml, SS('CREATE_REDEFINE') | SS('CREATE_CURRENT')) });
S('s5c is_current', sub { $s5c->is_current }) if $s5c;
S('current_snapshot after REDEFINE|CURRENT', sub { $d->current_snapshot });
my $s3xml = eval { $snap{s3}->get_xml_description };
S('create_snapshot(s3 xml, CREATE_REDEFINE|CREATE_CURRENT)', sub { $d->create_snapshot($s3xml, SS('CREATE_REDEFINE') | SS('CREATE_CURRENT')) });
S('current_snapshot after redefine s3 current', sub { $d->current_snapshot });
S('s3 is_current', sub { $snap{s3}->is_current });
S('s5 is_current', sub { $snap{s5}->is_current });
S('create_snapshot(s5 xml, CREATE_REDEFINE|CREATE_VALIDATE)', sub { $d->create_snapshot($s5xml, SS('CREATE_REDEFINE') | SS('CREATE_VALIDATE')) });
S('create_snapshot(CREATE_REDEFINE, renamed s5 xml -> s6)', sub {
    (my $x = $s5xml) =~ s{<name>s5</name>}{<name>s6</name>};
    $d->create_snapshot($x, SS('CREATE_REDEFINE'));
});
L('list_snapshot_names(100) after redefine', sub { $d->list_snapshot_names(100) }, \&sorted);
S('s6 get_parent', sub { $d->get_snapshot_by_name('s6')->get_parent });
S('s4 num_of_child_snapshots after s6', sub { $snap{s4}->num_of_child_snapshots(0) });

# Revert with flags
S('s2 revert_to(0)', sub { $snap{s2}->revert_to(0) });
L('test get_state after revert s2', sub { $d->get_state });
S('s2 revert_to(REVERT_PAUSED)', sub { $snap{s2}->revert_to(SS('REVERT_PAUSED')) });
L('test get_state after REVERT_PAUSED', sub { $d->get_state });
S('test is_active after REVERT_PAUSED', sub { $d->is_active });
S('s3 revert_to(REVERT_RUNNING)', sub { $snap{s3}->revert_to(SS('REVERT_RUNNING')) });
L('test get_state after REVERT_RUNNING', sub { $d->get_state });
S('s1 revert_to(REVERT_FORCE)', sub { $snap{s1}->revert_to(SS('REVERT_FORCE')) });
L('test get_state after REVERT_FORCE', sub { $d->get_state });
S('s1 revert_to(REVERT_RUNNING|REVERT_PAUSED)', sub { $snap{s1}->revert_to(SS('REVERT_RUNNING') | SS('REVERT_PAUSED')) });
L('test get_state after RUNNING|PAUSED', sub { $d->get_state });
S('s1 revert_to(REVERT_RUNNING|REVERT_FORCE)', sub { $snap{s1}->revert_to(SS('REVERT_RUNNING') | SS('REVERT_FORCE')) });
L('test get_state after RUNNING|FORCE', sub { $d->get_state });
S('s1 revert_to()', sub { $snap{s1}->revert_to() });
S('current_snapshot after reverts', sub { $d->current_snapshot });
S('s1 is_current after reverts', sub { $snap{s1}->is_current });

# Snapshots of an inactive domain (parity1), revert to running/paused
if ($d1) {
    L('parity1 get_state before snapshots', sub { $d1->get_state });
    my $p1 = S('parity1 create_snapshot(off1, 0)', sub { $d1->create_snapshot(snapxml('off1'), 0) });
    if ($p1) {
        S('off1 xml has <state>shutoff</state>', sub { ($p1->get_xml_description =~ m{<state>shutoff</state>}) ? 1 : 0 });
        S('parity1 num_of_snapshots(LIST_INACTIVE)', sub { $d1->num_of_snapshots(SS('LIST_INACTIVE')) });
        S('parity1 num_of_snapshots(LIST_ACTIVE)', sub { $d1->num_of_snapshots(SS('LIST_ACTIVE')) });
        S('parity1 create', sub { $d1->create });
        my $p2 = S('parity1 create_snapshot(on1, 0)', sub { $d1->create_snapshot(snapxml('on1'), 0) });
        S('off1 revert_to(0) from running', sub { $p1->revert_to(0) });
        L('parity1 get_state after revert off1', sub { $d1->get_state });
        S('off1 revert_to(REVERT_RUNNING)', sub { $p1->revert_to(SS('REVERT_RUNNING')) });
        L('parity1 get_state after off1 REVERT_RUNNING', sub { $d1->get_state });
        S('off1 revert_to(REVERT_PAUSED)', sub { $p1->revert_to(SS('REVERT_PAUSED')) });
        L('parity1 get_state after off1 REVERT_PAUSED', sub { $d1->get_state });
        S('on1 revert_to(REVERT_FORCE)', sub { $p2->revert_to(SS('REVERT_FORCE')) }) if $p2;
        L('parity1 get_state after on1 REVERT_FORCE', sub { $d1->get_state });
        S('parity1 destroy', sub { $d1->destroy });
        S('on1 revert_to(0) while off', sub { $p2->revert_to(0) }) if $p2;
        L('parity1 get_state after on1 revert while off', sub { $d1->get_state });
        S('parity1 destroy again', sub { $d1->destroy });
        S('parity1 undefine with snapshots', sub { $d1->undefine });
        S('off1 delete(DELETE_METADATA_ONLY)', sub { $p1->delete(SS('DELETE_METADATA_ONLY')) });
        S('off1 delete(0)', sub { $p1->delete(0) });
        S('on1 delete(0)', sub { $p2->delete(0) }) if $p2;
        S('parity1 num_of_snapshots after deletes', sub { $d1->num_of_snapshots });
    }
    S('parity1 undefine', sub { $d1->undefine });
    S('parity1 get_name after undefine', sub { $d1->get_name });
    S('get_domain_by_name(parity1) after undefine', sub { $c->get_domain_by_name('parity1') });
}

# Deletions
S('s4 delete(DELETE_METADATA_ONLY)', sub { $snap{s4}->delete(SS('DELETE_METADATA_ONLY')) });
S('s4 delete(DELETE_CHILDREN|DELETE_CHILDREN_ONLY)', sub { $snap{s4}->delete(SS('DELETE_CHILDREN') | SS('DELETE_CHILDREN_ONLY')) });
L('list_snapshot_names(100) before deletes', sub { $d->list_snapshot_names(100) }, \&sorted);
S('s4 delete(DELETE_CHILDREN)', sub { $snap{s4}->delete(SS('DELETE_CHILDREN')) });
L('list_snapshot_names(100) after s4 DELETE_CHILDREN', sub { $d->list_snapshot_names(100) }, \&sorted);
S('s4 (deleted) get_name', sub { $snap{s4}->get_name });
S('s4 (deleted) get_xml_description', sub { $snap{s4}->get_xml_description });
S('s4 (deleted) num_of_child_snapshots', sub { $snap{s4}->num_of_child_snapshots(0) });
S('s1 num_of_child_snapshots(0) after s4 delete', sub { $snap{s1}->num_of_child_snapshots(0) });
S('s1 delete(DELETE_CHILDREN_ONLY)', sub { $snap{s1}->delete(SS('DELETE_CHILDREN_ONLY')) });
L('list_snapshot_names(100) after s1 DELETE_CHILDREN_ONLY', sub { $d->list_snapshot_names(100) }, \&sorted);
S('s1 num_of_child_snapshots(LIST_DESCENDANTS)', sub { $snap{s1}->num_of_child_snapshots(SS('LIST_DESCENDANTS')) });
S('s1 is_current', sub { $snap{s1}->is_current });
S('has_current_snapshot', sub { $d->has_current_snapshot });
S('current_snapshot', sub { $d->current_snapshot });
S('s2 (deleted) get_name', sub { $snap{s2}->get_name });
S('s2 (deleted) get_xml_description', sub { $snap{s2}->get_xml_description });
S('s2 (deleted) has_metadata', sub { $snap{s2}->has_metadata });
S('s1 delete() no flags', sub { $snap{s1}->delete() });
S('num_of_snapshots after all deletes', sub { $d->num_of_snapshots });
L('list_snapshot_names(100) after all deletes', sub { $d->list_snapshot_names(100) }, \&sorted);
L('list_all_snapshots(0) after all deletes', sub { $d->list_all_snapshots(0) }, \&snames);
S('has_current_snapshot after all deletes', sub { $d->has_current_snapshot });
S('current_snapshot after all deletes', sub { $d->current_snapshot });
S('s1 (deleted) get_name', sub { $snap{s1}->get_name });
S('s1 (deleted) get_xml_description', sub { $snap{s1}->get_xml_description });
L('test get_state at end of snapshots', sub { $d->get_state });

# ---------------------------------------------------------------------------
# 4. Sys::Virt::Error
# ---------------------------------------------------------------------------
section('4. Sys::Virt::Error');

eval { $c->get_domain_by_name('no-such-domain') };
my $e = $@;
out('error ref: ', ref($e));
out('error isa Sys::Virt::Error: ', (ref($e) && $e->isa('Sys::Virt::Error')) ? 1 : 0);
out('error reftype is HASH: ', (ref($e) && UNIVERSAL::isa($e, 'HASH')) ? 1 : 0);
out('error hash: ', fmt($e));
S('error ->level', sub { $e->level });
S('error ->code', sub { $e->code });
S('error ->domain', sub { $e->domain });
S('error ->message', sub { $e->message });
S('error ->stringify', sub { $e->stringify });
out('error "$@": ', qstr("$e"));
out('error eq stringify: ', ("$e" eq $e->stringify) ? 1 : 0);
out('error bool: ', $e ? 1 : 0);

eval { $snap{s1}->get_xml_description };
my $e2 = $@;
out('snapshot error hash: ', fmt($e2));
S('snapshot error ->level', sub { $e2->level });
out('snapshot error "$@": ', qstr("$e2"));

eval { $d->resume };
my $e3 = $@;
out('resume error hash: ', fmt($e3));
S('resume error ->level', sub { $e3->level });
out('resume error "$@": ', qstr("$e3"));

for my $k (qw(LEVEL_NONE LEVEL_WARNING LEVEL_ERROR FROM_NONE FROM_DOM FROM_TEST
              FROM_DOMAIN_SNAPSHOT FROM_CONF ERR_OK ERR_INTERNAL_ERROR ERR_NO_DOMAIN
              ERR_NO_DOMAIN_SNAPSHOT ERR_OPERATION_INVALID ERR_INVALID_ARG
              ERR_OPERATION_FAILED ERR_XML_ERROR ERR_NO_SUPPORT ERR_OPERATIONED_DENIED ERR_OPERATION_DENIED FROM_XML FROM_DOMAIN
              ERR_CONFIG_UNSUPPORTED ERR_XML_DETAIL ERR_INVALID_DOMAIN_SNAPSHOT)) {
    S("const Error::$k", sub { no strict 'refs'; &{"Sys::Virt::Error::$k"}() });
}

out('');
out('=== done ===');
exit 0;
