/* pg_libpq.c: loading libpq at run time (pg_libpq.h says why). */
#define PG_LIBPQ_IMPL
#include "pg_libpq.h"

#include "i18n.h"
#include "store_backend.h"

#include <dlfcn.h>
#include <stdbool.h>

struct pg_libpq pg_libpq;

/* The library's name as the dynamic loader knows it: its soname first. */
static const char *const names[] = { "libpq.so.5", "libpq.5.dylib", "libpq.so" };

static int fail(struct lp_error *err, const char *why)
{
	return lp_error_set(err, LP_EIO, _("cannot load libpq, the PostgreSQL client library (%s)"),
			    why);
}

int pg_libpq_load(struct lp_error *err)
{
	static bool loaded;
	if (loaded)
		return LP_OK;
	void *h = NULL;
	/* Lazy: libpq's references into its twenty-odd libraries (Kerberos,
	 * LDAP, TLS) are bound when first called, most never in a session;
	 * binding them all at once cost about 1.5 ms of every command. */
	for (size_t i = 0; !h && i < sizeof names / sizeof *names; i++)
		h = dlopen(names[i], RTLD_LAZY | RTLD_LOCAL);
	if (!h)
		return fail(err, dlerror());
	struct pg_libpq l;
	/* POSIX: a function pointer converts to and from void * (dlsym). */
#define PG_LIBPQ_SYM(f)                                                        \
	*(void **)&l.p_##f = dlsym(h, #f);                                     \
	if (!l.p_##f) {                                                        \
		const char *why = dlerror();                                   \
		int code = fail(err, why ? why : #f);                          \
		dlclose(h);                                                    \
		return code;                                                   \
	}
	PG_LIBPQ_FUNCS(PG_LIBPQ_SYM)
#undef PG_LIBPQ_SYM
	pg_libpq = l;
	loaded = true;
	return LP_OK;
}
