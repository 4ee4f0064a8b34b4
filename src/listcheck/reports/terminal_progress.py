"""One progress display for a whole run, on a terminal: rows read, domains asked, rows judged and
written, then the outputs put in place; each stage with its count, rate and time left. The command
line shows it only when stderr is a terminal."""

from __future__ import annotations

import time

from rich.console import Console
from rich.progress import BarColumn, Progress, ProgressColumn, Task, TaskID, TextColumn, TimeRemainingColumn
from rich.text import Text

from listcheck.engines.streaming import ProgressStep
from listcheck.messages import number, say, say_count

# A screen is redrawn at most this often; a run reports every batch.
_REFRESHES_PER_SECOND = 8
_NOUNS = {"rows": "progress.rows", "partitions": "progress.partitions"}


class _CountColumn(ProgressColumn):
    """Rows (or domains) so far, and how many a second."""

    def render(self, task: Task) -> Text:
        done, noun = task.fields.get("done", 0), task.fields.get("noun", "progress.rows")
        seconds = time.monotonic() - task.fields.get("since", time.monotonic())
        rate = say("progress.rate", rate=number(round(done / seconds))) if seconds > 0.5 and done else ""
        return Text(" ".join(part for part in (say_count(noun, done), rate) if part))


class RunProgress:
    """Call it with each ``ProgressStep``; ``stop()`` removes the display."""

    def __init__(self, console: Console) -> None:
        self._console = console
        self._bar: Progress | None = None
        self._task: TaskID | None = None
        self._stage = ""

    def __call__(self, step: ProgressStep) -> None:
        if self._bar is None:
            self._bar = Progress(TextColumn("{task.description}"), BarColumn(), _CountColumn(), TimeRemainingColumn(),
                                 console=self._console, transient=True, refresh_per_second=_REFRESHES_PER_SECOND)
            self._bar.start()
            self._task = self._bar.add_task("", total=1.0)
        assert self._task is not None
        if step.stage != self._stage:  # a new stage starts from nothing, with its own rate
            self._stage = step.stage
            self._bar.reset(self._task, total=1.0, description=say(f"progress.{step.stage}"),
                            since=time.monotonic(), noun=_NOUNS.get(step.unit, "progress.rows")
                            if step.stage != "dns" else "progress.domains")
        self._bar.update(self._task, completed=step.fraction, done=step.done)

    def stop(self) -> None:
        """Remove the display."""
        if self._bar is not None:
            self._bar.stop()
