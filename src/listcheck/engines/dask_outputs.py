"""What ``check --engine dask`` writes: each partition's rows by the worker that judged them, then the
outputs put together here, complete under their names or not there at all.

Every partition's clean and rejected rows go to part files in a scratch folder beside the outputs,
each part written under a temporary name and renamed when whole, so that a task the scheduler runs
again (its worker died) writes its part again over nothing half-done. When every part is there:

- **CSV**: each output is its header (written as the input's, BOM and ``sep=`` line included)
  followed by the parts' bytes in order, put in place as ``CsvOutputs`` does; the bytes are the
  same as a run without ``--engine`` writes.
- **Parquet**: each output is a folder of part files (``part-00000.parquet``...), one per
  partition, the way Dask and Spark write a table; the folder is put in place by renaming it.

The scratch folder is removed whatever happens.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import IO, TYPE_CHECKING

from listcheck.errors import UsageError
from listcheck.messages import say
from listcheck.reading.contacts import TextFormat
from listcheck.writing.outputs import csv_sink, write_all

if TYPE_CHECKING:
    import pandas as pd

OUTPUTS = ("clean", "rejected")


@dataclass(frozen=True)
class PartFiles:
    """Where partition ``number``'s rows for each output go, in the run's scratch folder."""

    folder: str
    suffix: str  # ".csv" or ".parquet"

    def path(self, output: str, number: int) -> str:
        return os.path.join(self.folder, output, f"part-{number:05d}{self.suffix}")

    def parts(self, output: str, count: int) -> list[str]:
        return [self.path(output, number) for number in range(count)]


@contextmanager
def scratch_beside(path: str, suffix: str) -> Iterator[PartFiles]:
    """A scratch folder for the parts, beside the output ``path`` (on the same disk: renames are cheap)."""
    folder = os.path.dirname(os.path.abspath(path))
    try:
        os.makedirs(folder, exist_ok=True)
        scratch = tempfile.mkdtemp(dir=folder, prefix=f".{os.path.basename(path)}.", suffix=".parts")
        for output in OUTPUTS:
            os.mkdir(os.path.join(scratch, output))
    except OSError as error:
        raise UsageError(say("usage.cannot_write_in", folder=folder, error=error.strerror),
                         say("hint.another_folder")) from None
    try:
        yield PartFiles(scratch, suffix)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def write_csv_part(path: str, rows: Sequence[Sequence[str] | str], text_format: TextFormat) -> None:
    """A partition's rows as the body of a CSV output: no BOM, no preamble, no header."""
    body = replace(text_format, bom=b"", preamble="")
    with _whole(path) as handle, csv_sink(handle, body) as sink:
        sink.write(rows)


def write_parquet_part(path: str, frame: pd.DataFrame) -> None:
    """A partition's rows as one Parquet file of an output's folder."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(frame, preserve_index=False)
    with _whole(path) as handle:
        pq.write_table(table, handle)


@contextmanager
def _whole(path: str) -> Iterator[IO[bytes]]:
    """A file written under a temporary name and renamed to ``path`` once complete."""
    temporary = f"{path}.{os.getpid()}.tmp"
    with open(temporary, "wb") as handle:
        yield handle
    os.replace(temporary, path)


def join_csv_parts(outputs: Sequence[tuple[str, Sequence[str] | None]], parts: Sequence[Sequence[str]],
                   text_format: TextFormat) -> None:
    """Each output (path and header, None for none) as its header and its parts' bytes, in order;
    all put in place, or none."""
    def save(header: Sequence[str] | None, files: Sequence[str]) -> Callable[[IO[bytes]], None]:
        def write(handle: IO[bytes]) -> None:
            with csv_sink(handle, text_format) as sink:
                sink.write([header] if header is not None else [])
            for part in files:
                with open(part, "rb") as source:
                    shutil.copyfileobj(source, handle, 2**20)
        return write

    write_all([(path, save(header, files)) for (path, header), files in zip(outputs, parts)])


def place_parquet_folders(outputs: Sequence[str], parts: PartFiles) -> None:
    """Rename the parts' folders to the outputs' names; an output already there is replaced, and is
    removed only once every new folder is in place."""
    for output in outputs:
        if os.path.isfile(output):
            raise UsageError(say("usage.output_is_file", path=output))
    try:
        for name, output in zip(OUTPUTS, outputs):
            # A worker killed while writing leaves its part's temporary file: the rerun wrote the part.
            folder = os.path.join(parts.folder, name)
            for leftover in os.listdir(folder):
                if not leftover.endswith(parts.suffix):
                    os.unlink(os.path.join(folder, leftover))
            if os.path.isdir(output):
                aside = os.path.join(parts.folder, f"old-{name}")
                os.replace(output, aside)  # removed with the scratch folder
            os.replace(os.path.join(parts.folder, name), output)
    except OSError as error:
        raise UsageError(say("usage.cannot_write", path=outputs[0], error=error.strerror or error)) from None

