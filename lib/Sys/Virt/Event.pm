package Sys::Virt::Event;

use strict;
use warnings;

# The event loop object libvirt's hooks call into, once register() is done.
our $eventimpl = undef;

sub register {
    my $impl = shift;
    if (!(ref($impl) && $impl->isa("Sys::Virt::Event"))) {
        die "event implementation must be a subclass of Sys::Virt::Event";
    }
    $eventimpl = $impl;
    Sys::Virt::Event::_register_impl();
}

# libvirt's six loop hooks land here, in the interpreter that registered.
sub _add_handle     { $eventimpl->add_handle(@_) }
sub _update_handle  { $eventimpl->update_handle(@_) }
sub _remove_handle  { $eventimpl->remove_handle(@_) }
sub _add_timeout    { $eventimpl->add_timeout(@_) }
sub _update_timeout { $eventimpl->update_timeout(@_) }
sub _remove_timeout { $eventimpl->remove_timeout(@_) }

sub _run_handle_callback {
    my ($self, $watch, $fd, $events, $cb, $opaque) = @_;
    Sys::Virt::Event::_run_handle_callback_helper($watch, $fd, $events, $cb, $opaque);
}

sub _run_timeout_callback {
    my ($self, $timer, $cb, $opaque) = @_;
    Sys::Virt::Event::_run_timeout_callback_helper($timer, $cb, $opaque);
}

sub _free_callback_opaque {
    my ($self, $ff, $opaque) = @_;
    Sys::Virt::Event::_free_callback_opaque_helper($ff, $opaque);
}

1;

__END__

=head1 NAME

Sys::Virt::Event - the event loop that delivers libvirt's events

=head1 SYNOPSIS

  use Sys::Virt;

  Sys::Virt::Event::register_default();
  my $conn = Sys::Virt->new(uri => 'qemu:///system');
  $conn->domain_event_register_any(undef, Sys::Virt::Domain::EVENT_ID_LIFECYCLE,
      sub { my ($conn, $dom, $event, $detail) = @_; ... });
  Sys::Virt::Event::run_default() while 1;

=head1 DESCRIPTION

libvirt delivers events (domain lifecycle changes, a connection closing,
watches on file descriptors, timers) from an event loop that the program
runs. Either libvirt's own loop is used (C<register_default>, then
C<run_default> in a loop), or the program supplies one written in Perl,
as an object of a subclass of C<Sys::Virt::Event> passed to C<register>.
Register the loop before opening the connections whose events are
wanted.

Callbacks run inside C<run_default> (or inside the helpers a Perl loop
calls), in the thread that registered them; see L</THREADS>.

=head1 METHODS

=head2 libvirt's default loop

=over 4

=item Sys::Virt::Event::register_default()

Makes libvirt's own event loop (GLib based) the one events come from.
Calling it again does no harm.

=item Sys::Virt::Event::run_default()

Runs one iteration of the default loop: waits until a watched file
descriptor is ready or a timer is due, runs the callbacks that are due,
and returns. Croaks when C<register_default> has not been called (the C
module then waits forever). A signal makes it return early, and perl
runs the signal's handler then, so C<alarm> and Ctrl-C work around a
C<run_default> loop.

When a callback run from here dies, the other callbacks that are due
still run, and C<run_default> then dies with the first callback's error,
unchanged (a string, a reference or an object); later failures of the
same iteration are warnings. The loop itself keeps working: call
C<run_default> again. An C<exit> in a callback ends the program with
that status once libvirt has returned: no more callbacks run, END blocks
run as for any exit.

C<run_default> may be called from inside a callback; the inner call runs
the callbacks that are due, other than the one already running.

=back

=head2 Watches and timers

These work with whichever loop is registered.

=over 4

=item my $watch = Sys::Virt::Event::add_handle($fd, $events, $coderef)

Watches file descriptor C<$fd> for C<$events>, a mask of the
C<HANDLE_*> constants below. C<$coderef> is called as
C<< $coderef->($watch, $fd, $events) >> with the events that occurred.
Returns the watch number. Croaks when no loop is registered.

=item Sys::Virt::Event::update_handle($watch, $events)

Watches for C<$events> instead.

=item Sys::Virt::Event::remove_handle($watch)

Stops the watch; croaks when there is no such watch. The code reference
is released by the loop, at the latest when the next loop iteration
returns.

=item my $timer = Sys::Virt::Event::add_timeout($frequency, $coderef)

Calls C<< $coderef->($timer) >> every C<$frequency> milliseconds (0: at
every loop iteration, -1: never, until updated). Returns the timer
number.

=item Sys::Virt::Event::update_timeout($timer, $frequency)

Changes the timer's frequency (milliseconds, as for C<add_timeout>).

=item Sys::Virt::Event::remove_timeout($timer)

Stops the timer; croaks when there is no such timer.

=back

=head2 An event loop written in Perl

=over 4

=item Sys::Virt::Event::register($impl)

Makes C<$impl>, an object of a subclass of C<Sys::Virt::Event>, the loop
libvirt uses. Dies unless C<$impl> is such an object. The subclass
provides six methods, which libvirt calls (through this module):

