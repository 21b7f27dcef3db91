-- 002: visitors, help requests and their queue, routing state, channels with
-- their ordered event logs, and canned phrases.

ALTER TABLE client
  ADD COLUMN seat_cap INT UNSIGNED NOT NULL DEFAULT 10
    COMMENT 'most channels open at once for this client',
  ADD COLUMN accept_timeout_seconds INT UNSIGNED NOT NULL DEFAULT 20
    COMMENT 'an offer not accepted in this time rolls to the next agent',
  ADD COLUMN max_missed_offers INT UNSIGNED NOT NULL DEFAULT 3
    COMMENT 'an agent who lets this many offers roll in a row is set away',
  ADD COLUMN channel_participant_cap INT UNSIGNED NOT NULL DEFAULT 6,
  ADD COLUMN wait_target_seconds INT UNSIGNED NOT NULL DEFAULT 120,
  -- Bumped with every change to the client's queue; consoles and waiting
  -- visitors long-poll on it.
  ADD COLUMN queue_version BIGINT UNSIGNED NOT NULL DEFAULT 0,
  ADD COLUMN queue_changed_at DATETIME(6) NOT NULL DEFAULT '2000-01-01 00:00:00',
  ADD KEY client_queue_changed (queue_changed_at);

ALTER TABLE site
  ADD COLUMN ask_question TINYINT(1) NOT NULL DEFAULT 1
    COMMENT 'visitors type a question (and name) before joining the queue';

ALTER TABLE agent
  ADD COLUMN idle_since DATETIME(3) NOT NULL DEFAULT '2000-01-01 00:00:00'
    COMMENT 'when the agent last became free; routing prefers the longest idle',
  ADD COLUMN missed_offers INT UNSIGNED NOT NULL DEFAULT 0;

