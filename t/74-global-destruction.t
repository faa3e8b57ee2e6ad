# -*- perl -*-
#
# Objects still alive when the program ends are released during global
# destruction without errors, warnings or crashes: objects in package
# variables, in reference cycles (which only global destruction frees), in
# closures, in the module's own stash, in $@, in subclasses with a Perl
# DESTROY, used from END blocks, in an order where the connection
# object goes before the objects made from it, and streams whose event
# callbacks are still registered.
#
# Each program runs in a fresh perl (forked and exec'd by t/lib/Crash.pm),
# with all warnings on (bar 'once'; every warning is also routed through
# $SIG{__WARN__} to STDERR), once plainly and once with PERL_DESTRUCT_LEVEL=2 (full
# destruction of every scalar on perls that honour it). It must exit 0,
# print "done" and nothing on STDERR.

use strict;
use warnings;

use File::Spec;
use FindBin;
use lib "$FindBin::Bin/lib";

use Test::More;

use Crash ();
use Sys::Virt;
BEGIN { Crash::assert_our_build() }

# The directories this build was loaded from, for the fresh perls.
my ($lib) = $INC{'Sys/Virt.pm'} =~ m{^(.*)/Sys/Virt\.pm\z};
my ($arch) = grep { -e File::Spec->catfile($_, qw(auto Sys Virt Virt.so)) } @INC;
ok(defined $arch, 'found the directory holding our shared library')
    or BAIL_OUT('cannot find auto/Sys/Virt/Virt.so on @INC');

my $PRELUDE = <<'PERL';
use strict;
use warnings;
no warnings 'once';
use Sys::Virt;
die "loaded $INC{'Sys/Virt.pm'}\n" unless $INC{'Sys/Virt.pm'} =~ m{blib/lib/Sys/Virt\.pm\z};
$SIG{__WARN__} = sub { print STDERR "WARNING: $_[0]" };
my $URI = 'test:///default';
sub snap_xml { "<domainsnapshot><name>$_[0]</name></domainsnapshot>" }
PERL

