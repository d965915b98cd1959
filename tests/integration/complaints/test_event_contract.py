"""Event contract, complaints → mileage (issue #14): the REAL outbox entries a decision wrote — not events built by
hand — handed to mileage's proposals consumer as the relay, the bus and the queue would (an SQS batch of EventBridge
events): a deduction is drafted for the office mapped to `mileage.deductions` (the audit office), one per official
given a measure (here the 6th-grade team leader as supervisor: mileage drafts only for those who may earn),
never for the officials' own head."""

from __future__ import annotations

from contracts.complaints import PassiveAdministrationConfirmed
from tests.builders import LambdaContext, call_api, eventbridge_event, outbox, sqs_event, typed
from tests.integration.mileage.conftest import claims as mileage_claims
from tests.integration.mileage.conftest import directory_event, project


def test_a_decisions_events_draft_deductions_for_the_audit_office(api):
    from mileage import on_other_area_event

    assert project(*(directory_event("EmployeeJoined", no) for no in ("E1", "E2", "H1", "A1"))) == {
        "batchItemFailures": []}
    _, case_id = api.investigating()
    status, _ = api.decide(case_id, measures=[
        {"employee_no": "E1", "department": "FIN", "measure": "caution"},
        {"employee_no": "E2", "department": "FIN", "measure": "warning", "liability": "supervisor"}])
    assert status == 200
    published = [e for e in outbox("complaints") if e.detail_type == "PassiveAdministrationConfirmed"]
    assert [typed(e).employee_no for e in published] == ["E1", "E2"]
    assert all(isinstance(typed(e), PassiveAdministrationConfirmed) for e in published)

    batch = sqs_event(*(eventbridge_event(e) for e in published))
    assert on_other_area_event.handler(batch, LambdaContext()) == {"batchItemFailures": []}

    status, body = call_api("mileage", "GET", "/mileage/proposals", claims=mileage_claims("A1"),
                            query={"queue": "deductions"})
    assert status == 200, body
    drafts = sorted((d["employee_no"], d["department"], d["item_code"], d["points"]) for d in body["items"])
    assert drafts == [("E1", "FIN", "PASSIVE", -5), ("E2", "FIN", "PASSIVE", -5)]
    status, body = call_api("mileage", "GET", "/mileage/proposals", claims=mileage_claims("H1"))
    assert status == 200 and body["items"] == []  # the official's head neither sees nor decides them
