#!/usr/bin/perl
# Rating a session: once it is over for them, the visitor rates it (1 to 5
# stars, a comment if they like) from the transcript page; rating again
# changes it; nobody else can, nor before the end, nor with bad input; the
# agent report shows it (t/report.t has the figures).
use strict;
use warnings;
use utf8;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql);

my $s = stack();
my $c = Baton::Test::open_channel(agent_name => 'Rae Rated');
my $ch = $c->{channel};
my ($agent, $visitor) = @$c{qw(agent visitor)};
my $channel_id = sql("SELECT id FROM channel WHERE public_id = '$ch'")->[0][0];

# Posts the rating form as a party; json => 1 asks for a JSON answer.
sub rate {
    my ($who, %f) = @_;
    my $json = delete $f{json};
    my %form = (channel => $ch, token => $who->{token}, %f);
    return $who->{browser}->post('/rate', form => [map { defined $form{$_} ? ($_ => $form{$_}) : () } sort keys %form],
        headers => { Origin => $s->{URL}, ($json ? (Accept => 'application/json') : ()) });
}
sub rating_row {
    return sql("SELECT stars, COALESCE(comment, '-') FROM session_rating WHERE channel_id = $channel_id")->[0];
}

subtest 'not while the session goes on' => sub {
    my $page = $visitor->{browser}->get("/transcript?id=$ch")->{content};
    unlike $page, qr/id="rating"/, 'the transcript of a session still going on has no rating form';
    my $res = rate($visitor, stars => 5);
    is $res->{status}, 409, 'rating it now: 409';
    like $res->{content}, qr/The session is still going on: rate it when it is over\./, 'saying so';
};

subtest 'the visitor rates it once it is over for them' => sub {
    my $res = $visitor->{browser}->post('/leave', form => [channel => $ch, token => $visitor->{token}],
        headers => { Origin => $s->{URL} });
    is $res->{headers}{location}, "/transcript?id=$ch", 'the visitor leaves, to the transcript';
    my $page = $visitor->{browser}->get("/transcript?id=$ch")->{content};
    like $page, qr/<form method="post" action="\/rate" class="rating-form" id="rating">/, 'which offers a rating';
    like $page, qr/<legend>How was this session\?<\/legend>/, 'asking how it was';
    is scalar(() = $page =~ /<input type="radio" name="stars" value="\d"/g), 5, 'five stars to choose from';
    like $page, qr/<span class="visually-hidden">1 star<\/span>.*<span class="visually-hidden">5 stars<\/span>/s,
        'each named for people who do not see the stars';

    $res = rate($visitor, stars => 4, comment => "Quick and kind <3\nThanks");
    is $res->{status}, 303, 'rating it: 303';
    is $res->{headers}{location}, "/transcript?id=$ch#rating", 'back to the transcript';
    is_deeply rating_row(), [4, "Quick and kind <3\\nThanks"], 'stored with the comment';
    $page = $visitor->{browser}->get("/transcript?id=$ch")->{content};
    like $page, qr/<legend>Your rating: 4 of 5\. Change it\?<\/legend>/, 'the transcript shows the rating';
    like $page, qr/value="4" id="stars-4" required checked/, 'chosen';
    like $page, qr/>Quick and kind &lt;3\nThanks<\/textarea>/, 'with the comment, escaped';

    $res = rate($visitor, stars => 2, comment => '   ', json => 1);
    is $res->{status}, 200, 'rating again (JSON): 200';
    is $res->{content}, qq({"rated":2}\n), 'saying so';
    is_deeply rating_row(), [2, '-'], 'the rating is changed, a blank comment is none';
    is sql("SELECT COUNT(*) FROM session_rating WHERE channel_id = $channel_id")->[0][0], 1, 'one rating per visitor';
};

subtest 'nobody else, and no bad input' => sub {
    is rate($visitor, stars => 0)->{status}, 400, 'no stars: 400';
    is rate($visitor, stars => 6)->{status}, 400, 'six stars: 400';
    is rate($visitor, stars => 'five')->{status}, 400, 'not a number: 400';
    is rate($visitor, stars => 3, comment => 'x' x 2001)->{status}, 400, 'a comment over 2,000 characters: 400';
    is rate($visitor, stars => 3, comment => "a\x{1}b")->{status}, 400, 'control characters: 400';
    is rate($visitor, stars => 3, token => 'f' x 64)->{status}, 403, 'a wrong token: 403';
    my $res = $visitor->{browser}->post('/rate', form => [channel => $ch, token => $visitor->{token}, stars => 5],
        headers => { Origin => 'https://evil.test' });
    is $res->{status}, 403, 'from another site: 403';
    $res = rate($agent, stars => 5);
    is $res->{status}, 403, 'the agent: 403';
    like $res->{content}, qr/Only the visitor rates a session\./, 'only the visitor rates';
    my $stranger = { browser => Baton::Test::Browser->new, token => $visitor->{token} };
    is rate($stranger, stars => 5)->{status}, 403, 'a stranger with the visitor\'s token: 403';
    is_deeply rating_row(), [2, '-'], 'none of that changed the rating';
};

done_testing;
