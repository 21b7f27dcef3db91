-- 001: clients, sites, agents, staff sessions, sign-in attempts, agent events.
-- All times are UTC, DATETIME(3), set by the database (NOW(3)).

CREATE TABLE client (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  slug VARCHAR(64) NOT NULL,
  name VARCHAR(200) NOT NULL,
  created_at DATETIME(3) NOT NULL,
  UNIQUE KEY client_slug (slug)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE site (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  client_id BIGINT UNSIGNED NOT NULL,
  name VARCHAR(200) NOT NULL,
  site_key CHAR(32) CHARACTER SET ascii NOT NULL,
  created_at DATETIME(3) NOT NULL,
  UNIQUE KEY site_key (site_key),
  KEY site_client (client_id),
  CONSTRAINT site_client_fk FOREIGN KEY (client_id) REFERENCES client (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE site_domain (
  site_id BIGINT UNSIGNED NOT NULL,
  domain VARCHAR(253) CHARACTER SET ascii NOT NULL,
  PRIMARY KEY (site_id, domain),
  KEY site_domain_domain (domain),
  CONSTRAINT site_domain_site_fk FOREIGN KEY (site_id) REFERENCES site (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE agent (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  client_id BIGINT UNSIGNED NOT NULL,
  email VARCHAR(254) NOT NULL,
  display_name VARCHAR(100) NOT NULL,
  role ENUM('agent', 'supervisor', 'admin') NOT NULL DEFAULT 'agent',
  password_hash VARCHAR(200) CHARACTER SET ascii NOT NULL,
  state ENUM('offline', 'available', 'break', 'away') NOT NULL DEFAULT 'offline',
  state_since DATETIME(3) NOT NULL,
  max_sessions INT UNSIGNED NOT NULL DEFAULT 1,
  disabled TINYINT(1) NOT NULL DEFAULT 0,
  created_at DATETIME(3) NOT NULL,
  last_signin_at DATETIME(3) NULL,
  last_signin_ip VARCHAR(45) NULL,
  UNIQUE KEY agent_email (email),
  KEY agent_client_state (client_id, state),
  CONSTRAINT agent_client_fk FOREIGN KEY (client_id) REFERENCES client (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Only a SHA-256 of the session token is stored: a copy of this table does
-- not let anyone act as a signed-in agent.
CREATE TABLE staff_session (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  token_hash CHAR(64) CHARACTER SET ascii NOT NULL,
  agent_id BIGINT UNSIGNED NOT NULL,
  csrf_token CHAR(64) CHARACTER SET ascii NOT NULL,
  ip VARCHAR(45) NOT NULL,
  user_agent VARCHAR(255) NULL,
  created_at DATETIME(3) NOT NULL,
  last_seen_at DATETIME(3) NOT NULL,
  idle_until DATETIME(3) NOT NULL,
  expires_at DATETIME(3) NOT NULL,
  ended_at DATETIME(3) NULL,
  UNIQUE KEY staff_session_token (token_hash),
  KEY staff_session_agent (agent_id, ended_at),
  CONSTRAINT staff_session_agent_fk FOREIGN KEY (agent_id) REFERENCES agent (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every sign-in attempt with its address and time; failures drive the
-- per-account and per-address back-off.
CREATE TABLE signin_attempt (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email VARCHAR(254) NOT NULL,
  agent_id BIGINT UNSIGNED NULL,
  ip VARCHAR(45) NOT NULL,
  user_agent VARCHAR(255) NULL,
  outcome ENUM('ok', 'bad_password', 'unknown', 'disabled', 'throttled') NOT NULL,
  at DATETIME(3) NOT NULL,
  KEY signin_attempt_email (email, at),
  KEY signin_attempt_ip (ip, at),
  KEY signin_attempt_agent (agent_id, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Sign-ins, sign-outs and state changes, for the archive and reports.
CREATE TABLE agent_event (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  agent_id BIGINT UNSIGNED NOT NULL,
  client_id BIGINT UNSIGNED NOT NULL,
  kind ENUM('signin', 'signout', 'state') NOT NULL,
  state ENUM('offline', 'available', 'break', 'away') NULL,
  ip VARCHAR(45) NULL,
  at DATETIME(3) NOT NULL,
  KEY agent_event_agent (agent_id, at),
  KEY agent_event_client (client_id, at),
  CONSTRAINT agent_event_agent_fk FOREIGN KEY (agent_id) REFERENCES agent (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
