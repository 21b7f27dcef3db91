#!/usr/bin/perl
# The Agents page (cgi-bin/agents.c): a client's administrator invites
# people (a link to set the password, single use, expiring), changes roles
# and capacity, makes password reset links, deactivates and reactivates.
# Each action: the allowed role, the refused roles, another client's
# people, bad input, and its audit row.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql new_client random_name);
use Baton::Admin qw(person operator reseller form_post json_post audit_count link_token set_password_by_link);

my $s = stack();
my $client = new_client();
my $other = new_client();
my $ada = person($client, 'admin', name => 'Ada Admin');
my $sue = person($client, 'supervisor');
my $agnes = person($client, 'agent', name => 'Agnes Agent');
my $bob = person($other, 'admin', name => 'Bob Other');
my $bea = person($other, 'agent');

sub fresh { Baton::Test::Browser->new }
sub id_of { my ($email) = @_; sql("SELECT id FROM agent WHERE email = '$email'")->[0][0] }
sub field { my ($email, $col) = @_; sql("SELECT $col FROM agent WHERE email = '$email'")->[0][0] }

# ---- the page ------------------------------------------------------------------

my $res = $ada->{browser}->get('/agents');
is $res->{status}, 200, 'an administrator opens the Agents page';
like $res->{content}, qr{<tr data-agent="$agnes->{id}" class="">.*?<strong class="name">Agnes Agent</strong>}s, 'listing the client\'s people';
unlike $res->{content}, qr/\Q$bea->{email}\E/, 'and nobody of another client';
for my $who ([$sue, 'a supervisor'], [$agnes, 'an agent'], [$bob, 'another client\'s administrator']) {
    my $r = $who->[0]{browser}->get("/agents?client=$client");
    isnt $r->{status}, 200, "$who->[1] cannot open it for this client ($r->{status})";
    unlike $r->{content}, qr/\Q$agnes->{email}\E/, 'and sees nobody of it';
}
is $sue->{browser}->get('/agents')->{status}, 403, 'a supervisor: 403';
is $bob->{browser}->get("/agents?client=$client")->{status}, 404, 'another client by name: 404, as for a client that does not exist';
is fresh()->get('/agents')->{status}, 303, 'not signed in: to the sign-in page';

# ---- invite ----------------------------------------------------------------------

my $new_email = random_name('new') . '@example.com';
$res = form_post($ada, '/agents', 'invite', name => 'Nina New', email => uc $new_email, role => 'supervisor');
is $res->{status}, 200, 'an administrator invites someone';
like $res->{content}, qr{<p class="notice card wide" id="notice" role="status">Nina New is invited\. Send them this link}, 'saying so';
my $token = link_token($res->{content});
ok $token, 'with the link to set a password, shown once';
like $res->{content}, qr{<input type="text" id="handover-link" class="copy" readonly value="http://[^"]+/password\?t=$token">}, 'ready to copy, with the full address';
is $res->{posted}{status}, 303, 'the form\'s answer sends the browser back to the page (a reload sends nothing again)';
unlike $ada->{browser}->get('/agents')->{content}, qr/handover-link|is invited\./, 'which shows the link once only';
is field($new_email, 'role'), 'supervisor', 'the account exists with its role (the address lower-cased)';
is field($new_email, "password_hash = ''"), 1, 'and no password yet';
is audit_count('account.invite', $new_email, actor => $ada->{email}), 1, 'the audit log says who invited whom';
is fresh()->sign_in($new_email, '')->{status}, 400, 'nobody signs in without a password';

