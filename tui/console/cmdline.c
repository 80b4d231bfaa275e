/* cmdline.c: the ':' command line: a prompt on the bottom line (lineedit.c, curses
 * suspended meanwhile), history kept in $XDG_STATE_HOME/lapor/history,
 * tab completion of commands, agency codes and case numbers; commands
 * take the subcommands' options and run through lp_act. */
#define _GNU_SOURCE /* strcasestr */
#define _XOPEN_SOURCE_EXTENDED 1
#include "app.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases.h"
#include "directory.h"
#include "i18n.h"
#include "lineedit.h"
#include "workflow.h"

static struct con_app *cur_app;
static char **agency_codes;
static int nagency;

static const char *const commands[] = {
	"goto", "quit", "help", "reply", "note", "verify", "postpone", "archive", "claim",
	"assign", "transfer", "escalate", "extend", "close", "reopen", "merge", "search",
	"limit", "dashboard", NULL,
};

static char *prompt(EditLine *e)
{
	(void)e;
	return ":";
}

static int add_code(const struct lp_agency *a, void *ud)
{
	char **v = realloc(agency_codes, ((size_t)nagency + 1) * sizeof(*v));

	(void)ud;
	if (!v)
		return 1;
	agency_codes = v;
	agency_codes[nagency] = strdup(a->code);
	if (agency_codes[nagency])
		nagency++;
	return 0;
}

/* Candidates for `word` in the position after `prev` ("" for the first word). */
static int candidates(const char *prev, bool first, const char *word, const char **out, int max,
		      char idbuf[][24])
{
	int n = 0;
	size_t wl = strlen(word);

	if (first) {
		for (int i = 0; commands[i] && n < max; i++)
			if (strncmp(commands[i], word, wl) == 0)
				out[n++] = commands[i];
		return n;
	}
	if (strcmp(prev, "--agency") == 0) {
		if (!agency_codes)
			lp_agency_list(cur_app->s, NULL, add_code, NULL, NULL);
		for (int i = 0; i < nagency && n < max; i++)
			if (strncasecmp(agency_codes[i], word, wl) == 0)
				out[n++] = agency_codes[i];
		return n;
	}
	if (strcmp(prev, "--reason") == 0) {
#define X_C(s, c, h) c,
		static const char *const r[] = { LP_ARCHIVE_REASON_LIST(X_C) NULL };

		for (int i = 0; r[i] && n < max; i++)
			if (strncmp(r[i], word, wl) == 0)
				out[n++] = r[i];
		return n;
	}
	if (strcmp(prev, "--resolution") == 0) {
		static const char *const r[] = { LP_RESOLUTION_LIST(X_C) NULL };

		for (int i = 0; r[i] && n < max; i++)
			if (strncmp(r[i], word, wl) == 0)
				out[n++] = r[i];
		return n;
	}
	/* Case numbers: the open case and the cases on the screen. */
	{
		int64_t id, v;
		const struct con_row *row = con_list_selected(cur_app->list);

		if (cur_app->casev && con_case_view_current(cur_app->casev, &id, &v) && n < max) {
			snprintf(idbuf[n], 24, "%lld", (long long)id);
			if (strncmp(idbuf[n], word, wl) == 0) {
				out[n] = idbuf[n];
				n++;
			}
		}
		if (row && n < max) {
			snprintf(idbuf[n], 24, "%lld", (long long)row->id);
			bool dup = n > 0 && strcmp(out[0], idbuf[n]) == 0;

			if (strncmp(idbuf[n], word, wl) == 0 && !dup) {
				out[n] = idbuf[n];
				n++;
			}
		}
	}
	return n;
}

