/* main.c: the finder's tests (query runs, search and privacy, saved
 * queues, duplicates, dashboard). */
#include "fixture.h"

int main(void)
{
	int failed = 0;
	failed += run_store_query_tests();
	failed += run_privacy_tests();
	failed += run_queue_dash_tests();
	return failed ? 1 : 0;
}
