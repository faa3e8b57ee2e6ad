# -*- perl -*-
#
# Events from a private libvirtd with the QEMU driver, over its UNIX
# socket, with libvirt's default event loop: the lifecycle of a guest that
# boots nothing, the events of the calls this build has for them (reset,
# device hotplug, tuning, metadata, a core dump's job-completed, a block
# commit's write past a threshold), keepalive, and the close callback
# when the daemon is killed while run_default waits.

use strict;
use warnings;

use FindBin;
use lib "$FindBin::Bin/lib";

use Test::More;
use Time::HiRes ();
use Crash ();
use Sys::Virt;
BEGIN { Crash::assert_our_build() }
use PrivateLibvirtd;
use SVTest qw(error_of perl_child child_status_ok);

use constant DOM => 'Sys::Virt::Domain';

my $d = PrivateLibvirtd->start_or_skip;
PrivateLibvirtd->watchdog(240, '162-events-libvirtd.t');

Sys::Virt::Event::register_default();
my $conn = Sys::Virt->new(uri => $d->uri);

# Runs the loop until $done->() is true or $ms have passed.
sub run_until {
    my ($done, $ms) = @_;
    my $expired = 0;
    my $timer = Sys::Virt::Event::add_timeout($ms, sub { $expired = 1 });
    Sys::Virt::Event::run_default() until $expired || $done->();
    Sys::Virt::Event::remove_timeout($timer);
    return $done->();
}

