/* list.c: the case list of the open queue: a list model paging through
 * core (the source below) and a drawer. */
#define _GNU_SOURCE /* strcasestr */
#define _XOPEN_SOURCE_EXTENDED 1
#include "app.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cases.h"
#include "clock.h"
#include "colors.h"
#include "find.h"
#include "i18n.h"
#include "listmodel.h"
#include "safetext.h"
#include "session.h"
#include "timefmt.h"

struct list_view {
	struct con_view v;
	struct con_listmodel m;
	int queue;
	bool sort_override;        /* the officer chose a sort */
	enum lp_case_order order;
	bool descending;
	bool floor_now;
	struct lp_error err;
	char limit[LP_QUERY_MAX_BYTES + 1]; /* the active limit, "" when none */
	int64_t limit_count;       /* its count (capped), -1 unknown */
	struct lp_query *query;    /* the saved queue's query AND the limit; NULL: none */
};

static void count_limit(struct list_view *lv);

/* ---- the source: one keyset page through lp_cases_list ---- */

#define FILL_STOP 1000 /* a callback's stop value, distinct from every lp_status_code */

struct fill {
	struct con_row *rows;
	int n, limit;
	enum lp_case_order order;
	bool floor;                /* reverse read of a floored queue: stop at now */
	int64_t now;
};

static int64_t key_of(const struct lp_case *c, enum lp_case_order order)
{
	if (order == LP_ORDER_DUE)
		return c->due_at;
	return order == LP_ORDER_UPDATED ? c->updated_at : c->id;
}

static int fill_row(const struct lp_case *c, void *ud)
{
	struct fill *f = ud;
	struct con_row *r;

	if (f->n >= f->limit)
		return FILL_STOP;
	if (f->floor && c->due_at <= f->now)
		return FILL_STOP;
	r = &f->rows[f->n++];
	memset(r, 0, sizeof(*r));
	r->id = c->id;
	r->key = key_of(c, f->order);
	r->version = c->version;
	r->created_at = c->created_at;
	r->updated_at = c->updated_at;
	r->due_at = c->due_at;
	r->paused_at = c->clock_paused_at;
	r->status = c->status;
	r->escalation = c->escalation;
	r->masked = c->masked;
	lp_strlcpy(r->agency, c->agency, sizeof(r->agency));
	lp_strlcpy(r->assignee, c->assignee, sizeof(r->assignee));
	con_safe_line(c->category, r->category, sizeof(r->category));
	if (c->title)
		con_safe_line(c->title, r->title, sizeof(r->title));
	else
		snprintf(r->title, sizeof(r->title), "%s", _("(hidden)"));
	return 0;
}

static int list_fetch(void *ud, const struct con_cursor *after, bool reverse, int limit,
		      struct con_row *rows, int *n, struct lp_error *err)
{
	struct list_view *lv = ud;
	struct con_app *app = lv->v.app;
	struct lp_list_opts o;
	bool floor;
	struct fill f = { rows, 0, limit, LP_ORDER_ID, false, lp_session_now(app->s) };
	int rc;

	con_queue_opts(app, lv->queue, &o, &floor);
	if (lv->sort_override) {
		o.order = lv->order;
		o.descending = lv->descending;
	}
	f.order = o.order;
	if (reverse)
		o.descending = !o.descending;
	o.limit = limit;
	if (after->set) {
		o.has_after = true;
		o.after_key = after->key;
		o.after_id = after->id;
	} else if (floor && !reverse && !o.descending && o.order == LP_ORDER_DUE) {
		o.has_after = true;
		o.after_key = f.now;
		o.after_id = INT64_MAX;
	}
	f.floor = floor && o.order == LP_ORDER_DUE && o.descending;
	if (lv->query)
		rc = lp_cases_query(app->s, &o, lv->query, fill_row, &f, err);
	else
		rc = lp_cases_list(app->s, &o, fill_row, &f, err);
	if (rc != LP_OK && rc != FILL_STOP)
		return rc;
	*n = f.n;
	return LP_OK;
}

/* ---- drawing ---- */

