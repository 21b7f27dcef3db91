#!/usr/bin/perl
# Every visitor page and e-mail in the visitor's language (issue 18,
# lib/catalogue.c): a visitor whose browser asks for Spanish, French,
# German or Portuguese gets the waiting page (its title, place, wait and
# choices, plurals right) and the transcript in that language, with no
# English left; the language picker's choice overrides the browser's and
# stays with the request (a wrong language or token is refused); the
# transcript e-mail to a Spanish visitor is in Spanish, and so is the
# confirmation of a session booked for later, its date in Spanish words,
# and the page its link opens.
use strict;
use warnings;
use utf8;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Encode qw(decode_utf8);
use POSIX qw(strftime);
use Baton::Test qw(stack sql);
use Baton::Mail qw(wait_mail mail_address);
use Baton::Calls qw(phone_client unique_number);

binmode Test::More->builder->$_, ':encoding(UTF-8)' for qw(output failure_output todo_output);
my $s = stack();

sub catalogue {
    my ($lang) = @_;
    open my $fh, '<:encoding(UTF-8)', "$s->{ROOT}/templates/lang/$lang.hdf" or die "$lang.hdf: $!";
    my %t;
    while (my $line = <$fh>) {
        $t{$1} = $2 if $line =~ /^([a-z0-9_.]+) = (.+)$/;
    }
    return \%t;
}
my %cat = map { $_ => catalogue($_) } qw(en es fr de pt);

# As the page shows a catalogue text: HTML-escaped, {n} filled.
sub shown {
    my ($text, %fill) = @_;
    $text =~ s/\{([a-z]+)\}/$fill{$1} \/\/ "{$1}"/ge;
    $text =~ s/&/&amp;/g;
    $text =~ s/</&lt;/g;
    $text =~ s/>/&gt;/g;
    $text =~ s/'/&#39;/g;
    $text =~ s/"/&quot;/g;
    return $text;
}

sub page_text {
    my ($res) = @_;
    my $html = $res->{content};
    utf8::decode($html);
    return $html;
}

