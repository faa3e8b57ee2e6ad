package Sys::Virt::DomainCheckpoint;

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
        $self = _create_xml($dom, $params{xml}, $params{flags} ? $params{flags} : 0);
    } else {
        die "name or xml parameters are required";
    }
    return bless $self, $class;
}

1;

__END__

=head1 NAME

Sys::Virt::DomainCheckpoint - a point in time from which backups of a domain's disks are incremental

=head1 SYNOPSIS

  use Sys::Virt;

  my $conn = Sys::Virt->new(uri => 'qemu:///system');
  my $dom = $conn->get_domain_by_name('web');

  my $monday = $dom->create_checkpoint(q{
      <domaincheckpoint>
        <name>monday</name>
        <disks><disk name='vda' type='bitmap'/></disks>
      </domaincheckpoint>
  });
  print $monday->get_xml_description(Sys::Virt::DomainCheckpoint::XML_NO_DOMAIN);
  $monday->delete;

=head1 DESCRIPTION

A checkpoint marks a moment in the life of a running domain's disks:
from then on the hypervisor tracks which blocks are written (QEMU keeps
a dirty bitmap inside each qcow2 image), so that a later backup (see
L<C<backup_begin>|Sys::Virt::Domain/Jobs and backups>) can copy just what changed since the
checkpoint. Checkpoints are made, found and listed with the checkpoint
methods of L<Sys::Virt::Domain> (C<create_checkpoint>,
C<get_checkpoint_by_name>, C<list_all_checkpoints>); a
C<Sys::Virt::DomainCheckpoint> object stands for one of them.

Like snapshots, the checkpoints of a domain form a tree: a new
checkpoint becomes a child of the newest one.

Every method throws a L<Sys::Virt::Error> when libvirt refuses it (code
C<Sys::Virt::Error::ERR_NO_DOMAIN_CHECKPOINT> once the checkpoint is
gone, for instance) and croaks with a plain message when an argument is
unusable (see L<Sys::Virt/ARGUMENTS>). Every flags argument is optional
and defaults to 0.

=head1 METHODS

=over 4

=item my $name = $chkp->get_name();

Returns the checkpoint's name, unique among the domain's checkpoints.

=item my $xml = $chkp->get_xml_description($flags);

Returns the checkpoint's C<< <domaincheckpoint> >> document: its name,
description, creation time, parent, the disks it covers and the domain's
configuration at that time. C<$flags> takes C<XML_SECURE> (include
secrets), C<XML_SIZE> (add, for each disk, how many bytes have changed
since the checkpoint; the domain must be running) and C<XML_NO_DOMAIN>
(leave out the domain's configuration).

=item my $parent = $chkp->get_parent($flags);

Returns the checkpoint made just before this one. A root checkpoint has
no parent; the call then throws a L<Sys::Virt::Error> with code
C<Sys::Virt::Error::ERR_NO_DOMAIN_CHECKPOINT>. C<$flags> must be 0.

=item my @children = $chkp->list_all_children($flags);

Returns an object for each direct child of the checkpoint, or with
C<LIST_DESCENDANTS> for each descendant. C<LIST_LEAVES>,
C<LIST_NO_LEAVES> and C<LIST_TOPOLOGICAL> filter and order the result.

=item $chkp->delete($flags);

Deletes the checkpoint: its record and the disks' bitmaps (merged into
the parent's, so that the parent still covers everything written since
it was made). C<DELETE_CHILDREN> deletes the descendants too,
C<DELETE_CHILDREN_ONLY> only the descendants, and
C<DELETE_METADATA_ONLY> forgets libvirt's record but leaves the bitmaps
in the images (a later C<CREATE_REDEFINE> can bring the record back).
The object cannot be used once the checkpoint itself is gone.

=back

=head1 CONSTANTS

Constants are called with their full name, such as
C<Sys::Virt::DomainCheckpoint::LIST_ROOTS>; nothing is exported.

=head2 Creating checkpoints

Flags for C<create_checkpoint> (in L<Sys::Virt::Domain>).

=over 4

=item Sys::Virt::DomainCheckpoint::CREATE_REDEFINE

Restore libvirt's record of a checkpoint whose bitmaps exist, from its XML, instead of making a new one.

=item Sys::Virt::DomainCheckpoint::CREATE_REDEFINE_VALIDATE

With C<CREATE_REDEFINE>, check that the disks' bitmaps really match the XML.

=item Sys::Virt::DomainCheckpoint::CREATE_QUIESCE

Ask the guest agent to freeze the guest's file systems at the checkpoint.

=back

=head2 Deleting checkpoints

Flags for C<delete>.

=over 4

=item Sys::Virt::DomainCheckpoint::DELETE_CHILDREN

Delete the checkpoint and all of its descendants.

=item Sys::Virt::DomainCheckpoint::DELETE_CHILDREN_ONLY

Delete the descendants and keep the checkpoint itself.

=item Sys::Virt::DomainCheckpoint::DELETE_METADATA_ONLY

Forget libvirt's record of the checkpoint but leave the bitmaps in place.

=back

=head2 Listing checkpoints

Flags for C<list_all_checkpoints> (in L<Sys::Virt::Domain>) and C<list_all_children>.

=over 4

=item Sys::Virt::DomainCheckpoint::LIST_ROOTS

For a domain's list: only checkpoints without a parent.

=item Sys::Virt::DomainCheckpoint::LIST_DESCENDANTS

For a checkpoint's list: every descendant, not only the direct children (the same value as C<LIST_ROOTS>).

=item Sys::Virt::DomainCheckpoint::LIST_LEAVES

Only checkpoints without children.

=item Sys::Virt::DomainCheckpoint::LIST_NO_LEAVES

Only checkpoints with children.

=item Sys::Virt::DomainCheckpoint::LIST_TOPOLOGICAL

Order the result so that a parent always comes before its children.

=back

=head2 Checkpoint XML

Flags for C<get_xml_description>.

=over 4

=item Sys::Virt::DomainCheckpoint::XML_SECURE

Include security-sensitive details such as passwords.

=item Sys::Virt::DomainCheckpoint::XML_SIZE

Report for each disk the size of the data changed since the checkpoint.

=item Sys::Virt::DomainCheckpoint::XML_NO_DOMAIN

Leave out the domain's configuration.

=back

=head1 SEE ALSO

L<Sys::Virt>, L<Sys::Virt::Domain>, and libvirt's checkpoint XML format
at L<https://libvirt.org/formatcheckpoint.html>.

=head1 LICENSE

This program is free software, distributed under the terms of the GNU
General Public License, version 2.

=cut
