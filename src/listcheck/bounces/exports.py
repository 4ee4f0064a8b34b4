"""Sending platforms' bounce, complaint and unsubscribe exports, and Sisimai's JSON, read by content.

A file is an export when it is text and not a mail message: JSON (an array, an object, JSON Lines) or
a delimited table. Each row goes to the first format below that recognises it by its fields (never by
the file's name alone; the name only tells apart lists whose rows look the same, such as SendGrid's
bounces and blocks). The formats, each in its module: Amazon SES (``export_ses``), Postmark, Mailchimp
and Mandrill, Sisimai, Mailgun, Brevo, Mailjet, SendGrid, then lists of no known platform
(``export_lists``: a bounce CSV, a plain list, a contact CSV). What each platform's words mean is the
vocabulary table ``data/platform_types.csv`` (``platform_types``).
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass, field

from listcheck.bounces import (
    export_brevo,
    export_lists,
    export_mailchimp,
    export_mailgun,
    export_mailjet,
    export_postmark,
    export_sendgrid,
    export_ses,
    export_sisimai,
)
from listcheck.bounces.events import Failure
from listcheck.bounces.export_csv import table_rows
from listcheck.bounces.export_json import NumberedRows, json_rows
from listcheck.bounces.export_rows import ExportFormat, Row, RowReading
from listcheck.errors import ListcheckError
from listcheck.reading.decoding import detect_encoding

# Most specific first: a row goes to the first format that recognises it. Brevo's blocked contacts come
# early, its events after Mailjet's: a Mailjet event shows its own fields, a Brevo one often only its
# words; SendGrid's events (an address and an event, nothing more is required) and the lists of no
# known platform come last.
FORMATS: list[ExportFormat] = [
    *export_ses.FORMATS, *export_postmark.FORMATS, *export_mailchimp.FORMATS, *export_mailgun.FORMATS,
    *export_sisimai.FORMATS, *export_brevo.FORMATS[:1], *export_mailjet.FORMATS, *export_brevo.FORMATS[1:],
    *export_sendgrid.FORMATS, *export_lists.FORMATS,
]


@dataclass(frozen=True)
class ExportReading:
    """What one export file holds.

    ``failures`` pairs each event with its row number (from 1: the data row of a CSV, the object of a
    JSON array or the line of JSON Lines), in file order; a row may give several failures (one SES
    notification for three recipients). ``not_understood`` lists the rows that could not be read, and
    ``not_bounces`` counts rows that are other events (opens, clicks, sends).
    """

    format: str  # "ses_notifications", "sendgrid_bounces", "plain_list", "sisimai_json", ...
    failures: list[tuple[int, Failure]] = field(default_factory=list)
    not_understood: list[int] = field(default_factory=list)
    not_bounces: int = 0


def read_export(data: bytes, name: str) -> ExportReading | None:
    """Read a file as an export when its content shows it is one; None when it is not an export
    (binary data, a mail message or mbox, an empty file), so that the caller tries the mail readers.

    ``name`` is the file's name, used only where rows look alike (SendGrid's bounces and blocks).

    >>> reading = read_export(b'email,created,reason,status\\nana@example.org,1443651125,"550 5.1.1 no",5.1.1\\n', "b.csv")
    >>> reading.format, [(row, f.address, f.status_code) for row, f in reading.failures]
    ('sendgrid_bounces', [(1, 'ana@example.org', '5.1.1')])
    """
    text = _text(data)
    if text is None or not text.strip() or looks_like_mail(text):
        return None

    def known(row: Row) -> bool:
        return _format_of(row, name) is not None

    rows = json_rows(text, known)
    kind = "json"
    if rows is None:
        rows, kind = table_rows(data), "csv"
    if rows is None:
        return None
    return _read_rows(rows, name, kind)


def _read_rows(rows: NumberedRows, name: str, kind: str) -> ExportReading:
    """Every row through the format that recognises it; the file's format is that of most of its rows."""
    failures: list[tuple[int, Failure]] = []
    not_understood: list[int] = []
    not_bounces = 0
    formats: Counter[str] = Counter()
    found: ExportFormat | None = None
    for number, row in rows:
        if row is None:  # no object, or no JSON, at all
            not_understood.append(number)
            continue
        if found is None or not found.continues(row, name):
            found = _format_of(row, name)
        reading: RowReading = _read_row(found, row)
        if found is not None:
            formats[found.name] += 1
        if reading is None:
            not_bounces += 1
        elif reading:
            failures.extend((number, item) for item in reading)
        else:
            not_understood.append(number)
    name_of_file = formats.most_common(1)[0][0] if formats else kind
    return ExportReading(name_of_file, failures, not_understood, not_bounces)


def _read_row(found: ExportFormat | None, row: Row) -> RowReading:
    """The row read by its format; a row of no format, or one its reader cannot take, is not understood."""
    if found is None:
        return []
    try:
        return found.read(row)
    except (TypeError, ValueError, AttributeError):  # a field of an unexpected type: bad data is a result
        return []


def _format_of(row: Row, name: str) -> ExportFormat | None:
    return next((candidate for candidate in FORMATS if candidate.detects(row, name)), None)


def _text(data: bytes) -> str | None:
    """The file's text, decoded as a contact list would be; None for binary data or an undecodable file."""
    try:
        encoding = detect_encoding(io.BytesIO(data), errors="replace")
    except ListcheckError:
        return None
    text = data[len(encoding.bom):].decode(encoding.codec, errors="replace")
    # Control characters decode as UTF-8 too, and a contact list keeps a few as damaged cells; a file
    # mostly of them is no export (the contact reader draws the same line for files that are not UTF-8).
    sample = text[:64 * 1024]
    controls = sum(1 for char in sample if char < " " and char not in "\t\n\r\f")
    return None if controls * 10 > len(sample) else text


# RFC 5322 section 2.2: a field name (printable ASCII but the colon), a colon; folded lines start with space.
_HEADER_FIELD = re.compile(r"([!-9;-~]+):")
_MAIL_FIELDS = frozenset(["from", "to", "subject", "date", "received", "return-path", "message-id", "mime-version",
                          "content-type", "delivered-to", "x-failed-recipients", "auto-submitted", "reply-to",
                          "sender", "dkim-signature", "arc-seal", "x-original-to", "envelope-to", "cc"])


def looks_like_mail(text: str) -> bool:
    """Whether the text is a mail message (its header block: field lines, at least one a mail header) or
    an mbox ("From " line first); such a file is for the mail readers, even when cut short.

    >>> looks_like_mail("Return-Path: <>\\nFrom: MAILER-DAEMON\\n\\nbody"), looks_like_mail("email,name\\n")
    (True, False)
    """
    if text.startswith("From "):
        return True
    fields: list[str] = []
    for line in text.lstrip("\r\n").splitlines()[:200]:
        if not line.strip():
            break
        if line[0] in " \t" and fields:
            continue
        match = _HEADER_FIELD.match(line)
        if match is None:
            return False
        fields.append(match.group(1).casefold())
    return any(name in _MAIL_FIELDS for name in fields)
