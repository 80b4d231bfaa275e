/* query_term.c: one term of lapor-query(7): a word, a "phrase", a flag,
 * or field op value[,value...]; values are checked in query_value.c. */
#include "i18n.h"
#include "query_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Reads a quoted string at p->pos (on the '"'): unescapes \" and \\ into
 * the arena and sets *s, *len.  Other backslashes are kept. */
static bool read_quoted(struct lp_qparser *p, const char **s, size_t *len)
{
	size_t open = p->pos, i, n = 0;

	for (i = open + 1; i < p->len && p->s[i] != '"'; i++, n++) {
		char c = p->s[i];
		if (c == '\t' || c == '\n' || c == '\r') {
			lp_qp_fail(p, i, _("control character inside quotes"));
			return false;
		}
		if (c == '\\' && (p->s[i + 1] == '"' || p->s[i + 1] == '\\'))
			i++;
	}
	if (i >= p->len) {
		lp_qp_fail(p, open, _("unterminated quote"));
		return false;
	}
	char *out = lp_query_alloc(p->q, n + 1);
	if (!out) {
		lp_qp_nomem(p);
		return false;
	}
	for (i = open + 1, n = 0; p->s[i] != '"'; i++) {
		if (p->s[i] == '\\' && (p->s[i + 1] == '"' || p->s[i + 1] == '\\'))
			i++;
		out[n++] = p->s[i];
	}
	p->pos = i + 1;
	*s = out;
	*len = n;
	return true;
}

static struct lp_qnode *new_term(struct lp_qparser *p, size_t at, enum lp_qfield f,
				 enum lp_qop op, size_t nvalues)
{
	struct lp_qnode *n = lp_query_alloc(p->q, sizeof *n);
	if (!n)
		return lp_qp_nomem(p);
	if (++p->q->nterms > LP_QUERY_MAX_TERMS)
		return lp_qp_fail(p, at, _("more than %d terms"), LP_QUERY_MAX_TERMS);
	p->nvalues += nvalues;
	if (p->nvalues > LP_QUERY_MAX_VALUES)
		return lp_qp_fail(p, at, _("more than %d values"), LP_QUERY_MAX_VALUES);
	n->type = LP_QN_TERM;
	n->column = lp_qp_column(p, at);
	n->field = f;
	n->op = op;
	n->nvalues = nvalues;
	if (nvalues) {
		n->values = lp_query_alloc(p->q, nvalues * sizeof *n->values);
		if (!n->values)
			return lp_qp_nomem(p);
	}
	return n;
}

/* After a value: the term must end here. */
static bool term_ends(struct lp_qparser *p)
{
	char c = p->s[p->pos];
	if (c == '"') {
		lp_qp_fail(p, p->pos, _("unexpected quote (put the whole text in quotes)"));
		return false;
	}
	if (!lp_qp_delim(c)) {
		lp_qp_fail(p, p->pos, _("expected a space after the closing quote"));
		return false;
	}
	return true;
}

static bool is_op(char c)
{
	return c == ':' || c == '<' || c == '>' || c == '=';
}

static enum lp_qop read_op(struct lp_qparser *p)
{
	char c = p->s[p->pos++];
	bool eq = p->s[p->pos] == '=' && c != ':' && c != '=';

	p->pos += eq;
	switch (c) {
	case ':': return LP_QOP_IN;
	case '=': return LP_QOP_EQ;
	case '<': return eq ? LP_QOP_LE : LP_QOP_LT;
	default: return eq ? LP_QOP_GE : LP_QOP_GT;
	}
}

/* field op value[,value...] with the field name at [start, name_end). */
static struct lp_qnode *field_term(struct lp_qparser *p, size_t start, size_t name_end)
{
	char name[32];
	size_t nlen = name_end - start;
	int f = -1;

