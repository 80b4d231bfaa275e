/* keys.c: the action table, key names and keymaps (see keys.h). */
#define _XOPEN_SOURCE_EXTENDED 1
#include "keys.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#define X_NAME(s, n, h, c) n,
#define X_HELP(s, n, h, c) h,
#define X_CHANGES(s, n, h, c) c,
static const char *const action_names[] = { CON_ACTION_LIST(X_NAME) };
static const char *const action_helps[] = { CON_ACTION_LIST(X_HELP) };
static const unsigned char action_changes[] = { CON_ACTION_LIST(X_CHANGES) };
#define X_VNAME(s, n) n,
static const char *const view_names[] = { CON_VIEW_LIST(X_VNAME) };

const char *con_action_name(enum con_action a)
{
	return (a >= 0 && a < CON_ACT_COUNT) ? action_names[a] : "?";
}

const char *con_action_help(enum con_action a)
{
	return (a >= 0 && a < CON_ACT_COUNT) ? action_helps[a] : NULL;
}

bool con_action_changes(enum con_action a)
{
	return a >= 0 && a < CON_ACT_COUNT && action_changes[a];
}

int con_action_parse(const char *name)
{
	for (int i = 0; name && i < CON_ACT_COUNT; i++)
		if (strcmp(action_names[i], name) == 0)
			return i;
	return -1;
}

const char *con_view_name(enum con_viewid v)
{
	return (v >= 0 && v < CON_VIEW_COUNT) ? view_names[v] : "?";
}

int con_view_parse(const char *name)
{
	for (int i = 0; name && i < CON_VIEW_COUNT; i++)
		if (strcmp(view_names[i], name) == 0)
			return i;
	return -1;
}

static const struct {
	const char *name;
	int key;
} named_keys[] = {
	{ "Enter", '\n' },
	{ "Space", ' ' },
	{ "Tab", '\t' },
	{ "Esc", 27 },
	{ "Up", KEY_UP | CON_KEY_FN },
	{ "Down", KEY_DOWN | CON_KEY_FN },
	{ "Left", KEY_LEFT | CON_KEY_FN },
	{ "Right", KEY_RIGHT | CON_KEY_FN },
	{ "PgUp", KEY_PPAGE | CON_KEY_FN },
	{ "PgDn", KEY_NPAGE | CON_KEY_FN },
	{ "Home", KEY_HOME | CON_KEY_FN },
	{ "End", KEY_END | CON_KEY_FN },
	{ "Backspace", KEY_BACKSPACE | CON_KEY_FN },
	{ "Del", KEY_DC | CON_KEY_FN },
	{ "Ins", KEY_IC | CON_KEY_FN },
	{ "BackTab", KEY_BTAB | CON_KEY_FN },
};
#define NAMED_KEYS (sizeof(named_keys) / sizeof(named_keys[0]))

int con_key_parse(const char *s)
{
	size_t len;

	if (!s || !*s)
		return -1;
	len = strlen(s);
	if (s[0] == '<' && len > 2 && s[len - 1] == '>') {
		char name[32];
		int f;
		char tail;

		if (len - 2 >= sizeof(name))
			return -1;
		memcpy(name, s + 1, len - 2);
		name[len - 2] = '\0';
		for (size_t i = 0; i < NAMED_KEYS; i++)
			if (strcasecmp(named_keys[i].name, name) == 0)
				return named_keys[i].key;
		if ((name[0] == 'F' || name[0] == 'f') &&
		    sscanf(name + 1, "%d%c", &f, &tail) == 1 && f >= 1 && f <= 12)
			return KEY_F(f) | CON_KEY_FN;
		return -1;
	}
	if (s[0] == '^' && len == 2) {
		char c = s[1];

		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (c >= '@' && c <= '_')
			return c - '@';
		return -1;
	}
	{
		mbstate_t st;
		wchar_t wc;
		size_t r;

		memset(&st, 0, sizeof(st));
		r = mbrtowc(&wc, s, len, &st);
		if (r == len && wc > ' ' && wc != 127)
			return (int)wc;
		/* Without a UTF-8 locale: one printable ASCII byte. */
		if (len == 1 && (unsigned char)s[0] > ' ' && (unsigned char)s[0] < 127)
			return (unsigned char)s[0];
	}
	return -1;
}

