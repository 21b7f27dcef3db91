-- 220: the first-run setup in the browser (cgi-bin/setup.c) is opened only
-- by a one-time token that `baton-admin setup-token` (and the package's
-- postinst) prints on the server. Only a SHA-256 of it is stored, as for
-- sessions: a copy of this table does not open the setup page. A token
-- lapses after expires_at, is spent by the setup that used it (used_at),
-- and the page closes for good once an operator account exists.
CREATE TABLE setup_token (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  token_hash CHAR(64) CHARACTER SET ascii NOT NULL,
  created_at DATETIME(3) NOT NULL,
  expires_at DATETIME(3) NOT NULL,
  used_at DATETIME(3) NULL,
  UNIQUE KEY setup_token_hash (token_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
