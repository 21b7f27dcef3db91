#!/usr/bin/perl
# An offline message answered by e-mail through the real mail server, and
# replied to twice: the answers reach the visitor's mailbox with the right
# headers, the replies come back into the same thread (quotes left out),
# which the agent reads, assigns, marks done, and sees reopened by the
# next reply. Only staff of the client see or touch it.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql);
use Baton::Mail qw(wait_mail mails_to send_mail mail_address wait_log log_mark);

my $s = stack();
my $domain = $ENV{BATON_MAIL_DOMAIN} // 'baton.test';

my ($key, $client) = Baton::Test::new_help_site(ask_question => 1);
my $vera = mail_address('vera');
my $v = Baton::Test::Browser->new;
my $id = $v->ask_help($key, name => 'Vera Visitor', question => 'Is the blue one in stock?');
my $csrf = Baton::Test::csrf_from($v->get("/wait?r=$id")->{content});
my $res = $v->post('/message', form => [csrf => $csrf, r => $id, name => 'Vera Visitor',
    contact => $vera, question => "Is the blue one in stock?\nI need two."]);
is $res->{status}, 303, 'nobody is there: the visitor leaves a message with her e-mail address';

my $agent = Baton::Test::signed_in_agent(client => $client, name => 'Dana Desk', state => 'away');
my $b = $agent->{browser};
my $console = $b->get('/console')->{content};
like $console, qr{<li class="thread-item awaiting" data-thread="$id">}, 'the console lists the thread as to answer';
my $desk = $b->console_snapshot;
my ($listed) = grep { $_->{id} eq $id } @{ $desk->{messages} };
ok $listed && $listed->{state} eq 'open' && $listed->{awaiting} eq '1', 'and so does its live feed';

my $page = $b->get("/messages?id=$id");
is $page->{status}, 200, 'the thread opens';
like $page->{content}, qr{<div class="body">Is the blue one in stock\?\nI need two\.</div>}, 'with the message';
my $scsrf = Baton::Test::csrf_from($page->{content});
# The thread's page once it shows what the regex matches (mail takes its
# way through the mail server), or as it is after a minute.
sub thread_page_with {
    my ($re) = @_;
    my $p;
    Baton::Test::wait_for('the thread page', 60, sub { $p = $b->get("/messages?id=$id"); $p->{content} =~ $re });
    return $p;
}
my $post = sub { $b->post('/messages', form => [csrf => $scsrf, id => $id, @_],
    headers => { Accept => 'application/json', Origin => $s->{URL} }) };

# ---- the first answer -------------------------------------------------------
$res = $post->(action => 'reply', text => "Yes, we have three left.\nShall I keep two for you?");
is $res->{status}, 200, 'the agent answers';
my ($first) = wait_mail($vera);
ok $first, 'the answer reaches the visitor\'s mailbox' or BAIL_OUT('no mail delivered');
is $first->header('To'), "Vera Visitor <$vera>", 'To: the visitor, by name';
is $first->header('From'), qq{"Dana Desk (Client $client)" <help\@$domain>}, 'From: the agent, for the client';
like $first->header('Reply-To'), qr/^<reply\+[0-9a-f]{32}\@\Q$domain\E>$/, 'Reply-To: the thread\'s reply address';
is $first->header('Subject'), "Your message to Client $client", 'a subject naming the client';
like $first->header('Message-ID'), qr/^<[0-9a-f]{32}\@\Q$domain\E>$/, 'a Message-ID of Baton\'s domain';
like $first->header('Date'), qr/^\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d \+0000$/, 'a Date';
is $first->header('Auto-Submitted'), undef, 'no Auto-Submitted: a person wrote it';
like $first->header('Return-path'), qr/^<bounce\+[0-9a-f]{32}\@\Q$domain\E>$/, 'bounces would come back to Baton';
like $first->{headers}{'content-type'}[0], qr{^multipart/alternative;}, 'text and HTML';
like $first->{text}, qr/\AYes, we have three left\.\nShall I keep two for you\?\n\n--\nDana Desk, Client \Q$client\E\n/,
    'the text part: the answer, signed';
like $first->{html}, qr{Yes, we have three left\.}, 'and the HTML part';
my ($reply_to) = $first->header('Reply-To') =~ /<(.*)>/;
my ($first_mid) = $first->header('Message-ID') =~ /<(.*)>/;

# ---- the visitor's first reply --------------------------------------------------
my $reply1_mid = sprintf 'r1-%d-%d@mail.example.com', time, $$;
my ($ok) = send_mail($vera, $reply_to, join "\r\n",
    "From: Vera Visitor <$vera>", "To: <$reply_to>", "Subject: Re: Your message to Client $client",
    "Message-ID: <$reply1_mid>", "In-Reply-To: <$first_mid>", "References: <$first_mid>",
    'Date: Sun, 06 Dec 2026 10:00:00 +0000', 'Content-Type: text/plain; charset=utf-8', '',
    "Yes please, two blue ones. Danke sch\xc3\xb6n!", '', "On Sun, 6 Dec 2026, Dana Desk wrote:",
    '> Yes, we have three left.', '> Shall I keep two for you?', '');
ok $ok, 'the visitor replies to the answer';
$page = thread_page_with(qr/two blue ones/);
like $page->{content}, qr{<div class="body">Yes please, two blue ones\. Danke schön!</div>},
    'the reply joins the thread, without the quoted answer';
