#!/usr/bin/perl
# The rule editor (cgi-bin/rules.c, lib/profile_admin.c): a client's
# administrator sets service levels, rules (an invalid one refused with a
# clear message), agents' skills and the queue's ageing, and tries the rules
# on an example profile; baton-admin does the same through the same
# functions; other roles and other clients' administrators may not.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql admin new_agent);

stack();
my ($admin_email, $admin_pw, $client) = new_agent(role => 'admin');
my $cid = Baton::Test::client_id($client);
my $b = Baton::Test::Browser->new;
is $b->sign_in($admin_email, $admin_pw, state => 'break')->{status}, 303, 'the administrator signs in';
my $page = $b->get('/rules');
is $page->{status}, 200, 'and opens the rule editor';
my $csrf = Baton::Test::csrf_from($page->{content});

sub post_form { my (@f) = @_; $b->post('/rules', form => [csrf => $csrf, @f]) }

my $res = post_form(do => 'level-set', name => 'gold', chat => 1, video => 1, callback => 1, rank => 10);
is $res->{status}, 303, 'a level is saved';
like $b->get('/rules')->{content}, qr{<td>gold</td><td>chat,video,callback</td>}, 'and listed';
$res = post_form(do => 'level-set', name => 'Gold Plus', chat => 1);
is $res->{status}, 400, 'a level with a bad name is refused';
like $res->{content}, qr/A level&#39;s name is 1-32 of a-z|A level's name is 1-32 of a-z/, 'saying why';

$res = post_form(do => 'rule-add', label => 'Typo', condition => 'plna = gold', score => 5, level => 'gold');
is $res->{status}, 400, 'a rule with an unknown field is refused';
like $res->{content}, qr/The condition is not valid\. Clause 1: there is no field &#39;plna&#39;|no field 'plna'/, 'with a clear message';
like $res->{content}, qr/id="rule-condition"[^>]*value="plna = gold"/, 'and the condition kept to correct';
$res = post_form(do => 'rule-add', label => 'Half', condition => 'orders >= 3 and', score => 5);
is $res->{status}, 400, 'an unfinished condition is refused';
$res = post_form(do => 'rule-add', label => 'No level', condition => 'orders >= 3', score => 5, level => 'platinum');
is $res->{status}, 400, 'a rule naming a level that does not exist is refused';
like $res->{content}, qr/no level platinum/, 'saying so';
$res = post_form(do => 'rule-add', label => 'Good customer', condition => 'customer = yes and orders >= 3', score => 10, level => 'gold');
is $res->{status}, 303, 'a valid rule is added';
is sql("SELECT COUNT(*) FROM audit_log WHERE client_id = $cid AND action = 'rule.add'")->[0][0], 1, 'and audited';

$res = post_form(do => 'rule-try', example => 'customer=yes orders=4');
is $res->{status}, 303, 'the rules are tried on an example profile';
like $b->get('/rules')->{content}, qr/id="notice"[^>]*>level gold, score \+10, rules: Good customer/, 'which is gold';
post_form(do => 'rule-try', example => 'customer=no orders=4');
like $b->get('/rules')->{content}, qr/id="notice"[^>]*>level \(none: all channels\), score \+0, rules: none matched/,
    'and one that is not';
is post_form(do => 'rule-try', example => 'shoe=42')->{status}, 400, 'an example with an unknown field is refused';

like admin(undef, 'rule', 'test', $client, 'customer=yes orders=3'), qr/level gold, score \+10/, 'baton-admin tries the same rules';
my $out = qx{"$ENV{BATON_ROOT}/tools/baton-admin" --conf "$ENV{BATON_CONF}" rule add $client Bad "orders >> 3" 1 2>&1};
isnt $?, 0, 'baton-admin refuses an invalid rule';
like $out, qr/'>>' is not an operator/, 'with the same message';

my ($agent_email) = new_agent(client => $client);
$res = post_form(do => 'skills', email => $agent_email, skills => 'billing,refunds');
is $res->{status}, 303, 'an agent is given skills';
is sql("SELECT skills FROM agent WHERE email = '$agent_email'")->[0][0], 'billing,refunds', 'kept';
is post_form(do => 'skills', email => $agent_email, skills => 'Billing Team')->{status}, 400, 'a bad skill is refused';

$res = post_form(do => 'settings', ageing => 30, retention => 90);
is $res->{status}, 303, 'ageing and retention are set';
is_deeply sql("SELECT priority_ageing_seconds, profile_retention_days FROM client WHERE id = $cid"), [[30, 90]], 'and kept';

my ($plain_email, $plain_pw) = new_agent(client => $client, role => 'supervisor');
my $sup = Baton::Test::Browser->new;
$sup->sign_in($plain_email, $plain_pw, state => 'break');
is $sup->get('/rules')->{status}, 403, 'a supervisor may not edit the rules';
my ($other_email, $other_pw) = new_agent(role => 'admin');
my $other = Baton::Test::Browser->new;
$other->sign_in($other_email, $other_pw, state => 'break');
my $theirs = $other->get("/rules?client=$client");
ok $theirs->{status} == 403 || $theirs->{status} == 404, "another client's administrator may not see them";
unlike $other->get('/rules')->{content}, qr/Good customer/, 'and their own editor does not show them';
done_testing;
