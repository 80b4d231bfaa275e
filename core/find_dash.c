/* find_dash.c: the supervisor dashboard of the officer's agency subtree:
 * open / due soon / overdue by agency (rolled up to the children of the
 * officer's agency) and by officer, the on-time rate of the last 30
 * days, received and closed per day, and the hot words of the week. */
#include "find.h"

#include <stdlib.h>
#include <string.h>

#include "find_internal.h"
#include "i18n.h"
#include "session.h"
#include "session_internal.h"
#include "sla.h"

#define DAY 86400
#define WEEK (7 * DAY)
#define HOT_MIN 3 /* a hot word appears in at least this many cases this week */

struct rows {
	struct lp_dash_row *v;
	int n, cap;
	bool oom;
};

/* The row for key (added when missing), or NULL when out of memory. */
static struct lp_dash_row *row_for(struct rows *r, const char *key)
{
	for (int i = 0; i < r->n; i++)
		if (strcmp(r->v[i].key, key) == 0)
			return &r->v[i];
	if (r->n == r->cap) {
		int cap = r->cap ? r->cap * 2 : 32;
		void *p = realloc(r->v, (size_t)cap * sizeof *r->v);
		if (!p) {
			r->oom = true;
			return NULL;
		}
		r->v = p;
		r->cap = cap;
	}
	struct lp_dash_row *row = &r->v[r->n++];
	memset(row, 0, sizeof *row);
	lp_strlcpy(row->key, key, sizeof row->key);
	return row;
}

static void add(struct lp_dash_row *to, const struct lp_dash_count *c)
{
	to->open += c->open;
	to->due_soon += c->due_soon;
	to->overdue += c->overdue;
}

struct agency_ctx {
	struct lp_session *s;
	const struct lp_agency *root;
	struct rows rows;
	struct lp_dash_row *total;
};

/* Rolls an agency's counts up to the root itself or its child on the path. */
static int agency_row(const struct lp_dash_count *c, void *ud)
{
	struct agency_ctx *x = ud;
	add(x->total, c);
	const struct lp_agency *a = lp_session_agency_lookup(x->s, c->key, NULL);
	char key[LP_CODE_MAX];
	lp_strlcpy(key, c->key, sizeof key);
	size_t rl = strlen(x->root->path);
	if (a && strncmp(a->path, x->root->path, rl) == 0 && a->path[rl]) {
		const char *seg = a->path + rl;
		size_t n = strcspn(seg, "/");
		if (n < sizeof key) {
			memcpy(key, seg, n);
			key[n] = '\0';
		}
	} else if (a && strcmp(a->code, x->root->code) == 0) {
		lp_strlcpy(key, x->root->code, sizeof key);
	}
	struct lp_dash_row *r = row_for(&x->rows, key);
	if (!r)
		return -1;
	add(r, c);
	return 0;
}

static int officer_row(const struct lp_dash_count *c, void *ud)
{
	struct rows *r = ud;
	struct lp_dash_row *row = row_for(r, c->key);
	if (!row)
		return -1;
	add(row, c);
	return 0;
}

static int by_weight(const void *a, const void *b)
{
	const struct lp_dash_row *x = a, *y = b;
	if (x->overdue != y->overdue)
		return x->overdue < y->overdue ? 1 : -1;
	if (x->open != y->open)
		return x->open < y->open ? 1 : -1;
	return strcmp(x->key, y->key);
}

/* Hot words are counted in a sample: the newest HOT_SAMPLE titles of
 * each week (all of them in a smaller subtree), scaled to the week. */
#define HOT_SAMPLE 3000

struct hot_ctx {
	struct lp_wordcount wc;
	int period;
	int64_t seen;
};

static int hot_title(const char *text, int64_t at, void *ud)
{
	struct hot_ctx *h = ud;
	(void)at;
	h->seen++;
	lp_wordcount_add(&h->wc, text, h->period);
	return h->wc.oom ? -1 : 0;
}

static int by_rise(const void *a, const void *b)
{
	const struct lp_hot_word *x = a, *y = b;
	int64_t dx = x->this_week - x->last_week, dy = y->this_week - y->last_week;
	if (dx != dy)
		return dx < dy ? 1 : -1;
	if (x->this_week != y->this_week)
		return x->this_week < y->this_week ? 1 : -1;
	return strcmp(x->word, y->word);
}

static void insert_hot(struct lp_dashboard *d, const struct lp_hot_word *w)
{
	if (d->n_hot == LP_DASH_HOT && by_rise(w, &d->hot[LP_DASH_HOT - 1]) >= 0)
		return;
	int i = d->n_hot < LP_DASH_HOT ? d->n_hot++ : LP_DASH_HOT - 1;
	while (i > 0 && by_rise(w, &d->hot[i - 1]) < 0) {
		d->hot[i] = d->hot[i - 1];
		i--;
	}
	d->hot[i] = *w;
}

/* A sample count scaled to the week's total (when the sample was cut). */
static int64_t scale(int64_t n, int64_t seen, int64_t total)
{
	if (seen < HOT_SAMPLE || total <= seen)
		return n;
	return (n * total + seen / 2) / seen;
}

