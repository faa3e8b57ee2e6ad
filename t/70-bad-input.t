# -*- perl -*-
#
# No input crashes or hangs the process.
#
# Every sub of Sys::Virt and of each Sys::Virt::* package it loads (the
# list is @PACKAGES below; found by walking the packages' stashes: XSUBs
# and Perl subs alike) is called with bad invocants and bad arguments:
# undef, strings, numbers, references of every kind, objects of the wrong
# class, forged blessed scalars, destroyed and stale objects, out-of-range
# and non-numeric flags and integers, odd maxnames, empty / malformed /
# huge / badly encoded XML and names, odd typed-parameter hashes, lists,
# file descriptors, code references, tied scalars and overloaded objects
# that die while being read.
#
# Each sub's arguments are described by its entry in %SPEC (a list of
# parameter types, or 'custom' for the _new constructors, which take named
# parameters); a sub without one is a failure. %GOOD gives each type's good
# value and %INPUTS its bad ones.
#
# Each method's cases run in one forked child (t/lib/Crash.pm), each case
# inside an eval, the child printing each case's number before running it.
# The parent reads that log: a child killed by a signal or stopped by its
# alarm is a failure attributed to the case it was running, and the child
# is started again from the next case. The methods are shared between
# $WORKERS processes, each running its children one after the other.
#
# Every case must end in a value or an exception; which one, and what the
# exception looks like, is checked per input:
#   any      a value, a Sys::Virt::Error, or a plain message
#   error    an exception (of any kind)
#   ours     an exception; for an XSUB a plain message naming the XSUB
#            ("Pkg::method: ..." or "Usage: Pkg::method(...)"); for a Perl
#            sub an exception of any kind, or a value when the input is
#            false (the Perl wrappers read a false flags value as 0)
#   rethrow  the exception thrown by the tied scalar / overloaded object,
#            unchanged
# A Sys::Virt::Error must carry numeric code, domain and level and a
# message, and stringify.
#
# The children run with a 1 GiB address-space limit so that an input that
# makes us ask for far more memory than the answer needs is caught here
# (as an abort) rather than only on hosts without memory overcommit.
#
# Before the real cases, the harness proves on a probe sub that a crash and
# a hang are caught and pinned to their case. After them: arguments whose
# reading frees the invocant, exit() from inside an argument, and many
# nested exceptions. The number of cases run is printed as a diag.
#
# The test driver has no secrets and no network filters: their objects
# come from a private libvirtd when one can be started (see
# t/lib/PrivateLibvirtd.pm); without it, only the invocant checks of
# those classes run. It has no network ports either: a port is only ever
# a bad invocant here.
#
# SYS_VIRT_BAD_INPUT_ONLY=regex runs only the subs whose full name matches;
# SYS_VIRT_BAD_INPUT_WORKERS=n shares them between n workers (2).

use strict;
use warnings;

use FindBin;
use lib "$FindBin::Bin/lib";

use B ();
use Scalar::Util ();
use Encode ();
use File::Temp ();
use POSIX ();
use Storable ();
use Test::More;

use Crash ();
use Sys::Virt;
BEGIN { Crash::assert_our_build() }

use PrivateLibvirtd;

# "" and undef URIs then mean the test driver rather than whatever daemon
# the host may (not) run.
$ENV{LIBVIRT_DEFAULT_URI} = 'test:///default';

my $URI = 'test:///default';
my $CASE_TIMEOUT = 20;           # seconds for one child (one method's cases)
my $ADDRESS_SPACE = 1 << 30;     # bytes, per child
my $WORKERS = 2;                 # processes sharing the methods

# Cases known to fail because of a bug in src/, reported and awaiting a
# fix: shown as TODO so that the rest of the suite stays green.
# Each entry: [qr/case name/, 'what is wrong'].
my @KNOWN_BUGS = (
);

# Files the subs under test write (save images, core dumps) go here.
my $TMPDIR = File::Temp::tempdir('bad-input.XXXXXX', TMPDIR => 1, CLEANUP => 1);

# ------------------------------------------------------ the packages

# Object kinds and their classes (each kind's fixtures are built in
# build_fixtures, new objects standing for them made by %FRESH).
my %CLASS = (
    con  => 'Sys::Virt',
    dom  => 'Sys::Virt::Domain',
    snap => 'Sys::Virt::DomainSnapshot',
    chkp => 'Sys::Virt::DomainCheckpoint',
    pool => 'Sys::Virt::StoragePool',
    vol  => 'Sys::Virt::StorageVol',
    net  => 'Sys::Virt::Network',
    port => 'Sys::Virt::NetworkPort',
    dev  => 'Sys::Virt::NodeDevice',
    iface => 'Sys::Virt::Interface',
    sec  => 'Sys::Virt::Secret',
    nwf  => 'Sys::Virt::NWFilter',
    nwb  => 'Sys::Virt::NWFilterBinding',
    st   => 'Sys::Virt::Stream',
);
my @ALL_KINDS = qw(con dom snap chkp pool vol net port dev iface sec nwf nwb st);

sub pm_of { (my $f = "$_[0].pm") =~ s{::}{/}g; return $f }

# The packages walked: every one the build's Sys::Virt loads (a package
# whose .pm is not there is left out, and said so).
my @PACKAGES = grep { $INC{ pm_of($_) } } map({ $CLASS{$_} } @ALL_KINDS), 'Sys::Virt::Event';
my %WALKED = map { $_ => 1 } @PACKAGES;
my @KINDS = grep { $WALKED{ $CLASS{$_} } } @ALL_KINDS;
my %HAVE = map { $_ => 1 } @KINDS;
if (my @missing = grep { !$WALKED{$_} } map({ $CLASS{$_} } @ALL_KINDS), 'Sys::Virt::Event') {
    diag "not in this build, not walked: @missing";
}

# Secrets, filters and bindings live in a private libvirtd, when it runs.
my $DAEMON;
if (!$HAVE{sec}) {
    # Nothing here would use it.
} elsif (defined(my $why = PrivateLibvirtd::why_not())) {
    die "private libvirtd (required by SYS_VIRT_REQUIRE_LIBVIRTD) cannot start: $why\n" if $ENV{SYS_VIRT_REQUIRE_LIBVIRTD};
    diag "no private libvirtd ($why): secrets and network filters get invocant checks only";
} else {
    $DAEMON = PrivateLibvirtd->start;
    # A daemon that goes away must show up as an error, not a signal.
    $SIG{PIPE} = 'IGNORE';
}

# Kinds with no real object to test with: network ports (the test driver
# has none) and, without the daemon, secrets, filters and bindings.
my %NO_LIVE_OBJECT = (port => 1, $DAEMON ? () : (sec => 1, nwf => 1, nwb => 1));
my @LIVE_KINDS = grep { !$NO_LIVE_OBJECT{$_} } @KINDS;

# --------------------------------------------------------------- helpers

package Sentinel::Tie {
    sub TIESCALAR { my ($class, $how, $value) = @_; return bless { how => $how, value => $value }, $class }
    sub FETCH {
        my $self = shift;
        die "SENTINEL tied FETCH died\n" if $self->{how} eq 'die';
        die Sentinel::Error->new if $self->{how} eq 'die-object';
        return $self->{value};
    }
    sub STORE { }
}

package Sentinel::Error {
    sub new { return bless { message => 'SENTINEL object exception' }, shift }
}

package Sentinel::Overload {
    use overload
        '""'  => sub { $_[0]{how} eq 'die' ? die "SENTINEL overload died\n" : $_[0]{value} },
        '0+'  => sub { $_[0]{how} eq 'die' ? die "SENTINEL overload died\n" : $_[0]{value} },
        'bool' => sub { 1 },
        fallback => 1;
    sub new { my ($class, $how, $value) = @_; return bless { how => $how, value => $value }, $class }
}

# Reads calls back into libvirt (a lookup that fails, leaving an error)
# before answering.
package Sentinel::Reentrant {
    sub TIESCALAR { my ($class, $fx, $value) = @_; return bless { fx => $fx, value => $value }, $class }
    sub FETCH {
        my $self = shift;
        my $con = $self->{fx}{con};
        eval { $con->get_domain_by_name('no-such-domain-anywhere') };
        my $uri = eval { $con->get_uri };
        return $self->{value};
    }
    sub STORE { }
}

# A hash (of typed parameters) that dies when read.
package Sentinel::TieHash {
    sub TIEHASH { return bless {}, shift }
    sub FETCH { die "SENTINEL tied hash FETCH died\n" }
    sub EXISTS { die "SENTINEL tied hash EXISTS died\n" }
    sub STORE { }
    sub FIRSTKEY { return undef }
}

package main;

sub tied_value {
    my ($how, $value) = @_;
    tie my $x, 'Sentinel::Tie', $how, $value;
    # Return an alias to the tied scalar itself, not a copy of its value.
    return \$x;
}

my $BIG = 10 * 1024 * 1024;
my %cache;
sub big_string { my ($key, $make) = @_; return $cache{$key} //= $make->() }

sub invalid_utf8 {
    my ($bytes) = @_;
    Encode::_utf8_on($bytes);
    return $bytes;
}

# ------------------------------------------------------- XML documents

sub dom_xml {
    my ($name) = @_;
    return "<domain type='test'><name>$name</name><memory>1024</memory>"
         . "<os><type>hvm</type></os></domain>";
}

sub snap_xml { return "<domainsnapshot><name>$_[0]</name></domainsnapshot>" }

sub chkp_xml { return "<domaincheckpoint><name>$_[0]</name></domaincheckpoint>" }

sub pool_xml { return "<pool type='dir'><name>$_[0]</name><target><path>/$_[0]</path></target></pool>" }

sub vol_xml { return "<volume><name>$_[0]</name><capacity>1024</capacity></volume>" }

sub net_xml { return "<network><name>$_[0]</name><bridge name='fxbr0'/></network>" }

sub port_xml {
    return "<networkport><uuid>0a1b2c3d-4e5f-4a6b-8c7d-000000000070</uuid>"
         . "<owner><name>$_[0]</name><uuid>c7a5fdbd-cdaf-9455-926a-d65c16db1809</uuid></owner>"
         . "<mac address='52:54:00:00:00:70'/></networkport>";
}

# A vHBA on the test driver's scsi_host1, which can make virtual ports
# (the driver names it itself: the name given is only text in the XML).
sub nodedev_xml {
    my ($name, $wwn) = @_;
    $wwn = '0070' unless defined $wwn;
    return "<device><name>$name</name><parent>scsi_host1</parent><capability type='scsi_host'><capability type='fc_host'>"
         . "<wwnn>200000000000$wwn</wwnn><wwpn>100000000000$wwn</wwpn></capability></capability></device>";
}

sub iface_xml { return "<interface type='ethernet' name='$_[0]'><mac address='52:54:00:00:70:01'/></interface>" }

sub secret_xml {
    return "<secret ephemeral='no' private='no'><usage type='tls'><name>$_[0]</name></usage></secret>";
}

sub nwfilter_xml { return "<filter name='$_[0]' chain='root'><rule action='accept' direction='in'><all/></rule></filter>" }

sub binding_xml {
    return "<filterbinding><owner><name>fx-owner</name><uuid>c7a5fdbd-cdaf-9455-926a-d65c16db1870</uuid></owner>"
         . "<portdev name='$_[0]'/><mac address='52:54:00:00:70:02'/><filterref filter='fx-filter'/></filterbinding>";
}

# Document makers by root element.
my %XML_OF = (domain => \&dom_xml, domainsnapshot => \&snap_xml, domaincheckpoint => \&chkp_xml,
              pool => \&pool_xml, volume => \&vol_xml, network => \&net_xml, networkport => \&port_xml,
              device => \&nodedev_xml, interface => \&iface_xml, secret => \&secret_xml,
              filter => \&nwfilter_xml, filterbinding => \&binding_xml);

# ------------------------------------------------------------- fixtures

# The test driver's node devices (vHBAs made by the cases are removed).
my %TEST_DEVICES = map { $_ => 1 } qw(computer scsi_host1 scsi_host2 scsi_host11);

# Stale fixtures made once per process (see their builders).
my %KEPT;

# A new object of each kind, standing for the fixtures' objects.
my %FRESH = (
    con   => sub { Sys::Virt->new(uri => $URI) },
    dom   => sub { $_[0]{con}->get_domain_by_name('fx-dom') },
    snap  => sub { $_[0]{dom}->get_snapshot_by_name('fx-child') },
    chkp  => sub { $_[0]{cdom}->get_checkpoint_by_name('fx-cchild') },
    pool  => sub { $_[0]{con}->get_storage_pool_by_name('fx-pool') },
    vol   => sub { $_[0]{pool}->get_volume_by_name('fx-vol') },
    net   => sub { $_[0]{con}->get_network_by_name('fx-net') },
    dev   => sub { $_[0]{con}->get_node_device_by_name($_[0]{dev_name}) },
    iface => sub { $_[0]{con}->get_interface_by_name('fx-iface') },
    sec   => sub { $_[0]{dcon}->get_secret_by_uuid($_[0]{sec_uuid}) },
    nwf   => sub { $_[0]{dcon}->get_nwfilter_by_name('fx-filter') },
    nwb   => sub { $_[0]{dcon}->get_nwfilter_binding_by_port_dev('fxtap0') },
    st    => sub { $_[0]{con}->new_stream },
);
sub fresh_object { my ($fx, $kind) = @_; return $FRESH{$kind}->($fx) }

# Built in each child: a connection, a running persistent domain with a
# snapshot that has a child, objects of every other kind, and objects in
# every odd state.
sub build_fixtures {
    my %fx;
    my $con = $fx{con} = Sys::Virt->new(uri => $URI);
    $fx{dcon} = $con;
    teardown($con);
    domain_fixtures(\%fx);
    checkpoint_fixtures(\%fx) if $HAVE{chkp};
    storage_fixtures(\%fx) if $HAVE{pool};
    network_fixtures(\%fx) if $HAVE{net};
    host_fixtures(\%fx) if $HAVE{dev};
    daemon_fixtures(\%fx) if $HAVE{sec} && $DAEMON;
    stream_fixtures(\%fx) if $HAVE{st};

    for my $kind (@LIVE_KINDS) {
        # Objects on which DESTROY was called by hand (a no-op: they stay usable).
        my $d = $fx{"${kind}_destroyed"} = fresh_object(\%fx, $kind);
        $d->DESTROY;
        # The address a freed object held.
        my $tmp = fresh_object(\%fx, $kind);
        $fx{"freed_addr_$kind"} = 0 + ${$tmp};
        undef $tmp;
    }
    return \%fx;
}

sub domain_fixtures {
    my ($fx) = @_;
    my $con = $fx->{con};
    my $dom = $fx->{dom} = $con->define_domain(dom_xml('fx-dom'));
    $dom->create;
    $fx->{snap} = $dom->create_snapshot(snap_xml('fx-root'));
    $fx->{snap_child} = $dom->create_snapshot(snap_xml('fx-child'));
    $fx->{id} = $dom->get_id;
    $fx->{uuid} = $dom->get_uuid_string;

    # Stale objects: what they stand for is gone.
    my $gone = $dom->create_snapshot(snap_xml('fx-gone'));
    $gone->delete;
    $fx->{snap_deleted} = $gone;

    my $undef = $con->define_domain(dom_xml('fx-undef'));
    $undef->undefine;
    $fx->{dom_undefined} = $undef;

    my $trans = $con->create_domain(dom_xml('fx-trans'));
    $trans->destroy;
    $fx->{dom_gone} = $trans;

    my $sdom = $con->define_domain(dom_xml('fx-sdom'));
    $fx->{snap_dom_gone} = $sdom->create_snapshot(snap_xml('fx-s'));
    $sdom->undefine(Sys::Virt::Domain::UNDEFINE_SNAPSHOTS_METADATA());

    # Objects whose connection (and domain) objects were dropped.
    {
        my $c2 = Sys::Virt->new(uri => $URI);
        my $d2 = $c2->get_domain_by_name('fx-dom');
        $fx->{dom_orphan} = $d2;
        $fx->{snap_orphan} = $d2->get_snapshot_by_name('fx-root');
    }
    {
        my $c3 = Sys::Virt->new(uri => $URI);
        my $d3 = $c3->get_domain_by_name('fx-dom');
        $fx->{snap_orphan2} = $d3->get_snapshot_by_name('fx-child');
    }
}

# A second running domain, with a disk and checkpoints (the test driver
# refuses checkpoints of a domain that has snapshots). The test driver
# takes some 30 ms to make a checkpoint: the domain and its checkpoints
# stay between builds (and come made from the worker, see
# run_all_methods), and are made again when a case changed them; the
# deleted checkpoint is made once per process.
sub checkpoint_fixtures {
    my ($fx) = @_;
    my $con = $fx->{con};
    my $cdom = eval { $con->get_domain_by_name('fx-cdom') };
    if (!$cdom || !eval { $cdom->is_active }) {
        drop_domain($cdom) if $cdom;
        (my $cxml = dom_xml('fx-cdom')) =~ s{</domain>}{<devices><disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/fx/cdom.qcow2'/><target dev='vda'/></disk></devices></domain>};
        $cdom = $con->define_domain($cxml);
        $cdom->create;
    }
    $fx->{cdom} = $cdom;
    my ($root, $child) = map { my $n = $_; eval { $cdom->get_checkpoint_by_name($n) } } qw(fx-croot fx-cchild);
    my $intact = $root && $child && (eval { $child->get_parent->get_name } // '') eq 'fx-croot';
    # What the cases made goes; all goes when a fixture went.
    for my $c (eval { $cdom->list_all_checkpoints }) {
        next if $intact && $c->get_name =~ /^fx-c(?:root|child)$/;
        eval { $c->delete(Sys::Virt::DomainCheckpoint::DELETE_METADATA_ONLY()) };
    }
    if (!$intact) {
        $root = $cdom->create_checkpoint(chkp_xml('fx-croot'));
        $child = $cdom->create_checkpoint(chkp_xml('fx-cchild'));
    }
    $fx->{chkp} = $root;
    $fx->{chkp_child} = $child;
    $fx->{chkp_deleted} = $KEPT{chkp_deleted} //= do {
        my $cgone = $cdom->create_checkpoint(chkp_xml('fx-cgone'));
        $cgone->delete;
        $cgone };
}

# An active pool with a volume, and storage objects in odd states.
sub storage_fixtures {
    my ($fx) = @_;
    my $con = $fx->{con};
    my $pool = $fx->{pool} = $con->define_storage_pool(pool_xml('fx-pool'));
    $pool->create;
    $fx->{pool_uuid} = $pool->get_uuid_string;
    $fx->{vol} = $pool->create_volume(vol_xml('fx-vol'));
    $fx->{vol_deleted} = $pool->create_volume(vol_xml('fx-vol-gone'));
    Sys::Virt->new(uri => $URI)->get_storage_volume_by_path('/fx-pool/fx-vol-gone')->delete;
    my $upool = $con->define_storage_pool(pool_xml('fx-upool'));
    $upool->undefine;
    $fx->{pool_undefined} = $upool;
    my $ipool = $fx->{pool_inactive} = $con->define_storage_pool(pool_xml('fx-ipool'));
    $ipool->create;
    $fx->{vol_pool_stopped} = $ipool->create_volume(vol_xml('fx-ivol'));
    $ipool->destroy;
    {
        my $c4 = Sys::Virt->new(uri => $URI);
        $fx->{vol_orphan} = $c4->get_storage_pool_by_name('fx-pool')->get_volume_by_name('fx-vol');
    }
}

# A running network, one undefined through another connection, a
# transient one that was stopped (and so is gone).
sub network_fixtures {
    my ($fx) = @_;
    my $con = $fx->{con};
    my $net = $fx->{net} = $con->define_network(net_xml('fx-net'));
    $net->create;
    my $net_undef = $con->define_network(net_xml('fx-net-undef'));
    Sys::Virt->new(uri => $URI)->get_network_by_name('fx-net-undef')->undefine;
    $fx->{net_undefined} = $net_undef;
    my $net_trans = $con->create_network(net_xml('fx-net-trans'));
    $net_trans->destroy;
    $fx->{net_gone} = $net_trans;
    {
        my $c5 = Sys::Virt->new(uri => $URI);
        $fx->{net_orphan} = $c5->get_network_by_name('fx-net');
    }
}

# Host objects of our own (the cases destroy and undefine them): a vHBA
# and one destroyed since; an interface that is up and one undefined
# since. (The test driver may give a new vHBA the name of one destroyed.)
sub host_fixtures {
    my ($fx) = @_;
    my $con = $fx->{con};
    my $vhba = $con->create_node_device(nodedev_xml('fx-dev-gone', '0071'));
    $vhba->destroy;
    $fx->{dev_gone} = $vhba;
    my $dev = $fx->{dev} = $con->create_node_device(nodedev_xml('fx-dev'));
    $fx->{dev_name} = $dev->get_name;
    my $iface = $fx->{iface} = $con->define_interface(iface_xml('fx-iface'));
    $iface->create;
    my $iface_undef = $con->define_interface(iface_xml('fx-iface-undef'));
    $iface_undef->undefine;
    $fx->{iface_undefined} = $iface_undef;
}

# Secrets, filters and bindings in the private daemon. Deleting a binding
# takes libvirtd a fifth of a second (it takes down firewall rules): the
# fixtures stay in the daemon between builds, and only what the cases
# changed is made again. The workers share the daemon: the subs that
# change its fixtures run alone (see run_all_methods), and what a build
# makes and undefines at once has a name of its own process.
sub daemon_fixtures {
    my ($fx) = @_;
    my $dc = $fx->{dcon} = Sys::Virt->new(uri => $DAEMON->uri);
    daemon_teardown($dc);
    $fx->{sec} = eval { $dc->get_secret_by_usage(Sys::Virt::Secret::USAGE_TYPE_TLS(), 'fx-sec') }
        || $dc->define_secret(secret_xml('fx-sec'));
    $fx->{sec}->set_value("fx\0value\xff");
    $fx->{sec_uuid} = $fx->{sec}->get_uuid_string;
    $fx->{nwf} = eval { $dc->get_nwfilter_by_name('fx-filter') } || $dc->define_nwfilter(nwfilter_xml('fx-filter'));
    $fx->{nwb} = eval { $dc->get_nwfilter_binding_by_port_dev('fxtap0') }
        || $dc->create_nwfilter_binding(binding_xml('fxtap0'));
    # Made once per process. (Another worker's teardown may undefine them
    # first.)
    $fx->{sec_undefined} = $KEPT{sec_undefined} //= do {
        my $sec_undef = $dc->define_secret(secret_xml("fx-sec-undef-$$"));
        eval { $sec_undef->undefine };
        $sec_undef };
    $fx->{nwf_undefined} = $KEPT{nwf_undefined} //= do {
        my $nwf_undef = $dc->define_nwfilter(nwfilter_xml("fx-filter-undef-$$"));
        eval { $nwf_undef->undefine };
        $nwf_undef };
}

