/* cmd_migrate.c: lapor migrate --from PATH --to URI [--force]: copies a
 * database (SQLite) into another (PostgreSQL) with core's lp_migrate(). */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "i18n.h"
#include "migrate.h"
#include "output.h"
#include "store.h"

/* count(BUF, FMT, N): FMT (a plural form holding one %lld) with N,
 * written into BUF (an array of the caller's); yields BUF. */
#define count(buf, fmt, n) (snprintf(buf, sizeof buf, fmt, (long long)(n)), (const char *)buf)

int lp_cmd_migrate(struct lp_cli *cli)
{
	const char *from = cli->opt[LP_OPT_FROM], *to = cli->opt[LP_OPT_TO];
	if (!from || !*from || !to || !*to)
		return lp_cli_usage_error(cli, _("migrate needs --from PATH and --to URI"));
	if (strcmp(from, to) == 0)
		return lp_cli_usage_error(cli, _("--from and --to name the same database"));
	struct lp_store *src = NULL, *dst = NULL;
	int rc = lp_store_open(from, LP_STORE_READONLY, &src, &cli->err);
	/* The target gets the current schema (like lapor init, without an admin:
	 * the copied officers come with their roles). */
	if (rc == LP_OK)
		rc = lp_store_open(to, LP_STORE_CREATE, &dst, &cli->err);
	if (rc == LP_OK)
		rc = lp_store_migrate(dst, NULL, NULL, &cli->err);
	struct lp_migrate_opts o = { .force = lp_cli_has(cli, LP_OPT_FORCE) };
	struct lp_migrate_stats st;
	memset(&st, 0, sizeof st);
	if (rc == LP_OK)
		rc = lp_migrate(src, dst, &o, &st, &cli->err);
	lp_store_close(dst);
	lp_store_close(src);
	if (rc)
		return rc;
	if (cli->json) {
		lp_json_print(json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}",
					"agencies", (json_int_t)st.agencies,
					"officers", (json_int_t)st.officers,
					"holidays", (json_int_t)st.holidays,
					"policies", (json_int_t)st.policies,
					"settings", (json_int_t)st.settings,
					"cases", (json_int_t)st.cases,
					"events", (json_int_t)st.events,
					"drafts", (json_int_t)st.drafts,
					"queues", (json_int_t)st.queues,
					"verified_cases", (json_int_t)st.chains,
					"verified_events", (json_int_t)st.chain_events),
			      stdout, false);
		return LP_OK;
	}
	char a[48], b[48], c[48], d[48], e[48];
	/* TRANSLATORS: "copied 597 agencies, 18 officers, 0 holidays, ..." */
	printf(_("copied %s, %s, %s, %s, %s\n"),
	       count(a, P_("%lld agency", "%lld agencies", (unsigned long)st.agencies), st.agencies),
	       count(b, P_("%lld officer", "%lld officers", (unsigned long)st.officers), st.officers),
	       count(c, P_("%lld holiday", "%lld holidays", (unsigned long)st.holidays), st.holidays),
	       count(d, P_("%lld policy", "%lld policies", (unsigned long)st.policies), st.policies),
	       count(e, P_("%lld setting", "%lld settings", (unsigned long)st.settings), st.settings));
	printf(_("copied %s, %s, %s, %s\n"),
	       count(a, P_("%lld case", "%lld cases", (unsigned long)st.cases), st.cases),
	       count(b, P_("%lld event", "%lld events", (unsigned long)st.events), st.events),
	       count(c, P_("%lld draft", "%lld drafts", (unsigned long)st.drafts), st.drafts),
	       count(d, P_("%lld saved queue", "%lld saved queues", (unsigned long)st.queues),
		     st.queues));
	printf(_("audit ok on the target: %s, %s checked\n"),
	       count(a, P_("%lld case", "%lld cases", (unsigned long)st.chains), st.chains),
	       count(b, P_("%lld event", "%lld events", (unsigned long)st.chain_events),
		     st.chain_events));
	return LP_OK;
}
