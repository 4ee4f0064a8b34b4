"""The fast MIME reader builds the email package's own tree (listcheck.bounces.mail_text._MimeReader).

_MimeReader re-implements email.feedparser (policy compat32) for speed, and leaves to the package
every message where the package would note a defect (it raises _Unusual). These tests hold it to
the package's tree, attribute by attribute, on messages written here and on random mutations of
them; and check that the well-formed ones really take the fast path, so that falling back to the
package every time cannot pass for agreeing with it.
"""

from __future__ import annotations

import email
import random
import re
from collections.abc import Callable
from email import policy
from email.message import Message
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from listcheck.bounces import mail_text

# The attributes of a compat32 Message: a new one in a later Python should fail here, not be skipped.
_ATTRIBUTES = {"policy", "_headers", "_unixfrom", "_payload", "_charset", "preamble", "epilogue", "defects",
               "_default_type"}


def tree(message: Message) -> dict[str, object]:
    """Everything the parser set on a message and its parts: the unix From line, the header fields in
    order as they came, the payload (text, or the parts' trees), preamble, epilogue, defects by kind,
    default type, charset and policy."""
    fields = vars(message)
    assert set(fields) == _ATTRIBUTES
    payload = fields["_payload"]
    return {
        "unixfrom": fields["_unixfrom"],
        "headers": list(fields["_headers"]),
        "payload": [tree(part) for part in payload] if isinstance(payload, list) else payload,
        "preamble": fields["preamble"],
        "epilogue": fields["epilogue"],
        "defects": [type(defect).__name__ for defect in fields["defects"]],
        "default_type": fields["_default_type"],
        "charset": fields["_charset"],
        "policy": fields["policy"],
    }


def package_tree(text: bytes) -> dict[str, object]:
    """The email package's tree of LF-only bytes."""
    return tree(email.message_from_bytes(text, policy=policy.compat32))


def fast_tree(text: bytes) -> dict[str, object]:
    """_MimeReader's tree of LF-only bytes, decoded as _parsed and email.parser.BytesParser decode them;
    raises _Unusual where the reader leaves the message to the package."""
    return tree(mail_text._MimeReader(text.decode("ascii", errors="surrogateescape")).root())


def has_defects(node: dict[str, object]) -> bool:
    payload = node["payload"]
    return bool(node["defects"]) or (isinstance(payload, list) and any(has_defects(part) for part in payload))


def lf(text: str) -> bytes:
    return text.encode("utf-8")


REPORT_HEAD = """From: Mail Delivery System <MAILER-DAEMON@mx.example.org>
To: ana@example.com
Subject: Undelivered Mail Returned to Sender
Date: Mon, 3 Mar 2025 10:00:00 +0100
MIME-Version: 1.0
"""
STATUS = """Reporting-MTA: dns; mx.example.org
Arrival-Date: Mon, 3 Mar 2025 10:00:00 +0100

Final-Recipient: rfc822; luis@example.net
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 <luis@example.net>: Recipient address rejected:
 User unknown in virtual mailbox table

Final-Recipient: rfc822; eva@example.net
Action: delayed
Status: 4.2.2
"""
ORIGINAL_HEADERS = """From: ana@example.com
To: luis@example.net
Subject: Hola
Message-ID: <1@example.com>
"""

