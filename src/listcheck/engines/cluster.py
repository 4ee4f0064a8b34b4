"""The Dask cluster a run uses: an existing scheduler, or a local cluster started for the run.

Dask is an extra (``pip install 'listcheck[dask]'``): nothing here is imported unless ``--engine
dask`` asks for it, and its absence is said in one line with the command that installs it.
"""

from __future__ import annotations

import logging
import os
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from listcheck.errors import UsageError, first_line
from listcheck.messages import say

if TYPE_CHECKING:
    from distributed import Client

# How long to wait for a scheduler to answer before saying it cannot be reached.
CONNECT_SECONDS = 10


@contextmanager
def dask_client(*, scheduler: str | None = None, workers: int | None = None) -> Iterator[Client]:
    """A client of the scheduler at ``scheduler`` (``tcp://host:8786``), or of a local cluster of
    ``workers`` processes (default: one per core), closed when the block ends."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise UsageError(say("usage.dask_missing"), say("hint.dask_install")) from None
    if scheduler is not None:
        try:
            client = Client(scheduler, timeout=CONNECT_SECONDS)
        except (OSError, TimeoutError, ValueError) as error:
            raise UsageError(say("usage.scheduler_unreachable", address=scheduler, error=first_line(error))) from None
        with client:
            yield client
        return
    count = workers if workers is not None else len(os.sched_getaffinity(0))
    # Silent but for the critical: a task's failure is said by the run, in one line.
    # One thread a worker: judging holds Python's interpreter lock, so more threads would only wait.
    with warnings.catch_warnings():
        # "Port 8787 is already in use": the scheduler's HTTP server takes another port, and says so.
        warnings.simplefilter("ignore", UserWarning)
        cluster = LocalCluster(n_workers=count, threads_per_worker=1, processes=True, dashboard_address=None,
                               silence_logs=logging.CRITICAL)
    with cluster, Client(cluster) as client:
        yield client


def computing(client: Client, tell: Callable[[int, int], None] | None) -> Callable[..., tuple[Any, ...]]:
    """A ``dask.compute`` through ``client`` that calls ``tell(done, total)`` as each task finishes."""
    def compute(*tasks: Any) -> tuple[Any, ...]:
        from distributed import as_completed

        futures = client.compute(list(tasks))
        if tell is not None:
            tell(0, len(futures))
            for done, _ in enumerate(as_completed(futures), start=1):
                tell(done, len(futures))
        return tuple(client.gather(futures))

    return compute
