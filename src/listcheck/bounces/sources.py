"""Every SOURCE a support person gets, recognised by content, read into classified events.

A source is a message file (``.eml``), an mbox, a Maildir or any folder of files, standard input,
or a platform's export (CSV, JSON, JSON Lines) or a plain list; what it is comes from its first bytes,
not its name, since exports arrive renamed and mail arrives as ``.txt``. Messages are read one at a
time, so an mbox of any size takes the memory of its largest message.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import IO, BinaryIO

from listcheck.bounces.classify import classify
from listcheck.bounces.events import BounceEvent, Failure
from listcheck.bounces.exports import read_export
from listcheck.bounces.mail import MessageKind, read_message
from listcheck.bounces.mail_text import one_line
from listcheck.errors import InputError
from listcheck.messages import say
from listcheck.reading.opening import open_input

_HEAD = 64 * 1024  # enough to tell mail from an export
# A header field as RFC 5322 section 2.2 writes it: a name of printable characters but the colon.
_HEADER_FIELD = re.compile(rb"^[!-9;-~]+:")
# Fields that a message almost always carries near its top; an export's first line has none.
_MAIL_FIELDS = re.compile(rb"^(from|to|subject|date|received|return-path|message-id|mime-version|content-type|"
                          rb"delivered-to|x-[a-z0-9-]+):", re.IGNORECASE | re.MULTILINE)
_SURROGATE = re.compile("[\ud800-\udfff]")
_MBOX_ESCAPED_FROM = re.compile(rb"^>(>*From )")
# An mbox separator: "From ", the envelope sender, then its date, which holds a time. A body line
# that begins with "From " but carries no time ("From the postmaster: sorry") is no separator.
_MBOX_SEPARATOR = re.compile(rb"^From \S+ .*\d{1,2}:\d{2}")
# The header of bounces.csv however a spreadsheet saved it again: any delimiter, quoted or not.
_BOUNCES_HEADER = re.compile(r'^\ufeff?"?address"?[,;\t|]"?decision"?[,;\t|]', re.IGNORECASE)


@dataclass
class SourceSummary:
    """What one SOURCE held: the ``sources`` entries of the JSON report."""

    path: str
    format: str = ""
    events: int = 0
    not_understood: list[str] = field(default_factory=list)  # the messages or rows, by their source label
    not_bounces: int = 0  # ordinary mail and other events (opens, clicks); auto-replies are counted too
    autoreplies: int = 0
    problem: str = ""  # why nothing could be read, when nothing could

    @property
    def read(self) -> bool:
        """Whether the source could be read at all."""
        return not self.problem


class BounceSources:
    """Reads SOURCEs into events, keeping a summary of each (``summaries``, in the order given)."""

    def __init__(self, *, stdin: IO[bytes] | None = None, skip: Iterable[str] = ()) -> None:
        self._stdin = stdin
        # The run's own outputs: a folder read twice in a row must not read the first run's files.
        self._skip = {os.path.realpath(path) for path in skip}
        self.summaries: list[SourceSummary] = []

    def events(self, paths: Sequence[str]) -> Iterator[BounceEvent]:
        """Every event of every source, in the order read."""
        for path in paths:
            summary = SourceSummary(path)
            self.summaries.append(summary)
            if path != "-" and os.path.isdir(path):
                yield from self._folder(path, summary)
                continue
            try:
                with open_input(path, self._stdin) as handle:
                    yield from self._file(handle, "stdin" if path == "-" else path, summary, alone=True)
            except InputError as error:
                summary.problem = str(error)

    def _folder(self, folder: str, summary: SourceSummary) -> Iterator[BounceEvent]:
        """A Maildir or any folder, one message or export a file. A Maildir's messages are in ``cur``
        and ``new`` (``tmp`` holds mail still being written), named by the time they arrived: read by
        name across both, they come in the order they arrived. Other folders are read by path."""
        maildir = all(os.path.isdir(os.path.join(folder, part)) for part in ("cur", "new", "tmp"))
        summary.format = "maildir" if maildir else "folder"
        problems: list[str] = []
        if maildir:
            paths = sorted(_files_under([os.path.join(folder, "cur"), os.path.join(folder, "new")], problems),
                           key=os.path.basename)
        else:
            paths = list(_files_under([folder], problems))
        if not os.access(folder, os.R_OK | os.X_OK):
            summary.problem = say("bounces.problem.folder")
        summary.not_understood.extend(problems)
        for path in paths:
            if os.path.realpath(path) in self._skip:
                continue
            if not _is_regular(path):  # a FIFO would wait for ever, /dev/zero never end
                summary.not_understood.append(path)
                continue
            try:
                with open(path, "rb") as handle:
                    yield from self._file(handle, path, summary, alone=False)
            except OSError as error:
                summary.not_understood.append(f"{path} ({error.strerror})")

    def _file(self, handle: BinaryIO, label: str, summary: SourceSummary, *, alone: bool) -> Iterator[BounceEvent]:
        """One file, as whatever its first bytes show it is; ``alone`` when it is the SOURCE itself."""
        head = handle.read(_HEAD)
        handle.seek(0)
        kind = _kind_of(head)
        if alone:
            summary.format = kind
        if kind == "mbox":
            for number, raw in enumerate(_mbox_messages(handle), start=1):
                yield from self._message(raw, f"{label}:{number}", summary)
            return
        data = handle.read()
        if kind == "message":
            yield from self._message(data, label, summary)
            return
        if is_bounces_csv(data):
            # Its rows are decisions, not events: read as events they would undo what they decided.
            _unreadable(summary, label, say("bounces.problem.own_decisions"), alone=alone)
            return
        export = read_export(data, os.path.basename(label)) if data.strip() else None
        if export is None:
            why = say("bounces.problem.empty" if not data.strip() else "bounces.problem.unrecognised")
            _unreadable(summary, label, why, alone=alone)
            return
        if alone:
            summary.format = export.format
        summary.not_bounces += export.not_bounces
        summary.not_understood.extend(f"{label}:{row}" for row in export.not_understood)
        for row, failure in export.failures:
            yield from self._events([failure], f"{label}:{row}", summary)

    def _message(self, raw: bytes, label: str, summary: SourceSummary) -> Iterator[BounceEvent]:
        reading = read_message(raw)
        if reading.kind in (MessageKind.BOUNCE, MessageKind.COMPLAINT) and reading.failures:
            yield from self._events(reading.failures, label, summary)
        elif reading.kind is MessageKind.AUTOREPLY:
            summary.autoreplies += 1
            summary.not_bounces += 1
        elif reading.kind is MessageKind.NOT_BOUNCE:
            summary.not_bounces += 1
        else:
            summary.not_understood.append(label)

    def _events(self, failures: Iterable[Failure], label: str, summary: SourceSummary) -> Iterator[BounceEvent]:
        """An event per failure with an address; a message or row with a recipient that is none is
        named among those not understood, once."""
        missed = False
        for failure in failures:
            address = normalized_address(failure.address)
            if not address:
                missed = True
                continue
            summary.events += 1
            classification = classify(failure)
            yield BounceEvent(source=storable(label), address=address, date=_utc(failure.date),
                              bounce_class=classification.bounce_class, reason=classification.reason,
                              status_code=storable(failure.status_code),
                              diagnostic=storable(one_line(failure.diagnostic)))
        if missed:
            summary.not_understood.append(label)


def _unreadable(summary: SourceSummary, label: str, why: str, *, alone: bool) -> None:
    """A file that holds no bounces: the whole SOURCE unread when it is one, else one file of a
    folder not understood."""
    if alone:
        summary.problem = why
    else:
        summary.not_understood.append(label)


def nothing_read(summaries: Sequence[SourceSummary]) -> str:
    """The one line that says no SOURCE could be read, and why for each."""
    if len(summaries) == 1:
        return say("error.bounces_unreadable", why=summaries[0].problem)
    why = "; ".join(say("error.source_why", path=summary.path, why=summary.problem) for summary in summaries)
    return say("error.no_bounce_source_read", count=len(summaries), why=why)


def normalized_address(text: str) -> str:
    """The address as ``bounces.csv`` keys it: no ``rfc822;`` type, no angle brackets, lower case;
    empty when it is not an address at all.

    >>> normalized_address(" rfc822; <Ana.Ruiz@Example.COM> ")
    'ana.ruiz@example.com'
    >>> normalized_address("MAILER-DAEMON")
    ''
    """
    address = text.strip()
    if ";" in address and address.split(";", 1)[0].strip().lower() in ("rfc822", "utf-8"):
        address = address.split(";", 1)[1].strip()
    address = storable(address.strip("<>\"' ").lower())
    local, at, domain = address.rpartition("@")
    if not at or not local or "." not in domain or any(c.isspace() for c in address):
        return ""
    return address


def storable(value: str) -> str:
    """A string every output can hold: bytes that were not text (kept as lone surrogates by a decoder
    told to keep them) become U+FFFD.

    >>> storable("550 caf\\udce9")
    '550 caf\ufffd'
    """
    return value if value.isascii() else _SURROGATE.sub("\ufffd", value)


def _utc(moment: datetime | None) -> datetime | None:
    """A date in UTC; a date that cannot be one (the year 9999 at -01:00) is no date at all."""
    if moment is None:
        return None
    try:
        return moment.astimezone(UTC)
    except (OverflowError, ValueError):
        return None


def is_bounces_csv(head: bytes) -> bool:
    """Whether a file is a ``bounces.csv`` of ours, as written or saved again by a spreadsheet
    (Excel in a Spanish locale writes semicolons and cp1252).

    >>> is_bounces_csv(b"address;decision;class"), is_bounces_csv(b"email,type")
    (True, False)
    """
    return bool(_BOUNCES_HEADER.match(head[:200].decode("utf-8", "replace")))


def _is_regular(path: str) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def _kind_of(head: bytes) -> str:
    """``mbox``, ``message`` or ``export`` (an export or a plain list; or nothing readable)."""
    start = head.lstrip(b"\r\n")
    if start.startswith(b"From "):
        return "mbox"
    first = start.split(b"\n", 1)[0]
    if _HEADER_FIELD.match(first) and _MAIL_FIELDS.search(start[:8192]):
        return "message"
    return "export"


def _mbox_messages(handle: BinaryIO) -> Iterator[bytes]:
    """The messages of an mbox, one at a time: each starts at a ``From `` line at the top of the file
    or after an empty line (mboxo and mboxrd, as most mail programs write them)."""
    lines: list[bytes] = []
    blank_before = True
    for line in handle:
        if not lines and line in (b"\n", b"\r\n"):  # blank lines before the first message
            continue
        if blank_before and _MBOX_SEPARATOR.match(line):
            if lines:
                yield b"".join(lines)
            lines = []
        else:
            # mboxrd quotes body lines that start with "From " as ">From "; one ">" comes off.
            lines.append(_MBOX_ESCAPED_FROM.sub(rb"\1", line) if line.startswith(b">") else line)
        blank_before = line in (b"\n", b"\r\n")
    if lines:
        yield b"".join(lines)


def _files_under(roots: Iterable[str], problems: list[str]) -> Iterator[str]:
    """Every file under these folders, by name, hidden files (``.DS_Store``) left out; a folder that
    cannot be listed is added to ``problems``."""
    for root in roots:
        for folder, subfolders, files in os.walk(root, onerror=lambda error: problems.append(str(error.filename))):
            subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
            for name in sorted(files):
                if not name.startswith("."):
                    yield os.path.join(folder, name)
