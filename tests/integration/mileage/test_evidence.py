"""Evidence end to end: an upload URL, the file PUT to it, then a grant citing it; a key with no file is refused."""

from __future__ import annotations

import boto3
import requests

from mileage import repository as repo


def test_an_uploaded_file_can_be_cited_and_a_missing_one_cannot(api, stack):
    # Given an upload URL for FIN's head
    status, upload = api("POST", "/mileage/evidence-uploads", "H1", {"file_name": "보고서.pdf",
                                                                     "content_type": "application/pdf"})
    assert status == 201
    # When the browser PUTs the file to it with the headers it was given (moto answers the presigned URL)
    put = requests.put(upload["url"], data=b"%PDF-1.7 evidence", headers=upload["headers"], timeout=10)
    assert put.status_code == 200, put.text
    bucket = stack.physical("MileageEvidenceBucket")
    stored = boto3.client("s3").get_object(Bucket=bucket, Key=upload["key"])
    assert stored["Body"].read() == b"%PDF-1.7 evidence" and stored["ServerSideEncryption"] == "aws:kms"
    # Then a grant citing it succeeds, and one citing a key under FIN with no file is refused
    status, body = api.grant(item_code="REGULATION", evidence_keys=[upload["key"]])
    assert status == 201 and body["grants"][0]["evidence_keys"] == [upload["key"]]
    missing = upload["key"].rsplit("/", 2)[0] + "/00000000-0000-0000-0000-000000000000/none.pdf"
    status, body = api.grant(item_code="REGULATION", act_title="다른 행위", evidence_keys=[missing])
    assert (status, body["code"], body["details"]["keys"]) == (422, "EVIDENCE_NOT_FOUND", [missing])
    assert repo.evidence_exists(upload["key"]) and not repo.evidence_exists(missing)
