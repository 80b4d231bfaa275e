/* test_log.c: the event log (append, list, scan) and drafts. */
#include "fixture.h"

#include <stdlib.h>
#include <string.h>

static int64_t new_case(struct fx *f, const char *tid)
{
	struct lp_case c;
	fx_case(&c, tid, "35.78");
	assert_ok(lp_store_case_insert(f->s, &c, &f->err), &f->err);
	int64_t id = c.id;
	lp_case_clear(&c);
	return id;
}

static void fill_event(struct lp_event *e, int64_t case_id, int64_t seq, enum lp_action a)
{
	memset(e, 0, sizeof *e);
	e->case_id = case_id;
	e->seq = seq;
	e->at = 1767225600 + seq * 60;
	strcpy(e->officer, seq == 1 ? "intake" : "siti");
	strcpy(e->actor, seq == 3 ? "root" : "");
	e->action = a;
	e->status_from = seq == 1 ? LP_STATUS_NEW : LP_STATUS_ASSIGNED;
	e->status_to = LP_STATUS_ASSIGNED;
	strcpy(e->agency_from, "35.78");
	strcpy(e->agency_to, seq == 1 ? "35.78" : "35.78.DINKES");
	e->visibility = a == LP_ACTION_NOTE ? LP_VIS_INTERNAL : LP_VIS_PUBLIC;
	e->text = seq == 2 ? NULL : lp_strdup("Terima kasih atas laporan Anda.\n\x1b[31m");
	e->detail = seq == 2 ? lp_strdup("not_our_authority") : NULL;
	memset(e->prev_hash, (int)seq - 1, LP_HASH_LEN);
	memset(e->hash, (int)seq, LP_HASH_LEN);
}

struct events {
	struct lp_event e[16];
	int n;
};

static int collect(const struct lp_event *e, void *ud)
{
	struct events *x = ud;
	if (x->n >= 16)
		return 1;
	lp_event_copy(&x->e[x->n++], e);
	return 0;
}

static void clear_events(struct events *x)
{
	for (int i = 0; i < x->n; i++)
		lp_event_clear(&x->e[i]);
	x->n = 0;
}

static void assert_event_equal(const struct lp_event *a, const struct lp_event *b)
{
	assert_int_equal(a->case_id, b->case_id);
	assert_int_equal(a->seq, b->seq);
	assert_int_equal(a->at, b->at);
	assert_string_equal(a->officer, b->officer);
	assert_string_equal(a->actor, b->actor);
	assert_int_equal(a->action, b->action);
	assert_int_equal(a->status_from, b->status_from);
	assert_int_equal(a->status_to, b->status_to);
	assert_string_equal(a->agency_from, b->agency_from);
	assert_string_equal(a->agency_to, b->agency_to);
	assert_int_equal(a->visibility, b->visibility);
	if (a->text || b->text)
		assert_string_equal(a->text, b->text);
	if (a->detail || b->detail)
		assert_string_equal(a->detail, b->detail);
	assert_memory_equal(a->prev_hash, b->prev_hash, LP_HASH_LEN);
	assert_memory_equal(a->hash, b->hash, LP_HASH_LEN);
}

