/* line_senders.c - the senders line_post found lately (line_senders.h). */
#include "line_senders.h"

#include <stdio.h>
#include <string.h>

#include "crypto.h"

enum { SLOTS = 512 };

struct slot {
	bool used;
	time_t until;
	char session[TOKEN_HEX_LEN + 1];
	char visitor[TOKEN_HEX_LEN + 1];
	char channel[TOKEN_HEX_LEN + 1];
	char token[TOKEN_HEX_LEN + 1];
	struct line_sender sender;
};

/* Per process: a FastCGI program answers one request at a time. */
static struct slot slots[SLOTS];

/* The token's hash is a SHA-256 in hex, so its first characters spread
 * senders evenly over the slots; anything else lands in slot 0. */
static struct slot *slot_of(const struct line_sender_key *key)
{
	unsigned long h = 0;
	for (int i = 0; i < 8 && key->token[i] != '\0'; i++)
		h = h * 31 + (unsigned char)key->token[i];
	return &slots[h % SLOTS];
}

static bool fits(const char *value)
{
	return value == NULL || strlen(value) <= TOKEN_HEX_LEN;
}

static bool same(const char *kept, const char *value)
{
	return strcmp(kept, value ? value : "") == 0;
}

static bool holds(const struct slot *s, const struct line_sender_key *key)
{
	return s->used && same(s->session, key->session) && same(s->visitor, key->visitor)
	       && same(s->channel, key->channel) && same(s->token, key->token);
}

static bool usable(const struct line_sender_key *key)
{
	return key->channel != NULL && key->token != NULL && fits(key->session)
	       && fits(key->visitor) && fits(key->channel) && fits(key->token);
}

bool line_senders_find(const struct line_sender_key *key, time_t now, struct line_sender *out)
{
	if (!usable(key))
		return false;
	struct slot *s = slot_of(key);
	if (!holds(s, key) || now >= s->until)
		return false;
	*out = s->sender;
	return true;
}

static void copy(char kept[TOKEN_HEX_LEN + 1], const char *value)
{
	snprintf(kept, TOKEN_HEX_LEN + 1, "%s", value ? value : "");
}

void line_senders_remember(const struct line_sender_key *key, time_t now,
			   const struct line_sender *sender)
{
	if (!usable(key))
		return;
	struct slot *s = slot_of(key);
	copy(s->session, key->session);
	copy(s->visitor, key->visitor);
	copy(s->channel, key->channel);
	copy(s->token, key->token);
	s->sender = *sender;
	s->until = now + LINE_SENDER_SECONDS;
	s->used = true;
}

void line_senders_forget(const struct line_sender_key *key)
{
	if (!usable(key))
		return;
	struct slot *s = slot_of(key);
	if (holds(s, key))
		s->used = false;
}
