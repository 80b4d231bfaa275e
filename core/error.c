#include "error.h"

#include <stdarg.h>
#include <stdio.h>

int lp_error_set(struct lp_error *err, int code, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
		va_end(ap);
		err->code = code;
	}
	return code;
}

void lp_error_clear(struct lp_error *err)
{
	if (err) {
		err->code = LP_OK;
		err->msg[0] = '\0';
	}
}
