#!/usr/bin/perl
# The profile page (cgi-bin/profile.c): everyone changes their own name,
# picture, password and notification preferences, and nobody else's.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql admin new_client random_name);
use Baton::Admin qw(person operator reseller form_post audit_count);

my $client = new_client();
my $agnes = person($client, 'agent', name => 'Agnes Agent');
sub field { my ($col) = @_; sql("SELECT $col FROM agent WHERE id = $agnes->{id}")->[0][0] }

my $res = $agnes->{browser}->get('/profile');
is $res->{status}, 200, 'an agent opens her profile';
like $res->{content}, qr/value="Agnes Agent"/, 'with her name';
is form_post($agnes, '/profile', 'name', name => 'Agnes A.')->{status}, 200, 'she renames herself';
is field('display_name'), 'Agnes A.', 'stored';
like $agnes->{browser}->get('/console')->{content}, qr/Agnes A\. · /, 'shown in the top bar';
is form_post($agnes, '/profile', 'avatar', avatar => 'whale')->{status}, 200, 'she chooses a picture';
is field('avatar'), 'whale', 'stored';
is form_post($agnes, '/profile', 'avatar', avatar => 'dragon')->{status}, 400, 'not one that does not exist';
is form_post($agnes, '/profile', 'avatar', avatar => '')->{status}, 200, 'or none';
is field('avatar IS NULL'), 1, 'none stored';

$res = form_post($agnes, '/profile', 'preferences', sound_offer => 1, desktop_line => 1);
is $res->{status}, 200, 'she chooses her notifications';
is_deeply [map { field($_) } qw(sound_offer sound_line sound_supervisor desktop_offer desktop_line desktop_supervisor)],
    [1, 0, 0, 0, 1, 0], 'stored: only what she ticked';
like $res->{content}, qr/name="sound_offer" value="1" checked/, 'and shown';
unlike $res->{content}, qr/name="sound_line" value="1" checked/, 'unticked ones unticked';
is audit_count('account.preferences', $agnes->{email}), 1, 'on record';

my $second = Baton::Test::Browser->new;
$second->sign_in($agnes->{email}, $agnes->{password}, state => 'away');
$res = form_post($agnes, '/profile', 'password', current => 'wrong-password', password => 'agnes-new-pw-1', again => 'agnes-new-pw-1');
is $res->{status}, 403, 'a wrong current password: 403';
like $res->{content}, qr/Your current password is not right/, 'saying so';
is form_post($agnes, '/profile', 'password', current => $agnes->{password}, password => 'short', again => 'short')->{status}, 400, 'a short new one: 400';
$res = form_post($agnes, '/profile', 'password', current => $agnes->{password}, password => 'agnes-new-pw-1', again => 'agnes-new-pw-1');
is $res->{status}, 200, 'she changes her password';
is $agnes->{browser}->get('/console')->{status}, 200, 'staying signed in here';
is $second->get('/console')->{status}, 303, 'and signed out elsewhere';
is(Baton::Test::Browser->new->sign_in($agnes->{email}, 'agnes-new-pw-1', state => 'away')->{status}, 303, 'the new password works');
is audit_count('account.password', $agnes->{email}), 1, 'on record';

my $rex = reseller();
is $rex->{browser}->get('/profile')->{status}, 200, 'a reseller has a profile';
is form_post($rex, '/profile', 'name', name => 'Rex R.')->{status}, 200, 'and renames itself';
is form_post(operator(), '/profile', 'name', name => 'Olga O.')->{status}, 200, 'so does the operator';
is(Baton::Test::Browser->new->get('/profile')->{status}, 303, 'not signed in: to sign-in');
done_testing;
