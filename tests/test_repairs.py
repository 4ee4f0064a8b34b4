"""Repairs of addresses that syntax rejects: what is repaired, and above all what is left alone."""

import pytest
from email_validator import EmailNotValidError, validate_email
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from listcheck import Reason, Status, check_address
from listcheck.checks.normalize import clean_cell
from listcheck.checks.repairs import is_valid_syntax, repair
from listcheck.checks.typos import DomainKnowledge

KNOWLEDGE = DomainKnowledge()

AT_AS_DOT = [
    ("carmen.ruiz.gmail.com", "carmen.ruiz@gmail.com"),
    ("ana.gmail.com", "ana@gmail.com"),
    ("ana.hotmail.com.mx", "ana@hotmail.com.mx"),  # the longest known domain, not ana.hotmail@com.mx
    ("ana.lopez.yahoo.com.mx", "ana.lopez@yahoo.com.mx"),
    ("CARMEN.RUIZ.GMAIL.COM", "CARMEN.RUIZ@gmail.com"),  # the local part keeps its case
    ("ana.mail.ru", "ana@mail.ru"),  # a known domain whose name is a host word
    ("ana.web.de", "ana@web.de"),
    ("toño.gmail.com", "toño@gmail.com"),
    ("carmen.ruiz . gmail.com", "carmen.ruiz@gmail.com"),
    ("ana..gmail.com", "ana@gmail.com"),
]

AT_WORDS = [
    ("ana(arroba)gmail.com", "ana@gmail.com"),
    ("ana (arroba) gmail.com", "ana@gmail.com"),
    ("ana[arroba]gmail.com", "ana@gmail.com"),
    ("ana arroba gmail.com", "ana@gmail.com"),
    ("ana(at)gmail.com", "ana@gmail.com"),
    ("ana [at] gmail.com", "ana@gmail.com"),
    ("ana{at}gmail.com", "ana@gmail.com"),
    ("ana at gmail.com", "ana@gmail.com"),
    ("ana(a)gmail.com", "ana@gmail.com"),
    ("ANA (AT) GMAIL.COM", "ANA@gmail.com"),
    ("Ana [Arroba] Hotmail.Es", "Ana@hotmail.es"),
    ("ana ( at ) gmail.com", "ana@gmail.com"),
    ("ana at gmail dot com", "ana@gmail.com"),
    ("ana [at] gmail [dot] com", "ana@gmail.com"),
    ("ana(arroba)gmail(punto)com", "ana@gmail.com"),
    ("ana arroba hotmail punto com punto mx", "ana@hotmail.com.mx"),
    ("ana.lopez AT empresa DOT es", "ana.lopez@empresa.es"),  # an at-word needs no known domain
]

COMMAS = [
    ("ana@gmail,com", "ana@gmail.com"),
    ("ana@hotmail,com,mx", "ana@hotmail.com.mx"),
    ("ana@empresa,es", "ana@empresa.es"),
    ("ana,@gmail.com", "ana@gmail.com"),  # as a dot or as a separator: the same one address
    (",ana@gmail.com", "ana@gmail.com"),
    ("carmen.ruiz.gmail,com", "carmen.ruiz@gmail.com"),
]

MISSING_TLD_DOT = [
    ("ana@gmailcom", "ana@gmail.com"),
    ("ana@hotmailcom", "ana@hotmail.com"),
    ("ana@hotmailcommx", "ana@hotmail.com.mx"),
    ("ana@yahoocomar", "ana@yahoo.com.ar"),
    ("ana@hotmailes", "ana@hotmail.es"),
    ("ana@telefonicanet", "ana@telefonica.net"),
]

SPACES = [
    ("ana @gmail.com", "ana@gmail.com"),
    ("ana@ gmail.com", "ana@gmail.com"),
    ("ana @ gmail . com", "ana@gmail.com"),
    ("ana\u00a0@\tgmail.com", "ana@gmail.com"),  # a no-break space and a tab are spaces too
    ("ana@gmail. com", "ana@gmail.com"),
    ("ana@gmail , com", "ana@gmail.com"),
]

DOUBLED = [
    ("ana@@gmail.com", "ana@gmail.com"),
    ("ana@@@gmail.com", "ana@gmail.com"),
    ("ana@ @gmail.com", "ana@gmail.com"),
    ("ana@gmail..com", "ana@gmail.com"),
    ("ana..lopez@gmail.com", "ana.lopez@gmail.com"),
    ("ana...lopez@hotmail.com.mx", "ana.lopez@hotmail.com.mx"),
]

