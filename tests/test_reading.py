"""Reading: one fixture file per condition in tests/data (made by tests/data/make_fixtures.py)."""

from pathlib import Path

import pytest

from listcheck import InputError, UsageError
from listcheck.reading.contacts import read_contacts, sniff_delimiter

DATA = Path(__file__).parent / "data"
SPANISH_FIRST = ["José Núñez", "jose@correo.es", "08001", "NA"]

READING_CASES = [
    # (file, encoding, delimiter, header?, email column, first record)
    ("utf8_bom.csv", "utf-8-sig", ",", True, "Correo electrónico", SPANISH_FIRST),
    ("utf8_plain.csv", "utf-8", ",", True, "Correo electrónico", SPANISH_FIRST),
    ("cp1252_semicolon.csv", "cp1252", ";", True, "Correo electrónico", SPANISH_FIRST),
    ("utf16_tab.txt", "utf-16", "\t", True, "Correo electrónico", SPANISH_FIRST),
    ("cp1251_semicolon.csv", "cp1251", ";", True, "Электронная почта", ["Иван", "Петров", "ivan.petrov@mail.ru", "Москва"]),
    ("pipe.csv", "utf-8", "|", True, "Correo electrónico", SPANISH_FIRST),
    ("tab.tsv", "utf-8", "\t", True, "Correo electrónico", SPANISH_FIRST),
    ("no_header.csv", "utf-8", ",", False, "2", SPANISH_FIRST),
    ("single_column_no_header.txt", "utf-8", ",", False, "1", ["jose@correo.es"]),
    ("single_column_header.csv", "utf-8", ",", True, "email", ["jose@correo.es"]),
    ("multiline_cells.csv", "utf-8", ",", True, "Email", ["Ana", "ana@correo.es", "primera línea\r\nsegunda, con coma"]),
    ("header_spanish.csv", "cp1252", ";", True, "Dirección de correo", ["Ana", "Pérez", "ana@correo.es"]),
    ("header_portuguese.csv", "utf-8", ",", True, "Endereço de e-mail", ["João", "joao@correio.com.br", "São Paulo"]),
    ("header_ukrainian.csv", "cp1251", ";", True, "Електронна пошта", ["Олена", "olena@ukr.net", "Київ"]),
    ("header_russian.csv", "utf-8", ",", True, "Эл. почта", ["Иван", "ivan@mail.ru", "Москва"]),
    ("email_by_content.csv", "utf-8", ";", True, "Contacto", ["Ana", "ana@correo.es", "Madrid"]),
]


@pytest.mark.parametrize(("name", "encoding", "delimiter", "header", "column", "first"), READING_CASES)
def test_reading_conditions(name, encoding, delimiter, header, column, first):
    table = read_contacts((DATA / name).read_bytes())
    assert table.text_format.encoding == encoding
    assert table.text_format.delimiter == delimiter
    assert (table.header is not None) == header
    assert table.email_column_name == column
    assert table.records[0] == first


EXPORT_CASES = [
    # (file, email column, address in the first record)
    ("google_contacts_legacy.csv", "E-mail 1 - Value", "ana@correo.es"),
    ("google_contacts.csv", "E-mail 1 - Value", "alice@correo.es"),
    ("outlook.csv", "E-mail Address", "ana@correo.es"),
    ("mailchimp.csv", "Email Address", "ana@correo.es"),
    ("hubspot.csv", "Email", "casey@empresa.es"),
]


@pytest.mark.parametrize(("name", "column", "address"), EXPORT_CASES)
def test_export_formats(name, column, address):
    table = read_contacts((DATA / name).read_bytes())
    assert table.email_column_name == column
    assert table.records[0][table.email_column] == address
    assert all(len(record) == len(table.header) for record in table.records)


def test_google_contacts_row_without_email_is_kept():
    table = read_contacts((DATA / "google_contacts.csv").read_bytes())
    assert [r[table.email_column] for r in table.records] == ["alice@correo.es", ""]


def test_outlook_semicolons_inside_a_comma_file_stay_in_their_cell():
    table = read_contacts((DATA / "outlook.csv").read_bytes())
    assert table.records[0][-1] == "Imported 12/7/17 1;My Contacts"


def test_every_cell_is_text():
    table = read_contacts((DATA / "cp1252_semicolon.csv").read_bytes())
    assert table.records[1] == ["María Peña", "maria@correo.es", "007", "null"]


def test_header_only_file_has_no_records():
    table = read_contacts((DATA / "header_only.csv").read_bytes())
    assert table.header == ["Nombre", "Correo electrónico"] and table.records == []


def test_line_endings_are_remembered():
    assert read_contacts((DATA / "cp1252_semicolon.csv").read_bytes()).text_format.line_terminator == "\r\n"
    assert read_contacts((DATA / "tab.tsv").read_bytes()).text_format.line_terminator == "\n"


def test_overrides():
    data = (DATA / "cp1252_semicolon.csv").read_bytes()
    table = read_contacts(data, encoding="cp1251", delimiter=",", column="1", has_header=False)
    assert table.text_format.codec == "cp1251" and table.header is None and table.email_column == 0


def test_column_option_matches_header_names_loosely():
    table = read_contacts((DATA / "cp1252_semicolon.csv").read_bytes(), column="correo electronico")
    assert table.email_column == 1


@pytest.mark.parametrize(("name", "message"), [
    ("empty.csv", "the file is empty"),
    ("no_email_column.csv", ("no column holds email addresses: no header names one and no cell contains @ "
                            "(name it with --column)")),
])
def test_unreadable_inputs(name, message):
    with pytest.raises(InputError) as raised:
        read_contacts((DATA / name).read_bytes())
    assert str(raised.value) == message


