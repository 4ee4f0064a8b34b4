"""Amazon SES notifications that arrive as mail: the JSON of a Bounce, Complaint or Delivery in the body.

An SNS e-mail subscription sends the notification itself, an SQS or HTTP one may wrap it in an SNS
envelope whose "Message" holds it as a string; both are read. Field names follow
docs.aws.amazon.com/ses/latest/dg/notification-contents.html (notificationType; eventType for
event publishing).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from listcheck.bounces.events import Classification, Failure
from listcheck.bounces.mail_text import one_line
from listcheck.bounces.smtp_replies import clean_diagnostic, finer_status, reply_in, status_in

_KINDS = ("Bounce", "Complaint", "Delivery")


def ses_notification(text: str) -> dict[str, Any] | None:
    """The SES notification in a body's text, or None when the text holds none."""
    if "notificationType" not in text and "eventType" not in text:
        return None
    start = text.find("{")
    decoder = json.JSONDecoder()
    for candidate in (text[start:], "".join(text[start:].split("\n"))):  # as sent, then unwrapped lines
        try:
            found, _ = decoder.raw_decode(candidate)
        except ValueError:
            continue
        if isinstance(found, dict) and isinstance(found.get("Message"), str):  # an SNS envelope
            try:
                found = json.loads(found["Message"])
            except ValueError:
                continue
        if isinstance(found, dict) and _kind(found) in _KINDS:
            return found
    return None


def ses_failures(notification: dict[str, Any], message_day: datetime | None) -> list[Failure]:
    """One failure per recipient the notification names, in its order."""
    kind = _kind(notification)
    body = notification.get(kind.lower())
    if not isinstance(body, dict):
        return []
    date = _timestamp(body.get("timestamp")) or message_day
    if kind == "Complaint":
        return [Failure(address=address, diagnostic=one_line(str(body.get("complaintFeedbackType") or "")),
                        date=date, classification=Classification.of("complaint"))
                for address in _addresses(body.get("complainedRecipients"))]
    if kind == "Delivery":
        response = one_line(str(body.get("smtpResponse") or ""))
        return [Failure(address=address, status_code=status_in(response), reply_code=reply_in(response),
                        diagnostic=response, action="delivered", date=date,
                        classification=Classification.of("delivered"))
                for address in _addresses(body.get("recipients"))]
    return _bounce_failures(body, date)


def _bounce_failures(body: dict[str, Any], date: datetime | None) -> list[Failure]:
    """Bounced recipients: their DSN fields, or SES's bounce type when the recipient carries none."""
    failures = []
    told = one_line(f"Amazon SES {body.get('bounceType') or ''} bounce {body.get('bounceSubType') or ''}")
    recipients = body.get("bouncedRecipients")
    for recipient in recipients if isinstance(recipients, list) else []:
        if not isinstance(recipient, dict) or not isinstance(recipient.get("emailAddress"), str):
            continue
        diagnostic = clean_diagnostic(str(recipient.get("diagnosticCode") or "")) or told
        status = finer_status(status_in(str(recipient.get("status") or "")), diagnostic)
        action = str(recipient.get("action") or "failed").lower()
        failures.append(Failure(address=recipient["emailAddress"], status_code=status,
                                reply_code=reply_in(diagnostic), diagnostic=diagnostic, action=action, date=date))
    return failures


def _kind(notification: dict[str, Any]) -> str:
    kind = notification.get("notificationType") or notification.get("eventType")
    return kind if isinstance(kind, str) else ""


def _addresses(recipients: Any) -> list[str]:
    """Addresses of a recipients list, whether of strings (delivery) or of objects (complaint)."""
    found = []
    for recipient in recipients if isinstance(recipients, list) else []:
        address = recipient.get("emailAddress") if isinstance(recipient, dict) else recipient
        if isinstance(address, str) and "@" in address:
            found.append(address)
    return found


def _timestamp(value: Any) -> datetime | None:
    """An ISO 8601 timestamp ("2016-11-25T01:48:55.454Z") as an aware datetime, UTC when it has no zone."""
    if not isinstance(value, str):
        return None
    try:
        when = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)
