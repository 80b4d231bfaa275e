/* composer.c: replies and notes, written in $VISUAL/$EDITOR or in a
 * small built-in editor, kept as a draft in the database while they are
 * written, and shown for confirmation before they are sent. */
#define _XOPEN_SOURCE_EXTENDED 1
#include "app.h"

#include <curses.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <wchar.h>

#include "cases.h"
#include "colors.h"
#include "i18n.h"
#include "safetext.h"
#include "session.h"

/* Canned beginnings of a reply (Indonesian, as officers write them). */
static const struct {
	const char *label;
	const char *text;
} canned[] = {
	{ N_("Empty reply"), "" },
	{ N_("Thanks, forwarded to the unit (diteruskan)"),
	  "Terima kasih atas laporan Anda. Laporan Anda telah kami terima dan kami teruskan "
	  "kepada unit kerja terkait untuk ditindaklanjuti. Perkembangannya akan kami sampaikan "
	  "melalui kanal ini." },
	{ N_("Asking for more information (mohon informasi tambahan)"),
	  "Terima kasih atas laporan Anda. Agar dapat kami tindak lanjuti, mohon Anda melengkapi "
	  "informasi berikut: lokasi kejadian secara rinci (alamat atau patokan), waktu kejadian, "
	  "serta foto atau dokumen pendukung bila ada." },
	{ N_("Resolved (selesai ditindaklanjuti)"),
	  "Terima kasih atas kesabaran Anda. Laporan Anda telah selesai ditindaklanjuti dengan "
	  "langkah sebagai berikut: ... Apabila masih terdapat kendala, silakan sampaikan "
	  "tanggapan Anda melalui kanal ini." },
};
#define NCANNED (sizeof(canned) / sizeof(canned[0]))

/* $XDG_STATE_HOME/lapor/SUB (or ~/.local/state/lapor/SUB), created. */
const char *con_state_path(const char *sub, char *buf, size_t n)
{
	const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	char dir[4096];

	if (xdg && *xdg)
		snprintf(dir, sizeof(dir), "%s/lapor", xdg);
	else
		snprintf(dir, sizeof(dir), "%s/.local/state/lapor", home && *home ? home : "/tmp");
	/* mkdir -p of the last two levels is enough: the base usually exists. */
	{
		char up[4096];
		char *slash;

		snprintf(up, sizeof(up), "%s", dir);
		slash = strrchr(up, '/');
		if (slash && slash != up) {
			*slash = '\0';
			mkdir(up, 0700);
		}
	}
	mkdir(dir, 0700);
	snprintf(buf, n, "%s/%s", dir, sub);
	return buf;
}

static const char *draft_file(int64_t id, char *buf, size_t n)
{
	char sub[64], dir[4096];

	con_state_path("drafts", dir, sizeof(dir));
	mkdir(dir, 0700);
	snprintf(sub, sizeof(sub), "drafts/case-%lld.txt", (long long)id);
	return con_state_path(sub, buf, n);
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "r");
	char *text;
	long size;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || size > LP_TEXT_MAX ||
	    fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		return NULL;
	}
	text = malloc((size_t)size + 1);
	if (text) {
		size_t got = fread(text, 1, (size_t)size, f);

		text[got] = '\0';
	}
	fclose(f);
	return text;
}

static bool write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	bool ok;

	if (!f)
		return false;
	ok = fputs(text, f) >= 0;
	return fclose(f) == 0 && ok;
}

void con_save_draft(struct con_app *app, int64_t id, enum lp_action kind, const char *text)
{
	struct lp_error err;

	if (lp_draft_save(app->s, id, kind, text, &err) != LP_OK)
		con_message(app, true, _("Could not save the draft: %s"), err.msg);
}

void con_offer_draft(struct con_app *app, int64_t id)
{
	enum lp_action kind = LP_ACTION_REPLY;
	char *text = NULL, path[4096];
	bool file;

	draft_file(id, path, sizeof(path));
	file = access(path, R_OK) == 0;
	if (lp_draft_load(app->s, id, &kind, &text, NULL) == LP_OK || file)
		con_message(app, false, _("A draft %s is saved for this case%s: %s continues it."),
			    kind == LP_ACTION_NOTE ? _("note") : _("reply"),
			    file ? _(" (from the editor)") : "",
			    kind == LP_ACTION_NOTE ? "N" : "R");
	free(text);
}

