"""What ``check --engine dask`` reads: a Parquet file or folder, or CSV files named by a glob.

A Parquet table is read by ``dask.dataframe.read_parquet``, its partitions as they come. A CSV file
is one partition, read by listcheck's own reader in the worker, so that its rows are split, its
cells kept and its lines written back exactly as a run without ``--engine`` does; the files of a
glob are read in the order of their names, as one table under the first file's header. Every file
must be laid out as the first (the same header, encoding, delimiter and line ends).

The paths are opened by the workers: on a cluster of several machines they must be on a disk every
worker sees, or an object store's address for Parquet.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from listcheck.engines.dask_frames import Cells, FramePart
from listcheck.engines.partitions import text_records
from listcheck.errors import InputError, UsageError, first_line
from listcheck.messages import RunWarning, say
from listcheck.reading.columns import SAMPLE_RECORDS, column_name, find_layout, other_columns_warning
from listcheck.reading.contacts import ContactFile, TextFormat, describe_open_error
from listcheck.reading.opening import open_input
from listcheck.reading.shapes import ShapeCheck
from listcheck.reading.splitting import RecordBatch
from listcheck.settings import STDIN, ReadingSettings, is_workbook

if TYPE_CHECKING:
    import dask.dataframe as dd

PARQUET_SUFFIXES = (".parquet", ".pq", ".parq")


def is_parquet(path: str) -> bool:
    """Whether ``path`` names a Parquet table: a file by its suffix, or a folder of such files."""
    if os.path.isdir(path):
        return True
    return path.lower().endswith(PARQUET_SUFFIXES)


@dataclass
class TableInput:
    """An input opened for the cluster: its partitions, how a worker reads one, and what the report
    says of it. ``other_columns`` index a partition's records (``Cells.records``)."""

    parts: Sequence[Any]  # Delayed partitions, or the CsvPart of each file
    read: Any  # a partition to Cells, in a worker
    email_column: int
    email_column_name: str
    column_found_by: str
    header: list[str] | None
    first_row: int
    other_columns: list[tuple[int, str]]
    warnings: list[RunWarning] = field(default_factory=list)
    text_format: TextFormat | None = None  # None for Parquet
    encoding: str = ""
    delimiter: str = ""
    frame: dd.DataFrame | None = None  # the Parquet table


def _refuse_outputs_inside(path: str, outputs: Sequence[str]) -> None:
    """A usage error for an output inside the input folder: the next run would read it as the table."""
    if not os.path.isdir(path):
        return
    folder = os.path.join(os.path.abspath(path), "")
    for output in outputs:
        if os.path.abspath(output).startswith(folder):
            raise UsageError(say("usage.output_inside_input", path=output, folder=path), say("hint.another_folder"))


def open_parquet(path: str, reading: ReadingSettings, outputs: Sequence[str] = ()) -> TableInput:
    """The Parquet table at ``path``, its address column found by name or content as in a CSV file."""
    import dask.dataframe as dd

    if reading.encoding is not None or reading.delimiter is not None or reading.sheet is not None:
        raise UsageError(say("usage.parquet_options"))
    _refuse_outputs_inside(path, outputs)
    try:
        frame = dd.read_parquet(path)
        sample = frame.partitions[0].head(SAMPLE_RECORDS, compute=True)
    except FileNotFoundError as error:
        raise InputError(describe_open_error(path, error)) from None
    except Exception as error:  # noqa: BLE001  # pyarrow's errors share no base: any failure is the input's
        raise InputError(say("error.not_parquet", path=path, error=first_line(error))) from None
    names = [str(name) for name in frame.columns]
    records = [names, *text_records(sample, list(sample.columns))]
    layout = find_layout(records, column=reading.column, has_header=True, width=len(names))
    others = list(layout.other_email_columns)
    column = frame.columns[layout.email_column]
    read = FramePart(column, tuple(frame.columns[index] for index in others))
    warnings = [other_columns_warning(names, layout)] if others else []
    return TableInput(list(frame.to_delayed()), read, layout.email_column, names[layout.email_column],
                      layout.found_by, names, 1, [(place, names[index]) for place, index in enumerate(others)],
                      warnings, frame=frame)


