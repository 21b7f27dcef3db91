/* visitor_panel.h - who the visitor of a conversation is, for the staff
 * beside it (templates/visitor_panel.cs, htdocs/js/visitor-panel.js): their
 * name, e-mail address if they gave one, the question, the page they came
 * from and the pages they asked from before, where they are now, their
 * earlier sessions with links to the records, priority, the site, their
 * language, and the notes staff keep on them. The client's administrators
 * choose what it shows (panel_fields). Staff only: visitors never get it. */
#ifndef BATON_VISITOR_PANEL_H
#define BATON_VISITOR_PANEL_H

#include "request.h"

struct view;

/* Sets visitor.* for the panel of the channel (internal id channel_id).
 * Returns a db_status. */
int visitor_panel_to_view(struct request *r, long long channel_id, struct view *v);

/* Notes on a visitor are kept per client. Adds one as the signed-in staff
 * member, about the visitor of channel_public_id: 0 with *note_id, 404 when
 * the channel is not this staff member's client's (or has no visitor),
 * 400 for an empty note, or a negative db_status. */
int visitor_note_add(struct request *r, const char *channel_public_id, const char *body,
		     long long *note_id, const char **error);

#endif
