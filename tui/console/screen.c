/* screen.c: where the views go, and drawing what is around them: the
 * header, the message line, the F-key bar and the generated help. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "app.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "colors.h"
#include "find.h"
#include "i18n.h"
#include "safetext.h"

/* ---- layout and drawing ---- */

struct con_view *con_main_view(struct con_app *app)
{
	return app->casev ? app->casev : app->over ? app->over : app->list;
}

void con_layout(struct con_app *app)
{
	int rows, cols;
	struct con_rect full, side, mainr;

	getmaxyx(stdscr, rows, cols);
	con_layout_screen(rows, cols, app->conf.sidebar, &app->lay);
	full = (struct con_rect){ app->lay.body_y, 0, app->lay.body_h, cols };
	side = (struct con_rect){ app->lay.body_y, 0, app->lay.body_h, app->lay.side_w };
	mainr = (struct con_rect){ app->lay.body_y, app->lay.main_x, app->lay.body_h,
				   app->lay.main_w };
	if (app->lay.sidebar) {
		app->narrow_queues = false;
		app->queues->r = side;
	} else {
		app->queues->r = full;
	}
	app->list->r = app->lay.sidebar ? mainr : full;
	app->list->ops->resize(app->list);
	if (app->over) {
		app->over->r = app->list->r;
		app->over->ops->resize(app->over);
	}
	if (app->casev) {
		app->casev->r = app->list->r;
		app->casev->ops->resize(app->casev);
	}
	if (app->narrow_queues)
		app->focus = app->queues;
	else if (app->focus == app->queues && !app->lay.sidebar)
		app->focus = con_main_view(app);
}

static void draw_header(struct con_app *app)
{
	char line[2048], who[300];
	const struct lp_officer *me = app->me;
	struct con_view *mv = con_main_view(app);
	int64_t count = app->counts[app->queue];

	snprintf(who, sizeof(who), "%s (%s, %s)", me->name, lp_role_name(me->role), me->agency);
	if (mv == app->casev) {
		int64_t id = 0, ver = 0;

		con_case_view_current(app->casev, &id, &ver);
		snprintf(line, sizeof(line), "LAPOR!  %s  |  %s %lld  v%lld", who, _("case"),
			 (long long)id, (long long)ver);
	} else if (mv == app->over) {
		snprintf(line, sizeof(line), "LAPOR!  %s  |  %s", who, _(app->over->ops->name));
	} else {
		int64_t lc = -1;
		const char *limit = con_list_limit(app->list, &lc);
		char lim[600] = "", qn[LP_NAME_MAX + 8], cnt[32];

		if (limit[0]) {
			if (lc >= LP_QUEUE_COUNT_CAP)
				snprintf(cnt, sizeof(cnt), "%lld+", (long long)lc);
			else if (lc >= 0)
				snprintf(cnt, sizeof(cnt), "%lld", (long long)lc);
			else
				snprintf(cnt, sizeof(cnt), "?");
			snprintf(lim, sizeof(lim), "  |  %s: %.400s (%s)", _("limit"), limit, cnt);
		}
		con_safe_line(con_queue_name(app, app->queue), qn, sizeof(qn));
		if (app->queue >= con_queue_builtin() && count >= LP_QUEUE_COUNT_CAP)
			snprintf(cnt, sizeof(cnt), "%lld+", (long long)count);
		else
			snprintf(cnt, sizeof(cnt), "%lld", (long long)count);
		if (lim[0]) /* the limit first: the officer's name can go off a narrow screen */
			snprintf(line, sizeof(line), "LAPOR!  %s (%s)%s  |  %s: %s  |  %s", qn, cnt,
				 lim, _("sort"), con_list_sort_name(app->list), who);
		else
			snprintf(line, sizeof(line), "LAPOR!  %s  |  %s (%s)  |  %s: %s", who, qn,
				 cnt, _("sort"), con_list_sort_name(app->list));
	}
	if (app->ntags) {
		size_t len = strlen(line);

		snprintf(line + len, sizeof(line) - len, "  |  %d %s", app->ntags, _("tagged"));
	}
	con_put(0, 0, app->lay.cols, line, con_color_attr(CON_COLOR_HEADER));
}

/* Short F-key bar labels in the officer's language; an action without
 * one shows its lapor.conf name with a capital. */
