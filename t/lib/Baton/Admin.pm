# Baton::Admin - helpers for the tests of the administration pages
# (lib/admin_page.h; t/agents.t, t/clients.t, t/sites.t ...): people of each
# role signed in, a page's form posted as the browser posts it, the audit
# log, and links to set a password.
package Baton::Admin;
use strict;
use warnings;
use Exporter 'import';
use Baton::Test qw(stack sql admin random_name new_client);

our @EXPORT_OK = qw(person operator reseller form_post audit_count link_token set_password_by_link
    json_post);

# A signed-in member of a client's staff, away (so routing leaves them be):
# {browser, email, password, name, id, client}.
sub person {
    my ($client, $role, %o) = @_;
    return Baton::Test::signed_in_agent(client => $client, role => $role,
        name => $o{name} // ucfirst($role) . ' ' . random_name(''), state => $o{state} // 'away');
}

# The Baton operator (in a client of their own, like the house).
sub operator { return person(new_client(), 'operator', @_) }

# A reseller's account, invited by baton-admin and signed in; o{reseller}
# names an existing reseller, else a new one is made with a 20 % share.
sub reseller {
    my (%o) = @_;
    my $slug = $o{reseller} // do {
        my $s = random_name('res');
        admin(undef, 'reseller', 'add', $s, "Reseller $s", '20');
        $s;
    };
    my $email = random_name('rex') . '@example.com';
    my $out = admin(undef, 'reseller', 'invite', $slug, $email, 'Rex Reseller');
    my $token = link_token($out) or die "no link in: $out";
    my $password = 'pw-' . random_name('');
    my $res = set_password_by_link($token, $password);
    die "setting the reseller's password: $res->{status}" unless $res->{status} == 303;
    my $b = Baton::Test::Browser->new;
    $res = $b->sign_in($email, $password);
    die "reseller sign-in: $res->{status}" unless $res->{status} == 303;
    return { browser => $b, email => $email, password => $password, reseller => $slug,
        id => sql("SELECT id FROM agent WHERE email = '$email'")->[0][0] };
}

# The session's CSRF token, from the profile page (every account has one).
sub csrf {
    my ($who) = @_;
    return $who->{csrf} //= Baton::Test::csrf_from($who->{browser}->get('/profile')->{content});
}

# A form of an administration page, posted as the page posts it. Done, the
# page redirects back to itself (303) and shows what was done: followed
# here as a browser does, so the answer is that page (the POST's own
# answer is in {posted}). Refused, the answer is the POST's.
sub form_post {
    my ($who, $page, $do, @fields) = @_;
    my $res = $who->{browser}->post($page, form => [csrf => csrf($who), do => $do, @fields],
        headers => { Origin => stack()->{URL} });
    return $res unless $res->{status} == 303;
    my $next = $who->{browser}->get($res->{headers}{location});
    $next->{posted} = $res;
    return $next;
}

# The same, asking for JSON: (response, decoded answer).
sub json_post {
    my ($who, $page, $do, @fields) = @_;
    my $res = $who->{browser}->post($page, form => [csrf => csrf($who), do => $do, @fields],
        headers => { Origin => stack()->{URL}, Accept => 'application/json' });
    return ($res, Baton::Test::json_decode($res->{content}));
}

# How many audit entries have this action and an object containing $object
# (o{exact}: equal to it) and, given, this actor's e-mail address and this
# client (o{client}, its slug): a full run shares one stack, so other tests add entries too.
sub audit_count {
    my ($action, $object, %o) = @_;
    (my $quoted = $object) =~ s/'/''/g;
    my $actor = $o{actor} ? " AND actor = '$o{actor}'" : '';
    if (defined $o{client}) {
        die "audit_count: a client is named by its slug\n" unless $o{client} =~ /\A[a-z0-9-]+\z/;
        $actor .= " AND client_id = (SELECT id FROM client WHERE slug = '$o{client}')";
    }
    my $match = $o{exact} ? "object = '$quoted'" : "object LIKE CONCAT('%', '$quoted', '%')";
    return sql("SELECT COUNT(*) FROM audit_log WHERE action = '$action' AND $match$actor")->[0][0];
}

# The token of the first link to set a password in some text.
sub link_token {
    my ($text) = @_;
    return ($text // '') =~ m{/password\?t=([0-9a-f]{64})} ? $1 : undef;
}

# Follows a link to set a password, as its owner would: the POST's response.
sub set_password_by_link {
    my ($token, $password, $again) = @_;
    my $b = Baton::Test::Browser->new;
    my $page = $b->get("/password?t=$token");
    my $csrf = Baton::Test::csrf_from($page->{content}) or return $page;
    return $b->post('/password', form => [csrf => $csrf, t => $token, password => $password,
        again => $again // $password], headers => { Origin => stack()->{URL} });
}

1;
