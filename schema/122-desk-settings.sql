-- 122: desk settings a client's administrator sets in the browser: a
-- greeting for waiting visitors, opening hours in the client's time zone,
-- and which facts about a visitor the desk shows beside a conversation.

ALTER TABLE client
  ADD COLUMN greeting VARCHAR(500) NULL
    COMMENT 'shown to visitors asking for help and waiting',
  ADD COLUMN time_zone VARCHAR(64) CHARACTER SET ascii NOT NULL DEFAULT 'UTC'
    COMMENT 'IANA name (Europe/Paris) the opening hours are in',
  ADD COLUMN panel_fields SET('email', 'question', 'page', 'trail', 'sessions', 'priority', 'site',
                              'language', 'notes') NOT NULL
    DEFAULT 'email,question,page,trail,sessions,priority,site,language,notes'
    COMMENT 'what the visitor panel shows besides the name';

-- When the desk is open, per day of the week (0 Monday .. 6 Sunday), in the
-- client's time zone. A client without rows is always open.
CREATE TABLE opening_hours (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  client_id BIGINT UNSIGNED NOT NULL,
  weekday TINYINT UNSIGNED NOT NULL,
  opens TIME NOT NULL,
  closes TIME NOT NULL,
  KEY opening_hours_client (client_id, weekday),
  CONSTRAINT opening_hours_client_fk FOREIGN KEY (client_id) REFERENCES client (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
