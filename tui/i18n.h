/* i18n.h: user-visible strings go through gettext.  _("...") marks and
 * translates a string; N_("...") marks one for later translation;
 * ngettext() for counts.  The catalogues live in po/. */
#ifndef LAPOR_I18N_H
#define LAPOR_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

#endif
