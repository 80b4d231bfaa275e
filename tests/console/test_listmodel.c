/* test_listmodel.c: keyset paging against a fake source of N rows. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "listmodel.h"

/* The fake queue: ids 1..n, ordered by key = (id * 7) % 13 then id, so
 * key order differs from id order and keys repeat. */
struct fake {
	int n;
	int reads;       /* rows handed out in total: must stay page-sized */
	bool fail;
};

static int64_t key_of(int64_t id)
{
	return (id * 7) % 13;
}

static bool after(int64_t k, int64_t id, const struct con_cursor *c, bool reverse)
{
	if (!c->set)
		return true;
	if (!reverse)
		return k > c->key || (k == c->key && id > c->id);
	return k < c->key || (k == c->key && id < c->id);
}

static bool before(int64_t ka, int64_t ia, int64_t kb, int64_t ib, bool reverse)
{
	bool lt = ka < kb || (ka == kb && ia < ib);

	return reverse ? !lt : lt;
}

static int fake_fetch(void *ud, const struct con_cursor *c, bool reverse, int limit,
		      struct con_row *rows, int *n, struct lp_error *err)
{
	struct fake *f = ud;
	int got = 0;

	if (f->fail)
		return lp_error_set(err, LP_EBUSY, "busy");
	/* Selection of the `limit` smallest rows after c (no sorting of the whole set:
	 * a simple repeated minimum, fine for a test). */
	struct con_cursor cur = *c;

	while (got < limit) {
		int64_t best = 0;

		for (int64_t id = 1; id <= f->n; id++) {
			if (!after(key_of(id), id, &cur, reverse))
				continue;
			if (!best || before(key_of(id), id, key_of(best), best, reverse))
				best = id;
		}
		if (!best)
			break;
		memset(&rows[got], 0, sizeof(rows[got]));
		rows[got].id = best;
		rows[got].key = key_of(best);
		got++;
		cur.set = true;
		cur.key = key_of(best);
		cur.id = best;
	}
	f->reads += got;
	*n = got;
	return LP_OK;
}

/* The whole queue in order, the slow way, to compare with. */
static int expected(int n, int64_t *out)
{
	struct fake f = { n, 0, false };
	struct con_row rows[200];
	struct con_cursor c = { 0 };
	int got;

	fake_fetch(&f, &c, false, n, rows, &got, NULL);
	for (int i = 0; i < got; i++)
		out[i] = rows[i].id;
	return got;
}

static void pages_forward_and_back(void **state)
{
	struct fake f = { 47, 0, false };
	struct con_listmodel m;
	int64_t want[200];
	int total = expected(47, want), seen = 0, pages = 0;

	(void)state;
	assert_true(con_lm_init(&m, fake_fetch, &f, 10));
	assert_int_equal(con_lm_first(&m, NULL), LP_OK);
	assert_true(m.at_first);
	for (;;) {
		for (int i = 0; i < m.n; i++)
			assert_int_equal(m.rows[i].id, want[seen + i]);
		seen += m.n;
		pages++;
		if (!m.more_after)
			break;
		assert_int_equal(con_lm_next_page(&m, NULL), LP_OK);
		assert_false(m.at_first);
	}
	assert_int_equal(seen, total);
	assert_int_equal(pages, 5);
	assert_int_equal(m.n, 7);
	/* Each read asked for one page (+1 row to know whether more follow). */
	assert_true(f.reads <= pages * 11);
	/* Back again, page by page, from the stack. */
	for (int p = pages - 2; p >= 0; p--) {
		assert_int_equal(con_lm_prev_page(&m, NULL), LP_OK);
		for (int i = 0; i < m.n; i++)
			assert_int_equal(m.rows[i].id, want[p * 10 + i]);
	}
	assert_true(m.at_first);
	assert_int_equal(m.depth, 0);
	/* Before the first page: nothing moves. */
	assert_int_equal(con_lm_prev_page(&m, NULL), LP_OK);
	assert_int_equal(m.rows[0].id, want[0]);
	con_lm_free(&m);
}

static void last_then_back_reads_backwards(void **state)
{
	struct fake f = { 47, 0, false };
	struct con_listmodel m;
	int64_t want[200];
	int total = expected(47, want);

	(void)state;
	assert_true(con_lm_init(&m, fake_fetch, &f, 10));
	assert_int_equal(con_lm_last(&m, NULL), LP_OK);
	assert_int_equal(m.n, 10);
	for (int i = 0; i < 10; i++)
		assert_int_equal(m.rows[i].id, want[total - 10 + i]);
	assert_false(m.more_after);
	assert_false(m.at_first);
	assert_int_equal(m.sel, 9);
	/* Paging back with an empty stack reads backwards. */
	assert_int_equal(con_lm_prev_page(&m, NULL), LP_OK);
	for (int i = 0; i < 10; i++)
		assert_int_equal(m.rows[i].id, want[total - 20 + i]);
	assert_true(m.more_after);
	/* Then forward again continues where it should. */
	assert_int_equal(con_lm_next_page(&m, NULL), LP_OK);
	assert_int_equal(m.rows[0].id, want[total - 10]);
	/* Back until the start: the first page is whole, not a fragment. */
	for (int i = 0; i < 6; i++)
		assert_int_equal(con_lm_prev_page(&m, NULL), LP_OK);
	assert_true(m.at_first);
	assert_int_equal(m.n, 10);
	assert_int_equal(m.rows[0].id, want[0]);
	con_lm_free(&m);
}

