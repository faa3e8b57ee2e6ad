package Sys::Virt::Domain;

use strict;
use warnings;

sub _new {
    my ($proto, %params) = @_;
    my $class = ref($proto) || $proto;
    my $con = exists $params{connection} ? $params{connection}
        : die "connection parameter is required";
    my $self;
    if (exists $params{name}) {
        $self = _lookup_by_name($con, $params{name});
    } elsif (exists $params{id}) {
        $self = _lookup_by_id($con, $params{id});
    } elsif (exists $params{uuid}) {
        my $len = length $params{uuid};
        if ($len == 16) {
            $self = _lookup_by_uuid($con, $params{uuid});
        } elsif ($len == 32 || $len == 36) {
            $self = _lookup_by_uuid_string($con, $params{uuid});
        } else {
            die "UUID must be either 16 unsigned bytes, or 32/36 hex characters long";
        }
    } elsif (exists $params{xml}) {
        $self = $params{nocreate} ? _define_xml($con, $params{xml}, $params{flags})
            : exists $params{fds}  ? _create_with_files($con, $params{xml}, $params{fds}, $params{flags})
            :                        _create($con, $params{xml}, $params{flags});
    } else {
        die "address, id or uuid parameters are required";
    }
    return bless $self, $class;
}

sub list_snapshots {
    my $self = shift;
    my @snapshots = $self->list_all_snapshots;
    return @snapshots;
}

# Migration: the hash form goes straight to the XSUBs; the older
# positional forms become the same hash of MIGRATE_PARAM_* fields.
my $migrate_params = sub {
    my (%given) = @_;
    my %params;
    for my $field (sort keys %given) {
        $params{$field} = $given{$field} if defined $given{$field};
    }
    return \%params;
};

# ($dest, \%params, $flags) or ($dest, $flags, $dname, $uri, $bandwidth)
my $migrate_either = sub {
    my ($self, $xsub, $dest, @rest) = @_;
    if (ref $rest[0] && ref $rest[0] eq 'HASH') {
        my ($params, $flags) = @rest;
        return $self->$xsub($dest, $params, $flags);
    }
    my ($flags, $dname, $uri, $bandwidth) = @rest;
    return $self->$xsub($dest, $migrate_params->(
        MIGRATE_PARAM_DEST_NAME() => $dname,
        MIGRATE_PARAM_URI()       => $uri,
        MIGRATE_PARAM_BANDWIDTH() => $bandwidth), $flags);
};

sub migrate {
    my ($self, @args) = @_;
    return $self->$migrate_either('_migrate', @args);
}

sub migrate_to_uri {
    my ($self, @args) = @_;
    return $self->$migrate_either('_migrate_to_uri', @args);
}

sub migrate2 {
    my ($self, $destcon, $dxml, $flags, $dname, $uri, $bandwidth) = @_;
    return $self->_migrate($destcon, $migrate_params->(
        MIGRATE_PARAM_DEST_XML()  => $dxml,
        MIGRATE_PARAM_DEST_NAME() => $dname,
        MIGRATE_PARAM_URI()       => $uri,
        MIGRATE_PARAM_BANDWIDTH() => $bandwidth), $flags);
}

# The arguments as documented: the destination's libvirt URI, then the
# hypervisor's own migration URI.
sub migrate_to_uri2 {
    my ($self, $dconnuri, $miguri, $dxml, $flags, $dname, $bandwidth) = @_;
    return $self->_migrate_to_uri($dconnuri, $migrate_params->(
        MIGRATE_PARAM_URI()       => $miguri,
        MIGRATE_PARAM_DEST_XML()  => $dxml,
        MIGRATE_PARAM_DEST_NAME() => $dname,
        MIGRATE_PARAM_BANDWIDTH() => $bandwidth), $flags);
}

1;

__END__

=head1 NAME

Sys::Virt::Domain - a virtual machine managed by libvirt

=head1 SYNOPSIS

  use Sys::Virt;

  my $conn = Sys::Virt->new(uri => 'test:///default');
  my $dom = $conn->get_domain_by_name('test');

  my $info = $dom->get_info;
  printf "%s: %d vCPUs, %d of %d KiB\n", $dom->get_name,
      $info->{nrVirtCpu}, $info->{memory}, $info->{maxMem};

  $dom->suspend;
  $dom->resume;

  my $snap = $dom->create_snapshot(
      '<domainsnapshot><name>before-update</name></domainsnapshot>');

=head1 DESCRIPTION

A C<Sys::Virt::Domain> object stands for one domain (a virtual machine
or container) of a connection. Objects are never made directly: they
come from the lookup, listing and creation methods of L<Sys::Virt>. Two
objects for the same domain are different Perl objects; compare their
UUIDs to tell whether they are the same domain.

Every method throws a L<Sys::Virt::Error> when libvirt refuses it, and
croaks with a plain message when an argument is unusable (see
L<Sys::Virt/ARGUMENTS>). Flags arguments are optional and default to 0.

=head1 METHODS

=head2 Identity

=over 4

=item my $name = $dom->get_name();

Returns the domain's name, unique among the domains of its connection.

=item my $id = $dom->get_id();

Returns the domain's numeric ID, which the hypervisor gives it while it
runs, or -1 when it is not running.

=item my $uuid = $dom->get_uuid();

Returns the domain's UUID as a string of 16 raw bytes.

=item my $uuid = $dom->get_uuid_string();

Returns the domain's UUID in the usual printable form,
C<xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx>.

=item my $type = $dom->get_os_type();

Returns the kind of operating system the domain runs: C<hvm> for a full
virtual machine, C<linux> for a paravirtualized Xen guest, C<exe> for a
container.

=item my $xml = $dom->get_xml_description($flags);

Returns the domain's XML description. C<$flags> takes the C<XML_*>
constants: C<XML_INACTIVE> describes the configuration used at the next
boot rather than the running one, and C<XML_SECURE> includes passwords
and other secrets (refused on a read-only connection).

=back

=head2 State

=over 4

=item my $info = $dom->get_info();

Returns a hash reference with C<state> (one of the L</Domain states>),
C<maxMem> and C<memory> (the most memory the domain may have and what it
has now, in KiB), C<nrVirtCpu> (the number of virtual CPUs) and
C<cpuTime> (CPU time used, in nanoseconds).

=item my ($state, $reason) = $dom->get_state($flags);

Returns the domain's state (one of the L</Domain states>) and the reason
it is in it (one of the L</State reasons> of that state). C<$flags> must
be 0.

  use Sys::Virt;

  my $conn = Sys::Virt->new(uri => 'test:///default');
  my $dom = $conn->get_domain_by_name('test');
  my ($state, $reason) = $dom->get_state;
  if ($state == Sys::Virt::Domain::STATE_PAUSED
      && $reason == Sys::Virt::Domain::STATE_PAUSED_USER) {
      print "someone paused it\n";
  }

=item my $bool = $dom->is_active();

True while the domain runs (paused counts as running).

=item my $bool = $dom->is_persistent();

True when the domain has a configuration that outlives it; false for a
transient domain, which disappears when it stops.

=item my $bool = $dom->is_updated();

True when the persistent configuration was changed since the domain
started, so that the next boot will differ from the running domain.

=item my $kib = $dom->get_max_memory();

Returns the most memory the domain may be given, in KiB.

=item my $count = $dom->get_max_vcpus();

Returns the most virtual CPUs the running domain may use, or -1 when the
driver cannot tell (some drivers only know for a running domain).

=item my $bool = $dom->get_autostart();

True when the domain starts automatically with the host.

=item $dom->set_autostart($bool);

Sets whether the domain starts automatically with the host. Only
persistent domains can. C<$bool> is read with Perl's idea of truth, so
C<''> and C<0> turn autostart off and C<'yes'> turns it on (the C module
reads it as an integer, which turns C<'yes'> into 0).

=back

=head2 Lifecycle

=over 4

=item $dom->create($flags);

Starts a defined domain that is not running. C<$flags> takes the
C<START_*> constants, for example C<START_PAUSED> to leave its CPUs
stopped.

=item $dom->shutdown($flags);

Asks the guest to shut down and returns at once: the guest may take its
time, or ignore the request. C<$flags> takes the C<SHUTDOWN_*> constants
to choose how it is asked.

=item $dom->reboot($flags);

Asks the guest to reboot, like C<shutdown> with the C<REBOOT_*>
constants.

=item $dom->destroy($flags);

Stops the domain at once, like pulling the power cord. A transient
domain disappears; a persistent one stays defined. C<$flags> takes the
C<DESTROY_*> constants.

=item $dom->suspend();

Pauses the domain's CPUs. It keeps its memory and other resources.

=item $dom->resume();

Lets a paused domain run again.

=item $dom->undefine($flags);

Removes a persistent domain's configuration. A running domain goes on
running, as a transient domain, until it stops. C<$flags> takes the
C<UNDEFINE_*> constants; a domain with snapshots cannot be undefined
without C<UNDEFINE_SNAPSHOTS_METADATA> on drivers that keep snapshot
records.

  use Sys::Virt;

  my $conn = Sys::Virt->new(uri => 'test:///default');
  my $dom = $conn->get_domain_by_name('test');
  $dom->shutdown;
  # the test driver shuts down at once; a real guest may need a while
  $dom->destroy if $dom->is_active;
  $dom->create;
  $dom->suspend;
  $dom->resume;

=back

=head2 Devices

Devices are given as the XML of one element of the domain's
C<< <devices> >> section (a C<< <disk> >>, C<< <interface> >> ...).
C<$flags> takes the L</Device changes> constants (C<DEVICE_MODIFY_LIVE>,
C<DEVICE_MODIFY_CONFIG> ...) to say whether the running domain, its
persistent configuration, or both change; 0 (the default) means the
running domain.

=over 4

=item $dom->attach_device($xml, $flags);

Adds the device described by C<$xml>.

  use Sys::Virt;

  my $conn = Sys::Virt->new(uri => 'qemu:///system');
  my $dom = $conn->get_domain_by_name('guest');
  my $disk = "<disk type='file' device='disk'><driver name='qemu' type='raw'/>"
           . "<source file='/var/lib/libvirt/images/extra.img'/>"
           . "<target dev='vdb' bus='virtio'/></disk>";
  $dom->attach_device($disk, Sys::Virt::Domain::DEVICE_MODIFY_LIVE);
  # ... later
  $dom->detach_device($disk, Sys::Virt::Domain::DEVICE_MODIFY_LIVE);

=item $dom->detach_device($xml, $flags);

Removes the device that C<$xml> describes (its target or address is
enough to find it). For a running domain the guest may take a while to
let the device go.

=item $dom->detach_device_alias($alias, $flags);

Removes the device whose C<< <alias name='...'/> >> is C<$alias>.

=item $dom->update_device($xml, $flags);

Changes a device in place: for example the medium of a CD-ROM drive or
the link state of an interface.

=back

=head2 Virtual CPUs and I/O threads

CPU maps (C<$mask>, C<affinity>) are byte strings with one bit per host
CPU, 8 CPUs per byte, CPU 0 in the lowest bit of the first byte. Make one
with C<vec($mask, $cpu, 1) = 1> and read one with
C<unpack('b*', $mask)>.

=over 4

=item my @vcpus = $dom->get_vcpu_info($flags);

Returns one hash reference per virtual CPU, with C<number>, C<state> (one
of the C<VCPU_*> states of L</Virtual CPUs>), C<cpu> (the host CPU it
runs on), C<cpuTime> (nanoseconds used) and C<affinity> (the host CPUs it
may run on, as a CPU map as long as the host's largest possible map).
With C<$flags> of 0 and a running domain, every field is filled in; when
the domain is not running, or C<$flags> names a configuration
(C<AFFECT_CONFIG> ...), only C<number> and C<affinity> are, and
C<state>, C<cpu> and C<cpuTime> are 0.

=item my $count = $dom->get_vcpus($flags);

Returns the number of virtual CPUs; C<$flags> takes the C<VCPU_*>
constants (C<VCPU_MAXIMUM> for the most the domain may have,
C<VCPU_CONFIG> for its configuration, C<VCPU_GUEST> for what the guest
sees).

=item $dom->set_vcpus($count, $flags);

Sets the number of virtual CPUs; C<$flags> as for C<get_vcpus>. With
C<$flags> of 0 the running domain changes.

=item $dom->set_vcpu($cpulist, $state, $flags);

Switches the virtual CPUs in C<$cpulist> (a string such as C<"1-3,^2">)
on (C<$state> 1) or off (0), in the domain or its configuration as
C<$flags> (L</Scope of changes>) says.

=item $dom->set_guest_vcpus($cpulist, $state, $flags);

Asks the guest agent to take the guest CPUs in C<$cpulist> online
(C<$state> 1) or offline (0).

=item $dom->pin_vcpu($vcpu, $mask, $flags);

Lets virtual CPU C<$vcpu> run only on the host CPUs in the CPU map
C<$mask>. C<$flags> takes L</Scope of changes>; with 0, the running
domain changes.

=item $dom->pin_emulator($mask, $flags);

Lets the domain's emulator threads run only on the host CPUs in
C<$mask>.

=item my $mask = $dom->get_emulator_pin_info($flags);

Returns the CPU map of the host CPUs the emulator threads may run on.

=item my @threads = $dom->get_iothread_info($flags);

Returns one hash reference per I/O thread, with C<number> (its ID) and
C<affinity> (its CPU map).

=item $dom->add_iothread($id, $flags);

Adds an I/O thread with the ID C<$id>.

=item $dom->del_iothread($id, $flags);

Removes the I/O thread C<$id>.

=item $dom->pin_iothread($id, $mask, $flags);

Lets I/O thread C<$id> run only on the host CPUs in C<$mask>.

=back

=head2 Memory of the guest

Sizes are in KiB.

=over 4

=item $dom->set_memory($kib, $flags);

Sets the memory the domain has (its balloon). C<$flags> takes the
C<MEM_*> constants of L</Memory> (C<MEM_MAXIMUM> to set the maximum
instead, C<MEM_CONFIG> for the configuration); with 0, the running
domain changes.

=item $dom->set_max_memory($kib);

Sets the most memory the domain may be given. Most drivers only allow
this while the domain is not running.

=item my $bytes = $dom->memory_peek($offset, $size, $flags);

Returns C<$size> bytes of the guest's memory from address C<$offset>, as
a byte string. C<$flags> must say which addresses are meant:
C<MEMORY_VIRTUAL> or C<MEMORY_PHYSICAL>. At most 4 MiB can be read at
once.

=item $dom->start_dirty_rate_calc($seconds, $flags);

Starts measuring how fast the guest writes to its memory, over
C<$seconds>; C<$flags> takes the C<DIRTYRATE_MODE_*> constants of
L</Dirty page rate>. The result comes with the domain's statistics.

=back

=head2 Block devices

Disks are named by their target (C<vda>) or by the path of their source.

=over 4

=item my $info = $dom->get_block_info($disk, $flags);

Returns a hash reference with the disk's C<capacity> (the size the guest
sees), C<allocation> (what is in use on the host) and C<physical> (the
size of the file or device holding it), in bytes.

=item my @errors = $dom->get_disk_errors($flags);

Returns one hash reference per disk that has an error, with C<path> (its
target) and C<error> (one of the C<DISK_ERROR_*> constants of
L</Disk errors>).

=item my $bytes = $dom->block_peek($disk, $offset, $size, $flags);

Returns C<$size> bytes of the disk from byte C<$offset>, as a byte string.
At most 4 MiB can be read at once. C<$flags> must be 0.

=item $dom->block_resize($disk, $size, $flags);

Makes the disk C<$size> KiB big, or C<$size> bytes with the flag
C<BLOCK_RESIZE_BYTES>.

