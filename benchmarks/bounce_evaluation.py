"""How well listcheck reads and classifies bounce messages, against Sisimai's labels of its public corpus.

    python benchmarks/bounce_evaluation.py [--corpora ../shared/corpora] [--misses]

Reads every mail of ``bounces/labels.csv`` with ``read_message`` and prints, in one run:

- recipients found: the share of label rows where our reading has a failure at the row's index
  (a ``vacation`` row is found when the mail reads as an auto-reply, which gives no event);
- status codes: agreement with the label's RFC 3463 status, over the rows whose label states a real
  code (Sisimai's own 5.0.9xx / 4.0.9xx pseudo-codes are counted apart, as are rows without status);
- hard or not: agreement with the label's hard-bounce flag, precision and recall of "hard", for
  ``classify`` and, beside it over the same failures, the rule "any 5.x.x status (or 5xx reply) is hard";
- class agreement under ``bounces/sisimai_reason_map.csv``.

``--misses`` lists the rows that disagree, for development.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bounce_scoring sits beside this file

from bounce_scoring import Agreement, Row, class_agrees, is_hard, load_reason_map, our_class, score, status_agrees

ROOT = Path(__file__).resolve().parents[1]


def _agreement_line(name: str, agreement: Agreement) -> str:
    return (f"  {name:<34} agreement {agreement.agreement:.3f}  precision {agreement.precision:.3f}  "
            f"recall {agreement.recall:.3f}  (flagged hard: {agreement.flagged})")


def _miss_line(row: Row, reason_map: dict[str, str]) -> str | None:
    problems = []
    if not row.found:
        problems.append("not found")
    if status_agrees(row) is False:
        problems.append("status")
    if row.label.reason != "vacation" and is_hard(row.failure) != row.label.hard:
        problems.append("hard")
    if not class_agrees(row, reason_map):
        problems.append("class")
    if not problems:
        return None
    label = row.label
    ours = row.failure
    theirs = f"{label.status or '-'} {label.reply_code or '-'} {label.reason} hard={label.hard}"
    mine = (f"{row.kind.value} {ours.address} {ours.status_code or '-'} {ours.reply_code or '-'} {ours.action or '-'} "
            f"{our_class(row)} | {ours.diagnostic[:110]}" if ours else row.kind.value)
    return f"{label.file},{label.index} [{'/'.join(problems)}] label: {theirs} | ours: {mine}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    parser.add_argument("--misses", action="store_true", help="list the label rows that disagree")
    options = parser.parse_args(argv)
    started = time.perf_counter()
    scores = score(options.corpora)
    elapsed = time.perf_counter() - started
    rows = scores.rows
    files = len({row.label.file for row in rows})
    print(f"bounce corpus: {len(rows)} label rows over {files} mails, read in {elapsed:.2f} s")
    print(f"  kinds of the rows' mails: {dict(sorted(scores.kinds.items()))}")
    print(f"recipients found: {scores.found:.3f} ({sum(row.found for row in rows)} of {len(rows)})")
    print(f"status codes: {scores.status_agreed} of {scores.status_scored} agree "
          f"({scores.status_agreed / max(scores.status_scored, 1):.3f}); not scored: {scores.status_pseudo} "
          f"Sisimai pseudo-codes (we read a code from the mail for {scores.status_pseudo_ours}), "
          f"{scores.status_unlabelled} without status")
    print("hard versus not (label hardbounce), over the rows other than vacation:")
    print(_agreement_line("classify", scores.ours))
    print(_agreement_line("baseline: 5.x.x (or 5xx) is hard", scores.baseline))
    print(f"class agreement (sisimai_reason_map.csv): {scores.class_agreement:.3f}")
    if options.misses:
        reason_map = load_reason_map(options.corpora)
        print("misses:")
        for row in rows:
            line = _miss_line(row, reason_map)
            if line:
                print("  " + line)
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except BrokenPipeError:  # piped into head: the reader has what it wanted
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - Python flushes stdout at exit
        raise SystemExit(0) from None
