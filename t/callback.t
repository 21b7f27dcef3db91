#!/usr/bin/perl
# "Call me back" (cgi-bin/callback.c): offered only by clients that take
# calls; numbers made E.164 with the client's country, refused with a clear
# message when they are not numbers, too short (emergency numbers), or in a
# country the client does not call; now or at a preferred time on the
# visitor's clock; from the help page or as the waiting visitor's change of
# mind (same request, same place); the waiting page says when the call
# comes; CSRF and the site check as for any help form; cancelling works.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use POSIX qw(strftime);
use Test::More;
use Baton::Test qw(stack sql admin);
use Baton::Calls qw(phone_client ask_callback request_by_id unique_number);

stack();

sub wait_id { my ($res) = @_; ($res->{headers}{location} // '') =~ m{^/wait\?r=([0-9a-f]{32})$} ? $1 : undef }

subtest 'a client without a phone line offers no call-back' => sub {
    my ($key) = Baton::Test::new_help_site(ask_question => 1);
    my $v = Baton::Test::Browser->new;
    my $res = $v->click_help($key);
    is $res->{status}, 200, 'the help page';
    unlike $res->{content}, qr/callback-form/, 'has no "call me back" form';
    my ($page) = $res->{content} =~ /name="page" value="([^"]*)"/;
    $res = $v->post('/callback', form => [csrf => Baton::Test::csrf_from($res->{content}),
        site => $key, page => $page, phone => '+12025550199']);
    is $res->{status}, 403, 'a call-back asked all the same is refused';
    like $res->{content}, qr/does not offer call-backs/, 'saying why';

    my $w = Baton::Test::Browser->new;
    my $id = $w->ask_help($key, question => 'No phone here');
    my $wait = $w->get("/wait?r=$id");
    like $wait->{content}, qr/id="choices"/, 'its waiting page lists the choices';
    unlike $wait->{content}, qr/choose-callback|callus-form/, 'without "call me back" or "call us"';
    is $w->get("/wait?r=$id&choice=callback")->{status}, 404, 'and has no call-back form page';
};

subtest 'numbers as people type them, and those refused' => sub {
    my ($key, $client) = phone_client();
    my $v = Baton::Test::Browser->new;
    my $help = $v->click_help($key);
    like $help->{content}, qr/id="callback-form"/, 'the help page offers "call me back"';
    like $help->{content}, qr{<script src="/js/callback.js" defer>}, 'with its script';
    my @bad = (
        ['call me on Monday', qr/digits only/, 'words'],
        ['911', qr/too short/, 'an emergency number'],
        ['+44 20 7946 0000', qr/countries we serve/, 'a country the client does not call'],
        ['+800 1234 5678', qr/service numbers/, 'an international service number'],
        ['', qr/phone|number/i, 'nothing'],
    );
    for my $case (@bad) {
        my $res = ask_callback($v, $key, phone => $case->[0]);
        is $res->{status}, 400, "$case->[2] refused (400)";
        like $res->{content}, $case->[1], 'with a message that says what is wrong';
    }
    is sql("SELECT COUNT(*) FROM help_request WHERE client_id = " . Baton::Test::client_id($client))->[0][0],
        0, 'and nothing was stored';

    my $number = unique_number();
    (my $national = $number) =~ s/^\+1(\d{3})(\d{3})(\d{4})$/($1) $2-$3/;
    my $res = ask_callback($v, $key, phone => $national, question => 'Is the blue one in stock?',
        email => 'vera@example.com');
    my $id = wait_id($res);
    ok $id, "\"$national\" is taken: on to the waiting page";
    my $row = request_by_id($id);
    is $row->{medium}, 'callback', 'a call-back request';
    is $row->{phone}, $number, 'with the number in E.164';
    is sql("SELECT contact, question FROM help_request WHERE public_id = '$id'")->[0][0],
        'vera@example.com', 'the e-mail address kept for the session link and news';
    my $wait = $v->get("/wait?r=$id");
    like $wait->{content}, qr{<h1>We will call you back</h1>}, 'the waiting page is the call-back\'s';
    like $wait->{content}, qr/On <strong>\Q$number\E<\/strong>/, 'and names the number';
    like $wait->{content}, qr/Cancel the call-back/, 'and offers to cancel';

    # Cancelling works as for any request.
    $res = $v->post('/cancel', form => [csrf => $v->form_csrf, r => $id]);
    is $res->{status}, 303, 'cancel';
    is request_by_id($id)->{state}, 'cancelled', 'the call-back is cancelled';
};

