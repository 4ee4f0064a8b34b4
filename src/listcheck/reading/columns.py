"""Finding the header row and the column that holds the addresses.

Header names come from real exports: Google Contacts ("E-mail 1 - Value"), Outlook ("E-mail
Address"), Mailchimp ("Email Address"), HubSpot ("Email") and hand-made spreadsheets in English,
Spanish, Portuguese, Ukrainian and Russian.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from listcheck.checks.addresses import check_address
from listcheck.errors import InputError, UsageError
from listcheck.messages import RunWarning, say, say_count, shortened, warn


def normalize_header(name: str) -> str:
    """A header name reduced for comparison: no accents, no case, words split on punctuation.

    >>> normalize_header("Correo Electrónico"), normalize_header("E-mail 1 - Value")
    ('correo electronico', 'e mail 1 value')
    """
    decomposed = unicodedata.normalize("NFKD", name)
    without_marks = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.split(r"[\W_]+", without_marks.casefold())).strip()


# Names that certainly mean "the email address", written as people write them.
_EXACT_NAMES = frozenset(normalize_header(n) for n in [
    # English
    "email", "e-mail", "mail", "email address", "e-mail address", "emailaddress", "email addr",
    "mail address", "primary email", "work email", "personal email", "contact email", "email id",
    "user email", "subscriber email",
    # Spanish
    "correo", "correo electrónico", "correo-e", "e-mail de contacto", "email de contacto",
    "dirección de correo", "dirección de correo electrónico", "dirección de email",
    "dirección de e-mail", "correo personal", "correo de contacto", "mail de contacto",
    # Portuguese
    "e-mail do contato", "email do contato", "endereço de e-mail", "endereço de email",
    "correio eletrônico", "correio electrónico",
    # Ukrainian
    "електронна пошта", "ел. пошта", "е-пошта", "пошта", "адреса електронної пошти",
    "електронна адреса", "email адреса", "імейл", "адреса ел. пошти", "адреса електронної пошти",
    # Russian
    "электронная почта", "эл. почта", "почта", "адрес электронной почты", "e-mail адрес",
    "email адрес", "емейл", "имейл", "адрес эл. почты", "адрес e-mail",
])
# Numbered export columns: Google's "E-mail 1 - Value", Outlook's "E-mail 2 Address".
_NUMBERED_NAME = re.compile(r"^e ?mail \d+( value| address)?$")
# Inflected forms too: "Адрес эл. почты" (Russian Outlook), "Адреса ел. пошти" (Ukrainian).
_MAIL_WORDS = frozenset([
    "email", "mail", "correo", "correio", "почта", "почты", "пошта", "пошти", "емейл", "имейл", "імейл",
])
# Columns about an address rather than the address itself.
_NOT_THE_ADDRESS = frozenset([
    "type", "label", "tipo", "etiqueta", "тип", "display", "name", "nombre", "nome", "status", "estado",
    "opt", "optin", "consent", "verified", "date", "fecha", "time", "rating", "format", "formato",
    "permission", "domain", "dominio", "enviado", "sent", "postal", "stop", "bounce", "rebote",
])
# What an address looks like, loosely: enough to tell an address column from one of @handles.
# One character each side of the @ is enough, and keeps the search linear in 2 MB notes cells.
_ADDRESS = re.compile(r"[^@\s]@[^@\s]*\.[^@\s]")


def header_score(name: str) -> int:
    """2 for a name that certainly holds addresses, 1 for a likely one, 0 otherwise.

    >>> header_score("E-mail 1 - Value"), header_score("E-mail 1 - Type"), header_score("ana@correo.es")
    (2, 0, 0)
    """
    if "@" in name:  # an address, not a name for a column of them
        return 0
    normalized = normalize_header(name)
    if normalized in _EXACT_NAMES or _NUMBERED_NAME.match(normalized):
        return 2
    words = normalized.split()
    if _NOT_THE_ADDRESS.intersection(words) or _looks_like_a_domain(name):  # "ana.correo.es" is data
        return 0
    mentions_mail = _MAIL_WORDS.intersection(words) or "e mail" in normalized
    return 1 if mentions_mail else 0


@dataclass(frozen=True)
class Layout:
    """Whether the first record is a header, and which column holds the addresses."""

    has_header: bool
    email_column: int
    found_by: str  # "option", "header" or "content"
    other_email_columns: tuple[int, ...] = ()  # other columns that hold addresses too, left to right
    compared: bool = False  # chosen over other candidates as the one with the most valid addresses


SAMPLE_RECORDS = 2000  # the rows looked at to find the header and the address column
TITLE_ROWS = 20  # the most rows a title block above the header may take


def find_layout(
    records: Sequence[Sequence[str]], *, column: str | None = None, has_header: bool | None = None,
    width: int | None = None,
) -> Layout:
    """Decide whether ``records[0]`` is a header and which column holds the addresses.

    ``column`` (a header name, or a 1-based position) and ``has_header`` override detection.
    Raises ``UsageError`` for a ``column`` that does not exist and ``InputError`` when no column
    holds addresses.
    """
    first = list(records[0]) if records else []
    scores = [header_score(cell) for cell in first]
    if has_header is None:
        has_header = _looks_like_header(records, scores)
    header = first if has_header else None
    data = records[1:] if has_header else records
    sample = data[:SAMPLE_RECORDS]
    width = width if width is not None else max((len(r) for r in records), default=0)

    counts = [_address_count(sample, i) for i in range(width)]
    scores = scores + [0] * (width - len(scores)) if header is not None else [0] * width
    named = [i for i in range(width) if scores[i] and counts[i]]
    # Columns mostly of addresses and nothing else; with the one holding the most, whatever else it holds.
    by_content = [i for i in range(width) if counts[i] and 2 * _bare_address_count(sample, i) >= _filled_count(sample, i)]
    most = [counts.index(max(counts))] if counts and max(counts) > 0 else []
    if column is not None:
        chosen = _column_from_option(column, header, width)
        return Layout(has_header, chosen, "option", _others(named + by_content, chosen))
    # A name that promises addresses over a column without any ("Mail enviado": sí/no) loses to the
    # column that holds them; without a name, the columns of addresses compete.
    candidates, found_by = (named, "header") if named else (sorted(set(by_content + most)), "content")
    if not candidates and any(scores):
        candidates, found_by = [max(range(width), key=lambda i: (scores[i], -i))], "header"
    if candidates:
        chosen = _fullest(sample, candidates, scores, counts)
        return Layout(has_header, chosen, found_by, _others(named + by_content, chosen), len(candidates) > 1)
    if width <= 1:
        return Layout(has_header, 0, "content")
    raise InputError(
        say("error.no_email_column"),
        say("hint.column"),
    )


class LaidOutSource:
    """What a contact source holds once its layout is found, the same for a CSV file and a workbook:
    the header, the address column and the other address columns, and the spreadsheet's numbering
    of its rows (``rows_above``: the rows shown above the header, or above the first record)."""

    header: list[str] | None
    email_column: int
    other_email_columns: list[int]
    column_found_by: str
    warnings: list[RunWarning]

    @property
    def rows_above(self) -> int:
        raise NotImplementedError

    def _lay_out(self, records: list[list[str]], *, column: str | None, has_header: bool | None,
                 titles_found: bool, width: int | None = None) -> Layout:
        """Find the layout of ``records`` (the header on), take it, and warn of other address columns."""
        # A header found under titles is one: the detection is not asked twice.
        layout = find_layout(records, column=column, width=width,
                             has_header=True if titles_found and has_header is None else has_header)
        self.header = records[0] if layout.has_header else None
        self.email_column = layout.email_column
        self.other_email_columns = list(layout.other_email_columns)
        self.column_found_by = layout.found_by
        if layout.other_email_columns:
            self.warnings.append(other_columns_warning(self.header, layout))
        return layout

    @property
    def email_column_name(self) -> str:
        """The header of the address column, or its 1-based position in a file without header."""
        return header_name(self.header, self.email_column)

    @property
    def first_row_number(self) -> int:
        """The spreadsheet row number of the first record: 2 under a header, else 1 (plus the rows above)."""
        return self.rows_above + (2 if self.header is not None else 1)


def rows_above_header(records: Sequence[Sequence[str]]) -> int:
    """How many of the first records stand above the header: the title, notes and blank rows people put
    above a table ("Alumnos 2024", a blank row, then "Nombre;Correo"). 0 when the first record is the
    header, when there is none, or when no header is found below such rows.

    Only rows without an address can stand above the header: data is never taken for a title. A row
    that names the address column for certain ("Correo", "E-mail Address") is the header when no row
    above it does and none is wider (notes such as "Curso:;Excel" may stand above it). Failing that,
    the header is the first row of two cells or more that looks like one, under rows of one cell at
    most (a title, blank rows).

    >>> rows_above_header([["Alumnos 2024", ""], ["", ""], ["Nombre", "Correo"], ["Ana", "ana@correo.es"]])
    2
    >>> rows_above_header([["Suscriptores"], ["email"], ["ana@correo.es"]])
    1
    >>> rows_above_header([["Nombre", "Correo"], ["Ana", "ana@correo.es"]])
    0
    """
    # Missing a title is better than eating a header or a contact: a row is taken for the header only
    # when it names the column the addresses are in ("email" in a column of channels is data), or,
    # below one-cell titles, when it uses a header word.
    window: list[Sequence[str]] = []
    for record in records[:TITLE_ROWS + 1]:
        if any(_ADDRESS.search(cell) or _looks_like_a_domain(cell) for cell in record):
            break  # an address, or an attempt at one (ana.gmail.com), is data
        window.append(record)
    filled = [sum(1 for cell in record if cell.strip()) for record in window]
    certain = next((row for row, record in enumerate(window) if _names_the_address_column(records, row)), None)
    if certain is not None:
        if certain == 0 or max(filled[:certain]) <= filled[certain]:
            return certain
        window = window[:certain + 1]  # no header below a row that names the address column
    for row in range(1, len(window)):
        if max(filled[:row]) > 1:  # a row of several cells above: the table has started
            break
        # Below titles, only a row that uses a header word is taken for the header; a few hundred
        # rows are enough to see which column holds addresses.
        scores = [header_score(cell) for cell in window[row]]
        if filled[row] > 1 and any(scores) and _looks_like_header(records[row:row + 201], scores):
            return row
    return 0


def _names_the_address_column(records: Sequence[Sequence[str]], row: int) -> bool:
    """Whether this row names the address column for certain ("Correo", "E-mail Address") above the
    column that holds the addresses below it, when any does."""
    named = [i for i, cell in enumerate(records[row]) if header_score(cell) == 2]
    if not named:
        return False
    below = records[row + 1:row + 201]
    width = max((len(record) for record in below), default=0)
    counts = [_address_count(below, i) for i in range(width)]
    return not counts or max(counts) == 0 or counts.index(max(counts)) in named


def skipped_rows_warning(rows: Sequence[Sequence[str]]) -> RunWarning:
    """The warning naming the rows skipped above the header (numbered from 1): what each held,
    shortened, and how many were blank."""
    held = [say("preamble.row", row=number, text=shortened(" ".join(c.strip() for c in row if c.strip()), 80))
            for number, row in enumerate(rows, start=1) if any(cell.strip() for cell in row)]
    blank = len(rows) - len(held)
    if blank:
        held.append(say_count("preamble.blank", blank))
    return warn("title_rows", count=len(rows), rows="; ".join(held))


def _looks_like_header(records: Sequence[Sequence[str]], scores: list[int]) -> bool:
    """Whether the first record names the columns rather than holding a contact.

    A record with an address in it is data, whatever its other cells say ("Juan Correo" is a
    name). Otherwise a known header name makes it a header, and failing that, so does a word or
    phrase standing above the column where later records hold addresses; a blank cell or an address
    attempt (``ana.correo.es``) there is data.
    """
    first = records[0] if records else []
    if not any(cell.strip() for cell in first) or any(_ADDRESS.search(cell) for cell in first):
        return False
    if any(scores):
        return True
    sample = records[1:SAMPLE_RECORDS + 1]
    width = max((len(r) for r in sample), default=0)
    counts = [_address_count(sample, i) for i in range(width)]
    if not counts or max(counts) == 0:
        return False
    column = counts.index(max(counts))
    return column < len(first) and _looks_like_a_name(first[column])


def _looks_like_a_name(cell: str) -> bool:
    text = cell.strip()
    return any(c.isalpha() for c in text) and "@" not in text and not _looks_like_a_domain(text)


def _looks_like_a_domain(text: str) -> bool:
    """A dotted word without spaces: an address missing its @ rather than a column name."""
    text = text.strip()
    return "." in text.strip(".") and not any(c.isspace() for c in text)


def _address_count(records: Sequence[Sequence[str]], index: int) -> int:
    return sum(1 for r in records if index < len(r) and _ADDRESS.search(r[index]))


def _filled_count(records: Sequence[Sequence[str]], index: int) -> int:
    return sum(1 for r in records if index < len(r) and r[index].strip())


_BARE_ADDRESS = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")  # a cell that is one address, not text around one


def _bare_address_count(records: Sequence[Sequence[str]], index: int) -> int:
    return sum(1 for r in records if index < len(r) and _BARE_ADDRESS.fullmatch(r[index].strip()))


def _fullest(sample: Sequence[Sequence[str]], candidates: list[int], scores: list[int], counts: list[int]) -> int:
    """The candidate column with the most distinct valid addresses in the sample (Outlook's "E-mail Address" and
    "E-mail 2 Address", "Correo personal" and "Correo trabajo"); ties go to the better name, then the
    more addresses, then the leftmost column. Addresses are judged only when there is a choice."""
    if len(candidates) == 1:
        return candidates[0]
    # Distinct addresses: a column that repeats a sales rep's address on every row is not the fullest.
    valid = {i: len({r[i].strip().lower() for r in sample if i < len(r) and r[i].strip()
                     and check_address(r[i]).is_valid}) for i in candidates}
    return max(candidates, key=lambda i: (valid[i], scores[i], counts[i], -i))


def _others(columns: list[int], chosen: int) -> tuple[int, ...]:
    return tuple(sorted(set(columns) - {chosen}))


def other_columns_warning(header: Sequence[str] | None, layout: Layout) -> RunWarning:
    """The warning that names the other address columns and says what is done with them."""
    others = layout.other_email_columns
    why = say("other_columns.most_valid") if layout.compared else ""
    return warn("other_address_columns", count=len(others), others=", ".join(column_name(header, i) for i in others),
                column=column_name(header, layout.email_column), why=why)


def header_name(header: Sequence[str] | None, index: int) -> str:
    """A column's header, or its 1-based position when there is no header or the header is too short
    (a header row narrower than the rows under it)."""
    return header[index] if header is not None and index < len(header) else str(index + 1)


def column_name(header: Sequence[str] | None, index: int) -> str:
    """A column as a sentence names it: its header quoted (shortened), or its 1-based position."""
    return f"'{shortened(header[index], 60)}'" if header is not None and index < len(header) else str(index + 1)


def _column_from_option(column: str, header: list[str] | None, width: int) -> int:
    if header is not None:
        if column in header:
            return header.index(column)
        wanted = normalize_header(column)
        for i, name in enumerate(header):
            if normalize_header(name) == wanted:
                return i
    if column.isdigit() and 1 <= int(column) <= width:
        return int(column) - 1
    available = (", ".join(f"'{name}'" for name in header) if header
                 else say("usage.column_positions", width=width))
    raise UsageError(say("usage.no_such_column", column=column, available=available))
