"""RFC 3464 delivery status notifications: the message/delivery-status fields, one failure per recipient.

The fields are read from text rather than from the email package's parse of the part, since servers
send them base64-encoded, as text/plain, with blank lines in odd places or indented.

>>> [f.address for f in dsn_failures("Reporting-MTA: dns; mx.example.org\\n\\n"
...     "Final-Recipient: rfc822; neko@example.org\\nAction: failed\\nStatus: 5.1.1\\n", None)]
['neko@example.org']
"""

from __future__ import annotations

import re
from datetime import datetime

from listcheck.bounces.events import Failure
from listcheck.bounces.mail_text import message_date, one_line
from listcheck.bounces.smtp_replies import clean_diagnostic, finer_status, reply_in, smtp_command, status_in

# A field line (RFC 3464 section 2.1, RFC 822 syntax): a name, a colon, a value.
_FIELD = re.compile(r"^([A-Za-z][A-Za-z0-9-]*)\s*:\s?(.*)$")
# The fields that start or belong to a recipient's group (RFC 3464 section 2.3).
_RECIPIENT_FIELDS = frozenset({"original-recipient", "final-recipient", "action", "status", "remote-mta",
                               "diagnostic-code", "last-attempt-date", "final-log-id", "will-retry-until",
                               "x-actual-recipient"})
_ACTIONS = ("failed", "delayed", "delivered", "relayed", "expanded")
_ADDRESS = re.compile(r"[^\s<>\"';,()]+@[^\s<>\"';,()]+")
_UNIX_TYPE = re.compile(r"\s*(?:x-)?unix\s*;", re.IGNORECASE)


def field_groups(text: str) -> list[dict[str, str]]:
    """The groups of fields of a delivery-status text: the message's first, then one per recipient.

    A new group begins at a blank line (section 2.1) and also where a field repeats, for the servers
    that forget the blank line between recipients.
    """
    groups: list[dict[str, str]] = [{}]
    name = ""
    for line in text.split("\n"):
        if not line.strip():
            if groups[-1]:
                groups.append({})
            name = ""
            continue
        if line[:1] in " \t" and name:  # a folded continuation line (RFC 5322 section 2.2.3)
            groups[-1][name] += " " + line.strip()
            continue
        match = _FIELD.match(line.strip())
        if not match:
            continue
        name, value = match.group(1).lower(), match.group(2).strip()
        current = groups[-1]
        if name in current:
            groups.append({})
            current = groups[-1]
        current[name] = value
    return [group for group in groups if group]


def recipient_address(group: dict[str, str]) -> str:
    """The recipient of a field group: Final-Recipient's address, else Original-Recipient's (section 2.3.1-2)."""
    for name in ("final-recipient", "x-actual-recipient", "original-recipient"):
        value = group.get(name, "")
        address_type, _, address = value.partition(";")
        if not address:
            address = address_type
        match = _ADDRESS.search(address)
        if match:
            return match.group(0).strip(".")
    return ""


def dsn_failures(text: str, message_day: datetime | None, *, unnamed: bool = False) -> list[Failure]:
    """One failure per recipient group of a delivery-status text, in the order listed.

    With ``unnamed``, a group whose recipient field holds no address ("rfc822; @host", as a Sendmail
    rewriting rule can leave it) still gives a failure, its address "", for the caller to name.
    """
    groups = field_groups(text)
    per_message: dict[str, str] = {}
    failures: list[Failure] = []
    for group in groups:
        if not _RECIPIENT_FIELDS.intersection(group):
            per_message.update(group)
            continue
        address = recipient_address(group)
        if not address and not (unnamed and ("status" in group or "action" in group)):
            continue
        failures.append(group_failure(address, group, per_message, message_day))
    return failures


def group_failure(address: str, group: dict[str, str], per_message: dict[str, str],
                  message_day: datetime | None) -> Failure:
    """The failure of one recipient's fields."""
    raw = group.get("diagnostic-code", "")
    diagnostic = clean_diagnostic(raw)
    # RFC 3464 section 2.3.6: after "X-Unix;" stands a program's exit status (Sendmail's "255"), not a reply.
    reply = "" if _UNIX_TYPE.match(raw) else reply_in(diagnostic)
    stated = status_in(group.get("status", ""))
    status = finer_status(stated, diagnostic)
    action = one_line(group.get("action", "")).lower().split(" ")[0]
    if action not in _ACTIONS:
        # Words servers use instead (Postfix's "deliverable" answers a sendmail -bv address test).
        action = {"expired": "failed", "failure": "failed", "error": "failed", "delay": "delayed",
                  "undeliverable": "failed", "deliverable": "delivered"}.get(action, "")
    date = (message_date(group.get("last-attempt-date", "")) or message_date(group.get("arrival-date", ""))
            or message_date(per_message.get("arrival-date", "")) or message_day)
    return Failure(address=address, status_code=status, reply_code=reply,
                   diagnostic=diagnostic, action=action, date=date, command=smtp_command(raw))
