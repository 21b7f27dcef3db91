/* event_view.h - an event in a page: what the producer's and speakers'
 * pages (cgi-bin/event.c) and the stage's viewer (cgi-bin/channel.c, by
 * way of room_to_view) show of it. */
#ifndef BATON_EVENT_VIEW_H
#define BATON_EVENT_VIEW_H

#include <stdbool.h>

#include "event.h"
#include "request.h"

struct member;
struct view;

/* event.* : the event itself (for staff, its channels too). */
void event_to_view(struct request *r, const struct live_event *ev, bool staff, struct view *v);
/* speakers.N.{agent,name,avatar,stage,backstage} and, for a member of its
 * staff, me.backstage / me.backstage_token / me.stage (participant ids). */
int event_staff_to_view(struct request *r, const struct live_event *ev, struct view *v);
/* For the stage's viewer: stage.event (public id), stage.backstage,
 * stage.role and the viewer's backstage participant and token. Nothing
 * when the channel is no event's stage. */
int event_stage_to_view(struct request *r, const struct member *m, struct view *v);

#endif
