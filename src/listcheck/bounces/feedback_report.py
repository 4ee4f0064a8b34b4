"""RFC 5965 abuse reports (ARF, report-type=feedback-report): who complained, and when.

Every recipient of a feedback report is a complaint (CONTRACT.md, Bounces), whatever its
Feedback-Type: the report says mail to that address was reported.
"""

from __future__ import annotations

from datetime import datetime
from email.message import Message
from email.utils import getaddresses

from listcheck.bounces.events import Classification, Failure
from listcheck.bounces.mail_text import content_type, header, message_date, one_line, parse_message, part_text, walk

COMPLAINT = Classification.of("complaint")


def is_feedback_report(message: Message) -> bool:
    """Whether a part of the message is an RFC 5965 machine-readable report (message/feedback-report)."""
    return any(content_type(part) == "message/feedback-report" for part in walk(message))


def complaint_failures(message: Message, message_day: datetime | None) -> list[Failure]:
    """A complaint per recipient: each Original-Rcpt-To (RFC 5965 section 3.2), else the reported mail's To."""
    fields: dict[str, list[str]] = {}
    reported: Message | None = None
    for part in walk(message):
        kind = content_type(part)
        if kind == "message/feedback-report":
            for group in _report_lines(part):
                name, _, value = group.partition(":")
                fields.setdefault(name.strip().lower(), []).append(value.strip())
        elif kind in ("message/rfc822", "text/rfc822-headers") and reported is None:
            reported = _reported_message(part)
    addresses = [address for value in fields.get("original-rcpt-to", []) for address in _addresses(value)]
    if not addresses and reported is not None:
        addresses = _addresses(header(reported, "To"))
    date = _first_date(fields.get("arrival-date", []) + fields.get("received-date", [])) or message_day
    detail = one_line(" ".join(fields.get("feedback-type", [])))
    return [Failure(address=address, diagnostic=detail, date=date, classification=COMPLAINT)
            for address in addresses]


def _report_lines(part: Message) -> list[str]:
    """The "Name: value" lines of a feedback-report part, folded lines joined (fields may repeat)."""
    lines: list[str] = []
    for line in part_text(part).split("\n"):
        if line[:1] in " \t" and lines:  # a folded continuation (RFC 5322 section 2.2.3)
            lines[-1] += " " + line.strip()
        elif ":" in line:
            lines.append(line.strip())
    return lines


def _reported_message(part: Message) -> Message | None:
    """The reported message (RFC 5965 section 2, third part), whole or as its headers only."""
    payload = part.get_payload()
    if isinstance(payload, list) and payload and isinstance(payload[0], Message):
        return payload[0]
    return parse_message(part_text(part).encode("utf-8", "replace"))


def _addresses(value: str) -> list[str]:
    """The addresses of a header value, in order, only those with an "@"."""
    value = value.strip()
    if value.lower().startswith("rfc822;"):
        value = value[len("rfc822;"):]
    return [address for _, address in getaddresses([value]) if "@" in address]


def _first_date(values: list[str]) -> datetime | None:
    for value in values:
        date = message_date(value)
        if date is not None:
            return date
    return None
