/* session.c: opening a database as an officer, the session's clock, and
 * the session's caches (agencies by code, the SLA calendar slot). */
#include "i18n.h"
#include "session.h"

#include <ctype.h>
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "session_internal.h"
#include "session_slots.h"
#include "sla.h"
#include "store.h"
#include "timefmt.h"

#define AGENCY_BUCKETS 512

struct agency_node {
	struct agency_node *next;
	struct lp_agency a;
};

struct lp_session {
	struct lp_store *store;            /* owned */
	bool has_officer;
	struct lp_officer officer;         /* the acting officer */
	struct lp_agency agency;           /* its agency */
	char unix_login[LP_LOGIN_MAX];
	char login[LP_LOGIN_MAX];          /* who acts: --as, else the Unix login */
	enum lp_identity_need identity;
	bool root;                         /* bootstrap powers: see lp_session_is_root() */
	bool as_other;                     /* acting as another officer (--as) */
	bool has_env_now;                  /* $LAPOR_NOW was set */
	int64_t env_now;
	int64_t fixed_now;                 /* lp_session_set_now(); 0: not fixed */
	struct lp_calendar *calendar;      /* owned; the SLA engineer's slot */
	struct agency_node *agencies[AGENCY_BUCKETS]; /* owned cache by code */
	int agency_reads;        /* agencies read one by one since the cache was filled */
	bool agencies_all;       /* the whole table was read into the cache */
};

const char *lp_default_db_path(char *buf, unsigned long n)
{
	const char *env = getenv("LAPOR_DB");
	if (env && *env) {
		lp_strlcpy(buf, env, n);
		return buf;
	}
	const char *xdg = getenv("XDG_DATA_HOME");
	if (xdg && *xdg == '/') {
		snprintf(buf, n, "%s/lapor/lapor.db", xdg);
		return buf;
	}
	const char *home = getenv("HOME");
	if (!home || !*home) {
		struct passwd *pw = getpwuid(geteuid());
		home = pw && pw->pw_dir ? pw->pw_dir : "/";
	}
	snprintf(buf, n, "%s/.local/share/lapor/lapor.db", home);
	return buf;
}

/* True when `db` names a server (a PostgreSQL URI or "key=value ...")
 * rather than a file. */
static bool is_server_uri(const char *db)
{
	if (strncmp(db, "postgresql://", 13) == 0 || strncmp(db, "postgres://", 11) == 0)
		return true;
	const char *p = db;
	while (isspace((unsigned char)*p))
		p++;
	const char *word = p;
	while (islower((unsigned char)*p) || *p == '_')
		p++;
	while (p > word && (*p == ' ' || *p == '\t'))
		p++;
	return p > word && *p == '=';
}

/* Creates the directories leading to the file `path` (mkdir -p of its
 * dirname), mode 0700 for the new ones. */
static int make_parent_dirs(const char *path, struct lp_error *err)
{
	char dir[4096];
	lp_strlcpy(dir, path, sizeof dir);
	char *slash = strrchr(dir, '/');
	if (!slash || slash == dir)
		return LP_OK;
	*slash = '\0';
	for (char *p = dir + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char saved = *p;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST)
			return lp_error_set(err, LP_EIO,
					    _("cannot create the directory %s: %s"), dir,
					    strerror(errno));
		*p = saved;
		if (saved == '\0')
			break;
	}
	return LP_OK;
}

/* Parses $LAPOR_NOW: unix seconds or RFC 3339. */
static int parse_now(const char *v, int64_t *out, struct lp_error *err)
{
	const char *p = v;
	if (*p == '-')
		p++;
	bool digits = *p != '\0';
	for (const char *q = p; *q; q++)
		if (!isdigit((unsigned char)*q))
			digits = false;
	if (digits && strlen(p) <= 18) {
		*out = strtoll(v, NULL, 10);
		return LP_OK;
	}
	if (lp_time_parse_rfc3339(v, out) == 0)
		return LP_OK;
	return lp_error_set(err, LP_EUSAGE,
			    _("LAPOR_NOW=%s is neither unix seconds nor an RFC 3339 time "
			    "(like 2026-11-28T09:15:00+07:00)"), v);
}