like $page->{content}, qr{<strong>\Q$vera\E</strong>}, 'from the visitor';
is sql("SELECT awaiting_answer FROM help_request WHERE public_id = '$id'")->[0][0], 1, 'the thread waits for an answer again';

# ---- done, then reopened by the second reply -----------------------------------------
$res = $post->(action => 'done');
is $res->{status}, 200, 'the agent marks the thread done';
is sql("SELECT thread_state FROM help_request WHERE public_id = '$id'")->[0][0], 'done', 'it is done';
my $reply2_mid = sprintf 'r2-%d-%d@mail.example.com', time, $$;
# This one goes to the help address Baton wrote from, as some mail programs
# do: In-Reply-To still finds the thread.
sql("UPDATE site SET help_address = 'help-$client\@$domain' WHERE site_key = '$key'");
($ok) = send_mail($vera, "help-$client\@$domain", join "\r\n",
    "From: <$vera>", "To: help-$client\@$domain", 'Subject: one more thing',
    "Message-ID: <$reply2_mid>", "In-Reply-To: <$first_mid>", "References: <$first_mid> <$reply1_mid>", '',
    'Could you send them by express?', '');
ok $ok, 'the visitor writes again';
$page = thread_page_with(qr/by express/);
like $page->{content}, qr{<div class="body">Could you send them by express\?</div>}, 'the second reply joins the same thread';
is sql("SELECT thread_state FROM help_request WHERE public_id = '$id'")->[0][0], 'open', 'and reopens it';
is sql("SELECT COUNT(*) FROM help_request WHERE client_id = (SELECT client_id FROM help_request WHERE public_id = '$id')")->[0][0],
    1, 'no new request was made of it';

# ---- the second answer threads under the visitor's replies ------------------------------
$res = $post->(action => 'reply', text => 'Express it is.');
is $res->{status}, 200, 'the agent answers again';
my @mails = wait_mail($vera, count => 2);
is scalar @mails, 2, 'the second answer arrives';
my $second = $mails[1];
is $second->header('In-Reply-To'), "<$reply2_mid>", 'In-Reply-To: the visitor\'s latest';
is $second->header('References'), "<$first_mid> <$reply1_mid> <$reply2_mid>", 'References: the whole thread, in order';
is $second->header('Subject'), 'Re: one more thing', 'Re: the visitor\'s subject';
is $second->header('Reply-To'), "<$reply_to>", 'the same reply address';

# ---- owners -------------------------------------------------------------------------------
my ($colleague_email) = Baton::Test::new_agent(client => $client, name => 'Sam Second');
my $colleague = sql("SELECT id FROM agent WHERE email = '$colleague_email'")->[0][0];
$res = $post->(action => 'assign', agent => $colleague);
is $res->{status}, 200, 'the thread is handed to a colleague';
like $b->get("/messages?id=$id")->{content}, qr{<option value="$colleague" selected>Sam Second</option>}, 'who owns it now';
my ($stranger_email) = Baton::Test::new_agent();
my $stranger = sql("SELECT id FROM agent WHERE email = '$stranger_email'")->[0][0];
$res = $post->(action => 'assign', agent => $stranger);
is $res->{status}, 404, 'not to an agent of another client';

# ---- who may see it -------------------------------------------------------------------------
my $outsider = Baton::Test::signed_in_agent(state => 'away');
is $outsider->{browser}->get("/messages?id=$id")->{status}, 404, 'another client\'s agent finds no such thread';
my $ocsrf = $outsider->{browser}->session_csrf;
$res = $outsider->{browser}->post('/messages', form => [csrf => $ocsrf, id => $id, action => 'reply', text => 'hi'],
    headers => { Origin => $s->{URL} });
is $res->{status}, 404, 'nor answers it';
$res = $b->post('/messages', form => [id => $id, action => 'done'], headers => { Origin => $s->{URL} });
is $res->{status}, 400, 'no form token: refused';
$res = $b->post('/messages', form => [csrf => 'f' x 64, id => $id, action => 'done'], headers => { Origin => $s->{URL} });
is $res->{status}, 403, 'a wrong one: refused';
is $v->get("/messages?id=$id")->{status}, 303, 'the visitor\'s browser is sent to sign in';
$res = $post->(action => 'reply', text => '   ');
is $res->{status}, 400, 'an empty answer is refused';
my @all = mails_to($vera);
is scalar @all, 2, 'and nothing more was sent';

# ---- a message without an e-mail address --------------------------------------------------
my $w = Baton::Test::Browser->new;
my $id2 = $w->ask_help($key, name => 'Phil', question => 'Call me');
$csrf = Baton::Test::csrf_from($w->get("/wait?r=$id2")->{content});
$w->post('/message', form => [csrf => $csrf, r => $id2, name => 'Phil', contact => '+49 30 1234567', question => 'Call me']);
$page = $b->get("/messages?id=$id2");
like $page->{content}, qr{id="no-address"}, 'a phone number: the page says to answer another way';
$res = $b->post('/messages', form => [csrf => $scsrf, id => $id2, action => 'reply', text => 'hi'],
    headers => { Accept => 'application/json', Origin => $s->{URL} });
is $res->{status}, 409, 'an answer by e-mail is refused';

is_deeply [map { $_->[0] } @{ sql("SELECT e.kind FROM request_event e JOIN help_request r ON r.id = e.request_id"
    . " WHERE r.public_id = '$id' ORDER BY e.id") }],
    [qw(created message replied mail_in done reopened replied assigned)], 'the archive has every step';
done_testing;
