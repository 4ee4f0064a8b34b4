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
import posixpath
import re
import zipfile
from collections.abc import Iterator
from typing import IO, Any, BinaryIO
from xml.etree.ElementTree import Element, iterparse

from listcheck.errors import InputError, UsageError
from listcheck.messages import RunWarning, number, say, warn
from listcheck.reading.columns import (
    SAMPLE_RECORDS,
    LaidOutSource,
    rows_above_header,
    skipped_rows_warning,
)
from listcheck.reading.shapes import ShapeCheck
from listcheck.reading.splitting import RecordBatch

_ONLY_ZEROS = re.compile(r"^0+$")  # a number format like 00000: a code with its leading zeros


class WorkbookFile(LaidOutSource):
    """A sheet of a workbook, read as a contact list: the same face as ``reading.ContactFile``.

    Excel caps a sheet at about a million rows, so the sheet is held in memory as text.
    """

    def __init__(self, handle: BinaryIO, *, sheet: str | None = None, column: str | None = None,
                 has_header: bool | None = None, skip_rows: int | None = None) -> None:
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
            worksheet = workbook[self.sheet]
            rows = _trimmed([[_as_text(cell) for cell in row] for row in worksheet.iter_rows()])
        finally:
            workbook.close()
        if not rows:
            raise InputError(say("error.empty_sheet", sheet=self.sheet))
        self.warnings: list[RunWarning] = []
        if sheet is None and len(names) > 1:
            self.warnings.append(warn("sheets", count=len(names), sheet=self.sheet))
        formulas = formulas_without_values(handle, self.sheet)
        if formulas:
            self.warnings.append(warn("formulas_without_values", count=len(formulas), cells=_some(formulas)))
        records, under_titles = self._skip_rows_above(rows, skip_rows, has_header)
        layout = self._lay_out(records[:SAMPLE_RECORDS + 1], column=column, has_header=has_header,
                               titles_found=under_titles)
        self._records = records[1:] if layout.has_header else records
        self._given = 0  # records handed out by the running batches()
        self.sample_width = max(len(record) for record in records)

    def _skip_rows_above(self, rows: list[list[str]], skip_rows: int | None,
                         has_header: bool | None) -> tuple[list[list[str]], bool]:
        """The rows from the header on: ``skip_rows`` left out, else the empty rows people leave above a
        table and the titles above its header (named in a warning); and whether titles were found."""
        titles = 0
        if skip_rows is not None:
            if skip_rows >= len(rows):
                raise UsageError(say("usage.skip_rows", rows=skip_rows))
            self._rows_above = skip_rows
        else:
            blank = next(number for number, record in enumerate(rows) if any(record))  # _trimmed left one
            titles = rows_above_header(rows[blank:blank + SAMPLE_RECORDS + 1]) if has_header is None else 0
            self._rows_above = blank + titles
        # Blank rows alone are no news: the outputs start with the header all the same.
        if self.rows_above and (titles or skip_rows):
            self.warnings.append(skipped_rows_warning(rows[:self.rows_above]))
        return rows[self.rows_above:], titles > 0

    delimiter = None  # cells come as cells
    encoding_name = "xlsx"
    text_format = None  # its outputs are workbooks: text cells, never run as formulas

    @property
    def rows_above(self) -> int:
        """The rows a spreadsheet shows above the header: blank rows, titles, or ``skip_rows``."""
        return self._rows_above

    def shape_check(self) -> ShapeCheck:
        """A check of the rows' widths against the header's, as they are read."""
        return ShapeCheck(self.header, None)

    def fraction_read(self) -> float:
        """How far the last ``batches`` has got, 0 to 1, for a progress display."""
        return self._given / len(self._records) if self._records else 1.0

    def batches(self, size: int = 50_000) -> Iterator[RecordBatch]:
        """The records under the header, ``size`` at a time (copies: the caller pads them)."""
        for start in range(0, len(self._records), size):
            chunk = [list(record) for record in self._records[start:start + size]]
            self._given = start + len(chunk)
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


# A formula element, whatever the namespace prefix: "<f>", "<f t="shared" .../>", "<x:f>".
_FORMULA_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")
_CELL_REFERENCE = re.compile(r"([A-Z]+)(\d+)$")


def formulas_without_values(handle: BinaryIO, sheet: str) -> list[str]:
    """The cells (``B2``) of the workbook's sheet called ``sheet`` that hold a formula with no
    computed value. Excel and LibreOffice store the value each formula last gave; programs that write
    workbooks (openpyxl, most libraries) store the formula alone, which then reads as an empty cell.

    Most sheets hold no formula at all: the sheet is searched for one first, and parsed only then.
    """
    with zipfile.ZipFile(handle) as archive:
        part = _sheet_part(archive, sheet)
        if part is None or part not in archive.namelist():
            return []  # a workbook laid out in a way this does not know: no warning rather than a wrong one
        with archive.open(part) as xml:
            if not _holds_a_formula(xml):
                return []
        with archive.open(part) as xml:
            return _cells_without_values(xml)


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATION = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PACKAGE = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _sheet_part(archive: zipfile.ZipFile, sheet: str) -> str | None:
    """Where the sheet called ``sheet`` is stored in the archive, by the workbook's own index
    (``xl/workbook.xml`` names each sheet's relationship, ``xl/_rels/workbook.xml.rels`` its file)."""
    from xml.etree import ElementTree

    try:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        links = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return None
    relation = next((entry.get(_RELATION) for entry in book.iter(f"{_MAIN}sheet") if entry.get("name") == sheet), None)
    target = next((link.get("Target") for link in links.iter(f"{_PACKAGE}Relationship")
                   if link.get("Id") == relation), None)
    if not target:
        return None
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))


def _holds_a_formula(xml: IO[bytes]) -> bool:
    tail = b""
    while block := xml.read(1 << 20):
        if _FORMULA_TAG.search(tail + block):
            return True
        tail = block[-32:]  # a tag cut in two by the block's end
    return False


def _cells_without_values(xml: IO[bytes]) -> list[str]:
    """The references of the formula cells without a value; a formula that computed an empty text
    (``t="str"``, an empty ``<v>``) has one."""
    from openpyxl.utils import column_index_from_string, get_column_letter

    found: list[str] = []
    row, column = 0, 0
    rows: Element | None = None
    for event, element in iterparse(xml, events=("start", "end")):
        tag = element.tag.rpartition("}")[2]
        if event == "start":
            if tag == "row":
                row, column = int(element.get("r") or row + 1), 0
            elif tag == "sheetData":
                rows = element
            continue
        if tag == "c":
            reference = element.get("r") or ""
            match = _CELL_REFERENCE.match(reference)
            column = column_index_from_string(match.group(1)) if match else column + 1
            children = {child.tag.rpartition("}")[2]: child for child in element}
            value = children.get("v")
            if "f" in children and not (value is not None and value.text) and element.get("t") != "str":
                found.append(reference if match else f"{get_column_letter(column)}{row}")
        elif tag == "row" and rows is not None:
            rows.clear()  # the rows read so far: memory stays flat on big sheets
    return found


def _some(cells: list[str], shown: int = 3) -> str:
    """``B2, B3, B4 and 5 more``: the first cells, and how many others."""
    listed = ", ".join(cells[:shown])
    return listed if len(cells) <= shown else say("list.and_more", shown=listed, more=number(len(cells) - shown))
