"""The HTML report: one self-contained page (inline CSS, inline SVG charts, no network loads) that
support staff can hand to a client. It reads on a laptop, a phone and on paper."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

from markupsafe import Markup, escape

from listcheck.messages import language, number, percent, rows, say, say_count
from listcheck.reasons import Destination, Reason, Status
from listcheck.reports.report import InputSummary, Report
from listcheck.reports.terminal import delimiter_name

TYPOS_SHOWN = 50  # and as many corrections; all of them are in the rejected file and the JSON report
_STATUS_ORDER = [Status.VALID, Status.RISKY, Status.INVALID, Status.UNKNOWN]
_BAR_WIDTH = 330  # of the reasons chart's 640, for the longest bar


class _Words:
    """The page's words, in the language of the run (messages.py)."""

    _KEYS: ClassVar[dict[str, str]] = {"title": "report.title", "totals": "html.totals", "where": "html.where", "reasons": "html.reasons",
             "reason": "html.reason", "rows_header": "html.rows", "example": "html.example", "empty": "html.empty",
             "row": "report.row", "all_passed": "report.all_passed", "domains": "html.domains",
             "domain": "html.domain", "verdicts": "html.verdicts", "typed": "html.typed",
             "suggested": "html.suggested", "written": "html.written",
             "duplicates_explained": "html.duplicates_explained", "warnings": "html.warnings", "run": "html.run"}

    def __getattr__(self, name: str) -> str:
        return say(self._KEYS[name])

    @staticmethod
    def rows(count: int) -> str:
        return rows(count)

    @staticmethod
    def typos(count: int) -> str:
        return say_count("html.typos", count)

    @staticmethod
    def repairs(count: int) -> str:
        return say_count("report.repairs", count)

    @staticmethod
    def corrections(count: int) -> str:
        return say_count("report.corrections", count)

    @staticmethod
    def duplicates(count: int) -> str:
        return say_count("html.duplicates", count)

    @staticmethod
    def more_in_rejected(count: int) -> str:
        return say_count("html.more_typos", count)


