/* output_case.c: cases and events as text, JSON and CSV. */
#include "output.h"

#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "clock.h"
#include "directory.h"
#include "i18n.h"
#include "session.h"
#include "timefmt.h"

/* A small per-process cache of agency time zones (one session per
 * process). */
#define TZ_SLOTS 64
static struct {
	char code[LP_CODE_MAX];
	int tz;
} tz_cache[TZ_SLOTS];
static unsigned tz_next;

int lp_out_tz(struct lp_session *s, const char *code)
{
	if (!code || !*code)
		return 420;
	for (unsigned i = 0; i < TZ_SLOTS; i++)
		if (strcmp(tz_cache[i].code, code) == 0)
			return tz_cache[i].tz;
	struct lp_agency a;
	int tz = 420;
	if (lp_agency_get(s, code, &a, NULL) == LP_OK)
		tz = a.tz_minutes;
	unsigned slot = tz_next++ % TZ_SLOTS;
	lp_strlcpy(tz_cache[slot].code, code, sizeof tz_cache[slot].code);
	tz_cache[slot].tz = tz;
	return tz;
}

static json_t *str_or_null(const char *s)
{
	return s && *s ? lp_json_str(s) : json_null();
}

json_t *lp_case_json(const struct lp_case *c)
{
	char hex[2 * LP_HASH_LEN + 1];
	json_t *rep = json_pack("{s:o, s:o, s:o}", "name", lp_json_str(c->reporter_name),
				"phone", lp_json_str(c->reporter_phone), "email",
				lp_json_str(c->reporter_email));
	json_t *j = json_pack(
		"{s:I, s:o, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:i, s:o, s:o, s:o}",
		"id", (json_int_t)c->id, "tracking_id", lp_json_str(c->tracking_id),
		"kind", lp_kind_name(c->kind), "channel", lp_channel_name(c->channel),
		"status", lp_status_name(c->status), "privacy", lp_privacy_name(c->privacy),
		"category", str_or_null(c->category), "region", str_or_null(c->region),
		"agency", str_or_null(c->agency), "assignee", str_or_null(c->assignee),
		"priority", c->priority, "title", lp_json_str(c->title),
		"body", lp_json_str(c->body), "reporter", rep ? rep : json_null());
	if (!j)
		return NULL;
	json_object_set_new(j, "submitted_at", lp_json_time(c->submitted_at));
	json_object_set_new(j, "created_at", lp_json_time(c->created_at));
	json_object_set_new(j, "updated_at", lp_json_time(c->updated_at));
	json_object_set_new(j, "due_at", lp_json_time(c->due_at));
	json_object_set_new(j, "clock_stage",
			    c->clock_stage >= 0 ? json_string(lp_sla_stage_name(c->clock_stage))
						: json_null());
	json_object_set_new(j, "clock_paused_at", lp_json_time(c->clock_paused_at));
	json_object_set_new(j, "escalation", json_integer(c->escalation));
	json_object_set_new(j, "escalated_to", str_or_null(c->escalated_to));
	json_object_set_new(j, "extended_days", json_integer(c->extended_days));
	json_object_set_new(j, "field_check", json_boolean(c->field_check));
	json_object_set_new(j, "merged_into",
			    c->merged_into ? json_integer(c->merged_into) : json_null());
	json_object_set_new(j, "version", json_integer(c->version));
	json_object_set_new(j, "event_count", json_integer(c->event_count));
	json_object_set_new(j, "last_hash",
			    c->event_count ? json_string(lp_hash_hex(c->last_hash, hex)) : json_null());
	json_object_set_new(j, "masked", json_boolean(c->masked));
	return j;
}

