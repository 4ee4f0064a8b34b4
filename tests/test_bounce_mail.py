"""Reading one message: its kind and one failure per recipient (listcheck.bounces.mail.read_message).

Every message here is written for this test, in the shape each mail server family gives its bounces.
"""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from listcheck.bounces.events import Classification
from listcheck.bounces.mail import MessageKind, read_message

JST = timezone(timedelta(hours=9))


def mail(head: str, body: str) -> bytes:
    """A message from header lines and a body, LF line ends."""
    return (head.strip("\n") + "\n\n" + body.lstrip("\n")).encode("utf-8")


def report(text: str, fields: str, original: str = "From: tama@example.jp\nTo: neko@example.org\nSubject: Hi\n",
           head: str = "") -> bytes:
    """A multipart/report of delivery-status type (RFC 3462): words, RFC 3464 fields, the original's headers."""
    return mail(f"""
From: Mail Delivery System <MAILER-DAEMON@mx.example.jp>
To: tama@example.jp
Subject: Undelivered Mail Returned to Sender
Date: Mon, 3 Mar 2025 10:00:00 +0900
{head}MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="b0"
""", f"""
--b0
Content-Type: text/plain; charset=us-ascii

{text}
--b0
Content-Type: message/delivery-status

{fields}
--b0
Content-Type: text/rfc822-headers

{original}
--b0--
""")


SEVERAL = report("Your message could not be delivered to some recipients.\n", """
Reporting-MTA: dns; mx.example.jp
Arrival-Date: Mon, 3 Mar 2025 09:59:00 +0900

Final-Recipient: rfc822; neko@example.org
Original-Recipient: rfc822;neko@example.org
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx.example.org
Diagnostic-Code: smtp; 550 5.1.1 <neko@example.org>: Recipient address
    rejected: no such user here
Last-Attempt-Date: Mon, 3 Mar 2025 09:59:30 +0900

Final-Recipient: rfc822; Inu@Example.NET
Action: failed
Status: 5.0.0
Diagnostic-Code: smtp; 552-5.2.2 The mailbox is over its quota
    552 5.2.2 please try later

Final-Recipient: rfc822; tori@example.com
Action: delayed
Status: 4.4.1
Diagnostic-Code: X-Postfix; connect to mx.example.com[192.0.2.7]:25: Connection timed out
""")

DELAYED = report("Delivery to the following recipient is delayed; we will keep trying.\n", """
Reporting-MTA: dns; mx.example.jp

Final-Recipient: rfc822; neko@example.org
Action: delayed
Status: 4.4.7
Will-Retry-Until: Thu, 6 Mar 2025 10:00:00 +0900
""")

DELIVERED = report("Your message was delivered to the following recipient.\n", """
Reporting-MTA: dns; mx.example.jp

Final-Recipient: rfc822; neko@example.org
Action: delivered
Status: 2.0.0
Diagnostic-Code: smtp; 250 2.0.0 Ok: queued as 12345
""")

# A Status of "5.0.0" and nothing else: the words of the first part tell the reason (Sendmail, OpenSMTPD).
WORDS_ONLY_IN_TEXT = report("""
An error has occurred while attempting to deliver a message for
the following list of recipients:

neko@example.org: 550 5.7.1 <neko@example.org>: Recipient address rejected: access denied
""", """
Reporting-MTA: dns; mx.example.jp

Final-Recipient: rfc822; neko@example.org
Action: failed
Status: 5.0.0
""")

POSTFIX = mail("""
From: MAILER-DAEMON@mx.example.jp (Mail Delivery System)
To: tama@example.jp
Subject: Undelivered Mail Returned to Sender
Date: Tue, 4 Mar 2025 08:00:00 +0000
""", """
This is the mail system at host mx.example.jp.

Your message could not be delivered to one or more recipients.
For further assistance, please send mail to help@example.jp

<neko@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1
    <neko@example.org>: Recipient address rejected: User unknown (in reply to
    RCPT TO command)

<inu@example.net>: host mx.example.net[192.0.2.2] said: 452 4.2.2 Mailbox full
    (in reply to RCPT TO command)

--- Below this line is a copy of the message.

Return-Path: <tama@example.jp>
Received: from pc.example.jp by mx.example.jp
From: tama@example.jp
To: neko@example.org, inu@example.net, tori@example.com
Subject: Hi
""")

