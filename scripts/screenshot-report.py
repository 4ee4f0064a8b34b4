"""Render the HTML report of examples/contactos.csv in headless Chromium and save docs/report.png.

    python scripts/screenshot-report.py

Needs the test extras (Playwright) and Chromium (scripts/install-test-deps.sh).
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from playwright.sync_api import sync_playwright

from listcheck import check_file
from listcheck.reports.html import render_html
from listcheck.settings import OutputSettings

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        report = check_file(str(ROOT / "examples" / "contactos.csv"), dns=None, output=OutputSettings(out_dir=folder))
        # Paths as a user who ran it in the examples folder would see them.
        report = dataclasses.replace(
            report, input=dataclasses.replace(report.input, path="contactos.csv"),
            outputs={name: os.path.basename(path) for name, path in report.outputs.items()})
        page_path = Path(folder) / "report.html"
        page_path.write_text(render_html(report, generated=datetime(2026, 11, 27, 9, 30, tzinfo=UTC)),
                             encoding="utf-8")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"])
            page = browser.new_page(viewport={"width": 960, "height": 900})
            page.goto(page_path.as_uri())
            page.screenshot(path=str(ROOT / "docs" / "report.png"), full_page=True)
            browser.close()
    print(ROOT / "docs" / "report.png")


if __name__ == "__main__":
    main()
