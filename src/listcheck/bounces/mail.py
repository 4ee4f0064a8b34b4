"""One bounce message read: what kind of message it is, and a failure per recipient it reports.

The order of the questions matters (CONTRACT.md, Bounces): an abuse report is a complaint; a
delivery status report is a bounce even when it says Auto-Submitted; an Amazon SES notification is
read from its JSON; a mail server's own wording of a failure is a bounce; an automatic answer
without a report is an auto-reply; anything else is ordinary mail.

>>> read_message(b"From: neko@example.org\\nSubject: Lunch?\\n\\nAt noon.").kind
<MessageKind.NOT_BOUNCE: 'not_bounce'>
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from email.message import Message
from email.utils import getaddresses
from enum import Enum

from listcheck.bounces.autoreplies import is_autoreply
from listcheck.bounces.bounce_text import addresses_in, original_part, text_failures, with_text_words
from listcheck.bounces.delivery_status import dsn_failures
from listcheck.bounces.events import Failure
from listcheck.bounces.feedback_report import complaint_failures, is_feedback_report
from listcheck.bounces.mail_text import content_type, header, message_date, parameter, parse_message, part_text, walk
from listcheck.bounces.server_wordings import (
    BOUNCE_BODY_WORDS,
    BOUNCE_SENDER_NAMES,
    BOUNCE_SENDERS,
    BOUNCE_SUBJECTS,
)
from listcheck.bounces.ses_notifications import ses_failures, ses_notification


class MessageKind(str, Enum):
    """What a message turned out to be; only bounces and complaints give events."""

    BOUNCE = "bounce"  # a delivery report or a mail server's own wording of a failure (or a delay, or a delivery)
    COMPLAINT = "complaint"  # an abuse report (RFC 5965 feedback-report)
    AUTOREPLY = "autoreply"  # an out-of-office or other automatic answer (RFC 3834), not a bounce
    NOT_BOUNCE = "not_bounce"  # ordinary mail
    NOT_UNDERSTOOD = "not_understood"  # looks like a bounce (or cannot be parsed) but no recipient could be found


@dataclass(frozen=True)
class MessageReading:
    """A message's kind and, for bounces and complaints, one failure per recipient, in the order listed."""

    kind: MessageKind
    failures: list[Failure] = field(default_factory=list)


# RFC 3464 section 2 (and RFC 6533 section 6 for its UTF-8 form); some servers label it text/.
_REPORT_TYPES = frozenset({"message/delivery-status", "message/global-delivery-status", "text/delivery-status"})
# The returned original (RFC 3462 section 2, third part): whole, or its headers only.
_ORIGINAL_TYPES = frozenset({"message/rfc822", "text/rfc822-headers", "message/rfc822-headers", "message/global",
                             "message/global-headers", "message/partial"})
_MAX_DEPTH = 20  # MIME nesting: deeper is an attack or a loop, not a bounce


@dataclass
class _Parts:
    """A bounce's parts sorted by what they are for."""

    texts: list[str] = field(default_factory=list)  # human-readable explanation (RFC 3462 first part)
    reports: list[str] = field(default_factory=list)  # delivery-status field texts
    originals: list[Message] = field(default_factory=list)  # the returned original message or its headers
    is_report: bool = False  # a multipart/report of delivery-status type


def read_message(raw: bytes) -> MessageReading:
    """Read one message given as its raw bytes (any line ends); never raises on bad input.

    >>> read_message(b"").kind
    <MessageKind.NOT_UNDERSTOOD: 'not_understood'>
    """
    try:
        return _read(raw)
    except Exception:  # noqa: BLE001 - any bytes at all: a corner no test reached is counted, never a traceback
        return MessageReading(MessageKind.NOT_UNDERSTOOD)


def _read(raw: bytes) -> MessageReading:
    if not isinstance(raw, (bytes, bytearray)) or not bytes(raw).strip():
        return MessageReading(MessageKind.NOT_UNDERSTOOD)
    message = parse_message(bytes(raw))
    if not message.keys():  # no header at all: not a mail message
        return MessageReading(MessageKind.NOT_UNDERSTOOD)
    return _read_parsed(message, forwarded=False)


def _read_parsed(message: Message, *, forwarded: bool) -> MessageReading:
    day = message_date(header(message, "Date"))
    if is_feedback_report(message):
        return _reading(MessageKind.COMPLAINT, complaint_failures(message, day))
    parts = _Parts()
    _gather(message, parts, 0)
    text = "\n".join(parts.texts)
    exclude = _not_recipients(message, parts)
    if parts.reports:
        reported = with_text_words(dsn_failures("\n\n".join(parts.reports), day, unnamed=True), text, exclude, day)
        if reported:
            return MessageReading(MessageKind.BOUNCE, reported)
    if not forwarded and not parts.reports:
        for original in parts.originals:  # a bounce forwarded as an attachment (by a relay, or a person)
            if any(content_type(part) in _REPORT_TYPES for part in walk(original)):
                inner = _read_parsed(original, forwarded=True)
                if inner.failures:
                    return inner
    notification = ses_notification(text)
    if notification is not None:
        failures = ses_failures(notification, day)
        complaint = any(f.classification and f.classification.reason == "complaint" for f in failures)
        return _reading(MessageKind.COMPLAINT if complaint else MessageKind.BOUNCE, failures)
    if parts.reports or parts.is_report or _looks_like_bounce(message, text, is_autoreply(message)):
        return _reading(MessageKind.BOUNCE, _text_failures(message, parts, text, exclude, day))
    if is_autoreply(message):
        return MessageReading(MessageKind.AUTOREPLY)
    return MessageReading(MessageKind.NOT_BOUNCE)


