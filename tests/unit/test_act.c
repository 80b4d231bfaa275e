/* test_act.c: lp_act end to end on a real SQLite store in a temporary
 * directory: a report set up through the store API, then verify, claim,
 * reply, close, with the events chained, stale versions refused, scope
 * and masking on reads, drafts, and a tampered event found by
 * lp_audit_verify. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit.h"
#include "cases.h"
#include "journal.h"
#include "session.h"
#include "store.h"
#include "workflow.h"

#define NOW 1795000000 /* 2026-11-18, a Wednesday */

struct fx {
	char dir[64];
	char db[128];
	struct lp_session *s;
	struct lp_store *st;
	int64_t case_id;
};

static struct lp_officer officer(const char *login, enum lp_role role, const char *agency)
{
	struct lp_officer o = { 0 };
	lp_strlcpy(o.login, login, sizeof o.login);
	lp_strlcpy(o.name, login, sizeof o.name);
	lp_strlcpy(o.agency, agency, sizeof o.agency);
	o.role = role;
	o.active = true;
	return o;
}

static const struct lp_officer *who(const char *login)
{
	static struct lp_officer o[8];
	static const struct {
		const char *login, *agency;
		enum lp_role role;
	} t[] = {
		{ "adm", "KEMENPANRB", LP_ROLE_ADMIN },
		{ "koor", "31.71", LP_ROLE_COORDINATOR },
		{ "budi", "31.71.DISHUB", LP_ROLE_CLERK },
		{ "dewi", "31.71.DISHUB", LP_ROLE_CLERK },
		{ "sari", "31.71.DISHUB", LP_ROLE_SUPERVISOR },
		{ "eko", "32.73", LP_ROLE_CLERK },
		{ "aud", "31", LP_ROLE_AUDITOR },
		{ "system", "KEMENPANRB", LP_ROLE_SYSTEM },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (strcmp(t[i].login, login) == 0) {
			o[i] = officer(t[i].login, t[i].role, t[i].agency);
			return &o[i];
		}
	fail_msg("no test officer %s", login);
	return NULL;
}

/* A new report at 31.71, written the way intake writes one. */
static int64_t add_report(struct fx *f, const char *tid, enum lp_privacy privacy)
{
	struct lp_error err;
	struct lp_case c = { 0 };
	lp_strlcpy(c.tracking_id, tid, sizeof c.tracking_id);
	c.kind = LP_KIND_COMPLAINT;
	c.channel = LP_CHANNEL_WEB;
	c.status = LP_STATUS_NEW;
	c.privacy = privacy;
	lp_strlcpy(c.region, "31.71", sizeof c.region);
	lp_strlcpy(c.agency, "31.71", sizeof c.agency);
	lp_strlcpy(c.category, "transportasi", sizeof c.category);
	c.title = lp_strdup("Lampu lalu lintas mati");
	c.body = lp_strdup("Di simpang Harmoni sejak kemarin");
	c.reporter_name = lp_strdup("Rina");
	c.submitted_at = c.created_at = c.updated_at = NOW - 3600;
	c.version = 1;
	c.clock_stage = -1;
	assert_int_equal(lp_store_begin(f->st, true, &err), LP_OK);
	assert_int_equal(lp_store_case_insert(f->st, &c, &err), LP_OK);
	struct lp_event e = { .at = NOW - 3600, .action = LP_ACTION_INTAKE,
			      .status_from = LP_STATUS_NEW, .status_to = LP_STATUS_NEW,
			      .visibility = LP_VIS_SYSTEM };
	lp_strlcpy(e.officer, "intake", sizeof e.officer);
	lp_strlcpy(e.agency_to, "31.71", sizeof e.agency_to);
	assert_int_equal(lp_journal_append(f->st, &c, &e, &err), LP_OK);
	c.version = 2;
	assert_int_equal(lp_store_case_update(f->st, &c, 1, &err), LP_OK);
	assert_int_equal(lp_store_commit(f->st, &err), LP_OK);
	int64_t id = c.id;
	lp_case_clear(&c);
	return id;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct lp_error err;
	strcpy(f->dir, "/tmp/lapor-test-act-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->db, sizeof f->db, "%s/sub/lapor.db", f->dir);
	unsetenv("LAPOR_NOW");
	struct lp_session_opts o = { .db = f->db, .create = true,
				     .identity = LP_IDENTITY_OPTIONAL };
	if (lp_session_open(&o, &f->s, &err) != LP_OK) {
		fprintf(stderr, "open: %s\n", err.msg);
		return -1;
	}
	lp_session_set_now(f->s, NOW);
	f->st = lp_session_store(f->s);
	const char *logins[] = { "adm", "koor", "budi", "dewi", "sari", "eko", "aud" };
	for (size_t i = 0; i < sizeof logins / sizeof logins[0]; i++)
		if (lp_store_officer_put(f->st, who(logins[i]), &err) != LP_OK) {
			fprintf(stderr, "officer: %s\n", err.msg);
			return -1;
		}
	f->case_id = add_report(f, "WEB-2026-0001", LP_PRIVACY_PUBLIC);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	char cmd[160];
	lp_session_close(f->s);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		return -1;
	free(f);
	return 0;
}

static int act(struct fx *f, const char *login, struct lp_action_args a, struct lp_case *after,
	       struct lp_error *err)
{
	if (!a.case_id)
		a.case_id = f->case_id;
	return lp_act_as(f->s, who(login), &a, after, err);
}

struct collected {
	int n;
	struct lp_event e[16];
};

static int collect(const struct lp_event *e, void *ud)
{
	struct collected *c = ud;
	if (c->n < 16)
		lp_event_copy(&c->e[c->n++], e);
	return 0;
}

static void collected_clear(struct collected *c)
{
	for (int i = 0; i < c->n; i++)
		lp_event_clear(&c->e[i]);
	c->n = 0;
}

static void full_flow(void **state)
{
	struct fx *f = *state;
	struct lp_error err = { 0 };
	struct lp_case after = { 0 };

	/* A clerk may not verify; verify to the root is refused. */
	assert_int_equal(act(f, "budi", (struct lp_action_args){ .action = LP_ACTION_VERIFY,
			     .agency = "31.71.DISHUB" }, NULL, &err), LP_EPERM);
	assert_int_equal(act(f, "koor", (struct lp_action_args){ .action = LP_ACTION_VERIFY,
			     .agency = "KEMENPANRB" }, NULL, &err), LP_EREFUSED);
	assert_int_equal(act(f, "koor", (struct lp_action_args){ .action = LP_ACTION_VERIFY,
			     .agency = "NOPE" }, NULL, &err), LP_ENOENT);

	/* verify: the coordinator routes it to the unit. */
	assert_int_equal(act(f, "koor", (struct lp_action_args){ .action = LP_ACTION_VERIFY,
			     .if_version = 2, .agency = "31.71.DISHUB" }, &after, &err), LP_OK);
	assert_int_equal(after.status, LP_STATUS_ASSIGNED);
	assert_string_equal(after.agency, "31.71.DISHUB");
	assert_int_equal(after.version, 3);
	assert_int_equal(after.event_count, 2);
	assert_int_equal(after.updated_at, NOW);
	lp_case_clear(&after);

	/* claim by the clerk; an unrelated clerk is refused. */
	assert_int_equal(act(f, "eko", (struct lp_action_args){ .action = LP_ACTION_CLAIM },
			     NULL, &err), LP_EPERM);
	assert_non_null(strstr(err.msg, "you are a clerk of 32.73"));
	assert_int_equal(act(f, "budi", (struct lp_action_args){ .action = LP_ACTION_CLAIM,
			     .if_version = 3 }, &after, &err), LP_OK);
	assert_string_equal(after.assignee, "budi");
	assert_int_equal(after.status, LP_STATUS_IN_PROGRESS);
	lp_case_clear(&after);
	assert_int_equal(act(f, "dewi", (struct lp_action_args){ .action = LP_ACTION_CLAIM },
			     NULL, &err), LP_EREFUSED);
	assert_non_null(strstr(err.msg, "assigned to budi"));

	/* A draft is kept, and a stale reply is refused naming who and when. */
	assert_int_equal(lp_store_draft_put(f->st, f->case_id, "budi", LP_ACTION_REPLY,
					    "Sedang kami tangani", NOW, &err), LP_OK);
	assert_int_equal(act(f, "budi", (struct lp_action_args){ .action = LP_ACTION_REPLY,
			     .if_version = 3, .text = "Terima kasih" }, NULL, &err), LP_EREFUSED);
	assert_non_null(strstr(err.msg, "changed since you read it (version 3, now 4): "
					"claimed by budi at 2026-11-"));
	assert_non_null(strstr(err.msg, "WIB"));
	/* Text is required, must be UTF-8. */
	assert_int_equal(act(f, "budi", (struct lp_action_args){ .action = LP_ACTION_REPLY,
			     .text = "  " }, NULL, &err), LP_EUSAGE);
	assert_int_equal(act(f, "budi", (struct lp_action_args){ .action = LP_ACTION_REPLY,
			     .text = "bad \xff byte" }, NULL, &err), LP_EDATA);

	/* reply: public event; the draft is gone. */
	assert_int_equal(act(f, "budi", (struct lp_action_args){ .action = LP_ACTION_REPLY,
			     .if_version = 4, .text = "Lampu sudah diperbaiki" }, &after, &err),
			 LP_OK);
	assert_int_equal(after.status, LP_STATUS_RESPONDED);
	lp_case_clear(&after);
	enum lp_action kind;
	char *text = NULL;
	assert_int_equal(lp_store_draft_get(f->st, f->case_id, "budi", &kind, &text, &err),
			 LP_ENOENT);

	/* close: clerk refused, resolution required, supervisor closes. */
	assert_int_equal(act(f, "budi", (struct lp_action_args){ .action = LP_ACTION_CLOSE,
			     .code = "resolved" }, NULL, &err), LP_EPERM);
	assert_int_equal(act(f, "sari", (struct lp_action_args){ .action = LP_ACTION_CLOSE,
			     .code = "fixed" }, NULL, &err), LP_EUSAGE);
	assert_int_equal(act(f, "sari", (struct lp_action_args){ .action = LP_ACTION_CLOSE,
			     .code = "resolved" }, &after, &err), LP_OK);
	assert_int_equal(after.status, LP_STATUS_CLOSED);
	assert_int_equal(after.event_count, 5);
	assert_int_equal(after.version, 6);
	lp_case_clear(&after);
	assert_int_equal(act(f, "sari", (struct lp_action_args){ .action = LP_ACTION_CLOSE,
			     .code = "resolved" }, NULL, &err), LP_EREFUSED);
	assert_non_null(strstr(err.msg, "is closed; only cases that are in_progress or responded"));

	/* The events: chained, in order, with what each action recorded. */
	struct collected ev = { 0 };
	assert_int_equal(lp_store_event_list(f->st, f->case_id, collect, &ev, &err), LP_OK);
	assert_int_equal(ev.n, 5);
	const enum lp_action acts[5] = { LP_ACTION_INTAKE, LP_ACTION_VERIFY, LP_ACTION_CLAIM,
					 LP_ACTION_REPLY, LP_ACTION_CLOSE };
	for (int i = 0; i < 5; i++) {
		assert_int_equal(ev.e[i].seq, i + 1);
		assert_int_equal(ev.e[i].action, acts[i]);
		if (i > 0)
			assert_memory_equal(ev.e[i].prev_hash, ev.e[i - 1].hash, LP_HASH_LEN);
		unsigned char h[LP_HASH_LEN];
		lp_event_hash(&ev.e[i], h);
		assert_memory_equal(h, ev.e[i].hash, LP_HASH_LEN);
	}
	assert_string_equal(ev.e[1].agency_from, "31.71");
	assert_string_equal(ev.e[1].agency_to, "31.71.DISHUB");
	assert_int_equal(ev.e[3].visibility, LP_VIS_PUBLIC);
	assert_string_equal(ev.e[3].text, "Lampu sudah diperbaiki");
	assert_int_equal(ev.e[2].visibility, LP_VIS_INTERNAL);
	assert_string_equal(ev.e[4].detail, "resolved");
	assert_string_equal(ev.e[4].officer, "sari");
	collected_clear(&ev);

	/* The whole log verifies; the session has no officer, so use one. */
	struct lp_audit_report r;
	assert_int_equal(lp_audit_verify(f->s, &r, &err), LP_EPERM);
}

/* Reads are scoped and masked for the officer. */
static int count_cb(const struct lp_case *c, void *ud)
{
	(*(int *)ud)++;
	assert_non_null(c);
	return 0;
}

static void escalate_transfer_merge(void **state)
{
	struct fx *f = *state;
	struct lp_error err = { 0 };
	struct lp_case after = { 0 };
	int64_t dup = add_report(f, "SMS-2026-0002", LP_PRIVACY_SECRET);

	assert_int_equal(act(f, "adm", (struct lp_action_args){ .action = LP_ACTION_VERIFY,
			     .agency = "31.71.DISHUB" }, NULL, &err), LP_OK);
	/* escalate: a clerk raises it to 31.71, the sweep to 31, then KEMENPANRB. */
	assert_int_equal(act(f, "budi", (struct lp_action_args){ .action = LP_ACTION_ESCALATE },
			     NULL, &err), LP_EUSAGE);
	assert_int_equal(act(f, "budi", (struct lp_action_args){ .action = LP_ACTION_ESCALATE,
			     .text = "tidak ada anggaran" }, &after, &err), LP_OK);
	assert_int_equal(after.escalation, 1);
	assert_string_equal(after.escalated_to, "31.71");
	lp_case_clear(&after);
	assert_int_equal(act(f, "system", (struct lp_action_args){ .action = LP_ACTION_ESCALATE,
			     .text = "overdue" }, NULL, &err), LP_OK);
	assert_int_equal(act(f, "system", (struct lp_action_args){ .action = LP_ACTION_ESCALATE,
			     .text = "overdue" }, &after, &err), LP_OK);
	assert_string_equal(after.escalated_to, "KEMENPANRB");
	assert_int_equal(after.escalation, 3);
	lp_case_clear(&after);
	assert_int_equal(act(f, "system", (struct lp_action_args){ .action = LP_ACTION_ESCALATE,
			     .text = "overdue" }, NULL, &err), LP_EREFUSED);
	/* The system officer cannot reply. */
	assert_int_equal(act(f, "system", (struct lp_action_args){ .action = LP_ACTION_REPLY,
			     .text = "x" }, NULL, &err), LP_EPERM);

	/* transfer back for re-triage: new at the region's government. */
	assert_int_equal(act(f, "budi", (struct lp_action_args){ .action = LP_ACTION_TRANSFER,
			     .agency = "31.71.DISHUB", .text = "salah" }, NULL, &err), LP_EREFUSED);
	assert_int_equal(act(f, "budi", (struct lp_action_args){ .action = LP_ACTION_TRANSFER,
			     .retriage = true, .text = "bukan wewenang kami" }, &after, &err),
			 LP_OK);
	assert_int_equal(after.status, LP_STATUS_NEW);
	assert_string_equal(after.agency, "31.71");
	assert_string_equal(after.escalated_to, "");
	assert_string_equal(after.assignee, "");
	lp_case_clear(&after);
	/* The clerk no longer sees it (new, and not at its agency). */
	assert_int_equal(act(f, "budi", (struct lp_action_args){ .action = LP_ACTION_NOTE,
			     .text = "x" }, NULL, &err), LP_EPERM);

	/* merge the duplicate into it: the kept case must be open and differ. */
	assert_int_equal(act(f, "koor", (struct lp_action_args){ .action = LP_ACTION_MERGE,
			     .case_id = dup, .into = dup }, NULL, &err), LP_EREFUSED);
	assert_int_equal(act(f, "koor", (struct lp_action_args){ .action = LP_ACTION_MERGE,
			     .case_id = dup, .into = 999 }, NULL, &err), LP_ENOENT);
	assert_int_equal(act(f, "koor", (struct lp_action_args){ .action = LP_ACTION_MERGE,
			     .case_id = dup, .into = f->case_id }, &after, &err), LP_OK);
	assert_int_equal(after.status, LP_STATUS_ARCHIVED);
	assert_int_equal(after.merged_into, f->case_id);
	lp_case_clear(&after);

	/* archive needs a known reason. */
	assert_int_equal(act(f, "koor", (struct lp_action_args){ .action = LP_ACTION_ARCHIVE,
			     .code = "boring" }, NULL, &err), LP_EUSAGE);
	assert_int_equal(act(f, "koor", (struct lp_action_args){ .action = LP_ACTION_ARCHIVE,
			     .code = "spam" }, NULL, &err), LP_OK);
	assert_int_equal(act(f, "koor", (struct lp_action_args){ .action = LP_ACTION_NOTE,
			     .text = "x" }, NULL, &err), LP_EREFUSED);
}

static void assign_extend_reopen(void **state)
{
	struct fx *f = *state;
	struct lp_error err = { 0 };
	struct lp_case after = { 0 };
	assert_int_equal(act(f, "adm", (struct lp_action_args){ .action = LP_ACTION_VERIFY,
			     .agency = "31.71.DISHUB" }, NULL, &err), LP_OK);

	/* assign: supervisors and admins, to an active clerk or supervisor there. */
	assert_int_equal(act(f, "budi", (struct lp_action_args){ .action = LP_ACTION_ASSIGN,
			     .assignee = "dewi" }, NULL, &err), LP_EPERM);
	assert_int_equal(act(f, "sari", (struct lp_action_args){ .action = LP_ACTION_ASSIGN,
			     .assignee = "eko" }, NULL, &err), LP_EREFUSED);
	assert_string_equal(err.msg, "eko is a clerk of 32.73; case 1 is handled by 31.71.DISHUB");
	assert_int_equal(act(f, "sari", (struct lp_action_args){ .action = LP_ACTION_ASSIGN,
			     .assignee = "koor" }, NULL, &err), LP_EREFUSED);
	assert_int_equal(act(f, "sari", (struct lp_action_args){ .action = LP_ACTION_ASSIGN,
			     .assignee = "ghost" }, NULL, &err), LP_ENOENT);
	assert_int_equal(act(f, "sari", (struct lp_action_args){ .action = LP_ACTION_ASSIGN,
			     .assignee = "dewi" }, &after, &err), LP_OK);
	assert_string_equal(after.assignee, "dewi");
	assert_int_equal(after.status, LP_STATUS_IN_PROGRESS);
	assert_true(after.due_at > NOW); /* the first-response clock runs */
	int64_t due = after.due_at;
	lp_case_clear(&after);

	/* extend: once, by a supervisor, with a reason. */
	assert_int_equal(act(f, "dewi", (struct lp_action_args){ .action = LP_ACTION_EXTEND,
			     .days = 2, .text = "survei lapangan" }, NULL, &err), LP_EPERM);
	assert_int_equal(act(f, "sari", (struct lp_action_args){ .action = LP_ACTION_EXTEND,
			     .days = 2 }, NULL, &err), LP_EUSAGE);
	assert_int_equal(act(f, "sari", (struct lp_action_args){ .action = LP_ACTION_EXTEND,
			     .days = 2, .text = "survei lapangan" }, &after, &err), LP_OK);
	assert_int_equal(after.extended_days, 2);
	assert_true(after.due_at >= due);
	lp_case_clear(&after);
	assert_int_equal(act(f, "sari", (struct lp_action_args){ .action = LP_ACTION_EXTEND,
			     .days = 1, .text = "lagi" }, NULL, &err), LP_EREFUSED);
	assert_non_null(strstr(err.msg, "already extended"));

	/* reply, close by the sweep, a note after closing, reopen. */
	assert_int_equal(act(f, "dewi", (struct lp_action_args){ .action = LP_ACTION_REPLY,
			     .text = "Sudah kami tindak lanjuti" }, NULL, &err), LP_OK);
	assert_int_equal(act(f, "system", (struct lp_action_args){ .action = LP_ACTION_CLOSE,
			     .code = "no_response" }, &after, &err), LP_OK);
	assert_int_equal(after.status, LP_STATUS_CLOSED);
	lp_case_clear(&after);
	assert_int_equal(act(f, "budi", (struct lp_action_args){ .action = LP_ACTION_NOTE,
			     .text = "warga menelepon lagi" }, NULL, &err), LP_OK);
	assert_int_equal(act(f, "budi", (struct lp_action_args){ .action = LP_ACTION_REOPEN,
			     .text = "x" }, NULL, &err), LP_EPERM);
	assert_int_equal(act(f, "sari", (struct lp_action_args){ .action = LP_ACTION_REOPEN },
			     NULL, &err), LP_EUSAGE);
	assert_int_equal(act(f, "sari", (struct lp_action_args){ .action = LP_ACTION_REOPEN,
			     .text = "warga belum puas" }, &after, &err), LP_OK);
	assert_int_equal(after.status, LP_STATUS_IN_PROGRESS);
	assert_int_equal(after.event_count, 8);
	lp_case_clear(&after);

	struct collected ev = { 0 };
	assert_int_equal(lp_store_event_list(f->st, f->case_id, collect, &ev, &err), LP_OK);
	assert_int_equal(ev.n, 8);
	assert_string_equal(ev.e[2].detail, "dewi");     /* assign */
	assert_string_equal(ev.e[3].detail, "2");        /* extend */
	assert_int_equal(ev.e[5].visibility, LP_VIS_SYSTEM); /* the sweep's close */
	assert_string_equal(ev.e[5].detail, "no_response");
	assert_int_equal(ev.e[6].status_to, LP_STATUS_CLOSED); /* a note keeps the status */
	collected_clear(&ev);
}

/* A session whose officer is the Unix login: reads, scope and audit. */
static void session_reads_and_audit(void **state)
{
	struct fx *f = *state;
	struct lp_error err = { 0 };
	int64_t secret = add_report(f, "APP-2026-0003", LP_PRIVACY_SECRET);
	assert_int_equal(act(f, "adm", (struct lp_action_args){ .action = LP_ACTION_VERIFY,
			     .case_id = secret, .agency = "31.71.DISHUB" }, NULL, &err), LP_OK);

	assert_int_equal(act(f, "koor", (struct lp_action_args){ .action = LP_ACTION_NOTE,
			     .case_id = secret, .text = "pelapor adalah pegawai dinas" }, NULL,
			     &err), LP_OK);

	/* Register the Unix login as an auditor of 31 and reopen as it. */
	struct lp_officer me = officer(lp_session_unix_login(f->s), LP_ROLE_AUDITOR, "31");
	assert_int_equal(lp_store_officer_put(f->st, &me, &err), LP_OK);
	struct lp_session *s = NULL;
	struct lp_session_opts o = { .db = f->db, .identity = LP_IDENTITY_REQUIRED };
	assert_int_equal(lp_session_open(&o, &s, &err), LP_OK);
	assert_string_equal(lp_session_officer(s)->login, me.login);
	assert_string_equal(lp_session_agency(s)->code, "31");

	/* The auditor sees both cases, the secret one masked. */
	struct lp_list_opts lo;
	lp_list_opts_init(&lo);
	int n = 0;
	assert_int_equal(lp_cases_list(s, &lo, count_cb, &n, &err), LP_OK);
	assert_int_equal(n, 2);
	int64_t count = 0;
	assert_int_equal(lp_cases_count(s, &lo, &count, &err), LP_OK);
	assert_int_equal(count, 2);
	struct lp_case c;
	assert_int_equal(lp_case_get(s, secret, &c, &err), LP_OK);
	assert_null(c.title);
	assert_null(c.reporter_name);
	assert_true(c.masked);
	lp_case_clear(&c);
	assert_int_equal(lp_case_get(s, f->case_id, &c, &err), LP_OK);
	assert_string_equal(c.title, "Lampu lalu lintas mati");
	lp_case_clear(&c);
	assert_int_equal(lp_case_get(s, 999, &c, &err), LP_ENOENT);
	assert_string_equal(err.msg, "no case 999");
	/* The console's queue filters reach the store. */
	lo.escalated_to = "31.71";
	assert_int_equal(lp_cases_count(s, &lo, &count, &err), LP_OK);
	assert_int_equal(count, 0);
	lo.escalated_to = NULL;
	lo.updated_after = NOW + 1;
	assert_int_equal(lp_cases_count(s, &lo, &count, &err), LP_OK);
	assert_int_equal(count, 0);
	lo.updated_after = NOW;
	assert_int_equal(lp_cases_count(s, &lo, &count, &err), LP_OK);
	assert_int_equal(count, 1); /* the secret case, verified now */
	lo.updated_after = 0;
	lo.under = "NOPE";
	assert_int_equal(lp_cases_list(s, &lo, count_cb, &n, &err), LP_ENOENT);

	/* Events of the secret case: the note's text is hidden outside the agency. */
	struct collected ev = { 0 };
	assert_int_equal(lp_case_events(s, secret, collect, &ev, &err), LP_OK);
	assert_int_equal(ev.n, 3);
	assert_int_equal(ev.e[2].action, LP_ACTION_NOTE);
	assert_null(ev.e[2].text);
	assert_string_equal(ev.e[2].officer, "koor");
	collected_clear(&ev);
	assert_int_equal(lp_case_events(s, 999, collect, &ev, &err), LP_ENOENT);

	/* The auditor cannot act. */
	struct lp_action_args a = { .action = LP_ACTION_NOTE, .case_id = secret, .text = "x" };
	assert_int_equal(lp_act(s, &a, NULL, &err), LP_EPERM);

	/* The chains verify; then one event is altered behind the triggers. */
	struct lp_audit_report r;
	assert_int_equal(lp_audit_verify(s, &r, &err), LP_OK);
	assert_false(r.broken);
	assert_int_equal(r.cases, 2);
	assert_int_equal(r.events, 4);
	lp_session_close(s);

	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "DROP TRIGGER event_no_update;"
				      "UPDATE event SET text = 'diubah' WHERE seq = 2;",
				      NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(lp_session_open(&o, &s, &err), LP_OK);
	assert_int_equal(lp_audit_verify(s, &r, &err), LP_OK);
	assert_true(r.broken);
	assert_int_equal(r.case_id, secret); /* the only case with a second event */
	assert_int_equal(r.seq, 2);
	assert_string_equal(r.why, "hash does not match its fields");
	lp_session_close(s);
}

/* A clerk's scope: its own agency, verified cases only. */
static void clerk_scope(void **state)
{
	struct fx *f = *state;
	struct lp_error err = { 0 };
	struct lp_officer me = officer(lp_session_unix_login(f->s), LP_ROLE_CLERK, "31.71.DISHUB");
	assert_int_equal(lp_store_officer_put(f->st, &me, &err), LP_OK);
	struct lp_session *s = NULL;
	struct lp_session_opts o = { .db = f->db, .identity = LP_IDENTITY_REQUIRED };
	assert_int_equal(lp_session_open(&o, &s, &err), LP_OK);
	struct lp_case c;
	assert_int_equal(lp_case_get(s, f->case_id, &c, &err), LP_EPERM);
	assert_string_equal(err.msg, "you are a clerk of 31.71.DISHUB; case 1 is handled by 31.71");
	struct lp_action_args a = { .action = LP_ACTION_VERIFY, .case_id = f->case_id,
				    .agency = "31.71.DISHUB" };
	assert_int_equal(lp_act_as(f->s, who("koor"), &a, NULL, &err), LP_OK);
	assert_int_equal(lp_case_get(s, f->case_id, &c, &err), LP_OK);
	lp_case_clear(&c);
	struct lp_list_opts lo;
	lp_list_opts_init(&lo);
	lo.assignee = "me";
	int n = 0;
	assert_int_equal(lp_cases_list(s, &lo, count_cb, &n, &err), LP_OK);
	assert_int_equal(n, 0);
	/* Drafts need the case to be visible. */
	assert_int_equal(lp_draft_save(s, f->case_id, LP_ACTION_NOTE, "catatan", &err), LP_OK);
	enum lp_action kind;
	char *text = NULL;
	assert_int_equal(lp_draft_load(s, f->case_id, &kind, &text, &err), LP_OK);
	assert_string_equal(text, "catatan");
	assert_int_equal(kind, LP_ACTION_NOTE);
	free(text);
	a = (struct lp_action_args){ .action = LP_ACTION_CLAIM, .case_id = f->case_id };
	assert_int_equal(lp_act(s, &a, NULL, &err), LP_OK);
	n = 0;
	assert_int_equal(lp_cases_list(s, &lo, count_cb, &n, &err), LP_OK);
	assert_int_equal(n, 1);
	lp_session_close(s);

	/* An unknown login is told how to get registered. */
	struct lp_officer gone = me;
	gone.active = false;
	assert_int_equal(lp_store_officer_put(f->st, &gone, &err), LP_OK);
	assert_int_equal(lp_session_open(&o, &s, &err), LP_EPERM);
	assert_non_null(strstr(err.msg, "inactive"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(full_flow, setup, teardown),
		cmocka_unit_test_setup_teardown(escalate_transfer_merge, setup, teardown),
		cmocka_unit_test_setup_teardown(assign_extend_reopen, setup, teardown),
		cmocka_unit_test_setup_teardown(session_reads_and_audit, setup, teardown),
		cmocka_unit_test_setup_teardown(clerk_scope, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