def test_unknown_column_is_a_usage_error():
    with pytest.raises(UsageError) as raised:
        read_contacts((DATA / "utf8_plain.csv").read_bytes(), column="Mail")
    assert str(raised.value) == ("--column 'Mail' is not a column of this file; it has 'Nombre', "
                                 "'Correo electrónico', 'Código postal', 'Notas'")


def test_wrong_encoding_names_the_line():
    data = "email\nana@correo.es\njosé@correo.es\n".encode("cp1252")
    with pytest.raises(InputError) as raised:
        read_contacts(data, encoding="utf-8")
    assert str(raised.value) == ("line 3 is not valid utf-8 (byte 0xe9) "
                                 "(name the file's real encoding with --encoding)")


@pytest.mark.parametrize(("text", "delimiter"), [
    ("Nombre;Importe\nAna;1.234,50\nLuis;2,00\n", ";"),
    ("a,b,c\n1,2,3\n", ","),
    ("a\tb\n1\t2\n", "\t"),
    ("a|b\n1|2\n", "|"),
    ("ana@correo.es\nluis@correo.es\n", None),
    ('email,notes\nana@correo.es,"uno; dos; tres"\n', ","),
])
def test_sniff_delimiter(text, delimiter):
    assert sniff_delimiter(text) == delimiter


def test_ragged_rows_are_padded_and_counted():
    table = read_contacts(b"email,name\nana@correo.es\nluis@correo.es,Luis,extra\n")
    assert table.records == [["ana@correo.es", "", ""], ["luis@correo.es", "Luis", "extra"]]
    assert table.header == ["email", "name"] and table.width == 3
    assert [(w.code, w.message) for w in table.warnings] == [
        ("long_rows", "1 row has more fields than the header; the extra fields were kept."),
        ("short_rows", "1 row has fewer fields than the widest row; it was padded with empty cells.")]


# Header and column detection on awkward files (found in review).
@pytest.mark.parametrize(("text", "header", "column", "first"), [
    # A first record holding an address is data, even when another cell is a mail word.
    ("Ana,ana@correo.es,Email\r\nLuis,luis@correo.es,Teléfono\r\n", None, 1, ["Ana", "ana@correo.es", "Email"]),
    ("Juan Correo;juan@correo.es\nEva;eva@correo.es\n", None, 1, ["Juan Correo", "juan@correo.es"]),
    # A first record whose address is broken is data, not a header.
    ("ana.correo.es\nluis@correo.es\neva@correo.es\n", None, 0, ["ana.correo.es"]),
    ("Ana;\nLuis;luis@correo.es\nEva;eva@correo.es\n", None, 1, ["Ana", ""]),
    # An unlisted header above a column with few addresses is still a header.
    ("Имя;Фамилия;Адрес эл. почты;Телефон\nИван;Петров;;1\nОля;Ким;olya@mail.ru;2\nЁж;Ли;;3\n",
     ["Имя", "Фамилия", "Адрес эл. почты", "Телефон"], 2, ["Иван", "Петров", "", "1"]),
    ("Контакт;Місто\nОлена;Київ\nolena@ukr.net;Львів\n", ["Контакт", "Місто"], 0, ["Олена", "Київ"]),
    # A header name over a column with no address loses to the column holding them.
    ("Nombre;Mail enviado;Contacto\nAna;sí;ana@correo.es\n", ["Nombre", "Mail enviado", "Contacto"], 2,
     ["Ana", "sí", "ana@correo.es"]),
    # @handles are not addresses.
    ("Ana;@ana;ana@correo.es\nLuis;@luis;luis@correo.es\n", None, 2, ["Ana", "@ana", "ana@correo.es"]),
])
def test_awkward_layouts(text, header, column, first):
    table = read_contacts(text.encode("utf-8"))
    assert (table.header, table.email_column, table.records[0]) == (header, column, first)


def test_excel_separator_line_is_kept_and_obeyed():
    table = read_contacts(b"sep=;\r\nNombre;Correo\r\nAna;ana@correo.es\r\n")
    assert table.header == ["Nombre", "Correo"] and table.text_format.delimiter == ";"
    assert table.text_format.preamble == "sep=;\r\n" and table.first_row_number == 2


def test_blank_lines_above_the_header_count_as_rows():
    table = read_contacts(b"\n\nNombre,Correo\nAna,ana@correo.es\n")
    assert table.header == ["Nombre", "Correo"] and table.first_row_number == 4


@pytest.mark.parametrize(("encoding", "message"), [
    ("rot13", "--encoding 'rot13' is not a text encoding"),
    ("base64", "--encoding 'base64' is not a text encoding"),
])
def test_codecs_that_are_not_text_encodings(encoding, message):
    with pytest.raises(UsageError) as raised:
        read_contacts(b"email\nana@correo.es\n", encoding=encoding)
    assert str(raised.value) == message


def test_cells_larger_than_the_csv_modules_default_limit():
    notes = "x" * 300_000
    table = read_contacts(f'email,notes\nana@correo.es,"{notes}"\n'.encode())
    assert table.records[0][1] == notes


def test_utf32_is_read_and_named():
    data = "email\nana@correo.es\n".encode("utf-32")
    assert read_contacts(data).text_format.encoding == "utf-32"


def test_an_unclosed_quote_is_warned_about():
    table = read_contacts(b'email,nombre\nana@correo.es,"Ana\nluis@correo.es,Luis\neva@correo.es,Eva\n')
    assert [(w.code, w.message) for w in table.warnings] == [
        ("unclosed_quote", ("Row 2 has a cell of 4 lines with ',' inside: probably a quote that is never closed, "
                            "which put the rows after it in one cell. Check the file around that row."))]
    assert read_contacts((DATA / "multiline_cells.csv").read_bytes()).warnings == []
