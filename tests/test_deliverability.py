"""Deliverability over DNS, against real DNS servers on 127.0.0.1 (tests/dns_server.py)."""

import csv
import threading
from pathlib import Path

import pytest

from listcheck import DnsSettings, OutputSettings, Reason, Status, check_file
from listcheck.checks.deliverability import DeliverabilityChecker, DomainAnswer, parse_nameserver
from listcheck.checks.dns_cache import DnsCache

from .dns_server import WaitsForCompany, ZoneResolver, ZoneServer

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


def dns_check(source: Path, *servers, timeout: float = 2.0, concurrency: int = 64, cache: bool | str = False):
    """``check_file`` asking these test servers, in this order."""
    return check_file(str(source), dns=DnsSettings(nameservers=tuple(server.address for server in servers),
                                                   timeout=timeout, concurrency=concurrency, cache=cache))


@pytest.mark.parametrize(("domain", "status", "reason"), DNS_CASES)
def test_dns_verdicts(tmp_path, dns_server, domain, status, reason):
    source = write_list(tmp_path, [domain])
    report = dns_check(source, dns_server)
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
    report = dns_check(source, dns_server)
    sent = dns_server.resolver.queries - before
    assert report.dns.domains == len(domains)
    assert report.dns.queries == sent  # what we count is what the server saw
    assert sent <= 3 * len(domains) + 3 + 1  # + the canaries and the rewriting probe


def test_a_server_that_never_answers_rejects_nobody_and_says_so(tmp_path, silent_server):
    """A silent resolver fails the canaries (asked at once, with the rewriting probe): no domain of the
    list is asked, nobody is rejected."""
    source = write_list(tmp_path, ["correo-mx.es", "no-existe-nunca.es"])
    report = dns_check(source, silent_server, timeout=0.1)
    asked = {name for name, _ in silent_server.questions}
    assert asked - {"gmail.com", "outlook.com", "yandex.ru"} == {next(n for n in asked if n.startswith("listcheck-"))}
    assert report.destinations == {"clean": 2, "rejected": 0}
    assert report.reasons["dns_unknown"] == 2 and not report.dns.resolver_trusted
    assert [w.code for w in report.warnings] == ["resolver_untrusted"]
    assert "cannot be trusted" in report.warnings[0].message


def test_a_server_that_answers_nxdomain_to_everything_rejects_nobody(tmp_path, nxdomain_server):
    source = write_list(tmp_path, ["correo-mx.es", "no-existe-nunca.es"])
    report = dns_check(source, nxdomain_server)
    assert report.destinations == {"clean": 2, "rejected": 0}
    assert not report.dns.resolver_trusted
    assert report.warnings[0].code == "resolver_untrusted"
    assert report.warnings[0].message.startswith(
        "The DNS resolver cannot be trusted: it does not find the mail servers of domains that certainly receive "
        "mail (gmail.com: the domain does not exist; outlook.com: the domain does not exist; yandex.ru: the "
        "domain does not exist)")


CANARIES = """
gmail.com. 300 IN MX 5 gmail-smtp-in.l.google.com.
outlook.com. 300 IN MX 10 outlook-com.olc.protection.outlook.com.
yandex.ru. 300 IN MX 10 mx.yandex.ru.
"""


class GoesSilent(ZoneResolver):
    """Answers the resolver check, then drops every question, as a server that has died."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.dropped: set[str] = set()  # the names asked after it went silent

    def drops(self, name, qtype):
        if name in ("gmail.com", "outlook.com", "yandex.ru"):
            return False
        self.dropped.add(name)
        return True


class LosesFirstTry(ZoneResolver):
    """Drops the first try of each question and answers the second, as a network that loses packets."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lost: set[tuple[str, str]] = set()

    def drops(self, name, qtype):
        if (name, qtype) in self.lost:
            return False
        self.lost.add((name, qtype))
        return True


def test_a_server_that_stops_answering_is_not_waited_for_domain_after_domain(tmp_path):
    """Once lookup after lookup goes unanswered, the rest of the list is not asked; nobody is rejected."""
    with ZoneServer(GoesSilent(CANARIES, wildcard_mx=True)) as server:
        source = write_list(tmp_path, [f"empresa{i}.es" for i in range(60)])
        report = dns_check(source, server, timeout=0.1, concurrency=4)
    assert report.destinations["rejected"] == 0 and report.reasons["dns_unknown"] == 60
    assert 0 < len(server.resolver.dropped) < 30  # gave up: most domains were never asked
    assert any(w.code == "dns_stopped" and w.message.startswith("DNS stopped answering part-way")
               for w in report.warnings)


