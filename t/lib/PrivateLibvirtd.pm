package PrivateLibvirtd;

# A private libvirtd (QEMU driver) plus its own virtlogd, started and
# stopped by a test script.
#
# Why a mount namespace: libvirtd running as root is always the "system"
# instance, and the QEMU driver of a system instance always reads
# /etc/libvirt/qemu.conf and keeps its state under /run/libvirt,
# /var/lib/libvirt, /var/cache/libvirt and /var/log/libvirt; libvirtd.conf
# moves only the daemon's own sockets and pid file, and XDG_CONFIG_HOME is
# read only by a "session" instance, which means running libvirtd as an
# unprivileged user (no /dev/kvm here, which is root's alone, and a
# qemu:///session driver rather than the system one these tests are
# about).  Writing the host's /etc/libvirt/qemu.conf would change any
# system libvirt on the machine.  So each daemon is started through
# `unshare --mount` with a private temporary directory bind-mounted over
# each of those paths: the daemon gets its own qemu.conf, its own domain
# and snapshot metadata and its own virtlogd socket, and nothing of the
# host's configuration is read or written.  The client side only needs
# the UNIX socket, which lives in the temporary directory (unix_sock_dir),
# reached with qemu+unix:///system?socket=PATH.  Running the daemon in a
# mount namespace changes nothing for its clients or its guests.
#
# The Debian build of the QEMU driver looks up the user and group
# "libvirt-qemu" when it starts, whatever qemu.conf says.  When that user
# is missing from the host, the namespace also gets copies of
# /etc/passwd and /etc/group with it added, so the host's account
# database is left alone.  The host only gains the empty directories used
# as mount points (/run/libvirt, /var/lib/libvirt, /var/log/libvirt,
# /var/cache/libvirt) when they do not exist yet.
#
# A second daemon on the same host, as a migration target, must look like
# another host to the first: start(host_uuid => UUID, hostname => NAME)
# gives it its own host UUID (libvirtd.conf) and its own host name (a UTS
# namespace beside the mount namespace).
#
# Everything started here is stopped by stop(), by an END block (also
# when a test fails or dies) and on SIGINT/SIGTERM.
#
# Set SYS_VIRT_REQUIRE_LIBVIRTD=1 to turn "cannot start" skips into
# failures (for CI, where the packages are supposed to be installed).

use strict;
use warnings;

use Carp qw(croak);
use Cwd qw(abs_path);
use Errno qw(EINTR);
use File::Path qw(make_path remove_tree);
use File::Temp qw(tempdir);
use IO::Socket::UNIX;
use POSIX qw(:sys_wait_h setsid _exit);
use Time::HiRes qw(sleep time);

my @INSTANCES;    # every daemon set started by this process, for END/signals

my %BIND = (
    etc   => '/etc/libvirt',
    run   => '/run/libvirt',
    lib   => '/var/lib/libvirt',
    log   => '/var/log/libvirt',
    cache => '/var/cache/libvirt',
);

# The daemons live in sbin, which a non-login root shell may lack in PATH;
# every program here (and libvirtd itself, looking for qemu-img) goes by
# PATH, so the standard directories are appended when missing.
sub _complete_path {
    my @path = grep { length } split /:/, defined $ENV{PATH} ? $ENV{PATH} : '';
    my %have = map { $_ => 1 } @path;
    $ENV{PATH} = join ':', @path, grep { !$have{$_} } qw(/usr/sbin /usr/bin /sbin /bin);
}

sub _which {
    my ($prog) = @_;
    _complete_path();
    for my $dir (split /:/, $ENV{PATH}) {
        next unless length $dir;
        my $p = "$dir/$prog";
        return $p if -f $p && -x _;
    }
    return undef;
}

my $QEMU_DRIVER_MODULE;

