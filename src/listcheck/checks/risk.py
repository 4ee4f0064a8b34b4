"""Risk signals of a well-formed address: throwaway domains, role mailboxes, free providers.

Disposable domains come from the ``disposable-email-domains`` package (CC0, re-released as the
community list changes). A domain counts when it or any parent is on the list, so subdomains of a
throwaway service count too; ``allow_domains`` overrides the list for a user's own needs.

A role mailbox is a team, a function or a machine (``info@``, ``ventas@``, ``no-reply@``). The local
part, lower-cased and without a ``+tag``, is a role when, without its separators, it is a role word
(``no-reply`` -> ``noreply``), or when its first part before a ``.``, ``_`` or ``-`` is one, trailing
digits aside: ``ventas.madrid@`` and ``info2@`` are the sales team of Madrid and an info box, while
``juan.ventas@`` is a person in sales and ``infoteca.juan@`` a person, not ``info@``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from disposable_email_domains import blocklist as _DISPOSABLE

_FIRST_PART = re.compile(r"[^._-]*")


@lru_cache(maxsize=1)
def role_words() -> frozenset[str]:
    """The role local parts shipped in ``data/role_local_parts.txt``."""
    text = resources.files("listcheck").joinpath("data", "role_local_parts.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def role_of(local_part: str) -> str | None:
    """The role word a local part stands for, or None for a person's mailbox.

    >>> role_of("Ventas.Madrid"), role_of("no-reply"), role_of("info2+web"), role_of("infoteca.juan")
    ('ventas', 'noreply', 'info', None)
    """
    local = local_part.lower().partition("+")[0]
    words = role_words()
    joined = local.replace(".", "").replace("_", "").replace("-", "")
    if joined in words:
        return joined
    first = _FIRST_PART.match(local).group().rstrip("0123456789")  # type: ignore[union-attr]  # always matches
    return first if first in words else None


class DisposableDomains:
    """Throwaway-mailbox domains, with the user's exceptions.

    >>> DisposableDomains().provider_of("mail.mailinator.com"), DisposableDomains().provider_of("gmail.com")
    ('mailinator.com', None)
    """

    def __init__(self, *, allow_domains: Iterable[str] = ()) -> None:
        self._allowed = frozenset(allow_domains)

    def provider_of(self, domain: str) -> str | None:
        """The listed domain (the domain or a parent) that makes this one disposable, or None."""
        labels = domain.lower().split(".")
        for start in range(len(labels) - 1):
            candidate = ".".join(labels[start:])
            if candidate in self._allowed:
                return None
            if candidate in _DISPOSABLE:
                return candidate
        return None