# A stream attached to a screenshot of the domain.
sub stream_fixtures {
    my ($fx) = @_;
    $fx->{st} = $fx->{con}->new_stream;
    $fx->{dom}->screenshot($fx->{st}, 0);
}

sub teardown {
    my ($con) = @_;
    # (fx-cdom stays: see checkpoint_fixtures.)
    for my $name (qw(fx-dom fx-sdom fx-undef fx-trans)) {
        my $d = eval { $con->get_domain_by_name($name) } or next;
        drop_domain($d);
    }
    if ($HAVE{pool}) {
        for my $p (grep { $_->get_name =~ /^fx-/ } $con->list_all_storage_pools) {
            eval { $_->delete } for eval { $p->list_all_volumes };
            eval { $p->destroy };
            eval { $p->undefine };
        }
    }
    if ($HAVE{net}) {
        for my $name (qw(fx-net fx-net-undef fx-net-trans fx-new)) {
            my $n = eval { $con->get_network_by_name($name) } or next;
            eval { $n->destroy } if eval { $n->is_active };
            eval { $n->undefine };
        }
    }
    if ($HAVE{dev}) {
        # An interface transaction left open ends, keeping what was done.
        eval { $con->interface_change_commit };
        for my $iface (eval { $con->list_all_interfaces }) {
            next if $iface->get_name eq 'eth1';
            eval { $iface->destroy } if eval { $iface->is_active };
            eval { $iface->undefine };
        }
        eval { $con->get_interface_by_name('eth1')->create };
        for my $dev (eval { $con->list_all_node_devices }) {
            eval { $dev->destroy } unless $TEST_DEVICES{ $dev->get_name };
        }
    }
}

sub drop_domain {
    my ($d) = @_;
    eval { $d->destroy } if eval { $d->is_active };
    # (The test driver takes no UNDEFINE_CHECKPOINTS_METADATA.)
    if ($HAVE{chkp}) {
        eval { $_->delete(Sys::Virt::DomainCheckpoint::DELETE_CHILDREN() | Sys::Virt::DomainCheckpoint::DELETE_METADATA_ONLY()) }
            for eval { $d->list_all_checkpoints(Sys::Virt::DomainCheckpoint::LIST_ROOTS()) };
    }
    eval { $d->undefine(Sys::Virt::Domain::UNDEFINE_SNAPSHOTS_METADATA() | Sys::Virt::Domain::UNDEFINE_MANAGED_SAVE()) };
}

