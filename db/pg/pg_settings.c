/* pg_settings.c: the working-day calendar, SLA policies and settings on
 * PostgreSQL. */
#include "i18n.h"
#include "pg_internal.h"

#include <stdlib.h>
#include <string.h>

PG_SQL(SQL_HOLIDAY_PUT, true,
       "INSERT INTO holiday(date, name, kind) VALUES ($1, $2, $3) "
       "ON CONFLICT (date) DO UPDATE SET name = excluded.name, kind = excluded.kind");
PG_SQL(SQL_HOLIDAY_LIST, true,
       "SELECT date, name, kind FROM holiday "
       "WHERE ($1::text IS NULL OR date >= $1::text) AND ($2::text IS NULL OR date <= $2::text) "
       "ORDER BY date");
PG_SQL(SQL_POLICY_PUT, true,
       "INSERT INTO sla_policy(kind, stage, field_check, days, working_days) "
       "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (kind, stage, field_check) "
       "DO UPDATE SET days = excluded.days, working_days = excluded.working_days");
PG_SQL(SQL_POLICY_GET, true,
       "SELECT kind, stage, field_check, days, working_days FROM sla_policy "
       "WHERE kind = $1 AND stage = $2 AND field_check = $3");
/* Ordered by the enums' order, not by name. */
PG_SQL(SQL_POLICY_LIST, true,
       "SELECT kind, stage, field_check, days, working_days FROM sla_policy "
       "ORDER BY array_position($1::text[], kind), array_position($2::text[], stage), "
       "field_check");
PG_SQL(SQL_META_GET, true, "SELECT value FROM meta WHERE key = $1");
PG_SQL(SQL_META_PUT, true,
       "INSERT INTO meta(key, value) VALUES ($1, $2) "
       "ON CONFLICT (key) DO UPDATE SET value = excluded.value");

int pg_holiday_put(struct lp_store *s, const struct lp_holiday *h, struct lp_error *err)
{
	if (strlen(h->date) != 10)
		return lp_error_set(err, LP_EDATA, _("a holiday needs a date YYYY-MM-DD"));
	struct pg_params p = { 0 };
	pp_text(&p, h->date);
	pp_text(&p, h->name);
	pp_text(&p, h->kind);
	return pg_run_cmd(pg(s), &SQL_HOLIDAY_PUT, &p, NULL, err);
}

int pg_holiday_list(struct lp_store *s, const char *from, const char *to, lp_holiday_cb cb,
		    void *ud, struct lp_error *err)
{
	struct pg_params p = { 0 };
	pp_text(&p, from);
	pp_text(&p, to);
	PGresult *r = pg_run(pg(s), &SQL_HOLIDAY_LIST, &p, err);
	if (!r)
		return err->code;
	int stop = 0;
	for (int i = 0, n = PQntuples(r); !stop && i < n; i++) {
		struct lp_holiday h;
		memset(&h, 0, sizeof h);
		pg_copy(r, i, 0, h.date, sizeof h.date);
		pg_copy(r, i, 1, h.name, sizeof h.name);
		pg_copy(r, i, 2, h.kind, sizeof h.kind);
		stop = cb(&h, ud);
	}
	PQclear(r);
	return stop;
}

int pg_policy_put(struct lp_store *s, const struct lp_sla_policy *pol, struct lp_error *err)
{
	const char *kind = lp_kind_name(pol->kind);
	const char *stage = lp_sla_stage_name(pol->stage);
	if (!strcmp(kind, "?") || !strcmp(stage, "?") || pol->days < 0)
		return lp_error_set(err, LP_EDATA,
				    _("an SLA policy needs a kind, a stage and days"));
	struct pg_params p = { 0 };
	pp_text(&p, kind);
	pp_text(&p, stage);
	pp_bool(&p, pol->field_check);
	pp_int(&p, pol->days);
	pp_bool(&p, pol->working_days);
	return pg_run_cmd(pg(s), &SQL_POLICY_PUT, &p, NULL, err);
}