	if (nlen < sizeof name) {
		memcpy(name, p->s + start, nlen);
		name[nlen] = '\0';
		f = lp_qfield_parse(name);
	}
	if (f < 0)
		return lp_qp_unknown_field(p, start, p->s + start, nlen);
	const struct lp_qfield_info *fi = lp_qp_field_info(f);
	size_t op_at = p->pos;
	enum lp_qop op = read_op(p);
	if (fi->ops == 0)
		return lp_qp_fail(p, start, _("\"%s\" takes no value; write %s or -%s"), name,
				  name, name);
	if (!(fi->ops & (1u << op)))
		return lp_qp_fail(p, op_at, _("\"%s\" does not take \"%s\" (e.g. %s)"), name,
				  lp_qop_text(op), fi->example);

	struct lp_qvalue *vals = NULL, *nv;
	size_t n = 0, cap = 0;
	struct lp_qnode *node = NULL;
	for (;;) {
		size_t at = p->pos, len;
		const char *s;
		bool quoted = p->s[at] == '"';
		if (quoted) {
			if (!read_quoted(p, &s, &len))
				goto out;
		} else {
			while (!lp_qp_delim(p->s[p->pos]) && p->s[p->pos] != ',')
				p->pos++;
			s = p->s + at;
			len = p->pos - at;
			if (len == 0) {
				if (n == 0)
					lp_qp_fail(p, at,
						   _("expected a value after \"%s%s\" (e.g. %s)"),
						   name, lp_qop_text(op), fi->example);
				else
					lp_qp_fail(p, at, _("expected a value after \",\""));
				goto out;
			}
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 4;
			nv = realloc(vals, cap * sizeof *vals);
			if (!nv) {
				lp_qp_nomem(p);
				goto out;
			}
			vals = nv;
		}
		memset(&vals[n], 0, sizeof vals[n]);
		if (!lp_qp_value(p, f, op, s, len, quoted, at, &vals[n]))
			goto out;
		n++;
		if (p->s[p->pos] != ',')
			break;
		if (!fi->list || op != LP_QOP_IN) {
			lp_qp_fail(p, p->pos, _("\"%s%s\" takes one value"), name, lp_qop_text(op));
			goto out;
		}
		p->pos++;
	}
	if (!term_ends(p))
		goto out;
	node = new_term(p, start, f, op, n);
	if (node)
		memcpy(node->values, vals, n * sizeof *vals);
out:
	free(vals);
	return node;
}

struct lp_qnode *lp_qp_term(struct lp_qparser *p)
{
	size_t start = p->pos, i = p->pos;
	const char *s;
	size_t len;
	bool quoted = p->s[start] == '"';
	struct lp_qvalue v = { 0 };

	while (isalpha((unsigned char)p->s[i]) || p->s[i] == '_')
		i++;
	if (i > start && is_op(p->s[i])) {
		p->pos = i;
		return field_term(p, start, i);
	}
	if (quoted) {
		if (!read_quoted(p, &s, &len) || !term_ends(p))
			return NULL;
	} else {
		while (!lp_qp_delim(p->s[p->pos]))
			p->pos++;
		s = p->s + start;
		len = p->pos - start;
		if (!term_ends(p))
			return NULL;
		if (len == 7 && memcmp(s, "overdue", 7) == 0)
			return new_term(p, start, LP_QF_OVERDUE, LP_QOP_FLAG, 0);
		if (len == 9 && memcmp(s, "escalated", 9) == 0)
			return new_term(p, start, LP_QF_ESCALATED, LP_QOP_FLAG, 0);
		if (len == 10 && memcmp(s, "unassigned", 10) == 0) {
			struct lp_qnode *n = new_term(p, start, LP_QF_ASSIGNEE, LP_QOP_IN, 1);
			if (n) {
				n->values[0].kind = LP_QV_NONE;
				n->values[0].column = n->column;
			}
			return n;
		}
	}
	if (!lp_qp_value(p, LP_QF_TEXT, LP_QOP_IN, s, len, quoted, start, &v))
		return NULL;
	struct lp_qnode *n = new_term(p, start, LP_QF_TEXT, LP_QOP_IN, 1);
	if (n)
		n->values[0] = v;
	return n;
}
