/* caseview.c: one case: its header and the thread of events, public
 * replies and internal notes marked apart; scrolls like a pager. */
#define _GNU_SOURCE /* strcasestr */
#define _XOPEN_SOURCE_EXTENDED 1
#include "app.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include "cases.h"
#include "clock.h"
#include "colors.h"
#include "directory.h"
#include "find.h"
#include "i18n.h"
#include "safetext.h"
#include "session.h"
#include "timefmt.h"

#define CON_SIMILAR_MAX 5

struct cline {
	char *text;              /* safe, fits the width it was wrapped to */
	enum con_color color;
	bool bold;
};

struct case_view {
	struct con_view v;
	int64_t id;
	struct lp_case c;        /* as the officer may see it */
	bool loaded;
	int tz;                  /* handling agency's UTC offset */
	struct cline *lines;
	int n, cap;
	int top;                 /* first line shown */
	int wrapped_w;           /* the width the lines were wrapped to */
	int64_t events;
	char hl[256];            /* words to highlight (a full-text search), "" none */
	int nsim;                /* similar open cases (duplicate suggestions) */
	int64_t sim_ids[CON_SIMILAR_MAX];
	char sim_labels[CON_SIMILAR_MAX][160];
};

static void add(struct case_view *cv, const char *text, size_t len, enum con_color color, bool bold)
{
	struct cline *l;

	if (cv->n == cv->cap) {
		int cap = cv->cap ? cv->cap * 2 : 128;
		struct cline *nl = realloc(cv->lines, (size_t)cap * sizeof(*nl));

		if (!nl)
			return;
		cv->lines = nl;
		cv->cap = cap;
	}
	l = &cv->lines[cv->n];
	l->text = malloc(len + 1);
	if (!l->text)
		return;
	memcpy(l->text, text, len);
	l->text[len] = '\0';
	l->color = color;
	l->bold = bold;
	cv->n++;
}

/* Adds safe text wrapped to width columns (at spaces when it can),
 * each line starting with `indent` spaces. */
static void add_wrapped(struct case_view *cv, const char *raw, int width, int indent,
			enum con_color color)
{
	char *safe = lp_safe_text(raw ? raw : "", raw ? strlen(raw) : 0,
				  LP_SAFE_MULTILINE);
	const char *p;
	int avail = width - indent;
	char pad[16];

	if (!safe)
		return;
	if (avail < 10)
		avail = 10;
	memset(pad, ' ', sizeof(pad));
	pad[indent < 15 ? indent : 15] = '\0';
	p = safe;
	for (;;) {
		const char *nl = strchr(p, '\n');
		const char *end = nl ? nl : p + strlen(p);

		/* One paragraph [p, end). */
		do {
			const char *q = p, *brk = NULL;
			int w = 0;
			mbstate_t st;

			memset(&st, 0, sizeof(st));
			while (q < end) {
				wchar_t wc;
				size_t k = mbrtowc(&wc, q, (size_t)(end - q), &st);
				int cw;

				if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
					k = 1;
					cw = 1;
					memset(&st, 0, sizeof(st));
				} else {
					cw = wc == '\t' ? 1 : wcwidth(wc);
					if (cw < 0)
						cw = 1;
				}
				if (w + cw > avail)
					break;
				if (wc == ' ')
					brk = q;
				w += cw;
				q += k;
			}
			if (q < end && brk && brk > p)
				q = brk;
			{
				char buf[4096];
				size_t len = (size_t)(q - p);

				if (len > sizeof(buf) - 20)
					len = sizeof(buf) - 20;
				snprintf(buf, sizeof(buf), "%s%.*s", pad, (int)len, p);
				add(cv, buf, strlen(buf), color, false);
			}
			if (q == p) /* a character wider than the line: skip it */
				q++;
			p = q;
			while (p < end && *p == ' ')
				p++;
		} while (p < end);
		if (!nl)
			break;
		p = nl + 1;
	}
	free(safe);
}

static void clear_lines(struct case_view *cv)
{
	for (int i = 0; i < cv->n; i++)
		free(cv->lines[i].text);
	cv->n = 0;
}

static void field(struct case_view *cv, const char *label, const char *value)
{
	char safe[512], line[700];
	int pad = 12 - (int)lp_text_width(label); /* by display width, not bytes */

	con_safe_line(value, safe, sizeof(safe));
	snprintf(line, sizeof(line), "%s%*s %s", label, pad > 0 ? pad : 0, "", safe);
	add(cv, line, strlen(line), CON_COLOR_NORMAL, false);
}

struct ev_ctx {
	struct case_view *cv;
	int width;
};

