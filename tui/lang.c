/* lang.c: choosing the language and finding the catalogue (lang.h). */
#include "lang.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "console/conf.h"
#include "i18n.h"

static const char *current = "en";

const char *lp_lang_arg(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
			return argv[i + 1];
		if (strncmp(argv[i], "--lang=", 7) == 0)
			return argv[i] + 7;
	}
	return NULL;
}

/* The language the environment asks for: the first set of LC_ALL,
 * LC_MESSAGES, LANG, as setlocale(3) reads them. */
static const char *env_language(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return strncmp(v, "id", 2) == 0 ? "id" : "en";
	}
	return "en";
}

static int file_exists(const char *path)
{
	return access(path, R_OK) == 0;
}

/* $LAPOR_LOCALEDIR, else ../po next to the executable when it holds a
 * catalogue (the build tree), else the installed directory. */
static const char *locale_dir(char *buf, size_t n)
{
	const char *env = getenv("LAPOR_LOCALEDIR");
	if (env && *env)
		return env;
	char exe[4096];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (len > 0) {
		exe[len] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			char mo[4096 + 64];
			snprintf(mo, sizeof mo, "%s/../po/id/LC_MESSAGES/lapor.mo", exe);
			if (file_exists(mo)) {
				snprintf(buf, n, "%s/../po", exe);
				return buf;
			}
		}
	}
	return LAPOR_LOCALEDIR;
}

/* True when the LC_MESSAGES locale is plain C, in which glibc's gettext
 * translates nothing and ignores LANGUAGE. */
static int messages_locale_is_c(void)
{
	const char *m = setlocale(LC_MESSAGES, NULL);
	return !m || strcmp(m, "C") == 0 || strcmp(m, "POSIX") == 0;
}

int lp_lang_setup(const char *choice, const char *config_path)
{
	int rc = 0;
	if (!setlocale(LC_ALL, "")) {
		/* The locale named (id_ID.UTF-8 on a machine without it) is not
		 * installed: keep UTF-8 for the terminal. */
		if (!setlocale(LC_ALL, "C.UTF-8"))
			setlocale(LC_ALL, "C");
	}
	if (choice && strcmp(choice, "id") != 0 && strcmp(choice, "en") != 0) {
		rc = -1;
		choice = "en";
	}
	if (!choice) {
		struct con_config *c = malloc(sizeof *c);
		if (c) {
			con_config_load(c, config_path);
			if (c->language[0])
				choice = strcmp(c->language, "id") == 0 ? "id" : "en";
			free(c);
		}
	}
	if (!choice)
		choice = env_language();
	current = strcmp(choice, "id") == 0 ? "id" : "en";
	if (strcmp(current, "id") == 0) {
		if (messages_locale_is_c() && !setlocale(LC_MESSAGES, "C.UTF-8"))
			setlocale(LC_MESSAGES, "C.utf8");
		setenv("LANGUAGE", "id", 1);
	} else {
		/* English is the source text: no catalogue. */
		setenv("LANGUAGE", "en", 1);
	}
	char buf[4096 + 8];
	bindtextdomain(LP_TEXTDOMAIN, locale_dir(buf, sizeof buf));
	bind_textdomain_codeset(LP_TEXTDOMAIN, "UTF-8");
	textdomain(LP_TEXTDOMAIN);
	return rc;
}

const char *lp_lang_current(void)
{
	return current;
}
