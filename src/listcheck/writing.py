"""Writing the outputs the way the input was written, all or nothing."""

from __future__ import annotations

import csv
import io
import itertools
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from typing import IO

from .errors import UsageError
from .reading import TextFormat


def write_outputs(
    outputs: Sequence[tuple[str, Sequence[str] | None, Iterable[Sequence[object]]]], text_format: TextFormat
) -> None:
    """Write each ``(path, header, rows)``; all files appear under their final names, or none does.

    Each file is written to a temporary file in its own folder, so the final rename is atomic, and
    no rename happens before every file is complete.
    """
    for path, _, _ in outputs:
        _refuse_folder(path)
    with ExitStack() as stack:
        pending = []
        for path, header, rows in outputs:
            handle, temporary = stack.enter_context(_temporary_beside(path))
            _guard(path, lambda: _write_csv(handle, header, rows, text_format))
            pending.append((temporary, path))
        for temporary, path in pending:
            _guard(path, lambda: os.replace(temporary, path))


def write_text(path: str, text: str) -> None:
    """Write a UTF-8 text file the same way: complete under its final name, or not there."""
    _refuse_folder(path)
    with _temporary_beside(path) as (handle, temporary):
        _guard(path, lambda: handle.write(text.encode("utf-8")))
        handle.flush()
        _guard(path, lambda: os.replace(temporary, path))


def _refuse_folder(path: str) -> None:
    if os.path.isdir(path):
        raise UsageError(f"'{path}' is a folder; give a file name for this output")


def _guard(path: str, action: Callable[[], object]) -> None:
    """Run a file operation; an OS error becomes one line naming the file."""
    try:
        action()
    except OSError as error:
        raise UsageError(f"cannot write '{path}': {error.strerror or error}") from None


@contextmanager
def _temporary_beside(path: str) -> Iterator[tuple[IO[bytes], str]]:
    folder = os.path.dirname(os.path.abspath(path))
    try:
        os.makedirs(folder, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(path)}.", suffix=".tmp")
    except OSError as error:
        raise UsageError(f"cannot write in '{folder}': {error.strerror}", "choose another folder with -o") from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            yield handle, temporary
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _write_csv(
    handle: IO[bytes], header: Sequence[str] | None, rows: Iterable[Sequence[object]], text_format: TextFormat
) -> None:
    handle.write(text_format.bom)
    # Bytes that were not text come back as they were ("keep"). Otherwise only our own sentences can
    # hold characters the code page lacks; the cells read from the file never do.
    errors = "surrogateescape" if text_format.errors == "surrogateescape" else "replace"
    handle.write(text_format.preamble.encode(text_format.codec, errors=errors))
    if text_format.line_terminator == "\r\n" or not text_format.cells_may_hold_cr:
        # The csv writer quotes every cell that needs it: write the rows in one go.
        text = io.TextIOWrapper(handle, encoding=text_format.codec, errors=errors, newline="", write_through=False)
        writer = csv.writer(text, delimiter=text_format.delimiter, lineterminator=text_format.line_terminator)
        if header is not None:
            writer.writerow(header)
        writer.writerows(rows)
        text.flush()
        text.detach()  # the caller closes the file
        return
    for line in _csv_lines(header, rows, text_format):
        handle.write(line.encode(text_format.codec, errors=errors))


def _csv_lines(
    header: Sequence[str] | None, rows: Iterable[Sequence[object]], text_format: TextFormat
) -> Iterator[str]:
    """Each record as a line ending in the input's line terminator, for files whose cells may hold CR.

    The csv writer quotes only the line-break characters of its own terminator, so a cell holding a
    lone CR in a file of LF lines would come out unquoted and split the record. Writing with CRLF
    makes it quote both; the terminator is then swapped for the input's.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=text_format.delimiter, lineterminator="\r\n")
    records = itertools.chain([header] if header is not None else [], rows)
    for record in records:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(record)
        yield buffer.getvalue()[:-2] + text_format.line_terminator


# Characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection): = + - @, and
# tab and carriage return, which some spreadsheets skip before looking.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defuse_formulas(cells: Sequence[str]) -> list[str]:
    """Cells with a ``'`` before any that a spreadsheet would run as a formula (``--safe-formulas``).

    >>> defuse_formulas(["=1+1", "+34 600 123 456", "Ana", ""])
    ["'=1+1", "'+34 600 123 456", 'Ana', '']
    """
    return [f"'{cell}" if cell.startswith(_FORMULA_STARTS) else cell for cell in cells]


def refuse_overwriting_input(input_path: str | None, *output_paths: str) -> None:
    """Raise ``UsageError`` when an output would replace the input or another output."""
    seen: set[str] = set()
    for path in output_paths:
        resolved = os.path.realpath(path)
        if input_path is not None and (resolved == os.path.realpath(input_path) or _same_file(path, input_path)):
            raise UsageError(f"the output '{path}' is the input file; listcheck never overwrites its input")
        if resolved in seen:
            raise UsageError(f"'{path}' is given for two outputs; each output needs its own path")
        seen.add(resolved)


def _same_file(first: str, second: str) -> bool:
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False
