"""``check_addresses``: one address or a few, judged as ``check`` judges a row, for the support person
who pastes an address from a client's email."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from listcheck.checks.dns_answers import DnsSummary
from listcheck.judge import RowJudge
from listcheck.messages import RunWarning, pinned, shortened
from listcheck.reasons import Status
from listcheck.settings import DnsSettings, PolicySettings
from listcheck.verdict import AddressVerdict
from listcheck.version import __version__


@dataclass(frozen=True)
class AddressResult:
    """What was typed and its verdict."""

    text: str
    verdict: AddressVerdict

    def to_dict(self) -> dict[str, str]:
        verdict = self.verdict
        return {"text": shortened(self.text), "address": shortened(verdict.address), "status": verdict.status.value,
                "reason": verdict.reason.code if verdict.reason else "", "detail": verdict.detail,
                "suggestion": verdict.suggestion}


@dataclass(frozen=True)
class AddressesReport:
    """The verdicts of ``check_addresses``, in the order the addresses were given."""

    results: list[AddressResult]
    dns: DnsSummary = field(default_factory=DnsSummary)
    warnings: list[RunWarning] = field(default_factory=list)

    @property
    def all_valid(self) -> bool:
        """Whether every address is valid: what the command's exit status says."""
        return all(result.verdict.status is Status.VALID for result in self.results)

    def to_dict(self) -> dict[str, Any]:
        """The JSON report of ``listcheck address``."""
        return {"addresses": [result.to_dict() for result in self.results], "dns": asdict(self.dns),
                "warnings": [asdict(warning) for warning in self.warnings], "version": __version__}


def check_addresses(texts: Sequence[str], *, dns: DnsSettings | None = DnsSettings(),
                    policy: PolicySettings = PolicySettings()) -> AddressesReport:
    """Judge each text as ``check`` judges an address cell: offline, then DNS unless ``dns`` is None.

    A repeated address is judged again rather than called a duplicate: here each is a question.

    >>> report = check_addresses(["ana@gmial.com"], dns=None)
    >>> report.results[0].verdict.reason.code, report.results[0].verdict.suggestion, report.all_valid
    ('typo_domain', 'ana@gmail.com', False)
    """
    with pinned():
        judge = RowJudge.for_settings(policy)
        rows = judge.offline(list(texts))
        if dns is None:
            return AddressesReport(_results(texts, rows.verdict, len(rows)), warnings=judge.warnings)
        from listcheck.checks.deliverability import checker_for

        checker = checker_for(dns)
        try:
            judge.with_dns(rows, checker.check(judge.domains_worth_asking(rows)))
        finally:
            checker.close()
        return AddressesReport(_results(texts, rows.verdict, len(rows)), checker.stats,
                               judge.warnings + checker.warnings)


def _results(texts: Sequence[str], verdict_at: Callable[[int], AddressVerdict], count: int) -> list[AddressResult]:
    return [AddressResult(texts[offset], verdict_at(offset)) for offset in range(count)]
