"""A realistic contact list with keyboard typos, generated (seeded, deterministic), and how listcheck
judges it. Called by ``typo_evaluation.py``; runs alone too:

    python benchmarks/realistic_typos.py [--rows 12000] [--seed 18] [--verbose]

Two audiences, as our users' lists have them: Spanish-speaking (Spain, Mexico, Argentina, Colombia,
Chile, Peru) and Ukrainian-speaking (with the Russian-language addresses such lists still carry).
Each list holds:

- clean rows at the providers, drawn by provider share. The shares are our estimates for these
  audiences (from the mix of domains seen in such lists, not from a published survey): Gmail leads
  both, Hotmail/Outlook is strong in Spanish-speaking countries, ukr.net and i.ua in Ukraine;
- clean rows at company and school domains made from Spanish and Ukrainian (transliterated) words,
  and at real university domains, never filtered by their distance to a provider;
- clean rows at the real domains a loose corrector flags (``TRAPS``: mail.com, ymail.com, i.ua,
  yahoo.fr, hotmail.co.uk...);
- typo rows: a provider domain drawn by share, mistyped by one keyboard slip of a kind drawn evenly
  (``KINDS``). A slip that makes another known domain (gmail -> ymail) cannot be told from a real
  address: such rows are counted apart and left out of recall. A slip that leaves no domain at all
  (no dot left, ``ana@gmailcom``; a digit in the top-level domain, ``ana@ukr.ne6``) is a syntax error
  the address checks reject before any typo rule: counted apart too, with how many of them still
  get the intended address as suggestion.

Every address goes through ``check_address``: a typo row is caught when the verdict's suggestion is
the intended address; a clean row is flagged when its verdict is not valid or carries a suggestion.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from listcheck import Status, check_address
from listcheck.checks.keyboard import neighbours
from listcheck.checks.typos import DomainKnowledge, split_domain

# Estimated shares (percent) of personal addresses by provider domain, per audience.
SHARES = {
    "Spanish-speaking": {
        "gmail.com": 42, "hotmail.com": 20, "hotmail.es": 6, "outlook.com": 5, "outlook.es": 3, "yahoo.com": 3,
        "icloud.com": 3, "yahoo.es": 2, "live.com": 2, "hotmail.com.ar": 1.5, "yahoo.com.mx": 1.5,
        "yahoo.com.ar": 1.2, "telefonica.net": 0.8, "live.com.mx": 0.7, "hotmail.com.mx": 0.5,
        "prodigy.net.mx": 0.5, "msn.com": 0.4, "movistar.es": 0.4, "live.com.ar": 0.4, "me.com": 0.3,
        "fibertel.com.ar": 0.3, "yahoo.com.co": 0.3, "hotmail.cl": 0.3, "arnet.com.ar": 0.2, "live.cl": 0.2,
        "outlook.com.ar": 0.2, "ymail.com": 0.2, "ono.com": 0.2, "gmx.es": 0.1, "protonmail.com": 0.1,
        "yahoo.cl": 0.1, "hotmail.com.pe": 0.1,
    },
    "Ukrainian-speaking": {
        "gmail.com": 45, "ukr.net": 20, "i.ua": 4, "mail.ru": 4, "yandex.ru": 3, "icloud.com": 2.5,
        "yandex.ua": 2, "outlook.com": 2, "hotmail.com": 2, "meta.ua": 1.5, "ua.fm": 1, "yahoo.com": 1,
        "bigmir.net": 0.8, "rambler.ru": 0.7, "email.ua": 0.5, "inbox.ru": 0.5, "list.ru": 0.4, "bk.ru": 0.4,
        "ya.ru": 0.4, "live.com": 0.4, "yandex.com": 0.3, "tut.by": 0.2, "mail.ua": 0.2, "protonmail.com": 0.2,
    },
}

# Real mail domains one or two edits from a bigger one: a corrector must leave every one alone.
TRAPS = (
    "mail.com", "email.com", "ymail.com", "me.com", "mac.com", "i.ua", "ya.ru", "bk.ru", "list.ru", "inbox.ru",
    "gmx.com", "gmx.es", "gmx.de", "gmx.net", "live.be", "live.fr", "live.it", "live.es", "love.com", "aol.com",
    "yahoo.fr", "yahoo.de", "yahoo.it", "yahoo.co.uk", "yahoo.com.co", "yahoo.cl", "yahoo.com.pe", "yahoo.dk",
    "yahoo.pl", "outlook.fr", "outlook.de", "outlook.it", "outlook.pt", "hotmail.fr", "hotmail.it", "hotmail.de",
    "hotmail.be", "hotmail.co.uk", "hotmail.com.br", "yandex.ua", "yandex.by", "yandex.kz", "mail.ua", "email.ua",
    "ua.fm", "rambler.ua", "ro.ru", "meta.ua", "ukr.net", "mail.ru",
)

# Real domains that are no mail provider but sit a slip from one: the Russian Ministry of Defence and the
# Moscow Aviation Institute (mil.ru, mai.ru), LIFE magazine, CentralNic's uk.net zone, VK,
# Odnoklassniki, Meta, GMC, Cloud Software Group, Nokia Siemens Networks. Not rows of the lists (their
# users are rare in ours): printed for information, since a suggestion for one is the price of recall.
NEAR_PROVIDERS = ("mil.ru", "mai.ru", "life.com", "uk.net", "vk.ru", "ok.ru", "meta.com", "gmc.com", "cloud.com",
                  "nsn.com")

SPANISH_WORDS = (
    "ferreteria", "panaderia", "clinica", "dental", "abogados", "asesoria", "construcciones", "talleres",
    "distribuciones", "inmobiliaria", "grupo", "consultores", "transportes", "farmacia", "hotel", "bodega",
    "viveros", "seguros", "ingenieria", "muebles", "pinturas", "ceramica", "agricola", "lacteos", "imprenta",
    "optica", "veterinaria", "gestoria", "academia", "escuela", "fundacion", "mutua", "cooperativa", "aceites",
    "vinos", "carnes", "frutas", "autos", "motos", "viajes", "eventos", "flores", "joyeria", "libreria",
)
SPANISH_NAMES = (
    "lopez", "garcia", "martinez", "sanchez", "perez", "gomez", "fernandez", "rodriguez", "diaz", "torres",
    "ramirez", "flores", "vargas", "castillo", "morales", "ortiz", "jimenez", "ruiz", "navarro", "herrera",
    "sur", "norte", "levante", "andalucia", "castilla", "galicia", "aragon", "jalisco", "monterrey", "cordoba",
    "rosario", "medellin", "bogota", "valparaiso", "cusco", "la-mancha", "del-valle", "san-miguel", "central",
)
SPANISH_SUFFIXES = ("es", "es", "es", "com", "com", "com.mx", "mx", "com.ar", "com.co", "cl", "com.pe", "net", "org")
SPANISH_SCHOOLS = (
    "ucm.es", "ugr.es", "upm.es", "uv.es", "us.es", "um.es", "uam.es", "unizar.es", "usal.es", "uniovi.es",
    "unam.mx", "ipn.mx", "tec.mx", "udg.mx", "uanl.mx", "uba.ar", "unlp.edu.ar", "unal.edu.co", "udea.edu.co",
    "uc.cl", "uchile.cl", "pucp.edu.pe", "unmsm.edu.pe", "educa.madrid.org", "edu.xunta.gal", "gob.mx",
)
UKRAINIAN_WORDS = (
    "agro", "tech", "bud", "stroy", "servis", "trans", "logistyka", "mebli", "avto", "derevo", "metal", "farm",
    "med", "teplo", "energo", "svit", "zoloto", "kraina", "prom", "invest", "torg", "khlib", "moloko", "sad",
    "dim", "kvity", "rybka", "budmaster", "pekarnia", "apteka", "likar", "osvita", "turyzm", "zemlia", "polia",
)
UKRAINIAN_NAMES = (
    "dnipro", "lviv", "kyiv", "kharkiv", "odesa", "poltava", "podillia", "polissia", "karpaty", "sonyachne",
    "zelenyi", "dobrobut", "garant", "resurs", "kovalenko", "shevchenko", "bondarenko", "tkachenko", "melnyk",
    "kravets", "oliinyk", "plus", "group", "ukr", "service",
)
UKRAINIAN_SUFFIXES = ("com.ua", "com.ua", "ua", "net.ua", "org.ua", "kiev.ua", "in.ua", "com", "net", "biz")
UKRAINIAN_SCHOOLS = (
    "knu.ua", "kpi.ua", "lnu.edu.ua", "nau.edu.ua", "ukma.edu.ua", "univ.kiev.ua", "chnu.edu.ua", "karazin.ua",
    "onu.edu.ua", "lpnu.ua", "kneu.edu.ua", "nure.ua", "khpi.edu.ua", "znu.edu.ua", "pnu.edu.ua",
)
FIRST_NAMES = {
    "Spanish-speaking": ("ana", "luis", "maria", "carlos", "lucia", "javier", "sofia", "diego", "carmen", "pablo",
                         "valentina", "mateo", "elena", "andres", "paula", "jorge", "rocio", "alejandro"),
    "Ukrainian-speaking": ("olena", "andrii", "iryna", "oleksandr", "natalia", "dmytro", "tetiana", "serhii",
                           "oksana", "volodymyr", "yulia", "mykola", "kateryna", "taras", "svitlana", "bohdan"),
}


@dataclass(frozen=True)
class Row:
    """One generated row: the address, what it is, and the provider domain it stands for if a typo."""

    address: str
    group: str  # "provider", "company", "school", "trap", or "typo"
    kind: str = ""  # the slip, for typo rows
    intended: str = ""


def _letters(text: str) -> list[int]:
    return [i for i, char in enumerate(text) if char.isalnum()]


def _near(rng: random.Random, char: str) -> str | None:
    # Keys a domain can hold: a slip onto ";" or "," makes an address the syntax check rejects.
    options = sorted(key for key in neighbours(char) if key.isalnum() or key == "-")
    return rng.choice(options) if options else None


def _slip_in(rng: random.Random, word: str, slip: str) -> str | None:
    """One slip of a kind inside a word (a name, or a top-level domain)."""
    positions = _letters(word)
    i = rng.choice(positions)
    if slip == "neighbour substitution":
        key = _near(rng, word[i])
        return None if key is None else word[:i] + key + word[i + 1:]
    if slip == "adjacent swap":
        if i + 1 >= len(word) or word[i] == word[i + 1]:
            return None
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if slip == "dropped letter":
        return word[:i] + word[i + 1:] if len(word) > 1 else None
    if slip == "doubled letter":
        return word[:i] + word[i] + word[i:]
    if slip == "inserted neighbour":
        key = _near(rng, word[i])
        if key is None:
            return None
        return word[:i] + key + word[i:] if rng.random() < 0.5 else word[:i + 1] + key + word[i + 1:]
    raise ValueError(slip)


NAME_SLIPS = ("neighbour substitution", "adjacent swap", "dropped letter", "doubled letter", "inserted neighbour")


def _tld_slip(rng: random.Random, domain: str) -> str | None:
    suffix = split_domain(domain)[1]
    labels = suffix.split(".")
    index = rng.randrange(len(labels))
    slipped = _slip_in(rng, labels[index], rng.choice(NAME_SLIPS))
    if not slipped:
        return None
    labels[index] = slipped
    return f"{domain[: -len(suffix)]}{'.'.join(labels)}"


def _dot_slip(rng: random.Random, domain: str) -> str | None:
    dots = [i for i, char in enumerate(domain) if char == "."]
    i = rng.choice(dots)
    if rng.random() < 0.5:
        return domain[:i] + domain[i + 1:]  # dot missing
    step = rng.choice((-1, 1))  # dot typed a key early or late: gmai.lcom, gmailc.om
    j = i + step
    if j <= 0 or j >= len(domain) - 1 or domain[j] == ".":
        return None
    chars = list(domain)
    chars[i], chars[j] = chars[j], chars[i]
    moved = "".join(chars)
    return None if ".." in moved or moved.startswith(".") or moved.endswith(".") else moved


def _name_slip(slip: str) -> Callable[[random.Random, str], str | None]:
    def apply(rng: random.Random, domain: str) -> str | None:
        name, suffix = split_domain(domain)
        head = domain[: -len(suffix) - 1 - len(name)]
        slipped = _slip_in(rng, name, slip)
        return f"{head}{slipped}.{suffix}" if slipped else None
    return apply


KINDS: dict[str, Callable[[random.Random, str], str | None]] = {
    **{slip: _name_slip(slip) for slip in NAME_SLIPS},
    "slip in the TLD": _tld_slip,
    "dot missing or moved": _dot_slip,
}


def _local_part(rng: random.Random, audience: str) -> str:
    first = rng.choice(FIRST_NAMES[audience])
    last = rng.choice(SPANISH_NAMES[:20] if audience == "Spanish-speaking" else UKRAINIAN_NAMES[10:21])
    return rng.choice((f"{first}.{last}", f"{first}{last}", f"{first}_{last}", f"{first}{rng.randint(1, 99)}",
                       f"{first}.{last}{rng.randint(60, 99)}", f"{first[0]}{last}"))


def _company(rng: random.Random, audience: str) -> str:
    if audience == "Spanish-speaking":
        words, names, suffixes = SPANISH_WORDS, SPANISH_NAMES, SPANISH_SUFFIXES
    else:
        words, names, suffixes = UKRAINIAN_WORDS, UKRAINIAN_NAMES, UKRAINIAN_SUFFIXES
    word, other = rng.choice(words), rng.choice(names + words)
    name = rng.choice((f"{word}-{other}", f"{word}{other}", f"{other}{word}", word, f"{word}-{other}-{rng.choice(names)}"))
    return f"{name}.{rng.choice(suffixes)}"


def _school(rng: random.Random, audience: str) -> str:
    schools = SPANISH_SCHOOLS if audience == "Spanish-speaking" else UKRAINIAN_SCHOOLS
    domain = rng.choice(schools)
    prefix = rng.choice(("", "", "alumnos.", "correo.", "estudiantes.") if audience == "Spanish-speaking"
                        else ("", "", "student.", "mail."))
    return prefix + domain


def generate(audience: str, rows: int, seed: int) -> list[Row]:
    """``rows`` rows for one audience: 45% at providers, 15% companies, 5% schools, 5% traps, 30% typos."""
    rng = random.Random(f"{seed}-{audience}")
    shares = SHARES[audience]
    providers, weights = list(shares), list(shares.values())
    made: list[Row] = []
    for _ in range(rows):
        roll, local = rng.random(), _local_part(rng, audience)
        if roll < 0.45:
            made.append(Row(f"{local}@{rng.choices(providers, weights)[0]}", "provider"))
        elif roll < 0.60:
            made.append(Row(f"{local}@{_company(rng, audience)}", "company"))
        elif roll < 0.65:
            made.append(Row(f"{local}@{_school(rng, audience)}", "school"))
        elif roll < 0.70:
            made.append(Row(f"{local}@{rng.choice(TRAPS)}", "trap"))
        else:
            made.append(_typo_row(rng, local, rng.choices(providers, weights)[0]))
    return made


def _typo_row(rng: random.Random, local: str, intended: str) -> Row:
    while True:  # a slip the domain cannot take (no swap in the "i" of i.ua) draws another kind
        kind = rng.choice(list(KINDS))
        for _ in range(50):
            typed = KINDS[kind](rng, intended)
            if typed and typed != intended and all(label.strip("-") == label for label in typed.split(".")):
                return Row(f"{local}@{typed}", "typo", kind, intended)


@dataclass
class Tally:
    """What one model made of one generated list."""

    caught: Counter[str] = field(default_factory=Counter)  # typo rows by kind
    typos: Counter[str] = field(default_factory=Counter)
    known: int = 0  # typo rows that are a known domain
    not_domain: int = 0  # typo rows whose domain is no domain (no dot left, a digit in the TLD)
    not_domain_caught: int = 0
    clean: Counter[str] = field(default_factory=Counter)
    flagged: Counter[str] = field(default_factory=Counter)
    misses: dict[str, list[str]] = field(default_factory=dict)
    false_flags: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return sum(self.caught.values()) / max(sum(self.typos.values()), 1)


def judge(rows: list[Row], knowledge: DomainKnowledge) -> Tally:
    """Every row through ``check_address`` with this knowledge."""
    tally = Tally()
    for row in rows:
        verdict = check_address(row.address, knowledge=knowledge)
        local, _, domain = row.address.rpartition("@")
        if row.group != "typo":
            tally.clean[row.group] += 1
            if verdict.status is not Status.VALID or verdict.suggestion:
                tally.flagged[row.group] += 1
                tally.false_flags.append(f"{row.group}: {domain} -> {verdict.reason} {verdict.suggestion}")
            continue
        hit = verdict.suggestion == f"{local}@{row.intended}"
        if knowledge.is_known(domain):
            tally.known += 1
        elif "." not in domain or not domain.rpartition(".")[2].isalpha():
            tally.not_domain += 1
            tally.not_domain_caught += hit
        else:
            tally.typos[row.kind] += 1
            tally.caught[row.kind] += hit
            if not hit:
                got = verdict.suggestion.rpartition("@")[2] or verdict.reason or "valid"
                tally.misses.setdefault(row.kind, []).append(f"{domain} -> {got} (meant {row.intended})")
    return tally


def report(tallies: dict[str, Tally], *, verbose: bool) -> list[str]:
    """The lines to print for each model's tally of one list."""
    lines = []
    for model, tally in tallies.items():
        typos, caught = sum(tally.typos.values()), sum(tally.caught.values())
        clean, flagged = sum(tally.clean.values()), sum(tally.flagged.values())
        lines.append(f"  {model}: recall {caught}/{typos} = {tally.recall:.3f} (target >= 0.95); "
                     f"clean rows flagged {flagged}/{clean} (target 0)")
        lines.append("    by kind: " + ", ".join(f"{kind} {tally.caught[kind]}/{tally.typos[kind]}" for kind in KINDS))
        if verbose:
            for kind, missed in tally.misses.items():
                examples = sorted(set(missed))
                lines.append(f"    missed, {kind} ({len(missed)}): " + "; ".join(examples[:6]))
            lines += [f"    FLAGGED {line}" for line in sorted(set(tally.false_flags))[:20]]
        elif tally.false_flags:
            lines += [f"    FLAGGED {line}" for line in sorted(set(tally.false_flags))[:5]]
    return lines


