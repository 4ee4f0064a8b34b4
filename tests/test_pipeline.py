"""Judging tables: duplicates, row numbers, policy, check_frame."""

import pandas as pd
import pytest

from listcheck import Policy, Reason, Status, check_frame, rejected_mask
from listcheck.judge import judge_cells


def test_duplicates_are_found_ignoring_case_and_name_the_first_row():
    verdicts = judge_cells(["ana@correo.es", "luis@correo.es", " ANA@Correo.es ", "ana@correo.es"])
    assert [v.reason for v in verdicts] == [None, None, Reason.DUPLICATE, Reason.DUPLICATE]
    assert verdicts[2].status is Status.VALID
    assert verdicts[2].detail == "Same address as row 2 (ana@correo.es); this row repeats it."
    assert verdicts[3].detail == "Same address as row 2; this row repeats it."


def test_duplicates_compare_the_normalized_address():
    verdicts = judge_cells(["Ana <ana@correo.es>", "mailto:ana@correo.es"], first_row=1)
    assert verdicts[1].reason is Reason.DUPLICATE and "row 1" in verdicts[1].detail


def test_empty_cells_are_not_duplicates_of_each_other():
    assert [v.reason for v in judge_cells(["", ""])] == [Reason.EMPTY, Reason.EMPTY]


def test_a_repeated_invalid_address_keeps_its_own_reason():
    verdicts = judge_cells(["ana..b@correo.es", "ana..b@correo.es"])
    assert [v.reason for v in verdicts] == [Reason.SYNTAX, Reason.SYNTAX]


@pytest.mark.parametrize(("status", "reason", "strict", "rejected"), [
    (Status.VALID, None, False, False),
    (Status.VALID, Reason.DUPLICATE, False, True),
    (Status.INVALID, Reason.SYNTAX, False, True),
    (Status.RISKY, Reason.ROLE_ACCOUNT, False, False),
    (Status.RISKY, Reason.ROLE_ACCOUNT, True, True),
    (Status.UNKNOWN, Reason.DNS_UNKNOWN, False, False),
    (Status.UNKNOWN, Reason.DNS_UNKNOWN, True, True),
    (Status.RISKY, Reason.TYPO_DOMAIN, False, True),
    (Status.VALID, None, True, False),
])
def test_policy_destination(status, reason, strict, rejected):
    assert (Policy(strict=strict).destination(status, reason).value == "rejected") == rejected


def test_check_frame_adds_the_contract_columns_and_normalizes():
    frame = pd.DataFrame({"nombre": ["Ana", "Luis", "Eva"], "email": [" Ana <ana@correo.es>", None, "ANA@correo.es"]})
    checked = check_frame(frame, column="email")
    assert list(checked.columns) == ["nombre", "email", "listcheck_row", "listcheck_status", "listcheck_reason",
                                     "listcheck_detail", "listcheck_suggestion"]
    assert list(checked["email"]) == ["ana@correo.es", "", "ANA@correo.es"]
    assert list(checked["listcheck_row"]) == [2, 3, 4]
    assert list(checked["listcheck_reason"]) == ["", "empty", "duplicate"]
    assert list(rejected_mask(checked, column="email")) == [False, True, True]
    assert next(iter(frame["email"])) == " Ana <ana@correo.es>"  # the caller's frame is untouched


def test_check_frame_unknown_column():
    with pytest.raises(KeyError):
        check_frame(pd.DataFrame({"a": ["x"]}), column="email")
