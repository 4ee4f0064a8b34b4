"""Cleaning of an address cell before it is judged.

People paste addresses from mail clients, web pages and chat: the cell may carry a display name,
angle brackets, a ``mailto:`` link, non-breaking or invisible spaces. None of that is part of the
address, and all of it is removed before the address is checked (CONTRACT.md, Writing).
"""

from __future__ import annotations

import re
import unicodedata

# Invisible characters that copy and paste leaves inside a cell; never part of a real address.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_MAILTO = re.compile(r"^mailto:", re.IGNORECASE)
# "Ana Pérez <ana@x.es>" or "<ana@x.es>": one pair of angle brackets closing the cell.
_DISPLAY_NAME = re.compile(r"^(?P<name>[^<>]*)<(?P<address>[^<>]*)>$", re.DOTALL)


def _strip_blank(text: str) -> str:
    """Strip whitespace at both ends, including no-break spaces and other format characters."""
    start, end = 0, len(text)
    while start < end and _is_blank(text[start]):
        start += 1
    while end > start and _is_blank(text[end - 1]):
        end -= 1
    return text[start:end]


def _is_blank(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) in ("Zs", "Cf")


def clean_cell(text: str) -> str:
    """The address a cell holds, without the wrapping people paste around it.

    >>> clean_cell("  Ana Pérez <mailto:Ana@Correo.ES>\\u00a0")
    'Ana@correo.es'
    """
    if text.isascii() and text and " " < text[0] < "\x7f" and " " < text[-1] < "\x7f" and "<" not in text \
            and not _MAILTO.match(text):
        return lower_domain(text)  # the common case: nothing to clean
    cleaned = _without_display_name(_strip_blank(text.translate(_INVISIBLE)))
    if _MAILTO.match(cleaned):
        # A mailto link may carry "?subject=..." after the address.
        cleaned = _without_display_name(_strip_blank(cleaned[len("mailto:"):].split("?", 1)[0]))
    return lower_domain(cleaned)


def _without_display_name(text: str) -> str:
    """The address inside the angle brackets; the text as it is when they hold nothing ("Ana <>")."""
    match = _DISPLAY_NAME.match(text)
    inside = _strip_blank(match["address"]) if match else ""
    return inside or text


def lower_domain(address: str) -> str:
    """Lower-case the part after the last ``@``; the local part keeps its case (RFC 5321 2.4).

    >>> lower_domain("Ana@Correo.ES")
    'Ana@correo.es'
    """
    local, at, domain = address.rpartition("@")
    return f"{local}@{domain.lower()}" if at else address


# Letters that Unicode does not decompose into a base letter and a mark, written as people who
# cannot type them do (German, Nordic, Polish, Croatian, French ligatures).
_UNDECOMPOSED = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L",
                               "đ": "d", "Đ": "D", "œ": "oe", "Œ": "OE", "þ": "th", "ı": "i"})


def without_accents(text: str) -> str | None:
    """``text`` with its accents and ligatures written in ASCII, or None when letters of another
    script are left (Cyrillic, Greek, CJK): a transliteration would be a guess, not a fix.

    >>> without_accents("María.López"), without_accents("strauß"), without_accents("олена")
    ('Maria.Lopez', 'strauss', None)
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    folded = "".join(char for char in decomposed if not unicodedata.combining(char))
    return folded if folded.isascii() else None
