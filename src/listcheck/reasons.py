"""The verdict vocabulary: statuses, reasons and where each reason sends a row.

Reason codes are stable API (see CONTRACT.md): users' scripts filter on them. The README table and
the reports are generated from this module, so a reason is described here once and only here.
"""

from __future__ import annotations

from enum import Enum
from typing import Self


class Status(str, Enum):
    """How an address is judged, from best to worst."""

    VALID = "valid"
    UNKNOWN = "unknown"
    RISKY = "risky"
    INVALID = "invalid"

    @property
    def severity(self) -> int:
        """Higher is worse: invalid, then risky, then unknown (CONTRACT.md, Statuses and reasons)."""
        return _SEVERITY[self]


_SEVERITY = {Status.VALID: 0, Status.UNKNOWN: 1, Status.RISKY: 2, Status.INVALID: 3}


class Destination(str, Enum):
    """The output file a row lands in."""

    CLEAN = "clean"
    REJECTED = "rejected"


class Reason(Enum):
    """Why a row went where it went; ``REASONS_BY_CODE`` looks a reason up by its code.

    ``status`` is the status the reason gives an address; it is ``None`` for ``duplicate``, whose
    status is that of the row it repeats.

    >>> Reason("missing_at").status
    <Status.INVALID: 'invalid'>
    """

    code: str
    status: Status | None
    destination: Destination
    description: str

    def __new__(cls, code: str, status: Status | None, destination: Destination, description: str) -> Self:
        member = object.__new__(cls)
        member._value_ = code
        member.code = code
        member.status = status
        member.destination = destination
        member.description = description
        return member

    @property
    def title(self) -> str:
        """A few words for reports, in the language of the run (messages.py)."""
        from listcheck.messages import say

        return say(f"reason.{self.code}")

    EMPTY = ("empty", Status.INVALID, Destination.REJECTED, "The address cell is blank.")
    MISSING_AT = ("missing_at", Status.INVALID, Destination.REJECTED, "The cell has no `@`.")
    SYNTAX = (
        "syntax", Status.INVALID, Destination.REJECTED,
        "Any other syntax error; the detail says which character or part is wrong.",
    )
    MULTIPLE_ADDRESSES = (
        "multiple_addresses", Status.INVALID, Destination.REJECTED,
        "More than one address in the cell (separated by `;`, `,`, spaces, line breaks or ` ::: `).",
    )
    SPECIAL_USE_DOMAIN = (
        "special_use_domain", Status.INVALID, Destination.REJECTED,
        "A reserved name that can never receive mail: localhost, invalid, test, example domains, ...",
    )
    UNKNOWN_TLD = (
        "unknown_tld", Status.INVALID, Destination.REJECTED,
        "The part after the last dot is not a top-level domain in the IANA root zone.",
    )
    DOMAIN_NOT_FOUND = (
        "domain_not_found", Status.INVALID, Destination.REJECTED,
        "DNS says the domain does not exist (NXDOMAIN).",
    )
    NULL_MX = (
        "null_mx", Status.INVALID, Destination.REJECTED,
        "The domain publishes a null MX record: it says it accepts no mail (RFC 7505).",
    )
    NO_MAIL_SERVER = (
        "no_mail_server", Status.INVALID, Destination.REJECTED,
        "The domain has no MX record and no usable A/AAAA record.",
    )
    SUPPRESSED = (
        "suppressed", Status.INVALID, Destination.REJECTED,
        "The address is on a suppression list given with `--suppress` (it bounced or opted out before).",
    )
    NON_ASCII_LOCAL_PART = (
        "non_ascii_local_part", Status.RISKY, Destination.REJECTED,
        ("Letters outside ASCII before the @ (`josé@gmail.com`): most mail systems and sending platforms "
         "cannot deliver to it; the suggestion holds the address without accents."),
    )
    TYPO_DOMAIN = (
        "typo_domain", Status.RISKY, Destination.REJECTED,
        "The domain looks like a misspelling of a real one; the suggestion holds the corrected address.",
    )
    DISPOSABLE = (
        "disposable", Status.RISKY, Destination.REJECTED,
        "The domain belongs to a disposable (throwaway) mailbox provider.",
    )
    ROLE_ACCOUNT = (
        "role_account", Status.RISKY, Destination.CLEAN,
        "A mailbox for a role rather than a person, such as info@, admin@ or ventas@.",
    )
    DUPLICATE = (
        "duplicate", None, Destination.REJECTED,
        "The same address, ignoring case, is in an earlier row; the detail names that row.",
    )
    DNS_UNKNOWN = (
        "dns_unknown", Status.UNKNOWN, Destination.CLEAN,
        "DNS could not answer now (timeout, SERVFAIL, or a resolver that cannot be trusted).",
    )


REPAIRED_REASONS = frozenset([Reason.MISSING_AT, Reason.SYNTAX])
"""The reasons of cells that are no address: their suggestion, when they have one, is a repair."""

REASONS_BY_CODE: dict[str, Reason] = {reason.code: reason for reason in Reason}
"""Every reason by its code, for reading codes back from a table or a report."""