# Messages that every reader of mail sees; the package notes no defect in any, so the fast path reads them.
WELL_FORMED: dict[str, bytes] = {
    "single part": lf("From: ana@example.com\nTo: luis@example.net\nSubject: Hola\n"
                      "Content-Type: text/plain; charset=utf-8\n\nUna línea.\n\nOtra línea.\n"),
    "no content type": lf("From: ana@example.com\nSubject: Hola\n\nbody\n"),
    "headers only": lf("From: ana@example.com\nSubject: Hola\n"),
    "headers only, no final line end": lf("From: ana@example.com\nSubject: Hola"),
    "empty body": lf("From: ana@example.com\nSubject: Hola\n\n"),
    "empty message": b"",
    "blank line only": b"\n",
    "body only": lf("\nno headers at all\n"),
    "no final line end": lf("Subject: Hola\n\nlast line without its end"),
    "folded headers": lf("Received: from mx.example.org (mx.example.org [192.0.2.1])\n\tby mx.example.net with ESMTP\n"
                         "\tid 12345; Mon, 3 Mar 2025 10:00:00 +0100\nSubject: a subject\n  folded twice\n"
                         "\tand with a tab\nX-Empty:\nX-Spaces:    padded   \n\nbody\n"),
    "8-bit bytes": lf("Subject: Résumé ñandú\nFrom: José <jose@example.es>\n")
                   + b"X-Latin: caf\xe9\n\n" + lf("Cuerpo en UTF-8: ñ ü €\n") + b"latin-1 \xf1\xe1\x80\xff\n",
    "unix From line": lf("From MAILER-DAEMON Mon Mar  3 10:00:00 2025\nFrom: ana@example.com\n\nbody\n"
                         "From the body, not a header\n"),
    "body starting like a header": lf("Subject: Hola\n\nNot: a header, the body\n"),
    "delivery report": lf(REPORT_HEAD + """Content-Type: multipart/report; report-type=delivery-status;
\tboundary="b0"

--b0
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

The mail system could not deliver your message.

--b0
Content-Description: Delivery report
Content-Type: message/delivery-status

""" + STATUS + """
--b0
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

""" + ORIGINAL_HEADERS + """
--b0--
"""),
    "report with the original message": lf(REPORT_HEAD + """Content-Type: multipart/report; boundary=b1;
 report-type=delivery-status

--b1
Content-Type: text/plain

Delivery failed.
--b1
Content-Type: message/delivery-status

""" + STATUS + """--b1
Content-Type: message/rfc822

""" + ORIGINAL_HEADERS + """Content-Type: text/plain

The original's body.
--b1--
"""),
    "mixed inside a report": lf(REPORT_HEAD + """Content-Type: multipart/report; boundary="outer"

preamble of the report
--outer
Content-Type: multipart/mixed; boundary="inner"

--inner
Content-Type: text/plain

first words
--inner
Content-Type: multipart/alternative; boundary="alt"

--alt
Content-Type: text/plain

plain
--alt
Content-Type: text/html

<p>html</p>
--alt--
epilogue of alt
--inner--
epilogue of inner

--outer
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.org

Final-Recipient: rfc822; luis@example.net
Action: failed
Status: 5.0.0

--outer--
"""),
    "close boundaries back to back": lf("""Content-Type: multipart/mixed; boundary="o"

--o
Content-Type: multipart/alternative; boundary="i"

--i
Content-Type: text/plain

x
--i--
--o
Content-Type: multipart/alternative; boundary="j"

--j

y
--j--

--o--
"""),
    "message/rfc822 holding a multipart": lf("""From: ana@example.com
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="m"

--m
Content-Type: text/plain

See attached.

--m
Content-Type: message/rfc822
Content-Disposition: attachment

From: luis@example.net
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="n"

--n
Content-Type: text/plain

inner plain
--n--

--m--
"""),
    "message/rfc822 as the whole body": lf("Subject: Fwd\nContent-Type: message/rfc822\n\n"
                                           + ORIGINAL_HEADERS + "\nforwarded body\n"),
    "text/rfc822-headers alone": lf("Content-Type: text/rfc822-headers\n\n" + ORIGINAL_HEADERS),
    "preamble and epilogue": lf("""Content-Type: multipart/mixed; boundary="pe"

This is a multi-part message in MIME format.
Second line of the preamble.

--pe
Content-Type: text/plain

part
--pe--

The epilogue,
over two lines.


"""),
    "close boundary at the very end": lf("Content-Type: multipart/mixed; boundary=\"e\"\n\n--e\n\nx\n--e--"),
    "boundary inside body lines": lf("""Content-Type: multipart/mixed; boundary="bd"

--bd
Content-Type: text/plain

This line mentions --bd in the middle.
--bdx is not the boundary, nor is --bd-- followed by words
 --bd with a space first is not either
--bd\t
Content-Type: text/plain

a boundary with a tab after it was a boundary
--bd--  
"""),
    "boundary with special characters": lf("""Content-Type: multipart/mixed;
 boundary="----=_Part_12.34+(x)?*[y]"

------=_Part_12.34+(x)?*[y]
Content-Type: text/plain

regex characters in the boundary
------=_Part_12.34+(x)?*[y]--
"""),
    "part without headers": lf("Content-Type: multipart/mixed; boundary=q\n\n--q\n\nno headers, text/plain\n--q--\n"),
    "part with headers and no body": lf("Content-Type: multipart/mixed; boundary=q\n\n--q\nX-Part: 1\n--q\n"
                                        "Content-Type: text/plain\n\nbody\n--q--\n"),
    "repeated boundary lines": lf("Content-Type: multipart/mixed; boundary=r\n\n--r\n--r\nContent-Type: text/plain\n"
                                  "\nafter a repeat\n--r--\n"),
    "empty parts": lf("Content-Type: multipart/mixed; boundary=s\n\n--s\n\n--s\n\n\n--s--\n"),
    "digest": lf("""Content-Type: multipart/digest; boundary="dg"

--dg

Subject: first in the digest

one
--dg
Content-Type: text/plain

explicitly text
--dg--
"""),
    "8-bit multipart": b"Content-Type: multipart/mixed; boundary=\"8\"\nSubject: \xe9t\xe9\n\n--8\n"
                       b"Content-Type: text/plain; charset=iso-8859-1\n\nd\xe9j\xe0 vu \xff\n--8--\n",
    "7bit transfer encoding on a multipart": lf("Content-Type: multipart/mixed; boundary=t\n"
                                                "Content-Transfer-Encoding: 7bit\n\n--t\n\nx\n--t--\n"),
}

