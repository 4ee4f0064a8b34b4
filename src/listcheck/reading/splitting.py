"""Text to records, a batch at a time: a plain split for the lines that allow it, the csv module for the rest.

The csv module costs about two microseconds a record, most of a big list's reading time. A line
with no quote, no NUL and the file's own line end is split exactly as the csv module would split
it, and writing that record back unchanged gives the line itself: such a record keeps its line, so
the writer can copy it instead of quoting it again. Every other line (quoted cells, cells running
over several lines, blank lines, a different line end) goes through one csv reader, which also
takes the continuation lines it needs.
"""

from __future__ import annotations

import csv
import itertools
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TextIO

from listcheck.errors import InputError
from listcheck.messages import say


@dataclass(frozen=True)
class RecordBatch:
    """Consecutive records of a file, as read (not yet padded to the widest row)."""

    first_row: int  # the spreadsheet row number of the first record
    records: list[list[str]]
    spans_lines: bool  # some record ran over several lines: a quoted cell holds line breaks
    # Each record's line, line end included, where writing the record back unchanged gives exactly
    # that line; None where it does not, or for every record when the lines were not kept.
    lines: list[str | None] | None = None


def widest_record(batches: Iterable[RecordBatch]) -> int:
    """The number of fields of the widest record of all these batches."""
    return max((max(map(len, batch.records)) for batch in batches), default=0)


def record_batches(text: TextIO, *, delimiter: str, line_end: str | None, size: int, first_row: int,
                   skip: int = 0) -> Iterator[RecordBatch]:
    """The records of ``text`` in batches of ``size``, numbered from ``first_row``.

    ``line_end`` is the file's line end when every CR in the text is part of a CRLF (so that the
    text's lines are its CRLF- or LF-ended lines); None reads every record with the csv module.
    ``skip`` drops that many records first (rows above the header, the header); ``first_row`` numbers
    the first record kept.
    """
    # The csv module refuses cells over 128 KiB by default; notes fields in CRM exports can be larger.
    previous_limit = csv.field_size_limit(2**31 - 1)
    try:
        batches = _SplitReader(text, delimiter, line_end) if line_end else _CsvReader(text, delimiter)
        if skip:
            batches.read(skip)
        row = first_row
        while batch := batches.read(size):
            records, lines, spans_lines = batch
            yield RecordBatch(row, records, spans_lines, lines)
            row += len(records)
    except csv.Error as error:
        raise InputError(say("error.cannot_split", error=error), say("hint.delimiter")) from None
    finally:
        csv.field_size_limit(previous_limit)


_Batch = tuple[list[list[str]], list[str | None] | None, bool]


class _CsvReader:
    """Every record through the csv module."""

    def __init__(self, text: TextIO, delimiter: str) -> None:
        self._reader = csv.reader(text, delimiter=delimiter, strict=False)

    def read(self, size: int) -> _Batch | None:
        lines_before = self._reader.line_num
        records = list(itertools.islice(self._reader, size))
        if not records:
            return None
        return records, None, self._reader.line_num - lines_before > len(records)


class _SplitReader:
    """Plain lines split, the others handed to one csv reader."""

    def __init__(self, text: TextIO, delimiter: str, line_end: str) -> None:
        self._lines = iter(text)
        self._queued: deque[str] = deque()  # lines read ahead, to be read before the file's next ones
        self._delimiter = delimiter
        self._line_end = line_end
        self._handed: list[str] = []  # the line the csv reader is to read next
        self._continuations = 0  # lines the csv reader took beyond those handed to it
        self._reader = csv.reader(self._feed(), delimiter=delimiter, strict=False)

    def _next_line(self) -> str | None:
        return self._queued.popleft() if self._queued else next(self._lines, None)

    def _feed(self) -> Iterator[str]:
        while True:
            if self._handed:
                yield self._handed.pop()
                continue
            line = self._next_line()
            if line is None:
                return
            self._continuations += 1
            yield line

    def read(self, size: int) -> _Batch | None:
        if not self._queued:
            lines = list(itertools.islice(self._lines, size))
            if not lines:
                return None
            if self._all_plain(lines):  # the common case: the whole batch split at once
                cut = len(self._line_end)
                return [line[:-cut].split(self._delimiter) for line in lines], list(lines), False
            self._queued.extend(lines)
        return self._read_line_by_line(size)

    def _all_plain(self, lines: list[str]) -> bool:
        """Whether every line is plain: no quote, no NUL, not blank, ended by the file's line end."""
        text = "".join(lines)
        if '"' in text or "\x00" in text:
            return False
        line_end = self._line_end
        if text.startswith(line_end) or line_end * 2 in text:  # a blank line: the csv module reads it as []
            return False
        ends = text.count(line_end)
        return ends == len(lines) and text.count("\n") == ends and text.count("\r") == (ends if line_end == "\r\n" else 0)

    def _read_line_by_line(self, size: int) -> _Batch | None:
        records: list[list[str]] = []
        kept: list[str | None] = []
        delimiter, line_end = self._delimiter, self._line_end
        cut = len(line_end)
        crlf_in_lf_file = line_end == "\n"  # a CRLF line in an LF file is written back with LF
        continuations = self._continuations
        while len(records) < size:
            line = self._next_line()
            if line is None:
                break
            if (line.endswith(line_end) and '"' not in line and "\x00" not in line and len(line) > cut
                    and not (crlf_in_lf_file and line.endswith("\r\n"))):
                records.append(line[:-cut].split(delimiter))
                kept.append(line)
            else:
                self._handed.append(line)
                records.append(next(self._reader))
                kept.append(None)
        if not records:
            return None
        return records, kept, self._continuations > continuations
