#!/usr/bin/perl
#
# Shows and manages the snapshot tree of one libvirt domain.
# Run with --help for the manual.

use strict;
use warnings;

use Getopt::Long qw(GetOptions);
use Pod::Usage qw(pod2usage);
use POSIX qw(strftime);

use Sys::Virt;

my %opt = (uri => 'test:///default');
GetOptions(\%opt, 'uri|c=s', 'description|d=s', 'children', 'external', 'demo', 'help|h')
    or pod2usage(-exitval => 2, -verbose => 0);
pod2usage(-exitval => 0, -verbose => 2, -noperldoc => 1) if $opt{help};

# command => [ number of NAME arguments, handler ]
my %commands = (
    tree   => [0, \&show_tree],
    take   => [1, \&take],
    revert => [1, \&revert],
    prune  => [1, \&prune],
    delete => [1, \&delete_snapshot],
    merge  => [1, \&merge],
);

my ($domain_name, $command, @args) = @ARGV;
pod2usage(-exitval => 2, -verbose => 0, -message => 'Which domain?')
    unless defined $domain_name;
$command //= 'tree';
my $spec = $commands{$command}
    or pod2usage(-exitval => 2, -verbose => 0, -message => "Unknown command '$command'.");
pod2usage(-exitval => 2, -verbose => 0,
          -message => "'$command' takes " . ($spec->[0] ? 'a snapshot NAME' : 'no argument') . '.')
    unless @args == $spec->[0];
pod2usage(-exitval => 2, -verbose => 0, -message => '--description is only for take.')
    if defined $opt{description} && $command ne 'take';
pod2usage(-exitval => 2, -verbose => 0, -message => '--children is only for delete.')
    if $opt{children} && $command ne 'delete';
pod2usage(-exitval => 2, -verbose => 0, -message => '--external is only for take.')
    if $opt{external} && $command ne 'take';

# Merging waits for libvirt's block job events, which need an event loop
# registered before the connection opens.
Sys::Virt::Event::register_default() if $command eq 'merge';

my $conn;
my $ok = eval {
    $conn = Sys::Virt->new(uri => $opt{uri});
    my $dom = $conn->get_domain_by_name($domain_name);
    build_demo_tree($dom) if $opt{demo};
    $spec->[1]->($dom, @args);
    # On the test driver every change is lost when this process exits:
    # show what the command did.
    show_tree($dom) if $opt{demo} && $command ne 'tree';
    1;
};
unless ($ok) {
    my $err = $@;
    my $text = ref $err && $err->isa('Sys::Virt::Error') ? $err->message : "$err";
    $text =~ s/\s+\z//;
    print STDERR "snapshot-tree: $text\n";
    exit 1;
}
exit 0;

# ---------------------------------------------------------------- commands

sub show_tree {
    my ($dom) = @_;
    my @roots = sort_snapshots($dom->list_all_snapshots(Sys::Virt::DomainSnapshot::LIST_ROOTS));
    unless (@roots) {
        printf "Domain '%s' has no snapshots.\n", $dom->get_name;
        return;
    }
    printf "Snapshots of domain '%s' (* = current):\n", $dom->get_name;
    print_subtree($_, '', undef) for @roots;
}

sub take {
    my ($dom, $name) = @_;
    my $xml = '<domainsnapshot><name>' . xml_escape($name) . '</name>';
    $xml .= '<description>' . xml_escape($opt{description}) . '</description>'
        if defined $opt{description};
    $xml .= '</domainsnapshot>';
    # External: each disk goes on in a new overlay file, the old image
    # becomes its read-only backing file; no memory is saved.
    my $flags = $opt{external}
        ? Sys::Virt::DomainSnapshot::CREATE_DISK_ONLY | Sys::Virt::DomainSnapshot::CREATE_ATOMIC
        : 0;
    my $snap = $dom->create_snapshot($xml, $flags);
    printf "Took %ssnapshot '%s' of domain '%s'.\n", $opt{external} ? 'external ' : '',
        $snap->get_name, $dom->get_name;
}

