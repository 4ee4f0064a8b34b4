"""``check_bounces``: read what bounced, decide per address, write ``bounces.csv`` and ``events.csv``, report."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import IO

from listcheck.bounces.decide import DecisionRules, decided
from listcheck.bounces.sources import BounceSources, SourceSummary
from listcheck.bounces.spool import EventSpool
from listcheck.errors import InputError
from listcheck.messages import pinned, say
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
) -> BounceReport:
    """Read every SOURCE (``"-"``: standard input), decide for each address, write the two files in ``out_dir``.

    Decisions are made as of ``rules.as_of``, or ``now()`` when it is None. Raises ``InputError`` when
    no source could be read at all; a source that cannot be read, or a message or row that cannot
    be understood, is a warning in the report. Sentences are in the language of the context
    (``listcheck.speaking``). Memory stays flat however many events there are: they wait on disk
    (``bounces.spool``) between reading and deciding.
    """
    with pinned():
        started = clock()
        as_of = rules.as_of or now()
        outputs = output_paths(out_dir)
        sources = BounceSources(stdin=stdin, skip=outputs.values())
        tally = BounceTally()
        with BounceFiles(outputs["bounces"], outputs["events"]) as files, EventSpool() as spool:
            for event in sources.events(paths):
                files.add_event(event)
                spool.add(event)
                tally.add_event(event)
            if not any(summary.read for summary in sources.summaries):
                raise InputError(_nothing_read(sources.summaries))
            for decision in decided(spool.groups(), rules, now=as_of):
                files.add_decision(decision)
                tally.add_decision(decision)
            files.commit()
        return BounceReport.of(
            sources=sources.summaries, tally=tally, outputs=outputs, warnings=source_warnings(sources.summaries),
            rules=rules, as_of=as_of, elapsed_seconds=round(clock() - started, 3), version=__version__)


def _nothing_read(summaries: Sequence[SourceSummary]) -> str:
    if len(summaries) == 1:
        return say("error.bounces_unreadable", why=summaries[0].problem)
    why = "; ".join(say("error.source_why", path=summary.path, why=summary.problem) for summary in summaries)
    return say("error.no_bounce_source_read", count=len(summaries), why=why)
