# -*- perl -*-
#
# Streams on the test driver: a screenshot of the domain "test" read
# through recv_all, recv (blocking and not) and an event callback driven
# by libvirt's default event loop; recv's target scalar in its odd forms;
# handlers that die, exit or return nonsense; and misuse (undef, forged
# and wrong-class streams and connections), each risky case in a child.

use strict;
use warnings;

use FindBin;
use lib "$FindBin::Bin/lib";

use Crash ();
use Sys::Virt;
BEGIN { Crash::assert_our_build() }

use Test::More;
use Scalar::Util qw(weaken);
use SVTest;

use constant PNG_SIGNATURE => "\x89PNG\r\n\x1a\n";
use constant {
    NONBLOCK       => Sys::Virt::Stream::NONBLOCK(),
    EVENT_READABLE => Sys::Virt::Stream::EVENT_READABLE(),
    EVENT_HANGUP   => Sys::Virt::Stream::EVENT_HANGUP(),
    EVENT_ERROR    => Sys::Virt::Stream::EVENT_ERROR(),
};

# The loop must be there before the connection is opened.
Sys::Virt::Event::register_default();

my $conn = conn();
my $dom = test_domain($conn);

# A stream attached to a fresh screenshot of the domain.
sub screenshot_stream {
    my ($flags) = @_;
    my $st = $conn->new_stream($flags || 0);
    my $mime = $dom->screenshot($st, 0);
    return wantarray ? ($st, $mime) : $st;
}

sub read_all {
    my ($st) = @_;
    my $data = '';
    $st->recv_all(sub { my ($s, $chunk, $n) = @_; $data .= $chunk; return $n });
    return $data;
}

# ---------------------------------------------------------- making streams

my $st = $conn->new_stream;
is(ref $st, 'Sys::Virt::Stream', 'new_stream makes a Sys::Virt::Stream');
is(ref $conn->new_stream(NONBLOCK), 'Sys::Virt::Stream', 'new_stream(NONBLOCK)');
is(ref Sys::Virt::Stream->_new(connection => $conn), 'Sys::Virt::Stream', '_new(connection => ...)');
{
    package My::Stream;
    our @ISA = ('Sys::Virt::Stream');
}
is(ref My::Stream->_new(connection => $conn, flags => NONBLOCK), 'My::Stream', '_new blesses into the class it is called on');
like(error_of { Sys::Virt::Stream->_new(flags => 0) }, qr/^connection parameter is required/, '_new without a connection dies');
croaks_ok(sub { $conn->new_stream(-1) }, qr/^Sys::Virt::new_stream: argument 'flags'/, 'new_stream: negative flags');

# ------------------------------------------------------------ screenshot

my ($shot, $mime) = screenshot_stream();
is($mime, 'image/png', 'screenshot returns the MIME type');
my $png = read_all($shot);
is(substr($png, 0, 8), PNG_SIGNATURE, 'recv_all: the data is a PNG');
ok(length($png) > 1000, 'of some size (' . length($png) . ' bytes)');
ok(!utf8::is_utf8($png), 'as bytes');
like(substr($png, 12, 4), qr/^IHDR$/, 'its first chunk is IHDR');
$shot->finish;

# recv_all's handler gets the stream object itself and the byte count.
{
    my $s = screenshot_stream();
    my (@seen, $total);
    $s->recv_all(sub { push @seen, [ref $_[0], $_[0] == $s ? 1 : 0, length $_[1] == $_[2] ? 1 : 0]; $total += $_[2]; $_[2] });
    is_deeply([grep { $_->[0] ne 'Sys::Virt::Stream' || !$_->[1] || !$_->[2] } @seen], [],
              'recv_all: each call gets ($st, $data, length $data)');
    is($total, length $png, 'recv_all: every byte once');
    $s->finish;
}

# A handler may take fewer bytes than offered: it is offered the rest.
{
    my $s = screenshot_stream();
    my $data = '';
    $s->recv_all(sub { my $n = $_[2] < 1000 ? $_[2] : 1000; $data .= substr($_[1], 0, $n); $n });
    is($data, $png, 'recv_all: a handler taking 1000 bytes at a time sees the same image');
    $s->finish;
}

# ------------------------------------------------------------------ recv

{
    my $s = screenshot_stream();
    my $buf = 'previous';
    my $n = $s->recv($buf, 8);
    is($n, 8, 'recv: returns the count');
    is($buf, PNG_SIGNATURE, 'recv: the scalar holds exactly those bytes');
    my ($rest, $chunk) = ('');
    while ((my $got = $s->recv($chunk, 4096)) > 0) {
        is(length $chunk, $got, "recv: length matches the count ($got)") if length($rest) == 0;
        $rest .= $chunk;
    }
    is(PNG_SIGNATURE . $rest, $png, 'recv: piece by piece, the same image');
    $s->finish;
}

