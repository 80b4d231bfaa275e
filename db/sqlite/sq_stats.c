/* sq_stats.c: `lapor stats` in one scan of an index.
 *
 * The cohort is the cases created in [from, to) within the filter, read
 * through the covering index kase_cohort (003_stats.sql: created_at,
 * agency, status, the clock and the report's columns; INDEXED BY, else
 * an agency filter picks an (agency, ...) index and reads the wide rows
 * at random), never the wide rows nor the events: the first reply, the last close and the end of
 * each measured stage are columns of the case.  SQLite evaluates a
 * dozen aggregate expressions per row slowly (about 0.15 s each per
 * million rows), so the rows are tallied here in C, one pass, per group
 * in a hash table; the medians sort only the durations of their group.
 * The satisfaction figures come from a second statement over the
 * feedback events (index event_feedback), joined to the cohort. */
#include "sq_stats.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "sq_find.h"

static const char *key_expr(enum lp_stats_by by)
{
	switch (by) {
	case LP_STATS_BY_AGENCY:
		return "c.agency";
	case LP_STATS_BY_OFFICER:
		return "c.assignee";
	case LP_STATS_BY_CATEGORY:
		return "c.category";
	case LP_STATS_BY_NONE:
	default:
		return "''";
	}
}

/* A growing array of durations (seconds). */
struct durs {
	int64_t *v;
	size_t n, cap;
};

struct grp {
	char *key;
	struct lp_stats_row r;
	struct durs resp, clos;
};

struct tally {
	struct grp *g;
	size_t n, cap;
	size_t *slot;       /* hash slots: group index + 1, 0 empty */
	size_t nslot;       /* a power of two, at least 2 * cap */
	int64_t now;
};

static int push(struct durs *d, int64_t v)
{
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 64;
		int64_t *p = realloc(d->v, cap * sizeof *p);
		if (!p)
			return -1;
		d->v = p;
		d->cap = cap;
	}
	d->v[d->n++] = v;
	return 0;
}

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static int rehash(struct tally *t, size_t nslot)
{
	size_t *slot = calloc(nslot, sizeof *slot);
	if (!slot)
		return -1;
	for (size_t i = 0; i < t->n; i++) {
		size_t j = hash(t->g[i].key) & (nslot - 1);
		while (slot[j])
			j = (j + 1) & (nslot - 1);
		slot[j] = i + 1;
	}
	free(t->slot);
	t->slot = slot;
	t->nslot = nslot;
	return 0;
}

/* The group of key k, added when new; NULL when out of memory. */
static struct grp *group(struct tally *t, const char *k)
{
	if (t->n + 1 > t->nslot / 2 && rehash(t, t->nslot ? t->nslot * 2 : 64))
		return NULL;
	size_t j = hash(k) & (t->nslot - 1);
	for (; t->slot[j]; j = (j + 1) & (t->nslot - 1))
		if (!strcmp(t->g[t->slot[j] - 1].key, k))
			return &t->g[t->slot[j] - 1];
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		struct grp *g = realloc(t->g, cap * sizeof *g);
		if (!g)
			return NULL;
		t->g = g;
		t->cap = cap;
	}
	struct grp *g = &t->g[t->n];
	memset(g, 0, sizeof *g);
	if (!(g->key = strdup(k)))
		return NULL;
	t->slot[j] = ++t->n;
	return g;
}

static void tally_free(struct tally *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->g[i].key);
		free(t->g[i].resp.v);
		free(t->g[i].clos.v);
	}
	free(t->g);
	free(t->slot);
}

static bool is_null(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL;
}

/* Columns of the cohort statement, from 1 (0 is the key). */
enum { C_T0 = 1, C_STATUS, C_DUE, C_PAUSED, C_STAGE, C_STAGE_COLS, C_REPLIED = C_STAGE_COLS + 6,
       C_CLOSED };

/* Adds one case (the current row of st) to its group. */
static int add_case(struct tally *t, struct grp *g, sqlite3_stmt *st)
{
	struct lp_stats_row *r = &g->r;
	int status = lp_status_parse((const char *)sqlite3_column_text(st, C_STATUS));
	const char *cs = (const char *)sqlite3_column_text(st, C_STAGE);
	int stage = cs ? lp_sla_stage_parse(cs) : -1;
	int64_t t0 = sqlite3_column_int64(st, C_T0), due = sqlite3_column_int64(st, C_DUE);
	bool open = status >= 0 && lp_status_is_open((enum lp_status)status);
	bool late = open && due > 0 && sqlite3_column_int64(st, C_PAUSED) == 0 && due < t->now;
	r->received++;
	r->closed += status == LP_STATUS_CLOSED;
	r->open += open;
	r->overdue += late;
	for (int x = LP_STAGE_VERIFICATION; x <= LP_STAGE_SETTLEMENT; x++) {
		int c = C_STAGE_COLS + 2 * (x - LP_STAGE_VERIFICATION);
		if (stage == x) {
			r->stage_late[x] += late;
		} else if (!is_null(st, c) && !is_null(st, c + 1)) {
			r->stage_ended[x]++;
			r->stage_met[x] +=
				sqlite3_column_int64(st, c + 1) <= sqlite3_column_int64(st, c);
		}
	}
	if (!is_null(st, C_REPLIED)) {
		r->responded++;
		if (push(&g->resp, sqlite3_column_int64(st, C_REPLIED) - t0))
			return -1;
	}
	if (status == LP_STATUS_CLOSED && !is_null(st, C_CLOSED) &&
	    push(&g->clos, sqlite3_column_int64(st, C_CLOSED) - t0))
		return -1;
	return 0;
}

