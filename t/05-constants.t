# -*- perl -*-
#
# Constants exported by Sys::Virt and its sub-packages.
#
# Part (a) checks a selection of values written out literally from
# libvirt's public headers. Part (b) compares every constant of every
# package with the reference (C XS) Sys::Virt, when that is installed.

use strict;
use warnings;

use Test::More;
use B ();

use Sys::Virt;

my $REF_DIR = "/usr/lib/x86_64-linux-gnu/perl5/5.36";
my $REF_PM  = "$REF_DIR/Sys/Virt.pm";

# Numbers the reference stores from a negative C int (or from an unsigned
# flag with bit 31 set) come out as 64-bit unsigned values, because each
# constant is passed through `int` and stored with sv_setuv().
my $U64_MINUS_1 = "18446744073709551615";    # (UV)(int)-1
my $U64_MINUS_2 = "18446744073709551614";    # (UV)(int)-2
my $U64_BIT_31  = "18446744071562067968";    # (UV)(int)(1U << 31)

# ---------------------------------------------------------------------------
# (a) spot checks against libvirt's public headers
# ---------------------------------------------------------------------------

# All of Sys::Virt::DomainSnapshot (libvirt-domain-snapshot.h).
my @snapshot = (
    [CREATE_REDEFINE      => 1],
    [CREATE_CURRENT       => 2],
    [CREATE_NO_METADATA   => 4],
    [CREATE_HALT          => 8],
    [CREATE_DISK_ONLY     => 16],
    [CREATE_REUSE_EXT     => 32],
    [CREATE_QUIESCE       => 64],
    [CREATE_ATOMIC        => 128],
    [CREATE_LIVE          => 256],
    [CREATE_VALIDATE      => 512],
    [XML_SECURE           => 1],
    [LIST_ROOTS           => 1],
    [LIST_DESCENDANTS     => 1],
    [LIST_METADATA        => 2],
    [LIST_LEAVES          => 4],
    [LIST_NO_LEAVES       => 8],
    [LIST_NO_METADATA     => 16],
    [LIST_INACTIVE        => 32],
    [LIST_ACTIVE          => 64],
    [LIST_DISK_ONLY       => 128],
    [LIST_INTERNAL        => 256],
    [LIST_EXTERNAL        => 512],
    [LIST_TOPOLOGICAL     => 1024],
    [REVERT_RUNNING       => 1],
    [REVERT_PAUSED        => 2],
    [REVERT_FORCE         => 4],
    [REVERT_RESET_NVRAM   => 8],
    [DELETE_CHILDREN      => 1],
    [DELETE_METADATA_ONLY => 2],
    [DELETE_CHILDREN_ONLY => 4],
);

