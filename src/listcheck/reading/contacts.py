"""Reading a contact export: bytes to text, text to records, records to a table.

Spreadsheets write CSV in the Windows code page of the user's locale (cp1252 in Spain and Latin
America, cp1251 in Ukraine and Russia), as UTF-8 with or without a BOM, or as UTF-16 "Unicode text"
with tabs; the delimiter follows the locale's list separator. All of it is detected here, and every
cell stays exactly the text it was.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from codecs import BOM_UTF8
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import BinaryIO

import idna

from listcheck.checks.tlds import tld_exists
from listcheck.errors import InputError, UsageError
from listcheck.messages import RunWarning, say
from listcheck.reading.columns import (
    SAMPLE_RECORDS,
    TITLE_ROWS,
    LaidOutSource,
    header_name,
    rows_above_header,
    skipped_rows_warning,
)
from listcheck.reading.decoding import detect_encoding
from listcheck.reading.shapes import ShapeCheck
from listcheck.reading.splitting import RecordBatch, record_batches, widest_record

DELIMITERS = (",", ";", "\t", "|")
_SNIFF_CHARS = 64 * 1024


@dataclass(frozen=True)
class TextFormat:
    """How the file was written, so the outputs can be written the same way."""

    codec: str  # a Python codec for the text after the BOM, e.g. "utf-8", "cp1252", "utf-16-le"
    bom: bytes = b""
    delimiter: str = ","
    line_terminator: str = "\r\n"
    errors: str = "strict"  # how bytes that are not text were decoded: "surrogateescape" keeps them
    cells_may_hold_cr: bool = True  # a CR that does not end a line: the writer must quote it by hand
    preamble: str = ""  # lines before the header, kept as they are: Excel's "sep=;", blank lines

    @property
    def encoding(self) -> str:
        """The name a user passes to ``--encoding`` to read this file the same way."""
        if self.bom == BOM_UTF8:
            return "utf-8-sig"
        if self.bom:
            return self.codec.rsplit("-", 1)[0]  # utf-16-le: "utf-16", which reads the BOM
        return self.codec


@dataclass(frozen=True)
class ContactTable:
    """A contact list as read: the header (if any), the records, and where the addresses are."""

    header: list[str] | None
    records: list[list[str]]
    email_column: int
    text_format: TextFormat
    column_found_by: str
    warnings: list[RunWarning] = field(default_factory=list)
    rows_above: int = 0  # rows above the header (blank lines, titles), which a spreadsheet shows as rows
    other_email_columns: list[int] = field(default_factory=list)  # other columns holding addresses

    @property
    def email_column_name(self) -> str:
        """The header of the address column, or its 1-based position in a file without header."""
        return header_name(self.header, self.email_column)

    @property
    def first_row_number(self) -> int:
        """The spreadsheet row number of the first record: 2 under a header, else 1."""
        return self.rows_above + (2 if self.header is not None else 1)

    @property
    def width(self) -> int:
        """The number of fields of the widest record (the header may be narrower)."""
        return len(self.records[0]) if self.records else len(self.header or [""])


class ContactFile(LaidOutSource):
    """A contact export open for reading, its records read in batches, as many times as needed.

    Opening it reads the file through once in blocks, to know its encoding for sure, then looks at its
    beginning for the delimiter, the header and the address column. Memory does not grow with the
    file: only a batch of records is held at a time.
    """

    def __init__(self, handle: BinaryIO, *, encoding: str | None = None, delimiter: str | None = None,
                 column: str | None = None, has_header: bool | None = None,
                 encoding_errors: str = "strict", skip_rows: int | None = None) -> None:
        handle.seek(0, io.SEEK_END)
        self.size = handle.tell()  # in bytes
        if self.size == 0:
            raise InputError(say("error.empty"))
        self._handle = handle
        self._encoding = detect_encoding(handle, encoding, errors=encoding_errors)
        text = self._text()
        head = text.read(2 * _SNIFF_CHARS)
        text.detach()  # a wrapper that is let go closes the file under it
        # Under --skip-rows, blank lines above the header are rows to skip like the others.
        preamble, excel_separator, self._blank_lines, rest = split_preamble(head, blank_lines=skip_rows is None)
        self._delimiter = delimiter or excel_separator or sniff_under_titles(rest, skip_rows)
        self._skip_chars = len(preamble)  # the records are read after it
        self._above = 0  # records read and left out above the header: titles, notes, blank rows
        self.text_format = TextFormat(
            codec=self._encoding.codec, bom=self._encoding.bom, delimiter=self._delimiter or ",",
            line_terminator=_line_terminator(rest), preamble=preamble,
            errors=self._encoding.errors, cells_may_hold_cr=self._encoding.lone_cr,
        )
        self.warnings = list(self._encoding.warnings)
        records = self._read_sample(skip_rows, has_header)
        widest = max(len(record) for record in records)
        if column is not None and column.isdigit() and int(column) > widest:
            # A position past the first rows' width may exist further down: measure the whole file.
            widest = widest_record(self._batches(50_000, skip=self._above))
        self._lay_out(records, column=column, has_header=has_header, width=widest,
                      titles_found=bool(self._above) and skip_rows is None)
        # The widest record of the sample: a later, wider one is found while reading (see runner).
        self.sample_width = max(len(record) for record in records)

    def _read_sample(self, skip_rows: int | None, has_header: bool | None) -> list[list[str]]:
        """The first records from the header on (or the first record, without one); finds the rows above
        the header, or skips ``skip_rows``, and names what they held in a warning."""
        sample = next(self._batches(SAMPLE_RECORDS + 1 + (TITLE_ROWS if skip_rows is None else skip_rows), skip=0),
                      None)
        if sample is None or not any(sample.records):
            raise InputError(say("error.blank"))
        if skip_rows is not None:
            if skip_rows >= len(sample.records):
                raise UsageError(say("usage.skip_rows", rows=skip_rows))
            self._above = skip_rows
        elif has_header is None:
            self._above = rows_above_header(sample.records)
        if self._above:
            blank: list[list[str]] = [[] for _ in range(self._blank_lines)]
            self.warnings.append(skipped_rows_warning(blank + sample.records[:self._above]))
            # The outputs start with the header, after Excel's sep= line: nothing above it is written back.
            self.text_format = replace(self.text_format, preamble=_separator_line(self.text_format.preamble))
        return sample.records[self._above:]

    @property
    def rows_above(self) -> int:
        """The rows a spreadsheet shows above the header (or above the first record, without one)."""
        return self._blank_lines + self._above

    sheet = ""  # a CSV file has no sheets

    @property
    def delimiter(self) -> str | None:
        """The delimiter, None for a file of one column."""
        return self._delimiter

    @property
    def encoding_name(self) -> str:
        """The name a user passes to ``--encoding`` to read this file the same way."""
        return self.text_format.encoding

    def shape_check(self) -> ShapeCheck:
        """A check of the rows' widths against the header's, as they are read."""
        return ShapeCheck(self.header, self._delimiter)

    def fraction_read(self) -> float:
        """How far the reading of the file has got, 0 to 1, for a progress display."""
        return min(self._handle.tell() / self.size, 1.0) if self.size else 1.0

    def batches(self, size: int = 50_000) -> Iterator[RecordBatch]:
        """The records under the header, ``size`` at a time."""
        return self._batches(size, skip=self._above + (1 if self.header is not None else 0))

    def _batches(self, size: int, *, skip: int) -> Iterator[RecordBatch]:
        """The records after the preamble, the first ``skip`` of them left out."""
        text = self._text()
        try:
            text.read(self._skip_chars)
            # Lines are split plainly where they can be, unless a CR stands alone somewhere: then a
            # line of the text is not a line of the file.
            # A one-column file is written back with ',' between cells it never had: its lines are
            # not the records the writer would write, so each goes through the csv module.
            line_end = None if self._encoding.lone_cr or self._delimiter is None else self.text_format.line_terminator
            yield from record_batches(
                text, delimiter=self._delimiter or self._encoding.spare_control,  # one column: split on nothing
                line_end=line_end if line_end in ("\n", "\r\n") else None, size=size,
                first_row=self._blank_lines + skip + 1, skip=skip)
        finally:
            text.detach()  # a wrapper that is let go closes the file under it

    def _text(self) -> io.TextIOWrapper:
        """The file's text from its start, after any BOM; line ends are left as they are."""
        self._handle.seek(len(self._encoding.bom))
        return io.TextIOWrapper(self._handle, encoding=self._encoding.codec, errors=self._encoding.errors,
                                newline="")