EXIM = mail("""
From: Mail Delivery System <Mailer-Daemon@mail.example.jp>
To: tama@example.jp
Subject: Mail delivery failed: returning message to sender
X-Failed-Recipients: neko@example.org
Auto-Submitted: auto-replied
Date: Wed, 5 Mar 2025 12:00:00 +0100
""", """
This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  neko@example.org
    host mx.example.org [192.0.2.3]
    SMTP error from remote mail server after RCPT TO:<neko@example.org>:
    550 No such mailbox here

------ This is a copy of the message, including all the headers. ------

Return-path: <tama@example.jp>
Received: from pc by mail.example.jp
From: tama@example.jp
To: neko@example.org
""")

QMAIL = mail("""
From: MAILER-DAEMON@mx.example.jp
To: tama@example.jp
Subject: failure notice
Date: 6 Mar 2025 00:00:00 -0000
""", """
Hi. This is the qmail-send program at mx.example.jp.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

<neko@example.org>:
192.0.2.4 does not like recipient.
Remote host said: 550 5.1.1 <neko@example.org>... User unknown
Giving up on 192.0.2.4.

--- Below this line is a copy of the message.

Return-Path: <tama@example.jp>
Received: (qmail 1 invoked by uid 0)
From: tama@example.jp
To: neko@example.org
""")

EXCHANGE = mail("""
From: System Administrator <postmaster@corp.example.jp>
To: tama@example.jp
Subject: Undeliverable: Meeting
Date: Thu, 6 Mar 2025 09:00:00 +0900
""", """
Your message

  To:      neko@example.org
  Subject: Meeting
  Sent:    Thu, 6 Mar 2025 08:59:00 +0900

did not reach the following recipient(s):

neko@example.org on Thu, 6 Mar 2025 09:00:00 +0900
    The recipient name is not recognized
    MSEXCH:IMS:CORP:SITE:SERVER 0 (000C05A6) Unknown Recipient
""")

GMAIL = mail("""
From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
To: tama@example.jp
Subject: Delivery Status Notification (Failure)
Date: Fri, 7 Mar 2025 10:00:00 -0800
""", """
Delivery to the following recipient failed permanently:

     neko@example.org

Technical details of permanent failure:
Google tried to deliver your message, but it was rejected by the server for the recipient domain
example.org by mx.example.org. [192.0.2.5].

The error that the other server returned was:
550 5.2.1 The email account that you tried to reach is disabled.

----- Original message -----

Received: by 10.0.0.1 with SMTP id abc
From: tama@example.jp
To: neko@example.org
""")

ARF = mail("""
From: Feedback Loop <fbl@isp.example.net>
To: abuse@example.jp
Subject: Abuse report
Date: Sat, 8 Mar 2025 11:00:00 +0000
MIME-Version: 1.0
Content-Type: multipart/report; report-type=feedback-report; boundary="f0"
""", """
--f0
Content-Type: text/plain

A user marked your message as spam.
--f0
Content-Type: message/feedback-report

Feedback-Type: abuse
User-Agent: ExampleFBL/1.0
Version: 1
Original-Mail-From: <tama@example.jp>
Original-Rcpt-To: <neko@example.net>
Arrival-Date: Sat, 8 Mar 2025 10:30:00 +0000
--f0
Content-Type: message/rfc822

From: tama@example.jp
To: neko@example.net
Subject: Sale

Buy now.
--f0--
""")

AUTOREPLY = mail("""
From: Neko <neko@example.org>
To: tama@example.jp
Subject: Out of office: Meeting
Auto-Submitted: auto-replied
Date: Sun, 9 Mar 2025 09:00:00 +0900
""", "I am away until Monday and will answer then.\n")

AUTOREPLY_WITH_REPORT = report("Your message could not be delivered.\n", """
Reporting-MTA: dns; mx.example.jp

Final-Recipient: rfc822; neko@example.org
Action: failed
Status: 5.1.1
""", head="Auto-Submitted: auto-replied\n")

ORDINARY = mail("""
From: Neko <neko@example.org>
To: tama@example.jp
Subject: Lunch on Friday?
Date: Mon, 10 Mar 2025 12:00:00 +0900
""", "Shall we meet at noon? Write to neko@example.org if not.\n")

NO_RECIPIENT = mail("""
From: Mail Delivery System <MAILER-DAEMON@mx.example.jp>
To: tama@example.jp
Subject: Undelivered Mail Returned to Sender
""", "Your message could not be delivered to one or more recipients.\n")


