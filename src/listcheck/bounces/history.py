"""The bounce history of every address, kept between runs in one SQLite file (``--history PATH``).

CONTRACT.md, Bounce history and resuming. What the file promises:

- importing the same event twice adds nothing, whichever file it came from: an event is its address,
  date, class, reason, code and the server's words; the source of its first import is kept beside it;
- two processes may import at once and both succeed (WAL, a busy timeout, transactions of bounded
  size, so neither holds the lock for long);
- a file that is not ours (not SQLite, damaged, another application's, a newer schema) is refused
  with ``InputError`` and left exactly as it was: it is inspected read-only before anything writes;
- the schema carries its version in ``PRAGMA user_version`` and reaches the newest by ``MIGRATIONS``.

Used as ``with HistoryStore.open(path) as store: store.add(events)``, then
``decide(address, store.events_of(address), rules)`` (tests/test_bounce_history.py runs it).
"""

from __future__ import annotations

import errno
import hashlib
import itertools
import os
import sqlite3
import stat
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import Self

from listcheck.bounces.events import BounceClass, BounceEvent
from listcheck.errors import InputError
from listcheck.messages import say

#: ``PRAGMA application_id`` of our files: "LCBH" (listcheck bounce history) read as a 32-bit integer.
APPLICATION_ID = 0x4C434248
#: The reason, and the source, of a resume event (class ``BounceClass.RESUMED``).
RESUMED = "resumed"
RESUME_SOURCE = "resume"
BUSY_SECONDS = 30.0

# Migration N (0-based) takes a file at version N to N + 1; a file's version is the count applied.
# Adding version 2 is appending its statements here; never edit one that has shipped.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        # seq is the order events were added: groups() and events_of() read in it. The fingerprint is a
        # 128-bit hash of what the event is (``_fingerprint``); with the address it is the UNIQUE key.
        # One index over (address, fingerprint) both refuses a repeat and finds an address's events:
        # the six columns themselves as the key would copy every diagnostic into the index, and a
        # million events took 42 s to import that way against 10 s for this.
        """CREATE TABLE events (
            seq INTEGER PRIMARY KEY,
            address TEXT NOT NULL,
            fingerprint BLOB NOT NULL,
            date TEXT NOT NULL,
            class TEXT NOT NULL,
            reason TEXT NOT NULL,
            status_code TEXT NOT NULL,
            diagnostic TEXT NOT NULL,
            source TEXT NOT NULL,
            resumed_by TEXT NOT NULL DEFAULT '',
            UNIQUE (address, fingerprint)
        )""",
    ),
)