# Why a private daemon cannot be started on this machine, or undef.
sub why_not {
    return "a private libvirtd with the QEMU system driver needs root (running as uid $>)"
        if $> != 0;
    return "not on Linux ($^O)" if $^O ne 'linux';
    my @missing;
    my %pkg = (
        libvirtd             => 'libvirt-daemon',
        virtlogd             => 'libvirt-daemon',
        'qemu-system-x86_64' => 'qemu-system-x86',
        'qemu-img'           => 'qemu-utils',
        'qemu-io'            => 'qemu-utils',
        unshare              => 'util-linux',
        mount                => 'mount',
    );
    for my $prog (sort keys %pkg) {
        push @missing, "$prog ($pkg{$prog})" unless _which($prog);
    }
    ($QEMU_DRIVER_MODULE) = grep { -f } map { "$_/libvirt/connection-driver/libvirt_driver_qemu.so" }
        '/usr/lib/x86_64-linux-gnu', '/usr/lib64', '/usr/lib';
    push @missing, 'libvirt_driver_qemu.so (libvirt-daemon-driver-qemu)' unless $QEMU_DRIVER_MODULE;
    return 'missing: ' . join(', ', @missing) if @missing;

    # Can this process make a mount namespace and bind-mount in it?
    my $probe = tempdir('pvirt-probe.XXXXXX', TMPDIR => 1, CLEANUP => 1);
    my $out = `unshare --mount --propagation private /bin/sh -c 'mount --bind "\$1" "\$1"' sh $probe 2>&1`;
    if ($? != 0) {
        chomp $out;
        return "cannot bind-mount in a private mount namespace (unshare --mount: $out)";
    }
    return undef;
}

# start() or plan skip_all with the exact reason.
sub start_or_skip {
    my ($class, %opt) = @_;
    my $why = why_not();
    if (defined $why) {
        if ($ENV{SYS_VIRT_REQUIRE_LIBVIRTD}) {
            Test::More::plan(tests => 1);
            Test::More::fail("private libvirtd (required by SYS_VIRT_REQUIRE_LIBVIRTD) cannot start: $why");
            exit 1;
        }
        Test::More::plan(skip_all => "private libvirtd cannot start: $why");
    }
    return $class->start(%opt);
}

# True when KVM can be used: /dev/kvm opens read-write.
sub kvm_usable {
    return 0 if $ENV{SYS_VIRT_TEST_NO_KVM};
    open(my $fh, '+<', '/dev/kvm') or return 0;
    close $fh;
    return 1;
}

sub _write {
    my ($path, $text) = @_;
    open(my $fh, '>', $path) or croak "write $path: $!";
    print $fh $text;
    close $fh or croak "close $path: $!";
}

sub _slurp {
    my ($path) = @_;
    open(my $fh, '<', $path) or return undef;
    local $/;
    my $s = <$fh>;
    close $fh;
    return $s;
}

sub start {
    my ($class, %opt) = @_;
    croak "bad host name '$opt{hostname}'" if defined $opt{hostname} && $opt{hostname} !~ /^[A-Za-z0-9.-]+\z/;
    my $dir = tempdir('pvirt.XXXXXX', TMPDIR => 1, CLEANUP => 0);
    $dir = abs_path($dir);
    my $self = bless {
        dir         => $dir,
        pids        => {},
        domain_type => kvm_usable() ? 'kvm' : 'qemu',
        owner       => $$,
        timeout     => $opt{timeout} || 600,
        hostname    => $opt{hostname},
    }, $class;
    push @INSTANCES, $self;
    _install_signal_handlers();
    $self->_start_guardian;

    make_path(map { "$dir/$_" } keys %BIND, 'sock', 'images');
    chmod 0755, $dir;

    # Mount points on the host (empty unless a system libvirt lives here).
    for my $target (sort values %BIND) {
        make_path($target) unless -d $target;
        -d $target or croak "cannot create mount point $target: $!";
    }

    # No cgroups unless asked for (cgroup_controllers => [qw(cpu memory)]):
    # guests then need nothing of the host's cgroup setup.
    my $cgroups = join ', ', map { qq{"$_"} } @{ $opt{cgroup_controllers} || [] };
    _write("$dir/etc/qemu.conf", <<"EOF");
user = "root"
group = "root"
security_driver = "none"
cgroup_controllers = [ $cgroups ]
dynamic_ownership = 0
remember_owner = 0
EOF
    _write("$dir/etc/libvirtd.conf", <<"EOF");
unix_sock_dir = "$dir/sock"
unix_sock_group = "root"
unix_sock_ro_perms = "0700"
unix_sock_rw_perms = "0700"
unix_sock_admin_perms = "0700"
auth_unix_ro = "none"
auth_unix_rw = "none"
log_outputs = "3:file:$dir/libvirtd.log"
EOF
    if ($opt{host_uuid}) {
        open(my $fh, '>>', "$dir/etc/libvirtd.conf") or croak "append libvirtd.conf: $!";
        print $fh qq{host_uuid = "$opt{host_uuid}"\n};
        close $fh;
    }
    _write("$dir/etc/virtlogd.conf", <<"EOF");
log_outputs = "3:file:$dir/virtlogd.log"
EOF

    my @binds = map { ["$dir/$_", $BIND{$_}] } sort keys %BIND;
    unless (defined getpwnam('libvirt-qemu') && defined getgrnam('libvirt-qemu')) {
        my $passwd = _slurp('/etc/passwd');
        my $group  = _slurp('/etc/group');
        $passwd .= "\n" if length $passwd && $passwd !~ /\n\z/;
        $group  .= "\n" if length $group && $group !~ /\n\z/;
        my ($id) = grep { !defined getpwuid($_) && !defined getgrgid($_) } reverse 100 .. 999;
        $passwd .= "libvirt-qemu:x:$id:$id:Libvirt Qemu:/var/lib/libvirt:/usr/sbin/nologin\n"
            unless defined getpwnam('libvirt-qemu');
        $group .= "libvirt-qemu:x:$id:\n" unless defined getgrnam('libvirt-qemu');
        _write("$dir/passwd", $passwd);
        _write("$dir/group",  $group);
        chmod 0644, "$dir/passwd", "$dir/group";
        push @binds, ["$dir/passwd", '/etc/passwd'], ["$dir/group", '/etc/group'];
    }
    my $script = "set -e\n"
        . join('', map { "mount --bind '$_->[0]' '$_->[1]'\n" } @binds)
        . (defined $opt{hostname} ? "hostname '$opt{hostname}'\n" : '')
        . "exec \"\$@\"\n";
    _write("$dir/ns.sh", $script);

    $self->_spawn(virtlogd => 'virtlogd', '-p', "$dir/virtlogd.pid",
        '-f', "$dir/etc/virtlogd.conf", '-t', $self->{timeout});
    $self->_wait_socket("$dir/run/virtlogd-sock", 'virtlogd');
    $self->start_libvirtd;
    return $self;
}

