"""Writing the outputs the way the input was written, all or nothing."""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from typing import IO

from .errors import InputError, UsageError
from .reading import TextFormat


def write_outputs(
    outputs: Sequence[tuple[str, Sequence[str] | None, Iterable[Sequence[object]]]], text_format: TextFormat
) -> None:
    """Write each ``(path, header, rows)``; all files appear under their final names, or none does.

    Each file is written to a temporary file in its own folder, so the final rename is atomic, and
    no rename happens before every file is complete.
    """
    with ExitStack() as stack:
        pending = []
        for path, header, rows in outputs:
            handle, temporary = stack.enter_context(_temporary_beside(path))
            _write_csv(handle, header, rows, text_format)
            pending.append((temporary, path))
        for temporary, path in pending:
            os.replace(temporary, path)


@contextmanager
def _temporary_beside(path: str) -> Iterator[tuple[IO[bytes], str]]:
    folder = os.path.dirname(os.path.abspath(path))
    try:
        os.makedirs(folder, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(path)}.", suffix=".tmp")
    except OSError as error:
        raise InputError(f"cannot write in '{folder}': {error.strerror}", "choose another folder with -o") from None
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
    # Our own sentences may hold characters a code page lacks; the cells read from the file never do.
    text = _TextSink(handle, text_format.codec)
    writer = csv.writer(text, delimiter=text_format.delimiter, lineterminator=text_format.line_terminator)
    if header is not None:
        writer.writerow(header)
    writer.writerows(rows)


class _TextSink:
    """A file-like ``write`` that encodes text to a binary handle."""

    def __init__(self, handle: IO[bytes], codec: str) -> None:
        self._handle = handle
        self._codec = codec

    def write(self, text: str) -> int:
        self._handle.write(text.encode(self._codec, errors="replace"))
        return len(text)


def refuse_overwriting_input(input_path: str | None, *output_paths: str) -> None:
    """Raise ``UsageError`` when an output would replace the input or another output."""
    seen: set[str] = set()
    for path in output_paths:
        resolved = os.path.realpath(path)
        if input_path is not None and (resolved == os.path.realpath(input_path) or _same_file(path, input_path)):
            raise UsageError(f"the output '{path}' is the input file; listcheck never overwrites its input")
        if resolved in seen:
            raise UsageError(f"'{path}' is given for both outputs; the clean and rejected files need two paths")
        seen.add(resolved)


def _same_file(first: str, second: str) -> bool:
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False
