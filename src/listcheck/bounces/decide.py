"""What to do with each address, from all its events in time order (CONTRACT.md, Bounces).

- ``suppress``: a complaint or an unsubscribe ever (consent is the person's); a hard bounce that no
  delivery followed; or ``soft_limit`` soft bounces since the last delivery, the first and the last
  ``soft_days`` apart or more, the rule the large senders agreed on around 2002 (three bounces over
  more than two weeks: a mailbox full that long is abandoned);
- ``retry``: soft bounces since the last delivery, below that limit;
- ``keep``: anything else: only the sender's own problems, or a delivery after the bounces.

A ``resumed`` event (``listcheck resume --lift``, CONTRACT.md, Bounce history and resuming) starts the
count again: hard and soft bounces before the last one no longer count. Complaints and unsubscribes
still do: consent is the person's to give back, never support's.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import Enum

from listcheck.bounces.events import BounceClass, BounceEvent

#: The reason of a suppression that no single event explains.
REPEATED_SOFT_BOUNCES = "repeated_soft_bounces"


class Decision(str, Enum):
    """What the sender does next with an address."""

    SUPPRESS = "suppress"
    RETRY = "retry"
    KEEP = "keep"


@dataclass(frozen=True)
class DecisionRules:
    """When soft bounces escalate, and the moment the decision is made for."""

    soft_limit: int = 3
    soft_days: int = 14
    as_of: datetime | None = None  # None: the clock at decision time; events dated after it are ignored

    def __post_init__(self) -> None:
        if self.soft_limit < 1 or self.soft_days < 0:
            raise ValueError("soft_limit is at least 1 and soft_days at least 0")
        if self.as_of is not None and self.as_of.tzinfo is None:
            raise ValueError("as_of must be timezone-aware")


@dataclass(frozen=True)
class AddressDecision:
    """One row of ``bounces.csv``: an address, its decision and the event that decided it."""

    address: str
    decision: Decision
    bounce_class: BounceClass | None  # None when no event counts (all dated after as_of)
    reason: str
    events: int
    first_seen: datetime | None
    last_seen: datetime | None
    last: BounceEvent | None  # the last event counted: its code and the server's words are shown
    deciding: BounceEvent | None = field(default=None)  # the event that decided, when one did
    soft_bounces: int = 0  # soft bounces since the last delivery
    soft_days: int = 0  # days between the first and the last of them


_NEVER_AGAIN = (BounceClass.COMPLAINT, BounceClass.UNSUBSCRIBE)


def in_time_order(events: Sequence[BounceEvent]) -> list[BounceEvent]:
    """Dated events by date; an undated one (a plain list, a platform export without dates) after them,
    in the order read: nothing shows a later delivery cleared it."""
    return sorted(events, key=lambda event: (event.date is None, event.date or datetime.min.replace(tzinfo=UTC)))


def decide(address: str, events: Sequence[BounceEvent], rules: DecisionRules, *,
           now: datetime | None = None) -> AddressDecision:
    """The decision for one address from its events, read in any order."""
    as_of = rules.as_of or now or datetime.now(UTC)
    counted = [event for event in in_time_order(events) if event.date is None or event.date <= as_of]
    dates = [event.date for event in counted if event.date is not None]
    decided = _DecisionFacts(address, len(counted), min(dates, default=None), max(dates, default=None),
                             counted[-1] if counted else None)
    never_again = [event for event in counted if event.bounce_class in _NEVER_AGAIN]
    if never_again:
        return decided.made(Decision.SUPPRESS, never_again[-1])
    resumed, since_resume = _since_last_resume(events, counted)
    since_delivery = _since_last_delivery(since_resume)
    hard = [event for event in since_delivery if event.bounce_class is BounceClass.HARD]
    if hard:
        return decided.made(Decision.SUPPRESS, hard[-1])
    soft = [event for event in since_delivery if event.bounce_class is BounceClass.SOFT]
    if soft:
        if len(soft) >= rules.soft_limit and _span(soft) >= timedelta(days=rules.soft_days):
            return decided.made(Decision.SUPPRESS, soft[-1], reason=REPEATED_SOFT_BOUNCES, soft=soft)
        return decided.made(Decision.RETRY, soft[-1], soft=soft)
    return decided.made(Decision.KEEP, since_resume[-1] if since_resume else resumed)


def decided(groups: Iterable[tuple[str, Sequence[BounceEvent]]], rules: DecisionRules, *,
            now: datetime) -> Iterator[AddressDecision]:
    """The decision of each address, given with its events (``spool.EventSpool.groups()``)."""
    for address, events in groups:
        yield decide(address, events, rules, now=now)


def _since_last_resume(given: Sequence[BounceEvent],
                       counted: list[BounceEvent]) -> tuple[BounceEvent | None, list[BounceEvent]]:
    """The last resume event, and the events that count after it.

    Dated events count when they come after it in time: an old export imported after the lift does not
    undo it. Undated ones (a plain list) sort after every dated event, so time cannot place them; they
    count when they were given after the resume, that is added to the history after it.
    """
    resumes = [i for i, event in enumerate(counted) if event.bounce_class is BounceClass.RESUMED]
    if not resumes:
        return None, counted
    resumed = counted[resumes[-1]]
    position = next(i for i, event in enumerate(given) if event is resumed)
    undated_before = {id(event) for event in given[:position] if event.date is None}
    return resumed, [event for event in counted[resumes[-1] + 1:] if id(event) not in undated_before]


def _since_last_delivery(events: list[BounceEvent]) -> list[BounceEvent]:
    delivered = [i for i, event in enumerate(events) if event.bounce_class is BounceClass.DELIVERED]
    return events[delivered[-1] + 1:] if delivered else events


def _span(events: list[BounceEvent]) -> timedelta:
    """How long the first and the last of these bounces lie apart; nothing is proven without dates."""
    dates = [event.date for event in events if event.date is not None]
    if len(dates) < 2:
        return timedelta(0)
    return max(dates) - min(dates)


@dataclass(frozen=True)
class _DecisionFacts:
    """What every decision carries, whatever decides it."""

    address: str
    events: int
    first_seen: datetime | None
    last_seen: datetime | None
    last: BounceEvent | None

    def made(self, decision: Decision, deciding: BounceEvent | None, *, reason: str | None = None,
             soft: Sequence[BounceEvent] = ()) -> AddressDecision:
        return AddressDecision(
            address=self.address, decision=decision,
            bounce_class=deciding.bounce_class if deciding else None,
            reason=reason or (deciding.reason if deciding else ""),
            events=self.events, first_seen=self.first_seen, last_seen=self.last_seen, last=self.last,
            deciding=deciding, soft_bounces=len(soft), soft_days=_span(list(soft)).days)
