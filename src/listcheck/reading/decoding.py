"""Bytes to text: which encoding a contact export is in, and what is not a contact export at all.

Spreadsheets write CSV in the Windows code page of the user's locale (cp1252 in Spain and Latin
America, cp1251 in Ukraine and Russia), as UTF-8 with or without a BOM, or as UTF-16 "Unicode text".
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from typing import BinaryIO

from charset_normalizer import CharsetMatch, from_bytes

from listcheck.errors import InputError, UsageError
from listcheck.messages import RunWarning, say, warn

# Code pages that spreadsheets write when the file is not Unicode: Western and Cyrillic Windows.
_CODE_PAGES = ["cp1252", "cp1251"]
_BOMS = [  # UTF-32 first: its little-endian BOM begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
# What people hand us instead of a CSV: say what it is, so they know what to export instead.
_SIGNATURES = [  # with the key of the sentence that says what the file is (messages.py)
    (b"%PDF", "error.is_pdf"),
    (b"PK\x03\x04", "error.is_zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "error.is_old_office"),
    (b"\x89PNG\r\n\x1a\n", "error.is_png"),
    (b"\xff\xd8\xff", "error.is_jpeg"),
    (b"GIF87a", "error.is_gif"),
    (b"GIF89a", "error.is_gif"),
    (b"\x1f\x8b", "error.is_gzip"),
    (b"7z\xbc\xaf\x27\x1c", "error.is_7zip"),
    (b"Rar!", "error.is_rar"),
    (b"\x7fELF", "error.is_program"),
    (b"SQLite format 3\x00", "error.is_sqlite"),
]
ENCODING_ERRORS = {"strict": "strict", "keep": "surrogateescape", "replace": "replace"}


_HEAD = 256 * 1024  # what detection looks at; the whole file is still read to check it decodes
_BLOCK = 1 << 20


@dataclass(frozen=True)
class FileEncoding:
    """How a file's bytes become text, found by reading it through once."""

    codec: str
    bom: bytes = b""
    errors: str = "strict"  # the Python error handler used, to encode the outputs the same way
    warnings: list[RunWarning] = field(default_factory=list)
    lone_cr: bool = False  # a CR that does not end a CRLF: a cell may hold it, the writer must quote it
    spare_control: str = "\x1f"  # a control character the text never holds: the separator of a one-column file


def detect_encoding(handle: BinaryIO, encoding: str | None = None, *, errors: str = "strict") -> FileEncoding:
    """The encoding of the seekable file ``handle``, detected unless ``encoding`` names it.

    ``errors`` (``strict``, ``keep`` or ``replace``) decides what becomes of bytes that are not text in
    the encoding; ``strict`` raises ``InputError`` naming the line. The file is read through in
    blocks, never held whole, and left rewound.
    """
    handler = ENCODING_ERRORS.get(errors)
    if handler is None:
        raise UsageError(say("usage.encoding_errors", errors=errors))
    handle.seek(0)
    head = handle.read(_HEAD)
    try:
        return _detect(handle, head, encoding, handler)
    finally:
        handle.seek(0)


def _detect(handle: BinaryIO, head: bytes, encoding: str | None, handler: str) -> FileEncoding:
    for bom, codec in _BOMS:
        if head.startswith(bom) and encoding is None:
            return _checked(handle, codec, bom, handler)
    if encoding is not None:
        codec, bom = _codec_and_bom(encoding, head)
        return _checked(handle, codec, bom, handler)
    for signature, description in _SIGNATURES:
        if head.startswith(signature):
            raise InputError(say(description))
    utf16 = _utf16_without_bom(head)
    if utf16 is not None:
        return _checked(handle, utf16, b"", handler)
    scan = _scan(handle, "utf-8", b"", "strict")
    if scan.error is None:
        return FileEncoding("utf-8", lone_cr=scan.lone_cr, spare_control=scan.spare_control)
    if _looks_binary(head):
        raise InputError(say("error.binary"))
    if _mostly_utf8(handle):
        # A UTF-8 file with a few bad bytes (two exports pasted together, say): a code page would turn
        # every accent of the good lines into mojibake, so the bad line is named instead.
        return _checked(handle, "utf-8", b"", handler, mostly_utf8=True)
    return _code_page(handle, head, handler)


_SPARE_CONTROLS = "\x1f\x1e\x1d\x1c"


@dataclass(frozen=True)
class _Scan:
    error: str | None  # where the first byte that does not decode is, or None
    lone_cr: bool = False
    spare_control: str = _SPARE_CONTROLS[0]


