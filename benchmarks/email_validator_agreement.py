"""Agreement of ``check_address`` with email-validator on its own test suite.

Runs the rows of ``../shared/corpora/python_email_validator_syntax_cases.csv`` whose label holds under
email-validator's default options through ``check_address`` and prints how often the two agree on
valid/invalid. Each differing row is then put in one category by what causes it, checked by running
email-validator itself, never by matching its wording:

- label: email-validator (the installed version, default options) does not do what the corpus row
  says, so the row's label is not the library's behaviour;
- surrounding whitespace: the only difference between the raw cell and what listcheck judges is
  whitespace (spaces, tabs, line breaks) around the address, which listcheck removes before judging
  (CONTRACT.md, Writing), and the library accepts the address without it;
- domain policy: the library accepts the address and listcheck rejects it with one of its own
  domain checks (``special_use_domain`` for the RFC 2606 example domains, ``unknown_tld``);
- unexplained: anything else. This must be zero.

    python benchmarks/email_validator_agreement.py [--corpora ../shared/corpora]
"""

from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

from email_validator import EmailNotValidError, validate_email

from listcheck import Reason, check_address
from listcheck.checks.normalize import clean_cell

# Labels that describe email-validator's behaviour with default options. The others ("valid when
# allow_quoted_local=True", "invalid when allow_smtputf8=False", ...) describe other settings.
DEFAULT_OPTION_LABELS = (
    "invalid (special-use", "invalid (test_environment", "invalid by default", "invalid with default",
    "rejected by default", "rejected even", "rejected with any", "valid by default",
    "valid only when SMTPUTF8 allowed (default True)", "valid with any", "valid with default",
)
_ESCAPE = re.compile(r"\\x([0-9a-fA-F]{2})|\\u([0-9a-fA-F]{4})")


def unescape(text: str) -> str:
    """The corpus writes unprintable characters as \\xNN or \\uNNNN in ``address_escaped``."""
    return _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def library_accepts(address: str) -> bool:
    """email-validator's own verdict with default options and no DNS."""
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


def cause_of_difference(address: str, expected_valid: bool, listcheck_reason: Reason | None) -> str:
    """Why listcheck's verdict differs from the corpus label (see the module docstring)."""
    if library_accepts(address) != expected_valid:
        return "label"
    cleaned = clean_cell(address)
    if not expected_valid and listcheck_reason is None and cleaned == address.strip() and library_accepts(cleaned):
        return "surrounding whitespace"
    if expected_valid and listcheck_reason in (Reason.SPECIAL_USE_DOMAIN, Reason.UNKNOWN_TLD):
        return "domain policy"
    return "unexplained"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", default=str(Path(__file__).resolve().parents[2] / "shared" / "corpora"))
    corpus = Path(parser.parse_args().corpora) / "python_email_validator_syntax_cases.csv"
    with corpus.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["condition"].startswith(DEFAULT_OPTION_LABELS)]

    differing = []
    for row in rows:
        address = row["address"] or unescape(row["address_escaped"])
        expected_valid = row["expected_valid"] == "true"
        verdict = check_address(address)
        if verdict.is_valid != expected_valid:
            differing.append((row, verdict, cause_of_difference(address, expected_valid, verdict.reason)))

    agreeing = len(rows) - len(differing)
    print(f"default-options rows: {len(rows)}")
    print(f"agreement on valid/invalid: {agreeing}/{len(rows)} = {100 * agreeing / len(rows):.1f}%")
    causes = ["label", "surrounding whitespace", "domain policy", "unexplained"]
    for cause in causes:
        rows_here = [(row, verdict) for row, verdict, found in differing if found == cause]
        print(f"differing rows caused by {cause}: {len(rows_here)}")
        for row, verdict in rows_here:
            expected = "valid" if row["expected_valid"] == "true" else "invalid"
            reason = verdict.reason.code if verdict.reason else "-"
            print(f"  {row['address_escaped']!r}: corpus says {expected}; listcheck {verdict.status.value} "
                  f"({reason}: {verdict.detail or verdict.address})")
    explained = len(rows) - sum(1 for *_, cause in differing if cause == "unexplained")
    print(f"agreement once explained differences are set aside: {explained}/{len(rows)} = "
          f"{100 * explained / len(rows):.1f}%")


if __name__ == "__main__":
    main()