EDGE_DOTS = [
    ("ana@.gmail.com", "ana@gmail.com"),
    ("ana@gmail.com.", "ana@gmail.com"),
    ("ana@gmail.com..", "ana@gmail.com"),
    (".ana@gmail.com", "ana@gmail.com"),
    ("ana.@gmail.com", "ana@gmail.com"),
    ("..ana.lopez.@empresa.es", "ana.lopez@empresa.es"),
]

COMPOSED = [
    ("ana (arroba) gmail,com", "ana@gmail.com"),
    ("ana (arroba) gmailcom", "ana@gmail.com"),
    ("ana at gmail dot com.", "ana@gmail.com"),
    ("ANA @@ GMAIL,COM", "ANA@gmail.com"),
    ("ana. @ .gmail..com", "ana@gmail.com"),
    ("ana.lopez.@ hotmailcommx", "ana.lopez@hotmail.com.mx"),
    ("ana.lopez.@hotmail,commx", "ana.lopez@hotmail.commx"),  # a real name once the comma goes: the typo check's
    ("carmen..ruiz.gmail.com.", "carmen.ruiz@gmail.com"),
]

REPAIRED = AT_AS_DOT + AT_WORDS + COMMAS + MISSING_TLD_DOT + SPACES + DOUBLED + EDGE_DOTS + COMPOSED


@pytest.mark.parametrize(("cell", "expected"), REPAIRED)
def test_repaired(cell, expected):
    assert repair(cell, KNOWLEDGE) == expected


@pytest.mark.parametrize(("cell", "expected"), REPAIRED)
def test_what_is_repaired_is_rejected_today_and_valid_after(cell, expected):
    assert check_address(cell).reason in (Reason.MISSING_AT, Reason.SYNTAX)
    assert check_address(expected).status is not Status.INVALID


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        # Display names with accents, mailto links and blanks go first (normalize.clean_cell).
        ("José Pérez <jose.perez(arroba)gmail.com>", "jose.perez@gmail.com"),
        ("Ana Muñoz <ana.muñoz.gmail.com>", "ana.muñoz@gmail.com"),
        ("  \u00a0Íñigo Sáez <mailto:inigo.saez@@hotmail.es>", "inigo.saez@hotmail.es"),
        ("\"Peña, Ana\" <ana.pena@gmail,com>", "ana.pena@gmail.com"),
    ],
)
def test_repaired_after_cleaning(cell, expected):
    assert repair(clean_cell(cell), KNOWLEDGE) == expected


NOT_REPAIRED = [
    # Names, roles, digits, phone numbers: no address in them.
    "Ana Pérez", "ana", "ANA LOPEZ", "info@", "info", "12345", "+34 612 345 678", "612.345.678",
    "(+52) 55 1234 5678",
    # No local part, no domain, no top-level domain (which one would be a guess).
    "@gmail.com", "ana@", "@", "@@", "ana@gmail", "ana@empresa", "ana@hotmail", "ana lopez gmail",
    "ana at gmail", "(arroba)gmail.com", "ana(arroba)",
    # A dotless domain that is no known one; a dotted name whose end is no known domain.
    "ana@empresacom", "ana.empresa.es", "ana.gmail.com.ar", "ana.empresa.com.mx", "ana.gmailcom",
    # Host names and URLs, not mailboxes.
    "www.gmail.com", "gmail.com", "hotmail.com.mx", ".gmail.com", "https://gmail.com", "http://www.gmail.com",
    "https://ana.gmail.com", "smtp.gmail.com", "mail.google.com", "imap.gmail.com", "ana.mail.yahoo.com",
    "www2.hotmail.com", "gmail.com/ana",
    # A space or a comma inside the local part: ana.lopez? analopez? lopez after a cell "ana"?
    "ana lopez@gmail.com", "ana lopez.gmail.com", "ana lopez at gmail.com", "ana,lopez@gmail.com",
    "carmen,ruiz.gmail.com", "ana,gmail.com", "ana punto lopez arroba gmail punto com",
    # Two addresses, or two @ with text between them.
    "ana@gmail@hotmail.com", "ana@gmail.com@", "ana (at) gmail (at) hotmail.com", "ana@gmail.com pepe@gmail.com",
    "ana@gmail.com (at) casa", "ana(a)@gmail.com",
    # Dot words without an at-word, and a space inside the domain.
    "ana@gmail dot com", "ana@gm ail.com", "ana@gmail.com lopez",
    # Quoted local parts and domain literals: syntax refuses them, a repair does not bring them in.
    '"ana lopez" @gmail.com', "ana@[1,2,3,4]",
    # Naughty strings.
    "", " ", "null", "None", "undefined", "NaN", "#N/A", "-", "<script>alert(1)</script>",
    "'; DROP TABLE contactos; --", "ana%40gmail.com", "ana＠gmail．com", "\u202eana@gmail.com", "\u200b",
    "ana\x00@gmail.com", "😀", "ana@gmail.com\ud800", "Ω≈ç√∫", "(a)", "[at]", "at", " at ",
]

