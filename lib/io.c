/* io.c - FastCGI streams when there is a request, stdio otherwise. */
#include "io.h"

#include <fcgiapp.h>
#include <stdio.h>
#include <stdlib.h>

const char *io_param(const struct io *io, const char *name)
{
	if (io->fcgi != NULL)
		return FCGX_GetParam(name, io->fcgi->envp);
	return getenv(name);
}

long io_read(struct io *io, char *buf, size_t n)
{
	if (io->fcgi != NULL) {
		int got = FCGX_GetStr(buf, (int)n, io->fcgi->in);
		return got < 0 ? -1 : got;
	}
	size_t got = fread(buf, 1, n, stdin);
	if (got == 0 && ferror(stdin))
		return -1;
	return (long)got;
}

int io_write(struct io *io, const void *data, size_t n)
{
	if (io->fcgi != NULL)
		return FCGX_PutStr(data, (int)n, io->fcgi->out) == (int)n ? 0 : -1;
	return fwrite(data, 1, n, stdout) == n ? 0 : -1;
}
