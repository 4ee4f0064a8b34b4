"""A list is read, judged and written in batches, and judged in a worker process when that pays; the
outputs and the report are the same however it is cut and wherever it is judged."""

import csv
import io
import random

import pytest

from listcheck import check_file
from listcheck.checks import duplicates
from listcheck.checks.duplicates import DuplicateIndex
from listcheck.engines import streaming as runner
from listcheck.reasons import Status
from listcheck.settings import OutputSettings, PolicySettings, ReadingSettings
from listcheck.verdict import AddressVerdict


def messy_list(rows: int, seed: int = 5) -> bytes:
    """Repeats far apart, quoted cells and line breaks, short and long rows, typos, capitals, blanks."""
    rng = random.Random(seed)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["Nombre", "Correo", "Notas"])
    seen: list[str] = []
    for i in range(rows):
        address = rng.choice([f"ana{i}@gmail.com", f"Luis{i}@Hotmail.ES", f"info{i}@empresa.es", f"x{i}@gmial.com",
                              f"ana {i}@correo.es", "", f"Ana <ana{i}@correo.es>", f"ivan{i}@ukr.net"])
        if seen and rng.random() < 0.15:
            address = rng.choice(seen).upper()
        seen.append(address)
        notes = rng.choice(["", "nota", "dos\nlíneas", 'con "comillas"', "a,b"])
        row = [f"Persona {i}", address, notes][:rng.choice([3, 3, 3, 2])]
        writer.writerow(row)
        if rng.random() < 0.01:
            out.write("\r\n")
    return out.getvalue().encode("utf-8")


def run(tmp_path, data: bytes, name: str, **options):
    folder = tmp_path / name
    folder.mkdir()
    source = folder / "lista.csv"
    source.write_bytes(data)
    report = check_file(str(source), dns=None, **options)
    outputs = (folder / "lista.clean.csv").read_bytes(), (folder / "lista.rejected.csv").read_bytes()
    summary = report.to_dict()
    for varying in ("elapsed_seconds", "outputs"):
        summary.pop(varying)
    summary["input"].pop("path")
    return outputs, summary


@pytest.mark.parametrize("options", [{}, {"policy": PolicySettings(fix_typos=True)},
                                     {"output": OutputSettings(annotate=True, safe_formulas=True)}])
def test_batches_and_the_worker_change_nothing(tmp_path, monkeypatch, options):
    data = messy_list(3000)
    whole = run(tmp_path, data, "whole", parallel=False, **options)
    assert whole[1]["reasons"]["duplicate"] > 100  # the list does repeat itself
    monkeypatch.setattr(runner, "BATCH_ROWS", 97)
    assert run(tmp_path, data, "batches", parallel=False, **options) == whole
    assert run(tmp_path, data, "worker", parallel=True, **options) == whole


def test_a_row_wider_than_the_first_batch_pads_every_row(tmp_path, monkeypatch):
    data = b"email,name\n" + b"".join(b"ana%d@gmail.com,Ana\n" % i for i in range(50)) + b"eva@gmail.com,Eva,extra\n"
    whole = run(tmp_path, data, "whole")
    monkeypatch.setattr(runner, "BATCH_ROWS", 10)
    batched = run(tmp_path, data, "batched")
    assert batched == whole
    assert batched[0][0].splitlines()[1] == b"ana0@gmail.com,Ana,"  # padded like the wide row


def test_first_occurrences_are_found_across_batches_and_collisions():
    index = DuplicateIndex()
    valid = AddressVerdict("", Status.VALID, domain="correo.es")
    keys = [f"ana{i}@correo.es" for i in range(1000)]
    assert index.first_rows(keys, 2, [valid] * 1000, [k.title() for k in keys]) == [None] * 1000
    again = index.first_rows(["ana7@correo.es", "nueva@correo.es", None, "ana7@correo.es"], 1002,
                             [valid] * 4, ["ana7@correo.es", "nueva@correo.es", "", "ANA7@correo.es"])
    assert [seen.row if seen else None for seen in again] == [9, None, None, 9]
    assert again[0].address == "Ana7@Correo.Es" and again[0].status is Status.VALID  # as written there
    index.close()


def test_a_first_hash_collision_is_told_apart_by_the_second(monkeypatch):
    monkeypatch.setattr(duplicates, "hash", lambda text: len(text) if not text.endswith("\x1f") else hash(text),
                        raising=False)
    index = DuplicateIndex()
    valid = AddressVerdict("", Status.VALID, domain="x.es")
    index.first_rows(["ab@x.es", "cd@x.es"], 2, [valid] * 2, ["ab@x.es", "cd@x.es"])  # same length: same first hash
    found = index.first_rows(["cd@x.es", "ef@x.es", "ab@x.es"], 4, [valid] * 3, ["cd@x.es", "ef@x.es", "ab@x.es"])
    assert [seen.row if seen else None for seen in found] == [3, None, 2]
    index.close()


def test_every_run_is_searched_once_runs_stop_merging(monkeypatch):
    monkeypatch.setattr(duplicates, "_RUN_CAP", 64)
    index = DuplicateIndex()
    valid = AddressVerdict("", Status.VALID, domain="x.es")
    for start in range(0, 1000, 50):
        keys = [f"u{i}@x.es" for i in range(start, start + 50)]
        assert index.first_rows(keys, 10 + start, [valid] * 50, keys) == [None] * 50
    assert len(index._runs) > 5  # capped: many runs
    found = index.first_rows([f"u{i}@x.es" for i in range(0, 1000, 37)], 5000, [valid] * 28,
                             [f"U{i}@x.es" for i in range(0, 1000, 37)])
    assert [seen.row for seen in found] == [10 + i for i in range(0, 1000, 37)]
    index.close()


def test_what_the_review_found(tmp_path, monkeypatch):
    import os

    from listcheck import InputError

    # A file of blank lines is refused in one line, not a traceback.
    blank = tmp_path / "blank.csv"
    blank.write_bytes(b"\n\n")
    with pytest.raises(InputError, match="only blank space"):
        check_file(str(blank), dns=None)
    # A FIFO reads once; it is kept to be read again.
    fifo = tmp_path / "lista.fifo"
    os.mkfifo(fifo)
    import threading

    writer = threading.Thread(target=lambda: fifo.write_bytes(b"email\nana@gmail.com\n"))
    writer.start()
    report = check_file(str(fifo), dns=None, output=OutputSettings(out_dir=str(tmp_path)))
    writer.join()
    assert report.counts["valid"] == 1
    # A one-column file whose kept cell holds a comma is quoted, as a whole-file run quotes it.
    single = tmp_path / "single.csv"
    single.write_bytes(b"email\nana@gmail.com\nbob@x.es, eva@y.es\n")
    check_file(str(single), dns=None, policy=PolicySettings(keep=("multiple_addresses",)))
    assert (tmp_path / "single.clean.csv").read_bytes() == b'email\nana@gmail.com\n"bob@x.es, eva@y.es"\n'
    # A column position that only later rows reach is accepted.
    late = tmp_path / "late.csv"
    late.write_bytes(b"".join(b"Ana,x\n" for _ in range(2100)) + b"Eva,x,eva@gmail.com\n")
    report = check_file(str(late), reading=ReadingSettings(column="3", has_header=False), dns=None)
    assert report.input.email_column == "3" and report.counts["valid"] == 1
