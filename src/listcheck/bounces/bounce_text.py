"""Bounces in a mail server's own words: the recipients a bounce's text names, and what it says of each.

A bounce without an RFC 3464 report still follows one shape across server families: a few lines of
explanation, the failed recipients each followed (or preceded) by the remote server's reply, then a
copy of the original message. This module cuts the copy off, finds the recipients and gives each the
paragraph about it; server_wordings.py holds the families' phrases.

>>> [(f.address, f.status_code, f.reply_code) for f in text_failures(
...     "I'm afraid I wasn't able to deliver your message to the following addresses.\\n\\n"
...     "<neko@example.org>:\\nRemote host said: 550 5.1.1 No such user\\n", frozenset(), [], None)]
[('neko@example.org', '5.1.1', '550')]
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
from datetime import datetime

from listcheck.bounces.delivery_status import dsn_failures
from listcheck.bounces.events import Failure
from listcheck.bounces.mail_text import one_line
from listcheck.bounces.server_wordings import (
    DELAY_WORDS,
    ORIGINAL_HEADER_NAMES,
    ORIGINAL_MESSAGE_MARKERS,
    PERMANENT_WORDS,
    RECIPIENT_LEAD_INS,
    ROLE_LOCAL_PARTS,
)
from listcheck.bounces.smtp_replies import clean_diagnostic, finer_status, reply_in, smtp_command, status_in

# An address as bounces write it: a dot-atom local part (RFC 5322 section 3.4.1), any letters (RFC
# 6531), a domain of at least two labels. Quoted local parts are too rare in bounces to be worth it.
ADDRESS = re.compile(r"(?<![\w.+=-])[\w!#$%&'*+/=?^`{|}~-]+(?:\.[\w!#$%&'*+/=?^`{|}~-]+)*@[\w-]+(?:\.[\w-]+)+",
                     re.UNICODE)
# A failure's code in a line: a 4.x.x or 5.x.x status, or a 4xx or 5xx reply (2xx lines of a transcript are
# the steps that went well).
_CODE = re.compile(r"(?<![\w.])[45]\.\d{1,3}\.\d{1,3}(?![\w]|\.\d)|(?<![\w.:/#@-])[45][0-5]\d(?=[ -]|$)")
# The envelope sender in a transcript ("MAIL FROM:<...>", RFC 5321 section 4.1.1.2) is never a recipient.
_MAIL_FROM = re.compile(r"mail\s+from\s*:\s*<?([^\s<>]+@[^\s<>]+?)>?(?=[\s>]|$)", re.IGNORECASE)
_REPORT_START = re.compile(r"(?im)^(?:reporting-mta|original-envelope-id|final-recipient|original-recipient)\s*:")
_PART_END = re.compile(r"(?im)^(?:--\S{4,}\s*$|content-type\s*:)")
# A line that only divides ("-----", "===== Technical details =====" keeps its words: only bare rules go).
_DIVIDER = re.compile(r"^\s*[-=_*~#]{3,}\s*$")
# An address the bounce gives for help ("please send mail to support@...", "contact postmaster@...").
_CONTACT = re.compile(r"(?:send (?:e-?)?mail to|contact(?:ing)?|write to|reply to|mailto:|questions? to)\s+<?"
                      r"([^\s<>@]+@[\w.-]+\w)", re.IGNORECASE)
# What Exchange writes after a recipient ("neko@example.org on Thu, 6 Mar 2025 09:00:00 +0900"): no words.
_DATE_ONLY = re.compile(r"^(?:on\s+)?(?:\w{3},?\s+)?\d{1,2}\s+\w{3}\s+\d{4}[\d\s:+-]*(?:\(?\w+\)?)?$")
_HEADER_LINE = re.compile(r"^[\w-]+:\s")
# Sendmail's transcript lines for one host or one recipient, and the start of a session with a host.
_SENDMAIL_LINE = re.compile(r"^(?:[245]\d\d (?:\S+ \(\w+\)|<[^<>\s]*>)\.\.\.\s|(?:\.\.\. )?while talking to )",
                            re.IGNORECASE)
_MAX_DIAGNOSTIC = 600  # characters: a whole paragraph of a verbose server, not a page


def error_section(text: str) -> str:
    """The text before the copy of the original message (its divider line, or its first header block)."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if ORIGINAL_MESSAGE_MARKERS.match(line) or _starts_header_block(lines, index):
            return "\n".join(lines[:index])
    return text


