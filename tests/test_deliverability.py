"""Deliverability over DNS, against real DNS servers on 127.0.0.1 (tests/dns_server.py)."""

import threading
import time
from pathlib import Path

import pytest

from listcheck import Reason, Status, check_file
from listcheck.checks.deliverability import DeliverabilityChecker, DomainAnswer, parse_nameserver
from listcheck.checks.dns_cache import DnsCache

from .dns_server import ZoneResolver, ZoneServer

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
    assert sent <= 3 * len(domains) + 3  # + the canaries


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
                                         "of gmail.com, a domain that certainly receives mail (the domain does "
                                         "not exist)")


CANARIES = """
gmail.com. 300 IN MX 5 gmail-smtp-in.l.google.com.
outlook.com. 300 IN MX 10 outlook-com.olc.protection.outlook.com.
yandex.ru. 300 IN MX 10 mx.yandex.ru.
"""


class GoesSilent(ZoneResolver):
    """Answers the resolver check, then never answers again."""

    def resolve(self, request, handler):
        if str(request.q.qname).rstrip(".") not in ("gmail.com", "outlook.com", "yandex.ru"):
            time.sleep(5)
        return super().resolve(request, handler)


class LosesFirstTry(ZoneResolver):
    """Answers the second try of each question only, as on a network that drops packets."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.seen = set()

    def resolve(self, request, handler):
        question = (str(request.q.qname), request.q.qtype)
        if question not in self.seen:
            self.seen.add(question)
            time.sleep(1.0)  # later than the client waits: the client asks again
        return super().resolve(request, handler)


def test_a_server_that_stops_answering_is_not_waited_for_domain_after_domain(tmp_path):
    with ZoneServer(GoesSilent(CANARIES, wildcard_mx=True)) as server:
        source = write_list(tmp_path, [f"empresa{i}.es" for i in range(60)])
        report = check_file(str(source), nameservers=[server.address], dns_timeout=0.2, dns_concurrency=2,
                            dns_cache=False)
        asked = server.resolver.queries - 3
    assert report.destinations["rejected"] == 0 and report.reasons["dns_unknown"] == 60
    assert asked < 60  # gave up: most domains were never asked
    assert any(w.startswith("DNS stopped answering part-way") for w in report.warnings)


def test_a_lost_packet_is_asked_again(tmp_path):
    with ZoneServer(LosesFirstTry(CANARIES + "correo-mx.es. 300 IN MX 10 mx.correo-mx.es.")) as server:
        source = write_list(tmp_path, ["correo-mx.es", "no-existe-nunca.es"])
        report = check_file(str(source), nameservers=[server.address], dns_timeout=0.5, dns_cache=False)
    assert report.dns.resolver_trusted and report.reasons["dns_unknown"] == 0
    assert report.reasons["domain_not_found"] == 1


def test_a_dead_first_nameserver_gives_way_to_the_next(tmp_path, silent_server, dns_server):
    source = write_list(tmp_path, ["correo-mx.es", "no-existe-nunca.es"])
    report = check_file(str(source), nameservers=[silent_server.address, dns_server.address], dns_timeout=0.3,
                        dns_cache=False)
    assert report.dns.resolver_trusted
    assert report.reasons["domain_not_found"] == 1 and report.reasons["dns_unknown"] == 0


@pytest.mark.parametrize("zone", [
    "gmail.com. 300 IN MX 5 mx.gmail.com.",  # holds one canary, and says every other name does not exist
    "gmail.com. 300 IN A 142.250.1.1\noutlook.com. 300 IN A 1.2.3.4\nyandex.ru. 300 IN A 5.6.7.8",  # no MX
])
def test_the_resolver_check_wants_the_mx_of_every_canary(tmp_path, zone):
    with ZoneServer(ZoneResolver(zone)) as server:
        source = write_list(tmp_path, ["no-existe-nunca.es"])
        report = check_file(str(source), nameservers=[server.address], dns_timeout=1, dns_cache=False)
    assert not report.dns.resolver_trusted and report.destinations["rejected"] == 0


def test_an_mx_pointing_nowhere_is_a_null_mx(tmp_path):
    with ZoneServer(ZoneResolver(CANARIES + "a-ninguna-parte.es. 300 IN MX 10 .")) as server:
        source = write_list(tmp_path, ["a-ninguna-parte.es"])
        report = check_file(str(source), nameservers=[server.address], dns_timeout=1, dns_cache=False)
    assert report.reasons["null_mx"] == 1


def test_a_cache_row_with_an_unknown_code_is_asked_again(tmp_path, dns_server):
    import sqlite3

    source = write_list(tmp_path, ["no-existe-nunca.es"])
    cache = tmp_path / "dns.sqlite3"
    check_file(str(source), nameservers=[dns_server.address], dns_timeout=2, dns_cache=str(cache))
    with sqlite3.connect(cache) as connection:
        connection.execute("UPDATE verdicts SET reason = 'gone_fishing'")
    report = check_file(str(source), nameservers=[dns_server.address], dns_timeout=2, dns_cache=str(cache))
    assert report.dns.cache_hits == 0 and report.reasons["domain_not_found"] == 1


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
                                            ("[::1]:53", ("::1", 53)), ("::1", ("::1", 53)), ("[::1]", ("::1", 53)),
                                            ("localhost:5353", ("127.0.0.1", 5353))])
def test_parse_nameserver(text, pair):
    assert parse_nameserver(text) == pair


@pytest.mark.parametrize("text", ["127.0.0.1:0", "127.0.0.1:99999", ":53", "host:port", "[::1]:x"])
def test_parse_nameserver_refuses(text):
    with pytest.raises(ValueError):
        parse_nameserver(text)


def test_checker_counts_queries(dns_server):
    checker = DeliverabilityChecker(nameservers=[parse_nameserver(dns_server.address)], timeout=2)
    answers = checker.check(["correo-mx.es", "solo-txt.es"])
    assert answers["correo-mx.es"].reason is None and answers["solo-txt.es"].reason is Reason.NO_MAIL_SERVER
    assert checker.stats.queries == 3 + 1 + 3  # the canaries' MX; MX; MX + A + AAAA


def test_a_corrupted_cache_file_is_survived(tmp_path, dns_server):
    source = write_list(tmp_path, ["correo-mx.es"])
    cache = tmp_path / "dns.sqlite3"
    cache.write_bytes(b"this is not a database" * 100)
    report = check_file(str(source), nameservers=[dns_server.address], dns_timeout=2, dns_cache=str(cache))
    assert report.destinations == {"clean": 1, "rejected": 0} and report.dns.resolver_trusted
    assert report.warnings == [f"The DNS cache {cache} could not be opened (file is not a database); "
                               f"this run went without it."]