sub revert {
    my ($dom, $name) = @_;
    $dom->get_snapshot_by_name($name)->revert_to;
    printf "Reverted domain '%s' to snapshot '%s'.\n", $dom->get_name, $name;
}

sub prune {
    my ($dom, $name) = @_;
    my $snap = $dom->get_snapshot_by_name($name);
    my $count = $snap->num_of_child_snapshots(Sys::Virt::DomainSnapshot::LIST_DESCENDANTS);
    $snap->delete(Sys::Virt::DomainSnapshot::DELETE_CHILDREN_ONLY);
    printf "Deleted %d snapshot%s below '%s'.\n", $count, $count == 1 ? '' : 's', $name;
}

sub delete_snapshot {
    my ($dom, $name) = @_;
    my $snap = $dom->get_snapshot_by_name($name);
    if ($opt{children}) {
        my $count = $snap->num_of_child_snapshots(Sys::Virt::DomainSnapshot::LIST_DESCENDANTS);
        $snap->delete(Sys::Virt::DomainSnapshot::DELETE_CHILDREN);
        printf "Deleted snapshot '%s' and %d snapshot%s below it.\n",
            $name, $count, $count == 1 ? '' : 's';
    } else {
        $snap->delete;
        printf "Deleted snapshot '%s'.\n", $name;
    }
}

