#!/usr/bin/perl
# The health check for load balancers.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack);

stack();
my $b = Baton::Test::Browser->new;
my $res = $b->get('/health');
is $res->{status}, 200, 'healthy: 200';
my $version = do { local (@ARGV, $/) = "$ENV{BATON_ROOT}/VERSION"; <> } =~ s/\s+\z//r;
is $res->{content}, qq({"status":"ok","version":"$version"}\n), 'as JSON, with the version of the VERSION file';
like $res->{headers}{'content-type'}, qr{^application/json}, 'with a JSON content type';
$res = $b->post('/health', form => [x => 1]);
is $res->{status}, 405, 'POST is 405';
like $res->{content}, qr/"error":"\/health does not accept POST requests\."/, 'as a JSON error';
is $res->{headers}{allow}, 'GET, HEAD', 'with Allow';
done_testing;
