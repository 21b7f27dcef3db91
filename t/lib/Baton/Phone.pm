# Baton::Phone - a customer's telephone for the call-centre tests: a
# baresip user agent registered with the stack's stand-in carrier under a
# phone number, driven through its TCP control interface (JSON in
# netstrings). It answers by itself (or rings until told), plays a known
# recording into every call, sends keypad digits (RFC 4733), and records
# what it hears (baresip's sndfile module: one WAV per call). No test
# sleeps on it: every wait is for an event or condition, with a deadline.
package Baton::Phone;
use strict;
use warnings;
use File::Path qw(make_path remove_tree);
use IO::Socket::INET;
use IO::Select;
use JSON::PP ();
use POSIX qw(WNOHANG);
use Time::HiRes qw(time sleep);

my $JSON = JSON::PP->new->utf8;
my $count = 0;

# A port free for UDP and TCP, with the next one free too (baresip takes
# port + 1 for SIP over TLS).
sub _free_port {
    for (1 .. 100) {
        my $t = IO::Socket::INET->new(LocalAddr => '127.0.0.1', LocalPort => 0, Proto => 'tcp',
            Listen => 1) or next;
        my $port = $t->sockport;
        close $t;
        next if $port > 65000;
        my $ok = 1;
        for my $p ($port, $port + 1) {
            for my $proto (qw(udp tcp)) {
                my $s = IO::Socket::INET->new(LocalAddr => '127.0.0.1', LocalPort => $p,
                    Proto => $proto, ($proto eq 'tcp' ? (Listen => 1) : ())) or $ok = 0;
            }
        }
        return $port if $ok;
    }
    die "no free port pair for a phone\n";
}

# Baton::Phone->new(number => '+15550100', answer => 'auto'|'manual',
#                   play => 'file.wav' (8 kHz mono 16-bit; default: a tone))
# An agent's desk phone registers with Baton's own SIP proxy instead:
#   Baton::Phone->new(desk => 'desk12', password => '...')
# and start(expect => 'refused') waits for its registration to fail.
sub new {
    my ($class, %o) = @_;
    my $dir = $ENV{BATON_DIR} or die "BATON_DIR is not set: run through make test\n";
    my $carrier = $ENV{BATON_CARRIER_PORT} or die "no stand-in carrier: BATON_CARRIER_PORT unset\n";
    $count++;
    my $number = $o{number} // sprintf('+1555%07d', ($$ * 100 + $count) % 10_000_000);
    (my $name = $number) =~ s/\+//;
    my $home = "$dir/phones/$name-$$-$count";
    remove_tree($home);
    make_path("$home/recordings");
    my $self = bless {
        number => $number, home => $home, carrier => $carrier,
        answer => $o{answer} // 'auto', play => $o{play}, events => [], buffer => '',
        desk => $o{desk}, password => $o{password},
    }, $class;
    if ($o{desk}) {
        $self->{number} = $o{desk};
        $self->{registrar} = $ENV{BATON_SIP_PORT} or die "no Baton SIP proxy: BATON_SIP_PORT unset\n";
    }
    return $self;
}

sub number { $_[0]{number} }

# A recording to play: a default two-tone signal, so that what the other
# side hears is measurably not silence.
sub _default_recording {
    my ($self) = @_;
    my $file = "$self->{home}/play.wav";
    system('sox', '-q', '-n', '-r', '8000', '-c', '1', '-b', '16', $file, 'synth', '120',
        'sine', '440', 'sine', '660', 'vol', '0.5') == 0 or die "sox failed\n";
    return $file;
}

