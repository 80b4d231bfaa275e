/* find.c: the query language and full-text search as the acting officer:
 * scope in the store's SQL, privacy condition on text, masking after. */
#include "find.h"

#include <stdlib.h>
#include <string.h>

#include "privacy.h"
#include "safetext.h"
#include "session.h"
#include "session_internal.h"

void lp_query_ctx_from(struct lp_session *s, struct lp_query_ctx *x)
{
	memset(x, 0, sizeof *x);
	const struct lp_officer *o = lp_session_officer(s);
	const struct lp_agency *a = lp_session_agency(s);
	x->now = lp_session_now(s);
	x->tz_minutes = a ? a->tz_minutes : 420;
	x->me = o ? o->login : "";
	x->content_all = o && (o->role == LP_ROLE_ADMIN || o->role == LP_ROLE_SYSTEM);
	x->content_agency = o ? o->agency : "";
	/* Every officer who may read a case's text reads its internal notes
	 * (lp_mask_event hides them with the rest of a secret case). */
	x->notes = o != NULL;
}

static int need_officer(struct lp_session *s, struct lp_error *err)
{
	if (!s)
		return lp_error_set(err, LP_EINTERNAL, "no session");
	if (!lp_session_officer(s))
		return lp_error_set(err, LP_EPERM, "you (%s) are not a registered officer",
				    lp_session_unix_login(s));
	return LP_OK;
}

/* List options to a store filter within the officer's scope (as cases.c). */
static int make_filter(struct lp_session *s, const struct lp_list_opts *o,
		       struct lp_case_filter *f, struct lp_error *err)
{
	int rc = need_officer(s, err);
	if (rc)
		return rc;
	lp_case_scope(s, f);
	if (!o)
		return LP_OK;
	f->status_mask = o->status_mask;
	if (o->agency && *o->agency) {
		const struct lp_agency *a = lp_session_agency_lookup(s, o->agency, err);
		if (!a)
			return err ? err->code : LP_ENOENT;
		f->agency = a->code;
	}
	if (o->under && *o->under) {
		const struct lp_agency *a = lp_session_agency_lookup(s, o->under, err);
		if (!a)
			return err ? err->code : LP_ENOENT;
		f->under_path = a->path;
	}
	if (o->assignee)
		f->assignee = strcmp(o->assignee, "me") == 0 ? lp_session_officer(s)->login :
			      o->assignee;
	f->escalated_to = o->escalated_to && *o->escalated_to ? o->escalated_to : NULL;
	f->due_before = o->due_before;
	f->updated_after = o->updated_after;
	f->kind = o->kind;
	f->order = o->order;
	f->descending = o->descending;
	f->has_after = o->has_after;
	f->after_key = o->after_key;
	f->after_id = o->after_id;
	f->limit = o->limit < 0 ? 0 : o->limit;
	return LP_OK;
}

struct mask_ctx {
	struct lp_session *s;
	lp_case_cb cb;
	void *ud;
	bool oom;
};

/* Masks a row for the officer; skips one the store should not have given. */
static int mask_row(const struct lp_case *row, void *ud)
{
	struct mask_ctx *x = ud;
	const struct lp_officer *o = lp_session_officer(x->s);
	const struct lp_agency *ca = lp_session_agency_lookup(x->s, row->agency, NULL);
	if (!lp_may_see_case(o, lp_session_agency(x->s), row, ca))
		return 0;
	struct lp_case c;
	if (!lp_case_copy(&c, row)) {
		x->oom = true;
		return -1;
	}
	lp_mask_case(o, &c);
	int rc = x->cb(&c, x->ud);
	lp_case_clear(&c);
	return rc;
}

int lp_cases_query(struct lp_session *s, const struct lp_list_opts *o, const struct lp_query *q,
		   lp_case_cb cb, void *ud, struct lp_error *err)
{
	struct lp_case_filter f;
	struct lp_query_ctx x;
	int rc = make_filter(s, o, &f, err);
	if (rc)
		return rc;
	if (!cb)
		return lp_error_set(err, LP_EINTERNAL, "lp_cases_query: no callback");
	lp_query_ctx_from(s, &x);
	struct mask_ctx m = { s, cb, ud, false };
	rc = lp_store_case_query(lp_session_store(s), &f, q, &x, mask_row, &m, err);
	if (m.oom)
		return lp_error_set(err, LP_EINTERNAL, "out of memory");
	return rc;
}

