/* baton-admin - the administration command: schema migrations, and for
 * scripting everything the administration pages do in the browser (clients,
 * sites, accounts, canned phrases, settings, rates, resellers). Each command
 * calls the same function in lib/ that the page calls (lib/admin*.c,
 * lib/account.c), acting as the Baton operator and written to the audit log
 * as "baton-admin (USER)". Run `baton-admin help` for the commands. */
#include <dirent.h>
#include <errno.h>
#include <mysql.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "account.h"
#include "admin.h"
#include "admin_billing.h"
#include "admin_canned.h"
#include "admin_clients.h"
#include "admin_crowd.h"
#include "admin_desk.h"
#include "admin_logs.h"
#include "admin_sites.h"
#include "config.h"
#include "buf.h"
#include "crypto.h"
#include "db.h"
#include "input.h"
#include "log.h"
#include "admin_phone.h"
#include "admin_lang.h"
#include "admin_translate.h"
#include "lang_switch.h"
#include "admin_mail.h"
#include "pool.h"
#include "helpreq.h"
#include "site_event.h"
#include "profile_admin.h"
#include "setup.h"
#include "translate.h"
#include "turn.h"
#include "two_factor.h"
#include "version.h"

struct admin {
	int quiet; /* the demo command prints only the credentials */
	struct config cfg;
	struct db *db;
	struct pool *pool;
	struct admin_context ac;
};

static const char usage[] =
	"usage: baton-admin [--conf FILE] [--generate] COMMAND ...\n"
	"\n"
	"  version                                  Baton's version\n"
	"  help                                     this list\n"
	"  migrate                                  apply new schema migrations (from schema_dir)\n"
	"  operator add EMAIL NAME                  an operator account (the Baton operator:\n"
	"                                           every client); the first one is made so\n"
	"  operator invite EMAIL NAME               the same, with a link to set the password\n"
	"  client add SLUG NAME [ADMIN_EMAIL ADMIN_NAME]\n"
	"                                           create a client (the business), with its\n"
	"                                           first administrator invited (prints the link)\n"
	"  client list\n"
	"  client suspend|resume SLUG               staff signed out, help links refused\n"
	"  client delete SLUG SLUG                  delete it with all its data (the slug twice)\n"
	"  client set CLIENT SETTING VALUE          seat_cap, accept_timeout_seconds,\n"
	"                                           max_missed_offers, channel_participant_cap,\n"
	"                                           wait_target_seconds, show_rooms (0/1),\n"
	"                                           tell_visitors_monitored (0/1), greeting,\n"
	"                                           time_zone, panel_fields, supervisors_listen\n"
	"                                           (0/1: supervisors may listen to calls, where\n"
	"                                           visitors are told of monitoring),\n"
	"                                           overflow_after_minutes (0: never; else the\n"
	"                                           estimated wait past which newcomers see the\n"
	"                                           overflow page instead of the queue)\n"
	"  client rate CLIENT minute|session CENTS [MINIMUM_CENTS] [CURRENCY]\n"
	"                                           the client's rate per started minute or per\n"
	"                                           session, monthly minimum (default 0), and\n"
	"                                           currency (EUR, USD...; default: unchanged),\n"
	"                                           from this month on\n"
	"  client call-rate CLIENT CENTS            what each started minute of a call costs, on top\n"
	"                                           of the rate (default 0: calls counted, not\n"
	"                                           billed), from this month on\n"
	"  client reseller CLIENT RESELLER|none     the reseller who brought the client\n"
	"  site add CLIENT NAME DOMAIN [DOMAIN...]  register a site; prints its key\n"
	"  site list CLIENT\n"
	"  site secret SITE_KEY                     make (or replace) the site's signing secret\n"
	"                                           (help links and site events: INSTALL)\n"
	"  site sign-link SITE_KEY CUSTOMER [DAYS] [--plan P] [--name N] [--email E]\n"
	"                                           the query of a help link naming the site's\n"
	"                                           customer (signed; valid DAYS, default 1)\n"
	"  level set SLUG NAME CHANNELS [--rank N] [--skill SKILL] [--target SECONDS]\n"
	"            [--skip-overflow 0|1]\n"
	"                                           a service level: what it offers (chat,\n"
	"                                           cobrowse,video,callback,message), which\n"
	"                                           agents take it; \"default\" for everyone else;\n"
	"                                           --skip-overflow 1: its visitors are queued\n"
	"                                           past client set overflow_after_minutes\n"
	"  level list SLUG | level delete SLUG NAME\n"
	"  rule add SLUG LABEL CONDITION SCORE [LEVEL]\n"
	"                                           a rule on visitors' profiles, e.g.\n"
	"                                           \"customer = yes and orders >= 3\" 10 gold\n"
	"  rule list SLUG | rule delete SLUG ID\n"
	"  rule test SLUG \"FIELD=VALUE ...\"        what the rules make of an example profile\n"
	"  rule settings SLUG AGEING_SECONDS RETENTION_DAYS\n"
	"                                           the queue's ageing, profiles' retention\n"
	"  rule forget SLUG CUSTOMER                delete the profiles of a site's customer\n"
	"  agent skills EMAIL SKILL,SKILL           an agent's skills (levels may require one)\n"
	"                                           for signed help-link priorities\n"
	"  agent add CLIENT EMAIL NAME [ROLE]       ROLE: agent (default), supervisor, admin,\n"
	"                                           operator (the Baton operator: every client)\n"
	"  agent invite CLIENT EMAIL NAME [ROLE]    the same, with a link to set the password\n"
	"  agent passwd EMAIL                       set a new password\n"
	"  agent reset EMAIL                        a link to set a new password\n"
	"  agent role EMAIL ROLE\n"
	"  agent capacity EMAIL N                   sessions the agent takes at once\n"
	"  agent deactivate|activate EMAIL\n"
	"  agent two-factor-off EMAIL               turn off two-factor sign-in (a lost phone)\n"
	"  agent list CLIENT\n"
	"  agent lang EMAIL LANG                    the language the agent reads and writes\n"
	"                                           (e.g. en, es, pt-BR); lines in others are\n"
	"                                           translated for them\n"
	"  canned translate CLIENT TITLE LANG TEXT  the canned phrase's own translation into\n"
	"                                           LANG, used instead of machine translation\n"
	"                                           (TEXT \"\" removes it)\n"
	"  translate FROM TO TEXT                   TEXT through the translation engine\n"
	"                                           (translate_url), as chat lines go\n"
	"  detect TEXT [LANG]                       the language a visitor writing TEXT (their\n"
	"                                           recent lines) while served in LANG is\n"
	"                                           offered to switch to, as the chat decides\n"
	"  canned add CLIENT TITLE TEXT [EMAIL]     a canned phrase for every agent of\n"
	"                                           the client, or for one agent\n"
	"  canned-address add CLIENT TITLE URL [EMAIL]  an address agents lead to with one\n"
	"                                           click, for the client or one agent\n"
	"  canned-address set CLIENT TITLE URL      the client's address of that title, now\n"
	"                                           at URL (added if there is none)\n"
	"  avatar-rule add CLIENT URL_PREFIX AVATAR visitors from pages starting with the\n"
	"                                           prefix get that picture\n"
	"  reseller add SLUG NAME SHARE_PERCENT     a reseller and its share (e.g. 12.5)\n"
	"  reseller share SLUG SHARE_PERCENT        a new share, from this month on\n"
	"  reseller invite SLUG EMAIL NAME          an account the reseller signs in with\n"
	"  reseller suspend|resume SLUG             its accounts cannot sign in (clients go on)\n"
	"  reseller remove SLUG SLUG                its accounts deleted, clients without it\n"
	"  reseller list\n"
	"  audit [CLIENT]                           the newest entries of the audit log\n"
	"  site help-address SITE_KEY ADDRESS|none  mail to ADDRESS becomes a help request\n"
	"                                           of the site's client (INSTALL, \"E-mail\")\n"
	"  client alert-email CLIENT ADDRESS|none   where the client hears of help links on\n"
	"                                           domains it has not registered\n"
	"  agent digest EMAIL on|off                whether a supervisor or admin gets the\n"
	"                                           weekly digest\n"
	"  phone set CLIENT SETTING VALUE           the client's telephony: help_number (the\n"
	"                                           number the IVR answers), caller_id,\n"
	"                                           country (GB...), dial_countries (GB,IE),\n"
	"                                           time_zone (Europe/London), calling_hours\n"
	"                                           (\"mon-fri 09:00-17:00, sat 10:00-13:00\" or\n"
	"                                           always), retry_tries, retry_minutes,\n"
	"                                           ring_seconds, announce_seconds,\n"
	"                                           message_seconds, greeting, rate_cents\n"
	"                                           (per started minute); none clears\n"
	"  phone show CLIENT                        the client's telephony settings\n"
	"  agent phone EMAIL [off]                  a SIP account for the agent's desk phone\n"
	"                                           (calls ring it instead of the browser);\n"
	"                                           prints its user and a new password; off\n"
	"                                           removes it\n"
	"  turn credential ID [SECONDS]             a TURN credential (TURN REST, from turn_secret)\n"
	"                                           for ID, valid SECONDS (default\n"
	"                                           turn_credential_seconds): to test a TURN server\n"
	"  demo                                     create the demo client, its site and people\n"
	"  setup-token                              a one-time token for the first-run setup in\n"
	"                                           the browser (/setup), while no operator exists\n"
	"\n"
	"Passwords come from $BATON_PASSWORD, else one line on standard input;\n"
	"with --generate a random one is made and printed. Links to set a password\n"
	"start with public_url from baton.conf.\n"
	"Configuration: --conf, else $BATON_CONF, else " BATON_DEFAULT_CONF ".\n";

