-- 170: collaboration rooms. Any number of people in one channel: staff open
-- rooms of their own, and whoever has the right invites others by link
-- (single use, or reusable up to a limit; always expiring) or by e-mail.
-- Invited people join as named guests, or with a collaborator id and
-- password where the client requires it.

ALTER TABLE client
  ADD COLUMN room_join ENUM('guest', 'account') NOT NULL DEFAULT 'guest'
    COMMENT 'how invited people join: as a named guest, or with a collaborator id and password',
  ADD COLUMN show_who TINYINT(1) NOT NULL DEFAULT 1
    COMMENT 'the viewer has a Who button listing the people here';

-- help: a visitor's request, accepted; room: opened by staff; stage and
-- backstage: an event's (schema 171).
ALTER TABLE channel
  ADD COLUMN kind ENUM('help', 'room', 'stage', 'backstage') NOT NULL DEFAULT 'help' AFTER request_id,
  ADD COLUMN owner_participant_id BIGINT UNSIGNED NULL
    COMMENT 'who lets others invite (staff always may)',
  ADD KEY channel_client_kind (client_id, kind, state);

ALTER TABLE participant
  ADD COLUMN may_invite TINYINT(1) NOT NULL DEFAULT 0
    COMMENT 'a visitor the owner lets invite others',
  ADD COLUMN collaborator_id BIGINT UNSIGNED NULL,
  ADD COLUMN invitation_id BIGINT UNSIGNED NULL COMMENT 'the invitation they came in by';

-- People a client lets into its rooms with an id and a password (when
-- client.room_join is 'account'); not staff: they sign in to nothing else.
CREATE TABLE collaborator (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  client_id BIGINT UNSIGNED NOT NULL,
  login VARCHAR(100) NOT NULL,
  display_name VARCHAR(100) NOT NULL,
  password_hash VARCHAR(200) CHARACTER SET ascii NOT NULL,
  disabled TINYINT(1) NOT NULL DEFAULT 0,
  created_at DATETIME(3) NOT NULL,
  UNIQUE KEY collaborator_login (client_id, login),
  CONSTRAINT collaborator_client_fk FOREIGN KEY (client_id) REFERENCES client (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A link into a channel. Only a SHA-256 of its token is kept: the link is
-- shown once, to whoever made it (and mailed when an address is given).
CREATE TABLE invitation (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  token_hash CHAR(64) CHARACTER SET ascii NOT NULL,
  channel_id BIGINT UNSIGNED NOT NULL,
  client_id BIGINT UNSIGNED NOT NULL,
  created_by BIGINT UNSIGNED NOT NULL COMMENT 'participant',
  max_uses INT UNSIGNED NOT NULL COMMENT '1: single use',
  uses INT UNSIGNED NOT NULL DEFAULT 0,
  expires_at DATETIME(3) NOT NULL,
  email VARCHAR(254) NULL COMMENT 'sent to this address',
  guest_name VARCHAR(100) NULL COMMENT 'who it was sent to',
  mailed TINYINT(1) NOT NULL DEFAULT 0,
  revoked_at DATETIME(3) NULL,
  created_at DATETIME(3) NOT NULL,
  UNIQUE KEY invitation_token (token_hash),
  KEY invitation_channel (channel_id, id),
  CONSTRAINT invitation_channel_fk FOREIGN KEY (channel_id) REFERENCES channel (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
