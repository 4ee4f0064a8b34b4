"""check_frame on a Dask DataFrame, on a real local cluster of worker processes: the same frame, row for
row and column for column, that the pandas call gives for the same data, whatever the partitioning."""

import re
import threading
from collections import Counter
from itertools import accumulate

import dask
import dask.dataframe as dd
import numpy as np
import pandas as pd
import pytest
from dask import delayed
from distributed import get_task_stream
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from listcheck import Policy, check_frame, rejected_mask
from listcheck.settings import DnsSettings

POLICIES = {"default": Policy(), "strict": Policy(strict=True), "fix_typos": Policy(fix_typos=True)}
FIRST_ROW = 2  # check_frame's default: row 1 is the header of the sheet the frame came from

# The random part of the generated table: people of a few providers, misspelled providers, a
# throwaway one, role mailboxes, an IDN domain in both of its spellings; and cells that are no
# address at all. Few names and domains, so that the same address comes back, often in another case.
NAMES = ["ana", "luis", "eva", "marta", "jon", "info", "ventas", "admin"]
DOMAINS = ["gmail.com", "gmial.com", "hotmail.com", "hotmial.com", "correo.es", "mailinator.com", "empresa.es",
           "bücher.de", "xn--bcher-kva.de", "españa.es"]
NOT_ADDRESSES = ["", "   ", None, np.nan, "sin arroba", "ana perez@correo.es", "a@b@c.es", " Luis <luis@correo.es> ",
                 "mailto:eva@correo.es"]
ROWS = 600
# Planted at fixed places, with names the random part never makes, so that what their rows must say
# is known without the pandas call: (first position, its cell, later position, its cell).
PLANTED = {
    "case": (3, "Zoe@Gmail.com", 550, "zoe@gmail.com"),
    "idn": (20, "pilar@bücher.de", 430, "Pilar@xn--bcher-kva.de"),
    # A repeat only once the typo of the first is corrected (fix_typos); otherwise two addresses.
    "typo": (10, "quique@gmial.com", 500, "quique@gmail.com"),
}


def generated_table(rows: int = ROWS, seed: int = 20240611) -> pd.DataFrame:
    """The table of the comparisons: other columns of several types, a sorted string index."""
    rng = np.random.default_rng(seed)
    cells: list[object] = []
    for _ in range(rows):
        if rng.random() < 0.15:
            cells.append(NOT_ADDRESSES[rng.integers(len(NOT_ADDRESSES))])
            continue
        address = f"{NAMES[rng.integers(len(NAMES))]}@{DOMAINS[rng.integers(len(DOMAINS))]}"
        cells.append("".join(c.upper() if rng.random() < 0.2 else c for c in address))
    for first, first_cell, later, later_cell in PLANTED.values():
        if later < rows:  # a smaller table goes without
            cells[first], cells[later] = first_cell, later_cell
    return pd.DataFrame(
        {
            "nombre": [f"Persona {i}" for i in range(rows)],
            # object, not str: None and NaN stay what they are, two kinds of missing cell
            "email": np.array(cells, dtype=object),
            "puntos": [float(i) if i % 5 else np.nan for i in range(rows)],
            "n": np.arange(rows, dtype=np.int64),
        },
        # dd.from_pandas sorts a frame by its index: a sorted one keeps the caller's row order
        index=pd.Index([f"c{i:05d}" for i in range(rows)]),
    )


def as_dask(frame: pd.DataFrame, npartitions: int) -> dd.DataFrame:
    """The frame as a Dask frame of (at most) ``npartitions``, its columns of the types they have.

    Dask turns text columns into pyarrow strings on the way in unless told not to: its conversion,
    not listcheck's, which would make every comparison with the pandas call differ in types only."""
    with dask.config.set({"dataframe.convert-string": False}):
        return dd.from_pandas(frame, npartitions=npartitions)


def first_rows(frame: dd.DataFrame, first_row: int = FIRST_ROW) -> list[int]:
    """The row number of each partition's first row, as the partitions actually are."""
    sizes = frame.map_partitions(len).compute().tolist()
    return list(accumulate(sizes[:-1], initial=first_row))


def partition_of(row: int, starts: list[int]) -> int:
    return int(np.searchsorted(starts, row, side="right")) - 1


