/* cmd_admin.c: init, demo, agency ls, officer add/ls, import and audit
 * verify. */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audit.h"
#include "commands.h"
#include "demo.h"
#include "directory.h"
#include "i18n.h"
#include "intake.h"
#include "output.h"
#include "session.h"
#include "store.h"

#define ROOT_AGENCY "KEMENPANRB"

/* The database path the command works on (for messages and mkdir). */
static const char *db_path(const struct lp_cli *cli, char *buf, size_t n)
{
	return cli->db ? cli->db : lp_default_db_path(buf, n);
}

/* mkdir -p of the directory holding a file path (not for URIs). */
static int make_parent(struct lp_cli *cli, const char *path)
{
	if (strstr(path, "://") || strchr(path, '='))
		return LP_OK;
	char dir[4096];
	lp_strlcpy(dir, path, sizeof dir);
	char *slash = strrchr(dir, '/');
	if (!slash || slash == dir)
		return LP_OK;
	*slash = '\0';
	for (char *p = dir + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char c = *p;
			*p = '\0';
			if (mkdir(dir, 0700) < 0 && errno != EEXIST)
				return lp_error_set(&cli->err, LP_EIO, _("cannot create %s: %s"), dir,
						    strerror(errno));
			*p = c;
			if (!c)
				break;
		}
	}
	return LP_OK;
}

static int count_humans(const struct lp_officer *o, void *ud)
{
	if (o->role != LP_ROLE_SYSTEM)
		++*(int64_t *)ud;
	return 0;
}

/* The creator of a database with no human officer becomes its admin. */
static int bootstrap_admin(struct lp_cli *cli, struct lp_session *s)
{
	struct lp_store *st = lp_session_store(s);
	int rc = lp_store_begin(st, true, &cli->err);
	if (rc)
		return rc;
	int64_t humans = 0;
	rc = lp_store_officer_list(st, NULL, count_humans, &humans, &cli->err);
	if (rc || humans > 0) {
		lp_store_rollback(st);
		if (rc == LP_OK)
			printf(_("officers: %lld registered\n"), (long long)humans);
		return rc;
	}
	struct lp_officer o;
	memset(&o, 0, sizeof o);
	const char *login = lp_session_unix_login(s);
	lp_strlcpy(o.login, login, sizeof o.login);
	struct passwd *pw = getpwnam(login);
	const char *name = pw && pw->pw_gecos && *pw->pw_gecos ? pw->pw_gecos : login;
	lp_strlcpy(o.name, name, sizeof o.name);
	char *comma = strchr(o.name, ',');
	if (comma)
		*comma = '\0';
	lp_strlcpy(o.agency, ROOT_AGENCY, sizeof o.agency);
	o.role = LP_ROLE_ADMIN;
	o.active = true;
	rc = lp_store_officer_put(st, &o, &cli->err);
	if (rc == LP_OK) /* its database identity (PostgreSQL); no-op on SQLite */
		rc = lp_store_officer_provision(st, &o, &cli->err);
	if (rc == LP_OK)
		rc = lp_store_commit(st, &cli->err);
	if (rc) {
		lp_store_rollback(st);
		return rc;
	}
	printf(_("registered you (%s) as admin at %s, this database's first officer\n"),
	       o.login, ROOT_AGENCY);
	printf(_("register others with: lapor officer add LOGIN --name NAME --agency CODE "
		 "--role ROLE\n"));
	return LP_OK;
}

int lp_cmd_init(struct lp_cli *cli)
{
	char buf[4096];
	const char *path = db_path(cli, buf, sizeof buf);
	int rc = make_parent(cli, path);
	if (rc)
		return rc;
	struct lp_store *st = NULL;
	int from = 0, to = 0;
	rc = lp_store_open(path, LP_STORE_CREATE, &st, &cli->err);
	if (rc == LP_OK)
		rc = lp_store_migrate(st, &from, &to, &cli->err);
	lp_store_close(st);
	if (rc)
		return rc;
	if (from == 0)
		printf(_("created %s (schema version %d)\n"), path, to);
	else if (from < to)
		printf(_("upgraded %s from schema version %d to %d\n"), path, from, to);
	else
		printf(_("%s is up to date (schema version %d)\n"), path, to);
	if (lp_cli_has(cli, LP_OPT_NO_ADMIN))
		return LP_OK;
	struct lp_session_opts so = { .db = path, .identity = LP_IDENTITY_OPTIONAL };
	struct lp_session *s = NULL;
	rc = lp_session_open(&so, &s, &cli->err);
	if (rc == LP_OK)
		rc = bootstrap_admin(cli, s);
	lp_session_close(s);
	return rc;
}

