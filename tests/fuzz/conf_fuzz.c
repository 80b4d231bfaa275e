/* conf_fuzz.c: libFuzzer target for the console's lapor.conf parser
 * (tui/console/conf.c).  Any text is parsed without a crash, and what it
 * leaves in the config stays within bounds: keymap counts, error count
 * and messages, the database path and the sidebar setting. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct con_config conf;

static void check(const struct con_config *c, int bad)
{
	if (bad < 0 || c->nerrors < bad || c->rebound < 0)
		abort();
	for (int v = 0; v < CON_VIEW_COUNT; v++)
		if (c->keys.n[v] < 0 || c->keys.n[v] > CON_KEYMAP_MAX)
			abort();
	if (memchr(c->database, '\0', sizeof c->database) == NULL)
		abort();
	if (c->sidebar != CON_SIDEBAR_AUTO && c->sidebar != CON_SIDEBAR_ON &&
	    c->sidebar != CON_SIDEBAR_OFF)
		abort();
	int shown = c->nerrors < CON_CONFIG_ERRORS_MAX ? c->nerrors : CON_CONFIG_ERRORS_MAX;
	for (int i = 0; i < shown; i++)
		if (memchr(c->errors[i], '\0', CON_CONFIG_ERROR_LEN) == NULL ||
		    c->errors[i][0] == '\0')
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';

	/* On its own, from empty. */
	con_config_init(&conf);
	check(&conf, con_config_parse(&conf, text, "fuzz.conf"));
	/* After the defaults, the way the console loads it; the defaults
	 * themselves must parse cleanly. */
	con_config_init(&conf);
	if (con_config_parse(&conf, con_default_config, "(defaults)") != 0)
		abort();
	check(&conf, con_config_parse(&conf, text, "fuzz.conf"));
	free(text);
	return 0;
}