__attribute__((format(printf, 1, 2)))
static int fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("baton-admin: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	return 1;
}

static int db_fail(int rc, const char *what)
{
	if (rc == DB_DUPLICATE)
		return fail("%s already exists", what);
	if (rc == DB_DOWN)
		return fail("cannot reach the database (%s)", "check baton.conf and that MariaDB runs");
	return fail("database error while handling %s (see the log)", what);
}

/* A fresh actor for each action: the operator, on this shell. */
static struct admin_context *actor(struct admin *a)
{
	admin_context_for_shell(&a->ac, a->db, a->pool, &a->cfg);
	return &a->ac;
}

/* What an action returned, told: its message on success, its reason on
 * refusal. Returns the exit status. */
static int told(struct admin *a, int status)
{
	if (status == 0) {
		if (!a->quiet && a->ac.message != NULL)
			puts(a->ac.message);
		return 0;
	}
	if (status == DB_DOWN)
		return fail("cannot reach the database (%s)", "check baton.conf and that MariaDB runs");
	if (status < 0)
		return fail("%s", "database error (see the log)");
	return fail("%s", a->ac.message ? a->ac.message : "refused");
}

static const char *read_password(struct admin *a, int generate)
{
	if (generate) {
		char token[TOKEN_HEX_LEN + 1];
		if (crypto_token(token) != 0)
			return NULL;
		return pool_strndup(a->pool, token, 20);
	}
	const char *env = getenv("BATON_PASSWORD");
	if (env != NULL && *env != '\0')
		return pool_strdup(a->pool, env);
	if (isatty(STDIN_FILENO))
		fputs("New password: ", stderr);
	char line[1100];
	if (fgets(line, sizeof line, stdin) == NULL)
		return NULL;
	line[strcspn(line, "\r\n")] = '\0';
	return pool_strdup(a->pool, line);
}

/* The client's id, or -1 after saying why not. */
static long long client_id(struct admin *a, const char *slug)
{
	long long id;
	int status = admin_client_find(actor(a), slug, POWER_OPERATOR, &id);
	if (status == 404)
		return fail("no client '%s' (see: baton-admin client list)", slug), -1;
	if (status != 0)
		return told(a, status), -1;
	return id;
}

/* The id of the account with this e-mail address, or -1 after saying why. */
static long long account_id(struct admin *a, const char *email)
{
	struct account acc;
	int status = account_find(actor(a), 0, email, POWER_ADMINISTER, &acc);
	if (status == 404)
		return fail("no agent with the e-mail address %s", email), -1;
	if (status != 0)
		return told(a, status), -1;
	return acc.id;
}

static int print_rows(struct admin *a, enum sql_id id, const char *types, long long arg)
{
	struct db_rows rows;
	int rc = *types ? db_query(a->db, a->pool, id, &rows, types, arg)
			: db_query(a->db, a->pool, id, &rows, "");
	if (rc != DB_OK)
		return db_fail(rc, "the list");
	for (size_t i = 0; i < rows.rows; i++) {
		for (size_t c = 0; c < rows.cols; c++) {
			const char *cell = db_cell(&rows, i, c);
			printf("%s%s", c ? "\t" : "", cell ? cell : "-");
		}
		putchar('\n');
	}
	return 0;
}

/* ---- migrate ---------------------------------------------------------- */

static int is_migration_name(const char *name)
{
	size_t n = strlen(name);
	return n > 8 && name[0] >= '0' && name[0] <= '9' && name[1] >= '0' && name[1] <= '9'
	       && name[2] >= '0' && name[2] <= '9' && name[3] == '-'
	       && strcmp(name + n - 4, ".sql") == 0;
}

