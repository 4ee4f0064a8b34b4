"""``check --engine dask``: a run on a Dask cluster writes what a run in this process writes (the same
bytes for CSV, the same rows for Parquet), whatever the input is cut into and whatever happens to a
worker; bad input and a cluster that cannot work end in one line with the usual exit status and
leave nothing behind; and nothing of Dask is loaded without ``--engine``.

The runs share the session's cluster (``--scheduler``); the paths they are given are absolute,
because the workers open them in their own working folder (see ``test_a_relative_glob_...``).
"""

import csv
import io
import json
import logging
import os
import signal
import subprocess
import sys
import textwrap
import warnings
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from listcheck import check_file, check_frame, rejected_mask
from listcheck.cli import cli
from listcheck.dask_check import ClusterSettings, check_with_dask
from listcheck.policy import Policy
from listcheck.reasons import Reason

DATA = Path(__file__).parent / "data"
FIXTURES = sorted(path for pattern in ("*.csv", "*.tsv", "*.txt") for path in DATA.glob(pattern))
# The fixtures a run without --engine refuses (exit 3): on the cluster they are refused alike.
REFUSED = {"empty.csv", "no_email_column.csv"}
VERDICT_COLUMNS = ["listcheck_row", "listcheck_status", "listcheck_reason", "listcheck_detail",
                   "listcheck_suggestion"]


def run(*args, input=None):
    return CliRunner().invoke(cli, [str(arg) for arg in args], input=input, catch_exceptions=False)


@pytest.fixture
def on_cluster(dask_cluster):
    """The options of a run on the session's cluster."""
    return ("--engine", "dask", "--scheduler", dask_cluster.scheduler_address)


def left_in(folder: Path) -> set[str]:
    """Every name in ``folder``, hidden ones (a scratch folder ``.*.parts``) included."""
    return set(os.listdir(folder))


def assert_one_error_line(result, status: int, *fragments: str) -> str:
    """The run ended with ``status`` and said why in one ``Error:`` line (after click's usage lines
    for status 2), with no traceback; returns that line."""
    assert result.exit_code == status, result.output
    lines = result.stderr.splitlines()
    assert "Traceback" not in result.output and result.stdout == ""
    if status == 2:  # click's "Usage: ... / Try ... --help" come first
        assert [line for line in lines if line.startswith("Error:")] == lines[-1:]
    else:
        assert len(lines) == 1
    assert lines[-1].startswith("Error: ")
    for fragment in fragments:
        assert fragment in lines[-1]
    return lines[-1]


# -- CSV: the same bytes as a run without --engine ------------------------------------------------


@dataclass
class Checked:
    """A run of ``listcheck check`` into its own folder, with its JSON report beside the folder."""

    result: object
    folder: Path
    report_path: Path

    def outputs(self) -> dict[str, bytes]:
        return {name: (self.folder / name).read_bytes() for name in sorted(os.listdir(self.folder))}

    def report(self, *also_varying: str) -> dict:
        """The report, less what differs from one run to the next: the time it took and the outputs'
        paths (each run writes into its own folder), and whatever else is named."""
        report = json.loads(self.report_path.read_text("utf-8"))
        for key in ("elapsed_seconds", "outputs"):
            report.pop(key)
        for key in also_varying:
            report["input"].pop(key)
        return report


def check_into(tmp_path: Path, name: str, source, *options: str) -> Checked:
    folder, report = tmp_path / name, tmp_path / f"{name}.json"
    result = run("check", source, "--no-dns", "-q", "-o", folder, "--report-json", report, *options)
    return Checked(result, folder, report)


def assert_same_run(plain: Checked, dask: Checked, *also_varying: str) -> None:
    assert plain.result.exit_code == 0, plain.result.output
    assert dask.result.exit_code == 0, dask.result.output
    plain_outputs, dask_outputs = plain.outputs(), dask.outputs()
    assert len(plain_outputs) == len(dask_outputs) == 2
    assert list(dask_outputs.values()) == list(plain_outputs.values())  # clean, then rejected, byte for byte
    # No key of the report differs, the input's path aside where the inputs differ (a glob and the
    # concatenation of its files): Dask's run counts, warns and describes the input as this process does.
    assert dask.report(*also_varying) == plain.report(*also_varying)


@pytest.mark.parametrize("source", FIXTURES, ids=[path.name for path in FIXTURES])
def test_every_fixture_gives_the_same_bytes_and_report(tmp_path, on_cluster, source):
    """Each CSV fixture (every encoding, delimiter, BOM, header or none, cells over several lines) is
    written to the same bytes and described by the same report on the cluster; a fixture refused
    without --engine is refused with the same line and status, and nothing is written."""
    plain = check_into(tmp_path, "plain", source)
    dask = check_into(tmp_path, "dask", source, *on_cluster)
    assert (plain.result.exit_code != 0) == (source.name in REFUSED), plain.result.output
    if source.name in REFUSED:
        assert plain.result.exit_code == 3
        assert (dask.result.exit_code, dask.result.stderr) == (3, plain.result.stderr)
        assert not dask.folder.exists() or left_in(dask.folder) == set()
        return
    assert_same_run(plain, dask)