def test_a_lost_packet_is_asked_again(tmp_path):
    """A try that gets no answer within the timeout is asked again, and the second answer counts."""
    with ZoneServer(LosesFirstTry(CANARIES + "correo-mx.es. 300 IN MX 10 mx.correo-mx.es.")) as server:
        source = write_list(tmp_path, ["correo-mx.es", "no-existe-nunca.es"])
        # The second try comes after dnspython's backoff (0.1 s) and gets what is left of the lifetime,
        # twice the timeout: 0.15 s, time enough for a server on 127.0.0.1.
        report = dns_check(source, server, timeout=0.25)
    assert ("no-existe-nunca.es", "MX") in server.resolver.lost  # its first try was indeed lost
    assert report.dns.resolver_trusted and report.reasons["dns_unknown"] == 0
    assert report.reasons["domain_not_found"] == 1


def test_a_dead_first_nameserver_gives_way_to_the_next(tmp_path, silent_server, dns_server):
    """Questions the first nameserver leaves unanswered go to the next one."""
    source = write_list(tmp_path, ["correo-mx.es", "no-existe-nunca.es"])
    report = dns_check(source, silent_server, dns_server, timeout=0.1)
    assert ("gmail.com", "MX") in silent_server.questions  # the dead one was asked first
    assert report.dns.resolver_trusted
    assert report.reasons["domain_not_found"] == 1 and report.reasons["dns_unknown"] == 0


def test_dns_concurrency_is_how_many_lookups_are_in_flight(tmp_path):
    """With a concurrency of 4, four lookups are in flight together, and never more."""
    with ZoneServer(WaitsForCompany(CANARIES, width=4, wildcard_mx=True)) as server:
        source = write_list(tmp_path, [f"empresa{i}.es" for i in range(12)])  # three rounds of four
        report = dns_check(source, server, timeout=30, concurrency=4)
    assert server.resolver.most_in_flight == 4
    assert report.dns.resolver_trusted and report.reasons["dns_unknown"] == 0


@pytest.mark.parametrize("zone", [
    "gmail.com. 300 IN MX 5 mx.gmail.com.",  # holds one canary, and says every other name does not exist
    "gmail.com. 300 IN A 142.250.1.1\noutlook.com. 300 IN A 1.2.3.4\nyandex.ru. 300 IN A 5.6.7.8",  # no MX
])
def test_the_resolver_check_wants_the_mx_of_every_canary(tmp_path, zone):
    with ZoneServer(ZoneResolver(zone)) as server:
        source = write_list(tmp_path, ["no-existe-nunca.es"])
        report = dns_check(source, server, timeout=1)
    assert not report.dns.resolver_trusted and report.destinations["rejected"] == 0


def test_an_mx_pointing_nowhere_is_a_null_mx(tmp_path):
    with ZoneServer(ZoneResolver(CANARIES + "a-ninguna-parte.es. 300 IN MX 10 .")) as server:
        source = write_list(tmp_path, ["a-ninguna-parte.es"])
        report = dns_check(source, server, timeout=1)
    assert report.reasons["null_mx"] == 1


def test_a_cache_row_with_an_unknown_code_is_asked_again(tmp_path, dns_server):
    import sqlite3

    source = write_list(tmp_path, ["no-existe-nunca.es"])
    cache = tmp_path / "dns.sqlite3"
    dns_check(source, dns_server, cache=str(cache))
    with sqlite3.connect(cache) as connection:
        connection.execute("UPDATE verdicts SET reason = 'gone_fishing'")
    report = dns_check(source, dns_server, cache=str(cache))
    assert report.dns.cache_hits == 0 and report.reasons["domain_not_found"] == 1


def test_typo_rows_are_not_asked(tmp_path, dns_server):
    source = write_list(tmp_path, ["gmial.com"])
    report = dns_check(source, dns_server)
    assert report.dns.domains == 0 and report.reasons["typo_domain"] == 1


def test_no_dns_asks_nothing(tmp_path, dns_server):
    source = write_list(tmp_path, ["no-existe-nunca.es"])
    before = dns_server.resolver.queries
    report = check_file(str(source), dns=None)
    assert report.dns.checked is False and report.destinations["clean"] == 1
    assert dns_server.resolver.queries == before


