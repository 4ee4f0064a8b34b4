"""``check_file``: read a contact export, judge it, write the clean and rejected files, report."""

from __future__ import annotations

import functools
import gc
import itertools
import os
import shutil
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, BinaryIO, ParamSpec, TypeVar

from listcheck.errors import InputError, UsageError
from listcheck.engines.worker import BatchJudging, Judged, worth_a_second_process
from listcheck.messages import say, speaking
from listcheck.judge import VERDICT_COLUMNS, RowJudge
from listcheck.policy import Policy
from listcheck.reading.contacts import ContactFile, ShapeCheck, describe_open_error
from listcheck.reading.splitting import RecordBatch, widest_record
from listcheck.reasons import REASONS_BY_CODE, Destination, Reason
from listcheck.reports.report import TOP_DOMAINS, DnsSummary, InputSummary, Report, SuppressionSummary
from listcheck.checks.risk import DisposableDomains
from listcheck.checks.suppression import load_suppression_lists
from listcheck.reports.tally import Tally
from listcheck.checks.typos import DomainKnowledge
from listcheck.verdict import AddressVerdict
from listcheck.reading.workbooks import WorkbookFile, XlsxOutputs, is_workbook
from listcheck.writing.outputs import CsvOutputs, defuse_formulas, refuse_overwriting_input

if TYPE_CHECKING:  # DNS brings asyncio and dnspython, a tenth of a second: imported when asked for
    from listcheck.checks.deliverability import DeliverabilityChecker, Progress

STDIN = "-"
# Rows judged and written at a time: enough for the bulk checks to pay (each batch compiles their
# patterns anew), few enough to keep memory flat (50,000 rows of a typical export hold some 15 MB).
BATCH_ROWS = 50_000


def output_paths(path: str, *, out_dir: str | None = None, clean: str | None = None,
                 rejected: str | None = None) -> tuple[str, str]:
    """The clean and rejected paths: explicit ones, else ``<stem>.clean.csv`` and ``<stem>.rejected.csv``
    (``.xlsx`` for a workbook).

    >>> output_paths("lists/contactos.csv"), output_paths("alumnos.xlsx")[0]
    (('lists/contactos.clean.csv', 'lists/contactos.rejected.csv'), 'alumnos.clean.xlsx')
    """
    suffix = ".xlsx" if is_workbook(path) else ".csv"
    if path == STDIN:
        stem, folder = "stdin", out_dir if out_dir is not None else ""
    else:
        stem = os.path.splitext(os.path.basename(path))[0]
        folder = out_dir if out_dir is not None else os.path.dirname(path)
    return (clean or os.path.join(folder, f"{stem}.clean{suffix}"),
            rejected or os.path.join(folder, f"{stem}.rejected{suffix}"))


P = ParamSpec("P")
R = TypeVar("R")


def _without_cycle_collection(function: Callable[P, R]) -> Callable[P, R]:
    """Run ``function`` with Python's cycle collector paused.

    A run creates millions of lists and strings that live for one batch and form no cycles;
    reference counting frees them. The cycle collector would walk them over and over, for a third
    of the run's time on a big list.
    """
    @functools.wraps(function)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()
    return paused


