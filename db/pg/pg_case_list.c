/* pg_case_list.c: case lists (keyset pages) and counts on PostgreSQL.
 *
 * The statement is built from the filter's shape (which conditions are
 * present, the order, the relation read) and prepared once per shape and
 * connection; the values are always parameters.  A list without a limit
 * is read PG_PAGE_ROWS rows per round trip, each page starting after the
 * last row of the previous one, so memory does not grow with the table. */
#include "pg_internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg_case_sql.h"

enum shape_bit {
	SH_SCOPE_PATH = 1 << 0,
	SH_SCOPE_AGENCY = 1 << 1,
	SH_SCOPE_STATUS = 1 << 2,
	SH_STATUS = 1 << 3,
	SH_AGENCY = 1 << 4,
	SH_UNDER = 1 << 5,
	SH_ASSIGNEE = 1 << 6,
	SH_KIND = 1 << 7,
	SH_PRIVACY = 1 << 8,
	SH_ESCALATED = 1 << 9,
	SH_DUE_BEFORE = 1 << 10,
	SH_UPDATED_AFTER = 1 << 11,
	SH_DESC = 1 << 12,
	SH_AFTER = 1 << 13,
	SH_MASKED = 1 << 14,
	SH_COUNT = 1 << 15,
	SH_ORDER_SHIFT = 16, /* two bits: enum lp_case_order */
	SH_STATUS_ONE = 1 << 18, /* one status: "=" (an index on (agency, status, id)
				  * then gives the id order; "= ANY" does not) */
	SH_MERGE = 1 << 19,      /* read per (agency | assignee, status), merged (merge_page) */
};

/* Pairs of (agency, status) a page may read one by one (merge_page). */
#define PG_MERGE_MAX 16

/* Status names as a text[] literal: "{new,assigned}" (names are plain
 * lower-case words). */
static void status_array(unsigned mask, char *buf, size_t n)
{
	size_t len = 0;
	buf[len++] = '{';
	for (int st = 0; st < LP_STATUS_COUNT; st++) {
		if (!(mask & (1u << st)))
			continue;
		len += (size_t)snprintf(buf + len, n - len, "%s%s", len > 1 ? "," : "",
					lp_status_name((enum lp_status)st));
	}
	snprintf(buf + len, n - len, "}");
}

/* What a merged page's pairs are made of, besides a status. */
enum merge_axis {
	MERGE_NONE,     /* not merged */
	MERGE_AGENCIES, /* (agency, status) */
	MERGE_ASSIGNEE, /* (assignee, status): one officer's cases */
};

struct built {
	char sql[16384];
	size_t len;
	struct pg_params p;
	char scope_status[160];
	char status[160];
	unsigned shape;
	/* A merged page (merge_page): what its pairs are made of, the pairs'
	 * first members (agencies, or the one assignee) and statuses as text[]
	 * expressions of the parameters, the agency and status conditions
	 * (tested on each pair's values), and where the case's other
	 * conditions start. */
	enum merge_axis axis;
	char firsts[32], statuses[32], merge_status[160];
	int n_firsts;
	struct pair_cond {
		bool agency; /* on the agency (else the status) */
		bool any;    /* "= ANY ($n::text[])" (else "= $n") */
		int param;
	} pair[6];
	int n_pair;
	size_t conds_at;
};

/* How many codes an array literal "{a,b}" holds. */
static int array_len(const char *lit)
{
	if (!lit || !strcmp(lit, "{}"))
		return 0;
	int n = 1;
	for (const char *c = lit; *c; c++)
		n += *c == ',';
	return n;
}

static int popcount(unsigned m)
{
	int n = 0;
	for (; m; m &= m - 1)
		n++;
	return n;
}

/* Appends to the statement text (never values: only $n numbers).  Text
 * past the buffer is cut (the server then refuses the statement), never
 * written beyond it. */
#define ADD(b, ...) \
	((b)->len += (b)->len < sizeof (b)->sql \
		     ? (size_t)snprintf((b)->sql + (b)->len, sizeof (b)->sql - (b)->len, __VA_ARGS__) \
		     : 0)

