package Sys::Virt::Stream;

use strict;
use warnings;

sub _new {
    my ($proto, %params) = @_;
    my $class = ref($proto) || $proto;
    my $con = exists $params{connection} ? $params{connection}
        : die "connection parameter is required";
    my $self = _new_obj($con, $params{flags});
    return bless $self, $class;
}

# sparse_send_all's hole handler answers with a list; the XS half calls
# subs in scalar context, so it calls them through here.
sub _call_in_list {
    my $code = shift;
    no strict 'refs';
    return [ &$code(@_) ];
}

1;

__END__

=head1 NAME

Sys::Virt::Stream - a stream of bytes between a program and libvirt

=head1 SYNOPSIS

  use Sys::Virt;

  my $conn = Sys::Virt->new(uri => 'test:///default');
  my $dom = $conn->get_domain_by_name('test');

  my $st = $conn->new_stream();
  my $type = $dom->screenshot($st, 0);
  my $image = '';
  $st->recv_all(sub { my ($st, $data, $n) = @_; $image .= $data; return $n });
  $st->finish();

=head1 DESCRIPTION

A C<Sys::Virt::Stream> carries data to or from libvirt for the calls
that move more than fits in one answer: a storage volume's contents
(L<C<upload>|Sys::Virt::StorageVol/Transferring data> and L<C<download>|Sys::Virt::StorageVol/Transferring data>),
a guest's text console or channel (L<C<open_console>|Sys::Virt::Domain/Consoles and screenshots>,
L<C<open_channel>|Sys::Virt::Domain/Consoles and screenshots>) and a screenshot
(L<C<screenshot>|Sys::Virt::Domain/Consoles and screenshots>).

A stream is made with L<C<new_stream>|Sys::Virt/Streams>, handed to one of those
calls, which attaches it to its data, and then read or written, either a
piece at a time (C<recv>, C<send>) or to the end through handlers
(C<recv_all>, C<send_all> and their sparse forms). When the transfer is
over, C<finish> completes it (and reports any error the other end had);
C<abort> cancels it. One of the two must be called on every stream that
was attached.

A stream made with the C<NONBLOCK> flag never waits: C<recv> and
C<send> return -2 when nothing can be moved yet. Such streams are
usually driven by an event callback (C<add_callback>) from an event
loop (see L</The event loop>).

=head1 METHODS

=over 4

=item my $st = $conn->new_stream($flags)

Makes a new stream on the connection (see L<C<new_stream>|Sys::Virt/Streams>).
C<$flags> may be C<Sys::Virt::Stream::NONBLOCK>, or 0 (the default).

=item my $count = $st->send($data, $nbytes)

Sends up to C<$nbytes> bytes from the start of the byte string C<$data>
(never more than C<$data> holds; undef sends nothing). Returns the
number of bytes sent, or -2 when the stream is non-blocking and cannot
take any yet. Other failures croak with a L<Sys::Virt::Error>.
C<$nbytes> must not be negative.

=item my $count = $st->recv($data, $nbytes, $flags=0)

Receives up to C<$nbytes> bytes into the caller's scalar C<$data>, which
then holds exactly the bytes received as a byte string. Returns their
number: 0 at the end of the stream, -2 when the stream is non-blocking
and has nothing yet, and -3 when C<$flags> has C<RECV_STOP_AT_HOLE> and
the stream has reached a hole (then C<recv_hole> tells its size). On
those three results C<$data> is left as it was. The bytes are read
straight into C<$data>'s own buffer. One call asks libvirt for at most
16 MiB, whatever larger C<$nbytes> is given. C<$nbytes> must not be
negative.

=item my $length = $st->recv_hole($flags=0)

After C<recv> returned -3, the length in bytes of the hole the stream
has reached; the receiver is expected to skip that much (a sparse
download). C<$flags> is unused and defaults to 0.

=item $st->send_hole($length, $flags=0)

Tells the other end to leave a hole of C<$length> bytes instead of
receiving that many zeros (a sparse upload). C<$flags> is unused and
defaults to 0.

=item $st->recv_all($handler)

Receives everything up to the end of the stream, handing each piece to
C<$handler> as C<< $handler->($st, $data, $nbytes) >>. The handler
returns the number of bytes of C<$data> it took: when that is less than
C<$nbytes> it is called again with the rest. Returning -1 (or any
negative number) stops the transfer with an error.

The transfer also stops, the stream is aborted and C<recv_all> croaks,
when the handler dies (its exception is rethrown as it was), calls
C<exit> (which then goes on once libvirt is out of the way), or returns
something other than a whole number of bytes taken: returning 0, undef
or a non-numeric string would otherwise offer the same bytes for ever.

=item $st->send_all($handler)

Sends data until C<$handler> says there is no more. It is called as
C<< $handler->($st, $buffer, $nbytes) >> and puts up to C<$nbytes> bytes
into C<$buffer> (that is C<$_[1]>, for example with
C<sysread($fh, $_[1], $_[2])>), returning how many it put there, 0 at
the end of the data, or -1 for an error. Exactly the bytes the handler
put in its buffer are sent, up to the count it returned; returning a
count larger than what the buffer holds, undef, or a string that is not
a number stops the transfer with an error, as does a die or exit (see
C<recv_all>).

=item $st->sparse_recv_all($handler, $hole_handler)

As C<recv_all>, for a stream whose sender skips holes (a download with
C<VOL_DOWNLOAD_SPARSE_STREAM>). Data goes to C<$handler> as for
C<recv_all>; each hole is announced as C<< $hole_handler->($st, $length) >>,
which should skip C<$length> bytes of the output (seek past them) and
return 0, or a negative number for an error. Returning undef counts as
an error, as does a die or exit.

