"""The one-machine engine: a contact list read, judged and written in batches, in file order.

Memory stays flat whatever the file's size: a batch of records is held at a time (and the
duplicate index, which grows with the distinct addresses). Judging runs in this process, or in a
forked worker while this process reads and writes (``engines.worker``); this engine decides which.
"""

from __future__ import annotations

import gc
import os
import sys
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Self

from listcheck.engines.worker import BatchJudging
from listcheck.judge import RowJudge
from listcheck.judged import JudgedBatch, offsets_where
from listcheck.messages import RunWarning
from listcheck.reading.columns import column_name
from listcheck.reading.opening import ContactSource
from listcheck.reading.splitting import RecordBatch, widest_record
from listcheck.reasons import Status
from listcheck.reports.tally import Tally
from listcheck.settings import OutputSettings
from listcheck.writing.outputs import CsvOutputs
from listcheck.writing.rows import RowShape, output_headers, pad_records, rows_for_outputs
from listcheck.writing.workbooks import XlsxOutputs

if TYPE_CHECKING:
    from listcheck.checks.dns_answers import DomainAnswer

# Rows judged and written at a time: enough for the bulk checks to pay (each batch compiles their
# patterns anew), few enough to keep memory flat (50,000 rows of a typical export hold some 15 MB).
BATCH_ROWS = 50_000
# Below this size a file is judged in this process: starting the worker and sending it the cells
# costs more than it saves.
PARALLEL_FROM_BYTES = 8 * 2**20

AskDns = Callable[[set[str]], Mapping[str, "DomainAnswer"]]


@dataclass(frozen=True)
class ProgressStep:
    """Where a run has got, for a progress display.

    ``stage`` is ``reading`` (a first pass that finds the domains to ask DNS about), ``dns``,
    ``judging`` (rows judged and written) or ``writing`` (the outputs put under their names);
    ``done`` counts rows, or domains for ``dns``; ``fraction`` is how far through the stage, 0 to 1.
    """

    stage: str
    done: int
    fraction: float
    unit: str = "rows"  # what ``done`` counts: rows, or on a cluster, partitions


Progress = Callable[[ProgressStep], None]


def worth_a_second_process(size: int) -> bool:
    """Whether judging a file of ``size`` bytes in a worker process pays, on this machine: on Linux
    (fork shares everything already loaded, in milliseconds), with a second core, for several batches."""
    if not sys.platform.startswith("linux") or size < PARALLEL_FROM_BYTES:
        return False
    return len(os.sched_getaffinity(0)) >= 2


@dataclass(frozen=True)
class Written:
    """What the engine found while judging and writing."""

    tally: Tally
    warnings: list[RunWarning]  # about the shape of the rows (too long, too short)


class StreamingEngine:
    """Judges and writes one contact list. Enter it before the input is looked at: a worker, if one
    pays, starts then and loads what judging needs meanwhile.

    While it is entered, Python's cycle collector is paused: a run creates millions of lists and
    strings that live for one batch and form no cycles, and the collector would walk them over and
    over, for a third of the run's time on a big list.
    """

    def __init__(self, judge: RowJudge, *, size: int, parallel: bool | None = None) -> None:
        self._judge = judge
        self._parallel = worth_a_second_process(size) if parallel is None else parallel
        self._judging: BatchJudging | None = None
        self._collecting = False

    def __enter__(self) -> Self:
        self._judging = BatchJudging(self._judge, parallel=self._parallel)  # may fail: gc is still on then
        self._collecting = gc.isenabled()
        gc.disable()
        return self

    def __exit__(self, *exc_info: object) -> None:
        try:
            if self._judging is not None:
                self._judging.__exit__(*exc_info)
        finally:
            if self._collecting:
                gc.enable()

    def run(self, contacts: ContactSource, paths: tuple[str, str], output: OutputSettings, *,
            ask_dns: AskDns | None = None, progress: Progress | None = None) -> Written:
        """Judge every row of ``contacts`` and write it to the clean or the rejected file of ``paths``;
        ``ask_dns(domains)`` first, when given, about every domain worth asking."""
        outputs = _Outputs(*paths, output)
        assert self._judging is not None, "enter the engine first"
        width = max(contacts.sample_width, len(contacts.header or []))
        answers: Mapping[str, DomainAnswer] = {}
        if ask_dns is not None:
            # DNS is asked first, about every domain of the file at once; that reading of the file
            # also finds its widest row.
            domains, widest = _domains_and_width(contacts, self._judge, progress)
            width = max(width, widest)
            answers = ask_dns(domains)
            self._judging.use_answers(answers)
        suggest = _OtherColumns(self._judge, contacts, answers)
        try:
            return _judge_and_write(contacts, self._judging, width, outputs, suggest, progress)
        except _WiderRow:  # a row past the first ones is wider than all of them: pad every row to it
            self._judging.start_over()
            widest = max(len(contacts.header or []), widest_record(contacts.batches()))
            return _judge_and_write(contacts, self._judging, widest, outputs, suggest, progress)


