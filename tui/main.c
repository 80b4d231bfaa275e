/* main.c: the lapor program.  Parses the global options (before or
 * after the command), finds the command in the table, parses its
 * options and runs it (the command opens its session with lp_cli_open
 * once its arguments are checked; main closes it); with no command it
 * opens the console. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "commands.h"
#include "console.h"
#include "i18n.h"
#include "lang.h"
#include "session.h"
#include "workflow.h"

/* Runs getopt_long over argv; returns LP_OK or a usage error. */
static int parse_options(struct lp_cli *cli, int argc, char **argv, const char *prefix)
{
	struct option longopts[LP_OPT_COUNT + 1];
	char shortopts[2 * LP_OPT_COUNT + 4];
	lp_cli_getopt_tables(cli->cmd ? cli->cmd->options : NULL, longopts, shortopts, prefix);
	opterr = 0;
	optind = 0;
	int ch;
	while ((ch = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		int id = ch >= LP_CLI_LONG_BASE ? ch - LP_CLI_LONG_BASE : lp_cli_opt_of_letter(ch);
		if (ch == '?' || ch == ':' || id < 0) {
			const char *bad = argv[optind - 1];
			if (ch == ':')
				return lp_cli_usage_error(cli, _("option %s needs an argument"), bad);
			if (optopt && optopt < LP_CLI_LONG_BASE)
				return lp_cli_usage_error(cli, _("unknown option -%c"), optopt);
			return lp_cli_usage_error(cli, _("unknown option %s"), bad);
		}
		cli->opt[id] = optarg ? optarg : "";
	}
	return LP_OK;
}

static void print_globals(FILE *f)
{
	fprintf(f, "%s\n", _("Global options (before or after the command):"));
	for (int i = 0; i < LP_OPT_GLOBAL_COUNT; i++)
		fprintf(f, "  %s\n", lp_cli_opt_usage((enum lp_cli_opt)i));
}

static void print_help(FILE *f)
{
	fprintf(f, "%s lapor [--db PATH] [--as LOGIN] [--json] [COMMAND [ARGS]]\n", _("usage:"));
	fprintf(f, "%s\n\n%s\n", _("With no command, lapor opens the console."), _("Commands:"));
	for (const struct lp_cmd *c = lp_commands; c->name; c++)
		fprintf(f, "  %-14s %s\n", c->name, _(c->help));
	fputc('\n', f);
	print_globals(f);
	fprintf(f, "\n%s\n", _("Run 'lapor COMMAND --help' for a command's options; see lapor(1)."));
}

static void print_command_help(const struct lp_cmd *c, FILE *f)
{
	lp_command_usage(c, f);
	fprintf(f, "%s\n", _(c->help));
	bool first = true;
	for (int i = LP_OPT_GLOBAL_COUNT; i < LP_OPT_COUNT; i++) {
		if (!lp_cli_opt_allowed(c->options, (enum lp_cli_opt)i))
			continue;
		if (first)
			fprintf(f, "\n%s\n", _("Options:"));
		first = false;
		fprintf(f, "  %s\n", lp_cli_opt_usage((enum lp_cli_opt)i));
		if (i == LP_OPT_REASON)
			for (int r = 0; r < LP_REASON_COUNT; r++)
				fprintf(f, "      %-24s %s\n", lp_archive_reason_name(r),
					lp_archive_reason_help(r));
		if (i == LP_OPT_RESOLUTION)
			for (int r = 0; r < LP_RESOLUTION_COUNT; r++)
				fprintf(f, "      %-24s %s\n", lp_resolution_name(r),
					lp_resolution_help(r));
	}
	fputc('\n', f);
	print_globals(f);
}

int lp_cmd_help(struct lp_cli *cli)
{
	if (cli->argc == 0) {
		print_help(stdout);
		return LP_OK;
	}
	int words = 0;
	const struct lp_cmd *c = lp_command_find(cli->argc, cli->argv, &words);
	if (!c || words != cli->argc)
		return lp_cli_usage_error(cli, _("no command \"%s\"; run 'lapor help'"),
					  cli->argv[0]);
	print_command_help(c, stdout);
	return LP_OK;
}

static int run_console(struct lp_cli *cli)
{
	struct lp_session_opts so = {
		.db = cli->db, .as_login = cli->as, .identity = LP_IDENTITY_REQUIRED,
	};
	int rc = lp_session_open(&so, &cli->s, &cli->err);
	if (rc)
		return lp_cli_report(cli, &cli->err);
	rc = lp_console_run(cli->s, NULL);
	lp_session_close(cli->s);
	return rc;
}

static int run_command(struct lp_cli *cli)
{
	int rc = cli->cmd->fn(cli);
	lp_session_close(cli->s);
	cli->s = NULL;
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (rc == LP_OK)
			rc = lp_error_set(&cli->err, LP_EIO, _("cannot write the output"));
	}
	if (rc != LP_OK && cli->err.code == LP_OK)
		lp_error_set(&cli->err, rc, _("failed"));
	return rc == LP_OK ? LP_OK : lp_cli_report(cli, &cli->err);
}

