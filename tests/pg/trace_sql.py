#!/usr/bin/env python3
"""trace_sql.py: reads lines that lapor wrote with $LAPOR_TRACE_SQL on
PostgreSQL ("STATEMENT; $1='text' $2=47 ...") from stdin and prints each
statement with its values written in as literals, one per line, to be
sent again by psql (tests/pg/pages.bats, tests/bench/pg_search.sh).
Exits 1 when a statement uses a value the trace gave by its size only
("N bytes": long or non-ASCII text) or not at all."""
import re
import sys

VALUE = re.compile(r"\$([0-9]+)=('(?:[^']|'')*'|NULL|-?[0-9]+(?![0-9]| bytes))")


def main():
    for line in sys.stdin:
        stmt, _, params = line.rstrip('\n').rpartition(';')
        vals = dict(VALUE.findall(params))
        try:
            print(re.sub(r'\$([0-9]+)', lambda m: vals[m.group(1)], stmt) + ';')
        except KeyError as e:
            sys.exit('trace_sql.py: value $%s was not traced' % e.args[0])


if __name__ == '__main__':
    main()
