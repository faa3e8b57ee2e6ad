# Reproduces a use after free (run under valgrind by xt/valgrind.t): a
# tied argument whose FETCH drops the last reference to the invocant while
# the XSUB reads its arguments. The XSUB has already taken the invocant's
# libvirt handle without a reference of its own, so libvirt is then handed
# a freed handle.

use strict;
use warnings;

use Sys::Virt;

die "loaded $INC{'Sys/Virt.pm'}\n" unless $INC{'Sys/Virt.pm'} =~ m{blib/lib/Sys/Virt\.pm\z};

package DropInvocant {
    sub TIESCALAR { my ($class, $how) = @_; return bless { how => $how }, $class }
    sub FETCH {
        my $self = shift;
        if ($self->{how} eq 'undef') { undef $main::victim } else { $main::victim->DESTROY }
        return 0;
    }
}

our $victim;
my $con = Sys::Virt->new(uri => 'test:///default');
for my $how (qw(undef DESTROY)) {
    tie my $flags, 'DropInvocant', $how;
    $victim = $con->get_domain_by_name('test');
    my $xml = eval { $victim->get_xml_description($flags) };
    print "domain ($how): ", (defined $xml ? 'value' : "error: $@");
    print "\n" if defined $xml;

    $victim = Sys::Virt->new(uri => 'test:///default');
    my @all = eval { $victim->list_all_domains($flags) };
    print "connection ($how): ", ($@ ? "error: $@" : "value\n");
}
print "freeing done\n";
