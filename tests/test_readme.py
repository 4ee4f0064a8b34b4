"""The README says what the code does: its reason table and its options."""

import re
from pathlib import Path

from click.testing import CliRunner

from listcheck.cli import cli

README = (Path(__file__).parents[1] / "README.md").read_text("utf-8")


def test_reason_table_is_generated_from_the_code():
    import sys

    sys.path.insert(0, str(Path(__file__).parents[1] / "scripts"))
    from reason_table import reason_table

    assert reason_table() in README


def test_every_option_is_documented():
    help_text = CliRunner().invoke(cli, ["check", "--help"]).stdout
    options = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]+)", help_text)) - {"--help"}
    assert options, "no options found in --help"
    missing = sorted(option for option in options if f"`{option}" not in README and f" {option}" not in README)
    assert missing == []


def test_readme_starts_with_the_two_commands_ci_runs():
    commands = re.findall(r"```sh\n(.+)\n```", README)
    assert commands[0].endswith("listcheck check examples/contactos.csv --no-dns")
    ci = (Path(__file__).parents[1] / ".ci" / "run").read_text()
    assert commands[1] in ci
