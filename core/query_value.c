/* query_value.c: the fields of lapor-query(7) and the check of each value:
 * enum names, codes, strings and prefixes, numbers, dates and durations. */
#include "i18n.h"
#include "query_internal.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "model.h"

#define OPS_IN (1u << LP_QOP_IN)
#define OPS_CMP ((1u << LP_QOP_LT) | (1u << LP_QOP_LE) | (1u << LP_QOP_GT) | (1u << LP_QOP_GE))
#define OPS_ALL (OPS_IN | (1u << LP_QOP_EQ) | OPS_CMP)
#define TOKEN_SHOWN 40 /* bytes of a bad token quoted in a message */

enum vtype {
	VT_FLAG, VT_STATUS, VT_KIND, VT_CHANNEL, VT_PRIVACY, VT_AGENCY, VT_UNDER, VT_REGION,
	VT_CATEGORY, VT_TRACKING, VT_ASSIGNEE, VT_PRIORITY, VT_ID, VT_TIME, VT_DURATION, VT_TEXT,
};

static const struct field_info {
	struct lp_qfield_info pub;
	enum vtype vt;
} fields[LP_QF_COUNT] = {
	[LP_QF_STATUS] = { { OPS_IN, true, "status:assigned,in_progress" }, VT_STATUS },
	[LP_QF_AGENCY] = { { OPS_IN, true, "agency:31.71" }, VT_AGENCY },
	[LP_QF_UNDER] = { { OPS_IN, true, "under:31" }, VT_UNDER },
	[LP_QF_KIND] = { { OPS_IN, true, "kind:complaint" }, VT_KIND },
	[LP_QF_CHANNEL] = { { OPS_IN, true, "channel:sms" }, VT_CHANNEL },
	[LP_QF_CATEGORY] = { { OPS_IN, true, "category:jalan" }, VT_CATEGORY },
	[LP_QF_REGION] = { { OPS_IN, true, "region:31.*" }, VT_REGION },
	[LP_QF_ASSIGNEE] = { { OPS_IN, true, "assignee:me" }, VT_ASSIGNEE },
	[LP_QF_PRIVACY] = { { OPS_IN, true, "privacy:secret" }, VT_PRIVACY },
	[LP_QF_PRIORITY] = { { OPS_ALL, true, "priority>=high" }, VT_PRIORITY },
	[LP_QF_ESCALATED] = { { 0, false, "escalated" }, VT_FLAG },
	[LP_QF_OVERDUE] = { { 0, false, "overdue" }, VT_FLAG },
	[LP_QF_DUE] = { { OPS_ALL, false, "due<2d" }, VT_TIME },
	[LP_QF_AGE] = { { OPS_CMP, false, "age>7d" }, VT_DURATION },
	[LP_QF_CREATED] = { { OPS_ALL, false, "created>=2026-01-01" }, VT_TIME },
	[LP_QF_UPDATED] = { { OPS_ALL, false, "updated<1h" }, VT_TIME },
	[LP_QF_ID] = { { OPS_ALL, true, "id:123" }, VT_ID },
	[LP_QF_TRACKING] = { { OPS_IN, true, "tracking:SMS-2026-000123" }, VT_TRACKING },
	[LP_QF_TEXT] = { { OPS_IN, false, "text:\"jalan rusak\"" }, VT_TEXT },
};

/* Bytes of s (len) to quote in a message: at most TOKEN_SHOWN, whole characters. */
static int shown(const char *s, size_t len)
{
	if (len <= TOKEN_SHOWN)
		return (int)len;
	len = TOKEN_SHOWN;
	while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
		len--;
	return (int)len;
}

static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), row[32];

	if (la >= 32 || lb >= 32)
		return SIZE_MAX;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t sub = diag + (tolower((unsigned char)a[i - 1]) != b[j - 1]);
			size_t best = up + 1 < row[j - 1] + 1 ? up + 1 : row[j - 1] + 1;
			row[j] = sub < best ? sub : best;
			diag = up;
		}
	}
	return row[lb];
}

void *lp_qp_unknown_field(struct lp_qparser *p, size_t at, const char *name, size_t len)
{
	char buf[32];
	const char *best = NULL;
	size_t best_d = 3;

	if (len < sizeof buf) {
		memcpy(buf, name, len);
		buf[len] = '\0';
		for (int f = 0; f < LP_QF_COUNT; f++) {
			size_t d = edit_distance(buf, lp_qfield_name(f));
			if (d < best_d && d < len) {
				best_d = d;
				best = lp_qfield_name(f);
			}
		}
	}
	if (best)
		return lp_qp_fail(p, at, _("unknown field \"%.*s\" (did you mean %s?)"),
				  shown(name, len), name, best);
	return lp_qp_fail(p, at, _("unknown field \"%.*s\" (to search for the text, put it "
			  "in quotes)"), shown(name, len), name);
}

