"""What a run must do with every row, whatever the table, checked on its outputs and its JSON report:
each row lands exactly once, in input order, its other cells unchanged; its status and reason agree
with each other (src/listcheck/reasons.py), with the address's own verdict and with where it went;
the report's counts add up to the rows. For offline runs with the default policy and ``--annotate``."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

from listcheck import Reason, Status, check_address
from listcheck.cli import main

ANNOTATIONS = ["listcheck_row", "listcheck_status", "listcheck_reason", "listcheck_detail", "listcheck_suggestion"]


def run_check(source: Path, *options: str) -> tuple[int, dict | None]:
    """``listcheck check SOURCE OPTIONS``, in this process, with a JSON report beside the input: the
    exit status and the report (None when the run wrote none)."""
    report = source.parent / f"{source.stem}.report.json"
    report.unlink(missing_ok=True)
    status = main(["check", str(source), *options, "--report-json", str(report)])
    return status, json.loads(report.read_text(encoding="utf-8")) if report.exists() else None


def read_output(path: Path, delimiter: str, codec: str = "utf-8", bom: bytes = b"") -> list[list[str]]:
    """The records of an output file, which starts with the input's BOM."""
    data = path.read_bytes()
    assert data.startswith(bom)
    return list(csv.reader(io.StringIO(data[len(bom):].decode(codec), newline=""), delimiter=delimiter))


def expected_verdicts(cells: list[str]) -> list[tuple[str, str]]:
    """The (status, reason code) each address cell's row must get in an offline run with the default
    policy: its own verdict, unless it repeats an earlier row's address and its own verdict would keep
    it; then it is a duplicate, with the status of the address's first row."""
    first_status: dict[str, str] = {}
    expected = []
    for cell in cells:
        verdict = check_address(cell)
        own = (verdict.status.value, verdict.reason.code if verdict.reason else "")
        key = None if verdict.reason is Reason.EMPTY else verdict.comparison_key
        if key is not None and key in first_status and goes_to_clean(own[1]):
            expected.append((first_status[key], Reason.DUPLICATE.code))
        else:
            expected.append(own)
            if key is not None:
                first_status.setdefault(key, own[0])
    return expected


def goes_to_clean(code: str) -> bool:
    """Where the default policy sends a row with this reason ("" for none)."""
    return code == "" or Reason(code).destination.value == "clean"


def assert_every_row_lands_once(records: list[list[str]], header: list[str] | None, email_column: int,
                                clean: list[list[str]], rejected: list[list[str]], report: dict, *,
                                rows_above: int = 0) -> None:
    """``records`` (as written to the input, under ``header`` and ``rows_above`` rows left out, such as a
    title) against the outputs of an annotated run."""
    width = max([len(header or [])] + [len(record) for record in records])
    first_row = rows_above + (2 if header is not None else 1)
    # The outputs start with the input's header (padded to the widest row), or one made up for a file
    # without one, then the annotations' names.
    assert clean[0] == rejected[0] and clean[0][width:] == ANNOTATIONS
    if header is not None:
        assert clean[0][:width] == header + [""] * (width - len(header))
    clean, rejected = clean[1:], rejected[1:]
    expected = expected_verdicts([record[email_column] if email_column < len(record) else ""
                                  for record in records])
    landed: dict[int, tuple[str, list[str]]] = {}
    for name, output in (("clean", clean), ("rejected", rejected)):
        numbers = [int(line[width]) for line in output]
        assert numbers == sorted(numbers), f"the {name} file is out of input order"
        for line in output:
            assert len(line) == width + len(ANNOTATIONS)
            assert int(line[width]) not in landed, f"row {line[width]} is in both outputs"
            landed[int(line[width])] = (name, line)
    assert sorted(landed) == list(range(first_row, first_row + len(records)))  # every row, once

    statuses, reasons = Counter(), Counter()
    for number, record, (status, reason) in zip(range(first_row, first_row + len(records)), records, expected):
        went, line = landed[number]
        cells = list(record) + [""] * (width - len(record))
        cells[email_column] = check_address(cells[email_column]).address
        assert line[:width] == cells, f"row {number}: its cells changed"
        assert (line[width + 1], line[width + 2]) == (status, reason), f"row {number}: {line}"
        # The reason's status (reasons.py), but for a duplicate, which takes its first row's status.
        if reason and reason != Reason.DUPLICATE.code:
            assert Status(status) is Reason(reason).status
        elif not reason:
            assert status == Status.VALID.value
        assert went == ("clean" if goes_to_clean(reason) else "rejected"), f"row {number} went to {went}"
        statuses[status] += 1
        reasons[reason] += 1

    assert report["input"]["rows"] == len(records)
    assert report["counts"] == {status.value: statuses[status.value] for status in Status}
    assert report["reasons"] == {reason.code: reasons[reason.code] for reason in Reason}
    assert sum(report["counts"].values()) == len(records)
    assert sum(report["reasons"].values()) == len(records) - reasons[""]
    assert report["destinations"] == {"clean": len(clean), "rejected": len(rejected)}
