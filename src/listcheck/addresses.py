"""Offline checks of a single address: emptiness, syntax, reserved and non-existent domains.

Syntax is email-validator's job (deliverability off). Its messages change between versions and
carry no codes, so results are mapped by exception class and its sentence is kept only as detail.
"""

from __future__ import annotations

import re

import email_validator
from email_validator import EmailNotValidError, validate_email

from .normalize import clean_cell
from .reasons import Reason, Status
from .risk import DisposableDomains, role_of
from .tlds import tld_exists
from .typos import DomainKnowledge, default_knowledge
from .verdict import AddressVerdict

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
    cleaned = clean_cell(text)
    if not cleaned:
        return _invalid(cleaned, Reason.EMPTY, "The address cell is empty. Fill it in or delete the row.")

    addresses = [part for part in _ADDRESS_SEPARATORS.split(cleaned) if _LOOKS_LIKE_ADDRESS.fullmatch(part)]
    if len(addresses) > 1:
        shown = ", ".join(addresses[:3]) + (", ..." if len(addresses) > 3 else "")
        return _invalid(
            cleaned, Reason.MULTIPLE_ADDRESSES,
            f"The cell holds {len(addresses)} addresses ({shown}). Put each address on its own row.",
        )

    if "@" not in cleaned:
        return _invalid(
            cleaned, Reason.MISSING_AT,
            f"There is no @ in '{cleaned}'. An address looks like name@domain.com.",
        )

    typed_domain = cleaned.rpartition("@")[2]
    if _is_special_use(typed_domain):
        return _special_use(cleaned, typed_domain)

    try:
        validated = validate_email(cleaned, check_deliverability=False)
    except EmailNotValidError as error:
        return _invalid(cleaned, Reason.SYNTAX, str(error))

    # The address stays as the user typed it, domain lower-cased: email-validator's normalized form
    # may use characters the file's code page lacks (it maps "µ" to "μ"). Its ASCII (IDNA) domain is
    # what lookups and comparisons use.
    ascii_domain = validated.ascii_domain
    address, domain = cleaned, typed_domain

    if _is_special_use(ascii_domain):
        return _special_use(address, ascii_domain)
    tld = ascii_domain.rpartition(".")[2]
    real_tld = tld_exists(ascii_domain)
    corrected_domain = (knowledge or default_knowledge()).suggest(ascii_domain)
    if corrected_domain is not None and not _is_special_use(corrected_domain):
        # A misspelling explains a top-level domain that does not exist: one problem, one reason.
        why = "" if real_tld else f"'.{tld}' is not a top-level domain; "
        suggestion = f"{cleaned.rpartition('@')[0]}@{corrected_domain}"
        return AddressVerdict(
            address, Status.RISKY, Reason.TYPO_DOMAIN,
            f"{why}'{domain}' looks like a misspelling of '{corrected_domain}'. Did you mean {suggestion}?",
            suggestion=suggestion, domain=ascii_domain,
        )
    if not real_tld:
        return AddressVerdict(
            address, Status.INVALID, Reason.UNKNOWN_TLD,
            f"'.{tld}' is not an existing top-level domain, so '{domain}' cannot receive mail.",
            domain=ascii_domain,
        )
    return _risk(address, ascii_domain, knowledge or default_knowledge(), disposable or _DEFAULT_DISPOSABLE)


_DEFAULT_DISPOSABLE = DisposableDomains()


def _risk(address: str, ascii_domain: str, knowledge: DomainKnowledge, disposable: DisposableDomains) -> AddressVerdict:
    """The verdict of a well-formed address at a real domain: throwaway, role, or valid."""
    throwaway = disposable.provider_of(ascii_domain)
    if throwaway is not None:
        return AddressVerdict(
            address, Status.RISKY, Reason.DISPOSABLE,
            f"'{throwaway}' gives out throwaway mailboxes that expire within hours or days.", domain=ascii_domain,
        )
    provider = knowledge.provider(ascii_domain)
    free = f"A free or personal mail provider ({provider})." if provider else ""
    role = role_of(address.rpartition("@")[0])
    if role is not None:
        return AddressVerdict(
            address, Status.RISKY, Reason.ROLE_ACCOUNT,
            f"'{role}' is a role mailbox, read by a team or nobody; such addresses complain and bounce more. "
            f"{free}".rstrip(),
            domain=ascii_domain, free_provider=bool(provider),
        )
    return AddressVerdict(address, Status.VALID, detail=free, domain=ascii_domain, free_provider=bool(provider))


def _is_special_use(domain: str) -> bool:
    labels = domain.rstrip(".").split(".")
    return any(".".join(labels[start:]) in SPECIAL_USE_DOMAINS for start in range(len(labels)))


def _special_use(address: str, domain: str) -> AddressVerdict:
    return _invalid(
        address, Reason.SPECIAL_USE_DOMAIN,
        f"'{domain}' is reserved for examples, tests or private networks; no real mailbox uses it.",
    )


def _invalid(address: str, reason: Reason, detail: str) -> AddressVerdict:
    return AddressVerdict(address, Status.INVALID, reason, detail)
