"""Prints the README's table of reasons from ``listcheck.reasons``; a test keeps the README in step.

    python scripts/reason_table.py
"""

from __future__ import annotations

from listcheck.reasons import Reason


def reason_table() -> str:
    """The Markdown table of every reason: code, status, default destination, meaning."""
    lines = ["| reason | status | goes to by default | meaning |", "|---|---|---|---|"]
    for reason in Reason:
        status = reason.status.value if reason.status else "that of the first occurrence"
        lines.append(f"| `{reason.code}` | {status} | {reason.destination.value} | {reason.description} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(reason_table(), end="")
