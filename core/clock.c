/* clock.c: the state of a case's SLA clock, in words. */
#include "clock.h"

#include <stdio.h>

#include "i18n.h"

enum lp_clock_state lp_clock_state(enum lp_status status, int64_t due_at, int64_t paused_at,
				   int64_t now)
{
	if (!lp_status_is_open(status))
		return LP_CLOCK_NONE;
	if (paused_at)
		return LP_CLOCK_PAUSED;
	if (!due_at)
		return LP_CLOCK_NONE;
	if (due_at < now)
		return LP_CLOCK_OVERDUE;
	if (due_at - now < LP_CLOCK_SOON_SECONDS)
		return LP_CLOCK_DUE_SOON;
	return LP_CLOCK_RUNNING;
}

const char *lp_clock_state_name(enum lp_clock_state st)
{
	static const char *const names[LP_CLOCK_STATE_COUNT] = {
		[LP_CLOCK_NONE] = "none",
		[LP_CLOCK_RUNNING] = "running",
		[LP_CLOCK_DUE_SOON] = "due_soon",
		[LP_CLOCK_OVERDUE] = "overdue",
		[LP_CLOCK_PAUSED] = "paused",
	};
	return (unsigned)st < LP_CLOCK_STATE_COUNT ? names[st] : "";
}

const char *lp_clock_state_label(enum lp_clock_state st)
{
	static const char *const labels[LP_CLOCK_STATE_COUNT] = {
		[LP_CLOCK_NONE] = N_("no clock"),
		[LP_CLOCK_RUNNING] = N_("running"),
		[LP_CLOCK_DUE_SOON] = N_("due soon"),
		[LP_CLOCK_OVERDUE] = N_("overdue"),
		[LP_CLOCK_PAUSED] = N_("paused"),
	};
	if ((unsigned)st >= LP_CLOCK_STATE_COUNT)
		return "";
	return _(labels[st]);
}

const char *lp_sla_stage_label(int stage)
{
	switch (stage) {
	case LP_STAGE_VERIFICATION:
		return _("verification");
	case LP_STAGE_FIRST_RESPONSE:
		return _("first response");
	case LP_STAGE_SETTLEMENT:
		return _("settlement");
	case LP_STAGE_FEEDBACK:
		return _("feedback window");
	}
	return "";
}

char *lp_clock_describe(const struct lp_case *c, int64_t now, char *buf, size_t n)
{
	enum lp_clock_state st = lp_clock_state(c->status, c->due_at, c->clock_paused_at, now);
	const char *stage = lp_sla_stage_label(c->clock_stage);
	if (st == LP_CLOCK_NONE || !*stage)
		snprintf(buf, n, "%s", lp_clock_state_label(st));
	else
		/* TRANSLATORS: a clock's stage and state, "first response, overdue". */
		snprintf(buf, n, _("%s, %s"), stage, lp_clock_state_label(st));
	return buf;
}