my @spot = (
    # libvirt-host.h
    ["Sys::Virt", CONNECT_RO                  => 1],
    ["Sys::Virt", CONNECT_NO_ALIASES          => 2],
    ["Sys::Virt", CRED_USERNAME               => 1],
    ["Sys::Virt", CRED_PASSPHRASE             => 5],
    ["Sys::Virt", CRED_EXTERNAL               => 9],
    ["Sys::Virt", CPU_COMPARE_INCOMPATIBLE    => 0],
    ["Sys::Virt", CPU_COMPARE_SUPERSET        => 2],
    ["Sys::Virt", NODE_SUSPEND_TARGET_HYBRID  => 2],
    ["Sys::Virt", NODE_CPU_STATS_ALL_CPUS     => $U64_MINUS_1],
    ["Sys::Virt", NODE_CPU_STATS_KERNEL       => "kernel"],
    ["Sys::Virt", NODE_MEMORY_STATS_TOTAL     => "total"],
    ["Sys::Virt", NODE_MEMORY_SHARED_PAGES_TO_SCAN => "shm_pages_to_scan"],
    ["Sys::Virt", IDENTITY_USER_NAME          => "user-name"],
    ["Sys::Virt", SEV_PDH                     => "pdh"],
    ["Sys::Virt", CLOSE_REASON_KEEPALIVE      => 2],

    # libvirt-domain.h
    ["Sys::Virt::Domain", STATE_NOSTATE       => 0],
    ["Sys::Virt::Domain", STATE_RUNNING       => 1],
    ["Sys::Virt::Domain", STATE_SHUTOFF       => 5],
    ["Sys::Virt::Domain", STATE_PMSUSPENDED   => 7],
    ["Sys::Virt::Domain", STATE_PAUSED_POSTCOPY_FAILED => 13],
    ["Sys::Virt::Domain", AFFECT_CURRENT      => 0],
    ["Sys::Virt::Domain", AFFECT_CONFIG       => 2],
    ["Sys::Virt::Domain", MIGRATE_LIVE        => 1],
    ["Sys::Virt::Domain", MIGRATE_PEER2PEER   => 2],
    ["Sys::Virt::Domain", MIGRATE_POSTCOPY    => 32768],
    ["Sys::Virt::Domain", UNDEFINE_NVRAM      => 4],
    ["Sys::Virt::Domain", DESTROY_REMOVE_LOGS => 2],
    ["Sys::Virt::Domain", LIST_ACTIVE         => 1],
    ["Sys::Virt::Domain", LIST_NO_CHECKPOINT  => 32768],
    ["Sys::Virt::Domain", EVENT_STOPPED       => 5],
    ["Sys::Virt::Domain", EVENT_ID_LIFECYCLE  => 0],
    ["Sys::Virt::Domain", EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE => 26],
    ["Sys::Virt::Domain", BLOCK_JOB_TYPE_BACKUP => 5],
    ["Sys::Virt::Domain", PROCESS_SIGNAL_KILL => 9],
    ["Sys::Virt::Domain", KEYCODE_SET_QNUM    => 9],
    ["Sys::Virt::Domain", KEYCODE_SET_RFB     => 9],
    ["Sys::Virt::Domain", EVENT_MEMORY_FAILURE_ACTION_RESET => 3],
    ["Sys::Virt::Domain", DIRTYRATE_MODE_DIRTY_RING => 2],
    ["Sys::Virt::Domain", MEMORY_PARAM_UNLIMITED => "9007199254740991"],
    ["Sys::Virt::Domain", MEMORY_HARD_LIMIT   => "hard_limit"],
    ["Sys::Virt::Domain", JOB_TIME_ELAPSED    => "time_elapsed"],
    ["Sys::Virt::Domain", MIGRATE_PARAM_DISK_PORT => "disks_port"],
    ["Sys::Virt::Domain", TUNABLE_CPU_VCPUPIN => "cputune.vcpupin%u"],
    ["Sys::Virt::Domain", SAVE_PARAM_FILE     => "file"],
    ["Sys::Virt::Domain", GET_ALL_STATS_ENFORCE_STATS   => $U64_BIT_31],
    ["Sys::Virt::Domain", AGENT_RESPONSE_TIMEOUT_BLOCK  => $U64_MINUS_2],
    ["Sys::Virt::Domain", AGENT_RESPONSE_TIMEOUT_NOWAIT => 0],
    ["Sys::Virt::Domain", VCPU_INFO_CPU_OFFLINE => $U64_MINUS_1],

    # libvirt-domain-checkpoint.h
    ["Sys::Virt::DomainCheckpoint", CREATE_REDEFINE  => 1],
    ["Sys::Virt::DomainCheckpoint", LIST_TOPOLOGICAL => 2],
    ["Sys::Virt::DomainCheckpoint", XML_SIZE         => 4],

    # libvirt-storage.h
    ["Sys::Virt::StoragePool", STATE_INACCESSIBLE => 4],
    ["Sys::Virt::StoragePool", BUILD_NO_OVERWRITE => 4],
    ["Sys::Virt::StoragePool", LIST_ZFS           => 131072],
    ["Sys::Virt::StorageVol", TYPE_FILE           => 0],
    ["Sys::Virt::StorageVol", TYPE_PLOOP          => 5],
    ["Sys::Virt::StorageVol", WIPE_ALG_TRIM       => 9],

    # libvirt-network.h
    ["Sys::Virt::Network", SECTION_DNS_SRV          => 12],
    ["Sys::Virt::Network", UPDATE_COMMAND_ADD_FIRST => 4],
    ["Sys::Virt::Network", EVENT_STOPPED            => 3],
    ["Sys::Virt::NetworkPort", CREATE_RECLAIM       => 1],
    ["Sys::Virt::NetworkPort", BANDWIDTH_IN_FLOOR   => "inbound.floor"],

    # libvirt-interface.h, libvirt-nodedev.h, libvirt-secret.h, libvirt-nwfilter.h
    ["Sys::Virt::Interface", XML_INACTIVE        => 1],
    ["Sys::Virt::NodeDevice", LIST_CAP_VPD       => 2097152],
    ["Sys::Virt::NodeDevice", LIST_ACTIVE        => $U64_BIT_31],
    ["Sys::Virt::NodeDevice", EVENT_ID_UPDATE    => 1],
    ["Sys::Virt::Secret", USAGE_TYPE_VTPM        => 5],
    ["Sys::Virt::NWFilter", DEFINE_VALIDATE      => 1],
    ["Sys::Virt::NWFilterBinding", CREATE_VALIDATE => 1],

    # libvirt-stream.h, libvirt-event.h
    ["Sys::Virt::Stream", NONBLOCK          => 1],
    ["Sys::Virt::Stream", EVENT_HANGUP      => 8],
    ["Sys::Virt::Stream", RECV_STOP_AT_HOLE => 1],
    ["Sys::Virt::Event", HANDLE_READABLE    => 1],
    ["Sys::Virt::Event", HANDLE_HANGUP      => 8],

    # virterror.h
    ["Sys::Virt::Error", LEVEL_ERROR            => 2],
    ["Sys::Virt::Error", ERR_OK                 => 0],
    ["Sys::Virt::Error", ERR_OPERATIONED_DENIED => 29],
    ["Sys::Virt::Error", WAR_NO_NETWORK         => 41],
    ["Sys::Virt::Error", ERR_NO_DOMAIN          => 42],
    ["Sys::Virt::Error", ERR_NO_DOMAIN_SNAPSHOT => 72],
    ["Sys::Virt::Error", ERR_INVALID_SCHEMA     => 92],
    ["Sys::Virt::Error", ERR_NO_NETWORK_PORT    => 107],
    ["Sys::Virt::Error", FROM_QEMU              => 10],
    ["Sys::Virt::Error", FROM_DOMAIN_SNAPSHOT   => 35],
    ["Sys::Virt::Error", FROM_CH                => 72],
);