# The target scalar: whatever it held, it ends up as plain bytes.
for my $case (
    ['undef',            sub { undef }],
    ['a number',         sub { 42 }],
    ['a character string', sub { "\x{263a}" x 10 }],
    ['a long string',    sub { 'x' x 100_000 }],
    ['a reference',      sub { [] }],
) {
    my ($label, $make) = @$case;
    my $s = screenshot_stream();
    my $buf = $make->();
    is($s->recv($buf, 16), 16, "recv into $label: 16 bytes");
    is($buf, substr($png, 0, 16), "recv into $label: the bytes");
    ok(!utf8::is_utf8($buf) && !ref $buf, "recv into $label: a plain byte string");
    $s->abort;
}

# A tied target gets the bytes through STORE.
{
    package Record::Tie;
    sub TIESCALAR { my $v; bless \$v, shift }
    sub FETCH { ${ $_[0] } }
    sub STORE { ${ $_[0] } = "stored:" . $_[1] }
}
{
    my $s = screenshot_stream();
    tie my $buf, 'Record::Tie';
    is($s->recv($buf, 8), 8, 'recv into a tied scalar');
    is($buf, 'stored:' . PNG_SIGNATURE, 'recv into a tied scalar: through STORE');
    $s->abort;
}

# Elements and hash values are plain targets too.
{
    my $s = screenshot_stream();
    my (@a, %h);
    $s->recv($a[3], 4);
    $s->recv($h{x}, 4);
    is($a[3] . $h{x}, PNG_SIGNATURE, 'recv into an array element and a hash value');
    $s->abort;
}

croaks_ok(sub { my $s = screenshot_stream(); $s->recv(my $b, -1) }, qr/^Sys::Virt::Stream::recv: argument 'nbytes'/, 'recv: negative size');
croaks_ok(sub { my $s = screenshot_stream(); $s->recv(my $b, 'many') }, qr/^Sys::Virt::Stream::recv: argument 'nbytes'/, 'recv: non-numeric size');
like(error_of { my $s = screenshot_stream(); $s->recv('constant', 4) }, qr/read-only/, 'recv into a constant: a clean error');

# A huge size is capped: under a 512 MiB address space limit, no abort.
{
    my ($status, $out) = perl_child_vmem(512 * 1024, <<'EOF');
my $c = Sys::Virt->new(uri => 'test:///default');
my $s = $c->new_stream;
$c->get_domain_by_name('test')->screenshot($s, 0);
my $buf;
my $n = $s->recv($buf, 2**62);
print "got $n ", length($buf), " ", length($buf) < (16 << 20) ? "capped" : "uncapped", "\n";
$n = $s->recv($buf, ~0);
print "again $n\n";
EOF
    child_status_ok($status, 'recv with a size of 2**62: no abort', $out);
    like($out, qr/^got (\d+) \1 capped$/m, 'recv with a huge size returns what there is');
    unlike($out, qr/Out of memory/, 'and never runs out of memory');
}

# ------------------------------------------------------- non-blocking recv

{
    my $s = screenshot_stream(NONBLOCK);
    my ($data, %seen, $buf) = ('');
    for (1 .. 100_000) {
        my $n = $s->recv($buf, 4096);
        $seen{ $n > 0 ? 'data' : $n }++;
        last if $n == 0;
        if ($n == -2) { select(undef, undef, undef, 0.001); next }
        $data .= $buf;
    }
    is($data, $png, 'non-blocking recv: the same image');
    ok($seen{0}, 'non-blocking recv: ends with 0');
    is_deeply([sort grep { $_ ne 'data' && $_ ne '0' && $_ ne '-2' } keys %seen], [], 'non-blocking recv: only counts, -2 and 0');
    note('non-blocking recv would have blocked ' . ($seen{-2} || 0) . ' times');
    $s->finish;
}

# ------------------------------------------------------ event callbacks

