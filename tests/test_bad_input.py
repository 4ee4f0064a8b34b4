"""Bad input and faults: nothing lost, one clear line, safe interruption (issue 7). The Big List of
Naughty Strings, a public corpus, is in corpus_tests/test_naughty_strings.py."""

import csv
import io
import os
import signal
import subprocess
import sys

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from listcheck import OutputSettings, ReadingSettings, Reason, Status, check_address, check_file
from listcheck.cli import cli

from .landing import assert_every_row_lands_once, read_output, run_check


@pytest.mark.parametrize("terminator", ["\r\n", "\n", "\r"])
def test_line_ends_of_every_system(tmp_path, terminator):
    source = tmp_path / "lista.csv"
    source.write_bytes(terminator.join(["email,nombre", "ana@correo.es,Ana", "mal,Luis", ""]).encode())
    report = check_file(str(source), dns=None)
    assert report.destinations == {"clean": 1, "rejected": 1}
    assert (tmp_path / "lista.clean.csv").read_bytes() == terminator.join(["email,nombre", "ana@correo.es,Ana", ""]).encode()


def test_nul_bytes_multiline_cells_and_2mb_cells_are_kept(tmp_path):
    big = "x" * (2 * 1024 * 1024)
    source = tmp_path / "lista.csv"
    source.write_text(f'email,nota\nana@correo.es,a\x00b\nluis@correo.es,"línea 1\nlínea 2"\neva@correo.es,{big}\n',
                      encoding="utf-8")
    report = check_file(str(source), dns=None)
    assert report.destinations == {"clean": 3, "rejected": 0}
    assert (tmp_path / "lista.clean.csv").read_bytes() == source.read_bytes()


def test_empty_file_and_header_only_file(tmp_path):
    (tmp_path / "vacio.csv").write_bytes(b"")
    (tmp_path / "cabecera.csv").write_bytes(b"email,nombre\n")
    empty = CliRunner().invoke(cli, ["check", str(tmp_path / "vacio.csv"), "--no-dns"])
    assert (empty.exit_code, empty.stderr) == (3, "Error: the file is empty\n")
    header_only = CliRunner().invoke(cli, ["check", str(tmp_path / "cabecera.csv"), "--no-dns", "-q"])
    assert header_only.exit_code == 0
    assert (tmp_path / "cabecera.clean.csv").read_bytes() == b"email,nombre\n"
    assert (tmp_path / "cabecera.rejected.csv").read_bytes().startswith(b"email,nombre,listcheck_row,")


NOT_TABLES = [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", ("Error: the file is a PDF document, not a table: export the list from "
                                             "its source as CSV")),
    (b"PK\x03\x04\x14\x00\x06\x00", ("Error: the file is a ZIP archive (an .xlsx workbook is one): if it is a "
                                    "workbook, name it .xlsx; otherwise unzip the export")),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "Error: the file is a PNG image, not a table"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "Error: the file is a JPEG image, not a table"),
    (bytes(range(256)) * 64, "Error: the file is binary data, not text"),
]


@pytest.mark.parametrize(("data", "line"), NOT_TABLES)
def test_files_that_are_not_tables(tmp_path, data, line):
    source = tmp_path / "lista.csv"
    source.write_bytes(data)
    result = CliRunner().invoke(cli, ["check", str(source), "--no-dns"])
    assert (result.exit_code, result.stderr) == (3, line + "\n")
    assert sorted(os.listdir(tmp_path)) == ["lista.csv"]


MIXED = "email,nombre\nana@correo.es,José\n".encode() + "luis@correo.es,María\n".encode("cp1252")


def test_invalid_bytes_in_a_utf8_file_name_the_line(tmp_path):
    source = tmp_path / "mezcla.csv"
    source.write_bytes(MIXED)
    result = CliRunner().invoke(cli, ["check", str(source), "--no-dns"])
    assert result.exit_code == 3
    assert result.stderr == (
        "Error: line 3 is not valid utf-8 (byte 0xed), though the rest of the file is UTF-8 (fix that line, or run "
        "again with --encoding-errors keep to carry such bytes through unchanged, or with --encoding-errors "
        "replace to write U+FFFD in their place)\n")


def test_invalid_bytes_kept_come_back_unchanged(tmp_path):
    source = tmp_path / "mezcla.csv"
    source.write_bytes(MIXED)
    report = check_file(str(source), dns=None, reading=ReadingSettings(encoding_errors="keep"))
    assert report.destinations == {"clean": 2, "rejected": 0}
    assert (tmp_path / "mezcla.clean.csv").read_bytes() == MIXED


