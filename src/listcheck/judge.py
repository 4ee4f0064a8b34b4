"""Judging a whole table: each distinct address once, then duplicates, then where each row goes."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from listcheck.checks.addresses import check_address, plain_domain_verdict, suggested_local_part
from listcheck.checks.duplicates import DuplicateIndex, FirstSeen
from listcheck.checks.nearby import NearbyDomains
from listcheck.checks.suppression import SuppressionSummary
from listcheck.checks.typos import DomainKnowledge
from listcheck.judged import JudgedBatch, JudgedRows, distinct, offsets_where, per_distinct, row_key
from listcheck.messages import RunWarning, say, shortened
from listcheck.policy import Policy
from listcheck.reasons import REPAIRED_REASONS, Destination, Reason, Status
from listcheck.settings import PolicySettings
from listcheck.verdict import AddressVerdict

if TYPE_CHECKING:
    from listcheck.checks.dns_answers import DomainAnswer
    from listcheck.checks.risk import DisposableDomains
    from listcheck.checks.suppression import SuppressionList

# Domains whose plain verdict is kept; a list of millions of company domains must not fill memory.
_PLAIN_DOMAINS_KEPT = 200_000
# What DNS says of a domain that was likely meant to be another: it does not exist, or receives no mail.
_DEAD_DOMAIN = frozenset([Reason.DOMAIN_NOT_FOUND, Reason.NO_MAIL_SERVER])
# What --fix-typos corrects: misspelled domains, and the repairs of cells that were no address.
# Accents before the @ are left to the user, alone or with a typo (_keeps_its_letters): without them
# it may be another person's mailbox.
_CORRECTED_BY_FIX_TYPOS = REPAIRED_REASONS | {Reason.TYPO_DOMAIN}


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
        # The verdicts of domains judged once for a whole run (``adopt_domains``): never forgotten.
        self._given_domains: Mapping[str, AddressVerdict | None] = {}
        self._seen_domains: set[str] | None = None
        self._knowledge = knowledge or default_knowledge()
        self._disposable = disposable or DisposableDomains()
        self._suppressions = suppressions
        self._nearby_domains: NearbyDomains | None = None

    def __getstate__(self) -> dict[str, object]:
        # The per-process cache is not sent: a Dask worker may pickle the judge for another worker
        # while its own tasks add to that cache (copying __dict__ is one step under the GIL).
        state = self.__dict__.copy()
        state["_plain_domains"], state["_seen_domains"], state["_nearby_domains"] = {}, None, None
        return state

    @classmethod
    def for_settings(cls, settings: PolicySettings) -> RowJudge:
        """The judge these settings ask for; its suppression files are read now."""
        from listcheck.checks.risk import DisposableDomains
        from listcheck.checks.suppression import load_suppression_lists

        return cls(
            policy=settings.rules,
            knowledge=DomainKnowledge(known_domains=settings.known_domains) if settings.known_domains else None,
            disposable=DisposableDomains(allow_domains=settings.allow_domains) if settings.allow_domains else None,
            suppressions=load_suppression_lists(settings.suppress, history=settings.history, now=settings.as_of)
            if settings.suppress or settings.history else None,
        )

    @property
    def warnings(self) -> list[RunWarning]:
        """What the judge's setting up found worth saying (about the suppression files)."""
        return list(self._suppressions.warnings) if self._suppressions is not None else []

    def suppression_summary(self) -> SuppressionSummary:
        """What the suppression files held."""
        return self._suppressions.summary() if self._suppressions is not None else SuppressionSummary()

    def plain_domain_table(self, domains: Iterable[str]) -> dict[str, AddressVerdict | None]:
        """The verdict shared by the plain addresses of each of these ASCII domains (None: the domain
        has something to say, and such addresses are judged one by one), for ``adopt_domains``."""
        return {domain: plain_domain_verdict(domain, self._knowledge, self._disposable) for domain in domains}

    def adopt_domains(self, table: Mapping[str, AddressVerdict | None]) -> None:
        """Take the plain-domain verdicts judged once for the whole run (``plain_domain_table``)."""
        self._given_domains = table

    def offline(self, cells: Sequence[str], *, seen_domains: set[str] | None = None) -> JudgedRows:
        """The verdicts of ``cells`` before DNS and duplicates; ``seen_domains`` gets the ASCII domains
        of the plain addresses among them."""
        from listcheck.checks.bulk import plain_verdicts

        # Plain verdicts are shared by every plain address of a domain, for the whole run.
        if len(self._plain_domains) > _PLAIN_DOMAINS_KEPT:
            self._plain_domains.clear()
        self._seen_domains = seen_domains
        try:
            addresses, found, singles = plain_verdicts(cells, self._plain_domain)
        finally:
            self._seen_domains = None
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
            keys[offset] = row_key(verdict.address, verdict)
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
        if self._seen_domains is not None:
            self._seen_domains.add(ascii_domain)
        if ascii_domain in self._given_domains:
            return self._given_domains[ascii_domain]
        verdict = self._plain_domains.get(ascii_domain, False)
        if verdict is False:
            verdict = self._plain_domains[ascii_domain] = plain_domain_verdict(
                ascii_domain, self._knowledge, self._disposable)
        return verdict  # type: ignore[return-value]  # False was only the sign of a domain not seen yet

    def _judge_single(self, cell: str) -> AddressVerdict:
        verdict = check_address(cell, knowledge=self._knowledge, disposable=self._disposable)
        if self.policy.fix_typos and verdict.suggestion and verdict.reason in _CORRECTED_BY_FIX_TYPOS \
                and _keeps_its_letters(verdict.address):
            corrected = check_address(verdict.suggestion, knowledge=self._knowledge, disposable=self._disposable)
            if corrected.is_valid:
                verdict = _corrected(verdict, corrected)
        if self._suppressions is None:
            return verdict
        return _without_suppressed_suggestion(_suppressed(verdict, self._suppressions), self._suppressions)

    @staticmethod
    def domains_worth_asking(rows: JudgedRows) -> set[str]:
        """The domains of these rows that DNS can say more about."""
        return {verdict.domain for verdict in distinct(rows.verdicts) if _worth_asking(verdict)}

    def with_dns(self, rows: JudgedRows, answers: Mapping[str, DomainAnswer]) -> None:
        """Apply what DNS said of each domain; the more severe status wins. A row whose domain DNS
        says cannot receive mail gets the known domain it was likely meant to be as suggestion."""
        nearest = self._nearest
        rows.update_each(lambda verdict: _with_dns(verdict, answers.get(verdict.domain), nearest)
                         if _worth_asking(verdict) else verdict)
        # A shared verdict stands for the plain addresses of one domain: each row gets its own suggestion.
        dead = offsets_where(rows.verdicts, lambda verdict: verdict.reason in _DEAD_DOMAIN and not verdict.address)
        for offset in dead:
            verdict = rows.verdict(offset)
            near = nearest(verdict.domain)
            if near is not None:
                suggestion, detail = _toward(verdict.address, near, verdict.detail)
                rows.replace_verdict(offset, replace(verdict, suggestion=suggestion, detail=detail))
        suppressions = self._suppressions
        if suppressions is not None:
            rows.update_each(lambda verdict: _without_suppressed_suggestion(verdict, suppressions)
                             if verdict.reason in _DEAD_DOMAIN else verdict)

    def _nearest(self, domain: str) -> str | None:
        """The known domain near this dead one (``checks.nearby``), its finder made when first needed."""
        if self._nearby_domains is None:
            self._nearby_domains = NearbyDomains(self._knowledge)
        return self._nearby_domains.nearest(domain)

    def destinations(self, verdicts: list[AddressVerdict]) -> list[Destination]:
        """The output each row goes to."""
        return per_distinct(verdicts, lambda verdict: destination_of(verdict, self.policy))

    def suggest_from_other_columns(self, judged: JudgedBatch, records: Sequence[Sequence[str]],
                                   columns: Sequence[tuple[int, str]],
                                   answers: Mapping[str, DomainAnswer] | None = None) -> None:
        """Give each row whose address is invalid or empty, and has no suggestion, the valid address
        another address column of the row holds (``columns``: index and name, in order of preference),
        naming that column in the detail. The row still goes where its own verdict sends it.

        Only such rows are looked at. The other address is judged offline, and by ``answers`` when DNS
        was asked about its domain anyway."""
        if not columns:
            return
        wanting = offsets_where(judged.verdicts, lambda verdict: verdict.status is Status.INVALID and not verdict.suggestion)
        judged_cells: dict[str, AddressVerdict] = {}
        for offset in wanting:
            record = records[offset]
            for index, name in columns:
                cell = record[index] if index < len(record) else ""
                if not cell.strip():
                    continue
                other = judged_cells.get(cell)
                if other is None:
                    other = judged_cells[cell] = self._judge_single(cell)
                    if answers and _worth_asking(other):
                        other = judged_cells[cell] = _with_dns(other, answers.get(other.domain), self._nearest)
                if other.is_valid:
                    own = judged.verdicts[offset]
                    judged.verdicts[offset] = replace(own, address=judged.addresses[offset], suggestion=other.address,
                                                      detail=say("detail.other_column", detail=own.detail, column=name,
                                                                 address=other.address).strip())
                    judged.from_other_columns.add(offset)
                    break

    def mark_duplicates(self, rows: JudgedRows, first_row: int, index: DuplicateIndex) -> None:
        """Turn rows that repeat an earlier address (in this batch or an earlier one) into duplicates."""
        seen = index.first_rows(rows.keys, first_row, rows.verdicts, rows.addresses)
        self.mark_repeats(rows, {offset: first for offset, first in enumerate(seen) if first is not None})

    def mark_repeats(self, rows: JudgedRows, repeats: Mapping[int, FirstSeen]) -> None:
        """Turn the rows at these offsets into duplicates of the first occurrence each one repeats,
        found by a ``DuplicateIndex`` or, across a cluster, by ``engines.partitions.repeats_in``."""
        for offset, first in repeats.items():
            rows.replace_verdict(offset, _as_duplicate(rows.verdict(offset), first, self.policy))


