"""Excel workbooks in and out: the chosen sheet is read, every cell comes back as the same text, and
the outputs are workbooks whose every cell is text."""

import datetime

import openpyxl
import pytest
from click.testing import CliRunner

from listcheck import UsageError, check_file
from listcheck.cli import cli
from listcheck.settings import ReadingSettings


def make_workbook(path):
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "Notas"
    notes.append(["nada que ver"])
    sheet = book.create_sheet("Alumnos")
    sheet.append(["Nombre", "Correo", "Código postal", "Alta", "Teléfono", "Cuota", "Nota"])
    rows = [
        ["Ana", "ana@gmail.com", "00123", datetime.datetime(2024, 3, 5), 612345678, 3.5, "1/2/2024"],
        ["Luis", "luis@gmial.com", 42, datetime.datetime(2024, 3, 5, 10, 30), "+34 600", 20.0, "=1+1"],
        ["Eva", "eva.correo.es", "07001", None, None, None, ""],
        ["Ana bis", "ANA@gmail.com", "00123", "2024-03-05", 1, 2, "dup"],
    ]
    for row in rows:
        sheet.append(row)
    sheet["C3"].number_format = "00000"  # Luis's postcode: the number 42 shown as 00042
    sheet["G3"].data_type = "s"  # "=1+1" typed as text, not a formula
    for row in range(6, 9):  # empty rows formatted below the data, as Excel leaves them
        sheet.cell(row=row, column=1).number_format = "@"
    book.save(path)


def read_back(path):
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    cells = [[cell for cell in row] for row in sheet.iter_rows()]
    return (sheet.title, [[cell.value for cell in row] for row in cells],
            {cell.data_type for row in cells for cell in row if cell.value is not None})


def test_a_workbook_round_trips_as_text(tmp_path):
    source = tmp_path / "alumnos.xlsx"
    make_workbook(source)
    report = check_file(str(source), reading=ReadingSettings(sheet="Alumnos"), dns=None)
    assert report.input.rows == 4 and report.input.encoding == "xlsx"
    assert report.outputs == {"clean": str(tmp_path / "alumnos.clean.xlsx"), "rejected": str(tmp_path / "alumnos.rejected.xlsx")}
    title, clean, types = read_back(tmp_path / "alumnos.clean.xlsx")
    assert title == "Alumnos" and types <= {"s", "inlineStr"}  # every cell is text, none a number, date or formula
    assert clean == [
        ["Nombre", "Correo", "Código postal", "Alta", "Teléfono", "Cuota", "Nota"],
        ["Ana", "ana@gmail.com", "00123", "2024-03-05", "612345678", "3.5", "1/2/2024"],
    ]
    _, rejected, types = read_back(tmp_path / "alumnos.rejected.xlsx")
    assert types <= {"s", "inlineStr"}
    assert rejected[0][7:] == ["listcheck_row", "listcheck_status", "listcheck_reason", "listcheck_detail",
                               "listcheck_suggestion"]
    luis, eva, repeat = rejected[1:]
    assert luis[:7] == ["Luis", "luis@gmial.com", "00042", "2024-03-05 10:30:00", "+34 600", "20", "=1+1"]
    assert luis[7:10] == ["3", "risky", "typo_domain"] and luis[11] == "luis@gmail.com"
    assert eva[:7] == ["Eva", "eva.correo.es", "07001", None, None, None, None]  # empty cells stay empty and eva[9] == "missing_at"
    assert repeat[2] == "00123" and repeat[9] == "duplicate"


def test_the_first_sheet_is_the_default_and_a_wrong_name_is_refused(tmp_path):
    source = tmp_path / "libro.xlsx"
    make_workbook(source)
    with pytest.raises(UsageError, match="'Notas', 'Alumnos'"):
        check_file(str(source), reading=ReadingSettings(sheet="Hoja1"), dns=None)
    runner = CliRunner()
    result = runner.invoke(cli, ["check", str(source), "--no-dns", "-q", "--sheet", "Alumnos", "--report-json", "-"])
    assert result.exit_code == 0, result.output
    assert '"encoding": "xlsx"' in result.output


