"""Judging many address cells at once: the plain ones in bulk, with Arrow's compute kernels.

Most cells of a real list are plain addresses: ASCII, one @, a dot-atom local part, a domain of
letter-digit-hyphen labels. Checking them one at a time costs a few microseconds each in Python;
Arrow's kernels (RE2 for the patterns) do the same work over a whole column for a small fraction of
that. The bulk pass proves a cell valid by exactly the rules of the single-cell fast path
(``addresses._proven_ascii_domain``), finds its domain and tells whether its local part may be a role
mailbox; each distinct domain is then judged once. Every other cell, and every plain cell whose
domain or local part has something to say (a typo, a throwaway domain, a role mailbox), is left to
``check_address``. ``tests/test_batch.py`` checks that the two agree cell for cell.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from listcheck.checks.addresses import ATEXT
from listcheck.checks.risk import role_words
from listcheck.verdict import AddressVerdict

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

# The single-cell pattern with the domain in either case (the cell's domain is lower-cased later),
# and without its counted repetitions, which make RE2 give up its fast matcher: label and address
# lengths are checked on their own below.
_PLAIN = (rf"^{ATEXT}+(?:\.{ATEXT}+)*@(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?\.)+[a-zA-Z][a-zA-Z]+$")
_LONG_LABEL = "[^.]{64}"
_MAX_ADDRESS, _MAX_LOCAL = 254, 64


def plain_verdicts(
    cells: Sequence[str], verdict_at: Callable[[str], AddressVerdict | None]
) -> tuple[list[str], list[AddressVerdict | None], list[int]]:
    """The address and the verdict of each plain cell, and the offsets of the cells that need
    ``check_address`` (their verdict is None).

    ``verdict_at(ascii_domain)`` is the verdict shared by plain addresses at a domain, or None when
    the domain has something to say (``addresses.plain_domain_verdict``).

    A plain cell's address is the cell with its domain lower-cased. Its verdict is shared by every
    plain address of that domain, so its ``address`` field is empty: read the address from the list.
    """
    import numpy as np
    import pyarrow.compute as pc

    addresses = list(cells)
    if not cells:
        return addresses, [], []
    column = _string_array(cells)
    plain = _bools(pc.match_substring_regex(column, _PLAIN)) & (_numbers(pc.binary_length(column)) <= _MAX_ADDRESS)
    rows = np.flatnonzero(plain)
    # Each plain cell has one @: its halves alternate in the flattened split.
    halves = pc.list_flatten(pc.split_pattern(column.take(_arrow_indices(rows)), "@", max_splits=1))
    local = halves.take(_arrow_indices(np.arange(0, 2 * len(rows), 2)))
    domain = halves.take(_arrow_indices(np.arange(1, 2 * len(rows), 2)))
    keep = ((_numbers(pc.binary_length(local)) <= _MAX_LOCAL)
            & ~_bools(pc.match_substring(domain, "--"))
            & ~_bools(pc.match_substring_regex(domain, _LONG_LABEL))
            & ~_may_be_role(local))
    lower = pc.ascii_lower(domain)
    encoded = pc.dictionary_encode(lower)
    shared = np.empty(len(encoded.dictionary), dtype=object)
    shared[:] = [verdict_at(name) for name in _ascii_strings(encoded.dictionary)]
    codes = _numbers(encoded.indices)
    chosen = keep & (shared != None)[codes]  # element-wise, on an object array
    verdicts = np.full(len(cells), None, dtype=object)
    proven = rows[chosen]
    verdicts[proven] = shared[codes[chosen]]
    others = np.ones(len(cells), dtype=bool)
    others[proven] = False
    # "Ana@Gmail.com": the address gets its domain lower-cased.
    for row in rows[chosen & ~_bools(pc.equal(lower, domain))].tolist():
        local_part, _, typed_domain = cells[row].partition("@")
        addresses[row] = f"{local_part}@{typed_domain.lower()}"
    return addresses, verdicts.tolist(), np.flatnonzero(others).tolist()


# Arrow to numpy and back by their buffers: the arrays' own conversions import pandas (see _string_array).

def _bools(array: pa.BooleanArray) -> np.ndarray:
    """A boolean Arrow array without nulls as a numpy array."""
    import numpy as np

    bits = np.unpackbits(np.frombuffer(array.buffers()[1], dtype=np.uint8), bitorder="little")
    return bits[array.offset:array.offset + len(array)].astype(bool)


def _numbers(array: pa.Array) -> np.ndarray:
    """An integer Arrow array without nulls as a numpy array (no copy)."""
    import numpy as np

    dtype = np.dtype(f"int{array.type.bit_width}")
    numbers: np.ndarray = np.frombuffer(array.buffers()[1], dtype=dtype)[array.offset:array.offset + len(array)]
    return numbers


def _ascii_strings(array: pa.LargeStringArray) -> list[str]:
    """An ASCII string array without nulls as a list (``to_pylist`` makes a scalar object of each)."""
    import numpy as np

    offsets = np.frombuffer(array.buffers()[1], dtype=np.int64)[array.offset:array.offset + len(array) + 1]
    text = array.buffers()[2].to_pybytes().decode("ascii")
    bounds = offsets.tolist()
    return [text[start:end] for start, end in itertools.pairwise(bounds)]


def _arrow_indices(positions: np.ndarray) -> pa.Array:
    import numpy as np
    import pyarrow as pa

    data = np.ascontiguousarray(positions, dtype=np.int64)
    return pa.Array.from_buffers(pa.int64(), len(data), [None, pa.py_buffer(data)])


def _string_array(cells: Sequence[str]) -> pa.LargeStringArray:
    """The cells as an Arrow string array; a cell that is not valid Unicode becomes empty.

    Built from one UTF-8 buffer and its offsets: ``pyarrow.array`` would import pandas, a third of
    a second, to look for pandas types in a list of plain strings. A cell holding bytes carried
    through by ``--encoding-errors keep`` (lone surrogates) cannot be UTF-8; empty, it is no plain
    address and goes to the single-cell checks.
    """
    import numpy as np
    import pyarrow as pa

    joined = "".join(cells)
    try:
        data = joined.encode("utf-8")
    except UnicodeEncodeError:
        return _string_array([cell if _is_unicode(cell) else "" for cell in cells])
    if len(data) == len(joined):  # ASCII: a cell's bytes are its characters
        lengths = np.fromiter(map(len, cells), dtype=np.int64, count=len(cells))
    else:
        lengths = np.fromiter((len(cell.encode("utf-8")) for cell in cells), dtype=np.int64, count=len(cells))
    offsets = np.zeros(len(cells) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    return pa.LargeStringArray.from_buffers(len(cells), pa.py_buffer(offsets), pa.py_buffer(data))


def _is_unicode(cell: str) -> bool:
    try:
        cell.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _may_be_role(local: pa.Array) -> np.ndarray:
    """True where ``risk.role_of`` finds a role word in the local part; those cells are checked one by one.

    ``role_of``'s two tests as one pattern over the lower-cased column (``_role_pattern``).
    """
    import pyarrow.compute as pc

    return _bools(pc.match_substring_regex(pc.ascii_lower(local), _role_pattern()))


@lru_cache(maxsize=1)
def _role_pattern() -> str:
    """``role_of`` as a pattern: the local part without its ``+tag`` is a role word once its separators
    are dropped (``no-reply``), or its first part before ``.``, ``_``, ``-`` or ``+`` is one followed by
    digits only (``ventas.madrid``, ``info2``)."""
    words = sorted(role_words())
    spelled = "|".join("[._-]*".join(re.escape(letter) for letter in word) for word in words)
    joined = rf"[._-]*(?:{spelled})[._-]*"
    first_part = rf"(?:{'|'.join(map(re.escape, words))})[0-9]*(?:[._-][^+]*)?"
    return rf"^(?:{joined}|{first_part})(?:\+.*)?$"
