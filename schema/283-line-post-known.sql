-- Issue 21, authorizing from memory: a chat line from a sender line_post
-- (schema 281) has already found, stored with what can have changed since
-- checked inside the transaction that stores it, in half the statements.
--
-- lib/line_senders.c remembers per process, for at most 30 seconds, what
-- line_post found for a browser's cookies, a channel and a posting token:
-- the channel, the participant, and whether they were found by their staff
-- session. A later public line from the same browser comes here instead.
-- What is fixed once found is not looked up again: which participant row a
-- browser is in a channel, their kind (a supervisor, who may only prompt,
-- is never remembered), the channel's client. What can change is checked
-- again under the channel's row lock, so a change that committed before
-- this line is never missed, whichever host made it:
--   * a staff sender's session still counts (staff_session_valid: signed
--     out, idle, expired, agent disabled, client or reseller suspended);
--   * the channel is open;
--   * the participant has not left and the token is still theirs;
--   * their language is read as it is now (participant_language, below).
-- Anything else answers 'recheck': nothing is stored, and the program
-- forgets the sender and asks line_post, which says why or stores it (a
-- retried line whose client message id is already stored comes back as
-- line_post's 'stored before').
--
-- The once-a-minute last-seen stamps are line_post's: a remembered sender
-- goes back to it at least every 30 seconds.

-- A participant's language, as line_post's and SQL_LANG_PEOPLE's copies
-- (lib/sql_lang.c) give it: their own choice, else the agent's, else the
-- language the visitor asked for help in, else English.
CREATE OR REPLACE ALGORITHM = MERGE SQL SECURITY INVOKER VIEW participant_language AS
  SELECT p.id, p.channel_id, p.kind, p.left_at, p.token, ch.client_id,
      COALESCE(p.lang, a.lang, r.lang, 'en') AS lang
    FROM participant p JOIN channel ch ON ch.id = p.channel_id
      LEFT JOIN agent a ON a.id = p.agent_id
      LEFT JOIN help_request r ON r.id = ch.request_id AND p.kind = 'visitor';

-- The answer has line_post's shape: one row per person present (id, kind,
-- language), the outcome, the seq, the channel, its client and the sender.
DROP PROCEDURE IF EXISTS line_post_known;
CREATE PROCEDURE line_post_known(
    IN in_session CHAR(64) CHARACTER SET ascii, IN in_channel BIGINT UNSIGNED,
    IN in_participant BIGINT UNSIGNED, IN in_token CHAR(64) CHARACTER SET ascii,
    IN in_body MEDIUMTEXT CHARACTER SET utf8mb4, IN in_cmid VARCHAR(64) CHARACTER SET ascii)
    MODIFIES SQL DATA
    SQL SECURITY INVOKER
BEGIN
  DECLARE v_seq BIGINT UNSIGNED DEFAULT 0;
  DECLARE refused BOOLEAN DEFAULT FALSE;
  DECLARE CONTINUE HANDLER FOR 1062 SET refused = TRUE;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN ROLLBACK; RESIGNAL; END;
  START TRANSACTION;
  -- The seq bump, as event_store's, with the session's rule beside the
  -- channel's state: both hold when the row lock is taken.
  UPDATE channel SET last_seq = LAST_INSERT_ID(last_seq + 1), changed_at = NOW(6)
    WHERE id = in_channel AND state = 'open'
      AND (in_session IS NULL
        OR EXISTS (SELECT 1 FROM staff_session_valid s WHERE s.token_hash = in_session));
  IF ROW_COUNT() = 1 THEN
    SET v_seq = LAST_INSERT_ID();
    INSERT INTO channel_event (channel_id, seq, kind, participant_id, recipient_participant_id,
        body, client_msg_id, lang, ref_seq, at)
      SELECT in_channel, v_seq, 'line', p.id, NULL, in_body, in_cmid, p.lang, NULL, NOW(3)
        FROM participant_language p
        WHERE p.id = in_participant AND p.channel_id = in_channel AND p.left_at IS NULL
          AND in_token = CAST(SHA2(p.token, 256) AS CHAR CHARACTER SET ascii);
    IF refused OR ROW_COUNT() <> 1 THEN
      SET v_seq = 0;
    END IF;
  END IF;
  IF v_seq = 0 THEN
    ROLLBACK;
    SELECT NULL, NULL, NULL, 'recheck', 0, in_channel, NULL, in_participant;
  ELSE
    COMMIT;
    SELECT p.id, p.kind, p.lang, 'stored', v_seq, in_channel, p.client_id, in_participant
      FROM participant_language p
      WHERE p.channel_id = in_channel AND p.left_at IS NULL ORDER BY p.id;
  END IF;
END;
