package SVTest;

# Helpers shared by the functional tests. Every test runs against libvirt's
# in-process mock driver test:///default: one running persistent domain
# named "test", state private to the process (and shared by every
# connection to test:///default opened in it).

use strict;
use warnings;

use Exporter 'import';
use File::Temp ();
use POSIX ();
use Scalar::Util ();
use Test::More ();

use Sys::Virt;

our @EXPORT = qw(
    TEST_URI TEST_UUID
    conn test_domain snapxml mksnap SS DOM ERRC
    virt_error_ok error_of error_code_is croaks_ok lives_fine
    capture_stderr in_child perl_child perl_child_vmem child_status_ok
    names sorted same_names
);

use constant TEST_URI  => 'test:///default';
use constant TEST_UUID => '6695eb01-f6a4-8304-79aa-97f2502e193f';

# A test that loaded the installed module instead of this build would test
# the wrong thing: refuse to go on.
BEGIN {
    my $where = $INC{'Sys/Virt.pm'};
    unless ($where =~ m{(?:\A|/)blib/lib/Sys/Virt\.pm\z}) {
        die "Sys::Virt was loaded from $where, not from this build's blib; "
          . "run the tests with 'prove -b' or 'make test'\n";
    }
}

# A new connection to the mock driver; extra arguments go to Sys::Virt->new.
sub conn {
    my %opt = @_;
    return Sys::Virt->new(uri => TEST_URI, %opt);
}

# (connection, domain "test")
sub test_domain {
    my $c = shift || conn();
    return ($c, $c->get_domain_by_name('test'));
}

# Snapshot XML with a name and, optionally, a description.
sub snapxml {
    my ($name, $desc) = @_;
    my $xml = '<domainsnapshot>';
    $xml .= "<name>$name</name>" if defined $name;
    $xml .= "<description>$desc</description>" if defined $desc;
    return $xml . '</domainsnapshot>';
}

sub mksnap {
    my ($dom, $name, $flags) = @_;
    return $dom->create_snapshot(snapxml($name), $flags || 0);
}

# Constants by name: SS('LIST_ROOTS', 'LIST_LEAVES') ORs them together.
sub _const {
    my ($pkg, @names) = @_;
    my $v = 0;
    for my $n (@names) {
        my $sub = $pkg->can($n) or die "no constant ${pkg}::$n\n";
        $v |= $sub->();
    }
    return $v;
}
sub SS   { return _const('Sys::Virt::DomainSnapshot', @_) }
sub DOM  { return _const('Sys::Virt::Domain', @_) }
sub ERRC { return _const('Sys::Virt::Error', @_) }

# Runs $code, which must die with a Sys::Virt::Error of the given code and
# domain (numbers, or constant names from Sys::Virt::Error). Returns the
# error object (undef when there was none).
sub virt_error_ok {
    my ($code, $want_code, $want_domain, $name) = @_;
    $want_code   = ERRC($want_code)   if $want_code   =~ /\D/;
    $want_domain = ERRC($want_domain) if $want_domain =~ /\D/;
    my $tb = Test::More->builder;
    local $Test::Builder::Level = $Test::Builder::Level + 1;
    my $ok = eval { $code->(); 1 };
    my $err = $@;
    if ($ok) {
        $tb->ok(0, "$name: fails");
        $tb->diag("the call returned normally");
        return undef;
    }
    unless (ref $err eq 'Sys::Virt::Error') {
        $tb->ok(0, "$name: fails with a Sys::Virt::Error");
        $tb->diag("got: " . (ref $err ? ref $err : "'$err'"));
        return undef;
    }
    my $good = $err->{code} == $want_code && $err->{domain} == $want_domain
        && defined $err->{message} && length $err->{message};
    $tb->ok($good, "$name: Sys::Virt::Error code $want_code domain $want_domain");
    $tb->diag("got code $err->{code} domain $err->{domain} message '$err->{message}'") unless $good;
    return $err;
}

# The error a block dies with (undef when it does not die).
sub error_of (&) {
    my ($code) = @_;
    local $@;
    return eval { $code->(); 1 } ? undef : $@;
}

# $err must be a Sys::Virt::Error with this code.
sub error_code_is {
    my ($err, $code, $name) = @_;
    local $Test::Builder::Level = $Test::Builder::Level + 1;
    if (!ref $err || !eval { $err->isa('Sys::Virt::Error') }) {
        Test::More::fail($name);
        Test::More::diag(defined $err ? "died with a non-libvirt error: $err" : 'did not die');
        return 0;
    }
    return Test::More::is($err->code, $code, $name) || Test::More::diag('message: ' . $err->message);
}

# Runs $code, which must die with a plain string matching $re.
sub croaks_ok {
    my ($code, $re, $name) = @_;
    my $tb = Test::More->builder;
    local $Test::Builder::Level = $Test::Builder::Level + 1;
    my $ok = eval { $code->(); 1 };
    my $err = $@;
    if ($ok) {
        $tb->ok(0, "$name: croaks");
        $tb->diag("the call returned normally");
        return 0;
    }
    if (ref $err) {
        $tb->ok(0, "$name: croaks with a message");
        $tb->diag("got a " . ref($err) . ": $err");
        return 0;
    }
    return $tb->like($err, $re, "$name: croaks");
}

