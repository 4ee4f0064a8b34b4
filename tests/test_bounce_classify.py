"""The bounce classifier: codes and servers' words to a class and a reason (CONTRACT.md, Bounces).

The example texts are our own, written the way each kind of server words its answers.
"""

import fnmatch
import re
import tomllib
from pathlib import Path

import pytest

from listcheck.bounces.classify import (
    classify,
    classify_text,
    normalize,
    phrase_block,
    read_table,
    reason_of_status,
    reply_code,
    status_code,
    tables,
)
from listcheck.bounces.events import REASON_CLASSES, Classification, Failure

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "listcheck" / "bounces" / "data"
TABLES = ("status_codes.csv", "reply_codes.csv", "phrases.csv")
LANGUAGES = {"en", "es", "pt", "ru", "uk", "fr", "de", "it", "ja"}
HARD = {reason for reason, klass in REASON_CLASSES.items() if klass.value == "hard"}


def judge(status: str, reply: str, diagnostic: str, action: str = "failed") -> tuple[str, str]:
    found = classify(Failure("kim@example.com", status_code=status, reply_code=reply, diagnostic=diagnostic,
                             action=action))
    return found.bounce_class.value, found.reason


CASES = [
    # dead addresses, backed by a code
    ("5.1.1", "550", "550 5.1.1 <kim@example.com>: Recipient address rejected: User unknown in virtual mailbox table",
     "hard", "user_unknown"),
    ("5.1.1", "550", "550-5.1.1 The email account that you tried to reach does not exist. Please try double-checking",
     "hard", "user_unknown"),
    ("5.1.10", "550", "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup",
     "hard", "user_unknown"),
    ("5.0.0", "", "smtp; 550 5.1.1 <kim@example.com>... Addressee rejected", "hard", "user_unknown"),
    ("5.4.4", "", "Host or domain name not found. Name service error for name=nowhere.example type=A: Host not found",
     "hard", "domain_not_found"),
    ("", "", "Unrouteable address", "hard", "domain_not_found"),
    ("5.1.6", "550", "550 5.1.6 recipient no longer on server: kim@example.com", "hard", "mailbox_moved"),
    ("", "551", "551 User not local; please try <kim@example.net>", "hard", "mailbox_moved"),
    ("", "556", "556 5.1.10 Recipient address has null MX", "hard", "mail_not_accepted"),
    ("5.7.1", "550", "550 5.7.1 Delivery refused: the recipient has blocked messages from this sender", "hard",
     "recipient_blocked"),
    # the text beats the code
    ("5.1.1", "550", "550 5.1.1 <kim@example.com>... Mailbox is full, please try later", "soft", "mailbox_full"),
    ("5.1.1", "550", "550 5.1.1 <news@example.org>: Sender address rejected: Domain not found", "sender", "policy"),
    ("5.2.1", "550", "550 5.2.1 The email account that you tried to reach is disabled.", "soft", "mailbox_inactive"),
    # 5.x.x that is not a dead address
    ("5.2.2", "552", "552 5.2.2 Mailbox full", "soft", "mailbox_full"),
    ("5.2.2", "552", "552-5.2.2 The email account that you tried to reach is over quota", "soft", "mailbox_full"),
    ("5.3.4", "552", "552 5.3.4 Message size exceeds fixed limit", "soft", "message_too_large"),
    ("5.7.1", "554", "554 5.7.1 Service unavailable; Client host [192.0.2.7] blocked using zen.spamhaus.org",
     "sender", "blocked"),
    ("5.7.1", "550", "550 5.7.1 Message rejected as spam by content filtering", "sender", "spam_content"),
    ("5.7.26", "550", "550-5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy",
     "sender", "auth_failure"),
    ("5.7.25", "550", "550-5.7.25 The IP address sending this message does not have a PTR record setup", "sender",
     "blocked"),
    ("5.7.1", "550", "550 5.7.1 <kim@example.com>... Relaying denied", "sender", "policy"),
    ("", "553", "553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)", "sender", "policy"),
    ("5.7.9", "554", "554 5.7.9 Message not accepted for policy reasons", "sender", "policy"),
    ("5.7.1", "550", "550 5.7.1 <kim@example.com>: Recipient address rejected: User unknown", "sender", "policy"),
    ("5.7.999", "550", "550 5.7.999 Not today", "sender", "policy"),
    # temporary: never hard
    ("4.1.1", "450", "450 4.1.1 <kim@example.com>: Recipient address rejected: User unknown in local recipient table",
     "soft", "undetermined"),
    ("4.0.0", "", "DNS Error: DNS type 'mx' lookup of nowhere.example responded with code NXDOMAIN", "soft",
     "network_error"),
    ("", "", "Host or domain name not found. Name service error for name=nowhere.example type=MX", "soft",
     "network_error", "delayed"),
    ("4.2.2", "452", "452-4.2.2 The email account that you tried to reach is over quota.", "soft", "mailbox_full"),
    ("4.4.7", "", "Message expired: unable to deliver in 2880 minutes", "soft", "expired"),
    ("", "", "Delivery to the following recipient has been delayed", "soft", "expired", "delayed"),
    ("", "421", "421 Too many concurrent SMTP connections from this IP address; please try again later", "soft",
     "rate_limited"),
    ("4.2.1", "450", ("450-4.2.1 The user you are trying to contact is receiving mail at a rate that prevents "
                      "additional messages from being delivered"), "soft", "rate_limited"),
    ("4.7.0", "421", "421 4.7.0 Try again later, closing connection", "soft", "server_error"),
    ("", "421", "421 mx.example.org closing connection", "soft", "server_error"),
    # words alone, no code behind them: a filter may say this; repeated ones suppress as soft
    ("5.0.0", "550", "550 User unknown", "soft", "undetermined"),
    ("", "", "No such user here", "soft", "undetermined"),
    ("5.0.0", "550", "550 : User unknown", "sender", "policy"),
    # vague words give way to a specific code
    ("5.4.4", "", "Name service error for name=nowhere.example type=MX: Malformed name server reply", "hard",
     "domain_not_found"),
    ("5.2.2", "", "Please try again later", "soft", "mailbox_full"),
    # deliveries and nothing at all
    ("2.0.0", "250", "250 2.0.0 OK", "delivered", "delivered"),
    ("", "", "", "delivered", "delivered", "delivered"),
    ("2.1.5", "250", "250 2.1.5 Ok", "delivered", "delivered", ""),
    ("", "", "Thank you for your message", "soft", "undetermined"),
    ("", "550", "550 Message rejected", "soft", "undetermined"),
    ("5.1.99", "", "", "soft", "undetermined"),
]

