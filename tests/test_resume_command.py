"""``listcheck resume`` as support runs it: the article's scene end to end (a full mailbox suppressed,
the client empties it, resume says yes, --lift records it, the next check mails it again), and the
answers that must stay no."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from listcheck.cli import cli

from tests.test_bounce_command import FULL, USER_UNKNOWN, dsn

DAYS = ["Mon, 02 Nov 2026 10:00:00 +0000", "Mon, 09 Nov 2026 10:00:00 +0000", "Mon, 23 Nov 2026 10:00:00 +0000"]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_the_scene_of_the_article(tmp_path: Path) -> None:
    store = str(tmp_path / "historial.sqlite")
    mbox = tmp_path / "rebotes.mbox"
    mbox.write_text("".join(f"From MAILER-DAEMON Mon Nov  2 10:00:00 2026\n{dsn(FULL, USER_UNKNOWN, date=day)}\n"
                            for day in DAYS))
    assert run("bounces", str(mbox), "--history", store, "-o", str(tmp_path), "-q", "--as-of", "2026-12-01")[0] == 0
    contacts = tmp_path / "lista.csv"
    contacts.write_text("email\nllena@correo-ejemplo.es\nnadie@correo-ejemplo.es\n")
    _, out, _ = run("check", str(contacts), "--no-dns", "--history", store, "--as-of", "2026-12-01", "-q",
                    "--report-json", "-")
    assert json.loads(out)["reasons"]["suppressed"] == 2

    # The client writes: "I emptied my mailbox". Support asks.
    status, out, _ = run("resume", "Llena@correo-ejemplo.es", "--history", store, "--no-dns", "--as-of", "2026-12-01",
                         "--report-json", "-")
    (answer,) = json.loads(out)["addresses"]
    assert status == 0 and answer["answer"] == "yes" and len(answer["events"]) == 3
    status, out, _ = run("resume", "llena@correo-ejemplo.es", "--history", store, "--no-dns", "--lift",
                         "--note", "vació el buzón", "--by", "Marta")
    assert status == 0 and "Marta" in out and "vació el buzón" in out

    # The dead mailbox stays no, whatever the client says.
    status, out, _ = run("resume", "nadie@correo-ejemplo.es", "--history", store, "--no-dns", "--lift",
                         "--note", "dice que existe")
    assert status == 1
    _, out, _ = run("check", str(contacts), "--no-dns", "--history", store, "-q", "--report-json", "-")
    report = json.loads(out)
    assert report["reasons"]["suppressed"] == 1 and report["destinations"]["clean"] == 1


def test_resume_from_sources_without_a_history(tmp_path: Path) -> None:
    message = tmp_path / "r.eml"
    message.write_text(dsn(USER_UNKNOWN))
    status, out, _ = run("resume", "nadie@correo-ejemplo.es", "--from", str(message), "--no-dns",
                         "--report-json", "-")
    assert status == 1 and json.loads(out)["addresses"][0]["answer"] == "no"


def test_bad_options_exit_2(tmp_path: Path) -> None:
    assert run("resume", "a@b.es", "--no-dns")[0] == 2  # neither a history nor sources
    assert run("resume", "a@b.es", "--from", "x.eml", "--lift", "--note", "n")[0] == 2  # a lift needs a history
    assert run("resume", "a@b.es", "--history", str(tmp_path / "h.sqlite"), "--lift")[0] == 2  # and a note
