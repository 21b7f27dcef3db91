-- 140: voice and video calls between a channel's participants, the
-- whiteboard's marks over the shared page, and a complete record: sampled
-- pointers and scroll positions beside the channel's events.

-- New kinds of channel event:
--   call   a call's life, body: the verb (start audio, start video, join,
--          decline, leave, end, mute, unmute, camera off, camera on)
--   rtc    WebRTC signalling (offer, answer, ICE candidates) for one
--          participant (recipient_participant_id); its body is erased when
--          the call ends: the archive keeps that it was sent, not the
--          addresses in it
--   mark   a mark drawn over a page (body: the mark as JSON, lib/mark.c)
--   erase  marks cleared (body: JSON, whose and on which page)
--   draw   who may draw: 'leader' or 'everyone'
ALTER TABLE channel_event
  MODIFY COLUMN kind ENUM('line', 'join', 'leave', 'transfer', 'close', 'address', 'lead',
                          'window', 'private', 'monitor', 'call', 'rtc', 'mark', 'erase',
                          'draw') NOT NULL;

ALTER TABLE channel
  ADD COLUMN everyone_draws TINYINT(1) NOT NULL DEFAULT 0
    COMMENT 'the leader lets everyone draw on the whiteboard';

ALTER TABLE client
  ADD COLUMN call_rate_cents INT UNSIGNED NOT NULL DEFAULT 0
    COMMENT 'billed per started minute of each call, beside the session rate',
  ADD COLUMN supervisors_listen TINYINT(1) NOT NULL DEFAULT 0
    COMMENT 'supervisors may listen to calls (only where visitors are told of monitoring)';

-- "call" is a reserved word: media_call. At most one call of a channel is
-- ringing or connected at a time. Billed from connected_at (the second
-- person joining) to ended_at.
CREATE TABLE media_call (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  channel_id BIGINT UNSIGNED NOT NULL,
  client_id BIGINT UNSIGNED NOT NULL,
  started_by BIGINT UNSIGNED NOT NULL COMMENT 'participant',
  media ENUM('audio', 'video') NOT NULL,
  state ENUM('ringing', 'connected', 'ended') NOT NULL DEFAULT 'ringing',
  started_at DATETIME(3) NOT NULL,
  connected_at DATETIME(3) NULL,
  ended_at DATETIME(3) NULL,
  KEY media_call_channel (channel_id, state),
  KEY media_call_client (client_id, started_at),
  CONSTRAINT media_call_channel_fk FOREIGN KEY (channel_id) REFERENCES channel (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Who was asked, who joined (and when), who declined or left.
CREATE TABLE media_call_member (
  call_id BIGINT UNSIGNED NOT NULL,
  participant_id BIGINT UNSIGNED NOT NULL,
  state ENUM('invited', 'joined', 'declined', 'left') NOT NULL,
  media ENUM('audio', 'video') NULL COMMENT 'what they send: chosen when they join',
  muted TINYINT(1) NOT NULL DEFAULT 0,
  camera_off TINYINT(1) NOT NULL DEFAULT 0,
  joined_at DATETIME(3) NULL,
  left_at DATETIME(3) NULL,
  PRIMARY KEY (call_id, participant_id),
  KEY media_call_member_participant (participant_id, state),
  CONSTRAINT media_call_member_call_fk FOREIGN KEY (call_id) REFERENCES media_call (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Sampled last-value signals kept for the replay: a few per second per
-- person at most (lib/sample.c), so the archive stays small. kind names
-- what x and y are:
--   pointer  the pointer in page coordinates (CSS pixels)
--   overlay  the pointer on the pointing overlay (fractions of the view)
--   scroll   the leader's scroll position (CSS pixels)
-- Other kinds may follow; the replay draws the kinds it knows.
CREATE TABLE archive_sample (
  channel_id BIGINT UNSIGNED NOT NULL,
  at DATETIME(3) NOT NULL,
  participant_id BIGINT UNSIGNED NOT NULL,
  kind VARCHAR(16) CHARACTER SET ascii NOT NULL,
  x FLOAT NOT NULL,
  y FLOAT NOT NULL,
  PRIMARY KEY (channel_id, at, participant_id, kind)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- When each participant's last sample of each kind was taken: the rate
-- limit, kept apart so that archive_sample needs no second index.
CREATE TABLE sample_clock (
  participant_id BIGINT UNSIGNED NOT NULL,
  kind VARCHAR(16) CHARACTER SET ascii NOT NULL,
  at DATETIME(3) NOT NULL,
  PRIMARY KEY (participant_id, kind)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
