"""``check_bounces``: read what bounced, decide per address, write ``bounces.csv`` and ``events.csv``, report."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from datetime import UTC, datetime
from typing import IO

from listcheck.bounces.decide import DecisionRules, decided
from listcheck.bounces.events import BounceEvent
from listcheck.bounces.history import HistoryStore
from listcheck.bounces.sources import BounceSources, nothing_read
from listcheck.bounces.spool import EventSpool
from listcheck.errors import InputError
from listcheck.messages import pinned
from listcheck.reports.bounce_report import BounceReport, BounceTally, source_warnings
from listcheck.version import __version__
from listcheck.writing.bounce_files import BounceFiles, output_paths


def check_bounces(
    paths: Sequence[str],
    *,
    rules: DecisionRules = DecisionRules(),
    out_dir: str = ".",
    stdin: IO[bytes] | None = None,
    clock: Callable[[], float] = time.perf_counter,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
    history: str | None = None,
) -> BounceReport:
    """Read every SOURCE (``"-"``: standard input), decide for each address, write the two files in ``out_dir``.

    Decisions are made as of ``rules.as_of``, or ``now()`` when it is None. Raises ``InputError`` when
    no source could be read at all; a source that cannot be read, or a message or row that cannot
    be understood, is a warning in the report. Sentences are in the language of the context
    (``listcheck.speaking``). Memory stays flat however many events there are: they wait on disk
    (``bounces.spool``) between reading and deciding.

    With ``history`` (a store's path, ``bounces.history``), the events read are added to the store
    and each address is decided over everything the store holds for it; the outputs then list the
    addresses of these sources with all their stored events, or every address of the store when no
    source is given.
    """
    with pinned():
        started = clock()
        as_of = rules.as_of or now()
        outputs = output_paths(out_dir)
        sources = BounceSources(stdin=stdin, skip=outputs.values())
        tally = BounceTally()
        with ExitStack() as stack:
            files = stack.enter_context(BounceFiles(outputs["bounces"], outputs["events"]))
            if history is None:
                spool = stack.enter_context(EventSpool())
                for event in sources.events(paths):
                    files.add_event(event)
                    spool.add(event)
                    tally.add_event(event)
                groups = spool.groups()
            else:
                groups = _through_history(stack.enter_context(HistoryStore.open(history)), sources, paths, files,
                                          tally)
            if paths and not any(summary.read for summary in sources.summaries):
                raise InputError(nothing_read(sources.summaries))
            for decision in decided(groups, rules, now=as_of):
                files.add_decision(decision)
                tally.add_decision(decision)
            files.commit()
        return BounceReport.of(
            sources=sources.summaries, tally=tally, outputs=outputs, warnings=source_warnings(sources.summaries),
            rules=rules, as_of=as_of, elapsed_seconds=round(clock() - started, 3), version=__version__)


def _through_history(store: HistoryStore, sources: BounceSources, paths: Sequence[str], files: BounceFiles,
                     tally: BounceTally) -> Iterator[tuple[str, list[BounceEvent]]]:
    """The sources' events added to the store now; then each address of theirs (every address, when
    no source is given) with all the events the store holds for it, written to events.csv as they go."""
    addresses: dict[str, None] = {}

    def read() -> Iterator[BounceEvent]:
        for event in sources.events(paths):
            addresses.setdefault(event.address)
            yield event

    store.add(read())
    return _listed(store.groups(addresses) if paths else store.groups(), files, tally)


def _listed(groups: Iterator[tuple[str, list[BounceEvent]]], files: BounceFiles,
            tally: BounceTally) -> Iterator[tuple[str, list[BounceEvent]]]:
    for address, events in groups:
        for event in events:
            files.add_event(event)
            tally.add_event(event)
        yield address, events