# Every kind of row the options act on: formulas, typos (one repeating the corrected address),
# repeats in other cases, role and throwaway mailboxes, rows longer and shorter than the header,
# quoted cells over two lines, blanks.
TRICKY = (
    "Nombre;Correo;Notas\r\n"
    "Ana;ana@gmail.com;=HYPERLINK(\"http://x\")\r\n"
    "Luis;luis@gmial.com;+34 600 111 222\r\n"
    "Luis bis;luis@gmail.com;-\r\n"
    "Eva;eva@hotmial.com;@SUM(A1)\r\n"
    "Info;info@empresa.es;\"dos\r\nlíneas\"\r\n"
    "Tira;tira@mailinator.com\r\n"
    "Ana bis;ANA@Gmail.com;de más;y más\r\n"
    ";;\r\n"
    "=cmd;mal;\"con \"\"comillas\"\"\"\r\n"
    "Zoe;Zoe <zoe@correo.es>;\r\n"
)


@pytest.mark.parametrize("options", [["--annotate"], ["--safe-formulas"], ["--fix-typos"], ["--strict"],
                                     ["--annotate", "--safe-formulas", "--fix-typos", "--strict"]],
                         ids=lambda options: "+".join(option.lstrip("-") for option in options))
def test_the_output_options_give_the_same_bytes(tmp_path, on_cluster, options):
    """With each option that changes what is written or where a row goes, the cluster writes the same
    bytes as this process; each option does change this list's outputs, so it is compared at work."""
    source = tmp_path / "lista.csv"
    source.write_bytes(TRICKY.encode("utf-8"))
    without = check_into(tmp_path, "without", source)
    plain = check_into(tmp_path, "plain", source, *options)
    assert plain.outputs() != without.outputs()
    assert_same_run(plain, check_into(tmp_path, "dask", source, *options, *on_cluster))


@pytest.mark.parametrize("name", ["multiline_cells.csv", "cp1252_semicolon.csv", "utf16_tab.txt"])
def test_fixtures_with_every_output_option(tmp_path, on_cluster, name):
    """Fixtures of other encodings and layouts, with every output option at once."""
    options = ("--annotate", "--safe-formulas", "--fix-typos", "--strict")
    plain = check_into(tmp_path, "plain", DATA / name, *options)
    assert_same_run(plain, check_into(tmp_path, "dask", DATA / name, *options, *on_cluster))


def test_dns_is_asked_once_per_domain_and_answers_as_in_this_process(tmp_path, on_cluster, dns_server):
    """With DNS, a glob's domains are asked about once for the run (as many questions as this
    process asks for the same rows), and the answers reject the same rows: same bytes, same report."""
    header = "email,n\n"
    parts = ["ana@correo-mx.es,1\nb@sin-correo.es,2\nc@solo-a-publica.es,3\n",
             "d@no-existe-nunca.es,4\ne@solo-txt.es,5\nf@correo-mx.es,6\n",
             "g@alias-correo.es,7\nANA@correo-mx.es,8\nh@aparcado.es,9\n"]
    (tmp_path / "in").mkdir()
    for number, part in enumerate(parts, start=1):
        (tmp_path / "in" / f"parte-{number}.csv").write_text(header + part, "utf-8")
    (tmp_path / "todo.csv").write_text(header + "".join(parts), "utf-8")
    dns = ("--nameserver", dns_server.address, "--no-cache")
    before = dns_server.resolver.queries
    plain = Checked(run("check", tmp_path / "todo.csv", "-q", "-o", tmp_path / "plain", "--report-json",
                        tmp_path / "plain.json", *dns), tmp_path / "plain", tmp_path / "plain.json")
    asked_here = dns_server.resolver.queries - before
    dask = Checked(run("check", tmp_path / "in" / "parte-*.csv", "-q", "-o", tmp_path / "dask", "--report-json",
                       tmp_path / "dask.json", *dns, *on_cluster), tmp_path / "dask", tmp_path / "dask.json")
    assert dns_server.resolver.queries - before - asked_here == asked_here > 0
    assert_same_run(plain, dask, "path")
    assert dask.report()["reasons"]["null_mx"] == 1 and dask.report()["reasons"]["domain_not_found"] == 1


# -- globs of CSV files -----------------------------------------------------------------------------

HEADER = "email,nombre,ciudad\r\n"
PARTS = [
    "ana@correo.es,Ana,Madrid\r\nluis@gmial.com,Luis,Lugo\r\n",  # rows 2-3: a first occurrence, a typo
    "marta@correo.es,Marta,Soria,de más\r\neva@correo.es,Eva,\"dos\r\nlíneas\"\r\nmal,Mal,Cádiz\r\n",  # rows 4-6
    "ANA@correo.es,Ana bis,Madrid\r\npepe@correo.es,Pepe,Vigo\r\n",  # rows 7-8: row 2 again
]


