#!/usr/bin/env python3
"""gen_reports.py N PREFIX: N public reports as JSON Lines, tracking ids
PREFIX-1..PREFIX-N, at Kota Jakarta Pusat (31.71)."""
import json
import sys

n, prefix = int(sys.argv[1]), sys.argv[2]
out = sys.stdout
for i in range(1, n + 1):
    out.write(json.dumps({
        'tracking_id': '%s-%d' % (prefix, i), 'kind': 'complaint', 'channel': 'web',
        'submitted_at': '2026-11-01T10:00:00+07:00',
        'title': 'Jalan rusak nomor %d' % i, 'body': 'Jalan berlubang di RT %d.' % i,
        'category': 'jalan', 'region': '31.71', 'privacy': 'public',
        'reporter': {'name': 'Warga %d' % i, 'phone': '0812%08d' % i,
                     'email': 'warga%d@example.id' % i}}) + '\n')
