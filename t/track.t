#!/usr/bin/perl
# A site's signed server-to-server events (cgi-bin/track.c, lib/site_event.c):
# taken when signed with the site's secret and fresh; refused with a clear
# 4xx when unsigned, forged, changed, stale or for an unknown site.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Digest::SHA qw(hmac_sha256_hex);
use Test::More;
use Baton::Test qw(stack sql admin new_client random_name wait_for);
use Baton::Calls qw(phone_client);
use Baton::Profiles qw(waiting_id ask site_secret signed_event post_event);

my $s = stack();

my ($shop, $client) = Baton::Test::new_help_site(ask_question => 1, name => 'Shop');

subtest 'site events: signed, or refused' => sub {
    my $secret = site_secret($shop);
    my $now = time;
    my $body = "site=$shop&time=$now&customer=C-7&event=customer&orders=3&plan=gold";
    my $res = post_event($body);
    is $res->{status}, 400, 'an unsigned event is refused';
    like $res->{content}, qr/sig/, 'saying it needs its signature';
    $res = post_event("$body&sig=" . hmac_sha256_hex($body, 'not the secret' x 4));
    is $res->{status}, 403, 'a forged one is refused';
    like $res->{content}, qr/signature is not valid/, 'saying so';
    my $tampered = signed_event($secret, $body);
    $tampered =~ s/orders=3/orders=30/;
    is post_event($tampered)->{status}, 403, 'a changed body is refused';
    my $old = $now - 3600;
    $res = post_event(signed_event($secret, "site=$shop&time=$old&customer=C-7&event=customer"));
    is $res->{status}, 403, 'a stale one is refused';
    like $res->{content}, qr/seconds from Baton's clock/, 'saying why';
    is post_event(signed_event($secret, "site=" . ('0' x 32) . "&time=$now&customer=C-7&event=x"))->{status},
        404, 'an unknown site is a 404';
    $res = post_event(signed_event($secret, $body));
    is $res->{status}, 200, 'a signed event is taken';
    is_deeply sql("SELECT plan, orders FROM site_customer WHERE customer_ref = 'C-7' AND client_id = "
        . Baton::Test::client_id($client)), [['gold', 3]], 'and kept for the customer';
    like admin(undef, 'rule', 'forget', $client, 'C-7'), qr/profile is deleted/, 'baton-admin forgets the customer';
    is sql("SELECT COUNT(*) FROM site_customer WHERE customer_ref = 'C-7' AND client_id = "
        . Baton::Test::client_id($client))->[0][0], 0, 'and what the site said of them';
    is sql("SELECT COUNT(*) FROM profile_event WHERE customer_ref = 'C-7' AND client_id = "
        . Baton::Test::client_id($client))->[0][0], 0, 'and its events';
};

done_testing;
