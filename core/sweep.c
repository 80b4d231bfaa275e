/* sweep.c: escalating overdue cases and closing waited-out ones (sweep.h).
 *
 * Reads keyset pages of the (status, due_key) index, keeps only what it
 * needs of each row, then acts on the page in one write transaction
 * (each action a savepoint inside it, via lp_act_as), so a page costs
 * one commit and a second sweep waits for it, then finds the versions
 * changed and skips. */
#include "i18n.h"
#include "sweep.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "session.h"
#include "session_internal.h"
#include "store.h"
#include "timefmt.h"
#include "workflow.h"
#include "workflow_internal.h"

#define PAGE 512

struct item {
	int64_t id, version, due_at, paused_at;
	int clock_stage;
	enum lp_kind kind;
	char agency[LP_CODE_MAX];
	char escalated_to[LP_CODE_MAX];
};

struct page {
	struct item it[PAGE];
	int n;
};

struct run {
	struct lp_session *s;
	struct lp_store *st;
	struct lp_officer system;
	bool dry_run;
	int64_t now;
	lp_sweep_cb cb;
	void *ud;
	struct lp_sweep_stats *stats;
};

static int keep(const struct lp_case *c, void *ud)
{
	struct page *p = ud;
	struct item *it = &p->it[p->n++];
	it->id = c->id;
	it->version = c->version;
	it->due_at = c->due_at;
	it->paused_at = c->clock_paused_at;
	it->clock_stage = c->clock_stage;
	it->kind = c->kind;
	lp_strlcpy(it->agency, c->agency, sizeof it->agency);
	lp_strlcpy(it->escalated_to, c->escalated_to, sizeof it->escalated_to);
	return 0;
}

static void report(struct run *r, const struct item *it, enum lp_action a, const char *to,
		   int outcome, const char *msg)
{
	struct lp_sweep_stats *st = r->stats;
	if (outcome == LP_OK)
		a == LP_ACTION_ESCALATE ? st->escalated++ : st->closed++;
	else if (outcome == LP_EREFUSED)
		st->skipped++;
	else {
		st->failed++;
		if (!st->first_error[0])
			snprintf(st->first_error, sizeof st->first_error, "case %" PRId64 ": %s",
				 it->id, msg);
	}
	if (r->cb) {
		struct lp_sweep_item x = { it->id, a, it->agency, to, it->due_at, outcome,
					   msg ? msg : "" };
		r->cb(&x, r->ud);
	}
}

/* True for errors that stop the whole run rather than one case. */
static bool fatal(int rc)
{
	return rc == LP_EBUSY || rc == LP_EIO || rc == LP_EINTERNAL;
}

static int escalate_one(struct run *r, const struct item *it, struct lp_error *err)
{
	const struct lp_agency *ca = lp_session_agency_lookup(r->s, it->agency, err);
	if (!ca)
		return err->code;
	struct lp_case c;
	memset(&c, 0, sizeof c);
	c.id = it->id;
	lp_strlcpy(c.agency, it->agency, sizeof c.agency);
	lp_strlcpy(c.escalated_to, it->escalated_to, sizeof c.escalated_to);
	char to[LP_CODE_MAX];
	if (!lp_escalation_next(&c, ca, to)) {
		r->stats->at_top++;
		return LP_OK;
	}
	if (r->dry_run) {
		report(r, it, LP_ACTION_ESCALATE, to, LP_OK, NULL);
		return LP_OK;
	}
	char when[64], text[200];
	lp_time_local(it->due_at, ca->tz_minutes, when, sizeof when);
	snprintf(text, sizeof text, "The %s deadline (%s) passed; escalated to %s by the SLA sweep.",
		 it->clock_stage >= 0 ? lp_sla_stage_name((enum lp_sla_stage)it->clock_stage) : "",
		 when, to);
	struct lp_action_args a = { .action = LP_ACTION_ESCALATE, .case_id = it->id,
				    .if_version = it->version, .text = text };
	struct lp_error e;
	lp_error_clear(&e);
	int rc = lp_act_as(r->s, &r->system, &a, NULL, &e);
	if (fatal(rc)) {
		*err = e;
		return rc;
	}
	report(r, it, LP_ACTION_ESCALATE, to, rc, e.msg);
	return LP_OK;
}