$res = fresh()->get("/password?t=$token");
is $res->{status}, 200, 'the link opens the page to set a password';
like $res->{content}, qr/Nina New, you are invited as <strong>supervisor<\/strong>/, 'naming the person and role';
is $res->{headers}{'referrer-policy'}, 'no-referrer', 'the page does not pass its address on';
$res = set_password_by_link($token, 'short');
is $res->{status}, 400, 'a short password is refused';
like $res->{content}, qr/A password needs at least 10 characters\./, 'saying why';
$res = set_password_by_link($token, 'long-enough-1', 'long-enough-2');
is $res->{status}, 400, 'two different passwords are refused';
like $res->{content}, qr/The two passwords differ/, 'saying so';
$res = set_password_by_link($token, 'nina-password');
is $res->{status}, 303, 'a good password is set';
is $res->{headers}{location}, '/signin?password_set=1', 'and leads to the sign-in page';
my $nina = fresh();
is $nina->sign_in($new_email, 'nina-password')->{status}, 303, 'the invited person signs in';
is set_password_by_link($token, 'another-password')->{status}, 404, 'the link works once';
like fresh()->get("/password?t=$token")->{content}, qr/This link is not valid any more/, 'and says so afterwards';
is fresh()->get('/password?t=' . ('0' x 64))->{status}, 404, 'an unknown link: 404';
is fresh()->get('/password?t=nonsense')->{status}, 404, 'a malformed one too';
is audit_count('account.password', $new_email, actor => $new_email), 1, 'setting the password is on record, as the person';

