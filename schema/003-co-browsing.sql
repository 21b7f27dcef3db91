-- 003: co-browsing. Channels gain led addresses, baton passes, windows and
-- private lines in their event log; participants gain last-value signals
-- (where their view is, their pointer) and avatars.

ALTER TABLE channel_event
  MODIFY COLUMN kind ENUM('line', 'join', 'leave', 'transfer', 'close', 'address', 'lead',
                          'window', 'private') NOT NULL,
  -- For a private line: the one other participant who may see it. For a
  -- baton pass: who now leads.
  ADD COLUMN recipient_participant_id BIGINT UNSIGNED NULL AFTER participant_id;

-- typing_version becomes the version of all of a participant's signals.
ALTER TABLE participant
  RENAME COLUMN typing_version TO signal_version,
  ADD COLUMN avatar VARCHAR(32) CHARACTER SET ascii NULL,
  ADD COLUMN seen_url VARCHAR(2000) NULL COMMENT 'the address this participant''s view shows',
  ADD COLUMN scroll_x INT NULL,
  ADD COLUMN scroll_y INT NULL,
  ADD COLUMN pointer_mode ENUM('page', 'overlay') NULL,
  ADD COLUMN pointer_x DOUBLE NULL,
  ADD COLUMN pointer_y DOUBLE NULL;

ALTER TABLE client
  ADD COLUMN show_rooms TINYINT(1) NOT NULL DEFAULT 1
    COMMENT 'agents see a rooms button for their other channels in the viewer';

ALTER TABLE agent
  ADD COLUMN avatar VARCHAR(32) CHARACTER SET ascii NULL;

-- Which avatar a visitor gets, by the page the help link was on: the longest
-- matching prefix wins.
CREATE TABLE avatar_rule (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  client_id BIGINT UNSIGNED NOT NULL,
  url_prefix VARCHAR(500) NOT NULL,
  avatar VARCHAR(32) CHARACTER SET ascii NOT NULL,
  KEY avatar_rule_client (client_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Addresses an agent (or every agent of the client) leads to often.
CREATE TABLE canned_address (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  client_id BIGINT UNSIGNED NOT NULL,
  agent_id BIGINT UNSIGNED NULL,
  title VARCHAR(100) NOT NULL,
  url VARCHAR(2000) NOT NULL,
  KEY canned_address_client (client_id, agent_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Whether a page may be shown in a frame, as its headers said when last
-- checked (X-Frame-Options, CSP frame-ancestors).
CREATE TABLE frame_check (
  url_hash CHAR(64) CHARACTER SET ascii NOT NULL PRIMARY KEY,
  url VARCHAR(2000) NOT NULL,
  frameable TINYINT(1) NOT NULL,
  reason VARCHAR(200) NULL,
  checked_at DATETIME(3) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
