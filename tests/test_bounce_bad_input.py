"""``listcheck bounces`` on what goes wrong in real folders: its own outputs beside the sources, a
source that is the run's own output, odd bytes and dates, FIFOs, mbox corners, and a bounces.csv saved
again by a spreadsheet (each found by a review, kept here so it stays fixed)."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from listcheck.cli import cli

from tests.test_bounce_command import FULL, USER_UNKNOWN, dsn


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def mbox(*messages: str) -> str:
    return "".join(f"From MAILER-DAEMON Fri Nov 20 10:00:00 2026\n{message}\n" for message in messages)


@pytest.mark.parametrize("output", ["--report-json", "-o"])
def test_a_source_is_never_overwritten(tmp_path: Path, output: str) -> None:
    source = tmp_path / ("events.csv" if output == "-o" else "rebotes.json")
    source.write_text('[{"email": "ana@correo-ejemplo.es", "event": "bounce", "reason": "550 5.1.1 unknown"}]')
    before = source.read_bytes()
    status, _, err = run("bounces", str(source), output, str(source) if output != "-o" else str(tmp_path), "-q")
    assert status == 2 and "Error" in err
    assert source.read_bytes() == before


def test_a_folder_read_twice_reads_its_own_outputs_not(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "1.eml").write_text(dsn(FULL, date="Mon, 02 Nov 2026 10:00:00 +0000"))
    (tmp_path / "2.eml").write_text(dsn(FULL, date="Fri, 20 Nov 2026 10:00:00 +0000"))
    monkeypatch.chdir(tmp_path)
    for _ in range(2):
        assert run("bounces", ".", "-q", "--as-of", "2026-12-01")[0] == 0
        assert [(r["decision"], r["events"]) for r in rows(tmp_path / "bounces.csv")] == [("retry", "2")]
    assert [e["source"] for e in rows(tmp_path / "events.csv")] == ["./1.eml", "./2.eml"]


def test_bounces_csv_given_back_to_bounces_is_refused_with_why(tmp_path: Path) -> None:
    (tmp_path / "r.eml").write_text(dsn(USER_UNKNOWN))
    run("bounces", str(tmp_path / "r.eml"), "-o", str(tmp_path / "first"), "-q")
    status, _, err = run("bounces", str(tmp_path / "first" / "bounces.csv"), "-o", str(tmp_path / "second"))
    assert status == 3 and "it is a bounces.csv, decisions already made: give it to check --suppress" in err


def test_bytes_that_are_not_text_and_dates_out_of_range_are_no_traceback(tmp_path: Path) -> None:
    export = tmp_path / "rebotes.json"
    export.write_text('[{"email": "ana@correo-ejemplo.es", "event": "bounce", "reason": "550 5.1.1 caf\\udcff"}]')
    late = tmp_path / "late.eml"
    late.write_text(dsn(USER_UNKNOWN, date="Fri, 31 Dec 9999 23:30:00 -0100"))
    status, out, _ = run("bounces", str(export), str(late), "-o", str(tmp_path), "--report-json", "-")
    assert status == 0 and json.loads(out)["events"] == 2
    events = rows(tmp_path / "events.csv")
    assert "\ufffd" in events[0]["diagnostic"] and events[1]["date"] == ""


def test_a_fifo_in_a_folder_is_skipped_and_named(tmp_path: Path) -> None:
    folder = tmp_path / "rebotes"
    folder.mkdir()
    (folder / "r.eml").write_text(dsn(USER_UNKNOWN))
    os.mkfifo(folder / "tuberia.eml")
    status, out, _ = run("bounces", str(folder), "-o", str(tmp_path), "--report-json", "-")
    report = json.loads(out)
    assert status == 0 and report["events"] == 1 and report["sources"][0]["not_understood"] == 1
    assert "tuberia.eml" in report["warnings"][0]["message"]


def test_nothing_read_from_several_sources_says_why_for_each(tmp_path: Path) -> None:
    status, _, err = run("bounces", str(tmp_path / "a.mbox"), str(tmp_path / "b.mbox"), "-o", str(tmp_path))
    assert status == 3 and err.count("\n") == 1
    assert "any of the 2 sources given: " in err and "a.mbox" in err and "b.mbox" in err


def test_mbox_corners(tmp_path: Path) -> None:
    """Blank lines before the first message make no message; a body line that starts with "From "
    but is no separator (it has no date) does not split a message."""
    body = dsn(USER_UNKNOWN).replace("The mail could not be delivered.", "The mail could not be delivered.\n\n"
                                     "From the postmaster: sorry.")
    source = tmp_path / "r.mbox"
    source.write_text("\n\n" + mbox(body, dsn(FULL)))
    status, out, _ = run("bounces", str(source), "-o", str(tmp_path), "--report-json", "-")
    assert status == 0 and json.loads(out)["warnings"] == []
    assert [e["source"] for e in rows(tmp_path / "events.csv")] == [f"{source}:1", f"{source}:2"]


def test_a_plain_list_says_it_is_a_list(tmp_path: Path) -> None:
    listed = tmp_path / "bajas.txt"
    listed.write_text("ana@correo-ejemplo.es\n")
    run("bounces", str(listed), "-o", str(tmp_path), "-q", "--lang", "es")
    assert rows(tmp_path / "bounces.csv")[0]["detail"].startswith(
        f"Está en una lista de direcciones a las que no escribir ({listed}).")


@pytest.mark.parametrize("as_of", ["2026-11-20", "20261120"])
def test_a_date_means_its_end_however_written(tmp_path: Path, as_of: str) -> None:
    message = tmp_path / "r.eml"
    message.write_text(dsn(USER_UNKNOWN, date="Fri, 20 Nov 2026 10:00:00 +0000"))
    run("bounces", str(message), "-o", str(tmp_path), "-q", "--as-of", as_of)
    assert rows(tmp_path / "bounces.csv")[0]["decision"] == "suppress"


def test_check_suppress_reads_bounces_csv_saved_again_by_spanish_excel(tmp_path: Path) -> None:
    message = tmp_path / "r.eml"
    message.write_text(dsn(USER_UNKNOWN, FULL))
    run("bounces", str(message), "-o", str(tmp_path), "-q")
    resaved = tmp_path / "rebotes-excel.csv"
    with open(tmp_path / "bounces.csv", newline="", encoding="utf-8-sig") as handle:
        table = list(csv.reader(handle))
    with open(resaved, "w", newline="", encoding="cp1252", errors="replace") as handle:
        csv.writer(handle, delimiter=";").writerows(table)
    contacts = tmp_path / "lista.csv"
    contacts.write_text("email\nnadie@correo-ejemplo.es\nllena@correo-ejemplo.es\n")
    status, out, _ = run("check", str(contacts), "--no-dns", "--suppress", str(resaved), "--report-json", "-", "-q")
    report = json.loads(out)
    assert status == 0 and report["reasons"]["suppressed"] == 1
    assert report["suppression"] == {"files": ["rebotes-excel.csv"], "addresses": 1, "temporary_bounces_skipped": 1}
