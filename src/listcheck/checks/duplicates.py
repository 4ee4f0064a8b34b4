"""Which earlier row an address repeats, for lists of millions of rows in little memory.

A dict of every address seen would hold each address as a Python string, a hundred bytes and more
a row. The index holds, per distinct address, a 128-bit fingerprint (two independent 64-bit string
hashes), the row number and the status of its first occurrence: 33 bytes, in sorted numpy runs
merged two by two as they grow (up to a million entries), so a lookup searches a handful of them. Two different addresses
share a fingerprint with a probability of about n²/2¹²⁹: for ten million addresses, 10⁻²⁵.

A duplicate's detail shows the first occurrence as it was written ("Same address as row 12
(Ana@Correo.es)"). The first occurrence's text is the duplicate's own comparison key unless it had
capitals or a Unicode domain; only those texts are kept, in a temporary file.
"""

from __future__ import annotations

import itertools
import operator
import os
import struct
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, cast

import numpy as np

from listcheck.reasons import Status
from listcheck.verdict import AddressVerdict

_STATUSES = list(Status)
_STATUS_CODES = {status: code for code, status in enumerate(_STATUSES)}
_STATUS = operator.attrgetter("status")
_LENGTH = struct.Struct("<q")
_RUN_CAP = 1 << 20  # entries of a run, some 33 MB


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
        """One sorted run of two: each entry of ``newer`` goes in where it sorts among ``older``."""
        at = np.searchsorted(older.first_hash, newer.first_hash)
        return _Run(*(np.insert(old, at, new) for old, new in zip(older._fields(), newer._fields())))


class DuplicateIndex:
    """Remembers the addresses seen so far, in row order, to tell which earlier row each one repeats."""

    def __init__(self) -> None:
        self._runs: list[_Run] = []
        self._spill: IO[bytes] | None = None
        self._spill_size = 0

    def first_rows(self, keys: Sequence[str | None], first_row: int, verdicts: Sequence[AddressVerdict],
                   addresses: Sequence[str]) -> list[FirstSeen | None]:
        """For each row of a batch, the earlier row its key repeats, or None; then remember the new keys.

        ``keys`` are the comparison keys (None: nothing to compare, an empty cell) of consecutive rows
        numbered from ``first_row``, after every earlier batch, with their final ``verdicts`` and
        ``addresses``. A first occurrence inside this same batch counts too.
        """
        count = len(keys)
        # The offset of each key's first row: built backwards, so the earliest offset is the one kept.
        firsts: dict[str | None, int] = dict(zip(reversed(keys), range(count - 1, -1, -1)))
        firsts.pop(None, None)
        distinct = cast(list[str], list(firsts))
        first_hash = np.fromiter(map(hash, distinct), dtype=np.int64, count=len(distinct))
        # The second hash is of the key with a character added: an independent 64 bits.
        second_hash = np.fromiter(map(hash, map(operator.add, distinct, itertools.repeat("\x1f"))), dtype=np.int64,
                                  count=len(distinct))
        earlier = self._lookup(first_hash, second_hash, distinct)

        result: list[FirstSeen | None] = [None] * count
        first_offsets = np.fromiter(map(firsts.get, keys, itertools.repeat(-1)), dtype=np.int64, count=count)
        for offset in np.flatnonzero(first_offsets != np.arange(count)).tolist():
            first = int(first_offsets[offset])
            if first >= 0:  # a repeat of a row of this batch, unless that key was seen before (below)
                result[offset] = FirstSeen(first_row + first, verdicts[first].status, addresses[first])
        if earlier:  # keys seen in an earlier batch: every row holding one repeats that batch's row
            seen_by_first = {firsts[distinct[index]]: seen for index, seen in earlier.items()}
            repeats = np.isin(first_offsets, np.fromiter(seen_by_first, dtype=np.int64, count=len(seen_by_first)))
            for offset in np.flatnonzero(repeats).tolist():
                result[offset] = seen_by_first[int(first_offsets[offset])]
        offsets = list(firsts.values())  # of each distinct key's first row, in the order of ``distinct``
        if earlier:
            new = np.ones(len(distinct), dtype=bool)
            new[list(earlier)] = False
            chosen = np.flatnonzero(new).tolist()
            first_hash, second_hash = first_hash[new], second_hash[new]
            distinct = list(map(distinct.__getitem__, chosen))
            offsets = list(map(offsets.__getitem__, chosen))
        self._remember(first_hash, second_hash, distinct, offsets, first_row, verdicts, addresses)
        return result

    def close(self) -> None:
        """Remove the temporary file of written addresses."""
        if self._spill is not None:
            self._spill.close()
            self._spill = None

    def _lookup(self, first_hash: np.ndarray, second_hash: np.ndarray, keys: list[str]) -> dict[int, FirstSeen]:
        """The earlier first occurrence of each key that has one, by the key's offset in the batch."""
        found: dict[int, FirstSeen] = {}
        order = np.argsort(first_hash)  # sorted queries walk each run in order: far fewer cache misses
        queries = first_hash[order]
        for run in self._runs:
            at = np.minimum(np.searchsorted(run.first_hash, queries), len(run) - 1)
            for hit in np.flatnonzero(run.first_hash[at] == queries).tolist():
                query = int(order[hit])
                position = int(at[hit])
                # Several entries share a first hash only after a 64-bit collision: look at each.
                while position < len(run) and run.first_hash[position] == first_hash[query]:
                    if run.second_hash[position] == second_hash[query]:
                        found[query] = self._first_seen(run, position, keys[query])
                    position += 1
        return found

    def _first_seen(self, run: _Run, position: int, key: str) -> FirstSeen:
        spilled_at = int(run.spilled_at[position])
        address = key if spilled_at < 0 else self._read_spilled(spilled_at)
        return FirstSeen(int(run.row[position]), _STATUSES[int(run.status[position])], address)

    def _remember(self, first_hash: np.ndarray, second_hash: np.ndarray, keys: list[str], offsets: list[int],
                  first_row: int, verdicts: Sequence[AddressVerdict], addresses: Sequence[str]) -> None:
        if not keys:
            return
        written = list(map(addresses.__getitem__, offsets))
        spilled_at = np.full(len(keys), -1, dtype=np.int64)
        for index in np.flatnonzero(np.fromiter(map(operator.ne, written, keys), dtype=bool, count=len(keys))).tolist():
            spilled_at[index] = self._spill_text(written[index])
        statuses = map(_STATUS, map(verdicts.__getitem__, offsets))
        codes = np.fromiter(map(_STATUS_CODES.__getitem__, statuses), dtype=np.int8, count=len(keys))
        run = _Run(first_hash, second_hash, first_row + np.array(offsets, dtype=np.int64), codes, spilled_at)
        self._runs.append(run.take(np.argsort(first_hash, kind="stable")))
        # Merge like a binary counter, runs halving in size, so there are few to search; but never
        # past _RUN_CAP entries, for a merge holds both runs and their merger at once.
        while (len(self._runs) > 1 and len(self._runs[-2]) <= 2 * len(self._runs[-1])
               and len(self._runs[-2]) + len(self._runs[-1]) <= _RUN_CAP):
            newer = self._runs.pop()
            self._runs[-1] = _Run.merge(self._runs[-1], newer)

    def _spill_text(self, text: str) -> int:
        if self._spill is None:
            self._spill = tempfile.TemporaryFile()  # noqa: SIM115  # kept for the run; close() closes it
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
