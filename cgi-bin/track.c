/* track - a client's web site tells Baton about one of its customers,
 * server to server: a form-encoded POST signed with the site's secret
 * (lib/site_event.h has the format, INSTALL the recipe), e.g. "customer
 * C-1042 is a customer with 3 orders on the gold plan". What it says goes
 * to the profile of every visitor a signed help link named as that
 * customer, on any site of the client, where the client's rules see it
 * (lib/profile_rules.h). Unsigned, forged or stale events are refused with
 * a 4xx saying which. Answers JSON. Tests: t/profiles.t. */
#include <time.h>

#include "db.h"
#include "pool.h"
#include "profile.h"
#include "program.h"
#include "response.h"
#include "site_event.h"

static int track(struct request *r)
{
	struct site_event ev;
	const char *error = NULL;
	if (r->body == NULL
	    || site_event_parse(r->pool, r->body, r->body_len, &ev, &error) != 0)
		return resp_error(r, 400, "%s", error ? error : "The event is empty.");
	struct db_rows site;
	int rc = db_query(r->db, r->pool, SQL_SITE_SECRET_BY_KEY, &site, "s", ev.site_key);
	if (rc != DB_OK)
		return rc == DB_DOWN ? resp_unavailable(r) : -1;
	if (site.rows == 0)
		return resp_error(r, 404, "No site has the key %s.", ev.site_key);
	if (db_cell(&site, 0, 2) == NULL)
		return resp_error(r, 403, "The site %s has no signing secret yet: its administrator "
				  "makes one with baton-admin site secret.", db_cell(&site, 0, 3));
	if (!site_event_signed_by(&ev, db_cell(&site, 0, 2)))
		return resp_error(r, 403, "The event's signature is not valid for this site.");
	if (!site_event_fresh(&ev, time(NULL)))
		return resp_error(r, 403, "The event's time is more than %d seconds from Baton's clock: "
				  "sign it when you send it.", SITE_EVENT_SKEW);
	rc = profile_record_site_event(r->db, db_cell_int(&site, 0, 1), db_cell_int(&site, 0, 0), &ev);
	if (rc != DB_OK)
		return rc == DB_DOWN ? resp_unavailable(r) : -1;
	return resp_json(r, 200, "{\"ok\":true}");
}

static const struct action track_actions[] = {
	{ METHOD_POST, NULL, 0, GUARD_NONE, track },
};

static const struct program track_program = { "track", true, track_actions, COUNT_OF(track_actions) };

int main(int argc, char **argv)
{
	return program_main(&track_program, argc, argv);
}
