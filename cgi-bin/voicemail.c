/* voicemail - a caller's voice message (left in the IVR, shown in the
 * console's messages), as WAV audio for the page's player. Only staff of
 * the message's client may fetch it. Tests: t/voicemail.t. */
#include "db.h"
#include "pool.h"
#include "program.h"
#include "response.h"

enum { IN_ID, IN__MAX };
static const struct input voicemail_inputs[IN__MAX] = {
	[IN_ID] = { "id", INPUT_KEY, true, 32, 0, 0, NULL },
};

static int voicemail(struct request *r)
{
	struct db_rows rows;
	int rc = db_query(r->db, r->pool, SQL_VOICE_MESSAGE_GET, &rows, "s", r->in[IN_ID]);
	if (rc == DB_DOWN)
		return resp_unavailable(r);
	if (rc != DB_OK)
		return -1;
	/* Another client's message is as unknown as one that does not exist. */
	if (rows.rows == 0 || db_cell_int(&rows, 0, 1) != r->session->client_id)
		return resp_error(r, 404, "There is no such voice message.");
	r->resp.status = 200;
	r->resp.content_type = "audio/wav";
	resp_header(r, "Content-Disposition", "inline; filename=\"voice-message.wav\"");
	buf_append(&r->resp.body, db_cell(&rows, 0, 0), rows.length[0]);
	return 200;
}

static const struct action voicemail_actions[] = {
	{ METHOD_GET, voicemail_inputs, IN__MAX, GUARD_SESSION, voicemail },
};

static const struct program voicemail_program = {
	"voicemail", false, voicemail_actions, COUNT_OF(voicemail_actions)
};

int main(int argc, char **argv)
{
	return program_main(&voicemail_program, argc, argv);
}
