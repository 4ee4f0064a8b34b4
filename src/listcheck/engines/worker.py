"""Judging batches of rows in order, in this process or in a second one while this one reads and writes.

On a big list, judging (offline checks, DNS answers, duplicates) and reading plus writing take
about as long as each other, and both hold Python's interpreter lock. With two cores, a forked
worker process judges batch N while this process reads batch N + 1 and writes batch N - 1; the
worker keeps the duplicate index, so the batches are judged in file order exactly as they would be
here. Whether to start the worker is decided by ``engines.streaming``.

The worker is forked: it starts with everything this process has loaded, the language of the run
(a context variable) included.
"""

from __future__ import annotations

import multiprocessing
import operator
import signal
from collections.abc import Callable, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Self, cast

import numpy as np

from listcheck.checks.duplicates import DuplicateIndex
from listcheck.judge import RowJudge
from listcheck.judged import EncodedVerdicts, JudgedBatch, JudgedRows, VerdictReceiver, VerdictSender
from listcheck.verdict import AddressVerdict

if TYPE_CHECKING:
    from listcheck.checks.dns_answers import DomainAnswer


class BatchJudging:
    """Batches of address cells in, judged batches out, in the order they went in.

    ``submit`` hands a batch over and returns a function that waits for its judgement; with
    ``parallel`` the batch is judged in a worker process, otherwise at once. Use it as a context
    manager: leaving it stops the worker. Start it early: the worker loads what judging needs
    (pyarrow, the domain lists) while this process looks at the file.
    """

    def __init__(self, judge: RowJudge, *, parallel: bool) -> None:
        self._state = _State(judge)
        self._from_worker = VerdictReceiver()
        self._pool: ProcessPoolExecutor | None = None
        if parallel:
            # One worker, forked now, before any output file is open (so that it copies none).
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"),
                                             initializer=_adopt, initargs=(self._state,))
            self._pool.submit(_warm_up)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        self._state.index.close()

    def use_answers(self, answers: Mapping[str, DomainAnswer]) -> None:
        """Apply what DNS said of each domain to the batches submitted from now on."""
        self._state.answers = answers
        if self._pool is not None:
            self._pool.submit(_use_answers, answers).result()

    def start_over(self) -> None:
        """Forget the batches judged so far: the file is read again from its first row."""
        self._state.start_over()
        self._from_worker = VerdictReceiver()
        if self._pool is not None:
            self._pool.submit(_start_over).result()

    def submit(self, first_row: int, cells: list[str]) -> Callable[[], JudgedBatch]:
        """Judge the cells of consecutive rows numbered from ``first_row``, after every earlier batch."""
        state = self._state
        if self._pool is None:
            rows = state.judge_batch(first_row, cells)
            return lambda: JudgedBatch(rows.addresses, rows.verdicts, state.judge.destinations(rows.verdicts))
        future = self._pool.submit(_judge_in_worker, first_row, cells)
        return lambda: self._unpack(future.result(), cells)

    def _unpack(self, packed: _Packed, cells: list[str]) -> JudgedBatch:
        verdicts = cast(list[AddressVerdict], self._from_worker.decode(packed.verdicts))
        return JudgedBatch(_with_changes(cells, packed.changed), verdicts, self._state.judge.destinations(verdicts))


@dataclass(frozen=True)
class _Packed:
    """A judged batch as the worker sends it back: sending every row's address and verdict would cost
    as much as judging them."""

    changed: dict[int, str]  # the addresses that are not their cell, by offset
    verdicts: EncodedVerdicts


def _changed(cells: list[str], addresses: list[str]) -> dict[int, str]:
    """The addresses that differ from their cell, by offset."""
    differ = np.fromiter(map(operator.ne, addresses, cells), dtype=bool, count=len(cells))
    return {offset: addresses[offset] for offset in np.flatnonzero(differ).tolist()}


def _with_changes(cells: list[str], changed: dict[int, str]) -> list[str]:
    addresses = list(cells)
    for offset, address in changed.items():
        addresses[offset] = address
    return addresses


class _State:
    """What judging keeps from batch to batch, in the process that judges."""

    def __init__(self, judge: RowJudge) -> None:
        self.judge = judge
        self.answers: Mapping[str, DomainAnswer] = {}
        self.index = DuplicateIndex()
        self.to_main = VerdictSender()  # used in the worker

    def judge_batch(self, first_row: int, cells: list[str]) -> JudgedRows:
        rows = self.judge.offline(cells)
        if self.answers:
            self.judge.with_dns(rows, self.answers)
        self.judge.mark_duplicates(rows, first_row, self.index)
        return rows

    def start_over(self) -> None:
        self.index.close()
        self.index = DuplicateIndex()
        self.to_main = VerdictSender()


_WORKER_STATE: list[_State] = []  # the worker's state, set once when it starts


def _adopt(state: _State) -> None:
    # Ctrl-C is the parent's to handle: it stops the worker when it stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER_STATE.append(state)


def _warm_up() -> None:
    _WORKER_STATE[0].judge.offline(["ana@gmail.com", "ana@gmial.com", "info@empresa.es", "ana garcia@correo.es"])


def _use_answers(answers: Mapping[str, DomainAnswer]) -> None:
    _WORKER_STATE[0].answers = answers


def _start_over() -> None:
    _WORKER_STATE[0].start_over()


def _judge_in_worker(first_row: int, cells: list[str]) -> _Packed:
    state = _WORKER_STATE[0]
    rows = state.judge_batch(first_row, cells)
    return _Packed(_changed(cells, rows.addresses), state.to_main.encode(rows.verdicts))
