"""A huge junk cell (a pasted document, a broken export) is quoted in the reports cut to 200
characters with a mark; the output files keep it whole (CONTRACT.md, Report)."""

import csv
import json
from pathlib import Path

from click.testing import CliRunner

from listcheck.cli import cli
from listcheck.messages import QUOTED_CHARACTERS, shortened

JUNK = ("sin arroba " * 100_000).strip()  # 1.1 MB in one cell, no @ (the address cell is trimmed)


def test_shortened_keeps_short_text_and_marks_a_cut():
    assert shortened("ana@correo.es") == "ana@correo.es"
    cut = shortened("x" * 1000)
    assert len(cut) == QUOTED_CHARACTERS and cut.endswith("… (1,000 characters)")
    assert len(shortened("x" * 201)) == QUOTED_CHARACTERS


def test_reports_quote_a_huge_cell_shortened_and_the_outputs_keep_it_whole(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with open("lista.csv", "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([["email", "nombre"], ["ana@correo.es", "Ana"], [JUNK, "Basura"],
                                      [JUNK.replace("sin arroba", "ana@gmial.com", 1), "Typo"]])
    result = CliRunner().invoke(cli, ["check", "lista.csv", "--no-dns", "--report-json", "r.json",
                                      "--report-html", "r.html"], catch_exceptions=False)
    assert result.exit_code == 0
    assert len(result.stdout) < 5_000, "the terminal report quotes the cell whole"
    report_text = Path("r.json").read_text(encoding="utf-8")
    assert len(report_text) < 10_000 and len(Path("r.html").read_text(encoding="utf-8")) < 60_000
    example = json.loads(report_text)["examples"]["missing_at"][0]
    assert len(example["address"]) <= QUOTED_CHARACTERS and example["address"].endswith(" characters)")
    assert len(example["detail"]) < 2 * QUOTED_CHARACTERS
    csv.field_size_limit(10 * len(JUNK))  # Python's csv refuses a cell this big by default
    with open("lista.rejected.csv", newline="", encoding="utf-8") as handle:
        rejected = list(csv.reader(handle))
    assert rejected[1][0] == JUNK  # the output keeps the cell whole (row 3 of the input)


def test_one_huge_address_is_quoted_shortened():
    result = CliRunner().invoke(cli, ["address", JUNK, "--no-dns"], catch_exceptions=False)
    assert result.exit_code == 1 and len(result.stdout) < 2_000
