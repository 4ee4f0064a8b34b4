"""Opening the input: a file, a pipe or standard input, then a CSV/TSV file or a workbook's sheet.

The one place that tells the two kinds of input apart; past it, both have the same face
(``ContactSource``).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, BinaryIO, Protocol

from listcheck.errors import InputError
from listcheck.messages import RunWarning
from listcheck.reading.contacts import ContactFile, TextFormat, describe_open_error
from listcheck.reading.shapes import ShapeCheck
from listcheck.reading.splitting import RecordBatch
from listcheck.reading.workbooks import WorkbookFile
from listcheck.settings import STDIN, ReadingSettings, is_workbook


class ContactSource(Protocol):
    """A contact list open for reading, whatever its kind."""

    header: list[str] | None
    email_column: int
    column_found_by: str
    sample_width: int  # the widest record of the first rows
    other_email_columns: list[int]  # other columns holding addresses, for suggestions
    warnings: list[RunWarning]
    sheet: str  # a workbook's sheet; empty for a CSV file

    @property
    def email_column_name(self) -> str: ...
    @property
    def delimiter(self) -> str | None: ...
    @property
    def encoding_name(self) -> str: ...
    @property
    def text_format(self) -> TextFormat | None: ...  # None for a workbook, whose cells are typed
    def batches(self, size: int = ...) -> Iterator[RecordBatch]: ...
    def shape_check(self) -> ShapeCheck: ...
    def fraction_read(self) -> float: ...  # how far the running batches() has got, 0 to 1


def open_contacts(path: str, handle: BinaryIO, reading: ReadingSettings) -> ContactSource:
    """The input as a contact list: a sheet of a workbook, or a CSV/TSV file."""
    reading.refuse_unfit_for(path)
    if is_workbook(path):
        return WorkbookFile(handle, sheet=reading.sheet, column=reading.column, has_header=reading.has_header,
                            skip_rows=reading.skip_rows)
    return ContactFile(handle, encoding=reading.encoding, delimiter=reading.delimiter, column=reading.column,
                       has_header=reading.has_header, encoding_errors=reading.encoding_errors,
                       skip_rows=reading.skip_rows)


@contextmanager
def open_input(path: str, stdin: IO[bytes] | None = None) -> Iterator[BinaryIO]:
    """The input file open for reading, or standard input (``"-"``) copied to a temporary file.

    The file is read more than once (to detect its encoding, then its rows), so standard input is
    kept on disk rather than in memory. OS errors become one-line input errors.
    """
    if path == STDIN:
        with _copy_of(stdin or sys.stdin.buffer) as copy:
            yield copy
        return
    try:
        handle = open(path, "rb")  # noqa: SIM115  # the with below closes it; opening errors are said first
    except OSError as error:
        raise InputError(describe_open_error(path, error)) from None
    with handle:
        if handle.seekable():
            yield handle
            return
        # A pipe or a FIFO (<(...), /dev/stdin) reads once: keep a copy to read again.
        with _copy_of(handle) as copy:
            yield copy


@contextmanager
def _copy_of(source: IO[bytes]) -> Iterator[BinaryIO]:
    """What ``source`` holds, in a temporary file open from its start."""
    with tempfile.TemporaryFile() as copy:
        shutil.copyfileobj(source, copy)
        copy.seek(0)
        yield copy
