"""Deliverability over DNS, against real DNS servers on 127.0.0.1 (tests/dns_server.py)."""

import threading
import time
from pathlib import Path

import pytest

from listcheck import Reason, Status, check_file
from listcheck.deliverability import DeliverabilityChecker, DomainAnswer, parse_nameserver
from listcheck.dns_cache import DnsCache

DNS_CASES = [
    # (domain, status, reason)
    ("correo-mx.es", Status.VALID, None),
    ("sin-correo.es", Status.INVALID, Reason.NULL_MX),
    ("solo-a-publica.es", Status.VALID, None),
    ("solo-a-privada.es", Status.INVALID, Reason.NO_MAIL_SERVER),
    ("solo-aaaa.es", Status.VALID, None),
    ("solo-txt.es", Status.INVALID, Reason.NO_MAIL_SERVER),
    ("alias-correo.es", Status.VALID, None),
    ("no-existe-nunca.es", Status.INVALID, Reason.DOMAIN_NOT_FOUND),
    ("rechazada.es", Status.UNKNOWN, Reason.DNS_UNKNOWN),
]


def write_list(folder: Path, domains) -> Path:
    source = folder / "lista.csv"
    source.write_text("email,nombre\n" + "".join(f"ana@{d},Ana\n" for d in domains))
    return source


def checked_rows(source: Path):
    clean = (source.parent / "lista.clean.csv").read_text().splitlines()[1:]
    rejected = (source.parent / "lista.rejected.csv").read_text().splitlines()[1:]
    return clean, rejected


@pytest.mark.parametrize(("domain", "status", "reason"), DNS_CASES)
def test_dns_verdicts(tmp_path, dns_server, domain, status, reason):
    source = write_list(tmp_path, [domain])
    report = check_file(str(source), nameservers=[dns_server.address], dns_timeout=2, dns_cache=False)
    assert report.dns.resolver_trusted
    assert report.counts[status.value] == 1
    if reason is not None:
        assert report.reasons[reason.code] == 1
    expected_destination = "clean" if status in (Status.VALID, Status.UNKNOWN) else "rejected"
    assert report.destinations[expected_destination] == 1


def test_each_domain_is_asked_once_with_three_queries_at_most(tmp_path, dns_server):
    domains = [d for d, *_ in DNS_CASES]
    source = write_list(tmp_path, domains * 5)
    before = dns_server.resolver.queries
    report = check_file(str(source), nameservers=[dns_server.address], dns_timeout=2, dns_cache=False)
    sent = dns_server.resolver.queries - before
    assert report.dns.domains == len(domains)
    assert report.dns.queries == sent  # what we count is what the server saw
    assert sent <= 3 * len(domains) + 1  # + the canary


def test_a_server_that_never_answers_rejects_nobody_and_says_so(tmp_path, silent_server):
    source = write_list(tmp_path, ["correo-mx.es", "no-existe-nunca.es"])
    started = time.monotonic()
    report = check_file(str(source), nameservers=[silent_server.address], dns_timeout=0.5, dns_cache=False)
    assert time.monotonic() - started < 10  # gave up after the canary, not domain after domain
    assert report.destinations == {"clean": 2, "rejected": 0}
    assert report.reasons["dns_unknown"] == 2 and not report.dns.resolver_trusted
    assert any("cannot be trusted" in w for w in report.warnings)


def test_a_server_that_answers_nxdomain_to_everything_rejects_nobody(tmp_path, nxdomain_server):
    source = write_list(tmp_path, ["correo-mx.es", "no-existe-nunca.es"])
    report = check_file(str(source), nameservers=[nxdomain_server.address], dns_timeout=2, dns_cache=False)
    assert report.destinations == {"clean": 2, "rejected": 0}
    assert not report.dns.resolver_trusted
    assert report.warnings[0].startswith("The DNS resolver cannot be trusted: it does not find the mail servers "
                                         "of gmail.com")


def test_timeouts_after_a_trusted_start_stop_early(tmp_path):
    from .dns_server import ZoneResolver, ZoneServer

    # gmail.com answers; everything else is slower than the timeout.
    class SlowForOthers(ZoneResolver):
        def resolve(self, request, handler):
            if str(request.q.qname) != "gmail.com.":
                time.sleep(0.6)
            return super().resolve(request, handler)

    with ZoneServer(SlowForOthers("gmail.com. 300 IN MX 5 mx.gmail.com.", wildcard_mx=True)) as server:
        source = write_list(tmp_path, [f"empresa{i}.es" for i in range(40)])
        report = check_file(str(source), nameservers=[server.address], dns_timeout=0.2, dns_concurrency=4,
                            dns_cache=False)
    assert report.destinations["rejected"] == 0
    assert report.dns.timeouts < 40
    assert any("kept timing out" in w for w in report.warnings)


