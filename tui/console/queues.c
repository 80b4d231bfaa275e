/* queues.c: the queues as one table (name, who sees it, how it fills an
 * lp_list_opts), their live counts, and the queue list view (a sidebar
 * on wide terminals, a full-screen list on narrow ones). */
#define _XOPEN_SOURCE_EXTENDED 1
#include "app.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases.h"
#include "colors.h"
#include "find.h"
#include "i18n.h"
#include "session.h"

#define ST(x) (1u << LP_STATUS_##x)
#define RL(x) (1u << LP_ROLE_##x)
#define OPEN (ST(NEW) | ST(POSTPONED) | ST(ASSIGNED) | ST(IN_PROGRESS) | ST(RESPONDED))
#define ALL_ROLES (RL(ADMIN) | RL(COORDINATOR) | RL(SUPERVISOR) | RL(CLERK) | RL(AUDITOR))
#define DAY 86400

typedef void (*queue_fill)(const struct lp_officer *me, int64_t now, struct lp_list_opts *o);

static void q_verify(const struct lp_officer *me, int64_t now, struct lp_list_opts *o)
{
	o->status_mask = ST(NEW) | ST(POSTPONED);
	o->order = LP_ORDER_DUE;
}

static void q_mine(const struct lp_officer *me, int64_t now, struct lp_list_opts *o)
{
	o->status_mask = OPEN;
	o->assignee = "me";
	o->order = LP_ORDER_DUE;
}

static void q_unclaimed(const struct lp_officer *me, int64_t now, struct lp_list_opts *o)
{
	o->status_mask = ST(ASSIGNED);
	o->assignee = "";
	o->agency = me->agency;
	o->order = LP_ORDER_DUE;
}

static void q_due_soon(const struct lp_officer *me, int64_t now, struct lp_list_opts *o)
{
	o->status_mask = OPEN;
	o->due_before = now + DAY;
	o->order = LP_ORDER_DUE;
}

static void q_overdue(const struct lp_officer *me, int64_t now, struct lp_list_opts *o)
{
	o->status_mask = OPEN;
	o->due_before = now;
	o->order = LP_ORDER_DUE;
}

static void q_escalated(const struct lp_officer *me, int64_t now, struct lp_list_opts *o)
{
	o->status_mask = OPEN;
	o->escalated_to = me->agency;
	o->order = LP_ORDER_DUE;
}

static void q_awaiting(const struct lp_officer *me, int64_t now, struct lp_list_opts *o)
{
	o->status_mask = ST(POSTPONED) | ST(RESPONDED);
	o->order = LP_ORDER_DUE;
}

static void q_closed(const struct lp_officer *me, int64_t now, struct lp_list_opts *o)
{
	o->status_mask = ST(CLOSED);
	o->updated_after = now - 7 * DAY;
	o->order = LP_ORDER_UPDATED;
	o->descending = true;
}

static void q_open(const struct lp_officer *me, int64_t now, struct lp_list_opts *o)
{
	o->status_mask = OPEN;
	o->order = LP_ORDER_UPDATED;
	o->descending = true;
}

static const struct {
	const char *name;      /* N_() */
	unsigned roles;        /* 1u << enum lp_role that see it */
	queue_fill fill;       /* its selection */
	bool floor_now;        /* starts after now (due soon: not yet overdue) */
} queues[] = {
	{ N_("To verify"), RL(ADMIN) | RL(COORDINATOR), q_verify, false },
	{ N_("My cases"), RL(CLERK) | RL(SUPERVISOR) | RL(ADMIN), q_mine, false },
	{ N_("Unclaimed in my agency"), RL(CLERK) | RL(SUPERVISOR), q_unclaimed, false },
	{ N_("Due soon"), ALL_ROLES, q_due_soon, true },
	{ N_("Overdue"), ALL_ROLES, q_overdue, false },
	{ N_("Escalated to me"), RL(SUPERVISOR) | RL(COORDINATOR) | RL(ADMIN), q_escalated, false },
	{ N_("Awaiting citizen"), ALL_ROLES, q_awaiting, false },
	{ N_("Recently closed"), ALL_ROLES, q_closed, false },
	{ N_("All open cases"), ALL_ROLES, q_open, false },
};
#define NQUEUES ((int)(sizeof(queues) / sizeof(queues[0])))

#define MAX_SAVED (32 - NQUEUES) /* app->counts holds 32 */

int con_queue_builtin(void)
{
	return NQUEUES;
}

int con_queue_count(struct con_app *app)
{
	return NQUEUES + app->nsaved;
}

const char *con_queue_name(struct con_app *app, int q)
{
	if (q >= 0 && q < NQUEUES)
		return _(queues[q].name);
	if (q >= NQUEUES && q < NQUEUES + app->nsaved)
		return app->saved[q - NQUEUES].name;
	return "?";
}

const char *con_queue_query(struct con_app *app, int q)
{
	if (q >= NQUEUES && q < NQUEUES + app->nsaved)
		return app->saved[q - NQUEUES].query;
	return NULL;
}

