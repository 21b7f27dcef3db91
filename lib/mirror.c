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
	return NULL;
}
