/* layout.c: column and screen arithmetic (see layout.h). */
#include "layout.h"

#include <string.h>

#include "safetext.h"

#define X_HEAD(s, h, w, p) h,
#define X_WIDTH(s, h, w, p) w,
#define X_PRIO(s, h, w, p) p,
static const char *const headings[] = { CON_COLUMN_LIST(X_HEAD) };
static const int widths[] = { CON_COLUMN_LIST(X_WIDTH) };
static const int prios[] = { CON_COLUMN_LIST(X_PRIO) };

const char *con_column_heading(enum con_column_id c)
{
	return (c >= 0 && c < CON_COL_COUNT) ? headings[c] : "";
}

const char *con_column_label(enum con_column_id c)
{
	const char *h = con_column_heading(c);

	return h[0] ? _(h) : "";
}

/* The column's width: its own, or its translated heading's when wider. */
static int col_width(int i)
{
	int hw = (int)lp_text_width(con_column_label((enum con_column_id)i));

	return hw > widths[i] ? hw : widths[i];
}

static int used_width(const bool shown[CON_COL_COUNT])
{
	int w = 0;

	for (int i = 0; i < CON_COL_COUNT; i++)
		if (shown[i] && i != CON_COL_TITLE)
			w += col_width(i) + 1;
	return w;
}

void con_layout_list(int width, struct con_list_layout *out)
{
	bool shown[CON_COL_COUNT];
	int x = 0, maxp = 0;

	memset(out, 0, sizeof(*out));
	out->width = width < 0 ? 0 : width;
	for (int i = 0; i < CON_COL_COUNT; i++) {
		shown[i] = true;
		if (prios[i] > maxp)
			maxp = prios[i];
	}
	/* Drop the least needed columns until the title has room. */
	for (int p = maxp; p > 0 && out->width - used_width(shown) < CON_TITLE_MIN; p--)
		for (int i = 0; i < CON_COL_COUNT; i++)
			if (prios[i] == p)
				shown[i] = false;
	for (int i = 0; i < CON_COL_COUNT; i++) {
		struct con_column *c = &out->col[i];

		c->shown = shown[i];
		if (!shown[i])
			continue;
		c->x = x;
		c->w = i == CON_COL_TITLE ? out->width - x : col_width(i);
		if (c->x + c->w > out->width)
			c->w = out->width - c->x;
		if (c->w <= 0) {
			c->w = 0;
			c->shown = false;
			c->x = out->width;
			continue;
		}
		x += c->w + 1;
	}
}

void con_layout_screen(int rows, int cols, enum con_sidebar mode, struct con_screen_layout *out)
{
	memset(out, 0, sizeof(*out));
	out->rows = rows;
	out->cols = cols;
	out->sidebar = mode == CON_SIDEBAR_ON ? cols >= 60 :
		       mode == CON_SIDEBAR_AUTO ? cols >= CON_SIDEBAR_MIN_COLS : false;
	out->side_w = out->sidebar ? CON_SIDEBAR_WIDTH : 0;
	out->main_x = out->side_w;
	out->main_w = cols - out->side_w;
	out->body_y = 1;
	out->body_h = rows - 3;
	if (out->body_h < 1)
		out->body_h = 1;
	out->msg_y = rows - 2;
	out->bar_y = rows - 1;
}
