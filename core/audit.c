/* audit.c: lp_audit_verify(): every case's hash chain recomputed while
 * streaming the event log (memory does not grow with it). */
#include "audit.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "audit_internal.h"
#include "i18n.h"
#include "privacy.h"
#include "session.h"
#include "session_internal.h"
#include "store.h"

struct verify {
	struct lp_session *s;
	struct lp_audit_report *r;
	struct lp_error *err;        /* a store error inside the scan */
	bool in_case;                /* a chain is open */
	bool skip;                   /* the open case is outside the officer's view */
	struct lp_chain chain;
	int64_t count;               /* the open case's recorded event_count */
	unsigned char last[LP_HASH_LEN];
	int64_t seen_cases;          /* cases met in the log, in or out of view */
};

/* Records the first break; returns 1 to stop the scan. */
static int broken(struct verify *v, int64_t case_id, int64_t seq, const char *why)
{
	v->r->broken = true;
	v->r->case_id = case_id;
	v->r->seq = seq;
	lp_strlcpy(v->r->why, why, sizeof v->r->why);
	return 1;
}

/* Closes the open chain against its case row. */
static int end_case(struct verify *v)
{
	if (!v->in_case)
		return 0;
	v->in_case = false;
	if (v->skip)
		return 0;
	if (!lp_chain_end(&v->chain, v->count, v->last))
		return broken(v, v->chain.case_id, v->chain.broken_seq, v->chain.why);
	return 0;
}

/* Opens the chain of case `id`: reads its row for the recorded count and hash. */
static int begin_case(struct verify *v, int64_t id)
{
	struct lp_case c;
	v->seen_cases++;
	int rc = lp_store_case_get(lp_session_store(v->s), id, &c, v->err);
	if (rc == LP_ENOENT)
		return broken(v, id, 1, "events of a case that does not exist");
	if (rc != LP_OK)
		return -1;
	const struct lp_officer *o = lp_session_officer(v->s);
	const struct lp_agency *ca = lp_session_agency_lookup(v->s, c.agency, NULL);
	v->skip = !lp_may_see_case(o, lp_session_agency(v->s), &c, ca);
	v->count = c.event_count;
	memcpy(v->last, c.last_hash, LP_HASH_LEN);
	lp_case_clear(&c);
	lp_chain_begin(&v->chain, id);
	v->in_case = true;
	if (!v->skip)
		v->r->cases++;
	return 0;
}

static int scan_event(const struct lp_event *e, void *ud)
{
	struct verify *v = ud;
	int rc;
	if (!v->in_case || e->case_id != v->chain.case_id) {
		if ((rc = end_case(v)) != 0)
			return rc;
		if ((rc = begin_case(v, e->case_id)) != 0)
			return rc;
	}
	if (v->skip)
		return 0;
	v->r->events++;
	if (!lp_chain_step(&v->chain, e))
		return broken(v, e->case_id, v->chain.broken_seq, v->chain.why);
	return 0;
}

/* Stops at the first event. */
static int first_event(const struct lp_event *e, void *ud)
{
	(void)e;
	*(bool *)ud = true;
	return 1;
}

struct missing {
	struct verify *v;
};

static int find_empty_chain(const struct lp_case *c, void *ud)
{
	struct missing *m = ud;
	if (c->event_count == 0)
		return 0;
	bool any = false;
	struct lp_error e2;
	int rc = lp_store_event_list(lp_session_store(m->v->s), c->id, first_event, &any, &e2);
	if (rc != LP_OK && rc != 1) {
		lp_error_set(m->v->err, rc, "%s", e2.msg);
		return -1;
	}
	if (any)
		return 0;
	const struct lp_agency *ca = lp_session_agency_lookup(m->v->s, c->agency, NULL);
	if (!lp_may_see_case(lp_session_officer(m->v->s), lp_session_agency(m->v->s), c, ca))
		return 0;
	char why[256];
	snprintf(why, sizeof why,
		 "event 1 is missing: the case records %" PRId64 " events, the log has none",
		 c->event_count);
	return broken(m->v, c->id, 1, why);
}

int lp_audit_verify(struct lp_session *s, struct lp_audit_report *report, struct lp_error *err)
{
	struct lp_error local;
	if (!err)
		err = &local;
	lp_error_clear(err);
	if (!report)
		return lp_error_set(err, LP_EINTERNAL, "lp_audit_verify: no report");
	memset(report, 0, sizeof *report);
	const struct lp_officer *o = lp_session_officer(s);
	if (!o || !o->active || (o->role != LP_ROLE_ADMIN && o->role != LP_ROLE_AUDITOR))
		return lp_error_set(err, LP_EPERM,
				    _("only admins and auditors may verify the audit trail"));
	struct lp_store *st = lp_session_store(s);
	int rc = lp_store_begin(st, false, err);
	if (rc != LP_OK)
		return rc;
	struct verify v = { .s = s, .r = report, .err = err };
	rc = lp_store_event_scan(st, scan_event, &v, err);
	if (rc == 0)
		rc = end_case(&v);
	if (rc == 0 && !report->broken) {
		/* Every case the log did not mention must record no events. */
		struct lp_case_filter f;
		int64_t total = 0;
		lp_case_filter_init(&f);
		rc = lp_store_case_count(st, &f, &total, err);
		if (rc == LP_OK && total > v.seen_cases) {
			struct missing m = { &v };
			rc = lp_store_case_list(st, &f, find_empty_chain, &m, err);
		}
	}
	lp_store_rollback(st);
	if (report->broken)
		return LP_OK;
	if (rc < 0)
		return err->code ? err->code : LP_EINTERNAL;
	return rc;
}
