# -*- perl -*-
#
# The POD of every module in blib/lib is well formed.

use strict;
use warnings;

use Test::More;

BEGIN {
    eval { require Test::Pod; Test::Pod->VERSION(1.22); Test::Pod->import; 1 }
        or plan skip_all => 'Test::Pod 1.22 is not installed (Debian: libtest-pod-perl)';
}

-d 'blib/lib' or BAIL_OUT('blib/lib is missing: run "perl Makefile.PL && make" first');

my @files = sort(all_pod_files('blib/lib'));
my %seen = map { $_ => 1 } @files;

# Every package of the distribution must have POD, so that a file that
# lost its POD does not pass just by not being looked at.
for my $pm ('Sys/Virt.pm', map { "Sys/Virt/$_.pm" } qw(Domain DomainSnapshot DomainCheckpoint Error Event
        Interface Network NetworkPort NodeDevice NWFilter NWFilterBinding Secret StoragePool StorageVol Stream)) {
    ok($seen{"blib/lib/$pm"}, "blib/lib/$pm contains POD");
}

pod_file_ok($_) for @files;

done_testing();
