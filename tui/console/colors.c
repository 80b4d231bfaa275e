/* colors.c: colour meanings and their curses attributes (see colors.h). */
#define _XOPEN_SOURCE_EXTENDED 1
#include "colors.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define X_NAME(s, n, m) n,
#define X_MONO(s, n, m) m,
static const char *const color_names[] = { CON_COLOR_LIST(X_NAME) };
static const int color_mono[] = { CON_COLOR_LIST(X_MONO) };

static unsigned long attr_of[CON_COLOR_COUNT];
static bool colors_active;

const char *con_color_name(enum con_color c)
{
	return (c >= 0 && c < CON_COLOR_COUNT) ? color_names[c] : "?";
}

int con_color_parse(const char *name)
{
	for (int i = 0; name && i < CON_COLOR_COUNT; i++)
		if (strcmp(color_names[i], name) == 0)
			return i;
	return -1;
}

int con_color_mono(enum con_color c)
{
	return (c >= 0 && c < CON_COLOR_COUNT) ? color_mono[c] : 0;
}

int con_color_value_parse(const char *s)
{
	static const char *const names[] = { "black", "red", "green", "yellow",
					     "blue", "magenta", "cyan", "white" };
	char *end;
	long v;

	if (!s)
		return -2;
	if (strcasecmp(s, "default") == 0)
		return -1;
	for (int i = 0; i < 8; i++)
		if (strcasecmp(s, names[i]) == 0)
			return i;
	if (strncasecmp(s, "color", 5) == 0 && s[5]) {
		v = strtol(s + 5, &end, 10);
		if (*end == '\0' && v >= 0 && v <= 255)
			return (int)v;
	}
	return -2;
}

int con_attr_parse(const char *s)
{
	if (!s)
		return -1;
	if (strcmp(s, "bold") == 0)
		return CON_ATTR_BOLD;
	if (strcmp(s, "reverse") == 0)
		return CON_ATTR_REVERSE;
	if (strcmp(s, "underline") == 0)
		return CON_ATTR_UNDERLINE;
	if (strcmp(s, "dim") == 0)
		return CON_ATTR_DIM;
	if (strcmp(s, "normal") == 0)
		return CON_ATTR_NONE;
	return -1;
}

static unsigned long curses_attrs(int a)
{
	unsigned long r = A_NORMAL;

	if (a & CON_ATTR_BOLD)
		r |= A_BOLD;
	if (a & CON_ATTR_REVERSE)
		r |= A_REVERSE;
	if (a & CON_ATTR_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & CON_ATTR_DIM)
		r |= A_DIM;
	return r;
}

void con_colors_init(const struct con_color_spec specs[CON_COLOR_COUNT])
{
	const char *nc = getenv("NO_COLOR");

	colors_active = !(nc && *nc) && has_colors();
	if (colors_active && start_color() == OK)
		use_default_colors();
	else
		colors_active = false;
	for (int i = 0; i < CON_COLOR_COUNT; i++) {
		if (!colors_active) {
			attr_of[i] = curses_attrs(color_mono[i]);
			continue;
		}
		short fg = specs[i].fg, bg = specs[i].bg;

		if (fg >= COLORS)
			fg = -1;
		if (bg >= COLORS)
			bg = -1;
		if (i + 1 < COLOR_PAIRS && init_pair((short)(i + 1), fg, bg) == OK)
			attr_of[i] = COLOR_PAIR(i + 1) | curses_attrs(specs[i].attrs);
		else
			attr_of[i] = curses_attrs(color_mono[i]);
	}
}

unsigned long con_color_attr(enum con_color c)
{
	return (c >= 0 && c < CON_COLOR_COUNT) ? attr_of[c] : A_NORMAL;
}

bool con_colors_active(void)
{
	return colors_active;
}
