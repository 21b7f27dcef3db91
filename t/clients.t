#!/usr/bin/perl
# The Clients page (cgi-bin/clients.c): the operator and resellers create a
# client with its first administrator (a link to set the password), see
# this month's use; the operator suspends, resumes and deletes clients with
# all their data. Each action: allowed and refused roles, another reseller's
# clients, bad input, the audit row; deletion leaves no row of the client
# in any table.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql admin new_client random_name);
sub open_channel { Baton::Test::open_channel(@_) }
use Baton::Admin qw(person operator reseller form_post audit_count link_token set_password_by_link);

my $s = stack();
sub fresh { Baton::Test::Browser->new }
my $olga = operator();
my $rex = reseller();
my $rita = reseller();   # another reseller
my $existing = new_client();
my $ada = person($existing, 'admin');

# ---- the operator creates a client with its administrator ---------------------------

my $slug = random_name('cl');
my $admin_email = random_name('adm') . '@example.com';
my $res = form_post($olga, '/clients', 'create', name => 'New & Co', slug => $slug, admin_name => 'Ann Admin',
    admin_email => $admin_email, reseller => $rex->{reseller});
is $res->{status}, 200, 'the operator creates a client';
like $res->{content}, qr/Client \Q$slug\E is created\. Send Ann Admin this link/, 'saying so';
my $token = link_token($res->{content});
ok $token, 'with the administrator\'s link';
like $res->{content}, qr{<tr data-client="\Q$slug\E" class="">\s*<td><strong class="name">New &amp; Co</strong>}, 'listed, the name escaped';
is sql("SELECT role FROM agent a JOIN client c ON c.id = a.client_id WHERE c.slug = '$slug'")->[0][0], 'admin', 'its first administrator';
is audit_count('client.create', "client $slug", actor => $olga->{email}), 1, 'on record';
is audit_count('account.invite', $admin_email), 1, 'the invitation too';
is set_password_by_link($token, 'ann-password-1')->{status}, 303, 'the administrator sets a password';
my $ann = fresh();
is $ann->sign_in($admin_email, 'ann-password-1')->{status}, 303, 'and signs in';
like $ann->get('/agents')->{content}, qr/Agents and supervisors <span class="muted">· New &amp; Co<\/span>/, 'to the new client\'s Agents page';

