"""The Big List of Naughty Strings through the command line, as addresses and as other cells: every
row lands once, its other cell unchanged, its address normalized, with a reason from the contract."""

import csv
import io
from pathlib import Path

from click.testing import CliRunner

from listcheck import Reason, check_address
from listcheck.cli import cli


def read_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8"), newline="")))


def test_every_naughty_string_as_address_and_as_another_cell(tmp_path, naughty_strings):
    """No naughty string is lost, changed (but for the address's tidying) or given an unknown reason."""
    source = tmp_path / "blns.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["email", "nota"])
        writer.writerows([[text, text] for text in naughty_strings])
    result = CliRunner().invoke(cli, ["check", str(source), "--no-dns", "--annotate", "-q"])
    assert result.exit_code == 0, result.output
    clean, rejected = read_rows(tmp_path / "blns.clean.csv")[1:], read_rows(tmp_path / "blns.rejected.csv")[1:]
    landed = {int(row[2]): row for row in clean + rejected}
    assert len(landed) == len(clean) + len(rejected) == len(naughty_strings)
    for number, text in enumerate(naughty_strings, start=2):
        row = landed[number]
        assert row[1] == text  # the other cell, exactly
        assert row[0] == check_address(text).address
        assert row[4] in {reason.code for reason in Reason} | {""}
