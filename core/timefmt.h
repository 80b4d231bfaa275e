/* timefmt.h: times as officers read and type them. Times are unix
 * seconds (UTC); they are shown in an agency's time zone. */
#ifndef LAPOR_TIMEFMT_H
#define LAPOR_TIMEFMT_H

#include <stddef.h>
#include <stdint.h>

/* Parses RFC 3339 ("2026-11-28T09:15:00+07:00", "...Z", fractional
 * seconds allowed) into *out.  Returns 0, or -1 when malformed. */
int lp_time_parse_rfc3339(const char *s, int64_t *out);

/* Formats t as RFC 3339 in UTC ("2026-11-28T02:15:00Z"). Returns buf. */
char *lp_time_rfc3339(int64_t t, char *buf, size_t n);

/* Formats t for people in the zone tz_minutes: "2026-11-28 09:15 WIB",
 * or in Indonesian "28 Nov 2026 09.15 WIB" (the catalogue's
 * "date-style:iso" entry chooses).  Returns buf. */
char *lp_time_local(int64_t t, int tz_minutes, char *buf, size_t n);

/* A short age or distance: "45m", "3h", "2d", "5w"; negative durations
 * get a leading '-'. Returns buf. */
char *lp_duration_short(int64_t seconds, char *buf, size_t n);

#endif