int lp_cmd_demo(struct lp_cli *cli)
{
	char buf[4096];
	const char *path = db_path(cli, buf, sizeof buf);
	struct lp_demo_opts o = { .cases = 200, .seed = 1, .role = LP_ROLE_ADMIN };
	int64_t v = o.cases;
	if (lp_cli_opt_int(cli, LP_OPT_CASES, 1, 100000000, &v))
		return LP_EUSAGE;
	o.cases = v;
	v = 1;
	if (lp_cli_opt_int(cli, LP_OPT_SEED, 0, INT64_MAX, &v))
		return LP_EUSAGE;
	o.seed = (uint64_t)v;
	if (lp_cli_has(cli, LP_OPT_ROLE)) {
		int r = lp_role_parse(cli->opt[LP_OPT_ROLE]);
		if (r < 0 || r == LP_ROLE_SYSTEM)
			return lp_cli_usage_error(cli, _("unknown role \"%s\"; roles: admin, "
							 "coordinator, supervisor, clerk, auditor"),
						  cli->opt[LP_OPT_ROLE]);
		o.role = (enum lp_role)r;
	}
	o.agency = cli->opt[LP_OPT_AGENCY];
	int rc = make_parent(cli, path);
	if (rc)
		return rc;
	struct lp_session_opts so = { .db = path, .create = true,
				      .identity = LP_IDENTITY_OPTIONAL };
	struct lp_session *s = NULL;
	rc = lp_session_open(&so, &s, &cli->err);
	if (rc)
		return rc;
	o.login = lp_session_unix_login(s);
	struct lp_demo_stats stats = { 0 };
	rc = lp_demo_fill(s, &o, &stats, &cli->err);
	if (rc == LP_OK) {
		char officers[64], cases[64], events[64];
		snprintf(officers, sizeof officers,
			 P_("%lld officer", "%lld officers", (unsigned long)stats.officers),
			 (long long)stats.officers);
		snprintf(cases, sizeof cases, P_("%lld case", "%lld cases", (unsigned long)stats.cases),
			 (long long)stats.cases);
		snprintf(events, sizeof events,
			 P_("%lld event", "%lld events", (unsigned long)stats.events),
			 (long long)stats.events);
		printf(_("demo database %s: %s, %s, %s\n"), path, officers, cases, events);
		struct lp_officer me;
		if (lp_officer_get(s, o.login, &me, NULL) == LP_OK)
			printf(_("you are %s, %s at %s\n"), me.login, lp_role_name(me.role),
			       me.agency);
		printf(_("open the console with: lapor --db %s\n"), path);
	}
	lp_session_close(s);
	return rc;
}

struct dir_state {
	struct lp_cli *cli;
	struct lp_table *table;
	json_t *array;
	bool tree;
	int base_depth;    /* depth of the first agency listed (the subtree's root); -1 before */
};

static int agency_row(const struct lp_agency *a, void *ud)
{
	struct dir_state *st = ud;
	if (st->array) {
		json_array_append_new(st->array,
				      json_pack("{s:o, s:o, s:o, s:s, s:s, s:o}", "code",
						lp_json_str(a->code), "parent",
						a->parent[0] ? lp_json_str(a->parent) : json_null(),
						"name", lp_json_str(a->name), "kind",
						lp_agency_kind_name(a->kind), "tz",
						lp_tz_name(a->tz_minutes), "path", lp_json_str(a->path)));
		return 0;
	}
	char code[LP_CODE_MAX + 64];
	int depth = st->tree ? lp_agency_depth(a) : 0;
	if (st->tree && st->base_depth < 0)
		st->base_depth = depth;
	depth -= st->tree ? st->base_depth : 0;
	if (depth < 0)
		depth = 0;
	snprintf(code, sizeof code, "%*s%s", 2 * (depth > 30 ? 30 : depth), "", a->code);
	const char *cells[] = { code, lp_agency_kind_name(a->kind), lp_tz_name(a->tz_minutes),
				a->name };
	return lp_table_add(st->table, cells) < 0 ? LP_EINTERNAL : 0;
}

