"""What `pip install .` ships: every data file the package reads must be in the wheel."""

import fnmatch
import tomllib
from pathlib import Path

ROOT = Path(__file__).parents[1]


def test_every_data_file_is_declared_as_package_data():
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["listcheck"]
    data = ROOT / "src" / "listcheck" / "data"
    files = [path.relative_to(data.parent).as_posix() for path in data.iterdir() if path.is_file()]
    assert files
    assert [f for f in files if not any(fnmatch.fnmatch(f, pattern) for pattern in patterns)] == []