static int compare_names(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static char *read_file(struct admin *a, const char *path)
{
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *text = pool_alloc(a->pool, (size_t)size + 1);
	size_t got = fread(text, 1, (size_t)size, f);
	text[got] = '\0';
	fclose(f);
	return text;
}

static int applied(const struct db_rows *rows, long version)
{
	for (size_t i = 0; i < rows->rows; i++)
		if (db_cell_int(rows, i, 0) == version)
			return 1;
	return 0;
}

static int apply_migrations(struct admin *a, const char *dir)
{
	DIR *d = opendir(dir);
	if (d == NULL)
		return fail("cannot open the schema directory %s", dir);
	const char *names[1000];
	size_t count = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL && count < 1000)
		if (is_migration_name(e->d_name))
			names[count++] = pool_strdup(a->pool, e->d_name);
	closedir(d);
	qsort(names, count, sizeof names[0], compare_names);

	struct db_rows done;
	int rc = db_exec(a->db, SQL_MIGRATION_TABLE, NULL, "");
	if (rc == DB_OK)
		rc = db_query(a->db, a->pool, SQL_MIGRATION_APPLIED, &done, "");
	if (rc != DB_OK)
		return db_fail(rc, "the migration table");
	int newly = 0;
	for (size_t i = 0; i < count; i++) {
		long version = strtol(names[i], NULL, 10);
		if (applied(&done, version))
			continue;
		char *path = pool_printf(a->pool, "%s/%s", dir, names[i]);
		char *sql = read_file(a, path);
		if (sql == NULL)
			return fail("cannot read %s", path);
		char err[512];
		if (db_run_script(a->db, sql, err, sizeof err) != DB_OK) {
			fprintf(stderr, "baton-admin: migration %s failed: %s\n", names[i], err);
			return 1;
		}
		rc = db_exec(a->db, SQL_MIGRATION_RECORD, NULL, "is", (long long)version, names[i]);
		if (rc != DB_OK)
			return db_fail(rc, "the migration record");
		printf("applied %s\n", names[i]);
		newly++;
	}
	printf("schema is up to date (%zu migrations, %d new)\n", count, newly);
	return 0;
}

static int cmd_migrate(struct admin *a)
{
	/* The environment wins over baton.conf, for tests and one-off runs. */
	const char *dir = getenv("BATON_SCHEMA_DIR");
	if (dir == NULL || *dir == '\0')
		dir = a->cfg.schema_dir;
	struct db_rows lock;
	int rc = db_query(a->db, a->pool, SQL_MIGRATION_LOCK, &lock, "");
	if (rc != DB_OK)
		return db_fail(rc, "the migration lock");
	if (db_cell_int(&lock, 0, 0) != 1)
		return fail("%s", "another baton-admin migrate is running; try again later");
	int status = apply_migrations(a, dir);
	db_query(a->db, a->pool, SQL_MIGRATION_UNLOCK, &lock, "");
	return status;
}


/* A credential as the browsers get one, to try a TURN server with (for
 * instance turnutils_uclient -u USERNAME -w PASSWORD). */
static int turn_credential(struct admin *a, const char *id, const char *seconds_text)
{
	long long seconds = a->cfg.turn_credential_seconds;
	if (seconds_text != NULL) {
		char *end;
		seconds = strtoll(seconds_text, &end, 10);
		if (*seconds_text == '\0' || *end != '\0' || seconds < 1 || seconds > 86400)
			return fail("SECONDS must be a whole number from 1 to 86400, not '%s'", seconds_text);
	}
	if (a->cfg.turn_secret[0] == '\0')
		return fail("%s", "baton.conf sets no turn_secret");
	char username[TURN_USERNAME_MAX], password[TURN_PASSWORD_MAX];
	if (turn_rest_credential(a->cfg.turn_secret, (long long)time(NULL) + seconds, id, username,
				 password) != 0)
		return fail("the ID may hold letters, digits, '-', '_' and '.' (at most 64), not '%s'", id);
	printf("username %s\npassword %s\nurls %s\n", username, password, a->cfg.turn_urls);
	return 0;
}

/* ---- accounts, sites, canned entries ----------------------------------- */

static int add_agent(struct admin *a, const char *client, const char *email, const char *name,
		     const char *role, const char *password)
{
	long long cid = client_id(a, client);
	if (cid < 0)
		return 1;
	if (password == NULL)
		return fail("%s", "no password given ($BATON_PASSWORD, standard input or --generate)");
	return told(a, account_add(actor(a), cid, email, name, role, 0, password));
}

static int add_canned(struct admin *a, enum canned_kind kind, const char *client, const char *title,
		      const char *body, const char *email)
{
	long long cid = client_id(a, client), agent = 0;
	if (cid < 0)
		return 1;
	if (email != NULL) {
		struct account acc;
		int status = account_find(actor(a), 0, email, POWER_ADMINISTER, &acc);
		if (status == 404 || (status == 0 && acc.client_id != cid))
			return fail("no agent %s in client %s", email, client);
		if (status != 0)
			return told(a, status);
		agent = acc.id;
	}
	return told(a, admin_canned_add(actor(a), kind, cid, agent, title, body));
}

/* ---- languages (issue 18) ------------------------------------------------ */

static int set_agent_lang(struct admin *a, const char *email, const char *lang)
{
	struct account acc;
	int status = account_find(actor(a), 0, email, POWER_ADMINISTER, &acc);
	if (status == 404)
		return fail("no agent %s", email);
	return told(a, status == 0 ? account_set_lang(actor(a), acc.id, lang) : status);
}

static int translate_canned(struct admin *a, const char *client, const char *title,
			    const char *lang, const char *text)
{
	long long cid = client_id(a, client), phrase;
	if (cid < 0)
		return 1;
	int status = admin_canned_phrase_by_title(actor(a), cid, title, &phrase);
	if (status != 0)
		return told(a, status);
	return told(a, admin_canned_translate(actor(a), phrase, lang, text));
}

static int translate_line(struct admin *a, const char *from, const char *to, const char *text)
{
	const char *translation = NULL, *via = NULL;
	int status = admin_translate_try(actor(a), from, to, text, &translation, &via);
	if (status != 0)
		return told(a, status);
	printf("%s\n", translation);
	fflush(stdout);
	if (*via)
		fprintf(stderr, "(through %s)\n", via);
	return 0;
}

/* The chat's rule (lib/lang_switch.c) on a text, for an operator checking
 * that the detector and its fingerprints (libexttextcat-data) work. */
static int detect_lang(struct admin *a, const char *text, const char *lang_now)
{
	char conf[700], found[TRANSLATE_LANG_MAX];
	snprintf(conf, sizeof conf, "%s/lang/detect.conf", a->cfg.templates_dir);
	int rc = lang_switch_sure(conf, text, strlen(text), lang_now ? lang_now : "", found);
	if (rc < 0)
		return fail("the detector cannot start (%s)", "is libexttextcat-data installed?");
	if (rc == 0) {
		printf("no offer: too little text (under %d bytes or %d words), no language stands out, "
		       "or it is %s\n", LANG_SWITCH_MIN_BYTES, LANG_SWITCH_MIN_WORDS,
		       lang_now ? lang_now : "none");
		return 0;
	}
	printf("%s\n", found);
	return 0;
}

