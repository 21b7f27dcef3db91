/* router.h - next-available routing. A client's waiting requests are
 * offered, in priority then arrival order, each to the available signed-in
 * agent with room who has been idle longest. An offer not accepted within
 * the client's timeout rolls to the next agent; an agent who lets
 * max_missed_offers roll in a row is set away. Routing for a client runs
 * under its row lock, so any number of hosts may route at once. */
#ifndef BATON_ROUTER_H
#define BATON_ROUTER_H

struct db;
struct pool;

/* Rolls the client's expired offers and makes new ones. Commits and
 * notifies. Returns a db_status. */
int router_route_client(struct db *db, struct pool *pool, long long client_id);
/* The same, right after a change that is already committed (a new request,
 * an agent available, a channel ended): a failure here (the database away,
 * or conflicts that outlast the retries, as when several app hosts route at
 * once) is logged and left to the next sweep, a second away on any host,
 * so the change itself is still answered as done. */
void router_route_after(struct db *db, struct pool *pool, long long client_id);
/* Routes every client with waiting requests or expired offers (run every
 * second by the poll program's housekeeping). Returns a db_status. */
int router_sweep(struct db *db, struct pool *pool);

#endif
