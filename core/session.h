/* session.h: an officer's working session on one database.
 *
 * A session owns the store and knows who is acting: the officer whose
 * login is the Unix login of the process (getpwuid(geteuid())), or the
 * officer named by `as_login` when the Unix user is root or an admin
 * (events then record both).  Every liblapor call that reads or changes
 * cases takes a session, so permissions and masking follow the officer
 * on every path. */
#ifndef LAPOR_SESSION_H
#define LAPOR_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "model.h"

struct lp_session;
struct lp_store;

enum lp_identity_need {
	LP_IDENTITY_REQUIRED, /* fail with LP_EPERM when the login is not an active officer */
	LP_IDENTITY_OPTIONAL, /* open anyway (init, demo, officer add by root) */
};

struct lp_session_opts {
	const char *db;          /* path or URI; NULL: $LAPOR_DB, else $XDG_DATA_HOME/lapor/lapor.db */
	const char *as_login;    /* --as LOGIN, or NULL */
	bool create;             /* create and migrate the database (lapor init, lapor demo) */
	bool readonly;           /* open the database read-only */
	enum lp_identity_need identity;
};

/* Resolves the default database path into buf ($LAPOR_DB, else
 * $XDG_DATA_HOME/lapor/lapor.db, else ~/.local/share/lapor/lapor.db).
 * Returns buf. */
const char *lp_default_db_path(char *buf, unsigned long n);

/* Opens the database and resolves the acting officer.  With create, the
 * parent directory is made and the schema created or upgraded.  Errors:
 * LP_EPERM for an unknown login (the message names
 * `lapor officer add LOGIN ...`) or an --as the Unix user may not use;
 * the store's errors otherwise.  *out is owned by the caller. */
int lp_session_open(const struct lp_session_opts *opts, struct lp_session **out, struct lp_error *err);

/* Closes the store and frees the session.  Accepts NULL. */
void lp_session_close(struct lp_session *s);

/* The acting officer, or NULL when identity was optional and unknown.
 * Borrowed: valid until lp_session_close(). */
const struct lp_officer *lp_session_officer(const struct lp_session *s);
/* The acting officer's agency (NULL when there is no officer). Borrowed. */
const struct lp_agency *lp_session_agency(const struct lp_session *s);
/* The Unix login running the process. Borrowed. */
const char *lp_session_unix_login(const struct lp_session *s);
/* True when the session has bootstrap powers: the Unix user is root (uid
 * 0) acting as itself (never with --as, where the acting officer's role
 * alone decides), or on PostgreSQL the database role is not an active
 * officer (the database's owner; the server's grants decide). */
bool lp_session_is_root(const struct lp_session *s);
/* The store. Borrowed: do not close it. */
struct lp_store *lp_session_store(struct lp_session *s);

/* The current time in unix seconds.  $LAPOR_NOW (unix seconds or RFC
 * 3339), when set, fixes it: for tests and for replaying a day. */
int64_t lp_session_now(const struct lp_session *s);

/* Fixes the session's clock at `now` (0: back to the real clock or
 * $LAPOR_NOW).  For the demo generator, which writes histories in the
 * past, and for tests. */
void lp_session_set_now(struct lp_session *s, int64_t now);

/* Re-reads the acting officer (after officer changes). */
int lp_session_refresh(struct lp_session *s, struct lp_error *err);

#endif
