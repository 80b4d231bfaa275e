/* test_config.c: the lapor.conf parser: good lines and every error,
 * each with its line number. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf.h"

static void good_lines(void **state)
{
	struct con_config c;
	const char *text =
		"# a comment\n"
		"\n"
		"   bind list x tag   # trailing comment\n"
		"bind case ^R reply\n"
		"bind generic <F12> help\n"
		"color overdue white red bold underline\n"
		"colour tagged color202 default\n"
		"set database \"/var/lib/lapor/my db.sqlite\"\n"
		"set sidebar off\n";

	(void)state;
	con_config_init(&c);
	assert_int_equal(con_config_parse(&c, text, "t.conf"), 0);
	assert_int_equal(c.nerrors, 0);
	assert_int_equal(con_keymap_lookup(&c.keys, CON_VIEW_LIST, 'x'), CON_ACT_TAG);
	assert_int_equal(con_keymap_lookup(&c.keys, CON_VIEW_CASE, 18), CON_ACT_REPLY);
	assert_int_equal(con_keymap_lookup(&c.keys, CON_VIEW_QUEUES, KEY_F(12) | CON_KEY_FN),
			 CON_ACT_HELP);
	assert_int_equal(c.colors[CON_COLOR_OVERDUE].fg, COLOR_WHITE);
	assert_int_equal(c.colors[CON_COLOR_OVERDUE].bg, COLOR_RED);
	assert_int_equal(c.colors[CON_COLOR_OVERDUE].attrs, CON_ATTR_BOLD | CON_ATTR_UNDERLINE);
	assert_true(c.colors[CON_COLOR_OVERDUE].set);
	assert_int_equal(c.colors[CON_COLOR_TAGGED].fg, 202);
	assert_int_equal(c.colors[CON_COLOR_TAGGED].bg, -1);
	assert_string_equal(c.database, "/var/lib/lapor/my db.sqlite");
	assert_int_equal(c.sidebar, CON_SIDEBAR_OFF);
}

static void every_error_names_its_line(void **state)
{
	struct con_config c;
	const char *text =
		"bind list x\n"                      /* 1: usage */
		"bind sidebar x tag\n"               /* 2: unknown view */
		"bind list <Nope> tag\n"             /* 3: unknown key */
		"bind list x rpely\n"                /* 4: unknown action */
		"color overdue red\n"                /* 5: usage */
		"color blinking red default\n"       /* 6: unknown meaning */
		"color overdue pink default\n"       /* 7: unknown colour */
		"color overdue red default shiny\n"  /* 8: unknown attribute */
		"set sidebar sometimes\n"            /* 9: bad sidebar value */
		"set theme dark\n"                   /* 10: unknown setting */
		"set database\n"                     /* 11: usage */
		"frobnicate now\n"                   /* 12: unknown command */
		"set database \"unterminated\n"      /* 13: quote */
		"bind list y tag\n";                 /* 14: fine */
	const char *expect[] = {
		"t.conf:1: usage: bind",
		"t.conf:2: unknown view",
		"t.conf:3: unknown key",
		"t.conf:4: unknown action",
		"t.conf:5: usage: color",
		"t.conf:6: unknown colour meaning",
		"t.conf:7: unknown colour \"pink\"",
		"t.conf:8: unknown attribute",
		"t.conf:9: sidebar must be",
		"t.conf:10: unknown setting",
		"t.conf:11: usage: set",
		"t.conf:12: unknown command",
		"t.conf:13: unterminated quote",
	};

	(void)state;
	con_config_init(&c);
	assert_int_equal(con_config_parse(&c, text, "t.conf"), 13);
	for (int i = 0; i < 13; i++)
		if (strncmp(c.errors[i], expect[i], strlen(expect[i])) != 0)
			fail_msg("error %d: got \"%s\", want \"%s...\"", i, c.errors[i], expect[i]);
	/* Bad lines are skipped; the good one after them still counts. */
	assert_int_equal(con_keymap_lookup(&c.keys, CON_VIEW_LIST, 'y'), CON_ACT_TAG);
	assert_int_equal(con_keymap_lookup(&c.keys, CON_VIEW_LIST, 'x'), CON_ACT_NONE);
	assert_int_equal(c.sidebar, CON_SIDEBAR_AUTO);
	assert_string_equal(c.database, "");
}

static void load_reads_defaults_then_file(void **state)
{
	char dir[] = "/tmp/lapor-conf-XXXXXX";
	char path[128];
	struct con_config c;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/lapor.conf", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("bind generic j up\nbogus\n", f);
	fclose(f);
	con_config_load(&c, path);
	assert_int_equal(c.nerrors, 1);
	assert_non_null(strstr(c.errors[0], "lapor.conf:2: unknown command"));
	assert_int_equal(con_keymap_lookup(&c.keys, CON_VIEW_LIST, 'j'), CON_ACT_UP);
	assert_int_equal(c.rebound, 1);
	assert_int_equal(con_keymap_lookup(&c.keys, CON_VIEW_LIST, 'k'), CON_ACT_UP);
	/* $XDG_CONFIG_HOME/lapor/lapor.conf is the default file. */
	unlink(path);
	snprintf(path, sizeof(path), "%s/lapor", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/lapor/lapor.conf", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("set sidebar on\n", f);
	fclose(f);
	setenv("XDG_CONFIG_HOME", dir, 1);
	con_config_load(&c, NULL);
	assert_int_equal(c.nerrors, 0);
	assert_int_equal(c.sidebar, CON_SIDEBAR_ON);
	unlink(path);
	snprintf(path, sizeof(path), "%s/lapor", dir);
	rmdir(path);
	rmdir(dir);
	/* An explicit file that is missing is an error, not silence. */
	con_config_load(&c, "/nonexistent/lapor.conf");
	assert_int_equal(c.nerrors, 1);
	assert_non_null(strstr(c.errors[0], "cannot read"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(good_lines),
		cmocka_unit_test(every_error_names_its_line),
		cmocka_unit_test(load_reads_defaults_then_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