def write_parts(folder: Path, name: str = "parte-{}.csv", parts=PARTS, header=HEADER) -> list[Path]:
    folder.mkdir(exist_ok=True)
    paths = []
    for number, part in enumerate(parts, start=1):
        path = folder / name.format(number)
        path.write_bytes((header + part).encode("utf-8"))
        paths.append(path)
    return paths


def records(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text("utf-8"), newline="")))


def test_a_glob_is_one_table_under_one_header(tmp_path, on_cluster):
    """Three files under one header are checked as their concatenation: one pair of outputs named
    after the glob, beside it, with the bytes and the report of the concatenation checked without
    --engine; rows are numbered across the files, a repeat in file 3 of a row of file 1 is found, and
    the row of file 2 wider than the header pads every row, as in one file."""
    write_parts(tmp_path / "in")
    whole = tmp_path / "todo.csv"
    whole.write_bytes((HEADER + "".join(PARTS)).encode("utf-8"))
    plain = check_into(tmp_path, "plain", whole)
    result = run("check", tmp_path / "in" / "parte-*.csv", "--no-dns", "-q", "--report-json", tmp_path / "dask.json",
                 *on_cluster)
    assert result.exit_code == 0, result.output
    assert left_in(tmp_path / "in") == {"parte-1.csv", "parte-2.csv", "parte-3.csv", "parte.clean.csv",
                                        "parte.rejected.csv"}
    dask = Checked(result, tmp_path / "dask", tmp_path / "dask.json")
    report = json.loads((tmp_path / "dask.json").read_text("utf-8"))
    assert report["outputs"] == {"clean": str(tmp_path / "in" / "parte.clean.csv"),
                                 "rejected": str(tmp_path / "in" / "parte.rejected.csv")}
    assert report["input"]["path"] == str(tmp_path / "in" / "parte-*.csv")
    assert dask.report("path") == plain.report("path")
    for name in ("clean", "rejected"):
        assert (tmp_path / "in" / f"parte.{name}.csv").read_bytes() == (plain.folder / f"todo.{name}.csv").read_bytes()

    rejected = {record[0]: record for record in records(tmp_path / "in" / "parte.rejected.csv")[1:]}
    assert rejected.keys() == {"luis@gmial.com", "mal", "ANA@correo.es"}
    assert rejected["ANA@correo.es"][4:7] == ["7", "valid", "duplicate"] and "row 2" in rejected["ANA@correo.es"][7]
    assert rejected["mal"][4] == "6"  # eva's row over two lines is one row
    assert [len(record) for record in records(tmp_path / "in" / "parte.clean.csv")] == [3, 4, 4, 4, 4]  # rows padded
    assert report["input"]["rows"] == 7 and report["warnings"] == plain.report()["warnings"] != []


def test_a_glob_matching_its_own_outputs_leaves_them_out(tmp_path, on_cluster):
    """``carpeta/*.csv`` matches the outputs it writes (``carpeta/carpeta.clean.csv``...): a second run
    leaves them out, so it reads the same rows and writes the same outputs as the first."""
    write_parts(tmp_path / "carpeta")
    runs = []
    for _ in range(2):
        result = run("check", tmp_path / "carpeta" / "*.csv", "--no-dns", "-q", "--report-json",
                     tmp_path / "report.json", *on_cluster)
        assert result.exit_code == 0, result.output
        assert left_in(tmp_path / "carpeta") == {"parte-1.csv", "parte-2.csv", "parte-3.csv", "carpeta.clean.csv",
                                                 "carpeta.rejected.csv"}
        report = json.loads((tmp_path / "report.json").read_text("utf-8"))
        outputs = [(tmp_path / "carpeta" / f"carpeta.{name}.csv").read_bytes() for name in ("clean", "rejected")]
        runs.append((report["input"]["rows"], report["destinations"], outputs))
    assert runs[0] == runs[1]
    assert runs[0][0] == 7


@pytest.mark.parametrize(("header", "line_end", "says"), [
    ("correo,nombre,ciudad", "\r\n", "does not have the columns of the first file of the glob"),
    ("email,nombre", "\r\n", "does not have the columns of the first file of the glob"),
    (HEADER.rstrip(), "\n", "is not written like the first file of the glob"),
], ids=["other names", "fewer columns", "other line ends"])
def test_a_file_of_the_glob_laid_out_otherwise_is_refused(tmp_path, on_cluster, header, line_end, says):
    """A file of the glob whose header or layout is not the first file's ends the run with status 3 and
    one line naming that file; no output, no scratch folder is left."""
    paths = write_parts(tmp_path / "in")
    paths[1].write_bytes((header + line_end + PARTS[1].replace("\r\n", line_end)).encode("utf-8"))
    result = run("check", tmp_path / "in" / "parte-*.csv", "--no-dns", *on_cluster)
    assert_one_error_line(result, 3, f"'{paths[1]}'", says)
    assert left_in(tmp_path / "in") == {"parte-1.csv", "parte-2.csv", "parte-3.csv"}


