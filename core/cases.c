/* cases.c: reading cases and events as the acting officer may see them,
 * and the officer's drafts. */
#include "cases.h"
#include "cases_internal.h"

#include <inttypes.h>
#include <string.h>

#include "i18n.h"
#include "privacy.h"
#include "safetext.h"
#include "session.h"
#include "session_internal.h"
#include "workflow_internal.h"

void lp_list_opts_init(struct lp_list_opts *o)
{
	if (!o)
		return;
	memset(o, 0, sizeof *o);
	o->kind = -1;
	o->order = LP_ORDER_ID;
}

void lp_case_scope(struct lp_session *s, struct lp_case_filter *out)
{
	lp_case_filter_init(out);
	const struct lp_officer *o = lp_session_officer(s);
	const struct lp_agency *a = lp_session_agency(s);
	if (!o || !a) {
		/* No officer sees nothing: no case is handled by agency "". */
		out->scope_agency = "";
		out->scope_status_mask = 0u;
		return;
	}
	switch (o->role) {
	case LP_ROLE_ADMIN:
	case LP_ROLE_SYSTEM:
		break;
	case LP_ROLE_CLERK:
		out->scope_agency = o->agency;
		out->scope_status_mask = ((1u << LP_STATUS_COUNT) - 1u) &
					 ~((1u << LP_STATUS_NEW) | (1u << LP_STATUS_POSTPONED));
		break;
	default:
		/* coordinator, supervisor, auditor.  Escalations go up the handling
		 * agency's own path, so escalated cases are inside this scope too. */
		out->scope_path = a->path;
		break;
	}
}

/* The session's officer, or LP_EPERM. */
int lp_cases_need_officer(struct lp_session *s, struct lp_error *err)
{
	if (!s)
		return lp_error_set(err, LP_EINTERNAL, _("no session"));
	if (!lp_session_officer(s))
		return lp_error_set(err, LP_EPERM,
				    _("you (%s) are not a registered officer; an admin can "
				      "register you with: lapor officer add %s --name NAME "
				      "--agency CODE --role ROLE"), lp_session_unix_login(s),
				    lp_session_unix_login(s));
	return LP_OK;
}

