/* limit.c: 'l' (limit): a libedit prompt on the bottom line with its own
 * history ($XDG_STATE_HOME/lapor/limit-history), the composition of the
 * queue's query with the limit, and the caret under a bad query's column. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "app.h"

#include <curses.h>
#include <histedit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "safetext.h"

static EditLine *el;
static History *hist;
static char hist_path[4096];

static char *prompt(EditLine *e)
{
	(void)e;
	/* The same words as the echo of a bad query (list.c), so the caret lines up. */
	return (char *)_("limit: ");
}

static void init_el(void)
{
	HistEvent ev;

	if (el)
		return;
	el = el_init("lapor-limit", stdin, stdout, stderr);
	hist = history_init();
	if (!el || !hist)
		return;
	history(hist, &ev, H_SETSIZE, 500);
	history(hist, &ev, H_SETUNIQUE, 1);
	con_state_path("limit-history", hist_path, sizeof(hist_path));
	history(hist, &ev, H_LOAD, hist_path);
	el_set(el, EL_EDITOR, "emacs");
	el_set(el, EL_PROMPT, prompt);
	el_set(el, EL_HIST, history, hist);
	el_set(el, EL_SIGNAL, 1);
}

void con_limit_end(void)
{
	if (hist) {
		HistEvent ev;

		if (hist_path[0])
			history(hist, &ev, H_SAVE, hist_path);
		history_end(hist);
		hist = NULL;
	}
	if (el) {
		el_end(el);
		el = NULL;
	}
}

int con_limit_prompt(struct con_app *app)
{
	const char *line;
	char *copy;
	int count = 0;

	if (app->focus != app->list) {
		con_message(app, false, _("A limit applies to the case list (q goes back to it)."));
		return CON_F_REDRAW;
	}
	con_blank(app->lay.bar_y, 0, app->lay.cols, A_NORMAL);
	move(app->lay.bar_y, 0);
	curs_set(1);
	refresh();
	def_prog_mode();
	reset_shell_mode();
	init_el();
	if (!el) {
		con_resume(app);
		con_message(app, true, _("The limit prompt is not available."));
		return CON_F_REDRAW;
	}
	line = el_gets(el, &count);
	copy = line ? strdup(line) : NULL;
	curs_set(0);
	con_resume(app);
	if (!copy) /* ^D: keep the limit as it is */
		return CON_F_REDRAW;
	copy[strcspn(copy, "\r\n")] = '\0';
	if (copy[0]) {
		HistEvent ev;

		history(hist, &ev, H_ENTER, copy);
		if (hist_path[0])
			history(hist, &ev, H_SAVE, hist_path);
	}
	con_list_set_limit(app->list, copy);
	free(copy);
	return CON_F_REDRAW;
}
