#!/usr/bin/env python3
"""Reads each CSV file named on the command line with Python's csv module (UTF-8, BOM allowed)
and prints {"file": [[cell, ...], ...]} as JSON, so a test can compare every value."""
import csv
import json
import sys

out = {}
for path in sys.argv[1:]:
    with open(path, newline="", encoding="utf-8-sig") as f:
        out[path] = list(csv.reader(f, strict=True))
print(json.dumps(out))
