/* cli.c: option names, number parsing, message text and error reports
 * shared by the subcommands. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "commands.h"
#include "i18n.h"
#include "model.h"
#include "safetext.h"
#include "session.h"

struct opt_def {
	const char *name;
	char letter;
	bool has_arg;
	const char *arg;
};

#define LP_X_CLI_DEF(id, l, s, a, n) { l, s, a, n },
static const struct opt_def opt_defs[] = { LP_CLI_OPTION_LIST(LP_X_CLI_DEF) };

const char *lp_cli_opt_name(enum lp_cli_opt o)
{
	return (unsigned)o < LP_OPT_COUNT ? opt_defs[o].name : "?";
}

const char *lp_cli_opt_usage(enum lp_cli_opt o)
{
	static char buf[96];
	if ((unsigned)o >= LP_OPT_COUNT)
		return "?";
	const struct opt_def *d = &opt_defs[o];
	if (d->letter)
		snprintf(buf, sizeof buf, "-%c, --%s%s%s", d->letter, d->name,
			 d->has_arg ? " " : "", d->arg);
	else
		snprintf(buf, sizeof buf, "--%s%s%s", d->name, d->has_arg ? " " : "", d->arg);
	return buf;
}

bool lp_cli_opt_has_arg(enum lp_cli_opt o)
{
	return (unsigned)o < LP_OPT_COUNT && opt_defs[o].has_arg;
}

char lp_cli_opt_letter(enum lp_cli_opt o)
{
	return (unsigned)o < LP_OPT_COUNT ? opt_defs[o].letter : 0;
}

bool lp_cli_opt_allowed(const char *list, enum lp_cli_opt o)
{
	if ((unsigned)o >= LP_OPT_COUNT)
		return false;
	if (o < LP_OPT_GLOBAL_COUNT)
		return true;
	const char *name = opt_defs[o].name;
	size_t len = strlen(name);
	for (const char *p = list; p && (p = strstr(p, name)); p += len)
		if ((p == list || p[-1] == ' ') && (p[len] == ' ' || p[len] == '\0'))
			return true;
	return false;
}

void lp_cli_getopt_tables(const char *allowed, struct option *longopts, char *shortopts,
			  const char *prefix)
{
	int n = 0;
	strcpy(shortopts, prefix);
	for (int i = 0; i < LP_OPT_COUNT; i++) {
		enum lp_cli_opt o = (enum lp_cli_opt)i;
		if (i >= LP_OPT_GLOBAL_COUNT && !(allowed && lp_cli_opt_allowed(allowed, o)))
			continue;
		bool has_arg = lp_cli_opt_has_arg(o);
		longopts[n++] = (struct option){ lp_cli_opt_name(o),
						 has_arg ? required_argument : no_argument,
						 NULL, LP_CLI_LONG_BASE + i };
		char letter = lp_cli_opt_letter(o);
		if (letter) {
			size_t k = strlen(shortopts);
			shortopts[k++] = letter;
			if (has_arg)
				shortopts[k++] = ':';
			shortopts[k] = '\0';
		}
	}
	longopts[n] = (struct option){ NULL, 0, NULL, 0 };
}

int lp_cli_opt_of_letter(int ch)
{
	for (int i = 0; i < LP_OPT_COUNT; i++)
		if (ch && lp_cli_opt_letter((enum lp_cli_opt)i) == ch)
			return i;
	return -1;
}

int lp_cli_opt_find(const char *name)
{
	for (int i = 0; i < LP_OPT_COUNT; i++)
		if (strcmp(opt_defs[i].name, name) == 0)
			return i;
	return -1;
}

bool lp_cli_has(const struct lp_cli *c, enum lp_cli_opt o)
{
	return (unsigned)o < LP_OPT_COUNT && c->opt[o] != NULL;
}

int lp_cli_usage_error(struct lp_cli *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(c->err.msg, sizeof c->err.msg, fmt, ap);
	va_end(ap);
	c->err.code = LP_EUSAGE;
	return LP_EUSAGE;
}

static int parse_int(const char *text, int64_t min, int64_t max, int64_t *out)
{
	if (!text || !*text)
		return -1;
	errno = 0;
	char *end;
	long long v = strtoll(text, &end, 10);
	if (errno || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int lp_cli_parse_id(struct lp_cli *c, const char *text, const char *what, int64_t *out)
{
	if (parse_int(text, 1, INT64_MAX, out) < 0)
		return lp_cli_usage_error(c, _("%s must be a case number, not \"%s\""), what, text);
	return LP_OK;
}

int lp_cli_opt_int(struct lp_cli *c, enum lp_cli_opt o, int64_t min, int64_t max, int64_t *out)
{
	if (!lp_cli_has(c, o))
		return LP_OK;
	if (parse_int(c->opt[o], min, max, out) < 0)
		return lp_cli_usage_error(c, _("--%s must be a number from %lld to %lld, not \"%s\""),
					  lp_cli_opt_name(o), (long long)min, (long long)max,
					  c->opt[o]);
	return LP_OK;
}

/* Reads at most LP_TEXT_MAX bytes of f; LP_EDATA when there is more. */
static int read_bounded(struct lp_cli *c, FILE *f, const char *name, char **out)
{
	size_t cap = 4096, len = 0;
	char *buf = malloc(cap);
	if (!buf)
		return lp_error_set(&c->err, LP_EINTERNAL, _("out of memory"));
	for (;;) {
		if (len == cap) {
			if (cap > LP_TEXT_MAX) {
				free(buf);
				return lp_error_set(&c->err, LP_EDATA,
						    _("%s: the text is longer than %d bytes"), name,
						    LP_TEXT_MAX);
			}
			cap *= 2;
			char *nb = realloc(buf, cap + 1);
			if (!nb) {
				free(buf);
				return lp_error_set(&c->err, LP_EINTERNAL, _("out of memory"));
			}
			buf = nb;
		}
		size_t want = cap - len;
		size_t got = fread(buf + len, 1, want, f);
		len += got;
		if (len > LP_TEXT_MAX) {
			free(buf);
			return lp_error_set(&c->err, LP_EDATA, _("%s: the text is longer than %d bytes"),
					    name, LP_TEXT_MAX);
		}
		if (got < want)
			break;
	}
	if (ferror(f)) {
		free(buf);
		return lp_error_set(&c->err, LP_EIO, _("%s: read error: %s"), name, strerror(errno));
	}
	if (memchr(buf, '\0', len)) {
		free(buf);
		return lp_error_set(&c->err, LP_EDATA, _("%s: the text holds a NUL byte"), name);
	}
	char *nb = realloc(buf, len + 1);
	if (nb)
		buf = nb;
	else if (len == cap) {
		free(buf);
		return lp_error_set(&c->err, LP_EINTERNAL, _("out of memory"));
	}
	buf[len] = '\0';
	*out = buf;
	return LP_OK;
}

