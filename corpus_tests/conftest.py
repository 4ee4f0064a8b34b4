"""The corpus suite: listcheck against the public labelled corpora that ``LISTCHECK_CORPORA`` names.

Run it from the project's folder with ``LISTCHECK_CORPORA=../shared/corpora pytest corpus_tests``; the
default ``pytest`` does not collect it (pyproject.toml's testpaths are tests and src). The corpora are
not part of the project and are never copied into it. Without them this suite fails at once, saying
what is missing: it never skips, because a suite that skips passes in CI with nothing checked.
"""

import csv
import os
import re
from pathlib import Path

import pytest

# Every file the suite reads; all are checked before any test runs.
SYNTAX_CORPORA = ("python_email_validator_syntax_cases.csv", "isemail_tests_original_v3.04.csv",
                  "isemail_tests_v3.05.csv", "validatorjs_isEmail_cases.csv", "go_net_mail_cases.csv",
                  "aftership_email_verifier_cases.csv")
NAUGHTY_STRINGS = "blns.txt"
CORPUS_FILES = (*SYNTAX_CORPORA, NAUGHTY_STRINGS)
HOW_TO_RUN = "run the corpus suite as LISTCHECK_CORPORA=../shared/corpora pytest corpus_tests"

_ESCAPE = re.compile(r"\\x([0-9a-fA-F]{2})|\\u([0-9a-fA-F]{4})")


def corpora_problem() -> str | None:
    """What keeps the suite from running, or None when every corpus file is there."""
    named = os.environ.get("LISTCHECK_CORPORA")
    if not named:
        return f"LISTCHECK_CORPORA is not set: {HOW_TO_RUN}"
    folder = Path(named)
    if not folder.is_dir():
        return f"LISTCHECK_CORPORA={named} is not a folder: {HOW_TO_RUN}"
    missing = [name for name in CORPUS_FILES if not (folder / name).is_file()]
    if missing:
        return f"LISTCHECK_CORPORA={named} lacks {', '.join(missing)}: {HOW_TO_RUN}"
    return None


def pytest_sessionstart(session):
    """A missing corpus ends the run before any test, with a non-zero status and one line that says why."""
    problem = corpora_problem()
    if problem is not None:
        pytest.exit(f"corpus suite: {problem}", returncode=pytest.ExitCode.TESTS_FAILED)


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory, monkeypatch):
    """No test writes to the user's cache folder (as in tests/conftest.py)."""
    monkeypatch.setenv("LISTCHECK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


def corpus(name: str) -> Path:
    """The path of a corpus file; only the files checked at the start may be read."""
    assert name in CORPUS_FILES, f"{name} is not in CORPUS_FILES, which the suite checks before it starts"
    return Path(os.environ["LISTCHECK_CORPORA"]) / name


@pytest.fixture(scope="session")
def syntax_corpus_addresses() -> list[str]:
    """Every address of the syntax corpora, control characters restored from their escaped form."""
    found = []
    for name in SYNTAX_CORPORA:
        with corpus(name).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                text = row.get("address") or row.get("input") or row.get("email") or ""
                escaped = row.get("address_escaped")
                if escaped:
                    text = _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), escaped)
                found.append(text)
    assert len(found) > 800
    return found


@pytest.fixture(scope="session")
def naughty_strings() -> list[str]:
    """Every string of the Big List of Naughty Strings (its comment and blank lines aside)."""
    lines = corpus(NAUGHTY_STRINGS).read_text(encoding="utf-8").split("\n")
    found = [line for line in lines if line and not line.startswith("#")]
    assert len(found) > 400
    return found
