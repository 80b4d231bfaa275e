/* sq_case_list.c: case lists and counts from a struct lp_case_filter.
 *
 * The SQL text depends only on which filter members are set (not their
 * values), so each shape is built once, prepared once and cached under a
 * key made of those bits; values are always bound.  A list over several
 * statuses is a UNION ALL of one arm per status, each reading an index
 * ((agency, status), (status, due_key), ...) in the wanted order, merged
 * by SQLite's ordered compound select: a page reads about `limit` index
 * entries per status, never the whole queue, and never uses OFFSET. */
#include "sq_case_row.h"
#include "sq_find.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	F_SCOPE_PATH = 1 << 0,
	F_SCOPE_AGENCY = 1 << 1,
	F_AGENCY = 1 << 2,
	F_UNDER = 1 << 3,
	F_ASSIGNEE = 1 << 4,
	F_UNASSIGNED = 1 << 5,
	F_KIND = 1 << 6,
	F_PRIVACY = 1 << 7,
	F_ESCALATED = 1 << 8,
	F_DUE_BEFORE = 1 << 9,
	F_UPDATED_AFTER = 1 << 10,
	F_DESC = 1 << 11,
	F_AFTER = 1 << 12,
	F_LIMIT = 1 << 13,
	F_COUNT = 1 << 14,
	F_NARROW = 1 << 15,  /* under a small subtree: read it agency by agency */
	F_ORDER_SHIFT = 16,  /* 2 bits: enum lp_case_order */
	F_STATUS_SHIFT = 18, /* LP_STATUS_COUNT bits */
};

/* A subtree of at most this many agencies is read through the agency
 * indexes (then sorted) rather than by scanning a status index in order. */
#define NARROW_AGENCIES 12

static const char SQL_SUBTREE_SIZE[] =
	"SELECT count(*) FROM agency WHERE path >= :p AND path < :p || x'ff'";

#define ALL_STATUSES ((1u << LP_STATUS_COUNT) - 1)

struct shape {
	unsigned bits;     /* F_* */
	unsigned statuses; /* effective status mask, never 0 */
	enum lp_case_order order;
};

/* A growing string; on allocation failure `s` becomes NULL and stays so. */
struct buf {
	char *s;
	size_t len, cap;
};

static void put(struct buf *b, const char *text)
{
	if (!b->s)
		return;
	size_t n = strlen(text);
	if (b->len + n + 1 > b->cap) {
		size_t cap = (b->cap + n + 1) * 2;
		char *s = realloc(b->s, cap);
		if (!s) {
			free(b->s);
			b->s = NULL;
			return;
		}
		b->s = s;
		b->cap = cap;
	}
	memcpy(b->s + b->len, text, n + 1);
	b->len += n;
}

static bool set(const char *s)
{
	return s && *s;
}

static unsigned effective_statuses(const struct lp_case_filter *f)
{
	unsigned m = f->status_mask ? f->status_mask : ALL_STATUSES;
	if (f->scope_status_mask)
		m &= f->scope_status_mask;
	return m & ALL_STATUSES;
}

static struct shape shape_of(const struct lp_case_filter *f, bool count)
{
	struct shape sh = { 0, effective_statuses(f), f->order };
	if (sh.order != LP_ORDER_DUE && sh.order != LP_ORDER_UPDATED)
		sh.order = LP_ORDER_ID;
	sh.bits |= set(f->scope_path) ? F_SCOPE_PATH : 0;
	sh.bits |= set(f->scope_agency) ? F_SCOPE_AGENCY : 0;
	sh.bits |= set(f->agency) ? F_AGENCY : 0;
	sh.bits |= set(f->under_path) ? F_UNDER : 0;
	sh.bits |= set(f->assignee) ? F_ASSIGNEE : f->assignee ? F_UNASSIGNED : 0;
	sh.bits |= f->kind >= 0 ? F_KIND : 0;
	sh.bits |= f->privacy >= 0 ? F_PRIVACY : 0;
	sh.bits |= set(f->escalated_to) ? F_ESCALATED : 0;
	sh.bits |= f->due_before ? F_DUE_BEFORE : 0;
	sh.bits |= f->updated_after ? F_UPDATED_AFTER : 0;
	if (count) {
		sh.bits |= F_COUNT;
		sh.order = LP_ORDER_ID;
	} else {
		sh.bits |= f->descending ? F_DESC : 0;
		sh.bits |= f->has_after ? F_AFTER : 0;
		sh.bits |= f->limit > 0 ? F_LIMIT : 0;
	}
	return sh;
}

static uint64_t shape_key(const struct shape *sh)
{
	return SQ_KEY_TAG | sh->bits | (uint64_t)sh->order << F_ORDER_SHIFT |
	       (uint64_t)sh->statuses << F_STATUS_SHIFT;
}