static const char *const fkey_labels[CON_ACT_COUNT] = {
	[CON_ACT_QUIT] = N_("Quit"), [CON_ACT_HELP] = N_("Help"), [CON_ACT_UP] = N_("Up"),
	[CON_ACT_DOWN] = N_("Down"), [CON_ACT_PAGE_UP] = N_("PgUp"),
	[CON_ACT_PAGE_DOWN] = N_("PgDn"), [CON_ACT_FIRST] = N_("First"),
	[CON_ACT_LAST] = N_("Last"), [CON_ACT_ENTER] = N_("Open"), [CON_ACT_SEARCH] = N_("Search"),
	[CON_ACT_SEARCH_NEXT] = N_("Next"), [CON_ACT_COMMAND] = N_("Command"),
	[CON_ACT_REFRESH] = N_("Refresh"), [CON_ACT_SORT] = N_("Sort"),
	[CON_ACT_SORT_REVERSE] = N_("Reverse"), [CON_ACT_TAG] = N_("Tag"),
	[CON_ACT_TAG_PREFIX] = N_("OnTagged"), [CON_ACT_UNTAG_ALL] = N_("Untag"),
	[CON_ACT_QUEUES] = N_("Queues"), [CON_ACT_NEXT_QUEUE] = N_("NextQ"),
	[CON_ACT_PREV_QUEUE] = N_("PrevQ"), [CON_ACT_GOTO] = N_("Goto"),
	[CON_ACT_REPLY] = N_("Reply"), [CON_ACT_NOTE] = N_("Note"), [CON_ACT_VERIFY] = N_("Verify"),
	[CON_ACT_POSTPONE] = N_("Postpone"), [CON_ACT_ARCHIVE] = N_("Archive"),
	[CON_ACT_CLAIM] = N_("Claim"), [CON_ACT_ASSIGN] = N_("Assign"),
	[CON_ACT_TRANSFER] = N_("Transfer"), [CON_ACT_ESCALATE] = N_("Escalate"),
	[CON_ACT_EXTEND] = N_("Extend"), [CON_ACT_CLOSE] = N_("Close"),
	[CON_ACT_REOPEN] = N_("Reopen"), [CON_ACT_MERGE] = N_("Merge"),
};

static void fkey_label(enum con_action a, bool gap, char *buf, size_t n)
{
	const char *l = a >= 0 && a < CON_ACT_COUNT ? fkey_labels[a] : NULL;

	snprintf(buf, n, gap ? "%s " : "%s", l ? _(l) : con_action_name(a));
	if (!l && buf[0] >= 'a' && buf[0] <= 'z')
		buf[0] = (char)(buf[0] - 'a' + 'A');
}

static void draw_fkeys(struct con_app *app)
{
	int x = 0, need = 0;
	enum con_viewid kv = app->focus->ops->keymap;
	bool gaps;

	/* htop style; the gaps between labels go when the bar would not fit. */
	for (int f = 1; f <= 10; f++) {
		enum con_action a = con_keymap_lookup(&app->conf.keys, kv, KEY_F(f) | CON_KEY_FN);

		if (a != CON_ACT_NONE) {
			char label[64];

			fkey_label(a, true, label, sizeof(label));
			need += (f < 10 ? 2 : 3) + (int)lp_text_width(label);
		}
	}
	gaps = need <= app->lay.cols;
	con_blank(app->lay.bar_y, 0, app->lay.cols, con_color_attr(CON_COLOR_FKEY_LABEL));
	for (int f = 1; f <= 10 && x < app->lay.cols; f++) {
		enum con_action a = con_keymap_lookup(&app->conf.keys, kv, KEY_F(f) | CON_KEY_FN);
		char key[8], label[64];
		int kw, lw;

		if (a == CON_ACT_NONE)
			continue;
		snprintf(key, sizeof(key), "F%d", f);
		fkey_label(a, gaps, label, sizeof(label));
		kw = (int)strlen(key);
		lw = (int)lp_text_width(label);
		if (x + kw > app->lay.cols)
			break;
		con_put(app->lay.bar_y, x, kw, key, con_color_attr(CON_COLOR_FKEY) | A_BOLD);
		x += kw;
		con_put(app->lay.bar_y, x, lw < app->lay.cols - x ? lw : app->lay.cols - x, label,
			con_color_attr(CON_COLOR_FKEY_LABEL));
		x += lw;
	}
}

