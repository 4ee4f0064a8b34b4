"""Mailchimp: the audience export's cleaned and unsubscribed CSVs and the API's members; Mailchimp
Transactional (Mandrill): webhook events, send results (``reject_reason``) and the rejection list.

Audience export columns (BOUNCES.md 3, Mailchimp): Email Address, merge fields, ..., CLEAN_TIME,
CLEAN_CAMPAIGN_TITLE (cleaned) or UNSUB_TIME, UNSUB_REASON (unsubscribed); the cleaned file keeps no
bounce type or code, so each row is a listing (the table's ``mailchimp export cleaned`` row says why
it is hard). Mandrill: mailchimp.com/developer/transactional (webhooks: event, ts, msg.email,
msg.bounce_description, msg.diag; messages/send: email, status, reject_reason; rejects/list: email,
reason, detail, created_at).
"""

from __future__ import annotations

from listcheck.bounces.export_rows import ExportFormat, Row, RowReading, failure, parse_date, settled
from listcheck.bounces.platform_types import platform_type

_ADDRESS = ("Email Address", "Email", "email_address")


def _audience_reader(export: str, time_column: str, reason_column: str | None) -> ExportFormat:
    """The reader of one file of the audience export, known by its own time column; ``reason_column``
    holds the person's own words, kept as the diagnostic."""

    def detects(row: Row, name: str) -> bool:
        return row.has(time_column) and row.value(*_ADDRESS) is not None

    def read(row: Row) -> RowReading:
        return settled([failure(row.value(*_ADDRESS), text=row.text(reason_column) if reason_column else "",
                                date=parse_date(row.value(time_column)))], platform_type("mailchimp", ("export", export)))

    return ExportFormat(f"mailchimp_{export}", detects, read)


def _is_member(row: Row, name: str) -> bool:
    return row.has("email_address", "status") and (row.has("list_id") or row.has("unique_email_id"))


def _read_member(row: Row) -> RowReading:
    told = platform_type("mailchimp", ("status", row.text("status")))
    if told is None:
        return []
    return settled([failure(row.value("email_address"), date=parse_date(row.value("last_changed")))], told)


def _is_mandrill_event(row: Row, name: str) -> bool:
    return row.has("event", "msg")


def _read_mandrill_event(row: Row) -> RowReading:
    message = row.sub("msg") or Row({})
    reject = message.sub("reject")
    told = platform_type("mandrill", ("reject reason", reject.text("reason") if reject else ""),
                         ("bounce description", message.text("bounce_description")), ("event", row.text("event")))
    if told is None:  # an event this reader does not know: named in a warning, not guessed
        return []
    return settled([failure(message.value("email"), text=message.text("diag"),
                            date=parse_date(row.value("ts") or message.value("ts")))], told)


def _is_mandrill_result(row: Row, name: str) -> bool:
    return row.has("email", "reject_reason") or row.has("email", "status", "_id")


def _is_mandrill_reject(row: Row, name: str) -> bool:
    return row.has("email", "reason", "detail") and (row.has("created_at") or row.has("expires_at"))


def _read_mandrill(row: Row) -> RowReading:
    told = platform_type("mandrill", ("reject reason", row.text("reject_reason", "reason")),
                         ("status", row.text("status")))
    if told is None:
        return []
    return settled([failure(row.value("email"), text=row.text("detail"),
                            date=parse_date(row.value("created_at", "last_event_at")))], told)


FORMATS = [
    _audience_reader("cleaned", "CLEAN_TIME", None),
    _audience_reader("unsubscribed", "UNSUB_TIME", "UNSUB_REASON"),
    ExportFormat("mailchimp_members", _is_member, _read_member),
    ExportFormat("mandrill_events", _is_mandrill_event, _read_mandrill_event),
    ExportFormat("mandrill_results", _is_mandrill_result, _read_mandrill),
    ExportFormat("mandrill_rejects", _is_mandrill_reject, _read_mandrill),
]
