/* keys.h: the console's actions (one X-macro table: enum, name, help),
 * key names as lapor.conf writes them, and the keymap of each view.
 *
 * Rule: lower-case keys only move, look and search; upper-case keys (and
 * F-keys bound to such actions) change a case.  The default bindings are
 * a string in lapor.conf syntax (con_default_config) parsed by the same
 * parser as the officer's file (conf.h). */
#ifndef LAPOR_CONSOLE_KEYS_H
#define LAPOR_CONSOLE_KEYS_H

#include <stdbool.h>

#include "i18n.h"

/* X(enum suffix, name in lapor.conf, help, changes a case) */
#define CON_ACTION_LIST(X) \
	X(QUIT, "quit", N_("close this view; in the queue list, leave the console"), 0) \
	X(HELP, "help", N_("show every key of this view"), 0) \
	X(UP, "up", N_("move up one line"), 0) \
	X(DOWN, "down", N_("move down one line"), 0) \
	X(PAGE_UP, "page-up", N_("move up one screen"), 0) \
	X(PAGE_DOWN, "page-down", N_("move down one screen"), 0) \
	X(FIRST, "first", N_("go to the first line"), 0) \
	X(LAST, "last", N_("go to the last line"), 0) \
	X(ENTER, "enter", N_("open the selected queue or case"), 0) \
	X(SEARCH, "search", N_("search for text in this view"), 0) \
	X(SEARCH_NEXT, "search-next", N_("go to the next match of the search"), 0) \
	X(COMMAND, "command", N_("open the command line (:reply 123, :goto 123, ...)"), 0) \
	X(REFRESH, "refresh", N_("re-read the cases and redraw the screen"), 0) \
	X(SORT, "sort", N_("sort by the next column (id, due, updated)"), 0) \
	X(SORT_REVERSE, "sort-reverse", N_("reverse the sort order"), 0) \
	X(TAG, "tag", N_("tag or untag the selected case"), 0) \
	X(TAG_PREFIX, "tag-prefix", N_("apply the next action to every tagged case"), 0) \
	X(UNTAG_ALL, "untag-all", N_("untag every case"), 0) \
	X(QUEUES, "queues", N_("switch to the list of queues"), 0) \
	X(NEXT_QUEUE, "next-queue", N_("open the next queue"), 0) \
	X(PREV_QUEUE, "prev-queue", N_("open the previous queue"), 0) \
	X(GOTO, "goto", N_("open a case by its number"), 0) \
	X(LIMIT, "limit", N_("show only the listed cases matching a query"), 0) \
	X(FIND, "find", N_("full-text search of every case you may see, best first"), 0) \
	X(DASHBOARD, "dashboard", N_("the supervisor dashboard of your agency and below"), 0) \
	X(REPLY, "reply", N_("answer the citizen publicly"), 1) \
	X(NOTE, "note", N_("add an internal note"), 1) \
	X(VERIFY, "verify", N_("verify a new report and route it to an agency"), 1) \
	X(POSTPONE, "postpone", N_("ask the citizen for more and wait"), 1) \
	X(ARCHIVE, "archive", N_("archive a report that will not be handled"), 1) \
	X(CLAIM, "claim", N_("take the case to work on yourself"), 1) \
	X(ASSIGN, "assign", N_("give the case to an officer"), 1) \
	X(TRANSFER, "transfer", N_("send the case to another agency or back to triage"), 1) \
	X(ESCALATE, "escalate", N_("raise the case to the parent agency"), 1) \
	X(EXTEND, "extend", N_("extend the deadline once, with a reason"), 1) \
	X(CLOSE, "close", N_("close the case with a resolution"), 1) \
	X(REOPEN, "reopen", N_("reopen a closed case"), 1) \
	X(MERGE, "merge", N_("archive a duplicate, linked to the kept case"), 1)

#define CON_X_ACTION(s, n, h, c) CON_ACT_##s,
enum con_action { CON_ACT_NONE = -1, CON_ACTION_LIST(CON_X_ACTION) CON_ACT_COUNT };

/* The views that have their own keymap; generic applies to all. */
#define CON_VIEW_LIST(X) \
	X(GENERIC, "generic") \
	X(LIST, "list") \
	X(CASE, "case") \
	X(QUEUES, "queues")
#define CON_X_VIEW(s, n) CON_VIEW_##s,
enum con_viewid { CON_VIEW_LIST(CON_X_VIEW) CON_VIEW_COUNT };

/* Names and help; static strings ("?" / NULL out of range). */
const char *con_action_name(enum con_action a);
const char *con_action_help(enum con_action a);   /* untranslated: pass through _() */
bool con_action_changes(enum con_action a);       /* true for actions that change a case */
int con_action_parse(const char *name);           /* -1 when unknown */
const char *con_view_name(enum con_viewid v);
int con_view_parse(const char *name);             /* -1 when unknown */

/* A key: a character (Unicode code point) or a curses key code marked
 * with CON_KEY_FN (KEY_UP | CON_KEY_FN).  Control keys are characters
 * 1..31 (^A..^_). */
#define CON_KEY_FN (1 << 24)

/* Parses "x", "X", "^X", "<Enter>", "<F2>", "<Up>", "<Space>", a single
 * UTF-8 character; returns the key or -1. */
int con_key_parse(const char *s);
/* Writes the lapor.conf name of key into buf ("j", "^X", "<F2>"). Returns buf. */
char *con_key_name(int key, char *buf, unsigned long n);
/* The key as returned by get_wch (rc is its return: OK or KEY_CODE_YES). */
int con_key_from_wch(int rc, unsigned int wch);

#define CON_KEYMAP_MAX 256

struct con_binding {
	int key;
	enum con_action action;
};

/* The bindings of every view (no allocation; copy freely). */
struct con_keymap {
	struct con_binding b[CON_VIEW_COUNT][CON_KEYMAP_MAX];
	int n[CON_VIEW_COUNT];
};

/* Empties the keymap. */
void con_keymap_init(struct con_keymap *km);
/* Binds key to action in view (replacing an earlier binding of that key
 * in that view).  Returns 1 when it replaced one, 0 when new, -1 when full. */
int con_keymap_bind(struct con_keymap *km, enum con_viewid v, int key, enum con_action a);
/* The action for key in view v, else in generic; CON_ACT_NONE when unbound. */
enum con_action con_keymap_lookup(const struct con_keymap *km, enum con_viewid v, int key);
/* Writes the keys bound to action a in view v (and generic) into buf,
 * as "j, <Down>"; returns the number of keys. */
int con_keymap_keys(const struct con_keymap *km, enum con_viewid v, enum con_action a, char *buf,
		    unsigned long n);

#endif
