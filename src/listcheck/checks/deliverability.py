"""Does a domain accept mail? Asked of DNS for every distinct domain of a list, concurrently.

What a DNS check proves is that the domain can receive mail: it exists, and it names a mail server
(MX) or, lacking one, has an address a sender may fall back to (RFC 5321 5.1). It says nothing of
the mailbox; listcheck deliberately does not ask mail servers (SMTP probing gets senders blocked).

A DNS answer rejects an address only when the resolver has shown it can be trusted: before any
lookup, a domain that certainly receives mail (``gmail.com``) must resolve to MX records. Captive
portals, sandboxes and broken networks answer "does not exist" for everything; behind such a
resolver every DNS verdict is ``dns_unknown`` and the report says why.
"""

from __future__ import annotations

import asyncio
import contextvars
import ipaddress
import secrets
import socket
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import TYPE_CHECKING

from listcheck.checks.dns_answers import DnsSummary, DomainAnswer, settled_answer, unknown_answer
from listcheck.errors import UsageError
from listcheck.messages import RunWarning, number, say, warn
from listcheck.reasons import Reason

if TYPE_CHECKING:  # dnspython is slow to import; only runs that ask DNS pay for it
    import dns.asyncresolver

    from listcheck.checks.dns_cache import DnsCache
    from listcheck.settings import DnsSettings

# Domains that certainly receive mail, of different operators in different countries. A resolver is
# trusted when it finds the MX records of a quorum of them: no one country's block (Ukraine's of
# Russian services) or one provider's outage decides, and a captive portal or a sandbox, which
# answers "does not exist" for everything, fails them all.
CANARY_DOMAINS = ("gmail.com", "outlook.com", "yandex.ru")
CANARY_QUORUM = 2
# The network has stopped answering when this many lookups in a row failed and none has succeeded for
# twice the time one lookup may take: stop waiting.
FAILURES_BEFORE_GIVING_UP = 8


Progress = Callable[[int, int], None]  # (domains done, domains in all)


