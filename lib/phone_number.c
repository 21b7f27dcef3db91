/* phone_number.c - from what a person typed to E.164. */
#include "phone_number.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

/* Country, its calling code (ITU-T E.164 assignments) and the trunk
 * prefix dialled before national numbers there ("" where none is dialled
 * and a leading 0 is part of the number, as in Italy). */
static const struct country {
	char iso[3];
	char code[4];
	char trunk[3];
} countries[] = {
	{ "US", "1", "1" }, { "CA", "1", "1" }, { "PR", "1", "1" }, { "JM", "1", "1" },
	{ "BS", "1", "1" }, { "BB", "1", "1" }, { "TT", "1", "1" }, { "DO", "1", "1" },
	{ "RU", "7", "8" }, { "KZ", "7", "8" },
	{ "EG", "20", "0" }, { "ZA", "27", "0" }, { "GR", "30", "" }, { "NL", "31", "0" },
	{ "BE", "32", "0" }, { "FR", "33", "0" }, { "ES", "34", "" }, { "HU", "36", "06" },
	{ "IT", "39", "" }, { "VA", "39", "" }, { "RO", "40", "0" }, { "CH", "41", "0" },
	{ "AT", "43", "0" }, { "GB", "44", "0" }, { "GG", "44", "0" }, { "JE", "44", "0" },
	{ "IM", "44", "0" }, { "DK", "45", "" }, { "SE", "46", "0" }, { "NO", "47", "" },
	{ "PL", "48", "" }, { "DE", "49", "0" }, { "PE", "51", "0" }, { "MX", "52", "" },
	{ "CU", "53", "0" }, { "AR", "54", "0" }, { "BR", "55", "0" }, { "CL", "56", "" },
	{ "CO", "57", "" }, { "VE", "58", "0" }, { "MY", "60", "0" }, { "AU", "61", "0" },
	{ "ID", "62", "0" }, { "PH", "63", "0" }, { "NZ", "64", "0" }, { "SG", "65", "" },
	{ "TH", "66", "0" }, { "JP", "81", "0" }, { "KR", "82", "0" }, { "VN", "84", "0" },
	{ "CN", "86", "0" }, { "TR", "90", "0" }, { "IN", "91", "0" }, { "PK", "92", "0" },
	{ "AF", "93", "0" }, { "LK", "94", "0" }, { "MM", "95", "0" }, { "IR", "98", "0" },
	{ "SS", "211", "0" }, { "MA", "212", "0" }, { "DZ", "213", "0" }, { "TN", "216", "" },
	{ "LY", "218", "0" }, { "GM", "220", "" }, { "SN", "221", "" }, { "MR", "222", "" },
	{ "ML", "223", "" }, { "GN", "224", "" }, { "CI", "225", "" }, { "BF", "226", "" },
	{ "NE", "227", "" }, { "TG", "228", "" }, { "BJ", "229", "" }, { "MU", "230", "" },
	{ "LR", "231", "0" }, { "SL", "232", "0" }, { "GH", "233", "0" }, { "NG", "234", "0" },
	{ "TD", "235", "" }, { "CF", "236", "" }, { "CM", "237", "" }, { "CV", "238", "" },
	{ "ST", "239", "" }, { "GQ", "240", "" }, { "GA", "241", "" }, { "CG", "242", "" },
	{ "CD", "243", "0" }, { "AO", "244", "" }, { "GW", "245", "" }, { "SC", "248", "" },
	{ "SD", "249", "0" }, { "RW", "250", "" }, { "ET", "251", "0" }, { "SO", "252", "0" },
	{ "DJ", "253", "" }, { "KE", "254", "0" }, { "TZ", "255", "0" }, { "UG", "256", "0" },
	{ "BI", "257", "" }, { "MZ", "258", "" }, { "ZM", "260", "0" }, { "MG", "261", "0" },
	{ "RE", "262", "0" }, { "ZW", "263", "0" }, { "NA", "264", "0" }, { "MW", "265", "0" },
	{ "LS", "266", "" }, { "BW", "267", "" }, { "SZ", "268", "" }, { "KM", "269", "" },
	{ "ER", "291", "0" }, { "AW", "297", "" }, { "FO", "298", "" }, { "GL", "299", "" },
	{ "GI", "350", "" }, { "PT", "351", "" }, { "LU", "352", "" }, { "IE", "353", "0" },
	{ "IS", "354", "" }, { "AL", "355", "0" }, { "MT", "356", "" }, { "CY", "357", "" },
	{ "FI", "358", "0" }, { "BG", "359", "0" }, { "LT", "370", "8" }, { "LV", "371", "" },
	{ "EE", "372", "" }, { "MD", "373", "0" }, { "AM", "374", "0" }, { "BY", "375", "8" },
	{ "AD", "376", "" }, { "MC", "377", "" }, { "SM", "378", "" }, { "UA", "380", "0" },
	{ "RS", "381", "0" }, { "ME", "382", "0" }, { "XK", "383", "0" }, { "HR", "385", "0" },
	{ "SI", "386", "0" }, { "BA", "387", "0" }, { "MK", "389", "0" }, { "CZ", "420", "" },
	{ "SK", "421", "0" }, { "LI", "423", "" }, { "BZ", "501", "" }, { "GT", "502", "" },
	{ "SV", "503", "" }, { "HN", "504", "" }, { "NI", "505", "" }, { "CR", "506", "" },
	{ "PA", "507", "" }, { "HT", "509", "" }, { "GP", "590", "0" }, { "BO", "591", "0" },
	{ "GY", "592", "" }, { "EC", "593", "0" }, { "GF", "594", "0" }, { "PY", "595", "0" },
	{ "MQ", "596", "0" }, { "SR", "597", "" }, { "UY", "598", "0" }, { "CW", "599", "" },
	{ "TL", "670", "" }, { "BN", "673", "" }, { "PG", "675", "" }, { "TO", "676", "" },
	{ "SB", "677", "" }, { "VU", "678", "" }, { "FJ", "679", "" }, { "NC", "687", "" },
	{ "PF", "689", "" }, { "KP", "850", "0" }, { "HK", "852", "" }, { "MO", "853", "" },
	{ "KH", "855", "0" }, { "LA", "856", "0" }, { "BD", "880", "0" }, { "TW", "886", "0" },
	{ "MV", "960", "" }, { "LB", "961", "0" }, { "JO", "962", "0" }, { "SY", "963", "0" },
	{ "IQ", "964", "0" }, { "KW", "965", "" }, { "SA", "966", "0" }, { "YE", "967", "0" },
	{ "OM", "968", "" }, { "PS", "970", "0" }, { "AE", "971", "0" }, { "IL", "972", "0" },
	{ "BH", "973", "" }, { "QA", "974", "" }, { "BT", "975", "" }, { "MN", "976", "0" },
	{ "NP", "977", "0" }, { "TJ", "992", "8" }, { "TM", "993", "8" }, { "AZ", "994", "0" },
	{ "GE", "995", "0" }, { "KG", "996", "0" }, { "UZ", "998", "8" },
};

