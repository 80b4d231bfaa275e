/* sq_calendar.c: the working-day calendar (holidays) and SLA policies in
 * SQLite. */
#include "i18n.h"
#include "sq_internal.h"

#include <stdlib.h>
#include <string.h>

static const char SQL_HOLIDAY_PUT[] =
	"INSERT INTO holiday(date, name, kind) VALUES (:date, :name, :kind) "
	"ON CONFLICT(date) DO UPDATE SET name = excluded.name, kind = excluded.kind";
static const char SQL_HOLIDAY_LIST[] =
	"SELECT date, name, kind FROM holiday "
	"WHERE date >= coalesce(:from, '') AND date <= coalesce(:to, '9999-99-99') "
	"ORDER BY date";

static const char SQL_POLICY_PUT[] =
	"INSERT INTO sla_policy(kind, stage, field_check, days, working_days) "
	"VALUES (:kind, :stage, :fc, :days, :wd) "
	"ON CONFLICT(kind, stage, field_check) DO UPDATE SET days = excluded.days, "
	"working_days = excluded.working_days";
static const char SQL_POLICY_GET[] =
	"SELECT kind, stage, field_check, days, working_days FROM sla_policy "
	"WHERE kind = :kind AND stage = :stage AND field_check = :fc";
static const char SQL_POLICY_LIST[] =
	"SELECT kind, stage, field_check, days, working_days FROM sla_policy";

/* "YYYY-MM-DD" with digits where they belong (the calendar's dates sort
 * as text). */
static bool valid_date(const char *d)
{
	if (!d || strlen(d) != 10)
		return false;
	for (int i = 0; i < 10; i++) {
		bool dash = i == 4 || i == 7;
		if (dash ? d[i] != '-' : (d[i] < '0' || d[i] > '9'))
			return false;
	}
	return true;
}

int sq_holiday_put(struct lp_store *s, const struct lp_holiday *h, struct lp_error *err)
{
	struct sq_store *q = sq(s);
	if (!valid_date(h->date))
		return lp_error_set(err, LP_EDATA, _("a holiday's date is YYYY-MM-DD, not '%s'"),
				    h->date);
	sqlite3_stmt *st = sq_stmt(q, SQL_HOLIDAY_PUT, err);
	if (!st)
		return err->code;
	sq_bind_text(st, ":date", h->date);
	sq_bind_text(st, ":name", h->name);
	sq_bind_text(st, ":kind", h->kind[0] ? h->kind : "national");
	return sq_exec_stmt(q, st, err);
}

int sq_holiday_list(struct lp_store *s, const char *from, const char *to, lp_holiday_cb cb,
		    void *ud, struct lp_error *err)
{
	struct sq_store *q = sq(s);
	sqlite3_stmt *st = sq_stmt(q, SQL_HOLIDAY_LIST, err);
	if (!st)
		return err->code;
	sq_bind_text(st, ":from", from);
	sq_bind_text(st, ":to", to);
	int rc, stop = 0;
	while ((rc = sq_step(q, st, err)) == SQLITE_ROW) {
		struct lp_holiday h;
		memset(&h, 0, sizeof h);
		sq_col_copy(st, 0, h.date, sizeof h.date);
		sq_col_copy(st, 1, h.name, sizeof h.name);
		sq_col_copy(st, 2, h.kind, sizeof h.kind);
		stop = cb(&h, ud);
		if (stop)
			break;
	}
	sq_release(q, st);
	return stop ? stop : rc < 0 ? -rc : LP_OK;
}

