"""Several address columns (``Correo personal`` and ``Correo trabajo``; Outlook's ``E-mail Address``,
``E-mail 2 Address``, ``E-mail 3 Address``): the one with the most valid addresses is checked, a warning
names the others, and a row whose own address is empty or invalid gets a valid one from them as its
suggestion, without changing where the row goes."""

import csv
import io

import pytest

from listcheck import check_file
from listcheck.reading.contacts import read_contacts
from listcheck.settings import PolicySettings, ReadingSettings

TWO_COLUMNS = ("Nombre;Correo personal;Correo trabajo\r\n"
               "Ana;;ana@empresa.es\r\n"  # row 2: empty here, valid at work
               "Luis;luis.empresa;luis@empresa.es\r\n"  # row 3: no @ and no repair here, valid at work
               "Eva;eva@gmial.com;eva@empresa.es\r\n"  # row 4: a typo keeps its own suggestion
               "Juan;juan@gmail.com;juan@empresa.es\r\n"  # row 5: valid
               "Rosa;;rosa.empresa.es\r\n"  # row 6: nothing valid anywhere
               "Pablo;;pablo@empresa.es\r\n"  # row 7
               "Sara;;sara@empresa.es\r\n")  # row 8


@pytest.mark.parametrize(("text", "column", "others"), [
    (TWO_COLUMNS, "Correo trabajo", [1]),
    # Outlook: the second address column is the fuller one.
    (("First Name,E-mail Address,E-mail 2 Address,E-mail 3 Address\nAna,,ana@correo.es,\nLuis,luis@correo.es,"
      "luis@empresa.es,\nEva,,eva@correo.es,eva@casa.es\n"), "E-mail 2 Address", [1, 3]),
    # A column repeating a few addresses (a sales rep's, a tutor's) is not the fullest: distinct ones count.
    ("First Name,Email,Contact owner email\n" + "".join(
        f"P{i},{'' if i % 4 == 0 else f'p{i}@correo.es'},rep{i % 2}@empresa.es\n" for i in range(40)),
     "Email", [2]),
    # A tie goes to the leftmost.
    ("Nombre,Email,Email 2\nAna,ana@correo.es,ana@empresa.es\n", "Email", [2]),
    # Addresses that are there but not valid do not count.
    (("Nombre,Correo personal,Correo trabajo\nAna,ana@gmial,ana@empresa.es\nLuis,luis@,luis@empresa.es\n"
      "Eva,eva@correo.es,eva@empresa\n"), "Correo trabajo", [1]),
])
def test_the_column_with_the_most_valid_addresses_is_checked(text, column, others):
    table = read_contacts(text.encode("utf-8"))
    assert (table.email_column_name, table.other_email_columns) == (column, others)
    assert [w.code for w in table.warnings] == ["other_address_columns"]


def test_the_warning_names_the_other_columns():
    [warning] = read_contacts(TWO_COLUMNS.encode("utf-8")).warnings
    assert warning.message == (
        "1 more column holds addresses: 'Correo personal'. 'Correo trabajo' was checked, as the one with the most "
        "valid addresses (--column chooses another); where a row's address is empty or invalid, a valid one in "
        "'Correo personal' is its suggestion.")
    [chosen] = read_contacts(TWO_COLUMNS.encode("utf-8"), column="Correo personal").warnings
    assert chosen.message.startswith("1 more column holds addresses: 'Correo trabajo'. 'Correo personal' was checked;")


@pytest.mark.parametrize("text", [
    "Nombre,Email,Notas\nAna,ana@correo.es,escribir a luis@correo.es el lunes\n",  # an address inside a note
    'email,nombre\nana@correo.es,"Ana\nluis@correo.es,Luis\n',  # rows swallowed by an unclosed quote
    "Nombre,Email,Estado del mail\nAna,ana@correo.es,enviado\n",
])
def test_a_column_that_only_mentions_addresses_is_not_one(text):
    table = read_contacts(text.encode("utf-8"))
    assert table.other_email_columns == [] and "other_address_columns" not in [w.code for w in table.warnings]


