#!/usr/bin/perl
# Voice messages (cgi-bin/voicemail.c): audio for the staff of the
# message's client only; unknown ids are as unknown as other clients'.
# (t/ivr.t records one on the phone and plays it from the console.)
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql);

stack();

my $agent = Baton::Test::signed_in_agent(name => 'Vic Voice');
my $cid = Baton::Test::client_id($agent->{client});
# A message as the dialer stores one (a call, then its audio): a fixture.
my $wav = 'RIFF' . pack('V', 36 + 1600) . 'WAVEfmt ' . pack('VvvVVvv', 16, 1, 1, 8000, 16000, 2, 16)
    . 'data' . pack('V', 1600) . ("\x10\x00" x 800);
my $hex = unpack 'H*', $wav;
sql("INSERT INTO phone_call (public_id, client_id, direction, number, state, created_at)"
    . " VALUES (MD5(RAND()), $cid, 'inbound', '+15550001111', 'ended', NOW(3))");
my $call = sql("SELECT MAX(id) FROM phone_call")->[0][0];
my $public = 'a' x 32;
sql("DELETE FROM voice_message WHERE public_id = '$public'");
sql("INSERT INTO voice_message (public_id, client_id, call_id, seconds, audio, created_at)"
    . " VALUES ('$public', $cid, $call, 0, UNHEX('$hex'), NOW(3))");

my $res = $agent->{browser}->get("/voicemail?id=$public");
is $res->{status}, 200, 'the client\'s agent gets it';
is $res->{headers}{'content-type'}, 'audio/wav', 'as WAV';
is $res->{content}, $wav, 'byte for byte (binary safe)';
like $res->{headers}{'content-disposition'} // '', qr/^inline/, 'to play in the page';

my $other = Baton::Test::signed_in_agent(name => 'Olga Other');
is $other->{browser}->get("/voicemail?id=$public")->{status}, 404, 'another client\'s agent: 404';
is $agent->{browser}->get('/voicemail?id=' . ('b' x 32))->{status}, 404, 'an unknown id: 404';
my $anon = Baton::Test::Browser->new->get("/voicemail?id=$public");
is $anon->{status}, 303, 'not signed in: sent to sign in';
is $agent->{browser}->get('/voicemail')->{status}, 400, 'no id: 400';
sql("DELETE FROM voice_message WHERE public_id = '$public'");

done_testing;
