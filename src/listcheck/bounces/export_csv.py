"""CSV exports to rows, read by the project's own contact reader (``reading.contacts``): the same
encodings, delimiters, title rows and address-column detection as a contact list, written once.

Rows are numbered from 1, the first data record under the header; blank records keep their number
and give no row.
"""

from __future__ import annotations

from listcheck.bounces.export_json import NumberedRows
from listcheck.bounces.export_rows import Row, field_key
from listcheck.errors import ListcheckError
from listcheck.reading.contacts import ContactTable, read_contacts


def table_rows(data: bytes) -> NumberedRows | None:
    """The rows of a delimited text; None when it cannot be read as one.

    A table without an address column still gives its rows (without an address hint), so that each is
    counted as not understood rather than the file being dropped.

    >>> [(n, row.text("reason"), row.address_hint) for n, row in table_rows(b"email,reason\\na@x.es,full\\n")]
    [(1, 'full', 'a@x.es')]
    """
    has_address = True
    try:
        table = read_contacts(data)
    except ListcheckError:
        try:  # no column of addresses, perhaps: read it anyway, its first line as the header
            table = read_contacts(data, column="1", has_header=True)
        except ListcheckError:
            return None
        has_address = False
    return [(number, row) for number, row in _rows(table, has_address) if row is not None]


def _rows(table: ContactTable, has_address: bool) -> list[tuple[int, Row | None]]:
    header = table.header
    address_key = field_key(header[table.email_column]) if header and has_address else None
    rows: list[tuple[int, Row | None]] = []
    for number, record in enumerate(table.records, start=1):
        if not any(cell.strip() for cell in record):
            rows.append((number, None))
            continue
        fields = dict(zip(header, record)) if header else {}
        hint = record[table.email_column] if has_address else None
        rows.append((number, Row(fields, address_hint=hint, address_key=address_key)))
    return rows