int lp_cases_query_count(struct lp_session *s, const struct lp_list_opts *o,
			 const struct lp_query *q, int64_t *out, struct lp_error *err)
{
	struct lp_case_filter f;
	struct lp_query_ctx x;
	int rc = make_filter(s, o, &f, err);
	if (rc)
		return rc;
	lp_query_ctx_from(s, &x);
	return lp_store_case_query_count(lp_session_store(s), &f, q, &x, out, err);
}

int lp_cases_query_count_max(struct lp_session *s, const struct lp_list_opts *o,
			     const struct lp_query *q, int64_t max, int64_t *out,
			     struct lp_error *err)
{
	struct lp_case_filter f;
	struct lp_query_ctx x;
	int rc = make_filter(s, o, &f, err);
	if (rc)
		return rc;
	if (max <= 0)
		return lp_error_set(err, LP_EINTERNAL, "lp_cases_query_count_max: max must be > 0");
	lp_query_ctx_from(s, &x);
	x.count_cap = max;
	return lp_store_case_query_count(lp_session_store(s), &f, q, &x, out, err);
}

int lp_cases_query_text(struct lp_session *s, const struct lp_list_opts *o, const char *text,
			lp_case_cb cb, void *ud, struct lp_error *err)
{
	struct lp_query *q = NULL;
	int rc = lp_query_parse(text, &q, err);
	if (rc)
		return rc;
	rc = lp_cases_query(s, o, q, cb, ud, err);
	lp_query_destroy(q);
	return rc;
}

/* A safe copy of a raw snippet: each piece between the markers cleaned
 * (control characters and escapes removed), the markers kept. */
static char *safe_snippet(const char *raw)
{
	size_t n = strlen(raw), o = 0;
	char *out = malloc(n * 3 + 1); /* U+FFFD (3 bytes) may replace a byte */
	if (!out)
		return NULL;
	const char *p = raw;
	while (*p) {
		size_t len = strcspn(p, LP_HL_ON LP_HL_OFF);
		char *piece = lp_safe_text(p, len, 0);
		if (!piece) {
			free(out);
			return NULL;
		}
		size_t pl = strlen(piece);
		memcpy(out + o, piece, pl);
		o += pl;
		free(piece);
		p += len;
		if (*p)
			out[o++] = *p++;
	}
	out[o] = '\0';
	return out;
}

struct search_ctx {
	struct lp_session *s;
	lp_find_hit_cb cb;
	void *ud;
	bool oom;
};

static int search_row(const struct lp_search_hit *h, void *ud)
{
	struct search_ctx *x = ud;
	const struct lp_officer *o = lp_session_officer(x->s);
	const struct lp_agency *ca = lp_session_agency_lookup(x->s, h->c->agency, NULL);
	if (!lp_may_see_case(o, lp_session_agency(x->s), h->c, ca))
		return 0;
	struct lp_case c;
	if (!lp_case_copy(&c, h->c)) {
		x->oom = true;
		return -1;
	}
	char *snip = NULL;
	if (h->snippet && lp_may_see_content(o, h->c)) {
		snip = safe_snippet(h->snippet);
		if (!snip) {
			lp_case_clear(&c);
			x->oom = true;
			return -1;
		}
	}
	lp_mask_case(o, &c);
	struct lp_find_hit hit = { &c, h->rank, h->where, h->seq, snip };
	int rc = x->cb(&hit, x->ud);
	free(snip);
	lp_case_clear(&c);
	return rc;
}

int lp_search(struct lp_session *s, const char *text, int limit, lp_find_hit_cb cb, void *ud,
	      struct lp_error *err)
{
	struct lp_case_filter f;
	struct lp_query_ctx x;
	int rc = make_filter(s, NULL, &f, err);
	if (rc)
		return rc;
	if (!cb)
		return lp_error_set(err, LP_EINTERNAL, "lp_search: no callback");
	if (!text || !lp_utf8_valid(text, strlen(text)))
		return lp_error_set(err, LP_EUSAGE, "search: the text is not valid UTF-8");
	if (limit < 1 || limit > 1000)
		return lp_error_set(err, LP_EUSAGE, "search: --limit must be 1 to 1000");
	lp_query_ctx_from(s, &x);
	struct search_ctx m = { s, cb, ud, false };
	rc = lp_store_case_search(lp_session_store(s), &f, &x, text, limit, search_row, &m, err);
	if (m.oom)
		return lp_error_set(err, LP_EINTERNAL, "out of memory");
	return rc;
}
