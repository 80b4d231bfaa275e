/* cmd_batch.c: `lapor batch [FILE|-]`: many subcommands in one process
 * and one database connection, for officers who script their work.
 *
 * Each line is one subcommand with the command line's syntax (no leading
 * "lapor"); words are split with libedit's tokenizer (tok_str), which
 * knows the shell's quotes and backslashes but expands nothing: no
 * variables, globs, tildes or command substitution, so a line means the
 * same wherever the batch runs (wordexp(3) would glob unquoted words even
 * with WRDE_NOCMD).  Blank lines and lines starting with '#' are skipped.
 *
 * Each command runs as it would alone (its own transaction), in the
 * batch's session; what it prints goes to stdout as usual, its error to
 * stderr as "lapor: line N: MESSAGE", and then one result line on stdout:
 *   N ok 0          N conflict 1|75          N error STATUS
 * (conflict: refused by the workflow or a stale --if-version, or busy
 * after retries).  A command that failed with LP_EBUSY (a deadlock, a
 * serialization failure, a lock timeout) is run again, at most
 * BATCH_RETRIES more times: its transaction was rolled back whole.
 * The batch stops after the first error (status other than 0, 1 and 75)
 * unless --keep-going, and exits with the highest status it saw. */
#include <getopt.h>
#include <histedit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "commands.h"
#include "i18n.h"
#include "session.h"

#define BATCH_RETRIES 3
/* Parses one line's words (argv[0] the command's first word) into sub. */
static int parse_line(struct lp_cli *sub, int argc, char **argv)
{
	int words = 0;
	const struct lp_cmd *cmd = lp_command_find(argc, argv, &words);
	if (!cmd)
		return lp_cli_usage_error(sub, _("no command \"%s\"; run 'lapor help'"), argv[0]);
	if (cmd->session == LP_CMD_NO_SESSION || cmd->fn == lp_cmd_batch)
		return lp_cli_usage_error(sub, _("%s cannot run in a batch"), cmd->name);
	sub->cmd = cmd;
	struct option longopts[LP_OPT_COUNT + 1];
	char shortopts[2 * LP_OPT_COUNT + 4];
	lp_cli_getopt_tables(cmd->options, longopts, shortopts, ":");
	char **av = argv + words - 1; /* av[0] plays the program name */
	int ac = argc - words + 1;
	opterr = 0;
	optind = 0;
	int ch;
	while ((ch = getopt_long(ac, av, shortopts, longopts, NULL)) != -1) {
		int id = ch >= LP_CLI_LONG_BASE ? ch - LP_CLI_LONG_BASE : lp_cli_opt_of_letter(ch);
		if (ch == ':')
			return lp_cli_usage_error(sub, _("option %s needs an argument"),
						  av[optind - 1]);
		if (ch == '?' || id < 0)
			return lp_cli_usage_error(sub, _("unknown option %s"), av[optind - 1]);
		if (id == LP_OPT_DB || id == LP_OPT_AS || id == LP_OPT_HELP ||
		    id == LP_OPT_VERSION || id == LP_OPT_LANG)
			return lp_cli_usage_error(sub, _("--%s is for the batch, not one of its "
						  "lines"), lp_cli_opt_name((enum lp_cli_opt)id));
		sub->opt[id] = optarg ? optarg : "";
	}
	sub->argv = av + optind;
	sub->argc = ac - optind;
	sub->json = lp_cli_has(sub, LP_OPT_JSON);
	if (sub->argc < cmd->min_args)
		return lp_cli_usage_error(sub, _("%s: missing argument"), cmd->name);
	if (sub->argc > cmd->max_args)
		return lp_cli_usage_error(sub, _("%s: unexpected argument \"%s\""), cmd->name,
					  sub->argv[cmd->max_args]);
	return LP_OK;
}

/* Runs one line's words; returns its exit status, message in *err. */
static int run_line(struct lp_cli *cli, int argc, char **argv, struct lp_error *err)
{
	int rc = LP_OK;
	for (int attempt = 0; attempt <= BATCH_RETRIES; attempt++) {
		struct lp_cli sub;
		memset(&sub, 0, sizeof sub);
		sub.s = cli->s;
		sub.db = cli->db;
		sub.as = cli->as;
		sub.tty = cli->tty;
		rc = parse_line(&sub, argc, argv);
		if (rc == LP_OK) {
			rc = sub.cmd->fn(&sub);
			if (rc != LP_OK && sub.err.code == LP_OK)
				lp_error_set(&sub.err, rc, _("failed"));
		}
		*err = sub.err;
		if (rc != LP_EBUSY || attempt == BATCH_RETRIES)
			break;
		struct timespec ts = { 0, 10000000L * (attempt + 1) }; /* 10, 20, 30 ms */
		nanosleep(&ts, NULL);
	}
	return rc;
}

static const char *result_word(int rc)
{
	return rc == LP_OK ? "ok" : rc == LP_EREFUSED || rc == LP_EBUSY ? "conflict" : "error";
}

int lp_cmd_batch(struct lp_cli *cli)
{
	const char *path = cli->argc > 0 ? cli->argv[0] : "-";
	bool keep_going = lp_cli_has(cli, LP_OPT_KEEP_GOING);
	FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	if (!in)
		return lp_error_set(&cli->err, LP_ENOENT, _("cannot open %s"), path);
	int rc = lp_cli_open(cli);
	Tokenizer *tok = rc == LP_OK ? tok_init(NULL) : NULL;
	if (rc == LP_OK && !tok)
		rc = lp_error_set(&cli->err, LP_EINTERNAL, _("out of memory"));
	if (rc != LP_OK) {
		if (in != stdin)
			fclose(in);
		return rc;
	}
	int worst = LP_OK;
	char *line = NULL;
	size_t cap = 0;
	long no = 0;
	while (getline(&line, &cap, in) != -1) {
		no++;
		const char *p = line + strspn(line, " \t\r\n");
		if (*p == '\0' || *p == '#')
			continue;
		int argc = 0;
		const char **argv = NULL;
		struct lp_error err = { 0 };
		int st;
		tok_reset(tok);
		if (tok_str(tok, line, &argc, &argv) != 0)
			st = lp_error_set(&err, LP_EUSAGE, _("unmatched quote or backslash"));
		else
			st = argc > 0 ? run_line(cli, argc, (char **)argv, &err) : LP_OK;
		if (st != LP_OK)
			fprintf(stderr, "lapor: %s %ld: %s\n", _("line"), no,
				err.msg[0] ? err.msg : _("failed"));
		printf("%ld %s %d\n", no, result_word(st), st);
		fflush(stdout);
		if (st > worst)
			worst = st;
		if (st != LP_OK && st != LP_EREFUSED && st != LP_EBUSY && !keep_going)
			break;
	}
	bool read_error = ferror(in);
	free(line);
	tok_end(tok);
	if (in != stdin)
		fclose(in);
	if (read_error)
		return lp_error_set(&cli->err, LP_EIO, _("cannot read %s"), path);
	if (worst != LP_OK)
		lp_error_set(&cli->err, worst, _("%s: not every command succeeded"), path);
	return worst;
}
