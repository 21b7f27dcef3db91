/* render.h - the thin seam around ClearSilver: nothing else includes its
 * headers. Every render has HTML escaping on (Config.VarEscapeMode). */
#ifndef BATON_RENDER_H
#define BATON_RENDER_H

#include "request.h"

struct view;

/* Starts a view with the values every page has (csrf token, agent name). */
struct view *view_new(struct request *r);
void view_free(struct view *v);
void view_set(struct view *v, const char *name, const char *value);
void view_set_int(struct view *v, const char *name, long long value);
/* The value at NAME, or fallback when there is none. */
const char *view_get(struct view *v, const char *name, const char *fallback);
/* The name of NAME's first child whose value `match` accepts, or NULL (a
 * message's key in a catalogue: lib/catalogue.c). Valid while the view is. */
const char *view_child_matching(struct view *v, const char *name,
				bool (*match)(const char *value, void *ctx), void *ctx);
/* Reads an HDF file of strings (a message catalogue: lib/catalogue.c)
 * under NAME; values read earlier stay where the file has none. 0, or -1
 * after logging. */
int view_read_strings(struct view *v, const char *name, const char *path);
struct db_rows;
/* Sets NAME.I.COLUMN for each row and the named columns (NULL-terminated). */
void view_set_rows(struct view *v, const char *name, const struct db_rows *rows,
		   const char *const *columns);
/* Renders templates_dir/NAME.cs into the response body with status.
 * Returns the status, or -1 after logging when the template is broken. */
int view_render(struct request *r, struct view *v, int status, const char *template_name);

/* Mail (lib/mail_*.c): a view of no request, with templates_dir from cfg. */
struct config;
struct buf;
struct view *view_new_mail(struct pool *pool, const struct config *cfg);
/* Renders templates_dir/NAME.txt.cs without escaping (text/plain) into
 * text and, when html is not NULL, NAME.html.cs with HTML escaping into
 * html. Returns 0, or -1 after logging when a template is broken. */
int view_render_mail(struct view *v, const char *name, struct buf *text, struct buf *html);

#endif
