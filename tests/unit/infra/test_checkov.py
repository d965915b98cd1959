"""checkov's skipped checks (infra/checkov.yaml): each has its reason; what a skip takes on trust is checked here."""

from __future__ import annotations

import pytest
import yaml

from infra.template_tools import CHECKOV_CONFIG, load_source, translate, with_checkov_skips


@pytest.fixture(scope="module")
def translated():
    return translate(load_source())


def skips() -> dict[str, str]:
    return yaml.safe_load(CHECKOV_CONFIG.read_text(encoding="utf-8"))["skip"]


def test_every_skipped_check_says_why():
    listed = skips()
    assert listed
    for check_id, reason in listed.items():
        assert check_id.startswith("CKV_"), check_id
        assert len(reason.split()) >= 12, f"{check_id}: a reason, not a label"


def test_the_skips_reach_checkov_as_suppressions_with_their_reason(translated):
    marked = with_checkov_skips(translated, {"CKV_AWS_27": "SSE-SQS on every queue"})
    for resource in marked["Resources"].values():
        assert {"id": "CKV_AWS_27", "comment": "SSE-SQS on every queue"} in resource["Metadata"]["checkov"]["skip"]
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
            assert principal in ("apigateway.amazonaws.com", "scheduler.amazonaws.com", None), (lid, principal)
