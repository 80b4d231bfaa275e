/* find.c: the query language and full-text search as the acting officer:
 * scope in the store's SQL, privacy condition on text, masking after. */
#include "find.h"

#include <stdlib.h>
#include <string.h>

#include "cases_internal.h"
#include "i18n.h"
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

int lp_cases_query(struct lp_session *s, const struct lp_list_opts *o, const struct lp_query *q,
		   lp_case_cb cb, void *ud, struct lp_error *err)
{
	struct lp_case_filter f;
	struct lp_query_ctx x;
	int rc = lp_cases_make_filter(s, o, &f, err);
	if (rc)
		return rc;
	if (!cb)
		return lp_error_set(err, LP_EINTERNAL, "lp_cases_query: no callback");
	lp_query_ctx_from(s, &x);
	struct lp_mask_ctx m = { s, cb, ud, false };
	rc = lp_store_case_query(lp_session_store(s), &f, q, &x, lp_cases_mask_row, &m, err);
	if (m.oom)
		return lp_error_set(err, LP_EINTERNAL, _("out of memory"));
	return rc;
}

int lp_cases_query_count(struct lp_session *s, const struct lp_list_opts *o,
			 const struct lp_query *q, int64_t *out, struct lp_error *err)
{
	struct lp_case_filter f;
	struct lp_query_ctx x;
	int rc = lp_cases_make_filter(s, o, &f, err);
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
	int rc = lp_cases_make_filter(s, o, &f, err);
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
	int rc = lp_cases_make_filter(s, NULL, &f, err);
	if (rc)
		return rc;
	if (!cb)
		return lp_error_set(err, LP_EINTERNAL, "lp_search: no callback");
	if (!text || !lp_utf8_valid(text, strlen(text)))
		return lp_error_set(err, LP_EUSAGE, _("search: the text is not valid UTF-8"));
	if (limit < 1 || limit > 1000)
		return lp_error_set(err, LP_EUSAGE, _("search: --limit must be 1 to 1000"));
	lp_query_ctx_from(s, &x);
	struct search_ctx m = { s, cb, ud, false };
	rc = lp_store_case_search(lp_session_store(s), &f, &x, text, limit, search_row, &m, err);
	if (m.oom)
		return lp_error_set(err, LP_EINTERNAL, _("out of memory"));
	return rc;
}