sub start {
    my ($self, %o) = @_;
    my $sip = _free_port();
    my $ctrl = _free_port();
    my $play = $self->{play} // $self->_default_recording;
    open my $cfg, '>', "$self->{home}/config" or die "$self->{home}/config: $!";
    print $cfg <<"EOF";
poll_method		epoll
sip_listen		127.0.0.1:$sip
call_local_timeout	120
call_max_calls		4
audio_player		alsa,null
audio_source		aufile,$play
audio_alert		alsa,null
ausrc_srate		8000
auplay_srate		8000
ausrc_channels		1
auplay_channels		1
module_path		/usr/lib/baresip/modules
module			g711.so
module			aufile.so
module			alsa.so
module			sndfile.so
module_app		account.so
module_app		menu.so
module_app		ctrl_tcp.so
ctrl_tcp_listen		127.0.0.1:$ctrl
snd_path		$self->{home}/recordings
EOF
    close $cfg;
    open my $acc, '>', "$self->{home}/accounts" or die $!;
    if ($self->{desk}) {
        print $acc "<sip:$self->{desk}\@127.0.0.1:$self->{registrar};transport=udp>;regint=300;"
            . "auth_pass=$self->{password};answermode=$self->{answer};audio_codecs=PCMU,PCMA\n";
    } else {
        print $acc "<sip:$self->{number}\@127.0.0.1:$self->{carrier};transport=udp>;regint=300;"
            . "answermode=$self->{answer};audio_codecs=PCMU,PCMA\n";
    }
    close $acc;
    my $pid = fork // die "fork: $!";
    if ($pid == 0) {
        open STDIN, '<', '/dev/null';
        open STDOUT, '>', "$self->{home}/baresip.log";
        open STDERR, '>&', \*STDOUT;
        exec 'baresip', '-f', $self->{home} or exit 127;
    }
    $self->{pid} = $pid;
    my $until = time + 20;
    while (time < $until) {
        $self->{sock} = IO::Socket::INET->new(PeerAddr => "127.0.0.1:$ctrl", Proto => 'tcp');
        last if $self->{sock};
        die "baresip exited at start:\n" . $self->log if waitpid($pid, WNOHANG) == $pid;
        sleep 0.1;
    }
    die "baresip's control port did not open\n" . $self->log unless $self->{sock};
    $self->{sock}->blocking(0);
    # Registered once the carrier (or Baton's proxy) says so.
    if (($o{expect} // 'registered') eq 'refused') {
        $self->wait_until(20, sub { $self->log =~ /reg: \S+: 40[137] / })
            or die "the phone $self->{number} was neither refused:\n" . $self->log;
        return $self;
    }
    $self->wait_until(20, sub { $self->log =~ /\{\d+\/UDP\/v4\} 200 OK/ })
        or die "the phone $self->{number} did not register:\n" . $self->log;
    return $self;
}

sub log {
    my ($self) = @_;
    open my $fh, '<', "$self->{home}/baresip.log" or return '';
    local $/;
    return scalar <$fh>;
}

sub _read {
    my ($self, $timeout) = @_;
    my $sel = IO::Select->new($self->{sock});
    return unless $sel->can_read($timeout);
    my $n = sysread($self->{sock}, my $chunk, 65536);
    return unless $n;
    $self->{buffer} .= $chunk;
    # netstrings: LENGTH ":" JSON ","
    while ($self->{buffer} =~ /^(\d+):/) {
        my ($len, $head) = ($1, length($1) + 1);
        last if length($self->{buffer}) < $head + $len + 1;
        my $json = substr($self->{buffer}, $head, $len);
        substr($self->{buffer}, 0, $head + $len + 1) = '';
        my $msg = eval { $JSON->decode($json) } or next;
        push @{ $self->{events} }, $msg if $msg->{event};
        $self->{responses}{ $msg->{token} } = $msg if $msg->{response} && defined $msg->{token};
    }
}

sub command {
    my ($self, $command, $params) = @_;
    my $token = 't' . ++$self->{tokens};
    my $json = $JSON->encode({ command => $command, params => $params // '', token => $token });
    syswrite($self->{sock}, length($json) . ":$json,");
    my $until = time + 10;
    while (time < $until) {
        return $self->{responses}{$token} if $self->{responses}{$token};
        $self->_read(0.2);
    }
    die "baresip did not answer the command $command\n";
}

# The first event of that type (CALL_INCOMING for a phone that rings until
# told, CALL_ESTABLISHED, CALL_CLOSED, ...), taken off the list; or undef
# after the deadline. Other events stay for their own waits.
sub wait_event {
    my ($self, $type, $seconds) = @_;
    my $until = time + ($seconds // 10);
    while (1) {
        my $events = $self->{events};
        for my $i (0 .. $#$events) {
            return splice(@$events, $i, 1) if $events->[$i]{type} eq $type;
        }
        return undef if time >= $until;
        $self->_read(0.2);
    }
}

# Runs check every 0.1 s (reading events meanwhile) until it is true.
sub wait_until {
    my ($self, $seconds, $check) = @_;
    my $until = time + $seconds;
    while (time < $until) {
        return 1 if $check->();
        $self->_read(0.1) if $self->{sock};
        sleep 0.05 unless $self->{sock};
    }
    return $check->() ? 1 : 0;
}

sub dial { my ($self, $number) = @_; $self->command('dial', "sip:$number\@127.0.0.1:$self->{carrier}") }
sub accept_call { $_[0]->command('accept') }
sub hangup { $_[0]->command('hangup') }
# Keypad digits, sent as RFC 4733 events in the call.
sub send_digits { my ($self, $digits) = @_; $self->command('sndcode', $_) for split //, $digits }

# The newest recording of what the phone heard (a WAV), or undef.
sub recording {
    my ($self) = @_;
    my @files = sort { -M $a <=> -M $b } glob("$self->{home}/recordings/*-dec.wav");
    return $files[0];
}

# Loudness of a WAV file (sox's RMS amplitude, 0 for silence, 1 full scale)
# and its length in seconds.
sub loudness {
    my ($file) = @_;
    my $out = qx{sox "$file" -n stat 2>&1};
    my ($rms) = $out =~ /RMS\s+amplitude:\s+([\d.]+)/;
    my ($len) = $out =~ /Length \(seconds\):\s+([\d.]+)/;
    return ($rms // 0, $len // 0);
}

sub stop {
    my ($self) = @_;
    return unless $self->{pid};
    kill 'INT', $self->{pid};
    my $until = time + 5;
    while (time < $until) {
        return delete $self->{pid} if waitpid($self->{pid}, WNOHANG) == $self->{pid};
        sleep 0.05;
    }
    kill 'KILL', $self->{pid};
    waitpid($self->{pid}, 0);
    delete $self->{pid};
}

sub DESTROY { $_[0]->stop }

1;