def judge_cells(
    cells: Iterable[str],
    *,
    first_row: int = 2,
    policy: Policy = Policy(),
    knowledge: DomainKnowledge | None = None,
) -> list[AddressVerdict]:
    """One verdict per cell, in order, duplicates included: ``RowJudge`` over one batch, offline.

    ``first_row`` is the spreadsheet row number of the first cell (2 under a header).
    """
    judge = RowJudge(policy=policy, knowledge=knowledge)
    rows = judge.offline(list(cells))
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


def _with_dns(verdict: AddressVerdict, answer: DomainAnswer | None,
              nearest: Callable[[str], str | None]) -> AddressVerdict:
    """The verdict once DNS has spoken; the more severe status wins (CONTRACT.md). ``nearest``: the
    known domain a dead one was likely meant to be."""
    if answer is None or answer.reason is None or answer.reason.status is None:
        return verdict
    if answer.reason.status.severity <= verdict.status.severity:
        return verdict
    if verdict.corrected_from:
        return _correction_with_dns(verdict, answer, nearest)
    # A suggestion made offline (the address without accents) would keep the domain DNS refuses. A
    # shared verdict has no address to suggest from: ``with_dns`` gives its rows theirs.
    near = nearest(verdict.domain) if answer.reason in _DEAD_DOMAIN and verdict.address else None
    suggestion, detail = _toward(verdict.address, near, answer.detail)
    return replace(verdict, status=answer.reason.status, reason=answer.reason, suggestion=suggestion, detail=detail)