my %programs = (
    'objects in package variables' => <<'PERL',
our $con = Sys::Virt->new(uri => $URI);
our $dom = $con->get_domain_by_name('test');
our @snaps = map { $dom->create_snapshot(snap_xml("g$_")) } 1 .. 5;
our %by_name = map { ($_->get_name => $_) } @snaps;
$Other::Package::dom = $dom;
@Other::Package::many = map { $con->get_domain_by_name('test') } 1 .. 50;
print "done\n";
PERL

    'objects in reference cycles' => <<'PERL',
my $con = Sys::Virt->new(uri => $URI);
my $dom = $con->get_domain_by_name('test');
my %self;
$self{me} = \%self;
$self{con} = $con;
$self{dom} = $dom;
$self{snap} = $dom->create_snapshot(snap_xml('cycle'));
my @ring = ({}, {}, {});
$ring[$_]{next} = $ring[($_ + 1) % 3] for 0 .. 2;
$ring[$_]{obj} = $con->get_domain_by_name('test') for 0 .. 2;
my $selfref;
$selfref = \$selfref;
# An object that (through a hash) refers to itself.
my $holder = { dom => $con->get_domain_by_name('test') };
$holder->{again} = $holder;
print "done\n";
PERL

    'objects in closures' => <<'PERL',
my $con = Sys::Virt->new(uri => $URI);
my $dom = $con->get_domain_by_name('test');
our $get = sub { $dom->get_name };
my $rec;
$rec = sub { my $n = shift; return $n ? $rec->($n - 1) : $con->get_uri };
our $keep_rec = $rec;    # the closure refers to itself: a cycle
{
    my $snap = $dom->create_snapshot(snap_xml('closure'));
    sub named_closure { return $snap->get_name }
}
die "closure\n" unless $get->() eq 'test' && $rec->(3) eq $URI && named_closure() eq 'closure';
print "done\n";
PERL

    'objects in the module\'s own stashes' => <<'PERL',
$Sys::Virt::kept = Sys::Virt->new(uri => $URI);
$Sys::Virt::Domain::kept = $Sys::Virt::kept->get_domain_by_name('test');
@Sys::Virt::DomainSnapshot::kept = ($Sys::Virt::Domain::kept->create_snapshot(snap_xml('stash')));
$Sys::Virt::Error::kept = eval { $Sys::Virt::kept->get_domain_by_name('nope'); 1 } ? undef : $@;
print "done\n";
PERL

    'the connection object goes first' => <<'PERL',
our $con = Sys::Virt->new(uri => $URI);
my $dom = $con->get_domain_by_name('test');
my $snap = $dom->create_snapshot(snap_xml('order'));
our @late = ($dom, $snap);
undef $con;
die "domain without its connection object\n" unless $dom->get_name eq 'test';
print "done\n";
PERL

    'a libvirt error object left in $@' => <<'PERL',
my $con = Sys::Virt->new(uri => $URI);
eval { $con->get_domain_by_name('no-such-domain') };
die "no error object\n" unless ref $@ && $@->isa('Sys::Virt::Error');
our $err = $@;
print "done\n";
PERL

    'subclasses with a Perl DESTROY' => <<'PERL',
package My::Con;  our @ISA = ('Sys::Virt');
sub DESTROY { my $self = shift; my $u = $self->get_uri; $self->SUPER::DESTROY }
package My::Dom;  our @ISA = ('Sys::Virt::Domain');
sub DESTROY { my $self = shift; my $n = $self->get_name; $self->SUPER::DESTROY }
package My::Snap; our @ISA = ('Sys::Virt::DomainSnapshot');
sub DESTROY { my $self = shift; my $n = $self->get_name; $self->SUPER::DESTROY }
package main;
our $con = bless Sys::Virt->new(uri => $URI), 'My::Con';
our $dom = bless $con->get_domain_by_name('test'), 'My::Dom';
our @snaps = map { bless $dom->create_snapshot(snap_xml("sub$_")), 'My::Snap' } 1 .. 3;
my %cycle = (con => $con, dom => $dom);
$cycle{self} = \%cycle;
print "done\n";
PERL

    'objects used from END blocks' => <<'PERL',
our $con = Sys::Virt->new(uri => $URI);
our $dom = $con->get_domain_by_name('test');
my $snap = $dom->create_snapshot(snap_xml('end'));
END {
    die "END: domain\n" unless $dom->get_name eq 'test';
    die "END: snapshots\n" unless grep { $_ eq 'end' } $dom->list_snapshot_names;
    my $fresh = Sys::Virt->new(uri => $URI)->get_domain_by_name('test');
    our $made_in_end = $fresh;
}
print "done\n";
PERL

    'objects after exit() from inside a sub with local values' => <<'PERL',
our $con = Sys::Virt->new(uri => $URI);
our $dom;
sub leave {
    local $dom = $con->get_domain_by_name('test');
    my $snap = $dom->create_snapshot(snap_xml('exit'));
    print "done\n";
    exit 0;
}
leave();
PERL

    'storage pools and volumes in globals, cycles and the stashes at exit' => <<'PERL',
our $con = Sys::Virt->new(uri => $URI);
our $pool = $con->get_storage_pool_by_name('default-pool');
our @vols = map { $pool->create_volume("<volume><name>gd$_</name><capacity>1024</capacity></volume>") } 1 .. 3;
$Sys::Virt::StoragePool::kept = $pool;
@Sys::Virt::StorageVol::kept = @vols;
my %cycle = (pool => $pool, vols => [$pool->list_all_volumes]);
$cycle{self} = \%cycle;
our $gone = $vols[2];
$con->get_storage_volume_by_path('/default-pool/gd3')->delete;
package My::Vol; our @ISA = ('Sys::Virt::StorageVol');
sub DESTROY { my $self = shift; my $n = $self->get_name; $self->SUPER::DESTROY }
package main;
our $sub = bless $pool->get_volume_by_name('gd1'), 'My::Vol';
undef $con;
die "pool without its connection object\n" unless $pool->get_info->{state} == 2;
print "done\n";
PERL

    'stale and destroyed objects at exit' => <<'PERL',
my $con = Sys::Virt->new(uri => $URI);
my $dom = $con->get_domain_by_name('test');
our $gone = $dom->create_snapshot(snap_xml('gone'));
$gone->delete;
our $destroyed = $con->get_domain_by_name('test');
$destroyed->DESTROY;
our $forged = bless \(my $x = 12345), 'Sys::Virt::Domain';
our $dclone_like = bless \(my $y = ${$dom}), 'Sys::Virt::Domain';
print "done\n";
PERL

    'streams with event callbacks still registered' => <<'PERL',
Sys::Virt::Event::register_default();
our $con = Sys::Virt->new(uri => $URI);
my $dom = $con->get_domain_by_name('test');
our $st = $con->new_stream(Sys::Virt::Stream::NONBLOCK());
$dom->screenshot($st, 0);
# The callback holds the stream and a cycle that holds the callback's data.
our $cycle = { st => $st };
$cycle->{self} = $cycle;
$st->add_callback(Sys::Virt::Stream::EVENT_READABLE(), sub { my $keep = $cycle });
my $dying = $con->new_stream(Sys::Virt::Stream::NONBLOCK());
$dom->screenshot($dying, 0);
$dying->add_callback(Sys::Virt::Stream::EVENT_READABLE(), sub { die "callback died\n" });
eval { Sys::Virt::Event::run_default() for 1 .. 10_000 };
die "expected the callback's die, got: $@" unless $@ eq "callback died\n";
our $unused = $con->new_stream;
our $half = $con->new_stream;
$dom->screenshot($half, 0);
$half->recv(my $buf, 10);
print "done\n";
PERL
);

for my $name (sort keys %programs) {
    my $source = $PRELUDE . $programs{$name};
    for my $level (undef, 2) {
        my $r = Crash::run_in_child(sub {
            if (defined $level) { $ENV{PERL_DESTRUCT_LEVEL} = $level } else { delete $ENV{PERL_DESTRUCT_LEVEL} }
            exec $^X, "-I$arch", "-I$lib", '-e', $source;
            die "exec $^X: $!";
        }, timeout => 30);
        my $how = defined $level ? " (PERL_DESTRUCT_LEVEL=$level)" : '';
        ok($r->{ok} && $r->{stdout} eq "done\n" && $r->{stderr} eq '', "$name$how: clean exit, nothing on STDERR")
            or diag "stdout: $r->{stdout}\n" . Crash::describe($r);
    }
}

done_testing;
