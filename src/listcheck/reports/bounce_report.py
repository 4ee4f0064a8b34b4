"""What a ``listcheck bounces`` run found: the report behind the terminal report and ``--report-json``."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from listcheck.bounces.decide import AddressDecision, Decision, DecisionRules
from listcheck.bounces.events import REASON_CLASSES, BounceClass, BounceEvent
from listcheck.bounces.explain import explain
from listcheck.bounces.sources import SourceSummary
from listcheck.messages import RunWarning, shortened, warn

TOP_DOMAINS = 10
NAMED_IN_WARNINGS = 5  # messages or rows a warning names; the JSON report's sources count them all
SUPPRESSED_KEPT = 500  # suppressed addresses the report lists (the HTML page's table); bounces.csv has them all
#: The classes counted per week, in the order a chart stacks them (a resume is support's, not a bounce).
WEEK_CLASSES = tuple(c.value for c in BounceClass if c is not BounceClass.RESUMED)


@dataclass(frozen=True)
class WeekCount:
    """The events of one ISO week (its Monday, in UTC) per class, every class of ``WEEK_CLASSES``."""

    week: date
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class SuppressedAddress:
    """One suppressed address as a report lists it: why, when last seen, the detail sentence, the server's words."""

    address: str
    reason: str
    last_seen: datetime | None
    detail: str
    words: str


@dataclass(frozen=True)
class DomainCount:
    """How many addresses of one domain got each decision."""

    domain: str
    addresses: int
    decisions: dict[str, int]


