-- 160: visitor profiles across a client's sites, the events its sites
-- report, rules turning a profile into a priority score and a service
-- level, skill routing, and priority ageing in the queue (issue 16).

-- The profile (one per client and visitor, whatever site of the client they
-- came through) learns the visitor's e-mail address, the site's own customer
-- reference (from a signed help link) and what the client's rules made of it.
ALTER TABLE visitor_profile
  ADD COLUMN email VARCHAR(254) NULL COMMENT 'as the visitor typed it last',
  ADD COLUMN customer_ref VARCHAR(100) NULL
    COMMENT 'the site''s own id for this visitor, from a signed help link',
  ADD COLUMN tracking TINYINT(1) NOT NULL DEFAULT 1
    COMMENT '0: the visitor declined tracking; only what they typed is kept',
  ADD KEY visitor_profile_customer (client_id, customer_ref);

-- What a client's sites say about one of their customers (signed
-- server-to-server events), by the site's own reference for them.
CREATE TABLE site_customer (
  client_id BIGINT UNSIGNED NOT NULL,
  customer_ref VARCHAR(100) NOT NULL,
  name VARCHAR(100) NULL,
  email VARCHAR(254) NULL,
  plan VARCHAR(40) NULL,
  orders INT UNSIGNED NULL,
  updated_at DATETIME(3) NOT NULL,
  PRIMARY KEY (client_id, customer_ref),
  CONSTRAINT site_customer_client_fk FOREIGN KEY (client_id) REFERENCES client (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The trail: pages the site script saw and events sites reported, per
-- client. Help clicks, questions, sessions and ratings are read from their
-- own tables (help_request, channel, session_rating).
CREATE TABLE profile_event (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  client_id BIGINT UNSIGNED NOT NULL,
  site_id BIGINT UNSIGNED NOT NULL,
  visitor_id BIGINT UNSIGNED NULL,
  customer_ref VARCHAR(100) NULL,
  source ENUM('page', 'site') NOT NULL COMMENT 'page: the site script (unsigned); site: signed',
  name VARCHAR(40) CHARACTER SET ascii NOT NULL,
  detail VARCHAR(500) NULL,
  at DATETIME(3) NOT NULL,
  KEY profile_event_visitor (client_id, visitor_id, at),
  KEY profile_event_customer (client_id, customer_ref, at),
  KEY profile_event_age (at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A service level: what a visitor is offered and how they are treated.
-- A client without levels offers everything, as before.
CREATE TABLE service_level (
  client_id BIGINT UNSIGNED NOT NULL,
  name VARCHAR(32) CHARACTER SET ascii NOT NULL,
  channels SET('chat', 'cobrowse', 'video', 'callback', 'message') NOT NULL DEFAULT 'chat',
  skill VARCHAR(32) CHARACTER SET ascii NULL COMMENT 'only agents with this skill are offered them',
  target_seconds INT UNSIGNED NOT NULL DEFAULT 120 COMMENT 'answer time the desk aims for',
  skip_overflow TINYINT(1) NOT NULL DEFAULT 0,
  rank_order INT NOT NULL DEFAULT 0 COMMENT 'of several matching levels the highest wins',
  PRIMARY KEY (client_id, name),
  CONSTRAINT service_level_client_fk FOREIGN KEY (client_id) REFERENCES client (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Rules: a condition on the profile gives a score (added to the priority)
-- and, optionally, a service level (lib/profile_rules.c).
CREATE TABLE profile_rule (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  client_id BIGINT UNSIGNED NOT NULL,
  label VARCHAR(100) NOT NULL,
  rule_condition VARCHAR(500) NOT NULL,
  score INT NOT NULL DEFAULT 0,
  level VARCHAR(32) CHARACTER SET ascii NULL,
  KEY profile_rule_client (client_id, id),
  CONSTRAINT profile_rule_client_fk FOREIGN KEY (client_id) REFERENCES client (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE client
  ADD COLUMN priority_ageing_seconds INT UNSIGNED NOT NULL DEFAULT 60
    COMMENT 'a waiting visitor gains one priority point per this many seconds (0: no ageing)',
  ADD COLUMN profile_retention_days INT UNSIGNED NOT NULL DEFAULT 365
    COMMENT 'profile trails older than this are deleted';

ALTER TABLE agent
  ADD COLUMN skills VARCHAR(200) CHARACTER SET ascii NOT NULL DEFAULT ''
    COMMENT 'comma-separated skills; a level requiring one is offered only to these agents';

-- What the rules made of the visitor when they asked.
ALTER TABLE help_request
  ADD COLUMN level VARCHAR(32) CHARACTER SET ascii NULL,
  ADD COLUMN skill VARCHAR(32) CHARACTER SET ascii NULL,
  ADD COLUMN score INT NOT NULL DEFAULT 0,
  ADD COLUMN why VARCHAR(500) NULL COMMENT 'the labels of the rules that matched',
  ADD COLUMN wants_video TINYINT(1) NOT NULL DEFAULT 0;