@pytest.mark.parametrize("policy", POLICIES.values(), ids=POLICIES.keys())
@pytest.mark.parametrize("npartitions", [1, 3, 7])
def test_a_dask_frame_is_checked_as_the_pandas_frame(dask_client, npartitions, policy):
    """Every column of every row, the index and the column types are those of the pandas call; the
    planted repeats are found across partitions and name the first row, whichever partition it is in."""
    frame = generated_table()
    source = as_dask(frame, npartitions)
    checked = check_frame(source, column="email", policy=policy).compute()
    pd.testing.assert_frame_equal(checked, check_frame(frame, column="email", policy=policy))
    # the table holds every kind of row it is meant to, so that the comparison compares them
    assert set(checked["listcheck_reason"]) >= {"", "duplicate", "typo_domain", "disposable", "role_account", "empty",
                                                "missing_at", "syntax"}

    starts = first_rows(source)
    assert len(starts) == npartitions
    by_row = checked.set_index("listcheck_row")
    for name, (first, _, later, _) in PLANTED.items():
        first_row, later_row = FIRST_ROW + first, FIRST_ROW + later
        if npartitions > 1:  # the point of the test: the repeat is in another partition than its first row
            assert partition_of(first_row, starts) < partition_of(later_row, starts)
        repeats = name != "typo" or policy.fix_typos
        assert (by_row.loc[later_row, "listcheck_reason"] == "duplicate") == repeats, name
        if repeats:
            assert re.search(rf"\brow {first_row}\b", by_row.loc[later_row, "listcheck_detail"]), name
        assert by_row.loc[first_row, "listcheck_reason"] != "duplicate", name


def test_the_result_is_lazy_and_keeps_the_partitions_the_index_and_the_types(dask_client):
    """The survey runs in check_frame; the checking of the rows only when the result is computed. The
    result has the input's partitions and index, and the column types it announces are those it has."""
    frame = generated_table(rows=90)
    frame.index = pd.RangeIndex(1000, 1000 + len(frame))  # an offset integer index, this time
    source = as_dask(frame, 4)
    with get_task_stream(client=dask_client) as made:
        result = check_frame(source, column="email")
    # The survey reads every partition now, to judge each domain once
    assert any("_survey" in str(task["key"]) for task in made.data)
    assert not any("_finish" in str(task["key"]) for task in made.data)  # but no row is judged yet

    assert isinstance(result, dd.DataFrame)
    assert result.npartitions == source.npartitions == 4
    with get_task_stream(client=dask_client) as computing:
        computed = result.compute()
    assert any("_finish" in str(task["key"]) for task in computing.data)
    pd.testing.assert_index_equal(computed.index, frame.index)
    pd.testing.assert_series_equal(result.dtypes, computed.dtypes)  # Dask's meta tells the truth
    assert result.map_partitions(len).compute().tolist() == source.map_partitions(len).compute().tolist()


def test_partitions_emptied_by_a_filter(dask_client):
    """A filter that empties whole partitions: the rest is checked as the filtered pandas frame is,
    and a repeat finds its first row across the empty partitions."""
    frame = generated_table(rows=80)
    frame.loc[frame.index[1], "email"] = "Ana@Correo-Uno.es"
    frame.loc[frame.index[75], "email"] = "ana@correo-uno.es"
    source = as_dask(frame, 4)
    starts = first_rows(source, first_row=0)  # positions, here
    # keep the first and the last partitions whole, empty the two between them
    keep = np.array([partition_of(position, starts) in (0, 3) for position in range(len(frame))])
    frame["keep"] = keep
    source = as_dask(frame, 4)
    kept = source[source["keep"]]
    assert kept.map_partitions(len).compute().tolist()[1:3] == [0, 0]

    checked = check_frame(kept, column="email").compute()
    expected = check_frame(frame[keep], column="email")
    pd.testing.assert_frame_equal(checked, expected)
    repeat = checked.loc[frame.index[75]]
    assert repeat["listcheck_reason"] == "duplicate" and re.search(r"\brow 3\b", repeat["listcheck_detail"])


def test_empty_partitions_of_from_delayed(dask_client):
    """Empty frames among the partitions, first and last too, as a reader of several files makes them."""
    frame = generated_table(rows=40)
    parts = [frame.iloc[:0], frame.iloc[:15], frame.iloc[:0], frame.iloc[:0], frame.iloc[15:], frame.iloc[:0]]
    with dask.config.set({"dataframe.convert-string": False}):
        source = dd.from_delayed([delayed(part) for part in parts], meta=frame.iloc[:0])
    checked = check_frame(source, column="email", first_row=1)
    assert checked.npartitions == len(parts)
    assert checked.map_partitions(len).compute().tolist() == [len(part) for part in parts]
    pd.testing.assert_frame_equal(checked.compute(), check_frame(frame, column="email", first_row=1))


@pytest.mark.parametrize(("cells", "npartitions"), [
    ([], 1),  # no row at all
    (["", None, np.nan, "   "] * 6, 3),  # rows, but every cell is empty
])
def test_a_frame_without_addresses(dask_client, cells, npartitions):
    frame = pd.DataFrame({"email": np.array(cells, dtype=object), "n": np.arange(len(cells), dtype=np.int64)})
    checked = check_frame(as_dask(frame, npartitions), column="email").compute()
    expected = check_frame(frame, column="email")
    pd.testing.assert_frame_equal(checked, expected)
    assert set(checked["listcheck_reason"]) == ({"empty"} if cells else set())