def inline_report(text: str) -> str:
    """The RFC 3464 fields a bounce writes into its text (or leaves there, its MIME boundaries lost):
    from the first Reporting-MTA or recipient field to the next MIME part, "" when there is no
    Final-Recipient."""
    start = _REPORT_START.search(text)
    if not start:
        return ""
    rest = text[start.start():]
    end = _PART_END.search(rest)
    report = rest[:end.start()] if end else rest
    return report if re.search(r"(?im)^\s*final-recipient\s*:", report) else ""


def original_part(text: str) -> str:
    """The copy of the original message in a bounce's text (what error_section leaves, its divider
    line dropped), or ""."""
    rest = text[len(error_section(text)):].lstrip("\n")
    first, _, after = rest.partition("\n")
    return after if ORIGINAL_MESSAGE_MARKERS.match(first) else rest


def _starts_header_block(lines: list[str], index: int) -> bool:
    """Whether a copied message's header starts here: two header lines in a row, one a name no bounce
    writes as a line of its own (Received, Return-Path, Message-ID, ...)."""
    window = [line for line in lines[index:index + 3] if line.strip()]
    # At the line's start: indented header lines are a bounce quoting the original's header.
    if len(window) < 2 or not ORIGINAL_HEADER_NAMES.match(window[0]):
        return False
    return bool(_HEADER_LINE.match(window[1].lstrip()) or window[1][:1] in " \t")


def addresses_in(text: str) -> list[str]:
    """Every address in the text, in order, repeats kept, trailing dots dropped."""
    return [match.group(0).rstrip(".") for match in ADDRESS.finditer(text)]


def text_failures(text: str, exclude: frozenset[str], listed: list[str], message_day: datetime | None) -> list[Failure]:
    """A failure for each recipient the bounce's text names, in order.

    ``exclude`` holds lower-cased addresses that are not recipients (the bounce's sender and
    receiver); ``listed`` the recipients a header already names (Exim's X-Failed-Recipients).
    """
    section = error_section(text)
    report = inline_report(text)
    reported = dsn_failures(report, message_day, unnamed=True)
    if reported:  # the words before the fields may say what the fields do not
        return with_text_words(reported, text[:text.find(report)], exclude, message_day)
    lines = section.split("\n")
    start = next((index for index, line in enumerate(lines) if RECIPIENT_LEAD_INS.search(line)), 0)
    senders = exclude | {address.lower() for address in _MAIL_FROM.findall(section) + _CONTACT.findall(section)}
    recipients = listed or _recipients(lines[start:], senders) or _recipients(lines, senders) or \
        _recipients(lines[start:], senders, roles=True) or _recipients(lines[start:], frozenset(), roles=True)
    positions = [_first_line(lines, address, start) for address in recipients]
    failures = []
    for number, address in enumerate(recipients):
        later = [position for position in positions[number + 1:] if position > positions[number]]
        chunk = lines[positions[number]:later[0]] if positions[number] >= 0 and later else \
            lines[max(positions[number], start):]
        failures.append(_failure(address, chunk, section, len(recipients) == 1, message_day))
    return failures