# A helper process that outlives nothing: it waits for this process to go
# away (the pipe's write end closes however the test ends, a segfault
# included) and then stops whatever still runs from the private directory.
# After a clean stop() it is told so and only exits.
sub _start_guardian {
    my ($self) = @_;
    pipe(my $r, my $w) or croak "pipe: $!";
    my $pid = fork;
    croak "fork: $!" unless defined $pid;
    if ($pid == 0) {
        close $w;
        # The pipes of the other instances' guardians: held here, they
        # would never see their EOF.
        for my $other (grep { $_ != $self && $_->{guardian} } @INSTANCES) {
            close $other->{guardian}{fh};
        }
        setsid();
        # Not holding the test's output open: the harness waits for EOF.
        open(STDIN, '<', '/dev/null');
        open(STDOUT, '>', '/dev/null');
        open(STDERR, '>', '/dev/null');
        $SIG{$_} = 'IGNORE' for qw(INT TERM HUP PIPE);
        my $msg = '';
        while (1) {
            my $n = sysread($r, my $buf, 64);
            next if !defined $n && $! == EINTR;
            last unless $n;
            $msg .= $buf;
        }
        if ($msg !~ /stopped/) {
            $self->{owner} = $$;
            $self->{pids} = {};
            @INSTANCES = ($self);
            my @left = $self->_kill_everything;
            remove_tree($self->{dir}, { safe => 1 }) unless @left;
        }
        _exit(0);
    }
    close $r;
    $self->{guardian} = { pid => $pid, fh => $w };
}

sub _spawn {
    my ($self, $what, @cmd) = @_;
    my $dir = $self->{dir};
    my $pid = fork;
    croak "fork: $!" unless defined $pid;
    if ($pid == 0) {
        # A session of its own: a ^C at the terminal reaches the test,
        # which then stops the daemons in order.
        setsid();
        open(STDIN, '<', '/dev/null');
        open(STDOUT, '>>', "$dir/$what.out");
        open(STDERR, '>&', \*STDOUT);
        exec('unshare', '--mount', ($self->{hostname} ? '--uts' : ()), '--propagation', 'private',
            '/bin/sh', "$dir/ns.sh", @cmd)
            or print STDERR "exec unshare: $!\n";
        _exit(127);
    }
    $self->{pids}{$what} = $pid;
    return $pid;
}