@_without_cycle_collection
def check_file(
    path: str,
    *,
    column: str | None = None,
    out_dir: str | None = None,
    clean: str | None = None,
    rejected: str | None = None,
    encoding: str | None = None,
    encoding_errors: str = "strict",
    delimiter: str | None = None,
    has_header: bool | None = None,
    strict: bool = False,
    fix_typos: bool = False,
    known_domains: Iterable[str] = (),
    allow_domains: Iterable[str] = (),
    suppress: Sequence[str] = (),
    reject: Iterable[str] = (),
    keep: Iterable[str] = (),
    annotate: bool = False,
    safe_formulas: bool = False,
    dns: bool = True,
    nameservers: Sequence[str] = (),
    dns_timeout: float = 5.0,
    dns_concurrency: int = 64,
    dns_cache: bool | str = True,
    progress: Progress | None = None,
    stdin: IO[bytes] | None = None,
    clock: Callable[[], float] = time.perf_counter,
    version: str = "",
    parallel: bool | None = None,
    sheet: str | None = None,
    lang: str = "en",
) -> Report:
    """Check the contact list at ``path`` (``"-"``: standard input) and write the two outputs.

    ``dns`` asks DNS whether each distinct domain accepts mail: of ``nameservers`` (``HOST[:PORT]``)
    or the system's resolver, ``dns_concurrency`` lookups at a time, each given ``dns_timeout``
    seconds; ``dns_cache`` is True for the user's cache folder, a path, or False for none;
    ``progress(done, total)`` is called as domains are answered.
    ``allow_domains`` are never treated as throwaway domains. ``suppress`` are suppression files
    (plain lists, or bounce, complaint and unsubscribe exports). ``reject`` and ``keep`` are reason
    codes to send to the rejected or the clean file whatever the defaults and ``strict`` say.
    ``encoding_errors`` is ``strict``, ``keep`` or ``replace`` (see ``read_contacts``).
    ``safe_formulas`` prefixes cells that a spreadsheet would run as formulas with ``'``.
    ``fix_typos`` writes the correction of a misspelled domain into the clean file; ``known_domains``
    are real domains of this list's audience, never flagged and offered as corrections.
    ``lang`` is the language of the sentences the run writes (``listcheck_detail``): ``en`` or ``es``.
    ``sheet`` names the sheet of an ``.xlsx`` workbook (default: the first); a workbook's outputs are
    workbooks too, every cell text.
    ``parallel`` judges in a second process while this one reads and writes; None decides by the
    file's size and the machine (see ``judging``). The outputs are the same either way.

    Raises ``InputError`` when the file cannot be read as a contact list and ``UsageError`` when an
    option cannot work with it; bad addresses are results, never exceptions. For example,
    ``check_file("examples/contactos.csv", dns=False)`` writes the two files beside the input and
    returns the report, whose ``destinations`` count the rows in each.
    """
    started = clock()
    reject, keep, known_domains = list(reject), list(keep), list(known_domains)  # read more than once
    clean_path, rejected_path = output_paths(path, out_dir=out_dir, clean=clean, rejected=rejected)
    refuse_overwriting_input(None if path == STDIN else path, clean_path, rejected_path)
    with speaking(lang), open_input(path, stdin) as handle, ExitStack() as stack:
        policy = _policy(strict, fix_typos, reject, keep)
        suppressions = load_suppression_lists(suppress) if suppress else None
        knowledge = DomainKnowledge(known_domains=known_domains) if known_domains else None
        allowed = list(allow_domains)
        disposable = DisposableDomains(allow_domains=allowed) if allowed else None
        judge = RowJudge(policy=policy, knowledge=knowledge, disposable=disposable, suppressions=suppressions)
        if parallel is None:
            parallel = worth_a_second_process(os.fstat(handle.fileno()).st_size)
        judging = stack.enter_context(BatchJudging(judge, parallel=parallel))
        contacts = _open_contacts(path, handle, encoding=encoding, delimiter=delimiter, column=column,
                                  has_header=has_header, encoding_errors=encoding_errors, sheet=sheet)
        width = max(contacts.sample_width, len(contacts.header or []))
        checker = _deliverability(nameservers, dns_timeout, dns_concurrency, dns_cache) if dns else None
        if checker is not None:
            try:
                # DNS is asked first, about every domain of the file at once; that reading of the file
                # also finds its widest row.
                domains, widest = _domains_and_width(contacts, judge)
                width = max(width, widest)
                judging.use_answers(checker.check(domains, progress))
            finally:
                checker.close()
        # A workbook's outputs are text cells: no spreadsheet runs them as formulas, so nothing to defuse.
        outputs = _Outputs(clean_path, rejected_path, annotate, safe_formulas and isinstance(contacts, ContactFile))
        try:
            tally, shape_warnings = _judge_and_write(contacts, judging, width, outputs)
        except _WiderRow:  # a row past the first ones is wider than all of them: pad every row to it
            judging.start_over()
            tally, shape_warnings = _judge_and_write(contacts, judging, _widest(contacts), outputs)

    dns_summary = checker.stats if checker is not None else DnsSummary()
    warnings = (contacts.warnings + shape_warnings + (suppressions.warnings if suppressions else [])
                + (checker.warnings if checker is not None else []))
    return Report(
        input=InputSummary(
            path=path, encoding="xlsx" if isinstance(contacts, WorkbookFile) else contacts.text_format.encoding,
            delimiter=(contacts.delimiter or "") if isinstance(contacts, ContactFile) else "",
            email_column=contacts.email_column_name, rows=tally.rows, header=contacts.header is not None,
            column_found_by=contacts.column_found_by,
            sheet=contacts.sheet if isinstance(contacts, WorkbookFile) else "",
        ),
        outputs={"clean": clean_path, "rejected": rejected_path},
        counts=tally.counts,
        reasons=tally.reasons,
        destinations=tally.destinations,
        corrections=tally.corrections,
        typos=tally.typos,
        warnings=warnings,
        suppression=SuppressionSummary(
            files=suppressions.files if suppressions else [], addresses=len(suppressions.sources) if suppressions else 0,
            temporary_bounces_skipped=suppressions.temporary if suppressions else 0,
        ),
        free_provider_rows=tally.free_provider_rows,
        dns=dns_summary,
        elapsed_seconds=round(clock() - started, 3),
        examples=tally.examples,
        version=version,
        top_domains=tally.top_domains(TOP_DOMAINS),
        options={
            "strict": strict, "fix_typos": fix_typos, "dns": dns, "nameservers": list(nameservers),
            "reject": sorted(reject), "keep": sorted(keep), "suppress": list(suppress),
            "allow_domains": len(allowed), "known_domains": len(known_domains),
            "annotate": annotate, "safe_formulas": safe_formulas, "encoding": encoding,
            "encoding_errors": encoding_errors, "column": column, "delimiter": delimiter,
        },
    )


