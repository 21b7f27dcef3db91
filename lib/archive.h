/* archive.h - past sessions of a client: finding them (the archive page),
 * and the one rule for who may read a session's whole record (the staff
 * transcript and the replay): the client's supervisors and admins, the
 * Baton operator, and the agents who took part in it. */
#ifndef BATON_ARCHIVE_H
#define BATON_ARCHIVE_H

#include <stdbool.h>

#include "buf.h"
#include "db.h"
#include "request.h"

enum { ARCHIVE_PAGE_SIZE = 50 };

/* What the archive page searches by; every field may be absent. */
struct archive_filter {
	const char *from, *to;  /* dates YYYY-MM-DD (UTC), both days included */
	long long agent_id;     /* an agent who took part */
	const char *visitor;    /* a request or channel public id, or part of a name */
	long long site_id;
	const char *words;      /* as typed: every searchable word must appear */
	long long page;         /* from 1 */
};

/* True for a real calendar date written YYYY-MM-DD. */
bool archive_valid_date(const char *s);
/* The words as a FULLTEXT boolean-mode query in which each must appear
 * ("+word"; "word*" kept as a prefix, "-word" kept as an exclusion), built
 * from letters and digits only so it can never be malformed. NULL when no
 * word is long and uncommon enough for the index. */
const char *archive_fulltext_query(struct pool *pool, const char *words);
/* One page of the client's sessions, newest first, plus one row more when
 * there is a next page. Columns: public id, started, name, agents, visitor,
 * site, seconds, lines, state, request public id. `fulltext` comes from
 * archive_fulltext_query (NULL: no word search). */
int archive_search(struct db *db, struct pool *pool, long long client_id,
		   const struct archive_filter *f, const char *fulltext, struct db_rows *out);
/* "from=...&to=...&page=N" for links to another page of the same search. */
void archive_query_string(struct buf *out, const struct archive_filter *f, const char *client_slug,
			  long long page);

/* One session as the archive knows it. */
struct archived_channel {
	long long id, client_id, request_id, seconds;
	const char *public_id, *name, *state, *started, *ended;
	const char *request_public_id, *visitor, *site, *client_slug, *client_name;
	const char *question, *page_url, *topic;
	/* Supervisors, admins and the operator see every private line; an
	 * agent who took part sees those they sent or received. */
	bool full_view;
	long long viewer_agent_id;
};

/* Loads the channel with this public id and checks that the signed-in
 * staff member may read its record. Returns 0, or the status of the error
 * response it has set (404 unknown, 403 not theirs, 503, or -1). */
int archive_channel_for_staff(struct request *r, const char *public_id, struct archived_channel *c);

#endif