json_t *lp_event_json(const struct lp_event *e)
{
	char hex[2 * LP_HASH_LEN + 1];
	json_t *j = json_pack("{s:I, s:o, s:o, s:o, s:s, s:s, s:s, s:o, s:o, s:s, s:o, s:o}",
			      "seq", (json_int_t)e->seq, "at", lp_json_time(e->at),
			      "officer", str_or_null(e->officer), "actor", str_or_null(e->actor),
			      "action", lp_action_name(e->action),
			      "status_from", lp_status_name(e->status_from),
			      "status_to", lp_status_name(e->status_to),
			      "agency_from", str_or_null(e->agency_from),
			      "agency_to", str_or_null(e->agency_to),
			      "visibility", lp_visibility_name(e->visibility),
			      "text", lp_json_str(e->text), "detail", lp_json_str(e->detail));
	if (j)
		json_object_set_new(j, "hash", json_string(lp_hash_hex(e->hash, hex)));
	return j;
}

/* Prints "Label: value" with a safe single-line value. */
static void field(FILE *f, const char *label, const char *value)
{
	char *safe = lp_out_safe(value, false);
	fprintf(f, "%-12s %s\n", label, safe);
	free(safe);
}

static const char *reporter_field(const struct lp_case *c, const char *v)
{
	if (v)
		return v;
	return c->masked ? _("(hidden)") : "-";
}

void lp_case_print(struct lp_session *s, const struct lp_case *c, FILE *f)
{
	char buf[64], line[256];
	int tz = lp_out_tz(s, c->agency);
	snprintf(line, sizeof line, "%lld", (long long)c->id);
	field(f, _("Case:"), line);
	field(f, _("Tracking:"), c->tracking_id);
	field(f, _("Title:"), c->title ? c->title : _("(confidential)"));
	snprintf(line, sizeof line, "%s (%s %lld)", lp_status_name(c->status), _("version"),
		 (long long)c->version);
	field(f, _("Status:"), line);
	snprintf(line, sizeof line, "%s, %s, %s", lp_kind_name(c->kind),
		 lp_channel_name(c->channel), lp_privacy_name(c->privacy));
	field(f, _("Kind:"), line);
	field(f, _("Category:"), c->category);
	field(f, _("Region:"), c->region);
	field(f, _("Agency:"), c->agency);
	field(f, _("Assignee:"), c->assignee[0] ? c->assignee : "-");
	field(f, _("Reporter:"), reporter_field(c, c->reporter_name));
	field(f, _("Phone:"), reporter_field(c, c->reporter_phone));
	field(f, _("Email:"), reporter_field(c, c->reporter_email));
	field(f, _("Submitted:"), c->submitted_at ? lp_time_local(c->submitted_at, tz, buf,
								  sizeof buf) : "-");
	field(f, _("Created:"), lp_time_local(c->created_at, tz, buf, sizeof buf));
	field(f, _("Updated:"), lp_time_local(c->updated_at, tz, buf, sizeof buf));
	field(f, _("Due:"), c->due_at ? lp_time_local(c->due_at, tz, buf, sizeof buf) : "-");
	lp_clock_describe(c, lp_session_now(s), line, sizeof line);
	if (c->clock_paused_at) {
		char since[300];
		/* TRANSLATORS: lapor show's Clock field of a postponed case:
		   "first response, paused since 1 Nov 2026 10.00 WIB". */
		snprintf(since, sizeof since, _("%s since %s"), line,
			 lp_time_local(c->clock_paused_at, tz, buf, sizeof buf));
		field(f, _("Clock:"), since);
	} else {
		field(f, _("Clock:"), line);
	}
	if (c->escalation) {
		snprintf(line, sizeof line, "%d (%s)", c->escalation, c->escalated_to);
		field(f, _("Escalation:"), line);
	}
	if (c->extended_days) {
		snprintf(line, sizeof line, "%d", c->extended_days);
		field(f, _("Extended:"), line);
	}
	if (c->merged_into) {
		snprintf(line, sizeof line, "%lld", (long long)c->merged_into);
		field(f, _("Merged into:"), line);
	}
	char *body = lp_out_safe(c->body ? c->body : _("(confidential)"), true);
	fprintf(f, "\n%s\n", body);
	free(body);
}

static bool carries_text(enum lp_action a)
{
	return a == LP_ACTION_REPLY || a == LP_ACTION_NOTE || a == LP_ACTION_MESSAGE;
}

