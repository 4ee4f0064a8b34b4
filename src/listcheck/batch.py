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

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from .addresses import ATEXT, plain_domain_verdict
from .risk import DisposableDomains, role_words
from .typos import DomainKnowledge
from .verdict import AddressVerdict

if TYPE_CHECKING:
    import pyarrow as pa

# The single-cell pattern with the domain in either case (the cell's domain is lower-cased later),
# and without its counted repetitions, which make RE2 give up its fast matcher: label and address
# lengths are checked on their own below.
_PLAIN = (rf"^{ATEXT}+(?:\.{ATEXT}+)*@(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?\.)+[a-zA-Z][a-zA-Z]+$")
_LONG_LABEL = "[^.]{64}"
_MAX_ADDRESS, _MAX_LOCAL = 254, 64


def plain_verdicts(
    cells: Sequence[str], knowledge: DomainKnowledge, disposable: DisposableDomains
) -> tuple[list[str], list[AddressVerdict | None]]:
    """The address and the verdict of each plain cell; None where the cell needs ``check_address``.

    A plain cell's address is the cell with its domain lower-cased. Its verdict is shared by every
    plain address of that domain, so its ``address`` field is empty: read the address from the list.
    """
    import pyarrow.compute as pc

    addresses = list(cells)
    verdicts: list[AddressVerdict | None] = [None] * len(cells)
    if not cells:
        return addresses, verdicts
    column = _string_array(cells)
    plain = pc.and_(pc.match_substring_regex(column, _PLAIN),
                    pc.less_equal(pc.binary_length(column), _MAX_ADDRESS))
    rows = pc.indices_nonzero(plain)
    parts = pc.split_pattern(column.take(rows), "@", max_splits=1)
    local, domain = pc.list_element(parts, 0), pc.list_element(parts, 1)
    keep = pc.and_(pc.less_equal(pc.binary_length(local), _MAX_LOCAL),
                   pc.invert(pc.or_(pc.match_substring(domain, "--"),
                                    pc.match_substring_regex(domain, _LONG_LABEL))))
    keep = pc.and_(keep, pc.invert(_may_be_role(local)))
    lower = pc.ascii_lower(domain)
    encoded = pc.dictionary_encode(lower)
    shared = [plain_domain_verdict(name, knowledge, disposable) for name in encoded.dictionary.to_pylist()]
    upper = pc.not_equal(lower, domain)  # "Ana@Gmail.com": the address gets its domain lower-cased
    for row, code, kept, changed in zip(rows.to_numpy().tolist(), encoded.indices.to_numpy().tolist(),
                                        keep.to_numpy(zero_copy_only=False).tolist(),
                                        upper.to_numpy(zero_copy_only=False).tolist()):
        verdict = shared[code]
        if kept and verdict is not None:
            verdicts[row] = verdict
            if changed:
                local_part, _, typed_domain = cells[row].partition("@")
                addresses[row] = f"{local_part}@{typed_domain.lower()}"
    return addresses, verdicts


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


def _may_be_role(local: pa.Array) -> pa.Array:
    """True where ``risk.role_of`` would find a role word in the local part; those cells are checked one by one.

    The same two tests as ``role_of``, over the whole column: the local part, lower-cased and
    without its ``+tag``, is a role word once its separators are dropped, or its first part (before
    ``.``, ``_`` or ``-``) is one once its trailing digits are.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    words = _role_word_array()
    untagged = pc.list_element(pc.split_pattern(pc.ascii_lower(local), "+", max_splits=1), 0)
    joined = untagged
    for separator in "._-":
        joined = pc.replace_substring(joined, separator, "")
    first = pc.ascii_rtrim(pc.struct_field(pc.extract_regex(untagged, r"^(?P<first>[^._-]*)"), [0]),
                           characters="0123456789")
    result: pa.Array = pc.or_(pc.is_in(joined, value_set=words), pc.is_in(first, value_set=words))
    return result


@lru_cache(maxsize=1)
def _role_word_array() -> pa.Array:
    return _string_array(sorted(role_words()))
