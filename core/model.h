/* model.h: the domain's values (agencies, officers, cases, events) and
 * the closed lists they draw from.
 *
 * Each closed list is written once as an X-macro, which yields the enum,
 * the stable name stored in the database and printed by --json, and
 * (for actions) the help text.  Names are lower case ASCII and never
 * change once released: they are part of the schema.
 *
 * Ownership: the char * members of struct lp_case and struct lp_event
 * are heap strings owned by the struct; free them with lp_case_clear()
 * and lp_event_clear().  NULL means "absent" (or "masked", after
 * privacy masking).  Fixed arrays are always NUL-terminated. */
#ifndef LAPOR_MODEL_H
#define LAPOR_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#define LP_CODE_MAX 32     /* agency code, region code, incl. NUL */
#define LP_LOGIN_MAX 64    /* officer login, incl. NUL */
#define LP_TRACKING_MAX 64 /* tracking id, incl. NUL */
#define LP_CATEGORY_MAX 64 /* category, incl. NUL */
#define LP_PATH_MAX 160    /* agency path "/KEMENPANRB/31/31.71/", incl. NUL */
#define LP_NAME_MAX 160    /* agency or officer name, incl. NUL */
#define LP_HASH_LEN 32     /* SHA-256 */
#define LP_TEXT_MAX (1024 * 1024) /* largest title, body, reply or note */

/* X(enum suffix, stored name) */
#define LP_STATUS_LIST(X) \
	X(NEW, "new") \
	X(POSTPONED, "postponed") \
	X(ASSIGNED, "assigned") \
	X(IN_PROGRESS, "in_progress") \
	X(RESPONDED, "responded") \
	X(CLOSED, "closed") \
	X(ARCHIVED, "archived")

#define LP_ROLE_LIST(X) \
	X(ADMIN, "admin") \
	X(COORDINATOR, "coordinator") \
	X(SUPERVISOR, "supervisor") \
	X(CLERK, "clerk") \
	X(AUDITOR, "auditor") \
	X(SYSTEM, "system")

#define LP_KIND_LIST(X) \
	X(COMPLAINT, "complaint") \
	X(ASPIRATION, "aspiration") \
	X(INFORMATION_REQUEST, "information_request")

#define LP_CHANNEL_LIST(X) \
	X(WEB, "web") \
	X(SMS, "sms") \
	X(APP, "app") \
	X(SOCIAL, "social") \
	X(LETTER, "letter") \
	X(WALK_IN, "walk_in")

#define LP_PRIVACY_LIST(X) \
	X(PUBLIC, "public") \
	X(ANONYMOUS, "anonymous") \
	X(SECRET, "secret")

/* public: seen by the citizen; internal: officers only; system: intake
 * and sweep records. */
#define LP_VISIBILITY_LIST(X) \
	X(PUBLIC, "public") \
	X(INTERNAL, "internal") \
	X(SYSTEM, "system")

/* Agency kinds, from the root down. */
#define LP_AGENCY_KIND_LIST(X) \
	X(CENTRAL, "central") \
	X(MINISTRY, "ministry") \
	X(NATIONAL_BODY, "national_body") \
	X(PROVINCE, "province") \
	X(REGENCY, "regency") \
	X(CITY, "city") \
	X(UNIT, "unit")

/* SLA clock stages: X(enum suffix, name). */
#define LP_SLA_STAGE_LIST(X) \
	X(VERIFICATION, "verification") \
	X(FIRST_RESPONSE, "first_response") \
	X(SETTLEMENT, "settlement") \
	X(FEEDBACK, "feedback")

/* X(enum suffix, name, help).  Every action writes one event. */
#define LP_ACTION_LIST(X) \
	X(INTAKE, "intake", "a new report arrives from a channel") \
	X(MESSAGE, "message", "the citizen adds to the report") \
	X(FEEDBACK, "feedback", "the citizen rates the answer") \
	X(VERIFY, "verify", "verify a new report and route it to an agency") \
	X(POSTPONE, "postpone", "ask the citizen for more and wait") \
	X(ARCHIVE, "archive", "archive a report that will not be handled") \
	X(CLAIM, "claim", "take a case to work on yourself") \
	X(ASSIGN, "assign", "give a case to an officer") \
	X(REPLY, "reply", "answer the citizen publicly") \
	X(NOTE, "note", "add an internal note") \
	X(TRANSFER, "transfer", "send a case to another agency or back to triage") \
	X(ESCALATE, "escalate", "raise a case to the parent agency") \
	X(EXTEND, "extend", "extend the deadline once, with a reason") \
	X(CLOSE, "close", "close a case with a resolution") \
	X(REOPEN, "reopen", "reopen a closed case") \
	X(MERGE, "merge", "archive a duplicate, linked to the kept case")