static int print_audit(struct admin *a, const char *client)
{
	long long cid = 0;
	if (client != NULL && (cid = client_id(a, client)) < 0)
		return 1;
	struct db_rows rows;
	int status = admin_audit_list(actor(a), cid, 0, &rows);
	if (status != 0)
		return told(a, status);
	for (size_t i = rows.rows; i-- > 0;) {
		/* Oldest first, as a log reads: at, who (role, from), client, what. */
		const char *detail = db_cell(&rows, i, 8);
		printf("%s\t%s (%s, %s)\t%s\t%s %s%s%s\n", db_cell(&rows, i, 1), db_cell(&rows, i, 2),
		       db_cell(&rows, i, 3), db_cell(&rows, i, 4),
		       db_cell(&rows, i, 5) ? db_cell(&rows, i, 5) : "-", db_cell(&rows, i, 6),
		       db_cell(&rows, i, 7), detail ? ": " : "", detail ? detail : "");
	}
	return 0;
}

/* A finished session from yesterday afternoon, so that the archive, the
 * replay, the reports and the statement have something to show at once. */
static int demo_history(struct admin *a)
{
	struct db_rows client, agent, site;
	int rc = db_query(a->db, a->pool, SQL_CLIENT_BY_SLUG, &client, "s", "demo");
	if (rc == DB_OK)
		rc = db_query(a->db, a->pool, SQL_AGENT_BY_EMAIL_ANY_CLIENT, &agent, "s", "agent@demo.example");
	if (rc != DB_OK || client.rows == 0 || agent.rows == 0)
		return rc != DB_OK ? rc : DB_ERROR;
	long long cid = db_cell_int(&client, 0, 0), aid = db_cell_int(&agent, 0, 0);
	if ((rc = db_query(a->db, a->pool, SQL_SITE_BY_CLIENT, &site, "i", cid)) != DB_OK || site.rows == 0)
		return rc != DB_OK ? rc : DB_ERROR;
	long long sid = db_cell_int(&site, 0, 0);
	char token[TOKEN_HEX_LEN + 1], hash[TOKEN_HEX_LEN + 1], request_id[33], channel_id[33];
	if (crypto_token(token) != 0 || crypto_public_id(request_id) != 0 || crypto_public_id(channel_id) != 0)
		return DB_ERROR;
	crypto_sha256_hex(token, hash);
	static const struct { long long at; const char *kind; int who; const char *body; } lines[] = {
		{ 21, "join", 0, NULL }, { 21, "join", 1, NULL },
		{ 30, "line", 0, "Hello! How can I help you today?" },
		{ 52, "line", 1, "Hi, I can't find the delivery times for the blue teapot." },
		{ 75, "line", 0, "Let me show you: they are on the product page." },
		{ 80, "address", 0, "http://127.0.0.1:8080/demo/products.html" },
		{ 140, "line", 1, "Found it, 2-3 days. And returns?" },
		{ 170, "line", 0, "Free within 30 days; the contact page has the form." },
		{ 175, "address", 0, "http://127.0.0.1:8080/demo/contact.html" },
		{ 400, "line", 1, "Perfect, thank you!" },
		{ 430, "line", 0, "You're welcome, have a nice day." },
		{ 450, "leave", 0, NULL }, { 450, "close", -1, NULL },
	};
	size_t count = sizeof lines / sizeof lines[0];
	long long close_at = lines[count - 1].at;
	long long visitor = 0, request = 0, channel = 0, people[2] = { 0, 0 };
	if ((rc = db_begin(a->db)) != DB_OK)
		return rc;
	rc = db_exec(a->db, SQL_DEMO_VISITOR, NULL, "s", hash);
	visitor = (long long)db_last_insert_id(a->db);
	if (rc == DB_OK)
		rc = db_exec(a->db, SQL_DEMO_REQUEST, NULL, "siiisssiii", request_id, cid, sid, visitor,
			     "Vera Visitor", "Delivery times for the blue teapot?",
			     "http://127.0.0.1:8080/demo/", aid, 20LL, close_at);
	request = (long long)db_last_insert_id(a->db);
	if (rc == DB_OK)
		rc = db_exec(a->db, SQL_DEMO_CHANNEL, NULL, "siisisiii", channel_id, cid, request,
			     "Demo Shop (yesterday's session)", (long long)count,
			     "http://127.0.0.1:8080/demo/contact.html",
			     close_at, 20LL, close_at);
	channel = (long long)db_last_insert_id(a->db);
	static const char *const kinds[] = { "agent", "visitor" }, *const names[] = { "Dana Demo", "Vera Visitor" };
	for (int p = 0; rc == DB_OK && p < 2; p++) {
		char ptoken[TOKEN_HEX_LEN + 1];
		if (crypto_token(ptoken) != 0)
			rc = DB_ERROR;
		else
			rc = db_exec(a->db, SQL_DEMO_PARTICIPANT, NULL, "isnnsssii", channel, kinds[p],
				     p == 0 ? aid : 0LL, p == 1 ? visitor : 0LL, names[p], ptoken,
				     p == 0 ? "owl" : "fox", 21LL, close_at);
		people[p] = (long long)db_last_insert_id(a->db);
	}
	static const char *const request_kinds[] = { "created", "routed", "accepted" };
	for (int k = 0; rc == DB_OK && k < 3; k++)
		rc = db_exec(a->db, SQL_DEMO_REQUEST_EVENT, NULL, "iisni", request, cid, request_kinds[k],
			     k == 0 ? 0LL : aid, (long long)(k * 10));
	for (size_t i = 0; rc == DB_OK && i < count; i++)
		rc = db_exec(a->db, SQL_DEMO_EVENT, NULL, "iisnsi", channel, (long long)(i + 1),
			     lines[i].kind, lines[i].who < 0 ? 0LL : people[lines[i].who], lines[i].body,
			     lines[i].at);
	if (rc == DB_OK)
		rc = db_exec(a->db, SQL_DEMO_HITS, NULL, "i", sid);
	if (rc == DB_OK)
		rc = db_commit(a->db);
	else
		db_rollback(a->db);
	return rc;
}

/* ---- the call centre ---------------------------------------------------- */

static int set_phone(struct admin *a, const char *client, const char *setting, const char *value)
{
	long long cid = client_id(a, client);
	return cid < 0 ? 1 : told(a, admin_phone_set(actor(a), cid, setting, value));
}

