"""The HTML report of ``listcheck bounces``: the sender's bounce health over time, on one
self-contained page (inline CSS, an inline SVG chart, no network loads), like the check's
(``reports.html``). It reads on a laptop, a phone and on paper."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from listcheck.bounces.events import REASON_CLASSES, BounceClass
from listcheck.messages import language, number, percent, say, say_count
from listcheck.reports.bounce_report import WEEK_CLASSES, BounceReport, WeekCount
from listcheck.reports.html import _breakable

CHART_WEEKS = 53  # a year of weeks, the last one with an event at the right; earlier ones are counted in a note
_LEFT, _RIGHT, _TOP, _BOTTOM = 44.0, 632.0, 12.0, 212.0  # the plot inside the chart's 640 × 240
_MOST_LABELS = 8  # week labels under the bars, so that they never overlap
_DECISION_COLOUR = {"suppress": "hard", "retry": "soft", "keep": "delivered"}


@dataclass(frozen=True)
class _Bar:
    bounce_class: str
    label: str
    count: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class _Week:
    week: str  # its Monday, ISO
    counts: dict[str, int]
    total: int
    bars: list[_Bar]
    centre: float
    labelled: bool


@dataclass(frozen=True)
class _Chart:
    weeks: list[_Week]
    largest: int
    notes: list[str]


@dataclass(frozen=True)
class _Legend:
    bounce_class: str
    label: str
    count: int


@dataclass(frozen=True)
class _DecisionCard:
    decision: str
    colour: str
    label: str
    count: int
    percent: str


@dataclass(frozen=True)
class _SenderProblem:
    reason: str
    events: int
    kept: int
    meaning: str
    example: str


def render_bounce_html(report: BounceReport, *, client: str | None = None,
                       generated: datetime | None = None) -> str:
    """The report as one HTML page in the run's language, every value escaped (addresses and the
    servers' words come from untrusted mail); ``client`` names whom it is for, in its title."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    environment = Environment(loader=PackageLoader("listcheck", "templates"), autoescape=select_autoescape(["j2"]),
                              trim_blocks=True, lstrip_blocks=True)
    environment.filters["number"] = number
    environment.filters["address"] = _breakable
    template = environment.get_template("bounce_report.html.j2")
    return template.render(
        lang=language(), say=say, say_count=say_count, report=report, client=client, verdict=verdict_sentence(report),
        generated=(generated or datetime.now().astimezone()).strftime("%Y-%m-%d %H:%M %Z").strip(),
        chart=weekly_chart(report.weeks, report.undated),
        legend=[_Legend(name, say(f"bounce.class.{name}"), report.classes[name]) for name in WEEK_CLASSES],
        decisions=[_DecisionCard(decision, _DECISION_COLOUR[decision], say(f"bounce.decision.{decision}"), count,
                                 percent(count, report.addresses)) for decision, count in report.decisions.items()],
        more_suppressed=_more_suppressed(report),
        sender=_sender_problems(report),
        domain_columns=[(decision, say(f"bounce.decision.{decision}")) for decision in report.decisions],
        run_facts=_run_facts(report),
    )


def verdict_sentence(report: BounceReport) -> str:
    """The page's first sentence: "Of 120 addresses that bounced, 35 must not be mailed again; 8
    refusals are the sender's own problem to fix." """
    if not report.addresses:
        return say("bounces.nothing")
    sender = report.classes[BounceClass.SENDER.value]
    return say("bounces.html.verdict", total=say_count("bounces.html.verdict_total", report.addresses),
               suppressed=say_count("bounces.html.verdict_suppressed", report.decisions["suppress"]),
               sender=say_count("bounces.html.verdict_sender", sender) if sender else "")


def weekly_chart(weeks: list[WeekCount], undated: int = 0) -> _Chart:
    """The stacked bars of the last ``CHART_WEEKS`` weeks up to the last one with an event, a week
    without events drawn empty, with notes of the events left out of it."""
    if not weeks:
        return _Chart([], 0, [say_count("bounces.html.undated", undated)] if undated else [])
    last = weeks[-1].week
    first = max(weeks[0].week, last - timedelta(weeks=CHART_WEEKS - 1))
    counted = {week.week: week.counts for week in weeks}
    days = [first + timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]
    empty = dict.fromkeys(WEEK_CLASSES, 0)
    largest = max(sum(counted.get(day, empty).values()) for day in days) or 1
    slot = (_RIGHT - _LEFT) / len(days)
    every = -(-len(days) // _MOST_LABELS)
    drawn = [_week(day, counted.get(day, empty), _LEFT + i * slot, slot, largest, labelled=i % every == 0)
             for i, day in enumerate(days)]
    notes = []
    earlier = sum(week.total for week in weeks if week.week < first)
    if earlier:
        notes.append(say_count("bounces.html.earlier", earlier, date=first.isoformat()))
    if undated:
        notes.append(say_count("bounces.html.undated", undated))
    return _Chart(drawn, largest, notes)


def _week(day: date, counts: dict[str, int], left: float, slot: float, largest: int, *, labelled: bool) -> _Week:
    bars, bottom = [], _BOTTOM
    width = round(max(slot * 0.8, 1.0), 2)
    for name in WEEK_CLASSES:
        if counts[name]:
            height = (_BOTTOM - _TOP) * counts[name] / largest
            bottom -= height
            bars.append(_Bar(name, say(f"bounce.class.{name}"), counts[name], round(left + slot * 0.1, 2),
                             round(bottom, 2), width, round(height, 2)))
    return _Week(day.isoformat(), dict(counts), sum(counts.values()), bars, round(left + slot / 2, 2), labelled)


def _sender_problems(report: BounceReport) -> list[_SenderProblem]:
    """Each sender reason this run saw, most events first: what it means, what to do, an example."""
    found = [code for code, owner in REASON_CLASSES.items() if owner is BounceClass.SENDER and report.reasons[code]]
    return [_SenderProblem(code, report.reasons[code], report.sender_problems.get(code, 0),
                           say(f"bounces.sender.{code}"),
                           say("bounces.example", text=report.examples[code]) if code in report.examples else "")
            for code in sorted(found, key=lambda code: -report.reasons[code])]


def _more_suppressed(report: BounceReport) -> str:
    more = report.decisions["suppress"] - len(report.suppressed)
    if more <= 0:
        return ""
    return say_count("bounces.html.more_suppressed", more,
                     bounces=os.path.basename(report.outputs.get("bounces", "")) or "bounces.csv")


def _run_facts(report: BounceReport) -> list[tuple[str, str]]:
    sources = ", ".join(f"{source.path} ({say_count('bounces.html.events', source.events)})"
                        for source in report.sources)
    return [
        (say("bounces.html.sources"), sources or say("bounces.html.history")),
        (say("bounces.html.as_of"), report.as_of.isoformat(timespec="minutes")),
        (say("bounces.html.rules"), say("bounces.html.rules_value", limit=report.rules.soft_limit,
                                        days=say_count("bounce.days", report.rules.soft_days))),
        (say("html.time"), f"{report.elapsed_seconds:.1f} s"),
        (say("bounces.html.version"), f"listcheck {report.version}"),
    ]
