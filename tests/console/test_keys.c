/* test_keys.c: the action table and the default key bindings. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <curses.h>
#include <locale.h>
#include <string.h>

#include "conf.h"
#include "keys.h"

static void every_action_has_name_and_help(void **state)
{
	(void)state;
	for (int a = 0; a < CON_ACT_COUNT; a++) {
		const char *help = con_action_help(a);

		assert_non_null(help);
		assert_true(strlen(help) > 10);
		assert_int_equal(con_action_parse(con_action_name(a)), a);
	}
	assert_int_equal(con_action_parse("no-such-action"), -1);
	assert_null(con_action_help(CON_ACT_COUNT));
}

static void every_action_has_a_default_key(void **state)
{
	struct con_config c;

	(void)state;
	con_config_init(&c);
	assert_int_equal(con_config_parse(&c, con_default_config, "(defaults)"), 0);
	for (int a = 0; a < CON_ACT_COUNT; a++) {
		char keys[128];
		int found = 0;

		for (int v = 0; v < CON_VIEW_COUNT; v++)
			found += con_keymap_keys(&c.keys, v, a, keys, sizeof(keys));
		if (!found)
			fail_msg("action %s has no default key", con_action_name(a));
	}
}

static void no_key_bound_twice_in_a_view(void **state)
{
	struct con_config c;

	(void)state;
	con_config_init(&c);
	con_config_parse(&c, con_default_config, "(defaults)");
	/* The parser counts bind lines that replace an earlier binding. */
	assert_int_equal(c.rebound, 0);
	for (int v = 0; v < CON_VIEW_COUNT; v++)
		for (int i = 0; i < c.keys.n[v]; i++)
			for (int j = i + 1; j < c.keys.n[v]; j++)
				assert_int_not_equal(c.keys.b[v][i].key, c.keys.b[v][j].key);
	/* And the rule: only upper case letters (or F-keys) change a case. */
	for (int v = 0; v < CON_VIEW_COUNT; v++)
		for (int i = 0; i < c.keys.n[v]; i++) {
			int k = c.keys.b[v][i].key;

			if (con_action_changes(c.keys.b[v][i].action))
				assert_true((k >= 'A' && k <= 'Z') || (k & CON_KEY_FN));
			else
				assert_false(k >= 'A' && k <= 'Z' && k != 'G');
		}
}

static void lookup_falls_back_to_generic(void **state)
{
	struct con_config c;

	(void)state;
	con_config_init(&c);
	con_config_parse(&c, con_default_config, "(defaults)");
	assert_int_equal(con_keymap_lookup(&c.keys, CON_VIEW_LIST, 'j'), CON_ACT_DOWN);
	assert_int_equal(con_keymap_lookup(&c.keys, CON_VIEW_CASE, KEY_LEFT | CON_KEY_FN),
			 CON_ACT_QUIT);
	assert_int_equal(con_keymap_lookup(&c.keys, CON_VIEW_LIST, KEY_LEFT | CON_KEY_FN),
			 CON_ACT_NONE);
	assert_int_equal(con_keymap_lookup(&c.keys, CON_VIEW_CASE, 'R'), CON_ACT_REPLY);
	assert_int_equal(con_keymap_lookup(&c.keys, CON_VIEW_CASE, KEY_F(2) | CON_KEY_FN),
			 CON_ACT_REPLY);
}

static void key_names_round_trip(void **state)
{
	const char *names[] = { "x", "X", "^X", "<Enter>", "<F2>", "<F10>", "<Up>", "<PgDn>",
				"<Space>", "<Tab>", "<Esc>", ";", "?", ":", "é" };
	char buf[32];

	(void)state;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		int k = con_key_parse(names[i]);

		assert_true(k > 0);
		assert_string_equal(con_key_name(k, buf, sizeof(buf)), names[i]);
	}
	assert_int_equal(con_key_parse("^x"), 24);
	assert_int_equal(con_key_parse("<enter>"), '\n');
	assert_int_equal(con_key_parse("<F13>"), -1);
	assert_int_equal(con_key_parse("<Nope>"), -1);
	assert_int_equal(con_key_parse("xy"), -1);
	assert_int_equal(con_key_parse(""), -1);
	assert_int_equal(con_key_parse(" "), -1);
	assert_int_equal(con_key_from_wch(OK, '\r'), '\n');
	assert_int_equal(con_key_from_wch(KEY_CODE_YES, KEY_ENTER), '\n');
	assert_int_equal(con_key_from_wch(OK, 127), KEY_BACKSPACE | CON_KEY_FN);
}

static void rebinding_replaces(void **state)
{
	struct con_keymap km;

	(void)state;
	con_keymap_init(&km);
	assert_int_equal(con_keymap_bind(&km, CON_VIEW_LIST, 'x', CON_ACT_TAG), 0);
	assert_int_equal(con_keymap_bind(&km, CON_VIEW_LIST, 'x', CON_ACT_QUIT), 1);
	assert_int_equal(con_keymap_lookup(&km, CON_VIEW_LIST, 'x'), CON_ACT_QUIT);
	assert_int_equal(km.n[CON_VIEW_LIST], 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_action_has_name_and_help),
		cmocka_unit_test(every_action_has_a_default_key),
		cmocka_unit_test(no_key_bound_twice_in_a_view),
		cmocka_unit_test(lookup_falls_back_to_generic),
		cmocka_unit_test(key_names_round_trip),
		cmocka_unit_test(rebinding_replaces),
	};

	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