class DeliverabilityChecker:
    """Judges domains over DNS. ``nameservers`` are ``(host, port)`` pairs; none means the system's."""

    def __init__(
        self,
        *,
        nameservers: Sequence[tuple[str, int]] = (),
        timeout: float = 5.0,
        concurrency: int = 64,
        cache: DnsCache | None = None,
        canaries: Sequence[str] = CANARY_DOMAINS,
        notes: Sequence[RunWarning] = (),
    ) -> None:
        self._nameservers = list(nameservers)
        self._timeout = timeout
        self._concurrency = max(1, concurrency)
        self._cache = cache
        self._canaries = canaries
        self._notes = list(notes)  # warnings from setting up, reported with the run's
        self._lifetime = self._lifetime_for(len(self._nameservers))
        self.stats = DnsSummary()
        self.warnings: list[RunWarning] = []
        self._rewrites = False  # the resolver answers names that do not exist with an address

    def _count(self, **changes: int | bool) -> None:
        self.stats = replace(self.stats, **changes)  # type: ignore[arg-type]  # DnsSummary's own fields

    def _lifetime_for(self, servers: int) -> float:
        return self._timeout * 2 * max(1, servers)

    def close(self) -> None:
        """Release the cache."""
        if self._cache is not None:
            self._cache.close()

    @property
    def resolver_id(self) -> str:
        """Names the resolver in the cache: answers of one resolver are not another's."""
        return ",".join(f"{host}:{port}" for host, port in self._nameservers) or "system"

    def check(self, domains: Iterable[str], progress: Progress | None = None) -> dict[str, DomainAnswer]:
        """Judge each distinct domain (ASCII form); every domain gets an answer, ``dns_unknown`` at worst."""
        wanted = sorted(set(domains))
        self.stats = DnsSummary(checked=True, domains=len(wanted))
        self.warnings = list(self._notes)
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return asyncio.run(self._check_all(wanted, progress))
        # Called from async code (a notebook, say): run in a thread of our own, with its own loop.
        with ThreadPoolExecutor(max_workers=1) as executor:
            # The thread runs in this run's context: it speaks the run's language (messages).
            return executor.submit(contextvars.copy_context().run, asyncio.run,
                                   self._check_all(wanted, progress)).result()

    async def _check_all(self, domains: list[str], progress: Progress | None) -> dict[str, DomainAnswer]:
        answers: dict[str, DomainAnswer] = {}
        if self._cache is not None:
            try:
                answers.update(self._cache.get_many(self.resolver_id, domains))
            except sqlite3.Error as error:
                self._drop_cache(error)
            self._count(cache_hits=len(answers))
        pending = [d for d in domains if d not in answers]
        if not domains:
            return answers

        # Asked on every run, so that the report's resolver_trusted is always a measurement. Cached
        # answers stay: they were only kept from runs whose resolver was trusted.
        resolver = self._resolver()
        trusted = resolver is not None and await self._trusted(resolver)
        self._count(resolver_trusted=trusted)
        if resolver is None or not trusted:
            unknown = unknown_answer("detail.dns_untrusted")
            return {**answers, **{d: unknown for d in pending}}

        semaphore = asyncio.Semaphore(self._concurrency)
        done = len(answers)
        failures_in_a_row = 0
        last_success = time.monotonic()
        gave_up = asyncio.Event()

        async def judge(domain: str) -> None:
            nonlocal done, failures_in_a_row, last_success
            async with semaphore:
                if gave_up.is_set():
                    answers[domain] = unknown_answer("detail.dns_stopped")
                else:
                    answer, failed = await self._judge(resolver, domain)
                    answers[domain] = answer
                    if not failed:
                        failures_in_a_row, last_success = 0, time.monotonic()
                    else:
                        failures_in_a_row += 1
                        silent_for = time.monotonic() - last_success
                        if failures_in_a_row >= FAILURES_BEFORE_GIVING_UP and silent_for > 2 * self._lifetime:
                            gave_up.set()
                done += 1
                if progress is not None:
                    progress(done, len(domains))

        await asyncio.gather(*(judge(domain) for domain in pending))
        unanswered = sum(1 for d in pending if answers[d].reason is Reason.DNS_UNKNOWN)
        if gave_up.is_set():
            self.warnings.append(warn("dns_stopped", len(pending), unanswered=number(unanswered)))
        elif unanswered * 2 > len(pending):
            self.warnings.append(warn("dns_unanswered", len(pending), unanswered=number(unanswered)))
        if self._cache is not None:
            try:
                self._cache.put_many(self.resolver_id, {d: answers[d] for d in pending})
            except sqlite3.Error as error:
                self._drop_cache(error)
        return answers

    def _drop_cache(self, error: sqlite3.Error) -> None:
        """A broken cache file is no reason not to check: go on without it, and say so."""
        self.warnings.append(warn("dns_cache_broken", error=error))
        self._cache = None

    def _resolver(self) -> dns.asyncresolver.Resolver | None:
        import dns.asyncresolver
        import dns.nameserver
        import dns.resolver

        try:
            resolver = dns.asyncresolver.Resolver(configure=not self._nameservers)
        except dns.resolver.NoResolverConfiguration:
            self.warnings.append(warn("no_resolver"))
            return None
        if self._nameservers:
            resolver.nameservers = [dns.nameserver.Do53Nameserver(host, port) for host, port in self._nameservers]
        # One try may take the timeout; a lookup may take two tries on each server, so that a lost
        # packet is asked again and a dead first server gives way to the next.
        resolver.timeout = self._timeout
        resolver.lifetime = self._lifetime_for(len(resolver.nameservers))
        self._lifetime = resolver.lifetime
        resolver.cache = None  # our own cache honours TTLs across runs
        return resolver

    async def _trusted(self, resolver: dns.asyncresolver.Resolver) -> bool:
        """Whether the resolver finds the MX records of a quorum of canaries (an address record is not
        enough). The canaries are asked at once, with a name that cannot exist, to see whether the
        resolver rewrites "does not exist" into an address."""
        problems = await asyncio.gather(*(self._canary_problem(resolver, canary) for canary in self._canaries),
                                        self._probe_rewriting(resolver))
        failed = {canary: problem for canary, problem in zip(self._canaries, problems) if problem}
        found = [canary for canary in self._canaries if canary not in failed]
        said = "; ".join(f"{canary}: {problem}" for canary, problem in failed.items())
        if len(found) < min(CANARY_QUORUM, len(self._canaries)):
            self.warnings.append(warn("resolver_untrusted", failures=said))
            return False
        if failed:
            self.warnings.append(warn("canaries_failed", failures=said, found=", ".join(found)))
        if self._rewrites:
            self.warnings.append(warn("nxdomain_rewritten"))
        return True

    async def _canary_problem(self, resolver: dns.asyncresolver.Resolver, canary: str) -> str:
        """What kept the resolver from finding the canary's mail servers; empty when it found them."""
        import dns.exception
        import dns.resolver

        try:
            mx = await self._query(resolver, canary, "MX")
            return "" if mx is not None and _from_mx(canary, mx).reason is None else say("problem.no_mx")
        except dns.exception.Timeout:
            self._count(timeouts=self.stats.timeouts + 1)
            return say("problem.timeout")
        except dns.resolver.NoNameservers:
            return say("problem.refused")
        except dns.exception.DNSException as error:
            return say("problem.nxdomain") if type(error).__name__ == "NXDOMAIN" else type(error).__name__

    async def _probe_rewriting(self, resolver: dns.asyncresolver.Resolver) -> str:
        """Ask for the address of a name that cannot exist: a resolver that gives one rewrites "does
        not exist" (an ISP's search page), and then an address proves nothing about a domain."""
        import dns.exception

        try:
            addresses = await self._query(resolver, f"listcheck-{secrets.token_hex(10)}.com", "A")
        except dns.exception.DNSException:
            return ""  # "does not exist", as it should be, or no answer: nothing learned
        self._rewrites = addresses is not None and any(_routable(record.to_text()) for record in addresses)
        return ""

    async def _judge(self, resolver: dns.asyncresolver.Resolver, domain: str) -> tuple[DomainAnswer, bool]:
        """The answer for one domain, and whether DNS failed to give one (a timeout, a server failure)."""
        import dns.exception
        import dns.resolver

        try:
            mx = await self._query(resolver, domain, "MX")
            if mx is not None:
                return _from_mx(domain, mx), False
            for rdtype in ("A", "AAAA"):
                addresses = await self._query(resolver, domain, rdtype)
                if addresses is not None and any(_routable(r.to_text()) for r in addresses):
                    return await self._by_address(resolver, domain, addresses), False
            return settled_answer(Reason.NO_MAIL_SERVER, domain), False
        except dns.resolver.NXDOMAIN:
            return settled_answer(Reason.DOMAIN_NOT_FOUND, domain), False
        except dns.exception.Timeout:
            self._count(timeouts=self.stats.timeouts + 1)
            return unknown_answer("detail.dns_timeout", domain=domain), True
        except dns.resolver.NoNameservers:
            return unknown_answer("detail.dns_refused", domain=domain), True
        except dns.exception.DNSException as error:
            return unknown_answer("detail.dns_failed", domain=domain, error=type(error).__name__), True

    async def _by_address(self, resolver: dns.asyncresolver.Resolver, domain: str,
                          addresses: dns.resolver.Answer) -> DomainAnswer:
        """A domain with no MX but an address (RFC 5321 5.1: mail may go there). Not evidence behind a
        resolver that rewrites "does not exist"; not a mail server when the domain's SPF says that no
        server sends its mail (``v=spf1 -all``, as parked domains publish)."""
        if self._rewrites:
            return unknown_answer("detail.dns_rewritten", domain=domain)
        texts = await self._query(resolver, domain, "TXT")
        if texts is not None and any(_rejects_all(b"".join(record.strings)) for record in texts):
            return DomainAnswer(Reason.NO_MAIL_SERVER, "detail.spf_rejects_all", (("domain", domain),))
        return DomainAnswer(None, ttl=addresses.rrset.ttl if addresses.rrset else 0)

    async def _query(self, resolver: dns.asyncresolver.Resolver, domain: str, rdtype: str) -> dns.resolver.Answer | None:
        """One lookup; None when the name exists but has no record of this type."""
        import dns.resolver

        self._count(queries=self.stats.queries + 1)
        try:
            return await resolver.resolve(domain, rdtype, search=False)
        except dns.resolver.NoAnswer:
            return None