def render_html(report: Report, *, client: str | None = None, generated: datetime | None = None) -> str:
    """The report as one HTML page, every value escaped (addresses come from untrusted files);
    ``client`` names whom it is for, in its title."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    environment = Environment(loader=PackageLoader("listcheck", "templates"), autoescape=select_autoescape(["j2"]),
                              trim_blocks=True, lstrip_blocks=True)
    environment.filters["number"] = number  # counts as the language writes them
    environment.filters["address"] = _breakable
    template = environment.get_template("report.html.j2")
    total = report.input.rows
    return template.render(
        lang=language(), t=_Words(), report=report, client=client, verdict=verdict_sentence(report),
        proves=say(_PROVES[_dns_state(report)]), file_name=os.path.basename(report.input.path) or report.input.path,
        generated=(generated or datetime.now().astimezone()).strftime("%Y-%m-%d %H:%M %Z").strip(),
        statuses=[_Card(status.value, _label(status), report.counts[status.value],
                        percent(report.counts[status.value], total)) for status in _STATUS_ORDER],
        outputs=[_Output(say(f"output.{name}_file"), "valid" if name == "clean" else "invalid",
                         report.destinations[name], percent(report.destinations[name], total),
                         _share(report.destinations[name], total), path)
                 for name, path in report.outputs.items()],
        reasons=_reasons(report),
        domains=[_domain_row(domain.domain, domain.rows, domain.counts) for domain in report.top_domains],
        typos_shown=TYPOS_SHOWN,
        duplicates=report.reasons.get(Reason.DUPLICATE.code, 0),
        duplicates_sentence=say("html.duplicates_explained" if _goes_to(Reason.DUPLICATE, report) is Destination.REJECTED
                                else "html.duplicates_kept"),
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
        rejected = _goes_to(reason, report) is Destination.REJECTED
        # A duplicate takes its first row's status: colour it by where it goes.
        status = reason.status.value if reason.status is not None else ("invalid" if rejected else "risky")
        examples = report.examples.get(reason.code, [])
        bars.append(_ReasonBar(reason.code, reason.title, count, status, round(_BAR_WIDTH * count / largest, 1),
                               say("html.to_rejected" if rejected else "html.kept"),
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
                   f"{_label(status)}: {number(counts[status.value])}") for status in present]
    summary = " · ".join(f"{number(counts[status.value])} {_label(status)}" for status in present)
    return _DomainRow(domain, rows, parts, summary)


def _run_facts(report: Report) -> list[tuple[str, str]]:
    source, policy, output, dns = report.input, report.settings.policy, report.settings.output, report.dns
    facts = [
        (say("html.file"), source.path),
        (say("html.read_as"), _read_as(source)),
        ("DNS", say("html.dns_value", domains=say_count("dns.domains", dns.domains),
                    queries=say_count("dns.queries", dns.queries)) if dns.checked else say("html.dns_off")),
        (say("html.time"), f"{report.elapsed_seconds:.1f} s"),
    ]
    switches = {"strict": policy.strict, "fix_typos": policy.fix_typos, "annotate": output.annotate,
                "safe_formulas": output.safe_formulas}
    chosen = [say(f"html.option.{name}") for name, on in switches.items() if on]
    if policy.reject:
        chosen.append(say("html.always_reject", codes=", ".join(sorted(policy.reject))))
    if policy.keep:
        chosen.append(say("html.always_keep", codes=", ".join(sorted(policy.keep))))
    if policy.suppress:
        chosen.append(say("html.suppression_lists", files=", ".join(policy.suppress)))
    facts.append((say("html.options"), ", ".join(chosen) or say("html.defaults")))
    return facts


def _goes_to(reason: Reason, report: Report) -> Destination:
    """Where this run's options sent the rows with this reason (a duplicate: as a valid row's repeat)."""
    return report.settings.policy.rules.destination(reason.status or Status.VALID, reason)


def verdict_sentence(report: Report) -> str:
    """The report's first sentence, in the client's words: how many can be imported, how many were
    removed and mostly why ("Of 1,240 addresses, 1,180 can be imported; 60 were removed, mostly
    misspelled domains.")."""
    removed = report.destinations["rejected"]
    why = ""
    if removed:
        # Rows per reason among the rejected ones: a reason whose rows stay in the clean file is no "why".
        counts = {reason: report.reasons[reason.code] for reason in Reason
                  if report.reasons[reason.code] and _goes_to(reason, report) is Destination.REJECTED}
        if counts:
            chief = max(counts, key=lambda reason: counts[reason])
            phrase = say(f"html.why.{chief.code}")
            # "mostly" when that reason is more than half of the rows removed, else "most often".
            kind = ("html.verdict_only" if len(counts) == 1 else
                    "html.verdict_mostly" if 2 * counts[chief] > removed else "html.verdict_most_often")
            why = say(kind, phrase=phrase)
    return say("html.verdict", total=say_count("html.verdict_total", report.input.rows),
               imported=say_count("html.verdict_imported", report.destinations["clean"]),
               removed=say_count("html.verdict_removed", removed, why=why) if removed else "")


_PROVES = {"checked": "html.proves_dns", "offline": "html.proves_offline", "untrusted": "html.proves_untrusted"}


def _dns_state(report: Report) -> str:
    if not report.dns.checked:
        return "offline"
    return "checked" if report.dns.resolver_trusted else "untrusted"


def _breakable(text: str) -> Markup:
    """An address that a narrow screen may wrap after its @, its dots and hyphens, never inside a word.

    A run of more than 24 characters with none of them (junk, not an address) may wrap every 24, so
    that it cannot make the page wider than a phone.
    """
    pieces = re.split(r"(?<=[@.\-])", text)
    pieces = [piece[start:start + _LONGEST_PIECE] for piece in pieces for start in range(0, len(piece) or 1,
                                                                                       _LONGEST_PIECE)]
    return Markup("<wbr>".join(str(escape(piece)) for piece in pieces if piece))


_LONGEST_PIECE = 24


def _label(status: Status) -> str:
    return say(f"status.{status.value}")


def _read_as(source: InputSummary) -> str:
    header = say("report.header_row" if source.header else "report.no_header_row")
    if source.sheet:
        return say("html.read_as_sheet", sheet=source.sheet, header=header, column=source.email_column)
    if source.is_parquet:
        return say("html.read_as_parquet", column=source.email_column)
    return say("html.read_as_value", encoding=source.encoding, delimiter=delimiter_name(source.delimiter),
               header=header, column=source.email_column)


def _share(part: int, whole: int) -> float:
    return round(100 * part / whole, 2) if whole else 0.0