def test_a_report_gives_a_failure_per_recipient_in_order():
    reading = read_message(SEVERAL)
    assert reading.kind is MessageKind.BOUNCE
    assert [(f.address, f.status_code, f.reply_code, f.action) for f in reading.failures] == [
        ("neko@example.org", "5.1.1", "550", "failed"),
        ("Inu@Example.NET", "5.2.2", "552", "failed"),  # as written; the finer code of the words wins over 5.0.0
        ("tori@example.com", "4.4.1", "", "delayed"),
    ]
    first, second, third = reading.failures
    assert first.diagnostic == "550 5.1.1 <neko@example.org>: Recipient address rejected: no such user here"
    assert second.diagnostic == "552 5.2.2 The mailbox is over its quota please try later"
    assert third.diagnostic.startswith("connect to mx.example.com[192.0.2.7]:25")
    assert first.date == datetime(2025, 3, 3, 9, 59, 30, tzinfo=JST)  # Last-Attempt-Date
    assert second.date == datetime(2025, 3, 3, 9, 59, tzinfo=JST)  # else Arrival-Date
    assert all(f.classification is None for f in reading.failures)


@pytest.mark.parametrize(("raw", "kind", "expected"), [
    (DELAYED, "bounce", [("neko@example.org", "4.4.7", "", "delayed")]),
    (DELIVERED, "bounce", [("neko@example.org", "2.0.0", "250", "delivered")]),
    (WORDS_ONLY_IN_TEXT, "bounce", [("neko@example.org", "5.7.1", "550", "failed")]),
    (POSTFIX, "bounce", [("neko@example.org", "5.1.1", "550", "failed"), ("inu@example.net", "4.2.2", "452", "failed")]),
    (EXIM, "bounce", [("neko@example.org", "", "550", "failed")]),
    (QMAIL, "bounce", [("neko@example.org", "5.1.1", "550", "failed")]),
    (EXCHANGE, "bounce", [("neko@example.org", "", "", "failed")]),
    (GMAIL, "bounce", [("neko@example.org", "5.2.1", "550", "failed")]),
    (AUTOREPLY_WITH_REPORT, "bounce", [("neko@example.org", "5.1.1", "", "failed")]),
    (AUTOREPLY, "autoreply", []),
    (ORDINARY, "not_bounce", []),
    (NO_RECIPIENT, "not_understood", []),
    (b"", "not_understood", []),
    (b"\x00\xff\xfe garbage \x89PNG\r\n\x1a\n" * 50, "not_understood", []),
    (SEVERAL[: len(SEVERAL) // 3], "not_understood", []),  # cut before the fields and the recipients
])
def test_kinds_and_failures(raw, kind, expected):
    reading = read_message(raw)
    assert reading.kind.value == kind
    assert [(f.address, f.status_code, f.reply_code, f.action) for f in reading.failures] == expected


@pytest.mark.parametrize(("raw", "words"), [
    (POSTFIX, "said: 550 5.1.1 <neko@example.org>: Recipient address rejected: User unknown (in reply to RCPT TO"),
    (EXIM, "550 No such mailbox here"),
    (QMAIL, "Remote host said: 550 5.1.1 <neko@example.org>... User unknown"),
    (EXCHANGE, "The recipient name is not recognized MSEXCH:IMS:CORP:SITE:SERVER 0 (000C05A6) Unknown Recipient"),
    (GMAIL, "550 5.2.1 The email account that you tried to reach is disabled."),
])
def test_the_diagnostic_is_the_servers_words_about_the_recipient(raw, words):
    assert words in read_message(raw).failures[0].diagnostic


def test_a_bounce_without_report_takes_the_message_date():
    assert read_message(POSTFIX).failures[0].date == datetime(2025, 3, 4, 8, tzinfo=UTC)
    assert read_message(NO_RECIPIENT.replace(b"Subject", b"Date: not a date\nSubject")).kind is MessageKind.NOT_UNDERSTOOD
    undated = POSTFIX.replace(b"Date: Tue, 4 Mar 2025 08:00:00 +0000\n", b"")
    assert read_message(undated).failures[0].date is None


def test_an_address_given_for_help_is_no_recipient():
    assert "help@example.jp" not in [f.address for f in read_message(POSTFIX).failures]


def test_a_complaint_report_names_the_complainer():
    reading = read_message(ARF)
    assert reading.kind is MessageKind.COMPLAINT
    assert [(f.address, f.classification) for f in reading.failures] == [
        ("neko@example.net", Classification.of("complaint"))]
    assert reading.failures[0].date == datetime(2025, 3, 8, 10, 30, tzinfo=UTC)


def test_a_complaint_without_original_rcpt_to_names_the_reported_mails_recipient():
    reading = read_message(ARF.replace(b"Original-Rcpt-To: <neko@example.net>\n", b""))
    assert [f.address for f in reading.failures] == ["neko@example.net"]


@pytest.mark.parametrize("ending", [b"\r\n", b"\r"])
def test_line_ends_do_not_matter(ending):
    for raw in (SEVERAL, POSTFIX, EXIM, QMAIL, ARF, AUTOREPLY):
        assert read_message(raw.replace(b"\n", ending)) == read_message(raw)


@pytest.mark.parametrize("subject", ["Automatic reply: Meeting", "Respuesta automática: Reunión",
                                     "Réponse automatique : Réunion", "Abwesenheitsnotiz: Termin"])
def test_out_of_office_subjects_in_several_languages(subject):
    raw = mail(f"From: neko@example.org\nTo: tama@example.jp\nSubject: {subject}\n", "Back on Monday.\n")
    assert read_message(raw).kind is MessageKind.AUTOREPLY


@pytest.mark.parametrize("marker", ["X-Autoreply: yes", "Precedence: auto_reply"])
def test_out_of_office_headers(marker):
    raw = mail(f"From: neko@example.org\nTo: tama@example.jp\nSubject: Re: Meeting\n{marker}\n", "Back on Monday.\n")
    assert read_message(raw).kind is MessageKind.AUTOREPLY


def ses(notification: str) -> bytes:
    return mail("From: no-reply@sns.amazonaws.com\nTo: tama@example.jp\nSubject: AWS Notification Message\n"
                "Date: Tue, 11 Mar 2025 00:00:00 +0000\n", notification + "\n\n--\nTo unsubscribe, visit the link.\n")


def test_amazon_ses_notifications():
    bounce = read_message(ses('{"notificationType":"Bounce","bounce":{"bounceType":"Permanent",'
                              '"bounceSubType":"General","timestamp":"2025-03-10T23:59:00.000Z",'
                              '"bouncedRecipients":[{"emailAddress":"neko@example.org","action":"failed",'
                              '"status":"5.1.1","diagnosticCode":"smtp; 550 5.1.1 user unknown"}]},'
                              '"mail":{"source":"tama@example.jp"}}'))
    assert bounce.kind is MessageKind.BOUNCE
    assert [(f.address, f.status_code, f.reply_code, f.diagnostic, f.classification) for f in bounce.failures] == [
        ("neko@example.org", "5.1.1", "550", "550 5.1.1 user unknown", None)]
    assert bounce.failures[0].date == datetime(2025, 3, 10, 23, 59, tzinfo=UTC)
    complaint = read_message(ses('{"notificationType":"Complaint","complaint":{"complainedRecipients":'
                                 '[{"emailAddress":"neko@example.org"}],"timestamp":"2025-03-10T23:59:00Z"}}'))
    assert complaint.kind is MessageKind.COMPLAINT
    assert complaint.failures[0].classification == Classification.of("complaint")
    delivery = read_message(ses('{"notificationType":"Delivery","delivery":{"recipients":["neko@example.org"],'
                                '"smtpResponse":"250 2.6.0 Message received","timestamp":"2025-03-10T23:59:00Z"}}'))
    assert [(f.action, f.status_code, f.classification) for f in delivery.failures] == [
        ("delivered", "2.6.0", Classification.of("delivered"))]


def test_a_report_whose_boundary_header_was_lost_is_still_read():
    """A relay dropped the folded Content-Type line with the boundary; the parts are still there."""
    lost = SEVERAL.replace(b'Content-Type: multipart/report; report-type=delivery-status; boundary="b0"\n', b"")
    assert [f.address for f in read_message(lost).failures] == ["neko@example.org", "Inu@Example.NET",
                                                                "tori@example.com"]


def test_a_program_exit_status_is_no_reply_code():
    raw = report("The mailer program failed.\n", "Final-Recipient: rfc822; neko@example.org\nAction: failed\n"
                 "Status: 5.3.0\nDiagnostic-Code: X-Unix; 255\n")
    assert (read_message(raw).failures[0].reply_code, read_message(raw).failures[0].status_code) == ("", "5.3.0")


def test_a_forwarded_bounce_is_read_inside_its_attachment():
    raw = mail("""
From: Helpdesk <help@example.jp>
To: tama@example.jp
Subject: Fwd: returned mail
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="m0"
""", """
--m0
Content-Type: text/plain

See the bounce below.
--m0
Content-Type: message/rfc822

""" + SEVERAL.decode() + """
--m0--
""")
    assert [f.address for f in read_message(raw).failures] == ["neko@example.org", "Inu@Example.NET",
                                                               "tori@example.com"]


@pytest.mark.parametrize("cut", range(0, len(POSTFIX) + 1, 37))
def test_any_truncation_reads_without_raising(cut):
    assert read_message(SEVERAL[:cut]).kind in MessageKind
    assert read_message(POSTFIX[:cut]).kind in MessageKind


# The SMTP command each refusal answered, as the families write it beside the reply.

SENDMAIL_TRANSCRIPT = report("""
   ----- The following addresses had permanent fatal errors -----
<neko@example.org>
    (reason: 550 Unknown user)

   ----- Transcript of session follows -----
... while talking to mx.example.org.:
>>> MAIL From:<tama@example.jp> SIZE=120
<<< 250 2.1.0 Sender ok
>>> RCPT To:<neko@example.org>
<<< 550 Unknown user
550 5.1.1 <neko@example.org>... User unknown
""", """
Reporting-MTA: dns; mx.example.jp

Final-Recipient: RFC822; neko@example.org
Action: failed
Status: 5.0.0
Diagnostic-Code: SMTP; 550 Unknown user
""")

# Sendmail's older transcript: a line per host and per recipient, no blank line between them, one of
# them deferred; each recipient keeps its own line and its own action.
V5_SENDMAIL = mail("""
From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.jp>
To: tama@example.jp
Subject: Returned mail: Host unknown
Date: Tue, 11 Mar 2025 10:00:00 +0900
""", """
   ----- Transcript of session follows -----
While talking to mx.example.org:
>>> DATA
<<< 554 Message refused
421 mx.example.org (smtp)... Deferred: Connection reset by peer
554 <neko@example.org>... Remote protocol error
550 example.net (smtp)... 550 Host unknown
554 <inu@example.net>... 550 Host unknown (Authoritative answer from name server)
While talking to mx.example.com:
>>> RCPT To:<tori@example.com>
<<< 550 No such user here
550 <tori@example.com>... User unknown

   ----- Unsent message follows -----
Received: by mx.example.jp
From: tama@example.jp
To: neko@example.org, inu@example.net, tori@example.com
""")


def _postfix_said(reply: str, command: str) -> bytes:
    return POSTFIX.replace(b"said: 452 4.2.2 Mailbox full\n    (in reply to RCPT TO command)",
                           f"said: {reply}\n    (in reply to {command}\n    command)".encode())


def _exim_after(command: str) -> bytes:
    return EXIM.replace(b"after RCPT TO:<neko@example.org>:", f"after {command}:".encode())


@pytest.mark.parametrize(("raw", "commands"), [
    (POSTFIX, ["RCPT", "RCPT"]),  # "(in reply to RCPT TO command)", folded over two lines
    (_postfix_said("550 Unknown user", "end of DATA"), ["RCPT", "DATA"]),
    (_postfix_said("553 Sender address rejected", "MAIL FROM"), ["RCPT", "MAIL"]),
    (EXIM, ["RCPT"]),
    (_exim_after("end of data"), ["DATA"]),
    (_exim_after("MAIL FROM:<tama@example.jp>"), ["MAIL"]),
    (_exim_after("initial connection"), ["CONN"]),
    (QMAIL, ["RCPT"]),  # qmail-remote's "does not like recipient"
    (QMAIL.replace(b"does not like recipient.", b"failed after I sent the message."), ["DATA"]),
    (SENDMAIL_TRANSCRIPT, ["RCPT"]),  # the report's fields say nothing: the transcript's last command before the refusal
    (SENDMAIL_TRANSCRIPT.replace(b">>> RCPT To:<neko@example.org>\n<<< 550", b">>> DATA\n<<< 550"), ["DATA"]),
    (EXCHANGE, [""]),
    (GMAIL, [""]),
])
def test_the_command_a_refusal_answered(raw, commands):
    assert [f.command for f in read_message(raw).failures] == commands


def test_a_sendmail_transcript_line_of_another_host_or_recipient_is_not_this_recipients():
    failures = read_message(V5_SENDMAIL).failures
    assert [(f.address, f.reply_code, f.action, f.command) for f in failures] == [
        # its own 554 is permanent, whatever another host deferred; the lines about it name no command
        ("neko@example.org", "554", "failed", ""),
        ("inu@example.net", "554", "failed", ""),
        ("tori@example.com", "550", "failed", "RCPT"),
    ]
    assert failures[0].diagnostic == "554 <neko@example.org>... Remote protocol error"
    assert "Host unknown" in failures[1].diagnostic and "While talking" not in failures[1].diagnostic
