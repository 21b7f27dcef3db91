-- 125: the phone rate (what a started minute on the phone costs: issue 15's
-- call centre) joins the client's terms and their history, as the session
-- and call rates did in 121, so that changing it never rewrites a month that
-- is over. phone_line.rate_cents (150) stays as the rate now, for the
-- telephony settings; statements read the history.
ALTER TABLE client_terms
  ADD COLUMN phone_rate_cents INT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'per started minute of a phone call';

-- An installation that had the call centre (150) before this keeps its
-- phone rates, in force since ever as statements billed them until now. A
-- fresh one creates phone_line later, every rate 0.
BEGIN NOT ATOMIC
  IF EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE()
             AND table_name = 'phone_line' AND column_name = 'rate_cents') THEN
    EXECUTE IMMEDIATE 'UPDATE client_terms t JOIN phone_line pl ON pl.client_id = t.client_id SET t.phone_rate_cents = pl.rate_cents';
  END IF;
END;
