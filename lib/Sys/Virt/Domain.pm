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
        $self = $params{nocreate}
            ? _define_xml($con, $params{xml}, $params{flags})
            : _create($con, $params{xml}, $params{flags});
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

=head1 CONSTANTS

Constants are called with their full name, such as
C<Sys::Virt::Domain::STATE_RUNNING>; nothing is exported. The package
holds every constant of the C module's C<Sys::Virt::Domain>, including
those for calls that are not implemented yet (see
L<Sys::Virt/NOT YET IMPLEMENTED>); those groups say so.

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

Whether a change applies to the running domain (C<_LIVE>), to its persistent configuration (C<_CONFIG>), to whichever of the two is current (C<_CURRENT>), or to the maximum rather than the current amount (C<MEM_MAXIMUM>). The calls that take them are not implemented yet; see L<Sys::Virt/NOT YET IMPLEMENTED>.

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

Flags for changing and querying virtual CPUs (scope, maximum, guest view, hot-pluggable), the states of one virtual CPU (offline, running, blocked), and the special host CPU numbers of a virtual CPU that is offline or whose host CPU is unknown. The calls that take them are not implemented yet; see L<Sys::Virt/NOT YET IMPLEMENTED>.

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

Names of memory tuning parameters (and the value meaning "no limit"), tags of memory statistics, the address space of a memory peek, and flags of memory failure events. The calls that take them are not implemented yet; see L<Sys::Virt/NOT YET IMPLEMENTED>.

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

Names of the block I/O weight and per-device throttling parameters. The calls that take them are not implemented yet; see L<Sys::Virt/NOT YET IMPLEMENTED>.

=over 4

=item Sys::Virt::Domain::BLKIO_DEVICE_READ_BPS

=item Sys::Virt::Domain::BLKIO_DEVICE_READ_IOPS

=item Sys::Virt::Domain::BLKIO_DEVICE_WEIGHT

=item Sys::Virt::Domain::BLKIO_DEVICE_WRITE_BPS

=item Sys::Virt::Domain::BLKIO_DEVICE_WRITE_IOPS

=item Sys::Virt::Domain::BLKIO_WEIGHT

=back

=head2 Block I/O throttling

Names of the per-disk I/O throttling parameters: bytes and operations per second for reads, writes and both, their burst maximums and burst lengths, and the throttling group. The calls that take them are not implemented yet; see L<Sys::Virt/NOT YET IMPLEMENTED>.

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

=head2 Block jobs

Types and outcomes of long-running disk jobs (pull, copy, commit, backup), and the flags and parameters of starting, tuning and ending them. The calls that take them are not implemented yet; see L<Sys::Virt/NOT YET IMPLEMENTED>.

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

Names of per-disk I/O statistics, and the flag that gives a new disk size in bytes. The calls that take them are not implemented yet; see L<Sys::Virt/NOT YET IMPLEMENTED>.

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

Names of the inbound and outbound bandwidth limits of a network interface. The calls that take them are not implemented yet; see L<Sys::Virt/NOT YET IMPLEMENTED>.

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

Names of the CPU time statistics of a domain. The calls that take them are not implemented yet; see L<Sys::Virt/NOT YET IMPLEMENTED>.

=over 4

=item Sys::Virt::Domain::CPU_STATS_CPUTIME

=item Sys::Virt::Domain::CPU_STATS_SYSTEMTIME

=item Sys::Virt::Domain::CPU_STATS_USERTIME

=item Sys::Virt::Domain::CPU_STATS_VCPUTIME

=back

=head2 Core dumps

Formats of a guest core dump and flags for taking one. The calls that take them are not implemented yet; see L<Sys::Virt/NOT YET IMPLEMENTED>.

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

States of the hypervisor's control channel to the domain, and why it failed. The calls that take them are not implemented yet; see L<Sys::Virt/NOT YET IMPLEMENTED>.

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

Flags for attaching, detaching and updating devices. The calls that take them are not implemented yet; see L<Sys::Virt/NOT YET IMPLEMENTED>.