static void where(struct sqlbuf *b, const struct lp_case_filter *f, int64_t from, int64_t to)
{
	sqlbuf_put(b, " WHERE c.created_at >= ");
	sqlbuf_int(b, from);
	sqlbuf_put(b, " AND c.created_at < ");
	sqlbuf_int(b, to);
	qsql_filter(b, &sq_sql, f, true);
}

/* Runs the statement built in b, handing each row to fn; frees b. */
static int run(struct sq_store *q, struct sqlbuf *b, struct tally *t,
	       int (*fn)(struct tally *t, sqlite3_stmt *st), struct lp_error *err)
{
	sqlite3_stmt *st = sqb_prepare(q, b, err);
	int rc = st ? 0 : -err->code;
	while (st && (rc = sq_step(q, st, err)) == SQLITE_ROW)
		if (fn(t, st)) {
			rc = -lp_error_set(err, LP_EIO, _("out of memory"));
			break;
		}
	sqlite3_finalize(st);
	sqlbuf_free(b);
	return rc < 0 ? -rc : LP_OK;
}

static const char *key_of(sqlite3_stmt *st)
{
	const char *k = (const char *)sqlite3_column_text(st, 0);
	return k ? k : "";
}

static int cohort_row(struct tally *t, sqlite3_stmt *st)
{
	struct grp *g = group(t, key_of(st));
	return g ? add_case(t, g, st) : -1;
}

static int rating_row(struct tally *t, sqlite3_stmt *st)
{
	struct grp *g = group(t, key_of(st));
	if (!g)
		return -1;
	g->r.rating_sum += sqlite3_column_int64(st, 1);
	g->r.rating_count += sqlite3_column_int64(st, 2);
	return 0;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* The lower median (of 4 values the 2nd), -1 when none. */
static int64_t median(struct durs *d)
{
	if (!d->n)
		return -1;
	qsort(d->v, d->n, sizeof *d->v, cmp_i64);
	return d->v[(d->n + 1) / 2 - 1];
}

static int cmp_grp(const void *a, const void *b)
{
	return strcmp(((const struct grp *)a)->key, ((const struct grp *)b)->key);
}

int sq_stats(struct lp_store *s, const struct lp_case_filter *f, int64_t from, int64_t to,
	     enum lp_stats_by by, int64_t now, lp_stats_cb cb, void *ud, struct lp_error *err)
{
	if (!f || !cb)
		return lp_error_set(err, LP_EINTERNAL, "stats: missing argument");
	struct sq_store *q = sq(s);
	struct tally t = { .now = now };
	struct sqlbuf b = { 0 };
	sqlbuf_put(&b, "SELECT ");
	sqlbuf_put(&b, key_expr(by));
	sqlbuf_put(&b, ", c.created_at, c.status, c.due_at, c.clock_paused_at, c.clock_stage,"
		    " c.verify_due, c.verified_at, c.respond_due, c.responded_at, c.settle_due,"
		    " c.settled_at, c.replied_at, c.closed_at FROM kase c INDEXED BY kase_cohort");
	where(&b, f, from, to);
	int rc = run(q, &b, &t, cohort_row, err);
	if (rc == LP_OK) {
		memset(&b, 0, sizeof b);
		sqlbuf_put(&b, "SELECT ");
		sqlbuf_put(&b, key_expr(by));
		sqlbuf_put(&b, ", sum(CAST(e.detail AS INTEGER)), count(*) FROM event e"
			    " CROSS JOIN kase c ON c.id = e.case_id AND e.action = 'feedback'");
		where(&b, f, from, to);
		sqlbuf_put(&b, " GROUP BY 1");
		rc = run(q, &b, &t, rating_row, err);
	}
	if (rc == LP_OK && t.n)
		qsort(t.g, t.n, sizeof *t.g, cmp_grp);
	for (size_t i = 0; rc == LP_OK && i < t.n; i++) {
		struct grp *g = &t.g[i];
		g->r.key = g->key;
		g->r.median_response = median(&g->resp);
		g->r.median_closure = median(&g->clos);
		rc = cb(&g->r, ud);
	}
	tally_free(&t);
	return rc;
}
