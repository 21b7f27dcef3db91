/* mark.h - the whiteboard's marks over a shared page: what a mark may be,
 * read from a form and written as the canonical JSON a 'mark' event of the
 * channel carries (the browsers draw it; htdocs/js/marks.js and the site
 * script htdocs/js/baton-site.js know the same shapes).
 *
 * A mark is drawn by one person with one tool on one page (its address,
 * without the #fragment; a blank board is a page of Baton's own):
 *   pen, highlight   a freehand line: 2 to 1000 points
 *   circle, rect     the box two points span (the circle fills it)
 *   arrow            from the first point to the second
 *   text             a short note (1 to 200 characters) at one point
 * in page coordinates (CSS pixels from the page's top left: mode page, when
 * the page runs Baton's site script, so a mark stays on its item whatever
 * the scroll) or as fractions of the view (mode overlay, for pages without
 * it). Colours are #rrggbb; widths 1 to 60 pixels. */
#ifndef BATON_MARK_H
#define BATON_MARK_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

enum { MARK_POINTS_MAX = 1000, MARK_TEXT_MAX = 200, MARK_ID_MAX = 40 };

/* A plain decimal within [0, max]: digits, optionally a point and more
 * digits; no sign, exponent, NaN or infinity. */
bool mark_coordinate(const char *s, size_t len, double max, double *value);

/* "x,y,x,y,..." into xy (room for 2 * MARK_POINTS_MAX); *count gets the
 * number of points. Returns 0, or -1 for anything else (an odd count,
 * empty items, spaces, too many, out of [0, max]). */
int mark_parse_points(const char *text, double max, double *xy, size_t *count);

struct mark_form {
	const char *id, *tool, *mode, *url, *color, *points, *text;
	long long width;
};

/* Checks a mark as sent and writes its canonical JSON into out:
 * {"id","tool","mode","url","color","width","points":[x,y,...],"text"}.
 * Returns NULL, or what is wrong (for a 400). */
const char *mark_to_json(const struct mark_form *f, struct buf *out);

/* The tool of a mark's canonical JSON ("circle"...), into tool (NULL when
 * the body is not one). For records that name what was drawn. */
const char *mark_tool_of(const char *json, char tool[16]);

#endif
