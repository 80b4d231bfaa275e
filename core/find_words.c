/* find_words.c: words for duplicate scores, hot words and highlighting. */
#include "find_internal.h"

#include <stdlib.h>
#include <string.h>

#include "find.h"

/* Indonesian words too common to tell reports apart (sorted for bsearch), and
 * a few words every report uses. */
static const char *const STOP[] = {
	"ada", "adalah", "agar", "akan", "atas", "atau", "bagi", "bahwa", "banyak", "beberapa",
	"belum", "bisa", "bukan", "dalam", "dan", "dapat", "dari", "dengan", "depan", "hari",
	"harus", "hingga", "ini", "itu", "juga", "kali", "kami", "karena", "kata", "ke", "kepada",
	"kita", "lagi", "lain", "lebih", "mana", "masih", "melalui", "mereka", "mohon", "namun",
	"oleh", "pada", "para", "saat", "sangat", "saya", "sebagai", "sejak", "sekitar", "selama",
	"semua", "sendiri", "setelah", "setiap", "sudah", "tahun", "tanpa", "telah", "tempat",
	"tersebut", "tetapi", "tidak", "tolong", "untuk", "warga", "yang",
};

static int cmp_word(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

bool lp_word_boring(const char *w)
{
	size_t n = strlen(w);
	if (n < 3)
		return true;
	bool digits = true;
	for (size_t i = 0; i < n && digits; i++)
		digits = w[i] >= '0' && w[i] <= '9';
	if (digits)
		return true;
	return bsearch(&w, STOP, sizeof STOP / sizeof *STOP, sizeof *STOP, cmp_word) != NULL;
}

static bool word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c >= 0x80;
}

int lp_words_each(const char *text, int (*cb)(const char *word, void *ud), void *ud)
{
	char w[LP_WORD_MAX];
	const unsigned char *p = (const unsigned char *)(text ? text : "");
	while (*p) {
		while (*p && !word_byte(*p))
			p++;
		size_t n = 0;
		while (*p && word_byte(*p)) {
			if (n < sizeof w - 1)
				w[n++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
			p++;
		}
		if (!n)
			continue;
		/* Do not cut a UTF-8 sequence in half. */
		while (n > 0 && n == sizeof w - 1 && ((unsigned char)w[n - 1] & 0xc0) == 0x80)
			n--;
		w[n] = '\0';
		int rc = cb(w, ud);
		if (rc)
			return rc;
	}
	return 0;
}

struct set_add {
	struct lp_wordset *s;
	size_t max;
};

static int set_add_word(const char *w, void *ud)
{
	struct set_add *a = ud;
	struct lp_wordset *s = a->s;
	if (lp_word_boring(w))
		return 0;
	if (s->n >= a->max)
		return 1;
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 32;
		void *p = realloc(s->w, cap * sizeof *s->w);
		if (!p) {
			s->oom = true;
			return 1;
		}
		s->w = p;
		s->cap = cap;
	}
	memcpy(s->w[s->n++], w, strlen(w) + 1);
	return 0;
}

void lp_wordset_add(struct lp_wordset *s, const char *text, size_t max)
{
	struct set_add a = { s, max };
	lp_words_each(text, set_add_word, &a);
}

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(a, b);
}

void lp_wordset_seal(struct lp_wordset *s)
{
	if (!s->n)
		return;
	qsort(s->w, s->n, sizeof *s->w, cmp_entry);
	size_t o = 1;
	for (size_t i = 1; i < s->n; i++)
		if (strcmp(s->w[i], s->w[o - 1]) != 0)
			memcpy(s->w[o++], s->w[i], LP_WORD_MAX);
	s->n = o;
}

double lp_wordset_jaccard(const struct lp_wordset *a, const struct lp_wordset *b)
{
	size_t i = 0, j = 0, both = 0;
	while (i < a->n && j < b->n) {
		int c = strcmp(a->w[i], b->w[j]);
		both += c == 0;
		i += c <= 0;
		j += c >= 0;
	}
	size_t any = a->n + b->n - both;
	return any ? (double)both / (double)any : 0.0;
}

void lp_wordset_free(struct lp_wordset *s)
{
	if (!s)
		return;
	free(s->w);
	memset(s, 0, sizeof *s);
}

static uint64_t hash(const char *w)
{
	uint64_t h = 1469598103934665603u;
	for (; *w; w++)
		h = (h ^ (unsigned char)*w) * 1099511628211u;
	return h;
}

static struct lp_wordcount_entry *slot(struct lp_wordcount_entry *e, size_t cap, const char *w)
{
	size_t i = (size_t)hash(w) & (cap - 1);
	while (e[i].word[0] && strcmp(e[i].word, w) != 0)
		i = (i + 1) & (cap - 1);
	return &e[i];
}

static bool count_grow(struct lp_wordcount *c)
{
	size_t cap = c->cap ? c->cap * 2 : 1024;
	struct lp_wordcount_entry *e = calloc(cap, sizeof *e);
	if (!e)
		return false;
	for (size_t i = 0; i < c->cap; i++)
		if (c->e[i].word[0])
			*slot(e, cap, c->e[i].word) = c->e[i];
	free(c->e);
	c->e = e;
	c->cap = cap;
	return true;
}

void lp_wordcount_add(struct lp_wordcount *c, const char *text, int p)
{
	struct lp_wordset s = { 0 };
	lp_wordset_add(&s, text, 64);
	lp_wordset_seal(&s);
	for (size_t i = 0; i < s.n && !c->oom; i++) {
		if ((c->n + 1) * 2 > c->cap && !count_grow(c)) {
			c->oom = true;
			break;
		}
		struct lp_wordcount_entry *e = slot(c->e, c->cap, s.w[i]);
		if (!e->word[0]) {
			memcpy(e->word, s.w[i], LP_WORD_MAX);
			c->n++;
		}
		e->n[p & 1]++;
	}
	c->oom |= s.oom;
	lp_wordset_free(&s);
}

void lp_wordcount_free(struct lp_wordcount *c)
{
	if (!c)
		return;
	free(c->e);
	memset(c, 0, sizeof *c);
}

/* ---- highlighting ---- */

static bool ascii_ieq(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
		if (x >= 'A' && x <= 'Z')
			x += 32;
		if (y >= 'A' && y <= 'Z')
			y += 32;
		if (x != y)
			return false;
	}
	return true;
}

size_t lp_highlight(const char *text, const char *words, struct lp_span *spans, size_t max)
{
	size_t found = 0;
	if (!text || !words)
		return 0;
	const unsigned char *t = (const unsigned char *)text;
	size_t i = 0;
	while (t[i]) {
		while (t[i] && !word_byte(t[i]))
			i++;
		size_t start = i;
		while (t[i] && word_byte(t[i]))
			i++;
		size_t wlen = i - start;
		if (!wlen)
			continue;
		/* Does any query word match this text word? */
		const char *q = words;
		bool hit = false;
		while (*q && !hit) {
			while (*q && !word_byte((unsigned char)*q))
				q++;
			const char *qs = q;
			while (*q && word_byte((unsigned char)*q))
				q++;
			size_t qlen = (size_t)(q - qs);
			bool prefix = *q == '*';
			if (qlen && (qlen == wlen || (prefix && qlen < wlen)))
				hit = ascii_ieq(text + start, qs, qlen);
		}
		if (hit) {
			if (found < max)
				spans[found] = (struct lp_span){ start, wlen };
			found++;
		}
	}
	return found;
}
