/* version.h - which Baton this is: the release number from the VERSION
 * file, shown by /health and `baton-admin version`. */
#ifndef BATON_VERSION_H
#define BATON_VERSION_H

const char *baton_version(void);

#endif
