/* safetext.c: text from citizens made safe for a terminal (see safetext.h).
 *
 * One pass, linear in the input: every byte is looked at a bounded number
 * of times.  Nothing that a terminal could interpret (ESC, C0, C1, DEL,
 * bidi controls, invalid UTF-8) ever reaches the output. */
#define _XOPEN_SOURCE 700 /* wcwidth */
#include "safetext.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD */
#define ELLIPSIS "\xE2\x80\xA6"    /* U+2026 */

/* Decodes one UTF-8 character at s[0..len).  Returns the number of bytes
 * it takes (>= 1) and sets *cp, or, for an ill-formed sequence, returns
 * the length of its maximal subpart (>= 1) and sets *cp to -1. */
static size_t utf8_decode(const unsigned char *s, size_t len, int32_t *cp)
{
	unsigned char b = s[0];
	size_t need;
	int32_t v;
	unsigned char lo = 0x80, hi = 0xBF;

	if (b < 0x80) {
		*cp = b;
		return 1;
	}
	if (b >= 0xC2 && b <= 0xDF) {
		need = 1;
		v = b & 0x1F;
	} else if (b >= 0xE0 && b <= 0xEF) {
		need = 2;
		v = b & 0x0F;
		if (b == 0xE0)
			lo = 0xA0;      /* no overlongs */
		else if (b == 0xED)
			hi = 0x9F;      /* no surrogates */
	} else if (b >= 0xF0 && b <= 0xF4) {
		need = 3;
		v = b & 0x07;
		if (b == 0xF0)
			lo = 0x90;      /* no overlongs */
		else if (b == 0xF4)
			hi = 0x8F;      /* nothing above U+10FFFF */
	} else {
		*cp = -1;               /* continuation byte, C0, C1 or F5..FF lead */
		return 1;
	}
	for (size_t i = 1; i <= need; i++) {
		if (i >= len || s[i] < lo || s[i] > hi) {
			*cp = -1;
			return i;
		}
		v = (v << 6) | (s[i] & 0x3F);
		lo = 0x80;
		hi = 0xBF;
	}
	*cp = v;
	return need + 1;
}

static bool is_bidi_control(int32_t cp)
{
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
	       cp == 0x200E || cp == 0x200F || cp == 0x061C;
}

/* Skips a control string (OSC, DCS, SOS, PM, APC body) starting at s[i];
 * it ends after BEL, ESC \ or the UTF-8 C1 ST (C2 9C), before any other
 * ESC, and after CAN or SUB (which cancel it).  Unterminated: to the end. */
static size_t skip_string(const unsigned char *s, size_t len, size_t i)
{
	while (i < len) {
		unsigned char b = s[i];
		if (b == 0x07 || b == 0x18 || b == 0x1A)
			return i + 1;
		if (b == 0x1B)
			return (i + 1 < len && s[i + 1] == '\\') ? i + 2 : i;
		if (b == 0xC2 && i + 1 < len && s[i + 1] == 0x9C)
			return i + 2;
		i++;
	}
	return len;
}

/* Skips a CSI body starting at s[i] (after ESC [ or U+009B): parameter
 * and intermediate bytes up to and including a final byte 0x40..0x7E.
 * Stops before any other byte (a control or non-ASCII ends it). */
static size_t skip_csi(const unsigned char *s, size_t len, size_t i)
{
	while (i < len) {
		unsigned char b = s[i];
		if (b >= 0x40 && b <= 0x7E)
			return i + 1;
		if (b < 0x20 || b > 0x3F)
			return i;
		i++;
	}
	return len;
}

/* Skips what follows an ESC at s[i - 1]; returns the index after it. */
static size_t skip_escape(const unsigned char *s, size_t len, size_t i)
{
	if (i >= len)
		return i;
	switch (s[i]) {
	case '[':
		return skip_csi(s, len, i + 1);
	case ']':
	case 'P':
	case 'X':
	case '^':
	case '_':
		return skip_string(s, len, i + 1);
	default:
		break;
	}
	/* nF: intermediates 0x20..0x2F then one final 0x30..0x7E. */
	while (i < len && s[i] >= 0x20 && s[i] <= 0x2F)
		i++;
	if (i < len && s[i] >= 0x30 && s[i] <= 0x7E)
		i++;
	return i;
}