=over 4

=item Sys::Virt::Domain::DEVICE_MODIFY_CONFIG

=item Sys::Virt::Domain::DEVICE_MODIFY_CURRENT

=item Sys::Virt::Domain::DEVICE_MODIFY_FORCE

=item Sys::Virt::Domain::DEVICE_MODIFY_LIVE

=back

=head2 Dirty page rate

States and methods of measuring how fast the guest writes to its memory. The calls that take them are not implemented yet; see L<Sys::Virt/NOT YET IMPLEMENTED>.

=over 4

=item Sys::Virt::Domain::DIRTYRATE_MEASURED

=item Sys::Virt::Domain::DIRTYRATE_MEASURING

=item Sys::Virt::Domain::DIRTYRATE_MODE_DIRTY_BITMAP

=item Sys::Virt::Domain::DIRTYRATE_MODE_DIRTY_RING

=item Sys::Virt::Domain::DIRTYRATE_MODE_PAGE_SAMPLING

=item Sys::Virt::Domain::DIRTYRATE_UNSTARTED

=back

=head2 Disk errors

The kinds of error a disk can report. The calls that take them are not implemented yet; see L<Sys::Virt/NOT YET IMPLEMENTED>.

=over 4

=item Sys::Virt::Domain::DISK_ERROR_NONE

=item Sys::Virt::Domain::DISK_ERROR_NO_SPACE

=item Sys::Virt::Domain::DISK_ERROR_UNSPEC

=back

=head2 Jobs

Types of a domain's background job, the operations such a job performs, names of its statistics, and flags for querying and aborting it. The calls that take them are not implemented yet; see L<Sys::Virt/NOT YET IMPLEMENTED>.

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

The kinds of domain event a program can register for. The calls that take them are not implemented yet; see L<Sys::Virt/NOT YET IMPLEMENTED>.

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

Lifecycle event types (the names without a further part) and the details that go with each type. The calls that take them are not implemented yet; see L<Sys::Virt/NOT YET IMPLEMENTED>.

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

Details carried by the other kinds of domain event: guest agent, disk and tray changes, graphics, I/O errors, memory failures and watchdogs. The calls that take them are not implemented yet; see L<Sys::Virt/NOT YET IMPLEMENTED>.

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

The groups of statistics to collect, and the flags that choose which domains to collect them for. The calls that take them are not implemented yet; see L<Sys::Virt/NOT YET IMPLEMENTED>.

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

Timeouts for guest agent commands, the kinds of guest information to query, where host names and interface addresses come from, and flags for managing SSH keys, passwords and the guest clock. The calls that take them are not implemented yet; see L<Sys::Virt/NOT YET IMPLEMENTED>.

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

Names of I/O thread tuning parameters. The calls that take them are not implemented yet; see L<Sys::Virt/NOT YET IMPLEMENTED>.

=over 4

=item Sys::Virt::Domain::IOTHREAD_PARAM_POLL_GROW

=item Sys::Virt::Domain::IOTHREAD_PARAM_POLL_MAX_NS

=item Sys::Virt::Domain::IOTHREAD_PARAM_POLL_SHRINK

=item Sys::Virt::Domain::IOTHREAD_PARAM_THREAD_POOL_MAX

=item Sys::Virt::Domain::IOTHREAD_PARAM_THREAD_POOL_MIN

=back

=head2 Key codes

The key code sets in which keys can be sent to the guest, and how many keys one call can send. The calls that take them are not implemented yet; see L<Sys::Virt/NOT YET IMPLEMENTED>.

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

Names of AMD SEV launch measurement and secret injection parameters. The calls that take them are not implemented yet; see L<Sys::Virt/NOT YET IMPLEMENTED>.

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

The lifecycle events (power off, reboot, crash) and the actions the hypervisor can take on them. The calls that take them are not implemented yet; see L<Sys::Virt/NOT YET IMPLEMENTED>.

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

