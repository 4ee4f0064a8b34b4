"""Brevo (Sendinblue): transactional blocked contacts (the API's ``contacts``, or the same as CSV) and
webhook events (``event`` hard_bounce, soft_bounce, blocked, spam, invalid_email, deferred,
unsubscribe...), as JSON or as a CSV with the same columns.

Fields: developers.brevo.com/reference/get-transac-blocked-contacts (email, senderEmail, reason.code,
blockedAt) and anymail ``webhooks/brevo.py`` (event, email, reason, ts_event, ts_epoch, date). A row
of events without Brevo's own timestamp fields is still Brevo's when its event word is one only
Brevo uses (hard_bounce, not SendGrid's bounce).
"""

from __future__ import annotations

from listcheck.bounces.export_rows import ExportFormat, Row, RowReading, failure, parse_date, settled
from listcheck.bounces.platform_types import platform_type

_OWN_FIELDS = ("ts_event", "ts_epoch", "sending_ip", "ts")


def _is_blocked_contact(row: Row, name: str) -> bool:
    return row.has("email", "blockedAt")


def _read_blocked_contact(row: Row) -> RowReading:
    reason = row.sub("reason")
    code = reason.text("code") if reason else row.text("reason")
    told = platform_type("brevo", ("blocked reason", code))
    if told is None:
        return []
    return settled([failure(row.value("email"), date=parse_date(row.value("blockedAt")))], told)


def _is_event(row: Row, name: str) -> bool:
    if not row.has("event", "email"):
        return False
    if any(row.has(field) for field in _OWN_FIELDS):
        return True
    event = row.text("event")
    return platform_type("brevo", ("event", event)) is not None and platform_type("sendgrid", ("event", event)) is None


_ACTIONS = {"delivered": "delivered", "deferred": "delayed"}


def _may_be_event(row: Row, name: str) -> bool:
    return row.has("event", "email") and platform_type("brevo", ("event", row.text("event"))) is not None


def _read_event(row: Row) -> RowReading:
    event = row.text("event")
    told = platform_type("brevo", ("event", event))
    if told is None:  # an event this reader does not know: named in a warning, not guessed
        return []
    date = parse_date(row.value("ts_event", "ts_epoch", "ts", "date"))
    return settled([failure(row.value("email"), text=row.text("reason"), action=_ACTIONS.get(event, ""),
                            date=date)], told)


FORMATS = [
    ExportFormat("brevo_blocked_contacts", _is_blocked_contact, _read_blocked_contact),
    ExportFormat("brevo_events", _is_event, _read_event, _may_be_event),
]