#define LP_ENUM_MEMBER(prefix, suffix) prefix##suffix
#define LP_X_STATUS(s, n) LP_STATUS_##s,
#define LP_X_ROLE(s, n) LP_ROLE_##s,
#define LP_X_KIND(s, n) LP_KIND_##s,
#define LP_X_CHANNEL(s, n) LP_CHANNEL_##s,
#define LP_X_PRIVACY(s, n) LP_PRIVACY_##s,
#define LP_X_VISIBILITY(s, n) LP_VIS_##s,
#define LP_X_AGENCY_KIND(s, n) LP_AGENCY_##s,
#define LP_X_ACTION(s, n, h) LP_ACTION_##s,
#define LP_X_SLA_STAGE(s, n) LP_STAGE_##s,

enum lp_status { LP_STATUS_LIST(LP_X_STATUS) LP_STATUS_COUNT };
enum lp_role { LP_ROLE_LIST(LP_X_ROLE) LP_ROLE_COUNT };
enum lp_kind { LP_KIND_LIST(LP_X_KIND) LP_KIND_COUNT };
enum lp_channel { LP_CHANNEL_LIST(LP_X_CHANNEL) LP_CHANNEL_COUNT };
enum lp_privacy { LP_PRIVACY_LIST(LP_X_PRIVACY) LP_PRIVACY_COUNT };
enum lp_visibility { LP_VISIBILITY_LIST(LP_X_VISIBILITY) LP_VIS_COUNT };
enum lp_agency_kind { LP_AGENCY_KIND_LIST(LP_X_AGENCY_KIND) LP_AGENCY_KIND_COUNT };
enum lp_action { LP_ACTION_LIST(LP_X_ACTION) LP_ACTION_COUNT };
enum lp_sla_stage { LP_SLA_STAGE_LIST(LP_X_SLA_STAGE) LP_STAGE_COUNT };

/* Stored names.  *_name() returns a static string ("?" when out of
 * range); *_parse() returns the value or -1 when the name is unknown. */
const char *lp_status_name(enum lp_status v);
int lp_status_parse(const char *name);
const char *lp_role_name(enum lp_role v);
int lp_role_parse(const char *name);
const char *lp_kind_name(enum lp_kind v);
int lp_kind_parse(const char *name);
const char *lp_channel_name(enum lp_channel v);
int lp_channel_parse(const char *name);
const char *lp_privacy_name(enum lp_privacy v);
int lp_privacy_parse(const char *name);
const char *lp_visibility_name(enum lp_visibility v);
int lp_visibility_parse(const char *name);
const char *lp_agency_kind_name(enum lp_agency_kind v);
int lp_agency_kind_parse(const char *name);
const char *lp_action_name(enum lp_action v);
const char *lp_action_help(enum lp_action v); /* translated (gettext) */
int lp_action_parse(const char *name);
const char *lp_sla_stage_name(enum lp_sla_stage v);
int lp_sla_stage_parse(const char *name);

/* True for statuses in which a case still needs work. */
bool lp_status_is_open(enum lp_status s);

struct lp_agency {
	char code[LP_CODE_MAX];     /* "KEMENPANRB", "KEMENKES", "31", "31.71", "31.71.DISHUB" */
	char parent[LP_CODE_MAX];   /* "" for the root */
	char path[LP_PATH_MAX];     /* "/KEMENPANRB/31/31.71/": ancestors and itself */
	char name[LP_NAME_MAX];
	enum lp_agency_kind kind;
	int tz_minutes;             /* UTC offset: 420 WIB, 480 WITA, 540 WIT */
};

/* True when agency `a` is `ancestor` or lies below it (by path). */
bool lp_agency_within(const struct lp_agency *a, const struct lp_agency *ancestor);
/* "WIB", "WITA" or "WIT" for a UTC offset in minutes, else "UTC+H". */
const char *lp_tz_name(int tz_minutes);