static void draw_row(struct list_view *lv, int y, const struct con_row *r, bool sel,
		     const struct con_list_layout *l)
{
	struct con_app *app = lv->v.app;
	int x0 = lv->v.r.x;
	int64_t now = lp_session_now(app->s);
	unsigned long base = A_NORMAL;
	char buf[64];

	if (sel)
		base = con_color_attr(CON_COLOR_SELECTED);
	else if (con_is_tagged(app, r->id))
		base = con_color_attr(CON_COLOR_TAGGED);

	con_blank(y, x0, lv->v.r.w, base);
	for (int c = 0; c < CON_COL_COUNT; c++) {
		const struct con_column *col = &l->col[c];
		unsigned long attr = base;
		const char *text = "";
		enum lp_clock_state clock;

		if (!col->shown)
			continue;
		switch (c) {
		case CON_COL_MARK:
			snprintf(buf, sizeof(buf), "%s%s", con_is_tagged(app, r->id) ? "*" : " ",
				 r->escalation ? "^" : " ");
			text = buf;
			break;
		case CON_COL_ID:
			snprintf(buf, sizeof(buf), "%*lld", col->w, (long long)r->id);
			text = buf;
			break;
		case CON_COL_AGE:
			text = lp_duration_short(now - r->created_at, buf, sizeof(buf));
			break;
		case CON_COL_DUE:
			clock = lp_clock_state(r->status, r->due_at, r->paused_at, now);
			if (clock == LP_CLOCK_NONE) {
				text = "-";
				break;
			}
			if (clock == LP_CLOCK_PAUSED) {
				text = lp_clock_state_label(clock);
				break;
			}
			text = lp_duration_short(r->due_at - now, buf, sizeof(buf));
			if (!sel && clock == LP_CLOCK_OVERDUE)
				attr = con_color_attr(CON_COLOR_OVERDUE);
			else if (!sel && clock == LP_CLOCK_DUE_SOON)
				attr = con_color_attr(CON_COLOR_DUE_SOON);
			else if (sel && clock == LP_CLOCK_OVERDUE)
				attr = base | A_BOLD;
			break;
		case CON_COL_STATUS:
			text = lp_status_name(r->status);
			break;
		case CON_COL_AGENCY:
			text = r->agency;
			break;
		case CON_COL_CATEGORY:
			text = r->category;
			break;
		case CON_COL_TITLE:
			text = r->title;
			break;
		}
		con_put(y, x0 + col->x, col->w, text, attr);
	}
}

static void lv_draw(struct con_view *v)
{
	struct list_view *lv = (struct list_view *)v;
	struct con_list_layout l;
	unsigned long head = con_color_attr(CON_COLOR_LABEL) | A_BOLD;

	con_layout_list(v->r.w, &l);
	con_blank(v->r.y, v->r.x, v->r.w, head);
	for (int c = 0; c < CON_COL_COUNT; c++)
		if (l.col[c].shown) {
			char h[64];

			/* The number column is right-aligned, so is its heading. */
			if (c == CON_COL_ID)
				snprintf(h, sizeof(h), "%*s", l.col[c].w, con_column_label(c));
			else
				snprintf(h, sizeof(h), "%s", con_column_label(c));
			con_put(v->r.y, v->r.x + l.col[c].x, l.col[c].w, h, head);
		}
	for (int i = 0; i < v->r.h - 1; i++) {
		if (i < lv->m.n)
			draw_row(lv, v->r.y + 1 + i, &lv->m.rows[i],
				 v->focused && i == lv->m.sel, &l);
		else
			con_blank(v->r.y + 1 + i, v->r.x, v->r.w, A_NORMAL);
	}
	if (lv->m.n == 0)
		con_put(v->r.y + 2, v->r.x + 2, v->r.w - 2, _("No cases in this queue."), A_NORMAL);
}

/* ---- keys ---- */

static int report(struct list_view *lv, int rc)
{
	if (rc != LP_OK)
		con_message(lv->v.app, true, "%s", lv->err.msg);
	return CON_F_REDRAW;
}

static bool row_matches(const struct con_row *r, const char *needle)
{
	char id[32];

	snprintf(id, sizeof(id), "%lld", (long long)r->id);
	return strcasestr(r->title, needle) || strcasestr(r->category, needle) ||
	       strcasestr(r->agency, needle) || strcmp(id, needle) == 0;
}

/* Looks for the search text from the row after the selection, through
 * at most 50 pages (then says where it stopped). */
static int search_next(struct list_view *lv)
{
	struct con_app *app = lv->v.app;

	if (!app->search[0])
		return CON_F_REDRAW;
	for (int pages = 0; pages < 50; pages++) {
		for (int i = pages ? 0 : lv->m.sel + 1; i < lv->m.n; i++)
			if (row_matches(&lv->m.rows[i], app->search)) {
				lv->m.sel = i;
				return CON_F_REDRAW;
			}
		if (!lv->m.more_after)
			break;
		if (con_lm_next_page(&lv->m, &lv->err) != LP_OK)
			return report(lv, lv->err.code);
		lv->m.sel = 0;
	}
	con_message(app, false, _("No match for \"%s\" (searched to the case shown; n goes on)."),
		    app->search);
	return CON_F_REDRAW;
}

