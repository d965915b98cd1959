"""The office's list (issue #14, the builder's known limit): cases concerning the caller are left out and every page
is still full — the token resumes right after the last case shown, nothing skipped, nothing twice."""

from __future__ import annotations


def pages(api, who: str, limit: int) -> list[list[str]]:
    out, token = [], None
    while True:
        query = {"limit": str(limit), **({"next_token": token} if token else {})}
        status, body = api("GET", "/complaints/cases", who, query=query)
        assert status == 200, body
        out.append([c["case_id"] for c in body["items"]])
        token = body.get("next_token")
        if not token:
            return out


def test_the_offices_pages_stay_full_when_cases_concerning_the_caller_are_left_out(api):
    # newest first: W1 F1 F2 F3 W2 F4 W3 W4 W5 (F: a FIN official reported — AF, an auditor of FIN, never sees them)
    kinds = ["W", "W", "W", "F", "W", "F", "F", "F", "W"]  # created oldest first
    made = []
    for kind in kinds:
        receipt = api.report(**({"department": "FIN", "official": "E1"} if kind == "F" else
                                {"department": "WEL", "official": "WH"}))
        made.append((kind, api.case_of(receipt)))
    visible = [case for kind, case in reversed(made) if kind == "W"]

    found = pages(api, "AF", 2)
    assert [case for page in found for case in page] == visible
    assert [len(page) for page in found[:-1]] == [2] * (len(found) - 1) and 1 <= len(found[-1]) <= 2
    # the audit office that is not concerned sees all of them, in the same order
    assert [case for page in pages(api, "A1", 4) for case in page] == [case for _, case in reversed(made)]
