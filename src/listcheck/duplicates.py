"""Which earlier row an address repeats, for lists of millions of rows in little memory.

A dict of every address seen would hold each address as a Python string, a hundred bytes and more
a row. The index holds, per distinct address, a 128-bit fingerprint (two independent 64-bit string
hashes), the row number and the status of its first occurrence: about 30 bytes, in sorted numpy
runs merged two by two as they grow, so a lookup searches a handful of them. Two different addresses
share a fingerprint with a probability of about n²/2¹²⁹: for ten million addresses, 10⁻²⁵.

A duplicate's detail shows the first occurrence as it was written ("Same address as row 12
(Ana@Correo.es)"). The first occurrence's text is the duplicate's own comparison key unless it had
capitals or a Unicode domain; only those texts are kept, in a temporary file.
"""

from __future__ import annotations

import os
import struct
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO

import numpy as np

from .reasons import Status

_STATUSES = list(Status)
_STATUS_CODES = {status: code for code, status in enumerate(_STATUSES)}
_LENGTH = struct.Struct("<q")


@dataclass(frozen=True)
class FirstSeen:
    """The first row that held an address: its number, its status and the address as written there."""

    row: int
    status: Status
    address: str


@dataclass
class _Run:
    """Distinct addresses sorted by their first hash, with what is known of their first row."""

    first_hash: np.ndarray
    second_hash: np.ndarray
    row: np.ndarray
    status: np.ndarray
    spilled_at: np.ndarray  # where the written address is in the spill file, -1 when it is the key

    def __len__(self) -> int:
        return len(self.first_hash)

    def take(self, order: np.ndarray) -> _Run:
        return _Run(*(field[order] for field in self._fields()))

    def _fields(self) -> tuple[np.ndarray, ...]:
        return self.first_hash, self.second_hash, self.row, self.status, self.spilled_at

    @staticmethod
    def merge(older: _Run, newer: _Run) -> _Run:
        joined = _Run(*(np.concatenate(pair) for pair in zip(older._fields(), newer._fields())))
        return joined.take(np.argsort(joined.first_hash, kind="stable"))  # two sorted runs: a linear merge


class DuplicateIndex:
    """Remembers the addresses seen so far, in row order, to tell which earlier row each one repeats."""

    def __init__(self) -> None:
        self._runs: list[_Run] = []
        self._spill: IO[bytes] | None = None
        self._spill_size = 0

    def first_rows(self, keys: Sequence[str | None], rows: Sequence[int], statuses: Sequence[Status],
                   addresses: Sequence[str]) -> list[FirstSeen | None]:
        """For each row, the earlier row its key repeats, or None; then remember the new keys.

        ``keys`` are the comparison keys (None: nothing to compare, an empty cell), ``rows`` the row
        numbers in increasing order, ``statuses`` and ``addresses`` the rows' final verdicts. A
        first occurrence inside this same batch counts too.
        """
        firsts: dict[str, int] = {}
        for offset, key in enumerate(keys):
            if key is not None and key not in firsts:
                firsts[key] = offset
        distinct = list(firsts)
        first_hash = np.fromiter(map(hash, distinct), dtype=np.int64, count=len(distinct))
        second_hash = np.fromiter((hash(key + "\x1f") for key in distinct), dtype=np.int64, count=len(distinct))
        earlier = self._lookup(first_hash, second_hash, distinct)

        earlier_by_key = {distinct[index]: seen for index, seen in earlier.items()}
        result: list[FirstSeen | None] = [None] * len(keys)
        for offset, key in enumerate(keys):
            if key is None:
                continue
            seen = earlier_by_key.get(key)
            if seen is None and firsts[key] != offset:
                first = firsts[key]
                seen = FirstSeen(rows[first], statuses[first], addresses[first])
            result[offset] = seen
        new = [index for index in range(len(distinct)) if index not in earlier]
        self._remember(first_hash[new], second_hash[new], [distinct[index] for index in new],
                       [firsts[distinct[index]] for index in new], rows, statuses, addresses)
        return result

    def close(self) -> None:
        if self._spill is not None:
            self._spill.close()
            self._spill = None

    def _lookup(self, first_hash: np.ndarray, second_hash: np.ndarray, keys: list[str]) -> dict[int, FirstSeen]:
        """The earlier first occurrence of each key that has one, by the key's offset in the batch."""
        found: dict[int, FirstSeen] = {}
        for run in self._runs:
            left = np.searchsorted(run.first_hash, first_hash, side="left")
            right = np.searchsorted(run.first_hash, first_hash, side="right")
            for query in np.flatnonzero(right > left).tolist():
                # Several entries share a first hash only after a 64-bit collision: look at each.
                for position in range(int(left[query]), int(right[query])):
                    if run.second_hash[position] == second_hash[query]:
                        found[int(query)] = self._first_seen(run, position, keys[query])
        return found

    def _first_seen(self, run: _Run, position: int, key: str) -> FirstSeen:
        spilled_at = int(run.spilled_at[position])
        address = key if spilled_at < 0 else self._read_spilled(spilled_at)
        return FirstSeen(int(run.row[position]), _STATUSES[int(run.status[position])], address)

    def _remember(self, first_hash: np.ndarray, second_hash: np.ndarray, keys: list[str], offsets: list[int],
                  rows: Sequence[int], statuses: Sequence[Status], addresses: Sequence[str]) -> None:
        if not keys:
            return
        spilled_at = np.fromiter(
            (-1 if addresses[offset] == key else self._spill_text(addresses[offset])
             for key, offset in zip(keys, offsets)), dtype=np.int64, count=len(keys))
        run = _Run(first_hash, second_hash,
                   np.fromiter((rows[offset] for offset in offsets), dtype=np.int64, count=len(keys)),
                   np.fromiter((_STATUS_CODES[statuses[offset]] for offset in offsets), dtype=np.int8,
                               count=len(keys)),
                   spilled_at)
        self._runs.append(run.take(np.argsort(first_hash, kind="stable")))
        # Merge like a binary counter: runs keep halving in size, so there are few to search.
        while len(self._runs) > 1 and len(self._runs[-2]) <= 2 * len(self._runs[-1]):
            newer = self._runs.pop()
            self._runs[-1] = _Run.merge(self._runs[-1], newer)

    def _spill_text(self, text: str) -> int:
        if self._spill is None:
            self._spill = tempfile.TemporaryFile()
        data = text.encode("utf-8", errors="surrogatepass")  # bytes kept by --encoding-errors keep
        position = self._spill_size
        self._spill.write(_LENGTH.pack(len(data)) + data)
        self._spill_size += _LENGTH.size + len(data)
        return position

    def _read_spilled(self, position: int) -> str:
        assert self._spill is not None
        self._spill.flush()
        descriptor = self._spill.fileno()
        (length,) = _LENGTH.unpack(os.pread(descriptor, _LENGTH.size, position))
        return os.pread(descriptor, length, position + _LENGTH.size).decode("utf-8", errors="surrogatepass")
