#!/usr/bin/perl
# `make run`'s demo, as README's tour step 14 shows it (issue 16): a stack
# of its own is started with the demo (tools/stack start --demo, which runs
# baton-admin demo as `make run` does) and stopped again. Grace, the Demo
# Shop's gold customer, follows the help link of her account page
# (/demo/gold.html, signed for her) and is offered video and call-back; an
# anonymous visitor of the shop's home page is offered neither; the demo
# client has two sites sharing its visitors' profiles.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use File::Temp qw(tempdir);
use Test::More;
use Baton::Test qw(stack);

my $s = stack();
my $stack = "$s->{ROOT}/tools/stack";
my $base = tempdir('baton-demo.XXXXXX', TMPDIR => 1, CLEANUP => 1);
chmod 0711, $base or die "chmod $base: $!";
my $dir = "$base/s";
my $out = qx{"$stack" start "$dir" --demo 2>&1};
is $?, 0, 'a stack with the demo starts' or diag $out;
END { system("\"$stack\" stop \"$dir\" >/dev/null 2>&1") if $dir && -d "$dir/run" }
my ($url) = (do { local (@ARGV, $/) = ("$dir/env"); <> } // '') =~ /^export BATON_URL=(\S+)$/m
    or BAIL_OUT("no BATON_URL in $dir/env");

# The help link of a demo page, followed as a browser would from that page.
sub help_from {
    my ($page) = @_;
    my $v = Baton::Test::Browser->new(base => $url);
    my $html = $v->get("/demo/$page")->{content} // '';
    my ($href) = $html =~ m{<a href="\Q$url\E(/help\?[^"]+)"[^>]*data-baton-help} or return undef;
    $href =~ s/&amp;/&/g;
    return $v->get($href, headers => { Referer => "$url/demo/$page" });
}

my $sites = qx{"$s->{ROOT}/tools/baton-admin" --conf "$dir/baton.conf" site list demo 2>&1};
is scalar(() = $sites =~ /^.*\t[0-9a-f]{32}/mg), 2, 'the demo client has two sites (the shop and its blog)'
    or diag $sites;

my $grace = help_from('gold.html');
ok $grace, 'gold.html has a help link';
is $grace->{status}, 200, 'Grace\'s signed help link is taken' or diag $grace->{content};
like $grace->{content}, qr/name="name"[^>]*value="Grace Gold"/, 'her name is filled in';
like $grace->{content}, qr/id="offer-video"/, 'Grace is offered video';
like $grace->{content}, qr/id="callback-form"/, 'and a call-back';

my $anonymous = help_from('index.html');
is $anonymous->{status}, 200, 'an anonymous visitor of the shop asks';
unlike $anonymous->{content}, qr/id="offer-video"/, 'and is not offered video';
unlike $anonymous->{content}, qr/id="callback-form"/, 'nor a call-back';

$out = qx{"$stack" stop "$dir" 2>&1};
is $?, 0, 'and the stack stops' or diag $out;
done_testing;
