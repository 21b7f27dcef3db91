/* baton-admin - the administration command: schema migrations, clients,
 * sites, agents and passwords. Run `baton-admin help` for the commands. */
#include <dirent.h>
#include <errno.h>
#include <mysql.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "admin_crowd.h"
#include "config.h"
#include "billing.h"
#include "buf.h"
#include "crypto.h"
#include "db.h"
#include "input.h"
#include "log.h"
#include "mail_admin.h"
#include "agent_phone.h"
#include "phone_line.h"
#include "pool.h"
#include "provision.h"
#include "setup.h"
#include "translate.h"
#include "turn.h"
#include "version.h"

struct admin {
	int quiet; /* the demo command prints only the credentials */
	struct config cfg;
	struct db *db;
	struct pool *pool;
};

static const char usage[] =
	"usage: baton-admin [--conf FILE] COMMAND ...\n"
	"\n"
	"  version                                  Baton's version\n"
	"  help                                     this list\n"
	"  migrate                                  apply new schema migrations (from schema_dir)\n"
	"  client add SLUG NAME                     create a client (the business)\n"
	"  client list\n"
	"  site add CLIENT NAME DOMAIN [DOMAIN...]  register a site; prints its key\n"
	"  site list CLIENT\n"
	"  site secret SITE_KEY                     make (or replace) the site's signing secret\n"
	"                                           for signed help-link priorities\n"
	"  agent add CLIENT EMAIL NAME [ROLE]       ROLE: agent (default), supervisor, admin,\n"
	"                                           operator (the Baton operator: every client)\n"
	"  agent passwd EMAIL                       set a new password\n"
	"  agent list CLIENT\n"
	"  agent lang EMAIL LANG                    the language the agent reads and writes\n"
	"                                           (e.g. en, es, pt-BR); lines in others are\n"
	"                                           translated for them\n"
	"  canned translate CLIENT TITLE LANG TEXT  the canned phrase's own translation into\n"
	"                                           LANG, used instead of machine translation\n"
	"  translate FROM TO TEXT                   TEXT through the translation engine\n"
	"                                           (translate_url), as chat lines go"
	"  canned add CLIENT TITLE TEXT [EMAIL]     a canned phrase for every agent of\n"
	"                                           the client, or for one agent\n"
	"  canned-address add CLIENT TITLE URL [EMAIL]  an address agents lead to with one\n"
	"                                           click, for the client or one agent\n"
	"  canned-address set CLIENT TITLE URL      the client's address of that title, now\n"
	"                                           at URL (added if there is none)\n"
	"  client set CLIENT SETTING VALUE          seat_cap, accept_timeout_seconds,\n"
	"                                           max_missed_offers, channel_participant_cap,\n"
	"                                           wait_target_seconds, show_rooms (0/1),\n"
	"                                           tell_visitors_monitored (0/1),\n"
	"                                           supervisors_listen (0/1: supervisors may listen\n"
	"                                           to calls, where visitors are told of monitoring)\n"
	"  client rate CLIENT minute|session CENTS [MINIMUM_CENTS] [CURRENCY]\n"
	"                                           the client's rate per started minute or per\n"
	"                                           session, monthly minimum (default 0), and\n"
	"                                           currency (EUR, USD...; default: unchanged)\n"
	"  client call-rate CLIENT CENTS            what each started minute of a call costs, on top\n"
	"                                           of the rate (default 0: calls counted, not billed)\n"
	"  reseller add SLUG NAME SHARE_PERCENT     a reseller and its share (e.g. 12.5)\n"
	"  reseller list\n"
	"  client reseller CLIENT RESELLER|none     the reseller who brought the client\n"
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
	"  demo                                     create the demo client, site and agent\n"
	"  setup-token                              a one-time token for the first-run setup in\n"
	"                                           the browser (/setup), while no operator exists\n"
	"\n"
	"Passwords come from $BATON_PASSWORD, else one line on standard input;\n"
	"with --generate a random one is made and printed.\n"
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

