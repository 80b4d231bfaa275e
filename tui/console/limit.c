/* limit.c: 'l' (limit): the prompt on the bottom line (lineedit.c) for a
 * query that limits the case list, with its own history
 * ($XDG_STATE_HOME/lapor/limit-history); list.c composes it with the
 * queue's query and shows the caret under a bad query's column. */
#include "app.h"

#include <stdlib.h>

#include "i18n.h"
#include "lineedit.h"

static char *prompt(EditLine *e)
{
	(void)e;
	/* The same words as the echo of a bad query (list.c), so the caret lines up. */
	return (char *)_("limit: ");
}

static struct con_lineedit editor = {
	.name = "lapor-limit",
	.history_file = "limit-history",
	.history_size = 500,
	.prompt = prompt,
};

void con_limit_end(void)
{
	con_lineedit_end(&editor);
}

int con_limit_prompt(struct con_app *app)
{
	if (app->focus != app->list) {
		con_message(app, false, _("A limit applies to the case list (q goes back to it)."));
		return CON_F_REDRAW;
	}
	bool unavailable;
	char *copy = con_lineedit_read(app, &editor, &unavailable);
	if (unavailable) {
		con_message(app, true, _("The limit prompt is not available."));
		return CON_F_REDRAW;
	}
	if (!copy) /* ^D: keep the limit as it is */
		return CON_F_REDRAW;
	con_list_set_limit(app->list, copy);
	free(copy);
	return CON_F_REDRAW;
}
