package Sys::Virt::DomainSnapshot;

use strict;
use warnings;

sub _new {
    my ($proto, %params) = @_;
    my $class = ref($proto) || $proto;
    my $dom = exists $params{domain} ? $params{domain}
        : die "domain parameter is required";
    my $self;
    if (exists $params{name}) {
        $self = _lookup_by_name($dom, $params{name});
    } elsif (exists $params{xml}) {
        $self = _create_xml($dom, $params{xml}, $params{flags});
    } else {
        die "name or xml parameters are required";
    }
    return bless $self, $class;
}

sub list_child_snapshots {
    my $self = shift;
    # A function call, not a method call: an object of another class
    # with a method of this name (a checkpoint) is refused, not obeyed.
    my @children = list_all_children($self);
    return @children;
}

1;

__END__

=head1 NAME

Sys::Virt::DomainSnapshot - a saved state of a libvirt domain

=head1 SYNOPSIS

  use Sys::Virt;

  my $conn = Sys::Virt->new(uri => 'test:///default');
  my $dom = $conn->get_domain_by_name('test');

  my $snap = $dom->create_snapshot(q{
      <domainsnapshot>
        <name>clean</name>
        <description>freshly installed</description>
      </domainsnapshot>
  });

  # ... change the domain ...

  $snap->revert_to;
  $snap->delete;

=head1 DESCRIPTION

A C<Sys::Virt::DomainSnapshot> object stands for one snapshot of a
domain. Snapshots are taken, looked up and listed with the snapshot
methods of L<Sys::Virt::Domain> (C<create_snapshot>,
C<get_snapshot_by_name>, C<current_snapshot>, C<list_all_snapshots>);
the methods here inspect one snapshot, move around the snapshot tree,
revert the domain to a snapshot, and delete snapshots.

The snapshots of a domain form a tree. Taking a snapshot makes it a
child of the domain's current snapshot (or a new root when there is
none) and makes it the current one; reverting to a snapshot makes that
one current, so the next snapshot becomes its child, starting a new
branch.

Every method throws a L<Sys::Virt::Error> when libvirt refuses it (for
instance with code C<Sys::Virt::Error::ERR_NO_DOMAIN_SNAPSHOT> once the
snapshot has been deleted) and croaks with a plain message when an
argument is unusable (see L<Sys::Virt/ARGUMENTS>). Every flags argument
is optional and defaults to 0.

=head1 METHODS

=head2 Inspecting

=over 4

=item my $name = $snap->get_name();

Returns the snapshot's name, unique among the snapshots of its domain.

=item my $xml = $snap->get_xml_description($flags);

Returns the snapshot's XML description: its C<< <name> >>,
C<< <description> >>, C<< <state> >> (the state the domain was in, such
as C<running> or C<shutoff>), C<< <creationTime> >> (in seconds since
the epoch), C<< <parent> >>, the disks and memory captured, and the
domain's configuration at the time. C<XML_SECURE> in C<$flags> includes
secrets.

=item my $bool = $snap->is_current($flags);

True when this is the domain's current snapshot. C<$flags> must be 0.

=item my $bool = $snap->has_metadata($flags);

True when libvirt keeps a record of the snapshot (false for one made
with C<CREATE_NO_METADATA>). C<$flags> must be 0.

=back

=head2 The snapshot tree

=over 4

=item my $parent = $snap->get_parent($flags);

Returns the snapshot this one was taken from. A root snapshot has no
parent: the call then throws a L<Sys::Virt::Error> with code
C<Sys::Virt::Error::ERR_NO_DOMAIN_SNAPSHOT>. C<$flags> must be 0.

=item my $count = $snap->num_of_child_snapshots($flags);

Returns how many direct children the snapshot has; with
C<LIST_DESCENDANTS>, how many descendants. The other C<LIST_*> flags
filter as for L<C<list_all_snapshots>|Sys::Virt::Domain/Snapshots>.

