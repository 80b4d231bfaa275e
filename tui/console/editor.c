/* editor.c: the built-in editor, for officers without $VISUAL or
 * $EDITOR: a multi-line text in a curses screen, UTF-8 input through
 * get_wch, arrows, Backspace/Delete, Ctrl-D or F2 to finish and Esc to
 * stop.  The draft is saved at every pause (a second without a key) and
 * every 20 changes, so a dropped connection loses at most that. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "app.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "colors.h"
#include "i18n.h"
#include "safetext.h"

struct ed {
	wchar_t *buf;
	size_t len, cap, cur;
	int *row, *col;       /* layout of every position 0..len */
	int rows;
};

static bool ed_reserve(struct ed *e, size_t need)
{
	wchar_t *b;

	if (need <= e->cap)
		return true;
	b = realloc(e->buf, (need * 2 + 64) * sizeof(wchar_t));
	if (!b)
		return false;
	e->buf = b;
	e->cap = need * 2 + 64;
	return true;
}

static void ed_layout(struct ed *e, int width)
{
	int r = 0, c = 0;

	free(e->row);
	free(e->col);
	e->row = malloc((e->len + 1) * sizeof(int));
	e->col = malloc((e->len + 1) * sizeof(int));
	if (!e->row || !e->col)
		return;
	for (size_t i = 0; i <= e->len; i++) {
		int w = i < e->len ? wcwidth(e->buf[i]) : 1;

		if (w < 0)
			w = 1;
		if (i < e->len && e->buf[i] == '\n')
			w = 0;
		if (c + w > width) {
			r++;
			c = 0;
		}
		e->row[i] = r;
		e->col[i] = c;
		if (i < e->len && e->buf[i] == '\n') {
			r++;
			c = 0;
		} else {
			c += w;
		}
	}
	e->rows = r + 1;
}

static size_t ed_pos_at(const struct ed *e, int row, int col)
{
	size_t best = e->cur;
	bool found = false;

	for (size_t i = 0; i <= e->len; i++) {
		if (e->row[i] != row)
			continue;
		if (!found || e->col[i] <= col) {
			best = i;
			found = true;
		}
		if (e->col[i] >= col)
			break;
	}
	return best;
}

static char *ed_text(const struct ed *e)
{
	size_t n = e->len * MB_CUR_MAX + 1;
	char *s = malloc(n);
	wchar_t *w = malloc((e->len + 1) * sizeof(wchar_t));

	if (!s || !w) {
		free(s);
		free(w);
		return NULL;
	}
	memcpy(w, e->buf, e->len * sizeof(wchar_t));
	w[e->len] = 0;
	if (wcstombs(s, w, n) == (size_t)-1)
		s[0] = '\0';
	free(w);
	return s;
}

static void ed_draw(struct con_app *app, struct ed *e, const char *title, int *top)
{
	int y0 = 1, h = app->lay.rows - 3, w = app->lay.cols;
	int crow = e->row ? e->row[e->cur] : 0;

	if (h < 1)
		h = 1;
	if (crow < *top)
		*top = crow;
	if (crow >= *top + h)
		*top = crow - h + 1;
	erase();
	con_put(0, 0, w, title, con_color_attr(CON_COLOR_HEADER));
	for (size_t i = 0; e->row && i < e->len; i++) {
		int r = e->row[i] - *top;

		if (r < 0 || r >= h || e->buf[i] == '\n')
			continue;
		mvaddnwstr(y0 + r, e->col[i], &e->buf[i], 1);
	}
	con_put(app->lay.rows - 2, 0, w, app->msg, con_color_attr(CON_COLOR_MESSAGE));
	con_put(app->lay.rows - 1, 0, w, _("Ctrl-D or F2: done   Esc: stop (the draft is kept)   "
					   "arrows move"), con_color_attr(CON_COLOR_STATUS_BAR));
	if (e->row)
		move(y0 + crow - *top, e->col[e->cur] < w ? e->col[e->cur] : w - 1);
	refresh();
}

