"""Codes in a server's words: RFC 3463 enhanced status codes and RFC 5321 reply codes, and tidy diagnostics.

>>> status_in("550 5.1.1 <neko@example.org>: Recipient address rejected")
'5.1.1'
>>> reply_in("550-5.1.1 The email account that you tried to reach does not exist")
'550'
>>> clean_diagnostic("smtp; 550-5.1.1 No such user 550 5.1.1 try again")
'550 5.1.1 No such user try again'
>>> smtp_command("host mx.example.org said: 550 No such user (in reply to RCPT TO command)")
'RCPT'
"""

from __future__ import annotations

import functools
import re

from listcheck.bounces.mail_text import one_line

# RFC 3463 section 2: class "." subject "." detail, class 2, 4 or 5, subject and detail 1-3 digits. The
# look-arounds keep the four numbers of an IPv4 address (192.0.2.4) and version numbers from matching.
_STATUS = re.compile(r"(?<![\w.])([245])\.(\d{1,3})\.(\d{1,3})(?![\w]|\.\d)")
# A status right after a reply code ("550 5.1.1", "550-'5.7.1"): RFC 2034 section 4's pairing, the remote
# server's own words, which outrank a status a relay wrote before them.
_PAIRED_STATUS = re.compile(r"(?<![\w.])[245][0-5]\d[ -]['\"(\[#]?([245])\.(\d{1,3})\.(\d{1,3})(?![\w]|\.\d)")
# RFC 5321 section 4.2: three digits, the first 2, 4 or 5, the second 0-5, then a space, a hyphen
# (a continued multi-line reply) or the end. Not part of a longer number, a date or an address.
_REPLY = re.compile(r"(?<![\w.:/#@-])([245][0-5]\d)(?=[ -]|$|\))")
_REPLY_AT_START = re.compile(r"^\s*[(\[]?\s*([245][0-5]\d)(?![\d.])")
# The "type;" before a diagnostic (RFC 3464 section 2.3.6: "smtp; 550 ..."; "X-Postfix; ...").
_DIAGNOSTIC_TYPE = re.compile(r"^\s*(?:smtp|x-[\w.-]+|x\.400|unix|mta|dns)\s*;\s*", re.IGNORECASE)
# Continuation lines of a multi-line reply repeat the codes ("550-5.1.1 "); one statement of them is enough.
_CONTINUED = re.compile(r"\s*\b([245][0-5]\d)[ -](?:#?[245]\.\d{1,3}\.\d{1,3}\s+)?")


def status_in(text: str) -> str:
    """The first RFC 3463 status code in the text, "" when none (x.0.0 only when nothing finer is there).

    A server often says "5.0.0" in its Status and the finer "5.1.1" in its words; the finer one tells
    more (RFC 3463 section 3.1: x.0.0 is "other or undefined").
    """
    paired = [".".join(match.groups()) for match in _PAIRED_STATUS.finditer(text)]
    # Of several pairs the last is the farthest server's: a relay puts its own reply before the one it got
    # ("554 4.4.7 Message expired: <421 4.4.2 Connection timed out>").
    found = [code for code in reversed(paired) if not code.endswith(".0.0")]
    found += [".".join(match.groups()) for match in _STATUS.finditer(text)]
    if not found:
        return ""
    for code in found:
        if not code.endswith(".0.0"):
            return code
    return found[0]


def finer_status(stated: str, text: str) -> str:
    """The status to keep when a Status field and the server's words both give one.

    The words win unless they are vague (x.0.0): the field is often the reporting MTA's summary
    ("5.0.0", or a generic "4.4.7" after retries) while the words are the remote server's own reply.
    When the two disagree on the class, the reply code the words start with decides.
    """
    spoken = status_in(text)
    if not spoken or spoken == stated:
        return stated or spoken
    if not stated:
        return spoken
    if spoken.endswith(".0.0"):
        return stated
    if spoken[0] != stated[0]:
        return spoken if reply_in(text).startswith(spoken[0]) else stated
    return spoken


def reply_in(text: str) -> str:
    """The SMTP reply code the text starts with, else the first one in it, else ""."""
    start = _REPLY_AT_START.match(text)
    if start:
        return start.group(1)
    match = _REPLY.search(text)
    return match.group(1) if match else ""


