"""Title rows above the header (a title, notes, blank rows, as spreadsheets are made): the header is
found below them, the outputs start with it, the rows above are named in a warning and written to no
output, and row numbers stay the spreadsheet's. Data is never taken for a title."""

import openpyxl
import pytest

from listcheck import UsageError, check_file
from listcheck.reading.contacts import read_contacts
from listcheck.settings import ReadingSettings

from .landing import assert_every_row_lands_once, read_output, run_check

TITLED = [
    # (file, header, first record, its row number, the warning)
    ("Lista de alumnos 2024\n\nNombre;Correo\nAna;ana@correo.es\n", ["Nombre", "Correo"], ["Ana", "ana@correo.es"],
     4, ("2 rows above the header were left out of the outputs: row 1 'Lista de alumnos 2024'; 1 blank row. "
         "--skip-rows sets how many to skip.")),
    # Excel pads every row with delimiters to the table's width.
    ("Lista de alumnos;;\n;;\nNombre;Correo;Tel\nAna;ana@correo.es;1\n", ["Nombre", "Correo", "Tel"],
     ["Ana", "ana@correo.es", "1"], 4, None),
    # A title with the delimiter in it, above a wider table.
    ("Alumnos, curso 2024\n\nNombre,Correo,Ciudad\nAna,ana@correo.es,Madrid\n", ["Nombre", "Correo", "Ciudad"],
     ["Ana", "ana@correo.es", "Madrid"], 4, None),
    # Notes as wide as the table, above a header that names the address column.
    ("Curso:;Excel avanzado\nFecha:;2024-03-05\nNombre;Correo\nAna;ana@correo.es\n", ["Nombre", "Correo"],
     ["Ana", "ana@correo.es"], 4,
     ("2 rows above the header were left out of the outputs: row 1 'Curso: Excel avanzado'; row 2 'Fecha: "
      "2024-03-05'. --skip-rows sets how many to skip.")),
    # A one-column list under its title.
    ("Suscriptores\n\nemail\nana@correo.es\n", ["email"], ["ana@correo.es"], 4, None),
    # Blank lines above the title count as rows too.
    ("\n\nAlumnos\nNombre,Correo\nAna,ana@correo.es\n", ["Nombre", "Correo"], ["Ana", "ana@correo.es"], 5,
     ("3 rows above the header were left out of the outputs: row 3 'Alumnos'; 2 blank rows. --skip-rows sets "
      "how many to skip.")),
    # A second header row over the first, grouping its columns.
    ("Datos personales;;Contacto\nNombre;Apellido;Email\nAna;Pérez;ana@correo.es\n", ["Nombre", "Apellido", "Email"],
     ["Ana", "Pérez", "ana@correo.es"], 3, None),
    # A title whose only word is a mail word, above the real header.
    ("Email list 2024\n\nName,Email,City\nAna,ana@correo.es,Madrid\n", ["Name", "Email", "City"],
     ["Ana", "ana@correo.es", "Madrid"], 4, None),
]


@pytest.mark.parametrize(("text", "header", "first", "row", "warning"), TITLED)
def test_the_header_is_found_under_title_rows(text, header, first, row, warning):
    table = read_contacts(text.encode("utf-8"))
    assert (table.header, table.records[0], table.first_row_number) == (header, first, row)
    assert [w.code for w in table.warnings] == ["title_rows"]
    assert table.text_format.preamble == ""  # nothing above the header is written back
    if warning is not None:
        assert table.warnings[0].message == warning


def test_excel_separator_line_and_a_title():
    table = read_contacts(b"sep=;\r\nAlumnos 2024\r\n\r\nNombre;Correo\r\nAna;ana@correo.es\r\n")
    assert table.header == ["Nombre", "Correo"] and table.text_format.delimiter == ";"
    # Excel hides the sep= line: the title is its row 1. The line stays at the top of the outputs.
    assert table.first_row_number == 4 and table.text_format.preamble == "sep=;\r\n"


NOT_TITLED = [
    # (file, header, number of records): no row may be lost to a title that is not one.
    ("ana@correo.es,Ana\nluis@correo.es,Luis\n", None, 2),
    ("ana@correo.es\nluis@correo.es\n", None, 2),
    ("email\nana@correo.es\n", ["email"], 1),
    # Data rows without an address under the header, one of them wider or with words in it.
    ("Nombre;Correo;Tel\nAna;;1\nLuis;sin correo;2\nEva;eva@correo.es;3\n", ["Nombre", "Correo", "Tel"], 3),
    ("email,nota\n0,0,ПОЧТА\nana@correo.es,1\n", ["email", "nota"], 2),
    ("Nombre,Contacto\nAna,sin correo,extra\nLuis,luis@correo.es\n", ["Nombre", "Contacto"], 2),
    # A note holding an address is data.
    ("Enviado por ana@correo.es\n\nNombre,Correo\nLuis,luis@correo.es\n", None, 4),
    # A header narrower than the rows under it (a column without a name).
    ("Nombre,Correo\nAna,ana@correo.es,extra\nLuis,luis@correo.es,otra\n", ["Nombre", "Correo"], 2),
    # A header word in a data cell of another column ("email" as a channel) is data, not the header.
    ("Nombre,Contacto,Canal\nAna,600123456,teléfono\nJuan,611222333,email\nBob,bob@yahoo.com,email\n",
     ["Nombre", "Contacto", "Canal"], 3),
    # Without a header: a first row of one cell, and an address missing its @, are contacts.
    ("Ana;\nJuan;pendiente\nCarl;carl@correo.es\nEva;eva@correo.es\n", None, 4),
    ("ana.gmail.com\nJuan Perez;no tiene\nCarl;carl@correo.es\n", None, 3),
]


