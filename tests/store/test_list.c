/* test_list.c: case lists and counts against a model: every filter
 * member, the scope, each order both ways, keyset pages that join without
 * gaps or repeats, and counts equal to list lengths. */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N 180
#define BASE 1767225600 /* 2026-01-01 */

static const char *const agencies[] = { "31.71", "31.71.DISHUB", "31", "32.73", "KEMENKES" };
static const char *const logins[] = { "siti", "budi", "wayan" };

struct model {
	struct lp_case c[N];
	char path[N][LP_PATH_MAX];
};

static struct model *model;

/* Inserts N cases with overlapping due and update times (ties are broken
 * by id) and keeps a copy of each. */
static int list_setup(void **state)
{
	if (fx_setup(state))
		return -1;
	struct fx *f = *state;
	model = calloc(1, sizeof *model);
	if (!model)
		return -1;
	for (int i = 0; i < N; i++) {
		struct lp_case *c = &model->c[i];
		char tid[32];
		snprintf(tid, sizeof tid, "T-%04d", i);
		fx_case(c, tid, agencies[i % 5]);
		c->status = (enum lp_status)(i % LP_STATUS_COUNT);
		c->kind = (enum lp_kind)(i % LP_KIND_COUNT);
		c->privacy = (enum lp_privacy)(i / 3 % LP_PRIVACY_COUNT);
		lp_strlcpy(c->assignee, i % 4 == 0 ? "" : logins[i % 3], sizeof c->assignee);
		lp_strlcpy(c->escalated_to, i % 5 == 1 ? "31" : "", sizeof c->escalated_to);
		c->due_at = i % 6 == 0 ? 0 : BASE + (i * 37 % 50) * 3600;
		c->updated_at = BASE + (i * 13 % 20) * 60;
		struct lp_agency a;
		if (lp_store_agency_get(f->s, c->agency, &a, &f->err) ||
		    lp_store_case_insert(f->s, c, &f->err)) {
			fprintf(stderr, "list_setup: %s\n", f->err.msg);
			return -1;
		}
		memcpy(model->path[i], a.path, sizeof a.path);
	}
	return 0;
}

static int list_teardown(void **state)
{
	for (int i = 0; model && i < N; i++)
		lp_case_clear(&model->c[i]);
	free(model);
	model = NULL;
	return fx_teardown(state);
}

static bool prefix(const char *s, const char *p)
{
	return !p || !*p || strncmp(s, p, strlen(p)) == 0;
}

static bool str_is(const char *v, const char *want)
{
	return !want || !*want || strcmp(v, want) == 0;
}

/* The filter's meaning, written independently of the store. */
static bool matches(const struct lp_case_filter *f, int i)
{
	const struct lp_case *c = &model->c[i];
	unsigned bit = 1u << c->status;
	if (f->scope_status_mask && !(f->scope_status_mask & bit))
		return false;
	if (f->status_mask && !(f->status_mask & bit))
		return false;
	if (!prefix(model->path[i], f->scope_path) || !prefix(model->path[i], f->under_path))
		return false;
	if (!str_is(c->agency, f->scope_agency) || !str_is(c->agency, f->agency))
		return false;
	if (f->assignee && strcmp(c->assignee, f->assignee) != 0)
		return false;
	if (f->kind >= 0 && (int)c->kind != f->kind)
		return false;
	if (f->privacy >= 0 && (int)c->privacy != f->privacy)
		return false;
	if (!str_is(c->escalated_to, f->escalated_to))
		return false;
	if (f->due_before && !(c->due_at != 0 && c->due_at < f->due_before))
		return false;
	if (f->updated_after && c->updated_at < f->updated_after)
		return false;
	return true;
}

static int64_t key_of(const struct lp_case *c, enum lp_case_order o)
{
	if (o == LP_ORDER_DUE)
		return c->due_at ? c->due_at : INT64_MAX;
	return o == LP_ORDER_UPDATED ? c->updated_at : c->id;
}

static enum lp_case_order sort_order;
static bool sort_desc;

static int cmp_rows(const void *a, const void *b)
{
	const struct lp_case *x = &model->c[*(const int *)a], *y = &model->c[*(const int *)b];
	int64_t kx = key_of(x, sort_order), ky = key_of(y, sort_order);
	int r = kx < ky ? -1 : kx > ky ? 1 : x->id < y->id ? -1 : x->id > y->id ? 1 : 0;
	return sort_desc ? -r : r;
}

