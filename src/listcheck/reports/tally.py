"""Counting what a run found, batch by batch, for the report: memory grows with the findings shown,
not with the rows."""

from __future__ import annotations

from collections import Counter

from listcheck.judged import JudgedBatch, counted, offsets_where
from listcheck.messages import shortened
from listcheck.reasons import REPAIRED_REASONS, Destination, Reason, Status
from listcheck.reports.report import EXAMPLES_PER_REASON, Correction, DomainCount, Example, Typo
from listcheck.verdict import AddressVerdict

_DOMAINS_COUNTED = 200_000


class Tally:
    """Rows per status, reason and destination; examples, typos and corrections, in row order."""

    def __init__(self) -> None:
        self.rows = 0
        self._statuses: Counter[Status] = Counter()
        self._reasons: Counter[Reason] = Counter()
        self._destinations: Counter[Destination] = Counter()
        self.free_provider_rows = 0
        self.corrections: list[Correction] = []
        self.typos: list[Typo] = []
        self.repairs: list[Typo] = []
        self._examples: dict[Reason, list[Example]] = {}
        # Rows per status and reason of each domain, for the domains with the most rows. Counted for
        # the first _DOMAINS_COUNTED distinct domains only, so that memory stays flat on huge lists.
        self._domains: dict[str, Counter[Status | Reason]] = {}

    def add(self, first_row: int, rows: JudgedBatch) -> None:
        """Count a batch of judged rows, the first of them numbered ``first_row``."""
        verdicts, destinations = rows.verdicts, rows.destinations
        self.rows += len(verdicts)
        self._destinations.update(destinations)
        # Many rows share a verdict: each distinct one is looked at once, with the rows that have it.
        for verdict, uses in counted(verdicts):
            self._count_domain(verdict, uses)
            self._statuses[verdict.status] += uses
            if verdict.reason is not None:
                self._reasons[verdict.reason] += uses
            if verdict.free_provider:
                self.free_provider_rows += uses
        noteworthy = offsets_where(verdicts, lambda verdict: verdict.reason is not None or bool(verdict.corrected_from))
        if noteworthy:
            self._note(first_row, rows, destinations, noteworthy)

    def merge(self, later: Tally) -> None:
        """Count in the tally of rows that come after all of these (another partition of the table)."""
        self.rows += later.rows
        self._statuses.update(later._statuses)
        self._reasons.update(later._reasons)
        self._destinations.update(later._destinations)
        self.free_provider_rows += later.free_provider_rows
        self.corrections.extend(later.corrections)
        self.typos.extend(later.typos)
        self.repairs.extend(later.repairs)
        for reason, examples in later._examples.items():
            shown = self._examples.setdefault(reason, [])
            shown.extend(examples[:EXAMPLES_PER_REASON - len(shown)])
        for domain, counts in later._domains.items():
            if domain in self._domains:
                self._domains[domain].update(counts)
            elif len(self._domains) < _DOMAINS_COUNTED:
                self._domains[domain] = counts

    def _note(self, first_row: int, rows: JudgedBatch, destinations: list[Destination], offsets: list[int]) -> None:
        """Keep the corrections, typos and examples among these rows."""
        for offset in offsets:
            verdict = rows.verdicts[offset]
            row = first_row + offset
            if verdict.corrected_from and destinations[offset] is Destination.CLEAN:
                self.corrections.append(Correction(row, shortened(verdict.corrected_from), shortened(rows.addresses[offset])))
            if verdict.reason is Reason.TYPO_DOMAIN:
                self.typos.append(Typo(row, shortened(verdict.corrected_from or rows.addresses[offset]),
                                       shortened(verdict.suggestion)))
            elif verdict.reason in REPAIRED_REASONS and verdict.suggestion and offset not in rows.from_other_columns:
                self.repairs.append(Typo(row, shortened(rows.addresses[offset]), shortened(verdict.suggestion)))
            if verdict.reason is not None:
                shown = self._examples.setdefault(verdict.reason, [])
                if len(shown) < EXAMPLES_PER_REASON:
                    shown.append(Example(row, shortened(rows.addresses[offset]), verdict.detail,
                                         shortened(verdict.suggestion)))

    def _count_domain(self, verdict: AddressVerdict, rows: int) -> None:
        if not verdict.domain:
            return
        counts = self._domains.get(verdict.domain)
        if counts is None:
            if len(self._domains) >= _DOMAINS_COUNTED:
                return
            counts = self._domains[verdict.domain] = Counter()
        counts[verdict.status] += rows
        if verdict.reason is not None:
            counts[verdict.reason] += rows

    def top_domains(self, count: int) -> list[DomainCount]:
        """The ``count`` domains with the most rows, most first (ties: alphabetical)."""
        totals = {domain: sum(counts[status] for status in Status) for domain, counts in self._domains.items()}
        chosen = sorted(totals, key=lambda domain: (-totals[domain], domain))[:count]
        return [DomainCount(domain, totals[domain], {status.value: self._domains[domain][status] for status in Status},
                            {reason.code: self._domains[domain][reason] for reason in Reason
                             if self._domains[domain][reason]})
                for domain in chosen]

    @property
    def counts(self) -> dict[str, int]:
        """Rows per status, every status present."""
        return {status.value: self._statuses[status] for status in Status}

    @property
    def reasons(self) -> dict[str, int]:
        """Rows per reason code, every code present."""
        return {reason.code: self._reasons[reason] for reason in Reason}

    @property
    def destinations(self) -> dict[str, int]:
        return {destination.value: self._destinations[destination] for destination in Destination}

    @property
    def examples(self) -> dict[str, list[Example]]:
        """A few rows of each reason found, in the order of ``Reason``."""
        return {reason.code: self._examples[reason] for reason in Reason if reason in self._examples}
