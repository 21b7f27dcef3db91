#!/usr/bin/perl
# Signing out: CSRF-protected, ends the session for good, takes the agent
# offline and archives it.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql new_agent);

stack();
my ($email, $password) = new_agent();
my $b = Baton::Test::Browser->new;
is $b->sign_in($email, $password)->{status}, 303, 'signed in';
my $token = $b->cookie('baton_session');
my $csrf = $b->session_csrf;

is $b->get('/signout')->{status}, 405, 'GET /signout does nothing (405)';
my $res = $b->post('/signout', form => [csrf => 'c' x 64]);
is $res->{status}, 403, 'a wrong CSRF token cannot sign anyone out';
is $b->get('/console')->{status}, 200, 'still signed in';

$res = $b->post('/signout', form => [csrf => $csrf]);
is $res->{status}, 303, 'sign-out answers 303';
is $res->{headers}{location}, '/signin?signed_out=1', 'back to the sign-in page';
ok !defined $b->cookie('baton_session'), 'the cookie is cleared';
like $b->get('/signin?signed_out=1')->{content}, qr/You have signed out\./, 'which says so';

$b->set_cookie(baton_session => $token);
$res = $b->get('/console');
is $res->{status}, 303, 'the old session token no longer opens the console';
is $res->{headers}{location}, '/signin', 'it leads to sign-in';
is sql("SELECT state FROM agent WHERE email = '$email'")->[0][0], 'offline', 'the agent is offline';
my $kinds = sql("SELECT e.kind FROM agent_event e JOIN agent a ON a.id = e.agent_id WHERE a.email = '$email' ORDER BY e.id");
is $kinds->[-2][0], 'signout', 'the sign-out is archived';
is sql("SELECT COUNT(*) FROM staff_session s JOIN agent a ON a.id = s.agent_id WHERE a.email = '$email' AND s.ended_at IS NOT NULL")->[0][0], 1, 'the session row is ended';

subtest 'signing out one of two browsers keeps the agent available' => sub {
    my ($email2, $password2) = new_agent();
    my ($one, $two) = (Baton::Test::Browser->new, Baton::Test::Browser->new);
    $one->sign_in($email2, $password2, state => 'available');
    $two->sign_in($email2, $password2, state => 'available');
    is $one->post('/signout', form => [csrf => $one->session_csrf])->{status}, 303, 'first browser signs out';
    is sql("SELECT state FROM agent WHERE email = '$email2'")->[0][0], 'available', 'the agent stays available';
    is $two->get('/console')->{status}, 200, 'the other browser is still signed in';
};

done_testing;
