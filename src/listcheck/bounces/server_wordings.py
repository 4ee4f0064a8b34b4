"""How mail servers word a bounce without an RFC 3464 report: the phrases that tell one apart from mail.

Data, not logic (bounce_text.py says how they are used). Each pattern is general to a server family
(Postfix, Exim, Sendmail, qmail, Exchange and Office 365, Gmail and Google Groups, Yahoo, Domino and
Notes, Courier, OpenSMTPD, DragonFly, mail.ru, Yandex, GMX and 1&1, the Japanese carriers) or to
bounces at large, and matches their wording in any message, never one message.
"""

from __future__ import annotations

import re

# Who sends bounces: RFC 5321 section 4.5.5 says a bounce has a null reverse-path, and the From is
# then one of the daemon names of RFC 2142 and its MTA tradition.
BOUNCE_SENDERS = re.compile(
    r"^(?:mailer-daemon|mail-daemon|maildaemon|mailer_daemon|postmaster|mail\.delivery\.system|mailerdaemon"
    r"|mail-delivery-system|mdaemon|daemon|bounce[s]?|bounce-notification|mail-notification|notification"
    r"|deliverystatus|returned-mail|nobody|root|mta|smtp|mailadmin|mail(?:er)?-?errors?|nntp"
    r"|no-?reply-?(?:mailer)?|postoffice|mailsystem|mail-?system|mailer"
    r"|post_master|owner-[^@]*|[^@\s<]*-(?:admin|owner|bounces?|errors))"  # mailing lists' (fml, Mailman)
    r"(?:[+=-][^@]*)?@", re.IGNORECASE)
BOUNCE_SENDER_NAMES = re.compile(
    r"mail delivery (?:system|subsystem|failure)|mailer.daemon|postmaster|system administrator|mail administrator"
    r"|delivery status notification|mail delivery service|microsoft outlook|mail system|mail server"
    r"|network operations|mailer agent", re.IGNORECASE)

# Subjects of bounces (each family's, several languages).
BOUNCE_SUBJECTS = re.compile(
    r"undeliver|undelivered|not (?:be )?delivered|delivery (?:status notification|failure|failed|notification"
    r"|report|problem|has failed|error)|failure notice|mail delivery failed|returned mail|returned to sender"
    r"|mail system error|could not send|delivery unsuccessful|non[- ]?delivery|nondeliverable|delivery fail"
    r"|message (?:not delivered|delivery failed|could not be delivered|rejected|undeliverable)|bounce"
    r"|warning: could not send|delayed mail|delivery delayed|delivery notification|mail failure"
    r"|unzustellbar|nicht zustellbar|non remis|non distribuibile|no entregado|no se puede entregar"
    r"|未送達|配信不能|送信できませんでした|エラー|недоставлен|не доставлен|unable to deliver|rejected"
    r"|invalid recipient|permanent error|failed delivery|delivery problem|mail could not be delivered"
    r"|notice of delivery|unknown user|user unknown|virus|spam|blocked|nicht zugestellt|ne peut pas"
    r"|errors from|mail loop|loop (?:alert|detected)",
    re.IGNORECASE)

# Words in a body that only a bounce uses; a message from a daemon saying none of them is no bounce.
BOUNCE_BODY_WORDS = re.compile(
    r"could not be delivered|couldn't be delivered|was not delivered|wasn't delivered|undeliverable"
    r"|delivery (?:has )?failed|delivery to the following|permanent(?:ly)? (?:error|fail)|failed permanently"
    r"|unable to deliver|not able to deliver|could not deliver|couldn't deliver|did not reach"
    r"|following (?:address|recipient)|user unknown|unknown user|no such user|mailbox unavailable"
    r"|returned to you|message was rejected|rejected your message|delivery error|error delivering"
    r"|failed to deliver|delivery attempts|retry timeout|giving up|given up|have been delayed|temporary failure"
    r"|host unknown|mailbox (?:is )?full|over quota|smtp error|remote host said|said:|failure notice"
    r"|transcript of session|mail loop|loop detected|duplicated message-id|invalid (?:user|recipient|address)"
    r"|unzustellbar|nicht zugestellt|non remis|n'a pas pu|no pudo ser entregado|не (?:может быть )?доставлен"
    r"|届きません|送信できません|配信できません|宛先不明|宛先", re.IGNORECASE)

# Where the copy of the original message starts in a bounce's text (each family's divider line).
ORIGINAL_MESSAGE_MARKERS = re.compile(
    r"^[\s>|*=_-]*(?:"
    r"-+ ?(?:this is a copy of|original message|the header of the original|original mail|start of"
    r" returned message|returned message|included message|message headers|unsent message|headers of"
    r" the original|begin(?:ning)? of (?:the )?(?:original|returned)|failed message|message text follows"
    r"|forwarded message|below this line)"
    r"|below this line is a copy of the message|message headers follow"
    r"|the original message (?:was|is) (?:attached|included|below|enclosed|as follows)"
    r"|original (?:mail|message) (?:as follows|follows)|original message\s*:?\s*$"
    r"|original message (?:follows|header|headers)|(?:the )?headers? of (?:the )?(?:original|your) message"
    r"|a copy of (?:the|your) (?:original )?message|your message (?:reads|was|follows) (?:\(in part\))?:"
    r"|content-type: message/rfc822|orginal message|original-message"
    r"|以下(?:は|に)?.*(?:元|オリジナル)|元のメッセージ|送信したメッセージ"
    r"|\[the message follows\]|--- ?message follows ?---)", re.IGNORECASE)

# The header names of a copied original message, which no bounce wording uses as a line of its own.
ORIGINAL_HEADER_NAMES = re.compile(
    r"^(?:received|return-path|message-id|mime-version|content-type|content-transfer-encoding|dkim-signature"
    r"|x-mailer|delivered-to|x-received|authentication-results|arc-seal|x-google-dkim-signature|user-agent"
    r"|x-originating-ip|x-ms-exchange-[\w-]+|thread-index|domainkey-signature|references|in-reply-to)\s*:",
    re.IGNORECASE)

# Lead-ins after which a family lists the failed recipients ("did not reach the following recipient(s):").
RECIPIENT_LEAD_INS = re.compile(
    r"following (?:recipients?|address(?:es)?|destination addresses)|did not reach|could not be delivered to"
    r"|delivery to the following|(?:address|addresses|recipients?)(?:\(es\)|\(s\))? failed|failed recipient"
    r"|undeliverable to|error delivering (?:your )?(?:mail|message) to|unable to deliver (?:your )?message to"
    r"|permanent(?:ly)? (?:error|fatal)[^\n]*:|delivery has failed to these recipients"
    r"|couldn't be delivered to|wasn't delivered to|to the following (?:address|recipient)", re.IGNORECASE)

# Local parts that name a server role, never a person the message was meant for (RFC 2142).
ROLE_LOCAL_PARTS = frozenset({"mailer-daemon", "mailer_daemon", "postmaster", "mail-daemon", "maildaemon",
                              "mdaemon", "abuse", "hostmaster", "webmaster", "noc", "security"})

# A temporary failure in a family's words (no DSN says "Action: delayed" for it).
DELAY_WORDS = re.compile(
    r"delayed|will (?:continue|keep) (?:to )?(?:try|trying|retry)|will be retried|not yet been delivered"
    r"|temporar(?:y|ily) (?:failure|error|problem|unable)|still trying|deferred|is being retried"
    r"|warning: message .* still undelivered", re.IGNORECASE)
PERMANENT_WORDS = re.compile(r"permanent|given up|giving up|gave up|failed permanently|fatal", re.IGNORECASE)