ALREADY_VALID = [
    "ana@gmail.com", "ana.lopez@empresa.es", "ANA@gmail.com", "ana@hotmail.commx", "ana@hotmailcom.mx",
    "info@gmail.com", "ana+listas@gmail.com", "a" * 65 + "@gmail.com",  # email-validator's own call
    "Ana@GMAIL.COM",  # a domain in capitals is no mistake: clean_cell lowers it
]


@pytest.mark.parametrize("cell", NOT_REPAIRED + ALREADY_VALID)
def test_not_repaired(cell):
    assert repair(cell, KNOWLEDGE) is None


def test_enough_cells_are_left_alone():
    assert len(NOT_REPAIRED) >= 25


@pytest.mark.parametrize(
    "cell",
    [
        "a" * 65 + "@@gmail.com",  # the repair would have a 65-octet local part
        "ñ" * 33 + "..@gmail.com",  # 33 characters, 66 octets
        "ana@@" + ".".join([*["a" * 60] * 4, "aaa"]) + ".com",  # 255 octets once repaired
        "ana (arroba) gmail.com" + " " * 500,  # no mistyped address is this long
    ],
)
def test_too_long_is_not_repaired(cell):
    assert repair(cell, KNOWLEDGE) is None


def test_254_octets_is_repaired():
    domain = ".".join([*["a" * 60] * 4, "aa"]) + ".com"
    assert len(repair("ana@@" + domain, KNOWLEDGE) or "") == 254
    assert len("ana@" + domain + "a") == 255  # the case above


def test_known_domains_of_the_list_count():
    knowledge = DomainKnowledge(known_domains=["empresa.es"])
    assert repair("ana.empresa.es", knowledge) == "ana@empresa.es"
    assert repair("ana@empresaes", knowledge) == "ana@empresa.es"


def test_two_known_domains_spelled_alike_get_none():
    knowledge = DomainKnowledge([], known_domains=["ab.cde", "abc.de"])
    assert repair("ana@abcde", knowledge) is None


def test_the_syntax_check_can_be_another():
    assert repair("ana@gmailcom", KNOWLEDGE, accepts=lambda address: False) is None
    assert repair("ana@gmail..com", KNOWLEDGE, accepts=lambda address: "gmail" not in address) is None
    assert repair("ana@gmail..com", KNOWLEDGE, accepts=lambda address: ".." not in address) == "ana@gmail.com"


# Text made of the pieces that repairs work on, to reach them more often than arbitrary text does.
PIECES = st.sampled_from(
    ["ana", "Ana", "lopez", "@", ".", ",", " ", "(", ")", "[", "]", "(arroba)", " at ", " dot ", "(a)", "gmail",
     "hotmail", "com", "mx", "es", "www", "ñ", "\u00a0", "..", "@@", "empresa", "yahoo", "/", ":", '"']
)
CELLS = st.one_of(st.text(), st.lists(PIECES, max_size=12).map("".join))


def _accepted(address: str) -> bool:
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(CELLS)
def test_a_repair_is_valid_and_final(text):
    for cell in (text, clean_cell(text)):
        repaired = repair(cell, KNOWLEDGE)
        if repaired is None:
            continue
        assert _accepted(repaired) and is_valid_syntax(repaired)
        assert len(repaired.rpartition("@")[0].encode("utf-8")) <= 64
        assert len(repaired.encode("utf-8")) <= 254
        assert repair(repaired, KNOWLEDGE) is None
        assert check_address(repaired).reason not in (Reason.MISSING_AT, Reason.SYNTAX, Reason.MULTIPLE_ADDRESSES)