int sq_policy_put(struct lp_store *s, const struct lp_sla_policy *p, struct lp_error *err)
{
	struct sq_store *q = sq(s);
	const char *kind = lp_kind_name(p->kind), *stage = lp_sla_stage_name(p->stage);
	if (!strcmp(kind, "?") || !strcmp(stage, "?") || p->days < 0)
		return lp_error_set(err, LP_EDATA, _("an SLA policy needs a kind, a stage and days "
				    ">= 0"));
	sqlite3_stmt *st = sq_stmt(q, SQL_POLICY_PUT, err);
	if (!st)
		return err->code;
	sq_bind_text(st, ":kind", kind);
	sq_bind_text(st, ":stage", stage);
	sq_bind_int64(st, ":fc", p->field_check ? 1 : 0);
	sq_bind_int64(st, ":days", p->days);
	sq_bind_int64(st, ":wd", p->working_days ? 1 : 0);
	return sq_exec_stmt(q, st, err);
}

static int read_policy(sqlite3_stmt *st, struct lp_sla_policy *p, struct lp_error *err)
{
	const char *kind = (const char *)sqlite3_column_text(st, 0);
	const char *stage = (const char *)sqlite3_column_text(st, 1);
	int k = kind ? lp_kind_parse(kind) : -1, g = stage ? lp_sla_stage_parse(stage) : -1;
	if (k < 0 || g < 0)
		return lp_error_set(err, LP_EDATA, _("an SLA policy has an unknown kind or stage "
				    "(%s, %s)"), kind ? kind : "", stage ? stage : "");
	p->kind = (enum lp_kind)k;
	p->stage = (enum lp_sla_stage)g;
	p->field_check = sqlite3_column_int(st, 2) != 0;
	p->days = sqlite3_column_int(st, 3);
	p->working_days = sqlite3_column_int(st, 4) != 0;
	return LP_OK;
}

int sq_policy_get(struct lp_store *s, enum lp_kind kind, enum lp_sla_stage stage,
		  bool field_check, struct lp_sla_policy *out, struct lp_error *err)
{
	struct sq_store *q = sq(s);
	sqlite3_stmt *st = sq_stmt(q, SQL_POLICY_GET, err);
	if (!st)
		return err->code;
	sq_bind_text(st, ":kind", lp_kind_name(kind));
	sq_bind_text(st, ":stage", lp_sla_stage_name(stage));
	sq_bind_int64(st, ":fc", field_check ? 1 : 0);
	int rc = sq_step(q, st, err);
	if (rc == SQLITE_ROW)
		rc = read_policy(st, out, err);
	else if (rc == SQLITE_DONE)
		rc = lp_error_set(err, LP_ENOENT,
				  _("no SLA policy for %s, %s%s"), lp_kind_name(kind),
				  lp_sla_stage_name(stage), field_check ? _(", field check") : "");
	else
		rc = -rc;
	sq_release(q, st);
	return rc;
}

static int cmp_policy(const void *a, const void *b)
{
	const struct lp_sla_policy *x = a, *y = b;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (x->stage != y->stage)
		return x->stage < y->stage ? -1 : 1;
	return (int)x->field_check - (int)y->field_check;
}

/* The table is tiny (kinds x stages x 2): read it all, sort by the enums'
 * order (not their names'), then call back. */
int sq_policy_list(struct lp_store *s, lp_policy_cb cb, void *ud, struct lp_error *err)
{
	enum { MAX = LP_KIND_COUNT * LP_STAGE_COUNT * 2 };
	struct sq_store *q = sq(s);
	struct lp_sla_policy all[MAX];
	size_t n = 0;
	sqlite3_stmt *st = sq_stmt(q, SQL_POLICY_LIST, err);
	if (!st)
		return err->code;
	int rc;
	while ((rc = sq_step(q, st, err)) == SQLITE_ROW && n < MAX) {
		int bad = read_policy(st, &all[n], err);
		if (bad) {
			sq_release(q, st);
			return bad;
		}
		n++;
	}
	sq_release(q, st);
	if (rc < 0)
		return -rc;
	qsort(all, n, sizeof all[0], cmp_policy);
	for (size_t i = 0; i < n; i++) {
		int stop = cb(&all[i], ud);
		if (stop)
			return stop;
	}
	return LP_OK;
}
