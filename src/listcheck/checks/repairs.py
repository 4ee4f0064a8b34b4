"""Repairs of addresses that email syntax rejects: ``carmen.ruiz.gmail.com``, ``ana(arroba)gmail.com``.

A repair is offered only when the cell can mean one address and no other, because a wrong repair
sends a subscriber's mail to a stranger. The cell is one that ``normalize.clean_cell`` has cleaned
and email syntax rejects; the repaired address is returned only if it passes syntax itself, so a
repair never needs a second one.

Repaired, in this order, and composed when a cell has several of these mistakes:

- the ``@`` written as a word: ``(arroba)``, ``[at]``, ``{at}``, ``(a)``, and `` arroba ``
  or `` at `` between spaces, in any case (``ANA (AT) GMAIL.COM``); exactly one of them, and only in
  a cell with no ``@``. After one, ``(dot)``, `` dot ``, ``(punto)``, `` punto `` in the domain are dots
  (``ana at gmail dot com``): the at-word says the writer spelled out symbols on purpose;
- the ``@`` written as a dot before a known domain: ``carmen.ruiz.gmail.com``, ``ana.hotmail.com.mx``.
  The longest known domain at the end decides, and only a known one: ``ana.empresa.es`` may be a
  host of empresa.es as much as a mailbox at it. Not when the part before is empty or holds a host
  word (``www.gmail.com``, ``smtp.gmail.com``, ``ana.mail.yahoo.com``), nor in a URL;
- spaces around the ``@`` and around the dots of the domain: ``ana @ gmail . com``;
- a doubled ``@``: ``ana@@gmail.com``;
- commas for dots in the domain: ``ana@gmail,com``. In the local part a comma at either end goes
  (``ana,@gmail.com``): read as a dot or as a separator between two cells, it leaves the same one
  address. A comma inside it gets no repair: ``ana,lopez@gmail.com`` is ``ana.lopez@gmail.com`` or
  ``lopez@gmail.com`` after a cell ``ana``, two different people;
- doubled dots (``ana..lopez@gmail.com``, ``ana@gmail..com``), and dots at the start or end of
  the domain or of the local part (``.ana@gmail.com``, ``ana.@gmail.com``). A dot at the edge of a
  local part is never part of a mailbox name (RFC 5322 3.4.1: a dot-atom has dots only between
  characters), so no other mailbox has those letters; Gmail, which ignores dots, delivers to the same
  mailbox either way;
- the dots missing before the top-level domain of a known domain: ``ana@gmailcom``,
  ``ana@hotmailcommx`` (``ana@empresacom`` gets none: ``empresa.com``? ``empres.acom``?).

Not repaired, because more than one address could be meant or none is there: a space inside the
local part (``ana lopez@gmail.com``: ana.lopez? analopez? ana_lopez?); two ``@`` or at-words with
text between them; a missing local part or domain (``@gmail.com``, ``ana@``); a domain without a
top-level domain (``ana@gmail``, ``ana@empresa``: which one is a guess); bare names, digits, phone
numbers, URLs; and any address that already passes syntax (the typo check judges those).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from email_validator import EmailNotValidError, validate_email

from listcheck.checks.normalize import lower_domain
from listcheck.checks.tlds import tld_exists
from listcheck.checks.typos import DomainKnowledge

# RFC 5321 4.5.3.1: 64 octets of local part, 254 of address (a 256-octet path less its brackets).
LOCAL_PART_MAX_OCTETS = 64
ADDRESS_MAX_OCTETS = 254
# Repairs remove characters (words, spaces, stray dots) and add at most two dots, so a cell over
# twice the longest address is no mistyped address; the cap also keeps a 3 MB cell cheap.
_LONGEST_REPAIRABLE = 2 * ADDRESS_MAX_OCTETS


def _spelled(words: str) -> str:
    """A symbol spelled as a word: in matching brackets with optional spaces, or alone between spaces."""
    pairs = ((r"\(", r"\)"), (r"\[", r"\]"), (r"\{", r"\}"))
    bracketed = "|".join(rf"{opening}\s*(?:{words})\s*{closing}" for opening, closing in pairs)
    return rf"\s*(?:{bracketed})\s*"


_AT_WORD = re.compile(rf"{_spelled('arroba|at|a')}|\s+(?:arroba|at)\s+", re.IGNORECASE)
_DOT_WORD = re.compile(rf"{_spelled('dot|punto')}|\s+(?:dot|punto)\s+", re.IGNORECASE)
# Between the labels of a cell with no "@": a dot or a comma, with any spaces around it.
_LABEL_SEPARATOR = re.compile(r"(\s*[.,]\s*)")
# Labels of a host name rather than of a mailbox name: www.gmail.com is a web site, not an address.
# Labels that make "x.gmail.com" a host of the provider, not a mailbox at it: its web and mail
# servers, its sign-in and help pages (outlook.live.com, accounts.google.com, sites.google.com), and
# the spelled @ itself (juan.perez.at.gmail.com: juan.perez@ or juan.perez.at@? Gmail ignores dots).
_HOST_WORD = re.compile(
    r"www\d*|web|webmail|e?mail|correo|smtp|pop3?|imap|mx\d*|ftp|outlook|owa|autodiscover|login|signin|signup|"
    r"accounts?|auth|secure|my|m|mobile|sites|docs|drive|calendar|groups|news|support|help|apps?|api|blog|"
    r"shop|store|static|cdn|portal|at|arroba",
    re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")
_URL = re.compile(r"^[a-z][a-z0-9+.-]*:|/", re.IGNORECASE)
_SPACES_AROUND_AT = re.compile(r"\s*@\s*")
_SPACES_AROUND_SEPARATOR = re.compile(r"\s*([.,])\s*")
_DOUBLED_AT = re.compile(r"@{2,}")
_DOUBLED_DOT = re.compile(r"\.{2,}")
_BLANK = re.compile(r"\s")
_BLANK_RUN = re.compile(r"\s{2,}")

def is_valid_syntax(address: str) -> bool:
    """Whether email-validator accepts the address, deliverability off, as ``check_address`` asks it.

    >>> is_valid_syntax("ana@gmail.com"), is_valid_syntax("ana@gmailcom")
    (True, False)
    """
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


def repair(cell: str, /, knowledge: DomainKnowledge, *, accepts: Callable[[str], bool] = is_valid_syntax) -> str | None:
    """The one address a cell rejected by email syntax was meant to be, or None when that is not clear.

    ``cell`` is cleaned by ``normalize.clean_cell``; ``knowledge`` says which domains are known;
    ``accepts`` is the syntax check the repaired address must pass. A valid address comes back as None:
    no step changes it.

    >>> knowledge = DomainKnowledge()
    >>> repair("carmen.ruiz.gmail.com", knowledge), repair("ANA (AT) GMAIL.COM", knowledge)
    ('carmen.ruiz@gmail.com', 'ANA@gmail.com')
    >>> repair("ana (arroba) gmail,com", knowledge), repair("ana@hotmailcommx", knowledge)
    ('ana@gmail.com', 'ana@hotmail.com.mx')
    >>> print(repair("ana lopez@gmail.com", knowledge), repair("ana.empresa.es", knowledge))
    None None
    """
    if len(cell) > _LONGEST_REPAIRABLE:
        return None
    # Runs of blanks become one space first: what follows only ever removes them, and the word
    # patterns would take quadratic time over a long run.
    text = _at_word(_BLANK_RUN.sub(" ", cell))
    if text is not None and "@" not in text:
        text = _at_as_dot(text, knowledge)
    if text is None:
        return None
    halves = _one_at(_doubled_at(_spaces_around_at(text)))
    if halves is None:
        return None
    local = _local_part(halves[0])
    if local is None:
        return None
    candidate = lower_domain(f"{local}@{_domain(halves[1], knowledge)}")
    # A cell no step changed needs no repair or has none; the syntax check is left for the rest
    # (it is the costly part, and the caller has just seen this cell fail it).
    if candidate == lower_domain(cell):
        return None
    return candidate if _fits(local, candidate) and accepts(candidate) else None


def _at_word(text: str) -> str | None:
    """``ana (arroba) gmail (punto) com`` -> ``ana@gmail.com``; None for two at-words (two addresses?)."""
    if "@" in text:
        return text  # the @ is written: a word that looks like one is something else
    pieces = _AT_WORD.split(text)
    if len(pieces) == 1:
        return text
    if len(pieces) > 2:
        return None
    local, domain = pieces
    return f"{local}@{_DOT_WORD.sub('.', domain)}"


def _at_as_dot(text: str, knowledge: DomainKnowledge) -> str | None:
    """``carmen.ruiz.gmail.com`` -> ``carmen.ruiz@gmail.com``: the dot before the longest known domain at
    the end was meant as the ``@``. The text as it is when no known domain ends it."""
    if _URL.search(text):
        return None
    pieces = _LABEL_SEPARATOR.split(text.rstrip(".,"))  # dots at the end of a domain go anyway
    labels, separators = pieces[0::2], pieces[1::2]
    for start in range(1, len(labels)):  # the longest first
        domain = ".".join(labels[start:]).lower()
        if knowledge.provider(domain) is None:
            continue
        local_labels = [label.strip() for label in labels[:start]]
        # After a comma it may be two cells ("ana,gmail.com"); a host word makes it a host name, and so
        # does a lone country code (es.yahoo.com); digits alone are a phone number, not a name.
        if separators[start - 1].strip() != "." or any(_HOST_WORD.fullmatch(label) for label in local_labels) \
                or (len(local_labels) == 1 and len(local_labels[0]) == 2 and tld_exists(local_labels[0].lower())):
            return None
        local = "".join(pieces[: 2 * start - 1])
        return f"{local}@{domain}" if _LETTER.search(local) else None
    return text


def _spaces_around_at(text: str) -> str:
    """``ana @ gmail.com`` -> ``ana@gmail.com``."""
    return _SPACES_AROUND_AT.sub("@", text)


def _doubled_at(text: str) -> str:
    """``ana@@gmail.com`` -> ``ana@gmail.com``."""
    return _DOUBLED_AT.sub("@", text)


def _one_at(text: str) -> tuple[str, str] | None:
    """The local part and the domain, or None unless exactly one ``@`` parts two non-empty halves."""
    local, at, domain = text.partition("@")
    if not at or "@" in domain or not local or not domain:
        return None
    return local, domain


def _local_part(local: str) -> str | None:
    """The local part without stray dots and edge commas; None for a comma or space inside it."""
    # Dots and commas at the edges at once: a comma there, as a dot or as a separator, leaves the
    # same one address (module docstring).
    local = _doubled_dots(local.strip(".,"))
    if "," in local or _BLANK.search(local):
        return None  # ana,lopez and ana lopez: more than one address could be meant
    return local


def _domain(domain: str, knowledge: DomainKnowledge) -> str:
    """The domain with its dots put right: spaces around them, commas for them, doubled, at the edges,
    missing before the top-level domain."""
    domain = _commas_for_dots(_spaces_around_dots(domain.lower()))
    return _missing_tld_dots(_edge_dots(_doubled_dots(domain)), knowledge)


def _spaces_around_dots(domain: str) -> str:
    """``gmail . com`` -> ``gmail.com`` (and around commas, which become dots next)."""
    return _SPACES_AROUND_SEPARATOR.sub(r"\1", domain)


def _commas_for_dots(domain: str) -> str:
    """``gmail,com`` -> ``gmail.com``: no domain has a comma, and the key is next to the dot."""
    return domain.replace(",", ".")


def _doubled_dots(text: str) -> str:
    """``gmail..com`` -> ``gmail.com``."""
    return _DOUBLED_DOT.sub(".", text)


def _edge_dots(text: str) -> str:
    """``.gmail.com.`` -> ``gmail.com``."""
    return text.strip(".")


def _missing_tld_dots(domain: str, knowledge: DomainKnowledge) -> str:
    """``gmailcom`` -> ``gmail.com``, ``hotmailcommx`` -> ``hotmail.com.mx``: the one known domain that is
    this dotless one with one or two dots put back, else the domain as it is.

    Only a domain with no dot at all, which syntax rejects: ``hotmailcom.mx`` is a real name, and
    whether it is a typo of hotmail.com.mx is for the typo check to say.
    """
    if "." in domain:
        return domain
    found = knowledge.dotless(domain)
    return found[0] if len(found) == 1 else domain


def _fits(local: str, address: str) -> bool:
    """Within the lengths of RFC 5321: 64 octets of local part, 254 of address."""
    try:
        return (len(local.encode("utf-8")) <= LOCAL_PART_MAX_OCTETS
                and len(address.encode("utf-8")) <= ADDRESS_MAX_OCTETS)
    except UnicodeEncodeError:  # a lone surrogate: no address
        return False