@contextmanager
def open_input(path: str, stdin: IO[bytes] | None = None) -> Iterator[BinaryIO]:
    """The input file open for reading, or standard input (``"-"``) copied to a temporary file.

    The file is read more than once (to detect its encoding, then its rows), so standard input is
    kept on disk rather than in memory. OS errors become one-line input errors.
    """
    if path == STDIN:
        with _copy_of(stdin or sys.stdin.buffer) as copy:
            yield copy
        return
    try:
        handle = open(path, "rb")
    except OSError as error:
        raise InputError(describe_open_error(path, error)) from None
    with handle:
        if handle.seekable():
            yield handle
            return
        # A pipe or a FIFO (<(...), /dev/stdin) reads once: keep a copy to read again.
        with _copy_of(handle) as copy:
            yield copy


@contextmanager
def _copy_of(source: IO[bytes]) -> Iterator[BinaryIO]:
    """What ``source`` holds, in a temporary file open from its start."""
    with tempfile.TemporaryFile() as copy:
        shutil.copyfileobj(source, copy)
        copy.seek(0)
        yield copy


def _open_contacts(path: str, handle: BinaryIO, *, encoding: str | None, delimiter: str | None,
                   column: str | None, has_header: bool | None, encoding_errors: str,
                   sheet: str | None) -> ContactFile | WorkbookFile:
    """The input as a contact list: a sheet of a workbook, or a CSV/TSV file."""
    if is_workbook(path):
        if encoding is not None or delimiter is not None:
            raise UsageError("--encoding and --delimiter are for CSV files; a workbook has neither")
        return WorkbookFile(handle, sheet=sheet, column=column, has_header=has_header)
    if sheet is not None:
        raise UsageError("--sheet is for .xlsx workbooks")
    return ContactFile(handle, encoding=encoding, delimiter=delimiter, column=column, has_header=has_header,
                       encoding_errors=encoding_errors)


