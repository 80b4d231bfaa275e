/* find_queue.c: saved queues (personal and agency-wide named queries,
 * with live counts) and duplicate suggestions. */
#include "find.h"

#include <stdlib.h>
#include <string.h>

#include "find_internal.h"
#include "i18n.h"
#include "privacy.h"
#include "safetext.h"
#include "session.h"
#include "session_internal.h"

#define QUEUE_NAME_MAX 64

static int officer_of(struct lp_session *s, const struct lp_officer **o, struct lp_error *err)
{
	*o = s ? lp_session_officer(s) : NULL;
	if (!*o)
		return lp_error_set(err, LP_EPERM, _("only a registered officer has saved queues"));
	return LP_OK;
}

static int check_name(const char *name, struct lp_error *err)
{
	size_t n = name ? strlen(name) : 0;
	if (n == 0 || n > QUEUE_NAME_MAX)
		return lp_error_set(err, LP_EUSAGE, _("a queue name is 1 to %d bytes"),
				    QUEUE_NAME_MAX);
	if (!lp_utf8_valid(name, n))
		return lp_error_set(err, LP_EUSAGE, _("the queue name is not valid UTF-8"));
	char *safe = lp_safe_text(name, n, 0);
	if (!safe)
		return lp_error_set(err, LP_EINTERNAL, _("out of memory"));
	int same = strcmp(safe, name) == 0;
	free(safe);
	if (!same)
		return lp_error_set(err, LP_EUSAGE, _("the queue name has control characters"));
	return LP_OK;
}

/* Agency-wide queues are kept by those who run the agency's work. */
static int may_share(const struct lp_officer *o, struct lp_error *err)
{
	if (o->role == LP_ROLE_ADMIN || o->role == LP_ROLE_COORDINATOR ||
	    o->role == LP_ROLE_SUPERVISOR)
		return LP_OK;
	return lp_error_set(err, LP_EPERM, _("only supervisors, coordinators and admins keep "
			    "agency-wide queues; save it as your own (without --agency)"));
}

int lp_queue_save(struct lp_session *s, const char *name, const char *query, bool agency_wide,
		  struct lp_error *err)
{
	const struct lp_officer *o;
	int rc = officer_of(s, &o, err);
	if (!rc)
		rc = check_name(name, err);
	if (!rc && agency_wide)
		rc = may_share(o, err);
	if (rc)
		return rc;
	struct lp_query *q = NULL;
	rc = lp_query_parse(query, &q, err);
	if (rc)
		return rc;
	struct lp_saved_queue *row = calloc(1, sizeof *row);
	char *canon = lp_query_to_string(q);
	lp_query_destroy(q);
	if (!row || !canon) {
		free(row);
		free(canon);
		return lp_error_set(err, LP_EINTERNAL, _("out of memory"));
	}
	if (strlen(canon) >= sizeof row->query) {
		rc = lp_error_set(err, LP_EUSAGE, _("the query is too long to save"));
	} else {
		lp_strlcpy(row->name, name, sizeof row->name);
		lp_strlcpy(row->owner, agency_wide ? "" : o->login, sizeof row->owner);
		lp_strlcpy(row->agency, agency_wide ? o->agency : "", sizeof row->agency);
		lp_strlcpy(row->query, canon, sizeof row->query);
		lp_strlcpy(row->created_by, o->login, sizeof row->created_by);
		row->created_at = lp_session_now(s);
		rc = lp_store_queue_put(lp_session_store(s), row, err);
	}
	free(canon);
	free(row);
	return rc;
}

int lp_queue_delete(struct lp_session *s, const char *name, bool agency_wide,
		    struct lp_error *err)
{
	const struct lp_officer *o;
	int rc = officer_of(s, &o, err);
	if (!rc)
		rc = check_name(name, err);
	if (!rc && agency_wide)
		rc = may_share(o, err);
	if (rc)
		return rc;
	rc = lp_store_queue_delete(lp_session_store(s), agency_wide ? "" : o->login,
				   agency_wide ? o->agency : "", name, err);
	if (rc == LP_ENOENT)
		lp_error_set(err, LP_ENOENT, _("you have no %squeue \"%s\""),
			     agency_wide ? _("agency-wide ") : "", name);
	return rc;
}

/* The officer's queues, collected (so counting may run statements). */
struct qlist {
	struct lp_saved_queue *q;
	size_t n, cap;
	bool oom;
};

static int collect(const struct lp_saved_queue *q, void *ud)
{
	struct qlist *l = ud;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		void *p = realloc(l->q, cap * sizeof *l->q);
		if (!p) {
			l->oom = true;
			return -1;
		}
		l->q = p;
		l->cap = cap;
	}
	l->q[l->n++] = *q;
	return 0;
}

static int list_all(struct lp_session *s, struct qlist *l, struct lp_error *err)
{
	const struct lp_officer *o;
	int rc = officer_of(s, &o, err);
	if (rc)
		return rc;
	rc = lp_store_queue_list(lp_session_store(s), o->login, o->agency, collect, l, err);
	if (l->oom)
		return lp_error_set(err, LP_EINTERNAL, _("out of memory"));
	return rc;
}

