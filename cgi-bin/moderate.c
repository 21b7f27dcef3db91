/* moderate - the producer's hands on an event (lib/question.h,
 * lib/attendee.h), from the producer's page (htdocs/js/producer.js) and a
 * speaker's stage panel (htdocs/js/stage.js):
 *   GET  /moderate?e=ID          the question queue (JSON)
 *   POST /moderate e, csrf, action=
 *        approve|hide  question=N
 *        pass          question=N speaker=AGENT   to a speaker
 *        answer        question=N text=...        (speakers too)
 *        merge         question=N into=M
 *        mute|unmute|remove  attendee=N
 *        lead          speaker=AGENT              hands the stage's lead over
 * The producer and the client's supervisors may do everything; speakers
 * answer questions; attendees and anyone else: 403. Tests: t/moderate.t. */
#include <string.h>

#include "attendee.h"
#include "buf.h"
#include "channel.h"
#include "db.h"
#include "event.h"
#include "pool.h"
#include "program.h"
#include "question.h"
#include "response.h"

static const char *const actions[] = { "approve", "pass", "answer", "hide", "merge", "mute", "unmute",
	"remove", "lead", NULL };

enum { IN_CSRF, IN_EVENT, IN_ACTION, IN_QUESTION, IN_INTO, IN_SPEAKER, IN_TEXT, IN_ATTENDEE, IN__MAX };
#define ID_INPUT(name) { name, INPUT_INT, false, 0, 1, 1000000000000LL, NULL }
static const struct input post_inputs[IN__MAX] = {
	[IN_CSRF] = { "csrf", INPUT_TOKEN, true, 64, 0, 0, NULL },
	[IN_EVENT] = { "e", INPUT_LINE, true, 32, 0, 0, NULL },
	[IN_ACTION] = { "action", INPUT_CHOICE, true, 0, 0, 0, actions },
	[IN_QUESTION] = ID_INPUT("question"),
	[IN_INTO] = ID_INPUT("into"),
	[IN_SPEAKER] = ID_INPUT("speaker"),
	[IN_TEXT] = { "text", INPUT_TEXT, false, ANSWER_MAX, 0, 0, NULL },
	[IN_ATTENDEE] = ID_INPUT("attendee"),
};
static const struct input get_inputs[] = {
	{ "e", INPUT_LINE, true, 32, 0, 0, NULL },
};

static int failed(struct request *r, int rc)
{
	return rc == DB_DOWN ? resp_unavailable(r) : -1;
}

static int load(struct request *r, const char *id, struct live_event *ev, enum event_role *role)
{
	int status = event_load_for_staff(r, id, ev, role);
	if (status != 0)
		return status;
	if (*role == EVENT_NOBODY)
		return resp_error(r, 403, "Only the event's producer, speakers and supervisors handle "
				  "its questions.");
	return 0;
}

static int queue(struct request *r)
{
	struct live_event ev;
	enum event_role role;
	int status = load(r, r->in[0], &ev, &role);
	if (status != 0)
		return status;
	struct buf out;
	buf_init(&out);
	buf_puts(&out, "{\"questions\":");
	int rc = question_queue_json(r->db, r->pool, ev.id, &out);
	buf_putc(&out, '}');
	status = rc == DB_OK ? resp_json(r, 200, pool_strdup(r->pool, out.data)) : failed(r, rc);
	buf_free(&out);
	return status;
}

