# A representative run of the module for valgrind's memcheck (see
# xt/valgrind.t): every method of Sys::Virt, Sys::Virt::Domain,
# Sys::Virt::DomainSnapshot, Sys::Virt::Network (whose ports and leases
# the test driver lacks), node devices and host interfaces (the test
# driver has no secrets or network filters) with good arguments, the failures (libvirt
# errors, our argument checks, dying tied arguments, forged and destroyed
# objects), objects crossing an ithread, a fork, and objects left to
# global destruction. It prints "workload done" when it got to the end.

use strict;
use warnings;

use Config;
use Sys::Virt;

die "loaded $INC{'Sys/Virt.pm'}\n" unless $INC{'Sys/Virt.pm'} =~ m{blib/lib/Sys/Virt\.pm\z};

my $URI = 'test:///default';
my $rounds = $ENV{WORKLOAD_ROUNDS} || 3;

sub snap_xml { return "<domainsnapshot><name>$_[0]</name></domainsnapshot>" }
sub dom_xml {
    return "<domain type='test'><name>$_[0]</name><memory>1024</memory>"
         . "<os><type>hvm</type></os></domain>";
}

sub fails(&) {
    my ($code) = @_;
    return eval { $code->(); 1 } ? die("expected a failure\n") : $@;
}

package Dying {
    sub TIESCALAR { bless {}, shift }
    sub FETCH { die "dying tie\n" }
}