for my $bad ([[name => 'X', email => 'not-an-address', role => 'agent'], 400, qr/must be an e-mail address/, 'a bad e-mail address'],
    [[name => '', email => random_name('x') . '@example.com', role => 'agent'], 400, qr/The field &#39;name&#39; is required/, 'no name'],
    [[name => 'X', email => random_name('x') . '@example.com', role => 'boss'], 400, qr/The role &#39;boss&#39; must be/, 'an unknown role'],
    [[name => 'X', email => random_name('x') . '@example.com', role => 'operator'], 403, qr/Only the Baton operator makes operator/, 'an operator, made by an administrator'],
    [[name => 'X', email => $bea->{email}, role => 'agent'], 409, qr/Someone already has the e-mail address/, 'an address in use (in any client)']) {
    my ($fields, $status, $message, $what) = @$bad;
    $res = form_post($ada, '/agents', 'invite', @$fields);
    is $res->{status}, $status, "$what: $status";
    like $res->{content}, $message, 'saying why';
}
like form_post($ada, '/agents', 'invite', name => 'Kept <Name>', email => 'bad')->{content},
    qr/id="invite-name" name="name" required maxlength="100" value="Kept &lt;Name&gt;"/, 'the typed fields are kept (escaped)';
is form_post($sue, '/agents', 'invite', name => 'X', email => random_name('x') . '@example.com', role => 'agent')->{status}, 403, 'a supervisor may not invite';
is form_post($agnes, '/agents', 'invite', name => 'X', email => random_name('x') . '@example.com', role => 'agent')->{status}, 403, 'nor an agent';
is form_post($bob, '/agents', 'invite', client => $client, name => 'X', email => random_name('x') . '@example.com')->{status}, 404, 'nor another client\'s administrator, into this client';

# ---- CSRF and origin --------------------------------------------------------------

$res = $ada->{browser}->post('/agents', form => [do => 'capacity', agent => $agnes->{id}, capacity => 4, csrf => 'f' x 64],
    headers => { Origin => $s->{URL} });
is $res->{status}, 403, 'a wrong CSRF token: 403';
$res = $ada->{browser}->post('/agents', form => [do => 'capacity', agent => $agnes->{id}, capacity => 4,
    csrf => Baton::Admin::csrf($ada)], headers => { Origin => 'https://evil.example' });
is $res->{status}, 403, 'another site\'s form: 403';
is field($agnes->{email}, 'max_sessions'), 1, 'and nothing changed';

# ---- role ---------------------------------------------------------------------------

$res = form_post($ada, '/agents', 'role', agent => $agnes->{id}, role => 'supervisor');
is $res->{status}, 200, 'an administrator changes a role';
like $res->{content}, qr/Agnes Agent is now a supervisor\./, 'saying so';
is field($agnes->{email}, 'role'), 'supervisor', 'stored';
is audit_count('account.role', $agnes->{email}), 1, 'on record';
form_post($ada, '/agents', 'role', agent => $agnes->{id}, role => 'agent');
is form_post($ada, '/agents', 'role', agent => $agnes->{id}, role => 'operator')->{status}, 400, 'not to operator';
is form_post($ada, '/agents', 'role', agent => $bea->{id}, role => 'admin')->{status}, 404, 'not another client\'s agent';
is field($bea->{email}, 'role'), 'agent', 'who keeps her role';
is form_post($sue, '/agents', 'role', agent => $agnes->{id}, role => 'admin')->{status}, 403, 'a supervisor may not change roles';
is form_post($agnes, '/agents', 'role', agent => $agnes->{id}, role => 'admin')->{status}, 403, 'an agent may not make herself an administrator';
$res = form_post($ada, '/agents', 'role', agent => $ada->{id}, role => 'agent');
is $res->{status}, 409, 'the only administrator cannot step down';
like $res->{content}, qr/only active administrator/, 'saying why';

# ---- capacity ------------------------------------------------------------------------

$res = form_post($ada, '/agents', 'capacity', agent => $agnes->{id}, capacity => 3);
is $res->{status}, 200, 'an administrator sets how many sessions an agent takes at once';
like $res->{content}, qr/Agnes Agent takes up to 3 sessions at once\./, 'saying so';
is field($agnes->{email}, 'max_sessions'), 3, 'stored';
like $res->{content}, qr/id="capacity-$agnes->{id}" name="capacity" min="1" max="50" value="3"/, 'and shown';
is audit_count('account.capacity', $agnes->{email}), 1, 'on record';
for my $bad (0, 51, 'three', '2.5') {
    $res = form_post($ada, '/agents', 'capacity', agent => $agnes->{id}, capacity => $bad);
    is $res->{status}, 400, "capacity '$bad': 400";
    like $res->{content}, qr/The field &#39;capacity&#39; must be a whole number from 1 to 50\./, 'saying the range';
}
is field($agnes->{email}, 'max_sessions'), 3, 'unchanged by bad values';
is form_post($bob, '/agents', 'capacity', agent => $agnes->{id}, capacity => 9)->{status}, 404, 'another client\'s administrator: 404';
is form_post($sue, '/agents', 'capacity', agent => $agnes->{id}, capacity => 9)->{status}, 403, 'a supervisor: 403';
is form_post($ada, '/agents', 'capacity', agent => 999999999, capacity => 2)->{status}, 404, 'nobody by that id: 404';
my ($json_res, $json) = json_post($ada, '/agents', 'capacity', agent => $agnes->{id}, capacity => 2);
is $json_res->{status}, 200, 'a script may ask for JSON';
is $json->{message}, 'Agnes Agent takes up to 2 sessions at once.', 'and gets the message';

# ---- password reset link -------------------------------------------------------------

$res = form_post($ada, '/agents', 'reset', agent => $agnes->{id});
is $res->{status}, 200, 'an administrator makes a password reset link';
my $reset = link_token($res->{content});
ok $reset, 'shown once';
is audit_count('account.reset', $agnes->{email}), 1, 'on record';
is $agnes->{browser}->get('/console')->{status}, 200, 'the old password\'s session still works until the link is used';
is set_password_by_link($reset, 'agnes-new-password')->{status}, 303, 'the link sets a new password';
is $agnes->{browser}->get('/console')->{status}, 303, 'which signs out the sessions of the old one';
is fresh()->sign_in($agnes->{email}, $agnes->{password})->{status}, 403, 'the old password is gone';
$agnes->{browser} = fresh();
is $agnes->{browser}->sign_in($agnes->{email}, 'agnes-new-password', state => 'away')->{status}, 303, 'the new one works';
delete $agnes->{csrf};
my $first = link_token(form_post($ada, '/agents', 'reset', agent => $agnes->{id})->{content});
my $second = link_token(form_post($ada, '/agents', 'reset', agent => $agnes->{id})->{content});
is set_password_by_link($first, 'agnes-third-pass')->{status}, 404, 'a newer link replaces an older one';
sql("UPDATE account_token SET expires_at = NOW(3) - INTERVAL 1 SECOND WHERE agent_id = $agnes->{id} AND used_at IS NULL");
is set_password_by_link($second, 'agnes-third-pass')->{status}, 404, 'an expired link is refused';
is form_post($bob, '/agents', 'reset', agent => $agnes->{id})->{status}, 404, 'another client\'s administrator cannot reset her password';
is form_post($sue, '/agents', 'reset', agent => $agnes->{id})->{status}, 403, 'nor a supervisor';

# ---- deactivate, reactivate -------------------------------------------------------------

$res = form_post($ada, '/agents', 'deactivate', agent => $agnes->{id});
is $res->{status}, 200, 'an administrator deactivates an agent';
is field($agnes->{email}, 'disabled'), 1, 'stored';
is $agnes->{browser}->get('/console')->{status}, 303, 'who is signed out at once';
is field($agnes->{email}, 'state'), 'offline', 'and shown as signed out';
like fresh()->sign_in($agnes->{email}, 'agnes-new-password')->{content}, qr/This agent account is disabled/, 'and cannot sign in';
is audit_count('account.deactivate', $agnes->{email}), 1, 'on record';
is form_post($ada, '/agents', 'deactivate', agent => $ada->{id})->{status}, 409, 'an administrator cannot deactivate herself';
is form_post($bob, '/agents', 'activate', agent => $agnes->{id})->{status}, 404, 'another client\'s administrator cannot reactivate her';
is form_post($ada, '/agents', 'activate', agent => $agnes->{id})->{status}, 200, 'her administrator can';
is fresh()->sign_in($agnes->{email}, 'agnes-new-password')->{status}, 303, 'she signs in again';
is form_post($bob, '/agents', 'deactivate', agent => $bea->{id})->{status}, 200, 'each administrator manages their own people';

# ---- rename ------------------------------------------------------------------------------

is form_post($ada, '/agents', 'rename', agent => $agnes->{id}, name => 'Agnes Renamed')->{status}, 200, 'an administrator renames someone';
is field($agnes->{email}, 'display_name'), 'Agnes Renamed', 'stored';
is form_post($bob, '/agents', 'rename', agent => $agnes->{id}, name => 'Hacked')->{status}, 404, 'not another client\'s';
is form_post($ada, '/agents', 'rename', agent => $agnes->{id}, name => "two\nlines")->{status}, 400, 'a name is one line';

# ---- the operator, on any client; a reseller, on none's people -------------------------------

my $olga = operator();
$res = form_post($olga, '/agents', 'capacity', client => $client, agent => $agnes->{id}, capacity => 5);
is $res->{status}, 200, 'the operator manages any client\'s people';
is field($agnes->{email}, 'max_sessions'), 5, 'stored';
is sql("SELECT actor_role FROM audit_log WHERE action = 'account.capacity' AND actor = '$olga->{email}'")->[0][0], 'operator', 'on record as the operator';
like $olga->{browser}->get("/agents?client=$client")->{content}, qr/name="client" value="\Q$client\E"/, 'the forms carry the client the operator chose';
my $rex = reseller();
is $rex->{browser}->get("/agents?client=$client")->{status}, 403, 'a reseller does not see any client\'s desk';
is form_post($rex, '/agents', 'capacity', agent => $agnes->{id}, capacity => 7)->{status}, 403, 'nor manages anyone\'s people';
is form_post($ada, '/agents', 'capacity', agent => $rex->{id}, capacity => 2)->{status}, 404, 'an administrator cannot touch a reseller\'s account';

is form_post($ada, '/agents', 'nonsense')->{status}, 400, 'an unknown form: 400';
done_testing;
