"""Judged rows, and the one place that knows how rows share verdicts.

A list of a million rows at gmail.com holds a million plain valid addresses with the same verdict.
Making that verdict once and sharing it between rows is what makes big lists fast: a shared verdict
has an empty ``address`` (each row's own address is kept beside it), and work done per verdict is
done once per shared object rather than once per row. Everything that relies on that sharing is
here; the rest of listcheck asks these functions and never looks at object identities.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

import numpy as np

from listcheck.reasons import Destination, Reason
from listcheck.verdict import AddressVerdict, comparison_key

T = TypeVar("T")


@dataclass
class JudgedRows:
    """The verdicts of consecutive rows: each row's address, verdict and comparison key.

    ``addresses`` always holds the row's own address, and ``verdict(offset)`` the row's whole
    verdict. ``keys`` are what duplicates are compared on (None for an empty cell).
    """

    addresses: list[str]
    verdicts: list[AddressVerdict]
    keys: list[str | None]

    def __len__(self) -> int:
        return len(self.verdicts)

    def verdict(self, offset: int) -> AddressVerdict:
        """The whole verdict of the row at ``offset``, its own address in it."""
        verdict, address = self.verdicts[offset], self.addresses[offset]
        if verdict.address == address:
            return verdict
        return AddressVerdict(address, verdict.status, verdict.reason, verdict.detail, verdict.suggestion,
                              verdict.domain, verdict.corrected_from, verdict.free_provider)

    def replace_verdict(self, offset: int, verdict: AddressVerdict) -> None:
        """Give the row at ``offset`` a verdict of its own."""
        self.verdicts[offset] = verdict
        if verdict.address:
            self.addresses[offset] = verdict.address
        self.keys[offset] = row_key(self.addresses[offset], verdict)

    def update_each(self, change: Callable[[AddressVerdict], AddressVerdict]) -> None:
        """Replace every verdict by ``change(verdict)``, called once per distinct verdict."""
        changed: dict[int, AddressVerdict] = {}
        for offset, verdict in enumerate(self.verdicts):
            after = changed.get(id(verdict))
            if after is None:
                after = changed[id(verdict)] = change(verdict)
            if after is not verdict:
                self.replace_verdict(offset, after)


@dataclass(frozen=True)
class JudgedBatch:
    """A judged batch as it is written: each row's address, verdict (maybe shared) and output.
    ``from_other_columns``: the offsets whose suggestion is another column's address, not a fix of
    their own."""

    addresses: list[str]
    verdicts: list[AddressVerdict]
    destinations: list[Destination]
    from_other_columns: set[int] = field(default_factory=set)


def row_key(address: str, verdict: AddressVerdict) -> str | None:
    """What a row is compared on to find duplicates; None for an empty cell."""
    return None if verdict.reason is Reason.EMPTY else comparison_key(address, verdict)


def is_shared(verdict: AddressVerdict) -> bool:
    """Whether this verdict is shared by the plain valid addresses of a domain, for a whole run."""
    return not verdict.address and verdict.reason is None


def distinct(verdicts: Sequence[AddressVerdict]) -> list[AddressVerdict]:
    """Each verdict object once, in the order first met."""
    return list(dict(zip(map(id, verdicts), verdicts)).values())


def per_distinct(verdicts: Sequence[AddressVerdict], decide: Callable[[AddressVerdict], T]) -> list[T]:
    """``decide(verdict)`` for every row, called once per distinct verdict."""
    ids = list(map(id, verdicts))
    decided = {key: decide(verdict) for key, verdict in dict(zip(ids, verdicts)).items()}
    return list(map(decided.__getitem__, ids))


def counted(verdicts: Sequence[AddressVerdict]) -> list[tuple[AddressVerdict, int]]:
    """Each distinct verdict with the number of rows that have it."""
    ids = list(map(id, verdicts))
    uses = Counter(ids)
    return [(verdict, uses[key]) for key, verdict in dict(zip(ids, verdicts)).items()]


def offsets_where(verdicts: Sequence[AddressVerdict], test: Callable[[AddressVerdict], bool]) -> list[int]:
    """The offsets of the rows whose verdict passes ``test``, asked once per distinct verdict."""
    ids = list(map(id, verdicts))
    chosen = [key for key, verdict in dict(zip(ids, verdicts)).items() if test(verdict)]
    if not chosen:
        return []
    return np.flatnonzero(np.isin(np.array(ids), chosen)).tolist()


# Shared verdicts sent to another process are sent once and then named by number; past this many,
# both sides forget them and start again, so that memory stays flat.
_SHARED_KEPT = 100_000


@dataclass(frozen=True)
class EncodedVerdicts:
    """The verdicts of a batch as one process sends them to another: each verdict once.

    Shared verdicts live as long as the run: each is sent once (``new_shared``) and kept by the
    receiving side in the order it came. ``local`` are this batch's other verdicts. ``numbers`` gives
    each row's verdict by its place in the shared verdicts followed by ``local``, -1 for none.
    """

    forget_shared: bool  # the shared verdicts sent before are no longer used
    new_shared: list[AddressVerdict]
    local: list[AddressVerdict]
    numbers: np.ndarray


class VerdictSender:
    """The sending side of ``EncodedVerdicts``: which shared verdicts it has sent, by their number."""

    def __init__(self) -> None:
        self._numbers: dict[int, int] = {}  # id of a shared verdict sent, its number
        self._sent: list[AddressVerdict] = []  # keeps them alive, so their ids stay theirs

    def encode(self, verdicts: Sequence[AddressVerdict | None]) -> EncodedVerdicts:
        forget = len(self._sent) > _SHARED_KEPT
        if forget:
            self._numbers.clear()
            self._sent.clear()
        ids = list(map(id, verdicts))
        new_shared: list[AddressVerdict] = []
        local: dict[int, AddressVerdict] = {}
        for key, verdict in dict(zip(ids, verdicts)).items():
            if verdict is None or key in self._numbers:
                continue
            if is_shared(verdict):
                self._numbers[key] = len(self._sent)
                self._sent.append(verdict)
                new_shared.append(verdict)
            else:
                local[key] = verdict
        number_of = self._numbers | {key: len(self._sent) + place for place, key in enumerate(local)}
        number_of[id(None)] = -1
        numbers = np.fromiter(map(number_of.__getitem__, ids), dtype=np.int32, count=len(ids))
        return EncodedVerdicts(forget, new_shared, list(local.values()), numbers)


class VerdictReceiver:
    """The receiving side of ``EncodedVerdicts``."""

    def __init__(self) -> None:
        self._shared: list[AddressVerdict] = []

    def decode(self, encoded: EncodedVerdicts) -> list[AddressVerdict | None]:
        if encoded.forget_shared:
            self._shared.clear()
        self._shared.extend(encoded.new_shared)
        table: list[AddressVerdict | None] = [*self._shared, *encoded.local, None]  # -1: the last, None
        return list(map(table.__getitem__, encoded.numbers.tolist()))