for my $round (1 .. $rounds) {
    # ---- Sys::Virt
    my $con = Sys::Virt->new(uri => $URI);
    my $ro = Sys::Virt->new(uri => $URI, readonly => 1);
    my $auth = Sys::Virt->new(uri => $URI, auth => 1, credlist => [Sys::Virt::CRED_AUTHNAME()], callback => sub { 0 });
    my @info = ($con->get_uri, $con->get_type, $con->get_hostname, $con->get_version,
                $con->get_library_version, $con->get_major_version, $con->get_minor_version,
                $con->get_micro_version, Sys::Virt->get_version, $con->get_max_vcpus,
                $con->is_alive, $con->is_secure, $con->is_encrypted, $con->get_capabilities,
                $con->num_of_domains, $con->num_of_defined_domains);
    my $node = $con->get_node_info;
    my @ids = $con->list_domain_ids;
    my @some = $con->list_domain_ids(1);
    my @names = $con->list_defined_domain_names;
    my @all = $con->list_all_domains;
    my @doms = $con->list_domains;
    my @defs = $con->list_defined_domains;

    # ---- Sys::Virt::Domain
    my $dom = $con->get_domain_by_name('test');
    my $by_id = $con->get_domain_by_id($dom->get_id);
    my $by_uuid = $con->get_domain_by_uuid($dom->get_uuid_string);
    my $by_raw = $con->get_domain_by_uuid($dom->get_uuid);
    my $own = $con->define_domain(dom_xml("vg-$round"));
    $own->create;
    my @dinfo = ($own->get_name, $own->get_id, $own->get_uuid, $own->get_uuid_string,
                 $own->get_os_type, $own->get_xml_description, $own->get_xml_description(1),
                 $own->is_active, $own->is_persistent, $own->is_updated, $own->get_autostart,
                 $own->get_max_memory, $own->get_max_vcpus, $own->num_of_snapshots,
                 $own->has_current_snapshot);
    my $dinfo = $own->get_info;
    my @state = $own->get_state;
    $own->set_autostart(1);
    $own->suspend;
    $own->resume;

    # ---- snapshots: root -> a -> a1, root -> b
    my $root = $own->create_snapshot(snap_xml('root'));
    my $a = $own->create_snapshot(snap_xml('a'));
    my $a1 = Sys::Virt::DomainSnapshot->_new(domain => $own, xml => snap_xml('a1'));
    $root->revert_to;
    my $b = $own->create_snapshot(snap_xml('b'));
    my @snames = ($own->list_snapshot_names, $own->list_snapshot_names(2), $own->list_snapshot_names(0));
    my @snaps = ($own->list_all_snapshots, $own->list_snapshots);
    my $cur = $own->current_snapshot;
    my $look = $own->get_snapshot_by_name('a1');
    my $look2 = Sys::Virt::DomainSnapshot->_new(domain => $own, name => 'a');
    my @sinfo = ($a1->get_name, $a1->get_xml_description, $a1->is_current, $a1->has_metadata,
                 $root->num_of_child_snapshots);
    fails { $root->get_parent };
    my $parent = $a1->get_parent;
    my @kids = ($root->list_child_snapshot_names, $root->list_child_snapshot_names(1),
                $root->list_all_children, $root->list_child_snapshots);
    $b->delete;
    $a->delete(Sys::Virt::DomainSnapshot::DELETE_CHILDREN());

    # ---- networks
    my $def = $con->get_network_by_name('default');
    my @ninfo = ($def->get_name, $def->get_uuid, $def->get_uuid_string, $def->get_xml_description,
                 $def->get_bridge_name, $def->is_active, $def->is_persistent, $def->get_autostart,
                 $con->num_of_networks, $con->num_of_defined_networks, $con->list_network_names,
                 $con->list_network_names(0), $con->list_defined_network_names(1));
    my $net = $con->define_network("<network><name>vg-net-$round</name><bridge name='vgbr$round'/>"
        . "<ip address='10.9.$round.1' prefix='24'><dhcp><range start='10.9.$round.2' end='10.9.$round.9'/></dhcp></ip></network>");
    my @nets = ($con->list_all_networks, $con->list_all_networks(Sys::Virt::Network::LIST_INACTIVE()),
                $con->list_networks, $con->list_defined_networks,
                $con->get_network_by_uuid($net->get_uuid), $con->get_network_by_uuid($net->get_uuid_string),
                Sys::Virt::Network->_new(connection => $con, name => "vg-net-$round"));
    $net->create;
    $net->update(Sys::Virt::Network::UPDATE_COMMAND_ADD_LAST(), Sys::Virt::Network::SECTION_IP_DHCP_HOST(), -1,
                 "<host mac='52:54:00:00:$round:01' ip='10.9.$round.5'/>");
    $net->set_autostart(1);
    fails { $net->get_dhcp_leases('52:54:00:00:00:01') };
    fails { $net->list_all_ports };
    fails { $net->create_port('<networkport/>') };
    fails { $net->get_port_by_uuid($net->get_uuid) };
    fails { $net->update(0, 0, 2**31, '') };
    fails { Sys::Virt::Network::destroy(undef) };
    $net->destroy;
    $net->undefine;
    fails { $net->is_active };
    my $tnet = $con->create_network("<network><name>vg-tnet-$round</name><bridge name='vgtbr$round'/></network>");
    $tnet->destroy;
    fails { $tnet->get_xml_description };

    # ---- typed parameters and statistics
    $own->set_memory_parameters({ hard_limit => 4_000_000_000, soft_limit => '9007199254740993' });
    $own->set_blkio_parameters({ weight => 300, device_weight => '/dev/sda,100' });
    $dom->set_block_iotune('vda', { total_bytes_sec => 10, total_bytes_sec_max => 20, group_name => "g\x{263a}" });
    $own->set_perf_events({ cmt => 1 });
    my @tp = ($own->get_scheduler_type, $own->get_scheduler_parameters, $own->get_memory_parameters,
              $own->get_blkio_parameters, $own->get_numa_parameters, $own->get_perf_events,
              $dom->get_block_iotune('vda'), $dom->block_stats('vda'), $own->memory_stats,
              $dom->get_interface_parameters('testnet0'), $dom->interface_stats('testnet0'),
              $own->get_cpu_stats(-1, 1), $own->get_cpu_stats(0, 0), $con->get_node_cpu_stats,
              $con->get_all_domain_stats(0), $con->get_all_domain_stats(0, [$own, $dom]));
    my @tp_errors = (
        fails { $own->set_memory_parameters({ hard_limit => 'lots' }) },
        fails { $own->set_blkio_parameters({ weight => 1, device_weight => [] }) },
        fails { $own->set_memory_parameters({ bogus => 1 }) },
        fails { $con->set_identity({ 'user-name' => 'x', 'unix-user-id' => 1 }) },
        fails { $con->get_all_domain_stats(0, [$own, 12345]) },
        fails { $own->get_guest_info },
        fails { my %h = (hard_limit => 0); tie $h{hard_limit}, 'Dying'; $own->set_memory_parameters(\%h) },
    );

    # ---- failures
    my @errors = (
        fails { $con->get_domain_by_name('no-such-domain') },
        fails { $own->get_snapshot_by_name('no-such-snapshot') },
        fails { $a1->get_xml_description },                        # deleted above
        fails { $own->get_xml_description(2**31) },
        fails { $con->define_domain('<domain') },
        fails { $own->create_snapshot('<domainsnapshot>' . ('x' x 100_000)) },
        fails { $ro->define_domain(dom_xml('ro')) },
        fails { Sys::Virt->new(uri => 'no/such/driver') },
        fails { $own->get_xml_description(-1) },
        fails { $own->get_xml_description('abc') },
        fails { $own->get_xml_description([]) },
        fails { $own->list_snapshot_names(-1) },
        fails { $con->get_domain_by_name("a\0b") },
        fails { my $s = "a\xff"; utf8::decode($s) or Encode::_utf8_on($s); $con->get_domain_by_name($s) },
        fails { Sys::Virt::Domain::get_name(bless \(my $x = 12345), 'Sys::Virt::Domain') },
        fails { Sys::Virt::Domain::get_name(bless \(my $x = ${$dom}), 'Sys::Virt::Domain') },
        fails { Sys::Virt::Domain::get_name($con) },
        fails { Sys::Virt::Domain::get_name() },
        fails { Sys::Virt::get_uri('Sys::Virt') },
        fails { tie my $f, 'Dying'; $own->get_xml_description($f) },
    );
    # DESTROY is empty: called by hand, it leaves the object whole.
    { my $d = $con->get_domain_by_name('test'); $d->DESTROY; $d->get_name eq 'test' or die "DESTROY by hand broke the object\n" }
    my $text = join '', map { "$_" } @errors;

    # ---- node devices: the tree, a vHBA made and destroyed
    my @devs = ($con->list_all_node_devices, $con->list_node_devices, $con->list_node_devices('scsi_host'));
    my @devnames = ($con->list_node_device_names(undef), $con->list_node_device_names('scsi_host', 1),
                    $con->num_of_node_devices(undef), scalar($con->list_node_devices));
    my $host = $con->get_node_device_by_name('scsi_host1');
    my @dev = ($host->get_name, $host->get_parent, $host->get_xml_description, $host->list_capabilities,
               $con->get_node_device_by_name('computer')->get_parent);
    my $vhba = $con->create_node_device("<device><parent>scsi_host1</parent><capability type='scsi_host'>"
        . "<capability type='fc_host'><wwnn>2000000012345678</wwnn><wwpn>1000000012345678</wwpn></capability></capability></device>");
    $vhba->destroy;
    fails { $vhba->get_xml_description };
    fails { $host->dettach(undef, 0) };
    fails { Sys::Virt::NodeDevice::destroy(undef) };

    # ---- host interfaces: define, start, stop, undefine, a transaction
    my @ifs = ($con->list_all_interfaces, $con->list_interfaces, $con->list_defined_interfaces,
               $con->list_interface_names, $con->list_defined_interface_names(5), $con->num_of_interfaces);
    my $eth1 = $con->get_interface_by_mac('aa:bb:cc:dd:ee:ff');
    my @ifinfo = ($eth1->get_name, $eth1->get_mac, $eth1->get_xml_description, $eth1->is_active);
    $con->interface_change_begin;
    my $ifc = $con->define_interface("<interface type='ethernet' name='vg$round'><mac address='52:54:00:00:99:01'/></interface>");
    $ifc->create;
    $ifc->destroy;
    $ifc->undefine;
    $con->interface_change_commit;
    fails { $ifc->is_active };
    fails { $con->get_secret_by_uuid('too short') };
    fails { $con->num_of_secrets };

    # ---- a transient domain, destroyed; a domain undefined under its object
    my $tr = $con->create_domain(dom_xml("vg-tr-$round"));
    $tr->destroy;
    fails { $tr->get_info };
    $own->destroy;
    $own->undefine(Sys::Virt::Domain::UNDEFINE_SNAPSHOTS_METADATA());
    fails { $own->get_info };
}

