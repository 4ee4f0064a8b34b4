"""SendGrid: its suppression lists (bounces, blocks, spam reports, invalid emails), as the v3 API's JSON
arrays or as the CSV its web page exports, and its Event Webhook's JSON.

The lists' fields come from the v3 API schemas (BOUNCES.md 3, SendGrid): bounces and blocks both hold
``email, created, reason, status``, so nothing in a row tells them apart; a file whose name says
"block" is read as blocks, any other as bounces. Spam reports carry ``ip`` and invalid emails have no
``status``. Webhook events: twilio.com/docs/sendgrid/for-developers/tracking-events/event.
"""

from __future__ import annotations

from listcheck.bounces.export_rows import ExportFormat, Row, RowReading, failure, parse_date, settled
from listcheck.bounces.platform_types import platform_type

_CREATED = ("created", "created_at")


def _is_list(row: Row) -> bool:
    return row.has("email") and any(row.has(name) for name in _CREATED) and not row.has("event")


def _is_spam_reports(row: Row, name: str) -> bool:
    return _is_list(row) and row.has("ip") and not row.has("reason")


def _is_invalid_emails(row: Row, name: str) -> bool:
    return _is_list(row) and row.has("reason") and not row.has("status")


def _is_blocks(row: Row, name: str) -> bool:
    return _is_list(row) and row.has("reason", "status") and "block" in name.casefold()


def _is_bounces(row: Row, name: str) -> bool:
    return _is_list(row) and row.has("status")


def _reader(list_name: str) -> ExportFormat:
    """The reader of one suppression list: each row one address, its reason and status its words."""

    def read(row: Row) -> RowReading:
        return settled([failure(row.value("email"), code=row.text("status"), text=row.text("reason"),
                                action="failed", date=parse_date(row.value(*_CREATED)))],
                       platform_type("sendgrid", ("list", list_name)))

    detectors = {"spam reports": _is_spam_reports, "invalid emails": _is_invalid_emails,
                 "blocks": _is_blocks, "bounces": _is_bounces}
    return ExportFormat("sendgrid_" + list_name.replace(" ", "_"), detectors[list_name], read)


def _is_event(row: Row, name: str) -> bool:
    return row.has("email", "event")


_ACTIONS = {"delivered": "delivered", "deferred": "delayed", "bounce": "failed", "dropped": "failed"}


def _read_event(row: Row) -> RowReading:
    event = row.text("event")
    if event == "bounce":
        lookups = [("bounce classification", row.text("bounce_classification")),
                   ("bounce type", row.text("type")), ("event", event)]
    elif event == "dropped":
        lookups = [("dropped reason", row.text("reason")), ("event", event)]
    else:
        lookups = [("event", event)]
    told = platform_type("sendgrid", *lookups)
    if told is None:  # an event this reader does not know: named in a warning, not guessed
        return []
    return settled([failure(row.value("email"), code=row.text("status"), text=row.text("reason", "response"),
                            action=_ACTIONS.get(event, ""), date=parse_date(row.value("timestamp")))], told)


FORMATS = [
    _reader("spam reports"),
    _reader("invalid emails"),
    _reader("blocks"),
    _reader("bounces"),
    ExportFormat("sendgrid_events", _is_event, _read_event),
]
