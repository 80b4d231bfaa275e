/* conf.c: the lapor.conf parser and the default configuration (see conf.h). */
#include "conf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"

const char con_default_config[] =
	"# lapor.conf defaults (see lapor.conf(5))\n"
	"set sidebar auto\n"
	"# moving and looking: lower case\n"
	"bind generic q quit\n"
	"bind generic <F10> quit\n"
	"bind generic ? help\n"
	"bind generic <F1> help\n"
	"bind generic k up\n"
	"bind generic <Up> up\n"
	"bind generic j down\n"
	"bind generic <Down> down\n"
	"bind generic <PgUp> page-up\n"
	"bind generic b page-up\n"
	"bind generic ^B page-up\n"
	"bind generic <PgDn> page-down\n"
	"bind generic <Space> page-down\n"
	"bind generic ^F page-down\n"
	"bind generic g first\n"
	"bind generic <Home> first\n"
	"bind generic G last\n"
	"bind generic <End> last\n"
	"bind generic <Enter> enter\n"
	"bind generic / search\n"
	"bind generic <F4> search\n"
	"bind generic n search-next\n"
	"bind generic : command\n"
	"bind generic <F9> command\n"
	"bind generic ^L refresh\n"
	"bind generic <F5> refresh\n"
	"bind generic s sort\n"
	"bind generic <F6> sort\n"
	"bind generic r sort-reverse\n"
	"bind generic t tag\n"
	"bind generic ; tag-prefix\n"
	"bind generic u untag-all\n"
	"bind generic <Tab> queues\n"
	"bind generic ] next-queue\n"
	"bind generic [ prev-queue\n"
	"bind generic o goto\n"
	"bind generic l limit\n"
	"bind generic f find\n"
	"bind generic d dashboard\n"
	"# changing a case: upper case (and F-keys)\n"
	"bind generic R reply\n"
	"bind generic <F2> reply\n"
	"bind generic N note\n"
	"bind generic <F3> note\n"
	"bind generic V verify\n"
	"bind generic P postpone\n"
	"bind generic X archive\n"
	"bind generic K claim\n"
	"bind generic <F7> claim\n"
	"bind generic A assign\n"
	"bind generic T transfer\n"
	"bind generic E escalate\n"
	"bind generic D extend\n"
	"bind generic C close\n"
	"bind generic <F8> close\n"
	"bind generic O reopen\n"
	"bind generic M merge\n"
	"# the case view: Left goes back to the list\n"
	"bind case <Left> quit\n"
	"bind queues <Right> enter\n"
	"# colours: color MEANING FG BG [ATTR...]\n"
	"color normal default default\n"
	"color header white blue bold\n"
	"color status-bar black cyan\n"
	"color selected default default reverse\n"
	"color overdue red default bold\n"
	"color due-soon yellow default bold\n"
	"color internal-note magenta default bold\n"
	"color public-reply green default\n"
	"color system-event blue default\n"
	"color tagged yellow default bold\n"
	"color sidebar default default\n"
	"color title default default bold\n"
	"color label cyan default\n"
	"color fkey default default bold\n"
	"color fkey-label black cyan\n"
	"color message default default\n"
	"color error red default bold\n"
	"color match black yellow\n";

void con_config_init(struct con_config *c)
{
	memset(c, 0, sizeof(*c));
	con_keymap_init(&c->keys);
	for (int i = 0; i < CON_COLOR_COUNT; i++) {
		c->colors[i].fg = -1;
		c->colors[i].bg = -1;
		c->colors[i].attrs = con_color_mono(i);
	}
	c->sidebar = CON_SIDEBAR_AUTO;
}

__attribute__((format(printf, 4, 5)))
static void report(struct con_config *c, const char *name, int line, const char *fmt, ...)
{
	va_list ap;
	char msg[CON_CONFIG_ERROR_LEN - 80];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (c->nerrors < CON_CONFIG_ERRORS_MAX)
		snprintf(c->errors[c->nerrors], CON_CONFIG_ERROR_LEN, "%.60s:%d: %s", name, line,
			 msg);
	c->nerrors++;
}