=item $dom->set_block_threshold($disk, $bytes, $flags);

Asks for a C<EVENT_ID_BLOCK_THRESHOLD> event when the disk's host
allocation passes C<$bytes>; 0 removes the threshold. C<$disk> may name
one layer of a backing chain (C<vda[1]>).

=back

=head2 Guest agent calls

These calls are answered by the guest agent running inside the guest
(for QEMU, the qemu-guest-agent and a C<< <channel> >> for it). When
the guest has the channel but no agent answers, they fail with
C<Sys::Virt::Error::ERR_AGENT_UNRESPONSIVE>.

=over 4

=item my $time = $dom->get_time($flags);

Returns an array reference: the guest's clock in seconds since the epoch
and the nanoseconds on top.

=item $dom->set_time($seconds, $nanoseconds, $flags);

Sets the guest's clock. With C<$flags> C<TIME_SYNC> the guest resyncs
from its hardware clock instead, and the time given is ignored.

=item my $name = $dom->get_hostname($flags);

Returns the guest's host name.

=item my @filesystems = $dom->get_fs_info($flags);

Returns one hash reference per mounted file system, with C<mountpoint>,
C<name> (the device in the guest), C<fstype> and C<devalias> (an array
reference of the domain's disk targets it is on).

=item $dom->fs_freeze(\@mountpoints, $flags);

Freezes the file systems mounted at the paths in C<@mountpoints> (all of
them when the array is empty), for example before a disk snapshot.
Every element must be a string.

=item $dom->fs_thaw(\@mountpoints, $flags);

Thaws frozen file systems, as C<fs_freeze> chooses them.

=item $dom->fs_trim($mountpoint, $minimum, $flags);

Discards unused blocks of the file system at C<$mountpoint>, in free
ranges of at least C<$minimum> bytes.

=item my @interfaces = $dom->get_interface_addresses($source, $flags);

Returns one hash reference per network interface, with C<name>,
C<hwaddr> (left out when unknown) and C<addrs>, an array reference of
hash references with C<type> (C<Sys::Virt::IP_ADDR_TYPE_IPV4> or
C<_IPV6>), C<addr> and C<prefix>. C<$source> says where the addresses
come from: one of the C<INTERFACE_ADDRESSES_SRC_*> constants (the DHCP
leases, the guest agent, or the host's ARP table).

=item my @keys = $dom->authorized_ssh_keys_get($user, $flags);

Returns the lines of the user's C<authorized_keys> file in the guest.

=item $dom->authorized_ssh_keys_set($user, \@keys, $flags);

Replaces the user's authorized keys with C<@keys>, or with the flag
C<AUTHORIZED_SSH_KEYS_SET_APPEND> adds them, or with
C<AUTHORIZED_SSH_KEYS_SET_REMOVE> removes them.

=item $dom->set_user_password($user, $password, $flags);

Sets the password of a guest user; with the flag C<PASSWORD_ENCRYPTED>,
C<$password> is already encrypted.

=item $dom->set_agent_response_timeout($seconds, $flags);

Sets how long libvirt waits for the agent: a number of seconds, or one
of C<AGENT_RESPONSE_TIMEOUT_BLOCK>, C<_DEFAULT> and C<_NOWAIT>.

=back

=head2 Control and power

=over 4

=item my $info = $dom->get_control_info($flags);

Returns a hash reference telling whether libvirt can talk to the
hypervisor about this domain: C<state> (one of the C<CONTROL_*>
constants of L</Control interface>), C<details> (for C<CONTROL_ERROR>,
why), and C<stateTime> (milliseconds spent in the state, for states
other than C<CONTROL_OK>).

=item $dom->send_key($codeset, $holdtime, \@keycodes, $flags);

Presses the keys C<@keycodes> together, holds them for C<$holdtime>
milliseconds and releases them. C<$codeset> is one of the
C<KEYCODE_SET_*> constants of L</Key codes>; libvirt takes up to 16
keys. Every element must be a number from 0 to 2**32-1.

  # Ctrl-Alt-Delete
  $dom->send_key(Sys::Virt::Domain::KEYCODE_SET_LINUX, 100, [29, 56, 111]);

=item $dom->send_process_signal($pid, $signal, $flags);

Sends a signal (one of the C<PROCESS_SIGNAL_*> constants of
L</Process signals>) to process C<$pid> of the guest (for containers).

=item $dom->inject_nmi($flags);

Sends a non-maskable interrupt to the guest.

=item $dom->reset($flags);

Resets the guest at once, like its reset button, without shutting
anything down.

=item $dom->pm_suspend_for_duration($target, $seconds, $flags);

Asks the guest to suspend itself, to memory, disk or both (C<$target> is
one of the C<Sys::Virt::NODE_SUSPEND_TARGET_*> constants), for
C<$seconds> (0: until woken).

=item $dom->pm_wakeup($flags);

Wakes a guest suspended to memory.

=item $dom->set_lifecycle_action($type, $action, $flags);

Chooses what happens when the guest powers off, reboots or crashes
(C<$type>: a C<LIFECYCLE_*> constant) with C<$action> (a
C<LIFECYCLE_ACTION_*> constant) of L</Lifecycle actions>.

=item $dom->rename($newname, $flags);

Gives a domain that is not running a new name.

=back

=head2 Metadata, security labels and messages

=over 4

=item my $text = $dom->get_metadata($type, $uri, $flags);

Returns the domain's title, description (C<$type> C<METADATA_TITLE> or
C<METADATA_DESCRIPTION>) or, for C<METADATA_ELEMENT>, the application's
own XML element in the namespace C<$uri> (which is otherwise undef, and
may be left out). Metadata that is not set is an error
(C<Sys::Virt::Error::ERR_NO_DOMAIN_METADATA>). C<$flags> takes L</Scope of changes>.

=item $dom->set_metadata($type, $value, $key, $uri, $flags);

Sets (or, with C<$value> undef, removes) the metadata of C<$type>. For
C<METADATA_ELEMENT>, C<$value> is an XML element, stored in namespace
C<$uri> with the prefix C<$key>; otherwise C<$key> and C<$uri> are undef
and may be left out.

  use Sys::Virt;

  my $conn = Sys::Virt->new(uri => 'test:///default');
  my $dom = $conn->get_domain_by_name('test');
  $dom->set_metadata(Sys::Virt::Domain::METADATA_ELEMENT,
                     '<owner>alice</owner>', 'app', 'http://example.org/app/');
  print $dom->get_metadata(Sys::Virt::Domain::METADATA_ELEMENT,
                           'http://example.org/app/'), "\n";

=item my $label = $dom->get_security_label();

Returns a hash reference with the C<label> of the domain's process under
the host's first security driver and whether it is C<enforcing> (1 or 0).

=item my @labels = $dom->get_security_label_list();

Returns such a hash reference for each security driver.

=item my @messages = $dom->get_messages($flags);

Returns the warnings libvirt keeps about the domain, as strings: tainting
and deprecated features, as C<$flags> (C<MESSAGE_*> of L</Messages>)
choose; 0 means all.

=back

=head2 Snapshots

A snapshot records the state of the domain's disks, and of its memory
when the domain runs, so that the domain can be brought back to it
later. Snapshots form a tree: each new snapshot becomes a child of the
current snapshot, and the new one becomes current. The snapshot objects
returned here are described in L<Sys::Virt::DomainSnapshot>, whose
C<LIST_*> and C<CREATE_*> constants the flags arguments take.

=over 4

=item my $snap = $dom->create_snapshot($xml, $flags);

Takes a snapshot and returns it. C<$xml> is a C<< <domainsnapshot> >>
document; it may be as short as C<< <domainsnapshot/> >>, which lets
libvirt choose the name (the creation time, in seconds), or give a
C<< <name> >>, a C<< <description> >>, and per-disk settings. C<$flags>
takes the C<Sys::Virt::DomainSnapshot::CREATE_*> constants.

=item my $snap = $dom->get_snapshot_by_name($name, $flags);

Returns the snapshot called C<$name>, or throws a L<Sys::Virt::Error>
with code C<Sys::Virt::Error::ERR_NO_DOMAIN_SNAPSHOT>. C<$flags> must be
0.

=item my $snap = $dom->current_snapshot($flags);

Returns the current snapshot: the last one taken or reverted to. Throws
a L<Sys::Virt::Error> (C<ERR_NO_DOMAIN_SNAPSHOT>) when there is none.
C<$flags> must be 0.

=item my $bool = $dom->has_current_snapshot($flags);

True when the domain has a current snapshot. C<$flags> must be 0.

=item my $count = $dom->num_of_snapshots($flags);

Returns how many snapshots the domain has, or how many match the
C<Sys::Virt::DomainSnapshot::LIST_*> filters in C<$flags>.

=item my @snaps = $dom->list_all_snapshots($flags);

Returns an object for each snapshot, or for each one matching the
C<LIST_*> filters in C<$flags>. With C<LIST_ROOTS> only the snapshots
without a parent are returned; with C<LIST_TOPOLOGICAL> parents come
before their children.

=item my @snaps = $dom->list_snapshots();

Returns an object for each snapshot of the domain, like
C<list_all_snapshots> without flags.

=item my @names = $dom->list_snapshot_names($maxnames, $flags);

Returns the names of the domain's snapshots (filtered by the C<LIST_*>
flags in C<$flags>), at most C<$maxnames> of them. C<$maxnames> may be
left out or undef to get all of them; it must not be negative. Unlike
the C module, the list is never longer than C<$maxnames> (see
L<Sys::Virt/DIFFERENCES FROM THE C MODULE>). Prefer
C<list_all_snapshots>, which cannot miss a snapshot created between
counting and listing.

  use Sys::Virt;
  use Sys::Virt::DomainSnapshot;

  my $conn = Sys::Virt->new(uri => 'test:///default');
  my $dom = $conn->get_domain_by_name('test');
  $dom->create_snapshot("<domainsnapshot><name>$_</name></domainsnapshot>")
      for qw(base update);

  for my $snap ($dom->list_all_snapshots(
          Sys::Virt::DomainSnapshot::LIST_TOPOLOGICAL)) {
      printf "%s%s\n", $snap->get_name, $snap->is_current ? ' (current)' : '';
  }
  my @first = $dom->list_snapshot_names(1);    # one name at most

=back

=head2 Checkpoints

A checkpoint marks the moment from which the hypervisor tracks the
blocks written to a running domain's disks, so that an incremental
backup (C<backup_begin>) can copy only those. The objects returned are
described in L<Sys::Virt::DomainCheckpoint>, whose constants the flags
arguments take.

=over 4

=item my $chkp = $dom->create_checkpoint($xml, $flags);

Makes a checkpoint and returns it. C<$xml> is a
C<< <domaincheckpoint> >> document (C<< <domaincheckpoint/> >> lets
libvirt choose the name and cover every disk that can carry a bitmap,
which for QEMU means qcow2 images). C<$flags> takes the
C<Sys::Virt::DomainCheckpoint::CREATE_*> constants.

=item my $chkp = $dom->get_checkpoint_by_name($name, $flags);

Returns the checkpoint called C<$name>, or throws a L<Sys::Virt::Error>
with code C<Sys::Virt::Error::ERR_NO_DOMAIN_CHECKPOINT>. C<$flags> must
be 0.

=item my @chkps = $dom->list_all_checkpoints($flags);

Returns an object for each checkpoint of the domain, or for each one
matching the C<Sys::Virt::DomainCheckpoint::LIST_*> filters in
C<$flags>.

=back

=head2 Saving and core dumps

Saving stops a running domain and writes its memory and device state to
a file, from which L<C<restore_domain>|Sys::Virt/Restoring domains> brings it back exactly
where it was. A managed save does the same into a file libvirt chooses
and keeps, and the domain's next C<create> resumes from it. The
C<Sys::Virt::Domain::SAVE_*> constants are the flags.

=over 4

=item $dom->save($file, $dxml, \%params, $flags);

Saves the domain into C<$file> and stops it. C<$dxml>, when given, is a
domain XML to store in the image instead of the current one (it may only
change what the guest cannot notice, such as the description or host
paths of disks). C<\%params> is an alternative way of giving both: a
hash with the keys C<Sys::Virt::Domain::SAVE_PARAM_FILE> and
C<SAVE_PARAM_DXML>; given one, libvirt's C<virDomainSaveParams> is used.
A C<$file> or C<$dxml> argument takes the place of the hash's field of
the same name; the hash itself is never changed, and keys libvirt does
not know are ignored. Either C<$file> or C<\%params> is required; the
call croaks without both. C<$flags> takes C<SAVE_BYPASS_CACHE>,
C<SAVE_RUNNING> and C<SAVE_PAUSED> (the state the domain is restored
in). Returns nothing.

  $dom->save('/var/lib/libvirt/save/web.img');
  $dom->save(undef, undef, { Sys::Virt::Domain::SAVE_PARAM_FILE() => '/srv/web.img' },
             Sys::Virt::Domain::SAVE_PAUSED);

=item $dom->managed_save($flags);

Saves the domain into libvirt's managed save image and stops it; the
next C<create> resumes from the image and removes it. C<$flags> takes
C<SAVE_BYPASS_CACHE>, C<SAVE_RUNNING> and C<SAVE_PAUSED>.

=item my $has = $dom->has_managed_save_image($flags);

Returns 1 when the domain has a managed save image, 0 otherwise.
C<$flags> must be 0.

=item $dom->managed_save_remove($flags);

Deletes the managed save image, so that the next start boots afresh.
C<$flags> must be 0.

=item my $xml = $dom->managed_save_get_xml_description($flags);

Returns the domain XML stored in the managed save image.
C<SAVE_IMAGE_XML_SECURE> in C<$flags> includes secrets.

=item $dom->managed_save_define_xml($xml, $flags);

Replaces the domain XML stored in the managed save image (with the same
limits as C<$dxml> for C<save>). C<$flags> may be C<SAVE_RUNNING> or
C<SAVE_PAUSED> to change the state the domain resumes in.

=item $dom->core_dump($file, $flags);

Writes the guest's memory to C<$file> for debugging; the domain keeps
running unless C<$flags> has C<DUMP_CRASH>. With C<DUMP_MEMORY_ONLY> the
file is an ELF core of the guest's memory (what C<crash> and C<gdb>
read); without it, QEMU writes its own migration stream. The other
C<DUMP_*> flags are C<DUMP_LIVE>, C<DUMP_BYPASS_CACHE> and C<DUMP_RESET>.

=item $dom->core_dump_format($file, $format, $flags);

Like C<core_dump>, in the format C<$format>, one of the
C<CORE_DUMP_FORMAT_*> constants: C<RAW> is ELF, the C<KDUMP_*> formats
are makedumpfile's compressed format (QEMU writes its flattened variant;
they need C<DUMP_MEMORY_ONLY>, and QEMU may lack the LZO and Snappy
ones), C<WIN_DMP> a Windows crash dump of a Windows guest.

=back

=head2 Jobs and backups

A domain runs at most one background job at a time: a migration, a
save, a core dump or a backup. These calls watch and stop it, and start
backups.

=over 4

=item my $info = $dom->get_job_info();

Returns a hash reference describing the current job: C<type> (one of
the C<JOB_*> type constants; C<JOB_NONE> when no job runs),
C<timeElapsed> and C<timeRemaining> (milliseconds), and the totals,
amounts processed and amounts remaining of the job's data, memory and
files: C<dataTotal>, C<dataProcessed>, C<dataRemaining>, C<memTotal>,
C<memProcessed>, C<memRemaining>, C<fileTotal>, C<fileProcessed>,
C<fileRemaining> (bytes).

