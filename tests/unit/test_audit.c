/* test_audit.c: the event hash and the per-case chain checker, on events
 * in memory: modified, deleted (middle and last), reordered and inserted
 * events are all found, and the first broken one is named. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "audit_internal.h"
#include "model.h"

#define N 5

/* A chain of N events of case 77, hashed as lp_journal_append would. */
static void make_chain(struct lp_event ev[N], unsigned char last[LP_HASH_LEN])
{
	static char texts[N][32];
	unsigned char prev[LP_HASH_LEN] = { 0 };
	for (int i = 0; i < N; i++) {
		memset(&ev[i], 0, sizeof ev[i]);
		ev[i].case_id = 77;
		ev[i].seq = i + 1;
		ev[i].at = 1764300000 + i * 60;
		lp_strlcpy(ev[i].officer, i == 0 ? "intake" : "budi", sizeof ev[i].officer);
		ev[i].action = i == 0 ? LP_ACTION_INTAKE : LP_ACTION_NOTE;
		ev[i].status_from = LP_STATUS_NEW;
		ev[i].status_to = LP_STATUS_NEW;
		lp_strlcpy(ev[i].agency_from, "31.71", sizeof ev[i].agency_from);
		lp_strlcpy(ev[i].agency_to, "31.71", sizeof ev[i].agency_to);
		ev[i].visibility = LP_VIS_INTERNAL;
		snprintf(texts[i], sizeof texts[i], "catatan %d", i + 1);
		ev[i].text = texts[i];
		memcpy(ev[i].prev_hash, prev, LP_HASH_LEN);
		lp_event_hash(&ev[i], ev[i].hash);
		memcpy(prev, ev[i].hash, LP_HASH_LEN);
	}
	memcpy(last, prev, LP_HASH_LEN);
}

/* Runs the checker over events in the given order; returns the broken
 * seq (0 when intact) and copies the reason. */
static int64_t run(struct lp_event *const *order, int n, int64_t count,
		   const unsigned char last[LP_HASH_LEN], char *why)
{
	struct lp_chain ch;
	lp_chain_begin(&ch, 77);
	for (int i = 0; i < n; i++)
		if (!lp_chain_step(&ch, order[i]))
			break;
	lp_chain_end(&ch, count, last);
	strcpy(why, ch.why);
	return ch.broken_seq;
}

static void intact_chain(void **state)
{
	(void)state;
	struct lp_event ev[N];
	unsigned char last[LP_HASH_LEN];
	char why[256];
	make_chain(ev, last);
	struct lp_event *o[N] = { &ev[0], &ev[1], &ev[2], &ev[3], &ev[4] };
	assert_int_equal(run(o, N, N, last, why), 0);
	assert_string_equal(why, "");
	/* A case without events, recorded as such, is intact too. */
	unsigned char zero[LP_HASH_LEN] = { 0 };
	assert_int_equal(run(o, 0, 0, zero, why), 0);
}

static void modified_event(void **state)
{
	(void)state;
	struct lp_event ev[N];
	unsigned char last[LP_HASH_LEN];
	char why[256];
	make_chain(ev, last);
	ev[2].text = "catatan yang diubah";
	struct lp_event *o[N] = { &ev[0], &ev[1], &ev[2], &ev[3], &ev[4] };
	assert_int_equal(run(o, N, N, last, why), 3);
	assert_string_equal(why, "hash does not match its fields");
	/* Any field counts: the officer, the time, the status. */
	make_chain(ev, last);
	lp_strlcpy(ev[3].officer, "mallory", sizeof ev[3].officer);
	assert_int_equal(run(o, N, N, last, why), 4);
	make_chain(ev, last);
	ev[1].status_to = LP_STATUS_CLOSED;
	assert_int_equal(run(o, N, N, last, why), 2);
	make_chain(ev, last);
	ev[4].at += 1;
	assert_int_equal(run(o, N, N, last, why), 5);
}

static void deleted_middle(void **state)
{
	(void)state;
	struct lp_event ev[N];
	unsigned char last[LP_HASH_LEN];
	char why[256];
	make_chain(ev, last);
	struct lp_event *o[N - 1] = { &ev[0], &ev[2], &ev[3], &ev[4] };
	assert_int_equal(run(o, N - 1, N, last, why), 3);
	assert_string_equal(why, "sequence gap: 3 after 1");
	/* The first one deleted. */
	struct lp_event *o2[N - 1] = { &ev[1], &ev[2], &ev[3], &ev[4] };
	assert_int_equal(run(o2, N - 1, N, last, why), 2);
	assert_string_equal(why, "sequence starts at 2, not 1");
}

static void deleted_last(void **state)
{
	(void)state;
	struct lp_event ev[N];
	unsigned char last[LP_HASH_LEN];
	char why[256];
	make_chain(ev, last);
	struct lp_event *o[N - 1] = { &ev[0], &ev[1], &ev[2], &ev[3] };
	assert_int_equal(run(o, N - 1, N, last, why), 5);
	assert_string_equal(why, "event 5 is missing: the case records 5 events, the log has 4");
	/* ...even when the case row was rewound to 4 events: its last hash
	 * is still the deleted event's. */
	assert_int_equal(run(o, N - 1, N - 1, last, why), 4);
	assert_string_equal(why, "the case's last hash does not match its last event");
}

