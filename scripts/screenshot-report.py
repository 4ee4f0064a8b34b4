"""Render the HTML report of examples/contactos.csv in headless Chromium: docs/report.png for a run
that asked DNS (a DNS server on 127.0.0.1, tests/dns_server.py, that gives every domain a mail
server but the one the example misspells beyond repair), docs/report-offline.png for a run without.

    python scripts/screenshot-report.py

Needs the test extras (Playwright, dnslib) and Chromium (scripts/install-test-deps.sh).
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from playwright.sync_api import sync_playwright

from listcheck import DnsSettings, OutputSettings, Report, check_file
from listcheck.reports.html import render_html

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from dns_server import ZoneResolver, ZoneServer  # the tests' own DNS server, found by the path above

CLIENT = "Academia Excel"
GENERATED = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder, \
            ZoneServer(ZoneResolver("", wildcard_mx=True)) as server:
        source = str(ROOT / "examples" / "contactos.csv")
        output = OutputSettings(out_dir=folder)
        with_dns = check_file(source, dns=DnsSettings(nameservers=(server.address,), cache=False), output=output)
        offline = check_file(source, dns=None, output=output)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"])
            for report, name in ((with_dns, "report.png"), (offline, "report-offline.png")):
                page_path = Path(folder) / "report.html"
                page_path.write_text(render_html(_as_seen(report), client=CLIENT, generated=GENERATED),
                                     encoding="utf-8")
                page = browser.new_page(viewport={"width": 960, "height": 900})
                page.goto(page_path.as_uri())
                page.screenshot(path=str(ROOT / "docs" / name), full_page=True)
                page.close()
                print(ROOT / "docs" / name)
            browser.close()


def _as_seen(report: Report) -> Report:
    """Paths as a user who ran listcheck in the examples folder would see them."""
    return dataclasses.replace(
        report, input=dataclasses.replace(report.input, path="contactos.csv"),
        outputs={name: os.path.basename(path) for name, path in report.outputs.items()})


if __name__ == "__main__":
    main()
