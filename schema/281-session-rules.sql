-- Issue 21: the rules that say who a request comes from, written once for
-- the C programs and for line_post (schema 280), which had each its own copy:
--   staff_session_valid  a staff session that still counts: not signed out,
--                        not idle past idle_until, not past its lifetime, its
--                        agent not disabled, their client not suspended, their
--                        reseller neither suspended nor removed. Read by
--                        SQL_SESSION_BY_TOKEN (lib/sql_staff.c) and line_post.
--   visitor_cookie       a visitor's cookie, by its hash. Read by
--                        SQL_VISITOR_BY_TOKEN (lib/sql_help.c) and line_post.
--   staff_session_touch, visitor_touch
--                        the last-seen stamp, written at most once a minute
--                        (every post and poll would otherwise be a durable
--                        write on one row); a staff session's idle deadline
--                        moves with it. Called by SQL_SESSION_TOUCH,
--                        SQL_VISITOR_SEEN and line_post.
--   channel_member_find, channel_member
--                        who a request is in a channel: the agent's newest
--                        participant row (present ones first) in a channel of
--                        their client, else the visitor's; staff of another
--                        client are looked up as the visitor they also are.
--                        lib/channel.c's channel_member CALLs channel_member
--                        (SQL_CHANNEL_MEMBER); line_post calls the first.
-- Both views carry stamp_due, the other half of the once-a-minute rule: the
-- callers send no touch at all while it is false.
--
-- Views and procedures, not stored functions: a view is merged into the
-- query that reads it, so the lookup stays one read of the unique key on
-- token_hash (EXPLAIN: const on staff_session_token, then agent and client
-- by primary key), and the reseller check stays a subquery the optimizer
-- sees. A function of the
-- row would run as a sub-statement per call; one of the token would be
-- evaluated per row (a full scan) unless falsely declared DETERMINISTIC,
-- since the rule depends on NOW(); and with binary logging on, creating a
-- function needs SUPER (or log_bin_trust_function_creators), which a hosting
-- provider's database account often lacks. Views and procedures need only
-- what baton-admin migrate already has. (The membership rule is a
-- procedure for the same reason: as a function in the join to participant
-- it would run once per row of participant, as EXPLAIN shows.)
CREATE OR REPLACE ALGORITHM = MERGE SQL SECURITY INVOKER VIEW staff_session_valid AS
  SELECT s.id, s.token_hash, s.agent_id, s.csrf_token, a.client_id,
      s.last_seen_at < NOW(3) - INTERVAL 60 SECOND AS stamp_due
    FROM staff_session s JOIN agent a ON a.id = s.agent_id JOIN client c ON c.id = a.client_id
    WHERE s.ended_at IS NULL AND NOW(3) < s.idle_until AND NOW(3) < s.expires_at
      AND a.disabled = 0 AND c.suspended_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM reseller r WHERE r.id = a.reseller_id
        AND (r.suspended_at IS NOT NULL OR r.removed_at IS NOT NULL));

CREATE OR REPLACE ALGORITHM = MERGE SQL SECURITY INVOKER VIEW visitor_cookie AS
  SELECT id, token_hash, last_seen_at < NOW(3) - INTERVAL 60 SECOND AS stamp_due FROM visitor;

-- The guard repeats stamp_due's minute so that two requests that both saw
-- it due write the row once.
DROP PROCEDURE IF EXISTS staff_session_touch;
CREATE PROCEDURE staff_session_touch(IN in_session BIGINT UNSIGNED, IN in_idle_seconds BIGINT)
    MODIFIES SQL DATA
    SQL SECURITY INVOKER
  UPDATE staff_session SET last_seen_at = NOW(3),
      idle_until = LEAST(expires_at, NOW(3) + INTERVAL in_idle_seconds SECOND)
    WHERE id = in_session AND last_seen_at < NOW(3) - INTERVAL 60 SECOND;