static unsigned char complete(EditLine *e, int ch)
{
	const LineInfo *li = el_line(e);
	const char *start = li->cursor, *pstart, *pend;
	char word[256], prev[64];
	const char *cand[64];
	char idbuf[64][24];
	int n;
	size_t common;

	(void)ch;
	while (start > li->buffer && start[-1] != ' ')
		start--;
	snprintf(word, sizeof(word), "%.*s", (int)(li->cursor - start), start);
	pend = start;
	while (pend > li->buffer && pend[-1] == ' ')
		pend--;
	pstart = pend;
	while (pstart > li->buffer && pstart[-1] != ' ')
		pstart--;
	snprintf(prev, sizeof(prev), "%.*s", (int)(pend - pstart), pstart);
	n = candidates(prev, pend == li->buffer, word, cand, 64, idbuf);
	if (n == 0)
		return CC_REFRESH_BEEP;
	common = strlen(cand[0]);
	for (int i = 1; i < n; i++) {
		size_t k = 0;

		while (k < common && cand[i][k] && cand[i][k] == cand[0][k])
			k++;
		common = k;
	}
	if (common > strlen(word)) {
		char ins[256];

		snprintf(ins, sizeof(ins), "%.*s%s", (int)(common - strlen(word)),
			 cand[0] + strlen(word), n == 1 ? " " : "");
		el_insertstr(e, ins);
		return CC_REFRESH;
	}
	if (n == 1) {
		el_insertstr(e, " ");
		return CC_REFRESH;
	}
	fputc('\n', stdout);
	for (int i = 0; i < n && i < 40; i++)
		printf("%s  ", cand[i]);
	fputc('\n', stdout);
	return CC_REDISPLAY;
}

static void setup(EditLine *e)
{
	el_set(e, EL_ADDFN, "lapor-complete", "complete a command, agency or case", complete);
	el_set(e, EL_BIND, "^I", "lapor-complete", NULL);
}

static struct con_lineedit editor = {
	.name = "lapor",
	.history_file = "history",
	.history_size = 1000,
	.prompt = prompt,
	.setup = setup,
};

void con_cmdline_end(void)
{
	con_lineedit_end(&editor);
	for (int i = 0; i < nagency; i++)
		free(agency_codes[i]);
	free(agency_codes);
	agency_codes = NULL;
	nagency = 0;
}

int con_cmdline(struct con_app *app)
{
	int flags;
	bool unavailable;

	cur_app = app;
	char *copy = con_lineedit_read(app, &editor, &unavailable);
	if (unavailable) {
		con_message(app, true, _("The command line is not available."));
		return CON_F_REDRAW;
	}
	if (!copy)
		return CON_F_REDRAW;
	flags = con_run_command(app, copy);
	free(copy);
	return flags;
}

/* ---- running a command ---- */

#define MAX_ARGS 32

/* Splits in place: words separated by blanks, "double" or 'single' quotes. */
static int split(char *s, char **argv)
{
	int n = 0;

	while (*s && n < MAX_ARGS) {
		char *out;

		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			break;
		argv[n++] = out = s;
		while (*s && *s != ' ' && *s != '\t') {
			if (*s == '"' || *s == '\'') {
				char q = *s++;

				while (*s && *s != q)
					*out++ = *s++;
				if (*s)
					s++;
			} else {
				*out++ = *s++;
			}
		}
		if (*s)
			s++;
		*out = '\0';
	}
	return n;
}

__attribute__((format(printf, 2, 3)))
static int command_error(struct con_app *app, const char *fmt, ...)
{
	va_list ap;
	char msg[512];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	con_message(app, true, "%s", msg);
	return CON_F_REDRAW;
}