static void cursor_crosses_pages(void **state)
{
	struct fake f = { 25, 0, false };
	struct con_listmodel m;
	int64_t want[200];

	(void)state;
	expected(25, want);
	assert_true(con_lm_init(&m, fake_fetch, &f, 10));
	con_lm_first(&m, NULL);
	for (int i = 0; i < 24; i++)
		assert_int_equal(con_lm_down(&m, NULL), LP_OK);
	assert_int_equal(con_lm_selected(&m)->id, want[24]);
	assert_int_equal(con_lm_down(&m, NULL), LP_OK);   /* at the end: stays */
	assert_int_equal(con_lm_selected(&m)->id, want[24]);
	for (int i = 0; i < 24; i++)
		assert_int_equal(con_lm_up(&m, NULL), LP_OK);
	assert_int_equal(con_lm_selected(&m)->id, want[0]);
	assert_true(m.at_first);
	con_lm_free(&m);
}

static void stack_overflow_still_pages_back(void **state)
{
	struct fake f = { CON_STACK_MAX * 2 + 30, 0, false };
	struct con_listmodel m;
	int64_t want[1200];
	int pages = 0;

	(void)state;
	assert_true(f.n <= 1200);
	{
		/* expected() is sized for small queues; build the order directly. */
		struct con_row rows[1200];
		struct con_cursor c = { 0 };
		int got;
		struct fake g = f;

		fake_fetch(&g, &c, false, f.n, rows, &got, NULL);
		for (int i = 0; i < got; i++)
			want[i] = rows[i].id;
	}
	assert_true(con_lm_init(&m, fake_fetch, &f, 2));
	con_lm_first(&m, NULL);
	while (m.more_after) {
		con_lm_next_page(&m, NULL);
		pages++;
	}
	assert_int_equal(m.depth, CON_STACK_MAX);
	while (!m.at_first) {
		assert_int_equal(con_lm_prev_page(&m, NULL), LP_OK);
		pages--;
		for (int i = 0; i < m.n; i++)
			assert_int_equal(m.rows[i].id, want[pages * 2 + i]);
	}
	assert_int_equal(pages, 0);
	con_lm_free(&m);
}

static void reload_keeps_selection_and_resize(void **state)
{
	struct fake f = { 30, 0, false };
	struct con_listmodel m;
	struct lp_error err;
	int64_t id;

	(void)state;
	assert_true(con_lm_init(&m, fake_fetch, &f, 10));
	con_lm_first(&m, NULL);
	con_lm_next_page(&m, NULL);
	m.sel = 4;
	id = con_lm_selected(&m)->id;
	assert_int_equal(con_lm_reload(&m, NULL), LP_OK);
	assert_int_equal(con_lm_selected(&m)->id, id);
	assert_int_equal(con_lm_resize(&m, 5, NULL), LP_OK);
	assert_int_equal(m.n, 5);
	assert_int_equal(con_lm_selected(&m)->id, id);
	assert_int_equal(con_lm_resize(&m, 12, NULL), LP_OK);
	assert_int_equal(m.n, 12);
	/* The same height again reads nothing. */
	int fetches = m.fetches;
	assert_int_equal(con_lm_resize(&m, 12, NULL), LP_OK);
	assert_int_equal(m.fetches, fetches);
	assert_int_equal(m.n, 12);
	assert_int_equal(con_lm_selected(&m)->id, id);
	/* An error from the source is passed on, and the page is kept. */
	f.fail = true;
	assert_int_equal(con_lm_next_page(&m, &err), LP_EBUSY);
	assert_int_equal(con_lm_selected(&m)->id, id);
	f.fail = false;
	/* An empty queue. */
	f.n = 0;
	assert_int_equal(con_lm_first(&m, NULL), LP_OK);
	assert_int_equal(m.n, 0);
	assert_null(con_lm_selected(&m));
	assert_int_equal(con_lm_down(&m, NULL), LP_OK);
	con_lm_free(&m);
	con_lm_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pages_forward_and_back),
		cmocka_unit_test(last_then_back_reads_backwards),
		cmocka_unit_test(cursor_crosses_pages),
		cmocka_unit_test(stack_overflow_still_pages_back),
		cmocka_unit_test(reload_keeps_selection_and_resize),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