char *con_key_name(int key, char *buf, unsigned long n)
{
	if (n == 0)
		return buf;
	buf[0] = '\0';
	for (size_t i = 0; i < NAMED_KEYS; i++)
		if (named_keys[i].key == key) {
			snprintf(buf, n, "<%s>", named_keys[i].name);
			return buf;
		}
	if (key & CON_KEY_FN) {
		int code = key & ~CON_KEY_FN;

		if (code >= KEY_F(1) && code <= KEY_F(12))
			snprintf(buf, n, "<F%d>", code - KEY_F0);
		else
			snprintf(buf, n, "<key%d>", code);
	} else if (key > 0 && key < 32) {
		snprintf(buf, n, "^%c", key + '@');
	} else if (key >= 32) {
		char mb[8];
		mbstate_t st;
		size_t r;

		memset(&st, 0, sizeof(st));
		r = wcrtomb(mb, (wchar_t)key, &st);
		if (r != (size_t)-1 && r < sizeof(mb)) {
			mb[r] = '\0';
			snprintf(buf, n, "%s", mb);
		} else {
			snprintf(buf, n, "U+%04X", (unsigned)key);
		}
	}
	return buf;
}

int con_key_from_wch(int rc, unsigned int wch)
{
	if (rc == KEY_CODE_YES) {
		if (wch == KEY_ENTER)
			return '\n';
		return (int)wch | CON_KEY_FN;
	}
	if (wch == '\r')
		return '\n';
	if (wch == 127 || wch == 8)
		return KEY_BACKSPACE | CON_KEY_FN;
	return (int)wch;
}

void con_keymap_init(struct con_keymap *km)
{
	memset(km, 0, sizeof(*km));
}

int con_keymap_bind(struct con_keymap *km, enum con_viewid v, int key, enum con_action a)
{
	if (v < 0 || v >= CON_VIEW_COUNT)
		return -1;
	for (int i = 0; i < km->n[v]; i++)
		if (km->b[v][i].key == key) {
			km->b[v][i].action = a;
			return 1;
		}
	if (km->n[v] >= CON_KEYMAP_MAX)
		return -1;
	km->b[v][km->n[v]].key = key;
	km->b[v][km->n[v]].action = a;
	km->n[v]++;
	return 0;
}

static enum con_action lookup_one(const struct con_keymap *km, enum con_viewid v, int key)
{
	for (int i = 0; i < km->n[v]; i++)
		if (km->b[v][i].key == key)
			return km->b[v][i].action;
	return CON_ACT_NONE;
}

enum con_action con_keymap_lookup(const struct con_keymap *km, enum con_viewid v, int key)
{
	enum con_action a = CON_ACT_NONE;

	if (v > CON_VIEW_GENERIC && v < CON_VIEW_COUNT)
		a = lookup_one(km, v, key);
	if (a == CON_ACT_NONE)
		a = lookup_one(km, CON_VIEW_GENERIC, key);
	return a;
}

int con_keymap_keys(const struct con_keymap *km, enum con_viewid v, enum con_action a, char *buf,
		    unsigned long n)
{
	int count = 0;
	size_t used = 0;
	enum con_viewid views[2] = { v, CON_VIEW_GENERIC };

	if (n)
		buf[0] = '\0';
	for (int k = 0; k < (v == CON_VIEW_GENERIC ? 1 : 2); k++) {
		enum con_viewid w = views[k];

		for (int i = 0; i < km->n[w]; i++) {
			char name[32];
			int r;

			if (km->b[w][i].action != a)
				continue;
			/* A generic key shadowed by the view's own binding does not count. */
			if (w == CON_VIEW_GENERIC && v != CON_VIEW_GENERIC &&
			    lookup_one(km, v, km->b[w][i].key) != CON_ACT_NONE)
				continue;
			con_key_name(km->b[w][i].key, name, sizeof(name));
			r = snprintf(buf + used, n > used ? n - used : 0, "%s%s", count ? ", " : "",
				     name);
			if (r > 0 && used + (size_t)r < n)
				used += (size_t)r;
			count++;
		}
	}
	return count;
}
