"""What a sending platform's own words for an event mean: its bounce types, event names and list names.

The vocabularies are data (``data/platform_types.csv``: platform, field, value, class, reason, use,
source); this module says how a row of that table and the server's own words combine. A platform's
type is trusted as far as the platform documents it, column ``use``:

- ``always``: the type decides (a complaint, an unsubscribe, a delivery, a listing on a suppression
  list); the server's words are kept as the diagnostic only.
- ``class``: the type decides the class, and the codes and words pick the reason within it (a SendGrid
  block stays a sender problem, but its words may tell ``auth_failure`` from ``blocked``; a deferral
  is never hard, whatever its text says).
- ``fallback``: the codes and words decide first, the type only when they say nothing. Platforms call
  "permanent" every 5xx, sender-side refusals included, so such a type alone never makes an address
  dead (CONTRACT.md, Bounces).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from listcheck.bounces.classify import classify
from listcheck.bounces.events import UNDETERMINED, BounceClass, Classification, Failure

NOT_BOUNCE = "not_bounce"  # the class column's word for an event that is no bounce (an open, a send)
_USES = ("always", "class", "fallback")


@dataclass(frozen=True)
class PlatformType:
    """One row of the table: what a platform's word means, and how far to trust it."""

    classification: Classification | None  # None: the event is no bounce at all (an open, a click)
    use: str  # "always", "class" or "fallback"


def vocabulary_key(value: Any) -> str:
    """A platform's word reduced for lookup: case, camel case and punctuation do not matter.

    >>> vocabulary_key("HardBounce"), vocabulary_key("hard_bounce"), vocabulary_key("DMARCPolicy")
    ('hard bounce', 'hard bounce', 'dmarc policy')
    """
    return _key(str(value))


@lru_cache(maxsize=4096)  # a file repeats the same few words on every row
def _key(text: str) -> str:
    text = text.strip()
    text = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", text)
    return " ".join(re.split(r"[\W_]+", text.casefold())).strip()


@cache
def _table() -> dict[tuple[str, str, str], PlatformType]:
    """The vocabulary table, read once."""
    text = resources.files("listcheck.bounces").joinpath("data", "platform_types.csv").read_text("utf-8")
    table = {}
    for row in csv.DictReader(text.splitlines()):
        if row["class"] == NOT_BOUNCE:
            entry = PlatformType(None, "always")
        else:
            classification = Classification.of(row["reason"])
            if classification.bounce_class is not BounceClass(row["class"]) or row["use"] not in _USES:
                raise ValueError(f"platform_types.csv: {row['platform']} {row['value']}: class, reason or use")
            entry = PlatformType(classification, row["use"])
        table[(row["platform"], vocabulary_key(row["field"]), vocabulary_key(row["value"]))] = entry
    return table


def platform_type(platform: str, *lookups: tuple[str, Any]) -> PlatformType | None:
    """The first of ``lookups`` (field, value) that the table knows for ``platform``, most specific first.

    >>> platform_type("ses", ("subtype", "Permanent NoEmail"), ("type", "Permanent")).use
    'class'
    >>> platform_type("sendgrid", ("event", "open")).classification is None
    True
    """
    table = _table()
    for field, value in lookups:
        if value is None or value == "":
            continue
        entry = table.get((platform, vocabulary_key(field), vocabulary_key(value)))
        if entry is not None:
            return entry
    return None


def listing() -> PlatformType:
    """What a row means when its only news is that the address is listed: the table's ``listing`` row
    (hard, ``user_unknown``; the row's source column says why)."""
    return _table()[("listing", "listing", "any")]


def settle(failure: Failure, told: PlatformType | None) -> Failure | None:
    """The failure with its classification decided from the platform's type and its own codes and words;
    None when the platform's type says the event is no bounce (an open, a click, a send)."""
    if told is None:
        return replace(failure, classification=classify(failure))
    if told.classification is None:
        return None
    if told.use == "always":
        return replace(failure, classification=told.classification)
    spoken = classify(replace(failure, classification=None))
    if told.use == "class":
        same_class = spoken.bounce_class is told.classification.bounce_class and spoken != UNDETERMINED
        return replace(failure, classification=spoken if same_class else told.classification)
    return replace(failure, classification=spoken if spoken != UNDETERMINED else told.classification)
