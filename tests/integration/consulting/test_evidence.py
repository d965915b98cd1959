"""Attachments (issue #13: "attachments (evidence bucket, presigned upload)"): a presigned POST under the caller's
department's `consulting/` prefix, signing the county's types and size; a case cites only its department's keys, and
only files that were uploaded."""

from __future__ import annotations

import pytest

from tests.integration.consulting.conftest import PRE, pre_consulting, uploaded


@pytest.fixture(scope="module")
def stack(shared_stack):
    return shared_stack


def test_a_presigned_upload_under_the_departments_prefix(api):
    status, upload = api("POST", "/consulting/evidence-uploads", "R1", {"file_name": "검토 의견서.pdf"})
    assert status == 201, upload
    assert upload["key"].startswith("consulting/FIN/") and upload["key"].endswith("/검토_의견서.pdf")
    assert (upload["content_type"], upload["max_bytes"]) == ("application/pdf", 20971520)
    assert upload["fields"]["Content-Type"] == "application/pdf"
    assert upload["fields"]["x-amz-server-side-encryption"] == "aws:kms"
    refused = api("POST", "/consulting/evidence-uploads", "R1", {"file_name": "run.exe"})
    assert (refused[0], refused[1]["code"]) == (422, "CONTENT_TYPE_NOT_ALLOWED")

    # cited before it was uploaded: refused; once uploaded, the case keeps it
    status, body = api("POST", PRE, "R1", pre_consulting(documents=[upload["key"]]))
    assert (status, body["code"]) == (422, "DOCUMENT_NOT_UPLOADED")
    uploaded(upload["key"])
    status, case = api("POST", PRE, "R1", pre_consulting(documents=[upload["key"]]))
    assert (status, case["documents"]) == (201, [upload["key"]])


def test_documents_must_be_under_the_departments_own_prefix(api):
    uploaded("consulting/WEL/1/x.pdf")
    status, body = api("POST", PRE, "R1", pre_consulting(documents=["consulting/WEL/1/x.pdf"]))
    assert (status, body["code"]) == (400, "DOCUMENT_NOT_YOURS")
