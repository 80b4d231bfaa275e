/* app.c: lp_console_run and the one main loop: it reads a key, asks the
 * focused view, then the application, polls the database for other
 * officers' changes every second, and redraws. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "app.h"

#include <curses.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "colors.h"
#include "console.h"
#include "i18n.h"
#include "session.h"
#include "store.h"

/* ---- messages, tags ---- */

void con_message(struct con_app *app, bool error, const char *fmt, ...)
{
	va_list ap;
	char raw[sizeof(app->msg)];

	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	/* Messages can quote case text (core's refusals): keep them safe. */
	con_safe_line(raw, app->msg, sizeof(app->msg));
	app->msg_error = error;
}

bool con_is_tagged(const struct con_app *app, int64_t id)
{
	for (int i = 0; i < app->ntags; i++)
		if (app->tags[i] == id)
			return true;
	return false;
}

void con_toggle_tag(struct con_app *app, int64_t id)
{
	for (int i = 0; i < app->ntags; i++)
		if (app->tags[i] == id) {
			app->tags[i] = app->tags[--app->ntags];
			return;
		}
	if (app->ntags < CON_TAGS_MAX)
		app->tags[app->ntags++] = id;
	else
		con_message(app, true, _("At most %d cases can be tagged."), CON_TAGS_MAX);
}

/* ---- acting ---- */

void con_open_case(struct con_app *app, int64_t id)
{
	struct con_view *cv = con_case_view_create(app, id);

	if (!cv)
		return;
	cv->r = app->list->r;
	if (con_case_view_load(cv) != LP_OK) {
		cv->ops->destroy(cv);
		return;
	}
	if (app->casev)
		app->casev->ops->destroy(app->casev);
	app->casev = cv;
	app->narrow_queues = false;
	app->focus = cv;
	con_offer_draft(app, id);
}

static void close_case(struct con_app *app)
{
	if (!app->casev)
		return;
	app->casev->ops->destroy(app->casev);
	app->casev = NULL;
	app->focus = con_main_view(app);
}

static void close_over(struct con_app *app)
{
	if (!app->over)
		return;
	app->over->ops->destroy(app->over);
	app->over = NULL;
	if (app->focus != app->casev)
		app->focus = con_main_view(app);
}

/* Starts taking the queue counts: a queue at a time, between keys
 * (count_step), so that the console answers keys at once even while a
 * large server counts (about 2.5 s for an admin at 1,000,000 cases on
 * PostgreSQL, where a page takes a few ms). */
static void recount(struct con_app *app)
{
	struct timespec t0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	app->counts_stale = false;
	con_queues_count_begin(app);
	app->count_spent = con_ms_since(&t0);
}

/* Counts the next queue; the last one ends the count. */
static void count_step(struct con_app *app)
{
	struct timespec t0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	bool more = con_queues_count_step(app);
	app->count_spent += con_ms_since(&t0);
	if (!more) {
		app->count_ms = app->count_spent;
		clock_gettime(CLOCK_MONOTONIC, &app->counted_at);
		con_trace(app, "counts");
	}
}

/* After a change the counts are taken again at once when they are cheap
 * (under COUNT_CHEAP_MS), else once ten times their last duration has
 * passed (checked again while the officer is idle): counting keeps at
 * most a tenth of the console's time. */
#define COUNT_CHEAP_MS 100.0

static bool maybe_recount(struct con_app *app)
{
	if (!app->counts_stale || app->counting)
		return false;
	if (app->count_ms >= COUNT_CHEAP_MS &&
	    con_ms_since(&app->counted_at) < 10.0 * app->count_ms)
		return false;
	recount(app);
	return true;
}

static void reload_all(struct con_app *app)
{
	app->counts_stale = true;
	maybe_recount(app);
	app->list->ops->reload(app->list);
	if (app->over)
		app->over->ops->reload(app->over);
	if (app->casev)
		app->casev->ops->reload(app->casev);
}

static int switch_queue(struct con_app *app, int dir)
{
	int n = con_queue_count(app);

	for (int q = app->queue + dir; q >= 0 && q < n; q += dir)
		if (con_queue_visible(app, q)) {
			close_case(app);
			close_over(app);
			con_list_set_queue(app->list, q);
			con_queues_select(app->queues, q);
			break;
		}
	return CON_F_REDRAW;
}

