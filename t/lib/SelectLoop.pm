package SelectLoop;

# A small event loop for libvirt, written in Perl over IO::Select: what a
# program that brings its own loop does (Sys::Virt::Event::register).
# It logs every call libvirt makes to it in {calls}, and dies in the
# method named by {die_in}.

use strict;
use warnings;

use IO::Select;
use Time::HiRes ();
use Sys::Virt;

our @ISA = ('Sys::Virt::Event');

sub new {
    my $class = shift;
    my $self = bless { next_watch => 1, next_timer => 1, handles => {}, timeouts => {}, calls => [], die_in => '' }, $class;
    $self->register;
    return $self;
}

sub _now { return Time::HiRes::time() * 1000 }

sub _log {
    my ($self, $method, @args) = @_;
    push @{ $self->{calls} }, [$method, @args];
    die "loop method $method failed\n" if $self->{die_in} eq $method;
}

sub add_handle {
    my ($self, $fd, $events, $cb, $opaque, $ff) = @_;
    $self->_log('add_handle', $fd, $events, $cb, $opaque, $ff);
    my $watch = $self->{next_watch}++;
    $self->{handles}{$watch} = { fd => $fd, events => $events, cb => $cb, opaque => $opaque, ff => $ff };
    return $watch;
}

sub update_handle {
    my ($self, $watch, $events) = @_;
    $self->_log('update_handle', $watch, $events);
    $self->{handles}{$watch}{events} = $events if $self->{handles}{$watch};
}

sub remove_handle {
    my ($self, $watch) = @_;
    $self->_log('remove_handle', $watch);
    my $h = delete $self->{handles}{$watch} or return;
    $self->_free_callback_opaque($h->{ff}, $h->{opaque});
}

sub add_timeout {
    my ($self, $interval, $cb, $opaque, $ff) = @_;
    $self->_log('add_timeout', $interval, $cb, $opaque, $ff);
    my $timer = $self->{next_timer}++;
    $self->{timeouts}{$timer} = { interval => $interval, cb => $cb, opaque => $opaque, ff => $ff,
                                  due => $self->_now + $interval };
    return $timer;
}

sub update_timeout {
    my ($self, $timer, $interval) = @_;
    $self->_log('update_timeout', $timer, $interval);
    my $t = $self->{timeouts}{$timer} or return;
    $t->{interval} = $interval;
    $t->{due} = $self->_now + $interval;
}

sub remove_timeout {
    my ($self, $timer) = @_;
    $self->_log('remove_timeout', $timer);
    my $t = delete $self->{timeouts}{$timer} or return;
    $self->_free_callback_opaque($t->{ff}, $t->{opaque});
}

# One iteration: waits at most $max ms.
sub run_once {
    my ($self, $max) = @_;
    my $wait = $max;
    for my $t (values %{ $self->{timeouts} }) {
        next if $t->{interval} < 0;
        my $left = $t->{due} - $self->_now;
        $left = 0 if $left < 0;
        $wait = $left if $left < $wait;
    }
    my ($rd, $wr) = (IO::Select->new, IO::Select->new);
    for my $h (values %{ $self->{handles} }) {
        $rd->add($h->{fd}) if $h->{events} & Sys::Virt::Event::HANDLE_READABLE;
        $wr->add($h->{fd}) if $h->{events} & Sys::Virt::Event::HANDLE_WRITABLE;
    }
    my ($r, $w) = IO::Select->select($rd, $wr, undef, $wait / 1000);
    my %ready;
    $ready{$_} |= Sys::Virt::Event::HANDLE_READABLE for @{ $r || [] };
    $ready{$_} |= Sys::Virt::Event::HANDLE_WRITABLE for @{ $w || [] };
    for my $watch (sort { $a <=> $b } keys %{ $self->{handles} }) {
        my $h = $self->{handles}{$watch} or next;
        my $events = $ready{ $h->{fd} } or next;
        $self->_run_handle_callback($watch, $h->{fd}, $events, $h->{cb}, $h->{opaque});
    }
    my $now = $self->_now;
    for my $timer (sort { $a <=> $b } keys %{ $self->{timeouts} }) {
        my $t = $self->{timeouts}{$timer} or next;
        next if $t->{interval} < 0 || $t->{due} > $now;
        $t->{due} = $now + $t->{interval};
        $self->_run_timeout_callback($timer, $t->{cb}, $t->{opaque});
    }
}

sub spin {
    my ($self, $ms) = @_;
    my $end = $self->_now + $ms;
    $self->run_once($end - $self->_now) while $self->_now < $end;
}

1;
