"""Judging a whole table: each distinct address once, then duplicates, then where each row goes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from listcheck.checks.addresses import check_address, plain_domain_verdict
from listcheck.checks.duplicates import DuplicateIndex, FirstSeen
from listcheck.messages import say
from listcheck.policy import Policy
from listcheck.reasons import REASONS_BY_CODE, Destination, Reason, Status
from listcheck.checks.typos import DomainKnowledge
from listcheck.verdict import AddressVerdict, comparison_key

if TYPE_CHECKING:  # pandas costs a third of a second to import; the command line does not need it
    import pandas as pd

    from listcheck.checks.deliverability import DeliverabilityChecker, DomainAnswer, Progress
    from listcheck.checks.risk import DisposableDomains
    from listcheck.checks.suppression import SuppressionList

# Domains whose plain verdict is kept; a list of millions of company domains must not fill memory.
_PLAIN_DOMAINS_KEPT = 200_000

VERDICT_COLUMNS = ["listcheck_row", "listcheck_status", "listcheck_reason", "listcheck_detail",
                   "listcheck_suggestion"]


@dataclass
class JudgedRows:
    """The verdicts of consecutive rows: each row's address, verdict and comparison key.

    Plain valid addresses at one domain share one verdict object whose ``address`` is empty (see
    ``batch``); ``addresses`` always holds the row's own address, and ``verdict(offset)`` the row's
    whole verdict. ``keys`` are what duplicates are compared on (None for an empty cell).
    """

    addresses: list[str]
    verdicts: list[AddressVerdict]
    keys: list[str | None]

    def __len__(self) -> int:
        return len(self.verdicts)

    def verdict(self, offset: int) -> AddressVerdict:
        verdict, address = self.verdicts[offset], self.addresses[offset]
        if verdict.address == address:
            return verdict
        return AddressVerdict(address, verdict.status, verdict.reason, verdict.detail, verdict.suggestion,
                              verdict.domain, verdict.corrected_from, verdict.free_provider)

    def replace_verdict(self, offset: int, verdict: AddressVerdict) -> None:
        self.verdicts[offset] = verdict
        if verdict.address:
            self.addresses[offset] = verdict.address
        self.keys[offset] = _key(self.addresses[offset], verdict)


def _key(address: str, verdict: AddressVerdict) -> str | None:
    return None if verdict.reason is Reason.EMPTY else comparison_key(address, verdict)


class RowJudge:
    """Judges rows in batches, the same way for every batch of a file.

    Each distinct cell of a batch is judged once offline; under ``policy.fix_typos`` a misspelled
    domain is replaced by its correction. Addresses on ``suppressions`` are then marked, and are not
    asked of DNS. ``with_dns`` applies what DNS said of each domain, and ``mark_duplicates`` last
    looks for repeated addresses, so a corrected address that repeats an earlier row is one.
    """

    def __init__(self, *, policy: Policy = Policy(), knowledge: DomainKnowledge | None = None,
                 disposable: DisposableDomains | None = None, suppressions: SuppressionList | None = None) -> None:
        from listcheck.checks.risk import DisposableDomains
        from listcheck.checks.typos import default_knowledge

        self.policy = policy
        self._plain_domains: dict[str, AddressVerdict | None] = {}
        self._knowledge = knowledge or default_knowledge()
        self._disposable = disposable or DisposableDomains()
        self._suppressions = suppressions

    def offline(self, cells: Sequence[str]) -> JudgedRows:
        """The verdicts of ``cells`` before DNS and duplicates."""
        from listcheck.checks.bulk import plain_verdicts

        # Plain verdicts are shared by every plain address of a domain, for the whole run.
        if len(self._plain_domains) > _PLAIN_DOMAINS_KEPT:
            self._plain_domains.clear()
        addresses, found, singles = plain_verdicts(cells, self._plain_domain)
        # A plain address is ASCII with its domain in lower case: its key is the address in lower case.
        keys: list[str | None] = [address.lower() for address in addresses]
        judged: dict[str, AddressVerdict] = {}
        for offset in singles:
            cell = cells[offset]
            verdict = judged.get(cell)
            if verdict is None:
                verdict = judged[cell] = self._judge_single(cell)
            found[offset] = verdict
            addresses[offset] = verdict.address
            keys[offset] = _key(verdict.address, verdict)
        rows = JudgedRows(addresses, found, keys)  # type: ignore[arg-type]  # no None is left
        if self._suppressions is not None:
            self._suppress_plain(rows, set(singles))
        return rows

    def _suppress_plain(self, rows: JudgedRows, singles: set[int]) -> None:
        """Mark the plain addresses on the suppression lists (``_judge_single`` did the others)."""
        assert self._suppressions is not None
        for offset, key in enumerate(rows.keys):
            if offset not in singles and key is not None and self._suppressions.source_of(key) is not None:
                rows.replace_verdict(offset, _suppressed(rows.verdict(offset), self._suppressions))

    def _plain_domain(self, ascii_domain: str) -> AddressVerdict | None:
        verdict = self._plain_domains.get(ascii_domain, False)
        if verdict is False:
            verdict = self._plain_domains[ascii_domain] = plain_domain_verdict(
                ascii_domain, self._knowledge, self._disposable)
        return verdict  # type: ignore[return-value]  # False was only the sign of a domain not seen yet

    def _judge_single(self, cell: str) -> AddressVerdict:
        verdict = check_address(cell, knowledge=self._knowledge, disposable=self._disposable)
        if self.policy.fix_typos and verdict.reason is Reason.TYPO_DOMAIN:
            corrected = check_address(verdict.suggestion, knowledge=self._knowledge, disposable=self._disposable)
            if corrected.is_valid:
                verdict = replace(verdict, address=corrected.address, domain=corrected.domain,
                                  corrected_from=verdict.address)
        return _suppressed(verdict, self._suppressions) if self._suppressions is not None else verdict

    @staticmethod
    def domains_worth_asking(rows: JudgedRows) -> set[str]:
        """The domains of these rows that DNS can say more about."""
        distinct = dict(zip(map(id, rows.verdicts), rows.verdicts)).values()
        return {verdict.domain for verdict in distinct if _worth_asking(verdict)}

    @staticmethod
    def with_dns(rows: JudgedRows, answers: Mapping[str, DomainAnswer]) -> None:
        """Apply what DNS said of each domain; the more severe status wins."""
        updated: dict[int, AddressVerdict] = {}
        for offset, verdict in enumerate(rows.verdicts):
            if not _worth_asking(verdict):
                continue
            after = updated.get(id(verdict))
            if after is None:
                after = updated[id(verdict)] = _with_dns(verdict, answers.get(verdict.domain))
            if after is not verdict:
                rows.replace_verdict(offset, after)

    def destinations(self, verdicts: list[AddressVerdict]) -> list[Destination]:
        """The output each row goes to."""
        ids = list(map(id, verdicts))
        distinct = dict(zip(ids, verdicts))
        chosen = {key: destination_of(verdict, self.policy) for key, verdict in distinct.items()}
        return list(map(chosen.__getitem__, ids))

    def mark_duplicates(self, rows: JudgedRows, first_row: int, index: DuplicateIndex) -> None:
        """Turn rows that repeat an earlier address (in this batch or an earlier one) into duplicates."""
        seen = index.first_rows(rows.keys, first_row, rows.verdicts, rows.addresses)
        for offset, first in enumerate(seen):
            if first is not None:
                rows.replace_verdict(offset, _as_duplicate(rows.verdict(offset), first, self.policy))


def judge_cells(
    cells: Iterable[str],
    *,
    first_row: int = 2,
    policy: Policy = Policy(),
    knowledge: DomainKnowledge | None = None,
    disposable: DisposableDomains | None = None,
    suppressions: SuppressionList | None = None,
    deliverability: DeliverabilityChecker | None = None,
    progress: Progress | None = None,
) -> list[AddressVerdict]:
    """One verdict per cell, in order, duplicates included: ``RowJudge`` over one batch.

    ``first_row`` is the spreadsheet row number of the first cell (2 under a header);
    ``deliverability`` (when given) asks DNS about each distinct domain once.
    """
    judge = RowJudge(policy=policy, knowledge=knowledge, disposable=disposable, suppressions=suppressions)
    rows = judge.offline(list(cells))
    if deliverability is not None:
        judge.with_dns(rows, deliverability.check(judge.domains_worth_asking(rows), progress))
    index = DuplicateIndex()
    try:
        judge.mark_duplicates(rows, first_row, index)
    finally:
        index.close()
    return [rows.verdict(offset) for offset in range(len(rows))]


def _worth_asking(verdict: AddressVerdict) -> bool:
    """Whether DNS can say more: a well-formed address, not one whose domain is already a known typo."""
    if not verdict.domain or verdict.status is Status.INVALID:
        return False
    return verdict.reason is not Reason.TYPO_DOMAIN or bool(verdict.corrected_from)


def _with_dns(verdict: AddressVerdict, answer: DomainAnswer | None) -> AddressVerdict:
    """The verdict once DNS has spoken; the more severe status wins (CONTRACT.md)."""
    if answer is None or answer.reason is None or answer.reason.status is None:
        return verdict
    if answer.reason.status.severity <= verdict.status.severity:
        return verdict
    if verdict.corrected_from:
        # The correction leads nowhere either: report the address as typed, with what DNS said of the
        # correction, and no suggestion.
        detail = say("detail.correction_fails", address=verdict.address, detail=answer.detail)
        return replace(verdict, address=verdict.corrected_from, status=answer.reason.status, reason=answer.reason,
                       detail=detail, suggestion="", corrected_from="")
    return replace(verdict, status=answer.reason.status, reason=answer.reason, detail=answer.detail)


def _suppressed(verdict: AddressVerdict, suppressions: SuppressionList) -> AddressVerdict:
    """The verdict of an address on a suppression list: it outranks everything but a broken address.

    The typed address and its correction are both looked up: a bounce list holds what was mailed.
    """
    if verdict.status is Status.INVALID:
        return verdict
    typed = check_address(verdict.corrected_from).comparison_key if verdict.corrected_from else None
    source = suppressions.source_of(verdict.comparison_key) or (suppressions.source_of(typed) if typed else None)
    if source is None:
        return verdict
    return replace(verdict, address=verdict.corrected_from or verdict.address, status=Status.INVALID,
                   reason=Reason.SUPPRESSED, suggestion="", corrected_from="",
                   detail=say("detail.suppressed", source=source))


def destination_of(verdict: AddressVerdict, policy: Policy) -> Destination:
    """The output a judged row goes to."""
    return policy.destination(verdict.status, verdict.reason, corrected=bool(verdict.corrected_from))


def _as_duplicate(own: AddressVerdict, first: FirstSeen, policy: Policy) -> AddressVerdict:
    """The verdict of a row that repeats an earlier address.

    A repeated address must not reach the clean file twice: when the row's own verdict would keep it
    (a valid address, a role mailbox, a corrected typo), it becomes a duplicate, with the status of
    the first occurrence. When its own verdict rejects it anyway (a syntax error), it keeps that
    reason, which says more about what to fix.
    """
    duplicate_rejects = policy.destination(first.status, Reason.DUPLICATE) is Destination.REJECTED
    if destination_of(own, policy) is Destination.REJECTED or not duplicate_rejects:
        return own
    # Built field by field rather than by dataclasses.replace: a list can repeat itself a million times.
    if own.corrected_from:  # the rejected file shows what was typed
        detail = say("detail.duplicate_corrected", address=own.address, row=first.row)
        return AddressVerdict(own.corrected_from, first.status, Reason.DUPLICATE, detail, own.suggestion,
                              own.domain, "", own.free_provider)
    detail = (say("detail.duplicate", row=first.row) if first.address == own.address
              else say("detail.duplicate_written", row=first.row, first=first.address))
    return AddressVerdict(own.address, first.status, Reason.DUPLICATE, detail, "", own.domain, own.corrected_from,
                          own.free_provider)


def check_frame(
    frame: pd.DataFrame, *, column: object, first_row: int = 2, policy: Policy = Policy(),
    knowledge: DomainKnowledge | None = None,
) -> pd.DataFrame:
    """A copy of ``frame`` with the address column normalized and the ``listcheck_*`` columns added.

    >>> import pandas as pd
    >>> checked = check_frame(pd.DataFrame({"email": ["ana@correo.es", "ANA@correo.es"]}), column="email")
    >>> list(checked["listcheck_reason"])
    ['', 'duplicate']
    """
    import pandas as pd

    if column not in frame.columns:
        raise KeyError(f"column {column!r} is not in the frame")
    cells = ["" if pd.isna(v) else str(v) for v in frame[column]]
    verdicts = judge_cells(cells, first_row=first_row, policy=policy, knowledge=knowledge)
    checked = frame.copy()
    checked[column] = [v.address for v in verdicts]
    checked["listcheck_row"] = range(first_row, first_row + len(verdicts))
    checked["listcheck_status"] = [v.status.value for v in verdicts]
    checked["listcheck_reason"] = [v.reason.code if v.reason else "" for v in verdicts]
    checked["listcheck_detail"] = [v.detail for v in verdicts]
    checked["listcheck_suggestion"] = [v.suggestion for v in verdicts]
    return checked


def rejected_mask(checked: pd.DataFrame, *, column: object, policy: Policy = Policy()) -> pd.Series:
    """True for the rows of a ``check_frame`` result that go to the rejected file.

    ``column`` is the address column: a row whose address equals its suggestion was corrected.
    """
    import pandas as pd

    decisions = [
        policy.destination(Status(status), REASONS_BY_CODE[reason] if reason else None,
                           corrected=bool(suggestion) and address == suggestion) is Destination.REJECTED
        for status, reason, address, suggestion in zip(
            checked["listcheck_status"], checked["listcheck_reason"], checked[column], checked["listcheck_suggestion"])
    ]
    return pd.Series(decisions, index=checked.index, dtype=bool)