# Asks for help as a browser that reads `accept` (a site that asks no
# question: the help link queues at once). Returns the browser and the id.
sub ask_in {
    my ($key, $accept) = @_;
    my $v = Baton::Test::Browser->new;
    my $res = $v->get("/help?site=$key", headers => { Referer => Baton::Test::visitor_page(),
        'Accept-Language' => $accept });
    my ($id) = ($res->{headers}{location} // '') =~ m{^/wait\?r=([0-9a-f]{32})$}
        or die "help link: $res->{status}";
    return ($v, $id);
}

my @sentences = qw(wait.title_nobody wait.none_nobody wait.choices_what wait.wait_in_case wait.later
    wait.choice_message_link);
for my $lang (qw(es fr de pt)) {
    subtest "the waiting page in $lang" => sub {
        my ($key, $client) = Baton::Test::new_help_site(ask_question => 0);
        my @asked = map { [ask_in($key, "$lang-XX,$lang;q=0.9,en;q=0.5")] } 1 .. 3;
        my @pages = map { page_text($_->[0]->get("/wait?r=$_->[1]")) } @asked;
        like $pages[0], qr/<html lang="$lang">/, 'says it is in the language the browser asked for';
        my $t = $cat{$lang};
        my @missing = grep { index($pages[0], shown($t->{$_})) < 0 } @sentences;
        is_deeply \@missing, [], 'has its words for the title, the wait nobody can tell, the choices';
        my @english = grep { index($pages[0], shown($cat{en}{$_})) >= 0 } @sentences;
        is_deeply \@english, [], 'and no English left';
        like $pages[0], qr/<span id="place">\Q${\ shown($t->{'wait.next'}) }\E<\/span>/, 'the first is next';
        like $pages[1], qr/<span id="place">\Q${\ shown($t->{'wait.ahead.one'}, n => 1) }\E<\/span>/,
            'one ahead: the singular';
        like $pages[2], qr/<span id="place">\Q${\ shown($t->{'wait.ahead.other'}, n => 2) }\E<\/span>/,
            'two ahead: the plural';
        my ($before, $after) = split /\{link\}/, $t->{'wait.choice_message'}, 2;
        my ($link, $rest) = (shown($t->{'wait.choice_message_link'}), shown($after, client => "Client $client"));
        $before = shown($before);
        like $pages[0], qr/\Q$before\E<a [^>]*id="choose-message"[^>]*>\Q$link\E<\/a>\Q$rest\E/,
            'the client\'s name in its place in the sentence';
        like $pages[0], qr/<option value="$lang" lang="$lang" selected>/, 'the language picker shows it chosen';
    };
}

subtest 'the wait in words, in the visitor\'s language and plural' => sub {
    my ($key, $client) = Baton::Test::new_help_site(ask_question => 0);
    my $agent = Baton::Test::signed_in_agent(client => $client, name => 'Busy Bea');
    # Someone at the desk, so the estimate gives a wait.
    my ($v, $id) = ask_in($key, 'de');
    my $html = page_text($v->get("/wait?r=$id"));
    my ($words) = $html =~ m{<strong id="estimate">([^<]*)</strong>} or return fail('no wait on the page');
    my $de = $cat{de};
    my @forms = map { shown($_) } grep { defined }
        @$de{qw(estimate.under_minute estimate.half_hour estimate.hour estimate.over_hour)},
        map { shown($de->{'estimate.minutes.other'}, n => $_) } 3, 5, 10, 15;
    push @forms, shown($de->{'estimate.minutes.one'});
    ok((grep { $_ eq $words } @forms), "the wait in German: $words");
    my $res = $v->get("/poll?request=$id&version=0");
    my $d = Baton::Test::json_decode($res->{content});
    ok $d && $d->{estimate_band}, 'the poll gives the wait\'s band for the page\'s script';
};

subtest 'the language picker' => sub {
    my ($key) = Baton::Test::new_help_site(ask_question => 0);
    my ($v, $id) = ask_in($key, 'de');
    like page_text($v->get("/wait?r=$id")), qr/<html lang="de">/, 'a German browser: German';
    my $csrf = $v->form_csrf;
    my $res = $v->post('/wait', form => [csrf => $csrf, r => $id, lang => 'es']);
    is $res->{status}, 303, 'choosing Spanish: 303';
    is $res->{headers}{location}, "/wait?r=$id", 'back to the waiting page';
    my $html = page_text($v->get("/wait?r=$id", headers => { 'Accept-Language' => 'de' }));
    like $html, qr/<html lang="es">/, 'now in Spanish, whatever the browser says';
    like $html, qr/\Q${\ shown($cat{es}{'wait.title_nobody'}) }\E/, 'with the Spanish words';
    is_deeply sql("SELECT lang FROM help_request WHERE public_id = '$id'"), [['es']], 'kept with the request';
    is $v->post('/wait', form => [csrf => $csrf, r => $id, lang => 'xx'])->{status}, 400,
        'a language there is no catalogue for: 400';
    is $v->post('/wait', form => [csrf => 'f' x 64, r => $id, lang => 'fr'])->{status}, 403, 'a wrong token: 403';
    my ($other, $other_id) = ask_in($key, 'fr');
    $other->get("/wait?r=$other_id");
    is $other->post('/wait', form => [csrf => $other->form_csrf, r => $id, lang => 'fr'])->{status}, 403,
        'another browser cannot change it: 403';
    is_deeply sql("SELECT lang FROM help_request WHERE public_id = '$id'"), [['es']], 'still Spanish';
    # The help page's picker: the choice goes with the question.
    my ($qkey) = Baton::Test::new_help_site(ask_question => 1);
    my $w = Baton::Test::Browser->new;
    my $help = $w->get("/help?site=$qkey", headers => { Referer => Baton::Test::visitor_page(), 'Accept-Language' => 'fr' });
    like page_text($help), qr/<select name="lang" id="help-lang">/, 'the help form has the picker';
    my ($page) = $help->{content} =~ /name="page" value="([^"]*)"/;
    $page =~ s/&amp;/&/g;
    $res = $w->post('/help', form => [csrf => Baton::Test::csrf_from($help->{content}), site => $qkey,
        page => $page, name => '', question => 'Hola', lang => 'pt'], headers => { 'Accept-Language' => 'fr' });
    my ($qid) = ($res->{headers}{location} // '') =~ m{^/wait\?r=([0-9a-f]{32})$};
    ok $qid, 'the question is asked';
    like page_text($w->get("/wait?r=$qid")), qr/<html lang="pt">/, 'Portuguese chosen on a French browser: Portuguese';
};

