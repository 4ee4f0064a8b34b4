"""Misspelled domains: gmial.com, hotmail.con, gmail.es, yahoo.com.mxg.

People mistype the domain of a big provider far more often than any other: a swapped or doubled
letter, a missing one, a wrong top-level domain. What makes a corrector trustworthy is what it leaves
alone, so every rule points only at a known domain, except the one for top-level domains that do not
exist, and each rule is narrow:

- a known domain (``data/mail_domains.csv``, or the user's ``--known-domains``) is never flagged,
  nor is a subdomain of one;
- a name is compared with the known names under the same suffix: ``vodafone.de`` is not a typo of
  ``vodafone.es``. Names of four letters or fewer take no edit (``live``/``hive``, ``juno``/``uno``,
  ``tuta``/``tata`` are all real), five to seven letters one, longer names two; a swap of neighbours
  counts as one edit (optimal string alignment). A name of five letters or more also takes two edits
  when both are dropped letters or swapped neighbours (``yhao``, ``icld``, ``gmila``): that is how
  fast typing fails, while a changed or added letter often makes another real name;
- ``outlook.net`` for ``outlook.com`` (names of six letters or more, from ``.net`` or ``.org`` to
  ``.com``, never the other way: ``verizon.com`` is not ``verizon.net``); ``comcast.nry`` for ``comcast.net`` (two slips in a top-level domain that does not exist,
  towards a known domain only);
- a dot in the wrong place (``gmailc.om``), a stray label after a known domain (``gmail.com.co``),
  a missing ``com.`` (``hotmail.mx`` for ``hotmail.com.mx``), a mistyped ``com`` before a country
  code (``hotmail.con.mx``), and ``.co``, ``.cm``, ``.om`` or ``.ne`` where the provider has ``.com``
  or ``.net`` (``hotmail.co``);
- a name whose provider uses it under no other suffix (``gmail``, ``icloud``: the ``brand`` column)
  is a typo under any suffix it does not have (``gmail.es``);
- a top-level domain that does not exist (``.con``, ``.cmo``, ``.c0m``) is corrected to the nearest
  common one, and a tie is broken only in favour of ``.com``, ``.net`` and ``.org``;
- candidates of one provider at the same distance resolve to the one listed first in the data file
  (its main domain); a tie between two providers gives no suggestion.

Where those rules find nothing, or a tie between providers, the keyboard layer looks again
(``DomainKnowledge(keyboard=False)`` turns it off). Counting edits treats ``fmail`` and ``zmail``
alike; a hand does not. ``keyboard.slip_cost`` weighs each edit by how easily a finger makes it on
a QWERTY keyboard: a neighbouring key, two letters swapped, a letter doubled or a neighbour brushed
cost half an edit, a dropped letter three quarters, any other change a whole one. And a slip on a
big provider is likelier than a real domain next to it: the ``popularity`` column (0 to 3, for
the Spanish- and Ukrainian-speaking lists of our users) sets how many slips a known domain may be
away (``keyboard_limit``: one slip on a name of up to seven letters at the top, two on longer ones,
a quarter edit less per level below). So ``mil.ru`` is ``mail.ru``, ``kur.net`` and ``umr.net`` are
``ukr.net``, ``fmail.com`` is ``gmail.com``, while ``hive.com`` (a far key from ``live.com``) and
``gmc.com`` (a near key from ``gmx.com``, a smaller provider) are left alone. The winner must beat
every other provider's domain by half an edit, a level of popularity counting a quarter:
``tmail.com`` is one slip from ``gmail.com`` and from ``ymail.com``, and goes to Gmail, two levels
more popular; a tie gives nothing. Its limits:

- it compares names under the typed suffix only, when that suffix is real: ``yahoo.dk`` may be a
  country domain we do not list, ``vodafone.de`` is not ``vodafone.es``. The one exception is a
  name at the top that its provider uses under one suffix alone: ``ukr.bet`` is ``ukr.net``;
- the list of known domains is its only protection: a real mail domain missing from
  ``data/mail_domains.csv`` a slip from a big provider is flagged, and so are real domains without
  mailboxes for our users (``mil.ru``, ``mai.ru``, ``life.com``, ``uk.net``): that is the price of
  catching the typos around them;
- the layout is QWERTY only (Spanish keyboards are QWERTY; Ukrainian users type addresses on the
  Latin layout), and the popularity levels are our estimates, not measured shares.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rapidfuzz import process
from rapidfuzz.distance import OSA

from listcheck.checks.keyboard import NEAR_KEY, slip_cost
from listcheck.checks.tlds import public_suffix, tld_exists

# Where mail for our users' lists lives; ".com", ".net" and ".org" first, which alone break ties.
GENERIC_TLDS = ("com", "net", "org")
COMMON_TLDS = (
    "es", "mx", "ar", "co", "cl", "pe", "ve", "ec", "uy", "py", "bo", "cr", "gt", "hn", "ni", "pa", "sv", "do",
    "cu", "br", "pt", "ru", "ua", "by", "kz", "de", "fr", "it", "uk", "eu", "us", "ca", "ch", "nl", "be", "at",
    "ie", "edu", "gov", "info", "biz", "io", "me",
)
# Second-level suffixes people type after "co." or "com.": example.co.ul is a mistyped .co.uk.
COMMON_SECOND_LEVEL = (
    "co.uk", "com.mx", "com.ar", "com.br", "com.co", "com.pe", "com.ve", "com.ec", "com.uy", "com.py", "com.bo",
    "com.au", "co.jp", "com.ua", "gob.mx", "gob.es", "gob.ar", "org.mx", "edu.mx",
)
_MAX_DISTANCE = 2


@dataclass(frozen=True)
class MailDomain:
    """A domain known to carry personal mailboxes."""

    domain: str
    provider: str
    brand: bool = False  # the provider uses this name under no other suffix
    popularity: int = 0  # 0 (rare for our users) to 3 (TOP_POPULARITY: gmail.com, ukr.net); see data/SOURCES.md


def load_mail_domains() -> list[MailDomain]:
    """The provider domains shipped with listcheck (``data/mail_domains.csv``; see ``data/SOURCES.md``)."""
    text = resources.files("listcheck").joinpath("data", "mail_domains.csv").read_text("utf-8")
    return [MailDomain(row["domain"], row["provider"], row["brand"] == "yes", int(row["popularity"]))
            for row in csv.DictReader(text.splitlines())]


def split_domain(domain: str) -> tuple[str, str]:
    """``(name, suffix)``: the label before the public suffix, and the suffix.

    >>> split_domain("gmail.com"), split_domain("mail.yahoo.com.mx"), split_domain("empresa.con")
    (('gmail', 'com'), ('yahoo', 'com.mx'), ('empresa', 'con'))
    """
    name, suffix, _ = _split(domain)
    return name, suffix


@lru_cache(maxsize=256)  # the rules ask for one domain's parts several times in a row
def _split(domain: str) -> tuple[str, str, bool]:
    """``split_domain``, and whether the suffix is a real one."""
    real = public_suffix(domain)
    suffix = real or domain.rpartition(".")[2]
    head = domain[: -len(suffix) - 1] if domain != suffix else ""
    return head.rpartition(".")[2], suffix, real is not None


def allowed_distance(name: str) -> int:
    """Edits allowed between a typed name and this known one (the label before the suffix).

    >>> [allowed_distance(n) for n in ("i", "live", "gmail", "hotmail", "googlemail")]
    [0, 0, 1, 1, 2]
    """
    return 0 if len(name) <= 4 else 1 if len(name) <= 7 else 2


# The keyboard layer, in the units of keyboard.slip_cost (a likely slip costs 0.5, another edit 1).
TOP_POPULARITY = 3
_POPULARITY_STEP = 0.25  # a level of popularity (about ten times the share) is worth half a slip
_MARGIN = 0.5  # the winner must beat every other provider by a slip, or by two levels of popularity
# A domain the user names (--known-domains) is often a company's or a school's, with short real
# neighbours (uam.es and uma.es, ugr.es and ugt.es): one slip on long names only, like a small provider.
_USER_POPULARITY = 1


def keyboard_limit(name: str, popularity: int) -> float:
    """The slips a typed domain may be from a known one, by the length of its name and its popularity.

    A provider at the top takes one slip on a name of one or two letters (``j.ua`` for ``i.ua``), a
    slip or a dropped letter on three to seven (``kur.net``, ``mil.ru``), two slips on eight or more:
    names of the "-mail" family are too dense for two (``bitmail``, ``joymail`` and ``bootmail`` are
    real, two slips from ``hotmail``). Each level of popularity below takes a quarter edit less, so
    that a short name of a smaller provider takes nothing: ``bk.ru`` is a key from ``vk.ru``, ``gmx.com``
    from ``gmc.com``.

    >>> [keyboard_limit(name, 3) for name in ("i", "ukr", "mail", "hotmail", "googlemail")]
    [0.5, 0.75, 0.75, 0.75, 1.0]
    >>> [keyboard_limit("gmail", popularity) for popularity in (3, 2, 1, 0)], keyboard_limit("bk", 2)
    ([0.75, 0.5, 0.25, 0.0], 0.25)
    """
    base = 0.5 if len(name) <= 2 else 0.75 if len(name) <= 7 else 1.0
    return max(0.0, base - _POPULARITY_STEP * (TOP_POPULARITY - popularity))


# Real top-level domains one key from ".com" or ".net": where the provider has .com, .co is a slip.
_NEAR_GENERIC = {"co": "com", "cm": "com", "om": "com", "ne": "net"}
_SECOND_LEVEL = ("com", "co", "org", "net", "gob", "edu")


_ANSWERS_KEPT = 200_000  # domains whose suggestion is remembered


class DomainKnowledge:
    """The mail domains listcheck knows, and the corrections of misspelled ones.

    Each distinct domain is judged once; ``suggest`` remembers its answers. ``keyboard=False`` leaves
    out the keyboard layer (see the module's docstring), as the typo benchmark does to compare.

    >>> knowledge = DomainKnowledge()
    >>> knowledge.suggest("gmial.com"), knowledge.suggest("hotmail.con"), knowledge.suggest("mail.com")
    ('gmail.com', 'hotmail.com', None)
    >>> knowledge.suggest("kur.net"), DomainKnowledge(keyboard=False).suggest("kur.net")
    ('ukr.net', None)
    """

    def __init__(self, domains: Iterable[MailDomain] | None = None, *, known_domains: Iterable[str] = (),
                 keyboard: bool = True) -> None:
        entries = list(load_mail_domains() if domains is None else domains)
        listed = {entry.domain for entry in entries}
        # A user's own domain is its own provider: it competes with everything else.
        entries += [MailDomain(d, provider=d, popularity=_USER_POPULARITY) for d in known_domains if d not in listed]
        self._provider = {entry.domain: entry.provider for entry in entries}
        self._rank = {domain: rank for rank, domain in enumerate(self._provider)}  # file order: main domains first
        self._names_by_suffix: dict[str, list[str]] = {}
        self._dotless: dict[str, list[str]] = {}
        self._slips: dict[tuple[str, str], list[str]] = {}
        self._brand_domains: dict[str, list[str]] = {}
        for entry in entries:
            name, suffix = split_domain(entry.domain)
            self._names_by_suffix.setdefault(suffix, []).append(name)
            self._dotless.setdefault(entry.domain.replace(".", ""), []).append(entry.domain)
            if len(name) >= 5:
                for slipped in slips(name):
                    self._slips.setdefault((slipped, suffix), []).append(entry.domain)
            if entry.brand:
                self._brand_domains.setdefault(name, []).append(entry.domain)
        self._keyboard = keyboard
        self._build_keyboard_layer(entries)
        self._answers: dict[str, str | None] = {}

    def _build_keyboard_layer(self, entries: list[MailDomain]) -> None:
        self._popularity = {entry.domain: entry.popularity for entry in entries}
        self._limit = {entry.domain: keyboard_limit(split_domain(entry.domain)[0], entry.popularity)
                       for entry in entries}
        suffixes: dict[str, set[str]] = {}
        for entry in entries:
            name, suffix = split_domain(entry.domain)
            suffixes.setdefault(name, set()).add(suffix)
        # Targets: the domains a slip at least may reach, by suffix; and by name, those whose top-level
        # domain may take a slip to another real one (ukr.bet): a name at the top, under one suffix only.
        self._targets_by_suffix: dict[str, list[str]] = {}
        self._tld_slip_targets: dict[str, str] = {}
        for domain, limit in self._limit.items():
            name, suffix = split_domain(domain)
            if limit >= NEAR_KEY:
                self._targets_by_suffix.setdefault(suffix, []).append(domain)
            if len(suffixes[name]) == 1 and self._popularity[domain] == TOP_POPULARITY:
                self._tld_slip_targets[name] = domain
        self._targets = [domain for targets in self._targets_by_suffix.values() for domain in targets]
        self._domains = tuple(self._provider)

    def is_known(self, domain: str) -> bool:
        """Whether the domain, or a parent of it, is a known mail domain."""
        labels = domain.split(".")
        return any(".".join(labels[i:]) in self._provider for i in range(len(labels) - 1))

    def provider(self, domain: str) -> str | None:
        """The provider of a known domain."""
        return self._provider.get(domain)

    def dotless(self, domain: str) -> Sequence[str]:
        """The known domains that are ``domain`` once their dots are taken out (``gmailcom``: gmail.com)."""
        return self._dotless.get(domain.replace(".", ""), ())

    def known_domains(self) -> tuple[str, ...]:
        """Every known domain, each provider's main domain before its others (the data file's order)."""
        return self._domains

    def suggest(self, domain: str) -> str | None:
        """The domain this one is a misspelling of, or None. Takes the ASCII (IDNA) form, lower-case."""
        if domain not in self._answers:
            if len(self._answers) >= _ANSWERS_KEPT:  # a list of millions of domains must not fill memory
                self._answers.clear()
            self._answers[domain] = None if self.is_known(domain) else self._suggest(domain)
        return self._answers[domain]

    def _suggest(self, domain: str) -> str | None:
        costs: dict[str, int] = {}

        def offer(target: str, cost: int) -> None:
            costs[target] = min(cost, costs.get(target, cost))

        real_tld = tld_exists(domain)
        head, _, last = domain.rpartition(".")
        if head in self._provider and public_suffix(domain) != f"{split_domain(head)[1]}.{last}":
            # A stray label after a known domain (gmail.com.com), counted as two edits: yahoo.com.mxg is
            # rather a mistyped .mx, one edit. A real country suffix (yahoo.com.co, yahoo.com.tr) may be
            # a variant we do not know: left alone.
            offer(head, 2)
        for known in self.dotless(domain):
            offer(known, 1)  # a dot in the wrong place: gmailc.om
        labels = domain.split(".")
        if len(labels) >= 3:  # hotmail.con.mx
            for second in _SECOND_LEVEL:
                fixed = ".".join([*labels[:-2], second, labels[-1]])
                if fixed in self._provider and OSA.distance(labels[-2], second) == 1:
                    offer(fixed, 1)
        self._offer_near(domain, 0, offer)
        tld_fixes = [] if real_tld else nearest_common_tld(domain)
        for fixed in tld_fixes:
            if fixed in self._provider:
                offer(fixed, 1)
            else:
                self._offer_near(fixed, 1, offer)
        if not real_tld:  # two slips in .com/.net/.org are fine when they lead to a known domain: comcast.nry
            for generic in GENERIC_TLDS:
                if f"{head}.{generic}" in self._provider and OSA.distance(last, generic) == 2:
                    offer(f"{head}.{generic}", 2)
        picked = self._pick(costs) if costs else None
        if picked is None and self._keyboard:  # nothing found, or a tie between providers
            picked = self._keyboard_suggestion(domain)
        if picked is not None or costs:
            return picked
        # An unknown company domain with a top-level domain that does not exist: empresa.con.
        return tld_fixes[0] if len(tld_fixes) == 1 else None

    def _keyboard_suggestion(self, domain: str) -> str | None:
        """The known domain a few keystroke slips away, when it is clearly the likeliest."""
        name, suffix, real_suffix = _split(domain)
        if domain != f"{name}.{suffix}":
            return None  # a subdomain of an unknown domain: nothing to compare
        # Under a real suffix, only the names under that suffix: yahoo.dk may be a Yahoo country domain
        # we do not list, vodafone.de is not vodafone.es. A suffix that does not exist may be a slip.
        if real_suffix:
            targets = self._targets_by_suffix.get(suffix, [])
            if name in self._tld_slip_targets:
                targets = [*targets, self._tld_slip_targets[name]]
        else:
            targets = self._targets
        # Every slip costs half an edit or more, so no limit (1 at most) reaches past two edits.
        scored = []
        for target, _, _ in process.extract(domain, targets, scorer=OSA.distance, score_cutoff=2, limit=None):
            limit = self._limit[target]
            cost = slip_cost(target, domain, limit=limit)
            if cost <= limit:
                scored.append((cost - _POPULARITY_STEP * self._popularity[target], self._rank[target], target))
        if not scored:
            return None
        score, _, best = min(scored)
        # Any other provider's domain, reachable or not under its own limit, that comes near the winner
        # makes it a guess (tmail.com: gmail.com wins over ymail.com by popularity alone). The winner
        # scores a quarter at most, so a rival three edits away (1.5) never comes within the margin.
        for other, _, _ in process.extract(domain, self._domains, scorer=OSA.distance, score_cutoff=2, limit=None):
            if self._provider[other] != self._provider[best]:
                bonus = _POPULARITY_STEP * self._popularity[other]
                if slip_cost(other, domain, limit=score + _MARGIN + bonus) - bonus < score + _MARGIN:
                    return None
        return best

    def _offer_near(self, domain: str, base_cost: int, offer: Callable[[str, int], None]) -> None:
        name, suffix = split_domain(domain)
        if domain != f"{name}.{suffix}":
            return  # a subdomain of an unknown domain: nothing to compare
        for known_name, distance, _ in process.extract(
            name, self._names_by_suffix.get(suffix, []), scorer=OSA.distance, score_cutoff=_MAX_DISTANCE, limit=None
        ):
            if distance <= allowed_distance(known_name):
                offer(f"{known_name}.{suffix}", base_cost + int(distance))
        for known in self._slips.get((name, suffix), []):
            offer(known, base_cost + 2)
        if suffix in _NEAR_GENERIC and f"{name}.{_NEAR_GENERIC[suffix]}" in self._provider:
            offer(f"{name}.{_NEAR_GENERIC[suffix]}", base_cost + 1)
        if suffix in ("net", "org") and len(name) >= 6 and f"{name}.com" in self._provider:
            # outlook.net for outlook.com. Not the other way: ISPs keep mail on .net and the company on
            # .com (verizon.com, telefonica.com); and short names (mail, email) are anyone's under .net.
            offer(f"{name}.com", base_cost + 1)
        for second in ("com", "co"):  # hotmail.mx for hotmail.com.mx
            if f"{name}.{second}.{suffix}" in self._provider:
                offer(f"{name}.{second}.{suffix}", base_cost + 1)
        if name in self._brand_domains:
            # A name used under no other suffix: the variant one edit away, else its main domain.
            variants = self._brand_domains[name]
            near = [v for v in variants if OSA.distance(split_domain(v)[1], suffix) <= 1]
            for variant in near or variants[:1]:
                offer(variant, base_cost + 1)

    def _pick(self, costs: dict[str, int]) -> str | None:
        best = min(costs.values())
        tied = sorted(target for target, cost in costs.items() if cost == best)
        if len({self._provider[target] for target in tied}) > 1:
            return None
        return min(tied, key=self._rank.__getitem__)


def slips(name: str) -> set[str]:
    """What fast typing makes of a name in one or two slips: a letter dropped, two neighbours swapped.

    >>> sorted(slips("abc"))
    ['a', 'ab', 'abc', 'ac', 'acb', 'b', 'ba', 'bac', 'bc', 'bca', 'c', 'ca', 'cab', 'cb']
    """
    found = {name}
    for _ in range(2):
        found |= {variant for word in found for variant in _one_slip(word)}
    return found


def _one_slip(word: str) -> Iterator[str]:
    for i in range(len(word)):
        yield word[:i] + word[i + 1:]
        if i + 1 < len(word):
            yield word[:i] + word[i + 1] + word[i] + word[i + 2:]


def nearest_common_tld(domain: str) -> list[str]:
    """The domain with its mistyped suffix replaced by the nearest common one (one edit at most).

    A mistyped ``.co.uk`` or ``.com.mx`` is tried first, then ``.com``, ``.net`` and ``.org``, which win
    any tie, then the other common top-level domains. Several come back when several are equally near.

    >>> nearest_common_tld("empresa.con"), nearest_common_tld("empresa.co.ul"), nearest_common_tld("a.zzzz")
    (['empresa.com'], ['empresa.co.uk'], [])
    >>> nearest_common_tld("empresa.ry")  # .uy, .py, .ru and .by: a guess, so the caller suggests nothing
    ['empresa.uy', 'empresa.py', 'empresa.ru', 'empresa.by']
    """
    labels = domain.split(".")
    if len(labels) < 2:
        return []
    stages: list[tuple[str, str, tuple[str, ...]]] = []
    if len(labels) >= 3:
        stages.append((".".join(labels[:-2]), ".".join(labels[-2:]), COMMON_SECOND_LEVEL))
    head, tld = ".".join(labels[:-1]), labels[-1]
    stages += [(head, tld, GENERIC_TLDS), (head, tld, COMMON_TLDS)]
    for stem, typed, candidates in stages:
        near = [candidate for candidate in candidates if OSA.distance(typed, candidate) <= 1]
        if near:
            return [f"{stem}.{candidate}" for candidate in near]
    return []


_default: DomainKnowledge | None = None


def default_knowledge() -> DomainKnowledge:
    """The shipped knowledge, loaded once."""
    global _default
    if _default is None:
        _default = DomainKnowledge()
    return _default
