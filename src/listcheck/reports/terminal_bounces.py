"""The human report of ``listcheck bounces``, drawn with rich: what was read, the decisions, the
classes and reasons, the domains most affected, and what to do next."""

from __future__ import annotations

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from listcheck.bounces.events import REASON_CLASSES, BounceClass
from listcheck.messages import number, percent, say, say_count
from listcheck.reports.bounce_report import BounceReport

_DECISION_STYLE = {"suppress": "red", "retry": "yellow", "keep": "green"}
CLASS_STYLE = {  # the colour of each class, in every bounce report on a terminal
    "hard": "red", "soft": "yellow", "sender": "magenta", "complaint": "red", "unsubscribe": "red",
    "delivered": "green", "resumed": "cyan"}


def render_bounces(report: BounceReport, console: Console) -> None:
    """Print the whole report."""
    console.print(Text.assemble(("listcheck ", "bold"), report.version, " · ", say("bounces.title")))
    sources = say_count("bounces.sources", len(report.sources))
    console.print(say_count("bounces.read", report.events, sources=sources,
                            addresses=say_count("bounces.addresses", report.addresses),
                            as_of=report.as_of.date().isoformat()), highlight=False)
    console.print()
    console.print(_decisions(report))
    console.print()
    if report.events:
        console.print(_reasons(report))
        console.print()
    if report.top_domains:
        console.print(_domains(report))
        console.print()
    _what_to_do(report, console)
    console.print(say("bounces.written", bounces=report.outputs["bounces"], events=report.outputs["events"]),
                  highlight=False)
    for warning in report.warnings:
        console.print(Text.assemble((say("report.warning"), "bold yellow"), warning.message))


def _decisions(report: BounceReport) -> Table:
    table = Table(title=None, show_edge=False, pad_edge=False)
    table.add_column(say("bounces.column.decision"))
    table.add_column(say("bounces.column.addresses"), justify="right")
    table.add_column(say("bounces.column.share"), justify="right")
    for decision, count in report.decisions.items():
        table.add_row(Text(say(f"bounce.decision.{decision}"), style=_DECISION_STYLE[decision]), number(count),
                      percent(count, report.addresses))
    return table


def _reasons(report: BounceReport) -> Table:
    """Events per class and reason, the classes in the contract's order, empty reasons left out."""
    table = Table(show_edge=False, pad_edge=False)
    table.add_column(say("bounces.column.class"))
    table.add_column(say("bounces.column.reason"))
    table.add_column(say("bounces.column.events"), justify="right")
    for bounce_class in BounceClass:
        reasons = [(code, report.reasons[code]) for code, owner in REASON_CLASSES.items()
                   if owner is bounce_class and report.reasons[code]]
        for position, (code, count) in enumerate(sorted(reasons, key=lambda item: -item[1])):
            title = say(f"bounce.class.{bounce_class.value}") if position == 0 else ""
            table.add_row(Text(title, style=CLASS_STYLE[bounce_class.value]), code, number(count))
    return table


def _domains(report: BounceReport) -> Table:
    table = Table(title=say("bounces.domains"), title_justify="left", show_edge=False, pad_edge=False)
    table.add_column(say("bounces.column.domain"))
    for decision in report.decisions:
        table.add_column(say(f"bounce.decision.{decision}"), justify="right")
    for domain in report.top_domains:
        table.add_row(domain.domain, *(number(domain.decisions[decision]) for decision in report.decisions))
    return table


def _what_to_do(report: BounceReport, console: Console) -> None:
    """Dead addresses to suppress, soft ones to mail later, and the sender's own problems, named."""
    console.print(Text(say("bounces.todo"), style="bold"))
    lines = []
    if report.decisions["suppress"]:
        lines.append(say_count("bounces.todo.suppress", report.decisions["suppress"],
                               bounces=report.outputs["bounces"]))
    if report.decisions["retry"]:
        lines.append(say_count("bounces.todo.retry", report.decisions["retry"], limit=report.rules.soft_limit,
                               days=say_count("bounce.days", report.rules.soft_days)))
    sender = report.classes[BounceClass.SENDER.value]
    if sender:
        lines.append(say_count("bounces.todo.sender", sender))
    for line in lines or [say("bounces.nothing")]:
        console.print(Padding(Text("• " + line), (0, 0, 0, 2)))
    for reason, count in report.reasons.items():
        if count and REASON_CLASSES[reason] is BounceClass.SENDER:
            console.print(Padding(Text(say(f"bounces.sender.{reason}")), (0, 0, 0, 4)))
            if reason in report.examples:
                console.print(Padding(Text(say("bounces.example", text=report.examples[reason]), style="dim"),
                                      (0, 0, 0, 6)))
    console.print()
