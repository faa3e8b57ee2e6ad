#!/usr/bin/perl
# Authentication callbacks, against a test driver node that demands a
# username and password.
use strict;
use warnings;
use File::Temp qw(tempdir);
use Test::More;

use Sys::Virt;

my $dir = tempdir(CLEANUP => 1);
my $node = "$dir/node.xml";
open my $fh, '>', $node or die "$node: $!";
print $fh <<'XML';
<node>
  <auth>
    <user password="s3cret">alice</user>
  </auth>
  <domain type="test">
    <name>guest</name>
    <memory>65536</memory>
    <os><type>hvm</type></os>
  </domain>
</node>
XML
close $fh;
my $uri = "test://$node";

sub open_with {
    my ($callback, @credlist) = @_;
    @credlist = (Sys::Virt::CRED_AUTHNAME, Sys::Virt::CRED_PASSPHRASE) unless @credlist;
    return Sys::Virt->new(uri => $uri, auth => 1, credlist => \@credlist, callback => $callback);
}

my @asked;
my $con = eval {
    open_with(sub {
        my ($creds) = @_;
        for my $cred (@$creds) {
            push @asked, $cred;
            $cred->{result} = $cred->{type} == Sys::Virt::CRED_AUTHNAME ? 'alice' : 's3cret';
        }
        return 0;
    });
};
isa_ok($con, 'Sys::Virt', 'right credentials open the connection') or diag $@;
is_deeply([map { $_->get_name } $con->list_all_domains], ['guest'], 'the node behind it is the test file');
is(scalar @asked, 2, 'the callback was asked two credentials');
is_deeply([map { $_->{type} } @asked], [Sys::Virt::CRED_AUTHNAME, Sys::Virt::CRED_PASSPHRASE],
          'username first, then the passphrase');
like($asked[0]{prompt}, qr/username/i, 'each credential carries its prompt');
ok(exists $asked[0]{challenge}, 'and a challenge key');

my $bad = eval { open_with(sub { $_->{result} = 'wrong' for @{$_[0]}; 0 }) };
ok(!$bad, 'wrong credentials do not open');
isa_ok($@, 'Sys::Virt::Error');
is($@->code, Sys::Virt::Error::ERR_AUTH_FAILED, 'authentication failed error code');

eval { open_with(sub { die "no terminal here\n" }) };
is($@, "no terminal here\n", 'a die in the callback comes back as the same error');

eval { open_with(sub { die { reason => 'structured' } }) };
is(ref $@ && $@->{reason}, 'structured', 'a die with a reference keeps the reference');

eval { open_with(sub { -1 }) };
isa_ok($@, 'Sys::Virt::Error', 'a callback returning -1 refuses');
is($@->code, Sys::Virt::Error::ERR_AUTH_FAILED, 'as an authentication failure');

my $plain = eval { Sys::Virt->new(uri => 'test:///default', auth => 1, credlist => [], callback => sub { 0 }) };
isa_ok($plain, 'Sys::Virt', 'a driver that asks nothing never calls the callback');

done_testing;