#define MAX_WORDS 8

/* Splits one line into words in place; returns the count, or -1 for an
 * unterminated quote, -2 for too many words. */
static int split(char *line, char *words[MAX_WORDS])
{
	int n = 0;
	char *p = line;

	for (;;) {
		char *out;

		while (*p == ' ' || *p == '\t' || *p == '\r')
			p++;
		if (!*p || *p == '#')
			return n;
		if (n == MAX_WORDS)
			return -2;
		words[n++] = out = p;
		if (*p == '"') {
			p++;
			while (*p && *p != '"') {
				if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
					p++;
				*out++ = *p++;
			}
			if (*p != '"')
				return -1;
			p++;
			if (*p && *p != ' ' && *p != '\t' && *p != '\r')
				return -1;
		} else {
			while (*p && *p != ' ' && *p != '\t' && *p != '\r')
				*out++ = *p++;
		}
		if (*p)
			p++;
		*out = '\0';
	}
}

static void do_bind(struct con_config *c, const char *name, int line, int n, char **w)
{
	int view, key, action;

	if (n != 4) {
		report(c, name, line, _("usage: bind VIEW KEY ACTION"));
		return;
	}
	view = con_view_parse(w[1]);
	if (view < 0) {
		report(c, name, line, _("unknown view \"%.40s\" (generic, list, case, queues)"), w[1]);
		return;
	}
	key = con_key_parse(w[2]);
	if (key < 0) {
		report(c, name, line, _("unknown key \"%.40s\" (x, X, ^X, <Enter>, <F2>, <Up> ...)"),
		       w[2]);
		return;
	}
	action = con_action_parse(w[3]);
	if (action < 0) {
		report(c, name, line, _("unknown action \"%.40s\""), w[3]);
		return;
	}
	switch (con_keymap_bind(&c->keys, view, key, action)) {
	case 1:
		c->rebound++;
		break;
	case -1:
		report(c, name, line, _("too many bindings in view %s"), w[1]);
		break;
	default:
		break;
	}
}

static void do_color(struct con_config *c, const char *name, int line, int n, char **w)
{
	int meaning, fg, bg, attrs = 0;

	if (n < 4) {
		report(c, name, line, _("usage: color MEANING FG BG [ATTR...]"));
		return;
	}
	meaning = con_color_parse(w[1]);
	if (meaning < 0) {
		report(c, name, line, _("unknown colour meaning \"%.40s\""), w[1]);
		return;
	}
	fg = con_color_value_parse(w[2]);
	bg = con_color_value_parse(w[3]);
	if (fg < -1 || bg < -1) {
		report(c, name, line, _("unknown colour \"%.40s\" (default, black, red, green, "
		       "yellow, blue, magenta, cyan, white, color0..color255)"),
		       fg < -1 ? w[2] : w[3]);
		return;
	}
	for (int i = 4; i < n; i++) {
		int a = con_attr_parse(w[i]);

		if (a < 0) {
			report(c, name, line, _("unknown attribute \"%.40s\" "
			       "(bold, reverse, underline, dim, normal)"), w[i]);
			return;
		}
		attrs |= a;
	}
	c->colors[meaning].fg = (short)fg;
	c->colors[meaning].bg = (short)bg;
	c->colors[meaning].attrs = attrs;
	c->colors[meaning].set = true;
}