static const char *order_col(enum lp_case_order o)
{
	return o == LP_ORDER_DUE ? "due_key" : o == LP_ORDER_UPDATED ? "updated_at" : "id";
}

/* The conditions every arm shares (after its status term). */
static void put_conditions(struct buf *b, const struct shape *sh)
{
	unsigned x = sh->bits;
	if (x & F_SCOPE_PATH)
		put(b, " AND agency IN (SELECT code FROM agency"
		       " WHERE path >= :sp AND path < :sp || x'ff')");
	if (x & F_UNDER)
		put(b, " AND agency IN (SELECT code FROM agency"
		       " WHERE path >= :up AND path < :up || x'ff')");
	if (x & F_SCOPE_AGENCY)
		put(b, " AND agency = :sa");
	if (x & F_AGENCY)
		put(b, " AND agency = :ag");
	/* The literal terms let SQLite use the partial indexes. */
	if (x & F_ASSIGNEE)
		put(b, " AND assignee = :as AND assignee <> ''");
	if (x & F_UNASSIGNED)
		put(b, " AND assignee = ''");
	if (x & F_ESCALATED)
		put(b, " AND escalated_to = :es AND escalated_to <> ''");
	if (x & F_KIND)
		put(b, " AND kind = :ki");
	if (x & F_PRIVACY)
		put(b, " AND privacy = :pr");
	if (x & F_DUE_BEFORE)
		put(b, " AND due_key < :db"); /* a case without a clock has the largest key */
	if (x & F_UPDATED_AFTER)
		put(b, " AND updated_at >= :ua");
	if (x & F_AFTER) {
		const char *op = x & F_DESC ? "<" : ">";
		char t[96];
		if (sh->order == LP_ORDER_ID)
			snprintf(t, sizeof t, " AND id %s :ai", op);
		else
			snprintf(t, sizeof t, " AND (%s, id) %s (:ak, :ai)", order_col(sh->order),
				 op);
		put(b, t);
	}
}

static char *build_count(const struct shape *sh)
{
	struct buf b = { malloc(256), 0, 256 };
	put(&b, "SELECT count(*) FROM kase WHERE status IN (");
	bool first = true;
	for (int i = 0; i < LP_STATUS_COUNT; i++) {
		if (!(sh->statuses & 1u << i))
			continue;
		char t[16];
		snprintf(t, sizeof t, "%s:s%d", first ? "" : ", ", i);
		put(&b, t);
		first = false;
	}
	put(&b, ")");
	put_conditions(&b, sh);
	return b.s;
}

/* Without statistics SQLite prefers scanning an index in the wanted order;
 * for an officer's cases, an escalation queue or a small subtree reading
 * the few matching rows and sorting them is far cheaper. */
static const char *index_hint(const struct shape *sh)
{
	if (sh->bits & F_ASSIGNEE)
		return " INDEXED BY kase_assignee_status";
	if (sh->bits & F_ESCALATED)
		return " INDEXED BY kase_escalated";
	if (!(sh->bits & F_NARROW))
		return "";
	if (sh->order == LP_ORDER_DUE)
		return " INDEXED BY kase_agency_status_due";
	if (sh->order == LP_ORDER_UPDATED)
		return " INDEXED BY kase_agency_status_updated";
	return " INDEXED BY kase_agency_status";
}

static char *build_list(const struct shape *sh)
{
	struct buf b = { malloc(1024), 0, 1024 };
	const char *dir = sh->bits & F_DESC ? " DESC" : "";
	char t[128];
	bool first = true;
	for (int i = 0; i < LP_STATUS_COUNT; i++) {
		if (!(sh->statuses & 1u << i))
			continue;
		if (!first)
			put(&b, " UNION ALL ");
		put(&b, "SELECT " SQ_CASE_COLS ", due_key AS k_due FROM kase");
		put(&b, index_hint(sh));
		put(&b, " WHERE status = ");
		snprintf(t, sizeof t, ":s%d", i);
		put(&b, t);
		put_conditions(&b, sh);
		first = false;
	}
	if (sh->order == LP_ORDER_ID)
		snprintf(t, sizeof t, " ORDER BY id%s", dir);
	else
		snprintf(t, sizeof t, " ORDER BY %s%s, id%s",
			 sh->order == LP_ORDER_DUE ? "k_due" : "updated_at", dir, dir);
	put(&b, t);
	if (sh->bits & F_LIMIT)
		put(&b, " LIMIT :lim");
	return b.s;
}

static char *build(const void *ctx)
{
	const struct shape *sh = ctx;
	return sh->bits & F_COUNT ? build_count(sh) : build_list(sh);
}