def test_csv_options_do_not_apply_to_a_workbook(tmp_path):
    source = tmp_path / "libro.xlsx"
    make_workbook(source)
    with pytest.raises(UsageError, match="--delimiter"):
        check_file(str(source), reading=ReadingSettings(delimiter=";"), dns=None)
    plain = tmp_path / "lista.csv"
    plain.write_text("email\nana@gmail.com\n", encoding="utf-8")
    with pytest.raises(UsageError, match="--sheet"):
        check_file(str(plain), reading=ReadingSettings(sheet="Alumnos"), dns=None)


def test_chart_sheets_and_blank_rows_above_the_table(tmp_path):
    from openpyxl.chart import BarChart

    book = openpyxl.Workbook()
    chart = book.create_chartsheet("Gráfico", 0)
    chart.add_chart(BarChart())
    sheet = book.worksheets[0]
    sheet.title = "Lista"
    sheet.append([])
    sheet.append([])
    sheet.append(["Nombre", "Email", "Id"])
    sheet.append(["Ana", "ana@gmail.com", 1.2345678901234567e18])
    sheet.append(["Eva", "eva@gmail.com", 0.25])
    sheet["C5"].number_format = "0%"
    source = tmp_path / "curso.xlsx"
    book.save(source)
    report = check_file(str(source), dns=None)
    assert report.input.sheet == "Lista" and report.input.header and report.input.rows == 2
    assert report.counts["valid"] == 2
    _, clean, _ = read_back(tmp_path / "curso.clean.xlsx")
    assert clean == [["Nombre", "Email", "Id"], ["Ana", "ana@gmail.com", "1.23456789012346e+18"],
                     ["Eva", "eva@gmail.com", "25%"]]
    with pytest.raises(UsageError, match="not a sheet of cells"):
        check_file(str(source), reading=ReadingSettings(sheet="Gráfico"), dns=None)


def with_sheet_xml(path, change):
    """Rewrite the first sheet's XML of the workbook at ``path`` with ``change(xml)``."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["xl/worksheets/sheet1.xml"] = change(parts["xl/worksheets/sheet1.xml"].decode()).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_formulas_without_computed_values_are_named(tmp_path):
    # openpyxl, like most programs that write workbooks, stores formulas without the values they give.
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Nombre", "Correo", "Total"])
    sheet.append(["Ana", "ana@gmail.com", "=1+1"])
    sheet.append(["Luis", '=LOWER("LUIS@GMAIL.COM")', "=SUM(C2:C2)"])
    for number in range(4, 9):
        sheet.append([f"Alumno {number}", f"alumno{number}@gmail.com", f"=C{number - 1}+1"])
    source = tmp_path / "calculado.xlsx"
    book.save(source)
    report = check_file(str(source), dns=None)
    assert [(w.code, w.message) for w in report.warnings] == [("formulas_without_values", (
        "8 cells hold formulas with no computed value (C2, B3, C3 and 5 more) and were read as empty: open the "
        "workbook in Excel or LibreOffice, save it and check it again."))]
    assert report.reasons["empty"] == 1  # B3, as the file stands
    # Excel stores each formula's last value (an empty text too): then nothing is missing.
    with_sheet_xml(source, lambda xml: xml.replace("<v />", "<v>2</v>", 7).replace("<v />", '<v></v>')
                   .replace('<c r="C8">', '<c r="C8" t="str">'))
    assert check_file(str(source), dns=None).warnings == []


def test_a_workbook_without_formulas_is_not_parsed_twice(tmp_path, monkeypatch):
    from listcheck.reading import workbooks

    source = tmp_path / "curso.xlsx"
    make_workbook(source)
    monkeypatch.setattr(workbooks, "_cells_without_values", lambda xml: pytest.fail("parsed for formulas"))
    assert check_file(str(source), reading=ReadingSettings(sheet="Alumnos"), dns=None).warnings == []
