package Sys::Virt::NodeDevice;

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
    } elsif (exists $params{wwnn}) {
        $self = _lookup_scsihost_by_wwn($con, $params{wwnn}, $params{wwpn}, $params{flags});
    } elsif (exists $params{xml}) {
        $self = $params{nocreate}
            ? _define_xml($con, $params{xml}, $params{flags})
            : _create_xml($con, $params{xml}, $params{flags});
    } else {
        die "name parameter is required";
    }
    return bless $self, $class;
}

1;

__END__

=head1 NAME

Sys::Virt::NodeDevice - a device of the host machine

=head1 SYNOPSIS

  use Sys::Virt;

  my $conn = Sys::Virt->new(uri => 'test:///default');
  for my $dev ($conn->list_all_node_devices) {
      printf "%-16s parent %-12s caps %s\n", $dev->get_name,
          $dev->get_parent // '-', join(',', $dev->list_capabilities);
  }

=head1 DESCRIPTION

A C<Sys::Virt::NodeDevice> object stands for one device of the host as
libvirt's node device driver sees it: the machine itself (C<computer>),
PCI and USB devices, network cards, SCSI hosts and targets, storage,
mediated devices and more. Devices form a tree through their parents.

Devices are found with the host device methods of L<Sys::Virt>
(C<list_all_node_devices>, C<get_node_device_by_name>,
C<get_node_device_scsihost_by_wwn>). Some devices can be made by
libvirt: a virtual SCSI host (vHBA) or a mediated device is created from
XML with C<create_node_device>, or defined with C<define_node_device>
and started later.

Every method throws a L<Sys::Virt::Error> when libvirt refuses it (for
instance code C<Sys::Virt::Error::ERR_NO_NODE_DEVICE> once the device is
gone, or C<ERR_NO_SUPPORT> when the driver lacks the call) and croaks
with a plain message when an argument is unusable (see
L<Sys::Virt/ARGUMENTS>). Every flags argument is optional and defaults
to 0.

=head1 METHODS

=head2 Inspecting

=over 4

=item my $name = $dev->get_name();

Returns the device's name, unique on the host (such as C<pci_0000_00_1f_2>
or C<scsi_host1>).

=item my $parent = $dev->get_parent();

Returns the name of the device's parent, or undef for a device that has
none (the root of the tree, C<computer>).

=item my $xml = $dev->get_xml_description($flags);

Returns the device's XML description: its name, parent, driver and one
C<< <capability> >> element per capability with the details (addresses,
vendor and product, WWNs...). C<$flags> must be 0.

=item my @caps = $dev->list_capabilities();

Returns the names of the device's capabilities, such as C<pci>, C<net>,
C<scsi_host> or C<system>.

=item my $bool = $dev->is_active();

True when the device exists on the host now (false for a device that is
only defined).

=item my $bool = $dev->is_persistent();

True when libvirt keeps a definition of the device that outlives it.

=item my $bool = $dev->get_autostart();

True when the defined device is started when the host boots.

=item $dev->set_autostart($bool);

Turns starting the defined device at boot on (a true value) or off.

=back

=head2 Creating and removing

=over 4

=item $dev->create($flags);

Starts a device defined with L<C<define_node_device>|Sys::Virt/Host devices>.
C<$flags> must be 0.

=item $dev->destroy();

Removes a device that libvirt created (a vHBA, a started mediated
device) from the host. A defined device stays defined.

=item $dev->undefine($flags);

Deletes the definition of a device made with
L<C<define_node_device>|Sys::Virt/Host devices>. C<$flags> must be 0.

=back

=head2 Assigning to guests

These calls move a PCI device between the host's own driver and the
one used to give it to a guest (normally libvirt does this itself when
a guest with the device starts).

=over 4

=item $dev->dettach($driver, $flags);

