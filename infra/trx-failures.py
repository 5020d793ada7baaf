#!/usr/bin/env python3
"""Prints each failed test of a TRX file with the first lines of its message and of its stack trace.

test.sh repeats this just before the totals: CI keeps only the end of the output, where a failure's
name alone says nothing of why (a flaky wait, an assertion, a crash)."""
import sys
import xml.etree.ElementTree as ET

NS = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
MESSAGE_LINES, STACK_LINES, MAX_TESTS = 8, 4, 20


def first_lines(text, count):
    lines = [line.rstrip()[:300] for line in (text or "").strip().splitlines() if line.strip()]
    return lines[:count] + (["…"] if len(lines) > count else [])


def main(path):
    failed = [r for r in ET.parse(path).getroot().iter(NS + "UnitTestResult") if r.get("outcome") == "Failed"]
    for result in failed[:MAX_TESTS]:
        print(f"failed: {result.get('testName')} ({result.get('duration', '?')})")
        info = result.find(f"{NS}Output/{NS}ErrorInfo")
        if info is None:
            continue
        for line in first_lines(info.findtext(NS + "Message"), MESSAGE_LINES):
            print("    " + line)
        for line in first_lines(info.findtext(NS + "StackTrace"), STACK_LINES):
            print("    " + line.strip())
    if len(failed) > MAX_TESTS:
        print(f"... and {len(failed) - MAX_TESTS} more failed tests")


if __name__ == "__main__":
    main(sys.argv[1])
