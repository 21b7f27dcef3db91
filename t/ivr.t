#!/usr/bin/perl
# Calls to a client's help number reach the IVR (the dialer): the caller
# hears the greeting and the menu; 2 puts them in the queue, where they
# hear their place at intervals, until an agent takes the call (routed like
# a chat) and they talk, audio both ways; 3 records a voice message, which
# the console lists and plays; 1 asks to be called back instead; star and
# the code "call us" showed ties the call to the page the visitor reads, as
# does their number while the code is valid; a number Baton knows from an
# earlier request brings the caller's profile; numbers nobody answers are
# refused; SIP from outside the trunk is refused. Callers are baresip phones
# on the stand-in carrier; the agent joins with a SIP phone (a desk phone).
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use IO::Socket::INET;
use Test::More;
use Baton::Test qw(stack sql admin wait_for);
use Baton::Calls qw(phone_client request_by_id agent_key unique_number);
use Baton::Phone;

my $s = stack();
plan skip_all => 'no SIP parts in this stack (tools/parts/sip)' unless $ENV{BATON_CARRIER_PORT};

# A recording of one pure tone, to tell who hears whom.
sub tone_file {
    my ($hz) = @_;
    my $file = "$s->{DIR}/tone-$hz-$$.wav";
    system('sox', '-q', '-n', '-r', '8000', '-c', '1', '-b', '16', $file, 'synth', '120', 'sine', $hz,
        'vol', '0.5') == 0 or die 'sox';
    return $file;
}

# The call (newest) from that number, and its events' kinds.
sub call_from { sql("SELECT id, state, outcome, request_id FROM phone_call WHERE number = '$_[0]'"
    . " ORDER BY id DESC LIMIT 1")->[0] }
