# -*- perl -*-
#
# The objects themselves: what they are, which invocants are refused (with
# a message, never a crash), explicit DESTROY, subclasses, copies made by
# other modules, ithreads, and Sys::Virt::Error.
#
# Calls that could crash the process if an object check were missing run
# in a forked child, so that a crash shows up as a failed test rather than
# the end of the test file.

use strict;
use warnings;

use FindBin;
use lib "$FindBin::Bin/lib";

use Config;
use Test::More;
use B ();
use Scalar::Util qw(blessed reftype refaddr);
use Tie::Array ();

use SVTest;

my ($c, $d) = test_domain();
my $s = mksnap($d, 'obj1');
my $s2 = mksnap($d, 'obj2');
my $n = $c->get_network_by_name('default');
my $nd = $c->get_node_device_by_name('scsi_host1');
my $if = $c->get_interface_by_name('eth1');

# ---------------------------------------------------------------------------
# What the objects are
# ---------------------------------------------------------------------------

# Storage objects are kinds 7 and 8 of the table, node devices and
# interfaces 9 and 10, streams the last one.
my $pool = $c->get_storage_pool_by_name('default-pool');
my $vol = $pool->create_volume('<volume><name>obj.img</name><capacity>1024</capacity></volume>');

for my $case ([$c, 'Sys::Virt'], [$d, 'Sys::Virt::Domain'], [$s, 'Sys::Virt::DomainSnapshot'],
              [$pool, 'Sys::Virt::StoragePool'], [$vol, 'Sys::Virt::StorageVol'], [$n, 'Sys::Virt::Network'],
              [$nd, 'Sys::Virt::NodeDevice'], [$if, 'Sys::Virt::Interface'], [$c->new_stream, 'Sys::Virt::Stream']) {
    my ($o, $class) = @$case;
    is(ref $o, $class, "ref is $class");
    isa_ok($o, $class);
    is(reftype $o, 'SCALAR', "$class: blessed scalar ref");
    like($$o, qr/\A[1-9]\d*\z/, "$class: \$\$obj is a positive integer");
    ok($o->can('DESTROY'), "$class can DESTROY");
}
ok($s->can('get_name') && $s->can('list_child_snapshots') && $s->can('_new'), 'DomainSnapshot can its methods');
ok($d->can('create_snapshot') && $d->can('list_snapshots') && $d->can('get_state'), 'Domain can its methods');
ok($c->can('get_uri') && $c->can('list_domains') && $c->can('new'), 'Sys::Virt can its methods');
ok(!$s->can('create_snapshot'), 'a snapshot cannot create_snapshot');
ok(!$d->isa('Sys::Virt'), 'a domain is not a Sys::Virt');
ok($n->can('get_bridge_name') && $n->can('create_port') && $n->can('_new'), 'Network can its methods');
ok(!$n->isa('Sys::Virt::Domain'), 'a network is not a Sys::Virt::Domain');
ok(!$s->isa('Sys::Virt::Domain'), 'a snapshot is not a Sys::Virt::Domain');
ok(!$vol->isa('Sys::Virt::StoragePool'), 'a volume is not a Sys::Virt::StoragePool');
is(($pool->list_all_volumes)[0]->get_path, '/default-pool/obj.img', 'a listed volume is an object of its own');
isnt(${ ($pool->list_all_volumes)[0] }, $$vol, 'with a handle of its own');
ok($nd->can('list_capabilities') && $nd->can('dettach') && $nd->can('_new'), 'NodeDevice can its methods');
ok($if->can('get_mac') && $if->can('_new') && !$if->can('get_parent'), 'Interface can its methods, not a device\'s');
ok(Sys::Virt::Secret->can('get_value') && Sys::Virt::NWFilter->can('get_uuid') && Sys::Virt::NWFilterBinding->can('get_port_dev'),
   'Secret, NWFilter and NWFilterBinding can their methods');
