"""The template check catches what plain cfn-lint on the SAM source misses."""

from __future__ import annotations

import copy

import pytest

from infra.template_tools import lint, load_source, route_errors, translate


@pytest.fixture(scope="module")
def source():
    return load_source()


def test_the_template_translates_and_lints_clean(source):
    assert route_errors(source) == []
    assert lint(translate(source)) == []


def test_a_bad_ref_is_caught_after_translation(source):
    broken = copy.deepcopy(source)
    broken["Resources"]["DirectoryApiFunction"]["Properties"]["Environment"]["Variables"]["DIRECTORY_TABLE"] = {
        "Ref": "NoSuchTable"}
    assert any("NoSuchTable" in error for error in lint(translate(broken)))


def test_a_route_on_an_unknown_api_or_authorizer_is_caught(source):
    broken = copy.deepcopy(source)
    events = broken["Resources"]["DirectoryApiFunction"]["Properties"]["Events"]
    events["Me"]["Properties"]["ApiId"] = {"Ref": "OtherApi"}
    events["ListDepartments"]["Properties"]["Auth"] = {"Authorizer": "Missing"}
    events["Extra"] = copy.deepcopy(events["GetDepartment"])
    errors = "\n".join(route_errors(broken))
    assert "OtherApi" in errors and "'Missing'" in errors and "already served" in errors


def test_tables_keep_data_safe(source):
    for logical_id, resource in source["Resources"].items():
        if resource["Type"] != "AWS::DynamoDB::Table":
            continue
        props = resource["Properties"]
        assert resource.get("DeletionPolicy") == "Retain", logical_id
        assert props["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is True, logical_id
        assert props["SSESpecification"]["SSEEnabled"] is True, logical_id
        assert props["DeletionProtectionEnabled"] is True, logical_id


def test_every_consumer_queue_has_a_dead_letter_queue(source):
    resources = source["Resources"]
    for resource in resources.values():
        if resource["Type"] != "AWS::Serverless::Function":
            continue
        for event in resource["Properties"].get("Events", {}).values():
            if event["Type"] == "SQS":
                queue = event["Properties"]["Queue"]["Fn::GetAtt"][0]
                assert "RedrivePolicy" in resources[queue]["Properties"], queue


def test_no_function_may_scan_a_table(source):
    translated = translate(source)
    for logical_id, resource in translated["Resources"].items():
        if resource["Type"] != "AWS::IAM::Role":
            continue
        for policy in resource["Properties"].get("Policies", []):
            for statement in policy["PolicyDocument"]["Statement"]:
                actions = statement.get("Action", [])
                actions = [actions] if isinstance(actions, str) else actions
                assert not any(a in ("dynamodb:Scan", "dynamodb:*") for a in actions), logical_id
