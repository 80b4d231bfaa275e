/* dashview.c: the supervisor dashboard (lp_dashboard_build) of the
 * officer's agency subtree as a read-only pager: totals and the on-time
 * rate, open / due soon / overdue by agency and by officer (side by side
 * on a wide screen), received and closed per day as bars (block
 * characters, '#' when the locale is not UTF-8), and the hot issues.
 * Re-read when the database changes, like every view. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "app.h"

#include <curses.h>
#include <langinfo.h>
#include <stdlib.h>
#include <string.h>

#include "colors.h"
#include "find.h"
#include "i18n.h"
#include "safetext.h"
#include "sla.h"
#include "timefmt.h"

#define WIDE_COLS 150  /* from here the two tables stand side by side */
#define TABLE_ROWS 12  /* rows of each table on the screen */

struct dline {
	char *text;              /* safe */
	enum con_color color;
	bool bold;
};

struct dash_view {
	struct con_view v;
	struct lp_dashboard *d;
	struct dline *lines;
	int n, cap, top;
	int built_w;             /* the width the lines were laid out for */
};

static void add(struct dash_view *dv, const char *text, enum con_color color, bool bold)
{
	if (dv->n == dv->cap) {
		int cap = dv->cap ? dv->cap * 2 : 128;
		struct dline *nl = realloc(dv->lines, (size_t)cap * sizeof(*nl));

		if (!nl)
			return;
		dv->lines = nl;
		dv->cap = cap;
	}
	dv->lines[dv->n].text = strdup(text);
	if (!dv->lines[dv->n].text)
		return;
	dv->lines[dv->n].color = color;
	dv->lines[dv->n].bold = bold;
	dv->n++;
}

static void clear_lines(struct dash_view *dv)
{
	for (int i = 0; i < dv->n; i++)
		free(dv->lines[i].text);
	dv->n = 0;
}

/* One table row "KEY NAME ... OPEN SOON OVERDUE" fitted to w columns. */
static void row_text(const struct lp_dash_row *r, int w, char *buf, size_t n)
{
	char label[LP_LOGIN_MAX + LP_NAME_MAX + 4], safe[300], fit[400];
	int lw = w - 27;
	size_t used;

	if (lw < 8)
		lw = 8;
	snprintf(label, sizeof(label), "%s %s", r->key, r->name);
	con_safe_line(label, safe, sizeof(safe));
	used = lp_text_fit(safe, (size_t)lw, fit, sizeof(fit));
	snprintf(buf, n, "%s%*s %8lld %8lld %8lld", fit, lw - (int)used, "", (long long)r->open,
		 (long long)r->due_soon, (long long)r->overdue);
}

static void head_text(const char *title, int w, char *buf, size_t n)
{
	int lw = w - 27;

	snprintf(buf, n, "%-*s %8s %8s %8s", lw < 8 ? 8 : lw, title, _("open"), _("soon"),
		 _("overdue"));
}

/* The two tables: one after the other, or side by side when wide. */
static void add_tables(struct dash_view *dv, int w)
{
	const struct lp_dashboard *d = dv->d;
	bool side = w >= WIDE_COLS;
	int tw = side ? (w - 3) / 2 : w;
	int na = d->n_agency < TABLE_ROWS ? d->n_agency : TABLE_ROWS;
	int no = d->n_officer < TABLE_ROWS ? d->n_officer : TABLE_ROWS;
	char a[512], b[512], line[1100];

	if (side) {
		head_text(_("By agency"), tw, a, sizeof(a));
		head_text(_("By officer"), tw, b, sizeof(b));
		snprintf(line, sizeof(line), "%s   %s", a, b);
		add(dv, line, CON_COLOR_LABEL, true);
		for (int i = 0; i < na || i < no; i++) {
			if (i < na)
				row_text(&d->by_agency[i], tw, a, sizeof(a));
			else
				snprintf(a, sizeof(a), "%*s", tw, "");
			if (i < no)
				row_text(&d->by_officer[i], tw, b, sizeof(b));
			else
				b[0] = '\0';
			snprintf(line, sizeof(line), "%s   %s", a, b);
			add(dv, line, CON_COLOR_NORMAL, false);
		}
	} else {
		head_text(_("By agency"), tw, a, sizeof(a));
		add(dv, a, CON_COLOR_LABEL, true);
		for (int i = 0; i < na; i++) {
			row_text(&d->by_agency[i], tw, a, sizeof(a));
			add(dv, a, CON_COLOR_NORMAL, false);
		}
		add(dv, "", CON_COLOR_NORMAL, false);
		head_text(_("By officer"), tw, a, sizeof(a));
		add(dv, a, CON_COLOR_LABEL, true);
		for (int i = 0; i < no; i++) {
			row_text(&d->by_officer[i], tw, a, sizeof(a));
			add(dv, a, CON_COLOR_NORMAL, false);
		}
	}
	if (d->n_agency > TABLE_ROWS || d->n_officer > TABLE_ROWS) {
		snprintf(line, sizeof(line),
			 _("(the first %d rows; lapor dashboard --json lists all)"), TABLE_ROWS);
		add(dv, line, CON_COLOR_SYSTEM_EVENT, false);
	}
}

