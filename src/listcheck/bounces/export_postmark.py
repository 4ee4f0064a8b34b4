"""Postmark: bounces (the bounces API's records, the same records as CSV, and its webhooks: Bounce,
SpamComplaint, Delivery, SubscriptionChange, Open, Click) and the suppressions export.

Fields from postmark 4.0.2 ``Bounce.d.ts`` and developer.postmarkapp.com/developer-bounces.html; the
suppressions dump from postmarkapp.com/developer/api/suppressions-api. ``Details`` holds the server's
words; ``Description`` is Postmark's sentence about the type ("ex: unknown user, mailbox not found"),
the same for every bounce of that type, so it is never read as evidence.
"""

from __future__ import annotations

from listcheck.bounces.export_rows import ExportFormat, Row, RowReading, failure, parse_date, settled
from listcheck.bounces.platform_types import platform_type


def _is_bounce(row: Row, name: str) -> bool:
    if row.text("RecordType") in ("Bounce", "SpamComplaint"):
        return True
    return row.has("Email") and (row.has("TypeCode") or row.has("Type", "BouncedAt"))


def _read_bounce(row: Row) -> RowReading:
    told = platform_type("postmark", ("type", row.text("Type")), ("type code", row.text("TypeCode")))
    return settled([failure(row.value("Email"), text=row.text("Details"), action="failed",
                            date=parse_date(row.value("BouncedAt")))], told)


def _is_webhook(row: Row, name: str) -> bool:
    return row.has("RecordType", "Recipient")


def _read_webhook(row: Row) -> RowReading:
    kind = row.text("RecordType")
    if kind == "SubscriptionChange":
        if row.text("SuppressSending") != "true":  # a resubscription: nothing to stop
            return None
        told = platform_type("postmark", ("suppression reason", row.text("SuppressionReason")))
        date = parse_date(row.value("ChangedAt"))
    else:
        told = platform_type("postmark", ("record type", kind))
        date = parse_date(row.value("DeliveredAt", "ReceivedAt", "ChangedAt"))
    if told is None:
        return []
    action = "delivered" if kind == "Delivery" else ""
    return settled([failure(row.value("Recipient"), text=row.text("Details"), action=action, date=date)], told)


def _is_suppression(row: Row, name: str) -> bool:
    return row.has("EmailAddress", "SuppressionReason") and not row.has("LastUpdateTime")


def _read_suppression(row: Row) -> RowReading:
    told = platform_type("postmark", ("suppression reason", row.text("SuppressionReason")))
    if told is None:
        return []
    return settled([failure(row.value("EmailAddress"), date=parse_date(row.value("CreatedAt")))], told)


FORMATS = [
    ExportFormat("postmark_bounces", _is_bounce, _read_bounce),
    ExportFormat("postmark_webhooks", _is_webhook, _read_webhook),
    ExportFormat("postmark_suppressions", _is_suppression, _read_suppression),
]