=item my @snaps = $snap->list_all_children($flags);

Returns an object for each direct child of the snapshot; with
C<LIST_DESCENDANTS>, for each descendant. The other C<LIST_*> flags
filter the result.

=item my @snaps = $snap->list_child_snapshots();

Returns an object for each direct child, like C<list_all_children>
without flags. (The C module always returns an empty list here; see
L<Sys::Virt/DIFFERENCES FROM THE C MODULE>.)

=item my @names = $snap->list_child_snapshot_names($maxnames, $flags);

Returns the names of the direct children (or, with C<LIST_DESCENDANTS>,
of all descendants), at most C<$maxnames> of them. C<$maxnames> may be
left out or undef to get every name, and must not be negative; the list
is never longer than C<$maxnames>.

  use Sys::Virt;
  use Sys::Virt::DomainSnapshot;

  my $conn = Sys::Virt->new(uri => 'test:///default');
  my $dom = $conn->get_domain_by_name('test');
  $dom->create_snapshot("<domainsnapshot><name>$_</name></domainsnapshot>")
      for qw(base install updates);

  sub show {
      my ($snap, $depth) = @_;
      print '  ' x $depth, $snap->get_name, "\n";
      show($_, $depth + 1) for $snap->list_all_children;
  }
  show($_, 0) for $dom->list_all_snapshots(Sys::Virt::DomainSnapshot::LIST_ROOTS);

  my $updates = $dom->get_snapshot_by_name('updates');
  print "parent of updates: ", $updates->get_parent->get_name, "\n";

=back

=head2 Reverting and deleting

=over 4

=item $snap->revert_to($flags);

Brings the domain back to the state recorded in the snapshot and makes
the snapshot current. The domain ends up running or shut off as it was
when the snapshot was taken, unless C<$flags> has C<REVERT_RUNNING> or
C<REVERT_PAUSED>. Some reverts could lose data or surprise a running
guest; libvirt refuses them with C<ERR_SNAPSHOT_REVERT_RISKY> unless
C<REVERT_FORCE> is given.

=item $snap->delete($flags);

Deletes the snapshot. Its children become children of its parent.
C<DELETE_CHILDREN> deletes its descendants too, C<DELETE_CHILDREN_ONLY>
deletes the descendants and keeps the snapshot, and
C<DELETE_METADATA_ONLY> forgets libvirt's record but leaves the data.
The object cannot be used after the snapshot itself is deleted.

  use Sys::Virt;
  use Sys::Virt::DomainSnapshot;

  my $conn = Sys::Virt->new(uri => 'test:///default');
  my $dom = $conn->get_domain_by_name('test');
  my $base = $dom->create_snapshot('<domainsnapshot><name>base</name></domainsnapshot>');
  $dom->create_snapshot('<domainsnapshot><name>trial</name></domainsnapshot>');

  $base->revert_to(Sys::Virt::DomainSnapshot::REVERT_RUNNING);
  $base->delete(Sys::Virt::DomainSnapshot::DELETE_CHILDREN_ONLY);   # drops trial
  printf "%d snapshot(s) left\n", $dom->num_of_snapshots;            # 1

=back

=head1 CONSTANTS

Constants are called with their full name, such as
C<Sys::Virt::DomainSnapshot::LIST_ROOTS>; nothing is exported.

=head2 Creating snapshots

Flags for C<create_snapshot> (in L<Sys::Virt::Domain>).

=over 4

=item Sys::Virt::DomainSnapshot::CREATE_REDEFINE

Restore the metadata of a snapshot that exists on disk from its XML, instead of taking a new one.

=item Sys::Virt::DomainSnapshot::CREATE_CURRENT

With C<CREATE_REDEFINE>, make the redefined snapshot the current one.

=item Sys::Virt::DomainSnapshot::CREATE_NO_METADATA

Take the snapshot but let libvirt keep no record of it.

=item Sys::Virt::DomainSnapshot::CREATE_HALT

Stop the domain once the snapshot is taken.

