"""For every test and doctest: the locale is English unless a test says otherwise, since listcheck
speaks the locale's language (messages.default_language) and the expected sentences are English."""

import pytest


@pytest.fixture(autouse=True)
def english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
