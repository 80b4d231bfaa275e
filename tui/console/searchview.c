/* searchview.c: full-text search (lp_search) as a list of ranked hits,
 * two lines each: the case, then where it matched with the snippet, the
 * searched words highlighted.  Enter opens the case with the same words
 * highlighted; upper-case keys act on the selected hit's case. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "app.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "colors.h"
#include "find.h"
#include "i18n.h"
#include "safetext.h"

#define SEARCH_LIMIT 200 /* hits read, best first */

struct hit {
	int64_t id, version;
	int status;
	char agency[LP_CODE_MAX];
	char title[200];         /* safe */
	char where[16];
	char *snippet;           /* safe, markers removed; NULL when none (owned) */
};

struct search_view {
	struct con_view v;
	char text[256];
	struct hit *hits;
	int n, sel, top;
};

static void clear_hits(struct search_view *sv)
{
	for (int i = 0; i < sv->n; i++)
		free(sv->hits[i].snippet);
	sv->n = 0;
}

/* A safe single-line copy of the snippet without the highlight markers
 * (the drawing highlights the searched words itself). */
static char *plain_snippet(const char *s)
{
	char *safe, *o;

	if (!s)
		return NULL;
	safe = lp_safe_text(s, strlen(s), 0);
	if (!safe)
		return NULL;
	o = safe;
	for (const char *p = safe; *p; p++)
		if (*p != LP_HL_ON[0] && *p != LP_HL_OFF[0])
			*o++ = *p;
	*o = '\0';
	return safe;
}

static int add_hit(const struct lp_find_hit *h, void *ud)
{
	struct search_view *sv = ud;
	struct hit *x;

	if (sv->n >= SEARCH_LIMIT)
		return 1;
	x = &sv->hits[sv->n++];
	memset(x, 0, sizeof(*x));
	x->id = h->c->id;
	x->version = h->c->version;
	x->status = h->c->status;
	lp_strlcpy(x->agency, h->c->agency, sizeof(x->agency));
	con_safe_line(h->c->title ? h->c->title : _("(hidden)"), x->title, sizeof(x->title));
	lp_strlcpy(x->where, h->where ? h->where : "", sizeof(x->where));
	x->snippet = plain_snippet(h->snippet);
	return 0;
}

static int run_search(struct search_view *sv)
{
	struct con_app *app = sv->v.app;
	struct lp_error err;
	int64_t keep = sv->n ? sv->hits[sv->sel].id : 0;
	int rc;

	clear_hits(sv);
	rc = lp_search(app->s, sv->text, SEARCH_LIMIT, add_hit, sv, &err);
	if (rc != LP_OK && rc != 1) {
		con_message(app, true, "%s", err.msg);
		return rc;
	}
	sv->sel = 0;
	for (int i = 0; i < sv->n; i++)
		if (sv->hits[i].id == keep)
			sv->sel = i;
	return LP_OK;
}

/* Where a hit matched (core's code: title, body, reply, note, message),
 * in the officer's language. */
static const char *where_label(const char *where)
{
	static const char *const codes[][2] = {
		{ "title", N_("title") }, { "body", N_("body") }, { "reply", N_("reply") },
		{ "note", N_("note") }, { "message", N_("message") },
	};

	for (size_t i = 0; where && i < sizeof(codes) / sizeof(codes[0]); i++)
		if (strcmp(where, codes[i][0]) == 0)
			return _(codes[i][1]);
	return where ? where : "";
}

static int per_page(struct search_view *sv)
{
	int rows = (sv->v.r.h - 1) / 2;

	return rows > 0 ? rows : 1;
}

static void sv_draw(struct con_view *v)
{
	struct search_view *sv = (struct search_view *)v;
	struct con_app *app = v->app;
	unsigned long head = con_color_attr(CON_COLOR_LABEL) | A_BOLD;
	unsigned long match = con_color_attr(CON_COLOR_MATCH);
	char line[512];
	int page = per_page(sv);

	if (sv->sel < sv->top)
		sv->top = sv->sel;
	if (sv->sel >= sv->top + page)
		sv->top = sv->sel - page + 1;
	snprintf(line, sizeof(line), _("%d best matches for \"%s\" (Enter opens, q goes back)"),
		 sv->n, sv->text);
	con_put(v->r.y, v->r.x, v->r.w, line, head);
	for (int i = 0; i < page; i++) {
		int k = sv->top + i, y = v->r.y + 1 + 2 * i;
		bool sel = v->focused && k == sv->sel;
		unsigned long base = sel ? con_color_attr(CON_COLOR_SELECTED) : A_NORMAL;
		const struct hit *h = k < sv->n ? &sv->hits[k] : NULL;

		if (!h) {
			con_blank(y, v->r.x, v->r.w, A_NORMAL);
			if (y + 1 < v->r.y + v->r.h)
				con_blank(y + 1, v->r.x, v->r.w, A_NORMAL);
			continue;
		}
		snprintf(line, sizeof(line), "%7lld  %-11s %-11s ", (long long)h->id,
			 lp_status_name(h->status), h->agency);
		con_put(y, v->r.x, v->r.w, line, base);
		{
			int lw = (int)lp_text_width(line);

			if (lw < v->r.w)
				con_put_hl(y, v->r.x + lw, v->r.w - lw, h->title, sv->text, base,
					   sel ? base : match);
		}
		if (y + 1 >= v->r.y + v->r.h)
			break;
		snprintf(line, sizeof(line), "         %s: ", where_label(h->where));
		con_put(y + 1, v->r.x, v->r.w, line, con_color_attr(CON_COLOR_SYSTEM_EVENT));
		{
			int lw = (int)lp_text_width(line);

			if (lw < v->r.w && h->snippet)
				con_put_hl(y + 1, v->r.x + lw, v->r.w - lw, h->snippet, sv->text,
					   A_NORMAL, match);
		}
	}
	if (sv->n == 0)
		con_put(v->r.y + 2, v->r.x + 2, v->r.w - 2, _("Nothing found."), A_NORMAL);
	(void)app;
}