def _reading(kind: MessageKind, failures: list[Failure]) -> MessageReading:
    """A reading of that kind when it found recipients, else not understood."""
    return MessageReading(kind, failures) if failures else MessageReading(MessageKind.NOT_UNDERSTOOD)


def _gather(part: Message, parts: _Parts, depth: int) -> None:
    """Sort the parts of a message, without descending into the returned original."""
    kind = content_type(part)
    if kind == "multipart/report" and parameter(part, "report-type") in ("delivery-status", "global-delivery-status"):
        parts.is_report = True
    if kind in _ORIGINAL_TYPES or (depth > 0 and _is_unlabelled_original(part)):
        original = _original(part) if kind in _ORIGINAL_TYPES else part
        if original is not None:
            parts.originals.append(original)
        return
    if kind in _REPORT_TYPES:
        parts.reports.append(part_text(part))
        return
    if part.is_multipart():
        payload = part.get_payload()
        for sub in payload if isinstance(payload, list) and depth < _MAX_DEPTH else []:
            if isinstance(sub, Message):
                _gather(sub, parts, depth + 1)
        return
    # A multipart whose boundary never comes is read as the text it is (RFC 2046 section 5.1.1).
    if kind == "text/plain" or kind.startswith("multipart/") or (kind.startswith("text/") and kind != "text/html"):
        parts.texts.append(part_text(part))
    elif kind == "text/html" and not parts.texts:
        parts.texts.append(_html_text(part_text(part)))


def _is_unlabelled_original(part: Message) -> bool:
    """Whether a leaf part (of a multipart) is the original attached without message/rfc822: its headers are a
    message's (a From and a Subject or Message-ID), not only the MIME ones."""
    names = {name.lower() for name in part}
    return not part.is_multipart() and "from" in names and bool(names & {"subject", "message-id", "received"})


def _original(part: Message) -> Message | None:
    payload = part.get_payload()
    if isinstance(payload, list) and payload and isinstance(payload[0], Message):
        return payload[0]
    text = part_text(part)
    return parse_message(text.encode("utf-8", "replace")) if text.strip() else None


def _html_text(html: str) -> str:
    """The text of an HTML body (some servers send no text/plain), one line per block."""
    from html.parser import HTMLParser

    class _Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.chunks: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag in ("br", "p", "div", "tr", "li", "table", "h1", "h2", "h3", "pre", "blockquote"):
                self.chunks.append("\n")

        def handle_data(self, data: str) -> None:
            self.chunks.append(data)

    reader = _Text()
    reader.feed(html)
    reader.close()
    return "".join(reader.chunks)


def _not_recipients(message: Message, parts: _Parts) -> frozenset[str]:
    """Addresses a bounce names that are no failed recipient: its own sender and receiver (the original's
    sender), and the original's From."""
    named = [header(message, name) for name in ("From", "To", "Return-Path", "Reply-To", "Sender")]
    named += [header(original, "From") for original in parts.originals]
    return frozenset(address.lower() for value in named for address in addresses_in(value))


def _looks_like_bounce(message: Message, text: str, autoreply: bool) -> bool:
    """Whether a message without a report is a bounce by its sender, its subject and its words.

    An out-of-office answer says no bounce words and comes from a person, so for one that says it is
    an auto-reply only the strong signs count (Exim marks its bounces Auto-Submitted: auto-replied).
    """
    if header(message, "X-Failed-Recipients"):
        return True
    sender = header(message, "From")
    from_daemon = bool(BOUNCE_SENDERS.search(sender) or BOUNCE_SENDER_NAMES.search(sender) or
                       BOUNCE_SENDERS.search(header(message, "Sender")))
    subject = bool(BOUNCE_SUBJECTS.search(header(message, "Subject")))
    words = bool(BOUNCE_BODY_WORDS.search(text))
    if autoreply:
        return from_daemon and (subject or words)
    null_sender = header(message, "Return-Path").strip() in ("<>", "")
    return (from_daemon and (subject or words)) or (subject and words) or (null_sender and words and from_daemon)


def _text_failures(message: Message, parts: _Parts, text: str, exclude: frozenset[str],
                   day: datetime | None) -> list[Failure]:
    """The failures a bounce's text names; else its X-Failed-Recipients; else the original's recipients."""
    listed = [address for _, address in getaddresses([header(message, "X-Failed-Recipients")]) if "@" in address]
    failures = text_failures(text, exclude, listed, day)
    if failures:
        return failures
    originals = [*parts.originals, parse_message(original_part(text).encode("utf-8", "replace"))]
    for original in originals:
        recipients = [address for _, address in getaddresses([header(original, "To")]) if "@" in address]
        recipients = [address for address in recipients if address.lower() not in exclude] or recipients
        if recipients:
            return text_failures(text, exclude, recipients, day)
    return []
