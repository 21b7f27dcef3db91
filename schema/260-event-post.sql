-- Issue 21: a posted line stored in one round trip. Storing an event took
-- five statements sent one after another (START TRANSACTION, the channel's
-- seq bump, the INSERT, COMMIT, and the retry check); event_post does the
-- same in one prepared CALL, in a transaction of its own, so a line costs
-- the database one request and one durable commit (lib/channel.c,
-- channel_post_lang). Its answer is one row (seq, stored):
--   seq > 0, stored 1   the event was added under that seq;
--   seq > 0, stored 0   the same participant's post with this client
--                       message id was stored before: its seq (nothing added,
--                       the seq bump rolled back, so readers see no gap);
--   seq 0               the channel is not open (nothing added).
-- The channel's row lock (the seq bump) orders posts as before; a retried
-- post is refused by the unique key channel_event_once under that lock. An
-- error rolls the transaction back and reaches the caller unchanged (a
-- deadlock or a Galera conflict is run again by lib/db.c).
-- SQL SECURITY INVOKER: it runs with the rights of whoever calls it (the
-- programs' user), whoever created it.
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
  DECLARE earlier_seq BIGINT UNSIGNED DEFAULT 0;
  DECLARE refused BOOLEAN DEFAULT FALSE;
  DECLARE CONTINUE HANDLER FOR 1062 SET refused = TRUE;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN ROLLBACK; RESIGNAL; END;
  START TRANSACTION;
  UPDATE channel SET last_seq = LAST_INSERT_ID(last_seq + 1), changed_at = NOW(6)
    WHERE id = in_channel AND state = 'open';
  IF ROW_COUNT() = 0 THEN
    ROLLBACK;
    SELECT 0 AS seq, 0 AS stored;
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
      SELECT earlier_seq AS seq, 0 AS stored;
    ELSEIF refused THEN
      -- Refused by another key: not a retry. As an error, like any other.
      ROLLBACK;
      SIGNAL SQLSTATE '23000' SET MESSAGE_TEXT = 'event_post: the event was refused by a unique key';
    ELSE
      IF in_kind = 'address' THEN
        UPDATE channel SET current_url = in_body WHERE id = in_channel;
      ELSEIF in_kind = 'lead' THEN
        UPDATE channel SET leader_participant_id = in_recipient WHERE id = in_channel;
      END IF;
      COMMIT;
      SELECT new_seq AS seq, 1 AS stored;
    END IF;
  END IF;
END;
