/* Unit tests of lib/phone_number.c: numbers as people type them, in their
 * own country and from abroad, and those a dialer must refuse. */
#include "tap.h"
#include "phone_number.h"

static const char *norm(const char *in, const char *country)
{
	static char out[PHONE_E164_MAX + 1];
	const char *error;
	return phone_normalise(in, country, out, &error) == 0 ? out : error;
}

int main(void)
{
	is_str(norm("020 7946 0000", "GB"), "+442079460000", "a London number for a British client");
	is_str(norm("+44 (0)20 7946-0000", "FR"), "+442079460000", "written for abroad, (0) dropped");
	is_str(norm("0044 20 7946 0000", "DE"), "+442079460000", "00 and the country code");
	is_str(norm("01 23 45 67 89", "FR"), "+33123456789", "French trunk 0");
	is_str(norm("06 1234 5678", "IT"), "+390612345678", "Italy keeps the 0");
	is_str(norm("(212) 555-0123", "US"), "+12125550123", "North America");
	is_str(norm("1-212-555-0123", "CA"), "+12125550123", "with the 1 in front");
	is_str(norm("011 44 20 7946 0000", "US"), "+442079460000", "011 from North America");
	is_str(norm("8 495 123 4567", "RU"), "+74951234567", "Russia's trunk 8");
	is_str(norm("06 1 234 5678", "HU"), "+3612345678", "Hungary's trunk 06");
	is_str(norm("91 123 45 67", "ES"), "+34911234567", "Spain has no trunk prefix");
	is_str(norm("+1 212 555 0123", "gb"), "+12125550123", "an international number with any country");
	ok(phone_is_e164(norm("0161 496 0000", "GB")), "the result is E.164");

	is_str(norm("", "GB"), "Give a telephone number.", "empty");
	is_str(norm("  -  ", "GB"), "Give a telephone number.", "only marks");
	ok(strstr(norm("020 CALL ME", "GB"), "digits only") != NULL, "letters are refused");
	ok(strstr(norm("020 7946 0000; DROP", "GB"), "digits only") != NULL, "so is anything else");
	ok(strstr(norm("999", "GB"), "too short") != NULL, "emergency numbers are too short");
	ok(strstr(norm("112", "DE"), "too short") != NULL, "112 too");
	ok(strstr(norm("911", "US"), "too short") != NULL, "911 too");
	ok(strstr(norm("+1 012 555 0123", "US"), "ten digits") != NULL, "NANP area codes start 2-9");
	ok(strstr(norm("+800 1234 5678", "GB"), "service") != NULL, "international freephone refused");
	ok(strstr(norm("+999 1234 5678", "GB"), "country code") != NULL, "unassigned codes refused");
	ok(strstr(norm("+44 1234 5678 9012 3456", "GB"), "too long") != NULL, "more than 15 digits");
	ok(strstr(norm("020 7946 0000", "ZZ"), "country code") != NULL,
	   "a national number without a known country needs +");
	ok(strstr(norm("12345678901234567890123456789012345678901234567890123456789012345", "GB"),
		  "too long") != NULL, "a very long input is refused, not overflowed");

	is_str(phone_country_code("gb"), "44", "calling code of a country");
	ok(phone_country_code("XX") == NULL && phone_country_code(NULL) == NULL, "unknown country");
	ok(phone_in_countries("+442079460000", "IE, GB"), "a British number is in IE, GB");
	ok(!phone_in_countries("+33123456789", "IE,GB"), "a French one is not");
	ok(phone_in_countries("+12125550123", "CA"), "NANP numbers share their code");
	ok(!phone_is_e164("+0123456789") && !phone_is_e164("442079460000") && !phone_is_e164("+44a"),
	   "what is not E.164");
	return done_testing();
}