static void reordered(void **state)
{
	(void)state;
	struct lp_event ev[N];
	unsigned char last[LP_HASH_LEN];
	char why[256];
	make_chain(ev, last);
	struct lp_event *o[N] = { &ev[0], &ev[2], &ev[1], &ev[3], &ev[4] };
	assert_int_equal(run(o, N, N, last, why), 3);
	assert_string_equal(why, "sequence gap: 3 after 1");
	/* Renumbered to hide the swap: the hashes no longer chain. */
	struct lp_event a = ev[1], b = ev[2];
	a.seq = 3;
	b.seq = 2;
	struct lp_event *o2[N] = { &ev[0], &b, &a, &ev[3], &ev[4] };
	assert_int_equal(run(o2, N, N, last, why), 2);
	assert_string_equal(why, "previous hash does not match event 1");
}

static void inserted(void **state)
{
	(void)state;
	struct lp_event ev[N];
	unsigned char last[LP_HASH_LEN];
	char why[256];
	make_chain(ev, last);
	/* A forged event 3, hashed correctly on event 2, pushes the rest
	 * down: the old event 3 (now 4) no longer chains on its predecessor. */
	struct lp_event forged = ev[2];
	forged.text = "tidak pernah ditulis";
	lp_event_hash(&forged, forged.hash);
	struct lp_event moved[3] = { ev[2], ev[3], ev[4] };
	for (int i = 0; i < 3; i++)
		moved[i].seq += 1;
	struct lp_event *o[N + 1] = { &ev[0], &ev[1], &forged, &moved[0], &moved[1], &moved[2] };
	assert_int_equal(run(o, N + 1, N + 1, last, why), 4);
	assert_string_equal(why, "previous hash does not match event 3");
	/* Appended behind the case's back: the case row does not know it. */
	struct lp_event extra = ev[4];
	extra.seq = 6;
	memcpy(extra.prev_hash, ev[4].hash, LP_HASH_LEN);
	lp_event_hash(&extra, extra.hash);
	struct lp_event *o2[N + 1] = { &ev[0], &ev[1], &ev[2], &ev[3], &ev[4], &extra };
	assert_int_equal(run(o2, N + 1, N, last, why), 6);
	assert_string_equal(why, "the case records 5 events, the log has 6");
}

static void hash_encoding(void **state)
{
	(void)state;
	struct lp_event a = { .case_id = 1, .seq = 1, .action = LP_ACTION_NOTE };
	struct lp_event b = a;
	unsigned char ha[LP_HASH_LEN], hb[LP_HASH_LEN];
	char hex[2 * LP_HASH_LEN + 1];
	/* Field boundaries matter: "ab"+"c" is not "a"+"bc". */
	lp_strlcpy(a.officer, "ab", sizeof a.officer);
	lp_strlcpy(a.actor, "c", sizeof a.actor);
	lp_strlcpy(b.officer, "a", sizeof b.officer);
	lp_strlcpy(b.actor, "bc", sizeof b.actor);
	lp_event_hash(&a, ha);
	lp_event_hash(&b, hb);
	assert_memory_not_equal(ha, hb, LP_HASH_LEN);
	/* Deterministic, and the stored hash is not an input. */
	memset(a.hash, 0xAB, LP_HASH_LEN);
	lp_event_hash(&a, hb);
	assert_memory_equal(ha, hb, LP_HASH_LEN);
	/* prev_hash is an input. */
	a.prev_hash[0] = 1;
	lp_event_hash(&a, hb);
	assert_memory_not_equal(ha, hb, LP_HASH_LEN);
	/* NULL and "" text both mean none. */
	a.text = "";
	lp_event_hash(&a, ha);
	a.text = NULL;
	lp_event_hash(&a, hb);
	assert_memory_equal(ha, hb, LP_HASH_LEN);
	lp_hash_hex(ha, hex);
	assert_int_equal(strlen(hex), 2 * LP_HASH_LEN);
	assert_int_equal(strspn(hex, "0123456789abcdef"), 2 * LP_HASH_LEN);
	unsigned char zero[LP_HASH_LEN] = { 0 };
	zero[0] = 0xfe;
	zero[31] = 0x01;
	lp_hash_hex(zero, hex);
	assert_string_equal(hex,
			    "fe00000000000000000000000000000000000000000000000000000000000001");
}

/* Known answer: SHA-256 of the encoding, computed independently. */
static void hash_known_answer(void **state)
{
	(void)state;
	struct lp_event e = { .case_id = 1, .seq = 1, .at = 0, .action = LP_ACTION_INTAKE,
			      .status_from = LP_STATUS_NEW, .status_to = LP_STATUS_NEW,
			      .visibility = LP_VIS_SYSTEM };
	lp_strlcpy(e.officer, "intake", sizeof e.officer);
	unsigned char h[LP_HASH_LEN];
	char hex[2 * LP_HASH_LEN + 1];
	lp_event_hash(&e, h);
	assert_string_equal(lp_hash_hex(h, hex),
			    "dc54afe3c18e5c33ab02e71e520e68b9a5774c40021f80e9846f4fcee8d11638");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(intact_chain),
		cmocka_unit_test(modified_event),
		cmocka_unit_test(deleted_middle),
		cmocka_unit_test(deleted_last),
		cmocka_unit_test(reordered),
		cmocka_unit_test(inserted),
		cmocka_unit_test(hash_encoding),
		cmocka_unit_test(hash_known_answer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
