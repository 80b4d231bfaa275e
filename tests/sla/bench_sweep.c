/* bench_sweep.c: lapor sweep over a large database.
 *
 *   bench_sweep [CASES [OVERDUE_PERCENT]]     (default 1000000 and 1)
 *
 * Builds a database of CASES cases in a temporary directory (at several
 * agencies, in every open status, 1% overdue by default), then times one
 * sweep (which escalates every overdue case) and a second one (which
 * finds nothing).  Prints its figures; it is not a timed test. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sla_db.h"
#include "sweep.h"

static double clock_s(clockid_t id)
{
	struct timespec ts;
	clock_gettime(id, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static double seconds(void)
{
	return clock_s(CLOCK_MONOTONIC);
}

int main(int argc, char **argv)
{
	long cases = argc > 1 ? atol(argv[1]) : 1000000;
	double pct = argc > 2 ? atof(argv[2]) : 1.0;
	if (cases < 100 || pct < 0 || pct > 100) {
		fprintf(stderr, "usage: bench_sweep [CASES>=100 [OVERDUE_PERCENT]]\n");
		return 64;
	}
	struct sla_db d;
	if (sla_db_open(&d) != 0)
		return 1;
	static const char *const agencies[] = { "31.71.DISHUB", "31.71", "32.73", "31.DISHUB" };
	static const enum lp_status statuses[] = { LP_STATUS_NEW, LP_STATUS_ASSIGNED,
						   LP_STATUS_IN_PROGRESS };
	long overdue = (long)(cases * pct / 100.0), made = 0, batch = 10000;
	double t0 = seconds();
	for (long i = 0; made < cases; i++) {
		long n = cases - made < batch ? cases - made : batch;
		/* Overdue cases are spread over the batches. */
		long late = overdue * (made + n) / cases - overdue * made / cases;
		const char *ag = agencies[i % 4];
		enum lp_status st = statuses[i % 3];
		if (late && !sla_db_cases(&d, (int)late, ag, st, LP_STAGE_FIRST_RESPONSE,
					  SLA_NOW - 3600 - i))
			return 1;
		if (n - late && !sla_db_cases(&d, (int)(n - late), ag, st,
					      LP_STAGE_FIRST_RESPONSE, SLA_NOW + 86400 + i))
			return 1;
		made += n;
	}
	printf("built %ld cases (%ld overdue) in %.1f s\n", cases, overdue, seconds() - t0);

	struct lp_sweep_stats st;
	struct lp_error err;
	for (int run = 1; run <= 2; run++) {
		t0 = seconds();
		double c0 = clock_s(CLOCK_PROCESS_CPUTIME_ID);
		int rc = lp_sweep(d.s, false, &st, &err);
		double dt = seconds() - t0, cpu = clock_s(CLOCK_PROCESS_CPUTIME_ID) - c0;
		if (rc) {
			fprintf(stderr, "sweep: %s\n", err.msg);
			return 1;
		}
		printf("sweep %d: %.3f s (cpu %.3f s), escalated %ld, closed %ld, skipped %ld, failed %ld%s%s\n",
		       run, dt, cpu, st.escalated, st.closed, st.skipped, st.failed,
		       st.first_error[0] ? ": " : "", st.first_error);
	}
	sla_db_close(&d);
	return 0;
}
