"""Judging one partition of a table, the same way for every partition: cells in, verdicts out.

An engine that splits a table (``engines.dask_frames``; Spark through ``mapInPandas``, see
docs/scale.md) runs these steps on each partition. What must be known of the whole table comes in
as arguments, so that no partition judges differently from another:

1. ``PartitionJudge.survey`` a partition: its rows, its widest record, the plain domains it holds
   and the domains worth asking DNS about. The engine merges the surveys, judges each domain once
   (``RowJudge.plain_domain_table``, DNS) and makes the judge of the run with ``with_domains``.
2. ``PartitionJudge.keys`` of a partition: each row's comparison key, row number, status and
   address. The engine brings equal keys together (a shuffle by key hash) and ``repeats_in`` finds,
   in each part of the shuffle, the rows that repeat an earlier row, with that row.
3. ``PartitionJudge.judged`` with the repeats of the partition, routed back to it by row number:
   the final verdicts, the same a one-process run gives (``RowJudge.mark_duplicates``).

Rows are numbered across the whole table, so "earlier" is the table's order, whatever partition a
row is in. Everything here is pandas and numpy: no engine is imported.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from listcheck.checks.duplicates import FirstSeen
from listcheck.judge import RowJudge
from listcheck.judged import JudgedBatch, JudgedRows, offsets_where
from listcheck.reasons import Status

if TYPE_CHECKING:
    import pandas as pd

    from listcheck.checks.dns_answers import DomainAnswer
    from listcheck.verdict import AddressVerdict

STATUSES = list(Status)  # a status travels in a frame as its place in this list (int8)
KEY_COLUMNS = {"key": "str", "row": "int64", "status": "int8", "address": "str"}
REPEAT_COLUMNS = {"row": "int64", "first_row": "int64", "first_status": "int8", "first_address": "str"}


@dataclass(frozen=True)
class Survey:
    """What one partition (or, merged, a whole table) holds that the run must know before judging."""

    rows: int = 0
    widest: int = 0  # fields of the widest record (CSV files, whose rows may be ragged)
    plain_domains: frozenset[str] = frozenset()
    domains_to_ask: frozenset[str] = frozenset()

    @staticmethod
    def merged(surveys: Iterable[Survey]) -> Survey:
        """One survey of many partitions."""
        rows, widest, plain, asked = 0, 0, set[str](), set[str]()
        for survey in surveys:
            rows += survey.rows
            widest = max(widest, survey.widest)
            plain |= survey.plain_domains
            asked |= survey.domains_to_ask
        return Survey(rows, widest, frozenset(plain), frozenset(asked))


@dataclass
class PartitionJudge:
    """A ``RowJudge`` with what the run knows of the whole table: DNS's answers, and the other address
    columns whose valid address is suggested for a row whose own is invalid (index and name)."""

    judge: RowJudge
    answers: Mapping[str, DomainAnswer] = field(default_factory=dict)
    other_columns: Sequence[tuple[int, str]] = ()

    def survey(self, cells: list[str], records: Sequence[Sequence[str]] | None = None) -> Survey:
        """The survey of a partition whose address cells are ``cells``; ``records`` are its rows, when
        ``other_columns`` index them, for the domains of the addresses they may suggest."""
        plain: set[str] = set()
        rows = self.judge.offline(cells, seen_domains=plain)
        asked = self.judge.domains_worth_asking(rows)
        if records is not None and self.other_columns:
            invalid = offsets_where(rows.verdicts, lambda verdict: verdict.status is Status.INVALID)
            spare = [records[offset][index] for offset in invalid for index, _ in self.other_columns
                     if index < len(records[offset]) and records[offset][index].strip()]
            asked |= self.judge.domains_worth_asking(self.judge.offline(spare, seen_domains=plain))
        widest = max(map(len, records), default=0) if records is not None else 0
        return Survey(len(cells), widest, frozenset(plain), frozenset(asked))

    def with_domains(self, survey: Survey, answers: Mapping[str, DomainAnswer]) -> PartitionJudge:
        """The judge of the run's later steps: every plain domain of the ``survey`` judged once, here,
        and DNS's ``answers``."""
        self.judge.adopt_domains(self.judge.plain_domain_table(sorted(survey.plain_domains)))
        return replace(self, answers=answers)

    def judged(self, cells: list[str], first_row: int, repeats: Mapping[int, FirstSeen] | None = None) -> JudgedRows:
        """The verdicts of cells of consecutive rows numbered from ``first_row``; ``repeats`` are the
        rows (by number) that repeat an earlier row of the table, with that row. Without ``repeats``
        duplicates are not looked for."""
        rows = self.judge.offline(cells)
        if self.answers:
            self.judge.with_dns(rows, self.answers)
        if repeats:
            self.judge.mark_repeats(rows, {row - first_row: first for row, first in repeats.items()
                                           if 0 <= row - first_row < len(cells)})
        return rows

    def batch(self, rows: JudgedRows, records: Sequence[Sequence[str]] | None = None) -> JudgedBatch:
        """The judged rows as they are written, with the suggestions of the other address columns."""
        judged = JudgedBatch(rows.addresses, rows.verdicts, self.judge.destinations(rows.verdicts))
        if records is not None and self.other_columns:
            self.judge.suggest_from_other_columns(judged, records, self.other_columns, self.answers)
        return judged

    def keys(self, cells: list[str], first_row: int) -> pd.DataFrame:
        """Each row's comparison key with its row number, status and address (``KEY_COLUMNS``); rows
        without a key (empty cells) are left out. The address is empty where it is its key, as most
        are (lower case, an ASCII domain): the shuffle then moves half the bytes."""
        import numpy as np
        import pandas as pd

        rows = self.judged(cells, first_row)
        kept = [offset for offset, key in enumerate(rows.keys) if key is not None]
        codes = {status: code for code, status in enumerate(STATUSES)}
        return pd.DataFrame({
            "key": pd.array([rows.keys[offset] for offset in kept], dtype="str"),
            "row": np.array(kept, dtype=np.int64) + first_row,
            "status": np.array([codes[rows.verdicts[offset].status] for offset in kept], dtype=np.int8),
            "address": pd.array(["" if rows.addresses[offset] == rows.keys[offset] else rows.addresses[offset]
                                 for offset in kept], dtype="str"),
        })


