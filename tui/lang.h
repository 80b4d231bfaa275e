/* lang.h: the language of the lapor program (gettext set-up).
 *
 * The language comes from --lang id|en, else `set language id|en` in
 * lapor.conf, else the locale (LC_ALL, LC_MESSAGES, LANG: "id..." means
 * Indonesian).  It works without the id_ID locale: when the locale
 * named cannot be loaded, lapor falls back to C.UTF-8 (keeping UTF-8
 * for ncursesw) and asks gettext for the "id" catalogue through
 * LANGUAGE, which glibc honours when LC_MESSAGES is not plain "C".
 *
 * The catalogue directory: $LAPOR_LOCALEDIR when set, else the build
 * tree's po/ next to the executable (../po/id/LC_MESSAGES/lapor.mo from
 * tui/lapor), else the installed LAPOR_LOCALEDIR. */
#ifndef LAPOR_LANG_H
#define LAPOR_LANG_H

/* The value of --lang / --lang=X in argv (scanned before option parsing,
 * so even usage errors come in the chosen language), or NULL. */
const char *lp_lang_arg(int argc, char **argv);

/* Sets the locale and the text domain "lapor".  choice is "id", "en" or
 * NULL (then lapor.conf, then the locale decide); config_path is the
 * lapor.conf to read (NULL: the default search).  Returns 0, or -1 when
 * choice is neither id nor en (English is used then). */
int lp_lang_setup(const char *choice, const char *config_path);

/* "id" or "en": the language lp_lang_setup chose.  Static string. */
const char *lp_lang_current(void);

#endif
