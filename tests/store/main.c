/* main.c: the store conformance suite: every lp_store_* function on the
 * backend chosen by $LAPOR_TEST_STORE (see fixture.h). */
#include "fixture.h"

int main(void)
{
	int failed = 0;
	failed += run_open_tests();
	failed += run_directory_tests();
	failed += run_case_tests();
	failed += run_list_tests();
	failed += run_log_tests();
	if (fx_is_sqlite())
		failed += run_sqlite_tests();
	return failed ? 1 : 0;
}
