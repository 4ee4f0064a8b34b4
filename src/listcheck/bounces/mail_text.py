"""The text of a mail message: parsing raw bytes safely, decoded headers, decoded bodies, dates.

Every function here returns something for any input, however broken: bounces are written by mail
servers in a hurry, truncated by relays and re-encoded by mailbox software.
"""

from __future__ import annotations

import email
import re
import weakref
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
    message = _parsed(text)
    if message.is_multipart():
        return message
    recovered = _with_lost_boundary(text)
    return _parsed(recovered) if recovered else message


def _parsed(text: bytes) -> Message:
    """The email package's parse of LF-only bytes: read by _MimeReader, which builds the same tree
    several times faster, unless the message is one it leaves to the package (a defect, a corner)."""
    decoded = text.decode("ascii", errors="surrogateescape")  # as email.parser.BytesParser does
    try:
        return _MimeReader(decoded).root()
    except (_Unusual, RecursionError):
        return email.message_from_bytes(text, policy=policy.compat32)


class _Unusual(Exception):
    """What email.feedparser would note as a defect, or a corner _MimeReader leaves to it."""


# email.feedparser's headerRE: a header line, a continuation, or a Unix From line.
_HEADER_START = re.compile(r"From |[\041-\071\073-\176]*:|[\t ]")
_SEPARATOR, _CLOSE = 1, 2


def _boundary_kind(line: str, separator: str) -> int:
    """Whether a line is a boundary line, as email.feedparser's boundary pattern reads it (the "--"
    and the boundary, "--" when it closes, spaces and tabs, a line end): 0, _SEPARATOR or _CLOSE."""
    if not line.startswith(separator):
        return 0
    rest = line[len(separator):]
    if rest.lstrip(" \t") in ("", "\n"):
        return _SEPARATOR
    return _CLOSE if rest[:2] == "--" and rest[2:].lstrip(" \t") in ("", "\n") else 0


