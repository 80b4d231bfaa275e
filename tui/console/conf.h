/* conf.h: lapor.conf, the console's configuration.
 *
 *   bind VIEW KEY ACTION          views: generic list case queues
 *   color MEANING FG BG [ATTR]... meanings: colors.h; ATTR bold reverse underline dim
 *   set database PATH
 *   set sidebar auto|on|off
 *   set language id|en            (read by tui/lang.c before anything is shown)
 *
 * '#' starts a comment; "double quotes" keep spaces.  The defaults are
 * con_default_config, in the same syntax, parsed by the same parser.
 * A bad line is reported as "FILE:LINE: why" and skipped. */
#ifndef LAPOR_CONSOLE_CONF_H
#define LAPOR_CONSOLE_CONF_H

#include "colors.h"
#include "keys.h"

enum con_sidebar { CON_SIDEBAR_AUTO, CON_SIDEBAR_ON, CON_SIDEBAR_OFF };

#define CON_CONFIG_ERRORS_MAX 16
#define CON_CONFIG_ERROR_LEN 300

struct con_config {
	struct con_keymap keys;                   /* bindings of every view */
	struct con_color_spec colors[CON_COLOR_COUNT]; /* colour of each meaning */
	char database[4096];                      /* set database; "" when not set */
	enum con_sidebar sidebar;                 /* set sidebar */
	char language[8];                         /* set language: "id", "en"; "" when not set */
	int nerrors;                              /* errors found (all of them) */
	/* the first errors, "FILE:LINE: why" */
	char errors[CON_CONFIG_ERRORS_MAX][CON_CONFIG_ERROR_LEN];
	int rebound;                              /* bind lines that replaced a key bound earlier */
};

/* The built-in defaults, in lapor.conf syntax. */
extern const char con_default_config[];

/* Empties c (no bindings, default colours, sidebar auto). */
void con_config_init(struct con_config *c);
/* Parses text (named `name` in errors) into c; returns the number of
 * bad lines in it. */
int con_config_parse(struct con_config *c, const char *text, const char *name);
/* Parses the file at path; returns the bad lines, or -1 when it cannot
 * be read (errno set; nothing recorded). */
int con_config_parse_file(struct con_config *c, const char *path);
/* The first existing default file ($XDG_CONFIG_HOME/lapor/lapor.conf or
 * ~/.config/lapor/lapor.conf, then /etc/lapor.conf) into buf, or NULL. */
const char *con_config_default_path(char *buf, unsigned long n);
/* Initialises c with the defaults, then reads `path` (or the default
 * file when path is NULL).  An explicit path that cannot be read is an
 * error in c->errors. */
void con_config_load(struct con_config *c, const char *path);

#endif
