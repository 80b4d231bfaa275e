/* query_fuzz.c: libFuzzer target for the query parser (core/query.h).
 *
 * Any input either parses into a well-formed tree whose canonical text
 * parses back to an equal tree that prints the same (when that text fits
 * the length limit), or fails with LP_EUSAGE and a control-free message
 * "query: column N: ..." whose column lies inside the input (or one past
 * its end). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_node(const struct lp_qnode *n, int maxcol)
{
	size_t kids = lp_qnode_child_count(n), vals = lp_qnode_value_count(n);

	if (lp_qnode_column(n) < 1 || lp_qnode_column(n) > maxcol)
		abort();
	switch (lp_qnode_type(n)) {
	case LP_QN_AND:
	case LP_QN_OR:
		if (kids < 2 || vals != 0)
			abort();
		for (size_t i = 0; i < kids; i++) {
			const struct lp_qnode *c = lp_qnode_child(n, i);
			if (lp_qnode_type(c) == lp_qnode_type(n))
				abort();        /* must have been flattened */
			check_node(c, maxcol);
		}
		break;
	case LP_QN_NOT:
		if (kids != 1 || vals != 0)
			abort();
		check_node(lp_qnode_child(n, 0), maxcol);
		break;
	case LP_QN_TERM:
		if (kids != 0 || lp_qnode_field(n) >= LP_QF_COUNT)
			abort();
		if ((lp_qnode_op(n) == LP_QOP_FLAG) != (vals == 0))
			abort();
		if (vals > 1 && lp_qnode_op(n) != LP_QOP_IN)
			abort();
		for (size_t i = 0; i < vals; i++) {
			const struct lp_qvalue *v = lp_qnode_value(n, i);
			bool texty = v->kind == LP_QV_CODE || v->kind == LP_QV_STRING ||
				     v->kind == LP_QV_PREFIX || v->kind == LP_QV_DATE;
			if (texty != (v->text != NULL) || v->column < 1 || v->column > maxcol)
				abort();
			if (v->kind == LP_QV_DURATION && lp_qvalue_seconds(v) < 0)
				abort();
		}
		break;
	default:
		abort();
	}
}

static int char_count(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct lp_query *q = NULL, *q2 = NULL;
	struct lp_error err;
	int col = -1;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	int rc = lp_query_parse_ex(text, &q, &col, &err);
	if (rc != LP_OK) {
		char prefix[48];
		if (q || rc != err.code || (rc != LP_EUSAGE && rc != LP_EINTERNAL))
			abort();
		if (rc == LP_EUSAGE) {
			snprintf(prefix, sizeof prefix, "query: column %d: ", col);
			if (col < 1 || strncmp(err.msg, prefix, strlen(prefix)) != 0)
				abort();
			/* the column lies in the text, or just after it */
			size_t lim = strnlen(text, LP_QUERY_MAX_BYTES + 1);
			text[lim] = '\0';
			if (col > char_count(text) + 1)
				abort();
		}
		for (const char *m = err.msg; *m; m++)
			if ((unsigned char)*m < 0x20 || *m == 0x7f)
				abort();
		free(text);
		return 0;
	}
	int maxcol = char_count(text);
	if (lp_query_root(q))
		check_node(lp_query_root(q), maxcol);
	if (lp_query_terms(q) > LP_QUERY_MAX_TERMS)
		abort();

	char *s1 = lp_query_to_string(q);
	if (!s1)
		abort();
	if (strlen(s1) <= LP_QUERY_MAX_BYTES) {
		if (lp_query_parse(s1, &q2, &err) != LP_OK) {
			fprintf(stderr, "canonical text does not parse: %s\n%s\n", s1, err.msg);
			abort();
		}
		char *s2 = lp_query_to_string(q2);
		if (!s2 || !lp_query_equal(q, q2) || strcmp(s1, s2) != 0) {
			fprintf(stderr, "round trip differs:\n%s\n%s\n", s1, s2 ? s2 : "(null)");
			abort();
		}
		free(s2);
	}
	free(s1);
	lp_query_destroy(q2);
	lp_query_destroy(q);
	free(text);
	return 0;
}
