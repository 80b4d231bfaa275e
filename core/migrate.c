/* migrate.c: lp_migrate(): one store copied into another through the
 * store API, in one transaction on the target, then checked there. */
#include "i18n.h"
#include "migrate.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "audit_internal.h"
#include "model.h"
#include "store.h"

struct mig {
	struct lp_store *from, *to;
	struct lp_migrate_stats *st;
	struct lp_error *err;        /* the target's error inside a source callback */
	char (*logins)[LP_LOGIN_MAX]; /* owned: officers copied (for their queues) */
	char (*codes)[LP_CODE_MAX];   /* owned: agencies copied */
	size_t n_logins, n_codes, cap_logins, cap_codes;
	const char *q_owner, *q_agency; /* the queue_list call in progress */
};

/* Grows an array of n fixed-size items to hold one more. */
static void *grow(void *p, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return p;
	size_t c = *cap ? *cap * 2 : 64;
	void *q = realloc(p, c * size);
	if (q)
		*cap = c;
	return q;
}

/* A target error inside a source callback: stop the iteration with it. */
static int fail(int rc)
{
	return rc ? rc : LP_EINTERNAL;
}

static int copy_agency(const struct lp_agency *a, void *ud)
{
	struct mig *m = ud;
	void *p = grow(m->codes, &m->cap_codes, m->n_codes, sizeof *m->codes);
	if (!p)
		return lp_error_set(m->err, LP_EIO, _("out of memory"));
	m->codes = p;
	lp_strlcpy(m->codes[m->n_codes++], a->code, LP_CODE_MAX);
	int rc = lp_store_agency_put(m->to, a, m->err);
	if (rc)
		return fail(rc);
	m->st->agencies++;
	return 0;
}

static int copy_officer(const struct lp_officer *o, void *ud)
{
	struct mig *m = ud;
	void *p = grow(m->logins, &m->cap_logins, m->n_logins, sizeof *m->logins);
	if (!p)
		return lp_error_set(m->err, LP_EIO, _("out of memory"));
	m->logins = p;
	lp_strlcpy(m->logins[m->n_logins++], o->login, LP_LOGIN_MAX);
	int rc = lp_store_officer_put(m->to, o, m->err);
	if (rc == LP_OK) /* the officer's database role and group */
		rc = lp_store_officer_provision(m->to, o, m->err);
	if (rc)
		return fail(rc);
	m->st->officers++;
	return 0;
}

static int copy_holiday(const struct lp_holiday *h, void *ud)
{
	struct mig *m = ud;
	int rc = lp_store_holiday_put(m->to, h, m->err);
	if (rc)
		return fail(rc);
	m->st->holidays++;
	return 0;
}

static int copy_policy(const struct lp_sla_policy *p, void *ud)
{
	struct mig *m = ud;
	int rc = lp_store_policy_put(m->to, p, m->err);
	if (rc)
		return fail(rc);
	m->st->policies++;
	return 0;
}

static int copy_meta(const char *key, const char *value, void *ud)
{
	struct mig *m = ud;
	int rc = lp_store_meta_put(m->to, key, value, m->err);
	if (rc)
		return fail(rc);
	m->st->settings++;
	return 0;
}

static int copy_case(const struct lp_case *c, void *ud)
{
	struct mig *m = ud;
	int rc = lp_store_case_import(m->to, c, m->err);
	if (rc)
		return fail(rc);
	m->st->cases++;
	return 0;
}

static int copy_event(const struct lp_event *e, void *ud)
{
	struct mig *m = ud;
	int rc = lp_store_event_append(m->to, e, m->err);
	if (rc)
		return fail(rc);
	m->st->events++;
	return 0;
}

/* The report columns of schema 3 (on-time rates of lapor stats). */
static int copy_report(const struct lp_case_report *r, void *ud)
{
	struct mig *m = ud;
	int rc = lp_store_case_report_put(m->to, r, m->err);
	return rc ? fail(rc) : 0;
}

static int copy_draft(int64_t case_id, const char *login, enum lp_action kind, const char *text,
		      int64_t at, void *ud)
{
	struct mig *m = ud;
	int rc = lp_store_draft_put(m->to, case_id, login, kind, text, at, m->err);
	if (rc)
		return fail(rc);
	m->st->drafts++;
	return 0;
}