for my $bad ([[slug => 'Bad Slug', name => 'X'], 400, qr/may hold only a-z, 0-9 and &#39;-&#39;/, 'a bad slug'],
    [[slug => '', name => 'X'], 400, qr/The field &#39;slug&#39; is required/, 'no slug'],
    [[slug => random_name('x'), name => ''], 400, qr/The field &#39;name&#39; is required/, 'no name'],
    [[slug => $slug, name => 'Again'], 409, qr/exists already/, 'a slug in use'],
    [[slug => random_name('x'), name => 'X', reseller => 'no-such-reseller'], 404, qr/There is no reseller/, 'an unknown reseller'],
    [[slug => random_name('x'), name => 'X', admin_name => 'Y', admin_email => 'nope'], 400, qr/must be an e-mail address/, 'a bad administrator\'s address']) {
    my ($fields, $status, $message, $what) = @$bad;
    $res = form_post($olga, '/clients', 'create', @$fields);
    is $res->{status}, $status, "$what: $status";
    like $res->{content}, $message, 'saying why';
}
my $bad_slug = random_name('x');
form_post($olga, '/clients', 'create', slug => $bad_slug, name => 'X', admin_name => 'Y', admin_email => 'nope');
is sql("SELECT COUNT(*) FROM client WHERE slug = '$bad_slug'")->[0][0], 0, 'a refused administrator leaves no client behind';

# ---- a reseller creates its own clients and sees only them ---------------------------

my $rslug = random_name('rc');
$res = form_post($rex, '/clients', 'create', name => 'Rex Client', slug => $rslug, admin_name => 'Ron', admin_email => random_name('ron') . '@example.com');
is $res->{status}, 200, 'a reseller creates a client';
ok link_token($res->{content}), 'with its administrator\'s link';
is sql("SELECT r.slug FROM client_terms t JOIN reseller r ON r.id = t.reseller_id JOIN client c ON c.id = t.client_id WHERE c.slug = '$rslug'")->[0][0],
    $rex->{reseller}, 'which is the reseller\'s';
$res = form_post($rex, '/clients', 'create', name => 'No admin', slug => random_name('x'));
is $res->{status}, 400, 'a reseller\'s client needs its administrator';
$res = form_post($rex, '/clients', 'create', name => 'Sneaky', slug => random_name('x'), admin_name => 'S',
    admin_email => random_name('s') . '@example.com', reseller => $rita->{reseller});
my $sneaky = sql("SELECT r.slug FROM client c JOIN client_terms t ON t.client_id = c.id JOIN reseller r ON r.id = t.reseller_id WHERE c.name = 'Sneaky'")->[0][0];
is $sneaky, $rex->{reseller}, 'a reseller cannot give a client to another reseller';
$res = $rex->{browser}->get('/clients');
is $res->{status}, 200, 'a reseller opens its Clients page';
like $res->{content}, qr/data-client="\Q$rslug\E"/, 'listing its clients';
like $res->{content}, qr/data-client="\Q$slug\E"/, 'including the one the operator gave it';
unlike $res->{content}, qr/data-client="\Q$existing\E"/, 'and no other client';
unlike $rita->{browser}->get('/clients')->{content}, qr/data-client="\Q$rslug\E"/, 'another reseller does not see them';
unlike $res->{content}, qr/name="do" value="suspend"|name="do" value="delete"/, 'a reseller neither suspends nor deletes';
is $ada->{browser}->get('/clients')->{status}, 403, 'a client\'s administrator has no Clients page';
is form_post($ada, '/clients', 'create', slug => random_name('x'), name => 'X')->{status}, 403, 'nor creates clients';

# ---- this month's use -------------------------------------------------------------------

my $busy = new_client();
admin(undef, 'client', 'reseller', $busy, $rex->{reseller});
open_channel(client => $busy);
like $rex->{browser}->get('/clients')->{content}, qr{<tr data-client="\Q$busy\E".*?<td class="num sessions">1</td>}s, 'a session this month shows in the client\'s use';

# ---- suspend and resume ---------------------------------------------------------------------

my $victim = new_client();
my $vera = person($victim, 'agent', state => 'available');
my ($key) = Baton::Test::new_direct_site($victim);
is $vera->{browser}->get('/console')->{status}, 200, 'the client\'s agent works';
is form_post($rex, '/clients', 'suspend', slug => $victim)->{status}, 403, 'a reseller cannot suspend a client that is not its own';
admin(undef, 'client', 'reseller', $victim, $rex->{reseller});
is form_post($rex, '/clients', 'suspend', slug => $victim)->{status}, 403, 'nor one of its own: suspension is the operator\'s';
$res = form_post($olga, '/clients', 'suspend', slug => $victim);
is $res->{status}, 200, 'the operator suspends a client';
like $res->{content}, qr/Client \Q$victim\E is suspended/, 'saying so';
is $vera->{browser}->get('/console')->{status}, 303, 'its staff are signed out at once';
like fresh()->sign_in($vera->{email}, $vera->{password})->{content}, qr/This desk is suspended/, 'and cannot sign in';
my $v = fresh();
$res = $v->get("/help?site=$key", headers => { Referer => "$s->{URL}/demo/x.html" });
is $res->{status}, 403, 'its help links are refused';
like $res->{content}, qr/This help desk is not available at the moment\./, 'saying so';
is sql("SELECT reason FROM refused_link WHERE site_key = '$key' ORDER BY id DESC LIMIT 1")->[0][0], 'client_suspended', 'and the refusal is recorded';
is audit_count('client.suspend', "client $victim"), 1, 'on record';
is form_post($olga, '/clients', 'resume', slug => $victim)->{status}, 200, 'the operator resumes it';
is fresh()->sign_in($vera->{email}, $vera->{password})->{status}, 303, 'its staff sign in again';
is $v->get("/help?site=$key", headers => { Referer => "$s->{URL}/demo/x.html" })->{status}, 303, 'and its help links work';
is form_post($olga, '/clients', 'suspend', slug => 'no-such-client')->{status}, 404, 'an unknown client: 404';

# ---- delete with all its data ---------------------------------------------------------------

my $doomed = new_client();
my $session = open_channel(client => $doomed);
Baton::Test::chat_say($session->{visitor}, $session->{channel}, 'Hello, is my data kept?');
admin(undef, 'canned', 'add', $doomed, 'Hi', 'Hello!');
admin(undef, 'canned-address', 'add', $doomed, 'Shop', 'http://shop.example/');
admin(undef, 'avatar-rule', 'add', $doomed, 'http://shop.example/', 'owl');
my $doomed_id = sql("SELECT id FROM client WHERE slug = '$doomed'")->[0][0];
my $agent_id = $session->{agent}{id};
sql("INSERT INTO visitor_note (client_id, visitor_id, agent_id, author, body, created_at) VALUES ($doomed_id, $session->{visitor}{id}, $agent_id, 'A', 'note', NOW(3))");
sql("INSERT INTO opening_hours (client_id, weekday, opens, closes) VALUES ($doomed_id, 0, '09:00', '17:00')");
# A call and the replay's samples of that session (schema 140).
my ($channel_db, $participant_db) = @{ sql("SELECT ch.id, p.id FROM channel ch JOIN participant p ON p.channel_id = ch.id WHERE ch.public_id = '$session->{channel}' LIMIT 1")->[0] };
sql("INSERT INTO media_call (channel_id, client_id, started_by, media, state, started_at) VALUES ($channel_db, $doomed_id, $participant_db, 'audio', 'ended', NOW(3))");
my $call = sql("SELECT MAX(id) FROM media_call WHERE channel_id = $channel_db")->[0][0];
sql("INSERT INTO media_call_member (call_id, participant_id, state) VALUES ($call, $participant_db, 'left')");
sql("INSERT INTO archive_sample (channel_id, at, participant_id, kind, x, y) VALUES ($channel_db, NOW(3), $participant_db, 'pointer', 1, 2)");
sql("INSERT INTO sample_clock (participant_id, kind, at) VALUES ($participant_db, 'pointer', NOW(3))");
# The call centre's (schema 150, 151): its telephony settings and calling
# hours, a desk phone, a phone call with its events, a command and a voice
# message, a call-us code.
admin(undef, 'phone', 'set', $doomed, 'calling_hours', 'mon-fri 09:00-17:00');
admin(undef, 'agent', 'phone', $session->{agent}{email});
sql("INSERT INTO phone_call (public_id, client_id, agent_id, direction, number, state, created_at) VALUES (REPEAT('d', 32), $doomed_id, $agent_id, 'inbound', '+12025550199', 'ended', NOW(3))");
my $phone_call = sql("SELECT id FROM phone_call WHERE public_id = REPEAT('d', 32)")->[0][0];
sql("INSERT INTO call_event (call_id, kind, at) VALUES ($phone_call, 'ended', NOW(3))");
sql("INSERT INTO call_command (call_id, agent_id, command, created_at) VALUES ($phone_call, $agent_id, 'hangup', NOW(3))");
sql("INSERT INTO voice_message (public_id, client_id, call_id, seconds, audio, created_at) VALUES (REPEAT('v', 32), $doomed_id, $phone_call, 1, 'RIFF', NOW(3))");
sql("INSERT INTO call_code (client_id, code, visitor_id, site_id, created_at, expires_at) VALUES ($doomed_id, '123456', $session->{visitor}{id}, (SELECT id FROM site WHERE client_id = $doomed_id LIMIT 1), NOW(3), NOW(3) + INTERVAL 1 HOUR)");
$res = form_post($olga, '/clients', 'delete', slug => $doomed, confirm => 'wrong');
is $res->{status}, 400, 'deleting without typing the slug: 400';
like $res->{content}, qr/type its slug/, 'saying what to do';
is form_post($rex, '/clients', 'delete', slug => $doomed, confirm => $doomed)->{status}, 403, 'a reseller cannot delete a client';
is form_post($ada, '/clients', 'delete', slug => $doomed, confirm => $doomed)->{status}, 403, 'nor an administrator';
$res = form_post($olga, '/clients', 'delete', slug => $doomed, confirm => $doomed);
is $res->{status}, 200, 'the operator deletes the client';
like $res->{content}, qr/Client \Q$doomed\E and all its data are deleted\./, 'saying so';
is sql("SELECT COUNT(*) FROM client WHERE slug = '$doomed'")->[0][0], 0, 'the client is gone';
# Every table with a column naming a client, agent, channel, site or request
# of the deleted client must hold none of its rows.
for my $col (qw(agent_id client_id)) {
    my $tables = sql("SELECT table_name FROM information_schema.columns WHERE table_schema = 'baton' AND column_name = '$col'");
    for my $t (map { $_->[0] } @$tables) {
        next if $t eq 'audit_log';   # the record of the deletion stays
        my $where = $col eq 'client_id' ? "client_id = $doomed_id" : $col eq 'agent_id' ? "agent_id = $agent_id" : undef;
        next unless $where;
        my $n = sql("SELECT COUNT(*) FROM `$t` WHERE $where")->[0][0];
        is $n, 0, "no row of the deleted client in $t.$col";
    }
}
# And nothing that hangs off its sessions: any table with a channel_id or a
# participant_id holds none whose channel or participant is gone.
for my $ref (['channel_id', 'channel'], ['participant_id', 'participant']) {
    my ($col, $parent) = @$ref;
    for my $t (map { $_->[0] } @{ sql("SELECT table_name FROM information_schema.columns WHERE table_schema = 'baton' AND column_name = '$col'") }) {
        next if $t eq $parent;
        is sql("SELECT COUNT(*) FROM `$t` x LEFT JOIN `$parent` y ON y.id = x.$col WHERE x.$col IS NOT NULL AND y.id IS NULL")->[0][0], 0,
            "no row of $t is left without its $parent";
    }
}
is sql("SELECT COUNT(*) FROM media_call_member m LEFT JOIN media_call c ON c.id = m.call_id WHERE c.id IS NULL")->[0][0], 0, 'no call member';
for my $t (qw(call_event call_command)) {
    is sql("SELECT COUNT(*) FROM $t x LEFT JOIN phone_call c ON c.id = x.call_id WHERE c.id IS NULL")->[0][0], 0, "no $t of a deleted phone call";
}
is sql("SELECT COUNT(*) FROM site_domain d LEFT JOIN site s ON s.id = d.site_id WHERE s.id IS NULL")->[0][0], 0, 'no domain';
is sql("SELECT COUNT(*) FROM request_refusal f LEFT JOIN help_request r ON r.id = f.request_id WHERE r.id IS NULL")->[0][0], 0, 'no refusal';
is audit_count('client.delete', "client $doomed"), 1, 'the deletion is on record';
is $session->{agent}{browser}->get('/console')->{status}, 303, 'its agents are signed out for good';
my $house = sql("SELECT slug FROM client WHERE house = 1 LIMIT 1")->[0];
if ($house) {
    is form_post($olga, '/clients', 'delete', slug => $house->[0], confirm => $house->[0])->{status}, 409, 'the operator\'s own client cannot be deleted';
}
done_testing;
