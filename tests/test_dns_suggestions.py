"""Suggestions backed by DNS: a domain a trusted resolver says cannot receive mail, near a known one.

The resolver is a real DNS server on 127.0.0.1 (tests/dns_server.py) serving the zone below; every
name it does not hold is NXDOMAIN.
"""

import csv
from pathlib import Path

import pytest

from listcheck import DnsSettings, PolicySettings, Reason, check_address, check_file
from listcheck.messages import speaking

from .dns_server import ZoneResolver, ZoneServer

ZONE = """
gmail.com. 300 IN MX 5 gmail-smtp-in.l.google.com.
outlook.com. 300 IN MX 10 outlook-com.olc.protection.outlook.com.
yandex.ru. 300 IN MX 10 mx.yandex.ru.
correo-mx.es. 300 IN MX 10 mx.correo-mx.es.
hotmall.co. 300 IN TXT "v=spf1 -all"
"""

CASES = [
    # (address, reason after DNS, suggestion)
    ("ana@gmaill.co", Reason.DOMAIN_NOT_FOUND, "ana@gmail.com"),
    ("luis@hotmall.co", Reason.NO_MAIL_SERVER, "luis@hotmail.com"),  # it exists, but receives no mail
    ("marta@yahooes.es", Reason.DOMAIN_NOT_FOUND, "marta@yahoo.es"),
    ("josé@hotmailes.es", Reason.DOMAIN_NOT_FOUND, "jose@hotmail.es"),  # the accents go too
    ("eva@academia-sol.eu", Reason.DOMAIN_NOT_FOUND, "eva@academia-sol.es"),  # a --known-domains entry
    ("rosa@gemail.com", Reason.DOMAIN_NOT_FOUND, ""),  # one edit from gmail.com and from email.com: no guess
    ("juan@no-existe-nunca.es", Reason.DOMAIN_NOT_FOUND, ""),  # near nothing
    ("pepe@xe.com", Reason.DOMAIN_NOT_FOUND, ""),  # one edit from me.com, but half its letters
    ("pilar@correo-mx.es", None, ""),
]
KNOWN = ("academia-sol.es",)


@pytest.fixture(scope="module")
def zone_server():
    with ZoneServer(ZoneResolver(ZONE)) as server:
        yield server


def checked(folder: Path, server, lang: str = "en") -> dict[str, dict[str, str]]:
    """The rows of both outputs of a DNS run over CASES, by address as typed."""
    source = folder / "lista.csv"
    source.write_text("email,nombre\n" + "".join(f"{address},x\n" for address, *_ in CASES), encoding="utf-8")
    with speaking(lang):
        report = check_file(str(source), dns=DnsSettings(nameservers=(server.address,), timeout=2.0, cache=False),
                            policy=PolicySettings(known_domains=KNOWN))
    assert report.dns.resolver_trusted
    rows = {}
    for name in ("lista.clean.csv", "lista.rejected.csv"):
        path = folder / name
        if path.exists():
            with path.open(encoding="utf-8", newline="") as handle:
                rows |= {row["email"]: row for row in csv.DictReader(handle)}
    return rows


@pytest.mark.parametrize(("address", "reason", "suggestion"), CASES)
def test_offline_rules_alone_suggest_none_of_these(address, reason, suggestion):
    """The cases test DNS's part: without DNS the typo rules leave their domains alone."""
    verdict = check_address(address)
    assert verdict.reason in (None, Reason.NON_ASCII_LOCAL_PART)
    assert "@" not in verdict.suggestion or verdict.suggestion.rpartition("@")[2] == address.rpartition("@")[2]


def test_a_dead_domain_near_a_known_one_gets_it_as_suggestion(tmp_path, zone_server):
    rows = checked(tmp_path, zone_server)
    assert len(rows) == len(CASES)
    for address, reason, suggestion in CASES:
        row = rows[address]
        got = (row.get("listcheck_reason", ""), row.get("listcheck_suggestion", ""))  # the clean file has neither
        assert got == (reason.code if reason else "", suggestion)
        if suggestion:
            assert row["listcheck_detail"].endswith(f" Did you mean {suggestion}?")


def test_the_question_is_asked_in_spanish(tmp_path, zone_server):
    row = checked(tmp_path, zone_server, "es")["ana@gmaill.co"]
    assert row["listcheck_detail"] == "El dominio 'gmaill.co' no existe. ¿Querías decir ana@gmail.com?"


def test_a_resolver_that_cannot_be_trusted_gives_no_suggestion(tmp_path, nxdomain_server):
    """It says NXDOMAIN even for gmail.com: its word rejects nobody and suggests nothing."""
    source = tmp_path / "lista.csv"
    source.write_text("email\nana@gmaill.co\n", encoding="utf-8")
    report = check_file(str(source), dns=DnsSettings(nameservers=(nxdomain_server.address,), timeout=2.0,
                                                     cache=False))
    assert not report.dns.resolver_trusted
    with (tmp_path / "lista.clean.csv").open(encoding="utf-8", newline="") as handle:
        assert list(csv.DictReader(handle)) == [{"email": "ana@gmaill.co"}]


def test_a_suggestion_on_the_suppression_list_is_not_given(tmp_path, zone_server):
    source = tmp_path / "lista.csv"
    source.write_text("email\nana@gmaill.co\nluis@gmaill.co\n", encoding="utf-8")
    bajas = tmp_path / "bajas.txt"
    bajas.write_text("ana@gmail.com\n", encoding="utf-8")
    check_file(str(source), dns=DnsSettings(nameservers=(zone_server.address,), timeout=2.0, cache=False),
               policy=PolicySettings(suppress=(str(bajas),)))
    with (tmp_path / "lista.rejected.csv").open(encoding="utf-8", newline="") as handle:
        rows = {row["email"]: row for row in csv.DictReader(handle)}
    assert rows["ana@gmaill.co"]["listcheck_suggestion"] == ""
    assert rows["ana@gmaill.co"]["listcheck_detail"].endswith("is on the suppression list bajas.txt: never mail it.")
    assert rows["luis@gmaill.co"]["listcheck_suggestion"] == "luis@gmail.com"
