"""The text of a mail message: parsing raw bytes safely, decoded headers, decoded bodies, dates.

Every function here returns something for any input, however broken: bounces are written by mail
servers in a hurry, truncated by relays and re-encoded by mailbox software.
"""

from __future__ import annotations

import email
import re
from datetime import UTC, datetime
from email import policy
from email.errors import MessageError
from email.header import decode_header, make_header
from email.message import Message
from email.utils import parsedate_to_datetime

import charset_normalizer

# Charsets that servers name wrongly or that Python spells differently.
_CHARSET_ALIASES = {"unknown-8bit": "utf-8", "x-unknown": "utf-8", "us-ascii": "utf-8", "ascii": "utf-8",
                    "iso-2022-jp-2": "iso-2022-jp", "cp932": "shift_jis", "x-sjis": "shift_jis"}
_SPACES = re.compile(r"\s+")
# What the email package raises on malformed input (it has no single base class for it).
PARSER_ERRORS = (MessageError, ValueError, LookupError, UnicodeError, TypeError, AttributeError, IndexError,
                 KeyError, AssertionError, RecursionError)
_MAX_PREAMBLE = 200  # bytes
_BOUNDARY_LINE = re.compile(rb"^--([!-~]{4,200}?)\s*$", re.MULTILINE)
# The MIME fields of a header, folded lines included, to be replaced by a recovered multipart one.
_HEADER_FIELD = re.compile(rb"(?im)^(?:content-type|mime-version|content-transfer-encoding)\s*:.*\n(?:[ \t].*\n)*")


def parse_message(raw: bytes) -> Message:
    """The message of raw bytes with any line ends (CRLF, CR or LF), under the lenient compat32 policy.

    compat32 never raises on malformed headers (the default policy can, when a header is read), and
    keeps defects on the message instead.
    """
    text = raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    message = email.message_from_bytes(text, policy=policy.compat32)
    if message.is_multipart():
        return message
    recovered = _with_lost_boundary(text)
    return email.message_from_bytes(recovered, policy=policy.compat32) if recovered else message


def _with_lost_boundary(text: bytes) -> bytes | None:
    """The message again with a multipart Content-Type, when its header lost one its body still uses.

    Relays and anonymisers drop a folded Content-Type (the boundary on the continuation line) and
    leave the parts; a boundary line (RFC 2046 section 5.1.1) that repeats, one of them followed by a
    part's Content-Type, shows where the parts are. Only a short preamble may come before it ("This is
    a MIME-encapsulated message"): after a longer text the parts are those of a quoted original.
    """
    head, separator, body = text.partition(b"\n\n")
    if not separator:
        return None
    for match in _BOUNDARY_LINE.finditer(body):
        boundary = match.group(1)
        if len(body[:body.find(b"--" + boundary)].strip()) > _MAX_PREAMBLE:
            return None
        following = body[match.end():match.end() + 300].lstrip(b"\n")
        if body.count(b"--" + boundary) >= 2 and re.match(rb"(?i)content-type\s*:", following):
            kept = _HEADER_FIELD.sub(b"", head + b"\n")
            return (kept + b"MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"" + boundary + b"\"\n\n"
                    + body)
    return None


def one_line(text: str) -> str:
    """Text with every run of whitespace (line ends included) made one space, trimmed."""
    return _SPACES.sub(" ", text).strip()


def header(message: Message, name: str) -> str:
    """A header's decoded value on one line (RFC 2047 encoded words decoded), or "" when absent."""
    try:
        value = message.get(name)
        if value is None:
            return ""
        if not isinstance(value, str):  # compat32 wraps raw 8-bit headers (RFC 6532, or a local charset)
            value = "".join(chunk if isinstance(chunk, str) else decode_bytes(chunk, charset)
                            for chunk, charset in decode_header(value))
        try:
            value = str(make_header(decode_header(value)))
        except (ValueError, LookupError, UnicodeError, AssertionError):
            pass  # an encoded word that does not decode: keep the raw text
        return one_line(value)
    except PARSER_ERRORS:  # a header object the library cannot render: treat as absent
        return ""


def decode_bytes(data: bytes, charset: str | None) -> str:
    """Bytes as text: the declared charset when it works, else UTF-8, else a detected charset, else Latin-1."""
    names = []
    if charset:
        name = charset.strip().strip('"').lower()
        names.append(_CHARSET_ALIASES.get(name, name))
    names += ["utf-8", "latin-1"]
    for name in names[:-1]:
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    # Undeclared or wrongly declared: Japanese carriers send ISO-2022-JP, Shift_JIS or EUC-JP unlabelled.
    guess = charset_normalizer.from_bytes(data[:20000]).best()
    if guess is not None and guess.encoding:
        return data.decode(guess.encoding, errors="replace")
    return data.decode("latin-1")


def part_text(part: Message) -> str:
    """The decoded text of a non-multipart part (transfer encoding and charset undone)."""
    try:
        payload = part.get_payload(decode=True)
    except PARSER_ERRORS:  # a transfer encoding that does not decode: take what is there
        payload = None
    if isinstance(payload, bytes):
        return decode_bytes(payload, part.get_content_charset())
    raw = part.get_payload()
    if isinstance(raw, str):
        return raw
    if isinstance(raw, list):  # message/* parts hold their message as a list of one
        return "\n".join(_as_text(item) for item in raw if isinstance(item, Message))
    return ""


def _as_text(message: Message) -> str:
    """A message as text; its bytes decoded when a header's charset cannot encode it back (RFC 2047 words)."""
    try:
        return message.as_string()
    except PARSER_ERRORS:
        try:
            return decode_bytes(message.as_bytes(), "utf-8")
        except PARSER_ERRORS:
            return ""


def content_type(part: Message) -> str:
    """The part's content type, lower-case; text/plain when it cannot be read (RFC 2045 section 5.2)."""
    try:
        kind = part.get_content_type()
    except PARSER_ERRORS:
        return "text/plain"
    # A parameter folded without its ";" ("text/plain\n charset=...") still leaves the type first.
    return kind.split()[0].rstrip(";") if kind.strip() else "text/plain"


def parameter(part: Message, name: str) -> str:
    """A Content-Type parameter, lower-case, or ""."""
    try:
        value = part.get_param(name)
    except PARSER_ERRORS:
        return ""
    if isinstance(value, tuple):  # an RFC 2231 encoded parameter
        value = value[2]
    return str(value).strip().lower() if value else ""


def message_date(text: str) -> datetime | None:
    """An RFC 5322 date as a timezone-aware datetime, or None when it does not parse.

    A date without a zone ("-0000" or none at all) is taken as UTC, as RFC 5322 section 3.3 says
    "-0000" means: no information about the local zone.
    """
    text = one_line(text)
    if not text:
        return None
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when


def walk(message: Message) -> list[Message]:
    """Every part of the message, the message first; a part that cannot be walked ends the list."""
    found: list[Message] = []
    parts = message.walk()
    while True:
        try:
            found.append(next(parts))
        except StopIteration:
            return found
        except PARSER_ERRORS:
            return found