# -- Parquet ----------------------------------------------------------------------------------------


def contacts(rows: int = 40, start: int = 0) -> pd.DataFrame:
    """A table of contacts with other columns of several types, missing cells among them, and rows of
    every destination: valid, typos (one repeating the corrected address), repeats in another case,
    roles, throwaway domains, a display name, blanks and None."""
    cells = ["ana@correo.es", "luis@gmial.com", "mal", "Eva <eva@correo.es>", "ANA@correo.es", None, "info@empresa.es",
             "luis@gmail.com", "tira@mailinator.com", "", "pepe@hotmial.com", " zoe@correo.es "]
    numbers = range(start, start + rows)
    return pd.DataFrame({
        "nombre": [None if i % 9 == 4 else f"Persona {i}" for i in numbers],
        "email": pd.array([cells[i % len(cells)] if i < len(cells) else
                           (f"p{i}@correo.es" if i % 5 else cells[i % len(cells)]) for i in numbers], dtype=object),
        "n": pd.array(list(numbers), dtype="int64"),
        "puntos": [None if i % 4 == 0 else i / 2 for i in numbers],
        "activo": [i % 2 == 0 for i in numbers],
    })


def values(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame's cells as Python values, a missing one as None, indexed from 0: text read back by
    Dask is of pyarrow's string type, its missing cells <NA> where pandas has NaN; the values compare."""
    frame = frame.reset_index(drop=True).astype(object)
    return frame.where(frame.notna(), None)


def expected_split(frame: pd.DataFrame, *, column: object = "email", policy: Policy = Policy(),
                   annotate: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The clean and rejected rows ``check_frame`` and ``rejected_mask`` give for ``frame``: the rejected
    rows show the address as typed where check_frame shows its correction."""
    checked = check_frame(frame, column=column, first_row=1, policy=policy)
    mask = rejected_mask(checked, column=column, policy=policy)
    rejected = checked[mask].copy()
    corrected = (rejected["listcheck_suggestion"] != "") & (rejected[column] == rejected["listcheck_suggestion"])
    rejected.loc[corrected, column] = frame.loc[rejected.index[corrected], column]
    clean = checked[~mask]
    return (clean if annotate else clean.drop(columns=VERDICT_COLUMNS)), rejected


def assert_parquet_outputs(stem: Path, frame: pd.DataFrame, **split) -> None:
    """The Parquet folders beside ``stem`` hold the rows ``expected_split`` gives, in their order, with
    the input's columns in its order and its number types."""
    clean, rejected = (pd.read_parquet(stem.with_name(f"{stem.name}.{name}.parquet")) for name in ("clean", "rejected"))
    expected_clean, expected_rejected = expected_split(frame, **split)
    pd.testing.assert_frame_equal(values(clean), values(expected_clean))
    pd.testing.assert_frame_equal(values(rejected), values(expected_rejected))
    assert len(rejected) and len(clean)  # both outputs hold rows, so both are compared
    assert list(rejected["listcheck_row"]) == sorted(rejected["listcheck_row"])  # the input's order
    for output in (clean, rejected):
        assert (output["n"].dtype, output["puntos"].dtype, output["activo"].dtype) == ("int64", "float64", "bool")


@pytest.mark.parametrize(("options", "split"), [
    ((), {}),
    (("--annotate",), {"annotate": True}),
    (("--fix-typos",), {"policy": Policy(fix_typos=True)}),
    (("--strict", "--annotate"), {"policy": Policy(strict=True), "annotate": True}),
    (("--fix-typos", "--reject", "typo_domain"), {"policy": Policy(fix_typos=True, reject=frozenset({Reason.TYPO_DOMAIN}))}),
], ids=["default", "annotate", "fix-typos", "strict", "corrections rejected"])
def test_a_parquet_file_gives_the_rows_of_check_frame(tmp_path, on_cluster, options, split):
    """``x.parquet`` gives the folders ``x.clean.parquet/`` and ``x.rejected.parquet/``: the rows
    check_frame sends to each, the clean ones without the listcheck_* columns unless --annotate."""
    frame = contacts()
    frame.to_parquet(tmp_path / "x.parquet", index=False)
    result = run("check", tmp_path / "x.parquet", "--no-dns", "-q", "--report-json", tmp_path / "r.json", *options,
                 *on_cluster)
    assert result.exit_code == 0, result.output
    assert left_in(tmp_path) == {"x.parquet", "r.json", "x.clean.parquet", "x.rejected.parquet"}
    assert_parquet_outputs(tmp_path / "x", frame, **split)
    report = json.loads((tmp_path / "r.json").read_text("utf-8"))
    assert report["outputs"] == {"clean": str(tmp_path / "x.clean.parquet"),
                                 "rejected": str(tmp_path / "x.rejected.parquet")}
    assert (report["input"]["rows"], report["input"]["email_column"]) == (len(frame), "email")


def write_parquet_folder(folder: Path, frames: list[pd.DataFrame]) -> None:
    """A table as a folder of Parquet files, each of several row groups, as Spark or Dask writes one."""
    folder.mkdir()
    for number, part in enumerate(frames):
        pq.write_table(pa.Table.from_pandas(part, preserve_index=False), folder / f"part-{number}.parquet",
                       row_group_size=4)


def test_a_folder_of_parquet_files_is_one_table(tmp_path, on_cluster):
    """A folder of files is one table in the order of its files: rows numbered across them, a repeat in
    the third file of a row of the first found; the outputs are named after the folder."""
    frames = [contacts(15, 0), contacts(10, 15), contacts(12, 25)]
    frames[2].loc[3, "email"] = "P13@CORREO.es"  # row 29 repeats row 14, of the first file
    write_parquet_folder(tmp_path / "tabla", frames)
    result = run("check", tmp_path / "tabla", "--no-dns", "-q", *on_cluster)
    assert result.exit_code == 0, result.output
    assert left_in(tmp_path) == {"tabla", "tabla.clean.parquet", "tabla.rejected.parquet"}
    whole = pd.concat(frames, ignore_index=True)
    assert_parquet_outputs(tmp_path / "tabla", whole)
    rejected = pd.read_parquet(tmp_path / "tabla.rejected.parquet").set_index("listcheck_row")
    assert rejected.loc[29, "listcheck_reason"] == "duplicate" and "row 14" in rejected.loc[29, "listcheck_detail"]


def test_the_address_column_is_found_by_name_or_given(tmp_path, on_cluster):
    """A header in another language names the address column; ``-c`` picks another, by name or place."""
    frame = pd.DataFrame({"Nombre": ["Ana", "Luis", "Eva"],
                          "Correo electrónico": ["ana@correo.es", "mal", "eva@correo.es"]})
    frame.to_parquet(tmp_path / "es.parquet", index=False)
    result = run("check", tmp_path / "es.parquet", "--no-dns", "-q", "--report-json", tmp_path / "r.json",
                 *on_cluster)
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "r.json").read_text("utf-8"))
    assert (report["input"]["email_column"], report["input"]["column_found_by"]) == ("Correo electrónico", "header")
    assert list(pd.read_parquet(tmp_path / "es.rejected.parquet")["Correo electrónico"]) == ["mal"]

    two = pd.DataFrame({"personal": ["ana@correo.es", "luis@correo.es"], "trabajo": ["mal", "peor@correo.es"],
                        "n": [1, 2]})
    two.to_parquet(tmp_path / "two.parquet", index=False)
    for option in (["-c", "trabajo"], ["--column", "2"]):
        result = run("check", tmp_path / "two.parquet", "--no-dns", "-q", "--report-json", tmp_path / "r.json",
                     *option, *on_cluster)
        assert result.exit_code == 0, result.output
        assert json.loads((tmp_path / "r.json").read_text("utf-8"))["input"]["email_column"] == "trabajo"
        assert list(pd.read_parquet(tmp_path / "two.rejected.parquet")["trabajo"]) == ["mal"]
        assert list(pd.read_parquet(tmp_path / "two.clean.parquet")["trabajo"]) == ["peor@correo.es"]


