/* picker.c: choosing from a list with type-ahead filtering; the agency
 * tree and officer pickers built on it. */
#define _GNU_SOURCE /* strcasestr */
#define _XOPEN_SOURCE_EXTENDED 1
#include "app.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include "colors.h"
#include "directory.h"
#include "i18n.h"
#include "safetext.h"
#include "session.h"

static void frame(int y, int x, int h, int w, const char *title)
{
	int tw = (int)lp_text_width(title) + 2;

	attrset(con_color_attr(CON_COLOR_TITLE));
	mvadd_wch(y, x, WACS_ULCORNER);
	mvhline_set(y, x + 1, WACS_HLINE, w - 2);
	mvadd_wch(y, x + w - 1, WACS_URCORNER);
	mvvline_set(y + 1, x, WACS_VLINE, h - 2);
	mvvline_set(y + 1, x + w - 1, WACS_VLINE, h - 2);
	mvadd_wch(y + h - 1, x, WACS_LLCORNER);
	mvhline_set(y + h - 1, x + 1, WACS_HLINE, w - 2);
	mvadd_wch(y + h - 1, x + w - 1, WACS_LRCORNER);
	attrset(A_NORMAL);
	con_put(y, x + 2, w - 4 < tw ? w - 4 : tw, title,
		con_color_attr(CON_COLOR_TITLE));
}

int con_pick(struct con_app *app, const char *title, const char *const *labels, int n)
{
	int *shown = malloc(((size_t)n + 1) * sizeof(int));
	char filter[128] = "";
	size_t flen = 0;
	int nshown = 0, sel = 0, top = 0, result = -1;
	bool refilter = true;

	if (!shown)
		return -1;
	for (;;) {
		int h = app->lay.rows - 2, w = app->lay.cols - 4, y = 1, x = 2, lines;
		char line[300];
		wint_t ch;
		int rc;

		if (w > 100)
			w = 100;
		x = (app->lay.cols - w) / 2;
		if (h < 6)
			h = app->lay.rows;
		if (refilter) {
			nshown = 0;
			for (int i = 0; i < n; i++)
				if (!flen || strcasestr(labels[i], filter))
					shown[nshown++] = i;
			sel = 0;
			top = 0;
			refilter = false;
		}
		lines = h - 4;
		if (lines < 1)
			lines = 1;
		if (sel < top)
			top = sel;
		if (sel >= top + lines)
			top = sel - lines + 1;
		con_draw_all(app);
		for (int i = 0; i < h; i++)
			con_blank(y + i, x, w, A_NORMAL);
		frame(y, x, h, w, title);
		snprintf(line, sizeof(line), "%s %s_   (%d/%d)", _("Type to filter:"), filter,
			 nshown, n);
		con_put(y + 1, x + 1, w - 2, line, con_color_attr(CON_COLOR_LABEL));
		for (int i = 0; i < lines; i++) {
			int k = top + i;

			if (k >= nshown)
				break;
			con_put(y + 2 + i, x + 1, w - 2, labels[shown[k]],
				k == sel ? con_color_attr(CON_COLOR_SELECTED) : A_NORMAL);
		}
		con_put(y + h - 1, x + 2, w - 4, _(" Enter: choose   Esc: cancel   arrows move "),
			con_color_attr(CON_COLOR_TITLE));
		refresh();
		rc = con_getkey(&ch);
		if (rc == ERR)
			continue;
		if (rc == KEY_CODE_YES) {
			switch (ch) {
			case KEY_RESIZE:
				con_layout(app);
				break;
			case KEY_UP:
				if (sel > 0)
					sel--;
				break;
			case KEY_DOWN:
				if (sel + 1 < nshown)
					sel++;
				break;
			case KEY_PPAGE:
				sel = sel > lines ? sel - lines : 0;
				break;
			case KEY_NPAGE:
				sel = sel + lines < nshown ? sel + lines : nshown - 1;
				if (sel < 0)
					sel = 0;
				break;
			case KEY_HOME:
				sel = 0;
				break;
			case KEY_END:
				sel = nshown ? nshown - 1 : 0;
				break;
			case KEY_BACKSPACE:
				goto backspace;
			case KEY_ENTER:
				goto choose;
			default:
				break;
			}
			continue;
		}
		if (ch == 27)
			break;
		if (ch == '\r' || ch == '\n') {
choose:
			if (nshown) {
				result = shown[sel];
				break;
			}
			continue;
		}
		if (ch == 14 && sel + 1 < nshown) { /* ^N */
			sel++;
		} else if (ch == 16 && sel > 0) { /* ^P */
			sel--;
		} else if (ch == 127 || ch == 8) {
backspace:
			while (flen > 0 && ((unsigned char)filter[flen - 1] & 0xC0) == 0x80)
				flen--;
			if (flen > 0)
				flen--;
			filter[flen] = '\0';
			refilter = true;
		} else if (ch == 21) { /* ^U */
			flen = 0;
			filter[0] = '\0';
			refilter = true;
		} else if (ch >= ' ' && ch != 127) {
			char mb[8];
			mbstate_t st;
			size_t k;

			memset(&st, 0, sizeof(st));
			k = wcrtomb(mb, (wchar_t)ch, &st);
			if (k != (size_t)-1 && flen + k < sizeof(filter) - 1) {
				memcpy(filter + flen, mb, k);
				flen += k;
				filter[flen] = '\0';
				refilter = true;
			}
		}
	}
	free(shown);
	return result;
}