=item my ($type, $stats) = $dom->get_job_stats($flags);

Returns the current job's type (a C<JOB_*> type constant, as a number)
and a hash reference of its statistics, keyed by the C<JOB_*> field
names (C<JOB_TIME_ELAPSED>, C<JOB_DATA_PROCESSED>, C<JOB_OPERATION>,
...); which fields appear depends on the job and the driver. With
C<JOB_STATS_COMPLETED> in C<$flags> it describes the last job that
finished instead (its type is then C<JOB_COMPLETED>, C<JOB_FAILED> or
C<JOB_CANCELLED>), and C<JOB_STATS_KEEP_COMPLETED> keeps that record for
the next call.

=item $dom->abort_job($flags);

Stops the current job. C<$flags> may be C<DOMAIN_ABORT_JOB_POSTCOPY>, to
interrupt a migration in its post-copy phase.

=item $dom->backup_begin($backupxml, $checkpointxml, $flags);

Starts a backup job of the running domain's disks. C<$backupxml> is a
C<< <domainbackup> >> document: in C<push> mode libvirt writes each disk
into the C<< <target> >> given for it; in C<pull> mode it exports the
disks over NBD for another program to read. An incremental backup names
the checkpoint it starts from (C<< <incremental> >>). C<$checkpointxml>,
optional, is a C<< <domaincheckpoint> >> document for a checkpoint made
at the very moment the backup starts (see
L<Sys::Virt::DomainCheckpoint>), from which the next incremental backup
can start. C<$flags> may be C<BACKUP_BEGIN_REUSE_EXTERNAL>: the target
files exist already. The job runs on; follow it with C<get_job_stats>.

  $dom->backup_begin(q{
      <domainbackup mode='push'>
        <disks>
          <disk name='vda' type='file'>
            <driver type='qcow2'/><target file='/srv/backup/vda.qcow2'/>
          </disk>
        </disks>
      </domainbackup>},
      '<domaincheckpoint><name>nightly</name></domaincheckpoint>');

=item my $xml = $dom->backup_get_xml_description($flags);

Returns the C<< <domainbackup> >> document of the backup that is
running, with what libvirt filled in. Throws a L<Sys::Virt::Error> with
code C<ERR_NO_DOMAIN_BACKUP> when none runs. C<$flags> must be 0.

=back

=head2 Block jobs

A block job works on the chain of images behind one disk of a running
domain, while the guest keeps using it: pulling the data of backing
files into the top image, committing an overlay's data down into its
base, or copying the disk to a new image. A disk is named by its target
(C<vda>) or its source path. One job at a time runs on a disk; a pull or
a commit below the top ends by itself, while a copy and an active commit
(of the top image) keep mirroring the guest's writes once they have
caught up (C<cur> equals C<end>) until C<abort_block_job> ends them,
with C<BLOCK_JOB_ABORT_PIVOT> switching the disk to the new image.
Bandwidths are in MiB/s unless the C<*_BANDWIDTH_BYTES> flag of the
call says bytes/s; 0 means no limit.

=over 4

=item my $info = $dom->get_block_job_info($disk, $flags);

Returns a hash reference describing the job on C<$disk>: C<type> (a
C<BLOCK_JOB_TYPE_*> constant), C<bandwidth>, and the progress as C<cur>
out of C<end> (in units of the job's choosing). All four are 0 when no
job runs. C<BLOCK_JOB_INFO_BANDWIDTH_BYTES> in C<$flags> reports the
bandwidth in bytes/s.

=item $dom->set_block_job_speed($disk, $bandwidth, $flags);

Changes the bandwidth of the job on C<$disk>; C<$flags> may be
C<BLOCK_JOB_SPEED_BANDWIDTH_BYTES>.

=item $dom->abort_block_job($disk, $flags);

Ends the job on C<$disk>. With C<BLOCK_JOB_ABORT_PIVOT>, a copy or
active commit that has caught up switches the disk to its destination;
without it the disk stays on its current image. C<BLOCK_JOB_ABORT_ASYNC>
returns without waiting for the job to go.

=item $dom->block_pull($disk, $bandwidth, $flags);

Copies the data of every backing file into the top image of C<$disk>,
which then has no backing file. C<$flags> may be
C<BLOCK_PULL_BANDWIDTH_BYTES>.

=item $dom->block_rebase($disk, $base, $bandwidth, $flags);

Pulls the data of the backing files above C<$base> into the top image,
which then has C<$base> as its backing file; with C<$base> undef, every
backing file, as C<block_pull> does. C<$flags> takes the
C<BLOCK_REBASE_*> constants (C<BLOCK_REBASE_COPY> turns the call into a
copy to C<$base>, C<BLOCK_REBASE_SHALLOW>, C<BLOCK_REBASE_REUSE_EXT>,
C<BLOCK_REBASE_RELATIVE>, C<BLOCK_REBASE_BANDWIDTH_BYTES>, ...).

=item $dom->block_copy($disk, $destxml, \%params, $flags);

Copies C<$disk> to the destination described by C<$destxml>, a
C<< <disk> >> element as in the domain XML, and keeps the copy in step
with the guest's writes until the job is ended. C<\%params>, which may
be undef or empty, tunes the copy: C<BLOCK_COPY_BANDWIDTH> (bytes/s),
C<BLOCK_COPY_GRANULARITY> (the size of the blocks tracked, a power of
two) and C<BLOCK_COPY_BUF_SIZE> (bytes in flight); other keys are
ignored. C<$flags> takes the C<BLOCK_COPY_*> flags: C<SHALLOW> (copy the
top image only), C<REUSE_EXT>, C<TRANSIENT_JOB> (required for a
persistent domain on QEMU) and C<SYNCHRONOUS_WRITES>.

=item $dom->block_commit($disk, $base, $top, $bandwidth, $flags);

Merges the data of the images from C<$top> down to (not including)
C<$base> into C<$base>, and removes them from the chain. Undef C<$top>
means the top image, undef C<$base> the backing file of C<$top>.
Committing the top image needs C<BLOCK_COMMIT_ACTIVE> and then ends like
a copy, with a pivot. The other C<BLOCK_COMMIT_*> flags are C<SHALLOW>,
C<DELETE>, C<RELATIVE> and C<BANDWIDTH_BYTES>.

  # Fold an external snapshot's overlay back into its base.
  $dom->block_commit('vda', undef, undef, 0, Sys::Virt::Domain::BLOCK_COMMIT_ACTIVE);
  sleep 1 until do { my $i = $dom->get_block_job_info('vda'); $i->{end} && $i->{cur} == $i->{end} };
  $dom->abort_block_job('vda', Sys::Virt::Domain::BLOCK_JOB_ABORT_PIVOT);

=back

=head2 Migration

Migration moves a running domain to another host (another libvirt
daemon) with hardly a pause: its memory is copied while it runs, and
then it continues on the destination. Its disks must be reachable from
both hosts unless they are copied too (C<MIGRATE_NON_SHARED_DISK> and
C<MIGRATE_PARAM_MIGRATE_DISKS>). The C<MIGRATE_*> flags choose how:
C<MIGRATE_LIVE> keeps the guest running during the copy,
C<MIGRATE_PEER2PEER> lets the source daemon talk to the destination
itself, C<MIGRATE_PERSIST_DEST> and C<MIGRATE_UNDEFINE_SOURCE> move the
definition too, C<MIGRATE_UNSAFE> skips libvirt's safety checks of the
disk setup, and so on.

The parameters are a hash reference keyed by the C<MIGRATE_PARAM_*>
names, the same for every call: C<MIGRATE_PARAM_URI> (the hypervisor's
own migration address, such as C<tcp://192.0.2.7>),
C<MIGRATE_PARAM_DEST_NAME> (a new name), C<MIGRATE_PARAM_DEST_XML> (the
domain XML to use on the destination), C<MIGRATE_PARAM_PERSIST_XML>,
C<MIGRATE_PARAM_BANDWIDTH> (MiB/s), C<MIGRATE_PARAM_BANDWIDTH_POSTCOPY>
(bytes/s), C<MIGRATE_PARAM_GRAPHICS_URI>,
C<MIGRATE_PARAM_LISTEN_ADDRESS>, C<MIGRATE_PARAM_DISK_PORT>,
C<MIGRATE_PARAM_DISKS_URI>, C<MIGRATE_PARAM_COMPRESSION> and its
C<..._MT_LEVEL>, C<..._MT_THREADS>, C<..._MT_DTHREADS> and
C<..._XBZRLE_CACHE> tunings, C<MIGRATE_PARAM_AUTO_CONVERGE_INITIAL> and
C<..._INCREMENT>, C<MIGRATE_PARAM_PARALLEL_CONNECTIONS>,
C<MIGRATE_PARAM_TLS_DESTINATION>, and C<MIGRATE_PARAM_MIGRATE_DISKS>,
an array reference of the disks (targets such as C<vda>) to copy.
Numbers must be integers of the field's type; other keys are ignored.

=over 4

=item my $ddom = $dom->migrate($destcon, \%params, $flags);

Migrates the domain to the host that the connection C<$destcon> (a
L<Sys::Virt> object) talks to, and returns the domain there, a
L<Sys::Virt::Domain> of C<$destcon>.

  my $dest = Sys::Virt->new(uri => 'qemu+ssh://other.example/system');
  my $moved = $dom->migrate($dest,
      { Sys::Virt::Domain::MIGRATE_PARAM_BANDWIDTH() => 500 },
      Sys::Virt::Domain::MIGRATE_LIVE | Sys::Virt::Domain::MIGRATE_PERSIST_DEST);

=item my $ddom = $dom->migrate($destcon, $flags, $dname, $uri, $bandwidth);

The older form of the same: C<$dname>, C<$uri> and C<$bandwidth>, when
defined, are the C<DEST_NAME>, C<URI> and C<BANDWIDTH> parameters.

=item my $ddom = $dom->migrate2($destcon, $dxml, $flags, $dname, $uri, $bandwidth);

The same with a destination XML (the C<DEST_XML> parameter) as well.

=item $dom->migrate_to_uri($desturi, \%params, $flags);

Migrates the domain to the libvirt daemon at the URI C<$desturi> (with
C<MIGRATE_PEER2PEER>, which the source daemon then connects to), or
with C<MIGRATE_PARAM_URI> ... to the hypervisor itself, without a
libvirt daemon there. Returns nothing.

=item $dom->migrate_to_uri($desturi, $flags, $dname, $uri, $bandwidth);

The older form, with the parameters as for C<migrate>.

=item $dom->migrate_to_uri2($dconnuri, $miguri, $dxml, $flags, $dname, $bandwidth);

The same with both URIs: C<$dconnuri> is the destination daemon's
libvirt URI, C<$miguri> the migration address (the C<URI> parameter),
C<$dxml> the destination XML.

=item $dom->migrate_set_max_downtime($downtime, $flags);

Sets the longest pause, in milliseconds, that the end of a live
migration may cause; a longer one lets a busy guest's migration finish.
C<$flags> must be 0.

=item my $downtime = $dom->migrate_get_max_downtime($flags);

Returns that pause in milliseconds. C<$flags> must be 0.

=item $dom->migrate_set_max_speed($bandwidth, $flags);

Sets the bandwidth a migration of the domain may use, in MiB/s (0: no
limit), for a migration in progress or the next one. With
C<MIGRATE_MAX_SPEED_POSTCOPY> in C<$flags> it sets the bandwidth of the
post-copy phase instead.

=item my $bandwidth = $dom->migrate_get_max_speed($flags);

Returns that bandwidth in MiB/s (or, with C<MIGRATE_MAX_SPEED_POSTCOPY>,
the post-copy one).

=item $dom->migrate_set_compression_cache($cachesize, $flags);

Sets the size, in bytes, of the cache used by XBZRLE compression of a
migration (C<MIGRATE_COMPRESSED>). C<$flags> must be 0.

=item my $cachesize = $dom->migrate_get_compression_cache($flags);

Returns the size of that cache in bytes. C<$flags> must be 0.

=item $dom->migrate_start_post_copy($flags);

Switches a migration started with C<MIGRATE_POSTCOPY> to post-copy: the
guest runs on the destination at once, and the memory it has not got
yet is fetched from the source as it touches it. C<$flags> must be 0.

=back

=head2 Passing file descriptors

Open files can be handed to libvirt along with a call. C<\@fds> is an
array reference of Perl file handles or descriptor numbers; the
descriptors stay open and stay the caller's (libvirt works on copies).
A closed handle, a negative number or anything that is not a descriptor
croaks.

=over 4

=item $dom->create_with_files(\@fds, $flags);

Starts the defined domain, like C<create>, handing the open files to its
first process (the container's init, which finds them from descriptor 3
on). Only container drivers (LXC) and the test driver implement it.
C<$flags> takes the C<START_*> constants.

=item $dom->fd_associate($name, \@fds, $flags);

Hands the open files to the hypervisor under the name C<$name>, for the
domain's configuration to refer to (a disk C<< <source fdgroup='NAME'/> >>
on QEMU). They stay associated while the domain runs. C<$flags> takes
C<FD_ASSOCIATE_SECLABEL_RESTORE> and C<FD_ASSOCIATE_SECLABEL_WRITABLE>.

=back

=head2 Tuning

These methods read and change the resources a domain is given. The
getters return a hash reference of libvirt's typed parameters, field
name => value, whose fields depend on the driver and its version (the
constants in L</Memory>, L</Block I/O weights>, L</Block I/O
throttling>, L</Network bandwidth>, L</NUMA>, L</Scheduler> and
L</Performance events> name the common ones). Values keep their type:
integers come back as numbers (unsigned ones never negative, 64-bit ones
without loss), booleans as 1 or 0, strings as character strings.

The setters take a hash reference of the fields to change and leave the
others alone. Most learn which fields exist, and their types, by reading
the current parameters first: a key the driver does not report is
ignored, as it is by the C module. A value that does not suit its field
(a string or a fraction for an integer field, a number out of the
field's range, a reference, undef) croaks with a message naming the
method and the field, for example C<Sys::Virt::Domain::set_memory_parameters:
parameter 'hard_limit' must be an integer, not 'lots'>; nothing is sent
to libvirt then. C<$flags> takes the L</Scope of changes> constants
(C<AFFECT_LIVE>, C<AFFECT_CONFIG>) unless said otherwise.

=over 4

=item my $name = $dom->get_scheduler_type();

Returns the name of the host scheduler that runs the domain's CPUs, such
as C<posix> for QEMU or C<fair> for the test driver.

=item my $params = $dom->get_scheduler_parameters($flags);

Returns the scheduler's parameters, such as C<cpu_shares>,
C<vcpu_period> and C<vcpu_quota>. Without C<$flags> libvirt's older
call is used, which every driver has.

=item $dom->set_scheduler_parameters($params, $flags);

Changes scheduler parameters; the fields and their types are those
C<get_scheduler_parameters> reports.

  $dom->set_scheduler_parameters({ cpu_shares => 2048 },
      Sys::Virt::Domain::AFFECT_LIVE);

=item my $params = $dom->get_memory_parameters($flags);

Returns the memory limits: C<hard_limit>, C<soft_limit>,
C<swap_hard_limit> and C<min_guarantee>, in KiB. An unlimited value is
C<Sys::Virt::Domain::MEMORY_PARAM_UNLIMITED>.

=item $dom->set_memory_parameters($params, $flags);

Changes memory limits, for example C<< { hard_limit => 2 * 1024 * 1024 } >>.

=item my $params = $dom->get_blkio_parameters($flags);

Returns the block I/O weights: C<weight>, and per-device settings such
as C<device_weight>, which are strings of C</dev/path,value> pairs
separated by commas.

=item $dom->set_blkio_parameters($params, $flags);

Changes block I/O weights.

=item my $params = $dom->get_numa_parameters($flags);

Returns the NUMA memory policy: C<numa_mode> (a C<NUMATUNE_MEM_*>
constant) and C<numa_nodeset> (a set of host nodes such as C<0-1>).

=item $dom->set_numa_parameters($params, $flags);

Changes the NUMA memory policy.

=item my $params = $dom->get_interface_parameters($device, $flags);

Returns the bandwidth limits of the network interface C<$device> (its
target device name, such as C<vnet0>, or its MAC address):
C<inbound.average>, C<inbound.peak>, C<inbound.burst>, C<inbound.floor>
and the same for C<outbound>.

=item $dom->set_interface_parameters($device, $params, $flags);

Changes the bandwidth limits of C<$device>.

=item my $params = $dom->get_block_iotune($disk, $flags);

Returns the I/O throttling of the disk C<$disk> (its target, such as
C<vda>, or its source path): byte and operation rates such as
C<total_bytes_sec> and C<read_iops_sec>, their bursts, C<size_iops_sec>
and C<group_name>.

=item $dom->set_block_iotune($disk, $params, $flags);

Changes the I/O throttling of C<$disk>.

=item my $events = $dom->get_perf_events($flags);

Returns which performance events are being counted for the domain: a
hash of event name (the L</Performance events> constants) => 1 or 0.

=item $dom->set_perf_events($events, $flags);

Turns performance events on (1) or off (0).

=item $dom->set_iothread($iothread, $params, $flags);

Changes the polling and thread pool settings of the I/O thread numbered
C<$iothread>.
The fields are C<poll_max_ns> (unsigned 64-bit), C<poll_grow> and
C<poll_shrink> (unsigned 32-bit), C<thread_pool_min> and
C<thread_pool_max> (signed 32-bit); other keys are ignored.

=item my $info = $dom->get_launch_security_info($flags);

Returns what the hypervisor reports about the domain's memory
encryption, such as C<sev-measurement>, as a hash. C<$flags> must be 0.

=item $dom->set_launch_security_state($params, $flags);

Injects a launch secret into an AMD SEV guest. The fields are
C<sev-secret> and C<sev-secret-header> (base64 strings) and
C<sev-secret-set-address> (an unsigned 64-bit guest address); other keys
are ignored.

=back

=head2 Statistics

=over 4

=item my @cpus = $dom->get_cpu_stats($start_cpu, $ncpus, $flags);

Returns how much host CPU time the domain used, one hash reference per
host CPU from C<$start_cpu> on (C<cpu_time> and, for QEMU, C<vcpu_time>,
in nanoseconds). C<$ncpus> says how many CPUs, 0 meaning every CPU from
C<$start_cpu> on; asking for more CPUs than the host has gives one hash
per CPU it has. A C<$start_cpu> of -1 with C<$ncpus> 1 returns a single
hash of totals instead (C<cpu_time>, C<user_time>, C<system_time>); an
C<$ncpus> of 0 means 1 there, and any other libvirt refuses.

  my ($total) = $dom->get_cpu_stats(-1, 1);
  printf "%.1f s of CPU\n", $total->{cpu_time} / 1e9;

=item my $stats = $dom->block_stats($disk, $flags);

Returns the I/O counters of the disk C<$disk> (its target, such as
C<vda>, or its source path) as a hash: C<rd_req> and C<wr_req>
(operations), C<rd_bytes> and C<wr_bytes>, C<flush_reqs>, the times
spent (C<rd_total_times>, C<wr_total_times>, C<flush_total_times>, in
nanoseconds) and C<errs>, as far as the driver counts them. Drivers
without libvirt's typed call give the older five counters (C<rd_req>,
C<rd_bytes>, C<wr_req>, C<wr_bytes>, C<errs>) when C<$flags> is 0.

=item my $stats = $dom->interface_stats($device);

Returns the traffic counters of the network interface C<$device>:
C<rx_bytes>, C<rx_packets>, C<rx_errs>, C<rx_drop> and the same for
C<tx>. A counter the driver does not keep is -1.

=item my $stats = $dom->memory_stats($flags);

Returns the memory statistics the balloon driver reports, in KiB unless
said otherwise: C<swap_in>, C<swap_out>, C<major_fault>, C<minor_fault>
(counts), C<unused>, C<available>, C<actual_balloon>, C<rss>, C<usable>,
C<disk_caches>, C<last_update> (seconds since the epoch),
C<hugetlb_pgalloc> and C<hugetlb_pgfail> (counts). Only those the guest
reports are present. The C<MEMORY_STAT_*> constants in L</Memory> are
libvirt's tags for them.

=item $dom->set_memory_stats_period($seconds, $flags);

Sets how often, in seconds, the guest's balloon driver refreshes the
statistics C<memory_stats> returns; 0 stops the refreshing.

=item my $info = $dom->get_guest_info($types, $flags);

Asks the guest agent about the guest and returns a flat hash of what it
says, with keys such as C<os.id>, C<hostname>, C<user.count> or
C<fs.0.mountpoint>. C<$types> selects what to ask about with the
C<GUEST_INFO_*> constants (0, the default, asks about everything).
Without a responding agent libvirt's error is thrown
(C<Sys::Virt::Error::ERR_AGENT_UNRESPONSIVE>, or
C<ERR_OPERATION_INVALID> when no agent is configured).

=item my $vcpus = $dom->get_guest_vcpus($flags);

Asks the guest agent which of the guest's CPUs are online and returns a
hash with C<vcpus>, C<online> and C<offlinable>, each a CPU list such as
C<0-3>. C<$flags> must be 0. Needs a guest agent, like C<get_guest_info>.

=back

=head2 Consoles and screenshots

These connect a guest's devices to a L<Sys::Virt::Stream> (made with
L<C<new_stream>|Sys::Virt/Streams>), which is then read and written like any
stream, or to a socket.

