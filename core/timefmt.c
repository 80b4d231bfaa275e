/* timefmt.c: RFC 3339 in and out, local times for officers, short
 * durations (see timefmt.h).  Calendar arithmetic is done here (proleptic
 * Gregorian, days from 1970-01-01), not with timegm() or TZ. */
#include "timefmt.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "model.h"

/* Days from 1970-01-01 to y-m-d (H. Hinnant's days_from_civil). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static bool is_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int64_t y, int m)
{
	static const int dim[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

/* Reads exactly n digits at *p into *out; advances *p. */
static bool digits(const char **p, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		char c = (*p)[i];
		if (c < '0' || c > '9')
			return false;
		v = v * 10 + (c - '0');
	}
	*p += n;
	*out = v;
	return true;
}

static bool expect(const char **p, char c)
{
	if (**p != c)
		return false;
	(*p)++;
	return true;
}

int lp_time_parse_rfc3339(const char *s, int64_t *out)
{
	int y, mo, d, h, mi, sec, oh = 0, om = 0, sign = 0;
	const char *p = s;

	if (!s || !out)
		return -1;
	if (!digits(&p, 4, &y) || !expect(&p, '-') || !digits(&p, 2, &mo) || !expect(&p, '-') ||
	    !digits(&p, 2, &d))
		return -1;
	if (*p != 'T' && *p != 't' && *p != ' ')
		return -1;
	p++;
	if (!digits(&p, 2, &h) || !expect(&p, ':') || !digits(&p, 2, &mi) || !expect(&p, ':') ||
	    !digits(&p, 2, &sec))
		return -1;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return -1;
		while (*p >= '0' && *p <= '9')
			p++;            /* fractions are dropped: times are whole seconds */
	}
	if (*p == 'Z' || *p == 'z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		sign = *p == '+' ? 1 : -1;
		p++;
		if (!digits(&p, 2, &oh) || !expect(&p, ':') || !digits(&p, 2, &om))
			return -1;
	} else {
		return -1;              /* the offset is required */
	}
	if (*p != '\0')
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59)
		return -1;
	if (sec > 60 || (sec == 60 && mi != 59))
		return -1;              /* 60 only for a leap second, counted as the next one */
	if (oh > 23 || om > 59)
		return -1;
	int64_t t = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
	t -= (int64_t)sign * (oh * 3600 + om * 60);
	*out = t;
	return 0;
}

/* Splits t (already shifted to local time) into its fields. */
static void split(int64_t t, int64_t *y, int *mo, int *d, int *h, int *mi, int *s)
{
	int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	int64_t rem = t - days * 86400;
	civil_from_days(days, y, mo, d);
	*h = (int)(rem / 3600);
	*mi = (int)(rem % 3600 / 60);
	*s = (int)(rem % 60);
}

char *lp_time_rfc3339(int64_t t, char *buf, size_t n)
{
	int64_t y;
	int mo, d, h, mi, s;
	split(t, &y, &mo, &d, &h, &mi, &s);
	snprintf(buf, n, "%04lld-%02d-%02dT%02d:%02d:%02dZ", (long long)y, mo, d, h, mi, s);
	return buf;
}

/* Indonesian month abbreviations (the "date-style:id" of the catalogue). */
static const char *const bulan[12] = {
	"Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
};

char *lp_time_local(int64_t t, int tz_minutes, char *buf, size_t n)
{
	int64_t y;
	int mo, d, h, mi, s;
	split(t + (int64_t)tz_minutes * 60, &y, &mo, &d, &h, &mi, &s);
	/* TRANSLATORS: the form of dates shown to officers.  Keep
	   "date-style:iso" for "2026-11-28 09:15 WIB"; translate it as
	   "date-style:id" for the Indonesian "28 Nov 2026 09.15 WIB". */
	if (strcmp(_("date-style:iso"), "date-style:id") == 0)
		snprintf(buf, n, "%d %s %lld %02d.%02d %s", d, bulan[mo - 1], (long long)y, h, mi,
			 lp_tz_name(tz_minutes));
	else
		snprintf(buf, n, "%04lld-%02d-%02d %02d:%02d %s", (long long)y, mo, d, h, mi,
			 lp_tz_name(tz_minutes));
	return buf;
}

char *lp_duration_short(int64_t seconds, char *buf, size_t n)
{
	const char *sign = seconds < 0 ? "-" : "";
	/* magnitude as unsigned, so INT64_MIN does not overflow */
	uint64_t a = seconds < 0 ? (uint64_t)0 - (uint64_t)seconds : (uint64_t)seconds;
	unsigned long long v;

	/* TRANSLATORS: the short durations of the console's Age and Due
	   columns ("45s", "12m", "3h", "5d", "2w", "1y"); keep them short. */
	if (a < 60) {
		v = a;
		snprintf(buf, n, _("%s%llus"), sign, v);
	} else if (a < 3600) {
		v = a / 60;
		snprintf(buf, n, _("%s%llum"), sign, v);
	} else if (a < 86400) {
		v = a / 3600;
		snprintf(buf, n, _("%s%lluh"), sign, v);
	} else if (a < 14 * 86400ULL) {
		v = a / 86400;
		snprintf(buf, n, _("%s%llud"), sign, v);
	} else if (a < 365 * 86400ULL) {
		v = a / (7 * 86400);
		snprintf(buf, n, _("%s%lluw"), sign, v);
	} else {
		v = a / (365 * 86400ULL);
		snprintf(buf, n, _("%s%lluy"), sign, v);
	}
	return buf;
}
