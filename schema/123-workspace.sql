-- 123: the agent's workspace. Notes staff keep on a visitor (per client,
-- like the profile), each person's notification and sound preferences, and
-- the language a visitor's browser asks for.

CREATE TABLE visitor_note (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  client_id BIGINT UNSIGNED NOT NULL,
  visitor_id BIGINT UNSIGNED NOT NULL,
  agent_id BIGINT UNSIGNED NULL,
  author VARCHAR(100) NOT NULL COMMENT 'the name at the time',
  body TEXT NOT NULL,
  created_at DATETIME(3) NOT NULL,
  KEY visitor_note_visitor (client_id, visitor_id, id),
  CONSTRAINT visitor_note_client_fk FOREIGN KEY (client_id) REFERENCES client (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Each kind of news (a new offer, a line in a conversation in the
-- background, a line from a supervisor) may chime and may show a desktop
-- notification.
ALTER TABLE agent
  ADD COLUMN sound_offer TINYINT(1) NOT NULL DEFAULT 1,
  ADD COLUMN sound_line TINYINT(1) NOT NULL DEFAULT 1,
  ADD COLUMN sound_supervisor TINYINT(1) NOT NULL DEFAULT 1,
  ADD COLUMN desktop_offer TINYINT(1) NOT NULL DEFAULT 1,
  ADD COLUMN desktop_line TINYINT(1) NOT NULL DEFAULT 1,
  ADD COLUMN desktop_supervisor TINYINT(1) NOT NULL DEFAULT 1;

ALTER TABLE help_request
  ADD COLUMN language VARCHAR(35) CHARACTER SET ascii NULL
    COMMENT 'the first language of the visitor''s Accept-Language';