=over 4

=item $dom->open_console($st, $devname, $flags);

Connects the stream C<$st> to a text console of the running domain: the
serial, parallel or paravirtualized console named C<$devname> (its
alias, such as C<serial0>), or the first console when C<$devname> is
undef. What the guest writes there can be received from C<$st>, and
what is sent goes to the guest. C<$flags> takes the
C<Sys::Virt::Domain::OPEN_CONSOLE_*> constants (C<OPEN_CONSOLE_FORCE>
takes the console over from another client; C<OPEN_CONSOLE_SAFE> refuses
unless the driver can guarantee exclusive access).

=item $dom->open_channel($st, $devname, $flags);

As C<open_console>, for the data channel named C<$devname>. C<$flags>
may be C<Sys::Virt::Domain::OPEN_CHANNEL_FORCE>.

=item $dom->open_graphics($idx, $fd, $flags);

Connects the graphics server number C<$idx> (counting from 0) of the
running domain to the descriptor C<$fd> (one end of a socket pair the
program made), through which a VNC or SPICE client can then talk to it.
The descriptor stays the caller's. C<$flags> may be
C<Sys::Virt::Domain::OPEN_GRAPHICS_SKIPAUTH>.

=item my $fd = $dom->open_graphics_fd($idx, $flags);

As C<open_graphics>, but libvirt makes the socket: returns a new
descriptor connected to the graphics server, which the caller owns and
must close (for example after C<< open(my $fh, '+<&=', $fd) >>). This
works under sVirt confinement, where C<open_graphics> may not.

=item my $mimetype = $dom->screenshot($st, $screen, $flags);

Takes a picture of the domain's screen number C<$screen> (0 for the
first) and returns its MIME type (such as C<image/png>); the image itself
is then received from the stream C<$st>, for example with
C<< $st->recv_all(...) >>, followed by C<< $st->finish >>. C<$flags> is
unused and must be 0.

  use Sys::Virt;

  my $conn = Sys::Virt->new(uri => 'test:///default');
  my $dom = $conn->get_domain_by_name('test');
  my $st = $conn->new_stream();
  my $type = $dom->screenshot($st, 0);
  my $image = '';
  $st->recv_all(sub { my (undef, $data, $n) = @_; $image .= $data; return $n });
  $st->finish();
  printf "%s, %d bytes\n", $type, length $image;

=back

=head1 CONSTANTS

Constants are called with their full name, such as
C<Sys::Virt::Domain::STATE_RUNNING>; nothing is exported. The package
holds every constant of the C module's C<Sys::Virt::Domain>. Each group
says which methods take or return its constants.

=head2 Domain states

The C<state> of C<get_info> and the first value of C<get_state>.

=over 4

=item Sys::Virt::Domain::STATE_NOSTATE

No state is known.

=item Sys::Virt::Domain::STATE_RUNNING

Running.

=item Sys::Virt::Domain::STATE_BLOCKED

Blocked on a resource.

=item Sys::Virt::Domain::STATE_PAUSED

Paused, by the user or by the hypervisor.

=item Sys::Virt::Domain::STATE_SHUTDOWN

Being shut down.

=item Sys::Virt::Domain::STATE_SHUTOFF

Not running.

=item Sys::Virt::Domain::STATE_CRASHED

Crashed.

=item Sys::Virt::Domain::STATE_PMSUSPENDED

Suspended by the guest's power management.

=back

=head2 State reasons

The second value of C<get_state>: why the domain is in its state. Each reason belongs to the state its name starts with (C<STATE_PAUSED_USER> goes with C<STATE_PAUSED>), and the C<_UNKNOWN> reason of each state means libvirt does not know.

=over 4

=item Sys::Virt::Domain::STATE_BLOCKED_UNKNOWN

=item Sys::Virt::Domain::STATE_CRASHED_PANICKED

=item Sys::Virt::Domain::STATE_CRASHED_UNKNOWN

=item Sys::Virt::Domain::STATE_NOSTATE_UNKNOWN

=item Sys::Virt::Domain::STATE_PAUSED_CRASHED

=item Sys::Virt::Domain::STATE_PAUSED_DUMP

=item Sys::Virt::Domain::STATE_PAUSED_FROM_SNAPSHOT

=item Sys::Virt::Domain::STATE_PAUSED_IOERROR

=item Sys::Virt::Domain::STATE_PAUSED_MIGRATION

=item Sys::Virt::Domain::STATE_PAUSED_POSTCOPY

=item Sys::Virt::Domain::STATE_PAUSED_POSTCOPY_FAILED

=item Sys::Virt::Domain::STATE_PAUSED_SAVE

=item Sys::Virt::Domain::STATE_PAUSED_SHUTTING_DOWN

=item Sys::Virt::Domain::STATE_PAUSED_SNAPSHOT

=item Sys::Virt::Domain::STATE_PAUSED_STARTING_UP

=item Sys::Virt::Domain::STATE_PAUSED_UNKNOWN

=item Sys::Virt::Domain::STATE_PAUSED_USER

=item Sys::Virt::Domain::STATE_PAUSED_WATCHDOG

=item Sys::Virt::Domain::STATE_PMSUSPENDED_DISK_UNKNOWN

=item Sys::Virt::Domain::STATE_PMSUSPENDED_UNKNOWN

=item Sys::Virt::Domain::STATE_RUNNING_BOOTED

=item Sys::Virt::Domain::STATE_RUNNING_CRASHED

=item Sys::Virt::Domain::STATE_RUNNING_FROM_SNAPSHOT

=item Sys::Virt::Domain::STATE_RUNNING_MIGRATED

=item Sys::Virt::Domain::STATE_RUNNING_MIGRATION_CANCELED

=item Sys::Virt::Domain::STATE_RUNNING_POSTCOPY

=item Sys::Virt::Domain::STATE_RUNNING_POSTCOPY_FAILED

=item Sys::Virt::Domain::STATE_RUNNING_RESTORED

=item Sys::Virt::Domain::STATE_RUNNING_SAVE_CANCELED

=item Sys::Virt::Domain::STATE_RUNNING_UNKNOWN

=item Sys::Virt::Domain::STATE_RUNNING_UNPAUSED

=item Sys::Virt::Domain::STATE_RUNNING_WAKEUP

=item Sys::Virt::Domain::STATE_SHUTDOWN_UNKNOWN

=item Sys::Virt::Domain::STATE_SHUTDOWN_USER

=item Sys::Virt::Domain::STATE_SHUTOFF_CRASHED

=item Sys::Virt::Domain::STATE_SHUTOFF_DAEMON

=item Sys::Virt::Domain::STATE_SHUTOFF_DESTROYED

=item Sys::Virt::Domain::STATE_SHUTOFF_FAILED

=item Sys::Virt::Domain::STATE_SHUTOFF_FROM_SNAPSHOT

=item Sys::Virt::Domain::STATE_SHUTOFF_MIGRATED

=item Sys::Virt::Domain::STATE_SHUTOFF_SAVED

=item Sys::Virt::Domain::STATE_SHUTOFF_SHUTDOWN

=item Sys::Virt::Domain::STATE_SHUTOFF_UNKNOWN

=back

=head2 Listing domains

Flags for C<list_all_domains> in L<Sys::Virt>. The flags of one pair or set (active or inactive; persistent or transient; running, paused, shut off or other; with or without autostart, a managed save image, snapshots, checkpoints) are alternatives; flags from different sets narrow the list together.

=over 4

=item Sys::Virt::Domain::LIST_ACTIVE

Running or paused domains.

=item Sys::Virt::Domain::LIST_INACTIVE

Domains that are not running.

=item Sys::Virt::Domain::LIST_PERSISTENT

Domains with a persistent configuration.

=item Sys::Virt::Domain::LIST_TRANSIENT

Domains that exist only while they run.

=item Sys::Virt::Domain::LIST_RUNNING

Domains in the running state.

=item Sys::Virt::Domain::LIST_PAUSED

Domains in the paused state.

=item Sys::Virt::Domain::LIST_SHUTOFF

Domains in the shut-off state.

=item Sys::Virt::Domain::LIST_OTHER

Domains in any other state.

=item Sys::Virt::Domain::LIST_MANAGEDSAVE

Domains with a managed save image.

=item Sys::Virt::Domain::LIST_NO_MANAGEDSAVE

Domains without one.

=item Sys::Virt::Domain::LIST_AUTOSTART

Domains that start with the host.

=item Sys::Virt::Domain::LIST_NO_AUTOSTART

Domains that do not.

=item Sys::Virt::Domain::LIST_HAS_SNAPSHOT

Domains with at least one snapshot.

=item Sys::Virt::Domain::LIST_NO_SNAPSHOT

Domains without snapshots.

=item Sys::Virt::Domain::LIST_HAS_CHECKPOINT

Domains with at least one checkpoint.

=item Sys::Virt::Domain::LIST_NO_CHECKPOINT

Domains without checkpoints.

=back

=head2 Starting domains

Flags for C<create> and for C<create_domain> in L<Sys::Virt>.

=over 4

=item Sys::Virt::Domain::START_PAUSED

Start with the CPUs paused.

=item Sys::Virt::Domain::START_AUTODESTROY

Destroy the domain when the connection that started it closes.

=item Sys::Virt::Domain::START_BYPASS_CACHE

Read a managed save image without going through the host's file cache.

=item Sys::Virt::Domain::START_FORCE_BOOT

Boot afresh, discarding any managed save image.

=item Sys::Virt::Domain::START_VALIDATE

Check the XML against the schema first.

=item Sys::Virt::Domain::START_RESET_NVRAM

Start from a fresh copy of the firmware variables.

=back

=head2 Defining domains

Flags for C<define_domain> in L<Sys::Virt>.

=over 4

=item Sys::Virt::Domain::DEFINE_VALIDATE

Check the XML against the schema first.

=back

=head2 Destroying domains

Flags for C<destroy>.

=over 4

