#!/usr/bin/perl
# With nobody at the desk, a waiting visitor leaves a message (name, contact,
# question) that the client's agents find in their console; every field is
# required, once only, and only by the visitor who asked. A message sent
# after an agent took the request is not lost: it becomes the visitor's line
# in the conversation.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql);

stack();

my ($key, $client) = Baton::Test::new_help_site(ask_question => 1);
my $v = Baton::Test::Browser->new;
my $id = $v->ask_help($key, name => 'Max', question => 'Is the <b>blue</b> one in stock?');
my $page = $v->get("/wait?r=$id");
like $page->{content}, qr/<a href="\/wait\?r=$id&amp;choice=message" id="choose-message"/, 'nobody is signed in: leaving a message is offered';
$page = $v->get("/wait?r=$id&choice=message");
like $page->{content}, qr/<form method="post" action="\/message" id="message-form">/, 'on a page of its own: the message form';
unlike $page->{content}, qr/http-equiv="refresh"/, 'which never refreshes (nothing typed is lost)';
like $page->{content}, qr/<input type="text" id="msg-name" name="name" required maxlength="100" autocomplete="name" value="Max">/,
    'with the name given when asking';
like $page->{content}, qr/<textarea id="msg-question" name="question" required maxlength="2000" rows="5">Is the &lt;b&gt;blue&lt;\/b&gt; one in stock\?<\/textarea>/,
    'and the question already asked, escaped';
my $csrf = Baton::Test::csrf_from($page->{content});

my %good = (csrf => $csrf, r => $id, name => 'Max Mustermann', contact => '+49 30 1234567',
    question => "Is the blue one in stock?\nPlease call after 5.");
my $form = sub { my %f = (%good, @_); [map { defined $f{$_} ? ($_ => $f{$_}) : () } sort keys %f] };

for my $field (qw(name contact question)) {
    my $res = $v->post('/message', form => $form->($field => undef));
    is $res->{status}, 400, "no $field: 400";
    like $res->{content}, qr/The field &#39;$field&#39; is required\./, "naming the $field";
    $res = $v->post('/message', form => $form->($field => ''));
    is $res->{status}, 400, "an empty $field: 400";
}
my $res = $v->post('/message', form => $form->(contact => 'x' x 255));
is $res->{status}, 400, 'a contact of 255 characters: 400';
like $res->{content}, qr/The field &#39;contact&#39; is too long \(at most 254 characters\)\./, 'giving the limit';
$res = $v->post('/message', form => $form->(name => "Max\nBcc: x"));
is $res->{status}, 400, 'a name on two lines: 400';
like $res->{content}, qr/The field &#39;name&#39; must be a single line of text\./, 'saying so';
$res = $v->post('/message', form => $form->(question => 'q' x 2001));
is $res->{status}, 400, 'a message over 2,000 characters: 400';
$res = $v->post('/message', form => $form->(csrf => undef));
is $res->{status}, 400, 'no form token: 400';
$res = $v->post('/message', form => $form->(csrf => 'f' x 64));
is $res->{status}, 403, 'a wrong form token: 403';
my $other = Baton::Test::Browser->new;
my $other_id = $other->ask_help($key, question => 'mine');
my $other_csrf = Baton::Test::csrf_from($other->get("/wait?r=$other_id")->{content});
$res = $other->post('/message', form => $form->(csrf => $other_csrf));
is $res->{status}, 403, 'someone else\'s request: 403';
like $res->{content}, qr/This help request was made in another browser\./, 'saying so';
is Baton::Test::request_row($id)->{state}, 'waiting', 'none of that left a message';

$res = $v->post('/message', form => $form->());
is $res->{status}, 303, 'leaving the message: 303';
is $res->{headers}{location}, "/wait?r=$id", 'to the waiting page';
$page = $v->get("/wait?r=$id");
like $page->{content}, qr/<h1>Thank you<\/h1>/, 'which thanks the visitor';
like $page->{content}, qr/Your message has been passed on to Client \Q$client\E\./, 'naming the client';
unlike $page->{content}, qr/http-equiv="refresh"/, 'and stops refreshing';
my $row = Baton::Test::request_row($id);
is $row->{state}, 'message', 'the request became a message';
is $row->{name}, 'Max Mustermann', 'with the name';
is $row->{contact}, '+49 30 1234567', 'the contact';
is $row->{question}, 'Is the blue one in stock?\nPlease call after 5.', 'and the message';
is_deeply Baton::Test::request_events($id), [qw(created message)], 'archived';

$res = $v->post('/message', form => $form->(name => 'Again'));
is $res->{status}, 409, 'a second message for the same request: 409';
like $res->{content}, qr/This request is no longer waiting\./, 'saying so';

my $agent = Baton::Test::signed_in_agent(client => $client, name => 'Mona Messages');
my $snapshot = $agent->{browser}->console_snapshot;
my ($entry) = grep { $_->{id} eq $id } @{ $snapshot->{messages} };
ok $entry, 'an agent who signs in later finds it among the console\'s messages';
is $entry->{name}, 'Max Mustermann', 'with the name';
is $entry->{contact}, '+49 30 1234567', 'the contact';
is $entry->{question}, "Is the blue one in stock?\nPlease call after 5.", 'the message';
is $entry->{page}, Baton::Test::visitor_page(), 'the page it came from';
like $entry->{at}, qr/^\d{4}-\d\d-\d\d \d\d:\d\d$/, 'and when';
ok !(grep { $_->{id} eq $id } @{ $snapshot->{queue} }), 'it is not in the queue';
ok((grep { $_->{id} eq $other_id } @{ $snapshot->{queue} }), 'where the other visitor still waits');
like $agent->{browser}->get('/console')->{content}, qr/Max Mustermann/, 'the console page shows it too';

my ($foreign_key, $foreign_client) = Baton::Test::new_help_site(ask_question => 0);
Baton::Test::Browser->new->ask_help($foreign_key);
my $foreign = Baton::Test::signed_in_agent(client => $foreign_client);
is_deeply $foreign->{browser}->console_snapshot->{messages}, [], 'another client\'s console has no messages of ours';

subtest 'an agent takes the request while the visitor writes' => sub {
    my $writer = Baton::Test::Browser->new;
    my $wid = $writer->ask_help($key, question => 'first words');
    my $wcsrf = Baton::Test::csrf_from($writer->get("/wait?r=$wid&choice=message")->{content});
    my $res = $agent->{browser}->post('/accept', form => [csrf => $agent->{browser}->session_csrf, request => $wid]);
    my ($channel) = ($res->{headers}{location} // '') =~ m{^/channel\?id=([0-9a-f]{32})$};
    ok $channel, 'the agent accepts while the message is being written';
    $res = $writer->post('/message', form => [csrf => $wcsrf, r => $wid, name => 'Wanda',
        contact => 'wanda@example.com', question => 'My whole message, typed with care.']);
    is $res->{status}, 303, 'sending it: 303';
    is $res->{headers}{location}, "/channel?id=$channel", 'into the conversation';
    my $lines = sql("SELECT e.body FROM channel_event e JOIN channel c ON c.id = e.channel_id"
        . " JOIN participant p ON p.id = e.participant_id"
        . " WHERE c.public_id = '$channel' AND e.kind = 'line' AND p.kind = 'visitor' ORDER BY e.seq");
    is $lines->[-1][0], 'My whole message, typed with care.', 'where the message is the visitor\'s line, whole';
    is Baton::Test::request_row($wid)->{state}, 'accepted', 'and the request stays accepted';
};

done_testing;