static int add_event(const struct lp_event *e, void *ud)
{
	struct ev_ctx *x = ud;
	struct case_view *cv = x->cv;
	char when[64], head[600], detail[200];
	enum con_color color = CON_COLOR_SYSTEM_EVENT;
	const char *mark = "";

	lp_time_local(e->at, cv->tz, when, sizeof(when));
	if (e->action == LP_ACTION_NOTE) {
		color = CON_COLOR_INTERNAL_NOTE;
		mark = _("INTERNAL NOTE (catatan internal, not shown to the citizen)");
	} else if (e->action == LP_ACTION_REPLY) {
		color = CON_COLOR_PUBLIC_REPLY;
		mark = _("PUBLIC REPLY (balasan, sent to the citizen)");
	} else if (e->action == LP_ACTION_MESSAGE || e->action == LP_ACTION_INTAKE ||
		   e->action == LP_ACTION_FEEDBACK) {
		color = CON_COLOR_TITLE;
		mark = _("from the citizen");
	}
	con_safe_line(e->detail, detail, sizeof(detail));
	snprintf(head, sizeof(head), "── #%lld %s  %s  %s%s%s%s%s", (long long)e->seq, when,
		 e->officer, lp_action_name(e->action), detail[0] ? " " : "", detail,
		 mark[0] ? "  " : "", mark);
	add(cv, "", 0, CON_COLOR_NORMAL, false);
	add(cv, head, strlen(head), color, true);
	if (e->seq > 1 && (e->status_from != e->status_to ||
			   strcmp(e->agency_from, e->agency_to) != 0)) {
		char st[300];
		int k = 0;

		if (e->status_from != e->status_to)
			k = snprintf(st, sizeof(st), "   %s -> %s", lp_status_name(e->status_from),
				     lp_status_name(e->status_to));
		if (strcmp(e->agency_from, e->agency_to) != 0)
			snprintf(st + k, sizeof(st) - (size_t)k, "   %s %s -> %s", _("agency"),
				 e->agency_from, e->agency_to);
		add(cv, st, strlen(st), CON_COLOR_SYSTEM_EVENT, false);
	}
	if (e->text)
		add_wrapped(cv, e->text, x->width, e->action == LP_ACTION_NOTE ? 3 : 3,
			    color == CON_COLOR_SYSTEM_EVENT ? CON_COLOR_NORMAL : color);
	else if (e->action == LP_ACTION_REPLY || e->action == LP_ACTION_NOTE ||
		 e->action == LP_ACTION_MESSAGE)
	{
		char hidden[100];

		snprintf(hidden, sizeof(hidden), "   %s", _("(hidden)"));
		add(cv, hidden, strlen(hidden), CON_COLOR_SYSTEM_EVENT, false);
	}
	cv->events++;
	return 0;
}

static int similar_row(const struct lp_case *c, double score, void *ud)
{
	struct case_view *cv = ud;
	char title[100];

	if (cv->nsim >= CON_SIMILAR_MAX)
		return 1;
	con_safe_line(c->title ? c->title : _("(hidden)"), title, sizeof(title));
	cv->sim_ids[cv->nsim] = c->id;
	snprintf(cv->sim_labels[cv->nsim], sizeof(cv->sim_labels[0]), "%7lld  %5.2f  %-11.11s %s",
		 (long long)c->id, score, c->agency, title);
	cv->nsim++;
	return 0;
}

/* The duplicate suggestions: a short section; M merges into one of them. */
static void add_similar(struct case_view *cv)
{
	struct con_app *app = cv->v.app;
	struct lp_error err;
	char head[200];
	int rc;

	cv->nsim = 0;
	if (!lp_status_is_open(cv->c.status))
		return;
	rc = lp_case_similar(app->s, cv->id, CON_SIMILAR_MAX, similar_row, cv, &err);
	if ((rc != LP_OK && rc != 1) || cv->nsim == 0)
		return;
	add(cv, "", 0, CON_COLOR_NORMAL, false);
	snprintf(head, sizeof(head), "%s  (%s)", _("Similar open cases"),
		 _("M merges this case into one"));
	add(cv, head, strlen(head), CON_COLOR_LABEL, true);
	snprintf(head, sizeof(head), "%7s  %5s  %-11s %s", _("No."), _("Score"), _("Agency"),
		 _("Title"));
	add(cv, head, strlen(head), CON_COLOR_LABEL, false);
	for (int i = 0; i < cv->nsim; i++)
		add(cv, cv->sim_labels[i], strlen(cv->sim_labels[i]), CON_COLOR_NORMAL, false);
}