def test_typo_rows_are_not_asked(tmp_path, dns_server):
    source = write_list(tmp_path, ["gmial.com"])
    report = check_file(str(source), nameservers=[dns_server.address], dns_cache=False)
    assert report.dns.domains == 0 and report.reasons["typo_domain"] == 1


def test_no_dns_asks_nothing(tmp_path, dns_server):
    source = write_list(tmp_path, ["no-existe-nunca.es"])
    report = check_file(str(source), dns=False)
    assert report.dns.checked is False and report.destinations["clean"] == 1


def test_the_cache_answers_the_second_run(tmp_path, dns_server):
    source = write_list(tmp_path, ["correo-mx.es", "no-existe-nunca.es", "rechazada.es"])
    cache = tmp_path / "dns.sqlite3"
    first = check_file(str(source), nameservers=[dns_server.address], dns_timeout=2, dns_cache=str(cache))
    second = check_file(str(source), nameservers=[dns_server.address], dns_timeout=2, dns_cache=str(cache))
    assert first.dns.cache_hits == 0
    assert second.dns.cache_hits == 2  # the unknown answer is not kept
    assert second.reasons == first.reasons


def test_cache_lifetimes(tmp_path):
    clock = [1000.0]
    cache = DnsCache(tmp_path / "c.sqlite3", clock=lambda: clock[0])
    cache.put_many("r", {
        "ok.es": DomainAnswer(None, ttl=300), "nx.es": DomainAnswer(Reason.DOMAIN_NOT_FOUND, "gone"),
        "unk.es": DomainAnswer(Reason.DNS_UNKNOWN, "timeout"),
    })
    assert set(cache.get_many("r", ["ok.es", "nx.es", "unk.es"])) == {"ok.es", "nx.es"}
    assert cache.get_many("other resolver", ["ok.es"]) == {}
    clock[0] += 301
    assert set(cache.get_many("r", ["ok.es", "nx.es"])) == {"nx.es"}
    clock[0] += 3600
    assert cache.get_many("r", ["nx.es"]) == {}


def test_two_runs_can_share_the_cache(tmp_path):
    path = tmp_path / "shared.sqlite3"
    errors = []

    def work(offset):
        try:
            cache = DnsCache(path)
            for i in range(50):
                cache.put_many("r", {f"d{offset}-{i}.es": DomainAnswer(None, ttl=600)})
                cache.get_many("r", [f"d{1 - offset}-{i}.es"])
            cache.close()
        except Exception as error:  # noqa: BLE001 - the test reports any failure
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(DnsCache(path).get_many("r", [f"d{o}-{i}.es" for o in (0, 1) for i in range(50)])) == 100


@pytest.mark.parametrize(("text", "pair"), [("127.0.0.1", ("127.0.0.1", 53)), ("127.0.0.1:5353", ("127.0.0.1", 5353)),
                                            ("[::1]:53", ("::1", 53)), ("dns.example", ("dns.example", 53))])
def test_parse_nameserver(text, pair):
    assert parse_nameserver(text) == pair


@pytest.mark.parametrize("text", ["127.0.0.1:0", "127.0.0.1:99999", ":53", "host:port"])
def test_parse_nameserver_refuses(text):
    with pytest.raises(ValueError):
        parse_nameserver(text)


def test_checker_counts_queries(dns_server):
    checker = DeliverabilityChecker(nameservers=[parse_nameserver(dns_server.address)], timeout=2)
    answers = checker.check(["correo-mx.es", "solo-txt.es"])
    assert answers["correo-mx.es"].reason is None and answers["solo-txt.es"].reason is Reason.NO_MAIL_SERVER
    assert checker.stats.queries == 1 + 1 + 3  # canary MX; MX; MX + A + AAAA


def test_a_corrupted_cache_file_is_survived(tmp_path, dns_server):
    source = write_list(tmp_path, ["correo-mx.es"])
    cache = tmp_path / "dns.sqlite3"
    cache.write_bytes(b"this is not a database" * 100)
    report = check_file(str(source), nameservers=[dns_server.address], dns_timeout=2, dns_cache=str(cache))
    assert report.destinations == {"clean": 1, "rejected": 0} and report.dns.resolver_trusted
    assert report.warnings == [f"The DNS cache {cache} could not be opened (file is not a database); "
                               f"this run went without it."]
