-- 004: supervision, the archive's search, reports and usage billing.

-- The Baton operator works above all clients; supervisors and admins above
-- their own client's agents.
ALTER TABLE agent
  MODIFY COLUMN role ENUM('agent', 'supervisor', 'admin', 'operator') NOT NULL DEFAULT 'agent';

-- Resellers bring clients and receive a share of what those clients pay.
CREATE TABLE reseller (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  slug VARCHAR(64) NOT NULL,
  name VARCHAR(200) NOT NULL,
  share_percent DECIMAL(5, 2) NOT NULL,
  UNIQUE KEY reseller_slug (slug)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE client
  ADD COLUMN tell_visitors_monitored TINYINT(1) NOT NULL DEFAULT 0
    COMMENT 'visitors are told that a session may be monitored',
  -- Billing: per started minute of session use, or per session, in cents,
  -- with an optional monthly minimum.
  ADD COLUMN rate_unit ENUM('minute', 'session') NOT NULL DEFAULT 'minute',
  ADD COLUMN rate_cents INT UNSIGNED NOT NULL DEFAULT 0,
  ADD COLUMN monthly_minimum_cents INT UNSIGNED NOT NULL DEFAULT 0,
  ADD COLUMN currency CHAR(3) CHARACTER SET ascii NOT NULL DEFAULT 'EUR',
  ADD COLUMN reseller_id BIGINT UNSIGNED NULL,
  ADD CONSTRAINT client_reseller_fk FOREIGN KEY (reseller_id) REFERENCES reseller (id);

-- A supervisor watching a session silently is a participant visitors never see.
ALTER TABLE participant
  MODIFY COLUMN kind ENUM('agent', 'visitor', 'supervisor') NOT NULL;

ALTER TABLE channel_event
  MODIFY COLUMN kind ENUM('line', 'join', 'leave', 'transfer', 'close', 'address', 'lead',
                          'window', 'private', 'monitor') NOT NULL,
  ADD FULLTEXT KEY channel_event_words (body);

ALTER TABLE channel
  ADD KEY channel_client_created (client_id, created_at);

-- Help-link hits per site and day, for the usage report.
CREATE TABLE help_hit (
  site_id BIGINT UNSIGNED NOT NULL,
  day DATE NOT NULL,
  hits INT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
