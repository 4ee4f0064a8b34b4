"""The events' spool: what goes in comes back whole, per address, in first-seen order."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta, timezone

from listcheck.bounces.events import BounceClass, BounceEvent
from listcheck.bounces.spool import EventSpool


def event(address: str, n: int, date: datetime | None) -> BounceEvent:
    return BounceEvent(source=f"rebotes.mbox:{n}", address=address, date=date, bounce_class=BounceClass.SOFT,
                       reason="mailbox_full", status_code="4.2.2", diagnostic=f"452 4.2.2 full ñ {n}")


def test_events_come_back_per_address_in_first_seen_order(tmp_path) -> None:  # type: ignore[no-untyped-def]
    madrid = timezone(timedelta(hours=1))
    events = [event("b@x.es", 1, datetime(2026, 11, 2, 10, tzinfo=madrid)), event("a@x.es", 2, None),
              event("b@x.es", 3, datetime(2026, 11, 1, tzinfo=UTC)), event("c@x.es", 4, None),
              event("a@x.es", 5, datetime(2026, 11, 3, tzinfo=UTC))]
    with EventSpool(str(tmp_path)) as spool:
        for one in events:
            spool.add(one)
        groups = list(spool.groups())
        assert len(os.listdir(tmp_path)) == 1  # its scratch folder, while it lives
    assert [(address, [e.source for e in group]) for address, group in groups] == [
        ("b@x.es", ["rebotes.mbox:1", "rebotes.mbox:3"]), ("a@x.es", ["rebotes.mbox:2", "rebotes.mbox:5"]),
        ("c@x.es", ["rebotes.mbox:4"])]
    assert sorted((e for _, group in groups for e in group), key=lambda e: e.source) == events  # whole, zones kept
    assert os.listdir(tmp_path) == []


def test_more_events_than_a_batch() -> None:
    with EventSpool() as spool:
        for n in range(10_000):
            spool.add(event(f"p{n % 7}@x.es", n, None))
        groups = list(spool.groups())
    assert [address for address, _ in groups] == [f"p{n}@x.es" for n in range(7)]
    assert sum(len(group) for _, group in groups) == 10_000
