-- Issue 21: a staff member's idle re-poll costs nothing, as a visitor's
-- does since 281. The poll program holds a staff member's re-polls from
-- memory (cgi-bin/poll.c, struct pass) and keeps two things per host
-- instead of per poll:
--   * once a second, one read of which of the sessions it holds are no
--     longer valid (staff_session_valid, the one rule; lib/session.c's
--     session_ids_ended), so that a sign-out on any host, a disabled agent
--     or a suspended client ends their polls within a second;
--   * every ten seconds, the last-seen stamp of the sessions whose polls
--     it held: staff_sessions_touch, below.
-- The stamp's rule is written once: staff_session_touch (one session, for
-- a request that looked its session up) now calls staff_sessions_touch
-- (a JSON array of session ids).
DROP PROCEDURE IF EXISTS staff_sessions_touch;
CREATE PROCEDURE staff_sessions_touch(IN in_sessions TEXT CHARACTER SET ascii,
    IN in_idle_seconds BIGINT)
    MODIFIES SQL DATA
    SQL SECURITY INVOKER
  UPDATE staff_session s
      JOIN JSON_TABLE(in_sessions, '$[*]' COLUMNS (sid BIGINT UNSIGNED PATH '$')) j ON s.id = j.sid
    SET s.last_seen_at = NOW(3),
      s.idle_until = LEAST(s.expires_at, NOW(3) + INTERVAL in_idle_seconds SECOND)
    WHERE s.last_seen_at < NOW(3) - INTERVAL 60 SECOND;

DROP PROCEDURE IF EXISTS staff_session_touch;
CREATE PROCEDURE staff_session_touch(IN in_session BIGINT UNSIGNED, IN in_idle_seconds BIGINT)
    MODIFIES SQL DATA
    SQL SECURITY INVOKER
  CALL staff_sessions_touch(JSON_ARRAY(in_session), in_idle_seconds);
