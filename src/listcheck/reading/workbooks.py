"""Excel workbooks (.xlsx) read, every cell as the text it stands for (``writing.workbooks`` writes them).

Course authors live in Excel. A workbook is read with openpyxl: the values Excel last computed (not
formulas), each cell turned into the text it stands for, so that nothing is reinterpreted on the
way out: a code typed as text ("00123") stays "00123", a number formatted with leading zeros
("00000") gets them, a date becomes its ISO form (2024-03-05), a whole number loses Excel's ".0".
The outputs are workbooks whose every cell is text, so Excel does not turn "1/2" into a date or
"=..." into a formula when the client opens them.
"""

from __future__ import annotations

import datetime
import os
import re
import zipfile
from collections.abc import Iterator
from typing import Any, BinaryIO

from listcheck.errors import InputError, UsageError
from listcheck.messages import RunWarning, say, warn
from listcheck.reading.columns import SAMPLE_RECORDS, find_layout
from listcheck.reading.contacts import ShapeCheck
from listcheck.reading.splitting import RecordBatch

_ONLY_ZEROS = re.compile(r"^0+$")  # a number format like 00000: a code with its leading zeros


class WorkbookFile:
    """A sheet of a workbook, read as a contact list: the same face as ``reading.ContactFile``.

    Excel caps a sheet at about a million rows, so the sheet is held in memory as text.
    """

    def __init__(self, handle: BinaryIO, *, sheet: str | None = None, column: str | None = None,
                 has_header: bool | None = None) -> None:
        import openpyxl

        handle.seek(0, os.SEEK_END)
        self.size = handle.tell()
        handle.seek(0)
        try:
            workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
            raise InputError(say("error.workbook", error=error), say("hint.workbook")) from None
        try:
            names = [worksheet.title for worksheet in workbook.worksheets]  # chart sheets hold no rows
            if not names:
                raise InputError(say("error.only_charts"))
            if sheet is not None and sheet not in names:
                raise UsageError(say("usage.no_such_sheet", sheet=sheet,
                                     sheets=", ".join(repr(name) for name in names)))
            self.sheet = sheet if sheet is not None else names[0]
            records = _trimmed([[_as_text(cell) for cell in row] for row in workbook[self.sheet].iter_rows()])
        finally:
            workbook.close()
        # Empty rows above the table, as people leave them: a spreadsheet shows them as rows.
        self.blank_rows_before = next((number for number, record in enumerate(records) if any(record)), 0)
        records = records[self.blank_rows_before:]
        if not records:
            raise InputError(say("error.empty_sheet", sheet=self.sheet))
        self.warnings: list[RunWarning] = []
        if sheet is None and len(names) > 1:
            self.warnings.append(warn("sheets", count=len(names), sheet=self.sheet))
        layout = find_layout(records[:SAMPLE_RECORDS + 1], column=column, has_header=has_header)
        self.header = records[0] if layout.has_header else None
        self._records = records[1:] if layout.has_header else records
        self.email_column = layout.email_column
        self.column_found_by = layout.found_by
        self.sample_width = max(len(record) for record in records)

    delimiter = None  # cells come as cells
    encoding_name = "xlsx"
    text_format = None  # its outputs are workbooks: text cells, never run as formulas

    @property
    def email_column_name(self) -> str:
        return self.header[self.email_column] if self.header is not None else str(self.email_column + 1)

    @property
    def first_row_number(self) -> int:
        return self.blank_rows_before + (2 if self.header is not None else 1)

    def shape_check(self) -> ShapeCheck:
        """A check of the rows' widths against the header's, as they are read."""
        return ShapeCheck(self.header, None)

    def batches(self, size: int = 50_000) -> Iterator[RecordBatch]:
        """The records under the header, ``size`` at a time (copies: the caller pads them)."""
        for start in range(0, len(self._records), size):
            chunk = [list(record) for record in self._records[start:start + size]]
            yield RecordBatch(self.first_row_number + start, chunk, spans_lines=False)


def _as_text(cell: Any) -> str:
    """The text a cell stands for (see the module's docstring)."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time(0) else value.isoformat(sep=" ")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (int, float)):
        number_format = getattr(cell, "number_format", "General") or "General"
        whole = isinstance(value, int) or (value.is_integer() and abs(value) < 1e15)
        if whole and _ONLY_ZEROS.match(number_format):
            return f"{int(value):0{len(number_format)}d}"
        if "%" in number_format:
            return f"{value * 100:.15g}%"
        # Excel keeps 15 significant digits: more would be digits it never had.
        return str(int(value)) if whole else f"{value:.15g}"
    return str(value)


def _trimmed(rows: list[list[str]]) -> list[list[str]]:
    """The rows without the empty rows and columns Excel keeps after the data (formatting, old content)."""
    while rows and not any(rows[-1]):
        rows.pop()
    width = max((max((i + 1 for i, cell in enumerate(row) if cell), default=0) for row in rows), default=0)
    return [row[:width] for row in rows]
