"""Reading a contact export: bytes to text, text to records, records to a table.

Spreadsheets write CSV in the Windows code page of the user's locale (cp1252 in Spain and Latin
America, cp1251 in Ukraine and Russia), as UTF-8 with or without a BOM, or as UTF-16 "Unicode text"
with tabs; the delimiter follows the locale's list separator. All of it is detected here, and every
cell stays exactly the text it was.
"""

from __future__ import annotations

import csv
from codecs import BOM_UTF8
import io
import re
from collections import Counter
from dataclasses import dataclass, field

import idna

from .columns import find_layout
from .decoding import decode
from .errors import InputError, UsageError
from .tlds import tld_exists

DELIMITERS = (",", ";", "\t", "|")
_SNIFF_CHARS = 64 * 1024


@dataclass(frozen=True)
class TextFormat:
    """How the file was written, so the outputs can be written the same way."""

    codec: str  # a Python codec for the text after the BOM, e.g. "utf-8", "cp1252", "utf-16-le"
    bom: bytes = b""
    delimiter: str = ","
    line_terminator: str = "\r\n"
    single_column: bool = False
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
    warnings: list[str] = field(default_factory=list)
    blank_rows_before: int = 0  # blank lines above the header, which a spreadsheet shows as rows

    @property
    def email_column_name(self) -> str:
        """The header of the address column, or its 1-based position in a file without header."""
        if self.header is not None:
            return self.header[self.email_column]
        return str(self.email_column + 1)

    @property
    def first_row_number(self) -> int:
        """The spreadsheet row number of the first record: 2 under a header, else 1."""
        return self.blank_rows_before + (2 if self.header is not None else 1)

    @property
    def width(self) -> int:
        """The number of fields of the widest record (the header may be narrower)."""
        return len(self.records[0]) if self.records else len(self.header or [""])


def read_contacts(
    data: bytes,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    column: str | None = None,
    has_header: bool | None = None,
    encoding_errors: str = "strict",
) -> ContactTable:
    """Read a contact export held in ``data``; the keyword arguments override detection.

    ``encoding_errors`` decides what becomes of bytes that are not text in the file's encoding:
    ``strict`` refuses the file naming the line, ``keep`` carries them through to the outputs
    unchanged, ``replace`` writes U+FFFD instead.

    >>> table = read_contacts("Nombre;Correo\\nAna;ana@correo.es\\n".encode("cp1252"))
    >>> table.header, table.records, table.text_format.delimiter
    (['Nombre', 'Correo'], [['Ana', 'ana@correo.es']], ';')
    """
    if not data:
        raise InputError("the file is empty")
    decoded = decode(data, encoding, errors=encoding_errors)
    text, codec, bom, warnings = decoded.text, decoded.codec, decoded.bom, list(decoded.warnings)
    if delimiter is not None and len(delimiter) != 1:
        raise UsageError(f"--delimiter must be one character, got '{delimiter}'")
    preamble, excel_separator, blank_rows, text = split_preamble(text)
    chosen = delimiter or excel_separator or sniff_delimiter(text)
    records = parse_records(text, chosen)
    if not records:
        raise InputError("the file holds no rows, only blank space")
    layout = find_layout(records, column=column, has_header=has_header)
    header = records[0] if layout.has_header else None
    body = records[1:] if layout.has_header else records
    warnings += _square_up(header, body)
    if '"' in text:  # only a quoted cell can run over several lines
        warnings += _swallowed_rows(body, chosen, blank_rows + (2 if header is not None else 1))
    text_format = TextFormat(
        codec=codec, bom=bom, delimiter=chosen or ",", line_terminator=_line_terminator(text),
        single_column=chosen is None, preamble=preamble, errors=decoded.errors,
        cells_may_hold_cr=text.count("\r") != text.count("\r\n"),
    )
    return ContactTable(header, body, layout.email_column, text_format, layout.found_by, warnings, blank_rows)


