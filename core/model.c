/* model.c: the names of the closed lists (one table each, generated from
 * the X-macros of model.h) and the small helpers on the model's values. */
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

#define NAME_OF(s, n) n,
#define NAME_OF3(s, n, h) n,
#define HELP_OF3(s, n, h) h,

static const char *const status_names[] = { LP_STATUS_LIST(NAME_OF) };
static const char *const role_names[] = { LP_ROLE_LIST(NAME_OF) };
static const char *const kind_names[] = { LP_KIND_LIST(NAME_OF) };
static const char *const channel_names[] = { LP_CHANNEL_LIST(NAME_OF) };
static const char *const privacy_names[] = { LP_PRIVACY_LIST(NAME_OF) };
static const char *const visibility_names[] = { LP_VISIBILITY_LIST(NAME_OF) };
static const char *const agency_kind_names[] = { LP_AGENCY_KIND_LIST(NAME_OF) };
static const char *const action_names[] = { LP_ACTION_LIST(NAME_OF3) };
static const char *const action_helps[] = { LP_ACTION_LIST(HELP_OF3) };
static const char *const stage_names[] = { LP_SLA_STAGE_LIST(NAME_OF) };

/* The name at v in a table of n names, "?" when out of range. */
static const char *name_at(const char *const *t, int n, int v)
{
	return v >= 0 && v < n ? t[v] : "?";
}

/* The index of `name` in a table of n names, or -1. */
static int index_of(const char *const *t, int n, const char *name)
{
	if (!name)
		return -1;
	for (int i = 0; i < n; i++)
		if (strcmp(t[i], name) == 0)
			return i;
	return -1;
}

#define NAME_FUNCS(fn, type, table, count)                                   \
	const char *lp_##fn##_name(type v)                                   \
	{                                                                    \
		return name_at(table, (int)(count), (int)v);                 \
	}                                                                    \
	int lp_##fn##_parse(const char *name)                                \
	{                                                                    \
		return index_of(table, (int)(count), name);                  \
	}

NAME_FUNCS(status, enum lp_status, status_names, LP_STATUS_COUNT)
NAME_FUNCS(role, enum lp_role, role_names, LP_ROLE_COUNT)
NAME_FUNCS(kind, enum lp_kind, kind_names, LP_KIND_COUNT)
NAME_FUNCS(channel, enum lp_channel, channel_names, LP_CHANNEL_COUNT)
NAME_FUNCS(privacy, enum lp_privacy, privacy_names, LP_PRIVACY_COUNT)
NAME_FUNCS(visibility, enum lp_visibility, visibility_names, LP_VIS_COUNT)
NAME_FUNCS(agency_kind, enum lp_agency_kind, agency_kind_names, LP_AGENCY_KIND_COUNT)
NAME_FUNCS(action, enum lp_action, action_names, LP_ACTION_COUNT)
NAME_FUNCS(sla_stage, enum lp_sla_stage, stage_names, LP_STAGE_COUNT)

const char *lp_action_help(enum lp_action v)
{
	const char *h = name_at(action_helps, LP_ACTION_COUNT, (int)v);
	return *h == '?' ? h : _(h);
}

bool lp_status_is_open(enum lp_status s)
{
	switch (s) {
	case LP_STATUS_NEW:
	case LP_STATUS_POSTPONED:
	case LP_STATUS_ASSIGNED:
	case LP_STATUS_IN_PROGRESS:
	case LP_STATUS_RESPONDED:
		return true;
	default:
		return false;
	}
}

bool lp_agency_within(const struct lp_agency *a, const struct lp_agency *ancestor)
{
	if (!a || !ancestor || !ancestor->path[0])
		return false;
	size_t n = strlen(ancestor->path);
	return strncmp(a->path, ancestor->path, n) == 0;
}

const char *lp_tz_name(int tz_minutes)
{
	/* Whole-hour offsets from UTC-12 to UTC+14 have static names. */
	static const char *const hours[] = {
		"UTC-12", "UTC-11", "UTC-10", "UTC-9", "UTC-8", "UTC-7", "UTC-6",
		"UTC-5", "UTC-4", "UTC-3", "UTC-2", "UTC-1", "UTC", "UTC+1", "UTC+2",
		"UTC+3", "UTC+4", "UTC+5", "UTC+6", "WIB", "WITA", "WIT", "UTC+10",
		"UTC+11", "UTC+12", "UTC+13", "UTC+14",
	};
	static _Thread_local char buf[16];

	if (tz_minutes % 60 == 0 && tz_minutes >= -12 * 60 && tz_minutes <= 14 * 60)
		return hours[tz_minutes / 60 + 12];
	int m = tz_minutes < 0 ? -tz_minutes : tz_minutes;
	snprintf(buf, sizeof buf, "UTC%c%d:%02d", tz_minutes < 0 ? '-' : '+', m / 60 % 100,
		 m % 60);
	return buf;
}

char *lp_strdup(const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s) + 1;
	char *d = malloc(n);
	if (d)
		memcpy(d, s, n);
	return d;
}

void lp_strlcpy(char *dst, const char *src, unsigned long n)
{
	if (!dst || n == 0)
		return;
	if (!src)
		src = "";
	size_t len = strnlen(src, n - 1);
	memcpy(dst, src, len);
	dst[len] = '\0';
}

void lp_case_clear(struct lp_case *c)
{
	if (!c)
		return;
	free(c->title);
	free(c->body);
	free(c->reporter_name);
	free(c->reporter_phone);
	free(c->reporter_email);
	memset(c, 0, sizeof *c);
}

void lp_event_clear(struct lp_event *e)
{
	if (!e)
		return;
	free(e->text);
	free(e->detail);
	memset(e, 0, sizeof *e);
}

/* Duplicates *p in place (a shallow copy's pointer); false on failure,
 * leaving *p NULL. */
static bool dup_in_place(char **p)
{
	if (!*p)
		return true;
	*p = lp_strdup(*p);
	return *p != NULL;
}

bool lp_case_copy(struct lp_case *dst, const struct lp_case *src)
{
	if (!dst)
		return false;
	if (!src) {
		memset(dst, 0, sizeof *dst);
		return false;
	}
	*dst = *src;
	bool ok = true;
	ok = dup_in_place(&dst->title) && ok;
	ok = dup_in_place(&dst->body) && ok;
	ok = dup_in_place(&dst->reporter_name) && ok;
	ok = dup_in_place(&dst->reporter_phone) && ok;
	ok = dup_in_place(&dst->reporter_email) && ok;
	if (!ok)
		lp_case_clear(dst);
	return ok;
}

bool lp_event_copy(struct lp_event *dst, const struct lp_event *src)
{
	if (!dst)
		return false;
	if (!src) {
		memset(dst, 0, sizeof *dst);
		return false;
	}
	*dst = *src;
	bool ok = true;
	ok = dup_in_place(&dst->text) && ok;
	ok = dup_in_place(&dst->detail) && ok;
	if (!ok)
		lp_event_clear(dst);
	return ok;
}