def test_a_second_run_replaces_the_output_folders(tmp_path, on_cluster):
    """The output folders of an earlier run are replaced whole: no part file of theirs is left."""
    contacts(40).to_parquet(tmp_path / "x.parquet", index=False)
    assert run("check", tmp_path / "x.parquet", "--no-dns", "-q", *on_cluster).exit_code == 0
    for name in ("clean", "rejected"):  # what a larger earlier table would have left
        (tmp_path / f"x.{name}.parquet" / "part-00007.parquet").write_bytes(
            (tmp_path / f"x.{name}.parquet" / "part-00000.parquet").read_bytes())
    smaller = contacts(20, 100)
    smaller.to_parquet(tmp_path / "x.parquet", index=False)
    result = run("check", tmp_path / "x.parquet", "--no-dns", "-q", *on_cluster)
    assert result.exit_code == 0, result.output
    assert left_in(tmp_path) == {"x.parquet", "x.clean.parquet", "x.rejected.parquet"}
    for name in ("clean", "rejected"):
        assert os.listdir(tmp_path / f"x.{name}.parquet") == ["part-00000.parquet"]
    assert_parquet_outputs(tmp_path / "x", smaller)


# -- bad input, bad options, a cluster that cannot work ---------------------------------------------


def no_address_column(folder: Path) -> Path:
    pd.DataFrame({"nombre": ["Ana", "Luis"], "tel": [600111222, 600333444]}).to_parquet(folder / "x.parquet")
    return folder / "x.parquet"


def not_parquet(folder: Path) -> Path:
    (folder / "x.parquet").write_text("email\nana@correo.es\n", "utf-8")
    return folder / "x.parquet"