-- Help links that failed the site check, for the Baton operator.
CREATE TABLE refused_link (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  client_id BIGINT UNSIGNED NULL,
  site_id BIGINT UNSIGNED NULL,
  site_key VARCHAR(64) CHARACTER SET ascii NULL,
  referer VARCHAR(2000) NULL,
  reason ENUM('unknown_key', 'unregistered_domain', 'no_referer') NOT NULL,
  ip VARCHAR(45) NOT NULL,
  at DATETIME(3) NOT NULL,
  KEY refused_link_client (client_id, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A visitor is a random token in a long-lived cookie; only its hash is kept.
CREATE TABLE visitor (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  token_hash CHAR(64) CHARACTER SET ascii NOT NULL,
  created_at DATETIME(3) NOT NULL,
  last_seen_at DATETIME(3) NOT NULL,
  UNIQUE KEY visitor_token (token_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What one client knows of a visitor: it grows with each visit.
CREATE TABLE visitor_profile (
  client_id BIGINT UNSIGNED NOT NULL,
  visitor_id BIGINT UNSIGNED NOT NULL,
  name VARCHAR(100) NULL,
  priority INT NOT NULL DEFAULT 0,
  first_seen_at DATETIME(3) NOT NULL,
  last_seen_at DATETIME(3) NOT NULL,
  visits INT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (client_id, visitor_id),
  CONSTRAINT visitor_profile_visitor_fk FOREIGN KEY (visitor_id) REFERENCES visitor (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE help_request (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  public_id CHAR(32) CHARACTER SET ascii NOT NULL,
  client_id BIGINT UNSIGNED NOT NULL,
  site_id BIGINT UNSIGNED NOT NULL,
  visitor_id BIGINT UNSIGNED NOT NULL,
  topic VARCHAR(100) NULL,
  name VARCHAR(100) NULL,
  question TEXT NULL,
  contact VARCHAR(254) NULL,
  page_url VARCHAR(2000) NULL,
  priority INT NOT NULL DEFAULT 0,
  state ENUM('waiting', 'offered', 'accepted', 'cancelled', 'scheduled', 'message', 'closed')
    NOT NULL,
  offered_agent_id BIGINT UNSIGNED NULL,
  offered_at DATETIME(3) NULL,
  accepted_agent_id BIGINT UNSIGNED NULL,
  accepted_at DATETIME(3) NULL,
  channel_id BIGINT UNSIGNED NULL,
  scheduled_for DATETIME NULL,
  created_at DATETIME(3) NOT NULL,
  ended_at DATETIME(3) NULL,
  UNIQUE KEY help_request_public (public_id),
  KEY help_request_queue (client_id, state, priority, created_at),
  KEY help_request_offer (offered_agent_id, state),
  KEY help_request_visitor (visitor_id, created_at),
  CONSTRAINT help_request_client_fk FOREIGN KEY (client_id) REFERENCES client (id),
  CONSTRAINT help_request_visitor_fk FOREIGN KEY (visitor_id) REFERENCES visitor (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Everything that happens to a request, for the archive and wait estimates.
CREATE TABLE request_event (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  request_id BIGINT UNSIGNED NOT NULL,
  client_id BIGINT UNSIGNED NOT NULL,
  kind ENUM('created', 'routed', 'rolled', 'accepted', 'cancelled', 'scheduled', 'message',
            'abandoned') NOT NULL,
  agent_id BIGINT UNSIGNED NULL,
  at DATETIME(3) NOT NULL,
  KEY request_event_request (request_id, id),
  KEY request_event_client (client_id, kind, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Agents a request has rolled away from: it is not offered to them again.
CREATE TABLE request_refusal (
  request_id BIGINT UNSIGNED NOT NULL,
  agent_id BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (request_id, agent_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE channel (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  public_id CHAR(32) CHARACTER SET ascii NOT NULL,
  client_id BIGINT UNSIGNED NOT NULL,
  request_id BIGINT UNSIGNED NULL,
  name VARCHAR(250) NOT NULL,
  state ENUM('open', 'closed') NOT NULL DEFAULT 'open',
  leader_participant_id BIGINT UNSIGNED NULL,
  current_url VARCHAR(2000) NULL,
  -- The event log's sequence: bumped with LAST_INSERT_ID() in the posting
  -- transaction, so readers never see a gap fill in later (DESIGN.md).
  last_seq BIGINT UNSIGNED NOT NULL DEFAULT 0,
  -- Version of the last-value-wins signals (typing previews).
  signal_version BIGINT UNSIGNED NOT NULL DEFAULT 0,
  changed_at DATETIME(6) NOT NULL,
  created_at DATETIME(3) NOT NULL,
  closed_at DATETIME(3) NULL,
  UNIQUE KEY channel_public (public_id),
  KEY channel_changed (changed_at),
  KEY channel_client (client_id, state),
  CONSTRAINT channel_client_fk FOREIGN KEY (client_id) REFERENCES client (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE participant (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  channel_id BIGINT UNSIGNED NOT NULL,
  kind ENUM('agent', 'visitor') NOT NULL,
  agent_id BIGINT UNSIGNED NULL,
  visitor_id BIGINT UNSIGNED NULL,
  display_name VARCHAR(100) NOT NULL,
  -- The token a visitor's page sends with every post (CSRF).
  token CHAR(64) CHARACTER SET ascii NOT NULL,
  joined_at DATETIME(3) NOT NULL,
  left_at DATETIME(3) NULL,
  typing_text VARCHAR(500) NULL,
  typing_version BIGINT UNSIGNED NOT NULL DEFAULT 0,
  KEY participant_channel (channel_id),
  KEY participant_agent (agent_id, left_at),
  KEY participant_visitor (visitor_id),
  CONSTRAINT participant_channel_fk FOREIGN KEY (channel_id) REFERENCES channel (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE channel_event (
  channel_id BIGINT UNSIGNED NOT NULL,
  seq BIGINT UNSIGNED NOT NULL,
  kind ENUM('line', 'join', 'leave', 'transfer', 'close') NOT NULL,
  participant_id BIGINT UNSIGNED NULL,
  body TEXT NULL,
  -- The sender's own id for a post, so a retried post is stored once.
  client_msg_id VARCHAR(64) CHARACTER SET ascii NULL,
  at DATETIME(3) NOT NULL,
  PRIMARY KEY (channel_id, seq),
  UNIQUE KEY channel_event_once (channel_id, participant_id, client_msg_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE canned_phrase (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  client_id BIGINT UNSIGNED NOT NULL,
  agent_id BIGINT UNSIGNED NULL COMMENT 'NULL: for every agent of the client',
  title VARCHAR(100) NOT NULL,
  body TEXT NOT NULL,
  KEY canned_phrase_client (client_id, agent_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
