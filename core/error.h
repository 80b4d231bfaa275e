/* error.h: one error value that every liblapor and store call fills in.
 *
 * The codes are the program's exit statuses (see lapor(1)), so a
 * subcommand exits with err.code as it is.  Messages are complete
 * sentences for an officer, without a trailing newline. */
#ifndef LAPOR_ERROR_H
#define LAPOR_ERROR_H

enum lp_status_code {
	LP_OK = 0,        /* done */
	LP_EREFUSED = 1,  /* refused by the workflow: wrong status, stale version */
	LP_EUSAGE = 64,   /* bad command line */
	LP_EDATA = 65,    /* bad input data */
	LP_ENOENT = 66,   /* no such case, officer, agency or file */
	LP_EINTERNAL = 70,/* a bug: an invariant did not hold */
	LP_EIO = 74,      /* I/O error: disk full, read-only, corrupt file */
	LP_EBUSY = 75,    /* database busy or locked: try again */
	LP_EPERM = 77,    /* permission denied */
};

struct lp_error {
	int code;          /* one of enum lp_status_code */
	char msg[1024];    /* what happened, for the officer */
};

/* Sets err (which may be NULL) and returns code, so callers can write
 * `return lp_error_set(err, LP_ENOENT, "no case %lld", id);`. */
int lp_error_set(struct lp_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Clears err to LP_OK with an empty message.  Accepts NULL. */
void lp_error_clear(struct lp_error *err);

#endif
