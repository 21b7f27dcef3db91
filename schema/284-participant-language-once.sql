-- The participant-language rule in one place: line_post (schema 281) and
-- SQL_LANG_PEOPLE (lib/sql_lang.c) each had their own copy of what the
-- participant_language view (schema 283) says, a participant's own choice,
-- else the agent's, else the language the visitor asked for help in, else
-- English. line_post now reads the view; nothing else about it changes.

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
    SELECT lang INTO v_lang FROM participant_language WHERE id = v_participant;
    CALL event_store(v_channel, v_participant, in_recipient,
      IF(in_recipient IS NULL, 'line', 'private'), in_body, in_cmid, v_lang, NULL,
      v_seq, v_stored);
    IF v_seq = 0 THEN
      SELECT NULL, NULL, NULL, 'closed', 0, v_channel, v_client, v_participant;
    ELSE
      SELECT id, kind, lang, IF(v_stored, 'stored', 'stored before'), v_seq, v_channel,
          v_client, v_participant
        FROM participant_language
        WHERE channel_id = v_channel AND left_at IS NULL ORDER BY id;
    END IF;
  END IF;
END;
