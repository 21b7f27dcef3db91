/* Fuzz harness for lib/sip_msg.c: whatever arrives on the dialer's SIP
 * port is parsed, and every accessor the dialer uses runs on the result. */
#include <stddef.h>
#include <stdint.h>

#include "sip_msg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sip_msg m;
	const char *error;
	if (sip_parse(&m, (const char *)data, size, &error) == 0) {
		char out[256], buf[1024], *values[SIP_MAX_VALUES];
		sip_header_values(&m, "Record-Route", values, SIP_MAX_VALUES, buf, sizeof buf);
		sip_header_values(&m, "Via", values, SIP_MAX_VALUES, buf, sizeof buf);
		sip_param(m.from, "tag", out, sizeof out);
		sip_param(m.to, "tag", out, sizeof out);
		sip_param(m.via, "branch", out, sizeof out);
		sip_param(m.via, "rport", out, sizeof out);
		if (sip_value_uri(sip_header(&m, "Contact"), out, sizeof out))
			sip_uri_hostport(out, buf, sizeof buf);
		if (sip_value_uri(m.from, out, sizeof out))
			sip_uri_user(out, buf, sizeof buf);
		if (m.is_request)
			sip_uri_user(m.uri, out, sizeof out);
		sip_info_digit(sip_header(&m, "Content-Type"), m.body);
	}
	sip_msg_free(&m);
	return 0;
}