static const char *order_col(enum lp_case_order o)
{
	return o == LP_ORDER_DUE ? "k.due_key" : o == LP_ORDER_UPDATED ? "k.updated_at" : NULL;
}

/* A page of a few agencies and statuses, read per (agency, status) pair
 * and merged (or one officer's cases, per (assignee, status) pair, with
 * the index (assignee, status, due_key | id); the agency conditions then
 * stay on the case's column): for each pair of the two lists (unnest),
 * its index ((agency, status, due_key | updated_at | id)) is read in
 * order up to the page's size (LATERAL ... LIMIT), and the pairs' rows
 * are sorted to keep the page.  One scan of the agencies' rows read
 * every row of every pair and sorted them: a supervisor's "Recently
 * closed" (3 agencies, closed in the last week: 5,379 cases at
 * 1,000,000) read them all to keep 47, 16 ms.  Each pair reads at most
 * a page; the pairs' agencies and statuses are values of the join, so
 * the statement names the case table once.  A UNION ALL of one ordered
 * scan per pair, which PostgreSQL merged, read fewer rows but named the
 * table (and its row-level security policy, and its 21 indexes) once per
 * pair: a supervisor's "Overdue" (3 agencies, 5 statuses) took 5 to 20
 * ms to plan, where this takes under 1.  The statuses are those the
 * filter's lists both allow; its agency conditions are tested on the
 * pair's agency (on the case's column, an "= ANY" beside the pair's "="
 * made PostgreSQL read the pair unordered and sort it); its other
 * conditions, from conds_at, the keyset's too, apply inside each pair.
 * Only the statuses both lists allow are pairs. */
static void merge_page(struct built *b, bool masked, const char *key, const char *dir,
		       int lim)
{
	char conds[sizeof b->sql];
	lp_strlcpy(conds, b->sql + b->conds_at, sizeof conds);
	b->shape |= SH_MERGE;
	b->len = 0;
	ADD(b, "SELECT " PG_CASE_COLS " FROM %s k WHERE k.id = ANY (ARRAY(SELECT x.id FROM"
	       " unnest(%s) pf(v) CROSS JOIN unnest(%s) ps(v) CROSS JOIN LATERAL"
	       " (SELECT k.id, %s AS key FROM kase k WHERE %s = pf.v AND k.status = ps.v",
	    masked ? "case_visible" : "kase", b->firsts, b->statuses, key,
	    b->axis == MERGE_ASSIGNEE ? "k.assignee" : "k.agency");
	/* The assignee index holds assigned cases only (WHERE assignee <>
	 * ''): said on the column, since the pair's value is not a constant
	 * the planner could test against it (without this, a supervisor's "My
	 * cases" read the whole subtree: 1 s at 1,000,000 cases). */
	if (b->axis == MERGE_ASSIGNEE)
		ADD(b, " AND k.assignee <> ''");
	for (int c = 0; c < b->n_pair; c++)
		ADD(b, b->pair[c].any ? " AND %s = ANY ($%d::text[])" : " AND %s = $%d",
		    b->pair[c].agency ? "pf.v" : "ps.v", b->pair[c].param);
	ADD(b, "%s ORDER BY %s%s, k.id%s LIMIT $%d) x ORDER BY x.key%s, x.id%s LIMIT $%d))"
	       " ORDER BY %s%s, k.id%s", conds, key, dir, dir, lim, dir, dir, lim, key, dir, dir);
}

/* An agency or status condition: on the case's column, or in a merged
 * page kept for its pairs.  An agency subtree is the codes under its path
 * (pg_subtree_codes), an array known when the statement is planned (see
 * pg_query.c). */
static void cond(struct built *b, bool agency, bool any, int n)
{
	if (b->axis == MERGE_AGENCIES && b->n_pair < (int)(sizeof b->pair / sizeof *b->pair)) {
		b->pair[b->n_pair++] = (struct pair_cond){ agency, any, n };
		return;
	}
	const char *col = agency ? "k.agency" : "k.status";
	if (any)
		ADD(b, " AND %s = ANY ($%d::text[])", col, n);
	else
		ADD(b, " AND %s = $%d", col, n);
}

