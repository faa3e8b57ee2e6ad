# -*- perl -*-
#
# The whole API is accounted for:
#
#  - every sub and every constant that Sys::Virt 9.0.0 has, package by
#    package, exists here, each constant with the same value
#    (t/data/api-9.0.0.txt lists them: "sub NAME" and "const NAME VALUE");
#  - every public function of libvirt 9.0.0 (libvirt-api.xml, shipped by
#    libvirt-dev) is called by some method of this build, or is on the
#    short list below of those Sys::Virt 9.0.0 does not bind either, each
#    with its reason;
#  - every Sys/Virt*.pm that is loaded comes from this build.

use strict;
use warnings;

use FindBin;
use lib "$FindBin::Bin/lib";

use File::Find ();
use Test::More;

use Crash ();
use Sys::Virt;
BEGIN { Crash::assert_our_build() }

my $TOP = "$FindBin::Bin/..";

my @PACKAGES = map { "Sys::Virt$_" } ('', map { "::$_" } qw(Domain DomainSnapshot DomainCheckpoint Error
    Network NetworkPort StoragePool StorageVol NodeDevice Interface Secret NWFilter NWFilterBinding Stream Event));

# ------------------------------------------------- subs and constants

for my $package (@PACKAGES[1 .. $#PACKAGES]) {
    (my $file = "$package.pm") =~ s{::}{/}g;
    ok(eval { require $file; 1 }, "require $package") or diag($@);
}
Crash::assert_our_build();

my (@subs, %constants);
open my $list, '<', "$FindBin::Bin/data/api-9.0.0.txt" or die "t/data/api-9.0.0.txt: $!";
while (my $line = <$list>) {
    chomp $line;
    my ($kind, $name, $value) = split / /, $line, 3;
    if ($kind eq 'sub') { push @subs, $name } else { $constants{$name} = $value }
}
close $list;
cmp_ok(scalar @subs, '==', 496, 'the list has the 496 subs of Sys::Virt 9.0.0');
cmp_ok(scalar keys %constants, '==', 1167, 'and its 1167 constants');

{
    no strict 'refs';
    my %missing;
    for my $name (@subs) {
        my ($package) = $name =~ /^(.*)::[^:]+$/;
        push @{ $missing{$package} }, $name unless defined &{$name};
    }
    for my $package (@PACKAGES) {
        ok(!$missing{$package}, "$package has every sub of 9.0.0")
            or diag("missing: @{ $missing{$package} }");
    }
    my @wrong;
    for my $name (sort keys %constants) {
        my $got = defined &{$name} ? eval { &{$name}() } : undef;
        push @wrong, $name . (defined $got ? " = $got, not $constants{$name}" : ' is missing')
            unless defined $got && "$got" eq $constants{$name};
    }
    is(scalar @wrong, 0, 'every constant of 9.0.0 exists with the same value') or diag(join "\n", @wrong);
}

# ------------------------------------------------- libvirt's functions

# Public libvirt functions that Sys::Virt 9.0.0 does not bind either.
my %NOT_BOUND;
sub not_bound { my $why = shift; $NOT_BOUND{$_} = $why for @_ }

not_bound('errors reach Perl as Sys::Virt::Error objects, built from the thread\'s last error: '
        . 'the C-level error calls and handlers have no Perl counterpart',
    qw(virConnCopyLastError virConnGetLastError virConnResetLastError virConnSetErrorFunc
       virCopyLastError virDefaultErrorFunc virFreeError virGetLastErrorCode virGetLastErrorDomain
       virGetLastErrorMessage virResetLastError virSaveLastError));
not_bound('every connection is opened with virConnectOpenAuth (read-only through its flag)',
    qw(virConnectOpen virConnectOpenReadOnly));
not_bound('a Perl object holds its own libvirt reference, taken when it is made or cloned into a thread',
    qw(virConnectRef virDomainCheckpointRef virDomainSnapshotRef virInterfaceRef virNWFilterBindingRef
       virNWFilterRef virNetworkPortRef virStorageVolRef virStreamRef));
not_bound('the object an object belongs to is not a method of Sys::Virt 9.0.0',
    qw(virDomainCheckpointGetConnect virDomainCheckpointGetDomain virDomainSnapshotGetConnect
       virDomainSnapshotGetDomain virInterfaceGetConnect virNetworkGetConnect virNetworkPortGetNetwork
       virSecretGetConnect virStoragePoolGetConnect virStorageVolGetConnect));
not_bound('typed parameters are Perl hashes; the C helpers that build and read the lists are internal',
    qw(virTypedParamsAddBoolean virTypedParamsAddDouble virTypedParamsAddFromString virTypedParamsAddInt
       virTypedParamsAddLLong virTypedParamsAddString virTypedParamsAddStringList virTypedParamsAddUInt
       virTypedParamsAddULLong virTypedParamsGet virTypedParamsGetBoolean virTypedParamsGetDouble
       virTypedParamsGetInt virTypedParamsGetLLong virTypedParamsGetString virTypedParamsGetUInt
       virTypedParamsGetULLong));

# Older forms that Sys::Virt 9.0.0 calls in some cases, whose work a newer
# function does here for every case (libvirt defines the old call as the
# new one with no flags); each is checked to be replaced by a called one.
my %REPLACED = (
    virDomainCreate       => 'virDomainCreateWithFlags',
    virDomainCreateLinux  => 'virDomainCreateXML',
    virDomainDestroy      => 'virDomainDestroyFlags',
    virDomainShutdown     => 'virDomainShutdownFlags',
    virDomainUndefine     => 'virDomainUndefineFlags',
    virDomainMigrate      => 'virDomainMigrate3',
    virDomainMigrate2     => 'virDomainMigrate3',
    virDomainMigrateToURI => 'virDomainMigrateToURI3',
    virDomainMigrateToURI2 => 'virDomainMigrateToURI3',
);
not_bound('errors are copied out of the thread\'s last error, which libvirt resets at every call',
    qw(virResetError));

# Calls that reach libvirt through the virt crate's error type.
my %THROUGH = (
    virGetLastError => qr/\bError::last_error\b|\blast_error\(\)/,
);

my $api_file = '/usr/share/libvirt/api/libvirt-api.xml';
SKIP: {
    skip "$api_file is missing (libvirt-dev)", 3 unless -r $api_file;
    my $api = do { local $/; open my $fh, '<', $api_file or die "$api_file: $!"; <$fh> };
    my %public = map { $_ => 1 } $api =~ /<function name='(vir\w+)'/g;
    cmp_ok(scalar keys %public, '>', 500, "libvirt-api.xml lists libvirt's public functions");

    # Which libvirt functions our sources call, and from which Perl method.
    my %called_by;
    File::Find::find({ no_chdir => 1, wanted => sub {
        return unless /\.rs\z/ && -f;
        my $file = $_;
        open my $fh, '<', $file or die "$file: $!";
        my ($package, $method) = ('', '');
        (my $short = $file) =~ s{^\Q$TOP\E/}{};
        while (my $line = <$fh>) {
            $package = $1 if $line =~ /xsubs!\s*\{\s*"([\w:]+)"/;
            $method = "${package}::$1" if $package && $line =~ /^\s{4}fn (\w+)\s*\(/;
            for my $function ($line =~ /\b(vir[A-Z]\w*)\b/g) {
                next unless $public{$function};
                $called_by{$function}{ $method || $short } = 1;
            }
            for my $function (keys %THROUGH) {
                $called_by{$function}{ $method || $short } = 1 if $line =~ $THROUGH{$function};
            }
        }
    } }, "$TOP/src");

    for my $old (sort keys %REPLACED) {
        ok($called_by{ $REPLACED{$old} }, "$old: its work is done by $REPLACED{$old}, which is called");
        $called_by{$old} = $called_by{ $REPLACED{$old} } if $called_by{ $REPLACED{$old} };
    }
    my @unbound = grep { !$called_by{$_} && !$NOT_BOUND{$_} } sort keys %public;
    is(scalar @unbound, 0, 'every libvirt function is called by a method, or is one Sys::Virt 9.0.0 does not bind')
        or diag("bound by Sys::Virt 9.0.0 but by no method here: @unbound");
    my @stale = grep { !$public{$_} } sort keys %NOT_BOUND;
    is(scalar @stale, 0, 'the list of functions not bound names only real libvirt functions') or diag("@stale");
    note(sprintf '%d of %d libvirt functions called; %d others not bound, as in Sys::Virt 9.0.0',
        scalar(grep { $called_by{$_} } keys %public), scalar keys %public,
        scalar(grep { !$called_by{$_} } keys %NOT_BOUND));
}

done_testing();