static int copy_queue(const struct lp_saved_queue *q, void *ud)
{
	struct mig *m = ud;
	/* Only the queues this call is about (personal of q_owner, or the
	 * agency-wide ones of q_agency): each is copied once. */
	if (strcmp(q->owner, m->q_owner) != 0 || strcmp(q->agency, m->q_agency) != 0)
		return 0;
	struct lp_saved_queue copy = *q;
	copy.id = 0;
	int rc = lp_store_queue_put(m->to, &copy, m->err);
	if (rc)
		return fail(rc);
	m->st->queues++;
	return 0;
}

/* Saved queues, by officer then by agency.  A source without them (an
 * older schema or backend) has none. */
static int copy_queues(struct mig *m)
{
	int rc = LP_OK;
	for (size_t i = 0; rc == LP_OK && i < m->n_logins + m->n_codes; i++) {
		m->q_owner = i < m->n_logins ? m->logins[i] : "";
		m->q_agency = i < m->n_logins ? "" : m->codes[i - m->n_logins];
		rc = lp_store_queue_list(m->from, m->q_owner, m->q_agency, copy_queue, m, m->err);
		if (rc == LP_EUSAGE && m->st->queues == 0 && i == 0) {
			/* The source cannot list queues: it has none to copy. */
			lp_error_clear(m->err);
			return LP_OK;
		}
	}
	return rc;
}

/* ---- checking the target ---- */

struct chain_row {
	int64_t id, event_count;
	unsigned char last_hash[LP_HASH_LEN];
	bool seen;
};

struct verify {
	struct chain_row *rows;  /* owned; by id */
	size_t n, cap;
	struct lp_chain chain;
	struct chain_row *cur;   /* the case being checked */
	int64_t events;
	struct lp_error *err;
};

static int collect_row(const struct lp_case *c, void *ud)
{
	struct verify *v = ud;
	void *p = grow(v->rows, &v->cap, v->n, sizeof *v->rows);
	if (!p)
		return lp_error_set(v->err, LP_EIO, _("out of memory"));
	v->rows = p;
	struct chain_row *r = &v->rows[v->n++];
	r->id = c->id;
	r->event_count = c->event_count;
	memcpy(r->last_hash, c->last_hash, LP_HASH_LEN);
	r->seen = false;
	return 0;
}

