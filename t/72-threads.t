# -*- perl -*-
#
# Perl ithreads: every object alive when a thread starts is cloned into it
# and each clone holds its own libvirt reference. Objects are used in the
# parent and in the threads at the same time, dropped on either side,
# returned from threads to the parent, and everything still works after
# the joins. Each scenario runs in a forked child (t/lib/Crash.pm), so a
# crash, also one at interpreter exit, is a failure of that scenario, and
# the child's STDERR must stay empty (no warnings at thread or process
# exit).

use strict;
use warnings;

use Config;
use FindBin;
use lib "$FindBin::Bin/lib";

use Test::More;

use Crash ();
use Sys::Virt;
BEGIN { Crash::assert_our_build() }

plan skip_all => 'this perl is built without ithreads (useithreads is not defined)'
    unless $Config{useithreads};

my $URI = 'test:///default';
my $THREADS = 4;

sub snap_xml { return "<domainsnapshot><name>$_[0]</name></domainsnapshot>" }
sub dom_xml {
    return "<domain type='test'><name>$_[0]</name><memory>1024</memory>"
         . "<os><type>hvm</type></os></domain>";
}

# Runs $code in a child with threads loaded; it must print "ok\n" last,
# exit 0, without a signal, a hang, or anything on STDERR.
sub scenario {
    my ($name, $code) = @_;
    my $r = Crash::run_in_child(sub {
        require threads;
        threads->import;
        $code->();
        print "ok\n";
    }, timeout => 60);
    my $clean = $r->{ok} && $r->{stdout} =~ /(?:\A|\n)ok\n\z/ && $r->{stderr} eq '';
    ok($clean, $name) or diag "stdout: $r->{stdout}\n" . Crash::describe($r);
    return $r;
}

# A connection, the test domain, a persistent domain of our own, and a
# small snapshot tree on it: root -> (a, b), a -> a1.
sub fixtures {
    my $con = Sys::Virt->new(uri => $URI);
    my $dom = $con->get_domain_by_name('test');
    my $own = $con->define_domain(dom_xml('thr-dom'));
    $own->create;
    my %snap;
    $snap{root} = $own->create_snapshot(snap_xml('root'));
    $snap{a}    = $own->create_snapshot(snap_xml('a'));
    $snap{a1}   = $own->create_snapshot(snap_xml('a1'));
    $snap{root}->revert_to;
    $snap{b}    = $own->create_snapshot(snap_xml('b'));
    return ($con, $dom, $own, \%snap);
}

# Uses every object once; returns a string that only a working set of
# objects produces.
sub exercise {
    my ($con, $dom, $own, $snap) = @_;
    my @out;
    push @out, $con->get_uri, $con->get_type, scalar($con->list_domain_ids);
    push @out, $dom->get_name, $dom->get_id, $own->get_name;
    push @out, join ',', sort map { $_->get_name } $own->list_all_snapshots;
    push @out, join ',', sort $own->list_snapshot_names;
    push @out, $snap->{a1}->get_parent->get_name, $snap->{root}->num_of_child_snapshots;
    push @out, length($dom->get_xml_description) > 100 ? 'xml' : 'short xml';
    my $err = eval { $con->get_domain_by_name('no-such-domain'); 1 } ? 'no error' : ref($@) . ':' . $@->code;
    push @out, $err;
    my $croak = eval { $dom->get_xml_description(-1); 1 } ? 'no croak' : ($@ =~ /argument 'flags'/ ? 'croak' : "bad croak: $@");
    push @out, $croak;
    return join '|', @out;
}

# -------------------------------------------------------------------------