/* Keeps parameter n (a text[] of `count` codes, or one code) as the
 * agencies merge_page reads when it is the narrowest list so far. */
static void keep_agencies(struct built *b, int count, bool array, int n)
{
	if (b->axis == MERGE_ASSIGNEE || count <= 0 || (b->n_firsts > 0 && count >= b->n_firsts))
		return;
	b->n_firsts = count;
	if (array)
		snprintf(b->firsts, sizeof b->firsts, "$%d::text[]", n);
	else
		snprintf(b->firsts, sizeof b->firsts, "ARRAY[$%d::text]", n);
}

/* The statuses both of f's status lists allow (0: none, or no list). */
static unsigned merge_statuses(const struct lp_case_filter *f)
{
	if (!f->status_mask && !f->scope_status_mask)
		return 0;
	return (f->status_mask ? f->status_mask : ~0u) &
	       (f->scope_status_mask ? f->scope_status_mask : ~0u) &
	       ((1u << LP_STATUS_COUNT) - 1);
}

/* Whether f's page is read pair by pair (merge_page), and by what: one
 * officer's cases (an assignee, with index kase_assignee_status_due) or a
 * few agencies (the narrowest of its lists), times a few statuses. */
static enum merge_axis merges(const struct lp_case_filter *f, bool count, int limit,
			      const char *scope, const char *under)
{
	/* An escalation has an index of its own; kind and privacy would be
	 * read past in every pair. */
	if (count || limit <= 0 || (f->escalated_to && *f->escalated_to) || f->kind >= 0 ||
	    f->privacy >= 0)
		return MERGE_NONE;
	int n_ag = 0;
	const int lists[] = {
		f->scope_path && *f->scope_path ? array_len(scope) : -1,
		f->scope_agency && *f->scope_agency ? 1 : -1,
		f->agency && *f->agency ? 1 : -1,
		f->under_path && *f->under_path ? array_len(under) : -1,
	};
	for (size_t i = 0; i < sizeof lists / sizeof *lists; i++) {
		if (lists[i] == 0)
			return MERGE_NONE; /* an empty subtree: nothing to merge */
		if (lists[i] > 0 && (n_ag == 0 || lists[i] < n_ag))
			n_ag = lists[i];
	}
	int n_st = popcount(merge_statuses(f));
	if (n_st == 0)
		return MERGE_NONE;
	/* "" (unclaimed) is not in the assignee index. */
	if (f->assignee)
		return *f->assignee && n_st <= PG_MERGE_MAX ? MERGE_ASSIGNEE : MERGE_NONE;
	return n_ag > 0 && n_ag * n_st <= PG_MERGE_MAX ? MERGE_AGENCIES : MERGE_NONE;
}

/* Builds the statement and its parameters for f; `count` for a count;
 * scope and under: the codes under f's scope_path and under_path.  A
 * masked reader's rows are found in kase (row-level security, the same
 * rule as case_visible's) and only the page's ids read through
 * case_visible, as pg_query.c does; its counts are kase's. */
