"""``listcheck bounces --history``: the store grows by what is new, decisions are made over all it
holds, a run with no SOURCE lists every address, and support's resume shows in events.csv."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner

from listcheck.bounces.history import HistoryStore
from listcheck.cli import cli

from tests.test_bounce_command import FULL, USER_UNKNOWN, dsn


def run(*args: str) -> tuple[int, dict[str, object], str]:
    result = CliRunner().invoke(cli, ["bounces", *args, "--report-json", "-", "--as-of", "2026-12-01"],
                                catch_exceptions=False)
    return result.exit_code, json.loads(result.stdout) if result.exit_code == 0 else {}, result.stderr


def rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def test_soft_bounces_over_weeks_escalate_across_runs(tmp_path: Path) -> None:
    store = str(tmp_path / "historial.sqlite")
    days = ["Mon, 02 Nov 2026 10:00:00 +0000", "Mon, 09 Nov 2026 10:00:00 +0000", "Mon, 23 Nov 2026 10:00:00 +0000"]
    for number, day in enumerate(days, start=1):
        message = tmp_path / f"{number}.eml"
        message.write_text(dsn(FULL, date=day))
        status, _, _ = run(str(message), "--history", store, "-o", str(tmp_path / "out"))
        assert status == 0
        decision = rows(tmp_path / "out" / "bounces.csv")[0]
        assert (decision["decision"], decision["events"]) == (("retry", str(number)) if number < 3 else
                                                              ("suppress", "3"))
    # The same message imported again adds nothing.
    run(str(tmp_path / "3.eml"), "--history", store, "-o", str(tmp_path / "out"))
    with HistoryStore.open(store) as history:
        assert history.count() == 3
    assert rows(tmp_path / "out" / "bounces.csv")[0]["reason"] == "repeated_soft_bounces"


def test_no_source_lists_every_address_and_the_resume(tmp_path: Path) -> None:
    store = str(tmp_path / "historial.sqlite")
    message = tmp_path / "r.eml"
    message.write_text(dsn(USER_UNKNOWN, FULL))
    run(str(message), "--history", store, "-o", str(tmp_path / "first"))
    with HistoryStore.open(store) as history:
        history.add_resume("llena@correo-ejemplo.es", date=datetime(2026, 11, 25, tzinfo=UTC),
                           note="the client emptied the mailbox", by="Marta")
    status, report, _ = run("--history", store, "-o", str(tmp_path / "all"))
    assert status == 0 and report["addresses"] == 2
    decided = {r["address"]: r["decision"] for r in rows(tmp_path / "all" / "bounces.csv")}
    assert decided == {"nadie@correo-ejemplo.es": "suppress", "llena@correo-ejemplo.es": "keep"}
    resumed = [e for e in rows(tmp_path / "all" / "events.csv") if e["class"] == "resumed"]
    assert [(e["address"], e["reason"], e["diagnostic"]) for e in resumed] == [
        ("llena@correo-ejemplo.es", "resumed", "the client emptied the mailbox")]


def test_a_store_that_is_not_one_is_refused_untouched(tmp_path: Path) -> None:
    store = tmp_path / "historial.sqlite"
    store.write_bytes(b"not a database at all" * 100)
    message = tmp_path / "r.eml"
    message.write_text(dsn(USER_UNKNOWN))
    status, _, err = run(str(message), "--history", str(store), "-o", str(tmp_path))
    assert status == 3 and err.count("\n") == 1 and "historial.sqlite" in err
    assert store.read_bytes() == b"not a database at all" * 100
    result = CliRunner().invoke(cli, ["check", str(message), "--history", str(store), "--no-dns"])
    assert result.exit_code == 3 and "Traceback" not in result.output


def test_without_source_or_history_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["bounces"])
    assert result.exit_code == 2 and "--history" in result.stderr


def test_the_health_page_of_a_history(tmp_path: Path) -> None:
    store = str(tmp_path / "historial.sqlite")
    message = tmp_path / "r.eml"
    message.write_text(dsn(USER_UNKNOWN, FULL))
    run(str(message), "--history", store, "-o", str(tmp_path))
    page = tmp_path / "salud.html"
    result = CliRunner().invoke(cli, ["bounces", "--history", store, "-o", str(tmp_path / "out"), "-q",
                                      "--report-html", str(page), "--client", "Academia <Acuarela>",
                                      "--as-of", "2026-12-01"])
    assert result.exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert "Academia &lt;Acuarela&gt;" in html and "nadie@correo-ejemplo.es" in html.replace("<wbr>", "")
    refused = CliRunner().invoke(cli, ["bounces", str(message), "--report-html", str(message), "-q"])
    assert refused.exit_code == 2 and "Subject: Undelivered" in message.read_text()