subtest 'the transcript and its e-mail in Spanish' => sub {
    my $c = Baton::Test::open_channel(lang => 'es');
    my ($ch, $visitor, $agent) = ($c->{channel}, $c->{visitor}, $c->{agent});
    Baton::Test::chat_say($visitor, $ch, 'Hola, necesito ayuda');
    $agent->{browser}->post('/leave', form => [channel => $ch, token => $agent->{token}],
        headers => { Origin => $s->{URL} });
    my $page = page_text($visitor->{browser}->get("/transcript?id=$ch"));
    like $page, qr/<html lang="es">/, 'the visitor\'s transcript page is in Spanish';
    like $page, qr/\Q${\ shown($cat{es}{'transcript.mail_later'}) }\E/, 'its e-mail form too';
    unlike $page, qr/\Q$cat{en}{'transcript.mail_later'}\E|Send it to me/, 'with no English left';
    my $address = mail_address('es');
    my $res = $visitor->{browser}->post('/transcript', form => [id => $ch, token => $visitor->{token},
        email => $address], headers => { Origin => $s->{URL} });
    is $res->{status}, 303, 'the visitor asks for it by e-mail';
    my ($mail) = wait_mail($address);
    ok $mail, 'the mailer sends it';
    my $name = decode_utf8(sql("SELECT name FROM channel WHERE public_id = '$ch'")->[0][0]);
    is $mail->header('Subject'), "Transcripción: $name", 'Subject in Spanish';
    like $mail->{text}, qr/^Hola:\n\naquí tiene la transcripción de su conversación con Client /, 'the text in Spanish';
    like $mail->{text}, qr/\] Visitor: Hola, necesito ayuda\n/, 'with the visitor\'s line';
    like $mail->{text}, qr/\Q$cat{es}{'mail.times_utc'}\E/, 'and the times\' zone said in Spanish';
    like $mail->{html}, qr/<html lang="es">/, 'the HTML part says it is Spanish';
    my ($footer) = split /\{client\}/, $cat{es}{'mail.sent_by'};
    like $mail->{html}, qr/\Q${\ shown($footer) }\E/, 'down to its footer';
    unlike $mail->{text} . $mail->{html}, qr/here is the transcript|Times are UTC|Sent by Baton/, 'no English left';
};

subtest '"Call us" in German' => sub {
    my $number = unique_number();
    my ($key) = phone_client(help_number => $number);
    my $v = Baton::Test::Browser->new;
    my $page = "$s->{URL}/demo/a.html";
    my $help = $v->click_help($key, referer => $page);
    my $res = $v->post('/callus', form => [csrf => Baton::Test::csrf_from($help->{content}), site => $key,
        page => $page], headers => { 'Accept-Language' => 'de-AT,de;q=0.9' });
    is $res->{status}, 200, 'a German browser asks for a code';
    my $html = page_text($res);
    like $html, qr/<html lang="de">/, 'the page is in German';
    my ($before) = split /\{number\}/, $cat{de}{'callus.dial'};
    like $html, qr/\Q${\ shown($before) }\E<strong id="callus-number">\Q$number\E<\/strong>/, 'the number in its German sentence';
    like $html, qr/<strong>\Q$cat{de}{'callus.star'}\E<\/strong>/, 'the keys by their German names';
    unlike $html, qr/When you hear the menu|valid for half an hour/, 'no English left';
};

