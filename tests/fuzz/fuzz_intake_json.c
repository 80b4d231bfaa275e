/* fuzz_intake_json.c: libFuzzer target for the import's line parser
 * (no database).  An accepted line must give well-formed fields. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "intake_json.h"
#include "safetext.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void text_ok(const char *s, size_t max)
{
	if (!s || !*s || strlen(s) > max || !lp_utf8_valid(s, strlen(s)))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lp_intake_line l;
	char why[256];
	if (lp_intake_parse_line((const char *)data, size, &l, why, sizeof why) < 0) {
		if (!why[0] || !lp_utf8_valid(why, strlen(why)) || strchr(why, '\x1b'))
			abort();
		return 0;
	}
	if (l.type == LP_INTAKE_REPORT) {
		text_ok(l.report.title, 300);
		text_ok(l.report.body, LP_TEXT_MAX);
		if (!l.report.tracking_id[0] || !l.report.region[0] || !l.report.category[0])
			abort();
		if (l.report.reporter_name)
			text_ok(l.report.reporter_name, 200);
	} else {
		text_ok(l.body, LP_TEXT_MAX);
		if (!l.tracking_id[0])
			abort();
	}
	lp_intake_line_clear(&l);
	return 0;
}
