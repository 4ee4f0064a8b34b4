"""Whole runs of ``listcheck bounces`` over every fixture of ``tests/data/bounces`` (written by
``tests/data/make_bounce_fixtures.py``): each source's events, as ``events.csv`` has them, are its
expected events; several sources at once, stdin, the JSON report's source counts and ``check --suppress``."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from listcheck.cli import cli

from tests.test_bounce_command import BLOCKED, FULL, USER_UNKNOWN, dsn

DATA = Path(__file__).parent / "data" / "bounces"
EXPORTS = sorted(path for path in (DATA / "exports").iterdir() if ".expected." not in path.name)
MAIL = {"bounces.mbox": "bounces", "folder": "folder", "maildir": "maildir", "binary.bin": "binary",
        "empty.eml": "empty"}
_COMPARED = ["address", "class", "reason", "status_code"]


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def bounces(*args: str, cwd: Path, stdin: bytes | None = None) -> tuple[int, dict[str, object], str]:
    result = CliRunner().invoke(cli, ["bounces", *args, "-o", str(cwd / "out"), "--as-of", "2026-12-01",
                                      "--report-json", "-"], input=stdin, catch_exceptions=False)
    report = json.loads(result.stdout) if result.exit_code == 0 else {}
    return result.exit_code, report, result.stderr


@pytest.fixture
def copied(tmp_path: Path) -> Path:
    """The fixtures in a folder of the test's own, so sources are named relative to it."""
    shutil.copytree(DATA, tmp_path / "data")
    return tmp_path / "data"


def test_every_fixture_is_run() -> None:
    assert len(EXPORTS) >= 30 and {p.name for p in (DATA / "mail").iterdir() if ".expected." not in p.name} == set(MAIL)


@pytest.mark.parametrize("source", EXPORTS, ids=[path.name for path in EXPORTS])
def test_each_export_gives_its_expected_events(copied: Path, source: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(copied / "exports")
    status, report, _ = bounces(source.name, cwd=copied)
    expected = read_csv(source.with_name(source.name.split(".")[0] + ".expected.csv"))
    if not expected and status == 3:  # nothing in it to read: the one-line error, no outputs
        assert not (copied / "out" / "events.csv").exists()
        return
    assert status == 0
    events = read_csv(copied / "out" / "events.csv")
    assert [{k: e[k] for k in ["source", *_COMPARED]} for e in events] == [
        {"source": f"{source.name}:{row['row']}", **{k: row[k] for k in _COMPARED},
         "address": row["address"].lower()} for row in expected]
    (entry,) = report["sources"]  # type: ignore[misc]
    assert entry["events"] == len(events) and entry["read"] is True


@pytest.mark.parametrize(("source", "stem"), MAIL.items())
def test_each_mail_source_gives_its_expected_events(copied: Path, source: str, stem: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(copied / "mail")
    status, _, err = bounces(source, cwd=copied)
    expected = read_csv(copied / "mail" / f"{stem}.expected.csv")
    if not expected:
        assert status == 3 and err.startswith("Error: No bounces could be read: ")
        return
    assert status == 0
    events = read_csv(copied / "out" / "events.csv")
    assert [{k: e[k] for k in ["source", *_COMPARED]} for e in events] == expected


def test_the_folder_counts_what_gave_no_event(copied: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(copied / "mail")
    _, report, _ = bounces("folder", "bounces.mbox", "binary.bin", cwd=copied)
    folder, mbox, binary = report["sources"]  # type: ignore[misc]
    assert (folder["format"], folder["events"], folder["not_bounces"], folder["autoreplies"],
            folder["not_understood"]) == ("folder", 3, 1, 1, 1)
    assert (mbox["format"], mbox["events"]) == ("mbox", 3)
    assert binary["read"] is False
    codes = [w["code"] for w in report["warnings"]]  # type: ignore[index]
    assert codes == ["not_understood", "source_unreadable"]
    assert "folder/truncated.eml" in report["warnings"][0]["message"]  # type: ignore[index]


def test_an_mbox_on_standard_input(copied: Path) -> None:
    status, report, _ = bounces("-", cwd=copied, stdin=(copied / "mail" / "bounces.mbox").read_bytes())
    assert status == 0 and report["sources"][0]["format"] == "mbox"  # type: ignore[index]
    assert [e["source"] for e in read_csv(copied / "out" / "events.csv")] == ["stdin:1", "stdin:2", "stdin:3"]


def test_check_suppress_takes_the_decisions_of_bounces_csv(tmp_path: Path) -> None:
    mbox = tmp_path / "rebotes.mbox"
    mbox.write_text("".join("From MAILER-DAEMON Fri Nov 20 10:00:00 2026\n" + dsn(recipient) + "\n"
                            for recipient in (USER_UNKNOWN, FULL, BLOCKED)))
    bounces(str(mbox), cwd=tmp_path)
    decided = {row["address"]: row["decision"] for row in read_csv(tmp_path / "out" / "bounces.csv")}
    assert decided == {"nadie@correo-ejemplo.es": "suppress", "llena@correo-ejemplo.es": "retry",
                       "luis@correo-ejemplo.es": "keep"}
    contacts = tmp_path / "lista.csv"
    contacts.write_text("email,nombre\nNadie@correo-ejemplo.es,Ana\nllena@correo-ejemplo.es,Marta\n"
                        "luis@correo-ejemplo.es,Luis\n")
    for suppress in (tmp_path / "out" / "bounces.csv", mbox):
        result = CliRunner().invoke(cli, ["check", str(contacts), "--no-dns", "--suppress", str(suppress),
                                          "--report-json", "-", "-q"])
        report = json.loads(result.stdout)
        assert result.exit_code == 0 and report["reasons"]["suppressed"] == 1, suppress.name
        assert report["suppression"]["temporary_bounces_skipped"] == 2
        rejected = read_csv(tmp_path / "lista.rejected.csv")
        assert [(row["email"], row["listcheck_reason"]) for row in rejected] == [
            ("Nadie@correo-ejemplo.es", "suppressed")]