int lp_queue_get(struct lp_session *s, const char *name, struct lp_saved_queue *out,
		 struct lp_error *err)
{
	struct qlist l = { 0 };
	int rc = list_all(s, &l, err);
	if (!rc) {
		rc = lp_error_set(err, LP_ENOENT, _("no saved queue \"%s\""), name ? name : "");
		/* Personal queues come first: they win over the agency's. */
		for (size_t i = 0; i < l.n; i++) {
			if (name && strcmp(l.q[i].name, name) == 0) {
				*out = l.q[i];
				lp_error_clear(err);
				rc = LP_OK;
				break;
			}
		}
	}
	free(l.q);
	return rc;
}

int lp_queue_count(struct lp_session *s, const struct lp_saved_queue *q, int64_t *out,
		   struct lp_error *err)
{
	struct lp_query *pq = NULL;
	if (!q || !out)
		return lp_error_set(err, LP_EINTERNAL, "lp_queue_count: missing argument");
	int rc = lp_query_parse(q->query, &pq, err);
	if (rc)
		return lp_error_set(err, LP_EDATA, _("saved queue \"%s\": %s"), q->name,
				    err ? err->msg : _("bad query"));
	rc = lp_cases_query_count_max(s, NULL, pq, LP_QUEUE_COUNT_CAP, out, err);
	lp_query_destroy(pq);
	return rc;
}

int lp_queue_list(struct lp_session *s, bool counts, lp_queue_info_cb cb, void *ud,
		  struct lp_error *err)
{
	struct qlist l = { 0 };
	if (!cb)
		return lp_error_set(err, LP_EINTERNAL, "lp_queue_list: no callback");
	int rc = list_all(s, &l, err);
	for (size_t i = 0; !rc && i < l.n; i++) {
		int64_t n = -1;
		if (counts) {
			struct lp_error e;
			if (lp_queue_count(s, &l.q[i], &n, &e) != LP_OK)
				n = -1;
		}
		rc = cb(&l.q[i], n, ud);
	}
	free(l.q);
	return rc;
}

/* ---- duplicate suggestions ---- */

#define SIMILAR_CANDIDATES 200 /* newest open cases read per region and per category */
#define SIMILAR_MIN 0.15

struct cand {
	struct lp_case c;
	double score;
};

struct similar_ctx {
	struct lp_session *s;
	struct lp_wordset target;
	struct cand *v;
	size_t n, cap;
	bool oom;
};

static int similar_row(const struct lp_case *row, void *ud)
{
	struct similar_ctx *x = ud;
	const struct lp_officer *o = lp_session_officer(x->s);
	const struct lp_agency *ca = lp_session_agency_lookup(x->s, row->agency, NULL);
	if (!lp_may_see_case(o, lp_session_agency(x->s), row, ca) ||
	    !lp_may_see_content(o, row))
		return 0;
	struct lp_wordset w = { 0 };
	lp_wordset_add(&w, row->title, 200);
	lp_wordset_add(&w, row->body, 200);
	lp_wordset_seal(&w);
	double score = lp_wordset_jaccard(&x->target, &w);
	bool oom = w.oom;
	lp_wordset_free(&w);
	if (oom) {
		x->oom = true;
		return -1;
	}
	if (score < SIMILAR_MIN)
		return 0;
	if (x->n == x->cap) {
		size_t cap = x->cap ? x->cap * 2 : 16;
		void *p = realloc(x->v, cap * sizeof *x->v);
		if (!p) {
			x->oom = true;
			return -1;
		}
		x->v = p;
		x->cap = cap;
	}
	if (!lp_case_copy(&x->v[x->n].c, row)) {
		x->oom = true;
		return -1;
	}
	lp_mask_case(o, &x->v[x->n].c);
	x->v[x->n++].score = score;
	return 0;
}

static int by_score(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	return x->c.id < y->c.id ? 1 : x->c.id > y->c.id ? -1 : 0;
}

int lp_case_similar(struct lp_session *s, int64_t id, int limit, lp_similar_cb cb, void *ud,
		    struct lp_error *err)
{
	if (!cb)
		return lp_error_set(err, LP_EINTERNAL, "lp_case_similar: no callback");
	struct lp_case c;
	int rc = lp_case_get(s, id, &c, err);
	if (rc)
		return rc;
	struct similar_ctx x = { s, { 0 }, NULL, 0, 0, false };
	if (!c.title && !c.body) { /* masked: nothing the officer may compare */
		lp_case_clear(&c);
		return LP_OK;
	}
	lp_wordset_add(&x.target, c.title, 200);
	lp_wordset_add(&x.target, c.body, 200);
	lp_wordset_seal(&x.target);
	struct lp_case_filter f;
	lp_case_scope(s, &f);
	rc = lp_store_case_similar(lp_session_store(s), &f, id, c.region, c.category,
				   SIMILAR_CANDIDATES, similar_row, &x, err);
	if (x.oom || x.target.oom)
		rc = lp_error_set(err, LP_EINTERNAL, _("out of memory"));
	if (!rc && x.n)
		qsort(x.v, x.n, sizeof *x.v, by_score);
	for (size_t i = 0; !rc && i < x.n && (int)i < limit; i++)
		rc = cb(&x.v[i].c, x.v[i].score, ud);
	for (size_t i = 0; i < x.n; i++)
		lp_case_clear(&x.v[i].c);
	free(x.v);
	lp_wordset_free(&x.target);
	lp_case_clear(&c);
	return rc;
}