def run(rows: int, seed: int, *, verbose: bool) -> list[str]:
    """Generate both audiences' lists and judge them with the current rules and the keyboard model."""
    models = {"current rules (keyboard off)": DomainKnowledge(keyboard=False), "keyboard model": DomainKnowledge()}
    lines = []
    totals: dict[str, Tally] = {model: Tally() for model in models}
    for audience in SHARES:
        made = generate(audience, rows, seed)
        tallies = {model: judge(made, knowledge) for model, knowledge in models.items()}
        groups = Counter(row.group for row in made)
        any_tally = next(iter(tallies.values()))
        lines.append(f"{audience} list (seed {seed}): {len(made)} rows: " + ", ".join(
            f"{group} {count}" for group, count in sorted(groups.items())))
        lines.append(f"  typo rows left out of recall: a known domain {any_tally.known}; no domain (no dot left, "
                     f"a digit in the TLD) {any_tally.not_domain}, of which given the intended address: "
                     + ", ".join(f"{m} {t.not_domain_caught}" for m, t in tallies.items()))
        lines += report(tallies, verbose=verbose)
        for model, tally in tallies.items():
            _add(totals[model], tally)
    lines.append("both lists together:")
    lines += report(totals, verbose=False)
    lines.append("real domains that are no mail provider, a slip from one (" + ", ".join(NEAR_PROVIDERS) + "):")
    for model, knowledge in models.items():
        flagged = [f"{domain} -> {knowledge.suggest(domain)}" for domain in NEAR_PROVIDERS if knowledge.suggest(domain)]
        lines.append(f"  {model}: {len(flagged)} given a suggestion: {', '.join(flagged) or 'none'}")
    return lines


def _add(total: Tally, tally: Tally) -> None:
    total.caught += tally.caught
    total.typos += tally.typos
    total.clean += tally.clean
    total.flagged += tally.flagged
    total.false_flags += tally.false_flags


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=12_000, help="rows per audience")
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--verbose", action="store_true", help="print misses by kind, with examples")
    arguments = parser.parse_args()
    print("\n".join(run(arguments.rows, arguments.seed, verbose=arguments.verbose)))


if __name__ == "__main__":
    main()
