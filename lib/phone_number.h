/* phone_number.h - telephone numbers as people type them, made E.164
 * ("+442079460000") with a client's default country, and the checks that
 * keep a dialer from calling what it should not (short codes, emergency
 * numbers, international services, countries the client does not call).
 * Fuzzed by t/fuzz/phone_number.c. */
#ifndef BATON_PHONE_NUMBER_H
#define BATON_PHONE_NUMBER_H

#include <stdbool.h>
#include <stddef.h>

enum { PHONE_E164_MAX = 16 }; /* '+' and at most 15 digits */

/* Normalises what a person typed ("020 7946 0000", "+44 (0)20 7946-0000",
 * "0044 20 7946 0000") for a default country (ISO 3166 alpha-2, "GB").
 * Returns 0 with out filled, or -1 with *error a sentence for that person. */
int phone_normalise(const char *input, const char *country, char out[PHONE_E164_MAX + 1],
		    const char **error);

/* The country calling code ("44") of an ISO 3166 alpha-2 country code
 * (either case), or NULL for a country Baton does not know. */
const char *phone_country_code(const char *country);

/* True when the E.164 number's calling code is that of one of the
 * countries in the comma-separated list ("GB,IE,FR"). */
bool phone_in_countries(const char *e164, const char *countries);

/* True when s is an E.164 number as phone_normalise writes them. */
bool phone_is_e164(const char *s);

#endif
