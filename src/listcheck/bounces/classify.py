"""Class and reason of a failure from its codes and the server's words (CONTRACT.md, Bounces).

The tables are data, each row with its source: ``data/status_codes.csv`` (RFC 3463 enhanced codes and
the RFC 5248 registry), ``data/reply_codes.csv`` (RFC 5321 basic reply codes) and ``data/phrases.csv``
(servers' wording, in several languages). This module only says how they decide, in this order:

1. a classification the source itself gave (a platform's bounce type, a complaint report) is kept;
2. a delivery (``Action: delivered``, ``expanded`` or ``relayed``, or a 2.x.x status) is ``delivered``;
3. the server's words: ``phrases.csv`` is in order of precedence, in blocks of one reason, and the
   first block with a phrase in the text decides. Sender-side wording (blocklists, SPF/DKIM/DMARC,
   relaying, the sender's address) comes before the words of a dead mailbox, because a server that
   refuses the sender often says so with a 5.1.x code. The words give way to the status code in two
   cases: the blocks after the last one of a hard reason (an expiry, a network or a system error:
   the vaguest words) against a specific code; and words of a missing mailbox or domain against a
   code of the sender's side (5.7.1, 5.1.7): filters that refuse a sender often say "user unknown"
   (Japanese carriers do), and the code gives them away;
4. the enhanced status code: the most specific one of the ``Status`` field and the server's words;
5. the basic reply code, for the few that carry a meaning on their own (550 and 554 do not);
6. ``Action: delayed`` is ``expired``, and anything else is ``undetermined``: never guessed hard.

Two checks keep "hard" for dead addresses only. Words whose row is not marked ``alone`` (a bare "user
unknown") need an addressing or protocol code behind them (5.1.1, 5.5.0; not 5.0.0, nor 5.2.1, which
says the mailbox exists): filters and appliances say "user unknown" to refuse a sender, while a
server that checks its mailboxes answers with an enhanced code (RFC 2034, 3463). Without one the
failure is ``undetermined``, and repeated ones suppress as soft bounces do. And a hard reason said for now (a 4.x.x status, a 4xx reply, a delay)
becomes soft: a dead address is never concluded from an answer that asks to try again.

When the bounce says which SMTP command the refusal answered (``Failure.command``), that settles what
words of a dead address are about, since RFC 5321 (section 3.3) names the sender at MAIL FROM, the
recipient at RCPT TO and the message after DATA:

- at RCPT TO the server is answering whether it takes the recipient, so "user unknown" there is hard
  whatever code stands beside it (a vague X.0.0, or X.2.1, which sendmail-based servers give for
  users they do not have), except a code of the sender's side, which still wins. A 550 with no words of the table and no enhanced code of the server's own, answering RCPT
  TO, is a nonexistent address too (the mailop rule of thumb in BOUNCES.md, "Rules of thumb");
- after DATA the recipient was accepted already: the same words, without a code behind them, are a
  filter refusing the message or its sender (Sisimai's ``filtered``): sender-side ``policy``;
- at MAIL FROM, HELO/EHLO or the greeting no recipient has been named yet: such words speak of the
  sender's address (``policy``) or of the sending host (``blocked``), whatever the code.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from typing import Any

from listcheck.bounces.events import REASON_CLASSES, BounceClass, Classification, Failure

#: Words that say the address or its domain is dead, and so give way to a code that blames the sender.
_DEAD_WORDS = frozenset({"user_unknown", "domain_not_found"})

#: The subjects of a status code that back words of a missing mailbox: addressing (X.1.x), and
#: protocol (X.5.x), which servers and qmail give a refused RCPT. Not X.2.x, which says the mailbox
#: exists (RFC 3463 2: "X.2.1 ... The mailbox exists, but is not accepting messages"), nor X.0.x,
#: which a reporting server makes up for a bare reply, nor X.3.x or X.4.x, which speak of systems.
#: Needed only where the bounce does not say the words answered RCPT TO (the command rules).
_BACKING = frozenset({"1", "5"})

#: Words of a dead address answered before any recipient was named (RFC 5321 section 3.3: MAIL FROM,
#: then RCPT TO): at MAIL FROM they speak of the sender's address, at the greeting or HELO of the
#: sending host.
_BEFORE_RECIPIENT = {"MAIL": "policy", "HELO/EHLO": "blocked", "CONN": "blocked"}

#: What a hard reason means when the server says it only for now.
_SAID_FOR_NOW = {
    "user_unknown": "undetermined",  # a server that cannot tell yet (address verification pending)
    "domain_not_found": "network_error",  # a DNS answer that may change: a lookup that failed for now
    "mailbox_moved": "undetermined",
    "mail_not_accepted": "server_error",  # a host that takes no mail now (RFC 3463 4.3.2)
    "recipient_blocked": "undetermined",
}

_DELIVERED_ACTIONS = frozenset({"delivered", "expanded", "relayed"})  # RFC 3464 2.3.3: no failure
_DELIVERED = Classification.of("delivered")

# An enhanced code (RFC 3463 class.subject.detail) anywhere in a text, not a piece of an IP address.
_STATUS_PATTERN = re.compile(r"(?<![\d.])([245])\.(\d{1,3})\.(\d{1,3})(?!\d)(?!\.\d)")
# A basic reply code (RFC 5321) standing as a word, as in "550 5.1.1" or "550-5.7.26".
_REPLY_PATTERN = re.compile(r"(?<![\w.:/\[-])([245][0-5]\d)(?=[\s-]|$)")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u00b4": "'", "`": "'"})
_WILDCARD = r".{0,60}?"  # "*" inside a phrase: a few words of anything


@dataclass(frozen=True)
class PhraseBlock:
    """Consecutive rows of ``phrases.csv`` with one reason (and one ``alone``): one regular expression."""

    reason: str
    pattern: re.Pattern[str]
    alone: bool  # the words prove a hard reason without a status code behind them
    decisive: bool  # the words beat a specific status code (every block down to the last hard one)


@dataclass(frozen=True)
class Tables:
    """The classification tables, loaded once (``tables()``)."""

    statuses: dict[str, str]  # "5.1.1", "X.1.1" (either class), "X.1.X" (a subject) -> reason
    replies: dict[str, str]  # "552" -> reason
    phrases: tuple[PhraseBlock, ...]  # by precedence


def read_table(name: str) -> list[dict[str, str]]:
    """The rows of one data file, ``name`` as in ``data/`` ("phrases.csv").

    >>> read_table("reply_codes.csv")[0]["code"]
    '421'
    """
    text = resources.files("listcheck.bounces").joinpath("data", name).read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


@functools.cache
def tables() -> Tables:
    """The three tables, read from the package's data files once per process."""
    blocks: list[tuple[str, bool, list[str]]] = []
    for row in read_table("phrases.csv"):
        alone = row["alone"] == "yes"
        if not blocks or blocks[-1][:2] != (row["reason"], alone):
            blocks.append((row["reason"], alone, []))
        blocks[-1][2].append(row["phrase"])
    hard = [index for index, (reason, _, _) in enumerate(blocks) if REASON_CLASSES[reason] is BounceClass.HARD]
    return Tables(
        statuses={row["code"]: row["reason"] for row in read_table("status_codes.csv")},
        replies={row["code"]: row["reason"] for row in read_table("reply_codes.csv")},
        phrases=tuple(PhraseBlock(reason, _block_pattern(phrases), alone, index <= max(hard, default=-1))
                      for index, (reason, alone, phrases) in enumerate(blocks)),
    )


