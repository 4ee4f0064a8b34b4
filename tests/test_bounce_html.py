"""The bounces' HTML page: a history's weeks, decisions, suppressed addresses and the sender's own
problems in their places, every value escaped, in the run's language, and drawn by a real browser
(the check report's, tests/test_html_report.py) without errors on a laptop, a phone and paper."""

import io
import re
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from listcheck.bounce_check import check_bounces
from listcheck.bounces.decide import DecisionRules
from listcheck.bounces.events import REASON_CLASSES, BounceEvent
from listcheck.bounces.history import HistoryStore
from listcheck.messages import speaking
from listcheck.reports import bounce_report
from listcheck.reports.bounce_html import render_bounce_html

from tests import test_html_report as check_page
from tests.test_html_report import parse, words

browser = check_page.browser  # the check report's Chromium, which fails loudly when it is missing

AS_OF = DecisionRules(as_of=datetime(2026, 11, 2, 12, tzinfo=UTC))
CLASSES = ["hard", "soft", "sender", "complaint", "unsubscribe", "delivered"]


def event(address: str, when: datetime, reason: str, diagnostic: str = "", code: str = "") -> BounceEvent:
    return BounceEvent(source="test.eml", address=address, date=when, bounce_class=REASON_CLASSES[reason],
                       reason=reason, status_code=code, diagnostic=diagnostic)


def day(month: int, date: int, hour: int = 10) -> datetime:
    return datetime(2026, month, date, hour, tzinfo=UTC)


EVENTS = [
    event("ana@correo.es", day(10, 6), "user_unknown", "550 5.1.1 no such user", "5.1.1"),
    event("luis@correo.es", day(10, 7), "mailbox_full", "452 4.2.2 mailbox full", "4.2.2"),
    # Sunday 23:30 at UTC-2 is Monday in UTC: the week of 12 October.
    event("rosa@empresa.es", datetime(2026, 10, 11, 23, 30, tzinfo=timezone(timedelta(hours=-2))), "mailbox_full"),
    event("luis@correo.es", day(10, 13), "mailbox_full", "452 4.2.2 mailbox full", "4.2.2"),
    event("pepa@empresa.es", day(10, 14), "blocked", "550 5.7.1 rejected: listed at a blocklist", "5.7.1"),
    event("eva@correo.es", day(10, 15), "complaint"),
    # No event in the week of 19 October: it is drawn empty.
    event("pepa@empresa.es", day(10, 26), "auth_failure", "550 5.7.26 DMARC policy failed", "5.7.26"),
    event("luis@correo.es", day(10, 27), "mailbox_full", "452 4.2.2 mailbox full", "4.2.2"),
    event("maria@correo.es", day(10, 28), "delivered"),
    event("juan@empresa.es", day(10, 29), "unsubscribed"),
    event("luis@correo.es", day(10, 30), "mailbox_full", "452 4.2.2 mailbox full", "4.2.2"),
]
WEEKS = {  # Monday: events per class
    "2026-10-05": {"hard": 1, "soft": 1},
    "2026-10-12": {"soft": 2, "sender": 1, "complaint": 1},
    "2026-10-19": {},
    "2026-10-26": {"soft": 2, "sender": 1, "delivered": 1, "unsubscribe": 1},
}
SUPPRESSED = {"ana@correo.es": "user_unknown", "luis@correo.es": "repeated_soft_bounces",
              "eva@correo.es": "complaint", "juan@empresa.es": "unsubscribed"}
DECISIONS = {"suppress": 4, "retry": 1, "keep": 2}


def run(folder: Path, events: list[BounceEvent], lang: str = "en", client: str | None = None):
    """The report and page of a run over a history holding ``events`` and no new source."""
    history = folder / "history.sqlite"
    with HistoryStore.open(history) as store:
        store.add(events)
    with speaking(lang):
        report = check_bounces([], history=str(history), out_dir=str(folder), rules=AS_OF)
        return report, render_bounce_html(report, client=client)


def test_the_report_counts_events_per_week_in_utc(tmp_path):
    report, _ = run(tmp_path, EVENTS)
    assert [week.week.isoformat() for week in report.weeks] == [w for w, c in WEEKS.items() if c]
    assert report.to_dict()["weeks"] == [{"week": w, **{c: counts.get(c, 0) for c in CLASSES}}
                                         for w, counts in WEEKS.items() if counts]
    assert report.undated == 0 and report.decisions == DECISIONS
    assert {row.address: row.reason for row in report.suppressed} == SUPPRESSED


