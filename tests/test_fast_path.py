"""The fast path proves an address valid only where email-validator agrees, on 100,000 generated
addresses made to sit on the pattern's edges (the labelled corpora: corpus_tests/).

Where the fast path does not prove an address, ``_check`` runs the same code with and without it:
only the addresses it proves are compared. That the comparison has teeth is a test too: the generated
addresses hold one that each plausible mistake in the pattern would wrongly prove."""

import random
import re
from functools import cache

import pytest
from email_validator import SPECIAL_USE_DOMAIN_NAMES, EmailNotValidError, validate_email

from listcheck.checks.addresses import _check, _proven_ascii_domain
from listcheck.checks.normalize import clean_cell
from listcheck.checks.risk import DisposableDomains
from listcheck.checks.typos import default_knowledge

ATEXT = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~"
EDGES = ["", ".", "..", "-", "--", "xn--", "@", " ", '"', "ñ", "é", "ж", "中", "\u200b", "\x00", "\t", "9", "_", "["]


@cache
def generated_addresses(count: int, seed: int = 66) -> tuple[str, ...]:
    """Addresses near the pattern's borders: dots at the edges, long parts, hyphens, IDN, quotes, unicode."""
    rng = random.Random(seed)

    def word(alphabet: str, low: int, high: int) -> str:
        return "".join(rng.choice(alphabet) for _ in range(rng.randint(low, high)))

    def label() -> str:
        roll = rng.random()
        if roll < 0.05:
            return "xn--" + word("abcdefghijklmnopqrstuvwxyz0123456789", 1, 10)
        if roll < 0.1:
            return word("abcdefghijklmnopqrstuvwxyz0123456789-", 1, 70)
        if roll < 0.15:
            return word("abcdefghijklmnopqrstuvwxyzñéжü", 1, 8)
        return word("abcdefghijklmnopqrstuvwxyz0123456789-", 1, 12)

    found = []
    for _ in range(count):
        local = ".".join(word(ATEXT, 0, 30) for _ in range(rng.randint(1, 4)))
        if rng.random() < 0.1:
            local = rng.choice(EDGES) + local + rng.choice(EDGES)
        if rng.random() < 0.05:
            local = f'"{local}"'
        labels = [label() for _ in range(rng.randint(1, 5))]
        tld = rng.choice(["com", "es", "c0m", "x", "museum", "xn--p1ai", "123", "a" * 64, "technology"])
        domain = ".".join(labels + [tld])
        if rng.random() < 0.1:
            domain = rng.choice(EDGES) + domain + rng.choice(EDGES)
        if rng.random() < 0.05:
            domain = domain.upper()
        if rng.random() < 0.03:  # about the 254-character limit, from parts the pattern accepts
            local, domain, target = word(ATEXT, 1, 64), "com", rng.randint(240, 262)
            while len(local) + len(domain) < target:
                domain = word("abcdefghijklmnopqrstuvwxyz0123456789", 1, 63) + "." + domain
        found.append(f"{local}@{domain}")
    return tuple(found)


def library_ascii_domain(address: str) -> str | None:
    try:
        return validate_email(address, check_deliverability=False).ascii_domain
    except EmailNotValidError:
        return None


def agrees_with_email_validator(address: str, domain: str) -> bool:
    """Whether email-validator accepts ``address`` with this ASCII domain (but for its reserved names,
    which it refuses as syntax and listcheck as special_use_domain, right after the fast path)."""
    reserved = any(domain == name or domain.endswith("." + name) for name in SPECIAL_USE_DOMAIN_NAMES)
    return library_ascii_domain(address) == (None if reserved else domain)


