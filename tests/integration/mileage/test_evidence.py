"""Evidence end to end: a signed upload (presigned POST), the file posted with it, then a grant citing it; a key with no
file is refused; what is signed binds the key, the type the county allows and the size it allows."""

from __future__ import annotations

import base64
import json

import boto3
import requests

from common import evidence as evidence_bucket
from tests.builders import demo_county_with


def policy_of(upload: dict) -> dict:
    """The POST policy S3 checks the form against (signed: it cannot be changed without breaking the signature)."""
    return json.loads(base64.b64decode(upload["fields"]["policy"]))


def test_an_uploaded_file_can_be_cited_and_a_missing_one_cannot(api, stack):
    # Given an upload for FIN's head
    status, upload = api("POST", "/mileage/evidence-uploads", "H1", {"file_name": "보고서.pdf",
                                                                     "content_type": "application/pdf"})
    assert status == 201
    # When the browser posts the file with the fields it was given (moto answers the presigned POST)
    post = requests.post(upload["url"], data=upload["fields"], files={"file": ("보고서.pdf", b"%PDF-1.7 evidence")},
                         timeout=10)
    assert post.status_code in (200, 204), post.text
    bucket = stack.physical("MileageEvidenceBucket")
    stored = boto3.client("s3").get_object(Bucket=bucket, Key=upload["key"])
    # (moto ignores the form's encryption fields; S3 checks them against the signed policy, see the next test)
    assert stored["Body"].read() == b"%PDF-1.7 evidence" and stored["ContentType"] == "application/pdf"
    # Then a grant citing it succeeds, and one citing a key under FIN with no file is refused
    status, body = api.grant(item_code="REGULATION", evidence_keys=[upload["key"]])
    assert status == 201 and body["grants"][0]["evidence_keys"] == [upload["key"]]
    missing = upload["key"].rsplit("/", 2)[0] + "/00000000-0000-0000-0000-000000000000/none.pdf"
    status, body = api.grant(item_code="REGULATION", act_title="다른 행위", evidence_keys=[missing])
    assert (status, body["code"], body["details"]["keys"]) == (422, "EVIDENCE_NOT_FOUND", [missing])
    assert evidence_bucket.exists(upload["key"]) and not evidence_bucket.exists(missing)


def test_the_signed_policy_binds_the_exact_key_type_encryption_and_the_countys_size(api, stack):
    status, upload = api("POST", "/mileage/evidence-uploads", "H1", {"file_name": "현장 사진.jpg"})
    assert status == 201 and upload["content_type"] == "image/jpeg"  # from the file name when not given
    conditions = policy_of(upload)["conditions"]
    assert {"key": upload["key"]} in conditions  # exact: not a starts-with prefix
    assert {"bucket": stack.physical("MileageEvidenceBucket")} in conditions
    assert {"Content-Type": "image/jpeg"} in conditions
    assert {"x-amz-server-side-encryption": "aws:kms"} in conditions
    assert ["content-length-range", 1, 10485760] in conditions  # the demo county's mileage.evidence.max_bytes
    assert upload["max_bytes"] == 10485760 and upload["fields"]["Content-Type"] == "image/jpeg"
    assert not [c for c in conditions if isinstance(c, list) and c[0] == "starts-with"]


def test_a_type_the_county_does_not_allow_is_refused_with_the_allowed_list(api):
    allowed = ["application/pdf", "image/jpeg", "image/png", "application/x-hwp", "application/vnd.hancom.hwpx"]
    for content_type in ("text/html\r\nX-Evil: 1", "text/html", "application/pdf; charset=x", "APPLICATION/PDF"):
        status, body = api("POST", "/mileage/evidence-uploads", "H1", {"file_name": "a.pdf",
                                                                       "content_type": content_type})
        assert (status, body["code"], body["details"]["allowed"]) == (422, "CONTENT_TYPE_NOT_ALLOWED", allowed)
    status, body = api("POST", "/mileage/evidence-uploads", "H1", {"file_name": "page.html"})  # guessed: text/html
    assert (status, body["code"]) == (422, "CONTENT_TYPE_NOT_ALLOWED")
    status, body = api("POST", "/mileage/evidence-uploads", "H1", {"file_name": "문서.hwp",
                                                                   "content_type": "application/x-hwp"})
    assert status == 201 and {"Content-Type": "application/x-hwp"} in policy_of(body)["conditions"]


def test_types_and_size_are_the_countys(api, tmp_path, monkeypatch):
    from mileage.rules import policy

    with demo_county_with(tmp_path, monkeypatch, "    max_bytes: 10485760          # 10 MB\n",
                          "    max_bytes: 2048\n", policy._cached_policy):
        status, upload = api("POST", "/mileage/evidence-uploads", "H1", {"file_name": "a.png"})
        assert status == 201 and ["content-length-range", 1, 2048] in policy_of(upload)["conditions"]
