/* listmodel.h: one screen of a queue at a time, read through keyset
 * pages.  The model never reads a whole queue: it keeps the current page,
 * the cursor it was read after, and a small stack of earlier pages'
 * cursors to page back; past the stack (or after jumping to the end) it
 * reads backwards from the first row shown.  The source is a function, so
 * the model is tested against a fake one. */
#ifndef LAPOR_CONSOLE_LISTMODEL_H
#define LAPOR_CONSOLE_LISTMODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "model.h"

/* The fields of a case that the list draws (text made safe and cut). */
struct con_row {
	int64_t id;                 /* case number */
	int64_t key;                /* the value of the order column (due_at, updated_at; id) */
	int64_t version;
	int64_t created_at, updated_at, due_at;
	int64_t paused_at;          /* when the clock was paused (postponed); 0 when running */
	int status;                 /* enum lp_status */
	int escalation;
	char agency[LP_CODE_MAX];
	char assignee[LP_LOGIN_MAX];
	char category[LP_CATEGORY_MAX];
	char title[200];            /* safe, single line; "" when masked */
	bool masked;
};

/* A keyset position: rows strictly after (key, id). */
struct con_cursor {
	bool set;                   /* false: from the start */
	int64_t key, id;
};

/* Reads up to `limit` rows after `after` into rows[] (*n receives the
 * count): in the queue's order, or the opposite order when reverse.
 * Returns LP_OK or an error code with err filled. */
typedef int (*con_fetch_fn)(void *ud, const struct con_cursor *after, bool reverse, int limit,
			    struct con_row *rows, int *n, struct lp_error *err);

#define CON_STACK_MAX 512

struct con_listmodel {
	con_fetch_fn fetch;         /* the source */
	void *ud;                   /* its data */
	int page_size;              /* rows per page (the screen's height) */
	struct con_row *rows;       /* the page (owned; page_size + 1 slots) */
	int n;                      /* rows in the page */
	int sel;                    /* selected row, 0..n-1 (0 when empty) */
	struct con_cursor start;    /* the cursor the page was read after */
	bool more_after;            /* a next page exists */
	bool at_first;              /* nothing comes before this page */
	struct con_cursor stack[CON_STACK_MAX]; /* start cursors of earlier pages */
	int depth;                  /* entries on the stack */
	int fetches;                /* reads made (for tests and traces) */
};

/* Sets up an empty model; returns false on allocation failure.
 * Free with con_lm_free (accepts NULL). */
bool con_lm_init(struct con_listmodel *m, con_fetch_fn fetch, void *ud, int page_size);
void con_lm_free(struct con_listmodel *m);

/* Each returns LP_OK or the source's error; moving past either end is
 * not an error (the page stays). */
int con_lm_first(struct con_listmodel *m, struct lp_error *err);
int con_lm_last(struct con_listmodel *m, struct lp_error *err);
int con_lm_next_page(struct con_listmodel *m, struct lp_error *err);
int con_lm_prev_page(struct con_listmodel *m, struct lp_error *err);
/* Moves the selection by one row, crossing pages. */
int con_lm_down(struct con_listmodel *m, struct lp_error *err);
int con_lm_up(struct con_listmodel *m, struct lp_error *err);
/* Re-reads the current page (after a change), keeping the selection on
 * the same case when it is still there. */
int con_lm_reload(struct con_listmodel *m, struct lp_error *err);
/* Changes the page size (on resize) and re-reads the current page; the
 * same size, once a page was read, reads nothing. */
int con_lm_resize(struct con_listmodel *m, int page_size, struct lp_error *err);
/* The selected row, or NULL when the page is empty. Borrowed. */
const struct con_row *con_lm_selected(const struct con_listmodel *m);

#endif
