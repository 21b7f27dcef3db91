/* report_agents.c - agent performance: per agent, the sessions handled and
 * their average length (from joining to leaving or the session's end), the
 * average time to accept (from the offer, or from joining the queue when
 * the agent took a request unoffered), the time available, on break and
 * away (the agent's state intervals, clipped to the range and to now), the
 * offers let roll to someone else, the answers sent by e-mail in message
 * threads with their average time (from the visitor's latest message), and
 * the visitors' ratings of the sessions they were in (cgi-bin/rate.c), with
 * the comments in a table of their own. */
#include <string.h>

#include "db.h"
#include "pool.h"
#include "report.h"

static const struct report_column agent_columns[] = {
	{ "Agent", COL_TEXT },
	{ "Sessions", COL_COUNT },
	{ "Average handle time", COL_SECONDS },
	{ "Average time to accept", COL_SECONDS },
	{ "Available", COL_SECONDS },
	{ "On break", COL_SECONDS },
	{ "Away", COL_SECONDS },
	{ "Rollovers", COL_COUNT },
	{ "Answers by e-mail", COL_COUNT },
	{ "Average time to answer", COL_SECONDS },
	{ "Ratings", COL_COUNT },
	{ "Average rating", COL_TEXT },
};
enum { C_NAME, C_SESSIONS, C_HANDLE, C_ACCEPT, C_AVAILABLE, C_BREAK, C_AWAY, C_ROLLED, C_ANSWERS,
       C_ANSWER_TIME, C_RATINGS, C_RATING, C__MAX };

static const struct report_column comment_columns[] = {
	{ "Rated", COL_TEXT },
	{ "Agents", COL_TEXT },
	{ "Stars", COL_COUNT },
	{ "Comment", COL_TEXT },
};
enum { R_AT, R_AGENTS, R_STARS, R_COMMENT, R__MAX };

struct agent_figures {
	long long id, sessions, handle_ms, accepts, accept_ms, available_ms, break_ms, away_ms, rolled;
	long long answers, answer_ms, answers_timed;
	long long ratings;
	const char *rating;   /* the average, one decimal */
};

/* The visitors' ratings, newest first: what they said, whom about. */
static int comments_table(struct db *db, struct pool *pool, const struct report_range *range,
			  struct report *rep)
{
	struct db_rows rows;
	int rc = db_query(db, pool, SQL_REPORT_AGENT_COMMENTS, &rows, "issii", range->client_id,
			  range->from_at, range->until_at, range->agent_id, range->agent_id);
	if (rc != DB_OK)
		return rc;
	struct report_table *t = report_table_add(rep, "ratings", "Visitors' ratings", comment_columns,
		R__MAX, "", "Each rating a visitor gave in the range (1 poor to 5 excellent), newest "
		"first, with the agents who were in the session.");
	for (size_t i = 0; i < rows.rows; i++) {
		size_t row = report_row(rep, t);
		report_put(rep, t, row, R_AT, db_cell(&rows, i, 0));
		report_put(rep, t, row, R_AGENTS, db_cell(&rows, i, 1) ? db_cell(&rows, i, 1) : "");
		report_put_number(rep, t, row, R_STARS, db_cell_int(&rows, i, 2));
		report_put(rep, t, row, R_COMMENT, db_cell(&rows, i, 3));
	}
	return DB_OK;
}

static struct agent_figures *find(struct agent_figures *a, size_t n, long long id)
{
	for (size_t i = 0; i < n; i++)
		if (a[i].id == id)
			return &a[i];
	return NULL;
}