def read_contacts(
    data: bytes,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    column: str | None = None,
    has_header: bool | None = None,
    encoding_errors: str = "strict",
    skip_rows: int | None = None,
) -> ContactTable:
    """Read a whole contact export held in ``data``; the keyword arguments override detection.

    For lists small enough to hold (suppression lists, tests); ``ContactFile`` reads any size.
    ``encoding_errors`` decides what becomes of bytes that are not text in the file's encoding:
    ``strict`` refuses the file naming the line, ``keep`` carries them through to the outputs
    unchanged, ``replace`` writes U+FFFD instead.

    >>> table = read_contacts("Nombre;Correo\\nAna;ana@correo.es\\n".encode("cp1252"))
    >>> table.header, table.records, table.text_format.delimiter
    (['Nombre', 'Correo'], [['Ana', 'ana@correo.es']], ';')
    """
    contacts = ContactFile(io.BytesIO(data), encoding=encoding, delimiter=delimiter, column=column,
                           has_header=has_header, encoding_errors=encoding_errors, skip_rows=skip_rows)
    body: list[list[str]] = []
    shape = ShapeCheck(contacts.header, contacts.delimiter)
    for batch in contacts.batches():
        shape.look_at(batch)
        body.extend(batch.records)
    width = max([len(contacts.header or [])] + [len(record) for record in body])
    for record in body:
        record.extend([""] * (width - len(record)))
    return ContactTable(contacts.header, body, contacts.email_column, contacts.text_format,
                        contacts.column_found_by, contacts.warnings + shape.warnings(width),
                        contacts.rows_above, contacts.other_email_columns)