# ---- objects across an ithread
if ($Config{useithreads} && !$ENV{WORKLOAD_NO_THREADS}) {
    require threads;
    my $con = Sys::Virt->new(uri => $URI);
    my $dom = $con->get_domain_by_name('test');
    my $snap = $dom->create_snapshot(snap_xml('thread'));
    my @t = map {
        threads->create(sub {
            my $d = $con->get_domain_by_name('test');
            my @s = $dom->list_all_snapshots;
            return ($d, $snap->get_name, scalar @s);
        });
    } 1 .. 2;
    my @back = map { [$_->join] } @t;
    $_->[0]->get_name for @back;
    $snap->delete;
}

# ---- a fork; the child leaves through normal global destruction
{
    my $con = Sys::Virt->new(uri => $URI);
    my $dom = $con->get_domain_by_name('test');
    my $pid = fork;
    die "fork: $!" unless defined $pid;
    if ($pid == 0) {
        my @s = $dom->list_all_snapshots;
        my $d = $con->get_domain_by_name('test');
        exit 0;
    }
    waitpid $pid, 0;
    die "child exit $?\n" if $?;
    $dom->get_name;
}

# ---- left to global destruction
our $g_con = Sys::Virt->new(uri => $URI);
our $g_dom = $g_con->get_domain_by_name('test');
our %cycle = (dom => $g_dom);
$cycle{self} = \%cycle;
our $g_err = eval { $g_con->get_domain_by_name('nope'); 1 } ? undef : $@;

print "workload done\n";
