#!/usr/bin/perl
# Taking a scheduled session from the console (and giving it back): only
# agents of its client, only while it is scheduled, only the owner gives it
# back, with the session's form token. (Reminders and offers:
# t/appointment-mail.t.)
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use POSIX qw(strftime);
use Test::More;
use Baton::Test qw(stack sql);

my $s = stack();
my ($key, $client) = Baton::Test::new_help_site(ask_question => 1);
my $v = Baton::Test::Browser->new;
my $id = $v->ask_help($key, question => 'tomorrow');
my $csrf = Baton::Test::csrf_from($v->get("/wait?r=$id")->{content});
my $when = time + 86400;
$v->post('/schedule', form => [csrf => $csrf, r => $id, offset => 0,
    date => strftime('%Y-%m-%d', gmtime $when), time => strftime('%H:%M', gmtime $when)]);
is Baton::Test::request_row($id)->{state}, 'scheduled', 'a scheduled session';

my $ann = Baton::Test::signed_in_agent(client => $client, name => 'Ann', state => 'away');
my $bo = Baton::Test::signed_in_agent(client => $client, name => 'Bo', state => 'away');
my $eve = Baton::Test::signed_in_agent(name => 'Eve', state => 'away');
sub act {
    my ($who, %f) = @_;
    my $token = exists $f{csrf} ? delete $f{csrf} : $who->{browser}->session_csrf;
    return $who->{browser}->post('/appointment', form => [(defined $token ? (csrf => $token) : ()),
        request => $id, %f], headers => { Origin => $s->{URL} });
}

like $ann->{browser}->get('/console')->{content}, qr{<button type="submit" class="secondary">Take it</button>},
    'the console offers to take it';
is act($eve, action => 'take')->{status}, 409, 'an agent of another client cannot take it';
is act($ann, action => 'take', csrf => undef)->{status}, 400, 'nor anyone without the form token';
is act($ann, action => 'take', csrf => 'f' x 64)->{status}, 403, 'or with a wrong one';
is act($ann, action => 'steal')->{status}, 400, 'an unknown action: 400';
my $res = act($ann, action => 'take');
is $res->{status}, 303, 'Ann takes it';
is $res->{headers}{location}, '/console', 'back to her console';
is sql("SELECT assigned_agent_id FROM help_request WHERE public_id = '$id'")->[0][0], $ann->{id}, 'it is hers';
like $ann->{browser}->get('/console')->{content}, qr{<span class="chip">yours</span>}, 'her console says so';
like $bo->{browser}->get('/console')->{content}, qr{taken by Ann}, 'Bo\'s says who has it';
is act($bo, action => 'release')->{status}, 409, 'Bo cannot give back what is not his';
is act($ann, action => 'release')->{status}, 303, 'Ann gives it back';
is sql("SELECT assigned_agent_id FROM help_request WHERE public_id = '$id'")->[0][0], 'NULL', 'nobody has it';
sql("UPDATE help_request SET state = 'cancelled' WHERE public_id = '$id'");
is act($ann, action => 'take')->{status}, 409, 'a session no longer scheduled cannot be taken';
done_testing;
