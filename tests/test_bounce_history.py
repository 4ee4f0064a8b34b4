"""The history store (CONTRACT.md, Bounce history and resuming): a real SQLite file in tmp_path."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from pathlib import Path

import pytest

from listcheck.bounces.decide import Decision, DecisionRules, decide
from listcheck.bounces.events import BounceClass, BounceEvent, Classification
from listcheck.bounces.history import APPLICATION_ID, MIGRATIONS, HistoryStore, Resume
from listcheck.errors import InputError
from listcheck.messages import speaking

AS_OF = datetime(2026, 12, 1, tzinfo=UTC)


def event(address: str, day: int | None, reason: str = "user_unknown", source: str = "ses.json:1",
          diagnostic: str = "550 5.1.1 user unknown") -> BounceEvent:
    kind = Classification.of(reason)
    return BounceEvent(source=source, address=address, date=datetime(2026, 11, day, 10, tzinfo=UTC) if day else None,
                       bounce_class=kind.bounce_class, reason=reason, status_code="5.1.1", diagnostic=diagnostic)


def test_importing_the_same_events_twice_adds_nothing(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    events = [event("ana@x.es", 20), event("ana@x.es", 21), event("luis@x.es", None), event("luis@x.es", None,
                                                                                          diagnostic="other words")]
    with HistoryStore.open(path) as store:
        assert store.add(events) == 4
        assert store.add(events) == 0
    # The same export from another path, and the same moment written in another zone: the same events.
    madrid = timezone(timedelta(hours=1))
    again = [BounceEvent(**{**vars_of(e), "source": "copy/ses.json:9"}) for e in events]
    again[0] = BounceEvent(**{**vars_of(events[0]), "date": datetime(2026, 11, 20, 11, tzinfo=madrid)})
    with HistoryStore.open(path) as store:
        assert store.add(iter(again)) == 0
        assert store.count() == 4
        assert [e.source for e in store.events_of("ANA@x.es")] == ["ses.json:1", "ses.json:1"]  # the first import's
        assert store.add([event("ana@x.es", 22)]) == 1


def vars_of(one: BounceEvent) -> dict[str, object]:
    return {name: getattr(one, name) for name in BounceEvent.__slots__}


def test_events_come_back_whole_per_address_in_the_order_added(tmp_path: Path) -> None:
    events = [event("b@x.es", 2, source="a:1"), event("a@x.es", None, "mailbox_full", source="a:2"),
              event("b@x.es", 1, "delivered", source="a:3"), event("c@x.es", 5, source="a:4"),
              event("a@x.es", 3, "complaint", source="a:5")]
    with HistoryStore.open(tmp_path / "h.sqlite") as store:
        store.add(events)
        groups = list(store.groups())
        assert [(address, [e.source for e in group]) for address, group in groups] == [
            ("b@x.es", ["a:1", "a:3"]), ("a@x.es", ["a:2", "a:5"]), ("c@x.es", ["a:4"])]
        assert sorted((e for _, group in groups for e in group), key=lambda e: e.source) == events
        # Asked for: in the order asked, lower-cased, each once; one the history lacks comes with no events.
        asked = [(address, [e.source for e in group]) for address, group in
                 store.groups(["C@X.es", "nadie@x.es", "b@x.es", "c@x.es"])]
        assert asked == [("c@x.es", ["a:4"]), ("nadie@x.es", []), ("b@x.es", ["a:1", "a:3"])]
        assert store.events_of("nadie@x.es") == []
        assert list(store.groups([])) == []
        first = next(store.groups(["a@x.es"]))  # a caller that stops early leaves nothing behind
        assert first[0] == "a@x.es" and store.add([event("d@x.es", 1)]) == 1


def test_a_resume_is_an_event_and_decisions_count_after_it(tmp_path: Path) -> None:
    with HistoryStore.open(tmp_path / "h.sqlite") as store:
        store.add([event("ana@x.es", 20, "domain_not_found"), event("eva@x.es", 20, "complaint")])
        for address in ("ANA@x.es", "eva@x.es"):
            store.add_resume(address, date=datetime(2026, 11, 25, tzinfo=UTC), note="DNS fixed,\nMX back",
                             by="Marta")
        store.add_resume("ana@x.es", date=datetime(2026, 11, 25, tzinfo=UTC), note="DNS fixed, MX back", by="Marta")
        resumed = store.events_of("ana@x.es")[-1]
        assert (resumed.bounce_class, resumed.reason, resumed.diagnostic, resumed.source) == (
            BounceClass.RESUMED, "resumed", "DNS fixed, MX back", "resume")
        assert store.resumes("ana@x.es") == [Resume(datetime(2026, 11, 25, tzinfo=UTC), "DNS fixed, MX back", "Marta")]
        rules = DecisionRules(as_of=AS_OF)
        decisions = {address: decide(address, events, rules).decision for address, events in store.groups()}
        assert decisions == {"ana@x.es": Decision.KEEP, "eva@x.es": Decision.SUPPRESS}  # consent is not lifted
        store.add([event("ana@x.es", 28, "domain_not_found")])
        assert decide("ana@x.es", store.events_of("ana@x.es"), rules).decision is Decision.SUPPRESS
        with pytest.raises(ValueError):
            store.add_resume("ana@x.es", date=datetime(2026, 11, 25), note="", by="")


def history_at(path: Path, version: int) -> None:
    with HistoryStore.open(path, migrations=MIGRATIONS + (("ALTER TABLE events ADD COLUMN x TEXT",),) * (version - 1)):
        pass


def write_sqlite(path: Path, *statements: str) -> None:
    connection = sqlite3.connect(path)
    for statement in statements:
        connection.execute(statement)
    connection.commit()
    connection.close()


def truncated(path: Path) -> None:
    with HistoryStore.open(path) as store:
        store.add(event(f"p{n}@x.es", 1 + n % 28, diagnostic="x" * 200) for n in range(2000))
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def scrambled(path: Path) -> None:
    """A history whose header survived and whose pages are garbage."""
    truncated(path)
    path.write_bytes(path.read_bytes()[:100] + os.urandom(path.stat().st_size - 100))


@pytest.mark.parametrize(("make", "why"), [
    (lambda path: path.write_text("email\nana@x.es\n"), "not an SQLite database"),
    (lambda path: path.write_bytes(os.urandom(8192)), "not an SQLite database"),
    (scrambled, "damaged"),
    (truncated, "damaged"),
    (lambda path: write_sqlite(path, "CREATE TABLE contacts (email TEXT)"), "another application's"),
    (lambda path: write_sqlite(path, "PRAGMA application_id = 42"), "another application's"),
    (lambda path: write_sqlite(path, f"PRAGMA application_id = {APPLICATION_ID}", "PRAGMA user_version = 99"),
     "newer listcheck (history version 99; this one knows up to 1)"),
    (lambda path: history_at(path, 2), "newer listcheck (history version 2; this one knows up to 1)"),
])
def test_a_file_that_is_not_our_history_is_refused_and_left_untouched(tmp_path: Path, make, why) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "history.sqlite"
    make(path)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    files = sorted(os.listdir(tmp_path))
    with speaking("en"), pytest.raises(InputError) as refused, HistoryStore.open(path) as store:
        store.add([event("ana@x.es", 20)])
    message = str(refused.value)
    assert why in message and str(path) in message and "\n" not in message
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert sorted(os.listdir(tmp_path)) == files


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with speaking("en"), pytest.raises(InputError, match="cannot be opened as a bounce history: Is a directory"):
        HistoryStore.open(tmp_path)


@pytest.mark.parametrize("make", [lambda path: path.touch(), lambda path: write_sqlite(path, "VACUUM")])
def test_an_empty_file_or_empty_database_becomes_a_history(tmp_path: Path, make) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "h.sqlite"
    make(path)
    with HistoryStore.open(path) as store:
        assert store.add([event("ana@x.es", 20)]) == 1


def pragmas(path: Path) -> tuple[int, int, str]:
    connection = sqlite3.connect(path)
    facts = tuple(connection.execute(f"PRAGMA {name}").fetchone()[0]
                  for name in ("application_id", "user_version", "journal_mode"))
    connection.close()
    return facts  # type: ignore[return-value]


def test_the_schema_is_versioned_and_migrates(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    # Version 0: an SQLite file with nothing in it yet.
    write_sqlite(path, "VACUUM")
    assert pragmas(path) == (0, 0, "delete")
    with HistoryStore.open(path) as store:
        store.add([event("ana@x.es", 20)])
    assert pragmas(path) == (APPLICATION_ID, len(MIGRATIONS), "wal")
    # A version 2 is one more entry in the list: the file moves to it, its events kept.
    version_2 = MIGRATIONS + (("ALTER TABLE events ADD COLUMN imported_at TEXT NOT NULL DEFAULT ''",
                               "CREATE INDEX events_by_date ON events (date)"),)
    with HistoryStore.open(path, migrations=version_2) as store:
        assert [e.date for e in store.events_of("ana@x.es")] == [datetime(2026, 11, 20, 10, tzinfo=UTC)]
        assert store.add([event("ana@x.es", 21)]) == 1
    assert pragmas(path)[:2] == (APPLICATION_ID, 2)
    with HistoryStore.open(path, migrations=version_2) as store:  # and stays there
        assert store.count() == 2


def test_a_lock_held_too_long_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    HistoryStore.open(path).close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with (speaking("en"), HistoryStore.open(path, busy_seconds=0.05) as store,
              pytest.raises(InputError, match=r"stayed locked by another process for 0.05 s")):
            store.add([event("ana@x.es", 20)])
    finally:
        other.execute("ROLLBACK")
        other.close()


def many(first: int, last: int) -> Iterator[BounceEvent]:
    for n in range(first, last):
        yield event(f"p{n % 5000}@x.es", 1 + n % 28, diagnostic=f"550 5.1.1 <p{n}@x.es> unknown")


def import_range(path: str, first: int, last: int, start: Barrier, added: Queue[tuple[int, int]]) -> None:
    start.wait()  # both open and import at the same moment, the file not yet there
    with HistoryStore.open(path) as store:
        added.put((first, store.add(many(first, last))))


def test_two_processes_importing_at_once_both_succeed_and_lose_nothing(tmp_path: Path) -> None:
    path = str(tmp_path / "h.sqlite")
    context = multiprocessing.get_context("spawn")
    start, added = context.Barrier(2), context.Queue()
    # 0..70,000 and 50,000..120,000: four batches each, 20,000 events in common.
    importers = [context.Process(target=import_range, args=(path, first, last, start, added))
                 for first, last in ((0, 70_000), (50_000, 120_000))]
    for importer in importers:
        importer.start()
    for importer in importers:
        importer.join(timeout=120)
    assert [importer.exitcode for importer in importers] == [0, 0]
    counts = dict(added.get(timeout=1) for _ in importers)
    assert sum(counts.values()) == 120_000 and min(counts.values()) >= 50_000
    with HistoryStore.open(path) as store:
        assert store.count() == 120_000
        assert store.add(many(0, 120_000)) == 0
        every = [e.diagnostic for _, group in store.groups() for e in group]
    assert sorted(every) == sorted(e.diagnostic for e in many(0, 120_000))
