"""The result of judging one address."""

from __future__ import annotations

from dataclasses import dataclass

from listcheck.reasons import Reason, Status


@dataclass(frozen=True, slots=True)  # slots: a list of a million rows holds a verdict each
class AddressVerdict:
    """What listcheck concluded about one address cell.

    ``address`` is the normalized address written to the outputs; ``domain`` is its domain in ASCII
    (IDNA) form when the syntax is valid, else empty, for the checks that work per domain.
    ``corrected_from`` holds the address as typed when ``address`` is a typo correction
    (``--fix-typos``). ``free_provider`` marks an address at a free or personal mail provider
    (gmail.com, hotmail.es, ukr.net): useful to know on a business list.
    """

    address: str
    status: Status
    reason: Reason | None = None
    detail: str = ""
    suggestion: str = ""
    domain: str = ""
    corrected_from: str = ""
    free_provider: bool = False

    def __reduce__(self) -> tuple[type[AddressVerdict], tuple[object, ...]]:
        # Pickled as its fields, for the judging worker (judging.py): several times faster than the
        # generic way of slotted dataclasses.
        return AddressVerdict, (self.address, self.status, self.reason, self.detail, self.suggestion, self.domain,
                                self.corrected_from, self.free_provider)

    @property
    def comparison_key(self) -> str:
        """What duplicates are compared on: the address without regard to case, its domain in ASCII form,
        so that ``straße.de`` and ``xn--strae-oqa.de`` match while ``strasse.de`` does not."""
        return comparison_key(self.address, self)

    @property
    def is_valid(self) -> bool:
        """True for an address with nothing against it."""
        return self.status is Status.VALID


def comparison_key(address: str, verdict: AddressVerdict) -> str:
    """``verdict.comparison_key`` for ``address``: rows that share one verdict object have their own
    addresses (see ``pipeline.JudgedRows``)."""
    if not verdict.domain:
        return address.lower()
    local, _, domain = address.rpartition("@")
    if domain == verdict.domain:  # an ASCII domain, as typed: lower-case the whole address at once
        return address.lower()
    return f"{local.lower()}@{verdict.domain}"
