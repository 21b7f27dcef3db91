# Baton::FastCGI - a minimal FastCGI client (the responder role, one request
# per connection), enough to drive a program on its socket without a web
# server, as the valgrind test does.
package Baton::FastCGI;
use strict;
use warnings;
use IO::Socket::UNIX;

use constant { FCGI_BEGIN_REQUEST => 1, FCGI_END_REQUEST => 3, FCGI_PARAMS => 4, FCGI_STDIN => 5, FCGI_STDOUT => 6, FCGI_STDERR => 7 };

sub _record {
    my ($type, $content) = @_;
    my $len = length $content;
    my $pad = (8 - $len % 8) % 8;
    return pack('CCnnCC', 1, $type, 1, $len, $pad, 0) . $content . ("\0" x $pad);
}

sub _length { my $n = length $_[0]; $n < 128 ? pack('C', $n) : pack('N', $n | 0x80000000) }

sub _params {
    my (%env) = @_;
    my $data = join '', map { _length($_) . _length($env{$_}) . $_ . $env{$_} } sort keys %env;
    my $out = '';
    while (length $data) { $out .= _record(FCGI_PARAMS, substr($data, 0, 65535, '')) }
    return $out . _record(FCGI_PARAMS, '');
}

# Returns (status, headers hashref, body, stderr).
sub request {
    my ($socket_path, %o) = @_;
    my $sock = IO::Socket::UNIX->new(Peer => $socket_path) or die "connect $socket_path: $!";
    my $body = $o{body} // '';
    my %env = (
        GATEWAY_INTERFACE => 'CGI/1.1', SERVER_PROTOCOL => 'HTTP/1.1', SERVER_NAME => '127.0.0.1',
        SERVER_PORT => '80', REMOTE_ADDR => '127.0.0.1', HTTP_HOST => '127.0.0.1',
        REQUEST_METHOD => $o{method} // 'GET', SCRIPT_NAME => $o{path} // '/',
        QUERY_STRING => $o{query} // '', %{ $o{env} // {} },
    );
    if (length $body) {
        $env{CONTENT_LENGTH} = length $body;
        $env{CONTENT_TYPE} //= 'application/x-www-form-urlencoded';
    }
    my $msg = _record(FCGI_BEGIN_REQUEST, pack('nCx5', 1, 0)) . _params(%env);
    my $in = $body;
    while (length $in) { $msg .= _record(FCGI_STDIN, substr($in, 0, 65535, '')) }
    $msg .= _record(FCGI_STDIN, '');
    print {$sock} $msg;

    my ($stdout, $stderr) = ('', '');
    while (1) {
        my $header = _read($sock, 8);
        last unless defined $header;
        my (undef, $type, undef, $len, $pad) = unpack 'CCnnC', $header;
        my $content = $len ? _read($sock, $len) : '';
        _read($sock, $pad) if $pad;
        if ($type == FCGI_STDOUT) { $stdout .= $content }
        elsif ($type == FCGI_STDERR) { $stderr .= $content }
        elsif ($type == FCGI_END_REQUEST) { last }
    }
    close $sock;
    my ($head, $content) = split /\r\n\r\n/, $stdout, 2;
    my %headers;
    for (split /\r\n/, $head // '') { my ($k, $v) = split /:\s*/, $_, 2; push @{ $headers{lc $k} }, $v }
    my ($status) = ($headers{status}[0] // '200') =~ /^(\d+)/;
    return ($status, \%headers, $content // '', $stderr);
}

sub _read {
    my ($sock, $n) = @_;
    my $buf = '';
    while (length $buf < $n) {
        my $got = sysread $sock, $buf, $n - length $buf, length $buf;
        return undef unless $got;
    }
    return $buf;
}

1;