static int load(struct case_view *cv)
{
	struct con_app *app = cv->v.app;
	struct lp_error err;
	struct lp_agency ag;
	char buf[300], when[64], due[64], t2[64];
	int width = cv->v.r.w > 20 ? cv->v.r.w - 1 : 20;
	struct ev_ctx x = { cv, width };
	int64_t now = lp_session_now(app->s);
	int rc;

	lp_case_clear(&cv->c);
	cv->loaded = false;
	clear_lines(cv);
	rc = lp_case_get(app->s, cv->id, &cv->c, &err);
	if (rc != LP_OK) {
		con_message(app, true, "%s", err.msg);
		return rc;
	}
	cv->loaded = true;
	cv->tz = 420;
	if (lp_agency_get(app->s, cv->c.agency, &ag, NULL) == LP_OK)
		cv->tz = ag.tz_minutes;
	cv->wrapped_w = cv->v.r.w;
	snprintf(buf, sizeof(buf), "%s %lld", _("Case"), (long long)cv->c.id);
	add(cv, buf, strlen(buf), CON_COLOR_TITLE, true);
	if (cv->c.title)
		add_wrapped(cv, cv->c.title, width, 0, CON_COLOR_TITLE);
	else
		add(cv, _("(title hidden: secret case)"), strlen(_("(title hidden: secret case)")),
		    CON_COLOR_TITLE, true);
	snprintf(buf, sizeof(buf), "%s / %s / %s   %s %s", lp_kind_name(cv->c.kind),
		 lp_channel_name(cv->c.channel), lp_privacy_name(cv->c.privacy), _("tracking"),
		 cv->c.tracking_id);
	field(cv, _("Kind"), buf);
	snprintf(buf, sizeof(buf), "%s   %s %s", lp_status_name(cv->c.status), _("category"),
		 cv->c.category);
	field(cv, _("Status"), buf);
	if (cv->c.reporter_name || cv->c.reporter_phone || cv->c.reporter_email) {
		snprintf(buf, sizeof(buf), "%s  %s  %s",
			 cv->c.reporter_name ? cv->c.reporter_name : "",
			 cv->c.reporter_phone ? cv->c.reporter_phone : "",
			 cv->c.reporter_email ? cv->c.reporter_email : "");
		field(cv, _("Reporter"), buf);
	} else {
		field(cv, _("Reporter"),
		      cv->c.masked ? _("(hidden by privacy rules)") : _("(none)"));
	}
	snprintf(buf, sizeof(buf), "%s   %s %s", cv->c.region, _("agency"), cv->c.agency);
	field(cv, _("Region"), buf);
	field(cv, _("Assignee"), cv->c.assignee[0] ? cv->c.assignee : _("(unassigned)"));
	lp_time_local(cv->c.created_at, cv->tz, when, sizeof(when));
	char clock[96];
	lp_clock_describe(&cv->c, now, clock, sizeof(clock));
	if (cv->c.clock_paused_at) {
		char since[200];
		lp_time_local(cv->c.clock_paused_at, cv->tz, due, sizeof(due));
		snprintf(since, sizeof(since), _("%s since %s"), clock, due);
		snprintf(buf, sizeof(buf), "%s   %s %s", since, _("received"), when);
	} else if (cv->c.due_at && lp_status_is_open(cv->c.status)) {
		lp_time_local(cv->c.due_at, cv->tz, due, sizeof(due));
		snprintf(buf, sizeof(buf), "%s (%s; %s)   %s %s", due,
			 lp_duration_short(cv->c.due_at - now, t2, sizeof(t2)), clock,
			 _("received"), when);
	} else {
		snprintf(buf, sizeof(buf), "-   %s %s", _("received"), when);
	}
	field(cv, _("Due"), buf);
	snprintf(buf, sizeof(buf), "%d%s%s   %s %lld", cv->c.escalation,
		 cv->c.escalated_to[0] ? " -> " : "", cv->c.escalated_to, _("version"),
		 (long long)cv->c.version);
	field(cv, _("Escalation"), buf);
	add(cv, "", 0, CON_COLOR_NORMAL, false);
	if (cv->c.body)
		add_wrapped(cv, cv->c.body, width, 0, CON_COLOR_NORMAL);
	else
		add(cv, _("(text hidden: secret case)"), strlen(_("(text hidden: secret case)")),
		    CON_COLOR_SYSTEM_EVENT, false);
	add_similar(cv);
	cv->events = 0;
	rc = lp_case_events(app->s, cv->id, add_event, &x, &err);
	if (rc != LP_OK)
		con_message(app, true, "%s", err.msg);
	if (cv->top > cv->n - 1)
		cv->top = cv->n > 0 ? cv->n - 1 : 0;
	return LP_OK;
}

static void cv_draw(struct con_view *v)
{
	struct case_view *cv = (struct case_view *)v;

	if (cv->wrapped_w != v->r.w && cv->loaded)
		load(cv);
	for (int i = 0; i < v->r.h; i++) {
		int k = cv->top + i;

		if (k < cv->n) {
			unsigned long a = con_color_attr(cv->lines[k].color);

			if (cv->lines[k].bold)
				a |= A_BOLD;
			con_put_hl(v->r.y + i, v->r.x, v->r.w, cv->lines[k].text, cv->hl, a,
				   con_color_attr(CON_COLOR_MATCH));
		} else {
			con_blank(v->r.y + i, v->r.x, v->r.w, A_NORMAL);
		}
	}
}

