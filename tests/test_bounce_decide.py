"""The decision per address (CONTRACT.md, Bounces): one test per rule, on fixed dates."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from listcheck.bounces.decide import REPEATED_SOFT_BOUNCES, Decision, DecisionRules, decide
from listcheck.bounces.events import BounceClass, BounceEvent, Classification
from listcheck.bounces.explain import explain
from listcheck.messages import speaking

AS_OF = datetime(2026, 12, 1, 23, 59, tzinfo=UTC)


def event(day: str | None, reason: str, code: str = "") -> BounceEvent:
    """An event of ana@example.com on ``day`` (``"11-20"`` is 2026-11-20; None: undated)."""
    kind = Classification.of(reason)
    date = datetime.fromisoformat(f"2026-{day}T10:00:00+00:00") if day else None
    return BounceEvent(source="test", address="ana@example.com", date=date, bounce_class=kind.bounce_class,
                       reason=kind.reason, status_code=code, diagnostic="")


def decided(*events: BounceEvent, rules: DecisionRules = DecisionRules(as_of=AS_OF)) -> tuple[str, str]:
    decision = decide("ana@example.com", events, rules)
    return decision.decision.value, decision.reason


@pytest.mark.parametrize(("events", "expected"), [
    # A hard bounce suppresses at once, and keeps suppressing until a delivery follows it.
    ([event("11-20", "user_unknown", "5.1.1")], ("suppress", "user_unknown")),
    ([event("11-20", "domain_not_found"), event("11-25", "mailbox_full")], ("suppress", "domain_not_found")),
    ([event("11-20", "user_unknown"), event("11-22", "delivered")], ("keep", "delivered")),
    # Events are put in time order whatever order they were read in.
    ([event("11-22", "delivered"), event("11-20", "user_unknown")], ("keep", "delivered")),
    ([event("11-20", "delivered"), event("11-22", "user_unknown")], ("suppress", "user_unknown")),
    # A complaint or an unsubscribe suppresses for ever: a delivery after it changes nothing.
    ([event("11-01", "complaint"), event("11-20", "delivered")], ("suppress", "complaint")),
    ([event("11-01", "unsubscribed"), event("11-20", "delivered")], ("suppress", "unsubscribed")),
    # Soft bounces: retry below the limit; suppress at 3 whose first and last lie 14 days apart or more.
    ([event("11-20", "mailbox_full")], ("retry", "mailbox_full")),
    ([event("11-01", "mailbox_full"), event("11-05", "mailbox_full"), event("11-14", "server_error")],
     ("retry", "server_error")),  # 13 days: not yet
    ([event("11-01", "mailbox_full"), event("11-05", "mailbox_full"), event("11-15", "expired")],
     ("suppress", REPEATED_SOFT_BOUNCES)),  # 14 days
    ([event("11-01", "mailbox_full"), event("11-05", "mailbox_full"), event("11-15", "delivered"),
      event("11-20", "mailbox_full")], ("retry", "mailbox_full")),  # the delivery reset the count
    # The sender's own problems never remove a contact, and do not count as soft bounces.
    ([event("11-20", "blocked", "5.7.1")], ("keep", "blocked")),
    ([event("11-01", "auth_failure"), event("11-10", "spam_content"), event("11-20", "policy")], ("keep", "policy")),
    ([event("11-01", "mailbox_full"), event("11-20", "blocked")], ("retry", "mailbox_full")),
    # Undated events (a plain list) come after the dated ones: no delivery is known to have cleared them.
    ([event("11-20", "delivered"), event(None, "user_unknown")], ("suppress", "user_unknown")),
])
def test_rules(events: list[BounceEvent], expected: tuple[str, str]) -> None:
    assert decided(*events) == expected


def test_events_after_as_of_are_ignored() -> None:
    events = [event("11-20", "mailbox_full"), event("12-05", "user_unknown")]
    assert decided(*events) == ("retry", "mailbox_full")
    assert decided(*events, rules=DecisionRules(as_of=datetime(2026, 12, 6, tzinfo=UTC))) == ("suppress", "user_unknown")
    nothing = decide("ana@example.com", [event("12-05", "user_unknown")], DecisionRules(as_of=AS_OF))
    assert (nothing.decision, nothing.events, nothing.bounce_class) == (Decision.KEEP, 0, None)


@pytest.mark.parametrize(("limit", "days", "expected"), [
    (3, 14, "retry"), (2, 14, "suppress"), (2, 20, "retry"), (1, 0, "suppress"), (4, 0, "retry")])
def test_soft_limit_and_days_are_settable(limit: int, days: int, expected: str) -> None:
    events = [event("11-01", "mailbox_full"), event("11-16", "mailbox_full")]  # 15 days apart
    assert decided(*events, rules=DecisionRules(soft_limit=limit, soft_days=days, as_of=AS_OF))[0] == expected


def test_the_first_and_last_seen_and_counts() -> None:
    decision = decide("ana@example.com", [event("11-15", "mailbox_full"), event("11-01", "mailbox_full")],
                      DecisionRules(as_of=AS_OF))
    assert (decision.events, decision.soft_bounces, decision.soft_days) == (2, 2, 14)
    assert (decision.first_seen.day, decision.last_seen.day) == (1, 15)  # type: ignore[union-attr]


@pytest.mark.parametrize("rules", [{"soft_limit": 0}, {"soft_days": -1}, {"as_of": datetime(2026, 12, 1)}])
def test_bad_rules_are_refused(rules: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        DecisionRules(**rules)  # type: ignore[arg-type]


@pytest.mark.parametrize(("events", "english", "spanish"), [
    ([event("11-20", "user_unknown", "5.1.1")],
     "The mailbox does not exist (5.1.1, 2026-11-20). Stop mailing it; ask the person for another address.",
     "El buzón no existe (5.1.1, 2026-11-20). Deja de escribirle; pide a la persona otra dirección."),
    ([event("11-01", "mailbox_full"), event("11-05", "mailbox_full"), event("11-15", "mailbox_full")],
     ("3 soft bounces since the last delivery, over 14 days (2026-11-15). Stop mailing it: a mailbox that fails "
     "this long is likely abandoned."),
     ("3 rebotes temporales desde la última entrega, a lo largo de 14 días (2026-11-15). Deja de escribirle: un "
     "buzón que falla tanto tiempo suele estar abandonado.")),
    ([event("11-20", "mailbox_full", "4.2.2")],
     ("The mailbox is full (4.2.2, 2026-11-20). Temporary (1 soft bounce since the last delivery): mail it again "
     "later."),
     ("El buzón está lleno (4.2.2, 2026-11-20). Es temporal (1 rebote temporal desde la última entrega): vuelve a "
     "escribirle más adelante.")),
    ([event("11-20", "complaint")],
     "The person marked the mail as spam (2026-11-20). Never mail it again: only the person can take this back.",
     "La persona marcó el correo como spam (2026-11-20). No le vuelvas a escribir: solo la persona puede deshacerlo."),
    ([event(None, "auth_failure", "5.7.26")],
     ("The sender's SPF, DKIM or DMARC did not pass (5.7.26). The problem is the sender's to fix, not the "
     "address's: keep it."),
     ("El SPF, DKIM o DMARC del remitente no pasó (5.7.26). El problema es del remitente, no de la dirección: "
     "consérvala.")),
])
def test_the_detail_sentence_says_what_happened_and_what_to_do(events: list[BounceEvent], english: str,
                                                               spanish: str) -> None:
    decision = decide("ana@example.com", events, DecisionRules(as_of=AS_OF))
    with speaking("en"):
        assert explain(decision) == english
    with speaking("es"):
        assert explain(decision) == spanish


def resume(day: str, note: str = "the client emptied the mailbox") -> BounceEvent:
    """A resume event (``listcheck resume --lift``) of ana@example.com on ``day``."""
    return BounceEvent(source="resume", address="ana@example.com",
                       date=datetime.fromisoformat(f"2026-{day}T12:00:00+00:00"), bounce_class=BounceClass.RESUMED,
                       reason="resumed", status_code="", diagnostic=note)


@pytest.mark.parametrize(("events", "expected"), [
    # Decisions count only the events after the last resume.
    ([event("11-20", "domain_not_found"), resume("11-25")], ("keep", "resumed")),
    ([event("11-20", "user_unknown"), resume("11-25"), event("11-28", "user_unknown")], ("suppress", "user_unknown")),
    ([event("11-01", "mailbox_full"), event("11-10", "mailbox_full"), resume("11-20"), event("11-25", "mailbox_full")],
     ("retry", "mailbox_full")),  # the two before the resume no longer count towards the limit
    ([resume("11-20"), event("11-25", "blocked")], ("keep", "blocked")),
    ([event("11-20", "user_unknown"), resume("11-22"), resume("11-10")], ("keep", "resumed")),  # the last in time
    # The order read does not matter for dated events: an old export imported after the lift undoes nothing.
    ([resume("11-25"), event("11-20", "user_unknown")], ("keep", "resumed")),
    # Undated events are placed by the order given (the order added to the history): a plain list imported
    # before the lift is lifted, one imported after it suppresses again.
    ([event(None, "user_unknown"), resume("11-25")], ("keep", "resumed")),
    ([resume("11-25"), event(None, "user_unknown")], ("suppress", "user_unknown")),
    # Consent is the person's: a complaint or an unsubscribe suppresses even after a resume.
    ([event("11-20", "complaint"), resume("11-25")], ("suppress", "complaint")),
    ([event("11-20", "unsubscribed"), resume("11-25"), event("11-26", "delivered")], ("suppress", "unsubscribed")),
    # A resume dated after as_of does not count yet.
    ([event("11-20", "user_unknown"), resume("12-05")], ("suppress", "user_unknown")),
])
def test_a_resume_starts_the_count_again(events: list[BounceEvent], expected: tuple[str, str]) -> None:
    assert decided(*events) == expected


def test_a_resumed_address_is_explained() -> None:
    decision = decide("ana@example.com", [event("11-20", "mailbox_full"), resume("11-25")], DecisionRules(as_of=AS_OF))
    assert (decision.events, decision.bounce_class, decision.last) == (2, BounceClass.RESUMED, decision.deciding)
    with speaking("en"):
        assert explain(decision) == "Mailing was resumed by support (2026-11-25). Keep it."
    with speaking("es"):
        assert explain(decision) == "El soporte reanudó los envíos (2026-11-25). Consérvala."