# Events per write transaction: large enough that commits do not dominate (each one rewrites the
# index pages it touched), small enough that another importer waits a fraction of a second.
_BATCH = 20_000
_SQLITE_MAGIC = b"SQLite format 3\x00"
_COLUMNS = "address, date, class, reason, status_code, diagnostic, source"
_INSERT = ("INSERT OR IGNORE INTO events (address, fingerprint, date, class, reason, status_code, diagnostic, "
           "source, resumed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
_ALL_IN_ORDER = f"""
SELECT {", ".join(f"e.{column}" for column in _COLUMNS.split(", "))}
FROM (SELECT address, MIN(seq) AS first FROM events GROUP BY address) AS f
JOIN events AS e ON e.address = f.address
ORDER BY f.first, e.seq"""
_wanted_tables = itertools.count()


@dataclass(frozen=True)
class Resume:
    """A resume event as the audit trail shows it: when, why, who."""

    date: datetime
    note: str
    by: str


class HistoryStore:
    """An open history file. ``HistoryStore.open(path)``, used as a context manager."""

    def __init__(self, connection: sqlite3.Connection, path: str, busy_seconds: float) -> None:
        self._db = connection
        self.path = path
        self._busy_seconds = busy_seconds

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, migrations: Sequence[Sequence[str]] = MIGRATIONS,
             busy_seconds: float = BUSY_SECONDS) -> HistoryStore:
        """Open the history at ``path``, creating it on first use and migrating it to the newest schema.

        Raises ``InputError`` (one line, naming the path) for a file that is not a history we can use.
        """
        name = os.fspath(path)
        _inspect(name, known=len(migrations))
        try:
            connection = sqlite3.connect(name, timeout=busy_seconds, isolation_level=None)
        except sqlite3.Error as error:
            raise InputError(say("error.history_unreadable", path=name, why=error)) from None
        store = cls(connection, name, busy_seconds)
        try:
            with store._reporting():
                _into_wal(connection, busy_seconds)
                connection.execute("PRAGMA synchronous = NORMAL")  # in WAL: durable enough, never corrupt
                connection.execute("PRAGMA cache_size = -65536")  # 64 MiB: the key index stays in memory
                if _version(connection) != (APPLICATION_ID, len(migrations)):
                    with store._transaction():  # only a file to migrate waits for the write lock
                        _migrate(connection, name, migrations)
        except BaseException:
            connection.close()
            raise
        return store

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the file; the last connection to close folds the WAL back into it."""
        self._db.close()

    def add(self, events: Iterable[BounceEvent]) -> int:
        """Add events, streamed in transactions of bounded size; returns how many were new."""
        new = 0
        rows = (_row(event) for event in events)
        with self._reporting():
            while batch := list(islice(rows, _BATCH)):
                with self._transaction():
                    cursor = self._db.executemany(_INSERT, batch)
                    new += cursor.rowcount  # ignored repeats change no row, so are not counted
                    cursor.close()
        return new

    def add_resume(self, address: str, *, date: datetime, note: str, by: str) -> None:
        """Record that mailing ``address`` may start again: who, when and why (``resume --lift``)."""
        if date.tzinfo is None:
            raise ValueError("date must be timezone-aware")
        event = BounceEvent(source=RESUME_SOURCE, address=address.lower(), date=date,
                            bounce_class=BounceClass.RESUMED, reason=RESUMED, status_code="",
                            diagnostic=" ".join(note.split()))  # the server's-words column is one line
        with self._reporting(), self._transaction():
            self._db.execute(_INSERT, _row(event, by=" ".join(by.split())))

    def events_of(self, address: str) -> list[BounceEvent]:
        """One address's events in the order they were added."""
        with self._reporting():
            rows = self._db.execute(f"SELECT {_COLUMNS} FROM events WHERE address = ? ORDER BY seq",
                                    (address.lower(),)).fetchall()
        return [_event(row) for row in rows]

    def resumes(self, address: str) -> list[Resume]:
        """The resume events of one address, oldest first: the audit trail a client can be shown."""
        with self._reporting():
            rows = self._db.execute("SELECT date, diagnostic, resumed_by FROM events WHERE address = ? AND "
                                    "class = ? ORDER BY seq", (address.lower(), BounceClass.RESUMED.value))
            return [Resume(datetime.fromisoformat(date), note, by) for date, note, by in rows]

    def count(self) -> int:
        """How many events the history holds."""
        with self._reporting():
            total: int = self._db.execute("SELECT count(*) FROM events").fetchone()[0]
        return total

    def groups(self, addresses: Iterable[str] | None = None) -> Iterator[tuple[str, list[BounceEvent]]]:
        """Each address with its events in the order they were added: the addresses given (lower-cased,
        each once, in the order given; an address the history lacks comes with no events), or with
        None every address in the order first seen. Memory holds one address's events at a time."""
        if addresses is None:
            with self._reporting():
                cursor = self._db.execute(_ALL_IN_ORDER)
            yield from self._grouped(cursor)
            return
        table = f"temp.wanted_{next(_wanted_tables)}"
        with self._reporting():
            # The addresses go to a temporary table and come back in one join, rather than one query
            # each: a million addresses stay on disk and SQLite walks the index once.
            self._db.execute(f"CREATE TABLE {table} (n INTEGER PRIMARY KEY, address TEXT NOT NULL UNIQUE)")
        try:
            with self._reporting():
                with self._transaction(lock="DEFERRED"):  # a temporary table: no need of the write lock
                    self._db.executemany(f"INSERT OR IGNORE INTO {table} (address) VALUES (?)",
                                         ((address.lower(),) for address in addresses))
                cursor = self._db.execute(
                    f"SELECT w.address, {', '.join(f'e.{column}' for column in _COLUMNS.split(', ')[1:])} "
                    f"FROM {table} AS w LEFT JOIN events AS e ON e.address = w.address ORDER BY w.n, e.seq")
            yield from self._grouped(cursor)
        finally:
            self._db.execute(f"DROP TABLE IF EXISTS {table}")

    def _grouped(self, cursor: sqlite3.Cursor) -> Iterator[tuple[str, list[BounceEvent]]]:
        address, events, started = "", list[BounceEvent](), False
        try:
            with self._reporting():
                for row in cursor:
                    if started and row[0] != address:
                        yield address, events
                        events = []
                    address, started = row[0], True
                    if row[2] is not None:  # the LEFT JOIN's row for an address with no events
                        events.append(_event(row))
            if started:
                yield address, events
        finally:
            cursor.close()

    @contextmanager
    def _transaction(self, lock: str = "IMMEDIATE") -> Iterator[None]:
        # IMMEDIATE takes the write lock at BEGIN, where the busy timeout waits for it; a deferred
        # transaction that reads, then writes, can fail at once when another writer came in between.
        self._db.execute(f"BEGIN {lock}")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    @contextmanager
    def _reporting(self) -> Iterator[None]:
        """SQLite's failures after opening (damage found late, a full disk, a lock held too long) as
        the one-line ``InputError`` of a file that cannot be used."""
        try:
            yield
        except sqlite3.OperationalError as error:
            if "locked" in str(error) or "busy" in str(error):
                raise InputError(say("error.history_busy", path=self.path,
                                     seconds=f"{self._busy_seconds:g}")) from None
            raise InputError(say("error.history_failed", path=self.path, why=error)) from None
        except sqlite3.DatabaseError as error:
            raise InputError(say("error.history_corrupt", path=self.path, why=error),
                             say("hint.history_restore")) from None


