"""``answer_resume``: the support question "the client says the problem is fixed: can we mail this
address again?", answered yes, no or unknown with a sentence that says why (CONTRACT.md, Bounce
history and resuming).

- ``no``: a complaint or an unsubscribe, ever (consent is the person's, never the sender's to lift);
  a hard bounce such as ``user_unknown`` (the mailbox does not exist: ask for a new address, with the
  typo suggestion when the domain looks misspelled); ``domain_not_found`` or ``mail_not_accepted``
  while DNS, asked again now, still says the domain receives no mail;
- ``yes``: suppressed only by soft bounces (a full mailbox the client emptied); suppressed by
  ``domain_not_found``/``mail_not_accepted`` and DNS now shows the domain receives mail; not
  suppressed at all (``retry``, ``keep``);
- ``unknown``: the answer needs DNS and DNS is off, cannot be trusted (the same canaries as
  ``check``) or cannot answer for the domain.

With ``lift=True`` a resume event (who, when, why) is recorded in the history for each ``yes``
address that is suppressed or waiting to be retried; never for ``no`` or ``unknown``.

For example ``answer_resume(["ana@example.es"], history=store, dns=None)`` gives a report whose
``answers[0].answer`` is ``Answer.YES`` and ``all_yes`` True for an address never suppressed
(tests/test_resume.py runs it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from email.utils import parseaddr
from enum import Enum
from typing import IO, Any

from listcheck.bounces.decide import (
    REPEATED_SOFT_BOUNCES,
    AddressDecision,
    Decision,
    DecisionRules,
    decide,
    in_time_order,
)
from listcheck.bounces.events import BounceClass, BounceEvent
from listcheck.bounces.history import HistoryStore, Resume
from listcheck.bounces.sources import BounceSources, normalized_address, nothing_read
from listcheck.checks.addresses import check_address
from listcheck.checks.dns_answers import DnsSummary, DomainAnswer
from listcheck.errors import InputError
from listcheck.messages import RunWarning, pinned, say, say_count, shortened
from listcheck.reasons import Reason
from listcheck.reports.bounce_report import source_warnings
from listcheck.settings import DnsSettings
from listcheck.version import __version__

# Hard reasons about the domain rather than the mailbox: DNS can show they no longer hold.
DOMAIN_REASONS = frozenset(["domain_not_found", "mail_not_accepted"])
_CONSENT = (BounceClass.COMPLAINT, BounceClass.UNSUBSCRIBE)


class Answer(str, Enum):
    """Whether the address may be mailed again."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


class Lift(str, Enum):
    """What ``lift=True`` did for one address."""

    LIFTED = "lifted"  # a resume event was recorded
    NOT_NEEDED = "not_needed"  # yes, and already kept: nothing stops mailing it
    REFUSED = "refused"  # no or unknown: never lifted


@dataclass(frozen=True)
class ResumeAnswer:
    """One address: its events in time order, its decision, the answer and why.

    ``why`` is a stable code that scripts branch on (``consent``, ``mailbox_dead``, ``listed``,
    ``domain_dead``, ``not_an_address``; ``soft_bounces_only``, ``domain_receives_mail``, ``retry``,
    ``not_suppressed``; ``dns_off``, ``dns_unknown``); ``sentence`` says it in the run's language.
    """

    address: str
    answer: Answer
    why: str
    sentence: str
    events: tuple[BounceEvent, ...] = ()
    decision: AddressDecision | None = None  # None for a text that is no address
    suggestion: str = ""  # the address the client may have meant, when the domain looks misspelled
    lift: Lift | None = None  # None when no lift was asked
    lifted: Resume | None = None
    lift_sentence: str = ""

    def to_dict(self) -> dict[str, Any]:
        """This answer in ``--report-json``."""
        decision = self.decision
        return {
            "address": shortened(self.address), "answer": self.answer.value, "why": self.why,
            "sentence": self.sentence, "suggestion": self.suggestion,
            "decision": decision.decision.value if decision else "",
            "reason": decision.reason if decision else "",
            "events": [_event_dict(event) for event in self.events],
            "lift": self.lift.value if self.lift else "",
            "lifted": {"date": self.lifted.date.isoformat(), "note": self.lifted.note, "by": self.lifted.by}
            if self.lifted else None,
            "lift_sentence": self.lift_sentence,
        }