static int officer_row(const struct lp_officer *o, void *ud)
{
	struct dir_state *st = ud;
	if (st->array) {
		json_array_append_new(st->array,
				      json_pack("{s:o, s:o, s:o, s:s, s:b}", "login",
						lp_json_str(o->login), "name", lp_json_str(o->name),
						"agency", lp_json_str(o->agency), "role",
						lp_role_name(o->role), "active", o->active));
		return 0;
	}
	const char *cells[] = { o->login, lp_role_name(o->role), o->agency,
				o->active ? _("yes") : _("no"), o->name };
	return lp_table_add(st->table, cells) < 0 ? LP_EINTERNAL : 0;
}

static int print_list(struct lp_cli *cli, struct dir_state *st, int rc, int fit)
{
	if (rc == LP_OK) {
		if (st->array) {
			lp_json_print(st->array, stdout, true);
			st->array = NULL;
		} else {
			lp_table_print(st->table, stdout, fit, lp_out_width());
		}
	}
	json_decref(st->array);
	lp_table_destroy(st->table);
	if (rc == LP_EINTERNAL && cli->err.code == LP_OK)
		lp_error_set(&cli->err, rc, _("out of memory"));
	return rc;
}

int lp_cmd_agency_ls(struct lp_cli *cli)
{
	const char *h[] = { _("CODE"), _("KIND"), _("TZ"), _("NAME") };
	struct dir_state st = { .cli = cli, .tree = lp_cli_has(cli, LP_OPT_TREE),
				.base_depth = -1 };
	if (lp_cli_open(cli))
		return cli->err.code;
	if (cli->json)
		st.array = json_array();
	else
		st.table = lp_table_create(4, h);
	if (!st.table && !st.array)
		return lp_error_set(&cli->err, LP_EINTERNAL, _("out of memory"));
	int rc = lp_agency_list(cli->s, cli->opt[LP_OPT_UNDER], agency_row, &st, &cli->err);
	return print_list(cli, &st, rc, 3);
}

int lp_cmd_officer_ls(struct lp_cli *cli)
{
	const char *h[] = { _("LOGIN"), _("ROLE"), _("AGENCY"), _("ACTIVE"), _("NAME") };
	struct dir_state st = { .cli = cli };
	if (lp_cli_open(cli))
		return cli->err.code;
	if (cli->json)
		st.array = json_array();
	else
		st.table = lp_table_create(5, h);
	if (!st.table && !st.array)
		return lp_error_set(&cli->err, LP_EINTERNAL, _("out of memory"));
	int rc = lp_officer_list(cli->s, cli->opt[LP_OPT_UNDER], officer_row, &st, &cli->err);
	return print_list(cli, &st, rc, 4);
}

int lp_cmd_officer_add(struct lp_cli *cli)
{
	if (!lp_cli_has(cli, LP_OPT_NAME) || !lp_cli_has(cli, LP_OPT_AGENCY) ||
	    !lp_cli_has(cli, LP_OPT_ROLE))
		return lp_cli_usage_error(cli, _("officer add needs --name, --agency and --role"));
	int role = lp_role_parse(cli->opt[LP_OPT_ROLE]);
	if (role < 0)
		return lp_cli_usage_error(cli, _("unknown role \"%s\"; roles: admin, coordinator, "
						 "supervisor, clerk, auditor"), cli->opt[LP_OPT_ROLE]);
	struct lp_officer o;
	memset(&o, 0, sizeof o);
	if (strlen(cli->argv[0]) >= sizeof o.login)
		return lp_error_set(&cli->err, LP_EDATA, _("the login is too long"));
	lp_strlcpy(o.login, cli->argv[0], sizeof o.login);
	lp_strlcpy(o.name, cli->opt[LP_OPT_NAME], sizeof o.name);
	lp_strlcpy(o.agency, cli->opt[LP_OPT_AGENCY], sizeof o.agency);
	o.role = (enum lp_role)role;
	o.active = true;
	if (lp_cli_open(cli))
		return cli->err.code;
	int rc = lp_officer_add(cli->s, &o, &cli->err);
	if (rc == LP_OK)
		printf(_("officer %s: %s at %s\n"), o.login, lp_role_name(o.role), o.agency);
	return rc;
}

