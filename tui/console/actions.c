/* actions.c: the case actions with their dialogs (pickers, reasons,
 * resolutions, the composer, a confirmation before what cannot be
 * undone), on one case or on every tagged case, always through lp_act. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "app.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "cases.h"
#include "i18n.h"
#include "workflow.h"

struct request {
	struct lp_action_args args;
	char agency[LP_CODE_MAX];
	char login[LP_LOGIN_MAX];
	char code[64];
	char reason[1024];
	char *text;           /* composed reply or note (owned) */
};

static int to_lp_action(enum con_action a)
{
	switch (a) {
	case CON_ACT_REPLY: return LP_ACTION_REPLY;
	case CON_ACT_NOTE: return LP_ACTION_NOTE;
	case CON_ACT_VERIFY: return LP_ACTION_VERIFY;
	case CON_ACT_POSTPONE: return LP_ACTION_POSTPONE;
	case CON_ACT_ARCHIVE: return LP_ACTION_ARCHIVE;
	case CON_ACT_CLAIM: return LP_ACTION_CLAIM;
	case CON_ACT_ASSIGN: return LP_ACTION_ASSIGN;
	case CON_ACT_TRANSFER: return LP_ACTION_TRANSFER;
	case CON_ACT_ESCALATE: return LP_ACTION_ESCALATE;
	case CON_ACT_EXTEND: return LP_ACTION_EXTEND;
	case CON_ACT_CLOSE: return LP_ACTION_CLOSE;
	case CON_ACT_REOPEN: return LP_ACTION_REOPEN;
	case CON_ACT_MERGE: return LP_ACTION_MERGE;
	default: return -1;
	}
}

#define X_RCODE(s, c, h) c,
#define X_RHELP(s, c, h) h,
static const char *const reason_codes[] = { LP_ARCHIVE_REASON_LIST(X_RCODE) };
static const char *const reason_helps[] = { LP_ARCHIVE_REASON_LIST(X_RHELP) };
static const char *const resolution_codes[] = { LP_RESOLUTION_LIST(X_RCODE) };
static const char *const resolution_helps[] = { LP_RESOLUTION_LIST(X_RHELP) };

#define PICK_LABEL_MAX 240

/* The picker's lines: the code (what the command line takes) and its
 * help in the officer's language. */
static const char *const *pick_labels(const char *const *codes, const char *const *helps, int n,
				      char (*buf)[PICK_LABEL_MAX], const char **labels)
{
	for (int i = 0; i < n; i++) {
		snprintf(buf[i], PICK_LABEL_MAX, "%-22s %s", codes[i], _(helps[i]));
		labels[i] = buf[i];
	}
	return labels;
}

static bool ask_text(struct con_app *app, const char *prompt, struct request *r, bool required)
{
	r->reason[0] = '\0';
	for (;;) {
		if (!con_prompt(app, prompt, r->reason, sizeof(r->reason)))
			return false;
		if (r->reason[0] || !required)
			break;
		con_message(app, true, _("A reason is needed."));
		con_draw_all(app);
	}
	r->args.text = r->reason[0] ? r->reason : NULL;
	return true;
}

/* The case the dialogs talk about: "case 123" or "3 tagged cases". */
static void what(char *buf, size_t n, int64_t id, int many)
{
	if (many > 1)
		snprintf(buf, n, P_("%d tagged case", "%d tagged cases", (unsigned long)many),
			 many);
	else
		snprintf(buf, n, _("case %lld"), (long long)id);
}