def _from_mx(domain: str, answer: dns.resolver.Answer) -> DomainAnswer:
    exchanges = [(record.preference, record.exchange.to_text()) for record in answer]
    ttl = answer.rrset.ttl if answer.rrset else 0
    if all(exchange == "." for _, exchange in exchanges):  # RFC 7505, or an MX that points nowhere
        return settled_answer(Reason.NULL_MX, domain, ttl)
    return DomainAnswer(None, ttl=ttl)


def checker_for(settings: DnsSettings) -> DeliverabilityChecker:
    """The checker these settings ask for; a cache that cannot be opened is said, not fatal."""
    from listcheck.checks.dns_cache import DnsCache, default_cache_path

    try:
        servers = [parse_nameserver(text) for text in settings.nameservers]
    except ValueError as error:
        raise UsageError(say("usage.nameserver", problem=error)) from None
    store, problem = None, None
    if settings.cache:
        path = default_cache_path() if settings.cache is True else settings.cache
        try:
            store = DnsCache(path)
        except (OSError, DnsCache.Error) as error:  # a cache we cannot open is no reason not to check
            problem = warn("dns_cache_unopened", path=path, error=error)
    return DeliverabilityChecker(nameservers=servers, timeout=settings.timeout, concurrency=settings.concurrency,
                                 cache=store, notes=[problem] if problem is not None else [])


