"""Which top-level domains exist.

The list comes from the ``publicsuffixlist`` package, which ships the Public Suffix List and is
re-released on PyPI whenever the list changes. The list's ICANN section holds every top-level domain
delegated in the IANA root zone, so upgrading the package refreshes our knowledge
(``pip install -U publicsuffixlist``); no data file of our own can go stale.
"""

from __future__ import annotations

from functools import lru_cache

from publicsuffixlist import PublicSuffixList

# ICANN section only: private suffixes (blogspot.com, ...) say nothing about whether a TLD exists.
_ICANN = PublicSuffixList(only_icann=True, accept_unknown=False)


def public_suffix(ascii_domain: str) -> str | None:
    """The public suffix of the domain (``com``, ``com.mx``, ``gob.es``), or None for an unknown TLD.

    >>> public_suffix("correo.gob.mx"), public_suffix("empresa.con")
    ('gob.mx', None)
    """
    return _ICANN.publicsuffix(ascii_domain)


@lru_cache(maxsize=4096)
def tld_exists(ascii_domain: str) -> bool:
    """Whether the domain's last label is a top-level domain in the root zone.

    Takes the domain in its ASCII (IDNA) form, lower-case.

    >>> tld_exists("correo.es"), tld_exists("empresa.con"), tld_exists("xn--80aswg.xn--p1ai")
    (True, False, True)
    """
    tld = ascii_domain.rstrip(".").rpartition(".")[2]
    return _ICANN.publicsuffix(tld) is not None
