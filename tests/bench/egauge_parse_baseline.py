#!/usr/bin/env python3
"""Baseline for bench_egauge_parse: an egauge-show answer parsed with xml.etree.ElementTree and its
counters differenced into rates the way a careful Python client would (S64 wrap-safe integer
subtraction, x quantum / time_delta, delta="true" rows made absolute, each block timed on its own).
Prints: seconds (parse + differencing, measured in-process, best of --repeat), rate count, sum of rates.
Usage: egauge_parse_baseline.py FILE [--repeat N]"""
import sys
import time
import xml.etree.ElementTree as ET

QUANTUM = {"P": 1, "S": 1, "var": 1, "V": 0.001, "I": 0.001, "F": 0.001, "T": 0.001, "h": 0.001,
           "Pa": 1, "THD": 0.001, "%": 0.001, "Ee": 1, "#": 1, "#3": 0.001, "d": 1}
BIDIRECTIONAL = {"P", "S", "var", "T", "#", "#3", "d"}
M64 = 1 << 64
H63 = 1 << 63


def s64(v):
    return ((v + H63) % M64) - H63


def decode(data):
    root = ET.fromstring(data)
    blocks = root.findall("data")
    types = [c.get("t") for c in blocks[0].findall("cname")]
    quanta = [QUANTUM.get(t) for t in types]
    rows = []  # (time, counters), newest first, over all blocks
    for b in blocks:
        ts = int(b.get("time_stamp"), 16)
        dt = float(b.get("time_delta"))
        delta = b.get("delta") == "true"
        prev = None
        for k, r in enumerate(b.iter("r")):
            cells = [int(c.text) for c in r.iter("c")]
            if delta and prev is not None:
                cells = [s64(p + c) for p, c in zip(prev, cells)]
            prev = cells
            rows.append((ts - k * dt, cells))
    rates = []
    for (t1, newer), (t0, older) in zip(rows, rows[1:]):
        span = t1 - t0
        out = []
        for q, t, a, b in zip(quanta, types, newer, older):
            d = s64(a - b)
            out.append(None if q is None or (d < 0 and t not in BIDIRECTIONAL) else d * q / span)
        rates.append((t1, out))
    return rates


def main():
    path = sys.argv[1]
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 1
    with open(path, "rb") as f:
        data = f.read()
    best = None
    for _ in range(repeat):
        start = time.perf_counter()
        rates = decode(data)
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    values = [v for _, row in rates for v in row if v is not None]
    print(f"{best:.6f} {len(values)} {sum(values):.6f}")


if __name__ == "__main__":
    main()
