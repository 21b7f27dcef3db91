/* mail_text.h - the text-level decoders incoming mail needs (used by
 * lib/mail_parse.c): charsets to UTF-8, RFC 2047 encoded words,
 * quoted-printable and base64 bodies, HTML to plain text. All take hostile
 * bytes and return well-formed UTF-8 (or bytes) in the pool. */
#ifndef BATON_MAIL_TEXT_H
#define BATON_MAIL_TEXT_H

#include <stddef.h>

struct pool;

/* data in charset (NULL or unknown: UTF-8 if it is, else Windows-1252) as
 * UTF-8 without NULs or stray control characters, \n line ends; invalid
 * sequences become U+FFFD. Sets *out_len. */
char *mail_to_utf8(struct pool *pool, const char *charset, const char *data, size_t len,
		   size_t *out_len);
/* A header value with its encoded words decoded and folding undone, as one
 * line of UTF-8. */
char *mail_decode_header(struct pool *pool, const char *value);
/* Transfer encodings. Sets *out_len. */
char *mail_decode_qp(struct pool *pool, const char *data, size_t len, size_t *out_len);
char *mail_decode_base64(struct pool *pool, const char *data, size_t len, size_t *out_len);
/* Readable text from HTML: tags dropped (script and style with their
 * content), breaks and paragraphs as line ends, entities decoded. */
char *mail_html_to_text(struct pool *pool, const char *html, size_t len, size_t *out_len);

#endif
