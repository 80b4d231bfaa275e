/* pg_libpq.h: libpq, loaded when a PostgreSQL database is first opened
 * (dlopen), not linked into the program.  Linked, libpq and the libraries
 * it needs (Kerberos, LDAP, GnuTLS, OpenSSL...) cost every lapor process
 * about 3 ms of CPU and 4 ms of wall time to load and relocate, also when
 * it only opens an SQLite file (tests/bench/find.sh: the process floor).
 * The files of db/pg/ include this after <libpq-fe.h> (pg_internal.h): it
 * turns each libpq function they call into a pointer in pg_libpq, filled
 * by pg_libpq_load().  A function added to the backend is added to both
 * lists below (the build fails otherwise: no such member). */
#ifndef LAPOR_PG_LIBPQ_H
#define LAPOR_PG_LIBPQ_H

#include <libpq-fe.h>

struct lp_error;

#define PG_LIBPQ_FUNCS(X) \
	X(PQbackendPID) \
	X(PQclear) \
	X(PQcmdStatus) \
	X(PQcmdTuples) \
	X(PQconnectdbParams) \
	X(PQconsumeInput) \
	X(PQdb) \
	X(PQerrorMessage) \
	X(PQexec) \
	X(PQexecParams) \
	X(PQexecPrepared) \
	X(PQfinish) \
	X(PQfname) \
	X(PQfreemem) \
	X(PQgetResult) \
	X(PQgetisnull) \
	X(PQgetlength) \
	X(PQgetvalue) \
	X(PQhost) \
	X(PQnotifies) \
	X(PQntuples) \
	X(PQport) \
	X(PQprepare) \
	X(PQputCopyData) \
	X(PQputCopyEnd) \
	X(PQreset) \
	X(PQresultErrorField) \
	X(PQresultStatus) \
	X(PQsendQuery) \
	X(PQsetNoticeProcessor) \
	X(PQstatus) \
	X(PQtransactionStatus) \
	X(PQunescapeBytea) \
	X(PQuser) \
	/* end */

struct pg_libpq {
#define PG_LIBPQ_MEMBER(f) __typeof__(f) *p_##f;
	PG_LIBPQ_FUNCS(PG_LIBPQ_MEMBER)
#undef PG_LIBPQ_MEMBER
};
extern struct pg_libpq pg_libpq;

/* Loads libpq once (later calls return at once); LP_EIO when it cannot
 * be found or lacks a function. */
int pg_libpq_load(struct lp_error *err);

#ifndef PG_LIBPQ_IMPL
#define PQbackendPID (pg_libpq.p_PQbackendPID)
#define PQclear (pg_libpq.p_PQclear)
#define PQcmdStatus (pg_libpq.p_PQcmdStatus)
#define PQcmdTuples (pg_libpq.p_PQcmdTuples)
#define PQconnectdbParams (pg_libpq.p_PQconnectdbParams)
#define PQconsumeInput (pg_libpq.p_PQconsumeInput)
#define PQdb (pg_libpq.p_PQdb)
#define PQerrorMessage (pg_libpq.p_PQerrorMessage)
#define PQexec (pg_libpq.p_PQexec)
#define PQexecParams (pg_libpq.p_PQexecParams)
#define PQexecPrepared (pg_libpq.p_PQexecPrepared)
#define PQfinish (pg_libpq.p_PQfinish)
#define PQfname (pg_libpq.p_PQfname)
#define PQfreemem (pg_libpq.p_PQfreemem)
#define PQgetResult (pg_libpq.p_PQgetResult)
#define PQgetisnull (pg_libpq.p_PQgetisnull)
#define PQgetlength (pg_libpq.p_PQgetlength)
#define PQgetvalue (pg_libpq.p_PQgetvalue)
#define PQhost (pg_libpq.p_PQhost)
#define PQnotifies (pg_libpq.p_PQnotifies)
#define PQntuples (pg_libpq.p_PQntuples)
#define PQport (pg_libpq.p_PQport)
#define PQprepare (pg_libpq.p_PQprepare)
#define PQputCopyData (pg_libpq.p_PQputCopyData)
#define PQputCopyEnd (pg_libpq.p_PQputCopyEnd)
#define PQreset (pg_libpq.p_PQreset)
#define PQresultErrorField (pg_libpq.p_PQresultErrorField)
#define PQresultStatus (pg_libpq.p_PQresultStatus)
#define PQsendQuery (pg_libpq.p_PQsendQuery)
#define PQsetNoticeProcessor (pg_libpq.p_PQsetNoticeProcessor)
#define PQstatus (pg_libpq.p_PQstatus)
#define PQtransactionStatus (pg_libpq.p_PQtransactionStatus)
#define PQunescapeBytea (pg_libpq.p_PQunescapeBytea)
#define PQuser (pg_libpq.p_PQuser)
#endif

#endif