@pytest.mark.parametrize(("text", "header", "records"), NOT_TITLED)
def test_data_is_never_taken_for_a_title(text, header, records):
    table = read_contacts(text.encode("utf-8"))
    assert (table.header, len(table.records)) == (header, records)
    assert "title_rows" not in [w.code for w in table.warnings]


def test_no_header_means_no_title_either():
    table = read_contacts(b"Suscriptores\n\nemail\nana@correo.es\n", has_header=False)
    assert table.header is None and len(table.records) == 4 and table.first_row_number == 1


@pytest.mark.parametrize(("skip", "header", "first_row", "warned"), [
    (2, ["Nombre", "Correo"], 4, True),
    (0, ["Alumnos 2024"], 2, False),  # exactly as told: the title is the header, every other row data
])
def test_skip_rows_overrides_detection(skip, header, first_row, warned):
    table = read_contacts(b"Alumnos 2024\n\nNombre,Correo\nAna,ana@correo.es\n", skip_rows=skip)
    assert (table.header, table.first_row_number) == (header, first_row)
    assert ("title_rows" in [w.code for w in table.warnings]) == warned


def test_skip_rows_counts_blank_lines_as_rows():
    table = read_contacts(b"\n\nNombre,Correo\nAna,ana@correo.es\n", skip_rows=2)
    assert (table.header, table.first_row_number) == (["Nombre", "Correo"], 4)
    assert table.warnings[0].message.startswith("2 rows above the header were left out of the outputs: 2 blank rows.")


def test_skip_rows_that_skip_everything_are_refused():
    with pytest.raises(UsageError, match="--skip-rows"):
        read_contacts(b"Alumnos\nNombre,Correo\n", skip_rows=2)
    with pytest.raises(UsageError, match="--skip-rows"):
        ReadingSettings(skip_rows=-1)


def test_title_rows_go_to_no_output_and_every_contact_lands_once(tmp_path):
    source = tmp_path / "alumnos.csv"
    source.write_bytes("Lista de alumnos — curso 2024;;\r\n;;\r\nNombre;Correo;Ciudad\r\nAna;ana@gmail.com;Madrid\r\n"
                       "Luis;luis.gmail.com;Lugo\r\nEva;;Elche\r\n".encode("cp1252"))
    status, report = run_check(source, "--no-dns", "-q", "--annotate")
    assert status == 0 and report["input"]["header"] is True
    clean = read_output(tmp_path / "alumnos.clean.csv", ";", "cp1252")
    rejected = read_output(tmp_path / "alumnos.rejected.csv", ";", "cp1252")
    records = [["Ana", "ana@gmail.com", "Madrid"], ["Luis", "luis.gmail.com", "Lugo"], ["Eva", "", "Elche"]]
    assert_every_row_lands_once(records, ["Nombre", "Correo", "Ciudad"], 1, clean, rejected, report, rows_above=2)
    assert [warning["code"] for warning in report["warnings"]] == ["title_rows"]
    plain = check_file(str(source), dns=None)  # without --annotate the clean file is ready to import
    assert plain.destinations["clean"] == 1
    assert (tmp_path / "alumnos.clean.csv").read_bytes() == b"Nombre;Correo;Ciudad\r\nAna;ana@gmail.com;Madrid\r\n"


def workbook_with_a_title(path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Alumnos del curso de Excel, marzo de 2024"])
    sheet.append([])
    sheet.append(["Nombre", "Correo", "Teléfono"])
    sheet.append(["Ana", "ana@gmail.com", "600"])
    sheet.append(["Luis", "luis.gmail.com", "601"])
    book.save(path)


def read_sheet(path):
    return [[cell if cell is not None else "" for cell in row]
            for row in openpyxl.load_workbook(path).worksheets[0].iter_rows(values_only=True)]


@pytest.mark.parametrize("options", [(), ("--skip-rows", "2")])
def test_a_workbook_with_a_title(tmp_path, options):
    source = tmp_path / "curso.xlsx"
    workbook_with_a_title(source)
    status, report = run_check(source, "--no-dns", "-q", *options)
    assert status == 0 and report["input"]["rows"] == 2
    assert [warning["code"] for warning in report["warnings"]] == ["title_rows"]
    assert "row 1 'Alumnos del curso de Excel, marzo de 2024'; 1 blank row" in report["warnings"][0]["message"]
    assert read_sheet(tmp_path / "curso.clean.xlsx") == [["Nombre", "Correo", "Teléfono"], ["Ana", "ana@gmail.com", "600"]]
    rejected = read_sheet(tmp_path / "curso.rejected.xlsx")
    assert rejected[0][:4] == ["Nombre", "Correo", "Teléfono", "listcheck_row"]
    assert rejected[1][:5] == ["Luis", "luis.gmail.com", "601", "5", "invalid"]  # row 5 of the sheet


def test_header_over_a_title_row_is_taken_at_its_word_without_a_traceback(tmp_path):
    """``--header`` says the first row is the header: a one-cell title then names the first column
    only, and the address column, past it, is named by its position."""
    from click.testing import CliRunner

    from listcheck.cli import cli

    source = tmp_path / "titulo.csv"
    source.write_text("Alumnos 2024\n\nNombre;Correo\nBob;bob@yahoo.com\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(source), "--header", "--no-dns", "-q", "--report-json", "-"],
                                catch_exceptions=False)
    assert result.exit_code == 0
    assert '"email_column": "2"' in result.stdout
