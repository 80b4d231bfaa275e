/* test_cases.c: inserting, reading and the version-checked update of one
 * case. */
#include "fixture.h"

#include <stdlib.h>
#include <string.h>

/* Every stored field equal (the strings by content). */
static void assert_case_equal(const struct lp_case *a, const struct lp_case *b)
{
	assert_int_equal(a->id, b->id);
	assert_string_equal(a->tracking_id, b->tracking_id);
	assert_int_equal(a->kind, b->kind);
	assert_int_equal(a->channel, b->channel);
	assert_int_equal(a->status, b->status);
	assert_int_equal(a->privacy, b->privacy);
	assert_string_equal(a->category, b->category);
	assert_string_equal(a->region, b->region);
	assert_string_equal(a->agency, b->agency);
	assert_string_equal(a->assignee, b->assignee);
	assert_int_equal(a->priority, b->priority);
#define SAME_STR(m) \
	do { \
		if (a->m || b->m) { \
			assert_non_null(a->m); \
			assert_non_null(b->m); \
			assert_string_equal(a->m, b->m); \
		} \
	} while (0)
	SAME_STR(title);
	SAME_STR(body);
	SAME_STR(reporter_name);
	SAME_STR(reporter_phone);
	SAME_STR(reporter_email);
#undef SAME_STR
	assert_int_equal(a->submitted_at, b->submitted_at);
	assert_int_equal(a->created_at, b->created_at);
	assert_int_equal(a->updated_at, b->updated_at);
	assert_int_equal(a->due_at, b->due_at);
	assert_int_equal(a->escalation, b->escalation);
	assert_string_equal(a->escalated_to, b->escalated_to);
	assert_int_equal(a->version, b->version);
	assert_int_equal(a->merged_into, b->merged_into);
	assert_int_equal(a->field_check, b->field_check);
	assert_int_equal(a->extended_days, b->extended_days);
	assert_int_equal(a->clock_stage, b->clock_stage);
	assert_int_equal(a->clock_paused_at, b->clock_paused_at);
	assert_int_equal(a->event_count, b->event_count);
	assert_memory_equal(a->last_hash, b->last_hash, LP_HASH_LEN);
}

static void insert_and_get(void **state)
{
	struct fx *f = *state;
	struct lp_case c, g, h;
	fx_case(&c, "WEB-2026-000001", "31.71");
	c.reporter_name = lp_strdup("Ani \"Wijaya\"; DROP TABLE kase; --");
	c.reporter_phone = lp_strdup("+62 812 0000 1111");
	c.reporter_email = NULL;
	c.privacy = LP_PRIVACY_ANONYMOUS;
	c.kind = LP_KIND_INFORMATION_REQUEST;
	c.channel = LP_CHANNEL_WALK_IN;
	c.priority = 2;
	c.due_at = 1767830400;
	c.clock_stage = LP_STAGE_VERIFICATION;
	c.event_count = 1;
	memset(c.last_hash, 0xab, LP_HASH_LEN);
	c.field_check = true;
	c.id = 999; /* ignored */
	assert_ok(lp_store_case_insert(f->s, &c, &f->err), &f->err);
	assert_true(c.id > 0 && c.id != 999);

	assert_ok(lp_store_case_get(f->s, c.id, &g, &f->err), &f->err);
	assert_case_equal(&c, &g);
	assert_null(g.reporter_email);
	assert_ok(lp_store_case_get_by_tracking(f->s, "WEB-2026-000001", &h, &f->err), &f->err);
	assert_case_equal(&c, &h);
	lp_case_clear(&g);
	lp_case_clear(&h);

	/* A second case gets the next number. */
	struct lp_case d;
	fx_case(&d, "SMS-1708-42", "KEMENKES");
	free(d.title); /* absent strings stay absent */
	d.title = NULL;
	assert_ok(lp_store_case_insert(f->s, &d, &f->err), &f->err);
	assert_true(d.id > c.id);
	assert_ok(lp_store_case_get(f->s, d.id, &g, &f->err), &f->err);
	assert_null(g.title);
	assert_int_equal(g.clock_stage, -1);
	lp_case_clear(&g);

	/* Unique tracking id; known agency. */
	int64_t n = 0;
	assert_int_equal(lp_store_case_insert(f->s, &d, &f->err), LP_EDATA);
	assert_non_null(strstr(f->err.msg, "SMS-1708-42"));
	struct lp_case e;
	fx_case(&e, "WEB-X", "NOPE");
	assert_int_equal(lp_store_case_insert(f->s, &e, &f->err), LP_EDATA);
	assert_ok(lp_store_case_count(f->s, NULL, &n, &f->err), &f->err);
	assert_int_equal(n, 2);

	assert_int_equal(lp_store_case_get(f->s, 12345, &g, &f->err), LP_ENOENT);
	assert_int_equal(lp_store_case_get_by_tracking(f->s, "nope", &g, &f->err), LP_ENOENT);
	lp_case_clear(&c);
	lp_case_clear(&d);
	lp_case_clear(&e);
}

static void versioned_update(void **state)
{
	struct fx *f = *state;
	struct lp_case c, g;
	fx_case(&c, "WEB-1", "32.73");
	assert_ok(lp_store_case_insert(f->s, &c, &f->err), &f->err);

	/* Officer A read version 1 and writes version 2. */
	c.status = LP_STATUS_ASSIGNED;
	lp_strlcpy(c.agency, "32.73.DINKES", sizeof c.agency);
	lp_strlcpy(c.assignee, "siti", sizeof c.assignee);
	lp_strlcpy(c.escalated_to, "32", sizeof c.escalated_to);
	c.escalation = 1;
	c.version = 2;
	c.clock_stage = LP_STAGE_FIRST_RESPONSE;
	c.event_count = 2;
	memset(c.last_hash, 7, LP_HASH_LEN);
	free(c.body);
	c.body = lp_strdup("Jalan berlubang \xe2\x80\x94 sudah tiga bulan.");
	assert_ok(lp_store_case_update(f->s, &c, 1, &f->err), &f->err);
	assert_ok(lp_store_case_get(f->s, c.id, &g, &f->err), &f->err);
	assert_case_equal(&c, &g);
	lp_case_clear(&g);

	/* Officer B also read version 1: refused, nothing changed. */
	struct lp_case stale;
	fx_case(&stale, "WEB-1", "32.73");
	stale.id = c.id;
	stale.version = 2;
	stale.status = LP_STATUS_ARCHIVED;
	assert_int_equal(lp_store_case_update(f->s, &stale, 1, &f->err), LP_EREFUSED);
	assert_int_equal(f->err.code, LP_EREFUSED);
	assert_ok(lp_store_case_get(f->s, c.id, &g, &f->err), &f->err);
	assert_case_equal(&c, &g);
	lp_case_clear(&g);

	/* No such case. */
	stale.id = 4242;
	assert_int_equal(lp_store_case_update(f->s, &stale, 1, &f->err), LP_ENOENT);
	/* A bad agency breaks a rule and changes nothing. */
	c.version = 3;
	lp_strlcpy(c.agency, "NOPE", sizeof c.agency);
	assert_int_equal(lp_store_case_update(f->s, &c, 2, &f->err), LP_EDATA);
	assert_ok(lp_store_case_get(f->s, c.id, &g, &f->err), &f->err);
	assert_int_equal(g.version, 2);
	assert_string_equal(g.agency, "32.73.DINKES");
	lp_case_clear(&g);
	lp_case_clear(&c);
	lp_case_clear(&stale);
}

int run_case_tests(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(insert_and_get, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(versioned_update, fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests_name("store: cases", tests, NULL, NULL);
}
