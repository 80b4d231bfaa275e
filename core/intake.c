/* intake.c: JSON Lines import in one write transaction, and the placing
 * of one new report (see intake.h).  Parsing a line is intake_json.c's. */
#include "i18n.h"
#include "intake.h"

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "intake_json.h"
#include "intake_feedback.h"
#include "intake_read.h"
#include "journal.h"
#include "model.h"
#include "session.h"
#include "session_internal.h"
#include "sla.h"
#include "store.h"
#include "timefmt.h"

/* New cases an import adds one by one (the schema's triggers index and
 * count each as it is inserted) before it asks the store for a bulk
 * intake (lp_store_bulk_intake: the same rows, set-based).  A small
 * import, one report from a channel, keeps the per-row path. */
#define BULK_AFTER 256

/* The government a region belongs to: the regency or city whose code is
 * the region's first two groups, else the province (first group). */
static int place(struct lp_session *s, const char *region, const struct lp_agency **out,
		 struct lp_error *err)
{
	char code[LP_CODE_MAX];
	struct lp_error e2;
	lp_strlcpy(code, region, sizeof code);
	char *dot = strchr(code, '.');
	if (dot && (dot = strchr(dot + 1, '.')))
		*dot = '\0';                            /* "31.71.01.1001" -> "31.71" */
	for (int level = 0; level < 2; level++) {
		lp_error_clear(&e2);
		const struct lp_agency *a = lp_session_agency_lookup(s, code, &e2);
		if (a && (a->kind == LP_AGENCY_REGENCY || a->kind == LP_AGENCY_CITY ||
			  a->kind == LP_AGENCY_PROVINCE)) {
			*out = a;
			return LP_OK;
		}
		if (!a && e2.code != LP_ENOENT) {
			if (err)
				*err = e2;
			return e2.code ? e2.code : LP_EINTERNAL;
		}
		if (!(dot = strchr(code, '.')))
			break;
		*dot = '\0';                            /* "31.71" -> "31" */
	}
	return lp_error_set(err, LP_EDATA, _("unknown region \"%s\""), region);
}

int lp_intake_add(struct lp_session *s, struct lp_case *c, struct lp_error *err)
{
	struct lp_store *st = lp_session_store(s);
	struct lp_case old;
	struct lp_error e2;
	const struct lp_agency *gov = NULL;
	int rc;

	if (!c || !c->title || !c->body || !c->tracking_id[0])
		return lp_error_set(err, LP_EDATA,
				    _("a report needs a tracking id, a title and a body"));
	memset(&old, 0, sizeof old);
	rc = lp_store_case_get_by_tracking(st, c->tracking_id, &old, &e2);
	if (rc == LP_OK) {
		rc = lp_error_set(err, LP_EREFUSED, _("tracking id %s is already case %" PRId64),
				  c->tracking_id, old.id);
		lp_case_clear(&old);
		return rc;
	}
	if (rc != LP_ENOENT) {
		if (err)
			*err = e2;
		return rc;
	}
	if ((rc = place(s, c->region, &gov, err)) != LP_OK)
		return rc;

	int64_t now = lp_session_now(s);
	lp_strlcpy(c->agency, gov->code, sizeof c->agency);
	c->id = 0;
	c->status = LP_STATUS_NEW;
	c->assignee[0] = '\0';
	c->created_at = c->updated_at = now;
	c->due_at = 0;
	c->escalation = 0;
	c->escalated_to[0] = '\0';
	c->version = 1;
	c->merged_into = 0;
	c->extended_days = 0;
	c->clock_stage = -1;
	c->clock_paused_at = 0;
	c->event_count = 0;
	memset(c->last_hash, 0, sizeof c->last_hash);
	c->masked = false;

	/* The case before intake: the same fields, no strings (borrowed view). */
	struct lp_case before = *c;
	before.title = before.body = NULL;
	before.reporter_name = before.reporter_phone = before.reporter_email = NULL;
	if ((rc = lp_sla_apply(s, LP_ACTION_INTAKE, &before, c, now, err)) != LP_OK)
		return rc;

	/* The first event: status_from is new too (there is no status before). */
	struct lp_event e;
	memset(&e, 0, sizeof e);
	e.at = now;
	lp_strlcpy(e.officer, "intake", sizeof e.officer);
	lp_strlcpy(e.actor, lp_session_unix_login(s), sizeof e.actor);
	e.action = LP_ACTION_INTAKE;
	e.status_from = LP_STATUS_NEW;
	e.status_to = LP_STATUS_NEW;
	lp_strlcpy(e.agency_to, c->agency, sizeof e.agency_to);
	e.visibility = LP_VIS_SYSTEM;
	e.text = NULL;
	e.detail = (char *)lp_channel_name(c->channel);        /* not freed: e is not cleared */
	/* The case row is written once, holding the event's count and hash. */
	return lp_store_case_insert_first(st, c, &e, lp_journal_seal, err);
}