char *con_edit_builtin(struct con_app *app, int64_t id, enum lp_action kind, const char *start,
			  const char *title)
{
	struct ed e = { 0 };
	char *safe = lp_safe_text(start, strlen(start), LP_SAFE_MULTILINE);
	int top = 0, unsaved = 0;
	char *result = NULL;
	bool done = false, dirty = false;

	app->msg[0] = '\0';
	if (safe) {
		size_t n = mbstowcs(NULL, safe, 0);

		if (n != (size_t)-1 && ed_reserve(&e, n + 1)) {
			mbstowcs(e.buf, safe, n + 1);
			e.len = n;
			e.cur = n;
		}
		free(safe);
	}
	if (!ed_reserve(&e, 1))
		return NULL;
	curs_set(1);
	while (!done) {
		wint_t ch;
		int rc;

		ed_layout(&e, app->lay.cols);
		ed_draw(app, &e, title, &top);
		rc = con_getkey(&ch);
		if (rc == ERR || unsaved >= 20) {
			/* A pause (or a long burst): keep what is written. */
			if (dirty) {
				char *t = ed_text(&e);

				if (t)
					con_save_draft(app, id, kind, t);
				free(t);
				dirty = false;
			}
			unsaved = 0;
			if (rc == ERR)
				continue;
		}
		if (rc == KEY_CODE_YES) {
			int r = e.row ? e.row[e.cur] : 0, c = e.col ? e.col[e.cur] : 0;

			switch (ch) {
			case KEY_RESIZE:
				con_layout(app);
				break;
			case KEY_LEFT:
				if (e.cur > 0)
					e.cur--;
				break;
			case KEY_RIGHT:
				if (e.cur < e.len)
					e.cur++;
				break;
			case KEY_UP:
				if (r > 0 && e.row)
					e.cur = ed_pos_at(&e, r - 1, c);
				break;
			case KEY_DOWN:
				if (e.row && r + 1 < e.rows)
					e.cur = ed_pos_at(&e, r + 1, c);
				break;
			case KEY_HOME:
				while (e.cur > 0 && e.buf[e.cur - 1] != '\n')
					e.cur--;
				break;
			case KEY_END:
				while (e.cur < e.len && e.buf[e.cur] != '\n')
					e.cur++;
				break;
			case KEY_BACKSPACE:
				goto backspace;
			case KEY_DC:
				if (e.cur < e.len) {
					memmove(&e.buf[e.cur], &e.buf[e.cur + 1],
						(e.len - e.cur - 1) * sizeof(wchar_t));
					e.len--;
					dirty = true;
					unsaved++;
				}
				break;
			case KEY_ENTER:
				ch = '\n';
				goto insert;
			default:
				if (ch == (wint_t)KEY_F(2)) {
					done = true;
					result = ed_text(&e);
				}
				break;
			}
			continue;
		}
		if (ch == 4) { /* ^D */
			done = true;
			result = ed_text(&e);
			continue;
		}
		if (ch == 27) {
			done = true;
			continue;
		}
		if (ch == 127 || ch == 8) {
backspace:
			if (e.cur > 0) {
				memmove(&e.buf[e.cur - 1], &e.buf[e.cur],
					(e.len - e.cur) * sizeof(wchar_t));
				e.cur--;
				e.len--;
				dirty = true;
				unsaved++;
			}
			continue;
		}
		if (ch == '\r')
			ch = '\n';
		if (ch != '\n' && ch != '\t' && (ch < ' ' || (ch >= 0x7f && ch < 0xa0)))
			continue;
insert:
		if (ch == '\t')
			ch = ' ';
		if (e.len * MB_CUR_MAX >= LP_TEXT_MAX || !ed_reserve(&e, e.len + 2))
			continue;
		memmove(&e.buf[e.cur + 1], &e.buf[e.cur], (e.len - e.cur) * sizeof(wchar_t));
		e.buf[e.cur++] = (wchar_t)ch;
		e.len++;
		dirty = true;
		unsaved++;
	}
	curs_set(0);
	{
		char *t = ed_text(&e);

		if (t && (dirty || result))
			con_save_draft(app, id, kind, t);
		free(t);
	}
	free(e.buf);
	free(e.row);
	free(e.col);
	return result;
}