sub call_events {
    my ($number, $kind) = @_;
    my $call = call_from($number) or return [];
    return [map { $_->[0] } @{ sql("SELECT COALESCE(detail, '') FROM call_event WHERE call_id = $call->[0]"
        . " AND kind = '$kind' ORDER BY id") }];
}
sub has_event { my ($number, $kind, $seconds) = @_;
    wait_for("$kind event", $seconds // 15, sub { @{ call_events($number, $kind) } > 0 }) }

# The frequency of the last second of a recording (sox's estimate).
sub last_second_hz {
    my ($file) = @_;
    my $out = qx{sox "$file" -n trim -1.0 stat 2>&1};
    return $out =~ /Rough\s+frequency:\s+(\d+)/ ? $1 : 0;
}

sub accept_and_join {
    my ($agent, $request_public, $desk) = @_;
    my $res = $agent->{browser}->post('/accept', form => [csrf => $agent->{browser}->session_csrf,
        request => $request_public]);
    my ($channel) = ($res->{headers}{location} // '') =~ m{^/channel\?id=([0-9a-f]{32})$}
        or die "accept: $res->{status} $res->{content}";
    my $page = $agent->{browser}->get("/channel?id=$channel")->{content};
    $desk->dial(agent_key($agent, $channel, Baton::Test::channel_token($page)));
    return ($channel, $page);
}

subtest 'greeting, 2: the queue with its place told, then the agent' => sub {
    my $help = unique_number();
    my ($key, $client) = phone_client(help_number => $help, announce_seconds => 5);
    my $caller = Baton::Phone->new(number => unique_number(), play => tone_file(440))->start;
    $caller->dial($help);
    ok $caller->wait_event('CALL_ESTABLISHED', 20), 'the IVR answers the help number';
    ok has_event($caller->number, 'greeting'), 'and greets';
    $caller->send_digits('2');
    ok has_event($caller->number, 'queued'), 'keying 2 puts the caller in the queue';
    my $call = call_from($caller->number);
    my $public = sql("SELECT public_id FROM help_request WHERE id = $call->[3]")->[0][0];
    my $row = request_by_id($public);
    is_deeply [$row->{medium}, $row->{state}, $row->{phone}], ['call', 'waiting', $caller->number],
        'as a request of the kind "call", with the caller\'s number';
    ok wait_for('two announcements', 20, sub { @{ call_events($caller->number, 'announce') } >= 2 }),
        'the place in the queue is told, again after the interval';
    is call_events($caller->number, 'announce')->[0], '1', 'first in line';

    my $desk = Baton::Phone->new(number => unique_number(), play => tone_file(1000))->start;
    my $agent = Baton::Test::signed_in_agent(client => $client, name => 'Ivy Inbound');
    ok wait_for('the offer', 10, sub { request_by_id($public)->{state} eq 'offered' }),
        'the call is offered to the agent who comes, like a chat';
    my $entry = (grep { $_->{id} eq $public } @{ $agent->{browser}->console_snapshot->{queue} })[0];
    is $entry->{kind}, 'call', 'the console marks it as a caller on the phone';
    accept_and_join($agent, $public, $desk);
    ok $desk->wait_event('CALL_ESTABLISHED', 20), 'the agent\'s phone joins';
    ok has_event($caller->number, 'connected'), 'caller and agent are connected';
    # Two seconds of talk on the agent's phone, then the caller hangs up.
    ok wait_for('talk', 15, sub { my $a = $desk->recording; $a && -s $a > 44 + 2 * 16000 }),
        'they talk';
    $caller->hangup;
    ok $desk->wait_event('CALL_CLOSED', 10), 'the caller hangs up; the agent\'s phone hears it';
    ok $caller->wait_event('CALL_CLOSED', 10), 'both recordings are complete';
    # Each hears the other's tone: 440 Hz from the caller, 1000 Hz from the agent.
    my ($to_agent, $to_caller) = (last_second_hz($desk->recording), last_second_hz($caller->recording));
    ok $to_agent > 400 && $to_agent < 480, "the agent hears the caller ($to_agent Hz)";
    ok $to_caller > 950 && $to_caller < 1050, "the caller hears the agent ($to_caller Hz)";
    ok wait_for('the end', 10, sub { call_from($caller->number)->[1] eq 'ended' }), 'the call ends';
    is call_from($caller->number)->[2], 'answered', 'as answered';
};

subtest 'the client\'s own greeting' => sub {
    my $help = unique_number();
    my ($key, $client) = phone_client(help_number => $help, greeting => 'Welcome to Pine Garden Supplies.');
    like admin(undef, 'phone', 'show', $client), qr/greeting\tWelcome to Pine Garden Supplies\./,
        'the greeting is set';
    my $own = 0;
    for my $try (1 .. 3) {
        my $caller = Baton::Phone->new(number => unique_number())->start;
        $caller->dial($help);
        $caller->wait_event('CALL_ESTABLISHED', 20);
        has_event($caller->number, 'greeting');
        my $said = call_events($caller->number, 'greeting')->[0] // '';
        $caller->hangup;
        $caller->stop;
        if ($said eq 'own') { $own = 1; last }
        Baton::Calls::dialer_passed();  # the dialer collects the spoken greeting
    }
    ok $own, 'callers hear it, spoken by espeak-ng (the first may hear the recorded one)';
};

subtest '3: a voice message, in the console with its audio' => sub {
    my $help = unique_number();
    my ($key, $client) = phone_client(help_number => $help);
    my $agent = Baton::Test::signed_in_agent(client => $client, name => 'Max Messages', state => 'away');
    my $caller = Baton::Phone->new(number => unique_number())->start;
    $caller->dial($help);
    ok $caller->wait_event('CALL_ESTABLISHED', 20), 'answered';
    ok has_event($caller->number, 'greeting'), 'greeted';
    $caller->send_digits('3');
    ok wait_for('the recording', 30, sub {
        my $call = call_from($caller->number);
        # The prompt and the beep take about eight seconds; then two of message.
        return @{ call_events($caller->number, 'digit') } && $call
            && sql("SELECT TIMESTAMPDIFF(SECOND, MAX(at), NOW(3)) FROM call_event WHERE call_id = $call->[0]")->[0][0] >= 11;
    }), 'the caller speaks after the tone';
    $caller->hangup;
    ok wait_for('the message', 15, sub { defined call_from($caller->number)->[2]
        && call_from($caller->number)->[2] eq 'message' }), 'hanging up leaves the message';
    my $snapshot = $agent->{browser}->console_snapshot;
    my ($m) = grep { ($_->{phone} // '') eq $caller->number } @{ $snapshot->{messages} };
    ok $m, 'the console lists it among the messages';
    like $m->{question} // '', qr/^Voice message \(0:\d\d\)$/, 'as a voice message with its length';
    ok $m->{voice}, 'with its audio';
    my $res = $agent->{browser}->get("/voicemail?id=$m->{voice}");
    is $res->{status}, 200, 'which the agent can fetch';
    is $res->{headers}{'content-type'}, 'audio/wav', 'as WAV';
    like substr($res->{content}, 0, 12), qr/^RIFF....WAVE$/s, 'a RIFF/WAVE file';
    my $page = $agent->{browser}->get("/messages?id=$m->{id}");
    is $page->{status}, 200, 'its thread opens (issue 13: messages are threads)';
    like $page->{content}, qr{<audio controls preload="none" src="/voicemail\?id=\Q$m->{voice}\E">},
        'playing the message there';
    like $page->{content}, qr{id="thread-about">\Q${\ $caller->number}\E · .*left on the phone}s,
        'from the caller\'s number, left on the phone';
    like $page->{content}, qr{id="no-address"}, 'with no e-mail answer offered';
    ok length($res->{content}) > 44 + 16000, 'of more than a second';
    my $other = Baton::Test::signed_in_agent(name => 'Other Client');
    is $other->{browser}->get("/voicemail?id=$m->{voice}")->{status}, 404,
        'an agent of another client cannot';
    my $anon = Baton::Test::Browser->new->get("/voicemail?id=$m->{voice}");
    is_deeply [$anon->{status}, $anon->{headers}{location}], [303, '/signin'],
        'nor someone not signed in (sent to sign in)';
};

subtest '1: called back instead of holding' => sub {
    my $help = unique_number();
    my ($key, $client) = phone_client(help_number => $help);
    my $caller = Baton::Phone->new(number => unique_number())->start;
    $caller->dial($help);
    ok $caller->wait_event('CALL_ESTABLISHED', 20), 'answered';
    ok has_event($caller->number, 'greeting'), 'greeted';
    $caller->send_digits('1');
    ok $caller->wait_event('CALL_CLOSED', 30), 'told, and the IVR hangs up';
    is call_from($caller->number)->[2], 'callback', 'the call ended with a call-back asked';
    my $row = sql("SELECT medium, state, phone FROM help_request WHERE client_id = "
        . Baton::Test::client_id($client) . " ORDER BY id DESC LIMIT 1")->[0];
    is_deeply $row, ['callback', 'waiting', $caller->number], 'a call-back to the caller\'s number';
};

subtest 'a known caller: their profile; a "call us" code: their page' => sub {
    my $help = unique_number();
    my ($key, $client) = phone_client(help_number => $help);
    my $number = unique_number();

    # Nora once asked for help, and to be called back on this number.
    my $nora = Baton::Test::Browser->new;
    my $earlier = $nora->ask_help($key, name => 'Nora Known', question => 'About my order');
    $nora->post('/callback', form => [csrf => $nora->form_csrf, r => $earlier, phone => $number]);
    $nora->post('/cancel', form => [csrf => $nora->form_csrf, r => $earlier]);
    my $visitor = request_by_id($earlier)->{visitor_id};

    # Now she reads another page, and chooses "call us".
    my $page = "$s->{URL}/demo/pricing.html";
    my $help_page = $nora->click_help($key, referer => $page);
    like $help_page->{content}, qr/call us on <strong>\Q$help\E<\/strong>/i, 'the help page offers "call us"';
    my $res = $nora->post('/callus', form => [csrf => $nora->form_csrf, site => $key, page => $page],
        headers => { Accept => 'application/json' });
    is $res->{status}, 200, '"call us"';
    my $answer = Baton::Test::json_decode($res->{content});
    is $answer->{number}, $help, 'gives the help number';
    like $answer->{code}, qr/^[1-9]\d{5}$/, 'and a six-digit code';

    my $caller = Baton::Phone->new(number => $number)->start;
    $caller->dial($help);
    ok $caller->wait_event('CALL_ESTABLISHED', 20), 'she calls';
    ok has_event($caller->number, 'greeting'), 'greeted';
    $caller->send_digits("*$answer->{code}#");
    ok has_event($caller->number, 'queued'), 'keys in the code and is put in the queue';
    is_deeply call_events($caller->number, 'code'), [$answer->{code}], 'the code is known';
    my $call = call_from($caller->number);
    my $public = sql("SELECT public_id FROM help_request WHERE id = $call->[3]")->[0][0];
    my $row = request_by_id($public);
    is $row->{visitor_id}, $visitor, 'the call is Nora\'s, the visitor of the earlier request';
    is $row->{page_url}, $page, 'on the page she is reading';
    is sql("SELECT name FROM help_request WHERE public_id = '$public'")->[0][0], 'Nora Known',
        'with the name her profile has';

    my $agent = Baton::Test::signed_in_agent(client => $client, name => 'Pat Page');
    ok wait_for('the offer', 10, sub { request_by_id($public)->{state} eq 'offered' }), 'offered';
    my $entry = (grep { $_->{id} eq $public } @{ $agent->{browser}->console_snapshot->{queue} })[0];
    is $entry->{name}, 'Nora Known', 'the console shows who it is';
    is $entry->{past_sessions}, '0', 'with her earlier sessions';
    my $desk = Baton::Phone->new(number => unique_number())->start;
    my (undef, $channel_page) = accept_and_join($agent, $public, $desk);
    like $channel_page, qr/data-start-page="\Q$page\E"/, 'the agent\'s viewer opens at her page';
    ok $desk->wait_event('CALL_ESTABLISHED', 20), 'the agent\'s phone joins';
    $caller->hangup;

    # Matched by number alone, while her code is valid: no code keyed.
    my $res2 = $nora->post('/callus', form => [csrf => $nora->form_csrf, site => $key,
        page => "$s->{URL}/demo/returns.html"], headers => { Accept => 'application/json' });
    my $code2 = Baton::Test::json_decode($res2->{content})->{code};
    ok $code2 && $code2 ne $answer->{code}, 'asking again gives a new code (the first one was used)';
    my $res3 = $nora->post('/callus', form => [csrf => $nora->form_csrf, site => $key,
        page => "$s->{URL}/demo/returns.html"], headers => { Accept => 'application/json' });
    is Baton::Test::json_decode($res3->{content})->{code}, $code2, 'and again the same, while it is valid';
    my $again = Baton::Phone->new(number => $number)->start;
    $again->dial($help);
    ok $again->wait_event('CALL_ESTABLISHED', 20), 'she calls again';
    ok has_event($number, 'greeting'), 'greeted';
    $again->send_digits('2');
    ok has_event($number, 'queued'), 'waits for an agent';
    my $second = sql("SELECT r.page_url, r.visitor_id FROM help_request r JOIN phone_call pc"
        . " ON pc.request_id = r.id WHERE pc.number = '$number' ORDER BY pc.id DESC LIMIT 1")->[0];
    is_deeply $second, ["$s->{URL}/demo/returns.html", $visitor], 'her number ties the call to her page';
    $again->hangup;
};

subtest 'numbers nobody answers, SIP from elsewhere' => sub {
    my $caller = Baton::Phone->new(number => unique_number())->start;
    $caller->dial('+15550000001');
    ok $caller->wait_event('CALL_CLOSED', 20), 'a number that is no client\'s help number is refused';

    # A request straight to Baton's proxy, not from the trunk: refused.
    my $sock = IO::Socket::INET->new(PeerAddr => "127.0.0.1:$ENV{BATON_SIP_PORT}", Proto => 'udp')
        or die $!;
    my $me = $sock->sockport;
    $sock->send("INVITE sip:+15550000002\@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:$me;branch=z9hG4bKout$$;rport\r\n"
        . "Max-Forwards: 70\r\nFrom: <sip:intruder\@example.invalid>;tag=x$$\r\nTo: <sip:+15550000002\@127.0.0.1>\r\n"
        . "Call-ID: intruder$$\r\nCSeq: 1 INVITE\r\nContact: <sip:intruder\@127.0.0.1:$me>\r\nContent-Length: 0\r\n\r\n");
    my $answer = '';
    wait_for('an answer', 5, sub {
        my $rin = ''; vec($rin, fileno($sock), 1) = 1;
        return 0 unless select(my $r = $rin, undef, undef, 0.2);
        $sock->recv(my $buf, 4096);
        $answer = $buf if $buf =~ m{^SIP/2\.0 [2-6]};
        return $answer ne '';
    });
    like $answer, qr{^SIP/2\.0 403 Forbidden}, 'an INVITE from outside the trunk gets 403';
};

done_testing;
