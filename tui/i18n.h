/* i18n.h: user-visible strings go through gettext.  _("...") marks and
 * translates a string; N_("...") marks one for later translation;
 * ngettext() for counts.  The catalogues live in po/. */
#ifndef LAPOR_I18N_H
#define LAPOR_I18N_H

/* The same macros as liblapor's (core/i18n.h): _() is dgettext in the
 * "lapor" domain, N_() marks, P_(one, many, n) and ngettext() for counts. */
#include "../core/i18n.h"

#endif