sub _wait_socket {
    my ($self, $path, $what) = @_;
    my $deadline = time + 30;
    while (time < $deadline) {
        my $pid = $self->{pids}{$what};
        if (waitpid($pid, WNOHANG) == $pid) {
            delete $self->{pids}{$what};
            croak "$what exited early (status $?): " . $self->log_tail($what);
        }
        if (-S $path) {
            my $s = IO::Socket::UNIX->new(Type => SOCK_STREAM(), Peer => $path);
            if ($s) { close $s; return 1 }
        }
        sleep 0.05;
    }
    croak "$what did not open $path within 30 s: " . $self->log_tail($what);
}

sub log_tail {
    my ($self, $what) = @_;
    my $text = '';
    for my $f ("$self->{dir}/$what.out", "$self->{dir}/$what.log") {
        my $s = _slurp($f);
        next unless defined $s && length $s;
        my @lines = split /\n/, $s;
        splice(@lines, 0, @lines - 15) if @lines > 15;
        $text .= "[$f]\n" . join("\n", @lines) . "\n";
    }
    return $text;
}

sub start_libvirtd {
    my ($self) = @_;
    croak 'libvirtd already running' if $self->{pids}{libvirtd};
    my $dir = $self->{dir};
    unlink "$dir/sock/libvirt-sock";
    $self->_spawn(libvirtd => 'libvirtd', '-p', "$dir/libvirtd.pid",
        '-f', "$dir/etc/libvirtd.conf", '-t', $self->{timeout});
    $self->_wait_socket("$dir/sock/libvirt-sock", 'libvirtd');
    return $self->{pids}{libvirtd};
}

# SIGKILL the daemon (guests keep running, as after a crash).
sub kill_libvirtd {
    my ($self) = @_;
    my $pid = delete $self->{pids}{libvirtd} or croak 'libvirtd not running';
    kill 'KILL', $pid;
    waitpid($pid, 0);
    return $pid;
}

# Is libvirtd still running (after GRACE seconds, default none)?  A
# daemon that crashed is reaped here, and its wait status kept in
# {libvirtd_status}.
sub libvirtd_alive {
    my ($self, $grace) = @_;
    my $pid = $self->{pids}{libvirtd} or return 0;
    my $deadline = time + ($grace || 0);
    while (1) {
        if (waitpid($pid, WNOHANG) == $pid) {
            $self->{libvirtd_status} = $?;
            delete $self->{pids}{libvirtd};
            return 0;
        }
        return 1 if time >= $deadline;
        sleep 0.05;
    }
}

sub dir         { $_[0]{dir} }
sub domain_type { $_[0]{domain_type} }
sub socket_path { "$_[0]{dir}/sock/libvirt-sock" }
sub uri         { 'qemu+unix:///system?socket=' . $_[0]->socket_path }
sub test_uri    { 'test+unix:///default?socket=' . $_[0]->socket_path }
sub libvirtd_pid { $_[0]{pids}{libvirtd} }
sub virtlogd_pid { $_[0]{pids}{virtlogd} }

# Run a command, croak with its output on failure; returns its output.
sub run {
    my ($self, @cmd) = @_;
    my $pid = open(my $fh, '-|');
    croak "fork: $!" unless defined $pid;
    if ($pid == 0) {
        open(STDERR, '>&', \*STDOUT);
        exec(@cmd) or print "exec $cmd[0]: $!\n";
        _exit(127);
    }
    local $/;
    my $out = <$fh>;
    $out = '' unless defined $out;
    close $fh;
    croak "@cmd: exit " . ($? >> 8) . ": $out" if $?;
    return $out;
}

# A qcow2 image in the private directory; returns its path.
sub make_disk {
    my ($self, $name, %opt) = @_;
    my $path = "$self->{dir}/images/$name.qcow2";
    my @cmd = ('qemu-img', 'create', '-q', '-f', 'qcow2');
    push @cmd, '-b', $opt{backing}, '-F', 'qcow2' if $opt{backing};
    push @cmd, $path;
    push @cmd, $opt{size} || '16M' unless $opt{backing};
    $self->run(@cmd);
    return $path;
}

sub image_path { "$_[0]{dir}/images/$_[1]" }

