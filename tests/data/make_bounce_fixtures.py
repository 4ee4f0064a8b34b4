"""Writes the bounce fixtures under tests/data/bounces/. Run it after changing one:

    python tests/data/make_bounce_fixtures.py

exports/: one file per export format in the shape its platform writes (field names and values from
the platforms' documentation, BOUNCES.md section 3; the rows are invented, on example domains), each
with ``<stem>.expected.csv``: row, address, class, reason, status_code, one line per event in file order.

mail/: bounce messages for the whole-run tests: an mbox, a Maildir (cur/new/tmp), a plain folder of
.eml files (a DSN naming two recipients, an ARF complaint, an auto-reply, a truncated message), a
binary file and an empty one, each source with ``<stem>.expected.csv``: source (as events.csv names
it, relative to mail/), address, class, reason, status_code.

The output is deterministic: tests/test_bounce_exports.py writes it again into a temporary folder and
compares it with the committed files.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent / "bounces"
EXPORT_HEADER = ["row", "address", "class", "reason", "status_code"]
MAIL_HEADER = ["source", "address", "class", "reason", "status_code"]


def csv_text(rows: list[list[Any]], *, delimiter: str = ",", line_end: str = "\n") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator=line_end).writerows(rows)
    return out.getvalue()


def json_text(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def json_lines(values: list[Any]) -> str:
    return "".join((json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value) + "\n"
                   for value in values)


# ---------------------------------------------------------------------------------------------------
# Amazon SES (docs.aws.amazon.com/ses/latest/dg/notification-contents.html)

MAIL_OBJECT = {
    "timestamp": "2024-02-01T09:29:58.000Z", "source": "news@sender.example.com",
    "sourceArn": "arn:aws:ses:eu-west-1:123456789012:identity/sender.example.com",
    "sendingAccountId": "123456789012", "messageId": "0102018d6b1a2b3c-11111111-2222-3333-4444-555555555555-000000",
    "destination": ["ana.ruiz@example.com"],
}


def ses_bounce(kind: str, subtype: str, recipients: list[dict[str, str]], *, key: str = "notificationType") -> dict[str, Any]:
    return {key: "Bounce", "bounce": {
        "feedbackId": "0102018d6b1a2b3c-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee-000000", "bounceType": kind,
        "bounceSubType": subtype, "bouncedRecipients": recipients, "timestamp": "2024-02-01T09:30:00.120Z",
        "remoteMtaIp": "192.0.2.25", "reportingMTA": "dsn; a1-2.smtp-out.eu-west-1.amazonses.com"},
        "mail": MAIL_OBJECT}


def recipient(address: str, status: str = "", diagnostic: str = "") -> dict[str, str]:
    found = {"emailAddress": address, "action": "failed"}
    if status:
        found["status"] = status
    if diagnostic:
        found["diagnosticCode"] = diagnostic
    return found


SES_NOTIFICATIONS = [
    ses_bounce("Permanent", "General", [
        recipient("ana.ruiz@example.com", "5.1.1", "smtp; 550 5.1.1 <ana.ruiz@example.com>: Recipient address "
                  "rejected: User unknown in virtual mailbox table"),
        recipient("luis@example.org", "5.0.0", "smtp; 550 5.7.1 Service unavailable; client [192.0.2.10] "
                  "blocked using zen.spamhaus.org"),
    ]),
    ses_bounce("Permanent", "NoEmail", [recipient("old.account@example.net")]),
    ses_bounce("Transient", "MailboxFull", [recipient("marta@example.com", "4.2.2", "smtp; 452 4.2.2 Mailbox full")]),
    ses_bounce("Permanent", "General", [recipient("quiet@example.org")]),
    ses_bounce("Permanent", "Suppressed", [recipient(
        "gone@example.com", "5.1.1", "Amazon SES has suppressed sending to this address because it has a recent "
        "history of bouncing as an invalid address.")]),
    {"notificationType": "Complaint", "complaint": {
        "userAgent": "ExampleFBL/1.0", "complainedRecipients": [{"emailAddress": "pedro@example.com"},
                                                                {"emailAddress": "sofia@example.net"}],
        "complaintFeedbackType": "abuse", "arrivalDate": "2024-02-02T08:00:00.000Z",
        "timestamp": "2024-02-02T08:00:05.000Z", "feedbackId": "0102018d70000000-complaint-000000"},
     "mail": MAIL_OBJECT},
    {"notificationType": "Delivery", "delivery": {
        "timestamp": "2024-02-03T10:00:00.500Z", "processingTimeMillis": 812, "recipients": ["ana.ruiz@example.com"],
        "smtpResponse": "250 2.6.0 Message received", "remoteMtaIp": "192.0.2.25",
        "reportingMTA": "a1-2.smtp-out.eu-west-1.amazonses.com"}, "mail": MAIL_OBJECT},
    ses_bounce("Transient", "ContentRejected", [recipient(
        "carlos@example.org", "5.7.1", "smtp; 554 5.7.1 Message rejected: the content looks like spam")]),
    {"notificationType": "Complaint", "complaint": {
        "complainedRecipients": [{"emailAddress": "happy@example.com"}], "complaintFeedbackType": "not-spam",
        "timestamp": "2024-02-04T08:00:00.000Z", "feedbackId": "0102018d70000001-complaint-000000"},
     "mail": MAIL_OBJECT},
]
SES_NOTIFICATIONS_EXPECTED = [
    [1, "ana.ruiz@example.com", "hard", "user_unknown", "5.1.1"],
    [1, "luis@example.org", "sender", "blocked", "5.7.1"],
    [2, "old.account@example.net", "hard", "user_unknown", ""],
    [3, "marta@example.com", "soft", "mailbox_full", "4.2.2"],
    [4, "quiet@example.org", "soft", "undetermined", ""],
    [5, "gone@example.com", "hard", "user_unknown", "5.1.1"],
    [6, "pedro@example.com", "complaint", "complaint", ""],
    [6, "sofia@example.net", "complaint", "complaint", ""],
    [7, "ana.ruiz@example.com", "delivered", "delivered", "2.6.0"],
    [8, "carlos@example.org", "sender", "spam_content", "5.7.1"],
]


def sns_envelope(message: dict[str, Any]) -> dict[str, Any]:
    return {"Type": "Notification", "MessageId": "5b1c2d3e-0000-4000-8000-000000000001",
            "TopicArn": "arn:aws:sns:eu-west-1:123456789012:ses-events",
            "Message": json.dumps(message), "Timestamp": "2024-02-01T09:30:01.000Z", "SignatureVersion": "1"}


SES_EVENTS = [
    sns_envelope(ses_bounce("Permanent", "General", [recipient(
        "jorge@example.com", "5.1.1", "smtp; 550 5.1.1 user unknown")], key="eventType")),
    "",
    {"eventType": "DeliveryDelay", "mail": MAIL_OBJECT, "deliveryDelay": {
        "timestamp": "2024-02-01T12:00:00.000Z", "delayType": "MailboxFull",
        "expirationTime": "2024-02-02T09:30:00.000Z", "delayedRecipients": [{
            "emailAddress": "marta@example.com", "status": "4.2.2", "diagnosticCode": "smtp; 452 4.2.2 Mailbox full"}]}},
    {"eventType": "Open", "mail": MAIL_OBJECT, "open": {"ipAddress": "192.0.2.99", "timestamp": "2024-02-01T13:00:00Z"}},
    '{"eventType": "Bounce", "bounce": {',
    ses_bounce("Transient", "General", [recipient(
        "busy@example.net", "4.4.7", "smtp; 421 4.4.7 Delivery time expired")], key="eventType"),
    {"eventType": "Send", "mail": MAIL_OBJECT, "send": {}},
]
SES_EVENTS_EXPECTED = [
    [1, "jorge@example.com", "hard", "user_unknown", "5.1.1"],
    [3, "marta@example.com", "soft", "mailbox_full", "4.2.2"],
    [6, "busy@example.net", "soft", "expired", "4.4.7"],
]

SES_SUPPRESSION_CSV = csv_text([
    ["EmailAddress", "Reason", "LastUpdateTime"],
    ["ana.ruiz@example.com", "BOUNCE", "2024-02-01T09:30:00Z"],
    ["pedro@example.com", "COMPLAINT", "2024-02-02T08:00:05Z"],
    ["", "BOUNCE", "2024-02-03T08:00:00Z"],
])
SES_SUPPRESSION_CSV_EXPECTED = [
    [1, "ana.ruiz@example.com", "hard", "user_unknown", ""],
    [2, "pedro@example.com", "complaint", "complaint", ""],
]
SES_SUPPRESSION_API = {"SuppressedDestinationSummaries": [
    {"EmailAddress": "ana.ruiz@example.com", "Reason": "BOUNCE", "LastUpdateTime": 1706779800.123},
    {"EmailAddress": "pedro@example.com", "Reason": "COMPLAINT", "LastUpdateTime": 1706860805.0},
], "NextToken": None}
SES_SUPPRESSION_API_EXPECTED = [
    [1, "ana.ruiz@example.com", "hard", "user_unknown", ""],
    [2, "pedro@example.com", "complaint", "complaint", ""],
]

# ---------------------------------------------------------------------------------------------------
# SendGrid (v3 suppression API schemas; twilio.com/docs/sendgrid/for-developers/tracking-events/event)

SENDGRID_BOUNCES = csv_text([
    ["email", "created", "reason", "status"],
    ["ana@example.com", "1706779800", "550 5.1.1 The email account that you tried to reach does not exist.", "5.1.1"],
    ["marta@example.com", "1706779900", "552 5.2.2 Mailbox full", "5.2.2"],
    ["luis@example.org", "1706780000", "550 5.7.1 Service unavailable; client host blocked using Spamhaus", "5.7.1"],
    ["listed@example.net", "1706780100", "", ""],
    ["", "1706780200", "550 5.1.1 no such user", "5.1.1"],
])
SENDGRID_BOUNCES_EXPECTED = [
    [1, "ana@example.com", "hard", "user_unknown", "5.1.1"],
    [2, "marta@example.com", "soft", "mailbox_full", "5.2.2"],
    [3, "luis@example.org", "sender", "blocked", "5.7.1"],
    [4, "listed@example.net", "hard", "user_unknown", ""],
]
SENDGRID_BLOCKS = [
    {"created": 1706779800, "email": "ana@example.com", "reason": "554 5.7.1 Service unavailable; client host "
     "[192.0.2.10] blocked using bl.spamcop.net", "status": "5.7.1"},
    {"created": 1706779900, "email": "beto@example.org", "reason": "550 5.7.26 Unauthenticated email from "
     "sender.example.com is not accepted due to domain's DMARC policy", "status": "5.7.26"},
]
SENDGRID_BLOCKS_EXPECTED = [
    [1, "ana@example.com", "sender", "blocked", "5.7.1"],
    [2, "beto@example.org", "sender", "auth_failure", "5.7.26"],
]
SENDGRID_SPAM_REPORTS = [{"created": 1706779800, "email": "pedro@example.com", "ip": "192.0.2.10"}]
SENDGRID_SPAM_REPORTS_EXPECTED = [[1, "pedro@example.com", "complaint", "complaint", ""]]
SENDGRID_INVALID_EMAILS = csv_text([
    ["email", "created", "reason"],
    ["typo@exmaple.com", "1706779800", "Mail domain mentioned in email address is unknown"],
    ["bad@example.org", "1706779900", "Known bad domain"],
])
SENDGRID_INVALID_EMAILS_EXPECTED = [
    [1, "typo@exmaple.com", "hard", "user_unknown", ""],
    [2, "bad@example.org", "hard", "user_unknown", ""],
]


def sendgrid_event(event: str, email: str, **fields: Any) -> dict[str, Any]:
    return {"email": email, "timestamp": 1706779800, "smtp-id": "<14c5d75ce93.dfd.64b469@ismtpd-555>",
            "event": event, "category": "newsletter", "sg_event_id": f"sg-{event}-{email}",
            "sg_message_id": "14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0", **fields}


SENDGRID_EVENTS = [
    sendgrid_event("processed", "ana@example.com"),
    sendgrid_event("delivered", "ana@example.com", ip="168.1.1.1", response="250 OK"),
    sendgrid_event("open", "ana@example.com", useragent="Mozilla/5.0", ip="192.0.2.99", sg_machine_open=False),
    sendgrid_event("click", "ana@example.com", url="https://sender.example.com/"),
    sendgrid_event("bounce", "jorge@example.com", type="bounce", bounce_classification="Invalid Address",
                   status="5.1.1", reason="550 5.1.1 The email account that you tried to reach does not exist"),
    sendgrid_event("bounce", "luis@example.org", type="blocked", bounce_classification="Reputation", status="5.7.1",
                   reason="550 5.7.1 Service unavailable; client host blocked using Spamhaus"),
    sendgrid_event("deferred", "slow@example.net", response="451 4.7.1 Greylisting in action, please come back later",
                   attempt="1"),
    sendgrid_event("dropped", "gone@example.com", reason="Bounced Address", status=""),
    sendgrid_event("dropped", "baja@example.com", reason="Unsubscribed Address", status=""),
    sendgrid_event("spamreport", "pedro@example.com"),
    sendgrid_event("unsubscribe", "sofia@example.net"),
    sendgrid_event("group_unsubscribe", "rafa@example.org", asm_group_id=42),
    sendgrid_event("group_resubscribe", "rafa@example.org", asm_group_id=42),
]
SENDGRID_EVENTS_EXPECTED = [
    [2, "ana@example.com", "delivered", "delivered", ""],
    [5, "jorge@example.com", "hard", "user_unknown", "5.1.1"],
    [6, "luis@example.org", "sender", "blocked", "5.7.1"],
    [7, "slow@example.net", "soft", "rate_limited", "4.7.1"],
    [8, "gone@example.com", "hard", "user_unknown", ""],
    [9, "baja@example.com", "unsubscribe", "unsubscribed", ""],
    [10, "pedro@example.com", "complaint", "complaint", ""],
    [11, "sofia@example.net", "unsubscribe", "unsubscribed", ""],
    [12, "rafa@example.org", "unsubscribe", "unsubscribed", ""],
]

# ---------------------------------------------------------------------------------------------------
# Postmark (developer.postmarkapp.com/developer-bounces.html; postmark 4.0.2 Bounce.d.ts)

POSTMARK_DESCRIPTIONS = {
    "HardBounce": "The server was unable to deliver your message (ex: unknown user, mailbox not found).",
    "SoftBounce": "Unable to temporarily deliver this email.",
    "Transient": "The server could not temporarily deliver your message (ex: Message is delayed due to network "
                 "troubles).",
    "DMARCPolicy": "An email was rejected due to DMARC Policy.",
    "AutoResponder": "Automatic email responder (ex: \"Out of Office\" or \"On Vacation\").",
    "SpamNotification": "The message was delivered, but was either blocked by the user, or classified as spam, "
                        "bulk mail, or had rejected content.",
    "SpamComplaint": "The subscriber explicitly marked this message as spam.",
    "Blocked": "ISP block - The server has blocked the message because of ISP reputation issues.",
    "BadEmailAddress": "Address is not valid.",
}
POSTMARK_CODES = {"HardBounce": 1, "Transient": 2, "AutoResponder": 64, "SpamNotification": 512, "SoftBounce": 4096,
                  "BadEmailAddress": 100000, "SpamComplaint": 100001, "Blocked": 100006, "DMARCPolicy": 100009}


def postmark_bounce(number: int, kind: str, email: str, details: str) -> dict[str, Any]:
    return {"RecordType": "Bounce", "ID": 4323372036 + number, "Type": kind, "TypeCode": POSTMARK_CODES[kind],
            "Name": kind, "Tag": "newsletter", "MessageID": f"883953f4-6105-42a2-a16a-77a8eac7{number:04d}",
            "ServerID": 23, "Description": POSTMARK_DESCRIPTIONS[kind], "Details": details, "Email": email,
            "From": "news@sender.example.com", "BouncedAt": f"2024-02-01T09:3{number}:54.9070259Z",
            "DumpAvailable": True, "Inactive": kind in ("HardBounce", "SpamComplaint"),
            "CanActivate": True, "Subject": "February news", "MessageStream": "broadcast"}


POSTMARK_API = {"TotalCount": 8, "Bounces": [
    postmark_bounce(1, "HardBounce", "ana@example.com",
                    "smtp;550 5.1.1 The email account that you tried to reach does not exist."),
    postmark_bounce(2, "SoftBounce", "marta@example.com",
                    "smtp;452 4.2.2 The email account that you tried to reach is over quota."),
    postmark_bounce(3, "DMARCPolicy", "beto@example.org",
                    "smtp;550 5.7.26 Unauthenticated email is not accepted due to domain's DMARC policy"),
    postmark_bounce(4, "AutoResponder", "away@example.com", "Out of office until Monday"),
    postmark_bounce(5, "HardBounce", "listed@example.net", ""),
    postmark_bounce(6, "SpamNotification", "luis@example.org",
                    "smtp;554 5.7.1 Message rejected as spam by Content Filtering"),
    postmark_bounce(7, "Transient", "slow@example.net", "smtp;421 4.4.2 Connection timed out"),
    postmark_bounce(8, "SpamComplaint", "pedro@example.com", ""),
]}
POSTMARK_API_EXPECTED = [
    [1, "ana@example.com", "hard", "user_unknown", "5.1.1"],
    [2, "marta@example.com", "soft", "mailbox_full", "4.2.2"],
    [3, "beto@example.org", "sender", "auth_failure", "5.7.26"],
    [5, "listed@example.net", "hard", "user_unknown", ""],
    [6, "luis@example.org", "sender", "spam_content", "5.7.1"],
    [7, "slow@example.net", "soft", "network_error", "4.4.2"],
    [8, "pedro@example.com", "complaint", "complaint", ""],
]
POSTMARK_COLUMNS = ["ID", "Type", "TypeCode", "Name", "Tag", "MessageID", "Description", "Details", "Email", "From",
                    "BouncedAt", "DumpAvailable", "Inactive", "CanActivate", "Subject"]
POSTMARK_EXPORT = csv_text([POSTMARK_COLUMNS] + [
    [str(bounce[column]) for column in POSTMARK_COLUMNS] for bounce in [
        postmark_bounce(1, "HardBounce", "ana@example.com", "smtp;550 5.1.1 <ana@example.com>: No such user"),
        postmark_bounce(2, "Blocked", "luis@example.org",
                        "smtp;550 5.7.1 Message blocked due to sender reputation, see https://postmaster.example.org"),
        postmark_bounce(3, "BadEmailAddress", "ana@@example.com", ""),
        postmark_bounce(4, "BadEmailAddress", "nobody@example.net", ""),
    ]])
POSTMARK_EXPORT_EXPECTED = [
    [1, "ana@example.com", "hard", "user_unknown", "5.1.1"],
    [2, "luis@example.org", "sender", "blocked", "5.7.1"],
    [4, "nobody@example.net", "hard", "user_unknown", ""],
]
POSTMARK_SUPPRESSIONS = {"Suppressions": [
    {"EmailAddress": "ana@example.com", "SuppressionReason": "HardBounce", "Origin": "Recipient",
     "CreatedAt": "2024-02-01T04:30:54-05:00"},
    {"EmailAddress": "pedro@example.com", "SuppressionReason": "SpamComplaint", "Origin": "Recipient",
     "CreatedAt": "2024-02-02T03:00:05-05:00"},
    {"EmailAddress": "baja@example.com", "SuppressionReason": "ManualSuppression", "Origin": "Customer",
     "CreatedAt": "2024-02-03T03:00:00-05:00"},
]}
POSTMARK_SUPPRESSIONS_EXPECTED = [
    [1, "ana@example.com", "hard", "user_unknown", ""],
    [2, "pedro@example.com", "complaint", "complaint", ""],
    [3, "baja@example.com", "unsubscribe", "unsubscribed", ""],
]
POSTMARK_WEBHOOKS = [
    {"RecordType": "Delivery", "ServerID": 23, "MessageStream": "outbound", "MessageID": "883953f4-0001",
     "Recipient": "ana@example.com", "Tag": "welcome", "DeliveredAt": "2024-02-05T16:33:54.9070259Z",
     "Details": "smtp;250 2.0.0 OK  1706779800 x12si", "Metadata": {}},
    {"RecordType": "SubscriptionChange", "MessageID": "883953f4-0002", "ServerID": 23, "MessageStream": "broadcast",
     "ChangedAt": "2024-02-06T10:00:00Z", "Recipient": "baja@example.com", "Origin": "Recipient",
     "SuppressSending": True, "SuppressionReason": "ManualSuppression", "Tag": "", "Metadata": {}},
    {"RecordType": "Open", "MessageStream": "outbound", "FirstOpen": True, "Recipient": "ana@example.com",
     "MessageID": "883953f4-0003", "ReceivedAt": "2024-02-06T11:00:00Z", "Platform": "WebMail"},
    {"RecordType": "SubscriptionChange", "MessageID": "883953f4-0004", "ServerID": 23, "MessageStream": "broadcast",
     "ChangedAt": "2024-02-07T10:00:00Z", "Recipient": "back@example.com", "Origin": "Customer",
     "SuppressSending": False, "SuppressionReason": None, "Tag": "", "Metadata": {}},
]
POSTMARK_WEBHOOKS_EXPECTED = [
    [1, "ana@example.com", "delivered", "delivered", "2.0.0"],
    [2, "baja@example.com", "unsubscribe", "unsubscribed", ""],
]

# ---------------------------------------------------------------------------------------------------
# Mailgun (documentation.mailgun.com: events, bounces)


def mailgun_event(event: str, address: str, **fields: Any) -> dict[str, Any]:
    return {"event": event, "id": f"G9Bn5sl1TC6-{event}-{address}", "timestamp": 1706779800.501324,
            "log-level": "error" if event == "failed" else "info", "recipient": address,
            "recipient-domain": address.split("@")[1], "envelope": {"sender": "bounces@mg.sender.example.com"},
            "message": {"headers": {"to": address, "message-id": "20240201093000.1.ABC@mg.sender.example.com",
                                    "from": "news@sender.example.com", "subject": "February news"}}, **fields}


def delivery_status(code: int, message: str, description: str = "") -> dict[str, Any]:
    return {"code": code, "message": message, "description": description, "attempt-no": 1,
            "mx-host": "mx.example.org", "tls": True, "certificate-verified": True}


MAILGUN_EVENTS = {"items": [
    mailgun_event("failed", "ana@example.com", severity="permanent", reason="bounce", **{"delivery-status":
                  delivery_status(550, "5.1.1 The email account that you tried to reach does not exist.")}),
    mailgun_event("failed", "gone@example.com", severity="permanent", reason="suppress-bounce", **{"delivery-status":
                  delivery_status(605, "Not delivering to previously bounced address")}),
    mailgun_event("failed", "luis@example.org", severity="temporary", reason="espblock", **{"delivery-status":
                  delivery_status(421, "4.7.0 [TSS04] Messages from 192.0.2.10 temporarily deferred due to "
                                  "unexpected volume or user complaints")}),
    mailgun_event("failed", "marta@example.com", severity="temporary", reason="generic", **{"delivery-status":
                  delivery_status(452, "4.2.2 The email account that you tried to reach is over quota.")}),
    mailgun_event("failed", "slow@example.net", severity="permanent", reason="old", **{"delivery-status":
                  delivery_status(498, "Too old")}),
    mailgun_event("delivered", "jorge@example.com", **{"delivery-status":
                  delivery_status(250, "OK")}),
    mailgun_event("opened", "jorge@example.com", ip="192.0.2.99"),
    mailgun_event("complained", "pedro@example.com"),
    mailgun_event("unsubscribed", "baja@example.com"),
    mailgun_event("accepted", "rafa@example.org"),
], "paging": {"next": "https://api.mailgun.net/v3/mg.sender.example.com/events/W3siYSI6IGZhbHNlfV0="}}
MAILGUN_EVENTS_EXPECTED = [
    [1, "ana@example.com", "hard", "user_unknown", "5.1.1"],
    [2, "gone@example.com", "hard", "user_unknown", ""],
    [3, "luis@example.org", "sender", "blocked", "4.7.0"],
    [4, "marta@example.com", "soft", "mailbox_full", "4.2.2"],
    [5, "slow@example.net", "soft", "expired", ""],
    [6, "jorge@example.com", "delivered", "delivered", ""],
    [8, "pedro@example.com", "complaint", "complaint", ""],
    [9, "baja@example.com", "unsubscribe", "unsubscribed", ""],
]
MAILGUN_WEBHOOK = {
    "signature": {"timestamp": "1706779800", "token": "a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0",
                  "signature": "d2271d12299f6592d9d44cd9d250f0704e4674c30d79d07c47a66f95ce71cf55"},
    "event-data": mailgun_event("failed", "jorge@example.com", severity="permanent", reason="bounce", **{
        "delivery-status": delivery_status(550, "5.1.1 user unknown")}),
}
MAILGUN_WEBHOOK_EXPECTED = [[1, "jorge@example.com", "hard", "user_unknown", "5.1.1"]]
MAILGUN_BOUNCES = csv_text([
    ["address", "code", "error", "created_at"],
    ["ana@example.com", "550", "No such mailbox", "Thu, 01 Feb 2024 09:30:00 UTC"],
    ["marta@example.com", "552", "5.2.2 Mailbox full", "Thu, 01 Feb 2024 09:31:00 UTC"],
    ["listed@example.net", "550", "", "Thu, 01 Feb 2024 09:32:00 UTC"],
])
MAILGUN_BOUNCES_EXPECTED = [
    [1, "ana@example.com", "hard", "user_unknown", ""],
    [2, "marta@example.com", "soft", "mailbox_full", "5.2.2"],
    [3, "listed@example.net", "hard", "user_unknown", ""],
]

# ---------------------------------------------------------------------------------------------------
# Brevo (developers.brevo.com/reference/get-transac-blocked-contacts; webhook events, anymail brevo.py)

BREVO_BLOCKED = {"count": 4, "contacts": [
    {"email": "ana@example.com", "senderEmail": "news@sender.example.com",
     "reason": {"code": "hardBounce", "message": "Hard bounce"}, "blockedAt": "2024-02-01T10:30:00.000+01:00"},
    {"email": "baja@example.com", "senderEmail": "news@sender.example.com",
     "reason": {"code": "unsubscribedViaEmail", "message": "Unsubscribed via email"},
     "blockedAt": "2024-02-02T10:30:00.000+01:00"},
    {"email": "pedro@example.com", "senderEmail": "news@sender.example.com",
     "reason": {"code": "contactFlaggedAsSpam", "message": "Contact flagged email as spam"},
     "blockedAt": "2024-02-03T10:30:00.000+01:00"},
    {"email": "blocked@example.net", "senderEmail": "news@sender.example.com",
     "reason": {"code": "adminBlocked", "message": "Admin blocked"}, "blockedAt": "2024-02-04T10:30:00.000+01:00"},
]}
BREVO_BLOCKED_EXPECTED = [
    [1, "ana@example.com", "hard", "user_unknown", ""],
    [2, "baja@example.com", "unsubscribe", "unsubscribed", ""],
    [3, "pedro@example.com", "complaint", "complaint", ""],
    [4, "blocked@example.net", "hard", "user_unknown", ""],
]


def brevo_event(event: str, email: str, number: int, **fields: Any) -> dict[str, Any]:
    return {"event": event, "email": email, "id": 123456, "date": "2024-02-01 10:30:00",
            "ts": 1706779800 + number, "message-id": f"<20240201093000.{number}@smtp-relay.mailin.fr>",
            "ts_event": 1706779800 + number, "subject": "February news", "tag": "newsletter",
            "sending_ip": "192.0.2.10", "ts_epoch": (1706779800 + number) * 1000, **fields}


BREVO_WEBHOOK = [
    brevo_event("hard_bounce", "ana@example.com", 1, reason="550 5.1.1 <ana@example.com>: user unknown"),
    brevo_event("soft_bounce", "marta@example.com", 2, reason="452 4.2.2 Mailbox full"),
    brevo_event("blocked", "gone@example.com", 3),
    brevo_event("spam", "pedro@example.com", 4),
    brevo_event("invalid_email", "typo@example.org", 5),
    brevo_event("deferred", "slow@example.net", 6, reason="421 4.4.2 Connection timed out"),
    brevo_event("unsubscribe", "baja@example.com", 7),
    brevo_event("delivered", "jorge@example.com", 8),
    brevo_event("opened", "jorge@example.com", 9),
    brevo_event("request", "jorge@example.com", 10),
]
BREVO_WEBHOOK_EXPECTED = [
    [1, "ana@example.com", "hard", "user_unknown", "5.1.1"],
    [2, "marta@example.com", "soft", "mailbox_full", "4.2.2"],
    [3, "gone@example.com", "hard", "user_unknown", ""],
    [4, "pedro@example.com", "complaint", "complaint", ""],
    [5, "typo@example.org", "hard", "user_unknown", ""],
    [6, "slow@example.net", "soft", "network_error", "4.4.2"],
    [7, "baja@example.com", "unsubscribe", "unsubscribed", ""],
    [8, "jorge@example.com", "delivered", "delivered", ""],
]
BREVO_EXPORT = csv_text([
    ["Date", "Event", "Email", "Subject", "Reason"],
    ["2024-02-01 10:30:00", "hard_bounce", "ana@example.com", "February news", "550 5.1.1 Mailbox does not exist"],
    ["2024-02-01 10:31:00", "delivered", "jorge@example.com", "February news", ""],
    ["2024-02-01 10:32:00", "soft_bounce", "marta@example.com", "February news", "452 4.2.2 Over quota"],
    ["2024-02-01 10:33:00", "opened", "jorge@example.com", "February news", ""],
], delimiter=";")
BREVO_EXPORT_EXPECTED = [
    [1, "ana@example.com", "hard", "user_unknown", "5.1.1"],
    [2, "jorge@example.com", "delivered", "delivered", ""],
    [3, "marta@example.com", "soft", "mailbox_full", "4.2.2"],
]

# ---------------------------------------------------------------------------------------------------
# Mailjet (documentation.mailjet.com/hc/en-us/articles/360043578154-Event-Tracking-API)


def mailjet_event(event: str, email: str, number: int, **fields: Any) -> dict[str, Any]:
    return {"event": event, "time": 1706779800 + number, "MessageID": 19421777835146490 + number,
            "Message_GUID": f"1ab23cd4-e567-8901-2345-6789f0{number:06d}", "email": email, "mj_campaign_id": 7257,
            "mj_contact_id": 4 + number, "customcampaign": "", "CustomID": "", "Payload": "", **fields}


def mailjet_bounce(email: str, number: int, related: str, error: str, *, hard: bool) -> dict[str, Any]:
    return mailjet_event("bounce", email, number, blocked=False, hard_bounce=hard, error_related_to=related,
                         error=error)


MAILJET_EVENTS = [
    mailjet_bounce("ana@example.com", 1, "recipient", "user unknown", hard=True),
    mailjet_bounce("marta@example.com", 2, "recipient", "quota exceeded", hard=False),
    mailjet_event("blocked", "gone@example.com", 3, error_related_to="mailjet", error="preblocked"),
    mailjet_bounce("jorge@nowhere.example.org", 4, "domain", "invalid domain", hard=True),
    mailjet_event("spam", "pedro@example.com", 5, source="JMRPP"),
    mailjet_event("unsub", "baja@example.com", 6, mj_list_id=1, ip="192.0.2.99", geo="ES", agent="Mozilla/5.0"),
    mailjet_event("sent", "rafa@example.org", 7, mj_message_id="19421777835146497",
                  smtp_reply="sent (250 2.0.0 OK 1706779807 x12si)"),
    mailjet_event("open", "rafa@example.org", 8, ip="192.0.2.99", geo="ES", agent="Mozilla/5.0"),
    mailjet_event("click", "rafa@example.org", 9, url="https://sender.example.com/", ip="192.0.2.99"),
    mailjet_bounce("luis@example.org", 10, "spam", "sender blocked", hard=False),
]
MAILJET_EVENTS_EXPECTED = [
    [1, "ana@example.com", "hard", "user_unknown", ""],
    [2, "marta@example.com", "soft", "mailbox_full", ""],
    [3, "gone@example.com", "hard", "user_unknown", ""],
    [4, "jorge@nowhere.example.org", "hard", "domain_not_found", ""],
    [5, "pedro@example.com", "complaint", "complaint", ""],
    [6, "baja@example.com", "unsubscribe", "unsubscribed", ""],
    [7, "rafa@example.org", "delivered", "delivered", "2.0.0"],
    [10, "luis@example.org", "sender", "blocked", ""],
]

# ---------------------------------------------------------------------------------------------------
# Mailchimp audience export (BOUNCES.md 3, Mailchimp) and Mailchimp Transactional (Mandrill)

MAILCHIMP_COMMON = ["Email Address", "First Name", "Last Name", "MEMBER_RATING", "OPTIN_TIME", "OPTIN_IP",
                    "CONFIRM_TIME", "CONFIRM_IP", "LATITUDE", "LONGITUDE", "GMTOFF", "DSTOFF", "TIMEZONE", "CC",
                    "REGION"]
MAILCHIMP_TAIL = ["LEID", "EUID", "NOTES", "TAGS"]
MAILCHIMP_CLEANED = csv_text([
    MAILCHIMP_COMMON + ["CLEAN_TIME", "CLEAN_CAMPAIGN_TITLE", "CLEAN_CAMPAIGN_ID"] + MAILCHIMP_TAIL,
    ["ana@example.com", "Ana", "Ruiz", "2", "2023-05-01 10:00:00", "", "2023-05-01 10:05:00", "192.0.2.50", "", "",
     "", "", "", "ES", "", "2024-02-01 09:30:00", "February news", "a1b2c3d4e5", "123456789", "abcdef1234", "", ""],
    ["marta@example.com", "Marta", "Gil", "1", "2023-06-01 10:00:00", "", "2023-06-01 10:05:00", "192.0.2.51", "",
     "", "", "", "", "MX", "", "2024-02-08 09:30:00", "March news", "f6e5d4c3b2", "123456790", "abcdef1235", "",
     ""],
])
MAILCHIMP_CLEANED_EXPECTED = [
    [1, "ana@example.com", "hard", "user_unknown", ""],
    [2, "marta@example.com", "hard", "user_unknown", ""],
]
MAILCHIMP_UNSUBSCRIBED = csv_text([
    MAILCHIMP_COMMON + ["UNSUB_TIME", "UNSUB_CAMPAIGN_TITLE", "UNSUB_CAMPAIGN_ID", "UNSUB_REASON",
                        "UNSUB_REASON_OTHER"] + MAILCHIMP_TAIL,
    ["baja@example.com", "Rosa", "Baja", "2", "2023-05-01 10:00:00", "", "2023-05-01 10:05:00", "192.0.2.52", "", "",
     "", "", "", "ES", "", "2024-02-01 12:00:00", "February news", "a1b2c3d4e5",
     "I no longer want to receive these emails", "", "123456791", "abcdef1236", "", ""],
])
MAILCHIMP_UNSUBSCRIBED_EXPECTED = [[1, "baja@example.com", "unsubscribe", "unsubscribed", ""]]


def mandrill_event(event: str, email: str, number: int, **message: Any) -> dict[str, Any]:
    return {"event": event, "_id": f"exampleaaaaaaaaaaaaaaaaaaaa{number:05d}", "ts": 1706779800 + number,
            "msg": {"ts": 1706779700, "subject": "February news", "email": email, "sender": "news@sender.example.com",
                    "tags": ["newsletter"], "state": message.pop("state", "sent"), "metadata": {},
                    "_id": f"exampleaaaaaaaaaaaaaaaaaaaa{number:05d}", "_version": "exampleaaaaaaaaaaaaaaa",
                    **message}}


MANDRILL_EVENTS = [
    mandrill_event("hard_bounce", "ana@example.com", 1, state="bounced", bounce_description="bad_mailbox",
                   diag="smtp;550 5.1.1 The email account that you tried to reach does not exist."),
    mandrill_event("soft_bounce", "marta@example.com", 2, state="soft-bounced", bounce_description="mailbox_full",
                   diag="smtp;552 5.2.2 Over quota"),
    mandrill_event("reject", "gone@example.com", 3, state="rejected", reject={
        "reason": "hard-bounce", "detail": "", "last_event_at": "2024-01-20 09:00:00", "email": "gone@example.com",
        "created_at": "2024-01-20 09:00:00", "expires_at": "2024-03-20 09:00:00", "expired": False}),
    mandrill_event("spam", "pedro@example.com", 4),
    mandrill_event("unsub", "baja@example.com", 5),
    mandrill_event("send", "rafa@example.org", 6),
    mandrill_event("open", "rafa@example.org", 7),
    mandrill_event("deferral", "slow@example.net", 8, state="deferred", diag="smtp;421 4.4.2 Connection timed out"),
]
MANDRILL_EVENTS_EXPECTED = [
    [1, "ana@example.com", "hard", "user_unknown", "5.1.1"],
    [2, "marta@example.com", "soft", "mailbox_full", "5.2.2"],
    [3, "gone@example.com", "hard", "user_unknown", ""],
    [4, "pedro@example.com", "complaint", "complaint", ""],
    [5, "baja@example.com", "unsubscribe", "unsubscribed", ""],
    [8, "slow@example.net", "soft", "network_error", "4.4.2"],
]
MANDRILL_REJECTS = [
    {"email": "ana@example.com", "reason": "hard-bounce", "detail": "550 5.1.1 The email account does not exist",
     "created_at": "2024-02-01 09:30:00", "last_event_at": "2024-02-01 09:30:00", "expires_at": "2024-04-01 09:30:00",
     "expired": False, "sender": None, "subaccount": None},
    {"email": "baja@example.com", "reason": "unsub", "detail": "", "created_at": "2024-02-02 09:30:00",
     "last_event_at": "2024-02-02 09:30:00", "expires_at": None, "expired": False, "sender": None, "subaccount": None},
    {"email": "manual@example.net", "reason": "custom", "detail": "Added manually", "created_at": "2024-02-03 09:30:00",
     "last_event_at": "2024-02-03 09:30:00", "expires_at": None, "expired": False, "sender": None, "subaccount": None},
]
MANDRILL_REJECTS_EXPECTED = [
    [1, "ana@example.com", "hard", "user_unknown", "5.1.1"],
    [2, "baja@example.com", "unsubscribe", "unsubscribed", ""],
    [3, "manual@example.net", "hard", "user_unknown", ""],
]
MANDRILL_RESULTS = [
    {"email": "rafa@example.org", "status": "sent", "_id": "abc123abc123abc123abc123abc12301", "reject_reason": None},
    {"email": "gone@example.com", "status": "rejected", "_id": "abc123abc123abc123abc123abc12302",
     "reject_reason": "hard-bounce"},
    {"email": "baja@example.com", "status": "rejected", "_id": "abc123abc123abc123abc123abc12303",
     "reject_reason": "unsub"},
    {"email": "typo@example.org", "status": "invalid", "_id": "abc123abc123abc123abc123abc12304",
     "reject_reason": None},
]
MANDRILL_RESULTS_EXPECTED = [
    [2, "gone@example.com", "hard", "user_unknown", ""],
    [3, "baja@example.com", "unsubscribe", "unsubscribed", ""],
    [4, "typo@example.org", "hard", "user_unknown", ""],
]

# ---------------------------------------------------------------------------------------------------
# Sisimai's JSON (go-sisimai sis/fact.go; BOUNCES.md 1.6)


def sisimai_fact(recipient: str, reason: str, hard: bool, status: str, reply: str, diagnostic: str,
                 number: int) -> dict[str, Any]:
    return {"catch": None, "token": f"{number:040x}", "lhost": "mx.sender.example.com", "rhost": "mx.example.org",
            "alias": "", "listid": "", "reason": reason, "action": "failed" if reason != "delivered" else "delivered",
            "subject": "February news", "messageid": f"20240201093000.{number}@sender.example.com",
            "replycode": reply, "smtpagent": "Postfix", "hardbounce": hard, "smtpcommand": "RCPT",
            "destination": recipient.split("@")[1], "senderdomain": "sender.example.com", "feedbacktype": "",
            "diagnosticcode": diagnostic, "diagnostictype": "SMTP", "deliverystatus": status,
            "timezoneoffset": "+0100", "addresser": "news@sender.example.com", "recipient": recipient,
            "timestamp": 1706779800 + number}


SISIMAI = [
    sisimai_fact("ana@example.com", "userunknown", True, "5.1.1", "550", "550 5.1.1 <ana@example.com>: User unknown", 1),
    sisimai_fact("marta@example.com", "mailboxfull", False, "5.2.2", "552", "552 5.2.2 Mailbox full", 2),
    sisimai_fact("luis@example.org", "blocked", False, "5.7.1", "554",
                 "554 5.7.1 Service unavailable; client host blocked using Spamhaus", 3),
    sisimai_fact("nomx@example.net", "notaccept", True, "5.1.10", "556",
                 "556 5.1.10 Recipient address has null MX", 4),
    sisimai_fact("later@example.net", "notaccept", False, "4.3.2", "421", "421 4.3.2 Not accepting mail right now", 5),
    sisimai_fact("jorge@example.com", "onhold", False, "5.0.0", "550",
                 "550 5.1.1 <jorge@example.com>: Recipient address rejected: User unknown", 6),
    sisimai_fact("pedro@example.com", "feedback", False, "", "", "", 7),
    sisimai_fact("away@example.com", "vacation", False, "", "", "I am away until Monday", 8),
    sisimai_fact("old@example.org", "userunknown", True, "5.0.911", "", "", 9),
]
SISIMAI_EXPECTED = [
    [1, "ana@example.com", "hard", "user_unknown", "5.1.1"],
    [2, "marta@example.com", "soft", "mailbox_full", "5.2.2"],
    [3, "luis@example.org", "sender", "blocked", "5.7.1"],
    [4, "nomx@example.net", "hard", "mail_not_accepted", "5.1.10"],
    [5, "later@example.net", "soft", "server_error", "4.3.2"],
    [6, "jorge@example.com", "hard", "user_unknown", "5.1.1"],
    [7, "pedro@example.com", "complaint", "complaint", ""],
    [9, "old@example.org", "hard", "user_unknown", ""],
]

# ---------------------------------------------------------------------------------------------------
# Lists of no known platform

PLAIN_LIST = "ana@example.com\n\n  <Marta.Gil@Example.COM>  \nnot an address\nluis@example.org\n"
PLAIN_LIST_EXPECTED = [
    [1, "ana@example.com", "hard", "user_unknown", ""],
    [3, "Marta.Gil@example.com", "hard", "user_unknown", ""],
    [5, "luis@example.org", "hard", "user_unknown", ""],
]
CONTACT_LIST = csv_text([["Name", "Email", "City"], ["Ana Ruiz", "ana@example.com", "Madrid"],
                         ["Luis Soto", "luis@example.org", "Lima"]])
CONTACT_LIST_EXPECTED = [
    [1, "ana@example.com", "hard", "user_unknown", ""],
    [2, "luis@example.org", "hard", "user_unknown", ""],
]
# A hand-made bounce report as a Spanish spreadsheet saves it: cp1252, semicolons, CRLF.
BOUNCE_EXPORT_ES = csv_text([
    ["Correo", "Tipo de rebote", "Código SMTP", "Motivo", "Fecha"],
    ["ana@example.com", "hard", "5.1.1", "Usuario desconocido", "2024-02-01 09:30"],
    ["marta@example.com", "soft", "4.2.2", "Buzón lleno", "2024-02-01 09:31"],
    ["pedro@example.com", "complaint", "", "", "2024-02-01 09:32"],
    ["baja@example.com", "unsubscribe", "", "", "2024-02-01 09:33"],
    ["luis@example.org", "permanent", "", "550 5.1.1 user unknown", "2024-02-01 09:34"],
    ["vague@example.net", "permanent", "", "", "2024-02-01 09:35"],
    ["silent@example.net", "", "", "", "2024-02-01 09:36"],
    ["not-an-address", "hard", "5.1.1", "", "2024-02-01 09:37"],
], delimiter=";", line_end="\r\n").encode("cp1252")
BOUNCE_EXPORT_ES_EXPECTED = [
    [1, "ana@example.com", "hard", "user_unknown", "5.1.1"],
    [2, "marta@example.com", "soft", "mailbox_full", "4.2.2"],
    [3, "pedro@example.com", "complaint", "complaint", ""],
    [4, "baja@example.com", "unsubscribe", "unsubscribed", ""],
    [5, "luis@example.org", "hard", "user_unknown", "5.1.1"],
    [6, "vague@example.net", "soft", "undetermined", ""],
    [7, "silent@example.net", "hard", "user_unknown", ""],
]
NO_ADDRESS_COLUMN = csv_text([["id", "created", "reason"], ["1", "2024-02-01", "hard"], ["2", "2024-02-02", "soft"]])
GARBAGE_ROWS = [
    ses_bounce("Permanent", "NoEmail", [recipient("ana@example.com")]),
    42,
    "not an address",
    {"foo": "bar"},
    {"notificationType": "Bounce", "bounce": {"bounceType": "Permanent", "bouncedRecipients": []}},
    {"notificationType": "Bounce", "bounce": "oops"},
    "marta@example.com",
    {"notificationType": "Bounce", "bounce": {"bounceType": "Permanent", "bouncedRecipients": [
        {"emailAddress": 12345}, {"emailAddress": "luis@example.org", "status": ["5.1.1"]}]}},
]
GARBAGE_ROWS_EXPECTED = [
    [1, "ana@example.com", "hard", "user_unknown", ""],
    [7, "marta@example.com", "hard", "user_unknown", ""],
    [8, "luis@example.org", "soft", "undetermined", ""],
]

# (file name, content, expected events)
EXPORTS: list[tuple[str, Any, list[list[Any]]]] = [
    ("ses_notifications.json", json_text(SES_NOTIFICATIONS), SES_NOTIFICATIONS_EXPECTED),
    ("ses_events.jsonl", json_lines(SES_EVENTS), SES_EVENTS_EXPECTED),
    ("ses_suppression_list.csv", SES_SUPPRESSION_CSV, SES_SUPPRESSION_CSV_EXPECTED),
    ("ses_suppression_api.json", json_text(SES_SUPPRESSION_API), SES_SUPPRESSION_API_EXPECTED),
    ("sendgrid_bounces.csv", SENDGRID_BOUNCES, SENDGRID_BOUNCES_EXPECTED),
    ("sendgrid_blocks.json", json_text(SENDGRID_BLOCKS), SENDGRID_BLOCKS_EXPECTED),
    ("sendgrid_spam_reports.json", json_text(SENDGRID_SPAM_REPORTS), SENDGRID_SPAM_REPORTS_EXPECTED),
    ("sendgrid_invalid_emails.csv", SENDGRID_INVALID_EMAILS, SENDGRID_INVALID_EMAILS_EXPECTED),
    ("sendgrid_events.json", json_text(SENDGRID_EVENTS), SENDGRID_EVENTS_EXPECTED),
    ("postmark_bounces_api.json", json_text(POSTMARK_API), POSTMARK_API_EXPECTED),
    ("postmark_bounces_export.csv", POSTMARK_EXPORT, POSTMARK_EXPORT_EXPECTED),
    ("postmark_suppressions.json", json_text(POSTMARK_SUPPRESSIONS), POSTMARK_SUPPRESSIONS_EXPECTED),
    ("postmark_webhooks.jsonl", json_lines(POSTMARK_WEBHOOKS), POSTMARK_WEBHOOKS_EXPECTED),
    ("mailgun_events.json", json_text(MAILGUN_EVENTS), MAILGUN_EVENTS_EXPECTED),
    ("mailgun_webhook.json", json_text(MAILGUN_WEBHOOK), MAILGUN_WEBHOOK_EXPECTED),
    ("mailgun_bounces.csv", MAILGUN_BOUNCES, MAILGUN_BOUNCES_EXPECTED),
    ("brevo_blocked_contacts.json", json_text(BREVO_BLOCKED), BREVO_BLOCKED_EXPECTED),
    ("brevo_webhook.jsonl", json_lines(BREVO_WEBHOOK), BREVO_WEBHOOK_EXPECTED),
    ("brevo_events_export.csv", BREVO_EXPORT, BREVO_EXPORT_EXPECTED),
    ("mailjet_events.json", json_text(MAILJET_EVENTS), MAILJET_EVENTS_EXPECTED),
    ("mailchimp_cleaned.csv", MAILCHIMP_CLEANED, MAILCHIMP_CLEANED_EXPECTED),
    ("mailchimp_unsubscribed.csv", MAILCHIMP_UNSUBSCRIBED, MAILCHIMP_UNSUBSCRIBED_EXPECTED),
    ("mandrill_events.json", json_text(MANDRILL_EVENTS), MANDRILL_EVENTS_EXPECTED),
    ("mandrill_rejects.json", json_text(MANDRILL_REJECTS), MANDRILL_REJECTS_EXPECTED),
    ("mandrill_send_results.json", json_text(MANDRILL_RESULTS), MANDRILL_RESULTS_EXPECTED),
    ("sisimai.json", json_text(SISIMAI), SISIMAI_EXPECTED),
    ("plain_list.txt", PLAIN_LIST, PLAIN_LIST_EXPECTED),
    ("contact_list.csv", CONTACT_LIST, CONTACT_LIST_EXPECTED),
    ("bounce_export_es.csv", BOUNCE_EXPORT_ES, BOUNCE_EXPORT_ES_EXPECTED),
    ("no_address_column.csv", NO_ADDRESS_COLUMN, []),
    ("garbage_rows.json", json_text(GARBAGE_ROWS), GARBAGE_ROWS_EXPECTED),
]

# ---------------------------------------------------------------------------------------------------
# Mail: bounce messages (RFC 3464 delivery status notifications, an Exim bounce, RFC 5965, RFC 3834)

ORIGINAL_HEADERS = ("From: News <news@sender.example.com>\nTo: {to}\nSubject: February news\n"
                    "Date: Thu, 01 Feb 2024 09:29:58 +0000\nMessage-ID: <20240201092958.{tag}@sender.example.com>\n")


def dsn(tag: str, recipients: list[tuple[str, str, str, str]], *, mta: str = "mx.sender.example.com",
        date: str = "Thu, 01 Feb 2024 09:30:02 +0000") -> str:
    """A Postfix-style delivery status notification; ``recipients``: (address, action, status, diagnostic)."""
    boundary = f"B{tag}.1706779802/{mta}"
    human = "".join(f"<{address}>: host mx.example.org[192.0.2.25] said: {diagnostic}\n"
                    for address, _, _, diagnostic in recipients)
    blocks = "".join(f"\nFinal-Recipient: rfc822; {address}\nOriginal-Recipient: rfc822;{address}\n"
                     f"Action: {action}\nStatus: {status}\nRemote-MTA: dns; mx.example.org\n"
                     f"Diagnostic-Code: smtp; {diagnostic}\n" for address, action, status, diagnostic in recipients)
    to = ", ".join(address for address, *_ in recipients)
    return (f"Return-Path: <>\nDelivered-To: bounces@sender.example.com\nDate: {date}\n"
            f"From: MAILER-DAEMON@{mta} (Mail Delivery System)\n"
            f"Subject: Undelivered Mail Returned to Sender\nTo: bounces@sender.example.com\n"
            "Auto-Submitted: auto-replied\nMIME-Version: 1.0\n"
            f'Content-Type: multipart/report; report-type=delivery-status;\n\tboundary="{boundary}"\n'
            f"Message-Id: <20240201093002.{tag}@{mta}>\n\nThis is a MIME-encapsulated message.\n\n"
            f"--{boundary}\nContent-Description: Notification\nContent-Type: text/plain; charset=us-ascii\n\n"
            f"This is the mail system at host {mta}.\n\nI'm sorry to have to inform you that your message could not\n"
            "be delivered to one or more recipients. It's attached below.\n\n"
            f"                   The mail system\n\n{human}\n"
            f"--{boundary}\nContent-Description: Delivery report\nContent-Type: message/delivery-status\n\n"
            f"Reporting-MTA: dns; {mta}\nX-Postfix-Queue-ID: {tag}\nArrival-Date: Thu,  1 Feb 2024 09:29:58 +0000\n"
            f"{blocks}\n--{boundary}\nContent-Description: Undelivered Message Headers\n"
            f"Content-Type: text/rfc822-headers\n\n{ORIGINAL_HEADERS.format(to=to, tag=tag)}\n--{boundary}--\n")


EXIM_BOUNCE = (
    "Return-path: <>\nEnvelope-to: bounces@sender.example.com\nDelivery-date: Thu, 01 Feb 2024 09:31:00 +0000\n"
    "From: Mail Delivery System <Mailer-Daemon@mx.sender.example.com>\nTo: bounces@sender.example.com\n"
    "Subject: Mail delivery failed: returning message to sender\nMessage-Id: <E1rVabc-0001AB-CD@mx.sender.example.com>\n"
    "X-Failed-Recipients: marta@example.org\nAuto-Submitted: auto-replied\nDate: Thu, 01 Feb 2024 09:31:00 +0000\n\n"
    "This message was created automatically by mail delivery software.\n\n"
    "A message that you sent could not be delivered to one or more of its\n"
    "recipients. This is a permanent error. The following address(es) failed:\n\n  marta@example.org\n"
    "    host mx.example.org [192.0.2.25]\n    SMTP error from remote mail server after RCPT TO:<marta@example.org>:\n"
    "    552 5.2.2 <marta@example.org>: Mailbox full\n\n------ This is a copy of the message, including all the headers. ------\n\n"
    + ORIGINAL_HEADERS.format(to="marta@example.org", tag="exim") + "\nHello Marta,\n"
)
MBOX = "".join(f"From MAILER-DAEMON Thu Feb  1 09:3{number}:00 2024\n{message}\n" for number, message in enumerate([
    dsn("4B1C2D3E4F", [("ana.ruiz@example.com", "failed", "5.1.1",
                        ("550 5.1.1 <ana.ruiz@example.com>: Recipient address rejected: User unknown in virtual "
                         "mailbox table"))]),
    EXIM_BOUNCE,
    dsn("5C2D3E4F5A", [("luis@example.net", "failed", "5.7.1",
                        "554 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using zen.spamhaus.org")]),
]))
MBOX_EXPECTED = [
    ["bounces.mbox:1", "ana.ruiz@example.com", "hard", "user_unknown", "5.1.1"],
    ["bounces.mbox:2", "marta@example.org", "soft", "mailbox_full", "5.2.2"],
    ["bounces.mbox:3", "luis@example.net", "sender", "blocked", "5.7.1"],
]
MAILDIR_CUR = "maildir/cur/1706779800.M1P100.mx.sender.example.com"
MAILDIR_NEW = "maildir/new/1706779900.M2P100.mx.sender.example.com"
MAILDIR_EXPECTED = [
    [MAILDIR_CUR, "jorge@nowhere.example.org", "hard", "domain_not_found", "5.1.2"],
    [MAILDIR_NEW, "slow@example.net", "soft", "expired", "4.4.7"],
]
ARF_COMPLAINT = (
    "Return-Path: <fbl@isp.example.net>\nFrom: Feedback Loop <fbl@isp.example.net>\n"
    "To: abuse@sender.example.com\nSubject: Complaint about message from 192.0.2.10\n"
    "Date: Fri, 02 Feb 2024 08:00:00 +0000\nMessage-ID: <fbl.20240202080000@isp.example.net>\nMIME-Version: 1.0\n"
    'Content-Type: multipart/report; report-type=feedback-report;\n\tboundary="part1_13d.2e68ed54_boundary"\n\n'
    "--part1_13d.2e68ed54_boundary\nContent-Type: text/plain; charset=\"US-ASCII\"\n\n"
    "This is an email abuse report for an email message received from IP 192.0.2.10 on "
    "Thu, 01 Feb 2024 09:30:00 +0000.\n\n"
    "--part1_13d.2e68ed54_boundary\nContent-Type: message/feedback-report\n\nFeedback-Type: abuse\n"
    "User-Agent: ExampleFBL/1.0\nVersion: 1\nOriginal-Mail-From: <bounces@sender.example.com>\n"
    "Original-Rcpt-To: <pedro@example.com>\nArrival-Date: Thu, 01 Feb 2024 09:30:00 +0000\n"
    "Reported-Domain: sender.example.com\nSource-IP: 192.0.2.10\n\n"
    "--part1_13d.2e68ed54_boundary\nContent-Type: text/rfc822-headers\n\n"
    + ORIGINAL_HEADERS.format(to="pedro@example.com", tag="arf") + "\n--part1_13d.2e68ed54_boundary--\n"
)
AUTOREPLY = (
    "Return-Path: <ana.ruiz@example.com>\nFrom: Ana Ruiz <ana.ruiz@example.com>\nTo: news@sender.example.com\n"
    "Subject: Out of office: February news\nDate: Thu, 01 Feb 2024 09:31:00 +0000\n"
    "Message-ID: <ooo.20240201093100@example.com>\nAuto-Submitted: auto-replied\nX-Autoreply: yes\n"
    "Precedence: auto_reply\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n"
    "I am out of the office until 12 February, with no access to email.\n"
    "For urgent matters, please write to office@example.com.\n"
)
# Cut short by a relay before the first recipient is named: a bounce that names nobody.
_WHOLE = dsn("6D3E4F5A6B", [("cut@example.com", "failed", "5.1.1", "550 5.1.1 User unknown")])
TRUNCATED = _WHOLE[:_WHOLE.index("<cut@example.com>")]
FOLDER_EXPECTED = [
    # A folder is read in the order of its file names.
    ["folder/arf_complaint.eml", "pedro@example.com", "complaint", "complaint", ""],
    ["folder/dsn_two_recipients.eml", "ana@example.com", "hard", "user_unknown", "5.1.1"],
    ["folder/dsn_two_recipients.eml", "marta@example.com", "soft", "mailbox_full", "5.2.2"],
]
# The binary file: a PNG header and bytes of every value, as a stray attachment saved among the bounces.
BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4

# (path under mail/, content); the expected events of each source follow.
MAIL: list[tuple[str, Any]] = [
    ("bounces.mbox", MBOX),
    (MAILDIR_CUR, dsn("7E4F5A6B7C", [(
        "jorge@nowhere.example.org", "failed", "5.1.2",
        "550 5.1.2 <jorge@nowhere.example.org>: Recipient address rejected: Domain not found")])),
    (MAILDIR_NEW, dsn("8F5A6B7C8D", [(
        "slow@example.net", "delayed", "4.4.7", "421 4.4.7 Message delayed: connection timed out")])),
    ("maildir/tmp/.gitkeep", ""),  # a Maildir's tmp/ holds messages being written; git keeps no empty folder
    ("folder/dsn_two_recipients.eml", dsn("9A6B7C8D9E", [
        ("ana@example.com", "failed", "5.1.1", ("550 5.1.1 <ana@example.com>: Recipient address rejected: "
                                                "User unknown in local recipient table")),
        ("marta@example.com", "failed", "5.2.2", "552 5.2.2 <marta@example.com>: Mailbox full")])),
    ("folder/arf_complaint.eml", ARF_COMPLAINT),
    ("folder/autoreply.eml", AUTOREPLY),
    ("folder/truncated.eml", TRUNCATED),
    ("binary.bin", BINARY),
    ("empty.eml", b""),
]
MAIL_EXPECTED: dict[str, list[list[Any]]] = {
    "bounces": MBOX_EXPECTED, "maildir": MAILDIR_EXPECTED, "folder": FOLDER_EXPECTED, "binary": [], "empty": [],
}


def _bytes(content: Any) -> bytes:
    return content if isinstance(content, bytes) else str(content).encode("utf-8")


def fixtures() -> dict[str, bytes]:
    """Every fixture file, by its path under tests/data/bounces/, in a fixed order."""
    files: dict[str, bytes] = {}
    for name, content, expected in EXPORTS:
        files[f"exports/{name}"] = _bytes(content)
        files[f"exports/{name.split('.')[0]}.expected.csv"] = csv_text([EXPORT_HEADER, *expected]).encode("utf-8")
    for path, content in MAIL:
        files[f"mail/{path}"] = _bytes(content)
    for stem, expected in MAIL_EXPECTED.items():
        files[f"mail/{stem}.expected.csv"] = csv_text([MAIL_HEADER, *expected]).encode("utf-8")
    return files


def write_all(root: Path) -> list[Path]:
    """Write every fixture under ``root``; returns the files written."""
    written = []
    for relative, data in fixtures().items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_all(HERE):
        print(path.relative_to(HERE))