/* A day off in the working-day calendar. */
struct lp_holiday {
	char date[11];              /* "YYYY-MM-DD" */
	char name[LP_NAME_MAX];     /* "Hari Raya Idul Fitri 1447 H" */
	char kind[32];              /* "national" or "joint_leave" */
};

/* How long a stage may take, for a kind of case. */
struct lp_sla_policy {
	enum lp_kind kind;
	enum lp_sla_stage stage;
	bool field_check;           /* applies to cases that need a field check */
	int days;
	bool working_days;          /* count working days, else calendar days */
};

struct lp_officer {
	int64_t id;
	char login[LP_LOGIN_MAX];
	char name[LP_NAME_MAX];
	char agency[LP_CODE_MAX];
	enum lp_role role;
	bool active;
};

struct lp_case {
	int64_t id;                      /* the case number officers type */
	char tracking_id[LP_TRACKING_MAX]; /* the channel's id, unique */
	enum lp_kind kind;
	enum lp_channel channel;
	enum lp_status status;
	enum lp_privacy privacy;
	char category[LP_CATEGORY_MAX];
	char region[LP_CODE_MAX];        /* area code of the place reported */
	char agency[LP_CODE_MAX];        /* handling agency */
	char assignee[LP_LOGIN_MAX];     /* "" when unassigned */
	int priority;                    /* 0 normal, 1 high, 2 urgent */
	char *title;                     /* owned; NULL when masked */
	char *body;                      /* owned; NULL when masked */
	char *reporter_name;             /* owned; NULL when absent or masked */
	char *reporter_phone;            /* owned; NULL when absent or masked */
	char *reporter_email;            /* owned; NULL when absent or masked */
	int64_t submitted_at;            /* unix seconds, from the channel */
	int64_t created_at;              /* unix seconds, when imported */
	int64_t updated_at;
	int64_t due_at;                  /* 0 when no clock runs */
	int escalation;                  /* 0 = not escalated; +1 per escalation */
	char escalated_to[LP_CODE_MAX];  /* agency whose supervisors hold the escalation; "" when none */
	int64_t version;                 /* +1 on every change */
	int64_t merged_into;             /* 0 unless archived as a duplicate */
	bool field_check;                /* settlement needs a field check */
	int extended_days;               /* 0 until extended (once) */
	int clock_stage;                 /* enum lp_sla_stage of the running clock, or -1 when none runs */
	int64_t clock_paused_at;         /* when a postponement paused the clock; 0 when running */
	int64_t event_count;             /* number of events (last seq) */
	unsigned char last_hash[LP_HASH_LEN]; /* hash of event `event_count` (zero when none) */
	bool masked;                     /* set by masking: something was hidden */
};

struct lp_event {
	int64_t case_id;
	int64_t seq;                     /* 1, 2, ... within the case */
	int64_t at;                      /* unix seconds */
	char officer[LP_LOGIN_MAX];      /* on whose authority ("system", "intake") */
	char actor[LP_LOGIN_MAX];        /* Unix login that typed it, when it differs (--as) */
	enum lp_action action;
	enum lp_status status_from;
	enum lp_status status_to;
	char agency_from[LP_CODE_MAX];
	char agency_to[LP_CODE_MAX];
	enum lp_visibility visibility;
	char *text;                      /* owned; reply, note, reason; NULL when none or masked */
	char *detail;                    /* owned; machine value: reason code, resolution, assignee, target case, rating */
	unsigned char prev_hash[LP_HASH_LEN]; /* zero for seq 1 */
	unsigned char hash[LP_HASH_LEN];
};

/* Frees the owned strings and zeroes the struct.  Accept NULL. */
void lp_case_clear(struct lp_case *c);
void lp_event_clear(struct lp_event *e);
/* Deep copies; return false on allocation failure (dst is then cleared). */
bool lp_case_copy(struct lp_case *dst, const struct lp_case *src);
bool lp_event_copy(struct lp_event *dst, const struct lp_event *src);

/* strdup that accepts NULL; returns NULL on NULL. */
char *lp_strdup(const char *s);
/* Copies src into a fixed array of size n, truncating; always NUL-terminates. */
void lp_strlcpy(char *dst, const char *src, unsigned long n);

#endif
