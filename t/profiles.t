#!/usr/bin/perl
# From profile to treatment (issue 16, lib/profile.c, lib/profile_rules.c,
# lib/profile_admin.c): the client's rules give a score and a service level
# that decides what the help page offers; the queue orders by priority with
# ageing; a level's skill routes its requests to the agents who have it.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Digest::SHA qw(hmac_sha256_hex);
use Test::More;
use Baton::Test qw(stack sql admin new_client random_name wait_for);
use Baton::Calls qw(phone_client);
use Baton::Profiles qw(waiting_id ask site_secret signed_event post_event);

my $s = stack();

# Levels: default chat only; gold chat, video and call-back, ranked higher.
sub gold_rules {
    my ($slug) = @_;
    admin(undef, 'level', 'set', $slug, 'default', 'chat');
    admin(undef, 'level', 'set', $slug, 'gold', 'chat,video,callback', '--rank', '10');
    admin(undef, 'rule', 'add', $slug, 'Good customer', 'customer = yes and orders >= 3', '10', 'gold');
}

subtest 'a signed "customer, 3 orders" event makes the visitor gold' => sub {
    my ($key, $slug) = phone_client();
    gold_rules($slug);
    my $secret = site_secret($key);
    my $expires = time + 600;
    my $ref = 'C-' . random_name('');
    my $sig = hmac_sha256_hex("site=$key&customer=$ref&expires=$expires", $secret);
    my $link = "&customer=$ref&expires=$expires&sig=$sig";
    my $v = Baton::Test::Browser->new;
    my $help = $v->get("/help?site=$key$link", headers => { Referer => "$s->{URL}/demo/shop.html" });
    is $help->{status}, 200, 'a signed customer link';
    unlike $help->{content}, qr/id="offer-video"|id="callback-form"/, 'the default level offers chat only';
    my $res = post_event(signed_event($secret, "site=$key&time=" . time . "&customer=$ref&event=customer&orders=3"));
    is $res->{status}, 200, 'the shop says: a customer with 3 orders';
    $help = $v->get("/help?site=$key$link", headers => { Referer => "$s->{URL}/demo/shop.html" });
    like $help->{content}, qr/id="offer-video"/, 'gold offers video';
    like $help->{content}, qr/id="callback-form"/, 'and call-back';
    my $query = admin(undef, 'site', 'sign-link', $key, $ref);
    chomp $query;
    like $query, qr/^customer=\Q$ref\E&expires=\d+&sig=[0-9a-f]{64}$/, 'baton-admin signs such a link too';
    my $elsewhere = Baton::Test::Browser->new->get("/help?site=$key&$query", headers => { Referer => "$s->{URL}/demo/shop.html" });
    like $elsewhere->{content}, qr/id="offer-video"/, 'and it works in another browser of the same customer';
    my $anonymous = Baton::Test::Browser->new->get("/help?site=$key", headers => { Referer => "$s->{URL}/demo/shop.html" });
    unlike $anonymous->{content}, qr/id="offer-video"|id="callback-form"/, 'an anonymous visitor still gets chat only';
    my $refused = Baton::Calls::ask_callback(Baton::Test::Browser->new, $key, phone => '+12025550199', when => 'now');
    is $refused->{status}, 403, 'and a call-back asked for all the same is refused';
    like $refused->{content}, qr/not among the ways of connecting offered/, 'saying so';
    my ($sent_page) = $help->{content} =~ /name="page" value="([^"]*)"/;
    $res = $v->post('/help', form => [csrf => Baton::Test::csrf_from($help->{content}), site => $key,
        page => $sent_page, question => 'My order', customer => $ref, expires => $expires, sig => $sig, video => 1]);
    my $id = waiting_id($res) or diag $res->{content};
    is_deeply sql("SELECT level, score, why, wants_video, priority FROM help_request WHERE public_id = '$id'"),
        [['gold', 10, 'Good customer', 1, 10]], 'the request is gold, scored 10, with the rule named';
    my $agent = Baton::Test::signed_in_agent(client => $slug, state => 'break');
    my ($row) = grep { ($_->{id} // '') eq $id } @{ $agent->{browser}->console_snapshot->{queue} };
    is $row->{wants_video}, 1, 'the desk sees that the visitor would like video';
};

subtest 'gold first; ageing lets a long-waiting default visitor ahead' => sub {
    my ($key, $slug) = Baton::Test::new_help_site(ask_question => 0);
    gold_rules($slug);
    my $cid = Baton::Test::client_id($slug);
    my $agent = Baton::Test::signed_in_agent(client => $slug, state => 'break');
    my $plain = Baton::Test::Browser->new->ask_help($key);
    my $secret = site_secret($key);
    my $ref = 'C-' . random_name('');
    post_event(signed_event($secret, "site=$key&time=" . time . "&customer=$ref&event=customer&orders=5"));
    my $expires = time + 600;
    my $sig = hmac_sha256_hex("site=$key&customer=$ref&expires=$expires", $secret);
    my $g = Baton::Test::Browser->new;
    my $res = $g->get("/help?site=$key&customer=$ref&expires=$expires&sig=$sig", headers => { Referer => "$s->{URL}/demo/x.html" });
    my $gold = waiting_id($res) or die "gold visitor: $res->{status}";
    my $queue = $agent->{browser}->console_snapshot;
    my @order = map { $_->{id} } grep { $_->{id} } @{ $queue->{queue} // [] };
    is_deeply \@order, [$gold, $plain], 'the desk lists the gold visitor first' or diag explain $queue;
    my ($gold_row) = grep { ($_->{id} // '') eq $gold } @{ $queue->{queue} };
    is_deeply [@$gold_row{qw(level score why)}], ['gold', 10, 'Good customer'],
        "the desk shows the gold visitor's level, score and the rule that matched";
    # The default visitor has waited 20 minutes: at one point a minute they are 20 points up.
    sql("UPDATE help_request SET created_at = NOW(3) - INTERVAL 20 MINUTE WHERE public_id = '$plain'");
    $queue = $agent->{browser}->console_snapshot;
    @order = map { $_->{id} } grep { $_->{id} } @{ $queue->{queue} // [] };
    is_deeply \@order, [$plain, $gold], 'after a long wait the default visitor comes first';
    my $csrf = $agent->{browser}->session_csrf;
    $agent->{browser}->post('/state', form => [csrf => $csrf, state => 'available']);
    ok wait_for('an offer', 20, sub { (sql("SELECT state FROM help_request WHERE public_id = '$plain'")->[0][0] // '') eq 'offered' }),
        'and is offered first';
    is sql("SELECT state FROM help_request WHERE public_id = '$gold'")->[0][0], 'waiting', 'the gold one waits';
};

subtest 'skill routing: a billing request goes only to agents with that skill' => sub {
    my ($key, $slug) = Baton::Test::new_help_site(ask_question => 0);
    admin(undef, 'level', 'set', $slug, 'billing', 'chat', '--skill', 'billing');
    admin(undef, 'rule', 'add', $slug, 'Billing topic', 'topic = billing', '0', 'billing');
    my $plain_agent = Baton::Test::signed_in_agent(client => $slug, state => 'available');
    my $id = Baton::Test::Browser->new->ask_help($key, topic => 'billing');
    is sql("SELECT skill FROM help_request WHERE public_id = '$id'")->[0][0], 'billing', 'the request needs billing';
    my $other = Baton::Test::Browser->new->ask_help($key, topic => 'shipping');
    ok wait_for('the shipping request offered', 20, sub { (sql("SELECT state FROM help_request WHERE public_id = '$other'")->[0][0] // '') eq 'offered' }),
        'an agent without the skill is offered the other request';
    is sql("SELECT state FROM help_request WHERE public_id = '$id'")->[0][0], 'waiting', 'never the billing one';
    my $biller = Baton::Test::signed_in_agent(client => $slug, state => 'break');
    admin(undef, 'agent', 'skills', $biller->{email}, 'billing,refunds');
    my $csrf = $biller->{browser}->session_csrf;
    $biller->{browser}->post('/state', form => [csrf => $csrf, state => 'available']);
    ok wait_for('the billing request offered', 20, sub { (sql("SELECT offered_agent_id FROM help_request WHERE public_id = '$id'")->[0][0] // '') eq $biller->{id} }),
        'the agent with the skill is offered it';
};

subtest 'a signed link carries the customer\'s plan, name and e-mail' => sub {
    my ($key, $slug) = Baton::Test::new_help_site(ask_question => 1, name => 'Plan shop');
    admin(undef, 'site', 'secret', $key);
    admin(undef, 'level', 'set', $slug, 'default', 'chat');
    admin(undef, 'level', 'set', $slug, 'gold', 'chat,video', '--rank', '10');
    admin(undef, 'rule', 'add', $slug, 'Gold plan', 'plan = gold', '10', 'gold');
    my $ref = 'P-' . random_name('');
    my $query = admin(undef, 'site', 'sign-link', $key, $ref, '1', '--plan', 'gold', '--name', "Grace O'Hara",
        '--email', 'grace@example.com');
    chomp $query;
    like $query, qr/^customer=\Q$ref\E&plan=gold&customer_name=Grace%20O%27Hara&customer_email=grace%40example\.com&expires=\d+&sig=[0-9a-f]{64}$/,
        'baton-admin signs plan, name and e-mail into the link';
    my $v = Baton::Test::Browser->new;
    my $ref_page = { Referer => "$s->{URL}/demo/shop.html" };
    my $help = $v->get("/help?site=$key&$query", headers => $ref_page);
    is $help->{status}, 200, 'the signed link is taken';
    like $help->{content}, qr/name="name"[^>]*value="Grace O&#39;Hara"|name="name"[^>]*value="Grace O'Hara"/, 'the form has her name filled in';
    like $help->{content}, qr/name="email"[^>]*value="grace\@example\.com"/, 'and her e-mail address';
    like $help->{content}, qr/id="offer-video"/, 'the rule on plan makes her gold';
    (my $forged = $query) =~ s/plan=gold/plan=platinum/;
    my $res = Baton::Test::Browser->new->get("/help?site=$key&$forged", headers => $ref_page);
    is $res->{status}, 403, 'a plan changed in the link is refused';
    (my $bare = $query) =~ s/customer=[^&]*&//;
    $res = Baton::Test::Browser->new->get("/help?site=$key&$bare", headers => $ref_page);
    is $res->{status}, 400, 'a plan without a customer is refused';
    like $res->{content}, qr/need a customer/, 'saying why';
    my ($sent_page) = $help->{content} =~ /name="page" value="([^"]*)"/;
    my %hidden = $help->{content} =~ /<input type="hidden" name="(customer|plan|customer_name|customer_email|expires|sig|priority)" value="([^"]*)"/g;
    s/&#39;/'/g, s/&amp;/&/g for values %hidden;
    $res = $v->post('/help', form => [csrf => Baton::Test::csrf_from($help->{content}), site => $key,
        page => $sent_page, question => 'My plan', name => "Grace O'Hara", %hidden]);
    my $id = waiting_id($res) or diag $res->{content};
    is_deeply sql("SELECT level, name FROM help_request WHERE public_id = '$id'"), [['gold', "Grace O'Hara"]],
        'the question she sends is gold';
};

done_testing;
