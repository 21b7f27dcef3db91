-- 120: administration in the browser. Resellers get accounts of their own
-- (role 'reseller', tied to their reseller); the operator's and resellers'
-- accounts live in the installation's own "house" client, the operator's
-- desk. Clients can be suspended. Invitations and password resets are
-- single-use links that expire; every change an administrator makes is
-- written to the audit log.

ALTER TABLE agent
  MODIFY COLUMN role ENUM('agent', 'supervisor', 'admin', 'operator', 'reseller') NOT NULL DEFAULT 'agent',
  ADD COLUMN reseller_id BIGINT UNSIGNED NULL COMMENT 'role reseller: the reseller this account works for',
  ADD CONSTRAINT agent_reseller_fk FOREIGN KEY (reseller_id) REFERENCES reseller (id);

ALTER TABLE client
  ADD COLUMN suspended_at DATETIME(3) NULL
    COMMENT 'set: staff cannot sign in and help links are refused',
  ADD COLUMN house TINYINT(1) NOT NULL DEFAULT 0
    COMMENT 'the installation''s own client, home of operator and reseller accounts';

-- A suspended reseller's accounts cannot sign in; a removed one is gone from
-- the lists but stays in the histories, so that past months' statements
-- still name it.
ALTER TABLE reseller
  ADD COLUMN suspended_at DATETIME(3) NULL,
  ADD COLUMN removed_at DATETIME(3) NULL;

ALTER TABLE refused_link
  MODIFY COLUMN reason ENUM('unknown_key', 'unregistered_domain', 'no_referer', 'client_suspended') NOT NULL,
  ADD KEY refused_link_at (at);

-- Only a SHA-256 of the token in the link is kept.
CREATE TABLE account_token (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  token_hash CHAR(64) CHARACTER SET ascii NOT NULL,
  agent_id BIGINT UNSIGNED NOT NULL,
  kind ENUM('invitation', 'reset') NOT NULL,
  created_at DATETIME(3) NOT NULL,
  expires_at DATETIME(3) NOT NULL,
  used_at DATETIME(3) NULL,
  UNIQUE KEY account_token_hash (token_hash),
  KEY account_token_agent (agent_id, used_at),
  CONSTRAINT account_token_agent_fk FOREIGN KEY (agent_id) REFERENCES agent (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Who did what, when and from where. No foreign keys: the record outlives
-- what it names (a deleted client's deletion stays on record).
CREATE TABLE audit_log (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  at DATETIME(3) NOT NULL,
  actor_agent_id BIGINT UNSIGNED NULL COMMENT 'NULL: baton-admin on the server',
  actor VARCHAR(254) NOT NULL COMMENT 'the e-mail address at the time, or baton-admin (user)',
  actor_role VARCHAR(20) NOT NULL,
  address VARCHAR(100) NOT NULL COMMENT 'IP address, or shell',
  client_id BIGINT UNSIGNED NULL COMMENT 'the client the change concerns',
  reseller_id BIGINT UNSIGNED NULL COMMENT 'the reseller the change concerns',
  action VARCHAR(64) CHARACTER SET ascii NOT NULL,
  object VARCHAR(300) NOT NULL,
  detail VARCHAR(2000) NULL,
  KEY audit_log_at (at),
  KEY audit_log_client (client_id, at),
  KEY audit_log_reseller (reseller_id, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
