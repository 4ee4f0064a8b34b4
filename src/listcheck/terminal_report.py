"""The human report, drawn with rich. Plain text (no escape codes) when the stream is not a terminal;
the command line also asks for it when ``NO_COLOR`` is set."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .reasons import Reason, Status
from .report import EXAMPLES_PER_REASON, Report

TYPOS_SHOWN = 20
_STATUS_STYLE = {Status.VALID: "green", Status.UNKNOWN: "cyan", Status.RISKY: "yellow", Status.INVALID: "red"}


def render_report(report: Report, console: Console) -> None:
    """Print what was read, counts per status, where rows went, each reason with examples, warnings."""
    source = report.input
    console.print(Text.assemble(("listcheck ", "bold"), report.version, " · ", source.path))
    delimiter = {"": "none (one column)", "\t": "tab"}.get(source.delimiter, f"'{source.delimiter}'")
    found_by = {"header": "found by its header", "content": "found by its content", "option": "as asked"}
    console.print(
        f"Read {_rows(source.rows)} · encoding {source.encoding} · delimiter {delimiter} · "
        f"{'header row' if source.header else 'no header row'} · addresses in column "
        f"'{source.email_column}' ({found_by[source.column_found_by]})",
        highlight=False,
    )
    console.print(_dns_line(report), highlight=False)
    if report.suppression.files:
        console.print(f"Suppression: {report.suppression.addresses} addresses from "
                      f"{', '.join(report.suppression.files)}", highlight=False)
    if report.free_provider_rows:
        console.print(f"{_rows(report.free_provider_rows)} at free or personal mail providers (gmail, hotmail, ...)",
                      highlight=False)
    console.print()
    console.print(_summary(report))
    console.print()
    _print_reasons(report, console)
    if report.corrections:
        console.print(Text(f"Corrections written to the clean file ({len(report.corrections)})", style="bold"))
        for correction in report.corrections:
            console.print(f"  row {correction.row}: {correction.original} → {correction.corrected}", highlight=False)
        console.print()
    elif report.typos:
        shown = report.typos[:TYPOS_SHOWN]
        console.print(Text(f"Typos found ({len(report.typos)}); --fix-typos would correct them", style="bold"))
        for typo in shown:
            console.print(f"  row {typo.row}: {typo.address} → {typo.suggestion}", highlight=False)
        if len(report.typos) > len(shown):
            console.print(f"  ... and {len(report.typos) - len(shown)} more, all in the rejected file and the JSON report")
        console.print()
    for warning in report.warnings:
        console.print(Text.assemble(("Warning: ", "bold yellow"), warning))


def _dns_line(report: Report) -> str:
    dns = report.dns
    if not dns.checked:
        return "DNS: not consulted (--no-dns): domains were judged offline only"
    line = (f"DNS: {dns.domains} domains asked, {dns.queries} queries, {dns.cache_hits} answered from the "
            f"cache, {dns.timeouts} timeouts")
    if not dns.resolver_trusted:
        line += "; the resolver could not be trusted, so nothing was rejected on DNS grounds"
    return line


def _rows(count: int) -> str:
    return "1 row" if count == 1 else f"{count} rows"


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "0.0%"


def _summary(report: Report) -> Table:
    total = report.input.rows
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column(justify="right")
    grid.add_column(justify="right")
    grid.add_column()
    for status in Status:
        count = report.counts[status.value]
        grid.add_row(Text(status.value, style=_STATUS_STYLE[status]), str(count), _percent(count, total), "")
    grid.add_row("", "", "", "")
    for name, path in report.outputs.items():
        count = report.destinations[name]
        grid.add_row(f"→ {name}", str(count), _percent(count, total), path)
    return grid


def _print_reasons(report: Report, console: Console) -> None:
    found = [reason for reason in Reason if report.reasons[reason.code]]
    if not found:
        console.print("Every address passed.")
        console.print()
        return
    console.print(Text(f"Reasons, with up to {EXAMPLES_PER_REASON} example rows each", style="bold"))
    for reason in found:
        console.print(Text.assemble(
            "  ", (reason.code, "bold"), f" · {_rows(report.reasons[reason.code])} · {reason.title}"))
        examples = Table.grid(padding=(0, 1), pad_edge=True)
        examples.add_column(justify="right", no_wrap=True, min_width=10)
        examples.add_column(overflow="fold")
        for example in report.examples.get(reason.code, []):
            examples.add_row(f"    row {example.row}", Text.assemble(
                (example.address or "(empty)", "italic"), "\n", example.detail))
        console.print(examples)
    console.print()