static void do_set(struct con_config *c, const char *name, int line, int n, char **w)
{
	if (n != 3) {
		report(c, name, line, _("usage: set database PATH | set sidebar auto|on|off | "
					"set language id|en"));
		return;
	}
	if (strcmp(w[1], "database") == 0) {
		if (strlen(w[2]) >= sizeof(c->database)) {
			report(c, name, line, _("database path too long"));
			return;
		}
		snprintf(c->database, sizeof(c->database), "%s", w[2]);
	} else if (strcmp(w[1], "language") == 0) {
		if (strcmp(w[2], "id") != 0 && strcmp(w[2], "en") != 0)
			report(c, name, line, _("language must be id or en, not \"%.40s\""), w[2]);
		else
			snprintf(c->language, sizeof(c->language), "%s", w[2]);
	} else if (strcmp(w[1], "sidebar") == 0) {
		if (strcmp(w[2], "auto") == 0)
			c->sidebar = CON_SIDEBAR_AUTO;
		else if (strcmp(w[2], "on") == 0)
			c->sidebar = CON_SIDEBAR_ON;
		else if (strcmp(w[2], "off") == 0)
			c->sidebar = CON_SIDEBAR_OFF;
		else
			report(c, name, line, _("sidebar must be auto, on or off, not \"%.40s\""),
			       w[2]);
	} else {
		report(c, name, line, _("unknown setting \"%.40s\" (database, sidebar, language)"),
		       w[1]);
	}
}

static void parse_line(struct con_config *c, char *text, const char *name, int line)
{
	char *w[MAX_WORDS];
	int n = split(text, w);

	if (n == -1) {
		report(c, name, line, _("unterminated quote"));
		return;
	}
	if (n == -2) {
		report(c, name, line, _("too many words"));
		return;
	}
	if (n == 0)
		return;
	if (strcmp(w[0], "bind") == 0)
		do_bind(c, name, line, n, w);
	else if (strcmp(w[0], "color") == 0 || strcmp(w[0], "colour") == 0)
		do_color(c, name, line, n, w);
	else if (strcmp(w[0], "set") == 0)
		do_set(c, name, line, n, w);
	else
		report(c, name, line, _("unknown command \"%.40s\" (bind, color, set)"), w[0]);
}

int con_config_parse(struct con_config *c, const char *text, const char *name)
{
	int before = c->nerrors, line = 0;
	const char *p = text;

	while (p && *p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char buf[1024];

		line++;
		if (len >= sizeof(buf)) {
			report(c, name, line, _("line too long"));
		} else {
			memcpy(buf, p, len);
			buf[len] = '\0';
			parse_line(c, buf, name, line);
		}
		p = nl ? nl + 1 : p + len;
	}
	return c->nerrors - before;
}

int con_config_parse_file(struct con_config *c, const char *path)
{
	FILE *f = fopen(path, "r");
	char *text = NULL;
	size_t len = 0, cap = 0;
	int r;

	if (!f)
		return -1;
	for (;;) {
		size_t got;

		if (cap - len < 4096) {
			char *t;

			if (cap > (1u << 20)) /* a configuration is small: refuse more than 1 MiB */
				break;
			t = realloc(text, cap + 8192);
			if (!t)
				break;
			text = t;
			cap += 8192;
		}
		got = fread(text + len, 1, cap - len - 1, f);
		len += got;
		if (got == 0)
			break;
	}
	fclose(f);
	if (!text)
		return -1;
	text[len] = '\0';
	r = con_config_parse(c, text, path);
	free(text);
	return r;
}

const char *con_config_default_path(char *buf, unsigned long n)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");

	if (!buf || n == 0)
		return NULL;
	if (xdg && *xdg)
		snprintf(buf, n, "%s/lapor/lapor.conf", xdg);
	else if (home && *home)
		snprintf(buf, n, "%s/.config/lapor/lapor.conf", home);
	else
		buf[0] = '\0';
	if (buf[0] && access(buf, R_OK) == 0)
		return buf;
	snprintf(buf, n, "/etc/lapor.conf");
	if (access(buf, R_OK) == 0)
		return buf;
	return NULL;
}

void con_config_load(struct con_config *c, const char *path)
{
	char buf[4096];

	con_config_init(c);
	con_config_parse(c, con_default_config, "(defaults)");
	c->rebound = 0;
	if (path) {
		if (con_config_parse_file(c, path) < 0)
			report(c, path, 0, _("cannot read: %s"), strerror(errno));
		return;
	}
	path = con_config_default_path(buf, sizeof(buf));
	if (path)
		con_config_parse_file(c, path);
}
