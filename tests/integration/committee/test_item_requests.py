"""CommitteeItemRequested → an agenda item (issue #12): consulting and selection do not exist yet, so the request is
built with the published model (`contracts.committee`) as the origin would publish it, and delivered through the
consumer's SQS entry point; a redelivery, or the same case asked again, is one item. The due-date flag follows."""

from __future__ import annotations

from datetime import timedelta

import pytest

from common.clock import now, today
from contracts.committee import CommitteeItemRequested, ItemKind, StaffParty
from tests.integration.test_event_contracts import deliver


def requested(case_id: str = "C-2026-17", **fields) -> CommitteeItemRequested:
    return CommitteeItemRequested(**{
        "origin_area": "consulting", "origin_case_id": case_id, "kind": ItemKind.OPINION_REQUEST,
        "title": "의견제시 요청: 인허가 절차 간소화", "summary": "관계 법령 해석이 엇갈림",
        "documents": ["evidence/consulting/C-2026-17/request.pdf"],
        "parties": [StaffParty(employee_no="P1", department="FIN")], "received_at": now(), **fields})


def test_a_request_lands_as_an_item_once(api):
    from committee import on_item_requested

    envelope = requested().envelope()
    assert envelope.source == "jeokgeuk.consulting"  # published by the origin, read with the committee's model
    deliver(on_item_requested.handler, [envelope, envelope])
    deliver(on_item_requested.handler, [requested().envelope()])  # the same case asked again

    items = api("GET", "/committee/items", "SEC")[1]["items"]
    assert len(items) == 1
    item = items[0]
    assert (item["origin_area"], item["origin_case_id"], item["kind"], item["status"]) == (
        "consulting", "C-2026-17", "opinion_request", "OPEN")
    assert item["parties"] == [{"employee_no": "P1", "department": "FIN"}]
    # its 30 days run from receipt; no meeting is scheduled, so it is flagged
    assert item["due"]["due_day"] == (today() + timedelta(days=30)).isoformat()
    assert (item["due"]["flagged"], item["due"]["code"]) == (True, "NEEDS_AD_HOC_OR_WRITTEN")

    # on an ad hoc meeting that ends in time, the flag is lifted
    meeting = api.meeting(held_on=(today() + timedelta(days=10)).isoformat())
    api("PUT", f"/committee/meetings/{meeting['meeting_id']}/items/{item['item_id']}", "SEC")
    item = api("GET", "/committee/items", "SEC")[1]["items"][0]
    assert (item["due"]["flagged"], item["due"]["code"]) == (False, "ON_TIME")


def test_a_request_from_an_area_that_is_not_its_origin_is_refused():
    envelope = requested().envelope().model_copy(update={"source": "jeokgeuk.selection"})
    with pytest.raises(ValueError):
        CommitteeItemRequested.of(envelope)


def test_a_selection_request_brings_its_candidates_and_options(api):
    from committee import on_item_requested

    asked = CommitteeItemRequested(origin_area="selection", origin_case_id="S-2026-H2", kind=ItemKind.SELECTION,
                                   title="2026 하반기 우수공무원 선발", candidates=["E7", "E8"],
                                   options=["tier1", "tier2", "not_selected"])
    deliver(on_item_requested.handler, [asked.envelope()])
    item = api("GET", "/committee/items", "SEC")[1]["items"][0]
    assert (item["origin_area"], item["candidates"], item["options"], item["due"]["code"]) == (
        "selection", ["E7", "E8"], ["tier1", "tier2", "not_selected"], "NO_DUE_DATE")


def test_the_secretarys_item_list_is_paged_newest_first(api):
    made = [api.item(title=f"안건 {n}", parties=[])["item_id"] for n in range(3)]
    status, first = api("GET", "/committee/items", "SEC", query={"limit": "2"})
    assert status == 200 and first["next_token"]
    rest = api("GET", "/committee/items", "SEC", query={"limit": "2", "next_token": first["next_token"]})[1]
    assert [i["item_id"] for i in first["items"] + rest["items"]] == made[::-1] and rest["next_token"] is None
    assert api("GET", "/committee/items", "SEC", query={"next_token": "bm90LWEta2V5"})[1]["code"] == "INVALID_TOKEN"