bool con_queue_visible(struct con_app *app, int q)
{
	if (q >= NQUEUES && q < NQUEUES + app->nsaved)
		return true;
	return q >= 0 && q < NQUEUES && app->me && (queues[q].roles & (1u << app->me->role));
}

void con_queue_opts(struct con_app *app, int q, struct lp_list_opts *o, bool *floor_now)
{
	lp_list_opts_init(o);
	*floor_now = false;
	if (q >= NQUEUES && q < NQUEUES + app->nsaved) {
		/* A saved queue: its query does the selecting; newest change first. */
		o->order = LP_ORDER_UPDATED;
		o->descending = true;
		return;
	}
	if (q < 0 || q >= NQUEUES || !app->me)
		return;
	queues[q].fill(app->me, lp_session_now(app->s), o);
	*floor_now = queues[q].floor_now;
}

struct saved_fill {
	struct con_app *app;
	struct lp_saved_queue *v;
	int n;
};

static int saved_row(const struct lp_saved_queue *q, int64_t count, void *ud)
{
	struct saved_fill *f = ud;

	if (f->n >= MAX_SAVED)
		return 0;
	f->v[f->n] = *q;
	f->app->counts[NQUEUES + f->n] = count;
	f->n++;
	return 0;
}

/* Re-reads the saved queues with their live counts (each capped at
 * LP_QUEUE_COUNT_CAP); the open queue follows its name when the list moved.
 * Lazy: while the queue list is off the screen (narrow terminal) only the
 * open queue is counted, for the header; Tab recounts them all. */
static void reload_saved(struct con_app *app)
{
	bool shown = app->lay.sidebar || app->narrow_queues;
	struct lp_saved_queue *v = calloc(MAX_SAVED, sizeof(*v));
	struct saved_fill f = { app, v, 0 };
	char open_name[LP_NAME_MAX] = "";
	bool was_saved = app->queue >= NQUEUES;

	if (!v)
		return;
	if (was_saved && app->queue < NQUEUES + app->nsaved)
		snprintf(open_name, sizeof(open_name), "%s", app->saved[app->queue - NQUEUES].name);
	if (lp_queue_list(app->s, shown, saved_row, &f, NULL) != LP_OK) {
		free(v);
		return;
	}
	free(app->saved);
	app->saved = v;
	app->nsaved = f.n;
	for (int i = NQUEUES + f.n; i < 32; i++)
		app->counts[i] = -1;
	if (was_saved) {
		int keep = -1;

		for (int i = 0; i < f.n; i++)
			if (strcmp(v[i].name, open_name) == 0 && keep < 0)
				keep = NQUEUES + i;
		if (keep >= 0) {
			app->queue = keep;
			if (!shown && lp_queue_count(app->s, &v[keep - NQUEUES], &app->counts[keep],
						     NULL) != LP_OK)
				app->counts[keep] = -1;
		}
		else if (app->list)
			for (int q = 0; q < NQUEUES; q++)
				if (con_queue_visible(app, q)) {
					con_list_set_queue(app->list, q);
					break;
				}
	}
}

void con_queues_recount_saved(struct con_app *app)
{
	reload_saved(app);
}

/* Counts built-in queue q into app->counts (left as it was when it could
 * not be counted: con_queues_count_step marks it -1 first). */
static void count_one(struct con_app *app, int q)
{
	struct lp_list_opts o;
	bool floor;
	int64_t n = -1, below = 0;

	con_queue_opts(app, q, &o, &floor);
	if (lp_cases_count(app->s, &o, &n, NULL) != LP_OK)
		return;
	if (floor) {
		/* Due soon leaves out what is overdue already. */
		o.due_before = lp_session_now(app->s);
		if (lp_cases_count(app->s, &o, &below, NULL) != LP_OK)
			return;
		n -= below;
	}
	app->counts[q] = n;
}

void con_queues_count_begin(struct con_app *app)
{
	reload_saved(app);
	con_trace(app, "saved-queues");
	app->count_next = 0;
	app->counting = true;
}

bool con_queues_count_step(struct con_app *app)
{
	/* The hidden queues between have no count (-1). */
	for (bool counted = false; app->count_next < NQUEUES; app->count_next++) {
		bool shown = con_queue_visible(app, app->count_next);
		if (shown && counted)
			break;
		app->counts[app->count_next] = -1;
		if (shown) {
			count_one(app, app->count_next);
			counted = true;
		}
	}
	app->counting = app->count_next < NQUEUES;
	return app->counting;
}

void con_queues_recount(struct con_app *app)
{
	con_queues_count_begin(app);
	while (con_queues_count_step(app))
		;
}

/* ---- the queue list view ---- */

struct queues_view {
	struct con_view v;
	int sel;               /* highlighted queue */
};

static int next_visible(struct con_app *app, int q, int dir)
{
	for (int i = q + dir; i >= 0 && i < con_queue_count(app); i += dir)
		if (con_queue_visible(app, i))
			return i;
	return q;
}

