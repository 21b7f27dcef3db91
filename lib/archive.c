/* archive.c - searching a client's past sessions; who may read one. */
#include "archive.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "crypto.h"
#include "pool.h"
#include "response.h"
#include "staff.h"

bool archive_valid_date(const char *s)
{
	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return false;
	int year, month, day;
	if (sscanf(s, "%4d-%2d-%2d", &year, &month, &day) != 3 || year < 1970 || year > 9999
	    || month < 1 || month > 12 || day < 1)
		return false;
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return day <= days[month - 1] + (month == 2 && leap);
}

/* InnoDB's default stopwords of three letters or more (shorter words are
 * not indexed at all, innodb_ft_min_token_size = 3): a required word among
 * them would make every search come back empty. */
static bool is_stopword(const char *w, size_t n)
{
	static const char *const stop[] = { "about", "are", "com", "for", "from", "how", "that",
		"the", "this", "was", "what", "when", "where", "who", "will", "with", "und", "www",
		NULL };
	for (const char *const *s = stop; *s != NULL; s++)
		if (strlen(*s) == n && strncasecmp(*s, w, n) == 0)
			return true;
	return false;
}

/* Letters, digits and '_' in ASCII, and every byte of a multi-byte UTF-8
 * character: what InnoDB's parser takes as part of a word. */
static bool word_byte(unsigned char c)
{
	return isalnum(c) || c == '_' || c >= 0x80;
}

const char *archive_fulltext_query(struct pool *pool, const char *words)
{
	if (words == NULL)
		return NULL;
	struct buf q;
	buf_init(&q);
	size_t required = 0;
	for (const char *p = words; *p;) {
		if (!word_byte((unsigned char)*p)) {
			p++;
			continue;
		}
		const char *start = p;
		size_t chars = 0;
		while (word_byte((unsigned char)*p)) {
			if (((unsigned char)*p & 0xC0) != 0x80)
				chars++;
			p++;
		}
		size_t n = (size_t)(p - start);
		if (chars < 3 || is_stopword(start, n))
			continue;
		bool exclude = start > words && start[-1] == '-'
			       && (start - 1 == words || isspace((unsigned char)start[-2]));
		if (q.len > 0)
			buf_putc(&q, ' ');
		buf_putc(&q, exclude ? '-' : '+');
		buf_append(&q, start, n);
		if (*p == '*')
			buf_putc(&q, '*');
		required += !exclude;
	}
	const char *out = required > 0 ? pool_strdup(pool, q.data) : NULL;
	buf_free(&q);
	return out;
}

int archive_search(struct db *db, struct pool *pool, long long client_id,
		   const struct archive_filter *f, const char *fulltext, struct db_rows *out)
{
	long long page = f->page > 0 ? f->page : 1;
	/* Public ids live in ASCII columns: a name such as "José" is only
	 * looked for among names, never compared with them. */
	const char *id = f->visitor != NULL && crypto_is_public_id(f->visitor) ? f->visitor : NULL;
	return db_query(db, pool, SQL_ARCHIVE_SEARCH, out, "issssnnsssssnnssii", client_id,
			f->from, f->from, f->to, f->to, f->agent_id, f->agent_id,
			f->visitor, id, id, f->visitor, f->visitor,
			f->site_id, f->site_id, fulltext, fulltext,
			(long long)ARCHIVE_PAGE_SIZE + 1, (page - 1) * ARCHIVE_PAGE_SIZE);
}

static void query_pair(struct buf *out, const char *name, const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	buf_printf(out, "%s=", name);
	for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
		if (isalnum(*p) || *p == '-' || *p == '_' || *p == '.' || *p == '~')
			buf_putc(out, (char)*p);
		else
			buf_printf(out, "%%%02X", *p);
	}
	buf_putc(out, '&');
}

void archive_query_string(struct buf *out, const struct archive_filter *f, const char *client_slug,
			  long long page)
{
	char number[32];
	query_pair(out, "client", client_slug);
	query_pair(out, "from", f->from);
	query_pair(out, "to", f->to);
	if (f->agent_id > 0) {
		snprintf(number, sizeof number, "%lld", f->agent_id);
		query_pair(out, "agent", number);
	}
	query_pair(out, "visitor", f->visitor);
	if (f->site_id > 0) {
		snprintf(number, sizeof number, "%lld", f->site_id);
		query_pair(out, "site", number);
	}
	query_pair(out, "q", f->words);
	buf_printf(out, "page=%lld", page);
}

int archive_channel_for_staff(struct request *r, const char *public_id, struct archived_channel *c)
{
	memset(c, 0, sizeof *c);
	struct db_rows ch, part;
	int rc = db_query(r->db, r->pool, SQL_ARCHIVE_CHANNEL, &ch, "s", public_id);
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	if (rc != DB_OK)
		return -1;
	if (ch.rows == 0)
		return resp_error(r, 404, "There is no such session.");
	c->id = db_cell_int(&ch, 0, 0);
	c->client_id = db_cell_int(&ch, 0, 1);
	c->full_view = staff_may_see_client(r->session, c->client_id, ROLE_SUPERVISOR);
	c->viewer_agent_id = r->session->agent_id;
	if (!c->full_view) {
		/* An agent of the client who took part may read it too. */
		if (r->session->client_id != c->client_id)
			return resp_error(r, 403, "This session belongs to another client.");
		rc = db_query(r->db, r->pool, SQL_ARCHIVE_TOOK_PART, &part, "ii", c->id,
			      r->session->agent_id);
		if (rc == DB_DOWN)
			return resp_unavailable(r);
		if (rc != DB_OK)
			return -1;
		if (db_cell_int(&part, 0, 0) == 0)
			return resp_error(r, 403, "Only supervisors, and the agents who took part, can "
					  "read this session.");
	}
	c->public_id = db_cell(&ch, 0, 2);
	c->name = db_cell(&ch, 0, 3);
	c->state = db_cell(&ch, 0, 4);
	c->started = db_cell(&ch, 0, 5);
	c->ended = db_cell(&ch, 0, 6);
	c->seconds = db_cell_int(&ch, 0, 7);
	c->request_id = db_cell_int(&ch, 0, 8);
	c->request_public_id = db_cell(&ch, 0, 9);
	c->visitor = db_cell(&ch, 0, 10);
	c->site = db_cell(&ch, 0, 11);
	c->client_slug = db_cell(&ch, 0, 12);
	c->client_name = db_cell(&ch, 0, 13);
	c->question = db_cell(&ch, 0, 14);
	c->page_url = db_cell(&ch, 0, 15);
	c->topic = db_cell(&ch, 0, 16);
	return 0;
}