=over 4

=item $impl->add_handle($fd, $events, $cb, $opaque, $ff)

Starts watching C<$fd> for C<$events>; returns a watch number of the
loop's choosing (a negative number refuses). When the descriptor is
ready, the loop calls C<_run_handle_callback> with C<$cb> and C<$opaque>.

=item $impl->update_handle($watch, $events)

=item $impl->remove_handle($watch)

Stops the watch, and then calls C<_free_callback_opaque($ff, $opaque)>.

=item $impl->add_timeout($frequency, $cb, $opaque, $ff)

Starts a timer of C<$frequency> milliseconds (-1: disabled); returns a
timer number. When due, the loop calls C<_run_timeout_callback>.

=item $impl->update_timeout($timer, $frequency)

=item $impl->remove_timeout($timer)

Stops the timer, and then calls C<_free_callback_opaque($ff, $opaque)>.

=back

C<$cb>, C<$opaque> and C<$ff> are tokens: values to store and hand back
unchanged. C<$ff> is undef when libvirt gave no free function. A token
that was not handed out, or does not belong with its partner, is
refused with an error; freeing twice does nothing; a free asked for while
the watch's callback is running happens when the callback returns.

When one of these methods dies, libvirt sees a failure (adding returns
-1), no lock of libvirt's is left held, and the XSUB whose libvirt call
reached the method dies with that error.

The methods are called in the interpreter that called C<register>, and
only on its thread. When libvirt adds a watch or timer from another
thread, adding fails; updates and removals asked for on another thread
reach the loop at its own thread's next call into this module.

=item $self->_run_handle_callback($watch, $fd, $events, $cb, $opaque)

For the loop to call when watch C<$watch> on C<$fd> saw C<$events>:
runs libvirt's callback. Dies with the error of any of our callbacks that
libvirt's callback reached (events it dispatched, for instance).

=item $self->_run_timeout_callback($timer, $cb, $opaque)

For the loop to call when timer C<$timer> is due.

=item $self->_free_callback_opaque($ff, $opaque)

For the loop to call once it has removed a watch or timer: frees
libvirt's data for it. It may be called from inside C<remove_handle> or
C<remove_timeout>; libvirt's free function then runs once libvirt has
returned from the call that removed the watch.

=back

=head1 CONSTANTS

=head2 File handle events

=over 4

=item Sys::Virt::Event::HANDLE_READABLE

The descriptor can be read without blocking.

=item Sys::Virt::Event::HANDLE_WRITABLE

The descriptor can be written without blocking.

=item Sys::Virt::Event::HANDLE_ERROR

An error condition on the descriptor.

=item Sys::Virt::Event::HANDLE_HANGUP

The other end closed.

=back

=head1 THREADS

Every callback (events, close callbacks, watches, timers) belongs to the
interpreter that registered it and runs only in that interpreter's
thread: run the event loop in the thread that registers the callbacks.
A callback reached from another thread's C<run_default> is not run, and
that thread gets one warning per callback. A new thread starts with no
callbacks of its own; its copy of a connection may still deregister the
parent's callbacks. When a thread ends, the callbacks it registered
stop being called (the C module crashes when one fires later), and
libvirt's later release of them touches no Perl value.

After C<fork>, the child has copies of the registrations, as libvirt
does; libvirt's event loop and connections are not meant to be shared
across C<fork>, so open new connections (and register again) in the
child.

=head1 DIFFERENCES FROM THE C MODULE

=over 4

=item *

C<run_default> croaks when no default loop was registered, instead of
waiting forever.

=item *

A die in a callback does not jump over libvirt's frames, as it does in
the C module (leaving libvirt's locks held and its state half-updated): the error is kept and rethrown
by C<run_default> (or the helper or XSUB libvirt came through) once
libvirt has returned, and the loop keeps working. An C<exit> in a
callback ends the program after libvirt has returned. C<last> and
C<next> in a callback are ordinary errors.

=item *

A callback that fails while an object is being freed (a Perl loop's
C<remove_handle> as a connection closes) is warned as perl warns a
C<DESTROY> that dies, C<"\t(in cleanup) ..."> under the C<misc>
warnings; an C<exit> there ends the program, as in a C<DESTROY>.

=item *

C<_free_callback_opaque> called inside C<remove_handle> or
C<remove_timeout> (which libvirt allows) does not deadlock a closing
remote connection: libvirt's free function waits until libvirt has
returned. The C module calls it at once, and the close then waits
forever for a lock it holds itself.

=item *

The tokens handed to a Perl loop name an entry of a table; the C
module's are raw addresses, so a wrong value passed back was a jump to
an arbitrary address and freeing twice a double free.

=item *

A callback registered in a thread that has ended is not run (the C
module runs it with a freed interpreter and crashes).

=item *

The hashes and arrays passed to graphics, tunable and job-completed
event callbacks are freed after each call (the C module leaks them).

=back

=head1 SEE ALSO

L<Sys::Virt>, whose "Events" methods register the callbacks.

=head1 LICENSE

This program is free software, distributed under the terms of the GNU
General Public License, version 2.

=cut