static int show_phone(struct admin *a, const char *client)
{
	long long cid = client_id(a, client);
	if (cid < 0)
		return 1;
	struct phone_line line;
	int status = admin_phone_load(actor(a), cid, &line);
	if (status != 0)
		return told(a, status);
	struct buf hours;
	buf_init(&hours);
	calling_hours_format(line.hours, line.hour_count, &hours);
	printf("help_number\t%s\ncaller_id\t%s\ncountry\t%s\ndial_countries\t%s\ntime_zone\t%s\n"
	       "calling_hours\t%s\nretry_tries\t%lld\nretry_minutes\t%lld\nring_seconds\t%lld\n"
	       "announce_seconds\t%lld\nmessage_seconds\t%lld\ngreeting\t%s\nrate_cents\t%lld\n",
	       line.help_number ? line.help_number : "none", line.caller_id ? line.caller_id : "none",
	       line.country, line.dial_countries ? line.dial_countries : line.country, line.time_zone,
	       hours.data, line.retry_tries, line.retry_minutes, line.ring_seconds,
	       line.announce_seconds, line.message_seconds, line.greeting ? line.greeting : "none",
	       line.rate_cents);
	buf_free(&hours);
	return 0;
}

static int desk_phone(struct admin *a, const char *email, bool off)
{
	long long id = account_id(a, email);
	if (id < 0)
		return 1;
	const char *user;
	int status = admin_desk_phone(actor(a), id, !off, &user);
	if (status != 0 || off)
		return told(a, status);
	printf("desk phone of %s: user %s, password %s, domain %s\n"
	       "(register it with Baton's SIP proxy; its calls ring there from now on)\n",
	       email, user, a->ac.link, a->cfg.sip_domain);
	return 0;
}

/* The demo's call centre, on the stand-in telephone network of a private
 * stack: its help number and caller ID, and a softphone number
 * (tools/demo-phone) among the countries it calls. */
static int demo_phone(struct admin *a)
{
	static const char *const settings[][2] = {
		{ "country", "US" }, { "dial_countries", "US" }, { "help_number", "+12025550100" },
		{ "caller_id", "+12025550100" }, { "announce_seconds", "20" }, { "rate_cents", "2" },
		{ "greeting", "Thank you for calling Demo Shop." },
	};
	for (size_t i = 0; i < sizeof settings / sizeof settings[0]; i++)
		if (set_phone(a, "demo", settings[i][0], settings[i][1]) != 0)
			return 1;
	return 0;
}

static const char *crowd_password(void *context, int generate);
static struct admin_context *crowd_actor(void *context);
/* A value as a query carries it: bytes outside A-Z a-z 0-9 - . _ ~ %-escaped. */
static const char *query_escape(struct pool *pool, const char *value)
{
	char *out = pool_alloc(pool, strlen(value) * 3 + 1), *o = out;
	for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')
		    || strchr("-._~", *p) != NULL)
			*o++ = (char)*p;
		else
			o += snprintf(o, 4, "%%%02X", *p);
	}
	*o = '\0';
	return out;
}

/* The query of a help link naming a site's customer (and what the site
 * says of them: plan, name, e-mail), signed as a site's server would sign
 * it (INSTALL, "Signed help links"). */
static int sign_link(struct admin *a, const char *key, const char *customer, const char *days,
		     const struct signed_link *about)
{
	struct db_rows site;
	int rc = db_query(a->db, a->pool, SQL_SITE_SECRET_BY_KEY, &site, "s", key);
	if (rc != DB_OK)
		return db_fail(rc, "the site");
	if (site.rows == 0 || db_cell(&site, 0, 2) == NULL)
		return fail("%s", "no such site, or it has no secret yet (baton-admin site secret)");
	long long valid_days = strtoll(days, NULL, 10);
	if (valid_days < 1 || valid_days > 3650 || strlen(customer) > 100 || strpbrk(customer, "&=%# ") != NULL)
		return fail("%s", "give a customer reference without spaces, &, =, % or #, and 1-3650 days");
	for (const char *const *v = (const char *const[]){ about->plan, about->name, about->email, NULL };
	     *v != NULL; v++)
		if (strpbrk(*v, "&=") != NULL || strlen(*v) > 100)
			return fail("%s", "a plan, name or e-mail address holds no & or = (100 characters at most)");
	long long expires = (long long)time(NULL) + valid_days * 86400;
	struct signed_link link = *about;
	link.customer = customer;
	link.priority = -1;
	char sig[65];
	helpreq_sign_link(a->pool, db_cell(&site, 0, 2), key, &link, expires, sig);
	printf("customer=%s%s%s%s%s%s%s&expires=%lld&sig=%s\n", customer,
	       link.plan ? "&plan=" : "", link.plan ? query_escape(a->pool, link.plan) : "",
	       link.name ? "&customer_name=" : "", link.name ? query_escape(a->pool, link.name) : "",
	       link.email ? "&customer_email=" : "", link.email ? query_escape(a->pool, link.email) : "",
	       expires, sig);
	return 0;
}

/* The demo's visitor profiles (issue 16): a second site, the blog, sharing
 * the shop's profiles; levels default (chat) and gold (more ways to
 * connect, first in the queue); the rule making the shop's gold customers
 * gold; and one such customer, Grace, as the shop's server would report her
 * (tools/stack signs her help link into the demo's gold.html). */
static int demo_profiles(struct admin *a, long long client)
{
	const char *const domains[] = { "127.0.0.1", "localhost" };
	struct db_rows site;
	int status = admin_site_add(actor(a), client, "Demo Shop blog", domains, 2);
	int rc = db_query(a->db, a->pool, SQL_SITE_BY_CLIENT, &site, "i", client);
	if (status == 0 && (rc != DB_OK || site.rows == 0))
		return fail("%s", "the demo site is missing");
	if (status == 0)
		status = admin_site_new_secret(actor(a), 0, db_cell(&site, 0, 2));
	if (status == 0)
		status = profile_admin_level_set(actor(a), client, "default", "chat,cobrowse,message", NULL,
						 "0", "180", NULL);
	if (status == 0)
		status = profile_admin_level_set(actor(a), client, "gold", "chat,cobrowse,video,callback,message",
						 NULL, "10", "30", "1");
	if (status == 0)
		status = profile_admin_rule_add(actor(a), client, "Gold customer",
						"customer = yes and plan = gold", "10", "gold");
	if (status == 0)
		status = profile_admin_rule_add(actor(a), client, "Asked about billing twice",
						"asked:billing >= 2", "5", NULL);
	if (status != 0)
		return told(a, status);
	struct site_event grace = { .customer = "demo-gold", .event = "customer", .name = "Grace Gold",
				    .email = "grace@demo.example", .plan = "gold", .orders = 12,
				    .detail = "gold plan since 2024" };
	rc = profile_record_site_event(a->db, client, db_cell_int(&site, 0, 0), &grace);
	return rc == DB_OK ? 0 : db_fail(rc, "the demo's gold customer");
}

