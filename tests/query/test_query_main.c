/* test_query_main.c: helpers and the runner for the query parser tests. */
#include "query_test.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct lp_query *parse_ok(const char *text)
{
	struct lp_query *q = NULL;
	struct lp_error err = { 0 };
	int col = -1;
	int rc = lp_query_parse_ex(text, &q, &col, &err);
	if (rc != LP_OK)
		fail_msg("parse of \"%s\" failed: %s", text, err.msg);
	assert_int_equal(err.code, LP_OK);
	assert_int_equal(col, 0);
	return q;
}

struct dbuf {
	char s[8192];
	size_t len;
};

static void add(struct dbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void add(struct dbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(b->s + b->len, sizeof b->s - b->len, fmt, ap);
	va_end(ap);
	assert_true(n >= 0 && (size_t)n < sizeof b->s - b->len);
	b->len += (size_t)n;
}

static void dump_value(struct dbuf *b, const struct lp_qvalue *v)
{
	switch (v->kind) {
	case LP_QV_ENUM: add(b, " e:%" PRId64, v->num); break;
	case LP_QV_INT: add(b, " i:%" PRId64, v->num); break;
	case LP_QV_CODE: add(b, " c:%s", v->text); break;
	case LP_QV_STRING: add(b, " s:%s", v->text); break;
	case LP_QV_PREFIX: add(b, " p:%s", v->text); break;
	case LP_QV_ME: add(b, " me"); break;
	case LP_QV_NONE: add(b, " none"); break;
	case LP_QV_DATE: add(b, " d:%s/%" PRId64, v->text, v->num); break;
	case LP_QV_DURATION: add(b, " u:%" PRId64 "%c", v->num, v->unit); break;
	}
}

static void dump_node(struct dbuf *b, const struct lp_qnode *n)
{
	size_t i;

	switch (lp_qnode_type(n)) {
	case LP_QN_TERM:
		assert_int_equal(lp_qnode_child_count(n), 0);
		add(b, "[%s %s", lp_qfield_name(lp_qnode_field(n)),
		    lp_qnode_op(n) == LP_QOP_FLAG ? "flag" : lp_qop_text(lp_qnode_op(n)));
		for (i = 0; i < lp_qnode_value_count(n); i++)
			dump_value(b, lp_qnode_value(n, i));
		assert_null(lp_qnode_value(n, i));
		add(b, "]");
		return;
	case LP_QN_NOT:
		assert_int_equal(lp_qnode_child_count(n), 1);
		add(b, "(not ");
		break;
	case LP_QN_AND:
		assert_true(lp_qnode_child_count(n) >= 2);
		add(b, "(and ");
		break;
	case LP_QN_OR:
		assert_true(lp_qnode_child_count(n) >= 2);
		add(b, "(or ");
		break;
	}
	assert_int_equal(lp_qnode_field(n), LP_QF_COUNT);
	assert_int_equal(lp_qnode_value_count(n), 0);
	for (i = 0; i < lp_qnode_child_count(n); i++) {
		add(b, i ? " " : "");
		dump_node(b, lp_qnode_child(n, i));
	}
	assert_null(lp_qnode_child(n, i));
	add(b, ")");
}

const char *dump(const struct lp_query *q)
{
	static struct dbuf b;
	b.len = 0;
	b.s[0] = '\0';
	if (lp_query_root(q))
		dump_node(&b, lp_query_root(q));
	return b.s;
}

const char *tree_of(const char *text)
{
	struct lp_query *q = parse_ok(text);
	const char *s = dump(q);
	lp_query_destroy(q);
	return s;
}

void expect_error(const char *text, int column, const char *msg)
{
	struct lp_query *q = (struct lp_query *)&q; /* must be reset to NULL */
	struct lp_error err = { 0 };
	char prefix[64];
	int col = -1;
	int rc = lp_query_parse_ex(text, &q, &col, &err);

	if (rc == LP_OK) {
		lp_query_destroy(q);
		fail_msg("\"%s\" parsed but should fail at column %d with %s", text, column, msg);
	}
	assert_int_equal(rc, LP_EUSAGE);
	assert_int_equal(err.code, LP_EUSAGE);
	assert_null(q);
	if (col != column)
		fail_msg("\"%s\": column %d, expected %d (%s)", text, col, column, err.msg);
	snprintf(prefix, sizeof prefix, "query: column %d: ", column);
	assert_true(strncmp(err.msg, prefix, strlen(prefix)) == 0);
	if (!strstr(err.msg + strlen(prefix), msg))
		fail_msg("\"%s\": message \"%s\" lacks \"%s\"", text, err.msg, msg);
}

void round_trip(const char *text, const char *canonical)
{
	struct lp_query *q = parse_ok(text);
	char *s1 = lp_query_to_string(q);
	assert_non_null(s1);
	assert_string_equal(s1, canonical);
	struct lp_query *q2 = parse_ok(s1);
	assert_true(lp_query_equal(q, q2));
	char *s2 = lp_query_to_string(q2);
	assert_string_equal(s1, s2);
	free(s1);
	free(s2);
	lp_query_destroy(q);
	lp_query_destroy(q2);
}

int main(void)
{
	int failed = run_tree_tests();
	failed += run_error_tests();
	return failed ? 1 : 0;
}