/* Looks for an earlier identical message (same text and time) on a case. */
struct dup_search {
	const char *text;
	const char *detail;
	bool found;
};

static int dup_cb(const struct lp_event *e, void *ud)
{
	struct dup_search *d = ud;
	if (e->action == LP_ACTION_MESSAGE && e->text && e->detail &&
	    strcmp(e->text, d->text) == 0 && strcmp(e->detail, d->detail) == 0) {
		d->found = true;
		return 2;       /* not an lp_status_code: "found" */
	}
	return 0;
}

/* Adds a citizen message to its case.  *added is false for a message
 * that was imported before (same case, time and text). */
static int add_message(struct lp_session *s, struct lp_intake_line *l, int64_t now, bool *added,
		       struct lp_error *err)
{
	struct lp_store *st = lp_session_store(s);
	struct lp_case c;
	char when[40];
	int rc;

	*added = false;
	memset(&c, 0, sizeof c);
	rc = lp_store_case_get_by_tracking(st, l->tracking_id, &c, err);
	if (rc == LP_ENOENT)
		return lp_error_set(err, LP_EDATA, _("unknown tracking id \"%s\""), l->tracking_id);
	if (rc != LP_OK)
		return rc;
	lp_time_rfc3339(l->submitted_at, when, sizeof when);
	struct dup_search d = { l->body, when, false };
	rc = lp_store_event_list(st, c.id, dup_cb, &d, err);
	if (rc != LP_OK && rc != 2)
		goto out;
	rc = LP_OK;
	if (d.found)
		goto out;

	struct lp_case before = c;     /* borrowed view: never cleared */
	int64_t old_version = c.version;
	if (c.status == LP_STATUS_POSTPONED)
		c.status = LP_STATUS_NEW;
	c.updated_at = now;
	c.version = old_version + 1;
	if ((rc = lp_sla_apply(s, LP_ACTION_MESSAGE, &before, &c, now, err)) != LP_OK)
		goto out;

	if ((rc = lp_intake_citizen_event(s, &before, &c, old_version, LP_ACTION_MESSAGE, now,
					  l->body, when, err)) != LP_OK)
		goto out;
	*added = true;
out:
	lp_case_clear(&c);
	return rc;
}

/* Prefixes err's message with the file name and line number. */
static int line_error(struct lp_error *err, int code, const char *name, int64_t lineno,
		      const char *why)
{
	if (name)
		return lp_error_set(err, code, _("%s: line %" PRId64 ": %s"), name, lineno, why);
	return lp_error_set(err, code, _("line %" PRId64 ": %s"), lineno, why);
}

static bool may_import(struct lp_session *s)
{
	const struct lp_officer *o = lp_session_officer(s);
	return lp_session_is_root(s) || (o && o->active && o->role == LP_ROLE_ADMIN);
}

/* One parsed line: a report, a message or feedback (l is the reader's,
 * changed here).  On failure err holds the bare reason. */