int con_run_command(struct con_app *app, const char *line)
{
	char *buf = strdup(line ? line : ""), *argv[MAX_ARGS];
	int argc, a, flags = CON_F_REDRAW;
	struct lp_action_args args;
	int64_t id = 0, version = 0;
	bool have_opts = false;
	char *end;

	if (!buf)
		return CON_F_REDRAW;
	argc = split(buf, argv);
	if (argc == 0)
		goto out;
	if (strcmp(argv[0], "q") == 0 || strcmp(argv[0], "quit") == 0) {
		flags = CON_F_QUIT;
		goto out;
	}
	if (strcmp(argv[0], "help") == 0) {
		con_message(app, false, _("Commands: goto N, reply/note [N] -m TEXT, "
			    "verify --agency CODE, transfer --agency CODE|--retriage -m WHY, "
			    "escalate -m WHY, close --resolution R, assign --to LOGIN, claim, "
			    "quit"));
		goto out;
	}
	if (strcmp(argv[0], "goto") == 0 || strcmp(argv[0], "open") == 0) {
		long long n = argc > 1 ? strtoll(argv[1], &end, 10) : 0;

		if (argc != 2 || *end || n <= 0)
			flags = command_error(app, "%s", _("usage: goto CASE-NUMBER"));
		else
			con_open_case(app, n);
		goto out;
	}
	if (strcmp(argv[0], "dashboard") == 0) {
		if (app->casev) {
			app->casev->ops->destroy(app->casev);
			app->casev = NULL;
		}
		con_dashboard_open(app);
		goto out;
	}
	if (strcmp(argv[0], "search") == 0 || strcmp(argv[0], "limit") == 0) {
		/* The rest of the line as typed, quotes and all: it is a query or words. */
		const char *rest = line + strspn(line, " \t");

		rest += strcspn(rest, " \t");
		rest += strspn(rest, " \t");
		if (argv[0][0] == 'l') {
			if (app->focus != app->list)
				con_message(app, false, "%s", _("A limit applies to the case list "
							 "(q goes back to it)."));
			else
				con_list_set_limit(app->list, rest);
		} else if (!rest[0]) {
			flags = command_error(app, "%s", _("usage: search WORDS"));
		} else {
			con_search_open(app, rest);
		}
		goto out;
	}
	a = con_action_parse(argv[0]);
	if (a < 0 || !con_action_changes(a)) {
		flags = command_error(app, _("Unknown command \"%s\"; :help lists them."), argv[0]);
		goto out;
	}
	memset(&args, 0, sizeof(args));
	args.action = lp_action_parse(argv[0]);
	/* The case: a number, else the open case, else the selected one. */
	if (app->casev && con_case_view_current(app->casev, &id, &version)) {
	} else if (con_list_selected(app->list)) {
		id = con_list_selected(app->list)->id;
		version = con_list_selected(app->list)->version;
	}
	for (int i = 1; i < argc; i++) {
		const char *o = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (o[0] != '-') {
			long long n = strtoll(o, &end, 10);

			if (*end || n <= 0) {
				flags = command_error(app, _("Not a case number: %s"), o);
				goto out;
			}
			if (n != id)
				version = 0;
			id = n;
			continue;
		}
		have_opts = true;
		if (strcmp(o, "--retriage") == 0) {
			args.retriage = true;
			continue;
		}
		if (!v) {
			flags = command_error(app, _("Option %s needs a value."), o);
			goto out;
		}
		i++;
		if (strcmp(o, "-m") == 0 || strcmp(o, "--message") == 0)
			args.text = v;
		else if (strcmp(o, "--agency") == 0)
			args.agency = v;
		else if (strcmp(o, "--to") == 0)
			args.assignee = v;
		else if (strcmp(o, "--reason") == 0 || strcmp(o, "--resolution") == 0)
			args.code = v;
		else if (strcmp(o, "--into") == 0)
			args.into = strtoll(v, NULL, 10);
		else if (strcmp(o, "--days") == 0)
			args.days = atoi(v);
		else if (strcmp(o, "--if-version") == 0)
			version = strtoll(v, NULL, 10);
		else {
			flags = command_error(app, _("Unknown option %s."), o);
			goto out;
		}
	}
	if (id <= 0) {
		flags = command_error(app, "%s", _("Which case? Give its number."));
		goto out;
	}
	if (!have_opts && a != CON_ACT_CLAIM) {
		/* Nothing given: ask with the same dialogs as the keys. */
		flags = con_run_action(app, a, id, version);
		goto out;
	}
	{
		struct lp_error err;
		struct lp_case after;

		memset(&after, 0, sizeof(after));
		args.case_id = id;
		args.if_version = version;
		if (lp_act(app->s, &args, &after, &err) == LP_OK)
			con_message(app, false, _("Case %lld: %s done (now %s, version %lld)."),
				    (long long)id, argv[0], lp_status_name(after.status),
				    (long long)after.version);
		else
			con_message(app, true, "%s", err.msg);
		lp_case_clear(&after);
		flags = CON_F_RELOAD | CON_F_REDRAW;
	}
out:
	free(buf);
	return flags;
}