struct page {
	int64_t ids[N + 8];
	int n;
	int64_t last_due, last_updated, last_id;
};

static int collect(const struct lp_case *c, void *ud)
{
	struct page *p = ud;
	if (p->n > N)
		return 1;
	p->ids[p->n++] = c->id;
	p->last_id = c->id;
	p->last_due = c->due_at; /* what core passes for LP_ORDER_DUE: 0 when none */
	p->last_updated = c->updated_at;
	return 0;
}

/* Lists f in every order, both ways, in pages of `limit` (and whole), and
 * compares with the model; counts too. */
static void check_filter(struct fx *fx, struct lp_case_filter f, const char *what)
{
	int want[N], nwant = 0;
	for (int i = 0; i < N; i++)
		if (matches(&f, i))
			want[nwant++] = i;
	int64_t count = -1;
	assert_ok(lp_store_case_count(fx->s, &f, &count, &fx->err), &fx->err);
	if (count != nwant)
		fail_msg("%s: count %lld, want %d", what, (long long)count, nwant);

	for (int o = LP_ORDER_ID; o <= LP_ORDER_UPDATED; o++) {
		for (int d = 0; d < 2; d++) {
			sort_order = (enum lp_case_order)o;
			sort_desc = d;
			qsort(want, (size_t)nwant, sizeof want[0], cmp_rows);
			for (int limit = 0; limit <= 7; limit += 7) {
				struct page all = { .n = 0 };
				f.order = (enum lp_case_order)o;
				f.descending = d;
				f.limit = limit;
				f.has_after = false;
				for (;;) {
					struct page p = { .n = 0 };
					assert_ok(lp_store_case_list(fx->s, &f, collect, &p,
								     &fx->err), &fx->err);
					assert_true(limit == 0 || p.n <= limit);
					memcpy(all.ids + all.n, p.ids,
					       (size_t)p.n * sizeof p.ids[0]);
					all.n += p.n;
					assert_true(all.n <= nwant);
					if (limit == 0 || p.n < limit)
						break;
					f.has_after = true;
					f.after_id = p.last_id;
					f.after_key = o == LP_ORDER_DUE ? p.last_due
						    : o == LP_ORDER_UPDATED ? p.last_updated : 0;
				}
				if (all.n != nwant)
					fail_msg("%s order %d desc %d limit %d: %d rows, want %d",
						 what, o, d, limit, all.n, nwant);
				for (int i = 0; i < nwant; i++)
					if (all.ids[i] != model->c[want[i]].id)
						fail_msg("%s order %d desc %d limit %d: row %d "
							 "is %lld, want %lld", what, o, d,
							 limit, i,
							 (long long)all.ids[i],
							 (long long)model->c[want[i]].id);
			}
		}
	}
}

#define S(x) (1u << LP_STATUS_##x)

