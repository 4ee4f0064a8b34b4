"""A real DNS server on 127.0.0.1 for tests and benchmarks, serving zones the caller writes (dnslib).

It answers like a recursive resolver would for the names it holds: records of the asked type,
CNAME chains followed, NOERROR with no data for a name that has other records, NXDOMAIN for a name it
does not hold. Modes for the unhappy paths: zones it refuses, NXDOMAIN for everything, a delay before
each answer. ``SilentServer`` binds a port and never answers.
"""

from __future__ import annotations

import multiprocessing
import socket
import time

from dnslib import QTYPE, RCODE, RR, DNSLabel
from dnslib.server import BaseResolver, DNSLogger, DNSServer


class ZoneResolver(BaseResolver):
    """Answers from a zone text; counts the queries it receives."""

    def __init__(self, zone: str, *, refused: tuple[str, ...] = (), nxdomain_everything: bool = False,
                 delay: float = 0.0, wildcard_mx: bool = False) -> None:
        self.records: dict[DNSLabel, list[RR]] = {}
        for record in RR.fromZone(zone) if zone.strip() else []:
            self.records.setdefault(record.rname, []).append(record)
        self.refused = [DNSLabel(name) for name in refused]
        self.nxdomain_everything = nxdomain_everything
        self.delay = delay
        self.wildcard_mx = wildcard_mx  # every name not in the zone has an MX (for benchmarks)
        self._counter = multiprocessing.Value("l", 0)  # shared with a server in another process

    @property
    def queries(self) -> int:
        """How many queries the server has received."""
        return self._counter.value

    def resolve(self, request, handler):
        with self._counter.get_lock():
            self._counter.value += 1
        if self.delay:
            time.sleep(self.delay)
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
                if name == qname:
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


class ZoneServer:
    """A UDP DNS server on 127.0.0.1 and a free port, in a thread. Use as a context manager."""

    def __init__(self, resolver: ZoneResolver) -> None:
        self.resolver = resolver
        self._server = DNSServer(resolver, address="127.0.0.1", port=0, logger=DNSLogger("-request,-reply,-truncated,-error,-recv,-send,-data"))
        self.port = self._server.server.server_address[1]

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def __enter__(self) -> ZoneServer:
        self._server.start_thread()
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

    def __enter__(self) -> ProcessZoneServer:
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
    """A UDP port on 127.0.0.1 that receives queries and never answers."""

    def __enter__(self) -> SilentServer:
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self._socket.bind(("127.0.0.1", 0))
        self.port = self._socket.getsockname()[1]
        return self

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def __exit__(self, *exc: object) -> None:
        self._socket.close()
