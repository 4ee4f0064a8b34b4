"""``bounces.csv`` and ``events.csv`` (CONTRACT.md, Bounces), written all or nothing.

UTF-8 with a byte-order mark and CRLF line ends: the files go to support staff and their clients,
who open them in a spreadsheet, and Excel reads accents right only with the mark; Python's
``utf-8-sig``, pandas and every CSV library read it as well.
"""

from __future__ import annotations

import os
from codecs import BOM_UTF8
from datetime import UTC, datetime
from typing import Self

from listcheck.bounces.decide import AddressDecision
from listcheck.bounces.events import BounceEvent
from listcheck.bounces.explain import explain
from listcheck.reading.contacts import TextFormat
from listcheck.writing.outputs import CsvOutputs

BOUNCES_COLUMNS = ["address", "decision", "class", "reason", "events", "first_seen", "last_seen", "status_code",
                   "diagnostic", "detail"]
EVENTS_COLUMNS = ["source", "address", "date", "class", "reason", "status_code", "diagnostic"]
_BATCH = 4096  # rows written at a time: a long mbox keeps little in memory
_FORMAT = TextFormat(codec="utf-8", bom=BOM_UTF8, delimiter=",", line_terminator="\r\n", cells_may_hold_cr=False)


def output_paths(out_dir: str) -> dict[str, str]:
    """Where a run writes its two files."""
    return {"bounces": os.path.join(out_dir, "bounces.csv"), "events": os.path.join(out_dir, "events.csv")}


def iso_date(moment: datetime | None) -> str:
    """ISO 8601 in UTC to the second, with the ``Z`` that says so; empty when not known.

    >>> from datetime import timedelta, timezone
    >>> iso_date(datetime(2026, 11, 20, 11, 15, 3, 120, tzinfo=timezone(timedelta(hours=1))))
    '2026-11-20T10:15:03Z'
    """
    if moment is None:
        return ""
    utc = moment.astimezone(UTC)  # strftime leaves years before 1000 unpadded on some platforms
    return f"{utc.year:04d}-{utc.month:02d}-{utc.day:02d}T{utc.hour:02d}:{utc.minute:02d}:{utc.second:02d}Z"


class BounceFiles:
    """The events as they are read, the decisions at the end; both renamed into place on ``commit``."""

    def __init__(self, bounces_path: str, events_path: str) -> None:
        self._outputs = CsvOutputs([(bounces_path, BOUNCES_COLUMNS), (events_path, EVENTS_COLUMNS)], _FORMAT)
        self._pending: list[list[str]] = []
        self._decisions: list[list[str]] = []

    def __enter__(self) -> Self:
        self._outputs.__enter__()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._outputs.__exit__(*exc_info)

    def add_event(self, event: BounceEvent) -> None:
        """One row of ``events.csv``."""
        self._pending.append(event_row(event))
        if len(self._pending) >= _BATCH:
            self._flush()

    def add_decision(self, decision: AddressDecision) -> None:
        """One row of ``bounces.csv``."""
        self._decisions.append(decision_row(decision))
        if len(self._decisions) >= _BATCH:
            self._flush()

    def commit(self) -> None:
        """Both files under their final names."""
        self._flush()
        self._outputs.commit()

    def _flush(self) -> None:
        self._outputs.write(0, self._decisions)
        self._outputs.write(1, self._pending)
        self._pending, self._decisions = [], []


def event_row(event: BounceEvent) -> list[str]:
    """An event as the cells of ``events.csv``."""
    return [event.source, event.address, iso_date(event.date), event.bounce_class.value, event.reason,
            event.status_code, event.diagnostic]


def decision_row(decision: AddressDecision) -> list[str]:
    """A decision as the cells of ``bounces.csv``, its sentence in the run's language."""
    last = decision.last
    return [decision.address, decision.decision.value,
            decision.bounce_class.value if decision.bounce_class else "", decision.reason, str(decision.events),
            iso_date(decision.first_seen), iso_date(decision.last_seen), last.status_code if last else "",
            last.diagnostic if last else "", explain(decision)]