=item Sys::Virt::Domain::DESTROY_DEFAULT

Stop the domain, by force if it does not stop quickly.

=item Sys::Virt::Domain::DESTROY_GRACEFUL

Ask the process to stop, and fail rather than kill it.

=item Sys::Virt::Domain::DESTROY_REMOVE_LOGS

Also delete the domain's log files.

=back

=head2 Shutting down

Flags for C<shutdown>, choosing how the guest is asked to power off. Several may be given; the driver tries them in an order of its own.

=over 4

=item Sys::Virt::Domain::SHUTDOWN_DEFAULT

Let the driver choose.

=item Sys::Virt::Domain::SHUTDOWN_ACPI_POWER_BTN

Press the virtual ACPI power button.

=item Sys::Virt::Domain::SHUTDOWN_GUEST_AGENT

Ask the guest agent.

=item Sys::Virt::Domain::SHUTDOWN_INITCTL

Talk to the container's init process.

=item Sys::Virt::Domain::SHUTDOWN_SIGNAL

Send a signal to the container's init process.

=item Sys::Virt::Domain::SHUTDOWN_PARAVIRT

Use the paravirtualized shutdown request.

=back

=head2 Rebooting

Flags for C<reboot>, with the same choices as for shutting down.

=over 4

=item Sys::Virt::Domain::REBOOT_DEFAULT

Let the driver choose.

=item Sys::Virt::Domain::REBOOT_ACPI_POWER_BTN

Press the virtual ACPI power button.

=item Sys::Virt::Domain::REBOOT_GUEST_AGENT

Ask the guest agent.

=item Sys::Virt::Domain::REBOOT_INITCTL

Talk to the container's init process.

=item Sys::Virt::Domain::REBOOT_SIGNAL

Send a signal to the container's init process.

=item Sys::Virt::Domain::REBOOT_PARAVIRT

Use the paravirtualized reboot request.

=back

=head2 Undefining domains

Flags for C<undefine>: what happens to the files and records that belong to the domain.

=over 4

=item Sys::Virt::Domain::UNDEFINE_MANAGED_SAVE

Also remove a managed save image.

=item Sys::Virt::Domain::UNDEFINE_SNAPSHOTS_METADATA

Also drop libvirt's records of its snapshots.

=item Sys::Virt::Domain::UNDEFINE_NVRAM

Also delete the firmware variables file.

=item Sys::Virt::Domain::UNDEFINE_KEEP_NVRAM

Keep the firmware variables file.

=item Sys::Virt::Domain::UNDEFINE_CHECKPOINTS_METADATA

Also drop libvirt's records of its checkpoints.

=item Sys::Virt::Domain::UNDEFINE_TPM

Also delete the emulated TPM's state.

=item Sys::Virt::Domain::UNDEFINE_KEEP_TPM

Keep the emulated TPM's state.

=back

=head2 Domain XML

Flags for C<get_xml_description>.

=over 4

=item Sys::Virt::Domain::XML_SECURE

Include security-sensitive details such as passwords.

=item Sys::Virt::Domain::XML_INACTIVE

Describe the persistent configuration rather than the running one.

=item Sys::Virt::Domain::XML_UPDATE_CPU

Fill in the guest CPU description from the host CPU.

=item Sys::Virt::Domain::XML_MIGRATABLE

Leave out what would stop the XML from being used on another host.

=back

=head2 Scope of changes

Whether a change applies to the running domain (C<_LIVE>), to its persistent configuration (C<_CONFIG>), to whichever of the two is current (C<_CURRENT>), or to the maximum rather than the current amount (C<MEM_MAXIMUM>). They are taken by the vCPU, pinning and I/O thread methods (see L</Virtual CPUs and I/O threads>), by C<set_memory> (see L</Memory of the guest>), C<set_memory_stats_period> (see L</Statistics>), C<set_lifecycle_action> (see L</Control and power>), C<get_metadata> and C<set_metadata> (see L</Metadata, security labels and messages>), and by the getters and setters of L</Tuning>.

=over 4

=item Sys::Virt::Domain::AFFECT_CONFIG

=item Sys::Virt::Domain::AFFECT_CURRENT

=item Sys::Virt::Domain::AFFECT_LIVE

=item Sys::Virt::Domain::MEM_CONFIG

=item Sys::Virt::Domain::MEM_CURRENT

=item Sys::Virt::Domain::MEM_LIVE

=item Sys::Virt::Domain::MEM_MAXIMUM

=back

=head2 Virtual CPUs

Flags for changing and querying virtual CPUs (scope, maximum, guest view, hot-pluggable), the states of one virtual CPU (offline, running, blocked), and the special host CPU numbers of a virtual CPU that is offline or whose host CPU is unknown. See L</Virtual CPUs and I/O threads> for the methods that take them.

=over 4

=item Sys::Virt::Domain::VCPU_BLOCKED

=item Sys::Virt::Domain::VCPU_CONFIG

=item Sys::Virt::Domain::VCPU_CURRENT

=item Sys::Virt::Domain::VCPU_GUEST

=item Sys::Virt::Domain::VCPU_HOTPLUGGABLE

=item Sys::Virt::Domain::VCPU_INFO_CPU_OFFLINE

=item Sys::Virt::Domain::VCPU_INFO_CPU_UNAVAILABLE

=item Sys::Virt::Domain::VCPU_LIVE

=item Sys::Virt::Domain::VCPU_MAXIMUM

=item Sys::Virt::Domain::VCPU_OFFLINE

=item Sys::Virt::Domain::VCPU_RUNNING

=back

=head2 Memory

Names of memory tuning parameters (and the value meaning "no limit"), tags of memory statistics, the address space of a memory peek, and flags of memory failure events. C<get_memory_parameters> and C<set_memory_parameters> take the parameter names (see L</Tuning>); C<memory_stats> reports the statistics the tags stand for (see L</Statistics>); C<memory_peek> takes the address spaces (see L</Memory of the guest>); the callback of a C<EVENT_ID_MEMORY_FAILURE> event gets the failure flags (see L<Sys::Virt/Events>). The C<MEM_*> flags of C<set_memory> are in L</Scope of changes>.

=over 4

=item Sys::Virt::Domain::MEMORY_FAILURE_ACTION_REQUIRED

=item Sys::Virt::Domain::MEMORY_FAILURE_RECURSIVE

=item Sys::Virt::Domain::MEMORY_HARD_LIMIT

=item Sys::Virt::Domain::MEMORY_MIN_GUARANTEE

=item Sys::Virt::Domain::MEMORY_PARAM_UNLIMITED

=item Sys::Virt::Domain::MEMORY_PHYSICAL

=item Sys::Virt::Domain::MEMORY_SOFT_LIMIT

=item Sys::Virt::Domain::MEMORY_STAT_ACTUAL_BALLOON

=item Sys::Virt::Domain::MEMORY_STAT_AVAILABLE

=item Sys::Virt::Domain::MEMORY_STAT_DISK_CACHES

=item Sys::Virt::Domain::MEMORY_STAT_HUGETLB_PGALLOC

=item Sys::Virt::Domain::MEMORY_STAT_HUGETLB_PGFAIL

=item Sys::Virt::Domain::MEMORY_STAT_LAST_UPDATE

=item Sys::Virt::Domain::MEMORY_STAT_MAJOR_FAULT

=item Sys::Virt::Domain::MEMORY_STAT_MINOR_FAULT

=item Sys::Virt::Domain::MEMORY_STAT_RSS

=item Sys::Virt::Domain::MEMORY_STAT_SWAP_IN

=item Sys::Virt::Domain::MEMORY_STAT_SWAP_OUT

=item Sys::Virt::Domain::MEMORY_STAT_UNUSED

=item Sys::Virt::Domain::MEMORY_STAT_USABLE

=item Sys::Virt::Domain::MEMORY_SWAP_HARD_LIMIT

=item Sys::Virt::Domain::MEMORY_VIRTUAL

=back

=head2 Block I/O weights

Names of the block I/O weight and per-device throttling parameters. C<get_blkio_parameters> and C<set_blkio_parameters> take them (see L</Tuning>).

=over 4

=item Sys::Virt::Domain::BLKIO_DEVICE_READ_BPS

=item Sys::Virt::Domain::BLKIO_DEVICE_READ_IOPS

=item Sys::Virt::Domain::BLKIO_DEVICE_WEIGHT

=item Sys::Virt::Domain::BLKIO_DEVICE_WRITE_BPS

=item Sys::Virt::Domain::BLKIO_DEVICE_WRITE_IOPS

=item Sys::Virt::Domain::BLKIO_WEIGHT

=back

=head2 Block I/O throttling

Names of the per-disk I/O throttling parameters: bytes and operations per second for reads, writes and both, their burst maximums and burst lengths, and the throttling group. C<get_block_iotune> and C<set_block_iotune> take them (see L</Tuning>).

=over 4

=item Sys::Virt::Domain::BLOCK_IOTUNE_GROUP_NAME

=item Sys::Virt::Domain::BLOCK_IOTUNE_READ_BYTES_SEC

=item Sys::Virt::Domain::BLOCK_IOTUNE_READ_BYTES_SEC_MAX

=item Sys::Virt::Domain::BLOCK_IOTUNE_READ_BYTES_SEC_MAX_LENGTH

=item Sys::Virt::Domain::BLOCK_IOTUNE_READ_IOPS_SEC

=item Sys::Virt::Domain::BLOCK_IOTUNE_READ_IOPS_SEC_MAX

=item Sys::Virt::Domain::BLOCK_IOTUNE_READ_IOPS_SEC_MAX_LENGTH

=item Sys::Virt::Domain::BLOCK_IOTUNE_SIZE_IOPS_SEC

=item Sys::Virt::Domain::BLOCK_IOTUNE_TOTAL_BYTES_SEC

=item Sys::Virt::Domain::BLOCK_IOTUNE_TOTAL_BYTES_SEC_MAX

=item Sys::Virt::Domain::BLOCK_IOTUNE_TOTAL_BYTES_SEC_MAX_LENGTH

=item Sys::Virt::Domain::BLOCK_IOTUNE_TOTAL_IOPS_SEC

=item Sys::Virt::Domain::BLOCK_IOTUNE_TOTAL_IOPS_SEC_MAX

=item Sys::Virt::Domain::BLOCK_IOTUNE_TOTAL_IOPS_SEC_MAX_LENGTH

=item Sys::Virt::Domain::BLOCK_IOTUNE_WRITE_BYTES_SEC

=item Sys::Virt::Domain::BLOCK_IOTUNE_WRITE_BYTES_SEC_MAX

=item Sys::Virt::Domain::BLOCK_IOTUNE_WRITE_BYTES_SEC_MAX_LENGTH

=item Sys::Virt::Domain::BLOCK_IOTUNE_WRITE_IOPS_SEC

=item Sys::Virt::Domain::BLOCK_IOTUNE_WRITE_IOPS_SEC_MAX

=item Sys::Virt::Domain::BLOCK_IOTUNE_WRITE_IOPS_SEC_MAX_LENGTH

=back

=head2 Block job types and flags

Types and outcomes of long-running disk jobs (pull, copy, commit, backup), and the flags and parameters of starting, tuning and ending them. The methods of L</Block jobs> take them, and the callbacks of C<EVENT_ID_BLOCK_JOB> and C<EVENT_ID_BLOCK_JOB_2> events get the types and outcomes (see L<Sys::Virt/Events>).

=over 4

=item Sys::Virt::Domain::BLOCK_COMMIT_ACTIVE

=item Sys::Virt::Domain::BLOCK_COMMIT_BANDWIDTH_BYTES

=item Sys::Virt::Domain::BLOCK_COMMIT_DELETE

=item Sys::Virt::Domain::BLOCK_COMMIT_RELATIVE

=item Sys::Virt::Domain::BLOCK_COMMIT_SHALLOW

=item Sys::Virt::Domain::BLOCK_COPY_BANDWIDTH

=item Sys::Virt::Domain::BLOCK_COPY_BUF_SIZE

=item Sys::Virt::Domain::BLOCK_COPY_GRANULARITY

=item Sys::Virt::Domain::BLOCK_COPY_REUSE_EXT

=item Sys::Virt::Domain::BLOCK_COPY_SHALLOW

=item Sys::Virt::Domain::BLOCK_COPY_SYNCHRONOUS_WRITES

=item Sys::Virt::Domain::BLOCK_COPY_TRANSIENT_JOB

=item Sys::Virt::Domain::BLOCK_JOB_ABORT_ASYNC

=item Sys::Virt::Domain::BLOCK_JOB_ABORT_PIVOT

=item Sys::Virt::Domain::BLOCK_JOB_CANCELED

=item Sys::Virt::Domain::BLOCK_JOB_COMPLETED

=item Sys::Virt::Domain::BLOCK_JOB_FAILED

=item Sys::Virt::Domain::BLOCK_JOB_INFO_BANDWIDTH_BYTES

=item Sys::Virt::Domain::BLOCK_JOB_READY

=item Sys::Virt::Domain::BLOCK_JOB_SPEED_BANDWIDTH_BYTES

=item Sys::Virt::Domain::BLOCK_JOB_TYPE_ACTIVE_COMMIT

=item Sys::Virt::Domain::BLOCK_JOB_TYPE_BACKUP

=item Sys::Virt::Domain::BLOCK_JOB_TYPE_COMMIT

=item Sys::Virt::Domain::BLOCK_JOB_TYPE_COPY

=item Sys::Virt::Domain::BLOCK_JOB_TYPE_PULL

=item Sys::Virt::Domain::BLOCK_JOB_TYPE_UNKNOWN

=item Sys::Virt::Domain::BLOCK_PULL_BANDWIDTH_BYTES

=item Sys::Virt::Domain::BLOCK_REBASE_BANDWIDTH_BYTES

=item Sys::Virt::Domain::BLOCK_REBASE_COPY

=item Sys::Virt::Domain::BLOCK_REBASE_COPY_DEV

=item Sys::Virt::Domain::BLOCK_REBASE_COPY_RAW

=item Sys::Virt::Domain::BLOCK_REBASE_RELATIVE

=item Sys::Virt::Domain::BLOCK_REBASE_REUSE_EXT

=item Sys::Virt::Domain::BLOCK_REBASE_SHALLOW

=back

=head2 Block statistics and resizing

Names of per-disk I/O statistics, and the flag that gives a new disk size in bytes. C<block_resize> takes the flag (see L</Block devices>). C<block_stats> returns the statistics (see L</Statistics>), the operation counts under the names C<rd_req>, C<wr_req> and C<flush_reqs> rather than those of C<BLOCK_STATS_READ_REQ>, C<BLOCK_STATS_WRITE_REQ> and C<BLOCK_STATS_FLUSH_REQ>.

=over 4

=item Sys::Virt::Domain::BLOCK_RESIZE_BYTES

=item Sys::Virt::Domain::BLOCK_STATS_ERRS

=item Sys::Virt::Domain::BLOCK_STATS_FLUSH_REQ

=item Sys::Virt::Domain::BLOCK_STATS_FLUSH_TOTAL_TIMES

=item Sys::Virt::Domain::BLOCK_STATS_READ_BYTES

=item Sys::Virt::Domain::BLOCK_STATS_READ_REQ

=item Sys::Virt::Domain::BLOCK_STATS_READ_TOTAL_TIMES

=item Sys::Virt::Domain::BLOCK_STATS_WRITE_BYTES

=item Sys::Virt::Domain::BLOCK_STATS_WRITE_REQ

=item Sys::Virt::Domain::BLOCK_STATS_WRITE_TOTAL_TIMES

=back

=head2 Network bandwidth

Names of the inbound and outbound bandwidth limits of a network interface. C<get_interface_parameters> and C<set_interface_parameters> take them (see L</Tuning>).

