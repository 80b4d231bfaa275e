/* fixture.c: the finder's fixture database.
 *
 *  id agency        status       privacy   category     region    due     created
 *   1 31.71         assigned     public    jalan-rusak  31.71.01  +1d     -10d  budi, urgent
 *   2 31.71         in_progress  public    air-bersih   31.71.02  -1d     -3d   escalated
 *   3 31.71.DISHUB  assigned     secret    transportasi 31.71.01  0       -2d
 *   4 32.73         new          public    jalan-rusak  32.73.01  +3d     -1d
 *   5 31.71         closed       anonymous jalan-rusak  31.71.01  0       -20d  closed -1d
 *   6 31.71         new          public    sampah       31.71.01  0       -5d   sms, aspiration
 *   7 31.71         assigned     public    jalan-rusak  31.71.01  +5d     -4d
 *   8..10 31.71     archived     public    banjir       31.71.03  0       -1d..-3d  "Banjir ..."
 *  11 31.71         archived     public    banjir       31.71.03  0       -10d      "Banjir ..."
 * Events: 1 reply "menambal", 1 note "bina marga", 3 note "joko". */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "journal.h"

struct row {
	const char *agency;
	enum lp_status status;
	enum lp_privacy privacy;
	const char *category, *region;
	int64_t due, created;
	const char *title, *body, *reporter;
};

static const struct row ROWS[] = {
	{ "31.71", LP_STATUS_ASSIGNED, LP_PRIVACY_PUBLIC, "jalan-rusak", "31.71.01",
	  DAYS(1) - 3600, -DAYS(10), "Jalan rusak di Menteng", "Aspal berlubang dekat sekolah", "Andi" },
	{ "31.71", LP_STATUS_IN_PROGRESS, LP_PRIVACY_PUBLIC, "air-bersih", "31.71.02", -DAYS(1),
	  -DAYS(3), "Air PDAM keruh", "Air berwarna coklat", "Budi" },
	{ "31.71.DISHUB", LP_STATUS_ASSIGNED, LP_PRIVACY_SECRET, "transportasi", "31.71.01", 0,
	  -DAYS(2), "Pungutan liar di terminal", "Petugas meminta uang", "Candra" },
	{ "32.73", LP_STATUS_NEW, LP_PRIVACY_PUBLIC, "jalan-rusak", "32.73.01", DAYS(3),
	  -DAYS(1), "Jalan rusak parah Bandung", "Lubang besar", "Dedi" },
	{ "31.71", LP_STATUS_IN_PROGRESS, LP_PRIVACY_ANONYMOUS, "jalan-rusak", "31.71.01", -DAYS(2),
	  -DAYS(20), "Jalan rusak sudah lama", "Belum diperbaiki", "Siti Rahasia" },
	{ "31.71", LP_STATUS_NEW, LP_PRIVACY_PUBLIC, "sampah", "31.71.01", 0, -DAYS(5),
	  "Sampah menumpuk", "Bau busuk", "Eka" },
	{ "31.71", LP_STATUS_ASSIGNED, LP_PRIVACY_PUBLIC, "jalan-rusak", "31.71.01", DAYS(5),
	  -DAYS(4), "Jalan berlubang di Menteng", "Aspal rusak dekat sekolah", "Fajar" },
	{ "31.71", LP_STATUS_ARCHIVED, LP_PRIVACY_PUBLIC, "banjir", "31.71.03", 0, -DAYS(1),
	  "Banjir di Kemang", "Air masuk rumah", "Gita" },
	{ "31.71", LP_STATUS_ARCHIVED, LP_PRIVACY_PUBLIC, "banjir", "31.71.03", 0, -DAYS(2),
	  "Banjir lagi Kemang", "Air masuk rumah", "Hadi" },
	{ "31.71", LP_STATUS_ARCHIVED, LP_PRIVACY_PUBLIC, "banjir", "31.71.03", 0, -DAYS(3),
	  "Banjir setinggi lutut", "Air masuk rumah", "Indra" },
	{ "31.71", LP_STATUS_ARCHIVED, LP_PRIVACY_PUBLIC, "banjir", "31.71.03", 0, -DAYS(10),
	  "Banjir tahun lalu", "Air masuk rumah", "Joko" },
};

static void event(struct ffx *f, struct lp_case *c, enum lp_action a, enum lp_visibility v,
		  const char *text)
{
	struct lp_error err;
	struct lp_event e = { .at = NOW - 60, .action = a, .status_from = c->status,
			      .status_to = c->status, .visibility = v };
	lp_strlcpy(e.officer, "system", sizeof e.officer);
	lp_strlcpy(e.agency_to, c->agency, sizeof e.agency_to);
	e.text = (char *)text;
	assert_ok(lp_journal_append(f->st, c, &e, &err), &err);
}

