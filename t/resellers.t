#!/usr/bin/perl
# The Resellers page (cgi-bin/resellers.c), the operator's alone: add a
# reseller, change its share (from this month on), invite an account it
# signs in with. Refused roles, bad input, audit rows.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql admin new_client random_name);
use Baton::Admin qw(person operator reseller form_post audit_count link_token set_password_by_link);

my $olga = operator();
my $ada = person(new_client(), 'admin');
my $rex = reseller();

my $slug = random_name('rs');
my $res = form_post($olga, '/resellers', 'create', slug => $slug, name => 'Partner <One>', share => '12.5');
is $res->{status}, 200, 'the operator adds a reseller';
like $res->{content}, qr/reseller \Q$slug\E created with a share of 12\.50 %/, 'saying so';
like $res->{content}, qr{<tr data-reseller="\Q$slug\E">\s*<td><strong>Partner &lt;One&gt;</strong>}, 'listed, escaped';
is audit_count('reseller.create', "reseller $slug", actor => $olga->{email}), 1, 'on record';
for my $bad ([[slug => $slug, name => 'X', share => '10'], 409, qr/exists already/, 'a slug in use'],
    [[slug => random_name('x'), name => 'X', share => '101'], 400, qr/The share is a percentage from 0 to 100/, 'a share over 100'],
    [[slug => random_name('x'), name => 'X', share => 'ten'], 400, qr/The share is a percentage/, 'words'],
    [[slug => 'none', name => 'X', share => '1'], 400, qr/&#39;none&#39; is not a reseller/, '"none"'],
    [[slug => 'Bad!', name => 'X', share => '1'], 400, qr/may hold only a-z/, 'a bad slug']) {
    my ($fields, $status, $message, $what) = @$bad;
    $res = form_post($olga, '/resellers', 'create', @$fields);
    is $res->{status}, $status, "$what: $status";
    like $res->{content}, $message, 'saying why';
}

$res = form_post($olga, '/resellers', 'share', slug => $slug, share => '15');
is $res->{status}, 200, 'the operator changes the share';
like $res->{content}, qr/The share of \Q$slug\E is 15\.00 % from this month on\./, 'from this month on';
is sql("SELECT COUNT(*) FROM reseller_share s JOIN reseller r ON r.id = s.reseller_id WHERE r.slug = '$slug'")->[0][0], 2, 'the old share is kept in the history';
is audit_count('reseller.share', "reseller $slug"), 1, 'on record';
is form_post($olga, '/resellers', 'share', slug => $slug, share => '-1')->{status}, 400, 'a negative share: 400';
is form_post($olga, '/resellers', 'share', slug => 'no-such', share => '1')->{status}, 404, 'an unknown reseller: 404';

my $email = random_name('acct') . '@example.com';
$res = form_post($olga, '/resellers', 'invite', slug => $slug, name => 'Pat Partner', email => $email);
is $res->{status}, 200, 'the operator invites an account for the reseller';
my $token = link_token($res->{content});
ok $token, 'with its link';
is sql("SELECT a.role FROM agent a JOIN reseller r ON r.id = a.reseller_id WHERE a.email = '$email' AND r.slug = '$slug'")->[0][0], 'reseller', 'a reseller account of that reseller';
is sql("SELECT c.house FROM agent a JOIN client c ON c.id = a.client_id WHERE a.email = '$email'")->[0][0], 1, 'kept in the operator\'s own client';
set_password_by_link($token, 'pat-password-1');
my $pat = Baton::Test::Browser->new;
my $signin = $pat->sign_in($email, 'pat-password-1');
is $signin->{headers}{location}, '/clients', 'the reseller signs in to its clients';
is $pat->get('/console')->{headers}{location}, '/clients', 'a reseller has no console';
like $pat->get('/clients')->{content}, qr{<a href="/statement">Statements</a>}, 'and reaches its statements from the top bar';
is sql("SELECT state FROM agent WHERE email = '$email'")->[0][0], 'offline', 'a reseller never takes visitors';
is $pat->post('/state', form => [csrf => Baton::Test::csrf_from($pat->get('/profile')->{content}), state => 'available'],
    headers => { Origin => Baton::Test::stack()->{URL} })->{status}, 403, 'not even by asking';

for my $who ([$ada, 'a client\'s administrator'], [$rex, 'a reseller']) {
    is $who->[0]{browser}->get('/resellers')->{status}, 403, "$who->[1] has no Resellers page";
    is form_post($who->[0], '/resellers', 'share', slug => $slug, share => '99')->{status}, 403, "$who->[1] cannot change a share";
    is form_post($who->[0], '/resellers', 'create', slug => random_name('x'), name => 'X', share => '1')->{status}, 403, "nor add a reseller";
    is form_post($who->[0], '/resellers', 'invite', slug => $slug, name => 'X', email => random_name('x') . '@example.com')->{status}, 403, 'nor invite accounts';
}

# Suspend, resume, remove.
my $client = new_client();
admin(undef, 'client', 'reseller', $client, $slug);
my $pat_b = Baton::Test::Browser->new;
$pat_b->sign_in($email, 'pat-password-1');
is $pat_b->get('/clients')->{status}, 200, 'the reseller works';
$res = form_post($olga, '/resellers', 'suspend', slug => $slug);
is $res->{status}, 200, 'the operator suspends the reseller';
is $pat_b->get('/clients')->{status}, 303, 'its accounts are signed out';
like(Baton::Test::Browser->new->sign_in($email, 'pat-password-1')->{content}, qr/suspended/, 'and cannot sign in');
like $res->{content}, qr{<tr data-reseller="\Q$slug\E">.*?<span class="chip suspended">suspended</span>}s, 'shown as suspended';
is audit_count('reseller.suspend', "reseller $slug"), 1, 'on record';
is form_post($ada, '/resellers', 'resume', slug => $slug)->{status}, 403, 'an administrator cannot resume it';
is form_post($olga, '/resellers', 'resume', slug => $slug)->{status}, 200, 'the operator resumes it';
is(Baton::Test::Browser->new->sign_in($email, 'pat-password-1')->{status}, 303, 'its accounts sign in again');
$res = form_post($olga, '/resellers', 'remove', slug => $slug, confirm => 'nope');
is $res->{status}, 400, 'removing needs the slug typed';
$res = form_post($olga, '/resellers', 'remove', slug => $slug, confirm => $slug);
is $res->{status}, 200, 'the operator removes the reseller';
unlike $res->{content}, qr/data-reseller="\Q$slug\E"/, 'gone from the list';
is sql("SELECT COUNT(*) FROM agent WHERE email = '$email'")->[0][0], 0, 'its accounts are deleted';
is sql("SELECT t.reseller_id IS NULL FROM client_terms t JOIN client c ON c.id = t.client_id WHERE c.slug = '$client' ORDER BY t.effective_at DESC, t.id DESC LIMIT 1")->[0][0], 1,
    'its client has no reseller from now on';
is sql("SELECT COUNT(*) FROM client_terms t JOIN client c ON c.id = t.client_id JOIN reseller r ON r.id = t.reseller_id WHERE c.slug = '$client' AND r.slug = '$slug'")->[0][0], 1,
    'while the history keeps it';
is $olga->{browser}->get("/statement?reseller=$slug")->{status}, 200, 'its statements can still be read';
is form_post($olga, '/resellers', 'share', slug => $slug, share => '5')->{status}, 404, 'but it takes no more changes';
is audit_count('reseller.remove', "reseller $slug"), 1, 'on record';
done_testing;
