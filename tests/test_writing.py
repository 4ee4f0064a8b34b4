"""Writing: outputs in the input's own format, complete or absent, never over the input."""

import os
from pathlib import Path

import pytest

from listcheck import UsageError, check_file
from listcheck.reading.contacts import TextFormat
from listcheck.settings import OutputSettings, ReadingSettings
from listcheck.writing.outputs import CsvOutputs

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize("name", [
    "utf8_bom.csv", "utf8_plain.csv", "cp1252_semicolon.csv", "utf16_tab.txt", "cp1251_semicolon.csv",
    "pipe.csv", "tab.tsv", "no_header.csv", "header_spanish.csv", "header_ukrainian.csv",
])
def test_a_list_with_only_good_addresses_comes_back_byte_for_byte(tmp_path, name):
    source = tmp_path / name
    source.write_bytes((DATA / name).read_bytes())
    report = check_file(str(source), dns=None)
    assert report.destinations["rejected"] == 0
    assert Path(report.outputs["clean"]).read_bytes() == source.read_bytes()


def test_rejected_file_keeps_encoding_bom_delimiter_and_line_ends(tmp_path):
    source = tmp_path / "lista.csv"
    source.write_bytes(b"\xef\xbb\xbf" + "Nombre;Correo\r\nJosé;mal\r\n".encode())
    report = check_file(str(source), dns=None)
    assert Path(report.outputs["rejected"]).read_bytes() == b"\xef\xbb\xbf" + (
        "Nombre;Correo;listcheck_row;listcheck_status;listcheck_reason;listcheck_detail;listcheck_suggestion\r\n"
        "José;mal;2;invalid;missing_at;There is no @ in 'mal'. An address looks like name@domain.com.;\r\n"
    ).encode()


def test_headerless_input_gives_a_headerless_clean_file_and_a_named_rejected_file(tmp_path):
    source = tmp_path / "lista.txt"
    source.write_bytes(b"ana@correo.es\nmal\n")
    report = check_file(str(source), dns=None)
    assert Path(report.outputs["clean"]).read_bytes() == b"ana@correo.es\n"
    assert Path(report.outputs["rejected"]).read_bytes().splitlines()[0] == (
        b"email,listcheck_row,listcheck_status,listcheck_reason,listcheck_detail,listcheck_suggestion")


def test_header_only_file_gives_header_only_outputs(tmp_path):
    source = tmp_path / "vacia.csv"
    source.write_bytes((DATA / "header_only.csv").read_bytes())
    report = check_file(str(source), dns=None)
    assert report.input.rows == 0
    assert Path(report.outputs["clean"]).read_bytes() == source.read_bytes()


def test_a_failure_while_writing_leaves_no_file_at_all(tmp_path):
    def rows_that_break():
        yield ["ana@correo.es"]
        raise RuntimeError("disk trouble")

    clean, rejected = tmp_path / "a.clean.csv", tmp_path / "a.rejected.csv"
    with pytest.raises(RuntimeError), CsvOutputs([(str(clean), ["email"]), (str(rejected), ["email"])],
                                                 TextFormat("utf-8")) as files:
        files.write(0, [["x"]])
        files.write(1, rows_that_break())
        files.commit()
    assert os.listdir(tmp_path) == []


def test_no_temporary_file_is_left_after_a_run(tmp_path):
    source = tmp_path / "lista.csv"
    source.write_bytes(b"email\nana@correo.es\n")
    check_file(str(source), dns=None)
    assert sorted(os.listdir(tmp_path)) == ["lista.clean.csv", "lista.csv", "lista.rejected.csv"]


def test_an_output_folder_that_cannot_exist_is_one_clear_error(tmp_path):
    source = tmp_path / "lista.csv"
    source.write_bytes(b"email\nana@correo.es\n")
    with pytest.raises(UsageError) as raised:
        check_file(str(source), dns=None, output=OutputSettings(out_dir=str(source / "sub")))
    assert str(raised.value).startswith(f"cannot write in '{source / 'sub'}': ")


def test_the_input_is_never_an_output(tmp_path):
    source = tmp_path / "lista.csv"
    source.write_bytes(b"email\nana@correo.es\n")
    os.symlink(source, tmp_path / "enlace.csv")
    for clean in (str(source), str(tmp_path / "enlace.csv"), str(tmp_path / "." / "lista.csv")):
        with pytest.raises(UsageError):
            check_file(str(source), dns=None, output=OutputSettings(clean=clean))
    assert source.read_bytes() == b"email\nana@correo.es\n"


def test_utf32_outputs_have_one_bom(tmp_path):
    source = tmp_path / "lista.csv"
    source.write_bytes("email\nana@correo.es\n".encode("utf-32"))
    report = check_file(str(source), reading=ReadingSettings(encoding="utf-32"), dns=None)
    assert Path(report.outputs["clean"]).read_bytes() == source.read_bytes()


def test_an_address_keeps_characters_the_code_page_has(tmp_path):
    source = tmp_path / "lista.csv"
    source.write_bytes("Nombre;Correo\r\nJosé;jose@µtienda.es\r\n".encode("cp1252"))
    report = check_file(str(source), reading=ReadingSettings(encoding="cp1252"), dns=None)
    assert Path(report.outputs["clean"]).read_bytes() == source.read_bytes()


def test_excel_separator_line_is_written_back(tmp_path):
    source = tmp_path / "lista.csv"
    source.write_bytes(b"sep=;\r\nNombre;Correo\r\nAna;ana@correo.es\r\nLuis;mal\r\n")
    report = check_file(str(source), dns=None)
    assert Path(report.outputs["clean"]).read_bytes() == b"sep=;\r\nNombre;Correo\r\nAna;ana@correo.es\r\n"
    rejected = Path(report.outputs["rejected"]).read_bytes().splitlines()
    assert rejected[0] == b"sep=;" and rejected[2].startswith(b"Luis;mal;3;invalid;missing_at;")


def test_ragged_rows_keep_the_header_of_the_clean_file(tmp_path):
    source = tmp_path / "lista.csv"
    source.write_bytes(b"email,name\nana@correo.es,Ana,extra\nmal,B\n")
    report = check_file(str(source), dns=None)
    assert Path(report.outputs["clean"]).read_bytes() == b"email,name\nana@correo.es,Ana,extra\n"
    assert Path(report.outputs["rejected"]).read_bytes().splitlines()[0] == (
        b"email,name,,listcheck_row,listcheck_status,listcheck_reason,listcheck_detail,listcheck_suggestion")


def test_an_output_that_is_a_folder_is_refused_before_anything_is_written(tmp_path):
    source = tmp_path / "lista.csv"
    source.write_bytes(b"email\nana@correo.es\n")
    (tmp_path / "carpeta").mkdir()
    with pytest.raises(UsageError) as raised:
        check_file(str(source), dns=None, output=OutputSettings(rejected=str(tmp_path / "carpeta")))
    assert str(raised.value) == f"'{tmp_path / 'carpeta'}' is a folder; give a file name for this output"
    assert sorted(os.listdir(tmp_path)) == ["carpeta", "lista.csv"]
