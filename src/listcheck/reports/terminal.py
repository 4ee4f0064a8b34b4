"""The human report, drawn with rich. Plain text (no escape codes) when the stream is not a terminal;
the command line also asks for it when ``NO_COLOR`` is set."""

from __future__ import annotations

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from listcheck.address_check import AddressesReport
from listcheck.checks.dns_answers import DnsSummary
from listcheck.messages import number, percent, rows, say, say_count, shortened
from listcheck.reasons import Reason, Status
from listcheck.reports.report import EXAMPLES_PER_REASON, Report, Typo

TYPOS_SHOWN = 20
_STATUS_STYLE = {Status.VALID: "green", Status.UNKNOWN: "cyan", Status.RISKY: "yellow", Status.INVALID: "red"}


def render_report(report: Report, console: Console) -> None:
    """Print what was read, counts per status, where rows went, each reason with examples, warnings."""
    source = report.input
    console.print(Text.assemble(("listcheck ", "bold"), report.version, " · ", source.path))
    header = say("report.header_row" if source.header else "report.no_header_row")
    found_by = say(f"report.found_by_{source.column_found_by}")
    if source.sheet:
        read = say("report.read_sheet", rows=rows(source.rows), sheet=source.sheet, header=header,
                   column=source.email_column, found_by=found_by)
    elif source.is_parquet:
        read = say("report.read_parquet", rows=rows(source.rows), column=source.email_column, found_by=found_by)
    else:
        read = say("report.read", rows=rows(source.rows), encoding=source.encoding,
                   delimiter=delimiter_name(source.delimiter), header=header, column=source.email_column,
                   found_by=found_by)
    console.print(read, highlight=False)
    console.print(_dns_line(report.dns), highlight=False)
    if report.suppression.files:
        console.print(say_count("report.suppression", report.suppression.addresses,
                                files=", ".join(report.suppression.files)), highlight=False)
    if report.free_provider_rows:
        console.print(say("report.free_providers", rows=rows(report.free_provider_rows)), highlight=False)
    console.print()
    console.print(_summary(report))
    console.print()
    _print_reasons(report, console)
    if report.corrections:
        console.print(Text(say_count("report.corrections", len(report.corrections)), style="bold"))
        for correction in report.corrections:
            console.print(f"  {say('report.row')} {correction.row}: {correction.original} → {correction.corrected}",
                          highlight=False)
        console.print()
    else:  # what --fix-typos would correct
        for title, found in (("report.typos", report.typos), ("report.repairs", report.repairs)):
            if found:
                _print_fixes(title, found, console)
    for warning in report.warnings:
        console.print(Text.assemble((say("report.warning"), "bold yellow"), warning.message))


def _print_fixes(title: str, found: list[Typo], console: Console) -> None:
    shown = found[:TYPOS_SHOWN]
    console.print(Text(say_count(title, len(found)), style="bold"))
    for typo in shown:
        console.print(f"  {say('report.row')} {typo.row}: {typo.address} → {typo.suggestion}", highlight=False)
    if len(found) > len(shown):
        console.print("  " + say_count("report.typos_more", len(found) - len(shown)))
    console.print()


def render_addresses(report: AddressesReport, console: Console) -> None:
    """Print each address given to ``listcheck address``: its verdict, why, and the fix."""
    for result in report.results:
        verdict = result.verdict
        console.print(Text(shortened(result.text) or say("report.empty"), style="bold"), highlight=False)
        title = f" · {verdict.reason.code} · {verdict.reason.title}" if verdict.reason else ""
        console.print(Text.assemble("  ", (say(f"address.status.{verdict.status.value}"), _STATUS_STYLE[verdict.status]),
                                    title))
        if verdict.detail:
            console.print(Padding(Text(verdict.detail), (0, 0, 0, 2)))
        if verdict.suggestion:
            console.print(Padding(Text("→ " + verdict.suggestion, style="bold"), (0, 0, 0, 2)))
    console.print(_dns_line(report.dns), highlight=False)
    for warning in report.warnings:
        console.print(Text.assemble((say("report.warning"), "bold yellow"), warning.message))


def _dns_line(dns: DnsSummary) -> str:
    if not dns.checked:
        return say("report.dns_off")
    line = say("report.dns_on", domains=say_count("dns.domains", dns.domains),
               queries=say_count("dns.queries", dns.queries), hits=say_count("dns.hits", dns.cache_hits),
               timeouts=say_count("dns.timeouts", dns.timeouts))
    if not dns.resolver_trusted:
        line += say("report.dns_untrusted")
    return line


def delimiter_name(delimiter: str) -> str:
    """A delimiter as the reports name it."""
    if delimiter == "":
        return say("report.delimiter_none")
    return say("report.delimiter_tab") if delimiter == "\t" else f"'{delimiter}'"


def _summary(report: Report) -> Table:
    total = report.input.rows
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column(justify="right")
    grid.add_column(justify="right")
    grid.add_column()
    for status in Status:
        count = report.counts[status.value]
        grid.add_row(Text(say(f"status.{status.value}"), style=_STATUS_STYLE[status]), number(count),
                     percent(count, total), "")
    grid.add_row("", "", "", "")
    for name, path in report.outputs.items():
        count = report.destinations[name]
        grid.add_row(f"→ {say(f'output.{name}')}", number(count), percent(count, total), path)
    return grid


def _print_reasons(report: Report, console: Console) -> None:
    found = [reason for reason in Reason if report.reasons[reason.code]]
    if not found:
        console.print(say("report.all_passed"))
        console.print()
        return
    console.print(Text(say_count("report.reasons_examples", EXAMPLES_PER_REASON), style="bold"))
    for reason in found:
        console.print(Text.assemble(
            "  ", (reason.code, "bold"), f" · {rows(report.reasons[reason.code])} · {reason.title}"))
        examples = Table.grid(padding=(0, 1), pad_edge=True)
        examples.add_column(justify="right", no_wrap=True, min_width=10)
        examples.add_column(overflow="fold")
        for example in report.examples.get(reason.code, []):
            examples.add_row(f"    {say('report.row')} {example.row}", Text.assemble(
                (example.address or say("report.empty"), "italic"), "\n", example.detail))
        console.print(examples)
    console.print()