def _rejects_all(text: bytes) -> bool:
    """Whether a TXT record is an SPF policy that lets no server send the domain's mail: ``v=spf1``
    with ``-all`` and no mechanism that names a sender.

    >>> _rejects_all(b"v=spf1 -all"), _rejects_all(b"v=spf1 include:_spf.google.com -all"), _rejects_all(b"hi")
    (True, False, False)
    """
    terms = text.decode("ascii", errors="replace").lower().split()
    if not terms or terms[0] != "v=spf1":
        return False
    senders = [term for term in terms[1:] if not term.startswith(("exp=", "redirect=")) and term != "-all"]
    return "-all" in terms[1:] and not senders and not any(term.startswith("redirect=") for term in terms)


def _routable(text: str) -> bool:
    try:
        return ipaddress.ip_address(text).is_global
    except ValueError:
        return False


def parse_nameserver(text: str) -> tuple[str, int]:
    """``HOST[:PORT]`` (``[IPv6]:PORT`` with a port) as an IP address and a port; port 53 by default.

    A host name is looked up once, here, with the system's resolver; one that does not resolve is an
    error now rather than a silent timeout later.

    >>> parse_nameserver("127.0.0.1:5353"), parse_nameserver("1.1.1.1"), parse_nameserver("[::1]:53")
    (('127.0.0.1', 5353), ('1.1.1.1', 53), ('::1', 53))
    """
    host, port = text, "53"
    if text.startswith("["):
        host, _, rest = text[1:].partition("]")
        port = rest.removeprefix(":") if rest.startswith(":") else ("" if rest else "53")
    elif text.count(":") == 1:
        host, port = text.split(":")
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(say("usage.nameserver_port", text=text))
    try:
        ipaddress.ip_address(host)
    except ValueError:
        host = _address_of(host, text)
    return host, int(port)


def _address_of(host: str, text: str) -> str:
    if not host or host.startswith(":"):
        raise ValueError(say("usage.nameserver_form", text=text))
    try:
        found = socket.getaddrinfo(host, None, type=socket.SOCK_DGRAM)
    except (socket.gaierror, UnicodeError):
        raise ValueError(say("usage.nameserver_host", text=text)) from None
    return str(found[0][4][0])
