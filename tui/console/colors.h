/* colors.h: colours named by what they mean, with a monochrome fallback.
 * The defaults are `color` lines in the default configuration
 * (conf.c); NO_COLOR or a terminal without colours uses the
 * attributes only (bold, reverse, underline). */
#ifndef LAPOR_CONSOLE_COLORS_H
#define LAPOR_CONSOLE_COLORS_H

#include <stdbool.h>

/* X(enum suffix, name in lapor.conf, monochrome attributes) */
#define CON_COLOR_LIST(X) \
	X(NORMAL, "normal", CON_ATTR_NONE) \
	X(HEADER, "header", CON_ATTR_REVERSE) \
	X(STATUS_BAR, "status-bar", CON_ATTR_REVERSE) \
	X(SELECTED, "selected", CON_ATTR_REVERSE) \
	X(OVERDUE, "overdue", CON_ATTR_BOLD) \
	X(DUE_SOON, "due-soon", CON_ATTR_UNDERLINE) \
	X(INTERNAL_NOTE, "internal-note", CON_ATTR_BOLD) \
	X(PUBLIC_REPLY, "public-reply", CON_ATTR_NONE) \
	X(SYSTEM_EVENT, "system-event", CON_ATTR_DIM) \
	X(TAGGED, "tagged", CON_ATTR_BOLD) \
	X(SIDEBAR, "sidebar", CON_ATTR_NONE) \
	X(TITLE, "title", CON_ATTR_BOLD) \
	X(LABEL, "label", CON_ATTR_BOLD) \
	X(FKEY, "fkey", CON_ATTR_NONE) \
	X(FKEY_LABEL, "fkey-label", CON_ATTR_REVERSE) \
	X(MESSAGE, "message", CON_ATTR_NONE) \
	X(ERROR, "error", CON_ATTR_BOLD) \
	X(MATCH, "match", CON_ATTR_UNDERLINE)

enum {
	CON_ATTR_NONE = 0,
	CON_ATTR_BOLD = 1 << 0,
	CON_ATTR_REVERSE = 1 << 1,
	CON_ATTR_UNDERLINE = 1 << 2,
	CON_ATTR_DIM = 1 << 3,
};

#define CON_X_COLOR(s, n, m) CON_COLOR_##s,
enum con_color { CON_COLOR_LIST(CON_X_COLOR) CON_COLOR_COUNT };

/* One meaning's colours: fg/bg are curses colour numbers, -1 for the
 * terminal's default; attrs are CON_ATTR_* bits. */
struct con_color_spec {
	short fg, bg;
	int attrs;
	bool set;        /* given by a color line */
};

const char *con_color_name(enum con_color c);  /* static; "?" out of range */
int con_color_parse(const char *name);        /* meaning, or -1 */
int con_color_mono(enum con_color c);          /* monochrome CON_ATTR_* */
/* "red", "default", "color123" -> colour number (-1 default); -2 when unknown. */
int con_color_value_parse(const char *s);
/* "bold", "reverse", "underline", "dim", "normal" -> CON_ATTR_*; -1 when unknown. */
int con_attr_parse(const char *s);

/* Sets up colour pairs (after initscr) from specs; uses attributes only
 * when NO_COLOR is set or the terminal has no colours. */
void con_colors_init(const struct con_color_spec specs[CON_COLOR_COUNT]);
/* The curses attributes (attr_t, with the colour pair) for a meaning. */
unsigned long con_color_attr(enum con_color c);
/* True when colours are in use (not NO_COLOR, not monochrome). */
bool con_colors_active(void);

#endif
