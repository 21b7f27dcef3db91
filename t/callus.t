#!/usr/bin/perl
# "Call us" (cgi-bin/callus.c): the help number and a six-digit code tied to
# the visitor and the page they read; the same code again while it is
# valid (its page brought up to date), another for another visitor; from
# the waiting page too; only for clients with a help number; the form's
# checks. (t/ivr.t keys the code in on the phone.)
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql);
use Baton::Calls qw(phone_client unique_number);

my $s = stack();

sub call_us {
    my ($v, $key, $page, %o) = @_;
    my $help = $v->click_help($key, referer => $page);
    return $v->post('/callus', form => [csrf => Baton::Test::csrf_from($help->{content}), site => $key,
        page => $page], headers => { ($o{json} ? (Accept => 'application/json') : ()) });
}

my ($plain) = phone_client();
my $res = call_us(Baton::Test::Browser->new, $plain, "$s->{URL}/demo/a.html");
is $res->{status}, 403, 'a client without a help number: refused';
like $res->{content}, qr/takes no phone calls/, 'saying so';

my $number = unique_number();
my ($key, $client, $cid) = phone_client(help_number => $number);
my $v = Baton::Test::Browser->new;
like $v->click_help($key)->{content}, qr/call us on <strong>\Q$number\E/i, 'the help page offers it';
$res = call_us($v, $key, "$s->{URL}/demo/a.html");
is $res->{status}, 200, '"call us"';
my ($code) = $res->{content} =~ /id="callus-code">(\d{6})</;
ok $code, "a page with the code ($code)";
like $res->{content}, qr/id="callus-number">\Q$number\E</, 'and the number to dial';
my $row = sql("SELECT visitor_id, page_url, TIMESTAMPDIFF(MINUTE, NOW(3), expires_at) FROM call_code"
    . " WHERE client_id = $cid AND code = '$code'")->[0];
is $row->[1], "$s->{URL}/demo/a.html", 'tied to the page';
ok $row->[2] >= 29 && $row->[2] <= 30, 'valid for half an hour';

$res = call_us($v, $key, "$s->{URL}/demo/b.html", json => 1);
my $json = Baton::Test::json_decode($res->{content});
is_deeply [$json->{number}, $json->{code}, $json->{minutes}], [$number, $code, 30],
    'again (as JSON, for the widget): the same code';
is sql("SELECT page_url FROM call_code WHERE client_id = $cid AND code = '$code'")->[0][0],
    "$s->{URL}/demo/b.html", 'now for the page read now';
is sql("SELECT COUNT(*) FROM call_code WHERE client_id = $cid AND visitor_id = $row->[0]")->[0][0], 1,
    'one code per visitor';

my $w = Baton::Test::Browser->new;
my $other = Baton::Test::json_decode(call_us($w, $key, "$s->{URL}/demo/a.html", json => 1)->{content});
isnt $other->{code}, $code, 'another visitor gets another code';

my $waiting = Baton::Test::Browser->new;
my $id = $waiting->ask_help($key, question => 'Can I phone?');
$res = $waiting->post('/callus', form => [csrf => $waiting->form_csrf, r => $id],
    headers => { Accept => 'application/json' });
is $res->{status}, 200, 'from the waiting page';
my $wcode = Baton::Test::json_decode($res->{content})->{code};
is sql("SELECT page_url FROM call_code WHERE client_id = $cid AND code = '$wcode'")->[0][0],
    sql("SELECT page_url FROM help_request WHERE public_id = '$id'")->[0][0], 'tied to the request\'s page';
$res = Baton::Test::Browser->new->post('/callus', form => [csrf => '0' x 64, r => $id]);
is $res->{status}, 403, 'someone else\'s request: refused';

$res = $v->post('/callus', form => [site => $key, page => "$s->{URL}/demo/a.html"]);
is $res->{status}, 400, 'no CSRF token: refused';
$res = $v->post('/callus', form => [csrf => $v->form_csrf, site => $key, page => 'http://elsewhere.example/x']);
is $res->{status}, 403, 'a page of a site not registered: refused';
$res = $v->post('/callus', form => [csrf => $v->form_csrf]);
is $res->{status}, 400, 'neither site nor request: refused';

done_testing;