/* --db, else $LAPOR_DB (resolved by the session), else the database
 * lapor.conf names, else the session's default. */
static void choose_db(struct lp_cli *cli, char *buf, unsigned long n)
{
	cli->db = cli->opt[LP_OPT_DB];
	const char *env = getenv("LAPOR_DB");
	if (!cli->db && !(env && *env))
		cli->db = lp_console_database(NULL, buf, n);
}

int main(int argc, char **argv)
{
	static char dbbuf[4096];
	struct lp_cli cli;
	memset(&cli, 0, sizeof cli);
	cli.tty = isatty(STDOUT_FILENO);

	const char *lang = lp_lang_arg(argc, argv);
	if (lp_lang_setup(lang, NULL) != 0) {
		lp_cli_usage_error(&cli, _("--lang must be id or en, not \"%s\""), lang);
		return lp_cli_report(&cli, &cli.err);
	}

	/* Globals before the command: stop at the first non-option. */
	if (parse_options(&cli, argc, argv, "+:"))
		return lp_cli_report(&cli, &cli.err);
	int first = optind;
	if (first >= argc) {
		if (lp_cli_has(&cli, LP_OPT_HELP)) {
			print_help(stdout);
			return LP_OK;
		}
		if (lp_cli_has(&cli, LP_OPT_VERSION)) {
			printf("lapor %s\n", LAPOR_VERSION);
			return LP_OK;
		}
		choose_db(&cli, dbbuf, sizeof dbbuf);
		cli.as = cli.opt[LP_OPT_AS];
		return run_console(&cli);
	}
	int words = 0;
	const struct lp_cmd *cmd = lp_command_find(argc - first, argv + first, &words);
	if (!cmd) {
		lp_cli_usage_error(&cli, _("no command \"%s\"; run 'lapor help'"), argv[first]);
		return lp_cli_report(&cli, &cli.err);
	}
	cli.cmd = cmd;
	/* The command's options and the globals, in any order; sub[0] plays
	 * the program name for getopt. */
	char **sub = argv + first + words - 1;
	int subc = argc - first - words + 1;
	if (parse_options(&cli, subc, sub, ":"))
		return lp_cli_report(&cli, &cli.err);
	cli.argv = sub + optind;
	cli.argc = subc - optind;
	choose_db(&cli, dbbuf, sizeof dbbuf);
	cli.as = cli.opt[LP_OPT_AS];
	cli.json = lp_cli_has(&cli, LP_OPT_JSON);
	if (lp_cli_has(&cli, LP_OPT_HELP)) {
		print_command_help(cmd, stdout);
		return LP_OK;
	}
	if (lp_cli_has(&cli, LP_OPT_VERSION)) {
		printf("lapor %s\n", LAPOR_VERSION);
		return LP_OK;
	}
	if (cli.argc < cmd->min_args || cli.argc > cmd->max_args) {
		if (cli.argc < cmd->min_args)
			lp_cli_usage_error(&cli, _("%s: missing argument"), cmd->name);
		else
			lp_cli_usage_error(&cli, _("%s: unexpected argument \"%s\""), cmd->name,
					   cli.argv[cmd->max_args]);
		return lp_cli_report(&cli, &cli.err);
	}
	return run_command(&cli);
}
