"""A whole run checked byte for byte: clean file, rejected file and JSON report."""

from pathlib import Path

import pytest

from .golden.golden_run import EXPECTED, run_golden


@pytest.fixture(scope="module")
def produced(tmp_path_factory):
    return run_golden(tmp_path_factory.mktemp("golden"))


@pytest.mark.parametrize("name", ["expected.clean.csv", "expected.rejected.csv", "expected.json"])
def test_golden_run(produced, name):
    assert produced[name] == (EXPECTED / name).read_bytes()


def test_golden_outputs_partition_the_input(produced):
    source = (Path(EXPECTED).parents[2] / "examples" / "contactos.csv").read_bytes()
    data_lines = source.count(b"\r\n") - 1
    clean_lines = produced["expected.clean.csv"].count(b"\r\n") - 1
    rejected_lines = produced["expected.rejected.csv"].count(b"\r\n") - 1
    assert clean_lines + rejected_lines == data_lines
