/* terms.h - a client's billing terms (rate, minimum, currency, call rate,
 * phone rate, reseller) and resellers' shares, kept as histories: each
 * change is a new row with the instant it took effect. The terms of a month are the newest set
 * before the month ended; a client whose first terms came later (set the
 * day it was created, say) has those first ones. So a change applies to the
 * month in progress and later months, and a month that is over keeps its
 * statement. */
#ifndef BATON_TERMS_H
#define BATON_TERMS_H

#include "billing.h"

struct db;
struct pool;

struct client_terms {
	struct billing_terms billing;
	const char *currency;
	long long reseller_id;      /* 0: none */
};

/* The terms in force for the month ending at month_end ("YYYY-MM-DD
 * HH:MM:SS", UTC); NULL for now. A client without any has rate 0 in EUR
 * and no reseller. Returns a db_status. */
int terms_of_client(struct db *db, struct pool *pool, long long client_id, const char *month_end,
		    struct client_terms *t);
/* A reseller's share (hundredths of a percent) likewise. */
int terms_reseller_share(struct db *db, struct pool *pool, long long reseller_id,
			 const char *month_end, long long *share_bp);

#endif
