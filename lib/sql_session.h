/* sql_session.h - when a staff session still counts in time: not signed
 * out, not idle past idle_until, not past its lifetime. One expression for
 * the statements that ask whether an agent is signed in (capacity, routing,
 * the desk's estimate, lapsed agents); the database's own copy is the view
 * staff_session_valid (schema 281), which adds the account's and client's
 * standing. s is the session's alias. */
#ifndef BATON_SQL_SESSION_H
#define BATON_SQL_SESSION_H

#define SESSION_LIVE(s) \
	s ".ended_at IS NULL AND NOW(3) < " s ".idle_until AND NOW(3) < " s ".expires_at"

#endif
