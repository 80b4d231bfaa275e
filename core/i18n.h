/* i18n.h (core): liblapor's messages go through gettext in the text
 * domain "lapor" with dgettext, so the library translates its messages
 * even inside a program whose own domain is another one.  The program
 * chooses the language (setlocale, LANGUAGE) and binds the domain to its
 * catalogue directory (bindtextdomain(LP_TEXTDOMAIN, dir)); without that
 * the messages stay in English.  Only user-visible text is wrapped: not
 * SQL, log keys, JSON field names or the stable English codes of
 * statuses and actions used in files and arguments.
 *
 *   _("...")            translates a message now (returns a static string
 *                       owned by gettext; never free it)
 *   N_("...")           marks a string for the catalogue, translated later
 *                       with _() (tables of labels)
 *   P_(one, many, n)    the plural form for the count n */
#ifndef LAPOR_CORE_I18N_H
#define LAPOR_CORE_I18N_H

#include <libintl.h>

#define LP_TEXTDOMAIN "lapor"

#define _(s) dgettext(LP_TEXTDOMAIN, s)
#define N_(s) (s)
#define P_(one, many, n) dngettext(LP_TEXTDOMAIN, one, many, n)

#endif
