"""The complaints functions' permissions on the translated template: the reveal log is append-only."""

from __future__ import annotations

import pytest

from infra.template_tools import load_source, translate

FUNCTIONS = ("ComplaintsApiFunction", "ComplaintsDeadlinesFunction", "ComplaintsRetentionFunction",
             "ComplaintsDirectoryProjectionFunction", "ComplaintsResidentWithdrawalsFunction")


@pytest.fixture(scope="module")
def translated():
    return translate(load_source())


@pytest.mark.parametrize("function", FUNCTIONS)
def test_no_complaints_function_may_change_or_delete_a_reveal_log_entry(translated, function):
    role = translated["Resources"][f"{function}Role"]
    statements = [s for p in role["Properties"]["Policies"] for s in p["PolicyDocument"]["Statement"]]
    denies = [s for s in statements if s["Effect"] == "Deny"
              and s.get("Condition") == {"ForAnyValue:StringEquals": {"dynamodb:LeadingKeys": ["REVEALS"]}}]
    assert denies, function
    denied = {a for s in denies for a in (s["Action"] if isinstance(s["Action"], list) else [s["Action"]])}
    assert {"dynamodb:UpdateItem", "dynamodb:DeleteItem"} <= denied
    assert all(s["Resource"] == {"Fn::GetAtt": ["ComplaintsTable", "Arn"]} for s in denies)