def rejected_rows(path) -> dict[str, list[str]]:
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline=""), delimiter=";"))
    return {row["listcheck_row"]: [row["Correo trabajo"], row["listcheck_reason"], row["listcheck_suggestion"],
                                   row["listcheck_detail"]] for row in rows}


@pytest.mark.parametrize("parallel", [False, True])
def test_an_invalid_row_gets_the_valid_address_of_another_column_as_suggestion(tmp_path, parallel):
    source = tmp_path / "alumnos.csv"
    # The personal column is checked (--column): it has the empty and broken cells.
    source.write_text(TWO_COLUMNS, encoding="utf-8")
    report = check_file(str(source), reading=ReadingSettings(column="Correo personal"), dns=None, parallel=parallel)
    assert report.destinations == {"clean": 1, "rejected": 6}  # the suggestions move no row
    rejected = rejected_rows(tmp_path / "alumnos.rejected.csv")
    assert rejected["2"][1:] == ["empty", "ana@empresa.es", ("The address cell is empty. Fill it in or delete the row. "
                                 "Column 'Correo trabajo' of this row holds a valid address: ana@empresa.es.")]
    assert rejected["3"][1:3] == ["missing_at", "luis@empresa.es"]
    assert rejected["4"][1:3] == ["typo_domain", "eva@gmail.com"]  # its own correction comes first
    assert rejected["6"][1:3] == ["empty", ""]  # the other cell is no valid address either
    assert (tmp_path / "alumnos.clean.csv").read_text(encoding="utf-8").splitlines()[1] == "Juan;juan@gmail.com;juan@empresa.es"


def test_a_suppressed_address_of_another_column_is_never_suggested(tmp_path):
    source = tmp_path / "alumnos.csv"
    source.write_text(TWO_COLUMNS, encoding="utf-8")
    suppress = tmp_path / "bajas.txt"
    suppress.write_text("ana@empresa.es\n", encoding="utf-8")
    check_file(str(source), reading=ReadingSettings(column="Correo personal"), dns=None,
               policy=PolicySettings(suppress=(str(suppress),)))
    rejected = rejected_rows(tmp_path / "alumnos.rejected.csv")
    assert rejected["2"][1:3] == ["empty", ""] and rejected["3"][1:3] == ["missing_at", "luis@empresa.es"]


def test_a_file_without_header_names_the_other_column_by_its_position(tmp_path):
    source = tmp_path / "lista.csv"
    source.write_text("Ana,ana@correo.es,ana@empresa.es\nLuis,luis.correo.es,luis@empresa.es\n"
                      "Eva,eva@correo.es,eva@empresa.es\n", encoding="utf-8")
    report = check_file(str(source), reading=ReadingSettings(column="2"), dns=None)
    assert [w.code for w in report.warnings] == ["other_address_columns"]
    rows = list(csv.reader(io.StringIO((tmp_path / "lista.rejected.csv").read_text(encoding="utf-8"))))
    assert rows[1][-1] == "luis@empresa.es" and "Column 3 of this row holds a valid address" in rows[1][-2]


def test_with_dns_a_suggestion_from_another_column_must_have_a_domain_that_takes_mail(tmp_path, dns_server):
    """The other columns' domains are asked too, so a suggestion never names a domain that does not exist."""
    from listcheck.settings import DnsSettings, OutputSettings

    source = tmp_path / "lista.csv"
    source.write_text("Nombre,Correo personal,Correo trabajo\n"
                      "Ana,,ana@no-existe-nunca.es\nLuis,,luis@correo-mx.es\nEva,eva@correo-mx.es,\n"
                      "Juan,juan@correo-mx.es,\n", encoding="utf-8")
    check_file(str(source), dns=DnsSettings(nameservers=(dns_server.address,), cache=False),
               output=OutputSettings(out_dir=str(tmp_path)))
    with open(tmp_path / "lista.rejected.csv", newline="", encoding="utf-8") as handle:
        rejected = {row["Nombre"]: row["listcheck_suggestion"] for row in csv.DictReader(handle)}
    assert rejected == {"Ana": "", "Luis": "luis@correo-mx.es"}
