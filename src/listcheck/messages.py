"""Saying things to people: the sentence of a key in the language of the run, counts and numbers
as that language writes them. The sentences themselves are in ``catalogue``.

The language of the run is ambient, and listcheck has one rule for it everywhere, the command line
and the library alike: the language of the innermost ``speaking(lang)`` block, else the user's
locale (``default_language``). A thread started inside a run is given the run's context (see
``checks.deliverability``); the worker process that judges big lists is forked inside it, so it
speaks the same.

>>> with speaking("es"):
...     say_count("rows", 12345)
'12\u202f345 filas'
"""

from __future__ import annotations

import locale
import os
import re
import string
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from listcheck.catalogue import MESSAGES, SYNTAX_ES

LANGUAGES = ("en", "es")
# A context variable, so that two runs in two threads may speak two languages.
_spoken: ContextVar[str | None] = ContextVar("listcheck_language", default=None)


def language() -> str:
    """The language of the run: the innermost ``speaking`` block's, else the locale's."""
    return _spoken.get() or default_language()


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Say everything in ``lang`` inside the block (``en`` or ``es``)."""
    if lang not in LANGUAGES:
        raise ValueError(say("error.unknown_language", lang=lang, languages=", ".join(LANGUAGES)))
    token = _spoken.set(lang)
    try:
        yield
    finally:
        _spoken.reset(token)


@contextmanager
def pinned() -> Iterator[None]:
    """Hold the ambient language for the block: the locale is asked once, not at every sentence, and
    everything the block starts (threads, a forked worker) speaks the same."""
    with speaking(language()):
        yield


def default_language(environ: Mapping[str, str] = os.environ) -> str:
    """Spanish when the user's locale is Spanish (``LC_ALL``, ``LC_MESSAGES`` or ``LANG``; on Windows,
    which sets none of them, the system's locale), else English.

    >>> default_language({"LANG": "es_AR.UTF-8"}), default_language({"LANG": "C.UTF-8"})
    ('es', 'en')
    """
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return "es" if value.lower().startswith("es") else "en"
    if os.name == "nt":
        system = locale.getlocale()[0] or ""  # "Spanish_Spain" or "es_ES"
        return "es" if system.lower().startswith(("es", "spanish")) else "en"
    return "en"


def say(key: str, **values: object) -> str:
    """The sentence ``key`` in the language of the run, with ``values`` put in."""
    sentence = MESSAGES[key][language()]
    assert isinstance(sentence, str), f"{key} counts something: use say_count"
    return sentence.format(**values)


def say_count(key: str, count: int, **values: object) -> str:
    """The sentence ``key`` about ``count`` things, in the form the language uses for that count,
    with the count written as the language writes numbers.

    >>> say_count("rows", 1), say_count("rows", 1234)
    ('1 row', '1,234 rows')
    """
    lang = language()
    forms = MESSAGES[key][lang]
    assert isinstance(forms, dict), f"{key} counts nothing: use say"
    return forms[plural_category(lang, count)].format(count=number(count), **values)


@dataclass(frozen=True)
class RunWarning:
    """Something a run found worth saying that is not about one row: a stable ``code`` (snake_case)
    that scripts branch on, and the ``message`` in the language of the run (CONTRACT.md, Report)."""

    code: str
    message: str

    def __str__(self) -> str:
        return self.message


def warn(code: str, count: int | None = None, **values: object) -> RunWarning:
    """The warning ``code``, said from the catalogue's ``warning.<code>``; ``count`` for one that counts.

    >>> warn("long_rows", count=2)
    RunWarning(code='long_rows', message='2 rows have more fields than the header; the extra fields were kept.')
    """
    key = f"warning.{code}"
    return RunWarning(code, say(key, **values) if count is None else say_count(key, count, **values))


# The longest a cell is quoted in a report (CONTRACT.md, Report); the outputs keep every cell whole.
QUOTED_CHARACTERS = 200


def shortened(text: str, limit: int = QUOTED_CHARACTERS) -> str:
    """``text`` as a report quotes it: whole when short, else cut to ``limit`` characters in all,
    ending with a mark that says so and how long it was.

    >>> shortened("ana@correo.es"), len(shortened("x" * 3_000_000)), shortened("x" * 3_000_000)[-25:]
    ('ana@correo.es', 200, 'x… (3,000,000 characters)')
    """
    if len(text) <= limit:
        return text
    mark = say_count("report.shortened", len(text))
    return text[: max(limit - len(mark), 0)] + mark


def _one_or_other(count: int) -> str:
    return "one" if count == 1 else "other"


def _east_slavic(count: int) -> str:
    """Ukrainian and Russian: 1, 21, 31 ... one; 2-4, 22-24 ... few; the rest many."""
    if count % 10 == 1 and count % 100 != 11:
        return "one"
    if 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
        return "few"
    return "many"


# CLDR's plural rules for whole numbers, by language: the form a count takes. A language added to
# the catalogue adds its rule here.
PLURAL_RULES: dict[str, Callable[[int], str]] = {"en": _one_or_other, "es": _one_or_other,
                                                 "uk": _east_slavic, "ru": _east_slavic}


def plural_category(lang: str, count: int) -> str:
    """The CLDR plural category of a whole ``count`` in ``lang``.

    >>> [plural_category("uk", n) for n in (1, 3, 5, 11, 21, 22)]
    ['one', 'few', 'many', 'many', 'one', 'few']
    """
    return PLURAL_RULES[lang](count)


def placeholders(text: str) -> set[str]:
    """The ``{names}`` a sentence expects."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def number(value: int) -> str:
    """A count as the language writes it: 12,345 in English; 12 345 in Spanish (RAE: a thin space
    groups thousands, since a comma or a period would read as decimals in one country or another).

    >>> number(1234567)
    '1,234,567'
    """
    grouped = f"{value:,}"
    return grouped.replace(",", "\u202f") if language() == "es" else grouped


def percent(part: int, whole: int) -> str:
    """``part`` of ``whole`` in percent with one decimal: 58.0% in English, 58,0 % in Spanish."""
    value = f"{100 * part / whole:.1f}" if whole else "0.0"
    return f"{value.replace('.', ',')}\u00a0%" if language() == "es" else f"{value}%"


def rows(count: int) -> str:
    """'1 row', '12 rows' in the language of the run."""
    return say_count("rows", count)


def syntax_detail(english: str) -> str:
    """email-validator's sentence about a syntax error, in the language of the run.

    The library speaks English only: its most frequent sentences are translated by their opening
    words, keeping what follows (a character's name, a count); any other is given in English after
    a Spanish lead-in, rather than not at all.
    """
    if language() == "en":
        return english
    for pattern, spanish in SYNTAX_ES:
        match = pattern.match(english)
        if match:
            return spanish.format(rest=_spanish_rest(english[match.end():].strip())).strip()
    return say("detail.syntax_other", message=english)


def _spanish_rest(rest: str) -> str:
    """The end of an email-validator sentence: the characters it names, the characters too many."""
    rest = rest.replace("NO-BREAK SPACE", "ESPACIO DE NO SEPARACIÓN")
    rest = re.sub(r"\bSPACE\b", "ESPACIO", rest)
    return re.sub(r"\((\d+) characters? too many\)", lambda m: f"(sobra{'n' if m[1] != '1' else ''} {m[1]} "
                  f"carácter{'es' if m[1] != '1' else ''})", rest)