push @spot, map { ["Sys::Virt::DomainSnapshot", @$_] } @snapshot;

sub call_const {
    my ($full) = @_;
    no strict 'refs';
    return defined &$full ? &$full() : undef;
}

for my $t (@spot) {
    my ($pkg, $name, $want) = @$t;
    my $full = "${pkg}::$name";
    is(call_const($full), $want, "$full is $want");
}

# Constants must be real constant subs: callable with and without
# parentheses, with an empty prototype so they compose in expressions.
for my $t (@snapshot) {
    my ($name, $want) = @$t;
    my $full = "Sys::Virt::DomainSnapshot::$name";

    my $bare = eval "$full";
    is($bare, $want, "$full without parentheses") or diag $@;

    my $paren = eval "$full()";
    is($paren, $want, "$full()") or diag $@;

    is(prototype($full), "", "$full has an empty prototype");
}

{
    my $v = eval "Sys::Virt::DomainSnapshot::LIST_LEAVES | Sys::Virt::DomainSnapshot::LIST_TOPOLOGICAL";
    is($v, 1028, "bare constants combine with |") or diag $@;

    $v = eval "Sys::Virt::DomainSnapshot::CREATE_DISK_ONLY + 1";
    is($v, 17, "bare constant followed by + 1 is not taken as an argument") or diag $@;

    $v = eval "Sys::Virt::Error::ERR_NO_DOMAIN_SNAPSHOT == 72 ? 'yes' : 'no'";
    is($v, "yes", "bare constant in a comparison") or diag $@;
}

# ---------------------------------------------------------------------------
# (b) every constant of every package, compared with the reference module
# ---------------------------------------------------------------------------

# Shared by this process and the reference process, so both sides are
# enumerated in exactly the same way: every upper-case sub with an empty
# prototype in Sys::Virt or any package below it.
my $DUMPER = <<'EOC';
sub dump_sys_virt_constants {
    my @todo = ("Sys::Virt");
    my (%seen, @out);
    while (defined(my $pkg = shift @todo)) {
        next if $seen{$pkg}++;
        no strict "refs";
        my $stash = \%{"${pkg}::"};
        for my $key (sort keys %$stash) {
            if ($key =~ /^(\w+)::$/) {
                push @todo, "${pkg}::$1";
                next;
            }
            next unless $key =~ /^[A-Z][A-Z0-9_]*$/;
            my $full = "${pkg}::$key";
            next unless defined &$full;
            my $proto = prototype($full);
            next unless defined $proto && $proto eq "";
            my $v = &$full();
            $v = "<undef>" unless defined $v;
            push @out, "$full=$v";
        }
    }
    return @out;
}
1;
EOC

