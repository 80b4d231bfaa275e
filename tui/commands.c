/* commands.c: the table of subcommands.  One entry per command. */
#include "commands.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"

#define ACT_OPTS "if-version "

const struct lp_cmd lp_commands[] = {
	{ "help", "[COMMAND]", N_("show the commands, or one command's usage"),
	  "", 0, 2, LP_CMD_NO_SESSION, lp_cmd_help },
	{ "init", "[--no-admin]", N_("create or upgrade the database; its creator becomes admin"),
	  "no-admin", 0, 0, LP_CMD_NO_SESSION, lp_cmd_init },
	{ "demo", "[--cases N] [--seed S] [--role ROLE] [--agency CODE]",
	  N_("create a demonstration database with officers and cases"),
	  "cases seed role agency", 0, 0, LP_CMD_NO_SESSION, lp_cmd_demo },
	{ "agency ls", "[--under CODE] [--tree]", N_("list agencies"),
	  "under tree", 0, 0, LP_CMD_ANYONE, lp_cmd_agency_ls },
	{ "officer add", "LOGIN --name NAME --agency CODE --role ROLE",
	  N_("register or update an officer"),
	  "name agency role", 1, 1, LP_CMD_ANYONE, lp_cmd_officer_add },
	{ "officer ls", "[--under CODE]", N_("list officers"),
	  "under", 0, 0, LP_CMD_OFFICER, lp_cmd_officer_ls },
	{ "import", "FILE|-", N_("import reports and citizen messages (JSON Lines)"),
	  "", 1, 1, LP_CMD_ANYONE, lp_cmd_import },

	{ "verify", "ID --agency CODE [--if-version N]",
	  N_("verify a new report and route it to an agency"),
	  ACT_OPTS "agency", 1, 1, LP_CMD_OFFICER, lp_cmd_act },
	{ "postpone", "ID -m TEXT [--if-version N]", N_("ask the citizen for more and wait"),
	  ACT_OPTS "message file", 1, 1, LP_CMD_OFFICER, lp_cmd_act },
	{ "archive", "ID --reason REASON [-m TEXT] [--if-version N]",
	  N_("archive a report that will not be handled"),
	  ACT_OPTS "reason message file", 1, 1, LP_CMD_OFFICER, lp_cmd_act },
	{ "claim", "ID [--if-version N]", N_("take a case to work on yourself"),
	  ACT_OPTS, 1, 1, LP_CMD_OFFICER, lp_cmd_act },
	{ "assign", "ID --to LOGIN [--if-version N]", N_("give a case to an officer"),
	  ACT_OPTS "to", 1, 1, LP_CMD_OFFICER, lp_cmd_act },
	{ "reply", "ID (-m TEXT | -F FILE) [--if-version N]", N_("answer the citizen publicly"),
	  ACT_OPTS "message file", 1, 1, LP_CMD_OFFICER, lp_cmd_act },
	{ "note", "ID (-m TEXT | -F FILE) [--if-version N]", N_("add an internal note"),
	  ACT_OPTS "message file", 1, 1, LP_CMD_OFFICER, lp_cmd_act },
	{ "transfer", "ID (--agency CODE | --retriage) -m REASON [--if-version N]",
	  N_("send a case to another agency or back to triage"),
	  ACT_OPTS "agency retriage message file", 1, 1, LP_CMD_OFFICER, lp_cmd_act },
	{ "escalate", "ID -m REASON [--if-version N]", N_("raise a case to the parent agency"),
	  ACT_OPTS "message file", 1, 1, LP_CMD_OFFICER, lp_cmd_act },
	{ "extend", "ID --days N -m REASON [--if-version N]",
	  N_("extend the deadline once, with a reason"),
	  ACT_OPTS "days message file", 1, 1, LP_CMD_OFFICER, lp_cmd_act },
	{ "close", "ID --resolution RESOLUTION [-m TEXT] [--if-version N]",
	  N_("close a case with a resolution"),
	  ACT_OPTS "resolution message file", 1, 1, LP_CMD_OFFICER, lp_cmd_act },
	{ "reopen", "ID -m REASON [--if-version N]", N_("reopen a closed case"),
	  ACT_OPTS "message file", 1, 1, LP_CMD_OFFICER, lp_cmd_act },
	{ "merge", "ID --into ID [-m TEXT] [--if-version N]",
	  N_("archive a duplicate, linked to the kept case"),
	  ACT_OPTS "into message file", 1, 1, LP_CMD_OFFICER, lp_cmd_act },

	{ "ls", "[--status S[,S]] [--agency CODE] [--under CODE] [--assignee LOGIN|me|none] "
		"[--kind KIND] [--limit N] [--after ID] [QUERY...]",
	  N_("list the cases you may see (QUERY: see lapor-query(7))"),
	  "status agency under assignee kind limit after", 0, 256, LP_CMD_OFFICER, lp_cmd_ls },
	{ "show", "ID", N_("show a case and its history"),
	  "", 1, 1, LP_CMD_OFFICER, lp_cmd_show },
	{ "log", "ID", N_("show a case's events"),
	  "", 1, 1, LP_CMD_OFFICER, lp_cmd_log },
	{ "export", "[--format jsonl|csv] [QUERY...]",
	  N_("write every case you may see (that matches QUERY), masked"),
	  "format", 0, 256, LP_CMD_OFFICER, lp_cmd_export },
	{ "search", "TEXT... [--limit N]",
	  N_("full-text search of titles, bodies, replies and notes, best first"),
	  "limit", 1, 256, LP_CMD_OFFICER, lp_cmd_search },
	{ "queue save", "NAME QUERY... [--agency CODE]",
	  N_("save a named query (for your whole agency with --agency)"),
	  "agency", 2, 257, LP_CMD_OFFICER, lp_cmd_queue_save },
	{ "queue ls", "", N_("list your saved queues and your agency's, with counts"),
	  "", 0, 0, LP_CMD_OFFICER, lp_cmd_queue_ls },
	{ "queue rm", "NAME [--agency CODE]", N_("delete a saved queue"),
	  "agency", 1, 1, LP_CMD_OFFICER, lp_cmd_queue_rm },
	{ "dashboard", "", N_("open, due and overdue cases, on-time rate, trends, hot issues"),
	  "", 0, 0, LP_CMD_OFFICER, lp_cmd_dashboard },
	{ "calendar import", "FILE|-", N_("import days off (CSV: date,name,kind); admins only"),
	  "", 1, 1, LP_CMD_ANYONE, lp_cmd_calendar_import },
	{ "calendar ls", "[--year Y] [--json]", N_("list the days off of the working-day calendar"),
	  "year", 0, 0, LP_CMD_ANYONE, lp_cmd_calendar_ls },
	{ "policy ls", "[--json]", N_("list the SLA policies (days per kind and stage)"),
	  "", 0, 0, LP_CMD_ANYONE, lp_cmd_policy_ls },
	{ "policy set", "KIND STAGE DAYS [--working|--calendar] [--field-check]",
	  N_("set how long a stage may take for a kind of case; admins only"),
	  "working calendar field-check", 3, 3, LP_CMD_ANYONE, lp_cmd_policy_set },
	{ "sweep", "[--dry-run] [--json]",
	  N_("escalate overdue cases and close unanswered ones (for cron)"),
	  "dry-run", 0, 0, LP_CMD_ANYONE, lp_cmd_sweep },
	{ "stats", "[--agency CODE] [--from DATE --to DATE] [--by agency|officer|category] "
		   "[--json|--csv]",
	  N_("performance: received, closed, open, overdue, response times, satisfaction"),
	  "agency from to by csv", 0, 0, LP_CMD_OFFICER, lp_cmd_stats },
	{ "audit verify", "", N_("recompute every case's event hash chain"),
	  "", 0, 0, LP_CMD_OFFICER, lp_cmd_audit_verify },
	{ "migrate", "--from PATH --to URI [--force]",
	  N_("copy a database into another (SQLite into PostgreSQL) and verify the copy"),
	  "from to force", 0, 0, LP_CMD_NO_SESSION, lp_cmd_migrate },
	{ "batch", "[FILE|-] [--keep-going]",
	  N_("run one subcommand per line in one session; one result line each"),
	  "keep-going", 0, 1, LP_CMD_OFFICER, lp_cmd_batch },
	{ NULL, NULL, NULL, NULL, 0, 0, LP_CMD_NO_SESSION, NULL },
};

const struct lp_cmd *lp_command_find(int argc, char **argv, int *words)
{
	if (argc < 1)
		return NULL;
	for (const struct lp_cmd *c = lp_commands; c->name; c++) {
		const char *sp = strchr(c->name, ' ');
		if (!sp) {
			if (strcmp(c->name, argv[0]) == 0) {
				*words = 1;
				return c;
			}
			continue;
		}
		size_t n = (size_t)(sp - c->name);
		if (argc >= 2 && strlen(argv[0]) == n && strncmp(c->name, argv[0], n) == 0 &&
		    strcmp(sp + 1, argv[1]) == 0) {
			*words = 2;
			return c;
		}
	}
	return NULL;
}

void lp_command_usage(const struct lp_cmd *cmd, FILE *f)
{
	fprintf(f, "%s lapor %s%s%s\n", _("usage:"), cmd->name, cmd->usage[0] ? " " : "",
		cmd->usage);
}