subtest 'a preferred time on the visitor\'s clock' => sub {
    my ($key) = phone_client();
    my $v = Baton::Test::Browser->new;
    # Two hours ahead, given on a clock five hours behind UTC (offset 300).
    my $when = time + 2 * 3600;
    my @local = gmtime($when - 300 * 60);
    my $res = ask_callback($v, $key, phone => unique_number(), when => 'later',
        date => strftime('%Y-%m-%d', @local), time => strftime('%H:%M', @local), offset => 300);
    my $id = wait_id($res);
    ok $id, 'taken';
    my $row = request_by_id($id);
    is $row->{preferred_at}, strftime('%Y-%m-%d %H:%M:00', gmtime($when)), 'stored in UTC';
    like $v->get("/wait?r=$id")->{content}, qr/We will call you at/, 'the waiting page says when';

    for my $case (['2024-02-31', '10:00', 'a day that does not exist'],
                  [strftime('%Y-%m-%d', gmtime(time - 86400)), '10:00', 'yesterday'],
                  [strftime('%Y-%m-%d', gmtime(time + 90 * 86400)), '10:00', 'in 90 days']) {
        $res = ask_callback(Baton::Test::Browser->new, $key, phone => unique_number(),
            when => 'later', date => $case->[0], time => $case->[1]);
        is $res->{status}, 400, "$case->[2]: refused";
    }
    $res = ask_callback(Baton::Test::Browser->new, $key, phone => unique_number(), when => 'later');
    is $res->{status}, 400, 'later without a day and time: refused';
    like $res->{content}, qr/Give the day and the time/, 'saying so';
};

subtest 'a waiting visitor changes their mind: the same request, called back' => sub {
    my ($key) = phone_client();
    my $v = Baton::Test::Browser->new;
    my $id = $v->ask_help($key, question => 'A chat first');
    my $wait = $v->get("/wait?r=$id");
    like $wait->{content}, qr{<a href="/wait\?r=$id&amp;choice=callback" id="choose-callback"[^>]*>Call me back</a>},
        'the waiting page offers it, nobody being at the desk (one of the estimate\'s choices)';
    my $form = $v->get("/wait?r=$id&choice=callback");
    is $form->{status}, 200, 'its form has a page of its own';
    like $form->{content}, qr{<form method="post" action="/callback" id="callback-form"}, 'the call-back form';
    like $form->{content}, qr{name="r" value="$id"}, 'for this request';
    unlike $form->{content}, qr/http-equiv="refresh"/i, 'on a page that never refreshes (nothing typed is lost)';
    my $number = unique_number();
    my $res = $v->post('/callback', form => [csrf => $v->form_csrf, r => $id, phone => $number]);
    is $res->{status}, 303, 'asked';
    is wait_id($res), $id, 'the same request';
    my $row = request_by_id($id);
    is $row->{medium}, 'callback', 'now a call-back';
    is $row->{phone}, $number, 'to that number';
    is_deeply [grep { $_ eq 'callback' } @{ Baton::Test::request_events($id) }], ['callback'],
        'the change is in the request\'s record';

    # The help link again: back to the one request, never a second.
    $res = $v->click_help($key);
    is $res->{status}, 303, 'the help link again';
    is wait_id($res), $id, 'leads back to the call-back\'s page';
    my $again = $v->post('/callback', form => [csrf => $v->form_csrf, site => $key,
        page => Baton::Test::visitor_page(), phone => $number]);
    is wait_id($again), $id, 'a second "call me back" from the same visitor keeps the one request';

    my $other = Baton::Test::Browser->new;
    $res = $other->post('/callback', form => [csrf => $other->form_csrf // ('0' x 64), r => $id,
        phone => $number]);
    ok $res->{status} == 403, 'another browser cannot change it';
};

subtest 'the form\'s checks' => sub {
    my ($key) = phone_client();
    my $v = Baton::Test::Browser->new;
    my $help = $v->click_help($key);
    my ($page) = $help->{content} =~ /name="page" value="([^"]*)"/;
    my $res = $v->post('/callback', form => [site => $key, page => $page, phone => unique_number()]);
    is $res->{status}, 400, 'no CSRF token: refused';
    $res = $v->post('/callback', form => [csrf => $v->form_csrf, site => $key,
        page => 'http://elsewhere.example/page', phone => unique_number()]);
    is $res->{status}, 403, 'a page of a site not registered: refused';
    $res = $v->post('/callback', form => [csrf => $v->form_csrf, phone => unique_number()]);
    is $res->{status}, 400, 'neither a site nor a request: refused';
    $res = $v->post('/callback', form => [csrf => $v->form_csrf, site => $key, page => $page,
        phone => unique_number(), when => 'tomorrow']);
    is $res->{status}, 400, 'an unknown "when": refused';
};

done_testing;
