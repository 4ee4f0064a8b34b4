"""How well listcheck's typo corrector does on the public typo suites and on a realistic generated
list, and what it leaves alone: the current rules (``DomainKnowledge(keyboard=False)``) and the
keyboard model (the default) side by side, in one run.

    python benchmarks/typo_evaluation.py [--corpora ../shared/corpora] [--rows 12000] [--seed 18] [--verbose]

Reads the email_typo gem, mailcheck, zootools and AfterShip suites and the regional provider list in
``../shared/corpora``, and judges each distinct domain with ``DomainKnowledge.suggest``. Every row
lands in one bucket, printed with its count:

- scored: the expected correction is a domain in our knowledge (``data/mail_domains.csv``); recall is
  the share of these whose suggestion is exactly the expected domain.
- TLD-only: an unknown domain whose expected correction changes only a top-level domain that does not
  exist (empresa.con -> empresa.com); scored separately.
- must not flag: a domain the suite expects unchanged, and every domain of the regional provider list;
  a false flag is any suggestion for one of them.
- excluded, each with its cause: a target outside our knowledge (the suites' own lists), the gem's
  .gob -> .gov rows (gob.mx and gob.es are real for our users), the gem's rows that "correct" real
  country domains (.cm, .et, .ne, .om), inputs that are syntax errors rather than domain typos, and
  the suites' rows about a name or a TLD alone rather than a domain.

Then the generated lists of ``realistic_typos.py`` (a Spanish-speaking and a Ukrainian-speaking
audience, keyboard slips of their providers, company and school domains, real-domain traps), each
address judged whole by ``check_address``.
"""

from __future__ import annotations

import argparse
import csv
import time
from collections import Counter
from pathlib import Path

import realistic_typos

from listcheck import Reason, check_address
from listcheck.checks.tlds import tld_exists
from listcheck.checks.typos import (
    COMMON_SECOND_LEVEL,
    COMMON_TLDS,
    GENERIC_TLDS,
    DomainKnowledge,
    load_mail_domains,
    split_domain,
)

# Names a provider uses under one suffix only (gmail, icloud): a typed other suffix is no TLD slip.
BRANDS = {split_domain(entry.domain)[0] for entry in load_mail_domains() if entry.brand}


def domain_of(text: str) -> str:
    return text.strip().rpartition("@")[2].strip().lower()


def is_domain(domain: str) -> bool:
    """Whether an address at this domain passes the syntax checks (so a typo there is a domain typo)."""
    verdict = check_address(f"x@{domain}")
    return bool(domain) and verdict.reason not in (Reason.SYNTAX, Reason.MISSING_AT, Reason.EMPTY,
                                                     Reason.MULTIPLE_ADDRESSES)


