/* cmd_find.c: finding cases from the command line: the query words of
 * ls and export, search, saved queues and the dashboard.  Core scopes,
 * masks and ranks (core/find.h); this file prints. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "find.h"
#include "i18n.h"
#include "output.h"
#include "safetext.h"
#include "session.h"
#include "sla.h"
#include "timefmt.h"

int lp_find_args_query(struct lp_cli *cli, int from, struct lp_query **out)
{
	*out = NULL;
	size_t n = 1;
	for (int i = from; i < cli->argc; i++)
		n += strlen(cli->argv[i]) + 1;
	char *text = calloc(1, n);
	if (!text)
		return lp_error_set(&cli->err, LP_EINTERNAL, _("out of memory"));
	for (int i = from; i < cli->argc; i++) {
		if (i > from)
			strcat(text, " ");
		strcat(text, cli->argv[i]);
	}
	int rc = LP_OK;
	if (*text)
		rc = lp_query_parse(text, out, &cli->err);
	free(text);
	return rc;
}

/* ---- search ---- */

struct search_state {
	struct lp_cli *cli;
	json_t *array;
	bool bold;
	int n;
};

/* The snippet with its markers as bold (terminal) or [brackets]. */
static void print_snippet(const char *s, bool bold)
{
	for (; *s; s++) {
		if (*s == LP_HL_ON[0])
			fputs(bold ? "\033[1m" : "[", stdout);
		else if (*s == LP_HL_OFF[0])
			fputs(bold ? "\033[0m" : "]", stdout);
		else
			putchar(*s);
	}
}

/* The snippet without markers, and the [start, end) byte ranges they held. */
static json_t *snippet_json(const char *s, json_t **ranges)
{
	size_t n = strlen(s), o = 0, start = 0;
	char *plain = malloc(n + 1);
	*ranges = json_array();
	if (!plain || !*ranges) {
		free(plain);
		return json_null();
	}
	for (size_t i = 0; i < n; i++) {
		if (s[i] == LP_HL_ON[0]) {
			start = o;
		} else if (s[i] == LP_HL_OFF[0]) {
			json_array_append_new(*ranges, json_pack("[II]", (json_int_t)start,
								 (json_int_t)o));
		} else {
			plain[o++] = s[i];
		}
	}
	plain[o] = '\0';
	json_t *j = lp_json_str(plain);
	free(plain);
	return j;
}

static int search_hit(const struct lp_find_hit *h, void *ud)
{
	struct search_state *st = ud;
	const struct lp_case *c = h->c;
	st->n++;
	if (st->array) {
		json_t *ranges = NULL;
		json_t *snip = h->snippet ? snippet_json(h->snippet, &ranges) : json_null();
		json_t *j = json_pack("{sI s:o s:s s:s s:o s:f s:s s:I s:o s:o}",
				      "id", (json_int_t)c->id, "tracking_id",
				      lp_json_str(c->tracking_id), "status",
				      lp_status_name(c->status), "agency", c->agency,
				      "title", lp_json_str(c->title), "rank", h->rank,
				      "where", h->where, "seq", (json_int_t)h->seq,
				      "snippet", snip, "highlights",
				      ranges ? ranges : json_array());
		if (!j || json_array_append_new(st->array, j))
			return lp_error_set(&st->cli->err, LP_EINTERNAL, _("out of memory"));
		return 0;
	}
	char *title = lp_out_safe(c->title ? c->title : _("(confidential)"), false);
	char *agency = lp_out_safe(c->agency, false);
	printf("%lld  %s  %s  %s\n", (long long)c->id, lp_status_name(c->status), agency, title);
	free(title);
	free(agency);
	if (h->snippet) {
		printf("    %s: ", h->where);
		print_snippet(h->snippet, st->bold); /* already safe: core cleaned it */
		putchar('\n');
	}
	return ferror(stdout) ? lp_error_set(&st->cli->err, LP_EIO, _("cannot write")) : 0;
}

int lp_cmd_search(struct lp_cli *cli)
{
	int64_t limit = 20;
	if (lp_cli_opt_int(cli, LP_OPT_LIMIT, 1, 1000, &limit))
		return LP_EUSAGE;
	size_t n = 1;
	for (int i = 0; i < cli->argc; i++)
		n += strlen(cli->argv[i]) + 1;
	char *text = calloc(1, n);
	if (!text)
		return lp_error_set(&cli->err, LP_EINTERNAL, _("out of memory"));
	for (int i = 0; i < cli->argc; i++) {
		if (i)
			strcat(text, " ");
		strcat(text, cli->argv[i]);
	}
	int rc = lp_cli_open(cli);
	if (rc) {
		free(text);
		return cli->err.code;
	}
	struct search_state st = { .cli = cli, .bold = cli->tty && !getenv("NO_COLOR") };
	if (cli->json)
		st.array = json_array();
	rc = lp_search(cli->s, text, (int)limit, search_hit, &st, &cli->err);
	free(text);
	if (rc == LP_OK && st.array)
		lp_json_print(st.array, stdout, true);
	else
		json_decref(st.array);
	if (rc == LP_OK && !cli->json && st.n == 0)
		fprintf(stderr, "%s\n", _("lapor: nothing found"));
	return rc;
}