DROP PROCEDURE IF EXISTS visitor_touch;
CREATE PROCEDURE visitor_touch(IN in_visitor BIGINT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY INVOKER
  UPDATE visitor SET last_seen_at = NOW(3)
    WHERE id = in_visitor AND last_seen_at < NOW(3) - INTERVAL 60 SECOND;

DROP PROCEDURE IF EXISTS channel_member_find;
CREATE PROCEDURE channel_member_find(
    IN in_agent BIGINT UNSIGNED, IN in_agent_client BIGINT UNSIGNED,
    IN in_visitor BIGINT UNSIGNED, IN in_channel CHAR(32) CHARACTER SET ascii,
    OUT out_channel BIGINT UNSIGNED, OUT out_participant BIGINT UNSIGNED)
    READS SQL DATA
    SQL SECURITY INVOKER
BEGIN
  DECLARE v_client BIGINT UNSIGNED DEFAULT NULL;
  -- A lookup that finds no row leaves its variables NULL: that is the answer.
  DECLARE CONTINUE HANDLER FOR NOT FOUND BEGIN END;
  SET out_channel = NULL, out_participant = NULL;
  SELECT id, client_id INTO out_channel, v_client FROM channel WHERE public_id = in_channel;
  IF out_channel IS NULL THEN
    SET out_participant = NULL;
  ELSEIF in_agent IS NOT NULL AND v_client = in_agent_client THEN
    SELECT id INTO out_participant FROM participant
      WHERE channel_id = out_channel AND agent_id = in_agent
      ORDER BY left_at IS NULL DESC, id DESC LIMIT 1;
  ELSEIF in_visitor IS NOT NULL THEN
    SELECT id INTO out_participant FROM participant
      WHERE channel_id = out_channel AND visitor_id = in_visitor
      ORDER BY left_at IS NULL DESC, id DESC LIMIT 1;
  END IF;
END;

-- For the programs: the channel even when the asker is not in it (a
-- supervisor about to watch), with their participant row if any; no row
-- for an unknown channel.
DROP PROCEDURE IF EXISTS channel_member;
CREATE PROCEDURE channel_member(
    IN in_agent BIGINT UNSIGNED, IN in_agent_client BIGINT UNSIGNED,
    IN in_visitor BIGINT UNSIGNED, IN in_channel CHAR(32) CHARACTER SET ascii)
    READS SQL DATA
    SQL SECURITY INVOKER
BEGIN
  DECLARE v_channel, v_participant BIGINT UNSIGNED DEFAULT NULL;
  CALL channel_member_find(in_agent, in_agent_client, in_visitor, in_channel,
    v_channel, v_participant);
  SELECT c.id, c.client_id, c.state, c.name, c.last_seq, c.leader_participant_id,
      p.id, p.kind, p.display_name, p.token, p.left_at IS NOT NULL
    FROM channel c LEFT JOIN participant p ON p.id = v_participant WHERE c.id = v_channel;
END;

-- line_post as in schema 280, with the sender looked up through the views
-- and the procedures above.
DROP PROCEDURE IF EXISTS line_post;
CREATE PROCEDURE line_post(
    IN in_session CHAR(64) CHARACTER SET ascii, IN in_visitor CHAR(64) CHARACTER SET ascii,
    IN in_idle_seconds BIGINT, IN in_channel CHAR(32) CHARACTER SET ascii,
    IN in_token CHAR(64) CHARACTER SET ascii, IN in_recipient BIGINT UNSIGNED,
    IN in_body MEDIUMTEXT CHARACTER SET utf8mb4, IN in_cmid VARCHAR(64) CHARACTER SET ascii)
    MODIFIES SQL DATA
    SQL SECURITY INVOKER
BEGIN
  DECLARE v_session, v_agent, v_agent_client, v_visitor BIGINT UNSIGNED DEFAULT NULL;
  DECLARE v_channel, v_client, v_participant, v_seq BIGINT UNSIGNED DEFAULT NULL;
  DECLARE v_stale, v_left, v_stored BOOLEAN DEFAULT FALSE;
  DECLARE v_state, v_kind, v_to_kind VARCHAR(16) CHARACTER SET ascii DEFAULT NULL;
  DECLARE v_token VARCHAR(64) CHARACTER SET ascii DEFAULT NULL;
  DECLARE v_lang VARCHAR(12) CHARACTER SET ascii DEFAULT 'en';
  DECLARE outcome VARCHAR(16) CHARACTER SET ascii DEFAULT 'stored';
  -- A lookup that finds no row leaves its variables NULL: that is the answer.
  DECLARE CONTINUE HANDLER FOR NOT FOUND BEGIN END;

  IF in_session IS NOT NULL THEN
    SELECT id, agent_id, client_id, stamp_due INTO v_session, v_agent, v_agent_client, v_stale
      FROM staff_session_valid WHERE token_hash = in_session;
    IF v_session IS NOT NULL AND v_stale THEN
      CALL staff_session_touch(v_session, in_idle_seconds);
    END IF;
  END IF;
  IF in_visitor IS NOT NULL THEN
    SET v_stale = FALSE;
    SELECT id, stamp_due INTO v_visitor, v_stale FROM visitor_cookie WHERE token_hash = in_visitor;
    IF v_visitor IS NOT NULL AND v_stale THEN
      CALL visitor_touch(v_visitor);
    END IF;
  END IF;

  CALL channel_member_find(v_agent, v_agent_client, v_visitor, in_channel,
    v_channel, v_participant);
  IF v_participant IS NOT NULL THEN
    SELECT c.client_id, c.state, p.kind, p.token, p.left_at IS NOT NULL
      INTO v_client, v_state, v_kind, v_token, v_left
      FROM channel c JOIN participant p ON p.id = v_participant WHERE c.id = v_channel;
  ELSEIF v_channel IS NOT NULL THEN
    SELECT client_id INTO v_client FROM channel WHERE id = v_channel;
  END IF;

  IF v_participant IS NULL THEN
    SET outcome = 'not in';
  ELSEIF in_token IS NULL OR SHA2(v_token, 256) <> in_token THEN
    SET outcome = 'token';
  ELSEIF v_left OR v_state <> 'open' THEN
    SET outcome = 'ended';
  ELSEIF v_kind = 'supervisor' AND in_recipient IS NULL THEN
    SET outcome = 'silent';
  ELSEIF in_recipient IS NOT NULL THEN
    SELECT kind INTO v_to_kind FROM participant
      WHERE id = in_recipient AND channel_id = v_channel AND left_at IS NULL;
    IF v_to_kind IS NULL OR in_recipient = v_participant
       OR (v_kind = 'visitor' AND v_to_kind = 'supervisor') THEN
      SET outcome = 'not one';
    ELSEIF v_kind = 'supervisor' AND v_to_kind = 'visitor' THEN
      SET outcome = 'silent to';
    END IF;
  END IF;
  IF outcome <> 'stored' THEN
    SELECT NULL, NULL, NULL, outcome, 0, v_channel, v_client, v_participant;
  ELSE
    -- The sender's language, as SQL_LANG_PEOPLE (lib/sql_lang.c) gives it.
    SELECT COALESCE(p.lang, a.lang, r.lang, 'en') INTO v_lang
      FROM participant p JOIN channel ch ON ch.id = p.channel_id
      LEFT JOIN agent a ON a.id = p.agent_id
      LEFT JOIN help_request r ON r.id = ch.request_id AND p.kind = 'visitor'
      WHERE p.id = v_participant;
    CALL event_store(v_channel, v_participant, in_recipient,
      IF(in_recipient IS NULL, 'line', 'private'), in_body, in_cmid, v_lang, NULL,
      v_seq, v_stored);
    IF v_seq = 0 THEN
      SELECT NULL, NULL, NULL, 'closed', 0, v_channel, v_client, v_participant;
    ELSE
      SELECT p.id, p.kind, COALESCE(p.lang, a.lang, r.lang, 'en'),
          IF(v_stored, 'stored', 'stored before'), v_seq, v_channel, v_client, v_participant
        FROM participant p JOIN channel ch ON ch.id = p.channel_id
        LEFT JOIN agent a ON a.id = p.agent_id
        LEFT JOIN help_request r ON r.id = ch.request_id AND p.kind = 'visitor'
        WHERE p.channel_id = v_channel AND p.left_at IS NULL ORDER BY p.id;
    END IF;
  END IF;
END;
