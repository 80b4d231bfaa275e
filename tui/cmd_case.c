/* cmd_case.c: the officer actions (verify, postpone, archive, claim,
 * assign, reply, note, transfer, escalate, extend, close, reopen,
 * merge).  Each command's name is its action's name; all go through
 * lp_act() and print one line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "i18n.h"
#include "output.h"
#include "workflow.h"

/* What the one-line report says an action did. */
static const char *done_word(enum lp_action a)
{
	switch (a) {
	case LP_ACTION_VERIFY: return _("verified");
	case LP_ACTION_POSTPONE: return _("postponed");
	case LP_ACTION_ARCHIVE: return _("archived");
	case LP_ACTION_CLAIM: return _("claimed");
	case LP_ACTION_ASSIGN: return _("assigned");
	case LP_ACTION_REPLY: return _("replied");
	case LP_ACTION_NOTE: return _("noted");
	case LP_ACTION_TRANSFER: return _("transferred");
	case LP_ACTION_ESCALATE: return _("escalated");
	case LP_ACTION_EXTEND: return _("extended");
	case LP_ACTION_CLOSE: return _("closed");
	case LP_ACTION_REOPEN: return _("reopened");
	case LP_ACTION_MERGE: return _("merged");
	default: return lp_action_name(a);
	}
}

/* Actions whose text (-m/-F) is required. */
static bool text_required(enum lp_action a)
{
	switch (a) {
	case LP_ACTION_POSTPONE: case LP_ACTION_REPLY: case LP_ACTION_NOTE:
	case LP_ACTION_TRANSFER: case LP_ACTION_ESCALATE: case LP_ACTION_EXTEND:
	case LP_ACTION_REOPEN:
		return true;
	default:
		return false;
	}
}

/* Fills the action-specific arguments from the options. */
static int fill_args(struct lp_cli *cli, struct lp_action_args *a)
{
	int64_t v = 0;
	switch (a->action) {
	case LP_ACTION_VERIFY:
		if (!lp_cli_has(cli, LP_OPT_AGENCY))
			return lp_cli_usage_error(cli, _("verify needs --agency CODE"));
		a->agency = cli->opt[LP_OPT_AGENCY];
		break;
	case LP_ACTION_TRANSFER:
		if (lp_cli_has(cli, LP_OPT_AGENCY) == lp_cli_has(cli, LP_OPT_RETRIAGE))
			return lp_cli_usage_error(cli, _("transfer needs --agency CODE or --retriage"));
		a->agency = cli->opt[LP_OPT_AGENCY];
		a->retriage = lp_cli_has(cli, LP_OPT_RETRIAGE);
		break;
	case LP_ACTION_ARCHIVE:
		if (!lp_cli_has(cli, LP_OPT_REASON))
			return lp_cli_usage_error(cli, _("archive needs --reason REASON"));
		if (lp_archive_reason_parse(cli->opt[LP_OPT_REASON]) < 0)
			return lp_cli_usage_error(cli, _("unknown reason \"%s\"; see 'lapor archive --help'"),
						  cli->opt[LP_OPT_REASON]);
		a->code = cli->opt[LP_OPT_REASON];
		break;
	case LP_ACTION_CLOSE:
		if (!lp_cli_has(cli, LP_OPT_RESOLUTION))
			return lp_cli_usage_error(cli, _("close needs --resolution RESOLUTION"));
		if (lp_resolution_parse(cli->opt[LP_OPT_RESOLUTION]) < 0)
			return lp_cli_usage_error(cli,
						  _("unknown resolution \"%s\"; see 'lapor close --help'"),
						  cli->opt[LP_OPT_RESOLUTION]);
		a->code = cli->opt[LP_OPT_RESOLUTION];
		break;
	case LP_ACTION_ASSIGN:
		if (!lp_cli_has(cli, LP_OPT_TO))
			return lp_cli_usage_error(cli, _("assign needs --to LOGIN"));
		a->assignee = cli->opt[LP_OPT_TO];
		break;
	case LP_ACTION_MERGE:
		if (!lp_cli_has(cli, LP_OPT_INTO))
			return lp_cli_usage_error(cli, _("merge needs --into ID"));
		if (lp_cli_parse_id(cli, cli->opt[LP_OPT_INTO], "--into", &a->into))
			return LP_EUSAGE;
		break;
	case LP_ACTION_EXTEND:
		if (!lp_cli_has(cli, LP_OPT_DAYS))
			return lp_cli_usage_error(cli, _("extend needs --days N"));
		if (lp_cli_opt_int(cli, LP_OPT_DAYS, 1, 365, &v))
			return LP_EUSAGE;
		a->days = (int)v;
		break;
	default:
		break;
	}
	return LP_OK;
}

int lp_cmd_act(struct lp_cli *cli)
{
	int action = lp_action_parse(cli->cmd->name);
	if (action < 0)
		return lp_error_set(&cli->err, LP_EINTERNAL, _("no action %s"), cli->cmd->name);
	struct lp_action_args a;
	memset(&a, 0, sizeof a);
	a.action = (enum lp_action)action;
	if (lp_cli_parse_id(cli, cli->argv[0], _("the case"), &a.case_id))
		return LP_EUSAGE;
	if (lp_cli_opt_int(cli, LP_OPT_IF_VERSION, 1, INT64_MAX, &a.if_version))
		return LP_EUSAGE;
	int rc = fill_args(cli, &a);
	if (rc)
		return rc;
	char *text = NULL;
	rc = lp_cli_text(cli, text_required(a.action), &text);
	if (rc)
		return rc;
	a.text = text;
	rc = lp_cli_open(cli);
	if (rc) {
		free(text);
		return rc;
	}
	struct lp_case after;
	memset(&after, 0, sizeof after);
	rc = lp_act(cli->s, &a, &after, &cli->err);
	free(text);
	if (rc) {
		lp_case_clear(&after);
		return rc;
	}
	if (cli->json) {
		json_t *j = lp_case_json(&after);
		if (j)
			json_object_set_new(j, "action", json_string(lp_action_name(a.action)));
		lp_json_print(j, stdout, false);
	} else {
		printf(_("case %lld: %s (version %lld)\n"), (long long)a.case_id,
		       done_word(a.action), (long long)after.version);
	}
	lp_case_clear(&after);
	return LP_OK;
}