The kinds of message a domain can carry (deprecation, tainting). The calls that take them are not implemented yet; see L<Sys::Virt/NOT YET IMPLEMENTED>.

=over 4

=item Sys::Virt::Domain::MESSAGE_DEPRECATION

=item Sys::Virt::Domain::MESSAGE_TAINTING

=back

=head2 Metadata

The kinds of metadata a domain can carry: description, title, or an element of an application's own namespace. The calls that take them are not implemented yet; see L<Sys::Virt/NOT YET IMPLEMENTED>.

=over 4

=item Sys::Virt::Domain::METADATA_DESCRIPTION

=item Sys::Virt::Domain::METADATA_ELEMENT

=item Sys::Virt::Domain::METADATA_TITLE

=back

=head2 Migration

Flags and parameter names for migration. The calls that take them are not implemented yet; see L<Sys::Virt/NOT YET IMPLEMENTED>.

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

Names of the NUMA tuning parameters and the memory placement modes. The calls that take them are not implemented yet; see L<Sys::Virt/NOT YET IMPLEMENTED>.

=over 4

=item Sys::Virt::Domain::NUMATUNE_MEM_INTERLEAVE

=item Sys::Virt::Domain::NUMATUNE_MEM_PREFERRED

=item Sys::Virt::Domain::NUMATUNE_MEM_RESTRICTIVE

=item Sys::Virt::Domain::NUMATUNE_MEM_STRICT

=item Sys::Virt::Domain::NUMA_MODE

=item Sys::Virt::Domain::NUMA_NODESET

=back

=head2 Consoles and channels

Flags for opening consoles, channels and graphics connections. The calls that take them are not implemented yet; see L<Sys::Virt/NOT YET IMPLEMENTED>.

=over 4

=item Sys::Virt::Domain::OPEN_CHANNEL_FORCE

=item Sys::Virt::Domain::OPEN_CONSOLE_FORCE

=item Sys::Virt::Domain::OPEN_CONSOLE_SAFE

=item Sys::Virt::Domain::OPEN_GRAPHICS_SKIPAUTH

=back

=head2 Performance events

Names of the hardware and software performance counters that can be enabled for a domain. The calls that take them are not implemented yet; see L<Sys::Virt/NOT YET IMPLEMENTED>.

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

Signals that can be sent to a process inside the guest, named as in POSIX (C<PROCESS_SIGNAL_NOP> checks that the process exists; C<RT0> to C<RT32> are the real-time signals). The calls that take them are not implemented yet; see L<Sys::Virt/NOT YET IMPLEMENTED>.

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

Flags and parameter names for saving a domain's memory to a file and restoring it. The calls that take them are not implemented yet; see L<Sys::Virt/NOT YET IMPLEMENTED>.

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

Names of the CPU scheduler parameters. The calls that take them are not implemented yet; see L<Sys::Virt/NOT YET IMPLEMENTED>.

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

Names of the values in a tunable-changed event. The calls that take them are not implemented yet; see L<Sys::Virt/NOT YET IMPLEMENTED>.

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

Flags for starting a backup job. The calls that take them are not implemented yet; see L<Sys::Virt/NOT YET IMPLEMENTED>.

=over 4

=item Sys::Virt::Domain::BACKUP_BEGIN_REUSE_EXTERNAL

=back

=head2 Passing file descriptors

Flags for handing file descriptors to the hypervisor. The calls that take them are not implemented yet; see L<Sys::Virt/NOT YET IMPLEMENTED>.

=over 4

=item Sys::Virt::Domain::FD_ASSOCIATE_SECLABEL_RESTORE

=item Sys::Virt::Domain::FD_ASSOCIATE_SECLABEL_WRITABLE

=back

=head1 SEE ALSO

L<Sys::Virt>, L<Sys::Virt::DomainSnapshot>, L<Sys::Virt::Error>, and
libvirt's domain XML format at L<https://libvirt.org/formatdomain.html>.

=cut
