"""Suppression lists: addresses never to mail again, such as a platform's bounce, complaint or
unsubscribe export (CONTRACT.md: ``check --suppress``).

A file is read the way ``listcheck bounces`` reads a SOURCE, and decided by the same rules: a plain
list of addresses, or a contact list, suppresses every address; a bounce export, bounce messages or
an mbox suppress only what ``bounces`` would (hard bounces, complaints, unsubscribes, soft bounces
repeated for weeks): a full mailbox or a block of the sender's own making is worth another try.
``bounces.csv``, the output of ``listcheck bounces``, suppresses exactly its ``suppress`` rows.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

from listcheck.bounces.decide import Decision, DecisionRules, decided
from listcheck.bounces.sources import BounceSources
from listcheck.bounces.spool import EventSpool
from listcheck.checks.addresses import check_address
from listcheck.errors import ListcheckError, UsageError
from listcheck.messages import RunWarning, say, warn
from listcheck.reading.contacts import read_file_bytes
from listcheck.writing.bounce_files import BOUNCES_COLUMNS


@dataclass(frozen=True)
class SuppressionSummary:
    """What the suppression files held."""

    files: list[str] = field(default_factory=list)
    addresses: int = 0
    temporary_bounces_skipped: int = 0  # addresses whose bounces did not suppress them


@dataclass(frozen=True)
class SuppressionList:
    """Comparison keys of suppressed addresses, each with the file it came from."""

    sources: dict[str, str] = field(default_factory=dict)
    temporary: int = 0
    warnings: list[RunWarning] = field(default_factory=list)

    def summary(self) -> SuppressionSummary:
        """What these lists hold, for the report."""
        return SuppressionSummary(files=self.files, addresses=len(self.sources), temporary_bounces_skipped=self.temporary)

    def source_of(self, key: str) -> str | None:
        """The file that suppresses this address (its comparison key), or None."""
        return self.sources.get(key)

    @property
    def files(self) -> list[str]:
        """The files read, in order."""
        return list(dict.fromkeys(self.sources.values()))


def load_suppression_lists(paths: Iterable[str], *, now: datetime | None = None) -> SuppressionList:
    """Read every suppression file; one that cannot be read is a usage error naming it."""
    sources: dict[str, str] = {}
    temporary = 0
    warnings = []
    for path in paths:
        suppressed, skipped = _decided(path, now or datetime.now(UTC))
        for address in suppressed:
            verdict = check_address(address)
            if verdict.address:
                sources.setdefault(verdict.comparison_key, os.path.basename(path))
        temporary += skipped
        if skipped:
            warnings.append(warn("temporary_bounces", count=skipped, file=os.path.basename(path)))
    return SuppressionList(sources, temporary, warnings)


def _decided(path: str, now: datetime) -> tuple[list[str], int]:
    """The addresses this file suppresses, and how many others it names."""
    try:
        head = read_file_bytes(path)[:4096]
    except ListcheckError as error:
        raise UsageError(say("usage.suppress_unreadable", path=path, error=error)) from None
    if _is_bounces_csv(head):
        return _from_bounces_csv(path)
    reader = BounceSources()
    suppressed, others = [], 0
    with EventSpool() as spool:
        for event in reader.events([path]):
            spool.add(event)
        summary = reader.summaries[0]
        if not summary.read:
            raise UsageError(say("usage.suppress_unreadable", path=path, error=summary.problem))
        for decision in decided(spool.groups(), DecisionRules(), now=now):
            if decision.decision is Decision.SUPPRESS:
                suppressed.append(decision.address)
            else:
                others += 1
    return suppressed, others


def _is_bounces_csv(head: bytes) -> bool:
    """Whether a file starts with the header ``listcheck bounces`` writes."""
    first = head.removeprefix(b"\xef\xbb\xbf").split(b"\n", 1)[0].strip().decode("utf-8", "replace")
    return first.split(",")[:2] == BOUNCES_COLUMNS[:2]


def _from_bounces_csv(path: str) -> tuple[list[str], int]:
    rows = list(_records(read_file_bytes(path)))
    suppressed = [row["address"] for row in rows if row.get("decision") == Decision.SUPPRESS.value]
    return suppressed, len(rows) - len(suppressed)


def _records(data: bytes) -> Iterator[dict[str, str]]:
    yield from csv.DictReader(io.StringIO(data.decode("utf-8-sig", "replace"), newline=""))
