"""Mailgun: its events (the events API's ``items`` and the webhooks' ``event-data``, opened before
these readers see the row) and its suppression tables: bounces, complaints, unsubscribes.

Events: documentation.mailgun.com (event, severity, reason, recipient, timestamp, delivery-status);
the ``reason`` values come from Mailgun's help pages and anymail (BOUNCES.md 3, Mailgun). Tables:
api-bounces.html (address, code, error, created_at as RFC 2822), api-complaints.html, api-unsubscribes.html.
A complaints table has nothing but address and date; the file's name tells it from a list of bounces.
"""

from __future__ import annotations

from listcheck.bounces.export_rows import ExportFormat, Row, RowReading, failure, parse_date, settled
from listcheck.bounces.platform_types import platform_type

_ACTIONS = {"delivered": "delivered", "failed": "failed"}


def _is_event(row: Row, name: str) -> bool:
    return row.has("event", "recipient") and not row.has("msg")


def _read_event(row: Row) -> RowReading:
    event = row.text("event")
    lookups = [("event", event)]
    if event == "failed":
        lookups = [("reason", row.text("reason")), ("severity", row.text("severity"))] + lookups
    told = platform_type("mailgun", *lookups)
    if told is None:  # an event this reader does not know: named in a warning, not guessed
        return []
    status = row.sub("delivery-status") or Row({})
    words = " ".join(part for part in (status.text("message"), status.text("description")) if part)
    return settled([failure(row.value("recipient"), code=status.text("enhanced-code"), text=words,
                            reply=status.text("code"), action=_ACTIONS.get(event, ""),
                            date=parse_date(row.value("timestamp")))], told)


def _is_bounces(row: Row, name: str) -> bool:
    return row.has("address") and (row.has("code") or row.has("error"))


def _read_bounces(row: Row) -> RowReading:
    return settled([failure(row.value("address"), text=row.text("error"), reply=row.text("code"), action="failed",
                            date=parse_date(row.value("created_at")))], platform_type("mailgun", ("list", "bounces")))


def _is_unsubscribes(row: Row, name: str) -> bool:
    return row.has("address", "tags", "created_at")


def _is_complaints(row: Row, name: str) -> bool:
    return row.has("address", "created_at") and "complaint" in name.casefold()


def _table_reader(table: str) -> ExportFormat:
    def read(row: Row) -> RowReading:
        return settled([failure(row.value("address"), date=parse_date(row.value("created_at")))],
                       platform_type("mailgun", ("list", table)))

    detects = _is_unsubscribes if table == "unsubscribes" else _is_complaints
    return ExportFormat(f"mailgun_{table}", detects, read)


FORMATS = [
    ExportFormat("mailgun_events", _is_event, _read_event),
    ExportFormat("mailgun_bounces", _is_bounces, _read_bounces),
    _table_reader("unsubscribes"),
    _table_reader("complaints"),
]
