/* lineedit.h: a libedit prompt on the console's bottom line, with its own
 * history file, for the ':' command line and 'l' (limit). */
#ifndef LAPOR_CON_LINEEDIT_H
#define LAPOR_CON_LINEEDIT_H

#include <histedit.h>
#include <stdbool.h>

struct con_app;

/* One prompt: zero-initialise, name the fields, then read; the editor is
 * made on the first read (libedit takes the terminal's modes then). */
struct con_lineedit {
	const char *name;               /* libedit's program name, for editrc */
	const char *history_file;       /* under $XDG_STATE_HOME/lapor */
	int history_size;               /* entries kept */
	char *(*prompt)(EditLine *e);   /* the prompt's text */
	void (*setup)(EditLine *e);     /* extra bindings (may be NULL), once */
	/* private */
	EditLine *el;
	History *hist;
	char hist_path[4096];
};

/* Suspends curses, reads one line on the bottom line and resumes.
 * Returns the line without its newline (the caller frees it; a non-empty
 * one is added to the history and saved), or NULL on ^D, or NULL with
 * *unavailable set when libedit could not start. */
char *con_lineedit_read(struct con_app *app, struct con_lineedit *le, bool *unavailable);

/* Saves the history and frees the editor (le may be unused). */
void con_lineedit_end(struct con_lineedit *le);

#endif