/* ---- $VISUAL / $EDITOR ---- */

static char *external_edit(struct con_app *app, int64_t id, enum lp_action kind, const char *editor,
			   const char *start)
{
	char path[4096], cmd[4200];
	pid_t pid;
	int status = 0;
	char *text;

	draft_file(id, path, sizeof(path));
	if (!write_file(path, start)) {
		con_message(app, true, _("Cannot write %s: %s"), path, strerror(errno));
		return NULL;
	}
	snprintf(cmd, sizeof(cmd), "%s \"$1\"", editor);
	con_suspend();
	pid = fork();
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", cmd, "sh", path, (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
			int64_t dummy;

			/* A signal during the editor: the file stays for next time. */
			(void)dummy;
		}
	con_resume(app);
	if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		con_message(app, true, _("The editor (%s) failed; the text stays in %s."), editor,
			    path);
		return NULL;
	}
	text = read_file(path);
	if (text)
		con_save_draft(app, id, kind, text);
	return text;
}

static bool blank(const char *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\n' && *s != '\t' && *s != '\r')
			return false;
	return true;
}

void con_compose_done(struct con_app *app, int64_t id)
{
	char path[4096];

	(void)app;
	draft_file(id, path, sizeof(path));
	unlink(path);
}

char *con_compose(struct con_app *app, int64_t id, enum lp_action kind)
{
	const char *editor = getenv("VISUAL");
	char *text = NULL, path[4096], title[200];
	enum lp_action dkind = kind;
	const char *what = kind == LP_ACTION_NOTE ? _("internal note") : _("public reply");

	if (!editor || !*editor)
		editor = getenv("EDITOR");
	if (editor && !*editor)
		editor = NULL;
	draft_file(id, path, sizeof(path));
	text = read_file(path);
	if (!text && lp_draft_load(app->s, id, &dkind, &text, NULL) != LP_OK)
		text = NULL;
	if (text && !blank(text)) {
		char q[200];

		snprintf(q, sizeof(q), _("Continue the saved draft (%zu bytes)?"), strlen(text));
		con_draw_all(app);
		if (!con_confirm(app, q)) {
			free(text);
			text = NULL;
			lp_draft_discard(app->s, id, NULL);
			unlink(path);
		}
	} else {
		free(text);
		text = NULL;
	}
	if (!text && kind == LP_ACTION_REPLY) {
		const char *labels[NCANNED];
		int k;

		for (size_t i = 0; i < NCANNED; i++)
			labels[i] = _(canned[i].label);
		k = con_pick(app, _("Start the reply from"), labels, (int)NCANNED);
		if (k < 0)
			return NULL;
		{
			size_t n = strlen(canned[k].text) + sizeof(app->me->name) + 200;

			text = malloc(n);
			if (!text)
				return NULL;
			snprintf(text, n, "Yth. Bapak/Ibu Pelapor,\n\n%s\n\nHormat kami,\n%s\n%s\n",
				 canned[k].text, app->me->name, app->me->agency);
		}
	}
	if (!text)
		text = strdup("");
	snprintf(title, sizeof(title), "%s: %s %lld", _("Writing"), what, (long long)id);
	for (;;) {
		char *edited = editor ? external_edit(app, id, kind, editor, text) :
				con_edit_builtin(app, id, kind, text, title);
		char heading[300];
		int key;

		if (!edited) {
			free(text);
			if (!app->msg[0] || !app->msg_error)
				con_message(app, false,
					    _("Stopped; the draft is kept (%s continues it)."),
					    kind == LP_ACTION_NOTE ? "N" : "R");
			return NULL;
		}
		free(text);
		text = edited;
		if (blank(text)) {
			free(text);
			lp_draft_discard(app->s, id, NULL);
			unlink(path);
			con_message(app, false, _("Nothing written; nothing sent."));
			return NULL;
		}
		snprintf(heading, sizeof(heading), _("Check the %s to case %lld before sending"),
			 what, (long long)id);
		key = con_show_text(app, heading, text, _("y: send   e: edit again   q: not now "
							  "(the draft is kept)"));
		if (key == 'y' || key == 'Y')
			return text;
		if (key != 'e' && key != 'E') {
			free(text);
			con_message(app, false, _("Not sent; the draft is kept (%s continues it)."),
				    kind == LP_ACTION_NOTE ? "N" : "R");
			return NULL;
		}
	}
}
