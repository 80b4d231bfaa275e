/* cmd_read.c: ls, show, log and export: reading cases as the acting
 * officer may see them (core scopes and masks; this file prints). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases.h"
#include "commands.h"
#include "find.h"
#include "i18n.h"
#include "output.h"
#include "timefmt.h"

static int parse_statuses(struct lp_cli *cli, const char *list, unsigned *mask)
{
	char *copy = strdup(list), *save = NULL;
	if (!copy)
		return lp_error_set(&cli->err, LP_EINTERNAL, _("out of memory"));
	*mask = 0;
	for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		int st = lp_status_parse(tok);
		if (st < 0) {
			lp_cli_usage_error(cli, _("unknown status \"%s\"; statuses: new, postponed, "
						  "assigned, in_progress, responded, closed, archived"),
					   tok);
			free(copy);
			return LP_EUSAGE;
		}
		*mask |= 1u << st;
	}
	free(copy);
	return LP_OK;
}

#define LS_BATCH 1000 /* rows per printed batch */
#define LS_COLS 7     /* ID STATUS AGENCY ASSIGNEE DUE VER TITLE; the title is fitted */

struct ls_state {
	struct lp_cli *cli;
	struct lp_table *table;
	bool first;
	int rc;
};

static json_t *ls_json(const struct lp_case *c)
{
	json_t *j = lp_case_json(c);
	/* ls keeps to the list fields; the body and reporter are for show. */
	if (j) {
		json_object_del(j, "body");
		json_object_del(j, "reporter");
	}
	return j;
}

static int ls_row(const struct lp_case *c, void *ud)
{
	struct ls_state *st = ud;
	if (st->cli->json) {
		fputs(st->first ? "[\n" : ",\n", stdout);
		st->first = false;
		json_t *j = ls_json(c);
		char *s = j ? json_dumps(j, JSON_ENSURE_ASCII | JSON_COMPACT) : NULL;
		json_decref(j);
		if (!s)
			return st->rc = lp_error_set(&st->cli->err, LP_EINTERNAL, _("out of memory"));
		fputs(s, stdout);
		free(s);
		return 0;
	}
	char id[24], ver[24], due[64];
	snprintf(id, sizeof id, "%lld", (long long)c->id);
	snprintf(ver, sizeof ver, "%lld", (long long)c->version);
	if (c->due_at) {
		/* The day, in the agency's zone: deadlines end at 23:59 local. */
		lp_time_local(c->due_at, lp_out_tz(st->cli->s, c->agency), due, sizeof due);
		char *sp = strchr(due, ' ');
		if (sp)
			*sp = '\0';
	}
	const char *cells[] = {
		id, lp_status_name(c->status), c->agency,
		c->assignee[0] ? c->assignee : "-", c->due_at ? due : "-", ver,
		c->title ? c->title : _("(confidential)"),
	};
	if (lp_table_add(st->table, cells) < 0)
		return st->rc = lp_error_set(&st->cli->err, LP_EINTERNAL, _("out of memory"));
	/* A long listing goes out in batches: memory stays bounded. */
	if (lp_table_rows(st->table) >= LS_BATCH)
		lp_table_print(st->table, stdout, LS_COLS - 1, lp_out_width());
	return 0;
}

int lp_cmd_ls(struct lp_cli *cli)
{
	struct lp_list_opts o;
	lp_list_opts_init(&o);
	o.limit = 50;
	int64_t v = 0;
	if (lp_cli_has(cli, LP_OPT_STATUS) &&
	    parse_statuses(cli, cli->opt[LP_OPT_STATUS], &o.status_mask))
		return cli->err.code;
	o.agency = cli->opt[LP_OPT_AGENCY];
	o.under = cli->opt[LP_OPT_UNDER];
	if (lp_cli_has(cli, LP_OPT_ASSIGNEE)) {
		const char *a = cli->opt[LP_OPT_ASSIGNEE];
		o.assignee = strcmp(a, "none") == 0 ? "" : a;
	}
	if (lp_cli_has(cli, LP_OPT_KIND)) {
		o.kind = lp_kind_parse(cli->opt[LP_OPT_KIND]);
		if (o.kind < 0)
			return lp_cli_usage_error(cli, _("unknown kind \"%s\"; kinds: complaint, "
							 "aspiration, information_request"),
						  cli->opt[LP_OPT_KIND]);
	}
	v = o.limit;
	if (lp_cli_opt_int(cli, LP_OPT_LIMIT, 0, 1000000000, &v))
		return LP_EUSAGE;
	o.limit = (int)v;
	if (lp_cli_has(cli, LP_OPT_AFTER)) {
		if (lp_cli_parse_id(cli, cli->opt[LP_OPT_AFTER], "--after", &o.after_id))
			return LP_EUSAGE;
		o.has_after = true;
		o.after_key = o.after_id;
	}
	static const char *const head[LS_COLS] = { N_("ID"), N_("STATUS"), N_("AGENCY"),
						   N_("ASSIGNEE"), N_("DUE"), N_("VER"),
						   N_("TITLE") };
	const char *h[LS_COLS];
	for (int i = 0; i < LS_COLS; i++)
		h[i] = _(head[i]);
	struct ls_state st = { .cli = cli, .first = true };
	struct lp_query *q = NULL;
	if (lp_find_args_query(cli, 0, &q))
		return cli->err.code;
	if (lp_cli_open(cli) ||
	    (!cli->json && !(st.table = lp_table_create(LS_COLS, h)) &&
	     lp_error_set(&cli->err, LP_EINTERNAL, _("out of memory")))) {
		lp_query_destroy(q);
		return cli->err.code;
	}
	int rc = q ? lp_cases_query(cli->s, &o, q, ls_row, &st, &cli->err) :
		     lp_cases_list(cli->s, &o, ls_row, &st, &cli->err);
	lp_query_destroy(q);
	if (st.rc)
		rc = st.rc;
	if (rc == LP_OK) {
		if (cli->json)
			fputs(st.first ? "[]\n" : "\n]\n", stdout);
		else
			lp_table_print(st.table, stdout, LS_COLS - 1, lp_out_width());
	} else if (cli->json && !st.first) {
		fputs("\n]\n", stdout);
	}
	lp_table_destroy(st.table);
	return rc;
}