def assert_fast_path_agrees(addresses) -> int:
    """Every address the fast path proves gets the verdict it gets without the fast path, and
    email-validator accepts it with the same domain; returns how many addresses were proven."""
    knowledge, disposable = default_knowledge(), DisposableDomains()
    proven = 0
    for address in addresses:
        cleaned = clean_cell(address)  # what ``_check`` hands the fast path
        domain = _proven_ascii_domain(cleaned)
        if domain is None:
            continue  # the fast path is not taken: ``_check`` runs the same code either way
        proven += 1
        assert _check(address, knowledge, disposable, fast=True) == _check(address, knowledge, disposable,
                                                                           fast=False), address
        assert agrees_with_email_validator(cleaned, domain), cleaned
    return proven


def test_fast_path_agrees_with_email_validator():
    """Where the fast path is taken, it changes no verdict and proves only what email-validator accepts."""
    proven = assert_fast_path_agrees(generated_addresses(100_000))
    assert proven > 15_000  # the fast path does take the plain addresses: the comparison is not vacuous


def test_plain_addresses_take_the_fast_path():
    """The fast path is taken for the common case (else the comparison above would prove little)."""
    for address in ["ana@correo.es", "Ana.Perez+web@mail.empresa-x.com", "o'brien@x1.museum", "a_b@b.technology"]:
        assert _proven_ascii_domain(address) == address.rpartition("@")[2]


_ATEXT = r"[a-zA-Z0-9_!#$%&'*+/=?^`{|}~-]"
_LOCAL = rf"{_ATEXT}+(?:\.{_ATEXT}+)*"
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_TLD = r"[a-z]{2,63}"


def _pattern(local=_LOCAL, label=_LABEL, tld=_TLD, total_limit=254, double_hyphen=False):
    """A fast path like listcheck's, with one of its rules changed."""
    compiled = re.compile(rf"{local}@((?:{label}\.)+{tld})")

    def proven(address: str) -> str | None:
        match = compiled.fullmatch(address)
        if (match is None or len(address) > total_limit or address.index("@") > 64
                or (not double_hyphen and "--" in match.group(1))):
            return None
        return match.group(1)
    return proven


# (A local part over 64 characters and a one-letter top-level domain are no such mistakes:
# email-validator accepts both, so a fast path that proved them would change no verdict.)
MISTAKES = [
    ("an address over 254 characters", _pattern(total_limit=1000)),
    ("'--' in the domain (IDNA hyphen rules, punycode)", _pattern(double_hyphen=True)),
    ("a label over 63 characters", _pattern(label=r"[a-z0-9](?:[a-z0-9-]{0,70}[a-z0-9])?")),
    ("a label that starts or ends with a hyphen", _pattern(label=r"[a-z0-9-]{1,63}")),
    ("capitals in the domain (the ASCII domain is lower case)",
     _pattern(label=r"[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?", tld=r"[a-zA-Z]{2,63}")),
    ("a top-level domain with digits", _pattern(tld=r"[a-z0-9]{2,63}")),
    ("a top-level domain over 63 characters", _pattern(tld=r"[a-z]{2,64}")),
    ("dots anywhere in the local part", _pattern(local=r"[a-zA-Z0-9_!#$%&'*+/=?^`{|}~.-]+")),
    ("non-ASCII letters in the domain", _pattern(label=r"[a-z0-9ñéжü](?:[a-z0-9ñéжü-]{0,61}[a-z0-9ñéжü])?")),
    ("a quoted local part", _pattern(local=rf'(?:{_LOCAL}|"[^"]*")')),
]


@pytest.mark.parametrize(("mistake", "wrong_fast_path"), MISTAKES, ids=[m for m, _ in MISTAKES])
def test_the_generated_addresses_catch_each_plausible_mistake(mistake, wrong_fast_path):
    """For each way the pattern could be too loose, some generated address would be proven wrongly:
    the differential above would fail on it."""
    caught = next((address for address in generated_addresses(100_000)
                   if (domain := wrong_fast_path(address)) is not None and _proven_ascii_domain(address) is None
                   and not agrees_with_email_validator(address, domain)), None)
    assert caught is not None, f"no generated address shows {mistake}"
