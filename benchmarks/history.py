"""A million bounce events into the history store, then a thousand ``resume`` answers: times and memory.

    python benchmarks/history.py [--events 1000000] [--answers 1000]

The events are generated (seeded): 250,000 addresses over 4,000 domains and a year, in the shares a
sender sees (soft bounces most, then deliveries, hard bounces, the sender's own refusals, a few
complaints and unsubscribes), each diagnostic naming its recipient the way servers write them, so
few repeat. Each phase runs in a process of its own, for its peak resident memory (``wait4``'s
``ru_maxrss``); the store is a real file in a temporary folder:

- import: one ``HistoryStore.add`` call streaming the generator into a new store;
- answers: open the store, then for random addresses the whole answer of ``listcheck resume``
  (``answer_resume`` with DNS off: the events, the decision, the sentence), one address at a time
  as support asks (the open is timed apart: a ``resume`` run pays it once);
- import again: the same events from the same generator, which must add 0 (idempotence).

Targets (issue 16): a million events imported in at most 60 s here; one answer well under 0.5 s.
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
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from listcheck.bounces.decide import DecisionRules
from listcheck.bounces.events import BounceEvent, Classification
from listcheck.bounces.history import HistoryStore
from listcheck.resume_check import answer_resume

ADDRESSES, DOMAINS = 250_000, 4_000
START = datetime(2026, 1, 1, tzinfo=UTC)
# Reason, share of events, code, and the server's words.
MIX = [("mailbox_full", 30, "4.2.2", "452 4.2.2 <{a}>: Mailbox full"),
       ("delivered", 25, "2.0.0", "250 2.0.0 OK queued as {n:X}"),
       ("user_unknown", 15, "5.1.1", "550 5.1.1 <{a}>: Recipient address rejected: User unknown"),
       ("expired", 10, "4.4.7", "Delivery to <{a}> expired after 5 days"),
       ("blocked", 8, "5.7.1", "554 5.7.1 Service unavailable; client host blocked using zen.spamhaus.org"),
       ("domain_not_found", 5, "5.1.2", "Host or domain name not found for {a}"),
       ("server_error", 5, "4.3.0", "451 4.3.0 Temporary server error, try again later ({n})"),
       ("complaint", 1, "", ""), ("unsubscribed", 1, "", "")]


def address(n: int) -> str:
    return f"user{n}@domain{n % DOMAINS}.example"


def generated(count: int, seed: int = 16) -> Iterator[BounceEvent]:
    """``count`` events, the same ones for the same seed."""
    chooser = random.Random(seed)
    reasons = [row for row in MIX for _ in range(row[1])]
    for n in range(count):
        reason, _, code, words = chooser.choice(reasons)
        recipient = address(chooser.randrange(ADDRESSES))
        kind = Classification.of(reason)
        yield BounceEvent(source=f"export.jsonl:{n + 1}", address=recipient,
                          date=START + timedelta(seconds=chooser.randrange(365 * 86400)),
                          bounce_class=kind.bounce_class, reason=reason, status_code=code,
                          diagnostic=words.format(a=recipient, n=n))


def phase_import(path: str, count: int) -> dict[str, float]:
    started = time.perf_counter()
    with HistoryStore.open(path) as store:
        added = store.add(generated(count))
        total = store.count()
    return {"seconds": time.perf_counter() - started, "added": added, "held": total}


def phase_answers(path: str, answers: int) -> dict[str, float]:
    chooser = random.Random(1)
    rules = DecisionRules(as_of=START + timedelta(days=366))
    started = time.perf_counter()
    with HistoryStore.open(path) as store:
        opened = time.perf_counter() - started
        times, events = [], 0
        for _ in range(answers):
            one = address(chooser.randrange(ADDRESSES))
            begun = time.perf_counter()
            # The whole answer support gets, DNS off: the events, the decision, the sentence.
            report = answer_resume([one], history=store, dns=None, rules=rules)
            times.append(time.perf_counter() - begun)
            events += len(report.answers[0].events)
    return {"open": opened, "total": sum(times), "median": statistics.median(times), "max": max(times),
            "events": events}


def run_phase(arguments: list[str]) -> tuple[dict[str, float], float]:
    """The phase's own figures and its peak resident MiB, from a process of its own."""
    process = subprocess.Popen([sys.executable, __file__, *arguments], stdout=subprocess.PIPE)
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{arguments[:2]} failed with status {os.waitstatus_to_exitcode(status)}")
    return json.loads(output), usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--answers", type=int, default=1_000)
    parser.add_argument("--phase", choices=("import", "answers"), help=argparse.SUPPRESS)
    parser.add_argument("--path", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.phase == "import":
        print(json.dumps(phase_import(options.path, options.events)))
        return
    if options.phase == "answers":
        print(json.dumps(phase_answers(options.path, options.answers)))
        return
    with tempfile.TemporaryDirectory(prefix="listcheck-history-") as folder:
        path = os.path.join(folder, "history.sqlite")
        common = ["--path", path, "--events", str(options.events), "--answers", str(options.answers)]
        print(f"{options.events:,} events over {ADDRESSES:,} addresses; Python {sys.version.split()[0]}, "
              f"{os.cpu_count()} CPUs")
        figures, memory = run_phase(["--phase", "import", *common])
        print(f"import        {figures['seconds']:6.1f} s   {memory:6.0f} MiB peak   added {figures['added']:,} "
              f"(held {figures['held']:,}); file {os.path.getsize(path) / 2**20:,.0f} MiB")
        answers, memory = run_phase(["--phase", "answers", *common])
        print(f"answers       {answers['total']:6.2f} s   {memory:6.0f} MiB peak   {options.answers:,} answers "
              f"(answer_resume, DNS off), {answers['events']:,} events read; per answer median "
              f"{answers['median'] * 1000:.2f} ms, max {answers['max'] * 1000:.2f} ms; open "
              f"{answers['open'] * 1000:.1f} ms")
        figures, memory = run_phase(["--phase", "import", *common])
        print(f"import again  {figures['seconds']:6.1f} s   {memory:6.0f} MiB peak   added {figures['added']:,} "
              f"(held {figures['held']:,})")


if __name__ == "__main__":
    main()
