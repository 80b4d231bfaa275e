/* test_safetext.c: lp_safe_text, lp_utf8_valid, lp_text_width, lp_text_fit. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "safetext.h"

/* Runs lp_safe_text on a string literal of `len` bytes and compares. */
static void check_n(const char *in, size_t len, int flags, const char *want)
{
	char *got = lp_safe_text(in, len, flags);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void check(const char *in, int flags, const char *want)
{
	check_n(in, strlen(in), flags, want);
}

/* The output of lp_safe_text holds no ESC, C0 (but allowed \n \t), DEL,
 * C1 or bidi control, and is valid UTF-8. */
static void assert_clean(const char *s, int flags)
{
	size_t len = strlen(s);
	assert_true(lp_utf8_valid(s, len));
	for (size_t i = 0; i < len; i++) {
		unsigned char b = (unsigned char)s[i];
		if (b == '\n')
			assert_true(flags & LP_SAFE_MULTILINE);
		else if (b == '\t')
			assert_true(flags & LP_SAFE_TABS);
		else
			assert_false(b < 0x20 || b == 0x7F);
		unsigned char next = i + 1 < len ? (unsigned char)s[i + 1] : 0;
		if (b == 0xC2)
			assert_false(next >= 0x80 && next < 0xA0);
	}
	assert_null(strstr(s, "\xE2\x80\xAE"));
	assert_null(strstr(s, "\xE2\x81\xA6"));
}

static void test_plain_text_kept(void **state)
{
	(void)state;
	check("Jalan rusak di Jl. Merdeka No. 5", 0, "Jalan rusak di Jl. Merdeka No. 5");
	check("", 0, "");
	check("Ibu kota: 東京 😀 e\xCC\x81", 0, "Ibu kota: 東京 😀 e\xCC\x81");
	char *e = lp_safe_text(NULL, 10, 0);
	assert_string_equal(e, "");
	free(e);
}

static void test_newlines_and_tabs(void **state)
{
	(void)state;
	check("a\nb\r\nc\rd", 0, "a b c d");
	check("a\nb\r\nc\rd", LP_SAFE_MULTILINE, "a\nb\nc\nd");
	check("a\tb", 0, "a b");
	check("a\tb", LP_SAFE_TABS, "a\tb");
	check("a\xE2\x80\xA8" "b", LP_SAFE_MULTILINE, "a\nb");
	check("a\xE2\x80\xA9" "b", 0, "a b");
}

static void test_c0_del_nul(void **state)
{
	(void)state;
	check("a\x01\x02\x07\x08\x0b\x0c\x7f" "b", 0, "ab");
	check_n("ab\0cd", 5, 0, "abcd");
	check_n("\0\0\0", 3, 0, "");
}

static void test_csi(void **state)
{
	(void)state;
	check("\x1b[31mmerah\x1b[0m", 0, "merah");
	check("x\x1b[2J\x1b[H" "y", 0, "xy");
	check("\x1b[1;2;3;4;5;6;7;8;9;10;11;12;13;14;15;16;17;18;19;20;21;22m!", 0, "!");
	check("\x1b[?1049h" "alt", 0, "alt");
	check("\x1b[>4;2m" "x", 0, "x");
	/* unterminated CSI at the end, and CSI cut by a control */
	check("tail\x1b[12;", 0, "tail");
	check("a\x1b[12\nb", LP_SAFE_MULTILINE, "a\nb");
}

static void test_osc(void **state)
{
	(void)state;
	/* clipboard write: OSC 52 */
	check("a\x1b]52;c;ZXZpbA==\x07" "b", 0, "ab");
	check("a\x1b]52;c;ZXZpbA==\x1b\\b", 0, "ab");
	/* window titles */
	check("\x1b]0;pwned\x07" "judul", 0, "judul");
	check("\x1b]2;pwned\x1b\\judul", 0, "judul");
	/* hyperlink */
	check("\x1b]8;;http://x\x1b\\klik\x1b]8;;\x1b\\", 0, "klik");
	/* unterminated OSC swallows the rest */
	check("awal\x1b]0;tanpa akhir", 0, "awal");
	/* ESC other than ST ends the string; the next sequence is removed too */
	check("\x1b]0;t\x1b[31mX", 0, "X");
	/* C1 ST in UTF-8 form */
	check("\x1b]0;t\xC2\x9C" "ok", 0, "ok");
}

static void test_dcs_apc_pm_sos(void **state)
{
	(void)state;
	check("a\x1bP1$r0m\x1b\\b", 0, "ab");
	check("a\x1b_kitty\x1b\\b", 0, "ab");
	check("a\x1b^pm\x1b\\b", 0, "ab");
	check("a\x1bXsos\x1b\\b", 0, "ab");
	check("a\x1bPno end", 0, "a");
}

static void test_two_byte_escapes(void **state)
{
	(void)state;
	check("a\x1b" "7b\x1b" "8c", 0, "abc");
	check("a\x1b(0b", 0, "ab");
	check("a\x1b" "c", 0, "a");
	check("a\x1b", 0, "a");
	check("a\x1b\x1b[1mb", 0, "ab");
}

static void test_c1_utf8(void **state)
{
	(void)state;
	check("a\xC2\x9B" "31mb", 0, "ab");
	check("a\xC2\x9D" "0;title\x07" "b", 0, "ab");
	check("a\xC2\x9D" "52;c;eA==\xC2\x9C" "b", 0, "ab");
	check("a\xC2\x90" "dcs\xC2\x9C" "b", 0, "ab");
	check("a\xC2\x9F" "apc\x1b\\b", 0, "ab");
	check("a\xC2\x85" "b\xC2\x80" "c", 0, "abc");
	/* U+00A0 and above are printable */
	check("a\xC2\xA0" "b", 0, "a\xC2\xA0" "b");
}

static void test_bidi(void **state)
{
	(void)state;
	check("a\xE2\x80\xAE" "cba\xE2\x80\xAC", 0, "acba");
	check("\xE2\x81\xA6" "x\xE2\x81\xA9", 0, "x");
	check("\xE2\x80\x8E" "l\xE2\x80\x8F" "r\xD8\x9C", 0, "lr");
	check("\xE2\x80\xAA\xE2\x80\xAB\xE2\x80\xAD\xE2\x81\xA7\xE2\x81\xA8", 0, "");
	/* zero-width joiner is kept (emoji sequences) */
	check("\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x92\xBB", 0,
	      "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x92\xBB");
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	const char *R = "\xEF\xBF\xBD";
	char want[64];
	check("a\xFF" "b", 0, "a\xEF\xBF\xBD" "b");
	check("\xC0\xAF", 0, "\xEF\xBF\xBD\xEF\xBF\xBD");          /* overlong '/' */
	check("\xE0\x80\xAF", 0, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	check("\xED\xA0\x80", 0, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"); /* surrogate */
	check("\xF4\x90\x80\x80", 0,
	      "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");       /* > U+10FFFF */
	snprintf(want, sizeof want, "ab%s", R);
	check("ab\xE6\x9D", 0, want);                              /* truncated */
	check("\xE6\x9D" "x", 0, "\xEF\xBF\xBD" "x");
	check("\x80\x80", 0, "\xEF\xBF\xBD\xEF\xBF\xBD");
	check("\xF0\x9F\x98", 0, "\xEF\xBF\xBD");
	/* a C1 byte on its own (Latin-1 CSI) is invalid UTF-8, not a control */
	check("a\x9B" "31mb", 0, "a\xEF\xBF\xBD" "31mb");
}

static void test_utf8_valid(void **state)
{
	(void)state;
	assert_true(lp_utf8_valid("", 0));
	assert_true(lp_utf8_valid("abc", 3));
	assert_true(lp_utf8_valid("東京😀", strlen("東京😀")));
	assert_true(lp_utf8_valid("\xF4\x8F\xBF\xBF", 4));
	assert_false(lp_utf8_valid("a\0b", 3));
	assert_false(lp_utf8_valid("\xC0\x80", 2));
	assert_false(lp_utf8_valid("\xED\xBF\xBF", 3));
	assert_false(lp_utf8_valid("\xF4\x90\x80\x80", 4));
	assert_false(lp_utf8_valid("\xE6\x9D", 2));
	assert_false(lp_utf8_valid("\xFE", 1));
	/* len counts: a valid prefix is valid */
	assert_true(lp_utf8_valid("ab\xFF", 2));
}

static void test_long_lines(void **state)
{
	(void)state;
	size_t n = 10000;
	char *in = malloc(n + 1);
	assert_non_null(in);
	for (size_t i = 0; i < n; i++)
		in[i] = (char)('a' + i % 26);
	in[n] = '\0';
	char *out = lp_safe_text(in, n, 0);
	assert_non_null(out);
	assert_string_equal(out, in);
	free(out);
	free(in);
}

static void test_one_mib_hostile_body_is_linear(void **state)
{
	(void)state;
	size_t n = 1024 * 1024;
	char *in = malloc(n);
	assert_non_null(in);
	static const char pieces[][12] = { "\x1b[31m", "teks ", "\x1b]0;", "\x07", "東", "\xFF",
					   "\xC2\2331m" /* C1 CSI, then "1m" */, "\xE2\x80\xAE", "\r\n", "\x1b" };
	size_t o = 0, k = 0;
	while (o < n) {
		const char *p = pieces[k++ % 10];
		size_t l = strlen(p);
		if (o + l > n)
			break;
		memcpy(in + o, p, l);
		o += l;
	}
	clock_t t0 = clock();
	char *out = lp_safe_text(in, o, LP_SAFE_MULTILINE);
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	assert_non_null(out);
	assert_clean(out, LP_SAFE_MULTILINE);
	assert_non_null(strstr(out, "teks "));
	assert_true(secs < 2.0);
	free(out);

	/* a 1 MiB unterminated OSC: linear too */
	memset(in, 'A', n);
	in[0] = 0x1b;
	in[1] = ']';
	out = lp_safe_text(in, n, 0);
	assert_string_equal(out, "");
	free(out);
	free(in);
}

static void test_output_always_clean(void **state)
{
	(void)state;
	/* every two-byte combination around an ESC, C1 and bidi start */
	for (int a = 0; a < 256; a++) {
		for (int b = 0; b < 256; b += 7) {
			char in[6] = { 'x', (char)a, (char)b, '\x1b', (char)(a ^ b), 'y' };
			char *out = lp_safe_text(in, sizeof in, 0);
			assert_non_null(out);
			assert_clean(out, 0);
			free(out);
		}
	}
}

static void test_width(void **state)
{
	(void)state;
	assert_int_equal(lp_text_width(""), 0);
	assert_int_equal(lp_text_width("abc"), 3);
	assert_int_equal(lp_text_width("東京"), 4);
	assert_int_equal(lp_text_width("😀"), 2);
	assert_int_equal(lp_text_width("e\xCC\x81"), 1);
	assert_int_equal(lp_text_width(NULL), 0);
	/* a non-UTF-8 locale counts code points */
	char *saved = strdup(setlocale(LC_CTYPE, NULL));
	assert_non_null(setlocale(LC_CTYPE, "C"));
	assert_int_equal(lp_text_width("東京"), 2);
	assert_int_equal(lp_text_width("e\xCC\x81x"), 3);
	char buf[16];
	assert_int_equal(lp_text_fit("東京都", 2, buf, sizeof buf), 2);
	assert_string_equal(buf, "東…");
	setlocale(LC_CTYPE, saved);
	free(saved);
	assert_int_equal(lp_text_width("東京"), 4);
}

static void test_fit(void **state)
{
	(void)state;
	char buf[64];
	assert_int_equal(lp_text_fit("abc", 5, buf, sizeof buf), 3);
	assert_string_equal(buf, "abc");
	assert_int_equal(lp_text_fit("abcdef", 4, buf, sizeof buf), 4);
	assert_string_equal(buf, "abc…");
	/* never splits a wide character */
	assert_int_equal(lp_text_fit("東京都", 4, buf, sizeof buf), 3);
	assert_string_equal(buf, "東…");
	assert_int_equal(lp_text_fit("東京都", 5, buf, sizeof buf), 5);
	assert_string_equal(buf, "東京…");
	assert_int_equal(lp_text_fit("東京都", 6, buf, sizeof buf), 6);
	assert_string_equal(buf, "東京都");
	/* never separates a combining mark from its base */
	assert_int_equal(lp_text_fit("e\xCC\x81" "e\xCC\x81" "e", 2, buf, sizeof buf), 2);
	assert_string_equal(buf, "e\xCC\x81…");
	/* zero columns, tiny buffers */
	assert_int_equal(lp_text_fit("abc", 0, buf, sizeof buf), 0);
	assert_string_equal(buf, "");
	char small[5];
	assert_int_equal(lp_text_fit("abcdef", 10, small, sizeof small), 2);
	assert_string_equal(small, "a…");
	char tiny[3];
	assert_int_equal(lp_text_fit("abcdef", 10, tiny, sizeof tiny), 2);
	assert_string_equal(tiny, "ab");
	/* exact fit in bytes */
	char four[4];
	assert_int_equal(lp_text_fit("abc", 3, four, sizeof four), 3);
	assert_string_equal(four, "abc");
}

int main(void)
{
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_text_kept),
		cmocka_unit_test(test_newlines_and_tabs),
		cmocka_unit_test(test_c0_del_nul),
		cmocka_unit_test(test_csi),
		cmocka_unit_test(test_osc),
		cmocka_unit_test(test_dcs_apc_pm_sos),
		cmocka_unit_test(test_two_byte_escapes),
		cmocka_unit_test(test_c1_utf8),
		cmocka_unit_test(test_bidi),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_long_lines),
		cmocka_unit_test(test_one_mib_hostile_body_is_linear),
		cmocka_unit_test(test_output_always_clean),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_fit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
