"""직무대행: where the chair cannot act, a designated member presides in their stead — opens and closes the meeting,
asks the audit head, reads the tally and the minutes — and the chair does not, until the chair is given back."""

from __future__ import annotations

from tests.integration.committee.conftest import CIVILIANS


def test_a_deputy_presides_in_the_chairs_stead_until_the_chair_is_given_back(api):
    meeting_id = api.meeting(designated=["EMP-K1", *CIVILIANS])["meeting_id"]
    path = f"/committee/meetings/{meeting_id}/presiding"

    status, body = api("PUT", path, "SEC", {"member_id": "EMP-K1"})
    assert (status, body["code"]) == (400, "REASON_REQUIRED")
    status, body = api("PUT", path, "SEC", {"member_id": "EMP-M1", "reason": "위원장 출장"})
    assert (status, body["code"]) == (400, "NOT_IN_SITTING")
    status, body = api("PUT", path, "SEC", {"member_id": "EMP-K1", "reason": "위원장 출장"})
    assert (status, body["presiding_id"], body["presiding_reason"]) == (200, "EMP-K1", "위원장 출장")

    # the chair no longer opens the meeting; the deputy does
    assert api("POST", f"/committee/meetings/{meeting_id}/opening", "D1")[1]["code"] == "NOT_CHAIR"
    assert api("POST", f"/committee/meetings/{meeting_id}/opening", "K1")[0] == 200
    status, minutes = api("GET", f"/committee/meetings/{meeting_id}/minutes", "K1")
    assert (status, minutes["presiding_id"]) == (200, "EMP-K1")
    assert {m["member_id"]: m["role"] for m in minutes["attendance"]}["EMP-K1"] == "위원장 직무대행"
    assert api("GET", f"/committee/meetings/{meeting_id}/minutes", "D1")[0] == 403

    # the chair takes the meeting back and closes it; after the close nobody changes who presided
    status, body = api("PUT", path, "D1", {"member_id": None})
    assert (status, body["presiding_id"]) == (200, None)
    assert api("POST", f"/committee/meetings/{meeting_id}/closing", "K1")[1]["code"] == "NOT_CHAIR"
    assert api("POST", f"/committee/meetings/{meeting_id}/closing", "D1")[0] == 200
    status, body = api("PUT", path, "SEC", {"member_id": "EMP-K1", "reason": "사후 기록"})
    assert (status, body["code"]) == (409, "MEETING_CLOSED")
