"""The package stays a house a newcomer can live in: data flows one way (no module imports another
that imports it back, in functions included), no module over 450 lines, no function over 80, and
the library never reaches for the terminal."""

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("module_map", ROOT / "scripts" / "module_map.py")
assert _spec is not None and _spec.loader is not None
module_map = importlib.util.module_from_spec(_spec)
sys.modules["module_map"] = module_map  # its dataclasses look themselves up there
_spec.loader.exec_module(module_map)
MODULES = module_map.modules(ROOT / "src" / "listcheck")


def test_the_map_sees_every_module():
    assert len(MODULES) > 30 and any(module.name == "listcheck.checks.bulk" for module in MODULES)


def test_no_import_cycle():
    assert module_map.import_cycles(MODULES) == []


def test_the_cycle_finder_finds_a_cycle(tmp_path):
    package = tmp_path / "listcheck"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("def f():\n    from listcheck.b import g\n")
    (package / "b.py").write_text("from listcheck import a\n")
    assert module_map.import_cycles(module_map.modules(package)) == [["listcheck.a", "listcheck.b", "listcheck.a"]]


@pytest.mark.parametrize("module", MODULES, ids=lambda module: module.name)
def test_modules_and_functions_stay_small(module):
    assert module.lines <= module_map.MAX_MODULE_LINES, f"{module.name}: {module.lines} lines"
    name, length = module.longest_function
    assert length <= module_map.MAX_FUNCTION_LINES, f"{module.name}.{name}: {length} lines"


# The command line: cli.py, and cli_help.py, which says click's help and errors in the run's language.
COMMAND_LINE = ("listcheck.cli", "listcheck.cli_help")


@pytest.mark.parametrize("module", [m for m in MODULES if m.name not in COMMAND_LINE], ids=lambda module: module.name)
def test_only_the_command_line_knows_click_and_rich_consoles(module):
    text = module.path.read_text(encoding="utf-8")
    assert "import click" not in text and "from click" not in text
    if not module.name.startswith("listcheck.reports.terminal"):
        assert "from rich" not in text and "import rich" not in text


def test_importing_from_the_bare_package_is_a_cycle(tmp_path):
    package = tmp_path / "listcheck"
    package.mkdir()
    (package / "__init__.py").write_text("from listcheck.a import f\n__version__ = '1'\n")
    (package / "a.py").write_text("from listcheck import __version__\n")
    assert module_map.import_cycles(module_map.modules(package)) == [["listcheck", "listcheck.a", "listcheck"]]
