package Crash;

# Runs a block of code in a forked child process and reports how the child
# ended: a normal exit (with its status), a signal, or a timeout. A crash
# of the code under test then shows up as a test failure in the parent
# instead of taking the whole test file down with it.
#
#   my $r = Crash::run_in_child(sub { ... }, timeout => 10);
#   ok($r->{ok}, "... ran cleanly") or diag(Crash::describe($r));
#
# Options: timeout => seconds (30; the child's own alarm, with a SIGKILL
# from the parent 5 s later as a backstop), address_space => bytes (an
# RLIMIT_AS for the child, Linux x86-64 only), hard_exit => 1 (leave with
# POSIX::_exit, skipping END blocks and destruction).
#
# The child's STDOUT and STDERR are captured into $r->{stdout} and
# $r->{stderr}. The child ends with a normal exit() (END blocks and global
# destruction run, so a crash during interpreter teardown is caught too)
# unless `hard_exit => 1` is given. A block that dies makes the child exit
# with status 255 and its error in $r->{stderr}.
#
# Result fields:
#   exit      exit status (undef when killed by a signal)
#   signal    signal number (0 when it exited), with signame its name
#   core      true when the kernel reported a core dump
#   timeout   true when the child was still running after `timeout`
#             seconds (it is then killed); `alarm` inside the child stops
#             a hang first, so a hang normally shows as signal ALRM
#   ok        exit status 0, no signal, no timeout
#   stdout, stderr   what the child printed

use strict;
use warnings;

use Config;
use File::Temp ();
use POSIX ();
use Time::HiRes ();

our @EXPORT_OK = qw(run_in_child describe set_address_space_limit assert_our_build);
use Exporter 'import';

my @SIGNAMES = split ' ', $Config{sig_name};

sub signame {
    my ($num) = @_;
    return $SIGNAMES[$num] // "signal $num";
}

# Limits the address space of the calling process (RLIMIT_AS), so that an
# attempt to allocate far more memory than needed fails (and aborts) where
# it would otherwise succeed lazily on a machine with overcommit. Only
# meant for forked children. Returns true when the limit was set.
sub set_address_space_limit {
    my ($bytes) = @_;
    return 0 unless $^O eq 'linux' && $Config{archname} =~ /^x86_64/ && $Config{ivsize} == 8;
    my $nr = eval { local $SIG{__WARN__} = sub { }; require 'syscall.ph'; &SYS_setrlimit() } || 160;
    my $RLIMIT_AS = 9;
    my $limit = pack 'QQ', $bytes, $bytes;
    return syscall($nr, $RLIMIT_AS, $limit) == 0;
}

sub run_in_child {
    my ($code, %opt) = @_;
    my $timeout = $opt{timeout} // 30;

    my $out = File::Temp->new(TEMPLATE => 'crash-out-XXXXXX', TMPDIR => 1);
    my $err = File::Temp->new(TEMPLATE => 'crash-err-XXXXXX', TMPDIR => 1);

    # Nothing buffered may be printed twice.
    STDOUT->flush;
    STDERR->flush;

    my $pid = fork;
    die "fork failed: $!" unless defined $pid;
    if ($pid == 0) {
        open STDOUT, '>&', $out or POSIX::_exit(120);
        open STDERR, '>&', $err or POSIX::_exit(121);
        STDOUT->autoflush(1);
        STDERR->autoflush(1);
        $SIG{ALRM} = 'DEFAULT';
        set_address_space_limit($opt{address_space}) if $opt{address_space};
        alarm $timeout if $timeout;
        my $ok = eval { $code->(); 1 };
        my $status = 0;
        unless ($ok) {
            my $e = $@;
            print STDERR "child died: ", (defined $e ? $e : 'undef'), "\n";
            $status = 255;
        }
        POSIX::_exit($status) if $opt{hard_exit};
        exit $status;
    }

    my $deadline = Time::HiRes::time() + $timeout + 5;
    my ($status, $timed_out) = (undef, 0);
    while (1) {
        my $got = waitpid($pid, POSIX::WNOHANG());
        if ($got == $pid) {
            $status = $?;
            last;
        }
        if ($got < 0) {
            $status = -1;
            last;
        }
        if (Time::HiRes::time() > $deadline) {
            kill 'KILL', $pid;
            waitpid($pid, 0);
            $status = $?;
            $timed_out = 1;
            last;
        }
        Time::HiRes::sleep(0.005);
    }

    my %r = (pid => $pid, timeout => $timed_out);
    if ($status == -1) {
        @r{qw(exit signal core)} = (undef, 0, 0);
    } elsif ($status & 127) {
        $r{signal} = $status & 127;
        $r{core} = ($status & 128) ? 1 : 0;
        $r{exit} = undef;
    } else {
        $r{signal} = 0;
        $r{core} = 0;
        $r{exit} = $status >> 8;
    }
    $r{signame} = $r{signal} ? signame($r{signal}) : '';
    $r{timeout} = 1 if $r{signame} eq 'ALRM';
    $r{stdout} = slurp("$out");
    $r{stderr} = slurp("$err");
    $r{ok} = !$r{timeout} && !$r{signal} && defined $r{exit} && $r{exit} == 0;
    return \%r;
}

sub slurp {
    my ($path) = @_;
    open my $fh, '<', $path or return '';
    local $/;
    my $text = <$fh>;
    return defined $text ? $text : '';
}

# One line saying how the child ended, then what it printed on STDERR.
sub describe {
    my ($r) = @_;
    my $how =
          $r->{timeout}          ? "timed out (hang)"
        : $r->{signal}           ? "killed by signal $r->{signal} (SIG$r->{signame})" . ($r->{core} ? ', core dumped' : '')
        : !defined $r->{exit}    ? "lost (waitpid failed)"
        :                          "exited with status $r->{exit}";
    my $err = $r->{stderr};
    $err = substr($err, 0, 4000) . "\n[...]" if length $err > 4000;
    return length $err ? "$how; stderr:\n$err" : $how;
}

# Dies unless Sys::Virt was loaded from a build tree's blib (prove -b,
# make test), so that the installed reference module is never tested by
# mistake.
sub assert_our_build {
    my $where = $INC{'Sys/Virt.pm'} // '(not loaded)';
    die "Sys::Virt was loaded from $where, not from this build's blib; "
      . "run the tests with 'prove -b' or 'make test'\n"
        unless $where =~ m{(?:\A|/)blib/lib/Sys/Virt\.pm\z};
    return 1;
}

1;