my (@life, %by_id);
my $life_id = $conn->domain_event_register_any(undef, DOM->EVENT_ID_LIFECYCLE, sub {
    my ($c, $dom, $event, $detail) = @_;
    push @life, [ref $c, $dom->get_name, $event, $detail];
});
for my $name (qw(REBOOT DEVICE_ADDED DEVICE_REMOVED TUNABLE METADATA_CHANGE JOB_COMPLETED BLOCK_THRESHOLD)) {
    my $eid = DOM->can("EVENT_ID_$name")->();
    $conn->domain_event_register_any(undef, $eid, sub { push @{ $by_id{$name} }, [ref $_[0], ref $_[1], @_[2 .. $#_]] });
}

sub saw {
    my ($event, $detail) = @_;
    return sub { grep { $_->[2] == $event && $_->[3] == $detail } @life };
}

# An overlay holding 2 MiB of data over an empty base image: committing
# it writes into the base, past the threshold set on it below.
my $base = $d->make_disk('ev162-base');
my $disk = $d->make_disk('ev162', backing => $base);
my ($wrote, $io_out) = $d->qemu_io($disk, 'write -P 0x5a 0 2M');
ok($wrote, 'the overlay holds data') or diag $io_out;
# A SCSI controller: SCSI disks plug and unplug without the guest's help
# (the PCI bus of the 'pc' machine takes no hotplugged devices).
(my $guest = $d->guest_xml('ev162', $disk)) =~ s{<memballoon}{<controller type='scsi' index='0' model='virtio-scsi'/>\n    <memballoon};
my $dom = $conn->define_domain($guest);
ok(run_until(saw(DOM->EVENT_DEFINED, DOM->EVENT_DEFINED_ADDED), 5000), 'define: DEFINED / ADDED');
is_deeply($life[0], ['Sys::Virt', 'ev162', DOM->EVENT_DEFINED, DOM->EVENT_DEFINED_ADDED], 'with ($conn, $dom, $event, $detail)');

$dom->create;
ok(run_until(saw(DOM->EVENT_STARTED, DOM->EVENT_STARTED_BOOTED), 10000), 'start: STARTED / BOOTED');
$dom->suspend;
ok(run_until(saw(DOM->EVENT_SUSPENDED, DOM->EVENT_SUSPENDED_PAUSED), 5000), 'suspend: SUSPENDED / PAUSED');
$dom->resume;
ok(run_until(saw(DOM->EVENT_RESUMED, DOM->EVENT_RESUMED_UNPAUSED), 5000), 'resume: RESUMED / UNPAUSED');

$dom->reset;
ok(run_until(sub { $by_id{REBOOT} }, 5000), 'reset: a reboot event');

{
    my $raw = $d->image_path('ev162-extra.raw');
    open my $fh, '>', $raw or die "$raw: $!";
    truncate $fh, 1 << 20 or die "$raw: $!";
    close $fh;
    my $extra = "<disk type='file' device='disk'><driver name='qemu' type='raw'/>"
              . "<source file='$raw'/><target dev='sdb' bus='scsi'/><alias name='ua-ev162disk'/></disk>";
    $dom->attach_device($extra, DOM->DEVICE_MODIFY_LIVE);
    ok(run_until(sub { $by_id{DEVICE_ADDED} }, 5000), 'hotplug: a device-added event');
    is_deeply($by_id{DEVICE_ADDED}[0], ['Sys::Virt', DOM, 'ua-ev162disk'], 'with ($conn, $dom, $alias)');
    $dom->detach_device($extra, DOM->DEVICE_MODIFY_LIVE);
    ok(run_until(sub { $by_id{DEVICE_REMOVED} }, 5000), 'unplug: a device-removed event');
    is_deeply($by_id{DEVICE_REMOVED}[0], ['Sys::Virt', DOM, 'ua-ev162disk'], 'with ($conn, $dom, $alias)');
}

$dom->pin_vcpu(0, '1');
ok(run_until(sub { $by_id{TUNABLE} }, 5000), 'pinning a vCPU: a tunable event');
my $tuned = $by_id{TUNABLE} && $by_id{TUNABLE}[0][2];
is(ref $tuned, 'HASH', 'its parameters are a hash');
ok($tuned && exists $tuned->{'cputune.vcpupin0'}, 'naming the pinned vCPU') or note explain $tuned;

$dom->set_metadata(DOM->METADATA_DESCRIPTION, 'watched', undef, undef, DOM->AFFECT_LIVE);
ok(run_until(sub { $by_id{METADATA_CHANGE} }, 5000), 'set_metadata: a metadata-change event');
is_deeply($by_id{METADATA_CHANGE}[0], ['Sys::Virt', DOM, DOM->METADATA_DESCRIPTION, undef], 'with ($conn, $dom, $type, $nsuri)');

# A core dump is a job of its own, and says so when it ends.
$dom->core_dump($d->dir . '/ev162.core');
ok(run_until(sub { $by_id{JOB_COMPLETED} }, 10000), 'core_dump: a job-completed event');
my $job = $by_id{JOB_COMPLETED} ? $by_id{JOB_COMPLETED}[0] : [];
is_deeply([@$job[0, 1]], ['Sys::Virt', DOM], 'with ($conn, $dom, $stats)');
is(ref $job->[2], 'HASH', 'the statistics of the job are a hash');
is($job->[2]{operation}, DOM->JOB_OPERATION_DUMP, 'of a dump') or note explain $job->[2];
like($job->[2]{time_elapsed} // '', qr/^\d+\z/, 'with its time elapsed');

my ($base_index) = $dom->get_xml_description =~ m{<backingStore type='file' index='(\d+)'};
ok(defined $base_index, 'the base image has an index in the chain');
$dom->set_block_threshold("vda[$base_index]", 512 * 1024);
$dom->block_commit('vda', undef, undef, 0, DOM->BLOCK_COMMIT_ACTIVE);
ok(run_until(sub { $by_id{BLOCK_THRESHOLD} }, 10000), 'committing the overlay: a block-threshold event on the base');
my $threshold = $by_id{BLOCK_THRESHOLD} ? $by_id{BLOCK_THRESHOLD}[0] : [];
is_deeply([@$threshold[0 .. 4]], ['Sys::Virt', DOM, "vda[$base_index]", $base, 512 * 1024],
          'with ($conn, $dom, $dev, $path, $threshold, $excess)');
cmp_ok($threshold->[5] // 0, '>', 0, 'the write went past the threshold');
$dom->abort_block_job('vda');
is(($dom->get_block_job_info('vda') || {})->{type}, 0, 'the commit is cancelled');

$dom->destroy;
ok(run_until(saw(DOM->EVENT_STOPPED, DOM->EVENT_STOPPED_DESTROYED), 10000), 'destroy: STOPPED / DESTROYED');
$dom->undefine;
ok(run_until(saw(DOM->EVENT_UNDEFINED, DOM->EVENT_UNDEFINED_REMOVED), 5000), 'undefine: UNDEFINED / REMOVED');
is(scalar(grep { $_->[0] ne 'Sys::Virt' || $_->[1] ne 'ev162' } @life), 0, 'every lifecycle event named the connection and the guest');

# ---------------------------- the same daemon through a Perl event loop

{
    my $uri = $d->uri;
    my ($status, $out) = perl_child(<<PERL);
use lib '$FindBin::Bin/lib';
use SelectLoop;
\$| = 1;
my \$loop = SelectLoop->new;
my \$c = Sys::Virt->new(uri => '$uri');
my \@got;
\$c->domain_event_register_any(undef, 0, sub { push \@got, "\$_[2]/\$_[3]" });
my \$dom = \$c->define_domain(q{<domain type='qemu'><name>loop162</name><memory unit='MiB'>32</memory><os><type>hvm</type></os></domain>});
\$dom->undefine;
my \$end = time + 10;
\$loop->run_once(100) while \@got < 2 && time < \$end;
my \@handles = grep { \$_->[0] eq 'add_handle' } \@{ \$loop->{calls} };
print "handles ", scalar(\@handles), "\n";
print "events \@got\n";
PERL
    child_status_ok($status, 'a Perl event loop on a remote connection', $out);
    like($out, qr/^handles [1-9]/m, 'the client socket is watched through the Perl loop\'s add_handle');
    like($out, qr{^events @{[DOM->EVENT_DEFINED]}/@{[DOM->EVENT_DEFINED_ADDED]} @{[DOM->EVENT_UNDEFINED]}/@{[DOM->EVENT_UNDEFINED_REMOVED]}$}m,
         'and the daemon\'s events arrive through it');
}

# A Perl event loop while the remote driver takes its watch away, as the
# connection is freed. SelectLoop hands the watch's data back to libvirt
# inside remove_handle; libvirt's free function then runs once libvirt
# has returned (at once, it would wait for a lock the closing connection
# holds). If the loop fails, perl's own rule for a DESTROY applies.
# A die is a warning "(in cleanup) ..." under the misc warnings and is
# gone without them (the next call is not the one to fail); an exit ends
# the program with its status, END blocks run, nothing after it.
{
    my $uri = $d->uri;
    my $failing_loop = <<PERL;
use strict;
use warnings;
use lib '$FindBin::Bin/lib';
use SelectLoop;
\$| = 1;
package FailingLoop { our \@ISA = ('SelectLoop'); sub remove_handle { shift->SUPER::remove_handle(\@_); \$main::fail->() } }
my \$loop = FailingLoop->new;
my \@warned;
\$SIG{__WARN__} = sub { push \@warned, \$_[0] };
PERL
    my ($status, $out) = perl_child($failing_loop . <<PERL);
\$main::fail = sub { };
my \$c = Sys::Virt->new(uri => '$uri');
undef \$c;
print "closed: ", scalar(\@warned), " warnings\n";
\$main::fail = sub { die "remove_handle died\\n" };
\$c = Sys::Virt->new(uri => '$uri');
undef \$c;
print "warned: \@warned\n";
\@warned = ();
\$c = Sys::Virt->new(uri => '$uri');
{ no warnings 'misc'; undef \$c; }
print "quiet: ", scalar(\@warned), "\n";
my \$next = Sys::Virt->new(uri => 'test:///default');
print "next call: ", \$next->get_hostname, "\n";
PERL
    child_status_ok($status, 'a die in the loop while a connection is freed', $out);
    like($out, qr/^closed: 0 warnings$/m,
         'a loop that frees a watch inside remove_handle (libvirt allows it) closes the connection without a deadlock');
    like($out, qr/^warned: \t\(in cleanup\) remove_handle died$/m, 'is warned "(in cleanup)"') or diag $out;
    like($out, qr/^quiet: 0$/m, 'and not without the misc warnings');
    like($out, qr/^next call: \S+$/m, 'the next call does not fail for it');

    ($status, $out) = perl_child($failing_loop . <<PERL);
\$main::fail = sub { exit 7 };
END { print "END block ran\n" }
my \$c = Sys::Virt->new(uri => '$uri');
undef \$c;
print "after the free\n";
PERL
    is($status >> 8, 7, 'an exit in the loop while a connection is freed ends the program with its status') or diag $out;
    like($out, qr/^END block ran$/m, 'after END blocks');
    unlike($out, qr/after the free/, 'and nothing after the free runs');
}

# ------------------------------------------------------------ keepalive

is(error_of { $conn->set_keep_alive(5, 3) }, undef, 'set_keep_alive on a remote connection');

# ----------------------------------------- the daemon killed under us

{
    my (@closed, $freed);
    package CloseGuard { sub new { bless { count => $_[1] }, $_[0] } sub DESTROY { ${ $_[0]{count} }++ } }
    my $watcher = Sys::Virt->new(uri => $d->uri);
    do {
        my $guard = CloseGuard->new(\$freed);
        $watcher->register_close_callback(sub { my $keep = $guard; push @closed, [ref $_[0], $_[1]] });
    };
    my $err = error_of { $watcher->register_close_callback(sub { }) };
    isa_ok($err, 'Sys::Virt::Error', 'a second close callback on one connection');

    # Kill the daemon shortly after run_default has started waiting.
    my $killer = Sys::Virt::Event::add_timeout(200, sub {
        Sys::Virt::Event::remove_timeout($_[0]);
        $d->kill_libvirtd;
    });
    ok(run_until(sub { @closed }, 10000), 'the close callback fires when the daemon dies during run_default');
    is_deeply($closed[0], ['Sys::Virt', Sys::Virt::CLOSE_REASON_EOF], 'with ($conn, CLOSE_REASON_EOF)');
    ok(!$watcher->is_alive, 'the connection is dead');
    $watcher->unregister_close_callback;
    is($freed, 1, 'unregistering frees its closure once');
    pass('and the process lives on');
}

done_testing;
