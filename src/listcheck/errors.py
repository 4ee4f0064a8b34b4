"""Exceptions for runs that cannot happen at all. Bad addresses are results, never exceptions."""

from __future__ import annotations


class ListcheckError(Exception):
    """Base class: one sentence for the user, and a hint that fixes it when there is one."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message

    def __reduce__(self) -> tuple[type[ListcheckError], tuple[str, str]]:
        # Raised in a Dask worker, the error reaches the command line pickled: its hint with it.
        return type(self), (self.message, self.hint)


def first_line(error: BaseException) -> str:
    """The first line of an error from another library, to say inside one of ours (its type's name
    when it says nothing)."""
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


class InputError(ListcheckError):
    """The input cannot be read as a contact list (exit status 3)."""


class UsageError(ListcheckError):
    """An option's value cannot work with this input (exit status 2)."""
