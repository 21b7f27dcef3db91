/* render.c - ClearSilver rendering with escaping on; one HDF and one
 * CSPARSE per render, so it is safe in threads. */
#include "render.h"

#include <ClearSilver.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "config.h"
#include "db.h"
#include "log.h"
#include "pool.h"

struct view {
	HDF *hdf;
};

struct view *view_new(struct request *r)
{
	struct view *v = pool_zalloc(r->pool, sizeof *v);
	NEOERR *err = hdf_init(&v->hdf);
	if (err != STATUS_OK) {
		nerr_ignore(&err);
		v->hdf = NULL;
		return v;
	}
	view_set(v, "Config.VarEscapeMode", "html");
	view_set(v, "Config.DebugEnabled", "0");
	view_set(v, "hdf.loadpaths.0", r->cfg->templates_dir);
	view_set(v, "page.path", r->path);
	/* Where a form in the top bar returns to: this page as it was asked for. */
	if (r->method == METHOD_GET && r->query_string != NULL && *r->query_string != '\0'
	    && strlen(r->query_string) < 1000)
		view_set(v, "page.back", pool_printf(r->pool, "%s?%s", r->path, r->query_string));
	else
		view_set(v, "page.back", r->path);
	if (r->session != NULL) {
		view_set(v, "csrf", r->session->csrf_token);
		view_set(v, "me.name", r->session->display_name);
		view_set(v, "me.email", r->session->email);
		view_set(v, "me.role", r->session->role);
		view_set(v, "me.state", r->session->state);
		view_set(v, "me.client", r->session->client_name);
		static const char *const names[6] = { "sound_offer", "sound_line", "sound_supervisor",
			"desktop_offer", "desktop_line", "desktop_supervisor" };
		for (size_t i = 0; i < 6; i++)
			view_set(v, pool_printf(r->pool, "me.notify.%s", names[i]), r->session->preferences[i]);
	}
	return v;
}

struct view *view_new_mail(struct pool *pool, const struct config *cfg)
{
	struct view *v = pool_zalloc(pool, sizeof *v);
	NEOERR *err = hdf_init(&v->hdf);
	if (err != STATUS_OK) {
		nerr_ignore(&err);
		v->hdf = NULL;
		return v;
	}
	view_set(v, "Config.DebugEnabled", "0");
	view_set(v, "hdf.loadpaths.0", cfg->templates_dir);
	return v;
}

void view_free(struct view *v)
{
	if (v != NULL && v->hdf != NULL)
		hdf_destroy(&v->hdf);
}

void view_set(struct view *v, const char *name, const char *value)
{
	if (v->hdf == NULL || value == NULL)
		return;
	NEOERR *err = hdf_set_value(v->hdf, name, value);
	nerr_ignore(&err);
}

const char *view_get(struct view *v, const char *name, const char *fallback)
{
	return v->hdf == NULL ? fallback : hdf_get_value(v->hdf, name, fallback);
}

const char *view_child_matching(struct view *v, const char *name,
				bool (*match)(const char *value, void *ctx), void *ctx)
{
	HDF *parent = v->hdf == NULL ? NULL : hdf_get_obj(v->hdf, name);
	for (HDF *c = parent ? hdf_obj_child(parent) : NULL; c != NULL; c = hdf_obj_next(c)) {
		const char *text = hdf_obj_value(c);
		if (text != NULL && match(text, ctx))
			return hdf_obj_name(c);
	}
	return NULL;
}

int view_read_strings(struct view *v, const char *name, const char *path)
{
	HDF *node = NULL;
	if (v->hdf == NULL)
		return -1;
	NEOERR *err = hdf_get_node(v->hdf, name, &node);
	if (err == STATUS_OK)
		err = hdf_read_file(node, path);
	if (err != STATUS_OK) {
		STRING msg;
		string_init(&msg);
		nerr_error_string(err, &msg);
		log_error("strings %s: %s", path, msg.buf ? msg.buf : "unreadable");
		string_clear(&msg);
		nerr_ignore(&err);
		return -1;
	}
	return 0;
}

void view_set_int(struct view *v, const char *name, long long value)
{
	char s[32];
	snprintf(s, sizeof s, "%lld", value);
	view_set(v, name, s);
}

void view_set_rows(struct view *v, const char *name, const struct db_rows *rows,
		   const char *const *columns)
{
	for (size_t i = 0; i < rows->rows; i++)
		for (size_t c = 0; columns[c] != NULL; c++) {
			char key[128];
			snprintf(key, sizeof key, "%s.%zu.%s", name, i, columns[c]);
			view_set(v, key, db_cell(rows, i, c));
		}
}

static NEOERR *append_output(void *ctx, char *text)
{
	buf_puts(ctx, text);
	return STATUS_OK;
}

static void log_neoerr(const char *template_name, NEOERR *err)
{
	STRING str;
	string_init(&str);
	nerr_error_string(err, &str);
	log_error("template %s: %s", template_name, str.buf ? str.buf : "unknown error");
	string_clear(&str);
	nerr_ignore(&err);
}

/* Renders templates_dir/FILE into out; -1 after logging. */
static int render_file(struct view *v, const char *file, struct buf *out)
{
	if (v->hdf == NULL)
		return -1;
	CSPARSE *parse = NULL;
	NEOERR *err = cs_init(&parse, v->hdf);
	if (err == STATUS_OK)
		err = cgi_register_strfuncs(parse);
	if (err == STATUS_OK)
		err = cs_parse_file(parse, file);
	if (err == STATUS_OK)
		err = cs_render(parse, out, append_output);
	if (parse != NULL)
		cs_destroy(&parse);
	if (err != STATUS_OK) {
		log_neoerr(file, err);
		return -1;
	}
	return 0;
}

int view_render_mail(struct view *v, const char *name, struct buf *text, struct buf *html)
{
	char file[256];
	snprintf(file, sizeof file, "%s.txt.cs", name);
	view_set(v, "Config.VarEscapeMode", "none");
	if (render_file(v, file, text) != 0)
		return -1;
	if (html == NULL)
		return 0;
	snprintf(file, sizeof file, "%s.html.cs", name);
	view_set(v, "Config.VarEscapeMode", "html");
	return render_file(v, file, html);
}

int view_render(struct request *r, struct view *v, int status, const char *template_name)
{
	char file[256];
	snprintf(file, sizeof file, "%s.cs", template_name);
	/* Pages in the widget's panel render for it (templates/header.cs). */
	if (r->resp.frame_ancestors != NULL)
		view_set(v, "panel", "1");
	struct buf out;
	buf_init(&out);
	if (render_file(v, file, &out) != 0) {
		buf_free(&out);
		return -1;
	}
	buf_free(&r->resp.body);
	r->resp.body = out;
	r->resp.status = status;
	r->resp.content_type = "text/html; charset=utf-8";
	return status;
}
