"""The fast path proves an address valid only where email-validator agrees, on every input tried:
the labelled corpora and 100,000 generated addresses made to sit on the pattern's edges."""

import csv
import os
import random
import re
from pathlib import Path

from email_validator import EmailNotValidError, validate_email

from email_validator import SPECIAL_USE_DOMAIN_NAMES

from listcheck.checks.addresses import _check, _proven_ascii_domain
from listcheck.checks.risk import DisposableDomains
from listcheck.checks.typos import default_knowledge

CORPORA = Path(os.environ.get("LISTCHECK_CORPORA", Path(__file__).resolve().parents[2] / "shared" / "corpora"))
_ESCAPE = re.compile(r"\\x([0-9a-fA-F]{2})|\\u([0-9a-fA-F]{4})")


def corpus_addresses() -> list[str]:
    """Every address of the syntax corpora; a missing corpus fails the test, loudly."""
    found = []
    for name in ["python_email_validator_syntax_cases.csv", "isemail_tests_original_v3.04.csv",
                 "isemail_tests_v3.05.csv", "validatorjs_isEmail_cases.csv", "go_net_mail_cases.csv",
                 "aftership_email_verifier_cases.csv"]:
        path = CORPORA / name
        assert path.exists(), f"{path} is missing: set LISTCHECK_CORPORA to the corpora folder"
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                text = row.get("address") or row.get("input") or row.get("email") or ""
                escaped = row.get("address_escaped")
                if escaped:
                    text = _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), escaped)
                found.append(text)
    assert len(found) > 800
    return found


ATEXT = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~"
EDGES = ["", ".", "..", "-", "--", "xn--", "@", " ", '"', "ñ", "é", "ж", "中", "\u200b", "\x00", "\t", "9", "_", "["]


def generated_addresses(count: int, seed: int = 66) -> list[str]:
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
        found.append(f"{local}@{domain}")
    return found


def library_ascii_domain(address: str) -> str | None:
    try:
        return validate_email(address, check_deliverability=False).ascii_domain
    except EmailNotValidError:
        return None


def test_fast_path_agrees_with_email_validator():
    addresses = corpus_addresses() + generated_addresses(100_000)
    knowledge, disposable = default_knowledge(), DisposableDomains()
    proven = 0
    for address in addresses:
        # listcheck's verdicts, with and without the fast path, are the same for every input...
        assert _check(address, knowledge, disposable, fast=True) == _check(address, knowledge, disposable, fast=False)
        domain = _proven_ascii_domain(address)
        if domain is None:
            continue
        proven += 1
        # ...and what the fast path proves, email-validator accepts (but for its reserved names, which
        # it refuses as syntax and listcheck as special_use_domain, right after the fast path).
        reserved = any(domain == name or domain.endswith("." + name) for name in SPECIAL_USE_DOMAIN_NAMES)
        assert library_ascii_domain(address) == (None if reserved else domain), address
    assert proven > 10_000  # the fast path does take most plain addresses