def normalize(text: str) -> str:
    """Text as phrases are matched: lower case, no accents, straight apostrophes, single spaces.

    >>> normalize("Buzón  LLENO’s")
    "buzon lleno's"
    """
    text = text.lower()
    if not text.isascii():
        # Servers drop accents as often as they keep them ("boite pleine", "buzon"): compare without.
        text = unicodedata.normalize("NFKD", text.translate(_QUOTES))
        text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(text.split())


def phrase_pattern(phrase: str) -> str:
    """The regular expression of one table phrase: a substring, where ``*`` inside stands for a few
    words, a trailing ``*`` makes a stem ("blacklist*"), and Latin words match as whole words.

    >>> bool(re.search(phrase_pattern("rbl"), "see http://example.org/rbl/?ip=1"))
    True
    >>> bool(re.search(phrase_pattern("rbl"), "trouble"))
    False
    """
    return "".join(_PIECES.get(token, token) for token in _tokens(phrase))


_END, _ANY = "\\0end", "\\0any"  # pieces that are not characters
_PIECES = {_END: r"(?![a-z0-9])", _ANY: _WILDCARD}


def _tokens(phrase: str) -> list[str]:
    """A phrase as the pieces of its pattern: escaped characters, a wildcard, word edges."""
    text = normalize(phrase)
    stem = text.endswith("*")
    parts = [part.strip() for part in text.rstrip("*").split("*")]
    tokens: list[str] = []
    for index, part in enumerate(parts):
        tokens += ([_ANY] if index else []) + [re.escape(char) for char in part]
    # Word edges only for ASCII letters and digits: Japanese has no spaces, and a Cyrillic stem
    # ("нежелательн") is meant to take any ending. The edge before the first letter is checked just
    # after it ("r(?<![a-z0-9]r)bl"), so that the pattern starts with a character: the regex engine
    # then skips quickly over the text to the places where a phrase can begin.
    if text[0].isascii() and text[0].isalnum():
        tokens.insert(1, f"(?<![a-z0-9]{text[0]})")
    return tokens + ([_END] if not stem and text[-1].isascii() and text[-1].isalnum() else [])