/* Asks for everything the action needs; false when the officer cancels. */
static bool gather(struct con_app *app, enum con_action a, int64_t id, int many, struct request *r)
{
	char target[64], q[600], title[200];
	char lbuf[LP_REASON_COUNT + LP_RESOLUTION_COUNT][PICK_LABEL_MAX];
	const char *plabels[LP_REASON_COUNT + LP_RESOLUTION_COUNT];
	int k;

	what(target, sizeof(target), id, many);
	memset(r, 0, sizeof(*r));
	r->args.action = to_lp_action(a);
	switch (a) {
	case CON_ACT_REPLY:
	case CON_ACT_NOTE:
		r->text = con_compose(app, id, r->args.action);
		r->args.text = r->text;
		return r->text != NULL;
	case CON_ACT_VERIFY:
		snprintf(title, sizeof(title), _("Verify %s: route to which agency?"), target);
		if (!con_pick_agency(app, title, r->agency))
			return false;
		r->args.agency = r->agency;
		return true;
	case CON_ACT_POSTPONE:
		return ask_text(app, _("What more do you ask the citizen? "), r, true);
	case CON_ACT_ARCHIVE:
		snprintf(title, sizeof(title), _("Archive %s: why?"), target);
		k = con_pick(app, title, pick_labels(reason_codes, reason_helps, LP_REASON_COUNT,
						    lbuf, plabels), LP_REASON_COUNT);
		if (k < 0)
			return false;
		snprintf(r->code, sizeof(r->code), "%s", reason_codes[k]);
		r->args.code = r->code;
		if (!ask_text(app, _("More words (optional): "), r, false))
			return false;
		snprintf(q, sizeof(q), _("Archive %s as %s? This cannot be undone."), target,
			 r->code);
		return con_confirm(app, q);
	case CON_ACT_CLAIM:
		return true;
	case CON_ACT_ASSIGN: {
		const struct lp_case *c = app->casev ? con_case_view_case(app->casev) : NULL;
		const char *under = c && c->id == id ? c->agency : NULL;
		const struct con_row *row = con_list_selected(app->list);

		if (!under && row && row->id == id)
			under = row->agency;
		if (!con_pick_officer(app, under ? under : app->me->agency, r->login))
			return false;
		r->args.assignee = r->login;
		return true;
	}
	case CON_ACT_TRANSFER: {
		static const char *const how[] = {
			N_("To another agency (choose it next)"),
			N_("Back to triage at the region's government"),
		};
		const char *labels[2] = { _(how[0]), _(how[1]) };

		snprintf(title, sizeof(title), _("Transfer %s"), target);
		k = con_pick(app, title, labels, 2);
		if (k < 0)
			return false;
		if (k == 0) {
			snprintf(title, sizeof(title), _("Transfer %s to which agency?"), target);
			if (!con_pick_agency(app, title, r->agency))
				return false;
			r->args.agency = r->agency;
		} else {
			r->args.retriage = true;
		}
		if (!ask_text(app, _("Reason for the transfer: "), r, true))
			return false;
		snprintf(q, sizeof(q), _("Transfer %s to %s?"), target,
			 r->args.retriage ? _("triage") : r->agency);
		return con_confirm(app, q);
	}
	case CON_ACT_ESCALATE:
		if (!ask_text(app, _("Reason for escalating: "), r, true))
			return false;
		snprintf(q, sizeof(q), _("Escalate %s to the parent agency?"), target);
		return con_confirm(app, q);
	case CON_ACT_EXTEND: {
		char days[16] = "";
		char *end;
		long d;

		if (!con_prompt(app, _("Extend the deadline by how many working days? "), days,
				sizeof(days)))
			return false;
		d = strtol(days, &end, 10);
		if (*end || d <= 0 || d > 365) {
			con_message(app, true, _("Not a number of days: %s"), days);
			return false;
		}
		r->args.days = (int)d;
		return ask_text(app, _("Reason for the extension: "), r, true);
	}
	case CON_ACT_CLOSE:
		snprintf(title, sizeof(title), _("Close %s: resolution?"), target);
		k = con_pick(app, title, pick_labels(resolution_codes, resolution_helps,
						    LP_RESOLUTION_COUNT, lbuf, plabels),
			     LP_RESOLUTION_COUNT);
		if (k < 0)
			return false;
		snprintf(r->code, sizeof(r->code), "%s", resolution_codes[k]);
		r->args.code = r->code;
		if (!ask_text(app, _("Closing words (optional): "), r, false))
			return false;
		snprintf(q, sizeof(q), _("Close %s as %s?"), target, r->code);
		return con_confirm(app, q);
	case CON_ACT_REOPEN:
		return ask_text(app, _("Reason for reopening: "), r, true);
	case CON_ACT_MERGE: {
		char into[32] = "";
		char *end;
		long long n = 0;
		int64_t ids[8];
		char labels[9][160];
		const char *lp[9];
		int64_t cid, cver;
		int ns = 0;

		/* The case view's duplicate suggestions come first. */
		if (many == 1 && app->casev && con_case_view_current(app->casev, &cid, &cver) &&
		    cid == id)
			ns = con_case_view_similar(app->casev, ids, labels, 8);
		if (ns > 0) {
			for (int i = 0; i < ns; i++)
				lp[i] = labels[i];
			snprintf(labels[ns], sizeof(labels[ns]), "%s",
				 _("Another case: type its number"));
			lp[ns] = labels[ns];
			snprintf(title, sizeof(title), _("Merge %s into which similar case?"),
				 target);
			k = con_pick(app, title, lp, ns + 1);
			if (k < 0)
				return false;
			if (k < ns)
				n = ids[k];
		}
		if (n <= 0) {
			if (!con_prompt(app, _("Merge into which case (the one kept)? "), into,
					sizeof(into)))
				return false;
			n = strtoll(into, &end, 10);
			if (*end || n <= 0) {
				con_message(app, true, _("Not a case number: %s"), into);
				return false;
			}
		}
		r->args.into = n;
		snprintf(q, sizeof(q), _("Archive %s as a duplicate of case %lld? This cannot be "
					 "undone."), target, n);
		return con_confirm(app, q);
	}
	default:
		return false;
	}
}