_EXCEL_SEPARATOR = re.compile(r"sep=(.)(\r\n|\n|\r)", re.IGNORECASE)
_BLANK_LINE = re.compile(r"[ \t]*(\r\n|\n|\r)")


def split_preamble(text: str, *, blank_lines: bool = True) -> tuple[str, str | None, int, str]:
    r"""Split off what stands above the table: Excel's ``sep=;`` line and blank lines (unless
    ``blank_lines`` is False).

    Returns the preamble as it is written, the separator Excel was told, the number of blank lines
    (a spreadsheet shows them as rows; it hides ``sep=``), and the rest of the text.

    >>> split_preamble("sep=;\r\n\r\nNombre;Correo\r\n")
    ('sep=;\r\n\r\n', ';', 1, 'Nombre;Correo\r\n')
    """
    separator = None
    position = 0
    match = _EXCEL_SEPARATOR.match(text)
    if match:
        separator, position = match.group(1), match.end()
    blank_rows = 0
    while blank_lines and (blank := _BLANK_LINE.match(text, position)) and blank.end() < len(text):
        blank_rows, position = blank_rows + 1, blank.end()
    return text[:position], separator, blank_rows, text[position:]


def _separator_line(preamble: str) -> str:
    """Excel's ``sep=`` line of a preamble, or nothing."""
    match = _EXCEL_SEPARATOR.match(preamble)
    return match.group(0) if match else ""


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\n|\r|$)")


