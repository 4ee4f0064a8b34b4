"""Repairs in whole runs: the suggestion in the rejected file, and what ``--fix-typos`` does with it."""

import csv
from pathlib import Path

import pytest

from listcheck import DnsSettings, PolicySettings, Reason, Status, check_address, check_file

from .dns_server import ZoneResolver, ZoneServer

SUGGESTED = [
    # (cell, reason, suggestion): the cells, then the others of each kind
    ("carmen.ruiz.gmail.com", Reason.MISSING_AT, "carmen.ruiz@gmail.com"),
    ("ana(arroba)gmail.com", Reason.MISSING_AT, "ana@gmail.com"),
    ("ana@gmail,com", Reason.SYNTAX, "ana@gmail.com"),
    ("ana@gmailcom", Reason.SYNTAX, "ana@gmail.com"),
    ("ana @gmail.com", Reason.SYNTAX, "ana@gmail.com"),
    ("ana@@gmail.com", Reason.SYNTAX, "ana@gmail.com"),
    ("ana[at]hotmail.es", Reason.MISSING_AT, "ana@hotmail.es"),
    ("ANA (AT) GMAIL.COM", Reason.MISSING_AT, "ANA@gmail.com"),
    ("ana at gmail dot com", Reason.MISSING_AT, "ana@gmail.com"),
    ("ana.hotmail.com.mx", Reason.MISSING_AT, "ana@hotmail.com.mx"),
    ("ana@hotmailcommx", Reason.SYNTAX, "ana@hotmail.com.mx"),
    ("ana@ gmail . com", Reason.SYNTAX, "ana@gmail.com"),
    ("ana..lopez@gmail.com", Reason.SYNTAX, "ana.lopez@gmail.com"),
    ("ana@gmail..com", Reason.SYNTAX, "ana@gmail.com"),
    ("ana@.gmail.com", Reason.SYNTAX, "ana@gmail.com"),
    ("ana@gmail.com.", Reason.SYNTAX, "ana@gmail.com"),
    ("ana.@gmail.com", Reason.SYNTAX, "ana@gmail.com"),
    # A repair whose domain is misspelled, or whose local part has accents, suggests the whole fix.
    ("ana(arroba)gmial.com", Reason.MISSING_AT, "ana@gmail.com"),
    ("josé(arroba)gmail.com", Reason.MISSING_AT, "jose@gmail.com"),
]

NONE = [
    # (cell, reason): no clear repair, so no suggestion
    ("Ana Pérez", Reason.MISSING_AT),
    ("info@", Reason.SYNTAX),
    ("12345", Reason.MISSING_AT),
    ("ana lopez@gmail.com", Reason.SYNTAX),
    ("ana.empresa.es", Reason.MISSING_AT),
    ("ana@empresacom", Reason.SYNTAX),
    ("@gmail.com", Reason.SYNTAX),
    ("www.gmail.com", Reason.MISSING_AT),
    ("ana(arroba)localhost", Reason.MISSING_AT),  # a repair to a reserved name fixes nothing
    # Hosts of a provider, not mailboxes at it; a phone number; the spelled @ among the dots.
    ("outlook.live.com", Reason.MISSING_AT),
    ("accounts.google.com", Reason.MISSING_AT),
    ("sites.google.com", Reason.MISSING_AT),
    ("es.yahoo.com", Reason.MISSING_AT),
    ("login.live.com", Reason.MISSING_AT),
    ("600123456.gmail.com", Reason.MISSING_AT),
    ("juan.perez.at.gmail.com", Reason.MISSING_AT),
    ("😀.gmail.com", Reason.MISSING_AT),  # its repair would have letters no address may carry, and no fix
]


@pytest.mark.parametrize(("cell", "reason", "suggestion"), SUGGESTED)
def test_a_clear_repair_is_the_suggestion(cell, reason, suggestion):
    verdict = check_address(cell)
    assert (verdict.status, verdict.reason, verdict.suggestion) == (Status.INVALID, reason, suggestion)
    assert verdict.detail.endswith(f" Did you mean {suggestion}?")


