/* cmd_sla.c: calendar import/ls, policy ls/set, sweep and stats. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "holiday_import.h"
#include "i18n.h"
#include "output.h"
#include "session.h"
#include "sla.h"
#include "stats.h"
#include "store.h"
#include "sweep.h"
#include "timefmt.h"

int lp_cmd_calendar_import(struct lp_cli *cli)
{
	const char *name = cli->argv[0];
	if (lp_cli_open(cli))
		return cli->err.code;
	FILE *f = stdin;
	if (strcmp(name, "-") != 0) {
		f = fopen(name, "rb");
		if (!f)
			return lp_error_set(&cli->err, errno == ENOENT ? LP_ENOENT : LP_EIO,
					    _("cannot open %s: %s"), name, strerror(errno));
	}
	struct lp_holiday_stats st;
	memset(&st, 0, sizeof st);
	int rc = lp_holiday_import(cli->s, f, name, &st, &cli->err);
	if (f != stdin)
		fclose(f);
	if (rc)
		return rc;
	if (cli->json)
		lp_json_print(json_pack("{s:I, s:I, s:I, s:I}", "rows", (json_int_t)st.rows, "added",
					(json_int_t)st.added, "changed", (json_int_t)st.changed,
					"unchanged", (json_int_t)st.unchanged), stdout, false);
	else
		printf(P_("imported %ld day off: %ld added, %ld changed, %ld unchanged\n",
			  "imported %ld days off: %ld added, %ld changed, %ld unchanged\n",
			  (unsigned long)st.rows),
		       st.rows, st.added, st.changed, st.unchanged);
	return LP_OK;
}

struct list_ctx {
	struct lp_table *t;
	json_t *arr;
};

static int holiday_row(const struct lp_holiday *h, void *ud)
{
	struct list_ctx *x = ud;
	if (x->arr)
		return json_array_append_new(x->arr, json_pack("{s:o, s:o, s:o}", "date",
							       lp_json_str(h->date), "name",
							       lp_json_str(h->name), "kind",
							       lp_json_str(h->kind)));
	const char *cells[] = { h->date, h->kind, h->name };
	return lp_table_add(x->t, cells) ? LP_EINTERNAL : 0;
}

/* Prints what a list gathered (table or JSON array); frees both. */
static int list_end(struct lp_cli *cli, struct list_ctx *x, int rc, int fit)
{
	if (!rc) {
		if (x->arr)
			lp_json_print(json_incref(x->arr), stdout, false);
		else
			lp_table_print(x->t, stdout, fit, lp_out_width());
	}
	json_decref(x->arr);
	lp_table_destroy(x->t);
	if (rc && !cli->err.code)
		lp_error_set(&cli->err, rc, _("out of memory"));
	return rc;
}

int lp_cmd_calendar_ls(struct lp_cli *cli)
{
	int64_t year = 0;
	if (lp_cli_opt_int(cli, LP_OPT_YEAR, 1900, 9999, &year))
		return cli->err.code;
	if (lp_cli_open(cli))
		return cli->err.code;
	static const char *const head[] = { "DATE", "KIND", "NAME" };
	struct list_ctx x = { NULL, NULL };
	if (cli->json)
		x.arr = json_array();
	else
		x.t = lp_table_create(3, head);
	if (!x.arr && !x.t)
		return lp_error_set(&cli->err, LP_EINTERNAL, _("out of memory"));
	int rc = lp_holiday_list(cli->s, (int)year, holiday_row, &x, &cli->err);
	return list_end(cli, &x, rc, 2);
}

static int policy_row(const struct lp_sla_policy *p, void *ud)
{
	struct list_ctx *x = ud;
	const char *kind = lp_kind_name(p->kind), *stage = lp_sla_stage_name(p->stage);
	if (x->arr)
		return json_array_append_new(x->arr, json_pack("{s:s, s:s, s:b, s:i, s:b}", "kind",
							       kind, "stage", stage, "field_check",
							       p->field_check, "days", p->days,
							       "working_days", p->working_days));
	char days[16];
	snprintf(days, sizeof days, "%d", p->days);
	const char *cells[] = { kind, stage, p->field_check ? "yes" : "no", days,
				p->working_days ? "working" : "calendar" };
	return lp_table_add(x->t, cells) ? LP_EINTERNAL : 0;
}