def test_invalid_bytes_replaced(tmp_path):
    source = tmp_path / "mezcla.csv"
    source.write_bytes(MIXED)
    check_file(str(source), dns=None, reading=ReadingSettings(encoding_errors="replace"))
    assert (tmp_path / "mezcla.clean.csv").read_text(encoding="utf-8").splitlines()[2] == "luis@correo.es,Mar\ufffda"


def test_safe_formulas_only_when_asked(tmp_path):
    source = tmp_path / "lista.csv"
    source.write_text('email,telefono,nota\nana@correo.es,+34 600 123 456,"=HYPERLINK(""http://x"",""clic"")"\n'
                      "@ana,-1,@SUM(A1)\n")
    check_file(str(source), dns=None)
    assert (tmp_path / "lista.clean.csv").read_text().splitlines()[1] == (
        'ana@correo.es,+34 600 123 456,"=HYPERLINK(""http://x"",""clic"")"')
    check_file(str(source), dns=None, output=OutputSettings(safe_formulas=True))
    assert (tmp_path / "lista.clean.csv").read_text().splitlines()[1] == (
        "ana@correo.es,'+34 600 123 456,\"'=HYPERLINK(\"\"http://x\"\",\"\"clic\"\")\"")
    assert (tmp_path / "lista.rejected.csv").read_text().splitlines()[1].startswith("'@ana,'-1,'@SUM(A1),3,")


def test_an_output_folder_that_is_a_file_is_one_line(tmp_path):
    source = tmp_path / "lista.csv"
    source.write_text("email\nana@correo.es\n")
    result = CliRunner().invoke(cli, ["check", str(source), "--no-dns", "-o", str(source / "salida")])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"Error: cannot write in '{source / 'salida'}': Not a directory (choose another folder with -o)"


def test_ctrl_c_exits_130_and_leaves_nothing(tmp_path, silent_server):
    """Ctrl-C in the middle of a run (its DNS lookups waiting) exits 130 with one line and no file."""
    source = tmp_path / "lista.csv"
    source.write_text("email\n" + "".join(f"persona{i}@empresa{i}.es\n" for i in range(50)))
    process = subprocess.Popen(
        [sys.executable, "-m", "listcheck", "check", str(source), "--nameserver", silent_server.address,
         "--dns-timeout", "30", "--no-cache"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path,
    )
    try:
        # The first DNS query is the sign that the run is under way (its lookups now hang): Ctrl-C.
        assert silent_server.first_query.wait(timeout=60), "the run never asked DNS"
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 130
    assert stderr == b"Interrupted: no output was written.\n"
    assert sorted(os.listdir(tmp_path)) == ["lista.csv"]


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(codec=None), max_size=60) | st.text(max_size=60).map(lambda t: t + "\udc80"))
def test_check_address_gives_any_text_a_status_its_reason_agrees_with(text):
    """Any text, lone surrogates included, gets a verdict whose status is its reason's (reasons.py):
    valid without a reason, never unknown offline, and a syntax-valid address has a domain."""
    verdict = check_address(text)
    if verdict.reason is None:
        assert verdict.status is Status.VALID and verdict.domain
    else:
        assert verdict.reason in set(Reason) and verdict.reason is not Reason.DUPLICATE  # a file's notion
        assert verdict.status is verdict.reason.status
        assert verdict.status is not Status.UNKNOWN  # offline: nothing is left unknown
    assert isinstance(verdict.address, str) and isinstance(verdict.detail, str)


RAGGED_CELL = st.text(st.characters(exclude_categories=("Cs",)), max_size=8)


@settings(max_examples=150, deadline=None)
@given(rows=st.lists(st.lists(RAGGED_CELL, min_size=1, max_size=5), min_size=1, max_size=15),
       delimiter=st.sampled_from([",", ";", "\t", "|"]))
def test_ragged_random_tables_keep_every_record_and_cell(tmp_path_factory, rows, delimiter):
    """Rows of any width land once each, in order, padded, their cells kept and their verdicts right."""
    folder = tmp_path_factory.mktemp("ragged")
    source = folder / "lista.csv"
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows([["email", "nota"]] + rows)
    source.write_text(buffer.getvalue(), encoding="utf-8")
    status, report = run_check(source, "--no-dns", "-q", "--annotate", "--delimiter", delimiter, "--column", "email",
                               "--header")
    assert status == 0
    clean, rejected = (read_output(folder / name, delimiter) for name in ("lista.clean.csv", "lista.rejected.csv"))
    assert_every_row_lands_once(rows, ["email", "nota"], 0, clean, rejected, report)
