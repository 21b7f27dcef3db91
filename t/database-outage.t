#!/usr/bin/perl
# With the database down, programs answer 503 with Retry-After (pages that
# need no database still work), and they reconnect by themselves when it is
# back: the same processes, no restart. Each process says in the log once
# that the database is unavailable, not at every request, and once that it
# is back.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack new_agent wait_for);

my $s = stack();
my ($email, $password) = new_agent();
my $agent = Baton::Test::Browser->new;
is $agent->sign_in($email, $password)->{status}, 303, 'an agent is signed in';
my $csrf = $agent->session_csrf;
my $visitor = Baton::Test::Browser->new;
my $signin_csrf = Baton::Test::csrf_from($visitor->get('/signin')->{content});

# The programs themselves (run/NAME.pid names each one's supervisor).
sub pids { my ($name) = @_; open my $fh, '<', "$s->{DIR}/run/child/$name.pid" or return ''; my $p = <$fh>; chomp $p; $p }
my %before = map { $_ => pids($_) } qw(signin console state health);

my $log = "$s->{DIR}/log/baton.log";
my $log_from = -s $log // 0;
# The health program's lines in the log since the test began.
sub health_lines {
    my ($pattern) = @_;
    open my $fh, '<', $log or return ();
    seek $fh, $log_from, 0;
    return grep { /^\S+ health\[\d+\] \w+: $pattern/ } <$fh>;
}

system("\"$s->{ROOT}/tools/stack\" db-stop \"$s->{DIR}\" >/dev/null 2>&1") == 0 or BAIL_OUT('cannot stop the database');

my $res = $agent->get('/health');
is $res->{status}, 503, 'health: 503 while the database is down';
is $res->{headers}{'retry-after'}, 5, 'with Retry-After';
is $agent->get('/health')->{status}, 503, "health: 503 again ($_ more)" for 1 .. 5;
my %said;
$said{ (/health\[(\d+)\]/)[0] }++ for health_lines('database unavailable');
ok %said && !grep({ $_ > 1 } values %said),
    'each health process says once that the database is unavailable, not at each of 6 requests'
    or diag explain \%said;
$res = $agent->get('/console');
is $res->{status}, 503, 'the console: 503';
like $res->{content}, qr/cannot reach its database right now/, 'with a page that says so';
$res = $agent->post('/state', form => [csrf => $csrf, state => 'break']);
is $res->{status}, 503, 'a state change: 503, not lost silently';
$res = $visitor->post('/signin', form => [csrf => $signin_csrf, email => $email, password => $password]);
is $res->{status}, 503, 'sign-in: 503';
is $visitor->get('/signin')->{status}, 200, 'the sign-in page itself still shows';

system("\"$s->{ROOT}/tools/stack\" db-start \"$s->{DIR}\" >/dev/null 2>&1") == 0 or BAIL_OUT('cannot start the database');

ok wait_for('health', 10, sub { $agent->get('/health')->{status} == 200 }), 'health recovers by itself';
ok scalar(health_lines('database reachable again')), 'and says in the log that the database is back';
is $agent->get('/console')->{status}, 200, 'the session survived the outage';
is $agent->post('/state', form => [csrf => $csrf, state => 'break'])->{status}, 303, 'state changes work again';
is $visitor->post('/signin', form => [csrf => $signin_csrf, email => $email, password => $password])->{status}, 303, 'so does sign-in';
my %after = map { $_ => pids($_) } qw(signin console state health);
is_deeply \%after, \%before, 'the same program processes served before and after';
done_testing;