LANGUAGE_CASES = [
    ("5.1.1", "550", "550 5.1.1 El usuario no existe", "hard", "user_unknown"),
    ("5.2.2", "552", "552 5.2.2 El buzón de correo está lleno", "soft", "mailbox_full"),
    ("5.7.1", "550", "550 5.7.1 Su IP está en una lista negra", "sender", "blocked"),
    ("5.1.1", "550", "550 5.1.1 Usuário desconhecido", "hard", "user_unknown"),
    ("", "552", "552 A caixa postal do destinatário está cheia", "soft", "mailbox_full"),
    ("5.1.1", "550", "550 5.1.1 Пользователь не найден", "hard", "user_unknown"),
    ("4.2.2", "452", "452 4.2.2 Почтовый ящик переполнен", "soft", "mailbox_full"),
    ("", "550", "550 Сообщение отклонено как спам", "sender", "spam_content"),
    ("5.2.1", "550", "550 5.2.1 Ящик заблокирован", "soft", "mailbox_inactive"),
    ("5.1.1", "550", "550 5.1.1 Користувача не знайдено", "hard", "user_unknown"),
    ("5.2.2", "552", "552 5.2.2 Поштова скринька переповнена", "soft", "mailbox_full"),
    ("5.1.1", "550", "550 5.1.1 Utilisateur inconnu", "hard", "user_unknown"),
    ("5.2.2", "552", "552 5.2.2 Boîte aux lettres pleine", "soft", "mailbox_full"),
    ("5.1.1", "550", "550 5.1.1 Empfänger unbekannt", "hard", "user_unknown"),
    ("5.2.2", "552", "552 5.2.2 Postfach voll", "soft", "mailbox_full"),
    ("5.1.1", "550", "550 5.1.1 Utente sconosciuto", "hard", "user_unknown"),
    ("5.2.2", "552", "552 5.2.2 Casella di posta piena", "soft", "mailbox_full"),
    ("5.2.2", "552", "552 5.2.2 メールボックスの容量オーバーです", "soft", "mailbox_full"),
]