int report_agents(struct db *db, struct pool *pool, const struct report_range *range,
		  struct report *rep)
{
	struct db_rows agents, sessions, accepts, rolled, states, answers, ratings;
	long long client = range->client_id;
	int rc = db_query(db, pool, SQL_REPORT_AGENT_LIST, &agents, "i", client);
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_REPORT_AGENT_SESSIONS, &sessions, "iss", client,
			      range->from_at, range->until_at);
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_REPORT_AGENT_ACCEPT, &accepts, "iss", client,
			      range->from_at, range->until_at);
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_REPORT_AGENT_ROLLED, &rolled, "iss", client,
			      range->from_at, range->until_at);
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_REPORT_AGENT_STATES, &states, "ssiss", range->from_at,
			      range->until_at, client, range->until_at, range->from_at);
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_REPORT_AGENT_ANSWERS, &answers, "iss", client,
			      range->from_at, range->until_at);
	if (rc == DB_OK)
		rc = db_query(db, pool, SQL_REPORT_AGENT_RATINGS, &ratings, "iss", client,
			      range->from_at, range->until_at);
	if (rc != DB_OK)
		return rc;

	struct agent_figures *fig = pool_zalloc(pool, (agents.rows + 1) * sizeof *fig);
	for (size_t i = 0; i < agents.rows; i++)
		fig[i].id = db_cell_int(&agents, i, 0);
	struct agent_figures *f;
	for (size_t i = 0; i < sessions.rows; i++)
		if ((f = find(fig, agents.rows, db_cell_int(&sessions, i, 0))) != NULL) {
			f->sessions = db_cell_int(&sessions, i, 1);
			f->handle_ms = db_cell_int(&sessions, i, 2);
		}
	for (size_t i = 0; i < accepts.rows; i++)
		if ((f = find(fig, agents.rows, db_cell_int(&accepts, i, 0))) != NULL) {
			f->accepts = db_cell_int(&accepts, i, 1);
			f->accept_ms = db_cell_int(&accepts, i, 2);
		}
	for (size_t i = 0; i < rolled.rows; i++)
		if ((f = find(fig, agents.rows, db_cell_int(&rolled, i, 0))) != NULL)
			f->rolled = db_cell_int(&rolled, i, 1);
	for (size_t i = 0; i < answers.rows; i++)
		if ((f = find(fig, agents.rows, db_cell_int(&answers, i, 0))) != NULL) {
			f->answers = db_cell_int(&answers, i, 1);
			f->answer_ms = db_cell_int(&answers, i, 2);
			f->answers_timed = db_cell_int(&answers, i, 3);
		}
	for (size_t i = 0; i < ratings.rows; i++)
		if ((f = find(fig, agents.rows, db_cell_int(&ratings, i, 0))) != NULL) {
			f->ratings = db_cell_int(&ratings, i, 1);
			f->rating = db_cell(&ratings, i, 2);
		}
	for (size_t i = 0; i < states.rows; i++) {
		if ((f = find(fig, agents.rows, db_cell_int(&states, i, 0))) == NULL)
			continue;
		const char *state = db_cell(&states, i, 1);
		long long ms = db_cell_int(&states, i, 2);
		if (strcmp(state, "available") == 0)
			f->available_ms += ms;
		else if (strcmp(state, "break") == 0)
			f->break_ms += ms;
		else if (strcmp(state, "away") == 0)
			f->away_ms += ms;
	}

	struct report_table *t = report_table_add(rep, "agents", "Agent performance", agent_columns,
		C__MAX, "bar:1;bar:2,3;bar:4,5,6",
		"Sessions an agent joined in the range; handle time runs from joining to leaving (or "
		"the session's end); time to accept from the offer to the agent (or from joining the "
		"queue, for a request taken unoffered); time in each state within the range; answers by "
		"e-mail in message threads, timed from the visitor's latest message before each; the "
		"visitors' ratings (1 to 5) given in the range of the sessions an agent was in.");
	for (size_t i = 0; i < agents.rows; i++) {
		f = &fig[i];
		if (range->agent_id != 0 && f->id != range->agent_id)
			continue;
		size_t row = report_row(rep, t);
		report_put(rep, t, row, C_NAME, db_cell(&agents, i, 1));
		report_put_number(rep, t, row, C_SESSIONS, f->sessions);
		report_put_number(rep, t, row, C_HANDLE, f->sessions ? f->handle_ms / f->sessions : 0);
		report_put_number(rep, t, row, C_ACCEPT, f->accepts ? f->accept_ms / f->accepts : 0);
		report_put_number(rep, t, row, C_AVAILABLE, f->available_ms);
		report_put_number(rep, t, row, C_BREAK, f->break_ms);
		report_put_number(rep, t, row, C_AWAY, f->away_ms);
		report_put_number(rep, t, row, C_ROLLED, f->rolled);
		report_put_number(rep, t, row, C_ANSWERS, f->answers);
		report_put_number(rep, t, row, C_ANSWER_TIME,
				  f->answers_timed ? f->answer_ms / f->answers_timed : 0);
		report_put_number(rep, t, row, C_RATINGS, f->ratings);
		report_put(rep, t, row, C_RATING, f->ratings ? f->rating : "");
	}
	return comments_table(db, pool, range, rep);
}
