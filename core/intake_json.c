/* intake_json.c: one JSON Lines record parsed and checked (intake_json.h). */
#include "intake_json.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "safetext.h"
#include "timefmt.h"

#define TITLE_MAX 300
#define NAME_MAX_BYTES 200
#define PHONE_MAX 32
#define EMAIL_MAX 254

static const char *const report_fields[] = {
	"type", "tracking_id", "kind", "channel", "submitted_at", "title", "body",
	"category", "region", "privacy", "reporter", "field_check", NULL,
};
static const char *const message_fields[] = {
	"type", "tracking_id", "submitted_at", "body", NULL,
};
static const char *const reporter_fields[] = { "name", "phone", "email", NULL };

static int fail(char *why, size_t whyn, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(char *why, size_t whyn, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(why, whyn, fmt, ap);
	va_end(ap);
	/* cut short: do not leave half a UTF-8 character at the end */
	size_t len = strlen(why);
	for (int i = 0; n >= 0 && (size_t)n >= whyn && i < 4 && !lp_utf8_valid(why, len); i++)
		why[--len] = '\0';
	return -1;
}

void lp_intake_line_clear(struct lp_intake_line *l)
{
	if (!l)
		return;
	lp_case_clear(&l->report);
	free(l->body);
	memset(l, 0, sizeof *l);
}

int lp_intake_line_blank(const char *line, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
			return 0;
	return 1;
}

/* Reports the first member of obj not in `allowed` (prefix names the object). */
static int check_members(json_t *obj, const char *const *allowed, const char *prefix, char *why,
			 size_t whyn)
{
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v) {
		bool ok = false;
		for (const char *const *a = allowed; *a && !ok; a++)
			ok = strcmp(*a, key) == 0;
		if (!ok) {
			char *safe = lp_safe_text(key, strlen(key), 0);
			char shown[128];
			lp_text_fit(safe ? safe : "?", 40, shown, sizeof shown);
			fail(why, whyn, "unknown field \"%s%s\"", prefix, shown);
			free(safe);
			return -1;
		}
	}
	return 0;
}

/* A required string member: *out and *outlen borrow from obj. */
static int get_string(json_t *obj, const char *key, const char *label, bool required,
		      const char **out, size_t *outlen, char *why, size_t whyn)
{
	json_t *v = json_object_get(obj, key);
	*out = NULL;
	*outlen = 0;
	if (!v || json_is_null(v)) {
		if (required)
			return fail(why, whyn, "missing field \"%s\"", label);
		return 0;
	}
	if (!json_is_string(v))
		return fail(why, whyn, "\"%s\" must be a string", label);
	*out = json_string_value(v);
	*outlen = json_string_length(v);
	return 0;
}

/* Text: 1..max bytes of valid UTF-8 without NUL. */
static int check_text(const char *label, const char *s, size_t len, size_t max, char *why,
		      size_t whyn)
{
	if (len == 0)
		return fail(why, whyn, "\"%s\" is empty", label);
	if (len > max)
		return fail(why, whyn, "\"%s\" is longer than %zu bytes", label, max);
	if (!lp_utf8_valid(s, len))
		return fail(why, whyn, "\"%s\" must be valid UTF-8 without NUL", label);
	return 0;
}

static int get_text(json_t *obj, const char *key, const char *label, bool required, size_t max,
		    char **dst, char *why, size_t whyn)
{
	const char *s;
	size_t len;
	if (get_string(obj, key, label, required, &s, &len, why, whyn) < 0)
		return -1;
	if (!s)
		return 0;
	if (check_text(label, s, len, max, why, whyn) < 0)
		return -1;
	*dst = strdup(s);
	if (!*dst)
		return fail(why, whyn, "out of memory");
	return 0;
}

/* A closed list member: parse() gives the value or -1. */
static int get_enum(json_t *obj, const char *key, int (*parse)(const char *), const char *choices,
		    int *out, char *why, size_t whyn)
{
	const char *s;
	size_t len;
	if (get_string(obj, key, key, true, &s, &len, why, whyn) < 0)
		return -1;
	int v = strlen(s) == len ? parse(s) : -1;
	if (v < 0)
		return fail(why, whyn, "\"%s\" must be one of %s", key, choices);
	*out = v;
	return 0;
}

static int get_time(json_t *obj, int64_t *out, char *why, size_t whyn)
{
	const char *s;
	size_t len;
	if (get_string(obj, "submitted_at", "submitted_at", true, &s, &len, why, whyn) < 0)
		return -1;
	if (strlen(s) != len || lp_time_parse_rfc3339(s, out) < 0)
		return fail(why, whyn,
			    "\"submitted_at\" must be an RFC 3339 time with an offset, "
			    "like \"2026-11-28T09:15:00+07:00\"");
	return 0;
}

