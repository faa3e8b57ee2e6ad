# -*- perl -*-
#
# Serialising objects: Storable::dclone, freeze/thaw, nstore/retrieve (in
# another process) and a Data::Dumper round trip never crash. The classes
# define no Storable hooks, so Storable copies the blessed scalar (the
# handle's address as a number) but not the magic that makes it one of
# our objects: the copy must then be refused by every method with our
# plain "is not a ... object" croak, dropping it must not release the
# original's libvirt reference, and the original keeps working. Where the
# classes have a STORABLE_freeze hook that refuses, Storable must croak
# with a plain message naming the class (and nothing is copied); a
# Data::Dumper round trip, which no hook can stop, must still give copies
# that are refused.
#
# Everything runs in forked children (t/lib/Crash.pm) so that a crash is a
# failure and not the end of the test.

use strict;
use warnings;

use B ();
use Data::Dumper ();
use File::Temp ();
use FindBin;
use lib "$FindBin::Bin/lib";

use Storable ();
use Test::More;

use Crash ();
use Sys::Virt;
BEGIN { Crash::assert_our_build() }

my $URI = 'test:///default';

my %CLASS = (con => 'Sys::Virt', dom => 'Sys::Virt::Domain', snap => 'Sys::Virt::DomainSnapshot',
             pool => 'Sys::Virt::StoragePool', vol => 'Sys::Virt::StorageVol', net => 'Sys::Virt::Network',
             st => 'Sys::Virt::Stream', dev => 'Sys::Virt::NodeDevice', iface => 'Sys::Virt::Interface');

sub objects {
    my $con = Sys::Virt->new(uri => $URI);
    my $dom = $con->get_domain_by_name('test');
    my $snap = eval { $dom->get_snapshot_by_name('store') }
        || $dom->create_snapshot('<domainsnapshot><name>store</name></domainsnapshot>');
    my $pool = $con->get_storage_pool_by_name('default-pool');
    my $vol = eval { $pool->get_volume_by_name('store.img') }
        || $pool->create_volume('<volume><name>store.img</name><capacity>1024</capacity></volume>');
    my $net = $con->get_network_by_name('default');
    my $st = $con->new_stream;
    my $dev = $con->get_node_device_by_name('scsi_host1');
    my $iface = $con->get_interface_by_name('eth1');
    return { con => $con, dom => $dom, snap => $snap, pool => $pool, vol => $vol, net => $net, st => $st,
             dev => $dev, iface => $iface };
}

# The XSUBs of a package that take the object first (all but the lookup
# and constructor helpers, whose first argument is of another class).
sub object_xsubs {
    my ($pkg) = @_;
    no strict 'refs';
    my @names;
    for my $name (sort keys %{"${pkg}::"}) {
        # CLONE is perl's hook for new threads, called with a class name.
        next if $name =~ /::$/ || $name =~ /^(?:bootstrap|DESTROY|CLONE)$/ || $name =~ /^_/;
        next unless defined &{"${pkg}::$name"};
        my $cv = B::svref_2object(\&{"${pkg}::$name"});
        next if !$cv->XSUB || $cv->CvFLAGS & B::CVf_CONST();
        push @names, $name;
    }
    return @names;
}

# Every object method called on $copy must croak with our message; the
# original must still work; the copy is then dropped.
sub check_copy {
    my ($kind, $copy, $orig) = @_;
    my $class = $CLASS{$kind};
    my @bad;
    for my $m (object_xsubs($class)) {
        my $code = \&{"${class}::$m"};
        # As many arguments as the method takes (its usage message says
        # when there are too few or too many).
        my ($ok, $e);
        for my $n (0 .. 6) {
            $ok = eval { $code->($copy, ('0') x $n); 1 };
            $e = $@;
            last unless !$ok && !ref $e && $e =~ /^Usage: /;
        }
        push @bad, "$m: returned a value" if $ok;
        push @bad, "$m: $e" if !$ok && (ref $e || $e !~ /^\Q${class}::$m\E: argument '\w+' is not a \Q$class\E object/);
    }
    die join("\n", "the copy of a $class object was not refused:", @bad) . "\n" if @bad;
    undef $copy;
    # (a stream has no name: aborting an unused one is what shows it works)
    my $name = $kind eq 'con' ? $orig->get_uri : $kind eq 'st' ? eval { $orig->abort; 'stream' } : $orig->get_name;
    die "the original $class object broke after its copy was dropped\n" unless defined $name && length $name;
}

sub in_child {
    my ($name, $code) = @_;
    my $r = Crash::run_in_child(sub { $code->(); print "ok\n" }, timeout => 30);
    ok($r->{ok} && $r->{stdout} =~ /(?:\A|\n)ok\n\z/ && $r->{stderr} eq '', $name)
        or diag "stdout: $r->{stdout}\n" . Crash::describe($r);
    return $r;
}

