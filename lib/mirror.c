/* mirror.c - see mirror.h. */
#include <string.h>

#include "mirror.h"
#include "utf8.h"

static const char *const visitor_names[] = { "start", "snap",  "mut",  "input",    "scroll", "focus",
					     "pointer", "allow", "stop", "declined", "cannot", NULL };
static const char *const agent_names[] = { "fill", "click", "resync", NULL };

static bool listed(const char *name, size_t len, const char *const *names)
{
	for (; *names; names++)
		if (strlen(*names) == len && memcmp(*names, name, len) == 0)
			return true;
	return false;
}

/* A focus message says which element has the visitor's focus and nothing
 * else (never a value): exactly {"t":"focus","i":N} or, for a masked
 * field, {"t":"focus","i":N,"masked":true}; N is the element's number in
 * the snapshot, 0 when no element of the page has the focus. Checked to
 * the byte, so nothing can ride along with it. */
static bool focus_shaped(const char *body, size_t len)
{
	static const char head[] = "{\"t\":\"focus\",\"i\":";
	static const char masked[] = ",\"masked\":true}";
	size_t at = sizeof head - 1;
	if (len <= at || memcmp(body, head, at) != 0)
		return false;
	size_t digits = 0;
	while (at + digits < len && body[at + digits] >= '0' && body[at + digits] <= '9')
		digits++;
	if (digits == 0 || digits > 9 || (digits > 1 && body[at] == '0'))
		return false;
	at += digits;
	size_t rest = len - at;
	return (rest == 1 && body[at] == '}') || (rest == sizeof masked - 1 && memcmp(body + at, masked, rest) == 0);
}

const char *mirror_check(const char *body, size_t len, const char *sender_kind, bool *forbidden)
{
	static const char head[] = "{\"t\":\"";
	*forbidden = false;
	if (len > MIRROR_BODY_MAX)
		return "A mirror message is at most 60000 bytes: send it in parts.";
	if (!utf8_valid(body, len))
		return "A mirror message is UTF-8 text.";
	if (len < sizeof head || memcmp(body, head, sizeof head - 1) != 0 || body[len - 1] != '}')
		return "A mirror message is a JSON object that begins {\"t\":\"NAME\".";
	const char *name = body + sizeof head - 1;
	const char *end = memchr(name, '"', len - (size_t)(name - body));
	if (end == NULL)
		return "A mirror message is a JSON object that begins {\"t\":\"NAME\".";
	size_t n = (size_t)(end - name);
	bool from_visitor = listed(name, n, visitor_names), from_agent = listed(name, n, agent_names);
	if (!from_visitor && !from_agent)
		return "Unknown mirror message.";
	if (strcmp(sender_kind, "supervisor") == 0 || (from_visitor && strcmp(sender_kind, "visitor") != 0)
	    || (from_agent && strcmp(sender_kind, "agent") != 0)) {
		*forbidden = true;
		return from_visitor ? "Only the visitor shares their page." : "Only the agent acts in the visitor's page.";
	}
	if (n == 5 && memcmp(name, "focus", 5) == 0 && !focus_shaped(body, len))
		return "A focus message is {\"t\":\"focus\",\"i\":N} (N: the element, 0 for none), "
		       "with ,\"masked\":true for a private field, and nothing else.";
	return NULL;
}
