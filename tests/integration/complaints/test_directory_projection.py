"""Event contract, directory → complaints: the directory's employee events, delivered as the relay, the bus and the
queue hand them over (an SQS batch of EventBridge events), keep the complaints' staff projection — the newer
version wins, a leaver is no longer assignable — which the object scope and the investigator check read."""

from __future__ import annotations

import pytest

from contracts.directory import EmployeeChanged, EmployeeJoined, EmployeeLeft
from tests.builders import LambdaContext, eventbridge_event, sqs_event


@pytest.fixture(scope="module")
def stack(shared_stack):
    return shared_stack


def deliver(*envelopes) -> None:
    from complaints import on_directory_event

    batch = sqs_event(*(eventbridge_event(e) for e in envelopes))
    assert on_directory_event.handler(batch, LambdaContext()) == {"batchItemFailures": []}


def person(no: str, department: str, roles: list[str], version: int, model=EmployeeJoined, **more):
    return model(employee_no=no, department=department, roles=["staff", *roles], active=True, grade=6,
                 employment_type="regular", team_leader=False, version=version, **more).envelope()


def test_directory_events_keep_the_projection_the_assignment_reads(api):
    from complaints.storage import staff

    deliver(person("N1", "CON", [], 1), person("N1", "AUD", ["audit"], 2, EmployeeChanged,
                                                   changed=["department", "roles"]))
    deliver(person("N1", "CON", [], 1))  # an older version delivered late changes nothing
    assert (staff.get("N1").department, staff.get("N1").roles) == ("AUD", ["audit", "staff"])

    _, case_id = api.investigating()
    path = f"/complaints/cases/{case_id}/investigator"
    assert api("PUT", path, "A1", {"employee_no": "N1"})[0] == 200  # moved into the audit office: may investigate
    deliver(EmployeeLeft(employee_no="N1", department="AUD", roles=["staff"], version=3,
                         changed=["active"]).envelope())
    _, other = api.investigating()
    status, refused = api("PUT", f"/complaints/cases/{other}/investigator", "A1", {"employee_no": "N1"})
    assert (status, refused["code"]) == (422, "INVESTIGATOR_UNKNOWN")
