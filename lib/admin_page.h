/* admin_page.h - the pattern every administration page follows, so that a
 * new one is a short program (cgi-bin/NAME.c), a template
 * (templates/NAME.cs) and its tests (t/NAME.t, t/browser-*.t):
 *
 *   GET  /NAME[?client=SLUG]      shows the page for the actor's own client
 *                                 (the operator may name any client)
 *   POST /NAME  csrf, do=FORM, [client=SLUG], the form's fields
 *                                 runs one action. Done: 303 back to the
 *                                 page, which then shows what was done once
 *                                 (carried in a short-lived cookie, so a
 *                                 reload never sends the form again).
 *                                 Refused: the page again with the 4xx and
 *                                 the reason (the fields typed are kept in
 *                                 form.NAME). A script asking for JSON gets
 *                                 {"message", "link"} or {"error"}.
 *
 * A page declares who may open it (an admin_power, checked for its client
 * by admin_authorize), its forms (each calls one action of lib/admin*.c
 * or lib/account.c: the same function baton-admin calls) and a show
 * function that fills the view. Session, CSRF token, same origin, declared
 * inputs and the 4xx/5xx pages are program.c's, as for every program.
 *
 * The view gets, besides the page's own values: client.slug and
 * client.name (the client the page is about), client.param (the slug, when
 * links must carry it: the operator's view of another client), notice,
 * error, link (an invitation link or secret to hand over once), form.*.
 *
 * To add a page: write the three files, add a line to the hub's list in
 * cgi-bin/admin.c, and test each form for the allowed role, the refused
 * roles, another client's objects, bad input and its audit row. */
#ifndef BATON_ADMIN_PAGE_H
#define BATON_ADMIN_PAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "admin.h"
#include "program.h"

struct view;
struct db_rows;

struct admin_form {
	const char *name;   /* the value of the form's "do" field */
	/* Runs the action for client_id (0 on pages about no one client):
	 * returns what the action returned (0, a 4xx, a negative db_status). */
	int (*run)(struct request *r, struct admin_context *ac, long long client_id);
};

struct admin_page {
	const char *name;             /* program, template and URL path */
	enum admin_power power;       /* who may open it, for its client */
	bool about_no_client;         /* the operator's and resellers' pages */
	const struct input *inputs;   /* the forms' fields, besides csrf, do, client */
	size_t input_count;
	const struct admin_form *forms;
	size_t form_count;
	/* Fills the view: 0, a 4xx refusal (in ac->message), or a db_status. */
	int (*show)(struct request *r, struct admin_context *ac, long long client_id, struct view *v);
};

int admin_page_main(const struct admin_page *page, int argc, char **argv);

/* In a form's run function: a declared field's value (NULL when absent). */
const char *admin_field(const struct request *r, const char *name);
/* A declared INPUT_INT field's value (0 when absent). */
long long admin_field_int(const struct request *r, const char *name);
/* Sets NAME.I.COLUMN for each row, as view_set_rows does. */
void admin_view_rows(struct view *v, const char *name, const struct db_rows *rows,
		     const char *const *columns);

#endif