def sniff_under_titles(text: str, skip_rows: int | None = None) -> str | None:
    r"""``sniff_delimiter`` for the table under the rows above its header: ``skip_rows`` lines of them,
    or, when the first line splits into no table (a title: "Alumnos 2024"), the table under the first
    lines that do not hold an address.

    >>> sniff_under_titles("Alumnos 2024\n\nNombre;Correo\nAna;ana@correo.es\n")
    ';'
    """
    if skip_rows is not None:
        skipped = itertools.islice(_LINE.finditer(text), skip_rows)
        return sniff_delimiter(text[sum(len(match.group(0)) for match in skipped):])
    found = sniff_delimiter(text)
    if found is not None:
        return found
    lines = [match.group(0) for match in itertools.islice(_LINE.finditer(text), TITLE_ROWS + 101)]
    for skip in range(1, min(TITLE_ROWS, len(lines) - 1) + 1):
        if "@" in lines[skip - 1]:  # data: the lines above a header hold no address
            break
        found = sniff_delimiter("".join(lines[skip:skip + 100]))
        if found is not None:
            break
    return found


def sniff_delimiter(text: str) -> str | None:
    """The delimiter that splits the first lines into the same number of fields, or None for one column.

    >>> sniff_delimiter("a;b;1,5\\nc;d;2,5\\n"), sniff_delimiter("ana@correo.es\\n")
    (';', None)
    """
    sample = text[:_SNIFF_CHARS]
    if len(text) > _SNIFF_CHARS:
        sample = sample[: sample.rfind("\n") + 1] or sample  # whole lines only
    best: tuple[bool, float, int, int, int] | None = None
    chosen = None
    for delimiter in DELIMITERS:
        rows = [r for r in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter) if r]
        if not rows:
            continue
        counts = [len(r) for r in rows]
        fields, seen = Counter(counts).most_common(1)[0]
        # A delimiter splits the first row (the header, usually) too: a list of addresses whose later
        # cells hold "a@x.es; b@y.es" is not a table split by ";".
        if fields < 2 or counts[0] < 2:
            continue
        # Cells holding an address and no other delimiter: "1.234,50;ana@correo.es" is split by ";".
        others = [d for d in DELIMITERS if d != delimiter]
        address_cells = sum(1 for r in rows for cell in r if "@" in cell and not any(d in cell for d in others))
        # Rank by whether the first row has the common field count, by how many rows agree on it, by
        # the cells that hold an address alone, then by the field count itself.
        score = (counts[0] == fields, seen / len(counts), address_cells, fields, -DELIMITERS.index(delimiter))
        if best is None or score > best:
            best, chosen = score, delimiter
    return chosen


def _line_terminator(text: str) -> str:
    first = text.find("\n")
    if first == -1:
        return "\r\n" if "\r" not in text else "\r"
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


def read_file_bytes(path: str) -> bytes:
    """The file's bytes, with OS errors turned into one-line input errors."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as error:
        raise InputError(describe_open_error(path, error)) from None


def describe_open_error(path: str, error: OSError) -> str:
    """One line saying why ``path`` could not be read."""
    if isinstance(error, FileNotFoundError):
        return say("error.not_found", path=path)
    if isinstance(error, IsADirectoryError):
        return say("error.folder", path=path)
    if isinstance(error, PermissionError):
        return say("error.permission", path=path)
    return say("error.unreadable", path=path, reason=error.strerror)


def read_domain_list(path: str) -> list[str]:
    """Domains from a plain list, one per line; blank lines and ``#`` comments are skipped.

    Domains are lower-cased and put in their ASCII form by IDNA 2008 with UTS 46 mapping, as
    email-validator does for addresses (``straße.de`` is ``xn--strae-oqa.de``, not ``strasse.de``).
    A line that is not a domain with an existing top-level domain is refused, naming the line.
    """
    try:
        text = read_file_bytes(path).decode("utf-8-sig")
    except (InputError, UnicodeDecodeError) as error:
        raise UsageError(say("usage.domain_list_unreadable", path=path, error=error)) from None
    domains = []
    for number, line in enumerate(text.splitlines(), start=1):
        domain = line.split("#", 1)[0].strip().lstrip("@").rstrip(".")
        if not domain:
            continue
        try:
            ascii_domain = idna.encode(domain, uts46=True).decode("ascii")
        except idna.IDNAError:
            ascii_domain = ""
        if "." not in ascii_domain or not tld_exists(ascii_domain):
            raise UsageError(say("usage.domain_list_line", line=number, path=path, domain=domain))
        domains.append(ascii_domain)
    return domains
