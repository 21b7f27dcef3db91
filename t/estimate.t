#!/usr/bin/perl
# One estimate everywhere (lib/estimate.c): in each state of the desk
# (nobody signed in, everyone away, everyone busy, one free) the help
# button's answer (/availability), the question form, the waiting page and
# its live feed say the same about the desk, the wait and the choices. (The
# words on the help link and in the widget come from /availability:
# t/browser-widget.t looks at them in a browser.)
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use utf8;
use Test::More;
use Baton::Test qw(stack sql);

binmode Test::More->builder->$_, ':encoding(UTF-8)' for qw(output failure_output todo_output);
stack();

# A catalogue's texts (templates/lang/LANG.hdf).
sub catalogue {
    my ($lang) = @_;
    open my $fh, '<:encoding(UTF-8)', "$ENV{BATON_ROOT}/templates/lang/$lang.hdf" or die "$lang.hdf: $!";
    my %t = map { /^([a-z0-9_.]+) = (.+)$/ ? ($1 => $2) : () } <$fh>;
    return \%t;
}

# What each surface says, for a visitor about to ask and then asking.
sub surfaces {
    my ($key) = @_;
    my $b = Baton::Test::Browser->new;
    my $avail = Baton::Test::json_decode($b->get("/availability?site=$key")->{content});
    my $form = $b->click_help($key)->{content};
    my $id = $b->ask_help($key, question => 'How long?');
    my $page = $b->get("/wait?r=$id")->{content};
    my $feed = $b->request_status($id);
    my ($page_words) = $page =~ /<strong id="estimate">([^<]*)<\/strong>/;
    my ($form_words) = $form =~ /<strong id="estimate">([^<]*)<\/strong>/;
    my ($form_desk) = $form =~ /<p id="desk" class="desk desk-(\w+)">/;
    my ($page_desk) = $page =~ /data-desk="(\w+)"/;
    my ($page_choices) = $page =~ /data-choices="([^"]*)"/;
    return {
        avail => $avail, feed => $feed, page => $page, id => $id,
        form_desk => $form_desk, form_words => $form_words,
        page_desk => $page_desk, page_words => $page_words,
        page_choices => [split ' ', $page_choices // ''],
    };
}

sub agree {
    my ($s, $desk, $status, $words, $choices, $name) = @_;
    subtest $name => sub {
        is $s->{avail}{desk}, $desk, "the help button's answer: $desk";
        is $s->{avail}{status}, $status, "with the button's word: $status";
        is $s->{avail}{estimate_words}, $words, 'the help button\'s words for the wait';
        is_deeply $s->{avail}{choices}, $choices, 'and choices';
        is $s->{form_desk}, $desk, 'the question form says the same of the desk';
        is $s->{form_words}, $desk eq 'busy' ? $words : undef, 'and of the wait';
        is $s->{page_desk}, $desk, 'the waiting page: the same desk';
        is $s->{page_words}, $words, 'the same wait';
        is_deeply $s->{page_choices}, $choices, 'the same choices';
        is $s->{feed}{desk}, $desk, 'its live feed: the same desk';
        is $s->{feed}{estimate_words}, $words, 'the same wait';
        is_deeply $s->{feed}{choices}, $choices, 'the same choices';
    };
}

{
    my ($key) = Baton::Test::new_help_site(ask_question => 1);
    agree(surfaces($key), 'nobody', 'closed', undef, [qw(message schedule wait later)], 'nobody signed in');
}
{
    my ($key, $client) = Baton::Test::new_help_site(ask_question => 1);
    Baton::Test::signed_in_agent(client => $client, state => 'away');
    Baton::Test::signed_in_agent(client => $client, state => 'break');
    agree(surfaces($key), 'away', 'away', undef, [qw(message schedule wait later)], 'everyone away');
}
{
    my ($key, $client) = Baton::Test::new_help_site(ask_question => 1);
    my $agent = Baton::Test::signed_in_agent(client => $client);
    my $first = Baton::Test::Browser->new;
    my $first_id = $first->ask_help($key, question => 'first');
    my $res = $agent->{browser}->post('/accept', form => [csrf => $agent->{browser}->session_csrf, request => $first_id]);
    is $res->{status}, 303, 'the one agent takes a session (their maximum)';
    # Nobody ahead, one agent busy with one session: 30 s to accept and 300
    # to handle it (the defaults, before any session has been timed).
    agree(surfaces($key), 'busy', 'busy', 'about 5 minutes', [qw(wait schedule message later)], 'everyone busy');
    # The busy desk's sentence and the wait's words in the visitor's
    # language, each language's word order (templates/lang/LANG.hdf's
    # help.desk_busy around {estimate}, estimate.minutes.other's {n}).
    for my $lang (qw(de es fr pt)) {
        my $t = catalogue($lang);
        my $b = Baton::Test::Browser->new;
        my $avail = Baton::Test::json_decode($b->get("/availability?site=$key&lang=$lang")->{content});
        # (The queue has grown by the visitors asking above: the wait is the one now.)
        my $n = $avail->{estimate_minutes} // 0;
        my $wait = $t->{'estimate.minutes.' . ($n == 1 ? 'one' : 'other')} =~ s/\{n\}/$n/r;
        my $form = $b->get("/help?site=$key&lang=$lang", headers => { Referer => Baton::Test::visitor_page() })->{content};
        utf8::decode($form);
        my ($desk) = $form =~ /<p id="desk" class="desk desk-busy">(.*?)<\/p>/s;
        $desk = ($desk // '') =~ s/<[^>]*>//gr =~ s/&#39;/'/gr;
        is $desk, $t->{'help.desk_busy'} =~ s/\{estimate\}/$wait/r, "the help form's busy desk in $lang: \"$desk\"";
        is $avail->{lang}, $lang, "the help button's answer in $lang";
        is $avail->{words}{busy}, $t->{'widget.busy_wait'} =~ s/\{estimate\}/$wait/r, "its busy button with the wait: \"$avail->{words}{busy}\"";
    }
    my $b = Baton::Test::Browser->new;
    my $avail = Baton::Test::json_decode($b->get("/availability?site=$key", headers => { 'Accept-Language' => 'de-DE,de;q=0.9' })->{content});
    is $avail->{lang}, 'de', 'without lang=, the browser\'s language chooses the button\'s words';
    is $avail->{words}{launcher}, catalogue('de')->{'widget.launcher'}, 'and the widget\'s';
}
{
    my ($key, $client) = Baton::Test::new_help_site(ask_question => 1);
    Baton::Test::signed_in_agent(client => $client);
    my $s = surfaces($key);
    # Asking gets the request offered to the free agent at once; an offered
    # visitor is told the same: only the accept is left.
    agree($s, 'free', 'available', 'less than a minute', [qw(wait later)], 'one agent free');
}

done_testing;
