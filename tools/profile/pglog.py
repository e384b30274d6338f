#!/usr/bin/env python3
"""Where a run's time goes, as PostgreSQL saw it: sums a server log written with log_min_duration_statement = 0.

Each statement's parse, bind and execute durations are summed by the statement's text (numbers folded to N, first
80 characters), and the largest totals printed with their counts and medians. Bind is where a prepared statement
with a generic plan is checked and locked, or planned again; execute is the work itself.

    ALTER SYSTEM SET log_min_duration_statement = 0; SELECT pg_reload_conf();
    ... run flyback verify --url jdbc:postgresql://... ...
    ALTER SYSTEM RESET log_min_duration_statement; SELECT pg_reload_conf();
    tools/profile/pglog.py server.log [how many rows, default 30]

Used for issue 18 (docs/benchmarks.md); the log of a whole run is large, so cut it to the run first (tail -c +SIZE).
"""
import collections
import re
import sys

PROTOCOL = re.compile(r'duration: ([\d.]+) ms\s+(parse|bind|execute)\s*[^:]*:\s*(.*)')
SIMPLE = re.compile(r'duration: ([\d.]+) ms\s+statement: (.*)')


def main(path, rows):
    times = collections.defaultdict(list)
    phases = collections.Counter()
    with open(path, errors='replace') as log:
        for line in log:
            match = PROTOCOL.search(line)
            if match:
                millis, phase, text = float(match.group(1)), match.group(2), match.group(3)
            else:
                match = SIMPLE.search(line)
                if not match:
                    continue
                millis, phase, text = float(match.group(1)), 'simple', match.group(2)
            times[phase + ' ' + re.sub(r'\d+', 'N', text)[:80]].append(millis)
            phases[phase] += millis
    print('total ms by phase: ' + ', '.join(f'{phase} {total:.0f}' for phase, total in phases.most_common()))
    for key, values in sorted(times.items(), key=lambda item: -sum(item[1]))[:rows]:
        values.sort()
        print(f'{len(values):7d} calls  total {sum(values):9.1f} ms  median {values[len(values) // 2]:7.3f} ms  {key}')


if __name__ == '__main__':
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 30)
