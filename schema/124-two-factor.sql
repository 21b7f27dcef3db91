-- 124: optional two-factor sign-in for staff: a TOTP secret (RFC 6238), the
-- last time step used (a code works once), single-use recovery codes (kept
-- hashed), and the half-done sign-ins waiting for their code.

ALTER TABLE agent
  ADD COLUMN totp_secret VARCHAR(64) CHARACTER SET ascii NULL
    COMMENT 'base32; set while being enrolled, in force once totp_enabled_at is set',
  ADD COLUMN totp_enabled_at DATETIME(3) NULL,
  ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;

CREATE TABLE recovery_code (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  agent_id BIGINT UNSIGNED NOT NULL,
  code_hash CHAR(64) CHARACTER SET ascii NOT NULL,
  used_at DATETIME(3) NULL,
  KEY recovery_code_agent (agent_id),
  CONSTRAINT recovery_code_agent_fk FOREIGN KEY (agent_id) REFERENCES agent (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A password accepted, the code still to come. Only a hash of the token in
-- the browser's cookie is kept.
CREATE TABLE signin_challenge (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  token_hash CHAR(64) CHARACTER SET ascii NOT NULL,
  agent_id BIGINT UNSIGNED NOT NULL,
  state VARCHAR(20) CHARACTER SET ascii NOT NULL COMMENT 'the state chosen on the form',
  attempts INT UNSIGNED NOT NULL DEFAULT 0,
  created_at DATETIME(3) NOT NULL,
  expires_at DATETIME(3) NOT NULL,
  UNIQUE KEY signin_challenge_token (token_hash),
  CONSTRAINT signin_challenge_agent_fk FOREIGN KEY (agent_id) REFERENCES agent (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A wrong code counts as a failed sign-in, as a wrong password does.
ALTER TABLE signin_attempt
  MODIFY COLUMN outcome ENUM('ok', 'bad_password', 'unknown', 'disabled', 'throttled', 'bad_code') NOT NULL;
