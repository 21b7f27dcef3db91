/* sql_queue.h - the queue's order, one expression for every statement that
 * orders waiting requests (routing, the desk's queue, a visitor's place):
 * priority, plus one point for every priority_ageing_seconds waited (the
 * client's setting; 0 turns ageing off), so that nobody waits for ever
 * behind higher priorities; then the time asked for, then the order of
 * arrival. r is the request's alias, c its client's. */
#ifndef BATON_SQL_QUEUE_H
#define BATON_SQL_QUEUE_H

#define AGED_PRIORITY(r, c) \
	"(" r ".priority + IF(" c ".priority_ageing_seconds > 0," \
	" TIMESTAMPDIFF(SECOND, " r ".created_at, NOW(3)) DIV " c ".priority_ageing_seconds, 0))"

#endif