=over 4

=item Sys::Virt::Domain::BANDWIDTH_IN_AVERAGE

=item Sys::Virt::Domain::BANDWIDTH_IN_BURST

=item Sys::Virt::Domain::BANDWIDTH_IN_FLOOR

=item Sys::Virt::Domain::BANDWIDTH_IN_PEAK

=item Sys::Virt::Domain::BANDWIDTH_OUT_AVERAGE

=item Sys::Virt::Domain::BANDWIDTH_OUT_BURST

=item Sys::Virt::Domain::BANDWIDTH_OUT_PEAK

=back

=head2 CPU statistics

Names of the CPU time statistics of a domain. C<get_cpu_stats> returns them (see L</Statistics>).

=over 4

=item Sys::Virt::Domain::CPU_STATS_CPUTIME

=item Sys::Virt::Domain::CPU_STATS_SYSTEMTIME

=item Sys::Virt::Domain::CPU_STATS_USERTIME

=item Sys::Virt::Domain::CPU_STATS_VCPUTIME

=back

=head2 Core dumps

Formats of a guest core dump and flags for taking one, for C<core_dump> and C<core_dump_format>.

=over 4

=item Sys::Virt::Domain::CORE_DUMP_FORMAT_KDUMP_LZO

=item Sys::Virt::Domain::CORE_DUMP_FORMAT_KDUMP_SNAPPY

=item Sys::Virt::Domain::CORE_DUMP_FORMAT_KDUMP_ZLIB

=item Sys::Virt::Domain::CORE_DUMP_FORMAT_RAW

=item Sys::Virt::Domain::CORE_DUMP_FORMAT_WIN_DMP

=item Sys::Virt::Domain::DUMP_BYPASS_CACHE

=item Sys::Virt::Domain::DUMP_CRASH

=item Sys::Virt::Domain::DUMP_LIVE

=item Sys::Virt::Domain::DUMP_MEMORY_ONLY

=item Sys::Virt::Domain::DUMP_RESET

=back

=head2 Control interface

States of the hypervisor's control channel to the domain, and why it failed. C<get_control_info> returns them (see L</Control and power>).

=over 4

=item Sys::Virt::Domain::CONTROL_ERROR

=item Sys::Virt::Domain::CONTROL_ERROR_REASON_INTERNAL

=item Sys::Virt::Domain::CONTROL_ERROR_REASON_MONITOR

=item Sys::Virt::Domain::CONTROL_ERROR_REASON_NONE

=item Sys::Virt::Domain::CONTROL_ERROR_REASON_UNKNOWN

=item Sys::Virt::Domain::CONTROL_JOB

=item Sys::Virt::Domain::CONTROL_OCCUPIED

=item Sys::Virt::Domain::CONTROL_OK

=back

=head2 Device changes

Flags for attaching, detaching and updating devices. See L</Devices> for the methods that take them.

=over 4

=item Sys::Virt::Domain::DEVICE_MODIFY_CONFIG

=item Sys::Virt::Domain::DEVICE_MODIFY_CURRENT

=item Sys::Virt::Domain::DEVICE_MODIFY_FORCE

=item Sys::Virt::Domain::DEVICE_MODIFY_LIVE

=back

=head2 Dirty page rate

States and methods of measuring how fast the guest writes to its memory. C<start_dirty_rate_calc> takes the modes (see L</Memory of the guest>); the states and the rates come with the C<STATS_DIRTYRATE> group of C<get_all_domain_stats> (see L<Sys::Virt/Domain statistics>).

=over 4

=item Sys::Virt::Domain::DIRTYRATE_MEASURED

=item Sys::Virt::Domain::DIRTYRATE_MEASURING

=item Sys::Virt::Domain::DIRTYRATE_MODE_DIRTY_BITMAP

=item Sys::Virt::Domain::DIRTYRATE_MODE_DIRTY_RING

=item Sys::Virt::Domain::DIRTYRATE_MODE_PAGE_SAMPLING

=item Sys::Virt::Domain::DIRTYRATE_UNSTARTED

=back

=head2 Disk errors

The kinds of error a disk can report. C<get_disk_errors> returns them (see L</Block devices>).

=over 4

=item Sys::Virt::Domain::DISK_ERROR_NONE

=item Sys::Virt::Domain::DISK_ERROR_NO_SPACE

=item Sys::Virt::Domain::DISK_ERROR_UNSPEC

=back

=head2 Jobs

Types of a domain's background job, the operations such a job performs, names of its statistics, and flags for querying and aborting it, for C<get_job_info>, C<get_job_stats> and C<abort_job>.

=over 4

=item Sys::Virt::Domain::DOMAIN_ABORT_JOB_POSTCOPY

=item Sys::Virt::Domain::JOB_AUTO_CONVERGE_THROTTLE

=item Sys::Virt::Domain::JOB_BOUNDED

=item Sys::Virt::Domain::JOB_CANCELLED

=item Sys::Virt::Domain::JOB_COMPLETED

=item Sys::Virt::Domain::JOB_COMPRESSION_BYTES

=item Sys::Virt::Domain::JOB_COMPRESSION_CACHE

=item Sys::Virt::Domain::JOB_COMPRESSION_CACHE_MISSES

=item Sys::Virt::Domain::JOB_COMPRESSION_OVERFLOW

=item Sys::Virt::Domain::JOB_COMPRESSION_PAGES

=item Sys::Virt::Domain::JOB_DATA_PROCESSED

=item Sys::Virt::Domain::JOB_DATA_REMAINING

=item Sys::Virt::Domain::JOB_DATA_TOTAL

=item Sys::Virt::Domain::JOB_DISK_BPS

=item Sys::Virt::Domain::JOB_DISK_PROCESSED

=item Sys::Virt::Domain::JOB_DISK_REMAINING

=item Sys::Virt::Domain::JOB_DISK_TEMP_TOTAL

=item Sys::Virt::Domain::JOB_DISK_TEMP_USED

=item Sys::Virt::Domain::JOB_DISK_TOTAL

=item Sys::Virt::Domain::JOB_DOWNTIME

=item Sys::Virt::Domain::JOB_DOWNTIME_NET

=item Sys::Virt::Domain::JOB_ERRMSG

=item Sys::Virt::Domain::JOB_FAILED

=item Sys::Virt::Domain::JOB_MEMORY_BPS

=item Sys::Virt::Domain::JOB_MEMORY_CONSTANT

=item Sys::Virt::Domain::JOB_MEMORY_DIRTY_RATE

=item Sys::Virt::Domain::JOB_MEMORY_ITERATION

=item Sys::Virt::Domain::JOB_MEMORY_NORMAL

=item Sys::Virt::Domain::JOB_MEMORY_NORMAL_BYTES

=item Sys::Virt::Domain::JOB_MEMORY_PAGE_SIZE

=item Sys::Virt::Domain::JOB_MEMORY_POSTCOPY_REQS

=item Sys::Virt::Domain::JOB_MEMORY_PROCESSED

=item Sys::Virt::Domain::JOB_MEMORY_REMAINING

=item Sys::Virt::Domain::JOB_MEMORY_TOTAL

=item Sys::Virt::Domain::JOB_NONE

=item Sys::Virt::Domain::JOB_OPERATION

=item Sys::Virt::Domain::JOB_OPERATION_BACKUP

=item Sys::Virt::Domain::JOB_OPERATION_DUMP

=item Sys::Virt::Domain::JOB_OPERATION_MIGRATION_IN

=item Sys::Virt::Domain::JOB_OPERATION_MIGRATION_OUT

=item Sys::Virt::Domain::JOB_OPERATION_RESTORE

=item Sys::Virt::Domain::JOB_OPERATION_SAVE

=item Sys::Virt::Domain::JOB_OPERATION_SNAPSHOT

=item Sys::Virt::Domain::JOB_OPERATION_SNAPSHOT_DELETE

=item Sys::Virt::Domain::JOB_OPERATION_SNAPSHOT_REVERT

=item Sys::Virt::Domain::JOB_OPERATION_START

=item Sys::Virt::Domain::JOB_OPERATION_UNKNOWN

=item Sys::Virt::Domain::JOB_SETUP_TIME

=item Sys::Virt::Domain::JOB_STATS_COMPLETED

=item Sys::Virt::Domain::JOB_STATS_KEEP_COMPLETED

=item Sys::Virt::Domain::JOB_SUCCESS

=item Sys::Virt::Domain::JOB_TIME_ELAPSED

=item Sys::Virt::Domain::JOB_TIME_ELAPSED_NET

=item Sys::Virt::Domain::JOB_TIME_REMAINING

=item Sys::Virt::Domain::JOB_UNBOUNDED

=back

=head2 Event identifiers

The kinds of domain event a program can register for. C<domain_event_register_any> takes them (see L<Sys::Virt/Events>).

=over 4

=item Sys::Virt::Domain::EVENT_ID_AGENT_LIFECYCLE

=item Sys::Virt::Domain::EVENT_ID_BALLOON_CHANGE

=item Sys::Virt::Domain::EVENT_ID_BLOCK_JOB

=item Sys::Virt::Domain::EVENT_ID_BLOCK_JOB_2

=item Sys::Virt::Domain::EVENT_ID_BLOCK_THRESHOLD

=item Sys::Virt::Domain::EVENT_ID_CONTROL_ERROR

=item Sys::Virt::Domain::EVENT_ID_DEVICE_ADDED

=item Sys::Virt::Domain::EVENT_ID_DEVICE_REMOVAL_FAILED

=item Sys::Virt::Domain::EVENT_ID_DEVICE_REMOVED

=item Sys::Virt::Domain::EVENT_ID_DISK_CHANGE

=item Sys::Virt::Domain::EVENT_ID_GRAPHICS

=item Sys::Virt::Domain::EVENT_ID_IO_ERROR

=item Sys::Virt::Domain::EVENT_ID_IO_ERROR_REASON

=item Sys::Virt::Domain::EVENT_ID_JOB_COMPLETED

=item Sys::Virt::Domain::EVENT_ID_LIFECYCLE

=item Sys::Virt::Domain::EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE

=item Sys::Virt::Domain::EVENT_ID_MEMORY_FAILURE

=item Sys::Virt::Domain::EVENT_ID_METADATA_CHANGE

=item Sys::Virt::Domain::EVENT_ID_MIGRATION_ITERATION

=item Sys::Virt::Domain::EVENT_ID_PMSUSPEND

=item Sys::Virt::Domain::EVENT_ID_PMSUSPEND_DISK

=item Sys::Virt::Domain::EVENT_ID_PMWAKEUP

=item Sys::Virt::Domain::EVENT_ID_REBOOT

=item Sys::Virt::Domain::EVENT_ID_RTC_CHANGE

=item Sys::Virt::Domain::EVENT_ID_TRAY_CHANGE

=item Sys::Virt::Domain::EVENT_ID_TUNABLE

=item Sys::Virt::Domain::EVENT_ID_WATCHDOG

=back

=head2 Lifecycle events

Lifecycle event types (the names without a further part) and the details that go with each type. The callbacks of C<domain_event_register> and of C<EVENT_ID_LIFECYCLE> events registered with C<domain_event_register_any> get them (see L<Sys::Virt/Events>).

=over 4

=item Sys::Virt::Domain::EVENT_CRASHED

=item Sys::Virt::Domain::EVENT_CRASHED_CRASHLOADED

=item Sys::Virt::Domain::EVENT_CRASHED_PANICKED

=item Sys::Virt::Domain::EVENT_DEFINED

=item Sys::Virt::Domain::EVENT_DEFINED_ADDED

=item Sys::Virt::Domain::EVENT_DEFINED_FROM_SNAPSHOT

=item Sys::Virt::Domain::EVENT_DEFINED_RENAMED

=item Sys::Virt::Domain::EVENT_DEFINED_UPDATED

=item Sys::Virt::Domain::EVENT_PMSUSPENDED

=item Sys::Virt::Domain::EVENT_PMSUSPENDED_DISK

=item Sys::Virt::Domain::EVENT_PMSUSPENDED_MEMORY

=item Sys::Virt::Domain::EVENT_RESUMED

=item Sys::Virt::Domain::EVENT_RESUMED_FROM_SNAPSHOT

=item Sys::Virt::Domain::EVENT_RESUMED_MIGRATED

=item Sys::Virt::Domain::EVENT_RESUMED_POSTCOPY

=item Sys::Virt::Domain::EVENT_RESUMED_POSTCOPY_FAILED

=item Sys::Virt::Domain::EVENT_RESUMED_UNPAUSED

=item Sys::Virt::Domain::EVENT_SHUTDOWN

=item Sys::Virt::Domain::EVENT_SHUTDOWN_FINISHED

=item Sys::Virt::Domain::EVENT_SHUTDOWN_GUEST

=item Sys::Virt::Domain::EVENT_SHUTDOWN_HOST

=item Sys::Virt::Domain::EVENT_STARTED

=item Sys::Virt::Domain::EVENT_STARTED_BOOTED

=item Sys::Virt::Domain::EVENT_STARTED_FROM_SNAPSHOT

=item Sys::Virt::Domain::EVENT_STARTED_MIGRATED

=item Sys::Virt::Domain::EVENT_STARTED_RESTORED

=item Sys::Virt::Domain::EVENT_STARTED_WAKEUP

=item Sys::Virt::Domain::EVENT_STOPPED

=item Sys::Virt::Domain::EVENT_STOPPED_CRASHED

=item Sys::Virt::Domain::EVENT_STOPPED_DESTROYED

=item Sys::Virt::Domain::EVENT_STOPPED_FAILED

=item Sys::Virt::Domain::EVENT_STOPPED_FROM_SNAPSHOT

=item Sys::Virt::Domain::EVENT_STOPPED_MIGRATED

=item Sys::Virt::Domain::EVENT_STOPPED_SAVED

=item Sys::Virt::Domain::EVENT_STOPPED_SHUTDOWN

=item Sys::Virt::Domain::EVENT_SUSPENDED

=item Sys::Virt::Domain::EVENT_SUSPENDED_API_ERROR

=item Sys::Virt::Domain::EVENT_SUSPENDED_FROM_SNAPSHOT

=item Sys::Virt::Domain::EVENT_SUSPENDED_IOERROR

=item Sys::Virt::Domain::EVENT_SUSPENDED_MIGRATED

=item Sys::Virt::Domain::EVENT_SUSPENDED_PAUSED

=item Sys::Virt::Domain::EVENT_SUSPENDED_POSTCOPY

=item Sys::Virt::Domain::EVENT_SUSPENDED_POSTCOPY_FAILED

=item Sys::Virt::Domain::EVENT_SUSPENDED_RESTORED

=item Sys::Virt::Domain::EVENT_SUSPENDED_WATCHDOG

=item Sys::Virt::Domain::EVENT_UNDEFINED

=item Sys::Virt::Domain::EVENT_UNDEFINED_REMOVED

=item Sys::Virt::Domain::EVENT_UNDEFINED_RENAMED

=back

=head2 Other event details

Details carried by the other kinds of domain event: guest agent, disk and tray changes, graphics, I/O errors, memory failures and watchdogs. The callbacks of the matching events registered with C<domain_event_register_any> get them (see L<Sys::Virt/Events>).

=over 4

=item Sys::Virt::Domain::EVENT_AGENT_LIFECYCLE_REASON_CHANNEL

=item Sys::Virt::Domain::EVENT_AGENT_LIFECYCLE_REASON_DOMAIN_STARTED

=item Sys::Virt::Domain::EVENT_AGENT_LIFECYCLE_REASON_UNKNOWN

