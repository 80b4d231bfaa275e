/* dialog.c: the message line prompts and a text pager (see app.h). */
#define _XOPEN_SOURCE_EXTENDED 1
#include "app.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "colors.h"
#include "i18n.h"
#include "safetext.h"

bool con_confirm(struct con_app *app, const char *question)
{
	char line[1200];
	wint_t ch;
	int rc;

	snprintf(line, sizeof(line), " %s", _("[y/N]"));
	for (;;) {
		int cols = app->lay.cols, yw = (int)lp_text_width(line);
		int qw = (int)lp_text_width(question);

		/* A long (translated) question is cut, never the [y/N] after it. */
		if (qw > cols - yw)
			qw = cols - yw > 0 ? cols - yw : 0;
		con_put(app->lay.msg_y, 0, cols, "", con_color_attr(CON_COLOR_TITLE));
		con_put(app->lay.msg_y, 0, qw, question, con_color_attr(CON_COLOR_TITLE));
		con_put(app->lay.msg_y, qw, cols - qw, line, con_color_attr(CON_COLOR_TITLE));
		move(app->lay.msg_y, qw + yw < cols ? qw + yw : cols - 1);
		refresh();
		rc = con_getkey(&ch);
		if (rc == ERR)
			continue;
		if (rc == KEY_CODE_YES && ch == KEY_RESIZE) {
			con_layout(app);
			con_draw_all(app);
			continue;
		}
		app->msg[0] = '\0';
		return rc == OK && (ch == 'y' || ch == 'Y');
	}
}

bool con_prompt(struct con_app *app, const char *prompt, char *buf, size_t n)
{
	wchar_t text[512];
	size_t len = 0;
	wint_t ch;
	int rc;

	text[0] = 0;
	if (buf[0]) {
		mbstate_t st;
		const char *src = buf;

		memset(&st, 0, sizeof(st));
		len = mbsrtowcs(text, &src, 511, &st);
		if (len == (size_t)-1)
			len = 0;
		text[len] = 0;
	}
	curs_set(1);
	for (;;) {
		char shown[2048], mb[2048];
		int pw;

		wcstombs(mb, text, sizeof(mb));
		mb[sizeof(mb) - 1] = '\0';
		snprintf(shown, sizeof(shown), "%s%s", prompt, mb);
		pw = (int)lp_text_width(shown);
		/* Keep the end of a long line visible. */
		con_put(app->lay.msg_y, 0, app->lay.cols,
			pw >= app->lay.cols ? mb + (strlen(mb) > (size_t)app->lay.cols / 2 ?
					      strlen(mb) - (size_t)app->lay.cols / 2 : 0) : shown,
			A_NORMAL);
		move(app->lay.msg_y, pw < app->lay.cols ? pw : app->lay.cols - 1);
		refresh();
		rc = con_getkey(&ch);
		if (rc == ERR)
			continue;
		if (rc == KEY_CODE_YES) {
			if (ch == KEY_RESIZE) {
				con_layout(app);
				con_draw_all(app);
			} else if (ch == KEY_BACKSPACE && len > 0) {
				text[--len] = 0;
			} else if (ch == KEY_ENTER) {
				break;
			}
			continue;
		}
		if (ch == 27) {
			curs_set(0);
			return false;
		}
		if (ch == '\n' || ch == '\r')
			break;
		if ((ch == 127 || ch == 8) && len > 0) {
			text[--len] = 0;
		} else if (ch == 21) { /* ^U */
			len = 0;
			text[0] = 0;
		} else if (ch >= ' ' && ch != 127 && len < 510) {
			text[len++] = (wchar_t)ch;
			text[len] = 0;
		}
	}
	curs_set(0);
	{
		size_t r = wcstombs(buf, text, n);

		if (r == (size_t)-1 || r >= n)
			buf[0] = '\0';
	}
	return true;
}

struct lines {
	char **v;
	int n, cap;
};

static void add_line(struct lines *l, const char *s, size_t len)
{
	if (l->n == l->cap) {
		int cap = l->cap ? l->cap * 2 : 64;
		char **v = realloc(l->v, (size_t)cap * sizeof(*v));

		if (!v)
			return;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n] = malloc(len + 1);
	if (!l->v[l->n])
		return;
	memcpy(l->v[l->n], s, len);
	l->v[l->n][len] = '\0';
	l->n++;
}

int con_show_text(struct con_app *app, const char *title, const char *text, const char *footer)
{
	char *safe = lp_safe_text(text, strlen(text), LP_SAFE_MULTILINE);
	struct lines l = { 0 };
	int top = 0, key = 0;
	const char *p = safe ? safe : "";

	for (;;) {
		const char *nl = strchr(p, '\n');

		add_line(&l, p, nl ? (size_t)(nl - p) : strlen(p));
		if (!nl)
			break;
		p = nl + 1;
	}
	for (;;) {
		int h = app->lay.rows - 2;
		wint_t ch;
		int rc;

		erase();
		con_put(0, 0, app->lay.cols, title, con_color_attr(CON_COLOR_HEADER));
		for (int i = 0; i < h; i++)
			if (top + i < l.n)
				con_put(1 + i, 1, app->lay.cols - 1, l.v[top + i], A_NORMAL);
		con_put(app->lay.rows - 1, 0, app->lay.cols, footer,
			con_color_attr(CON_COLOR_STATUS_BAR));
		refresh();
		rc = con_getkey(&ch);
		if (rc == ERR)
			continue;
		if (rc == KEY_CODE_YES) {
			if (ch == KEY_RESIZE)
				con_layout(app);
			else if (ch == KEY_DOWN && top + h < l.n)
				top++;
			else if (ch == KEY_UP && top > 0)
				top--;
			else if (ch == KEY_NPAGE && top + h < l.n)
				top += h;
			else if (ch == KEY_PPAGE)
				top = top > h ? top - h : 0;
			continue;
		}
		if (ch == 'j' && top + h < l.n) {
			top++;
		} else if (ch == 'k' && top > 0) {
			top--;
		} else if (ch == ' ' && top + h < l.n) {
			top += h;
		} else if (ch == 'b') {
			top = top > h ? top - h : 0;
		} else if (ch != 'j' && ch != 'k' && ch != ' ' && ch != 'b') {
			key = (int)ch;
			break;
		}
	}
	for (int i = 0; i < l.n; i++)
		free(l.v[i]);
	free(l.v);
	free(safe);
	return key;
}
