#!/usr/bin/perl
# The visitor panel beside a conversation (lib/visitor_panel.c, in the
# channel page) and the notes staff keep on a visitor (cgi-bin/notes.c):
# what staff see and visitors never do, what the administrator's choice of
# fields hides, and notes kept per client.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql admin new_client random_name);

my $s = stack();
my $client = new_client();
my ($key) = Baton::Test::new_help_site(client => $client, domains => ['127.0.0.1']);
my $agent = Baton::Test::signed_in_agent(client => $client, name => 'Nora Notes');
my $v = Baton::Test::Browser->new;
# An earlier session of the same visitor, then today's, asked with a question.
sub ask {
    my ($question, $page) = @_;
    my $form = $v->get("/help?site=$key", headers => { Referer => $page, 'Accept-Language' => 'fr-CH, fr;q=0.9' });
    my $res = $v->post('/help', form => [csrf => Baton::Test::csrf_from($form->{content}), site => $key,
        page => $page, name => 'Vic <Visitor>', question => $question],
        headers => { Origin => $s->{URL}, 'Accept-Language' => 'fr-CH, fr;q=0.9' });
    my ($request) = ($res->{headers}{location} // '') =~ /r=([0-9a-f]{32})/ or die "help: $res->{status}";
    my $csrf = $agent->{browser}->session_csrf;
    $res = $agent->{browser}->post('/accept', form => [csrf => $csrf, request => $request]);
    my ($channel) = ($res->{headers}{location} // '') =~ /id=([0-9a-f]{32})/ or die "accept: $res->{status}";
    return ($channel, $request);
}
my ($first) = ask('How do I return a teapot?', "$s->{URL}/demo/returns.html");
my $first_token = Baton::Test::channel_token($agent->{browser}->get("/channel?id=$first")->{content});
$agent->{browser}->post('/leave', form => [channel => $first, token => $first_token], headers => { Origin => $s->{URL} });
my ($channel, $request) = ask('Where is my <order>?', "$s->{URL}/demo/orders.html");
sql("UPDATE help_request SET contact = 'vic\@example.com' WHERE public_id = '$request'");

my $html = $agent->{browser}->get("/channel?id=$channel")->{content};
like $html, qr{<details class="visitor-panel" id="visitor-panel" open>}, 'the agent sees the visitor panel beside the conversation';
like $html, qr{<strong id="visitor-name">Vic &lt;Visitor&gt;</strong>}, 'the name, escaped';
like $html, qr{<span class="muted" id="visitor-language"> · fr-CH</span>}, 'the language the browser asks for';
like $html, qr{<dd id="visitor-email"><a href="mailto:vic%40example.com">vic\@example.com</a></dd>}, 'the e-mail address given';
like $html, qr{<dd id="visitor-question">Where is my &lt;order&gt;\?</dd>}, 'the question';
like $html, qr{<dd id="visitor-page" class="url">\Q$s->{URL}\E/demo/orders\.html</dd>}, 'the page asked from';
like $html, qr{<ol class="trail" id="visitor-trail"><li><time>[^<]+</time> <span class="url">\Q$s->{URL}\E/demo/returns\.html</span></li></ol>}, 'the pages asked from before';
like $html, qr{<ul class="earlier" id="visitor-sessions"><li><a href="/session\?id=$first"}, 'the earlier session, linked to its record';
like $html, qr{<dd id="visitor-visits">2 }, 'the visits';
like $html, qr{<dd id="visitor-priority">0</dd>}, 'the priority';

my $vtoken;
my $vhtml = $v->get("/channel?id=$channel")->{content};
unlike $vhtml, qr/visitor-panel|vic\@example\.com/, 'the visitor never sees the panel';

# Notes.
my $csrf = $agent->{browser}->session_csrf;
my $res = $agent->{browser}->post('/notes', form => [csrf => $csrf, channel => $channel, text => "Prefers <e-mail>\nCalls on Mondays"],
    headers => { Accept => 'application/json', Origin => $s->{URL} });
is $res->{status}, 200, 'the agent adds a note';
like $res->{content}, qr/^\{"note":\{"id":\d+,"author":"Nora Notes"\}\}/, 'answered with the note';
like $agent->{browser}->get("/channel?id=$channel")->{content}, qr{<span class="muted">Nora Notes, [^<]+ UTC:</span> <span class="body">Prefers &lt;e-mail&gt;\nCalls on Mondays</span>}, 'shown in the panel, escaped';
$res = $agent->{browser}->post('/notes', form => [csrf => $csrf, channel => $channel, text => 'No script'], headers => { Origin => $s->{URL} });
is $res->{status}, 303, 'without JavaScript the form returns to the conversation';
is $res->{headers}{location}, "/channel?id=$channel", 'there';
is $agent->{browser}->post('/notes', form => [csrf => $csrf, channel => $channel, text => "  \n "], headers => { Origin => $s->{URL} })->{status}, 400, 'an empty note: 400';
is $agent->{browser}->post('/notes', form => [channel => $channel, text => 'x'], headers => { Origin => $s->{URL} })->{status}, 400, 'no CSRF token: 400';
my $stranger = Baton::Test::signed_in_agent(state => 'away');
$res = $stranger->{browser}->post('/notes', form => [csrf => $stranger->{browser}->session_csrf, channel => $channel, text => 'Mine now'],
    headers => { Origin => $s->{URL} });
is $res->{status}, 404, 'another client\'s agent cannot add a note';
is $v->post('/notes', form => [csrf => 'a' x 64, channel => $channel, text => 'x'], headers => { Origin => $s->{URL} })->{status}, 401, 'nor a visitor';
is sql("SELECT COUNT(*) FROM visitor_note n JOIN client c ON c.id = n.client_id WHERE c.slug = '$client'")->[0][0], 2, 'two notes kept';
my $colleague = Baton::Test::signed_in_agent(client => $client, state => 'away');
is $colleague->{browser}->post('/notes', form => [csrf => $colleague->{browser}->session_csrf, channel => $channel, text => 'Seen too'],
    headers => { Origin => $s->{URL} })->{status}, 303, 'a colleague of the client may add one too';

# The administrator chooses what the panel shows.
admin(undef, 'client', 'set', $client, 'panel_fields', 'question');
$html = $agent->{browser}->get("/channel?id=$channel")->{content};
like $html, qr/id="visitor-question"/, 'the question stays';
unlike $html, qr/id="visitor-email"|id="visitor-trail"|id="visitor-notes"|id="visitor-language"/, 'the rest is hidden';
done_testing;