=item Sys::Virt::Domain::EVENT_AGENT_LIFECYCLE_STATE_CONNECTED

=item Sys::Virt::Domain::EVENT_AGENT_LIFECYCLE_STATE_DISCONNECTED

=item Sys::Virt::Domain::EVENT_DISK_CHANGE_MISSING_ON_START

=item Sys::Virt::Domain::EVENT_DISK_DROP_MISSING_ON_START

=item Sys::Virt::Domain::EVENT_GRAPHICS_ADDRESS_IPV4

=item Sys::Virt::Domain::EVENT_GRAPHICS_ADDRESS_IPV6

=item Sys::Virt::Domain::EVENT_GRAPHICS_ADDRESS_UNIX

=item Sys::Virt::Domain::EVENT_GRAPHICS_CONNECT

=item Sys::Virt::Domain::EVENT_GRAPHICS_DISCONNECT

=item Sys::Virt::Domain::EVENT_GRAPHICS_INITIALIZE

=item Sys::Virt::Domain::EVENT_IO_ERROR_NONE

=item Sys::Virt::Domain::EVENT_IO_ERROR_PAUSE

=item Sys::Virt::Domain::EVENT_IO_ERROR_REPORT

=item Sys::Virt::Domain::EVENT_MEMORY_FAILURE_ACTION_FATAL

=item Sys::Virt::Domain::EVENT_MEMORY_FAILURE_ACTION_IGNORE

=item Sys::Virt::Domain::EVENT_MEMORY_FAILURE_ACTION_INJECT

=item Sys::Virt::Domain::EVENT_MEMORY_FAILURE_ACTION_RESET

=item Sys::Virt::Domain::EVENT_MEMORY_FAILURE_RECIPIENT_GUEST

=item Sys::Virt::Domain::EVENT_MEMORY_FAILURE_RECIPIENT_HYPERVISOR

=item Sys::Virt::Domain::EVENT_TRAY_CHANGE_CLOSE

=item Sys::Virt::Domain::EVENT_TRAY_CHANGE_OPEN

=item Sys::Virt::Domain::EVENT_WATCHDOG_DEBUG

=item Sys::Virt::Domain::EVENT_WATCHDOG_INJECTNMI

=item Sys::Virt::Domain::EVENT_WATCHDOG_NONE

=item Sys::Virt::Domain::EVENT_WATCHDOG_PAUSE

=item Sys::Virt::Domain::EVENT_WATCHDOG_POWEROFF

=item Sys::Virt::Domain::EVENT_WATCHDOG_RESET

=item Sys::Virt::Domain::EVENT_WATCHDOG_SHUTDOWN

=back

=head2 Domain statistics

The groups of statistics to collect, and the flags that choose which domains to collect them for. C<get_all_domain_stats> takes them (see L<Sys::Virt/Domain statistics>).

=over 4

=item Sys::Virt::Domain::GET_ALL_STATS_ACTIVE

=item Sys::Virt::Domain::GET_ALL_STATS_BACKING

=item Sys::Virt::Domain::GET_ALL_STATS_ENFORCE_STATS

=item Sys::Virt::Domain::GET_ALL_STATS_INACTIVE

=item Sys::Virt::Domain::GET_ALL_STATS_NOWAIT

=item Sys::Virt::Domain::GET_ALL_STATS_OTHER

=item Sys::Virt::Domain::GET_ALL_STATS_PAUSED

=item Sys::Virt::Domain::GET_ALL_STATS_PERSISTENT

=item Sys::Virt::Domain::GET_ALL_STATS_RUNNING

=item Sys::Virt::Domain::GET_ALL_STATS_SHUTOFF

=item Sys::Virt::Domain::GET_ALL_STATS_TRANSIENT

=item Sys::Virt::Domain::STATS_BALLOON

=item Sys::Virt::Domain::STATS_BLOCK

=item Sys::Virt::Domain::STATS_CPU_TOTAL

=item Sys::Virt::Domain::STATS_DIRTYRATE

=item Sys::Virt::Domain::STATS_INTERFACE

=item Sys::Virt::Domain::STATS_IOTHREAD

=item Sys::Virt::Domain::STATS_MEMORY

=item Sys::Virt::Domain::STATS_PERF

=item Sys::Virt::Domain::STATS_STATE

=item Sys::Virt::Domain::STATS_VCPU

=item Sys::Virt::Domain::STATS_VM

=back

=head2 Guest agent

Timeouts for guest agent commands, the kinds of guest information to query, where host names and interface addresses come from, and flags for managing SSH keys, passwords and the guest clock. See L</Guest agent calls> for the methods that take them; C<get_guest_info> takes the kinds of guest information (see L</Statistics>).

=over 4

=item Sys::Virt::Domain::AGENT_RESPONSE_TIMEOUT_BLOCK

=item Sys::Virt::Domain::AGENT_RESPONSE_TIMEOUT_DEFAULT

=item Sys::Virt::Domain::AGENT_RESPONSE_TIMEOUT_NOWAIT

=item Sys::Virt::Domain::AUTHORIZED_SSH_KEYS_SET_APPEND

=item Sys::Virt::Domain::AUTHORIZED_SSH_KEYS_SET_REMOVE

=item Sys::Virt::Domain::GET_HOSTNAME_AGENT

=item Sys::Virt::Domain::GET_HOSTNAME_LEASE

=item Sys::Virt::Domain::GUEST_INFO_DISKS

=item Sys::Virt::Domain::GUEST_INFO_FILESYSTEM

=item Sys::Virt::Domain::GUEST_INFO_HOSTNAME

=item Sys::Virt::Domain::GUEST_INFO_INTERFACES

=item Sys::Virt::Domain::GUEST_INFO_OS

=item Sys::Virt::Domain::GUEST_INFO_TIMEZONE

=item Sys::Virt::Domain::GUEST_INFO_USERS

=item Sys::Virt::Domain::INTERFACE_ADDRESSES_SRC_AGENT

=item Sys::Virt::Domain::INTERFACE_ADDRESSES_SRC_ARP

=item Sys::Virt::Domain::INTERFACE_ADDRESSES_SRC_LEASE

=item Sys::Virt::Domain::PASSWORD_ENCRYPTED

=item Sys::Virt::Domain::TIME_SYNC

=back

=head2 I/O threads

Names of I/O thread tuning parameters. C<set_iothread> takes them (see L</Tuning>).

=over 4

=item Sys::Virt::Domain::IOTHREAD_PARAM_POLL_GROW

=item Sys::Virt::Domain::IOTHREAD_PARAM_POLL_MAX_NS

=item Sys::Virt::Domain::IOTHREAD_PARAM_POLL_SHRINK

=item Sys::Virt::Domain::IOTHREAD_PARAM_THREAD_POOL_MAX

=item Sys::Virt::Domain::IOTHREAD_PARAM_THREAD_POOL_MIN

=back

=head2 Key codes

The key code sets in which keys can be sent to the guest, and how many keys one call can send. C<send_key> takes them (see L</Control and power>).

=over 4

=item Sys::Virt::Domain::KEYCODE_SET_ATSET1

=item Sys::Virt::Domain::KEYCODE_SET_ATSET2

=item Sys::Virt::Domain::KEYCODE_SET_ATSET3

=item Sys::Virt::Domain::KEYCODE_SET_LINUX

=item Sys::Virt::Domain::KEYCODE_SET_OSX

=item Sys::Virt::Domain::KEYCODE_SET_QNUM

=item Sys::Virt::Domain::KEYCODE_SET_RFB

=item Sys::Virt::Domain::KEYCODE_SET_USB

=item Sys::Virt::Domain::KEYCODE_SET_WIN32

=item Sys::Virt::Domain::KEYCODE_SET_XT

=item Sys::Virt::Domain::KEYCODE_SET_XT_KBD

=item Sys::Virt::Domain::SEND_KEY_MAX_KEYS

=back

=head2 Launch security

Names of AMD SEV launch measurement and secret injection parameters. C<get_launch_security_info> returns the measurement ones and C<set_launch_security_state> takes the secret ones (see L</Tuning>).

=over 4

=item Sys::Virt::Domain::LAUNCH_SECURITY_SEV_API_MAJOR

=item Sys::Virt::Domain::LAUNCH_SECURITY_SEV_API_MINOR

=item Sys::Virt::Domain::LAUNCH_SECURITY_SEV_BUILD_ID

=item Sys::Virt::Domain::LAUNCH_SECURITY_SEV_MEASUREMENT

=item Sys::Virt::Domain::LAUNCH_SECURITY_SEV_POLICY

=item Sys::Virt::Domain::LAUNCH_SECURITY_SEV_SECRET

=item Sys::Virt::Domain::LAUNCH_SECURITY_SEV_SECRET_HEADER

=item Sys::Virt::Domain::LAUNCH_SECURITY_SEV_SECRET_SET_ADDRESS

=back

=head2 Lifecycle actions

The lifecycle events (power off, reboot, crash) and the actions the hypervisor can take on them. C<set_lifecycle_action> takes them (see L</Control and power>).

=over 4

=item Sys::Virt::Domain::LIFECYCLE_ACTION_COREDUMP_DESTROY

=item Sys::Virt::Domain::LIFECYCLE_ACTION_COREDUMP_RESTART

=item Sys::Virt::Domain::LIFECYCLE_ACTION_DESTROY

=item Sys::Virt::Domain::LIFECYCLE_ACTION_PRESERVE

=item Sys::Virt::Domain::LIFECYCLE_ACTION_RESTART

=item Sys::Virt::Domain::LIFECYCLE_ACTION_RESTART_RENAME

=item Sys::Virt::Domain::LIFECYCLE_CRASH

=item Sys::Virt::Domain::LIFECYCLE_POWEROFF

=item Sys::Virt::Domain::LIFECYCLE_REBOOT

=back

=head2 Messages

The kinds of message a domain can carry (deprecation, tainting). C<get_messages> takes them (see L</Metadata, security labels and messages>).

=over 4

=item Sys::Virt::Domain::MESSAGE_DEPRECATION

=item Sys::Virt::Domain::MESSAGE_TAINTING

=back

=head2 Metadata

The kinds of metadata a domain can carry: description, title, or an element of an application's own namespace. C<get_metadata> and C<set_metadata> take them (see L</Metadata, security labels and messages>), and the callback of a C<EVENT_ID_METADATA_CHANGE> event gets them (see L<Sys::Virt/Events>).

=over 4

=item Sys::Virt::Domain::METADATA_DESCRIPTION

=item Sys::Virt::Domain::METADATA_ELEMENT

=item Sys::Virt::Domain::METADATA_TITLE

=back

=head2 Migration flags and parameters

Flags and parameter names for the methods of L</Migration>.

=over 4

=item Sys::Virt::Domain::MIGRATE_ABORT_ON_ERROR

=item Sys::Virt::Domain::MIGRATE_AUTO_CONVERGE

=item Sys::Virt::Domain::MIGRATE_CHANGE_PROTECTION

=item Sys::Virt::Domain::MIGRATE_COMPRESSED

=item Sys::Virt::Domain::MIGRATE_LIVE

=item Sys::Virt::Domain::MIGRATE_MAX_SPEED_POSTCOPY

=item Sys::Virt::Domain::MIGRATE_NON_SHARED_DISK

=item Sys::Virt::Domain::MIGRATE_NON_SHARED_INC

=item Sys::Virt::Domain::MIGRATE_NON_SHARED_SYNCHRONOUS_WRITES

=item Sys::Virt::Domain::MIGRATE_OFFLINE

=item Sys::Virt::Domain::MIGRATE_PARALLEL

=item Sys::Virt::Domain::MIGRATE_PARAM_AUTO_CONVERGE_INCREMENT

=item Sys::Virt::Domain::MIGRATE_PARAM_AUTO_CONVERGE_INITIAL

=item Sys::Virt::Domain::MIGRATE_PARAM_BANDWIDTH

=item Sys::Virt::Domain::MIGRATE_PARAM_BANDWIDTH_POSTCOPY

=item Sys::Virt::Domain::MIGRATE_PARAM_COMPRESSION

=item Sys::Virt::Domain::MIGRATE_PARAM_COMPRESSION_MT_DTHREADS

=item Sys::Virt::Domain::MIGRATE_PARAM_COMPRESSION_MT_LEVEL

=item Sys::Virt::Domain::MIGRATE_PARAM_COMPRESSION_MT_THREADS

=item Sys::Virt::Domain::MIGRATE_PARAM_COMPRESSION_XBZRLE_CACHE

=item Sys::Virt::Domain::MIGRATE_PARAM_DEST_NAME

=item Sys::Virt::Domain::MIGRATE_PARAM_DEST_XML

=item Sys::Virt::Domain::MIGRATE_PARAM_DISKS_URI

=item Sys::Virt::Domain::MIGRATE_PARAM_DISK_PORT

=item Sys::Virt::Domain::MIGRATE_PARAM_GRAPHICS_URI

=item Sys::Virt::Domain::MIGRATE_PARAM_LISTEN_ADDRESS

=item Sys::Virt::Domain::MIGRATE_PARAM_MIGRATE_DISKS

=item Sys::Virt::Domain::MIGRATE_PARAM_PARALLEL_CONNECTIONS

=item Sys::Virt::Domain::MIGRATE_PARAM_PERSIST_XML

=item Sys::Virt::Domain::MIGRATE_PARAM_TLS_DESTINATION

=item Sys::Virt::Domain::MIGRATE_PARAM_URI

=item Sys::Virt::Domain::MIGRATE_PAUSED

=item Sys::Virt::Domain::MIGRATE_PEER2PEER

=item Sys::Virt::Domain::MIGRATE_PERSIST_DEST

=item Sys::Virt::Domain::MIGRATE_POSTCOPY

=item Sys::Virt::Domain::MIGRATE_POSTCOPY_RESUME

=item Sys::Virt::Domain::MIGRATE_RDMA_PIN_ALL

=item Sys::Virt::Domain::MIGRATE_TLS

=item Sys::Virt::Domain::MIGRATE_TUNNELLED

=item Sys::Virt::Domain::MIGRATE_UNDEFINE_SOURCE

=item Sys::Virt::Domain::MIGRATE_UNSAFE

=item Sys::Virt::Domain::MIGRATE_ZEROCOPY

=back

=head2 NUMA

Names of the NUMA tuning parameters and the memory placement modes. C<get_numa_parameters> and C<set_numa_parameters> take them (see L</Tuning>).

=over 4

=item Sys::Virt::Domain::NUMATUNE_MEM_INTERLEAVE

=item Sys::Virt::Domain::NUMATUNE_MEM_PREFERRED

=item Sys::Virt::Domain::NUMATUNE_MEM_RESTRICTIVE

=item Sys::Virt::Domain::NUMATUNE_MEM_STRICT

=item Sys::Virt::Domain::NUMA_MODE

=item Sys::Virt::Domain::NUMA_NODESET

=back

=head2 Consoles and channels

Flags for opening consoles, channels and graphics connections. C<open_console>, C<open_channel>, C<open_graphics> and C<open_graphics_fd> take them (see L</Consoles and screenshots>).

=over 4

=item Sys::Virt::Domain::OPEN_CHANNEL_FORCE

=item Sys::Virt::Domain::OPEN_CONSOLE_FORCE

=item Sys::Virt::Domain::OPEN_CONSOLE_SAFE

=item Sys::Virt::Domain::OPEN_GRAPHICS_SKIPAUTH

=back

=head2 Performance events

Names of the hardware and software performance counters that can be enabled for a domain. C<get_perf_events> and C<set_perf_events> take them (see L</Tuning>).

=over 4

=item Sys::Virt::Domain::PERF_PARAM_ALIGNMENT_FAULTS

