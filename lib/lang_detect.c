/* lang_detect.c - see lang_detect.h. */
#include "lang_detect.h"

#include <libexttextcat/textcat.h>
#include <stdio.h>
#include <string.h>

#include "log.h"

/* The classifier of this process, made on first use: loading fingerprints
 * costs more than classifying a line. One conf per process. */
static void *classifier;
static char classifier_conf[512];
static bool classifier_failed;

static void *classifier_for(const char *conf)
{
	if (classifier != NULL && strcmp(conf, classifier_conf) == 0)
		return classifier;
	if (classifier != NULL) {
		textcat_Done(classifier);
		classifier = NULL;
	}
	if (classifier_failed || strlen(conf) >= sizeof classifier_conf)
		return NULL;
	classifier = special_textcat_Init(conf, LANG_DETECT_FINGERPRINTS);
	if (classifier == NULL) {
		classifier_failed = true;
		log_warn("language detection is off: libexttextcat cannot read %s or its fingerprints in %s",
			 conf, LANG_DETECT_FINGERPRINTS);
		return NULL;
	}
	snprintf(classifier_conf, sizeof classifier_conf, "%s", conf);
	return classifier;
}

int lang_detect(const char *conf, const char *text, size_t len, char out[TRANSLATE_LANG_MAX])
{
	out[0] = '\0';
	if (len < LANG_DETECT_MIN_BYTES)
		return 0;
	void *tc = classifier_for(conf);
	if (tc == NULL)
		return -1;
	/* A few hundred bytes tell a language (textcat.h); more only costs.
	 * libexttextcat reads on to a NUL whatever length it is given (its
	 * prepbuffer skips spaces and digits without looking at the length),
	 * so it gets a terminated copy. */
	char line[LANG_DETECT_MAX_BYTES + 1];
	if (len > LANG_DETECT_MAX_BYTES)
		len = LANG_DETECT_MAX_BYTES;
	memcpy(line, text, len);
	line[len] = '\0';
	candidate_t *candidates = textcat_GetClassifyFullOutput(tc);
	if (candidates == NULL)
		return -1;
	int found = textcat_ClassifyFull(tc, line, len, candidates);
	/* One candidate: the others scored too far behind it to be likely.
	 * Several, UNKNOWN or SHORT: not sure enough to bother the agent. */
	int rc = 0;
	if (found == 1 && candidates[0].name != NULL && translate_lang_valid(candidates[0].name)) {
		translate_lang_base(candidates[0].name, out);
		rc = 1;
	}
	textcat_ReleaseClassifyFullOutput(tc, candidates);
	return rc;
}