# qemu-io on an image that no guest holds: (success, output).  A pattern
# mismatch makes qemu-io exit 1 and say "Pattern verification failed".
sub qemu_io {
    my ($self, $image, $command) = @_;
    my $out = eval { $self->run('qemu-io', '-f', 'qcow2', '-c', $command, $image) };
    return (0, ref $@ ? "$@" : $@) unless defined $out;
    return ($out !~ /verification failed|error|failed/i ? 1 : 0, $out);
}

# `qemu-img info` of an image as a hash; -U lets it read an image that a
# running guest has open.
sub image_info {
    my ($self, $image) = @_;
    require JSON::PP;
    return JSON::PP::decode_json($self->run('qemu-img', 'info', '-U', '--output=json', $image));
}

# Names of the internal snapshots stored in a qcow2 image.
sub image_snapshots {
    my ($self, $image) = @_;
    my $info = $self->image_info($image);
    return sort map { $_->{name} } @{ $info->{snapshots} || [] };
}

# A whole-script watchdog, and a tighter one around single calls.  When
# one expires the script prints a TAP "Bail out!" and exits at once, even
# from inside a blocked C call (the handler is not deferred); the
# guardian then stops the daemons.
our $WATCHDOG_LABEL;

sub _alarm_handler {
    my $label = defined $WATCHDOG_LABEL ? $WATCHDOG_LABEL : 'test script';
    syswrite(STDOUT, "Bail out! $label: no answer before the alarm (hang)\n");
    _exit(2);
}

sub watchdog {
    my ($class, $seconds, $label) = @_;
    $WATCHDOG_LABEL = $label;
    POSIX::sigaction(POSIX::SIGALRM(), POSIX::SigAction->new(\&_alarm_handler));
    alarm $seconds;
}

# guard(SECONDS, LABEL, CODE): CODE's result, or the script bails out if it
# takes longer than SECONDS.  The script-wide alarm is put back afterwards.
sub guard {
    my ($class, $seconds, $label, $code) = @_;
    my $started = time;
    my $outer = alarm 0;
    local $WATCHDOG_LABEL = $label;
    POSIX::sigaction(POSIX::SIGALRM(), POSIX::SigAction->new(\&_alarm_handler));
    alarm $seconds;
    my @ret = eval { wantarray ? $code->() : scalar $code->() };
    my $err = $@;
    alarm 0;
    if ($outer) {
        my $left = $outer - int(time - $started);
        alarm($left > 1 ? $left : 1);
    }
    die $err if $err;
    return wantarray ? @ret : $ret[0];
}

# XML of a guest that boots nothing: no OS, one virtio qcow2 disk.
sub guest_xml {
    my ($self, $name, $disk, %opt) = @_;
    my $mem  = $opt{memory_mib} || 48;
    my $type = $self->{domain_type};
    return <<"EOF";
<domain type='$type'>
  <name>$name</name>
  <memory unit='MiB'>$mem</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>restart</on_reboot>
  <on_crash>destroy</on_crash>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='$disk'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <memballoon model='none'/>
  </devices>
</domain>
EOF
}

# Processes still alive (not zombies) that belong to this instance:
# the daemons and any QEMU whose command line mentions the private
# directory.  Returns "pid cmdline" strings.
sub leftovers {
    my ($self) = @_;
    my $dir = $self->{dir};
    my @left;
    opendir(my $dh, '/proc') or return ();
    for my $pid (grep { /^\d+$/ } readdir $dh) {
        next if $pid == $$;
        my $stat = _slurp("/proc/$pid/stat");
        next unless defined $stat;
        next if $stat =~ /\)\s+[ZX]\s/;
        my $cmd = _slurp("/proc/$pid/cmdline");
        next unless defined $cmd && length $cmd;
        $cmd =~ tr/\0/ /;
        push @left, "$pid $cmd" if index($cmd, $dir) >= 0;
    }
    closedir $dh;
    # Cross-check with pgrep, as a person would.
    if (_which('pgrep')) {
        for my $line (`pgrep -a -f '\Q$dir\E' 2>/dev/null`) {
            chomp $line;
            my ($pid) = $line =~ /^(\d+)/;
            next if !$pid || $pid == $$ || grep { /^$pid / } @left;
            my $stat = _slurp("/proc/$pid/stat");
            next if !defined $stat || $stat =~ /\)\s+[ZX]\s/;
            next if $line =~ /pgrep/;
            push @left, $line;
        }
    }
    return @left;
}

