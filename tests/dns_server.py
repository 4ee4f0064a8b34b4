"""A real DNS server on 127.0.0.1 for tests and benchmarks, serving zones the caller writes (dnslib).

It answers like a recursive resolver would for the names it holds: records of the asked type,
CNAME chains followed, NOERROR with no data for a name that has other records, NXDOMAIN for a name it
does not hold. Modes for the unhappy paths: zones it refuses, NXDOMAIN for everything, questions it
drops (as a lossy network or a dead server does), a delay before each answer (for benchmarks, which
measure a network's latency). ``SilentServer`` binds a port, notes the questions and never answers.
"""

from __future__ import annotations

import multiprocessing
import socket
import threading
import time
from typing import Self

from dnslib import QTYPE, RCODE, RR, DNSError, DNSLabel, DNSRecord
from dnslib.server import BaseResolver, DNSLogger, DNSServer

CANARIES = ("gmail.com", "outlook.com", "yandex.ru")  # the names listcheck asks first (deliverability.py)


class ZoneResolver(BaseResolver):
    """Answers from a zone text; counts the queries it receives."""

    def __init__(self, zone: str, *, refused: tuple[str, ...] = (), nxdomain_everything: bool = False,
                 delay: float = 0.0, wildcard_mx: bool = False, rewrite_to: str = "") -> None:
        self.records: dict[DNSLabel, list[RR]] = {}
        for record in RR.fromZone(zone) if zone.strip() else []:
            self.records.setdefault(record.rname, []).append(record)
        self.refused = [DNSLabel(name) for name in refused]
        self.nxdomain_everything = nxdomain_everything
        self.delay = delay
        self.wildcard_mx = wildcard_mx  # every name not in the zone has an MX (for benchmarks)
        # An ISP's resolver that answers an A question for a name that does not exist with the address
        # of its own search page ("NXDOMAIN rewriting").
        self.rewrite_to = rewrite_to
        self._counter = multiprocessing.Value("l", 0)  # shared with a server in another process

    @property
    def queries(self) -> int:
        """How many queries the server has received."""
        return self._counter.value

    def drops(self, name: str, qtype: str) -> bool:
        """Whether to leave this question unanswered, as a lossy network or a dying server does
        (subclasses decide; this server answers everything)."""
        return False

    def resolve(self, request, handler):
        with self._counter.get_lock():
            self._counter.value += 1
        if self.drops(str(request.q.qname).rstrip("."), QTYPE[request.q.qtype]):
            raise DNSError("dropped")  # dnslib's handler then sends nothing
        if self.delay:
            time.sleep(self.delay)  # a network's latency, for benchmarks/dns.py
        reply = request.reply()
        qname, qtype = request.q.qname, QTYPE[request.q.qtype]
        if self.nxdomain_everything:
            reply.header.rcode = RCODE.NXDOMAIN
            return reply
        if any(qname.matchSuffix(zone) for zone in self.refused):
            reply.header.rcode = RCODE.REFUSED
            return reply
        name = qname
        for _ in range(8):  # follow a CNAME chain, as a recursive resolver does
            held = self.records.get(name, [])
            if not held:
                if self.wildcard_mx and name == qname:
                    if qtype == "MX":
                        reply.add_answer(*RR.fromZone(f"{name} 300 IN MX 10 mx.{name}"))
                    return reply
                if name == qname and self.rewrite_to and qtype == "A":
                    reply.add_answer(*RR.fromZone(f"{name} 300 IN A {self.rewrite_to}"))
                elif name == qname:
                    reply.header.rcode = RCODE.NXDOMAIN
                return reply
            matching = [rr for rr in held if QTYPE[rr.rtype] == qtype]
            if matching:
                reply.add_answer(*matching)
                return reply
            aliases = [rr for rr in held if QTYPE[rr.rtype] == "CNAME"]
            if not aliases:
                return reply  # the name exists, with no record of this type
            reply.add_answer(*aliases)
            name = aliases[0].rdata.label
        return reply


class WaitsForCompany(ZoneResolver):
    """Holds each question but the canaries' until ``width`` are waiting, then answers them all. A
    client that asks ``width`` at a time goes through at once, and ``most_in_flight`` is ``width``;
    one that asks more at a time shows more, one that asks fewer waits (30 s) and shows fewer."""

    def __init__(self, *args, width, **kwargs):
        super().__init__(*args, **kwargs)
        self._company = threading.Barrier(width)
        self._lock = threading.Lock()
        self.in_flight = self.most_in_flight = 0

    def resolve(self, request, handler):
        name = str(request.q.qname).rstrip(".")
        if name in CANARIES or name.startswith("listcheck-"):  # the resolver check, its rewriting probe too
            return super().resolve(request, handler)
        with self._lock:
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            self._company.wait(timeout=30)
        except threading.BrokenBarrierError:
            pass  # fewer questions than ``width`` ever came together: most_in_flight says so
        with self._lock:
            self.in_flight -= 1  # before the answer leaves, so the client's next question counts anew
        return super().resolve(request, handler)


class ZoneServer:
    """A UDP DNS server on 127.0.0.1 and a free port, in a thread. Use as a context manager."""

    def __init__(self, resolver: ZoneResolver) -> None:
        self.resolver = resolver
        self._server = DNSServer(resolver, address="127.0.0.1", port=0, logger=DNSLogger("-request,-reply,-truncated,-error,-recv,-send,-data"))
        self.port = self._server.server.server_address[1]

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def __enter__(self) -> Self:
        # socketserver notices a shutdown between waits for a request: short waits make stopping quick
        # (dnslib's start_thread would wait half a second).
        server = self._server.server
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.stop()
        self._server.server.server_close()


class ProcessZoneServer:
    """The same server in a process of its own, so that it does not share the interpreter (and its
    lock) with the client being measured. For benchmarks."""

    def __init__(self, resolver: ZoneResolver) -> None:
        self.resolver = resolver
        self._ready: multiprocessing.Queue = multiprocessing.Queue()
        self._stop = multiprocessing.Event()
        self._process = multiprocessing.Process(target=_serve, args=(resolver, self._ready, self._stop), daemon=True)

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def __enter__(self) -> Self:
        self._process.start()
        self.port = self._ready.get(timeout=30)
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._process.join(timeout=10)


def _serve(resolver: ZoneResolver, ready: multiprocessing.Queue, stop: multiprocessing.Event) -> None:
    with ZoneServer(resolver) as server:
        ready.put(server.port)
        stop.wait()


class SilentServer:
    """A UDP port on 127.0.0.1 that receives queries, notes each question, and never answers.

    ``first_query`` is set when the first query arrives: a sign that a client has started asking."""

    def __enter__(self) -> Self:
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self._socket.bind(("127.0.0.1", 0))
        self.port = self._socket.getsockname()[1]
        self.questions: list[tuple[str, str]] = []  # (name, type) of each query received, in order
        self.first_query = threading.Event()
        self._closing = False
        self._thread = threading.Thread(target=self._receive, daemon=True)
        self._thread.start()
        return self

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def _receive(self) -> None:
        while True:
            data, _ = self._socket.recvfrom(4096)
            if self._closing:
                return
            question = DNSRecord.parse(data).q
            self.questions.append((str(question.qname).rstrip("."), QTYPE[question.qtype]))
            self.first_query.set()

    def __exit__(self, *exc: object) -> None:
        self._closing = True
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as waker:  # ends the wait for a datagram
            waker.sendto(b"", ("127.0.0.1", self.port))
        self._thread.join()
        self._socket.close()
