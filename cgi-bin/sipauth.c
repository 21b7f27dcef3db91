/* sipauth - for Kamailio only: the HA1 of a desk phone's SIP account, so
 * that it can check the phone's digest when it registers. Kamailio proves
 * itself with the secret of baton.conf's sip_auth_secret in the header
 * X-Baton-Sip-Secret; anyone else gets 403, and with no secret set, so does
 * Kamailio. Tests: t/sipauth.t. */
#include <string.h>

#include "agent_phone.h"
#include "config.h"
#include "crypto.h"
#include "db.h"
#include "io.h"
#include "program.h"
#include "response.h"

enum { IN_USER, IN__MAX };
static const struct input sipauth_inputs[IN__MAX] = {
	[IN_USER] = { "user", INPUT_LINE, true, 64, 0, 0, NULL },
};

static bool desk_user(const char *s)
{
	if (strncmp(s, "desk", 4) != 0 || s[4] == '\0')
		return false;
	for (s += 4; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

static int sipauth(struct request *r)
{
	const char *secret = io_param(r->io, "HTTP_X_BATON_SIP_SECRET");
	if (r->cfg->sip_auth_secret[0] == '\0' || secret == NULL
	    || !crypto_equal(secret, r->cfg->sip_auth_secret))
		return resp_error(r, 403, "Only Baton's SIP proxy may ask.");
	const char *ha1 = NULL;
	int rc = desk_user(r->in[IN_USER]) ? agent_phone_ha1(r->db, r->pool, r->in[IN_USER], &ha1) : DB_OK;
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	if (rc != DB_OK)
		return -1;
	if (ha1 == NULL)
		return resp_error(r, 404, "There is no such desk phone.");
	r->resp.status = 200;
	r->resp.content_type = "text/plain; charset=us-ascii";
	buf_puts(&r->resp.body, ha1);
	return 200;
}

static const struct action sipauth_actions[] = {
	{ METHOD_GET, sipauth_inputs, IN__MAX, GUARD_NONE, sipauth },
};

static const struct program sipauth_program = { "sipauth", false, sipauth_actions,
						COUNT_OF(sipauth_actions) };

int main(int argc, char **argv)
{
	return program_main(&sipauth_program, argc, argv);
}