class _WiderRow(Exception):
    """A row is wider than the width the outputs are being written with."""


@dataclass(frozen=True)
class _Outputs:
    clean: str
    rejected: str
    annotate: bool
    safe_formulas: bool


def _judge_and_write(contacts: ContactFile | WorkbookFile, judging: BatchJudging, width: int,
                     outputs: _Outputs) -> tuple[Tally, list[str]]:
    """Judge the file batch by batch and write each batch's rows; raise ``_WiderRow`` for a row
    wider than ``width``, which must then be read again with the full width."""
    tally = Tally()
    column = contacts.email_column
    # A file without a header keeps none in the clean file, ready to import as it came; the rejected
    # file is read by people, so it names its columns. Rows wider than the header (kept as they
    # are) push the listcheck_* columns right: the rejected header is padded to line up with them.
    named = contacts.header if contacts.header is not None else _generated_header(column, width)
    padded = named + [""] * (width - len(named))
    clean_header = padded + VERDICT_COLUMNS if outputs.annotate else contacts.header
    named_outputs = [(outputs.clean, clean_header), (outputs.rejected, padded + VERDICT_COLUMNS)]
    files: CsvOutputs | XlsxOutputs
    if isinstance(contacts, WorkbookFile):
        shape, files = ShapeCheck(contacts.header, None), XlsxOutputs(named_outputs, contacts.sheet)
    else:
        shape, files = ShapeCheck(contacts.header, contacts.delimiter), CsvOutputs(named_outputs, contacts.text_format)
    with files:
        # Batches are judged while the ones before them are written (see judging); two are read
        # ahead, so that the worker has one waiting while it warms up on the first.
        pending: deque[tuple[RecordBatch, Callable[[], Judged]]] = deque()
        for batch in contacts.batches(BATCH_ROWS):
            shape.look_at(batch)
            if shape.widest > width:
                raise _WiderRow
            records, lines = batch.records, batch.lines
            for offset, record in enumerate(records):
                if len(record) < width:
                    record.extend([""] * (width - len(record)))
                    if lines is not None:
                        lines[offset] = None  # written back padded: no longer the line as read
            pending.append((batch, judging.submit(batch.first_row, [record[column] for record in records])))
            if len(pending) > 2:
                _write_batch(*pending.popleft(), column, outputs, files, tally)
        while pending:
            _write_batch(*pending.popleft(), column, outputs, files, tally)
        files.commit()
    return tally, shape.warnings(width)


def _write_batch(batch: RecordBatch, judged_batch: Callable[[], Judged], column: int, outputs: _Outputs,
                 files: CsvOutputs | XlsxOutputs, tally: Tally) -> None:
    judged = judged_batch()
    clean_rows, rejected_rows = _split(batch, column, judged, outputs)
    files.write(0, clean_rows)
    files.write(1, rejected_rows)
    tally.add(batch.first_row, judged)


def _split(batch: RecordBatch, column: int, rows: Judged,
           outputs: _Outputs) -> tuple[list[list[str] | str], list[list[str]]]:
    """The rows for the clean file and for the rejected file, with the address written back.

    A clean row whose record is unchanged is its line as read, when the reader kept it (see
    ``splitting``): the writer copies it.
    """
    clean, rejected = Destination.CLEAN, Destination.REJECTED
    first_row, records, destinations = batch.first_row, batch.records, rows.destinations
    clean_rows: list[list[str] | str]
    if outputs.annotate:
        clean_rows = [_annotated(first_row + offset, records[offset], column, rows.addresses[offset],
                                 rows.verdicts[offset])
                      for offset, destination in enumerate(destinations) if destination is clean]
        if outputs.safe_formulas:
            clean_rows = [defuse_formulas(row) for row in clean_rows if isinstance(row, list)]
    elif outputs.safe_formulas:
        clean_rows = [defuse_formulas(_with_cell(record, column, address))
                      for record, address, destination in zip(records, rows.addresses, destinations)
                      if destination is clean]
    else:  # most rows: the record as it was read
        lines = batch.lines or itertools.repeat(None)
        clean_rows = [(line or record) if record[column] == address else _with_cell(record, column, address)
                      for record, line, address, destination in zip(records, lines, rows.addresses, destinations)
                      if destination is clean]
    # A correction goes into the clean file only; a rejected row shows what was typed.
    rejected_rows = [_annotated(first_row + offset, records[offset], column,
                                rows.verdicts[offset].corrected_from or rows.addresses[offset], rows.verdicts[offset])
                     for offset, destination in enumerate(destinations) if destination is rejected]
    if outputs.safe_formulas:
        rejected_rows = [defuse_formulas(row) for row in rejected_rows]
    return clean_rows, rejected_rows


