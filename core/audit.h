/* audit.h: the hash chain over each case's events.
 *
 * hash(e) = SHA-256 over a canonical encoding of every stored field of
 * the event (case_id, seq, at, officer, actor, action, statuses,
 * agencies, visibility, text, detail) followed by prev_hash, where
 * prev_hash is the hash of the case's previous event (zero for seq 1).
 * Each field is encoded as an 8-byte big-endian length then its bytes,
 * so no two different events encode alike. */
#ifndef LAPOR_AUDIT_H
#define LAPOR_AUDIT_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "model.h"

struct lp_session;

/* Computes e's hash from its fields and e->prev_hash into out. */
void lp_event_hash(const struct lp_event *e, unsigned char out[LP_HASH_LEN]);

/* Lower-case hex of a hash into buf (at least 2*LP_HASH_LEN+1 bytes). */
char *lp_hash_hex(const unsigned char h[LP_HASH_LEN], char *buf);

struct lp_audit_report {
	int64_t cases;        /* cases whose chains were checked */
	int64_t events;       /* events checked */
	bool broken;          /* a chain is broken */
	int64_t case_id;      /* where: the first broken event */
	int64_t seq;
	char why[256];        /* "hash does not match its fields", "sequence gap: 3 after 1", ... */
};

/* Recomputes every case's chain (streaming).  Returns LP_OK whether or
 * not a chain is broken (see report->broken); errors only for the
 * store.  Only admins and auditors may run it (LP_EPERM). */
int lp_audit_verify(struct lp_session *s, struct lp_audit_report *report, struct lp_error *err);

#endif
