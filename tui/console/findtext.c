/* findtext.c: the pure logic behind limit and the dashboard (no curses,
 * unit-tested in tests/console/): composing a queue's query with a limit,
 * the caret under a bad query's column, and bar scaling. */
#include "app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "safetext.h"

bool con_limit_compose(const char *a, const char *b, char *out, size_t n)
{
	bool ha = a && a[strspn(a, " \t")], hb = b && b[strspn(b, " \t")];
	int k;

	if (!n)
		return false;
	if (ha && hb)
		k = snprintf(out, n, "(%s) (%s)", a, b);
	else
		k = snprintf(out, n, "%s", ha ? a : hb ? b : "");
	return k >= 0 && (size_t)k < n;
}

/* Display columns of the first `chars` characters of s. */
static int width_of(const char *s, int chars)
{
	mbstate_t st;
	int w = 0;

	memset(&st, 0, sizeof(st));
	while (*s && chars-- > 0) {
		wchar_t wc;
		size_t k = mbrtowc(&wc, s, strlen(s), &st);
		int cw;

		if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
			memset(&st, 0, sizeof(st));
			k = 1;
			cw = 1;
		} else {
			cw = wcwidth(wc);
			if (cw < 0)
				cw = 1;
		}
		w += cw;
		s += k;
	}
	return w;
}

/* The byte offset where display column `cols` of s starts (at a character). */
static size_t skip_cols(const char *s, int cols)
{
	mbstate_t st;
	const char *p = s;
	int w = 0;

	memset(&st, 0, sizeof(st));
	while (*p) {
		wchar_t wc;
		size_t k = mbrtowc(&wc, p, strlen(p), &st);
		int cw;

		if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
			memset(&st, 0, sizeof(st));
			k = 1;
			cw = 1;
		} else {
			cw = wcwidth(wc);
			if (cw < 0)
				cw = 1;
		}
		if (w + cw > cols)
			break;
		w += cw;
		p += k;
	}
	return (size_t)(p - s);
}

void con_caret_lines(const char *prefix, const char *query, int column, const char *message,
		     int cols, char *line1, size_t n1, char *line2, size_t n2)
{
	char *full;
	size_t len = strlen(prefix) + strlen(query) + 1;
	int at, shift = 0;

	if (column < 1)
		column = 1;
	full = malloc(len);
	if (!full) {
		snprintf(line1, n1, "%s", query);
		snprintf(line2, n2, "%s", message);
		return;
	}
	snprintf(full, len, "%s%s", prefix, query);
	at = (int)lp_text_width(prefix) + width_of(query, column - 1);
	/* Keep the caret on the screen: scroll by whole screens' thirds. */
	if (cols > 8 && at > cols - 4)
		shift = at - cols * 2 / 3;
	{
		size_t off = skip_cols(full, shift);
		char saved = full[off];

		/* What was scrolled away, in columns (a wide character may end short). */
		full[off] = '\0';
		shift = (int)lp_text_width(full);
		full[off] = saved;
		snprintf(line1, n1, "%s", full + off);
	}
	at -= shift;
	snprintf(line2, n2, "%*s^ %s", at, "", message);
	free(full);
}

int con_bar(int64_t v, int64_t max, int width, bool utf8, char *buf, size_t n)
{
	/* U+2588 full block, then U+2589..U+258F: seven eighths down to one. */
	static const char *const part[8] = { "", "\u258F", "\u258E", "\u258D", "\u258C",
					      "\u258B", "\u258A", "\u2589" };
	size_t len = 0;
	int64_t units, full, rest;
	int cells = 0;

	if (!n)
		return 0;
	buf[0] = '\0';
	if (v <= 0 || max <= 0 || width <= 0)
		return 0;
	if (v > max)
		v = max;
	/* Rounded up: any case at all shows at least the thinnest bar. */
	units = (v * width * (utf8 ? 8 : 1) + max - 1) / max;
	full = utf8 ? units / 8 : units;
	rest = utf8 ? units % 8 : 0;
	for (int64_t i = 0; i < full && len + 4 < n; i++, cells++)
		len += (size_t)snprintf(buf + len, n - len, "%s", utf8 ? "\u2588" : "#");
	if (rest && len + 4 < n) {
		len += (size_t)snprintf(buf + len, n - len, "%s", part[rest]);
		cells++;
	}
	return cells;
}
