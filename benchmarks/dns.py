"""DNS speed: listcheck's concurrent lookups against sequential per-domain lookups, in the same run.

    python benchmarks/dns.py          # a slow network: every answer after 50 ms
    python benchmarks/dns.py --fast   # a fast local server, 20,000 distinct domains

With ``--fast`` nothing waits on the network, so what is measured is listcheck's own cost per
domain, its resolver check and the parked-domain SPF lookups included, against a bare asyncio loop
over dnspython asking the same questions with the same concurrency and no cache, the two taking
turns. Target (issue 14): listcheck's rate at least 0.8 of the bare loop's.

A DNS server on 127.0.0.1 (tests/dns_server.py), in a process of its own, answers every query after
50 ms. The list has 3,000
rows over 600 distinct domains: 70% with MX, 15% with only a public A record, 10% that do not exist,
5% with only a TXT record. The baseline asks the same questions (MX, then A and AAAA when there is no
MX) one domain after another with dnspython's blocking resolver, as a simple script would. Targets
(issue 4): ratio at least 15, at most 3 queries per distinct domain.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

# This file is named as the issue asks, which shadows dnspython's "dns" package for a script run
# from this folder: take the folder off the import path first.
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(HERE.parent / "tests"))

import dns.asyncresolver
import dns.resolver

from dns_server import ProcessZoneServer, ZoneResolver
from listcheck import check_file
from listcheck.checks.deliverability import CANARY_DOMAINS, DeliverabilityChecker
from listcheck.settings import DnsSettings

DELAY = 0.05
DOMAINS = 600
ROWS = 3000


def build_zone(domains: list[str], rng: random.Random) -> str:
    lines = [f"{canary}. 300 IN MX 10 mx.{canary}." for canary in CANARY_DOMAINS]  # the resolver check
    for domain in domains:
        roll = rng.random()
        if roll < 0.70:
            lines.append(f"{domain}. 300 IN MX 10 mx.{domain}.")
        elif roll < 0.85:
            lines.append(f"{domain}. 300 IN A 93.184.215.{rng.randint(1, 254)}")
        elif roll < 0.95:
            pass  # does not exist
        else:
            lines.append(f'{domain}. 300 IN TXT "v=spf1 -all"')
    return "\n".join(lines)


def sequential(domains: list[str], port: int) -> None:
    resolver = dns.resolver.Resolver(configure=False)
    resolver.nameservers = ["127.0.0.1"]
    resolver.port = port
    resolver.cache = None
    for domain in domains:
        try:
            resolver.resolve(domain, "MX", search=False)
            continue
        except dns.resolver.NoAnswer:
            pass
        except dns.resolver.NXDOMAIN:
            continue
        for rdtype in ("A", "AAAA"):
            try:
                resolver.resolve(domain, rdtype, search=False)
                break
            except dns.resolver.NoAnswer:
                continue


async def bare_loop(domains: list[str], port: int, concurrency: int) -> None:
    """What a script written straight on dnspython's asyncio resolver would do: MX, then A and AAAA."""
    resolver = dns.asyncresolver.Resolver(configure=False)
    resolver.nameservers = ["127.0.0.1"]
    resolver.port = port
    resolver.cache = None
    semaphore = asyncio.Semaphore(concurrency)

    async def ask(domain: str) -> None:
        async with semaphore:
            try:
                await resolver.resolve(domain, "MX", search=False)
                return
            except dns.resolver.NoAnswer:
                pass
            except dns.resolver.NXDOMAIN:
                return
            for rdtype in ("A", "AAAA"):
                try:
                    await resolver.resolve(domain, rdtype, search=False)
                    return
                except dns.resolver.NoAnswer:
                    continue

    await asyncio.gather(*(ask(domain) for domain in domains))


def fast(rounds: int = 3, count: int = 20_000, concurrency: int = 64) -> None:
    rng = random.Random(14)
    domains = [f"empresa-{i:05d}.es" for i in range(count)]
    with ProcessZoneServer(ZoneResolver(build_zone(domains, rng))) as server:
        ours, bare = [], []
        for _ in range(rounds):
            checker = DeliverabilityChecker(nameservers=[("127.0.0.1", server.port)], concurrency=concurrency)
            started = time.perf_counter()
            answers = checker.check(domains)
            ours.append(time.perf_counter() - started)
            assert checker.stats.resolver_trusted and len(answers) == count
            started = time.perf_counter()
            asyncio.run(bare_loop(domains, server.port, concurrency))
            bare.append(time.perf_counter() - started)
    ours_rate, bare_rate = count / statistics.median(ours), count / statistics.median(bare)
    print(f"distinct domains: {count:,}, a local server without delay, concurrency {concurrency}, "
          f"median of {rounds} turns each")
    print(f"bare dnspython asyncio loop: {bare_rate:8,.0f} domains/s")
    print(f"listcheck:                   {ours_rate:8,.0f} domains/s")
    print(f"ratio listcheck / bare loop: {ours_rate / bare_rate:.2f} (target at least 0.8)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fast", action="store_true", help="20,000 domains against a fast local server")
    if parser.parse_args().fast:
        fast()
        return
    rng = random.Random(4)
    domains = [f"empresa-{i:04d}.es" for i in range(DOMAINS)]
    rows = [f"persona{i}@{rng.choice(domains)}" for i in range(ROWS)]
    with ProcessZoneServer(ZoneResolver(build_zone(domains, rng), delay=DELAY)) as server, \
            tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "lista.csv"
        source.write_text("email\n" + "\n".join(rows) + "\n")
        distinct = len({row.split("@")[1] for row in rows})

        before = server.resolver.queries
        started = time.perf_counter()
        report = check_file(str(source), dns=DnsSettings(nameservers=(server.address,), cache=False))
        ours = time.perf_counter() - started
        our_queries = server.resolver.queries - before

        before = server.resolver.queries
        started = time.perf_counter()
        sequential(sorted({row.split("@")[1] for row in rows}), server.port)
        baseline = time.perf_counter() - started
        baseline_queries = server.resolver.queries - before

    print(f"rows: {ROWS}, distinct domains: {distinct}, server delay: {DELAY * 1000:.0f} ms per answer")
    print(f"sequential lookups: {baseline:.2f} s, {baseline_queries} queries")
    print(f"listcheck check:    {ours:.2f} s, {our_queries} queries (the server's count; "
          f"{our_queries / distinct:.2f} per distinct domain, the resolver check included)")
    assert report.dns.resolver_trusted, report.warnings
    print(f"ratio sequential / listcheck: {baseline / ours:.1f} (target at least 15)")
    print(f"verdicts: {report.reasons['domain_not_found']} rows domain_not_found, "
          f"{report.reasons['no_mail_server']} no_mail_server, {report.destinations['clean']} clean")


if __name__ == "__main__":
    main()
