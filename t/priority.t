#!/usr/bin/perl
# Visitor priority: a site's signed help-link parameter and a supervisor's
# choice both put a visitor ahead; a forged or expired signature does not.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Digest::SHA qw(hmac_sha256_hex);
use Test::More;
use Baton::Test qw(stack sql admin new_client new_agent random_name);

my $s = stack();
my $client = new_client();
my ($key) = admin(undef, 'site', 'add', $client, 'Shop', '127.0.0.1') =~ /its key is ([0-9a-f]{32})/;
sql("UPDATE site SET ask_question = 0 WHERE site_key = '$key'");
my ($secret) = admin(undef, 'site', 'secret', $key) =~ /site secret: ([0-9a-f]{64})/;
ok $secret, 'baton-admin site secret makes a signing secret';

sub visit {
    my (%q) = @_;
    my $v = Baton::Test::Browser->new;
    my $query = join '&', map { "$_=$q{$_}" } sort keys %q;
    my $res = $v->get("/help?site=$key&$query", headers => { Referer => "$s->{URL}/demo/shop.html" });
    return ($v, $res);
}
sub request_id { my ($res) = @_; ($res->{headers}{location} // '') =~ /r=([0-9a-f]{32})/ ? $1 : undef }

my (undef, $plain) = visit();
is $plain->{status}, 303, 'a plain link queues';
my $expires = time + 600;
my $sig = hmac_sha256_hex("site=$key&priority=5&expires=$expires", $secret);
my (undef, $vip) = visit(priority => 5, expires => $expires, sig => $sig);
is $vip->{status}, 303, 'a correctly signed priority queues';
my $vip_id = request_id($vip);
is sql("SELECT priority FROM help_request WHERE public_id = '$vip_id'")->[0][0], 5, 'with that priority';
is sql("SELECT p.priority FROM visitor_profile p JOIN help_request r ON r.visitor_id = p.visitor_id AND r.client_id = p.client_id WHERE r.public_id = '$vip_id'")->[0][0], 5, 'kept on the visitor profile';

my (undef, $forged) = visit(priority => 9, expires => $expires, sig => $sig);
is $forged->{status}, 403, 'a signature for another priority is refused';
like $forged->{content}, qr/priority signature is not valid or has expired/, 'saying so';
my $old = time - 10;
my (undef, $expired) = visit(priority => 5, expires => $old, sig => hmac_sha256_hex("site=$key&priority=5&expires=$old", $secret));
is $expired->{status}, 403, 'an expired signature is refused';
my (undef, $partial) = visit(priority => 5);
is $partial->{status}, 400, 'a priority without its signature is a 400';

# A supervisor puts the plain visitor ahead; agents may not.
my ($sup_email, $sup_pw) = new_agent(client => $client, role => 'supervisor');
my ($agent_email, $agent_pw) = new_agent(client => $client);
my $sup = Baton::Test::Browser->new;
$sup->sign_in($sup_email, $sup_pw, state => 'break');
my $agent = Baton::Test::Browser->new;
$agent->sign_in($agent_email, $agent_pw, state => 'break');
my $plain_id = request_id($plain);
my $res = $agent->post('/priority', form => [csrf => $agent->session_csrf, request => $plain_id, priority => 10]);
is $res->{status}, 403, 'an agent cannot set priorities';
$res = $sup->post('/priority', form => [csrf => $sup->session_csrf, request => $plain_id, priority => 10],
    headers => { Accept => 'application/json' });
is $res->{status}, 200, 'a supervisor can';
my $queue = $sup->get('/poll?console=1&version=0')->{content};
ok index($queue, $plain_id) < index($queue, $vip_id), 'and the queue now serves that visitor first';
is sql("SELECT kind FROM request_event e JOIN help_request r ON r.id = e.request_id WHERE r.public_id = '$plain_id' ORDER BY e.id DESC LIMIT 1")->[0][0], 'prioritized', 'the change is archived';

my $other = Baton::Test::Browser->new;
my ($oe, $op) = new_agent(role => 'supervisor');
$other->sign_in($oe, $op, state => 'break');
$res = $other->post('/priority', form => [csrf => $other->session_csrf, request => $plain_id, priority => 99]);
is $res->{status}, 403, "another client's supervisor cannot";
done_testing;
