"""What DNS said of a domain, as the checker, the cache and the judge pass it along.

An answer keeps its reason and the facts its sentence needs, not the sentence: the sentence is
made when the answer is applied to a row, in the language of that run, so the cache can keep
reason codes alone and a cached answer reads the same in every language.
"""

from __future__ import annotations

from dataclasses import dataclass

from listcheck.messages import say
from listcheck.reasons import Reason

# Reasons that last: the cache keeps them, and their sentence follows from the domain alone.
SETTLED_REASONS = frozenset([Reason.NO_MAIL_SERVER, Reason.DOMAIN_NOT_FOUND, Reason.NULL_MX])
_SETTLED_SENTENCES = {Reason.NO_MAIL_SERVER: "detail.no_mail_server", Reason.DOMAIN_NOT_FOUND: "detail.domain_not_found",
                      Reason.NULL_MX: "detail.null_mx"}


@dataclass(frozen=True)
class DomainAnswer:
    """What DNS says of one domain: ``reason`` is None when the domain accepts mail.

    ``sentence`` is the catalogue key of what to tell the user and ``facts`` the values it names.
    """

    reason: Reason | None
    sentence: str = ""
    facts: tuple[tuple[str, str], ...] = ()
    ttl: int = 0

    @property
    def detail(self) -> str:
        """The sentence, in the language of the run; empty for a domain that accepts mail."""
        return say(self.sentence, **dict(self.facts)) if self.sentence else ""


def settled_answer(reason: Reason | None, domain: str, ttl: int = 0) -> DomainAnswer:
    """A lasting answer (the kind the cache keeps), or the answer of a domain that accepts mail."""
    if reason is None:
        return DomainAnswer(None, ttl=ttl)
    return DomainAnswer(reason, _SETTLED_SENTENCES[reason], (("domain", domain),), ttl)


def unknown_answer(sentence: str, **facts: str) -> DomainAnswer:
    """DNS could not say: ``dns_unknown``, with the sentence that says why."""
    return DomainAnswer(Reason.DNS_UNKNOWN, sentence, tuple(facts.items()))


@dataclass(frozen=True)
class DnsSummary:
    """What the DNS checks of a run did."""

    checked: bool = False
    resolver_trusted: bool = False
    domains: int = 0
    queries: int = 0
    cache_hits: int = 0
    timeouts: int = 0