int lp_cmd_policy_ls(struct lp_cli *cli)
{
	if (lp_cli_open(cli))
		return cli->err.code;
	static const char *const head[] = { "KIND", "STAGE", "FIELD_CHECK", "DAYS", "COUNTED" };
	struct list_ctx x = { NULL, NULL };
	if (cli->json)
		x.arr = json_array();
	else
		x.t = lp_table_create(5, head);
	if (!x.arr && !x.t)
		return lp_error_set(&cli->err, LP_EINTERNAL, _("out of memory"));
	int rc = lp_store_policy_list(lp_session_store(cli->s), policy_row, &x, &cli->err);
	return list_end(cli, &x, rc, -1);
}

int lp_cmd_policy_set(struct lp_cli *cli)
{
	struct lp_sla_policy p;
	memset(&p, 0, sizeof p);
	int kind = lp_kind_parse(cli->argv[0]);
	int stage = lp_sla_stage_parse(cli->argv[1]);
	char *end = NULL;
	errno = 0;
	long days = strtol(cli->argv[2], &end, 10);
	if (kind < 0)
		return lp_cli_usage_error(cli, _("unknown kind \"%s\""), cli->argv[0]);
	if (stage < 0)
		return lp_cli_usage_error(cli, _("unknown stage \"%s\""), cli->argv[1]);
	if (errno || !end || *end || end == cli->argv[2] || days < 1 || days > 365)
		return lp_cli_usage_error(cli, _("DAYS must be a number from 1 to 365"));
	if (lp_cli_has(cli, LP_OPT_WORKING) && lp_cli_has(cli, LP_OPT_CALENDAR))
		return lp_cli_usage_error(cli, _("--working and --calendar exclude each other"));
	p.kind = (enum lp_kind)kind;
	p.stage = (enum lp_sla_stage)stage;
	p.days = (int)days;
	p.field_check = lp_cli_has(cli, LP_OPT_FIELD_CHECK);
	if (lp_cli_open(cli))
		return cli->err.code;
	/* Without --working or --calendar the days are counted as before. */
	struct lp_sla_policy old;
	struct lp_error ignored;
	bool had = lp_store_policy_get(lp_session_store(cli->s), p.kind, p.stage, p.field_check,
				       &old, &ignored) == LP_OK;
	p.working_days = lp_cli_has(cli, LP_OPT_CALENDAR) ? false :
			 lp_cli_has(cli, LP_OPT_WORKING) || !had ? true : old.working_days;
	int rc = lp_sla_policy_set(cli->s, &p, &cli->err);
	if (rc)
		return rc;
	if (!cli->json)
		/* TRANSLATORS: "policy complaint settlement: 14 working days". */
		printf(P_("policy %s %s%s: %d %s day\n", "policy %s %s%s: %d %s days\n",
			  (unsigned long)p.days), lp_kind_name(p.kind),
		       lp_sla_stage_name(p.stage), p.field_check ? _(" (field check)") : "", p.days,
		       p.working_days ? _("working") : _("calendar"));
	else
		lp_json_print(json_pack("{s:s, s:s, s:b, s:i, s:b}", "kind", lp_kind_name(p.kind),
					"stage", lp_sla_stage_name(p.stage), "field_check",
					p.field_check, "days", p.days, "working_days",
					p.working_days), stdout, false);
	return LP_OK;
}

struct sweep_ctx {
	bool json;
	json_t *arr;
};

static void sweep_item(const struct lp_sweep_item *it, void *ud)
{
	struct sweep_ctx *x = ud;
	char due[40];
	lp_time_rfc3339(it->due_at, due, sizeof due);
	const char *what = it->action == LP_ACTION_ESCALATE ? "escalate" : "close";
	if (x->json) {
		json_array_append_new(x->arr, json_pack("{s:I, s:s, s:o, s:o, s:o, s:s, s:o}",
			"case", (json_int_t)it->case_id, "action", what, "agency",
			lp_json_str(it->agency), "to", lp_json_str(it->to), "due_at",
			lp_json_time(it->due_at), "outcome", it->outcome ? "skipped" : "done",
			"message", lp_json_str(it->message)));
		return;
	}
	char *agency = lp_out_safe(it->agency, false), *to = lp_out_safe(it->to, false);
	char *msg = lp_out_safe(it->message, false);
	if (it->outcome)
		printf("#%lld\t%s\t%s\t%s: %s\n", (long long)it->case_id, what, agency,
		       _("skipped"), msg);
	else if (it->action == LP_ACTION_ESCALATE)
		printf("#%lld\t%s\t%s -> %s\t%s %s\n", (long long)it->case_id, _("escalated"),
		       agency, to, _("due"), due);
	else
		printf("#%lld\t%s\t%s\t%s %s\n", (long long)it->case_id, _("closed"), agency,
		       _("window ended"), due);
	free(agency);
	free(to);
	free(msg);
}

