"""The HTML report: this run's numbers in their places, self-contained, every value escaped, and
drawn by a real browser (Debian's Chromium, installed by scripts/install-test-deps.sh) without
errors, on a laptop, a phone and paper."""

import io
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from listcheck.cli import cli, main

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "contactos.csv"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
STATUSES = ["valid", "risky", "invalid", "unknown"]
BAR_WIDTH = 330  # of the reasons chart's 640, for the longest bar (reports/html.py)


class Element:
    """An element of a parsed page: its tag, attributes, children (elements and text) and text."""

    def __init__(self, tag: str, attrs: dict[str, str]) -> None:
        self.tag, self.attrs, self.children = tag, attrs, []

    @property
    def text(self) -> str:
        return "".join(child if isinstance(child, str) else child.text for child in self.children)

    def has_class(self, name: str) -> bool:
        return name in self.attrs.get("class", "").split()

    def all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list["Element"]:
        """Every element under this one with this tag, class and attributes, in document order."""
        found = []
        for child in self.children:
            if isinstance(child, Element):
                if ((tag is None or child.tag == tag) and (cls is None or child.has_class(cls))
                        and all(child.attrs.get(name.replace("_", "-")) == value for name, value in attrs.items())):
                    found.append(child)
                found.extend(child.all(tag, cls, **attrs))
        return found

    def one(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> "Element":
        found = self.all(tag, cls, **attrs)
        assert len(found) == 1, f"{len(found)} <{tag} class={cls} {attrs}> where one was expected"
        return found[0]


class _PageParser(HTMLParser):
    VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                      "wbr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self._open = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: value or "" for name, value in attrs})
        self._open[-1].children.append(element)
        if tag not in self.VOID:
            self._open.append(element)

    def handle_startendtag(self, tag, attrs):
        self._open[-1].children.append(Element(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        assert self._open[-1].tag == tag, f"</{tag}> closes <{self._open[-1].tag}>: the page is not well formed"
        self._open.pop()

    def handle_data(self, data):
        self._open[-1].children.append(data)


def parse(html: str) -> Element:
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    assert parser._open == [parser.root], "an element is never closed"
    return parser.root


def words(text: str) -> str:
    return " ".join(text.split())


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%"


# A list made so that every number differs: 1 to 8 rows per reason, statuses 28/18/10/0.
ROWS = ([f"persona{i}@correo.es" for i in range(12)] + [f"gente{i}@empresa.es" for i in range(8)]
        + [""] + ["sin-arroba.correo.es", "otra-sin-arroba"]
        + ["ana maria@correo.es", "jose..romero@correo.es", "miguel@"]
        + ["x@example.com", "y@example.net", "z@example.org", "w@localhost"]
        + [f"typo{i}@gmial.com" for i in range(5)] + [f"tira{i}@mailinator.com" for i in range(6)]
        + [f"info@rol{i}.es" for i in range(7)] + [f"PERSONA{i}@correo.es" for i in range(8)])
REASONS = {"empty": 1, "missing_at": 2, "syntax": 3, "special_use_domain": 4, "typo_domain": 5, "disposable": 6,
           "role_account": 7, "duplicate": 8}
COUNTS = {"valid": 28, "risky": 18, "invalid": 10, "unknown": 0}
RUNS = [  # (options, rows in the clean file): role mailboxes are kept by default, rejected under --strict
    ([], 27),
    (["--strict"], 20),
]


def checked(folder: Path, source: Path, *options: str) -> tuple[dict, str]:
    """The JSON report and the HTML page of one offline run."""
    json_path, html_path = folder / "report.json", folder / "report.html"
    status = main(["check", str(source), "--no-dns", "-q", "-o", str(folder), "--report-json", str(json_path),
                   "--report-html", str(html_path), *options])
    assert status == 0
    return json.loads(json_path.read_text(encoding="utf-8")), html_path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("options", "clean"), RUNS, ids=["defaults", "strict"])
def test_the_page_shows_this_runs_numbers_in_their_places(tmp_path, options, clean):
    """Each total on its card, each output's rows beside its path, each reason's rows on its row and
    its bar, each domain's rows on its row, each typo on its row: the numbers of this run."""
    source = tmp_path / "lista.csv"
    source.write_text("email,nombre\n" + "".join(f"{row},N{i}\n" for i, row in enumerate(ROWS)), encoding="utf-8")
    report, html = checked(tmp_path, source, *options)
    total = len(ROWS)
    assert report["counts"] == COUNTS and {k: v for k, v in report["reasons"].items() if v} == REASONS
    assert report["destinations"] == {"clean": clean, "rejected": total - clean}
    page = parse(html)

    heading = words(page.one("header").one("p").text)
    assert heading.startswith("lista.csv ·") and re.search(rf"· {total} \w+ ·", heading)

    totals = page.one("section", aria_labelledby="totals")
    for status in STATUSES:
        card = next(card for card in totals.all("div", cls="card") if f"var(--{status})" in card.attrs["style"])
        assert card.one("div", cls="n").text == str(COUNTS[status])
        assert percent(COUNTS[status], total) in card.one("div", cls="label").text

    where = page.one("section", aria_labelledby="where")
    for name, path in report["outputs"].items():
        count = report["destinations"][name]
        entry = next(span for span in where.one("div", cls="legend").children
                     if isinstance(span, Element) and span.one("span", cls="address").text == path)
        assert re.search(rf": {count} \({re.escape(percent(count, total))}\)", words(entry.text)), words(entry.text)
    widths = [float(re.search(r"width: ([\d.]+)%", span.attrs["style"]).group(1))
              for span in where.one("div", cls="bar").all("span")]
    assert widths == [round(100 * report["destinations"][name] / total, 2) for name in report["outputs"]]

    reasons = page.one("section", aria_labelledby="reasons")
    by_count = sorted(REASONS, key=lambda code: -REASONS[code])
    table_rows = reasons.one("tbody").all("tr")
    assert [row.all("span", cls="muted")[0].text.split(" · ")[0] for row in table_rows] == by_count  # most first
    goes_to = {code: row.all("span", cls="muted")[0].text.split(" · ")[1] for row, code in zip(table_rows, by_count)}
    assert len(set(goes_to.values())) == (1 if "--strict" in options else 2)  # kept or rejected, as this run did
    assert (goes_to["role_account"] == goes_to["duplicate"]) == ("--strict" in options)
    for row, code in zip(table_rows, by_count):
        assert row.one("td", cls="num").text == str(REASONS[code])
        example = report["examples"][code][0]
        assert re.search(rf"\b{example['row']} · ", words(row.all("span", cls="muted")[1].text))
    chart = reasons.one("svg")
    assert [text.text for text in chart.all("text")[1::2]] == [str(REASONS[code]) for code in by_count]
    assert [float(rect.attrs["width"]) for rect in chart.all("rect")] == [
        round(BAR_WIDTH * REASONS[code] / max(REASONS.values()), 1) for code in by_count]

    domains = page.one("section", aria_labelledby="domains").one("tbody").all("tr")
    assert [row.one("td", cls="address").text for row in domains] == [d["domain"] for d in report["top_domains"]]
    for row, domain in zip(domains, report["top_domains"]):
        assert row.one("td", cls="num").text == str(domain["rows"])
        shown = [span.attrs["title"].rpartition(": ")[2] for span in row.one("div", cls="bar").all("span")]
        assert shown == [str(domain["counts"][status]) for status in STATUSES if domain["counts"][status]]
    assert report["top_domains"][0] == {"domain": "correo.es", "rows": 20, "reasons": {"duplicate": 8},
                                        "counts": {"valid": 20, "unknown": 0, "risky": 0, "invalid": 0}}

    typos = page.one("section", aria_labelledby="typos")
    assert str(REASONS["typo_domain"]) in typos.one("h2").text
    assert [[cell.text for cell in row.all("td")] for row in typos.one("tbody").all("tr")] == [
        [str(typo["row"]), typo["address"], typo["suggestion"]] for typo in report["typos"]]
    assert len(report["typos"]) == REASONS["typo_domain"]
    repairs = page.one("section", aria_labelledby="repairs")
    assert repairs.one("h2").text == "Broken address with a clear repair (1)"
    assert [[cell.text for cell in row.all("td")] for row in repairs.one("tbody").all("tr")] == [
        [str(repair["row"]), repair["address"], repair["suggestion"]] for repair in report["repairs"]]
    assert [repair["address"] for repair in report["repairs"]] == ["jose..romero@correo.es"]
    duplicates = page.one("section", aria_labelledby="duplicates")
    assert re.search(rf"\b{REASONS['duplicate']}\b", duplicates.one("h2").text)


@pytest.fixture(scope="module")
def example_page(tmp_path_factory):
    """The JSON report and the HTML page of the example list."""
    folder = tmp_path_factory.mktemp("html")
    report, _ = checked(folder, EXAMPLE)
    return report, folder / "report.html"


def test_the_page_holds_what_a_client_needs(example_page):
    """The example's page has its sections, a typo with its suggestion, and says how it was made."""
    report, page = example_page
    html = page.read_text(encoding="utf-8")
    assert "Misspelled domain" in html and "francisco.moreno@empresa.com" in html  # a typo and its suggestion
    assert "Where the rows went" in html and "Domains with the most rows" in html
    assert "gmail.com" in html and "Repeated addresses" in html
    assert f"listcheck {report['version']}" in html and "This check" in html


def test_the_page_loads_nothing_from_the_network(example_page):
    html = example_page[1].read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "<script" not in html and "<link" not in html and "@import" not in html
    assert "<svg" in html and "<style>" in html


def test_addresses_from_the_file_are_escaped(tmp_path):
    source = tmp_path / "hostil.csv"
    source.write_text('email\n"<script>alert(1)</script>@x.com"\n<img src=x onerror=alert(1)>@gmial.com\n',
                      encoding="utf-8")
    _, html = checked(tmp_path, source)
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_the_command_writes_the_page_and_refuses_to_overwrite(tmp_path):
    runner = CliRunner()
    page = tmp_path / "informe.html"
    result = runner.invoke(cli, ["check", str(EXAMPLE), "--no-dns", "-q", "-o", str(tmp_path),
                                 "--report-html", str(page)])
    assert result.exit_code == 0, result.output
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    clash = runner.invoke(cli, ["check", str(EXAMPLE), "--no-dns", "-q", "-o", str(tmp_path),
                                "--report-html", str(tmp_path / "contactos.clean.csv")])
    assert clash.exit_code == 2


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).exists(), "Chromium is missing: run scripts/install-test-deps.sh"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # The flags keep Chromium off the network (this machine's is closed) and out of a sandbox it
        # cannot have as root in a container.
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        yield launched
        launched.close()


def opened_and_watched(browser, path, viewport, media):
    """The page opened in the browser, and what went wrong while it loaded: console errors and
    warnings, page errors, and any request that left the file (a self-contained page makes none)."""
    page = browser.new_page(viewport=viewport)
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("request", lambda request: None if request.url.startswith("file:") else problems.append(request.url))
    page.emulate_media(media=media)
    page.goto(path.as_uri())
    return page, problems


@pytest.mark.parametrize("viewport, media", [({"width": 1280, "height": 800}, "screen"),
                                             ({"width": 375, "height": 740}, "screen"),
                                             ({"width": 800, "height": 1100}, "print")])
def test_a_real_browser_draws_the_page_without_errors(browser, example_page, viewport, media):
    from PIL import Image

    report, path = example_page
    page, problems = opened_and_watched(browser, path, viewport, media)
    assert problems == []
    # The totals as drawn, on the cards, in order.
    assert page.locator("section[aria-labelledby=totals] .card .n").all_inner_texts() == [
        str(report["counts"][status]) for status in STATUSES]
    # The client's verdict and what it proves come first, above the cards, on every screen and on paper.
    verdict = page.locator("#verdict")
    assert words(verdict.inner_text()) == (
        f"Of {report['input']['rows']} addresses, {report['destinations']['clean']} can be imported; "
        f"{report['destinations']['rejected']} were removed, most often addresses written wrong.")
    assert "its domain was not checked" in page.locator(".verdict .proves").inner_text()
    cards = page.locator("section[aria-labelledby=totals]")
    assert verdict.bounding_box()["y"] < cards.bounding_box()["y"]
    assert verdict.is_visible() and page.locator(".verdict .proves").is_visible()
    # Nothing wider than the screen: a phone scrolls down, never sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    shot = Image.open(io.BytesIO(page.screenshot(full_page=True))).convert("RGB")
    colours = shot.getcolors(maxcolors=1 << 20) or []
    assert len(colours) > 50  # text, bars and cards, not a blank page
    assert shot.height > viewport["height"]  # the whole report, longer than one screen
    page.close()


# The client reads the top of the page first: a verdict in their words, and what it proves.
@pytest.mark.parametrize(("rows", "expected"), [
    (["ana@correo.es"] * 1 + ["ana@gmial.com", "luis@gmial.com", "sin-arroba"],
     "Of 4 addresses, 1 can be imported; 3 were removed, mostly misspelled domains."),
    (["ana@correo.es", "luis@correo.es"], "Of 2 addresses, 2 can be imported."),
    (["ana@gmial.com"], "Of 1 address, 0 can be imported; 1 was removed, all misspelled domains."),
])
def test_the_page_opens_with_a_verdict_in_the_clients_words(tmp_path, rows, expected):
    source = tmp_path / "lista.csv"
    source.write_text("email\n" + "".join(f"{row}\n" for row in rows), encoding="utf-8")
    _, html = checked(tmp_path, source)
    page = parse(html)
    first = page.all("section")[0]  # the first section of the page
    assert first.attrs.get("aria-labelledby") == "verdict"
    assert words(first.one("p", id="verdict").text) == expected


def test_the_verdict_is_spanish_in_a_spanish_run(tmp_path):
    source = tmp_path / "lista.csv"
    source.write_text("email\nana@correo.es\nana@gmial.com\nluis@gmial.com\n", encoding="utf-8")
    _, html = checked(tmp_path, source, "--lang", "es")
    assert words(parse(html).one("p", id="verdict").text) == (
        "De 3 direcciones, 1 se puede importar; se quitaron 2, por dominios mal escritos.")


def test_what_valid_proves_is_said_at_the_top_and_the_operators_words_are_not(tmp_path, nxdomain_server):
    source = tmp_path / "lista.csv"
    source.write_text("email\nana@correo.es\n", encoding="utf-8")
    _, offline = checked(tmp_path, source)
    assert "its domain was not checked: this check was made without asking DNS" in words(
        parse(offline).all("section")[0].text)
    html_path = tmp_path / "untrusted.html"
    status = main(["check", str(source), "--nameserver", nxdomain_server.address, "--no-cache", "-q",
                   "-o", str(tmp_path), "--report-html", str(html_path)])
    assert status == 0
    top = words(parse(html_path.read_text(encoding="utf-8")).all("section")[0].text)
    assert "could not look domains up reliably, so no address was removed for its domain" in top
    assert "--nameserver" not in top and "--no-dns" not in top and "resolver" not in top


def test_encodings_and_delimiters_are_not_above_the_fold(example_page):
    page = parse(example_page[1].read_text(encoding="utf-8"))
    top = words(page.one("header").text + " " + page.all("section")[0].text)
    assert "cp1252" not in top and "delimiter" not in top
    assert "cp1252" in words(page.one("section", aria_labelledby="run").text)


LONG_ADDRESSES = ["maria.fernanda.gonzalez.rodriguez@universidad-complutense.es",
                  "jose.antonio.martinez.de.la.fuente@ayuntamiento-de-madrid.es"]


def test_a_phone_wraps_addresses_between_their_parts_never_inside_a_word(browser, tmp_path):
    source = tmp_path / "largas.csv"
    typos = [address.replace(".es", ".con") for address in LONG_ADDRESSES]
    source.write_text("email\n" + "".join(f"{address}\n" for address in LONG_ADDRESSES + typos), encoding="utf-8")
    _, _ = checked(tmp_path, source)
    page = browser.new_page(viewport={"width": 375, "height": 740})
    page.goto((tmp_path / "report.html").as_uri())
    # Each run of text between two break opportunities (<wbr>) is one text node: none may span two lines.
    lines_per_piece = page.evaluate("""() => {
        const found = [];
        for (const element of document.querySelectorAll('.address')) {
            const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const range = document.createRange();
                range.selectNodeContents(node);
                const tops = new Set([...range.getClientRects()].map(rect => Math.round(rect.top)));
                found.push([node.textContent, tops.size, element.getClientRects().length]);
            }
        }
        return found;
    }""")
    assert [piece for piece, lines, _ in lines_per_piece if lines > 1] == []
    # The test has teeth: the long addresses do wrap on a phone (over more than one line).
    wrapped = page.evaluate("""() => [...document.querySelectorAll('td.address')].filter(
        element => element.getBoundingClientRect().height > 2 * parseFloat(getComputedStyle(element).lineHeight)).length""")
    assert wrapped > 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.close()