class _MimeReader:
    """email.feedparser's algorithm (Python 3.11, policy compat32) over LF-only text split once.

    The package's parser reads a line at a time through generators and compiles a pattern for each
    boundary (re's cache holds 512, an mbox has a boundary per message): most of a bounce's reading
    time. Every branch where it records a defect raises _Unusual instead, so the package parses
    those messages itself and their trees stay the package's own.
    """

    def __init__(self, text: str) -> None:
        pieces = text.split("\n")
        self.lines = [piece + "\n" for piece in pieces[:-1]]
        if pieces[-1]:
            self.lines.append(pieces[-1])
        self.position = 0
        self.ends: list[str | None] = []  # the boundaries that end the current part; None: a blank line
        self.last = Message()  # the message email.feedparser calls _last
        self.last_kind = ""  # its content type
        self.last_text: str | None = None  # its text payload, as set (get_payload would decode it)

    def root(self) -> Message:
        message = self.message(None, "")
        if message.get_content_maintype() == "multipart" and not message.is_multipart():
            raise _Unusual
        return message

    def readline(self) -> str:
        """The next line, or "" at the end of the text or of the current part (the line left unread)."""
        if self.position >= len(self.lines):
            return ""
        line = self.lines[self.position]
        if line[0] in "-\n":  # only a boundary or a blank line can end a part
            for end in self.ends:
                if (line[0] == "\n") if end is None else _boundary_kind(line, end):
                    return ""
        self.position += 1
        return line

    def rest(self) -> list[str]:
        """The lines up to the end of the current part."""
        if not self.ends:
            lines, self.position = self.lines[self.position:], len(self.lines)
            return lines
        lines = []
        while line := self.readline():
            lines.append(line)
        return lines

    def message(self, parent: Message | None, parent_kind: str) -> Message:
        """A message or part from the current line on; ``parent_kind`` the parent's content type."""
        message = Message()
        if parent is not None:
            if parent_kind == "multipart/digest":
                message.set_default_type("message/rfc822")
            parent.attach(message)
        self.last, self.last_text = message, None
        headers = []
        while line := self.readline():
            if not _HEADER_START.match(line):
                if line[0] != "\n":
                    raise _Unusual  # MissingHeaderBodySeparatorDefect
                break
            headers.append(line)
        self.headers(message, headers)
        kind = self.last_kind = message.get_content_type()
        if kind == "message/delivery-status":
            self.status_blocks(message)
        elif kind.startswith("message/"):
            self.message(message, kind)
        elif kind.startswith("multipart/"):
            self.multipart(message, kind)
        else:
            text = "".join(self.rest())
            message.set_payload(text)
            self.last_text = text
        return message

    @staticmethod
    def headers(message: Message, lines: list[str]) -> None:
        fields: list[list[str]] = []
        for number, line in enumerate(lines):
            if line[0] in " \t":
                if not fields:
                    raise _Unusual  # FirstHeaderLineIsContinuationDefect
                fields[-1].append(line)
            elif line.startswith("From "):
                if number:
                    raise _Unusual  # a misplaced Unix From line, or the body's first line
                message.set_unixfrom(line.removesuffix("\n"))
            elif line[0] == ":":
                raise _Unusual  # InvalidHeaderDefect
            else:
                fields.append([line])
        for field in fields:  # compat32's header_source_parse, without its call per field
            name, value = field[0].split(":", 1)
            message.set_raw(name, (value.lstrip(" \t") + "".join(field[1:])).rstrip("\r\n"))

    def status_blocks(self, message: Message) -> None:
        """message/delivery-status: a message of headers per block, blocks parted by a blank line."""
        while True:
            self.ends.append(None)
            self.message(message, "message/delivery-status")
            self.ends.pop()
            self.readline()
            if not self.readline():
                return
            self.position -= 1

    def multipart(self, message: Message, kind: str) -> None:
        boundary = message.get_boundary()
        if boundary is None or str(message.get("content-transfer-encoding", "8bit")).lower() not in (
                "7bit", "8bit", "binary"):
            raise _Unusual  # NoBoundaryInMultipartDefect, InvalidMultipartContentTransferEncodingDefect
        separator = "--" + boundary
        preamble: list[str] | None = []
        while line := self.readline():
            found = _boundary_kind(line, separator)
            if found == _CLOSE:
                break
            if not found or preamble is not None:
                if preamble is None:
                    raise _Unusual
                if found:  # the first boundary: the line end before it is the boundary's (RFC 2046)
                    if preamble:
                        preamble[-1] = preamble[-1].removesuffix("\n")
                        message.preamble = "".join(preamble)
                    preamble = None
                    self.position -= 1
                else:
                    preamble.append(line)
                continue
            self.part(message, kind, separator)
        if preamble is not None or not line:
            raise _Unusual  # StartBoundaryNotFoundDefect, CloseBoundaryNotFoundDefect
        epilogue = ([""] if line.endswith("\n") else []) + self.rest()
        if epilogue and epilogue[0][:1] == "\n":
            epilogue[0] = epilogue[0][1:]
        message.epilogue = "".join(epilogue)

    def part(self, message: Message, kind: str, separator: str) -> None:
        """One part of a multipart, after its boundary line (and any repeats of it)."""
        while True:
            line = self.readline()
            if not line:
                raise _Unusual  # a boundary at the end: the close boundary never comes
            if not _boundary_kind(line, separator):
                self.position -= 1
                break
        self.ends.append(separator)
        self.message(message, kind)
        last = self.last
        if self.last_kind.startswith("multipart/"):
            if last.epilogue == "":
                last.epilogue = None
            elif last.epilogue is not None:
                last.epilogue = last.epilogue.removesuffix("\n")
        elif self.last_text is not None and self.last_text.endswith("\n"):
            last.set_payload(self.last_text[:-1])
        self.ends.pop()
        self.last, self.last_kind, self.last_text = message, kind, None


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
        if isinstance(value, str) and "=?" not in value:  # no encoded word: decoding gives the value back
            return one_line(value)
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
    fields = _fields_text(message)
    if fields is not None:
        return fields
    try:
        return message.as_string()
    except PARSER_ERRORS:
        try:
            return decode_bytes(message.as_bytes(), "utf-8")
        except PARSER_ERRORS:
            return ""


def _fields_text(message: Message) -> str | None:
    """A message of header fields only (a delivery-status block) as as_string writes it, when that is
    each field as it came (_written_as_is). None for any other message: the generator's refolding of
    the rest is costly to run and not worth copying."""
    if message.is_multipart() or message.get_payload() != "":
        return None
    lines = []
    for name, value in message.raw_items():
        if not isinstance(value, str) or not _written_as_is(value) or name[:8].lower() == "content-":
            return None
        lines.append(f"{name}: {value}\n")
    return "".join(lines) + "\n"


def _written_as_is(value: str) -> bool:
    """Whether compat32's generator, at as_string's unlimited line length, writes a header value back
    unchanged (fuzzed against it): printable ASCII, and when folded, no line ending in a space and each
    continuation line one space or tab then a word. It drops the blanks that end a folded line."""
    if len(value) >= 10_000 or not value.isascii():
        return False
    if "\n" not in value:
        return value.isprintable()
    first, *continued = value.split("\n")
    if not first.isprintable() or first.endswith(" "):
        return False
    return all(line[:1] in (" ", "\t") and line[1:2] not in ("", " ") and line[1:].isprintable()
               and not line.endswith(" ") for line in continued)


def content_type(part: Message) -> str:
    """The part's content type, lower-case; text/plain when it cannot be read (RFC 2045 section 5.2)."""
    # Asked of every part several times (a feedback report? a delivery report? the original?) and read
    # through all of a part's headers each time; parts are not changed once parsed.
    kind = _CONTENT_TYPES.get(part)
    if kind is None:
        kind = _CONTENT_TYPES[part] = _content_type(part)
    return kind


_CONTENT_TYPES: weakref.WeakKeyDictionary[Message, str] = weakref.WeakKeyDictionary()


def _content_type(part: Message) -> str:
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
