/* admin_crowd.c - baton-admin's commands for rooms and events (issue 17),
 * each calling the function in lib/ that the pages call:
 *   client set CLIENT room_join guest|account     lib/admin_rooms.h
 *   client set CLIENT show_who 0|1
 *   client event-rate CLIENT attendee|seat_minute CENTS
 *   collaborator add CLIENT LOGIN NAME            (password as for agents)
 *   collaborator passwd CLIENT LOGIN
 *   collaborator disable|enable CLIENT LOGIN
 *   collaborator list CLIENT
 *   room invite CHANNEL [USES [HOURS]]            prints the link
 *   event add CLIENT "TITLE" "YYYY-MM-DD HH:MM" PRODUCER_EMAIL SPEAKER_EMAIL[,...]
 *             [SEATS [open|required [chat|questions|none [FIELD_LABEL]]]]
 *   event list CLIENT
 *   event open|live|end EVENT_ID
 * baton-admin.c hands every command here first (crowd_admin_command). */
#include "admin_crowd.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "admin.h"
#include "admin_rooms.h"
#include "config.h"
#include "db.h"
#include "event.h"
#include "pool.h"
#include "request.h"
#include "room.h"
#include "room_admin.h"

const char crowd_admin_usage[] =
	"  client set CLIENT room_join guest|account  how invited people join a session: as a\n"
	"                                           named guest, or with a collaborator id\n"
	"  client set CLIENT show_who 0|1           the viewer's Who button\n"
	"  client event-rate CLIENT attendee|seat_minute CENTS\n"
	"                                           what events cost: per attendee, or per\n"
	"                                           seat-minute (0: counted, not billed)\n"
	"  collaborator add CLIENT LOGIN NAME       an id and password for the client's rooms\n"
	"  collaborator passwd CLIENT LOGIN\n"
	"  collaborator disable|enable CLIENT LOGIN  they can no longer (or again) join\n"
	"  collaborator list CLIENT\n"
	"  room invite CHANNEL_ID [USES [HOURS]]    a link into an open session (default: one\n"
	"                                           person, 24 hours), in its owner's name\n"
	"  event add CLIENT TITLE 'YYYY-MM-DD HH:MM' PRODUCER_EMAIL SPEAKER_EMAIL[,...]\n"
	"        [SEATS [open|required [chat|questions|none [FIELD_LABEL]]]]\n"
	"                                           schedule an event (UTC); prints its id\n"
	"  event list CLIENT\n"
	"  event open|live|end EVENT_ID             open its stage, go live, end it\n";

static int say_fail(const char *message)
{
	fprintf(stderr, "baton-admin: %s\n", message);
	return 1;
}

static int db_failed(int rc)
{
	if (rc == DB_DOWN)
		return say_fail("cannot reach the database (check baton.conf and that MariaDB runs)");
	if (rc == DB_DUPLICATE)
		return say_fail("that exists already");
	return say_fail("database error (see the log)");
}

/* What an action of lib/admin*.c returned, told as baton-admin tells it. */
static int told(const struct crowd_admin *a, struct admin_context *ac, int status)
{
	if (status == 0) {
		if (ac->message != NULL)
			puts(ac->message);
		return 0;
	}
	if (status < 0)
		return db_failed(status);
	return say_fail(ac->message ? ac->message : "refused");
}

static long long number(const char *s, long long min, long long max)
{
	char *end;
	long long v = strtoll(s, &end, 10);
	return *s && !*end && v >= min && v <= max ? v : -1;
}

static long long client_of(const struct crowd_admin *a, const char *slug)
{
	struct db_rows rows;
	int rc = db_query(a->db, a->pool, SQL_CLIENT_BY_SLUG, &rows, "s", slug);
	if (rc != DB_OK)
		return db_failed(rc), -1;
	if (rows.rows == 0) {
		fprintf(stderr, "baton-admin: no client '%s' (see: baton-admin client list)\n", slug);
		return -1;
	}
	return db_cell_int(&rows, 0, 0);
}

static long long agent_of(const struct crowd_admin *a, long long client, const char *email)
{
	struct db_rows rows;
	int rc = db_query(a->db, a->pool, SQL_AGENT_BY_EMAIL_ANY_CLIENT, &rows, "s", email);
	if (rc != DB_OK)
		return db_failed(rc), -1;
	if (rows.rows == 0 || db_cell_int(&rows, 0, 1) != client) {
		fprintf(stderr, "baton-admin: no agent %s in this client\n", email);
		return -1;
	}
	return db_cell_int(&rows, 0, 0);
}

static int client_setting(const struct crowd_admin *a, char **argv)
{
	long long client = client_of(a, argv[2]);
	if (client < 0)
		return 1;
	struct admin_context *ac = a->actor(a->context);
	bool join = strcmp(argv[3], "room_join") == 0;
	return told(a, ac, admin_room_settings(ac, client, join ? argv[4] : NULL, join ? NULL : argv[4]));
}

