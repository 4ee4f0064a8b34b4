"""The bulk checks (Arrow kernels over a whole column) give each cell the verdict the single-cell
checks give it, on every input tried: 100,000 generated addresses made to sit on the pattern's edges
(tests/test_fast_path.py), role-like local parts, and a realistic list (the labelled corpora:
corpus_tests/)."""

import importlib.util
import random
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from listcheck.checks.addresses import _check, plain_domain_verdict
from listcheck.checks.bulk import plain_verdicts
from listcheck.checks.risk import DisposableDomains, role_words
from listcheck.checks.typos import default_knowledge

from .test_fast_path import generated_addresses


def realistic_rows(count: int) -> list[list[str]]:
    """The speed benchmark's realistic list (benchmarks/ is no package, and holds a dns.py)."""
    spec = importlib.util.spec_from_file_location(
        "speed_benchmark", Path(__file__).resolve().parents[1] / "benchmarks" / "speed.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rows: list[list[str]] = list(module.realistic_rows(count))
    return rows


def role_like_addresses(count: int, seed: int = 8) -> list[str]:
    """Local parts around the role words: separators inside, digits, prefixes, tags, capitals."""
    rng = random.Random(seed)
    words = sorted(role_words())
    found = []
    for _ in range(count):
        word = rng.choice(words)
        if rng.random() < 0.3:
            word = "".join(letter + rng.choice(["", "", "", ".", "-", "_"]) for letter in word).strip("._-")
        if rng.random() < 0.3:
            word += str(rng.randint(0, 99))
        if rng.random() < 0.3:
            word += rng.choice(".-_") + rng.choice(["madrid", "x", "9", "info"])
        if rng.random() < 0.3:
            word = rng.choice(["juan.", "a", "x-", "2", "_"]) + word
        if rng.random() < 0.3:
            word += "+" + rng.choice(["web", "a.b", "info", ""])
        if rng.random() < 0.2:
            word = word.upper()
        found.append(f"{word}@{rng.choice(['gmail.com', 'Empresa.ES', 'x.com', 'gmial.com', 'mailinator.com'])}")
    return found


def assert_bulk_agrees(cells: list[str]) -> int:
    """Every cell the bulk checks judge gets the single-cell verdict; returns how many they judged."""
    knowledge, disposable = default_knowledge(), DisposableDomains()
    addresses, verdicts, singles = plain_verdicts(
        cells, lambda domain: plain_domain_verdict(domain, knowledge, disposable))
    assert sorted(singles) == [offset for offset, verdict in enumerate(verdicts) if verdict is None]
    proven = 0
    for cell, address, verdict in zip(cells, addresses, verdicts):
        if verdict is None:
            continue
        proven += 1
        # The single-cell checks without their own fast path: email-validator decides the syntax.
        assert replace(verdict, address=address) == _check(cell, knowledge, disposable, fast=False), cell
    return proven


def test_bulk_verdicts_equal_single_cell_verdicts():
    """Where the bulk checks give a verdict, it is the single-cell checks' verdict."""
    cells = (list(generated_addresses(100_000)) + role_like_addresses(20_000)
             + [row[1] for row in realistic_rows(20_000)])
    assert assert_bulk_agrees(cells) > 40_000  # the bulk checks do take the plain addresses


def test_bulk_checks_do_not_import_pandas():
    """The bulk checks run without pandas (pyarrow's own conversions import it, a third of a second of
    every run)."""
    code = ("import sys\n"
            "from listcheck.judge import RowJudge\n"
            "RowJudge().offline(['ana@gmail.com', 'Ana@Gmail.COM', 'info2+web@x.es', 'x', ''])\n"
            "assert 'pandas' not in sys.modules\n")
    subprocess.run([sys.executable, "-c", code], check=True)
