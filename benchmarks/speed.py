"""Speed and memory on big lists, offline: listcheck against the naive script and the CSV floor.

    python benchmarks/speed.py [--rows 500000] [--repeat 3] [--against OTHER/src]

Each contender runs in a process of its own, on the same generated file, in the same run, and
reports its wall time and peak memory: the peak of the PSS (proportional set size) of the process
and its children, which counts a page listcheck's judging worker shares with it after the fork
once, and the sum of their maximum resident set sizes, which counts it twice. With ``--repeat N``
the contenders take turns N times and the median time is reported: these machines are noisy.

- naive: what most people write: pandas reads the file, email-validator judges every row, two
  ``to_csv`` writes;
- floor: pandas with the pyarrow engine reads the file and writes it back, nothing judged;
- listcheck: ``listcheck check FILE --no-dns -q``;
- with ``--against OTHER/src``: the same command run from another checkout's ``src`` (an earlier
  commit, say, in a ``git worktree``), to show that a change kept the speed: read the last line.

Targets (issue 6): naive / listcheck at least 8 (goal 10); listcheck / floor at most 2.5; peak
memory at most 300 MiB for 500k rows, 500 MiB for 5M rows. Machines are noisy: read the ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
from collections import deque
from collections.abc import Iterator
from pathlib import Path

NAIVE = """
import pandas as pd
from email_validator import EmailNotValidError, validate_email

def valid(address):
    try:
        validate_email(address, check_deliverability=False)
        return True
    except EmailNotValidError:
        return False

frame = pd.read_csv(SOURCE, dtype=str, keep_default_na=False)
mask = frame["email"].map(valid)
frame[mask].to_csv(OUT + "/naive.clean.csv", index=False)
frame[~mask].to_csv(OUT + "/naive.rejected.csv", index=False)
"""
FLOOR = """
import pandas as pd
frame = pd.read_csv(SOURCE, dtype=str, keep_default_na=False, engine="pyarrow")
frame.to_csv(OUT + "/floor.csv", index=False)
"""
LISTCHECK = """
from listcheck.cli import main
status = main(["check", SOURCE, "--no-dns", "-q", "--no-cache", "-o", OUT])
assert status == 0, status
"""
# Wraps a contender: runs it, then prints its wall time and peak memory as JSON. Memory is sampled
# as PSS (proportional set size: a page shared by two processes counts half in each) of the process
# and its children, every 100 ms (it may miss a short peak); the maximum resident set sizes too.
WRAPPER = """
import json, os, resource, sys, threading, time
SOURCE, OUT = sys.argv[1], sys.argv[2]