@dataclass(frozen=True)
class _Outputs:
    clean: str
    rejected: str
    settings: OutputSettings


class _WiderRow(Exception):
    """A row is wider than the width the outputs are being written with."""


class _OtherColumns:
    """Suggestions from the input's other address columns, for rows whose own address is invalid."""

    def __init__(self, judge: RowJudge, contacts: ContactSource, answers: Mapping[str, DomainAnswer]) -> None:
        self._judge, self._answers = judge, answers
        self._columns = [(index, column_name(contacts.header, index)) for index in contacts.other_email_columns]

    def __call__(self, batch: RecordBatch, judged: JudgedBatch) -> None:
        self._judge.suggest_from_other_columns(judged, batch.records, self._columns, self._answers)


def _judge_and_write(contacts: ContactSource, judging: BatchJudging, width: int, outputs: _Outputs,
                     suggest: _OtherColumns, progress: Progress | None) -> Written:
    """Judge the file batch by batch and write each batch's rows; raise ``_WiderRow`` for a row
    wider than ``width``, which must then be read again with the full width."""
    tally = Tally()
    column = contacts.email_column
    shape = RowShape(column, outputs.settings.annotate,
                     # A workbook's outputs are text cells: no spreadsheet runs them, so nothing to defuse.
                     outputs.settings.safe_formulas and contacts.text_format is not None)
    shape_check = contacts.shape_check()
    with _open_outputs(contacts, width, outputs) as files:
        # Batches are judged while the ones before them are written (see engines.worker); two are
        # read ahead, so that the worker has one waiting while it warms up on the first.
        pending: deque[tuple[RecordBatch, Callable[[], JudgedBatch]]] = deque()
        for batch in contacts.batches(BATCH_ROWS):
            shape_check.look_at(batch)
            if shape_check.widest > width:
                raise _WiderRow
            pad_records(batch, width)
            pending.append((batch, judging.submit(batch.first_row, [record[column] for record in batch.records])))
            if len(pending) > 2:
                _write_batch(*pending.popleft(), shape, files, tally, suggest)
                _tell(progress, "judging", tally.rows, contacts.fraction_read())
        while pending:
            _write_batch(*pending.popleft(), shape, files, tally, suggest)
            _tell(progress, "judging", tally.rows, contacts.fraction_read())
        _tell(progress, "writing", tally.rows, 0.0)
        files.commit()
        _tell(progress, "writing", tally.rows, 1.0)
    return Written(tally, shape_check.warnings(width))


def _open_outputs(contacts: ContactSource, width: int, outputs: _Outputs) -> CsvOutputs | XlsxOutputs:
    """The two output files, with their headers.

    A file without a header keeps none in the clean file, ready to import as it came; the rejected
    file is read by people, so it names its columns. Rows wider than the header (kept as they are)
    push the listcheck_* columns right: the rejected header is padded to line up with them.
    """
    clean_header, rejected_header = output_headers(contacts.header, contacts.email_column, width,
                                                   outputs.settings.annotate)
    headers = [(outputs.clean, clean_header), (outputs.rejected, rejected_header)]
    if contacts.text_format is None:
        return XlsxOutputs(headers, contacts.sheet)
    return CsvOutputs(headers, contacts.text_format)


def _write_batch(batch: RecordBatch, judged_batch: Callable[[], JudgedBatch], shape: RowShape,
                 files: CsvOutputs | XlsxOutputs, tally: Tally, suggest: _OtherColumns) -> None:
    judged = judged_batch()
    suggest(batch, judged)
    clean_rows, rejected_rows = rows_for_outputs(batch, judged, shape)
    files.write(0, clean_rows)
    files.write(1, rejected_rows)
    tally.add(batch.first_row, judged)


def _tell(progress: Progress | None, stage: str, done: int, fraction: float) -> None:
    if progress is not None:
        progress(ProgressStep(stage, done, fraction))


def _domains_and_width(contacts: ContactSource, judge: RowJudge,
                       progress: Progress | None) -> tuple[set[str], int]:
    """The domains worth asking DNS about, and the width of the widest row.

    Where the address column's cell is invalid, the other address columns' cells may be suggested
    instead (``RowJudge.suggest_from_other_columns``): their domains are asked too.
    """
    domains: set[str] = set()
    widest = rows = 0
    column, others = contacts.email_column, contacts.other_email_columns
    for batch in contacts.batches():
        widest = max(widest, max(map(len, batch.records)))
        cells = [record[column] if column < len(record) else "" for record in batch.records]
        judged = judge.offline(cells)
        domains |= judge.domains_worth_asking(judged)
        if others:
            invalid = offsets_where(judged.verdicts, lambda verdict: verdict.status is Status.INVALID)
            spare = [batch.records[offset][index] for offset in invalid for index in others
                     if index < len(batch.records[offset]) and batch.records[offset][index].strip()]
            domains |= judge.domains_worth_asking(judge.offline(spare))
        rows += len(cells)
        _tell(progress, "reading", rows, contacts.fraction_read())
    return domains, widest
