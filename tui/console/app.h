/* app.h: the console's shared state and the view framework (tig/htop
 * style): each view is an object with a vtable; key handlers return
 * flags and the one main loop in app.c decides what to redraw.
 *
 * Drawing goes to stdscr inside the view's rectangle.  Text from cases
 * is made safe (lp_safe_text) when it is loaded, before it is kept. */
#ifndef LAPOR_CONSOLE_APP_H
#define LAPOR_CONSOLE_APP_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <wchar.h>

#include "cases.h"
#include "conf.h"
#include "error.h"
#include "layout.h"
#include "listmodel.h"
#include "model.h"
#include "store.h"

struct lp_session;
struct con_app;

/* What a key handler asks the main loop to do. */
enum con_flags {
	CON_F_REDRAW = 1 << 0,    /* draw the screen again */
	CON_F_RELOAD = 1 << 1,    /* re-read data (counts, the page, the open case) */
	CON_F_QUIT = 1 << 2,      /* leave the console */
	CON_F_CLOSE = 1 << 3,     /* close this view (back to the one below) */
	CON_F_UNHANDLED = 1 << 4, /* not this view's key: try the application's */
};

struct con_rect {
	int y, x, h, w;
};

struct con_view;

struct con_view_ops {
	const char *name;                         /* shown in help */
	enum con_viewid keymap;                     /* which keymap applies */
	void (*draw)(struct con_view *v);         /* draws the view inside v->r */
	int (*key)(struct con_view *v, enum con_action a, int key); /* handles an action: CON_F_* */
	void (*resize)(struct con_view *v);       /* v->r changed */
	int (*reload)(struct con_view *v);        /* re-reads data after a change: CON_F_* */
	void (*destroy)(struct con_view *v);      /* frees the view (NULL allowed) */
	/* The case the view points at (NULL op or false: none): what the
	 * upper-case keys act on when the view has the focus. */
	bool (*current)(struct con_view *v, int64_t *id, int64_t *version);
};

struct con_view {
	const struct con_view_ops *ops;
	struct con_app *app;
	struct con_rect r;       /* where it draws */
	bool focused;
};

/* The views (queues.c, list.c, caseview.c). */
struct con_view *con_queues_view_create(struct con_app *app);
struct con_view *con_list_view_create(struct con_app *app);
struct con_view *con_case_view_create(struct con_app *app, int64_t id);

/* The case view's hooks (caseview.c). */
bool con_case_view_current(struct con_view *cv, int64_t *id, int64_t *version);
int con_case_view_load(struct con_view *cv);
const struct lp_case *con_case_view_case(struct con_view *cv); /* borrowed; NULL when not loaded */

/* Queue selection (queues.c).  Queues 0 .. con_queue_builtin()-1 are
 * the built-in ones; the officer's saved queues (lp_queue_list) follow. */
int con_queue_builtin(void);
int con_queue_count(struct con_app *app);   /* built-in + saved */
/* Translated built-in name, or the saved queue's name (not yet safe:
 * draw it with con_put). */
const char *con_queue_name(struct con_app *app, int q);
/* The saved queue's canonical query for queue q, or NULL for a built-in one. */
const char *con_queue_query(struct con_app *app, int q);
bool con_queue_visible(struct con_app *app, int q);
/* Fills opts for queue q; *floor_now set when the queue starts after now. */
void con_queue_opts(struct con_app *app, int q, struct lp_list_opts *o, bool *floor_now);
/* Re-reads the saved queues and recounts every visible queue (app->counts).
 * Saved queues are counted only while the queue list is on the screen. */
void con_queues_recount(struct con_app *app);
/* The same a queue at a time, between keys: begin re-reads the saved
 * queues (with their capped counts); each step counts one built-in queue
 * and says whether more remain (app->counting). */
void con_queues_count_begin(struct con_app *app);
bool con_queues_count_step(struct con_app *app);
/* Re-reads and counts the saved queues only (when the list comes into view). */
void con_queues_recount_saved(struct con_app *app);
/* Highlights queue q in the queue view. */
void con_queues_select(struct con_view *queues, int q);

