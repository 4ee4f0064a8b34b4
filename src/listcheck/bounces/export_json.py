"""JSON exports to rows: a JSON array, one object, an object that wraps the array (``{"items": [...]}``),
or JSON Lines; envelopes around a notification are opened.

Rows are numbered from 1: the objects of the array (or of the wrapped list), or the lines of a JSON
Lines file (blank lines counted, so the number is the line an editor shows).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from listcheck.bounces.export_rows import Row

NumberedRows = list[tuple[int, Row | None]]  # None: a row that is no object (or no JSON) at all


def json_rows(text: str, known: Callable[[Row], bool]) -> NumberedRows | None:
    """The rows of a JSON or JSON Lines text; None when it is no JSON at all.

    ``known`` says whether some export format reads a row: an object that none reads and that holds a
    list of objects (Postmark's ``Bounces``, Mailgun's ``items``, Brevo's ``contacts``) is opened.

    >>> [(n, row.text("event")) for n, row in json_rows('{"items": [{"event": "failed"}]}', lambda row: False)]
    [(1, 'failed')]
    """
    start = text.lstrip()[:1]
    if start not in ("[", "{"):
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return _json_lines(text)
    if isinstance(value, dict):
        row = _row(value)
        if row is None or not known(row):
            value = _wrapped_list(value) or [value]
    items = value if isinstance(value, list) else [value]
    return [(number, _row(item)) for number, item in enumerate(items, start=1)]


def _json_lines(text: str) -> NumberedRows | None:
    """One JSON value a line; None when no line is JSON (the text is something else)."""
    rows: NumberedRows = []
    parsed = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except ValueError:
            rows.append((number, None))
            continue
        parsed += 1
        rows.append((number, _row(value)))
    return rows if parsed else None


def _wrapped_list(value: dict[str, Any]) -> list[Any] | None:
    """The longest list of objects an object holds at its top level, or None."""
    lists = [item for item in value.values() if isinstance(item, list) and item and isinstance(item[0], dict)]
    return max(lists, key=len) if lists else None


def _row(value: Any) -> Row | None:
    """A JSON value as a row, its envelopes opened; a string is a bare address (a JSON list of them)."""
    if isinstance(value, str):
        return Row({}, address_hint=value)
    if not isinstance(value, dict):
        return None
    return Row(_opened(value))


def _opened(value: dict[str, Any]) -> dict[str, Any]:
    """The notification inside an envelope, or the object itself.

    An SNS envelope ("Type": "Notification") holds it as a string in "Message", and a Lambda record
    holds that envelope in "Sns"; a Mailgun webhook holds the event in "event-data"; an EventBridge
    event holds an SES event in "detail".
    """
    for _ in range(3):  # Lambda record > SNS envelope > notification, at most
        if "TopicArn" in value or value.get("Type") == "Notification":
            inner = value.get("Message")
        elif "detail-type" in value:
            inner = value.get("detail")
        else:
            inner = value.get("Sns") or value.get("event-data")
        if isinstance(inner, str):
            try:
                inner = json.loads(inner)
            except ValueError:
                return value
        if not isinstance(inner, dict):
            return value
        value = inner
    return value
