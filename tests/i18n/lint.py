#!/usr/bin/env python3
"""lint.py: finds string literals that reach an output function without
going through the catalogue.

Usage: lint.py [--allow FILE] SRCDIR [DIR...]

Scans the .c files under the DIRs (default: core db tui) of SRCDIR for
calls to output functions (printf, fprintf, fputs, puts, lp_error_set,
lp_cli_usage_error, the curses printers, and every function a header
declares with __attribute__((format(printf, ...)))) and reports each
string literal among their arguments that is not inside _(), N_(),
ngettext(), P_(), dgettext() or dngettext().  A literal counts as
format-only (and passes) when, once its conversions (%s, %-14s, %lld...)
and escapes are removed, no word of two or more letters is left.  The
allow-list FILE (default tests/i18n/allow.txt) holds the literals (one
per line, as written in C without the quotes; '#' starts a comment) that
are not for people: JSON keys, SQL, protocol text.

Prints "FILE:LINE: unwrapped \"...\"" for each and exits 1 when any. """
import os
import re
import sys

OUTPUT_FUNCS = {
    'printf', 'fprintf', 'dprintf', 'vprintf', 'vfprintf', 'fputs', 'puts',
    'lp_error_set', 'lp_cli_usage_error', 'lp_qp_fail', 'perror', 'err', 'errx',
    'warn', 'warnx', 'addstr', 'waddstr', 'mvaddstr', 'mvwaddstr', 'addnstr',
    'waddnstr', 'mvaddnstr', 'mvwaddnstr', 'printw', 'wprintw', 'mvprintw',
    'mvwprintw',
}
WRAPPERS = {'_', 'N_', 'ngettext', 'P_', 'dgettext', 'dngettext', 'gettext'}

TOKEN = re.compile(r'''
    (?P<comment>/\*.*?\*/|//[^\n]*)
  | (?P<string>"(?:\\.|[^"\\\n])*")
  | (?P<char>'(?:\\.|[^'\\\n])*')
  | (?P<ident>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<open>\()
  | (?P<close>\))
  | (?P<pre>^[ \t]*\#[^\n]*(?:\\\n[^\n]*)*)
  | (?P<other>.)
''', re.S | re.M | re.X)

CONVERSION = re.compile(r'%[-+ #0\'*]*[0-9*]*(?:\.[0-9*]+)?(?:hh|h|ll|l|j|z|t|L)?[diouxXeEfgGcspn%]'
                        r'|%"\s*PRI[diux](?:8|16|32|64)\s*"|\\.')


def format_only(text):
    rest = CONVERSION.sub(' ', text)
    return not re.search(r'[A-Za-z]{2,}', rest)


def declared_formatters(src):
    names = set()
    pat = re.compile(r'([A-Za-z_][A-Za-z0-9_]*)\s*\([^;{}]*\)\s*__attribute__\s*\(\(\s*format\s*\(\s*printf', re.S)
    for root in ('core', 'db', 'tui'):
        for dirpath, _dirs, files in os.walk(os.path.join(src, root)):
            for f in files:
                if f.endswith('.h'):
                    with open(os.path.join(dirpath, f), encoding='utf-8', errors='replace') as fh:
                        names.update(pat.findall(fh.read()))
    return names


def scan(path, text, funcs, allow):
    problems = []
    stack = []           # per open parenthesis: the identifier before it
    last_ident = None
    call_depths = []     # stack depths at which an output call is open
    for m in TOKEN.finditer(text):
        kind = m.lastgroup
        if kind in ('comment', 'pre'):
            continue
        if kind == 'ident':
            last_ident = m.group()
            continue
        if kind == 'open':
            stack.append(last_ident)
            if last_ident in funcs:
                call_depths.append(len(stack))
            last_ident = None
            continue
        if kind == 'close':
            if stack:
                if call_depths and call_depths[-1] == len(stack):
                    call_depths.pop()
                stack.pop()
            last_ident = None
            continue
        if kind == 'string':
            last_ident = None
            if not call_depths:
                continue
            inner = stack[call_depths[-1]:]
            if any(name in WRAPPERS for name in inner):
                continue
            body = m.group()[1:-1]
            if format_only(body) or body in allow:
                continue
            line = text.count('\n', 0, m.start()) + 1
            problems.append('%s:%d: unwrapped "%s"' % (path, line, body))
            continue
        if kind != 'other' or not m.group().isspace():
            last_ident = None
    return problems


def main(argv):
    allow_file = None
    if len(argv) > 2 and argv[1] == '--allow':
        allow_file = argv[2]
        argv = argv[:1] + argv[3:]
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    src = argv[1]
    dirs = argv[2:] or ['core', 'db', 'tui']
    allow_file = allow_file or os.path.join(src, 'tests', 'i18n', 'allow.txt')
    allow = set()
    with open(allow_file, encoding='utf-8') as fh:
        for line in fh:
            line = line.rstrip('\n')
            if line and not line.startswith('#'):
                allow.add(line)
    funcs = OUTPUT_FUNCS | declared_formatters(src)
    problems = []
    for d in dirs:
        for dirpath, _dirs, files in sorted(os.walk(os.path.join(src, d))):
            for f in sorted(files):
                if f.endswith('.c'):
                    p = os.path.join(dirpath, f)
                    with open(p, encoding='utf-8', errors='replace') as fh:
                        problems += scan(os.path.relpath(p, src), fh.read(), funcs, allow)
    for p in problems:
        print(p)
    print('%d unwrapped string(s)' % len(problems))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
