/* fixture.c: fresh databases for the store conformance suite. */
#include "fixture.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

bool fx_is_sqlite(void)
{
	const char *b = getenv("LAPOR_TEST_STORE");
	return !b || !*b || strcmp(b, "sqlite") == 0;
}

int fx_setup_empty(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	if (!f)
		return -1;
	const char *tmp = getenv("TMPDIR");
	snprintf(f->dir, sizeof f->dir, "%s/lapor-store-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(f->dir)) {
		free(f);
		return -1;
	}
	snprintf(f->uri, sizeof f->uri, "%s/lapor.db", f->dir);
	*state = f;
	return 0;
}

int fx_setup(void **state)
{
	if (fx_setup_empty(state))
		return -1;
	struct fx *f = *state;
	int rc = lp_store_open(f->uri, LP_STORE_CREATE, &f->s, &f->err);
	if (!rc)
		rc = lp_store_migrate(f->s, NULL, NULL, &f->err);
	if (rc) {
		fprintf(stderr, "fixture: %s\n", f->err.msg);
		return -1;
	}
	return 0;
}

int fx_teardown(void **state)
{
	struct fx *f = *state;
	if (!f)
		return 0;
	lp_store_close(f->s);
	DIR *d = opendir(f->dir);
	if (d) {
		struct dirent *de;
		char path[1024];
		while ((de = readdir(d))) {
			if (de->d_name[0] == '.')
				continue;
			snprintf(path, sizeof path, "%s/%s", f->dir, de->d_name);
			unlink(path);
		}
		closedir(d);
	}
	rmdir(f->dir);
	free(f);
	return 0;
}

void fx_case(struct lp_case *c, const char *tracking_id, const char *agency)
{
	memset(c, 0, sizeof *c);
	lp_strlcpy(c->tracking_id, tracking_id, sizeof c->tracking_id);
	c->kind = LP_KIND_COMPLAINT;
	c->channel = LP_CHANNEL_WEB;
	c->status = LP_STATUS_NEW;
	c->privacy = LP_PRIVACY_PUBLIC;
	lp_strlcpy(c->category, "infrastruktur", sizeof c->category);
	lp_strlcpy(c->region, agency, sizeof c->region);
	lp_strlcpy(c->agency, agency, sizeof c->agency);
	c->title = lp_strdup("Jalan rusak");
	c->body = lp_strdup("Jalan berlubang di depan pasar.");
	c->submitted_at = 1767225600; /* 2026-01-01 */
	c->created_at = c->submitted_at + 60;
	c->updated_at = c->created_at;
	c->version = 1;
	c->clock_stage = -1;
}
