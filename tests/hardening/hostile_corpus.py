#!/usr/bin/env python3
"""hostile_corpus.py OUT.jsonl [REJECTS.jsonl [MIB.txt]]: reports whose titles,
bodies and reporters hold terminal attacks, as JSON Lines (all public,
region 31.71, tracking ids HOST-1..); REJECTS gets lines the import must
refuse (NUL, invalid UTF-8, a body over 1 MiB), one per line; MIB.txt
gets a hostile text of exactly 1 MiB (for a reply).

Every hostile text also holds a plain marker word (the tracking id in
lower case, e.g. "host3") so tests can find the case by search."""
import json
import sys

ESC, BEL, ST = '\x1b', '\x07', '\x1b\\'
ATTACKS = {
    'csi': ESC + '[2J' + ESC + '[H' + ESC + '[31;1mMERAH' + ESC + '[0m ' + ESC + '[?1049h',
    'osc52': ESC + ']52;c;cm0gLXJmIH4vKgo=' + BEL + ' clip ' + ESC + ']52;p;?' + ST,
    'title': ESC + ']0;pwned-title' + BEL + ESC + ']2;pwned2' + ST + ESC + ']1;icon' + BEL,
    'link': ESC + ']8;;http://evil.example/' + ST + 'klik' + ESC + ']8;;' + ST,
    'dcs': ESC + 'P+q544e' + ST + ESC + '_apc' + ST + ESC + '^pm' + ST + ESC + 'X sos' + ST,
    'query': ESC + '[6n' + ESC + '[c' + ESC + '[21t' + ESC + 'Z' + ESC + 'c',
    'c1': '\u009b31m \u009d0;c1title\u0007 \u0090dcs\u009c \u0085nel \u009f',
    'bidi': '\u202eterbalik\u202c \u2066iso\u2069 \u2067r\u2069 \u2068f\u2069 \u200fRLM '
            '\u202a\u202b\u202d',
    'zero': 'nol\u200blebar\u200c\u200d\ufeff\u2060 gabung e\u0301 a' + '\u0300' * 60,
    'ctl': 'tab\there bs\x08\x08\x08 cr\rover del\x7f vt\x0b ff\x0c bell' + BEL,
    'long': 'x' * 10000,
    'wide': '漢字テスト' * 400,
}


def cut(s, n):
    """s shortened to at most n bytes of UTF-8."""
    while len(s.encode()) > n:
        s = s[:-1]
    return s


def report(i, title, body, name='Warga Biasa'):
    return {'tracking_id': 'HOST-%d' % i, 'kind': 'complaint', 'channel': 'web',
            'submitted_at': '2026-11-01T10:00:00+07:00', 'title': title, 'body': body,
            'category': 'jalan', 'region': '31.71', 'privacy': 'public',
            'reporter': {'name': name, 'phone': '081234567890', 'email': 'w@example.id'}}


def main():
    out = open(sys.argv[1], 'w', encoding='utf-8')
    i = 0
    for key, attack in ATTACKS.items():
        i += 1
        mark = 'host%d' % i
        title = cut(mark + ' ' + key + ' ' + attack, 290) if key != 'long' else mark + ' long'
        body = '%s awal %s\n%s\nakhir %s' % (mark, attack, attack, mark)
        out.write(json.dumps(report(i, title, body, cut('Nama ' + attack, 190))) + '\n')
    # The largest body a 1 MiB import line can carry, full of sequences.
    i += 1
    chunk = ''.join(ATTACKS[k] for k in ('csi', 'osc52', 'title', 'c1', 'bidi')) + '\n'
    rec = report(i, 'host%d megabyte ' % i + ATTACKS['osc52'], 'host%d ' % i)
    room = 1024 * 1024 - 100 - len(json.dumps(rec))
    rec['body'] += chunk * (room // (len(json.dumps(chunk)) - 2))
    out.write(json.dumps(rec) + '\n')
    out.close()
    if len(sys.argv) > 2:
        rej = open(sys.argv[2], 'wb')
        base = report(100, 'x', 'y')
        for title in ('nul\x00inside', ):
            r = dict(base, title=title)
            rej.write(json.dumps(r).encode() + b'\n')
        line = json.dumps(dict(base, title='BADUTF8')).encode()
        rej.write(line.replace(b'BADUTF8', b'bad \xff\xfe \xc0\x80 utf') + b'\n')
        rej.write(json.dumps(dict(base, body='z' * (1024 * 1024 + 1))).encode() + b'\n')
        rej.close()
    # A reply of exactly 1 MiB (the text limit), for `lapor reply -F`.
    if len(sys.argv) > 3:
        body = 'host99 ' + chunk * (1000 * 1000 // len(chunk.encode()))
        body += 'y' * (1024 * 1024 - len(body.encode()))
        assert len(body.encode()) == 1024 * 1024
        open(sys.argv[3], 'w', encoding='utf-8').write(body)


main()
