"""An mbox of 100,000 bounces: listcheck's time and peak memory, beside the standard library's floor.

    python benchmarks/bounces.py [--messages 100000] [--repeat 3]

The mbox is generated (our own messages, in the shapes mail servers write: RFC 3464 reports with one
or two recipients, a Postfix-style text bounce, an Exim one with X-Failed-Recipients, ARF complaints,
out-of-office replies), over 40,000 distinct addresses and 60 days. Contenders run in processes of
their own, in turns, ``--repeat`` times; the median time is reported with each one's peak resident
memory (``wait4``'s ``ru_maxrss``):

- floor: the standard library alone: ``mailbox.mbox`` and ``email.message_from_bytes`` over every
  message, walking its parts, nothing decided or written;
- listcheck: ``listcheck bounces MBOX -o OUT -q``, which reads, classifies, decides and writes both files;
- listcheck at a tenth of the messages, to show that memory stays flat as the mbox grows.

Target (issue 15): 100,000 bounces in at most 60 s here, memory flat (streamed).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

FLOOR = """
import email, mailbox, sys
for message in mailbox.mbox(sys.argv[1], factory=None, create=False):
    parsed = email.message_from_bytes(message.as_bytes())
    for part in parsed.walk():
        part.get_payload(decode=True)
"""

_DSN = """From MAILER-DAEMON {ctime}
Return-Path: <>
From: Mail Delivery System <MAILER-DAEMON@mx{n}.example.net>
To: news@sender.example
Subject: Undelivered Mail Returned to Sender
Date: {date}
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="b{n}"

--b{n}
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx{n}.example.net. Your message could not be delivered.

--b{n}
Content-Type: message/delivery-status

Reporting-MTA: dns; mx{n}.example.net
Arrival-Date: {date}

{recipients}
--b{n}
Content-Type: text/rfc822-headers

From: news@sender.example
To: {first}
Subject: Novedades de diciembre

--b{n}--

"""
_RECIPIENT = """Final-Recipient: rfc822; {address}
Action: {action}
Status: {status}
Diagnostic-Code: smtp; {reply} {status} {words}

"""
_TEXT = """From MAILER-DAEMON {ctime}
From: MAILER-DAEMON@relay{n}.example.org
To: news@sender.example
Subject: Mail delivery failed: returning message to sender
Date: {date}
X-Failed-Recipients: {first}

This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  {first}
    host mx.example.org [192.0.2.{last_octet}]
    SMTP error from remote mail server after RCPT TO:<{first}>:
    550 5.1.1 <{first}>: Recipient address rejected: User unknown in virtual mailbox table

"""
_COMPLAINT = """From feedback@isp.example {ctime}
From: feedback@isp.example
To: abuse@sender.example
Subject: Abuse report
Date: {date}
MIME-Version: 1.0
Content-Type: multipart/report; report-type=feedback-report; boundary="f{n}"

--f{n}
Content-Type: text/plain

This is an email abuse report.

--f{n}
Content-Type: message/feedback-report

Feedback-Type: abuse
User-Agent: isp-fbl/1.0
Version: 1
Original-Rcpt-To: {first}

--f{n}
Content-Type: message/rfc822

From: news@sender.example
To: {first}
Subject: Novedades de diciembre

Hola.

--f{n}--

"""
_AUTOREPLY = """From {first} {ctime}
From: {first}
To: news@sender.example
Subject: =?utf-8?q?Respuesta_autom=C3=A1tica=3A_Novedades_de_diciembre?=
Date: {date}
Auto-Submitted: auto-replied

Estoy fuera de la oficina hasta el lunes.

"""
_FAILURES = [("failed", "5.1.1", "550", "Recipient address rejected: User unknown"),
             ("failed", "5.2.2", "552", "Mailbox full, quota exceeded"),
             ("failed", "5.7.1", "550", "Service unavailable; client host blocked using zen.spamhaus.org"),
             ("delayed", "4.4.1", "451", "Connection timed out"),
             ("failed", "5.1.2", "550", "Host or domain name not found"),
             ("failed", "5.7.26", "550", "Unauthenticated email is not accepted: DMARC policy")]


def write_mbox(path: Path, messages: int, seed: int = 15) -> None:
    """``messages`` bounces in the shapes above, deterministic for a seed."""
    chooser = random.Random(seed)
    start = datetime(2026, 10, 1, tzinfo=UTC)
    with open(path, "w", encoding="ascii", newline="\n") as handle:
        for n in range(messages):
            moment = start + timedelta(seconds=chooser.randrange(60 * 86400))
            people = [f"persona{chooser.randrange(40_000)}@dominio{chooser.randrange(300)}.example"
                      for _ in range(2 if chooser.random() < 0.1 else 1)]
            values = {"n": n, "ctime": moment.strftime("%a %b %d %H:%M:%S %Y"),
                      "date": moment.strftime("%a, %d %b %Y %H:%M:%S +0000"), "first": people[0],
                      "last_octet": n % 250 + 1}
            shape = chooser.random()
            if shape < 0.75:
                recipients = ""
                for address in people:
                    action, status, reply, words = chooser.choice(_FAILURES)
                    recipients += _RECIPIENT.format(address=address, action=action, status=status, reply=reply,
                                                    words=words)
                handle.write(_DSN.format(recipients=recipients, **values))
            elif shape < 0.9:
                handle.write(_TEXT.format(**values))
            elif shape < 0.95:
                handle.write(_COMPLAINT.format(**values))
            else:
                handle.write(_AUTOREPLY.format(**values))


def run(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of one process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{command[:3]} failed with status {os.waitstatus_to_exitcode(status)}")
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        big, small = Path(folder, "bounces.mbox"), Path(folder, "small.mbox")
        write_mbox(big, arguments.messages)
        write_mbox(small, max(1, arguments.messages // 10))
        print(f"mbox: {arguments.messages:,} messages, {big.stat().st_size / 2**20:.1f} MiB "
              f"(and a tenth: {small.stat().st_size / 2**20:.1f} MiB)")
        listcheck = [sys.executable, "-m", "listcheck", "bounces", "-q", "--as-of", "2026-12-01", "-o"]
        contenders = {
            "floor (stdlib parse)": [sys.executable, "-c", FLOOR, str(big)],
            "listcheck": [*listcheck, str(Path(folder, "out")), str(big)],
            "listcheck, a tenth": [*listcheck, str(Path(folder, "out-small")), str(small)],
        }
        results: dict[str, list[tuple[float, float]]] = {name: [] for name in contenders}
        for _ in range(arguments.repeat):
            for name, command in contenders.items():
                results[name].append(run(command))
        for name, runs in results.items():
            print(f"{name:22} median {statistics.median(t for t, _ in runs):6.1f} s   "
                  f"min {min(t for t, _ in runs):6.1f} s   peak {max(m for _, m in runs):6.0f} MiB")
        ours = statistics.median(t for t, _ in results["listcheck"])
        floor = statistics.median(t for t, _ in results["floor (stdlib parse)"])
        big_peak = max(m for _, m in results["listcheck"])
        small_peak = max(m for _, m in results["listcheck, a tenth"])
        print(f"listcheck / floor: {ours / floor:.2f}   "
              f"{arguments.messages / ours:,.0f} messages/s   "
              f"peak memory at all / at a tenth of the messages: {big_peak / small_peak:.2f}")


if __name__ == "__main__":
    main()
