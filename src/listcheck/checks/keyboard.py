"""The QWERTY keyboard, and what a domain costs to mistype by keystroke slips.

A finger that misses its key lands on a neighbouring one, two keys struck in a hurry come out
swapped, a key is pressed twice or not at all, a neighbour is brushed on the way. Those slips are
likelier than any other change, so they cost less: ``slip_cost("gmail.com", "fmail.com")`` is 0.5,
``slip_cost("gmail.com", "zmail.com")`` is 1. Everything here is a pure function of two strings.

QWERTY is the layout our users type addresses on: Spanish keyboards are QWERTY with ``ñ`` after
``l``, and Ukrainian and Russian users switch to the Latin QWERTY layout to type an address.
"""

from __future__ import annotations

# Each row with the horizontal offset of its first key, in key widths, as on an ANSI or ISO
# keyboard: the Q row starts half a key right of the digits, A a quarter right of Q, Z half a key
# right of A. The offsets make diagonal keys neighbours: g touches t and y above, v and b below.
ROWS: tuple[tuple[str, float], ...] = (
    ("1234567890-", -0.5),
    ("qwertyuiop", 0.0),
    ("asdfghjkl;", 0.25),
    ("zxcvbnm,./", 0.75),
)

_POSITIONS = {key: (row, offset + column) for row, (keys, offset) in enumerate(ROWS)
              for column, key in enumerate(keys)}

# The weights of the slips, in edits: a slip a finger makes easily costs half of one.
NEAR_KEY = 0.5  # a neighbouring key struck instead (gmail -> fmail)
FAR_KEY = 1.0  # any other letter instead: a spelling mistake rather than a slip
SWAP = 0.5  # two adjacent letters typed in the wrong order (gmail -> gmial)
EXTRA_NEAR = 0.5  # a letter pressed twice, or a neighbour brushed with the key (ukr -> ukrr, ukr -> ukrt)
EXTRA_FAR = 1.0  # any other letter added
DROPPED_DOUBLE = 0.5  # one letter of a pair left out (yahoo -> yaho): the eye reads the pair as one
DROPPED = 0.75  # a letter left out: common, but a shorter name is more often another real one (mai.ru)
DOT = 1.0  # a dot added, left out or struck for a letter: it changes the labels, not only a letter


def _touching(char: str) -> frozenset[str]:
    row, x = _POSITIONS[char]
    # Same row: the keys either side. Next row up or down: the keys whose centres are less than a key
    # width away, which is two keys since rows are offset by a fraction of a key.
    return frozenset(key for key, (other_row, other_x) in _POSITIONS.items()
                     if key != char and ((other_row == row and abs(other_x - x) == 1)
                                         or (abs(other_row - row) == 1 and abs(other_x - x) < 1)))


_NEIGHBOURS = {char: _touching(char) for char in _POSITIONS}


def neighbours(char: str) -> frozenset[str]:
    """The keys that touch this one on a QWERTY keyboard (none for a character not on it).

    >>> sorted(neighbours("g")), sorted(neighbours("q")), sorted(neighbours("."))
    (['b', 'f', 'h', 't', 'v', 'y'], ['1', '2', 'a', 'w'], [',', '/', ';', 'l'])
    >>> neighbours("ñ")
    frozenset()
    """
    return _NEIGHBOURS.get(char, frozenset())


def substitution_cost(intended: str, typed: str) -> float:
    """What striking ``typed`` for ``intended`` costs.

    >>> substitution_cost("g", "g"), substitution_cost("g", "f"), substitution_cost("g", "p"), substitution_cost("l", ".")
    (0.0, 0.5, 1.0, 1.0)
    """
    if intended == typed:
        return 0.0
    if "." in (intended, typed):
        return DOT
    return NEAR_KEY if typed in neighbours(intended) else FAR_KEY


def slip_cost(intended: str, typed: str, *, limit: float = float("inf")) -> float:
    """The cheapest sequence of slips that turns ``intended`` into ``typed`` (a weighted optimal string
    alignment: each letter is edited once at most, and a swap is one slip).

    Past ``limit`` the count stops and any value above ``limit`` comes back: callers that only ask
    "is it under the limit" pay for the rows they need.

    >>> slip_cost("gmail.com", "fmail.com"), slip_cost("gmail.com", "gmial.com"), slip_cost("ukr.net", "kur.net")
    (0.5, 0.5, 0.5)
    >>> slip_cost("mail.ru", "mil.ru"), slip_cost("yahoo.com", "yaho.com"), slip_cost("gmail.com", "gmaill.com")
    (0.75, 0.5, 0.5)
    >>> slip_cost("ukr.net", "ukrt.net"), slip_cost("ukr.net", "ukrp.net"), slip_cost("live.com", "hive.com")
    (0.5, 1.0, 1.0)
    >>> slip_cost("gmail.com", "gmailcom"), slip_cost("gmail.com", "gmailc.om"), slip_cost("gmail.com", "hotmail.com")
    (1.0, 0.5, 2.0)
    >>> slip_cost("gmail.com", "hotmail.com", limit=1) > 1
    True
    """
    previous2: list[float] = []
    # previous[j]: the cost of turning intended[:i-1] into typed[:j]; row[j] the same for intended[:i].
    previous = [0.0]
    for j in range(1, len(typed) + 1):
        previous.append(previous[-1] + _extra_cost(typed[j - 1], "", intended[:1]))
    for i in range(1, len(intended) + 1):
        wanted = intended[i - 1]
        after = intended[i] if i < len(intended) else ""
        row = [previous[0] + _dropped_cost(intended, i - 1)]
        for j in range(1, len(typed) + 1):
            got = typed[j - 1]
            best = min(previous[j] + _dropped_cost(intended, i - 1),
                       row[j - 1] + _extra_cost(got, wanted, after),
                       previous[j - 1] + substitution_cost(wanted, got))
            if i > 1 and j > 1 and wanted == typed[j - 2] and intended[i - 2] == got and wanted != got:
                best = min(best, previous2[j - 2] + SWAP)
            row.append(best)
        # Every alignment passes through one of two consecutive rows (a swap skips one): once both
        # cost more than the limit, so does the whole.
        if min(row) > limit and min(previous) > limit:
            return min(min(row), min(previous))
        previous2, previous = previous, row
    return previous[-1]


def _extra_cost(typed: str, before: str, after: str) -> float:
    """A typed character that stands for nothing, between the intended ``before`` and ``after``."""
    if typed == ".":
        return DOT
    if typed in (before, after) or any(typed in neighbours(key) for key in (before, after) if key != "."):
        # A key pressed twice, or a neighbour brushed with it. Not a letter beside the dot: one added
        # at the end of a name makes another word too often (meta.ua, metal.ua).
        return EXTRA_NEAR
    return EXTRA_FAR


def _dropped_cost(intended: str, position: int) -> float:
    """Leaving out the intended character at ``position``."""
    char = intended[position]
    if char == ".":
        return DOT
    paired = (position > 0 and intended[position - 1] == char) or intended[position + 1: position + 2] == char
    return DROPPED_DOUBLE if paired else DROPPED
