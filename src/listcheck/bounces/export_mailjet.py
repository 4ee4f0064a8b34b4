"""Mailjet: its Event API events (``event`` bounce, blocked, spam, unsub, sent, open, click).

Fields: documentation.mailjet.com/hc/en-us/articles/360043578154-Event-Tracking-API (event, time, email,
mj_campaign_id, blocked, hard_bounce, error_related_to, error). A bounce carries no server text, only
Mailjet's own verdict (``error_related_to`` and ``error``), which the vocabulary table classifies;
``hard_bounce`` says only "permanent", which is no evidence that the address is dead.
"""

from __future__ import annotations

from listcheck.bounces.export_rows import ExportFormat, Row, RowReading, failure, parse_date, settled
from listcheck.bounces.platform_types import platform_type

_OWN_FIELDS = ("mj_campaign_id", "mj_contact_id", "Message_GUID", "error_related_to", "mj_message_id")


def _is_event(row: Row, name: str) -> bool:
    return row.has("event", "email") and any(row.has(field) for field in _OWN_FIELDS)


def _may_be_event(row: Row, name: str) -> bool:
    return row.has("event", "email") and platform_type("mailjet", ("event", row.text("event"))) is not None


def _read_event(row: Row) -> RowReading:
    event = row.text("event")
    related, error = row.text("error_related_to"), row.text("error")
    told = platform_type("mailjet", ("error", f"{related} {error}" if error else ""), ("event", event))
    if told is None:  # an event this reader does not know: named in a warning, not guessed
        return []
    action = "delivered" if event == "sent" else "failed" if event in ("bounce", "blocked") else ""
    return settled([failure(row.value("email"), text=row.text("comment", "smtp_reply"), action=action,
                            date=parse_date(row.value("time")))], told)


FORMATS = [ExportFormat("mailjet_events", _is_event, _read_event, _may_be_event)]