static int collaborator(const struct crowd_admin *a, int argc, char **argv, int generate)
{
	long long client = client_of(a, argv[2]);
	if (client < 0)
		return 1;
	if (strcmp(argv[1], "disable") == 0 || strcmp(argv[1], "enable") == 0) {
		struct admin_context *ac = a->actor(a->context);
		return told(a, ac, admin_collaborator_set_active(ac, client, argv[3],
								 strcmp(argv[1], "enable") == 0));
	}
	if (strcmp(argv[1], "list") == 0) {
		struct db_rows rows;
		int rc = admin_collaborator_list(a->actor(a->context), client, &rows);
		if (rc != DB_OK)
			return db_failed(rc);
		for (size_t i = 0; i < rows.rows; i++)
			printf("%s\t%s\t%s\n", db_cell(&rows, i, 0), db_cell(&rows, i, 1), db_cell(&rows, i, 2));
		return 0;
	}
	const char *password = a->password(a->context, generate);
	if (password == NULL)
		return say_fail("no password given");
	struct admin_context *ac = a->actor(a->context);
	int status = strcmp(argv[1], "add") == 0
			     ? admin_collaborator_add(ac, client, argv[3], argc > 4 ? argv[4] : "", password)
			     : admin_collaborator_password(ac, client, argv[3], password);
	if (status == 0 && generate)
		printf("collaborator %s: password %s\n", argv[3], password);
	return told(a, ac, status);
}

static int room_invite_link(const struct crowd_admin *a, int argc, char **argv)
{
	struct invitation_request req = { .uses = 1, .hours = 24 };
	if (argc > 3 && (req.uses = number(argv[3], 1, ROOM_MAX_USES)) < 0)
		return say_fail("USES is 1 to 1000");
	if (argc > 4 && (req.hours = number(argv[4], 1, ROOM_MAX_HOURS)) < 0)
		return say_fail("HOURS is 1 to 720");
	struct invitation_made made;
	size_t n = strlen(a->cfg->public_url);
	const char *base = pool_strndup(a->pool, a->cfg->public_url, n && a->cfg->public_url[n - 1] == '/' ? n - 1 : n);
	int rc = room_invite_as_owner(a->db, a->pool, a->cfg, argv[2], base, &req, &made);
	if (rc == ROOM_ADMIN_NO_SUCH)
		return say_fail("no open session with that id and someone of its staff in it");
	if (rc != DB_OK)
		return db_failed(rc);
	printf("%s\n", made.link);
	return 0;
}

static int event_add(const struct crowd_admin *a, int argc, char **argv)
{
	struct event_spec spec = { .registration = "open", .talk = "questions", .seat_limit = 100 };
	if ((spec.client_id = client_of(a, argv[2])) < 0)
		return 1;
	spec.title = argv[3];
	spec.starts_at = argv[4];
	if ((spec.producer_agent_id = agent_of(a, spec.client_id, argv[5])) < 0)
		return 1;
	spec.created_by = spec.producer_agent_id;
	char *list = pool_strdup(a->pool, argv[6]);
	for (char *save = NULL, *email = strtok_r(list, ",", &save); email != NULL;
	     email = strtok_r(NULL, ",", &save)) {
		if (spec.speaker_count == EVENT_SPEAKERS_MAX)
			return say_fail("at most eight speakers");
		long long id = agent_of(a, spec.client_id, email);
		if (id < 0)
			return 1;
		spec.speakers[spec.speaker_count++] = id;
	}
	if (argc > 7 && (spec.seat_limit = number(argv[7], 1, EVENT_SEATS_MAX)) < 0)
		return say_fail("SEATS is 1 to 100000");
	if (argc > 8)
		spec.registration = argv[8];
	if (argc > 9)
		spec.talk = argv[9];
	if (argc > 10)
		spec.field_label = argv[10];
	const char *id = NULL, *problem = NULL;
	int rc = event_schedule(a->db, a->pool, &spec, &id, &problem);
	if (rc != DB_OK)
		return db_failed(rc);
	if (problem != NULL)
		return say_fail(problem);
	printf("%s\n", id);
	return 0;
}

/* The demo's event (`baton-admin demo`): tomorrow at 15:00 UTC, Sue
 * Supervisor producing, Dana and Sam speaking, open to anyone with the
 * link, questions only; README's tour opens it in all three roles. */
