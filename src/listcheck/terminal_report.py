"""The human report, drawn with rich. Plain text (no colour codes) when the stream is not a terminal
or ``NO_COLOR`` is set: rich's console does that by itself."""

from __future__ import annotations

from rich import box
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from .reasons import Reason, Status
from .report import EXAMPLES_PER_REASON, Report

_STATUS_STYLE = {Status.VALID: "green", Status.UNKNOWN: "cyan", Status.RISKY: "yellow", Status.INVALID: "red"}


def render_report(report: Report, console: Console) -> None:
    """Print the report: what was read, counts per status and reason, where rows went, examples, warnings."""
    source = report.input
    console.print(Text.assemble(("listcheck ", "bold"), report.version, " · ", source.path))
    delimiter = {"": "none (one column)", "\t": "tab"}.get(source.delimiter, f"'{source.delimiter}'")
    found_by = {"header": "by its header", "content": "by its content", "option": "as asked"}[source.column_found_by]
    console.print(
        f"Read {source.rows} rows · encoding {source.encoding} · delimiter {delimiter} · "
        f"{'header row' if source.header else 'no header row'} · addresses in column "
        f"'{source.email_column}' ({found_by})",
        highlight=False,
    )
    console.print(Group(_status_table(report), _reason_table(report), _destination_table(report)))
    if report.examples:
        console.print(_examples_table(report))
    if report.corrections:
        console.print(_corrections_table(report))
    for warning in report.warnings:
        console.print(Text.assemble(("Warning: ", "bold yellow"), warning))


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False, title_style="bold")
    for name in columns:
        table.add_column(name, justify="right" if name in ("Rows", "%", "Row") else "left", overflow="fold")
    return table


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}" if whole else "0.0"


def _status_table(report: Report) -> Table:
    table = _table("Addresses by status", "Status", "Rows", "%")
    for status in Status:
        count = report.counts[status.value]
        table.add_row(Text(status.value, style=_STATUS_STYLE[status]), str(count), _percent(count, report.input.rows))
    return table


def _reason_table(report: Report) -> Table:
    table = _table("Reasons", "Reason", "Rows", "What it means")
    for reason in Reason:
        count = report.reasons[reason.code]
        if count:
            table.add_row(reason.code, str(count), reason.title)
    if not table.row_count:
        table.add_row("(none)", "0", "every address passed")
    return table


def _destination_table(report: Report) -> Table:
    table = _table("Where rows went", "Output", "Rows", "%", "File")
    for name, path in report.outputs.items():
        count = report.destinations[name]
        table.add_row(name, str(count), _percent(count, report.input.rows), path)
    return table


def _examples_table(report: Report) -> Table:
    table = _table(f"Examples (up to {EXAMPLES_PER_REASON} per reason)", "Reason", "Row", "Address", "Detail")
    for code, examples in report.examples.items():
        for example in examples:
            table.add_row(code, str(example.row), example.address, example.detail)
    return table


def _corrections_table(report: Report) -> Table:
    table = _table("Corrections", "Row", "Original", "Corrected")
    for correction in report.corrections:
        table.add_row(str(correction.row), correction.original, correction.corrected)
    return table
