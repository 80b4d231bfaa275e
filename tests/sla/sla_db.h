/* sla_db.h: a real SQLite database in a temporary directory for the
 * SLA tests: the shipped agencies, a few officers, and overdue cases. */
#ifndef LAPOR_TEST_SLA_DB_H
#define LAPOR_TEST_SLA_DB_H

#include <stdint.h>

#include "model.h"
#include "session.h"
#include "store.h"

/* 2026-11-18 08:53 UTC, a Wednesday (15:53 WIB). */
#define SLA_NOW 1795000000

struct sla_db {
	char dir[64];
	char path[128];
	struct lp_session *s;      /* root, no --as: may run the sweep */
	struct lp_store *st;
};

/* Creates the database with officers adm (admin, KEMENPANRB), sup (supervisor,
 * 31.71), budi (clerk, 31.71.DISHUB); the clock is fixed at SLA_NOW.
 * Returns 0, or -1 with a message on stderr. */
int sla_db_open(struct sla_db *d);
/* Closes the session and removes the directory. */
void sla_db_close(struct sla_db *d);
/* Opens another session on d's database as `login` (NULL: root). */
struct lp_session *sla_db_session(const struct sla_db *d, const char *login);
/* Inserts `n` cases handled by `agency` in `status` with the clock of
 * `stage` due at `due`; returns the first id (ids are consecutive). */
int64_t sla_db_cases(struct sla_db *d, int n, const char *agency, enum lp_status status,
		     enum lp_sla_stage stage, int64_t due);
/* Reads case id (the caller clears it). */
struct lp_case sla_db_case(struct sla_db *d, int64_t id);

#endif
