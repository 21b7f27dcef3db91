/* sample.h - the record of last-value signals: pointers and scroll
 * positions are kept for the replay as samples (archive_sample), at most
 * one per SAMPLE_EVERY_MS per person and kind, so an hour of busy
 * co-browsing adds little to the archive (bench/RESULTS.md says how much).
 * The kinds (x and y are):
 *   pointer   page pixels of a pointer (Baton's site script in the page)
 *   overlay   fractions of the view, on the pointing overlay
 *   scroll    the leader's scroll position, page pixels (followers follow it)
 * More kinds may come (the replay draws those it knows). */
#ifndef BATON_SAMPLE_H
#define BATON_SAMPLE_H

struct db;

enum { SAMPLE_EVERY_MS = 250 };

/* Inside the caller's transaction: records a sample unless this person's
 * last one of this kind is younger than SAMPLE_EVERY_MS. x and y are
 * validated decimal text. Returns a db_status. */
int sample_note(struct db *db, long long channel_id, long long participant_id, const char *kind,
		const char *x, const char *y);

#endif