int crowd_demo_event(const struct crowd_admin *a)
{
	struct event_spec spec = { .title = "Demo Shop: the new kettle, live",
		.description = "A product launch: two speakers lead you through the shop; "
			       "ask your questions, the producer passes them on.",
		.registration = "open", .talk = "questions", .seat_limit = 20000 };
	if ((spec.client_id = client_of(a, "demo")) < 0
	    || (spec.producer_agent_id = agent_of(a, spec.client_id, "sue@demo.example")) < 0
	    || (spec.speakers[0] = agent_of(a, spec.client_id, "agent@demo.example")) < 0
	    || (spec.speakers[1] = agent_of(a, spec.client_id, "sam@demo.example")) < 0)
		return 1;
	spec.speaker_count = 2;
	spec.created_by = spec.producer_agent_id;
	time_t tomorrow = time(NULL) + 24 * 3600;
	struct tm tm;
	gmtime_r(&tomorrow, &tm);
	char start[32];
	strftime(start, sizeof start, "%Y-%m-%d 15:00", &tm);
	spec.starts_at = start;
	const char *id = NULL, *problem = NULL;
	int rc = event_schedule(a->db, a->pool, &spec, &id, &problem);
	if (rc != DB_OK)
		return db_failed(rc);
	if (problem != NULL)
		return say_fail(problem);
	printf("Demo event: /event?id=%s (producer sue@demo.example, speakers agent@demo.example and "
	       "sam@demo.example); attendees: /attend?e=%s\n", id, id);
	return 0;
}

static int event_step(const struct crowd_admin *a, char **argv)
{
	struct live_event ev;
	bool found = false;
	int rc = event_load(a->db, a->pool, argv[2], &ev, &found);
	if (rc != DB_OK)
		return db_failed(rc);
	if (!found)
		return say_fail("no such event");
	/* The event's own producer does it, as on their page. */
	struct session producer = { .agent_id = ev.producer_agent_id, .client_id = ev.client_id,
				    .display_name = "baton-admin" };
	struct request r = { .db = a->db, .pool = a->pool, .cfg = a->cfg, .session = &producer };
	const char *problem = NULL;
	rc = event_advance(&r, &ev, argv[1], &problem);
	if (rc != DB_OK)
		return db_failed(rc);
	if (problem != NULL)
		return say_fail(problem);
	printf("event %s: %s\n", argv[2], argv[1]);
	return 0;
}

int crowd_admin_command(const struct crowd_admin *a, int argc, char **argv, int generate)
{
	const char *cmd = argc > 0 ? argv[0] : "";
	const char *sub = argc > 1 ? argv[1] : "";
	if (strcmp(cmd, "client") == 0 && strcmp(sub, "set") == 0 && argc == 5
	    && (strcmp(argv[3], "room_join") == 0 || strcmp(argv[3], "show_who") == 0))
		return client_setting(a, argv);
	if (strcmp(cmd, "client") == 0 && strcmp(sub, "event-rate") == 0 && argc == 5) {
		long long client = client_of(a, argv[2]);
		if (client < 0)
			return 1;
		struct admin_context *ac = a->actor(a->context);
		return told(a, ac, admin_event_rate(ac, client, argv[3], argv[4]));
	}
	if (strcmp(cmd, "collaborator") == 0 && ((strcmp(sub, "add") == 0 && argc == 5)
						 || (strcmp(sub, "passwd") == 0 && argc == 4)
						 || (strcmp(sub, "disable") == 0 && argc == 4)
						 || (strcmp(sub, "enable") == 0 && argc == 4)
						 || (strcmp(sub, "list") == 0 && argc == 3)))
		return collaborator(a, argc, argv, generate);
	if (strcmp(cmd, "room") == 0 && strcmp(sub, "invite") == 0 && argc >= 3 && argc <= 5)
		return room_invite_link(a, argc, argv);
	if (strcmp(cmd, "event") == 0 && strcmp(sub, "add") == 0 && argc >= 7 && argc <= 11)
		return event_add(a, argc, argv);
	if (strcmp(cmd, "event") == 0 && strcmp(sub, "list") == 0 && argc == 3) {
		long long client = client_of(a, argv[2]);
		struct db_rows rows;
		if (client < 0)
			return 1;
		int rc = db_query(a->db, a->pool, SQL_EVENT_LIST, &rows, "iii", 0LL, 0LL, client);
		if (rc != DB_OK)
			return db_failed(rc);
		for (size_t i = 0; i < rows.rows; i++)
			printf("%s\t%s\t%s\t%s\t%s seats\t%s attended\n", db_cell(&rows, i, 0), db_cell(&rows, i, 2),
			       db_cell(&rows, i, 4), db_cell(&rows, i, 1), db_cell(&rows, i, 5), db_cell(&rows, i, 11));
		return 0;
	}
	if (strcmp(cmd, "event") == 0 && argc == 3
	    && (strcmp(sub, "open") == 0 || strcmp(sub, "live") == 0 || strcmp(sub, "end") == 0))
		return event_step(a, argv);
	return CROWD_ADMIN_NOT_MINE;
}