int lp_cmd_import(struct lp_cli *cli)
{
	const char *name = cli->argv[0];
	if (lp_cli_open(cli))
		return cli->err.code;
	FILE *f = stdin;
	if (strcmp(name, "-") != 0) {
		f = fopen(name, "rb");
		if (!f)
			return lp_error_set(&cli->err, errno == ENOENT ? LP_ENOENT : LP_EIO,
					    _("cannot open %s: %s"), name, strerror(errno));
	} else {
		name = _("standard input");
	}
	struct lp_import_stats st = { 0 };
	int rc = lp_import(cli->s, f, name, &st, &cli->err);
	if (f != stdin)
		fclose(f);
	if (rc)
		return rc;
	if (cli->json)
		lp_json_print(json_pack("{s:I, s:I, s:I, s:I}", "lines", (json_int_t)st.lines,
					"created", (json_int_t)st.created, "duplicates",
					(json_int_t)st.duplicates, "messages",
					(json_int_t)st.messages), stdout, false);
	else
	{
		char lines[64], created[64], dups[64], msgs[64];
		snprintf(lines, sizeof lines, P_("%lld line", "%lld lines", (unsigned long)st.lines),
			 (long long)st.lines);
		snprintf(created, sizeof created,
			 P_("%lld new case", "%lld new cases", (unsigned long)st.created),
			 (long long)st.created);
		snprintf(dups, sizeof dups,
			 P_("%lld duplicate", "%lld duplicates", (unsigned long)st.duplicates),
			 (long long)st.duplicates);
		snprintf(msgs, sizeof msgs,
			 P_("%lld message", "%lld messages", (unsigned long)st.messages),
			 (long long)st.messages);
		/* TRANSLATORS: "imported 3 lines: 2 new cases, 1 duplicate, 0 messages". */
		printf(_("imported %s: %s, %s, %s\n"), lines, created, dups, msgs);
	}
	return LP_OK;
}

int lp_cmd_audit_verify(struct lp_cli *cli)
{
	struct lp_audit_report r;
	memset(&r, 0, sizeof r);
	if (lp_cli_open(cli))
		return cli->err.code;
	int rc = lp_audit_verify(cli->s, &r, &cli->err);
	if (rc)
		return rc;
	if (cli->json)
		lp_json_print(json_pack("{s:b, s:I, s:I, s:o, s:o, s:o}", "ok", !r.broken,
					"cases", (json_int_t)r.cases, "events",
					(json_int_t)r.events, "case",
					r.broken ? json_integer(r.case_id) : json_null(), "seq",
					r.broken ? json_integer(r.seq) : json_null(), "why",
					r.broken ? lp_json_str(r.why) : json_null()), stdout, false);
	if (r.broken)
		return lp_error_set(&cli->err, LP_EREFUSED,
				    _("audit: the chain of case %lld is broken at event %lld: %s"),
				    (long long)r.case_id, (long long)r.seq, r.why);
	if (!cli->json) {
		char cases[64], events[64];
		snprintf(cases, sizeof cases, P_("%lld case", "%lld cases", (unsigned long)r.cases),
			 (long long)r.cases);
		snprintf(events, sizeof events, P_("%lld event", "%lld events",
						   (unsigned long)r.events), (long long)r.events);
		/* TRANSLATORS: "audit ok: 3 cases, 8 events checked". */
		printf(_("audit ok: %s, %s checked\n"), cases, events);
	}
	return LP_OK;
}
