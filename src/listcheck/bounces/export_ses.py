"""Amazon SES: its notifications (Bounce, Complaint, Delivery, and the event-publishing DeliveryDelay,
Open, Send...) and its account-level suppression list.

Field names follow docs.aws.amazon.com/ses/latest/dg/notification-contents.html (``notificationType``)
and event-publishing-retrieving-sns-contents.html (``eventType``, the same bodies); the suppression list
follows APIReference-V2/API_SuppressedDestinationSummary.html. An SNS envelope (its ``Message`` holds the
notification as a string) is opened before these readers see the row.
"""

from __future__ import annotations

from listcheck.bounces.export_rows import ExportFormat, Row, RowReading, dated, failure, parse_date, settled
from listcheck.bounces.platform_types import listing, platform_type

_BODIES = ("bounce", "complaint", "delivery", "deliveryDelay", "mail")


def _is_notification(row: Row, name: str) -> bool:
    if row.has("notificationType"):
        return True
    return row.has("eventType") and any(row.has(body) for body in _BODIES)


def _read_notification(row: Row) -> RowReading:
    kind = row.text("notificationType", "eventType")
    mail = row.sub("mail")
    sent = parse_date(mail.value("timestamp")) if mail else None
    readers = {"bounce": _bounce, "complaint": _complaint, "delivery": _delivery, "deliverydelay": _delay}
    reader = readers.get(kind.casefold())
    if reader is not None:
        body = row.sub(kind)  # the body is named for the kind: "bounce", "deliveryDelay"
        return dated(reader(body), sent) if body is not None else []
    told = platform_type("ses", ("notification", kind))
    return None if told is not None and told.classification is None else []


def _bounce(body: Row) -> RowReading:
    kind, subtype = body.text("bounceType"), body.text("bounceSubType")
    told = platform_type("ses", ("subtype", f"{kind} {subtype}"), ("type", kind))
    date = parse_date(body.value("timestamp"))
    return settled((failure(recipient.value("emailAddress"), code=recipient.text("status"),
                            text=recipient.text("diagnosticCode"), action=recipient.text("action") or "failed",
                            date=date) for recipient in body.rows("bouncedRecipients")), told)


def _complaint(body: Row) -> RowReading:
    feedback = body.text("complaintFeedbackType")
    told = platform_type("ses", ("feedback type", feedback), ("notification", "Complaint"))
    date = parse_date(body.value("timestamp", "arrivalDate"))
    return settled((failure(recipient.value("emailAddress"), text=feedback, date=date)
                    for recipient in body.rows("complainedRecipients")), told)


def _delivery(body: Row) -> RowReading:
    response, date = body.text("smtpResponse"), parse_date(body.value("timestamp"))
    recipients = body.value("recipients")
    return settled((failure(address, text=response, action="delivered", date=date)
                    for address in (recipients if isinstance(recipients, list) else [])),
                   platform_type("ses", ("notification", "Delivery")))


def _delay(body: Row) -> RowReading:
    told = platform_type("ses", ("delay type", body.text("delayType")), ("delay type", "General"))
    date = parse_date(body.value("timestamp"))
    return settled((failure(recipient.value("emailAddress"), code=recipient.text("status"),
                            text=recipient.text("diagnosticCode"), action="delayed", date=date)
                    for recipient in body.rows("delayedRecipients")), told)


def _is_suppression(row: Row, name: str) -> bool:
    if not row.has("EmailAddress") or not (row.has("Reason") or row.has("SuppressionReason")):
        return False
    return row.has("LastUpdateTime") or row.text("Reason", "SuppressionReason") in ("BOUNCE", "COMPLAINT")


def _read_suppression(row: Row) -> RowReading:
    told = platform_type("ses_suppression", ("reason", row.text("Reason", "SuppressionReason")))
    return settled([failure(row.value("EmailAddress"), date=parse_date(row.value("LastUpdateTime")))],
                   told or listing())


FORMATS = [
    ExportFormat("ses_notifications", _is_notification, _read_notification),
    ExportFormat("ses_suppression_list", _is_suppression, _read_suppression),
]
