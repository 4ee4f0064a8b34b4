"""The shape of the rows as they are read: rows wider than the header, rows narrower than the widest,
and a quote never closed that swallowed the rows after it."""

from __future__ import annotations

from collections import Counter

from listcheck.messages import RunWarning, warn
from listcheck.reading.splitting import RecordBatch


class ShapeCheck:
    """What is wrong with the shape of the records: rows wider or narrower than the rest, and a quote
    that was never closed. Looks at each batch as it is read."""

    def __init__(self, header: list[str] | None, delimiter: str | None) -> None:
        self._header_width = len(header) if header is not None else None
        self._delimiter = delimiter  # None: one column, or a workbook
        self._widths: Counter[int] = Counter()
        self._long_rows = 0
        self._swallowed: list[RunWarning] = []

    def look_at(self, batch: RecordBatch) -> None:
        self._widths.update(map(len, batch.records))
        header_width = self._header_width
        if header_width is not None and max(map(len, batch.records)) > header_width:
            self._long_rows += sum(1 for record in batch.records if any(record[header_width:]))
        if batch.spans_lines and not self._swallowed:
            self._swallowed = _swallowed_rows(batch.records, self._delimiter, batch.first_row)

    def merge(self, later: ShapeCheck) -> None:
        """Take in what another check found in records that come after these (a file's next part)."""
        self._widths.update(later._widths)
        self._long_rows += later._long_rows
        self._swallowed = self._swallowed or later._swallowed

    @property
    def widest(self) -> int:
        return max(self._widths, default=0)

    def warnings(self, width: int) -> list[RunWarning]:
        """The warnings once every record is padded to ``width`` fields."""
        found = []
        if self._header_width is not None and width > self._header_width:
            found.append(warn("long_rows", count=self._long_rows))
        short = sum(count for fields, count in self._widths.items() if 0 < fields < width)
        if short:
            found.append(warn("short_rows", count=short))
        return found + self._swallowed


def _swallowed_rows(body: list[list[str]], delimiter: str | None, first_row: int) -> list[RunWarning]:
    """Warn of a quote that was never closed: the rows after it end up inside one cell, unchecked.

    A cell holding several line breaks and the delimiter between them is rows, not a note.
    """
    if delimiter is None:
        return []
    for offset, record in enumerate(body):
        for cell in record:
            if cell.count("\n") >= 2 and any(delimiter in line for line in cell.splitlines()[1:]):
                return [warn("unclosed_quote", row=first_row + offset, lines=cell.count(chr(10)) + 1,
                            delimiter=delimiter)]
    return []