enum { COUNTRY_COUNT = sizeof countries / sizeof countries[0] };

/* Calling codes that are not countries: international freephone, shared
 * cost, satellite and network services. A call-back never goes there. */
static const char *const service_codes[] = { "800", "808", "870", "878", "881", "882", "883",
					     "888", "979", "991", NULL };

enum { NSN_MIN = 6, E164_DIGITS_MAX = 15, NANP_NSN = 10 };

static const struct country *find_country(const char *iso)
{
	if (iso == NULL)
		return NULL;
	for (size_t i = 0; i < COUNTRY_COUNT; i++)
		if (strcasecmp(countries[i].iso, iso) == 0)
			return &countries[i];
	return NULL;
}

const char *phone_country_code(const char *country)
{
	const struct country *c = find_country(country);
	return c != NULL ? c->code : NULL;
}

/* The calling code that digits start with (codes are prefix-free). */
static const char *code_of(const char *digits)
{
	for (size_t i = 0; i < COUNTRY_COUNT; i++) {
		size_t n = strlen(countries[i].code);
		if (strncmp(digits, countries[i].code, n) == 0)
			return countries[i].code;
	}
	return NULL;
}

static bool is_service_code(const char *digits)
{
	for (size_t i = 0; service_codes[i] != NULL; i++)
		if (strncmp(digits, service_codes[i], strlen(service_codes[i])) == 0)
			return true;
	return false;
}

/* Keeps the digits and a leading '+'; refuses letters and other marks.
 * "(0)" in "+44 (0)20 ..." is the trunk prefix written for national
 * callers: dropped. */
