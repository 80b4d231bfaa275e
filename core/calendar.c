/* calendar.c: the working-day calendar (see sla.h): a sorted array of
 * day numbers (days since 1970-01-01) that are off, and civil-date
 * arithmetic of its own, in a fixed UTC offset (no TZ, no timegm). */
#include "sla.h"

#include <stdlib.h>
#include <string.h>

#define SECS_PER_DAY 86400

int64_t lp_days_from_civil(int y, int m, int d)
{
	/* Howard Hinnant's days_from_civil, proleptic Gregorian. */
	int64_t yy = (int64_t)y - (m <= 2);
	int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
	int64_t yoe = yy - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void lp_civil_from_days(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int dd = (int)(doy - (153 * mp + 2) / 5 + 1);
	int mm = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (mm <= 2));
	*m = mm;
	*d = dd;
}

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int lp_date_parse(const char *s, int *y, int *m, int *d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	int v[3] = { 0, 0, 0 };
	const int start[3] = { 0, 5, 8 }, len[3] = { 4, 2, 2 };
	for (int f = 0; f < 3; f++)
		for (int i = 0; i < len[f]; i++) {
			char c = s[start[f] + i];
			if (c < '0' || c > '9')
				return -1;
			v[f] = v[f] * 10 + (c - '0');
		}
	if (v[0] < 1900 || v[1] < 1 || v[1] > 12 || v[2] < 1)
		return -1;
	int maxd = mdays[v[1] - 1] + (v[1] == 2 && leap(v[0]));
	if (v[2] > maxd)
		return -1;
	*y = v[0];
	*m = v[1];
	*d = v[2];
	return 0;
}

int64_t lp_local_day(int64_t t, int tz_minutes)
{
	int64_t l = t + (int64_t)tz_minutes * 60;
	return l >= 0 ? l / SECS_PER_DAY : -((-l + SECS_PER_DAY - 1) / SECS_PER_DAY);
}

int64_t lp_local_day_end(int64_t day, int tz_minutes)
{
	return (day + 1) * SECS_PER_DAY - 1 - (int64_t)tz_minutes * 60;
}

struct lp_calendar {
	int64_t *days;   /* days off, sorted, unique */
	size_t n, cap;
	/* The SLA policies cached with the calendar (see lp_calendar_policy_set). */
	struct lp_sla_policy policy[LP_KIND_COUNT][LP_STAGE_COUNT][2];
	bool has_policy[LP_KIND_COUNT][LP_STAGE_COUNT][2];
};

struct lp_calendar *lp_calendar_create(void)
{
	return calloc(1, sizeof(struct lp_calendar));
}

void lp_calendar_destroy(struct lp_calendar *cal)
{
	if (!cal)
		return;
	free(cal->days);
	free(cal);
}

static bool find(const struct lp_calendar *cal, int64_t day, size_t *pos)
{
	size_t lo = 0, hi = cal->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cal->days[mid] < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	*pos = lo;
	return lo < cal->n && cal->days[lo] == day;
}

int lp_calendar_add(struct lp_calendar *cal, const char *date)
{
	int y, m, d;
	if (!cal || lp_date_parse(date, &y, &m, &d) != 0)
		return -1;
	int64_t day = lp_days_from_civil(y, m, d);
	size_t pos;
	if (find(cal, day, &pos))
		return 0;
	if (cal->n == cal->cap) {
		size_t cap = cal->cap ? cal->cap * 2 : 32;
		int64_t *p = realloc(cal->days, cap * sizeof *p);
		if (!p)
			return -1;
		cal->days = p;
		cal->cap = cap;
	}
	memmove(cal->days + pos + 1, cal->days + pos, (cal->n - pos) * sizeof *cal->days);
	cal->days[pos] = day;
	cal->n++;
	return 0;
}

unsigned long lp_calendar_count(const struct lp_calendar *cal)
{
	return cal ? cal->n : 0;
}

/* 0 = Sunday ... 6 = Saturday; 1970-01-01 was a Thursday. */
static int weekday(int64_t day)
{
	int64_t w = (day + 4) % 7;
	return (int)(w < 0 ? w + 7 : w);
}

static bool working_day(const struct lp_calendar *cal, int64_t day)
{
	int w = weekday(day);
	if (w == 0 || w == 6)
		return false;
	size_t pos;
	return !(cal && find(cal, day, &pos));
}

bool lp_calendar_is_working_day(const struct lp_calendar *cal, int y, int m, int d)
{
	return working_day(cal, lp_days_from_civil(y, m, d));
}

int64_t lp_calendar_add_days(const struct lp_calendar *cal, int64_t t, int days, bool working,
			     int tz_minutes)
{
	int64_t day = lp_local_day(t, tz_minutes);
	if (days < 0)
		days = 0;
	if (!working)
		return lp_local_day_end(day + days, tz_minutes);
	if (days == 0) {
		while (!working_day(cal, day))
			day++;
		return lp_local_day_end(day, tz_minutes);
	}
	for (int left = days; left > 0;) {
		day++;
		if (working_day(cal, day))
			left--;
	}
	return lp_local_day_end(day, tz_minutes);
}

int lp_calendar_count_days(const struct lp_calendar *cal, int64_t from, int64_t to, bool working,
			   int tz_minutes)
{
	int64_t a = lp_local_day(from, tz_minutes), b = lp_local_day(to, tz_minutes);
	if (b <= a)
		return 0;
	if (!working)
		return (int)(b - a);
	int n = 0;
	for (int64_t day = a + 1; day <= b; day++)
		n += working_day(cal, day);
	return n;
}

void lp_calendar_policy_set(struct lp_calendar *cal, const struct lp_sla_policy *p)
{
	if (!cal || !p || (unsigned)p->kind >= LP_KIND_COUNT || (unsigned)p->stage >= LP_STAGE_COUNT)
		return;
	cal->policy[p->kind][p->stage][p->field_check] = *p;
	cal->has_policy[p->kind][p->stage][p->field_check] = true;
}

bool lp_calendar_policy_get(const struct lp_calendar *cal, enum lp_kind kind,
			    enum lp_sla_stage stage, bool field_check, struct lp_sla_policy *out)
{
	if (!cal || (unsigned)kind >= LP_KIND_COUNT || (unsigned)stage >= LP_STAGE_COUNT ||
	    !cal->has_policy[kind][stage][field_check])
		return false;
	*out = cal->policy[kind][stage][field_check];
	return true;
}