def _block_pattern(phrases: list[str]) -> re.Pattern[str]:
    """One regular expression that finds any of the phrases, shaped as a trie of their pieces.

    An alternation of hundreds of phrases is tried phrase by phrase at every position of the text;
    factored by common prefixes, each position costs a character or two. A phrase that extends
    another is dropped, since only whether some phrase occurs matters.
    """
    trie: dict[str, dict[str, Any]] = {}
    for phrase in phrases:
        node = trie
        for token in _tokens(phrase):
            node = node.setdefault(token, {})
        node[""] = {}
    return re.compile(_render(trie))


def _render(node: dict[str, dict[str, Any]]) -> str:
    if "" in node:
        return ""  # a phrase ends here: whatever follows is not needed for a match
    branches = [_PIECES.get(token, token) + _render(child) for token, child in node.items()]
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def phrase_block(text: str) -> PhraseBlock | None:
    """The first block of phrases (by precedence) with a phrase in the text."""
    if not text:
        return None
    words = normalize(text)
    return next((block for block in tables().phrases if block.pattern.search(words)), None)


def reason_of_text(text: str) -> str | None:
    """The reason the server's words give, or None when no phrase of the table is in them.

    >>> reason_of_text("550 5.1.1 <kim@example.com>: Recipient address rejected: User unknown")
    'user_unknown'
    >>> reason_of_text("Client host [192.0.2.1] blocked using zen.spamhaus.org")
    'blocked'
    """
    block = phrase_block(text)
    return None if block is None else block.reason


def status_code(given: str, text: str = "") -> str:
    """The enhanced status code to judge by: the most specific of the one given and those in the text.

    A report's ``Status: 5.0.0`` often hides the server's own "550 5.7.1 ..." in its words; the given
    code wins ties. "" when there is none.

    >>> status_code("5.0.0", "550-'5.7.1 <kim@example.com>... Access denied'")
    '5.7.1'
    >>> status_code("5.1.1", "see 5.7.1")
    '5.1.1'
    """
    candidates = [match.groups() for match in _STATUS_PATTERN.finditer(given)][:1]
    if not candidates or "0" in candidates[0][1:]:
        # From the words, only a failure's code, and of the given class: a transcript's "250 2.1.5"
        # is no delivery, and a quoted 5.1.1 does not make a report's 4.0.0 permanent.
        classes = candidates[0][0] if candidates else "45"
        candidates += [match.groups() for match in _STATUS_PATTERN.finditer(text) if match.group(1) in classes]
    if not candidates:
        return ""
    best = max(candidates, key=lambda code: (code[1] != "0") + (code[2] != "0"))  # the first of the most specific
    return ".".join(best)


def reply_code(given: str, text: str = "") -> str:
    """The basic reply code: the one given, else the first one standing in the server's words.

    >>> reply_code("", "host mx.example.org said: 552-5.2.2 The email account is over quota")
    '552'
    """
    match = _REPLY_PATTERN.search(given.strip()) or _REPLY_PATTERN.search(text)
    return match.group(1) if match else ""


def reason_of_status(code: str) -> str | None:
    """The reason an enhanced status code gives: the code itself, then the same subject and detail in
    either class, then the subject alone (an unregistered detail), then the class alone.

    >>> reason_of_status("5.1.1"), reason_of_status("4.2.2"), reason_of_status("5.7.999")
    ('user_unknown', 'mailbox_full', 'policy')
    """
    if not code:
        return None
    klass, subject, detail = code.split(".")
    statuses = tables().statuses
    for key in (code, f"X.{subject}.{detail}", f"{klass}.{subject}.X", f"X.{subject}.X", f"{klass}.X.X"):
        if key in statuses:
            return statuses[key]
    return None