static int close_one(struct run *r, const struct item *it, struct lp_error *err)
{
	if (it->clock_stage != LP_STAGE_FEEDBACK)
		return LP_OK;
	if (r->dry_run) {
		report(r, it, LP_ACTION_CLOSE, "", LP_OK, NULL);
		return LP_OK;
	}
	const struct lp_agency *ca = lp_session_agency_lookup(r->s, it->agency, err);
	if (!ca)
		return err->code;
	char when[64], text[200];
	lp_time_local(it->due_at, ca->tz_minutes, when, sizeof when);
	snprintf(text, sizeof text,
		 "The citizen's feedback window ended (%s) without an answer; closed by the "
		 "SLA sweep.", when);
	struct lp_action_args a = { .action = LP_ACTION_CLOSE, .case_id = it->id,
				    .if_version = it->version, .text = text,
				    .code = lp_resolution_name(LP_RESOLUTION_NO_RESPONSE) };
	struct lp_error e;
	lp_error_clear(&e);
	int rc = lp_act_as(r->s, &r->system, &a, NULL, &e);
	if (fatal(rc)) {
		*err = e;
		return rc;
	}
	report(r, it, LP_ACTION_CLOSE, "", rc, e.msg);
	return LP_OK;
}

/* Walks the overdue cases of `statuses` page by page. */
static int pass(struct run *r, struct page *pg, unsigned statuses, bool escalate,
		struct lp_error *err)
{
	struct lp_case_filter f;
	lp_case_filter_init(&f);
	f.status_mask = statuses;
	f.due_before = r->now;
	f.order = LP_ORDER_DUE;
	f.limit = PAGE;
	for (;;) {
		pg->n = 0;
		int rc = lp_store_case_list(r->st, &f, keep, pg, err);
		if (rc)
			return rc;
		if (pg->n == 0)
			return LP_OK;
		f.has_after = true;
		f.after_key = pg->it[pg->n - 1].due_at;
		f.after_id = pg->it[pg->n - 1].id;
		if (!r->dry_run && (rc = lp_store_begin(r->st, true, err)) != LP_OK)
			return rc;
		for (int i = 0; i < pg->n && rc == LP_OK; i++) {
			if (pg->it[i].paused_at != 0)
				continue;
			rc = escalate ? escalate_one(r, &pg->it[i], err) : close_one(r, &pg->it[i], err);
		}
		if (!r->dry_run) {
			if (rc == LP_OK)
				rc = lp_store_commit(r->st, err);
			if (rc != LP_OK)
				lp_store_rollback(r->st);
		}
		if (rc)
			return rc;
		if (pg->n < PAGE)
			return LP_OK;
	}
}

int lp_sweep_report(struct lp_session *s, bool dry_run, lp_sweep_cb cb, void *ud,
		    struct lp_sweep_stats *stats, struct lp_error *err)
{
	struct lp_sweep_stats local_stats;
	struct lp_error local_err;
	if (!stats)
		stats = &local_stats;
	if (!err)
		err = &local_err;
	memset(stats, 0, sizeof *stats);
	lp_error_clear(err);
	if (!s)
		return lp_error_set(err, LP_EINTERNAL, "lp_sweep: no session");
	const struct lp_officer *o = lp_session_officer(s);
	if (o ? !(o->active && o->role == LP_ROLE_ADMIN) : !lp_session_is_root(s))
		return lp_error_set(err, LP_EPERM, _("only an admin (or root, from cron) can run "
						   "the SLA sweep"));
	struct run r = { .s = s, .st = lp_session_store(s), .dry_run = dry_run,
			 .now = lp_session_now(s), .cb = cb, .ud = ud, .stats = stats };
	int rc = lp_store_officer_get(r.st, "system", &r.system, err);
	if (rc == LP_ENOENT)
		return lp_error_set(err, LP_EDATA, _("the database has no \"system\" officer; "
						   "run lapor init to upgrade it"));
	if (rc)
		return rc;
	unsigned open = 1u << LP_STATUS_NEW | 1u << LP_STATUS_ASSIGNED |
			1u << LP_STATUS_IN_PROGRESS;
	struct page *pg = malloc(sizeof *pg);
	if (!pg)
		return lp_error_set(err, LP_EINTERNAL, _("out of memory"));
	/* The pages are a batch of write transactions (lp_store_batch). */
	if (!dry_run && (rc = lp_store_batch(r.st, true, err)) != LP_OK) {
		free(pg);
		return rc;
	}
	rc = pass(&r, pg, open, true, err);
	if (rc == LP_OK)
		rc = pass(&r, pg, 1u << LP_STATUS_RESPONDED, false, err);
	free(pg);
	if (!dry_run) {
		struct lp_error e2;
		int brc = lp_store_batch(r.st, false, &e2);
		if (rc == LP_OK && brc != LP_OK) {
			*err = e2;
			rc = brc;
		}
	}
	return rc;
}

int lp_sweep(struct lp_session *s, bool dry_run, struct lp_sweep_stats *stats,
	     struct lp_error *err)
{
	return lp_sweep_report(s, dry_run, NULL, NULL, stats, err);
}
