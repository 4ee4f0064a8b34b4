"""check_address: one row per reason code it can give, and the normalization of the cell."""

import pytest

from listcheck import Reason, Status, check_address
from listcheck.checks.normalize import clean_cell

REASON_CASES = [
    # (cell, status, reason)
    ("ana@correo.es", Status.VALID, None),
    ("jose.nunez@españa.es", Status.VALID, None),
    ("josé.núñez@españa.es", Status.RISKY, Reason.NON_ASCII_LOCAL_PART),
    ("иван@почта.рф", Status.RISKY, Reason.NON_ASCII_LOCAL_PART),
    ("ivan@почта.рф", Status.VALID, None),
    ("user+tag@sub.domain.co.uk", Status.VALID, None),
    ("", Status.INVALID, Reason.EMPTY),
    ("   ", Status.INVALID, Reason.EMPTY),
    ("\u00a0\u200b", Status.INVALID, Reason.EMPTY),
    ("ana.correo.es", Status.INVALID, Reason.MISSING_AT),
    ("Ana Pérez", Status.INVALID, Reason.MISSING_AT),
    ("ana(arroba)correo.es", Status.INVALID, Reason.MISSING_AT),
    ("ana..perez@correo.es", Status.INVALID, Reason.SYNTAX),
    ("ana perez@correo.es", Status.INVALID, Reason.SYNTAX),
    ("ana@", Status.INVALID, Reason.SYNTAX),
    ("@correo.es", Status.INVALID, Reason.SYNTAX),
    ("ana@@correo.es", Status.INVALID, Reason.SYNTAX),
    ("ana@correo", Status.INVALID, Reason.SYNTAX),
    ("ana@correo.es.", Status.INVALID, Reason.SYNTAX),
    ("ana@[192.168.0.1]", Status.INVALID, Reason.SYNTAX),
    ('"ana perez"@correo.es', Status.INVALID, Reason.SYNTAX),
    ("ana@correo.es; luis@correo.es", Status.INVALID, Reason.MULTIPLE_ADDRESSES),
    ("ana@correo.es, luis@correo.es", Status.INVALID, Reason.MULTIPLE_ADDRESSES),
    ("ana@correo.es luis@correo.es", Status.INVALID, Reason.MULTIPLE_ADDRESSES),
    ("ana@correo.es\nluis@correo.es", Status.INVALID, Reason.MULTIPLE_ADDRESSES),
    ("ana@correo.es ::: luis@correo.es", Status.INVALID, Reason.MULTIPLE_ADDRESSES),
    ("Ana <ana@correo.es>, Luis <luis@correo.es>", Status.INVALID, Reason.MULTIPLE_ADDRESSES),
    ("ana@example.com", Status.INVALID, Reason.SPECIAL_USE_DOMAIN),
    ("ana@mail.example.org", Status.INVALID, Reason.SPECIAL_USE_DOMAIN),
    ("ana@localhost", Status.INVALID, Reason.SPECIAL_USE_DOMAIN),
    ("ana@server.local", Status.INVALID, Reason.SPECIAL_USE_DOMAIN),
    ("ana@pruebas.test", Status.INVALID, Reason.SPECIAL_USE_DOMAIN),
    ("ana@dominio.invalid", Status.INVALID, Reason.SPECIAL_USE_DOMAIN),
    ("ana@intranet.internal", Status.INVALID, Reason.SPECIAL_USE_DOMAIN),
    ("ana@1.168.192.in-addr.arpa", Status.INVALID, Reason.SPECIAL_USE_DOMAIN),
    ("ana@empresa.tld", Status.INVALID, Reason.UNKNOWN_TLD),
    ("ana@empresa.zzzz", Status.INVALID, Reason.UNKNOWN_TLD),
    ("ana@empresa.ry", Status.INVALID, Reason.UNKNOWN_TLD),  # .ru or .by: no guess
    ("ana@gmial.com", Status.RISKY, Reason.TYPO_DOMAIN),
    ("ana@hotmail.con", Status.RISKY, Reason.TYPO_DOMAIN),
    ("ana@empresa.con", Status.RISKY, Reason.TYPO_DOMAIN),
    ("ana@gmail.es", Status.RISKY, Reason.TYPO_DOMAIN),
    ("ana@mailinator.com", Status.RISKY, Reason.DISPOSABLE),
    ("ana@inbox.yopmail.com", Status.RISKY, Reason.DISPOSABLE),
    ("ventas@empresa.es", Status.RISKY, Reason.ROLE_ACCOUNT),
    ("no-reply@empresa.es", Status.RISKY, Reason.ROLE_ACCOUNT),
    ("infoteca.juan@empresa.es", Status.VALID, None),
]


