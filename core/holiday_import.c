/* holiday_import.c: days off from a CSV file (libcsv), and their list. */
#include "holiday_import.h"

#include <csv.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "safetext.h"
#include "session.h"
#include "sla.h"

struct row {
	struct lp_holiday h;
	long line;
};

/* What libcsv hands back for one line. */
struct fields {
	int n;                 /* fields seen */
	int records;           /* records ended */
	bool too_long;         /* a field did not fit */
	bool bad_text;         /* a field held NUL, invalid UTF-8 or control characters */
	char f[3][LP_NAME_MAX];
};

static bool clean_text(const char *s, size_t len)
{
	if (!lp_utf8_valid(s, len))
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f)
			return false;
		/* C1 controls are U+0080..U+009F: bytes C2 80..C2 9F. */
		if (c == 0xc2 && i + 1 < len && (unsigned char)s[i + 1] < 0xa0)
			return false;
	}
	return true;
}

static void on_field(void *s, size_t len, void *data)
{
	struct fields *fl = data;
	if (fl->n < 3) {
		if (len >= sizeof fl->f[0])
			fl->too_long = true;
		else if (!clean_text(s ? s : "", len))
			fl->bad_text = true;
		else {
			memcpy(fl->f[fl->n], s ? s : "", len);
			fl->f[fl->n][len] = '\0';
		}
	}
	fl->n++;
}

static void on_record(int c, void *data)
{
	(void)c;
	((struct fields *)data)->records++;
}

static bool blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t')
			return false;
	return true;
}

/* Parses one line into *r; LP_OK, LP_ENOENT for a header row, or LP_EDATA. */
static int parse_line(struct csv_parser *p, const char *line, size_t len, const char *name,
		      long lineno, struct row *r, struct lp_error *err)
{
	struct fields fl;
	memset(&fl, 0, sizeof fl);
	if (csv_parse(p, line, len, on_field, on_record, &fl) != len ||
	    csv_fini(p, on_field, on_record, &fl) != 0)
		return lp_error_set(err, LP_EDATA,
				    _("%s:%ld: not a valid CSV row (%s)"), name, lineno,
				    csv_strerror(csv_error(p)));
	if (fl.records != 1 || fl.n != 3)
		return lp_error_set(err, LP_EDATA,
				    _("%s:%ld: expected 3 fields (date,name,kind), found %d"), name,
				    lineno, fl.n);
	if (fl.too_long)
		return lp_error_set(err, LP_EDATA,
				    _("%s:%ld: a field is longer than %d bytes"), name,
				    lineno, LP_NAME_MAX - 1);
	if (fl.bad_text)
		return lp_error_set(err, LP_EDATA,
				    _("%s:%ld: a field holds invalid UTF-8 or control characters"),
				    name, lineno);
	if (lineno == 1 && strcasecmp(fl.f[0], "date") == 0 && strcasecmp(fl.f[1], "name") == 0 &&
	    strcasecmp(fl.f[2], "kind") == 0)
		return LP_ENOENT;
	int y, m, d;
	if (lp_date_parse(fl.f[0], &y, &m, &d) != 0)
		return lp_error_set(err, LP_EDATA,
				    _("%s:%ld: \"%s\" is not a date (YYYY-MM-DD, a real calendar "
				      "day)"),
				    name, lineno, fl.f[0]);
	if (!fl.f[1][0])
		return lp_error_set(err, LP_EDATA,
				    _("%s:%ld: the holiday has no name"), name, lineno);
	if (strcmp(fl.f[2], "national") != 0 && strcmp(fl.f[2], "joint_leave") != 0)
		return lp_error_set(err, LP_EDATA,
				    _("%s:%ld: kind \"%s\" is neither national nor "
				      "joint_leave"), name,
				    lineno, fl.f[2]);
	memset(r, 0, sizeof *r);
	lp_strlcpy(r->h.date, fl.f[0], sizeof r->h.date);
	lp_strlcpy(r->h.name, fl.f[1], sizeof r->h.name);
	lp_strlcpy(r->h.kind, fl.f[2], sizeof r->h.kind);
	r->line = lineno;
	return LP_OK;
}

