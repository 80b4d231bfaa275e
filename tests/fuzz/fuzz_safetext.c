/* fuzz_safetext.c: libFuzzer target for lp_safe_text.  The first byte
 * picks the flags; the output must never hold ESC, C0 (but \n and \t
 * when allowed), DEL, C1 (as UTF-8), bidi controls or invalid UTF-8, and
 * lp_text_fit must stay inside its buffer and column budget. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "safetext.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const char *s, int flags)
{
	size_t len = strlen(s);
	if (!lp_utf8_valid(s, len))
		abort();
	for (size_t i = 0; i < len; i++) {
		unsigned char b = (unsigned char)s[i];
		if (b == '\n' && (flags & LP_SAFE_MULTILINE))
			continue;
		if (b == '\t' && (flags & LP_SAFE_TABS))
			continue;
		if (b < 0x20 || b == 0x7F)
			abort();
		if (b == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] < 0xA0)
			abort();                /* C1 control */
		if (b == 0xE2 && i + 2 < len) {
			unsigned c1 = (unsigned char)s[i + 1], c2 = (unsigned char)s[i + 2];
			if (c1 == 0x80 && (c2 == 0x8E || c2 == 0x8F || (c2 >= 0xAA && c2 <= 0xAE)))
				abort();        /* U+200E/F, U+202A..E */
			if (c1 == 0x81 && c2 >= 0xA6 && c2 <= 0xA9)
				abort();        /* U+2066..9 */
		}
		if (b == 0xD8 && i + 1 < len && (unsigned char)s[i + 1] == 0x9C)
			abort();                /* U+061C */
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	int flags = data[0] & (LP_SAFE_MULTILINE | LP_SAFE_TABS);
	char *out = lp_safe_text((const char *)data + 1, size - 1, flags);
	if (!out)
		return 0;
	check(out, flags);
	char buf[32];
	size_t cols = data[0] >> 3;
	size_t w = lp_text_fit(out, cols, buf, sizeof buf);
	if (w > cols || strlen(buf) >= sizeof buf)
		abort();
	(void)lp_text_width(out);
	free(out);
	return 0;
}
