"""Events kept on disk between reading and deciding, so that memory stays flat however many there are.

An address's decision needs all its events, and they come in any order: an mbox of last month, then
a platform's export of the same weeks. Rather than hold every event in memory until the end, the run
writes them to a temporary SQLite file and reads them back one address at a time, addresses in the
order they were first seen, each address's events in the order read. SQLite sorts on disk when the
sort does not fit in its cache.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterator
from datetime import datetime
from typing import Self

from listcheck.bounces.events import BounceClass, BounceEvent

_BATCH = 4096
_SCHEMA = """
CREATE TABLE events (
    seq INTEGER PRIMARY KEY, address TEXT NOT NULL, date TEXT, class TEXT NOT NULL, reason TEXT NOT NULL,
    status_code TEXT NOT NULL, diagnostic TEXT NOT NULL, source TEXT NOT NULL
)"""
_IN_ORDER = """
SELECT e.address, e.date, e.class, e.reason, e.status_code, e.diagnostic, e.source
FROM (SELECT address, MIN(seq) AS first FROM events GROUP BY address) AS f
JOIN events AS e ON e.address = f.address
ORDER BY f.first, e.seq"""


class EventSpool:
    """``add`` events, then ``groups()`` gives them back per address; the file goes when the block ends."""

    def __init__(self, folder: str | None = None) -> None:
        self._folder = folder
        self._pending: list[tuple[str, str | None, str, str, str, str, str]] = []

    def __enter__(self) -> Self:
        self._directory = tempfile.TemporaryDirectory(prefix="listcheck-", dir=self._folder)
        self._database = sqlite3.connect(os.path.join(self._directory.name, "events.sqlite"))
        # A scratch file that dies with the run: no journal, no waiting for the disk.
        self._database.execute("PRAGMA journal_mode = OFF")
        self._database.execute("PRAGMA synchronous = OFF")
        self._database.execute(_SCHEMA)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._database.close()
        self._directory.cleanup()

    def add(self, event: BounceEvent) -> None:
        """Keep one event."""
        self._pending.append((event.address, event.date.isoformat() if event.date else None,
                              event.bounce_class.value, event.reason, event.status_code, event.diagnostic,
                              event.source))
        if len(self._pending) >= _BATCH:
            self._flush()

    def groups(self) -> Iterator[tuple[str, list[BounceEvent]]]:
        """Each address with its events: addresses in first-seen order, events in the order read."""
        self._flush()
        self._database.execute("CREATE INDEX IF NOT EXISTS events_by_address ON events (address, seq)")
        address, events = "", list[BounceEvent]()
        for row in self._database.execute(_IN_ORDER):
            if row[0] != address and events:
                yield address, events
                events = []
            address = row[0]
            events.append(BounceEvent(source=row[6], address=row[0],
                                      date=datetime.fromisoformat(row[1]) if row[1] else None,
                                      bounce_class=BounceClass(row[2]), reason=row[3], status_code=row[4],
                                      diagnostic=row[5]))
        if events:
            yield address, events

    def _flush(self) -> None:
        if self._pending:
            self._database.executemany("INSERT INTO events (address, date, class, reason, status_code, diagnostic, "
                                       "source) VALUES (?, ?, ?, ?, ?, ?, ?)", self._pending)
            self._pending = []