/* The list view's hooks (list.c). */
void con_list_set_queue(struct con_view *list, int q);
/* The selected row, or NULL. Borrowed. */
const struct con_row *con_list_selected(struct con_view *list);
/* The current sort, for the header. Static/translated string. */
const char *con_list_sort_name(struct con_view *list);
/* Limits the list to the query text (ANDed with the queue's own query);
 * "" or NULL clears the limit.  On a bad query the list stays as it was
 * and the message shows the parser's error with a caret (limit.c). */
void con_list_set_limit(struct con_view *list, const char *text);
/* The active limit ("" when none) and its count (capped at
 * LP_QUEUE_COUNT_CAP), for the header. */
const char *con_list_limit(struct con_view *list, int64_t *count);

/* limit.c: the 'l' prompt (libedit, its own history file); returns CON_F_*. */
int con_limit_prompt(struct con_app *app);
void con_limit_end(void);
/* "(a) (b)" of two query texts, either may be empty; returns false when
 * out does not hold it.  Pure. */
bool con_limit_compose(const char *a, const char *b, char *out, size_t n);
/* Two lines for a bad query: line1 = prefix + the query, line2 = spaces
 * and a caret under `column` (1-based characters) then the message, both
 * scrolled so the caret stays within `cols` columns.  Pure. */
void con_caret_lines(const char *prefix, const char *query, int column, const char *message,
		     int cols, char *line1, size_t n1, char *line2, size_t n2);

/* searchview.c: full-text search results as a list (Enter opens a case
 * with the words highlighted).  Replaces app->over. */
void con_search_open(struct con_app *app, const char *text);
/* dashview.c: the supervisor dashboard.  Replaces app->over. */
void con_dashboard_open(struct con_app *app);
/* One bar of `width` cells for v of max: UTF-8 eighth blocks when utf8,
 * else '#'; writes at most n bytes.  Returns the cells used.  Pure. */
int con_bar(int64_t v, int64_t max, int width, bool utf8, char *buf, size_t n);

/* caseview.c: the similar open cases shown in the case view (at most
 * max); returns how many.  ids/labels are filled; labels are safe. */
int con_case_view_similar(struct con_view *cv, int64_t *ids, char (*labels)[160], int max);
/* Highlight these words (lp_highlight) in the case view; NULL or "": none. */
void con_case_view_highlight(struct con_view *cv, const char *words);

#define CON_TAGS_MAX 10000

struct con_app {
	struct lp_session *s;
	struct con_config conf;
	struct con_screen_layout lay;
	const struct lp_officer *me;      /* borrowed from the session */
	struct con_view *queues;          /* the queue list (sidebar or full screen) */
	struct con_view *list;            /* the case list */
	struct con_view *casev;           /* the open case, or NULL */
	struct con_view *over;            /* search results or dashboard over the list, or NULL */
	struct con_view *focus;           /* the view receiving keys */
	bool narrow_queues;               /* narrow screen: the queue list replaces the case list */
	int queue;                        /* the open queue */
	int64_t counts[32];               /* live count per queue (-1 unknown) */
	bool counts_stale;                /* a change since the counts were taken */
	struct timespec counted_at;       /* when they were last taken */
	double count_ms;                  /* ... and how long that took */
	bool counting;                    /* counting a queue at a time (between keys) */
	int count_next;                   /* the built-in queue counted next */
	double count_spent;               /* milliseconds spent on this count so far */
	struct lp_saved_queue *saved;     /* the officer's saved queues (owned) */
	int nsaved;                       /* how many (at most 32 - built-in queues) */
	int64_t data_version;             /* last seen lp_store_data_version */
	char msg[1024];                   /* the message line */
	bool msg_error;
	char msg2[1024];                  /* a line above the message (query echo), or "" */
	bool tag_prefix;                  /* ';' pressed: the next action applies to the tags */
	int64_t tags[CON_TAGS_MAX];       /* tagged cases */
	int ntags;
	char search[256];                 /* the last search */
	char find[256];                   /* the last full-text search */
	FILE *trace;                      /* LAPOR_TRACE_FILE, or NULL */
	bool quit;
};

/* term.c */
void con_clock_start(void);                      /* the trace clock's zero */
double con_ms_since(const struct timespec *t0);  /* milliseconds since t0 (CLOCK_MONOTONIC) */
void con_signals_install(void);                  /* SIGTERM/HUP/INT leave cleanly; SIGSEGV restores */
void con_curses_active(bool on);                 /* whether endwin is needed on the way out */