@dataclass(frozen=True)
class ResumeReport:
    """Every answer of one ``answer_resume`` call, in the order the addresses were first given."""

    answers: tuple[ResumeAnswer, ...]
    as_of: datetime
    rules: DecisionRules
    dns: DnsSummary = field(default_factory=DnsSummary)
    warnings: tuple[RunWarning, ...] = ()
    version: str = __version__

    @property
    def all_yes(self) -> bool:
        """Whether every address may be mailed again: the command's exit status 0 (else 1)."""
        return all(answer.answer is Answer.YES for answer in self.answers)

    @property
    def lifted(self) -> list[str]:
        """The addresses a resume event was recorded for."""
        return [answer.address for answer in self.answers if answer.lift is Lift.LIFTED]

    def to_dict(self) -> dict[str, Any]:
        """The JSON report of ``listcheck resume`` (``--report-json``)."""
        return {"addresses": [answer.to_dict() for answer in self.answers], "all_yes": self.all_yes,
                "lifted": self.lifted, "as_of": self.as_of.isoformat(),
                "rules": {"soft_limit": self.rules.soft_limit, "soft_days": self.rules.soft_days},
                "dns": asdict(self.dns), "warnings": [asdict(warning) for warning in self.warnings],
                "version": self.version}


def answer_resume(
    addresses: Sequence[str],
    *,
    history: HistoryStore | None = None,
    sources: Sequence[str] = (),
    dns: DnsSettings | None = DnsSettings(),
    rules: DecisionRules = DecisionRules(),
    lift: bool = False,
    note: str = "",
    by: str = "",
    stdin: IO[bytes] | None = None,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> ResumeReport:
    """Answer, for each address, whether it may be mailed again, from the events of ``history`` or of
    ``sources`` (SOURCE paths as ``bounces`` reads them; ``"-"`` reads ``stdin``), exactly one of them.

    Decisions are made as of ``rules.as_of``, or ``now()`` when it is None; a lift is dated ``now()``.
    Each distinct address is answered once; DNS (``dns=None``: off) is asked once for the distinct
    domains whose answer depends on it. Raises ``ValueError`` for a call that cannot make sense (no
    events to read, both, or ``lift`` without ``history``) and ``InputError`` when no source could be read.
    """
    if (history is None) == (not sources):
        raise ValueError("give exactly one of history= and sources=")
    if lift and history is None:
        raise ValueError("lift=True records in the history: give history=")
    with pinned():
        moment = now()
        as_of = rules.as_of or moment
        asked = _distinct(addresses)
        keys = [key for _, key in asked if key]
        events, warnings = _history_events(history, keys) if history is not None else _source_events(
            sources, keys, stdin)
        decisions = {key: decide(key, events.get(key, []), rules, now=as_of) for key in keys}
        offline = {key: check_address(key) for key in keys}  # the ASCII domain, and the typo suggestion
        domains = {key: offline[key].domain or key.rpartition("@")[2] for key in keys}
        dns_answers, summary, dns_warnings = _ask_dns(
            {domains[key] for key, decision in decisions.items() if _needs_dns(decision)}, dns)
        answers = []
        for text, key in asked:
            if not key:
                answers.append(ResumeAnswer(text, Answer.NO, "not_an_address",
                                            say("resume.no.not_an_address", text=shortened(text, 80))))
                continue
            verdict = offline[key]
            suggestion = verdict.suggestion if verdict.reason is Reason.TYPO_DOMAIN else ""
            answered = _answer(decisions[key], suggestion, dns_answers.get(domains[key]), dns_off=dns is None,
                               rules=rules)
            answers.append(replace(answered, events=tuple(in_time_order(events.get(key, []))), suggestion=suggestion))
        if lift and history is not None:
            answers = [_lifted(answer, history, moment, note=note, by=by) for answer in answers]
        return ResumeReport(tuple(answers), as_of, rules, summary, tuple(warnings + dns_warnings))


def _distinct(addresses: Sequence[str]) -> list[tuple[str, str]]:
    """Each text with its address as the history keys it (empty for a text that is none), an address
    given twice answered once: a lift is recorded once."""
    seen: set[str] = set()
    distinct = []
    for text in addresses:
        key = _address_of(text)
        if key and key in seen:
            continue
        seen.add(key)
        distinct.append((text, key))
    return distinct


def _address_of(text: str) -> str:
    """The address in what support pasted, as the history keys it: ``ana@x.es``, or the address of
    ``Ana Ruiz <ana@x.es>`` (a line copied from the client's mail); empty when there is none."""
    return normalized_address(text) or normalized_address(parseaddr(text)[1])


def _history_events(history: HistoryStore, keys: Sequence[str]) -> tuple[dict[str, list[BounceEvent]], list[RunWarning]]:
    # One query for them all, rather than one per address (history.groups).
    return dict(history.groups(keys)), []


def _source_events(paths: Sequence[str], keys: Sequence[str],
                   stdin: IO[bytes] | None) -> tuple[dict[str, list[BounceEvent]], list[RunWarning]]:
    """The events of the asked addresses in these SOURCEs, read as ``bounces`` reads them."""
    wanted = set(keys)
    reader = BounceSources(stdin=stdin)
    events: dict[str, list[BounceEvent]] = {}
    for event in reader.events(paths):
        if event.address in wanted:  # the others are not kept: an mbox may hold millions
            events.setdefault(event.address, []).append(event)
    if not any(summary.read for summary in reader.summaries):
        raise InputError(nothing_read(reader.summaries))
    return events, source_warnings(reader.summaries)


def _needs_dns(decision: AddressDecision) -> bool:
    """Whether the answer turns on what DNS says now: suppressed by a dead or mail-refusing domain."""
    deciding = decision.deciding
    return (decision.decision is Decision.SUPPRESS and deciding is not None
            and deciding.bounce_class is BounceClass.HARD and deciding.reason in DOMAIN_REASONS
            and not _is_listing(deciding))


def _ask_dns(domains: set[str], dns: DnsSettings | None) -> tuple[dict[str, DomainAnswer], DnsSummary, list[RunWarning]]:
    """Each domain's answer, with the checker's trust rules: behind an untrusted resolver every answer
    is ``dns_unknown``. Nothing is asked (not even the canaries) when no answer needs DNS."""
    if dns is None or not domains:
        return {}, DnsSummary(), []
    from listcheck.checks.deliverability import checker_for  # dnspython is slow to import

    checker = checker_for(dns)
    try:
        answers = checker.check(domains)
    finally:
        checker.close()
    return answers, checker.stats, list(checker.warnings)


def _answer(decision: AddressDecision, suggestion: str, dns_answer: DomainAnswer | None, *, dns_off: bool,
            rules: DecisionRules) -> ResumeAnswer:
    """The answer for one address from its decision, its typo suggestion and what DNS says now."""
    address, deciding = decision.address, decision.deciding
    if decision.decision is Decision.RETRY:
        return ResumeAnswer(address, Answer.YES, "retry", say_count("resume.yes.retry", decision.soft_bounces,
                                                                    limit=rules.soft_limit), decision=decision)
    if decision.decision is Decision.KEEP or deciding is None:
        return ResumeAnswer(address, Answer.YES, "not_suppressed", _kept(decision), decision=decision)
    what, facts = _what(deciding), _facts(deciding)
    if deciding.bounce_class in _CONSENT:
        return ResumeAnswer(address, Answer.NO, "consent", say("resume.no.consent", what=what, facts=facts),
                            decision=decision)
    if decision.reason == REPEATED_SOFT_BOUNCES:
        sentence = say_count("resume.yes.soft_bounces", decision.soft_bounces,
                             days=say_count("bounce.days", decision.soft_days))
        return ResumeAnswer(address, Answer.YES, "soft_bounces_only", sentence, decision=decision)
    if _is_listing(deciding):
        return ResumeAnswer(address, Answer.NO, "listed", say("resume.no.listed", what=what), decision=decision)
    if not _needs_dns(decision):
        key = "resume.no.dead_typo" if suggestion else "resume.no.dead"
        return ResumeAnswer(address, Answer.NO, "mailbox_dead",
                            say(key, what=what, facts=facts, suggestion=suggestion), decision=decision)
    if dns_off or dns_answer is None:
        return ResumeAnswer(address, Answer.UNKNOWN, "dns_off", say("resume.unknown.dns_off", what=what, facts=facts),
                            decision=decision)
    if dns_answer.reason is Reason.DNS_UNKNOWN:
        return ResumeAnswer(address, Answer.UNKNOWN, "dns_unknown",
                            say("resume.unknown.dns", what=what, facts=facts, dns=dns_answer.detail), decision=decision)
    if dns_answer.reason is None:
        return ResumeAnswer(address, Answer.YES, "domain_receives_mail",
                            say("resume.yes.domain_back", what=what, facts=facts), decision=decision)
    key = "resume.no.domain_dead_typo" if suggestion else "resume.no.domain_dead"
    return ResumeAnswer(address, Answer.NO, "domain_dead",
                        say(key, what=what, facts=facts, dns=dns_answer.detail, suggestion=suggestion),
                        decision=decision)


def _kept(decision: AddressDecision) -> str:
    """Why an address that is not suppressed is not: what its decision rests on."""
    deciding = decision.deciding
    if decision.events == 0:
        return say("resume.yes.no_events")
    if deciding is None:
        return say("resume.yes.nothing_counts")
    if deciding.bounce_class is BounceClass.SENDER:
        return say("resume.yes.sender")
    if deciding.bounce_class is BounceClass.DELIVERED:
        return say("resume.yes.delivered")
    if deciding.bounce_class is BounceClass.RESUMED:
        return say("resume.yes.resumed", facts=_facts(deciding))
    return say("resume.yes.keep")


def _lifted(answer: ResumeAnswer, history: HistoryStore, moment: datetime, *, note: str, by: str) -> ResumeAnswer:
    """Record the resume event of a ``yes`` that needs one; say what was done either way."""
    if answer.answer is not Answer.YES:
        key = "resume.lift.refused_no" if answer.answer is Answer.NO else "resume.lift.refused_unknown"
        return replace(answer, lift=Lift.REFUSED, lift_sentence=say(key))
    if answer.decision is None or answer.decision.decision is Decision.KEEP:
        return replace(answer, lift=Lift.NOT_NEEDED, lift_sentence=say("resume.lift.not_needed"))
    history.add_resume(answer.address, date=moment, note=note, by=by)
    recorded = history.resumes(answer.address)[-1]  # as stored: the note and the name on one line each
    return replace(answer, lift=Lift.LIFTED, lifted=recorded, lift_sentence=lift_sentence(recorded))


def lift_sentence(resume: Resume) -> str:
    """The audit line of a resume event, such as "Suppression lifted on 2026-12-01 by Marta: emptied"."""
    note = resume.note or say("resume.lift.no_note")
    date = resume.date.date().isoformat()
    if resume.by:
        return say("resume.lift.lifted", date=date, by=resume.by, note=note)
    return say("resume.lift.lifted_anonymous", date=date, note=note)


def _what(event: BounceEvent) -> str:
    """What the event says of the address, as ``bounces.csv`` says it."""
    if _is_listing(event):
        file, _, row = event.source.rpartition(":")
        return say("bounce.what.listed", source=file if file and row.isdigit() else event.source)
    return say(f"bounce.what.{event.reason}")


def _is_listing(event: BounceEvent) -> bool:
    # A line of a do-not-mail list is hard with neither code nor words (as in explain.py): a listing,
    # not evidence of a dead mailbox.
    return event.bounce_class is BounceClass.HARD and not event.status_code and not event.diagnostic


def _facts(event: BounceEvent) -> str:
    """`` (5.1.1, 2026-11-20)``: the event's code and date, when it has them."""
    facts = [fact for fact in (event.status_code, event.date.date().isoformat() if event.date else "") if fact]
    return say("bounce.facts", facts=", ".join(facts)) if facts else ""


def _event_dict(event: BounceEvent) -> dict[str, str]:
    return {"date": event.date.isoformat() if event.date else "", "class": event.bounce_class.value,
            "reason": event.reason, "status_code": event.status_code, "diagnostic": shortened(event.diagnostic),
            "source": shortened(event.source)}