def _correction_with_dns(verdict: AddressVerdict, answer: DomainAnswer,
                         nearest: Callable[[str], str | None]) -> AddressVerdict:
    """A corrected address (``--fix-typos``) once DNS has spoken worse of it than the offline checks."""
    assert answer.reason is not None and answer.reason.status is not None
    if answer.reason is Reason.DNS_UNKNOWN:
        # DNS could not say (a repair is judged valid offline, so this can happen): the correction
        # stands, unknown as any address DNS cannot answer for.
        return replace(verdict, status=answer.reason.status, reason=answer.reason, detail=answer.detail)
    # The correction leads nowhere either: the row shows what was typed, with what DNS said of the
    # correction, and the known domain near it, if any. It is compared as typed, not as the correction.
    near = nearest(verdict.domain) if answer.reason in _DEAD_DOMAIN else None
    suggestion, detail = _toward(verdict.address, near, say("detail.correction_fails", address=verdict.address,
                                                            detail=answer.detail))
    return replace(verdict, address=verdict.corrected_from, status=answer.reason.status, reason=answer.reason,
                   detail=detail, suggestion=suggestion, domain=check_address(verdict.corrected_from).domain,
                   corrected_from="")


def _toward(address: str, near: str | None, detail: str) -> tuple[str, str]:
    """The suggestion that takes ``address`` to ``near``, the known domain its dead one was likely meant
    to be, and ``detail`` with the question that offers it; no suggestion and ``detail`` as it is
    without one."""
    if near is None:
        return "", detail
    suggestion = f"{suggested_local_part(address.rpartition('@')[0])}@{near}"
    return suggestion, say("detail.did_you_mean", detail=detail, suggestion=suggestion)


def _keeps_its_letters(typed: str) -> bool:
    """Whether a correction of this cell may be applied: not when the name before the @ (the whole
    cell, lacking one) has accents, which the suggestion drops: ``peña`` and ``pena`` may be two people."""
    local, at, _ = typed.rpartition("@")
    return (local if at else typed).isascii()


def _corrected(typed: AddressVerdict, corrected: AddressVerdict) -> AddressVerdict:
    """The verdict of a row whose address ``--fix-typos`` corrected, the typed one kept beside it.

    A misspelled domain stays ``typo_domain``, as the contract says. A repaired address (``ana(arroba)
    gmail.com``) was no address at all: it becomes what the repair is, judged as itself, and the
    detail says what was typed; DNS then judges the repair like any other address.
    """
    if typed.reason is Reason.TYPO_DOMAIN:
        return replace(typed, address=corrected.address, domain=corrected.domain, corrected_from=typed.address)
    detail = say("detail.repaired", cell=shortened(typed.address), detail=corrected.detail).strip()
    return replace(corrected, detail=detail, corrected_from=typed.address)


def _without_suppressed_suggestion(verdict: AddressVerdict, suppressions: SuppressionList) -> AddressVerdict:
    """A fix that leads to an address never to mail is no fix: the suggestion goes, the detail says why."""
    if not verdict.suggestion:
        return verdict
    source = suppressions.source_of(check_address(verdict.suggestion).comparison_key)
    if source is None:
        return verdict
    return replace(verdict, suggestion="", detail=say("detail.suggestion_suppressed", detail=verdict.detail,
                                                      address=verdict.suggestion, source=source))


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
                   detail=suppressions.detail_of(verdict.comparison_key) or (suppressions.detail_of(typed) if typed else None)
                   or say("detail.suppressed", source=source))


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