@pytest.mark.parametrize(("cell", "reason"), NONE)
def test_no_clear_repair_no_suggestion(cell, reason):
    verdict = check_address(cell)
    assert (verdict.reason, verdict.suggestion) == (reason, "")
    assert "Did you mean" not in verdict.detail


LIST = ("nombre;email\r\n"
        "Carmen;carmen.ruiz@gmail.com\r\n"  # row 2
        "Carmen otra vez;carmen.ruiz.gmail.com\r\n"  # row 3: repaired, it repeats row 2
        "Ana;ana(arroba)gmail.com\r\n"  # row 4
        "Luis;luis@@hotmial.com\r\n"  # row 5: repaired and corrected in one
        "José;josé@gmail.com\r\n"  # row 6: accents are not for --fix-typos
        "Rosa;rosa lopez@gmail.com\r\n")  # row 7: no repair


def run(folder: Path, *, fix_typos: bool, dns: DnsSettings | None = None):
    source = folder / "lista.csv"
    source.write_text(LIST, encoding="utf-8")
    report = check_file(str(source), dns=dns, policy=PolicySettings(fix_typos=fix_typos))
    outputs = {}
    for name in ("clean", "rejected"):
        with (folder / f"lista.{name}.csv").open(encoding="utf-8", newline="") as handle:
            outputs[name] = list(csv.DictReader(handle, delimiter=";"))
    return report, outputs


def test_without_fix_typos_the_repairs_are_suggestions_only(tmp_path):
    report, outputs = run(tmp_path, fix_typos=False)
    assert [row["email"] for row in outputs["clean"]] == ["carmen.ruiz@gmail.com"]
    suggested = {row["email"]: row["listcheck_suggestion"] for row in outputs["rejected"]}
    assert suggested == {"carmen.ruiz.gmail.com": "carmen.ruiz@gmail.com", "ana(arroba)gmail.com": "ana@gmail.com",
                         "luis@@hotmial.com": "luis@hotmail.com", "josé@gmail.com": "jose@gmail.com",
                         "rosa lopez@gmail.com": ""}
    assert report.corrections == []


def test_fix_typos_writes_the_repaired_address_to_the_clean_file(tmp_path):
    report, outputs = run(tmp_path, fix_typos=True)
    assert [row["email"] for row in outputs["clean"]] == ["carmen.ruiz@gmail.com", "ana@gmail.com", "luis@hotmail.com"]
    rejected = {row["listcheck_row"]: (row["email"], row["listcheck_reason"]) for row in outputs["rejected"]}
    # The repaired row 3 is row 2 again: a duplicate, shown as typed.
    assert rejected == {"3": ("carmen.ruiz.gmail.com", "duplicate"), "6": ("josé@gmail.com", "non_ascii_local_part"),
                        "7": ("rosa lopez@gmail.com", "syntax")}
    assert [(c.row, c.original, c.corrected) for c in report.corrections] == [
        (4, "ana(arroba)gmail.com", "ana@gmail.com"), (5, "luis@@hotmial.com", "luis@hotmail.com")]
    assert report.reasons["missing_at"] == 0 and report.counts["valid"] == 4  # the duplicate has its first's status


ZONE = """
gmail.com. 300 IN MX 5 gmail-smtp-in.l.google.com.
outlook.com. 300 IN MX 10 outlook-com.olc.protection.outlook.com.
yandex.ru. 300 IN MX 10 mx.yandex.ru.
"""


def test_a_repair_is_asked_of_dns_like_any_address(tmp_path):
    """hotmail.com is not in this zone: the repair of row 5 leads nowhere, and the row is rejected as typed."""
    with ZoneServer(ZoneResolver(ZONE)) as server:
        report, outputs = run(tmp_path, fix_typos=True,
                              dns=DnsSettings(nameservers=(server.address,), timeout=2.0, cache=False))
    assert report.dns.resolver_trusted
    assert [row["email"] for row in outputs["clean"]] == ["carmen.ruiz@gmail.com", "ana@gmail.com"]
    row = next(row for row in outputs["rejected"] if row["listcheck_row"] == "5")
    assert (row["email"], row["listcheck_reason"]) == ("luis@@hotmial.com", "domain_not_found")
    assert row["listcheck_detail"].startswith("The likely correction luis@hotmail.com does not work either")