/* screen.c */
struct con_view *con_main_view(struct con_app *app); /* the open case, else the list */
void con_show_help(struct con_app *app);         /* every binding of the focused view */

/* app.c */
void con_message(struct con_app *app, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void con_layout(struct con_app *app);
void con_draw_all(struct con_app *app);
void con_open_case(struct con_app *app, int64_t id);
bool con_is_tagged(const struct con_app *app, int64_t id);
void con_toggle_tag(struct con_app *app, int64_t id);
void con_trace(struct con_app *app, const char *what);
/* Suspends curses (for $EDITOR and the libedit prompt) and resumes it. */
void con_suspend(void);
/* get_wch that leaves cleanly after SIGTERM/SIGHUP/SIGINT; every modal
 * loop reads keys through it. */
int con_getkey(wint_t *ch);
void con_resume(struct con_app *app);

/* draw.c: drawing helpers.  Text must already be safe. */
/* As con_put, drawing the byte ranges of `words` found by lp_highlight
 * in s with hl_attr (s must be safe already). */
void con_put_hl(int y, int x, int w, const char *s, const char *words, unsigned long attr,
		unsigned long hl_attr);
/* Writes s fitted to w columns at (y, x), padded with spaces. */
void con_put(int y, int x, int w, const char *s, unsigned long attr);
/* Fills w columns with spaces. */
void con_blank(int y, int x, int w, unsigned long attr);
/* A safe single-line copy of s into buf (n bytes), "" for NULL. */
char *con_safe_line(const char *s, char *buf, size_t n);

/* dialog.c: the message line and small dialogs, modal. */
bool con_confirm(struct con_app *app, const char *question);
/* A line of text typed on the message line; false when cancelled (Esc). */
bool con_prompt(struct con_app *app, const char *prompt, char *buf, size_t n);
/* Shows a scrolling text (help, the composed reply) until a key; returns the key. */
int con_show_text(struct con_app *app, const char *title, const char *text, const char *footer);

/* picker.c: a list to choose from, with type-ahead filtering (code or
 * name substring, case-insensitive).  Returns the index or -1. */
int con_pick(struct con_app *app, const char *title, const char *const *labels, int n);
/* The agency tree (all agencies): fills code (LP_CODE_MAX); false when cancelled. */
bool con_pick_agency(struct con_app *app, const char *title, char *code);
/* Officers of the subtree of `under`: fills login (LP_LOGIN_MAX). */
bool con_pick_officer(struct con_app *app, const char *under, char *login);

/* composer.c: writes a reply or note for case id (draft kept in the
 * database while writing); returns malloc'd text or NULL when cancelled. */
char *con_compose(struct con_app *app, int64_t id, enum lp_action kind);
/* Saves text as the officer's draft of case id (an error goes to the message line). */
void con_save_draft(struct con_app *app, int64_t id, enum lp_action kind, const char *text);
/* editor.c: the built-in editor; returns the malloc'd text, or NULL when
 * the officer stops (the draft is kept). */
char *con_edit_builtin(struct con_app *app, int64_t id, enum lp_action kind, const char *start,
		       const char *title);
/* Says so when a draft (database or editor file) waits for case id. */
void con_offer_draft(struct con_app *app, int64_t id);
/* After the text was sent: removes the editor's draft file. */
void con_compose_done(struct con_app *app, int64_t id);
/* $XDG_STATE_HOME/lapor/SUB (else ~/.local/state/lapor/SUB) into buf,
 * creating the directory. Returns buf. */
const char *con_state_path(const char *sub, char *buf, size_t n);

/* actions.c: runs a case action on the selected case or the tagged
 * ones, with its dialogs; returns CON_F_*. */
int con_run_action(struct con_app *app, enum con_action a, int64_t id, int64_t version);
/* Runs a command line (":reply 123 -m text"); returns CON_F_*. */
int con_run_command(struct con_app *app, const char *line);
/* The same action on every tagged case, with one summary. */
int con_run_tagged(struct con_app *app, enum con_action a);

/* cmdline.c: the ':' prompt (libedit, with history and completion);
 * returns CON_F_*. */
int con_cmdline(struct con_app *app);
void con_cmdline_end(void);

#endif
