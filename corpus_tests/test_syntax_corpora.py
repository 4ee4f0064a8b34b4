"""The labelled syntax corpora (isemail, email-validator's own cases, validator.js, Go's net/mail,
AfterShip): the fast path and the bulk checks agree with email-validator and the single-cell checks
on every one of their addresses, as tests/ shows for 100,000 generated ones."""

from listcheck.checks.addresses import _check
from listcheck.checks.risk import DisposableDomains
from listcheck.checks.typos import default_knowledge

from tests.test_batch import assert_bulk_agrees
from tests.test_fast_path import assert_fast_path_agrees


def test_the_fast_path_changes_no_verdict_of_the_corpora(syntax_corpus_addresses):
    """With and without the fast path, every corpus address gets the same verdict."""
    knowledge, disposable = default_knowledge(), DisposableDomains()
    for address in syntax_corpus_addresses:
        assert _check(address, knowledge, disposable, fast=True) == _check(address, knowledge, disposable,
                                                                           fast=False), address


def test_the_fast_path_proves_only_what_email_validator_accepts(syntax_corpus_addresses):
    """Every corpus address the fast path proves, email-validator accepts with the same domain."""
    assert assert_fast_path_agrees(syntax_corpus_addresses) > 100


def test_the_bulk_checks_give_the_single_cell_verdicts(syntax_corpus_addresses):
    """Every corpus address the bulk checks judge gets the single-cell verdict."""
    assert assert_bulk_agrees(list(syntax_corpus_addresses)) > 100
