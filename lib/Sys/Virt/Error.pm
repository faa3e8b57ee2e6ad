package Sys::Virt::Error;

use strict;
use warnings;

use overload
    '""' => \&stringify,
    fallback => 1;

sub stringify {
    my $self = shift;
    my $message = $self->{message};
    $message = '' unless defined $message;
    return "libvirt error code: $self->{code}, message: $message"
        . ($message =~ /\n\z/ ? '' : "\n");
}

sub level   { return $_[0]->{level} }
sub code    { return $_[0]->{code} }
sub domain  { return $_[0]->{domain} }
sub message { return $_[0]->{message} }

1;