static int act_one(struct con_app *app, struct request *r, int64_t id, int64_t version,
		   struct lp_case *after, struct lp_error *err)
{
	r->args.case_id = id;
	r->args.if_version = version;
	return lp_act(app->s, &r->args, after, err);
}

int con_run_action(struct con_app *app, enum con_action a, int64_t id, int64_t version)
{
	struct request r;
	struct lp_case after;
	struct lp_error err;
	int rc;

	if (to_lp_action(a) < 0)
		return CON_F_REDRAW;
	if (!gather(app, a, id, 1, &r)) {
		if (!app->msg[0])
			con_message(app, false, _("Cancelled; nothing changed."));
		free(r.text);
		return CON_F_REDRAW;
	}
	memset(&after, 0, sizeof(after));
	rc = act_one(app, &r, id, version, &after, &err);
	if (rc == LP_OK) {
		if (r.text)
			con_compose_done(app, id);
		con_message(app, false, _("Case %lld: %s done (now %s, version %lld)."),
			    (long long)id, lp_action_name(r.args.action),
			    lp_status_name(after.status), (long long)after.version);
	} else {
		con_message(app, true, "%s%s", err.msg,
			    r.text ? _(" Your text is kept as a draft.") : "");
	}
	lp_case_clear(&after);
	free(r.text);
	return CON_F_RELOAD | CON_F_REDRAW;
}

int con_run_tagged(struct con_app *app, enum con_action a)
{
	struct request r;
	int ok = 0, refused = 0, n = app->ntags;
	size_t cap = 8192, len = 0;
	char *report = malloc(cap);

	if (!report)
		return CON_F_REDRAW;
	report[0] = '\0';
	if (!n || to_lp_action(a) < 0) {
		free(report);
		return CON_F_REDRAW;
	}
	if (!gather(app, a, app->tags[0], n, &r)) {
		if (!app->msg[0])
			con_message(app, false, _("Cancelled; nothing changed."));
		free(r.text);
		free(report);
		return CON_F_REDRAW;
	}
	for (int i = 0; i < n; i++) {
		struct lp_error err;
		struct lp_case after;

		memset(&after, 0, sizeof(after));
		/* Tagged cases act on their current version: core still checks
		 * status and permission for each. */
		if (act_one(app, &r, app->tags[i], 0, &after, &err) == LP_OK) {
			ok++;
		} else {
			refused++;
			if (len < cap - 200)
				len += (size_t)snprintf(report + len, cap - len, "%s\n", err.msg);
		}
		lp_case_clear(&after);
	}
	if (r.text)
		con_compose_done(app, app->tags[0]);
	if (refused > 1) {
		char title[200];

		snprintf(title, sizeof(title), _("%s: %d done, %d refused"),
			 lp_action_name(r.args.action), ok, refused);
		con_show_text(app, title, report, _("q: back"));
	}
	con_message(app, refused > 0, P_("%s on %d tagged case: %d done, %d refused%s%s",
					 "%s on %d tagged cases: %d done, %d refused%s%s",
					 (unsigned long)n),
		    lp_action_name(r.args.action), n, ok, refused, refused == 1 ? ": " : ".",
		    refused == 1 ? report : "");
	if (refused == 0)
		app->ntags = 0;
	free(r.text);
	free(report);
	return CON_F_RELOAD | CON_F_REDRAW;
}
