/* lineedit.c: a libedit prompt on the console's bottom line (lineedit.h). */
#define _XOPEN_SOURCE_EXTENDED 1
#include "lineedit.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"

static void init_el(struct con_lineedit *le)
{
	HistEvent ev;

	if (le->el)
		return;
	le->el = el_init(le->name, stdin, stdout, stderr);
	le->hist = history_init();
	if (!le->el || !le->hist) {
		con_lineedit_end(le);
		return;
	}
	history(le->hist, &ev, H_SETSIZE, le->history_size);
	history(le->hist, &ev, H_SETUNIQUE, 1);
	con_state_path(le->history_file, le->hist_path, sizeof(le->hist_path));
	history(le->hist, &ev, H_LOAD, le->hist_path);
	el_set(le->el, EL_EDITOR, "emacs");
	el_set(le->el, EL_PROMPT, le->prompt);
	el_set(le->el, EL_HIST, history, le->hist);
	if (le->setup)
		le->setup(le->el);
	el_set(le->el, EL_SIGNAL, 1);
}

char *con_lineedit_read(struct con_app *app, struct con_lineedit *le, bool *unavailable)
{
	const char *line;
	char *copy;
	int count = 0;

	*unavailable = false;
	con_blank(app->lay.bar_y, 0, app->lay.cols, A_NORMAL);
	move(app->lay.bar_y, 0);
	curs_set(1);
	refresh();
	/* The terminal's own modes for libedit, keeping the screen as it is:
	 * the prompt edits the bottom line under the console.  libedit reads
	 * the terminal's modes when it starts: the shell's, not curses'. */
	def_prog_mode();
	reset_shell_mode();
	init_el(le);
	if (!le->el) {
		con_resume(app);
		*unavailable = true;
		return NULL;
	}
	line = el_gets(le->el, &count);
	copy = line ? strdup(line) : NULL;
	curs_set(0);
	con_resume(app);
	if (!copy)
		return NULL;
	copy[strcspn(copy, "\r\n")] = '\0';
	if (copy[0]) {
		HistEvent ev;

		history(le->hist, &ev, H_ENTER, copy);
		if (le->hist_path[0])
			history(le->hist, &ev, H_SAVE, le->hist_path);
	}
	return copy;
}

void con_lineedit_end(struct con_lineedit *le)
{
	if (le->hist) {
		HistEvent ev;

		if (le->hist_path[0])
			history(le->hist, &ev, H_SAVE, le->hist_path);
		history_end(le->hist);
		le->hist = NULL;
	}
	if (le->el) {
		el_end(le->el);
		le->el = NULL;
	}
}
