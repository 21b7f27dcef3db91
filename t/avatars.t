#!/usr/bin/perl
# The Avatars page (cgi-bin/avatars.c): a client's administrator gives
# visitors from some pages a picture (the longest matching address start
# wins), and a visitor who asks from such a page gets it in the viewer.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql admin new_client random_name);
use Baton::Admin qw(person operator form_post audit_count);

my $s = stack();
my $client = new_client();
my $ada = person($client, 'admin');
my $agnes = person($client, 'agent');
my $bob = person(new_client(), 'admin');

my $res = form_post($ada, '/avatars', 'add', prefix => "$s->{URL}/demo/", avatar => 'whale');
is $res->{status}, 200, 'an administrator adds an avatar rule';
like $res->{content}, qr{<td class="prefix">\Q$s->{URL}\E/demo/</td>}, 'listed';
my $longer = form_post($ada, '/avatars', 'add', prefix => "$s->{URL}/demo/kids/", avatar => 'bee');
is $longer->{status}, 200, 'and a longer one';
is audit_count('avatar.rule.add', "pages $s->{URL}/demo/", actor => $ada->{email}, exact => 1), 1, 'on record';
for my $bad ([[prefix => 'shop.example', avatar => 'owl'], qr/is not the start of a web address/, 'not a web address'],
    [[prefix => 'https://x.example/', avatar => 'dragon'], qr/There is no picture called &#39;dragon&#39;/, 'an unknown picture']) {
    $res = form_post($ada, '/avatars', 'add', @{ $bad->[0] });
    is $res->{status}, 400, "$bad->[2]: 400";
    like $res->{content}, $bad->[1], 'saying why';
}
is form_post($agnes, '/avatars', 'add', prefix => 'https://x.example/', avatar => 'owl')->{status}, 403, 'an agent may not';
my $rule = sql("SELECT r.id FROM avatar_rule r JOIN client c ON c.id = r.client_id WHERE c.slug = '$client' AND r.avatar = 'bee'")->[0][0];
is form_post($bob, '/avatars', 'delete', id => $rule)->{status}, 404, 'another client\'s administrator cannot delete a rule';

# A visitor from a page under the longer prefix gets the bee.
my $session = Baton::Test::open_channel(client => $client, agent => { %$agnes, browser => $agnes->{browser} });
my $avatar = sql("SELECT p.avatar FROM participant p JOIN channel c ON c.id = p.channel_id WHERE c.public_id = '$session->{channel}' AND p.kind = 'visitor'")->[0][0];
is $avatar, 'whale', 'a visitor from a page under the rule gets its picture';

is form_post($ada, '/avatars', 'delete', id => $rule)->{status}, 200, 'an administrator deletes a rule';
is audit_count('avatar.rule.delete', "pages $s->{URL}/demo/kids/"), 1, 'on record';
done_testing;