# Messages the package notes a defect in: the reader must leave them to it.
WITH_DEFECTS: dict[str, bytes] = {
    "missing final boundary": lf("Content-Type: multipart/mixed; boundary=\"f\"\n\n--f\nContent-Type: text/plain\n"
                                 "\ncut off here\n"),
    "missing first boundary": lf("Content-Type: multipart/mixed; boundary=\"f\"\n\nno boundary ever\n"),
    "no boundary parameter": lf("Content-Type: multipart/mixed\n\n--f\n\nx\n--f--\n"),
    "inner multipart not closed": lf("Content-Type: multipart/mixed; boundary=\"o\"\n\n--o\n"
                                     "Content-Type: multipart/mixed; boundary=\"i\"\n\n--i\n\nx\n--o--\n"),
    "base64 multipart": lf("Content-Type: multipart/mixed; boundary=t\nContent-Transfer-Encoding: base64\n\n"
                           "--t\n\nx\n--t--\n"),
    "header without a blank line after": lf("Subject: Hola\nthis is no header\n"),
    "first header line a continuation": lf(" continued\nSubject: Hola\n\nbody\n"),
    "misplaced unix From line": lf("Subject: Hola\nFrom ana Mon Mar  3 10:00:00 2025\nTo: luis@example.net\n\nx\n"),
    "boundary as the last line": lf("Content-Type: multipart/mixed; boundary=\"z\"\n\n--z\n\nx\n--z\n"),
}


@pytest.mark.parametrize("text", WELL_FORMED.values(), ids=WELL_FORMED.keys())
def test_the_fast_path_reads_well_formed_messages_as_the_package_does(text: bytes) -> None:
    """The reader reads the message itself (no _Unusual) and builds the package's tree."""
    expected = package_tree(text)
    assert not has_defects(expected), "a well-formed row the package finds a defect in"
    assert fast_tree(text) == expected


@pytest.mark.parametrize("text", WITH_DEFECTS.values(), ids=WITH_DEFECTS.keys())
def test_messages_with_defects_are_left_to_the_package(text: bytes) -> None:
    expected = package_tree(text)
    assert has_defects(expected), "a defect row the package finds no defect in"
    with pytest.raises(mail_text._Unusual):
        fast_tree(text)
    assert tree(mail_text.parse_message(text)) == expected


LINE_ENDS = {"LF": b"\n", "CRLF": b"\r\n", "CR": b"\r"}


@pytest.mark.parametrize("line_end", LINE_ENDS.values(), ids=LINE_ENDS.keys())
@pytest.mark.parametrize("text", [*WELL_FORMED.values(), *WITH_DEFECTS.values()],
                         ids=[*WELL_FORMED.keys(), *WITH_DEFECTS.keys()])
def test_parse_message_is_the_package_tree_of_the_lf_text(text: bytes, line_end: bytes) -> None:
    """parse_message, the entry point, takes any line ends and reads the message as the package reads
    it with LF line ends (none of these messages is one whose lost boundary it recovers)."""
    raw = text.replace(b"\n", line_end)
    assert tree(mail_text.parse_message(raw)) == package_tree(text)


def test_mixed_line_ends() -> None:
    """CRLF, CR and LF in one message (a CR alone only before a line that is not blank: CR, LF is a CRLF)."""
    text = WELL_FORMED["delivery report"]
    lines = text.split(b"\n")
    ends = [(b"\r\n", b"\r" if following else b"\r\n", b"\n")[number % 3]
            for number, following in enumerate(lines[1:])]
    raw = b"".join(line + end for line, end in zip(lines, ends, strict=False)) + lines[-1]
    assert raw.count(b"\r\n") and raw.count(b"\n") > raw.count(b"\r\n") and raw.replace(b"\r\n", b"").count(b"\r")
    assert tree(mail_text.parse_message(raw)) == package_tree(text)