/* Lists the names of enum values into buf. */
static const char *enum_names(enum vtype vt, char *buf, size_t n)
{
	size_t used = 0;
	int count = vt == VT_STATUS ? LP_STATUS_COUNT : vt == VT_KIND ? LP_KIND_COUNT :
		    vt == VT_CHANNEL ? LP_CHANNEL_COUNT : LP_PRIVACY_COUNT;

	buf[0] = '\0';
	for (int i = 0; i < count && used < n; i++) {
		const char *name = vt == VT_STATUS ? lp_status_name(i) :
				   vt == VT_KIND ? lp_kind_name(i) :
				   vt == VT_CHANNEL ? lp_channel_name(i) : lp_privacy_name(i);
		int w = snprintf(buf + used, n - used, "%s%s", i ? ", " : "", name);
		if (w < 0)
			break;
		used += (size_t)w;
	}
	return buf;
}

static bool all_chars(const char *s, size_t len, const char *extra)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!isalnum(c) && !strchr(extra, c))
			return false;
	}
	return true;
}

static bool parse_digits(const char *s, size_t len, int64_t max, int64_t *out)
{
	int64_t v = 0;
	if (len == 0)
		return false;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		int d = s[i] - '0';
		if (d > max || v > (max - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*out = v;
	return true;
}

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
static int64_t days_from_civil(int64_t y, int64_t m, int64_t d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static bool parse_date(const char *s, size_t len, int64_t *days)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int64_t y, m, d;

	if (len != 10 || s[4] != '-' || s[7] != '-' || !parse_digits(s, 4, 9999, &y) ||
	    !parse_digits(s + 5, 2, 99, &m) || !parse_digits(s + 8, 2, 99, &d))
		return false;
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return false;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return false;
	*days = days_from_civil(y, m, d);
	return true;
}

static bool parse_duration(const char *s, size_t len, struct lp_qvalue *v)
{
	if (len < 2 || !strchr("mhdw", s[len - 1]) || !parse_digits(s, len - 1, 100000, &v->num))
		return false;
	v->kind = LP_QV_DURATION;
	v->unit = s[len - 1];
	return true;
}

/* A string-like value: PREFIX when it ends in an unquoted '*'. */
static void *string_value(struct lp_qparser *p, const char *s, size_t len, bool quoted,
			  size_t max, size_t at, struct lp_qvalue *v)
{
	v->kind = LP_QV_STRING;
	if (!quoted && len > 0 && s[len - 1] == '*') {
		v->kind = LP_QV_PREFIX;
		len--;
		if (len == 0)
			return lp_qp_fail(p, at, _("\"*\" needs text before it (e.g. jal*)"));
	}
	size_t i = 0;
	while (i < len && s[i] == ' ')
		i++;
	if (i == len)
		return lp_qp_fail(p, at, _("empty text in quotes"));
	if (len >= max)
		return lp_qp_fail(p, at, _("\"%.*s...\" is longer than %zu bytes"),
				  shown(s, len), s, max - 1);
	v->text = lp_query_strndup(p->q, s, len);
	return v->text ? v : lp_qp_nomem(p);
}

static void *code_value(struct lp_qparser *p, const char *s, size_t len, bool quoted,
			bool prefix_ok, size_t at, const char *what, struct lp_qvalue *v)
{
	v->kind = LP_QV_CODE;
	if (prefix_ok && !quoted && len > 1 && s[len - 1] == '*') {
		v->kind = LP_QV_PREFIX;
		len--;
	}
	if (len == 0 || len >= LP_CODE_MAX || !all_chars(s, len, "._-"))
		return lp_qp_fail(p, at, _("bad %s \"%.*s\""), what, shown(s, len), s);
	v->text = lp_query_strndup(p->q, s, len);
	return v->text ? v : lp_qp_nomem(p);
}

/* Checks one value s (len bytes, quotes and escapes removed) for field f. */
void *lp_qp_value(struct lp_qparser *p, enum lp_qfield f, enum lp_qop op, const char *s,
		  size_t len, bool quoted, size_t at, struct lp_qvalue *v)
{
	const struct field_info *fi = &fields[f];
	char names[256], word[64];
	int e = -1;

	v->column = lp_qp_column(p, at);
	if (len < sizeof word) {
		memcpy(word, s, len);
		word[len] = '\0';
	} else {
		word[0] = '\0';
	}
	switch (fi->vt) {
	case VT_STATUS: case VT_KIND: case VT_CHANNEL: case VT_PRIVACY:
		e = fi->vt == VT_STATUS ? lp_status_parse(word) : fi->vt == VT_KIND ?
		    lp_kind_parse(word) : fi->vt == VT_CHANNEL ? lp_channel_parse(word) :
		    lp_privacy_parse(word);
		if (e < 0 || len >= sizeof word)
			return lp_qp_fail(p, at,
					  _("unknown %s \"%.*s\"; one of %s"), lp_qfield_name(f),
					  shown(s, len), s, enum_names(fi->vt, names, sizeof names));
		v->kind = LP_QV_ENUM;
		v->num = e;
		return v;
	case VT_AGENCY:
		return code_value(p, s, len, quoted, true, at, "agency code", v);
	case VT_UNDER:
		return code_value(p, s, len, quoted, false, at, "agency code", v);
	case VT_REGION: {
		bool prefix = !quoted && len > 1 && s[len - 1] == '*';
		size_t n = len - prefix;
		bool ok = n > 0 && isdigit((unsigned char)s[0]) && (prefix || s[n - 1] != '.');
		for (size_t i = 0; ok && i < n; i++)
			ok = isdigit((unsigned char)s[i]) || (s[i] == '.' && s[i - 1] != '.');
		if (!ok)
			return lp_qp_fail(p, at, _("bad region code \"%.*s\" (e.g. 31.71 or 31.*)"),
					  shown(s, len), s);
		return code_value(p, s, len, quoted, true, at, "region code", v);
	}
	case VT_CATEGORY:
		return string_value(p, s, len, quoted, LP_CATEGORY_MAX, at, v);
	case VT_TRACKING:
		return string_value(p, s, len, quoted, LP_TRACKING_MAX, at, v);
	case VT_TEXT:
		return string_value(p, s, len, quoted, LP_QUERY_MAX_BYTES + 1, at, v);
	case VT_ASSIGNEE:
		if (strcmp(word, "me") == 0) {
			v->kind = LP_QV_ME;
			return v;
		}
		if (strcmp(word, "none") == 0) {
			v->kind = LP_QV_NONE;
			return v;
		}
		if (len == 0 || len >= LP_LOGIN_MAX || !all_chars(s, len, "._-"))
			return lp_qp_fail(p, at, _("bad login \"%.*s\"; write me, none or an "
					  "officer's login"), shown(s, len), s);
		v->kind = LP_QV_CODE;
		v->text = lp_query_strndup(p->q, s, len);
		return v->text ? v : lp_qp_nomem(p);
	case VT_PRIORITY:
		v->kind = LP_QV_INT;
		if (strcmp(word, "normal") == 0 || strcmp(word, "high") == 0 ||
		    strcmp(word, "urgent") == 0) {
			v->num = word[0] == 'n' ? 0 : word[0] == 'h' ? 1 : 2;
			return v;
		}
		if (!parse_digits(s, len, 2, &v->num))
			return lp_qp_fail(p, at, _("unknown priority \"%.*s\"; one of 0 or normal, "
					  "1 or high, 2 or urgent"), shown(s, len), s);
		return v;
	case VT_ID:
		v->kind = LP_QV_INT;
		if (!parse_digits(s, len, INT64_MAX, &v->num))
			return lp_qp_fail(p, at, _("bad case number \"%.*s\""), shown(s, len), s);
		return v;
	case VT_TIME:
		if (parse_date(s, len, &v->num)) {
			v->kind = LP_QV_DATE;
			v->text = lp_query_strndup(p->q, s, len);
			return v->text ? v : lp_qp_nomem(p);
		}
		if (op != LP_QOP_IN && op != LP_QOP_EQ && parse_duration(s, len, v))
			return v;
		if (op == LP_QOP_IN || op == LP_QOP_EQ)
			return lp_qp_fail(p, at, _("\"%s%s\" needs a date, YYYY-MM-DD (for a "
					  "duration write %s<2d)"), lp_qfield_name(f),
					  lp_qop_text(op),
					  lp_qfield_name(f));
		return lp_qp_fail(p, at, _("\"%s\" needs a date (YYYY-MM-DD) or a duration "
				  "(e.g. %s)"), lp_qop_text(op), fi->pub.example);
	case VT_DURATION:
		if (parse_duration(s, len, v))
			return v;
		return lp_qp_fail(p, at, _("\"%s\" needs a duration: a number and m, h, d or w "
				  "(e.g. %s)"), lp_qop_text(op), fi->pub.example);
	case VT_FLAG:
		break;
	}
	return lp_qp_fail(p, at, _("internal error: field %s"), lp_qfield_name(f));
}

const struct lp_qfield_info *lp_qp_field_info(enum lp_qfield f)
{
	return &fields[f].pub;
}
