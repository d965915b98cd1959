"""checkov's skipped checks (infra/checkov.yaml): each has its reason; what a skip takes on trust is checked here."""

from __future__ import annotations

import pytest
import yaml

from infra.template_tools import CHECKOV_CONFIG, checkov_skips, load_source, translate, with_checkov_skips


@pytest.fixture(scope="module")
def translated():
    return translate(load_source())


def skips() -> dict[str, tuple[str, list[str] | None]]:
    return checkov_skips(yaml.safe_load(CHECKOV_CONFIG.read_text(encoding="utf-8")))


def test_every_skipped_check_says_why_and_names_only_resources_that_exist(translated):
    listed = skips()
    assert listed
    for check_id, (reason, only) in listed.items():
        assert check_id.startswith("CKV_"), check_id
        assert len(reason.split()) >= 12, f"{check_id}: a reason, not a label"
        for logical_id in only or ():
            assert logical_id in translated["Resources"], (check_id, logical_id)


def test_the_skips_reach_checkov_as_suppressions_with_their_reason_on_their_resources_only(translated):
    marked = with_checkov_skips(translated, {"CKV_AWS_27": ("SSE-SQS on every queue", None),
                                             "CKV_AWS_18": ("a log bucket", ["MileageEvidenceAccessLogBucket"])})
    for logical_id, resource in marked["Resources"].items():
        suppressions = resource["Metadata"]["checkov"]["skip"]
        assert {"id": "CKV_AWS_27", "comment": "SSE-SQS on every queue"} in suppressions
        assert ({"id": "CKV_AWS_18", "comment": "a log bucket"} in suppressions) == (
            logical_id == "MileageEvidenceAccessLogBucket"), logical_id
    assert "Metadata" not in translated["Resources"]["RelayDLQ"] or "checkov" not in translated["Resources"][
        "RelayDLQ"]["Metadata"]  # the template itself is left as it was


def test_every_queue_is_encrypted_as_the_ckv_aws_27_skip_says(translated):
    queues = {lid: r for lid, r in translated["Resources"].items() if r["Type"] == "AWS::SQS::Queue"}
    assert queues
    for lid, queue in queues.items():
        props = queue.get("Properties", {})
        assert props.get("SqsManagedSseEnabled") is True or props.get("KmsMasterKeyId"), lid


def test_no_function_is_invoked_asynchronously_without_a_failure_destination_as_the_ckv_aws_116_skip_says(translated):
    """The skip of 'Lambda DLQ' holds only while nothing invokes a function asynchronously without an on-failure
    destination: every event source mapping (streams) has one, every schedule has a DLQ."""
    for lid, resource in translated["Resources"].items():
        props = resource.get("Properties", {})
        if resource["Type"] == "AWS::Lambda::EventSourceMapping" and "StartingPosition" in props:
            assert props["DestinationConfig"]["OnFailure"]["Destination"], lid
        if resource["Type"] == "AWS::Scheduler::Schedule":
            assert props["Target"]["DeadLetterConfig"]["Arn"], lid
        if resource["Type"] == "AWS::Lambda::Permission":
            principal = props.get("Principal")
            # Cognito calls its triggers (the residents' pre-sign-up) synchronously and waits for the answer
            assert principal in ("apigateway.amazonaws.com", "scheduler.amazonaws.com", "cognito-idp.amazonaws.com",
                                 None), (lid, principal)
