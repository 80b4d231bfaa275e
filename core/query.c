/* query.c: the query tree: arena, accessors, names and equality.
 * The parser is in query_parse.c, the printer in query_print.c. */
#include "query_internal.h"

#include <stdalign.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define QBLOCK_SIZE 8192

struct lp_qblock {
	struct lp_qblock *next;
	size_t used, cap;
	alignas(max_align_t) unsigned char data[];
};

void *lp_query_alloc(struct lp_query *q, size_t n)
{
	const size_t align = alignof(max_align_t);
	size_t need = (n + align - 1) / align * align;
	struct lp_qblock *b = q->blocks;

	if (need < n)
		return NULL;
	if (!b || b->cap - b->used < need) {
		size_t cap = need > QBLOCK_SIZE ? need : QBLOCK_SIZE;
		b = malloc(sizeof *b + cap);
		if (!b)
			return NULL;
		b->used = 0;
		b->cap = cap;
		b->next = q->blocks;
		q->blocks = b;
	}
	void *p = b->data + b->used;
	b->used += need;
	memset(p, 0, n);
	return p;
}

char *lp_query_strndup(struct lp_query *q, const char *s, size_t len)
{
	char *d = lp_query_alloc(q, len + 1);
	if (d) {
		memcpy(d, s, len);
		d[len] = '\0';
	}
	return d;
}

void lp_query_destroy(struct lp_query *q)
{
	if (!q)
		return;
	struct lp_qblock *b = q->blocks;
	while (b) {
		struct lp_qblock *next = b->next;
		free(b);
		b = next;
	}
	free(q);
}

const struct lp_qnode *lp_query_root(const struct lp_query *q)
{
	return q ? q->root : NULL;
}

size_t lp_query_terms(const struct lp_query *q)
{
	return q ? q->nterms : 0;
}

enum lp_qnode_type lp_qnode_type(const struct lp_qnode *n)
{
	return n->type;
}

int lp_qnode_column(const struct lp_qnode *n)
{
	return n->column;
}

size_t lp_qnode_child_count(const struct lp_qnode *n)
{
	return n->nchildren;
}

const struct lp_qnode *lp_qnode_child(const struct lp_qnode *n, size_t i)
{
	return i < n->nchildren ? n->children[i] : NULL;
}

enum lp_qfield lp_qnode_field(const struct lp_qnode *n)
{
	return n->type == LP_QN_TERM ? n->field : LP_QF_COUNT;
}

enum lp_qop lp_qnode_op(const struct lp_qnode *n)
{
	return n->type == LP_QN_TERM ? n->op : LP_QOP_FLAG;
}

size_t lp_qnode_value_count(const struct lp_qnode *n)
{
	return n->nvalues;
}

const struct lp_qvalue *lp_qnode_value(const struct lp_qnode *n, size_t i)
{
	return i < n->nvalues ? &n->values[i] : NULL;
}

int64_t lp_qvalue_seconds(const struct lp_qvalue *v)
{
	if (!v || v->kind != LP_QV_DURATION)
		return 0;
	switch (v->unit) {
	case 'm': return v->num * 60;
	case 'h': return v->num * 3600;
	case 'd': return v->num * 86400;
	case 'w': return v->num * 604800;
	default: return 0;
	}
}

#define LP_X_QFIELD_NAME(s, n) n,
static const char *const field_names[] = { LP_QUERY_FIELD_LIST(LP_X_QFIELD_NAME) };

const char *lp_qfield_name(enum lp_qfield f)
{
	return (unsigned)f < LP_QF_COUNT ? field_names[f] : "?";
}

int lp_qfield_parse(const char *name)
{
	for (int i = 0; name && i < LP_QF_COUNT; i++)
		if (strcmp(name, field_names[i]) == 0)
			return i;
	return -1;
}

const char *lp_qop_text(enum lp_qop op)
{
	static const char *const ops[] = { "", ":", "=", "<", "<=", ">", ">=" };
	return (unsigned)op < sizeof ops / sizeof ops[0] ? ops[op] : "?";
}

static bool str_equal(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

static bool value_equal(const struct lp_qvalue *a, const struct lp_qvalue *b)
{
	return a->kind == b->kind && a->num == b->num && a->unit == b->unit &&
	       str_equal(a->text, b->text);
}

static bool node_equal(const struct lp_qnode *a, const struct lp_qnode *b)
{
	if (!a || !b)
		return a == b;
	if (a->type != b->type || a->nchildren != b->nchildren || a->nvalues != b->nvalues)
		return false;
	if (a->type == LP_QN_TERM && (a->field != b->field || a->op != b->op))
		return false;
	for (size_t i = 0; i < a->nvalues; i++)
		if (!value_equal(&a->values[i], &b->values[i]))
			return false;
	for (size_t i = 0; i < a->nchildren; i++)
		if (!node_equal(a->children[i], b->children[i]))
			return false;
	return true;
}

bool lp_query_equal(const struct lp_query *a, const struct lp_query *b)
{
	if (!a || !b)
		return a == b;
	return node_equal(a->root, b->root);
}