def _weigh(text: str, status: str, command: str = "") -> str | None:
    """The reason of the words against the reason of the status code (rules 3 and 4 of the module),
    and the SMTP command they answered (the command rules of the module)."""
    by_status = reason_of_status(status)
    block = phrase_block(text)
    if command in _BEFORE_RECIPIENT and (block.reason if block else by_status) in _DEAD_WORDS:
        return _BEFORE_RECIPIENT[command]  # no recipient named yet: the words speak of the sender
    if block is None:
        return by_status
    if block.reason in _DEAD_WORDS and by_status is not None and REASON_CLASSES[by_status] is BounceClass.SENDER:
        return by_status
    _, subject, detail = status.split(".") if status else ("", "0", "0")
    if block.reason in _DEAD_WORDS and subject not in _BACKING and command in ("RCPT", "DATA"):
        # The command says what the words are about: the recipient at RCPT, the message after DATA.
        return block.reason if command == "RCPT" else "policy"
    if not block.alone and REASON_CLASSES[block.reason] is BounceClass.HARD and subject not in _BACKING:
        return "undetermined"  # words alone, no code behind them
    if by_status is None:
        return block.reason
    if not block.decisive and subject != "0" and detail != "0" and by_status != "undetermined":
        return by_status
    return block.reason


def _refuses_the_address(failure: Failure) -> bool:
    """Whether a bare 550 (no words of the table) refuses the recipient's address itself.

    A 550 answering RCPT TO is "mailbox unavailable" (RFC 5321 section 4.2.2), and the mailop rule of
    thumb (BOUNCES.md) reads one without an enhanced code as a nonexistent address. Only when the reply
    names the address it refuses: a refusal of the sending host or of the sender at RCPT TO (an ACL's
    "550 Administrative prohibition", "550 blocked") names no recipient. An enhanced code of the
    server's own (other than the vague X.0.0) would have said more, and is judged by its own rules.
    """
    text = failure.diagnostic
    reply = _REPLY_PATTERN.search(text)
    if reply is None or not failure.address or any(
            match.group(2, 3) != ("0", "0") for match in _STATUS_PATTERN.finditer(text)):
        return False
    return failure.address.lower() in text[reply.end():].lower()


def classify(failure: Failure) -> Classification:
    """The class and reason of one failure; a failure that fits no rule is ``undetermined`` (soft).

    >>> classify(Failure("kim@example.com", status_code="5.2.2", diagnostic="552 5.2.2 Mailbox full")).reason
    'mailbox_full'
    >>> classify(Failure("kim@example.com", status_code="4.1.1", diagnostic="450 4.1.1 User unknown")).reason
    'undetermined'
    """
    if failure.classification is not None:
        return failure.classification
    action = failure.action.strip().lower()
    status = status_code(failure.status_code, failure.diagnostic)
    if action not in ("failed", "delayed") and (action in _DELIVERED_ACTIONS or status.startswith("2")):
        return _DELIVERED
    reply = reply_code(failure.reply_code, failure.diagnostic)
    command = failure.command
    reason = _weigh(failure.diagnostic, status, command) or tables().replies.get(reply)
    if reason is None and command == "RCPT" and reply == "550" and _refuses_the_address(failure):
        reason = "user_unknown"
    if reason is None:
        reason = "expired" if action == "delayed" else "undetermined"
    if REASON_CLASSES[reason] is BounceClass.HARD and (action == "delayed" or (status or reply).startswith("4")):
        reason = _SAID_FOR_NOW[reason]  # said for now: a 4.x.x status, or a 4xx reply with no status
    return Classification.of(reason)


def classify_text(text: str, *, status: str = "", reply: str = "", action: str = "") -> Classification:
    """The classification of a platform's free-text reason (a SendGrid ``reason``, a Mailgun error),
    by the same rules as a bounce message's diagnostic.

    >>> classify_text("550 5.7.1 Service unavailable; client [192.0.2.1] blocked using zen.spamhaus.org")
    Classification(bounce_class=<BounceClass.SENDER: 'sender'>, reason='blocked')
    """
    return classify(Failure("", status_code=status, reply_code=reply, diagnostic=text, action=action))
