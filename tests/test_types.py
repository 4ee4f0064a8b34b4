"""The package type-checks under mypy --strict (cheap insurance for a library others import)."""

import subprocess
import sys
from pathlib import Path


def test_mypy_strict():
    source = Path(__file__).parents[1] / "src" / "listcheck"
    result = subprocess.run([sys.executable, "-m", "mypy", "--strict", str(source)], check=False, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout + result.stderr