isnt($$s, $$s2, 'two snapshots, two handles');
{
    my $again = $d->get_snapshot_by_name('obj1');
    is($again->get_name, 'obj1', 'a second object for the same snapshot');
    isnt(refaddr $again, refaddr $s, 'is a different Perl object');
    my $copy = $s;
    is($copy->get_name, 'obj1', 'a copy of the reference is the same object');
    my $alias = \$$s;
    is(ref $alias, 'Sys::Virt::DomainSnapshot', 'a new reference to the same scalar is blessed too');
    is($alias->get_name, 'obj1', 'and works');
}

# ---------------------------------------------------------------------------
# Invocants that are not the right object
# ---------------------------------------------------------------------------

my $SNAP = 'Sys::Virt::DomainSnapshot';
my $DOMC = 'Sys::Virt::Domain';
my $NOT_SNAP = qr/\ASys::Virt::DomainSnapshot::get_name: argument 'domss' is not a Sys::Virt::DomainSnapshot object at /;

my @refused = (
    # [ label, code, expected message ]
    [ 'a Domain as a DomainSnapshot', sub { Sys::Virt::DomainSnapshot::get_name($d) },
      qr/\ASys::Virt::DomainSnapshot::get_name: argument 'domss' is a Sys::Virt::Domain object, not a Sys::Virt::DomainSnapshot object at / ],
    [ 'a DomainSnapshot as a Domain', sub { Sys::Virt::Domain::get_name($s) },
      qr/\ASys::Virt::Domain::get_name: argument 'dom' is a Sys::Virt::DomainSnapshot object, not a Sys::Virt::Domain object at / ],
    [ 'a connection as a Domain', sub { Sys::Virt::Domain::get_name($c) },
      qr/\ASys::Virt::Domain::get_name: argument 'dom' is a Sys::Virt object, not a Sys::Virt::Domain object at / ],
    [ 'a connection as a DomainSnapshot', sub { Sys::Virt::DomainSnapshot::delete($c) },
      qr/\ASys::Virt::DomainSnapshot::delete: argument 'domss' is a Sys::Virt object, not a Sys::Virt::DomainSnapshot object at / ],
    [ 'a Domain as a connection', sub { Sys::Virt::get_uri($d) },
      qr/\ASys::Virt::get_uri: argument 'con' is a Sys::Virt::Domain object, not a Sys::Virt object at / ],
    [ 'a DomainSnapshot as a connection', sub { Sys::Virt::list_all_domains($s) },
      qr/\ASys::Virt::list_all_domains: argument 'con' is a Sys::Virt::DomainSnapshot object, not a Sys::Virt object at / ],
    [ 'a snapshot reblessed as a Domain', sub { my $x = $d->get_snapshot_by_name('obj1'); bless $x, $DOMC; $x->get_name },
      qr/\ASys::Virt::Domain::get_name: argument 'dom' is a Sys::Virt::DomainSnapshot object, not a Sys::Virt::Domain object at / ],
    [ 'a Domain as the domain of create_snapshot\'s lookup', sub { Sys::Virt::DomainSnapshot::_lookup_by_name($s, 'obj1') },
      qr/\ASys::Virt::DomainSnapshot::_lookup_by_name: argument 'dom' is a Sys::Virt::DomainSnapshot object, not a Sys::Virt::Domain object at / ],
    [ 'a snapshot as the connection of a domain lookup', sub { Sys::Virt::Domain->_new(connection => $s, name => 'test') },
      qr/\ASys::Virt::Domain::_lookup_by_name: argument 'con' is a Sys::Virt::DomainSnapshot object, not a Sys::Virt object at / ],
    [ 'a Domain as the domain of DomainSnapshot->_new', sub { Sys::Virt::DomainSnapshot->_new(domain => $c, name => 'obj1') },
      qr/\ASys::Virt::DomainSnapshot::_lookup_by_name: argument 'dom' is a Sys::Virt object, not a Sys::Virt::Domain object at / ],
    [ 'a Network as a Domain', sub { Sys::Virt::Domain::get_name($n) },
      qr/\ASys::Virt::Domain::get_name: argument 'dom' is a Sys::Virt::Network object, not a Sys::Virt::Domain object at / ],
    [ 'a Domain as a Network', sub { Sys::Virt::Network::get_name($d) },
      qr/\ASys::Virt::Network::get_name: argument 'net' is a Sys::Virt::Domain object, not a Sys::Virt::Network object at / ],
    [ 'a Network as a NetworkPort', sub { Sys::Virt::NetworkPort::delete($n) },
      qr/\ASys::Virt::NetworkPort::delete: argument 'port' is a Sys::Virt::Network object, not a Sys::Virt::NetworkPort object at / ],
    [ 'a connection as the network of a port lookup', sub { Sys::Virt::NetworkPort->_new(network => $c, uuid => 'x' x 16) },
      qr/\ASys::Virt::NetworkPort::_lookup_by_uuid: argument 'net' is a Sys::Virt object, not a Sys::Virt::Network object at / ],
    [ 'forged address of a real network', sub { (bless \(my $x = $$n), 'Sys::Virt::Network')->destroy },
      qr/\ASys::Virt::Network::destroy: argument 'net' is not a Sys::Virt::Network object at / ],
    [ 'undef as a network to destroy', sub { Sys::Virt::Network::destroy(undef) },
      qr/\ASys::Virt::Network::destroy: argument 'net' is not a Sys::Virt::Network object at / ],
    [ 'class method on Network', sub { Sys::Virt::Network->get_bridge_name },
      qr/\ASys::Virt::Network::get_bridge_name: argument 'net' is not a Sys::Virt::Network object at / ],
    [ 'a NodeDevice as an Interface', sub { Sys::Virt::Interface::get_name($nd) },
      qr/\ASys::Virt::Interface::get_name: argument 'iface' is a Sys::Virt::NodeDevice object, not a Sys::Virt::Interface object at / ],
    [ 'an Interface as a NodeDevice', sub { Sys::Virt::NodeDevice::destroy($if) },
      qr/\ASys::Virt::NodeDevice::destroy: argument 'dev' is a Sys::Virt::Interface object, not a Sys::Virt::NodeDevice object at / ],
    [ 'an Interface as a Secret', sub { Sys::Virt::Secret::get_value($if) },
      qr/\ASys::Virt::Secret::get_value: argument 'sec' is a Sys::Virt::Interface object, not a Sys::Virt::Secret object at / ],
    [ 'a NodeDevice as an NWFilter', sub { Sys::Virt::NWFilter::undefine($nd) },
      qr/\ASys::Virt::NWFilter::undefine: argument 'filter' is a Sys::Virt::NodeDevice object, not a Sys::Virt::NWFilter object at / ],
    [ 'a Domain as an NWFilterBinding', sub { Sys::Virt::NWFilterBinding::delete($d) },
      qr/\ASys::Virt::NWFilterBinding::delete: argument 'binding' is a Sys::Virt::Domain object, not a Sys::Virt::NWFilterBinding object at / ],
    [ 'a NodeDevice as the connection of an interface lookup', sub { Sys::Virt::Interface->_new(connection => $nd, name => 'eth1') },
      qr/\ASys::Virt::Interface::_lookup_by_name: argument 'con' is a Sys::Virt::NodeDevice object, not a Sys::Virt object at / ],
    [ 'forged address of a real node device', sub { (bless \(my $x = $$nd), 'Sys::Virt::NodeDevice')->destroy },
      qr/\ASys::Virt::NodeDevice::destroy: argument 'dev' is not a Sys::Virt::NodeDevice object at / ],
    [ 'forged address of a real interface', sub { (bless \(my $x = $$if), 'Sys::Virt::Interface')->destroy },
      qr/\ASys::Virt::Interface::destroy: argument 'iface' is not a Sys::Virt::Interface object at / ],
    [ 'forged secret', sub { (bless \(my $x = 1), 'Sys::Virt::Secret')->set_value('x') },
      qr/\ASys::Virt::Secret::set_value: argument 'sec' is not a Sys::Virt::Secret object at / ],
    [ 'undef as a node device to destroy', sub { Sys::Virt::NodeDevice::destroy(undef) },
      qr/\ASys::Virt::NodeDevice::destroy: argument 'dev' is not a Sys::Virt::NodeDevice object at / ],
    [ 'undef as an interface to destroy', sub { Sys::Virt::Interface::destroy(undef) },
      qr/\ASys::Virt::Interface::destroy: argument 'iface' is not a Sys::Virt::Interface object at / ],
    [ 'class method on NWFilterBinding', sub { Sys::Virt::NWFilterBinding->get_filter_name },
      qr/\ASys::Virt::NWFilterBinding::get_filter_name: argument 'binding' is not a Sys::Virt::NWFilterBinding object at / ],
    [ 'forged 0', sub { (bless \(my $x = 0), $SNAP)->get_name }, $NOT_SNAP ],
    [ 'forged 1', sub { (bless \(my $x = 1), $SNAP)->get_name }, $NOT_SNAP ],
    [ 'forged 12345', sub { (bless \(my $x = 12345), $SNAP)->get_name }, $NOT_SNAP ],
    [ 'forged -1', sub { (bless \(my $x = -1), $SNAP)->get_name }, $NOT_SNAP ],
    [ 'forged string', sub { (bless \(my $x = 'obj1'), $SNAP)->get_name }, $NOT_SNAP ],
    [ 'forged undef', sub { (bless \(my $x), $SNAP)->get_name }, $NOT_SNAP ],
    [ 'forged address of a real snapshot', sub { (bless \(my $x = $$s), $SNAP)->get_name }, $NOT_SNAP ],
    [ 'forged address of a real snapshot, other calls', sub { (bless \(my $x = $$s), $SNAP)->delete(SS('DELETE_CHILDREN')) },
      qr/\ASys::Virt::DomainSnapshot::delete: argument 'domss' is not a Sys::Virt::DomainSnapshot object at / ],
    [ 'forged address of a real domain', sub { (bless \(my $x = $$d), $DOMC)->destroy },
      qr/\ASys::Virt::Domain::destroy: argument 'dom' is not a Sys::Virt::Domain object at / ],
    [ 'forged address of a domain as a snapshot', sub { (bless \(my $x = $$d), $SNAP)->get_name }, $NOT_SNAP ],
    [ 'forged address of a real connection', sub { (bless \(my $x = $$c), 'Sys::Virt')->get_uri },
      qr/\ASys::Virt::get_uri: argument 'con' is not a Sys::Virt object at / ],
    [ 'unblessed scalar ref', sub { Sys::Virt::DomainSnapshot::get_name(\(my $x = $$s)) }, $NOT_SNAP ],
    [ 'unblessed ref to the real scalar', sub { my $x = $s; Sys::Virt::DomainSnapshot::get_name(\$x) }, $NOT_SNAP ],
    [ 'array ref', sub { Sys::Virt::DomainSnapshot::get_name([]) }, $NOT_SNAP ],
    [ 'hash ref', sub { Sys::Virt::DomainSnapshot::get_name({}) }, $NOT_SNAP ],
    [ 'code ref', sub { Sys::Virt::DomainSnapshot::get_name(sub { 1 }) }, $NOT_SNAP ],
    [ 'glob ref', sub { Sys::Virt::DomainSnapshot::get_name(\*STDOUT) }, $NOT_SNAP ],
    [ 'blessed hash', sub { (bless {}, $SNAP)->get_name }, $NOT_SNAP ],
    [ 'blessed array', sub { (bless [], $SNAP)->get_name }, $NOT_SNAP ],
    [ 'blessed code', sub { (bless sub { 1 }, $SNAP)->get_name }, $NOT_SNAP ],
    [ 'undef', sub { Sys::Virt::DomainSnapshot::get_name(undef) }, $NOT_SNAP ],
    [ 'plain string', sub { Sys::Virt::DomainSnapshot::get_name('obj1') }, $NOT_SNAP ],
    [ 'plain number (the address)', sub { Sys::Virt::DomainSnapshot::get_name($$s) }, $NOT_SNAP ],
    [ 'class method', sub { Sys::Virt::DomainSnapshot->get_name }, $NOT_SNAP ],
    [ 'class method on Domain', sub { Sys::Virt::Domain->get_state },
      qr/\ASys::Virt::Domain::get_state: argument 'dom' is not a Sys::Virt::Domain object at / ],
    [ 'class method on Sys::Virt', sub { Sys::Virt->get_uri },
      qr/\ASys::Virt::get_uri: argument 'con' is not a Sys::Virt object at / ],
    [ 'class method list_child_snapshots', sub { Sys::Virt::DomainSnapshot->list_child_snapshots },
      qr/\ASys::Virt::DomainSnapshot::list_all_children: argument 'domss' is not a Sys::Virt::DomainSnapshot object at / ],
    [ 'a StoragePool as a StorageVol', sub { Sys::Virt::StorageVol::get_path($pool) },
      qr/\ASys::Virt::StorageVol::get_path: argument 'vol' is a Sys::Virt::StoragePool object, not a Sys::Virt::StorageVol object at / ],
    [ 'a StorageVol as a StoragePool', sub { Sys::Virt::StoragePool::get_info($vol) },
      qr/\ASys::Virt::StoragePool::get_info: argument 'pool' is a Sys::Virt::StorageVol object, not a Sys::Virt::StoragePool object at / ],
    [ 'a forged StoragePool destroyed', sub { Sys::Virt::StoragePool::destroy(bless \(my $x = $$pool), 'Sys::Virt::StoragePool') },
      qr/\ASys::Virt::StoragePool::destroy: argument 'pool' is not a Sys::Virt::StoragePool object at / ],
    [ 'a string destroyed as a StoragePool', sub { Sys::Virt::StoragePool::destroy('default-pool') },
      qr/\ASys::Virt::StoragePool::destroy: argument 'pool' is not a Sys::Virt::StoragePool object at / ],
    [ 'a forged StorageVol', sub { Sys::Virt::StorageVol::delete(bless \(my $x = $$vol), 'Sys::Virt::StorageVol') },
      qr/\ASys::Virt::StorageVol::delete: argument 'vol' is not a Sys::Virt::StorageVol object at / ],
    [ 'Storable::dclone of a volume', sub { require Storable; Storable::dclone($vol) },
      qr/\ASys::Virt::StorageVol objects hold live libvirt handles and cannot be serialized at / ],
    [ 'no invocant', sub { Sys::Virt::DomainSnapshot::get_name() },
      qr/\AUsage: Sys::Virt::DomainSnapshot::get_name\(domss\) at / ],
    [ 'Storable::dclone of a snapshot', sub { require Storable; Storable::dclone($s)->get_name },
      qr/\ASys::Virt::DomainSnapshot objects hold live libvirt handles and cannot be serialized at / ],
    [ 'Storable::freeze of a domain', sub { require Storable; Storable::freeze([$d]) },
      qr/\ASys::Virt::Domain objects hold live libvirt handles and cannot be serialized at / ],
    [ 'a Data::Dumper copy of a snapshot', sub {
          require Data::Dumper;
          my $copy = eval(Data::Dumper::Dumper($s) =~ s/\A\$VAR1 = //r) or die "eval: $@";
          ref $copy eq $SNAP or die 'not a copy';
          $copy->get_name;
      }, $NOT_SNAP ],
);

my %crashed;
for my $case (@refused) {
    my ($label, $code, $re) = @$case;
    my ($status, $out) = in_child(sub {
        my $ok = eval { $code->(); 1 };
        return 'NO ERROR' if $ok;
        return ref($@) ? 'REF ' . ref($@) : "CROAK $@";
    });
    child_status_ok($status, "$label: no crash", $out) or $crashed{$label} = 1;
    like($out, qr/\ACROAK /, "$label: croaks with a message");
    (my $msg = $out) =~ s/\ACROAK //;
    like($msg, $re, "$label: message");
}

# The same in this process (those that did not crash the child), then the
# real objects still work: nothing was freed or changed by the refused calls
# or by the forged objects' DESTROY.
for my $case (@refused) {
    my ($label, $code, $re) = @$case;
    eval { $code->() } unless $crashed{$label};
}
is($s->get_name, 'obj1', 'the real snapshot works after the refused calls');
like($s->get_xml_description, qr{<name>obj1</name>}, 'and talks to libvirt');
is($d->get_name, 'test', 'the real domain works');
ok($d->is_active, 'the forged destroy did not stop the domain');
is($c->get_uri, TEST_URI, 'the real connection works');
is($vol->get_path, '/default-pool/obj.img', 'the real volume works');
ok($pool->is_active, 'the forged destroy did not stop the pool');
ok($n->is_active, 'the forged destroy did not stop the network');
is($nd->get_parent, 'computer', 'the real node device works');
ok($if->is_active, 'the forged destroy did not stop the interface');
same_names([$d->list_snapshot_names], [qw(obj1 obj2)], 'no snapshot was deleted by a forged object');

# Forged objects freed, DESTROY called on them by hand: the real ones live on.
{
    my ($status, $out) = in_child(sub {
        for (1 .. 3) {
            my $f = bless \(my $x = $$s), $SNAP;
            $f->DESTROY;
            Sys::Virt::DomainSnapshot::DESTROY($f);
            my $g = bless \(my $y = $$d), $DOMC;
            my $h = bless \(my $z = $$c), 'Sys::Virt';
            Sys::Virt::DESTROY($h);
        }
        Sys::Virt::DomainSnapshot::DESTROY(undef);
        Sys::Virt::DomainSnapshot::DESTROY('text');
        Sys::Virt::DomainSnapshot::DESTROY([]);
        Sys::Virt::Domain::DESTROY({});
        require Data::Dumper;
        my $clone = eval(Data::Dumper::Dumper($s) =~ s/\A\$VAR1 = //r);
        ref $clone eq $SNAP or die 'no copy';
        undef $clone;
        return join ',', $s->get_name, $d->get_name, $c->get_uri, $s->num_of_child_snapshots;
    });
    child_status_ok($status, 'forged and cloned objects freed: no crash', $out);
    is($out, 'obj1,test,' . TEST_URI . ',1', 'real objects still work after forged ones were destroyed');
}

# A real object reached through get-magic (a tied scalar, a tied array
# element) is that object.
{
    package Holder;
    sub TIESCALAR { my ($class, $v) = @_; return bless { v => $v }, $class }
    sub FETCH { return $_[0]{v} }
}
{
    # Each tie is used for the first time by the call under test: a FETCH
    # made earlier would leave its value behind in the scalar.
    tie my $tm, 'Holder', $s;
    is($tm->get_name, 'obj1', 'method call on a tied scalar holding a snapshot');
    tie my $tn, 'Holder', 'obj1';
    is($d->get_snapshot_by_name($tn)->get_name, 'obj1', 'a tied scalar as a string argument');
    tie my $tf, 'Holder', SS('LIST_ROOTS');
    is($d->num_of_snapshots($tf), 1, 'a tied scalar as flags');
    tie my $ts, 'Holder', $s;
    my ($status, $out) = in_child(sub {
        my $r = eval { Sys::Virt::DomainSnapshot::get_name($ts) };
        return defined $r ? $r : "ERR $@";
    });
    child_status_ok($status, 'a tied scalar holding a snapshot as a plain argument: no crash', $out);
    is($out, 'obj1', 'Sys::Virt::DomainSnapshot::get_name($tied) reads the object the tie holds');
    tie my $td, 'Holder', $d;
    is(eval { Sys::Virt::Domain::num_of_snapshots($td) }, 2, 'Sys::Virt::Domain::num_of_snapshots($tied)');
    tie my @ta, 'Tie::StdArray';
    @ta = ($s);
    is(eval { Sys::Virt::DomainSnapshot::get_name($ta[0]) }, 'obj1', 'an element of a tied array holding a snapshot');
}

# ---------------------------------------------------------------------------
# DESTROY called explicitly: it is empty, the handle goes with the object's
# last reference, so the object stays usable.
# ---------------------------------------------------------------------------

{
    my ($status, $out) = in_child(sub {
        my @r;
        my $x = $d->get_snapshot_by_name('obj1');
        $x->DESTROY;
        push @r, eval { $x->get_name } // "error: $@";
        $x->DESTROY;    # twice is harmless
        push @r, eval { $x->get_xml_description; 'xml' } // "error: $@";
        my $y = $c->get_domain_by_name('test');
        $y->DESTROY;
        push @r, eval { $y->get_name } // "error: $@";
        my $z = conn();
        $z->DESTROY;
        push @r, eval { $z->get_uri } // "error: $@";
        undef $x;
        undef $y;
        undef $z;
        push @r, $s->get_name, $d->get_name, $c->get_uri;
        return join '|', @r;
    });
    child_status_ok($status, 'explicit DESTROY: no crash', $out);
    is_deeply([split /\|/, $out], ['obj1', 'xml', 'test', TEST_URI, 'obj1', 'test', TEST_URI],
              'objects stay usable after an explicit DESTROY, and so do the others');
    ok(!Sys::Virt::DomainSnapshot->can('DESTROY') || !B::svref_2object(\&Sys::Virt::DomainSnapshot::DESTROY)->XSUB,
       'DESTROY is a Perl sub (empty, so perl skips it)');
}
{
    # DESTROY of an object some other object depends on.
    my $dd = $c->get_domain_by_name('test');
    my $ss = $dd->get_snapshot_by_name('obj2');
    $dd->DESTROY;
    is($ss->get_parent->get_name, 'obj1', 'a snapshot outlives an explicit DESTROY of its domain object');
    my $cc = conn();
    my $d3 = $cc->get_domain_by_name('test');
    $cc->DESTROY;
    is($d3->get_name, 'test', 'a domain outlives an explicit DESTROY of its connection object');
    is($d3->num_of_snapshots, 2, 'and still reaches libvirt');
    my $nn = $c->get_network_by_name('default');
    $nn->DESTROY;
    is($nn->get_bridge_name, 'virbr0', 'a network stays usable after an explicit DESTROY');
    my $nd2 = $c->get_node_device_by_name('scsi_host2');
    $nd2->DESTROY;
    is($nd2->get_parent, 'computer', 'a node device stays usable after an explicit DESTROY');
    my $ii = $c->get_interface_by_name('eth1');
    $ii->DESTROY;
    is($ii->get_mac, 'aa:bb:cc:dd:ee:ff', 'an interface stays usable after an explicit DESTROY');
}

# ---------------------------------------------------------------------------
# Subclasses
# ---------------------------------------------------------------------------

{
    package My::Domain;
    our @ISA = ('Sys::Virt::Domain');
    sub label { my $self = shift; return 'domain ' . $self->get_name }
    package My::Snapshot;
    our @ISA = ('Sys::Virt::DomainSnapshot');
    sub label { my $self = shift; return 'snapshot ' . $self->get_name }
}
{
    my $md = My::Domain->_new(connection => $c, name => 'test');
    is(ref $md, 'My::Domain', 'subclass: _new blesses into it');
    isa_ok($md, 'Sys::Virt::Domain');
    is($md->label, 'domain test', 'subclass: own method');
    is($md->get_uuid_string, TEST_UUID, 'subclass: inherited XSUB');
    is($md->num_of_snapshots, 2, 'subclass: snapshot count');
    same_names([names($md->list_snapshots)], [qw(obj1 obj2)], 'subclass: list_snapshots (Perl wrapper)');
    my $ms = My::Snapshot->_new(domain => $md, name => 'obj1');
    is(ref $ms, 'My::Snapshot', 'snapshot subclass: _new');
    is($ms->label, 'snapshot obj1', 'snapshot subclass: own method');
    is($ms->num_of_child_snapshots, 1, 'snapshot subclass: inherited XSUB');
    is(ref(($ms->list_child_snapshots)[0]), 'Sys::Virt::DomainSnapshot', 'objects made by XSUBs are of the base class');
    my $rb = $d->get_snapshot_by_name('obj2');
    bless $rb, 'My::Snapshot';
    is($rb->label, 'snapshot obj2', 'a real object reblessed into a subclass works');
    is(My::Domain->_new(connection => $c, id => $d->get_id)->label, 'domain test', 'subclass: _new(id)');
    my $nc = My::Domain->_new(connection => $c, uuid => TEST_UUID);
    is($nc->label, 'domain test', 'subclass: _new(uuid)');
}

# ---------------------------------------------------------------------------
# ithreads
# ---------------------------------------------------------------------------

SKIP: {
    skip "this perl ($^X) is built without ithreads", 2 unless $Config{useithreads};
    my ($status, $out) = perl_child(<<'PERL');
use strict;
use warnings;
use threads;
use Sys::Virt;
my $c = Sys::Virt->new(uri => 'test:///default');
my $d = $c->get_domain_by_name('test');
my $s = $d->create_snapshot('<domainsnapshot><name>t1</name></domainsnapshot>');
my @out;
my $thr = threads->create(sub {
    my @r = ($c->get_uri, $d->get_name, $s->get_name, $s->is_current);
    my $t = $d->create_snapshot('<domainsnapshot><name>t2</name></domainsnapshot>');
    push @r, $t->get_parent->get_name;
    undef $t;
    # objects freed inside the thread
    undef $s;
    undef $d;
    undef $c;
    return join ',', @r;
});
push @out, 'parent during: ' . join(',', $c->get_uri, $s->get_name);
push @out, 'thread: ' . $thr->join;
push @out, 'parent after: ' . join(',', $c->get_uri, $d->get_name, $s->get_name, sort $d->list_snapshot_names);
my @thr = map { my $i = $_; threads->create(sub { $s->get_name . $i . $d->num_of_snapshots }) } 1 .. 3;
push @out, 'three threads: ' . join(',', map { $_->join } @thr);
# a thread left running objects to its own global destruction
threads->create(sub { our $keep = [$c, $d, $s]; 1 })->join;
push @out, ($s->get_xml_description =~ /<name>t1<\/name>/) ? 'last: ok' : 'last: bad';
print "$_\n" for @out;
PERL
    child_status_ok($status, 'ithreads: objects shared with threads, program exits with 0', $out);
    is($out, join('', map { "$_\n" }
                  'parent during: test:///default,t1',
                  'thread: test:///default,test,t1,1,t1',
                  'parent after: test:///default,test,t1,t1,t2',
                  'three threads: t112,t122,t132',
                  'last: ok'),
       'ithreads: every call answered in the threads and in the parent');
}

# ---------------------------------------------------------------------------
# Sys::Virt::Error
# ---------------------------------------------------------------------------

{
    eval { $d->get_snapshot_by_name('nosuch') };
    my $e = $@;
    is(ref $e, 'Sys::Virt::Error', 'error class');
    is($e->level, ERRC('LEVEL_ERROR'), '->level');
    is($e->code, ERRC('ERR_NO_DOMAIN_SNAPSHOT'), '->code');
    is($e->domain, ERRC('FROM_TEST'), '->domain');
    like($e->message, qr/no domain snapshot with matching name 'nosuch'/, '->message');
    is($e->stringify, 'libvirt error code: ' . $e->code . ', message: ' . $e->message . "\n", '->stringify');
    is("$e", $e->stringify, 'string form');
    my @w;
    local $SIG{__WARN__} = sub { push @w, @_ };
    my $r = eval { [ ($e eq '') ? 1 : 0, ($e ne '') ? 1 : 0, ($e eq $e->stringify) ? 1 : 0, ($e == $e) ? 1 : 0, $e ? 1 : 0 ] };
    is($@, '', 'eq, ne, == and boolean tests on an error do not die');
    is_deeply($r, [0, 1, 1, 1, 1], 'eq "" false, ne "" true, eq its string, == itself, true');
    ok(eval { my $x = ($@ eq '') ? 'empty' : 'set'; 1 }, '$@ eq "" after a successful eval');
    my $copy = bless { %$e }, 'Sys::Virt::Error';
    is("$copy", "$e", 'a copy stringifies the same');
    my $nomsg = bless { level => 2, code => 1, domain => 0, message => undef }, 'Sys::Virt::Error';
    is("$nomsg", "libvirt error code: 1, message: \n", 'an error without a message');
    my $nl = bless { level => 2, code => 1, domain => 0, message => "ends here\n" }, 'Sys::Virt::Error';
    is("$nl", "libvirt error code: 1, message: ends here\n", 'a message that ends with a newline gets no second one');
    # die with an error object propagates it unchanged
    eval { eval { $c->get_domain_by_name('nosuch') }; die $@ };
    is(ref $@, 'Sys::Virt::Error', 'rethrown error stays an object');
    is($@->code, ERRC('ERR_NO_DOMAIN'), 'rethrown error keeps its code');
}

done_testing();
