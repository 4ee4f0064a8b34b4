"""Suppression lists: addresses never to mail again, such as a platform's bounce, complaint or
unsubscribe export.

A file is read like a contact list (a plain list of addresses works, and so does a CSV whose email
column is found by its header or content). When it says what happened to each address, in a type
column (hard/soft, permanent/transient, bounce/complaint/unsubscribe) or a code column (SMTP
enhanced status codes: 5.x.x permanent, 4.x.x temporary; or plain 5xx/4xx replies), only permanent
bounces, complaints and unsubscribes suppress: a temporary bounce is a full mailbox or a server
down today, worth another try. Rows that say nothing suppress.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from listcheck.checks.addresses import check_address
from listcheck.errors import ListcheckError, UsageError
from listcheck.messages import RunWarning, say, warn
from listcheck.reading.columns import normalize_header
from listcheck.reading.contacts import read_contacts, read_file_bytes

_TYPE_WORDS = frozenset(["type", "event", "status", "reason", "tipo", "kind", "category", "classification", "estado"])
_CODE_WORDS = frozenset(["code", "codigo", "diagnostic", "smtp", "dsn"])
_TEMPORARY = ("soft", "transient", "temporary", "temporal", "temporario", "transitorio", "deferred", "delayed")
_ENHANCED_CODE = re.compile(r"\b([245])\.\d{1,3}\.\d{1,3}\b")
_REPLY_CODE = re.compile(r"\b([245])\d\d\b")


@dataclass(frozen=True)
class SuppressionSummary:
    """What the suppression files held."""

    files: list[str] = field(default_factory=list)
    addresses: int = 0
    temporary_bounces_skipped: int = 0


@dataclass(frozen=True)
class SuppressionList:
    """Comparison keys of suppressed addresses, each with the file it came from."""

    sources: dict[str, str] = field(default_factory=dict)
    temporary: int = 0
    warnings: list[RunWarning] = field(default_factory=list)

    def summary(self) -> SuppressionSummary:
        """What these lists hold, for the report."""
        return SuppressionSummary(files=self.files, addresses=len(self.sources), temporary_bounces_skipped=self.temporary)

    def source_of(self, key: str) -> str | None:
        """The file that suppresses this address (its comparison key), or None."""
        return self.sources.get(key)

    @property
    def files(self) -> list[str]:
        """The files read, in order."""
        return list(dict.fromkeys(self.sources.values()))


def load_suppression_lists(paths: Iterable[str]) -> SuppressionList:
    """Read every suppression file; an unreadable one is a usage error naming it."""
    sources: dict[str, str] = {}
    temporary = 0
    warnings = []
    for path in paths:
        try:
            table = read_contacts(read_file_bytes(path))
        except ListcheckError as error:
            raise UsageError(say("usage.suppress_unreadable", path=path, error=error)) from None
        type_column, code_column = _outcome_columns(table.header)
        skipped = 0
        for record in table.records:
            if not _suppresses(_cell(record, type_column), _cell(record, code_column)):
                skipped += 1
                continue
            verdict = check_address(record[table.email_column])
            if verdict.address:
                sources.setdefault(verdict.comparison_key, os.path.basename(path))
        temporary += skipped
        if skipped:
            warnings.append(warn("temporary_bounces", count=skipped, file=os.path.basename(path)))
    return SuppressionList(sources, temporary, warnings)


def _outcome_columns(header: list[str] | None) -> tuple[int | None, int | None]:
    """The columns that say what happened (type) and with which SMTP code, when the file has them."""
    if header is None:
        return None, None
    words = [set(normalize_header(name).split()) for name in header]
    type_column = next((i for i, w in enumerate(words) if w & _TYPE_WORDS and not w & _CODE_WORDS), None)
    code_column = next((i for i, w in enumerate(words) if w & _CODE_WORDS), None)
    return type_column, code_column


def _cell(record: list[str], column: int | None) -> str:
    return record[column] if column is not None and column < len(record) else ""


def _suppresses(kind: str, code: str) -> bool:
    """Whether a row of a bounce export means "never mail again".

    >>> _suppresses("hard", ""), _suppresses("soft", "5.1.1"), _suppresses("bounce", "4.2.2")
    (True, False, False)
    >>> _suppresses("bounce", "550 5.1.1 no such user"), _suppresses("complaint", ""), _suppresses("", "")
    (True, True, True)
    """
    kind = kind.lower()
    if any(word in kind for word in _TEMPORARY):
        return False
    if "hard" in kind or "permanent" in kind:
        return True
    match = _ENHANCED_CODE.search(code) or _REPLY_CODE.search(code)
    if match:
        return match.group(1) == "5"
    return True
