"""The human report of ``listcheck resume``, drawn with rich: for each address its events as a small
table, then the answer in colour and the sentence that says why, and the lift when one was recorded."""

from __future__ import annotations

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from listcheck.bounces.events import BounceEvent
from listcheck.messages import say
from listcheck.reports.terminal_bounces import CLASS_STYLE
from listcheck.resume_check import Answer, Lift, ResumeAnswer, ResumeReport

_ANSWER_STYLE = {Answer.YES: "bold green", Answer.NO: "bold red", Answer.UNKNOWN: "bold yellow"}
_LIFT_STYLE = {Lift.LIFTED: "cyan", Lift.NOT_NEEDED: "dim", Lift.REFUSED: "yellow"}
# The server's words in the table: enough to recognise the reply; the JSON report keeps more.
WORDS_SHOWN = 60
_INDENT = (0, 0, 0, 2)


def render_resume(report: ResumeReport, console: Console) -> None:
    """Print every answer, in the order the addresses were given, then the run's warnings."""
    console.print(Text.assemble(("listcheck ", "bold"), report.version, " · ", say("resume.title"), " · ",
                                say("resume.as_of", as_of=report.as_of.date().isoformat())))
    console.print()
    for answer in report.answers:
        _address(answer, console)
        console.print()
    if not report.dns.checked and any(answer.why == "dns_off" for answer in report.answers):
        console.print(say("resume.dns_off"), style="dim", highlight=False)
    for warning in report.warnings:
        console.print(Text.assemble((say("report.warning"), "bold yellow"), warning.message))


def _address(answer: ResumeAnswer, console: Console) -> None:
    heading = Text(answer.address, style="bold")
    if answer.decision is not None:
        heading.append(" · " + say(f"bounce.decision.{answer.decision.decision.value}"), style="dim")
    console.print(heading)
    if answer.decision is not None:
        if answer.events:
            console.print(Padding(_events(answer.events), _INDENT))
        else:
            console.print(Padding(Text(say("resume.no_events"), style="dim"), _INDENT))
    console.print(Padding(Text.assemble((say(f"resume.answer.{answer.answer.value}"), _ANSWER_STYLE[answer.answer]),
                                        " · ", answer.sentence), _INDENT))
    if answer.lift is not None:
        console.print(Padding(Text(answer.lift_sentence, style=_LIFT_STYLE[answer.lift]), _INDENT))


def _events(events: tuple[BounceEvent, ...]) -> Table:
    """Date, class, reason, code and the server's words (a resume event's note), shortened."""
    table = Table(show_edge=False, pad_edge=False, box=None, header_style="dim")
    table.add_column(say("resume.column.date"), no_wrap=True)
    table.add_column(say("bounces.column.class"), no_wrap=True)
    table.add_column(say("bounces.column.reason"), no_wrap=True)
    table.add_column(say("resume.column.code"), no_wrap=True)
    table.add_column(say("resume.column.words"), overflow="fold")
    for event in events:
        kind = event.bounce_class.value
        table.add_row(event.date.date().isoformat() if event.date else "",
                      Text(say(f"bounce.class.{kind}"), style=CLASS_STYLE[kind]), event.reason, event.status_code,
                      _shortened(event.diagnostic))
    return table


def _shortened(words: str, limit: int = WORDS_SHOWN) -> str:
    """The server's words cut at ``limit`` characters, with an ellipsis that says so.

    >>> _shortened("550 5.1.1 <ana@example.es>: Recipient address rejected: User unknown in virtual table", 40)
    '550 5.1.1 <ana@example.es>: Recipient a…'
    """
    return words if len(words) <= limit else words[: limit - 1] + "…"