char *lp_safe_text(const char *in, size_t len, int flags)
{
	if (!in)
		len = 0;
	/* Worst case: every byte becomes U+FFFD (3 bytes). */
	if (len > (SIZE_MAX - 1) / 3)
		return NULL;
	char *out = malloc(3 * len + 1);
	if (!out)
		return NULL;
	const unsigned char *s = (const unsigned char *)in;
	char newline = (flags & LP_SAFE_MULTILINE) ? '\n' : ' ';
	char tab = (flags & LP_SAFE_TABS) ? '\t' : ' ';
	size_t i = 0, o = 0;

	while (i < len) {
		unsigned char b = s[i];
		if (b >= 0x20 && b < 0x7F) {
			out[o++] = (char)b;
			i++;
			continue;
		}
		if (b < 0x80) {
			i++;
			if (b == '\n') {
				out[o++] = newline;
			} else if (b == '\r') {
				if (i < len && s[i] == '\n')
					i++;
				out[o++] = newline;
			} else if (b == '\t') {
				out[o++] = tab;
			} else if (b == 0x1B) {
				i = skip_escape(s, len, i);
			}
			/* other C0 controls and DEL: dropped */
			continue;
		}
		int32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		i += n;
		if (cp < 0) {
			memcpy(out + o, REPLACEMENT, 3);
			o += 3;
		} else if (cp == 0x9B) {
			i = skip_csi(s, len, i);
		} else if (cp == 0x9D || cp == 0x90 || cp == 0x98 || cp == 0x9E || cp == 0x9F) {
			i = skip_string(s, len, i);
		} else if (cp < 0xA0 || is_bidi_control(cp)) {
			/* other C1 controls, bidi controls: dropped */
		} else if (cp == 0x2028 || cp == 0x2029) {
			out[o++] = newline;     /* line and paragraph separators */
		} else {
			memcpy(out + o, s + i - n, n);
			o += n;
		}
	}
	out[o] = '\0';
	char *shrunk = realloc(out, o + 1);
	return shrunk ? shrunk : out;
}

bool lp_utf8_valid(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	if (!s)
		return len == 0;
	while (i < len) {
		if (u[i] >= 0x01 && u[i] < 0x80) {
			i++;
			continue;
		}
		if (u[i] == 0)
			return false;
		int32_t cp;
		size_t n = utf8_decode(u + i, len - i, &cp);
		if (cp < 0)
			return false;
		i += n;
	}
	return true;
}

/* One character of s at s[0]: its byte length and display width. */
static size_t char_width(const char *s, size_t len, bool utf8_locale, int *width)
{
	if (!utf8_locale) {
		int32_t cp;
		size_t n = utf8_decode((const unsigned char *)s, len, &cp);
		*width = (cp >= 0x20 && cp != 0x7F) || cp < 0 ? 1 : 0;
		return n;
	}
	mbstate_t st;
	wchar_t wc;
	memset(&st, 0, sizeof st);
	size_t n = mbrtowc(&wc, s, len, &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*width = 1;             /* not safe text: one column per byte */
		return 1;
	}
	int w = wcwidth(wc);
	*width = w < 0 ? 0 : w;
	return n;
}

static bool locale_is_multibyte(void)
{
	return MB_CUR_MAX > 1;
}

size_t lp_text_width(const char *s)
{
	if (!s)
		return 0;
	bool mb = locale_is_multibyte();
	size_t len = strlen(s), i = 0, total = 0;
	while (i < len) {
		int w;
		i += char_width(s + i, len - i, mb, &w);
		total += (size_t)w;
	}
	return total;
}

size_t lp_text_fit(const char *s, size_t cols, char *buf, size_t n)
{
	if (!buf || n == 0)
		return 0;
	buf[0] = '\0';
	if (!s)
		return 0;
	bool mb = locale_is_multibyte();
	size_t len = strlen(s);
	size_t total = lp_text_width(s);
	if (total <= cols && len < n) {
		memcpy(buf, s, len + 1);
		return total;
	}
	/* Cut: keep whole clusters (a character and the zero-width marks that
	 * follow it) while they fit, leaving a column and 3 bytes for "…". */
	bool ellipsis = cols >= 1 && n >= sizeof ELLIPSIS;
	size_t room_cols = ellipsis ? cols - 1 : cols;
	size_t room_bytes = (ellipsis ? n - sizeof ELLIPSIS : n - 1);
	size_t i = 0, used = 0;
	while (i < len) {
		int w;
		size_t end = i + char_width(s + i, len - i, mb, &w);
		size_t cw = (size_t)w;
		while (end < len) {
			int w2;
			size_t m = char_width(s + end, len - end, mb, &w2);
			if (w2 != 0)
				break;
			end += m;
		}
		if (used + cw > room_cols || end > room_bytes)
			break;
		used += cw;
		i = end;
	}
	memcpy(buf, s, i);
	buf[i] = '\0';
	if (ellipsis) {
		memcpy(buf + i, ELLIPSIS, sizeof ELLIPSIS);
		used += 1;
	}
	return used;
}
