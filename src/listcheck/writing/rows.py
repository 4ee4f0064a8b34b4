"""The rows each output gets from a judged batch: the record with its address written back, and
for the rejected file (and an annotated clean file) the ``listcheck_*`` columns."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from listcheck.judged import JudgedBatch
from listcheck.reading.splitting import RecordBatch
from listcheck.reasons import Destination
from listcheck.verdict import AddressVerdict
from listcheck.writing.outputs import defuse_formulas

VERDICT_COLUMNS = ["listcheck_row", "listcheck_status", "listcheck_reason", "listcheck_detail",
                   "listcheck_suggestion"]


@dataclass(frozen=True)
class RowShape:
    """What the output rows hold beyond the input's cells."""

    column: int  # the address column
    annotate: bool  # the clean file gets the listcheck_* columns too
    safe_formulas: bool  # cells a spreadsheet would run get a leading '


def rows_for_outputs(batch: RecordBatch, judged: JudgedBatch,
                     shape: RowShape) -> tuple[list[list[str] | str], list[list[str]]]:
    """The rows for the clean file and for the rejected file, with the address written back.

    A clean row whose record is unchanged is its line as read, when the reader kept it (see
    ``reading.splitting``): the writer copies it.
    """
    clean, column = Destination.CLEAN, shape.column
    first_row, records, addresses, destinations = batch.first_row, batch.records, judged.addresses, judged.destinations
    clean_rows: list[list[str] | str]
    if shape.annotate:
        clean_rows = [_annotated(first_row + offset, records[offset], column, addresses[offset], judged.verdicts[offset])
                      for offset, destination in enumerate(destinations) if destination is clean]
    elif shape.safe_formulas:
        clean_rows = [_with_cell(record, column, address)
                      for record, address, destination in zip(records, addresses, destinations)
                      if destination is clean]
    else:  # most rows: the record as it was read
        lines = batch.lines or itertools.repeat(None)
        clean_rows = [(line or record) if record[column] == address else _with_cell(record, column, address)
                      for record, line, address, destination in zip(records, lines, addresses, destinations)
                      if destination is clean]
    # A correction goes into the clean file only; a rejected row shows what was typed.
    rejected_rows = [_annotated(first_row + offset, records[offset], column,
                                judged.verdicts[offset].corrected_from or addresses[offset], judged.verdicts[offset])
                     for offset, destination in enumerate(destinations) if destination is Destination.REJECTED]
    if shape.safe_formulas:
        clean_rows = [defuse_formulas(row) for row in clean_rows if isinstance(row, list)]
        rejected_rows = [defuse_formulas(row) for row in rejected_rows]
    return clean_rows, rejected_rows


def generated_header(email_column: int, width: int) -> list[str]:
    """Column names for the rejected file of an input without a header."""
    return ["email" if i == email_column else f"column_{i + 1}" for i in range(width)]


def output_headers(header: list[str] | None, email_column: int, width: int,
                   annotate: bool) -> tuple[list[str] | None, list[str]]:
    """The headers of the clean file (None: none) and of the rejected file, for records ``width`` wide.

    A file without a header keeps none in the clean file, ready to import as it came; the rejected
    file is read by people, so it names its columns. Rows wider than the header (kept as they are)
    push the listcheck_* columns right: the rejected header is padded to line up with them.
    """
    named = header if header is not None else generated_header(email_column, width)
    padded = named + [""] * (width - len(named))
    return (padded + VERDICT_COLUMNS if annotate else header), padded + VERDICT_COLUMNS


def pad_records(batch: RecordBatch, width: int) -> None:
    """Give every short record of the batch empty cells up to ``width``."""
    records, lines = batch.records, batch.lines
    for offset, record in enumerate(records):
        if len(record) < width:
            record.extend([""] * (width - len(record)))
            if lines is not None:
                lines[offset] = None  # written back padded: no longer the line as read


def _annotated(row: int, record: list[str], column: int, address: str, verdict: AddressVerdict) -> list[str]:
    """The record with its address and the ``listcheck_*`` columns."""
    return [*_with_cell(record, column, address), str(row), verdict.status.value,
            verdict.reason.code if verdict.reason else "", verdict.detail, verdict.suggestion]


def _with_cell(record: list[str], column: int, text: str) -> list[str]:
    return record if record[column] == text else [*record[:column], text, *record[column + 1:]]
