/* screen.c: where the views go, and drawing what is around them: the
 * header, the message line, the F-key bar and the generated help. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "app.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "colors.h"
#include "i18n.h"

/* ---- layout and drawing ---- */

struct con_view *con_main_view(struct con_app *app)
{
	return app->casev ? app->casev : app->list;
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
	char line[1024], who[300];
	const struct lp_officer *me = app->me;
	struct con_view *mv = con_main_view(app);
	int64_t count = app->counts[app->queue];

	snprintf(who, sizeof(who), "%s (%s, %s)", me->name, lp_role_name(me->role), me->agency);
	if (mv == app->casev) {
		int64_t id = 0, ver = 0;

		con_case_view_current(app->casev, &id, &ver);
		snprintf(line, sizeof(line), "LAPOR!  %s  |  %s %lld  v%lld", who, _("case"),
			 (long long)id, (long long)ver);
	} else {
		snprintf(line, sizeof(line), "LAPOR!  %s  |  %s (%lld)  |  %s: %s", who,
			 con_queue_name(app->queue), (long long)count, _("sort"),
			 con_list_sort_name(app->list));
	}
	if (app->ntags) {
		size_t len = strlen(line);

		snprintf(line + len, sizeof(line) - len, "  |  %d %s", app->ntags, _("tagged"));
	}
	con_put(0, 0, app->lay.cols, line, con_color_attr(CON_COLOR_HEADER));
}

static void draw_fkeys(struct con_app *app)
{
	int x = 0, need = 0;
	enum con_viewid kv = app->focus->ops->keymap;
	bool gaps;

	/* htop style; the gaps between labels go when the bar would not fit. */
	for (int f = 1; f <= 10; f++) {
		enum con_action a = con_keymap_lookup(&app->conf.keys, kv, KEY_F(f) | CON_KEY_FN);

		if (a != CON_ACT_NONE)
			need += (f < 10 ? 2 : 3) + (int)strlen(con_action_name(a)) + 1;
	}
	gaps = need <= app->lay.cols;
	con_blank(app->lay.bar_y, 0, app->lay.cols, con_color_attr(CON_COLOR_FKEY_LABEL));
	for (int f = 1; f <= 10 && x < app->lay.cols; f++) {
		enum con_action a = con_keymap_lookup(&app->conf.keys, kv, KEY_F(f) | CON_KEY_FN);
		char key[8], label[40];
		int kw, lw;

		if (a == CON_ACT_NONE)
			continue;
		snprintf(key, sizeof(key), "F%d", f);
		snprintf(label, sizeof(label), gaps ? "%s " : "%s", con_action_name(a));
		label[0] = (char)(label[0] - 'a' + 'A');
		kw = (int)strlen(key);
		lw = (int)strlen(label);
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
	if (app->casev)
		app->casev->focused = app->focus == app->casev;
	draw_header(app);
	if (app->lay.sidebar || app->narrow_queues)
		app->queues->ops->draw(app->queues);
	if (!app->narrow_queues)
		mv->ops->draw(mv);
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

void con_show_help(struct con_app *app)
{
	enum con_viewid kv = app->focus->ops->keymap;
	size_t cap = 16384, len = 0;
	char *text = malloc(cap);
	char title[200];

	if (!text)
		return;
	text[0] = '\0';
	for (int a = 0; a < CON_ACT_COUNT; a++) {
		char keys[200];

		if (!con_keymap_keys(&app->conf.keys, kv, a, keys, sizeof(keys)))
			continue;
		len += (size_t)snprintf(text + len, cap - len, "%-22s %-14s %s\n", keys,
					con_action_name(a), _(con_action_help(a)));
		if (len >= cap - 300)
			break;
	}
	snprintf(text + len, cap - len, "\n%s\n%s\n", _("Lower-case keys move and look; upper-case "
		 "keys change a case.  Keys and colours: lapor.conf(5)."),
		 _("Command line (:): goto N, reply [N] -m TEXT, note, close --resolution R, "
		   "escalate -m TEXT, transfer --agency CODE, verify --agency CODE, "
		   "assign --to LOGIN, claim, postpone, archive --reason R, reopen, "
		   "extend --days N, merge --into N, quit."));
	snprintf(title, sizeof(title), "%s: %s", _("Keys"), app->focus->ops->name);
	con_show_text(app, title, text, _("q: back"));
	free(text);
}
