/* find_internal.h: words for the finder (core/find*.c only): a
 * tokenizer matching FTS5's unicode61 closely enough for scoring,
 * Indonesian stop words, word sets and a word counter. */
#ifndef LAPOR_FIND_INTERNAL_H
#define LAPOR_FIND_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LP_WORD_MAX 64 /* longest word kept, incl. NUL (longer ones are cut) */

/* Calls cb(word, ud) for each word of text (runs of ASCII letters and
 * digits and non-ASCII bytes), lower-cased ASCII; stops early when cb
 * returns non-zero and returns that. */
int lp_words_each(const char *text, int (*cb)(const char *word, void *ud), void *ud);
/* True for words not worth counting: stop words, under 3 bytes, digits only. */
bool lp_word_boring(const char *word);

/* A set of distinct words (sorted after lp_wordset_seal). */
struct lp_wordset {
	char (*w)[LP_WORD_MAX];
	size_t n, cap;
	bool oom;
};
/* Adds the interesting words of text (up to `max` words in the set). */
void lp_wordset_add(struct lp_wordset *s, const char *text, size_t max);
/* Sorts and removes repeats. */
void lp_wordset_seal(struct lp_wordset *s);
/* |A n B| / |A u B| of two sealed sets (0 when both are empty). */
double lp_wordset_jaccard(const struct lp_wordset *a, const struct lp_wordset *b);
void lp_wordset_free(struct lp_wordset *s);

/* Counts of words in two periods. */
struct lp_wordcount_entry {
	char word[LP_WORD_MAX];
	int64_t n[2];
};
struct lp_wordcount {
	struct lp_wordcount_entry *e; /* open addressing; word[0] == 0 is empty */
	size_t n, cap;
	bool oom;
};
/* Adds 1 to period p (0 or 1) of each distinct interesting word of text. */
void lp_wordcount_add(struct lp_wordcount *c, const char *text, int p);
void lp_wordcount_free(struct lp_wordcount *c);

#endif
