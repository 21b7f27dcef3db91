-- Issue 21: a chat line checked and stored in one round trip. /say cost
-- the database four requests: the sender's staff session or visitor
-- cookie, their membership of the channel, the readers' languages, and the
-- CALL of event_post (schema 260). line_post does all four in one prepared
-- CALL (cgi-bin/say.c, lib/line_post.c), so a delivered line costs the
-- database one request from /say.
--
-- event_store is event_post's transaction, with its answer in OUT
-- parameters, so that event_post and line_post share it (one rule in one
-- place); event_post answers as before (schema 260).
DROP PROCEDURE IF EXISTS event_store;
CREATE PROCEDURE event_store(
    IN in_channel BIGINT UNSIGNED, IN in_participant BIGINT UNSIGNED,
    IN in_recipient BIGINT UNSIGNED, IN in_kind VARCHAR(16) CHARACTER SET ascii,
    IN in_body MEDIUMTEXT CHARACTER SET utf8mb4, IN in_cmid VARCHAR(64) CHARACTER SET ascii,
    IN in_lang VARCHAR(12) CHARACTER SET ascii, IN in_ref_seq BIGINT UNSIGNED,
    OUT out_seq BIGINT UNSIGNED, OUT out_stored BOOLEAN)
    MODIFIES SQL DATA
    SQL SECURITY INVOKER
BEGIN
  DECLARE new_seq BIGINT UNSIGNED DEFAULT 0;
  DECLARE earlier_seq BIGINT UNSIGNED DEFAULT 0;
  DECLARE refused BOOLEAN DEFAULT FALSE;
  DECLARE CONTINUE HANDLER FOR 1062 SET refused = TRUE;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN ROLLBACK; RESIGNAL; END;
  SET out_seq = 0, out_stored = FALSE;
  START TRANSACTION;
  UPDATE channel SET last_seq = LAST_INSERT_ID(last_seq + 1), changed_at = NOW(6)
    WHERE id = in_channel AND state = 'open';
  IF ROW_COUNT() = 0 THEN
    ROLLBACK;
  ELSE
    SET new_seq = LAST_INSERT_ID();
    INSERT INTO channel_event (channel_id, seq, kind, participant_id, recipient_participant_id,
        body, client_msg_id, lang, ref_seq, at)
      VALUES (in_channel, new_seq, in_kind, in_participant, in_recipient, in_body, in_cmid,
        in_lang, in_ref_seq, NOW(3));
    IF refused AND in_cmid IS NOT NULL THEN
      SELECT seq INTO earlier_seq FROM channel_event
        WHERE channel_id = in_channel AND participant_id = in_participant AND client_msg_id = in_cmid;
      ROLLBACK;
      SET out_seq = earlier_seq;
    ELSEIF refused THEN
      -- Refused by another key: not a retry. As an error, like any other.
      ROLLBACK;
      SIGNAL SQLSTATE '23000' SET MESSAGE_TEXT = 'event_store: the event was refused by a unique key';
    ELSE
      IF in_kind = 'address' THEN
        UPDATE channel SET current_url = in_body WHERE id = in_channel;
      ELSEIF in_kind = 'lead' THEN
        UPDATE channel SET leader_participant_id = in_recipient WHERE id = in_channel;
      END IF;
      COMMIT;
      SET out_seq = new_seq, out_stored = TRUE;
    END IF;
  END IF;
END;