static int cmd_demo(struct admin *a)
{
	struct db_rows rows;
	int rc = db_query(a->db, a->pool, SQL_CLIENT_BY_SLUG, &rows, "s", "demo");
	if (rc != DB_OK)
		return db_fail(rc, "the demo client");
	if (rows.rows > 0) {
		printf("The demo client exists already.\n");
		return 0;
	}
	const char *const domains[] = { "127.0.0.1", "localhost" };
	const char *dana = read_password(a, 1), *sam = read_password(a, 1),
		   *sue = read_password(a, 1), *rex = read_password(a, 1), *olga = read_password(a, 1);
	a->quiet = 1;
	long long reseller = 0, client = 0, house = 0;
	int status = admin_reseller_create(actor(a), "demo-partners", "Demo Partners", "20");
	if (status == 0) {
		reseller = a->ac.new_id;
		status = admin_client_create(actor(a), "demo", "Demo Shop", NULL, NULL, "demo-partners");
	}
	if (status == 0) {
		client = a->ac.new_id;
		status = admin_site_add(actor(a), client, "Demo Shop website", domains, 2);
	}
	if (status == 0)
		status = account_add(actor(a), client, "agent@demo.example", "Dana Demo", "admin", 0, dana);
	if (status == 0)
		status = account_add(actor(a), client, "sam@demo.example", "Sam Second", "agent", 0, sam);
	if (status == 0)
		status = account_add(actor(a), client, "sue@demo.example", "Sue Supervisor", "supervisor", 0, sue);
	if (status == 0)
		status = admin_canned_add(actor(a), CANNED_PHRASE, client, 0, "Greeting",
					  "Hello! How can I help you today?");
	if (status == 0)
		status = admin_canned_add(actor(a), CANNED_PHRASE, client, 0, "One moment",
					  "One moment please, I am looking into it.");
	if (status == 0)
		status = admin_client_set_rate(actor(a), "demo", "minute", "5", "1000", "EUR");
	if (status == 0)
		status = admin_house_client(actor(a), true, &house);
	if (status == 0)
		status = account_add(actor(a), house, "reseller@demo.example", "Rex Reseller", "reseller",
				     reseller, rex);
	if (status == 0)
		status = admin_operator_add(actor(a), "operator@demo.example", "Olga Operator", olga);
	if (status != 0)
		return told(a, status);
	if (demo_phone(a) != 0 || demo_profiles(a, client) != 0)
		return 1;
	if (demo_history(a) != DB_OK)
		return fail("%s", "could not add the demo's history");
	printf("Demo agent, and the demo client's administrator: agent@demo.example  password: %s\n", dana);
	printf("Second agent (for transfers): sam@demo.example  password: %s\n", sam);
	printf("Supervisor: sue@demo.example  password: %s\n", sue);
	printf("Reseller (Demo Partners, who brought Demo Shop): reseller@demo.example  password: %s\n", rex);
	printf("Baton operator (every client): operator@demo.example  password: %s\n", olga);
	/* The auditorium (issue 17): a scheduled event with 20,000 seats. */
	const char *seat_cap = "seat_cap", *seats = "20000";
	if ((status = admin_desk_update(actor(a), client, &seat_cap, &seats, 1)) != 0)
		return told(a, status);
	struct crowd_admin crowd = { a->db, a->pool, &a->cfg, crowd_password, a, crowd_actor };
	if (crowd_demo_event(&crowd) != 0)
		return 1;
	return 0;
}

