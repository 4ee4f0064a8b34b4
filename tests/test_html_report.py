"""The HTML report: self-contained, every value escaped, and drawn by a real browser (Debian's
Chromium, installed by scripts/install-test-deps.sh) without errors, on a laptop, a phone and paper."""

import io
import re
import shutil
from pathlib import Path

import pytest

from listcheck import check_file
from listcheck.cli import cli
from listcheck.reports.html import render_html

from click.testing import CliRunner

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "contactos.csv"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def example_report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("html")
    report = check_file(str(EXAMPLE), dns=False, out_dir=str(folder))
    page = folder / "report.html"
    page.write_text(render_html(report), encoding="utf-8")
    return report, page


def test_the_page_holds_what_a_client_needs(example_report):
    report, page = example_report
    html = page.read_text(encoding="utf-8")
    for status in ("valid", "risky", "invalid", "unknown"):
        assert f"{report.counts[status]}" in html
    assert "Misspelled domain" in html and "francisco.moreno@empresa.com" in html  # a typo and its suggestion
    assert "Where the rows went" in html and "Domains with the most rows" in html
    assert "gmail.com" in html and "Repeated addresses" in html
    assert f"listcheck {report.version}" in html and "This check" in html


def test_the_page_loads_nothing_from_the_network(example_report):
    html = example_report[1].read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "<script" not in html and "<link" not in html and "@import" not in html
    assert "<svg" in html and "<style>" in html


def test_addresses_from_the_file_are_escaped(tmp_path):
    source = tmp_path / "hostil.csv"
    source.write_text('email\n"<script>alert(1)</script>@x.com"\n<img src=x onerror=alert(1)>@gmial.com\n',
                      encoding="utf-8")
    report = check_file(str(source), dns=False, out_dir=str(tmp_path))
    html = render_html(report)
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


@pytest.mark.parametrize("viewport, media", [({"width": 1280, "height": 800}, "screen"),
                                             ({"width": 375, "height": 740}, "screen"),
                                             ({"width": 800, "height": 1100}, "print")])
def test_a_real_browser_draws_the_page_without_errors(browser, example_report, viewport, media):
    from PIL import Image

    page = browser.new_page(viewport=viewport)
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("request", lambda request: None if request.url.startswith("file:") else problems.append(request.url))
    page.emulate_media(media=media)
    page.goto(example_report[1].as_uri())
    assert problems == []
    # Nothing wider than the screen: a phone scrolls down, never sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    shot = Image.open(io.BytesIO(page.screenshot(full_page=True))).convert("RGB")
    colours = shot.getcolors(maxcolors=1 << 20) or []
    assert len(colours) > 50  # text, bars and cards, not a blank page
    assert shot.height > viewport["height"]  # the whole report, longer than one screen
    page.close()
