#!/usr/bin/env python3
"""Attributes `perf script` samples of the gateway to the code that asked for the work.

Each sample goes to its innermost frame outside the base class library (CoreLib, LINQ, collections, threading):
a Gateway class ("G Gateway.Storage.Redis.RedisStore") or a library (StackExchange.Redis, Kestrel, MassTransit…).
Samples with no such frame are the runtime and the kernel on that thread ("(no owner) <thread>").

    perf script -i perf.data -F comm,tid,ip,sym > perf.txt
    python3 perf_owners.py perf.txt                      # owners
    python3 perf_owners.py perf.txt --leaves RedisStore  # hottest leaf frames under one owner
"""
import collections
import re
import sys

BCL = re.compile(r'\[(System\.Private\.CoreLib|System\.Linq|System\.Collections[\w.]*|System\.Runtime[\w.]*|System\.Memory|System\.Threading[\w.]*)\]')
FRAME = re.compile(r'\[([A-Za-z][\w.]*)\] (.*)')


def samples(path):
    current = None
    for line in open(path, errors='replace'):
        if not line.strip():
            if current:
                yield current
            current = None
        elif not line.startswith('\t'):
            current = {'thread': line.rsplit(' ', 2)[0].strip(), 'frames': []}
        elif current is not None:
            parts = line.strip().split(' ', 1)
            current['frames'].append(parts[1] if len(parts) > 1 else '?')
    if current:
        yield current


def owner(sample):
    for frame in sample['frames']:
        match = FRAME.search(frame)
        if not match or BCL.search(frame):
            continue
        assembly, rest = match.groups()
        if assembly.startswith('Gateway'):
            cls = rest.split('::')[0].split(' ')[-1]
            return 'G ' + re.sub(r'`\d.*', '', re.sub(r'\+<.*', '', cls))
        return assembly
    return '(no owner) ' + sample['thread']


def main(argv):
    """perf_owners.py perf.txt [top N]  |  perf_owners.py perf.txt --leaves OWNER [top N]: the hottest leaf frames under one owner."""
    path, rest = argv[1], argv[2:]
    if rest[:1] == ['--leaves']:
        wanted, top = rest[1], int(rest[2]) if len(rest) > 2 else 25
        leaves = collections.Counter(s['frames'][0][:160] if s['frames'] else '?' for s in samples(path) if wanted in owner(s))
        total = sum(leaves.values())
        print(f'{total} samples owned by {wanted}')
        for name, n in leaves.most_common(top):
            print(f'{100 * n / total:6.2f}%  {name}')
        return
    counts = collections.Counter(owner(s) for s in samples(path))
    total = sum(counts.values())
    print(f'{total} samples')
    for name, n in counts.most_common(int(rest[0]) if rest else 40):
        print(f'{100 * n / total:6.2f}%  {name}')


if __name__ == '__main__':
    main(sys.argv)