def repeats_in(keys: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``keys`` (``KEY_COLUMNS``, every row of a key among them) that repeat an earlier
    row, each with the first row of its key (``REPEAT_COLUMNS``)."""
    import pandas as pd

    ordered = keys.sort_values("row", kind="stable")
    later = ordered.duplicated("key", keep="first")
    firsts = ordered.loc[~later & ordered["key"].isin(ordered.loc[later, "key"])]
    firsts = firsts.assign(address=firsts["address"].where(firsts["address"] != "", firsts["key"]))
    firsts = firsts.rename(columns={"row": "first_row", "status": "first_status", "address": "first_address"})
    repeated = ordered.loc[later, ["key", "row"]].merge(firsts, on="key", how="left")
    return pd.DataFrame({column: repeated[column].astype(dtype)  # type: ignore[call-overload]  # the names
                         for column, dtype in REPEAT_COLUMNS.items()})


def first_seen(repeats: pd.DataFrame) -> dict[int, FirstSeen]:
    """``repeats_in``'s rows as the row numbers that repeat, each with the row it repeats."""
    return {row: FirstSeen(first, STATUSES[status], address) for row, first, status, address in zip(
        repeats["row"].tolist(), repeats["first_row"].tolist(), repeats["first_status"].tolist(),
        repeats["first_address"].tolist())}


def address_cells(frame: pd.DataFrame, column: object) -> list[str]:
    """The cells of a frame's address column as text; a missing value is an empty cell."""
    import pandas as pd

    return ["" if pd.isna(value) else str(value) for value in frame[column]]


def text_records(frame: pd.DataFrame, columns: Sequence[object]) -> list[list[str]]:
    """The cells of these columns of each row as text, for ``PartitionJudge.survey`` and ``batch``."""
    import pandas as pd

    return [["" if pd.isna(value) else str(value) for value in values]
            for values in zip(*(frame[column] for column in columns))] if columns else []


def with_verdict_columns(frame: pd.DataFrame, column: object, first_row: int, judged: JudgedBatch) -> pd.DataFrame:
    """A copy of ``frame`` with the address column normalized and the ``listcheck_*`` columns added."""
    import numpy as np
    import pandas as pd

    def text(values: Iterable[str]) -> pd.api.extensions.ExtensionArray:
        # Typed even when empty, so that every partition of a table has the same column types.
        return pd.array(list(values), dtype="str")

    checked = frame.copy()
    checked[column] = text(judged.addresses)
    verdicts: list[AddressVerdict] = judged.verdicts
    checked["listcheck_row"] = np.arange(first_row, first_row + len(verdicts), dtype=np.int64)
    checked["listcheck_status"] = text(verdict.status.value for verdict in verdicts)
    checked["listcheck_reason"] = text(verdict.reason.code if verdict.reason else "" for verdict in verdicts)
    checked["listcheck_detail"] = text(verdict.detail for verdict in verdicts)
    checked["listcheck_suggestion"] = text(verdict.suggestion for verdict in verdicts)
    return checked


# For an engine that joins rather than routes (Spark, docs/spark_check.py): each row carries its number,
# its key, and after a join by key, the first row of its key.
ROW_KEY_COLUMNS = ("_listcheck_row", "_listcheck_key", "_listcheck_status", "_listcheck_address")
FIRST_COLUMNS = ("_listcheck_first_row", "_listcheck_first_status", "_listcheck_first_address")


def with_row_keys(frame: pd.DataFrame, judge: PartitionJudge, column: object, first_row: int) -> pd.DataFrame:
    """``frame`` (rows numbered from ``first_row``) with each row's number and ``PartitionJudge.keys``
    columns (``ROW_KEY_COLUMNS``; the key is missing for an empty cell)."""
    import numpy as np

    keys = judge.keys(address_cells(frame, column), first_row)
    numbers = np.arange(first_row, first_row + len(frame), dtype=np.int64)
    found = keys.set_index("row").reindex(numbers)  # missing where a row has no key
    name, key, status, address = ROW_KEY_COLUMNS
    return frame.assign(**{name: numbers, key: found["key"].array, status: found["status"].astype("Int8").array,
                           address: found["address"].array})


def checked_with_firsts(frame: pd.DataFrame, judge: PartitionJudge, column: object) -> pd.DataFrame:
    """The ``listcheck_*`` columns for rows that carry ``ROW_KEY_COLUMNS`` and, joined by key, the
    first row of their key (``FIRST_COLUMNS``, missing for a row without a key), in any order; those
    columns are dropped. The same verdicts as ``PartitionJudge.judged`` with the routed repeats."""
    import pandas as pd

    numbers = frame[ROW_KEY_COLUMNS[0]].tolist()
    repeats = {}
    for offset, (first, status, address, key) in enumerate(zip(
            *(frame[name].tolist() for name in FIRST_COLUMNS), frame[ROW_KEY_COLUMNS[1]].tolist())):
        if not pd.isna(first) and int(first) != numbers[offset]:
            repeats[offset] = FirstSeen(int(first), STATUSES[int(status)], address or key)
    plain = frame.drop(columns=[*ROW_KEY_COLUMNS, *FIRST_COLUMNS])
    rows = judge.judged(address_cells(plain, column), 0)
    judge.judge.mark_repeats(rows, repeats)
    checked = with_verdict_columns(plain, column, 0, judge.batch(rows))
    checked["listcheck_row"] = frame[ROW_KEY_COLUMNS[0]].to_numpy()
    return checked
