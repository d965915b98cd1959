"""The minutes (회의록) of a meeting (issue #12): attendance, recusals with their grounds, challenges, the tally and
the resolution, as JSON and XLSX; individual votes appear only as the tally; the secretary and the meeting's chair
only."""

from __future__ import annotations

import base64
import io

from tests.builders import LambdaContext, api_event
from tests.integration.committee.conftest import CIVILIANS, MEMBERS, claims

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
VOTES = {"D1": "for", "K1": "for", "CIV-1": "for", "CIV-2": "for", "CIV-3": "for", "CIV-4": "against",
         "CIV-5": "abstain"}


def resolved_meeting(api) -> tuple[str, str]:
    """A meeting with one item resolved: M1 out by the party's department, CIV-6 stepped aside, 5 for, 1 against,
    1 abstaining: passed. Its (meeting id, item id)."""
    item_id = api.sitting_item()
    assert api.declare(item_id, "CIV-6", step_aside=True, reason="당사자와 친분")[0] == 201
    for who, choice in VOTES.items():
        assert api.declare(item_id, who)[0] == 201
        assert api.vote(item_id, who, choice)[0] == 201
    status, resolved = api("POST", f"/committee/items/{item_id}/resolution", "SEC")
    assert (status, resolved["outcome"]) == (200, "passed"), resolved
    return resolved["meeting_id"], item_id


def raw(who: str, meeting_id: str, **event):
    from committee import api

    return api.handler(api_event("GET", f"/committee/meetings/{meeting_id}/minutes", claims=claims(who), **event),
                       LambdaContext())


def test_the_minutes_list_attendance_recusals_with_grounds_and_the_tally_not_the_votes(api):
    meeting_id, item_id = resolved_meeting(api)
    status, minutes = api("GET", f"/committee/meetings/{meeting_id}/minutes", "D1")
    assert status == 200, minutes
    assert [(m["member_id"], m["role"], m["present"]) for m in minutes["attendance"]][:2] == [
        ("EMP-D1", "위원장", True), ("EMP-K1", "위원", True)]
    assert {m["member_id"] for m in minutes["attendance"] if m["civilian"]} == set(CIVILIANS)
    (item,) = minutes["items"]
    assert (item["item_id"], item["outcome"], item["outcome_ko"]) == (item_id, "passed", "가결")
    assert item["counts"] == {"for": 5, "against": 1, "abstain": 1}
    assert (item["eligible"], item["present"], item["quorum_met"]) == (len(MEMBERS) - 2, 7, True)
    assert {r["member_id"]: r["grounds"] for r in item["recusals"]} == {
        "EMP-M1": ["당사자와 같은 부서 (제척)"], "CIV-6": ["스스로 회피 (회피)"]}
    assert next(r["reason"] for r in item["recusals"] if r["member_id"] == "CIV-6") == "당사자와 친분"
    assert "votes" not in item and "choice" not in str(minutes)  # individual votes stay out: only the tally


def test_the_xlsx_has_the_resolved_items_tally_outcome_and_recusal_grounds(api):
    from openpyxl import load_workbook

    meeting_id, item_id = resolved_meeting(api)
    response = raw("SEC", meeting_id, query={"format": "xlsx"})
    assert response["statusCode"] == 200 and response["isBase64Encoded"]
    assert response["headers"]["Content-Type"] == XLSX
    assert response["headers"]["Content-Disposition"].endswith('.xlsx"')
    book = load_workbook(io.BytesIO(base64.b64decode(response["body"])))
    assert book.sheetnames == ["회의", "출석", "안건·의결", "제척·기피·회피"]
    items = [list(row) for row in book["안건·의결"].iter_rows(values_only=True)]
    assert items[0][8:10] == ["집계", "의결 결과"]
    (row,) = [r for r in items if r[0] == item_id]
    assert (row[4], row[5], row[6], row[8], row[9]) == (2, 7, 7, "찬성 5, 반대 1, 기권 1", "가결")
    recusals = [list(r) for r in book["제척·기피·회피"].iter_rows(values_only=True)]
    assert [r[2:5] for r in recusals if r[0] == item_id] == [
        ["EMP-M1", "제외", "당사자와 같은 부서 (제척)"], ["CIV-6", "제외", "스스로 회피 (회피)"]]
    attendance = [list(r) for r in book["출석"].iter_rows(values_only=True)]
    assert ["EMP-K1", "위원", "당연직, 감사기구의 장", "출석"] in attendance

    # the same through the Accept header
    by_accept = raw("D1", meeting_id, headers={"accept": XLSX})
    assert by_accept["statusCode"] == 200 and by_accept["headers"]["Content-Type"] == XLSX


def test_a_pending_challenge_is_listed_with_its_reasons(api):
    item_id = api.sitting_item()
    assert api("POST", f"/committee/items/{item_id}/challenges", "P1",
               {"member_id": "CIV-1", "reasons": "당사자와 같은 단체의 임원"})[0] == 201
    meeting_id = api("GET", f"/committee/items/{item_id}", "SEC")[1]["meeting_id"]
    (item,) = api("GET", f"/committee/meetings/{meeting_id}/minutes", "SEC")[1]["items"]
    assert item["challenges"] == [{"member_id": "CIV-1", "reasons": "당사자와 같은 단체의 임원",
                                   "decision": "결정 전", "counts": None}]
    assert item["outcome"] is None and item["outcome_ko"].startswith("미의결")


def test_only_the_secretary_and_that_meetings_chair_read_the_minutes(api):
    other = api.meeting(chair_id="EMP-K1", designated=["EMP-D1", *CIVILIANS])["meeting_id"]
    assert api("GET", f"/committee/meetings/{other}/minutes", "K1")[0] == 200  # its chair
    assert api("GET", f"/committee/meetings/{other}/minutes", "SEC")[0] == 200
    for who in ("D1", "CIV-1", "M1", "P1", "O1"):  # another meeting's chair, members, a party, staff
        status, body = api("GET", f"/committee/meetings/{other}/minutes", who)
        assert (status, body["code"]) == (403, "NOT_SECRETARY_OR_CHAIR"), who
    assert api("GET", "/committee/meetings/nosuchmeeting/minutes", "SEC")[0] == 404


def test_the_pdf_carries_the_korean_text_in_an_embedded_font(api):
    from pypdf import PdfReader

    meeting_id, item_id = resolved_meeting(api)
    for event in ({"query": {"format": "pdf"}}, {"headers": {"accept": "application/pdf"}}):
        response = raw("D1", meeting_id, **event)
        assert response["statusCode"] == 200 and response["isBase64Encoded"]
        assert response["headers"]["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(base64.b64decode(response["body"])))
    fonts = {f.get_object()["/BaseFont"] for page in reader.pages
             for f in page["/Resources"]["/Font"].values()}
    assert fonts and all("NotoSansCJK" in name for name in fonts)  # embedded (a subset), no viewer font needed
    text = "".join(c for page in reader.pages for c in page.extract_text() if not c.isspace() and c != "\x00")
    for korean in ("적극행정위원회회의록", "당사자와같은부서(제척)", "스스로회피(회피)", "찬성5,반대1,기권1", "가결",
                   item_id):
        assert korean in text, korean