def csv_paths(pattern: str, *, leave_out: Sequence[str] = ()) -> list[str]:
    """The CSV files a glob names, by name; a path without wildcards is itself. ``leave_out``: the
    run's own outputs, which a glob such as ``exports/*.csv`` matches too."""
    if pattern == STDIN or is_workbook(pattern):
        raise UsageError(say("usage.dask_input"))
    # Absolute: a worker opens them, and its working folder is not ours.
    if not glob.has_magic(pattern):
        return [os.path.abspath(pattern)]
    left_out = {os.path.abspath(path) for path in leave_out}
    found = sorted(os.path.abspath(path) for path in glob.glob(pattern)
                   if os.path.isfile(path) and os.path.abspath(path) not in left_out)
    if not found:
        raise InputError(say("error.no_files_match", pattern=pattern))
    return found


@dataclass(frozen=True)
class CsvPart:
    """One CSV file of the input, with what its reading must find to belong to the table."""

    path: str
    reading: ReadingSettings
    header: list[str] | None
    text_format: TextFormat
    email_column: int


@dataclass(frozen=True)
class CsvCells(Cells):
    """A CSV file's rows as read, with their lines and the check of their shape."""

    batch: RecordBatch = field(default_factory=lambda: RecordBatch(1, [], False))
    shape: ShapeCheck = field(default_factory=lambda: ShapeCheck(None, None))


def open_csv_files(paths: list[str], reading: ReadingSettings) -> TableInput:
    """The CSV files as one table, laid out as the first one is (found here, as a run without
    ``--engine`` finds it)."""
    reading.refuse_unfit_for(paths[0])
    with open_input(paths[0]) as handle:
        first = ContactFile(handle, encoding=reading.encoding, delimiter=reading.delimiter, column=reading.column,
                            has_header=reading.has_header, encoding_errors=reading.encoding_errors,
                            skip_rows=reading.skip_rows)
    header = first.header
    # The other files are read as the first was: the same encoding, delimiter, column and header.
    alike = replace(reading, encoding=first.text_format.encoding, delimiter=first.delimiter,
                    column=str(first.email_column + 1), has_header=header is not None,
                    skip_rows=first.rows_above if first.rows_above else reading.skip_rows)
    parts = [CsvPart(path, reading if number == 0 else alike, header, first.text_format, first.email_column)
             for number, path in enumerate(paths)]
    others = [(index, column_name(header, index)) for index in first.other_email_columns]
    return TableInput(parts, read_csv_part, first.email_column, first.email_column_name, first.column_found_by,
                      header, first.first_row_number, others, list(first.warnings), first.text_format,
                      first.encoding_name, first.delimiter or "")


def read_csv_part(part: CsvPart) -> CsvCells:
    """A CSV file's rows, in a worker: every record, its line as read, and its address cell."""
    reading = part.reading
    with open_input(part.path) as handle:
        contacts = ContactFile(handle, encoding=reading.encoding, delimiter=reading.delimiter, column=reading.column,
                               has_header=reading.has_header, encoding_errors=reading.encoding_errors,
                               skip_rows=reading.skip_rows)
        _refuse_unlike(part, contacts)
        records: list[list[str]] = []
        lines: list[str | None] = []
        spans_lines = False
        for batch in contacts.batches():
            records.extend(batch.records)
            lines.extend(batch.lines if batch.lines is not None else [None] * len(batch.records))
            spans_lines = spans_lines or batch.spans_lines
        shape = contacts.shape_check()
    column = part.email_column
    cells = [record[column] if column < len(record) else "" for record in records]
    batch = RecordBatch(contacts.first_row_number, records, spans_lines, lines)
    return CsvCells(cells, records, batch, shape)


def _refuse_unlike(part: CsvPart, contacts: ContactFile) -> None:
    """An input error for a file of the glob that is not laid out as the first one."""
    if contacts.header != part.header or contacts.email_column != part.email_column:
        raise InputError(say("error.glob_header_differs", path=part.path))
    ours, first = contacts.text_format, part.text_format
    if (ours.codec, ours.bom, ours.delimiter, ours.line_terminator) != (
            first.codec, first.bom, first.delimiter, first.line_terminator):
        raise InputError(say("error.glob_format_differs", path=part.path))