scenario('threads started while objects are alive use them, and so does the parent', sub {
    my @fx = fixtures();
    my $expect = exercise(@fx);
    my @thr = map {
        threads->create(sub {
            my @got;
            push @got, exercise(@fx) for 1 .. 25;
            return join "\n", @got;
        });
    } 1 .. $THREADS;
    # The parent works on the same objects while the threads run.
    for (1 .. 25) {
        my $got = exercise(@fx);
        die "parent during threads: $got\n" unless $got eq $expect;
    }
    for my $t (@thr) {
        my $got = $t->join;
        die "a thread failed: " . ($t->error // 'no result') . "\n" unless defined $got;
        for my $line (split /\n/, $got) {
            die "thread saw: $line\nexpected: $expect\n" unless $line eq $expect;
        }
    }
    my $after = exercise(@fx);
    die "after join: $after\n" unless $after eq $expect;
});

scenario('many objects, several threads, each thread dropping its copies', sub {
    my ($con, $dom, $own, $snap) = fixtures();
    my @doms = map { $con->get_domain_by_name('test') } 1 .. 200;
    my @snaps = map { $own->get_snapshot_by_name($_) } (qw(root a a1 b)) x 50;
    my @thr = map {
        my $n = $_;
        threads->create(sub {
            my $names = 0;
            $names += ($_->get_name eq 'test') for @doms;
            $names += ($_->get_name =~ /^(root|a|a1|b)$/) for @snaps;
            # Drop this thread's copies in different ways.
            if ($n % 3 == 0)    { @doms = (); @snaps = () }
            elsif ($n % 3 == 1) { $_->DESTROY for @doms, @snaps }
            # else: left to the thread's own destruction
            return $names;
        });
    } 1 .. $THREADS;
    for my $t (@thr) {
        my $got = $t->join;
        die "a thread counted " . ($got // 'nothing') . " working objects, not 400\n"
            unless defined $got && $got == 400;
    }
    # The parent's objects were not released by any thread.
    for (@doms) { die "parent domain broken\n" unless $_->get_name eq 'test' }
    for (@snaps) { die "parent snapshot broken\n" unless $_->get_xml_description =~ /<domainsnapshot/ }
    @doms = ();
    @snaps = ();
    exercise($con, $dom, $own, $snap);
});

scenario('objects made in a thread and returned to the parent through join', sub {
    my ($con, $dom, $own, $snap) = fixtures();
    my @thr = map {
        threads->create({ context => 'list' }, sub {
            my $c = Sys::Virt->new(uri => $URI);
            my $d = $c->get_domain_by_name('thr-dom');
            my $s = $d->get_snapshot_by_name('a1');
            my @all = $d->list_all_snapshots;
            return ($c, $d, $s, @all);
        });
    } 1 .. $THREADS;
    my @got;
    push @got, [$_->join] for @thr;
    for my $set (@got) {
        my ($c, $d, $s, @all) = @$set;
        die "returned connection broken\n" unless $c->get_uri eq $URI;
        die "returned domain broken\n" unless $d->get_name eq 'thr-dom';
        die "returned snapshot broken\n" unless $s->get_parent->get_name eq 'a';
        die "returned list broken\n" unless join(',', sort map { $_->get_name } @all) eq 'a,a1,b,root';
    }
    @got = ();
    exercise($con, $dom, $own, $snap);
});

scenario('threads starting threads, objects made and dropped at every level', sub {
    my @fx = fixtures();
    my $expect = exercise(@fx);
    my $inner = sub {
        my $d = $fx[0]->get_domain_by_name('test');
        return exercise(@fx) . '|' . $d->get_name;
    };
    my @thr = map {
        threads->create(sub {
            my $mine = $fx[0]->get_domain_by_name('thr-dom');
            my @t = map { threads->create($inner) } 1 .. 2;
            my @r = map { $_->join } @t;
            return join "\n", @r, exercise(@fx) . '|' . $mine->get_name;
        });
    } 1 .. 2;
    for my $t (@thr) {
        my @lines = split /\n/, $t->join // '';
        die "nested threads returned " . scalar(@lines) . " results\n" unless @lines == 3;
        $_ eq "$expect|test" or $_ eq "$expect|thr-dom" or die "nested thread saw: $_\n" for @lines;
    }
    die "parent after nested threads\n" unless exercise(@fx) eq $expect;
});

scenario('objects changed in one thread are seen changed in another', sub {
    my ($con, $dom, $own, $snap) = fixtures();
    my $t = threads->create(sub {
        $snap->{b}->delete;
        $own->suspend;
        return 'done';
    });
    die "thread failed\n" unless ($t->join // '') eq 'done';
    my $state = ($own->get_state)[0];
    die "state $state after suspend in a thread\n" unless $state == Sys::Virt::Domain::STATE_PAUSED();
    my $e = eval { $snap->{b}->get_xml_description; 1 } ? undef : $@;
    die "deleted snapshot still answers\n" unless ref $e && $e->isa('Sys::Virt::Error');
    $own->resume;
    die "names after delete\n" unless join(',', sort $own->list_snapshot_names) eq 'a,a1,root';
});

scenario('a thread started while an error object and stale objects are alive', sub {
    my ($con, $dom, $own, $snap) = fixtures();
    my $err = eval { $con->get_domain_by_name('nope'); 1 } ? undef : $@;
    my $gone = $own->create_snapshot(snap_xml('gone'));
    $gone->delete;
    my $destroyed = $con->get_domain_by_name('test');
    $destroyed->DESTROY;
    my $t = threads->create(sub {
        my @r;
        push @r, ref($err) . ':' . $err->code;
        push @r, eval { $gone->get_name } // 'gone-error';
        push @r, eval { $gone->get_xml_description; 'xml' } // (ref $@ ? 'libvirt-error' : 'croak');
        # DESTROY is empty: called by hand, it leaves the object usable.
        push @r, eval { $destroyed->get_name } // "error: $@";
        return join ',', @r;
    });
    my $got = $t->join // '';
    die "thread saw: $got\n" unless $got eq 'Sys::Virt::Error:42,gone,libvirt-error,test';
});

scenario('storage pools and volumes alive when threads start, used and dropped in them', sub {
    my $con = Sys::Virt->new(uri => $URI);
    my $pool = $con->get_storage_pool_by_name('default-pool');
    my @vols = map { $pool->create_volume("<volume><name>thr-$_</name><capacity>4096</capacity></volume>") } 1 .. 4;
    my $expect = join ',', map { $_->get_path } @vols;
    my @thr = map {
        my $n = $_;
        threads->create(sub {
            for (1 .. 25) {
                my $got = join ',', map { $_->get_path } @vols;
                die "thread saw $got\n" unless $got eq $expect;
                my @all = $pool->list_all_volumes;
                die "thread listed " . scalar(@all) . " volumes\n" unless @all == 4;
                die "pool info\n" unless $pool->get_info->{capacity} > 0;
            }
            my $mine = $con->get_storage_volume_by_path("/default-pool/thr-$n");
            @vols = ();
            return $mine;
        });
    } 1 .. $THREADS;
    my @back = map { $_->join } @thr;
    die "a thread failed\n" if grep { !defined } @back;
    my $got = join ',', map { $_->get_path } @back;
    die "returned volumes: $got\n" unless $got eq $expect;
    die "parent's volumes broke\n" unless join(',', map { $_->get_path } @vols) eq $expect;
    $_->delete for @vols;
    my $e = eval { $back[0]->get_info; 1 } ? undef : $@;
    die "a returned volume of a deleted file answers\n" unless ref $e && $e->code == 50;
    die "pool broke\n" unless $pool->get_name eq 'default-pool';
});

scenario('threads and the parent racing on one connection', sub {
    my $con = Sys::Virt->new(uri => $URI);
    my @thr = map {
        my $n = $_;
        threads->create(sub {
            for my $i (1 .. 100) {
                my $d = $con->define_domain(dom_xml("race-$n-$i"));
                my $s = eval { $con->get_domain_by_name("race-$n-$i") } or die "lookup: $@";
                $d->undefine;
                my @all = $con->list_all_domains;
            }
            return 1;
        });
    } 1 .. $THREADS;
    for my $i (1 .. 100) {
        my @all = $con->list_all_domains;
        my @names = $con->list_defined_domain_names;
    }
    $_->join or die "racing thread failed: " . ($_->error // '') . "\n" for @thr;
    my @left = grep { /^race-/ } $con->list_defined_domain_names;
    die "left over: @left\n" if @left;
});

scenario('networks listed while other threads define and undefine them', sub {
    my $con = Sys::Virt->new(uri => $URI);
    my @thr = map {
        my $n = $_;
        threads->create(sub {
            for my $i (1 .. 200) {
                my $net = $con->define_network("<network><name>race-$n-$i</name><bridge name='rbr$n'/></network>");
                $net->undefine;
            }
            return 1;
        });
    } 1 .. 2;
    # A network undefined between being listed and being looked up is
    # left out, never an error.
    my $lists = 0;
    for (1 .. 300) {
        my @defined = $con->list_defined_networks;
        my @running = $con->list_networks;
        for my $net (@defined) { die "not an object\n" unless ref $net eq 'Sys::Virt::Network' && length $net->get_name }
        die "running: " . join(',', map { $_->get_name } @running) . "\n" unless "@{[map { $_->get_name } @running]}" eq 'default';
        $lists++;
    }
    $_->join or die "racing thread failed: " . ($_->error // '') . "\n" for @thr;
    die "only $lists lists\n" unless $lists == 300;
    my @left = $con->list_defined_network_names;
    die "left over: @left\n" if @left;
});

scenario('network objects alive when threads start, used and dropped in them', sub {
    my $con = Sys::Virt->new(uri => $URI);
    my $def = $con->get_network_by_name('default');
    my $own = $con->define_network("<network><name>thr-net</name><bridge name='thrbr0'/></network>");
    my @nets = map { $con->get_network_by_name('default') } 1 .. 50;
    my $expect = join '|', $def->get_name, $def->get_bridge_name, $own->get_uuid_string,
        join(',', sort map { $_->get_name } $con->list_all_networks);
    my @thr = map {
        my $n = $_;
        threads->create(sub {
            my @got;
            for (1 .. 25) {
                push @got, join '|', $def->get_name, $def->get_bridge_name, $own->get_uuid_string,
                    join(',', sort map { $_->get_name } $con->list_all_networks);
            }
            my $fine = grep { $_->get_uuid eq $def->get_uuid } @nets;
            if ($n % 2) { @nets = () } else { $_->DESTROY for @nets }
            my $mine = $con->get_network_by_name('thr-net');
            return join "\n", @got, "fine $fine", $mine->get_name;
        });
    } 1 .. $THREADS;
    for my $t (@thr) {
        my @lines = split /\n/, $t->join // '';
        my $name = pop @lines;
        my $fine = pop @lines;
        die "a thread's own lookup gave " . ($name // 'nothing') . "\n" unless ($name // '') eq 'thr-net';
        die "a thread saw $fine of 50 network copies working\n" unless ($fine // '') eq 'fine 50';
        $_ eq $expect or die "thread saw: $_\nexpected: $expect\n" for @lines;
    }
    for (@nets) { die "parent network copy broken\n" unless $_->is_active }
    $own->undefine;
    my $e = eval { $own->is_active; 1 } ? undef : $@;
    die "an undefined network still answers\n" unless ref $e && $e->code == Sys::Virt::Error::ERR_NO_NETWORK();
});

scenario('a stream callback runs only in the thread that registered it', sub {
    Sys::Virt::Event::register_default();
    my $con = Sys::Virt->new(uri => $URI);
    my $dom = $con->get_domain_by_name('test');
    my $st = $con->new_stream(Sys::Virt::Stream::NONBLOCK());
    $dom->screenshot($st, 0);
    my $calls = 0;
    # Readable at once (the screenshot is a file): the loop never waits.
    $st->add_callback(Sys::Virt::Stream::EVENT_READABLE(), sub { $calls++ });
    my $thr = threads->create(sub {
        # The thread's loop sees the event but must not run the parent's
        # sub; it says so once, as for any callback of another thread.
        my @warned;
        local $SIG{__WARN__} = sub { push @warned, $_[0] };
        Sys::Virt::Event::run_default() for 1 .. 20;
        die "the parent's callback ran in a thread ($calls)\n" if $calls;
        die "the thread's loop warned: @warned" unless @warned == 1 && $warned[0] =~ /^Sys::Virt: a callback registered by another thread was not run/;
        # A clone of the stream removes the parent's callback: its sub is
        # left for the parent to release.
        $st->remove_callback;
        return 'done';
    });
    my $got = $thr->join;
    die "thread: " . ($thr->error // 'no result') . "\n" unless defined $got && $got eq 'done';
    die "the callback ran in the parent before its loop ran ($calls)\n" if $calls;
    eval { $st->remove_callback; 1 } and die "the callback was still registered\n";
    $st->abort;
    my $again = $con->new_stream(Sys::Virt::Stream::NONBLOCK());
    $dom->screenshot($again, 0);
    $again->add_callback(Sys::Virt::Stream::EVENT_READABLE(), sub { $calls++; $_[0]->remove_callback });
    Sys::Virt::Event::run_default() until $calls;
    die "the parent's own callback ran $calls times\n" unless $calls == 1;
    $again->abort;
});

scenario('node device and interface objects alive when threads start, used and dropped in them', sub {
    my $con = Sys::Virt->new(uri => $URI);
    my $host = $con->get_node_device_by_name('scsi_host1');
    my $eth1 = $con->get_interface_by_name('eth1');
    my @devs = map { $con->get_node_device_by_name('scsi_host11') } 1 .. 50;
    my @ifaces = map { $con->get_interface_by_mac('aa:bb:cc:dd:ee:ff') } 1 .. 50;
    my $expect = join '|', $host->get_name, $host->get_parent, join(',', $host->list_capabilities),
        $eth1->get_mac, join(',', sort map { $_->get_name } $con->list_all_node_devices),
        join(',', sort map { $_->get_name } $con->list_interfaces);
    my @thr = map {
        my $n = $_;
        threads->create(sub {
            my @got;
            for (1 .. 25) {
                push @got, join '|', $host->get_name, $host->get_parent, join(',', $host->list_capabilities),
                    $eth1->get_mac, join(',', sort map { $_->get_name } $con->list_all_node_devices),
                    join(',', sort map { $_->get_name } $con->list_interfaces);
            }
            my $fine = grep { $_->get_parent eq 'scsi_host1' } @devs;
            $fine += grep { $_->get_name eq 'eth1' } @ifaces;
            if ($n % 2) { @devs = (); @ifaces = () } else { $_->DESTROY for @devs, @ifaces }
            my $mine = $con->define_interface("<interface type='ethernet' name='thr$n'><mac address='52:54:00:00:00:0$n'/></interface>");
            my $name = $con->get_interface_by_name("thr$n")->get_name;
            $mine->undefine;
            return join "\n", @got, "fine $fine", $name;
        });
    } 1 .. $THREADS;
    for my $t (@thr) {
        my @lines = split /\n/, $t->join // '';
        my $name = pop @lines;
        my $fine = pop @lines;
        die "a thread's own interface came back as " . ($name // 'nothing') . "\n" unless ($name // '') =~ /\Athr\d\z/;
        die "a thread saw $fine of 100 object copies working\n" unless ($fine // '') eq 'fine 100';
        $_ eq $expect or die "thread saw: $_\nexpected: $expect\n" for @lines;
    }
    for (@devs) { die "parent node device copy broken\n" unless $_->get_parent eq 'scsi_host1' }
    for (@ifaces) { die "parent interface copy broken\n" unless $_->is_active }
    die "interfaces left over\n" unless $con->num_of_defined_interfaces == 0;
});

done_testing;
