/* draw.c: drawing helpers (see app.h).  Everything that reaches the
 * terminal from here goes through lp_safe_text and lp_text_fit. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "app.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "find.h"
#include "safetext.h"

void con_blank(int y, int x, int w, unsigned long attr)
{
	if (w <= 0)
		return;
	attrset((attr_t)attr);
	mvhline(y, x, ' ', w);
	attrset(A_NORMAL);
}

void con_put(int y, int x, int w, const char *s, unsigned long attr)
{
	char buf[1024];
	size_t used, len = s ? strnlen(s, 4096) : 0;
	char *safe;

	if (w <= 0)
		return;
	/* Whatever the caller did, nothing raw reaches the terminal from here. */
	safe = lp_safe_text(s ? s : "", len, 0);
	used = lp_text_fit(safe ? safe : "", (size_t)w, buf, sizeof(buf));
	free(safe);
	attrset((attr_t)attr);
	mvaddstr(y, x, buf);
	if ((int)used < w)
		mvhline(y, x + (int)used, ' ', w - (int)used);
	attrset(A_NORMAL);
}

char *con_safe_line(const char *s, char *buf, size_t n)
{
	char *t;

	if (!n)
		return buf;
	buf[0] = '\0';
	if (!s)
		return buf;
	t = lp_safe_text(s, strlen(s), 0);
	if (!t)
		return buf;
	/* Cut at a character boundary. */
	if (strlen(t) >= n) {
		size_t end = n - 1;

		while (end > 0 && ((unsigned char)t[end] & 0xC0) == 0x80)
			end--;
		t[end] = '\0';
	}
	memcpy(buf, t, strlen(t) + 1);
	free(t);
	return buf;
}

void con_put_hl(int y, int x, int w, const char *s, const char *words, unsigned long attr,
		unsigned long hl_attr)
{
	struct lp_span sp[64];
	size_t n, at = 0;
	int col = 0;
	char *safe;

	if (w <= 0)
		return;
	if (!s || !words || !words[0]) {
		con_put(y, x, w, s, attr);
		return;
	}
	/* Highlight on the safe text, the very bytes that are drawn. */
	safe = lp_safe_text(s, strnlen(s, 4096), 0);
	if (!safe) {
		con_put(y, x, w, s, attr);
		return;
	}
	n = lp_highlight(safe, words, sp, 64);
	if (n > 64)
		n = 64;
	for (size_t i = 0; i <= n && col < w; i++) {
		size_t len = strlen(safe);
		size_t start = i < n && sp[i].start < len ? sp[i].start : len;
		size_t end = i < n && start + sp[i].len <= len ? start + sp[i].len : len;

		if (start < at) /* overlapping spans: go on from the last one's end */
			start = at;
		if (end < start)
			end = start;
		for (int pass = 0; pass < 2 && col < w; pass++) {
			size_t from = pass ? start : at;
			size_t to = pass ? end : start;
			char keep;
			int sw;

			if (to <= from)
				continue;
			keep = safe[to];
			safe[to] = '\0';
			sw = (int)lp_text_width(safe + from);
			if (sw > w - col)
				sw = w - col;
			con_put(y, x + col, sw, safe + from, pass ? hl_attr : attr);
			safe[to] = keep;
			col += sw;
		}
		if (end > at)
			at = end;
	}
	if (col < w)
		con_blank(y, x + col, w - col, attr);
	free(safe);
}
