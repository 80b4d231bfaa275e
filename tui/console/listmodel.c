/* listmodel.c: keyset paging with a stack of page starts (see listmodel.h). */
#include "listmodel.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"

bool con_lm_init(struct con_listmodel *m, con_fetch_fn fetch, void *ud, int page_size)
{
	memset(m, 0, sizeof(*m));
	m->fetch = fetch;
	m->ud = ud;
	m->page_size = page_size < 1 ? 1 : page_size;
	m->rows = calloc((size_t)m->page_size + 1, sizeof(*m->rows));
	m->at_first = true;
	return m->rows != NULL;
}

void con_lm_free(struct con_listmodel *m)
{
	if (!m)
		return;
	free(m->rows);
	m->rows = NULL;
	m->n = 0;
}

static struct con_cursor cursor_of(const struct con_row *r)
{
	struct con_cursor c = { true, r->key, r->id };

	return c;
}

static void push(struct con_listmodel *m, struct con_cursor c)
{
	if (m->depth == CON_STACK_MAX) {
		/* Forget the oldest: paging back past it reads backwards. */
		memmove(m->stack, m->stack + 1, sizeof(m->stack[0]) * (CON_STACK_MAX - 1));
		m->depth--;
	}
	m->stack[m->depth++] = c;
}

/* Reads the page after `start` forwards. */
static int read_forward(struct con_listmodel *m, struct con_cursor start, struct lp_error *err)
{
	int n = 0, rc;

	m->fetches++;
	rc = m->fetch(m->ud, &start, false, m->page_size + 1, m->rows, &n, err);
	if (rc != LP_OK)
		return rc;
	m->more_after = n > m->page_size;
	m->n = n > m->page_size ? m->page_size : n;
	m->start = start;
	if (m->sel >= m->n)
		m->sel = m->n ? m->n - 1 : 0;
	return LP_OK;
}

/* Reads the page that ends just before `before` (unset: the end),
 * backwards, and works out its start cursor from the extra row. */
static int read_backward(struct con_listmodel *m, struct con_cursor before, struct lp_error *err)
{
	int n = 0, rc, keep;

	m->fetches++;
	rc = m->fetch(m->ud, &before, true, m->page_size + 1, m->rows, &n, err);
	if (rc != LP_OK)
		return rc;
	if (n <= m->page_size) {
		/* This reaches the start: show the first page instead. */
		m->depth = 0;
		m->at_first = true;
		return read_forward(m, (struct con_cursor){ 0 }, err);
	}
	keep = m->page_size;
	m->start = cursor_of(&m->rows[keep]);
	/* rows[0..keep) are in reverse order: turn them around. */
	for (int i = 0; i < keep / 2; i++) {
		struct con_row t = m->rows[i];

		m->rows[i] = m->rows[keep - 1 - i];
		m->rows[keep - 1 - i] = t;
	}
	m->n = keep;
	m->at_first = false;
	m->more_after = before.set;
	return LP_OK;
}

int con_lm_first(struct con_listmodel *m, struct lp_error *err)
{
	m->depth = 0;
	m->at_first = true;
	m->sel = 0;
	return read_forward(m, (struct con_cursor){ 0 }, err);
}

int con_lm_last(struct con_listmodel *m, struct lp_error *err)
{
	int rc;

	m->depth = 0;
	rc = read_backward(m, (struct con_cursor){ 0 }, err);
	m->more_after = false;
	m->sel = m->n ? m->n - 1 : 0;
	return rc;
}

int con_lm_next_page(struct con_listmodel *m, struct lp_error *err)
{
	struct con_cursor old = m->start;
	bool old_first = m->at_first;
	int rc;

	if (!m->more_after || m->n == 0)
		return LP_OK;
	push(m, old);
	m->at_first = false;
	rc = read_forward(m, cursor_of(&m->rows[m->n - 1]), err);
	if (rc != LP_OK) {
		m->depth--;
		m->at_first = old_first;
	}
	return rc;
}

int con_lm_prev_page(struct con_listmodel *m, struct lp_error *err)
{
	struct con_cursor c;

	if (m->at_first)
		return LP_OK;
	if (m->depth > 0) {
		c = m->stack[--m->depth];
		m->at_first = !c.set;
		return read_forward(m, c, err);
	}
	if (m->n == 0)
		return con_lm_first(m, err);
	return read_backward(m, cursor_of(&m->rows[0]), err);
}

int con_lm_down(struct con_listmodel *m, struct lp_error *err)
{
	int rc;

	if (m->sel + 1 < m->n) {
		m->sel++;
		return LP_OK;
	}
	if (!m->more_after)
		return LP_OK;
	rc = con_lm_next_page(m, err);
	if (rc == LP_OK)
		m->sel = 0;
	return rc;
}

int con_lm_up(struct con_listmodel *m, struct lp_error *err)
{
	int rc;

	if (m->sel > 0) {
		m->sel--;
		return LP_OK;
	}
	if (m->at_first)
		return LP_OK;
	rc = con_lm_prev_page(m, err);
	if (rc == LP_OK)
		m->sel = m->n ? m->n - 1 : 0;
	return rc;
}

int con_lm_reload(struct con_listmodel *m, struct lp_error *err)
{
	int64_t id = m->n ? m->rows[m->sel].id : 0;
	int rc = read_forward(m, m->start, err);

	if (rc != LP_OK)
		return rc;
	if (m->n == 0 && !m->at_first)
		return con_lm_prev_page(m, err);
	for (int i = 0; i < m->n; i++)
		if (m->rows[i].id == id) {
			m->sel = i;
			break;
		}
	return LP_OK;
}

int con_lm_resize(struct con_listmodel *m, int page_size, struct lp_error *err)
{
	struct con_row *r;

	if (page_size < 1)
		page_size = 1;
	/* A layout that kept the page's height keeps its rows: entering a
	 * queue laid the screen out again and read the page twice. */
	if (page_size == m->page_size && m->fetches > 0)
		return LP_OK;
	if (page_size != m->page_size) {
		r = realloc(m->rows, ((size_t)page_size + 1) * sizeof(*r));
		if (!r)
			return lp_error_set(err, LP_EINTERNAL, "%s", _("out of memory"));
		m->rows = r;
		m->page_size = page_size;
		if (m->n > page_size)
			m->n = page_size;
	}
	return con_lm_reload(m, err);
}

const struct con_row *con_lm_selected(const struct con_listmodel *m)
{
	return m->n ? &m->rows[m->sel] : NULL;
}