subtest 'a booked session\'s confirmation in Spanish' => sub {
    my ($key, $client) = Baton::Test::new_help_site(ask_question => 0);
    my ($v, $id) = ask_in($key, 'es-ES,es');
    my $csrf = Baton::Test::csrf_from($v->get("/wait?r=$id&choice=schedule")->{content});
    my $address = mail_address('cita');
    my $when = time + 3 * 86400;
    my $res = $v->post('/schedule', form => [csrf => $csrf, r => $id, offset => 0, contact => $address,
        date => strftime('%Y-%m-%d', gmtime $when), time => '10:30']);
    is $res->{status}, 303, 'a session booked for three days ahead';
    my $es = $cat{es};
    my $month = $es->{'date.month.' . ((gmtime $when)[4] + 1)};
    my $weekday = $es->{'date.weekday.' . (gmtime $when)[6]};
    my $date = sprintf '%s, %d de %s de %d, 10:30 UTC', $weekday, (gmtime $when)[3], $month, (gmtime $when)[5] + 1900;
    like page_text($v->get("/wait?r=$id")), qr/\Q$date\E/, 'the waiting page gives the date in Spanish';
    my ($mail) = wait_mail($address);
    ok $mail, 'the confirmation is sent';
    is $mail && $mail->header('Subject'), "Su sesión de ayuda con Client $client: $date", 'its Subject in Spanish';
    like $mail && $mail->{text}, qr/^Hola:\n\nsu sesión de ayuda con Client \Q$client\E está reservada para el \Q$date\E\./,
        'its text too';
    unlike $mail && $mail->{text}, qr/booked|remind you/, 'no English left';
    my ($link) = ($mail ? $mail->{text} : '') =~ m{\Q$s->{URL}\E(/rejoin\?r=[0-9a-f]{32}&k=[0-9a-f]{32})};
    ok $link, 'with the link to join at the time';
    my $rejoin = page_text(Baton::Test::Browser->new->get($link // '/rejoin'));
    like $rejoin, qr/<html lang="es">/, 'whose page is in Spanish, whatever browser opens it';
    my ($booked) = split /\{time\}/, $cat{es}{'rejoin.booked'};
    $booked = shown($booked);
    like $rejoin, qr/\Q$booked\E<strong>\Q$date\E<\/strong>/, 'with the date in Spanish';
};

subtest 'the viewer\'s call, whiteboard, language notices and connection errors in the visitor\'s language' => sub {
    for my $lang (qw(es fr de pt)) {
        my $c = Baton::Test::open_channel(lang => $lang);
        my $page = page_text($c->{visitor}{browser}->get("/channel?id=$c->{channel}"));
        for my $words (qw(call-words board-words viewer-words baton-words)) {
            my ($el) = $page =~ /(<div id="$words" hidden [^>]*>)/;
            ok $el, "$lang: the viewer has #$words";
            my %attr = ($el // '') =~ /\bdata-([a-z0-9-]+)="([^"]*)"/g;
            my @empty = grep { $attr{$_} eq '' } sort keys %attr;
            is_deeply \@empty, [], "$lang: every word of #$words is filled";
            # Each attribute's value is the visitor's catalogue's, never English's.
            my %is_english = map { shown($cat{en}{$_}) => $_ } keys %{ $cat{en} };
            my %is_theirs = map { shown($cat{$lang}{$_}) => 1 } keys %{ $cat{$lang} };
            my @english = grep { $is_english{ $attr{$_} } && !$is_theirs{ $attr{$_} } } sort keys %attr;
            is_deeply \@english, [], "$lang: and none is English";
        }
        like $page, qr/data-nobody-answered="\Q@{[shown($cat{$lang}{'call.nobody_answered'})]}\E"/, "$lang: the call's words are the catalogue's";
        like $page, qr/data-lang-yours="\Q@{[shown($cat{$lang}{'chat.lang_yours'})]}\E"/, "$lang: so is the language switch's notice";
    }
};

done_testing;
