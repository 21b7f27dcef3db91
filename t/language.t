#!/usr/bin/perl
# A visitor who writes another language than the one Baton serves them in
# (lib/lang_switch.c): detection after the line is stored, with enough text
# to be sure (a line of LANG_SWITCH_MIN_BYTES or more, one language
# standing out), an offer to the conversation's staff only, once a
# language; /language switching the visitor's language (staff of the
# conversation only, the page's token, JSON errors for bad input), archived
# as an event, the visitor's page and the translation following.
use strict;
use warnings;
use utf8;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql);

my $s = stack();
binmode Test::More->builder->$_, ':encoding(UTF-8)' for qw(output failure_output todo_output);

my $c = Baton::Test::open_channel(lang => 'en', agent_name => 'Ed English');
my $ch = $c->{channel};
my ($agent, $visitor) = @$c{qw(agent visitor)};
my $cid = sql("SELECT id FROM channel WHERE public_id = '$ch'")->[0][0];
my $ids = Baton::Test::participant_ids($agent, $ch);

sub events_after {
    my ($who, $after) = @_;
    my ($res, $d) = Baton::Test::chat_poll($who, $ch, after => $after);
    die "poll: $res->{status}" unless $res->{status} == 200;
    return $d->{events};
}
sub kinds { [map { $_->{kind} } @{ $_[0] }] }
sub offers { sql("SELECT seq, lang, participant_id FROM channel_event WHERE channel_id = $cid AND kind = 'lang_offer' ORDER BY seq") }

subtest 'detection: too little text, then Spanish, offered to staff only' => sub {
    my ($res, $d) = Baton::Test::chat_say($visitor, $ch, 'Hola', cmid => 'v1');
    is $res->{status}, 200, 'a short line is stored';
    is_deeply offers(), [], 'one word is too little to tell: no offer';
    ($res, $d) = Baton::Test::chat_say($visitor, $ch, 'Hola, necesito ayuda con mi pedido, no ha llegado todavía.', cmid => 'v2');
    is $res->{status}, 200, 'a Spanish sentence is stored';
    my $seq = $d->{seq};
    is sql("SELECT kind, lang FROM channel_event WHERE channel_id = $cid AND seq = $seq")->[0][0], 'line',
        'the line has its seq before anything is detected';
    is_deeply offers(), [[$seq + 1, 'es', $ids->{visitor}]], 'then an offer follows it: Spanish, from the visitor';
    my $ev = events_after($agent, $seq - 1);
    is_deeply kinds($ev), ['line', 'lang_offer'], 'the agent gets the line, then the offer';
    is $ev->[1]{lang}, 'es', 'which names Spanish';
    is $ev->[1]{from}, $ids->{visitor}, 'and the visitor';
    is_deeply kinds(events_after($visitor, $seq - 1)), ['line'], 'the visitor never sees it';
    unlike $visitor->{browser}->get("/channel?id=$ch")->{content}, qr/lang_offer|id="lang-offer"/, 'nor on their page';
    like $agent->{browser}->get("/channel?id=$ch")->{content}, qr/class="event event-lang_offer"[^>]*data-lang="es"[^>]*data-from="$ids->{visitor}"/,
        'the agent\'s page has it, for language.js';

    Baton::Test::chat_say($visitor, $ch, '¿Dónde está mi paquete? Lo pedí el lunes pasado.', cmid => 'v3');
    is scalar @{ offers() }, 1, 'more Spanish: no second offer of the same language';
    Baton::Test::chat_say($agent, $ch, 'Hola, lo siento, no hablo bien el español, pero lo intentaré.', cmid => 'a1');
    is scalar @{ offers() }, 1, 'the agent writing Spanish offers nothing: only visitors are detected';
};

subtest 'an English visitor writing English: nothing offered' => sub {
    my $e = Baton::Test::open_channel(lang => 'en');
    my $ecid = sql("SELECT id FROM channel WHERE public_id = '$e->{channel}'")->[0][0];
    Baton::Test::chat_say($e->{visitor}, $e->{channel}, 'Hello, I need some help with my order, it has not arrived yet.');
    Baton::Test::chat_say($e->{visitor}, $e->{channel}, 'Can you tell me where my parcel is now?');
    is sql("SELECT COUNT(*) FROM channel_event WHERE channel_id = $ecid AND kind = 'lang_offer'")->[0][0], 0, 'no offer';
    # This other conversation's agent is a stranger to the first one.
    my ($res, $d) = Baton::Test::party_post($e->{agent}, '/language', $ch, [visitor => $ids->{visitor}, lang => 'es']);
    is $res->{status}, 403, 'another conversation\'s agent cannot switch this one\'s visitor';
    ok $d && $d->{error}, "a JSON error: $d->{error}";
};

