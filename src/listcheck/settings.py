"""The settings of a run, made once by the command line or the caller and carried by the report.

Four frozen groups, one per layer: how to read the input, whether and how to ask DNS, where rows
go and what the checks know, and how to write the outputs. Each validates itself when made, so a
bad option fails before any file is opened.

>>> settings = Settings(policy=PolicySettings(strict=True, reject=("role_account",)))
>>> settings.policy.rules.strict, sorted(reason.code for reason in settings.policy.rules.reject)
(True, ['role_account'])
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any

from listcheck.errors import UsageError
from listcheck.messages import say
from listcheck.policy import Policy
from listcheck.reasons import REASONS_BY_CODE, Reason

STDIN = "-"
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def is_workbook(path: str) -> bool:
    """Whether ``path`` names an Excel workbook (by its suffix, as Excel and the user see it)."""
    return path.lower().endswith(WORKBOOK_SUFFIXES)


@dataclass(frozen=True)
class ReadingSettings:
    """How to read the input; None everywhere means "detect it".

    ``column`` is a header name or a 1-based position; ``encoding_errors`` is ``strict`` (refuse the
    file), ``keep`` or ``replace``; ``sheet`` names the sheet of an ``.xlsx`` workbook. ``skip_rows``
    is the number of rows above the header (titles, notes, blank rows, as a spreadsheet numbers them;
    Excel's hidden ``sep=`` line does not count); None finds them.
    """

    column: str | None = None
    encoding: str | None = None
    encoding_errors: str = "strict"
    delimiter: str | None = None
    has_header: bool | None = None
    sheet: str | None = None
    skip_rows: int | None = None

    def __post_init__(self) -> None:
        if self.encoding_errors not in ("strict", "keep", "replace"):
            raise UsageError(say("usage.encoding_errors", errors=self.encoding_errors))
        if self.skip_rows is not None and self.skip_rows < 0:
            raise UsageError(say("usage.skip_rows", rows=self.skip_rows))
        if self.delimiter is not None and len(self.delimiter) != 1:
            raise UsageError(say("usage.delimiter", delimiter=self.delimiter))

    def refuse_unfit_for(self, path: str) -> None:
        """Raise ``UsageError`` for options that cannot apply to this kind of input."""
        if is_workbook(path):
            if self.encoding is not None or self.delimiter is not None:
                raise UsageError(say("usage.workbook_options"))
        elif self.sheet is not None:
            raise UsageError(say("usage.sheet_for_workbooks"))


@dataclass(frozen=True)
class DnsSettings:
    """How to ask DNS whether each distinct domain accepts mail.

    ``nameservers`` are ``HOST[:PORT]`` texts (none: the system's resolver), ``concurrency`` lookups
    run at a time, each try given ``timeout`` seconds; ``cache`` is True for the user's cache folder,
    a path, or False for none. A run without DNS is given ``dns=None``.
    """

    nameservers: tuple[str, ...] = ()
    timeout: float = 5.0
    concurrency: int = 64
    cache: bool | str = True

    def __post_init__(self) -> None:
        if self.timeout <= 0 or self.concurrency < 1:
            raise UsageError(say("usage.dns_limits"))


@dataclass(frozen=True)
class PolicySettings:
    """Where rows go, and what the checks know of this list's audience.

    ``reject`` and ``keep`` are reason codes sent to the rejected or the clean file whatever the
    defaults and ``strict`` say; ``fix_typos`` writes the correction of a misspelled domain into the
    clean file. ``known_domains`` are real domains of this audience (never flagged, offered as
    corrections), ``allow_domains`` never count as throwaway, ``suppress`` are suppression files and
    ``history`` a bounce history store (decided ``as_of``).
    """

    strict: bool = False
    fix_typos: bool = False
    reject: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()
    known_domains: tuple[str, ...] = ()
    allow_domains: tuple[str, ...] = ()
    suppress: tuple[str, ...] = ()
    history: str | None = None  # a bounce history store: its suppressed addresses are suppressed too
    as_of: datetime | None = None  # the moment the history's decisions are made for; None: now

    def __post_init__(self) -> None:
        self.rules  # noqa: B018  # made now, so that a bad code fails before any file is read

    @cached_property
    def rules(self) -> Policy:
        """The ``Policy`` these settings make."""
        try:
            return Policy(strict=self.strict, fix_typos=self.fix_typos, reject=_reasons(self.reject, "--reject"),
                          keep=_reasons(self.keep, "--keep"))
        except ValueError as error:  # a reason both kept and rejected
            raise UsageError(say("usage.kept_and_rejected", problem=error)) from None


def _reasons(codes: tuple[str, ...], option: str) -> frozenset[Reason]:
    unknown = [code for code in codes if code not in REASONS_BY_CODE]
    if unknown:
        raise UsageError(say("usage.unknown_reason", option=option, code=unknown[0], codes=", ".join(REASONS_BY_CODE)))
    return frozenset(REASONS_BY_CODE[code] for code in codes)


@dataclass(frozen=True)
class OutputSettings:
    """Where the outputs go and what they hold.

    ``out_dir`` is the folder for both (default: the input's); ``clean`` and ``rejected`` are explicit
    paths. ``annotate`` gives the clean file the ``listcheck_*`` columns too; ``safe_formulas``
    prefixes cells that a spreadsheet would run as formulas with ``'``.
    """

    out_dir: str | None = None
    clean: str | None = None
    rejected: str | None = None
    annotate: bool = False
    safe_formulas: bool = False

    def paths(self, input_path: str, *, suffix: str | None = None) -> tuple[str, str]:
        """The clean and rejected paths: explicit ones, else ``<stem>.clean.csv`` and
        ``<stem>.rejected.csv`` (``.xlsx`` for a workbook; ``suffix`` for another kind, ``.parquet``).

        >>> OutputSettings().paths("lists/contactos.csv"), OutputSettings().paths("alumnos.xlsx")[0]
        (('lists/contactos.clean.csv', 'lists/contactos.rejected.csv'), 'alumnos.clean.xlsx')
        """
        suffix = suffix or (".xlsx" if is_workbook(input_path) else ".csv")
        if input_path == STDIN:
            stem, folder = "stdin", self.out_dir if self.out_dir is not None else ""
        else:
            stem = os.path.splitext(os.path.basename(input_path))[0]
            folder = self.out_dir if self.out_dir is not None else os.path.dirname(input_path)
        return (self.clean or os.path.join(folder, f"{stem}.clean{suffix}"),
                self.rejected or os.path.join(folder, f"{stem}.rejected{suffix}"))


@dataclass(frozen=True)
class Settings:
    """All the settings of one run; ``dns`` is None for a run that does not ask DNS."""

    reading: ReadingSettings = field(default_factory=ReadingSettings)
    dns: DnsSettings | None = field(default_factory=DnsSettings)
    policy: PolicySettings = field(default_factory=PolicySettings)
    output: OutputSettings = field(default_factory=OutputSettings)

    def options(self) -> dict[str, Any]:
        """The options that change a run's verdicts, as the JSON report gives them (CONTRACT.md)."""
        reading, policy, output = self.reading, self.policy, self.output
        return {
            "strict": policy.strict, "fix_typos": policy.fix_typos, "dns": self.dns is not None,
            "nameservers": list(self.dns.nameservers) if self.dns is not None else [],
            "reject": sorted(policy.reject), "keep": sorted(policy.keep), "suppress": list(policy.suppress),
            "history": policy.history,
            "allow_domains": len(policy.allow_domains), "known_domains": len(policy.known_domains),
            "annotate": output.annotate, "safe_formulas": output.safe_formulas, "encoding": reading.encoding,
            "encoding_errors": reading.encoding_errors, "column": reading.column, "delimiter": reading.delimiter,
        }
