"""Where a big offline run spends its time, step by step, judged in this process (no worker).

    python benchmarks/profile_run.py [--rows 500000]

Each step is timed where it is called (wall time, so the machine's noise shows). With the worker
(the default on a big file with two cores), the judging steps run beside the reading and writing
ones; the last line gives that run's wall time.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

STEPS = Counter[str]()


def timed(owner: Any, name: str, step: str) -> None:
    """Count the time spent in ``owner.name`` under ``step``."""
    function: Callable[..., Any] = getattr(owner, name)

    def measured(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            STEPS[step] += time.perf_counter() - started
    setattr(owner, name, measured)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=500_000)
    rows = parser.parse_args().rows
    spec = importlib.util.spec_from_file_location("speed", Path(__file__).with_name("speed.py"))
    assert spec is not None and spec.loader is not None
    speed = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(speed)

    started = time.perf_counter()
    from listcheck import check_file, judge
    from listcheck.checks import bulk
    from listcheck.engines import streaming
    from listcheck.reading import contacts, splitting
    from listcheck.reports import tally
    from listcheck.settings import OutputSettings
    from listcheck.writing import outputs
    STEPS["importing listcheck"] = time.perf_counter() - started

    timed(contacts, "detect_encoding", "encoding: reading the file through once")
    timed(splitting._SplitReader, "read", "splitting lines into records")
    timed(bulk, "plain_verdicts", "bulk checks (Arrow kernels)")
    timed(judge.RowJudge, "_judge_single", "single-cell checks (email-validator, typos, roles)")
    timed(judge.RowJudge, "mark_duplicates", "duplicates")
    timed(judge.RowJudge, "destinations", "destinations")
    timed(streaming, "rows_for_outputs", "rows to write")
    timed(outputs.CsvOutputs, "write", "writing")
    timed(tally.Tally, "add", "counting for the report")

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "lista.csv"
        with source.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(["nombre", "email", "ciudad", "telefono"])
            writer.writerows(speed.realistic_rows(rows))
        started = time.perf_counter()
        check_file(str(source), dns=None, output=OutputSettings(out_dir=folder), parallel=False)
        inline = time.perf_counter() - started
        print(f"rows: {rows:,}, judged in this process: {inline:.2f} s")
        measured = sum(STEPS.values()) - STEPS["importing listcheck"]
        for step, seconds in STEPS.most_common():
            print(f"  {step:52} {seconds:6.2f} s")
        print(f"  {'the rest (reading lines, padding, the loop)':52} {inline - measured:6.2f} s")
        started = time.perf_counter()
        check_file(str(source), dns=None, output=OutputSettings(out_dir=folder), parallel=True)
        print(f"the same with the judging worker: {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
