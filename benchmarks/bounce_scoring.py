"""Scoring listcheck's bounce reading against Sisimai's labels: shared by bounce_evaluation.py and corpus_tests.

Each label row names a mail (``file``), a recipient's position among Sisimai's results (``index``,
from 1), its RFC 3463 status, reply code, Sisimai reason and hard-bounce flag. A row is *found* when
our reading of the mail has a failure at that position, or, for a ``vacation`` row, when the mail
reads as an auto-reply (which gives no event).
"""

from __future__ import annotations

import csv
import mailbox
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from listcheck.bounces.classify import classify
from listcheck.bounces.events import BounceClass, Failure
from listcheck.bounces.mail import MessageKind, MessageReading, read_message

# Sisimai's own codes for a reason when the mail states none (BOUNCES.md section 1.4, step 5).
PSEUDO_STATUS = re.compile(r"^[45]\.0\.9\d\d$")


@dataclass(frozen=True)
class Label:
    file: str
    index: int
    status: str
    reply_code: str
    reason: str
    hard: bool


@dataclass(frozen=True)
class Row:
    """One label row beside what we read of its mail."""

    label: Label
    kind: MessageKind
    failure: Failure | None  # ours at the label's index

    @property
    def found(self) -> bool:
        if self.label.reason == "vacation":
            return self.kind is MessageKind.AUTOREPLY
        return self.failure is not None


@dataclass(frozen=True)
class Agreement:
    """How a hard/not-hard rule agrees with the labels."""

    agreement: float
    precision: float
    recall: float
    flagged: int


@dataclass
class Scores:
    rows: list[Row]
    found: float = 0.0
    status_scored: int = 0
    status_agreed: int = 0
    status_pseudo: int = 0
    status_pseudo_ours: int = 0  # pseudo-labelled rows where we still read a status from the mail
    status_unlabelled: int = 0
    ours: Agreement = Agreement(0, 0, 0, 0)
    baseline: Agreement = Agreement(0, 0, 0, 0)
    class_agreement: float = 0.0
    kinds: Counter[str] = field(default_factory=Counter)


def load_labels(corpora: Path) -> list[Label]:
    with (corpora / "bounces" / "labels.csv").open(encoding="utf-8", newline="") as handle:
        return [Label(row["file"], int(row["index"]), row["status"].strip(), row["replycode"].strip(),
                      row["reason"].strip().lower(), row["hardbounce"].strip() == "True")
                for row in csv.DictReader(handle) if row.get("present", "True") == "True"]


def load_reason_map(corpora: Path) -> dict[str, str]:
    """Sisimai reason -> contract class ("" for vacation, which maps to no class)."""
    with (corpora / "bounces" / "sisimai_reason_map.csv").open(encoding="utf-8", newline="") as handle:
        return {row["sisimai_reason"].strip(): row["class"].strip() for row in csv.DictReader(handle)}


def read_mail_file(path: Path) -> MessageReading:
    """The reading of a corpus file; a file that is an mbox (two of them are) reads as its messages' failures
    one after the other, as Sisimai numbers them."""
    raw = path.read_bytes()
    if not raw.startswith(b"From "):
        return read_message(raw)
    box = mailbox.mbox(path, create=False)
    try:
        readings = [read_message(box.get_bytes(key)) for key in box.iterkeys()]
    finally:
        box.close()
    if len(readings) == 1:
        return readings[0]
    found = [reading for reading in readings if reading.failures]
    kind = found[0].kind if found else readings[0].kind
    return MessageReading(kind, [failure for reading in readings for failure in reading.failures])


def read_corpus(corpora: Path, labels: list[Label]) -> list[Row]:
    readings: dict[str, MessageReading] = {}
    rows = []
    for label in labels:
        if label.file not in readings:
            readings[label.file] = read_mail_file(corpora / "bounces" / label.file)
        reading = readings[label.file]
        failure = reading.failures[label.index - 1] if len(reading.failures) >= label.index else None
        rows.append(Row(label, reading.kind, failure))
    return rows


def is_hard(failure: Failure | None) -> bool:
    return failure is not None and classify(failure).bounce_class is BounceClass.HARD


def baseline_hard(failure: Failure | None) -> bool:
    """The old rule: any 5.x.x status (or, without one, a 5xx reply) is hard."""
    if failure is None:
        return False
    if failure.status_code:
        return failure.status_code.startswith("5")
    return failure.reply_code.startswith("5")


def our_class(row: Row) -> str:
    if row.failure is None:
        return ""
    return classify(row.failure).bounce_class.value


def agreement(rows: list[Row], rule: Callable[[Failure | None], bool]) -> Agreement:
    pairs = [(row.label.hard, rule(row.failure)) for row in rows if row.label.reason != "vacation"]
    flagged = sum(ours for _, ours in pairs)
    true_positive = sum(label and ours for label, ours in pairs)
    hard = sum(label for label, _ in pairs)
    return Agreement(agreement=sum(label == ours for label, ours in pairs) / max(len(pairs), 1),
                     precision=true_positive / max(flagged, 1), recall=true_positive / max(hard, 1), flagged=flagged)


def status_agrees(row: Row) -> bool | None:
    """Whether our status equals the label's; None when the label has none or only a Sisimai pseudo-code."""
    if not row.label.status or PSEUDO_STATUS.match(row.label.status):
        return None
    return row.failure is not None and row.failure.status_code == row.label.status


def class_agrees(row: Row, reason_map: dict[str, str]) -> bool:
    expected = reason_map.get(row.label.reason, "")
    if not expected:  # vacation: no event is the right answer
        return row.failure is None or row.kind is MessageKind.AUTOREPLY
    return our_class(row) == expected


def score(corpora: Path) -> Scores:
    labels = load_labels(corpora)
    reason_map = load_reason_map(corpora)
    rows = read_corpus(corpora, labels)
    scores = Scores(rows)
    scores.found = sum(row.found for row in rows) / max(len(rows), 1)
    for row in rows:
        verdict = status_agrees(row)
        if verdict is not None:
            scores.status_scored += 1
            scores.status_agreed += verdict
        elif PSEUDO_STATUS.match(row.label.status):
            scores.status_pseudo += 1
            scores.status_pseudo_ours += bool(row.failure and row.failure.status_code)
        else:
            scores.status_unlabelled += 1
    scores.ours = agreement(rows, is_hard)
    scores.baseline = agreement(rows, baseline_hard)
    scores.class_agreement = sum(class_agrees(row, reason_map) for row in rows) / max(len(rows), 1)
    scores.kinds = Counter(row.kind.value for row in rows)
    return scores
