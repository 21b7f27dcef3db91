-- 231: a level's co-browse is enforced from now on (issue 16: a level
-- without it makes its conversations chat only). Before, it was not, so
-- every level made earlier keeps co-browsing as its visitors had it; a
-- client's administrator who wants chat only unticks it again (/rules).
UPDATE service_level SET channels = CONCAT(channels, ',cobrowse')
  WHERE NOT FIND_IN_SET('cobrowse', channels);
