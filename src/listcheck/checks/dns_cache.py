"""A persistent cache of DNS verdicts, shared by runs: support staff check similar lists every day.

SQLite in the user's cache folder. Positive answers live as long as their DNS TTL says (capped at a
day); "does not exist" and "no mail server" for an hour, since a domain being set up changes; an
unknown answer is not kept at all. Two runs may share the file: SQLite's write-ahead log and a busy
timeout let them read and write side by side.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from listcheck.checks.dns_answers import SETTLED_REASONS, DomainAnswer, settled_answer
from listcheck.reasons import REASONS_BY_CODE, Reason

MAX_POSITIVE_SECONDS = 24 * 3600
NEGATIVE_SECONDS = 3600


def default_cache_path() -> Path:
    """``$LISTCHECK_CACHE_DIR/dns.sqlite3``, else the platform's user cache folder."""
    explicit = os.environ.get("LISTCHECK_CACHE_DIR")
    if explicit:
        folder = Path(explicit)
    elif sys.platform == "win32":
        folder = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local")) / "listcheck" / "Cache"
    elif sys.platform == "darwin":
        folder = Path.home() / "Library" / "Caches" / "listcheck"
    else:
        folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "listcheck"
    return folder / "dns.sqlite3"


class DnsCache:
    """Verdicts by (resolver, domain), each with an expiry time."""

    Error = sqlite3.Error  # what opening or using the cache may raise, besides OSError

    def __init__(self, path: Path | str, *, clock: Callable[[], float] = time.time) -> None:
        self._path = Path(path)
        self._clock = clock
        self._path.parent.mkdir(parents=True, exist_ok=True)
        self._connection = sqlite3.connect(self._path, timeout=30)
        # Switching to the write-ahead log needs the database to itself, and SQLite does not wait for
        # that (no busy timeout): two runs that create the file at once must take turns.
        for attempt in range(8):
            try:
                self._connection.execute("PRAGMA journal_mode=WAL")
                self._connection.execute(
                    "CREATE TABLE IF NOT EXISTS verdicts (resolver TEXT, domain TEXT, reason TEXT, detail TEXT, "
                    "expires REAL, PRIMARY KEY (resolver, domain))"
                )
                self._connection.commit()
                break
            except sqlite3.OperationalError:
                if attempt == 7:
                    raise
                time.sleep(0.02 * 2**attempt)

    def get_many(self, resolver: str, domains: Iterable[str]) -> dict[str, DomainAnswer]:
        """The fresh cached answers among ``domains``."""
        found = {}
        now = self._clock()
        wanted = list(domains)
        for start in range(0, len(wanted), 500):  # SQLite limits the number of parameters
            chunk = wanted[start:start + 500]
            rows = self._connection.execute(
                f"SELECT domain, reason FROM verdicts WHERE resolver = ? AND expires > ? "
                f"AND domain IN ({','.join('?' * len(chunk))})",
                [resolver, now, *chunk],
            )
            for domain, reason in rows:
                cached = REASONS_BY_CODE.get(reason) if reason else None
                if reason and cached not in SETTLED_REASONS:
                    continue  # written by another version of listcheck: ask again
                found[domain] = settled_answer(cached, domain)
        return found

    def put_many(self, resolver: str, answers: dict[str, DomainAnswer]) -> None:
        """Keep the answers worth keeping, each for as long as it stays true."""
        now = self._clock()
        rows = []
        for domain, answer in answers.items():
            lifetime = _lifetime(answer)
            if lifetime > 0:
                # The sentence is not kept: it is made when the answer is used, in that run's language.
                rows.append((resolver, domain, answer.reason.code if answer.reason else "", "", now + lifetime))
        with self._connection:
            self._connection.executemany("INSERT OR REPLACE INTO verdicts VALUES (?, ?, ?, ?, ?)", rows)

    def close(self) -> None:
        """Close the database."""
        self._connection.close()


def _lifetime(answer: DomainAnswer) -> float:
    if answer.reason is Reason.DNS_UNKNOWN:
        return 0
    if answer.reason in (Reason.DOMAIN_NOT_FOUND, Reason.NO_MAIL_SERVER):
        return NEGATIVE_SECONDS
    return min(max(answer.ttl, 60), MAX_POSITIVE_SECONDS)