def _inspect(path: str, *, known: int) -> None:
    """Refuse, before anything writes, a file that is not a history this version can use."""
    try:
        facts = os.stat(path)
    except FileNotFoundError:
        return  # created on first use
    except OSError as error:
        raise InputError(say("error.history_unreadable", path=path, why=error.strerror)) from None
    if not stat.S_ISREG(facts.st_mode):
        why = os.strerror(errno.EISDIR if stat.S_ISDIR(facts.st_mode) else errno.EINVAL)
        raise InputError(say("error.history_unreadable", path=path, why=why))
    if facts.st_size == 0:
        return  # to SQLite an empty file is an empty database: there is nothing in it to lose
    try:
        with open(path, "rb") as file:
            header = file.read(100)
    except OSError as error:
        raise InputError(say("error.history_unreadable", path=path, why=error.strerror)) from None
    if not header.startswith(_SQLITE_MAGIC):
        raise InputError(say("error.history_not_sqlite", path=path), say("hint.history_other_path"))
    if len(header) < 100 or _truncated(path, header, facts.st_size):
        raise InputError(say("error.history_corrupt", path=path, why=say("history.problem.truncated")),
                         say("hint.history_restore"))
    # The header says whose file it is and its version (offsets 68 and 60, big-endian): most refusals
    # need no SQLite at all, which would leave -wal and -shm files beside a WAL-mode database.
    _refuse_foreign_or_newer(path, int.from_bytes(header[68:72], "big"), int.from_bytes(header[60:64], "big"),
                             known=known, tables=0)
    # A header of nobody's (most applications set no id) may still hold another's tables: SQLite reads them.
    application_id, version, tables = _read_only_facts(path)
    _refuse_foreign_or_newer(path, application_id, version, known=known, tables=len(tables))


def _refuse_foreign_or_newer(path: str, application_id: int, version: int, *, known: int, tables: int) -> None:
    # Ours, or blank (no id, no version, no table: an empty database, ours to fill); else another's.
    blank = application_id == 0 and version == 0 and not tables
    if application_id != APPLICATION_ID and not blank:
        raise InputError(say("error.history_foreign", path=path), say("hint.history_other_path"))
    if application_id == APPLICATION_ID and version > known:
        raise InputError(say("error.history_newer", path=path, found=version, known=known),
                         say("hint.history_upgrade"))


