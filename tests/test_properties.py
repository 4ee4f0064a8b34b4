"""Property: whatever the table, every record lands in exactly one output, in input order, with its
other cells unchanged and its address cell normalized; its status and reason agree with each other,
with the address's own verdict and with where it went; the JSON report's counts add up to the rows
(tests/landing.py)."""

import codecs
import csv
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .landing import assert_every_row_lands_once, read_output, run_check

ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)
ADDRESS_LIKE = st.one_of(
    ANY_TEXT,
    st.emails(),
    st.sampled_from(["ana@correo.es", "ANA@correo.es", " Ana <ana@correo.es> ", "", "sin-arroba", "a@b@c.es",
                     "ana@example.com", "ana@empresa.con", "a@x.es; b@y.es", "mailto:ana@correo.es"]),
    st.builds(lambda address, noise: address + noise, st.emails(), ANY_TEXT),
)
ENCODINGS = [("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE)]


@st.composite
def tables(draw):
    width = draw(st.integers(1, 4))
    email_column = draw(st.integers(0, width - 1))
    header = [f"col{i}" for i in range(width)]
    header[email_column] = "email"
    row = st.tuples(*[ADDRESS_LIKE if i == email_column else ANY_TEXT for i in range(width)]).map(list)
    records = draw(st.lists(row, max_size=25))
    return header, records, email_column


def _write_input(path, header, records, delimiter, terminator, codec, bom, with_header=True):
    buffer = io.StringIO()
    # Quote everything when lines end in LF alone: the csv writer would leave a lone CR unquoted.
    quoting = csv.QUOTE_ALL if terminator == "\n" else csv.QUOTE_MINIMAL
    rows = [header] + records if with_header else records
    csv.writer(buffer, delimiter=delimiter, lineterminator=terminator, quoting=quoting).writerows(rows)
    path.write_bytes(bom + buffer.getvalue().encode(codec))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    table=tables(),
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
    terminator=st.sampled_from(["\r\n", "\n"]),
    encoding=st.sampled_from(ENCODINGS),
)
def test_every_record_lands_in_exactly_one_output(table, delimiter, terminator, encoding):
    """With the reading options given, every record lands once, in order, with the verdict it deserves."""
    header, records, email_column = table
    codec, bom = encoding
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "lista.csv"
        _write_input(source, header, records, delimiter, terminator, codec, bom)
        status, report = run_check(source, "--no-dns", "-q", "--annotate", "--delimiter", delimiter,
                                   "--column", "email", "--header")
        assert status == 0
        clean = read_output(Path(folder) / "lista.clean.csv", delimiter, codec, bom)
        rejected = read_output(Path(folder) / "lista.rejected.csv", delimiter, codec, bom)
    assert_every_row_lands_once(records, header, email_column, clean, rejected, report)


NAMES = st.sampled_from(["Ana", "José Núñez", "María-Peña", "O'Brien", "Łukasz", "", "NA", "null", "007", "08001",
                         "1.234,50", "Pérez, Ana", 'dice "hola"', "línea\r\nnueva", "+34 600 123 456", "=1+1"])
ADDRESSES = st.sampled_from(["ana@correo.es", "ANA@correo.es", "luis@gmial.com", "", "sin-arroba", "a@b@c.es",
                             "Ana <ana@correo.es>", "eva@empresa.con", "x@example.com", "a@x.es; b@y.es",
                             "josé@españa.es", " pepe@correo.es ", "mailto:rosa@correo.es"])
HEADERS = st.sampled_from([["Nombre", "Correo electrónico", "Ciudad"], ["Email", "Name"], ["E-mail Address"],
                           ["First Name", "E-mail 1 - Value", "Phone 1 - Value"], ["Имя", "Эл. почта"]])


@st.composite
def exports(draw):
    header = draw(HEADERS)
    email_column = next(i for i, name in enumerate(header) if "mail" in name.lower() or "почта" in name or
                        "Correo" in name)
    width = len(header)
    row = st.tuples(*[ADDRESSES if i == email_column else NAMES for i in range(width)]).map(list)
    # The first record holds a real address, as in real exports, so that header detection is not a coin toss.
    first = draw(row)
    first[email_column] = draw(st.sampled_from(["ana@correo.es", "Ana <ana@correo.es>", "luis@gmial.com"]))
    records = [first] + draw(st.lists(row, max_size=15))
    with_header = draw(st.booleans())
    return (header if with_header else None), records, email_column


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    export=exports(),
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
    terminator=st.sampled_from(["\r\n", "\n"]),
    encoding=st.sampled_from([("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE)]),
)
def test_detection_keeps_every_record_of_a_realistic_export(export, delimiter, terminator, encoding):
    """With everything detected, every record of an export lands once, in order, with the verdict it deserves."""
    header, records, email_column = export
    codec, bom = encoding
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "export.csv"
        _write_input(source, header, records, delimiter, terminator, codec, bom, with_header=header is not None)
        status, report = run_check(source, "--no-dns", "-q", "--annotate")  # everything detected
        assert status == 0
        width = len(records[0])
        written = delimiter if width > 1 else ","  # a one-column file gets commas for the added columns
        clean = read_output(Path(folder) / "export.clean.csv", written, codec, bom)
        rejected = read_output(Path(folder) / "export.rejected.csv", written, codec, bom)

    assert report["input"]["header"] == (header is not None)
    assert report["input"]["delimiter"] == (delimiter if width > 1 else "")
    assert report["input"]["email_column"] == (header[email_column] if header is not None else str(email_column + 1))
    assert_every_row_lands_once(records, header, email_column, clean, rejected, report)
