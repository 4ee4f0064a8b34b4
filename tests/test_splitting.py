"""The line splitter (reading/splitting.py) reads any text into the records the csv module reads from
it, whichever lines it splits plainly and whichever it hands to the csv module; a line it keeps is
exactly what writing its record back gives."""

import csv
import io

from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from listcheck.reading.splitting import record_batches

DELIMITERS = [",", ";", "\t", "|"]
LINE_ENDS = ["\n", "\r\n", "\r"]


@st.composite
def csv_texts(draw):
    """CSV text and its delimiter: records written by the csv module with any quoting and line end,
    blank lines among them, sometimes no last line end; or raw text of the characters that matter
    (quotes, delimiters, CR, LF, spaces), malformed quoting included. No NUL."""
    delimiter = draw(st.sampled_from(DELIMITERS))
    if draw(st.booleans()):
        cell = st.lists(st.sampled_from(["a", "é", " ", '"', "\n", "\r", "\r\n", delimiter, ",", "x"]),
                        max_size=6).map("".join)
        records = draw(st.lists(st.lists(cell, max_size=4), max_size=8))
        quoting = draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC]))
        line_end = draw(st.sampled_from(LINE_ENDS))
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=delimiter, quoting=quoting, lineterminator=line_end)
        lines = []
        for record in records:
            buffer.seek(0)
            buffer.truncate()
            writer.writerow(record)
            lines.append(buffer.getvalue())
            if draw(st.integers(0, 5)) == 0:
                lines.append(draw(st.sampled_from(LINE_ENDS)))  # a blank line
        text = "".join(lines)
        if text and draw(st.booleans()):
            text = text.removesuffix(line_end)  # no line end after the last record
    else:
        text = "".join(draw(st.lists(st.sampled_from(["a", "b", " ", '"', '""', "\n", "\r", "\r\n", delimiter, ","]),
                                     max_size=40)))
    return text, delimiter


def split(text: str, delimiter: str, line_end: str | None, size: int, skip_first: bool = False):
    """The splitter's batches for ``text``, read as listcheck reads a file (no newline translation)."""
    stream = io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8", newline="")
    return list(record_batches(stream, delimiter=delimiter, line_end=line_end, size=size, first_row=2,
                               skip=int(skip_first)))


def csv_module_records(text: str, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False))


def line_ends_allowed(text: str) -> list[str | None]:
    """The ``line_end`` values the splitter's contract allows for this text: a file line end only when
    every CR is part of a CRLF (so the text's lines are its LF- or CRLF-ended lines)."""
    return [None, "\n", "\r\n"] if text.count("\r") == text.count("\r\n") else [None]


@settings(max_examples=400, deadline=None)
@given(sample=csv_texts(), choice=st.integers(0, 2), size=st.integers(1, 5), skip_first=st.booleans())
@example(sample=('a,b\n"c\nd",e\n\nf,"g""h"\r\n', ","), choice=1, size=2, skip_first=False)
@example(sample=('a;b\r\n\r\n"x\r\ny";z\r\nlast', ";"), choice=2, size=1, skip_first=True)
def test_the_splitter_reads_what_the_csv_module_reads(sample, choice, size, skip_first):
    """Records, batch sizes and row numbers as the csv module and the batching promise; kept lines
    are the records' own lines."""
    text, delimiter = sample
    allowed = line_ends_allowed(text)
    line_end = allowed[choice % len(allowed)]
    expected = csv_module_records(text, delimiter)[1 if skip_first else 0:]
    batches = split(text, delimiter, line_end, size, skip_first)

    assert [record for batch in batches for record in batch.records] == expected
    assert all(len(batch.records) == size for batch in batches[:-1]) and all(batch.records for batch in batches)
    assert [batch.first_row for batch in batches] == [2 + size * number for number in range(len(batches))]
    for batch in batches:
        # A cell with a line break inside it ran over several lines (a quote left open on the last line
        # takes in that line's own end, no more).
        if any(set(cell.rstrip("\r\n")) & {"\r", "\n"} for record in batch.records for cell in record):
            assert batch.spans_lines
        if batch.lines is None:
            continue
        assert len(batch.lines) == len(batch.records)
        for record, line in zip(batch.records, batch.lines):
            if line is not None:  # kept: the writer's own line for this record, which it may copy
                written = io.StringIO()
                csv.writer(written, delimiter=delimiter, lineterminator=line_end).writerow(record)
                assert written.getvalue() == line


@settings(max_examples=100, deadline=None)
@given(records=st.lists(st.lists(st.text("abcé .-@", max_size=6), min_size=1, max_size=4), min_size=1, max_size=12),
       delimiter=st.sampled_from(DELIMITERS), line_end=st.sampled_from(["\n", "\r\n"]))
def test_plain_lines_are_split_and_kept(records, delimiter, line_end):
    """Lines without quotes, blank lines or stray line ends take the plain split, and all are kept."""
    text = "".join(delimiter.join(record) + line_end for record in records)
    assume(line_end * 2 not in text and not text.startswith(line_end))  # a blank line is the csv module's
    batches = split(text, delimiter, line_end, size=50)
    assert [record for batch in batches for record in batch.records] == csv_module_records(text, delimiter)
    assert [line for batch in batches for line in batch.lines] == text.splitlines(keepends=True)