=item Sys::Virt::Domain::PERF_PARAM_BRANCH_INSTRUCTIONS

=item Sys::Virt::Domain::PERF_PARAM_BRANCH_MISSES

=item Sys::Virt::Domain::PERF_PARAM_BUS_CYCLES

=item Sys::Virt::Domain::PERF_PARAM_CACHE_MISSES

=item Sys::Virt::Domain::PERF_PARAM_CACHE_REFERENCES

=item Sys::Virt::Domain::PERF_PARAM_CMT

=item Sys::Virt::Domain::PERF_PARAM_CONTEXT_SWITCHES

=item Sys::Virt::Domain::PERF_PARAM_CPU_CLOCK

=item Sys::Virt::Domain::PERF_PARAM_CPU_CYCLES

=item Sys::Virt::Domain::PERF_PARAM_CPU_MIGRATIONS

=item Sys::Virt::Domain::PERF_PARAM_EMULATION_FAULTS

=item Sys::Virt::Domain::PERF_PARAM_INSTRUCTIONS

=item Sys::Virt::Domain::PERF_PARAM_MBML

=item Sys::Virt::Domain::PERF_PARAM_MBMT

=item Sys::Virt::Domain::PERF_PARAM_PAGE_FAULTS

=item Sys::Virt::Domain::PERF_PARAM_PAGE_FAULTS_MAJ

=item Sys::Virt::Domain::PERF_PARAM_PAGE_FAULTS_MIN

=item Sys::Virt::Domain::PERF_PARAM_REF_CPU_CYCLES

=item Sys::Virt::Domain::PERF_PARAM_STALLED_CYCLES_BACKEND

=item Sys::Virt::Domain::PERF_PARAM_STALLED_CYCLES_FRONTEND

=item Sys::Virt::Domain::PERF_PARAM_TASK_CLOCK

=back

=head2 Process signals

Signals that can be sent to a process inside the guest, named as in POSIX (C<PROCESS_SIGNAL_NOP> checks that the process exists; C<RT0> to C<RT32> are the real-time signals). C<send_process_signal> takes them (see L</Control and power>).

=over 4

=item Sys::Virt::Domain::PROCESS_SIGNAL_ABRT

=item Sys::Virt::Domain::PROCESS_SIGNAL_ALRM

=item Sys::Virt::Domain::PROCESS_SIGNAL_BUS

=item Sys::Virt::Domain::PROCESS_SIGNAL_CHLD

=item Sys::Virt::Domain::PROCESS_SIGNAL_CONT

=item Sys::Virt::Domain::PROCESS_SIGNAL_FPE

=item Sys::Virt::Domain::PROCESS_SIGNAL_HUP

=item Sys::Virt::Domain::PROCESS_SIGNAL_ILL

=item Sys::Virt::Domain::PROCESS_SIGNAL_INT

=item Sys::Virt::Domain::PROCESS_SIGNAL_KILL

=item Sys::Virt::Domain::PROCESS_SIGNAL_NOP

=item Sys::Virt::Domain::PROCESS_SIGNAL_PIPE

=item Sys::Virt::Domain::PROCESS_SIGNAL_POLL

=item Sys::Virt::Domain::PROCESS_SIGNAL_PROF

=item Sys::Virt::Domain::PROCESS_SIGNAL_PWR

=item Sys::Virt::Domain::PROCESS_SIGNAL_QUIT

=item Sys::Virt::Domain::PROCESS_SIGNAL_RT0

=item Sys::Virt::Domain::PROCESS_SIGNAL_RT1

=item Sys::Virt::Domain::PROCESS_SIGNAL_RT10

=item Sys::Virt::Domain::PROCESS_SIGNAL_RT11

=item Sys::Virt::Domain::PROCESS_SIGNAL_RT12

=item Sys::Virt::Domain::PROCESS_SIGNAL_RT13

=item Sys::Virt::Domain::PROCESS_SIGNAL_RT14

=item Sys::Virt::Domain::PROCESS_SIGNAL_RT15

=item Sys::Virt::Domain::PROCESS_SIGNAL_RT16

=item Sys::Virt::Domain::PROCESS_SIGNAL_RT17

=item Sys::Virt::Domain::PROCESS_SIGNAL_RT18

=item Sys::Virt::Domain::PROCESS_SIGNAL_RT19

=item Sys::Virt::Domain::PROCESS_SIGNAL_RT2

=item Sys::Virt::Domain::PROCESS_SIGNAL_RT20

=item Sys::Virt::Domain::PROCESS_SIGNAL_RT21

=item Sys::Virt::Domain::PROCESS_SIGNAL_RT22

=item Sys::Virt::Domain::PROCESS_SIGNAL_RT23

=item Sys::Virt::Domain::PROCESS_SIGNAL_RT24

=item Sys::Virt::Domain::PROCESS_SIGNAL_RT25

=item Sys::Virt::Domain::PROCESS_SIGNAL_RT26

=item Sys::Virt::Domain::PROCESS_SIGNAL_RT27

=item Sys::Virt::Domain::PROCESS_SIGNAL_RT28

=item Sys::Virt::Domain::PROCESS_SIGNAL_RT29

=item Sys::Virt::Domain::PROCESS_SIGNAL_RT3

=item Sys::Virt::Domain::PROCESS_SIGNAL_RT30

=item Sys::Virt::Domain::PROCESS_SIGNAL_RT31

=item Sys::Virt::Domain::PROCESS_SIGNAL_RT32

=item Sys::Virt::Domain::PROCESS_SIGNAL_RT4

=item Sys::Virt::Domain::PROCESS_SIGNAL_RT5

=item Sys::Virt::Domain::PROCESS_SIGNAL_RT6

=item Sys::Virt::Domain::PROCESS_SIGNAL_RT7

=item Sys::Virt::Domain::PROCESS_SIGNAL_RT8

=item Sys::Virt::Domain::PROCESS_SIGNAL_RT9

=item Sys::Virt::Domain::PROCESS_SIGNAL_SEGV

=item Sys::Virt::Domain::PROCESS_SIGNAL_STKFLT

=item Sys::Virt::Domain::PROCESS_SIGNAL_STOP

=item Sys::Virt::Domain::PROCESS_SIGNAL_SYS

=item Sys::Virt::Domain::PROCESS_SIGNAL_TERM

=item Sys::Virt::Domain::PROCESS_SIGNAL_TRAP

=item Sys::Virt::Domain::PROCESS_SIGNAL_TSTP

=item Sys::Virt::Domain::PROCESS_SIGNAL_TTIN

=item Sys::Virt::Domain::PROCESS_SIGNAL_TTOU

=item Sys::Virt::Domain::PROCESS_SIGNAL_URG

=item Sys::Virt::Domain::PROCESS_SIGNAL_USR1

=item Sys::Virt::Domain::PROCESS_SIGNAL_USR2

=item Sys::Virt::Domain::PROCESS_SIGNAL_VTALRM

=item Sys::Virt::Domain::PROCESS_SIGNAL_WINCH

=item Sys::Virt::Domain::PROCESS_SIGNAL_XCPU

=item Sys::Virt::Domain::PROCESS_SIGNAL_XFSZ

=back

=head2 Saving and restoring

Flags and parameter names for C<save>, C<managed_save>, C<managed_save_define_xml>, C<managed_save_get_xml_description> and, in L<Sys::Virt>, C<restore_domain> and the save image calls.

=over 4

=item Sys::Virt::Domain::SAVE_BYPASS_CACHE

=item Sys::Virt::Domain::SAVE_IMAGE_XML_SECURE

=item Sys::Virt::Domain::SAVE_PARAM_DXML

=item Sys::Virt::Domain::SAVE_PARAM_FILE

=item Sys::Virt::Domain::SAVE_PAUSED

=item Sys::Virt::Domain::SAVE_RESET_NVRAM

=item Sys::Virt::Domain::SAVE_RUNNING

=back

=head2 Scheduler

Names of the CPU scheduler parameters. C<get_scheduler_parameters> and C<set_scheduler_parameters> take them (see L</Tuning>).

=over 4

=item Sys::Virt::Domain::SCHEDULER_CAP

=item Sys::Virt::Domain::SCHEDULER_CPU_SHARES

=item Sys::Virt::Domain::SCHEDULER_EMULATOR_PERIOD

=item Sys::Virt::Domain::SCHEDULER_EMULATOR_QUOTA

=item Sys::Virt::Domain::SCHEDULER_GLOBAL_PERIOD

=item Sys::Virt::Domain::SCHEDULER_GLOBAL_QUOTA

=item Sys::Virt::Domain::SCHEDULER_IOTHREAD_PERIOD

=item Sys::Virt::Domain::SCHEDULER_IOTHREAD_QUOTA

=item Sys::Virt::Domain::SCHEDULER_LIMIT

=item Sys::Virt::Domain::SCHEDULER_RESERVATION

=item Sys::Virt::Domain::SCHEDULER_SHARES

=item Sys::Virt::Domain::SCHEDULER_VCPU_PERIOD

=item Sys::Virt::Domain::SCHEDULER_VCPU_QUOTA

=item Sys::Virt::Domain::SCHEDULER_WEIGHT

=back

=head2 Tunables

Names of the values in a tunable-changed event: the callback of a C<EVENT_ID_TUNABLE> event gets a hash with these keys, where the C<%u> of C<TUNABLE_CPU_VCPUPIN> and C<TUNABLE_IOTHREADSPIN> stands for the number of the vCPU or I/O thread (see L<Sys::Virt/Events>).

=over 4

=item Sys::Virt::Domain::TUNABLE_BLKDEV_DISK

=item Sys::Virt::Domain::TUNABLE_BLKDEV_GROUP_NAME

=item Sys::Virt::Domain::TUNABLE_BLKDEV_READ_BYTES_SEC

=item Sys::Virt::Domain::TUNABLE_BLKDEV_READ_BYTES_SEC_MAX

=item Sys::Virt::Domain::TUNABLE_BLKDEV_READ_BYTES_SEC_MAX_LENGTH

=item Sys::Virt::Domain::TUNABLE_BLKDEV_READ_IOPS_SEC

=item Sys::Virt::Domain::TUNABLE_BLKDEV_READ_IOPS_SEC_MAX

=item Sys::Virt::Domain::TUNABLE_BLKDEV_READ_IOPS_SEC_MAX_LENGTH

=item Sys::Virt::Domain::TUNABLE_BLKDEV_SIZE_IOPS_SEC

=item Sys::Virt::Domain::TUNABLE_BLKDEV_TOTAL_BYTES_SEC

=item Sys::Virt::Domain::TUNABLE_BLKDEV_TOTAL_BYTES_SEC_MAX

=item Sys::Virt::Domain::TUNABLE_BLKDEV_TOTAL_BYTES_SEC_MAX_LENGTH

=item Sys::Virt::Domain::TUNABLE_BLKDEV_TOTAL_IOPS_SEC

=item Sys::Virt::Domain::TUNABLE_BLKDEV_TOTAL_IOPS_SEC_MAX

=item Sys::Virt::Domain::TUNABLE_BLKDEV_TOTAL_IOPS_SEC_MAX_LENGTH

=item Sys::Virt::Domain::TUNABLE_BLKDEV_WRITE_BYTES_SEC

=item Sys::Virt::Domain::TUNABLE_BLKDEV_WRITE_BYTES_SEC_MAX

=item Sys::Virt::Domain::TUNABLE_BLKDEV_WRITE_BYTES_SEC_MAX_LENGTH

=item Sys::Virt::Domain::TUNABLE_BLKDEV_WRITE_IOPS_SEC

=item Sys::Virt::Domain::TUNABLE_BLKDEV_WRITE_IOPS_SEC_MAX

=item Sys::Virt::Domain::TUNABLE_BLKDEV_WRITE_IOPS_SEC_MAX_LENGTH

=item Sys::Virt::Domain::TUNABLE_CPU_CPU_SHARES

=item Sys::Virt::Domain::TUNABLE_CPU_EMULATORPIN

=item Sys::Virt::Domain::TUNABLE_CPU_EMULATOR_PERIOD

=item Sys::Virt::Domain::TUNABLE_CPU_EMULATOR_QUOTA

=item Sys::Virt::Domain::TUNABLE_CPU_GLOBAL_PERIOD

=item Sys::Virt::Domain::TUNABLE_CPU_GLOBAL_QUOTA

=item Sys::Virt::Domain::TUNABLE_CPU_IOTHREAD_PERIOD

=item Sys::Virt::Domain::TUNABLE_CPU_IOTHREAD_QUOTA

=item Sys::Virt::Domain::TUNABLE_CPU_VCPUPIN

=item Sys::Virt::Domain::TUNABLE_CPU_VCPU_PERIOD

=item Sys::Virt::Domain::TUNABLE_CPU_VCPU_QUOTA

=item Sys::Virt::Domain::TUNABLE_IOTHREADSPIN

=back

=head2 Backups

Flags for C<backup_begin>.

=over 4

=item Sys::Virt::Domain::BACKUP_BEGIN_REUSE_EXTERNAL

=back

=head2 File descriptor flags

Flags for C<fd_associate> (see L</Passing file descriptors>).

=over 4

=item Sys::Virt::Domain::FD_ASSOCIATE_SECLABEL_RESTORE

=item Sys::Virt::Domain::FD_ASSOCIATE_SECLABEL_WRITABLE

=back

=head1 DIFFERENCES FROM THE C MODULE

Besides those listed in L<Sys::Virt/DIFFERENCES FROM THE C MODULE>:

=over 4

=item Returned records are freed

The hash references returned by C<get_vcpu_info>, C<get_fs_info>,
C<get_interface_addresses> and C<get_disk_errors> go when the caller
drops them, as do libvirt's strings behind C<get_disk_errors> and
C<get_metadata>. The C module never frees any of them: a program that
polls these leaks about a kilobyte a call.

=item Array arguments are checked

C<send_key>'s key codes must be an array reference of numbers from 0 to
2**32-1, and the lists of C<fs_freeze>, C<fs_thaw> and
C<authorized_ssh_keys_set> array references of strings; anything else,
a hole or an undef element croaks with a message naming the element. The
C module crashes on holes and on non-arrays (C<send_key> silently does
nothing for a non-array, and sends key 0 for a non-number).

=item Peeks read where they are asked to

C<block_peek> and C<memory_peek> take offsets of up to 64 bits; the C
module cuts them to 32 bits and returns the bytes from the wrong place.
A size above 4 MiB (the most libvirt reads at once) croaks instead of
making the C module allocate it, or exit with "Out of memory!".

=item CPU maps are bytes

The masks of C<pin_vcpu>, C<pin_emulator> and C<pin_iothread> are read
as bytes even when Perl holds them as character strings (after
C<utf8::upgrade>, or when built from a character string); a mask with a
character above 255 croaks. The C module passes such a string's UTF-8
encoding, so that an upgraded C<"\x84"> (CPUs 2 and 7) goes to libvirt as
the two bytes C<"\xc2\x84"> (CPUs 1, 6, 7, 10 and 15).

=item Numbers are checked

Counts, sizes, times and IDs must be numbers in the range of libvirt's
argument: a negative vCPU count or memory size croaks, where the C
module passes a huge number on, and a non-numeric time croaks, where the
C module warns and passes 0.

=item C<set_autostart> reads a Perl boolean

Any true value turns autostart on; the C module reads the argument as
an integer, so that a string such as C<'yes'> turns it off.

=back

=head1 SEE ALSO

L<Sys::Virt>, L<Sys::Virt::DomainSnapshot>, L<Sys::Virt::DomainCheckpoint>,
L<Sys::Virt::Error>, and
libvirt's domain XML format at L<https://libvirt.org/formatdomain.html>.

=cut
