"""Speed of the typo corrector: 100,000 distinct domains judged, against a baseline in the same run.

    python benchmarks/typo_speed.py [--domains 100000]

Target (issue 3): at most 5 s for 100k distinct domains on this machine. Machines are noisy, so the
baseline, email-validator's syntax check of one address at each domain, runs in the same process
and the ratio is printed too.
"""

from __future__ import annotations

import argparse
import random
import string
import time

from email_validator import EmailNotValidError, validate_email

from listcheck.checks.typos import DomainKnowledge, load_mail_domains

TLDS = ["com", "es", "net", "org", "mx", "com.ar", "co", "ru", "ua", "com.br", "con", "cmo", "de", "fr", "info"]


def realistic_domains(count: int, seed: int = 20261127) -> list[str]:
    """Distinct domains: companies and universities, provider domains, and providers with slips."""
    rng = random.Random(seed)
    providers = [entry.domain for entry in load_mail_domains()]
    found: set[str] = set()
    while len(found) < count:
        roll = rng.random()
        if roll < 0.1:
            domain = rng.choice(providers)
            name, _, suffix = domain.partition(".")
            position = rng.randrange(len(name))
            slipped = name[:position] + rng.choice(string.ascii_lowercase) + name[position + 1:]
            found.add(f"{slipped}.{suffix}")
        elif roll < 0.15:
            found.add(rng.choice(providers))
        else:
            length = rng.randint(4, 14)
            name = "".join(rng.choice(string.ascii_lowercase + "-") for _ in range(length)).strip("-") or "x"
            found.add(f"{name}.{rng.choice(TLDS)}")
    return sorted(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--domains", type=int, default=100_000)
    count = parser.parse_args().domains
    domains = realistic_domains(count)

    started = time.perf_counter()
    for domain in domains:
        try:
            validate_email(f"ana@{domain}", check_deliverability=False)
        except EmailNotValidError:
            pass
    baseline = time.perf_counter() - started

    knowledge = DomainKnowledge()
    started = time.perf_counter()
    suggestions = sum(1 for domain in domains if knowledge.suggest(domain) is not None)
    ours = time.perf_counter() - started

    print(f"distinct domains: {len(domains)}")
    print(f"baseline, email-validator syntax check of one address per domain: {baseline:.2f} s")
    print(f"listcheck typo judgement of every domain: {ours:.2f} s ({suggestions} suggestions)")
    print(f"ratio listcheck / baseline: {ours / baseline:.2f}")
    print(f"target: at most 5 s: {'met' if ours <= 5 else 'NOT met'}")


if __name__ == "__main__":
    main()
