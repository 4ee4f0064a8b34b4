"""The known mail domain a dead domain was meant to be, once DNS has said it cannot receive mail.

The typo rules (``typos``) must never flag a real domain, so they stay narrow. When a trusted
resolver says a domain does not exist or has no mail server, that worry is gone: the address is
rejected either way, and the only question is which fix to offer. Then a wider net is fair: any known
domain (shipped, or the user's ``--known-domains``) within two edits of the whole domain. Two limits
keep the offer honest:

- fewer edits than half the letters of the known name, so that a short dead name is not "corrected"
  to any short provider (``xe.com`` is not ``me.com``, ``iu.ua`` is not ``i.ua``);
- one provider only: a dead domain as near the domains of two providers gets no suggestion, since
  either could be meant.
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import process
from rapidfuzz.distance import OSA

from listcheck.checks.typos import DomainKnowledge, split_domain

_MAX_EDITS = 2
_ANSWERS_KEPT = 50_000


class NearbyDomains:
    """Known domains near a domain that DNS says receives no mail; each domain is looked up once.

    >>> nearby = NearbyDomains(DomainKnowledge())
    >>> nearby.nearest("gmaill.co"), nearby.nearest("hotmali.es"), nearby.nearest("xe.com")
    ('gmail.com', 'hotmail.es', None)
    """

    def __init__(self, knowledge: DomainKnowledge) -> None:
        self._knowledge = knowledge
        self._domains: Sequence[str] = knowledge.known_domains()
        self._answers: dict[str, str | None] = {}

    def nearest(self, domain: str) -> str | None:
        """The one known domain within two edits of ``domain`` (ASCII form), or None."""
        if domain not in self._answers:
            if len(self._answers) >= _ANSWERS_KEPT:
                self._answers.clear()
            self._answers[domain] = self._nearest(domain)
        return self._answers[domain]

    def _nearest(self, domain: str) -> str | None:
        if self._knowledge.is_known(domain):
            return None
        near = [(known, int(edits)) for known, edits, _ in process.extract(
            domain, self._domains, scorer=OSA.distance, score_cutoff=_MAX_EDITS, limit=None)
            if 2 * edits < len(split_domain(known)[0])]
        if not near:
            return None
        fewest = min(edits for _, edits in near)
        closest = [known for known, edits in near if edits == fewest]
        if len({self._knowledge.provider(known) for known in closest}) > 1:
            return None
        return closest[0]  # known_domains() lists a provider's main domain first
