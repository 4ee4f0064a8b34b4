"""The golden run: ``examples/contactos.csv`` checked offline, outputs and JSON report kept byte for byte.

``python tests/golden/golden_run.py`` rewrites the expected files after a deliberate change; read the
diff before committing it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from listcheck import check_file

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "contactos.csv"
EXPECTED = Path(__file__).parent / "contactos"


def run_golden(folder: Path) -> dict[str, bytes]:
    """Check a copy of the example inside ``folder`` and return the produced files by name."""
    shutil.copyfile(EXAMPLE, folder / "contactos.csv")
    cwd = os.getcwd()
    os.chdir(folder)  # relative paths, so the JSON report is the same on every machine
    try:
        report = check_file("contactos.csv", dns=None, clock=lambda: 0.0)
    finally:
        os.chdir(cwd)
    return {
        "expected.clean.csv": (folder / "contactos.clean.csv").read_bytes(),
        "expected.rejected.csv": (folder / "contactos.rejected.csv").read_bytes(),
        "expected.json": report.to_json().encode("utf-8"),
    }


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as temporary:
        for name, content in run_golden(Path(temporary)).items():
            (EXPECTED / name).write_bytes(content)
            print(f"wrote {EXPECTED / name}")