# Mutations: what relays, truncation and careless software do to a message.
_SUFFIXES = [b" ", b"\t", b"--", b"-- ", b"x", b":", b"\n"]
_BOUNDARY_PARAMETER = re.compile(rb'boundary="?([^";\s]+)', re.IGNORECASE)


def _stray_lines(text: bytes) -> list[bytes]:
    """Lines to insert into or put in place of a line of the message: blanks, headers, continuations,
    and every boundary of the message as a separator, a close, with blanks after, or one character off."""
    lines = [b"", b"X-Inserted: 1", b" continuation", b"From someone", b"plain words", b"-", b"--",
             b"Content-Type: text/plain", b"Content-Type: message/rfc822", b"Content-Type: message/delivery-status",
             b"Content-Type: multipart/digest; boundary=new", b"--new", b"--new--",
             b"Content-Transfer-Encoding: base64", b"\xe9\xff 8-bit"]
    for boundary in set(_BOUNDARY_PARAMETER.findall(text)):
        separator = b"--" + boundary
        lines += [separator, separator + b"--", separator + b" \t", separator + b"--\t", separator + b"x",
                  separator[:-1], b"Content-Type: multipart/mixed; boundary=" + boundary]
    return lines


def mutate(text: bytes, number: Callable[[int, int], int], choice: Callable[[list[Any]], Any]) -> tuple[bytes, int]:
    """The message after up to five mutations: a line dropped, duplicated, inserted or replaced, a
    suffix added, the text truncated (at a line or mid-line); and the number of mutations. ``number``
    and ``choice`` make the random choices (random.Random's randint and choice, or Hypothesis draws)."""
    stray = _stray_lines(text)
    lines = text.split(b"\n")
    count = number(0, 5)
    for _ in range(count):
        operation = choice(["drop", "duplicate", "insert", "replace", "suffix", "cut", "cut mid-line"])
        at = number(0, max(len(lines) - 1, 0))
        if operation == "drop":
            del lines[at:at + 1]
        elif operation == "duplicate":
            lines.insert(at, lines[number(0, len(lines) - 1)] if lines else b"")
        elif operation in ("insert", "replace"):
            lines[at:at + (operation == "replace")] = [choice(stray)]
        elif operation == "suffix" and lines:
            lines[at] += choice(_SUFFIXES)
        elif operation == "cut":
            lines = lines[:at]
        elif operation == "cut mid-line" and lines:
            lines[at] = lines[at][:number(0, len(lines[at]))]
            lines = lines[:at + 1]
    return b"\n".join(lines), count


@st.composite
def mutated_messages(draw: st.DrawFn) -> tuple[bytes, int]:
    """A well-formed message of the table, mutated."""
    return mutate(draw(st.sampled_from(list(WELL_FORMED.values()))),
                  lambda low, high: draw(st.integers(low, high)), lambda items: draw(st.sampled_from(items)))


def assert_read_as_the_package_reads(text: bytes) -> bool:
    """The reader's tree is the package's, or it leaves the message to the package; whether it read it."""
    expected = package_tree(text)
    assert tree(mail_text._parsed(text)) == expected
    try:
        found = fast_tree(text)
    except mail_text._Unusual:
        return False
    assert found == expected
    assert not has_defects(expected)
    return True


@settings(max_examples=1000, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(mutated_messages())
def test_mutated_messages_read_as_the_package_reads_them(case: tuple[bytes, int]) -> None:
    """Whatever the mutation, the reader either leaves the message to the package or builds its tree;
    unmutated, it reads the message itself."""
    text, mutations = case
    assert assert_read_as_the_package_reads(text) or mutations, "a well-formed message left to the package"


def test_most_mutated_messages_take_the_fast_path() -> None:
    """On a fixed sample of mutations the reader reads most messages itself and leaves some to the
    package: the property compares trees, it does not only watch the package parse twice."""
    rng = random.Random(20250303)
    messages = list(WELL_FORMED.values())
    read = left = 0
    for _ in range(400):
        text, mutations = mutate(rng.choice(messages), rng.randint, rng.choice)
        if mutations:
            if assert_read_as_the_package_reads(text):
                read += 1
            else:
                left += 1
    assert read >= 120 and left >= 40, (read, left)