static int read_policy(const PGresult *r, int row, struct lp_sla_policy *out,
		       struct lp_error *err)
{
	int kind = lp_kind_parse(PQgetvalue(r, row, 0));
	int stage = lp_sla_stage_parse(PQgetvalue(r, row, 1));
	if (kind < 0 || stage < 0)
		return lp_error_set(err, LP_EDATA, _("an SLA policy has the unknown kind or stage "
				    "'%s/%s'"), PQgetvalue(r, row, 0), PQgetvalue(r, row, 1));
	memset(out, 0, sizeof *out);
	out->kind = (enum lp_kind)kind;
	out->stage = (enum lp_sla_stage)stage;
	out->field_check = pg_bool(r, row, 2);
	out->days = (int)pg_int(r, row, 3);
	out->working_days = pg_bool(r, row, 4);
	return LP_OK;
}

int pg_policy_get(struct lp_store *s, enum lp_kind kind, enum lp_sla_stage stage,
		  bool field_check, struct lp_sla_policy *out, struct lp_error *err)
{
	struct pg_params p = { 0 };
	pp_text(&p, lp_kind_name(kind));
	pp_text(&p, lp_sla_stage_name(stage));
	pp_bool(&p, field_check);
	PGresult *r = pg_run(pg(s), &SQL_POLICY_GET, &p, err);
	if (!r)
		return err->code;
	int rc = PQntuples(r) > 0
		? read_policy(r, 0, out, err)
		: lp_error_set(err, LP_ENOENT, _("no SLA policy for %s cases at stage %s%s"),
			       lp_kind_name(kind), lp_sla_stage_name(stage),
			       field_check ? _(" with a field check") : "");
	PQclear(r);
	return rc;
}

/* "{a,b,c}" of the names of 0..n-1 (plain lower-case words). */
static void names_array(const char *(*name)(int), int n, char *buf, size_t size)
{
	size_t len = 0;
	buf[len++] = '{';
	for (int i = 0; i < n && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? "," : "", name(i));
	if (len < size)
		snprintf(buf + len, size - len, "}");
}

static const char *kind_name(int v)
{
	return lp_kind_name((enum lp_kind)v);
}

static const char *stage_name(int v)
{
	return lp_sla_stage_name((enum lp_sla_stage)v);
}

int pg_policy_list(struct lp_store *s, lp_policy_cb cb, void *ud, struct lp_error *err)
{
	char kinds[256], stages[256];
	names_array(kind_name, LP_KIND_COUNT, kinds, sizeof kinds);
	names_array(stage_name, LP_STAGE_COUNT, stages, sizeof stages);
	struct pg_params p = { 0 };
	pp_text(&p, kinds);
	pp_text(&p, stages);
	PGresult *r = pg_run(pg(s), &SQL_POLICY_LIST, &p, err);
	if (!r)
		return err->code;
	int stop = 0;
	for (int i = 0, n = PQntuples(r); !stop && i < n; i++) {
		struct lp_sla_policy pol;
		stop = read_policy(r, i, &pol, err);
		if (!stop)
			stop = cb(&pol, ud);
	}
	PQclear(r);
	return stop;
}

int pg_meta_get(struct lp_store *s, const char *key, char **out, struct lp_error *err)
{
	if (out)
		*out = NULL;
	struct pg_params p = { 0 };
	pp_text(&p, key ? key : "");
	PGresult *r = pg_run(pg(s), &SQL_META_GET, &p, err);
	if (!r)
		return err->code;
	int rc = LP_OK;
	if (PQntuples(r) == 0) {
		rc = lp_error_set(err, LP_ENOENT, _("no setting %s"), key ? key : _("(none)"));
	} else {
		bool oom = false;
		char *v = pg_dup(r, 0, 0, &oom);
		if (oom || !v) {
			free(v);
			rc = pg_oom(err);
		} else if (out) {
			*out = v;
		} else {
			free(v);
		}
	}
	PQclear(r);
	return rc;
}

int pg_meta_put(struct lp_store *s, const char *key, const char *value, struct lp_error *err)
{
	if (!key || !*key)
		return lp_error_set(err, LP_EDATA, _("a setting needs a name"));
	struct pg_params p = { 0 };
	pp_text(&p, key);
	pp_text(&p, value ? value : "");
	return pg_run_cmd(pg(s), &SQL_META_PUT, &p, NULL, err);
}