static int hot_words(struct lp_session *s, const struct lp_case_filter *f,
		     const struct lp_query_ctx *x, struct lp_dashboard *d, struct lp_error *err)
{
	struct hot_ctx h = { { 0 }, 0, 0 };
	int64_t seen[2] = { 0, 0 }, total[2] = { 0, 0 };
	int rc = LP_OK;
	for (int p = 0; p < 2 && !rc; p++) {
		int64_t to = d->now - p * WEEK;
		h.period = p;
		h.seen = 0;
		rc = lp_store_dash_titles(lp_session_store(s), f, x, to - WEEK, to, HOT_SAMPLE,
					  hot_title, &h, err);
		seen[p] = h.seen;
		for (int i = 0; i < 7; i++)
			total[p] += d->received[LP_DASH_DAYS - 1 - p * 7 - i];
	}
	if (h.wc.oom)
		rc = lp_error_set(err, LP_EINTERNAL, _("out of memory"));
	for (size_t i = 0; !rc && i < h.wc.cap; i++) {
		const struct lp_wordcount_entry *e = &h.wc.e[i];
		if (!e->word[0] || e->n[0] < HOT_MIN)
			continue;
		struct lp_hot_word w;
		lp_strlcpy(w.word, e->word, sizeof w.word);
		w.this_week = scale(e->n[0], seen[0], total[0]);
		w.last_week = scale(e->n[1], seen[1], total[1]);
		if (w.this_week > w.last_week)
			insert_hot(d, &w);
	}
	lp_wordcount_free(&h.wc);
	return rc;
}

static void name_rows(struct lp_session *s, struct lp_dash_row *v, int n, bool agencies)
{
	for (int i = 0; i < n; i++) {
		if (agencies) {
			const struct lp_agency *a = lp_session_agency_lookup(s, v[i].key, NULL);
			lp_strlcpy(v[i].name, a ? a->name : "", sizeof v[i].name);
		} else {
			struct lp_officer o;
			struct lp_error e;
			if (lp_store_officer_get(lp_session_store(s), v[i].key, &o, &e) == LP_OK)
				lp_strlcpy(v[i].name, o.name, sizeof v[i].name);
		}
	}
}

static int fill(struct lp_session *s, struct lp_dashboard *d, struct lp_error *err)
{
	const struct lp_agency *root = lp_session_agency(s);
	struct lp_case_filter f;
	struct lp_query_ctx x;
	lp_case_scope(s, &f);
	lp_query_ctx_from(s, &x);
	lp_strlcpy(d->agency, root->code, sizeof d->agency);
	d->now = x.now;
	d->tz_minutes = root->tz_minutes;
	lp_strlcpy(d->total.key, root->code, sizeof d->total.key);
	lp_strlcpy(d->total.name, root->name, sizeof d->total.name);
	struct lp_store *st = lp_session_store(s);
	int64_t soon = d->now + (int64_t)LP_DASH_SOON_HOURS * 3600;

	struct agency_ctx ax = { s, root, { 0 }, &d->total };
	int rc = lp_store_dash_counts(st, &f, LP_DASH_BY_AGENCY, d->now, soon, agency_row, &ax,
				      err);
	d->by_agency = ax.rows.v;
	d->n_agency = ax.rows.n;
	if (ax.rows.oom)
		return lp_error_set(err, LP_EINTERNAL, _("out of memory"));
	struct rows orows = { 0 };
	if (!rc)
		rc = lp_store_dash_counts(st, &f, LP_DASH_BY_OFFICER, d->now, soon, officer_row,
					  &orows, err);
	d->by_officer = orows.v;
	d->n_officer = orows.n;
	if (orows.oom)
		return lp_error_set(err, LP_EINTERNAL, _("out of memory"));
	if (rc)
		return rc;
	if (d->n_agency)
		qsort(d->by_agency, (size_t)d->n_agency, sizeof *d->by_agency, by_weight);
	if (d->n_officer)
		qsort(d->by_officer, (size_t)d->n_officer, sizeof *d->by_officer, by_weight);
	name_rows(s, d->by_agency, d->n_agency, true);
	name_rows(s, d->by_officer, d->n_officer, false);

	d->first_day = lp_local_day(d->now, d->tz_minutes) - (LP_DASH_DAYS - 1);
	rc = lp_store_dash_ontime(st, &f, d->first_day, &d->on_time, &d->measured, err);
	if (!rc)
		rc = lp_store_dash_days(st, &f, d->first_day, LP_DASH_DAYS, d->tz_minutes,
					d->received, d->closed, err);
	if (!rc)
		rc = hot_words(s, &f, &x, d, err);
	return rc;
}

int lp_dashboard_build(struct lp_session *s, struct lp_dashboard **out, struct lp_error *err)
{
	if (!out)
		return lp_error_set(err, LP_EINTERNAL, "lp_dashboard_build: no result pointer");
	*out = NULL;
	const struct lp_officer *o = s ? lp_session_officer(s) : NULL;
	if (!o || !lp_session_agency(s))
		return lp_error_set(err, LP_EPERM, _("only a registered officer has a dashboard"));
	if (o->role == LP_ROLE_CLERK)
		return lp_error_set(err, LP_EPERM, _("the dashboard is for supervisors, "
				    "coordinators, auditors and admins; a clerk's work is in "
				    "`lapor ls`"));
	struct lp_dashboard *d = calloc(1, sizeof *d);
	if (!d)
		return lp_error_set(err, LP_EINTERNAL, _("out of memory"));
	int rc = fill(s, d, err);
	if (rc) {
		lp_dashboard_destroy(d);
		return rc;
	}
	*out = d;
	return LP_OK;
}

void lp_dashboard_destroy(struct lp_dashboard *d)
{
	if (!d)
		return;
	free(d->by_agency);
	free(d->by_officer);
	free(d);
}
