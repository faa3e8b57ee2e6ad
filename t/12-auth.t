#!/usr/bin/perl
# Authentication callbacks, against a test driver node that demands a
# username and password.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";

use File::Temp qw(tempdir);
use Test::More;

use Crash ();
use Sys::Virt;
BEGIN { Crash::assert_our_build() }
use SVTest qw(perl_child);

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

# An exception object that is false in boolean context.
package FalseError {
    use overload 'bool' => sub { 0 }, '""' => sub { 'FalseError' }, fallback => 1;
    sub new { return bless { code => 7 }, shift }
}

eval { open_with(sub { die FalseError->new }) };
is(ref $@, 'FalseError', 'a die with an object whose boolean value is false comes back unchanged');
is(ref $@ && $@->{code}, 7, 'the same object');

{
    no warnings 'exiting';
    my @errors;
    my $rounds = 0;
    for my $how (qw(last next)) {
        $rounds++;
        eval { open_with(sub { $how eq 'last' ? last : next }) };
        push @errors, $@;
    }
    is($rounds, 2, 'last and next in the callback do not leave the caller\'s loop');
    like($errors[0], qr/^Can't "last" outside a loop block/, '"last" is an ordinary error the caller\'s eval catches');
    like($errors[1], qr/^Can't "next" outside a loop block/, '"next" too');
}

eval { open_with(sub { Sys::Virt::get_uri(undef) }) };
like($@, qr/^Sys::Virt::get_uri: argument 'con' is not a Sys::Virt object/, 'an XSUB croaking inside the callback: its error comes back');

eval { open_with(sub { Sys::Virt->new(uri => 'test:///default')->get_domain_by_name('no-such-domain') }) };
isa_ok($@, 'Sys::Virt::Error', 'a libvirt error inside the callback');

{
    my ($status, $out) = perl_child(<<PERL);
END { print "END ran\n" }
my \$c = eval { Sys::Virt->new(uri => '$uri', auth => 1, credlist => [Sys::Virt::CRED_AUTHNAME()], callback => sub { exit 7 }) };
print "not reached\n";
PERL
    is($status >> 8, 7, 'exit 7 in the callback ends the program with status 7');
    is($out, "END ran\n", 'after END blocks, with nothing run after the exit');
}

my $plain = eval { Sys::Virt->new(uri => 'test:///default', auth => 1, credlist => [], callback => sub { 0 }) };
isa_ok($plain, 'Sys::Virt', 'a driver that asks nothing never calls the callback');

done_testing;