@pytest.mark.parametrize(("status", "reply", "diagnostic", "klass", "reason", "action"),
                         [case if len(case) == 6 else (*case, "failed") for case in CASES + LANGUAGE_CASES])
def test_classify(status, reply, diagnostic, klass, reason, action):
    assert judge(status, reply, diagnostic, action) == (klass, reason)


# The SMTP command the refusal answered (RFC 5321 section 3.3): the recipient is judged at RCPT TO, the
# message after DATA, the sender at MAIL FROM. (status, reply, diagnostic, command, class, reason)
COMMAND_CASES = [
    # words of a missing mailbox at RCPT TO: hard without a code behind them
    ("5.0.0", "550", "550 Unknown user kim@example.com", "RCPT", "hard", "user_unknown"),
    ("", "550", "550 <kim@example.com>... No such user", "RCPT", "hard", "user_unknown"),
    ("5.2.1", "550", "550 5.2.1 <kim@example.com>... User Unknown", "RCPT", "hard", "user_unknown"),
    ("5.3.0", "553", "553 5.3.0 <kim@example.com>... No such user here", "RCPT", "hard", "user_unknown"),
    # ... but a code of the sender's side still wins, and a temporary answer stays soft
    ("5.7.1", "550", "550 5.7.1 <kim@example.com>... User unknown", "RCPT", "sender", "policy"),
    ("4.0.0", "450", "450 Unknown user kim@example.com", "RCPT", "soft", "undetermined"),
    # a bare 550 at RCPT TO, no words of the table, no enhanced code of the server's own
    ("5.0.0", "550", "550 <kim@example.com>: Recipient address rejected.", "RCPT", "hard", "user_unknown"),
    ("5.0.0", "554", "554 <kim@example.com>: Recipient address rejected.", "RCPT", "soft", "undetermined"),
    ("5.0.0", "550", "550 <kim@example.com>: Recipient address rejected.", "", "soft", "undetermined"),
    ("", "550", "550 Administrative prohibition", "RCPT", "soft", "undetermined"),  # names no recipient
    ("", "550", "550 5.7.0 <kim@example.com> rejected", "RCPT", "sender", "policy"),  # the server's own code
    # the same words after DATA: a filter refusing the message or its sender
    ("5.0.0", "550", "550 Unknown user kim@example.com", "DATA", "sender", "policy"),
    ("5.2.1", "550", "550 5.2.1 <kim@example.com>... User Unknown", "DATA", "sender", "policy"),
    ("", "550", "550 <kim@example.com>: User unknown", "DATA", "sender", "policy"),
    # ... unless an addressing code backs them, as a pipelined transcript shows a refused RCPT after DATA
    ("5.1.1", "550", "550 5.1.1 <kim@example.com>... User unknown", "DATA", "hard", "user_unknown"),
    # no command said: the code has to back the words
    ("5.0.0", "550", "550 Unknown user kim@example.com", "", "soft", "undetermined"),
    ("5.2.1", "550", "550 5.2.1 <kim@example.com>... User Unknown", "", "soft", "undetermined"),
    # before any recipient is named: the sender's address, or the sending host
    ("5.1.1", "550", "550 5.1.1 <news@example.org>... User unknown", "MAIL", "sender", "policy"),
    ("", "550", "550 No such domain example.org", "MAIL", "sender", "policy"),
    ("", "554", "554 Host unknown", "HELO/EHLO", "sender", "blocked"),
    ("", "554", "554 No such user here", "CONN", "sender", "blocked"),
    # other reasons keep their words, whatever the command
    ("5.2.2", "552", "552 5.2.2 Mailbox full", "DATA", "soft", "mailbox_full"),
    ("5.1.6", "550", "550 5.1.6 Recipient no longer on server", "RCPT", "hard", "mailbox_moved"),
]


@pytest.mark.parametrize(("status", "reply", "diagnostic", "command", "klass", "reason"), COMMAND_CASES)
def test_the_command_says_what_the_words_are_about(status, reply, diagnostic, command, klass, reason):
    found = classify(Failure("kim@example.com", status_code=status, reply_code=reply, diagnostic=diagnostic,
                             action="failed", command=command))
    assert (found.bounce_class.value, found.reason) == (klass, reason)


def test_the_sources_own_classification_is_kept():
    said = Classification.of("complaint")
    assert classify(Failure("kim@example.com", status_code="5.1.1", classification=said)) is said


