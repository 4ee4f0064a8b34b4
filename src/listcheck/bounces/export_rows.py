"""One row of an export, whatever it was written as (a JSON object, a CSV record), and the tools every
platform's reader uses on it: fields by name, dates, addresses, codes.

A JSON API and the CSV that the same platform's web page exports name their fields alike but write
them differently ("EmailAddress", "Email Address", "email_address"), so fields are looked up by a
compact key: case, spaces and punctuation removed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache
from typing import Any

from listcheck.bounces.events import Failure
from listcheck.bounces.mail_text import one_line
from listcheck.bounces.platform_types import PlatformType, settle
from listcheck.bounces.smtp_replies import clean_diagnostic, finer_status, reply_in, status_in
from listcheck.checks.addresses import check_address
from listcheck.reading.columns import normalize_header
from listcheck.reasons import Reason

# A row's reading: its failures (one per recipient it names), [] when nothing in it could be
# understood, None when it is another kind of event (an open, a click, a send).
RowReading = list[Failure] | None


@lru_cache(maxsize=4096)  # a file has few field names and many rows
def field_key(name: str) -> str:
    """A field name reduced for lookup: the contact reader's header normalization, without spaces.

    >>> field_key("Email Address"), field_key("delivery-status"), field_key("CLEAN_TIME"), field_key("Código")
    ('emailaddress', 'deliverystatus', 'cleantime', 'codigo')
    """
    return normalize_header(name).replace(" ", "")


class Row:
    """The fields of one row, looked up by compact key.

    For tables of no known platform, ``address_hint`` is the cell the contact reader found the
    addresses in, and ``address_key`` the key of its column (None in a file without header).
    """

    def __init__(self, fields: Mapping[str, Any], *, address_hint: str | None = None,
                 address_key: str | None = None) -> None:
        self.fields = {field_key(name): value for name, value in fields.items()}
        self.keys = frozenset(self.fields)
        self.address_hint = address_hint
        self.address_key = address_key

    def has(self, *names: str) -> bool:
        """Whether the row has every one of these fields (empty or not)."""
        return all(field_key(name) in self.fields for name in names)

    def value(self, *names: str) -> Any:
        """The first of these fields that holds something, or None."""
        for name in names:
            found = self.fields.get(field_key(name))
            if found is not None and found != "":
                return found
        return None

    def text(self, *names: str) -> str:
        """The first of these fields that holds something, as text ("" for none, or for an object)."""
        found = self.value(*names)
        if found is None or isinstance(found, (dict, list)):
            return ""
        if isinstance(found, bool):
            return "true" if found else "false"
        return str(found).strip()

    def sub(self, name: str) -> Row | None:
        """A nested object as a row of its own."""
        found = self.value(name)
        return Row(found) if isinstance(found, dict) else None

    def rows(self, name: str) -> list[Row]:
        """A nested list of objects as rows."""
        found = self.value(name)
        return [Row(item) for item in found if isinstance(item, dict)] if isinstance(found, list) else []


@dataclass(frozen=True)
class ExportFormat:
    """One kind of export: its name in the report, which rows are its own, and how to read one."""

    name: str
    detects: Callable[[Row, str], bool]  # (row, file name): whether the row is surely of this format
    read: Callable[[Row], RowReading]
    # Whether the row may be of this format, when the row before it was: a Brevo export's "delivered"
    # row is SendGrid's word too, and stays with its file. None: the same as ``detects``.
    accepts: Callable[[Row, str], bool] | None = None

    def continues(self, row: Row, name: str) -> bool:
        """Whether a row after one of this format is of this format too."""
        return (self.accepts or self.detects)(row, name)


_ONE_ADDRESS = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")


def address_in(value: Any) -> str:
    """The address a cell holds (display name, ``mailto:`` and brackets removed), "" when none.

    >>> address_in("Ana <ana@Example.COM>"), address_in("ana@@example.com"), address_in(None)
    ('ana@example.com', '', '')
    """
    if not isinstance(value, str) or "@" not in value:
        return ""
    verdict = check_address(value)
    if verdict.reason in (Reason.EMPTY, Reason.MISSING_AT, Reason.SYNTAX, Reason.MULTIPLE_ADDRESSES):
        return ""
    # The verdict names one reason only, and a reserved domain outranks a syntax error: look again.
    return verdict.address if _ONE_ADDRESS.fullmatch(verdict.address) else ""


def failure(address: Any, *, code: Any = "", text: Any = "", reply: Any = "", action: str = "",
            date: datetime | None = None) -> Failure | None:
    """A failure from an export's fields, its codes found in its words when the platform gave none
    apart; None when ``address`` is no address."""
    found = address_in(address)
    if not found:
        return None
    diagnostic = clean_diagnostic(str(text or ""))
    stated = status_in(str(code or ""))
    reply_code = reply_in(str(reply)) if reply else ""
    return Failure(address=found, status_code=finer_status(stated, diagnostic),
                   reply_code=reply_code or reply_in(diagnostic), diagnostic=diagnostic, action=action, date=date)


def settled(failures: Iterable[Failure | None], told: PlatformType | None) -> RowReading:
    """The row's failures classified (``platform_types.settle``); None when the platform says the event
    is no bounce; [] when no failure had an address."""
    found = [item for item in failures if item is not None]
    if told is not None and told.classification is None:
        return None
    return [result for item in found if (result := settle(item, told)) is not None]


def dated(failures: RowReading, date: datetime | None) -> RowReading:
    """Failures given a date where they have none."""
    if failures is None or date is None:
        return failures
    return [item if item.date else replace(item, date=date) for item in failures]


_UNIX_DIGITS = re.compile(r"\d{9,13}(\.\d+)?")
_FRACTION = re.compile(r"(\.\d{6})\d+")  # Postmark writes seven digits; Python reads six


def parse_date(value: Any) -> datetime | None:
    """A timestamp as exports write them, as an aware UTC datetime; None when it is none.

    Unix seconds (milliseconds when the number is that large: Brevo's ts_epoch), ISO 8601 and RFC 2822.
    A date without a zone is taken as UTC: SendGrid, Mailchimp and Mandrill write UTC without saying so.

    >>> parse_date(1443651125), parse_date("2019-11-05T16:33:54.9070259Z").microsecond
    (datetime.datetime(2015, 9, 30, 22, 12, 5, tzinfo=datetime.timezone.utc), 907025)
    >>> parse_date("Fri, 21 Oct 2011 11:02:55 GMT").isoformat(), parse_date("soon")
    ('2011-10-21T11:02:55+00:00', None)
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str) and _UNIX_DIGITS.fullmatch(value.strip()):
        value = float(value)
    if isinstance(value, (int, float)):
        seconds = value / 1000 if value > 1e11 else value
        try:
            return datetime.fromtimestamp(seconds, UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str) or not value.strip():
        return None
    return _parse_text_date(one_line(value))


def _parse_text_date(text: str) -> datetime | None:
    try:
        when = datetime.fromisoformat(_FRACTION.sub(r"\1", text))
    except ValueError:
        try:
            when = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    if when.tzinfo is None:
        return when.replace(tzinfo=UTC)
    return when.astimezone(UTC)