struct events_state {
	struct lp_cli *cli;
	const struct lp_case *c;
	json_t *array;
	int tz;
};

static int event_row(const struct lp_event *e, void *ud)
{
	struct events_state *st = ud;
	if (st->array)
		json_array_append_new(st->array, lp_event_json(e));
	else
		lp_event_print(e, st->c, st->tz, stdout);
	return 0;
}

/* show (with_case) and log: the case's events, after the case for show. */
static int show_case(struct lp_cli *cli, bool with_case)
{
	int64_t id;
	if (lp_cli_parse_id(cli, cli->argv[0], _("the case"), &id))
		return LP_EUSAGE;
	if (lp_cli_open(cli))
		return cli->err.code;
	struct lp_case c;
	memset(&c, 0, sizeof c);
	int rc = lp_case_get(cli->s, id, &c, &cli->err);
	if (rc)
		return rc;
	struct events_state st = { .cli = cli, .c = &c, .tz = lp_out_tz(cli->s, c.agency) };
	if (cli->json)
		st.array = json_array();
	if (!cli->json && with_case) {
		lp_case_print(cli->s, &c, stdout);
		printf("\n%s\n", _("History:"));
	}
	rc = lp_case_events(cli->s, id, event_row, &st, &cli->err);
	if (rc == LP_OK && cli->json) {
		if (with_case) {
			json_t *j = lp_case_json(&c);
			json_object_set_new(j, "events", st.array);
			lp_json_print(j, stdout, true);
		} else {
			lp_json_print(st.array, stdout, true);
		}
	} else {
		json_decref(st.array);
	}
	lp_case_clear(&c);
	return rc;
}

int lp_cmd_show(struct lp_cli *cli)
{
	return show_case(cli, true);
}

int lp_cmd_log(struct lp_cli *cli)
{
	return show_case(cli, false);
}

struct export_state {
	bool csv;
	int64_t n;
};

static int export_row(const struct lp_case *c, void *ud)
{
	struct export_state *st = ud;
	if (st->csv)
		lp_case_csv_row(c, stdout);
	else
		lp_json_print(lp_case_json(c), stdout, false);
	st->n++;
	return ferror(stdout) ? LP_EIO : 0;
}

int lp_cmd_export(struct lp_cli *cli)
{
	const char *fmt = lp_cli_has(cli, LP_OPT_FORMAT) ? cli->opt[LP_OPT_FORMAT] : "jsonl";
	struct export_state st = { 0 };
	if (strcmp(fmt, "csv") == 0)
		st.csv = true;
	else if (strcmp(fmt, "jsonl") != 0)
		return lp_cli_usage_error(cli, _("unknown format \"%s\"; formats: jsonl, csv"), fmt);
	struct lp_query *q = NULL;
	if (lp_find_args_query(cli, 0, &q))
		return cli->err.code;
	if (lp_cli_open(cli)) {
		lp_query_destroy(q);
		return cli->err.code;
	}
	struct lp_list_opts o;
	lp_list_opts_init(&o);
	if (st.csv)
		lp_case_csv_header(stdout);
	int rc = q ? lp_cases_query(cli->s, &o, q, export_row, &st, &cli->err) :
		     lp_cases_list(cli->s, &o, export_row, &st, &cli->err);
	lp_query_destroy(q);
	if (rc == LP_EIO && cli->err.code == LP_OK)
		lp_error_set(&cli->err, LP_EIO, _("cannot write the export"));
	return rc;
}
