"""Lists of no known platform: a bounce CSV with an address column and columns that say what happened
(a type, a code, the server's words), a contact CSV, and a plain list of addresses.

The address column is the contact reader's (``reading.contacts``: by header in five languages, else by
content). Column roles are found by the words in their headers, as ``checks.suppression`` does; a type
cell counts only when the vocabulary table knows its word (platform ``generic``: hard, soft,
permanent, complaint, unsubscribe... in English, Spanish and Portuguese), so a contact export's "E-mail
1 - Type: * Home" or "Lead Status: New" says nothing. A row that says nothing (no known type, no code,
no words) is a listing: the contract makes each line of a plain list one permanent suppression.
"""

from __future__ import annotations

from functools import cache

from listcheck.bounces.export_rows import ExportFormat, Row, RowReading, failure, parse_date, settled
from listcheck.bounces.platform_types import PlatformType, listing, platform_type

# Parts of a header's compact key (export_rows.field_key) that give a column its role.
_TYPE_PARTS = ("type", "event", "kind", "category", "classification", "tipo", "estado", "status")
_CODE_PARTS = ("code", "codigo", "dsn", "smtp", "status")
_TEXT_PARTS = ("reason", "diagnostic", "description", "error", "message", "detail", "response", "motivo",
               "razon", "descripcion")
_DATE_PARTS = ("date", "time", "created", "fecha", "bouncedat", "when")


@cache
def _roles(keys: frozenset[str], address_key: str | None) -> dict[str, tuple[str, ...]]:
    """The columns of each role, for one header (computed once per file, not per row)."""
    others = sorted(key for key in keys if key != address_key)

    def having(parts: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(key for key in others if any(part in key for part in parts))

    return {"type": having(_TYPE_PARTS), "code": having(_CODE_PARTS), "text": having(_TEXT_PARTS),
            "date": having(_DATE_PARTS)}


def _has_outcome(row: Row) -> bool:
    roles = _roles(row.keys, row.address_key)
    return bool(roles["type"] or roles["code"] or roles["text"])


def _is_bounce_table(row: Row, name: str) -> bool:
    return row.address_hint is not None and _has_outcome(row)


def _read_bounce_table(row: Row) -> RowReading:
    roles = _roles(row.keys, row.address_key)
    cells = {role: [str(row.fields[key]).strip() for key in keys if str(row.fields[key]).strip()]
             for role, keys in roles.items()}
    told: PlatformType | None = next(
        (entry for cell in cells["type"] + cells["text"] if (entry := platform_type("generic", ("type", cell)))), None)
    words = " ".join(cells["text"])  # a "diagnostic code" column is words, its codes are found in them
    codes = " ".join(cell for cell in cells["code"] if cell not in cells["text"])
    if told is None and not codes and not words:
        told = listing()
    date = next((when for cell in cells["date"] if (when := parse_date(cell))), None)
    return settled([failure(row.address_hint, code=codes, text=words, reply=codes, date=date)], told)


def _is_plain_list(row: Row, name: str) -> bool:
    return row.address_hint is not None and not (row.keys - {row.address_key})


def _is_contact_list(row: Row, name: str) -> bool:
    return row.address_hint is not None


def _read_listing(row: Row) -> RowReading:
    return settled([failure(row.address_hint)], listing())


FORMATS = [
    ExportFormat("bounce_csv", _is_bounce_table, _read_bounce_table),
    ExportFormat("plain_list", _is_plain_list, _read_listing),
    ExportFormat("contact_list", _is_contact_list, _read_listing),
]
