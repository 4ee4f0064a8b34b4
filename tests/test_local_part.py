"""The part before the @: letters outside ASCII (``non_ascii_local_part``) and the 64-octet limit."""

import pytest

from listcheck import Reason, Status, check_address
from listcheck.checks.normalize import without_accents
from listcheck.messages import speaking

ACCENTED = [
    # (cell, suggestion): the address without accents, its domain as typed
    ("josé@gmail.com", "jose@gmail.com"),
    ("maría.lópez@hotmail.es", "maria.lopez@hotmail.es"),
    ("MARÍA@Gmail.com", "MARIA@gmail.com"),
    ("núñez@telefonica.net", "nunez@telefonica.net"),
    ("joão.conceição@gmail.com", "joao.conceicao@gmail.com"),
    ("straße@web.de", "strasse@web.de"),
    ("søren@gmail.com", "soren@gmail.com"),
    ("łukasz@wp.pl", "lukasz@wp.pl"),
    ("ｊｏｓｅ@gmail.com", "jose@gmail.com"),  # full-width letters, pasted from a phone keyboard
    ("josé@müller.de", "jose@müller.de"),
    ("josé+curso@gmail.com", "jose+curso@gmail.com"),
    ("Ana Pérez <josé@gmail.com>", "jose@gmail.com"),
]

NO_ASCII_FORM = [
    # Another script: a transliteration would be a guess, so there is no suggestion.
    "олена@ukr.net",
    "иван@почта.рф",
    "δοκιμή@gmail.com",
    "用户@gmail.com",
    "josé.олена@gmail.com",
]


@pytest.mark.parametrize(("cell", "suggestion"), ACCENTED)
def test_accents_before_the_at_are_rejected_with_the_address_without_them(cell, suggestion):
    verdict = check_address(cell)
    assert (verdict.status, verdict.reason, verdict.suggestion) == (
        Status.RISKY, Reason.NON_ASCII_LOCAL_PART, suggestion)
    assert check_address(suggestion).reason is not Reason.NON_ASCII_LOCAL_PART
    assert suggestion in verdict.detail


@pytest.mark.parametrize("cell", NO_ASCII_FORM)
def test_other_scripts_before_the_at_get_no_suggestion(cell):
    verdict = check_address(cell)
    assert (verdict.status, verdict.reason, verdict.suggestion) == (Status.RISKY, Reason.NON_ASCII_LOCAL_PART, "")
    assert "Ask its owner" in verdict.detail


@pytest.mark.parametrize("cell", ["ana@müller.de", "ana@españa.es", "ivan@почта.рф", "ana@xn--mller-kva.de"])
def test_international_domains_stay_valid(cell):
    assert check_address(cell).status is Status.VALID


def test_a_misspelled_domain_wins_and_its_suggestion_drops_the_accents_too():
    verdict = check_address("josé@gmial.com")
    assert (verdict.reason, verdict.suggestion) == (Reason.TYPO_DOMAIN, "jose@gmail.com")


def test_an_invalid_domain_wins_over_the_accents():
    assert check_address("josé@correo.zzzq").reason is Reason.UNKNOWN_TLD
    assert check_address("josé@localhost").reason is Reason.SPECIAL_USE_DOMAIN


def test_a_role_mailbox_with_accents_is_rejected_for_the_accents():
    verdict = check_address("información@empresa.es")
    assert (verdict.reason, verdict.suggestion) == (Reason.NON_ASCII_LOCAL_PART, "informacion@empresa.es")


def test_the_sentence_speaks_spanish():
    with speaking("es"):
        detail = check_address("josé@gmail.com").detail
    assert detail.startswith("'josé' lleva acentos u otras letras especiales antes de la @") and "¿Querías decir jose@gmail.com?" in detail


@pytest.mark.parametrize(("text", "folded"), [
    ("María.López", "Maria.Lopez"), ("ÆØÅ", "AEOA"), ("œuvre", "oeuvre"), ("plain", "plain"), ("олена", None),
    ("José-Олена", None),
])
def test_without_accents(text, folded):
    assert without_accents(text) == folded


LOCAL_PARTS = [
    # (local part, status): RFC 5321 counts octets, so an accented letter counts twice
    ("a" * 64, Status.VALID),
    ("a" * 65, Status.INVALID),
    ("a.b" * 21 + "c", Status.VALID),  # 64 with dots
    ("a.b" * 21 + "cd", Status.INVALID),
    ("é" * 32, Status.RISKY),  # 64 octets: within the limit, but accents
    ("é" * 32 + "a", Status.INVALID),  # 33 characters, 65 octets
]


@pytest.mark.parametrize(("local", "status"), LOCAL_PARTS)
def test_a_local_part_over_64_octets_is_a_syntax_error(local, status):
    verdict = check_address(f"{local}@gmail.com")
    assert verdict.status is status
    if status is Status.INVALID:
        assert verdict.reason is Reason.SYNTAX
        octets = len(local.encode("utf-8"))
        assert verdict.detail == (f"The part before the @ has {octets} bytes; mail servers accept at most 64 "
                                  "(RFC 5321). Check the address with its owner.")