static int lv_key(struct con_view *v, enum con_action a, int key)
{
	struct list_view *lv = (struct list_view *)v;
	struct con_app *app = v->app;
	const struct con_row *r = con_lm_selected(&lv->m);
	int page = lv->m.page_size;

	switch (a) {
	case CON_ACT_UP:
		return report(lv, con_lm_up(&lv->m, &lv->err));
	case CON_ACT_DOWN:
		return report(lv, con_lm_down(&lv->m, &lv->err));
	case CON_ACT_PAGE_DOWN:
		if (!lv->m.more_after) {
			lv->m.sel = lv->m.n ? lv->m.n - 1 : 0;
			return CON_F_REDRAW;
		}
		return report(lv, con_lm_next_page(&lv->m, &lv->err));
	case CON_ACT_PAGE_UP:
		if (lv->m.at_first) {
			lv->m.sel = 0;
			return CON_F_REDRAW;
		}
		return report(lv, con_lm_prev_page(&lv->m, &lv->err));
	case CON_ACT_FIRST:
		return report(lv, con_lm_first(&lv->m, &lv->err));
	case CON_ACT_LAST:
		return report(lv, con_lm_last(&lv->m, &lv->err));
	case CON_ACT_ENTER:
		if (r)
			con_open_case(app, r->id);
		return CON_F_REDRAW;
	case CON_ACT_SORT:
		if (lv->floor_now) {
			con_message(app, false,
				    _("This queue is always sorted by due time (r reverses)."));
			return CON_F_REDRAW;
		}
		if (!lv->sort_override) {
			struct lp_list_opts o;
			bool fl;

			con_queue_opts(app, lv->queue, &o, &fl);
			lv->order = o.order;
			lv->descending = o.descending;
		}
		lv->sort_override = true;
		lv->order = lv->order == LP_ORDER_ID ? LP_ORDER_DUE :
			    lv->order == LP_ORDER_DUE ? LP_ORDER_UPDATED : LP_ORDER_ID;
		con_message(app, false, _("Sorted by %s."), lv->order == LP_ORDER_ID ? _("number") :
			    lv->order == LP_ORDER_DUE ? _("due time") : _("last change"));
		return report(lv, con_lm_first(&lv->m, &lv->err));
	case CON_ACT_SORT_REVERSE:
		if (!lv->sort_override) {
			struct lp_list_opts o;
			bool fl;

			con_queue_opts(app, lv->queue, &o, &fl);
			lv->order = o.order;
			lv->descending = o.descending;
			lv->sort_override = true;
		}
		lv->descending = !lv->descending;
		return report(lv, con_lm_first(&lv->m, &lv->err));
	case CON_ACT_TAG:
		if (r) {
			con_toggle_tag(app, r->id);
			con_lm_down(&lv->m, &lv->err);
		}
		return CON_F_REDRAW;
	case CON_ACT_SEARCH:
		if (con_prompt(app, "/", app->search, sizeof(app->search)))
			return search_next(lv);
		return CON_F_REDRAW;
	case CON_ACT_SEARCH_NEXT:
		return search_next(lv);
	default:
		(void)page;
		(void)key;
		return CON_F_UNHANDLED;
	}
}

static void lv_resize(struct con_view *v)
{
	struct list_view *lv = (struct list_view *)v;

	if (con_lm_resize(&lv->m, v->r.h - 1 > 0 ? v->r.h - 1 : 1, &lv->err) != LP_OK)
		con_message(v->app, true, "%s", lv->err.msg);
}

static int lv_refresh(struct con_view *v)
{
	struct list_view *lv = (struct list_view *)v;

	count_limit(lv);
	return report(lv, con_lm_reload(&lv->m, &lv->err));
}

static void lv_destroy(struct con_view *v)
{
	struct list_view *lv = (struct list_view *)v;

	if (!v)
		return;
	con_lm_free(&lv->m);
	lp_query_destroy(lv->query);
	free(lv);
}

static const struct con_view_ops list_ops = {
	.name = "list",
	.keymap = CON_VIEW_LIST,
	.draw = lv_draw,
	.key = lv_key,
	.resize = lv_resize,
	.reload = lv_refresh,
	.destroy = lv_destroy,
};

struct con_view *con_list_view_create(struct con_app *app)
{
	struct list_view *lv = calloc(1, sizeof(*lv));

	if (!lv)
		return NULL;
	lv->v.ops = &list_ops;
	lv->v.app = app;
	lv->queue = app->queue;
	if (!con_lm_init(&lv->m, list_fetch, lv, 20)) {
		free(lv);
		return NULL;
	}
	return &lv->v;
}

void con_list_set_queue(struct con_view *v, int q)
{
	struct list_view *lv = (struct list_view *)v;

	struct lp_list_opts o;

	lv->queue = q;
	lv->sort_override = false;
	/* A limit belongs to the list it narrowed: another queue starts whole. */
	lv->limit[0] = '\0';
	lp_query_destroy(lv->query);
	lv->query = NULL;
	if (con_queue_query(v->app, q) &&
	    lp_query_parse(con_queue_query(v->app, q), &lv->query, &lv->err) != LP_OK)
		con_message(v->app, true, "%s", lv->err.msg);
	con_queue_opts(v->app, q, &o, &lv->floor_now);
	v->app->queue = q;
	if (con_lm_first(&lv->m, &lv->err) != LP_OK)
		con_message(v->app, true, "%s", lv->err.msg);
}

