"""`listcheck address TEXT...`: one address or a few, judged as `check` would, for a support person
who pastes an address from a client's email."""

import json

import pytest
from click.testing import CliRunner

from listcheck.cli import cli


def run(*args):
    return CliRunner().invoke(cli, ["address", *args], catch_exceptions=False)


@pytest.mark.parametrize(("text", "status", "reason", "suggestion"), [
    ("ana@correo-ejemplo.es", "valid", "", ""),
    ("Ana Pérez <ana@gmial.com>", "risky", "typo_domain", "ana@gmail.com"),
    ("carmen.ruiz.gmail.com", "invalid", "missing_at", "carmen.ruiz@gmail.com"),
    ("carmen ruiz", "invalid", "missing_at", ""),
    ("info@empresa.es", "risky", "role_account", ""),
    ("", "invalid", "empty", ""),
])
def test_each_address_gets_its_verdict_and_fix(text, status, reason, suggestion):
    result = run(text, "--no-dns", "--report-json", "-")
    (verdict,) = json.loads(result.stdout)["addresses"]
    assert (verdict["text"], verdict["status"], verdict["reason"], verdict["suggestion"]) == (
        text, status, reason, suggestion)
    assert result.exit_code == (0 if status == "valid" else 1)


def test_exit_0_only_when_every_address_is_valid():
    assert run("ana@correo-ejemplo.es", "luis@correo-ejemplo.es", "--no-dns").exit_code == 0
    assert run("ana@correo-ejemplo.es", "luis@gmial.com", "--no-dns").exit_code == 1


def test_the_verdict_is_said_plainly_with_the_fix():
    result = run("ana@gmial.com", "--no-dns")
    lines = result.stdout.splitlines()
    assert lines[:2] == ["ana@gmial.com", "  risky · typo_domain · Misspelled domain"]
    assert lines[2:5] == ["  'gmial.com' looks like a misspelling of 'gmail.com'. Did you mean",  # wrapped at 80
                          "  ana@gmail.com?", "  → ana@gmail.com"]
    assert all(line == line.rstrip() for line in lines)
    assert "DNS: not consulted (--no-dns)" in result.stdout


def test_a_repeated_address_is_judged_again_not_called_a_duplicate():
    verdicts = json.loads(run("ana@gmail.com", "ANA@gmail.com", "--no-dns", "--report-json", "-").stdout)["addresses"]
    assert [verdict["reason"] for verdict in verdicts] == ["", ""]


def test_in_spanish():
    result = run("ana@gmial.com", "--no-dns", "--lang", "es")
    assert "  dudosa · typo_domain · Dominio mal escrito" in result.stdout
    assert "¿Querías decir ana@gmail.com?" in result.stdout


def test_dns_is_asked_unless_no_dns(dns_server):
    result = run("ana@correo-mx.es", "ana@sin-correo.es", "ana@no-existe-nunca.es", "--nameserver",
                 dns_server.address, "--no-cache", "--report-json", "-")
    report = json.loads(result.stdout)
    assert [verdict["reason"] for verdict in report["addresses"]] == ["", "null_mx", "domain_not_found"]
    assert report["dns"]["checked"] and report["dns"]["resolver_trusted"]
    assert result.exit_code == 1


def test_an_untrusted_resolver_rejects_nobody_and_says_so(nxdomain_server):
    result = run("ana@correo-mx.es", "--nameserver", nxdomain_server.address, "--no-cache", "--report-json", "-")
    report = json.loads(result.stdout)
    assert report["addresses"][0]["reason"] == "dns_unknown"
    assert [warning["code"] for warning in report["warnings"]] == ["resolver_untrusted"]


def test_no_address_is_a_usage_error():
    assert run().exit_code == 2
