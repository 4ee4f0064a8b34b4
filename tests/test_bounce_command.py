"""``listcheck bounces`` as users run it: the outputs, the JSON report, the report in both languages,
bad input and exit statuses (CONTRACT.md, Bounces)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from listcheck.cli import cli

AS_OF = "2026-12-01"


def dsn(*recipients: tuple[str, str, str], date: str = "Fri, 20 Nov 2026 10:00:00 +0000") -> str:
    """A delivery status report (RFC 3464) for each (address, status, words)."""
    parts = "".join(f"Final-Recipient: rfc822; {address}\nAction: {'delayed' if status[0] == '4' else 'failed'}\n"
                    f"Status: {status}\nDiagnostic-Code: smtp; {words}\n\n" for address, status, words in recipients)
    return ("From: MAILER-DAEMON@mx.example.net\nTo: news@remitente.example\n"
            f"Subject: Undelivered Mail Returned to Sender\nDate: {date}\nMIME-Version: 1.0\n"
            'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\n\n'
            "--B\nContent-Type: text/plain\n\nThe mail could not be delivered.\n\n"
            "--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n"
            f"{parts}--B--\n")


USER_UNKNOWN = ("nadie@correo-ejemplo.es", "5.1.1", ("550 5.1.1 <nadie@correo-ejemplo.es>: Recipient address "
                                                    "rejected: User unknown"))
FULL = ("Llena@Correo-Ejemplo.es", "4.2.2", "452 4.2.2 Mailbox full")
BLOCKED = ("luis@correo-ejemplo.es", "5.7.1", ("550 5.7.1 Service unavailable; client host [192.0.2.1] blocked "
                                              "using zen.spamhaus.org"))


def run(folder: Path, *args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["bounces", *args], input=stdin, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def test_a_report_gives_one_row_per_address_and_one_per_event(tmp_path: Path) -> None:
    message = tmp_path / "rebote.eml"
    message.write_text(dsn(USER_UNKNOWN, FULL, BLOCKED))
    status, _, _ = run(tmp_path, str(message), "-o", str(tmp_path), "--as-of", AS_OF, "-q")
    assert status == 0
    bounces = rows(tmp_path / "bounces.csv")
    assert list(bounces[0]) == ["address", "decision", "class", "reason", "events", "first_seen", "last_seen",
                                "status_code", "diagnostic", "detail"]
    assert [(r["address"], r["decision"], r["class"], r["reason"]) for r in bounces] == [
        ("nadie@correo-ejemplo.es", "suppress", "hard", "user_unknown"),
        ("llena@correo-ejemplo.es", "retry", "soft", "mailbox_full"),
        ("luis@correo-ejemplo.es", "keep", "sender", "blocked")]
    assert bounces[0]["first_seen"] == bounces[0]["last_seen"] == "2026-11-20T10:00:00Z"
    assert bounces[0]["status_code"] == "5.1.1" and "User unknown" in bounces[0]["diagnostic"]
    events = rows(tmp_path / "events.csv")
    assert list(events[0]) == ["source", "address", "date", "class", "reason", "status_code", "diagnostic"]
    assert [e["source"] for e in events] == [str(message)] * 3
    assert [e["address"] for e in events] == [r["address"] for r in bounces]


def test_the_json_report_counts_every_decision_class_and_reason(tmp_path: Path) -> None:
    message = tmp_path / "rebote.eml"
    message.write_text(dsn(USER_UNKNOWN, FULL))
    status, out, _ = run(tmp_path, str(message), "-o", str(tmp_path), "--as-of", AS_OF, "--report-json", "-")
    report = json.loads(out)
    assert status == 0
    assert report["sources"] == [{"path": str(message), "format": "message", "events": 2, "not_understood": 0,
                                  "not_bounces": 0, "autoreplies": 0, "read": True}]
    assert (report["events"], report["addresses"]) == (2, 2)
    assert report["decisions"] == {"suppress": 1, "retry": 1, "keep": 0}
    assert report["classes"] == {"hard": 1, "soft": 1, "sender": 0, "complaint": 0, "unsubscribe": 0, "delivered": 0,
                                 "resumed": 0}
    assert len(report["reasons"]) == 20 and report["reasons"]["user_unknown"] == report["reasons"]["mailbox_full"] == 1
    assert sum(report["reasons"].values()) == 2
    assert report["rules"] == {"as_of": "2026-12-01T23:59:59.999999+00:00", "soft_limit": 3, "soft_days": 14}
    assert report["warnings"] == []


def test_the_report_says_what_to_do_in_spanish(tmp_path: Path) -> None:
    message = tmp_path / "rebote.eml"
    message.write_text(dsn(USER_UNKNOWN, FULL, BLOCKED))
    status, out, _ = run(tmp_path, str(message), "-o", str(tmp_path), "--as-of", AS_OF, "--lang", "es")
    assert status == 0
    assert "Leídos 3 eventos de 1 fuente · 3 direcciones · decidido a fecha de 2026-12-01" in out
    assert "Suprime 1 dirección: no existe o la persona dijo que no." in out
    assert "Vuelve a escribir más adelante a 1 dirección" in out
    assert "1 rechazo es un problema del propio remitente" in out
    assert "Bloqueo: los servidores de destino desconfían" in out
    assert "correo-ejemplo.es" in out  # the domain most affected
    detail = rows(tmp_path / "bounces.csv")[0]["detail"]
    assert detail == "El buzón no existe (5.1.1, 2026-11-20). Deja de escribirle; pide a la persona otra dirección."


def test_a_source_that_cannot_be_read_is_a_warning_while_another_is_read(tmp_path: Path) -> None:
    message, empty, binary = tmp_path / "rebote.eml", tmp_path / "vacio.csv", tmp_path / "foto.bin"
    message.write_text(dsn(USER_UNKNOWN))
    empty.write_bytes(b"")
    binary.write_bytes(bytes(range(256)) * 8)
    status, out, _ = run(tmp_path, str(empty), str(message), str(binary), "-o", str(tmp_path), "--as-of", AS_OF,
                         "--report-json", "-")
    report = json.loads(out)
    assert status == 0 and report["addresses"] == 1
    assert [(w["code"], w["message"]) for w in report["warnings"]] == [
        ("source_unreadable", f"'{empty}' could not be read as bounces: the file is empty"),
        ("source_unreadable", (f"'{binary}' could not be read as bounces: it is neither mail (a message, an mbox, "
                              "a Maildir) nor a platform export or a list of addresses"))]
    assert [s["read"] for s in report["sources"]] == [False, True, False]


@pytest.mark.parametrize("content", [b"", bytes(range(256)) * 8])
def test_nothing_readable_exits_3_with_one_line(tmp_path: Path, content: bytes) -> None:
    source = tmp_path / "rebotes.mbox"
    source.write_bytes(content)
    status, out, err = run(tmp_path, str(source), "-o", str(tmp_path))
    assert status == 3 and out == ""
    assert err.startswith("Error: No bounces could be read: ") and err.count("\n") == 1
    assert not (tmp_path / "bounces.csv").exists() and not (tmp_path / "events.csv").exists()


def test_a_missing_source_exits_3(tmp_path: Path) -> None:
    status, _, err = run(tmp_path, str(tmp_path / "no-such.mbox"), "-o", str(tmp_path))
    assert status == 3 and "does not exist" in err and "Traceback" not in err


@pytest.mark.parametrize(("args", "words"), [
    (["--as-of", "yesterday"], "--as-of 'yesterday': give a date such as 2026-12-01"),
    (["--soft-limit", "0"], "--soft-limit"),
    ([], "give at least one SOURCE, or --history PATH"),
])
def test_bad_options_exit_2(tmp_path: Path, args: list[str], words: str) -> None:
    message = tmp_path / "rebote.eml"
    message.write_text(dsn(USER_UNKNOWN))
    status, _, err = run(tmp_path, *([str(message)] if args else []), *args)
    assert status == 2 and words in err


def test_standard_input_and_a_moment_for_as_of(tmp_path: Path) -> None:
    status, _, _ = run(tmp_path, "-", "-o", str(tmp_path), "--as-of", "2026-11-20T09:00:00Z", "-q",
                       stdin=dsn(USER_UNKNOWN).encode())
    assert status == 0
    assert rows(tmp_path / "events.csv")[0]["source"] == "stdin"
    # The event happened after the moment asked for: it is listed, but nothing counts yet.
    assert [(r["decision"], r["events"]) for r in rows(tmp_path / "bounces.csv")] == [("keep", "0")]