{
    my $s = screenshot_stream(NONBLOCK);
    my ($data, $done, @events, @wrong) = ('', 0);
    $s->add_callback(EVENT_READABLE, sub {
        my ($self, $events) = @_;
        push @wrong, ref $self unless ref $self eq 'Sys::Virt::Stream' && $self == $s;
        push @events, $events;
        my $n = $self->recv(my $buf, 4096);
        if ($n > 0) { $data .= $buf }
        elsif ($n == 0 || ($events & (EVENT_HANGUP | EVENT_ERROR))) { $done = 1; $self->remove_callback }
    });
    my $rounds = 0;
    Sys::Virt::Event::run_default() while !$done && $rounds++ < 10_000;
    ok($done, "add_callback: the callback saw the end ($rounds rounds)");
    is($data, $png, 'add_callback: the callback read the whole image');
    is_deeply(\@wrong, [], 'add_callback: the callback gets the stream object');
    ok(!grep({ !($_ & EVENT_READABLE) } @events), 'add_callback: called for EVENT_READABLE');
    $s->finish;
}

# update_callback and remove_callback; a second callback is refused.
{
    my $s = screenshot_stream(NONBLOCK);
    my $calls = 0;
    $s->add_callback(EVENT_READABLE, sub { $calls++ });
    my $err = error_of { $s->add_callback(EVENT_READABLE, sub { }) };
    ok(ref $err && $err->isa('Sys::Virt::Error'), 'a second add_callback is a libvirt error')
        and like($err->message, qr/already/, 'saying there is one already');
    $s->update_callback(0);
    $s->update_callback(EVENT_READABLE);
    Sys::Virt::Event::run_default() until $calls;
    ok($calls > 0, 'update_callback: the callback runs again');
    $s->remove_callback;
    error_code_is(error_of { $s->remove_callback }, ERRC('ERR_INTERNAL_ERROR'), 'remove_callback twice: a libvirt error');
    $s->abort;
}

# A die in the callback comes out of run_default, as thrown.
{
    my $s = screenshot_stream(NONBLOCK);
    my $thrown = bless { why => 'callback' }, 'My::Error';
    my $calls = 0;
    $s->add_callback(EVENT_READABLE, sub { $calls++; die $thrown });
    my $err = error_of { Sys::Virt::Event::run_default() for 1 .. 50 };
    is($err, $thrown, 'a die in a callback is rethrown by run_default, the same object');
    is($calls, 1, 'and the callback ran once');
    $s->remove_callback;
    $s->abort;
    is(error_of { $s = screenshot_stream(); read_all($s) }, undef, 'streams work after that');
}

# The sub and the stream object are freed once the callback is removed,
# and when add_callback fails.
{
    my ($code_gone, $weak) = (0);
    {
        package Guard;
        sub new { bless { cb => $_[1] }, $_[0] }
        sub DESTROY { $_[0]{cb}->() }
    }
    {
        my $s = screenshot_stream(NONBLOCK);
        my $guard = Guard->new(sub { $code_gone++ });
        $s->add_callback(EVENT_READABLE, sub { my $keep = $guard; });
        weaken($weak = $s);
        undef $s;
        ok(defined $weak, 'a stream with a callback lives on');
        my $again = $weak;
        $again->remove_callback;
        $again->abort;
    }
    ok(!defined $weak, 'after remove_callback, the stream object is freed');
    is($code_gone, 1, 'and the sub, once');

    my ($status, $out) = perl_child(<<'EOF');
use Scalar::Util qw(weaken);
my $c = Sys::Virt->new(uri => 'test:///default');
my $freed = 0;
package G { sub DESTROY { $freed++ } }
my $s = $c->new_stream;
my $g = bless {}, 'G';
my $err = eval { $s->add_callback(1, sub { my $k = $g }); 1 } ? 'none' : ref $@;
undef $g;
weaken(my $w = $s);
undef $s;
print "error=$err stream=", (defined $w ? 'alive' : 'freed'), " sub=", ($freed ? 'freed' : 'alive'), "\n";
EOF
    child_status_ok($status, 'add_callback without an event loop', $out);
    is($out, "error=Sys::Virt::Error stream=freed sub=freed\n", 'fails cleanly and keeps nothing');
}

# An exit in the callback leaves from run_default, END blocks run.
{
    my ($status, $out) = perl_child(<<'EOF');
Sys::Virt::Event::register_default();
my $c = Sys::Virt->new(uri => 'test:///default');
my $s = $c->new_stream(Sys::Virt::Stream::NONBLOCK());
$c->get_domain_by_name('test')->screenshot($s, 0);
END { print "END ran\n" }
$s->add_callback(Sys::Virt::Stream::EVENT_READABLE(), sub { print "callback\n"; exit 9 });
Sys::Virt::Event::run_default() for 1 .. 50;
print "not reached\n";
EOF
    is($status >> 8, 9, 'exit in a stream callback exits with its status') or diag $out;
    is($out, "callback\nEND ran\n", 'once, with END blocks run, and nothing after run_default');
}

