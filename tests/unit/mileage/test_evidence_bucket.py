"""The evidence bucket holds personal evidence: every access to it is logged, to a bucket of its own that keeps the
logs for the stack's log retention, encrypted, private, and writable only by S3's logging service for that bucket."""

from __future__ import annotations

import pytest

from infra.template_tools import load_source


@pytest.fixture(scope="module")
def resources():
    return load_source()["Resources"]


def test_the_evidence_bucket_logs_every_access_to_its_own_log_bucket(resources):
    logging = resources["MileageEvidenceBucket"]["Properties"]["LoggingConfiguration"]
    assert logging["DestinationBucketName"] == {"Ref": "MileageEvidenceAccessLogBucket"}
    assert resources["MileageEvidenceBucket"]["Properties"]["CorsConfiguration"]["CorsRules"][0][
        "AllowedMethods"] == ["POST"]  # uploads are presigned POSTs


def test_every_bucket_but_the_log_bucket_logs_its_access(resources):
    """checkov's CKV_AWS_18 is skipped for the whole template (infra/checkov.yaml) because of the log bucket: this is
    what keeps every other bucket honest."""
    buckets = [name for name, r in resources.items() if r["Type"] == "AWS::S3::Bucket"]
    assert "MileageEvidenceAccessLogBucket" in buckets
    for name in buckets:
        if name != "MileageEvidenceAccessLogBucket":
            assert resources[name]["Properties"]["LoggingConfiguration"]["DestinationBucketName"] == {
                "Ref": "MileageEvidenceAccessLogBucket"}, name


def test_the_log_bucket_keeps_logs_for_the_retention_encrypted_and_private(resources):
    bucket = resources["MileageEvidenceAccessLogBucket"]
    props = bucket["Properties"]
    assert bucket["DeletionPolicy"] == "Retain"
    assert props["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]["ServerSideEncryptionByDefault"] == {
        "SSEAlgorithm": "AES256"}  # the only encryption S3 access-log delivery supports
    assert all(props["PublicAccessBlockConfiguration"].values())
    rule = props["LifecycleConfiguration"]["Rules"][0]
    assert (rule["Status"], rule["ExpirationInDays"]) == ("Enabled", {"Ref": "LogRetentionDays"})


def test_only_s3_logging_for_the_evidence_bucket_may_write_logs(resources):
    statements = resources["MileageEvidenceAccessLogBucketPolicy"]["Properties"]["PolicyDocument"]["Statement"]
    allows = [s for s in statements if s["Effect"] == "Allow"]
    assert len(allows) == 1 and allows[0]["Principal"] == {"Service": "logging.s3.amazonaws.com"}
    assert allows[0]["Action"] == "s3:PutObject"
    assert allows[0]["Condition"]["ArnLike"] == {"aws:SourceArn": {"Fn::GetAtt": ["MileageEvidenceBucket", "Arn"]}}
    assert any(s["Effect"] == "Deny" and s["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
               for s in statements)
