/* mirror.h - the visitor's own page mirrored to the agent (issue 20): what
 * a 'mirror' event of the channel may carry, and who may send which.
 *
 * The browsers speak JSON objects whose first member names the message:
 * {"t":"NAME",...}. The visitor's page (htdocs/js/mirror.js) sends the
 * page's DOM, already masked in the visitor's browser:
 *   start, snap (a snapshot, in parts; where the browser has
 *   CompressionStream the snapshot is gzipped, base64-encoded and then cut
 *   into parts, each marked "z":"gzip"), mut (changes), input (a field's
 *   value), scroll, focus (which element has the visitor's focus, and
 *   nothing else: checked to the byte here), pointer, allow (what the
 *   agent may do), stop, declined (the visitor said no: nothing of the
 *   page is sent) and cannot (the page cannot be mirrored: why, one word)
 * and the agent's viewer (htdocs/js/mirror-view.js) sends
 *   fill (a value for a field), click (a highlight, or a click when the
 *   visitor allows remote control), resync (ask for a fresh snapshot).
 * The server keeps the body as sent: it checks the name and the sender,
 * the size and that it is UTF-8 (and a focus message's whole shape); the
 * browsers parse the rest, and inflate a compressed snapshot themselves,
 * with a bound on its size (htdocs/js/mirror-view.js), so the server has
 * no inflater to guard. */
#ifndef BATON_MIRROR_H
#define BATON_MIRROR_H

#include <stdbool.h>
#include <stddef.h>

/* Under the channel_event body's TEXT (64 KiB) with room to spare. */
enum { MIRROR_BODY_MAX = 60000 };

/* Checks a message as sent by a participant of this kind ("visitor",
 * "agent", "supervisor"); NULL when it may be stored, else what is wrong
 * (for a 400 or 403; *forbidden says which). */
const char *mirror_check(const char *body, size_t len, const char *sender_kind, bool *forbidden);

#endif
