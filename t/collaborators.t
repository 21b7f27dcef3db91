#!/usr/bin/perl
# The Collaborators page (cgi-bin/collaborators.c, issue 17's accounts for
# people a client lets into its rooms, once only `baton-admin collaborator`):
# the client's administrators list, add (a password typed, or made and shown
# once) and give new passwords; through lib/admin_rooms.c as baton-admin.
# Bad input, other clients and the wrong roles refused; audit rows.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql admin new_client random_name);
use Baton::Admin qw(person form_post audit_count);

my $client = new_client();
my $other = new_client();
my $ada = person($client, 'admin');
my $sue = person($client, 'supervisor');
my $agnes = person($client, 'agent');
my $bob = person($other, 'admin');
sub col { my ($table, $col, $where) = @_; sql("SELECT $col FROM $table WHERE $where")->[0][0] }
my $cid = Baton::Test::client_id($client);

my $login = random_name('chris');
my $res = form_post($ada, '/collaborators', 'add', login => $login, name => 'Chris <Collab>', password => 'collab-secret-1');
is $res->{status}, 200, 'the administrator adds a collaborator';
like $res->{content}, qr{<td class="name">Chris &lt;Collab&gt;</td>}, 'listed, the name escaped';
unlike $res->{content}, qr/collab-secret-1/, 'the typed password is not shown';
is col('collaborator', 'COUNT(*)', "client_id = $cid AND login = '$login'"), 1, 'stored';
is audit_count('collaborator.add', "collaborator $login", actor => $ada->{email}), 1, 'on record';
my $second = random_name('dana');
$res = form_post($ada, '/collaborators', 'add', login => $second, name => 'Dana');
is $res->{status}, 200, 'without a password, one is made';
my ($made) = $res->{content} =~ /id="handover-link" class="copy" readonly value="([0-9a-f]{20})"/;
ok $made, 'and shown once';
unlike $ada->{browser}->get('/collaborators')->{content}, qr/\Q$made\E/, 'not again';
$res = form_post($ada, '/collaborators', 'add', login => $login, name => 'Again', password => 'collab-secret-2');
is $res->{status}, 409, 'the same id again: 409';
like $res->{content}, qr/The id &#39;\Q$login\E&#39; is taken/, 'saying why';
is form_post($ada, '/collaborators', 'add', login => 'two words', name => 'X', password => 'collab-secret-2')->{status}, 400,
    'an id with a space: 400';
$res = form_post($ada, '/collaborators', 'add', login => random_name('x'), name => 'X', password => 'short');
is $res->{status}, 400, 'a short password: 400';
like $res->{content}, qr/a password at least 10 characters/, 'saying why';
my $hash = col('collaborator', 'password_hash', "login = '$login'");
is form_post($ada, '/collaborators', 'password', login => $login, password => 'collab-secret-3')->{status}, 200, 'a new password';
isnt col('collaborator', 'password_hash', "login = '$login'"), $hash, 'stored';
is form_post($ada, '/collaborators', 'password', login => 'nobody-here', password => 'collab-secret-3')->{status}, 404, 'an unknown id: 404';
is form_post($sue, '/collaborators', 'add', login => random_name('y'), name => 'Y')->{status}, 403, 'a supervisor: 403';
is $agnes->{browser}->get('/collaborators')->{status}, 403, 'an agent may not even look';
is form_post($bob, '/collaborators', 'password', client => $client, login => $login, password => 'collab-secret-4')->{status}, 404,
    'another client\'s administrator, naming this client: 404';
is form_post($bob, '/collaborators', 'password', login => $login, password => 'collab-secret-4')->{status}, 404,
    'nor in his own client, where there is no such collaborator';
unlike $bob->{browser}->get('/collaborators')->{content}, qr/\Q$login\E/, 'and he never sees this client\'s';
is form_post($bob, '/collaborators', 'deactivate', client => $client, login => $login)->{status}, 404,
    'nor may he deactivate one, naming this client';
is form_post($sue, '/collaborators', 'deactivate', login => $login)->{status}, 403, 'nor may a supervisor';
is col('collaborator', 'disabled', "login = '$login'"), 0, 'still active';
$res = form_post($ada, '/collaborators', 'deactivate', login => $login);
is $res->{status}, 200, 'the administrator deactivates a collaborator';
like $res->{content}, qr/can no longer join your rooms/, 'saying so';
is col('collaborator', 'disabled', "login = '$login'"), 1, 'stored';
like $res->{content}, qr{<tr data-login="\Q$login\E">.*?<span class="chip state">disabled</span>}s, 'shown';
is audit_count('collaborator.deactivate', "collaborator $login", actor => $ada->{email}), 1, 'on record';
is form_post($ada, '/collaborators', 'deactivate', login => 'nobody-here')->{status}, 404, 'an unknown id: 404';
like admin(undef, 'collaborator', 'enable', $client, $login), qr/can join your rooms again/, 'baton-admin reactivates them, through the same action';
is col('collaborator', 'disabled', "login = '$login'"), 0, 'stored';
like admin(undef, 'collaborator', 'list', $client), qr/^\Q$login\E\tChris <Collab>\tactive$/m, 'baton-admin lists what the page made';

done_testing;
