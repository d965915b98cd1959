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


@pytest.fixture(scope="module")
def translated(source):
    return translate(source)  # with the default parameters, as a county deploys it


def role_statements(translated, function: str) -> list[dict]:
    role = translated["Resources"][f"{function}Role"]
    return [s for p in role["Properties"].get("Policies", []) for s in p["PolicyDocument"]["Statement"]]


def as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def test_users_cannot_write_their_own_department(translated):
    client = translated["Resources"]["UserPoolClient"]["Properties"]
    # absent WriteAttributes, Cognito lets a user rewrite their attributes with their own access token
    assert client.get("WriteAttributes"), "the app client must list the attributes users may write"
    assert not any(a.startswith("custom:") for a in client["WriteAttributes"])
    assert "custom:department" in client["ReadAttributes"]  # still in the ID token


def test_the_deployed_client_has_no_admin_password_flow(translated):
    flows = translated["Resources"]["UserPoolClient"]["Properties"]["ExplicitAuthFlows"]
    assert "ALLOW_ADMIN_USER_PASSWORD_AUTH" not in flows
    assert "ALLOW_USER_PASSWORD_AUTH" not in flows
    assert set(flows) == {"ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"}


def test_the_mileage_api_may_list_only_the_evidence_prefix(translated):
    bucket_arn = {"Fn::GetAtt": ["MileageEvidenceBucket", "Arn"]}
    listing = [s for s in role_statements(translated, "MileageApiFunction") if "s3:ListBucket" in as_list(s["Action"])]
    # ListBucket makes HeadObject of a missing key answer 404 (not 403): "the cited evidence does not exist"
    assert len(listing) == 1
    (statement,) = listing
    assert statement["Effect"] == "Allow" and as_list(statement["Resource"]) == [bucket_arn]
    assert statement["Condition"] == {"StringLike": {"s3:prefix": "evidence/*"}}
    every_s3_action = {a for s in role_statements(translated, "MileageApiFunction") for a in as_list(s["Action"])
                       if a.startswith("s3:")}
    assert every_s3_action == {"s3:PutObject", "s3:GetObject", "s3:ListBucket"}


def test_scheduled_jobs_retry_and_keep_failed_runs_in_a_dlq(translated):
    resources = translated["Resources"]
    dlq = {"Fn::GetAtt": ["ScheduledJobsDLQ", "Arn"]}
    schedules = {lid: r for lid, r in resources.items() if r["Type"] == "AWS::Scheduler::Schedule"}
    assert {"OutboxSweepFunctionEvery5Minutes", "MileageYearEndFunctionYearEnd",
            "MileageVoucherResendFunctionEvery3Hours"} <= set(schedules)
    for logical_id, schedule in schedules.items():
        target = schedule["Properties"]["Target"]
        # the target could not be invoked: the scheduler retries, then sends the event to the DLQ
        assert target["RetryPolicy"]["MaximumRetryAttempts"] >= 2, logical_id
        assert target["DeadLetterConfig"] == {"Arn": dlq}, logical_id
        role = target["RoleArn"]["Fn::GetAtt"][0]
        sends = [s for p in resources[role]["Properties"]["Policies"] for s in p["PolicyDocument"]["Statement"]
                 if s["Action"] == "sqs:SendMessage"]
        assert [s["Resource"] for s in sends] == [dlq], logical_id
        # the run itself failed (Scheduler invokes Lambda asynchronously): Lambda retries, then the same DLQ
        function = target["Arn"]["Fn::GetAtt"][0]
        invoke_config = resources[f"{function}EventInvokeConfig"]["Properties"]
        assert invoke_config["DestinationConfig"]["OnFailure"]["Destination"] == dlq, function
        assert any(s["Action"] == "sqs:SendMessage" and s["Resource"] == dlq
                   for s in role_statements(translated, function)), function
    assert resources["ScheduledJobsDLQ"]["Properties"]["MessageRetentionPeriod"] == 1209600


def test_the_http_api_is_throttled_stage_wide_and_tighter_on_costly_routes(translated):
    """No caller can run up unbounded load or cost: every route has a rate and a burst, costly ones lower ones; the
    values are stack parameters with defaults."""
    stages = [r for r in translated["Resources"].values() if r["Type"] == "AWS::ApiGatewayV2::Stage"]
    assert len(stages) == 1
    props = stages[0]["Properties"]
    parameters = translated["Parameters"]

    def limits(settings):
        rate, burst = settings["ThrottlingRateLimit"]["Ref"], settings["ThrottlingBurstLimit"]["Ref"]
        return parameters[rate]["Default"], parameters[burst]["Default"]

    default_rate, default_burst = limits(props["DefaultRouteSettings"])
    assert 0 < default_rate <= default_burst
    for route_key in ("POST /directory/imports", "POST /mileage/approvals", "POST /mileage/evidence-uploads"):
        rate, burst = limits(props["RouteSettings"][route_key])
        assert 0 < rate < default_rate and 0 < burst < default_burst, route_key


def test_a_throttle_on_a_route_that_does_not_exist_is_caught(source):
    broken = copy.deepcopy(source)
    broken["Resources"]["HttpApi"]["Properties"]["RouteSettings"]["POST /directory/import"] = {
        "ThrottlingRateLimit": 1, "ThrottlingBurstLimit": 1}
    assert any("POST /directory/import'" in error for error in route_errors(broken))