=item Sys::Virt::DomainSnapshot::CREATE_DISK_ONLY

Capture the disks only, not the memory state.

=item Sys::Virt::DomainSnapshot::CREATE_REUSE_EXT

Use the external files named in the XML even though they already exist.

=item Sys::Virt::DomainSnapshot::CREATE_QUIESCE

Ask the guest agent to freeze the guest's file systems while the disks are captured.

=item Sys::Virt::DomainSnapshot::CREATE_ATOMIC

Either every disk is captured or nothing changes.

=item Sys::Virt::DomainSnapshot::CREATE_LIVE

Keep the guest running while its memory is saved.

=item Sys::Virt::DomainSnapshot::CREATE_VALIDATE

Check the XML against the schema first.

=back

=head2 Deleting snapshots

Flags for C<delete>.

=over 4

=item Sys::Virt::DomainSnapshot::DELETE_CHILDREN

Delete the snapshot and all of its descendants.

=item Sys::Virt::DomainSnapshot::DELETE_METADATA_ONLY

Forget libvirt's record of the snapshot but leave its data in place.

=item Sys::Virt::DomainSnapshot::DELETE_CHILDREN_ONLY

Delete the descendants and keep the snapshot itself.

=back

=head2 Listing snapshots

Flags for the listing and counting calls of both packages. Flags of one pair (such as C<LIST_LEAVES> and C<LIST_NO_LEAVES>) are alternatives; flags from different pairs narrow the result together.

=over 4

=item Sys::Virt::DomainSnapshot::LIST_DESCENDANTS

For a snapshot's list: every descendant, not only the direct children. (The same value as C<LIST_ROOTS>; which meaning applies depends on the call.)

=item Sys::Virt::DomainSnapshot::LIST_ROOTS

For a domain's list: only snapshots that have no parent.

=item Sys::Virt::DomainSnapshot::LIST_METADATA

Only snapshots that libvirt keeps a record of.

=item Sys::Virt::DomainSnapshot::LIST_LEAVES

Only snapshots without children.

=item Sys::Virt::DomainSnapshot::LIST_NO_LEAVES

Only snapshots with children.

=item Sys::Virt::DomainSnapshot::LIST_NO_METADATA

Only snapshots without such a record.

=item Sys::Virt::DomainSnapshot::LIST_INACTIVE

Only snapshots of a shut-off domain.

=item Sys::Virt::DomainSnapshot::LIST_ACTIVE

Only snapshots of a running domain.

=item Sys::Virt::DomainSnapshot::LIST_DISK_ONLY

Only disk-only snapshots.

=item Sys::Virt::DomainSnapshot::LIST_INTERNAL

Only snapshots stored inside the disk images.

=item Sys::Virt::DomainSnapshot::LIST_EXTERNAL

Only snapshots stored in separate files.

=item Sys::Virt::DomainSnapshot::LIST_TOPOLOGICAL

Sort the result so that a parent always comes before its children.

=back

=head2 Reverting

Flags for C<revert_to>.

=over 4

=item Sys::Virt::DomainSnapshot::REVERT_RUNNING

Run the domain after reverting, whatever state the snapshot recorded.

=item Sys::Virt::DomainSnapshot::REVERT_PAUSED

Leave the domain paused after reverting.

=item Sys::Virt::DomainSnapshot::REVERT_FORCE

Go ahead with a revert that libvirt considers risky.

=item Sys::Virt::DomainSnapshot::REVERT_RESET_NVRAM

Start from a fresh copy of the firmware variables.

=back

=head2 Snapshot XML

Flags for C<get_xml_description>.

=over 4

=item Sys::Virt::DomainSnapshot::XML_SECURE

Include security-sensitive details such as passwords.

=back

=head1 SEE ALSO

L<Sys::Virt>, L<Sys::Virt::Domain>, and libvirt's snapshot XML format at
L<https://libvirt.org/formatsnapshot.html>.

=cut