static void every_filter(void **state)
{
	struct fx *fx = *state;
	struct lp_case_filter f;
	lp_case_filter_init(&f);
	assert_int_equal(f.kind, -1);
	assert_int_equal(f.privacy, -1);
	assert_null(f.agency);
	check_filter(fx, f, "none");

	f.status_mask = S(NEW);
	check_filter(fx, f, "one status");
	f.status_mask = S(NEW) | S(ASSIGNED) | S(IN_PROGRESS) | S(RESPONDED);
	check_filter(fx, f, "open statuses");
	f.agency = "31.71";
	check_filter(fx, f, "agency + statuses");
	f.status_mask = 0;
	check_filter(fx, f, "agency");

	lp_case_filter_init(&f);
	f.under_path = "/KEMENPANRB/31/31.71/";
	check_filter(fx, f, "under 31.71");
	f.under_path = "/KEMENPANRB/31/";
	f.status_mask = S(CLOSED) | S(NEW);
	check_filter(fx, f, "under 31 + statuses");
	/* Large subtrees (read in status order, not agency by agency). */
	f.under_path = "/KEMENPANRB/32/";
	check_filter(fx, f, "under 32 + statuses");
	f.under_path = "/KEMENPANRB/";
	check_filter(fx, f, "under the root + statuses");
	f.status_mask = 0;
	check_filter(fx, f, "under the root");

	lp_case_filter_init(&f);
	f.assignee = "siti";
	check_filter(fx, f, "assignee");
	f.status_mask = S(IN_PROGRESS) | S(ASSIGNED);
	check_filter(fx, f, "assignee + statuses");
	/* An officer's own queue is read per status (PostgreSQL); the
	 * agency conditions then apply inside each status. */
	f.scope_path = "/KEMENPANRB/31/";
	check_filter(fx, f, "assignee + statuses + scope path");
	f.scope_path = NULL;
	f.agency = "31.71";
	check_filter(fx, f, "assignee + agency + statuses");
	f.agency = NULL;
	f.assignee = "";
	check_filter(fx, f, "unassigned + statuses");

	lp_case_filter_init(&f);
	f.kind = LP_KIND_ASPIRATION;
	check_filter(fx, f, "kind");
	lp_case_filter_init(&f);
	f.privacy = LP_PRIVACY_SECRET;
	check_filter(fx, f, "privacy");
	lp_case_filter_init(&f);
	f.escalated_to = "31";
	check_filter(fx, f, "escalated_to");
	f.status_mask = S(ASSIGNED) | S(NEW);
	check_filter(fx, f, "escalated_to + statuses");
	lp_case_filter_init(&f);
	f.due_before = BASE + 20 * 3600;
	check_filter(fx, f, "due_before");
	f.status_mask = S(ASSIGNED);
	check_filter(fx, f, "status + due_before");
	lp_case_filter_init(&f);
	f.updated_after = BASE + 10 * 60;
	check_filter(fx, f, "updated_after");
}

static void scope(void **state)
{
	struct fx *fx = *state;
	struct lp_case_filter f;
	lp_case_filter_init(&f);
	f.scope_path = "/KEMENPANRB/31/";
	check_filter(fx, f, "scope path");
	f.under_path = "/KEMENPANRB/31/31.71/";
	check_filter(fx, f, "scope path + under");
	f.scope_path = "/KEMENPANRB/";
	check_filter(fx, f, "scope root + under");
	f.under_path = NULL;
	f.agency = "32.73"; /* outside the scope: nothing */
	check_filter(fx, f, "scope path + other agency");
	lp_case_filter_init(&f);
	f.scope_agency = "31.71.DISHUB";
	check_filter(fx, f, "scope agency");
	f.under_path = "/KEMENPANRB/31/";
	f.status_mask = S(NEW) | S(ARCHIVED) | S(CLOSED);
	check_filter(fx, f, "scope agency + under + statuses");
	lp_case_filter_init(&f);
	f.scope_status_mask = S(NEW) | S(POSTPONED);
	check_filter(fx, f, "scope statuses");
	f.status_mask = S(POSTPONED) | S(CLOSED);
	check_filter(fx, f, "scope statuses & statuses");
	f.status_mask = S(CLOSED); /* disjoint: nothing */
	check_filter(fx, f, "scope statuses disjoint");
	lp_case_filter_init(&f);
	f.scope_path = "/KEMENPANRB/31/";
	f.scope_status_mask = S(NEW) | S(ASSIGNED) | S(IN_PROGRESS);
	f.assignee = "budi";
	f.kind = LP_KIND_COMPLAINT;
	f.privacy = LP_PRIVACY_PUBLIC;
	f.updated_after = BASE + 60;
	check_filter(fx, f, "everything at once");
}

static int stop_after_two(const struct lp_case *c, void *ud)
{
	(void)c;
	return ++*(int *)ud == 2 ? 7 : 0;
}

static void callback_stops(void **state)
{
	struct fx *fx = *state;
	struct lp_case_filter f;
	lp_case_filter_init(&f);
	int n = 0;
	assert_int_equal(lp_store_case_list(fx->s, &f, stop_after_two, &n, &fx->err), 7);
	assert_int_equal(n, 2);
	/* NULL filter: everything. */
	int64_t count = 0;
	assert_ok(lp_store_case_count(fx->s, NULL, &count, &fx->err), &fx->err);
	assert_int_equal(count, N);
}

int run_list_tests(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(every_filter, list_setup, list_teardown),
		cmocka_unit_test_setup_teardown(scope, list_setup, list_teardown),
		cmocka_unit_test_setup_teardown(callback_stops, list_setup, list_teardown),
	};
	return cmocka_run_group_tests_name("store: case lists and counts", tests, NULL, NULL);
}