def _recipients(lines: list[str], exclude: frozenset[str], roles: bool = False) -> list[str]:
    """The distinct addresses of the lines but the excluded ones, and but role addresses unless ``roles``
    (a bounce names its own postmaster often, and a recipient postmaster seldom)."""
    found: list[str] = []
    for address in addresses_in("\n".join(lines)):
        lowered = address.lower()
        if lowered in exclude or (not roles and lowered.partition("@")[0] in ROLE_LOCAL_PARTS):
            continue
        if lowered not in (known.lower() for known in found):
            found.append(address)
    return found


def _first_line(lines: list[str], address: str, start: int) -> int:
    """The line of the address's first mention from ``start`` on (before it when none after), or -1."""
    lowered = address.lower()
    for index in itertools.chain(range(start, len(lines)), range(start)):
        if lowered in lines[index].lower():
            return index
    return -1


def _failure(address: str, chunk: list[str], section: str, alone: bool, message_day: datetime | None) -> Failure:
    """The failure of one recipient from the lines about it; a lone recipient may take the whole section's codes."""
    diagnostic = paragraph_diagnostic(address, chunk)
    if alone and not _CODE.search(diagnostic):
        whole = paragraph_diagnostic(address, section.split("\n"))
        if _CODE.search(whole) or not diagnostic:
            diagnostic = whole
    status = status_in(diagnostic)
    reply = reply_in(_from_code(diagnostic))
    words = one_line(section)
    # A delay is a bounce's own heading ("will keep trying"), but a recipient whose own reply is a 5xx
    # (RFC 5321 section 4.2.1: permanent) has failed, whatever another recipient's "Deferred" says.
    delayed = DELAY_WORDS.search(words) and not PERMANENT_WORDS.search(words)
    action = "delayed" if delayed and not (reply or status).startswith("5") else "failed"
    command = smtp_command("\n".join(chunk)) or (smtp_command(section) if alone else "")
    return Failure(address=address, status_code=status, reply_code=reply, diagnostic=diagnostic, action=action,
                   date=message_day, command=command)


def paragraph_diagnostic(address: str, lines: list[str]) -> str:
    """The server's words about a recipient, the first found of: the paragraph from the first line with
    a failure code; the rest of the address's own line ("neko@example.org [User unknown]"); the first
    paragraph after it (with the next one when it ends in a colon: "For the following reason:"); the
    lines before it in its paragraph (Notes and Domino name the reason first)."""
    text_lines = [line.rstrip() for line in lines if not _DIVIDER.match(line)]
    coded = next((index for index, line in enumerate(text_lines) if _CODE.search(_without(line, address))), -1)
    if coded >= 0:
        return _clipped(_own_lines(_paragraph(text_lines, coded)[0], address))
    here = next((index for index, line in enumerate(text_lines) if address and address.lower() in line.lower()), -1)
    if here >= 0:
        rest = _without(text_lines[here], address).strip(" \t:<>.,;")
        if len(rest.split()) >= 2 and not _DATE_ONLY.match(rest):
            return _clipped([rest])
    after, end = _paragraph(text_lines, here + 1)
    if len(after) == 1 and after[0].endswith(","):  # a greeting ("Hello neko@example.org,")
        after, end = _paragraph(text_lines, end)
    if after and after[-1].endswith(":"):
        after += _paragraph(text_lines, end)[0]
    if after:
        return _clipped(after)
    return _clipped(_paragraph_before(text_lines, max(here, 0)))


def _own_lines(paragraph: list[str], address: str) -> list[str]:
    """A paragraph up to the first line of a Sendmail transcript that speaks of another host or recipient.

    Sendmail logs one line per host ("550 host.example (smtp)... Host unknown") and one per recipient
    ("554 <neko@example.org>... reason"), and opens each session with "While talking to host:"; its
    transcript has no blank line between recipients, and a host's line comes before its recipients'.
    """
    lowered = address.lower()
    for index, line in enumerate(paragraph[1:], start=1):
        if _SENDMAIL_LINE.match(line) and not (lowered and lowered in line.lower()):
            return paragraph[:index]
    return paragraph


