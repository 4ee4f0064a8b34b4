"""Judging a whole table: each distinct address once, then duplicates, then where each row goes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from .addresses import check_address
from .policy import Policy
from .reasons import REASONS_BY_CODE, Destination, Reason, Status
from .typos import DomainKnowledge
from .verdict import AddressVerdict

if TYPE_CHECKING:  # pandas costs a third of a second to import; the command line does not need it
    import pandas as pd

    from .deliverability import DeliverabilityChecker, DomainAnswer, Progress
    from .risk import DisposableDomains
    from .suppression import SuppressionList

VERDICT_COLUMNS = ["listcheck_row", "listcheck_status", "listcheck_reason", "listcheck_detail",
                   "listcheck_suggestion"]


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
    """One verdict per cell, in order, duplicates included.

    ``first_row`` is the spreadsheet row number of the first cell (2 under a header). Each distinct
    cell is judged once offline; under ``policy.fix_typos`` a misspelled domain is replaced by its
    correction. Addresses on ``suppressions`` are then marked, and are not asked of DNS. Then
    ``deliverability`` (when given) asks DNS about each distinct domain once, and last, duplicates
    are looked for, so a corrected address that repeats an earlier row is one.
    """
    rows = list(cells)
    verdicts = {cell: _judge_cell(cell, policy, knowledge, disposable) for cell in dict.fromkeys(rows)}
    if suppressions is not None:
        verdicts = {cell: _suppressed(v, suppressions) for cell, v in verdicts.items()}
    if deliverability is not None:
        wanted = {v.domain for v in verdicts.values() if _worth_asking(v)}
        answers = deliverability.check(wanted, progress)
        verdicts = {cell: _with_dns(v, answers.get(v.domain)) if _worth_asking(v) else v
                    for cell, v in verdicts.items()}

    # Compared per distinct cell, not per row; an empty cell repeats nothing.
    keys = {cell: v.comparison_key if v.reason is not Reason.EMPTY else None for cell, v in verdicts.items()}
    first_seen: dict[str, tuple[int, AddressVerdict]] = {}
    results = []
    for row, cell in enumerate(rows, start=first_row):
        verdict = verdicts[cell]
        key = keys[cell]
        if key is not None:
            if key in first_seen:
                verdict = _as_duplicate(verdict, *first_seen[key], policy)
            else:
                first_seen[key] = (row, verdict)
        results.append(verdict)
    return results


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
        detail = f"The likely correction {verdict.address} does not work either: {answer.detail}"
        return replace(verdict, address=verdict.corrected_from, status=answer.reason.status, reason=answer.reason,
                       detail=detail, suggestion="", corrected_from="")
    return replace(verdict, status=answer.reason.status, reason=answer.reason, detail=answer.detail)


def _judge_cell(
    cell: str, policy: Policy, knowledge: DomainKnowledge | None, disposable: DisposableDomains | None
) -> AddressVerdict:
    verdict = check_address(cell, knowledge=knowledge, disposable=disposable)
    if policy.fix_typos and verdict.reason is Reason.TYPO_DOMAIN:
        corrected = check_address(verdict.suggestion, knowledge=knowledge, disposable=disposable)
        if corrected.is_valid:
            return replace(verdict, address=corrected.address, domain=corrected.domain,
                           corrected_from=verdict.address)
    return verdict


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
                   detail=f"On the suppression list {source}: it bounced, complained or unsubscribed before. "
                          f"Never mail it.")


def destination_of(verdict: AddressVerdict, policy: Policy) -> Destination:
    """The output a judged row goes to."""
    return policy.destination(verdict.status, verdict.reason, corrected=bool(verdict.corrected_from))


def _as_duplicate(own: AddressVerdict, first_row: int, first: AddressVerdict, policy: Policy) -> AddressVerdict:
    """The verdict of a row that repeats an earlier address.

    A repeated address must not reach the clean file twice: when the row's own verdict would keep it
    (a valid address, a role mailbox, a corrected typo), it becomes a duplicate, with the status of
    the first occurrence. When its own verdict rejects it anyway (a syntax error), it keeps that
    reason, which says more about what to fix.
    """
    duplicate_rejects = policy.destination(first.status, Reason.DUPLICATE) is Destination.REJECTED
    if destination_of(own, policy) is Destination.REJECTED or not duplicate_rejects:
        return own
    if own.corrected_from:  # the rejected file shows what was typed
        detail = f"Corrected to {own.address}, the address of row {first_row}; this row repeats it."
        return replace(own, address=own.corrected_from, status=first.status, reason=Reason.DUPLICATE,
                       corrected_from="", detail=detail)
    same_text = " (" + first.address + ")" if first.address != own.address else ""
    return replace(own, status=first.status, reason=Reason.DUPLICATE, suggestion="",
                   detail=f"Same address as row {first_row}{same_text}; this row repeats it.")


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