=item $st->sparse_send_all($handler, $hole_handler, $skip_handler)

As C<send_all>, skipping the holes of the input (an upload with
C<VOL_UPLOAD_SPARSE_STREAM>). C<< $hole_handler->($st) >> is called in
list context and returns C<($in_data, $section_length)>: whether the
input's current position is in data (true) or in a hole (false), and
how many bytes that data or hole has from there. Holes are then sent as
holes and C<< $skip_handler->($st, $length) >> is asked to move the
input's position past them, returning 0 (or a negative number for an
error); data is read through C<$handler> as for C<send_all>. A hole
handler that does not return exactly two values stops the transfer with
an error.

=item $st->add_callback($events, $callback)

Asks for C<< $callback->($st, $events) >> to be called from the event
loop whenever the stream has any of the C<EVENT_*> conditions in the
mask C<$events>; the second argument then says which ones it has. A
stream has at most one callback. The callback keeps the stream object
alive until C<remove_callback>. It is called only by the Perl thread
that registered it (another thread's event loop skips it, with one
warning; see L<Sys::Virt::Event/THREADS>). If it dies or exits, that
comes out of the call that ran the event loop
(C<Sys::Virt::Event::run_default>) once libvirt has returned; a further
callback failing before then is only warned about. An event loop must
have been registered first, or this croaks.

=item $st->update_callback($events)

Changes the mask of conditions the stream's callback is called for.

=item $st->remove_callback()

Removes the stream's callback. The sub and the stream object it held
are let go of as this returns (when the callback removes itself, once
it has returned; when another thread removes it, at the registering
thread's next call into Sys::Virt), whether or not libvirt's driver
frees the callback itself. Croaks with libvirt's error when the stream
has no callback.

=item $st->finish()

Completes the transfer: for an upload, waits until the other end has
stored everything, and reports its errors.

=item $st->abort()

Cancels the transfer.

=back

=head2 The event loop

Until the Sys::Virt::Event package is complete, these two functions of
it are available for driving stream callbacks:

=over 4

=item Sys::Virt::Event::register_default()

Registers libvirt's own event loop. Call it once, before opening the
connection whose streams will have callbacks.

=item Sys::Virt::Event::run_default()

Runs one iteration of libvirt's event loop: waits for the next event
and calls the callbacks it is for. Croaks with a callback's exception
if one died.

=back

=head1 CONSTANTS

=head2 Making streams

=over 4

=item Sys::Virt::Stream::NONBLOCK

Makes a stream whose C<send> and C<recv> never wait (they return -2
instead).

=back

=head2 Receiving

=over 4

=item Sys::Virt::Stream::RECV_STOP_AT_HOLE

For C<recv>: stop at a hole and return -3 rather than reading over it.

=back

=head2 Events

=over 4

=item Sys::Virt::Stream::EVENT_READABLE

There is data to receive without waiting.

=item Sys::Virt::Stream::EVENT_WRITABLE

Data can be sent without waiting.

=item Sys::Virt::Stream::EVENT_ERROR

The stream has failed.

=item Sys::Virt::Stream::EVENT_HANGUP

The other end has closed the stream.

=back

=head1 DIFFERENCES FROM THE C MODULE

=over 4

=item Undef and forged streams croak

Every method, and every call taking a stream (C<screenshot>,
C<open_console>, C<open_channel>, C<upload>, C<download>), croaks with a
clear message when given undef or anything but a live stream object; the
C module reads whatever the scalar holds as an address and crashes. The
same holds for the connection given to C<new_stream>.

=item C<recv> reads in place and caps its size

The C module allocates a buffer of C<$nbytes> for every call and copies
the data from there into C<$data>; a huge C<$nbytes> makes it exit the
whole program with C<Out of memory!>, and a negative one is taken as a
huge one. Here the bytes go straight into C<$data>, one call asks for at
most 16 MiB, and a negative C<$nbytes> croaks. C<send> refuses a
negative C<$nbytes> too (the C module takes it as "everything").

=item A C<recv_all> handler cannot loop for ever

A handler that returns 0, undef or a non-numeric string takes no bytes,
and the C module (through libvirt) offers it the same bytes again, for
ever. Here that stops the transfer with an error.

=item C<send_all> sends only what the handler supplied

The C module copies a full buffer of C<$nbytes> bytes whatever the
handler put into it (reading past the end of what it put there) and
sends as many bytes as the handler returned, so a handler returning more
than it supplied sends whatever memory follows its data (it ends up in
the volume). Here only the bytes
the handler put in its buffer are sent, and claiming more than it put
there is an error. A handler returning undef (as C<sysread> does on a
read error) is an error, not the end of the data.

=item Handler and callback exceptions are rethrown

A die in a handler of C<recv_all>, C<send_all> or their sparse forms, or
in an event callback, comes back from the method (or from
C<run_default>) as it was thrown, rather than unwinding through
libvirt's frames. The hole and skip handlers returning undef are errors.

=item Callbacks are freed

In the C module, a failed C<add_callback> (a second callback, or no
event loop) keeps the sub and the stream object for ever. Here they are
let go of.

=item Handlers get the stream object itself

The handlers and callbacks get a new reference to the stream object
rather than the caller's own variable, so assigning to C<$_[0]> inside
them does not change the caller's variable.

=back

=head1 SEE ALSO

L<Sys::Virt>, L<Sys::Virt::Domain>, L<Sys::Virt::Error>, and libvirt's
stream API at L<https://libvirt.org/html/libvirt-libvirt-stream.html>.

=head1 LICENSE

This program is free software, distributed under the terms of the GNU
General Public License, version 2.

=cut
