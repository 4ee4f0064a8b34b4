"""``check_with_dask``: ``check_file`` over a Dask cluster, for Parquet tables and globs of CSV files.

The same verdicts and the same report as ``check_file``; CSV input gives the same bytes. How the
work is split is ``engines.dask_frames``; what is read and written, ``engines.dask_inputs`` and
``engines.dask_outputs``.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from listcheck.checks.dns_answers import DnsSummary
from listcheck.engines.cluster import computing, dask_client
from listcheck.engines.dask_frames import PartitionedCheck
from listcheck.engines.dask_inputs import CsvCells, TableInput, csv_paths, is_parquet, open_csv_files, open_parquet
from listcheck.engines.dask_outputs import (
    PartFiles,
    join_csv_parts,
    place_parquet_folders,
    scratch_beside,
    write_csv_part,
    write_parquet_part,
)
from listcheck.engines.partitions import PartitionJudge, first_seen, with_verdict_columns
from listcheck.engines.streaming import Progress, ProgressStep
from listcheck.judge import RowJudge
from listcheck.messages import pinned
from listcheck.reading.shapes import ShapeCheck
from listcheck.reasons import Destination
from listcheck.reports.report import TOP_DOMAINS, InputSummary, Report
from listcheck.reports.tally import Tally
from listcheck.settings import DnsSettings, OutputSettings, PolicySettings, ReadingSettings, Settings
from listcheck.version import __version__
from listcheck.writing.outputs import refuse_overwriting_input
from listcheck.writing.rows import VERDICT_COLUMNS, RowShape, output_headers, pad_records, rows_for_outputs

if TYPE_CHECKING:
    import pandas as pd

    from listcheck.checks.deliverability import DeliverabilityChecker
    from listcheck.checks.dns_answers import DomainAnswer
    from listcheck.engines.dask_frames import Cells


@dataclass(frozen=True)
class ClusterSettings:
    """Where a Dask run runs: the scheduler at ``scheduler`` (``tcp://host:8786``), else a local
    cluster of ``workers`` processes (None: one per core)."""

    scheduler: str | None = None
    workers: int | None = None


def check_with_dask(
    path: str,
    *,
    cluster: ClusterSettings = ClusterSettings(),
    reading: ReadingSettings = ReadingSettings(),
    dns: DnsSettings | None = DnsSettings(),
    policy: PolicySettings = PolicySettings(),
    output: OutputSettings = OutputSettings(),
    reports: Sequence[str] = (),
    progress: Progress | None = None,
    clock: Callable[[], float] = time.perf_counter,
) -> Report:
    """Check the Parquet table or the CSV files at ``path`` (a file, a folder of Parquet files, or a
    glob of CSV files) on a Dask cluster, and write the two outputs (Parquet folders for Parquet).
    ``reports``: the files the caller will write after the run, refused like the outputs when they
    would replace an input file or an output.

    Raises ``InputError`` when the input cannot be read and ``UsageError`` when the options cannot
    work (Dask not installed, a scheduler that does not answer).
    """
    with pinned():
        return _check_with_dask(path, cluster, Settings(reading, dns, policy, output), tuple(reports), progress,
                                clock)


def _check_with_dask(path: str, cluster: ClusterSettings, settings: Settings, reports: tuple[str, ...],
                     progress: Progress | None, clock: Callable[[], float]) -> Report:
    started = clock()
    parquet = is_parquet(path)
    suffix = ".parquet" if parquet else ".csv"
    clean, rejected = settings.output.paths(_stem_path(path), suffix=suffix)
    written = (clean, rejected, *reports)
    # Refused before a cluster starts: a glob's files are known only here, not to the caller.
    files = [path] if parquet else csv_paths(path, leave_out=(clean, rejected))
    for file in files:
        refuse_overwriting_input(file, *written)
    judge = RowJudge.for_settings(settings.policy)
    checker: DeliverabilityChecker | None = None
    with dask_client(scheduler=cluster.scheduler, workers=cluster.workers) as client:
        table = open_parquet(path, settings.reading, outputs=written) if parquet else open_csv_files(
            files, settings.reading)
        check = PartitionedCheck(table.parts, table.read, PartitionJudge(judge, other_columns=table.other_columns),
                                 first_row=table.first_row)
        if settings.dns is not None:
            from listcheck.checks.deliverability import checker_for

            checker = checker_for(settings.dns)
        try:
            whole = check.survey(_asker(checker, progress), computing(client, _partitions(progress, "reading")))
        finally:
            if checker is not None:
                checker.close()
        with scratch_beside(clean, suffix) as parts:
            width = max(len(table.header or []), whole.widest)
            finish = _ParquetFinish(parts, table.read.column, settings.output.annotate) if parquet else _CsvFinish(
                parts, RowShape(table.email_column, settings.output.annotate, settings.output.safe_formulas),
                table.text_format, width)
            results = computing(client, _partitions(progress, "judging"))(*check.each(finish))
            _tell(progress, "writing", len(results), 0.0)
            if parquet:
                place_parquet_folders((clean, rejected), parts)
            else:
                assert table.text_format is not None
                headers = output_headers(table.header, table.email_column, width, settings.output.annotate)
                join_csv_parts(list(zip((clean, rejected), headers)),
                               [parts.parts(name, len(results)) for name in ("clean", "rejected")], table.text_format)
            _tell(progress, "writing", len(results), 1.0)
    return _report(path, table, (clean, rejected), results, width, judge, checker, settings, clock() - started)


@dataclass(frozen=True)
class _PartResult:
    """What a partition's last task sends back: its counts, and the shape of a CSV file's rows."""

    tally: Tally
    shape: ShapeCheck | None = None


@dataclass(frozen=True)
class _CsvFinish:
    """A CSV file's rows judged and written to its part files."""

    parts: PartFiles
    shape: RowShape
    text_format: Any
    width: int

    def __call__(self, number: int, part: object, judge: PartitionJudge, cells: Cells, first_row: int,
                 repeats: pd.DataFrame) -> _PartResult:
        assert isinstance(cells, CsvCells)
        batch = replace(cells.batch, first_row=first_row)  # numbered as rows of the whole table
        if batch.records:
            cells.shape.look_at(batch)
        pad_records(batch, self.width)
        judged = judge.batch(judge.judged(cells.cells, first_row, first_seen(repeats)), batch.records)
        clean_rows, rejected_rows = rows_for_outputs(batch, judged, self.shape)
        write_csv_part(self.parts.path("clean", number), clean_rows, self.text_format)
        write_csv_part(self.parts.path("rejected", number), rejected_rows, self.text_format)
        tally = Tally()
        if batch.records:
            tally.add(first_row, judged)
        return _PartResult(tally, cells.shape)


@dataclass(frozen=True)
class _ParquetFinish:
    """A Parquet partition's rows judged and written to its part files."""

    parts: PartFiles
    column: object
    annotate: bool

    def __call__(self, number: int, frame: pd.DataFrame, judge: PartitionJudge, cells: Cells, first_row: int,
                 repeats: pd.DataFrame) -> _PartResult:
        import numpy as np
        import pandas as pd

        judged = judge.batch(judge.judged(cells.cells, first_row, first_seen(repeats)), cells.records)
        checked = with_verdict_columns(frame, self.column, first_row, judged)
        to_clean = np.fromiter((destination is Destination.CLEAN for destination in judged.destinations), dtype=bool,
                               count=len(judged.destinations))
        clean = checked.loc[to_clean]
        rejected = checked.loc[~to_clean].copy()
        # A rejected row shows the address as typed, not its correction.
        typed = [verdict.corrected_from or address for verdict, address, kept in
                 zip(judged.verdicts, judged.addresses, to_clean) if not kept]
        rejected[self.column] = pd.array(typed, dtype="str")
        write_parquet_part(self.parts.path("clean", number), clean if self.annotate else clean.drop(
            columns=VERDICT_COLUMNS))
        write_parquet_part(self.parts.path("rejected", number), rejected)
        tally = Tally()
        if len(frame):
            tally.add(first_row, judged)
        return _PartResult(tally)


def _report(path: str, table: TableInput, outputs: tuple[str, str], results: tuple[_PartResult, ...], width: int,
            judge: RowJudge, checker: DeliverabilityChecker | None, settings: Settings, elapsed: float) -> Report:
    tally = Tally()
    shape: ShapeCheck | None = None
    for result in results:
        tally.merge(result.tally)
        if result.shape is not None and shape is None:
            shape = result.shape
        elif result.shape is not None and shape is not None:
            shape.merge(result.shape)
    clean, rejected = outputs
    return Report(
        input=InputSummary(path=path, encoding=table.encoding, delimiter=table.delimiter,
                           email_column=table.email_column_name, rows=tally.rows, header=table.header is not None,
                           column_found_by=table.column_found_by),
        outputs={"clean": clean, "rejected": rejected},
        counts=tally.counts, reasons=tally.reasons, destinations=tally.destinations, corrections=tally.corrections,
        typos=tally.typos, repairs=tally.repairs, free_provider_rows=tally.free_provider_rows, examples=tally.examples,
        top_domains=tally.top_domains(TOP_DOMAINS),
        warnings=table.warnings + (shape.warnings(width) if shape is not None else []) + judge.warnings
        + (checker.warnings if checker else []),
        suppression=judge.suppression_summary(),
        dns=checker.stats if checker is not None else DnsSummary(),
        elapsed_seconds=round(elapsed, 3), version=__version__, settings=settings,
    )


def _stem_path(path: str) -> str:
    """The path the outputs are named after: a folder's name, or a glob without its wildcards
    (``exports/part-*.csv``: ``exports/part.csv``; ``exports/*.csv``: ``exports/exports.csv``)."""
    trimmed = path.rstrip("/\\") or path
    folder, name = os.path.split(trimmed)
    stem, extension = os.path.splitext(name)
    plain = stem.split("*")[0].split("?")[0].split("[")[0].rstrip("-_. ")
    if not plain:
        plain = os.path.basename(os.path.abspath(folder or "."))
    return os.path.join(folder, plain + extension)


def _asker(checker: DeliverabilityChecker | None,
           progress: Progress | None) -> Callable[[set[str]], Mapping[str, DomainAnswer]] | None:
    if checker is None:
        return None

    def tell(done: int, total: int) -> None:
        _tell(progress, "dns", done, done / total if total else 1.0)

    return lambda domains: checker.check(domains, tell if progress is not None else None)


def _partitions(progress: Progress | None, stage: str) -> Callable[[int, int], None] | None:
    if progress is None:
        return None
    return lambda done, total: progress(ProgressStep(stage, done, done / total if total else 1.0, unit="partitions"))


def _tell(progress: Progress | None, stage: str, done: int, fraction: float) -> None:
    if progress is not None:
        progress(ProgressStep(stage, done, fraction, unit="partitions"))