# Storable either croaks (a clean Perl exception) or makes a copy.
sub copy_or_croak {
    my ($how, $code) = @_;
    my $copy = eval { $code->() };
    return (undef, $@) unless defined $copy;
    return ($copy, undef);
}

# A refusal must be a plain message that names the class, and leave the
# original working.
sub refused {
    my ($err, $kind) = @_;
    die "refused with something odd: $err\n" if ref $err || $err !~ /\Q$CLASS{$kind}\E/;
    print "REFUSED\n";
}

for my $kind (qw(con dom snap pool vol net st dev iface)) {
    in_child("Storable::dclone of a $CLASS{$kind} object", sub {
        my $o = objects();
        my ($copy, $err) = copy_or_croak(dclone => sub { Storable::dclone($o->{$kind}) });
        if (defined $err) { refused($err, $kind); return }
        die "dclone gave a " . ref($copy) . "\n" unless ref $copy eq $CLASS{$kind};
        print "COPY\n";
        check_copy($kind, $copy, $o->{$kind});
    });

    in_child("Storable freeze/thaw of a structure holding a $CLASS{$kind} object", sub {
        my $o = objects();
        my ($copy, $err) = copy_or_croak(freeze => sub { Storable::thaw(Storable::freeze({ obj => $o->{$kind}, list => [$o->{$kind}] })) });
        if (defined $err) { refused($err, $kind); return }
        die "the two copies are not the same object\n" unless $copy->{obj} == $copy->{list}[0];
        my $obj = delete $copy->{obj};
        @{ $copy->{list} } = ();
        check_copy($kind, $obj, $o->{$kind});
    });

    in_child("Data::Dumper round trip of a $CLASS{$kind} object", sub {
        my $o = objects();
        local $Data::Dumper::Purity = 1;
        my $VAR1;
        my $copy = eval Data::Dumper::Dumper($o->{$kind});
        die "eval: $@" unless defined $copy;
        check_copy($kind, $copy, $o->{$kind});
    });
}

# nstore in one process, retrieve in another: the number inside is an
# address of a process that is gone.
{
    my $dir = File::Temp->newdir;
    my $file = "$dir/objects.sto";
    my $stored = in_child('nstore of objects', sub {
        my $o = objects();
        my $err = eval { Storable::nstore($o, $file); 1 } ? undef : $@;
        if (defined $err) { refused($err, 'con'); return }
        print "STORED\n";
    });
    if ($stored->{stdout} =~ /^STORED/) {
        in_child('retrieve in another process: the objects are refused', sub {
            my $o = Storable::retrieve($file);
            my $live = objects();
            check_copy($_, delete $o->{$_}, $live->{$_}) for qw(con dom snap pool vol net st dev iface);
        });
    }
}

# Error objects are plain hashes: they survive a round trip intact.
in_child('a Sys::Virt::Error survives dclone', sub {
    my $o = objects();
    my $e = eval { $o->{con}->get_domain_by_name('no-such-domain'); 1 } ? undef : $@;
    die "no error\n" unless ref $e;
    my $c = Storable::dclone($e);
    die "copy differs\n" unless ref $c eq 'Sys::Virt::Error' && $c->code == $e->code && "$c" eq "$e";
});

# dclone of a copy, and the original used by many copies in turn.
in_child('copies of copies, many times over, leave the original working', sub {
    my $o = objects();
    for (1 .. 1000) {
        # (With hooks that refuse to serialise, there is nothing to copy.)
        my $c = eval { Storable::dclone([$o->{dom}, $o->{snap}, $o->{con}, $o->{net}, $o->{dev}, $o->{iface}]) } or last;
        my $cc = Storable::dclone($c);
        undef $c;
        $_->DESTROY for @$cc;    # DESTROY on a copy gives back nothing
    }
    die "original domain\n" unless $o->{dom}->get_name eq 'test';
    die "original snapshot\n" unless $o->{snap}->get_name eq 'store';
    die "original connection\n" unless $o->{con}->get_uri eq $URI;
    die "original network\n" unless $o->{net}->get_name eq 'default';
    die "original node device\n" unless $o->{dev}->get_parent eq 'computer';
    die "original interface\n" unless $o->{iface}->get_mac eq 'aa:bb:cc:dd:ee:ff';
});

# Classes with no object on the test driver: a forged object of each is
# refused by Storable's hook, naming the class.
for my $class (qw(Sys::Virt::Secret Sys::Virt::NWFilter Sys::Virt::NWFilterBinding)) {
    in_child("Storable::dclone of a $class object is refused", sub {
        my $forged = bless \(my $x = 1), $class;
        my $err = eval { Storable::dclone($forged); 1 } ? undef : $@;
        die "dclone made a copy\n" unless defined $err;
        die "refused with something odd: $err\n" if ref $err || $err !~ /\A\Q$class\E objects hold live libvirt handles/;
    });
}

done_testing;
