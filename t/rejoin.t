#!/usr/bin/perl
# The rejoin link of an appointment's mails: it opens only with its own
# token, changes nothing when merely opened, refuses a form from elsewhere,
# and says so when the appointment is over. (The whole way, mail included:
# t/appointment-mail.t.)
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use POSIX qw(strftime);
use Test::More;
use Baton::Test qw(stack sql);

stack();
my ($key, $client) = Baton::Test::new_help_site(ask_question => 1);
my $v = Baton::Test::Browser->new;
my $id = $v->ask_help($key, question => 'later please');
my $csrf = Baton::Test::csrf_from($v->get("/wait?r=$id")->{content});
my $when = time + 86400;
my $res = $v->post('/schedule', form => [csrf => $csrf, r => $id, offset => 0, contact => 'phone only',
    date => strftime('%Y-%m-%d', gmtime $when), time => strftime('%H:%M', gmtime $when)]);
is $res->{status}, 303, 'a visitor schedules (a phone number: no mail, but a link all the same)';
my $k = sql("SELECT rejoin_token FROM help_request WHERE public_id = '$id'")->[0][0];
like $k, qr/^[0-9a-f]{32}$/, 'the appointment has its token';

my $b = Baton::Test::Browser->new;
is $b->get("/rejoin?r=$id&k=" . ('0' x 32))->{status}, 404, 'another token: 404';
like $b->get("/rejoin?r=$id&k=" . ('0' x 32))->{content}, qr/This link does not lead to an appointment\./, 'saying so';
is $b->get("/rejoin?r=" . ('a' x 32) . "&k=$k")->{status}, 404, 'another request: 404';
is $b->get("/rejoin?r=$id")->{status}, 400, 'no token: 400';
is $b->get("/rejoin?r=x%0Ay&k=$k")->{status}, 400, 'a broken id: 400';
my $page = $b->get("/rejoin?r=$id&k=$k");
is $page->{status}, 200, 'its own token opens it';
like $page->{content}, qr{<h1>Your help session with Client \Q$client\E</h1>}, 'naming the client';
is Baton::Test::request_row($id)->{state}, 'scheduled', 'opening it changes nothing';
my $form = Baton::Test::csrf_from($page->{content});
$res = $b->post('/rejoin', form => [r => $id, k => $k]);
is $res->{status}, 400, 'joining without the form token: 400';
$res = $b->post('/rejoin', form => [csrf => $form, r => $id, k => $k], headers => { Origin => 'https://evil.example' });
is $res->{status}, 403, 'from another site: 403';
$res = $b->post('/rejoin', form => [csrf => $form, r => $id, k => '1' x 32]);
is $res->{status}, 404, 'with another token: 404';
is Baton::Test::request_row($id)->{state}, 'scheduled', 'none of that moved it';

sql("UPDATE help_request SET state = 'cancelled' WHERE public_id = '$id'");
$page = $b->get("/rejoin?r=$id&k=$k");
like $page->{content}, qr{<p class="notice" id="over">This appointment is over}, 'a cancelled appointment says it is over';
unlike $page->{content}, qr{id="rejoin-form"}, 'with no button';
$res = $b->post('/rejoin', form => [csrf => $form, r => $id, k => $k]);
is $res->{status}, 409, 'and joining it: 409';
done_testing;
