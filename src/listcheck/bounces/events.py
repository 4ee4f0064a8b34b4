"""The bounce vocabulary: classes, reasons, what one source says about one recipient, and the event.

Class and reason codes are stable API (CONTRACT.md, Bounces): the outputs and users' scripts carry them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum


class BounceClass(str, Enum):
    """What an event means for the address."""

    HARD = "hard"  # dead or refusing for good: stop mailing it
    SOFT = "soft"  # temporary: mail again later
    SENDER = "sender"  # the sender's own problem (reputation, SPF/DKIM/DMARC, content): keep the address
    COMPLAINT = "complaint"  # the person marked mail as spam: never mail again
    UNSUBSCRIBE = "unsubscribe"  # the person opted out: never mail again
    DELIVERED = "delivered"  # a later delivery clears earlier soft bounces
    # Not a bounce: support's record that mailing may start again (``listcheck resume --lift``). It has no
    # reason in REASON_CLASSES, whose codes are the ones sources can say; its reason is "resumed" too.
    RESUMED = "resumed"


#: Every reason code, in the contract's order, with the class it belongs to.
REASON_CLASSES: dict[str, BounceClass] = {
    "user_unknown": BounceClass.HARD,
    "domain_not_found": BounceClass.HARD,
    "mailbox_moved": BounceClass.HARD,
    "mail_not_accepted": BounceClass.HARD,
    "recipient_blocked": BounceClass.HARD,
    "mailbox_full": BounceClass.SOFT,
    "message_too_large": BounceClass.SOFT,
    "mailbox_inactive": BounceClass.SOFT,
    "server_error": BounceClass.SOFT,
    "network_error": BounceClass.SOFT,
    "expired": BounceClass.SOFT,
    "rate_limited": BounceClass.SOFT,
    "undetermined": BounceClass.SOFT,
    "blocked": BounceClass.SENDER,
    "auth_failure": BounceClass.SENDER,
    "spam_content": BounceClass.SENDER,
    "policy": BounceClass.SENDER,
    "complaint": BounceClass.COMPLAINT,
    "unsubscribed": BounceClass.UNSUBSCRIBE,
    "delivered": BounceClass.DELIVERED,
}


@dataclass(frozen=True)
class Classification:
    """A class and a reason, always a pair that ``REASON_CLASSES`` agrees with."""

    bounce_class: BounceClass
    reason: str

    @classmethod
    def of(cls, reason: str) -> Classification:
        """The classification of a reason code.

        >>> Classification.of("mailbox_full")
        Classification(bounce_class=<BounceClass.SOFT: 'soft'>, reason='mailbox_full')
        """
        return cls(REASON_CLASSES[reason], reason)


UNDETERMINED = Classification.of("undetermined")


@dataclass(frozen=True)
class Failure:
    """What one message or export row says happened to one recipient, before it is classified.

    ``classification`` is set when the source itself says what happened (a complaint report, a
    platform's bounce type); otherwise the codes and the server's words decide (``classify``).
    """

    address: str
    status_code: str = ""  # RFC 3463 enhanced status code, such as "5.1.1"
    reply_code: str = ""  # RFC 5321 reply code, such as "550"
    diagnostic: str = ""  # the server's words, on one line
    action: str = ""  # RFC 3464 Action: failed, delayed, delivered, relayed, expanded
    date: datetime | None = None  # when it happened, timezone-aware
    classification: Classification | None = None
    # The SMTP command the refusal answered, when the bounce says: "RCPT", "DATA", "MAIL", "HELO/EHLO",
    # "CONN" (the greeting), or "". A recipient is judged at RCPT TO (RFC 5321 section 3.3), the
    # message after DATA: the same words mean a dead mailbox at the one and a filter at the other.
    command: str = ""


@dataclass(frozen=True, slots=True)  # an mbox of 100,000 bounces keeps every event until the decisions
class BounceEvent:
    """One classified event: one row of ``events.csv``."""

    source: str  # the file, or the file and the message or row number: "bounces.mbox:12"
    address: str  # lower-cased
    date: datetime | None
    bounce_class: BounceClass
    reason: str
    status_code: str
    diagnostic: str
