/* cli.h: what a subcommand receives (the parsed command line and the
 * open session) and the helpers every subcommand shares: options,
 * numbers, message text, usage errors and error reporting.
 *
 * Ownership: struct lp_cli lives in main(); option values and
 * positionals borrow from argv; the session is opened by lp_cli_open()
 * and closed by main() after the command's function. */
#ifndef LAPOR_CLI_H
#define LAPOR_CLI_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"

struct lp_session;
struct lp_cmd;

/* Every option of every command: X(id, long name, short letter or 0,
 * takes an argument, argument name for help).  A command lists the
 * long names it accepts; the globals are accepted everywhere. */
#define LP_CLI_OPTION_LIST(X) \
	X(DB, "db", 0, 1, "PATH") \
	X(AS, "as", 0, 1, "LOGIN") \
	X(JSON, "json", 0, 0, "") \
	X(HELP, "help", 'h', 0, "") \
	X(VERSION, "version", 0, 0, "") \
	X(LANG, "lang", 0, 1, "id|en") \
	X(MESSAGE, "message", 'm', 1, "TEXT") \
	X(FILE, "file", 'F', 1, "FILE") \
	X(IF_VERSION, "if-version", 0, 1, "N") \
	X(AGENCY, "agency", 0, 1, "CODE") \
	X(RETRIAGE, "retriage", 0, 0, "") \
	X(REASON, "reason", 0, 1, "REASON") \
	X(RESOLUTION, "resolution", 0, 1, "RESOLUTION") \
	X(TO, "to", 0, 1, "LOGIN") \
	X(INTO, "into", 0, 1, "ID") \
	X(DAYS, "days", 0, 1, "N") \
	X(UNDER, "under", 0, 1, "CODE") \
	X(TREE, "tree", 0, 0, "") \
	X(STATUS, "status", 0, 1, "S[,S]") \
	X(ASSIGNEE, "assignee", 0, 1, "LOGIN|me|none") \
	X(KIND, "kind", 0, 1, "KIND") \
	X(LIMIT, "limit", 0, 1, "N") \
	X(AFTER, "after", 0, 1, "ID") \
	X(FORMAT, "format", 0, 1, "jsonl|csv") \
	X(CASES, "cases", 0, 1, "N") \
	X(SEED, "seed", 0, 1, "S") \
	X(ROLE, "role", 0, 1, "ROLE") \
	X(NAME, "name", 0, 1, "NAME") \
	X(NO_ADMIN, "no-admin", 0, 0, "") \
	X(YEAR, "year", 0, 1, "Y") \
	X(DRY_RUN, "dry-run", 0, 0, "") \
	X(WORKING, "working", 0, 0, "") \
	X(CALENDAR, "calendar", 0, 0, "") \
	X(FIELD_CHECK, "field-check", 0, 0, "") \
	X(FROM, "from", 0, 1, "DATE") \
	X(BY, "by", 0, 1, "agency|officer|category") \
	X(CSV, "csv", 0, 0, "") \
	X(FORCE, "force", 0, 0, "") \
	X(KEEP_GOING, "keep-going", 0, 0, "")

#define LP_X_CLI_OPT(id, l, s, a, n) LP_OPT_##id,
enum lp_cli_opt { LP_CLI_OPTION_LIST(LP_X_CLI_OPT) LP_OPT_COUNT };

/* The number of global options (the first entries of the list). */
#define LP_OPT_GLOBAL_COUNT 6

struct lp_cli {
	const struct lp_cmd *cmd;    /* the command being run; NULL before dispatch */
	struct lp_session *s;        /* open session; NULL for commands that open their own */
	const char *db;              /* --db, or NULL */
	const char *as;              /* --as, or NULL */
	bool json;                   /* --json */
	bool tty;                    /* stdout is a terminal */
	int argc;                    /* positional arguments after the command name */
	char **argv;                 /* borrowed from main's argv */
	const char *opt[LP_OPT_COUNT]; /* option values (borrowed); "" for flags; NULL when absent */
	struct lp_error err;         /* the error a command reports by returning err.code */
};

/* Long name of an option ("if-version"); static string. */
const char *lp_cli_opt_name(enum lp_cli_opt o);
/* The option's spelling for help: "--if-version N", "-m TEXT". Static buffer. */
const char *lp_cli_opt_usage(enum lp_cli_opt o);
/* True when the option takes an argument. */
bool lp_cli_opt_has_arg(enum lp_cli_opt o);
/* The option's short letter, or 0. */
char lp_cli_opt_letter(enum lp_cli_opt o);
/* True when the command's option list (space separated long names)
 * holds option o; globals always count. */
bool lp_cli_opt_allowed(const char *list, enum lp_cli_opt o);

/* getopt_long returns LP_CLI_LONG_BASE + the option for a long option. */
#define LP_CLI_LONG_BASE 1000
struct option;
/* Fills getopt_long's tables with the global options plus those named in
 * `allowed` (a command's list, see lp_cli_opt_allowed; NULL: globals
 * only): longopts (LP_OPT_COUNT + 1 entries, the caller's) and shortopts
 * (2 * LP_OPT_COUNT + 4 bytes, the caller's), which begins with prefix
 * (at most 2 bytes, e.g. ":" or "+:"). */
void lp_cli_getopt_tables(const char *allowed, struct option *longopts, char *shortopts,
			  const char *prefix);
/* The option whose short letter is ch, or -1. */
int lp_cli_opt_of_letter(int ch);
/* The option whose long name is `name`, or -1. */
int lp_cli_opt_find(const char *name);

/* True when option o was given. */
bool lp_cli_has(const struct lp_cli *c, enum lp_cli_opt o);

/* Sets c->err to a usage error (LP_EUSAGE) and returns LP_EUSAGE. */
int lp_cli_usage_error(struct lp_cli *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Parses a case number (positive integer) from text; LP_EUSAGE naming
 * `what` when malformed. */
int lp_cli_parse_id(struct lp_cli *c, const char *text, const char *what, int64_t *out);
/* Parses option o as an integer in [min, max] into *out; leaves *out
 * alone when the option is absent.  LP_EUSAGE when malformed. */
int lp_cli_opt_int(struct lp_cli *c, enum lp_cli_opt o, int64_t min, int64_t max, int64_t *out);

/* The text of -m TEXT or -F FILE (FILE "-" is stdin) into *out
 * (malloc'd, caller frees; NULL when neither is given and !required).
 * LP_EUSAGE for both or (required) neither, LP_ENOENT for a missing
 * file, LP_EDATA for text over LP_TEXT_MAX (not read beyond it) or not
 * UTF-8, LP_EIO for a read error. */
int lp_cli_text(struct lp_cli *c, bool required, char **out);

/* Opens the session the command's table entry asks for (once; later
 * calls return LP_OK).  Commands call it after checking their
 * arguments, so usage errors come first; main() closes it. */
int lp_cli_open(struct lp_cli *c);

/* Prints "lapor: MSG" on stderr; for usage errors also the command's
 * usage line.  Returns err->code. */
int lp_cli_report(const struct lp_cli *c, const struct lp_error *err);

#endif
