"""Bytes to text: which encoding a contact export is in, and what is not a contact export at all.

Spreadsheets write CSV in the Windows code page of the user's locale (cp1252 in Spain and Latin
America, cp1251 in Ukraine and Russia), as UTF-8 with or without a BOM, or as UTF-16 "Unicode text".
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

from charset_normalizer import CharsetMatch, from_bytes

from .errors import InputError, UsageError

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
_SIGNATURES = [
    (b"%PDF", "a PDF document, not a table: export the list from its source as CSV"),
    (b"PK\x03\x04", "a ZIP archive (an .xlsx workbook is one): save the sheet as CSV, or unzip the export"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office file (.xls or .doc): save the sheet as CSV"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image, not a table"),
    (b"\xff\xd8\xff", "a JPEG image, not a table"),
    (b"GIF87a", "a GIF image, not a table"),
    (b"GIF89a", "a GIF image, not a table"),
    (b"\x1f\x8b", "a gzip archive: decompress it first"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive: extract it first"),
    (b"Rar!", "a RAR archive: extract it first"),
    (b"\x7fELF", "a program, not a table"),
    (b"SQLite format 3\x00", "an SQLite database, not a table: export the table as CSV"),
]
ENCODING_ERRORS = {"strict": "strict", "keep": "surrogateescape", "replace": "replace"}


@dataclass(frozen=True)
class Decoded:
    """The text of a file and how it was read."""

    text: str
    codec: str
    bom: bytes = b""
    errors: str = "strict"  # the Python error handler used, to encode the outputs the same way
    warnings: list[str] = field(default_factory=list)


def decode(data: bytes, encoding: str | None = None, *, errors: str = "strict") -> Decoded:
    """Decode a file's bytes, detecting the encoding unless ``encoding`` names it.

    ``errors`` (``strict``, ``keep`` or ``replace``) decides what becomes of bytes that are not text in
    the encoding; ``strict`` raises ``InputError`` naming the line.
    """
    handler = ENCODING_ERRORS.get(errors)
    if handler is None:
        raise UsageError(f"--encoding-errors must be strict, keep or replace, got '{errors}'")
    for bom, codec in _BOMS:
        if data.startswith(bom) and encoding is None:
            return Decoded(_decode_as(data[len(bom):], codec, handler), codec, bom, handler)
    if encoding is not None:
        codec, bom = _codec_and_bom(encoding, data)
        return Decoded(_decode_as(data[len(bom):], codec, handler), codec, bom, handler)
    for signature, description in _SIGNATURES:
        if data.startswith(signature):
            raise InputError(f"the file is {description}")
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return Decoded(_decode_as(data, utf16, handler), utf16, b"", handler)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if _looks_binary(data):
        raise InputError("the file is binary data, not text")
    if _mostly_utf8(data):
        # A UTF-8 file with a few bad bytes (two exports pasted together, say): a code page would turn
        # every accent of the good lines into mojibake, so the bad line is named instead.
        return Decoded(_decode_as(data, "utf-8", handler, mostly_utf8=True), "utf-8", b"", handler)
    return _decode_code_page(data, handler)


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


def _mostly_utf8(data: bytes) -> bool:
    """Whether the file is UTF-8 but for some bytes: more valid multibyte characters than bad bytes."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for char in text if ord(char) > 127 and char != "\ufffd")
    return good > 0 and good >= bad


def _decode_code_page(data: bytes, handler: str) -> Decoded:
    matches = from_bytes(data[:256 * 1024], cp_isolation=_CODE_PAGES)
    best = matches.best()
    if best is None:
        raise InputError(
            "cannot tell the file's encoding: it is not UTF-8, cp1252 or cp1251 text",
            "if it is text, name its encoding with --encoding",
        )
    codec = codecs.lookup(best.encoding).name
    warnings = []
    if len(matches) > 1 and _close_call(matches[0], matches[1]):
        # Both code pages read the bytes as plausible words: say which one was taken and how to change it.
        warnings.append(f"The file is not UTF-8 and could be cp1252 or cp1251; it was read as {codec}. If "
                        f"accents or Cyrillic letters look wrong in the outputs, run again with --encoding.")
    return Decoded(_decode_as(data, codec, handler), codec, b"", handler, warnings)


def _close_call(best: CharsetMatch, runner_up: CharsetMatch) -> bool:
    """Whether the second code page reads the text nearly as well: as coherent and no more garbled."""
    return runner_up.coherence >= best.coherence - 0.1 and runner_up.chaos <= best.chaos + 0.02


def _codec_and_bom(encoding: str, data: bytes) -> tuple[str, bytes]:
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise UsageError(f"--encoding '{encoding}' is not an encoding Python knows") from None
    if not getattr(info, "_is_text_encoding", True):  # rot13, base64, zlib: codecs, not encodings
        raise UsageError(f"--encoding '{encoding}' is not a text encoding")
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


def _decode_as(data: bytes, codec: str, handler: str = "strict", *, mostly_utf8: bool = False) -> str:
    try:
        return data.decode(codec, errors=handler)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        where = f"line {line} is not valid {codec} (byte 0x{data[error.start]:02x})"
        if mostly_utf8:
            raise InputError(
                f"{where}, though the rest of the file is UTF-8",
                "fix that line, or run again with --encoding-errors keep to carry such bytes through "
                "unchanged, or with --encoding-errors replace to write U+FFFD in their place",
            ) from None
        raise InputError(where, "name the file's real encoding with --encoding") from None