def empty_parquet(folder: Path) -> Path:
    (folder / "x.parquet").write_bytes(b"")
    return folder / "x.parquet"


def a_workbook(folder: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["email"])
    book.active.append(["ana@correo.es"])
    book.save(folder / "x.xlsx")
    return folder / "x.xlsx"


def a_file_where_an_output_folder_goes(folder: Path) -> Path:
    contacts(6).to_parquet(folder / "x.parquet", index=False)
    (folder / "x.clean.parquet").write_text("not a folder", "utf-8")
    return folder / "x.parquet"


def a_list(folder: Path) -> Path:
    (folder / "x.csv").write_text("email,nombre\nana@correo.es,Ana\n", "utf-8")
    return folder / "x.csv"


@pytest.mark.parametrize(("make", "options", "status", "says"), [
    (no_address_column, (), 3, "Error: no column holds email addresses: no header names one and no cell contains @"),
    (no_address_column, ("--column", "nope"), 2,
     "Error: --column 'nope' is not a column of this file; it has 'nombre', 'tel'"),
    (a_list, ("--column", "nope"), 2, "Error: --column 'nope' is not a column of this file; it has 'email', 'nombre'"),
    (not_parquet, (), 3, "as Parquet"),
    (empty_parquet, (), 3, "as Parquet"),
    (lambda folder: folder / "nope.parquet", (), 3, "nope.parquet' does not exist"),
    (lambda folder: folder / "nope.csv", (), 3, "nope.csv' does not exist"),
    (lambda folder: folder / "nope-*.csv", (), 3, "Error: no file matches '"),
    (a_workbook, (), 2, "Error: --engine dask reads Parquet files and folders and CSV files, not workbooks"),
    (lambda folder: "-", (), 2, "not workbooks or standard input"),
    (no_address_column, ("--encoding", "utf-8"), 2, "Error: --encoding, --delimiter and --sheet do not apply to Parquet"),
    (a_list, ("--workers", "2"), 2, "Error: give --scheduler or --workers, not both"),
    (a_file_where_an_output_folder_goes, (), 2, "x.clean.parquet' is a file; a Parquet output is a folder"),
], ids=["no address column", "--column on Parquet", "--column on CSV", "not Parquet", "empty file", "no Parquet file",
        "no CSV file", "no file matches", "workbook", "stdin", "--encoding on Parquet", "--scheduler and --workers",
        "a file for an output folder"])
def test_bad_input_and_options_end_in_one_line(tmp_path, on_cluster, make, options, status, says):
    """Input that cannot be read ends with status 3, an option that cannot work with 2, each said in
    one line with no traceback; nothing is written, the input is left as it was."""
    (tmp_path / "in").mkdir()
    source = make(tmp_path / "in")
    before = {path.name: path.read_bytes() for path in (tmp_path / "in").iterdir()}
    result = run("check", source, "--no-dns", *options, *on_cluster, input="email\nana@correo.es\n")
    line = assert_one_error_line(result, status, says)
    assert {path.name: path.read_bytes() for path in (tmp_path / "in").iterdir()} == before
    assert left_in(tmp_path) == {"in"}
    if source == tmp_path / "in" / "x.csv" and options[0] == "--column":  # the line a run without --engine says
        assert run("check", source, "--no-dns", *options).stderr.splitlines()[-1] == line


def test_a_scheduler_that_does_not_answer(tmp_path):
    """Nothing listens at the address: status 2 and one line, once the wait for it (10 s) is over."""
    source = a_list(tmp_path)
    result = run("check", source, "--no-dns", "-q", "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9")
    assert_one_error_line(result, 2, "Error: cannot reach the Dask scheduler at 'tcp://127.0.0.1:9'")
    assert left_in(tmp_path) == {"x.csv"}


# -- a worker killed mid-run ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fragile_cluster():
    """A cluster of its own, for the tests that kill one of its workers (its nanny starts another)."""
    from distributed import Client, LocalCluster

    with warnings.catch_warnings():  # "Port 8787 is already in use" (by another program): another is taken
        warnings.simplefilter("ignore", UserWarning)
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                               silence_logs=logging.CRITICAL)
    with cluster, Client(cluster) as client:
        yield cluster, client


def killing_a_worker(client):
    """A progress callback that kills a worker (SIGKILL) once the first partition is judged, and what it saw."""
    client.wait_for_workers(2, timeout=60)
    pids = sorted(client.run(os.getpid).values())
    steps, killed = [], []

    def progress(step):
        steps.append(step)
        if step.stage == "judging" and step.done >= 1 and not killed:
            os.kill(pids[0], signal.SIGKILL)
            killed.append(step)

    return progress, steps, killed


def assert_killed_mid_run(steps, killed) -> None:
    assert len(killed) == 1 and killed[0].done < 8  # other partitions were still to judge
    judging = [step.done for step in steps if step.stage == "judging"]
    assert judging[-1] == 8 and steps[-1].stage == "writing" and steps[-1].fraction == 1.0


