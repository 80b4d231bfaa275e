/* journal.c: the events' hash (SHA-256 over the canonical encoding of
 * core/audit.h), appending to a case's chain, and the pure chain checker
 * of core/audit_internal.h. */
#include "journal.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>

#include "audit.h"
#include "audit_internal.h"
#include "store.h"

/* Feeds one field: its length as 8 big-endian bytes, then its bytes. */
static void put_field(EVP_MD_CTX *ctx, const void *p, uint64_t len)
{
	unsigned char be[8];
	for (int i = 0; i < 8; i++)
		be[i] = (unsigned char)(len >> (56 - 8 * i));
	EVP_DigestUpdate(ctx, be, sizeof be);
	if (len)
		EVP_DigestUpdate(ctx, p, (size_t)len);
}

/* A string field; NULL and "" both mean "none" and encode alike (the
 * store may give either back for an absent value). */
static void put_str(EVP_MD_CTX *ctx, const char *s)
{
	put_field(ctx, s ? s : "", s ? strlen(s) : 0);
}

/* An integer field: 8 big-endian bytes (two's complement). */
static void put_int(EVP_MD_CTX *ctx, int64_t v)
{
	unsigned char be[8];
	uint64_t u = (uint64_t)v;
	for (int i = 0; i < 8; i++)
		be[i] = (unsigned char)(u >> (56 - 8 * i));
	put_field(ctx, be, sizeof be);
}

void lp_event_hash(const struct lp_event *e, unsigned char out[LP_HASH_LEN])
{
	memset(out, 0, LP_HASH_LEN);
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	if (!ctx)
		return;
	if (EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1) {
		EVP_MD_CTX_free(ctx);
		return;
	}
	/* Closed lists are hashed by their stored names, which never change. */
	put_int(ctx, e->case_id);
	put_int(ctx, e->seq);
	put_int(ctx, e->at);
	put_str(ctx, e->officer);
	put_str(ctx, e->actor);
	put_str(ctx, lp_action_name(e->action));
	put_str(ctx, lp_status_name(e->status_from));
	put_str(ctx, lp_status_name(e->status_to));
	put_str(ctx, e->agency_from);
	put_str(ctx, e->agency_to);
	put_str(ctx, lp_visibility_name(e->visibility));
	put_str(ctx, e->text);
	put_str(ctx, e->detail);
	put_field(ctx, e->prev_hash, LP_HASH_LEN);
	unsigned int n = 0;
	if (EVP_DigestFinal_ex(ctx, out, &n) != 1 || n != LP_HASH_LEN)
		memset(out, 0, LP_HASH_LEN);
	EVP_MD_CTX_free(ctx);
}

char *lp_hash_hex(const unsigned char h[LP_HASH_LEN], char *buf)
{
	static const char digits[] = "0123456789abcdef";
	for (int i = 0; i < LP_HASH_LEN; i++) {
		buf[2 * i] = digits[h[i] >> 4];
		buf[2 * i + 1] = digits[h[i] & 15];
	}
	buf[2 * LP_HASH_LEN] = '\0';
	return buf;
}

/* e's chain fields from c, and its hash. */
static void complete(const struct lp_case *c, struct lp_event *e)
{
	e->case_id = c->id;
	e->seq = c->event_count + 1;
	memcpy(e->prev_hash, c->last_hash, LP_HASH_LEN);
	lp_event_hash(e, e->hash);
}

void lp_journal_seal(struct lp_case *c, struct lp_event *e)
{
	complete(c, e);
	c->event_count = e->seq;
	memcpy(c->last_hash, e->hash, LP_HASH_LEN);
}

int lp_journal_append(struct lp_store *st, struct lp_case *c, struct lp_event *e,
		      struct lp_error *err)
{
	if (!st || !c || !e)
		return lp_error_set(err, LP_EINTERNAL, "lp_journal_append: missing argument");
	complete(c, e);
	int rc = lp_store_event_append(st, e, err);
	if (rc != LP_OK)
		return rc;
	c->event_count = e->seq;
	memcpy(c->last_hash, e->hash, LP_HASH_LEN);
	return LP_OK;
}

/* ---- the chain checker ---- */

static const unsigned char zero_hash[LP_HASH_LEN];

void lp_chain_begin(struct lp_chain *ch, int64_t case_id)
{
	memset(ch, 0, sizeof *ch);
	ch->case_id = case_id;
}

/* Records the first fault at seq. */
static bool chain_break(struct lp_chain *ch, int64_t seq, const char *why)
{
	ch->broken_seq = seq;
	lp_strlcpy(ch->why, why, sizeof ch->why);
	return false;
}

bool lp_chain_step(struct lp_chain *ch, const struct lp_event *e)
{
	char why[256];
	if (ch->why[0])
		return false;
	if (e->case_id != ch->case_id) {
		snprintf(why, sizeof why, "event belongs to case %" PRId64 ", not %" PRId64,
			 e->case_id, ch->case_id);
		return chain_break(ch, e->seq, why);
	}
	if (e->seq != ch->seq + 1) {
		if (ch->seq == 0)
			snprintf(why, sizeof why, "sequence starts at %" PRId64 ", not 1", e->seq);
		else
			snprintf(why, sizeof why, "sequence gap: %" PRId64 " after %" PRId64,
				 e->seq, ch->seq);
		return chain_break(ch, e->seq, why);
	}
	if (memcmp(e->prev_hash, ch->last, LP_HASH_LEN) != 0) {
		if (ch->seq == 0)
			snprintf(why, sizeof why, "first event has a previous hash");
		else
			snprintf(why, sizeof why,
				 "previous hash does not match event %" PRId64, ch->seq);
		return chain_break(ch, e->seq, why);
	}
	unsigned char h[LP_HASH_LEN];
	lp_event_hash(e, h);
	if (memcmp(h, e->hash, LP_HASH_LEN) != 0)
		return chain_break(ch, e->seq, "hash does not match its fields");
	ch->seq = e->seq;
	memcpy(ch->last, e->hash, LP_HASH_LEN);
	return true;
}

bool lp_chain_end(struct lp_chain *ch, int64_t event_count,
		  const unsigned char last_hash[LP_HASH_LEN])
{
	char why[256];
	if (ch->why[0])
		return false;
	if (event_count != ch->seq) {
		if (event_count > ch->seq)
			snprintf(why, sizeof why,
				 "event %" PRId64 " is missing: the case records %" PRId64
				 " events, the log has %" PRId64,
				 ch->seq + 1, event_count, ch->seq);
		else
			snprintf(why, sizeof why,
				 "the case records %" PRId64 " events, the log has %" PRId64,
				 event_count, ch->seq);
		return chain_break(ch, event_count > ch->seq ? ch->seq + 1 : event_count + 1, why);
	}
	const unsigned char *want = last_hash ? last_hash : zero_hash;
	if (memcmp(want, ch->last, LP_HASH_LEN) != 0)
		return chain_break(ch, ch->seq,
				   "the case's last hash does not match its last event");
	return true;
}
