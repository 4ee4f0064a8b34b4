"""The pandas face of listcheck: a frame in, the same frame with the ``listcheck_*`` columns out."""

from __future__ import annotations

from typing import TYPE_CHECKING

from listcheck.checks.typos import DomainKnowledge
from listcheck.judge import judge_cells
from listcheck.messages import pinned, say
from listcheck.policy import Policy
from listcheck.reasons import REASONS_BY_CODE, Destination, Status

if TYPE_CHECKING:  # pandas costs a third of a second to import; the command line does not need it
    import pandas as pd


def check_frame(
    frame: pd.DataFrame, *, column: object, first_row: int = 2, policy: Policy = Policy(),
    knowledge: DomainKnowledge | None = None,
) -> pd.DataFrame:
    """A copy of ``frame`` with the address column normalized and the ``listcheck_*`` columns added.

    >>> import pandas as pd
    >>> checked = check_frame(pd.DataFrame({"email": ["ana@correo.es", "ANA@correo.es"]}), column="email")
    >>> list(checked["listcheck_reason"])
    ['', 'duplicate']
    """
    import pandas as pd

    if column not in frame.columns:
        raise KeyError(say("error.no_frame_column", column=repr(column)))
    cells = ["" if pd.isna(v) else str(v) for v in frame[column]]
    with pinned():
        verdicts = judge_cells(cells, first_row=first_row, policy=policy, knowledge=knowledge)
    checked = frame.copy()
    checked[column] = [v.address for v in verdicts]
    checked["listcheck_row"] = range(first_row, first_row + len(verdicts))
    checked["listcheck_status"] = [v.status.value for v in verdicts]
    checked["listcheck_reason"] = [v.reason.code if v.reason else "" for v in verdicts]
    checked["listcheck_detail"] = [v.detail for v in verdicts]
    checked["listcheck_suggestion"] = [v.suggestion for v in verdicts]
    return checked


def rejected_mask(checked: pd.DataFrame, *, column: object, policy: Policy = Policy()) -> pd.Series:
    """True for the rows of a ``check_frame`` result that go to the rejected file.

    ``column`` is the address column: a row whose address equals its suggestion was corrected.
    """
    import pandas as pd

    decisions = [
        policy.destination(Status(status), REASONS_BY_CODE[reason] if reason else None,
                           corrected=bool(suggestion) and address == suggestion) is Destination.REJECTED
        for status, reason, address, suggestion in zip(
            checked["listcheck_status"], checked["listcheck_reason"], checked[column], checked["listcheck_suggestion"])
    ]
    return pd.Series(decisions, index=checked.index, dtype=bool)
