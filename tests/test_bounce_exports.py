"""Platform exports read by content: each fixture in tests/data/bounces/exports (made by
tests/data/make_bounce_fixtures.py) against its expected events, detection, bad rows, and the
vocabulary table's rules."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from listcheck.bounces.events import Classification, Failure
from listcheck.bounces.exports import ExportReading, looks_like_mail, read_export
from listcheck.bounces.platform_types import listing, platform_type, settle

DATA = Path(__file__).parent / "data"
EXPORTS = DATA / "bounces" / "exports"
MAIL = DATA / "bounces" / "mail"

_spec = importlib.util.spec_from_file_location("make_bounce_fixtures", DATA / "make_bounce_fixtures.py")
assert _spec is not None and _spec.loader is not None
make_bounce_fixtures = importlib.util.module_from_spec(_spec)
sys.modules["make_bounce_fixtures"] = make_bounce_fixtures
_spec.loader.exec_module(make_bounce_fixtures)

# fixture: (format, rows not understood, rows that are other events)
READINGS = {
    "ses_notifications.json": ("ses_notifications", [], 1),
    "ses_events.jsonl": ("ses_notifications", [5], 2),
    "ses_suppression_list.csv": ("ses_suppression_list", [3], 0),
    "ses_suppression_api.json": ("ses_suppression_list", [], 0),
    "sendgrid_bounces.csv": ("sendgrid_bounces", [5], 0),
    "sendgrid_blocks.json": ("sendgrid_blocks", [], 0),
    "sendgrid_spam_reports.json": ("sendgrid_spam_reports", [], 0),
    "sendgrid_invalid_emails.csv": ("sendgrid_invalid_emails", [], 0),
    "sendgrid_events.json": ("sendgrid_events", [], 4),
    "postmark_bounces_api.json": ("postmark_bounces", [], 1),
    "postmark_bounces_export.csv": ("postmark_bounces", [3], 0),
    "postmark_suppressions.json": ("postmark_suppressions", [], 0),
    "postmark_webhooks.jsonl": ("postmark_webhooks", [], 2),
    "mailgun_events.json": ("mailgun_events", [], 2),
    "mailgun_webhook.json": ("mailgun_events", [], 0),
    "mailgun_bounces.csv": ("mailgun_bounces", [], 0),
    "brevo_blocked_contacts.json": ("brevo_blocked_contacts", [], 0),
    "brevo_webhook.jsonl": ("brevo_events", [], 2),
    "brevo_events_export.csv": ("brevo_events", [], 1),
    "mailjet_events.json": ("mailjet_events", [], 2),
    "mailchimp_cleaned.csv": ("mailchimp_cleaned", [], 0),
    "mailchimp_unsubscribed.csv": ("mailchimp_unsubscribed", [], 0),
    "mandrill_events.json": ("mandrill_events", [], 2),
    "mandrill_rejects.json": ("mandrill_rejects", [], 0),
    "mandrill_send_results.json": ("mandrill_results", [], 1),
    "sisimai.json": ("sisimai_json", [], 1),
    "plain_list.txt": ("plain_list", [4], 0),
    "contact_list.csv": ("contact_list", [], 0),
    "bounce_export_es.csv": ("bounce_csv", [8], 0),
    "no_address_column.csv": ("csv", [1, 2], 0),
    "garbage_rows.json": ("ses_notifications", [2, 3, 4, 5, 6], 0),
}


def _read(name: str) -> ExportReading:
    reading = read_export((EXPORTS / name).read_bytes(), name)
    assert reading is not None, name
    return reading


def _events(reading: ExportReading) -> list[list[str]]:
    rows = []
    for row, failure in reading.failures:
        assert failure.classification is not None  # every event leaves the reader classified
        rows.append([str(row), failure.address, failure.classification.bounce_class.value,
                     failure.classification.reason, failure.status_code])
    return rows


def test_every_export_fixture_is_checked():
    on_disk = {path.name for path in EXPORTS.iterdir() if not path.name.endswith(".expected.csv")}
    assert on_disk == set(READINGS)


@pytest.mark.parametrize("name", sorted(READINGS))
def test_export_gives_its_expected_events(name):
    with open(EXPORTS / f"{name.split('.')[0]}.expected.csv", newline="", encoding="utf-8") as handle:
        expected = list(csv.reader(handle))[1:]
    assert _events(_read(name)) == expected


@pytest.mark.parametrize("name", sorted(READINGS))
def test_export_format_and_counts(name):
    reading = _read(name)
    assert (reading.format, reading.not_understood, reading.not_bounces) == READINGS[name]


@pytest.mark.parametrize("name, row, when", [
    ("ses_notifications.json", 1, "2024-02-01T09:30:00.120000+00:00"),  # ISO 8601 with Z
    ("sendgrid_bounces.csv", 1, "2024-02-01T09:30:00+00:00"),  # Unix seconds as text
    ("postmark_bounces_api.json", 1, "2024-02-01T09:31:54.907025+00:00"),  # seven fraction digits
    ("postmark_suppressions.json", 1, "2024-02-01T09:30:54+00:00"),  # an offset, made UTC
    ("mailgun_bounces.csv", 1, "2024-02-01T09:30:00+00:00"),  # RFC 2822
    ("mailgun_events.json", 1, "2024-02-01T09:30:00.501324+00:00"),  # Unix seconds with a fraction
    ("brevo_blocked_contacts.json", 1, "2024-02-01T09:30:00+00:00"),
    ("mandrill_rejects.json", 1, "2024-02-01T09:30:00+00:00"),  # no zone: UTC
    ("mailchimp_cleaned.csv", 1, "2024-02-01T09:30:00+00:00"),
    ("sisimai.json", 1, "2024-02-01T09:30:01+00:00"),
])
def test_dates_are_aware_utc(name, row, when):
    failure = next(failure for number, failure in _read(name).failures if number == row)
    assert failure.date is not None and failure.date.utcoffset().total_seconds() == 0
    assert failure.date.isoformat() == when


def test_ses_delay_without_its_own_date_takes_the_mail_date():
    reading = read_export(json.dumps({"eventType": "DeliveryDelay", "mail": {"timestamp": "2024-02-01T09:00:00Z"},
                                      "deliveryDelay": {"delayType": "General", "delayedRecipients": [
                                          {"emailAddress": "ana@example.com"}]}}).encode(), "x.json")
    assert reading is not None
    assert reading.failures[0][1].date == datetime(2024, 2, 1, 9, tzinfo=UTC)


@pytest.mark.parametrize("path", sorted(p for p in MAIL.rglob("*") if p.is_file() and p.suffix != ".csv"),
                         ids=lambda p: str(p.relative_to(MAIL)))
def test_mail_binary_and_empty_files_are_not_exports(path):
    assert read_export(path.read_bytes(), path.name) is None


@pytest.mark.parametrize("text, mail", [
    ("From MAILER-DAEMON Thu Feb  1 09:30:00 2024\nFrom: x\n", True),
    ("Return-Path: <>\r\nReceived: from mx\r\n\tby mx2\r\nSubject: Undelivered\r\n\r\nbody", True),
    ("Subject: cut sho", True),  # a message cut in its headers is still a message
    ("email,name\nana@example.com,Ana\n", False),
    ("mailto:ana@example.com\n", False),
    ("Note: these addresses bounced\nana@example.com\n", False),
])
def test_looks_like_mail(text, mail):
    assert looks_like_mail(text) is mail


def test_the_name_tells_bounces_from_blocks_only_where_rows_look_alike():
    data = (EXPORTS / "sendgrid_blocks.json").read_bytes()
    as_bounces, as_blocks = read_export(data, "export.json"), read_export(data, "blocks-2024.json")
    assert as_bounces is not None and as_blocks is not None
    assert (as_bounces.format, as_blocks.format) == ("sendgrid_bounces", "sendgrid_blocks")
    spam = read_export((EXPORTS / "sendgrid_spam_reports.json").read_bytes(), "blocks.json")
    assert spam is not None and spam.format == "sendgrid_spam_reports"  # the content decides first


def test_a_contact_list_given_as_bounces_is_a_list_of_suppressions():
    reading = read_export((DATA / "google_contacts.csv").read_bytes(), "google_contacts.csv")
    assert reading is not None and reading.format == "contact_list" and reading.failures
    assert {failure.classification for _, failure in reading.failures} == {listing().classification}


def test_a_json_array_of_addresses_is_a_plain_list():
    reading = read_export(b'["ana@example.com", "nobody", "luis@example.org"]', "list.json")
    assert reading is not None
    assert [(row, failure.address) for row, failure in reading.failures] == [(1, "ana@example.com"),
                                                                             (3, "luis@example.org")]
    assert reading.not_understood == [2]


def test_unknown_json_rows_are_counted_not_dropped():
    reading = read_export(b'[{"a": 1}, {"b": 2}]', "x.json")
    assert reading == ExportReading("json", [], [1, 2], 0)


def test_a_file_that_is_neither_json_nor_a_table_is_not_an_export():
    assert read_export(b"\x00\x01\x02\x03" * 100, "x.dat") is None
    assert read_export(b"   \n\n", "blank.csv") is None


def test_json_lines_number_lines_as_an_editor_does():
    data = b'{"email": "ana@example.com", "event": "delivered"}\n\n\n{"email": "x@example.org", "event": "open"}\n'
    reading = read_export(data, "events.jsonl")
    assert reading is not None and [row for row, _ in reading.failures] == [1] and reading.not_bounces == 1


# The vocabulary's three ways of trusting a platform's word (platform_types.py).
@pytest.mark.parametrize("platform, lookups, failure, expected", [
    # fallback: the words first, the type when they say nothing
    ("ses", [("subtype", "Permanent General")], Failure("a@example.com"), "undetermined"),
    ("ses", [("subtype", "Permanent General")], Failure("a@example.com", status_code="5.1.1"), "user_unknown"),
    ("postmark", [("type", "HardBounce")], Failure("a@example.com"), "user_unknown"),
    ("postmark", [("type", "HardBounce")], Failure("a@example.com", diagnostic="552 5.2.2 Mailbox full"),
     "mailbox_full"),
    # class: the type's class stands, the words pick a reason within it
    ("sendgrid", [("list", "blocks")], Failure("a@example.com", diagnostic="550 5.1.1 User unknown"), "blocked"),
    ("sendgrid", [("event", "deferred")], Failure("a@example.com", status_code="5.1.1"), "undetermined"),
    ("ses", [("subtype", "Permanent NoEmail")], Failure("a@example.com", status_code="5.1.2"), "domain_not_found"),
    # always: the type decides
    ("mailgun", [("reason", "suppress-bounce")], Failure("a@example.com", status_code="4.2.2"), "user_unknown"),
    ("sendgrid", [("event", "spamreport")], Failure("a@example.com", status_code="5.1.1"), "complaint"),
])
def test_settle(platform, lookups, failure, expected):
    settled = settle(failure, platform_type(platform, *lookups))
    assert settled is not None and settled.classification == Classification.of(expected)


def test_the_vocabulary_table_is_whole():
    text = (Path(__file__).parents[1] / "src/listcheck/bounces/data/platform_types.csv").read_text("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert all(row["source"].strip() for row in rows)
    assert len({(row["platform"], row["field"], row["value"].casefold()) for row in rows}) == len(rows)
    assert platform_type("sendgrid", ("event", "open")) is not None  # the table loads and checks itself


def test_the_fixture_script_reproduces_the_committed_files(tmp_path):
    written = make_bounce_fixtures.write_all(tmp_path)
    fresh = {path.relative_to(tmp_path).as_posix(): path.read_bytes() for path in written}
    committed_root = DATA / "bounces"
    committed = {path.relative_to(committed_root).as_posix(): path.read_bytes()
                 for path in committed_root.rglob("*") if path.is_file()}
    assert sorted(fresh) == sorted(committed)
    assert [name for name in fresh if fresh[name] != committed[name]] == []


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20)
    | st.sampled_from(["ana@example.com", "Bounce", "Permanent", "event", "failed"]),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["notificationType", "bounce", "bouncedRecipients", "emailAddress", "event", "email",
                         "recipient", "reason", "status", "msg", "Type", "TypeCode", "Email", "items", "x"]),
        children, max_size=5),
    max_leaves=20)


@settings(max_examples=150, deadline=None)
@given(_JSON)
def test_no_json_value_raises(value):
    reading = read_export(json.dumps(value).encode(), "x.json")
    assert reading is None or isinstance(reading, ExportReading)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_no_bytes_raise(data):
    reading = read_export(data, "x.csv")
    assert reading is None or isinstance(reading, ExportReading)
