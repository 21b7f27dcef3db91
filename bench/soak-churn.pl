#!/usr/bin/perl
# bench/soak-churn.pl - the load tools/soak adds to bench/loadgen's steady
# conversations: people coming and going, as on a real desk.
#
# Every --cycle seconds (default 15), in a client of its own:
#   - an agent joins the desk (signs in, available), a visitor clicks the
#     help link, the agent accepts, both open the conversation;
#   - leads and pointers: the agent leads to a page, both move their
#     pointers, a few lines are said, the agent passes the lead to the
#     visitor, who leads to another page;
#   - both leave, and the agent leaves the desk (signs out);
#   - another visitor asks for help and abandons the queue (cancels).
# Every --desk seconds (default 180) a supervisor signs in, opens the live
# desk (page and snapshot), the reports, the archive and the statements,
# and signs out.
#
# Any answer but the expected one is an error, printed as it happens. On
# SIGTERM or SIGINT it finishes the cycle and prints one line,
#   churn: CYCLES cycles, DESKS desk visits, ERRORS errors
# and exits 1 if there were errors. Needs the stack's environment
# (tools/stack's env file), like the tests whose helpers it uses.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/../t/lib";
use Getopt::Long;
use Time::HiRes qw(time sleep);
use Baton::Test qw(stack admin sql new_client new_agent);

my %o = (cycle => 15, desk => 180, agents => 3);
GetOptions(\%o, 'cycle=f', 'desk=f', 'agents=i') or die "usage: $0 [--cycle S] [--desk S] [--agents N]\n";
my $s = stack();
$| = 1;

my ($cycles, $desks, $errors, $stop) = (0, 0, 0, 0);
$SIG{TERM} = $SIG{INT} = sub { $stop = 1 };
sub error { $errors++; printf STDERR "churn error: %s\n", join ' ', @_ }
sub expect {
    my ($what, $res, @ok) = @_;
    return 1 if grep { $res->{status} == $_ } @ok;
    error("$what: $res->{status} (expected @ok)", substr($res->{content} // '', 0, 200) =~ s/\s+/ /gr);
    return 0;
}

# A client of its own: a site whose link puts visitors straight into the
# queue, a pool of agents taking turns at the desk, and a supervisor.
my $client = new_client();
my ($key) = Baton::Test::new_direct_site($client);
my @agents = map { [new_agent(client => $client, name => "Churn Agent $_")] } 1 .. $o{agents};
my ($sup_email, $sup_pw) = new_agent(client => $client, name => 'Churn Supervisor', role => 'supervisor');

sub party_ok {
    my ($what, $who, $path, $ch, $form) = @_;
    my ($res) = Baton::Test::party_post($who, $path, $ch, $form);
    return expect($what, $res, 200);
}

sub one_conversation {
    my ($email, $password) = @{ $agents[$cycles % @agents] };
    my $b = Baton::Test::Browser->new;
    expect('agent sign-in', $b->sign_in($email, $password, state => 'available'), 303) or return;
    my $agent = { browser => $b };
    my $c = eval { Baton::Test::open_channel(client => $client, site_key => $key, agent => $agent) };
    unless ($c) { error('into a conversation:', $@ =~ s/\s+/ /gr); return sign_out($b) }
    my ($ch, $visitor) = ($c->{channel}, $c->{visitor});
    my $ids = eval { Baton::Test::participant_ids($visitor, $ch) } // {};
    party_ok('agent leads', $agent, '/go', $ch, [url => "$s->{URL}/demo/page.html"]);
    for my $i (1 .. 3) {
        party_ok('agent pointer', $agent, '/pointer', $ch, [mode => 'page', x => 10 * $i, y => 20 * $i]);
        party_ok('visitor pointer', $visitor, '/pointer', $ch, [mode => 'page', x => 30 * $i, y => 5 * $i]);
    }
    expect('agent says', scalar Baton::Test::chat_say($agent, $ch, "Hello, cycle $cycles"), 200);
    expect('visitor says', scalar Baton::Test::chat_say($visitor, $ch, 'Thanks'), 200);
    if ($ids->{visitor}) {
        party_ok('lead to the visitor', $agent, '/lead', $ch, [to => $ids->{visitor}]);
        party_ok('visitor leads', $visitor, '/go', $ch, [url => "$s->{URL}/demo/other.html"]);
    } else {
        error('no visitor participant in the join events');
    }
    party_ok('visitor leaves', $visitor, '/leave', $ch, []);
    party_ok('agent leaves', $agent, '/leave', $ch, []);
    sign_out($b);
}

sub sign_out {
    my ($b) = @_;
    my $csrf = $b->session_csrf;
    expect('sign-out', $b->post('/signout', form => [csrf => $csrf // '']), 303);
}

sub abandoning_visitor {
    my $v = Baton::Test::Browser->new;
    my $res = $v->get("/help?site=$key", headers => { Referer => "$s->{URL}/demo/x.html" });
    my ($id) = ($res->{headers}{location} // '') =~ m{^/wait\?r=([0-9a-f]{32})$}
        or return error("help link: $res->{status}");
    expect('waiting page', $v->get("/wait?r=$id"), 200) or return;
    expect('cancel', $v->post('/cancel', form => [csrf => $v->form_csrf // '', r => $id]), 303);
}

sub supervisor_desk {
    my $b = Baton::Test::Browser->new;
    expect('supervisor sign-in', $b->sign_in($sup_email, $sup_pw, state => 'break'), 303) or return;
    expect('desk page', $b->get('/supervise'), 200);
    expect('desk snapshot', $b->get('/poll?supervise=1&version=0', headers => { Accept => 'application/json' }), 200);
    expect('reports', $b->get('/report'), 200);
    expect('archive', $b->get('/archive'), 200);
    expect('statements', $b->get('/statement'), 200);
    sign_out($b);
    $desks++;
}

my $next_desk = time;
while (!$stop) {
    my $start = time;
    if ($start >= $next_desk) {
        supervisor_desk();
        $next_desk = $start + $o{desk};
    }
    one_conversation();
    abandoning_visitor();
    $cycles++;
    # The next cycle starts on the clock, whatever this one took.
    sleep 0.2 while !$stop && time < $start + $o{cycle};
}
printf "churn: %d cycles, %d desk visits, %d errors\n", $cycles, $desks, $errors;
exit($errors ? 1 : 0);
