/* console.h: the interactive ncurses console (what `lapor` runs with no
 * subcommand). */
#ifndef LAPOR_CONSOLE_H
#define LAPOR_CONSOLE_H

struct lp_session;

/* Runs the console on an open session until the officer quits.
 * config_path: lapor.conf to read, or NULL for the default search
 * ($XDG_CONFIG_HOME/lapor/lapor.conf, then /etc/lapor.conf).
 * Returns the process exit status. */
int lp_console_run(struct lp_session *s, const char *config_path);

/* The `set database PATH` of lapor.conf (config_path or the default
 * search, as above) into buf, or NULL when none is set: main() uses it
 * when neither --db nor $LAPOR_DB is given, before opening the session. */
const char *lp_console_database(const char *config_path, char *buf, unsigned long n);

#endif
