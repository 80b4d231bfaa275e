/* query_print.c: the canonical text of a query tree.
 *
 * AND is printed as a space, OR as " OR ", NOT as "-"; parentheses only
 * where OR sits inside AND or NOT; words bare when they would parse back
 * the same, else in quotes with " and \ escaped. */
#include "query_internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

struct sbuf {
	char *buf;
	size_t cap;   /* size of buf */
	size_t len;   /* length needed so far */
};

static void put(struct sbuf *b, const char *s, size_t n)
{
	if (b->cap > 0 && b->len < b->cap - 1) {
		size_t room = b->cap - 1 - b->len;
		memcpy(b->buf + b->len, s, n < room ? n : room);
	}
	b->len += n;
}

static void puts_(struct sbuf *b, const char *s)
{
	put(b, s, strlen(s));
}

static void put_quoted(struct sbuf *b, const char *s)
{
	put(b, "\"", 1);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			put(b, "\\", 1);
		put(b, s, 1);
	}
	put(b, "\"", 1);
}

static bool has_delim(const char *s, const char *extra)
{
	for (; *s; s++)
		if (lp_qp_delim(*s) || strchr(extra, *s))
			return true;
	return false;
}

/* True when w, typed as a bare word where a term may start, parses as a
 * text term whose value is w (STRING) or w without its last '*' (PREFIX). */
static bool word_safe(const char *w, bool prefix)
{
	static const char *const reserved[] = { "AND", "OR", "NOT", "overdue", "escalated",
						"unassigned" };
	size_t len = strlen(w), i = 0;

	if (len == 0 || w[0] == '-' || has_delim(w, "") || (!prefix && w[len - 1] == '*'))
		return false;
	for (size_t k = 0; k < sizeof reserved / sizeof reserved[0]; k++)
		if (strcmp(w, reserved[k]) == 0)
			return false;
	while ((w[i] >= 'a' && w[i] <= 'z') || (w[i] >= 'A' && w[i] <= 'Z') || w[i] == '_')
		i++;
	return !(i > 0 && w[i] && strchr(":<>=", w[i]));
}

/* A string value after "field:" or ",". */
static void put_string(struct sbuf *b, const char *s, bool prefix)
{
	size_t len = strlen(s);
	if (prefix || (len > 0 && s[len - 1] != '*' && !has_delim(s, ",")))
		puts_(b, s);
	else
		put_quoted(b, s);
	if (prefix)
		put(b, "*", 1);
}

static void put_value(struct sbuf *b, enum lp_qfield f, const struct lp_qvalue *v)
{
	char num[32];

	switch (v->kind) {
	case LP_QV_ENUM:
		puts_(b, f == LP_QF_STATUS ? lp_status_name(v->num) :
			 f == LP_QF_KIND ? lp_kind_name(v->num) :
			 f == LP_QF_CHANNEL ? lp_channel_name(v->num) : lp_privacy_name(v->num));
		break;
	case LP_QV_INT:
		snprintf(num, sizeof num, "%" PRId64, v->num);
		puts_(b, num);
		break;
	case LP_QV_DURATION:
		snprintf(num, sizeof num, "%" PRId64 "%c", v->num, v->unit);
		puts_(b, num);
		break;
	case LP_QV_CODE:
	case LP_QV_DATE:
		puts_(b, v->text);
		break;
	case LP_QV_STRING:
		put_string(b, v->text, false);
		break;
	case LP_QV_PREFIX:
		put_string(b, v->text, true);
		break;
	case LP_QV_ME:
		puts_(b, "me");
		break;
	case LP_QV_NONE:
		puts_(b, "none");
		break;
	}
}

static void put_term(struct sbuf *b, const struct lp_qnode *n)
{
	if (n->field == LP_QF_TEXT && n->nvalues == 1) {
		const struct lp_qvalue *v = &n->values[0];
		bool prefix = v->kind == LP_QV_PREFIX;
		if (!prefix) {
			if (word_safe(v->text, false))
				puts_(b, v->text);
			else
				put_quoted(b, v->text);
			return;
		}
		char *w = malloc(strlen(v->text) + 2);
		if (w) {
			strcpy(w, v->text);
			strcat(w, "*");
			bool safe = word_safe(w, true);
			free(w);
			if (safe) {
				puts_(b, v->text);
				put(b, "*", 1);
				return;
			}
		}
	}
	puts_(b, lp_qfield_name(n->field));
	puts_(b, lp_qop_text(n->op));
	for (size_t i = 0; i < n->nvalues; i++) {
		if (i)
			put(b, ",", 1);
		put_value(b, n->field, &n->values[i]);
	}
}

static void put_node(struct sbuf *b, const struct lp_qnode *n)
{
	switch (n->type) {
	case LP_QN_TERM:
		put_term(b, n);
		return;
	case LP_QN_NOT: {
		const struct lp_qnode *c = n->children[0];
		bool paren = c->type == LP_QN_AND || c->type == LP_QN_OR;
		puts_(b, paren ? "-(" : "-");
		put_node(b, c);
		if (paren)
			put(b, ")", 1);
		return;
	}
	case LP_QN_AND:
	case LP_QN_OR:
		for (size_t i = 0; i < n->nchildren; i++) {
			const struct lp_qnode *c = n->children[i];
			bool paren = c->type == LP_QN_OR || c->type == n->type;
			if (i)
				puts_(b, n->type == LP_QN_AND ? " " : " OR ");
			if (paren)
				put(b, "(", 1);
			put_node(b, c);
			if (paren)
				put(b, ")", 1);
		}
		return;
	}
}

size_t lp_query_print(const struct lp_query *q, char *buf, size_t n)
{
	struct sbuf b = { buf, n, 0 };

	if (q && q->root)
		put_node(&b, q->root);
	if (n > 0)
		buf[b.len < n ? b.len : n - 1] = '\0';
	return b.len;
}

char *lp_query_to_string(const struct lp_query *q)
{
	size_t len = lp_query_print(q, NULL, 0);
	char *s = malloc(len + 1);
	if (s)
		lp_query_print(q, s, len + 1);
	return s;
}
