"""The template's conventions for many areas: each check passes on template.yaml and catches the slip it exists for."""

from __future__ import annotations

import copy

import pytest

from infra.conventions import convention_errors
from infra.template_tools import load_source


@pytest.fixture(scope="module")
def source():
    return load_source()


def test_the_template_keeps_its_conventions(source):
    assert convention_errors(source) == []


def test_a_table_left_out_of_the_relay_or_the_sweep_is_caught(source):
    broken = copy.deepcopy(source)
    del broken["Resources"]["RelayFunction"]["Properties"]["Events"]["MileageOutbox"]
    variables = broken["Resources"]["OutboxSweepFunction"]["Properties"]["Environment"]["Variables"]
    variables["OUTBOX_TABLES"] = {"Fn::Join": [",", [{"Ref": "DirectoryTable"}]]}
    errors = convention_errors(broken)
    assert "MileageTable: missing from a DynamoDB stream event of RelayFunction" in errors
    assert "MileageTable: missing from OutboxSweepFunction's OUTBOX_TABLES" in errors


def test_a_new_table_without_its_relay_lines_is_caught(source):
    broken = copy.deepcopy(source)
    broken["Resources"]["ExampleTable"] = copy.deepcopy(broken["Resources"]["MileageTable"])
    errors = convention_errors(broken)
    assert {e for e in errors if e.startswith("ExampleTable")} == {
        "ExampleTable: missing from a DynamoDB stream event of RelayFunction",
        "ExampleTable: missing from OutboxSweepFunction's OUTBOX_TABLES",
        "ExampleTable: missing from RelayFunction's policies",
        "ExampleTable: missing from OutboxSweepFunction's policies"}


def test_a_function_reaching_another_areas_table_is_caught(source):
    broken = copy.deepcopy(source)
    policies = broken["Resources"]["MileageApiFunction"]["Properties"]["Policies"]
    policies.append({"DynamoDBReadPolicy": {"TableName": {"Ref": "DirectoryTable"}}})
    assert any(e.startswith("MileageApiFunction (mileage): its policies reach another area's table ['DirectoryTable']")
               for e in convention_errors(broken))


def test_a_consumer_queue_without_a_dead_letter_queue_is_caught(source):
    broken = copy.deepcopy(source)
    del broken["Resources"]["DirectoryCognitoSyncQueue"]["Properties"]["RedrivePolicy"]
    assert any("DirectoryCognitoSyncQueue has no dead-letter queue" in e for e in convention_errors(broken))


def test_a_role_without_its_user_pool_group_is_caught(source):
    broken = copy.deepcopy(source)
    del broken["Resources"]["ProtectionOfficerGroup"]
    assert "role protection_officer: no AWS::Cognito::UserPoolGroup with GroupName protection_officer" in (
        convention_errors(broken))


def test_a_route_made_public_without_being_declared_is_caught(source):
    broken = copy.deepcopy(source)
    events = broken["Resources"]["MileageApiFunction"]["Properties"]["Events"]
    route = next(e for e in events.values() if e["Properties"]["Path"] == "/mileage/grants"
                 and e["Properties"]["Method"].upper() == "POST")
    route["Properties"]["Auth"] = {"Authorizer": "NONE"}
    assert convention_errors(broken) == [
        "POST /mileage/grants: Authorizer NONE but not declared in infra/conventions.PUBLIC_ROUTES"]


def test_a_declared_public_route_that_needs_a_token_or_is_gone_is_caught(source):
    broken = copy.deepcopy(source)
    events = broken["Resources"]["DirectoryApiFunction"]["Properties"]["Events"]
    docs = next(name for name, e in events.items() if e["Properties"]["Path"] == "/directory/docs")
    del events[docs]["Properties"]["Auth"]
    assert convention_errors(broken) == ["GET /directory/docs: declared public but it needs a token in the template"]
    del events[docs]
    assert convention_errors(broken) == ["GET /directory/docs: declared public but not a route in the template"]


def test_an_api_without_a_default_authorizer_is_caught(source):
    broken = copy.deepcopy(source)
    del broken["Resources"]["HttpApi"]["Properties"]["Auth"]["DefaultAuthorizer"]
    assert "HttpApi: no DefaultAuthorizer, so every route without its own Auth would be public" in (
        convention_errors(broken))
