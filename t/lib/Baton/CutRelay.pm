package Baton::CutRelay;
# A relay between a program and MariaDB's Unix socket that breaks the
# connection at one chosen statement, for tests of what a program does when
# its connection is lost at the worst moment (the outcome of a commit
# unknown to it). It reads the program's side as MySQL packets (3-byte
# length, sequence number, payload). Once a packet matching `arm` has passed
# on a connection, the first later packet on it matching `cut` is cut:
#   mode 'after'   passed on, the server's answer awaited, then both sides
#                  closed without passing the answer back;
#   mode 'before'  both sides closed instead of passing it on.
# What it did goes to the file `report`: the first byte of the server's
# answer (0 for OK) or "not sent". start() forks and returns the pid (end
# it with TERM).
use strict;
use warnings;
use IO::Select;
use IO::Socket::UNIX;
use Socket qw(SOCK_STREAM);

# A copy of the configuration at $conf whose database is the relay at
# $socket, logging to stderr, written to $path; returns $path.
sub conf_through {
    my ($conf, $socket, $path) = @_;
    open my $in, '<', $conf or die "$conf: $!";
    my $text = join '', grep { !/^\s*(db_socket|log_file)\s*=/ } <$in>;
    close $in;
    open my $out, '>', $path or die "$path: $!";
    print {$out} $text, "db_socket = $socket\nlog_file =\n";
    close $out;
    return $path;
}

sub start {
    my (%o) = @_;
    my $listen = IO::Socket::UNIX->new(Type => SOCK_STREAM, Local => $o{path}, Listen => 16)
        or die "relay socket $o{path}: $!";
    my $pid = fork // die "fork: $!";
    return $pid if $pid;
    my $sel = IO::Select->new($listen);
    my (%peer, %is_client, %inbuf, %armed);
    my $cut_done = 0;
    my $close = sub {
        for my $fh (@_) {
            next unless $fh;
            $sel->remove($fh);
            delete @{$_}{$fh} for \%peer, \%is_client, \%inbuf, \%armed;
            close $fh;
        }
    };
    while (1) {
        for my $fh ($sel->can_read) {
            if ($fh == $listen) {
                my $c = $listen->accept or next;
                my $db = IO::Socket::UNIX->new(Type => SOCK_STREAM, Peer => $o{db_socket})
                    or do { close $c; next };
                @peer{ $c, $db } = ($db, $c);
                $is_client{$c} = 1;
                $inbuf{$c} = '';
                $sel->add($c, $db);
                next;
            }
            my $other = $peer{$fh} or next;
            my $n = sysread $fh, my $data, 65536;
            if (!$n) { $close->($fh, $other); next }
            if (!$is_client{$fh}) { syswrite $other, $data; next }
            $inbuf{$fh} .= $data;
            while (length $inbuf{$fh} >= 4) {
                my $len = unpack('V', substr($inbuf{$fh}, 0, 3) . "\0");
                last if length $inbuf{$fh} < 4 + $len;
                my $packet = substr $inbuf{$fh}, 0, 4 + $len, '';
                my $payload = substr $packet, 4;
                if (!$cut_done && $armed{$fh} && $payload =~ $o{cut}) {
                    $cut_done = 1;
                    my $what = 'not sent';
                    if ($o{mode} eq 'after') {
                        syswrite $other, $packet;
                        my $answer = '';
                        my $wait = IO::Select->new($other);
                        while (length $answer < 5 && $wait->can_read(30)) {
                            sysread($other, my $more, 65536) or last;
                            $answer .= $more;
                        }
                        $what = length $answer >= 5 ? ord substr($answer, 4, 1) : 'no answer';
                    }
                    open my $out, '>', $o{report} or die "$o{report}: $!";
                    print {$out} $what;
                    close $out;
                    $close->($fh, $other);
                    last;
                }
                $armed{$fh} = 1 if $payload =~ $o{arm};
                syswrite $other, $packet;
            }
        }
    }
}

1;
