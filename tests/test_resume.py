"""``answer_resume`` (CONTRACT.md, Bounce history and resuming): a real history in tmp_path, events of
fixed dates, decisions as of a fixed moment, and DNS from the fixture server on 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from rich.console import Console

from listcheck.bounces.decide import Decision, DecisionRules, decide
from listcheck.bounces.events import BounceClass, BounceEvent, Classification
from listcheck.bounces.history import HistoryStore
from listcheck.errors import InputError
from listcheck.messages import speaking
from listcheck.reports.terminal_resume import render_resume
from listcheck.resume_check import Answer, Lift, ResumeReport, answer_resume
from listcheck.settings import DnsSettings

AS_OF = datetime(2026, 12, 1, 9, tzinfo=UTC)
RULES = DecisionRules(as_of=AS_OF)
CODES = {"user_unknown": ("5.1.1", "550 5.1.1 <{a}>: Recipient address rejected: User unknown in virtual table"),
         "domain_not_found": ("5.1.2", "550 5.1.2 Host or domain name not found. Name service error for {d}"),
         "mail_not_accepted": ("5.1.10", "556 5.1.10 Recipient address has null MX"),
         "mailbox_full": ("5.2.2", "552 5.2.2 <{a}>: Mailbox full"),
         "blocked": ("5.7.1", "554 5.7.1 Service unavailable; Client host blocked using zen.spamhaus.org"),
         "complaint": ("", ""), "unsubscribed": ("", ""), "delivered": ("2.0.0", "250 2.0.0 OK")}


def event(address: str, day: int, reason: str, month: int = 11) -> BounceEvent:
    kind = Classification.of(reason)
    code, words = CODES[reason]
    return BounceEvent(source=f"export.json:{day}", address=address, date=datetime(2026, month, day, 10, tzinfo=UTC),
                       bounce_class=kind.bounce_class, reason=reason, status_code=code,
                       diagnostic=words.format(a=address, d=address.rpartition("@")[2]))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    with HistoryStore.open(tmp_path / "history.sqlite") as history:
        history.add([
            event("queja@correo-ejemplo.es", 3, "mailbox_full"), event("queja@correo-ejemplo.es", 10, "complaint"),
            event("baja@correo-ejemplo.es", 12, "unsubscribed"),
            event("ana@gmial.com", 20, "user_unknown"),
            event("luis@correo-ejemplo.es", 20, "user_unknown"),
            # Full for three weeks: suppressed by the soft rule (3 over at least 14 days).
            event("llena@correo-ejemplo.es", 1, "mailbox_full"), event("llena@correo-ejemplo.es", 10, "mailbox_full"),
            event("llena@correo-ejemplo.es", 22, "mailbox_full"),
            event("pronto@correo-ejemplo.es", 25, "mailbox_full"),
            event("remitente@correo-ejemplo.es", 25, "blocked"),
            event("vuelve@correo-mx.es", 15, "domain_not_found"), event("otra@correo-mx.es", 16, "domain_not_found"),
            event("muerta@no-existe-nunca.es", 15, "domain_not_found"),
            event("nula@sin-correo.es", 15, "mail_not_accepted"),
        ])
        yield history


def ask(history: HistoryStore, *addresses: str, **options: object) -> ResumeReport:
    options.setdefault("dns", None)
    return answer_resume(list(addresses), history=history, rules=RULES, now=lambda: AS_OF, **options)  # type: ignore[arg-type]


def only(report: ResumeReport) -> tuple[Answer, str, str]:
    (answer,) = report.answers
    return answer.answer, answer.why, answer.sentence


def test_a_complaint_is_no_because_consent_is_the_persons_even_after_a_lift(store: HistoryStore) -> None:
    report = ask(store, "queja@correo-ejemplo.es", lift=True, note="the client insists", by="Marta")
    answer, why, sentence = only(report)
    assert (answer, why) == (Answer.NO, "consent")
    assert sentence.startswith("The person marked the mail as spam (2026-11-10). Consent is the person's")
    assert report.answers[0].lift is Lift.REFUSED and report.lifted == [] and store.resumes("queja@correo-ejemplo.es") == []
    # A resume event recorded by other means does not make it yes either.
    store.add_resume("queja@correo-ejemplo.es", date=AS_OF, note="by hand", by="Marta")
    assert only(ask(store, "queja@correo-ejemplo.es"))[:2] == (Answer.NO, "consent")


def test_an_unsubscribe_is_no(store: HistoryStore) -> None:
    answer, why, sentence = only(ask(store, "baja@correo-ejemplo.es"))
    assert (answer, why) == (Answer.NO, "consent") and sentence.startswith("The person unsubscribed (2026-11-12).")


def test_a_dead_mailbox_is_no_and_a_misspelled_domain_gets_the_suggestion(store: HistoryStore) -> None:
    report = ask(store, "Ana <ana@gmial.com>", "luis@correo-ejemplo.es")
    typo, plain = report.answers
    assert (typo.answer, typo.why, typo.suggestion) == (Answer.NO, "mailbox_dead", "ana@gmail.com")
    assert typo.sentence == ("The mailbox does not exist (5.1.1, 2026-11-20): mailing it would bounce again. Its domain "
                             "looks misspelled: ask the client whether they meant ana@gmail.com.")
    assert (plain.answer, plain.suggestion) == (Answer.NO, "")
    assert plain.sentence.endswith("mailing it would bounce again. Ask the client for a new address.")


def test_suppressed_only_by_soft_bounces_is_yes(store: HistoryStore) -> None:
    report = ask(store, "llena@correo-ejemplo.es")
    assert report.answers[0].decision is not None and report.answers[0].decision.decision is Decision.SUPPRESS
    answer, why, sentence = only(report)
    assert (answer, why) == (Answer.YES, "soft_bounces_only")
    assert sentence.startswith("Suppressed only by 3 soft bounces over 21 days: a temporary problem, such as a full "
                               "mailbox the client has since emptied.")


@pytest.mark.parametrize(("address", "why", "start"), [
    ("pronto@correo-ejemplo.es", "retry", "Not suppressed: 1 soft bounce since the last delivery, fewer than the 3"),
    ("remitente@correo-ejemplo.es", "not_suppressed", "Not suppressed: its bounces were the sender's own problem"),
    ("nadie@correo-ejemplo.es", "not_suppressed", "No bounce, complaint or unsubscribe on record"),
])
def test_an_address_not_suppressed_is_yes(store: HistoryStore, address: str, why: str, start: str) -> None:
    answer, found, sentence = only(ask(store, address))
    assert (answer, found) == (Answer.YES, why) and sentence.startswith(start)


def test_a_dead_domain_is_asked_again_over_dns(store: HistoryStore, dns_server) -> None:
    dns = DnsSettings(nameservers=(dns_server.address,), timeout=2.0, cache=False)
    report = ask(store, "vuelve@correo-mx.es", "otra@correo-mx.es", "muerta@no-existe-nunca.es",
                 "nula@sin-correo.es", "ana@gmial.com", dns=dns)
    assert [(a.answer, a.why) for a in report.answers] == [
        (Answer.YES, "domain_receives_mail"), (Answer.YES, "domain_receives_mail"), (Answer.NO, "domain_dead"),
        (Answer.NO, "domain_dead"), (Answer.NO, "mailbox_dead")]
    assert report.answers[0].sentence == ("The domain does not exist (5.1.2, 2026-11-15), but DNS shows now that the "
                                          "domain receives mail: it can be mailed again.")
    assert report.answers[2].sentence == ("The domain does not exist (5.1.2, 2026-11-15). DNS, asked again now, still "
                                          "says: The domain 'no-existe-nunca.es' does not exist. Ask the client for a "
                                          "new address.")
    assert "null MX" in report.answers[3].sentence
    # Once per distinct domain that needs it; a dead mailbox's domain is not asked.
    assert report.dns.checked and report.dns.resolver_trusted and report.dns.domains == 3
    assert not report.all_yes


def test_without_dns_or_behind_an_untrusted_resolver_a_dead_domain_is_unknown(store: HistoryStore,
                                                                           nxdomain_server) -> None:
    answer, why, sentence = only(ask(store, "vuelve@correo-mx.es", dns=None))
    assert (answer, why) == (Answer.UNKNOWN, "dns_off") and "(--no-dns)" in sentence
    untrusted = ask(store, "vuelve@correo-mx.es",
                    dns=DnsSettings(nameservers=(nxdomain_server.address,), timeout=2.0, cache=False))
    answer, why, sentence = only(untrusted)
    assert (answer, why) == (Answer.UNKNOWN, "dns_unknown")
    assert sentence.endswith("which could not say: DNS could not be consulted: the resolver cannot be trusted.")
    assert [warning.code for warning in untrusted.warnings] == ["resolver_untrusted"]


def test_dns_is_not_asked_when_no_answer_needs_it(store: HistoryStore, dns_server) -> None:
    dns = DnsSettings(nameservers=(dns_server.address,), timeout=2.0, cache=False)
    before = dns_server.resolver.queries
    report = ask(store, "llena@correo-ejemplo.es", "luis@correo-ejemplo.es", dns=dns)
    assert not report.dns.checked and dns_server.resolver.queries == before  # not even the canaries


def test_lift_records_a_resume_event_for_yes_addresses_and_then_they_are_kept(store: HistoryStore) -> None:
    addresses = ("llena@correo-ejemplo.es", "pronto@correo-ejemplo.es", "nadie@correo-ejemplo.es",
                 "luis@correo-ejemplo.es")
    report = ask(store, *addresses, lift=True, note="The client emptied  the mailbox", by="Marta")
    assert [answer.lift for answer in report.answers] == [Lift.LIFTED, Lift.LIFTED, Lift.NOT_NEEDED, Lift.REFUSED]
    assert report.lifted == ["llena@correo-ejemplo.es", "pronto@correo-ejemplo.es"]
    assert report.answers[0].lift_sentence == "Suppression lifted on 2026-12-01 by Marta: The client emptied the mailbox"
    assert report.answers[2].lift_sentence == "Nothing to lift: the address is not suppressed."
    (resume,) = store.resumes("llena@correo-ejemplo.es")
    assert (resume.date, resume.note, resume.by) == (AS_OF, "The client emptied the mailbox", "Marta")
    events = store.events_of("llena@correo-ejemplo.es")
    assert events[-1].bounce_class is BounceClass.RESUMED
    assert decide("llena@correo-ejemplo.es", events, RULES).decision is Decision.KEEP
    assert store.resumes("nadie@correo-ejemplo.es") == [] and store.resumes("luis@correo-ejemplo.es") == []
    again = ask(store, "llena@correo-ejemplo.es")
    assert only(again)[1:] == ("not_suppressed", ("Not suppressed: mailing was resumed (2026-12-01) and nothing has "
                                                 "bounced since. It can be mailed."))
    assert again.answers[0].events[-1].diagnostic == "The client emptied the mailbox"


def test_lift_does_nothing_for_no_or_unknown(store: HistoryStore) -> None:
    report = ask(store, "luis@correo-ejemplo.es", "baja@correo-ejemplo.es", "vuelve@correo-mx.es", lift=True,
                 note="fixed")
    assert [(a.answer, a.lift) for a in report.answers] == [
        (Answer.NO, Lift.REFUSED), (Answer.NO, Lift.REFUSED), (Answer.UNKNOWN, Lift.REFUSED)]
    assert report.lifted == [] and all(not store.resumes(a.address) for a in report.answers)
    assert report.answers[2].lift_sentence == "Not lifted: until the answer is known, it stays as it is."


BOUNCE_MESSAGE = """\
Return-Path: <>
Date: Fri, 20 Nov 2026 09:30:02 +0000
From: MAILER-DAEMON@mx.sender.example.com (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: bounces@sender.example.com
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain; charset=us-ascii

Your message could not be delivered.

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.sender.example.com
Arrival-Date: Fri, 20 Nov 2026 09:29:58 +0000

Final-Recipient: rfc822; ana@gmial.com
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 <ana@gmial.com>: Recipient address rejected: User unknown

Final-Recipient: rfc822; marta@correo-ejemplo.es
Action: failed
Status: 5.2.2
Diagnostic-Code: smtp; 552 5.2.2 <marta@correo-ejemplo.es>: Mailbox full

--B--
"""


def test_sources_instead_of_a_history(tmp_path: Path) -> None:
    message = tmp_path / "rebote.eml"
    message.write_text(BOUNCE_MESSAGE)
    report = answer_resume(["ana@gmial.com", "MARTA@correo-ejemplo.es"], sources=[str(message)], dns=None,
                           rules=RULES, now=lambda: AS_OF)
    ana, marta = report.answers
    assert (ana.answer, ana.why, ana.suggestion) == (Answer.NO, "mailbox_dead", "ana@gmail.com")
    assert [(e.date, e.reason, e.status_code) for e in ana.events] == [
        (datetime(2026, 11, 20, 9, 29, 58, tzinfo=UTC), "user_unknown", "5.1.1")]
    assert (marta.address, marta.answer, marta.why) == ("marta@correo-ejemplo.es", Answer.YES, "retry")
    with pytest.raises(InputError, match="No bounces could be read"):
        answer_resume(["ana@gmial.com"], sources=[str(tmp_path / "missing.eml")], dns=None, now=lambda: AS_OF)


def test_the_call_must_make_sense(store: HistoryStore, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="exactly one"):
        answer_resume(["ana@gmial.com"], dns=None)
    with pytest.raises(ValueError, match="exactly one"):
        answer_resume(["ana@gmial.com"], history=store, sources=["x.eml"], dns=None)
    with pytest.raises(ValueError, match="lift"):
        answer_resume(["ana@gmial.com"], sources=[str(tmp_path)], lift=True, dns=None)


def test_a_text_that_is_no_address_is_no_and_a_repeat_is_answered_once(store: HistoryStore) -> None:
    report = ask(store, "luis.correo-ejemplo.es", "luis@correo-ejemplo.es", "LUIS@correo-ejemplo.es")
    assert [(a.address, a.answer, a.why) for a in report.answers] == [
        ("luis.correo-ejemplo.es", Answer.NO, "not_an_address"), ("luis@correo-ejemplo.es", Answer.NO, "mailbox_dead")]
    assert report.answers[0].sentence == "'luis.correo-ejemplo.es' is not an email address: ask the client to write it again."


def test_in_spanish(store: HistoryStore) -> None:
    with speaking("es"):
        report = ask(store, "ana@gmial.com", "llena@correo-ejemplo.es", "queja@correo-ejemplo.es")
    assert [answer.sentence for answer in report.answers] == [
        ("El buzón no existe (5.1.1, 2026-11-20): si se le escribe, volverá a rebotar. Su dominio parece mal escrito: "
        "pregunta al cliente si quería decir ana@gmail.com."),
        ("Suprimida solo por 3 rebotes temporales a lo largo de 21 días: un problema pasajero, como un buzón lleno que "
        "el cliente ya ha vaciado. Se le puede volver a escribir."),
        ("La persona marcó el correo como spam (2026-11-10). El consentimiento es de la persona y no le corresponde al "
        "remitente levantarlo: no le escribas, diga lo que diga el cliente; solo la persona puede deshacerlo, "
        "suscribiéndose de nuevo.")]


def test_the_json_report(store: HistoryStore) -> None:
    report = ask(store, "llena@correo-ejemplo.es", "luis@correo-ejemplo.es", lift=True, note="vaciado", by="Marta")
    data = json.loads(json.dumps(report.to_dict()))
    assert set(data) == {"addresses", "all_yes", "lifted", "as_of", "rules", "dns", "warnings", "version"}
    assert (data["all_yes"], data["lifted"], data["as_of"]) == (False, ["llena@correo-ejemplo.es"],
                                                                "2026-12-01T09:00:00+00:00")
    llena, luis = data["addresses"]
    assert set(llena) == {"address", "answer", "why", "sentence", "suggestion", "decision", "reason", "events",
                          "lift", "lifted", "lift_sentence"}
    assert (llena["answer"], llena["why"], llena["decision"], llena["reason"], llena["lift"]) == (
        "yes", "soft_bounces_only", "suppress", "repeated_soft_bounces", "lifted")
    assert llena["lifted"] == {"date": "2026-12-01T09:00:00+00:00", "note": "vaciado", "by": "Marta"}
    assert llena["events"][0] == {"date": "2026-11-01T10:00:00+00:00", "class": "soft", "reason": "mailbox_full",
                                  "status_code": "5.2.2", "diagnostic": "552 5.2.2 <llena@correo-ejemplo.es>: Mailbox full",
                                  "source": "export.json:1"}
    assert (luis["answer"], luis["lift"], luis["lifted"]) == ("no", "refused", None)
    assert data["dns"]["checked"] is False and data["rules"] == {"soft_limit": 3, "soft_days": 14}
    assert ask(store, "pronto@correo-ejemplo.es").all_yes


def test_the_terminal_report(store: HistoryStore) -> None:
    report = ask(store, "llena@correo-ejemplo.es", "ana@gmial.com", "vuelve@correo-mx.es", lift=True,
                 note="vaciado", by="Marta")
    console = Console(record=True, width=120, color_system=None)
    render_resume(report, console)
    text = "\n".join(line.rstrip() for line in console.export_text().splitlines())  # as the CLI writes it
    assert "Can it be mailed again? · decided as of 2026-12-01" in text
    assert "llena@correo-ejemplo.es · Suppress" in text
    assert "Date        Class        Reason        Code   Server's words" in text
    assert "2026-11-22  Soft bounce  mailbox_full  5.2.2  552 5.2.2 <llena@correo-ejemplo.es>: Mailbox full" in text
    assert "yes · Suppressed only by 3 soft bounces over 21 days" in text
    assert "Suppression lifted on 2026-12-01 by Marta: vaciado" in text
    assert "no · The mailbox does not exist" in text and "unknown · The domain does not exist" in text
    assert "DNS: not consulted (--no-dns)" in text
