package Baton::Profiles;
# What the profile tests (t/track.t, t/myprofile.t, t/profiles.t) do as a
# visitor and as a shop's server: ask for help from a page of a site, and
# send the site's signed events to /track.
use strict;
use warnings;
use Exporter 'import';
use Digest::SHA qw(hmac_sha256_hex);
use Baton::Test qw(stack admin);

our @EXPORT_OK = qw(waiting_id ask site_secret signed_event post_event);

sub waiting_id { my ($res) = @_; ($res->{headers}{location} // '') =~ m{^/wait\?r=([0-9a-f]{32})$} ? $1 : undef }

# Asks on a site from page (a path of the stack), with form fields; the
# help page's response and the request's public id.
sub ask {
    my ($v, $key, $page, %form) = @_;
    my $help = $v->get("/help?site=$key" . ($form{query} // ''), headers => { Referer => stack()->{URL} . $page });
    return ($help, undef) unless $help->{status} == 200;
    my ($sent_page) = $help->{content} =~ /name="page" value="([^"]*)"/;
    $sent_page =~ s/&amp;/&/g;
    my @extra = map { ($_ => $form{$_}) } grep { $_ ne 'query' } sort keys %form;
    my $res = $v->post('/help', form => [csrf => Baton::Test::csrf_from($help->{content}), site => $key,
        page => $sent_page, question => 'Where is my parcel?', @extra]);
    return ($help, waiting_id($res));
}

sub site_secret { my ($key) = @_; (admin(undef, 'site', 'secret', $key) =~ /site secret: ([0-9a-f]{64})/)[0] }

# A signed event body as a shop's server sends it.
sub signed_event {
    my ($secret, $body) = @_;
    return "$body&sig=" . hmac_sha256_hex($body, $secret);
}

sub post_event {
    my ($body) = @_;
    my $b = Baton::Test::Browser->new;
    return $b->post('/track', content => $body, headers => { 'Content-Type' => 'application/x-www-form-urlencoded' });
}

1;