static int is(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

/* Service levels, rules and skills (lib/profile_admin.h); NOT_A_COMMAND
 * when the arguments are none of those commands. */
enum { NOT_A_COMMAND = -2 };
static int profile_command(struct admin *a, int argc, char **argv)
{
	const char *cmd = argv[0], *sub = argv[1];
	if (is(cmd, "agent") && argc == 4)
		return told(a, profile_admin_agent_skills(actor(a), argv[2], argv[3]));
	long long cid = argc >= 3 ? client_id(a, argv[2]) : -1;
	if (cid < 0)
		return 1;
	if (is(cmd, "level") && is(sub, "set") && argc >= 5 && argc % 2 == 1) {
		const char *rank = NULL, *skill = NULL, *target = NULL, *skip = NULL;
		for (int i = 5; i + 1 < argc; i += 2) {
			if (is(argv[i], "--rank"))
				rank = argv[i + 1];
			else if (is(argv[i], "--skill"))
				skill = argv[i + 1];
			else if (is(argv[i], "--target"))
				target = argv[i + 1];
			else if (is(argv[i], "--skip-overflow"))
				skip = argv[i + 1];
			else
				return NOT_A_COMMAND;
		}
		return told(a, profile_admin_level_set(actor(a), cid, argv[3], argv[4], skill, rank, target,
						       skip));
	}
	if (is(cmd, "level") && is(sub, "list") && argc == 3)
		return print_rows(a, SQL_SERVICE_LEVELS, "i", cid);
	if (is(cmd, "level") && is(sub, "delete") && argc == 4)
		return told(a, profile_admin_level_delete(actor(a), cid, argv[3]));
	if (is(cmd, "rule") && is(sub, "add") && (argc == 6 || argc == 7))
		return told(a, profile_admin_rule_add(actor(a), cid, argv[3], argv[4], argv[5],
						      argc == 7 ? argv[6] : NULL));
	if (is(cmd, "rule") && is(sub, "list") && argc == 3)
		return print_rows(a, SQL_PROFILE_RULES, "i", cid);
	if (is(cmd, "rule") && is(sub, "delete") && argc == 4)
		return told(a, profile_admin_rule_delete(actor(a), cid, strtoll(argv[3], NULL, 10)));
	if (is(cmd, "rule") && is(sub, "forget") && argc == 4)
		return told(a, profile_admin_delete(actor(a), cid, NULL, argv[3]));
	if (is(cmd, "rule") && is(sub, "settings") && argc == 5)
		return told(a, profile_admin_settings(actor(a), cid, argv[3], argv[4]));
	if (is(cmd, "rule") && is(sub, "test") && argc == 4) {
		struct treatment t;
		return told(a, profile_admin_try(actor(a), cid, argv[3], &t));
	}
	return NOT_A_COMMAND;
}


static const char *crowd_password(void *context, int generate)
{
	return read_password(context, generate);
}

static struct admin_context *crowd_actor(void *context)
{
	return actor(context);
}

/* ---- mail settings (lib/admin_mail.c) ---------------------------------- */

static int set_alert_email(struct admin *a, const char *client, const char *address)
{
	long long cid = client_id(a, client);
	return cid < 0 ? 1 : told(a, admin_client_alert_email(actor(a), cid, address));
}

static int set_digest(struct admin *a, const char *email, const char *on_off)
{
	if (strcmp(on_off, "on") != 0 && strcmp(on_off, "off") != 0)
		return fail("%s", "say on or off");
	long long id = account_id(a, email);
	return id < 0 ? 1 : told(a, account_set_digest(actor(a), id, strcmp(on_off, "on") == 0));
}

/* ---- the first-run setup ---------------------------------------------- */

/* A one-time token for the setup page, and the address to open with it. */
static int cmd_setup_token(struct admin *a)
{
	bool done = false;
	int rc = setup_done(a->db, a->pool, &done);
	if (rc != DB_OK)
		return db_fail(rc, "the setup check");
	if (done)
		return fail("%s", "the setup is over: an operator account exists (more with: "
			    "baton-admin operator add)");
	char token[TOKEN_HEX_LEN + 1];
	rc = setup_token_issue(a->db, token);
	if (rc != DB_OK)
		return db_fail(rc, "the setup token");
	const char *base = a->cfg.public_url[0] ? a->cfg.public_url : "https://YOUR-BATON-ADDRESS";
	printf("setup token: %s\n"
	       "Open %s/setup?token=%s in a browser within %d days to create the first operator\n"
	       "account; the token works once, and a new one replaces it.\n",
	       token, base, token, SETUP_TOKEN_SECONDS / 86400);
	return 0;
}

static int dispatch(struct admin *a, int argc, char **argv, int generate)
{
	const char *cmd = argc > 0 ? argv[0] : "help";
	const char *sub = argc > 1 ? argv[1] : "";
	/* Rooms and events (issue 17): tools/admin_crowd.c. */
	struct crowd_admin crowd = { a->db, a->pool, &a->cfg, crowd_password, a, crowd_actor };
	int crowd_status = crowd_admin_command(&crowd, argc, argv, generate);
	if (crowd_status != CROWD_ADMIN_NOT_MINE)
		return crowd_status;
	if (is(cmd, "migrate") && argc == 1)
		return cmd_migrate(a);
	if (is(cmd, "demo") && argc == 1)
		return cmd_demo(a);
	if (is(cmd, "setup-token") && argc == 1)
		return cmd_setup_token(a);
	if (is(cmd, "operator") && is(sub, "add") && argc == 4) {
		const char *password = read_password(a, generate);
		int rc = password ? told(a, admin_operator_add(actor(a), argv[2], argv[3], password))
				  : fail("%s", "no password given ($BATON_PASSWORD, standard input or --generate)");
		if (rc == 0 && generate)
			printf("password: %s\n", password);
		return rc;
	}
	if (is(cmd, "operator") && is(sub, "invite") && argc == 4)
		return told(a, admin_operator_add(actor(a), argv[2], argv[3], NULL));

	if (is(cmd, "client") && is(sub, "add") && (argc == 4 || argc == 6))
		return told(a, admin_client_create(actor(a), argv[2], argv[3], argc == 6 ? argv[4] : NULL,
						   argc == 6 ? argv[5] : NULL, NULL));
	if (is(cmd, "client") && is(sub, "list") && argc == 2)
		return print_rows(a, SQL_CLIENT_LIST, "", 0);
	if (is(cmd, "client") && (is(sub, "suspend") || is(sub, "resume")) && argc == 3)
		return told(a, admin_client_suspend(actor(a), argv[2], is(sub, "suspend")));
	if (is(cmd, "client") && is(sub, "delete") && argc == 4)
		return told(a, admin_client_delete(actor(a), argv[2], argv[3]));
	if (is(cmd, "client") && is(sub, "set") && argc == 5) {
		long long cid = client_id(a, argv[2]);
		const char *name = argv[3], *value = argv[4];
		return cid < 0 ? 1 : told(a, admin_desk_update(actor(a), cid, &name, &value, 1));
	}
	if (is(cmd, "client") && is(sub, "rate") && argc >= 5 && argc <= 7) {
		if (client_id(a, argv[2]) < 0)
			return 1;
		return told(a, admin_client_set_rate(actor(a), argv[2], argv[3], argv[4],
						     argc > 5 ? argv[5] : NULL, argc > 6 ? argv[6] : NULL));
	}
	if (is(cmd, "client") && is(sub, "call-rate") && argc == 4) {
		if (client_id(a, argv[2]) < 0)
			return 1;
		return told(a, admin_client_set_call_rate(actor(a), argv[2], argv[3]));
	}
	if (is(cmd, "client") && is(sub, "reseller") && argc == 4) {
		if (client_id(a, argv[2]) < 0)
			return 1;
		return told(a, admin_client_set_reseller(actor(a), argv[2], argv[3]));
	}

	if (is(cmd, "site") && is(sub, "add") && argc >= 5) {
		long long cid = client_id(a, argv[2]);
		return cid < 0 ? 1 : told(a, admin_site_add(actor(a), cid, argv[3],
							     (const char *const *)argv + 4, argc - 4));
	}
	if (is(cmd, "site") && is(sub, "secret") && argc == 3) {
		int rc = told(a, admin_site_new_secret(actor(a), 0, argv[2]));
		if (rc == 0)
			printf("Sign help links with sig = HMAC-SHA256(secret, "
			       "\"site=KEY&priority=N&expires=UNIXTIME\").\n");
		return rc;
	}
	if (is(cmd, "site") && is(sub, "sign-link") && argc >= 4) {
		struct signed_link about = { .priority = -1 };
		const char *days = "1";
		int i = 4;
		if (i < argc && argv[i][0] != '-')
			days = argv[i++];
		for (; i + 1 < argc; i += 2) {
			if (is(argv[i], "--plan"))
				about.plan = argv[i + 1];
			else if (is(argv[i], "--name"))
				about.name = argv[i + 1];
			else if (is(argv[i], "--email"))
				about.email = argv[i + 1];
			else
				break;
		}
		if (i == argc)
			return sign_link(a, argv[2], argv[3], days, &about);
	}
	if (is(cmd, "site") && is(sub, "list") && argc == 3) {
		long long cid = client_id(a, argv[2]);
		return cid < 0 ? 1 : print_rows(a, SQL_SITE_BY_CLIENT, "i", cid);
	}
	if (is(cmd, "level") || is(cmd, "rule") || (is(cmd, "agent") && is(sub, "skills"))) {
		int rc = profile_command(a, argc, argv);
		if (rc != NOT_A_COMMAND)
			return rc;
	}

	if (is(cmd, "agent") && is(sub, "add") && (argc == 5 || argc == 6)) {
		const char *password = read_password(a, generate);
		int rc = add_agent(a, argv[2], argv[3], argv[4], argc == 6 ? argv[5] : "agent", password);
		if (rc == 0 && generate)
			printf("agent %s created; password: %s\n", argv[3], password);
		return rc;
	}
	if (is(cmd, "agent") && is(sub, "invite") && (argc == 5 || argc == 6)) {
		long long cid = client_id(a, argv[2]);
		return cid < 0 ? 1 : told(a, account_invite(actor(a), cid, argv[3], argv[4],
							    argc == 6 ? argv[5] : "agent", 0, false));
	}
	if (is(cmd, "agent") && is(sub, "passwd") && argc == 3) {
		const char *password = read_password(a, generate);
		int rc = told(a, account_set_password_by_admin(actor(a), argv[2], password));
		if (rc == 0 && generate)
			printf("new password: %s\n", password);
		return rc;
	}
	if (is(cmd, "agent") && is(sub, "lang") && argc == 4)
		return set_agent_lang(a, argv[2], argv[3]);
	if (is(cmd, "canned") && is(sub, "translate") && argc == 6)
		return translate_canned(a, argv[2], argv[3], argv[4], argv[5]);
	if (is(cmd, "translate") && argc == 4)
		return translate_line(a, argv[1], argv[2], argv[3]);
	if (is(cmd, "detect") && (argc == 2 || argc == 3))
		return detect_lang(a, argv[1], argc == 3 ? argv[2] : NULL);
	if (is(cmd, "site") && is(sub, "help-address") && argc == 4)
		return told(a, admin_site_help_address(actor(a), 0, argv[2], argv[3]));
	if (is(cmd, "client") && is(sub, "alert-email") && argc == 4)
		return set_alert_email(a, argv[2], argv[3]);
	if (is(cmd, "agent") && is(sub, "digest") && argc == 4)
		return set_digest(a, argv[2], argv[3]);
	if (is(cmd, "phone") && is(sub, "set") && argc == 5)
		return set_phone(a, argv[2], argv[3], argv[4]);
	if (is(cmd, "phone") && is(sub, "show") && argc == 3)
		return show_phone(a, argv[2]);
	if (is(cmd, "agent") && is(sub, "phone") && (argc == 3 || (argc == 4 && is(argv[3], "off"))))
		return desk_phone(a, argv[2], argc == 4);
	if (is(cmd, "agent") && argc == 4 && (is(sub, "role") || is(sub, "capacity"))) {
		long long id = account_id(a, argv[2]);
		if (id < 0)
			return 1;
		return told(a, is(sub, "role") ? account_set_role(actor(a), id, argv[3])
					       : account_set_capacity(actor(a), id, argv[3]));
	}
	if (is(cmd, "agent") && argc == 3 && (is(sub, "reset") || is(sub, "deactivate") || is(sub, "activate"))) {
		long long id = account_id(a, argv[2]);
		if (id < 0)
			return 1;
		if (is(sub, "reset"))
			return told(a, account_reset(actor(a), id));
		return told(a, account_set_active(actor(a), id, is(sub, "activate")));
	}
	if (is(cmd, "agent") && is(sub, "two-factor-off") && argc == 3) {
		long long id = account_id(a, argv[2]);
		return id < 0 ? 1 : told(a, two_factor_reset(actor(a), id));
	}
	if (is(cmd, "agent") && is(sub, "list") && argc == 3) {
		long long cid = client_id(a, argv[2]);
		return cid < 0 ? 1 : print_rows(a, SQL_AGENT_LIST, "i", cid);
	}

	if (is(cmd, "canned") && is(sub, "add") && (argc == 5 || argc == 6))
		return add_canned(a, CANNED_PHRASE, argv[2], argv[3], argv[4], argc == 6 ? argv[5] : NULL);
	if (is(cmd, "canned-address") && is(sub, "add") && (argc == 5 || argc == 6))
		return add_canned(a, CANNED_ADDRESS, argv[2], argv[3], argv[4], argc == 6 ? argv[5] : NULL);
	if (is(cmd, "canned-address") && is(sub, "set") && argc == 5) {
		long long cid = client_id(a, argv[2]);
		return cid < 0 ? 1 : told(a, admin_canned_address_move(actor(a), cid, argv[3], argv[4]));
	}
	if (is(cmd, "avatar-rule") && is(sub, "add") && argc == 5) {
		long long cid = client_id(a, argv[2]);
		return cid < 0 ? 1 : told(a, admin_avatar_rule_add(actor(a), cid, argv[3], argv[4]));
	}

	if (is(cmd, "reseller") && is(sub, "add") && argc == 5)
		return told(a, admin_reseller_create(actor(a), argv[2], argv[3], argv[4]));
	if (is(cmd, "reseller") && is(sub, "share") && argc == 4)
		return told(a, admin_reseller_set_share(actor(a), argv[2], argv[3]));
	if (is(cmd, "reseller") && is(sub, "invite") && argc == 5)
		return told(a, admin_reseller_invite(actor(a), argv[2], argv[3], argv[4]));
	if (is(cmd, "reseller") && (is(sub, "suspend") || is(sub, "resume")) && argc == 3)
		return told(a, admin_reseller_suspend(actor(a), argv[2], is(sub, "suspend")));
	if (is(cmd, "reseller") && is(sub, "remove") && argc == 4)
		return told(a, admin_reseller_remove(actor(a), argv[2], argv[3]));
	if (is(cmd, "reseller") && is(sub, "list") && argc == 2)
		return print_rows(a, SQL_RESELLER_LIST, "", 0);
	if (is(cmd, "turn") && is(sub, "credential") && (argc == 3 || argc == 4))
		return turn_credential(a, argv[2], argc == 4 ? argv[3] : NULL);
	if (is(cmd, "audit") && (argc == 1 || argc == 2))
		return print_audit(a, argc == 2 ? argv[1] : NULL);
	fputs(usage, is(cmd, "help") ? stdout : stderr);
	fputs(crowd_admin_usage, is(cmd, "help") ? stdout : stderr);
	return is(cmd, "help") ? 0 : 2;
}

int main(int argc, char **argv)
{
	struct admin a;
	memset(&a, 0, sizeof a);
	const char *conf = NULL;
	int generate = 0;
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--conf") == 0 && i + 1 < argc)
			conf = argv[++i];
		else if (strcmp(argv[i], "--generate") == 0)
			generate = 1;
		else {
			fputs(usage, stderr);
			return 2;
		}
	}
	/* These need neither the configuration nor the database. */
	if (argc - i == 1 && strcmp(argv[i], "version") == 0) {
		printf("baton %s\n", baton_version());
		return 0;
	}
	if (argc - i == 1 && strcmp(argv[i], "help") == 0) {
		fputs(usage, stdout);
		return 0;
	}
	if (argc == i) {
		fputs(usage, stderr);
		return 2;
	}
	config_defaults(&a.cfg);
	char error[512];
	if (config_load(&a.cfg, conf ? conf : config_path(), error, sizeof error) != 0)
		return fail("%s", error);
	if (mysql_library_init(0, NULL, NULL) != 0)
		return fail("%s", "cannot initialise the MariaDB client library");
	a.db = db_new(&a.cfg);
	a.pool = pool_new();
	int status = dispatch(&a, argc - i, argv + i, generate);
	pool_free(a.pool);
	db_free(a.db);
	mysql_library_end();
	return status;
}
