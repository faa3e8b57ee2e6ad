#!/usr/bin/perl
#
# A random-call fuzzer for Sys::Virt: calls randomly chosen subs of
# Sys::Virt and every object package (found by walking their stashes)
# with random arguments -- objects from a pool that
# grows with what the calls return (so calls build on each other's
# results: objects get deleted, undefined, destroyed, reused), stale,
# destroyed and forged objects, numbers of every size, strings of every
# kind, XML, references, tied scalars and overloaded objects that die --
# against libvirt's in-process test driver. No libFuzzer needed: the
# module lives inside a perl interpreter, so perl drives it.
#
# Batches of cases run in forked children; each case is logged before it
# runs, so a child killed by a signal (or stopped by its alarm) names the
# case that did it. Every case must end in a value or an exception.
#
#   perl -Mblib fuzz/fuzz.pl                       # 60 seconds, random seed
#   perl -Mblib fuzz/fuzz.pl --seconds 600 --seed 42
#   perl -Mblib fuzz/fuzz.pl --seed 42 --batch 17 --replay   # one batch, verbose
#
# Each child runs with an address-space limit (--address-space MB, 2048 by
# default, 0 for none; Linux x86-64 only), so that asking for far more
# memory than an answer needs shows up as a failure here too.
#
# Exit status: 0 when nothing crashed or hung, 1 otherwise. A crash is
# printed with the seed and batch that reproduce it.

use strict;
use warnings;

use B ();
use Encode ();
use Getopt::Long;
use POSIX ();
use Time::HiRes ();

use Sys::Virt;

my %opt = (seconds => 60, seed => int(rand(2**31)), cases => 300, timeout => 30, 'address-space' => 2048);
GetOptions(\%opt, 'seconds=i', 'seed=i', 'cases=i', 'batch=i', 'replay', 'timeout=i', 'verbose', 'address-space=i')
    or die "usage: $0 [--seconds N] [--seed S] [--cases N] [--batch B --replay]\n";

die "Sys::Virt was loaded from $INC{'Sys/Virt.pm'}, not a build's blib (use perl -Mblib)\n"
    unless $INC{'Sys/Virt.pm'} =~ m{(?:\A|/)blib/lib/Sys/Virt\.pm\z};

$ENV{LIBVIRT_DEFAULT_URI} = 'test:///default';
my $URI = 'test:///default';

# ------------------------------------------------------------------ subs

