# -*- perl -*-
#
# Every public method and constant of our build is documented, in our own
# POD (blib/lib), never in the POD of another installed Sys::Virt.

use strict;
use warnings;

use Test::More;
use File::Spec;

BEGIN {
    eval { require Test::Pod::Coverage; Test::Pod::Coverage->VERSION(1.08); Test::Pod::Coverage->import; 1 }
        or plan skip_all => 'Test::Pod::Coverage 1.08 is not installed (Debian: libtest-pod-coverage-perl)';
}

# The XSUBs and constants of every package are registered when Sys::Virt
# boots, so load it before Pod::Coverage looks at a package's symbols.
use Sys::Virt;

my $blib = File::Spec->rel2abs('blib/lib');
like(File::Spec->rel2abs($INC{'Sys/Virt.pm'}), qr{^\Q$blib\E/}, 'Sys::Virt is loaded from our build');

my %packages = (
    'Sys::Virt'                 => 'Sys/Virt.pm',
    'Sys::Virt::Domain'         => 'Sys/Virt/Domain.pm',
    'Sys::Virt::DomainSnapshot' => 'Sys/Virt/DomainSnapshot.pm',
    'Sys::Virt::DomainCheckpoint' => 'Sys/Virt/DomainCheckpoint.pm',
    'Sys::Virt::Error'          => 'Sys/Virt/Error.pm',
    'Sys::Virt::StoragePool'    => 'Sys/Virt/StoragePool.pm',
    'Sys::Virt::StorageVol'     => 'Sys/Virt/StorageVol.pm',
    'Sys::Virt::Network'        => 'Sys/Virt/Network.pm',
    'Sys::Virt::NetworkPort'    => 'Sys/Virt/NetworkPort.pm',
    'Sys::Virt::Stream'         => 'Sys/Virt/Stream.pm',
    'Sys::Virt::Event'          => 'Sys/Virt/Event.pm',
    'Sys::Virt::NodeDevice'     => 'Sys/Virt/NodeDevice.pm',
    'Sys::Virt::Interface'      => 'Sys/Virt/Interface.pm',
    'Sys::Virt::Secret'         => 'Sys/Virt/Secret.pm',
    'Sys::Virt::NWFilter'       => 'Sys/Virt/NWFilter.pm',
    'Sys::Virt::NWFilterBinding' => 'Sys/Virt/NWFilterBinding.pm',
);

for my $package (sort keys %packages) {
    # pod_from: Pod::Coverage would otherwise take the POD of the first
    # file on @INC that has any, which may be another installation's.
    pod_coverage_ok($package, {
        pod_from     => "$blib/$packages{$package}",
        # Private: _names, DESTROY, and overload's internal entries "(...".
        also_private => [],
    }, "$package is fully documented");
}

done_testing();