def corpus_rows(corpora: Path) -> list[tuple[str, str, str, str]]:
    """(source, input domain, expected domain or "", note) for every row of the typo suites."""
    rows = []
    with (corpora / "typo_email_typo_gem.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            expected = domain_of(row["expected_output"]) if row["expected_output"] else ""
            if row["expectation"].startswith("unchanged"):
                expected = domain_of(row["input_address"])
            note = "must change" if row["expectation"].startswith("must be changed") else ""
            rows.append(("email_typo gem", domain_of(row["input_address"]), expected, note))
    for name, source in [("typo_mailcheck_spec.csv", "mailcheck"), ("typo_zootools_spec.csv", "zootools")]:
        with (corpora / name).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if row["input_kind"] in ("second_level_domain", "top_level_domain"):
                    rows.append((source, row["input"], row["expected_suggestion"], "part of a domain"))
                    continue
                if "limitation" in row["note"]:
                    rows.append((source, row["input"], "", "limitation"))
                    continue
                given = domain_of(row["input"])
                expected = domain_of(row["expected_suggestion"]) if row["expected_suggestion"] else given
                rows.append((source, given, expected, ""))
    with (corpora / "typo_aftership_suggestion.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            given = row["input_domain"].strip().lower()
            rows.append(("aftership", given, row["expected_suggestion"] or given, ""))
    return rows


def bucket(knowledge: DomainKnowledge, given: str, expected: str, note: str) -> str:
    if note == "part of a domain":
        return "excluded: a name or TLD alone, not a domain"
    if note == "limitation":
        return "excluded: the suite records a limitation of its own tool, not an expectation"
    if note == "must change":
        return "excluded: 'corrects' a real country domain (.cm .et .ne .om)"
    if not is_domain(given):
        return "excluded: a syntax error, not a domain typo"
    if given == expected:
        return "must not flag"
    if ".gob" in given and ".gov" in expected:
        return "excluded: .gob -> .gov (gob.mx, gob.es are real)"
    if knowledge.provider(expected):
        return "scored"
    name, suffix = split_domain(expected)
    typed_head = given[: len(expected) - len(suffix)]
    fixable = suffix in GENERIC_TLDS + COMMON_TLDS + COMMON_SECOND_LEVEL
    if typed_head == expected[: -len(suffix)] and fixable and name not in BRANDS and not tld_exists(given):
        return "TLD-only"
    return "excluded: target outside our knowledge"


def score_suites(knowledge: DomainKnowledge, rows: list[tuple[str, str, str, str]]) -> tuple[Counter[str], Counter[str], list[str]]:
    """Buckets, hits per bucket and the misses and false flags of one model on the suites' rows."""
    buckets: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    problems = []
    for source, given, expected, note in rows:
        kind = bucket(knowledge, given, expected, note)
        buckets[kind] += 1
        if kind in ("scored", "TLD-only"):
            got = knowledge.suggest(given)
            if got == expected:
                hits[kind] += 1
            else:
                problems.append(f"  miss ({kind}, {source}): {given} -> {got}, expected {expected}")
        elif kind == "must not flag":
            got = knowledge.suggest(given)
            if got is not None:
                hits["false flags"] += 1
                problems.append(f"  FALSE FLAG ({source}): {given} -> {got}")
    return buckets, hits, problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", default=str(Path(__file__).resolve().parents[2] / "shared" / "corpora"))
    parser.add_argument("--rows", type=int, default=12_000, help="rows of each generated list")
    parser.add_argument("--seed", type=int, default=18, help="seed of the generated lists")
    parser.add_argument("--verbose", action="store_true", help="print every miss and false flag")
    arguments = parser.parse_args()
    corpora = Path(arguments.corpora)

    rows = corpus_rows(corpora)
    with (corpora / "lists" / "regional_provider_domains.csv").open(encoding="utf-8", newline="") as handle:
        rows += [("regional provider list", r["domain"].strip().lower(), r["domain"].strip().lower(), "")
                 for r in csv.DictReader(handle)]

    print(f"public typo suites: {len(rows)} rows")
    models = {"current rules (keyboard off)": DomainKnowledge(keyboard=False), "keyboard model": DomainKnowledge()}
    for model, knowledge in models.items():
        started = time.perf_counter()
        buckets, hits, problems = score_suites(knowledge, rows)
        elapsed = time.perf_counter() - started
        if model == next(iter(models)):
            for kind, count in sorted(buckets.items()):
                print(f"  {kind}: {count}")
        print(f"{model} ({elapsed:.2f} s):")
        for kind in ("scored", "TLD-only"):
            total = buckets[kind]
            print(f"  recall ({kind}, exact suggestion): {hits[kind]}/{total} = "
                  f"{100 * hits[kind] / max(total, 1):.1f}%")
        print(f"  false flags (must not flag): {hits['false flags']}/{buckets['must not flag']}")
        for line in problems if arguments.verbose else [p for p in problems if "FALSE" in p]:
            print(line)

    print()
    print("\n".join(realistic_typos.run(arguments.rows, arguments.seed, verbose=arguments.verbose)))


if __name__ == "__main__":
    main()