static void build(struct built *b, const struct lp_case_filter *f, bool masked, bool count,
		  int limit, const char *scope, const char *under)
{
	memset(b, 0, sizeof *b);
	b->shape = (masked ? SH_MASKED : 0) | (count ? SH_COUNT : 0);
	if (count)
		b->len = (size_t)snprintf(b->sql, sizeof b->sql, "SELECT count(*) FROM kase k"
					  " WHERE true");
	else if (masked)
		b->len = (size_t)snprintf(b->sql, sizeof b->sql, "SELECT " PG_CASE_COLS " FROM"
					  " case_visible k WHERE k.id = ANY (ARRAY(SELECT k.id"
					  " FROM kase k WHERE true");
	else
		b->len = (size_t)snprintf(b->sql, sizeof b->sql, "SELECT " PG_CASE_COLS " FROM"
					  " kase k WHERE true");
	b->conds_at = b->len;
	b->axis = merges(f, count, limit, scope, under);
	struct pg_params *p = &b->p;
	if (f->scope_path && *f->scope_path) {
		b->shape |= SH_SCOPE_PATH;
		int n = pp_text(p, scope);
		cond(b, true, true, n);
		keep_agencies(b, array_len(scope), true, n);
	}
	if (f->scope_agency && *f->scope_agency) {
		b->shape |= SH_SCOPE_AGENCY;
		int n = pp_text(p, f->scope_agency);
		cond(b, true, false, n);
		keep_agencies(b, 1, false, n);
	}
	/* A merged page reads the statuses both lists allow (below). */
	if (f->scope_status_mask) {
		b->shape |= SH_SCOPE_STATUS;
		status_array(f->scope_status_mask, b->scope_status, sizeof b->scope_status);
		if (b->axis == MERGE_NONE)
			cond(b, false, true, pp_text(p, b->scope_status));
	}
	if (f->status_mask) {
		b->shape |= SH_STATUS;
		unsigned m = f->status_mask;
		if ((m & (m - 1)) == 0) {
			int st = 0;
			while (!(m & (1u << st)))
				st++;
			b->shape |= SH_STATUS_ONE;
			if (b->axis == MERGE_NONE)
				cond(b, false, false, pp_text(p, lp_status_name((enum lp_status)st)));
		} else {
			status_array(f->status_mask, b->status, sizeof b->status);
			if (b->axis == MERGE_NONE)
				cond(b, false, true, pp_text(p, b->status));
		}
	}
	if (f->agency && *f->agency) {
		b->shape |= SH_AGENCY;
		int n = pp_text(p, f->agency);
		cond(b, true, false, n);
		keep_agencies(b, 1, false, n);
	}
	if (f->under_path && *f->under_path) {
		b->shape |= SH_UNDER;
		int n = pp_text(p, under);
		cond(b, true, true, n);
		keep_agencies(b, array_len(under), true, n);
	}
	if (b->axis != MERGE_NONE) {
		unsigned m = merge_statuses(f);
		status_array(m, b->merge_status, sizeof b->merge_status);
		snprintf(b->statuses, sizeof b->statuses, "$%d::text[]", pp_text(p, b->merge_status));
	}
	if (f->assignee) {
		b->shape |= SH_ASSIGNEE;
		int n = pp_text(p, f->assignee);
		if (b->axis == MERGE_ASSIGNEE) { /* the pairs' own column */
			b->n_firsts = 1;
			snprintf(b->firsts, sizeof b->firsts, "ARRAY[$%d::text]", n);
		} else {
			ADD(b, " AND k.assignee = $%d", n);
		}
	}
	if (f->kind >= 0) {
		b->shape |= SH_KIND;
		ADD(b, " AND k.kind = $%d", pp_text(p, lp_kind_name((enum lp_kind)f->kind)));
	}
	if (f->privacy >= 0) {
		b->shape |= SH_PRIVACY;
		ADD(b, " AND k.privacy = $%d",
		    pp_text(p, lp_privacy_name((enum lp_privacy)f->privacy)));
	}
	if (f->escalated_to && *f->escalated_to) {
		b->shape |= SH_ESCALATED;
		ADD(b, " AND k.escalated_to = $%d", pp_text(p, f->escalated_to));
	}
	if (f->due_before) {
		b->shape |= SH_DUE_BEFORE;
		/* On the key of the due order, so that its indexes end the scan
		 * (a case without a clock has the largest key): "due_at <> 0 AND
		 * due_at < $n" read every case due later (the console's "Due
		 * soon" of an admin: 590 ms at 1,000,000 cases). */
		ADD(b, " AND k.due_key < $%d", pp_int(p, f->due_before));
	}
	if (f->updated_after) {
		b->shape |= SH_UPDATED_AFTER;
		ADD(b, " AND k.updated_at >= $%d", pp_int(p, f->updated_after));
	}
	if (count)
		return;

	enum lp_case_order o = f->order;
	if (o != LP_ORDER_DUE && o != LP_ORDER_UPDATED)
		o = LP_ORDER_ID;
	b->shape |= (unsigned)o << SH_ORDER_SHIFT;
	const char *col = order_col(o);
	const char *cmp = f->descending ? "<" : ">";
	const char *dir = f->descending ? " DESC" : "";
	if (f->descending)
		b->shape |= SH_DESC;
	if (f->has_after) {
		b->shape |= SH_AFTER;
		if (col) {
			/* A due order's key is due_key: cases without a clock last. */
			int64_t key = f->after_key;
			if (o == LP_ORDER_DUE && key == 0)
				key = INT64_MAX;
			int nk = pp_int(p, key);
			int ni = pp_int(p, f->after_id);
			ADD(b, " AND (%s, k.id) %s ($%d, $%d)", col, cmp, nk, ni);
		} else {
			int ni = pp_int(p, f->after_id);
			ADD(b, " AND k.id %s $%d", cmp, ni);
		}
	}
	if (b->axis != MERGE_NONE) {
		merge_page(b, masked, col ? col : "k.id", dir, pp_int(p, limit));
		return;
	}
	for (int i = 0; i < (masked ? 2 : 1); i++) {
		if (col)
			ADD(b, " ORDER BY %s%s, k.id%s", col, dir, dir);
		else
			ADD(b, " ORDER BY k.id%s", dir);
		if (i == 0)
			ADD(b, " LIMIT $%d%s", pp_int(p, limit), masked ? "))" : "");
	}
}