# A callback that removes itself: its sub and the stream go once it returns.
{
    my ($code_gone, $weak, $calls) = (0, undef, 0);
    {
        my $s = screenshot_stream(NONBLOCK);
        my $guard = Guard->new(sub { $code_gone++ });
        $s->add_callback(EVENT_READABLE, sub { my $keep = $guard; $calls++; $_[0]->remove_callback });
        weaken($weak = $s);
        undef $s;
        undef $guard;
        Sys::Virt::Event::run_default() until $calls;
    }
    is($calls, 1, 'a callback that removes itself runs once');
    is($code_gone, 1, 'its sub is freed once it has returned');
    ok(!defined $weak, 'and so is the stream object');
}

# ----------------------------------------------------- handler misbehaviour

for my $case (
    ['returns 0',      'sub { 0 }',        qr/^Sys::Virt::Stream::recv_all: the handler returned 0/],
    ['returns undef',  'sub { undef }',    qr/^Sys::Virt::Stream::recv_all: the handler returned undef/],
    ['returns nothing', 'sub { return }',  qr/^Sys::Virt::Stream::recv_all: the handler returned undef/],
    ['returns a word', 'sub { "lots" }',   qr/^Sys::Virt::Stream::recv_all: value 'handler' must be a number/],
    ['returns 1.5',    'sub { 1.5 }',      qr/^Sys::Virt::Stream::recv_all: value 'handler' must be an integer/],
    ['returns a ref',  'sub { [] }',       qr/^Sys::Virt::Stream::recv_all: value 'handler' must be a number/],
) {
    my ($label, $handler, $re) = @$case;
    my ($status, $out) = perl_child(<<"EOF");
alarm 10;
my \$c = Sys::Virt->new(uri => 'test:///default');
my \$s = \$c->new_stream;
\$c->get_domain_by_name('test')->screenshot(\$s, 0);
my \$calls = 0;
my \$h = $handler;
eval { \$s->recv_all(sub { \$calls++; \$h->(\@_) }); 1 } and print "returned\\n";
print "calls=\$calls error=\$@";
EOF
    child_status_ok($status, "recv_all, handler $label: no endless loop", $out);
    like($out, qr/^calls=1 error=/m, "recv_all, handler $label: called once");
    my ($msg) = $out =~ /error=(.*)/s;
    like($msg // '', $re, "recv_all, handler $label: croaks");
}

{
    my $s = screenshot_stream();
    error_code_is(error_of { $s->recv_all(sub { -1 }) }, ERRC('ERR_SYSTEM_ERROR'), 'recv_all, handler returns -1: libvirt\'s error');
}
{
    my $s = screenshot_stream();
    my $thrown = bless { }, 'My::Error';
    is(error_of { $s->recv_all(sub { die $thrown }) }, $thrown, 'recv_all: a handler\'s die object comes back as it was');
    my $s2 = screenshot_stream();
    is(error_of { $s2->recv_all(sub { die "plain words\n" }) }, "plain words\n", 'recv_all: a handler\'s die message comes back');
    is(substr(read_all(screenshot_stream()), 0, 8), PNG_SIGNATURE, 'streams work after that');
}
{
    my ($status, $out) = perl_child(<<'EOF');
my $c = Sys::Virt->new(uri => 'test:///default');
my $s = $c->new_stream;
$c->get_domain_by_name('test')->screenshot($s, 0);
END { print "END ran\n" }
$s->recv_all(sub { exit 7 });
print "not reached\n";
EOF
    is($status >> 8, 7, 'recv_all: exit in a handler exits with its status') or diag $out;
    is($out, "END ran\n", 'with END blocks run, and nothing after the call');
}
{
    my $s = screenshot_stream();
    my $n = 0;
    my $err = error_of { $s->sparse_recv_all(sub { $n++; $_[2] }, sub { 0 }) };
    error_code_is($err, ERRC('ERR_NO_SUPPORT'), 'sparse_recv_all: the test driver cannot');
}
{
    my $s = screenshot_stream();
    my $err = error_of { $s->send_all(sub { $_[1] = 'abc'; 3 }) };
    ok(ref $err && $err->isa('Sys::Virt::Error'), 'send_all into a screenshot: a libvirt error');
    $s->abort;
}

# -------------------------------------------------------------- misuse

my %MISUSE = (
    'undef'          => 'undef',
    'a string'       => '"stream"',
    'a forged stream' => 'bless(\\(my $x = 12345), "Sys::Virt::Stream")',
    'a domain'       => '$c->get_domain_by_name("test")',
    'a connection'   => '$c',
    'a hash'         => 'bless({}, "Sys::Virt::Stream")',
);
my @CALLS = (
    ['Sys::Virt::Stream::send',            '$X, "abc", 3'],
    ['Sys::Virt::Stream::recv',            '$X, my $b, 10'],
    ['Sys::Virt::Stream::recv_hole',       '$X'],
    ['Sys::Virt::Stream::send_hole',       '$X, 10'],
    ['Sys::Virt::Stream::recv_all',        '$X, sub { $_[2] }'],
    ['Sys::Virt::Stream::send_all',        '$X, sub { 0 }'],
    ['Sys::Virt::Stream::sparse_recv_all', '$X, sub { $_[2] }, sub { 0 }'],
    ['Sys::Virt::Stream::sparse_send_all', '$X, sub { 0 }, sub { (0, 0) }, sub { 0 }'],
    ['Sys::Virt::Stream::add_callback',    '$X, 1, sub { }'],
    ['Sys::Virt::Stream::update_callback', '$X, 1'],
    ['Sys::Virt::Stream::remove_callback', '$X'],
    ['Sys::Virt::Stream::finish',          '$X'],
    ['Sys::Virt::Stream::abort',           '$X'],
    ['Sys::Virt::Domain::screenshot',      '$c->get_domain_by_name("test"), $X, 0'],
    ['Sys::Virt::Domain::open_console',    '$c->get_domain_by_name("test"), $X, undef'],
    ['Sys::Virt::Domain::open_channel',    '$c->get_domain_by_name("test"), $X, undef'],
);
my $program = <<'EOF';
my $c = Sys::Virt->new(uri => 'test:///default');
for my $line (split /\n/, $ARGV[0]) {
    my ($sub, $args) = split /\t/, $line;
    my $err = eval "no strict; my \$X = $ARGV[1]; $sub($args); 1" ? "returned" : $@;
    $err = ref($err) . ' ' . $err->message if ref $err;
    $err =~ s/\n.*//s;
    print "$sub\t$err\n";
}
EOF
for my $what (sort keys %MISUSE) {
    next if $what eq 'a connection' || $what eq 'a domain';
    my ($status, $out) = perl_child($program, join("\n", map { join "\t", @$_ } @CALLS), $MISUSE{$what});
    child_status_ok($status, "every stream call given $what as the stream: no crash", $out);
    my %got = map { split /\t/, $_, 2 } split /\n/, $out;
    my @bad = grep { ($got{ $_->[0] } // '') !~ /^\Q$_->[0]\E: argument 'st' is not a Sys::Virt::Stream object/ } @CALLS;
    is_deeply([map { "$_->[0]: " . ($got{ $_->[0] } // 'no answer') } @bad], [], "given $what: each croaks naming itself and the stream");
}
for my $what ('a domain', 'a connection') {
    my ($status, $out) = perl_child($program, join("\n", map { join "\t", @$_ } @CALLS), $MISUSE{$what});
    child_status_ok($status, "every stream call given $what as the stream: no crash", $out);
    my %got = map { split /\t/, $_, 2 } split /\n/, $out;
    my @bad = grep { ($got{ $_->[0] } // '') !~ /^\Q$_->[0]\E: argument 'st' is a Sys::Virt(?:::Domain)? object, not a Sys::Virt::Stream object/ } @CALLS;
    is_deeply([map { "$_->[0]: " . ($got{ $_->[0] } // 'no answer') } @bad], [], "given $what: each says what it got");
}
{
    my ($status, $out) = perl_child(<<'EOF');
for my $con (undef, 'test:///default', bless(\(my $x = 1), 'Sys::Virt')) {
    my $err = eval { Sys::Virt::new_stream($con); 1 } ? 'returned' : $@;
    print "new_stream: $err";
    $err = eval { Sys::Virt::Stream::_new_obj($con, 0); 1 } ? 'returned' : $@;
    print "_new_obj: $err";
    $err = eval { Sys::Virt::Stream->_new(connection => $con); 1 } ? 'returned' : $@;
    print "_new: $err";
}
EOF
    child_status_ok($status, 'new_stream, _new_obj, _new with a bad connection: no crash', $out);
    my @lines = split /\n/, $out;
    is(scalar(grep { /^(new_stream|_new_obj|_new): Sys::Virt(::Stream)?::(new_stream|_new_obj): argument 'con' is not a Sys::Virt object/ } @lines), 9,
       'each croaks naming the connection argument') or diag $out;
}

# Stream objects cannot be serialized or forged from a number.
like(error_of { require Storable; Storable::freeze($conn->new_stream) }, qr/cannot be serialized/, 'Storable refuses a stream');

done_testing;
