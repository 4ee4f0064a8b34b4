"""``check_file``: read a contact export, judge it, write the clean and rejected files, report."""

from __future__ import annotations

import os
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO

from .deliverability import DeliverabilityChecker, Progress, parse_nameserver
from .dns_cache import DnsCache, default_cache_path
from .errors import UsageError
from .pipeline import VERDICT_COLUMNS, destination_of, judge_cells
from .policy import Policy
from .reading import ContactTable, read_contacts, read_file_bytes
from .reasons import REASONS_BY_CODE, Destination, Reason
from .report import (
    EXAMPLES_PER_REASON, Correction, DnsSummary, Example, InputSummary, Report, SuppressionSummary, Typo, tally,
)
from .risk import DisposableDomains
from .suppression import load_suppression_lists
from .typos import DomainKnowledge
from .verdict import AddressVerdict
from .writing import defuse_formulas, refuse_overwriting_input, write_outputs

STDIN = "-"


def output_paths(path: str, *, out_dir: str | None = None, clean: str | None = None,
                 rejected: str | None = None) -> tuple[str, str]:
    """The clean and rejected paths: explicit ones, else ``<stem>.clean.csv`` and ``<stem>.rejected.csv``.

    >>> output_paths("lists/contactos.csv")
    ('lists/contactos.clean.csv', 'lists/contactos.rejected.csv')
    """
    if path == STDIN:
        stem, folder = "stdin", out_dir if out_dir is not None else ""
    else:
        stem = os.path.splitext(os.path.basename(path))[0]
        folder = out_dir if out_dir is not None else os.path.dirname(path)
    return (clean or os.path.join(folder, f"{stem}.clean.csv"),
            rejected or os.path.join(folder, f"{stem}.rejected.csv"))


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

    Raises ``InputError`` when the file cannot be read as a contact list and ``UsageError`` when an
    option cannot work with it; bad addresses are results, never exceptions. For example,
    ``check_file("examples/contactos.csv", dns=False)`` writes the two files beside the input and
    returns the report, whose ``destinations`` count the rows in each.
    """
    started = clock()
    clean_path, rejected_path = output_paths(path, out_dir=out_dir, clean=clean, rejected=rejected)
    refuse_overwriting_input(None if path == STDIN else path, clean_path, rejected_path)
    table = read_contacts((stdin or sys.stdin.buffer).read() if path == STDIN else read_file_bytes(path),
                          encoding=encoding, delimiter=delimiter, column=column, has_header=has_header,
                          encoding_errors=encoding_errors)

    policy = _policy(strict, fix_typos, reject, keep)
    suppressions = load_suppression_lists(suppress) if suppress else None
    knowledge = DomainKnowledge(known_domains=known_domains) if known_domains else None
    allowed = list(allow_domains)
    disposable = DisposableDomains(allow_domains=allowed) if allowed else None
    cells = [record[table.email_column] for record in table.records]
    checker = _deliverability(nameservers, dns_timeout, dns_concurrency, dns_cache) if dns else None
    try:
        verdicts = judge_cells(cells, first_row=table.first_row_number, policy=policy, knowledge=knowledge,
                               disposable=disposable, suppressions=suppressions, deliverability=checker,
                               progress=progress)
    finally:
        if checker is not None:
            checker.close()
    dns_summary = checker.stats if checker is not None else DnsSummary()
    dns_warnings = checker.warnings if checker is not None else []
    destinations = [destination_of(v, policy) for v in verdicts]
    _write(table, verdicts, destinations, clean_path, rejected_path, annotate, safe_formulas)

    counts, reasons = tally([v.status for v in verdicts], [v.reason for v in verdicts])
    warnings = list(table.warnings) + (suppressions.warnings if suppressions else []) + dns_warnings
    return Report(
        input=InputSummary(
            path=path, encoding=table.text_format.encoding,
            delimiter="" if table.text_format.single_column else table.text_format.delimiter,
            email_column=table.email_column_name, rows=len(verdicts), header=table.header is not None,
            column_found_by=table.column_found_by,
        ),
        outputs={"clean": clean_path, "rejected": rejected_path},
        counts=counts,
        reasons=reasons,
        destinations={d.value: destinations.count(d) for d in Destination},
        corrections=[Correction(row, v.corrected_from, v.address)
                     for (row, v), destination in zip(_numbered(verdicts, table), destinations)
                     if v.corrected_from and destination is Destination.CLEAN],
        typos=[Typo(row, v.corrected_from or v.address, v.suggestion) for row, v in _numbered(verdicts, table)
               if v.reason is Reason.TYPO_DOMAIN],
        warnings=warnings,
        suppression=SuppressionSummary(
            files=suppressions.files if suppressions else [], addresses=len(suppressions.sources) if suppressions else 0,
            temporary_bounces_skipped=suppressions.temporary if suppressions else 0,
        ),
        free_provider_rows=sum(1 for v in verdicts if v.free_provider),
        dns=dns_summary,
        elapsed_seconds=round(clock() - started, 3),
        examples=_examples(verdicts, table.first_row_number),
        version=version,
    )


def _write(table: ContactTable, verdicts: list[AddressVerdict], destinations: list[Destination],
           clean_path: str, rejected_path: str, annotate: bool, safe_formulas: bool) -> None:
    first_row = table.first_row_number
    column = table.email_column
    clean_rows: list[list[str]] = []
    rejected_rows: list[list[str]] = []
    for offset, (record, verdict, destination) in enumerate(zip(table.records, verdicts, destinations)):
        # A correction goes into the clean file only; a rejected row shows what was typed.
        address = verdict.corrected_from if destination is Destination.REJECTED and verdict.corrected_from \
            else verdict.address
        cells = record if record[column] == address else [*record[:column], address, *record[column + 1:]]
        if destination is Destination.CLEAN and not annotate:
            clean_rows.append(defuse_formulas(cells) if safe_formulas else cells)
            continue
        annotated = [*cells, str(first_row + offset), verdict.status.value,
                     verdict.reason.code if verdict.reason else "", verdict.detail, verdict.suggestion]
        if safe_formulas:
            annotated = defuse_formulas(annotated)
        (rejected_rows if destination is Destination.REJECTED else clean_rows).append(annotated)

    # A file without a header keeps none in the clean file, ready to import as it came; the rejected
    # file is read by people, so it names its columns. Rows wider than the header (kept as they
    # are) push the listcheck_* columns right: the rejected header is padded to line up with them.
    named = table.header if table.header is not None else _generated_header(table)
    padded = named + [""] * (table.width - len(named))
    clean_header = padded + VERDICT_COLUMNS if annotate else table.header
    write_outputs(
        [(clean_path, clean_header, clean_rows), (rejected_path, padded + VERDICT_COLUMNS, rejected_rows)],
        table.text_format,
    )


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
        except (OSError, sqlite3.Error) as error:  # a cache we cannot open is no reason not to check
            problem = f"The DNS cache {path} could not be opened ({error}); this run went without it."
    return DeliverabilityChecker(nameservers=servers, timeout=timeout, concurrency=concurrency, cache=store,
                                 notes=[problem] if problem else [])


def _numbered(verdicts: list[AddressVerdict], table: ContactTable) -> Iterator[tuple[int, AddressVerdict]]:
    return enumerate(verdicts, start=table.first_row_number)


def _generated_header(table: ContactTable) -> list[str]:
    return ["email" if i == table.email_column else f"column_{i + 1}" for i in range(table.width)]


def _examples(verdicts: list[AddressVerdict], first_row: int) -> dict[str, list[Example]]:
    examples: dict[str, list[Example]] = {}
    for offset, verdict in enumerate(verdicts):
        if verdict.reason is None:
            continue
        shown = examples.setdefault(verdict.reason.code, [])
        if len(shown) < EXAMPLES_PER_REASON:
            shown.append(Example(first_row + offset, verdict.address, verdict.detail, verdict.suggestion))
    return {reason.code: examples[reason.code] for reason in Reason if reason.code in examples}