# The private daemon holds only what these tests made: all but the
# fixtures themselves goes, except bindings, whose deletion is slow; those
# the cases made stay until the daemon stops, and only make a later
# creation on the same port device fail (which the cases allow).
sub daemon_teardown {
    my ($dc) = @_;
    eval { $_->undefine } for grep { $_->get_name ne 'fx-filter' } eval { $dc->list_all_nwfilters };
    eval { $_->undefine } for grep { (eval { $_->get_usage_id } // '') ne 'fx-sec' } eval { $dc->list_all_secrets };
}

# The fixtures still work (after a child's cases).
sub check_fixtures {
    my ($fx) = @_;
    $fx->{con}->get_uri eq $URI or die "connection no longer works\n";
    $fx->{dom}->get_name eq 'fx-dom' or die "domain no longer works\n";
    $fx->{snap}->get_name eq 'fx-root' or die "snapshot no longer works\n";
    if ($HAVE{chkp}) { $fx->{chkp}->get_name eq 'fx-croot' or die "checkpoint no longer works\n" }
    if ($HAVE{pool}) {
        $fx->{pool}->get_info->{state} == 2 or die "pool no longer works\n";
        $fx->{vol}->get_path eq '/fx-pool/fx-vol' or die "volume no longer works\n";
    }
    if ($HAVE{net}) { $fx->{net}->get_bridge_name eq 'fxbr0' or die "network no longer works\n" }
    if ($HAVE{dev}) {
        $fx->{dev}->get_parent eq 'scsi_host1' or die "node device no longer works\n";
        $fx->{iface}->get_mac eq '52:54:00:00:70:01' or die "interface no longer works\n";
    }
    if ($HAVE{sec} && $DAEMON) {
        $fx->{sec}->get_value eq "fx\0value\xff" or die "secret no longer works\n";
        $fx->{nwf}->get_name eq 'fx-filter' or die "filter no longer works\n";
        $fx->{nwb}->get_filter_name eq 'fx-filter' or die "binding no longer works\n";
    }
}

# ------------------------------------------------------- bad input sets
#
# Each entry: [label, sub ($fx, $type) { value }, expectation, falsy,
# deref (pass the tied scalar itself), slow].

# Fixtures of each kind in odd states: [label, fixture key, or a sub
# making the object when used].
my %STALE = (
    dom  => [['domain undefined', 'dom_undefined'], ['transient domain gone', 'dom_gone'],
             ['domain of dropped connection', 'dom_orphan']],
    snap => [['snapshot deleted', 'snap_deleted'], ['snapshot of undefined domain', 'snap_dom_gone'],
             ['snapshot of dropped domain and connection', 'snap_orphan'],
             ['child snapshot of dropped domain and connection', 'snap_orphan2']],
    chkp => [['checkpoint deleted', 'chkp_deleted']],
    pool => [['pool undefined', 'pool_undefined'], ['pool inactive', 'pool_inactive']],
    vol  => [['volume deleted by another connection', 'vol_deleted'], ['volume of a stopped pool', 'vol_pool_stopped'],
             ['volume of dropped pool and connection', 'vol_orphan']],
    net  => [['network undefined by another connection', 'net_undefined'], ['transient network gone', 'net_gone'],
             ['network of dropped connection', 'net_orphan']],
    dev  => [['vHBA destroyed', 'dev_gone']],
    iface => [['interface undefined', 'iface_undefined']],
    sec  => [['secret undefined', 'sec_undefined']],
    nwf  => [['filter undefined', 'nwf_undefined']],
    # (Made when used: a deletion is slow.)
    nwb  => [['binding deleted', sub {
                 my $b = $_[0]{dcon}->create_nwfilter_binding(binding_xml('fxtap9'));
                 $b->delete;
                 $b }]],
);

sub obj_inputs {
    my ($kind) = @_;
    my $class = $CLASS{$kind};
    my $live = !$NO_LIVE_OBJECT{$kind};
    my @others = grep { $_ ne $kind } @LIVE_KINDS;
    return (
        ['undef',              sub { undef },                         'ours', 1],
        ['empty string',       sub { '' },                            'ours', 1],
        ['string',             sub { 'not an object' },               'ours'],
        ['class name',         sub { $class },                        'ours'],
        ['other class name',   sub { 'Sys::Virt::Error' },            'ours'],
        ['0',                  sub { 0 },                             'ours', 1],
        ['1',                  sub { 1 },                             'ours'],
        ['-1',                 sub { -1 },                            'ours'],
        ['12345',              sub { 12345 },                         'ours'],
        ['1.5',                sub { 1.5 },                           'ours'],
        ['2**64',              sub { 2**64 },                         'ours'],
        ['array ref',          sub { [] },                            'ours'],
        ['hash ref',           sub { {} },                            'ours'],
        ['scalar ref',         sub { \"x" },                          'ours'],
        ['ref to ref',         sub { \\"x" },                         'ours'],
        ['code ref',           sub { sub { 1 } },                     'ours'],
        ['glob ref',           sub { \*STDOUT },                      'ours'],
        ['regexp',             sub { qr/x/ },                         'ours'],
        ['blessed hash',       sub { bless {}, $class },              'ours'],
        ['blessed array',      sub { bless [], $class },              'ours'],
        ['blessed code',       sub { bless sub { 1 }, $class },       'ours'],
        ['forged 0',           sub { bless \(my $x = 0), $class },     'ours'],
        ['forged 1',           sub { bless \(my $x = 1), $class },     'ours'],
        ['forged 12345',       sub { bless \(my $x = 12345), $class }, 'ours'],
        ['forged -1',          sub { bless \(my $x = -1), $class },    'ours'],
        ['forged string',      sub { bless \(my $x = 'abc'), $class }, 'ours'],
        ['forged undef',       sub { bless \(my $x), $class },         'ours'],
        ($live ? (
            ['forged freed address', sub { my $a = $_[0]{"freed_addr_$kind"}; bless \(my $x = $a), $class }, 'ours'],
            ['forged live address',  sub { my $a = 0 + ${ $_[0]{$kind} }; bless \(my $x = $a), $class }, 'ours'],
            ['copy of live scalar',  sub { my $x = ${ $_[0]{$kind} }; bless \$x, $class }, 'ours'],
        ) : ()),
        (map { my $o = $_; ["object of class $CLASS{$o}", sub { $_[0]{$o} }, 'ours'] } @others),
        (map { my $o = $_; ["$CLASS{$o} object reblessed", sub {
            bless fresh_object($_[0], $o), $class }, 'ours'] } @others),
        ['Sys::Virt::Error object', sub { bless { code => 1, level => 2, domain => 0, message => 'x' }, 'Sys::Virt::Error' }, 'ours'],
        ($live ? (
            # DESTROY is empty: a handle goes only with the object's last reference.
            ['object after an explicit DESTROY', sub { $_[0]{"${kind}_destroyed"} }, 'any'],
            ['tied scalar holding the object', sub { tied_value('ok', $_[0]{$kind}) }, 'any', 0, 'deref'],
            # Objects whose libvirt object is gone or unreachable.
            (map { my ($label, $what) = @$_;
                   [$label, ref $what ? $what : sub { $_[0]{$what} }, 'any'] } @{ $STALE{$kind} || [] }),
        ) : ()),
        ['tied scalar dying',  sub { tied_value('die') },             'any', 0, 'deref'],
    );
}

sub flags_inputs {
    return (
        ['undef',        sub { undef },            'any', 1],
        ['0',            sub { 0 },                'any', 1],
        ['"0"',          sub { '0' },              'any', 1],
        ['"0 but true"', sub { '0 but true' },     'any'],
        ['2**31',        sub { 2**31 },            'any'],
        ['2**32-1',      sub { 2**32 - 1 },        'any'],
        ['-0.0',         sub { -0.0 },             'any', 1],
        ['overloaded 0', sub { Sentinel::Overload->new('ok', 0) }, 'any'],
        ['-1',           sub { -1 },               'ours'],
        ['-2**31',       sub { -2**31 },           'ours'],
        ['-2**63',       sub { -2**63 },           'ours'],
        ['2**32',        sub { 2**32 },            'ours'],
        ['2**40',        sub { 2**40 },            'ours'],
        ['2**63',        sub { 2**63 },            'ours'],
        ['2**64',        sub { 2**64 },            'ours'],
        ['1.5',          sub { 1.5 },              'ours'],
        ['0.5',          sub { 0.5 },              'ours'],
        ['-0.5',         sub { -0.5 },             'ours'],
        ['1e300',        sub { 1e300 },            'ours'],
        ['inf',          sub { 9**9**9 },          'ours'],
        ['-inf',         sub { -9**9**9 },         'ours'],
        ['nan',          sub { my $i = 9**9**9; $i - $i }, 'ours'],
        ['"abc"',        sub { 'abc' },            'ours'],
        ['"1abc"',       sub { '1abc' },           'error'],
        ['"0x10"',       sub { '0x10' },           'error'],
        ['""',           sub { '' },               'ours', 1],
        ['digits x100',  sub { '9' x 100 },        'ours'],
        ['array ref',    sub { [] },               'ours'],
        ['hash ref',     sub { {} },               'ours'],
        ['scalar ref',   sub { \1 },               'ours'],
        ['code ref',     sub { sub { 0 } },        'ours'],
        ['plain object', sub { bless {}, 'Some::Class' }, 'ours'],
        ['a Sys::Virt object', sub { $_[0]{con} }, 'ours'],
        ['tied dying',   sub { tied_value('die') }, 'rethrow', 0, 'deref'],
        ['tied dying with object', sub { tied_value('die-object') }, 'rethrow', 0, 'deref'],
        ['tied 0',       sub { tied_value('ok', 0) }, 'any', 0, 'deref'],
        ['tied calling back into libvirt', sub { tie my $x, 'Sentinel::Reentrant', $_[0], 0; \$x }, 'any', 0, 'deref'],
        ['overloaded dying', sub { Sentinel::Overload->new('die') }, 'rethrow'],
    );
}

sub max_inputs {
    my ($name) = @_;
    return (
        ["$name=undef",    sub { undef },        'any', 1],
        ["$name=0",        sub { 0 },            'any', 1],
        ["$name=1",        sub { 1 },            'any'],
        ["$name=2",        sub { 2 },            'any'],
        ["$name=1000",     sub { 1000 },         'any'],
        ["$name=2**31-1",  sub { 2**31 - 1 },    'any'],
        ["$name=2**31",    sub { 2**31 },        'any'],
        ["$name=2**40",    sub { 2**40 },        'any'],
        ["$name=2**64-1",  sub { ~0 },           'any'],
        ["$name=-1",       sub { -1 },           'ours'],
        ["$name=-2**31",   sub { -2**31 },       'ours'],
        ["$name=-2**63",   sub { -2**63 },       'ours'],
        ["$name=1.5",      sub { 1.5 },          'ours'],
        ["$name=inf",      sub { 9**9**9 },      'ours'],
        ["$name=\"abc\"",  sub { 'abc' },        'ours'],
        ["$name=array ref", sub { [] },          'ours'],
        ["$name=tied dying", sub { tied_value('die') }, 'rethrow', 0, 'deref'],
    );
}

sub string_inputs {
    return (
        ['undef',            sub { undef },                       'any', 1],
        ['""',               sub { '' },                          'any', 1],
        ['space',            sub { ' ' },                         'any'],
        ['quotes',           sub { q{a'b"c} },                    'any'],
        ['markup',           sub { q{<a href="x">&amp;</a>} },    'any'],
        ['slashes',          sub { '../../etc/passwd/a\\b' },     'any'],
        ['format string',    sub { '%s%n%x%p%s%n' },              'any'],
        ['newlines',         sub { "a\nb\r\nc" },                 'any'],
        ['Unicode',          sub { "d\x{e9}j\x{e0} vu \x{263a} \x{4e2d}\x{6587}" }, 'any'],
        ['astral Unicode',   sub { "\x{1F600}\x{10FFFF}" },       'any'],
        ['Latin-1 bytes',    sub { "caf\xe9 \xff\xfe" },          'any'],
        ['UTF-8 bytes',      sub { "caf\xc3\xa9" },               'any'],
        ['4 KB',             sub { 'n' x 4096 },                  'any'],
        ['4 KB Unicode',     sub { "\x{263a}" x 4096 },           'any'],
        ['1 MB',             sub { 'm' x (1 << 20) },             'any'],
        ['number',           sub { 42 },                          'any'],
        ['float',            sub { 1.5e300 },                     'any'],
        ['overloaded string', sub { Sentinel::Overload->new('ok', 'fx-dom') }, 'any'],
        ['NUL inside',       sub { "a\0b" },                      'ours'],
        ['NUL only',         sub { "\0" },                        'ours'],
        ['invalid UTF-8',    sub { invalid_utf8("a\xff\xfeb") },  'ours'],
        ['truncated UTF-8',  sub { invalid_utf8("a\xe2\x98") },   'ours'],
        ['surrogate in UTF-8', sub { invalid_utf8("a\xed\xa0\x80") }, 'ours'],
        ['array ref',        sub { [] },                          'ours'],
        ['hash ref',         sub { {} },                          'ours'],
        ['code ref',         sub { sub { 'x' } },                 'ours'],
        ['object',           sub { $_[0]{dom} },                  'ours'],
        ['tied dying',       sub { tied_value('die') },           'rethrow', 0, 'deref'],
        ['tied string',      sub { tied_value('ok', 'fx-root') }, 'any', 0, 'deref'],
        ['overloaded dying', sub { Sentinel::Overload->new('die') }, 'rethrow'],
    );
}

sub xml_inputs {
    my ($root) = @_;    # a key of %XML_OF
    my $mk = $XML_OF{$root};
    # Made when a child first uses them (made in the parent, the strings
    # of every root would be copied into every child).
    my $bad = sub { big_string("bad-$root", sub { "<$root>" . ('<a>' x ($BIG / 3)) }) };
    my $text = sub { big_string("text-$root", sub { "<$root><name>fx-big</name>" . ('x' x $BIG) }) };
    my $valid = sub { big_string("ok-$root", sub {
        my $x = $mk->('fx-big');
        $x =~ s{</$root>}{'<description>' . ('d' x $BIG) . "</description></$root>"}e;
        $x }) };
    return (
        ['empty XML',        sub { '' },                          'any', 1],
        ['"<"',              sub { '<' },                         'error'],
        ['unterminated',     sub { "<$root" },                    'error'],
        ['not XML',          sub { 'this is not XML at all' },    'error'],
        ['wrong root',       sub { '<nothing/>' },                'error'],
        ['10 MB malformed',  $bad,                                'error', 0, 0, 'slow'],
        ['10 MB text',       $text,                               'error', 0, 0, 'slow'],
        ['10 MB valid',      $valid,                              'any'],
        ['deep nesting',     sub { ('<a>' x 100_000) . ('</a>' x 100_000) }, 'error'],
        ['entity expansion', sub { entity_bomb($root) },          'any'],
        ['external entity',  sub { qq{<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/hostname">]><$root><name>&e;</name></$root>} }, 'any'],
        ['invalid UTF-8',    sub { invalid_utf8($mk->("fx-\xff\xfe")) }, 'ours'],
        ['NUL inside',       sub { $mk->("fx-\0-x") },            'ours'],
        ['Latin-1 bytes',    sub { $mk->("fx-caf\xe9") },         'any'],
        ['name with quotes', sub { $mk->(q{fx-&apos;q&quot;}) },  'any'],
        ['name with slashes', sub { $mk->('fx-a/b/../c') },       'any'],
        ['Unicode name',     sub { $mk->("fx-\x{263a}-\x{1F600}") }, 'any'],
        ['4 KB name',        sub { $mk->('fx-' . ('n' x 4096)) }, 'any'],
        ['array ref',        sub { [] },                          'ours'],
        ['undef',            sub { undef },                       'any', 1],
        ['tied dying',       sub { tied_value('die') },           'rethrow', 0, 'deref'],
    );
}

sub entity_bomb {
    my ($root) = @_;
    my $dtd = '<!ENTITY a0 "lollollollollollollollollollol">';
    $dtd .= sprintf '<!ENTITY a%d "%s">', $_, ("&a" . ($_ - 1) . ";") x 10 for 1 .. 9;
    return qq{<?xml version="1.0"?><!DOCTYPE $root [$dtd]><$root><name>&a9;</name></$root>};
}

# The test driver never asks for credentials, so these only exercise the
# reading of _open_auth's arguments, not the callback itself.
sub credlist_inputs {
    return (
        ['undef',          sub { undef },              'any', 1],
        ['empty list',     sub { [] },                 'any'],
        ['negative type',  sub { [-1] },               'any'],
        ['type 2**40',     sub { [2**40] },            'any'],
        ['non-numeric',    sub { ['abc'] },            'any'],
        ['undef item',     sub { [undef] },            'any'],
        ['nested ref',     sub { [[1]] },              'any'],
        ['100k items',     sub { [(1) x 100_000] },    'any'],
        ['hash ref',       sub { {} },                 'any'],
        ['string',         sub { 'abc' },              'any'],
        ['number',         sub { 5 },                  'any'],
        ['code ref',       sub { sub { } },            'any'],
        ['blessed array',  sub { bless [1, 2], 'Some::Class' }, 'any'],
        ['tied item dying', sub { my @a; tie $a[0], 'Sentinel::Tie', 'die'; \@a }, 'any'],
        ['tied dying',     sub { tied_value('die') },  'rethrow', 0, 'deref'],
    );
}

sub callback_inputs {
    return (
        ['undef',          sub { undef },              'any', 1],
        ['sub dying',      sub { sub { die "SENTINEL callback\n" } }, 'any'],
        ['sub exiting',    sub { sub { exit 3 } },     'any'],
        ['string',         sub { 'main::no_such_sub' }, 'any'],
        ['number',         sub { 5 },                  'any'],
        ['array ref',      sub { [] },                 'any'],
        ['hash ref',       sub { {} },                 'any'],
        ['object',         sub { $_[0]{con} },         'any'],
        ['tied dying',     sub { tied_value('die') },  'rethrow', 0, 'deref'],
    );
}

sub int_inputs {
    return (
        ['0',        sub { 0 },           'any', 1],
        ['-1',       sub { -1 },          'any'],
        ['2**31-1',  sub { 2**31 - 1 },   'any'],
        ['-2**31',   sub { -2**31 },      'any'],
        ['2**31',    sub { 2**31 },       'ours'],
        ['2**40',    sub { 2**40 },       'ours'],
        ['-2**40',   sub { -2**40 },      'ours'],
        not_integer_inputs(),
    );
}

# What no integer argument takes.
sub not_integer_inputs {
    return (
        ['1.5',      sub { 1.5 },         'ours'],
        ['inf',      sub { 9**9**9 },     'ours'],
        ['"abc"',    sub { 'abc' },       'ours'],
        ['undef',    sub { undef },       'ours', 1],
        ['array ref', sub { [] },         'ours'],
        ['tied dying', sub { tied_value('die') }, 'rethrow', 0, 'deref'],
    );
}

sub bool_inputs {
    return (
        ['0',        sub { 0 },           'any', 1],
        ['1',        sub { 1 },           'any'],
        ['2',        sub { 2 },           'any'],
        ['-1',       sub { -1 },          'any'],
        ['2**40',    sub { 2**40 },       'any'],
        ['undef',    sub { undef },       'any', 1],
        ['"yes"',    sub { 'yes' },       'any'],
        ['1.5',      sub { 1.5 },         'any'],
        ['array ref', sub { [] },         'any'],
        ['tied dying', sub { tied_value('die') }, 'rethrow', 0, 'deref'],
    );
}

sub uuid_inputs {
    return (
        ['""',             sub { '' },                 'any', 1],
        ['15 bytes',       sub { 'x' x 15 },           'any'],
        ['16 bytes',       sub { 'x' x 16 },           'any'],
        ['16 NULs',        sub { "\0" x 16 },          'any'],
        ['16 high bytes',  sub { "\xff" x 16 },        'any'],
        ['17 bytes',       sub { 'x' x 17 },           'any'],
        ['32 hex',         sub { 'f' x 32 },           'any'],
        ['36 chars',       sub { '12345678-1234-1234-1234-123456789abc' }, 'any'],
        ['36 garbage',     sub { 'z' x 36 },           'any'],
        ['36 with NUL',    sub { ("\0" x 36) },        'any'],
        ['16 wide chars',  sub { "\x{263a}" x 16 },    'any'],
        ['16 chars < 256 as UTF-8', sub { my $s = "\xe9" x 16; utf8::upgrade($s); $s }, 'any'],
        ['invalid UTF-8',  sub { invalid_utf8("\xff" x 16) }, 'any'],
        ['undef',          sub { undef },              'any', 1],
        ['array ref',      sub { [] },                 'ours'],
        ['the real one',   sub { $_[0]{uuid} },        'any'],
        ['tied dying',     sub { tied_value('die') },  'rethrow', 0, 'deref'],
    );
}


# Unsigned integers of $bits (32 or 64) bits.
sub uint_inputs {
    my ($bits) = @_;
    my $wide = $bits == 32 ? 'ours' : 'any';
    return (
        ['0',        sub { 0 },           'any', 1],
        ['1',        sub { 1 },           'any'],
        ['2**31',    sub { 2**31 },       'any'],
        ['2**32-1',  sub { 2**32 - 1 },   'any'],
        ['2**32',    sub { 2**32 },       $wide],
        ['2**63',    sub { 2**63 },       $wide],
        ['2**64-1',  sub { ~0 },          $wide],
        ['2**64',    sub { 2**64 },       'ours'],
        ['2**65',    sub { 2**65 },       'ours'],
        ['-1',       sub { -1 },          'ours'],
        not_integer_inputs(),
    );
}

sub int64_inputs {
    return (
        ['0',        sub { 0 },           'any', 1],
        ['-1',       sub { -1 },          'any'],
        ['2**62',    sub { 2**62 },       'any'],
        ['-2**63',   sub { -2**63 },      'any'],
        ['2**63',    sub { 2**63 },       'ours'],
        ['2**64',    sub { 2**64 },       'ours'],
        ['hash ref', sub { {} },          'ours'],
        not_integer_inputs(),
    );
}

# CPU maps: byte strings.
sub cpumap_inputs {
    return (
        ['""',           sub { '' },                 'any', 1],
        ['one byte',     sub { "\x01" },             'any'],
        ['NULs',         sub { "\0" x 8 },           'any'],
        ['1 KB of ones', sub { "\xff" x 1024 },      'any'],
        ['1 MB',         sub { "\x01" x (1 << 20) }, 'any'],
        ['undef',        sub { undef },              'any', 1],
        ['Latin-1 upgraded', sub { my $s = "\xff\x01"; utf8::upgrade($s); $s }, 'any'],
        ['wide characters', sub { "\x{263a}" },      'ours'],
        ['array ref',    sub { [] },                 'ours'],
        ['tied dying',   sub { tied_value('die') },  'rethrow', 0, 'deref'],
    );
}

# Array references whose elements must be numbers (key codes, page
# sizes) or strings (mount points, keys, CPU XML).
sub list_inputs {
    my ($of) = @_;
    my $good = $of eq 'num' ? 1 : '/';
    return (
        ['empty list',     sub { [] },                      'any'],
        ['one element',    sub { [$good] },                 'any'],
        ['17 elements',    sub { [($good) x 17] },          'any'],
        ['10k elements',   sub { [($good) x 10_000] },      'any'],
        ['sparse array',   sub { my @a; $a[2] = $good; \@a }, 'ours'],
        ['undef element',  sub { [undef] },                 'ours'],
        ['nested array',   sub { [[$good]] },               'ours'],
        ['hash element',   sub { [{}] },                    'ours'],
        ($of eq 'num' ? (
            ['string element', sub { ['abc'] },             'ours'],
            ['negative element', sub { [-1] },              'ours'],
            ['element 2**32', sub { [2**32] },              'ours'],
            ['fractional element', sub { [1.5] },           'ours'],
        ) : (
            ['NUL in element', sub { ["a\0b"] },            'ours'],
            ['invalid UTF-8 element', sub { [invalid_utf8("a\xff")] }, 'ours'],
            ['Unicode element', sub { ["\x{263a}"] },       'any'],
        )),
        ['hash ref',       sub { {} },                      'ours'],
        ['string',         sub { 'abc' },                   'ours'],
        ['number',         sub { 5 },                       'ours'],
        ['undef',          sub { undef },                   'ours', 1],
        ['code ref',       sub { sub { 1 } },               'ours'],
        ['blessed array',  sub { bless [$good], 'Some::Class' }, 'any'],
        ['tied element dying', sub { my @a; tie $a[0], 'Sentinel::Tie', 'die'; \@a }, 'error'],
        ['tied dying',     sub { tied_value('die') },       'rethrow', 0, 'deref'],
    );
}

# node_alloc_pages: an array of [size, count] pairs.
sub pagepair_inputs {
    return (
        ['empty list',     sub { [] },                      'any'],
        ['one pair',       sub { [[2048, 1]] },             'any'],
        ['two pairs',      sub { [[2048, 1], [1048576, 0]] }, 'any'],
        ['pair of one',    sub { [[2048]] },                'ours'],
        ['triple',         sub { [[2048, 1, 2]] },          'ours'],
        ['empty pair',     sub { [[]] },                    'ours'],
        ['flat list',      sub { [2048, 1] },               'ours'],
        ['undef size',     sub { [[undef, 1]] },            'ours'],
        ['negative count', sub { [[2048, -1]] },            'ours'],
        ['size 2**32',     sub { [[2**32, 1]] },            'ours'],
        ['sparse array',   sub { my @a; $a[1] = [2048, 1]; \@a }, 'ours'],
        ['hash element',   sub { [{}] },                    'ours'],
        ['hash ref',       sub { {} },                      'ours'],
        ['string',         sub { 'abc' },                   'ours'],
        ['undef',          sub { undef },                   'ours', 1],
        ['tied dying',     sub { tied_value('die') },       'rethrow', 0, 'deref'],
    );
}

# A hash reference of typed parameters.
sub params_inputs {
    my @fields = qw(weight cpu_shares hard_limit soft_limit device_weight numa_mode numa_nodeset
                    inbound.average total_bytes_sec group_name cmt poll_max_ns poll_grow thread_pool_min
                    sev-secret sev-secret-set-address shm_pages_to_scan user-name unix-user-id process-id);
    return (
        ['undef',              sub { undef },                        'ours', 1],
        ['empty hash',         sub { {} },                           'any'],
        ['unknown keys',       sub { { bogus => 1, '' => 2, "\x{263a}" => 3 } }, 'any'],
        ['every field 0',      sub { +{ map { $_ => 0 } @fields } }, 'any'],
        ['every field "abc"',  sub { +{ map { $_ => 'abc' } @fields } }, 'any'],
        ['every field 1.5',    sub { +{ map { $_ => 1.5 } @fields } }, 'any'],
        ['every field -1',     sub { +{ map { $_ => -1 } @fields } }, 'any'],
        ['every field 2**64',  sub { +{ map { $_ => 2**64 } @fields } }, 'any'],
        ['every field digits x100', sub { +{ map { $_ => '9' x 100 } @fields } }, 'any'],
        ['every field undef',  sub { +{ map { $_ => undef } @fields } }, 'any'],
        ['every field a ref',  sub { +{ map { $_ => [] } @fields } }, 'any'],
        ['every field an object', sub { my $c = $_[0]{con}; +{ map { $_ => $c } @fields } }, 'any'],
        ['every field a NUL string', sub { +{ map { $_ => "a\0b" } @fields } }, 'any'],
        ['every field 1 MB',   sub { my $v = 'm' x (1 << 20); +{ map { $_ => $v } @fields } }, 'any'],
        ['every field tied dying', sub { my %h; for my $f (@fields) { $h{$f} = 0; tie $h{$f}, 'Sentinel::Tie', 'die' } \%h }, 'any'],
        ['every field overloaded dying', sub { +{ map { $_ => Sentinel::Overload->new('die') } @fields } }, 'any'],
        ['tied hash dying',    sub { tie my %h, 'Sentinel::TieHash'; \%h }, 'any'],
        ['10k keys',           sub { +{ map { ("k$_" => $_) } 1 .. 10_000 } }, 'any'],
        ['blessed hash',       sub { bless { weight => 1 }, 'Some::Class' }, 'any'],
        ['array ref',          sub { [weight => 1] },                'ours'],
        ['string',             sub { 'weight=1' },                   'ours'],
        ['number',             sub { 42 },                           'ours'],
        ['scalar ref',         sub { \1 },                           'ours'],
        ['code ref',           sub { sub { {} } },                   'ours'],
        ['an object',          sub { $_[0]{dom} },                   'ours'],
        ['tied dying',         sub { tied_value('die') },            'rethrow', 0, 'deref'],
    );
}

# A host CPU or cell: a number, -1 or 2**64-1 for all.
sub hostpart_inputs {
    return (
        ['undef',      sub { undef },          'any', 1],
        ['0',          sub { 0 },              'any', 1],
        ['-1',         sub { -1 },             'any'],
        ['2**64-1',    sub { ~0 },             'any'],
        ['2**31-1',    sub { 2**31 - 1 },      'any'],
        ['-2',         sub { -2 },             'any'],
        ['2**31',      sub { 2**31 },          'ours'],
        ['-2**31-1',   sub { -2**31 - 1 },     'ours'],
        ['2**64',      sub { 2**64 },          'ours'],
        ['1.5',        sub { 1.5 },            'ours'],
        ['"abc"',      sub { 'abc' },          'ours'],
        ['array ref',  sub { [] },             'ours'],
        ['tied dying', sub { tied_value('die') }, 'rethrow', 0, 'deref'],
    );
}

# get_all_domain_stats's list of domains.
sub domlist_inputs {
    return (
        ['undef',             sub { undef },                         'any', 1],
        ['empty list',        sub { [] },                            'any'],
        ['the domain',        sub { [$_[0]{dom}] },                  'any'],
        ['the domain x1000',  sub { [($_[0]{dom}) x 1000] },         'any'],
        ['stale domains',     sub { [$_[0]{dom_undefined}, $_[0]{dom_gone}, $_[0]{dom_orphan}] }, 'any'],
        ['a number',          sub { [$_[0]{dom}, 12345] },           'ours'],
        ['a string',          sub { ['fx-dom'] },                    'ours'],
        ['undef item',        sub { [undef] },                       'ours'],
        ['a connection',      sub { [$_[0]{con}] },                  'ours'],
        ['a snapshot',        sub { [$_[0]{snap}] },                 'ours'],
        ['forged domain',     sub { [bless \(my $x = 12345), 'Sys::Virt::Domain'] }, 'ours'],
        ['forged live address', sub { [bless \(my $x = 0 + ${ $_[0]{dom} }), 'Sys::Virt::Domain'] }, 'ours'],
        ['nested list',       sub { [[$_[0]{dom}]] },                'ours'],
        ['tied item dying',   sub { my @a; tie $a[0], 'Sentinel::Tie', 'die'; \@a }, 'error'],
        ['hash ref',          sub { {} },                            'ours'],
        ['string',            sub { 'fx-dom' },                      'ours'],
        ['number',            sub { 12345 },                         'ours'],
        ['tied dying',        sub { tied_value('die') },             'rethrow', 0, 'deref'],
    );
}

# A secret's value: any bytes; characters above 255 are refused.
sub secret_value_inputs {
    return (
        ['undef',            sub { undef },                       'any', 1],
        ['""',               sub { '' },                          'any', 1],
        ['NULs',             sub { "\0" x 8 },                    'any'],
        ['high bytes',       sub { "\xff\xfe\x80" },              'any'],
        ['every byte',       sub { join '', map { chr } 0 .. 255 }, 'any'],
        ['upgraded Latin-1', sub { my $s = "caf\xe9"; utf8::upgrade($s); $s }, 'any'],
        ['1 MB',             sub { 'v' x (1 << 20) },             'any'],
        ['number',           sub { 42 },                          'any'],
        ['overloaded string', sub { Sentinel::Overload->new('ok', "a\0b") }, 'any'],
        ['wide characters',  sub { "\x{263a}\x{1F600}" },           'ours'],
        ['invalid UTF-8',    sub { invalid_utf8("a\xff\xfeb") },   'ours'],
        ['array ref',        sub { [] },                          'ours'],
        ['code ref',         sub { sub { 'x' } },                 'ours'],
        ['object',           sub { $_[0]{dom} },                  'ours'],
        ['tied dying',       sub { tied_value('die') },           'rethrow', 0, 'deref'],
        ['tied bytes',       sub { tied_value('ok', "\0\xff") },  'any', 0, 'deref'],
        ['overloaded dying', sub { Sentinel::Overload->new('die') }, 'rethrow'],
    );
}

# File names, all inside $TMPDIR.
sub file_inputs {
    return (
        ['undef',            sub { undef },                       'any', 1],
        ['""',               sub { '' },                          'any', 1],
        ['missing directory', sub { "$TMPDIR/no/such/dir/f" },    'any'],
        ['a directory',      sub { $TMPDIR },                     'any'],
        ['/dev/null',        sub { '/dev/null' },                 'any'],
        ['relative',         sub { "$TMPDIR/../" . ($TMPDIR =~ s{.*/}{}r) . '/rel' }, 'any'],
        ['4 KB name',        sub { "$TMPDIR/" . ('n' x 4096) },   'any'],
        ['Unicode',          sub { "$TMPDIR/\x{263a}-\x{1F600}" }, 'any'],
        ['NUL inside',       sub { "$TMPDIR/a\0b" },              'ours'],
        ['invalid UTF-8',    sub { invalid_utf8("$TMPDIR/a\xff\xfe") }, 'ours'],
        ['array ref',        sub { [] },                          'ours'],
        ['hash ref',         sub { {} },                          'ours'],
        ['object',           sub { $_[0]{dom} },                  'ours'],
        ['tied dying',       sub { tied_value('die') },           'rethrow', 0, 'deref'],
        ['overloaded dying', sub { Sentinel::Overload->new('die') }, 'rethrow'],
    );
}

# Hash references of typed parameters (the SAVE_PARAM_* fields here; the
# fields of other hashes are strings and numbers alike).
sub field_hash_inputs {
    my ($field) = @_;
    return (
        ['undef',            sub { undef },                       'any', 1],
        ['empty hash',       sub { {} },                          'any'],
        ['unknown keys',     sub { +{ no_such_field => 1, '' => undef } }, 'any'],
        ['field undef',      sub { +{ $field => undef } },         'ours'],
        ['field array ref',  sub { +{ $field => [] } },            'ours'],
        ['field hash ref',   sub { +{ $field => {} } },            'ours'],
        ['field NUL',        sub { +{ $field => "a\0b" } },        'ours'],
        ['field tied dying', sub { my %h; tie $h{$field}, 'Sentinel::Tie', 'die'; \%h }, 'rethrow'],
        ['field overloaded dying', sub { +{ $field => Sentinel::Overload->new('die') } }, 'rethrow'],
        ['blessed hash',     sub { bless {}, 'Some::Class' },     'any'],
        ['string',           sub { 'not a hash' },                'ours'],
        ['number',           sub { 42 },                          'ours'],
        ['array ref',        sub { [] },                          'ours'],
        ['code ref',         sub { sub { {} } },                  'ours'],
        ['tied dying',       sub { tied_value('die') },           'rethrow', 0, 'deref'],
    );
}


# Lists of file descriptors.
sub fds_inputs {
    return (
        ['empty list',       sub { [] },                          'any'],
        ['stdin',            sub { [0] },                         'any'],
        ['a file handle',    sub { [\*STDIN] },                   'any'],
        ['an IO::Handle',    sub { [*STDERR{IO}] },               'any'],
        ['not open',         sub { [1000] },                      'any'],
        ['closed handle',    sub { open(my $fh, '<', '/dev/null') or die; close $fh; [$fh] }, 'ours'],
        ['-1',               sub { [-1] },                        'ours'],
        ['2**40',            sub { [2**40] },                     'ours'],
        ['1.5',              sub { [1.5] },                       'ours'],
        ['"abc"',            sub { ['abc'] },                     'ours'],
        ['undef item',       sub { [undef] },                     'ours'],
        ['nested list',      sub { [[0]] },                       'ours'],
        ['hash ref',         sub { {} },                          'ours'],
        ['a number',         sub { 0 },                           'ours', 1],
        ['undef',            sub { undef },                       'ours', 1],
        ['tied item dying',  sub { my @a; tie $a[0], 'Sentinel::Tie', 'die'; \@a }, 'rethrow'],
        ['tied dying',       sub { tied_value('die') },           'rethrow', 0, 'deref'],
    );
}

# Arguments of the stream calls.
sub stream_inputs {
    my ($type) = @_;
    my @tied = (['tied dying', sub { tied_value('die') }, 'rethrow', 0, 'deref']);
    return (
        ['0',        sub { 0 },         'any', 1],
        ['1',        sub { 1 },         'any'],
        ['2**32-1',  sub { 2**32 - 1 }, 'any'],
        ['-1',       sub { -1 },        'ours'],
        ['2**32',    sub { 2**32 },     'ours'],
        ['1.5',      sub { 1.5 },       'ours'],
        ['"abc"',    sub { 'abc' },     'ours'],
        ['undef',    sub { undef },     'ours', 1],
        ['array ref', sub { [] },       'ours'],
        @tied,
    ) if $type eq 'screen';
    return (int_inputs()) if $type eq 'fd';
    return (
        ['undef',    sub { undef },     'any', 1],
        ['""',       sub { '' },        'any', 1],
        ['bytes',    sub { "\0\xff\x80abc" }, 'any'],
        ['1 MB',     sub { 'b' x (1 << 20) }, 'any'],
        ['chars < 256 as UTF-8', sub { my $x = "\xe9t\xe9"; utf8::upgrade($x); $x }, 'any'],
        ['wide characters', sub { "\x{263a}" }, 'ours'],
        ['number',   sub { 12345 },     'any'],
        ['array ref', sub { [] },       'ours'],
        ['overloaded dying', sub { Sentinel::Overload->new('die') }, 'rethrow'],
        @tied,
    ) if $type eq 'data';
    return (
        ['0',        sub { 0 },         'any', 1],
        ['10',       sub { 10 },        'any'],
        ['2**31',    sub { 2**31 },     'any'],
        ['2**62',    sub { 2**62 },     'any'],
        ['2**64-1',  sub { ~0 },        'any'],
        ['-1',       sub { -1 },        'ours'],
        ['-2**63',   sub { -2**63 },    'ours'],
        ['1.5',      sub { 1.5 },       'ours'],
        ['inf',      sub { 9**9**9 },   'ours'],
        ['"abc"',    sub { 'abc' },     'ours'],
        ['undef',    sub { undef },     'ours', 1],
        ['array ref', sub { [] },       'ours'],
        @tied,
    ) if $type eq 'nbytes';
    return (
        ['undef',    sub { undef },     'any', 1],
        ['a string', sub { 'old' },     'any'],
        ['a number', sub { 42 },        'any'],
        ['a reference', sub { [] },     'any'],
        ['an object', sub { $_[0]{con} }, 'any'],
        ['tied (STORE does nothing)', sub { tied_value('ok', 'x') }, 'any', 0, 'deref'],
        ['tied dying on FETCH', sub { tied_value('die') }, 'any', 0, 'deref'],
    ) if $type eq 'out';
    return (
        ['0',        sub { 0 },         'any', 1],
        ['2**40',    sub { 2**40 },     'any'],
        ['-1',       sub { -1 },        'any'],
        ['2**63-1',  sub { 9223372036854775807 }, 'any'],
        ['2**64',    sub { 2**64 },     'ours'],
        ['1.5',      sub { 1.5 },       'ours'],
        ['"abc"',    sub { 'abc' },     'ours'],
        ['undef',    sub { undef },     'ours', 1],
        @tied,
    ) if $type eq 'length';
    return (
        ['a sub',          sub { sub { $_[2] // 0 } }, 'any'],
        ['a sub dying',    sub { sub { die "SENTINEL handler\n" } }, 'any'],
        ['a sub returning a list', sub { sub { (1, 2, 3) } }, 'any'],
        ['a sub returning 0', sub { sub { 0 } }, 'any'],
        ['a sub returning undef', sub { sub { undef } }, 'any'],
        ['a sub returning a string', sub { sub { 'lots' } }, 'any'],
        ['a sub returning a huge number', sub { sub { 2**70 } }, 'any'],
        ['a sub name',     sub { 'main::no_such_sub' }, 'any'],
        ['undef',          sub { undef },      'any', 1],
        ['a number',       sub { 5 },          'any'],
        ['array ref',      sub { [] },         'any'],
        ['hash ref',       sub { {} },         'any'],
        ['object',         sub { $_[0]{con} }, 'any'],
        @tied,
    ) if $type eq 'handler';
    die "no stream inputs for $type";
}

# A required code reference (or sub name).
sub code_inputs {
    return (
        ['undef',          sub { undef },              'ours', 1],
        ['empty string',   sub { '' },                 'ours', 1],
        ['sub dying',      sub { sub { die "SENTINEL callback\n" } }, 'any'],
        ['sub exiting',    sub { sub { exit 3 } },     'any'],
        ['sub name',       sub { 'main::no_such_sub' }, 'any'],
        ['array ref',      sub { [] },                 'ours'],
        ['hash ref',       sub { {} },                 'ours'],
        ['object',         sub { $_[0]{con} },         'ours'],
        ['tied dying',     sub { tied_value('die') },  'rethrow', 0, 'deref'],
    );
}

# An optional object filter of an event registration (undef: every object).
sub filter_inputs {
    my ($kind) = @_;
    return map { $_->[0] eq 'undef' ? [$_->[0], $_->[1], 'any', 1] : $_ } obj_inputs($kind) if $kind;
    return (
        ['undef',          sub { undef },              'any', 1],
        ['string',         sub { 'not an object' },    'ours'],
        ['forged',         sub { bless \(my $x = 12345), 'Sys::Virt::Network' }, 'ours'],
        ['a connection',   sub { $_[0]{con} },         'ours'],
        ['a domain',       sub { $_[0]{dom} },         'ours'],
        ['tied dying',     sub { tied_value('die') },  'rethrow', 0, 'deref'],
    );
}

# The tokens handed to a Perl event loop: none of these is one.
sub token_inputs {
    my ($expect) = @_;
    return (
        ['undef',          sub { undef },              $expect, 1],
        ['number',         sub { 12345 },              $expect],
        ['forged token',   sub { \(my $x = 1) },       $expect],
        ['forged address', sub { \(my $x = 0 + ${ $_[0]{con} }) }, $expect],
        ['array ref',      sub { [] },                 $expect],
        ['object',         sub { $_[0]{con} },         $expect],
        ['tied dying',     sub { tied_value('die') },  $expect eq 'any' ? 'any' : 'error', 0, 'deref'],
    );
}

# --------------------------------------------------------- method specs
#
# Parameter types (a trailing '?' marks an optional parameter):
#   objects     con dom snap chkp pool vol net port dev iface sec nwf nwb st;
#               cdom (a domain with checkpoints), dcon (the daemon's
#               connection when there is one, else the test driver's);
#               con|class (an invocant that may be a class name); conany (a
#               connection argument that is not used: anything goes); anyobj
#               (DESTROY's and STORABLE_freeze's invocant: anything goes)
#   numbers     flags cloning; maxnames maxids maxuuids; id int cpu period
#               netindex usagetype (int); count (int, large is fine); bool;
#               uint dumpformat algorithm (u32); uint64 peeksize capacity
#               (u64); int64; u32 ncpus stats netcmd netsection (read as
#               flags are); hostpart (a CPU or cell: -1 or 2**64-1 for all);
#               screen fd nbytes length (the stream calls')
#   strings     uri domname domtype snapname chkpname poolname volname
#               volpath key pooltype srcspec netname leasemac hostxml
#               devname cap wwn driver ifname mac usageid nwfname portdev
#               disk intf str optstr hv text chardev; file (a file name)
#   UUIDs       uuid uuidstr uuidbytes pooluuid pooluuidstr pooluuidbytes
#               secuuid nwfuuid (16 bytes or a string form)
#   XML         domxml dxml snapxml chkpxml poolxml volxml netxml portxml
#               devxml ifacexml secxml nwfxml nwbxml
#   bytes       secvalue (a secret's value), cpumap, data (sent on a stream),
#               out (recv's target scalar)
#   lists       strlist cpuxmls keycodes pagesizes pagepairs domlist fds
#               credlist
#   hashes      params (typed parameters); copyparams migparams saveparams
#               (typed parameters with one field checked)
#   code        callback code handler; domfilter objfilter (event filters);
#               token anytoken impl (Sys::Virt::Event's)

my %SPEC;
$SPEC{"Sys::Virt::$_"} = ['con'] for qw(
    get_uri get_type get_hostname is_alive is_secure is_encrypted get_node_info
    get_capabilities num_of_domains num_of_defined_domains _get_conn_version
    _get_conn_library_version get_library_version list_domains list_defined_domains);
$SPEC{"Sys::Virt::$_"} = ['con|class'] for qw(get_version get_major_version get_minor_version get_micro_version);
%SPEC = (%SPEC,
    'Sys::Virt::new'                        => 'custom',
    'Sys::Virt::_open'                      => [qw(uri? flags?)],
    'Sys::Virt::_open_auth'                 => [qw(uri? credlist? callback? flags?)],
    'Sys::Virt::_get_library_version'       => [],
    'Sys::Virt::_object_classes'            => [],
    'Sys::Virt::DESTROY'                    => ['anyobj?'],
    'Sys::Virt::CLONE'                      => ['domname?'],
    'Sys::Virt::get_max_vcpus'              => [qw(con domtype?)],
    'Sys::Virt::list_domain_ids'            => [qw(con maxids?)],
    'Sys::Virt::list_defined_domain_names'  => [qw(con maxnames?)],
    'Sys::Virt::list_all_domains'           => [qw(con flags?)],
    'Sys::Virt::create_domain'              => [qw(con domxml flags?)],
    'Sys::Virt::define_domain'              => [qw(con domxml flags?)],
    'Sys::Virt::get_domain_by_name'         => [qw(con domname)],
    'Sys::Virt::get_domain_by_id'           => [qw(con id)],
    'Sys::Virt::get_domain_by_uuid'         => [qw(con uuid)],
);
$SPEC{"Sys::Virt::Domain::$_"} = ['dom'] for qw(
    get_name get_id get_uuid get_uuid_string get_os_type get_info is_active
    is_persistent is_updated suspend resume get_autostart get_max_memory
    get_max_vcpus list_snapshots);
$SPEC{"Sys::Virt::Domain::$_"} = [qw(dom flags?)] for qw(
    get_xml_description get_state create destroy shutdown reboot undefine
    num_of_snapshots list_all_snapshots has_current_snapshot current_snapshot);
%SPEC = (%SPEC,
    'Sys::Virt::Domain::_new'               => 'custom',
    'Sys::Virt::Domain::DESTROY'            => ['anyobj?'],
    'Sys::Virt::Domain::_lookup_by_name'    => [qw(con domname)],
    'Sys::Virt::Domain::_lookup_by_id'      => [qw(con id)],
    'Sys::Virt::Domain::_lookup_by_uuid'    => [qw(con uuidbytes)],
    'Sys::Virt::Domain::_lookup_by_uuid_string' => [qw(con uuidstr)],
    'Sys::Virt::Domain::_define_xml'        => [qw(con domxml flags?)],
    'Sys::Virt::Domain::_create'            => [qw(con domxml flags?)],
    'Sys::Virt::Domain::set_autostart'      => [qw(dom bool)],
    'Sys::Virt::Domain::list_snapshot_names' => [qw(dom maxnames? flags?)],
    'Sys::Virt::Domain::get_snapshot_by_name' => [qw(dom snapname flags?)],
    'Sys::Virt::Domain::create_snapshot'    => [qw(dom snapxml flags?)],
);
$SPEC{"Sys::Virt::DomainSnapshot::$_"} = ['snap'] for qw(get_name list_child_snapshots);
$SPEC{"Sys::Virt::DomainSnapshot::$_"} = [qw(snap flags?)] for qw(
    get_xml_description delete revert_to get_parent is_current has_metadata
    num_of_child_snapshots list_all_children);
%SPEC = (%SPEC,
    'Sys::Virt::DomainSnapshot::_new'       => 'custom',
    'Sys::Virt::DomainSnapshot::DESTROY'    => ['anyobj?'],
    'Sys::Virt::DomainSnapshot::_lookup_by_name' => [qw(dom snapname flags?)],
    'Sys::Virt::DomainSnapshot::_create_xml' => [qw(dom snapxml flags?)],
    'Sys::Virt::DomainSnapshot::list_child_snapshot_names' => [qw(snap maxnames? flags?)],
);

$SPEC{"Sys::Virt::$_"} = ['con'] for qw(
    num_of_storage_pools num_of_defined_storage_pools list_storage_pools list_defined_storage_pools
    _list_storage_pools _list_defined_storage_pools);
%SPEC = (%SPEC,
    'Sys::Virt::list_storage_pool_names'    => [qw(con maxnames?)],
    'Sys::Virt::list_defined_storage_pool_names' => [qw(con maxnames?)],
    'Sys::Virt::list_all_storage_pools'     => [qw(con flags?)],
    'Sys::Virt::get_storage_pool_by_name'   => [qw(con poolname)],
    'Sys::Virt::get_storage_pool_by_uuid'   => [qw(con pooluuid)],
    'Sys::Virt::get_storage_pool_by_volume' => [qw(conany vol)],
    'Sys::Virt::get_storage_pool_by_target_path' => [qw(con volpath)],
    'Sys::Virt::get_storage_volume_by_path' => [qw(con volpath)],
    'Sys::Virt::get_storage_volume_by_key'  => [qw(con key)],
    'Sys::Virt::create_storage_pool'        => [qw(con poolxml flags?)],
    'Sys::Virt::define_storage_pool'        => [qw(con poolxml flags?)],
    'Sys::Virt::find_storage_pool_sources'  => [qw(con pooltype srcspec? flags?)],
    'Sys::Virt::get_storage_pool_capabilities' => [qw(con flags?)],
);
$SPEC{"Sys::Virt::StoragePool::$_"} = ['pool'] for qw(
    get_name get_uuid get_uuid_string is_active is_persistent undefine destroy get_autostart
    get_info num_of_storage_volumes list_volumes _list_volumes);
$SPEC{"Sys::Virt::StoragePool::$_"} = [qw(pool flags?)] for qw(
    get_xml_description create refresh build delete list_all_volumes);
%SPEC = (%SPEC,
    'Sys::Virt::StoragePool::_new'          => 'custom',
    'Sys::Virt::StoragePool::DESTROY'       => ['anyobj?'],
    'Sys::Virt::StoragePool::_create_xml'   => [qw(con poolxml flags?)],
    'Sys::Virt::StoragePool::_define_xml'   => [qw(con poolxml flags?)],
    'Sys::Virt::StoragePool::_lookup_by_name' => [qw(con poolname)],
    'Sys::Virt::StoragePool::_lookup_by_uuid' => [qw(con pooluuidbytes)],
    'Sys::Virt::StoragePool::_lookup_by_uuid_string' => [qw(con pooluuidstr)],
    'Sys::Virt::StoragePool::_lookup_by_volume' => [qw(vol)],
    'Sys::Virt::StoragePool::_lookup_by_target_path' => [qw(con volpath)],
    'Sys::Virt::StoragePool::set_autostart' => [qw(pool bool)],
    'Sys::Virt::StoragePool::list_storage_vol_names' => [qw(pool maxnames?)],
    'Sys::Virt::StoragePool::get_volume_by_name' => [qw(pool volname)],
    'Sys::Virt::StoragePool::create_volume' => [qw(pool volxml vol? flags?)],
    'Sys::Virt::StoragePool::clone_volume'  => [qw(pool volxml vol flags?)],
);
$SPEC{"Sys::Virt::StorageVol::$_"} = ['vol'] for qw(get_name get_key get_path);
$SPEC{"Sys::Virt::StorageVol::$_"} = [qw(vol flags?)] for qw(get_xml_description delete wipe get_info);
%SPEC = (%SPEC,
    'Sys::Virt::StorageVol::_new'           => 'custom',
    'Sys::Virt::StorageVol::DESTROY'        => ['anyobj?'],
    'Sys::Virt::StorageVol::_create_xml'    => [qw(pool volxml flags?)],
    'Sys::Virt::StorageVol::_create_xml_from' => [qw(pool volxml vol flags?)],
    'Sys::Virt::StorageVol::_lookup_by_name' => [qw(pool volname)],
    'Sys::Virt::StorageVol::_lookup_by_key' => [qw(con key)],
    'Sys::Virt::StorageVol::_lookup_by_path' => [qw(con volpath)],
    'Sys::Virt::StorageVol::resize'         => [qw(vol capacity flags?)],
    'Sys::Virt::StorageVol::wipe_pattern'   => [qw(vol algorithm flags?)],
);

# Typed parameters: tuning, statistics, host statistics.
$SPEC{"Sys::Virt::Domain::$_"} = ['dom'] for qw(get_scheduler_type);
$SPEC{"Sys::Virt::Domain::$_"} = [qw(dom flags?)] for qw(
    get_scheduler_parameters get_memory_parameters get_blkio_parameters get_numa_parameters
    get_perf_events get_launch_security_info get_guest_vcpus memory_stats);
$SPEC{"Sys::Virt::Domain::$_"} = [qw(dom params flags?)] for qw(
    set_scheduler_parameters set_memory_parameters set_blkio_parameters set_numa_parameters
    set_perf_events set_launch_security_state);
$SPEC{"Sys::Virt::$_"} = [qw(con flags?)] for qw(get_node_memory_parameters get_node_sev_info);
$SPEC{"Sys::Virt::$_"} = [qw(con hostpart? flags?)] for qw(get_node_cpu_stats get_node_memory_stats);
%SPEC = (%SPEC,
    'Sys::Virt::Domain::get_interface_parameters' => [qw(dom intf flags?)],
    'Sys::Virt::Domain::set_interface_parameters' => [qw(dom intf params flags?)],
    'Sys::Virt::Domain::get_block_iotune'   => [qw(dom disk flags?)],
    'Sys::Virt::Domain::set_block_iotune'   => [qw(dom disk params flags?)],
    'Sys::Virt::Domain::set_iothread'       => [qw(dom u32 params flags?)],
    'Sys::Virt::Domain::get_cpu_stats'      => [qw(dom cpu ncpus flags?)],
    'Sys::Virt::Domain::block_stats'        => [qw(dom disk flags?)],
    'Sys::Virt::Domain::interface_stats'    => [qw(dom intf)],
    'Sys::Virt::Domain::set_memory_stats_period' => [qw(dom period flags?)],
    'Sys::Virt::Domain::get_guest_info'     => [qw(dom flags? flags?)],
    'Sys::Virt::set_node_memory_parameters' => [qw(con params flags?)],
    'Sys::Virt::set_identity'               => [qw(con params flags?)],
    'Sys::Virt::get_all_domain_stats'       => [qw(con stats domlist? flags?)],
);

$SPEC{"Sys::Virt::$_"} = ['con'] for qw(num_of_networks num_of_defined_networks list_networks list_defined_networks);
%SPEC = (%SPEC,
    'Sys::Virt::list_network_names'         => [qw(con maxnames?)],
    'Sys::Virt::list_defined_network_names' => [qw(con maxnames?)],
    'Sys::Virt::list_all_networks'          => [qw(con flags?)],
    'Sys::Virt::get_network_by_name'        => [qw(con netname)],
    'Sys::Virt::get_network_by_uuid'        => [qw(con uuid)],
    'Sys::Virt::create_network'             => [qw(con netxml flags?)],
    'Sys::Virt::define_network'             => [qw(con netxml flags?)],
);
$SPEC{"Sys::Virt::Network::$_"} = ['net'] for qw(
    get_name get_uuid get_uuid_string get_bridge_name is_active is_persistent
    get_autostart create destroy undefine);
$SPEC{"Sys::Virt::Network::$_"} = [qw(net flags?)] for qw(get_xml_description list_all_ports);
%SPEC = (%SPEC,
    'Sys::Virt::Network::_new'              => 'custom',
    'Sys::Virt::Network::DESTROY'           => ['anyobj?'],
    'Sys::Virt::Network::_lookup_by_name'   => [qw(con netname)],
    'Sys::Virt::Network::_lookup_by_uuid'   => [qw(con uuidbytes)],
    'Sys::Virt::Network::_lookup_by_uuid_string' => [qw(con uuidstr)],
    'Sys::Virt::Network::_define_xml'       => [qw(con netxml flags?)],
    'Sys::Virt::Network::_create_xml'       => [qw(con netxml flags?)],
    'Sys::Virt::Network::set_autostart'     => [qw(net bool)],
    'Sys::Virt::Network::update'            => [qw(net netcmd netsection netindex hostxml flags?)],
    'Sys::Virt::Network::get_dhcp_leases'   => [qw(net leasemac? flags?)],
    'Sys::Virt::Network::create_port'       => [qw(net portxml flags?)],
    'Sys::Virt::Network::get_port_by_uuid'  => [qw(net uuid)],
);
$SPEC{"Sys::Virt::NetworkPort::$_"} = ['port'] for qw(get_uuid get_uuid_string);
$SPEC{"Sys::Virt::NetworkPort::$_"} = [qw(port flags?)] for qw(get_xml_description delete get_parameters);
%SPEC = (%SPEC,
    'Sys::Virt::NetworkPort::_new'          => 'custom',
    'Sys::Virt::NetworkPort::DESTROY'       => ['anyobj?'],
    'Sys::Virt::NetworkPort::_create_xml'   => [qw(net portxml flags?)],
    'Sys::Virt::NetworkPort::set_parameters' => [qw(port params flags?)],
    'Sys::Virt::NetworkPort::_lookup_by_uuid' => [qw(net uuidbytes)],
    'Sys::Virt::NetworkPort::_lookup_by_uuid_string' => [qw(net uuidstr)],
);

# Host devices, interfaces, secrets, network filters and bindings.
$SPEC{"Sys::Virt::$_"} = ['con'] for qw(num_of_interfaces num_of_defined_interfaces list_interfaces list_defined_interfaces);
$SPEC{"Sys::Virt::$_"} = [qw(con flags?)] for qw(
    list_all_node_devices list_all_interfaces interface_change_begin interface_change_commit interface_change_rollback);
$SPEC{"Sys::Virt::$_"} = ['dcon'] for qw(num_of_secrets list_secrets num_of_nwfilters list_nwfilters);
$SPEC{"Sys::Virt::$_"} = [qw(dcon flags?)] for qw(list_all_secrets list_all_nwfilters list_all_nwfilter_bindings);
%SPEC = (%SPEC,
    'Sys::Virt::num_of_node_devices'        => [qw(con cap? flags?)],
    'Sys::Virt::list_node_device_names'     => [qw(con cap? maxnames? flags?)],
    'Sys::Virt::list_node_devices'          => [qw(con cap?)],
    'Sys::Virt::get_node_device_by_name'    => [qw(con devname)],
    'Sys::Virt::get_node_device_scsihost_by_wwn' => [qw(con wwn wwn flags?)],
    'Sys::Virt::create_node_device'         => [qw(con devxml flags?)],
    'Sys::Virt::define_node_device'         => [qw(con devxml flags?)],
    'Sys::Virt::list_interface_names'       => [qw(con maxnames?)],
    'Sys::Virt::list_defined_interface_names' => [qw(con maxnames?)],
    'Sys::Virt::get_interface_by_name'      => [qw(con ifname)],
    'Sys::Virt::get_interface_by_mac'       => [qw(con mac)],
    'Sys::Virt::define_interface'           => [qw(con ifacexml flags?)],
    'Sys::Virt::create_interface'           => [qw(con ifacexml)],
    'Sys::Virt::list_secret_uuids'          => [qw(dcon maxuuids?)],
    'Sys::Virt::get_secret_by_uuid'         => [qw(dcon secuuid)],
    'Sys::Virt::get_secret_by_usage'        => [qw(dcon usagetype usageid)],
    'Sys::Virt::define_secret'              => [qw(dcon secxml flags?)],
    'Sys::Virt::list_nwfilter_names'        => [qw(dcon maxnames?)],
    'Sys::Virt::get_nwfilter_by_name'       => [qw(dcon nwfname)],
    'Sys::Virt::get_nwfilter_by_uuid'       => [qw(dcon nwfuuid)],
    'Sys::Virt::define_nwfilter'            => [qw(dcon nwfxml flags?)],
    'Sys::Virt::get_nwfilter_binding_by_port_dev' => [qw(dcon portdev)],
    'Sys::Virt::create_nwfilter_binding'    => [qw(dcon nwbxml flags?)],
);
$SPEC{"Sys::Virt::NodeDevice::$_"} = ['dev'] for qw(
    get_name get_parent list_capabilities destroy is_active is_persistent get_autostart reattach reset);
$SPEC{"Sys::Virt::NodeDevice::$_"} = [qw(dev flags?)] for qw(get_xml_description create undefine);
$SPEC{"Sys::Virt::Interface::$_"} = ['iface'] for qw(get_name get_mac is_active undefine);
$SPEC{"Sys::Virt::Interface::$_"} = [qw(iface flags?)] for qw(get_xml_description create destroy);
$SPEC{"Sys::Virt::Secret::$_"} = ['sec'] for qw(get_uuid get_uuid_string get_usage_type get_usage_id undefine);
$SPEC{"Sys::Virt::Secret::$_"} = [qw(sec flags?)] for qw(get_xml_description get_value);
$SPEC{"Sys::Virt::NWFilter::$_"} = ['nwf'] for qw(get_name get_uuid get_uuid_string undefine);
$SPEC{"Sys::Virt::NWFilterBinding::$_"} = ['nwb'] for qw(get_port_dev get_filter_name delete);
$SPEC{"${_}::_new"} = 'custom' for map { "Sys::Virt::$_" } qw(NodeDevice Interface Secret NWFilter NWFilterBinding);
$SPEC{"${_}::DESTROY"} = ['anyobj?'] for map { "Sys::Virt::$_" } qw(NodeDevice Interface Secret NWFilter NWFilterBinding);
%SPEC = (%SPEC,
    'Sys::Virt::NodeDevice::set_autostart'  => [qw(dev bool)],
    'Sys::Virt::NodeDevice::dettach'        => [qw(dev driver? flags?)],
    'Sys::Virt::NodeDevice::_lookup_by_name' => [qw(con devname)],
    'Sys::Virt::NodeDevice::_lookup_scsihost_by_wwn' => [qw(con wwn wwn flags?)],
    'Sys::Virt::NodeDevice::_create_xml'    => [qw(con devxml flags?)],
    'Sys::Virt::NodeDevice::_define_xml'    => [qw(con devxml flags?)],
    'Sys::Virt::Interface::_lookup_by_name' => [qw(con ifname)],
    'Sys::Virt::Interface::_lookup_by_mac'  => [qw(con mac)],
    'Sys::Virt::Interface::_define_xml'     => [qw(con ifacexml flags?)],
    'Sys::Virt::Secret::set_value'          => [qw(sec secvalue flags?)],
    'Sys::Virt::Secret::_lookup_by_uuid'    => [qw(dcon uuidbytes)],
    'Sys::Virt::Secret::_lookup_by_uuid_string' => [qw(dcon uuidstr)],
    'Sys::Virt::Secret::_lookup_by_usage'   => [qw(dcon usagetype usageid)],
    'Sys::Virt::Secret::_define_xml'        => [qw(dcon secxml flags?)],
    'Sys::Virt::NWFilter::get_xml_description' => [qw(nwf flags?)],
    'Sys::Virt::NWFilter::_lookup_by_name'  => [qw(dcon nwfname)],
    'Sys::Virt::NWFilter::_lookup_by_uuid'  => [qw(dcon uuidbytes)],
    'Sys::Virt::NWFilter::_lookup_by_uuid_string' => [qw(dcon uuidstr)],
    'Sys::Virt::NWFilter::_define_xml'      => [qw(dcon nwfxml flags?)],
    'Sys::Virt::NWFilterBinding::get_xml_description' => [qw(nwb flags?)],
    'Sys::Virt::NWFilterBinding::_lookup_by_port_dev' => [qw(dcon portdev)],
    'Sys::Virt::NWFilterBinding::_create_xml' => [qw(dcon nwbxml flags?)],
);

# Domain calls of the device, vCPU, memory, block, guest agent, control
# and metadata groups.
$SPEC{"Sys::Virt::Domain::$_"} = [qw(dom flags?)] for qw(
    get_disk_errors get_vcpu_info get_vcpus get_emulator_pin_info get_iothread_info
    get_control_info get_time get_hostname get_fs_info get_messages inject_nmi reset pm_wakeup);
$SPEC{"Sys::Virt::Domain::$_"} = ['dom'] for qw(get_security_label get_security_label_list);
$SPEC{"Sys::Virt::Domain::$_"} = [qw(dom str flags?)] for qw(
    get_block_info attach_device detach_device detach_device_alias update_device rename
    authorized_ssh_keys_get);
$SPEC{"Sys::Virt::Domain::$_"} = [qw(dom str uint64 flags?)] for qw(block_resize fs_trim set_block_threshold);
$SPEC{"Sys::Virt::Domain::$_"} = [qw(dom uint flags?)] for qw(set_vcpus add_iothread del_iothread get_interface_addresses);
$SPEC{"Sys::Virt::Domain::$_"} = [qw(dom str id flags?)] for qw(set_vcpu set_guest_vcpus);
$SPEC{"Sys::Virt::Domain::$_"} = [qw(dom uint cpumap flags?)] for qw(pin_vcpu pin_iothread);
$SPEC{"Sys::Virt::Domain::$_"} = [qw(dom strlist flags?)] for qw(fs_freeze fs_thaw);
$SPEC{"Sys::Virt::Domain::$_"} = [qw(dom id flags?)] for qw(set_agent_response_timeout start_dirty_rate_calc);
%SPEC = (%SPEC,
    'Sys::Virt::Domain::block_peek'         => [qw(dom str uint64 peeksize flags?)],
    'Sys::Virt::Domain::memory_peek'        => [qw(dom uint64 peeksize flags?)],
    'Sys::Virt::Domain::pin_emulator'       => [qw(dom cpumap flags?)],
    'Sys::Virt::Domain::set_memory'         => [qw(dom uint64 flags?)],
    'Sys::Virt::Domain::set_max_memory'     => [qw(dom uint64)],
    'Sys::Virt::Domain::set_time'           => [qw(dom int64 uint flags?)],
    'Sys::Virt::Domain::get_metadata'       => [qw(dom id optstr? flags?)],
    'Sys::Virt::Domain::set_metadata'       => [qw(dom id optstr? optstr? optstr? flags?)],
    'Sys::Virt::Domain::set_lifecycle_action' => [qw(dom uint uint flags?)],
    'Sys::Virt::Domain::authorized_ssh_keys_set' => [qw(dom str strlist flags?)],
    'Sys::Virt::Domain::set_user_password'  => [qw(dom str str flags?)],
    'Sys::Virt::Domain::send_key'           => [qw(dom uint uint keycodes flags?)],
    'Sys::Virt::Domain::send_process_signal' => [qw(dom int64 uint flags?)],
    'Sys::Virt::Domain::pm_suspend_for_duration' => [qw(dom uint uint64 flags?)],
);

# Host and CPU model calls.
$SPEC{"Sys::Virt::$_"} = ['con'] for qw(get_node_free_memory get_node_security_model);
$SPEC{"Sys::Virt::$_"} = [qw(con flags?)] for qw(get_node_cpu_map get_sysinfo);
%SPEC = (%SPEC,
    'Sys::Virt::get_node_cells_free_memory' => [qw(con id id)],
    'Sys::Virt::get_node_free_pages'        => [qw(con pagesizes id id flags?)],
    'Sys::Virt::node_alloc_pages'           => [qw(con pagepairs id id flags?)],
    'Sys::Virt::node_suspend_for_duration'  => [qw(con uint uint64 flags?)],
    'Sys::Virt::get_cpu_model_names'        => [qw(con str flags?)],
    'Sys::Virt::compare_cpu'                => [qw(con str flags?)],
    'Sys::Virt::compare_hypervisor_cpu'     => [qw(con hv hv hv hv str flags?)],
    'Sys::Virt::baseline_cpu'               => [qw(con cpuxmls flags?)],
    'Sys::Virt::baseline_hypervisor_cpu'    => [qw(con hv hv hv hv cpuxmls flags?)],
    'Sys::Virt::get_domain_capabilities'    => [qw(con hv hv hv hv flags?)],
    'Sys::Virt::domain_xml_from_native'     => [qw(con str str flags?)],
    'Sys::Virt::domain_xml_to_native'       => [qw(con str str flags?)],
);

# Checkpoints.
$SPEC{"Sys::Virt::DomainCheckpoint::$_"} = ['chkp'] for qw(get_name);
$SPEC{"Sys::Virt::DomainCheckpoint::$_"} = [qw(chkp flags?)] for qw(
    get_xml_description delete get_parent list_all_children);
%SPEC = (%SPEC,
    'Sys::Virt::DomainCheckpoint::_new'     => 'custom',
    'Sys::Virt::DomainCheckpoint::DESTROY'  => ['anyobj?'],
    'Sys::Virt::DomainCheckpoint::_lookup_by_name' => [qw(cdom chkpname flags?)],
    'Sys::Virt::DomainCheckpoint::_create_xml' => [qw(cdom chkpxml flags?)],
    'Sys::Virt::Domain::get_checkpoint_by_name' => [qw(cdom chkpname flags?)],
    'Sys::Virt::Domain::create_checkpoint'  => [qw(cdom chkpxml flags?)],
    'Sys::Virt::Domain::list_all_checkpoints' => [qw(cdom flags?)],
);

# Saving and core dumps.
%SPEC = (%SPEC,
    'Sys::Virt::Domain::save'               => [qw(dom file? dxml? saveparams? flags?)],
    'Sys::Virt::restore_domain'             => [qw(con file? dxml? saveparams? flags?)],
    'Sys::Virt::get_save_image_xml_description' => [qw(con file flags?)],
    'Sys::Virt::define_save_image_xml'      => [qw(con file domxml flags?)],
    'Sys::Virt::Domain::managed_save_define_xml' => [qw(dom domxml flags?)],
    'Sys::Virt::Domain::core_dump'          => [qw(dom file flags?)],
    'Sys::Virt::Domain::core_dump_format'   => [qw(dom file dumpformat flags?)],
);
$SPEC{"Sys::Virt::Domain::$_"} = [qw(dom flags?)] for qw(
    managed_save has_managed_save_image managed_save_remove managed_save_get_xml_description);

# Jobs, block jobs and backups.
%SPEC = (%SPEC,
    'Sys::Virt::Domain::get_job_info'       => ['dom'],
    'Sys::Virt::Domain::get_block_job_info' => [qw(dom disk flags?)],
    'Sys::Virt::Domain::abort_block_job'    => [qw(dom disk flags?)],
    'Sys::Virt::Domain::set_block_job_speed' => [qw(dom disk uint64 flags?)],
    'Sys::Virt::Domain::block_pull'         => [qw(dom disk uint64 flags?)],
    'Sys::Virt::Domain::block_rebase'       => [qw(dom disk text? uint64 flags?)],
    'Sys::Virt::Domain::block_copy'         => [qw(dom disk text copyparams? flags?)],
    'Sys::Virt::Domain::block_commit'       => [qw(dom disk text? text? uint64 flags?)],
    'Sys::Virt::Domain::backup_begin'       => [qw(dom text? text? flags?)],
);
$SPEC{"Sys::Virt::Domain::$_"} = [qw(dom flags?)] for qw(get_job_stats abort_job backup_get_xml_description);

# Migration.
%SPEC = (%SPEC,
    'Sys::Virt::Domain::_migrate'           => [qw(dom con migparams flags?)],
    'Sys::Virt::Domain::_migrate_to_uri'    => [qw(dom uri migparams flags?)],
    'Sys::Virt::Domain::migrate'            => [qw(dom con migparams? flags?)],
    'Sys::Virt::Domain::migrate_to_uri'     => [qw(dom uri migparams? flags?)],
    'Sys::Virt::Domain::migrate2'           => [qw(dom con text? flags? text? text? uint64?)],
    'Sys::Virt::Domain::migrate_to_uri2'    => [qw(dom uri text? text? flags? text? uint64?)],
    'Sys::Virt::Domain::migrate_set_max_downtime' => [qw(dom uint64 flags?)],
    'Sys::Virt::Domain::migrate_set_max_speed' => [qw(dom uint64 flags?)],
    'Sys::Virt::Domain::migrate_set_compression_cache' => [qw(dom uint64 flags?)],
);
$SPEC{"Sys::Virt::Domain::$_"} = [qw(dom flags?)] for qw(
    migrate_get_max_downtime migrate_get_max_speed migrate_get_compression_cache migrate_start_post_copy);

# File descriptors.
%SPEC = (%SPEC,
    'Sys::Virt::create_domain_with_files'   => [qw(con domxml fds flags?)],
    'Sys::Virt::Domain::_create_with_files' => [qw(con domxml fds flags?)],
    'Sys::Virt::Domain::create_with_files'  => [qw(dom fds flags?)],
    'Sys::Virt::Domain::fd_associate'       => [qw(dom text fds flags?)],
);

# Events: registrations on the connection, and Sys::Virt::Event.
%SPEC = (%SPEC,
    'Sys::Virt::domain_event_register'       => [qw(con code)],
    'Sys::Virt::domain_event_deregister'     => [qw(con)],
    'Sys::Virt::domain_event_register_any'   => [qw(con domfilter int code)],
    'Sys::Virt::register_close_callback'     => [qw(con code)],
    'Sys::Virt::unregister_close_callback'   => [qw(con)],
    'Sys::Virt::set_keep_alive'              => [qw(con int count)],
);
$SPEC{"Sys::Virt::${_}_event_register_any"} = [qw(con objfilter int code)] for qw(network storage_pool node_device secret);
$SPEC{"Sys::Virt::${_}_event_deregister_any"} = [qw(con int)] for qw(domain network storage_pool node_device secret);
$SPEC{"Sys::Virt::Event::$_"} = [] for qw(register_default run_default _register_impl);
%SPEC = (%SPEC,
    'Sys::Virt::Event::add_handle'           => [qw(int int code)],
    'Sys::Virt::Event::update_handle'        => [qw(int int)],
    'Sys::Virt::Event::remove_handle'        => [qw(int)],
    'Sys::Virt::Event::add_timeout'          => [qw(int code)],
    'Sys::Virt::Event::update_timeout'       => [qw(int int)],
    'Sys::Virt::Event::remove_timeout'       => [qw(int)],
    'Sys::Virt::Event::_run_handle_callback_helper'  => [qw(int int int token token)],
    'Sys::Virt::Event::_run_timeout_callback_helper' => [qw(int token token)],
    'Sys::Virt::Event::_free_callback_opaque_helper' => [qw(anytoken? anytoken?)],
    'Sys::Virt::Event::register'             => [qw(impl)],
    'Sys::Virt::Event::_run_handle_callback'  => [qw(impl? int int int token token)],
    'Sys::Virt::Event::_run_timeout_callback' => [qw(impl? int token token)],
    'Sys::Virt::Event::_free_callback_opaque' => [qw(impl? anytoken? anytoken?)],
);
$SPEC{"Sys::Virt::Event::_$_"} = [qw(impl? impl?)] for qw(add_handle update_handle remove_handle add_timeout update_timeout remove_timeout);

# Streams, and the calls that use them.
%SPEC = (%SPEC,
    'Sys::Virt::new_stream'                 => [qw(con flags?)],
    'Sys::Virt::Domain::screenshot'         => [qw(dom st screen flags?)],
    'Sys::Virt::Domain::open_console'       => [qw(dom st chardev? flags?)],
    'Sys::Virt::Domain::open_channel'       => [qw(dom st chardev? flags?)],
    'Sys::Virt::Domain::open_graphics'      => [qw(dom screen fd flags?)],
    'Sys::Virt::Domain::open_graphics_fd'   => [qw(dom screen flags?)],
    'Sys::Virt::Stream::_new'               => 'custom',
    'Sys::Virt::Stream::_new_obj'           => [qw(con flags?)],
    'Sys::Virt::Stream::_call_in_list'      => [qw(handler)],
    'Sys::Virt::Stream::DESTROY'            => ['anyobj?'],
    'Sys::Virt::Stream::send'               => [qw(st data nbytes)],
    'Sys::Virt::Stream::recv'               => [qw(st out nbytes flags?)],
    'Sys::Virt::Stream::recv_hole'          => [qw(st flags?)],
    'Sys::Virt::Stream::send_hole'          => [qw(st length flags?)],
    'Sys::Virt::Stream::recv_all'           => [qw(st handler)],
    'Sys::Virt::Stream::send_all'           => [qw(st handler)],
    'Sys::Virt::Stream::sparse_recv_all'    => [qw(st handler handler)],
    'Sys::Virt::Stream::sparse_send_all'    => [qw(st handler handler handler)],
    'Sys::Virt::Stream::add_callback'       => [qw(st id handler)],
    'Sys::Virt::Stream::update_callback'    => [qw(st id)],
    'Sys::Virt::Stream::remove_callback'    => [qw(st)],
    'Sys::Virt::Stream::finish'             => [qw(st)],
    'Sys::Virt::Stream::abort'              => [qw(st)],
    'Sys::Virt::StorageVol::upload'         => [qw(vol st capacity capacity flags?)],
    'Sys::Virt::StorageVol::download'       => [qw(vol st capacity capacity flags?)],
);

$SPEC{"${_}::STORABLE_freeze"} = [qw(anyobj cloning?)] for values %CLASS;

# Storable's hook: refuses every object, whatever it is given.
$SPEC{"${_}::STORABLE_freeze"} = [qw(anyobj cloning?)] for values %CLASS;

# Subs whose cases leave a junk event loop (a Perl one of undef or of an
# empty object) registered for the rest of the child: a new connection to
# the daemon then fails (its watches go to that loop), so the fixtures
# are not built again after their cases.
my %LEAVES_JUNK_EVENT_LOOP = map { ("Sys::Virt::Event::$_" => 1) } qw(register _register_impl);

# Methods after which the fixtures may have changed (when they returned).
my %MUTATES = map { $_ => 1 } qw(
    DESTROY _new create destroy shutdown reboot undefine suspend resume delete revert_to set_autostart
    create_domain define_domain _create _define_xml _create_xml create_snapshot create_checkpoint
    build refresh wipe wipe_pattern resize create_volume clone_volume _create_xml_from
    create_storage_pool define_storage_pool
    update create_port create_network define_network
    set_value dettach reattach reset create_node_device define_node_device create_interface define_interface
    define_secret define_nwfilter create_nwfilter_binding
    interface_change_begin interface_change_commit interface_change_rollback
    set_vcpus set_vcpu pin_vcpu pin_emulator add_iothread del_iothread pin_iothread
    set_memory set_max_memory attach_device detach_device detach_device_alias update_device
    set_metadata set_lifecycle_action set_time rename inject_nmi send_key fs_freeze
    save restore_domain define_save_image_xml managed_save managed_save_remove managed_save_define_xml
    core_dump core_dump_format abort_job block_pull block_rebase block_copy block_commit abort_block_job
    backup_begin create_with_files _create_with_files create_domain_with_files
    send recv send_hole recv_hole recv_all send_all sparse_recv_all sparse_send_all
    add_callback update_callback remove_callback finish abort screenshot open_console open_channel
    upload download);

# The good value of each parameter type.
my %GOOD = (
    # Objects.
    (map { my $k = $_; ($k => sub { $_[0]{$k} }) } @ALL_KINDS, qw(cdom dcon)),
    'con|class' => sub { $_[0]{con} },
    conany    => sub { $_[0]{con} },
    anyobj    => sub { my ($fx, $pkg) = @_;
                       my ($kind) = grep { $CLASS{$_} eq $pkg } keys %CLASS;
                       $NO_LIVE_OBJECT{$kind} ? undef : fresh_object($fx, $kind) },
    # Numbers.
    flags     => sub { 0 },
    cloning   => sub { 0 },
    maxnames  => sub { 100 },
    maxids    => sub { 100 },
    maxuuids  => sub { 100 },
    id        => sub { $_[0]{id} },
    int       => sub { 0 },
    count     => sub { 3 },
    bool      => sub { 0 },
    uint      => sub { 1 },
    uint64    => sub { 0 },
    int64     => sub { 0 },
    u32       => sub { 1 },
    ncpus     => sub { 1 },
    stats     => sub { 0 },
    cpu       => sub { 0 },
    period    => sub { 0 },
    hostpart  => sub { undef },
    peeksize  => sub { 16 },
    dumpformat => sub { 0 },
    capacity  => sub { 1 << 20 },
    algorithm => sub { 0 },
    netcmd    => sub { Sys::Virt::Network::UPDATE_COMMAND_ADD_LAST() },
    netsection => sub { Sys::Virt::Network::SECTION_IP_DHCP_HOST() },
    netindex  => sub { -1 },
    usagetype => sub { Sys::Virt::Secret::USAGE_TYPE_TLS() },
    screen    => sub { 0 },
    fd        => sub { -1 },
    nbytes    => sub { 3 },
    length    => sub { 10 },
    # Strings.
    uri       => sub { $URI },
    domname   => sub { 'fx-dom' },
    domtype   => sub { undef },
    snapname  => sub { 'fx-child' },
    chkpname  => sub { 'fx-cchild' },
    poolname  => sub { 'fx-pool' },
    volname   => sub { 'fx-vol' },
    volpath   => sub { '/fx-pool/fx-vol' },
    key       => sub { '/fx-pool/fx-vol' },
    pooltype  => sub { 'logical' },
    srcspec   => sub { undef },
    netname   => sub { 'fx-net' },
    leasemac  => sub { undef },
    hostxml   => sub { "<host mac='52:54:00:00:00:71' ip='10.70.0.71'/>" },
    devname   => sub { $_[0]{dev_name} },
    cap       => sub { 'scsi_host' },
    wwn       => sub { '2000000012341234' },
    driver    => sub { undef },
    ifname    => sub { 'fx-iface' },
    mac       => sub { '52:54:00:00:70:01' },
    usageid   => sub { 'fx-sec' },
    nwfname   => sub { 'fx-filter' },
    portdev   => sub { 'fxtap0' },
    disk      => sub { 'vda' },
    intf      => sub { 'vnet0' },
    str       => sub { 'vda' },
    optstr    => sub { undef },
    hv        => sub { undef },
    text      => sub { undef },
    chardev   => sub { undef },
    file      => sub { "$TMPDIR/file" },
    # UUIDs.
    uuid      => sub { $_[0]{uuid} },
    uuidstr   => sub { $_[0]{uuid} },
    uuidbytes => sub { my $u = $_[0]{uuid}; $u =~ tr/-//d; pack 'H*', $u },
    pooluuid  => sub { $_[0]{pool_uuid} },
    pooluuidstr => sub { $_[0]{pool_uuid} },
    pooluuidbytes => sub { my $u = $_[0]{pool_uuid}; $u =~ tr/-//d; pack 'H*', $u },
    secuuid   => sub { $_[0]{sec_uuid} // $_[0]{uuid} },
    nwfuuid   => sub { $_[0]{nwf} ? $_[0]{nwf}->get_uuid_string : $_[0]{uuid} },
    # Documents.
    domxml    => sub { dom_xml('fx-new') },
    dxml      => sub { undef },
    snapxml   => sub { snap_xml('fx-new') },
    chkpxml   => sub { chkp_xml('fx-new') },
    poolxml   => sub { pool_xml('fx-new') },
    volxml    => sub { vol_xml('fx-new') },
    netxml    => sub { net_xml('fx-new') },
    portxml   => sub { port_xml('fx-new') },
    devxml    => sub { nodedev_xml('fx-new', '0072') },
    ifacexml  => sub { iface_xml('fx-new') },
    secxml    => sub { secret_xml('fx-new') },
    nwfxml    => sub { nwfilter_xml('fx-new') },
    nwbxml    => sub { binding_xml('fxtap1') },
    # Bytes, lists, hashes.
    secvalue  => sub { "fx\0new\xfe" },
    cpumap    => sub { "\x01" },
    data      => sub { 'abc' },
    out       => sub { undef },
    strlist   => sub { ['/'] },
    cpuxmls   => sub { ["<cpu><arch>x86_64</arch><model>qemu64</model></cpu>"] },
    keycodes  => sub { [29, 56, 111] },
    pagesizes => sub { [4] },
    pagepairs => sub { [[2048, 1]] },
    domlist   => sub { undef },
    fds       => sub { [] },
    params    => sub { {} },
    copyparams => sub { undef },
    migparams => sub { {} },
    saveparams => sub { undef },
    credlist  => sub { [Sys::Virt::CRED_AUTHNAME(), Sys::Virt::CRED_PASSPHRASE()] },
    # Code and event loop tokens.
    callback  => sub { sub { 0 } },
    code      => sub { sub { 0 } },
    handler   => sub { sub { $_[2] // 0 } },
    domfilter => sub { undef },
    objfilter => sub { undef },
    token     => sub { undef },
    anytoken  => sub { undef },
    impl      => sub { bless {}, 'Sys::Virt::Event' },
);

# The same inputs, each allowed to end in a value or any error.
sub loosened { return map { [$_->[0], $_->[1], 'any', $_->[3], $_->[4]] } @_ }

# The bad values of each parameter type (given the package of the sub).
my %INPUTS = (
    (map { my $k = $_; ($k => sub { obj_inputs($k) }) } @ALL_KINDS),
    cdom      => sub { obj_inputs('dom') },
    dcon      => sub { obj_inputs('con') },
    conany    => sub { loosened(obj_inputs('con')) },
    'con|class' => sub { (['class name', sub { 'Sys::Virt' }, 'any'], loosened(obj_inputs('con'))) },
    anyobj    => sub { my ($pkg) = @_;
                       my ($kind) = grep { $CLASS{$_} eq $pkg } keys %CLASS;
                       loosened(obj_inputs($kind)) },
    flags     => \&flags_inputs,
    (map { $_ => \&flags_inputs } qw(u32 ncpus stats netcmd netsection)),
    cloning   => sub { loosened(flags_inputs()) },
    (map { my $k = $_; ($k => sub { max_inputs($k) }) } qw(maxnames maxids maxuuids)),
    (map { $_ => \&int_inputs } qw(id int cpu period netindex usagetype)),
    count     => sub { map { $_->[0] eq '2**31' ? [$_->[0], $_->[1], 'any'] : $_ } int_inputs() },
    bool      => \&bool_inputs,
    (map { $_ => sub { uint_inputs(32) } } qw(uint dumpformat algorithm)),
    (map { $_ => sub { uint_inputs(64) } } qw(uint64 peeksize capacity)),
    int64     => \&int64_inputs,
    hostpart  => \&hostpart_inputs,
    (map { my $k = $_; ($k => sub { stream_inputs($k) }) } qw(screen fd data nbytes out length handler)),
    (map { $_ => \&string_inputs } qw(
        uri domname domtype snapname chkpname poolname volname volpath key pooltype srcspec
        netname leasemac hostxml devname cap wwn driver ifname mac usageid nwfname portdev
        disk intf str optstr hv text chardev)),
    file      => \&file_inputs,
    (map { $_ => \&uuid_inputs } qw(uuid uuidstr uuidbytes pooluuid pooluuidstr pooluuidbytes secuuid nwfuuid)),
    domxml    => sub { xml_inputs('domain') },
    dxml      => sub { xml_inputs('domain') },
    snapxml   => sub { xml_inputs('domainsnapshot') },
    chkpxml   => sub { xml_inputs('domaincheckpoint') },
    poolxml   => sub { xml_inputs('pool') },
    volxml    => sub { xml_inputs('volume') },
    netxml    => sub { xml_inputs('network') },
    portxml   => sub { xml_inputs('networkport') },
    devxml    => sub { xml_inputs('device') },
    ifacexml  => sub { xml_inputs('interface') },
    secxml    => sub { xml_inputs('secret') },
    nwfxml    => sub { xml_inputs('filter') },
    nwbxml    => sub { xml_inputs('filterbinding') },
    secvalue  => \&secret_value_inputs,
    cpumap    => \&cpumap_inputs,
    (map { $_ => sub { list_inputs('num') } } qw(keycodes pagesizes)),
    (map { $_ => sub { list_inputs('str') } } qw(strlist cpuxmls)),
    pagepairs => \&pagepair_inputs,
    domlist   => \&domlist_inputs,
    fds       => \&fds_inputs,
    params    => \&params_inputs,
    copyparams => sub { field_hash_inputs(Sys::Virt::Domain::BLOCK_COPY_BANDWIDTH()) },
    migparams => sub { field_hash_inputs(Sys::Virt::Domain::MIGRATE_PARAM_URI()) },
    saveparams => sub { field_hash_inputs(Sys::Virt::Domain::SAVE_PARAM_DXML()) },
    credlist  => \&credlist_inputs,
    callback  => \&callback_inputs,
    code      => \&code_inputs,
    domfilter => sub { filter_inputs('dom') },
    objfilter => sub { filter_inputs() },
    token     => sub { token_inputs('ours') },
    anytoken  => sub { token_inputs('any') },
    impl      => sub { (['undef', sub { undef }, 'any', 1], ['string', sub { 'x' }, 'any'],
                        ['impl', sub { bless {}, 'Sys::Virt::Event' }, 'any']) },
);

sub inputs_for {
    my ($type, $pkg) = @_;
    my $inputs = $INPUTS{$type} or die "no inputs for type $type";
    return $inputs->($pkg);
}

# Every type has both.
for my $type (sort keys %INPUTS) { die "no good value for type $type\n" unless $GOOD{$type} }
for my $type (sort keys %GOOD) { die "no inputs for type $type\n" unless $INPUTS{$type} }

# ------------------------------------------------------------ the cases

sub subs_of {
    my ($pkg) = @_;
    no strict 'refs';
    my @found;
    for my $name (sort keys %{"${pkg}::"}) {
        next if $name =~ /::$/ || $name =~ /^\(/ || $name eq 'bootstrap';
        next unless defined &{"${pkg}::$name"};
        my $cv = B::svref_2object(\&{"${pkg}::$name"});
        next if $cv->CvFLAGS & B::CVf_CONST();               # constants take no input
        # Imported from elsewhere (a sub made in another Sys::Virt package
        # and installed here is ours).
        next if $cv->GV->STASH->NAME !~ /^Sys::Virt(?:::|\z)/;
        push @found, { name => "${pkg}::$name", short => $name, pkg => $pkg, xsub => $cv->XSUB ? 1 : 0 };
    }
    return @found;
}

my ($OURS) = $INC{'Sys/Virt.pm'} =~ m{\A(.*)/Sys/Virt\.pm\z};
my @foreign = grep { m{^Sys/Virt/} && $INC{$_} !~ m{\A\Q$OURS\E/} } sort keys %INC;
ok(!@foreign, 'every Sys::Virt package is loaded from this build')
    or diag "loaded from elsewhere: @{[ map { \"$_ ($INC{$_})\" } @foreign ]}";

my @methods = map { subs_of($_) } @PACKAGES;
ok(scalar(@methods) >= 60, 'found the packages\' subs by walking their stashes')
    or diag 'found only: ' . join ' ', map { $_->{name} } @methods;
my @unspecified = grep { !$SPEC{ $_->{name} } } @methods;
ok(!@unspecified, 'every sub found has an argument spec')
    or diag "no argument spec (tried generically): @{[ map { $_->{name} } @unspecified ]}";
my @unknown_types = map { my $m = $_; map { (my $t = $_) =~ s/\?$//; $INPUTS{$t} ? () : "$m->{name}: $t" }
                                          @{ ref $SPEC{ $m->{name} } ? $SPEC{ $m->{name} } : [] } } @methods;
ok(!@unknown_types, 'every parameter type in the specs has inputs')
    or diag "unknown parameter types: @unknown_types";

@methods = grep { $_->{name} =~ /$ENV{SYS_VIRT_BAD_INPUT_ONLY}/ } @methods
    if defined $ENV{SYS_VIRT_BAD_INPUT_ONLY} && length $ENV{SYS_VIRT_BAD_INPUT_ONLY};

# A case: { label, args => sub ($fx) { list }, expect, falsy, context }
sub cases_for {
    my ($m) = @_;
    my $spec = $SPEC{$m->{name}};
    my @cases;
    if (!defined $spec) {
        # A sub without a spec: its first argument is tried with every bad
        # object, the rest with bad flags.
        my ($kind) = grep { $CLASS{$_} eq $m->{pkg} } keys %CLASS;
        $spec = [$kind // 'con', 'flags?', 'flags?'];
    }
    return custom_cases($m) if $spec eq 'custom';

    my @params = map { (my $t = $_) =~ s/\?$//; { type => $t, optional => /\?$|^con\|class$/ ? 1 : 0 } } @$spec;
    my $required = grep { !$_->{optional} } @params;
    my $good = sub { my ($fx) = @_; map { $GOOD{$_->{type}}->($fx, $m->{pkg}) } @params };

    push @cases, { label => 'good arguments', args => $good, expect => 'any' };
    push @cases, { label => 'good arguments, scalar context', args => $good, expect => 'any', context => 'scalar' };
    push @cases, { label => 'good arguments, void context', args => $good, expect => 'any', context => 'void' };
    push @cases, { label => 'required arguments only',
                   args => sub { my @a = $good->(@_); @a[0 .. $required - 1] }, expect => 'any' } if $required < @params;
    push @cases, { label => 'no arguments', args => sub { () }, expect => $required ? 'ours' : 'any' };
    # Perl subs ignore arguments they do not use; XSUBs count them.
    push @cases, { label => 'three extra arguments', args => sub { ($good->(@_), 0, 'x', []) },
                   expect => $m->{xsub} ? 'ours' : 'any' };

    # With no real object for the invocant, only the invocant's own inputs
    # say anything: every other argument would meet a refused invocant.
    my $last = (grep { $NO_LIVE_OBJECT{ $_->{type} } } @params) ? 0 : $#params;
    for my $pos (0 .. $last) {
        my $type = $params[$pos]{type};
        for my $in (inputs_for($type, $m->{pkg})) {
            my ($label, $make, $expect, $falsy, $deref, $slow) = @$in;
            # libxml2 takes up to a second to reject 10 MB of broken XML:
            # the Perl wrappers hand the string to the same XSUBs, which
            # get these inputs themselves.
            next if $slow && !$m->{xsub};
            $label = "$type=$label" unless $label =~ /^\Q$type\E=/;
            push @cases, {
                label => "arg $pos $label",
                expect => $expect,
                falsy => $falsy,
                args => sub {
                    my ($fx) = @_;
                    my @a = $good->($fx);
                    my $v = $make->($fx, $type);
                    return (@a[0 .. $pos - 1], $v, @a[$pos + 1 .. $#a]) unless $deref;
                    # A tied scalar must be passed itself (aliased), not a
                    # copy of its value: see call_case.
                    return (\@a, $pos, $v);
                },
                alias => $deref ? 1 : 0,
            };
        }
    }
    return @cases;
}

# One case per input of @$inputs, named "$param=label", its arguments made
# by $args->($fx, $value). (Tied inputs are left out: they lose their
# magic when copied into a parameter list.)
sub add_inputs {
    my ($add, $param, $inputs, $args) = @_;
    for my $in (grep { !$_->[4] } @$inputs) {
        my ($label, $make, $expect, $falsy) = @$in;
        $add->("$param=$label", sub { $args->($_[0], $make->($_[0])) }, $expect, $falsy);
    }
}

# The _new constructors: the named parameter holding the parent object
# (key) and its fixture kind, the parameters of a lookup that finds the
# fixture, the root element of the XML they create or define from, and:
#   nocreate  the XML may come with nocreate => 1 (define only)
#   names     the lookups by a string: [key => [other parameters]]
#             (default: name)
#   uuid      a lookup by uuid
#   new_name  the name in the good XML (default fx-new)
#   extra     a sub ($add, $class) adding cases of its own
my $TLS = Sys::Virt::Secret::USAGE_TYPE_TLS();
my %NEW = (
    'Sys::Virt::Domain' => {
        key => 'connection', kind => 'con', lookup => [name => 'fx-dom'], root => 'domain',
        nocreate => 1, uuid => 1,
        extra => sub {
            my ($add, $class) = @_;
            add_inputs($add, id => [int_inputs()], sub { ($class, connection => $_[0]{con}, id => $_[1]) });
        } },
    'Sys::Virt::DomainSnapshot' => {
        key => 'domain', kind => 'dom', lookup => [name => 'fx-child'], root => 'domainsnapshot' },
    'Sys::Virt::DomainCheckpoint' => {
        key => 'domain', kind => 'cdom', lookup => [name => 'fx-cchild'], root => 'domaincheckpoint' },
    'Sys::Virt::StoragePool' => {
        key => 'connection', kind => 'con', lookup => [name => 'fx-pool'], root => 'pool',
        nocreate => 1, uuid => 1,
        extra => sub {
            my ($add, $class) = @_;
            add_inputs($add, volume => [obj_inputs('vol')], sub { ($class, connection => $_[0]{con}, volume => $_[1]) });
            add_inputs($add, target_path => [string_inputs()], sub { ($class, connection => $_[0]{con}, target_path => $_[1]) });
        } },
    'Sys::Virt::StorageVol' => {
        key => 'pool', kind => 'pool', lookup => [name => 'fx-vol'], root => 'volume',
        extra => sub {
            my ($add, $class) = @_;
            add_inputs($add, path => [string_inputs()], sub { ($class, connection => $_[0]{con}, path => $_[1]) });
            add_inputs($add, key => [string_inputs()], sub { ($class, connection => $_[0]{con}, key => $_[1]) });
            add_inputs($add, 'path with connection' => [obj_inputs('con')],
                       sub { ($class, connection => $_[1], path => '/fx-pool/fx-vol') });
            add_inputs($add, clone => [obj_inputs('vol')],
                       sub { ($class, pool => $_[0]{pool}, xml => vol_xml('fx-new'), clone => $_[1]) });
            $add->('path without connection', sub { ($class, path => '/fx-pool/fx-vol') }, 'error');
        } },
    'Sys::Virt::Network' => {
        key => 'connection', kind => 'con', lookup => [name => 'fx-net'], root => 'network',
        nocreate => 1, uuid => 1 },
    # (A port has no name to be found by.)
    'Sys::Virt::NetworkPort' => {
        key => 'network', kind => 'net', lookup => [uuid => '0a1b2c3d-4e5f-4a6b-8c7d-000000000070'],
        root => 'networkport', names => [], uuid => 1 },
    'Sys::Virt::NodeDevice' => {
        key => 'connection', kind => 'con', lookup => [name => 'scsi_host2'], root => 'device',
        nocreate => 1, names => [name => [], wwnn => [wwpn => '1000000012341234']] },
    'Sys::Virt::Interface' => {
        key => 'connection', kind => 'con', lookup => [name => 'fx-iface'], root => 'interface',
        names => [name => [], mac => []] },
    'Sys::Virt::Secret' => {
        key => 'connection', kind => 'dcon', lookup => [usageType => $TLS, usageID => 'fx-sec'], root => 'secret',
        names => [usageID => [usageType => $TLS]], uuid => 1,
        extra => sub {
            my ($add, $class) = @_;
            add_inputs($add, usageType => [int_inputs()],
                       sub { ($class, connection => $_[0]{dcon}, usageType => $_[1], usageID => 'fx-sec') });
            $add->('usageType alone', sub { ($class, connection => $_[0]{dcon}, usageType => 4) }, 'error');
            $add->('usageID alone', sub { ($class, connection => $_[0]{dcon}, usageID => 'fx-sec') }, 'error');
        } },
    'Sys::Virt::NWFilter' => {
        key => 'connection', kind => 'dcon', lookup => [name => 'fx-filter'], root => 'filter', uuid => 1 },
    'Sys::Virt::NWFilterBinding' => {
        key => 'connection', kind => 'dcon', lookup => [portdev => 'fxtap0'], root => 'filterbinding',
        names => [portdev => []], new_name => 'fxtap1' },
);

# The invocants a constructor is called on, besides its class.
my @ODD_INVOCANTS = (['undef', sub { undef }], ['empty string', sub { '' }], ['other class', sub { 'Some::Other' }],
                     ['an object', sub { $_[0]{con} }], ['array ref', sub { [] }], ['hash ref', sub { {} }]);

# Sys::Virt->new and the _new of every object class take a class and a
# list of named parameters.
sub custom_cases {
    my ($m) = @_;
    my @cases;
    my $add = sub {
        my ($label, $args, $expect, $falsy) = @_;
        push @cases, { label => $label, args => $args, expect => $expect, falsy => $falsy };
    };
    my $class = $m->{pkg};
    if ($class eq 'Sys::Virt') { connect_new_cases($add); return @cases }
    if ($class eq 'Sys::Virt::Stream') { stream_new_cases($add); return @cases }
    my $new = $NEW{$class} or die "no _new description for $class";
    my ($key, $kind, $root) = @$new{qw(key kind root)};
    my @lookup = @{ $new->{lookup} };
    my $base = sub { ($key => $_[0]{$kind}, @lookup) };

    $add->('good arguments', sub { ($class, $base->(@_)) }, 'any');
    $add->('no arguments', sub { () }, 'any');
    $add->('class only', sub { ($class) }, 'any');
    $add->('odd parameter list', sub { ($class, $base->(@_), 'dangling') }, 'any');
    for my $inv (@ODD_INVOCANTS) {
        my ($l, $mk) = @$inv;
        $add->("invocant $l", sub { ($mk->($_[0]), $base->(@_)) }, 'any');
    }
    add_inputs($add, $key => [$INPUTS{$kind}->()], sub { ($class, $key => $_[1], @lookup) });
    $add->("no $key", sub { ($class, @lookup) }, 'error');
    $add->('no lookup key', sub { ($class, $key => $_[0]{$kind}) }, 'error');
    my @names = @{ $new->{names} || [name => []] };
    while (my ($name_key, $with) = splice @names, 0, 2) {
        add_inputs($add, $name_key => [string_inputs()], sub { ($class, $key => $_[0]{$kind}, @$with, $name_key => $_[1]) });
    }
    for my $in (grep { !$_->[4] && !$_->[5] } xml_inputs($root)) {
        my ($l, $mk, $e, $f) = @$in;
        $add->("xml=$l", sub { ($class, $key => $_[0]{$kind}, xml => $mk->($_[0])) }, $e, $f);
        $add->("xml=$l, nocreate", sub { ($class, $key => $_[0]{$kind}, xml => $mk->($_[0]), nocreate => 1) }, $e, $f)
            if $new->{nocreate};
    }
    my $goodxml = $XML_OF{$root}->($new->{new_name} // 'fx-new');
    add_inputs($add, flags => [flags_inputs()], sub { ($class, $key => $_[0]{$kind}, xml => $goodxml, flags => $_[1]) });
    add_inputs($add, uuid => [uuid_inputs()], sub { ($class, $key => $_[0]{$kind}, uuid => $_[1]) }) if $new->{uuid};
    $new->{extra}->($add, $class) if $new->{extra};
    return @cases;
}

# Sys::Virt->new(uri => ..., readonly => ..., auth => ..., flags => ...).
sub connect_new_cases {
    my ($add) = @_;
    my $class = 'Sys::Virt';
    my $base = sub { (uri => $URI) };
    $add->('good arguments', sub { ($class, $base->(@_)) }, 'any');
    $add->('no arguments', sub { () }, 'any');
    $add->('class only', sub { ($class) }, 'any');
    $add->('odd parameter list', sub { ($class, $base->(@_), 'dangling') }, 'any');
    for my $inv (@ODD_INVOCANTS) {
        my ($l, $mk) = @$inv;
        $add->("invocant $l", sub { ($mk->($_[0]), $base->(@_)) }, 'any');
    }
    # Any string makes a URI or an address (which may not connect).
    my @strings = map { [$_->[0], $_->[1], $_->[2] eq 'rethrow' ? 'rethrow' : 'any', 0, $_->[4]] } string_inputs();
    add_inputs($add, uri => \@strings, sub { ($class, uri => $_[1]) });
    add_inputs($add, address => \@strings, sub { ($class, address => $_[1]) });
    for my $u ('test:///default?x=y', 'test:///', 'test+unix:///default', 'test:///default#frag',
               'test:///' . ('a' x 4096), 'test:///nonexistent/file.xml', '::::', 'test:', ':///') {
        $add->("uri=$u", sub { ($class, uri => $u) }, 'any');
    }
    add_inputs($add, flags => [flags_inputs()], sub { ($class, uri => $URI, flags => $_[1]) });
    for my $ro (0, 1, 'yes', []) {
        $add->("readonly=$ro", sub { ($class, uri => $URI, readonly => $ro) }, 'any');
    }
    $add->('auth=1', sub { ($class, uri => $URI, auth => 1) }, 'any');
    $add->('auth with junk credlist', sub { ($class, uri => $URI, auth => 1, credlist => 'x', callback => 'y') }, 'any');
    return;
}

# Sys::Virt::Stream->_new(connection => $con, flags => $flags).
sub stream_new_cases {
    my ($add) = @_;
    my $class = 'Sys::Virt::Stream';
    $add->('good arguments', sub { ($class, connection => $_[0]{con}) }, 'any');
    $add->('no arguments', sub { () }, 'any');
    $add->('class only', sub { ($class) }, 'error');
    $add->('odd parameter list', sub { ($class, connection => $_[0]{con}, 'dangling') }, 'any');
    for my $inv (['undef', sub { undef }], ['other class', sub { 'Some::Other' }], ['an object', sub { $_[0]{con} }],
                 ['array ref', sub { [] }]) {
        my ($l, $mk) = @$inv;
        $add->("invocant $l", sub { ($mk->($_[0]), connection => $_[0]{con}) }, 'any');
    }
    add_inputs($add, connection => [obj_inputs('con')], sub { ($class, connection => $_[1]) });
    add_inputs($add, flags => [flags_inputs()], sub { ($class, connection => $_[0]{con}, flags => $_[1]) });
    return;
}

# A method's cases, named. (Made where they run: all of them at once would
# make every child's fork copy them.)
sub named_cases {
    my ($m) = @_;
    my @cases = cases_for($m);
    $_->{name} = "$m->{name}($_->{label})" for @cases;
    return \@cases;
}

# -------------------------------------------------------- in the child

sub one_line {
    my ($s) = @_;
    $s = '' unless defined $s;
    $s = substr($s, 0, 300) . '...' if length $s > 300;
    $s =~ s/([\\\n\r])/$1 eq "\n" ? '\\n' : $1 eq "\r" ? '\\r' : '\\\\'/ge;
    utf8::encode($s) if utf8::is_utf8($s);
    return $s;
}

sub say_line { my $line = join(' ', @_) . "\n"; syswrite STDOUT, $line }

sub call_case {
    my ($code, $case, $fx) = @_;
    my @args = $case->{args}->($fx);
    if ($case->{alias}) {
        # (\@good, $pos, \$tied): call with the tied scalar itself in place.
        my ($good, $pos, $ref) = @args;
        my @a = @$good;
        my $call = sub { $code->(@a[0 .. $pos - 1], $_[0], @a[$pos + 1 .. $#a]) };
        return alias_call($call, $ref, $case->{context});
    }
    return context_call(sub { $code->(@args) }, $case->{context});
}

# $_[0] inside $call is the tied scalar itself (sub arguments alias).
sub alias_call {
    my ($call, $ref, $context) = @_;
    return context_call(sub { $call->($$ref) }, $context);
}

sub context_call {
    my ($call, $context) = @_;
    $context ||= 'list';
    if ($context eq 'scalar') { my $r = $call->(); return ($r) }
    if ($context eq 'void')   { $call->(); return () }
    my @r = $call->();
    return @r;
}

sub describe_value {
    my @r = @_;
    my @parts = map { !defined $_ ? 'undef' : ref $_ ? ref($_) : length $_ > 40 ? 'str(' . length($_) . ')' : "$_" } @r;
    my $s = join ',', @parts;
    return "(" . (length $s > 200 ? substr($s, 0, 200) . '...' : $s) . ")";
}

sub run_cases_in_child {
    my ($m, $start) = @_;
    my $fx = build_fixtures();
    my $code = \&{ $m->{name} };
    my $dirty = 0;
    my @warnings;
    local $SIG{__WARN__} = sub { push @warnings, $_[0] };
    for my $i ($start .. $#{ $m->{cases} }) {
        my $case = $m->{cases}[$i];
        if ($dirty) {
            $fx = build_fixtures();
            $dirty = 0;
        }
        @warnings = ();
        say_line('CASE', $i);
        my @r;
        my $ok = eval { @r = call_case($code, $case, $fx); 1 };
        my $err = $@;
        my ($kind, $detail);
        if ($ok) {
            # Touch every value returned.
            for my $v (@r) {
                # (new() blesses into the class of whatever it is called
                # on, so a value's overloading may die.)
                my $s = eval { defined $v ? "$v" : '' };
                my $t = Scalar::Util::reftype($v) // '';
                $s = join ',', map { defined $_ ? $_ : '' } %$v if $t eq 'HASH';
                $s = join ',', map { defined $_ ? $_ : '' } @$v if $t eq 'ARRAY';
            }
            ($kind, $detail) = ('V', describe_value(@r));
            $dirty = 1 if $MUTATES{ $m->{short} };
        } elsif (ref $err && eval { $err->isa('Sys::Virt::Error') }) {
            my $shape_ok = ref $err eq 'Sys::Virt::Error'
                && defined $err->{code} && $err->{code} =~ /^-?\d+$/
                && defined $err->{domain} && $err->{domain} =~ /^-?\d+$/
                && defined $err->{level} && $err->{level} =~ /^-?\d+$/
                && defined $err->{message}
                && length("$err") > 0;
            ($kind, $detail) = ($shape_ok ? 'E' : 'BADERR', "code=" . ($err->{code} // 'undef') . ' ' . ($err->{message} // 'undef'));
        } elsif (ref $err) {
            ($kind, $detail) = ('R', ref($err) . ' ' . (eval { $err->{message} } // ''));
        } else {
            ($kind, $detail) = ('S', $err);
        }
        say_line('DONE', $i, $kind, one_line($detail));
        say_line('WARN', $i, one_line($_)) for @warnings;
    }
    # The objects still work after all that, and the child exits (and
    # destroys everything) normally.
    say_line('CASE', 'after');
    check_fixtures(build_fixtures()) unless $LEAVES_JUNK_EVENT_LOOP{ $m->{name} };
    say_line('DONE', 'after', 'V', '()');
    say_line('CASE', 'exit');
}

# ---------------------------------------------------------- the parent

my %totals = (cases => 0, value => 0, libvirt_error => 0, croak => 0, rethrown => 0,
              crashes => 0, hangs => 0, wrong => 0);

my $BAD_WARNING = qr/panic|Attempt to free|unreferenced scalar|Bizarre|Semi-panic|Leaked|freed value|corrupt|double free|Use of freed/i;

sub known_bug {
    my ($name) = @_;
    for my $k (@KNOWN_BUGS) { return $k->[1] if $name =~ $k->[0] }
    return;
}

sub check_outcome {
    my ($m, $case, $kind, $detail) = @_;
    my $expect = $case->{expect};
    $expect = 'any' if $expect eq 'ours' && !$m->{xsub} && $case->{falsy};
    return "a Sys::Virt::Error without numeric code/domain/level and a message: $detail" if $kind eq 'BADERR';
    if ($expect eq 'rethrow') {
        return if $kind eq 'S' && $detail =~ /^SENTINEL /;
        return if $kind eq 'R' && $detail =~ /^Sentinel::Error /;
        return "expected the tied/overloaded value's own exception, got $kind $detail";
    }
    return if $expect eq 'any' && $kind ne 'R';
    return "unexpected non-error exception object: $detail" if $kind eq 'R';
    return "expected an exception, got a value $detail" if $kind eq 'V';
    return if $expect eq 'error';
    if ($expect eq 'ours') {
        return unless $m->{xsub};
        return "expected our own croak, got a libvirt error: $detail" if $kind eq 'E';
        return if $detail =~ /^\Q$m->{name}\E: / || $detail =~ /^Usage: \Q$m->{name}\E\(/;
        return "the message does not name $m->{name}: $detail";
    }
    return "unknown expectation $expect";
}

# Runs all of $m's cases in children, restarting after a child that died
# at the case after the one it died in; returns (problems, todo items).
sub run_method {
    my ($m, $totals, $timeout) = @_;
    my $cases = $m->{cases} ||= named_cases($m);
    my $start = 0;
    my (@problems, @todo);
    my $restarts = 0;
    while ($start <= $#$cases) {
        my $r = Crash::run_in_child(sub { run_cases_in_child($m, $start) },
                                    timeout => $timeout, address_space => $ADDRESS_SPACE);
        my $current;
        for my $line (split /\n/, $r->{stdout}) {
            if ($line =~ /^CASE (\S+)$/) {
                $current = $1;
            } elsif ($line =~ /^DONE (\S+) (\S+) ?(.*)$/) {
                my ($i, $kind, $detail) = ($1, $2, $3);
                next if $i eq 'after';
                my $case = $cases->[$i];
                $totals->{cases}++;
                $totals->{ { V => 'value', E => 'libvirt_error', S => 'croak', R => 'rethrown', BADERR => 'croak' }->{$kind} }++;
                if (my $why = check_outcome($m, $case, $kind, $detail)) {
                    $totals->{wrong}++;
                    push @problems, "$case->{name}: $why";
                }
                undef $current;
            } elsif ($line =~ /^WARN (\S+) (.*)$/) {
                my ($i, $w) = ($1, $2);
                push @problems, "$cases->[$i]{name}: internal warning: $w" if $w =~ $BAD_WARNING;
            }
        }
        last if $r->{ok} && (!defined $current || $current eq 'exit');
        # The child died: by a signal, a hang, or an error in its own code.
        my $where = defined $current ? $current : 'exit';
        my $what = Crash::describe($r);
        if ($where =~ /^\d+$/) {
            my $case = $cases->[$where];
            $totals->{cases}++;
            $totals->{ $r->{timeout} ? 'hangs' : 'crashes' }++;
            my $how = $r->{timeout} ? 'HANG' : $r->{signal} ? "CRASH (SIG$r->{signame})" : "CHILD DIED (status $r->{exit})";
            if (my $bug = known_bug($case->{name})) { push @todo, ["$case->{name}: $how", $what, $bug] }
            else { push @problems, "$case->{name}: $how: $what" }
            $start = $where + 1;
            $restarts++;
        } else {
            $totals->{ $r->{timeout} ? 'hangs' : 'crashes' }++ if $r->{signal} || $r->{timeout};
            push @problems, "$m->{name}: child failed at '$where' (after its cases): $what";
            last;
        }
        if ($restarts > 50) {
            push @problems, "$m->{name}: more than 50 restarts, giving up";
            last;
        }
    }
    return (\@problems, \@todo);
}

# The harness itself: a crash and a hang are each attributed to the case
# that caused them, and the cases after them still run.
{
    no warnings 'once';
    *Harness::Check::probe = sub {
        my ($what) = @_;
        kill 'SEGV', $$ if $what eq 'segv';
        sleep 30 if $what eq 'hang';
        return $what;
    };
    my $m = { name => 'Harness::Check::probe', short => 'probe', pkg => 'Harness::Check', xsub => 0 };
    my @what = qw(fine segv fine hang fine);
    $m->{cases} = [map { my $w = $_; { label => $w, name => "probe($w)", args => sub { ($w) }, expect => 'any' } } @what];
    my %t;
    my ($problems) = run_method($m, \%t, 2);
    my @got = map { /^probe\((\w+)\): (HANG|CRASH \(SIGSEGV\))/ ? "$1 $2" : "other: $_" } @$problems;
    is_deeply(\@got, ['segv CRASH (SIGSEGV)', 'hang HANG'], 'harness: a crash and a hang are caught and attributed to their cases')
        or diag join "\n", @$problems;
    is($t{cases}, 5, 'harness: the cases after a crash and a hang still ran');
}


# The subs that change the daemon's fixtures.
sub changes_daemon_fixtures {
    my ($m) = @_;
    return $m->{pkg} =~ /^Sys::Virt::(?:Secret|NWFilter|NWFilterBinding)$/ && $MUTATES{ $m->{short} };
}

# Every method's cases, the methods shared between $WORKERS processes
# that each take the next method from a queue (a pipe of fixed-size
# records, which a read takes whole) and leave their results in a file;
# then the subs that change the daemon's fixtures, one after the other.
# Returns each method's [problems, todo items, number of cases], in the
# order of @methods.
sub run_all_methods {
    my ($methods, $totals) = @_;
    my $workers = $ENV{SYS_VIRT_BAD_INPUT_WORKERS} || $WORKERS;
    my @alone = grep { $DAEMON && changes_daemon_fixtures($methods->[$_]) } 0 .. $#$methods;
    my %alone = map { $_ => 1 } @alone;
    # The daemon's fixtures are there before the workers look for them
    # (and the workers inherit no libvirt object).
    if ($DAEMON) {
        daemon_fixtures({});
        %KEPT = ();
    }
    pipe(my $queue_r, my $queue_w) or die "pipe: $!";
    syswrite $queue_w, sprintf('%07d', $_) for grep { !$alone{$_} } 0 .. $#$methods;
    close $queue_w;
    STDOUT->flush;
    STDERR->flush;
    my @running;
    for my $w (1 .. $workers) {
        my $file = File::Temp->new(TEMPLATE => 'bad-input-results-XXXXXX', TMPDIR => 1);
        my $pid = fork // die "fork: $!";
        if (!$pid) {
            my %t = map { $_ => 0 } keys %$totals;
            my %results;
            # The test driver keeps its objects while a connection is open,
            # in the memory of the process: the checkpoint domain made here
            # once is in every child forked from here (the driver takes
            # 30 ms to make a checkpoint).
            my $keep = Sys::Virt->new(uri => $URI);
            checkpoint_fixtures({ con => $keep }) if $HAVE{chkp};
            while (sysread($queue_r, my $record, 7) == 7) {
                $results{ 0 + $record } = run_and_count($methods->[$record], \%t);
            }
            Storable::nstore({ totals => \%t, results => \%results }, $file->filename);
            # Nothing of the parent's (END blocks, temporary files) is
            # undone here.
            POSIX::_exit(0);
        }
        push @running, [$pid, $file];
    }
    close $queue_r;
    my %results;
    for my $r (@running) {
        my ($pid, $file) = @$r;
        waitpid $pid, 0;
        my $status = $?;
        my $got = -s $file->filename ? Storable::retrieve($file->filename) : undef;
        if ($status != 0 || !$got) {
            fail("bad-input worker $pid ended with status $status and no results");
            next;
        }
        $totals->{$_} += $got->{totals}{$_} for keys %{ $got->{totals} };
        %results = (%results, %{ $got->{results} });
    }
    $results{$_} = run_and_count($methods->[$_], $totals) for @alone;
    return map { $results{$_} || [["$methods->[$_]{name}: not run (its worker failed)"], [], 0] } 0 .. $#$methods;
}

# (problems, todo items, number of cases) of one method.
sub run_and_count {
    my ($m, $totals) = @_;
    my ($problems, $todo) = run_method($m, $totals, $CASE_TIMEOUT);
    my $n = @{ delete $m->{cases} };
    return [$problems, $todo, $n];
}

my @outcomes = run_all_methods(\@methods, \%totals);
for my $i (0 .. $#methods) {
    my $m = $methods[$i];
    my ($problems, $todo, $n) = @{ $outcomes[$i] };
    ok(!@$problems, "$m->{name}: $n bad-input cases, each a value or a clean exception")
        or diag join "\n", @$problems[0 .. ($#$problems < 40 ? $#$problems : 40)];
    for my $t (@$todo) {
        TODO: {
            local $TODO = "known bug: $t->[2]";
            ok(0, $t->[0]) or diag $t->[1];
        }
    }
}

diag sprintf "bad-input cases: %d run (%d values, %d libvirt errors, %d croaks, %d rethrown); "
    . "%d crashes, %d hangs, %d wrong outcomes",
    @totals{qw(cases value libvirt_error croak rethrown crashes hangs wrong)};

# -------------------------------------------- freeing during a call
#
# A tied argument whose FETCH drops the last reference to the invocant
# (or DESTROYs it) while the XSUB is reading its arguments. The object was
# alive when the method was called: the call must either work on it or
# croak with our own message; it must never hand libvirt a freed handle
# (libvirt then answers "invalid ... pointer", code 7 / 102, when it
# notices, or reads freed memory when it does not).

package Freeing::Tie {
    sub TIESCALAR { my ($class, $how) = @_; return bless { how => $how }, $class }
    sub FETCH {
        my $self = shift;
        if ($self->{how} eq 'undef') { undef $main::victim }
        else                         { $main::victim->DESTROY }
        return 0;
    }
    sub STORE { }
}
package main;

our $victim;
my %INVALID = map { $_ => 1 } Sys::Virt::Error::ERR_INVALID_CONN(), Sys::Virt::Error::ERR_INVALID_DOMAIN(),
    Sys::Virt::Error::ERR_INVALID_DOMAIN_SNAPSHOT(), Sys::Virt::Error::ERR_INVALID_DOMAIN_CHECKPOINT(),
    Sys::Virt::Error::ERR_INVALID_NETWORK(), Sys::Virt::Error::ERR_INVALID_NODE_DEVICE(),
    Sys::Virt::Error::ERR_INVALID_INTERFACE(), Sys::Virt::Error::ERR_INVALID_STORAGE_POOL();
my @freeing = (
    ['Sys::Virt::list_all_domains', sub { Sys::Virt->new(uri => $URI) }],
    ['Sys::Virt::Domain::get_xml_description', sub { Sys::Virt->new(uri => $URI)->get_domain_by_name('test') }],
    ['Sys::Virt::Domain::list_all_snapshots', sub { Sys::Virt->new(uri => $URI)->get_domain_by_name('test') }],
    ['Sys::Virt::DomainSnapshot::get_xml_description', sub {
        my $d = Sys::Virt->new(uri => $URI)->get_domain_by_name('test');
        my $s = eval { $d->get_snapshot_by_name('freeing') } || $d->create_snapshot(snap_xml('freeing'));
        $s }],
    ($HAVE{chkp} ? (
        ['Sys::Virt::DomainCheckpoint::get_xml_description', sub {
            my $d = Sys::Virt->new(uri => $URI)->get_domain_by_name('test');
            my $c = eval { $d->get_checkpoint_by_name('freeing') } || $d->create_checkpoint(chkp_xml('freeing'));
            $c }],
    ) : ()),
    ($HAVE{pool} ? (
        ['Sys::Virt::StoragePool::get_xml_description', sub { Sys::Virt->new(uri => $URI)->get_storage_pool_by_name('default-pool') }],
        ['Sys::Virt::StoragePool::list_all_volumes', sub { Sys::Virt->new(uri => $URI)->get_storage_pool_by_name('default-pool') }],
        ['Sys::Virt::list_all_storage_pools', sub { Sys::Virt->new(uri => $URI) }],
    ) : ()),
    ($HAVE{net} ? (
        ['Sys::Virt::Network::get_xml_description', sub { Sys::Virt->new(uri => $URI)->get_network_by_name('default') }],
        ['Sys::Virt::list_all_networks', sub { Sys::Virt->new(uri => $URI) }],
    ) : ()),
    ($HAVE{dev} ? (
        ['Sys::Virt::NodeDevice::get_xml_description', sub { Sys::Virt->new(uri => $URI)->get_node_device_by_name('scsi_host1') }],
        ['Sys::Virt::Interface::get_xml_description', sub { Sys::Virt->new(uri => $URI)->get_interface_by_name('eth1') }],
        ['Sys::Virt::list_all_node_devices', sub { Sys::Virt->new(uri => $URI) }],
    ) : ()),
);
for my $f (@freeing) {
    my ($method, $make) = @$f;
    for my $how (qw(undef DESTROY)) {
        my $r = Crash::run_in_child(sub {
            $victim = $make->();
            tie my $flags, 'Freeing::Tie', $how;
            my $code = \&{$method};
            my @got = eval { $code->($victim, $flags) };
            my $e = $@;
            if (!$e)                                  { print "VALUE\n" }
            elsif (ref $e && $INVALID{ $e->{code} }) { print "FREED HANDLE USED: $e->{message}\n" }
            elsif (ref $e)                            { print "LIBVIRT ERROR: $e->{message}\n" }
            else                                      { print "CROAK: $e\n" }
        }, timeout => 20);
        my $clean = $r->{ok} && $r->{stdout} =~ /^(VALUE|CROAK: \Q$method\E: )/;
        ok($clean, "$method: invocant freed by a tied argument ($how) is not used after free")
            or diag(($r->{stdout} =~ s/\n+$//r) . '; ' . Crash::describe($r));
        ok(!$r->{signal} && !$r->{timeout}, "$method: invocant freed by a tied argument ($how): no signal, no hang")
            or diag Crash::describe($r);
    }
}

# An exit from inside a tied argument's FETCH leaves normally.
{
    package Exiting::Tie;
    sub TIESCALAR { bless {}, shift }
    sub FETCH { exit 7 }
    package main;
    my $r = Crash::run_in_child(sub {
        my $d = Sys::Virt->new(uri => $URI)->get_domain_by_name('test');
        tie my $flags, 'Exiting::Tie';
        eval { $d->get_xml_description($flags) };
        print "returned\n";
    }, timeout => 20);
    ok(!$r->{signal} && !$r->{timeout} && defined $r->{exit} && $r->{exit} == 7 && $r->{stdout} !~ /returned/,
       'exit inside a tied argument ends the process with that status')
        or diag Crash::describe($r);
}

# Dying through many nested evals and calls leaves the interpreter sane.
{
    my $r = Crash::run_in_child(sub {
        my $c = Sys::Virt->new(uri => $URI);
        my $d = $c->get_domain_by_name('test');
        for my $depth (1 .. 200) {
            my $f = tied_value('die');
            eval { eval { $d->get_xml_description($$f) }; die $@ if $@ };
            die "lost the exception at depth $depth\n" unless $@ =~ /^SENTINEL/;
            eval { $c->get_domain_by_name("missing-$depth") };
            die "lost the libvirt error at depth $depth\n" unless ref $@ && $@->code == 42;
        }
        print $d->get_name, "\n";
    }, timeout => 20);
    ok($r->{ok} && $r->{stdout} eq "test\n", 'exceptions from argument reading and from libvirt, 200 times over')
        or diag Crash::describe($r);
}

$DAEMON->stop if $DAEMON;

done_testing;
