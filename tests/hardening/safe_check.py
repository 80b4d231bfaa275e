#!/usr/bin/env python3
"""safe_check.py [--json|--jsonl] FILE...: fails (exit 1, naming the file
and what it found) when a file holds bytes that can act on a terminal:
ESC, 7-bit or UTF-8-encoded C1 controls, BEL, BS, CR, VT, FF, DEL, NUL,
bidi embeddings, overrides and isolates, or invalid UTF-8.  With --json
the file must also parse as one JSON document, with --jsonl as JSON
Lines, with --csv as CSV (whose CRLF line ends are allowed).  JSON may
hold a raw DEL (jansson does not escape it; terminals ignore it).
The checks are on the raw bytes, before any JSON decoding."""
import csv
import io
import json
import re
import sys

BAD = re.compile(rb'[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|'
                 rb'\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]')
NAMES = {b'\x1b': 'ESC', b'\x07': 'BEL', b'\x08': 'BS', b'\r': 'CR',
         b'\x00': 'NUL', b'\x7f': 'DEL', b'\xc2\x9b': 'C1 CSI', b'\xc2\x9d': 'C1 OSC',
         b'\xe2\x80\xae': 'U+202E', b'\xe2\x81\xa6': 'U+2066'}


def main():
    mode = None
    args = sys.argv[1:]
    if args and args[0] in ('--json', '--jsonl', '--csv'):
        mode = args.pop(0)
    bad = []
    for path in args:
        data = open(path, 'rb').read()
        if mode in ('--json', '--jsonl'):
            data = data.replace(b'\x7f', b'')
        if mode == '--csv':
            data = data.replace(b'\r\n', b'\n')
        m = BAD.search(data)
        if m:
            what = NAMES.get(m.group(0), repr(m.group(0)))
            ctx = data[max(0, m.start() - 30):m.end() + 30]
            bad.append('%s: %s at byte %d: %r' % (path, what, m.start(), ctx))
            continue
        try:
            text = data.decode('utf-8')
        except UnicodeDecodeError as e:
            bad.append('%s: invalid UTF-8: %s' % (path, e))
            continue
        try:
            if mode == '--json':
                json.loads(text)
            elif mode == '--jsonl':
                for line in text.splitlines():
                    json.loads(line)
            elif mode == '--csv':
                rows = list(csv.reader(io.StringIO(text)))
                if len(rows) < 2 or any(len(r) != len(rows[0]) for r in rows):
                    raise ValueError('ragged or empty CSV')
        except ValueError as e:
            bad.append('%s: invalid JSON: %s' % (path, e))
    if bad:
        sys.exit('\n'.join(bad))


main()