def clean_diagnostic(text: str) -> str:
    """A diagnostic on one line, without its "smtp;" type and without the codes its continuation lines repeat."""
    text = _DIAGNOSTIC_TYPE.sub("", one_line(text))
    first = _CONTINUED.match(text)
    if not first:
        return text
    head = text[: first.end()].strip()
    if head[3:4] == "-":  # "550-5.1.1" is a continued line's prefix: the reply reads "550 5.1.1"
        head = f"{head[:3]} {head[4:]}"
    rest = text[first.end():]
    code = first.group(1)
    rest = _repeated_code(code).sub(" ", rest)
    return one_line(f"{head} {rest}")


# The SMTP command a refusal answered, as mail servers write it beside the reply (RFC 5321 section 4.1):
# Postfix "(in reply to RCPT TO command)", Exim "SMTP error from remote mail server after end of data",
# Orange "for TEXT command", qmail-remote "does not like recipient", "but sender was rejected",
# Exchange and others "SMTP:RCPT host", Yahoo's "[RCPT_TO]" after its reply.
_COMMAND_MARKS = re.compile(
    r"in reply to (?P<postfix>rcpt to|end of data|data|mail from|helo|ehlo|xforward|starttls) command"
    r"|smtp error from remote (?:mail )?(?:server|host) (?:after|for) (?:pipelined )?"
    r"(?P<exim>rcpt to|mail from|end of data|data|text|initial connection|ehlo|helo)"
    r"|(?:most progress was|said \d{3} for) (?P<qmail>rcpt to|mail from|data) response"
    r"|does not like (?P<qmail_rcpt>recipient)|but (?P<qmail_mail>sender) was rejected"
    r"|but (?P<qmail_helo>my name) was rejected"
    r"|failed (?:on (?P<qmail_data>data) command|after I sent (?P<qmail_text>the message))"
    r"|\bsmtp:(?P<colon>rcpt|mail|data)\b|\[(?P<tag>rcpt_to|mail_from|data)\]",
    re.IGNORECASE)
_COMMAND_NAMES = {"rcpt to": "RCPT", "rcpt": "RCPT", "rcpt_to": "RCPT", "mail from": "MAIL", "mail": "MAIL",
                  "mail_from": "MAIL", "recipient": "RCPT", "sender": "MAIL", "end of data": "DATA", "data": "DATA", "text": "DATA",
                  "the message": "DATA", "helo": "HELO/EHLO", "ehlo": "HELO/EHLO", "my name": "HELO/EHLO",
                  "initial connection": "CONN", "xforward": "", "starttls": ""}
# A transcript (Sendmail, Courier): ">>> " the client's command, "<<< " the server's reply.
_SENT = re.compile(r"^\s*>>>\s*(rcpt|mail|data|helo|ehlo|quit|rset|starttls)\b", re.IGNORECASE | re.MULTILINE)
_REFUSED = re.compile(r"^\s*<<<\s*[45]\d\d", re.MULTILINE)


def smtp_command(text: str) -> str:
    """The SMTP command a failure answered, as the bounce states it: "RCPT", "DATA", "MAIL", "HELO/EHLO",
    "CONN" (the greeting), or "" when it does not say.

    In a transcript it is the last command sent before the first refusal. With pipelining (RFC 2920)
    a reply after ">>> DATA" may answer an RCPT TO sent in the same batch; the transcript shows only
    the batch's last command, and this reads what it shows.
    """
    refusal = _REFUSED.search(text)
    if refusal:
        sent = list(_SENT.finditer(text, 0, refusal.start()))
        if sent:
            word = sent[-1].group(1).lower()
            return {"rcpt": "RCPT", "mail": "MAIL", "data": "DATA", "helo": "HELO/EHLO",
                    "ehlo": "HELO/EHLO"}.get(word, "")
    mark = _COMMAND_MARKS.search(one_line(text))
    if mark is None:
        return ""
    word = next(value for value in mark.groups() if value is not None)
    return _COMMAND_NAMES.get(word.lower(), "")


@functools.lru_cache(maxsize=512)
def _repeated_code(code: str) -> re.Pattern[str]:
    """A reply code as its continuation lines repeat it, compiled once per code (re's own cache is shared
    with the email package's and can be overflowed)."""
    return re.compile(rf"\s*\b{code}[ -](?:#?[245]\.\d{{1,3}}\.\d{{1,3}}\s+)?")