/* ---- saved queues ---- */

/* --agency CODE: an agency-wide queue, CODE being the officer's agency. */
static int queue_scope(struct lp_cli *cli, bool *agency_wide)
{
	*agency_wide = lp_cli_has(cli, LP_OPT_AGENCY);
	if (!*agency_wide)
		return LP_OK;
	const struct lp_officer *o = lp_session_officer(cli->s);
	if (o && strcmp(cli->opt[LP_OPT_AGENCY], o->agency) != 0)
		return lp_error_set(&cli->err, LP_EPERM,
				    _("agency-wide queues are kept for your own agency (%s)"),
				    o->agency);
	return LP_OK;
}

int lp_cmd_queue_save(struct lp_cli *cli)
{
	bool wide;
	struct lp_query *q = NULL;
	if (lp_find_args_query(cli, 1, &q))
		return cli->err.code;
	char *text = lp_query_to_string(q);
	lp_query_destroy(q);
	if (!text)
		return lp_error_set(&cli->err, LP_EINTERNAL, _("out of memory"));
	int rc = lp_cli_open(cli) ? cli->err.code : queue_scope(cli, &wide);
	if (!rc)
		rc = lp_queue_save(cli->s, cli->argv[0], text, wide, &cli->err);
	if (!rc && !cli->json) {
		char *name = lp_out_safe(cli->argv[0], false);
		printf(_("saved queue \"%s\": %s\n"), name, text);
		free(name);
	}
	free(text);
	return rc;
}

int lp_cmd_queue_rm(struct lp_cli *cli)
{
	bool wide;
	int rc = lp_cli_open(cli) ? cli->err.code : queue_scope(cli, &wide);
	if (!rc)
		rc = lp_queue_delete(cli->s, cli->argv[0], wide, &cli->err);
	return rc;
}

struct queue_state {
	struct lp_cli *cli;
	struct lp_table *table;
	json_t *array;
};

static int queue_row(const struct lp_saved_queue *q, int64_t count, void *ud)
{
	struct queue_state *st = ud;
	char n[24];
	bool more = count >= LP_QUEUE_COUNT_CAP;
	snprintf(n, sizeof n, "%lld%s", (long long)count, more ? "+" : "");
	if (st->array) {
		json_t *j = json_pack("{s:o s:s s:s s:o s:o s:b}", "name", lp_json_str(q->name),
				      "scope", q->agency[0] ? "agency" : "personal", "agency",
				      q->agency, "query", lp_json_str(q->query), "count",
				      count >= 0 ? json_integer(count) : json_null(), "more",
				      more);
		return !j || json_array_append_new(st->array, j) ? -1 : 0;
	}
	const char *cells[] = { q->name, q->agency[0] ? q->agency : _("personal"),
				count >= 0 ? n : "?", q->query };
	return lp_table_add(st->table, cells) < 0 ? -1 : 0;
}

int lp_cmd_queue_ls(struct lp_cli *cli)
{
	const char *head[] = { _("NAME"), _("FOR"), _("CASES"), _("QUERY") };
	struct queue_state st = { .cli = cli };
	if (lp_cli_open(cli))
		return cli->err.code;
	if (cli->json)
		st.array = json_array();
	else if (!(st.table = lp_table_create(4, head)))
		return lp_error_set(&cli->err, LP_EINTERNAL, _("out of memory"));
	int rc = lp_queue_list(cli->s, true, queue_row, &st, &cli->err);
	if (rc < 0)
		rc = lp_error_set(&cli->err, LP_EINTERNAL, _("out of memory"));
	if (!rc && st.array)
		lp_json_print(st.array, stdout, true);
	else
		json_decref(st.array);
	if (!rc && st.table)
		lp_table_print(st.table, stdout, 3, lp_out_width());
	lp_table_destroy(st.table);
	return rc;
}

/* ---- dashboard ---- */

static json_t *row_json(const struct lp_dash_row *r, const char *key)
{
	return json_pack("{s:o s:o s:I s:I s:I}", key, lp_json_str(r->key), "name",
			 lp_json_str(r->name), "open", (json_int_t)r->open, "due_soon",
			 (json_int_t)r->due_soon, "overdue", (json_int_t)r->overdue);
}

static void day_text(int64_t day, char *buf, size_t n)
{
	int y, m, d;
	lp_civil_from_days(day, &y, &m, &d);
	snprintf(buf, n, "%04d-%02d-%02d", y, m, d);
}