@dataclass(frozen=True)
class BounceReport:
    """Counts per source, decision, class and reason; the domains most affected; the warnings."""

    sources: list[SourceSummary]
    events: int
    addresses: int
    decisions: dict[str, int]  # every decision, zeros included
    classes: dict[str, int]  # per event, every class, zeros included
    reasons: dict[str, int]  # per event, every reason, zeros included
    suppressed_by: dict[str, int]  # per reason that suppressed an address, repeated_soft_bounces included
    sender_problems: dict[str, int]  # addresses kept whose last refusal was the sender's, per reason
    top_domains: list[DomainCount]
    outputs: dict[str, str]
    warnings: list[RunWarning]
    rules: DecisionRules
    as_of: datetime
    elapsed_seconds: float
    version: str
    examples: dict[str, str] = field(default_factory=dict)  # a diagnostic per sender reason, to show
    weeks: list[WeekCount] = field(default_factory=list)  # weeks with a dated event, oldest first
    undated: int = 0  # events counted in no week, having no date
    suppressed: list[SuppressedAddress] = field(default_factory=list)  # the first SUPPRESSED_KEPT

    @classmethod
    def of(cls, *, sources: list[SourceSummary], tally: BounceTally, outputs: dict[str, str],
           warnings: list[RunWarning], rules: DecisionRules, as_of: datetime, elapsed_seconds: float,
           version: str) -> BounceReport:
        return cls(
            sources=sources, events=tally.events, addresses=tally.addresses, decisions=dict(tally.decisions),
            classes=dict(tally.classes), reasons=dict(tally.reasons),
            suppressed_by=dict(tally.suppressed_by.most_common()),
            sender_problems=dict(tally.sender_problems.most_common()), top_domains=tally.top_domains(),
            outputs=outputs, warnings=warnings, rules=rules, as_of=as_of, elapsed_seconds=elapsed_seconds,
            version=version, examples=dict(tally.examples), weeks=tally.weeks(), undated=tally.undated,
            suppressed=list(tally.suppressed))

    def to_dict(self) -> dict[str, Any]:
        """The JSON report (CONTRACT.md, Bounces)."""
        return {
            "version": self.version,
            "sources": [{"path": s.path, "format": s.format, "events": s.events,
                         "not_understood": len(s.not_understood), "not_bounces": s.not_bounces,
                         "autoreplies": s.autoreplies, "read": s.read} for s in self.sources],
            "outputs": self.outputs,
            "events": self.events,
            "addresses": self.addresses,
            "decisions": self.decisions,
            "classes": self.classes,
            "reasons": self.reasons,
            "suppressed_by": self.suppressed_by,
            "sender_problems": self.sender_problems,
            "weeks": [{"week": w.week.isoformat(), **w.counts} for w in self.weeks],
            "domains": [{"domain": d.domain, "addresses": d.addresses, **d.decisions} for d in self.top_domains],
            "rules": {"as_of": self.as_of.isoformat(), "soft_limit": self.rules.soft_limit,
                      "soft_days": self.rules.soft_days},
            "warnings": [{"code": w.code, "message": w.message} for w in self.warnings],
            "elapsed_seconds": self.elapsed_seconds,
        }

    def to_json(self) -> str:
        """The JSON report as text, one object, non-ASCII kept readable."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"


class BounceTally:
    """The report's counts, taken one event and one decision at a time, so no list of them is kept."""

    def __init__(self) -> None:
        self.events = 0
        self.addresses = 0
        self.classes = dict.fromkeys((c.value for c in BounceClass), 0)
        self.reasons = dict.fromkeys(REASON_CLASSES, 0)
        self.decisions = dict.fromkeys((d.value for d in Decision), 0)
        self.suppressed_by: Counter[str] = Counter()
        self.sender_problems: Counter[str] = Counter()
        self.examples: dict[str, str] = {}  # a diagnostic per sender reason, to show
        self._domains: dict[str, Counter[str]] = {}
        self._weeks: dict[date, Counter[str]] = {}  # one entry per week: flat however many events
        self.undated = 0
        self.suppressed: list[SuppressedAddress] = []  # the first SUPPRESSED_KEPT; decisions counts them all

    def add_event(self, event: BounceEvent) -> None:
        self.events += 1
        if event.bounce_class is not BounceClass.RESUMED:
            if event.date is None:
                self.undated += 1
            else:
                day = event.date.astimezone(UTC).date()
                self._weeks.setdefault(day - timedelta(days=day.weekday()), Counter())[event.bounce_class.value] += 1
        self.classes[event.bounce_class.value] += 1
        if event.reason in self.reasons:  # a resume event has a class but no bounce reason
            self.reasons[event.reason] += 1
        if event.bounce_class is BounceClass.SENDER and event.diagnostic:
            self.examples.setdefault(event.reason, shortened(event.diagnostic))

    def add_decision(self, decision: AddressDecision) -> None:
        self.addresses += 1
        self.decisions[decision.decision.value] += 1
        if decision.decision is Decision.SUPPRESS:
            self.suppressed_by[decision.reason] += 1
            if len(self.suppressed) < SUPPRESSED_KEPT:
                deciding = decision.deciding
                self.suppressed.append(SuppressedAddress(
                    decision.address, decision.reason, decision.last_seen, explain(decision),
                    shortened(deciding.diagnostic) if deciding and deciding.diagnostic else ""))
        elif decision.decision is Decision.KEEP and decision.bounce_class is BounceClass.SENDER:
            self.sender_problems[decision.reason] += 1
        self._domains.setdefault(decision.address.rpartition("@")[2], Counter())[decision.decision.value] += 1

    def weeks(self) -> list[WeekCount]:
        """The weeks with a dated event, oldest first, each with every class counted (zeros included)."""
        return [WeekCount(week, {name: counts[name] for name in WEEK_CLASSES})
                for week, counts in sorted(self._weeks.items())]

    def top_domains(self) -> list[DomainCount]:
        """The domains with the most addresses suppressed, then retried: where a list went bad."""
        ranked = sorted(self._domains.items(), key=lambda item: (-item[1]["suppress"], -item[1]["retry"],
                                                                 -sum(item[1].values()), item[0]))
        return [DomainCount(domain, sum(counts.values()), {d.value: counts[d.value] for d in Decision})
                for domain, counts in ranked[:TOP_DOMAINS] if counts["suppress"] or counts["retry"]]


def source_warnings(summaries: Sequence[SourceSummary]) -> list[RunWarning]:
    """A warning per source that could not be read, and per source with messages or rows not understood."""
    warnings = []
    for summary in summaries:
        if not summary.read:
            warnings.append(warn("source_unreadable", path=summary.path, why=summary.problem))
        elif summary.not_understood:
            named = ", ".join(_tail(label) for label in summary.not_understood[:NAMED_IN_WARNINGS])
            more = len(summary.not_understood) - NAMED_IN_WARNINGS
            warnings.append(warn("not_understood", count=len(summary.not_understood), path=summary.path,
                                 named=named + (f", … (+{more})" if more > 0 else "")))
    return warnings


def _tail(label: str, limit: int = 80) -> str:
    """A message's or row's label with its end kept, where the file name and the number are.

    >>> _tail("/home/ana/rebotes/2026/noviembre/tuberia.eml", 20)
    '…viembre/tuberia.eml'
    """
    return label if len(label) <= limit else "…" + label[-(limit - 1):]
