"""Judging batches of rows in order, in this process or in a second one while this one reads and writes.

On a big list, judging (offline checks, DNS answers, duplicates) and reading plus writing take
about as long as each other, and both hold Python's interpreter lock. With two cores, a forked
worker process judges batch N while this process reads batch N + 1 and writes batch N - 1; the
worker keeps the duplicate index, so the batches are judged in file order exactly as they would be
here. The worker is only started where it pays: on Linux (fork shares everything already loaded,
in milliseconds), with a second core, for a file of several batches.
"""

from __future__ import annotations

import multiprocessing
import operator
import os
import signal
import sys
from collections.abc import Callable, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import numpy as np

from .deliverability import DomainAnswer
from .duplicates import DuplicateIndex
from .pipeline import JudgedRows, RowJudge
from .reasons import Destination
from .verdict import AddressVerdict

# Below this size a file is judged in this process: starting the worker and sending it the cells
# costs more than it saves.
PARALLEL_FROM_BYTES = 8 * 2**20


@dataclass(frozen=True)
class Judged:
    """A judged batch: each row's address, verdict (shared between rows, see ``JudgedRows``) and output."""

    addresses: list[str]
    verdicts: list[AddressVerdict]
    destinations: list[Destination]


class BatchJudging:
    """Batches of address cells in, judged batches out, in the order they went in.

    ``submit`` hands a batch over and returns a function that waits for its judgement; with
    ``parallel`` the batch is judged in a worker process, otherwise at once. Use it as a context
    manager: leaving it stops the worker.
    """

    def __init__(self, judge: RowJudge, answers: Mapping[str, DomainAnswer], *, parallel: bool) -> None:
        self._state = _State(judge, answers, DuplicateIndex())
        self._pool: ProcessPoolExecutor | None = None
        if parallel:
            # One worker, started now (before any output file is open, so the fork copies none), and
            # given the judge, the DNS answers and an empty index by the fork itself.
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"),
                                             initializer=_adopt, initargs=(self._state,))
            self._pool.submit(_ready).result()

    def __enter__(self) -> BatchJudging:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        self._state.index.close()

    def submit(self, first_row: int, cells: list[str]) -> Callable[[], Judged]:
        """Judge the cells of consecutive rows numbered from ``first_row``, after every earlier batch."""
        judge = self._state.judge
        if self._pool is None:
            rows = self._state.judge_batch(first_row, cells)
            return lambda: Judged(rows.addresses, rows.verdicts, judge.destinations(rows.verdicts))
        future = self._pool.submit(_judge_in_worker, first_row, cells)

        def judged() -> Judged:
            addresses, verdicts = future.result().unpack(cells)
            return Judged(addresses, verdicts, judge.destinations(verdicts))
        return judged


@dataclass(frozen=True)
class _Packed:
    """A judged batch as the worker sends it back: what differs from the cells, each distinct verdict
    once. Sending every row's address and verdict costs as much as judging them."""

    changed: dict[int, str]  # the addresses that are not their cell, by offset
    verdicts: list[AddressVerdict]
    numbers: np.ndarray  # each row's verdict, by its place in ``verdicts``

    @staticmethod
    def pack(cells: list[str], rows: JudgedRows) -> _Packed:
        changed = np.flatnonzero(np.fromiter(map(operator.ne, rows.addresses, cells), dtype=bool, count=len(cells)))
        ids = list(map(id, rows.verdicts))
        distinct = dict(zip(ids, rows.verdicts))
        number_of = {key: number for number, key in enumerate(distinct)}
        return _Packed({offset: rows.addresses[offset] for offset in changed.tolist()}, list(distinct.values()),
                       np.fromiter(map(number_of.__getitem__, ids), dtype=np.int32, count=len(ids)))

    def unpack(self, cells: list[str]) -> tuple[list[str], list[AddressVerdict]]:
        addresses = list(cells)
        for offset, address in self.changed.items():
            addresses[offset] = address
        return addresses, list(map(self.verdicts.__getitem__, self.numbers.tolist()))


def worth_a_second_process(size: int) -> bool:
    """Whether judging a file of ``size`` bytes in a worker process pays, on this machine."""
    if not sys.platform.startswith("linux") or size < PARALLEL_FROM_BYTES:
        return False
    return len(os.sched_getaffinity(0)) >= 2


@dataclass(frozen=True)
class _State:
    judge: RowJudge
    answers: Mapping[str, DomainAnswer]
    index: DuplicateIndex

    def judge_batch(self, first_row: int, cells: list[str]) -> JudgedRows:
        rows = self.judge.offline(cells)
        if self.answers:
            self.judge.with_dns(rows, self.answers)
        self.judge.mark_duplicates(rows, first_row, self.index)
        return rows


_WORKER_STATE: list[_State] = []  # the worker's state, set once when it starts


def _adopt(state: _State) -> None:
    # Ctrl-C is the parent's to handle: it stops the worker when it stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER_STATE.append(state)


def _ready() -> bool:
    return True


def _judge_in_worker(first_row: int, cells: list[str]) -> _Packed:
    return _Packed.pack(cells, _WORKER_STATE[0].judge_batch(first_row, cells))