subtest 'switching: who may, and bad input' => sub {
    my @form = (visitor => $ids->{visitor}, lang => 'es');
    my ($res, $d) = Baton::Test::party_post($visitor, '/language', $ch, \@form);
    is $res->{status}, 403, 'the visitor cannot switch it';
    like $d->{error}, qr/staff/, "JSON: $d->{error}";
    my $sup = Baton::Test::monitoring_supervisor($c->{client}, $ch);
    ($res, $d) = Baton::Test::party_post($sup, '/language', $ch, \@form);
    is $res->{status}, 403, 'a supervisor watching silently cannot: it would give them away';
    like $d->{error}, qr/silently/, "JSON: $d->{error}";
    unlike $sup->{browser}->get("/channel?id=$ch")->{content}, qr/id="lang-offer"/, 'nor is offered to';
    ($res, $d) = Baton::Test::party_post($agent, '/language', $ch, \@form, token => 'f' x 64);
    is $res->{status}, 403, 'without the page\'s token: refused';
    ($res, $d) = Baton::Test::party_post($agent, '/language', $ch, \@form, origin => 'https://evil.example');
    is $res->{status}, 403, 'from another site: refused';
    ($res, $d) = Baton::Test::party_post($agent, '/language', $ch, [visitor => $ids->{visitor}, lang => 'es;drop']);
    is $res->{status}, 400, 'a language that is no tag: 400';
    like $d->{error}, qr/lang/, "saying which field: $d->{error}";
    ($res, $d) = Baton::Test::party_post($agent, '/language', $ch, [lang => 'es']);
    is $res->{status}, 400, 'no visitor named: 400';
    ok $d && $d->{error}, "JSON: $d->{error}";
    ($res, $d) = Baton::Test::party_post($agent, '/language', $ch, [visitor => $ids->{agent}, lang => 'es']);
    is $res->{status}, 400, 'the agent is no visitor: 400';
    like $d->{error}, qr/visitor/, "JSON: $d->{error}";
    ($res, $d) = Baton::Test::party_post($agent, '/language', $ch, [visitor => 'abc', lang => 'es']);
    is $res->{status}, 400, 'a visitor that is no number: 400';
    # Errors in the reader's language: a visitor's browser's, English for staff.
    my %german = (Accept => 'application/json', Origin => $s->{URL}, 'Accept-Language' => 'de');
    $res = $agent->{browser}->post('/language', form => [channel => $ch, token => $agent->{token}, lang => 'es'], headers => \%german);
    is Baton::Test::json_decode($res->{content})->{error}, "The field 'visitor' is required.", 'an agent with a German browser reads the error in English';
    $res = $visitor->{browser}->post('/say', form => [channel => $ch, token => $visitor->{token}, text => ' '], headers => \%german);
    is Baton::Test::json_decode($res->{content})->{error}, 'Die Zeile ist leer.', 'a visitor with one reads theirs in German';
    $res = $agent->{browser}->get("/language?channel=$ch");
    ok $res->{status} == 405 || $res->{status} == 400, "GET is no way to switch: $res->{status}";
    is sql("SELECT COUNT(*) FROM channel_event WHERE channel_id = $cid AND kind = 'lang'")->[0][0], 0,
        'nothing was switched';
    is sql("SELECT COALESCE(lang, 'none') FROM participant WHERE id = $ids->{visitor}")->[0][0], 'none', 'the visitor\'s language untouched';
};