static int clean(const char *input, char *out, size_t size, bool *plus, const char **error)
{
	size_t n = 0;
	*plus = false;
	const char *p = input;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '+') {
		*plus = true;
		p++;
	}
	for (; *p; p++) {
		if (*plus && strncmp(p, "(0)", 3) == 0) {
			p += 2;
			continue;
		}
		if (isdigit((unsigned char)*p)) {
			if (n + 1 >= size) {
				*error = "That number is too long for a telephone number.";
				return -1;
			}
			out[n++] = *p;
		} else if (strchr(" \t-./()", *p) == NULL) {
			*error = "Give the number with digits only (spaces, dashes and brackets are "
				 "fine), and a + before the country code if it is abroad.";
			return -1;
		}
	}
	out[n] = '\0';
	if (n == 0) {
		*error = "Give a telephone number.";
		return -1;
	}
	return 0;
}

static int finish(const char *digits, char out[PHONE_E164_MAX + 1], const char **error)
{
	if (is_service_code(digits)) {
		*error = "Baton cannot call international service numbers; give a country's number.";
		return -1;
	}
	const char *code = code_of(digits);
	if (code == NULL) {
		*error = "That country code is not one Baton can call; check the digits after the +.";
		return -1;
	}
	size_t nsn = strlen(digits) - strlen(code);
	if (strlen(digits) > E164_DIGITS_MAX) {
		*error = "That number is too long for a telephone number.";
		return -1;
	}
	if (nsn < NSN_MIN) {
		*error = "That number is too short; give the whole number with its area code.";
		return -1;
	}
	if (strcmp(code, "1") == 0 && (nsn != NANP_NSN || digits[1] < '2')) {
		*error = "Numbers in North America have ten digits after the 1: the area code "
			 "and the number.";
		return -1;
	}
	out[0] = '+';
	memcpy(out + 1, digits, strlen(digits) + 1);
	return 0;
}

int phone_normalise(const char *input, const char *country, char out[PHONE_E164_MAX + 1],
		    const char **error)
{
	char digits[64];
	bool plus;
	out[0] = '\0';
	if (input == NULL) {
		*error = "Give a telephone number.";
		return -1;
	}
	if (clean(input, digits, sizeof digits, &plus, error) != 0)
		return -1;
	if (plus)
		return finish(digits, out, error);
	const struct country *home = find_country(country);
	if (home == NULL) {
		*error = "This number needs its country code: start it with + and the code.";
		return -1;
	}
	bool nanp = strcmp(home->code, "1") == 0;
	/* Dialled from that country to abroad: 00 in most, 011 in North America. */
	if (!nanp && strncmp(digits, "00", 2) == 0)
		return finish(digits + 2, out, error);
	if (nanp && strncmp(digits, "011", 3) == 0)
		return finish(digits + 3, out, error);
	char full[80];
	const char *national = digits;
	size_t trunk = strlen(home->trunk);
	if (nanp) {
		if (strlen(digits) == NANP_NSN + 1 && digits[0] == '1')
			national = digits + 1;
	} else if (trunk > 0 && strncmp(digits, home->trunk, trunk) == 0) {
		national = digits + trunk;
	}
	size_t need = strlen(home->code) + strlen(national) + 1;
	if (need > sizeof full) {
		*error = "That number is too long for a telephone number.";
		return -1;
	}
	memcpy(full, home->code, strlen(home->code));
	memcpy(full + strlen(home->code), national, strlen(national) + 1);
	return finish(full, out, error);
}

bool phone_is_e164(const char *s)
{
	if (s == NULL || s[0] != '+')
		return false;
	size_t n = strlen(s + 1);
	if (n < 7 || n > E164_DIGITS_MAX || s[1] == '0')
		return false;
	for (size_t i = 1; s[i]; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

bool phone_in_countries(const char *e164, const char *list)
{
	if (!phone_is_e164(e164) || list == NULL)
		return false;
	const char *code = code_of(e164 + 1);
	if (code == NULL)
		return false;
	while (*list) {
		while (*list == ',' || *list == ' ')
			list++;
		char iso[3] = { 0 };
		size_t n = strcspn(list, ", ");
		if (n == 2) {
			iso[0] = list[0];
			iso[1] = list[1];
			const char *c = phone_country_code(iso);
			if (c != NULL && strcmp(c, code) == 0)
				return true;
		}
		list += n;
	}
	return false;
}