static json_t *dash_json(const struct lp_dashboard *d)
{
	json_t *ag = json_array(), *of = json_array(), *days = json_array(), *hot = json_array();
	for (int i = 0; i < d->n_agency; i++)
		json_array_append_new(ag, row_json(&d->by_agency[i], "agency"));
	for (int i = 0; i < d->n_officer; i++)
		json_array_append_new(of, row_json(&d->by_officer[i], "login"));
	for (int i = 0; i < LP_DASH_DAYS; i++) {
		char date[16];
		day_text(d->first_day + i, date, sizeof date);
		json_array_append_new(days, json_pack("{s:s s:I s:I}", "date", date, "received",
						      (json_int_t)d->received[i], "closed",
						      (json_int_t)d->closed[i]));
	}
	for (int i = 0; i < d->n_hot; i++)
		json_array_append_new(hot, json_pack("{s:o s:I s:I}", "word",
						     lp_json_str(d->hot[i].word), "this_week",
						     (json_int_t)d->hot[i].this_week, "last_week",
						     (json_int_t)d->hot[i].last_week));
	json_t *rate = d->measured ? json_real((double)d->on_time / (double)d->measured) :
				     json_null();
	return json_pack("{s:s s:o s:o s:{s:I s:I s:o} s:o s:o s:o s:o}", "agency", d->agency,
			 "now", lp_json_time(d->now), "total", row_json(&d->total, "agency"),
			 "on_time", "measured", (json_int_t)d->measured, "on_time",
			 (json_int_t)d->on_time, "rate", rate, "by_agency", ag, "by_officer", of,
			 "days", days, "hot", hot);
}

#define DASH_TOP 15
#define BAR_WIDTH 30

static void print_rows(const char *title, const struct lp_dash_row *v, int n)
{
	printf("\n%s\n%-44s %8s %9s %8s\n", title, "", _("OPEN"), _("DUE SOON"), _("OVERDUE"));
	for (int i = 0; i < n && i < DASH_TOP; i++) {
		char label[LP_LOGIN_MAX + LP_NAME_MAX + 4], fit[200];
		snprintf(label, sizeof label, "%s %s", v[i].key, v[i].name);
		char *safe = lp_out_safe(label, false);
		size_t w = lp_text_fit(safe, 44, fit, sizeof fit);
		printf("%s%*s %8lld %9lld %8lld\n", fit, (int)(44 - w), "", (long long)v[i].open,
		       (long long)v[i].due_soon, (long long)v[i].overdue);
		free(safe);
	}
	if (n > DASH_TOP)
		printf(_("... and %d more (--json lists all)\n"), n - DASH_TOP);
}

static void bar(int64_t v, int64_t max)
{
	int w = max ? (int)((v * BAR_WIDTH + max - 1) / max) : 0;
	for (int i = 0; i < BAR_WIDTH; i++)
		putchar(i < w ? '#' : ' ');
}

static void dash_text(const struct lp_dashboard *d)
{
	char when[64];
	lp_time_local(d->now, d->tz_minutes, when, sizeof when);
	char *name = lp_out_safe(d->total.name, false);
	printf(_("Dashboard of %s (%s and below), %s\n"), name, d->agency, when);
	free(name);
	printf(_("Open %lld, due within %d hours %lld, overdue %lld\n"), (long long)d->total.open,
	       LP_DASH_SOON_HOURS, (long long)d->total.due_soon, (long long)d->total.overdue);
	if (d->measured)
		printf(P_("On time (last %d days): %.1f%% of %lld answer or closing\n",
			  "On time (last %d days): %.1f%% of %lld answers and closings\n",
			  (unsigned long)d->measured),
		       LP_DASH_DAYS, 100.0 * (double)d->on_time / (double)d->measured,
		       (long long)d->measured);
	else
		printf(_("On time (last %d days): nothing measured yet\n"), LP_DASH_DAYS);
	print_rows(_("By agency"), d->by_agency, d->n_agency);
	print_rows(_("By officer"), d->by_officer, d->n_officer);
	int64_t max = 1;
	for (int i = 0; i < LP_DASH_DAYS; i++) {
		if (d->received[i] > max)
			max = d->received[i];
		if (d->closed[i] > max)
			max = d->closed[i];
	}
	printf("\n%s\n", _("Received (R) and closed (C) per day"));
	for (int i = 0; i < LP_DASH_DAYS; i++) {
		char date[16];
		day_text(d->first_day + i, date, sizeof date);
		printf("%s R ", date + 5);
		bar(d->received[i], max);
		printf(" %6lld  C ", (long long)d->received[i]);
		bar(d->closed[i], max);
		printf(" %6lld\n", (long long)d->closed[i]);
	}
	printf("\n%s\n", _("Hot issues (cases this week, last week)"));
	if (!d->n_hot)
		printf("%s\n", _("(none rising)"));
	for (int i = 0; i < d->n_hot; i++) {
		char *w = lp_out_safe(d->hot[i].word, false);
		printf("  %-24s %6lld %6lld\n", w, (long long)d->hot[i].this_week,
		       (long long)d->hot[i].last_week);
		free(w);
	}
}

int lp_cmd_dashboard(struct lp_cli *cli)
{
	struct lp_dashboard *d = NULL;
	if (lp_cli_open(cli))
		return cli->err.code;
	int rc = lp_dashboard_build(cli->s, &d, &cli->err);
	if (rc)
		return rc;
	if (cli->json)
		lp_json_print(dash_json(d), stdout, true);
	else
		dash_text(d);
	lp_dashboard_destroy(d);
	return ferror(stdout) ? lp_error_set(&cli->err, LP_EIO, _("cannot write")) : LP_OK;
}