eval $DUMPER or die "dumper: $@";

sub parse_dump {
    my %h;
    for my $line (@_) {
        my ($k, $v) = split /=/, $line, 2;
        $h{$k} = $v;
    }
    return \%h;
}

# Returns a list of human readable differences between two dumps.
sub dump_differences {
    my ($ours, $ref) = @_;
    my @diff;
    for my $k (sort keys %$ref) {
        if (!exists $ours->{$k}) {
            push @diff, "missing $k (reference: $ref->{$k})";
        } elsif ($ours->{$k} ne $ref->{$k}) {
            push @diff, "value of $k: ours '$ours->{$k}', reference '$ref->{$k}'";
        }
    }
    for my $k (sort keys %$ours) {
        push @diff, "extra $k = $ours->{$k}" unless exists $ref->{$k};
    }
    return @diff;
}

SKIP: {
    skip "reference Sys::Virt not installed", 12 unless -f $REF_PM;

    isnt($INC{"Sys/Virt.pm"}, $REF_PM,
         "the module under test is not the reference copy")
        or diag "run this test against the build (blib), not the installed module";

    my $code = $DUMPER . <<'EOC';
use Sys::Virt;
print "INC=$INC{'Sys/Virt.pm'}\n";
for my $so (@DynaLoader::dl_shared_objects) {
    print "SO=$so\n" if $so =~ m{/Virt\.so$};
}
print "$_\n" for dump_sys_virt_constants();
EOC

    my @lines;
    {
        local $ENV{PERL5LIB};
        local $ENV{PERLLIB};
        local $ENV{PERL5OPT};
        delete $ENV{PERL5LIB};
        delete $ENV{PERLLIB};
        delete $ENV{PERL5OPT};
        open my $fh, "-|", $^X, "-I$REF_DIR", "-e", $code
            or die "cannot run $^X: $!";
        chomp(@lines = <$fh>);
        close $fh;
        is($?, 0, "reference dump process exited cleanly");
    }

    my ($inc) = map { /^INC=(.*)/ ? $1 : () } @lines;
    my ($so)  = map { /^SO=(.*)/  ? $1 : () } @lines;
    my @ref_lines = grep { !/^(?:INC|SO)=/ } @lines;

    is($inc, $REF_PM, "reference process loaded $REF_PM");
    like($so // "", qr{^\Q$REF_DIR\E/auto/Sys/Virt/Virt\.so$},
         "reference process loaded the reference XS object");

    my $ref  = parse_dump(@ref_lines);
    my $ours = parse_dump(dump_sys_virt_constants());

    cmp_ok(scalar(keys %$ref), ">", 1000, "reference dump has all its constants");
    my %ref_pkgs = map { /^(.*)::[^:]+$/ ? ($1 => 1) : () } keys %$ref;
    cmp_ok(scalar(keys %ref_pkgs), ">=", 16, "reference dump spans all packages");

    # The comparison must notice a single changed value, a missing name
    # and an extra name; check that on doctored copies of the reference.
    {
        my ($some) = sort keys %$ref;
        my %changed = %$ref;
        $changed{$some} .= "0";
        my %missing = %$ref;
        delete $missing{$some};
        my %extra = (%$ref, "Sys::Virt::Domain::NOT_A_CONSTANT" => 1);
        is(scalar(dump_differences(\%changed, $ref)), 1, "comparison detects a changed value");
        is(scalar(dump_differences(\%missing, $ref)), 1, "comparison detects a missing constant");
        is(scalar(dump_differences(\%extra, $ref)), 1, "comparison detects an extra constant");
    }

    is_deeply([sort keys %$ours], [sort keys %$ref], "same set of constants as the reference");

    my @diff = dump_differences($ours, $ref);
    is(scalar(@diff), 0, "every constant matches the reference (name and value)")
        or diag join("\n", @diff[0 .. ($#diff < 49 ? $#diff : 49)]);

    # The reference creates constant subs (newCONSTSUB); ours should too.
    my @not_const;
    for my $k (sort keys %$ours) {
        no strict "refs";
        my $cv = B::svref_2object(\&{$k});
        push @not_const, $k unless $cv->CvFLAGS & B::CVf_CONST();
    }
    is(scalar(@not_const), 0, "every constant is a constant sub")
        or diag join("\n", @not_const[0 .. ($#not_const < 19 ? $#not_const : 19)]);
}

done_testing();
