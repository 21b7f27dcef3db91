#!/usr/bin/perl
# A call-back the dialer cannot complete is told to the visitor by e-mail
# (lib/mail_callback.c), through the real dialer, carrier and mail server:
# the customer's phone turns the call down, the last try marks the
# call-back unreachable, and the mail that lands in the maildir names the
# number and the tries and says how to ask again (the page they asked on,
# the help number, a reply to the site's help address); the reply becomes
# a help request by e-mail in the client's queue. Without an address no
# mail is queued.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql admin wait_for);
use Baton::Calls qw(phone_client ask_callback request_by_id agent_key unique_number);
use Baton::Mail qw(wait_mail send_mail mail_address wait_log log_mark);
use Baton::Phone;

my $s = stack();
plan skip_all => 'no SIP parts in this stack (tools/parts/sip)' unless $ENV{BATON_CARRIER_PORT};
Baton::Mail::maildir();
my $domain = $ENV{BATON_MAIL_DOMAIN} // 'baton.test';

sub wait_id { my ($res) = @_; ($res->{headers}{location} // '') =~ m{^/wait\?r=([0-9a-f]{32})$} ? $1 : undef }

# One try, turned down: the agent accepts, their desk phone joins, the
# customer's phone rings and is hung up (busy). With one try allowed that
# makes the call-back unreachable.
sub busy_once {
    my ($agent, $id, $customer, $desk) = @_;
    ok wait_for('the offer', 20, sub { request_by_id($id)->{state} eq 'offered' }), 'offered';
    my $b = $agent->{browser};
    my $res = $b->post('/accept', form => [csrf => $b->session_csrf, request => $id]);
    my ($channel) = ($res->{headers}{location} // '') =~ m{^/channel\?id=([0-9a-f]{32})$}
        or BAIL_OUT("accept: $res->{status} $res->{content}");
    my $token = Baton::Test::channel_token($b->get("/channel?id=$channel")->{content});
    $desk->dial(agent_key($agent, $channel, $token));
    ok $customer->wait_event('CALL_INCOMING', 30), 'the customer\'s phone rings';
    $customer->hangup;
    ok wait_for('unreachable', 30, sub { request_by_id($id)->{state} eq 'unreachable' }),
        'the only try failed: the call-back is marked unreachable';
}

my $help_number = unique_number();
my ($key, $client, $cid) = phone_client(retry_tries => 1, ring_seconds => 10,
    help_number => $help_number);
my $help = "cb-$client\@$domain";
admin(undef, 'site', 'help-address', $key, $help);
my $client_name = sql("SELECT name FROM client WHERE id = $cid")->[0][0];
my $agent = Baton::Test::signed_in_agent(client => $client, name => 'Una Unreachable');
my $desk = Baton::Phone->new(number => unique_number())->start;

subtest 'the visitor who left an address is told by e-mail' => sub {
    my $customer = Baton::Phone->new(number => unique_number(), answer => 'manual')->start;
    my $address = mail_address('callme');
    my $page = Baton::Test::visitor_page();
    my $v = Baton::Test::Browser->new;
    my $id = wait_id(ask_callback($v, $key, phone => $customer->number, email => $address,
        page => $page));
    ok $id, 'a call-back with an e-mail address';
    busy_once($agent, $id, $customer, $desk);

    my ($mail) = wait_mail($address, subject => qr/could not reach you/, seconds => 60);
    ok $mail, 'a mail reaches the visitor through the mail server';
    return unless $mail;
    is $mail->header('Subject'), "$client_name could not reach you on " . $customer->number,
        'its subject names the client and the number';
    like $mail->header('From'), qr/^"?\Q$client_name\E"? <[^>]+>$/, 'from the client, by name';
    like $mail->header('Reply-To'), qr/^<\Q$help\E>$/, 'a reply goes to the site\'s help address';
    is $mail->header('Auto-Submitted'), 'auto-generated', 'marked as sent by a machine';
    like $mail->header('Message-ID'), qr/^<[^>]+\@[^>]+>$/, 'with a Message-ID';
    my $text = $mail->{text} // '';
    like $text, qr/call you back on \Q${\ $customer->number}\E\. We called once and could not reach you/,
        'the text says which number was called, how often, and that it was not reached';
    like $text, qr/ask again on the page where you asked: \Q$page\E/, 'how to ask again: the page';
    like $text, qr/call us on \Q$help_number\E/, 'the client\'s help number';
    like $text, qr/reply to this e-mail/, 'and replying';
    like $mail->{html} // '', qr/<a href="\Q$page\E">the page where you asked<\/a>/,
        'the HTML part links the page';
    is sql("SELECT COUNT(*) FROM mail_message m JOIN help_request r ON r.id = m.request_id"
        . " WHERE r.public_id = '$id' AND m.kind = 'callback_unreachable'")->[0][0], 1,
        'queued once, tied to the request';

    # The reply reaches the desk as a help request by e-mail.
    my $mark = log_mark();
    my $mid = $mail->header('Message-ID') =~ s/^<|>$//gr;
    my ($ok) = send_mail($address, $help, "From: <$address>\r\nTo: $help\r\n"
        . "Subject: Re: " . $mail->header('Subject') . "\r\nIn-Reply-To: <$mid>\r\n"
        . "Message-ID: <cb-reply-$$-" . time . "\@example.com>\r\n\r\nPlease try my office number.\r\n");
    ok $ok, 'the visitor replies';
    like wait_log($mark, qr/mail to \Q$help\E from \Q$address\E: help request/),
        qr/mail to \Q$help\E from \Q$address\E: help request/, 'the reply becomes a help request by e-mail';
    my $row = sql("SELECT COUNT(*) FROM help_request WHERE client_id = $cid AND via = 'email'"
        . " AND contact = '$address'")->[0][0];
    is $row, 1, 'waiting in the client\'s queue';
    $customer->stop;
};

subtest 'a visitor who left no address gets no mail' => sub {
    # A client of its own: the reply above waits in the first one's queue.
    my ($key2, $client2) = phone_client(retry_tries => 1, ring_seconds => 10);
    my $agent2 = Baton::Test::signed_in_agent(client => $client2, name => 'Nia Noaddress');
    my $customer = Baton::Phone->new(number => unique_number(), answer => 'manual')->start;
    my $id = wait_id(ask_callback(Baton::Test::Browser->new, $key2, phone => $customer->number));
    ok $id, 'a call-back without an e-mail address';
    busy_once($agent2, $id, $customer, $desk);
    is sql("SELECT COUNT(*) FROM mail_message m JOIN help_request r ON r.id = m.request_id"
        . " WHERE r.public_id = '$id'")->[0][0], 0, 'no mail is queued for it';
    $customer->stop;
};

done_testing;