def test_a_worker_killed_while_a_glob_is_judged(tmp_path, fragile_cluster):
    """The scheduler runs the lost tasks again on the worker left and the new one: the run finishes,
    with the bytes of a run without --engine on the files' concatenation, and no scratch folder left."""
    cluster, client = fragile_cluster
    header = "email,nombre\n"
    bodies = ["".join(f"p{i}_{j}@correo.es,Persona {j}\n" if j % 7 else f"P0_{j}@correo.es,repite\n"
                      for j in range(3000)) for i in range(8)]
    (tmp_path / "in").mkdir()
    for number, body in enumerate(bodies):
        (tmp_path / "in" / f"parte-{number}.csv").write_text(header + body, "utf-8")
    (tmp_path / "todo.csv").write_text(header + "".join(bodies), "utf-8")
    expected = check_file(str(tmp_path / "todo.csv"), dns=None)
    progress, steps, killed = killing_a_worker(client)
    report = check_with_dask(str(tmp_path / "in" / "parte-*.csv"), cluster=ClusterSettings(
        scheduler=cluster.scheduler_address), dns=None, progress=progress)
    assert_killed_mid_run(steps, killed)
    assert left_in(tmp_path / "in") == {*(f"parte-{number}.csv" for number in range(8)), "parte.clean.csv",
                                        "parte.rejected.csv"}
    for name in ("clean", "rejected"):
        assert (tmp_path / "in" / f"parte.{name}.csv").read_bytes() == (tmp_path / f"todo.{name}.csv").read_bytes()
    assert (report.input.rows, report.reasons) == (expected.input.rows, expected.reasons)
    assert report.reasons["duplicate"] > 3000  # the repeats of file 0 in the other files were all found


def test_a_worker_killed_while_a_parquet_folder_is_judged(tmp_path, fragile_cluster):
    """The same for a folder of eight Parquet files: the rows of check_frame, none lost, none twice."""
    cluster, client = fragile_cluster
    frames = [contacts(2000, 2000 * number) for number in range(8)]
    write_parquet_folder(tmp_path / "tabla", frames)
    progress, steps, killed = killing_a_worker(client)
    check_with_dask(str(tmp_path / "tabla"), cluster=ClusterSettings(scheduler=cluster.scheduler_address), dns=None,
                    progress=progress)
    assert_killed_mid_run(steps, killed)
    assert left_in(tmp_path) == {"tabla", "tabla.clean.parquet", "tabla.rejected.parquet"}
    assert_parquet_outputs(tmp_path / "tabla", pd.concat(frames, ignore_index=True))


# -- progress ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["csv", "parquet"])
def test_progress_counts_partitions_through_each_stage(tmp_path, dask_cluster, kind):
    """Reading, then judging, each counted in partitions up to their number, then writing; each stage's
    count only grows and its fraction reaches 1."""
    if kind == "csv":
        write_parts(tmp_path / "in")
        path, partitions = str(tmp_path / "in" / "parte-*.csv"), len(PARTS)
    else:
        write_parquet_folder(tmp_path / "in", [contacts(10, 10 * number) for number in range(3)])
        import dask.dataframe as dd

        path, partitions = str(tmp_path / "in"), dd.read_parquet(str(tmp_path / "in")).npartitions
    steps = []
    check_with_dask(path, cluster=ClusterSettings(scheduler=dask_cluster.scheduler_address), dns=None,
                    progress=steps.append)
    assert {step.unit for step in steps} == {"partitions"}
    stages = [step.stage for step in steps]
    assert sorted(set(stages), key=stages.index) == ["reading", "judging", "writing"]
    assert stages == sorted(stages, key=["reading", "judging", "writing"].index)  # one stage after the other
    for stage in ("reading", "judging"):
        done = [step.done for step in steps if step.stage == stage]
        fractions = [step.fraction for step in steps if step.stage == stage]
        assert done == sorted(done) and done[0] == 0 and done[-1] == partitions
        assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert [(step.done, step.fraction) for step in steps if step.stage == "writing"][-1] == (partitions, 1.0)


# -- Dask only when asked for -----------------------------------------------------------------------


