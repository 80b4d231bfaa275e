/* test_layout.c: list columns and the screen at 80 and 200 columns. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "layout.h"

static void check_fits(const struct con_list_layout *l, int width)
{
	int end = 0;

	for (int i = 0; i < CON_COL_COUNT; i++) {
		const struct con_column *c = &l->col[i];

		if (!c->shown)
			continue;
		assert_true(c->x >= end);      /* no overlap */
		assert_true(c->w > 0);
		assert_true(c->x + c->w <= width);
		end = c->x + c->w + 1;
	}
	/* The title ends at the right edge: it gets the rest. */
	assert_true(l->col[CON_COL_TITLE].shown);
	assert_int_equal(l->col[CON_COL_TITLE].x + l->col[CON_COL_TITLE].w, width);
}

static void at_80_columns(void **state)
{
	struct con_list_layout l;

	(void)state;
	con_layout_list(80, &l);
	check_fits(&l, 80);
	assert_true(l.col[CON_COL_ID].shown);
	assert_true(l.col[CON_COL_DUE].shown);
	assert_true(l.col[CON_COL_STATUS].shown);
	assert_true(l.col[CON_COL_TITLE].w >= CON_TITLE_MIN);
	assert_false(l.col[CON_COL_CATEGORY].shown); /* dropped first */
}

static void at_200_columns(void **state)
{
	struct con_list_layout l;

	(void)state;
	con_layout_list(200 - CON_SIDEBAR_WIDTH, &l);
	check_fits(&l, 200 - CON_SIDEBAR_WIDTH);
	for (int i = 0; i < CON_COL_COUNT; i++)
		assert_true(l.col[i].shown);
	assert_true(l.col[CON_COL_TITLE].w > 80);
}

static void very_narrow_still_fits(void **state)
{
	struct con_list_layout l;

	(void)state;
	for (int w = 20; w <= 60; w += 5) {
		con_layout_list(w, &l);
		for (int i = 0; i < CON_COL_COUNT; i++)
			if (l.col[i].shown)
				assert_true(l.col[i].x + l.col[i].w <= w);
	}
}

static void screen_sidebar_rules(void **state)
{
	struct con_screen_layout s;

	(void)state;
	con_layout_screen(24, 80, CON_SIDEBAR_AUTO, &s);
	assert_false(s.sidebar);
	assert_int_equal(s.main_x, 0);
	assert_int_equal(s.main_w, 80);
	assert_int_equal(s.body_y, 1);
	assert_int_equal(s.body_h, 21);
	assert_int_equal(s.msg_y, 22);
	assert_int_equal(s.bar_y, 23);
	con_layout_screen(50, 200, CON_SIDEBAR_AUTO, &s);
	assert_true(s.sidebar);
	assert_int_equal(s.main_x + s.main_w, 200);
	assert_int_equal(s.side_w, CON_SIDEBAR_WIDTH);
	con_layout_screen(50, 200, CON_SIDEBAR_OFF, &s);
	assert_false(s.sidebar);
	con_layout_screen(24, 80, CON_SIDEBAR_ON, &s);
	assert_true(s.sidebar);
	con_layout_screen(50, 119, CON_SIDEBAR_AUTO, &s);
	assert_false(s.sidebar);
	con_layout_screen(50, 120, CON_SIDEBAR_AUTO, &s);
	assert_true(s.sidebar);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(at_80_columns),
		cmocka_unit_test(at_200_columns),
		cmocka_unit_test(very_narrow_still_fits),
		cmocka_unit_test(screen_sidebar_rules),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