const struct con_row *con_list_selected(struct con_view *v)
{
	return con_lm_selected(&((struct list_view *)v)->m);
}

const char *con_list_sort_name(struct con_view *v)
{
	struct list_view *lv = (struct list_view *)v;
	struct lp_list_opts o;
	bool fl;
	enum lp_case_order order;
	bool desc;

	con_queue_opts(v->app, lv->queue, &o, &fl);
	order = lv->sort_override ? lv->order : o.order;
	desc = lv->sort_override ? lv->descending : o.descending;
	if (order == LP_ORDER_ID)
		return desc ? _("number, newest first") : _("number");
	if (order == LP_ORDER_DUE)
		return desc ? _("due, latest first") : _("due, soonest first");
	return desc ? _("last change, newest first") : _("last change, oldest first");
}

/* Parses the queue's query AND text into *out (NULL when both are empty). */
static int compose(struct list_view *lv, const char *text, struct lp_query **out)
{
	char both[2 * LP_QUERY_MAX_BYTES + 8];

	*out = NULL;
	if (!con_limit_compose(con_queue_query(lv->v.app, lv->queue), text, both, sizeof(both)))
		return lp_error_set(&lv->err, LP_EUSAGE, _("the query is too long"));
	if (!both[0])
		return LP_OK;
	return lp_query_parse(both, out, &lv->err);
}

static void count_limit(struct list_view *lv)
{
	struct con_app *app = lv->v.app;
	struct lp_list_opts o;
	bool floor;

	lv->limit_count = -1;
	if (!lv->limit[0])
		return;
	con_queue_opts(app, lv->queue, &o, &floor);
	if (floor)
		return; /* due soon: counted by the page reads only */
	if (lp_cases_query_count_max(app->s, &o, lv->query, LP_QUEUE_COUNT_CAP, &lv->limit_count,
				     NULL) != LP_OK)
		lv->limit_count = -1;
}

void con_list_set_limit(struct con_view *v, const char *text)
{
	struct list_view *lv = (struct list_view *)v;
	struct con_app *app = v->app;
	struct lp_query *alone = NULL, *q = NULL, *old = lv->query;
	char old_limit[sizeof(lv->limit)];
	int col = 0;
	struct timespec t0;
	double page_ms;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (!text)
		text = "";
	text += strspn(text, " \t");
	if (strlen(text) > LP_QUERY_MAX_BYTES) {
		con_message(app, true, _("The limit is longer than %d bytes."), LP_QUERY_MAX_BYTES);
		return;
	}
	if (text[0] && lp_query_parse_ex(text, &alone, &col, &lv->err) != LP_OK) {
		char l1[sizeof(app->msg2)], l2[sizeof(app->msg)];

		con_caret_lines(_("limit: "), text, col, lv->err.msg, app->lay.cols, l1, sizeof(l1),
				l2, sizeof(l2));
		con_message(app, true, "%s", l2);
		con_safe_line(l1, app->msg2, sizeof(app->msg2));
		return;
	}
	lp_query_destroy(alone);
	if (compose(lv, text, &q) != LP_OK) {
		con_message(app, true, "%s", lv->err.msg);
		return;
	}
	snprintf(old_limit, sizeof(old_limit), "%s", lv->limit);
	snprintf(lv->limit, sizeof(lv->limit), "%s", text);
	lv->query = q;
	if (con_lm_first(&lv->m, &lv->err) != LP_OK) {
		/* Keep the old list when the new one cannot be read. */
		con_message(app, true, "%s", lv->err.msg);
		lp_query_destroy(q);
		lv->query = old;
		snprintf(lv->limit, sizeof(lv->limit), "%s", old_limit);
		{
			struct lp_error e;

			con_lm_first(&lv->m, &e);
		}
		return;
	}
	lp_query_destroy(old);
	page_ms = con_ms_since(&t0);
	count_limit(lv);
	if (app->trace) {
		char what[96];

		snprintf(what, sizeof(what), "limit %.3fms page %.3fms", con_ms_since(&t0),
			 page_ms);
		con_trace(app, what);
	}
	if (text[0])
		con_message(app, false, _("Limited to: %s (l and an empty line show every case)."),
			    text);
	else
		con_message(app, false, "%s", _("Limit cleared."));
}

const char *con_list_limit(struct con_view *v, int64_t *count)
{
	struct list_view *lv = (struct list_view *)v;

	if (count)
		*count = lv->limit_count;
	return lv->limit;
}