_EXCEL_SEPARATOR = re.compile(r"sep=(.)(\r\n|\n|\r)", re.IGNORECASE)
_BLANK_LINE = re.compile(r"[ \t]*(\r\n|\n|\r)")


def split_preamble(text: str) -> tuple[str, str | None, int, str]:
    r"""Split off what stands above the table: Excel's ``sep=;`` line and blank lines.

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
    while (blank := _BLANK_LINE.match(text, position)) and blank.end() < len(text):
        blank_rows, position = blank_rows + 1, blank.end()
    return text[:position], separator, blank_rows, text[position:]


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


def parse_records(text: str, delimiter: str | None) -> list[list[str]]:
    """Split text into records; ``None`` reads each line as one cell (quotes still honoured)."""
    if delimiter is None:
        delimiter = next(c for c in "\x1f\x1e\x1d\x1c" if c not in text)
    # The csv module refuses cells over 128 KiB by default; notes fields in CRM exports can be larger.
    previous_limit = csv.field_size_limit(2**31 - 1)
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False))
    except csv.Error as error:
        raise InputError(f"cannot split the file into rows: {error}", "check --delimiter") from None
    finally:
        csv.field_size_limit(previous_limit)


def _square_up(header: list[str] | None, body: list[list[str]]) -> list[str]:
    """Pad short records with empty cells so every record is as wide as the widest; report it."""
    width = max([len(header or [])] + [len(r) for r in body])
    short = sum(1 for r in body if 0 < len(r) < width)
    for record in body:
        record.extend([""] * (width - len(record)))
    warnings = []
    if header is not None and width > len(header):
        long_rows = sum(1 for r in body if any(r[len(header):]))
        warnings.append(f"{_rows(long_rows)} more fields than the header; the extra fields were kept.")
    if short:
        warnings.append(f"{_rows(short)} fewer fields than the widest row; they were padded with empty cells.")
    return warnings


def _swallowed_rows(body: list[list[str]], delimiter: str | None, first_row: int) -> list[str]:
    """Warn of a quote that was never closed: the rows after it end up inside one cell, unchecked.

    A cell holding several line breaks and the delimiter between them is rows, not a note.
    """
    if delimiter is None:
        return []
    for offset, record in enumerate(body):
        for cell in record:
            if cell.count("\n") >= 2 and any(delimiter in line for line in cell.splitlines()[1:]):
                return [f"Row {first_row + offset} has a cell of {cell.count(chr(10)) + 1} lines with '{delimiter}' "
                        f"inside: probably a quote that is never closed, which put the rows after it in one cell. "
                        f"Check the file around that row."]
    return []


def _rows(count: int) -> str:
    return f"{count} row has" if count == 1 else f"{count} rows have"


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
    except FileNotFoundError:
        raise InputError(f"'{path}' does not exist") from None
    except IsADirectoryError:
        raise InputError(f"'{path}' is a folder, not a file") from None
    except PermissionError:
        raise InputError(f"'{path}' cannot be read: permission denied") from None
    except OSError as error:
        raise InputError(f"'{path}' cannot be read: {error.strerror}") from None


def read_domain_list(path: str) -> list[str]:
    """Domains from a plain list, one per line; blank lines and ``#`` comments are skipped.

    Domains are lower-cased and put in their ASCII form by IDNA 2008 with UTS 46 mapping, as
    email-validator does for addresses (``straße.de`` is ``xn--strae-oqa.de``, not ``strasse.de``).
    A line that is not a domain with an existing top-level domain is refused, naming the line.
    """
    try:
        text = read_file_bytes(path).decode("utf-8-sig")
    except (InputError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read the domain list '{path}': {error}") from None
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
            raise UsageError(f"line {number} of '{path}' is not a domain with an existing top-level domain: "
                             f"'{domain}'")
        domains.append(ascii_domain)
    return domains
