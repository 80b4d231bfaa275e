/* layout.h: where things go on the screen, as pure arithmetic (no
 * curses), so it can be tested at any size. */
#ifndef LAPOR_CONSOLE_LAYOUT_H
#define LAPOR_CONSOLE_LAYOUT_H

#include <stdbool.h>

#include "conf.h"
#include "i18n.h"

/* Case list columns, left to right: X(enum suffix, heading, width, drop
 * priority: 0 never dropped, higher is dropped first). The title takes the rest. */
#define CON_COLUMN_LIST(X) \
	X(MARK, "", 2, 0) \
	X(ID, N_("No."), 7, 0) \
	X(AGE, N_("Age"), 4, 1) \
	X(DUE, N_("Due"), 6, 0) \
	X(STATUS, N_("Status"), 11, 0) \
	X(AGENCY, N_("Agency"), 11, 2) \
	X(CATEGORY, N_("Category"), 14, 3) \
	X(TITLE, N_("Title"), 0, 0)

#define CON_X_COLUMN(s, h, w, p) CON_COL_##s,
enum con_column_id { CON_COLUMN_LIST(CON_X_COLUMN) CON_COL_COUNT };

#define CON_TITLE_MIN 24     /* columns are dropped until the title gets this much */
#define CON_SIDEBAR_MIN_COLS 120
#define CON_SIDEBAR_WIDTH 30

struct con_column {
	int x, w;       /* start and width (w excludes the one-space gap after it) */
	bool shown;
};

struct con_list_layout {
	int width;                       /* the width laid out */
	struct con_column col[CON_COL_COUNT];
};

const char *con_column_heading(enum con_column_id c); /* untranslated */
/* The heading in the officer's language (static; "" for the mark column,
 * never gettext("")).  A column is at least as wide as its label. */
const char *con_column_label(enum con_column_id c);

/* Lays out the list's columns in `width` terminal columns; a column whose
 * translated heading is wider than its width grows to fit it. */
void con_layout_list(int width, struct con_list_layout *out);

/* The screen: a header line, the body (sidebar + main), a message line
 * and the F-key bar. */
struct con_screen_layout {
	int rows, cols;
	bool sidebar;          /* the queue sidebar is shown */
	int side_w;            /* its width (0 when hidden), including its border */
	int main_x, main_w;    /* the main view's columns */
	int body_y, body_h;    /* the rows between header and message line */
	int msg_y, bar_y;      /* message line and F-key bar */
};

void con_layout_screen(int rows, int cols, enum con_sidebar mode, struct con_screen_layout *out);

#endif