/* Translates list options into a store filter within the officer's scope. */
int lp_cases_make_filter(struct lp_session *s, const struct lp_list_opts *o,
			 struct lp_case_filter *f, struct lp_error *err)
{
	int rc = lp_cases_need_officer(s, err);
	if (rc != LP_OK)
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

/* Masks each row for the officer before handing it on; skips a row the
 * store should not have given (defence in depth). */
int lp_cases_mask_row(const struct lp_case *row, void *ud)
{
	struct lp_mask_ctx *x = ud;
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

int lp_cases_list(struct lp_session *s, const struct lp_list_opts *o, lp_case_cb cb, void *ud,
		  struct lp_error *err)
{
	struct lp_case_filter f;
	int rc = lp_cases_make_filter(s, o, &f, err);
	if (rc != LP_OK)
		return rc;
	if (!cb)
		return lp_error_set(err, LP_EINTERNAL, "lp_cases_list: no callback");
	struct lp_mask_ctx x = { s, cb, ud, false };
	rc = lp_store_case_list(lp_session_store(s), &f, lp_cases_mask_row, &x, err);
	if (x.oom)
		return lp_error_set(err, LP_EIO, _("out of memory"));
	return rc;
}

int lp_cases_count(struct lp_session *s, const struct lp_list_opts *o, int64_t *out,
		   struct lp_error *err)
{
	struct lp_case_filter f;
	int rc = lp_cases_make_filter(s, o, &f, err);
	if (rc != LP_OK)
		return rc;
	return lp_store_case_count(lp_session_store(s), &f, out, err);
}

/* Reads case `id` unmasked and checks that the officer may see it. */
static int get_visible(struct lp_session *s, int64_t id, struct lp_case *out,
		       struct lp_error *err)
{
	int rc = lp_cases_need_officer(s, err);
	if (rc != LP_OK)
		return rc;
	rc = lp_store_case_get(lp_session_store(s), id, out, err);
	if (rc == LP_ENOENT)
		return lp_error_set(err, LP_ENOENT, _("no case %" PRId64), id);
	if (rc != LP_OK)
		return rc;
	const struct lp_officer *o = lp_session_officer(s);
	const struct lp_agency *ca = lp_session_agency_lookup(s, out->agency, NULL);
	if (!lp_may_see_case(o, lp_session_agency(s), out, ca)) {
		rc = lp_explain_unseen(o, lp_session_agency(s), out, ca, err);
		lp_case_clear(out);
		return rc;
	}
	return LP_OK;
}

int lp_case_get(struct lp_session *s, int64_t id, struct lp_case *out, struct lp_error *err)
{
	if (!out)
		return lp_error_set(err, LP_EINTERNAL, "lp_case_get: no place for the result");
	int rc = get_visible(s, id, out, err);
	if (rc == LP_OK)
		lp_mask_case(lp_session_officer(s), out);
	return rc;
}

struct events_ctx {
	const struct lp_officer *o;
	const struct lp_case *c;
	lp_event_cb cb;
	void *ud;
	bool oom;
};

static int event_row(const struct lp_event *row, void *ud)
{
	struct events_ctx *x = ud;
	struct lp_event e;
	if (!lp_event_copy(&e, row)) {
		x->oom = true;
		return -1;
	}
	lp_mask_event(x->o, x->c, &e);
	int rc = x->cb(&e, x->ud);
	lp_event_clear(&e);
	return rc;
}

int lp_case_events(struct lp_session *s, int64_t id, lp_event_cb cb, void *ud,
		   struct lp_error *err)
{
	struct lp_case c;
	if (!cb)
		return lp_error_set(err, LP_EINTERNAL, "lp_case_events: no callback");
	int rc = get_visible(s, id, &c, err);
	if (rc != LP_OK)
		return rc;
	struct events_ctx x = { lp_session_officer(s), &c, cb, ud, false };
	rc = lp_store_event_list(lp_session_store(s), id, event_row, &x, err);
	lp_case_clear(&c);
	if (x.oom)
		return lp_error_set(err, LP_EIO, _("out of memory"));
	return rc;
}

int lp_draft_save(struct lp_session *s, int64_t case_id, enum lp_action kind, const char *text,
		  struct lp_error *err)
{
	if (kind != LP_ACTION_REPLY && kind != LP_ACTION_NOTE)
		return lp_error_set(err, LP_EUSAGE, _("only replies and notes have drafts"));
	size_t len = text ? strnlen(text, (size_t)LP_TEXT_MAX + 1) : 0;
	if (len > LP_TEXT_MAX)
		return lp_error_set(err, LP_EDATA, _("the draft is longer than %d bytes"),
				    LP_TEXT_MAX);
	if (text && !lp_utf8_valid(text, len))
		return lp_error_set(err, LP_EDATA, _("the draft is not valid UTF-8"));
	struct lp_case c;
	int rc = get_visible(s, case_id, &c, err);
	if (rc != LP_OK)
		return rc;
	lp_case_clear(&c);
	return lp_store_draft_put(lp_session_store(s), case_id, lp_session_officer(s)->login, kind,
				  text ? text : "", lp_session_now(s), err);
}

int lp_draft_load(struct lp_session *s, int64_t case_id, enum lp_action *kind, char **text,
		  struct lp_error *err)
{
	int rc = lp_cases_need_officer(s, err);
	if (rc != LP_OK)
		return rc;
	return lp_store_draft_get(lp_session_store(s), case_id, lp_session_officer(s)->login, kind,
				  text, err);
}

int lp_draft_discard(struct lp_session *s, int64_t case_id, struct lp_error *err)
{
	int rc = lp_cases_need_officer(s, err);
	if (rc != LP_OK)
		return rc;
	return lp_store_draft_delete(lp_session_store(s), case_id, lp_session_officer(s)->login,
				     err);
}