static int get_tracking(json_t *obj, char *dst, char *why, size_t whyn)
{
	const char *s;
	size_t len;
	if (get_string(obj, "tracking_id", "tracking_id", true, &s, &len, why, whyn) < 0)
		return -1;
	bool ok = len >= 1 && len < LP_TRACKING_MAX;
	for (size_t i = 0; ok && i < len; i++)
		ok = s[i] > 0x20 && s[i] < 0x7F;
	if (!ok)
		return fail(why, whyn, "\"tracking_id\" must be 1 to %d printable ASCII characters "
			    "without spaces", LP_TRACKING_MAX - 1);
	memcpy(dst, s, len + 1);
	return 0;
}

static int get_category(json_t *obj, char *dst, char *why, size_t whyn)
{
	const char *s;
	size_t len;
	if (get_string(obj, "category", "category", true, &s, &len, why, whyn) < 0)
		return -1;
	bool ok = len >= 1 && len < LP_CATEGORY_MAX && ((s[0] >= 'a' && s[0] <= 'z') ||
							 (s[0] >= '0' && s[0] <= '9'));
	for (size_t i = 0; ok && i < len; i++)
		ok = (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_' ||
		     s[i] == '-';
	if (!ok)
		return fail(why, whyn,
			    "\"category\" must be a lower-case slug of 1 to %d characters "
			    "(a-z, 0-9, '-', '_')", LP_CATEGORY_MAX - 1);
	memcpy(dst, s, len + 1);
	return 0;
}

/* Area codes: 1 to 4 groups of 1 to 4 digits, separated by dots ("31.71.01"). */
static int get_region(json_t *obj, char *dst, char *why, size_t whyn)
{
	const char *s;
	size_t len;
	if (get_string(obj, "region", "region", true, &s, &len, why, whyn) < 0)
		return -1;
	int groups = 1, run = 0;
	bool ok = len >= 1 && len < LP_CODE_MAX;
	for (size_t i = 0; ok && i < len; i++) {
		if (s[i] >= '0' && s[i] <= '9') {
			ok = ++run <= 4;
		} else if (s[i] == '.') {
			ok = run > 0 && ++groups <= 4;
			run = 0;
		} else {
			ok = false;
		}
	}
	if (!ok || run == 0)
		return fail(why, whyn, "\"region\" must be an area code like \"31.71\"");
	memcpy(dst, s, len + 1);
	return 0;
}

static int check_phone(const char *s, size_t len, char *why, size_t whyn)
{
	bool ok = len >= 1 && len <= PHONE_MAX, digit = false;
	for (size_t i = 0; ok && i < len; i++) {
		digit = digit || (s[i] >= '0' && s[i] <= '9');
		ok = (s[i] >= '0' && s[i] <= '9') || s[i] == '+' || s[i] == '-' || s[i] == ' ';
	}
	if (!ok || !digit)
		return fail(why, whyn,
			    "\"reporter.phone\" must be up to %d digits, '+', '-' or spaces",
			    PHONE_MAX);
	return 0;
}

static int check_email(const char *s, size_t len, char *why, size_t whyn)
{
	const char *at = memchr(s, '@', len);
	bool ok = len >= 3 && len <= EMAIL_MAX && at && at != s && at != s + len - 1 &&
		  !memchr(at + 1, '@', len - (size_t)(at + 1 - s)) && lp_utf8_valid(s, len);
	for (size_t i = 0; ok && i < len; i++)
		ok = (unsigned char)s[i] > 0x20 && s[i] != 0x7F;
	if (!ok)
		return fail(why, whyn,
			    "\"reporter.email\" must be an address with one '@', up to %d "
			    "bytes", EMAIL_MAX);
	return 0;
}

static int get_reporter(json_t *obj, struct lp_case *c, char *why, size_t whyn)
{
	json_t *r = json_object_get(obj, "reporter");
	const char *s;
	size_t len;
	if (!r || json_is_null(r))
		return 0;
	if (!json_is_object(r))
		return fail(why, whyn, "\"reporter\" must be an object with name, phone and email");
	if (check_members(r, reporter_fields, "reporter.", why, whyn) < 0)
		return -1;
	if (get_text(r, "name", "reporter.name", false, NAME_MAX_BYTES, &c->reporter_name, why,
		     whyn) < 0)
		return -1;
	if (get_string(r, "phone", "reporter.phone", false, &s, &len, why, whyn) < 0)
		return -1;
	if (s) {
		if (check_phone(s, len, why, whyn) < 0)
			return -1;
		if (!(c->reporter_phone = strdup(s)))
			return fail(why, whyn, "out of memory");
	}
	if (get_string(r, "email", "reporter.email", false, &s, &len, why, whyn) < 0)
		return -1;
	if (s) {
		if (check_email(s, len, why, whyn) < 0)
			return -1;
		if (!(c->reporter_email = strdup(s)))
			return fail(why, whyn, "out of memory");
	}
	return 0;
}

static int parse_report(json_t *obj, struct lp_case *c, char *why, size_t whyn)
{
	int kind, channel, privacy;
	if (check_members(obj, report_fields, "", why, whyn) < 0 ||
	    get_tracking(obj, c->tracking_id, why, whyn) < 0 ||
	    get_enum(obj, "kind", lp_kind_parse, "complaint, aspiration, information_request",
		     &kind, why, whyn) < 0 ||
	    get_enum(obj, "channel", lp_channel_parse, "web, sms, app, social, letter, walk_in",
		     &channel, why, whyn) < 0 ||
	    get_time(obj, &c->submitted_at, why, whyn) < 0 ||
	    get_text(obj, "title", "title", true, TITLE_MAX, &c->title, why, whyn) < 0 ||
	    get_text(obj, "body", "body", true, LP_TEXT_MAX, &c->body, why, whyn) < 0 ||
	    get_category(obj, c->category, why, whyn) < 0 ||
	    get_region(obj, c->region, why, whyn) < 0 ||
	    get_enum(obj, "privacy", lp_privacy_parse, "public, anonymous, secret", &privacy, why,
		     whyn) < 0 ||
	    get_reporter(obj, c, why, whyn) < 0)
		return -1;
	c->kind = (enum lp_kind)kind;
	c->channel = (enum lp_channel)channel;
	c->privacy = (enum lp_privacy)privacy;
	json_t *fc = json_object_get(obj, "field_check");
	if (fc && !json_is_null(fc)) {
		if (!json_is_boolean(fc))
			return fail(why, whyn, "\"field_check\" must be true or false");
		c->field_check = json_is_true(fc);
	}
	c->status = LP_STATUS_NEW;
	c->clock_stage = -1;
	return 0;
}

static const char *const feedback_fields[] = {
	"type", "tracking_id", "submitted_at", "rating", "comment", NULL,
};

static int parse_feedback(json_t *obj, struct lp_intake_line *out, char *why, size_t whyn)
{
	if (check_members(obj, feedback_fields, "", why, whyn) < 0 ||
	    get_tracking(obj, out->tracking_id, why, whyn) < 0 ||
	    get_time(obj, &out->submitted_at, why, whyn) < 0 ||
	    get_text(obj, "comment", "comment", false, LP_TEXT_MAX, &out->body, why, whyn) < 0)
		return -1;
	json_t *r = json_object_get(obj, "rating");
	if (!r || !json_is_integer(r) || json_integer_value(r) < 1 || json_integer_value(r) > 5)
		return fail(why, whyn, "\"rating\" must be an integer from 1 to 5");
	out->rating = (int)json_integer_value(r);
	return 0;
}

static int parse_message(json_t *obj, struct lp_intake_line *out, char *why, size_t whyn)
{
	if (check_members(obj, message_fields, "", why, whyn) < 0 ||
	    get_tracking(obj, out->tracking_id, why, whyn) < 0 ||
	    get_time(obj, &out->submitted_at, why, whyn) < 0 ||
	    get_text(obj, "body", "body", true, LP_TEXT_MAX, &out->body, why, whyn) < 0)
		return -1;
	return 0;
}

int lp_intake_parse_line(const char *line, size_t len, struct lp_intake_line *out, char *why,
			 size_t whyn)
{
	json_error_t jerr;
	int rc = -1;

	memset(out, 0, sizeof *out);
	out->report.clock_stage = -1;
	if (memchr(line, '\0', len))
		return fail(why, whyn, "NUL byte in the line");
	if (!lp_utf8_valid(line, len))
		return fail(why, whyn, "invalid UTF-8");
	json_t *obj = json_loadb(line, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &jerr);
	if (!obj) {
		char *safe = lp_safe_text(jerr.text, strlen(jerr.text), 0);
		fail(why, whyn, "invalid JSON at column %d: %s", jerr.column, safe ? safe : "?");
		free(safe);
		return -1;
	}
	if (!json_is_object(obj)) {
		json_decref(obj);
		return fail(why, whyn, "a line must be a JSON object");
	}
	json_t *type = json_object_get(obj, "type");
	const char *t = "report";
	if (type && !json_is_null(type)) {
		if (!json_is_string(type)) {
			fail(why, whyn, "\"type\" must be a string");
			goto done;
		}
		t = json_string_value(type);
	}
	if (strcmp(t, "report") == 0) {
		out->type = LP_INTAKE_REPORT;
		rc = parse_report(obj, &out->report, why, whyn);
	} else if (strcmp(t, "message") == 0) {
		out->type = LP_INTAKE_MESSAGE;
		rc = parse_message(obj, out, why, whyn);
	} else if (strcmp(t, "feedback") == 0) {
		out->type = LP_INTAKE_FEEDBACK;
		rc = parse_feedback(obj, out, why, whyn);
	} else {
		fail(why, whyn, "\"type\" must be report, message or feedback");
	}
done:
	json_decref(obj);
	if (rc < 0)
		lp_intake_line_clear(out);
	return rc;
}
