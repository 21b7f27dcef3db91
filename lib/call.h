/* call.h - voice and video calls between the participants of a channel.
 *
 * The rules, all here (cgi-bin/call.c and cgi-bin/signal.c only ask):
 *   - anyone present may call the others, with audio or audio and video,
 *     except a supervisor watching silently; one call at a time per channel;
 *   - everyone else present is asked (invited); each joins (choosing what
 *     they send: video only in a video call) or declines; someone who came
 *     later, or hung up, may join while the call lasts;
 *   - at most CALL_MESH_MAX people are in a call at once (listeners aside):
 *     each browser holds a connection to every other (a mesh), so each
 *     sends its media once per person; more needs a selective forwarding
 *     unit (INSTALL, "Calls": Janus), which would take the place of the
 *     mesh here and in htdocs/js/call.js (newPeer, offer);
 *   - a call connects when a second person joins, and ends when fewer than
 *     two are left in it (hanging up a call of two ends it for both), when
 *     everyone asked has declined, or when the channel closes;
 *   - members mute and stop their camera; the others are told;
 *   - each step is a 'call' event of the channel (its body the verb: start
 *     audio, start video, join audio, join video, listen, decline, leave,
 *     end, mute, unmute, camera off, camera on), so the archive and replay
 *     have them;
 *   - signalling ('rtc' events) goes from one member who has joined to
 *     another; when the call ends its bodies are erased (they hold network
 *     addresses);
 *   - a supervisor may listen to a call only where the client allows it and
 *     tells visitors that sessions may be monitored: they join as a
 *     listener and exchange signalling with the agents only (the agent's
 *     browser passes the call on), so the visitor's browser never learns of
 *     them.
 * Media is never recorded: Baton carries only the signalling. */
#ifndef BATON_CALL_H
#define BATON_CALL_H

#include <stdbool.h>

#include "buf.h"

struct db;
struct pool;
struct member;

enum { CALL_MESH_MAX = 4 };

enum call_action { CALL_START, CALL_JOIN, CALL_DECLINE, CALL_LEAVE, CALL_MUTE, CALL_UNMUTE,
		   CALL_CAMERA_OFF, CALL_CAMERA_ON };

/* What a step came to: refused (status is the HTTP status, message says
 * why) or done (status 0). */
struct call_result {
	int status;
	const char *message;
	long long call_id;
	bool ended;
};

/* Member m takes a step in the channel's current call (call_id: the call
 * the page knows of; 0 for any). media: "audio" or "video" for start and
 * join. Returns a db_status, or CHANNEL_CLOSED. */
int call_act(struct db *db, struct pool *pool, const struct member *m, enum call_action action,
	     const char *media, long long call_id, struct call_result *res);

/* The channel's current call as m may see it:
 * {"call":null|{"id","media","state","started_by","members":[{"id","name","role",
 *  "avatar","state","media","muted","camera_off"}]},"may_listen":bool} */
int call_state_json(struct db *db, struct pool *pool, const struct member *m, struct buf *out);

/* After a participant left the channel (or handed it over): they leave its
 * call; a closed channel's call ends. */
int call_participant_gone(struct db *db, struct pool *pool, long long channel_id,
			  long long participant_id);

/* Whether member m has joined call call_id, which is not over. */
int call_joined(struct db *db, struct pool *pool, const struct member *m, long long call_id,
		bool *joined);

/* Whether member m may send signalling of call call_id to participant to:
 * both have joined it, and neither is a listener unless the other is an
 * agent. Sets *status and *message when not (a recipient who may not be
 * written to is answered as a stranger). Returns a db_status. */
int call_may_signal(struct db *db, struct pool *pool, const struct member *m, long long call_id,
		    long long to, int *status, const char **message);

#endif