static void events(void **state)
{
	struct fx *f = *state;
	int64_t c1 = new_case(f, "WEB-1"), c2 = new_case(f, "WEB-2");
	struct lp_event in[3];
	const enum lp_action acts[] = { LP_ACTION_INTAKE, LP_ACTION_ARCHIVE, LP_ACTION_NOTE };
	for (int i = 0; i < 3; i++) {
		fill_event(&in[i], c1, i + 1, acts[i]);
		assert_ok(lp_store_event_append(f->s, &in[i], &f->err), &f->err);
	}
	struct lp_event e2;
	fill_event(&e2, c2, 1, LP_ACTION_INTAKE);
	assert_ok(lp_store_event_append(f->s, &e2, &f->err), &f->err);

	struct events x = { .n = 0 };
	assert_ok(lp_store_event_list(f->s, c1, collect, &x, &f->err), &f->err);
	assert_int_equal(x.n, 3);
	for (int i = 0; i < 3; i++)
		assert_event_equal(&in[i], &x.e[i]);
	assert_null(x.e[1].text);
	clear_events(&x);

	/* After a seq: the later events only, of that case only. */
	assert_ok(lp_store_event_list_after(f->s, c1, 2, collect, &x, &f->err), &f->err);
	assert_int_equal(x.n, 1);
	assert_event_equal(&in[2], &x.e[0]);
	clear_events(&x);
	assert_ok(lp_store_event_list_after(f->s, c1, 3, collect, &x, &f->err), &f->err);
	assert_int_equal(x.n, 0);

	/* Scan: case by case, seq by seq. */
	assert_ok(lp_store_event_scan(f->s, collect, &x, &f->err), &f->err);
	assert_int_equal(x.n, 4);
	assert_event_equal(&in[0], &x.e[0]);
	assert_event_equal(&in[2], &x.e[2]);
	assert_event_equal(&e2, &x.e[3]);
	clear_events(&x);

	/* (case, seq) is unique; the case must exist. */
	assert_int_equal(lp_store_event_append(f->s, &in[1], &f->err), LP_EDATA);
	struct lp_event orphan;
	fill_event(&orphan, 9999, 1, LP_ACTION_INTAKE);
	assert_int_equal(lp_store_event_append(f->s, &orphan, &f->err), LP_EDATA);
	assert_ok(lp_store_event_list(f->s, 9999, collect, &x, &f->err), &f->err);
	assert_int_equal(x.n, 0);
	for (int i = 0; i < 3; i++)
		lp_event_clear(&in[i]);
	lp_event_clear(&e2);
	lp_event_clear(&orphan);
}

static void drafts(void **state)
{
	struct fx *f = *state;
	int64_t c1 = new_case(f, "WEB-1");
	enum lp_action kind = LP_ACTION_INTAKE;
	char *text = (char *)1;
	assert_int_equal(lp_store_draft_get(f->s, c1, "siti", &kind, &text, &f->err), LP_ENOENT);
	assert_null(text);
	assert_ok(lp_store_draft_put(f->s, c1, "siti", LP_ACTION_REPLY, "Baik, kami ", 100,
				     &f->err), &f->err);
	assert_ok(lp_store_draft_put(f->s, c1, "budi", LP_ACTION_NOTE, "cek lokasi", 100,
				     &f->err), &f->err);
	assert_ok(lp_store_draft_put(f->s, c1, "siti", LP_ACTION_NOTE, "Baik, kami tindak lanjuti",
				     200, &f->err), &f->err);
	assert_ok(lp_store_draft_get(f->s, c1, "siti", &kind, &text, &f->err), &f->err);
	assert_int_equal(kind, LP_ACTION_NOTE);
	assert_string_equal(text, "Baik, kami tindak lanjuti");
	free(text);
	assert_ok(lp_store_draft_delete(f->s, c1, "siti", &f->err), &f->err);
	assert_int_equal(lp_store_draft_get(f->s, c1, "siti", &kind, &text, &f->err), LP_ENOENT);
	assert_ok(lp_store_draft_delete(f->s, c1, "siti", &f->err), &f->err); /* none: fine */
	/* budi's draft is untouched. */
	assert_ok(lp_store_draft_get(f->s, c1, "budi", &kind, &text, &f->err), &f->err);
	assert_string_equal(text, "cek lokasi");
	free(text);
	/* Only replies and notes; only on cases that exist. */
	assert_int_equal(lp_store_draft_put(f->s, c1, "siti", LP_ACTION_CLOSE, "x", 1, &f->err),
			 LP_EDATA);
	assert_int_equal(lp_store_draft_put(f->s, 777, "siti", LP_ACTION_REPLY, "x", 1, &f->err),
			 LP_EDATA);
}

int run_log_tests(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(events, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(drafts, fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests_name("store: events and drafts", tests, NULL, NULL);
}
