"""Writing the outputs the way the input was written, all or nothing."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from typing import IO, Self

from listcheck.errors import UsageError
from listcheck.messages import say
from listcheck.reading.contacts import TextFormat


class CsvOutputs:
    """CSV files written the way the input was, a batch of rows at a time, all or nothing.

    Each file is written to a temporary file in its own folder, so the final rename is atomic; no
    rename happens before ``commit``, and leaving the ``with`` block without it removes them all.
    """

    def __init__(self, outputs: Sequence[tuple[str, Sequence[str] | None]], text_format: TextFormat) -> None:
        self._outputs = outputs
        self._text_format = text_format
        self._stack = ExitStack()
        self._files: list[tuple[str, str, _CsvSink]] = []

    def __enter__(self) -> Self:
        for path, _ in self._outputs:
            _refuse_folder(path)
        with ExitStack() as stack:
            for path, header in self._outputs:
                handle, temporary = stack.enter_context(_temporary_beside(path))
                sink = _CsvSink(handle, self._text_format)
                _guard(path, sink.write, [header] if header is not None else [])
                self._files.append((path, temporary, sink))
            self._stack = stack.pop_all()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stack.close()

    def write(self, number: int, rows: Iterable[Sequence[object] | str]) -> None:
        """Add ``rows`` to the ``number``-th file: lists of cells, or lines to copy as they are."""
        path, _, sink = self._files[number]
        _guard(path, sink.write, rows)

    def commit(self) -> None:
        """Put every file under its final name."""
        for path, _, sink in self._files:
            _guard(path, sink.finish)
        for path, temporary, _ in self._files:
            _guard(path, os.replace, temporary, path)


@contextmanager
def csv_sink(handle: IO[bytes], text_format: TextFormat) -> Iterator[_CsvSink]:
    """A writer of rows into ``handle`` the way the input was written (its ``write``: lists of cells,
    or lines to copy as they are), starting with the BOM and the preamble of ``text_format``."""
    sink = _CsvSink(handle, text_format)
    yield sink
    sink.finish()


def write_all(outputs: Sequence[tuple[str, Callable[[IO[bytes]], object]]]) -> None:
    """Call each ``save(file)`` on a temporary file beside its path; then rename them all, or none."""
    for path, _ in outputs:
        _refuse_folder(path)
    with ExitStack() as stack:
        pending = []
        for path, save in outputs:
            handle, temporary = stack.enter_context(_temporary_beside(path))
            _guard(path, save, handle)
            _guard(path, handle.flush)
            pending.append((temporary, path))
        for temporary, path in pending:
            _guard(path, os.replace, temporary, path)


def write_text(path: str, text: str) -> None:
    """Write a UTF-8 text file the same way: complete under its final name, or not there."""
    _refuse_folder(path)
    with _temporary_beside(path) as (handle, temporary):
        _guard(path, lambda: handle.write(text.encode("utf-8")))
        handle.flush()
        _guard(path, lambda: os.replace(temporary, path))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _refuse_folder(path: str) -> None:
    if os.path.isdir(path):
        raise UsageError(say("usage.output_is_folder", path=path))


def _guard(path: str, action: Callable[..., object], *arguments: object) -> None:
    """Run a file operation; an OS error becomes one line naming the file."""
    try:
        action(*arguments)
    except OSError as error:
        raise UsageError(say("usage.cannot_write", path=path, error=error.strerror or error)) from None


@contextmanager
def _temporary_beside(path: str) -> Iterator[tuple[IO[bytes], str]]:
    folder = os.path.dirname(os.path.abspath(path))
    try:
        os.makedirs(folder, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(path)}.", suffix=".tmp")
        # mkstemp makes the file private (0600); an output is an ordinary file, as the umask has it.
        os.chmod(temporary, 0o666 & ~_umask())
    except OSError as error:
        raise UsageError(say("usage.cannot_write_in", folder=folder, error=error.strerror),
                         say("hint.another_folder")) from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            yield handle, temporary
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


class _CsvSink:
    """Rows to CSV text in the input's encoding, delimiter and line ends, into an open binary file."""

    def __init__(self, handle: IO[bytes], text_format: TextFormat) -> None:
        handle.write(text_format.bom)
        # Bytes that were not text come back as they were ("keep"). Otherwise only our own sentences can
        # hold characters the code page lacks; the cells read from the file never do.
        errors = "surrogateescape" if text_format.errors == "surrogateescape" else "replace"
        handle.write(text_format.preamble.encode(text_format.codec, errors=errors))
        self._text = io.TextIOWrapper(handle, encoding=text_format.codec, errors=errors, newline="")
        self._format = text_format
        # The csv writer quotes every cell that needs it, unless a cell may hold a lone CR (see _csv_lines).
        self._by_line = text_format.line_terminator != "\r\n" and text_format.cells_may_hold_cr
        self._writer = csv.writer(self._text, delimiter=text_format.delimiter,
                                  lineterminator=text_format.line_terminator)

    def write(self, rows: Iterable[Sequence[object] | str]) -> None:
        """Write each row: a list of cells, or a line to copy as it is (line end included)."""
        if self._by_line:
            self._text.writelines(_csv_lines(rows, self._format))
            return
        copied: list[str] = []
        for row in rows:
            if isinstance(row, str):
                copied.append(row)
                continue
            if copied:
                self._text.write("".join(copied))
                copied.clear()
            self._writer.writerow(row)
        self._text.write("".join(copied))

    def finish(self) -> None:
        self._text.flush()
        self._text.detach()  # the temporary file's owner closes it


def _csv_lines(rows: Iterable[Sequence[object] | str], text_format: TextFormat) -> Iterator[str]:
    """Each record as a line ending in the input's line terminator, for files whose cells may hold CR.

    The csv writer quotes only the line-break characters of its own terminator, so a cell holding a
    lone CR in a file of LF lines would come out unquoted and split the record. Writing with CRLF
    makes it quote both; the terminator is then swapped for the input's.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=text_format.delimiter, lineterminator="\r\n")
    for record in rows:
        if isinstance(record, str):  # a line copied as it was read
            yield record
            continue
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
            raise UsageError(say("usage.output_is_input", path=path))
        if resolved in seen:
            raise UsageError(say("usage.output_twice", path=path))
        seen.add(resolved)


def _same_file(first: str, second: str) -> bool:
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False
