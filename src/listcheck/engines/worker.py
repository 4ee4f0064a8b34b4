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
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

import numpy as np

from listcheck.checks.duplicates import DuplicateIndex
from listcheck.messages import language, use_language
from listcheck.judge import JudgedRows, RowJudge
from listcheck.reasons import Destination
from listcheck.verdict import AddressVerdict

if TYPE_CHECKING:
    from listcheck.checks.deliverability import DomainAnswer

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
    manager: leaving it stops the worker. Start it early: the worker loads what judging needs
    (pyarrow, the domain lists) while this process looks at the file.
    """

    def __init__(self, judge: RowJudge, *, parallel: bool) -> None:
        self._state = _State(judge)
        self._from_worker = _VerdictReceiver()
        self._pool: ProcessPoolExecutor | None = None
        if parallel:
            # One worker, forked now, before any output file is open (so that it copies none).
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"),
                                             initializer=_adopt, initargs=(self._state,))
            self._pool.submit(_warm_up)

    def __enter__(self) -> BatchJudging:
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
        self._from_worker = _VerdictReceiver()
        if self._pool is not None:
            self._pool.submit(_start_over).result()

    def submit(self, first_row: int, cells: list[str]) -> Callable[[], Judged]:
        """Judge the cells of consecutive rows numbered from ``first_row``, after every earlier batch."""
        state = self._state
        if self._pool is None:
            rows = state.judge_batch(first_row, cells)
            return lambda: Judged(rows.addresses, rows.verdicts, state.judge.destinations(rows.verdicts))
        future = self._pool.submit(_judge_in_worker, first_row, cells)
        return lambda: self._unpack(future.result(), cells)

    def _unpack(self, packed: _Packed, cells: list[str]) -> Judged:
        verdicts = cast(list[AddressVerdict], self._from_worker.decode(packed.verdicts))
        return Judged(_with_changes(cells, packed.changed), verdicts, self._state.judge.destinations(verdicts))


# Verdicts shared by the plain addresses of a domain are sent once and then named by number; past
# this many, both sides forget them and start again, so that memory stays flat.
_SHARED_KEPT = 100_000


@dataclass(frozen=True)
class _Encoded:
    """The verdicts of a batch, as the worker sends them: each verdict once.

    Verdicts shared by plain addresses live as long as the run: each is sent once (``new_shared``) and
    kept by the receiving side in the order it came. ``local`` are this batch's other verdicts.
    ``numbers`` gives each row's verdict by its place in the shared verdicts followed by ``local``,
    -1 for none.
    """

    forget_shared: bool  # the shared verdicts sent before are no longer used
    new_shared: list[AddressVerdict]
    local: list[AddressVerdict]
    numbers: np.ndarray


class _VerdictSender:
    """The sending side of ``_Encoded``: which shared verdicts it has sent, by their number."""

    def __init__(self) -> None:
        self._numbers: dict[int, int] = {}  # id of a shared verdict sent, its number
        self._sent: list[AddressVerdict] = []  # keeps them alive, so their ids stay theirs

    def encode(self, verdicts: Sequence[AddressVerdict | None]) -> _Encoded:
        forget = len(self._sent) > _SHARED_KEPT
        if forget:
            self._numbers.clear()
            self._sent.clear()
        ids = list(map(id, verdicts))
        new_shared: list[AddressVerdict] = []
        local: dict[int, AddressVerdict] = {}
        for key, verdict in dict(zip(ids, verdicts)).items():
            if verdict is None or key in self._numbers:
                continue
            if not verdict.address and verdict.reason is None:  # shared by plain addresses, for the run
                self._numbers[key] = len(self._sent)
                self._sent.append(verdict)
                new_shared.append(verdict)
            else:
                local[key] = verdict
        number_of = self._numbers | {key: len(self._sent) + place for place, key in enumerate(local)}
        number_of[id(None)] = -1
        numbers = np.fromiter(map(number_of.__getitem__, ids), dtype=np.int32, count=len(ids))
        return _Encoded(forget, new_shared, list(local.values()), numbers)


class _VerdictReceiver:
    """The receiving side of ``_Encoded``."""

    def __init__(self) -> None:
        self._shared: list[AddressVerdict] = []

    def decode(self, encoded: _Encoded) -> list[AddressVerdict | None]:
        if encoded.forget_shared:
            self._shared.clear()
        self._shared.extend(encoded.new_shared)
        table: list[AddressVerdict | None] = [*self._shared, *encoded.local, None]  # -1: the last, None
        return list(map(table.__getitem__, encoded.numbers.tolist()))


@dataclass(frozen=True)
class _Packed:
    """A judged batch as the worker sends it back: sending every row's address and verdict would cost
    as much as judging them."""

    changed: dict[int, str]  # the addresses that are not their cell, by offset
    verdicts: _Encoded


def _changed(cells: list[str], addresses: list[str]) -> dict[int, str]:
    """The addresses that differ from their cell, by offset."""
    differ = np.fromiter(map(operator.ne, addresses, cells), dtype=bool, count=len(cells))
    return {offset: addresses[offset] for offset in np.flatnonzero(differ).tolist()}


def _with_changes(cells: list[str], changed: dict[int, str]) -> list[str]:
    addresses = list(cells)
    for offset, address in changed.items():
        addresses[offset] = address
    return addresses


def worth_a_second_process(size: int) -> bool:
    """Whether judging a file of ``size`` bytes in a worker process pays, on this machine."""
    if not sys.platform.startswith("linux") or size < PARALLEL_FROM_BYTES:
        return False
    return len(os.sched_getaffinity(0)) >= 2


class _State:
    """What judging keeps from batch to batch, in the process that judges."""

    def __init__(self, judge: RowJudge) -> None:
        self.judge = judge
        self.answers: Mapping[str, DomainAnswer] = {}
        self.index = DuplicateIndex()
        self.to_main = _VerdictSender()  # used in the worker
        self.language = language()  # of the run that started the worker

    def judge_batch(self, first_row: int, cells: list[str]) -> JudgedRows:
        rows = self.judge.offline(cells)
        if self.answers:
            self.judge.with_dns(rows, self.answers)
        self.judge.mark_duplicates(rows, first_row, self.index)
        return rows

    def start_over(self) -> None:
        self.index.close()
        self.index = DuplicateIndex()
        self.to_main = _VerdictSender()


_WORKER_STATE: list[_State] = []  # the worker's state, set once when it starts


def _adopt(state: _State) -> None:
    # Ctrl-C is the parent's to handle: it stops the worker when it stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER_STATE.append(state)
    use_language(state.language)  # for the worker's life: its sentences are the run's


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
