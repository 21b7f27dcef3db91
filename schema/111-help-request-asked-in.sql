-- 111: where a visitor asked: the site's bare help link (a Baton page), or
-- the widget's panel on the site's own page (htdocs/js/baton-site.js). A
-- visitor in the panel keeps browsing the site, so the session starts with
-- them leading: the agent's view follows the page they are on. (Named
-- asked_in: help_request.via is how a request came, web or e-mail, 130.)
ALTER TABLE help_request
  ADD COLUMN asked_in ENUM('link', 'panel') NOT NULL DEFAULT 'link' AFTER page_url;