static int app_key(struct con_app *app, enum con_action a)
{
	int64_t id = 0, version = 0;
	const struct con_row *r;

	switch (a) {
	case CON_ACT_QUIT:
		if (app->focus == app->list)
			return CON_F_QUIT;
		if (app->over && app->focus == app->over)
			close_over(app);
		return CON_F_REDRAW;
	case CON_ACT_LIMIT:
		return con_limit_prompt(app);
	case CON_ACT_FIND: {
		char buf[sizeof(app->find)];

		snprintf(buf, sizeof(buf), "%s", app->find);
		if (con_prompt(app, _("Search every case for: "), buf, sizeof(buf)) && buf[0])
			con_search_open(app, buf);
		return CON_F_REDRAW;
	}
	case CON_ACT_DASHBOARD:
		close_case(app);
		con_dashboard_open(app);
		return CON_F_REDRAW;
	case CON_ACT_HELP:
		con_show_help(app);
		return CON_F_REDRAW;
	case CON_ACT_REFRESH:
		clearok(curscr, TRUE);
		return CON_F_RELOAD;
	case CON_ACT_QUEUES:
		if (app->focus == app->casev)
			close_case(app);
		close_over(app);
		if (!app->lay.sidebar && !app->narrow_queues) {
			app->narrow_queues = true;
			con_queues_recount_saved(app); /* counted when shown */
		}
		app->focus = app->queues;
		con_queues_select(app->queues, app->queue);
		return CON_F_REDRAW;
	case CON_ACT_NEXT_QUEUE:
		return switch_queue(app, 1);
	case CON_ACT_PREV_QUEUE:
		return switch_queue(app, -1);
	case CON_ACT_COMMAND:
		return con_cmdline(app);
	case CON_ACT_GOTO: {
		char buf[32] = "";

		if (con_prompt(app, _("Open case number: "), buf, sizeof(buf)) && buf[0]) {
			char *end;
			long long n = strtoll(buf, &end, 10);

			if (*end || n <= 0)
				con_message(app, true, _("Not a case number: %s"), buf);
			else
				con_open_case(app, n);
		}
		return CON_F_REDRAW;
	}
	case CON_ACT_TAG_PREFIX:
		if (!app->ntags) {
			con_message(app, false, _("No case is tagged (t tags the selected case)."));
			return CON_F_REDRAW;
		}
		app->tag_prefix = true;
		return CON_F_REDRAW;
	case CON_ACT_UNTAG_ALL:
		app->ntags = 0;
		con_message(app, false, _("Untagged every case."));
		return CON_F_REDRAW;
	case CON_ACT_TAG:
		if (app->casev && con_case_view_current(app->casev, &id, &version)) {
			con_toggle_tag(app, id);
			con_message(app, false, con_is_tagged(app, id) ? _("Case %lld tagged.") :
				    _("Case %lld untagged."), (long long)id);
		}
		return CON_F_REDRAW;
	default:
		break;
	}
	if (!con_action_changes(a))
		return CON_F_REDRAW;
	if (app->tag_prefix) {
		app->tag_prefix = false;
		return con_run_tagged(app, a);
	}
	if (app->casev && app->focus == app->casev) {
		if (!con_case_view_current(app->casev, &id, &version))
			return CON_F_REDRAW;
	} else if (app->over && app->focus == app->over) {
		if (!app->over->ops->current ||
		    !app->over->ops->current(app->over, &id, &version)) {
			con_message(app, false, _("No case selected."));
			return CON_F_REDRAW;
		}
	} else {
		r = con_list_selected(app->list);
		if (!r) {
			con_message(app, false, _("No case selected."));
			return CON_F_REDRAW;
		}
		id = r->id;
		version = r->version;
	}
	return con_run_action(app, a, id, version);
}

/* Polls the database's change counter; re-reads what is shown when
 * another officer changed something. */
static bool poll_changes(struct con_app *app)
{
	int64_t v;

	if (lp_store_data_version(lp_session_store(app->s), &v, NULL) != LP_OK)
		return false;
	if (v == app->data_version)
		return false;
	app->data_version = v;
	return true;
}