# Merges the newest external snapshot back: each disk's overlay (the active
# image) is committed into the image below it, the disk switches back to
# that image, and the snapshot's record goes. The data written since the
# snapshot stays; what the snapshot preserved is gone.
sub merge {
    my ($dom, $name) = @_;
    my $snap = $dom->get_snapshot_by_name($name);
    die "snapshot '$name' is not the current one: only the newest external snapshot can be merged\n"
        unless $snap->is_current;
    my @disks = $snap->get_xml_description =~ m{<disk\s+name=['"]([^'"]+)['"][^>]*\bsnapshot=['"]external['"]}g;
    die "snapshot '$name' has no external disk snapshots\n" unless @disks;
    die "merging needs the domain running\n" unless $dom->is_active;
    for my $disk (@disks) {
        my ($top, $base) = disk_chain($dom, $disk);
        die "disk '$disk' has no backing image to merge into\n" unless defined $base;
        run_until_ready($dom, $disk, sub {
            $dom->block_commit($disk, $base, $top, 0, Sys::Virt::Domain::BLOCK_COMMIT_ACTIVE);
        });
        # Without BLOCK_JOB_ABORT_ASYNC the pivot returns once the disk is
        # on $base and the job has ended.
        $dom->abort_block_job($disk, Sys::Virt::Domain::BLOCK_JOB_ABORT_PIVOT);
    }
    my $parent = eval { $snap->get_parent };
    $snap->delete(Sys::Virt::DomainSnapshot::DELETE_METADATA_ONLY);
    printf "Merged snapshot '%s' into %s (disks: %s).\n", $name,
        $parent ? sprintf("its parent '%s'", $parent->get_name) : 'the base images', join(', ', @disks);
}

# Starts a block job on a disk with $start and runs the event loop until
# libvirt announces the job ready to pivot, for at most a minute. The
# event is libvirt's own word that a pivot will be accepted; the cur and
# end of get_block_job_info are qemu's progress, read separately.
sub run_until_ready {
    my ($dom, $disk, $start) = @_;
    my %outcome = (
        Sys::Virt::Domain::BLOCK_JOB_READY()     => 'ready',
        Sys::Virt::Domain::BLOCK_JOB_COMPLETED() => 'ended before it was ready',
        Sys::Virt::Domain::BLOCK_JOB_FAILED()    => 'failed',
        Sys::Virt::Domain::BLOCK_JOB_CANCELED()  => 'was cancelled',
    );
    my $state;
    my $event = $conn->domain_event_register_any($dom, Sys::Virt::Domain::EVENT_ID_BLOCK_JOB_2, sub {
        my (undef, undef, $target, undef, $status) = @_;
        $state //= $outcome{$status} if $target eq $disk;
    });
    my $timer = Sys::Virt::Event::add_timeout(60_000, sub { $state //= 'did not become ready within a minute' });
    my $ok = eval {
        $start->();
        Sys::Virt::Event::run_default() until defined $state;
        1;
    };
    my $err = $@;
    Sys::Virt::Event::remove_timeout($timer);
    $conn->domain_event_deregister_any($event);
    die $err unless $ok;
    die "the block job on '$disk' $state\n" unless $state eq 'ready';
}

# The files of a disk's active image and of the image below it, from the
# domain's XML: <disk> ... <source file=TOP/> ... <target dev=DISK/>, with
# <backingStore> ... <source file=BASE/> inside.
sub disk_chain {
    my ($dom, $disk) = @_;
    for my $xml ($dom->get_xml_description =~ m{(<disk\b.*?</disk>)}gs) {
        next unless $xml =~ m{<target\s+dev=['"]\Q$disk\E['"]};
        my ($top) = $xml =~ m{<source\s+file=['"]([^'"]+)['"]};
        my ($backing) = $xml =~ m{<backingStore\b[^>]*>(.*?)</backingStore>}s;
        my ($base) = defined $backing ? $backing =~ m{<source\s+file=['"]([^'"]+)['"]} : ();
        return ($top, $base);
    }
    die "the domain has no disk '$disk'\n";
}

# A small tree to look at and experiment with:
#
#   base
#   |-- installed
#   |   |-- experiment
#   |   `-- updated      (current)
#   `-- minimal
sub build_demo_tree {
    my ($dom) = @_;
    my $take = sub {
        my ($name, $description) = @_;
        $dom->create_snapshot(sprintf
            '<domainsnapshot><name>%s</name><description>%s</description></domainsnapshot>',
            xml_escape($name), xml_escape($description));
    };
    my $base = $take->(base => 'freshly created');
    my $installed = $take->(installed => 'operating system installed');
    my $updated = $take->(updated => 'updates applied');
    $installed->revert_to;
    $take->(experiment => 'trying something out');
    $base->revert_to;
    $take->(minimal => 'a second branch from base');
    $updated->revert_to;
}

# ---------------------------------------------------------------- helpers

# Prints a snapshot and, below it, its children. $prefix is what goes in
# front of the lines of this level; $last is undef for a root, else
# whether the snapshot is the last of its siblings.
sub print_subtree {
    my ($snap, $prefix, $last) = @_;
    my ($branch, $below) = !defined $last ? ('', '')
                         : $last          ? ('`-- ', '    ')
                         :                  ('|-- ', '|   ');
    print $prefix, $branch, describe($snap), "\n";
    my @children = sort_snapshots($snap->list_all_children);
    for my $i (0 .. $#children) {
        print_subtree($children[$i], $prefix . $below, $i == $#children);
    }
}

# "NAME (YYYY-MM-DD HH:MM:SS, STATE)", with " *" for the current snapshot.
sub describe {
    my ($snap) = @_;
    my $info = snapshot_info($snap);
    my $when = defined $info->{created}
        ? strftime('%Y-%m-%d %H:%M:%S', localtime $info->{created})
        : 'unknown time';
    return sprintf '%s (%s, %s)%s', $snap->get_name, $when,
        $info->{state} // 'unknown state', $snap->is_current ? ' *' : '';
}

# The creation time and domain state recorded in a snapshot's XML. Both
# elements sit at the top of <domainsnapshot>, before the copy of the
# domain's own XML, so the first match is the right one.
sub snapshot_info {
    my ($snap) = @_;
    my $xml = $snap->get_xml_description;
    my %info;
    $info{created} = $1 if $xml =~ m{<creationTime>\s*(\d+)\s*</creationTime>};
    $info{state} = $1 if $xml =~ m{<state>\s*([^<\s]+)\s*</state>};
    return \%info;
}

# Oldest first; snapshots taken in the same second by name.
sub sort_snapshots {
    my @snaps = @_;
    my %key = map { $_->get_name => snapshot_info($_)->{created} // 0 } @snaps;
    return sort { $key{$a->get_name} <=> $key{$b->get_name} or $a->get_name cmp $b->get_name } @snaps;
}

sub xml_escape {
    my ($text) = @_;
    $text =~ s/&/&amp;/g;
    $text =~ s/</&lt;/g;
    $text =~ s/>/&gt;/g;
    return $text;
}

__END__

=head1 NAME

snapshot-tree.pl - show and manage the snapshot tree of a libvirt domain

=head1 SYNOPSIS

  snapshot-tree.pl [--uri URI] DOMAIN [tree]
  snapshot-tree.pl [--uri URI] DOMAIN take NAME [--description TEXT] [--external]
  snapshot-tree.pl [--uri URI] DOMAIN revert NAME
  snapshot-tree.pl [--uri URI] DOMAIN prune NAME
  snapshot-tree.pl [--uri URI] DOMAIN delete NAME [--children]
  snapshot-tree.pl [--uri URI] DOMAIN merge NAME
  snapshot-tree.pl --demo test [COMMAND ...]
  snapshot-tree.pl --help

=head1 DESCRIPTION

Prints the snapshots of a domain as a tree, and takes, reverts to and
deletes snapshots, using L<Sys::Virt>.

=head1 COMMANDS

=over 4

=item tree

The default. Prints one line per snapshot, children indented below
their parent and oldest first: the snapshot's name, when it was taken,
and the state the domain was in (C<running>, C<shutoff>, ...). The
current snapshot is marked with C<*>.

  Snapshots of domain 'test' (* = current):
  base (2024-05-01 09:00:00, running)
  |-- installed (2024-05-01 09:10:00, running)
  |   |-- experiment (2024-05-01 09:30:00, running)
  |   `-- updated (2024-05-01 09:20:00, running) *
  `-- minimal (2024-05-01 09:40:00, running)

=item take NAME

Takes a snapshot called NAME. It becomes a child of the current snapshot
and the new current snapshot. With C<--external>, the snapshot is of the
disks only and external: each disk continues in a new overlay file and
its former image, left as it was, becomes the overlay's backing file.

=item revert NAME

Brings the domain back to the snapshot NAME, which becomes current: the
next snapshot taken starts a new branch below it.

=item prune NAME

Deletes every snapshot below NAME and keeps NAME itself.

=item delete NAME

Deletes the snapshot NAME. Its children move up to NAME's parent, unless
C<--children> is given, which deletes them too.

=item merge NAME

Merges the external snapshot NAME, which must be the current one, into
its parent: on the running domain, each disk's overlay is committed into
the image below it (a block commit of the active layer), the disk
switches back to that image, and the snapshot's record is deleted. What
was written since the snapshot stays; the state the snapshot preserved
is gone. This is the usual end of working on an external snapshot.

=back

=head1 OPTIONS

=over 4

=item --uri URI, -c URI

The libvirt connection to use. The default is C<test:///default>,
libvirt's built-in test driver.

=item --description TEXT, -d TEXT

With C<take>: the snapshot's description.

=item --children

With C<delete>: delete the snapshot's descendants as well.

=item --external

With C<take>: an external snapshot of the disks only (see C<take>).

=item --demo

Before running the command, take a few sample snapshots of DOMAIN
(C<base>, C<installed>, C<updated>, C<experiment>, C<minimal>, as in
the example above), and after a command that changes something, print
the tree again. The test driver forgets every change when the program
exits, so this is the way to see the commands at work there:

  perl -Mblib examples/snapshot-tree.pl --demo test tree
  perl -Mblib examples/snapshot-tree.pl --demo test prune installed

On a real hypervisor it takes real snapshots.

=item --help, -h

Shows this manual.

=back

=head1 EXIT STATUS

0 on success, 1 when libvirt refuses (the reason is printed on standard
error), 2 for a usage error.

=cut
