#!/usr/bin/perl
# The refused-link log (cgi-bin/refused.c): help links Baton refused, for
# the operator (all) and a client's administrator (their client's).
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql admin new_client random_name);
use Baton::Admin qw(person operator reseller);

my $client = new_client();
my $other = new_client();
my ($key) = Baton::Test::new_direct_site($client);
my ($other_key) = Baton::Test::new_direct_site($other);
my $ada = person($client, 'admin');
my $agnes = person($client, 'agent');
my $olga = operator();

my $v = Baton::Test::Browser->new;
is $v->get("/help?site=$key", headers => { Referer => 'https://unregistered.example/page?x=<y>' })->{status}, 403, 'a link on an unregistered domain is refused';
$v->get("/help?site=$other_key", headers => { Referer => 'https://other-unregistered.example/' });
my $res = $ada->{browser}->get('/refused');
is $res->{status}, 200, 'an administrator reads the refusals';
like $res->{content}, qr{<td class="reason">unregistered domain</td>\s*<td class="referer">https://unregistered\.example/page\?x=&lt;y&gt;</td>}, 'why and from which page (escaped)';
unlike $res->{content}, qr/other-unregistered/, 'not another client\'s';
like $olga->{browser}->get('/refused')->{content}, qr/other-unregistered\.example/, 'the operator reads all';
is $agnes->{browser}->get('/refused')->{status}, 403, 'an agent may not';
is reseller()->{browser}->get('/refused')->{status}, 403, 'nor a reseller';
done_testing;