def _paragraph_before(lines: list[str], end: int) -> list[str]:
    """The last paragraph before line ``end``, going one further back past the recipients' lead-in."""
    paragraph: list[str] = []
    for index in range(end - 1, -1, -1):
        if lines[index].strip():
            paragraph.insert(0, lines[index].strip())
        elif paragraph:
            if RECIPIENT_LEAD_INS.search(" ".join(paragraph)):
                return _paragraph_before(lines, index) or paragraph
            break
    return paragraph


def _paragraph(lines: list[str], start: int) -> tuple[list[str], int]:
    """The lines of the first paragraph from ``start`` on (blank lines before it skipped), and where it ends."""
    paragraph: list[str] = []
    index = max(start, 0)
    while index < len(lines):
        if lines[index].strip():
            paragraph.append(lines[index].strip())
        elif paragraph:
            break
        index += 1
    return paragraph, index


def _clipped(lines: list[str]) -> str:
    return clean_diagnostic(" ".join(lines))[:_MAX_DIAGNOSTIC]


def _without(line: str, address: str) -> str:
    """A line with the address taken out, so digits of the address are not read as a code."""
    return _address_pattern(address).sub(" ", line) if address else line


@functools.lru_cache(maxsize=1024)
def _address_pattern(address: str) -> re.Pattern[str]:
    """A recipient's address as a pattern, compiled once per bounce rather than per line (a pattern per
    address overflows re's own cache of 512 over an mbox)."""
    return re.compile(re.escape(address), re.IGNORECASE)


def _from_code(diagnostic: str) -> str:
    """The diagnostic from its first code on, where the reply code stands."""
    match = _CODE.search(diagnostic)
    return diagnostic[match.start():] if match else diagnostic


def with_text_words(failures: list[Failure], text: str, exclude: frozenset[str],
                    message_day: datetime | None) -> list[Failure]:
    """Report failures completed by what the human-readable part says of the same recipient.

    RFC 3464 section 2.3.6 leaves the Diagnostic-Code optional, and a Status is often only "5.0.0":
    the first part (RFC 3462 section 2) then holds the server's words. A group without an address
    takes the next recipient the text names that no group names; failures left without one are dropped.
    """
    if not text.strip() or all(failure.address and _CODE.search(failure.diagnostic) and
                               not failure.status_code.endswith(".0.0") for failure in failures) and \
            (all(failure.command for failure in failures) or not smtp_command(text)):
        return [failure for failure in failures if failure.address]
    spoken = text_failures(text, exclude, [], message_day)
    named = {failure.address.lower() for failure in failures}
    told = {failure.address.lower(): failure for failure in spoken}
    unclaimed = [failure for failure in spoken if failure.address.lower() not in named]
    completed = []
    for failure in failures:
        words = told.get(failure.address.lower()) if failure.address else (unclaimed.pop(0) if unclaimed else None)
        if words is None and len(failures) == 1:
            diagnostic = paragraph_diagnostic("", error_section(text).split("\n"))
            words = Failure(address="", diagnostic=diagnostic, reply_code=reply_in(_from_code(diagnostic)),
                            command=smtp_command(error_section(text)))
        if words is not None:
            failure = _completed(failure, words)
        if failure.address:
            completed.append(failure)
    return completed


def _completed(failure: Failure, words: Failure) -> Failure:
    """A report's failure with the text's address, words and finer code where its own are missing or vague."""
    diagnostic = failure.diagnostic
    if words.diagnostic and (not diagnostic or (_CODE.search(words.diagnostic) and not _CODE.search(diagnostic))):
        diagnostic = words.diagnostic
    status = failure.status_code
    if not status or status.endswith(".0.0"):
        status = finer_status(status, words.diagnostic)
    return dataclasses.replace(failure, address=failure.address or words.address, diagnostic=diagnostic,
                               status_code=status, reply_code=failure.reply_code or words.reply_code,
                               command=failure.command or words.command)