static int sv_key(struct con_view *v, enum con_action a, int key)
{
	struct search_view *sv = (struct search_view *)v;
	struct con_app *app = v->app;
	int page = per_page(sv);

	(void)key;
	switch (a) {
	case CON_ACT_UP:
		if (sv->sel > 0)
			sv->sel--;
		return CON_F_REDRAW;
	case CON_ACT_DOWN:
		if (sv->sel + 1 < sv->n)
			sv->sel++;
		return CON_F_REDRAW;
	case CON_ACT_PAGE_DOWN:
		sv->sel = sv->sel + page < sv->n ? sv->sel + page : (sv->n ? sv->n - 1 : 0);
		return CON_F_REDRAW;
	case CON_ACT_PAGE_UP:
		sv->sel = sv->sel > page ? sv->sel - page : 0;
		return CON_F_REDRAW;
	case CON_ACT_FIRST:
		sv->sel = 0;
		return CON_F_REDRAW;
	case CON_ACT_LAST:
		sv->sel = sv->n ? sv->n - 1 : 0;
		return CON_F_REDRAW;
	case CON_ACT_ENTER:
		if (sv->n) {
			con_open_case(app, sv->hits[sv->sel].id);
			if (app->casev)
				con_case_view_highlight(app->casev, sv->text);
		}
		return CON_F_REDRAW;
	case CON_ACT_SORT:
	case CON_ACT_SORT_REVERSE:
	case CON_ACT_LIMIT:
		con_message(app, false, _("Search results are ranked, best first."));
		return CON_F_REDRAW;
	default:
		return CON_F_UNHANDLED;
	}
}

static void sv_resize(struct con_view *v)
{
	(void)v;
}

static int sv_reload(struct con_view *v)
{
	run_search((struct search_view *)v);
	return CON_F_REDRAW;
}

static bool sv_current(struct con_view *v, int64_t *id, int64_t *version)
{
	struct search_view *sv = (struct search_view *)v;

	if (!sv->n)
		return false;
	*id = sv->hits[sv->sel].id;
	*version = sv->hits[sv->sel].version;
	return true;
}

static void sv_destroy(struct con_view *v)
{
	struct search_view *sv = (struct search_view *)v;

	if (!v)
		return;
	clear_hits(sv);
	free(sv->hits);
	free(sv);
}

static const struct con_view_ops search_ops = {
	.name = N_("search results"),
	.keymap = CON_VIEW_LIST,
	.draw = sv_draw,
	.key = sv_key,
	.resize = sv_resize,
	.reload = sv_reload,
	.destroy = sv_destroy,
	.current = sv_current,
};

void con_search_open(struct con_app *app, const char *text)
{
	struct search_view *sv = calloc(1, sizeof(*sv));
	struct timespec t0;

	if (sv)
		sv->hits = calloc(SEARCH_LIMIT, sizeof(*sv->hits));
	if (!sv || !sv->hits) {
		free(sv);
		con_message(app, true, "%s", _("out of memory"));
		return;
	}
	sv->v.ops = &search_ops;
	sv->v.app = app;
	sv->v.r = app->list->r;
	snprintf(sv->text, sizeof(sv->text), "%s", text);
	snprintf(app->find, sizeof(app->find), "%s", text);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (run_search(sv) != LP_OK) {
		sv_destroy(&sv->v);
		return;
	}
	if (app->trace) {
		char what[64];

		snprintf(what, sizeof(what), "search %.3fms", con_ms_since(&t0));
		con_trace(app, what);
	}
	if (app->casev) {
		app->casev->ops->destroy(app->casev);
		app->casev = NULL;
	}
	if (app->over)
		app->over->ops->destroy(app->over);
	app->over = &sv->v;
	app->narrow_queues = false;
	app->focus = &sv->v;
}