sub _alive {
    my ($pid) = @_;
    my $stat = _slurp("/proc/$pid/stat");
    return 0 unless defined $stat;
    return $stat !~ /\)\s+[ZX]\s/;
}

sub _stop_child {
    my ($self, $what) = @_;
    my $pid = delete $self->{pids}{$what} or return;
    kill 'TERM', $pid;
    my $deadline = time + 10;
    while (time < $deadline) {
        return if waitpid($pid, WNOHANG) == $pid;
        sleep 0.05;
    }
    kill 'KILL', $pid;
    waitpid($pid, 0);
}

# A daemon of this instance that is not (or no longer) our child: the
# guardian's case, after the test process has gone.
sub _stop_stray {
    my ($self, $name) = @_;
    my @pids;
    for my $line ($self->leftovers) {
        my ($pid, $cmd) = $line =~ /^(\d+) (\S+)/;
        push @pids, $pid if $cmd =~ m{(?:^|/)\Q$name\E$};
    }
    return unless @pids;
    kill 'TERM', @pids;
    my $deadline = time + 10;
    while (time < $deadline && grep { _alive($_) } @pids) { sleep 0.05 }
    kill 'KILL', grep { _alive($_) } @pids;
}

# QEMU processes that the daemon started, from its private pid files.
sub _qemu_pids {
    my ($self) = @_;
    my @pids;
    for my $pidfile (glob "$self->{dir}/run/qemu/*.pid") {
        my ($name) = $pidfile =~ m{/([^/]+)\.pid\z};
        next if $name eq 'driver';
        my $pid = _slurp($pidfile);
        next unless defined $pid && $pid =~ /^\s*(\d+)/;
        $pid = $1;
        my $cmd = _slurp("/proc/$pid/cmdline");
        next unless defined $cmd && $cmd =~ /qemu/ && $cmd =~ /guest=\Q$name\E[,\0]/;
        push @pids, $pid;
    }
    return @pids;
}

sub stop {
    my ($self) = @_;
    return () if $self->{stopped} || $self->{owner} != $$;
    $self->{stopped} = 1;
    local ($?, $!, $@);
    my @left = $self->_kill_everything;
    @INSTANCES = grep { $_ != $self } @INSTANCES;
    if (@left || $ENV{SYS_VIRT_KEEP_LIBVIRTD_DIR}) {
        $self->{kept} = 1;
    } else {
        remove_tree($self->{dir}, { safe => 1 });
    }
    if (my $g = delete $self->{guardian}) {
        syswrite($g->{fh}, "stopped\n");
        close $g->{fh};
        waitpid($g->{pid}, 0);
    }
    return @left;
}

sub _kill_everything {
    my ($self) = @_;
    # libvirtd first, so that it does not react to its guests going away.
    $self->_stop_child('libvirtd');
    $self->_stop_stray('libvirtd');
    my @qemu = $self->_qemu_pids;
    kill 'TERM', @qemu if @qemu;
    my $deadline = time + 10;
    while (time < $deadline && grep { _alive($_) } @qemu) { sleep 0.05 }
    kill 'KILL', grep { _alive($_) } @qemu;
    $self->_stop_child('virtlogd');
    $self->_stop_stray('virtlogd');
    # Anything else still holding the directory (a stray qemu-img, say).
    for my $line ($self->leftovers) {
        my ($pid) = $line =~ /^(\d+)/;
        kill 'KILL', $pid;
    }
    $deadline = time + 5;
    my @left;
    while (1) {
        @left = $self->leftovers;
        last if !@left || time > $deadline;
        sleep 0.05;
    }
    return @left;
}

my $HANDLERS_SET;

sub _install_signal_handlers {
    return if $HANDLERS_SET++;
    for my $sig (qw(INT TERM HUP)) {
        $SIG{$sig} = sub {
            # (stop() takes its instance out of @INSTANCES: walk a copy.)
            my @all = reverse @INSTANCES;
            $_->stop for @all;
            print STDERR "# stopped the private libvirtd after SIG$sig\n";
            $SIG{$sig} = 'DEFAULT';
            kill $sig, $$;
            exit 1;
        };
    }
}

END {
    local $?;
    my @all = reverse @INSTANCES;
    for my $inst (@all) {
        next unless $inst->{owner} == $$;
        my @left = $inst->stop;
        print STDERR "# still running after stop: $_\n" for @left;
    }
}

1;