/* Looks up the officer `login` and its agency into the session. */
static int load_officer(struct lp_session *s, const char *login, struct lp_error *err)
{
	struct lp_officer o;
	int rc = lp_store_officer_get(s->store, login, &o, err);
	if (rc != LP_OK)
		return rc;
	const struct lp_agency *a = lp_session_agency_lookup(s, o.agency, err);
	if (!a)
		return err ? err->code : LP_ENOENT;
	s->officer = o;
	s->agency = *a;
	s->has_officer = true;
	return LP_OK;
}

/* The message for a login that is not an officer. */
static int not_registered(const char *login, const char *db, struct lp_error *err)
{
	return lp_error_set(err, LP_EPERM,
			    _("you (%s) are not a registered officer in %s; an admin can register "
			    "you with: lapor officer add %s --name NAME --agency CODE --role ROLE"),
			    login, db, login);
}

/* On a server the acting officer is the database role the connection
 * logged in as (row-level security enforces it there): --as naming
 * anyone else is refused.  A role that is not an active officer (the
 * database's owner, who ran `lapor init`) keeps the bootstrap powers; the
 * server's grants decide what it may really do. */
static int resolve_db_identity(struct lp_session *s, const struct lp_session_opts *opts,
			       const char *db, const char *role, struct lp_error *err)
{
	struct lp_error e2;
	lp_error_clear(&e2);
	s->identity = opts->identity;
	lp_strlcpy(s->login, role, sizeof s->login);
	s->root = false;
	if (opts->as_login && *opts->as_login && strcmp(opts->as_login, role) != 0)
		return lp_error_set(err, LP_EPERM,
				    _("--as %s: on a PostgreSQL server you act as the database "
				      "role you connect as (%s); connect as %s instead, e.g. "
				    "--db 'postgresql://%s@HOST/DATABASE'"), opts->as_login, role,
				    opts->as_login, opts->as_login);
	int rc = load_officer(s, role, &e2);
	if (rc != LP_OK && rc != LP_ENOENT)
		return lp_error_set(err, rc, "%s", e2.msg);
	bool officer = rc == LP_OK && s->officer.active;
	if (!officer)
		s->has_officer = false;
	if (officer || opts->identity == LP_IDENTITY_OPTIONAL) {
		s->root = !officer;
		return LP_OK;
	}
	if (rc == LP_ENOENT)
		return not_registered(role, db, err);
	return lp_error_set(err, LP_EPERM,
			    _("your officer account %s in %s is inactive; ask an admin"), role, db);
}

/* Resolves who acts: the Unix login, or --as when allowed; on a server,
 * the database role (resolve_db_identity). */
static int resolve_identity(struct lp_session *s, const struct lp_session_opts *opts,
			    const char *db, struct lp_error *err)
{
	const char *role = lp_store_db_login(s->store);
	if (role && *role)
		return resolve_db_identity(s, opts, db, role, err);
	struct lp_error e2;
	lp_error_clear(&e2);
	int rc = load_officer(s, s->unix_login, &e2);
	if (rc != LP_OK && rc != LP_ENOENT)
		return lp_error_set(err, rc, "%s", e2.msg);
	bool unix_officer = rc == LP_OK;
	s->identity = opts->identity;
	lp_strlcpy(s->login, s->unix_login, sizeof s->login);

	if (opts->as_login && *opts->as_login && strcmp(opts->as_login, s->unix_login) != 0) {
		bool unix_admin = unix_officer && s->officer.active &&
				  s->officer.role == LP_ROLE_ADMIN;
		if (!s->root && !unix_admin)
			return lp_error_set(err, LP_EPERM,
					    _("only root or an admin may act as another officer "
					    "(--as %s); you are %s"), opts->as_login,
					    s->unix_login);
		s->has_officer = false;
		/* With --as the acting officer's role alone decides: root's
		 * bootstrap powers are for root acting as itself. */
		s->root = false;
		s->as_other = true;
		lp_strlcpy(s->login, opts->as_login, sizeof s->login);
		rc = load_officer(s, opts->as_login, &e2);
		if (rc == LP_ENOENT)
			return lp_error_set(err, LP_EPERM,
					    _("%s is not a registered officer in %s (--as)"),
					    opts->as_login, db);
		if (rc != LP_OK)
			return lp_error_set(err, rc, "%s", e2.msg);
		if (!s->officer.active)
			return lp_error_set(err, LP_EPERM, _("officer %s is inactive (--as)"),
					    opts->as_login);
		return LP_OK;
	}
	if (opts->identity == LP_IDENTITY_OPTIONAL) {
		if (unix_officer && !s->officer.active)
			s->has_officer = false;
		return LP_OK;
	}
	if (!unix_officer)
		return not_registered(s->unix_login, db, err);
	if (!s->officer.active)
		return lp_error_set(err, LP_EPERM,
				    _("your officer account %s in %s is inactive; ask an admin"),
				    s->unix_login, db);
	return LP_OK;
}