static void add_cases(struct ffx *f)
{
	struct lp_error err;
	assert_ok(lp_store_begin(f->st, true, &err), &err);
	for (size_t i = 0; i < sizeof ROWS / sizeof *ROWS; i++) {
		const struct row *r = &ROWS[i];
		struct lp_case c = { 0 };
		snprintf(c.tracking_id, sizeof c.tracking_id, "%s-%04zu", i == 5 ? "SMS" : "WEB",
			 i + 1);
		c.kind = i == 5 ? LP_KIND_ASPIRATION : LP_KIND_COMPLAINT;
		c.channel = i == 5 ? LP_CHANNEL_SMS : LP_CHANNEL_WEB;
		c.status = r->status;
		c.privacy = r->privacy;
		lp_strlcpy(c.category, r->category, sizeof c.category);
		lp_strlcpy(c.region, r->region, sizeof c.region);
		lp_strlcpy(c.agency, r->agency, sizeof c.agency);
		if (i == 0)
			lp_strlcpy(c.assignee, "budi", sizeof c.assignee);
		c.priority = i == 0 ? 2 : 0;
		c.title = lp_strdup(r->title);
		c.body = lp_strdup(r->body);
		c.reporter_name = lp_strdup(r->reporter);
		c.submitted_at = c.created_at = c.updated_at = NOW + r->created;
		c.due_at = r->due ? NOW + r->due : 0;
		c.clock_stage = r->due ? LP_STAGE_SETTLEMENT : -1;
		c.escalation = i == 1;
		if (i == 1)
			lp_strlcpy(c.escalated_to, "31", sizeof c.escalated_to);
		c.version = 1;
		assert_ok(lp_store_case_insert(f->st, &c, &err), &err);
		if (i == 0) {
			event(f, &c, LP_ACTION_REPLY, LP_VIS_PUBLIC, "Kami akan menambal aspal");
			event(f, &c, LP_ACTION_NOTE, LP_VIS_INTERNAL,
			      "koordinasi dengan bina marga");
		}
		if (i == 2)
			event(f, &c, LP_ACTION_NOTE, LP_VIS_INTERNAL, "saksi bernama joko");
		if (i == 4) { /* closed yesterday, a day after its deadline */
			struct lp_case d;
			assert_true(lp_case_copy(&d, &c));
			d.status = LP_STATUS_CLOSED;
			d.updated_at = NOW - DAYS(1);
			d.due_at = 0;
			d.clock_stage = -1;
			d.version = c.version + 1;
			assert_ok(lp_store_case_update(f->st, &d, c.version, &err), &err);
			lp_case_clear(&d);
		}
		lp_case_clear(&c);
	}
	assert_ok(lp_store_commit(f->st, &err), &err);
}

int ffx_setup(void **state)
{
	struct ffx *f = calloc(1, sizeof *f);
	struct lp_error err;
	if (!f)
		return -1;
	strcpy(f->dir, "/tmp/lapor-test-find-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->db, sizeof f->db, "%s/lapor.db", f->dir);
	unsetenv("LAPOR_NOW");
	struct lp_session_opts o = { .db = f->db, .create = true,
				     .identity = LP_IDENTITY_OPTIONAL };
	if (lp_session_open(&o, &f->s, &err) != LP_OK) {
		fprintf(stderr, "open: %s\n", err.msg);
		return -1;
	}
	lp_session_set_now(f->s, NOW);
	f->st = lp_session_store(f->s);
	*state = f;
	add_cases(f);
	return 0;
}

int ffx_teardown(void **state)
{
	struct ffx *f = *state;
	char cmd[160];
	lp_session_close(f->s);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	int rc = system(cmd);
	free(f);
	return rc == 0 ? 0 : -1;
}

void ffx_become(struct ffx *f, enum lp_role role, const char *agency)
{
	struct lp_error err;
	struct lp_officer o = { 0 };
	/* On a server the session acts as the database role (PostgreSQL). */
	const char *db_login = lp_store_db_login(f->st);
	lp_strlcpy(o.login, db_login && *db_login ? db_login : lp_session_unix_login(f->s),
		   sizeof o.login);
	lp_strlcpy(o.name, "Petugas Uji", sizeof o.name);
	lp_strlcpy(o.agency, agency, sizeof o.agency);
	o.role = role;
	o.active = true;
	assert_ok(lp_store_officer_put(f->st, &o, &err), &err);
	assert_ok(lp_session_refresh(f->s, &err), &err);
	assert_string_equal(lp_session_officer(f->s)->agency, agency);
}

int ids_add(const struct lp_case *c, void *ud)
{
	struct ids *x = ud;
	size_t n = strlen(x->s);
	snprintf(x->s + n, sizeof x->s - n, "%s%lld", n ? "," : "", (long long)c->id);
	x->n++;
	return 0;
}
