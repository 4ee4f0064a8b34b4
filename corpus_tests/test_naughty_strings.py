"""The Big List of Naughty Strings through the command line, as addresses and as other cells: every
row lands once, in order, its other cell unchanged, its address normalized, with a status and reason
that agree (tests/landing.py)."""

import csv

from tests.landing import assert_every_row_lands_once, read_output, run_check


def test_every_naughty_string_as_address_and_as_another_cell(tmp_path, naughty_strings):
    """No naughty string is lost, changed (but for the address's tidying) or given a wrong verdict."""
    source = tmp_path / "blns.csv"
    records = [[text, text] for text in naughty_strings]
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["email", "nota"])
        writer.writerows(records)
    status, report = run_check(source, "--no-dns", "--annotate", "-q")
    assert status == 0
    clean, rejected = (read_output(tmp_path / name, ",") for name in ("blns.clean.csv", "blns.rejected.csv"))
    assert_every_row_lands_once(records, ["email", "nota"], 0, clean, rejected, report)
