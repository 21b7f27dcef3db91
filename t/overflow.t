#!/usr/bin/perl
# The overflow page (issue 16): with the client's overflow_after_minutes on
# and its desk overloaded for a newcomer (nobody to answer, or a wait
# estimated past those minutes), the help form does not queue an anonymous
# visitor but shows the overflow page in their language, with what they
# typed carried into its message and schedule forms; the message left
# there reaches the agents' messages and is never in the queue, a time
# booked there is a booking; a visitor whose service
# level may skip the overflow page is queued; with the setting off (the
# default) everyone is queued as before. The setting: the Desk settings
# form and baton-admin call lib/admin_desk.c (CSRF, roles, tenants, bad
# input, audit); the level editor's "may skip the overflow page" likewise.
use strict;
use warnings;
use utf8;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql admin random_name);
use Baton::Admin qw(person operator form_post audit_count);

binmode Test::More->builder->$_, ':encoding(UTF-8)' for qw(output failure_output todo_output);
stack();
my ($key, $client) = Baton::Test::new_help_site(ask_question => 1);
my $cid = Baton::Test::client_id($client);
sub setting { sql("SELECT overflow_after_minutes FROM client WHERE id = $cid")->[0][0] }
sub requests { sql("SELECT COUNT(*) FROM help_request WHERE client_id = $cid")->[0][0] }

