/* version.c - the release number, compiled in from the VERSION file (by way
 * of lib/build.h, which the Makefile writes). */
#include "version.h"

#include "build.h"

const char *baton_version(void)
{
	return BATON_VERSION;
}