/* Validates one value with the same declared-input rules the web uses. */
static const char *checked(struct admin *a, const char *name, enum input_kind kind,
			   size_t max, const char *value)
{
	struct input spec = { name, kind, true, max, 0, 0, NULL };
	struct param p = { name, value, NULL };
	const char *out = NULL, *error = NULL;
	long long number;
	if (input_validate(a->pool, &p, &spec, 1, &out, &number, &error) != 0) {
		fprintf(stderr, "baton-admin: %s\n", error);
		return NULL;
	}
	return out;
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

static char *hash_password(struct admin *a, const char *password)
{
	if (password == NULL || strlen(password) < 10) {
		fail("%s", "a password needs at least 10 characters");
		return NULL;
	}
	char *hash = pool_alloc(a->pool, PASSWORD_HASH_MAX);
	if (crypto_password_hash(password, a->cfg.password_iterations, hash) != 0) {
		fail("%s", "cannot hash the password");
		return NULL;
	}
	return hash;
}

static long long client_id(struct admin *a, const char *slug)
{
	struct db_rows rows;
	int rc = db_query(a->db, a->pool, SQL_CLIENT_BY_SLUG, &rows, "s", slug);
	if (rc != DB_OK) {
		db_fail(rc, "the client lookup");
		return -1;
	}
	if (rows.rows == 0) {
		fail("no client '%s' (see: baton-admin client list)", slug);
		return -1;
	}
	return db_cell_int(&rows, 0, 0);
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

/* ---- clients, sites, agents ------------------------------------------- */

/* A client's or reseller's slug: at most 64 of a-z, 0-9 and '-' (it goes
 * into addresses); NULL, said once, when it is not. */
static const char *checked_slug(struct admin *a, const char *slug_in)
{
	const char *slug = checked(a, "slug", INPUT_LINE, 64, slug_in);
	if (slug == NULL)
		return NULL;
	const char *problem = provision_slug_problem(a->pool, slug);
	if (problem != NULL) {
		fail("%s", problem);
		return NULL;
	}
	return slug;
}

/* What a provision_*() call said went wrong, said once. */
static int provision_fail(int rc, const char *why, const char *what)
{
	if (why != NULL && (rc == PROVISION_INVALID || rc == DB_DUPLICATE)) {
		/* baton-admin's messages: lower case, no full stop. */
		int n = (int)strlen(why);
		char first = why[0] >= 'A' && why[0] <= 'Z' ? (char)(why[0] - 'A' + 'a') : why[0];
		return fail("%c%.*s", first, n > 1 && why[n - 1] == '.' ? n - 2 : n - 1, why + 1);
	}
	return db_fail(rc, what);
}

static int create_client(struct admin *a, const char *slug_in, const char *name_in)
{
	const char *slug = checked_slug(a, slug_in);
	const char *name = checked(a, "name", INPUT_LINE, 200, name_in);
	if (slug == NULL || name == NULL)
		return 1;
	const char *why = NULL;
	int rc = provision_client(a->db, a->pool, slug, name, NULL, &why);
	if (rc != DB_OK)
		return provision_fail(rc, why, "that client");
	if (!a->quiet)
		printf("client %s created\n", slug);
	return 0;
}

static int create_site(struct admin *a, const char *client, const char *name_in,
		       char **domains_in, int domain_count, int quiet)
{
	long long cid = client_id(a, client);
	const char *name = checked(a, "name", INPUT_LINE, 200, name_in);
	if (cid < 0 || name == NULL)
		return 1;
	const char *domains[domain_count > 0 ? domain_count : 1];
	for (int i = 0; i < domain_count; i++)
		if ((domains[i] = checked(a, "domain", INPUT_LINE, 253, domains_in[i])) == NULL)
			return 1;
	char key[33];
	const char *why = NULL;
	int rc, attempt = 0;
	do {
		rc = db_begin(a->db);
		if (rc == DB_OK)
			rc = provision_site(a->db, a->pool, cid, name, domains, domain_count, key, &why);
		if (rc == DB_OK)
			rc = db_commit(a->db);
		else
			db_rollback(a->db);
	} while (db_retry(a->db, &rc, &attempt));
	if (rc != DB_OK)
		return provision_fail(rc, why, "that site or domain");
	if (!quiet)
		printf("site created; its key is %s\n", key);
	return 0;
}

static int create_agent(struct admin *a, const char *client, const char *email_in,
			const char *name_in, const char *role, const char *password)
{
	long long cid = client_id(a, client);
	const char *email = checked(a, "email", INPUT_EMAIL, 254, email_in);
	const char *name = checked(a, "name", INPUT_LINE, 100, name_in);
	if (cid < 0 || email == NULL || name == NULL)
		return 1;
	const char *why = NULL;
	int rc = provision_agent(a->db, a->pool, &a->cfg, cid, email, name, role, password, NULL,
				 &why);
	if (rc != DB_OK)
		return provision_fail(rc, why, "an agent with that e-mail address");
	return 0;
}

static int set_password(struct admin *a, const char *email_in, const char *password)
{
	const char *email = checked(a, "email", INPUT_EMAIL, 254, email_in);
	if (email == NULL)
		return 1;
	char *hash = hash_password(a, password);
	if (hash == NULL)
		return 1;
	unsigned long long changed = 0;
	int rc = db_exec(a->db, SQL_AGENT_SET_PASSWORD, &changed, "ss", hash, email);
	if (rc != DB_OK)
		return db_fail(rc, "the password");
	if (changed == 0)
		return fail("no agent with the e-mail address %s", email);
	printf("password set for %s\n", email);
	return 0;
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

/* The id of the agent with this e-mail address in client cid (for things
 * that belong to one agent rather than the whole client). Returns 0, or 1
 * after saying what is wrong. */
static int agent_of_client(struct admin *a, long long cid, const char *client,
			   const char *email_in, long long *agent_id)
{
	struct db_rows agent;
	const char *email = checked(a, "email", INPUT_EMAIL, 254, email_in);
	if (email == NULL)
		return 1;
	int rc = db_query(a->db, a->pool, SQL_AGENT_BY_EMAIL_ANY_CLIENT, &agent, "s", email);
	if (rc != DB_OK)
		return db_fail(rc, "the agent lookup");
	if (agent.rows == 0 || db_cell_int(&agent, 0, 1) != cid)
		return fail("no agent %s in client %s", email, client);
	*agent_id = db_cell_int(&agent, 0, 0);
	return 0;
}

/* Language tags as Baton keeps them (lib/translate.h), or 1 after saying why not. */
static int checked_lang(const char *lang)
{
	if (!translate_lang_valid(lang))
		return fail("'%s' is not a language tag (two or three letters, e.g. es or pt-BR)", lang);
	return 0;
}

static int set_agent_lang(struct admin *a, const char *email_in, const char *lang)
{
	struct db_rows agent;
	const char *email = checked(a, "email", INPUT_EMAIL, 254, email_in);
	if (email == NULL || checked_lang(lang) != 0)
		return 1;
	int rc = db_query(a->db, a->pool, SQL_AGENT_BY_EMAIL_ANY_CLIENT, &agent, "s", email);
	if (rc != DB_OK)
		return db_fail(rc, "the agent lookup");
	if (agent.rows == 0)
		return fail("no agent %s", email);
	rc = db_exec(a->db, SQL_LANG_AGENT_SET, NULL, "sii", lang, db_cell_int(&agent, 0, 0),
		     db_cell_int(&agent, 0, 1));
	if (rc != DB_OK)
		return db_fail(rc, "the agent's language");
	if (!a->quiet)
		printf("%s reads and writes %s\n", email, lang);
	return 0;
}

static int translate_canned(struct admin *a, const char *client, const char *title_in,
			    const char *lang, const char *text_in)
{
	long long cid = client_id(a, client);
	const char *title = checked(a, "title", INPUT_LINE, 100, title_in);
	const char *text = checked(a, "text", INPUT_TEXT, 2000, text_in);
	if (cid < 0 || title == NULL || text == NULL || checked_lang(lang) != 0)
		return 1;
	char base[TRANSLATE_LANG_MAX];
	translate_lang_base(lang, base);
	unsigned long long changed = 0;
	int rc = db_exec(a->db, SQL_LANG_CANNED_TRANSLATION_SET, &changed, "ssis", base, text, cid,
			 title);
	if (rc != DB_OK)
		return db_fail(rc, "the canned phrase's translation");
	if (changed == 0)
		return fail("client %s has no canned phrase '%s' for every agent", client, title);
	if (!a->quiet)
		printf("canned phrase '%s' in %s saved\n", title, base);
	return 0;
}

static int translate_line(struct admin *a, const char *from, const char *to, const char *text)
{
	if (checked_lang(from) != 0 || checked_lang(to) != 0)
		return 1;
	struct buf out;
	buf_init(&out);
	char via[TRANSLATE_LANG_MAX];
	enum translate_status st = translate_text(&a->cfg, from, to, text, &out, via);
	if (st == TRANSLATE_OK)
		printf("%s\n", out.data ? out.data : "");
	if (st == TRANSLATE_OK && via[0] != '\0')
		fprintf(stderr, "(through %s)\n", via);
	buf_free(&out);
	if (st == TRANSLATE_OFF)
		return fail("%s", "no translation engine: set translate_url in baton.conf");
	if (st == TRANSLATE_NO_PAIR)
		return fail("the engine cannot translate %s to %s, directly or through %s", from, to,
			    a->cfg.translate_pivots);
	if (st != TRANSLATE_OK)
		return fail("the engine at %s did not answer in time", a->cfg.translate_url);
	return 0;
}

static int add_canned(struct admin *a, const char *client, const char *title_in,
		      const char *text_in, const char *email_in)
{
	long long cid = client_id(a, client);
	const char *title = checked(a, "title", INPUT_LINE, 100, title_in);
	const char *text = checked(a, "text", INPUT_TEXT, 2000, text_in);
	if (cid < 0 || title == NULL || text == NULL)
		return 1;
	long long agent_id = 0;
	if (email_in != NULL && agent_of_client(a, cid, client, email_in, &agent_id) != 0)
		return 1;
	int rc = db_exec(a->db, SQL_CANNED_INSERT, NULL, "inss", cid, agent_id, title, text);
	if (rc != DB_OK)
		return db_fail(rc, "the canned phrase");
	if (!a->quiet)
		printf("canned phrase '%s' added\n", title);
	return 0;
}

/* Client settings are whole numbers, each with its own statement. */
static int set_client(struct admin *a, const char *client, const char *setting, const char *value)
{
	static const struct { const char *name; enum sql_id id; long long min, max; } settings[] = {
		{ "seat_cap", SQL_CLIENT_SET_SEAT_CAP, 1, 100000 },
		{ "accept_timeout_seconds", SQL_CLIENT_SET_ACCEPT_TIMEOUT, 5, 600 },
		{ "max_missed_offers", SQL_CLIENT_SET_MAX_MISSED, 1, 100 },
		{ "channel_participant_cap", SQL_CLIENT_SET_PARTICIPANT_CAP, 2, 1000 },
		{ "wait_target_seconds", SQL_CLIENT_SET_WAIT_TARGET, 10, 86400 },
		{ "show_rooms", SQL_CLIENT_SET_SHOW_ROOMS, 0, 1 },
		{ "tell_visitors_monitored", SQL_CLIENT_SET_MONITOR_NOTICE, 0, 1 },
		{ "supervisors_listen", SQL_CLIENT_SET_SUPERVISORS_LISTEN, 0, 1 },
	};
	long long cid = client_id(a, client);
	if (cid < 0)
		return 1;
	for (size_t i = 0; i < sizeof settings / sizeof settings[0]; i++) {
		if (strcmp(setting, settings[i].name) != 0)
			continue;
		char *end;
		long long v = strtoll(value, &end, 10);
		if (*value == '\0' || *end != '\0' || v < settings[i].min || v > settings[i].max)
			return fail("%s must be a whole number from %lld to %lld", setting,
				    settings[i].min, settings[i].max);
		int rc = db_exec(a->db, settings[i].id, NULL, "ii", v, cid);
		if (rc != DB_OK)
			return db_fail(rc, "the setting");
		if (!a->quiet)
			printf("%s of %s set to %lld\n", setting, client, v);
		return 0;
	}
	return fail("unknown client setting '%s' (see baton-admin help)", setting);
}

static int new_site_secret(struct admin *a, const char *site_key)
{
	char secret[TOKEN_HEX_LEN + 1];
	if (crypto_token(secret) != 0)
		return fail("%s", "no randomness available");
	unsigned long long changed = 0;
	int rc = db_exec(a->db, SQL_SITE_SET_SECRET, &changed, "ss", secret, site_key);
	if (rc != DB_OK)
		return db_fail(rc, "the site secret");
	if (changed == 0)
		return fail("no site with the key %s", site_key);
	printf("site secret: %s\n"
	       "Sign help links with sig = HMAC-SHA256(secret, \"site=KEY&priority=N&expires=UNIXTIME\").\n",
	       secret);
	return 0;
}

/* ---- usage billing: rates and resellers -------------------------------- */

/* Rates and minimums up to a million in the currency's units. */
enum { BILLING_MAX_CENTS = 100000000 };

static int set_rate(struct admin *a, const char *client, const char *unit_text,
		    const char *rate_text, const char *minimum_text, const char *currency)
{
	long long cid = client_id(a, client);
	if (cid < 0)
		return 1;
	enum billing_unit unit;
	long long rate, minimum = 0;
	if (billing_unit_parse(unit_text, &unit) != 0)
		return fail("the rate is per 'minute' or per 'session', not '%s'", unit_text);
	if (billing_parse_cents(rate_text, BILLING_MAX_CENTS, &rate) != 0)
		return fail("the rate is a whole number of cents from 0 to %d, not '%s'",
			    BILLING_MAX_CENTS, rate_text);
	if (minimum_text != NULL && billing_parse_cents(minimum_text, BILLING_MAX_CENTS, &minimum) != 0)
		return fail("the monthly minimum is a whole number of cents from 0 to %d, not '%s'",
			    BILLING_MAX_CENTS, minimum_text);
	if (currency != NULL && !billing_currency_valid(currency))
		return fail("the currency is three capital letters (EUR, USD, GBP...), not '%s'",
			    currency);
	int rc = db_exec(a->db, SQL_CLIENT_SET_RATE, NULL, "siisi", billing_unit_name(unit), rate,
			 minimum, currency, cid);
	if (rc != DB_OK)
		return db_fail(rc, "the rate");
	char rate_shown[32], minimum_shown[32];
	billing_format_cents(rate, rate_shown);
	billing_format_cents(minimum, minimum_shown);
	if (!a->quiet)
		printf("rate of %s set to %s per %s, monthly minimum %s%s%s\n", client, rate_shown,
		       billing_unit_name(unit), minimum_shown, currency ? ", currency " : "",
		       currency ? currency : "");
	return 0;
}

static int set_call_rate(struct admin *a, const char *client, const char *rate_text)
{
	long long cid = client_id(a, client);
	if (cid < 0)
		return 1;
	long long rate;
	if (billing_parse_cents(rate_text, BILLING_MAX_CENTS, &rate) != 0)
		return fail("the call rate is a whole number of cents from 0 to %d, not '%s'",
			    BILLING_MAX_CENTS, rate_text);
	int rc = db_exec(a->db, SQL_CLIENT_SET_CALL_RATE, NULL, "ii", rate, cid);
	if (rc != DB_OK)
		return db_fail(rc, "the call rate");
	char shown[32];
	billing_format_cents(rate, shown);
	printf("call rate of %s set to %s per started minute of a call\n", client, shown);
	return 0;
}

static int create_reseller(struct admin *a, const char *slug_in, const char *name_in,
			   const char *share_text)
{
	const char *slug = checked_slug(a, slug_in);
	const char *name = checked(a, "name", INPUT_LINE, 200, name_in);
	if (slug == NULL || name == NULL)
		return 1;
	if (strcmp(slug, "none") == 0)
		return fail("%s", "'none' is not a reseller's slug (it means: no reseller)");
	long long share;
	if (billing_parse_percent(share_text, &share) != 0)
		return fail("the share is a percentage from 0 to 100 with at most two decimals "
			    "(e.g. 12.5), not '%s'", share_text);
	int rc = db_exec(a->db, SQL_RESELLER_INSERT, NULL, "ssi", slug, name, share);
	if (rc != DB_OK)
		return db_fail(rc, "that reseller");
	char shown[32];
	billing_format_percent(share, shown);
	printf("reseller %s created with a share of %s %%\n", slug, shown);
	return 0;
}

static int set_reseller(struct admin *a, const char *client, const char *reseller)
{
	long long cid = client_id(a, client);
	if (cid < 0)
		return 1;
	long long reseller_id = 0;
	if (strcmp(reseller, "none") != 0) {
		struct db_rows rows;
		int rc = db_query(a->db, a->pool, SQL_RESELLER_BY_SLUG, &rows, "s", reseller);
		if (rc != DB_OK)
			return db_fail(rc, "the reseller lookup");
		if (rows.rows == 0)
			return fail("no reseller '%s' (see: baton-admin reseller list)", reseller);
		reseller_id = db_cell_int(&rows, 0, 0);
	}
	int rc = db_exec(a->db, SQL_CLIENT_SET_RESELLER, NULL, "ni", reseller_id, cid);
	if (rc != DB_OK)
		return db_fail(rc, "the client's reseller");
	if (reseller_id == 0)
		printf("client %s has no reseller now\n", client);
	else
		printf("client %s now belongs to reseller %s\n", client, reseller);
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
	if (cid < 0)
		return 1;
	const char *error = NULL;
	int rc = phone_line_set(a->db, a->pool, cid, setting, value, &error);
	if (rc == PHONE_LINE_INVALID)
		return fail("%s", error);
	if (rc != DB_OK)
		return db_fail(rc, "the phone setting");
	if (!a->quiet)
		printf("%s of %s set\n", setting, client);
	return 0;
}

static int show_phone(struct admin *a, const char *client)
{
	long long cid = client_id(a, client);
	if (cid < 0)
		return 1;
	struct phone_line line;
	bool found;
	int rc = phone_line_load(a->db, a->pool, cid, &line, &found);
	if (rc != DB_OK)
		return db_fail(rc, "the phone settings");
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

static int desk_phone(struct admin *a, const char *email_in, bool off)
{
	const char *email = checked(a, "email", INPUT_EMAIL, 254, email_in);
	if (email == NULL)
		return 1;
	struct db_rows agent;
	int rc = db_query(a->db, a->pool, SQL_AGENT_BY_EMAIL_ANY_CLIENT, &agent, "s", email);
	if (rc != DB_OK)
		return db_fail(rc, "the agent lookup");
	if (agent.rows == 0)
		return fail("no agent '%s'", email);
	long long agent_id = db_cell_int(&agent, 0, 0);
	if (off) {
		if ((rc = agent_phone_remove(a->db, agent_id)) != DB_OK)
			return db_fail(rc, "the desk phone");
		printf("%s takes calls in the browser again\n", email);
		return 0;
	}
	const char *user;
	char password[AGENT_PHONE_PASSWORD + 1];
	if ((rc = agent_phone_set(a->db, a->pool, agent_id, a->cfg.sip_domain, &user, password)) != DB_OK)
		return db_fail(rc, "the desk phone");
	printf("desk phone of %s: user %s, password %s, domain %s\n"
	       "(register it with Baton's SIP proxy; its calls ring there from now on)\n",
	       email, user, password, a->cfg.sip_domain);
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

static const char *crowd_password(void *context, int generate);

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
	char *domains[] = { "127.0.0.1", "localhost" };
	const char *password = read_password(a, 1);
	const char *second = read_password(a, 1);
	const char *supervisor = read_password(a, 1);
	a->quiet = 1;
	if (create_client(a, "demo", "Demo Shop") != 0
	    || create_site(a, "demo", "Demo Shop website", domains, 2, 1) != 0
	    || create_agent(a, "demo", "agent@demo.example", "Dana Demo", "admin", password) != 0
	    || create_agent(a, "demo", "sam@demo.example", "Sam Second", "agent", second) != 0
	    || create_agent(a, "demo", "sue@demo.example", "Sue Supervisor", "supervisor", supervisor) != 0
	    || add_canned(a, "demo", "Greeting", "Hello! How can I help you today?", NULL) != 0
	    || add_canned(a, "demo", "One moment", "One moment please, I am looking into it.", NULL) != 0
	    || set_rate(a, "demo", "minute", "5", "1000", "EUR") != 0
	    || demo_phone(a) != 0)
		return 1;
	if (demo_history(a) != DB_OK)
		return fail("%s", "could not add the demo's history");
	printf("Demo agent: agent@demo.example  password: %s\n", password);
	printf("Second agent (for transfers): sam@demo.example  password: %s\n", second);
	printf("Supervisor: sue@demo.example  password: %s\n", supervisor);
	/* The auditorium (issue 17): a scheduled event with 20,000 seats. */
	struct crowd_admin crowd = { a->db, a->pool, &a->cfg, crowd_password, a };
	if (set_client(a, "demo", "seat_cap", "20000") != 0 || crowd_demo_event(&crowd) != 0)
		return 1;
	return 0;
}

/* Adds a canned address for the client (or one agent); with move, points
 * the client-wide one of that title at url instead, adding it only if
 * there is none (`make run` keeps the demo's addresses on its port). */
static int put_canned_address(struct admin *a, const char *client, const char *title_in,
			      const char *url_in, const char *email_in, bool move)
{
	long long cid = client_id(a, client);
	const char *title = checked(a, "title", INPUT_LINE, 100, title_in);
	const char *url = checked(a, "url", INPUT_LINE, 2000, url_in);
	if (cid < 0 || title == NULL || url == NULL)
		return 1;
	if (strncmp(url, "https://", 8) != 0 && strncmp(url, "http://", 7) != 0)
		return fail("'%s' is not a web address (it must start with http:// or https://)", url);
	long long agent_id = 0;
	if (email_in != NULL && agent_of_client(a, cid, client, email_in, &agent_id) != 0)
		return 1;
	struct db_rows found = { 0 };
	int rc = move ? db_query(a->db, a->pool, SQL_CANNED_ADDRESS_FIND, &found, "is", cid, title) : DB_OK;
	if (rc == DB_OK && found.rows > 0)
		rc = db_exec(a->db, SQL_CANNED_ADDRESS_SET_URL, NULL, "si", url, db_cell_int(&found, 0, 0));
	else if (rc == DB_OK)
		rc = db_exec(a->db, SQL_CANNED_ADDRESS_INSERT, NULL, "inss", cid, agent_id, title, url);
	if (rc != DB_OK)
		return db_fail(rc, "the canned address");
	if (found.rows > 0)
		printf("canned address '%s' now leads to %s\n", title, url);
	else
		printf("canned address '%s' added\n", title);
	return 0;
}

static const char *crowd_password(void *context, int generate)
{
	return read_password(context, generate);
}

/* ---- mail settings (lib/mail_admin.c) ---------------------------------- */

static int mail_setting_done(int rc, const char *what, const char *value)
{
	if (rc == MAIL_ADMIN_BAD_ADDRESS)
		return fail("'%s' is not an e-mail address Baton can use", value);
	if (rc == MAIL_ADMIN_NO_SUCH)
		return fail("no %s '%s'", what, value);
	if (rc == DB_DUPLICATE)
		return fail("another site has the help address %s", value);
	if (rc != DB_OK)
		return db_fail(rc, what);
	return 0;
}

static int set_help_address(struct admin *a, const char *site_key, const char *address)
{
	int rc = mail_admin_site_address(a->db, a->pool, site_key, address);
	if (rc == MAIL_ADMIN_NO_SUCH)
		return mail_setting_done(rc, "site with the key", site_key);
	if (mail_setting_done(rc, "the help address", address) != 0)
		return 1;
	printf(strcmp(address, "none") == 0 ? "the site has no help address now\n"
					     : "mail to %s now becomes a help request\n", address);
	return 0;
}

static int set_alert_email(struct admin *a, const char *client, const char *address)
{
	long long cid = client_id(a, client);
	if (cid < 0)
		return 1;
	return mail_setting_done(mail_admin_client_alerts(a->db, a->pool, cid, address),
				 "the alert address", address);
}

static int set_digest(struct admin *a, const char *email_in, const char *on_off)
{
	struct db_rows rows;
	const char *email = checked(a, "email", INPUT_EMAIL, 254, email_in);
	if (email == NULL)
		return 1;
	if (strcmp(on_off, "on") != 0 && strcmp(on_off, "off") != 0)
		return fail("%s", "say on or off");
	int rc = db_query(a->db, a->pool, SQL_AGENT_BY_EMAIL_ANY_CLIENT, &rows, "s", email);
	if (rc != DB_OK)
		return db_fail(rc, "the agent lookup");
	if (rows.rows == 0)
		return fail("no agent '%s'", email);
	return mail_setting_done(mail_admin_digest(a->db, db_cell_int(&rows, 0, 0),
						   strcmp(on_off, "on") == 0), "the digest choice", on_off);
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
			    "baton-admin agent add CLIENT EMAIL NAME operator)");
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
	struct crowd_admin crowd = { a->db, a->pool, &a->cfg, crowd_password, a };
	int crowd_status = crowd_admin_command(&crowd, argc, argv, generate);
	if (crowd_status != CROWD_ADMIN_NOT_MINE)
		return crowd_status;
	if (strcmp(cmd, "migrate") == 0 && argc == 1)
		return cmd_migrate(a);
	if (strcmp(cmd, "demo") == 0 && argc == 1)
		return cmd_demo(a);
	if (strcmp(cmd, "setup-token") == 0 && argc == 1)
		return cmd_setup_token(a);
	if (strcmp(cmd, "client") == 0 && strcmp(sub, "add") == 0 && argc == 4)
		return create_client(a, argv[2], argv[3]);
	if (strcmp(cmd, "client") == 0 && strcmp(sub, "list") == 0 && argc == 2)
		return print_rows(a, SQL_CLIENT_LIST, "", 0);
	if (strcmp(cmd, "site") == 0 && strcmp(sub, "add") == 0 && argc >= 5)
		return create_site(a, argv[2], argv[3], argv + 4, argc - 4, 0);
	if (strcmp(cmd, "site") == 0 && strcmp(sub, "secret") == 0 && argc == 3)
		return new_site_secret(a, argv[2]);
	if (strcmp(cmd, "site") == 0 && strcmp(sub, "list") == 0 && argc == 3) {
		long long cid = client_id(a, argv[2]);
		return cid < 0 ? 1 : print_rows(a, SQL_SITE_BY_CLIENT, "i", cid);
	}
	if (strcmp(cmd, "agent") == 0 && strcmp(sub, "add") == 0 && (argc == 5 || argc == 6)) {
		const char *password = read_password(a, generate);
		int rc = create_agent(a, argv[2], argv[3], argv[4], argc == 6 ? argv[5] : "agent",
				      password);
		if (rc == 0)
			printf(generate ? "agent %s created; password: %s\n" : "agent %s created\n",
			       argv[3], password);
		return rc;
	}
	if (strcmp(cmd, "agent") == 0 && strcmp(sub, "passwd") == 0 && argc == 3) {
		const char *password = read_password(a, generate);
		int rc = set_password(a, argv[2], password);
		if (rc == 0 && generate)
			printf("new password: %s\n", password);
		return rc;
	}
	if (strcmp(cmd, "canned-address") == 0 && strcmp(sub, "add") == 0 && (argc == 5 || argc == 6))
		return put_canned_address(a, argv[2], argv[3], argv[4], argc == 6 ? argv[5] : NULL, false);
	if (strcmp(cmd, "canned-address") == 0 && strcmp(sub, "set") == 0 && argc == 5)
		return put_canned_address(a, argv[2], argv[3], argv[4], NULL, true);
	if (strcmp(cmd, "agent") == 0 && strcmp(sub, "lang") == 0 && argc == 4)
		return set_agent_lang(a, argv[2], argv[3]);
	if (strcmp(cmd, "canned") == 0 && strcmp(sub, "translate") == 0 && argc == 6)
		return translate_canned(a, argv[2], argv[3], argv[4], argv[5]);
	if (strcmp(cmd, "translate") == 0 && argc == 4)
		return translate_line(a, argv[1], argv[2], argv[3]);
	if (strcmp(cmd, "canned") == 0 && strcmp(sub, "add") == 0 && (argc == 5 || argc == 6))
		return add_canned(a, argv[2], argv[3], argv[4], argc == 6 ? argv[5] : NULL);
	if (strcmp(cmd, "client") == 0 && strcmp(sub, "rate") == 0 && argc >= 5 && argc <= 7)
		return set_rate(a, argv[2], argv[3], argv[4], argc > 5 ? argv[5] : NULL,
				argc > 6 ? argv[6] : NULL);
	if (strcmp(cmd, "client") == 0 && strcmp(sub, "call-rate") == 0 && argc == 4)
		return set_call_rate(a, argv[2], argv[3]);
	if (strcmp(cmd, "client") == 0 && strcmp(sub, "reseller") == 0 && argc == 4)
		return set_reseller(a, argv[2], argv[3]);
	if (strcmp(cmd, "reseller") == 0 && strcmp(sub, "add") == 0 && argc == 5)
		return create_reseller(a, argv[2], argv[3], argv[4]);
	if (strcmp(cmd, "reseller") == 0 && strcmp(sub, "list") == 0 && argc == 2)
		return print_rows(a, SQL_RESELLER_LIST, "", 0);
	if (strcmp(cmd, "turn") == 0 && strcmp(sub, "credential") == 0 && (argc == 3 || argc == 4))
		return turn_credential(a, argv[2], argc == 4 ? argv[3] : NULL);
	if (strcmp(cmd, "client") == 0 && strcmp(sub, "set") == 0 && argc == 5)
		return set_client(a, argv[2], argv[3], argv[4]);
	if (strcmp(cmd, "site") == 0 && strcmp(sub, "help-address") == 0 && argc == 4)
		return set_help_address(a, argv[2], argv[3]);
	if (strcmp(cmd, "client") == 0 && strcmp(sub, "alert-email") == 0 && argc == 4)
		return set_alert_email(a, argv[2], argv[3]);
	if (strcmp(cmd, "agent") == 0 && strcmp(sub, "digest") == 0 && argc == 4)
		return set_digest(a, argv[2], argv[3]);
	if (strcmp(cmd, "phone") == 0 && strcmp(sub, "set") == 0 && argc == 5)
		return set_phone(a, argv[2], argv[3], argv[4]);
	if (strcmp(cmd, "phone") == 0 && strcmp(sub, "show") == 0 && argc == 3)
		return show_phone(a, argv[2]);
	if (strcmp(cmd, "agent") == 0 && strcmp(sub, "phone") == 0 && (argc == 3 || argc == 4)
	    && (argc == 3 || strcmp(argv[3], "off") == 0))
		return desk_phone(a, argv[2], argc == 4);
	if (strcmp(cmd, "agent") == 0 && strcmp(sub, "list") == 0 && argc == 3) {
		long long cid = client_id(a, argv[2]);
		return cid < 0 ? 1 : print_rows(a, SQL_AGENT_LIST, "i", cid);
	}
	fputs(usage, strcmp(cmd, "help") == 0 ? stdout : stderr);
	fputs(crowd_admin_usage, strcmp(cmd, "help") == 0 ? stdout : stderr);
	return strcmp(cmd, "help") == 0 ? 0 : 2;
}

int main(int argc, char **argv)
{
	struct admin a;
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
	a.quiet = 0;
	int status = dispatch(&a, argc - i, argv + i, generate);
	pool_free(a.pool);
	db_free(a.db);
	mysql_library_end();
	return status;
}
