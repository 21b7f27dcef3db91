#!/usr/bin/perl
# The digest's unsubscribe link: only a real token opens it; the page says
# whether the person gets the digest and stops or restarts it; a mail
# program's one-click POST stops it. (The digest itself: t/digest.t.)
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql);

stack();
my ($email) = Baton::Test::new_agent(role => 'supervisor', name => 'Una Unsub');
my $token = join '', map { sprintf '%x', int rand 16 } 1 .. 32;
sql("UPDATE agent SET unsubscribe_token = '$token' WHERE email = '$email'");
my $b = Baton::Test::Browser->new;

is $b->get('/unsubscribe?t=' . ('0' x 32))->{status}, 404, 'an unknown token: 404';
is $b->get('/unsubscribe?t=xyz')->{status}, 404, 'not a token: 404';
is $b->get('/unsubscribe')->{status}, 400, 'none: 400';
my $page = $b->get("/unsubscribe?t=$token");
is $page->{status}, 200, 'her own opens';
like $page->{content}, qr/Una Unsub, you get the weekly digest/, 'saying she gets it';
my $res = $b->post('/unsubscribe', form => [t => $token, action => 'stop']);
is $res->{status}, 200, 'she stops it';
like $res->{content}, qr{<p class="notice" id="notice">You will not get the weekly digest any more\.</p>}, 'and is told';
is sql("SELECT digest_opt_out FROM agent WHERE email = '$email'")->[0][0], 1, 'recorded';
$res = $b->post('/unsubscribe', form => [t => $token, action => 'start']);
like $res->{content}, qr/You will get the weekly digest again\./, 'she starts it again';
is sql("SELECT digest_opt_out FROM agent WHERE email = '$email'")->[0][0], 0, 'recorded';
$res = $b->post("/unsubscribe?t=$token", content => 'List-Unsubscribe=One-Click',
    headers => { 'Content-Type' => 'application/x-www-form-urlencoded' });
is $res->{status}, 200, 'one click (RFC 8058), the token in the link';
is sql("SELECT digest_opt_out FROM agent WHERE email = '$email'")->[0][0], 1, 'stops it';
$res = $b->post('/unsubscribe?t=' . ('0' x 32), content => 'List-Unsubscribe=One-Click',
    headers => { 'Content-Type' => 'application/x-www-form-urlencoded' });
is $res->{status}, 404, 'one click with an unknown token: 404';
$res = $b->post('/unsubscribe', form => [t => $token, action => 'delete-everything']);
is $res->{status}, 400, 'an unknown action: 400';
done_testing;