subtest 'the agent accepts: the visitor reads Spanish, archived' => sub {
    my $before = sql("SELECT last_seq FROM channel WHERE id = $cid")->[0][0];
    my ($res, $d) = Baton::Test::party_post($agent, '/language', $ch, [visitor => $ids->{visitor}, lang => 'es-ES']);
    is $res->{status}, 200, 'the agent switches the visitor to Spanish';
    is_deeply [@$d{qw(lang changed)}], ['es', JSON::PP::true], 'answered with the language (its base)';
    is sql("SELECT lang FROM participant WHERE id = $ids->{visitor}")->[0][0], 'es', 'the visitor reads Spanish in this conversation';
    is sql("SELECT lang FROM help_request WHERE public_id = '$c->{request}'")->[0][0], 'es', 'and their request says so (e-mails)';
    is_deeply sql("SELECT kind, participant_id, recipient_participant_id, lang FROM channel_event WHERE channel_id = $cid AND seq = $d->{seq}"),
        [['lang', $ids->{agent}, $ids->{visitor}, 'es']], 'archived: who switched whom to what';
    for my $who ($agent, $visitor) {
        my $ev = events_after($who, $before);
        is_deeply [map { [@$_{qw(kind to lang)}] } @$ev], [['lang', $ids->{visitor}, 'es']], 'each sees the switch';
    }
    my $page = $visitor->{browser}->get("/channel?id=$ch")->{content};
    utf8::decode($page);
    like $page, qr/<html lang="es">/, 'the visitor\'s page is in Spanish now';
    like $page, qr/id="channel"[^>]*data-lang="es"/, 'and reads lines in Spanish';
    like $page, qr/Ed English cambió su idioma a español\./, 'it says who switched it, in Spanish';
    like $agent->{browser}->get("/channel?id=$ch")->{content}, qr/Ed English switched the visitor&#39;s language to Spanish\./,
        'the agent\'s page says it in English';
    ($res, $d) = Baton::Test::party_post($agent, '/language', $ch, [visitor => $ids->{visitor}, lang => 'es']);
    is_deeply [$res->{status}, $d->{changed}, $d->{seq}], [200, JSON::PP::false, 0], 'switching again to the same: nothing to do';
    my $session = $agent->{browser}->get("/session?id=$ch");
    like $session->{content}, qr/switched Visitor(?:'|&#39;)s language to es/, 'the archive shows the switch' if $session->{status} == 200;

    ($res, $d) = Baton::Test::chat_say($visitor, $ch, 'Muchas gracias por su ayuda, ahora lo entiendo.', cmid => 'v4');
    is sql("SELECT lang FROM channel_event WHERE channel_id = $cid AND seq = $d->{seq}")->[0][0], 'es', 'the visitor\'s next line is stored as Spanish';
    is scalar @{ offers() }, 1, 'and Spanish is no longer offered';
    SKIP: {
        skip 'no Apertium in this stack', 2 unless $ENV{BATON_APERTIUM_PORT};
        my $ev = events_after($agent, $d->{seq} - 1);
        is_deeply [map { [@$_{qw(kind lang)}] } @$ev[0, 1]], [['line', 'es'], ['translation', 'en']], 'the agent gets it translated into English';
        ($res, $d) = Baton::Test::chat_say($agent, $ch, 'Your order is on the way.', cmid => 'a2');
        $ev = events_after($visitor, $d->{seq} - 1);
        is_deeply [map { [@$_{qw(kind lang)}] } @$ev[0, 1]], [['line', 'en'], ['translation', 'es']], 'and the visitor the agent\'s into Spanish';
    }
    Baton::Test::chat_say($visitor, $ch, 'Sorry, actually I would rather write in English, if that is fine with you.', cmid => 'v5');
    is_deeply [map { $_->[1] } @{ offers() }], ['es', 'en'], 'writing English now: English is offered back';
};

subtest 'the same rule from the shell: baton-admin detect' => sub {
    my $admin = sub {
        my @quoted = map { my $a = $_; utf8::encode($a); quotemeta $a } @_;
        my $out = qx{"$s->{ROOT}/tools/baton-admin" --conf "$s->{CONF}" @quoted 2>&1 < /dev/null};
        utf8::decode($out);
        return ($out, $? >> 8);
    };
    my ($out, $rc) = $admin->('detect', 'Hola, necesito ayuda con mi pedido, no ha llegado todavía.', 'en');
    is_deeply [$out, $rc], ["es\n", 0], 'a Spanish sentence from a visitor served English: Spanish is offered';
    ($out, $rc) = $admin->('detect', 'Hola, necesito ayuda con mi pedido, no ha llegado todavía.', 'es-MX');
    like $out, qr/^no offer: .* or it is es-MX$/, 'served Spanish already: no offer';
    ($out, $rc) = $admin->('detect', 'Hola, buenos días');
    like $out, qr/^no offer: too little text \(under 40 bytes or 5 words\)/, 'too short: no offer, saying why';
    ($out, $rc) = $admin->('detect', 'x' x 200, 'en');
    like $out, qr/^no offer/, 'a run of one letter is no sentence (n-grams alone would call it French)';
};

done_testing();