Unbinds the device from its host driver so that a guest can use it
(the spelling is libvirt's original one). C<$driver> names the driver
to bind it to instead, such as C<vfio>; leave it out or pass undef for
the hypervisor's default. C<$flags> must be 0.

=item $dev->reattach();

Gives the device back to its host driver.

=item $dev->reset();

Resets the device; it must be detached from its host driver first.

=back

=head1 CONSTANTS

Constants are called with their full name, such as
C<Sys::Virt::NodeDevice::LIST_CAP_NET>; nothing is exported.

=head2 Listing devices

Flags for C<list_all_node_devices> in L<Sys::Virt>: each one keeps the
devices with that capability (or state); several are or-ed together.

=over 4

=item Sys::Virt::NodeDevice::LIST_CAP_SYSTEM

The host machine itself.

=item Sys::Virt::NodeDevice::LIST_CAP_PCI_DEV

PCI devices.

=item Sys::Virt::NodeDevice::LIST_CAP_USB_DEV

USB devices.

=item Sys::Virt::NodeDevice::LIST_CAP_USB_INTERFACE

Interfaces of USB devices.

=item Sys::Virt::NodeDevice::LIST_CAP_NET

Network interfaces.

=item Sys::Virt::NodeDevice::LIST_CAP_SCSI_HOST

SCSI host adapters.

=item Sys::Virt::NodeDevice::LIST_CAP_SCSI_TARGET

SCSI targets.

=item Sys::Virt::NodeDevice::LIST_CAP_SCSI

SCSI devices.

=item Sys::Virt::NodeDevice::LIST_CAP_STORAGE

Storage devices (disks, optical drives).

=item Sys::Virt::NodeDevice::LIST_CAP_FC_HOST

Fibre Channel host adapters.

=item Sys::Virt::NodeDevice::LIST_CAP_VPORTS

SCSI hosts able to create NPIV virtual ports.

=item Sys::Virt::NodeDevice::LIST_CAP_SCSI_GENERIC

SCSI generic devices.

=item Sys::Virt::NodeDevice::LIST_CAP_DRM

Direct Rendering Manager (graphics) devices.

=item Sys::Virt::NodeDevice::LIST_CAP_MDEV

Mediated devices.

=item Sys::Virt::NodeDevice::LIST_CAP_MDEV_TYPES

Devices that can host mediated devices.

=item Sys::Virt::NodeDevice::LIST_CAP_CCW_DEV

s390 CCW devices.

=item Sys::Virt::NodeDevice::LIST_CAP_CSS_DEV

s390 channel subsystem devices.

=item Sys::Virt::NodeDevice::LIST_CAP_VDPA

vDPA devices.

=item Sys::Virt::NodeDevice::LIST_CAP_AP_CARD

s390 AP cards.

=item Sys::Virt::NodeDevice::LIST_CAP_AP_QUEUE

s390 AP queues.

=item Sys::Virt::NodeDevice::LIST_CAP_AP_MATRIX

The s390 AP matrix.

=item Sys::Virt::NodeDevice::LIST_CAP_VPD

PCI devices with vital product data.

=item Sys::Virt::NodeDevice::LIST_ACTIVE

Devices that exist now.

=item Sys::Virt::NodeDevice::LIST_INACTIVE

Devices that are defined but not started.

=back

=head2 Creating and defining

=over 4

=item Sys::Virt::NodeDevice::CREATE_XML_VALIDATE

For C<create_node_device>: check the XML against libvirt's schema first.

=item Sys::Virt::NodeDevice::DEFINE_XML_VALIDATE

For C<define_node_device>: check the XML against libvirt's schema first.

=back

=head2 Events

Identifiers of node device events, and the kinds of lifecycle event.
C<node_device_event_register_any> takes the identifiers, and its
callback gets the lifecycle events and their details (see
L<Sys::Virt/Events>).

=over 4

=item Sys::Virt::NodeDevice::EVENT_ID_LIFECYCLE

The event for devices appearing, disappearing, being defined or undefined.

=item Sys::Virt::NodeDevice::EVENT_ID_UPDATE

The event for a change of a device's description.

=item Sys::Virt::NodeDevice::EVENT_CREATED

A device appeared.

=item Sys::Virt::NodeDevice::EVENT_DELETED

A device went away.

=item Sys::Virt::NodeDevice::EVENT_DEFINED

A device definition was made.

=item Sys::Virt::NodeDevice::EVENT_UNDEFINED

A device definition was deleted.

=back

=head1 DIFFERENCES FROM THE C MODULE

=over 4

=item C<get_parent> returns undef for a device without a parent

libvirt 9.0.0 reports a missing parent as an error ("no parent for this
device"), which the C module passes on although its documentation
promises undef. Here the error becomes undef when the device's
description has no parent; any other failure is still thrown.

=item C<dettach> can be called without arguments

The C module requires the driver argument (undef is allowed), so the
documented C<< $dev->dettach() >> croaks with a usage message there.
Here both arguments are optional.

=item C<set_autostart> reads a Perl boolean

As for domains: any true value turns autostart on. The C module reads
an integer, so a string such as C<'yes'> turned it off.

=item Forged objects and undef croak

A forged object, an object of another class, or undef as the device
(C<Sys::Virt::NodeDevice::destroy(undef)>) croaks with a message; the C
module crashes the process.

=back

=head1 SEE ALSO

L<Sys::Virt>, and libvirt's node device XML format at
L<https://libvirt.org/formatnode.html>.

=head1 LICENSE

This program is free software, distributed under the terms of the GNU
General Public License, version 2.

=cut