static int search(struct case_view *cv, int from)
{
	const char *needle = cv->v.app->search;

	for (int i = from; needle[0] && i < cv->n; i++)
		if (strcasestr(cv->lines[i].text, needle)) {
			cv->top = i;
			return CON_F_REDRAW;
		}
	con_message(cv->v.app, false, _("No more matches for \"%s\"."), needle);
	return CON_F_REDRAW;
}

static int cv_key(struct con_view *v, enum con_action a, int key)
{
	struct case_view *cv = (struct case_view *)v;
	int h = v->r.h, max = cv->n - h > 0 ? cv->n - h : 0;

	switch (a) {
	case CON_ACT_UP:
		if (cv->top > 0)
			cv->top--;
		return CON_F_REDRAW;
	case CON_ACT_DOWN:
		if (cv->top < max)
			cv->top++;
		return CON_F_REDRAW;
	case CON_ACT_PAGE_DOWN:
		cv->top = cv->top + h - 1 < max ? cv->top + h - 1 : max;
		return CON_F_REDRAW;
	case CON_ACT_PAGE_UP:
		cv->top = cv->top > h - 1 ? cv->top - (h - 1) : 0;
		return CON_F_REDRAW;
	case CON_ACT_FIRST:
		cv->top = 0;
		return CON_F_REDRAW;
	case CON_ACT_LAST:
		cv->top = max;
		return CON_F_REDRAW;
	case CON_ACT_QUIT:
		return CON_F_CLOSE;
	case CON_ACT_SEARCH:
		if (con_prompt(v->app, "/", v->app->search, sizeof(v->app->search)))
			return search(cv, cv->top);
		return CON_F_REDRAW;
	case CON_ACT_SEARCH_NEXT:
		return search(cv, cv->top + 1);
	default:
		(void)key;
		return CON_F_UNHANDLED;
	}
}

static void cv_resize(struct con_view *v)
{
	struct case_view *cv = (struct case_view *)v;

	if (cv->wrapped_w != v->r.w)
		load(cv);
}

static int cv_refresh(struct con_view *v)
{
	struct case_view *cv = (struct case_view *)v;
	bool at_end = cv->top >= cv->n - v->r.h;

	load(cv);
	/* Following the end (like tail -f): new events come into view. */
	if (at_end)
		cv->top = cv->n - v->r.h > 0 ? cv->n - v->r.h : 0;
	return CON_F_REDRAW;
}

static void cv_destroy(struct con_view *v)
{
	struct case_view *cv = (struct case_view *)v;

	if (!v)
		return;
	clear_lines(cv);
	free(cv->lines);
	lp_case_clear(&cv->c);
	free(cv);
}

static const struct con_view_ops case_ops = {
	.name = "case",
	.keymap = CON_VIEW_CASE,
	.draw = cv_draw,
	.key = cv_key,
	.resize = cv_resize,
	.reload = cv_refresh,
	.destroy = cv_destroy,
};

struct con_view *con_case_view_create(struct con_app *app, int64_t id)
{
	struct case_view *cv = calloc(1, sizeof(*cv));

	if (!cv)
		return NULL;
	cv->v.ops = &case_ops;
	cv->v.app = app;
	cv->id = id;
	return &cv->v;
}

bool con_case_view_current(struct con_view *v, int64_t *id, int64_t *version)
{
	struct case_view *cv = (struct case_view *)v;

	if (!v || !cv->loaded)
		return false;
	*id = cv->c.id;
	*version = cv->c.version;
	return true;
}

int con_case_view_load(struct con_view *v)
{
	return load((struct case_view *)v);
}

const struct lp_case *con_case_view_case(struct con_view *v)
{
	struct case_view *cv = (struct case_view *)v;

	return v && cv->loaded ? &cv->c : NULL;
}

int con_case_view_similar(struct con_view *v, int64_t *ids, char (*labels)[160], int max)
{
	struct case_view *cv = (struct case_view *)v;
	int n = 0;

	if (!v || !cv->loaded)
		return 0;
	for (; n < cv->nsim && n < max; n++) {
		ids[n] = cv->sim_ids[n];
		snprintf(labels[n], 160, "%s", cv->sim_labels[n]);
	}
	return n;
}

void con_case_view_highlight(struct con_view *v, const char *words)
{
	struct case_view *cv = (struct case_view *)v;

	if (v)
		snprintf(cv->hl, sizeof(cv->hl), "%s", words ? words : "");
}
