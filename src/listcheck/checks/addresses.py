"""Offline checks of a single address: emptiness, syntax, reserved and non-existent domains.

Syntax is email-validator's job (deliverability off). Its messages change between versions and
carry no codes, so results are mapped by exception class and its sentence is kept only as detail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

import email_validator
from email_validator import EmailNotValidError, validate_email

from listcheck.checks.normalize import clean_cell, without_accents
from listcheck.checks.repairs import repair
from listcheck.checks.risk import DisposableDomains, role_of
from listcheck.checks.tlds import tld_exists
from listcheck.checks.typos import DomainKnowledge, default_knowledge
from listcheck.messages import language, say, say_count, shortened, syntax_detail
from listcheck.reasons import Reason, Status
from listcheck.verdict import AddressVerdict

# email-validator's own list (RFC 6761 and friends), plus names it deliberately accepts but that can
# never receive a real subscriber's mail: the RFC 2606 example domains, ".alt" (RFC 9476) and
# ".internal" (reserved by ICANN for private use in 2024).
SPECIAL_USE_DOMAINS: frozenset[str] = frozenset(
    [*email_validator.SPECIAL_USE_DOMAIN_NAMES, "example", "example.com", "example.net", "example.org",
     "alt", "internal"]
)

# Separators people put between addresses in one cell; Google Contacts joins values with " ::: ".
_ADDRESS_SEPARATORS = re.compile(r":::|[;,<>\s]+")
_LOOKS_LIKE_ADDRESS = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_MAX_LOCAL_OCTETS = 64


def check_address(
    text: str, /, *, knowledge: DomainKnowledge | None = None, disposable: DisposableDomains | None = None
) -> AddressVerdict:
    """Judge one address cell offline.

    ``knowledge`` holds the known mail domains that typo suggestions point to (default: the shipped
    list); pass one built with ``known_domains=`` to add a list's own domains. ``disposable`` is the
    list of throwaway domains (default: the shipped list, no exceptions).

    >>> check_address(" Ana <ana@Correo.es>").status
    <Status.VALID: 'valid'>
    >>> check_address("ana.correo.es").reason
    <Reason.MISSING_AT: 'missing_at'>
    >>> check_address("ana@gmial.com").suggestion
    'ana@gmail.com'
    """
    return _check(text, knowledge or default_knowledge(), disposable or _DEFAULT_DISPOSABLE, fast=True)


def _check(text: str, knowledge: DomainKnowledge, disposable: DisposableDomains, *, fast: bool) -> AddressVerdict:
    """``check_address``; ``fast=False`` skips the fast path, so that tests can compare the two."""
    cleaned = clean_cell(text)
    if not cleaned:
        return _invalid(cleaned, Reason.EMPTY, say("detail.empty"))
    proven = _proven_ascii_domain(cleaned) if fast else None
    if proven is not None:  # the common case, without email-validator's full parse
        return _judge_domain(cleaned, proven, proven, knowledge, disposable)

    addresses = [part for part in _ADDRESS_SEPARATORS.split(cleaned) if _LOOKS_LIKE_ADDRESS.fullmatch(part)]
    if len(addresses) > 1:
        shown = shortened(", ".join(addresses[:3]) + (", ..." if len(addresses) > 3 else ""))
        return _invalid(
            cleaned, Reason.MULTIPLE_ADDRESSES,
            say_count("detail.multiple", len(addresses), shown=shown),
        )

    if "@" not in cleaned:
        return _with_repair(_invalid(
            cleaned, Reason.MISSING_AT,
            say("detail.missing_at", cell=shortened(cleaned)),  # a 3 MB cell is not said whole
        ), knowledge, disposable)

    typed_domain = cleaned.rpartition("@")[2]
    if _is_special_use(typed_domain):
        return _special_use(cleaned, typed_domain)

    try:
        ascii_domain = validate_email(cleaned, check_deliverability=False).ascii_domain
    except EmailNotValidError as error:
        return _with_repair(_invalid(cleaned, Reason.SYNTAX, syntax_detail(str(error))), knowledge, disposable)
    # RFC 5321 4.5.3.1.1 limits the local part to 64 octets; email-validator 2.4 no longer checks it.
    octets = len(cleaned.rpartition("@")[0].encode("utf-8"))
    if octets > _MAX_LOCAL_OCTETS:
        return _invalid(cleaned, Reason.SYNTAX, say("detail.local_too_long", octets=octets))
    # The address stays as the user typed it, domain lower-cased: email-validator's normalized form
    # may use characters the file's code page lacks (it maps "µ" to "μ"). Its ASCII (IDNA) domain is
    # what lookups and comparisons use.
    return _judge_domain(cleaned, typed_domain, ascii_domain, knowledge, disposable)


# A strict subset of what email-validator accepts with its default options, proven in one match: a
# dot-atom local part of at most 64 ASCII characters, and a lower-case domain of letter-digit-hyphen
# labels with an alphabetic top-level domain. No "--" anywhere in the domain (IDNA rules about
# hyphens, and punycode), no more than 254 characters in all. Everything else goes to
# email-validator; tests/test_fast_path.py checks that the two agree.
ATEXT = r"[a-zA-Z0-9_!#$%&'*+/=?^`{|}~-]"
_PROVABLY_VALID = re.compile(
    rf"{ATEXT}+(?:\.{ATEXT}+)*@((?:[a-z0-9](?:[a-z0-9-]{{0,61}}[a-z0-9])?\.)+[a-z]{{2,63}})"
)


_ASCII_DOT_ATOM = re.compile(rf"{ATEXT}+(?:\.{ATEXT}+)*")


def _proven_ascii_domain(address: str) -> str | None:
    """The domain of an address the fast pattern proves valid, or None to ask email-validator."""
    if len(address) > 254:
        return None
    match = _PROVABLY_VALID.fullmatch(address)
    if match is None or address.index("@") > 64 or "--" in match.group(1):
        return None
    return match.group(1)


@dataclass(frozen=True)
class _DomainFacts:
    special_use: bool
    tld_exists: bool
    correction: str | None
    throwaway: str | None
    provider: str | None
    free_detail: str
    plain_verdict: AddressVerdict  # shared by the valid addresses of this domain that are no role


def _domain_facts(ascii_domain: str, knowledge: DomainKnowledge, disposable: DisposableDomains) -> _DomainFacts:
    """Everything about a domain, worked out once per distinct domain (and language: it holds a sentence)."""
    return _facts_in(ascii_domain, knowledge, disposable, language())


@lru_cache(maxsize=1 << 16)
def _facts_in(ascii_domain: str, knowledge: DomainKnowledge, disposable: DisposableDomains, lang: str) -> _DomainFacts:
    correction = knowledge.suggest(ascii_domain)
    provider = knowledge.provider(ascii_domain)
    free_detail = say("detail.free_provider", provider=provider) if provider else ""
    return _DomainFacts(
        special_use=_is_special_use(ascii_domain),
        tld_exists=tld_exists(ascii_domain),
        correction=correction if correction is not None and not _is_special_use(correction) else None,
        throwaway=disposable.provider_of(ascii_domain),
        provider=provider,
        free_detail=free_detail,
        plain_verdict=AddressVerdict("", Status.VALID, detail=free_detail, domain=ascii_domain,
                                     free_provider=bool(provider)),
    )


def _judge_domain(address: str, domain: str, ascii_domain: str, knowledge: DomainKnowledge,
                  disposable: DisposableDomains) -> AddressVerdict:
    facts = _domain_facts(ascii_domain, knowledge, disposable)
    if facts.special_use:
        return _special_use(address, ascii_domain)
    tld = ascii_domain.rpartition(".")[2]
    local = address.rpartition("@")[0]
    if facts.correction is not None:
        # A misspelling explains a top-level domain that does not exist: one problem, one reason. The
        # suggestion also drops the accents of the local part, if any: it is the address to mail.
        suggestion = f"{suggested_local_part(local)}@{facts.correction}"
        detail = say("detail.typo" if facts.tld_exists else "detail.typo_and_tld", tld=tld, domain=domain,
                     correction=facts.correction, suggestion=suggestion)
        return AddressVerdict(address, Status.RISKY, Reason.TYPO_DOMAIN, detail, suggestion=suggestion,
                              domain=ascii_domain)
    if not facts.tld_exists:
        return AddressVerdict(
            address, Status.INVALID, Reason.UNKNOWN_TLD,
            say("detail.unknown_tld", tld=tld, domain=domain),
            domain=ascii_domain,
        )
    if not local.isascii():
        return _non_ascii_local_part(address, local, domain, ascii_domain)
    if facts.throwaway is not None:
        return AddressVerdict(
            address, Status.RISKY, Reason.DISPOSABLE,
            say("detail.disposable", provider=facts.throwaway),
            domain=ascii_domain,
        )
    free = facts.free_detail
    role = role_of(local)
    if role is not None:
        return AddressVerdict(
            address, Status.RISKY, Reason.ROLE_ACCOUNT,
            f"{say('detail.role', role=role)} {free}".rstrip(),
            domain=ascii_domain, free_provider=bool(facts.provider),
        )
    return AddressVerdict(address, Status.VALID, detail=free, domain=ascii_domain,
                          free_provider=bool(facts.provider))


def _with_repair(verdict: AddressVerdict, knowledge: DomainKnowledge, disposable: DisposableDomains) -> AddressVerdict:
    """The verdict of a cell that is no address, with its repair as suggestion when one is clear
    (``repairs``). The repair is judged in turn: a repair to a reserved or non-existent top-level
    domain is no fix, and a repair whose domain is misspelled suggests the corrected address."""
    repaired = repair(verdict.address, knowledge)
    if repaired is None:
        return verdict
    judged = _check(repaired, knowledge, disposable, fast=True)
    if judged.status is Status.INVALID:
        return verdict
    if judged.reason in (Reason.TYPO_DOMAIN, Reason.NON_ASCII_LOCAL_PART):
        suggestion = judged.suggestion  # the whole fix; none for a name in another script (😀.gmail.com)
        if not suggestion:
            return verdict
    else:
        suggestion = judged.address
    return replace(verdict, suggestion=suggestion,
                   detail=say("detail.did_you_mean", detail=verdict.detail, suggestion=suggestion))


def _non_ascii_local_part(address: str, local: str, domain: str, ascii_domain: str) -> AddressVerdict:
    """``josé@gmail.com``: valid for email syntax (SMTPUTF8), but big providers give out no such
    mailboxes and most sending platforms refuse them; the fix is nearly always the address without
    accents, which is what its owner types elsewhere."""
    ascii_local = _ascii_local(local)
    suggestion = f"{ascii_local}@{domain}" if ascii_local else ""
    detail = say("detail.non_ascii_local_part", local=shortened(local), suggestion=suggestion) if suggestion \
        else say("detail.non_ascii_no_suggestion", local=shortened(local))
    return AddressVerdict(address, Status.RISKY, Reason.NON_ASCII_LOCAL_PART, detail, suggestion=suggestion,
                          domain=ascii_domain)


def _ascii_local(local: str) -> str | None:
    """The local part without accents when that is a plain dot-atom, else None (another script, or
    folding that leaves a character no address may hold)."""
    folded = without_accents(local)
    return folded if folded and _ASCII_DOT_ATOM.fullmatch(folded) else None


def suggested_local_part(local: str) -> str:
    """The local part a suggested address keeps: without its accents when that is a plain address."""
    return local if local.isascii() else _ascii_local(local) or local


def plain_domain_verdict(
    ascii_domain: str, knowledge: DomainKnowledge, disposable: DisposableDomains
) -> AddressVerdict | None:
    """The verdict of a valid address at this domain whose local part is no role, or None when the
    domain itself says something (reserved, misspelled, no such top-level domain, throwaway).

    The verdict is shared by all such addresses, so its ``address`` is empty (see ``batch``).
    """
    facts = _domain_facts(ascii_domain, knowledge, disposable)
    if facts.special_use or facts.correction is not None or not facts.tld_exists or facts.throwaway is not None:
        return None
    return facts.plain_verdict


_DEFAULT_DISPOSABLE = DisposableDomains()


def _is_special_use(domain: str) -> bool:
    labels = domain.rstrip(".").split(".")
    return any(".".join(labels[start:]) in SPECIAL_USE_DOMAINS for start in range(len(labels)))


def _special_use(address: str, domain: str) -> AddressVerdict:
    return _invalid(
        address, Reason.SPECIAL_USE_DOMAIN,
        say("detail.special_use", domain=domain),
    )


def _invalid(address: str, reason: Reason, detail: str) -> AddressVerdict:
    return AddressVerdict(address, Status.INVALID, reason, detail)