/* The producer hands the stage's lead to a speaker. */
static int hand_lead(struct request *r, const struct live_event *ev)
{
	if (r->in[IN_SPEAKER] == NULL)
		return resp_error(r, 400, "Say to which speaker (speaker).");
	if (ev->stage_channel_id == 0 || strcmp(ev->state, "ended") == 0)
		return resp_error(r, 409, "The stage is not open.");
	struct db_rows speaker;
	long long from = 0, to = 0, seq = 0;
	int rc = db_query(r->db, r->pool, SQL_EVENT_IS_SPEAKER, &speaker, "ii", ev->id, r->in_int[IN_SPEAKER]);
	if (rc == DB_OK && speaker.rows == 0)
		return resp_error(r, 400, "The lead goes to one of the event's speakers.");
	if (rc == DB_OK)
		rc = event_participant(r->db, r->pool, ev->stage_channel_id, r->session->agent_id, &from);
	if (rc == DB_OK)
		rc = event_participant(r->db, r->pool, ev->stage_channel_id, r->in_int[IN_SPEAKER], &to);
	if (rc != DB_OK)
		return failed(r, rc);
	if (from == 0 || to == 0)
		return resp_error(r, 409, "You and the speaker must both be on the stage.");
	struct db_rows target;
	rc = db_query(r->db, r->pool, SQL_PARTICIPANT_IN_CHANNEL, &target, "ii", to, ev->stage_channel_id);
	if (rc == DB_OK)
		rc = channel_post(r->db, ev->stage_channel_id, from, to, "lead",
				  target.rows ? db_cell(&target, 0, 2) : "", NULL, &seq);
	if (rc != DB_OK)
		return channel_failed(r, rc);
	return resp_json(r, 200, pool_printf(r->pool, "{\"seq\":%lld,\"leader\":%lld}", seq, to));
}

static int moderate(struct request *r)
{
	struct live_event ev;
	enum event_role role;
	int status = load(r, r->in[IN_EVENT], &ev, &role);
	if (status != 0)
		return status;
	const char *action = r->in[IN_ACTION];
	bool runs = role == EVENT_PRODUCER || role == EVENT_MANAGER;
	if (strcmp(action, "lead") == 0 || strcmp(action, "mute") == 0 || strcmp(action, "unmute") == 0
	    || strcmp(action, "remove") == 0) {
		if (!runs)
			return resp_error(r, 403, "Only the event's producer does that.");
		if (strcmp(action, "lead") == 0)
			return hand_lead(r, &ev);
		if (r->in[IN_ATTENDEE] == NULL)
			return resp_error(r, 400, "Say which attendee (attendee).");
		const char *problem = NULL;
		int rc = attendee_moderate(r, &ev, action, r->in_int[IN_ATTENDEE], &problem);
		if (rc != DB_OK)
			return failed(r, rc);
		if (problem != NULL)
			return resp_error(r, 404, "%s", problem);
		return resp_json(r, 200, "{\"ok\":true}");
	}
	if (r->in[IN_QUESTION] == NULL)
		return resp_error(r, 400, "Say which question (question).");
	if (strcmp(action, "pass") == 0 && r->in[IN_SPEAKER] == NULL)
		return resp_error(r, 400, "Say to which speaker (speaker).");
	if (strcmp(action, "merge") == 0 && r->in[IN_INTO] == NULL)
		return resp_error(r, 400, "Say which question it joins (into).");
	struct question_action act = { .action = action, .question_id = r->in_int[IN_QUESTION],
				       .into = r->in_int[IN_INTO], .speaker_agent = r->in_int[IN_SPEAKER],
				       .text = r->in[IN_TEXT] };
	const char *problem = NULL;
	int code = 400;
	int rc = question_moderate(r, &ev, role, &act, &code, &problem);
	if (rc == QUESTION_REFUSED)
		return resp_error(r, code, "%s", problem);
	if (rc != DB_OK)
		return failed(r, rc);
	return resp_json(r, 200, "{\"ok\":true}");
}

static const struct action moderate_actions[] = {
	{ METHOD_GET, get_inputs, COUNT_OF(get_inputs), GUARD_SESSION, queue },
	{ METHOD_POST, post_inputs, IN__MAX, GUARD_SESSION | GUARD_CSRF, moderate },
};

static const struct program moderate_program = {
	"moderate", true, moderate_actions, COUNT_OF(moderate_actions)
};

int main(int argc, char **argv)
{
	return program_main(&moderate_program, argc, argv);
}
