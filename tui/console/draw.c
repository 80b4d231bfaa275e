/* draw.c: drawing helpers (see app.h).  Everything that reaches the
 * terminal from here goes through lp_safe_text and lp_text_fit. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "app.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

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
