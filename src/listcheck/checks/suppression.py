"""Suppression lists: addresses never to mail again, such as a platform's bounce, complaint or
unsubscribe export (CONTRACT.md: ``check --suppress``).

A file is read the way ``listcheck bounces`` reads a SOURCE, and decided by the same rules: a plain
list of addresses, or a contact list, suppresses every address; a bounce export, bounce messages or
an mbox suppress only what ``bounces`` would (hard bounces, complaints, unsubscribes, soft bounces
repeated for weeks): a full mailbox or a block of the sender's own making is worth another try.
``bounces.csv``, the output of ``listcheck bounces``, suppresses exactly its ``suppress`` rows.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

from listcheck.bounces.decide import AddressDecision, Decision, DecisionRules, decided
from listcheck.bounces.history import HistoryStore
from listcheck.bounces.sources import BounceSources, is_bounces_csv
from listcheck.bounces.spool import EventSpool
from listcheck.checks.addresses import check_address
from listcheck.errors import ListcheckError, UsageError
from listcheck.messages import RunWarning, say, warn
from listcheck.reading.contacts import describe_open_error, read_contacts, read_file_bytes


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
    details: dict[str, str] = field(default_factory=dict)  # a sentence of its own, for the history's addresses

    def summary(self) -> SuppressionSummary:
        """What these lists hold, for the report."""
        return SuppressionSummary(files=self.files, addresses=len(self.sources), temporary_bounces_skipped=self.temporary)

    def source_of(self, key: str) -> str | None:
        """The file that suppresses this address (its comparison key), or None."""
        return self.sources.get(key)

    def detail_of(self, key: str) -> str | None:
        """What the history says of this address, when it is the history that suppresses it."""
        return self.details.get(key)

    @property
    def files(self) -> list[str]:
        """The files read, in order."""
        return list(dict.fromkeys(self.sources.values()))


def load_suppression_lists(paths: Iterable[str], *, history: str | None = None,
                           now: datetime | None = None) -> SuppressionList:
    """Read every suppression file, and the addresses a bounce history decides to suppress as of
    ``now``; a file that cannot be read is a usage error naming it, a store that cannot be an input
    error (``history.HistoryStore.open``)."""
    sources: dict[str, str] = {}
    details: dict[str, str] = {}
    temporary = 0
    warnings = []
    if history is not None:
        for decision in _history_suppressions(history, now or datetime.now(UTC)):
            key = check_address(decision.address).comparison_key
            sources.setdefault(key, os.path.basename(history))
            details.setdefault(key, _history_detail(os.path.basename(history), decision))
    for path in paths:
        suppressed, skipped = _decided(path, now or datetime.now(UTC))
        for address in suppressed:
            verdict = check_address(address)
            if verdict.address:
                sources.setdefault(verdict.comparison_key, os.path.basename(path))
        temporary += skipped
        if skipped:
            warnings.append(warn("temporary_bounces", count=skipped, file=os.path.basename(path)))
    return SuppressionList(sources, temporary, warnings, details)


def _history_suppressions(path: str, now: datetime) -> Iterator[AddressDecision]:
    with HistoryStore.open(path) as store:
        for decision in decided(store.groups(), DecisionRules(as_of=now), now=now):
            if decision.decision is Decision.SUPPRESS:
                yield decision


def _history_detail(store: str, decision: AddressDecision) -> str:
    """Such as: In the bounce history historial.sqlite: hard bounce on 2026-11-20: user unknown (5.1.1).
    Never mail it."""
    deciding = decision.deciding
    kind = say(f"bounce.class.{decision.bounce_class.value}").lower() if decision.bounce_class else ""
    date = deciding.date.date().isoformat() if deciding and deciding.date else ""
    what = say("detail.history_what", kind=kind, date=date) if date else kind
    reason = decision.reason.replace("_", " ")
    code = f" ({deciding.status_code})" if deciding and deciding.status_code else ""
    return say("detail.suppressed_history", store=store, what=what, reason=reason, code=code)


def _decided(path: str, now: datetime) -> tuple[list[str], int]:
    """The addresses this file suppresses, and how many others it names."""
    try:
        # The head tells a bounces.csv of ours; anything else is read again by BounceSources.
        with open(path, "rb") as handle:
            head = handle.read(4096)
        if is_bounces_csv(head):
            return _from_bounces_csv(read_file_bytes(path))
    except OSError as error:
        raise UsageError(say("usage.suppress_unreadable", path=path, error=describe_open_error(path, error))) from None
    except ListcheckError as error:
        raise UsageError(say("usage.suppress_unreadable", path=path, error=error)) from None
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


def _from_bounces_csv(data: bytes) -> tuple[list[str], int]:
    """The ``suppress`` rows of a bounces.csv, read like any contact list: as written, or saved again
    by a spreadsheet with another delimiter and encoding."""
    table = read_contacts(data, column="address")
    assert table.header is not None  # is_bounces_csv saw it
    decision = [name.strip().lower() for name in table.header].index("decision")
    suppressed = [record[table.email_column] for record in table.records
                  if len(record) > decision and record[decision].strip() == Decision.SUPPRESS.value]
    return suppressed, len(table.records) - len(suppressed)
