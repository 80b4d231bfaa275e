/* query_test.h: helpers shared by the query parser tests. */
#ifndef LAPOR_QUERY_TEST_H
#define LAPOR_QUERY_TEST_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "query.h"

/* Parses text, failing the test unless it parses; caller destroys. */
struct lp_query *parse_ok(const char *text);
/* The tree of text as an s-expression, e.g. "(or (and [text : s:a] ...))";
 * returned in a static buffer. */
const char *tree_of(const char *text);
/* The tree of q as an s-expression (static buffer). */
const char *dump(const struct lp_query *q);
/* Parses text, expecting LP_EUSAGE at `column` with `msg` (the part
 * after "query: column N: ") in the message. */
void expect_error(const char *text, int column, const char *msg);
/* Parses text, prints it, expects `canonical`, then checks that the
 * canonical text parses to an equal tree that prints the same. */
void round_trip(const char *text, const char *canonical);

int run_tree_tests(void);
int run_error_tests(void);

#endif
