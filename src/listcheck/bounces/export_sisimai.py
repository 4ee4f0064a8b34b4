"""Sisimai's JSON output (``sisimai dump``, or ``Sisimai->dump`` in Perl, Ruby and Go): one object per
recipient of each bounce it decoded.

Fields from go-sisimai ``sis/fact.go`` (BOUNCES.md 1.6): recipient, reason, hardbounce, deliverystatus,
diagnosticcode, replycode, action, timestamp (Unix seconds). Sisimai has already read the server's
words, so its reason decides (the table's ``sisimai`` rows); ``hardbounce`` false keeps a notaccept
soft, as Sisimai itself does for a temporary refusal.
"""

from __future__ import annotations

import re

from listcheck.bounces.export_rows import ExportFormat, Row, RowReading, failure, parse_date, settled
from listcheck.bounces.platform_types import platform_type

_OWN_FIELDS = ("hardbounce", "smtpagent", "decodedby", "diagnosticcode", "diagnostictype")
# Sisimai's own pseudo-codes (5.0.911 userunknown, 4.0.947 expired...) are no RFC 3463 codes.
_PSEUDO_CODE = re.compile(r"[245]\.0\.9\d\d")


def _is_fact(row: Row, name: str) -> bool:
    return row.has("recipient", "reason") and not row.has("event") and any(row.has(f) for f in _OWN_FIELDS)


def _read_fact(row: Row) -> RowReading:
    reason = row.text("reason").casefold()
    soft = row.text("hardbounce") in ("false", "0")
    told = platform_type("sisimai", ("reason temporary", reason if soft else ""), ("reason", reason))
    if told is None:
        return []
    code = row.text("deliverystatus")
    return settled([failure(row.value("recipient"), code="" if _PSEUDO_CODE.fullmatch(code) else code,
                            text=row.text("diagnosticcode"), reply=row.text("replycode"),
                            action=row.text("action"), date=parse_date(row.value("timestamp")))], told)


FORMATS = [ExportFormat("sisimai_json", _is_fact, _read_fact)]