int lp_cmd_sweep(struct lp_cli *cli)
{
	bool dry = lp_cli_has(cli, LP_OPT_DRY_RUN);
	if (lp_cli_open(cli))
		return cli->err.code;
	struct sweep_ctx x = { cli->json, cli->json ? json_array() : NULL };
	if (cli->json && !x.arr)
		return lp_error_set(&cli->err, LP_EINTERNAL, _("out of memory"));
	struct lp_sweep_stats st;
	memset(&st, 0, sizeof st);
	int rc = lp_sweep_report(cli->s, dry, sweep_item, &x, &st, &cli->err);
	if (rc) {
		json_decref(x.arr);
		return rc;
	}
	if (cli->json)
		lp_json_print(json_pack("{s:b, s:o, s:i, s:i, s:i, s:i, s:i, s:o}", "dry_run", dry,
					"cases", x.arr, "escalated", (int)st.escalated, "closed",
					(int)st.closed, "skipped", (int)st.skipped, "at_top",
					(int)st.at_top, "failed", (int)st.failed, "first_error",
					lp_json_str(st.first_error)), stdout, false);
	else
		printf(_("%s%ld escalated, %ld closed, %ld skipped, %ld at the top, %ld failed\n"),
		       dry ? _("dry run: ") : "", st.escalated, st.closed, st.skipped, st.at_top,
		       st.failed);
	return LP_OK;
}

/* ---- stats ---- */

/* The local midnight starting day DATE (+ plus days) in zone tz. */
static int parse_day(struct lp_cli *cli, enum lp_cli_opt o, int plus, int tz, int64_t *out)
{
	int y, m, d;
	if (!lp_cli_has(cli, o))
		return LP_OK;
	if (lp_date_parse(cli->opt[o], &y, &m, &d))
		return lp_cli_usage_error(cli, _("--%s wants a date YYYY-MM-DD, not \"%s\""),
					  lp_cli_opt_name(o), cli->opt[o]);
	*out = lp_local_day_end(lp_days_from_civil(y, m, d) + plus - 1, tz) + 1;
	return LP_OK;
}

struct stats_ctx {
	struct lp_cli *cli;
	struct lp_table *t;
	json_t *arr;
	bool csv;
};

static void dur(int64_t s, char *buf, size_t n)
{
	if (s < 0)
		snprintf(buf, n, "-");
	else
		snprintf(buf, n, "%.1fh", (double)s / 3600.0);
}

#define STATS_COLS 13
static const enum lp_sla_stage measured_stages[3] = { LP_STAGE_VERIFICATION,
						      LP_STAGE_FIRST_RESPONSE,
						      LP_STAGE_SETTLEMENT };

/* The on-time rate of a stage: "87.5%" ("-" when none), in CSV a
 * fraction "0.8750" (empty when none). */
static void ontime_cell(const struct lp_stats_row *r, enum lp_sla_stage st, bool csv, char *buf,
			size_t n)
{
	double v = lp_stats_ontime(r, st);
	if (v < 0)
		snprintf(buf, n, csv ? "" : "-");
	else
		snprintf(buf, n, csv ? "%.4f" : "%.1f%%", csv ? v : v * 100.0);
}

/* {"verification": {"met", "ended", "late", "rate"}, ...} for --json. */
static json_t *ontime_json(const struct lp_stats_row *r)
{
	json_t *o = json_object();
	for (int i = 0; o && i < 3; i++) {
		enum lp_sla_stage st = measured_stages[i];
		double v = lp_stats_ontime(r, st);
		json_t *s = json_pack("{s:I, s:I, s:I}", "met", (json_int_t)r->stage_met[st],
				      "ended", (json_int_t)r->stage_ended[st], "late",
				      (json_int_t)r->stage_late[st]);
		if (s)
			json_object_set_new(s, "rate", v < 0 ? json_null() : json_real(v));
		json_object_set_new(o, lp_sla_stage_name(st), s);
	}
	return o;
}

