"""The pandas and Dask face of listcheck: a frame in, the same frame with the ``listcheck_*`` columns out."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from listcheck.checks.duplicates import DuplicateIndex
from listcheck.checks.typos import DomainKnowledge
from listcheck.engines.partitions import PartitionJudge, address_cells, text_records, with_verdict_columns
from listcheck.judge import RowJudge
from listcheck.messages import pinned, say
from listcheck.policy import Policy
from listcheck.reasons import REASONS_BY_CODE, Destination, Status

if TYPE_CHECKING:  # pandas costs a third of a second to import; the command line does not need it
    from collections.abc import Callable, Mapping

    import pandas as pd

    from listcheck.checks.dns_answers import DomainAnswer
    from listcheck.settings import DnsSettings

Frame = TypeVar("Frame")  # a pandas or a Dask DataFrame


def check_frame(
    frame: Frame, *, column: object, first_row: int = 2, policy: Policy = Policy(),
    knowledge: DomainKnowledge | None = None, dns: DnsSettings | None = None, other_columns: tuple[object, ...] = (),
) -> Frame:
    """A copy of ``frame`` with the address column normalized and the ``listcheck_*`` columns added.

    ``frame`` is a pandas DataFrame, or a ``dask.dataframe.DataFrame``: then the result is one too,
    lazy, with the same values row for row (duplicates judged across partitions in the frame's
    order). Its domains are surveyed now, in one pass over the data, so that each is judged once.
    ``dns`` asks DNS about each distinct domain (None: not at all); ``other_columns`` are address
    columns whose valid address is suggested for a row whose own address is invalid.

    >>> import pandas as pd
    >>> checked = check_frame(pd.DataFrame({"email": ["ana@correo.es", "ANA@correo.es"]}), column="email")
    >>> list(checked["listcheck_reason"])
    ['', 'duplicate']
    """
    if column not in frame.columns:  # type: ignore[attr-defined]
        raise KeyError(say("error.no_frame_column", column=repr(column)))
    judge = PartitionJudge(RowJudge(policy=policy, knowledge=knowledge),
                           other_columns=[(index, str(name)) for index, name in enumerate(other_columns)])
    with pinned():
        if type(frame).__module__.startswith("dask"):
            from listcheck.engines.dask_frames import check_dask_frame

            checked: Frame = check_dask_frame(frame, column=column, first_row=first_row, judge=judge,
                                              ask_dns=_asker(dns), other_columns=other_columns)
            return checked
        return _check_pandas_frame(frame, column, first_row, judge, dns, other_columns)  # type: ignore[arg-type,return-value]


def _check_pandas_frame(frame: pd.DataFrame, column: object, first_row: int, judge: PartitionJudge,
                        dns: DnsSettings | None, other_columns: tuple[object, ...]) -> pd.DataFrame:
    """The pandas frame as one partition, its duplicates found by a ``DuplicateIndex``."""
    cells = address_cells(frame, column)
    records = text_records(frame, other_columns) if other_columns else None
    ask = _asker(dns)
    if ask is not None:
        survey = judge.survey(cells, records)
        judge = judge.with_domains(survey, ask(set(survey.domains_to_ask)) if survey.domains_to_ask else {})
    rows = judge.judged(cells, first_row)
    index = DuplicateIndex()
    try:
        judge.judge.mark_duplicates(rows, first_row, index)
    finally:
        index.close()
    return with_verdict_columns(frame, column, first_row, judge.batch(rows, records))


def _asker(dns: DnsSettings | None) -> Callable[[set[str]], Mapping[str, DomainAnswer]] | None:
    """A function asking DNS about domains by these settings, each once; None without settings."""
    if dns is None:
        return None

    def ask(domains: set[str]) -> Mapping[str, DomainAnswer]:
        from listcheck.checks.deliverability import checker_for

        checker = checker_for(dns)
        try:
            return checker.check(domains)
        finally:
            checker.close()

    return ask


def rejected_mask(checked: pd.DataFrame, *, column: object, policy: Policy = Policy()) -> pd.Series:
    """True for the rows of a ``check_frame`` result that go to the rejected file.

    ``column`` is the address column: a row whose address equals its suggestion was corrected. A Dask
    frame gives a Dask series, partition by partition.
    """
    import pandas as pd

    if type(checked).__module__.startswith("dask"):
        dask_frame: Any = checked
        mask: pd.Series = dask_frame.map_partitions(rejected_mask, column=column, policy=policy,
                                                    meta=pd.Series(dtype=bool, index=dask_frame._meta.index))
        return mask

    decisions = [
        policy.destination(Status(status), REASONS_BY_CODE[reason] if reason else None,
                           corrected=bool(suggestion) and address == suggestion) is Destination.REJECTED
        for status, reason, address, suggestion in zip(
            checked["listcheck_status"], checked["listcheck_reason"], checked[column], checked["listcheck_suggestion"])
    ]
    return pd.Series(decisions, index=checked.index, dtype=bool)
