/* commands.h: the subcommands as one table (tmux style).  Each entry
 * names the command, its usage and help (from which `lapor help`,
 * `lapor COMMAND --help` and usage errors are generated), the options
 * it accepts, how many positional arguments it takes, what session it
 * needs, and the function that runs it.  Adding a command is one entry
 * in commands.c plus its function in its own file.
 *
 * A command function returns an exit status (enum lp_status_code); on
 * failure it has filled cli->err, which main() prints. */
#ifndef LAPOR_COMMANDS_H
#define LAPOR_COMMANDS_H

#include <stdio.h>

#include "cli.h"

struct lp_query;

/* What main() opens before calling the function. */
enum lp_cmd_session {
	LP_CMD_NO_SESSION,   /* the command opens what it needs (help, init, demo) */
	LP_CMD_OFFICER,      /* a session whose Unix user or --as is a registered officer */
	LP_CMD_ANYONE,       /* a session without a known officer (root, directory reads) */
};

typedef int (*lp_cmd_fn)(struct lp_cli *cli);

struct lp_cmd {
	const char *name;      /* "ls", "agency ls": one or two words */
	const char *usage;     /* arguments after the name, for usage lines */
	const char *help;      /* one line, marked N_() and translated when shown */
	const char *options;   /* long names it accepts, space separated (globals are implicit) */
	int min_args;          /* positional arguments */
	int max_args;
	enum lp_cmd_session session;
	lp_cmd_fn fn;
};

/* The table, ended by an entry whose name is NULL. */
extern const struct lp_cmd lp_commands[];

/* The command named by argv[0] (and argv[1] for two-word names) or
 * NULL; *words receives how many arguments the name took. */
const struct lp_cmd *lp_command_find(int argc, char **argv, int *words);

/* Prints `usage: lapor NAME USAGE` to f. */
void lp_command_usage(const struct lp_cmd *cmd, FILE *f);

/* cmd_case.c: the officer actions, one function for all (the command's
 * name is the action's name). */
int lp_cmd_act(struct lp_cli *cli);

/* cmd_read.c */
int lp_cmd_ls(struct lp_cli *cli);
int lp_cmd_show(struct lp_cli *cli);
int lp_cmd_log(struct lp_cli *cli);
int lp_cmd_export(struct lp_cli *cli);

/* cmd_admin.c */
int lp_cmd_init(struct lp_cli *cli);
int lp_cmd_demo(struct lp_cli *cli);
int lp_cmd_agency_ls(struct lp_cli *cli);
int lp_cmd_officer_add(struct lp_cli *cli);
int lp_cmd_officer_ls(struct lp_cli *cli);
int lp_cmd_import(struct lp_cli *cli);
int lp_cmd_audit_verify(struct lp_cli *cli);

/* cmd_find.c: search, saved queues, dashboard; the query words of ls
 * and export (lp_find_args_query parses cli->argv[from..] joined by
 * spaces into *out, owned by the caller; LP_EUSAGE with the parser's
 * message naming the column; *out NULL for no words). */
int lp_find_args_query(struct lp_cli *cli, int from, struct lp_query **out);
int lp_cmd_search(struct lp_cli *cli);
int lp_cmd_queue_save(struct lp_cli *cli);
int lp_cmd_queue_ls(struct lp_cli *cli);
int lp_cmd_queue_rm(struct lp_cli *cli);
int lp_cmd_dashboard(struct lp_cli *cli);

/* cmd_sla.c: calendar, SLA policies, sweep, performance reports */
int lp_cmd_calendar_import(struct lp_cli *cli);
int lp_cmd_calendar_ls(struct lp_cli *cli);
int lp_cmd_policy_ls(struct lp_cli *cli);
int lp_cmd_policy_set(struct lp_cli *cli);
int lp_cmd_sweep(struct lp_cli *cli);
int lp_cmd_stats(struct lp_cli *cli);

/* main.c */
int lp_cmd_help(struct lp_cli *cli);

/* cmd_migrate.c: lapor migrate (core/migrate.h) */
int lp_cmd_migrate(struct lp_cli *cli);

/* cmd_batch.c: one subcommand per line of FILE (or stdin) in one session;
 * one result line each; exits with the highest status (see the file). */
int lp_cmd_batch(struct lp_cli *cli);

#endif
