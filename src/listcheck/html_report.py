"""The HTML report: one self-contained page (inline CSS, inline SVG charts, no network loads) that
support staff can hand to a client. It reads on a laptop, a phone and on paper."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .reasons import Destination, Reason, Status
from .report import Report

TYPOS_SHOWN = 50
_STATUS_ORDER = [Status.VALID, Status.RISKY, Status.INVALID, Status.UNKNOWN]
_BAR_WIDTH = 330  # of the reasons chart's 640, for the longest bar


@dataclass(frozen=True)
class _Texts:
    """The page's words in English (see messages for the sentences about rows)."""

    title: str = "Contact list check"
    totals: str = "Addresses by verdict"
    where: str = "Where the rows went"
    reasons: str = "What was found"
    reason: str = "Reason"
    rows_header: str = "Rows"
    example: str = "Example"
    empty: str = "(empty cell)"
    row: str = "row"
    all_passed: str = "Every address passed."
    domains: str = "Domains with the most rows"
    domain: str = "Domain"
    verdicts: str = "Verdicts"
    typed: str = "As typed"
    suggested: str = "Suggested"
    written: str = "Written to the clean file"
    duplicates_explained: str = ("A repeated address is kept once, at its first row; the rows that repeat it go to the "
                                 "rejected file.")
    warnings: str = "Warnings"
    run: str = "This check"

    @staticmethod
    def rows(count: int) -> str:
        return f"{count:,} row" if count == 1 else f"{count:,} rows"

    @staticmethod
    def typos(count: int) -> str:
        return f"Misspelled domains ({count:,})"

    @staticmethod
    def corrections(count: int) -> str:
        return f"Corrections written to the clean file ({count:,})"

    @staticmethod
    def duplicates(count: int) -> str:
        return f"Repeated addresses ({count:,} rows)"

    @staticmethod
    def more_in_rejected(count: int) -> str:
        return f"... and {count:,} more, all in the rejected file and the JSON report."


_STATUS_LABELS = {Status.VALID: "valid", Status.RISKY: "risky", Status.INVALID: "invalid", Status.UNKNOWN: "unknown"}
_OUTPUT_LABELS = {"clean": "clean file", "rejected": "rejected file"}


def render_html(report: Report, *, generated: datetime | None = None) -> str:
    """The report as one HTML page, every value escaped (addresses come from untrusted files)."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    environment = Environment(loader=PackageLoader("listcheck", "templates"), autoescape=select_autoescape(["j2"]),
                              trim_blocks=True, lstrip_blocks=True)
    template = environment.get_template("report.html.j2")
    total = report.input.rows
    texts = _Texts()
    return template.render(
        lang="en", t=texts, report=report, file_name=os.path.basename(report.input.path) or report.input.path,
        generated=(generated or datetime.now().astimezone()).strftime("%Y-%m-%d %H:%M %Z").strip(),
        statuses=[_Card(status.value, _STATUS_LABELS[status], report.counts[status.value],
                        _percent(report.counts[status.value], total)) for status in _STATUS_ORDER],
        outputs=[_Output(_OUTPUT_LABELS[name], "valid" if name == "clean" else "invalid",
                         report.destinations[name], _percent(report.destinations[name], total),
                         _share(report.destinations[name], total), path)
                 for name, path in report.outputs.items()],
        reasons=_reasons(report),
        domains=[_domain_row(domain.domain, domain.rows, domain.counts) for domain in report.top_domains],
        domains_note="",
        typos_shown=TYPOS_SHOWN,
        duplicates=report.reasons.get(Reason.DUPLICATE.code, 0),
        run_facts=_run_facts(report),
    )


@dataclass(frozen=True)
class _Card:
    value: str
    label: str
    count: int
    percent: str


@dataclass(frozen=True)
class _Output:
    label: str
    color: str
    count: int
    percent: str
    width: float
    path: str


@dataclass(frozen=True)
class _ReasonBar:
    code: str
    title: str
    count: int
    status: str
    width: float
    goes_to: str
    example: Any


def _reasons(report: Report) -> list[_ReasonBar]:
    found = sorted((reason for reason in Reason if report.reasons[reason.code]),
                   key=lambda reason: -report.reasons[reason.code])
    largest = max((report.reasons[reason.code] for reason in found), default=1)
    bars = []
    for reason in found:
        count = report.reasons[reason.code]
        rejected = reason.destination is Destination.REJECTED
        # A duplicate takes its first row's status: colour it by where it goes.
        status = reason.status.value if reason.status is not None else ("invalid" if rejected else "risky")
        examples = report.examples.get(reason.code, [])
        bars.append(_ReasonBar(reason.code, reason.title, count, status, round(_BAR_WIDTH * count / largest, 1),
                               "to the rejected file" if rejected else "kept in the clean file",
                               examples[0] if examples else None))
    return bars


@dataclass(frozen=True)
class _Part:
    status: str
    width: float
    label: str


@dataclass(frozen=True)
class _DomainRow:
    domain: str
    rows: int
    parts: list[_Part]
    summary: str


def _domain_row(domain: str, rows: int, counts: dict[str, int]) -> _DomainRow:
    present = [status for status in _STATUS_ORDER if counts.get(status.value)]
    parts = [_Part(status.value, _share(counts[status.value], rows),
                   f"{_STATUS_LABELS[status]}: {counts[status.value]:,}") for status in present]
    summary = " · ".join(f"{counts[status.value]:,} {_STATUS_LABELS[status]}" for status in present)
    return _DomainRow(domain, rows, parts, summary)


def _run_facts(report: Report) -> list[tuple[str, str]]:
    source, options, dns = report.input, report.options, report.dns
    facts = [
        ("File", source.path),
        ("Read as", f"{source.encoding}, delimiter {_delimiter(source.delimiter)}, "
                    f"{'a header row' if source.header else 'no header row'}, addresses in '{source.email_column}'"),
        ("DNS", f"{dns.domains:,} domains asked, {dns.queries:,} queries" if dns.checked
         else "not consulted: domains were judged offline"),
        ("Time", f"{report.elapsed_seconds:.1f} s"),
    ]
    chosen = [name.replace("_", " ") for name in ("strict", "fix_typos", "annotate", "safe_formulas") if options.get(name)]
    if options.get("reject"):
        chosen.append("always reject " + ", ".join(options["reject"]))
    if options.get("keep"):
        chosen.append("always keep " + ", ".join(options["keep"]))
    if options.get("suppress"):
        chosen.append("suppression lists " + ", ".join(options["suppress"]))
    facts.append(("Options", ", ".join(chosen) or "the defaults"))
    return facts


def _delimiter(delimiter: str) -> str:
    return {"": "none (one column)", "\t": "tab"}.get(delimiter, f"'{delimiter}'")


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "0.0%"


def _share(part: int, whole: int) -> float:
    return round(100 * part / whole, 2) if whole else 0.0