static PGresult *run_built(struct pg_store *g, const struct lp_case_filter *f, bool count,
			   int limit, struct lp_error *err)
{
	if (g->read_mode == PG_READ_UNKNOWN && pg_probe_privileges(g, err))
		return NULL;
	struct built *b = malloc(sizeof *b);
	if (!b) {
		pg_oom(err);
		return NULL;
	}
	const char *scope = NULL, *under = NULL;
	if (f->scope_path && *f->scope_path && !(scope = pg_subtree_codes(g, f->scope_path, err))) {
		free(b);
		return NULL;
	}
	if (f->under_path && *f->under_path && !(under = pg_subtree_codes(g, f->under_path, err))) {
		free(b);
		return NULL;
	}
	build(b, f, g->read_mode != PG_READ_FULL, count, limit, scope, under);
	struct pg_sql st = { PG_KEY_TAG | b->shape, b->sql, true, true }; /* as pg_qb.c's */
	PGresult *r = pg_run(g, &st, &b->p, err);
	free(b);
	return r;
}

int pg_emit_page(const PGresult *r, struct lp_case_filter *page, lp_case_cb cb, void *ud,
		 struct lp_error *err)
{
	int stop = 0;
	for (int i = 0; !stop && i < PQntuples(r); i++) {
		struct lp_case c;
		stop = pg_read_case(r, i, &c, err);
		if (stop)
			break;
		page->has_after = true;
		page->after_id = c.id;
		page->after_key = page->order == LP_ORDER_DUE ? c.due_at
				  : page->order == LP_ORDER_UPDATED ? c.updated_at : 0;
		stop = cb(&c, ud);
		lp_case_clear(&c);
	}
	return stop;
}

int pg_case_list(struct lp_store *s, const struct lp_case_filter *f, lp_case_cb cb, void *ud,
		 struct lp_error *err)
{
	struct pg_store *g = pg(s);
	struct lp_case_filter page;
	if (f)
		page = *f;
	else
		lp_case_filter_init(&page);
	int64_t remaining = page.limit > 0 ? page.limit : INT64_MAX;
	for (;;) {
		int want = remaining < PG_PAGE_ROWS ? (int)remaining : PG_PAGE_ROWS;
		PGresult *r = run_built(g, &page, false, want, err);
		if (!r)
			return err->code;
		int n = PQntuples(r), stop = pg_emit_page(r, &page, cb, ud, err);
		PQclear(r);
		if (stop)
			return stop;
		remaining -= n;
		if (n < want || remaining <= 0)
			return LP_OK;
	}
}

int pg_case_count(struct lp_store *s, const struct lp_case_filter *f, int64_t *out,
		  struct lp_error *err)
{
	struct lp_case_filter all;
	if (!f) {
		lp_case_filter_init(&all);
		f = &all;
	}
	PGresult *r = run_built(pg(s), f, true, 0, err);
	if (!r)
		return err->code;
	*out = pg_int(r, 0, 0);
	PQclear(r);
	return LP_OK;
}