void lp_event_print(const struct lp_event *e, const struct lp_case *c, int tz, FILE *f)
{
	char when[64];
	char *officer = lp_out_safe(e->officer, false);
	char *actor = lp_out_safe(e->actor, false);
	char *detail = lp_out_safe(e->detail, false);
	fprintf(f, "#%lld  %s  %s  %s", (long long)e->seq, lp_time_local(e->at, tz, when,
									  sizeof when),
		lp_action_name(e->action), officer);
	if (actor[0] && strcmp(actor, officer) != 0)
		fprintf(f, " (%s %s)", _("typed by"), actor);
	if (e->status_from != e->status_to)
		fprintf(f, "  %s -> %s", lp_status_name(e->status_from), lp_status_name(e->status_to));
	if (strcmp(e->agency_from, e->agency_to) != 0 && e->agency_to[0])
		fprintf(f, "  [%s -> %s]", e->agency_from[0] ? e->agency_from : "-", e->agency_to);
	if (detail[0])
		fprintf(f, "  %s", detail);
	const char *text = e->text;
	if (!text && c && c->masked && !c->title && carries_text(e->action))
		text = _("(confidential)");
	if (text && e->visibility == LP_VIS_INTERNAL)
		fprintf(f, "  (%s)", _("internal"));
	fputc('\n', f);
	if (text) {
		char *safe = lp_out_safe(text, true);
		for (char *p = safe, *nl; p && *p; p = nl ? nl + 1 : NULL) {
			nl = strchr(p, '\n');
			fprintf(f, "    %.*s\n", nl ? (int)(nl - p) : (int)strlen(p), p);
		}
		free(safe);
	}
	free(officer);
	free(actor);
	free(detail);
}

static const char *const csv_cols[] = {
	"id", "tracking_id", "kind", "channel", "status", "privacy", "category", "region",
	"agency", "assignee", "priority", "title", "body", "reporter_name", "reporter_phone",
	"reporter_email", "submitted_at", "created_at", "updated_at", "due_at", "escalation",
	"escalated_to", "version", "merged_into",
};

void lp_case_csv_header(FILE *f)
{
	for (size_t i = 0; i < sizeof csv_cols / sizeof csv_cols[0]; i++)
		lp_csv_field(f, csv_cols[i], i == 0);
	lp_csv_end(f);
}

static void csv_num(FILE *f, int64_t v)
{
	fprintf(f, ",%lld", (long long)v);
}

static void csv_time(FILE *f, int64_t t)
{
	char buf[40];
	lp_csv_field(f, t ? lp_time_rfc3339(t, buf, sizeof buf) : "", false);
}

void lp_case_csv_row(const struct lp_case *c, FILE *f)
{
	fprintf(f, "%lld", (long long)c->id);
	lp_csv_field(f, c->tracking_id, false);
	lp_csv_field(f, lp_kind_name(c->kind), false);
	lp_csv_field(f, lp_channel_name(c->channel), false);
	lp_csv_field(f, lp_status_name(c->status), false);
	lp_csv_field(f, lp_privacy_name(c->privacy), false);
	lp_csv_field(f, c->category, false);
	lp_csv_field(f, c->region, false);
	lp_csv_field(f, c->agency, false);
	lp_csv_field(f, c->assignee, false);
	csv_num(f, c->priority);
	lp_csv_field(f, c->title, false);
	lp_csv_field(f, c->body, false);
	lp_csv_field(f, c->reporter_name, false);
	lp_csv_field(f, c->reporter_phone, false);
	lp_csv_field(f, c->reporter_email, false);
	csv_time(f, c->submitted_at);
	csv_time(f, c->created_at);
	csv_time(f, c->updated_at);
	csv_time(f, c->due_at);
	csv_num(f, c->escalation);
	lp_csv_field(f, c->escalated_to, false);
	csv_num(f, c->version);
	csv_num(f, c->merged_into);
	lp_csv_end(f);
}
