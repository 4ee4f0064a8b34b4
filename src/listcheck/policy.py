"""Sending policy: which output a judged row goes to."""

from __future__ import annotations

from dataclasses import dataclass

from .reasons import Destination, Reason, Status


@dataclass(frozen=True)
class Policy:
    """Where rows go. The defaults follow the contract's table of reasons.

    ``strict`` sends every risky and unknown row to the rejected file.

    >>> Policy(strict=True).destination(Status.UNKNOWN, Reason.DNS_UNKNOWN)
    <Destination.REJECTED: 'rejected'>
    """

    strict: bool = False

    def destination(self, status: Status, reason: Reason | None) -> Destination:
        """The output for a row with this status and reason (``None``: a clean valid row)."""
        if self.strict and status in (Status.RISKY, Status.UNKNOWN):
            return Destination.REJECTED
        if reason is None:
            return Destination.CLEAN
        return reason.destination
