"""The check over a Dask table: the steps of ``engines.partitions`` as one graph per step.

A partition is anything a task can turn into address cells and records: a pandas partition of a
``dask.dataframe.DataFrame``, or a CSV file of a glob (``engines.dask_run``). The whole-table work
stays whole:

- **Domains**, judged once per run. The survey of every partition (a pass over the data) comes
  back to this process as a few sets; the plain domains are judged here, DNS is asked here about
  each domain once, with its trust check, and the resulting judge goes to every worker once.
- **Duplicates**, found by a shuffle, never by collecting the keys in one place: the keys of every
  partition are shuffled by their hash, each part of the shuffle finds its repeated keys
  (``partitions.repeats_in``), and the repeats are shuffled back to their partitions by row
  number. A worker holds one part of the keys at a time.

Each task speaks the language of the run: a worker is another process, which has no locale of ours.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from listcheck.engines.partitions import (
    KEY_COLUMNS,
    REPEAT_COLUMNS,
    PartitionJudge,
    Survey,
    address_cells,
    first_seen,
    repeats_in,
    text_records,
    with_verdict_columns,
)
from listcheck.messages import language, speaking

if TYPE_CHECKING:
    import dask.dataframe as dd
    import pandas as pd
    from dask.delayed import Delayed

    from listcheck.checks.dns_answers import DomainAnswer

AskDns = Callable[[set[str]], Mapping[str, "DomainAnswer"]]
P = TypeVar("P")  # what a task reads a partition from
T = TypeVar("T")
# What a run does with each partition once judged: called with the partition's number, what it is
# read from, the judge of the run, its cells, its first row's number and its repeats.
Finish = Callable[[int, P, PartitionJudge, "Cells", int, "pd.DataFrame"], T]


@dataclass(frozen=True)
class Cells:
    """A partition as the judge sees it: its address cells, and its rows as text when the other address
    columns are looked at (their ``other_columns`` index these records)."""

    cells: list[str]
    records: Sequence[Sequence[str]] | None = None


@dataclass(frozen=True)
class FramePart:
    """How to read a pandas partition: the address column and the other address columns."""

    column: object
    other_columns: tuple[object, ...] = ()

    def __call__(self, frame: pd.DataFrame) -> Cells:
        return Cells(address_cells(frame, self.column),
                     text_records(frame, self.other_columns) if self.other_columns else None)


class PartitionedCheck(Generic[P]):
    """The steps of a run over partitions, each a list of ``Delayed`` tasks, one per partition.

    ``parts`` are what each partition is read from, ``read(part)`` turns one into ``Cells`` (in a
    worker), and ``first_row`` numbers the first row of the table.
    """

    def __init__(self, parts: Sequence[Delayed], read: Callable[[P], Cells], judge: PartitionJudge, *,
                 first_row: int) -> None:
        self.parts = list(parts)
        self._read = read
        self._judge = judge
        self._first_row = first_row
        self._language = language()
        self.surveys: list[Survey] = []
        self.starts: list[int] = []
        self._shipped: Delayed | None = None  # the judge of the later steps, once surveyed

    def survey(self, ask_dns: AskDns | None, compute: Callable[..., tuple[Any, ...]]) -> Survey:
        """Survey every partition, judge each domain of the table once and ask DNS about those worth
        it; the later steps use what was found. ``compute`` runs tasks (``dask.compute``, or a
        distributed client's, which reports progress)."""
        from dask import delayed

        judge = _shipped(self._judge)
        self.surveys = list(compute(*(delayed(_survey, pure=True)(part, self._read, judge, self._language)
                                      for part in self.parts)))
        whole = Survey.merged(self.surveys)
        self.starts = list(accumulate((survey.rows for survey in self.surveys[:-1]), initial=self._first_row))
        answers = ask_dns(set(whole.domains_to_ask)) if ask_dns is not None and whole.domains_to_ask else {}
        self._judge = self._judge.with_domains(whole, answers)
        self._shipped = _shipped(self._judge)
        return whole

    @property
    def judge(self) -> PartitionJudge:
        """The judge of the run: once surveyed, with every domain's verdict and DNS's answers."""
        return self._judge

    def repeats(self) -> list[Delayed]:
        """For each partition, the frame of its rows that repeat an earlier row (``REPEAT_COLUMNS``)."""
        import dask.dataframe as dd
        import pandas as pd
        from dask import delayed

        assert self._shipped is not None, "survey first"
        judge = self._shipped
        keys = dd.from_delayed([delayed(_keys, pure=True)(part, self._read, judge, start, self._language)
                                for part, start in zip(self.parts, self.starts)],
                               meta=_empty(KEY_COLUMNS), verify_meta=False)
        count = len(self.parts)
        found = keys.shuffle("key", npartitions=count).map_partitions(repeats_in, meta=_empty(REPEAT_COLUMNS))
        # Back to the partition each row is in: a range partitioning on the partition's number.
        numbered = found.map_partitions(_with_partition, self.starts, meta=_empty(REPEAT_COLUMNS).assign(part=pd.Series(dtype="int64")))
        routed = numbered.set_index("part", divisions=[*range(count), count - 1])
        return list(routed.to_delayed())

    def each(self, finish: Finish[P, T]) -> list[Delayed]:
        """``finish(number, part, judge, cells, first_row, repeats)`` for every partition, as tasks."""
        from dask import delayed

        assert self._shipped is not None, "survey first"
        judge = self._shipped
        return [delayed(_finish, pure=True)(finish, number, part, self._read, judge, start, repeats, self._language)
                for number, (part, start, repeats) in enumerate(zip(self.parts, self.starts, self.repeats()))]


def check_dask_frame(frame: dd.DataFrame, *, column: object, first_row: int, judge: PartitionJudge,
                     ask_dns: AskDns | None = None, other_columns: tuple[object, ...] = ()) -> dd.DataFrame:
    """``frames.check_frame`` for a Dask frame: the survey runs now, the rest when the result is computed."""
    import dask
    import dask.dataframe as dd

    read = FramePart(column, other_columns)
    check = PartitionedCheck(frame.to_delayed(), read, judge, first_row=first_row)
    check.survey(ask_dns, dask.compute)
    meta = _checked(frame._meta, check.judge, read(frame._meta), first_row, _empty(REPEAT_COLUMNS), column)
    parts = check.each(_FrameFinish(column))
    # Each partition keeps its index: so do the divisions, when the input knew them.
    return dd.from_delayed(parts, meta=meta, verify_meta=False,
                           divisions=frame.divisions if frame.known_divisions else None)


@dataclass(frozen=True)
class _FrameFinish:
    column: object

    def __call__(self, number: int, frame: pd.DataFrame, judge: PartitionJudge, cells: Cells, first_row: int,
                 repeats: pd.DataFrame) -> pd.DataFrame:
        return _checked(frame, judge, cells, first_row, repeats, self.column)


def _checked(frame: pd.DataFrame, judge: PartitionJudge, cells: Cells, first_row: int, repeats: pd.DataFrame,
             column: object) -> pd.DataFrame:
    rows = judge.judged(cells.cells, first_row, first_seen(repeats))
    return with_verdict_columns(frame, column, first_row, judge.batch(rows, cells.records))


def _shipped(judge: PartitionJudge) -> Delayed:
    """The judge as a task whose result every partition's task takes: pickled once, here, so that the
    graph carries one copy of its domain table whatever number of tasks use it."""
    import pickle

    from dask import delayed

    return delayed(pickle.loads, pure=True)(pickle.dumps(judge))


def _survey(part: P, read: Callable[[P], Cells], judge: PartitionJudge, lang: str) -> Survey:
    with speaking(lang):
        cells = read(part)
        return judge.survey(cells.cells, cells.records)


def _keys(part: P, read: Callable[[P], Cells], judge: PartitionJudge, first_row: int, lang: str) -> pd.DataFrame:
    with speaking(lang):
        return judge.keys(read(part).cells, first_row)


def _finish(finish: Finish[P, T], number: int, part: P, read: Callable[[P], Cells], judge: PartitionJudge,
            first_row: int, repeats: pd.DataFrame, lang: str) -> T:
    with speaking(lang):
        return finish(number, part, judge, read(part), first_row, repeats)


def _with_partition(repeats: pd.DataFrame, starts: list[int]) -> pd.DataFrame:
    """Each repeat with the number of the partition its row is in (``starts``: each one's first row)."""
    import numpy as np

    return repeats.assign(part=np.searchsorted(np.array(starts, dtype=np.int64), repeats["row"].to_numpy(),
                                               side="right") - 1)


def _empty(columns: Mapping[str, str]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in columns.items()})