static int read_file_text(struct lp_cli *c, const char *path, char **out)
{
	if (strcmp(path, "-") == 0)
		return read_bounded(c, stdin, _("standard input"), out);
	FILE *f = fopen(path, "rb");
	if (!f) {
		int code = errno == ENOENT ? LP_ENOENT : errno == EACCES ? LP_EPERM : LP_EIO;
		return lp_error_set(&c->err, code, _("cannot open %s: %s"), path, strerror(errno));
	}
	struct stat st;
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > LP_TEXT_MAX) {
		fclose(f);
		return lp_error_set(&c->err, LP_EDATA, _("%s: the text is longer than %d bytes"),
				    path, LP_TEXT_MAX);
	}
	int rc = read_bounded(c, f, path, out);
	fclose(f);
	return rc;
}

int lp_cli_text(struct lp_cli *c, bool required, char **out)
{
	*out = NULL;
	bool m = lp_cli_has(c, LP_OPT_MESSAGE), f = lp_cli_has(c, LP_OPT_FILE);
	if (m && f)
		return lp_cli_usage_error(c, _("give either -m TEXT or -F FILE, not both"));
	if (!m && !f) {
		if (required)
			return lp_cli_usage_error(c, _("%s needs a text: -m TEXT or -F FILE"),
						  c->cmd ? c->cmd->name : "lapor");
		return LP_OK;
	}
	char *text = NULL;
	if (m) {
		if (strlen(c->opt[LP_OPT_MESSAGE]) > LP_TEXT_MAX)
			return lp_error_set(&c->err, LP_EDATA, _("the text is longer than %d bytes"),
					    LP_TEXT_MAX);
		text = strdup(c->opt[LP_OPT_MESSAGE]);
		if (!text)
			return lp_error_set(&c->err, LP_EINTERNAL, _("out of memory"));
	} else {
		int rc = read_file_text(c, c->opt[LP_OPT_FILE], &text);
		if (rc)
			return rc;
	}
	if (!lp_utf8_valid(text, strlen(text))) {
		free(text);
		return lp_error_set(&c->err, LP_EDATA, _("the text is not valid UTF-8"));
	}
	*out = text;
	return LP_OK;
}

int lp_cli_open(struct lp_cli *c)
{
	if (c->s)
		return LP_OK;
	if (!c->cmd || c->cmd->session == LP_CMD_NO_SESSION)
		return lp_error_set(&c->err, LP_EINTERNAL, _("no session for this command"));
	struct lp_session_opts so = {
		.db = c->db, .as_login = c->as,
		.identity = c->cmd->session == LP_CMD_OFFICER ? LP_IDENTITY_REQUIRED
							      : LP_IDENTITY_OPTIONAL,
	};
	return lp_session_open(&so, &c->s, &c->err);
}

int lp_cli_report(const struct lp_cli *c, const struct lp_error *err)
{
	if (err->code == LP_OK)
		return LP_OK;
	fprintf(stderr, "lapor: %s\n", err->msg[0] ? err->msg : _("failed"));
	if (err->code == LP_EUSAGE && c->cmd)
		lp_command_usage(c->cmd, stderr);
	return err->code;
}
