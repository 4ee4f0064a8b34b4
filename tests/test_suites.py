"""The two suites: this one needs nothing beside the project; the corpus suite (corpus_tests/) is run
only when asked for, and fails, saying why, when its corpora are not where LISTCHECK_CORPORA says."""

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_the_default_run_does_not_collect_the_corpus_suite():
    testpaths = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]["testpaths"]
    assert testpaths == ["tests", "src"]


def test_this_suite_reads_no_corpus():
    """No file of tests/ names the corpora: a fresh clone with nothing beside it passes."""
    for path in Path(__file__).parent.rglob("*.py"):
        if path.name != "test_suites.py":
            text = path.read_text(encoding="utf-8")
            assert "LISTCHECK_CORPORA" not in text and "shared" + "/corpora" not in text, path


@pytest.mark.parametrize(("corpora", "said"), [
    (None, "LISTCHECK_CORPORA is not set"),
    ("empty", "lacks python_email_validator_syntax_cases.csv"),
], ids=["unset", "a folder without the corpora"])
def test_the_corpus_suite_fails_loudly_without_its_corpora(tmp_path, corpora, said):
    """It ends at once with a failing status and says what is missing, rather than skipping."""
    env = {name: value for name, value in os.environ.items() if name != "LISTCHECK_CORPORA"}
    if corpora is not None:
        env["LISTCHECK_CORPORA"] = str(tmp_path)
    run = subprocess.run([sys.executable, "-m", "pytest", "corpus_tests", "-q", "-p", "no:cacheprovider"], cwd=ROOT,
                         env=env, capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == pytest.ExitCode.TESTS_FAILED, run.stdout + run.stderr
    assert "corpus suite: " in run.stderr and said in run.stderr
    assert "passed" not in run.stdout and "skipped" not in run.stdout