static int stats_row(const struct lp_stats_row *r, void *ud)
{
	struct stats_ctx *x = ud;
	double avg = lp_stats_rating(r);
	if (x->arr) {
		json_t *o = json_pack("{s:o, s:I, s:I, s:I, s:I, s:I, s:I}", "key", lp_json_str(r->key),
				      "received", (json_int_t)r->received, "closed",
				      (json_int_t)r->closed, "open", (json_int_t)r->open, "overdue",
				      (json_int_t)r->overdue, "responded", (json_int_t)r->responded,
				      "ratings", (json_int_t)r->rating_count);
		json_object_set_new(o, "median_response_seconds", r->median_response < 0 ?
				    json_null() : json_integer(r->median_response));
		json_object_set_new(o, "median_closure_seconds", r->median_closure < 0 ?
				    json_null() : json_integer(r->median_closure));
		json_object_set_new(o, "satisfaction", avg < 0 ? json_null() : json_real(avg));
		json_object_set_new(o, "on_time", ontime_json(r));
		return json_array_append_new(x->arr, o) ? LP_EINTERNAL : 0;
	}
	char n[6][24], mr[24], mc[24], sat[24];
	int64_t v[6] = { r->received, r->closed, r->open, r->overdue, r->responded,
			 r->rating_count };
	for (int i = 0; i < 6; i++)
		snprintf(n[i], sizeof n[i], "%lld", (long long)v[i]);
	if (x->csv) {
		/* Seconds; empty when there is none. */
		snprintf(mr, sizeof mr, "%lld", (long long)r->median_response);
		snprintf(mc, sizeof mc, "%lld", (long long)r->median_closure);
		if (r->median_response < 0)
			mr[0] = '\0';
		if (r->median_closure < 0)
			mc[0] = '\0';
	} else {
		dur(r->median_response, mr, sizeof mr);
		dur(r->median_closure, mc, sizeof mc);
	}
	if (avg < 0)
		snprintf(sat, sizeof sat, x->csv ? "" : "-");
	else
		snprintf(sat, sizeof sat, "%.2f", avg);
	char ot[3][24];
	for (int i = 0; i < 3; i++)
		ontime_cell(r, measured_stages[i], x->csv, ot[i], sizeof ot[i]);
	const char *cells[] = { r->key[0] ? r->key : (x->csv ? "" : "all"), n[0], n[1], n[2], n[3],
				n[4], mr, mc, sat, n[5], ot[0], ot[1], ot[2] };
	if (x->csv) {
		for (int i = 0; i < STATS_COLS; i++)
			lp_csv_field(stdout, cells[i], i == 0);
		lp_csv_end(stdout);
		return 0;
	}
	return lp_table_add(x->t, cells) ? LP_EINTERNAL : 0;
}

int lp_cmd_stats(struct lp_cli *cli)
{
	static const char *const head[] = { "GROUP", "RECEIVED", "CLOSED", "OPEN", "OVERDUE",
					    "RESPONDED", "MEDIAN_RESPONSE", "MEDIAN_CLOSURE",
					    "SATISFACTION", "RATINGS", "ONTIME_VERIFICATION",
					    "ONTIME_FIRST_RESPONSE", "ONTIME_SETTLEMENT" };
	struct lp_stats_opts o = { cli->opt[LP_OPT_AGENCY], 0, 0, LP_STATS_BY_NONE };
	const char *by = cli->opt[LP_OPT_BY];
	if (by && strcmp(by, "agency") == 0)
		o.by = LP_STATS_BY_AGENCY;
	else if (by && strcmp(by, "officer") == 0)
		o.by = LP_STATS_BY_OFFICER;
	else if (by && strcmp(by, "category") == 0)
		o.by = LP_STATS_BY_CATEGORY;
	else if (by)
		return lp_cli_usage_error(cli, _("--by wants agency, officer or category"));
	if (cli->json && lp_cli_has(cli, LP_OPT_CSV))
		return lp_cli_usage_error(cli, _("--json and --csv exclude each other"));
	if (lp_cli_open(cli))
		return cli->err.code;
	const struct lp_agency *a = lp_session_agency(cli->s);
	int tz = a ? a->tz_minutes : 420;
	if (parse_day(cli, LP_OPT_FROM, 0, tz, &o.from) || parse_day(cli, LP_OPT_TO, 1, tz, &o.to))
		return cli->err.code;
	struct stats_ctx x = { cli, NULL, NULL, lp_cli_has(cli, LP_OPT_CSV) };
	if (cli->json)
		x.arr = json_array();
	else if (!x.csv)
		x.t = lp_table_create(STATS_COLS, head);
	if (!x.arr && !x.t && !x.csv)
		return lp_error_set(&cli->err, LP_EINTERNAL, _("out of memory"));
	if (x.csv) {
		for (int i = 0; i < STATS_COLS; i++)
			lp_csv_field(stdout, head[i], i == 0);
		lp_csv_end(stdout);
	}
	int rc = lp_stats(cli->s, &o, stats_row, &x, &cli->err);
	if (x.csv)
		return rc;
	struct list_ctx l = { x.t, x.arr };
	return list_end(cli, &l, rc, -1);
}