my @subs;
for my $pkg (qw(Sys::Virt Sys::Virt::Domain Sys::Virt::DomainSnapshot Sys::Virt::Network Sys::Virt::NetworkPort
                Sys::Virt::NodeDevice Sys::Virt::Interface Sys::Virt::Secret Sys::Virt::NWFilter Sys::Virt::NWFilterBinding)) {
    no strict 'refs';
    for my $name (sort keys %{"${pkg}::"}) {
        next if $name =~ /::$/ || $name =~ /^\(/ || $name eq 'bootstrap';
        next unless defined &{"${pkg}::$name"};
        my $cv = B::svref_2object(\&{"${pkg}::$name"});
        next if $cv->CvFLAGS & B::CVf_CONST();
        push @subs, "${pkg}::$name";
    }
}

# ------------------------------------------------------- random values

package Fuzz::Tie {
    sub TIESCALAR { my ($c, $how, $v) = @_; bless { how => $how, v => $v }, $c }
    sub FETCH { my $s = shift; die "fuzz: tied FETCH died\n" if $s->{how} eq 'die'; $s->{v} }
    sub STORE { }
}
package Fuzz::Overload {
    use overload '""' => sub { $_[0]{how} eq 'die' ? die "fuzz: overload died\n" : $_[0]{v} },
                 '0+' => sub { $_[0]{how} eq 'die' ? die "fuzz: overload died\n" : $_[0]{v} },
                 fallback => 1;
    sub new { my ($c, $how, $v) = @_; bless { how => $how, v => $v }, $c }
}
package main;

my @pool;    # [description, object]

sub pick { return $_[ int rand @_ ] }

sub dom_xml {
    my ($name) = @_;
    return "<domain type='test'><name>$name</name><memory>1024</memory><os><type>hvm</type></os></domain>";
}

sub rand_name {
    return pick('fuzz', 'test', "fz" . int(rand 20), '', "n\x{263a}", "a'b\"c", '../x', 'x' x (1 + int rand 5000),
                "\xff\xfe", "%s%n", "nul\0x", 'fuzz-snap', 's' . int(rand 20));
}

sub rand_string {
    my $r = rand;
    return rand_name() if $r < 0.3;
    return join '', map { chr int rand 256 } 1 .. int rand 64 if $r < 0.45;
    return join '', map { chr int rand 0x3000 } 1 .. int rand 64 if $r < 0.55;
    if ($r < 0.6) { my $s = join '', map { chr int rand 256 } 1 .. 1 + int rand 16; Encode::_utf8_on($s); return $s }
    return dom_xml(rand_name()) if $r < 0.65;
    return "<network><name>" . rand_name() . "</name><bridge name='fzbr0'/></network>" if $r < 0.7;
    return "<domainsnapshot><name>" . rand_name() . "</name></domainsnapshot>" if $r < 0.8;
    return substr(dom_xml('cut'), 0, int rand 60) if $r < 0.85;
    return 'x' x (int rand 2_000_000) if $r < 0.87;
    return "test:///default" if $r < 0.9;
    return pick('', ' ', '0', '1', '-1', '1e99', 'abc', "0 but true", '0x10');
}

sub rand_number {
    my $r = rand;
    return int(rand 16) if $r < 0.4;
    return pick(0, 1, 2, 4, 8, 16, 2**31 - 1, 2**31, 2**32 - 1, 2**32, -1, -2**31, -2**63, ~0) if $r < 0.7;
    return pick(2**40, 2**64, 1.5, -0.5, 1e300, 9**9**9, -9**9**9, (9**9**9) - (9**9**9)) if $r < 0.85;
    return int(rand(2**62)) * pick(1, -1);
}

# Typed parameter names the test driver knows, so that parameter hashes
# reach the conversion of their values.
my @FIELDS = qw(weight hard_limit soft_limit swap_hard_limit device_weight numa_mode numa_nodeset
                inbound.average outbound.peak total_bytes_sec total_bytes_sec_max group_name cmt
                poll_max_ns poll_grow thread_pool_min sev-secret sev-secret-set-address
                user-name unix-user-id process-id);

sub rand_value {
    my ($depth) = @_;
    $depth //= 0;
    my $r = rand;
    return (pick(@pool))->[1] if $r < 0.35 && @pool;
    return rand_number() if $r < 0.55;
    return rand_string() if $r < 0.75;
    return undef if $r < 0.8;
    if ($r < 0.85) {
        return $depth > 1 ? [] : pick([], {}, [map { rand_value($depth + 1) } 1 .. int rand 4],
                                      { map { (rand_string() => rand_value($depth + 1)) } 1 .. int rand 3 },
                                      { map { (pick(@FIELDS) => rand_value($depth + 1)) } 1 .. 1 + int rand 4 },
                                      \rand_value($depth + 1), sub { rand_value(2) }, \*STDOUT, qr/x/);
    }
    if ($r < 0.9) {
        my $class = pick('Sys::Virt', 'Sys::Virt::Domain', 'Sys::Virt::DomainSnapshot', 'Sys::Virt::Network',
                         'Sys::Virt::NetworkPort', 'Sys::Virt::NodeDevice', 'Sys::Virt::Interface', 'Sys::Virt::Secret',
                         'Sys::Virt::NWFilter', 'Sys::Virt::Error', 'Other');
        my $n = @pool && rand() < 0.5 ? 0 + ${ (pick(@pool))->[1] } : rand_number();
        return pick(bless(\(my $x = $n), $class), bless({}, $class), bless([], $class));
    }
    if ($r < 0.95) {
        tie my $t, 'Fuzz::Tie', pick('die', 'ok'), rand_value(2);
        return \$t;    # marked: passed aliased, see call
    }
    return Fuzz::Overload->new(pick('die', 'ok'), pick(0, 1, 'test', rand_number()));
}

# The pool starts with good, stale, destroyed and odd objects.
sub seed_pool {
    @pool = ();
    my $con = Sys::Virt->new(uri => $URI);
    my $dom = $con->get_domain_by_name('test');
    push @pool, ['connection', $con], ['domain test', $dom];
    my $own = eval { $con->get_domain_by_name('fuzz') } || $con->define_domain(dom_xml('fuzz'));
    eval { $own->create };
    push @pool, ['domain fuzz', $own];
    for my $n (qw(fa fb fc)) {
        my $s = eval { $own->get_snapshot_by_name($n) } || eval { $own->create_snapshot("<domainsnapshot><name>$n</name></domainsnapshot>") };
        push @pool, ["snapshot $n", $s] if $s;
    }
    my $gone = eval { $own->create_snapshot('<domainsnapshot><name>fgone</name></domainsnapshot>') };
    eval { $gone->delete } if $gone;
    push @pool, ['deleted snapshot', $gone] if $gone;
    my $tr = $con->create_domain(dom_xml('fuzz-tr'));
    $tr->destroy;
    push @pool, ['destroyed transient domain', $tr];
    my $d = $con->get_domain_by_name('test');
    $d->DESTROY;
    push @pool, ['DESTROYed domain', $d];
    push @pool, ['network default', $con->get_network_by_name('default')];
    my $net = eval { $con->get_network_by_name('fuzz-net') }
        || $con->define_network("<network><name>fuzz-net</name><bridge name='fzbr1'/></network>");
    push @pool, ['network fuzz-net', $net];
    my $tnet = $con->create_network("<network><name>fuzz-tnet</name><bridge name='fzbr2'/></network>");
    $tnet->destroy;
    push @pool, ['destroyed transient network', $tnet];
    push @pool, ['node device', $con->get_node_device_by_name('scsi_host1')], ['interface', $con->get_interface_by_name('eth1')];
    my $vhba = eval { $con->create_node_device("<device><parent>scsi_host1</parent><capability type='scsi_host'>"
        . "<capability type='fc_host'><wwnn>2000000012345678</wwnn><wwpn>1000000012345678</wwpn></capability></capability></device>") };
    eval { $vhba->destroy } if $vhba;
    push @pool, ['destroyed vHBA', $vhba] if $vhba;
}

sub describe {
    my ($v, $depth) = @_;
    $depth //= 0;
    return 'undef' unless defined $v;
    if (ref $v) {
        my $r = ref $v;
        return "tied-ref" if $r eq 'SCALAR' && tied $$v;
        return "$r(" . (eval { 0 + ${$v} } // '?') . ')' if $r =~ /^Sys::Virt/ && Scalar::Util::reftype($v) eq 'SCALAR';
        return "$r" if $depth > 0;
        return $r eq 'ARRAY' ? '[' . join(',', map { describe($_, 1) } @$v) . ']' : $r;
    }
    no warnings 'utf8';
    my $s = "$v";
    my $len = length $s;
    # The bytes as stored (a string flagged UTF-8 may hold malformed ones).
    utf8::encode($s) if utf8::is_utf8($s);
    $s = substr($s, 0, 40) . "...($len)" if length $s > 40;
    $s =~ s/([^\x20-\x7e])/sprintf('\\x%02x', ord $1)/ge;
    return "'$s'";
}

use Scalar::Util ();

# ------------------------------------------------------------- a batch

sub run_batch {
    my ($seed, $batch, $verbose) = @_;
    srand($seed + 1_000_003 * $batch);
    seed_pool();
    for my $i (1 .. $opt{cases}) {
        my $sub = pick(@subs);
        my @args = map { rand_value() } 1 .. int rand 5;
        # Never let a random string reach a real host: connection subs get
        # test URIs or strings without "//".
        if ($sub =~ /::(?:new|_open|_open_auth)$/) {
            $_ = pick($URI, 'test:///nonexistent-fuzz.xml', 'no/driver', undef, '')
                for grep { !ref($_) && defined($_) && /\/\// } @args;
        }
        my $line = "CASE $batch/$i $sub(" . join(', ', map { describe($_) } @args) . ")\n";
        utf8::encode($line) if utf8::is_utf8($line);
        syswrite STDOUT, $line;
        my $code = \&{$sub};
        # Tied scalars are passed themselves (aliased), not copies.
        my @call = map { ref($_) eq 'SCALAR' && tied($$_) ? $_ : \$_ } @args;
        my @r = eval { call_aliased($code, @call) };
        my $err = $@;
        if (!$err) {
            for my $v (@r) {
                # (Stringifying may die: new() blesses into any class it
                # is called on, Sys::Virt::Error included.)
                eval { my $s = defined $v ? "$v" : '' };
                push @pool, ["result of $sub", $v]
                    if Scalar::Util::blessed($v) && ref($v) =~ /^Sys::Virt(?:::Domain|::DomainSnapshot|::Network|::NetworkPort|::NodeDevice|::Interface)?$/
                    && Scalar::Util::reftype($v) eq 'SCALAR';
            }
        } elsif (ref $err && ref $err eq 'Sys::Virt::Error') {
            eval { my $s = "$err" };
        }
        print "  -> ", ($err ? (ref $err ? "error $err->{code}" : "croak: $err") : 'value'), "\n" if $verbose;
        splice @pool, 0, @pool - 200 if @pool > 400;
    }
    syswrite STDOUT, "BATCH DONE\n";
}

sub call_aliased {
    my ($code, @refs) = @_;
    # Build an argument list aliased to the scalars behind @refs.
    return $code->(map { $$_ } @refs) unless grep { ref($_) eq 'SCALAR' && tied $$_ } @refs;
    my $n = @refs;
    return $code->(${ $refs[0] }) if $n == 1;
    return $code->(${ $refs[0] }, ${ $refs[1] }) if $n == 2;
    return $code->(${ $refs[0] }, ${ $refs[1] }, ${ $refs[2] }) if $n == 3;
    return $code->(${ $refs[0] }, ${ $refs[1] }, ${ $refs[2] }, ${ $refs[3] });
}

# ------------------------------------------------------------ the driver

sub limit_address_space {
    my ($bytes) = @_;
    require Config;
    return unless $^O eq 'linux' && $Config::Config{archname} =~ /^x86_64/;
    my $nr = eval { local $SIG{__WARN__} = sub { }; require 'syscall.ph'; &SYS_setrlimit() } || 160;
    syscall($nr, 9, pack('QQ', $bytes, $bytes));    # RLIMIT_AS
}

open STDIN, '<', '/dev/null';

if ($opt{replay}) {
    die "--replay needs --batch\n" unless defined $opt{batch};
    run_batch($opt{seed}, $opt{batch}, 1);
    print "replayed seed $opt{seed} batch $opt{batch}: no crash\n";
    exit 0;
}

my $deadline = Time::HiRes::time() + $opt{seconds};
my ($batches, $cases, @failures) = (0, 0);
my $batch = 0;
print "fuzzing for $opt{seconds}s, seed $opt{seed}, $opt{cases} cases per batch\n";
while (Time::HiRes::time() < $deadline) {
    $batch++;
    pipe(my $rd, my $wr) or die "pipe: $!";
    my $pid = fork // die "fork: $!";
    if ($pid == 0) {
        close $rd;
        open STDOUT, '>&', $wr or POSIX::_exit(120);
        open STDERR, '>', '/dev/null';
        alarm $opt{timeout};
        limit_address_space($opt{'address-space'} << 20) if $opt{'address-space'};
        run_batch($opt{seed}, $batch, 0);
        POSIX::_exit(0);
    }
    close $wr;
    my ($last, $done, $n) = ('', 0, 0);
    while (my $l = <$rd>) {
        if ($l =~ /^CASE /) { $last = $l; $n++ }
        $done = 1 if $l eq "BATCH DONE\n";
    }
    waitpid $pid, 0;
    my $status = $?;
    $batches++;
    $cases += $n;
    if ($status != 0 || !$done) {
        my $how = $status & 127 ? 'signal ' . ($status & 127) : 'exit ' . ($status >> 8);
        $how = 'hang (alarm)' if ($status & 127) == 14;
        push @failures, "$how in $last  reproduce: perl -Mblib fuzz/fuzz.pl --seed $opt{seed} --batch $batch --replay";
        print "FAILURE: $failures[-1]\n";
    }
}
printf "%d batches, %d cases, %d failures (seed %d)\n", $batches, $cases, scalar @failures, $opt{seed};
exit(@failures ? 1 : 0);