def test_classify_text_reads_a_platforms_free_text():
    assert classify_text("550 5.1.1 The email account that you tried to reach does not exist.").reason == "user_unknown"
    assert classify_text("Mailbox full", status="5.2.2").reason == "mailbox_full"
    assert classify_text("spam reporter").reason == "complaint"
    assert classify_text("").reason == "undetermined"


@pytest.mark.parametrize(("given", "text", "expected"), [
    ("5.0.0", "550-'5.7.1 <kim@example.com>... Access denied'", "5.7.1"),
    ("5.1.1", "see 5.7.1", "5.1.1"),
    ("", "host [192.0.2.25] said: 451 4.3.0 try later", "4.3.0"),
    ("", "from 192.0.2.5 at 10.4.4.1", ""),
    ("5.0.0", "", "5.0.0"),
    ("", "250 2.1.5 Ok, then: 550 5.1.1 unknown", "5.1.1"),
    ("4.0.0", "an earlier answer was 550 5.1.1", "4.0.0"),
])
def test_status_code(given, text, expected):
    assert status_code(given, text) == expected


@pytest.mark.parametrize(("given", "text", "expected"), [
    ("", "host mx.example.org said: 552-5.2.2 over quota", "552"),
    ("550", "421 later", "550"),
    ("", "[192.0.2.222] refused", ""),
])
def test_reply_code(given, text, expected):
    assert reply_code(given, text) == expected


@pytest.mark.parametrize(("code", "reason"), [
    ("5.1.1", "user_unknown"), ("4.1.1", "user_unknown"), ("5.4.4", "domain_not_found"), ("4.4.4", "network_error"),
    ("5.7.509", "auth_failure"), ("5.6.42", "policy"), ("4.3.7", "server_error"), ("5.0.0", None), ("", None),
])
def test_reason_of_status(code, reason):
    assert reason_of_status(code) == reason


def test_normalize_drops_accents_case_and_curly_quotes():
    assert normalize("Boîte  PLEINE — l’adresse") == "boite pleine — l'adresse"


# The tables themselves


@pytest.mark.parametrize("name", TABLES)
def test_every_row_loads_with_a_source_and_a_contract_reason(name):
    rows = read_table(name)
    assert rows
    for row in rows:
        assert row["reason"] in REASON_CLASSES, row
        assert len(row["source"].strip()) > 10, row


def test_codes_are_well_formed_and_unique():
    statuses = [row["code"] for row in read_table("status_codes.csv")]
    assert all(re.fullmatch(r"(X|[245])\.(X|\d{1,3})\.(X|\d{1,3})", code) for code in statuses)
    replies = [row["code"] for row in read_table("reply_codes.csv")]
    assert all(re.fullmatch(r"[245]\d\d", code) for code in replies)
    assert len(set(statuses)) == len(statuses) and len(set(replies)) == len(replies)


def test_phrases_are_lower_case_unique_and_marked():
    rows = read_table("phrases.csv")
    normalized = [normalize(row["phrase"]) for row in rows]
    assert len(set(normalized)) == len(normalized)
    for row in rows:
        assert row["phrase"] == row["phrase"].lower().strip() and row["phrase"].strip("*"), row
        assert row["language"] in LANGUAGES, row
        # "alone" (the words prove a dead address without a code) is said for every hard row, and only there
        assert row["alone"] in (("yes", "no") if row["reason"] in HARD else ("",)), row


def test_every_phrase_is_reachable():
    """No row is dead: an earlier block of another reason does not swallow its words."""
    for row in read_table("phrases.csv"):
        block = phrase_block(row["phrase"].replace("*", " kim@example.com "))
        assert block is not None and block.reason == row["reason"], row


def test_every_reason_of_the_contract_comes_from_some_row():
    reasons = {row["reason"] for name in TABLES for row in read_table(name)}
    assert reasons == set(REASON_CLASSES)


def test_the_tables_load_once():
    assert tables() is tables()


def test_the_tables_ship_in_the_wheel():
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["listcheck"]
    files = [path.relative_to(DATA.parents[1]).as_posix() for path in DATA.iterdir() if path.is_file()]
    assert set(TABLES) <= {path.rsplit("/", 1)[-1] for path in files}
    assert all(any(fnmatch.fnmatch(name, pattern) for pattern in patterns) for name in files)