def python(code: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], check=False, cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def test_nothing_of_dask_is_imported_without_the_engine(tmp_path):
    """A run without --engine loads no module of Dask or distributed (they take seconds to import)."""
    source = a_list(tmp_path)
    done = python(f"""
        import sys
        from listcheck.cli import main
        status = main(["check", {str(source)!r}, "--no-dns", "-q"])
        print(status, sorted(name for name in sys.modules if name.split(".")[0] in ("dask", "distributed")))
        """, tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (0, "0 []\n", "")
    assert (tmp_path / "x.clean.csv").exists()


def test_without_dask_the_engine_says_how_to_install_it(tmp_path):
    """Where Dask cannot be imported, --engine dask ends with status 2 and says the command that installs it."""
    source = a_list(tmp_path)
    done = python(f"""
        import sys
        sys.modules["dask"] = sys.modules["distributed"] = None  # import dask, import distributed: ImportError
        from listcheck.cli import main
        sys.exit(main(["check", {str(source)!r}, "--no-dns", "-q", "--engine", "dask", "--workers", "1"]))
        """, tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    error = [line for line in done.stderr.splitlines() if line.startswith("Error:")]
    assert len(error) == 1 and "--engine dask needs Dask, which is not installed" in error[0]
    assert "pip install 'listcheck[dask]'" in done.stderr
    assert left_in(tmp_path) == {"x.csv"}


# -- found wrong by the first tests, and fixed -----------------------------------------------------------


def test_a_relative_glob_is_read_from_the_working_folder(tmp_path, monkeypatch, dask_cluster):
    """``listcheck check 'parte-*.csv' --engine dask --scheduler ...`` in the folder of the files reads them."""
    address = dask_cluster.scheduler_address  # started before the chdir: its workers work elsewhere
    write_parts(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = run("check", "parte-*.csv", "--no-dns", "-q", "--engine", "dask", "--scheduler", address)
    assert result.exit_code == 0, result.output
    assert Path("parte.clean.csv").read_bytes().startswith(HEADER.encode("utf-8"))


@pytest.mark.parametrize("kind", ["csv", "parquet"])
def test_a_report_never_replaces_the_input(tmp_path, on_cluster, kind):
    """``--report-json`` naming the input is refused with status 2, as without --engine; the input stays."""
    source = a_list(tmp_path) if kind == "csv" else no_address_column(tmp_path)
    before = source.read_bytes()
    result = run("check", source, "--no-dns", "-q", "--report-json", source, *on_cluster)
    assert source.read_bytes() == before
    assert_one_error_line(result, 2, "is the input file; listcheck never overwrites its input")


def test_a_report_never_replaces_a_file_of_the_glob(tmp_path, on_cluster):
    """``--report-json`` naming a file the glob reads is refused with status 2; that file stays."""
    paths = write_parts(tmp_path / "in")
    before = paths[0].read_bytes()
    result = run("check", tmp_path / "in" / "parte-*.csv", "--no-dns", "-q", "--report-json", paths[0], *on_cluster)
    assert paths[0].read_bytes() == before
    assert_one_error_line(result, 2, "never overwrites its input")


def test_a_report_never_replaces_an_output(tmp_path, on_cluster):
    """``--report-json`` naming the clean output is refused with the line a run without --engine says."""
    source = a_list(tmp_path)
    clean = tmp_path / "x.clean.csv"
    plain = run("check", source, "--no-dns", "-q", "--report-json", clean)
    line = assert_one_error_line(plain, 2, "is given for two outputs")
    result = run("check", source, "--no-dns", "-q", "--report-json", clean, *on_cluster)
    assert assert_one_error_line(result, 2) == line
    assert left_in(tmp_path) == {"x.csv"}


def test_a_report_is_never_written_inside_a_parquet_folder(tmp_path, on_cluster):
    """A report inside the input folder is refused as an output there is: the next run would read it."""
    write_parquet_folder(tmp_path / "tabla", [contacts(6), contacts(6, 6)])
    before = sorted(path.name for path in (tmp_path / "tabla").iterdir())
    result = run("check", tmp_path / "tabla", "--no-dns", "-q", "--report-json", tmp_path / "tabla" / "r.json",
                 *on_cluster)
    assert_one_error_line(result, 2, "is inside the input folder")
    assert sorted(path.name for path in (tmp_path / "tabla").iterdir()) == before


def test_a_parquet_folder_does_not_read_its_own_outputs(tmp_path, on_cluster):
    """With ``-o`` the input folder itself, the run is refused: a second run would read the outputs as rows."""
    write_parquet_folder(tmp_path / "tabla", [contacts(6), contacts(6, 6)])
    before = sorted(path.name for path in (tmp_path / "tabla").iterdir())
    result = run("check", tmp_path / "tabla", "--no-dns", "-q", "-o", tmp_path / "tabla", *on_cluster)
    assert result.exit_code == 2
    assert "is inside the input folder" in result.stderr.splitlines()[-1]
    assert sorted(path.name for path in (tmp_path / "tabla").iterdir()) == before


def test_a_local_cluster_says_bad_input_in_one_line(tmp_path):
    """``--workers 1`` and a file of the glob with another header: status 3 and only the one line."""
    paths = write_parts(tmp_path)
    paths[1].write_bytes(b"correo,nombre,ciudad\r\nana@correo.es,Ana,Madrid\r\n")
    done = subprocess.run([sys.executable, "-m", "listcheck", "check", str(tmp_path / "parte-*.csv"), "--no-dns",
                           "--engine", "dask", "--workers", "1"], check=False, cwd=tmp_path, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 3
    assert done.stderr == f"Error: '{paths[1]}' does not have the columns of the first file of the glob\n"