def _annotated(row: int, record: list[str], column: int, address: str, verdict: AddressVerdict) -> list[str]:
    """The record with its address and the ``listcheck_*`` columns."""
    return [*_with_cell(record, column, address), str(row), verdict.status.value,
            verdict.reason.code if verdict.reason else "", verdict.detail, verdict.suggestion]


def _with_cell(record: list[str], column: int, text: str) -> list[str]:
    return record if record[column] == text else [*record[:column], text, *record[column + 1:]]


def _domains_and_width(contacts: ContactFile | WorkbookFile, judge: RowJudge) -> tuple[set[str], int]:
    """The domains worth asking DNS about, and the width of the widest row."""
    domains: set[str] = set()
    widest = 0
    for batch in contacts.batches():
        widest = max(widest, max(map(len, batch.records)))
        domains |= judge.domains_worth_asking(judge.offline([_cell(r, contacts.email_column) for r in batch.records]))
    return domains, widest


def _widest(contacts: ContactFile | WorkbookFile) -> int:
    return max(len(contacts.header or []), widest_record(contacts.batches()))


def _cell(record: list[str], column: int) -> str:
    """The cell at ``column``; a short row has an empty one there."""
    return record[column] if column < len(record) else ""


def _policy(strict: bool, fix_typos: bool, reject: Iterable[str], keep: Iterable[str]) -> Policy:
    def reasons(codes: Iterable[str], option: str) -> frozenset[Reason]:
        unknown = [code for code in codes if code not in REASONS_BY_CODE]
        if unknown:
            raise UsageError(f"{option} '{unknown[0]}' is not a reason code; the codes are "
                             f"{', '.join(REASONS_BY_CODE)}")
        return frozenset(REASONS_BY_CODE[code] for code in codes)

    try:
        return Policy(strict=strict, fix_typos=fix_typos, reject=reasons(reject, "--reject"),
                      keep=reasons(keep, "--keep"))
    except ValueError as error:
        raise UsageError(f"--keep and --reject: {error}") from None


def _deliverability(nameservers: Sequence[str], timeout: float, concurrency: int,
                    cache: bool | str) -> DeliverabilityChecker:
    from listcheck.checks.deliverability import DeliverabilityChecker, parse_nameserver
    from listcheck.checks.dns_cache import DnsCache, default_cache_path

    try:
        servers = [parse_nameserver(text) for text in nameservers]
    except ValueError as error:
        raise UsageError(f"--nameserver {error}") from None
    if timeout <= 0 or concurrency < 1:
        raise UsageError("--dns-timeout must be above 0 and --dns-concurrency at least 1")
    store, problem = None, ""
    if cache:
        path = default_cache_path() if cache is True else cache
        try:
            store = DnsCache(path)
        except (OSError, DnsCache.Error) as error:  # a cache we cannot open is no reason not to check
            problem = say("warning.dns_cache_unopened", path=path, error=error)
    return DeliverabilityChecker(nameservers=servers, timeout=timeout, concurrency=concurrency, cache=store,
                                 notes=[problem] if problem else [])


def _generated_header(email_column: int, width: int) -> list[str]:
    return ["email" if i == email_column else f"column_{i + 1}" for i in range(width)]