def pss_mib(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            return next(int(line.split()[1]) for line in rollup if line.startswith("Pss:")) / 1024
    except (OSError, StopIteration):
        return 0.0

def children(pid):
    found = []
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/children") as listed:
            found += [int(child) for child in listed.read().split()]
    return found

peak = [0.0]
def sample():
    while True:
        peak[0] = max(peak[0], pss_mib(os.getpid()) + sum(pss_mib(child) for child in children(os.getpid())))
        time.sleep(0.1)
threading.Thread(target=sample, daemon=True).start()
started = time.perf_counter()
exec(compile(sys.argv[3], "contender", "exec"))
elapsed = time.perf_counter() - started
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"seconds": elapsed, "peak_mib": peak[0], "rss_mib": own + worker}))
"""

PROVIDERS = ["gmail.com", "hotmail.com", "hotmail.es", "yahoo.es", "outlook.es", "yahoo.com.mx", "live.com.mx",
             "hotmail.com.ar", "telefonica.net", "ukr.net", "mail.ru", "yandex.ru", "icloud.com", "gmx.es"]
NAMES = ["ana", "luis", "maria", "jose", "carmen", "pablo", "lucia", "javier", "elena", "sergio", "olena", "ivan"]
SURNAMES = ["garcia", "lopez", "martinez", "sanchez", "perez", "gomez", "ruiz", "diaz", "shevchenko", "petrov"]


def realistic_rows(count: int, seed: int = 6) -> Iterator[list[str]]:
    """A list as people send it: mostly good, a few percent broken, repeated, misspelled or risky.

    Made row by row: a list held here would count in the contenders' peak memory, for a child
    process starts with its parent's maximum resident set size on Linux.
    """
    rng = random.Random(seed)
    companies = [f"empresa{i}.{rng.choice(['es', 'com', 'com.mx', 'com.ar', 'net'])}" for i in range(5000)]
    recent: deque[str] = deque(maxlen=1000)  # the addresses of the last rows, to repeat one
    for i in range(count):
        name, surname = rng.choice(NAMES), rng.choice(SURNAMES)
        domain = rng.choice(PROVIDERS) if rng.random() < 0.6 else rng.choice(companies)
        address = f"{name}.{surname}{i}@{domain}"
        roll = rng.random()
        if roll < 0.01:
            address = address.replace("@", ".")
        elif roll < 0.02:
            address = address.replace(".", " ", 1)
        elif roll < 0.025:
            address = ""
        elif roll < 0.04:
            address = address.replace("gmail", "gmial").replace("hotmail", "hotmial")
        elif roll < 0.06 and recent:
            address = rng.choice(recent).upper()
        elif roll < 0.07:
            address = f"info@{rng.choice(companies)}"
        elif roll < 0.075:
            address = f"{name}@mailinator.com"
        elif roll < 0.08:
            address = f"  {name.title()} {surname.title()} <{address}> "
        recent.append(address)
        yield [f"{name.title()} {surname.title()}", address, rng.choice(["Madrid", "Kyiv", "México"]),
               f"6{rng.randint(10000000, 99999999)}"]


def run(code: str, source: Path, out: Path, src: str | None = None) -> dict[str, float]:
    """One contender's run; ``src`` puts another checkout's listcheck first on the path."""
    env = None
    if src is not None:
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [src, os.environ.get("PYTHONPATH")])))
    result = subprocess.run([sys.executable, "-c", WRAPPER, str(source), str(out), code],
                            capture_output=True, text=True, check=True, env=env)
    measured: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return measured


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=500_000)
    parser.add_argument("--skip-naive", action="store_true", help="for 5M rows, where the naive script takes minutes")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--against", metavar="SRC", help="also run listcheck from this src folder (another checkout)")
    arguments = parser.parse_args()
    rows, skip_naive = arguments.rows, arguments.skip_naive
    with tempfile.TemporaryDirectory() as folder:
        source, out = Path(folder) / "lista.csv", Path(folder)
        with source.open("w", encoding="utf-8", newline="") as handle:
            import csv

            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(["nombre", "email", "ciudad", "telefono"])
            writer.writerows(realistic_rows(rows))
        size = source.stat().st_size / 2**20
        contenders = {"floor": FLOOR, "listcheck": LISTCHECK} | ({} if skip_naive else {"naive": NAIVE})
        if arguments.against:
            contenders["against"] = LISTCHECK
        runs: dict[str, list[dict[str, float]]] = {name: [] for name in contenders}
        for _ in range(arguments.repeat):
            for name, code in contenders.items():
                runs[name].append(run(code, source, out, arguments.against if name == "against" else None))
        results = {name: {"seconds": statistics.median(r["seconds"] for r in taken),
                          "peak_mib": max(r["peak_mib"] for r in taken),
                          "rss_mib": max(r["rss_mib"] for r in taken)} for name, taken in runs.items()}

    print(f"rows: {rows:,} ({size:.0f} MiB)")
    for name, result in results.items():
        print(f"{name:>9}: {result['seconds']:7.2f} s, peak {result['peak_mib']:4.0f} MiB PSS, "
              f"{result['rss_mib']:4.0f} MiB RSS summed over its processes")
    ours = results["listcheck"]["seconds"]
    if "naive" in results:
        print(f"naive / listcheck: {results['naive']['seconds'] / ours:.1f} (target at least 8, goal 10)")
    print(f"listcheck / floor: {ours / results['floor']['seconds']:.1f} (goal at most 2.5)")
    if "against" in results:
        print(f"listcheck / against ({arguments.against}): {ours / results['against']['seconds']:.2f} "
              "(1.00: the same speed)")


if __name__ == "__main__":
    main()
