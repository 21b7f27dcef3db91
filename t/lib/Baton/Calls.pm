# Baton::Calls - helpers for the call-centre tests (t/callback.t,
# t/dialer.t, t/ivr.t, t/phone.t, t/callus.t, t/voicemail.t): a client that
# takes calls, call-back requests as the help page makes them, the dialer's
# clock and passes, and an agent joining a call with a SIP phone standing in
# for their browser (their desk phone), through the stand-in carrier.
package Baton::Calls;
use strict;
use warnings;
use Exporter 'import';
use Time::HiRes qw(time);
use Baton::Test qw(stack sql admin new_client random_name wait_for);

our @EXPORT_OK = qw(phone_client ask_callback request_by_id dialer_passed set_clock_offset
    agent_key unique_number);

my $numbers = 0;
# A North American number nobody else in this test run has (+1 555 ...).
sub unique_number {
    $numbers++;
    return sprintf '+1555%07d', ($$ * 37 + $numbers * 7919 + int(rand 1000)) % 10_000_000;
}

# A client with a site (asking a question first) that takes calls:
# country US, caller ID, and any phone settings given (help_number => ...,
# calling_hours => ...). Returns (site key, client slug, client id).
sub phone_client {
    my (%set) = @_;
    my ($key, $client) = Baton::Test::new_help_site(ask_question => 1,
        domains => ['127.0.0.1', 'localhost']);
    my %settings = (country => 'US', caller_id => '+12025550100', %set);
    for my $name (sort keys %settings) {
        admin(undef, 'phone', 'set', $client, $name, $settings{$name});
    }
    return ($key, $client, Baton::Test::client_id($client));
}

# Asks for a call-back from the help page as a visitor's browser would:
# o{phone} (as typed), o{when} 'now' or 'later' with o{date}, o{time},
# o{offset}; o{question}, o{email}. Returns the POST's response.
sub ask_callback {
    my ($browser, $key, %o) = @_;
    my $page = $o{page} // Baton::Test::visitor_page();
    my $res = $browser->click_help($key, referer => $page);
    die "help page: $res->{status}" unless $res->{status} == 200;
    my ($sent_page) = $res->{content} =~ /name="page" value="([^"]*)"/;
    $sent_page =~ s/&amp;/&/g if defined $sent_page;
    return $browser->post('/callback', form => [
        csrf => Baton::Test::csrf_from($res->{content}), site => $key, page => $sent_page // '',
        phone => $o{phone}, when => $o{when} // 'now', question => $o{question} // 'Call me please',
        (defined $o{date} ? (date => $o{date}, time => $o{time}, offset => $o{offset} // 0) : ()),
        (defined $o{email} ? (email => $o{email}) : ()),
    ]);
}

# The help_request row of a public id, with the call-centre columns.
sub request_by_id {
    my ($id) = @_;
    my @cols = qw(id medium state phone deferred attempts preferred_at next_attempt_at channel_id
        visitor_id page_url offered_agent_id);
    my $row = sql('SELECT ' . join(', ', @cols) . " FROM help_request WHERE public_id = '$id'")->[0]
        or return undef;
    return { map { $cols[$_] => ($row->[$_] eq 'NULL' ? undef : $row->[$_]) } 0 .. $#cols };
}

# True once the dialer has made a whole pass that began after now (so any
# change made before the call is seen by it).
sub dialer_passed {
    my ($seconds) = @_;
    my $start = sql("SELECT NOW(3)")->[0][0];
    # Two passes: one may have been under way at $start.
    my $passes = 0;
    my $last = '';
    return wait_for('dialer passes', $seconds // 10, sub {
        my $at = sql("SELECT last_pass_at FROM dialer_status WHERE last_pass_at > '$start'"
            . " ORDER BY last_pass_at DESC LIMIT 1")->[0];
        return 0 unless $at;
        $passes++ if $at->[0] ne $last;
        $last = $at->[0];
        return $passes >= 2;
    });
}

# Moves the dialer's clock (dialer_clock_offset in baton.conf, read again by
# the dialer when the file changes) and waits until the dialer says it has.
sub set_clock_offset {
    my ($seconds) = @_;
    my $conf = stack()->{CONF};
    open my $in, '<', $conf or die "$conf: $!";
    my @lines = grep { !/^\s*dialer_clock_offset\s*=/ } <$in>;
    close $in;
    push @lines, "dialer_clock_offset = $seconds\n";
    # The new file keeps the old one's mode and group: baton.conf holds the
    # database password, and the umask would leave the copy readable by all.
    my (undef, undef, $mode, undef, undef, $gid) = stat $conf;
    open my $out, '>', "$conf.tmp.$$" or die $!;
    print $out @lines;
    close $out;
    chown -1, $gid, "$conf.tmp.$$";
    chmod $mode & 07777, "$conf.tmp.$$" or die "chmod: $!";
    rename "$conf.tmp.$$", $conf or die "rename: $!";
    return wait_for('the dialer\'s clock', 10, sub {
        my $row = sql("SELECT clock_offset_seconds FROM dialer_status")->[0];
        return $row && $row->[0] == $seconds;
    });
}

# The SIP address an agent's phone dials to join the call of a channel
# (POST /phone action=key, as the viewer's phone does). Returns the user
# part ("k-...").
sub agent_key {
    my ($agent, $channel, $token) = @_;
    my $s = stack();
    my $res = $agent->{browser}->post('/phone', form => [channel => $channel, token => $token,
        action => 'key'], headers => { Accept => 'application/json', Origin => $s->{URL} });
    die "phone key: $res->{status} $res->{content}" unless $res->{status} == 200;
    my $answer = Baton::Test::json_decode($res->{content});
    my ($user) = $answer->{uri} =~ /^sip:(k-[0-9a-f]{64})@/ or die "no key in $res->{content}";
    return $user;
}

1;