static struct chain_row *find_row(struct verify *v, int64_t id)
{
	size_t lo = 0, hi = v->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v->rows[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < v->n && v->rows[lo].id == id ? &v->rows[lo] : NULL;
}

static int chain_broken(struct verify *v, int64_t id, int64_t seq, const char *why)
{
	return lp_error_set(v->err, LP_EDATA, _("after copying, the audit trail does not verify "
			    "on the target: case %" PRId64 ", event %" PRId64 ": %s"), id, seq,
			    why);
}

static int end_chain(struct verify *v)
{
	if (!v->cur)
		return 0;
	struct chain_row *r = v->cur;
	v->cur = NULL;
	if (!lp_chain_end(&v->chain, r->event_count, r->last_hash))
		return chain_broken(v, r->id, v->chain.broken_seq, v->chain.why);
	return 0;
}

static int check_event(const struct lp_event *e, void *ud)
{
	struct verify *v = ud;
	if (!v->cur || v->cur->id != e->case_id) {
		int rc = end_chain(v);
		if (rc)
			return rc;
		v->cur = find_row(v, e->case_id);
		if (!v->cur)
			return chain_broken(v, e->case_id, e->seq,
					    "events of a case that does not exist");
		v->cur->seen = true;
		lp_chain_begin(&v->chain, e->case_id);
	}
	v->events++;
	if (!lp_chain_step(&v->chain, e))
		return chain_broken(v, e->case_id, v->chain.broken_seq, v->chain.why);
	return 0;
}

/* Recomputes every chain on the target against its case rows. */
static int verify_target(struct lp_store *to, struct lp_migrate_stats *st, struct lp_error *err)
{
	struct verify v = { .err = err };
	struct lp_case_filter f;
	lp_case_filter_init(&f);
	f.order = LP_ORDER_ID;
	int rc = lp_store_case_list(to, &f, collect_row, &v, err);
	if (rc == LP_OK)
		rc = lp_store_event_scan(to, check_event, &v, err);
	if (rc == LP_OK)
		rc = end_chain(&v);
	for (size_t i = 0; rc == LP_OK && i < v.n; i++)
		if (!v.rows[i].seen && v.rows[i].event_count > 0)
			rc = chain_broken(&v, v.rows[i].id, 1, "the case records events; the log "
					  "has none");
	if (rc == LP_OK) {
		st->chains = (int64_t)v.n;
		st->chain_events = v.events;
	}
	free(v.rows);
	return rc;
}

static int count_event(const struct lp_event *e, void *ud)
{
	(void)e;
	++*(int64_t *)ud;
	return 0;
}

static int count_cases(struct lp_store *s, int64_t *n, struct lp_error *err)
{
	struct lp_case_filter f;
	lp_case_filter_init(&f);
	return lp_store_case_count(s, &f, n, err);
}

/* The copy itself, inside the transactions lp_migrate opened. */
static int copy_all(struct mig *m, const struct lp_migrate_opts *opts)
{
	struct lp_error *err = m->err;
	int64_t cases_before = 0, events_before = 0, cases_after = 0;
	int rc = count_cases(m->to, &cases_before, err);
	if (rc)
		return rc;
	if (cases_before > 0 && !opts->force)
		return lp_error_set(err, LP_EREFUSED, _("the target already has %" PRId64 " cases; "
				    "copy into an empty database, or add --force to copy into "
				    "this one (case numbers must not clash)"), cases_before);
	if (cases_before > 0 && (rc = lp_store_event_scan(m->to, count_event, &events_before,
							   err)))
		return rc;
	if ((rc = lp_store_agency_list(m->from, NULL, copy_agency, m, err)) ||
	    (rc = lp_store_officer_list(m->from, NULL, copy_officer, m, err)) ||
	    (rc = lp_store_holiday_list(m->from, NULL, NULL, copy_holiday, m, err)) ||
	    (rc = lp_store_policy_list(m->from, copy_policy, m, err)) ||
	    (rc = lp_store_meta_list(m->from, copy_meta, m, err)))
		return rc;
	struct lp_case_filter f;
	lp_case_filter_init(&f);
	f.order = LP_ORDER_ID;
	/* Report columns, cases and events as a bulk intake: a backend may
	 * stream them (PostgreSQL: COPY) instead of one statement per row,
	 * and take the report columns with their cases. */
	if ((rc = lp_store_bulk_intake(m->to, true, err)) ||
	    (rc = lp_store_case_report_scan(m->from, copy_report, m, err)) ||
	    (rc = lp_store_case_list(m->from, &f, copy_case, m, err)) ||
	    (rc = lp_store_event_scan(m->from, copy_event, m, err)) ||
	    (rc = lp_store_bulk_intake(m->to, false, err)) ||
	    (rc = lp_store_draft_scan(m->from, copy_draft, m, err)) ||
	    (rc = copy_queues(m)))
		return rc;
	/* The counts: every case and event arrived, and no more. */
	int64_t src_cases = 0;
	if ((rc = count_cases(m->from, &src_cases, err)) ||
	    (rc = count_cases(m->to, &cases_after, err)))
		return rc;
	if (src_cases != m->st->cases || cases_after != cases_before + m->st->cases)
		return lp_error_set(err, LP_EDATA, _("after copying, the counts differ: %" PRId64
				    " cases in the source, %" PRId64 " copied, %" PRId64 " on the "
				    "target (%" PRId64 " before)"), src_cases, m->st->cases,
				    cases_after, cases_before);
	if ((rc = verify_target(m->to, m->st, err)))
		return rc;
	if (m->st->chain_events != events_before + m->st->events)
		return lp_error_set(err, LP_EDATA, _("after copying, the counts differ: %" PRId64
				    " events copied, %" PRId64 " on the target (%" PRId64
				    " before)"), m->st->events, m->st->chain_events, events_before);
	return LP_OK;
}

int lp_migrate(struct lp_store *from, struct lp_store *to, const struct lp_migrate_opts *opts,
	       struct lp_migrate_stats *stats, struct lp_error *err)
{
	struct lp_error local;
	struct lp_migrate_opts none = { 0 };
	struct lp_migrate_stats st = { 0 };
	if (!err)
		err = &local;
	lp_error_clear(err);
	if (!from || !to || from == to)
		return lp_error_set(err, LP_EINTERNAL, "lp_migrate: needs two different stores");
	if (!opts)
		opts = &none;
	struct mig m = { .from = from, .to = to, .st = &st, .err = err };
	/* One snapshot of the source; one transaction on the target. */
	int rc = lp_store_begin(from, false, err);
	if (rc)
		return rc;
	rc = lp_store_begin(to, true, err);
	if (rc == LP_OK) {
		rc = copy_all(&m, opts);
		if (rc == LP_OK)
			rc = lp_store_commit(to, err);
		if (rc)
			lp_store_rollback(to);
	}
	lp_store_rollback(from);
	free(m.logins);
	free(m.codes);
	if (stats)
		*stats = st;
	return rc;
}
