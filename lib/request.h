/* request.h - one HTTP request as a program sees it: the validated inputs,
 * the signed-in agent if any, and the response being built. */
#ifndef BATON_REQUEST_H
#define BATON_REQUEST_H

#include <stdbool.h>

#include "buf.h"
#include "input.h"

struct config;
struct db;
struct io;
struct pool;
struct program;
struct action;

enum http_method { METHOD_OTHER, METHOD_GET, METHOD_HEAD, METHOD_POST };

/* The signed-in staff member, loaded from the session cookie. */
struct session {
	long long id;
	long long agent_id;
	long long client_id;
	const char *csrf_token;
	const char *email;
	const char *display_name;
	const char *role;
	const char *state;
	long long state_seconds;
	const char *client_name;
	long long max_sessions;
	long long reseller_id;     /* role reseller: the reseller they work for */
	/* What chimes and what shows a desktop notification (lib/account.h's
	 * account_preferences, in that order): "1" or "0" each. */
	const char *preferences[6];
};

struct response {
	int status;
	const char *content_type;
	bool frames_web_pages;   /* the viewer: may frame any http(s) page */
	bool no_referrer;        /* the address holds a secret (a link's token) */
	/* Who may frame this page (CSP frame-ancestors): NULL for nobody; the
	 * site's domains for a page of the widget's panel (lib/panel.c). */
	const char *frame_ancestors;
	struct buf headers; /* extra "Name: value\r\n" lines */
	struct buf body;
};

struct request {
	struct pool *pool;
	struct io *io;
	const struct config *cfg;
	struct db *db;
	const struct program *program;
	const struct action *action;

	enum http_method method;
	const char *method_name;
	const char *path;          /* the program's URL path, e.g. "/signin" */
	const char *query_string;  /* as sent, "" when none */
	const char *remote_addr;
	const char *user_agent;
	const char *host;
	const char *origin;        /* Origin header, NULL if absent */
	const char *referer;
	const char *accept_language; /* Accept-Language, NULL if absent */
	bool https;
	bool wants_json;
	bool framed;               /* asked for by a frame (Sec-Fetch-Dest: iframe) */

	struct param *query;
	struct param *form;
	/* A POST's body as sent (NUL-terminated), for signatures over its bytes. */
	const char *body;
	size_t body_len;
	struct param *cookies;

	/* Declared inputs, indexed as in the action's input table. */
	const char **in;
	long long *in_int;

	struct session *session;
	struct response resp;
	/* For a program's own use (the poll program parks requests with it). */
	void *program_data;
};

const char *request_param(const struct request *r, const char *name);
const char *request_cookie(const struct request *r, const char *name);
/* scheme://host of this request, for same-origin checks and absolute links. */
const char *request_origin(const struct request *r);

#endif