static int import_line(struct lp_session *s, struct lp_intake_line *l, int64_t now,
		       struct lp_import_stats *stats, struct lp_error *err)
{
	int rc;
	if (l->type == LP_INTAKE_REPORT) {
		rc = lp_intake_add(s, &l->report, err);
		if (rc == LP_OK) {
			stats->created++;
		} else if (rc == LP_EREFUSED) {
			stats->duplicates++;
			rc = LP_OK;
		}
	} else if (l->type == LP_INTAKE_FEEDBACK) {
		bool added;
		rc = lp_intake_feedback(s, l, now, &added, NULL, err);
		if (rc == LP_OK && added)
			stats->feedback++;
		else if (rc == LP_OK)
			stats->duplicates++;
	} else {
		bool added;
		rc = add_message(s, l, now, &added, err);
		if (rc == LP_OK && added)
			stats->messages++;
		else if (rc == LP_OK)
			stats->duplicates++;
	}
	return rc;
}

int lp_import(struct lp_session *s, FILE *in, const char *name, struct lp_import_stats *stats,
	      struct lp_error *err)
{
	struct lp_import_stats local;
	struct lp_store *st = lp_session_store(s);
	int rc;

	if (!stats)
		stats = &local;
	memset(stats, 0, sizeof *stats);
	if (!in)
		return lp_error_set(err, LP_EUSAGE, _("no input to import"));
	if (!may_import(s))
		return lp_error_set(err, LP_EPERM, _("only admins and root may import reports"));
	if ((rc = lp_store_begin(st, true, err)) != LP_OK)
		return rc;
	/* Lines are read and parsed ahead, beside the writes (intake_read.h). */
	struct lp_intake_reader *r;
	if (lp_intake_reader_start(in, &r) < 0) {
		lp_store_rollback(st);
		return lp_error_set(err, LP_EIO, _("out of memory"));
	}
	/* Messages use one clock for the whole import; reports, the session's. */
	int64_t now = lp_session_now(s);
	bool bulk = false;
	for (;;) {
		struct lp_read_item *it = lp_intake_reader_next(r);
		if (it->kind == LP_READ_EOF)
			break;
		stats->lines++;
		if (it->kind == LP_READ_TOO_LONG) {
			char why[96];
			snprintf(why, sizeof why, "longer than %d bytes", LP_IMPORT_LINE_MAX);
			rc = line_error(err, LP_EDATA, name, stats->lines, why);
			break;
		}
		if (it->kind == LP_READ_ERROR) {
			rc = lp_error_set(err, LP_EIO, _("%s: read error at line %" PRId64 ": %s"),
					  name ? name : _("input"), stats->lines,
					  strerror(it->err_no));
			break;
		}
		if (it->kind == LP_READ_NOMEM) {
			rc = lp_error_set(err, LP_EIO, _("out of memory"));
			break;
		}
		if (it->kind == LP_READ_BLANK)
			continue;
		if (it->kind == LP_READ_BAD) {
			rc = line_error(err, LP_EDATA, name, stats->lines, it->why);
			break;
		}
		struct lp_error e2;
		lp_error_clear(&e2);
		/* The item is ours until the next call: its line may be changed. */
		rc = import_line(s, &it->line, now, stats, &e2);
		if (rc != LP_OK) {
			line_error(err, rc, name, stats->lines, e2.msg);
			break;
		}
		if (stats->created == BULK_AFTER && !bulk) {
			if ((rc = lp_store_bulk_intake(st, true, err)) != LP_OK)
				break;
			bulk = true;
		}
	}
	lp_intake_reader_stop(r);
	/* The deferred index entries and tallies, before the commit. */
	if (rc == LP_OK && bulk)
		rc = lp_store_bulk_intake(st, false, err);
	if (rc != LP_OK || stats->created + stats->messages + stats->feedback == 0) {
		/* Nothing to keep: leave the database file exactly as it was. */
		lp_store_rollback(st);
		if (rc != LP_OK) {
			int64_t lines = stats->lines;
			memset(stats, 0, sizeof *stats);
			stats->lines = lines;
		}
		return rc;
	}
	return lp_store_commit(st, err);
}
