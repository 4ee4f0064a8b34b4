"""The corpus suite: listcheck against the public labelled corpora (see conftest.py)."""
