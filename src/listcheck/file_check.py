"""``check_file``: read a contact export, judge it, write the clean and rejected files, report."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import IO

from listcheck.checks.dns_answers import DnsSummary
from listcheck.engines.streaming import Progress, ProgressStep, StreamingEngine
from listcheck.judge import RowJudge
from listcheck.messages import pinned, say
from listcheck.reading.opening import open_contacts, open_input
from listcheck.reports.report import TOP_DOMAINS, InputSummary, Report
from listcheck.settings import STDIN, DnsSettings, OutputSettings, PolicySettings, ReadingSettings, Settings
from listcheck.version import __version__
from listcheck.writing.outputs import refuse_overwriting_input


def check_file(
    path: str,
    *,
    reading: ReadingSettings = ReadingSettings(),
    dns: DnsSettings | None = DnsSettings(),
    policy: PolicySettings = PolicySettings(),
    output: OutputSettings = OutputSettings(),
    progress: Progress | None = None,
    stdin: IO[bytes] | None = None,
    clock: Callable[[], float] = time.perf_counter,
    parallel: bool | None = None,
) -> Report:
    """Check the contact list at ``path`` (``"-"``: standard input) and write the two outputs.

    ``dns`` says how to ask DNS whether each distinct domain accepts mail (None: not at all), and
    ``progress(step)`` is told where the run has got (an ``engines.streaming.ProgressStep``).
    ``parallel`` judges in a second process while this one reads and writes; None lets the engine
    decide by the file's size and the machine. The outputs are the same either way. Sentences are in the language of the context
    (``listcheck.speaking``).

    Raises ``InputError`` when the file cannot be read as a contact list and ``UsageError`` when an
    option cannot work with it; bad addresses are results, never exceptions. For example,
    ``check_file("examples/contactos.csv", dns=None)`` writes the two files beside the input and
    returns the report, whose ``destinations`` count the rows in each.
    """
    if dns is not None and not isinstance(dns, DnsSettings):  # check_file(dns=False) of earlier versions
        raise TypeError(say("error.dns_settings", given=repr(dns)))
    with pinned():
        return _check_file(path, Settings(reading, dns, policy, output), progress=progress, stdin=stdin,
                           clock=clock, parallel=parallel)


def _check_file(path: str, settings: Settings, *, progress: Progress | None, stdin: IO[bytes] | None,
                clock: Callable[[], float], parallel: bool | None) -> Report:
    started = clock()
    reading, dns, policy, output = settings.reading, settings.dns, settings.policy, settings.output
    clean, rejected = output.paths(path)
    refuse_overwriting_input(None if path == STDIN else path, clean, rejected)
    checker = None
    with open_input(path, stdin) as handle:
        judge = RowJudge.for_settings(policy)
        with StreamingEngine(judge, size=os.fstat(handle.fileno()).st_size, parallel=parallel) as engine:
            contacts = open_contacts(path, handle, reading)
            if dns is not None:
                from listcheck.checks.deliverability import checker_for

                checker = checker_for(dns)
            try:
                ask_dns = (lambda domains: checker.check(domains, _dns_progress(progress))) if checker else None
                written = engine.run(contacts, (clean, rejected), output, ask_dns=ask_dns, progress=progress)
            finally:
                if checker is not None:
                    checker.close()
    tally = written.tally
    return Report(
        input=InputSummary(path=path, encoding=contacts.encoding_name, delimiter=contacts.delimiter or "",
                           email_column=contacts.email_column_name, rows=tally.rows,
                           header=contacts.header is not None, column_found_by=contacts.column_found_by,
                           sheet=contacts.sheet),
        outputs={"clean": clean, "rejected": rejected},
        counts=tally.counts, reasons=tally.reasons, destinations=tally.destinations, corrections=tally.corrections,
        typos=tally.typos, repairs=tally.repairs, free_provider_rows=tally.free_provider_rows, examples=tally.examples,
        top_domains=tally.top_domains(TOP_DOMAINS),
        warnings=contacts.warnings + written.warnings + judge.warnings + (checker.warnings if checker else []),
        suppression=judge.suppression_summary(),
        dns=checker.stats if checker is not None else DnsSummary(),
        elapsed_seconds=round(clock() - started, 3), version=__version__, settings=settings,
    )


def _dns_progress(progress: Progress | None) -> Callable[[int, int], None] | None:
    """The DNS checker's ``(done, total)`` calls as the run's progress steps."""
    if progress is None:
        return None
    return lambda done, total: progress(ProgressStep("dns", done, done / total if total else 1.0))
