"""Workbooks (.xlsx) written a batch of rows at a time, every cell text (see ``reading.workbooks``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Self

from listcheck.writing.outputs import write_all


class XlsxOutputs:
    """Workbooks written a batch of rows at a time, all or nothing: ``CsvOutputs`` for .xlsx."""

    def __init__(self, outputs: Sequence[tuple[str, Sequence[str] | None]], sheet: str) -> None:
        import openpyxl

        self._outputs = outputs
        self._books = []
        for _, header in outputs:
            book = openpyxl.Workbook(write_only=True)
            book.create_sheet(title=sheet)
            self._books.append(book)
            if header is not None:
                self._append(book, [header])

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        pass

    def write(self, number: int, rows: Iterable[Sequence[object] | str]) -> None:
        self._append(self._books[number], [row for row in rows if not isinstance(row, str)])

    def commit(self) -> None:
        """Save every workbook, then put them all under their final names."""
        write_all([(path, book.save) for (path, _), book in zip(self._outputs, self._books)])

    @staticmethod
    def _append(book: Any, rows: Iterable[Sequence[object]]) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        sheet = book.worksheets[0]
        for row in rows:
            cells: list[Any] = []  # cells, and None for an empty one
            for value in row:
                text = ILLEGAL_CHARACTERS_RE.sub("", str(value))  # only our own sentences could hold them
                if not text:
                    cells.append(None)  # an empty cell, as it was read
                    continue
                cell = WriteOnlyCell(sheet, value=text)
                cell.data_type = "s"  # text, always: "=..." is no formula, "1/2" no date
                cells.append(cell)
            sheet.append(cells)