def test_the_page_shows_this_runs_numbers_in_their_places(tmp_path):
    report, html = run(tmp_path, EVENTS, client="Panadería Lola")
    page = parse(html)
    assert words(page.one("h1").text) == "Bounce health · Panadería Lola"
    assert words(page.one("p", id="verdict").text) == (
        "Of 7 addresses that bounced, 4 must not be mailed again; 2 refusals are the sender's own problem to fix.")

    weeks = page.one("section", aria_labelledby="weeks")
    drawn = {g.attrs["data-week"]: {rect.attrs["data-class"]: int(rect.attrs["data-count"]) for rect in g.all("rect")}
             for g in weeks.one("svg").all("g", cls="week")}
    assert drawn == WEEKS  # every week from the first to the last, the empty one included
    heights = {(g.attrs["data-week"], r.attrs["data-class"]): float(r.attrs["height"])
               for g in weeks.one("svg").all("g", cls="week") for r in g.all("rect")}
    assert heights[("2026-10-26", "soft")] == pytest.approx(2 * heights[("2026-10-05", "soft")], abs=0.02)
    assert sum(h for (w, _), h in heights.items() if w == "2026-10-26") == pytest.approx(200, abs=0.05)
    legend = {span.attrs["data-class"]: span.text.rpartition(": ")[2]
              for span in weeks.one("div", cls="legend").all("span") if "data-class" in span.attrs}
    assert legend == {c: str(sum(counts.get(c, 0) for counts in WEEKS.values())) for c in CLASSES}
    table = {row.attrs["data-week"]: {cell.attrs["data-class"]: int(cell.text) for cell in row.all("td")
                                      if "data-class" in cell.attrs}
             for row in weeks.one("table").one("tbody").all("tr")}
    assert table == {w: {c: counts.get(c, 0) for c in CLASSES} for w, counts in WEEKS.items() if counts}

    decisions = page.one("section", aria_labelledby="decisions")
    assert {card.attrs["data-decision"]: int(card.one("div", cls="n").text)
            for card in decisions.all("div", cls="card")} == DECISIONS

    suppressed = page.one("section", aria_labelledby="suppressed")
    rows = suppressed.one("tbody").all("tr")
    assert {row.one("td", cls="address").text: row.one("td", cls="reason").text for row in rows} == SUPPRESSED
    luis = next(row for row in rows if row.one("td", cls="address").text == "luis@correo.es")
    assert luis.one("td", cls="last-seen").text == "2026-10-30"
    assert "4 soft bounces since the last delivery" in luis.one("span", cls="detail").text
    assert "4.2.2 mailbox full" in luis.one("span", cls="words").text
    assert suppressed.all("p", cls="more") == []

    sender = page.one("section", aria_labelledby="sender")
    problems = {div.attrs["data-reason"]: div for div in sender.all("div", cls="problem")}
    assert set(problems) == {"blocked", "auth_failure"}
    assert problems["blocked"].one("span", cls="events").text == "1 event"
    assert problems["auth_failure"].one("span", cls="kept").text == "1 address kept"  # pepa's last refusal was DMARC
    assert problems["blocked"].one("p", cls="meaning").text.startswith("Blocked: the receiving servers distrust")
    assert "listed at a blocklist" in problems["blocked"].one("p", cls="example").text

    domains = page.one("section", aria_labelledby="domains").one("tbody").all("tr")
    assert domains[0].one("td", cls="address").text == "correo.es"
    assert domains[0].one("td", data_decision="suppress").text == "3"
    run_facts = words(page.one("section", aria_labelledby="run").text)
    assert "2026-11-02T12:00+00:00" in run_facts and f"listcheck {report.version}" in run_facts
    assert "3 soft bounces at least 14 days apart" in run_facts


def test_the_suppressed_list_is_bounded_and_says_how_many_more(tmp_path, monkeypatch):
    monkeypatch.setattr(bounce_report, "SUPPRESSED_KEPT", 2)
    report, html = run(tmp_path, EVENTS)
    assert len(report.suppressed) == 2 and report.decisions["suppress"] == 4
    section = parse(html).one("section", aria_labelledby="suppressed")
    assert len(section.one("tbody").all("tr")) == 2
    assert words(section.one("p", cls="more").text) == "2 more addresses are in bounces.csv."


