-- 121: rates (sessions' and calls'), minimums, currencies and resellers with
-- a history. A client's
-- terms for a month are the newest ones set before the month ended (or,
-- before its first terms, those first ones), so a rate change never rewrites
-- a month that is over. Reseller shares likewise.

CREATE TABLE client_terms (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  client_id BIGINT UNSIGNED NOT NULL,
  effective_at DATETIME(3) NOT NULL,
  rate_unit ENUM('minute', 'session') NOT NULL,
  rate_cents INT UNSIGNED NOT NULL,
  monthly_minimum_cents INT UNSIGNED NOT NULL,
  currency CHAR(3) CHARACTER SET ascii NOT NULL,
  call_rate_cents INT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'per started minute of a call',
  reseller_id BIGINT UNSIGNED NULL,
  KEY client_terms_client (client_id, effective_at),
  KEY client_terms_reseller (reseller_id),
  CONSTRAINT client_terms_client_fk FOREIGN KEY (client_id) REFERENCES client (id) ON DELETE CASCADE,
  CONSTRAINT client_terms_reseller_fk FOREIGN KEY (reseller_id) REFERENCES reseller (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE reseller_share (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  reseller_id BIGINT UNSIGNED NOT NULL,
  effective_at DATETIME(3) NOT NULL,
  share_percent DECIMAL(5, 2) NOT NULL,
  KEY reseller_share_reseller (reseller_id, effective_at),
  CONSTRAINT reseller_share_reseller_fk FOREIGN KEY (reseller_id) REFERENCES reseller (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Today's terms become the first of each history, in force since ever.
INSERT INTO client_terms (client_id, effective_at, rate_unit, rate_cents, monthly_minimum_cents,
                          currency, reseller_id)
  SELECT id, '1970-01-01 00:00:01', rate_unit, rate_cents, monthly_minimum_cents, currency, reseller_id
  FROM client;
-- An installation that had calls (schema 140) before this keeps its call
-- rates (a fresh one gets client.call_rate_cents from 140 later, unused:
-- the history holds the call rate).
BEGIN NOT ATOMIC
  IF EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE()
             AND table_name = 'client' AND column_name = 'call_rate_cents') THEN
    EXECUTE IMMEDIATE 'UPDATE client_terms t JOIN client c ON c.id = t.client_id SET t.call_rate_cents = c.call_rate_cents';
  END IF;
END;
INSERT INTO reseller_share (reseller_id, effective_at, share_percent)
  SELECT id, '1970-01-01 00:00:01', share_percent FROM reseller;

-- One source of truth: the histories.
ALTER TABLE client
  DROP FOREIGN KEY client_reseller_fk;
ALTER TABLE client
  DROP COLUMN rate_unit, DROP COLUMN rate_cents, DROP COLUMN monthly_minimum_cents,
  DROP COLUMN currency, DROP COLUMN reseller_id;
ALTER TABLE reseller
  DROP COLUMN share_percent;
