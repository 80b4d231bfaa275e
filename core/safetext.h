/* safetext.h: text from citizens made safe for a terminal.
 *
 * Removes C0 and C1 control characters (keeping \n and \t only where
 * allowed), whole escape sequences (CSI, OSC, DCS, APC, PM, SOS, and
 * two-byte ESC sequences), DEL, bidirectional overrides and isolates
 * (U+202A..U+202E, U+2066..U+2069, U+200E, U+200F, U+061C), and
 * replaces invalid UTF-8 with U+FFFD.  Printable text, including wide
 * and combining characters, is kept. */
#ifndef LAPOR_SAFETEXT_H
#define LAPOR_SAFETEXT_H

#include <stdbool.h>
#include <stddef.h>

enum lp_safe_flags {
	LP_SAFE_MULTILINE = 1 << 0, /* keep \n (and turn \r\n into \n); else newlines become spaces */
	LP_SAFE_TABS = 1 << 1,      /* keep \t; else tabs become spaces */
};

/* Returns a malloc'd safe copy of the first `len` bytes of `in` (caller
 * frees), or NULL when out of memory.  NULL `in` gives "". */
char *lp_safe_text(const char *in, size_t len, int flags);

/* True when s (len bytes) is valid UTF-8 without NUL. */
bool lp_utf8_valid(const char *s, size_t len);

/* Display width in terminal columns of safe UTF-8 text (wcwidth per
 * character; needs a UTF-8 LC_CTYPE, else counts code points). */
size_t lp_text_width(const char *s);

/* Copies at most `cols` columns of safe text s into buf (size n), cutting
 * at a character boundary and ending with "…" when cut.  Returns the
 * width written. */
size_t lp_text_fit(const char *s, size_t cols, char *buf, size_t n);

#endif
