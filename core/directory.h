/* directory.h: agencies and officers, as the acting officer may see and
 * change them. */
#ifndef LAPOR_DIRECTORY_H
#define LAPOR_DIRECTORY_H

#include "error.h"
#include "model.h"
#include "store.h"

struct lp_session;

/* Fills *out with agency `code`, or LP_ENOENT ("no agency CODE"). */
int lp_agency_get(struct lp_session *s, const char *code, struct lp_agency *out, struct lp_error *err);
/* Calls cb for each agency in the subtree of `under` (a code, or NULL
 * for all), parents before children. */
int lp_agency_list(struct lp_session *s, const char *under, lp_agency_cb cb, void *ud,
		   struct lp_error *err);
/* Depth of an agency in the tree (root 0), from its path. */
int lp_agency_depth(const struct lp_agency *a);

/* Registers or updates an officer.  Allowed to admins and to the Unix
 * user root; LP_ENOENT for an unknown agency; LP_EDATA for a bad login
 * (letters, digits, '.', '_', '-'; 1..63 bytes) or role "system". */
int lp_officer_add(struct lp_session *s, const struct lp_officer *o, struct lp_error *err);
/* Calls cb for each officer in the subtree of `under` (NULL: all). */
int lp_officer_list(struct lp_session *s, const char *under, lp_officer_cb cb, void *ud,
		    struct lp_error *err);
/* Fills *out with officer `login`, or LP_ENOENT. */
int lp_officer_get(struct lp_session *s, const char *login, struct lp_officer *out, struct lp_error *err);

#endif