int lp_session_open(const struct lp_session_opts *opts, struct lp_session **out,
		    struct lp_error *err)
{
	struct lp_session_opts none = { 0 };
	char path[4096];
	if (!out)
		return lp_error_set(err, LP_EINTERNAL, "lp_session_open: no place for the result");
	*out = NULL;
	if (!opts)
		opts = &none;
	const char *db = opts->db && *opts->db ? opts->db : lp_default_db_path(path, sizeof path);

	struct lp_session *s = calloc(1, sizeof *s);
	if (!s)
		return lp_error_set(err, LP_EIO, _("out of memory"));
	s->root = geteuid() == 0;
	struct passwd *pw = getpwuid(geteuid());
	if (pw && pw->pw_name)
		lp_strlcpy(s->unix_login, pw->pw_name, sizeof s->unix_login);
	else
		snprintf(s->unix_login, sizeof s->unix_login, "uid%ld", (long)geteuid());

	int rc = LP_OK;
	const char *now = getenv("LAPOR_NOW");
	if (now && *now) {
		rc = parse_now(now, &s->env_now, err);
		s->has_env_now = rc == LP_OK;
	}
	if (rc == LP_OK && opts->create && !is_server_uri(db))
		rc = make_parent_dirs(db, err);
	if (rc == LP_OK) {
		int flags = (opts->create ? LP_STORE_CREATE : 0) |
			    (opts->readonly ? LP_STORE_READONLY : 0);
		rc = lp_store_open(db, flags, &s->store, err);
	}
	if (rc == LP_OK && opts->create)
		rc = lp_store_migrate(s->store, NULL, NULL, err);
	if (rc == LP_OK)
		rc = resolve_identity(s, opts, db, err);
	if (rc != LP_OK) {
		lp_session_close(s);
		return rc;
	}
	*out = s;
	return LP_OK;
}

void lp_session_agency_forget(struct lp_session *s)
{
	if (!s)
		return;
	for (int i = 0; i < AGENCY_BUCKETS; i++) {
		struct agency_node *n = s->agencies[i];
		while (n) {
			struct agency_node *next = n->next;
			free(n);
			n = next;
		}
		s->agencies[i] = NULL;
	}
	s->agency_reads = 0;
	s->agencies_all = false;
}

void lp_session_close(struct lp_session *s)
{
	if (!s)
		return;
	lp_calendar_destroy(s->calendar);
	lp_session_agency_forget(s);
	lp_store_close(s->store);
	free(s);
}

/* FNV-1a of an agency code. */
static unsigned bucket_of(const char *code)
{
	uint32_t h = 2166136261u;
	for (const unsigned char *p = (const unsigned char *)code; *p; p++)
		h = (h ^ *p) * 16777619u;
	return h % AGENCY_BUCKETS;
}

static struct agency_node *agency_cached(struct lp_session *s, const char *code)
{
	for (struct agency_node *n = s->agencies[bucket_of(code)]; n; n = n->next)
		if (strcmp(n->a.code, code) == 0)
			return n;
	return NULL;
}