# Domains of conftest.ZONE, and one that it does not hold, each with what DNS says of it
# (tests/test_deliverability.py); every one of them in every partition.
DNS_DOMAINS = {"correo-mx.es": "", "sin-correo.es": "null_mx", "gmail.com": "", "no-existe-nunca.es": "domain_not_found"}


def test_dns_is_asked_once_per_domain_as_for_pandas(dask_client, dns_server, monkeypatch):
    """DNS is asked, from this process and while check_frame runs, about each domain as often as the
    pandas call asks (once): not once per partition that holds it. Its verdicts are the pandas ones."""
    questions: Counter[tuple[str, str]] = Counter()
    lock = threading.Lock()
    resolve = dns_server.resolver.resolve

    def noting(request, handler):
        name = str(request.q.qname).rstrip(".").lower()
        # the resolver check's probe of NXDOMAIN rewriting asks a random name: one name for the count
        name = "listcheck-*" if name.startswith("listcheck-") else name
        with lock:  # the server answers each question in a thread of its own
            questions[name, str(request.q.qtype)] += 1
        return resolve(request, handler)

    monkeypatch.setattr(dns_server.resolver, "resolve", noting)
    dns = DnsSettings(nameservers=(dns_server.address,), timeout=2.0, cache=False)
    frame = pd.DataFrame({"email": [f"{name}{i}@{domain}" for i in range(6) for name in ("ana", "luis")
                                    for domain in DNS_DOMAINS]})
    source = as_dask(frame, 6)
    assert all(set(part["email"].str.split("@").str[1]) == set(DNS_DOMAINS)
               for part in (source.get_partition(i).compute() for i in range(source.npartitions)))

    before = dns_server.resolver.queries
    lazy = check_frame(source, column="email", dns=dns)
    dask_queries = dns_server.resolver.queries - before
    dask_questions, questions = questions.copy(), Counter()
    checked = lazy.compute()
    assert dns_server.resolver.queries - before == dask_queries  # computing asks nothing more

    before = dns_server.resolver.queries
    expected = check_frame(frame, column="email", dns=dns)
    assert dask_queries == dns_server.resolver.queries - before
    assert dask_questions == questions
    assert {name for name, _ in dask_questions} >= set(DNS_DOMAINS)  # each was asked, so the count says something

    pd.testing.assert_frame_equal(checked, expected)
    reasons = dict(zip(checked["email"].str.split("@").str[1], checked["listcheck_reason"]))
    assert reasons == DNS_DOMAINS


@pytest.mark.parametrize("policy", [Policy(), Policy(strict=True)], ids=["default", "strict"])
def test_rejected_mask_of_a_dask_result(dask_client, policy):
    frame = generated_table(rows=200)
    checked = check_frame(as_dask(frame, 5), column="email", policy=policy)
    mask = rejected_mask(checked, column="email", policy=policy)
    assert isinstance(mask, dd.Series) and mask.npartitions == 5
    expected = rejected_mask(check_frame(frame, column="email", policy=policy), column="email", policy=policy)
    assert expected.any() and not expected.all()  # some rows each way: the comparison can tell them apart
    pd.testing.assert_series_equal(mask.compute(), expected)


@pytest.mark.parametrize("to_frame", [lambda frame: frame, lambda frame: as_dask(frame, 2)], ids=["pandas", "dask"])
def test_a_missing_column(dask_client, to_frame):
    with pytest.raises(KeyError):
        check_frame(to_frame(pd.DataFrame({"correo": ["ana@correo.es", "luis@correo.es"]})), column="email")


POOL = ["ana@correo.es", "ANA@correo.es", " Ana <ana@correo.es> ", "luis@gmial.com", "luis@gmail.com",
        "info@empresa.es", "t@mailinator.com", "eva@bücher.de", "eva@xn--bcher-kva.de", "", None, "sin arroba",
        "a b@correo.es"]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cells=st.lists(st.sampled_from(POOL), max_size=30), npartitions=st.integers(1, 6),
       policy=st.sampled_from(list(POLICIES.values())), first_row=st.integers(0, 3))
def test_property_dask_equals_pandas(dask_client, cells, npartitions, policy, first_row):
    frame = pd.DataFrame({"email": np.array(cells, dtype=object)})
    checked = check_frame(as_dask(frame, npartitions), column="email", policy=policy, first_row=first_row)
    pd.testing.assert_frame_equal(checked.compute(), check_frame(frame, column="email", policy=policy,
                                                                 first_row=first_row))