/* A growing list of labels and keys. */
struct choices {
	char **labels;
	char **keys;
	int n, cap;
	bool oom;
};

static void choices_add(struct choices *c, const char *label, const char *key)
{
	if (c->n == c->cap) {
		int cap = c->cap ? c->cap * 2 : 256;
		char **l = realloc(c->labels, (size_t)cap * sizeof(*l));
		char **k;

		if (!l) {
			c->oom = true;
			return;
		}
		c->labels = l;
		k = realloc(c->keys, (size_t)cap * sizeof(*k));
		if (!k) {
			c->oom = true;
			return;
		}
		c->keys = k;
		c->cap = cap;
	}
	c->labels[c->n] = strdup(label);
	c->keys[c->n] = strdup(key);
	if (!c->labels[c->n] || !c->keys[c->n]) {
		free(c->labels[c->n]);
		free(c->keys[c->n]);
		c->oom = true;
		return;
	}
	c->n++;
}

static void choices_free(struct choices *c)
{
	for (int i = 0; i < c->n; i++) {
		free(c->labels[i]);
		free(c->keys[i]);
	}
	free(c->labels);
	free(c->keys);
}

static int add_agency(const struct lp_agency *a, void *ud)
{
	char label[400], name[LP_NAME_MAX];
	int depth = lp_agency_depth(a);

	con_safe_line(a->name, name, sizeof(name));
	snprintf(label, sizeof(label), "%-14s %*s%s  [%s]", a->code, depth > 6 ? 12 : depth * 2, "",
		 name, lp_agency_kind_name(a->kind));
	choices_add(ud, label, a->code);
	return 0;
}

static bool pick_from(struct con_app *app, const char *title, struct choices *c, char *out,
		      size_t n)
{
	int k;

	if (c->oom) {
		con_message(app, true, _("Out of memory."));
		return false;
	}
	k = con_pick(app, title, (const char *const *)c->labels, c->n);
	if (k < 0)
		return false;
	snprintf(out, n, "%s", c->keys[k]);
	return true;
}

bool con_pick_agency(struct con_app *app, const char *title, char *code)
{
	struct choices c = { 0 };
	struct lp_error err;
	bool ok = false;

	if (lp_agency_list(app->s, NULL, add_agency, &c, &err) != LP_OK)
		con_message(app, true, "%s", err.msg);
	else
		ok = pick_from(app, title, &c, code, LP_CODE_MAX);
	choices_free(&c);
	return ok;
}

static int add_officer(const struct lp_officer *o, void *ud)
{
	char label[400], name[LP_NAME_MAX];

	if (!o->active || o->role == LP_ROLE_SYSTEM)
		return 0;
	con_safe_line(o->name, name, sizeof(name));
	snprintf(label, sizeof(label), "%-22s %-30s %s, %s", o->login, name, lp_role_name(o->role),
		 o->agency);
	choices_add(ud, label, o->login);
	return 0;
}

bool con_pick_officer(struct con_app *app, const char *under, char *login)
{
	struct choices c = { 0 };
	struct lp_error err;
	bool ok = false;

	if (lp_officer_list(app->s, under, add_officer, &c, &err) != LP_OK)
		con_message(app, true, "%s", err.msg);
	else if (c.n == 0)
		con_message(app, true, _("No officer to choose at %s."), under ? under : "");
	else
		ok = pick_from(app, _("Assign to which officer?"), &c, login, LP_LOGIN_MAX);
	choices_free(&c);
	return ok;
}
