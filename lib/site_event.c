/* site_event.c - parsing and checking a site's signed event (site_event.h). */
#include "site_event.h"

#include <string.h>

#include "crypto.h"
#include "input.h"
#include "pool.h"

enum { EV_SITE, EV_TIME, EV_CUSTOMER, EV_EVENT, EV_NAME, EV_EMAIL, EV_PLAN, EV_ORDERS, EV_DETAIL,
       EV__MAX };
static const struct input event_inputs[EV__MAX] = {
	[EV_SITE] = { "site", INPUT_KEY, true, 32, 0, 0, NULL },
	[EV_TIME] = { "time", INPUT_INT, true, 0, 0, 99999999999LL, NULL },
	[EV_CUSTOMER] = { "customer", INPUT_LINE, true, 100, 0, 0, NULL },
	[EV_EVENT] = { "event", INPUT_LINE, true, SITE_EVENT_NAME_MAX, 0, 0, NULL },
	[EV_NAME] = { "name", INPUT_LINE, false, 100, 0, 0, NULL },
	[EV_EMAIL] = { "email", INPUT_EMAIL, false, 254, 0, 0, NULL },
	[EV_PLAN] = { "plan", INPUT_LINE, false, 40, 0, 0, NULL },
	[EV_ORDERS] = { "orders", INPUT_INT, false, 0, 0, 1000000000LL, NULL },
	[EV_DETAIL] = { "detail", INPUT_LINE, false, 500, 0, 0, NULL },
};

bool site_event_name_valid(const char *name)
{
	size_t n = strlen(name);
	if (n == 0 || n > SITE_EVENT_NAME_MAX)
		return false;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')
		      || *p == '-' || *p == '_' || *p == '.'))
			return false;
	return true;
}

static bool is_lower_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

int site_event_parse(struct pool *pool, const char *body, size_t len, struct site_event *ev,
		     const char **error)
{
	static const char sig_field[] = "&sig=";
	const size_t sig_field_len = sizeof sig_field - 1;
	memset(ev, 0, sizeof *ev);
	ev->orders = -1;
	/* The signature covers bytes: a NUL would let a C string end early. */
	if (memchr(body, '\0', len) != NULL) {
		*error = "The event holds a NUL byte.";
		return -1;
	}
	if (len < sig_field_len + TOKEN_HEX_LEN
	    || memcmp(body + len - TOKEN_HEX_LEN - sig_field_len, sig_field, sig_field_len) != 0
	    || !is_lower_hex(body + len - TOKEN_HEX_LEN, TOKEN_HEX_LEN)) {
		*error = "The event must end with &sig= and its HMAC-SHA256 in lower-case hex "
			 "(INSTALL: Site events).";
		return -1;
	}
	size_t signed_len = len - TOKEN_HEX_LEN - sig_field_len;
	ev->signed_part = pool_strndup(pool, body, signed_len);
	ev->sig = pool_strndup(pool, body + signed_len + sig_field_len, TOKEN_HEX_LEN);
	struct param *params = input_parse_urlencoded(pool, ev->signed_part, signed_len, error);
	if (params == NULL) {
		if (*error == NULL)
			*error = "The event has no fields.";
		return -1;
	}
	const char *in[EV__MAX];
	long long num[EV__MAX];
	if (input_validate(pool, params, event_inputs, EV__MAX, in, num, error) != 0)
		return -1;
	if (!site_event_name_valid(in[EV_EVENT])) {
		*error = "The event name may hold only letters, digits, '-', '_' and '.'.";
		return -1;
	}
	ev->site_key = in[EV_SITE];
	ev->time = num[EV_TIME];
	ev->customer = in[EV_CUSTOMER];
	ev->event = in[EV_EVENT];
	ev->name = in[EV_NAME];
	ev->email = in[EV_EMAIL];
	ev->plan = in[EV_PLAN];
	if (in[EV_ORDERS] != NULL)
		ev->orders = num[EV_ORDERS];
	ev->detail = in[EV_DETAIL];
	return 0;
}

bool site_event_signed_by(const struct site_event *ev, const char *secret)
{
	char expected[TOKEN_HEX_LEN + 1];
	crypto_hmac_sha256_hex(secret, ev->signed_part, expected);
	return crypto_equal(ev->sig, expected);
}

bool site_event_fresh(const struct site_event *ev, time_t now)
{
	long long skew = ev->time - (long long)now;
	return skew <= SITE_EVENT_SKEW && skew >= -SITE_EVENT_SKEW;
}