static int by_date(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	int c = strcmp(x->h.date, y->h.date);
	return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* Reads every row of the file into *rows (malloc'd). */
static int read_rows(FILE *in, const char *name, struct row **rows, size_t *n,
		     struct lp_error *err)
{
	struct csv_parser p;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		return lp_error_set(err, LP_EINTERNAL, _("out of memory"));
	char *line = NULL;
	size_t cap = 0, rcap = 0;
	ssize_t got;
	long lineno = 0;
	int rc = LP_OK;
	*rows = NULL;
	*n = 0;
	while (rc == LP_OK && (got = getline(&line, &cap, in)) >= 0) {
		lineno++;
		size_t len = (size_t)got;
		char *s = line;
		if (lineno == 1 && len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
			s += 3;
			len -= 3;
		}
		while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r'))
			s[--len] = '\0';
		if (memchr(s, '\0', len))
			rc = lp_error_set(err, LP_EDATA,
					  _("%s:%ld: the line holds a NUL byte"), name,
					  lineno);
		else if (blank(s))
			continue;
		if (rc == LP_OK && *n == rcap) {
			rcap = rcap ? rcap * 2 : 64;
			struct row *nr = realloc(*rows, rcap * sizeof **rows);
			if (!nr)
				rc = lp_error_set(err, LP_EINTERNAL, _("out of memory"));
			else
				*rows = nr;
		}
		if (rc == LP_OK) {
			rc = parse_line(&p, s, len, name, lineno, &(*rows)[*n], err);
			if (rc == LP_ENOENT)
				rc = LP_OK;   /* the header row */
			else if (rc == LP_OK)
				(*n)++;
		}
	}
	if (rc == LP_OK && ferror(in))
		rc = lp_error_set(err, LP_EIO, _("%s: read error"), name);
	free(line);
	csv_free(&p);
	if (rc != LP_OK) {
		free(*rows);
		*rows = NULL;
		*n = 0;
	}
	return rc;
}

static int copy_holiday(const struct lp_holiday *h, void *ud)
{
	*(struct lp_holiday *)ud = *h;
	return 0;
}

static bool may_manage(struct lp_session *s)
{
	const struct lp_officer *o = lp_session_officer(s);
	/* An officer (also root acting --as one) needs the admin role; root
	 * without an officer record may manage the calendar. */
	return o ? o->active && o->role == LP_ROLE_ADMIN : lp_session_is_root(s);
}

static int write_rows(struct lp_store *st, const struct row *rows, size_t n,
		      struct lp_holiday_stats *stats, struct lp_error *err)
{
	for (size_t i = 0; i < n; i++) {
		struct lp_holiday old;
		memset(&old, 0, sizeof old);
		int rc = lp_store_holiday_list(st, rows[i].h.date, rows[i].h.date, copy_holiday,
					       &old, err);
		if (rc)
			return rc;
		if (!old.date[0])
			stats->added++;
		else if (strcmp(old.name, rows[i].h.name) || strcmp(old.kind, rows[i].h.kind))
			stats->changed++;
		else {
			stats->unchanged++;
			continue;
		}
		if ((rc = lp_store_holiday_put(st, &rows[i].h, err)) != LP_OK)
			return rc;
	}
	return LP_OK;
}

int lp_holiday_import(struct lp_session *s, FILE *in, const char *name,
		      struct lp_holiday_stats *stats, struct lp_error *err)
{
	struct lp_holiday_stats local;
	if (!stats)
		stats = &local;
	memset(stats, 0, sizeof *stats);
	if (!s || !in)
		return lp_error_set(err, LP_EINTERNAL, "lp_holiday_import: missing argument");
	if (!name)
		name = "-";
	if (!may_manage(s))
		return lp_error_set(err, LP_EPERM,
				    _("only an admin can import the holiday calendar"));
	struct row *rows = NULL;
	size_t n = 0;
	int rc = read_rows(in, name, &rows, &n, err);
	if (rc)
		return rc;
	if (n > 1) /* qsort must not be given NULL, which an empty file leaves */
		qsort(rows, n, sizeof *rows, by_date);
	for (size_t i = 1; i < n; i++)
		if (strcmp(rows[i - 1].h.date, rows[i].h.date) == 0) {
			rc = lp_error_set(err, LP_EDATA,
					  _("%s:%ld: %s is already listed on line %ld"),
					  name, rows[i].line, rows[i].h.date, rows[i - 1].line);
			free(rows);
			return rc;
		}
	struct lp_store *st = lp_session_store(s);
	if ((rc = lp_store_begin(st, true, err)) == LP_OK) {
		rc = write_rows(st, rows, n, stats, err);
		if (rc == LP_OK)
			rc = lp_store_commit(st, err);
		if (rc != LP_OK)
			lp_store_rollback(st);
	}
	free(rows);
	if (rc != LP_OK) {
		memset(stats, 0, sizeof *stats);
		return rc;
	}
	stats->rows = (long)n;
	lp_session_calendar_forget(s);
	return LP_OK;
}

int lp_holiday_list(struct lp_session *s, int year, lp_holiday_cb cb, void *ud,
		    struct lp_error *err)
{
	if (!s || !cb)
		return lp_error_set(err, LP_EINTERNAL, "lp_holiday_list: missing argument");
	if (year != 0 && (year < 1900 || year > 9999))
		return lp_error_set(err, LP_EUSAGE, _("%d is not a year"), year);
	char from[16], to[16];
	if (year) {
		snprintf(from, sizeof from, "%04d-01-01", year);
		snprintf(to, sizeof to, "%04d-12-31", year);
	}
	return lp_store_holiday_list(lp_session_store(s), year ? from : NULL, year ? to : NULL, cb,
				     ud, err);
}