static void add_days(struct dash_view *dv, int w)
{
	const struct lp_dashboard *d = dv->d;
	const char *cs = nl_langinfo(CODESET);
	bool utf8 = cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
	int64_t max = 1;
	int bw = (w - 6 - 3 - 7 - 4 - 7) / 2;
	char line[2048], rb[700], cb[700];

	if (bw < 4)
		bw = 4;
	if (bw > 100)
		bw = 100;
	for (int i = 0; i < LP_DASH_DAYS; i++) {
		if (d->received[i] > max)
			max = d->received[i];
		if (d->closed[i] > max)
			max = d->closed[i];
	}
	snprintf(line, sizeof(line), _("Received (R) and closed (C) per day, last %d days"),
		 LP_DASH_DAYS);
	add(dv, "", CON_COLOR_NORMAL, false);
	add(dv, line, CON_COLOR_LABEL, true);
	for (int i = 0; i < LP_DASH_DAYS; i++) {
		int y, m, dd, rw, cw;

		lp_civil_from_days(d->first_day + i, &y, &m, &dd);
		rw = con_bar(d->received[i], max, bw, utf8, rb, sizeof(rb));
		cw = con_bar(d->closed[i], max, bw, utf8, cb, sizeof(cb));
		snprintf(line, sizeof(line), "%02d-%02d R %s%*s %6lld  C %s%*s %6lld", m, dd, rb,
			 bw - rw, "", (long long)d->received[i], cb, bw - cw, "",
			 (long long)d->closed[i]);
		add(dv, line, CON_COLOR_NORMAL, false);
	}
}

static void build(struct dash_view *dv)
{
	const struct lp_dashboard *d = dv->d;
	int w = dv->v.r.w > 20 ? dv->v.r.w : 20;
	char line[1024], when[64];

	clear_lines(dv);
	dv->built_w = dv->v.r.w;
	if (!d)
		return;
	lp_time_local(d->now, d->tz_minutes, when, sizeof(when));
	snprintf(line, sizeof(line), _("Dashboard of %s (%s and below), %s"), d->total.name,
		 d->agency, when);
	add(dv, line, CON_COLOR_TITLE, true);
	snprintf(line, sizeof(line), _("Open %lld   due within %dh %lld   overdue %lld"),
		 (long long)d->total.open, LP_DASH_SOON_HOURS, (long long)d->total.due_soon,
		 (long long)d->total.overdue);
	add(dv, line, CON_COLOR_NORMAL, true);
	if (d->measured)
		snprintf(line, sizeof(line), _("On time (last %d days): %.1f%% of %lld answers and "
					       "closings"), LP_DASH_DAYS,
			 100.0 * (double)d->on_time / (double)d->measured, (long long)d->measured);
	else
		snprintf(line, sizeof(line), _("On time (last %d days): nothing measured yet"),
			 LP_DASH_DAYS);
	add(dv, line, CON_COLOR_NORMAL, false);
	add(dv, "", CON_COLOR_NORMAL, false);
	add_tables(dv, w);
	add_days(dv, w);
	add(dv, "", CON_COLOR_NORMAL, false);
	add(dv, _("Hot issues: word, cases this week, last week"), CON_COLOR_LABEL, true);
	if (!d->n_hot)
		add(dv, _("(none rising)"), CON_COLOR_SYSTEM_EVENT, false);
	for (int i = 0; i < d->n_hot; i++) {
		char word[80];

		con_safe_line(d->hot[i].word, word, sizeof(word));
		snprintf(line, sizeof(line), "  %-24s %6lld %6lld", word,
			 (long long)d->hot[i].this_week, (long long)d->hot[i].last_week);
		add(dv, line, CON_COLOR_NORMAL, false);
	}
}