def test_old_and_undated_events_are_counted_in_notes(tmp_path):
    old = event("viejo@correo.es", day(1, 5) - timedelta(days=400), "user_unknown")
    undated = BounceEvent(source="x", address="sin@correo.es", date=None, bounce_class=REASON_CLASSES["policy"],
                          reason="policy", status_code="", diagnostic="")
    report, html = run(tmp_path, [*EVENTS, old, undated])
    assert report.undated == 1
    weeks = parse(html).one("section", aria_labelledby="weeks")
    assert len(weeks.one("svg").all("g", cls="week")) == 53
    notes = [words(p.text) for p in weeks.all("p", cls="note")]
    assert notes == ["1 event before 2025-10-27 is not drawn.", "1 event has no date and is in no week."]


def test_hostile_addresses_and_servers_words_are_escaped(tmp_path):
    hostile = [event("<script>alert(1)</script>@x.com", day(10, 6), "user_unknown", "<script>alert(2)</script>"),
               event("pepa@empresa.es", day(10, 7), "blocked", "550 <img src=x onerror=alert(3)>")]
    _, html = run(tmp_path, hostile, client="<b>Cliente</b>")
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html and "&lt;img src=x onerror=alert(3)&gt;" in html
    assert "&lt;b&gt;Cliente&lt;/b&gt;" in html
    page = parse(html)
    assert page.one("section", aria_labelledby="suppressed").one("td", cls="address").text == (
        "<script>alert(1)</script>@x.com")


def test_the_page_is_spanish_in_a_spanish_run(tmp_path):
    _, html = run(tmp_path, EVENTS, lang="es")
    page = parse(html)
    assert page.one("html").attrs["lang"] == "es"
    assert words(page.one("p", id="verdict").text) == (
        "De 7 direcciones que rebotaron, 4 no deben volver a recibir correo; 2 rechazos son un problema del "
        "propio remitente, que debe corregir.")
    assert words(page.one("h2", id="weeks").text) == "Eventos por semana"
    assert "Bloqueo: los servidores de destino" in html and "Suprimir" in html
    assert "Bounce" not in html.replace("listcheck", "")


def test_a_run_with_nothing_says_so(tmp_path):
    _, html = run(tmp_path, [])
    page = parse(html)
    assert words(page.one("p", id="verdict").text) == "No bounce to act on."
    assert "No event has a date to draw." in html and "No address is suppressed." in html


def test_the_page_loads_nothing_from_the_network(tmp_path):
    _, html = run(tmp_path, EVENTS)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "<script" not in html and "<link" not in html and "@import" not in html
    assert "<svg" in html and "<style>" in html


@pytest.fixture(scope="module")
def bounce_page(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bounce-html")
    long = [event(f"maria.fernanda.gonzalez.rodriguez{i}@universidad-complutense-de-madrid.es", day(10, 20 + i),
                  "user_unknown", "550 5.1.1 " + "x" * 300) for i in range(3)]
    report, html = run(folder, [*EVENTS, *long], client="Panadería Lola")
    path = folder / "bounces.html"
    path.write_text(html, encoding="utf-8")
    return report, path


@pytest.mark.parametrize("viewport, media", [({"width": 1280, "height": 800}, "screen"),
                                             ({"width": 375, "height": 740}, "screen"),
                                             ({"width": 800, "height": 1100}, "print")])
def test_a_real_browser_draws_the_page_without_errors(browser, bounce_page, viewport, media):
    from PIL import Image

    report, path = bounce_page
    page, problems = check_page.opened_and_watched(browser, path, viewport, media)
    assert problems == []
    assert page.locator("section[aria-labelledby=decisions] .card .n").all_inner_texts() == [
        str(count) for count in report.decisions.values()]
    assert page.locator("#verdict").is_visible()
    chart = page.locator("section[aria-labelledby=weeks] svg")
    assert chart.is_visible() and chart.bounding_box()["width"] <= viewport["width"]
    assert page.locator("svg g.week rect").count() == sum(len(c) for c in WEEKS.values()) + 1  # + the long ones, hard, in the week of 19 October
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    shot = Image.open(io.BytesIO(page.screenshot(full_page=True))).convert("RGB")
    colours = shot.getcolors(maxcolors=1 << 20) or []
    assert len(colours) > 50  # text, bars and cards, not a blank page
    assert shot.height > viewport["height"]
    page.close()