# Runs $code, which must not die; returns its scalar result.
sub lives_fine {
    my ($code, $name) = @_;
    my $tb = Test::More->builder;
    local $Test::Builder::Level = $Test::Builder::Level + 1;
    my $r;
    my $ok = eval { $r = $code->(); 1 };
    $tb->ok($ok, "$name: lives");
    $tb->diag("died: $@") unless $ok;
    return $r;
}

# Runs $code with file descriptor 2 sent to a file; returns (what was
# written there, $code's scalar result, $@ left by $code).
sub capture_stderr {
    my $code = shift;
    my $tmp = File::Temp->new;
    open(my $saved, '>&', \*STDERR) or die "dup STDERR: $!";
    open(STDERR, '>&', $tmp) or die "redirect STDERR: $!";
    my $r;
    my $ok = eval { $r = $code->(); 1 };
    my $err = $ok ? '' : $@;
    open(STDERR, '>&', $saved) or die "restore STDERR: $!";
    open(my $in, '<', $tmp->filename) or die "read back: $!";
    local $/;
    my $text = <$in>;
    return ($text, $r, $err);
}

# Runs $code in a forked child. The child sends back the string $code
# returns (or "DIED: $@") and leaves with POSIX::_exit, so Test::More's
# own state in the child never prints. Returns ($status, $text) where
# $status is the raw wait status: a crash shows as a signal.
sub in_child {
    my $code = shift;
    pipe(my $r, my $w) or die "pipe: $!";
    my $pid = fork;
    die "fork: $!" unless defined $pid;
    if ($pid == 0) {
        close $r;
        my $out = eval { $code->() };
        $out = "DIED: $@" if $@;
        $out = '' unless defined $out;
        print {$w} $out;
        close $w;
        POSIX::_exit(0);
    }
    close $w;
    local $/;
    my $text = <$r>;
    close $r;
    waitpid($pid, 0);
    return ($?, defined $text ? $text : '');
}

# Runs a Perl program in a new perl that loads this same build; returns
# ($status, combined stdout+stderr).
sub perl_child {
    my ($program, @args) = @_;
    return _perl_child([], $program, @args);
}

# The same, with the child's address space limited to $kib KiB (ulimit -v),
# so that an oversized allocation fails instead of succeeding lazily.
sub perl_child_vmem {
    my ($kib, $program, @args) = @_;
    return _perl_child(['/bin/sh', '-c', "ulimit -v $kib && exec \"\$@\"", 'sh'], $program, @args);
}

sub _perl_child {
    my ($prefix, $program, @args) = @_;
    my $tmp = File::Temp->new(SUFFIX => '.out');
    my @inc = map { "-I$_" } grep { !ref } @INC;
    my $pid = fork;
    die "fork: $!" unless defined $pid;
    if ($pid == 0) {
        open(STDOUT, '>&', $tmp) or POSIX::_exit(126);
        open(STDERR, '>&', $tmp) or POSIX::_exit(126);
        # The child checks that it loaded this same build.
        my $prelude = 'BEGIN { require Sys::Virt; '
            . 'die "child loaded Sys::Virt from $INC{q(Sys/Virt.pm)}\\n" '
            . 'unless $INC{q(Sys/Virt.pm)} =~ m{(?:\\A|/)blib/lib/Sys/Virt\\.pm\\z} }' . "\n#line 1\n";
        exec(@$prefix, $^X, @inc, '-e', $prelude . $program, @args) or POSIX::_exit(127);
    }
    waitpid($pid, 0);
    my $status = $?;
    open(my $in, '<', $tmp->filename) or die "read back: $!";
    local $/;
    my $text = <$in>;
    return ($status, defined $text ? $text : '');
}

# A wait status that says "exited with 0"; otherwise a failure describing
# the signal or exit code.
sub child_status_ok {
    my ($status, $name, $output) = @_;
    my $tb = Test::More->builder;
    local $Test::Builder::Level = $Test::Builder::Level + 1;
    my $ok = $tb->ok($status == 0, $name);
    unless ($ok) {
        if ($status & 127) {
            $tb->diag("child killed by signal " . ($status & 127));
        } else {
            $tb->diag("child exited with " . ($status >> 8));
        }
        $tb->diag("child output:\n$output") if defined $output && length $output;
    }
    return $ok;
}

# Names of snapshot / domain objects.
sub names { return map { $_->get_name } @_ }
sub sorted { return sort { $a cmp $b } @_ }

# Compares two lists of names as sets (order ignored, duplicates counted).
sub same_names {
    my ($got, $want, $name) = @_;
    local $Test::Builder::Level = $Test::Builder::Level + 1;
    return Test::More::is_deeply([sorted(@$got)], [sorted(@$want)], $name);
}

1;