def _scan(handle: BinaryIO, codec: str, bom: bytes, handler: str) -> _Scan:
    """Decode the whole file in blocks: does it decode, and does a CR stand alone anywhere."""
    decoder = codecs.getincrementaldecoder(codec)(errors=handler)
    handle.seek(len(bom))
    lines, lone_cr, carried = 1, False, ""
    spare = list(_SPARE_CONTROLS)
    while True:
        block = handle.read(_BLOCK)
        pending = decoder.getstate()[0]
        try:
            text = carried + decoder.decode(block, final=not block)
        except UnicodeDecodeError as error:
            data = pending + block
            line = lines + data[:error.start].count(b"\n")
            return _Scan(say("error.bad_byte", line=line, codec=codec, byte=f"0x{data[error.start]:02x}"))
        # A CR that ends a block may be the first half of a CRLF: look at it with the next block.
        carried = "\r" if block and text.endswith("\r") else ""
        text = text[:-1] if carried else text
        lone_cr = lone_cr or text.count("\r") != text.count("\r\n")
        spare = [control for control in spare if control not in text]
        if not block:
            return _Scan(None, lone_cr, spare[0] if spare else _SPARE_CONTROLS[0])
        lines += block.count(b"\n")


def _checked(handle: BinaryIO, codec: str, bom: bytes, handler: str, *, mostly_utf8: bool = False,
             warnings: list[RunWarning] | None = None) -> FileEncoding:
    """The encoding, once the whole file is known to decode with it (``strict``) or how it will."""
    scan = _scan(handle, codec, bom, handler)
    if scan.error is not None:
        if mostly_utf8:
            raise InputError(say("error.mostly_utf8", where=scan.error), say("hint.mostly_utf8"))
        raise InputError(scan.error, say("hint.encoding"))
    return FileEncoding(codec, bom, handler, warnings or [], scan.lone_cr, scan.spare_control)


def _looks_binary(data: bytes) -> bool:
    """Control bytes other than tab, line breaks and form feed in a tenth of the file: not text.

    Only asked of files that are not UTF-8: a few NULs in a CSV are a damaged cell, kept as it is.
    """
    sample = data[:64 * 1024]
    control = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13))
    return bool(sample) and control * 10 > len(sample)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 written without its BOM: every other byte of mostly-ASCII text is a NUL."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _mostly_utf8(handle: BinaryIO) -> bool:
    """Whether the file is UTF-8 but for some bytes: more valid multibyte characters than bad bytes."""
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    handle.seek(0)
    good = bad = 0
    while block := handle.read(_BLOCK):
        text = decoder.decode(block)
        replaced = text.count("\ufffd")
        bad += replaced
        good += len(text) - len(text.encode("ascii", errors="ignore")) - replaced
    return good > 0 and good >= bad


def _code_page(handle: BinaryIO, head: bytes, handler: str) -> FileEncoding:
    matches = from_bytes(head, cp_isolation=_CODE_PAGES)
    best = matches.best()
    if best is None:
        raise InputError(
            say("error.unknown_encoding"),
            say("hint.unknown_encoding"),
        )
    codec = codecs.lookup(best.encoding).name
    warnings = []
    if len(matches) > 1 and _close_call(matches[0], matches[1]):
        # Both code pages read the bytes as plausible words: say which one was taken and how to change it.
        warnings.append(warn("code_page", codec=codec))
    return _checked(handle, codec, b"", handler, warnings=warnings)


def _close_call(best: CharsetMatch, runner_up: CharsetMatch) -> bool:
    """Whether the second code page reads the text nearly as well: as coherent and no more garbled."""
    return runner_up.coherence >= best.coherence - 0.1 and runner_up.chaos <= best.chaos + 0.02


def _codec_and_bom(encoding: str, data: bytes) -> tuple[str, bytes]:
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise UsageError(say("usage.unknown_encoding", encoding=encoding)) from None
    if not getattr(info, "_is_text_encoding", True):  # rot13, base64, zlib: codecs, not encodings
        raise UsageError(say("usage.not_a_text_encoding", encoding=encoding))
    name = info.name
    if name in ("utf-8-sig",) or (name == "utf-8" and data.startswith(codecs.BOM_UTF8)):
        return "utf-8", codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    for family in ("utf-16", "utf-32"):
        if name.startswith(family):
            # These codecs write a BOM at every call: read and write the BOM ourselves instead.
            for bom, codec in _BOMS:
                if codec.startswith(family) and data.startswith(bom):
                    return codec, bom
            return (f"{family}-le" if name == family else name), b""
    return name, b""
