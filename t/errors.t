#!/usr/bin/perl
# Hostile and broken requests get a clear 4xx that says what is wrong, as
# HTML or JSON, never a 500 or a crash - through nginx and, for what nginx
# would not pass, straight into a program run as plain CGI.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack new_agent);

my $s = stack();
my $b = Baton::Test::Browser->new;
my $csrf = Baton::Test::csrf_from($b->get('/signin')->{content});

sub post_raw {
    my ($body, %headers) = @_;
    return $b->post('/signin', content => $body,
        headers => { 'Content-Type' => 'application/x-www-form-urlencoded', %headers });
}

my @cases = (
    ['broken %-escape', "csrf=$csrf&email=a%ZZ", 400, qr/A parameter has a broken %-escape\./],
    ['invalid UTF-8', "csrf=$csrf&email=%C3%28&password=x", 400, qr/A parameter is not valid UTF-8 text\./],
    ['a NUL byte', "csrf=$csrf&email=a%00b&password=x", 400, qr/not valid UTF-8/],
    ['a missing field', "csrf=$csrf&email=a\@b.co", 400, qr/The field &#39;password&#39; is required\./],
    ['a malformed e-mail', "csrf=$csrf&email=nope&password=x", 400, qr/The field &#39;email&#39; must be an e-mail address\./],
    ['an over-long field', "csrf=$csrf&email=a\@b.co&password=" . ('x' x 1025), 400, qr/The field &#39;password&#39; is too long \(at most 1024 characters\)\./],
    ['a field given twice', "csrf=$csrf&email=a\@b.co&email=c\@d.co&password=x", 400, qr/The field &#39;email&#39; is given more than once\./],
    ['a bad choice', "csrf=$csrf&email=a\@b.co&password=x&state=sleeping", 400, qr/must be one of: available, break, away/],
    ['a bad token', "csrf=xyz&email=a\@b.co&password=x", 400, qr/The field &#39;csrf&#39; is not a valid token\./],
);
for my $case (@cases) {
    my ($name, $body, $status, $message) = @$case;
    my $res = post_raw($body);
    is $res->{status}, $status, "$name: $status";
    like $res->{content}, $message, "$name: the page says what is wrong";
}

my $res = post_raw("csrf=$csrf&email=%C3%28", Accept => 'application/json');
is $res->{status}, 400, 'JSON clients get the same status';
is $res->{content}, qq({"error":"A parameter is not valid UTF-8 text.","status":400}\n), 'and a JSON error';

$res = $b->post('/signin', content => "csrf=$csrf", headers => { 'Content-Type' => 'text/plain' });
is $res->{status}, 415, 'a body that is not a form: 415';
like $res->{content}, qr/Send the form as application\/x-www-form-urlencoded\./, 'saying what to send';

$res = post_raw('x=' . ('y' x 70_000));
is $res->{status}, 413, 'an oversized body is refused (413)';

$res = $b->get('/signin?signed_out=%E0%80%80');
is $res->{status}, 400, 'invalid UTF-8 in the query: 400';
$res = $b->get('/signin?signed_out=7');
is $res->{status}, 400, 'an out-of-range query value: 400';
like $res->{content}, qr/The field &#39;signed_out&#39; must be a whole number from 0 to 1\./, 'saying so';

for my $method (qw(PUT DELETE PATCH)) {
    $res = $b->request($method, '/signin');
    is $res->{status}, 405, "$method: 405";
    is $res->{headers}{allow}, 'GET, HEAD, POST', "$method: with Allow";
}
$res = $b->request('HEAD', '/signin');
is $res->{status}, 200, 'HEAD works';
is $res->{content} // '', '', 'without a body';

# What nginx would refuse or fix before a program sees it, sent straight to
# the program as plain CGI: the program must still answer sensibly.
sub cgi {
    my (%env) = @_;
    my $body = delete $env{BODY} // '';
    local %ENV = (%ENV, BATON_CONF => $s->{CONF}, SCRIPT_NAME => '/signin', REMOTE_ADDR => '192.0.2.9', %env);
    open my $fh, '|-', "\"$s->{ROOT}/cgi-bin/signin.fcgi\" > $s->{DIR}/tmp/cgi-out 2>&1" or die;
    print {$fh} $body;
    close $fh;
    open my $in, '<', "$s->{DIR}/tmp/cgi-out" or die;
    local $/;
    return scalar <$in>;
}
my $out = cgi(REQUEST_METHOD => 'POST', CONTENT_TYPE => 'application/x-www-form-urlencoded');
like $out, qr/^Status: 411 /, 'a POST without Content-Length: 411';
$out = cgi(REQUEST_METHOD => 'POST', CONTENT_LENGTH => '9999999', CONTENT_TYPE => 'application/x-www-form-urlencoded');
like $out, qr/^Status: 413 /, 'a Content-Length over the limit: 413 without reading it';
like $out, qr/too large \(at most 65536 bytes\)/, 'naming the limit';
$out = cgi(REQUEST_METHOD => 'POST', CONTENT_LENGTH => '100', CONTENT_TYPE => 'application/x-www-form-urlencoded', BODY => 'a=b');
like $out, qr/^Status: 400 .*shorter than its Content-Length/s, 'a truncated body: 400';
$out = cgi(REQUEST_METHOD => 'POST', CONTENT_LENGTH => 'ten', CONTENT_TYPE => 'application/x-www-form-urlencoded');
like $out, qr/^Status: 400 /, 'a non-numeric Content-Length: 400';
$out = cgi(REQUEST_METHOD => 'GET', QUERY_STRING => 'x=' . ('a' x 9000));
like $out, qr/^Status: 400 .*query string is too long/s, 'an over-long query string: 400';
$out = cgi(REQUEST_METHOD => 'GET', HTTP_HOST => "evil\"><script>");
like $out, qr/^Status: 400 .*Host header is malformed/s, 'a malformed Host: 400';
$out = cgi(REQUEST_METHOD => 'GET', HTTP_COOKIE => 'baton_session=' . ('z' x 5000) . '; ;;=;a');
like $out, qr/^Status: 200 /, 'junk cookies are ignored';
$out = cgi();
like $out, qr/^Status: 405 /, 'no method at all: 405';

is $b->get('/health')->{status}, 200, 'after all that, everything still answers';
done_testing;
