-- 190: every app host's poll program looks for agents whose sessions have
-- lapsed every five seconds ("agent a WHERE a.state <> 'offline'"); with
-- only (client_id, state) indexed, that read the whole agent table, once
-- per app host. Agents not offline are few: an index on the state alone
-- makes it a short range read.
--
-- Safe online (INSTALL, "Schema changes on a running cluster"): building an
-- index on a table this small takes milliseconds, and ALGORITHM=INPLACE,
-- LOCK=NONE makes the server refuse rather than block writes if it cannot.
ALTER TABLE agent
  ADD KEY agent_state (state),
  ALGORITHM=INPLACE, LOCK=NONE;
