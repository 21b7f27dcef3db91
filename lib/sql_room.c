/* sql_room.c - SQL texts for collaboration rooms: opening them, invitations
 * and joining, collaborators, the client's open rooms, and the seats a
 * client's sessions hold. Part of the statement catalogue: see sql.h and
 * sql.c. */
#include "sql.h"

#define ISO_TIME(col) "DATE_FORMAT(" col ", '%Y-%m-%dT%H:%i:%sZ')"

const char *const sql_texts_room[SQL__MAX] = {
	/* A channel without a help request: a room, or an event's stage or
	 * backstage (schema 171). */
	[SQL_ROOM_INSERT] =
		"INSERT INTO channel (public_id, client_id, request_id, kind, name, state, last_seq,"
		" changed_at, created_at) VALUES (?, ?, NULL, ?, ?, 'open', 0, NOW(6), NOW(3))",
	[SQL_ROOM_PARTICIPANT_INSERT] =
		"INSERT INTO participant (channel_id, kind, agent_id, visitor_id, display_name, token,"
		" avatar, collaborator_id, invitation_id, stage_role, joined_at)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NOW(3))",
	[SQL_ROOM_SET_OWNER] =
		"UPDATE channel SET owner_participant_id = ?, leader_participant_id = ? WHERE id = ?",
	/* Joining: the channel's row (and its client's) locked, so that two
	 * people joining at once cannot both take the last place. */
	[SQL_ROOM_CHANNEL_LOCK] =
		"SELECT ch.state, ch.kind, ch.client_id,"
		" (SELECT COUNT(*) FROM participant p WHERE p.channel_id = ch.id AND p.left_at IS NULL),"
		" c.channel_participant_cap, c.room_join, ch.public_id"
		" FROM channel ch JOIN client c ON c.id = ch.client_id WHERE ch.id = ? FOR UPDATE",
	[SQL_ROOM_AVATARS_TAKEN] =
		"SELECT avatar FROM participant WHERE channel_id = ? AND left_at IS NULL",
	[SQL_ROOM_PRESENT_AS_VISITOR] =
		"SELECT id FROM participant WHERE channel_id = ? AND visitor_id = ? AND left_at IS NULL",
	[SQL_ROOM_PRESENT_AS_AGENT] =
		"SELECT id FROM participant WHERE channel_id = ? AND agent_id = ? AND kind = 'agent'"
		" AND left_at IS NULL",
	[SQL_ROOM_MAY_INVITE] =
		"SELECT p.may_invite, ch.owner_participant_id, ch.kind FROM participant p"
		" JOIN channel ch ON ch.id = p.channel_id WHERE p.id = ?",
	[SQL_ROOM_SET_MAY_INVITE] =
		"UPDATE participant SET may_invite = ? WHERE id = ? AND channel_id = ? AND kind = 'visitor'"
		" AND left_at IS NULL",
	[SQL_ROOM_INVITATION_INSERT] =
		"INSERT INTO invitation (token_hash, channel_id, client_id, created_by, max_uses,"
		" expires_at, email, guest_name, created_at)"
		" VALUES (?, ?, ?, ?, ?, NOW(3) + INTERVAL ? HOUR, ?, ?, NOW(3))",
	/* An invitation as its link's page shows it. */
	[SQL_ROOM_INVITATION_BY_TOKEN] =
		"SELECT i.id, i.channel_id, i.client_id, i.uses, i.max_uses, i.expires_at <= NOW(3),"
		" i.revoked_at IS NOT NULL, ch.state, ch.public_id, ch.name, c.name, c.room_join,"
		" p.display_name, " ISO_TIME("i.expires_at") ", i.guest_name"
		" FROM invitation i JOIN channel ch ON ch.id = i.channel_id"
		" JOIN client c ON c.id = i.client_id LEFT JOIN participant p ON p.id = i.created_by"
		" WHERE i.token_hash = ?",
	[SQL_ROOM_INVITATION_LOCK] =
		"SELECT uses, max_uses, expires_at <= NOW(3), revoked_at IS NOT NULL FROM invitation"
		" WHERE id = ? FOR UPDATE",
	[SQL_ROOM_INVITATION_USE] = "UPDATE invitation SET uses = uses + 1 WHERE id = ?",
	[SQL_ROOM_INVITATION_MAILED] = "UPDATE invitation SET mailed = 1 WHERE id = ?",
	[SQL_ROOM_INVITATIONS_OF_CHANNEL] =
		"SELECT i.id, i.max_uses, i.uses, " ISO_TIME("i.expires_at") ", i.expires_at <= NOW(3),"
		" i.revoked_at IS NOT NULL, i.email, i.guest_name, p.display_name, i.mailed"
		" FROM invitation i LEFT JOIN participant p ON p.id = i.created_by"
		" WHERE i.channel_id = ? ORDER BY i.id DESC LIMIT 50",
	[SQL_ROOM_INVITATION_REVOKE] =
		"UPDATE invitation SET revoked_at = NOW(3) WHERE id = ? AND channel_id = ?"
		" AND revoked_at IS NULL",
	/* Visitors the owner lets invite. */
	[SQL_ROOM_INVITERS] =
		"SELECT id FROM participant WHERE channel_id = ? AND may_invite = 1 AND left_at IS NULL",
	[SQL_ROOM_COLLABORATOR_FOR_JOIN] =
		"SELECT id, display_name, password_hash, disabled FROM collaborator"
		" WHERE client_id = ? AND login = ?",
	[SQL_ROOM_COLLABORATOR_INSERT] =
		"INSERT INTO collaborator (client_id, login, display_name, password_hash, created_at)"
		" VALUES (?, ?, ?, ?, NOW(3))",
	[SQL_ROOM_COLLABORATOR_LIST] =
		"SELECT login, display_name, IF(disabled, 'disabled', 'active') FROM collaborator"
		" WHERE client_id = ? ORDER BY login",
	[SQL_ROOM_COLLABORATOR_SET_PASSWORD] =
		"UPDATE collaborator SET password_hash = ? WHERE client_id = ? AND login = ?",
	/* The client's open rooms for its staff: name, age, people (silent
	 * supervisors not counted), their names, and whether the asker is in. */
	[SQL_ROOM_OPEN_ROOMS] =
		"SELECT ch.public_id, ch.name, TIMESTAMPDIFF(SECOND, ch.created_at, NOW(3)),"
		" (SELECT COUNT(*) FROM participant p WHERE p.channel_id = ch.id AND p.left_at IS NULL"
		"  AND p.kind <> 'supervisor'),"
		" (SELECT GROUP_CONCAT(p.display_name ORDER BY p.id SEPARATOR ', ') FROM participant p"
		"  WHERE p.channel_id = ch.id AND p.left_at IS NULL AND p.kind <> 'supervisor'),"
		" (SELECT COUNT(*) FROM participant p WHERE p.channel_id = ch.id AND p.agent_id = ?"
		"  AND p.left_at IS NULL)"
		" FROM channel ch WHERE ch.client_id = ? AND ch.kind = 'room' AND ch.state = 'open'"
		" ORDER BY ch.id DESC LIMIT 100",
	[SQL_ROOM_CLIENT_SETTINGS] =
		"SELECT room_join, show_who, show_rooms FROM client WHERE id = ?",
	[SQL_ROOM_SET_JOIN] = "UPDATE client SET room_join = ? WHERE id = ?",
	[SQL_ROOM_SET_SHOW_WHO] = "UPDATE client SET show_who = ? WHERE id = ?",
	[SQL_ROOM_CHANNEL_KIND] = "SELECT kind, owner_participant_id FROM channel WHERE id = ?",
	/* For invitations made by the operator: the channel and the staff
	 * member it is made in the name of (its owner first). */
	[SQL_ROOM_OWNER_BY_PUBLIC_ID] =
		"SELECT ch.id, ch.client_id, ch.name, p.id, p.display_name FROM channel ch"
		" JOIN participant p ON p.channel_id = ch.id AND p.kind = 'agent' AND p.left_at IS NULL"
		" WHERE ch.public_id = ? AND ch.state = 'open'"
		" ORDER BY p.id = ch.owner_participant_id DESC, p.id LIMIT 1",
	/* Seats taken in the client's sessions: people other than staff present
	 * in its open channels, and attendees present at its live events (seen
	 * in the last 90 s); and the client's seat cap. */
	[SQL_SEATS_OF_CLIENT] =
		"SELECT (SELECT COUNT(*) FROM channel ch JOIN participant p ON p.channel_id = ch.id"
		"  WHERE ch.client_id = c.id AND ch.state = 'open' AND p.kind = 'visitor'"
		"  AND p.left_at IS NULL)"
		" + (SELECT COUNT(*) FROM live_event e JOIN attendee_visit v ON v.event_id = e.id"
		"  WHERE e.client_id = c.id AND e.state = 'live' AND v.ended_at IS NULL"
		"  AND v.last_seen_at > NOW(3) - INTERVAL 90 SECOND),"
		" c.seat_cap FROM client c WHERE c.id = ?",
};