@pytest.mark.parametrize(("cell", "status", "reason"), REASON_CASES)
def test_reason_table(cell, status, reason):
    verdict = check_address(cell)
    assert (verdict.status, verdict.reason) == (status, reason)
    assert reason is None or verdict.detail


def test_every_offline_reason_is_in_the_table():
    offline = {Reason.EMPTY, Reason.MISSING_AT, Reason.SYNTAX, Reason.MULTIPLE_ADDRESSES,
               Reason.SPECIAL_USE_DOMAIN, Reason.UNKNOWN_TLD, Reason.TYPO_DOMAIN, Reason.DISPOSABLE,
               Reason.ROLE_ACCOUNT, Reason.NON_ASCII_LOCAL_PART}
    assert offline == {reason for *_, reason in REASON_CASES if reason is not None}


NORMALIZATION_CASES = [
    # (cell, normalized address)
    ("  ana@correo.es  ", "ana@correo.es"),
    ("\u00a0ana@correo.es\u00a0", "ana@correo.es"),
    ("\u200bana@correo.es\u200b", "ana@correo.es"),
    ("\tana@correo.es\r\n", "ana@correo.es"),
    ("ana@CORREO.ES", "ana@correo.es"),
    ("Ana.Perez@Correo.Es", "Ana.Perez@correo.es"),
    ("mailto:ana@correo.es", "ana@correo.es"),
    ("MAILTO:ana@correo.es?subject=Hola", "ana@correo.es"),
    ("<ana@correo.es>", "ana@correo.es"),
    ("Ana Pérez <ana@correo.es>", "ana@correo.es"),
    ('"Pérez, Ana" <ana@correo.es>', "ana@correo.es"),
    ("Ana <mailto:ana@correo.es>", "ana@correo.es"),
    ("jose@ESPAÑA.es", "jose@españa.es"),
    ("ana@XN--ESPAA-RTA.ES", "ana@xn--espaa-rta.es"),
]


@pytest.mark.parametrize(("cell", "address"), NORMALIZATION_CASES)
def test_normalization(cell, address):
    verdict = check_address(cell)
    assert verdict.address == address
    assert verdict.status is Status.VALID


def test_internationalized_domain_keeps_its_ascii_form_for_lookups():
    assert check_address("ana@españa.es").domain == "xn--espaa-rta.es"


def test_invalid_cells_are_cleaned_too():
    assert clean_cell("  Ana <ana..perez@CORREO.es> ") == "ana..perez@correo.es"
    assert check_address("  Ana <ana..perez@CORREO.es> ").address == "ana..perez@correo.es"


def test_syntax_detail_is_email_validators_sentence():
    detail = check_address("ana perez@correo.es").detail
    assert "SPACE" in detail and detail.endswith(".")


def test_reason_codes_and_statuses_match_the_contract():
    table = {reason.code: (reason.status.value if reason.status else None, reason.destination.value)
             for reason in Reason}
    assert table == {
        "empty": ("invalid", "rejected"), "missing_at": ("invalid", "rejected"),
        "syntax": ("invalid", "rejected"), "multiple_addresses": ("invalid", "rejected"),
        "special_use_domain": ("invalid", "rejected"), "unknown_tld": ("invalid", "rejected"),
        "domain_not_found": ("invalid", "rejected"), "null_mx": ("invalid", "rejected"),
        "no_mail_server": ("invalid", "rejected"), "suppressed": ("invalid", "rejected"),
        "non_ascii_local_part": ("risky", "rejected"), "typo_domain": ("risky", "rejected"), "disposable": ("risky", "rejected"),
        "role_account": ("risky", "clean"), "duplicate": (None, "rejected"),
        "dns_unknown": ("unknown", "clean"),
    }
