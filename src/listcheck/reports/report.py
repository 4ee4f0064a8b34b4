"""The report of a run: what was read, what was found, where rows went. ``to_dict()`` is the JSON."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from listcheck.checks.dns_answers import DnsSummary
from listcheck.checks.suppression import SuppressionSummary
from listcheck.messages import RunWarning
from listcheck.settings import Settings

EXAMPLES_PER_REASON = 3


@dataclass(frozen=True)
class InputSummary:
    """What was read and how."""

    path: str
    encoding: str
    delimiter: str
    email_column: str
    rows: int
    header: bool
    column_found_by: str
    sheet: str = ""  # the sheet of a workbook; empty for a CSV file

    @property
    def is_parquet(self) -> bool:
        """A Parquet table (``--engine dask``), whose cells have no encoding or delimiter to tell."""
        return not self.encoding and not self.sheet


@dataclass(frozen=True)
class Example:
    """One row shown as an example of a reason."""

    row: int
    address: str
    detail: str
    suggestion: str = ""


@dataclass(frozen=True)
class Correction:
    """An address corrected in the clean file (``--fix-typos``)."""

    row: int
    original: str
    corrected: str


@dataclass(frozen=True)
class Typo:
    """A misspelled domain (or, in ``Report.repairs``, a broken address) found in a row, with the
    suggested address."""

    row: int
    address: str
    suggestion: str


@dataclass(frozen=True)
class DomainCount:
    """One of the domains with the most rows, and what became of its rows."""

    domain: str
    rows: int
    counts: dict[str, int]  # rows per status, every status present
    reasons: dict[str, int]  # rows per reason code found at this domain


TOP_DOMAINS = 15


@dataclass(frozen=True)
class Report:
    """The outcome of ``check_file``. ``counts`` has every status and ``reasons`` every code, zeros included,
    so that scripts can rely on the keys."""

    input: InputSummary
    outputs: dict[str, str]
    counts: dict[str, int]
    reasons: dict[str, int]
    destinations: dict[str, int]
    corrections: list[Correction] = field(default_factory=list)
    typos: list[Typo] = field(default_factory=list)
    repairs: list[Typo] = field(default_factory=list)  # broken addresses with a clear repair (ana(arroba)gmail.com)
    warnings: list[RunWarning] = field(default_factory=list)  # each with a stable code
    suppression: SuppressionSummary = SuppressionSummary()
    free_provider_rows: int = 0
    dns: DnsSummary = DnsSummary()
    elapsed_seconds: float = 0.0
    examples: dict[str, list[Example]] = field(default_factory=dict)
    version: str = ""
    top_domains: list[DomainCount] = field(default_factory=list)  # the domains with the most rows, most first
    settings: Settings = field(default_factory=Settings)  # what the run was asked to do

    @property
    def rejected_percent(self) -> float:
        """Share of the data rows that went to the rejected file, 0 to 100."""
        return 100.0 * self.destinations["rejected"] / self.input.rows if self.input.rows else 0.0

    @property
    def options(self) -> dict[str, Any]:
        """The options of the run that change its verdicts, as the JSON report gives them."""
        return self.settings.options()

    def to_dict(self) -> dict[str, Any]:
        """The JSON report (CONTRACT.md, Report)."""
        found = asdict(self)
        del found["settings"]  # given as the options, the part of them that changes verdicts
        return found | {"options": self.options}

    def to_json(self) -> str:
        """``to_dict()`` as indented JSON text, non-ASCII characters kept as they are."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