static int load(struct dash_view *dv)
{
	struct lp_dashboard *d = NULL;
	struct lp_error err;
	int rc = lp_dashboard_build(dv->v.app->s, &d, &err);

	if (rc != LP_OK) {
		con_message(dv->v.app, true, "%s", err.msg);
		return rc;
	}
	lp_dashboard_destroy(dv->d);
	dv->d = d;
	build(dv);
	if (dv->top > dv->n - 1)
		dv->top = dv->n > 0 ? dv->n - 1 : 0;
	return LP_OK;
}

static void dv_draw(struct con_view *v)
{
	struct dash_view *dv = (struct dash_view *)v;

	if (dv->built_w != v->r.w)
		build(dv);
	for (int i = 0; i < v->r.h; i++) {
		int k = dv->top + i;

		if (k < dv->n) {
			unsigned long a = con_color_attr(dv->lines[k].color);

			if (dv->lines[k].bold)
				a |= A_BOLD;
			con_put(v->r.y + i, v->r.x, v->r.w, dv->lines[k].text, a);
		} else {
			con_blank(v->r.y + i, v->r.x, v->r.w, A_NORMAL);
		}
	}
}

static int dv_key(struct con_view *v, enum con_action a, int key)
{
	struct dash_view *dv = (struct dash_view *)v;
	int h = v->r.h, max = dv->n - h > 0 ? dv->n - h : 0;

	(void)key;
	switch (a) {
	case CON_ACT_UP:
		if (dv->top > 0)
			dv->top--;
		return CON_F_REDRAW;
	case CON_ACT_DOWN:
		if (dv->top < max)
			dv->top++;
		return CON_F_REDRAW;
	case CON_ACT_PAGE_DOWN:
		dv->top = dv->top + h - 1 < max ? dv->top + h - 1 : max;
		return CON_F_REDRAW;
	case CON_ACT_PAGE_UP:
		dv->top = dv->top > h - 1 ? dv->top - (h - 1) : 0;
		return CON_F_REDRAW;
	case CON_ACT_FIRST:
		dv->top = 0;
		return CON_F_REDRAW;
	case CON_ACT_LAST:
		dv->top = max;
		return CON_F_REDRAW;
	case CON_ACT_ENTER:
	case CON_ACT_SORT:
	case CON_ACT_SORT_REVERSE:
	case CON_ACT_LIMIT:
	case CON_ACT_TAG:
		con_message(v->app, false, _("The dashboard only shows; q goes back to the list."));
		return CON_F_REDRAW;
	default:
		return CON_F_UNHANDLED;
	}
}

static void dv_resize(struct con_view *v)
{
	(void)v;
}

static int dv_reload(struct con_view *v)
{
	load((struct dash_view *)v);
	return CON_F_REDRAW;
}

static void dv_destroy(struct con_view *v)
{
	struct dash_view *dv = (struct dash_view *)v;

	if (!v)
		return;
	clear_lines(dv);
	free(dv->lines);
	lp_dashboard_destroy(dv->d);
	free(dv);
}

static const struct con_view_ops dash_ops = {
	.name = N_("dashboard"),
	.keymap = CON_VIEW_CASE,
	.draw = dv_draw,
	.key = dv_key,
	.resize = dv_resize,
	.reload = dv_reload,
	.destroy = dv_destroy,
	.current = NULL,
};

void con_dashboard_open(struct con_app *app)
{
	struct dash_view *dv = calloc(1, sizeof(*dv));

	if (!dv) {
		con_message(app, true, "%s", _("out of memory"));
		return;
	}
	dv->v.ops = &dash_ops;
	dv->v.app = app;
	dv->v.r = app->list->r;
	if (load(dv) != LP_OK) {
		dv_destroy(&dv->v);
		return;
	}
	if (app->over)
		app->over->ops->destroy(app->over);
	app->over = &dv->v;
	app->narrow_queues = false;
	app->focus = &dv->v;
}