def _truncated(path: str, header: bytes, size: int) -> bool:
    """Whether the file is shorter than its header says (a copy cut short): SQLite would only notice
    on reaching a missing page, perhaps halfway through an import."""
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    # The page count is valid only when written by the same change as the counter (file format 1.3.3).
    counted = header[24:28] == header[92:96] and pages > 0
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return False  # the newest pages may be in the WAL, not yet in the file
    return counted and size < pages * page_size


def _read_only_facts(path: str) -> tuple[int, int, list[str]]:
    """The application id, the schema version and the tables, read through a read-only connection."""
    try:
        connection = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise InputError(say("error.history_unreadable", path=path, why=error)) from None
    try:
        application_id, version = _version(connection)
        tables = [name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        if application_id == APPLICATION_ID and "events" in tables:
            connection.execute("SELECT max(seq) FROM events").fetchone()  # reads the table's last pages
    except sqlite3.DatabaseError as error:
        raise InputError(say("error.history_corrupt", path=path, why=error), say("hint.history_restore")) from None
    finally:
        connection.close()
    return application_id, version, tables


def _migrate(connection: sqlite3.Connection, path: str, migrations: Sequence[Sequence[str]]) -> None:
    """Bring the file to the newest version, inside the caller's write transaction: a second process
    that opened it at the same moment waits, then finds it done."""
    application_id, version = _version(connection)
    tables = connection.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
    # Asked again under the lock: another process may have migrated it since it was inspected.
    _refuse_foreign_or_newer(path, application_id, version, known=len(migrations), tables=tables)
    for statements in migrations[version:]:
        for statement in statements:
            connection.execute(statement)
    if version < len(migrations) or application_id != APPLICATION_ID:
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.execute(f"PRAGMA user_version = {len(migrations)}")


def _into_wal(connection: sqlite3.Connection, busy_seconds: float) -> None:
    """WAL mode, in which readers never wait for the writer and the writer never waits for readers.

    Switching needs a moment alone with the file, and SQLite answers "locked" at once rather than
    waiting when two processes that both opened a new file switch together (each holds the lock the
    other waits for); so this waits here, up to the same timeout, for the other to finish.
    """
    deadline = time.monotonic() + busy_seconds
    while True:
        try:
            connection.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _version(connection: sqlite3.Connection) -> tuple[int, int]:
    """The file's application id and schema version."""
    application_id: int = connection.execute("PRAGMA application_id").fetchone()[0]
    version: int = connection.execute("PRAGMA user_version").fetchone()[0]
    return application_id, version


def _fingerprint(date: str, bounce_class: str, reason: str, status_code: str, diagnostic: str) -> bytes:
    """What the event is, as 16 bytes. Each field is prefixed with its length, so no two different
    events join into the same text. A schema fact: a migration that changed it would let repeats in."""
    text = "".join(f"{len(field)}:{field}" for field in (date, bounce_class, reason, status_code, diagnostic))
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _row(event: BounceEvent, *, by: str = "") -> tuple[str, bytes, str, str, str, str, str, str, str]:
    # The same moment written with another offset is the same event: dates are kept in UTC. An undated
    # event is '' rather than NULL, because UNIQUE lets any number of NULLs in.
    date = event.date.astimezone(UTC).isoformat() if event.date else ""
    kind = event.bounce_class.value
    return (event.address.lower(), _fingerprint(date, kind, event.reason, event.status_code, event.diagnostic),
            date, kind, event.reason, event.status_code, event.diagnostic, event.source, by)


def _event(row: tuple[str, str, str, str, str, str, str]) -> BounceEvent:
    address, date, kind, reason, status_code, diagnostic, source = row
    return BounceEvent(source=source, address=address, date=datetime.fromisoformat(date) if date else None,
                       bounce_class=BounceClass(kind), reason=reason, status_code=status_code,
                       diagnostic=diagnostic)
