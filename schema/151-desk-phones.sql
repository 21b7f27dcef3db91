-- 151: agents' desk phones. An agent may register a SIP phone with Baton's
-- SIP proxy instead of using the browser's phone: its user and the HA1 of
-- its password (what SIP digest authentication needs: MD5 of
-- "user:realm:password", the realm being sip_domain), and whether calls go
-- to it.
CREATE TABLE agent_phone (
  agent_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  sip_user VARCHAR(64) CHARACTER SET ascii NOT NULL,
  ha1 CHAR(32) CHARACTER SET ascii NOT NULL,
  use_desk TINYINT(1) NOT NULL DEFAULT 1 COMMENT 'calls ring the desk phone, not the browser',
  created_at DATETIME(3) NOT NULL,
  UNIQUE KEY agent_phone_user (sip_user),
  CONSTRAINT agent_phone_agent_fk FOREIGN KEY (agent_id) REFERENCES agent (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