static void bind_filter(sqlite3_stmt *st, const struct lp_case_filter *f,
			const struct shape *sh)
{
	static const char *const sn[] = { ":s0", ":s1", ":s2", ":s3", ":s4", ":s5", ":s6",
					  ":s7", ":s8", ":s9" };
	for (int i = 0; i < LP_STATUS_COUNT && i < 10; i++)
		if (sh->statuses & 1u << i)
			sq_bind_text(st, sn[i], lp_status_name((enum lp_status)i));
	sq_bind_text(st, ":sp", f->scope_path);
	sq_bind_text(st, ":up", f->under_path);
	sq_bind_text(st, ":sa", f->scope_agency);
	sq_bind_text(st, ":ag", f->agency);
	sq_bind_text(st, ":as", f->assignee);
	sq_bind_text(st, ":es", f->escalated_to);
	if (f->kind >= 0)
		sq_bind_text(st, ":ki", lp_kind_name((enum lp_kind)f->kind));
	if (f->privacy >= 0)
		sq_bind_text(st, ":pr", lp_privacy_name((enum lp_privacy)f->privacy));
	sq_bind_int64(st, ":db", f->due_before);
	sq_bind_int64(st, ":ua", f->updated_after);
	int64_t key = f->after_key;
	if (sh->order == LP_ORDER_DUE && key == 0)
		key = INT64_MAX; /* the due_key of a case without a clock */
	sq_bind_int64(st, ":ak", key);
	sq_bind_int64(st, ":ai", f->after_id);
	sq_bind_int64(st, ":lim", f->limit);
}

/* Lowers *n to the number of agencies under `path` if that is smaller. */
static int subtree_size(struct sq_store *q, const char *path, int64_t *n, struct lp_error *err)
{
	sqlite3_stmt *st = sq_stmt(q, SQL_SUBTREE_SIZE, err);
	if (!st)
		return err->code;
	sq_bind_text(st, ":p", path);
	int rc = sq_step(q, st, err);
	if (rc == SQLITE_ROW && sqlite3_column_int64(st, 0) < *n)
		*n = sqlite3_column_int64(st, 0);
	sq_release(q, st);
	return rc < 0 ? -rc : LP_OK;
}

int sq_case_list(struct lp_store *s, const struct lp_case_filter *f, lp_case_cb cb, void *ud,
		 struct lp_error *err)
{
	struct sq_store *q = sq(s);
	struct lp_case_filter none;
	if (!f) {
		lp_case_filter_init(&none);
		f = &none;
	}
	struct shape sh = shape_of(f, false);
	if (!sh.statuses)
		return LP_OK;
	if (!(sh.bits & (F_AGENCY | F_SCOPE_AGENCY)) && (sh.bits & (F_SCOPE_PATH | F_UNDER))) {
		int64_t n = INT64_MAX;
		int rc = LP_OK;
		if (sh.bits & F_SCOPE_PATH)
			rc = subtree_size(q, f->scope_path, &n, err);
		if (!rc && (sh.bits & F_UNDER))
			rc = subtree_size(q, f->under_path, &n, err);
		if (rc)
			return rc;
		if (n <= NARROW_AGENCIES)
			sh.bits |= F_NARROW;
	}
	sqlite3_stmt *st = sq_stmt_keyed(q, shape_key(&sh), build, &sh, err);
	if (!st)
		return err->code;
	bind_filter(st, f, &sh);
	int rc, stop = 0;
	while ((rc = sq_step(q, st, err)) == SQLITE_ROW) {
		struct lp_case c;
		stop = sq_case_read(st, &c, err);
		if (!stop) {
			stop = cb(&c, ud);
			lp_case_clear(&c);
		}
		if (stop)
			break;
	}
	sq_release(q, st);
	return stop ? stop : rc < 0 ? -rc : LP_OK;
}

int sq_case_count(struct lp_store *s, const struct lp_case_filter *f, int64_t *out,
		  struct lp_error *err)
{
	struct sq_store *q = sq(s);
	struct lp_case_filter none;
	if (!f) {
		lp_case_filter_init(&none);
		f = &none;
	}
	*out = 0;
	struct shape sh = shape_of(f, true);
	if (!sh.statuses)
		return LP_OK;
	bool done = false; /* open cases from their tallies (sq_queue.c) */
	int trc = sq_case_count_tallied(q, f, out, &done, err);
	if (trc || done)
		return trc;
	sqlite3_stmt *st = sq_stmt_keyed(q, shape_key(&sh), build, &sh, err);
	if (!st)
		return err->code;
	bind_filter(st, f, &sh);
	int rc = sq_step(q, st, err);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	sq_release(q, st);
	return rc < 0 ? -rc : LP_OK;
}