DROP PROCEDURE IF EXISTS event_post;
CREATE PROCEDURE event_post(
    IN in_channel BIGINT UNSIGNED, IN in_participant BIGINT UNSIGNED,
    IN in_recipient BIGINT UNSIGNED, IN in_kind VARCHAR(16) CHARACTER SET ascii,
    IN in_body MEDIUMTEXT CHARACTER SET utf8mb4, IN in_cmid VARCHAR(64) CHARACTER SET ascii,
    IN in_lang VARCHAR(12) CHARACTER SET ascii, IN in_ref_seq BIGINT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY INVOKER
BEGIN
  DECLARE new_seq BIGINT UNSIGNED DEFAULT 0;
  DECLARE stored BOOLEAN DEFAULT FALSE;
  CALL event_store(in_channel, in_participant, in_recipient, in_kind, in_body, in_cmid, in_lang,
    in_ref_seq, new_seq, stored);
  SELECT new_seq AS seq, IF(stored, 1, 0) AS stored;
END;

-- A participant's chat line: who sends it (their staff session or visitor
-- cookie, as SHA-256 hashes), checked as channel_authorize and say.c did
-- (lib/channel.c), then stored by event_store. The checks, in order, and
-- the outcome each answers (lib/line_post.c maps them to the answers):
--   the staff session: the conditions of SQL_SESSION_BY_TOKEN
--     (lib/sql_staff.c), stamped at most once a minute as session_load
--     does (SQL_SESSION_TOUCH); the visitor cookie likewise (visitor.c);
--   'not in'      not a participant of this channel (channel_member's
--                 rule: the session's agent in a channel of their client,
--                 else the visitor of the cookie);
--   'token'       the posting token is not theirs (compared as SHA-256
--                 hashes, so the comparison's time tells nothing of it);
--   'ended'       they left, or the channel is not open;
--   'silent'      a supervisor watching silently writes to everyone;
--   'not one'     a private line not to one other present participant (or
--                 a visitor's to a silent supervisor: as for a stranger);
--   'silent to'   a silent supervisor's private line to the visitor;
--   'closed'      the channel closed as the line was stored;
--   'stored', 'stored before' (a retried client message id: its seq).
-- The answer: one row per participant present after the line (reader id,
-- kind, language: the columns of SQL_LANG_PEOPLE, for the translations),
-- each with the outcome, seq, channel id, client id and sender; one row
-- with NULL readers for an outcome that stored nothing.
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
    SELECT s.id, s.agent_id, a.client_id, s.last_seen_at < NOW(3) - INTERVAL 60 SECOND
      INTO v_session, v_agent, v_agent_client, v_stale
      FROM staff_session s JOIN agent a ON a.id = s.agent_id JOIN client c ON c.id = a.client_id
      WHERE s.token_hash = in_session AND s.ended_at IS NULL AND NOW(3) < s.idle_until
        AND NOW(3) < s.expires_at AND a.disabled = 0 AND c.suspended_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM reseller r WHERE r.id = a.reseller_id
          AND (r.suspended_at IS NOT NULL OR r.removed_at IS NOT NULL));
    IF v_session IS NOT NULL AND v_stale THEN
      UPDATE staff_session SET last_seen_at = NOW(3),
          idle_until = LEAST(expires_at, NOW(3) + INTERVAL in_idle_seconds SECOND)
        WHERE id = v_session AND last_seen_at < NOW(3) - INTERVAL 60 SECOND;
    END IF;
  END IF;
  IF in_visitor IS NOT NULL THEN
    SET v_stale = FALSE;
    SELECT id, last_seen_at < NOW(3) - INTERVAL 60 SECOND INTO v_visitor, v_stale
      FROM visitor WHERE token_hash = in_visitor;
    IF v_visitor IS NOT NULL AND v_stale THEN
      UPDATE visitor SET last_seen_at = NOW(3) WHERE id = v_visitor
        AND last_seen_at < NOW(3) - INTERVAL 60 SECOND;
    END IF;
  END IF;

  IF v_session IS NOT NULL THEN
    SELECT c.id, c.client_id, c.state, p.id, p.kind, p.token, p.left_at IS NOT NULL
      INTO v_channel, v_client, v_state, v_participant, v_kind, v_token, v_left
      FROM channel c LEFT JOIN participant p ON p.id = (SELECT p2.id FROM participant p2
        WHERE p2.channel_id = c.id AND p2.agent_id = v_agent AND c.client_id = v_agent_client
        ORDER BY p2.left_at IS NULL DESC, p2.id DESC LIMIT 1)
      WHERE c.public_id = in_channel;
  END IF;
  -- Signed in as staff of another client, and here as a visitor: as that
  -- visitor (channel_member).
  IF v_session IS NULL OR (v_channel IS NOT NULL AND v_client <> v_agent_client
                           AND v_visitor IS NOT NULL) THEN
    SET v_channel = NULL, v_participant = NULL;
    SELECT c.id, c.client_id, c.state, p.id, p.kind, p.token, p.left_at IS NOT NULL
      INTO v_channel, v_client, v_state, v_participant, v_kind, v_token, v_left
      FROM channel c LEFT JOIN participant p ON p.id = (SELECT p2.id FROM participant p2
        WHERE p2.channel_id = c.id AND p2.visitor_id = COALESCE(v_visitor, 0)
        ORDER BY p2.left_at IS NULL DESC, p2.id DESC LIMIT 1)
      WHERE c.public_id = in_channel;
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