static void qv_draw(struct con_view *v)
{
	struct queues_view *qv = (struct queues_view *)v;
	struct con_app *app = v->app;
	int row = 0;
	bool side = app->lay.sidebar && !app->narrow_queues;
	int w = side ? v->r.w - 1 : v->r.w;

	for (int y = 0; y < v->r.h; y++)
		con_blank(v->r.y + y, v->r.x, w, con_color_attr(CON_COLOR_SIDEBAR));
	con_put(v->r.y, v->r.x, w, _("Queues"), con_color_attr(CON_COLOR_LABEL) | A_BOLD);
	for (int q = 0; q < con_queue_count(app) && row + 1 < v->r.h; q++) {
		char line[256], count[32];
		unsigned long attr = con_color_attr(CON_COLOR_SIDEBAR);
		int cw;

		if (!con_queue_visible(app, q))
			continue;
		if (q == NQUEUES && row + 2 < v->r.h) {
			con_put(v->r.y + 1 + row, v->r.x, w, _("Saved queues"),
				con_color_attr(CON_COLOR_LABEL) | A_BOLD);
			row++;
		}
		if (q >= NQUEUES && app->counts[q] >= LP_QUEUE_COUNT_CAP)
			snprintf(count, sizeof(count), "%lld+", (long long)app->counts[q]);
		else if (app->counts[q] >= 0)
			snprintf(count, sizeof(count), "%lld", (long long)app->counts[q]);
		else
			snprintf(count, sizeof(count), "-");
		if (q == qv->sel)
			attr = con_color_attr(v->focused ? CON_COLOR_SELECTED : CON_COLOR_TITLE);
		cw = (int)strlen(count);
		if (q >= NQUEUES && app->saved[q - NQUEUES].agency[0])
			snprintf(line, sizeof(line), "%c %s (%s)", q == app->queue ? '>' : ' ',
				 con_queue_name(app, q), app->saved[q - NQUEUES].agency);
		else
			snprintf(line, sizeof(line), "%c %s", q == app->queue ? '>' : ' ',
				 con_queue_name(app, q));
		con_put(v->r.y + 1 + row, v->r.x, w - cw - 2, line, attr);
		con_put(v->r.y + 1 + row, v->r.x + w - cw - 2, 1, " ", attr);
		con_put(v->r.y + 1 + row, v->r.x + w - cw - 1, cw, count, attr);
		con_put(v->r.y + 1 + row, v->r.x + w - 1, 1, " ", attr);
		row++;
	}
	if (side) {
		attrset(con_color_attr(CON_COLOR_SIDEBAR));
		mvvline_set(v->r.y, v->r.x + v->r.w - 1, WACS_VLINE, v->r.h);
		attrset(A_NORMAL);
	}
}

static int qv_key(struct con_view *v, enum con_action a, int key)
{
	struct queues_view *qv = (struct queues_view *)v;
	struct con_app *app = v->app;

	switch (a) {
	case CON_ACT_UP:
		qv->sel = next_visible(app, qv->sel, -1);
		return CON_F_REDRAW;
	case CON_ACT_DOWN:
		qv->sel = next_visible(app, qv->sel, 1);
		return CON_F_REDRAW;
	case CON_ACT_FIRST:
		qv->sel = next_visible(app, -1, 1);
		return CON_F_REDRAW;
	case CON_ACT_LAST:
		qv->sel = next_visible(app, con_queue_count(app), -1);
		return CON_F_REDRAW;
	case CON_ACT_ENTER:
		con_list_set_queue(app->list, qv->sel);
		app->narrow_queues = false;
		app->focus = app->list;
		con_layout(app);
		return CON_F_REDRAW;
	case CON_ACT_QUIT:
		if (app->lay.sidebar || !app->narrow_queues)
			return CON_F_QUIT;
		app->narrow_queues = false;
		app->focus = app->list;
		con_layout(app);
		return CON_F_REDRAW;
	case CON_ACT_QUEUES:
		/* Tab from the sidebar goes back to the list. */
		app->narrow_queues = false;
		app->focus = app->list;
		con_layout(app);
		return CON_F_REDRAW;
	default:
		return CON_F_UNHANDLED;
	}
}

static void qv_resize(struct con_view *v)
{
}

static int qv_refresh(struct con_view *v)
{
	con_queues_recount(v->app);
	return CON_F_REDRAW;
}

static void qv_destroy(struct con_view *v)
{
	free(v);
}

static const struct con_view_ops queues_ops = {
	.name = "queues",
	.keymap = CON_VIEW_QUEUES,
	.draw = qv_draw,
	.key = qv_key,
	.resize = qv_resize,
	.reload = qv_refresh,
	.destroy = qv_destroy,
};

struct con_view *con_queues_view_create(struct con_app *app)
{
	struct queues_view *qv = calloc(1, sizeof(*qv));

	if (!qv)
		return NULL;
	qv->v.ops = &queues_ops;
	qv->v.app = app;
	qv->sel = app->queue;
	return &qv->v;
}

void con_queues_select(struct con_view *v, int q)
{
	((struct queues_view *)v)->sel = q;
}
