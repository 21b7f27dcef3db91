-- 230: the pages a visitor saw on a client's sites and the time they spent
-- on each (issue 16), as the optional site script reports them when a page
-- is left (cgi-bin/pageview.c, lib/page_view.c).
--
-- The site script names the browser tab's trail by a random token it keeps
-- in the site's own storage (Baton keeps only its hash); the help click
-- carries the token too, and from then on the trail is the visitor's: the
-- path to the help click and what they saw after. A trail nobody linked to
-- a visitor goes with the client's retention like the rest of the profile.
CREATE TABLE page_view (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  client_id BIGINT UNSIGNED NOT NULL,
  site_id BIGINT UNSIGNED NOT NULL,
  trail CHAR(64) CHARACTER SET ascii NOT NULL COMMENT 'SHA-256 hex of the site script''s trail token',
  visitor_id BIGINT UNSIGNED NULL COMMENT 'set when a help click carried the trail',
  url VARCHAR(2000) NOT NULL,
  seconds INT UNSIGNED NOT NULL COMMENT 'time the page was in view',
  at DATETIME(3) NOT NULL COMMENT 'when the visitor left the page',
  KEY page_view_trail (client_id, trail, id),
  KEY page_view_visitor (client_id, visitor_id, id),
  KEY page_view_age (at),
  CONSTRAINT page_view_client_fk FOREIGN KEY (client_id) REFERENCES client (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Which visitor a help click made a trail's (so a page left just before the
-- click, whose report comes after it, is theirs too).
CREATE TABLE page_trail (
  client_id BIGINT UNSIGNED NOT NULL,
  trail CHAR(64) CHARACTER SET ascii NOT NULL,
  visitor_id BIGINT UNSIGNED NOT NULL,
  linked_at DATETIME(3) NOT NULL,
  PRIMARY KEY (client_id, trail),
  KEY page_trail_visitor (client_id, visitor_id),
  CONSTRAINT page_trail_client_fk FOREIGN KEY (client_id) REFERENCES client (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
