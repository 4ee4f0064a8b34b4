"""Sending policy: which output a judged row goes to."""

from __future__ import annotations

from dataclasses import dataclass, field

from listcheck.messages import say
from listcheck.reasons import Destination, Reason, Status


@dataclass(frozen=True)
class Policy:
    """Where rows go. The defaults follow the contract's table of reasons.

    ``strict`` sends every risky and unknown row to the rejected file. ``fix_typos`` sends rows whose
    misspelled domain was corrected to the clean file, even under ``strict``: asking for corrections
    is asking for those rows. ``reject`` and ``keep`` move single reasons to the rejected or the clean
    file, whatever else says otherwise.

    >>> Policy(strict=True).destination(Status.UNKNOWN, Reason.DNS_UNKNOWN)
    <Destination.REJECTED: 'rejected'>
    """

    strict: bool = False
    fix_typos: bool = False
    reject: frozenset[Reason] = field(default_factory=frozenset)
    keep: frozenset[Reason] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        both = self.reject & self.keep
        if both:
            codes = ", ".join(sorted(reason.code for reason in both))
            raise ValueError(say("error.kept_and_rejected", codes=codes))

    def destination(self, status: Status, reason: Reason | None, *, corrected: bool = False) -> Destination:
        """The output for a row with this status and reason (``None``: a clean valid row).

        ``corrected``: the row's address was corrected (``fix_typos``).
        """
        if reason in self.keep:
            return Destination.CLEAN
        if reason in self.reject:
            return Destination.REJECTED
        if corrected and self.fix_typos:
            return Destination.CLEAN
        if self.strict and status in (Status.RISKY, Status.UNKNOWN):
            return Destination.REJECTED
        if reason is None:
            return Destination.CLEAN
        return reason.destination