def test_the_cache_answers_the_second_run(tmp_path, dns_server):
    source = write_list(tmp_path, ["correo-mx.es", "no-existe-nunca.es", "rechazada.es"])
    cache = tmp_path / "dns.sqlite3"
    first = dns_check(source, dns_server, cache=str(cache))
    second = dns_check(source, dns_server, cache=str(cache))
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
    assert checker.stats.queries == 3 + 1 + 1 + 3  # the canaries' MX and the rewriting probe; MX; MX + A + AAAA


def test_a_corrupted_cache_file_is_survived(tmp_path, dns_server):
    source = write_list(tmp_path, ["correo-mx.es"])
    cache = tmp_path / "dns.sqlite3"
    cache.write_bytes(b"this is not a database" * 100)
    report = dns_check(source, dns_server, cache=str(cache))
    assert report.destinations == {"clean": 1, "rejected": 0} and report.dns.resolver_trusted
    assert [(w.code, w.message) for w in report.warnings] == [
        ("dns_cache_unopened", (f"The DNS cache {cache} could not be opened (file is not a database); this run went "
                               "without it."))]


# Real networks (issue 14): a blocked canary, resolvers that rewrite "does not exist", parked domains.
REAL_CASES = ["correo-mx.es", "sin-correo.es", "solo-txt.es", "no-existe-nunca.es"]


def reasons_by_domain(tmp_path, domains, server):
    """The report, and each domain's reason code (empty: valid), from both annotated outputs."""
    source = write_list(tmp_path, domains)
    report = check_file(str(source), dns=DnsSettings(nameservers=(server.address,), timeout=2.0, cache=False),
                        output=OutputSettings(annotate=True))
    found = {}
    for name in ("clean", "rejected"):
        with open(tmp_path / f"lista.{name}.csv", newline="", encoding="utf-8") as handle:
            found |= {row["email"].split("@")[1]: row["listcheck_reason"] for row in csv.DictReader(handle)}
    return report, {domain: found[domain] for domain in domains}


def test_a_resolver_that_refuses_one_country_is_trusted_by_quorum(tmp_path, partial_server):
    """.ru is refused, so yandex.ru fails; gmail.com and outlook.com make the quorum, and the verdicts count."""
    report, reasons = reasons_by_domain(tmp_path, REAL_CASES, partial_server)
    assert report.dns.resolver_trusted
    assert reasons == {"correo-mx.es": "", "sin-correo.es": "null_mx", "solo-txt.es": "no_mail_server",
                       "no-existe-nunca.es": "domain_not_found"}
    (warning,) = report.warnings
    assert warning.code == "canaries_failed"
    assert "yandex.ru: the resolver refused to answer" in warning.message and "gmail.com, outlook.com" in warning.message


def test_a_resolver_that_rewrites_does_not_exist_gives_addresses_no_weight(tmp_path, rewriting_server):
    """An address proves nothing behind such a resolver; MX answers and "does not exist" still count."""
    domains = ["correo-mx.es", "solo-a-publica.es", "solo-aaaa.es", "no-existe-nunca.es", "sin-correo.es"]
    report, reasons = reasons_by_domain(tmp_path, domains, rewriting_server)
    assert report.dns.resolver_trusted
    assert reasons == {"correo-mx.es": "", "solo-a-publica.es": "dns_unknown", "solo-aaaa.es": "dns_unknown",
                       "no-existe-nunca.es": "domain_not_found", "sin-correo.es": "null_mx"}
    assert [warning.code for warning in report.warnings] == ["nxdomain_rewritten"]
    assert report.counts["valid"] == 1  # correo-mx.es alone


def test_an_honest_resolver_is_not_taken_for_a_rewriting_one(tmp_path, dns_server):
    report, reasons = reasons_by_domain(tmp_path, ["solo-a-publica.es"], dns_server)
    assert reasons == {"solo-a-publica.es": ""} and report.warnings == []


@pytest.mark.parametrize(("domain", "reason"), [("aparcado.es", "no_mail_server"), ("web-con-spf.es", "")])
def test_a_domain_whose_spf_rejects_every_sender_and_has_no_mx_takes_no_mail(tmp_path, dns_server, domain, reason):
    report, reasons = reasons_by_domain(tmp_path, [domain], dns_server)
    assert reasons == {domain: reason}
    if reason:
        assert "v=spf1 -all" in report.examples["no_mail_server"][0].detail