void con_draw_all(struct con_app *app)
{
	struct con_view *mv = con_main_view(app);

	erase();
	app->queues->focused = app->focus == app->queues;
	app->list->focused = app->focus == app->list;
	if (app->over)
		app->over->focused = app->focus == app->over;
	if (app->casev)
		app->casev->focused = app->focus == app->casev;
	draw_header(app);
	if (app->lay.sidebar || app->narrow_queues)
		app->queues->ops->draw(app->queues);
	if (!app->narrow_queues)
		mv->ops->draw(mv);
	if (app->msg2[0] && app->lay.msg_y > 1)
		con_put(app->lay.msg_y - 1, 0, app->lay.cols, app->msg2,
			con_color_attr(CON_COLOR_MESSAGE));
	if (app->msg[0])
		con_put(app->lay.msg_y, 0, app->lay.cols, app->msg,
			con_color_attr(app->msg_error ? CON_COLOR_ERROR : CON_COLOR_MESSAGE));
	else if (app->tag_prefix)
		con_put(app->lay.msg_y, 0, app->lay.cols,
			_("tag-prefix: the next action applies to every tagged case"),
			con_color_attr(CON_COLOR_TAGGED));
	draw_fkeys(app);
	refresh();
}

/* ---- help, generated from the action table and the keymap ---- */

/* Appends s to text (length *len, capacity cap) and a newline, wrapped
 * at spaces to `width` display columns: the first line goes on from
 * column `col`, the next ones start with `indent` spaces.  So longer
 * (translated) help lines wrap instead of being cut. */
static void wrap_append(char *text, size_t *len, size_t cap, const char *s, int col, int indent,
			int width)
{
	bool first = true;

	if (width < indent + 20)
		width = indent + 20;
	while (*s == ' ')
		s++;
	while (*s && *len + 600 < cap) {
		const char *e = strchr(s, ' ');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		char word[512];
		int ww;

		snprintf(word, sizeof(word), "%.*s", (int)(n < 511 ? n : 511), s);
		ww = (int)lp_text_width(word);
		if (!first && col + 1 + ww > width) {
			*len += (size_t)snprintf(text + *len, cap - *len, "\n%*s", indent, "");
			col = indent;
		} else if (!first) {
			text[(*len)++] = ' ';
			col++;
		}
		*len += (size_t)snprintf(text + *len, cap - *len, "%s", word);
		col += ww;
		first = false;
		s += n;
		while (*s == ' ')
			s++;
	}
	if (*len + 1 < cap) {
		text[(*len)++] = '\n';
		text[*len] = '\0';
	}
}

void con_show_help(struct con_app *app)
{
	enum con_viewid kv = app->focus->ops->keymap;
	size_t cap = 16384, len = 0;
	char *text = malloc(cap);
	char title[200], head[300];
	int n, width = app->lay.cols - 1; /* con_show_text draws from column 1 */

	if (!text)
		return;
	text[0] = '\0';
	for (int a = 0; a < CON_ACT_COUNT; a++) {
		char keys[200];

		if (!con_keymap_keys(&app->conf.keys, kv, a, keys, sizeof(keys)))
			continue;
		n = snprintf(head, sizeof(head), "%-22s %-14s ", keys, con_action_name(a));
		if (n < 0 || (size_t)n >= sizeof(head) || len + (size_t)n >= cap - 300)
			break;
		memcpy(text + len, head, (size_t)n + 1);
		len += (size_t)n;
		wrap_append(text, &len, cap, _(con_action_help(a)), (int)lp_text_width(head), 38,
			    width);
		if (len >= cap - 300)
			break;
	}
	wrap_append(text, &len, cap, "", 0, 0, width);
	wrap_append(text, &len, cap, _("Lower-case keys move and look; upper-case "
		    "keys change a case.  Keys and colours: lapor.conf(5)."), 0, 0, width);
	wrap_append(text, &len, cap, _("Command line (:): goto N, reply [N] -m TEXT, note, "
		    "close --resolution R, escalate -m TEXT, transfer --agency CODE, "
		    "verify --agency CODE, assign --to LOGIN, claim, postpone, archive --reason R, "
		    "reopen, extend --days N, merge --into N, quit."), 0, 0, width);
	snprintf(title, sizeof(title), "%s: %s", _("Keys"), app->focus->ops->name);
	con_show_text(app, title, text, _("q: back"));
	free(text);
}
