"""No trace of the reporter (issue #14 "Must hold"): after a whole run — a named resident's report followed, written
to, acknowledged, classified, investigated with notes, decided with measures, revealed once by the audit office, the
deadline job, a rerouted petition answered by its department — everything the reported official (E1), their
department's head (FH) and an auditor of their department (AF) can reach through every route, every event in the
outbox and every log line of the run hold neither the reporter's name, nor their email, nor their phone, nor their
sign-in id."""

from __future__ import annotations

import json
from datetime import timedelta

from common.clock import now
from common.observability import logger
from complaints import clocks
from tests.builders import outbox
from tests.integration.complaints.conftest import REPORTER, RESIDENT, fresh_source
from tests.integration.complaints.test_authorization import MATRIX, World

CONCERNED = ("E1", "FH", "AF")


def traces(text: str) -> list[str]:
    digits = REPORTER["phone"].replace("-", "")
    return [value for value in (*REPORTER.values(), digits, RESIDENT["sub"]) if value in text]


def test_the_reported_official_and_their_department_find_no_trace_of_the_reporter(api, capsys, caplog,
                                                                                   monkeypatch):
    from complaints.rules import secrets

    monkeypatch.setattr(secrets, "SCRYPT_N", 2**8)  # the hash's cost is not under test here
    logger.setLevel("DEBUG")  # every line the run writes, not only warnings
    caplog.set_level("DEBUG")
    try:
        world = World(api)  # a named resident's report (REPORTER), investigated by A2
        receipt, case_id = world.receipt, world.case
        assert api("POST", f"/complaints/receipts/{receipt['receipt_no']}/messages", None, {"text": "추가 자료"},
                   headers={"x-receipt-secret": receipt["secret"]}, source=fresh_source())[0] == 200
        assert api("POST", f"/complaints/cases/{case_id}/notes", "A2", {"text": "면담 예정"})[0] == 201
        assert api("POST", f"/complaints/cases/{case_id}/reveal", "A1", {"reason": "면담 일정 연락"})[0] == 200
        assert api.decide(case_id)[0] == 200
        assert api.follow(receipt)[0] == 200
        rerouted_receipt, rerouted = api.rerouted(to="FIN")  # the reported department is the competent one
        assert api("POST", f"/complaints/cases/{rerouted}/answer", "FH",
                   {"text": "처리했습니다", "handler": {"name": "재무과장", "contact": "02-1111-2222"}})[0] == 200
        clocks.raise_deadline_alarms(now() + timedelta(days=40))

        # everything the concerned can reach: every route, as each of them, on this run's cases
        reached = []
        for _name, (method, _, request, _) in MATRIX.items():
            for who in CONCERNED:
                path, kwargs = request(world)
                status, body = api(method, path, who, **kwargs)
                reached.append(json.dumps([method, path, status, body], ensure_ascii=False))
        for who in CONCERNED:
            for case in (case_id, rerouted):
                reached.append(json.dumps(api("GET", f"/complaints/cases/{case}", who), ensure_ascii=False))
        seen = json.dumps(api("GET", f"/complaints/cases/{rerouted}", "FH"), ensure_ascii=False)
        assert "재무과장" in seen and "view" in seen  # FH does read the petition rerouted to FIN

        events = [e.model_dump_json() for e in outbox("complaints")]
        assert any("PassiveAdministrationConfirmed" in e for e in events)
        written = capsys.readouterr()  # a handler writing to stdout, and every record with its extra fields
        records = [json.dumps(vars(r), ensure_ascii=False, default=str) for r in caplog.records]
        lines = "\n".join([written.out, written.err, *records])
        assert len(records) > 10  # the run did log
    finally:
        logger.setLevel("WARNING")

    assert [r for r in reached if traces(r)] == []
    assert [e for e in events if traces(e)] == []
    assert [r[:300] for r in records if traces(r)] == []
    assert traces(lines) == []
    # the same run did hold the reporter where it should: the audit office's logged reveal and the notice
    from complaints.clients.notifications import SENT

    assert SENT and SENT[0].email == REPORTER["email"]
    assert rerouted_receipt["receipt_no"] not in "".join(events)
