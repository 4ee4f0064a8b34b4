"""The README's section on ``listcheck bounces`` says what the code does: its table of classes is
``events.REASON_CLASSES``, and its run of the examples is what the command prints today."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from listcheck.bounces.events import REASON_CLASSES, BounceClass
from listcheck.cli import cli

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
SECTION = README[README.index("## After a send: `listcheck bounces`"):README.index("## Python API")]


def test_the_table_of_classes_is_the_code_s() -> None:
    table = {match[0]: re.findall(r"`(\w+)`", match[1])
             for match in re.findall(r"^\| `(\w+)` \| ([^|]+) \|", SECTION, re.MULTILINE)}
    # Every class with reasons; "resumed" marks support's lift in the history, no bounce.
    assert table == {c.value: [r for r, k in REASON_CLASSES.items() if k is c] for c in BounceClass
                     if c is not BounceClass.RESUMED}


def test_the_run_shown_is_the_run_of_today(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    command = re.search(r"^listcheck bounces (.+)$", SECTION, re.MULTILINE)
    assert command is not None
    args = command[1].split()
    assert args[:2] == ["examples/rebotes.mbox", "examples/sendgrid-bounces.csv"]
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "100")
    result = CliRunner().invoke(cli, ["bounces", *(str(ROOT / a) if a.startswith("examples/") else a for a in args)],
                                terminal_width=100)
    assert result.exit_code == 0
    shown = SECTION.split("```text\n", 1)[1].split("```", 1)[0]
    assert result.stdout.split() == shown.split()