# The help form as a visitor fills it in: (response, form token, page).
sub ask {
    my ($v, %o) = @_;
    my $topic = defined $o{topic} ? "&topic=$o{topic}" : '';
    my $lang = defined $o{lang} ? "&lang=$o{lang}" : '';
    my $form = $v->get("/help?site=$key$topic$lang", headers => { Referer => Baton::Test::visitor_page() });
    die "the help form: $form->{status}" unless $form->{status} == 200;
    my $csrf = Baton::Test::csrf_from($form->{content});
    my ($page) = $form->{content} =~ /name="page" value="([^"]*)"/;
    $page =~ s/&amp;/&/g;
    my $res = $v->post('/help', form => [csrf => $csrf, site => $key, page => $page,
        name => $o{name} // 'Olga', question => $o{question} // 'Where is my parcel?',
        (defined $o{topic} ? (topic => $o{topic}) : ()), (defined $o{lang} ? (lang => $o{lang}) : ()),
        (defined $o{email} ? (email => $o{email}) : ())]);
    return ($res, $csrf, $page);
}
sub queued_id { (($_[0]{headers}{location} // '') =~ m{^/wait\?r=([0-9a-f]{32})$})[0] }

is setting(), 0, 'off by default';
my ($res) = ask(Baton::Test::Browser->new);
my $first = queued_id($res);
ok $first, 'with the setting off and nobody at the desk, a visitor is queued as before';
is Baton::Test::request_row($first)->{state}, 'waiting', 'waiting';

subtest 'the setting on the Desk settings page' => sub {
    my $ada = person($client, 'admin');
    my $page = $ada->{browser}->get('/settings')->{content};
    like $page, qr/<input type="number" id="overflow_after_minutes" name="overflow_after_minutes" min="0" max="1440" value="0" required>/,
        'the administrator\'s form has it, off';
    my $r = form_post($ada, '/settings', 'desk', overflow_after_minutes => 5);
    is $r->{status}, 200, 'an administrator sets 5 minutes';
    like $r->{content}, qr/overflow_after_minutes set to 5/, 'saying so';
    is setting(), 5, 'stored';
    like $r->{content}, qr/id="overflow_after_minutes" name="overflow_after_minutes" min="0" max="1440" value="5"/, 'and shown';
    is audit_count('desk.setting', 'setting overflow_after_minutes', actor => $ada->{email}), 1, 'on record';
    for my $bad (['soon', 'words'], [-1, 'a negative number'], [1441, 'more than a day']) {
        $r = form_post($ada, '/settings', 'desk', overflow_after_minutes => $bad->[0]);
        is $r->{status}, 400, "$bad->[1]: 400";
        like $r->{content}, qr/overflow_after_minutes \(minutes of estimated wait before the overflow page, 0 for never\) must be a whole number from 0 to 1440/,
            'saying why';
    }
    $r = $ada->{browser}->post('/settings', form => [do => 'desk', overflow_after_minutes => 9],
        headers => { Origin => stack()->{URL} });
    ok $r->{status} == 400 || $r->{status} == 403, "no form token: refused ($r->{status})";
    $r = $ada->{browser}->post('/settings', form => [csrf => 'f' x 64, do => 'desk', overflow_after_minutes => 9],
        headers => { Origin => stack()->{URL} });
    is $r->{status}, 403, 'a wrong form token: 403';
    is form_post(person($client, 'supervisor'), '/settings', 'desk', overflow_after_minutes => 9)->{status}, 403,
        'a supervisor may not';
    is form_post(person($client, 'agent'), '/settings', 'desk', overflow_after_minutes => 9)->{status}, 403,
        'nor an agent';
    my $bob = person(Baton::Test::new_client(), 'admin');
    is form_post($bob, '/settings', 'desk', client => $client, overflow_after_minutes => 9)->{status}, 404,
        'nor another client\'s administrator, naming this client';
    is setting(), 5, 'none of that changed it';
    is form_post(operator(), '/settings', 'desk', client => $client, overflow_after_minutes => 7)->{status}, 200,
        'the operator may, naming the client';
    is setting(), 7, 'stored';
    like admin(undef, 'client', 'set', $client, 'overflow_after_minutes', '5'), qr/overflow_after_minutes set to 5/,
        'baton-admin sets it through the same function';
    is setting(), 5, 'stored';
    is audit_count('desk.setting', "setting overflow_after_minutes", client => $client), 3, 'each change on record';
    ok !eval { admin(undef, 'client', 'set', $client, 'overflow_after_minutes', 'x'); 1 }, 'baton-admin refuses words';
};

subtest 'an anonymous visitor to an overloaded desk gets the overflow page' => sub {
    my $v = Baton::Test::Browser->new;
    my $before = requests();
    my ($r, $csrf, $page) = ask($v, name => 'Olga <O>', question => "Where is <my> parcel?\nIt is late.",
        email => 'olga@example.com');
    is $r->{status}, 200, 'nobody can answer: the overflow page, not the waiting page';
    like $r->{content}, qr/<section class="card narrow" id="overflow"/, 'it is the overflow page';
    like $r->{content}, qr/<p id="overflow-why"[^>]*>Nobody can answer right now\.<\/p>/, 'saying nobody can answer';
    is requests(), $before, 'no request was queued';
    like $r->{content}, qr/<form method="post" action="\/help" id="overflow-message-form">/, 'a message is offered';
    like $r->{content}, qr/id="overflow-name" name="name" [^>]*value="Olga &lt;O&gt;"/, 'with the name typed, escaped';
    like $r->{content}, qr/id="overflow-contact" name="contact" [^>]*value="olga\@example.com"/, 'the e-mail address as the contact';
    like $r->{content}, qr/<textarea id="overflow-question" name="question" required maxlength="2000" rows="4">Where is &lt;my&gt; parcel\?\nIt is late\.<\/textarea>/,
        'and the question';
    like $r->{content}, qr/<p id="overflow-later">Try again later: <a href="\Q$page\E">/, 'or to try later, back on the page';
    unlike $r->{content}, qr/id="callback-form"/, 'no call-back where the client takes no calls';

    my %msg = (csrf => $csrf, site => $key, page => $page, name => 'Olga <O>', contact => 'olga@example.com',
        question => "Where is <my> parcel?\nIt is late.");
    my $form = sub { my %f = (%msg, @_); [map { defined $f{$_} ? ($_ => $f{$_}) : () } sort keys %f] };
    $r = $v->post('/help', form => $form->(name => undef));
    is $r->{status}, 400, 'a message without a name: 400';
    like $r->{content}, qr/A message needs your name/, 'saying so';
    $r = $v->post('/help', form => $form->(contact => 'x' x 255));
    is $r->{status}, 400, 'a contact of 255 characters: 400';
    $r = $v->post('/help', form => $form->(csrf => 'f' x 64));
    is $r->{status}, 403, 'a wrong form token: 403';
    is requests(), $before, 'none of that made a request';

    $r = $v->post('/help', form => $form->());
    my $id = queued_id($r);
    ok $id, 'leaving the message: to the waiting page';
    my $row = Baton::Test::request_row($id);
    is $row->{state}, 'message', 'the request is a message, never queued';
    is $row->{name}, 'Olga <O>', 'with the name';
    is $row->{contact}, 'olga@example.com', 'the contact';
    is $row->{question}, 'Where is <my> parcel?\nIt is late.', 'and the question';
    is_deeply Baton::Test::request_events($id), [qw(created message)], 'archived';
    like $v->get("/wait?r=$id")->{content}, qr/Your message has been passed on to Client \Q$client\E\./, 'the visitor is thanked';

    my $agent = Baton::Test::signed_in_agent(client => $client, name => 'Mona Overflow', state => 'away');
    my $snapshot = $agent->{browser}->console_snapshot;
    my ($entry) = grep { $_->{id} eq $id } @{ $snapshot->{messages} };
    ok $entry, 'the agents find it among the console\'s messages';
    is $entry->{name}, 'Olga <O>', 'with the name';
    is $entry->{question}, "Where is <my> parcel?\nIt is late.", 'and the message';
    ok !(grep { $_->{id} eq $id } @{ $snapshot->{queue} }), 'it is not in the queue';
};

subtest 'or books a time from the overflow page' => sub {
    my $v = Baton::Test::Browser->new;
    my $before = requests();
    my ($r, $csrf, $page) = ask($v, name => 'Sam', question => 'A fitting, please', email => 'sam@example.com');
    is $r->{status}, 200, 'the overflow page';
    like $r->{content}, qr/<form method="post" action="\/help" id="overflow-schedule-form">/, 'offers a time';
    like $r->{content}, qr/<textarea id="overflow-schedule-question" name="question" required maxlength="2000" rows="3">A fitting, please<\/textarea>/,
        'with the question carried';
    like $r->{content}, qr/<script src="\/js\/overflow.js" defer>/, 'and its script for the visitor\'s clock';
    my @tomorrow = gmtime(time + 86400);
    my $date = sprintf '%04d-%02d-%02d', $tomorrow[5] + 1900, $tomorrow[4] + 1, $tomorrow[3];
    my %book = (csrf => $csrf, site => $key, page => $page, name => 'Sam', question => 'A fitting, please',
        email => 'sam@example.com', date => $date, time => '10:30', offset => -120);
    my $form = sub { my %f = (%book, @_); [map { defined $f{$_} ? ($_ => $f{$_}) : () } sort keys %f] };
    $r = $v->post('/help', form => $form->(date => 'tomorrow'));
    is $r->{status}, 400, 'a day that is no date: 400';
    like $r->{content}, qr/Give the date as YYYY-MM-DD and the time as HH:MM\./, 'saying how';
    $r = $v->post('/help', form => $form->(date => '2001-01-01'));
    is $r->{status}, 400, 'a time past: 400';
    $r = $v->post('/help', form => $form->(contact => 'sam@example.com'));
    is $r->{status}, 400, 'a message and a time at once: 400';
    is requests(), $before, 'none of that made a request';
    $r = $v->post('/help', form => $form->());
    my $id = queued_id($r);
    ok $id, 'booking the time: to the waiting page';
    my $row = Baton::Test::request_row($id);
    is $row->{state}, 'scheduled', 'the request is booked, never queued';
    is $row->{scheduled_for}, "$date 08:30:00", 'for 10:30 on the visitor\'s clock, two hours ahead of UTC';
    is $row->{question}, 'A fitting, please', 'with the question';
    is $row->{contact}, 'sam@example.com', 'and the address for the confirmation';
    is_deeply Baton::Test::request_events($id), [qw(created scheduled)], 'archived';
};

subtest 'in the visitor\'s language' => sub {
    my ($r) = ask(Baton::Test::Browser->new, lang => 'fr');
    is $r->{status}, 200, 'a French visitor: the overflow page';
    like $r->{content}, qr/<html lang="fr"/, 'in French';
    my $text = $r->{content};
    utf8::decode($text);
    like $text, qr/Personne ne peut répondre en ce moment\./, 'its words from the French catalogue';
};

subtest 'a level that may skip the overflow page is queued' => sub {
    my $ada = person($client, 'admin');
    my $r = form_post($ada, '/rules', 'level-set', name => 'vip', chat => 1, skip_overflow => 1);
    is $r->{status}, 200, 'the level editor saves a level that may skip the overflow page';
    is sql("SELECT skip_overflow FROM service_level WHERE client_id = $cid AND name = 'vip'")->[0][0], 1, 'stored';
    like $r->{content}, qr/<tr data-level="vip">.*<td class="skip-overflow">skips it<\/td>/, 'and shown';
    is audit_count('level.set', 'level vip', actor => $ada->{email}), 1, 'on record';
    $r = form_post($ada, '/rules', 'level-set', name => 'vip', chat => 1, skip_overflow => 'x');
    is $r->{status}, 400, 'a skip that is neither 0 nor 1: 400';
    admin(undef, 'level', 'set', $client, 'plain', 'chat,message', '--skip-overflow', '0');
    is sql("SELECT skip_overflow FROM service_level WHERE client_id = $cid AND name = 'plain'")->[0][0], 0,
        'baton-admin level set --skip-overflow 0 stores it too';
    admin(undef, 'level', 'set', $client, 'plain', 'chat,message', '--skip-overflow', '1');
    is sql("SELECT skip_overflow FROM service_level WHERE client_id = $cid AND name = 'plain'")->[0][0], 1,
        'and 1';
    admin(undef, 'level', 'set', $client, 'plain', 'chat,message');
    admin(undef, 'rule', 'add', $client, 'VIP topic', 'topic = vip', '0', 'vip');

    my ($q) = ask(Baton::Test::Browser->new, topic => 'vip');
    my $id = queued_id($q);
    ok $id, 'a visitor the rules make vip goes to the queue, overloaded desk or not';
    is Baton::Test::request_row($id)->{state}, 'waiting', 'waiting';
    my ($plain) = ask(Baton::Test::Browser->new, topic => 'shoes');
    is $plain->{status}, 200, 'while another visitor still gets the overflow page';
};

subtest 'a busy desk: an estimate past the minutes' => sub {
    # One agent available, at their maximum with a conversation: busy.
    my ($bkey, $bclient) = Baton::Test::new_help_site(ask_question => 0);
    my $agent = Baton::Test::signed_in_agent(client => $bclient, name => 'Bea Busy');
    sql("UPDATE agent SET max_sessions = 1 WHERE email = '$agent->{email}'");
    my $taken = Baton::Test::Browser->new->ask_help($bkey);
    ok wait_for_state($taken, 'offered'), 'the first visitor is offered to the only agent';
    my $r = $agent->{browser}->post('/accept', form => [csrf => $agent->{browser}->session_csrf, request => $taken]);
    is $r->{status}, 303, 'who takes them: the desk is busy now';
    admin(undef, 'client', 'set', $bclient, 'overflow_after_minutes', '1440');
    $r = Baton::Test::Browser->new->click_help($bkey);
    ok queued_id($r), 'a wait within the minutes: queued (a site that asks no question goes straight in)';
    admin(undef, 'client', 'set', $bclient, 'overflow_after_minutes', '1');
    $r = Baton::Test::Browser->new->click_help($bkey);
    is $r->{status}, 200, 'an estimate past 1 minute: the overflow page';
    like $r->{content}, qr/<p id="overflow-why"[^>]*>The wait is long right now: <strong id="estimate">/, 'saying how long the wait is';
};

sub wait_for_state {
    my ($id, $state) = @_;
    return Baton::Test::wait_for("request $id $state", 30, sub { (Baton::Test::request_row($id)->{state} // '') eq $state });
}

subtest 'with the setting off again, everyone is queued' => sub {
    admin(undef, 'client', 'set', $client, 'overflow_after_minutes', '0');
    my ($r) = ask(Baton::Test::Browser->new, topic => 'shoes');
    my $id = queued_id($r);
    ok $id, 'queued';
    is Baton::Test::request_row($id)->{state}, 'waiting', 'waiting';
};

done_testing;