/* Adds a to the cache (unless there); LP_EIO when out of memory. */
static int agency_keep(const struct lp_agency *a, void *ud)
{
	struct lp_session *s = ud;
	if (agency_cached(s, a->code))
		return 0;
	struct agency_node *n = calloc(1, sizeof *n);
	if (!n)
		return LP_EIO;
	n->a = *a;
	unsigned b = bucket_of(a->code);
	n->next = s->agencies[b];
	s->agencies[b] = n;
	return 0;
}

/* On a server each agency read alone is a round trip: a list of cases
 * from many agencies (an admin's queue page: about 40) read them one by
 * one to mask its rows.  After the officer's own agency and one more,
 * the rest of the table (about 600 rows) comes in one statement. */
#define AGENCY_READS_ALONE 2

const struct lp_agency *lp_session_agency_lookup(struct lp_session *s, const char *code,
						 struct lp_error *err)
{
	if (!s || !code || !*code) {
		lp_error_set(err, LP_ENOENT, _("no agency given"));
		return NULL;
	}
	struct agency_node *n = agency_cached(s, code);
	if (n)
		return &n->a;
	if (!s->agencies_all && s->agency_reads >= AGENCY_READS_ALONE &&
	    lp_store_remote(s->store)) {
		struct lp_error e2;
		s->agencies_all = true; /* tried once: on failure each is read alone */
		lp_store_agency_list(s->store, NULL, agency_keep, s, &e2);
		if ((n = agency_cached(s, code)))
			return &n->a;
	}
	s->agency_reads++;
	struct lp_agency a;
	struct lp_error e2;
	int rc = lp_store_agency_get(s->store, code, &a, &e2);
	if (rc == LP_OK && agency_keep(&a, s) != 0)
		rc = lp_error_set(&e2, LP_EIO, _("out of memory"));
	if (rc != LP_OK) {
		if (rc == LP_ENOENT)
			lp_error_set(err, LP_ENOENT, _("no agency %s"), code);
		else
			lp_error_set(err, rc, "%s", e2.msg);
		return NULL;
	}
	return &agency_cached(s, code)->a;
}

const struct lp_officer *lp_session_officer(const struct lp_session *s)
{
	return s && s->has_officer ? &s->officer : NULL;
}

const struct lp_agency *lp_session_agency(const struct lp_session *s)
{
	return s && s->has_officer ? &s->agency : NULL;
}

const char *lp_session_unix_login(const struct lp_session *s)
{
	return s ? s->unix_login : "";
}

bool lp_session_is_root(const struct lp_session *s)
{
	return s && s->root;
}

struct lp_store *lp_session_store(struct lp_session *s)
{
	return s ? s->store : NULL;
}

int64_t lp_session_now(const struct lp_session *s)
{
	if (s && s->fixed_now)
		return s->fixed_now;
	if (s && s->has_env_now)
		return s->env_now;
	return (int64_t)time(NULL);
}

void lp_session_set_now(struct lp_session *s, int64_t now)
{
	if (s)
		s->fixed_now = now;
}

int lp_session_refresh(struct lp_session *s, struct lp_error *err)
{
	if (!s)
		return lp_error_set(err, LP_EINTERNAL, _("no session"));
	lp_session_agency_forget(s);
	s->has_officer = false;
	struct lp_error e2;
	int rc = load_officer(s, s->login, &e2);
	bool optional = s->identity == LP_IDENTITY_OPTIONAL && !s->as_other;
	if (rc == LP_ENOENT && optional)
		return LP_OK;
	if (rc == LP_ENOENT)
		return lp_error_set(err, LP_EPERM, _("officer %s no longer exists"), s->login);
	if (rc != LP_OK)
		return lp_error_set(err, rc, "%s", e2.msg);
	if (!s->officer.active) {
		s->has_officer = false;
		if (optional)
			return LP_OK;
		return lp_error_set(err, LP_EPERM, _("officer %s is now inactive"), s->login);
	}
	return LP_OK;
}

struct lp_calendar **lp_session_calendar_slot(struct lp_session *s)
{
	return s ? &s->calendar : NULL;
}
