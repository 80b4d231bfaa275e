/* term.c: the terminal's life: signals that restore it, reading keys,
 * handing it to an editor or libedit and back, and the trace clock. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "app.h"

#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t got_signal;
static bool curses_on;
static struct timespec t_start;

double con_ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) * 1000.0 + (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

void con_trace(struct con_app *app, const char *what)
{
	if (!app->trace)
		return;
	fprintf(app->trace, "%.3f %s\n", con_ms_since(&t_start), what);
	fflush(app->trace);
}

/* ---- signals: the terminal is restored whatever happens ---- */

static void on_exit_signal(int sig)
{
	got_signal = sig;
}

static void on_fatal_signal(int sig)
{
	if (curses_on)
		endwin();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void restore_at_exit(void)
{
	if (curses_on && !isendwin())
		endwin();
}

void con_signals_install(void)
{
	struct sigaction sa;
	int fatal[] = { SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL };

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_exit_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: a blocked read returns and the loop sees the flag */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = on_fatal_signal;
	sa.sa_flags = SA_RESETHAND;
	for (size_t i = 0; i < sizeof(fatal) / sizeof(fatal[0]); i++)
		sigaction(fatal[i], &sa, NULL);
	atexit(restore_at_exit);
}

/* Leaves at once after SIGTERM/SIGHUP/SIGINT: drafts are already in the
 * database (the editor saves as it goes). */
static void check_signal(void)
{
	if (!got_signal)
		return;
	if (curses_on)
		endwin();
	curses_on = false;
	_exit(128 + got_signal);
}

int con_getkey(wint_t *ch)
{
	static int eio;
	int rc;

	check_signal();
	errno = 0;
	rc = get_wch(ch);
	check_signal();
	if (rc == ERR && (errno == EIO || errno == ENXIO)) {
		/* The terminal went away (ssh dropped) without a signal. */
		if (++eio > 10) {
			got_signal = SIGHUP;
			check_signal();
		}
	} else {
		eio = 0;
	}
	return rc;
}

void con_suspend(void)
{
	def_prog_mode();
	endwin();
}

void con_resume(struct con_app *app)
{
	reset_prog_mode();
	clearok(curscr, TRUE);
	con_layout(app);
	con_draw_all(app);
}

void con_clock_start(void)
{
	clock_gettime(CLOCK_MONOTONIC, &t_start);
}

void con_curses_active(bool on)
{
	curses_on = on;
}
