"""The ``detail`` sentence of a ``bounces.csv`` row: what happened to the address, and what to do."""

from __future__ import annotations

from listcheck.bounces.decide import REPEATED_SOFT_BOUNCES, AddressDecision, Decision
from listcheck.bounces.events import BounceClass
from listcheck.messages import say, say_count


def explain(decision: AddressDecision) -> str:
    """One sentence in the run's language, such as "The mailbox does not exist (5.1.1, 2026-11-20). Stop
    mailing it; ask the person for another address.\""""
    deciding = decision.deciding
    if deciding is None:
        return say("bounce.detail", what=say("bounce.what.nothing"), facts="", todo=say("bounce.todo.keep"))
    if decision.reason == REPEATED_SOFT_BOUNCES:
        what = say_count("bounce.what.repeated_soft_bounces", decision.soft_bounces,
                         days=say_count("bounce.days", decision.soft_days))
    elif deciding.bounce_class is BounceClass.HARD and not deciding.status_code and not deciding.diagnostic:
        # A line of a do-not-mail list says nothing of a mailbox: say what is known, that it is listed.
        what = say("bounce.what.listed", source=_file_of(deciding.source))
    else:
        what = say(f"bounce.what.{deciding.reason}")
    facts = [fact for fact in (deciding.status_code, deciding.date.date().isoformat() if deciding.date else "") if fact]
    return say("bounce.detail", what=what, facts=say("bounce.facts", facts=", ".join(facts)) if facts else "",
               todo=_todo(decision))


def _file_of(source: str) -> str:
    """The file of a source label: ``bajas.txt`` of ``bajas.txt:3``.

    >>> _file_of("bajas.txt:3"), _file_of("folder/1.eml")
    ('bajas.txt', 'folder/1.eml')
    """
    file, _, row = source.rpartition(":")
    return file if file and row.isdigit() else source


def _todo(decision: AddressDecision) -> str:
    kind = decision.bounce_class
    if decision.decision is Decision.SUPPRESS:
        if kind in (BounceClass.COMPLAINT, BounceClass.UNSUBSCRIBE):
            return say("bounce.todo.suppress_consent")
        if decision.reason == REPEATED_SOFT_BOUNCES:
            return say("bounce.todo.suppress_repeated")
        return say("bounce.todo.suppress_hard")
    if decision.decision is Decision.RETRY:
        return say_count("bounce.todo.retry", decision.soft_bounces)
    if kind is BounceClass.SENDER:
        return say("bounce.todo.keep_sender")
    if kind is BounceClass.DELIVERED:
        return say("bounce.todo.keep_delivered")
    return say("bounce.todo.keep")