ACCENTED = ("nombre;email\r\n"
            "José;josé@gmial.com\r\n"
            "José;josé(arroba)gmail.com\r\n"
            "Peña;peña.gmail.com\r\n")


def test_fix_typos_never_drops_accents(tmp_path):
    """Without its accents a name may be another person's (peña, pena): the fix stays a suggestion."""
    source = tmp_path / "lista.csv"
    source.write_text(ACCENTED, encoding="utf-8")
    report = check_file(str(source), dns=None, policy=PolicySettings(fix_typos=True))
    assert report.destinations == {"clean": 0, "rejected": 3} and report.corrections == []
    with (tmp_path / "lista.rejected.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert [row["listcheck_suggestion"] for row in rows] == ["jose@gmail.com", "jose@gmail.com", "pena@gmail.com"]


REPAIRS_AT = ("nombre;email\r\n"
              "Ana;ana(arroba)empresa.es\r\n"  # row 2
              "Carmen;carmen.ruiz(arroba)empresa.es\r\n"  # row 3: another person at the same domain
              "Luis;luis@@gmaill.co\r\n"  # row 4: the repaired domain does not exist
              "Bea;bea@@gmaill.co\r\n")  # row 5


def test_a_repair_dns_cannot_answer_for_stays_repaired_and_clean(tmp_path):
    """empresa.es is refused by the resolver: the repairs stand, as dns_unknown, each its own address."""
    with ZoneServer(ZoneResolver(ZONE, refused=("empresa.es",))) as server:
        source = tmp_path / "lista.csv"
        source.write_text(REPAIRS_AT, encoding="utf-8")
        report = check_file(str(source), dns=DnsSettings(nameservers=(server.address,), timeout=2.0, cache=False),
                            policy=PolicySettings(fix_typos=True))
    assert report.dns.resolver_trusted and report.reasons["dns_unknown"] == 2
    with (tmp_path / "lista.clean.csv").open(encoding="utf-8", newline="") as handle:
        assert [row["email"] for row in csv.DictReader(handle, delimiter=";")] == [
            "ana@empresa.es", "carmen.ruiz@empresa.es"]
    with (tmp_path / "lista.rejected.csv").open(encoding="utf-8", newline="") as handle:
        rejected = {row["listcheck_row"]: row for row in csv.DictReader(handle, delimiter=";")}
    # The repairs of rows 4 and 5 lead to a domain that does not exist: each row is shown as typed,
    # with the known domain near the repair, and neither is a duplicate of the other.
    assert {row: (fields["email"], fields["listcheck_reason"], fields["listcheck_suggestion"])
            for row, fields in rejected.items()} == {
        "4": ("luis@@gmaill.co", "domain_not_found", "luis@gmail.com"),
        "5": ("bea@@gmaill.co", "domain_not_found", "bea@gmail.com")}
    assert rejected["4"]["listcheck_detail"].endswith("Did you mean luis@gmail.com?")


def test_a_fix_on_the_suppression_list_is_no_fix(tmp_path):
    """A suggestion that leads to an address never to mail goes, and the detail says why."""
    source = tmp_path / "lista.csv"
    source.write_text("email\nbad(arroba)gmail.com\nbad@gmial.com\nok(arroba)gmail.com\n", encoding="utf-8")
    bajas = tmp_path / "bajas.txt"
    bajas.write_text("bad@gmail.com\n", encoding="utf-8")
    check_file(str(source), dns=None, policy=PolicySettings(suppress=(str(bajas),)))
    with (tmp_path / "lista.rejected.csv").open(encoding="utf-8", newline="") as handle:
        rows = {row["email"]: row for row in csv.DictReader(handle)}
    for typed in ("bad(arroba)gmail.com", "bad@gmial.com"):
        assert rows[typed]["listcheck_suggestion"] == ""
        assert rows[typed]["listcheck_detail"].endswith(
            "But bad@gmail.com is on the suppression list bajas.txt: never mail it.")
    assert rows["ok(arroba)gmail.com"]["listcheck_suggestion"] == "ok@gmail.com"