static int run(struct con_app *app)
{
	struct timespec last_poll;
	bool first = true;

	clock_gettime(CLOCK_MONOTONIC, &last_poll);
	while (!app->quit) {
		wint_t ch;
		int rc, flags = 0, key;
		enum con_action a;
		struct timespec t0;
		char keyname[32];

		con_draw_all(app);
		if (first) {
			/* The cases are on the screen; the queue counts come next. */
			con_trace(app, "first-frame");
			first = false;
			recount(app);
			continue;
		}
		timeout(app->counting ? 0 : 1000); /* counting: only while no key waits */
		rc = con_getkey(&ch);
		clock_gettime(CLOCK_MONOTONIC, &t0);
		if (rc == ERR && app->counting) {
			count_step(app);
			continue;
		}
		if (rc == ERR && maybe_recount(app))
			continue; /* idle: the counts put off after a change */
		if (con_ms_since(&last_poll) >= 1000.0 || rc == ERR) {
			clock_gettime(CLOCK_MONOTONIC, &last_poll);
			if (poll_changes(app)) {
				int64_t id = 0, before = 0, after = 0;

				if (app->casev)
					con_case_view_current(app->casev, &id, &before);
				reload_all(app);
				if (app->casev && con_case_view_current(app->casev, &id, &after) &&
				    after != before)
					con_message(app, false, _("Case %lld was just changed by "
						    "another officer (now version %lld)."),
						    (long long)id, (long long)after);
				con_trace(app, "reload");
			}
		}
		if (rc == ERR)
			continue;
		if (rc == KEY_CODE_YES && ch == KEY_RESIZE) {
			con_layout(app);
			clearok(curscr, TRUE);
			con_trace(app, "resize");
			continue;
		}
		key = con_key_from_wch(rc, (unsigned)ch);
		a = con_keymap_lookup(&app->conf.keys, app->focus->ops->keymap, key);
		app->msg[0] = '\0';
		app->msg2[0] = '\0';
		if (a == CON_ACT_NONE) {
			con_message(app, false, _("Key %s does nothing here; ? lists the keys."),
				    con_key_name(key, keyname, sizeof(keyname)));
			continue;
		}
		if (app->tag_prefix && !con_action_changes(a) && a != CON_ACT_TAG_PREFIX) {
			app->tag_prefix = false;
			if (a == CON_ACT_QUIT)
				continue;
		}
		flags = app->focus->ops->key(app->focus, a, key);
		if (flags & CON_F_UNHANDLED)
			flags = app_key(app, a);
		if (flags & CON_F_CLOSE)
			close_case(app);
		if (flags & CON_F_RELOAD)
			reload_all(app);
		if (flags & CON_F_QUIT)
			app->quit = true;
		if (app->trace) {
			char what[96];

			con_draw_all(app);
			snprintf(what, sizeof(what), "key %s %s %.3fms",
				 con_key_name(key, keyname, sizeof(keyname)), con_action_name(a),
				 con_ms_since(&t0));
			con_trace(app, what);
		}
	}
	return 0;
}

const char *lp_console_database(const char *config_path, char *buf, unsigned long n)
{
	struct con_config *c = malloc(sizeof(*c));

	if (!c || n == 0)
		return free(c), NULL;
	con_config_load(c, config_path);
	snprintf(buf, n, "%s", c->database);
	free(c);
	return buf[0] ? buf : NULL;
}

int lp_console_run(struct lp_session *s, const char *config_path)
{
	struct con_app *app = calloc(1, sizeof(*app));
	const char *trace = getenv("LAPOR_TRACE_FILE");
	int status = 0;

	con_clock_start();
	if (!app)
		return LP_EINTERNAL;
	app->s = s;
	app->me = lp_session_officer(s);
	if (!app->me) {
		fprintf(stderr, "lapor: %s\n", _("the console needs a registered officer"));
		free(app);
		return LP_EPERM;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "lapor: %s\n", _("the console needs a terminal; see lapor help "
						  "for the subcommands"));
		free(app);
		return LP_EUSAGE;
	}
	if (trace && *trace)
		app->trace = fopen(trace, "a");
	con_trace(app, "start");
	setlocale(LC_ALL, "");
	con_config_load(&app->conf, config_path);
	for (int q = 0; q < con_queue_count(app); q++)
		if (con_queue_visible(app, q)) {
			app->queue = q;
			break;
		}
	con_signals_install();
	if (!initscr()) {
		free(app);
		return LP_EIO;
	}
	con_curses_active(true);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	set_escdelay(50);
	timeout(1000);
	con_colors_init(app->conf.colors);
	app->queues = con_queues_view_create(app);
	app->list = con_list_view_create(app);
	if (!app->queues || !app->list) {
		endwin();
		status = LP_EINTERNAL;
		goto out;
	}
	app->focus = app->list;
	lp_store_data_version(lp_session_store(s), &app->data_version, NULL);
	for (int q = 0; q < (int)(sizeof(app->counts) / sizeof(app->counts[0])); q++)
		app->counts[q] = -1;
	con_layout(app);
	con_list_set_queue(app->list, app->queue);
	if (app->conf.nerrors)
		con_message(app, true, "%s%s", app->conf.errors[0],
			    app->conf.nerrors > 1 ? _(" (and more errors)") : "");
	status = run(app);
	con_cmdline_end();
	con_limit_end();
	endwin();
	con_curses_active(false);
	if (app->conf.nerrors)
		for (int i = 0; i < app->conf.nerrors && i < CON_CONFIG_ERRORS_MAX; i++)
			fprintf(stderr, "lapor: %s\n", app->conf.errors[i]);
out:
	if (app->casev)
		app->casev->ops->destroy(app->casev);
	if (app->over)
		app->over->ops->destroy(app->over);
	free(app->saved);
	if (app->list)
		app->list->ops->destroy(app->list);
	if (app->queues)
		app->queues->ops->destroy(app->queues);
	if (app->trace)
		fclose(app->trace);
	free(app);
	return status;
}
