"""Writing: outputs in the input's own format, complete or absent, never over the input."""

import os
from pathlib import Path

import pytest

from listcheck import UsageError, check_file
from listcheck.reading import TextFormat
from listcheck.writing import write_outputs

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize("name", [
    "utf8_bom.csv", "utf8_plain.csv", "cp1252_semicolon.csv", "utf16_tab.txt", "cp1251_semicolon.csv",
    "pipe.csv", "tab.tsv", "no_header.csv", "header_spanish.csv", "header_ukrainian.csv",
])
def test_a_list_with_only_good_addresses_comes_back_byte_for_byte(tmp_path, name):
    source = tmp_path / name
    source.write_bytes((DATA / name).read_bytes())
    report = check_file(str(source), dns=False)
    assert report.destinations["rejected"] == 0
    assert Path(report.outputs["clean"]).read_bytes() == source.read_bytes()


def test_rejected_file_keeps_encoding_bom_delimiter_and_line_ends(tmp_path):
    source = tmp_path / "lista.csv"
    source.write_bytes(b"\xef\xbb\xbf" + "Nombre;Correo\r\nJosé;mal\r\n".encode("utf-8"))
    report = check_file(str(source), dns=False)
    assert Path(report.outputs["rejected"]).read_bytes() == b"\xef\xbb\xbf" + (
        "Nombre;Correo;listcheck_row;listcheck_status;listcheck_reason;listcheck_detail;listcheck_suggestion\r\n"
        "José;mal;2;invalid;missing_at;There is no @ in 'mal'. An address looks like name@domain.com.;\r\n"
    ).encode("utf-8")


def test_headerless_input_gives_a_headerless_clean_file_and_a_named_rejected_file(tmp_path):
    source = tmp_path / "lista.txt"
    source.write_bytes(b"ana@correo.es\nmal\n")
    report = check_file(str(source), dns=False)
    assert Path(report.outputs["clean"]).read_bytes() == b"ana@correo.es\n"
    assert Path(report.outputs["rejected"]).read_bytes().splitlines()[0] == (
        b"email,listcheck_row,listcheck_status,listcheck_reason,listcheck_detail,listcheck_suggestion")


def test_header_only_file_gives_header_only_outputs(tmp_path):
    source = tmp_path / "vacia.csv"
    source.write_bytes((DATA / "header_only.csv").read_bytes())
    report = check_file(str(source), dns=False)
    assert report.input.rows == 0
    assert Path(report.outputs["clean"]).read_bytes() == source.read_bytes()


def test_a_failure_while_writing_leaves_no_file_at_all(tmp_path):
    def rows_that_break():
        yield ["ana@correo.es"]
        raise RuntimeError("disk trouble")

    clean, rejected = tmp_path / "a.clean.csv", tmp_path / "a.rejected.csv"
    with pytest.raises(RuntimeError):
        write_outputs([(str(clean), ["email"], [["x"]]), (str(rejected), ["email"], rows_that_break())],
                      TextFormat("utf-8"))
    assert os.listdir(tmp_path) == []


def test_no_temporary_file_is_left_after_a_run(tmp_path):
    source = tmp_path / "lista.csv"
    source.write_bytes(b"email\nana@correo.es\n")
    check_file(str(source), dns=False)
    assert sorted(os.listdir(tmp_path)) == ["lista.clean.csv", "lista.csv", "lista.rejected.csv"]


def test_an_output_folder_that_cannot_exist_is_one_clear_error(tmp_path):
    source = tmp_path / "lista.csv"
    source.write_bytes(b"email\nana@correo.es\n")
    with pytest.raises(UsageError) as raised:
        check_file(str(source), dns=False, out_dir=str(source / "sub"))
    assert str(raised.value).startswith(f"cannot write in '{source / 'sub'}': ")


def test_the_input_is_never_an_output(tmp_path):
    source = tmp_path / "lista.csv"
    source.write_bytes(b"email\nana@correo.es\n")
    os.symlink(source, tmp_path / "enlace.csv")
    for clean in (str(source), str(tmp_path / "enlace.csv"), str(tmp_path / "." / "lista.csv")):
        with pytest.raises(UsageError):
            check_file(str(source), dns=False, clean=clean)
    assert source.read_bytes() == b"email\nana@correo.es\n"
